/* Parallel analysis: see parallel.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "err.h"
#include "stats.h"
#include "fafit.h"
#include "matrix.h"
#include "parallel.h"
#include "tsv.h"

/* The component and factor eigenvalues of the correlation matrix R: psych's
 * eigen(R) and fa(R, 1, rotate = "none")$values. */
static int
eigenvalues(const double *r, size_t p, double *pc, double *fa, double *work, double *l)
{
	fa_fit_info info;
	mat_eigen(r, p, pc, NULL);
	if (fa_minres_one(r, p, 1, 200, l, &info) != 0)
		return -1;
	memcpy(work, r, p * p * sizeof *work);
	for (size_t i = 0; i < p; i++)
		work[i * p + i] = l[i] * l[i];
	mat_eigen(work, p, fa, NULL);
	return 0;
}

/* Column Z (N values) scaled by 2^-E and centred, in place: stats.c's
 * scaled_column. A product by the power of two is the same correctly
 * rounded number as ldexp, without a call per value. */
static void
scale_centre(double *z, size_t n, int e)
{
	double m = 0;
	if (e >= -1023) {
		double s = ldexp(1, -e);
		for (size_t i = 0; i < n; i++)
			m += z[i] = z[i] * s;
	} else
		for (size_t i = 0; i < n; i++)
			m += z[i] = ldexp(z[i], -e);
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		z[i] -= m;
}

/* The correlation matrix of the P columns Z (each N values, one after the
 * other; overwritten) into R, by the arithmetic of stats_cov_cor, so the
 * same bits as stats_cov_cor on the same data by rows; -1 when a column is
 * constant (stats_columns' sd not above 0). ZZ and SDS are workspaces of
 * P x P and P. */
static int
correlations(double *z, size_t n, size_t p, double *zz, double *sds, double *r)
{
	if (n < 2)
		return -1;
	for (size_t j = 0; j < p; j++) {
		double *zj = z + j * n, ss = 0;
		int e = stats_scale_exp(zj, n, 1);
		scale_centre(zj, n, e);
		for (size_t i = 0; i < n; i++)
			ss += zj[i] * zj[i];
		sds[j] = sqrt(ss / (double)(n - 1));
		if (!(ldexp(sds[j], e) > 0))
			return -1;
	}
	mat_outer(z, p, n, zz);		/* Z Z' */
	for (size_t a = 0; a < p; a++)
		for (size_t b = a; b < p; b++)
			r[a * p + b] = r[b * p + a] =
			    a == b ? 1.0 : zz[a * p + b] / (double)(n - 1) / (sds[a] * sds[b]);
	return 0;
}

/* The random data sets are made column by column (Y holds column j at
 * Y + j * N) with the draws in the order of the data by rows they stand
 * for: a resampled column's N draws one after the other, the simulated
 * values row by row. X is copied so too (XC), so that resampling a column
 * reads one column's values, not every row's. */
