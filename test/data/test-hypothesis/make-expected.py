#!/usr/bin/python3
"""Writes the plans and the scipy.stats results that svy test-hypothesis must
reproduce (to 1e-9 relative).  Run from the repository root:

    /usr/bin/python3 test/data/test-hypothesis/make-expected.py test/data/test-hypothesis

For each DATA in CASES it writes DATA-plan.tsv (the hypotheses, as
test-hypothesis --plan reads them) and DATA-expected.tsv (one row per
hypothesis in test-hypothesis's output schema, every float as %.17g),
computed with scipy.stats spearmanr, pearsonr, chi2_contingency (+
contingency.association for Cramer's V), kruskal, mannwhitneyu and
friedmanchisquare.  Effect sizes: epsilon^2 = H/(n-1), rank-biserial
2 U1/(n1 n2) - 1, Kendall's W = chi2/(n (k-1)).
"""
import fnmatch
import shlex
import sys

import numpy as np
import scipy
from scipy import stats

out = sys.argv[1]

HEADER = ["id", "family", "test", "variables", "where", "n", "groups", "group_sizes",
          "df", "statistic", "statistic_name", "u_min", "p", "alternative", "method",
          "effect_size", "effect_name"]

# id, family, test, variables, options
CASES = {
    "study": [
        ("S1", "RQ1", "spearman", "importance awareness", ""),
        ("S2", "RQ1", "spearman", "years_ml awareness", "--alternative greater"),
        ("S3", "RQ1", "spearman", "years_ml awareness", "--alternative less"),
        ("S4", "RQ1", "pearson", "awareness importance", ""),
        ("S5", "RQ1", "pearson", "awareness years_ml", "--alternative greater"),
        ("K1", "RQ1", "kruskal", "awareness", "--by education"),
        ("K2", "RQ1", "kruskal", "awareness", "--by company_size"),
        ("K3", "RQ1", "kruskal", "awareness", "--by data_relation"),
        ("K4", "RQ2", "kruskal", "gdpr_change", "--by data_relation --where-file country=eu.txt"),
        ("M1", "RQ1", "mannwhitney", "awareness", "--by ml_developer --groups 1,0 --alternative greater"),
        ("M2", "RQ1", "mannwhitney", "awareness", "--by ml_developer --groups 1,0"),
        ("M3", "RQ2", "mannwhitney", "education", "--by responsible --groups 1,0"),
        ("M4", "RQ2", "mannwhitney", "years_ml", "--by responsible --groups 1,0 --no-continuity --alternative less"),
        ("M5", "RQ2", "mannwhitney", "gdpr_change", "--by data_relation --groups 1,2 --where-file country=eu.txt"),
        ("M6", "RQ2", "mannwhitney", "gdpr_change", "--by data_relation --groups 1,3 --where 'country=Germany,France,Austria,Netherlands,Spain,Italy,Poland,Sweden,Finland,Ireland'"),
        ("C1", "RQ2", "chi2", "company_size responsibility", ""),
        ("C2", "RQ2", "chi2", "ml_developer responsible", ""),
        ("C3", "RQ2", "chi2", "ml_developer responsible", "--no-yates"),
        ("F1", "RQ2", "friedman", "known_attack_*", ""),
        ("F2", "RQ2", "friedman", "implemented_attack_*", ""),
        ("F3", "RQ2", "friedman", "known_method_*", ""),
        ("F4", "RQ2", "friedman", "implemented_method_*", ""),
        ("W1", "RQ2", "kruskal", "known_attack_inversion known_attack_poisoning known_attack_evasion", "--wide"),
    ],
    "small": [
        ("E1", "", "mannwhitney", "x", "--by g --groups a,b"),
        ("E2", "", "mannwhitney", "x", "--by g --groups a,c --alternative less"),
        ("E3", "", "mannwhitney", "x", "--by g --groups c,b --alternative greater"),
        ("E4", "", "mannwhitney", "x", "--by g --groups a,b --method asymptotic"),
        ("E5", "", "mannwhitney", "x", "--by g --groups b,c --method asymptotic --no-continuity"),
        ("E6", "", "mannwhitney", "y", "--by g --groups a,b"),
        ("E7", "", "mannwhitney", "y", "--by g --groups a,b --method exact"),
        ("E8", "", "mannwhitney", "z", "--by sex --groups f,m"),
        ("E9", "", "mannwhitney", "x", "--by g --groups a,c --method exact --where sex=f"),
        ("R1", "", "spearman", "x y", ""),
        ("R2", "", "spearman", "x z", "--alternative less"),
        ("R3", "", "pearson", "x z", "--alternative less"),
        ("R4", "", "pearson", "y z", ""),
        ("H1", "", "kruskal", "x", "--by g"),
        ("H2", "", "kruskal", "y", "--by g"),
        ("H3", "", "kruskal", "w1 w2 w3", "--wide"),
        ("Q1", "", "chi2", "flag sex", ""),
        ("Q2", "", "chi2", "flag sex", "--no-yates"),
        ("Q3", "", "chi2", "g sparse", ""),
        ("Q4", "", "chi2", "g flag", ""),
        ("D1", "", "friedman", "w1 w2 w3", ""),
        ("D2", "", "friedman", "w1 w2 w3 y", ""),
    ],
}


