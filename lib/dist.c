/* The noncentral t, chi-square and F of dist.h. */
#include <float.h>
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>

#include "dist.h"

/* A series stops when what is left of it is below this part of its sum. */
#define REL_EPS 1e-17
/* More terms than any convergent case needs (ncp^2 / 2 + 40 ncp is 4000
 * at the largest ncp the series is used for). */
#define MAX_TERMS 100000

/* ---- Poisson mixtures (noncentral chi-square and F) --------------------- */

/* TERM(i) of a mixture: a central probability, falling in i for a lower tail
 * and rising for an upper one. */
typedef double mixture_term(int i, const void *ctx);

/* sum over i >= 0 of Poisson(i; MU) TERM(i), summed outwards from the mode
 * of the weights; LOWER says whether the terms fall (a lower tail) or rise
 * in i, which bounds what is left of the sum: the weights past the last
 * term, each at most 1 or at most the last term. */
static double
poisson_mixture(double mu, mixture_term *term, const void *ctx, int lower)
{
	if (mu == 0)
		return term(0, ctx);
	double mode = floor(mu);
	if (mode > MAX_TERMS * 100.0)
		return NAN;
	int m = (int)mode;
	double wm = exp(-mu + mode * log(mu) - lgamma(mode + 1));
	double sum = 0, w = wm;
	/* upwards from the mode: weights fall at least by MU / (i + 1) < 1 */
	for (int i = m; ; i++) {
		double t = term(i, ctx);
		sum += w * t;
		double r = mu / (i + 1), rest = w * r / (1 - r) * (lower ? t : 1);
		if (rest <= REL_EPS * sum || w == 0)
			break;
		if (i - m > MAX_TERMS)
			return NAN;
		w *= r;
	}
	/* downwards: weights fall by i / MU < 1 */
	w = wm;
	for (int i = m - 1; i >= 0; i--) {
		w *= (i + 1) / mu;
		double t = term(i, ctx);
		sum += w * t;
		double r = i / mu, rest = w * r / (1 - r) * (lower ? 1 : t);
		if (rest <= REL_EPS * sum || w == 0)
			break;
	}
	return sum;
}

typedef struct {
	double x, df;
	int lower;
} chisq_ctx;

static double
chisq_term(int i, const void *arg)
{
	const chisq_ctx *c = arg;
	double df = c->df + 2.0 * i;
	return c->lower ? gsl_cdf_chisq_P(c->x, df) : gsl_cdf_chisq_Q(c->x, df);
}

static double
nchisq(double x, double df, double ncp, int lower)
{
	if (isnan(x) || !(df > 0) || !(ncp >= 0) || isinf(ncp) || isinf(df))
		return NAN;
	if (x <= 0)
		return lower ? 0 : 1;
	if (isinf(x))
		return lower ? 1 : 0;
	chisq_ctx c = {x, df, lower};
	return poisson_mixture(ncp / 2, chisq_term, &c, lower);
}

double
dist_nchisq_cdf(double x, double df, double ncp)
{
	return nchisq(x, df, ncp, 1);
}

double
dist_nchisq_sf(double x, double df, double ncp)
{
	return nchisq(x, df, ncp, 0);
}

typedef struct {
	double y, cy, a, b;    /* y and 1 - y, each computed without cancellation */
	int lower;
} beta_ctx;

static double
beta_term(int i, const void *arg)
{
	const beta_ctx *c = arg;
	double a = c->a + i;
	/* the upper tail of I_y(a, b) is the lower tail of I_{1-y}(b, a) */
	return c->lower ? gsl_cdf_beta_P(c->y, a, c->b) : gsl_cdf_beta_P(c->cy, c->b, a);
}

static double
nf(double x, double df1, double df2, double ncp, int lower)
{
	if (isnan(x) || !(df1 > 0) || !(df2 > 0) || !(ncp >= 0) || isinf(ncp)
	    || isinf(df1) || isinf(df2))
		return NAN;
	if (x <= 0)
		return lower ? 0 : 1;
	if (isinf(x))
		return lower ? 1 : 0;
	double u = df1 * x;
	beta_ctx c = {u / (u + df2), df2 / (u + df2), df1 / 2, df2 / 2, lower};
	return poisson_mixture(ncp / 2, beta_term, &c, lower);
}

double
dist_nf_cdf(double x, double df1, double df2, double ncp)
{
	return nf(x, df1, df2, ncp, 1);
}

