"""Inputs of bench/stream-formats.mjs: one float32 matrix (ReLU on every third column of normal
data) saved as .npy, as HDF5 (contiguous; chunks=True, as h5py picks them; gzip+shuffle) and as
PyTorch files (zip, legacy, and its transpose saved as is).

  /usr/bin/python3 bench/make_stream_formats.py DIR [ROWS]   (default 1,500,000 x 64: 384 MB; gzip 303 MB)

Needs h5py and python3-torch (Debian's). The files are written to DIR, never committed.
"""
import pathlib
import sys

import h5py
import numpy as np
import torch

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_500_000
rng = np.random.default_rng(1)
x = rng.standard_normal((rows, 64), dtype=np.float32) * 2
x[:, ::3] = np.maximum(x[:, ::3], 0)
np.save(out / "acts.npy", x)
with h5py.File(out / "contiguous.h5", "w") as f:
    f.create_dataset("acts", data=x)
with h5py.File(out / "chunked.h5", "w") as f:
    print("chunks=True:", f.create_dataset("acts", data=x, chunks=True).chunks)
with h5py.File(out / "gzip.h5", "w") as f:
    f.create_dataset("acts", data=x, chunks=True, compression="gzip", shuffle=True)
t = torch.from_numpy(x)
torch.save(t, out / "acts.pt")
torch.save(t, out / "acts-legacy.pt", _use_new_zipfile_serialization=False)
torch.save(torch.from_numpy(np.ascontiguousarray(x.T)).t(), out / "transposed.pt")
