/* Exact tests of tables of counts: see fisher.h. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "err.h"
#include "fisher.h"

/* Tables within this relative distance of the observed probability count as
 * no more likely (R's relErr). */
#define REL_ERR (1 + 1e-7)

/* ---- the noncentral hypergeometric distribution of the 2x2 table ---- */

typedef struct {
	double m, n, k;		/* column 1, column 2, row 1 totals */
	long x, lo, hi;		/* A, and its support */
	double *logdc;		/* log dhyper over lo..hi */
	double *d;		/* scratch: the density at some ncp */
	/* the root's target: mean (TAIL 0), lower (-1) or upper (1) tail */
	int tail, invert;
	double target;
} nchyper;

static double
log_dhyper(double x, double m, double n, double k)
{
	return gsl_sf_lnchoose((unsigned)m, (unsigned)x) +
	       gsl_sf_lnchoose((unsigned)n, (unsigned)(k - x)) -
	       gsl_sf_lnchoose((unsigned)(m + n), (unsigned)k);
}

/* The density at odds ratio NCP (0 < NCP < inf) into h->d. */
static void
dnhyper(nchyper *h, double ncp)
{
	size_t s = (size_t)(h->hi - h->lo + 1);
	double lg = log(ncp), max = -HUGE_VAL, sum = 0;
	for (size_t i = 0; i < s; i++) {
		h->d[i] = h->logdc[i] + lg * (double)(h->lo + (long)i);
		if (h->d[i] > max)
			max = h->d[i];
	}
	for (size_t i = 0; i < s; i++)
		sum += h->d[i] = exp(h->d[i] - max);
	for (size_t i = 0; i < s; i++)
		h->d[i] /= sum;
}

static double
mnhyper(nchyper *h, double ncp)
{
	if (ncp == 0)
		return (double)h->lo;
	if (isinf(ncp))
		return (double)h->hi;
	dnhyper(h, ncp);
	double mu = 0;
	for (long s = h->lo; s <= h->hi; s++)
		mu += (double)s * h->d[s - h->lo];
	return mu;
}

/* P(X <= x) (UPPER 0) or P(X >= x) (UPPER 1) at odds ratio NCP. */
static double
pnhyper(nchyper *h, double ncp, int upper)
{
	long x = h->x;
	if (ncp == 1) {
		unsigned ux = (unsigned)x, m = (unsigned)h->m, n = (unsigned)h->n;
		unsigned k = (unsigned)h->k;
		return upper ? (x == 0 ? 1 : gsl_cdf_hypergeometric_Q(ux - 1, m, n, k))
		             : gsl_cdf_hypergeometric_P(ux, m, n, k);
	}
	if (ncp == 0)
		return upper ? x <= h->lo : x >= h->lo;
	if (isinf(ncp))
		return upper ? x <= h->hi : x >= h->hi;
	dnhyper(h, ncp);
	double p = 0;
	for (long s = h->lo; s <= h->hi; s++)
		if (upper ? s >= x : s <= x)
			p += h->d[s - h->lo];
	return p;
}

/* The function whose root uniroot seeks: at T (or 1/T when inverted). */
static double
target_fn(double t, nchyper *h)
{
	double ncp = h->invert ? 1 / t : t;
	if (h->tail == 0)
		return mnhyper(h, ncp) - h->target;
	return pnhyper(h, ncp, h->tail > 0) - h->target;
}

/* Brent's root finder as R's uniroot runs it (Brent 1973, zeroin; tolerance
 * DBL_EPSILON^0.25, 1000 iterations), on [AX, BX] where FA and FB have
 * opposite signs: the same steps give R's root, not a more precise one. */
