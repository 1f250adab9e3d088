#!/usr/bin/python3
"""Reference statistics for svy's tests, from scipy, statsmodels and scikit-learn.

usage: ref.py COMMAND [ARGS] < data.tsv      (ref.py --help, ref.py COMMAND --help)

The input is a TSV on stdin: one header row, TAB-separated, an empty cell is a
missing value, columns are named by their header.  Rows missing a value in a
column the command uses are left out (and counted on stderr).  The result is a
TSV on stdout, every float printed with %.17g so that nothing is lost.  What
each command computes, and with which library call: test/refs/README.md.
"""
import argparse
import math
import sys

import numpy as np
from scipy import stats

PROG = "ref.py"


def fail(message, status=1):
    sys.stderr.write(f"{PROG}: {message}\n")
    sys.exit(status)


def check(condition, message):
    if not condition:
        fail(message)


# ---- reading ----------------------------------------------------------------

def read_tsv(stream):
    """Header and rows (lists of str, None for an empty cell) of a TSV."""
    lines = stream.read().splitlines()
    if not lines:
        fail("empty input: no header row")
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(header):
            fail(f"line {number}: {len(cells)} fields, the header has {len(header)}")
        rows.append([cell if cell != "" else None for cell in cells])
    return header, rows


def column(header, name):
    where = [i for i, h in enumerate(header) if h == name]
    if not where:
        fail(f"column '{name}': not in the header", 2)
    if len(where) > 1:
        fail(f"column '{name}': named more than once in the header", 2)
    return where[0]


def complete_rows(data, names):
    """(line number, values of NAMES) for each row where all NAMES have a value."""
    header, rows = data
    idx = [column(header, n) for n in names]
    picked = [(i + 2, [row[j] for j in idx]) for i, row in enumerate(rows)]
    kept = [(line, values) for line, values in picked if None not in values]
    if len(kept) < len(picked):
        sys.stderr.write(f"{PROG}: left out {len(picked) - len(kept)} of {len(picked)} rows "
                         f"with a missing value in {', '.join(names)}\n")
    return kept


def to_float(text, line, name):
    try:
        value = float(text)
    except ValueError:
        fail(f"line {line}: column '{name}': not a number (got '{text}')")
    if not math.isfinite(value):
        fail(f"line {line}: column '{name}': not a finite number (got '{text}')")
    return value


def matrix(data, names):
    """Line numbers and the n x k matrix of the complete rows of numeric columns."""
    kept = complete_rows(data, names)
    x = np.array([[to_float(v, line, n) for v, n in zip(values, names)]
                  for line, values in kept], dtype=float).reshape(len(kept), len(names))
    return [line for line, _ in kept], x


def groups_of(data, value, group):
    """VALUE's numbers per level of GROUP, levels in order of first appearance."""
    out = {}
    for line, (v, g) in complete_rows(data, [value, group]):
        out.setdefault(g, []).append(to_float(v, line, value))
    return out


# ---- writing ----------------------------------------------------------------

def cell(x):
    if x is None:
        return ""
    if isinstance(x, (bool, np.bool_)):
        return str(int(x))
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        if not math.isfinite(x):
            fail(f"a result is {x}: the statistic is not defined for these data")
        return "%.17g" % x
    return str(x)


def table(header, rows, title=None):
    if title:
        print(f"## {title}")
    print("\t".join(header))
    for row in rows:
        print("\t".join(cell(x) for x in row))


# ---- correlation and tests --------------------------------------------------

def spearman(a, data):
    _, xy = matrix(data, [a.x, a.y])
    check(len(xy) >= 3, f"spearman: {len(xy)} complete pairs, need 3")
    check(np.ptp(xy[:, 0]) > 0 and np.ptp(xy[:, 1]) > 0, "spearman: a column is constant")
    rho, p = stats.spearmanr(xy[:, 0], xy[:, 1], alternative=a.alternative)
    table(["n", "rho", "p"], [[len(xy), rho, p]])


def chi2(a, data):
    pairs = [values for _, values in complete_rows(data, [a.a, a.b])]
    rows = list(dict.fromkeys(p[0] for p in pairs))
    cols = list(dict.fromkeys(p[1] for p in pairs))
    check(len(rows) >= 2 and len(cols) >= 2, "chi2: each column needs 2 levels or more")
    counts = np.zeros((len(rows), len(cols)), dtype=np.int64)
    for r, c in pairs:
        counts[rows.index(r), cols.index(c)] += 1
    # Yates' correction is applied by scipy only where df = 1
    statistic, p, df, _ = stats.chi2_contingency(counts, correction=not a.no_yates)
    v = stats.contingency.association(counts, method="cramer", correction=False)
    table(["n", "chi2", "df", "p", "cramers_v"], [[len(pairs), statistic, int(df), p, v]])


