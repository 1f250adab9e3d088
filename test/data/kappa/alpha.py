#!/usr/bin/python3
"""Krippendorff's alpha, straight from the definition (Krippendorff 2011): every
ordered pair of values within a unit, weighted 1/(m_u - 1). An independent check
of svy's coincidence-matrix code. usage: alpha.py METRIC COL... < TSV"""
import sys
from itertools import permutations

metric, cols = sys.argv[1], sys.argv[2:]
lines = sys.stdin.read().splitlines()
head = lines[0].split("\t")
idx = [head.index(c) for c in cols]
units = [[r.split("\t")[i] for i in idx] for r in lines[1:]]
num = float if metric != "nominal" else str  # nominal codes may be any strings
units = [[num(v) for v in u if v != ""] for u in units]
units = [u for u in units if len(u) >= 2]
vals = sorted({v for u in units for v in u})
n_c = {v: 0.0 for v in vals}
pairs = []  # (c, k, weight)
for u in units:
    for i, j in permutations(range(len(u)), 2):
        pairs.append((u[i], u[j], 1.0 / (len(u) - 1)))
    for v in u:
        n_c[v] += 1
n = sum(n_c.values())

def d2(c, k):
    if metric == "nominal":
        return float(c != k)
    if metric == "interval":
        return (c - k) ** 2
    if metric == "ratio":
        return ((c - k) / (c + k)) ** 2 if c + k else 0.0
    lo, hi = min(c, k), max(c, k)
    s = sum(n_c[g] for g in vals if lo <= g <= hi) - (n_c[c] + n_c[k]) / 2
    return s * s

do = sum(w * d2(c, k) for c, k, w in pairs) / n
de = sum(n_c[c] * n_c[k] * d2(c, k) for c in vals for k in vals) / (n * (n - 1))
print("units\tn\tobserved\texpected\talpha")
print("%d\t%.17g\t%.17g\t%.17g\t%.17g" % (len(units), n, do, de, 1 - do / de))
