/* Confidence intervals of effect sizes: see effect.h. */
#include "effect.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "dist.h"

static double
z_of(double conf)
{
	return gsl_cdf_ugaussian_Pinv((1 + conf) / 2);
}

static void
z_interval(double z, double se, double conf, double *lo, double *hi)
{
	double q = z_of(conf);
	*lo = tanh(z - q * se);
	*hi = tanh(z + q * se);
}

int
ef_ci_fisher_z(double r, size_t n, int bonett_wright, double conf, double *lo, double *hi)
{
	if (n < 4)
		return -1;
	double se = bonett_wright ? sqrt((1 + r * r / 2) / ((double)n - 3))
	                          : 1 / sqrt((double)n - 3);
	z_interval(atanh(r), se, conf, lo, hi);
	return 0;
}

int
ef_ci_rank_biserial(double r, double se, double conf, double *lo, double *hi)
{
	if (!isfinite(se))
		return -1;
	z_interval(atanh(r), se, conf, lo, hi);
	return 0;
}

double
ef_rbs_se_two(size_t n1, size_t n2)
{
	double a = (double)n1, b = (double)n2;
	return sqrt((a + b + 1) / (3 * a * b));
}

double
ef_rbs_se_paired(size_t nd)
{
	double n = (double)nd;
	if (nd == 0)
		return NAN;
	return sqrt((2 * n * n * n + 3 * n * n + n) / 6) / ((n * n + n) / 2);
}

/* The ncp with P(F <= f; ncp) = P, or 0 when even ncp 0 gives less (the
 * CDF falls as ncp grows): bisection on a bracket widened until it holds. */
static double
nf_ncp_for(double f, double df1, double df2, double p)
{
	if (!(f > 0) || dist_nf_cdf(f, df1, df2, 0) <= p)
		return 0;
	double lo = 0, hi = fmax(1, f * df1);
	while (dist_nf_cdf(f, df1, df2, hi) > p) {
		lo = hi;
		hi *= 2;
	}
	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;
		if (mid == lo || mid == hi)
			break;
		if (dist_nf_cdf(f, df1, df2, mid) > p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

int
ef_ci_eta2(double es, double df1, double df2, double conf, double *lo, double *hi)
{
	if (!isfinite(es) || es >= 1)
		return -1;
	/* the F of which ES would be the eta squared (0 for ES <= 0) */
	double f = es > 0 ? (es / df1) / ((1 - es) / df2) : 0, a = 1 - conf;
	double l1 = nf_ncp_for(f, df1, df2, 1 - a / 2), l2 = nf_ncp_for(f, df1, df2, a / 2);
	*lo = l1 / (l1 + df2);
	*hi = l2 / (l2 + df2);
	return 0;
}

/* The ncp with P(X <= x; ncp) = P, 0 where even ncp 0 gives less. */
static double
nchisq_ncp(double x, double df, double p)
{
	if (!(x > 0) || !(p < dist_nchisq_cdf(x, df, 0)))
		return 0;
	return dist_nchisq_ncp_for(x, df, p);
}

int
ef_ci_cramers_v(double chi2, double n, double df, double m, double conf, double *lo,
                double *hi)
{
	if (!(n > 0) || !(m > 0) || !isfinite(chi2))
		return -1;
	double a = 1 - conf;
	double l1 = nchisq_ncp(chi2, df, 1 - a / 2), l2 = nchisq_ncp(chi2, df, a / 2);
	*lo = fmin(1, sqrt(l1 / (n * m)));
	*hi = fmin(1, sqrt(l2 / (n * m)));
	return 0;
}

int
ef_ci_d(double t, double df, double hn, double j, double conf, double *lo, double *hi)
{
	if (!(df > 0) || !isfinite(t))
		return -1;
	double a = 1 - conf;
	*lo = dist_nct_ncp_for(t, df, 1 - a / 2) * sqrt(hn) * j;
	*hi = dist_nct_ncp_for(t, df, a / 2) * sqrt(hn) * j;
	if (!isfinite(*lo) || !isfinite(*hi))
		return -1;
	return 0;
}
