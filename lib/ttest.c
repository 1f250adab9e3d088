/* t-tests and one-way ANOVA: see ttest.h. */
#include "ttest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "err.h"

static void
clear(ht_result *res)
{
	memset(res, 0, sizeof *res);
	res->df = NAN;
	res->u_min = NAN;
	res->min_expected = NAN;
}

static double
mean_of(const double *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	double m = s / (double)n, c = 0;
	for (size_t i = 0; i < n; i++)	/* a second pass: the mean to the last bit */
		c += x[i] - m;
	return m + c / (double)n;
}

/* Sum of squared deviations from M. */
static double
ss_about(const double *x, size_t n, double m)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += (x[i] - m) * (x[i] - m);
	return s;
}

/* The power of 2 that brings the largest |X| of both arrays into [0.5, 1):
 * scaling by it is exact, and leaves t, F and d as they are, while the
 * squares of 1e200 (or of 1e-200) neither overflow nor underflow. */
static double
scale_of(const double *x, size_t n, const double *y, size_t m)
{
	double big = 0;
	for (size_t i = 0; i < n; i++)
		big = fmax(big, fabs(x[i]));
	for (size_t i = 0; i < m; i++)
		big = fmax(big, fabs(y[i]));
	int e;
	if (big == 0 || !isfinite(big))
		return 1;
	frexp(big, &e);
	return ldexp(1, -e);
}

/* X times F, into a new array. */
static double *
scaled(const double *x, size_t n, double f)
{
	double *v = xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = x[i] * f;
	return v;
}

double
tt_t_pvalue(double t, double df, ht_alternative alt)
{
	switch (alt) {
	case HT_LESS:
		return ht_t_sf(-t, df);
	case HT_GREATER:
		return ht_t_sf(t, df);
	case HT_TWO_SIDED:
		break;
	}
	double p = 2 * ht_t_sf(fabs(t), df);
	return p > 1 ? 1 : p;
}

/* Hedges' exact small-sample correction J(df), through lgamma. */
static double
hedges_j(double df)
{
	return exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2));
}

static void
set_effect(ht_result *res, tt_dinfo *di, double d, double t, double df_d, double hn,
           tt_effect eff)
{
	double j = eff == TT_HEDGES_G ? hedges_j(df_d) : 1;
	res->effect = d * j;
	if (di) {
		di->t = t;
		di->df = df_d;
		di->hn = hn;
		di->j = j;
	}
}

static const char *independent(const double *x, size_t n1, const double *y, size_t n2,
                               double mu, int equal_var, ht_alternative alt, tt_effect eff,
                               ht_result *res, tt_dinfo *di);

const char *
tt_independent(const double *x, size_t n1, const double *y, size_t n2, double mu,
               int equal_var, ht_alternative alt, tt_effect eff, ht_result *res,
               tt_dinfo *di)
{
	if (n1 < 2 || n2 < 2)
		return "each group needs at least 2 values";
	double f = scale_of(x, n1, y, n2);
	double *xs = scaled(x, n1, f), *ys = scaled(y, n2, f);
	const char *why = independent(xs, n1, ys, n2, mu * f, equal_var, alt, eff, res, di);
	free(xs);
	free(ys);
	return why;
}

static const char *
independent(const double *x, size_t n1, const double *y, size_t n2, double mu,
            int equal_var, ht_alternative alt, tt_effect eff, ht_result *res, tt_dinfo *di)
{
	double m1 = mean_of(x, n1), m2 = mean_of(y, n2);
	double ss1 = ss_about(x, n1, m1), ss2 = ss_about(y, n2, m2);
	double v1 = ss1 / (double)(n1 - 1), v2 = ss2 / (double)(n2 - 1);
	double dn1 = (double)n1, dn2 = (double)n2, dfp = dn1 + dn2 - 2;
	double sp2 = (ss1 + ss2) / dfp;
	if (sp2 == 0)
		return "both groups are constant: the t statistic is undefined";
	clear(res);
	double diff = m1 - m2 - mu, t, df;
	if (equal_var) {
		t = diff / sqrt(sp2 * (1 / dn1 + 1 / dn2));
		df = dfp;
	} else {
		double a = v1 / dn1, b = v2 / dn2;
		t = diff / sqrt(a + b);
		df = (a + b) * (a + b) / (a * a / (dn1 - 1) + b * b / (dn2 - 1));
	}
	res->statistic = t;
	res->df = df;
	res->p = tt_t_pvalue(t, df, alt);
	double hn = 1 / dn1 + 1 / dn2, d = diff / sqrt(sp2);
	set_effect(res, di, d, d / sqrt(hn), dfp, hn, eff);
	return NULL;
}

static const char *one_sample(const double *x, size_t n, double mu, ht_alternative alt,
                              tt_effect eff, ht_result *res, tt_dinfo *di);

