#!/usr/bin/python3
"""The peer of `actviz curve --fn all --out DIR -q`, in matplotlib, written to be fast.

Every function of `actviz list --json` (default parameters) on [-10, 10], 1001 samples, one
800x500 PNG each (figsize 8x5 at dpi 100): title, axis labels, grid, lines at x = 0 and y = 0,
y limits = data extent + 8 % headroom, x limits = the data, as actviz draws them.

What a competent user does to make this fast, and this script does:
  - no pyplot (its import and backend resolution cost ~40 % more start-up): a bare
    matplotlib.figure.Figure on a FigureCanvasAgg;
  - one figure, one Axes, one Line2D, created once; per function only the line data, the y
    limits, the title text and the y = 0 line's visibility change, then savefig;
  - numpy for the math, no scipy/torch import (erf/erfc via math.erf over 1001 points: well
    under a millisecond, while `import scipy.special` alone costs more than it saves);
  - the default font (DejaVu Sans, already cached by matplotlib) and default PNG settings
    (Pillow, zlib level 6, like actviz's compressionLevel 6).

Usage: /usr/bin/python3 bench/curve_matplotlib.py --out DIR [--fn name,name,...]
Prints nothing on success (like actviz -q); exits 2 on an unknown function name.
"""
import argparse
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

_erf = np.frompyfunc(math.erf, 1, 1)
_erfc = np.frompyfunc(math.erfc, 1, 1)


def erf(x):
    return _erf(x).astype(np.float64)


def erfc(x):
    return _erfc(x).astype(np.float64)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def leaky(slope):
    return lambda x: np.where(x > 0, x, slope * x)


SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

# name -> (display title, f), in `actviz list` order, default parameters.
FUNCTIONS = {
    "elu": ("ELU", lambda x: np.where(x > 0, x, np.expm1(x))),
    "hardshrink": ("Hardshrink", lambda x: np.where(np.abs(x) <= 0.5, 0.0, x)),
    "hardtanh": ("Hardtanh", lambda x: np.clip(x, -1.0, 1.0)),
    "hardsigmoid": ("Hardsigmoid", lambda x: np.clip(x + 3.0, 0.0, 6.0) / 6.0),
    "hardswish": ("Hardswish", lambda x: x * np.clip(x + 3.0, 0.0, 6.0) / 6.0),
    "leaky_relu": ("Leaky ReLU", leaky(0.01)),
    "logsigmoid": ("LogSigmoid", lambda x: -np.logaddexp(0.0, -x)),
    "prelu": ("PReLU", leaky(0.25)),
    "relu": ("ReLU", lambda x: np.maximum(x, 0.0)),
    "relu6": ("ReLU6", lambda x: np.clip(x, 0.0, 6.0)),
    "rrelu": ("RReLU", leaky((1 / 8 + 1 / 3) / 2)),
    "selu": ("SELU", lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x))),
    "silu": ("SiLU", lambda x: x * sigmoid(x)),
    "mish": ("Mish", lambda x: x * np.tanh(np.logaddexp(0.0, x))),
    "celu": ("CELU", lambda x: np.where(x > 0, x, np.expm1(x))),
    "gelu": ("GELU", lambda x: 0.5 * x * erfc(-x * math.sqrt(0.5))),
    "sigmoid": ("Sigmoid", sigmoid),
    "softplus": ("Softplus", lambda x: np.where(x > 20, x, np.logaddexp(0.0, x))),
    "softshrink": ("Softshrink", lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0.0))),
    "softsign": ("Softsign", lambda x: x / (1.0 + np.abs(x))),
    "tanh": ("Tanh", np.tanh),
    "tanhshrink": ("Tanhshrink", lambda x: x - np.tanh(x)),
    "threshold": ("Threshold", lambda x: np.where(x <= 0, 0.0, x)),
    "identity": ("Identity", lambda x: x.copy()),
    "binary_step": ("Binary step", lambda x: np.where(x >= 0, 1.0, 0.0)),
    "swish": ("Swish", lambda x: x * sigmoid(x)),
    "quick_gelu": ("QuickGELU", lambda x: x * sigmoid(1.702 * x)),
    "arctan": ("Arctan", np.arctan),
    "bent_identity": ("Bent identity", lambda x: (np.sqrt(x * x + 1.0) - 1.0) / 2.0 + x),
    "gaussian": ("Gaussian", lambda x: np.exp(-x * x)),
    "sinc": ("Sinc", lambda x: np.sinc(x / np.pi)),
    "sqnl": ("SQNL", lambda x: np.where(np.abs(x) > 2, np.sign(x), x - np.sign(x) * x * x / 4.0)),
    "isru": ("ISRU", lambda x: x / np.sqrt(1.0 + x * x)),
    "isrlu": ("ISRLU", lambda x: np.where(x >= 0, x, x / np.sqrt(1.0 + x * x))),
    "elliott": ("Elliott", lambda x: x / (2.0 * (1.0 + np.abs(x))) + 0.5),
    "squareplus": ("Squareplus", lambda x: (x + np.sqrt(x * x + 4.0)) / 2.0),
    "erf": ("erf", erf),
    "soft_exponential": ("Soft exponential", lambda x: x.copy()),
    "thresholded_relu": ("Thresholded ReLU", lambda x: np.where(x <= 1, 0.0, x)),
}

