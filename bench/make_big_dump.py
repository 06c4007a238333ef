"""A big activation dump for bench/big-dump.mjs: N x 1024 float32 .npy, written in blocks.

    /usr/bin/python3 bench/make_big_dump.py OUT.npy ROWS

Columns: normal with a per-column scale and offset; every other column through ReLU (exact
zeros, ties), one column in 64 all zero (dead). Deterministic (seed 17). Written through
np.lib.format.open_memmap, 20,000 rows at a time, so memory stays small.
"""
import sys

import numpy as np

out, rows = sys.argv[1], int(sys.argv[2])
cols = 1024
rng = np.random.default_rng(17)
scale = rng.uniform(0.2, 3.0, cols).astype(np.float32)
offset = rng.uniform(-1.0, 1.0, cols).astype(np.float32)
relu = np.arange(cols) % 2 == 1
dead = np.arange(cols) % 64 == 0
m = np.lib.format.open_memmap(out, mode="w+", dtype="<f4", shape=(rows, cols))
for start in range(0, rows, 20000):
    end = min(rows, start + 20000)
    x = rng.standard_normal((end - start, cols), dtype=np.float32) * scale + offset
    x[:, relu] = np.maximum(x[:, relu], 0)
    x[:, dead] = 0
    m[start:end] = x
m.flush()
