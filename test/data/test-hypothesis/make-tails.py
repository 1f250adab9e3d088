#!/usr/bin/python3
"""Far-tail p-values of every p-value path of svy test-hypothesis, against
arbitrary precision (mpmath, 40 digits).  Run from the repository root:

    /usr/bin/python3 test/data/test-hypothesis/make-tails.py test/data/test-hypothesis

Writes tails.tsv (the data: one pair or group of columns per case, shorter
columns padded with empty fields), tails-plan.tsv (the tests) and
tails-expected.tsv (id, n, df, statistic, p).  The statistic is scipy's (the
double svy must reproduce); p is computed by mpmath from that statistic (the
t of a correlation from the double r, U, H and chi-square from the exact
ranks and counts), so it is the p of the statistic to full precision, not
scipy's p (scipy's own p is printed on stderr beside it, for information).

The cases: Student's t (pearson, spearman) with df 48 and t near 20, df 100
and t near 30, n = 50 and r near .899 (p ~ 8e-19), n = 600 and r near .95
(p ~ 1e-303, near the subnormals), n = 600 and r near .9523 (p
subnormal, ~1e-309), n = 1258 and r near .3, one-sided;
the normal approximation of Mann-Whitney U (separated groups of 300, with
and without ties, p ~ 1e-99; 943 against 943, p ~ 2e-309, where GSL's
normal tail underflows to 0); chi-square of a 2 x 3 and a 2 x 2 (Yates)
table of large counts; Kruskal-Wallis over 3 separated groups of 200;
Friedman over 300 strictly ordered rows; the exact U of 8 against 1250
values (p = 2 / C(1258, 8)).
"""
import sys
from fractions import Fraction

import mpmath as mp
import numpy as np
from scipy import stats

mp.mp.dps = 40
out = sys.argv[1]
rng = np.random.default_rng(20261202)
cols = {}


def corr_pair(name, n, r):
    """Columns NAME_x, NAME_y of N values whose sample r is close to R."""
    x = rng.standard_normal(n)
    z = rng.standard_normal(n)
    x = (x - x.mean()) / x.std()
    z = z - z.mean()
    z -= (z @ x) / (x @ x) * x
    z /= z.std()
    y = r * x + np.sqrt(1 - r * r) * z
    cols[name + "_x"] = ["%.10g" % v for v in x]
    cols[name + "_y"] = ["%.10g" % v for v in y]


corr_pair("a", 50, 0.899)                   # the n = 50, r = .899
corr_pair("b", 50, 20 / np.sqrt(48 + 400))  # df 48, t = 20
corr_pair("c", 102, 30 / np.sqrt(1100))     # df 100, t = 30
corr_pair("d", 600, 0.95)                   # p near the subnormals
corr_pair("e", 1258, 0.3)                   # large df, p ~ 1e-27
corr_pair("s", 600, 0.9523)                 # p subnormal, ~1e-309

