"""NumPy's side of bench/big-dump.mjs: what `actviz neurons --plot summary --stats` reports,
computed by NumPy over the same .npy: per-column mean, std, the report's quantiles (np.quantile,
linear) and the dead count (a column <= 0 everywhere), the file read whole as numpy does it.

    /usr/bin/python3 bench/big_dump_numpy.py FILE.npy [REPORT.json]

With REPORT.json (actviz's --stats output), also checks that the quantiles agree bit for bit
and prints "quantiles equal" or the first difference.
"""
import json
import sys

import numpy as np

x = np.load(sys.argv[1])
mean = x.mean(axis=0, dtype=np.float64)
std = x.std(axis=0, dtype=np.float64)
qs = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
q = np.quantile(x, qs, axis=0).astype(np.float64)
dead = int(np.sum(np.all(x <= 0, axis=0)))
print(f"dead {dead}", file=sys.stderr)
if len(sys.argv) > 2:
    with open(sys.argv[2]) as f:
        report = json.load(f)
    for j, n in enumerate(report["per_neuron"]):
        for k, key in enumerate(["0.01", "0.05", "0.25", "0.5", "0.75", "0.95", "0.99"]):
            if n["quantiles"][key] != float(q[k, j]):
                print(f"neuron {j} q {key}: actviz {n['quantiles'][key]!r} numpy {float(q[k, j])!r}")
                sys.exit(1)
    print("quantiles equal")
