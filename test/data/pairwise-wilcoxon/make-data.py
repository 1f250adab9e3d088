"""Inputs of the pairwise-wilcoxon tests of test/52-tests-exact.bats: four
continuous related columns c1..c4 (no zero or tied differences: the exact
distribution), three Likert columns l1..l3 (zeros and ties: the normal
approximation and the zero methods), t1, t2 (tied |differences|, no zeros:
scipy's exact p of tied ranks), a group g for --where; missing values in c4
and l3 (the rows are listwise over a test's columns). Run from the
repository root:
  /usr/bin/python3 test/data/pairwise-wilcoxon/make-data.py test/data/pairwise-wilcoxon"""
import itertools
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20260524)
n = 40
base = rng.normal(50, 10, n)
c = [np.round(base + rng.normal(shift, 4, n), 4) for shift in (0, 1.5, 3, 0.5)]
person = rng.integers(2, 6, n)
lik = [np.clip(person + rng.integers(-1, 2, n) + bump, 1, 7) for bump in (0, 0, 1)]
t1 = rng.integers(1, 10, n)
t2 = t1 + rng.choice([-3, -2, -1, 1, 2, 3, 4], n)
g = np.where(rng.random(n) < 0.5, "a", "b")

rows = []
for i in range(n):
    rows.append([str(i + 1)] + [repr(float(x[i])) for x in c] +
                [str(int(x[i])) for x in lik] + [str(int(t1[i])), str(int(t2[i])), g[i]])
# missing values: c4 (rows 3, 17, 30) and l3 (rows 8, 25)
for i in (2, 16, 29):
    rows[i][4] = ""
for i in (7, 24):
    rows[i][7] = ""

# the exact cases need distinct nonzero |differences| of every pair of c1..c4
for a, b in itertools.combinations(range(4), 2):
    d = np.abs(c[a] - c[b])
    assert np.all(d > 0) and len(np.unique(d)) == n, (a, b)

hdr = ["id", "c1", "c2", "c3", "c4", "l1", "l2", "l3", "t1", "t2", "g"]
with open(f"{out}/data.tsv", "w") as f:
    f.write("\t".join(hdr) + "\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
