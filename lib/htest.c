#include "htest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>

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

/* ---- Student's t upper tail to full precision ----
 *
 * P(T > t) = I_x(a, 1/2) / 2 with a = df/2 and x = df / (df + t^2), the
 * regularized incomplete beta taken on the side that keeps the small tail
 * (no 1 - I cancellation). GSL's tdist_Q and beta_inc lose relative accuracy
 * for df > ~30 in far tails (their prefactor rounds x, and lnpoch(a, 1/2)
 * cancels for large a); here every piece is kept to a few ulps:
 *   ln x = -log1p(s^2), ln(1 - x) = ln(s^2) - log1p(s^2), s = t / sqrt(df);
 *   ln(1 / B(a, 1/2)) = ln(Gamma(a + 1/2) / Gamma(a)) - ln(pi) / 2;
 *   the sum: TOMS 708's power series (bpser) when x <= 0.71, its asymptotic
 *   expansion for large a (bgrat) when a >= 15, otherwise the continued
 *   fraction (Numerical Recipes' betacf), and the complement when t is so
 *   small that p is near 1/2. The result stays a number down to the
 *   subnormals (exp of the summed logarithms). */

/* ln(Gamma(a + 1/2) / Gamma(a)). */
static double
ht_lnratio(double a)
{
	if (a < 50)
		return gsl_sf_lnpoch(a, 0.5);
	/* Through the scaled gamma function: no cancellation of two large
	 * ln Gamma (GSL's lnpoch loses ~1e-13 at a = 500, 1e-10 at 5e5). */
	return log(gsl_sf_gammastar(a + 0.5) / gsl_sf_gammastar(a)) + 0.5 * log(a) +
	       (a * log1p(0.5 / a) - 0.5);
}

/* K I_x(a, 1/2) by its power series (TOMS 708 bpser): all terms positive.
 * (K, a small whole number, is multiplied in before the exponential, so that
 * a subnormal result is rounded once.) */
static double
ht_beta_series(double a, double x, double lnx, double lnr, double k)
{
	double sum = 0, c = 1;
	for (int j = 1; j < 100000; j++) {
		c *= (j - 0.5) / j * x;
		double term = c / (a + j);
		sum += term;
		if (term <= 1e-17 * sum)
			break;
	}
	/* x^a / (a B(a, 1/2)) (1 + a sum) */
	return exp(a * lnx + lnr - 0.5 * log(M_PI) - log(a) + log1p(a * sum) + log(k));
}

/* K I_x(a, 1/2) for large a (TOMS 708 bgrat, Didonato & Morris 1992, sec. 9),
 * with Q(1/2, z) = erfc(sqrt(z)). */
static double
ht_beta_asymptotic(double a, double lnx, double lnr, double k)
{
	const double b = 0.5, bm1 = -0.5;
	double nu = a + bm1 * 0.5, z = -nu * lnx, w = sqrt(z);
	double log_u = -0.5 * log(M_PI) + b * log(z) + nu * lnx + lnr - b * log(nu);
	/* Q(b, z) / (e^-z z^b / Gamma(b)) = sqrt(pi) erfcx(sqrt z) / sqrt z, and
	 * erfcx(w) = sqrt(2 / pi) / hazard(w sqrt 2). */
	double j = sqrt(2.0) / gsl_sf_hazard(w * M_SQRT2) / w;
	double v = 0.25 / (nu * nu), t2 = lnx * 0.25 * lnx, sum = j, t = 1, cn = 1, n2 = 0;
	double c[30], d[30];
	for (int n = 1; n <= 30; n++) {
		double bp2n = b + n2;
		j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v;
		n2 += 2;
		t *= t2;
		cn /= n2 * (n2 + 1);
		c[n - 1] = cn;
		double s = 0, coef = b - n;
		for (int i = 1; i < n; i++) {
			s += coef * c[i - 1] * d[n - 1 - i];
			coef += b;
		}
		d[n - 1] = bm1 * cn + s / n;
		double dj = d[n - 1] * j;
		sum += dj;
		if (fabs(dj) <= 1e-16 * sum)
			break;
	}
	return exp(log_u + log(sum) + log(k));
}

/* Continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified
 * Lentz), for x < (a + 1) / (a + b + 2). */
