#!/usr/bin/python3
"""Writes the inputs of bench/hdf5.mjs: one ReLU matrix (10000 x 512 float32, seed 2, as
make_inputs.py's job2) in every format the reader benchmark compares.

  matrix.npy        np.save
  contiguous.h5     h5py, contiguous storage
  gzip.h5           h5py, chunks of 256 rows, gzip level 4 + shuffle
  matrix.txt        np.savetxt default (%.18e, spaces)
  matrix.csv        np.savetxt(delimiter=",", fmt="%.9g")

Usage: /usr/bin/python3 bench/make_hdf5_inputs.py --dir bench/.out/hdf5
"""
import argparse
import os

import h5py
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--dir", default="bench/.out/hdf5")
out = p.parse_args().dir
os.makedirs(out, exist_ok=True)
a = np.maximum(np.random.default_rng(2).standard_normal((10000, 512), dtype=np.float32), 0)
np.save(os.path.join(out, "matrix.npy"), a)
with h5py.File(os.path.join(out, "contiguous.h5"), "w") as f:
    f.create_dataset("acts", data=a)
with h5py.File(os.path.join(out, "gzip.h5"), "w") as f:
    f.create_dataset("acts", data=a, chunks=(256, 512), compression="gzip", compression_opts=4, shuffle=True)
np.savetxt(os.path.join(out, "matrix.txt"), a)
np.savetxt(os.path.join(out, "matrix.csv"), a, delimiter=",", fmt="%.9g")
for name in sorted(os.listdir(out)):
    print(name, os.path.getsize(os.path.join(out, name)))