static double
zeroin(double ax, double bx, double fa, double fb, nchyper *h)
{
	const double tol = pow(DBL_EPSILON, 0.25);
	double a = ax, b = bx, c = a, fc = fa;
	if (fa == 0)
		return a;
	if (fb == 0)
		return b;
	for (int it = 0; it <= 1000; it++) {
		double prev = b - a;
		if (fabs(fc) < fabs(fb)) {
			a = b; b = c; c = a;
			fa = fb; fb = fc; fc = fa;
		}
		double tol_act = 2 * DBL_EPSILON * fabs(b) + tol / 2;
		double step = (c - b) / 2;
		if (fabs(step) <= tol_act || fb == 0)
			return b;
		if (fabs(prev) >= tol_act && fabs(fa) > fabs(fb)) {
			/* interpolation: secant when a = c, else inverse quadratic */
			double p, q, cb = c - b;
			if (a == c) {
				double t1 = fb / fa;
				p = cb * t1;
				q = 1 - t1;
			} else {
				double qq = fa / fc, t1 = fb / fc, t2 = fb / fa;
				p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1));
				q = (qq - 1) * (t1 - 1) * (t2 - 1);
			}
			if (p > 0)
				q = -q;
			else
				p = -p;
			if (p < 0.75 * cb * q - fabs(tol_act * q) / 2 && p < fabs(prev * q / 2))
				step = p / q;
		}
		if (fabs(step) < tol_act)
			step = step > 0 ? tol_act : -tol_act;
		a = b;
		fa = fb;
		b += step;
		fb = target_fn(b, h);
		if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
			c = a;
			fc = fa;
		}
	}
	return b;
}

/* uniroot(f, c(LO, 1)) of R: f at both ends, then Brent. */
static double
uniroot(nchyper *h, double lo)
{
	return zeroin(lo, 1, target_fn(lo, h), target_fn(1, h), h);
}

/* The root at T in (0, 1), or 1/T for T in (eps, 1) when the value at 1 lies
 * on the other side (R's mle, ncp.U and ncp.L). AT1 is the function plus the
 * target at odds ratio 1; ABOVE whether the root lies below 1 when AT1 is
 * above the target. */
static double
solve(nchyper *h, int tail, double target, double at1, int below_when_above)
{
	h->tail = tail;
	h->target = target;
	if (at1 == target)
		return 1;
	if ((at1 > target) == below_when_above) {
		h->invert = 0;
		return uniroot(h, 0);
	}
	h->invert = 1;
	return 1 / uniroot(h, DBL_EPSILON);
}

static double
mle(nchyper *h)
{
	if (h->x == h->lo)
		return 0;
	if (h->x == h->hi)
		return HUGE_VAL;
	return solve(h, 0, (double)h->x, mnhyper(h, 1), 1);
}

static double
ncp_upper(nchyper *h, double alpha)
{
	if (h->x == h->hi)
		return HUGE_VAL;
	/* the lower tail falls as the odds ratio grows */
	return solve(h, -1, alpha, pnhyper(h, 1, 0), 0);
}

static double
ncp_lower(nchyper *h, double alpha)
{
	if (h->x == h->lo)
		return 0;
	/* the upper tail grows with the odds ratio */
	return solve(h, 1, alpha, pnhyper(h, 1, 1), 1);
}

const char *
fisher_2x2(const double t[4], ht_alternative alt, double conf, double *or, double ci[2],
           ht_result *res)
{
	if (t[0] + t[1] == 0 || t[2] + t[3] == 0 || t[0] + t[2] == 0 || t[1] + t[3] == 0)
		return "the 2x2 table has an empty row or column (a margin of 0): "
		       "the odds ratio is undefined";
	nchyper h = {.m = t[0] + t[2], .n = t[1] + t[3], .k = t[0] + t[1], .x = (long)t[0]};
	h.lo = (long)fmax(0, h.k - h.n);
	h.hi = (long)fmin(h.k, h.m);
	size_t s = (size_t)(h.hi - h.lo + 1);
	h.logdc = xmalloc(s * sizeof *h.logdc);
	h.d = xmalloc(s * sizeof *h.d);
	for (size_t i = 0; i < s; i++)
		h.logdc[i] = log_dhyper((double)(h.lo + (long)i), h.m, h.n, h.k);

	double p;
	if (alt == HT_LESS) {
		p = pnhyper(&h, 1, 0);
	} else if (alt == HT_GREATER) {
		p = pnhyper(&h, 1, 1);
	} else {
		dnhyper(&h, 1);
		double dx = h.d[h.x - h.lo] * REL_ERR;
		p = 0;
		for (size_t i = 0; i < s; i++)
			if (h.d[i] <= dx)
				p += h.d[i];
	}
	*or = mle(&h);
	if (alt == HT_LESS) {
		ci[0] = 0;
		ci[1] = ncp_upper(&h, 1 - conf);
	} else if (alt == HT_GREATER) {
		ci[0] = ncp_lower(&h, 1 - conf);
		ci[1] = HUGE_VAL;
	} else {
		ci[0] = ncp_lower(&h, (1 - conf) / 2);
		ci[1] = ncp_upper(&h, (1 - conf) / 2);
	}
	free(h.logdc);
	free(h.d);
	memset(res, 0, sizeof *res);
	res->statistic = t[0];
	res->df = NAN;
	res->p = fmin(1, fmax(0, p));
	res->effect = *or;
	res->u_min = NAN;
	res->exact = 1;
	return NULL;
}

