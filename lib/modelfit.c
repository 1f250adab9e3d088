/* The fits of model.h: OLS by a pivoted QR (as R's lm), binary logistic by
 * IRLS (as R's glm), proportional-odds logistic by Newton's method with the
 * analytic Hessian (as MASS::polr, which reaches the same optimum by BFGS).
 * Profile-likelihood intervals are the exact roots of the signed root of the
 * deviance difference (R's confint interpolates a spline through a grid of
 * the same function, so it agrees to about 1e-4). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_roots.h>

#include "err.h"
#include "model.h"

/* R's lm and glm (dqrdc2): a column whose part not explained by the
 * columns before it is below 1e-7 times its own norm is a linear
 * combination of them; the first such column is named. Its own norm, not
 * the largest diagonal: a predictor in units of 1e8 made the intercept
 * "collinear". */
#define RANK_TOL 1e-7

static void
fit_init(model_fit *f, const model_data *d, size_t ncoef)
{
	memset(f, 0, sizeof *f);
	f->coef = xcalloc(ncoef ? ncoef : 1, sizeof *f->coef);
	f->ncoef = ncoef;
	f->n = d->n;
	double nan = NAN;
	f->df_resid = f->r2 = f->adj_r2 = f->f = f->f_p = f->sigma = nan;
	f->loglik = f->aic = f->bic = f->deviance = f->null_deviance = nan;
	f->lr_chi2 = f->lr_df = f->lr_p = f->mcfadden = f->nagelkerke = nan;
	f->brant_chi2 = f->brant_df = f->brant_p = nan;
	for (size_t k = 0; k < ncoef; k++)
		f->coef[k].brant_chi2 = f->coef[k].brant_df = f->coef[k].brant_p = nan;
	f->se_kind = "classical";
}

void
model_fit_free(model_fit *f)
{
	for (size_t k = 0; k < f->ncoef; k++)
		free(f->coef[k].term);
	free(f->coef);
	memset(f, 0, sizeof *f);
}

/* Refuse a design that cannot be fitted: fewer rows than parameters, or a
 * column that is a linear combination of the others. */
static void
check_design(const model_data *d, size_t extra)
{
	if (d->n < d->p + extra + 1)
		die_at(d->file, 0, NULL, NULL, "too few rows for the model: %zu complete "
		       "rows for %zu parameters (at least %zu rows)", d->n, d->p + extra,
		       d->p + extra + 1);
	if (d->p == 0)
		return;
	gsl_matrix *qr = gsl_matrix_alloc(d->n, d->p);
	memcpy(qr->data, d->x, d->n * d->p * sizeof *d->x);
	size_t bad = d->p;
	for (size_t j = 0; j < d->p; j++) {
		gsl_vector_view col = gsl_matrix_column(qr, j);
		double len = gsl_blas_dnrm2(&col.vector);
		if (len > 0)
			gsl_vector_scale(&col.vector, 1 / len);
		else if (bad == d->p)
			bad = j;
	}
	/* unit columns, in their order: |R_kk| is what of column k the
	 * columns before it leave unexplained, relative to its norm */
	gsl_vector *tau = gsl_vector_alloc(d->p < d->n ? d->p : d->n);
	if (bad == d->p)
		gsl_linalg_QR_decomp(qr, tau);
	for (size_t k = 0; k < d->p && bad == d->p; k++)
		if (!(fabs(gsl_matrix_get(qr, k, k)) > RANK_TOL))
			bad = k;
	gsl_matrix_free(qr);
	gsl_vector_free(tau);
	if (bad < d->p)
		die_at(d->file, 0, d->name[bad], NULL, "perfect collinearity: a linear "
		       "combination of the other predictors (or constant in the rows used)");
}

/* The inverse of the symmetric positive definite P x P matrix A, in place;
 * 0 when A is not positive definite. */
static int
spd_inverse(double *a, size_t p)
{
	gsl_matrix_view m = gsl_matrix_view_array(a, p, p);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	int st = gsl_linalg_cholesky_decomp1(&m.matrix);
	if (st == 0)
		st = gsl_linalg_cholesky_invert(&m.matrix);
	gsl_set_error_handler(old);
	return st == 0;
}

/* From the pivoted QR of X (R on and above the diagonal of QR): R^-1 into
 * RI (P x P, upper), (X'X)^-1 = P R^-1 R^-T P' into XTX, and unless Q is
 * NULL the rows of Q = X P R^-1 (N x P) into Q: their squared norms are the
 * leverages, as R's hatvalues. X'X itself squares the condition number:
 * nearly collinear predictors lost 3 or 4 digits of the se. */
static void
qr_inverse(const gsl_matrix *qr, const gsl_permutation *perm, double *ri,
           double *xtx, const double *x, size_t n, double *q)
{
	size_t p = qr->size2;
	memset(ri, 0, p * p * sizeof *ri);
	for (size_t j = p; j-- > 0;) {
		ri[j * p + j] = 1 / gsl_matrix_get(qr, j, j);
		for (size_t i = j; i-- > 0;) {
			double sum = 0;
			for (size_t k = i + 1; k <= j; k++)
				sum += gsl_matrix_get(qr, i, k) * ri[k * p + j];
			ri[i * p + j] = -sum / gsl_matrix_get(qr, i, i);
		}
	}
	for (size_t a = 0; a < p; a++)
		for (size_t b = 0; b < p; b++) {
			double sum = 0;
			for (size_t k = a > b ? a : b; k < p; k++)
				sum += ri[a * p + k] * ri[b * p + k];
			xtx[gsl_permutation_get(perm, a) * p + gsl_permutation_get(perm, b)] = sum;
		}
	for (size_t i = 0; q && i < n; i++)
		for (size_t k = 0; k < p; k++) {
			double sum = 0;
			for (size_t a = 0; a <= k; a++)
				sum += x[i * p + gsl_permutation_get(perm, a)] * ri[a * p + k];
			q[i * p + k] = sum;
		}
}

