#!/usr/bin/python3
"""The input of test/61-describe.bats: survey.tsv, columns of every kind and
magnitude (run from this directory: /usr/bin/python3 make-input.py)."""
import random

random.seed(61)
n = 40
rows = []
for i in range(n):
    r = {}
    r["id"] = "r%d" % (i + 1)
    r["score"] = "%.6f" % random.uniform(0, 1) if i % 13 != 5 else ""
    r["likert"] = str(random.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])) if i % 9 != 2 else ""
    r["country"] = random.choice(["Germany", "Austria", "France", "Germany", "germany"])
    r["empty"] = ""
    r["mixed"] = random.choice(["1", "2", "x", "1.0"])
    r["huge"] = "%.15ge307" % random.uniform(1, 9)
    r["neghuge"] = ("-" if i % 2 else "") + "%.15ge307" % random.uniform(1, 9)
    r["tiny"] = "%.6ge-310" % random.uniform(1, 9)
    r["constant"] = "7"
    r["zero"] = random.choice(["0", "-0", "0.0", "1"])
    r["free text"] = "answer number %d, with\\ttab" % i
    rows.append(r)
cols = list(rows[0].keys())
with open("survey.tsv", "w") as f:
    f.write("\t".join(cols) + "\n")
    for r in rows:
        f.write("\t".join(r[c] for c in cols) + "\n")