/* ---- r x c ---- */

/* A network algorithm in the manner of Mehta and Patel (1983): the tables
 * with the margins of T are built column by column; a node of stage J is the
 * multiset of the row totals left (sorted: rows are interchangeable), holding
 * the distinct values LP (minus the sum of log x! of the columns so far) of
 * the paths that reach it, each with its number of paths. Each (node, LP) is
 * bounded: when even the most likely completion is no more likely than T,
 * every completion counts and their total is added in closed form; when even
 * the least likely is more likely, none does; else it goes on to the next
 * stage. */
typedef struct {
	double lp, w;		/* the paths' value and their number */
} past;

typedef struct {
	long *key;		/* the row totals left, ascending */
	past *v;
	size_t nv, cap;
} node;

typedef struct {
	node *nodes;
	size_t n, cap;
	size_t *slot;		/* hash of the keys: node index + 1 */
	size_t nslot;
} stage;

typedef struct memo memo;

typedef struct {
	size_t r, c;
	const long *col;	/* column totals */
	double *lfact;		/* log k! for k = 0..n */
	double *lcol;		/* sum of log C_j! over the columns j.. */
	double cutoff;		/* log probability of T, + the relative tolerance */
	double base;		/* sum log R_i! + sum log C_j! - log n! */
	double p;
	size_t steps;
	long *x, *key;		/* scratch: a column's cells; a new key */
	long *bx, *bkey;	/* the same for the bounds, per stage */
	memo *memo;		/* the bounds of the nodes, per stage */
} network;

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static int
cmp_past(const void *a, const void *b)
{
	double x = ((const past *)a)->lp, y = ((const past *)b)->lp;
	return (x > y) - (x < y);
}

static size_t
key_hash(const long *key, size_t r)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < r; i++)
		h = (h ^ (size_t)key[i]) * 1099511628211u;
	return h;
}

/* Sort a node's values and merge those equal to rounding (the same cells in
 * another order): their paths go on together. */
static void
merge_values(node *nd)
{
	if (nd->nv < 2)
		return;
	qsort(nd->v, nd->nv, sizeof *nd->v, cmp_past);
	size_t k = 0;
	for (size_t i = 0; i < nd->nv; i++) {
		if (k && fabs(nd->v[i].lp - nd->v[k - 1].lp) <= 1e-12 * fmax(1, fabs(nd->v[i].lp)))
			nd->v[k - 1].w += nd->v[i].w;
		else
			nd->v[k++] = nd->v[i];
	}
	nd->nv = k;
}

static void
stage_grow(stage *s, size_t r)
{
	size_t nslot = s->nslot ? 2 * s->nslot : 64;
	free(s->slot);
	s->slot = xcalloc(nslot, sizeof *s->slot);
	s->nslot = nslot;
	for (size_t k = 0; k < s->n; k++) {
		size_t h = key_hash(s->nodes[k].key, r) & (nslot - 1);
		while (s->slot[h])
			h = (h + 1) & (nslot - 1);
		s->slot[h] = k + 1;
	}
}