/* P R^-1 M R^-T P' into COV: a covariance from M, one in Q's coordinates. */
static void
from_q(const double *ri, const gsl_permutation *perm, const double *m, size_t p,
       double *cov)
{
	double *t = xcalloc(p * p, sizeof *t);
	for (size_t a = 0; a < p; a++)
		for (size_t b = 0; b < p; b++)
			for (size_t k = a; k < p; k++)
				t[a * p + b] += ri[a * p + k] * m[k * p + b];
	for (size_t a = 0; a < p; a++)
		for (size_t b = 0; b < p; b++) {
			double sum = 0;
			for (size_t k = b; k < p; k++)
				sum += t[a * p + k] * ri[b * p + k];
			cov[gsl_permutation_get(perm, a) * p + gsl_permutation_get(perm, b)] = sum;
		}
	free(t);
}

/* Weighted least squares by the pivoted QR of sqrt(W) X, never X'WX (which
 * squares the condition number: nearly collinear predictors lost digits):
 * with Z non-NULL the solution into BETA; with COV non-NULL (X'WX)^-1. 0 when
 * sqrt(W) X has not full rank. */
static int
wls_qr(const double *x, const double *w, const double *z, size_t n, size_t p,
       double *beta, double *cov)
{
	gsl_matrix *qr = gsl_matrix_alloc(n, p);
	gsl_vector *b = gsl_vector_alloc(n), *res = gsl_vector_alloc(n);
	gsl_vector *tau = gsl_vector_alloc(p), *norm = gsl_vector_alloc(p);
	gsl_permutation *perm = gsl_permutation_alloc(p);
	for (size_t i = 0; i < n; i++) {
		double sw = sqrt(w[i]);
		for (size_t k = 0; k < p; k++)
			gsl_matrix_set(qr, i, k, sw * x[i * p + k]);
		gsl_vector_set(b, i, z ? sw * z[i] : 0);
	}
	int signum, ok = 1;
	gsl_linalg_QRPT_decomp(qr, tau, perm, &signum, norm);
	double top = fabs(gsl_matrix_get(qr, 0, 0));
	for (size_t k = 0; k < p; k++)
		if (!(fabs(gsl_matrix_get(qr, k, k)) > 1e-12 * top))
			ok = 0;
	if (ok && z) {
		gsl_vector_view bv = gsl_vector_view_array(beta, p);
		gsl_linalg_QRPT_lssolve(qr, tau, perm, b, &bv.vector, res);
	}
	if (ok && cov) {
		double *ri = xmalloc(p * p * sizeof *ri);
		qr_inverse(qr, perm, ri, cov, NULL, 0, NULL);
		free(ri);
	}
	gsl_matrix_free(qr);
	gsl_vector_free(b);
	gsl_vector_free(res);
	gsl_vector_free(tau);
	gsl_vector_free(norm);
	gsl_permutation_free(perm);
	return ok;
}

/* X' W X (W diagonal; NULL: identity) into XWX (P x P). */
static void
cross(const double *x, const double *w, size_t n, size_t p, double *xwx)
{
	memset(xwx, 0, p * p * sizeof *xwx);
	for (size_t i = 0; i < n; i++) {
		const double *r = x + i * p;
		double wi = w ? w[i] : 1;
		for (size_t a = 0; a < p; a++)
			for (size_t b = 0; b <= a; b++)
				xwx[a * p + b] += wi * r[a] * r[b];
	}
	for (size_t a = 0; a < p; a++)
		for (size_t b = 0; b < a; b++)
			xwx[b * p + a] = xwx[a * p + b];
}

