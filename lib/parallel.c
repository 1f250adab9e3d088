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

/* The correlation matrix of the N x P data Y into R; -1 when a column is
 * constant. */
static int
correlations(const double *y, size_t n, size_t p, double *mean, double *sd, double *r)
{
	stats_columns(y, n, p, mean, sd);
	for (size_t j = 0; j < p; j++)
		if (!(sd[j] > 0))
			return -1;
	stats_cov_cor(y, n, p, NULL, r);
	return 0;
}

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
	double *y = xmalloc(n * p * sizeof *y), *c = xmalloc(p * p * sizeof *c);
	double *work = xmalloc(p * p * sizeof *work), *l = xmalloc(p * sizeof *l);
	double *mean = xmalloc(p * sizeof *mean), *sd = xmalloc(p * sizeof *sd);
	double *col = xmalloc((it > 0 ? it : 1) * sizeof *col);
	gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
	if (!g)
		die("out of memory");
	gsl_rng_set(g, seed);
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
			for (size_t j = 0; j < p; j++)
				for (size_t i = 0; i < n; i++)
					y[i * p + j] = x[gsl_rng_uniform_int(g, n) * p + j];
		} while (correlations(y, n, p, mean, sd, c) != 0);
		if (eigenvalues(c, p, vals[PAR_PC_RESAMPLED] + t * p, vals[PAR_FA_RESAMPLED] + t * p,
		                work, l) != 0)
			goto done;
		for (size_t i = 0; i < n * p; i++)
			y[i] = gsl_ran_gaussian_ziggurat(g, 1.0);
		if (correlations(y, n, p, mean, sd, c) != 0 ||
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
	free(sd);
	free(mean);
	free(l);
	free(work);
	free(c);
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
