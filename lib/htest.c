#include "htest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "err.h"
#include "rank.h"

const char *
ht_alternative_name(ht_alternative alt)
{
	switch (alt) {
	case HT_LESS: return "less";
	case HT_GREATER: return "greater";
	case HT_TWO_SIDED: break;
	}
	return "two-sided";
}

/* GSL's default handler aborts on underflow in far tails: we want the value
 * (0 or a subnormal) instead. */
static void
ht_gsl_quiet(void)
{
	gsl_set_error_handler_off();
}

static void
ht_clear(ht_result *res)
{
	memset(res, 0, sizeof *res);
	res->df = NAN;
	res->u_min = NAN;
	res->min_expected = NAN;
}

static double
clip01(double p)
{
	return p < 0 ? 0 : p > 1 ? 1 : p;
}

/* p of a t statistic with DF degrees of freedom, scipy's _ttest_finish. */
static double
t_pvalue(double t, double df, ht_alternative alt)
{
	switch (alt) {
	case HT_LESS:
		return gsl_cdf_tdist_Q(-t, df);
	case HT_GREATER:
		return gsl_cdf_tdist_Q(t, df);
	case HT_TWO_SIDED:
		break;
	}
	return clip01(2 * gsl_cdf_tdist_Q(fabs(t), df));
}

static double
mean(const double *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	return s / (double)n;
}

/* Pearson correlation, or NAN when a column is constant. NUMPY_ORDER: as
 * numpy.corrcoef (covariance divided by each standard deviation in turn, as
 * scipy's spearmanr); otherwise as scipy's pearsonr (dot product of the
 * normalised deviations). Both end clipped to [-1, 1]; the order matters
 * only in the last bit, but that decides whether a perfect relation gives
 * exactly 1 (and p = 0) as in scipy. */
static double
correlation(const double *x, const double *y, size_t n, int numpy_order)
{
	double mx = mean(x, n), my = mean(y, n), sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx == 0 || syy == 0)
		return NAN;
	double r;
	if (numpy_order) {
		double d = (double)n - 1;
		r = sxy / d / sqrt(sxx / d) / sqrt(syy / d);
	} else {
		double nx = sqrt(sxx), ny = sqrt(syy);
		r = 0;
		for (size_t i = 0; i < n; i++)
			r += (x[i] - mx) / nx * ((y[i] - my) / ny);
	}
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

static int
is_constant(const double *x, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (x[i] != x[0])
			return 0;
	return 1;
}

static const char *
correlation_test(double r, size_t n, ht_alternative alt, ht_result *res)
{
	double df = (double)n - 2;
	ht_clear(res);
	res->statistic = r;
	res->df = df;
	res->effect = r;
	if (fabs(r) == 1) {
		/* t is infinite: scipy gives p = 0 in the direction of r. */
		int agrees = alt == HT_TWO_SIDED || (alt == HT_GREATER) == (r > 0);
		res->p = agrees ? 0 : 1;
		return NULL;
	}
	double t = r * sqrt(df / ((r + 1) * (1 - r)));
	res->p = t_pvalue(t, df, alt);
	return NULL;
}

const char *
ht_spearman(const double *x, const double *y, size_t n, ht_alternative alt,
            ht_result *res)
{
	ht_gsl_quiet();
	if (n < 3)
		return "fewer than 3 complete pairs";
	if (is_constant(x, n) || is_constant(y, n))
		return "a column is constant";
	double *rx = xmalloc(n * sizeof *rx), *ry = xmalloc(n * sizeof *ry);
	rank_average(x, n, rx);
	rank_average(y, n, ry);
	double rho = correlation(rx, ry, n, 1);
	free(rx);
	free(ry);
	return correlation_test(rho, n, alt, res);
}