static double
two_sided_normal(double z)
{
	return 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

/* Wald rows: estimate, SE, z or t, p and interval from BETA and COV. */
static void
wald(model_fit *f, const model_data *d, const double *beta, const double *cov,
     size_t off, const model_options *o, double df)
{
	double q = df > 0 ? gsl_cdf_tdist_Qinv((1 - o->conf) / 2, df)
	                  : gsl_cdf_ugaussian_Qinv((1 - o->conf) / 2);
	size_t np = f->ncoef;
	for (size_t k = 0; k < d->p; k++) {
		model_coef *c = &f->coef[off + k];
		c->term = xstrdup(d->name[k]);
		c->estimate = beta[k];
		c->se = sqrt(cov[(off + k) * np + off + k]);
		c->stat = c->estimate / c->se;
		c->p = df > 0 ? 2 * gsl_cdf_tdist_Q(fabs(c->stat), df) : two_sided_normal(c->stat);
		c->lo = c->estimate - q * c->se;
		c->hi = c->estimate + q * c->se;
		c->plo = c->phi = NAN;
	}
}

/* ---- linear ----------------------------------------------------------- */

void
model_fit_linear(const model_data *d, const model_options *o, model_fit *f)
{
	check_design(d, 0);
	size_t n = d->n, p = d->p;
	double ybar = 0, tss = 0;
	for (size_t i = 0; i < n; i++)
		ybar += d->y[i];
	ybar /= (double)n;
	for (size_t i = 0; i < n; i++)
		tss += (d->y[i] - ybar) * (d->y[i] - ybar);
	if (!(tss > 0))
		die_at(d->file, 0, d->used[0], NULL, "the outcome is constant in the rows used");
	double *xtx = xmalloc(p * p * sizeof *xtx);
	fit_init(f, d, p);
	/* beta by the pivoted QR of X, as lm; (X'X)^-1 from the same R, as
	 * lm's summary (chol2inv): X'X itself squares the condition number
	 * (nearly collinear predictors lost 3 or 4 digits of the se) */
	double *beta = xcalloc(p, sizeof *beta);
	double *e = xmalloc(n * sizeof *e), *h = xmalloc(n * sizeof *h);
	double *ri = xmalloc(p * p * sizeof *ri);
	double *q = o->hc3 ? xmalloc(n * p * sizeof *q) : NULL;
	gsl_permutation *perm = gsl_permutation_alloc(p);
	{
		gsl_matrix *qr = gsl_matrix_alloc(n, p);
		memcpy(qr->data, d->x, n * p * sizeof *d->x);
		gsl_vector *tau = gsl_vector_alloc(p), *norm = gsl_vector_alloc(p);
		int signum;
		gsl_linalg_QRPT_decomp(qr, tau, perm, &signum, norm);
		gsl_vector_const_view yv = gsl_vector_const_view_array(d->y, n);
		gsl_vector_view bv = gsl_vector_view_array(beta, p);
		gsl_vector_view ev = gsl_vector_view_array(e, n);
		gsl_linalg_QRPT_lssolve(qr, tau, perm, &yv.vector, &bv.vector, &ev.vector);
		qr_inverse(qr, perm, ri, xtx, d->x, n, q);
		gsl_matrix_free(qr);
		gsl_vector_free(tau);
		gsl_vector_free(norm);
	}
	double rss = 0;
	for (size_t i = 0; i < n; i++)
		rss += e[i] * e[i];
	double df = (double)(n - p), s2 = rss / df;
	double *cov = xmalloc(p * p * sizeof *cov);
	if (o->hc3) {
		/* (X'X)^-1 X' diag(e_i^2 / (1 - h_i)^2) X (X'X)^-1, in Q's
		 * coordinates: P R^-1 (Q' diag(w) Q) R^-T P' */
		for (size_t i = 0; i < n; i++) {
			double hi = 0;
			for (size_t k = 0; k < p; k++)
				hi += q[i * p + k] * q[i * p + k];
			h[i] = e[i] * e[i] / ((1 - hi) * (1 - hi));
		}
		double *meat = xmalloc(p * p * sizeof *meat);
		cross(q, h, n, p, meat);
		from_q(ri, perm, meat, p, cov);
		free(meat);
		f->se_kind = "HC3";
	} else
		for (size_t k = 0; k < p * p; k++)
			cov[k] = s2 * xtx[k];
	wald(f, d, beta, cov, 0, o, df);
	int icpt = p > 0 && strcmp(d->name[0], "(Intercept)") == 0;
	f->df_model = p - (size_t)icpt;
	f->df_resid = df;
	f->r2 = 1 - rss / tss;
	f->adj_r2 = 1 - (1 - f->r2) * (double)(n - 1) / df;
	f->sigma = sqrt(s2);
	if (f->df_model > 0) {
		f->f = ((tss - rss) / (double)f->df_model) / s2;
		f->f_p = gsl_cdf_fdist_Q(f->f, (double)f->df_model, df);
	}
	double nn = (double)n;
	f->loglik = -nn / 2 * (log(2 * M_PI) + log(rss / nn) + 1);
	f->aic = -2 * f->loglik + 2 * (double)(p + 1);
	f->bic = -2 * f->loglik + log(nn) * (double)(p + 1);
	f->deviance = rss;
	f->null_deviance = tss;
	free(xtx);
	free(ri);
	free(q);
	gsl_permutation_free(perm);
	free(beta);
	free(e);
	free(h);
	free(cov);
}

/* ---- logistic ---------------------------------------------------------- */

/* log(1 + exp(t)) without overflow */
static double
softplus(double t)
{
	return t > 0 ? t + log1p(exp(-t)) : log1p(exp(t));
}

static double
expit(double t)
{
	return t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t));
}

/* The binomial deviance of linear predictor ETA for 0/1 Y. */
static double
deviance(const double *y, const double *eta, size_t n)
{
	double dev = 0;
	for (size_t i = 0; i < n; i++)
		dev += 2 * (y[i] > 0.5 ? softplus(-eta[i]) : softplus(eta[i]));
	return dev;
}

typedef struct {
	const double *x;   /* n x p (the columns used) */
	const double *y;
	const double *offset;  /* NULL: none */
	size_t n, p;
	/* workspace */
	double *eta, *w, *z, *xwx, *prev;
} irls;

static void
irls_init(irls *s, const double *x, const double *y, size_t n, size_t p)
{
	s->x = x;
	s->y = y;
	s->offset = NULL;
	s->n = n;
	s->p = p;
	s->eta = xmalloc(n * sizeof *s->eta);
	s->w = xmalloc(n * sizeof *s->w);
	s->z = xmalloc(n * sizeof *s->z);
	s->xwx = xmalloc((p * p > 0 ? p * p : 1) * sizeof *s->xwx);
	s->prev = xmalloc((p ? p : 1) * sizeof *s->prev);
}

