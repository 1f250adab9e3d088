/* The Wilcoxon signed-rank test: see signrank.h. */
#include "signrank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_erf.h>

#include "err.h"
#include "rank.h"

const char *const sr_zero_methods[] = {"wilcox", "pratt", "zsplit", NULL};
const char *const sr_rules[] = {"r", "scipy", NULL};

/* The null distribution of V for N ranks 1..N, each in with probability 1/2:
 * P(V = s) for s = 0 .. N(N+1)/2, built a rank at a time (probabilities,
 * not counts: 2^N overflows). Caller frees. */
static double *
exact_pmf(size_t n, size_t *len)
{
	size_t m = n * (n + 1) / 2;
	double *p = xcalloc(m + 1, sizeof *p);
	p[0] = 1;
	size_t top = 0;
	for (size_t k = 1; k <= n; k++) {
		top += k;
		for (size_t s = top; s >= k; s--)
			p[s] = (p[s] + p[s - k]) / 2;
		for (size_t s = k; s-- > 0;)
			p[s] /= 2;
	}
	*len = m + 1;
	return p;
}

/* Sum of P[lo..hi], the smaller terms first (a far tail keeps its digits). */
static double
tail_sum(const double *p, size_t lo, size_t hi, int from_top)
{
	double s = 0;
	if (from_top)
		for (size_t i = hi + 1; i-- > lo;)
			s += p[i];
	else
		for (size_t i = lo; i <= hi; i++)
			s += p[i];
	return s;
}

double
sr_exact_sf(double v, size_t n)
{
	size_t len;
	double *p = exact_pmf(n, &len);
	double c = ceil(v);
	double s = c <= 0 ? 1 : c >= (double)len ? 0 : tail_sum(p, (size_t)c, len - 1, 1);
	free(p);
	return s;
}

static double
normal_sf(double z)
{
	double q = gsl_cdf_ugaussian_Q(z);
	if (q > 0 || !(z > 0))
		return q;
	return exp(gsl_sf_log_erfc(z / M_SQRT2) - M_LN2);
}

static double
exact_p(double v, size_t n, ht_alternative alt)
{
	size_t len;
	double *p = exact_pmf(n, &len);
	size_t r = (size_t)v;	/* scipy: int(r_plus) */
	double lower = tail_sum(p, 0, r, 0), upper = tail_sum(p, r, len - 1, 1), q;
	free(p);
	if (alt == HT_GREATER)
		q = upper;
	else if (alt == HT_LESS)
		q = lower;
	else if (r == (len - 1) / 2 && (len - 1) % 2 == 0)
		q = 1;	/* scipy: the centre of the distribution */
	else
		q = 2 * fmin(lower, upper);
	return q > 1 ? 1 : q;
}

const char *
sr_wilcoxon(const double *d0, size_t n0, sr_zero_method zm, ht_method method, sr_rule rule,
            int continuity, ht_alternative alt, ht_result *res, sr_info *info)
{
	size_t nzero = 0;
	for (size_t i = 0; i < n0; i++)
		nzero += d0[i] == 0;
	memset(info, 0, sizeof *info);
	info->nzero = nzero;
	info->nnonzero = n0 - nzero;
	if (n0 == 0)
		return "no differences";
	if (nzero == n0)
		return "all differences are zero: the signed-rank test is undefined";
	/* the differences ranked: wilcox drops the zeros first */
	size_t n = zm == SR_WILCOX ? n0 - nzero : n0, k = 0;
	double *d = xmalloc(n * sizeof *d), *a = xmalloc(n * sizeof *a);
	double *r = xmalloc(n * sizeof *r);
	for (size_t i = 0; i < n0; i++)
		if (zm != SR_WILCOX || d0[i] != 0)
			d[k++] = d0[i];
	for (size_t i = 0; i < n; i++)
		a[i] = fabs(d[i]);
	double tie_all = rank_average(a, n, r);
	double vp = 0, vm = 0, vz = 0;
	for (size_t i = 0; i < n; i++) {
		if (d[i] > 0)
			vp += r[i];
		else if (d[i] < 0)
			vm += r[i];
		else
			vz += r[i];
	}
	if (zm == SR_ZSPLIT) {
		vp += vz / 2;
		vm += vz / 2;
	}
	/* the nonzero |d| ranked alone: their ties and the effect size */
	size_t m = info->nnonzero;
	double *nz = xmalloc(m * sizeof *nz), *rn = xmalloc(m * sizeof *rn);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i] != 0)
			nz[k++] = a[i];
	double tie_nz = rank_average(nz, m, rn), ep = 0, em = 0;
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i] != 0) {
			if (d[i] > 0)
				ep += rn[k];
			else
				em += rn[k];
			k++;
		}
	info->ntied = tie_nz > 0;
	/* the variance's tie term: pratt's has the ties among the nonzero
	 * differences' ranks (scipy: find_repeats(r[d != 0])) */
	double tie_var = tie_all;
	if (zm == SR_PRATT) {
		k = 0;
		for (size_t i = 0; i < n; i++)
			if (d[i] != 0)
				rn[k++] = r[i];
		tie_var = rank_average(rn, m, NULL);
	}
	free(nz);
	free(rn);
	free(d);
	free(a);
	free(r);
	info->v_minus = vm;

	int exact;
	if (method == HT_EXACT)
		exact = 1;
	else if (method == HT_ASYMPTOTIC)
		exact = 0;
	else if (rule == SR_RULE_R)
		exact = info->nnonzero < 50 && nzero == 0 && tie_nz == 0;
	else
		exact = n0 <= 50 && nzero == 0;
	if (exact && method == HT_EXACT && (nzero || tie_nz > 0))
		return nzero ? "the exact distribution has no zero differences "
		               "(give -m asymptotic)"
		             : "the exact distribution has no tied |differences| "
		               "(give -m asymptotic)";
	if (exact && info->nnonzero > SR_EXACT_MAX)
		return "the exact distribution is limited to 1000 nonzero differences "
		       "(give -m asymptotic)";

	memset(res, 0, sizeof *res);
	res->df = NAN;
	res->u_min = NAN;
	res->min_expected = NAN;
	res->statistic = vp;
	res->exact = exact;
	res->effect = (ep - em) / (ep + em);
	if (exact) {
		res->p = exact_p(vp, info->nnonzero, alt);
		return NULL;
	}
	double dn = (double)n, dz = (double)nzero;
	double mn = dn * (dn + 1) / 4, var = dn * (dn + 1) * (2 * dn + 1);
	if (zm == SR_PRATT) {
		mn -= dz * (dz + 1) / 4;
		var -= dz * (dz + 1) * (2 * dz + 1);
	}
	var = (var - tie_var / 2) / 24;
	double cc = 0;
	if (continuity) {
		res->corrected = 1;
		cc = alt == HT_GREATER ? 0.5 : alt == HT_LESS ? -0.5
		                                              : vp > mn ? 0.5 : vp < mn ? -0.5 : 0;
	}
	double z = (vp - mn - cc) / sqrt(var);
	if (alt == HT_GREATER)
		res->p = normal_sf(z);
	else if (alt == HT_LESS)
		res->p = normal_sf(-z);
	else
		res->p = fmin(1, 2 * normal_sf(fabs(z)));
	return NULL;
}