def kruskal_table(samples):
    check(len(samples) >= 2, f"kruskal: {len(samples)} groups, need 2")
    check(all(len(s) > 0 for s in samples), "kruskal: a group is empty")
    n = sum(len(s) for s in samples)
    try:
        res = stats.kruskal(*samples)
    except ValueError as e:
        fail(f"kruskal: {e}")
    k = len(samples)
    table(["n", "k", "H", "df", "p", "epsilon_squared"],
          [[n, k, res.statistic, k - 1, res.pvalue, res.statistic / (n - 1)]])


def kruskal(a, data):
    kruskal_table(list(groups_of(data, a.value, a.group).values()))


def kruskal_wide(a, data):
    check(len(a.cols) >= 2, "kruskal-wide: name 2 columns or more")
    kruskal_table([matrix(data, [c])[1][:, 0] for c in a.cols])


def friedman(a, data):
    check(len(a.cols) >= 3, "friedman: name 3 columns or more")
    _, x = matrix(data, a.cols)
    n, k = x.shape
    check(n >= 2, f"friedman: {n} complete rows, need 2")
    res = stats.friedmanchisquare(*(x[:, j] for j in range(k)))
    table(["n", "chi2", "df", "p", "kendall_w"],
          [[n, res.statistic, k - 1, res.pvalue, res.statistic / (n * (k - 1))]])


def mannwhitney(a, data):
    groups = groups_of(data, a.value, a.group)
    second = a.second
    if second is None:
        others = [g for g in groups if g != a.first]
        if len(others) != 1:
            fail(f"mannwhitney: column '{a.group}' has levels {others} besides "
                 f"'{a.first}': name one with --second", 2)
        second = others[0]
    if second == a.first:
        fail("mannwhitney: --first and --second are the same level", 2)
    for level in (a.first, second):
        if level not in groups:
            fail(f"mannwhitney: no level '{level}' in column '{a.group}'", 2)
    x, y = np.array(groups[a.first]), np.array(groups[second])
    n1, n2 = len(x), len(y)
    res = stats.mannwhitneyu(x, y, alternative=a.alternative, method=a.method,
                             use_continuity=not a.no_continuity)
    u1 = res.statistic  # scipy >= 1.7: U of the first sample
    method = a.method
    if method == "auto":
        # scipy's choice: exact when both samples are small (<= 8) or one is, and no ties
        tied = np.unique(np.concatenate([x, y])).size < n1 + n2
        method = "exact" if min(n1, n2) <= 8 and not tied else "asymptotic"
    table(["n1", "n2", "U1", "U_min", "p", "rank_biserial", "method"],
          [[n1, n2, u1, min(u1, n1 * n2 - u1), res.pvalue, 2 * u1 / (n1 * n2) - 1, method]])


def bh(a, data):
    from statsmodels.stats.multitest import multipletests
    header, rows = data
    fam, pcol = column(header, "family"), column(header, "p")
    families = {}
    for i, row in enumerate(rows):
        if row[pcol] is None:
            continue
        p = to_float(row[pcol], i + 2, "p")
        check(0 <= p <= 1, f"line {i + 2}: column 'p': not in [0, 1] (got '{row[pcol]}')")
        families.setdefault(row[fam], []).append((i, p))
    adjusted = [None] * len(rows)
    for members in families.values():
        where = [i for i, _ in members]
        _, p_adj, _, _ = multipletests([p for _, p in members], method=a.method)
        for i, q in zip(where, p_adj):
            adjusted[i] = q
    table(header + ["p_adj"], [row + [q] for row, q in zip(rows, adjusted)])


# ---- k-means, agreement, reliability ------------------------------------------

def fit_kmeans(x, k, seed, n_init):
    from sklearn.cluster import KMeans
    distinct = len(np.unique(x, axis=0))
    check(1 <= k <= distinct, f"kmeans: k = {k}, but {distinct} distinct points")
    return KMeans(n_clusters=k, init="k-means++", n_init=n_init, random_state=seed,
                  algorithm="lloyd").fit(x)


def kmeans(a, data):
    lines, x = matrix(data, a.cols)
    fit = fit_kmeans(x, a.k, a.seed, a.n_init)
    number = {}  # clusters renumbered 1..k in order of first appearance
    labels = [number.setdefault(label, len(number) + 1) for label in fit.labels_]
    table(["k", "n", "inertia"], [[a.k, len(x), fit.inertia_]], title="kmeans")
    label_of = dict(zip(lines, labels))
    header, rows = data
    table(header + ["cluster"], [row + [label_of.get(i + 2)] for i, row in enumerate(rows)],
          title="labels")