const char *
tt_one_sample(const double *x, size_t n, double mu, ht_alternative alt, tt_effect eff,
              ht_result *res, tt_dinfo *di)
{
	if (n < 2)
		return "the test needs at least 2 values";
	double f = scale_of(x, n, NULL, 0), *xs = scaled(x, n, f);
	const char *why = one_sample(xs, n, mu * f, alt, eff, res, di);
	free(xs);
	return why;
}

static const char *
one_sample(const double *x, size_t n, double mu, ht_alternative alt, tt_effect eff,
           ht_result *res, tt_dinfo *di)
{
	double m = mean_of(x, n), ss = ss_about(x, n, m), dn = (double)n;
	if (ss == 0)
		return "all values are equal: the t statistic is undefined";
	clear(res);
	double sd = sqrt(ss / (dn - 1)), t = (m - mu) / (sd / sqrt(dn));
	res->statistic = t;
	res->df = dn - 1;
	res->p = tt_t_pvalue(t, dn - 1, alt);
	set_effect(res, di, (m - mu) / sd, t, dn - 1, 1 / dn, eff);
	return NULL;
}

static const char *anova(const double *x, const size_t *group, size_t n, size_t k,
                         int equal_var, tt_effect eff, ht_result *res, double *df2,
                         tt_finfo *fi);

const char *
tt_anova(const double *x, const size_t *group, size_t n, size_t k, int equal_var,
         tt_effect eff, ht_result *res, double *df2, tt_finfo *fi)
{
	if (k < 2)
		return "the test needs at least 2 groups";
	if (n <= k)
		return "the test needs more values than groups";
	double *xs = scaled(x, n, scale_of(x, n, NULL, 0));
	const char *why = anova(xs, group, n, k, equal_var, eff, res, df2, fi);
	free(xs);
	return why;
}

static const char *
anova(const double *x, const size_t *group, size_t n, size_t k, int equal_var,
      tt_effect eff, ht_result *res, double *df2, tt_finfo *fi)
{
	/* per group: size, mean, sum of squares (and Welch's weight) */
	double *cnt = xcalloc(4 * k, sizeof *cnt), *mg = cnt + k, *ssg = mg + k, *w = ssg + k;
	for (size_t i = 0; i < n; i++) {
		cnt[group[i]]++;
		mg[group[i]] += x[i];
	}
	for (size_t j = 0; j < k; j++)
		mg[j] /= cnt[j];
	for (size_t i = 0; i < n; i++)
		ssg[group[i]] += (x[i] - mg[group[i]]) * (x[i] - mg[group[i]]);
	double gm = mean_of(x, n), ssw = 0, ssb = 0, dn = (double)n, dk = (double)k;
	for (size_t j = 0; j < k; j++) {
		ssw += ssg[j];
		ssb += cnt[j] * (mg[j] - gm) * (mg[j] - gm);
	}
	if (ssw == 0) {
		free(cnt);
		return "every group is constant: the F statistic is undefined";
	}
	clear(res);
	double f, d2;
	if (equal_var) {
		f = (ssb / (dk - 1)) / (ssw / (dn - dk));
		d2 = dn - dk;
	} else {
		/* R's oneway.test: weights n_j / s_j^2 */
		double sw = 0, swm = 0;
		for (size_t j = 0; j < k; j++) {
			if (cnt[j] < 2 || ssg[j] == 0) {
				const char *why = cnt[j] < 2
				        ? "Welch's ANOVA needs at least 2 values per group"
				        : "a group is constant: Welch's weights n/s^2 are undefined "
				          "(give --equal-var for the classical F)";
				free(cnt);
				return why;
			}
			w[j] = cnt[j] / (ssg[j] / (cnt[j] - 1));
			sw += w[j];
			swm += w[j] * mg[j];
		}
		double mw = swm / sw, a = 0, tmp = 0;
		for (size_t j = 0; j < k; j++) {
			a += w[j] * (mg[j] - mw) * (mg[j] - mw);
			tmp += (1 - w[j] / sw) * (1 - w[j] / sw) / (cnt[j] - 1);
		}
		a /= dk - 1;
		tmp /= dk * dk - 1;
		f = a / (1 + 2 * (dk - 2) * tmp);
		d2 = 1 / (3 * tmp);
	}
	gsl_set_error_handler_off();
	res->statistic = f;
	res->df = dk - 1;
	res->p = gsl_cdf_fdist_Q(f, dk - 1, d2);
	*df2 = d2;
	double sst = ssb + ssw, msw = ssw / (dn - dk);
	res->effect = eff == TT_OMEGA2 ? (ssb - (dk - 1) * msw) / (sst + msw) : ssb / sst;
	if (fi) {
		/* the interval is the classical ANOVA's (effectsize's) */
		fi->df1 = dk - 1;
		fi->df2 = dn - dk;
	}
	free(cnt);
	return NULL;
}