/* Add (LP, W) to the node KEY of stage S. */
static void
stage_add(stage *s, const long *key, size_t r, double lp, double w)
{
	if (2 * (s->n + 1) > s->nslot)
		stage_grow(s, r);
	size_t h = key_hash(key, r) & (s->nslot - 1);
	while (s->slot[h] && memcmp(s->nodes[s->slot[h] - 1].key, key, r * sizeof *key))
		h = (h + 1) & (s->nslot - 1);
	if (!s->slot[h]) {
		s->nodes = xgrow(s->nodes, &s->cap, s->n + 1, sizeof *s->nodes);
		node *nd = &s->nodes[s->n];
		memset(nd, 0, sizeof *nd);
		nd->key = xmalloc(r * sizeof *key);
		memcpy(nd->key, key, r * sizeof *key);
		s->slot[h] = ++s->n;
	}
	node *nd = &s->nodes[s->slot[h] - 1];
	if (nd->nv == nd->cap) {
		merge_values(nd);
		if (2 * nd->nv >= nd->cap)
			nd->v = xgrow(nd->v, &nd->cap, nd->nv + 1, sizeof *nd->v);
	}
	nd->v[nd->nv++] = (past){lp, w};
}

static void
stage_free(stage *s)
{
	for (size_t k = 0; k < s->n; k++) {
		free(s->nodes[k].key);
		free(s->nodes[k].v);
	}
	free(s->nodes);
	free(s->slot);
	memset(s, 0, sizeof *s);
}

/* The exact bounds of a node, memoized per stage: the largest and smallest
 * minus sum of log x! over the completions from column J of the row totals
 * KEY (the longest and shortest paths to the end of the network). */
typedef struct {
	long *key;
	double hi, lo;
} bound;

struct memo {
	bound *b;
	size_t n, cap;
	size_t *slot;
	size_t nslot;
};

static void
memo_grow(memo *m, size_t r)
{
	size_t nslot = m->nslot ? 2 * m->nslot : 64;
	free(m->slot);
	m->slot = xcalloc(nslot, sizeof *m->slot);
	m->nslot = nslot;
	for (size_t k = 0; k < m->n; k++) {
		size_t h = key_hash(m->b[k].key, r) & (nslot - 1);
		while (m->slot[h])
			h = (h + 1) & (nslot - 1);
		m->slot[h] = k + 1;
	}
}

/* The entry of KEY in M, or NULL; *AT its slot. */
static bound *
memo_find(memo *m, const long *key, size_t r, size_t *at)
{
	if (2 * (m->n + 1) > m->nslot)
		memo_grow(m, r);
	size_t h = key_hash(key, r) & (m->nslot - 1);
	while (m->slot[h] && memcmp(m->b[m->slot[h] - 1].key, key, r * sizeof *key))
		h = (h + 1) & (m->nslot - 1);
	*at = h;
	return m->slot[h] ? &m->b[m->slot[h] - 1] : NULL;
}

static void
memo_free(memo *m)
{
	for (size_t k = 0; k < m->n; k++)
		free(m->b[k].key);
	free(m->b);
	free(m->slot);
}

static int bounds(network *w, const long *key, size_t j, double *hi, double *lo);

/* Column J's fillings from row I on (LEFT to place) below KEY: the best and
 * worst of minus sum log x! plus the child's bounds into *HI, *LO. */
static int
bound_fill(network *w, const long *key, size_t i, long left, double dlp, size_t j,
           double *hi, double *lo)
{
	size_t r = w->r;
	long *x = w->bx + j * r, *child = w->bkey + j * r;
	if (i == r - 1) {
		if (left > key[i])
			return 0;
		x[i] = left;
		dlp -= w->lfact[left];
		for (size_t k = 0; k < r; k++)
			child[k] = key[k] - x[k];
		qsort(child, r, sizeof *child, cmp_long);
		if (++w->steps > FISHER_MAX_TABLES)
			return -1;
		double h, l;
		if (bounds(w, child, j + 1, &h, &l) < 0)
			return -1;
		*hi = fmax(*hi, dlp + h);
		*lo = fmin(*lo, dlp + l);
		return 0;
	}
	long after = 0;
	for (size_t k = i + 1; k < r; k++)
		after += key[k];
	long from = left - after > 0 ? left - after : 0;
	long to = left < key[i] ? left : key[i];
	for (long v = from; v <= to; v++) {
		x[i] = v;
		if (bound_fill(w, key, i + 1, left - v, dlp - w->lfact[v], j, hi, lo) < 0)
			return -1;
	}
	return 0;
}

