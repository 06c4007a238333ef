#!/usr/bin/python3
"""Writes the deterministic inputs of the `actviz neurons` benchmark (bench/neurons.mjs).

Each input is ReLU of standard normal data, float32, C order, as a .npy file; every input has
its own seed, so a file does not depend on which others were made. Files that already exist
with the right header are kept (the big one takes a while to write).

  job1  lines-1000x128.npy      1000 samples x 128 neurons     (0.5 MB)
  job2  lines-10000x512.npy     10000 samples x 512 neurons    (20 MB)
  job3  rss-500x2000.npy        500 samples x 2000 neurons     (4 MB)
  job4  big-60000x1024.npy      60000 samples x 1024 neurons   (246 MB)

Usage: /usr/bin/python3 bench/make_inputs.py --dir bench/.out/inputs [--only job1,job2,...]
Prints one line per file (path, shape, made or kept) to stderr.
"""
import argparse
import os
import sys

import numpy as np

INPUTS = {
    "job1": ("lines-1000x128.npy", (1000, 128), 1),
    "job2": ("lines-10000x512.npy", (10000, 512), 2),
    "job3": ("rss-500x2000.npy", (500, 2000), 3),
    "job4": ("big-60000x1024.npy", (60000, 1024), 4),
}

# rows per block when writing, so the big file never needs a float64 copy of itself
BLOCK = 4096


def is_current(path, shape):
    try:
        a = np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return False
    return a.shape == shape and a.dtype == np.dtype("<f4") and a.flags.c_contiguous


def write(path, shape, seed):
    rng = np.random.default_rng(seed)
    tmp = path + ".tmp"
    out = np.lib.format.open_memmap(tmp, mode="w+", dtype="<f4", shape=shape)
    for start in range(0, shape[0], BLOCK):
        rows = min(BLOCK, shape[0] - start)
        block = rng.standard_normal((rows, shape[1]), dtype=np.float32)
        np.maximum(block, 0.0, out=block)
        out[start : start + rows] = block
    out.flush()
    del out
    os.replace(tmp, path)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--only", default=",".join(INPUTS))
    args = ap.parse_args(argv)
    jobs = [j for j in args.only.split(",") if j]
    unknown = [j for j in jobs if j not in INPUTS]
    if unknown:
        print(f"make_inputs: unknown job(s) {', '.join(unknown)} (expected {', '.join(INPUTS)})", file=sys.stderr)
        return 2
    os.makedirs(args.dir, exist_ok=True)
    for job in jobs:
        name, shape, seed = INPUTS[job]
        path = os.path.join(args.dir, name)
        if is_current(path, shape):
            print(f"make_inputs: {path} {shape[0]}x{shape[1]} kept", file=sys.stderr)
            continue
        write(path, shape, seed)
        print(f"make_inputs: {path} {shape[0]}x{shape[1]} made", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
