#!/usr/bin/python3
"""Expected outputs of test/60-tally.bats from pandas, in svy tally's formats.
usage: expected.py long|wide|multiple|by|by-multiple|by-stats [--ddof N] < survey.tsv
       expected.py cross|cross-wide|chi2 ROW COL [--missing] [--no-yates] [--expected] < survey.tsv
(long/wide: the method_* and education columns; multiple: field_*; by: awareness
per level of education; by-multiple: awareness per field_* answered 1;
by-stats: every --stats per level of education, quantiles type 7 (pandas'
linear); cross: pandas crosstab with margins, shares of the total, the row
and the column, --expected: scipy's expected_freq; chi2: scipy.stats.chi2_contingency and Cramer's V of
scipy.stats.contingency.association)."""
import sys
import pandas as pd

mode = sys.argv[1]
ddof = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--ddof" else 1
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
elif mode == "by-stats":
    stats = ["n", "mean", "sd", "median", "q1", "q3", "iqr", "min", "max"]
    print("column\tlevel\tvariable\t" + "\t".join(stats))
    aw = d["awareness"].astype(float)
    for lv in levels(d["education"]):
        x = aw[d["education"] == lv].dropna()
        v = {"n": str(len(x)), "mean": g(x.mean()), "sd": g(x.std(ddof=1)),
             "median": g(x.median()), "q1": g(x.quantile(.25)), "q3": g(x.quantile(.75)),
             "iqr": g(x.quantile(.75) - x.quantile(.25)), "min": g(x.min()), "max": g(x.max())}
        print(f"education\t{lv}\tawareness\t" + "\t".join(v[k] for k in stats))
elif mode in ("cross", "cross-wide", "chi2"):
    import numpy as np
    from scipy.stats import chi2_contingency
    from scipy.stats.contingency import association
    row, col = sys.argv[2], sys.argv[3]
    missing = "--missing" in sys.argv
    e = d[[row, col]]
    if missing:
        e = e.fillna("")
    else:
        e = e.dropna()
    rl = levels(e[row].replace("", np.nan)) + ([""] if missing and (e[row] == "").any() else [])
    cl = levels(e[col].replace("", np.nan)) + ([""] if missing and (e[col] == "").any() else [])
    t = pd.crosstab(e[row], e[col]).reindex(index=rl, columns=cl, fill_value=0)
    obs = t.to_numpy()
    n = obs.sum()
    if mode == "chi2":
        yates = "--no-yates" not in sys.argv
        res = chi2_contingency(obs, correction=yates)
        v = association(obs, method="cramer")
        dof = res[2]
        print("row\tcolumn\tn\tchi2\tdf\tp\tcramers_v\tyates\tmin_expected")
        print(f"{row}\t{col}\t{n}\t{g(res[0])}\t{dof}\t{g(res[1])}\t{g(v)}\t"
              f"{'yes' if yates and dof == 1 else 'no'}\t{g(res[3].min())}")
    elif mode == "cross-wide":
        print(row + "\t" + "\t".join(cl) + "\t(all)")
        for i, r in enumerate(rl):
            print(r + "\t" + "\t".join(str(x) for x in obs[i]) + f"\t{obs[i].sum()}")
        print("(all)\t" + "\t".join(str(x) for x in obs.sum(axis=0)) + f"\t{n}")
    else:
        expected = "--expected" in sys.argv
        print(f"{row}\t{col}\tn\tshare\trow_share\tcol_share" + ("\texpected" if expected else ""))
        rs, cs = obs.sum(axis=1), obs.sum(axis=0)
        ef = chi2_contingency(obs)[3] if expected else None
        for i, r in enumerate(rl + ["(all)"]):
            for j, c in enumerate(cl + ["(all)"]):
                x = obs[i, j] if i < len(rl) and j < len(cl) else \
                    rs[i] if i < len(rl) else cs[j] if j < len(cl) else n
                rt = rs[i] if i < len(rl) else n
                ct = cs[j] if j < len(cl) else n
                ex = ("\t" + (g(ef[i, j]) if i < len(rl) and j < len(cl) else "")) if expected else ""
                print(f"{r}\t{c}\t{x}\t{g(x / n)}\t{g(x / rt)}\t{g(x / ct)}{ex}")
