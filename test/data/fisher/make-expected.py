"""Python references of test/52-tests-exact.bats over exact.tsv: statsmodels'
mcnemar (exact=True) and cochrans_q; Dunn's test by its definition (Dunn
1964, the tie correction of R's dunn.test and scikit-posthocs' posthoc_dunn,
neither installable here); scipy's mannwhitneyu for every pair; p adjusted
by statsmodels' multipletests. Run from the repository root:
  /usr/bin/python3 test/data/fisher/make-expected.py test/data/fisher"""
import csv
import itertools
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar, cochrans_q
from statsmodels.stats.multitest import multipletests

D = sys.argv[1]
with open(f"{D}/exact.tsv") as f:
    rows = list(csv.DictReader(f, delimiter="\t"))


def num(v):
    return repr(float(v))


def write(name, header, out):
    with open(f"{D}/{name}", "w") as f:
        f.write("\t".join(header) + "\n")
        for r in out:
            f.write("\t".join(r) + "\n")


# McNemar, exact binomial (statsmodels' default)
pp = [(r["pre"], r["post"]) for r in rows if r["pre"] and r["post"]]
t = np.zeros((2, 2))
for a, b in pp:
    t[int(a), int(b)] += 1
m = mcnemar(t, exact=True)
b, c = t[0, 1], t[1, 0]
write("mcnemar-exact-expected.tsv", ["id", "statistic", "p", "effect_size"],
      [["M1", num(m.statistic), num(m.pvalue), num(max(b, c) / (b + c) - 0.5)]])

# Cochran's Q over complete rows
out = []
for id_, cols in (("C1", ["i1", "i2", "i3", "i4"]), ("C2", ["i1", "i2", "i3"])):
    x = np.array([[int(r[c]) for c in cols] for r in rows if all(r[c] for c in cols)])
    q = cochrans_q(x)
    n, k = x.shape
    out.append([id_, num(q.statistic), num(q.pvalue), num(q.statistic / (n * (k - 1)))])
write("cochran-expected.tsv", ["id", "statistic", "p", "effect_size"], out)

# Dunn's test and pairwise Mann-Whitney U
vals = [(r["g"], float(r["x"])) for r in rows if r["g"] and r["x"]]
groups = sorted({g for g, _ in vals})
x = np.array([v for _, v in vals])
g = np.array([gg for gg, _ in vals])
ranks = stats.rankdata(x)
N = len(x)
_, counts = np.unique(x, return_counts=True)
ties = np.sum(counts ** 3 - counts)
var = N * (N + 1) / 12 - ties / (12 * (N - 1))
pairs = list(itertools.combinations(groups, 2))
z = []
for a, b in pairs:
    na, nb = np.sum(g == a), np.sum(g == b)
    z.append((ranks[g == a].mean() - ranks[g == b].mean()) / np.sqrt(var * (1 / na + 1 / nb)))
p = [2 * stats.norm.sf(abs(v)) for v in z]
out = []
for id_, method in (("P1", None), ("P2", "holm"), ("P3", "fdr_bh")):
    adj = p if method is None else multipletests(p, method=method)[1]
    for (a, b), zz, pa in zip(pairs, z, adj):
        out.append([id_, f"{a},{b}", num(zz), num(pa)])
u, pu, eff = [], [], []
for a, b in pairs:
    r = stats.mannwhitneyu(x[g == a], x[g == b])
    u.append(r.statistic)
    pu.append(r.pvalue)
    eff.append(2 * r.statistic / (np.sum(g == a) * np.sum(g == b)) - 1)
adj = multipletests(pu, method="bonferroni")[1]
for (a, b), uu, pa in zip(pairs, u, adj):
    out.append(["P4", f"{a},{b}", num(uu), num(pa)])
write("posthoc-expected.tsv", ["id", "groups", "statistic", "p"], out)
