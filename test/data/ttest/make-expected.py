#!/usr/bin/python3
"""Inputs and scipy/statsmodels expectations of test/51-tests-parametric.bats.
Run from the repository root (make-expected.sh does):

    /usr/bin/python3 test/data/ttest/make-expected.py test/data/ttest

Writes data.tsv (seeded numpy draws), plan.tsv (the hypotheses, as
svy test-hypothesis --plan reads them) and expected.tsv: per hypothesis
the columns id n df statistic p method effect_size effect_name df2 ci_low
ci_high ci_method of test-hypothesis's output, every float as %.17g, from

  ttest_ind (equal_var True/False), ttest_rel, ttest_1samp, wilcoxon
  (zero_method, correction, mode), chi2_contingency, f_oneway, statsmodels anova_oneway
  (use_var="unequal", = R's oneway.test), kruskal, friedmanchisquare;
  effect sizes as R's effectsize defines them (pooled-sd d, exact Hedges'
  J, d_z, matched-pairs rank-biserial over the nonzero differences, eta and
  omega squared from the sums of squares);
  intervals: the noncentral F inverted with scipy.stats.ncf and brentq at
  the F of which the eta or omega squared would be the eta squared,
  l / (l + df2) (effectsize 0.8.3's, for both), the noncentral chi-square inverted with
  scipy.stats.ncx2, sqrt(l / (n (min(r, c) - 1))) (Cramer's V, effectsize's
  chisq_to_cramers_v on the uncorrected chi-square), Fisher z (Pearson), Bonett-Wright (Spearman), effectsize's
  rank-biserial standard errors, the noncentral t inverted with
  scipy.stats.nct and brentq (d, g), and the bootstrap replayed: GSL's
  MT19937 (init_genrand, seed 0 -> 4357) and gsl_rng_uniform_int drawing
  the resamples in svy's order, then scipy 1.10's percentile and BCa
  formulas (_percentile_of_score, the per-sample jackknife, numpy's linear
  percentile).
"""
import math
import shlex
import sys

import numpy as np
from scipy import optimize, stats
from statsmodels.stats.oneway import anova_oneway

sys.dont_write_bytecode = True	# no __pycache__ under test/data
from signrank_ref import wilcoxon_v

out = sys.argv[1]

# ---- the data ----------------------------------------------------------
rng = np.random.RandomState(20261207)
N = 40
pre = np.round(rng.normal(50, 10, N), 2)
post = np.round(pre + rng.normal(3, 6, N), 2)
# Likert items: ties and zero differences
lik_pre = rng.randint(1, 6, N)
lik_post = np.clip(lik_pre + rng.choice([-1, 0, 0, 1, 1, 2], N), 1, 5)
g = np.array(["a", "b", "c", "d"])[np.arange(N) % 4]
score = np.round(rng.normal(10, 2, N) + np.select([g == "b", g == "c", g == "d"],
                                                  [1.0, -0.5, 2.0], 0) * (1 + (g == "d")), 3)
small1 = np.round(rng.normal(0.4, 1, N), 3)
flag = np.where(score > 10.5, "yes", "no")	# related to g through score
solo = g.copy()	# g with a group of one: BCa's jackknife skips it (K3)
solo[0] = "e"
rows = ["pre\tpost\tlik_pre\tlik_post\tg\tscore\tsmall\tflag\tsolo"]
for i in range(N):
    rows.append("%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s" % (repr(float(pre[i])), repr(float(post[i])),
                lik_pre[i], lik_post[i], g[i], repr(float(score[i])), repr(float(small1[i])),
                flag[i], solo[i]))
open(f"{out}/data.tsv", "w").write("\n".join(rows) + "\n")

