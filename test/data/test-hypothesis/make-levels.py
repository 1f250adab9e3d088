#!/usr/bin/python3
"""A chi-square table too large to hold densely, against scipy.

    /usr/bin/python3 test/data/test-hypothesis/make-levels.py test/data/test-hypothesis

levels.tsv           6000 rows, a with 2100 levels and b with 2050 (a
                     2100 x 2050 table, 4.3 million cells, about 6000 of them
                     counted), b related to a.
levels-expected.tsv  n, groups (the shape), df, chi2, p, Cramer's V and the
                     count of expected counts below 5, from
                     scipy.stats.chi2_contingency and contingency.association
                     on the dense table.
"""
import sys

import numpy as np
from scipy import stats

out = sys.argv[1]
rng = np.random.default_rng(3)
n = 6000
a = np.concatenate([np.arange(2100), rng.integers(0, 2100, n - 2100)])
b = np.where(rng.random(n) < 0.5, a % 2050, rng.integers(0, 2050, n))
b[:2050] = np.arange(2050)
with open(f"{out}/levels.tsv", "w") as f:
    f.write("a\tb\n")
    for x, y in zip(a, b):
        f.write(f"L{x}\tM{y}\n")
la, lb = sorted({f"L{x}" for x in a}), sorted({f"M{y}" for y in b})
ia, ib = {v: i for i, v in enumerate(la)}, {v: i for i, v in enumerate(lb)}
t = np.zeros((len(la), len(lb)), dtype=np.int64)
for x, y in zip(a, b):
    t[ia[f"L{x}"], ib[f"M{y}"]] += 1
chi2, p, df, e = stats.chi2_contingency(t, correction=False)
v = stats.contingency.association(t, method="cramer", correction=False)
with open(f"{out}/levels-expected.tsv", "w") as f:
    f.write("n\tgroups\tdf\tstatistic\tp\teffect_size\tsmall\n")
    f.write(f"{n}\t{len(la)}x{len(lb)}\t{int(df)}\t{chi2!r}\t{p!r}\t{v!r}\t{int((e < 5).sum())}\n")
