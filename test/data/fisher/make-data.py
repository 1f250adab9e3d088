"""Inputs of test/52-tests-exact.bats: categorical, paired binary and grouped
data for fisher, mcnemar, cochran, dunn, pairwise-mannwhitney and
chi2-residuals. Run: /usr/bin/python3 test/data/fisher/make-data.py test/data/fisher"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(20261207)
n = 60
rows = []
for i in range(n):
    a = "yes" if rng.random() < 0.45 else "no"
    # b depends on a: an odds ratio near 4
    b = "high" if rng.random() < (0.65 if a == "yes" else 0.3) else "low"
    c = ["red", "green", "blue"][rng.choice(3, p=[0.5, 0.3, 0.2])]
    d = ["x", "y", "z"][rng.choice(3, p=[0.2, 0.5, 0.3]) if c != "red" else rng.choice(3, p=[0.6, 0.2, 0.2])]
    pre = "1" if rng.random() < 0.4 else "0"
    post = pre if rng.random() < 0.6 else ("1" if rng.random() < 0.7 else "0")
    items = [str(int(rng.random() < p)) for p in (0.3, 0.45, 0.5, 0.7)]
    g = ["g1", "g2", "g3", "g4"][i % 4]
    x = int(rng.integers(1, 8)) + {"g1": 0, "g2": 1, "g3": 2, "g4": 2}[g]
    # a sparse 2x2: zeros and small counts
    s1 = "A" if i < 14 else "B"
    s2 = "P" if (i < 10 or i >= 55) else "Q"
    rows.append([str(i + 1), a, b, c, d, pre, post] + items + [g, str(x), s1, s2])
# two 4-level columns for an r x c exact test the network algorithm needs
# (a second generator: the columns above stay as they were)
rng2 = np.random.default_rng(7)
for r in rows:
    h1 = int(rng2.integers(0, 4))
    h2 = h1 if rng2.random() < 0.35 else int(rng2.integers(0, 4))
    r += [f"h{h1}", f"k{h2}"]
# missing values, counted and dropped
rows[3][1] = ""
rows[7][6] = ""
rows[11][9] = ""
rows[15][13] = ""
hdr = ["id", "a", "b", "c", "d", "pre", "post", "i1", "i2", "i3", "i4", "g", "x", "s1", "s2",
       "h1", "h2"]
with open(f"{out}/exact.tsv", "w") as f:
    f.write("\t".join(hdr) + "\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