static double
ht_beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double qab = a + b, qap = a + 1, qam = a - 1;
	double c = 1, d = 1 - qab * x / qap;
	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	double h = d;
	for (int m = 1; m <= 100000; m++) {
		double m2 = 2.0 * m;
		double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1 / d;
		h *= d * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1 + aa / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1 / d;
		double del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

/* K P(T > t). */
static double
t_tail(double t, double df, double k)
{
	if (isnan(t) || !(df > 0))
		return NAN;
	if (t < 0)
		return k * (1 - t_tail(-t, df, 1));
	if (t == 0)
		return k * 0.5;
	if (isinf(t))
		return 0;
	double a = df / 2, s = t / sqrt(df), lnx, lny, x, y;
	if (s > 1e150) {
		/* s^2 would overflow: x = 1 / (1 + s^2) ~ s^-2 */
		lnx = -2 * log(s);
		lny = 0;
		x = exp(lnx);
		y = 1;
	} else {
		double u = s * s, l1 = log1p(u);
		lnx = -l1;
		lny = log(u) - l1;
		x = 1 / (1 + u);
		y = u / (1 + u);
	}
	double lnr = ht_lnratio(a);
	if (x <= 0.71)
		return ht_beta_series(a, x, lnx, lnr, 0.5 * k);
	int near_half = y < 0.1 && y * a <= 0.49;
	if (a >= 15 && !near_half)
		return ht_beta_asymptotic(a, lnx, lnr, 0.5 * k);
	/* ln(x^a y^(1/2) / B(a, 1/2)) */
	double lnfront = a * lnx + 0.5 * lny + lnr - 0.5 * log(M_PI);
	if (!near_half && x < (a + 1) / (a + 2.5))
		return exp(lnfront + log(0.5 * k * ht_beta_cf(a, 0.5, x) / a));
	/* p near 1/2: the complement I_x(a, 1/2) = 1 - I_y(1/2, a). */
	return 0.5 * k * (1 - exp(lnfront) * ht_beta_cf(0.5, a, y) / 0.5);
}

double
ht_t_sf(double t, double df)
{
	return t_tail(t, df, 1);
}

/* p of a t statistic with DF degrees of freedom, scipy's _ttest_finish. */
static double
t_pvalue(double t, double df, ht_alternative alt)
{
	switch (alt) {
	case HT_LESS:
		return t_tail(-t, df, 1);
	case HT_GREATER:
		return t_tail(t, df, 1);
	case HT_TWO_SIDED:
		break;
	}
	return clip01(t_tail(fabs(t), df, 2));
}

static double
mean(const double *x, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	return s / (double)n;
}

/* Pearson correlation of the centred X and Y, or NAN when a column is
 * constant. NUMPY_ORDER: as
 * numpy.corrcoef (covariance divided by each standard deviation in turn, as
 * scipy's spearmanr); otherwise as scipy's pearsonr (dot product of the
 * normalised deviations). Both end clipped to [-1, 1]; the order matters
 * only in the last bit, but that decides whether a perfect relation gives
 * exactly 1 (and p = 0) as in scipy. */
static double
correlation_centred(const double *x, const double *y, size_t n, int numpy_order)
{
	double sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		sxy += x[i] * y[i];
		sxx += x[i] * x[i];
		syy += y[i] * y[i];
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
			r += x[i] / nx * (y[i] / ny);
	}
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

/* X scaled by the power of 2 that brings its largest magnitude into
 * [1/2, 1): exact (no bit of any value is lost, denormals included), and for
 * ordinary data it changes no rounding later, so r is the same to the bit;
 * but sums of squares of 1e200 no longer overflow, nor those of 1e-320
 * underflow. */
static double *
scaled_copy(const double *x, size_t n)
{
	double big = 0;
	for (size_t i = 0; i < n; i++)
		big = fmax(big, fabs(x[i]));
	int e = 0;
	if (big > 0)
		frexp(big, &e);
	double *c = xmalloc((n + 1) * sizeof *c);
	for (size_t i = 0; i < n; i++)
		c[i] = ldexp(x[i], -e);
	return c;
}

/* The correlation of X and Y over the whole range of doubles: both scaled
 * first (see scaled_copy), then centred; also the deviations scaled, when
 * they are tiny beside the values (1e15 + small differences). */
static double
correlation(const double *x, const double *y, size_t n, int numpy_order)
{
	double *sx = scaled_copy(x, n), *sy = scaled_copy(y, n);
	/* Centred twice: the second pass removes what the rounded mean left
	 * (values 1e15 + small differences lose their digits in the sum). */
	for (int pass = 0; pass < 2; pass++) {
		double mx = mean(sx, n), my = mean(sy, n);
		for (size_t i = 0; i < n; i++) {
			sx[i] -= mx;
			sy[i] -= my;
		}
	}
	double *dx = scaled_copy(sx, n), *dy = scaled_copy(sy, n);
	double r = correlation_centred(dx, dy, n, numpy_order);
	free(sx);
	free(sy);
	free(dx);
	free(dy);
	return r;
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

/* Why a table with row sums RS and column sums CS has no test, or NULL. */
static const char *
empty_margin(const double *rs, size_t r, const double *cs, size_t c)
{
	for (size_t i = 0; i < r; i++)
		if (rs[i] == 0)
			return "the table has an empty row";
	for (size_t j = 0; j < c; j++)
		if (cs[j] == 0)
			return "the table has an empty column";
	return NULL;
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
	const char *why = empty_margin(rs, r, cs, c);
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

typedef struct {
	size_t i, j;
} ht_cell;

static int
ht_cell_cmp(const void *x, const void *y)
{
	const ht_cell *p = x, *q = y;
	if (p->i != q->i)
		return (p->i > q->i) - (p->i < q->i);
	return (p->j > q->j) - (p->j < q->j);
}

/* The table of RI, CJ as its counted cells, sorted; ht_chi2_sparse. */
static const char *
chi2_counted(const size_t *ri, const size_t *cj, size_t n, size_t r, size_t c,
             ht_result *res)
{
	ht_cell *cl = xmalloc((n + 1) * sizeof *cl);
	for (size_t k = 0; k < n; k++)
		cl[k] = (ht_cell){ri[k], cj[k]};
	qsort(cl, n, sizeof *cl, ht_cell_cmp);
	size_t *ci = xmalloc((n + 1) * sizeof *ci), *cc = xmalloc((n + 1) * sizeof *cc);
	double *cnt = xmalloc((n + 1) * sizeof *cnt);
	size_t nnz = 0;
	for (size_t k = 0; k < n; k++) {
		if (nnz && ci[nnz - 1] == cl[k].i && cc[nnz - 1] == cl[k].j) {
			cnt[nnz - 1] += 1;
			continue;
		}
		ci[nnz] = cl[k].i;
		cc[nnz] = cl[k].j;
		cnt[nnz++] = 1;
	}
	free(cl);
	const char *why = ht_chi2_sparse(ci, cc, cnt, nnz, r, c, res);
	free(ci);
	free(cc);
	free(cnt);
	return why;
}

const char *
ht_chi2_pairs(const size_t *ri, const size_t *cj, size_t n, size_t r, size_t c,
              int yates, ht_result *res)
{
	if (r * c > HT_CHI2_DENSE_CELLS)
		return chi2_counted(ri, cj, n, r, c, res);
	size_t cells = r * c;
	double *table = xcalloc(cells + 1, sizeof *table);
	for (size_t k = 0; k < n; k++)
		table[ri[k] * c + cj[k]] += 1;
	const char *why = ht_chi2(table, r, c, yates, res);
	free(table);
	return why;
}

static int
ht_double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

const char *
ht_chi2_sparse(const size_t *ri, const size_t *cj, const double *count, size_t nnz,
               size_t r, size_t c, ht_result *res)
{
	ht_gsl_quiet();
	if (r < 2 || c < 2)
		return "the table needs at least 2 rows and 2 columns";
	double *rs = xcalloc(r, sizeof *rs), *cs = xcalloc(c + 1, sizeof *cs), n = 0;
	for (size_t k = 0; k < nnz; k++) {
		rs[ri[k]] += count[k];
		cs[cj[k]] += count[k];
		n += count[k];
	}
	const char *why = empty_margin(rs, r, cs, c);
	if (why) {
		free(rs);
		free(cs);
		return why;
	}
	ht_clear(res);
	/* sum over all cells of (o - e)^2 / e: the cells counted, and the
	 * empty ones, whose terms are their e, together n - sum of e counted. */
	double chi2 = 0, e_counted = 0;
	for (size_t k = 0; k < nnz; k++) {
		double e = rs[ri[k]] * cs[cj[k]] / n, d = count[k] - e;
		chi2 += d * d / e;
		e_counted += e;
	}
	chi2 += fmax(0, n - e_counted);
	/* expected counts below 5: for each row, the columns under 5 n / rs */
	qsort(cs, c, sizeof *cs, ht_double_cmp);
	double rmin = INFINITY;
	for (size_t i = 0; i < r; i++) {
		size_t lo = 0, hi = c;	/* first j with rs cs_j / n >= 5 */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (rs[i] * cs[mid] / n < 5)
				lo = mid + 1;
			else
				hi = mid;
		}
		res->n_small_expected += lo;
		rmin = fmin(rmin, rs[i]);
	}
	double df = (double)(r - 1) * (double)(c - 1);
	res->min_expected = rmin * cs[0] / n;
	res->statistic = chi2;
	res->df = df;
	res->p = gsl_cdf_chisq_Q(chi2, df);
	double dmin = (double)(r < c ? r : c) - 1;
	res->effect = sqrt(chi2 / (n * dmin));
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

/* P(Z > z) of the standard normal; where GSL's Q underflows to 0 (z > ~37.5)
 * it goes on into the subnormals through the logarithm of erfc. */
static double
normal_sf(double z)
{
	double q = gsl_cdf_ugaussian_Q(z);
	if (q > 0 || !(z > 0))
		return q;
	return exp(gsl_sf_log_erfc(z / M_SQRT2) - M_LN2);
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
	if (n > 1 && ties == dn * dn * dn - dn)
		return "all values are identical";
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
		p = normal_sf(num / s);
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
ht_adjust(const double *p, size_t m, ht_adjust_method method, double alpha,
          double *adj, int *reject)
{
	if (m == 0)
		return;
	ht_pitem *s = xmalloc(m * sizeof *s);
	double *q = xmalloc(m * sizeof *q);
	int *rj = xmalloc(m * sizeof *rj);
	for (size_t i = 0; i < m; i++) {
		s[i].p = p[i];
		s[i].i = i;
	}
	qsort(s, m, sizeof *s, ht_pcmp);
	double dm = (double)m, cm = 0;
	for (size_t i = 1; i <= m; i++)
		cm += 1.0 / (double)i;
	/* reject as statsmodels decides it: p_(i) against its own threshold
	 * (not p_adj against alpha, which differs at the last bit). */
	size_t cut = 0;	/* step-up: 1 + the last p_(i) under its threshold */
	switch (method) {
	case HT_ADJ_BONFERRONI:
		for (size_t i = 0; i < m; i++) {
			q[i] = s[i].p * dm;
			rj[i] = s[i].p <= alpha / dm;
		}
		break;
	case HT_ADJ_HOLM:
		/* statsmodels: p_(i) (m - i), then a running maximum; step-down:
		 * rejected up to the first p_(i) > alpha / (m - i). */
		for (size_t i = 0; i < m; i++) {
			q[i] = s[i].p * (dm - (double)i);
			if (i > 0 && q[i - 1] > q[i])
				q[i] = q[i - 1];
			rj[i] = !(s[i].p > alpha / (dm - (double)i)) && (i == 0 || rj[i - 1]);
		}
		break;
	case HT_ADJ_HOCHBERG:
		for (size_t i = m; i-- > 0;) {
			q[i] = s[i].p * (dm - (double)i);
			if (i + 1 < m && q[i + 1] < q[i])
				q[i] = q[i + 1];
			if (!cut && s[i].p <= alpha / (dm - (double)i))
				cut = i + 1;
		}
		break;
	case HT_ADJ_BH:
	case HT_ADJ_BY:
		/* statsmodels: p_(i) / (i / m) (times sum 1/j for BY), then a
		 * running minimum from the largest p down; step-up: rejected
		 * up to the last p_(i) <= (i / m) alpha. */
		for (size_t i = m; i-- > 0;) {
			double ecdf = ((double)i + 1) / dm;
			if (method == HT_ADJ_BY)
				ecdf /= cm;
			q[i] = s[i].p / ecdf;
			if (i + 1 < m && q[i + 1] < q[i])
				q[i] = q[i + 1];
			if (!cut && s[i].p <= ecdf * alpha)
				cut = i + 1;
		}
		break;
	}
	if (method == HT_ADJ_HOCHBERG || method == HT_ADJ_BH || method == HT_ADJ_BY)
		for (size_t i = 0; i < m; i++)
			rj[i] = i < cut;
	for (size_t i = 0; i < m; i++) {
		adj[s[i].i] = q[i] > 1 ? 1 : q[i];
		if (reject)
			reject[s[i].i] = rj[i];
	}
	free(s);
	free(q);
	free(rj);
}