int
parallel_run(const double *x, size_t n, size_t p, const double *r, int iters,
             unsigned long seed, parallel_result *res)
{
	size_t it = (size_t)iters;
	res->p = p;
	res->pc = xmalloc(p * sizeof *res->pc);
	res->fa = xmalloc(p * sizeof *res->fa);
	double *vals[PAR_KINDS];
	for (int k = 0; k < PAR_KINDS; k++) {
		res->mean[k] = xmalloc(p * sizeof *res->mean[k]);
		res->q95[k] = xmalloc(p * sizeof *res->q95[k]);
		vals[k] = xmalloc(p * it * sizeof *vals[k]);	/* it x p */
	}
	double *y = xmalloc(n * p * sizeof *y), *xc = xmalloc(n * p * sizeof *xc);
	double *c = xmalloc(p * p * sizeof *c), *zz = xmalloc(p * p * sizeof *zz);
	double *work = xmalloc(p * p * sizeof *work), *l = xmalloc(p * sizeof *l);
	double *sds = xmalloc(p * sizeof *sds);
	double *col = xmalloc((it > 0 ? it : 1) * sizeof *col);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!g)
		die("out of memory");
	gsl_rng_set(g, seed);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < p; j++)
			xc[j * n + i] = x[i * p + j];
	int rc = -1;
	if (eigenvalues(r, p, res->pc, res->fa, work, l) != 0)
		goto done;
	for (size_t t = 0; t < it; t++) {
		/* resampled: each column from its own values, again while one
		 * comes out constant (psych draws again while cor() has an NA) */
		int tries = 0;
		do {
			if (++tries > 1000) {
				rc = -2;
				goto done;
			}
			for (size_t j = 0; j < p; j++) {
				const double *xj = xc + j * n;
				double *yj = y + j * n;
				for (size_t i = 0; i < n; i++)
					yj[i] = xj[gsl_rng_uniform_int(g, n)];
			}
		} while (correlations(y, n, p, zz, sds, c) != 0);
		if (eigenvalues(c, p, vals[PAR_PC_RESAMPLED] + t * p, vals[PAR_FA_RESAMPLED] + t * p,
		                work, l) != 0)
			goto done;
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < p; j++)
				y[j * n + i] = gsl_ran_gaussian_ziggurat(g, 1.0);
		if (correlations(y, n, p, zz, sds, c) != 0 ||
		    eigenvalues(c, p, vals[PAR_PC_SIM] + t * p, vals[PAR_FA_SIM] + t * p, work, l) != 0)
			goto done;
	}
	for (int k = 0; k < PAR_KINDS; k++)
		for (size_t j = 0; j < p; j++) {
			double s = 0;
			for (size_t t = 0; t < it; t++) {
				col[t] = vals[k][t * p + j];
				s += col[t];
			}
			gsl_sort(col, 1, it);
			res->mean[k][j] = s / (double)it;
			res->q95[k][j] = stats_quantile(col, it, 0.95);
		}
	/* psych: the first eigenvalue not above the simulated 95th
	 * percentile, less one (all above: all of them) */
	res->ncomp = res->nfact = p;
	for (size_t j = p; j-- > 0;) {
		if (!(res->pc[j] > res->q95[PAR_PC_SIM][j]))
			res->ncomp = j;
		if (!(res->fa[j] > res->q95[PAR_FA_SIM][j]))
			res->nfact = j;
	}
	rc = 0;
done:
	if (rc != 0)
		parallel_free(res);
	gsl_rng_free(g);
	for (int k = 0; k < PAR_KINDS; k++)
		free(vals[k]);
	free(col);
	free(sds);
	free(l);
	free(work);
	free(zz);
	free(c);
	free(xc);
	free(y);
	return rc;
}

void
parallel_free(parallel_result *res)
{
	free(res->pc);
	free(res->fa);
	for (int k = 0; k < PAR_KINDS; k++) {
		free(res->mean[k]);
		free(res->q95[k]);
	}
}

void
parallel_write_eigenvalues(const char *path, const double *cor, size_t p, const parallel_result *pa)
{
	static const char *const kinds[] = {"pc_simulated", "fa_simulated", "pc_resampled",
	                                    "fa_resampled"};
	char name[64];
	double *ev = xmalloc(p * sizeof *ev), cum = 0;
	mat_eigen(cor, p, ev, NULL);
	tsv_writer e;
	tsvw_open(&e, path);
	tsvw_str(&e, "index");
	tsvw_str(&e, "eigenvalue");
	tsvw_str(&e, "proportion");
	tsvw_str(&e, "cumulative");
	if (pa) {
		tsvw_str(&e, "fa_eigenvalue");
		for (int k = 0; k < PAR_KINDS; k++) {
			snprintf(name, sizeof name, "%s_mean", kinds[k]);
			tsvw_str(&e, name);
			snprintf(name, sizeof name, "%s_q95", kinds[k]);
			tsvw_str(&e, name);
		}
	}
	tsvw_end(&e);
	for (size_t i = 0; i < p; i++) {
		cum += ev[i];
		tsvw_int(&e, (long long)i + 1);
		tsvw_num(&e, ev[i]);
		tsvw_num(&e, ev[i] / (double)p);
		tsvw_num(&e, cum / (double)p);
		if (pa) {
			tsvw_num(&e, pa->fa[i]);
			for (int k = 0; k < PAR_KINDS; k++) {
				tsvw_num(&e, pa->mean[k][i]);
				tsvw_num(&e, pa->q95[k][i]);
			}
		}
		tsvw_end(&e);
	}
	tsvw_close(&e);
	free(ev);
}