const char *
ht_pearson(const double *x, const double *y, size_t n, ht_alternative alt,
           ht_result *res)
{
	ht_gsl_quiet();
	if (n < 3)
		return "fewer than 3 complete pairs";
	if (is_constant(x, n) || is_constant(y, n))
		return "a column is constant";
	double r = correlation(x, y, n, 0);
	if (isnan(r))
		return "a column is constant";
	return correlation_test(r, n, alt, res);
}

const char *
ht_chi2(const double *table, size_t r, size_t c, int yates, ht_result *res)
{
	ht_gsl_quiet();
	if (r < 2 || c < 2)
		return "the table needs at least 2 rows and 2 columns";
	double *rs = xcalloc(r, sizeof *rs), *cs = xcalloc(c, sizeof *cs), n = 0;
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < c; j++) {
			rs[i] += table[i * c + j];
			cs[j] += table[i * c + j];
			n += table[i * c + j];
		}
	const char *why = NULL;
	for (size_t i = 0; i < r && !why; i++)
		if (rs[i] == 0)
			why = "the table has an empty row";
	for (size_t j = 0; j < c && !why; j++)
		if (cs[j] == 0)
			why = "the table has an empty column";
	if (why) {
		free(rs);
		free(cs);
		return why;
	}
	ht_clear(res);
	double df = (double)((r - 1) * (c - 1)), chi2 = 0, chi2_plain = 0;
	int correct = yates && df == 1;
	res->min_expected = INFINITY;
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < c; j++) {
			double e = rs[i] * cs[j] / n, o = table[i * c + j];
			double d = o - e;
			chi2_plain += d * d / e;
			if (correct) {
				/* scipy: move each count toward its expectation by
				 * at most 1/2. */
				double diff = e - o, mag = fmin(0.5, fabs(diff));
				double oc = o + (diff > 0 ? mag : diff < 0 ? -mag : 0);
				d = oc - e;
			}
			chi2 += d * d / e;
			if (e < res->min_expected)
				res->min_expected = e;
			if (e < 5)
				res->n_small_expected++;
		}
	res->statistic = chi2;
	res->df = df;
	res->p = gsl_cdf_chisq_Q(chi2, df);
	res->corrected = correct;
	double dmin = (double)(r < c ? r : c) - 1;
	res->effect = sqrt(chi2_plain / (n * dmin));
	free(rs);
	free(cs);
	return NULL;
}

const char *
ht_kruskal(const double *x, const size_t *group, size_t n, size_t k,
           ht_result *res)
{
	ht_gsl_quiet();
	if (k < 2)
		return "fewer than 2 groups";
	double *rk = xmalloc(n * sizeof *rk);
	double *sum = xcalloc(k, sizeof *sum), *cnt = xcalloc(k, sizeof *cnt);
	double ties = rank_average(x, n, rk);
	double dn = (double)n;
	double tc = 1 - ties / (dn * dn * dn - dn);
	for (size_t i = 0; i < n; i++) {
		sum[group[i]] += rk[i];
		cnt[group[i]] += 1;
	}
	double ssbn = 0;
	for (size_t g = 0; g < k; g++)
		ssbn += sum[g] * sum[g] / cnt[g];
	free(rk);
	free(sum);
	free(cnt);
	if (!(tc > 0))
		return "all values are identical";
	ht_clear(res);
	double h = 12.0 / (dn * (dn + 1)) * ssbn - 3 * (dn + 1);
	h /= tc;
	res->statistic = h;
	res->df = (double)k - 1;
	res->p = gsl_cdf_chisq_Q(h, res->df);
	res->effect = h / (dn - 1);
	return NULL;
}

