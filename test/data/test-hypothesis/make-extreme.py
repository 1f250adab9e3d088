#!/usr/bin/python3
"""Correlations over the whole range of doubles, against arbitrary precision.

    /usr/bin/python3 test/data/test-hypothesis/make-extreme.py test/data/test-hypothesis

extreme.tsv           pairs of columns: one data set (n = 40, r near .853)
                      written at 1e200 (sums of squares overflow), at 1e-320
                      (denormals: every value differs), near +-1e308, shifted
                      to 1e15 + small differences, and x ordinary with y near
                      1e-300.
extreme-plan.tsv      pearson and spearman on each pair.
extreme-expected.tsv  id, n, df, statistic, p: r (or rho, r of the ranks) of
                      the doubles the fields read as, computed exactly
                      (mpmath, 60 digits), and p from Student's t at that r.
"""
import sys

import mpmath as mp
import numpy as np

mp.mp.dps = 60
out = sys.argv[1]
rng = np.random.default_rng(13)
n = 40
x = rng.integers(1, 100, n)
y = np.round(0.853 * (x - x.mean()) + rng.normal(0, 16, n) + 50).astype(int)
cols = {
    "big_x": [f"{v}e200" for v in x], "big_y": [f"{v}e200" for v in y],
    "tiny_x": [f"{v}e-321" for v in x], "tiny_y": [f"{v}e-321" for v in y],
    "huge_x": [f"{v - 50}e306" for v in x], "huge_y": [f"{v - 50}e306" for v in y],
    "shift_x": [f"{10**15 + v}" for v in x], "shift_y": [f"{10**15 + 7 * v}" for v in y],
    "mix_x": [str(v) for v in x], "mix_y": [f"{v}e-300" for v in y],
}
names = list(cols)
with open(f"{out}/extreme.tsv", "w") as f:
    f.write("\t".join(names) + "\n")
    for i in range(n):
        f.write("\t".join(cols[c][i] for c in names) + "\n")


def exact_r(a, b):
    a = [mp.mpf(float(v)) for v in a]
    b = [mp.mpf(float(v)) for v in b]
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    sab = sum((u - ma) * (v - mb) for u, v in zip(a, b))
    saa = sum((u - ma) ** 2 for u in a)
    sbb = sum((v - mb) ** 2 for v in b)
    return sab / mp.sqrt(saa * sbb)


def ranks(a):
    a = [float(v) for v in a]
    s = sorted(a)
    first = {}
    for i, v in enumerate(s):
        first.setdefault(v, i)
    count = {v: s.count(v) for v in set(s)}
    return [first[v] + (count[v] + 1) / 2 for v in a]


def t_p(r, n):
    df = n - 2
    t = abs(r) * mp.sqrt(df / ((1 + r) * (1 - r)))
    return mp.betainc(mp.mpf(df) / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True)


plan, rows = [], []
for k, pair in enumerate(["big", "tiny", "huge", "shift", "mix"]):
    a, b = cols[pair + "_x"], cols[pair + "_y"]
    for test in ("pearson", "spearman"):
        cid = f"{pair}-{test}"
        r = exact_r(a, b) if test == "pearson" else exact_r(ranks(a), ranks(b))
        plan.append((cid, test, f"{pair}_x {pair}_y"))
        rows.append((cid, n, n - 2, mp.nstr(r, 17), mp.nstr(t_p(r, n), 17)))
with open(f"{out}/extreme-plan.tsv", "w") as f:
    f.write("id\ttest\tvariables\n")
    for p in plan:
        f.write("\t".join(p) + "\n")
with open(f"{out}/extreme-expected.tsv", "w") as f:
    f.write("id\tn\tdf\tstatistic\tp\n")
    for r in rows:
        f.write("\t".join(str(v) for v in r) + "\n")
