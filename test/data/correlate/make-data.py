"""Input of test/53-correlate.bats: five numeric columns (ties, missing values
scattered), a constant and a text column. Run from the repository root:
  /usr/bin/python3 test/data/correlate/make-data.py test/data/correlate"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(424242)
n = 80
age = rng.integers(18, 70, n).astype(float)
trust = np.round(3 + 0.03 * (age - 40) + rng.normal(0, 1, n), 1)
use = np.clip(np.round(trust + rng.normal(0, 1.2, n)), 1, 5)   # 1..5, many ties
risk = np.round(-0.5 * trust + rng.normal(0, 1, n), 2)
hours = np.round(rng.exponential(3, n), 1)
cols = {"age": age, "trust": trust, "use": use, "risk": risk, "hours": hours}
for name, k in (("trust", 4), ("use", 6), ("risk", 3), ("hours", 9)):
    cols[name][rng.choice(n, k, replace=False)] = np.nan


def fmt(v):
    if np.isnan(v):
        return ""
    return repr(float(v)) if v != int(v) else str(int(v))


with open(f"{out}/survey.tsv", "w") as f:
    f.write("id\tage\ttrust\tuse\trisk\thours\tconst\tname\n")
    for i in range(n):
        f.write("\t".join([str(i + 1)] + [fmt(cols[c][i]) for c in cols] + ["3", f"r{i}"]) + "\n")