static int
bounds(network *w, const long *key, size_t j, double *hi, double *lo)
{
	size_t r = w->r;
	if (j == w->c - 1) {	/* the last column is what the rows have left */
		*hi = 0;
		for (size_t i = 0; i < r; i++)
			*hi -= w->lfact[key[i]];
		*lo = *hi;
		return 0;
	}
	size_t at;
	memo *m = &w->memo[j];
	bound *b = memo_find(m, key, r, &at);
	if (b) {
		*hi = b->hi;
		*lo = b->lo;
		return 0;
	}
	if (++w->steps > FISHER_MAX_TABLES)
		return -1;
	double h = -HUGE_VAL, l = HUGE_VAL;
	/* the recursion reuses the scratch of the stages below: KEY may be
	 * one of them, so copy it */
	long *own = xmalloc(r * sizeof *own);
	memcpy(own, key, r * sizeof *own);
	int rc = bound_fill(w, own, 0, w->col[j], 0, j, &h, &l);
	if (rc < 0) {
		free(own);
		return -1;
	}
	b = memo_find(m, own, r, &at);	/* the table may have grown */
	m->b = xgrow(m->b, &m->cap, m->n + 1, sizeof *m->b);
	m->b[m->n] = (bound){own, h, l};
	m->slot[at] = ++m->n;
	*hi = h;
	*lo = l;
	return 0;
}

/* Log of the sum over the completions from column J of prod 1/x!: the
 * hypergeometric probabilities of the rest sum to 1. */
static double
rest_mass(const network *w, const long *rem, size_t j)
{
	long n = 0;
	double m = -w->lcol[j];
	for (size_t i = 0; i < w->r; i++) {
		n += rem[i];
		m -= w->lfact[rem[i]];
	}
	return m + w->lfact[n];
}

/* Every way to fill column J's cells from row I on (LEFT still to place)
 * below the row totals REM: each carries the node's values V (NV) on to
 * stage NEXT. Returns -1 past the bound. */
static int
fill(network *w, const long *rem, size_t i, long left, double dlp, size_t j,
     const past *v, size_t nv, stage *next)
{
	size_t r = w->r;
	if (i == r - 1) {
		if (left > rem[i])
			return 0;
		w->x[i] = left;
		dlp -= w->lfact[left];
		for (size_t k = 0; k < r; k++)
			w->key[k] = rem[k] - w->x[k];
		qsort(w->key, r, sizeof *w->key, cmp_long);
		w->steps += 1 + nv;
		double hi, lo;
		if (w->steps > FISHER_MAX_TABLES || bounds(w, w->key, j + 1, &hi, &lo) < 0)
			return -1;
		/* the values the child's bounds decide are counted or dropped here,
		 * not carried */
		double mass = rest_mass(w, w->key, j + 1);
		for (size_t k = 0; k < nv; k++) {
			double lp = w->base + v[k].lp + dlp;
			if (lp + hi <= w->cutoff)
				w->p += v[k].w * exp(lp + mass);
			else if (lp + lo <= w->cutoff)
				stage_add(next, w->key, r, v[k].lp + dlp, v[k].w);
		}
		return 0;
	}
	long after = 0;	/* what the rows below can still take */
	for (size_t k = i + 1; k < r; k++)
		after += rem[k];
	long from = left - after > 0 ? left - after : 0;
	long to = left < rem[i] ? left : rem[i];
	for (long x = from; x <= to; x++) {
		w->x[i] = x;
		if (fill(w, rem, i + 1, left - x, dlp - w->lfact[x], j, v, nv, next) < 0)
			return -1;
	}
	return 0;
}

/* Stage J into NEXT: each value of each node counted, dropped or carried. */
static int
advance(network *w, stage *cur, size_t j, stage *next)
{
	for (size_t k = 0; k < cur->n; k++) {
		node *nd = &cur->nodes[k];
		merge_values(nd);
		double hi, lo, mass = rest_mass(w, nd->key, j);
		if (bounds(w, nd->key, j, &hi, &lo) < 0)
			return -1;
		size_t keep = 0;
		for (size_t e = 0; e < nd->nv; e++) {
			double lp = w->base + nd->v[e].lp;
			if (lp + hi <= w->cutoff)
				w->p += nd->v[e].w * exp(lp + mass);
			else if (lp + lo <= w->cutoff)
				nd->v[keep++] = nd->v[e];
		}
		if (keep && fill(w, nd->key, 0, w->col[j], 0, j, nd->v, keep, next) < 0)
			return -1;
	}
	return 0;
}

