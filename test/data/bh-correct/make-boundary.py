#!/usr/bin/python3
"""p-values at the exact floating-point boundaries of each method's 'reject'
rule, and statsmodels' decisions on them.

    /usr/bin/python3 test/data/bh-correct/make-boundary.py test/data/bh-correct

boundary.tsv          families of m = 4 p-values, each p written as %.17g (it
                      reads back as the same double): the issue's case
                      (0.037500000000000006 = (3/4) 0.05 in floating point,
                      rejected by statsmodels' fdr_bh although its p_adj is
                      0.05000000000000001 > 0.05), every p at the threshold of
                      bh, by, holm/hochberg and bonferroni, and one ulp above.
boundary.METHOD.tsv   boundary.tsv + p_adj + reject of
                      statsmodels.stats.multitest.multipletests(p, alpha=0.05,
                      method=M) per family (M as in make-expected.py).
"""
import sys

import numpy as np
from statsmodels.stats.multitest import multipletests

out = sys.argv[1]
alpha, m = 0.05, 4
i = np.arange(1, m + 1)
cm = np.sum(1.0 / np.arange(1, m + 1))
thresholds = {
    "bh": (i / float(m)) * alpha,
    "by": (i / float(m) / cm) * alpha,
    "holm": alpha / np.arange(m, 0, -1),
    "bonferroni": np.full(m, alpha / float(m)),
}
fams = [("issue", [0.001, 0.02, 0.037500000000000006, 0.5])]
for name, t in thresholds.items():
    fams.append((f"{name}-at", list(t)))
    fams.append((f"{name}-above", list(np.nextafter(t, 1))))
    fams.append((f"{name}-below", list(np.nextafter(t, 0))))
# a single p at each threshold, the others far from theirs
for name, t in thresholds.items():
    for k in range(m):
        p = [1e-6, 1e-5, 0.7, 0.9]
        p[k] = float(t[k])
        fams.append((f"{name}-one{k + 1}", sorted(p)))

rows = [(f, p) for f, ps in fams for p in ps]
with open(f"{out}/boundary.tsv", "w") as fh:
    fh.write("family\tp\n")
    for f, p in rows:
        fh.write(f"{f}\t{p!r}\n")
for name, sm in [("bh", "fdr_bh"), ("by", "fdr_by"), ("holm", "holm"),
                 ("bonferroni", "bonferroni"), ("hochberg", "simes-hochberg")]:
    with open(f"{out}/boundary.{name}.tsv", "w") as fh:
        fh.write("family\tp\tp_adj\treject\n")
        for f, ps in fams:
            reject, q, _, _ = multipletests(ps, alpha=alpha, method=sm)
            for p, a, b in zip(ps, q, reject):
                fh.write(f"{f}\t{p!r}\t{float(a)!r}\t{int(b)}\n")
