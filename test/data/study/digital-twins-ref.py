#!/usr/bin/python3
"""Expected values of the digital-twins study's hypothesis tests
(pipelines/studies/digital-twins/study), computed by scipy and statsmodels on the
scored data svy's pipeline writes (test/data/study/digital-twins-scored.tsv,
a copy of build/digital-twins/scored.tsv).

    /usr/bin/python3 test/data/study/digital-twins-ref.py \
        test/data/study/digital-twins-scored.tsv pipelines/studies/digital-twins/hypotheses.tsv \
        > test/data/study/digital-twins-tests-scipy.tsv

Prints one row a hypothesis of the plan, with the fields test/90-study.bats
compares (the same layout as svy's rows cut by it):
  spearman     id n statistic p
  mannwhitney  id n1 n2 U(first group) U(smaller) p rank-biserial
  friedman     id n statistic df p Kendall's W
then p_adj: Benjamini-Hochberg within each family (statsmodels).
Needs scipy and statsmodels; reads nothing outside its arguments."""
import csv
import fnmatch
import sys

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests


def read_tsv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def column(header, rows, name):
    i = header.index(name)
    return [r[i] for r in rows]


def floats(values):
    return np.array([float(v) if v != "" else np.nan for v in values])


def options(text):
    words = text.split()
    return {words[i]: words[i + 1] for i in range(0, len(words) - 1, 2)}


def main():
    header, rows = read_tsv(sys.argv[1])
    _, plan = read_tsv(sys.argv[2])
    out = []
    pvalues = {}
    for hid, family, test, variables, opts, _text in plan:
        names = variables.split()
        o = options(opts)
        if test == "spearman":
            x, y = (floats(column(header, rows, n)) for n in names)
            ok = ~np.isnan(x) & ~np.isnan(y)
            r = stats.spearmanr(x[ok], y[ok])
            out.append([hid, ok.sum(), r.statistic, r.pvalue])
            p = r.pvalue
        elif test == "mannwhitney":
            v = floats(column(header, rows, names[0]))
            g = column(header, rows, o["--by"])
            a_level, b_level = o["--groups"].split(",")
            a = np.array([v[i] for i in range(len(v)) if g[i] == a_level and not np.isnan(v[i])])
            b = np.array([v[i] for i in range(len(v)) if g[i] == b_level and not np.isnan(v[i])])
            r = stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic",
                                   use_continuity=True)
            u1 = r.statistic
            umin = min(u1, len(a) * len(b) - u1)
            out.append([hid, len(a), len(b), u1, umin, r.pvalue, 2 * u1 / (len(a) * len(b)) - 1])
            p = r.pvalue
        elif test == "friedman":
            cols = [n for pat in names for n in header if fnmatch.fnmatchcase(n, pat)]
            m = np.column_stack([floats(column(header, rows, c)) for c in cols])
            m = m[~np.isnan(m).any(axis=1)]
            r = stats.friedmanchisquare(*m.T)
            n, k = m.shape
            out.append([hid, n, r.statistic, k - 1, r.pvalue, r.statistic / (n * (k - 1))])
            p = r.pvalue
        else:
            sys.exit(f"digital-twins-ref.py: {hid}: no reference for test '{test}'")
        pvalues.setdefault(family, []).append((hid, p))
    adjusted = {}
    for family, ps in pvalues.items():
        _, padj, _, _ = multipletests([p for _, p in ps], method="fdr_bh")
        adjusted.update({hid: q for (hid, _), q in zip(ps, padj)})
    print("id\tref")
    for row in out:
        print("\t".join(repr(float(x)) if not isinstance(x, str) else x for x in row))
    print("id\tp_adj")
    for row in out:
        print(f"{row[0]}\t{adjusted[row[0]]!r}")


main()