double
dist_nf_sf(double x, double df1, double df2, double ncp)
{
	return nf(x, df1, df2, ncp, 0);
}

/* ---- noncentral t --------------------------------------------------------- */

/* Lenth's AS 243 for T >= 0: F(t) = Phi(-ncp) + sum_j p_j I_x(j + 1/2, df/2)
 * + q_j I_x(j + 1, df/2), x = t^2 / (t^2 + df), p_j the Poisson(ncp^2 / 2)
 * weights halved and q_j their odd-order companions (summing to
 * Phi(ncp) - 1/2). With UPPER, 1 - F(t) as the same sum of the complements
 * I_{1-x}(df/2, j + 1/2), which rise in j, so no term is a difference of
 * nearly equal numbers where ncp >= 0. NaN when the series does not settle. */
static double
nct_series(double t, double df, double ncp, int upper)
{
	if (t == 0)
		return upper ? gsl_cdf_ugaussian_P(ncp) : gsl_cdf_ugaussian_P(-ncp);
	double t2 = t * t, x = t2 / (t2 + df), cx = df / (t2 + df);
	double lambda = ncp * ncp;
	double p = 0.5 * exp(-0.5 * lambda);
	double q = sqrt(2 / M_PI) * p * ncp;
	double a = 0.5, b = 0.5 * df;
	/* log(1 - x) from x, not cx: 1 - x near 1 loses digits at large df */
	double l1x = log1p(-x);
	double rxb = exp(b * l1x);
	double lbeta = gsl_sf_lnbeta(a, b);
	double godd = 2 * rxb * exp(a * log(x) - lbeta), geven = b * x * rxb;
	/* odd: I_x(j + 1/2, b) or its complement; even: I_x(j + 1, b) */
	double odd, even;
	if (upper) {
		odd = gsl_sf_beta_inc(b, a, cx);
		even = rxb;
	} else {
		odd = gsl_sf_beta_inc(a, b, x);
		even = -expm1(b * l1x);
	}
	double sum = p * odd + q * even;
	for (int j = 1; j <= MAX_TERMS; j++) {
		if (upper) {
			odd += godd;
			even += geven;
		} else {
			odd -= godd;
			even -= geven;
		}
		a += 1;
		godd *= x * (a + b - 1) / a;
		geven *= x * (a + b - 0.5) / (a + 0.5);
		p *= lambda / (2 * j);
		q *= lambda / (2 * j + 1);
		sum += p * odd + q * even;
		/* past the mode of the weights, the rest of each is below a
		 * geometric series; the terms are at most 1 (upper) or fall */
		double rp = lambda / (2 * j + 2), rq = lambda / (2 * j + 3);
		if (rp < 1) {
			double restp = p * rp / (1 - rp), restq = fabs(q) * rq / (1 - rq);
			double rest = upper ? restp + restq : restp * odd + restq * even;
			double total = upper ? sum : sum + gsl_cdf_ugaussian_P(-ncp);
			if (rest <= REL_EPS * fabs(total) || (p == 0 && q == 0))
				return upper ? sum : total;
		}
	}
	return NAN;
}

typedef struct {
	double t, ncp, df, sign;   /* the integrand is Phi(SIGN (t s - ncp)) g(s) */
	double shift;              /* its logarithm at the mode, subtracted */
} nct_integrand;

static double
log_phi(double z)
{
	return gsl_sf_log_erfc(-z / M_SQRT2) - M_LN2;
}

/* log(2) + x log x - lgamma(x) - x, x = df / 2, without the cancellation
 * of its large terms at large df (Stirling's series past 10) */
static double
chi_root_const(double x)
{
	if (x <= 10)
		return M_LN2 + x * log(x) - lgamma(x) - x;
	double x2 = x * x;
	double corr = (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * x2)) / x2) / x2) / x;
	return M_LN2 + 0.5 * log(x) - 0.5 * log(2 * M_PI) - corr;
}

/* log of the integrand: g is the density of s = sqrt(V / df), V ~ chi2(df),
 * log g = const + (df / 2) (log1p(u) - u) - log s with u = s^2 - 1 */