# ---- the plan -------------------------------------------------------------
PLAN = [
    ("T1", "ttest", "score", "-g g --groups a,b"),
    ("T2", "ttest", "score", "-g g --groups b,d --equal-var"),
    ("T3", "ttest", "score", "-g g --groups a,d --alternative less --effect g"),
    ("T4", "ttest", "score", "-g g --groups c,d --equal-var --alternative greater --conf 0.9"),
    ("T5", "ttest", "pre", "--mu 48"),
    ("T6", "ttest", "small", "--mu 0 --alternative greater --effect g --where g=a"),
    ("P1", "paired-ttest", "post pre", ""),
    ("P2", "paired-ttest", "lik_post lik_pre", "--alternative greater --effect g"),
    ("P3", "paired-ttest", "post pre", "--mu 2 --conf 0.99"),
    ("W1", "wilcoxon", "post pre", ""),
    ("W2", "wilcoxon", "post pre", "--where g=a,b"),
    ("W3", "wilcoxon", "post pre", "--where g=a,b -m asymptotic --no-continuity --alternative less"),
    ("W4", "wilcoxon", "lik_post lik_pre", ""),
    ("W5", "wilcoxon", "lik_post lik_pre", "--zero-method pratt"),
    ("W6", "wilcoxon", "lik_post lik_pre", "--zero-method zsplit --alternative greater"),
    ("W7", "wilcoxon", "lik_post lik_pre", "--zero-method pratt --no-continuity"),
    ("W8", "wilcoxon", "small", "--mu 0.1 --where g=c"),
    ("W9", "wilcoxon", "small", "--mu 0.1 --auto-rule scipy"),
    ("A1", "anova", "score", "-g g"),
    ("A2", "anova", "score", "-g g --equal-var"),
    ("A3", "anova", "score", "-g g --equal-var --effect omega2"),
    ("A4", "anova", "score", "-g g --effect omega2 --where g=a,b,c"),
    ("R1", "pearson", "pre post", ""),
    ("R2", "spearman", "pre post", "--conf 0.9"),
    ("R3", "spearman", "lik_pre score", ""),
    ("M1", "mannwhitney", "score", "-g g --groups a,b"),
    ("C1", "chi2", "g lik_pre", ""),
    ("C2", "chi2", "g flag", "--conf 0.9"),
    ("C3", "chi2", "flag g", "--where g=a,b"),
    ("K1", "kruskal", "score", "-g g"),
    ("K2", "kruskal", "lik_post", "-g g --boot 500 --boot-ci percentile"),
    ("K3", "kruskal", "score", "-g solo --min-group 1 --boot 300"),
    ("F1", "friedman", "pre post score", "--boot 300"),
    ("F2", "friedman", "lik_pre lik_post small", "--boot 400 --boot-ci percentile --conf 0.9"),
]
with open(f"{out}/plan.tsv", "w") as f:
    f.write("id\ttest\tvariables\toptions\n")
    for r in PLAN:
        f.write("\t".join(r) + "\n")

SEED = 1	# test-hypothesis's default -s

# ---- GSL's generator, replayed -------------------------------------------
class MT:
    def __init__(self, s):
        s = s & 0xffffffff or 4357
        self.mt = [0] * 624
        self.mt[0] = s
        for i in range(1, 624):
            self.mt[i] = (1812433253 * (self.mt[i - 1] ^ (self.mt[i - 1] >> 30)) + i) & 0xffffffff
        self.i = 624

    def get(self):
        if self.i >= 624:
            mt = self.mt
            for k in range(624):
                y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff)
                mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (0x9908b0df if y & 1 else 0)
            self.i = 0
        y = self.mt[self.i]
        self.i += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y

    def uniform_int(self, n):
        scale = 0xffffffff // n
        while True:
            k = self.get() // scale
            if k < n:
                return k


def lerp_percentile(a, q):
    return float(np.percentile(a, q * 100))


def boot_interval(strata, stat, nboot, conf, kind):
    """strata: list of arrays (rows for one stratum); stat(list of arrays)."""
    theta = stat(strata)
    r = MT(SEED)
    tb = []
    for _ in range(nboot):
        res = []
        for s in strata:
            idx = [r.uniform_int(len(s)) for _ in range(len(s))]
            res.append(s[idx])
        tb.append(stat(res))
    tb = np.array(tb)
    a1, a2 = (1 - conf) / 2, 1 - (1 - conf) / 2
    if kind == "bca":
        pct = ((tb < theta).sum() + (tb <= theta).sum()) / (2 * nboot)
        z0 = stats.norm.ppf(pct)
        num = den = 0.0
        for j, s in enumerate(strata):
            if len(s) < 2:
                # (m - 1) (mean - theta_i) is 0 for a group of one; leaving
                # its one value out would empty it: svy skips it, and so here
                continue
            th = []
            for leave in range(len(s)):
                res = list(strata)
                res[j] = np.delete(s, leave, axis=0)
                th.append(stat(res))
            th = np.array(th)
            m = len(s)
            u = (m - 1) * (th.mean() - th)
            num += (u ** 3).sum() / m ** 3
            den += (u ** 2).sum() / m ** 2
        a = num / 6 / den ** 1.5
        za = stats.norm.ppf(a1)
        n1, n2 = z0 + za, z0 - za
        a1 = stats.norm.cdf(z0 + n1 / (1 - a * n1))
        a2 = stats.norm.cdf(z0 + n2 / (1 - a * n2))
    return lerp_percentile(tb, a1), lerp_percentile(tb, a2)