static void
irls_free(irls *s)
{
	free(s->eta);
	free(s->w);
	free(s->z);
	free(s->xwx);
	free(s->prev);
}

static void
linear_predictor(const irls *s, const double *beta, double *eta)
{
	for (size_t i = 0; i < s->n; i++) {
		double v = s->offset ? s->offset[i] : 0;
		for (size_t k = 0; k < s->p; k++)
			v += s->x[i * s->p + k] * beta[k];
		eta[i] = v;
	}
}

/* Fit by IRLS from BETA (or, START, R's mustart = (y + 1/2) / 2); returns
 * the deviance, BETA the estimate, S->xwx the inverse information; *ITER
 * the iterations, -1 when it did not converge in 100. */
static double
irls_fit(irls *s, double *beta, int start, int *iter)
{
	size_t n = s->n, p = s->p;
	if (start)
		for (size_t i = 0; i < n; i++) {
			double mu = (s->y[i] + 0.5) / 2;
			s->eta[i] = log(mu / (1 - mu));
		}
	else
		linear_predictor(s, beta, s->eta);
	double dev = deviance(s->y, s->eta, n), old = INFINITY;
	int it;
	for (it = 1; it <= 100; it++) {
		for (size_t i = 0; i < n; i++) {
			double mu = expit(s->eta[i]), var = mu * (1 - mu);
			if (var < 1e-300)
				var = 1e-300;
			s->w[i] = var;
			s->z[i] = s->eta[i] - (s->offset ? s->offset[i] : 0) + (s->y[i] - mu) / var;
		}
		if (p == 0)
			break;
		memcpy(s->prev, beta, p * sizeof *beta);
		if (!wls_qr(s->x, s->w, s->z, n, p, beta, NULL)) {
			memcpy(beta, s->prev, p * sizeof *beta);
			break;
		}
		linear_predictor(s, beta, s->eta);
		old = dev;
		dev = deviance(s->y, s->eta, n);
		/* a step that raises the deviance is halved back towards the last
		 * estimate (from the first, R's start, there is none to go back to) */
		for (int half = 0; it > 1 && half < 40 && dev > old * (1 + 1e-15); half++) {
			for (size_t a = 0; a < p; a++)
				beta[a] = (beta[a] + s->prev[a]) / 2;
			linear_predictor(s, beta, s->eta);
			dev = deviance(s->y, s->eta, n);
		}
		if (fabs(dev - old) / (fabs(dev) + 0.1) < 1e-12)
			break;
	}
	if (p > 0) {
		/* the information at the estimate */
		for (size_t i = 0; i < n; i++) {
			double mu = expit(s->eta[i]);
			s->w[i] = mu * (1 - mu);
		}
		if (!wls_qr(s->x, s->w, NULL, n, p, NULL, s->xwx))
			it = 101;
	}
	*iter = it > 100 ? -1 : it;
	return dev;
}

/* Separation: rows fitted with probability 0 or 1 (to 1e-8) mean that
 * some predictors predict the outcome perfectly and their estimates do not
 * exist; name the terms whose estimates ran away. */
static int
separated(const model_data *d, const irls *s, const double *beta, int iter,
          char *msg, size_t size)
{
	size_t sure = 0;
	for (size_t i = 0; i < d->n; i++) {
		double mu = expit(s->eta[i]);
		if (mu < 1e-8 || mu > 1 - 1e-8)
			sure++;
	}
	if (sure == 0 && iter > 0)
		return 0;
	char names[512] = "";
	size_t len = 0;
	for (size_t k = 0; k < d->p; k++) {
		double se = sqrt(s->xwx[k * d->p + k]);
		if (strcmp(d->name[k], "(Intercept)") != 0 && (fabs(beta[k]) > 5 || !(se < 1e3))
		    && len + strlen(d->name[k]) + 8 < sizeof names)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s'%s'",
			                        len ? ", " : "", d->name[k]);
	}
	snprintf(msg, size, "separation: %zu of %zu rows are predicted with probability "
	         "0 or 1, so the maximum-likelihood estimates do not exist%s%s%s (merge "
	         "or drop the predictor, or use a penalised model)", sure, d->n,
	         len ? " (it runs away in " : "", names, len ? ")" : "");
	return 1;
}

/* The deviance with coefficient J fixed at B (the others refitted), from
 * the estimate BETA. */
static double
profile_deviance(const model_data *d, size_t j, double b, const double *beta)
{
	size_t n = d->n, p = d->p, q = p - 1;
	double *x = xmalloc((n * q > 0 ? n * q : 1) * sizeof *x), *off = xmalloc(n * sizeof *off);
	double *bq = xmalloc((q ? q : 1) * sizeof *bq);
	for (size_t i = 0; i < n; i++) {
		size_t m = 0;
		for (size_t k = 0; k < p; k++)
			if (k != j)
				x[i * q + m++] = d->x[i * p + k];
		off[i] = d->x[i * p + j] * b;
	}
	for (size_t k = 0, m = 0; k < p; k++)
		if (k != j)
			bq[m++] = beta[k];
	irls s;
	irls_init(&s, x, d->y, n, q);
	s.offset = off;
	int it;
	double dev = irls_fit(&s, bq, 1, &it);
	irls_free(&s);
	free(x);
	free(off);
	free(bq);
	return dev;
}