static double
nct_log_integrand(double s, const nct_integrand *c)
{
	double x = c->df / 2, u = (s - 1) * (s + 1);
	/* log(s^2) as log1p(u) only near s = 1, where it keeps the digits */
	double ls2 = fabs(u) < 0.5 ? log1p(u) : 2 * log(s);
	return log_phi(c->sign * (c->t * s - c->ncp)) + chi_root_const(x)
	       + x * (ls2 - u) - log(s);
}

static double
nct_integrand_at(double s, void *arg)
{
	const nct_integrand *c = arg;
	if (!(s > 0))
		return 0;
	return exp(nct_log_integrand(s, c) - c->shift);
}

/* the slope of the log integrand, falling in s where df >= 1 */
static double
nct_log_slope(double s, const nct_integrand *c)
{
	double z = c->sign * (c->t * s - c->ncp);
	double mills = exp(-z * z / 2 - 0.5 * log(2 * M_PI) - log_phi(z));
	return c->sign * c->t * mills + (c->df - 1) / s - c->df * s;
}

/* P(T <= t) (SIGN 1) or P(T > t) (SIGN -1) as E Phi(SIGN (t s - ncp)) over
 * s = sqrt(V / df): an integrand that is positive, integrated around its
 * mode on a scale taken from the curvature, in three pieces. */
static double
nct_integral(double t, double df, double ncp, double sign)
{
	nct_integrand c = {t, ncp, df, sign, 0};
	double mode = 1;
	if (df >= 1) {
		double lo = 0, hi = 1;
		while (nct_log_slope(hi, &c) > 0 && hi < 1e300)
			hi *= 2;
		for (int k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
			double mid = (lo + hi) / 2;
			if (nct_log_slope(mid, &c) > 0)
				lo = mid;
			else
				hi = mid;
		}
		mode = (lo + hi) / 2;
	}
	double width = 1 / sqrt(df + fabs(df - 1) / (mode * mode) + t * t);
	c.shift = nct_log_integrand(mode, &c);
	/* the integrand is log-concave: at most its peak times a few widths,
	 * which underflows past exp(-800) */
	if (c.shift < -800)
		return 0;
	gsl_function f = {nct_integrand_at, &c};
	gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	/* four pieces: the tails are below exp(-800) of the mode, but are
	 * integrated too (a piece must never hide the peak at its end) */
	double a = mode - 40 * width > 0 ? mode - 40 * width : 0, b = mode + 40 * width;
	double r[4] = {0}, e[4] = {0};
	int st = 0;
	if (a > 0)
		st |= gsl_integration_qags(&f, 0, a, 0, 1e-13, 1000, ws, &r[0], &e[0]);
	st |= gsl_integration_qags(&f, a, mode, 0, 1e-13, 1000, ws, &r[1], &e[1]);
	st |= gsl_integration_qags(&f, mode, b, 0, 1e-13, 1000, ws, &r[2], &e[2]);
	st |= gsl_integration_qagiu(&f, b, 0, 1e-13, 1000, ws, &r[3], &e[3]);
	gsl_set_error_handler(old);
	gsl_integration_workspace_free(ws);
	double sum = r[0] + r[1] + r[2] + r[3], err = e[0] + e[1] + e[2] + e[3];
	/* GSL reports roundoff when it cannot reach 1e-13; its estimate decides */
	if (st && !(err <= 1e-10 * sum))
		return NAN;
	double p = sum * exp(c.shift);
	return p < 1 ? p : 1;
}

/* ncp^2 / 2 past which exp(-ncp^2 / 2), the first weight, underflows */
#define NCT_SERIES_MAX 700
/* past this df the incomplete betas of the series lose digits (b = df / 2
 * huge, x tiny): 5e-13 at 4e5, 5e-10 at 1e9; the integral keeps 1e-12 */
#define NCT_SERIES_DF 1e5

static double
nct(double t, double df, double ncp, int lower)
{
	if (isnan(t) || isnan(ncp) || !(df > 0) || isinf(ncp))
		return NAN;
	if (isinf(t))
		return (t > 0) == lower ? 1 : 0;
	if (isinf(df))
		return lower ? gsl_cdf_ugaussian_P(t - ncp) : gsl_cdf_ugaussian_Q(t - ncp);
	if (ncp == 0)
		return lower ? gsl_cdf_tdist_P(t, df) : gsl_cdf_tdist_Q(t, df);
	/* P(T <= t; ncp) = P(T > -t; -ncp): the series is for t >= 0 */
	int upper = !lower;
	if (t < 0) {
		t = -t;
		ncp = -ncp;
		upper = !upper;
	}
	if (ncp * ncp / 2 > NCT_SERIES_MAX || df > NCT_SERIES_DF || (upper && ncp < 0))
		return nct_integral(t, df, ncp, upper ? -1 : 1);
	return nct_series(t, df, ncp, upper);
}

