"""NumPy's side of bench/dense.mjs: 10,000 inputs through dense MLPs, float64, y = relu(x W^T + b)
for hidden layers and x W^T + b for the last; prints JSON {"784-128-10": [ms, ...], ...}.
Run with Debian's python: /usr/bin/python3 bench/dense_numpy.py RUNS"""
import json
import sys
import time

import numpy as np

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
rng = np.random.default_rng(0)
out = {"numpy": np.__version__}
try:  # which BLAS, kernel and thread count NumPy runs with, as a user of this machine has it
    from threadpoolctl import threadpool_info

    out["blas"] = ", ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} {i.get('num_threads')} threads" for i in threadpool_info())
except ImportError:
    out["blas"] = "unknown (no threadpoolctl)"
for sizes in ([784, 128, 10], [64, 32, 16, 10]):
    x = rng.standard_normal((10_000, sizes[0]))
    layers = [(rng.standard_normal((o, i)) / np.sqrt(i), rng.standard_normal(o)) for i, o in zip(sizes, sizes[1:])]
    times = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        h = x
        for k, (w, b) in enumerate(layers):
            h = h @ w.T + b
            if k < len(layers) - 1:
                h = np.maximum(h, 0)
        times.append((time.perf_counter() - t) * 1000)
    out["-".join(map(str, sizes))] = times[1:]
print(json.dumps(out))