/* Margins of T into ROW and COL, the total returned; a row or column of 0
 * is an error (NULL return in *WHY). */
static long
margins(const double *t, size_t r, size_t c, long *row, long *col, const char **why)
{
	long n = 0;
	memset(row, 0, r * sizeof *row);
	memset(col, 0, c * sizeof *col);
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < c; j++) {
			long x = (long)t[i * c + j];
			row[i] += x;
			col[j] += x;
			n += x;
		}
	*why = NULL;
	for (size_t i = 0; i < r; i++)
		if (!row[i])
			*why = "the table has an empty row";
	for (size_t j = 0; j < c; j++)
		if (!col[j])
			*why = "the table has an empty column";
	return n;
}

static double *
log_factorials(long n)
{
	double *lf = xmalloc((size_t)(n + 1) * sizeof *lf);
	for (long k = 0; k <= n; k++)
		lf[k] = gsl_sf_lnfact((unsigned)k);
	return lf;
}

/* Minus the sum of log x! over T's cells: the table's log probability up to
 * the margins' constant. */
static double
table_stat(const double *t, size_t cells, const double *lfact)
{
	double s = 0;
	for (size_t k = 0; k < cells; k++)
		s -= lfact[(long)t[k]];
	return s;
}

const char *
fisher_rxc(const double *t, size_t r, size_t c, ht_result *res)
{
	if (r > c) {	/* the stages are the longer side: shorter keys */
		double *tt = xmalloc(r * c * sizeof *tt);
		for (size_t i = 0; i < r; i++)
			for (size_t j = 0; j < c; j++)
				tt[j * r + i] = t[i * c + j];
		const char *why = fisher_rxc(tt, c, r, res);
		free(tt);
		return why;
	}
	long *row = xmalloc(r * sizeof *row), *col = xmalloc(c * sizeof *col);
	const char *why;
	long n = margins(t, r, c, row, col, &why);
	if (why) {
		free(row);
		free(col);
		return why;
	}
	network w = {.r = r, .c = c, .col = col};
	w.x = xmalloc(r * sizeof *w.x);
	w.key = xmalloc(r * sizeof *w.key);
	w.bx = xmalloc(r * c * sizeof *w.bx);
	w.bkey = xmalloc(r * c * sizeof *w.bkey);
	w.memo = xcalloc(c, sizeof *w.memo);
	w.lfact = log_factorials(n);
	w.lcol = xcalloc(c + 1, sizeof *w.lcol);
	for (size_t j = c; j-- > 0;)
		w.lcol[j] = w.lcol[j + 1] + w.lfact[col[j]];
	w.base = -w.lfact[n];
	for (size_t i = 0; i < r; i++)
		w.base += w.lfact[row[i]];
	for (size_t j = 0; j < c; j++)
		w.base += w.lfact[col[j]];
	w.cutoff = w.base + table_stat(t, r * c, w.lfact) + log(REL_ERR);
	stage cur = {0}, next = {0};
	qsort(row, r, sizeof *row, cmp_long);
	stage_add(&cur, row, r, 0, 1);
	int rc = 0;
	for (size_t j = 0; j < c && rc == 0 && cur.n; j++) {
		rc = advance(&w, &cur, j, &next);
		stage_free(&cur);
		cur = next;
		memset(&next, 0, sizeof next);
	}
	stage_free(&cur);
	stage_free(&next);
	free(row);
	free(col);
	free(w.x);
	free(w.key);
	free(w.bx);
	free(w.bkey);
	for (size_t j = 0; j < c; j++)
		memo_free(&w.memo[j]);
	free(w.memo);
	free(w.lcol);
	free(w.lfact);
	if (rc < 0)
		return "the table is too large for the exact test (more than 20000000 "
		       "steps of the network algorithm): give --simulate N for a Monte "
		       "Carlo p";
	memset(res, 0, sizeof *res);
	res->statistic = NAN;
	res->df = NAN;
	res->p = fmin(1, w.p);
	res->effect = NAN;
	res->u_min = NAN;
	res->exact = 1;
	return NULL;
}