double
ht_mwu_exact_sf(double u, size_t m, size_t n)
{
	/* scipy: sf(k) = cdf(m n - k) with k = int(U); the counts f(m, n, j) of
	 * arrangements with U = j follow f(m, n, j) = f(m-1, n, j-n) + f(m, n-1, j)
	 * (Theorem 2.5 of scipy's reference [3]), computed for j <= kmax only,
	 * layer by layer over m: additions only, so the tails keep full
	 * relative precision. */
	if (u < 0)
		return 1;
	if (n > m) {
		/* U's distribution is symmetric in the sizes: keep the table
		 * (n + 1) x (kmax + 1) small. */
		size_t t = m;
		m = n;
		n = t;
	}
	size_t mn = m * n;
	double uk = floor(u);
	if (uk > (double)mn)
		return 0;
	size_t kmax = mn - (size_t)uk;
	size_t w = kmax + 1;
	/* prev[j][k] = f(i-1, j, k), cur[j][k] = f(i, j, k), j = 0..n. */
	double *prev = xcalloc((n + 1) * w, sizeof *prev);
	double *cur = xcalloc((n + 1) * w, sizeof *cur);
	for (size_t j = 0; j <= n; j++)
		prev[j * w] = 1;	/* f(0, j, 0) = 1 */
	for (size_t i = 1; i <= m; i++) {
		for (size_t j = 0; j <= n; j++) {
			double *row = cur + j * w;
			for (size_t k = 0; k < w; k++) {
				double f = 0;
				if (k == 0) {
					f = 1;
				} else {
					if (k >= j && k - j <= (i - 1) * j)
						f += prev[j * w + (k - j)];
					if (j > 0 && k <= i * (j - 1))
						f += cur[(j - 1) * w + k];
				}
				row[k] = f;
			}
		}
		double *t = prev;
		prev = cur;
		cur = t;
	}
	double below = 0, total = 0;
	for (size_t k = 0; k < w; k++)
		below += prev[n * w + k];
	free(prev);
	free(cur);
	/* Total count: C(m + n, n), as scipy's special.binom; the product
	 * keeps each step an exact integer while it fits in 53 bits. */
	total = 1;
	for (size_t i = 1; i <= n; i++)
		total = total * (double)(m + i) / (double)i;
	return clip01(below / total);
}

const char *
ht_mannwhitney(const double *x, size_t n1, const double *y, size_t n2,
               ht_alternative alt, ht_method method, int continuity,
               ht_result *res)
{
	ht_gsl_quiet();
	if (n1 == 0 || n2 == 0)
		return "a group has no values";
	size_t n = n1 + n2;
	double *xy = xmalloc(n * sizeof *xy), *rk = xmalloc(n * sizeof *rk);
	memcpy(xy, x, n1 * sizeof *xy);
	memcpy(xy + n1, y, n2 * sizeof *xy);
	double ties = rank_average(xy, n, rk);
	double r1 = 0;
	for (size_t i = 0; i < n1; i++)
		r1 += rk[i];
	free(xy);
	free(rk);
	double d1 = (double)n1, d2 = (double)n2, dn = (double)n;
	int fallback = 0;
	if (method == HT_AUTO) {
		method = (n1 > 8 && n2 > 8) || ties > 0 ? HT_ASYMPTOTIC : HT_EXACT;
		if (method == HT_EXACT && n1 * n2 > HT_EXACT_MAX_CELLS) {
			method = HT_ASYMPTOTIC;
			fallback = 1;
		}
	}
	if (method == HT_EXACT && n1 * n2 > HT_EXACT_MAX_CELLS)
		return "the exact distribution is limited to n1 * n2 <= 10000";
	double u1 = r1 - d1 * (d1 + 1) / 2, u2 = d1 * d2 - u1;
	double u, f;
	switch (alt) {
	case HT_GREATER: u = u1; f = 1; break;
	case HT_LESS: u = u2; f = 1; break;
	default: u = fmax(u1, u2); f = 2; break;
	}
	double p;
	if (method == HT_EXACT) {
		p = ht_mwu_exact_sf(u, n1, n2);
	} else {
		double s = sqrt(d1 * d2 / 12 * ((dn + 1) - ties / (dn * (dn - 1))));
		if (!(s > 0))
			return "all values are identical";
		double num = u - d1 * d2 / 2;
		if (continuity)
			num -= 0.5;
		p = gsl_cdf_ugaussian_Q(num / s);
	}
	ht_clear(res);
	res->statistic = u1;
	res->u_min = fmin(u1, u2);
	res->p = clip01(p * f);
	res->exact = method == HT_EXACT;
	res->exact_fallback = fallback;
	res->exact_with_ties = method == HT_EXACT && ties > 0;
	res->corrected = method != HT_EXACT && continuity;
	res->effect = 2 * u1 / (d1 * d2) - 1;
	return NULL;
}