def eps2(groups):
    x = np.concatenate(groups)
    n = len(x)
    if np.all(x == x[0]):
        return 0.0
    return stats.kruskal(*groups).statistic / (n - 1)


def kendall_w(strata):
    m = strata[0]
    n, k = m.shape
    if all(np.all(row == row[0]) for row in m):
        return 0.0
    return stats.friedmanchisquare(*m.T).statistic / (n * (k - 1))


# ---- each hypothesis ------------------------------------------------------
data = {"pre": pre, "post": post, "lik_pre": lik_pre.astype(float),
        "lik_post": lik_post.astype(float), "g": g, "score": score, "small": small1,
        "flag": flag, "solo": solo}


def parse(vars_, opts):
    w = shlex.split(opts)
    o = {"vars": vars_.split(), "by": None, "groups": None, "alt": "two-sided", "method": "auto",
         "cont": True, "equal": False, "effect": None, "conf": 0.95, "mu": 0.0, "where": None,
         "zm": "wilcox", "rule": "r", "boot": 2000, "bootci": "bca"}
    i = 0
    while i < len(w):
        k = w[i]
        if k in ("--equal-var", "--no-continuity"):
            o["equal" if k == "--equal-var" else "cont"] = k == "--equal-var"
            i += 1
            continue
        v = w[i + 1]
        i += 2
        key = {"-g": "by", "--groups": "groups", "--alternative": "alt", "-m": "method",
               "--effect": "effect", "--conf": "conf", "--mu": "mu", "--where": "where",
               "--zero-method": "zm", "--auto-rule": "rule", "--boot": "boot",
               "--boot-ci": "bootci", "--min-group": "min_group"}[k]
        o[key] = v
    o["conf"] = float(o["conf"])
    o["mu"] = float(o["mu"])
    o["boot"] = int(o["boot"])
    return o


def rows_kept(o):
    keep = np.ones(N, bool)
    if o["where"]:
        col, vals = o["where"].split("=")
        keep = np.isin(data[col], vals.split(","))
    return keep


def fisher_z(r, se, conf):
    q = stats.norm.ppf((1 + conf) / 2)
    z = math.atanh(r)
    return math.tanh(z - q * se), math.tanh(z + q * se)


def ncp_for(t, df, p):
    f = lambda ncp: stats.nct.cdf(t, df, ncp) - p
    lo, hi = t - 10, t + 10
    return optimize.brentq(f, lo, hi, xtol=1e-14, rtol=1e-15, maxiter=500)


def d_interval(t, df, hn, j, conf):
    a = 1 - conf
    return (ncp_for(t, df, 1 - a / 2) * math.sqrt(hn) * j,
            ncp_for(t, df, a / 2) * math.sqrt(hn) * j)


def nf_ncp_for(f, df1, df2, p):
    g = lambda ncp: stats.ncf.cdf(f, df1, df2, ncp) - p
    if g(0) <= 0:
        return 0.0
    hi = max(1.0, f * df1)
    while g(hi) > 0:
        hi *= 2
    return optimize.brentq(g, 0, hi, xtol=1e-14, rtol=1e-15, maxiter=500)


def nchisq_ncp_for(x, df, p):
    g = lambda ncp: stats.ncx2.cdf(x, df, ncp) - p if ncp > 0 else stats.chi2.cdf(x, df) - p
    if g(0) <= 0:
        return 0.0
    hi = max(1.0, x)
    while g(hi) > 0:
        hi *= 2
    return optimize.brentq(g, 0, hi, xtol=1e-14, rtol=1e-15, maxiter=500)


def eta2_interval(es, df1, df2, conf):
    """effectsize 0.8.3 (.es_aov_simple, F_to_eta2) for eta or omega squared
    alike: the F of which ES would be the eta squared, the noncentral F's
    ncp l at 1 - a/2 and a/2 (0 where ncp 0 falls short), l / (l + df2)."""
    f = (es / df1) / ((1 - es) / df2) if es > 0 else 0.0
    a = 1 - conf
    if f == 0:
        return 0.0, 0.0
    l1, l2 = nf_ncp_for(f, df1, df2, 1 - a / 2), nf_ncp_for(f, df1, df2, a / 2)
    return l1 / (l1 + df2), l2 / (l2 + df2)


