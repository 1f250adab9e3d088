"""The exact values of the cases in dist-cases.tsv, by mpmath at 40 digits:
noncentral t as the integral E Phi(t s - ncp) over s = sqrt(V / df),
V ~ chi2(df); noncentral chi-square and F as their Poisson mixtures summed
until the weights left are below 1e-45; quantiles and noncentralities by
mpmath's findroot. Reads R's values (dist-expected.R) on standard input and
appends the exact value and whether R's is within 1e-10 of it (relative)."""
import sys
import mpmath as mp

mp.mp.dps = 40


def nct(t, df, ncp, lower):
    t, df, ncp = mp.mpf(t), mp.mpf(df), mp.mpf(ncp)
    c = mp.log(2) + df / 2 * mp.log(df / 2) - mp.loggamma(df / 2)

    def f(s):
        z = t * s - ncp if lower else ncp - t * s
        return mp.ncdf(z) * mp.exp(c + (df - 1) * mp.log(s) - df * s * s / 2)
    # breakpoints around the peak of the chi density, which narrows with df
    w = 1 / mp.sqrt(2 * df)
    pts = [0] + [1 + k * w for k in range(-40, 41) if 1 + k * w > 0] + [mp.inf]
    return mp.quad(f, pts, maxdegree=10)


def mixture(mu, term, lower):
    mu = mp.mpf(mu)
    if mu == 0:
        return term(0)
    total, i = mp.mpf(0), 0
    while True:
        w = mp.exp(-mu + i * mp.log(mu) - mp.loggamma(i + 1))
        total += w * term(i)
        if i > mu and w < mp.mpf(10) ** -45:
            return total
        i += 1


def nchisq(x, df, ncp, lower):
    x, df = mp.mpf(x), mp.mpf(df)
    return mixture(mp.mpf(ncp) / 2, lambda i: mp.gammainc((df + 2 * i) / 2, 0, x / 2, regularized=True)
                   if lower else mp.gammainc((df + 2 * i) / 2, x / 2, mp.inf, regularized=True), lower)


def nf(x, d1, d2, ncp, lower):
    x, d1, d2 = mp.mpf(x), mp.mpf(d1), mp.mpf(d2)
    y, cy = d1 * x / (d1 * x + d2), d2 / (d1 * x + d2)
    return mixture(mp.mpf(ncp) / 2, lambda i: mp.betainc(d1 / 2 + i, d2 / 2, 0, y, regularized=True)
                   if lower else mp.betainc(d2 / 2, d1 / 2 + i, 0, cy, regularized=True), lower)


def exact(fn, a, b, c, d, guess):
    if fn == "nct_cdf": return nct(a, b, c, True)
    if fn == "nct_sf": return nct(a, b, c, False)
    if fn == "nchisq_cdf": return nchisq(a, b, c, True)
    if fn == "nchisq_sf": return nchisq(a, b, c, False)
    if fn == "nf_cdf": return nf(a, b, c, d, True)
    if fn == "nf_sf": return nf(a, b, c, d, False)
    if fn == "nct_quantile":
        return mp.findroot(lambda t: nct(t, b, c, True) - mp.mpf(a), mp.mpf(guess))
    if fn == "nct_ncp_for":
        return mp.findroot(lambda n: nct(a, b, n, True) - mp.mpf(c), mp.mpf(guess))
    if fn == "nchisq_ncp_for":
        return mp.findroot(lambda n: nchisq(a, b, n, True) - mp.mpf(c), mp.mpf(guess))
    raise ValueError(fn)


for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    fn, args, r = f[0], [float(v) if v != "-" else None for v in f[1:5]], float(f[5])
    e = exact(fn, *args, r)
    ok = abs(r - float(e)) <= 1e-10 * abs(float(e))
    print("\t".join(f + [mp.nstr(e, 17, min_fixed=-mp.inf, max_fixed=mp.inf), "1" if ok else "0"]))