def fmt(x):
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        return "%.17g" % x
    return "" if x is None else str(x)


def read(path):
    lines = open(path).read().splitlines()
    header = lines[0].split("\t")
    return header, [l.split("\t") for l in lines[1:]]


def parse(variables, options):
    words = shlex.split(variables) + shlex.split(options)
    o = {"vars": [], "by": None, "groups": None, "alternative": "two-sided",
         "method": "auto", "continuity": True, "yates": True, "wide": False, "where": []}
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("--by", "--groups", "--alternative", "--method"):
            o[w[2:]] = words[i + 1]
            i += 2
        elif w == "--where":
            col, vals = words[i + 1].split("=", 1)
            o["where"].append((words[i + 1], col, set(vals.split(","))))
            i += 2
        elif w == "--where-file":
            col, fn = words[i + 1].split("=", 1)
            vals = {l for l in open(f"{out}/{fn}").read().splitlines()
                    if l and not l.startswith("#")}
            o["where"].append((f"{col}=@{fn}", col, vals))
            i += 2
        elif w == "--no-continuity":
            o["continuity"] = False
            i += 1
        elif w == "--no-yates":
            o["yates"] = False
            i += 1
        elif w == "--wide":
            o["wide"] = True
            i += 1
        else:
            o["vars"].append(w)
            i += 1
    return o


def expand(header, pats):
    cols = []
    for p in pats:
        hits = [p] if p in header else [h for h in header if fnmatch.fnmatchcase(h, p)]
        cols += [h for h in hits if h not in cols]
    return cols


def level_order(levels):
    try:
        return sorted(levels, key=float)
    except ValueError:
        return sorted(levels)


