/* Confidence intervals of effect sizes: see effect.h. */
#include "effect.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_erf.h>

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

/* ---- the noncentral t ---- */

typedef struct {
	double t, df, ncp;
} nct_args;

/* Phi(t sqrt(v / df) - ncp) times the chi-square(df) density at v. */
static double
nct_integrand(double v, void *p)
{
	const nct_args *a = p;
	return gsl_cdf_ugaussian_P(a->t * sqrt(v / a->df) - a->ncp) *
	       gsl_ran_chisq_pdf(v, a->df);
}

double
ef_nct_cdf(double t, double df, double ncp)
{
	gsl_set_error_handler_off();
	nct_args a = {t, df, ncp};
	gsl_function f = {nct_integrand, &a};
	/* the chi-square's mass lies within 40 sd of its mean */
	double sd = sqrt(2 * df), lo = fmax(0, df - 40 * sd), hi = df + 40 * sd + 60;
	gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
	double r = NAN, err;
	gsl_integration_qags(&f, lo, hi, 0, 1e-13, 1000, w, &r, &err);
	gsl_integration_workspace_free(w);
	return r < 0 ? 0 : r > 1 ? 1 : r;
}

/* The ncp with P(T <= t; ncp) = P: the CDF falls as ncp grows; bisection
 * on a bracket widened until it holds, to the last bits. */
static double
ncp_for(double t, double df, double p)
{
	double lo = t - 1, hi = t + 1;
	while (ef_nct_cdf(t, df, lo) < p)
		lo -= 2 * (hi - lo);
	while (ef_nct_cdf(t, df, hi) > p)
		hi += 2 * (hi - lo);
	for (int i = 0; i < 200 && hi - lo > 1e-15 * fmax(1, fabs(lo)); i++) {
		double mid = (lo + hi) / 2;
		if (mid == lo || mid == hi)
			break;
		if (ef_nct_cdf(t, df, mid) > p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

int
ef_ci_d(double t, double df, double hn, double j, double conf, double *lo, double *hi)
{
	if (!(df > 0) || !isfinite(t))
		return -1;
	double a = 1 - conf;
	*lo = ncp_for(t, df, 1 - a / 2) * sqrt(hn) * j;
	*hi = ncp_for(t, df, a / 2) * sqrt(hn) * j;
	return 0;
}