def hedges_j(df):
    return math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2)) - math.lgamma((df - 1) / 2))


def rbs_paired(d):
    d = d[d != 0]
    r = stats.rankdata(np.abs(d))
    return (r[d > 0].sum() - r[d < 0].sum()) / r.sum(), len(d)


def run(hid, test, vars_, opts):
    o = parse(vars_, opts)
    keep = rows_kept(o)
    v = o["vars"]
    df2 = None
    ci = (None, None)
    cim = ""
    if test == "ttest" and o["by"]:
        a, b = o["groups"].split(",")
        x = data[v[0]][keep & (data[o["by"]] == a)]
        y = data[v[0]][keep & (data[o["by"]] == b)]
        r = stats.ttest_ind(x, y, equal_var=o["equal"], alternative=o["alt"])
        n1, n2 = len(x), len(y)
        sp = math.sqrt(((n1 - 1) * x.var(ddof=1) + (n2 - 1) * y.var(ddof=1)) / (n1 + n2 - 2))
        d = (x.mean() - y.mean()) / sp
        dfp = n1 + n2 - 2
        hn = 1 / n1 + 1 / n2
        if o["equal"]:
            dfv = dfp
        else:
            va, vb = x.var(ddof=1) / n1, y.var(ddof=1) / n2
            dfv = (va + vb) ** 2 / (va ** 2 / (n1 - 1) + vb ** 2 / (n2 - 1))
        j = hedges_j(dfp) if o["effect"] == "g" else 1
        ci = d_interval(d / math.sqrt(hn), dfp, hn, j, o["conf"])
        return (hid, n1 + n2, dfv, r.statistic, r.pvalue, "student" if o["equal"] else "welch",
                d * j, "hedges_g" if j != 1 else "cohens_d", df2, ci, "noncentral-t")
    if test in ("ttest", "paired-ttest"):
        x = data[v[0]][keep]
        dd = x - (data[v[1]][keep] if len(v) > 1 else 0) - o["mu"]
        n = len(dd)
        if len(v) > 1:
            r = stats.ttest_rel(data[v[0]][keep] - o["mu"], data[v[1]][keep], alternative=o["alt"])
        else:
            r = stats.ttest_1samp(x, o["mu"], alternative=o["alt"])
        d = dd.mean() / dd.std(ddof=1)
        j = hedges_j(n - 1) if o["effect"] == "g" else 1
        ci = d_interval(d * math.sqrt(n), n - 1, 1 / n, j, o["conf"])
        name = ("hedges_g" if j != 1 else "cohens_d") + ("z" if test == "paired-ttest" else "")
        return (hid, n, n - 1, r.statistic, r.pvalue,
                "paired" if test == "paired-ttest" else "one-sample", d * j, name, df2, ci,
                "noncentral-t")
    if test == "wilcoxon":
        x = data[v[0]][keep]
        dd = x - (data[v[1]][keep] if len(v) > 1 else 0) - o["mu"]
        vp, pvalue, meth = wilcoxon_v(dd, o)
        eff, nd = rbs_paired(dd)
        se = math.sqrt((2 * nd ** 3 + 3 * nd ** 2 + nd) / 6) / ((nd ** 2 + nd) / 2)
        ci = fisher_z(eff, se, o["conf"])
        return (hid, len(dd), None, vp, pvalue, meth, eff, "rank_biserial", df2, ci, "fisher-z")
    if test == "anova":
        x = data[v[0]][keep]
        gg = data[o["by"]][keep]
        levels = sorted(set(gg))
        groups = [x[gg == l] for l in levels]
        k, n = len(groups), len(x)
        if o["equal"]:
            r = stats.f_oneway(*groups)
            df2 = n - k
            f, p = r.statistic, r.pvalue
        else:
            r = anova_oneway(groups, use_var="unequal", welch_correction=True)
            f, p, df2 = r.statistic, r.pvalue, r.df[1]
        gm = x.mean()
        ssb = sum(len(s) * (s.mean() - gm) ** 2 for s in groups)
        ssw = sum(((s - s.mean()) ** 2).sum() for s in groups)
        msw = ssw / (n - k)
        if o["effect"] == "omega2":
            eff, name = (ssb - (k - 1) * msw) / (ssb + ssw + msw), "omega_squared"
        else:
            eff, name = ssb / (ssb + ssw), "eta_squared"
        return (hid, n, k - 1, f, p, "classical" if o["equal"] else "welch", eff, name, df2,
                eta2_interval(eff, k - 1, n - k, o["conf"]), "noncentral-f")
    if test in ("pearson", "spearman"):
        x, y = data[v[0]][keep], data[v[1]][keep]
        n = len(x)
        if test == "pearson":
            r = stats.pearsonr(x, y)
            se = 1 / math.sqrt(n - 3)
            m = "fisher-z"
        else:
            r = stats.spearmanr(x, y)
            se = math.sqrt((1 + r.statistic ** 2 / 2) / (n - 3))
            m = "fisher-z-bonett-wright"
        return (hid, n, n - 2, r.statistic, r.pvalue, "t", r.statistic,
                "r" if test == "pearson" else "rho", None, fisher_z(r.statistic, se, o["conf"]), m)
    if test == "mannwhitney":
        a, b = o["groups"].split(",")
        x = data[v[0]][keep & (data[o["by"]] == a)]
        y = data[v[0]][keep & (data[o["by"]] == b)]
        n1, n2 = len(x), len(y)
        exact = min(n1, n2) <= 8 and len(np.unique(np.concatenate([x, y]))) == n1 + n2
        r = stats.mannwhitneyu(x, y, method="exact" if exact else "asymptotic")
        eff = 2 * r.statistic / (n1 * n2) - 1
        se = math.sqrt((n1 + n2 + 1) / (3 * n1 * n2))
        return (hid, n1 + n2, None, r.statistic, r.pvalue,
                "exact" if exact else "asymptotic+continuity", eff, "rank_biserial",
                None, fisher_z(eff, se, o["conf"]), "fisher-z")
    if test == "chi2":
        a, b = data[v[0]][keep], data[v[1]][keep]
        ra, cb = sorted(set(a), key=str), sorted(set(b), key=str)
        tab = np.array([[np.sum((a == x) & (b == y)) for y in cb] for x in ra])
        r = stats.chi2_contingency(tab)
        u = stats.chi2_contingency(tab, correction=False)
        n = tab.sum()
        m = min(tab.shape) - 1
        v_ = math.sqrt(u[0] / (n * m))
        al = 1 - o["conf"]
        l1, l2 = nchisq_ncp_for(u[0], u[2], 1 - al / 2), nchisq_ncp_for(u[0], u[2], al / 2)
        ci = (min(1, math.sqrt(l1 / (n * m))), min(1, math.sqrt(l2 / (n * m))))
        return (hid, n, r[2], r[0], r[1], "asymptotic+yates" if r[2] == 1 else "asymptotic",
                v_, "cramers_v", None, ci, "noncentral-chi2")
    if test == "kruskal":
        x = data[v[0]][keep]
        gg = data[o["by"]][keep]
        groups = [x[gg == l] for l in sorted(set(gg))]
        r = stats.kruskal(*groups)
        ci = boot_interval(groups, eps2, o["boot"], o["conf"], o["bootci"])
        return (hid, len(x), len(groups) - 1, r.statistic, r.pvalue, "asymptotic",
                r.statistic / (len(x) - 1), "epsilon_squared", None, ci,
                "bootstrap-" + o["bootci"])
    if test == "friedman":
        m = np.column_stack([data[c][keep] for c in v])
        r = stats.friedmanchisquare(*m.T)
        n, k = m.shape
        ci = boot_interval([m], kendall_w, o["boot"], o["conf"], o["bootci"])
        return (hid, n, k - 1, r.statistic, r.pvalue, "asymptotic", r.statistic / (n * (k - 1)),
                "kendalls_w", None, ci, "bootstrap-" + o["bootci"])
    raise SystemExit("unknown test " + test)


def fmt(x):
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return "%.17g" % x


with open(f"{out}/expected.tsv", "w") as f:
    f.write("id\tn\tdf\tstatistic\tp\tmethod\teffect_size\teffect_name\tdf2\tci_low\tci_high\tci_method\n")
    for hid, test, vars_, opts in PLAN:
        r = run(hid, test, vars_, opts)
        hid, n, df, st, p, meth, eff, name, df2, ci, cim = r
        f.write("\t".join(fmt(c) for c in (hid, n, df, st, p, meth, eff, name, df2, ci[0], ci[1], cim)) + "\n")
