#!/usr/bin/python3
"""The peer of `actviz neurons FILE.npy --out DIR -q` (and `--plot heatmap --stats F`), in matplotlib.

--plot line (the default): one 800x500 PNG per neuron, neuron-000.png ... (figsize 8x5 at dpi
100), title "Neuron i", axis labels "Sample" and "Activation", grid, a line at y = 0, x limits
= the samples, y limits = data extent + 8 % headroom, in actviz's light theme colours and sizes.
Written the way a competent user makes it fast, as bench/curve_matplotlib.py:
  - no pyplot: a bare matplotlib.figure.Figure on a FigureCanvasAgg;
  - one figure, one Axes, one Line2D, created once; per neuron only set_ydata, relim +
    autoscale_view (margins x 0, y 0.08), the title text, then savefig;
  - OPENBLAS_NUM_THREADS=1 (unless set): same wall time, half the CPU;
  - every sample is passed to Agg (matplotlib's default path simplification applies); actviz
    decimates long lines to two points per pixel column (min-max), matplotlib does not.

--plot heatmap: np.load, a per-neuron report (mean, std, min, max, inactive fraction <= 0,
dead) written as JSON to --stats, and one 800x500 heatmap PNG (samples along x, neuron 0 at the
top, viridis, colour bar), as `actviz neurons --plot heatmap --stats F` does. --heatmap-full
draws the whole array with imshow(interpolation='nearest') and lets Agg resample it; the
default first averages blocks down to at most 610 x 400 cells, about the plot area in pixels,
as actviz does (and as a user would to keep imshow fast).

Usage: /usr/bin/python3 bench/neurons_matplotlib.py FILE.npy --out DIR [--plot line|heatmap]
       [--stats FILE] [--heatmap-full]
Prints nothing on success (like actviz -q).
"""
import argparse
import json
import os
import sys

# matplotlib's transforms call numpy's BLAS for 3x3 products; OpenBLAS then keeps a worker thread
# spinning on the second core (CPU ~1.3-2x wall) for no gain in wall time: one thread is enough.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

# actviz's light theme (src/render/theme.ts) and sizes, converted from CSS px to points at dpi 100.
PX = 72 / 100
TEXT, GRID, ZERO, AXIS, BLUE = "#1f2328", "#e3e5e8", "#6b7078", "#3d4148", "#0072B2"
HEADROOM = 0.08
# actviz's default heatmap budget at 800x500: width - 190, height - 100 (src/render/heatmap-chart.ts)
HEAT_COLS, HEAT_ROWS = 610, 400


def styled_axes(fig, xlabel, ylabel):
    ax = fig.add_subplot()
    ax.set_xlabel(xlabel, fontsize=13 * PX, color=TEXT)
    ax.set_ylabel(ylabel, fontsize=13 * PX, color=TEXT)
    ax.tick_params(labelsize=12 * PX, colors=TEXT, color=GRID, length=5 * PX)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(AXIS)
        ax.spines[side].set_linewidth(PX)
    return ax


def line_charts(a, out):
    samples, neurons = a.shape
    pad = len(str(max(0, neurons - 1)))
    x = np.arange(samples, dtype=np.float64)
    fig = Figure(figsize=(8, 5), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    ax = styled_axes(fig, "Sample", "Activation")
    fig.subplots_adjust(left=0.08, right=0.975, top=0.925, bottom=0.105)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=10, steps=[1, 2, 5, 10], integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
    ax.grid(True, color=GRID, linewidth=PX)
    ax.set_axisbelow(True)
    ax.margins(x=0.0, y=HEADROOM)
    yzero = ax.axhline(0.0, color=ZERO, linewidth=PX, zorder=1.5)
    (line,) = ax.plot(x, a[:, 0], color=BLUE, linewidth=1.5 * PX, solid_joinstyle="round", zorder=2)
    title = ax.set_title("", fontsize=16 * PX, fontweight="bold", color=TEXT)
    for i in range(neurons):
        line.set_ydata(a[:, i])
        ax.relim()
        ax.autoscale_view()
        lo, hi = ax.get_ylim()
        yzero.set_visible(lo < 0 < hi)
        title.set_text(f"Neuron {i}")
        fig.savefig(os.path.join(out, f"neuron-{i:0{pad}d}.png"), dpi=100, format="png")


def report(a, source):
    """Per-neuron statistics, plain numpy over axis 0, as a user would write them."""
    inactive = a <= 0
    frac = inactive.mean(axis=0)
    dead = inactive.all(axis=0)
    del inactive
    mean, std, lo, hi = a.mean(axis=0), a.std(axis=0), a.min(axis=0), a.max(axis=0)
    per = [
        {"index": i, "mean": float(mean[i]), "std": float(std[i]), "min": float(lo[i]), "max": float(hi[i]),
         "inactive_fraction": float(frac[i]), "dead": bool(dead[i])}
        for i in range(a.shape[1])
    ]
    n_dead = int(dead.sum())
    return {"source": source, "samples": a.shape[0], "neurons": a.shape[1], "dead": n_dead,
            "dead_fraction": n_dead / a.shape[1], "per_neuron": per}


def block_mean(a, rows, cols):
    """Means of consecutive blocks (sizes differing by at most one), as actviz's downsampleMatrix."""
    r_edges = (np.arange(min(rows, a.shape[0])) * a.shape[0] + min(rows, a.shape[0]) - 1) // min(rows, a.shape[0])
    c_edges = (np.arange(min(cols, a.shape[1])) * a.shape[1] + min(cols, a.shape[1]) - 1) // min(cols, a.shape[1])
    # float32 sums of ~100 values per block: reduceat with dtype=float64 would first copy the
    # whole array to float64 (2x the file in RAM)
    summed = np.add.reduceat(np.add.reduceat(a, r_edges, axis=0), c_edges, axis=1).astype(np.float64)
    counts = np.outer(np.diff(np.append(r_edges, a.shape[0])), np.diff(np.append(c_edges, a.shape[1])))
    return summed / counts


def heatmap(a, out, full):
    samples, neurons = a.shape
    fig = Figure(figsize=(8, 5), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    ax = styled_axes(fig, "Sample", "Neuron")
    extent = (-0.5, samples - 0.5, neurons - 0.5, -0.5)
    if full:
        img = ax.imshow(a.T, aspect="auto", interpolation="nearest", cmap="viridis", extent=extent)
    else:
        grid = block_mean(a, HEAT_COLS, HEAT_ROWS)
        img = ax.imshow(grid.T, aspect="auto", interpolation="nearest", cmap="viridis", extent=extent)
    ax.set_title("Activations (neurons × samples)", fontsize=16 * PX, fontweight="bold", color=TEXT)
    bar = fig.colorbar(img, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label("Activation", fontsize=13 * PX, color=TEXT)
    bar.ax.tick_params(labelsize=12 * PX, colors=TEXT)
    fig.savefig(os.path.join(out, "heatmap.png"), dpi=100, format="png")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--out", required=True)
    ap.add_argument("--plot", choices=("line", "heatmap"), default="line")
    ap.add_argument("--stats")
    ap.add_argument("--heatmap-full", action="store_true")
    args = ap.parse_args(argv)
    a = np.load(args.file)
    if a.ndim != 2:
        print(f"neurons_matplotlib: {args.file}: shape {a.shape} (expected [samples, neurons])", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    if args.plot == "line":
        line_charts(a, args.out)
    else:
        doc = report(a, args.file)
        if args.stats:
            with open(args.stats, "w") as f:
                json.dump(doc, f, indent=2)
                f.write("\n")
        heatmap(a, args.out, args.heatmap_full)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