# actviz's light theme (src/render/theme.ts) and sizes, converted from CSS px to points at dpi 100.
PX = 72 / 100
TEXT, GRID, ZERO, AXIS, BLUE = "#1f2328", "#e3e5e8", "#6b7078", "#3d4148", "#0072B2"
HEADROOM = 0.08


def padded(lo, hi):
    span = hi - lo
    pad = span * HEADROOM if span > 0 else (abs(lo) * HEADROOM or 1.0)
    return lo - pad, hi + pad


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--fn", default=",".join(FUNCTIONS))
    args = ap.parse_args(argv)
    names = [n for n in args.fn.split(",") if n]
    unknown = [n for n in names if n not in FUNCTIONS]
    if unknown:
        print(f"curve_matplotlib: unknown function(s) {', '.join(unknown)}", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)

    x = np.linspace(-10.0, 10.0, 1001)
    fig = Figure(figsize=(8, 5), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.08, right=0.975, top=0.925, bottom=0.105)
    ax.set_xlim(x[0], x[-1])
    # ticks on steps of 1, 2 or 5 (not 2.5) and about as many as Chart.js puts there
    ax.xaxis.set_major_locator(MaxNLocator(nbins=10, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
    ax.set_xlabel("Input", fontsize=13 * PX, color=TEXT)
    ax.set_ylabel("Output", fontsize=13 * PX, color=TEXT)
    ax.tick_params(labelsize=12 * PX, colors=TEXT, color=GRID, length=5 * PX)
    ax.grid(True, color=GRID, linewidth=PX)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(AXIS)
        ax.spines[side].set_linewidth(PX)
    ax.axvline(0.0, color=ZERO, linewidth=PX, zorder=1.5)
    yzero = ax.axhline(0.0, color=ZERO, linewidth=PX, zorder=1.5)
    (line,) = ax.plot(x, x, color=BLUE, linewidth=2 * PX, solid_capstyle="butt", zorder=2)
    title = ax.set_title("", fontsize=16 * PX, fontweight="bold", color=TEXT)

    for name in names:
        display, f = FUNCTIONS[name]
        y = f(x)
        finite = y[np.isfinite(y)]
        lo, hi = padded(float(finite.min()), float(finite.max())) if finite.size else (-1.0, 1.0)
        line.set_ydata(y)
        ax.set_ylim(lo, hi)
        yzero.set_visible(lo < 0 < hi)
        title.set_text(display)
        fig.savefig(os.path.join(args.out, name + ".png"), dpi=100, format="png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
