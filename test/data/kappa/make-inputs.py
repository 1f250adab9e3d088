#!/usr/bin/python3
"""Inputs of test/70-kappa.bats (committed; rerun to regenerate):
ordinal.tsv     two raters' 1..5 ratings of 60 units, some missing
reliability.tsv Krippendorff's (2011) example: 4 observers, 12 units, missing values"""
import numpy as np

rng = np.random.default_rng(2021)
with open("ordinal.tsv", "w") as f:
    f.write("unit\tr1\tr2\n")
    for u in range(1, 61):
        a = int(rng.integers(1, 6))
        b = int(min(5, max(1, a + rng.choice([-2, -1, 0, 0, 0, 0, 1, 1]))))
        sa = "" if u in (7, 33) else str(a)
        sb = "" if u in (33, 50) else str(b)
        f.write(f"{u}\t{sa}\t{sb}\n")

# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C.
obs = {
    "A": "1 2 3 3 2 1 4 1 2 . . .",
    "B": "1 2 3 3 2 2 4 1 2 5 . 3",
    "C": ". 3 3 3 2 3 4 2 2 5 1 .",
    "D": "1 2 3 3 2 4 4 1 2 5 1 .",
}
cols = {k: v.split() for k, v in obs.items()}
with open("reliability.tsv", "w") as f:
    f.write("unit\tobs_a\tobs_b\tobs_c\tobs_d\n")
    for u in range(12):
        f.write("%d\t%s\n" % (u + 1, "\t".join("" if cols[k][u] == "." else cols[k][u]
                                              for k in "ABCD")))