typedef struct {
	const model_data *d;
	size_t j;
	const double *beta;
	double dev, target;    /* the minimum deviance; the signed root sought */
} profile_arg;

static double
profile_root(double b, void *arg)
{
	profile_arg *a = arg;
	double diff = profile_deviance(a->d, a->j, b, a->beta) - a->dev;
	double r = sqrt(diff > 0 ? diff : 0);
	return (b < a->beta[a->j] ? -r : r) - a->target;
}

/* Solve profile_root = 0 between the estimate and a bound found by steps of
 * SE outwards (SIDE -1 or +1); NaN when none is found in 50 steps. */
static double
profile_bound(profile_arg *a, double se, int side)
{
	double est = a->beta[a->j], lo = est, hi = est + side * se;
	int k;
	for (k = 0; k < 50 && side * profile_root(hi, a) < 0; k++) {
		lo = hi;
		hi += side * se;
	}
	if (k == 50)
		return NAN;
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	gsl_function fn = {profile_root, a};
	gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	gsl_root_fsolver_set(s, &fn, lo, hi);
	double root = NAN;
	for (int it = 0; it < 200; it++) {
		gsl_root_fsolver_iterate(s);
		root = gsl_root_fsolver_root(s);
		double a0 = gsl_root_fsolver_x_lower(s), b0 = gsl_root_fsolver_x_upper(s);
		if (gsl_root_test_interval(a0, b0, 0, 1e-12) == GSL_SUCCESS)
			break;
	}
	gsl_root_fsolver_free(s);
	return root;
}

static void
null_fit_stats(model_fit *f, const model_data *d, double ll, double ll0, double npar)
{
	double nn = (double)d->n;
	f->loglik = ll;
	f->deviance = -2 * ll;
	f->null_deviance = -2 * ll0;
	f->aic = -2 * ll + 2 * npar;
	f->bic = -2 * ll + log(nn) * npar;
	f->lr_chi2 = 2 * (ll - ll0);
	f->lr_p = f->lr_df > 0 ? gsl_cdf_chisq_Q(f->lr_chi2, f->lr_df) : NAN;
	f->mcfadden = 1 - ll / ll0;
	f->nagelkerke = (1 - exp(2 * (ll0 - ll) / nn)) / (1 - exp(2 * ll0 / nn));
}

void
model_fit_logistic(const model_data *d, const model_options *o, model_fit *f)
{
	check_design(d, 0);
	size_t n = d->n, p = d->p;
	fit_init(f, d, p);
	double *beta = xcalloc(p, sizeof *beta);
	irls s;
	irls_init(&s, d->x, d->y, n, p);
	int iter;
	double dev = irls_fit(&s, beta, 1, &iter);
	char msg[1024];
	if (separated(d, &s, beta, iter, msg, sizeof msg)) {
		irls_free(&s);
		free(beta);
		model_fit_free(f);
		die_at(d->file, 0, NULL, NULL, "%s", msg);
	}
	f->iterations = iter;
	wald(f, d, beta, s.xwx, 0, o, 0);
	if (o->profile) {
		profile_arg a = {d, 0, beta, dev, 0};
		double z = gsl_cdf_ugaussian_Qinv((1 - o->conf) / 2);
		for (size_t k = 0; k < p; k++) {
			a.j = k;
			a.target = -z;
			f->coef[k].plo = profile_bound(&a, f->coef[k].se, -1);
			a.target = z;
			f->coef[k].phi = profile_bound(&a, f->coef[k].se, 1);
		}
	}
	double ybar = 0;
	for (size_t i = 0; i < n; i++)
		ybar += d->y[i];
	ybar /= (double)n;
	double ll0 = 0;
	for (size_t i = 0; i < n; i++)
		ll0 += d->y[i] > 0.5 ? log(ybar) : log1p(-ybar);
	int icpt = p > 0 && strcmp(d->name[0], "(Intercept)") == 0;
	f->df_model = p - (size_t)icpt;
	f->df_resid = (double)(n - p);
	f->lr_df = (double)f->df_model;
	null_fit_stats(f, d, -dev / 2, ll0, (double)p);
	irls_free(&s);
	free(beta);
}

/* ---- ordinal (proportional odds, logit link) ---------------------------- */

/* The parameters: K-1 thresholds zeta, then P coefficients beta;
 * logit P(Y <= k) = zeta_k - x'beta, as MASS::polr. */
typedef struct {
	const model_data *d;
	size_t k1, np;         /* thresholds, all parameters */
} polr;

/* F(t) - F(u) for u < t, accurate in both tails */
static double
band(double t, double u)
{
	if (u > 0)
		return expit(-u) - expit(-t);
	return expit(t) - expit(u);
}

static double
dens(double t)
{
	double f = expit(t);
	return f * (1 - f);
}

/* The log-likelihood at THETA; with G and H non-NULL its gradient and
 * Hessian (NP and NP x NP). Returns -Inf where the thresholds do not
 * increase. */