const char *
ht_friedman(const double *x, size_t n, size_t k, ht_result *res)
{
	ht_gsl_quiet();
	if (k < 3)
		return "fewer than 3 columns (scipy's friedmanchisquare needs 3)";
	if (n < 2)
		return "fewer than 2 complete rows";
	double *rk = xmalloc(k * sizeof *rk), *colsum = xcalloc(k, sizeof *colsum);
	double ties = 0;
	for (size_t i = 0; i < n; i++) {
		ties += rank_average(x + i * k, k, rk);
		for (size_t j = 0; j < k; j++)
			colsum[j] += rk[j];
	}
	double dk = (double)k, dn = (double)n, ssbn = 0;
	for (size_t j = 0; j < k; j++)
		ssbn += colsum[j] * colsum[j];
	free(rk);
	free(colsum);
	double c = 1 - ties / (dk * (dk * dk - 1) * dn);
	if (!(c > 0))
		return "every row is constant (all values tied)";
	ht_clear(res);
	double chi2 = (12.0 / (dk * dn * (dk + 1)) * ssbn - 3 * dn * (dk + 1)) / c;
	res->statistic = chi2;
	res->df = dk - 1;
	res->p = gsl_cdf_chisq_Q(chi2, res->df);
	res->effect = chi2 / (dn * (dk - 1));
	return NULL;
}

typedef struct {
	double p;
	size_t i;
} ht_pitem;

static int
ht_pcmp(const void *a, const void *b)
{
	const ht_pitem *x = a, *y = b;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

void
ht_adjust(const double *p, size_t m, ht_adjust_method method, double *adj)
{
	if (m == 0)
		return;
	ht_pitem *s = xmalloc(m * sizeof *s);
	double *q = xmalloc(m * sizeof *q);
	for (size_t i = 0; i < m; i++) {
		s[i].p = p[i];
		s[i].i = i;
	}
	qsort(s, m, sizeof *s, ht_pcmp);
	double dm = (double)m, cm = 0;
	for (size_t i = 1; i <= m; i++)
		cm += 1.0 / (double)i;
	switch (method) {
	case HT_ADJ_BONFERRONI:
		for (size_t i = 0; i < m; i++)
			q[i] = s[i].p * dm;
		break;
	case HT_ADJ_HOLM:
		/* statsmodels: p_(i) (m - i), then a running maximum. */
		for (size_t i = 0; i < m; i++) {
			q[i] = s[i].p * (dm - (double)i);
			if (i > 0 && q[i - 1] > q[i])
				q[i] = q[i - 1];
		}
		break;
	case HT_ADJ_HOCHBERG:
		for (size_t i = m; i-- > 0;) {
			q[i] = s[i].p * (dm - (double)i);
			if (i + 1 < m && q[i + 1] < q[i])
				q[i] = q[i + 1];
		}
		break;
	case HT_ADJ_BH:
	case HT_ADJ_BY:
		/* statsmodels: p_(i) / (i / m) (times sum 1/j for BY), then a
		 * running minimum from the largest p down. */
		for (size_t i = m; i-- > 0;) {
			double ecdf = ((double)i + 1) / dm;
			if (method == HT_ADJ_BY)
				ecdf /= cm;
			q[i] = s[i].p / ecdf;
			if (i + 1 < m && q[i + 1] < q[i])
				q[i] = q[i + 1];
		}
		break;
	}
	for (size_t i = 0; i < m; i++)
		adj[s[i].i] = q[i] > 1 ? 1 : q[i];
	free(s);
	free(q);
}