double
dist_nct_cdf(double t, double df, double ncp)
{
	return nct(t, df, ncp, 1);
}

double
dist_nct_sf(double t, double df, double ncp)
{
	return nct(t, df, ncp, 0);
}

/* ---- inversion ------------------------------------------------------------ */

typedef double cdf_of(double v, const double *args);

typedef struct {
	cdf_of *cdf;
	const double *args;
	double p;
} root_ctx;

static double
root_at(double v, void *arg)
{
	const root_ctx *c = arg;
	return c->cdf(v, c->args) - c->p;
}

/* The V where CDF(V) = P, CDF rising in V (RISING) or falling; the search
 * starts at [LO, HI] and widens by doubling steps, never below FLOOR. */
static double
invert(cdf_of *cdf, const double *args, double p, int rising, double lo, double hi,
       double floor_)
{
	if (!(p > 0 && p < 1))
		return NAN;
	root_ctx c = {cdf, args, p};
	double s = rising ? 1 : -1, step = hi - lo;
	double flo = root_at(lo, &c), fhi = root_at(hi, &c);
	for (int k = 0; k < 2000 && s * flo > 0; k++) {
		if (lo <= floor_)
			return NAN;
		hi = lo;
		fhi = flo;
		lo = lo - step > floor_ ? lo - step : floor_;
		step *= 2;
		flo = root_at(lo, &c);
	}
	for (int k = 0; k < 2000 && s * fhi < 0; k++) {
		lo = hi;
		flo = fhi;
		hi += step;
		step *= 2;
		fhi = root_at(hi, &c);
	}
	if (isnan(flo) || isnan(fhi) || s * flo > 0 || s * fhi < 0)
		return NAN;
	if (flo == 0)
		return lo;
	if (fhi == 0)
		return hi;
	gsl_function f = {root_at, &c};
	gsl_root_fsolver *rs = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	double root = NAN;
	if (gsl_root_fsolver_set(rs, &f, lo, hi) == GSL_SUCCESS)
		for (int it = 0; it < 500; it++) {
			if (gsl_root_fsolver_iterate(rs) != GSL_SUCCESS) {
				root = NAN;
				break;
			}
			root = gsl_root_fsolver_root(rs);
			double a = gsl_root_fsolver_x_lower(rs), b = gsl_root_fsolver_x_upper(rs);
			if (gsl_root_test_interval(a, b, 1e-300, 4 * DBL_EPSILON) == GSL_SUCCESS)
				break;
		}
	gsl_set_error_handler(old);
	gsl_root_fsolver_free(rs);
	return root;
}

static double
nct_cdf_in_t(double t, const double *a)
{
	return dist_nct_cdf(t, a[0], a[1]);
}

static double
nct_cdf_in_ncp(double ncp, const double *a)
{
	return dist_nct_cdf(a[0], a[1], ncp);
}

static double
nchisq_cdf_in_ncp(double ncp, const double *a)
{
	return dist_nchisq_cdf(a[0], a[1], ncp);
}

double
dist_nct_quantile(double p, double df, double ncp)
{
	if (!(df > 0) || isnan(ncp) || isinf(ncp))
		return NAN;
	double a[2] = {df, ncp};
	return invert(nct_cdf_in_t, a, p, 1, ncp - 1, ncp + 1, -INFINITY);
}

double
dist_nct_ncp_for(double t, double df, double p)
{
	if (!(df > 0) || isnan(t) || isinf(t))
		return NAN;
	double a[2] = {t, df};
	return invert(nct_cdf_in_ncp, a, p, 0, t - 1, t + 1, -INFINITY);
}

double
dist_nchisq_ncp_for(double x, double df, double p)
{
	if (!(df > 0) || !(x > 0) || isinf(x))
		return NAN;
	double a[2] = {x, df};
	/* the CDF is largest at ncp 0: a P above it has no ncp */
	if (!(p < dist_nchisq_cdf(x, df, 0)))
		return NAN;
	return invert(nchisq_cdf_in_ncp, a, p, 0, 0, x > 1 ? x : 1, 0);
}
