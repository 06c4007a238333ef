"""NumPy's side of bench/dense.mjs: 10,000 inputs through dense MLPs, float64, y = relu(x W^T + b)
for hidden layers and x W^T + b for the last.

Serves timings on request, so that bench/dense.mjs can interleave NumPy's runs with actviz's (this
machine's speed drifts by tens of percent over seconds; runs taken at the same moment are comparable):
prints one JSON line {"numpy": version, "blas": ...}, then for each line read from stdin naming a
network ("784-128-10") runs one forward pass and prints its milliseconds.
Run with Debian's python: /usr/bin/python3 bench/dense_numpy.py"""
import json
import sys
import time

import numpy as np

rng = np.random.default_rng(0)
info = {"numpy": np.__version__}
try:  # which BLAS, kernel and thread count NumPy runs with, as a user of this machine has it
    from threadpoolctl import threadpool_info

    info["blas"] = ", ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} {i.get('num_threads')} threads" for i in threadpool_info())
except ImportError:
    info["blas"] = "unknown (no threadpoolctl)"

nets = {}
for sizes in ([784, 128, 10], [64, 32, 16, 10]):
    x = rng.standard_normal((10_000, sizes[0]))
    layers = [(rng.standard_normal((o, i)) / np.sqrt(i), rng.standard_normal(o)) for i, o in zip(sizes, sizes[1:])]
    nets["-".join(map(str, sizes))] = (x, layers)


def forward(x, layers):
    h = x
    for k, (w, b) in enumerate(layers):
        h = h @ w.T + b
        if k < len(layers) - 1:
            h = np.maximum(h, 0)
    return h


for x, layers in nets.values():
    forward(x, layers)  # warm-up
print(json.dumps(info), flush=True)
for line in sys.stdin:
    x, layers = nets[line.strip()]
    t = time.perf_counter()
    forward(x, layers)
    print((time.perf_counter() - t) * 1000, flush=True)
