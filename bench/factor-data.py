#!/usr/bin/python3
"""Generated items for bench/factor.sh: P items on 5 correlated factors, N rows,
answers on a 1-7 scale.  usage: factor-data.py P N SEED > data.tsv"""
import sys

import numpy as np

p, n, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(seed)
k = 5
phi = np.full((k, k), 0.3) + 0.7 * np.eye(k)
lam = rng.uniform(-0.1, 0.15, size=(p, k))
for i in range(p):
    lam[i, i % k] = rng.uniform(0.4, 0.8)
f = rng.multivariate_normal(np.zeros(k), phi, size=n)
common = f @ lam.T
uniq = np.sqrt(np.clip(1 - np.sum((lam @ phi) * lam, axis=1), 0.1, None))
x = common + rng.standard_normal((n, p)) * uniq
x = np.clip(np.round(4 + 1.5 * x), 1, 7).astype(int)
print("\t".join(f"i{j + 1}" for j in range(p)))
for row in x:
    print("\t".join(str(v) for v in row))