def run(case, header, rows):
    cid, fam, test, variables, options = case
    o = parse(variables, options)
    col = {h: i for i, h in enumerate(header)}
    keep = [r for r in rows if all(r[col[c]] in vals for _, c, vals in o["where"])]
    where = " ".join(t for t, _, _ in o["where"])
    cols = expand(header, o["vars"])
    row = dict(id=cid, family=fam, test=test, where=where)
    if test in ("spearman", "pearson"):
        a, b = cols
        xy = np.array([[float(r[col[a]]), float(r[col[b]])] for r in keep
                       if r[col[a]] and r[col[b]]])
        f = stats.spearmanr if test == "spearman" else stats.pearsonr
        res = f(xy[:, 0], xy[:, 1], alternative=o["alternative"])
        r_, p = res[0], res[1]
        row.update(variables=f"{a},{b}", n=len(xy), df=len(xy) - 2, statistic=r_,
                   statistic_name="rho" if test == "spearman" else "r", p=p,
                   alternative=o["alternative"], method="t", effect_size=r_,
                   effect_name="rho" if test == "spearman" else "r")
    elif test == "chi2":
        a, b = cols
        pairs = [(r[col[a]], r[col[b]]) for r in keep if r[col[a]] and r[col[b]]]
        la = level_order({p[0] for p in pairs})
        lb = level_order({p[1] for p in pairs})
        t = np.zeros((len(la), len(lb)), dtype=int)
        for x, y in pairs:
            t[la.index(x), lb.index(y)] += 1
        chi2, p, df, _ = stats.chi2_contingency(t, correction=o["yates"])
        v = stats.contingency.association(t, method="cramer", correction=False)
        row.update(variables=f"{a},{b}", n=len(pairs), groups=f"{len(la)}x{len(lb)}",
                   df=int(df), statistic=chi2, statistic_name="chi2", p=p,
                   method="asymptotic+yates" if o["yates"] and df == 1 else "asymptotic",
                   effect_size=v, effect_name="cramers_v")
    elif test == "kruskal":
        if o["wide"]:
            names = cols
            samples = [[float(r[col[c]]) for r in keep if r[col[c]]] for c in cols]
            variables = ",".join(cols)
        else:
            v, g = cols[0], o["by"]
            groups = {}
            for r in keep:
                if r[col[v]] and r[col[g]]:
                    groups.setdefault(r[col[g]], []).append(float(r[col[v]]))
            names = level_order(groups)
            samples = [groups[k] for k in names]
            variables = f"{v} by {g}"
        n = sum(map(len, samples))
        h, p = stats.kruskal(*samples)
        row.update(variables=variables, n=n, groups=",".join(names),
                   group_sizes=",".join(str(len(s)) for s in samples),
                   df=len(samples) - 1, statistic=h, statistic_name="H", p=p,
                   method="asymptotic", effect_size=h / (n - 1),
                   effect_name="epsilon_squared")
    elif test == "mannwhitney":
        v, g = cols[0], o["by"]
        l1, l2 = o["groups"].split(",")
        x = [float(r[col[v]]) for r in keep if r[col[v]] and r[col[g]] == l1]
        y = [float(r[col[v]]) for r in keep if r[col[v]] and r[col[g]] == l2]
        n1, n2 = len(x), len(y)
        res = stats.mannwhitneyu(x, y, use_continuity=o["continuity"],
                                 alternative=o["alternative"], method=o["method"])
        m = o["method"]
        if m == "auto":
            ties = len(set(x + y)) < n1 + n2
            m = "asymptotic" if (n1 > 8 and n2 > 8) or ties else "exact"
        if m == "asymptotic" and o["continuity"]:
            m = "asymptotic+continuity"
        u1 = res.statistic
        row.update(variables=f"{v} by {g}", n=n1 + n2, groups=o["groups"],
                   group_sizes=f"{n1},{n2}", statistic=u1, statistic_name="U",
                   u_min=min(u1, n1 * n2 - u1), p=res.pvalue,
                   alternative=o["alternative"], method=m,
                   effect_size=2 * u1 / (n1 * n2) - 1, effect_name="rank_biserial")
    elif test == "friedman":
        x = np.array([[float(r[col[c]]) for c in cols] for r in keep
                      if all(r[col[c]] for c in cols)])
        chi2, p = stats.friedmanchisquare(*x.T)
        n, k = x.shape
        row.update(variables=",".join(cols), n=n, df=k - 1, statistic=chi2,
                   statistic_name="chi2", p=p, method="asymptotic",
                   effect_size=chi2 / (n * (k - 1)), effect_name="kendalls_w")
    return [fmt(row.get(h)) for h in HEADER]


for data, cases in CASES.items():
    header, rows = read(f"{out}/{data}.tsv")
    with open(f"{out}/{data}-plan.tsv", "w") as f:
        f.write("id\tfamily\ttest\tvariables\toptions\thypothesis\n")
        for c in cases:
            f.write("\t".join(c) + f"\tH0: case {c[0]}\n")
    with open(f"{out}/{data}-expected.tsv", "w") as f:
        f.write("\t".join(HEADER) + "\n")
        for c in cases:
            f.write("\t".join(run(c, header, rows)) + "\n")
print(f"scipy {scipy.__version__}", file=sys.stderr)
