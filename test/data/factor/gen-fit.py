#!/usr/bin/python3
"""Inputs of test/41-factor-fit.bats: survey-shaped items whose maximum-
likelihood fit has local minima.  usage: gen-fit.py SHAPE SEED > data.tsv

SHAPE is one of
  likert22  22 Likert items (1-5), n = 205: two correlated batteries of 8
            and a third of 6 with one item close to its factor (Heywood-prone)
  ord       12 items scored 0/1/2, n = 300, on 4 correlated factors
  wide      300 items (1-7) on 5 factors, n = 600 (the size test)
"""
import sys

import numpy as np

shape, seed = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(seed)


def draw(lam, phi, n):
    k = lam.shape[1]
    f = rng.multivariate_normal(np.zeros(k), phi, size=n)
    h2 = np.sum((lam @ phi) * lam, axis=1)
    e = rng.standard_normal((n, lam.shape[0])) * np.sqrt(np.clip(1 - h2, 0.02, None))
    return f @ lam.T + e


if shape == "likert22":
    n, p = 205, 22
    lam = np.zeros((p, 3))
    lam[:8, 0] = rng.uniform(0.45, 0.8, 8)
    lam[8:16, 1] = rng.uniform(0.45, 0.8, 8)
    lam[16:, 2] = rng.uniform(0.3, 0.6, 6)
    lam[16, 2] = 0.97
    lam[:, :2] += rng.uniform(-0.15, 0.2, (p, 2)) * (lam[:, :2] == 0)
    phi = np.array([[1, 0.5, 0.3], [0.5, 1, 0.2], [0.3, 0.2, 1]])
    z = draw(lam, phi, n)
    x = np.clip(np.round(3 + 1.1 * z + rng.normal(0, 0.3, z.shape)), 1, 5)
    names = [f"a{i + 1}" for i in range(8)] + [f"b{i + 1}" for i in range(8)] + \
        [f"c{i + 1}" for i in range(6)]
elif shape == "ord":
    n, p, k = 300, 12, 4
    lam = rng.uniform(-0.1, 0.2, (p, k))
    for i in range(p):
        lam[i, i % k] = rng.uniform(0.4, 0.85)
    phi = np.full((k, k), 0.35) + 0.65 * np.eye(k)
    z = draw(lam, phi, n)
    cut = rng.uniform(-0.8, 0.2, p)
    x = (z > cut).astype(int) + (z > cut + rng.uniform(0.5, 1.2, p)).astype(int)
    names = [f"q{i + 1}" for i in range(p)]
elif shape == "wide":
    n, p, k = 600, 300, 5
    lam = rng.uniform(-0.1, 0.15, (p, k))
    for i in range(p):
        lam[i, i % k] = rng.uniform(0.4, 0.8)
    phi = np.full((k, k), 0.3) + 0.7 * np.eye(k)
    x = np.clip(np.round(4 + 1.5 * draw(lam, phi, n)), 1, 7)
    names = [f"i{i + 1}" for i in range(p)]
else:
    sys.exit(f"gen-fit.py: unknown shape {shape}")

print("\t".join(names))
for row in x.astype(int):
    print("\t".join(str(v) for v in row))