static double
polr_ll(const polr *m, const double *theta, double *g, double *h)
{
	const model_data *d = m->d;
	size_t k1 = m->k1, np = m->np, p = d->p;
	for (size_t k = 1; k < k1; k++)
		if (!(theta[k] > theta[k - 1]))
			return -INFINITY;
	if (g) {
		memset(g, 0, np * sizeof *g);
		memset(h, 0, np * np * sizeof *h);
	}
	double ll = 0;
	for (size_t i = 0; i < d->n; i++) {
		const double *x = d->x + i * p;
		double eta = 0;
		for (size_t j = 0; j < p; j++)
			eta += x[j] * theta[k1 + j];
		size_t y = (size_t)d->y[i];
		int top = y < k1, bot = y > 0;     /* the upper and lower cut exist */
		double a = top ? theta[y] - eta : INFINITY;
		double b = bot ? theta[y - 1] - eta : -INFINITY;
		double pi = band(a, b);
		if (!(pi > 0))
			return -INFINITY;
		ll += log(pi);
		if (!g)
			continue;
		double fa = top ? dens(a) : 0, fb = bot ? dens(b) : 0;
		double da = top ? fa * (1 - 2 * expit(a)) : 0, db = bot ? fb * (1 - 2 * expit(b)) : 0;
		/* first and second derivatives of log(pi) in a, b */
		double la = fa / pi, lb = -fb / pi;
		double laa = da / pi - la * la, lbb = -db / pi - lb * lb, lab = -la * lb;
		/* a = zeta_y - eta, b = zeta_{y-1} - eta; d eta / d beta = x */
		size_t ia = y, ib = y - 1;
		if (top)
			g[ia] += la;
		if (bot)
			g[ib] += lb;
		for (size_t j = 0; j < p; j++)
			g[k1 + j] -= (la + lb) * x[j];
		/* a missing cut has la (or lb) and its second derivatives 0, so
		 * one set of formulas serves the end categories too */
		if (top)
			h[ia * np + ia] += laa;
		if (bot)
			h[ib * np + ib] += lbb;
		if (top && bot) {
			h[ia * np + ib] += lab;
			h[ib * np + ia] += lab;
		}
		double ea = -(laa + lab), eb = -(lbb + lab), ee = laa + lbb + 2 * lab;
		for (size_t j = 0; j < p; j++) {
			if (top) {
				h[ia * np + k1 + j] += ea * x[j];
				h[(k1 + j) * np + ia] += ea * x[j];
			}
			if (bot) {
				h[ib * np + k1 + j] += eb * x[j];
				h[(k1 + j) * np + ib] += eb * x[j];
			}
		}
		for (size_t j = 0; j < p; j++)
			for (size_t l = 0; l < p; l++)
				h[(k1 + j) * np + k1 + l] += ee * x[j] * x[l];
	}
	return ll;
}

/* Separation in the ordinal model: rows whose observed level is fitted
 * with probability 1 (to 1e-8), as separated() for the logistic model. */
static size_t
polr_sure(const polr *m, const double *theta)
{
	const model_data *d = m->d;
	size_t k1 = m->k1, sure = 0;
	for (size_t i = 0; i < d->n; i++) {
		double eta = 0;
		for (size_t j = 0; j < d->p; j++)
			eta += d->x[i * d->p + j] * theta[k1 + j];
		size_t y = (size_t)d->y[i];
		double a = y < k1 ? theta[y] - eta : INFINITY;
		double b = y > 0 ? theta[y - 1] - eta : -INFINITY;
		if (band(a, b) > 1 - 1e-8)
			sure++;
	}
	return sure;
}

/* Newton's method with step halving from THETA; returns the maximum
 * log-likelihood, H the inverse of the information (the covariance). */
static double
polr_fit(const polr *m, double *theta, double *cov, int *iter)
{
	size_t np = m->np;
	double *g = xmalloc(np * sizeof *g), *h = xmalloc(np * np * sizeof *h);
	double *step = xmalloc(np * sizeof *step), *trial = xmalloc(np * sizeof *trial);
	double ll = polr_ll(m, theta, g, h);
	int it;
	for (it = 1; it <= 200; it++) {
		for (size_t k = 0; k < np * np; k++)
			cov[k] = -h[k];
		if (!spd_inverse(cov, np))
			break;
		double gmax = 0;
		for (size_t a = 0; a < np; a++) {
			step[a] = 0;
			for (size_t b = 0; b < np; b++)
				step[a] += cov[a * np + b] * g[b];
			if (fabs(g[a]) > gmax)
				gmax = fabs(g[a]);
		}
		if (gmax < 1e-10)
			break;
		double t = 1, next = -INFINITY;
		for (int half = 0; half < 60; half++, t /= 2) {
			for (size_t a = 0; a < np; a++)
				trial[a] = theta[a] + t * step[a];
			next = polr_ll(m, trial, NULL, NULL);
			if (next >= ll)
				break;
		}
		if (!(next >= ll))
			break;
		memcpy(theta, trial, np * sizeof *theta);
		double old = ll;
		ll = polr_ll(m, theta, g, h);
		if (ll - old < 1e-14 * (fabs(ll) + 1) && t < 1)
			break;
	}
	for (size_t k = 0; k < np * np; k++)
		cov[k] = -h[k];
	if (!spd_inverse(cov, np))
		it = 201;
	*iter = it > 200 ? -1 : it;
	free(g);
	free(h);
	free(step);
	free(trial);
	return ll;
}

/* ---- the Brant test of proportional odds ------------------------------- */

