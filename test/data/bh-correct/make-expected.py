#!/usr/bin/python3
"""Inputs and statsmodels expectations of svy bh-correct's tests.

    /usr/bin/python3 test/data/bh-correct/make-expected.py test/data/bh-correct

tests.tsv            p-values in two families (ties, 0, 1, an empty p), other
                     columns that must pass through; rows not sorted by family.
tests.METHOD.tsv     tests.tsv + p_adj + reject (1/0) from
                     statsmodels.stats.multitest.multipletests(p, alpha=0.05,
                     method=M) within each family, M = fdr_bh, fdr_by, holm,
                     bonferroni, simes-hochberg for METHOD = bh, by, holm,
                     bonferroni, hochberg; every float as %.17g.
table4-low/high.tsv  the paper's Table 4 p-values at the low and high ends of
table5-low/high.tsv  their printed rounding ('< .001': 0 and .001), with the
                     printed p* beside them (column pstar).
"""
import sys

import numpy as np
import statsmodels
from statsmodels.stats.multitest import multipletests

out = sys.argv[1]
rng = np.random.default_rng(7)
rows = []
fams = ["RQ1", "RQ2"]
p = list(np.round(rng.uniform(0, 0.2, 9), 6)) + [0.0, 1.0, 0.03, 0.03, 0.5, None, 0.0004]
for i, pv in enumerate(p):
    rows.append([f"H.{i + 1}", fams[i % 3 == 0], "x\\ty" if i == 2 else f"note {i}", pv])
header = ["id", "family", "text", "p"]


def fmt(x):
    if x is None:
        return ""
    if isinstance(x, (float, np.floating)):
        return "%.17g" % x
    return str(x)


with open(f"{out}/tests.tsv", "w") as f:
    f.write("\t".join(header) + "\n")
    for r in rows:
        f.write("\t".join(fmt(v) for v in r) + "\n")

for name, sm in [("bh", "fdr_bh"), ("by", "fdr_by"), ("holm", "holm"),
                 ("bonferroni", "bonferroni"), ("hochberg", "simes-hochberg")]:
    adj = [None] * len(rows)
    rej = [None] * len(rows)
    for fam in fams:
        idx = [i for i, r in enumerate(rows) if r[1] == fam and r[3] is not None]
        reject, q, _, _ = multipletests([rows[i][3] for i in idx], alpha=0.05, method=sm)
        for i, a, b in zip(idx, q, reject):
            adj[i], rej[i] = float(a), int(b)
    with open(f"{out}/tests.{name}.tsv", "w") as f:
        f.write("\t".join(header + ["p_adj", "reject"]) + "\n")
        for r, a, b in zip(rows, adj, rej):
            f.write("\t".join(fmt(v) for v in r + [a, b]) + "\n")

TABLES = {
    "table4": [("H.1.1", ".514", ".62"), ("H.1.2", ".827", ".827"), ("H.1.3", "< .001", ".005"),
               ("H.1.4", ".054", ".109"), ("H.1.5", ".006", ".018"), ("H.1.6", ".129", ".194")],
    "table5": [("H.2.1", ".57", ".685"), ("H.2.2", ".091", ".182"), ("H.2.3", ".296", ".395"),
               ("H.2.4", ".124", ".212"), ("H.2.5", ".002", ".005"), ("H.2.5.1", ".002", ".005"),
               ("H.2.5.2", "< .001", ".003"), ("H.2.5.3", ".254", ".38"),
               ("H.2.6", ".772", ".772"), ("H.2.7", ".727", ".772"),
               ("H.2.8", "< .001", "< .001"), ("H.2.9", "< .001", "< .001")],
}


def interval(s):
    if s.startswith("<"):
        return 0.0, float(s[1:])
    half = 0.5 * 10 ** -len(s.split(".")[1])
    return float(s) - half, float(s) + half


for t, hyp in TABLES.items():
    for end, k in (("low", 0), ("high", 1)):
        with open(f"{out}/{t}-{end}.tsv", "w") as f:
            f.write("id\tfamily\tp_printed\tpstar\tp\n")
            for h, pp, ps in hyp:
                f.write(f"{h}\t{t}\t{pp}\t{ps}\t{round(interval(pp)[k], 6)!r}\n")
print(f"statsmodels {statsmodels.__version__}", file=sys.stderr)