def kmeans_elbow(a, data):
    _, x = matrix(data, a.cols)
    table(["k", "inertia"], [[k, fit_kmeans(x, k, a.seed, a.n_init).inertia_]
                             for k in range(1, a.kmax + 1)])


def kappa(a, data):
    from sklearn.metrics import cohen_kappa_score
    pairs = [tuple(values) for _, values in complete_rows(data, [a.a, a.b])]
    check(len(pairs) >= 2, "kappa: need 2 complete pairs or more")
    try:
        pairs = [(float(x), float(y)) for x, y in pairs]
    except ValueError:  # codes that are not numbers: fine without weights
        check(a.weights == "none", "kappa: weights need numeric codes (their order)")
    first, second = zip(*pairs)
    check(len(set(first) | set(second)) >= 2, "kappa: only one code in use")
    k = cohen_kappa_score(first, second, weights=None if a.weights == "none" else a.weights)
    table(["n", "kappa"], [[len(pairs), k]])


def alpha(a, data):
    check(len(a.cols) >= 2, "alpha: name 2 items or more")
    _, x = matrix(data, a.cols)
    n, k = x.shape
    check(n >= 2, f"alpha: {n} complete rows, need 2")
    item_variances = x.var(axis=0, ddof=1)
    total_variance = x.sum(axis=1).var(ddof=1)
    check(total_variance > 0 and (item_variances > 0).all(), "alpha: an item or the total is constant")
    raw = k / (k - 1) * (1 - item_variances.sum() / total_variance)
    r = np.corrcoef(x, rowvar=False)
    mean_r = (r.sum() - k) / (k * (k - 1))  # the mean off-diagonal correlation
    table(["n", "k", "alpha", "std_alpha"], [[n, k, raw, k * mean_r / (1 + (k - 1) * mean_r)]])


# ---- command line -------------------------------------------------------------

def parser():
    top = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name, run, text, *names, cols=False):
        p = commands.add_parser(name, help=text, description=text)
        for n in names:
            p.add_argument(n)
        if cols:
            p.add_argument("cols", nargs="+", metavar="COL")
        p.set_defaults(run=run)
        return p

    def alternative(p):
        p.add_argument("--alternative", default="two-sided",
                       choices=["two-sided", "less", "greater"])

    def kmeans_options(p):
        p.add_argument("--seed", type=int, default=0, help="random_state (default 0)")
        p.add_argument("--n-init", type=int, default=50, help="k-means++ starts (default 50)")

    alternative(add("spearman", spearman, "Spearman's rho of X and Y", "x", "y"))
    p = add("chi2", chi2, "chi-square test of independence of A and B", "a", "b")
    p.add_argument("--no-yates", action="store_true", help="no Yates correction (df = 1)")
    add("kruskal", kruskal, "Kruskal-Wallis H of VALUE by GROUP", "value", "group")
    add("kruskal-wide", kruskal_wide, "Kruskal-Wallis H, one group a column", cols=True)
    add("friedman", friedman, "Friedman's chi-square over columns", cols=True)
    p = add("mannwhitney", mannwhitney, "Mann-Whitney U of VALUE, level FIRST against SECOND",
            "value", "group")
    p.add_argument("--first", required=True, help="the level of GROUP that is sample 1")
    p.add_argument("--second", help="the level that is sample 2 (default: the only other)")
    alternative(p)
    p.add_argument("--method", default="auto", choices=["auto", "asymptotic", "exact"])
    p.add_argument("--no-continuity", action="store_true")
    p = add("bh", bh, "the input and p_adj, adjusted within each family (columns family, p)")
    p.add_argument("--method", default="fdr_bh", choices=["fdr_bh", "bonferroni", "holm", "fdr_by"])
    p = add("kmeans", kmeans, "k-means: inertia, and a cluster 1..k for each row", cols=True)
    p.add_argument("--k", type=int, required=True)
    kmeans_options(p)
    p = add("kmeans-elbow", kmeans_elbow, "k-means inertia for k = 1..KMAX", cols=True)
    p.add_argument("--kmax", type=int, required=True)
    kmeans_options(p)
    p = add("kappa", kappa, "Cohen's kappa of raters A and B", "a", "b")
    p.add_argument("--weights", default="none", choices=["none", "linear", "quadratic"])
    add("alpha", alpha, "Cronbach's alpha of the items", cols=True)
    return top


def main():
    args = parser().parse_args()
    args.run(args, read_tsv(sys.stdin))


if __name__ == "__main__":
    main()