/* Brant (1990): the binary logits of Y > m at each cut m = 1..J-1 estimate
 * the same coefficients when the odds are proportional. With beta_m the
 * coefficients (without intercept) of the m-th binary fit and V their joint
 * covariance, Var(beta_m) = (X' W_m X)^-1 and, for m < l,
 * Cov(beta_m, beta_l) = (X' W_m X)^-1 X' W_ml X (X' W_l X)^-1 with
 * W_m = diag(pi_m (1 - pi_m)), W_ml = diag(pi_l - pi_m pi_l) (the events nest),
 * the Wald statistic of the contrasts beta_1 - beta_m (m = 2..J-1) is
 * chi-square with (J - 2) K degrees of freedom (K coefficients); per
 * coefficient, its J - 2 contrasts alone. As the R brant package. */
typedef struct {
	size_t n, q, k1;       /* rows, columns with the intercept, cuts */
	double *x;             /* n x q */
	double *beta;          /* k1 x q */
	double *inv;           /* k1 blocks q x q: (X' W_m X)^-1 */
	double *pi;            /* k1 x n fitted P(Y > m) */
} brant_fits;

static void
brant_fits_free(brant_fits *b)
{
	free(b->x);
	free(b->beta);
	free(b->inv);
	free(b->pi);
}

/* The binary fits at each cut; a note when one does not exist. */
static const char *
brant_binary_fits(const model_data *d, size_t k1, brant_fits *b)
{
	size_t n = d->n, p = d->p, q = p + 1;
	b->n = n;
	b->q = q;
	b->k1 = k1;
	b->x = xmalloc(n * q * sizeof *b->x);
	b->beta = xcalloc(k1 * q, sizeof *b->beta);
	b->inv = xmalloc(k1 * q * q * sizeof *b->inv);
	b->pi = xmalloc(k1 * n * sizeof *b->pi);
	for (size_t i = 0; i < n; i++) {
		b->x[i * q] = 1;
		memcpy(b->x + i * q + 1, d->x + i * p, p * sizeof *d->x);
	}
	double *y = xmalloc(n * sizeof *y);
	const char *note = NULL;
	for (size_t m = 0; m < k1 && !note; m++) {
		for (size_t i = 0; i < n; i++)
			y[i] = d->y[i] > (double)m ? 1 : 0;
		irls s;
		irls_init(&s, b->x, y, n, q);
		int iter;
		irls_fit(&s, b->beta + m * q, 1, &iter);
		size_t sure = 0;
		for (size_t i = 0; i < n; i++) {
			double mu = expit(s.eta[i]);
			b->pi[m * n + i] = mu;
			if (mu < 1e-8 || mu > 1 - 1e-8)
				sure++;
		}
		if (iter < 0 || sure > 0)
			note = "a binary logit at a cut is separated or does not converge";
		else
			memcpy(b->inv + m * q * q, s.xwx, q * q * sizeof *s.xwx);
		irls_free(&s);
	}
	free(y);
	return note;
}

/* The (k1 p) x (k1 p) covariance of the stacked coefficients. */
static void
brant_covariance(const brant_fits *b, size_t p, double *v)
{
	size_t n = b->n, q = b->q, k1 = b->k1, np = k1 * p;
	double *w = xmalloc(n * sizeof *w), *mid = xmalloc(q * q * sizeof *mid);
	double *t = xmalloc(q * q * sizeof *t), *c = xmalloc(q * q * sizeof *c);
	for (size_t m = 0; m < k1; m++)
		for (size_t l = m; l < k1; l++) {
			const double *im = b->inv + m * q * q, *il = b->inv + l * q * q;
			if (l == m) {
				memcpy(c, im, q * q * sizeof *c);
			} else {
				for (size_t i = 0; i < n; i++) {
					double pm = b->pi[m * n + i], pl = b->pi[l * n + i];
					w[i] = pl - pm * pl;
				}
				cross(b->x, w, n, q, mid);
				for (size_t r = 0; r < q; r++)
					for (size_t s = 0; s < q; s++) {
						double a = 0;
						for (size_t u = 0; u < q; u++)
							a += im[r * q + u] * mid[u * q + s];
						t[r * q + s] = a;
					}
				for (size_t r = 0; r < q; r++)
					for (size_t s = 0; s < q; s++) {
						double a = 0;
						for (size_t u = 0; u < q; u++)
							a += t[r * q + u] * il[u * q + s];
						c[r * q + s] = a;
					}
			}
			/* drop the intercepts' row and column */
			for (size_t r = 0; r < p; r++)
				for (size_t s = 0; s < p; s++) {
					v[(m * p + r) * np + l * p + s] = c[(r + 1) * q + s + 1];
					v[(l * p + s) * np + m * p + r] = c[(r + 1) * q + s + 1];
				}
		}
	free(w);
	free(mid);
	free(t);
	free(c);
}

/* The Wald statistic g' A^-1 g of the contrasts G (length R) with
 * covariance A (R x R, overwritten); NaN when A is singular. */
static double
wald_quadratic(const double *g, double *a, size_t r)
{
	if (!spd_inverse(a, r))
		return NAN;
	double x2 = 0;
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < r; j++)
			x2 += g[i] * a[i * r + j] * g[j];
	return x2;
}