# Mann-Whitney, normal approximation: 300 against 300, separated.
cols["u_v"] = [str(i) for i in range(1, 601)]
cols["u_g"] = ["lo" if i <= 300 else "hi" for i in range(1, 601)]
# 943 against 943, separated: p two-sided ~ 2e-309, subnormal
cols["w_v"] = [str(i) for i in range(1, 1887)]
cols["w_g"] = ["lo" if i <= 943 else "hi" for i in range(1, 1887)]
# with ties: values in pairs
cols["t_v"] = [str((i + 1) // 2) for i in range(1, 601)]
# Kruskal-Wallis: three separated groups of 200
cols["k_v"] = [str(i) for i in range(1, 601)]
cols["k_g"] = [str(1 + (i - 1) // 200) for i in range(1, 601)]
# Friedman: 300 rows, strictly ordered (Kendall's W = 1)
cols["f1"] = [str(i) for i in range(300)]
cols["f2"] = [str(i + 1000) for i in range(300)]
cols["f3"] = [str(i + 2000) for i in range(300)]
# chi-square: a 2 x 3 and a 2 x 2 table of large counts
q_a, q_b, q_c, q_d = [], [], [], []
for ra, rb, cnt in [("x", "p", 500), ("x", "q", 20), ("x", "r", 30),
                    ("y", "p", 25), ("y", "q", 480), ("y", "r", 35)]:
    q_a += [ra] * cnt
    q_b += [rb] * cnt
for ra, rb, cnt in [("x", "p", 600), ("x", "q", 40), ("y", "p", 45), ("y", "q", 560)]:
    q_c += [ra] * cnt
    q_d += [rb] * cnt
cols["q_a"], cols["q_b"], cols["q_c"], cols["q_d"] = q_a, q_b, q_c, q_d
# exact U: 8 against 1250, separated
cols["x_v"] = [str(i) for i in range(1, 1259)]
cols["x_g"] = ["s" if i <= 8 else "l" for i in range(1, 1259)]

names = list(cols)
nrows = max(len(v) for v in cols.values())
with open(f"{out}/tails.tsv", "w") as f:
    f.write("\t".join(names) + "\n")
    for i in range(nrows):
        f.write("\t".join(cols[c][i] if i < len(cols[c]) else "" for c in names) + "\n")

PLAN = [
    ("T1", "pearson", "a_x a_y", ""),
    ("T2", "pearson", "b_x b_y", ""),
    ("T3", "pearson", "c_x c_y", ""),
    ("T4", "pearson", "d_x d_y", ""),
    ("T5", "pearson", "d_x d_y", "--alternative greater"),
    ("T6", "pearson", "e_x e_y", ""),
    ("T10", "pearson", "s_x s_y", ""),
    ("T11", "pearson", "s_x s_y", "--alternative less"),
    ("T7", "spearman", "a_x a_y", ""),
    ("T8", "spearman", "d_x d_y", ""),
    ("T9", "spearman", "e_x e_y", "--alternative less"),
    ("N1", "mannwhitney", "u_v", "--by u_g --groups hi,lo"),
    ("N2", "mannwhitney", "t_v", "--by u_g --groups lo,hi --no-continuity"),
    ("N3", "mannwhitney", "u_v", "--by u_g --groups hi,lo --alternative greater"),
    ("N4", "mannwhitney", "w_v", "--by w_g --groups hi,lo"),
    ("C1", "chi2", "q_a q_b", ""),
    ("C2", "chi2", "q_c q_d", ""),
    ("K1", "kruskal", "k_v", "--by k_g"),
    ("F1", "friedman", "f1 f2 f3", ""),
    ("X1", "mannwhitney", "x_v", "--by x_g --groups s,l"),
]


def floats(c):
    return np.array([float(v) for v in cols[c] if v != ""])


def t_sf(t, df):
    """P(T > t), t >= 0: I_x(df/2, 1/2) / 2 by the all-positive series."""
    a, b = mp.mpf(df) / 2, mp.mpf(1) / 2
    x, y = df / (df + t * t), t * t / (df + t * t)
    if x < 0.5:
        return mp.exp(a * mp.log(x) + b * mp.log(y) - mp.log(a) - mp.log(mp.beta(a, b))) \
            * mp.hyp2f1(a + b, 1, a + 1, x) / 2
    return mp.betainc(a, b, 0, x, regularized=True) / 2


def t_p(r, n, alt):
    df = n - 2
    r = mp.mpf(float(r))
    t = r * mp.sqrt(df / ((1 + r) * (1 - r)))
    if alt == "greater":
        return t_sf(t, df) if t >= 0 else 1 - t_sf(-t, df)
    if alt == "less":
        return t_sf(-t, df) if t <= 0 else 1 - t_sf(t, df)
    return 2 * t_sf(abs(t), df)


def ranks(values):
    """Average ranks as Fractions, and the tie term sum(t^3 - t)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    rk, ties, i = [None] * len(values), 0, 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            rk[order[k]] = Fraction(i + 1 + j + 1, 2)
        t = j - i + 1
        ties += t ** 3 - t
        i = j + 1
    return rk, ties


def chi2_sf(x, df):
    return mp.gammainc(mp.mpf(df) / 2, mp.mpf(x) / 2, mp.inf, regularized=True)


rows = []
for cid, test, variables, options in PLAN:
    v = variables.split()
    if test in ("pearson", "spearman"):
        x, y = floats(v[0]), floats(v[1])
        alt = options.split()[1] if options else "two-sided"
        f = stats.pearsonr if test == "pearson" else stats.spearmanr
        res = f(x, y, alternative=alt)
        stat, n, df = res[0], len(x), len(x) - 2
        p, sp = t_p(stat, n, alt), res[1]
    elif test == "mannwhitney":
        o = options.split()
        g = cols[o[1]]
        a, b = o[3].split(",")
        vals = cols[v[0]]
        x = [float(vals[i]) for i in range(len(vals)) if g[i] == a]
        y = [float(vals[i]) for i in range(len(vals)) if g[i] == b]
        n1, n2 = len(x), len(y)
        alt = "greater" if "greater" in o else "two-sided"
        cont = "--no-continuity" not in o
        res = stats.mannwhitneyu(x, y, alternative=alt, use_continuity=cont)
        rk, ties = ranks(x + y)
        u1 = sum(rk[:n1]) - Fraction(n1 * (n1 + 1), 2)
        u = u1 if alt == "greater" else max(u1, n1 * n2 - u1)
        stat, n, df = float(u1), n1 + n2, None
        if cid == "X1":
            # exact: the arrangements with U >= u among C(n, n1)
            assert u == n1 * n2 and ties == 0
            p = 2 / mp.binomial(n, n1)
        else:
            nn = n1 + n2
            s2 = Fraction(n1 * n2, 12) * ((nn + 1) - Fraction(ties, nn * (nn - 1)))
            num = mp.mpf(u.numerator) / u.denominator - mp.mpf(n1 * n2) / 2 - (mp.mpf(1) / 2 if cont else 0)
            z = num / mp.sqrt(mp.mpf(s2.numerator) / s2.denominator)
            p = mp.erfc(z / mp.sqrt(2)) / 2 * (1 if alt == "greater" else 2)
        sp = res.pvalue
    elif test == "chi2":
        a, b = cols[v[0]], cols[v[1]]
        la, lb = sorted(set(a)), sorted(set(b))
        t = np.zeros((len(la), len(lb)), dtype=int)
        for i in range(len(a)):
            t[la.index(a[i]), lb.index(b[i])] += 1
        res = stats.chi2_contingency(t)
        n, df = int(t.sum()), (len(la) - 1) * (len(lb) - 1)
        rs, cs = t.sum(axis=1), t.sum(axis=0)
        chi2 = Fraction(0)
        for i in range(len(la)):
            for j in range(len(lb)):
                e = Fraction(int(rs[i]) * int(cs[j]), n)
                d = abs(t[i, j] - e)
                if df == 1:
                    d = max(d - Fraction(1, 2), Fraction(0))
                chi2 += d * d / e
        stat = float(res[0])
        assert abs(stat - float(chi2)) <= 1e-12 * float(chi2)
        p, sp = chi2_sf(mp.mpf(chi2.numerator) / chi2.denominator, df), res[1]
    elif test == "kruskal":
        vals, g = floats(v[0]), cols[options.split()[1]]
        levels = sorted(set(g), key=float)
        groups = [[vals[i] for i in range(len(vals)) if g[i] == lv] for lv in levels]
        res = stats.kruskal(*groups)
        allv = [x for grp in groups for x in grp]
        rk, ties = ranks(allv)
        n, df, pos, ssbn = len(allv), len(groups) - 1, 0, Fraction(0)
        for grp in groups:
            s = sum(rk[pos:pos + len(grp)])
            ssbn += s * s / len(grp)
            pos += len(grp)
        h = (Fraction(12, n * (n + 1)) * ssbn - 3 * (n + 1)) / (1 - Fraction(ties, n ** 3 - n))
        stat = float(res.statistic)
        p, sp = chi2_sf(mp.mpf(h.numerator) / h.denominator, df), res.pvalue
    elif test == "friedman":
        m = np.array([floats(c) for c in v]).T
        res = stats.friedmanchisquare(*m.T)
        n, k = m.shape
        ssbn, ties = Fraction(0), 0
        colsum = [Fraction(0)] * k
        for row in m:
            rk, tt = ranks(list(row))
            ties += tt
            colsum = [colsum[j] + rk[j] for j in range(k)]
        ssbn = sum(c * c for c in colsum)
        c = 1 - Fraction(ties, k * (k * k - 1) * n)
        chi2 = (Fraction(12, k * n * (k + 1)) * ssbn - 3 * n * (k + 1)) / c
        stat, df = float(res.statistic), k - 1
        p, sp = chi2_sf(mp.mpf(chi2.numerator) / chi2.denominator, df), res.pvalue
    rows.append((cid, n, "" if df is None else df, "%.17g" % stat, mp.nstr(p, 17, min_fixed=1, max_fixed=0)))
    print(f"{cid}: p {mp.nstr(p, 17)} scipy {sp!r}", file=sys.stderr)

with open(f"{out}/tails-plan.tsv", "w") as f:
    f.write("id\ttest\tvariables\toptions\n")
    for cid, test, variables, options in PLAN:
        f.write(f"{cid}\t{test}\t{variables}\t{options}\n")
with open(f"{out}/tails-expected.tsv", "w") as f:
    f.write("id\tn\tdf\tstatistic\tp\n")
    for r in rows:
        f.write("\t".join(str(x) for x in r) + "\n")
