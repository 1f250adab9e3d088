"""Python references of the pairwise-wilcoxon tests of test/52-tests-exact.bats
over data.tsv, the cases of plan.tsv: scipy.stats.wilcoxon of every pair of
the listed columns (A_i - A_j, i < j) over the rows with every one of them
present (and --where), with test-hypothesis's choice of exact or normal (R's
auto rule, or scipy's with --auto-rule scipy), V the positive ranks (scipy
prints min(V+, V-) two-sided), the matched-pairs rank-biserial over the
nonzero differences (effectsize's), p adjusted within the family by
statsmodels' multipletests. Writes expected.tsv: id groups n statistic p
method effect_size, floats as repr. Run from the repository root:
  /usr/bin/python3 test/data/pairwise-wilcoxon/make-expected.py test/data/pairwise-wilcoxon"""
import csv
import itertools
import os
import shlex
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests

sys.dont_write_bytecode = True	# no __pycache__ under test/data
# the signed-rank reference shared with test/data/ttest/make-expected.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ttest"))
from signrank_ref import wilcoxon_v  # noqa: E402

D = sys.argv[1]
with open(f"{D}/data.tsv") as f:
    data = list(csv.DictReader(f, delimiter="\t"))
with open(f"{D}/plan.tsv") as f:
    plan = list(csv.DictReader(f, delimiter="\t"))

ADJUST = {"bh": "fdr_bh", "by": "fdr_by", "holm": "holm", "bonferroni": "bonferroni",
          "hochberg": "simes-hochberg"}


def options(s):
    o = {"method": "auto", "rule": "r", "zm": "wilcox", "cont": True,
         "alt": "two-sided", "adjust": None, "where": None}
    w = shlex.split(s)
    i = 0
    while i < len(w):
        k = w[i]
        if k == "--no-continuity":
            o["cont"] = False
            i += 1
            continue
        v = w[i + 1]
        i += 2
        if k == "-m":
            o["method"] = v
        elif k == "--auto-rule":
            o["rule"] = v
        elif k == "--zero-method":
            o["zm"] = v
        elif k == "--alternative":
            o["alt"] = v
        elif k == "--adjust":
            o["adjust"] = v
        elif k == "--where":
            o["where"] = v.split("=")
        else:
            raise SystemExit(f"unknown option {k}")
    return o


def signrank(dd, o):
    vp, p, meth = wilcoxon_v(dd, o)
    # the matched-pairs rank-biserial over the nonzero differences
    nz = dd[dd != 0]
    rn = stats.rankdata(np.abs(nz))
    eff = (rn[nz > 0].sum() - rn[nz < 0].sum()) / rn.sum()
    return vp, p, eff, meth


out = []
for case in plan:
    cols = case["variables"].split()
    o = options(case["options"])
    rows = [r for r in data if all(r[c] for c in cols) and
            (o["where"] is None or r[o["where"][0]] in o["where"][1].split(","))]
    x = {c: np.array([float(r[c]) for r in rows]) for c in cols}
    res = []
    for a, b in itertools.combinations(cols, 2):
        res.append((f"{a},{b}",) + signrank(x[a] - x[b], o))
    p = [r[2] for r in res]
    if o["adjust"]:
        p = multipletests(p, method=ADJUST[o["adjust"]])[1]
    for (groups, vp, _, eff, meth), pa in zip(res, p):
        if o["adjust"]:
            meth += "+" + o["adjust"]
        out.append([case["id"], groups, str(len(rows)), repr(float(vp)), repr(float(pa)),
                    meth, repr(float(eff))])
with open(f"{D}/expected.tsv", "w") as f:
    f.write("id\tgroups\tn\tstatistic\tp\tmethod\teffect_size\n")
    for r in out:
        f.write("\t".join(r) + "\n")