static void
brant_test(const model_data *d, size_t k1, model_fit *f)
{
	size_t p = d->p;
	if (k1 < 2) {
		f->brant_note = "two outcome levels: one binary logit, nothing to compare";
		return;
	}
	if (p == 0)
		return;
	brant_fits b;
	f->brant_note = brant_binary_fits(d, k1, &b);
	if (f->brant_note) {
		brant_fits_free(&b);
		return;
	}
	size_t np = k1 * p, nc = (k1 - 1) * p;
	double *v = xmalloc(np * np * sizeof *v);
	brant_covariance(&b, p, v);
	/* contrasts c = D beta, row (m - 1) p + k: beta_1k - beta_mk; the
	 * covariance D V D' from V's blocks */
	double *g = xmalloc(nc * sizeof *g), *a = xmalloc(nc * nc * sizeof *a);
	for (size_t m = 1; m < k1; m++)
		for (size_t k = 0; k < p; k++)
			g[(m - 1) * p + k] = b.beta[k + 1] - b.beta[m * b.q + k + 1];
#define V(i, j) v[(i) * np + (j)]
	for (size_t m = 1; m < k1; m++)
		for (size_t k = 0; k < p; k++)
			for (size_t l = 1; l < k1; l++)
				for (size_t j = 0; j < p; j++) {
					size_t r1 = k, r2 = m * p + k, c1 = j, c2 = l * p + j;
					a[((m - 1) * p + k) * nc + (l - 1) * p + j] =
						V(r1, c1) - V(r1, c2) - V(r2, c1) + V(r2, c2);
				}
#undef V
	double *sub = xmalloc(nc * nc * sizeof *sub), *gs = xmalloc(k1 * sizeof *gs);
	memcpy(sub, a, nc * nc * sizeof *a);
	f->brant_chi2 = wald_quadratic(g, sub, nc);
	f->brant_df = (double)nc;
	/* per coefficient: its K - 1 contrasts */
	size_t r = k1 - 1;
	for (size_t k = 0; k < p; k++) {
		for (size_t m = 0; m < r; m++) {
			gs[m] = g[m * p + k];
			for (size_t l = 0; l < r; l++)
				sub[m * r + l] = a[(m * p + k) * nc + l * p + k];
		}
		model_coef *c = &f->coef[k1 + k];
		c->brant_chi2 = wald_quadratic(gs, sub, r);
		c->brant_df = (double)r;
		c->brant_p = isnan(c->brant_chi2) ? NAN : gsl_cdf_chisq_Q(c->brant_chi2, c->brant_df);
	}
	if (isnan(f->brant_chi2))
		f->brant_note = "the covariance of the binary logits' contrasts is singular";
	else
		f->brant_p = gsl_cdf_chisq_Q(f->brant_chi2, f->brant_df);
	free(v);
	free(g);
	free(a);
	free(sub);
	free(gs);
	brant_fits_free(&b);
}

void
model_fit_ordinal(const model_data *d, const model_options *o, model_fit *f)
{
	size_t k1 = d->nylevel - 1, np = k1 + d->p;
	check_design(d, k1);
	fit_init(f, d, np);
	polr m = {d, k1, np};
	double *theta = xcalloc(np, sizeof *theta), *cov = xmalloc(np * np * sizeof *cov);
	/* start: the thresholds of the marginal distribution, beta 0 */
	double *cum = xcalloc(d->nylevel, sizeof *cum);
	for (size_t i = 0; i < d->n; i++)
		cum[(size_t)d->y[i]]++;
	double ll0 = 0, nn = (double)d->n;
	/* every level has a row: the levels are those of the rows used */
	for (size_t k = 0; k < d->nylevel; k++)
		ll0 += cum[k] * log(cum[k] / nn);
	double run = 0;
	for (size_t k = 0; k < k1; k++) {
		run += cum[k];
		theta[k] = log(run / (nn - run));
	}
	int iter;
	double ll = polr_fit(&m, theta, cov, &iter);
	if (iter < 0) {
		free(theta);
		free(cov);
		free(cum);
		model_fit_free(f);
		die_at(d->file, 0, NULL, NULL, "the ordinal model did not converge (an "
		       "outcome level predicted perfectly by a predictor: separation?)");
	}
	size_t sure = polr_sure(&m, theta);
	if (sure) {
		free(theta);
		free(cov);
		free(cum);
		model_fit_free(f);
		die_at(d->file, 0, NULL, NULL, "separation: %zu of %zu rows are predicted "
		       "with probability 1, so the maximum-likelihood estimates do not "
		       "exist (merge levels, drop the predictor, or use a penalised "
		       "model)", sure, d->n);
	}
	f->iterations = iter;
	/* thresholds first, named as polr names them: "1|2" */
	double q = gsl_cdf_ugaussian_Qinv((1 - o->conf) / 2);
	for (size_t k = 0; k < k1; k++) {
		model_coef *c = &f->coef[k];
		size_t len = strlen(d->ylevel[k]) + strlen(d->ylevel[k + 1]) + 2;
		c->term = xmalloc(len);
		snprintf(c->term, len, "%s|%s", d->ylevel[k], d->ylevel[k + 1]);
		c->threshold = 1;
		c->estimate = theta[k];
		c->se = sqrt(cov[k * np + k]);
		c->stat = c->estimate / c->se;
		c->p = two_sided_normal(c->stat);
		c->lo = c->estimate - q * c->se;
		c->hi = c->estimate + q * c->se;
		c->plo = c->phi = NAN;
	}
	wald(f, d, theta + k1, cov, k1, o, 0);
	f->df_model = d->p;
	f->df_resid = nn - (double)np;
	f->lr_df = (double)d->p;
	null_fit_stats(f, d, ll, ll0, (double)np);
	brant_test(d, k1, f);
	free(theta);
	free(cov);
	free(cum);
}
