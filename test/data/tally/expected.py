#!/usr/bin/python3
"""Expected outputs of test/60-tally.bats from pandas, in svy tally's formats.
usage: expected.py long|wide|multiple|by|by-multiple [--ddof N] < survey.tsv
(long/wide: the method_* and education columns; multiple: field_*; by: awareness
per level of education; by-multiple: awareness per field_* answered 1)."""
import sys
import pandas as pd

mode = sys.argv[1]
ddof = int(sys.argv[3]) if len(sys.argv) > 3 else 1
d = pd.read_csv(sys.stdin, sep="\t", dtype=str, keep_default_na=False, na_values=[""])
methods = [c for c in d.columns if c.startswith("method_")]
fields = [c for c in d.columns if c.startswith("field_")]

def key(v):  # svy's default order: numeric when all numbers, else byte order
    return v

def levels(s):
    vals = sorted(s.dropna().unique())
    try:
        return sorted(vals, key=float)
    except ValueError:
        return sorted(vals, key=lambda v: v.encode())

def g(x):
    return "%.17g" % x

if mode == "long":
    print("column\tlevel\tn\tshare")
    for c in methods + ["education"]:
        vc = d[c].value_counts()
        share = d[c].value_counts(normalize=True)
        for lv in levels(d[c]):
            print(f"{c}\t{lv}\t{vc[lv]}\t{g(share[lv])}")
elif mode == "wide":
    lv = levels(pd.concat([d[c] for c in methods]))
    print("column\tn\t" + "\t".join("share_" + x for x in lv))
    for c in methods:
        share = d[c].value_counts(normalize=True)
        print(f"{c}\t{d[c].notna().sum()}\t" + "\t".join(g(share.get(x, 0.0)) for x in lv))
elif mode == "multiple":
    print("column\tlevel\tn\tshare")
    for c in fields:
        x = d[c].astype(float)
        print(f"{c}\t1\t{int((x == 1).sum())}\t{g(x.mean())}")
elif mode == "by":
    print("column\tlevel\tvariable\tn\tmean\tsd")
    aw = d["awareness"].astype(float)
    for lv in levels(d["education"]):
        x = aw[d["education"] == lv].dropna()
        print(f"education\t{lv}\tawareness\t{len(x)}\t{g(x.mean())}\t{g(x.std(ddof=ddof))}")
elif mode == "by-multiple":
    print("column\tlevel\tvariable\tn\tmean\tsd")
    aw = d["awareness"].astype(float)
    for c in fields:
        x = aw[d[c] == "1"].dropna()
        print(f"{c}\t1\tawareness\t{len(x)}\t{g(x.mean())}\t{g(x.std(ddof=ddof))}")