const char *
fisher_simulate(const double *t, size_t r, size_t c, unsigned long b, unsigned long seed,
                ht_result *res)
{
	long *row = xmalloc(r * sizeof *row), *col = xmalloc(c * sizeof *col);
	const char *why;
	long n = margins(t, r, c, row, col, &why);
	if (why) {
		free(row);
		free(col);
		return why;
	}
	double *lfact = log_factorials(n);
	/* each observation's column, shuffled and dealt to the rows in order */
	size_t *lab = xmalloc((size_t)n * sizeof *lab);
	double *sim = xmalloc(r * c * sizeof *sim);
	size_t at = 0;
	for (size_t j = 0; j < c; j++)
		for (long k = 0; k < col[j]; k++)
			lab[at++] = j;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng)
		die("out of memory");
	gsl_rng_set(rng, seed);
	/* R: tables with statistic <= STATISTIC / almost.1 count */
	double stat = table_stat(t, r * c, lfact) / (1 + 64 * DBL_EPSILON);
	unsigned long count = 0;
	for (unsigned long rep = 0; rep < b; rep++) {
		for (size_t k = (size_t)n - 1; k > 0; k--) {
			size_t u = (size_t)gsl_rng_uniform_int(rng, k + 1), tmp = lab[k];
			lab[k] = lab[u];
			lab[u] = tmp;
		}
		memset(sim, 0, r * c * sizeof *sim);
		at = 0;
		for (size_t i = 0; i < r; i++)
			for (long k = 0; k < row[i]; k++)
				sim[i * c + lab[at++]]++;
		count += table_stat(sim, r * c, lfact) <= stat;
	}
	gsl_rng_free(rng);
	free(lab);
	free(sim);
	free(lfact);
	free(row);
	free(col);
	memset(res, 0, sizeof *res);
	res->statistic = NAN;
	res->df = NAN;
	res->p = (1 + (double)count) / ((double)b + 1);
	res->effect = NAN;
	res->u_min = NAN;
	return NULL;
}

/* ---- paired and related binary data ---- */

const char *
mcnemar(const double t[4], int exact, int continuity, ht_result *res)
{
	double b = t[1], c = t[2], nd = b + c;
	if (nd == 0)
		return "no discordant pairs (both off-diagonal cells are 0): "
		       "McNemar's test is undefined";
	memset(res, 0, sizeof *res);
	res->u_min = NAN;
	res->effect = fmax(b, c) / nd - 0.5;
	if (exact) {
		double lo = fmin(b, c);
		res->statistic = lo;
		res->df = NAN;
		res->p = fmin(1, 2 * gsl_cdf_binomial_P((unsigned)lo, 0.5, (unsigned)nd));
		res->exact = 1;
		return NULL;
	}
	/* R corrects only when the table is not symmetric */
	double dev = fabs(b - c) - (continuity && b != c ? 1 : 0);
	res->corrected = continuity && b != c;
	res->statistic = dev * dev / nd;
	res->df = 1;
	res->p = gsl_cdf_chisq_Q(res->statistic, 1);
	return NULL;
}

const char *
cochran_q(const unsigned char *x, size_t n, size_t k, ht_result *res)
{
	double *colsum = xcalloc(k, sizeof *colsum), rowsq = 0, total = 0, colsq = 0;
	for (size_t i = 0; i < n; i++) {
		double rs = 0;
		for (size_t j = 0; j < k; j++) {
			rs += x[i * k + j];
			colsum[j] += x[i * k + j];
		}
		rowsq += rs * rs;
		total += rs;
	}
	for (size_t j = 0; j < k; j++)
		colsq += colsum[j] * colsum[j];
	free(colsum);
	double kk = (double)k, den = kk * total - rowsq;
	if (den == 0)
		return "every row has the same answer in every column: Cochran's Q "
		       "is undefined";
	memset(res, 0, sizeof *res);
	res->statistic = (kk - 1) * (kk * colsq - total * total) / den;
	res->df = kk - 1;
	res->p = gsl_cdf_chisq_Q(res->statistic, res->df);
	res->effect = res->statistic / ((double)n * (kk - 1));
	res->u_min = NAN;
	return NULL;
}
