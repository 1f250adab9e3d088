/* The exact and post-hoc tests of test-hypothesis: see plantests.h. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effect.h"
#include "err.h"
#include "fisher.h"
#include "num.h"
#include "opt.h"
#include "plantests.h"
#include "posthoc.h"
#include "sbuf.h"
#include "signrank.h"

unsigned long plantests_seed = 1;

/* pairwise-wilcoxon's bound: k (k - 1) / 2 tests over every row, as dunn's
 * groups are bounded by --max-levels' default */
#define PAIRWISE_MAX_COLUMNS 1000

/* in ht_adjust_method's order, as bh-correct's -m */
static const char *const adjust_names[] = {"bh", "by", "holm", "bonferroni", "hochberg", NULL};

int
plantests_owns(enum plan_kind t)
{
	return t >= PLAN_FISHER && t <= PLAN_CHI2_CELLS;
}

int
plantests_pair(enum plan_kind t)
{
	return t == PLAN_FISHER || t == PLAN_MCNEMAR || t == PLAN_CHI2_CELLS;
}

int
plantests_categorical(enum plan_kind t)
{
	return t == PLAN_FISHER || t == PLAN_MCNEMAR || t == PLAN_COCHRAN ||
	       t == PLAN_CHI2_CELLS;
}

static int
posthoc(enum plan_kind t)
{
	return t == PLAN_DUNN || t == PLAN_PAIRWISE_MW || t == PLAN_PAIRWISE_WILCOXON ||
	       t == PLAN_CHI2_CELLS;
}

int
plantests_allows(enum plan_kind t, int opt)
{
	switch (opt) {
	case CLI_BY: return t == PLAN_DUNN || t == PLAN_PAIRWISE_MW;
	case CLI_METHOD:
		return t == PLAN_MCNEMAR || t == PLAN_PAIRWISE_MW || t == PLAN_PAIRWISE_WILCOXON;
	case PLAN_OPT_ALTERNATIVE:
		return t == PLAN_FISHER || t == PLAN_PAIRWISE_MW || t == PLAN_PAIRWISE_WILCOXON;
	default: return 0;
	}
}

int
plantests_option(plan_test *e, int id, const char *arg)
{
	if (id == PLAN_OPT_ADJUST) {
		if (strcmp(arg, "none") == 0) {
			e->adjust = -1;
			return 1;
		}
		int i = opt_choice(arg, adjust_names);
		if (i < 0)
			plan_fail(e, 1, "option '--adjust': '%s' is not one of: none, bh, by, "
			          "holm, bonferroni, hochberg", arg);
		e->adjust = i;
		return 1;
	}
	if (id == PLAN_OPT_SIMULATE) {
		char *end;
		unsigned long v = strtoul(arg, &end, 10);
		if (!(*arg >= '0' && *arg <= '9') || *end || v < 1 || v > 100000000)
			plan_fail(e, 1, "option '--simulate': '%s' is not a whole number from 1 "
			          "to 100000000", arg);
		e->simulate = v;
		return 1;
	}
	return 0;
}

void
plantests_check(plan_test *e)
{
	const char *t = plan_test_names[e->test];
	if (e->adjust >= 0 && !posthoc(e->test))
		plan_fail(e, 1, "--adjust applies to dunn, pairwise-mannwhitney, "
		          "pairwise-wilcoxon and chi2-residuals, not %s", t);
	if (e->simulate && e->test != PLAN_FISHER)
		plan_fail(e, 1, "--simulate applies to fisher, not %s", t);
	if (!plantests_owns(e->test))
		return;
	if (plantests_pair(e->test) && (e->nvars < 1 || e->nvars > 2))
		plan_fail(e, 1, "%s takes 2 columns, got %zu", t, e->nvars);
	if (e->test == PLAN_COCHRAN && e->nvars < 1)
		plan_fail(e, 1, "cochran takes 2 or more columns");
	if ((e->test == PLAN_DUNN || e->test == PLAN_PAIRWISE_MW) && (e->nvars != 1 || !e->by))
		plan_fail(e, 1, "%s takes -c VALUE -g GROUP", t);
	if (e->test == PLAN_PAIRWISE_WILCOXON && e->nvars < 1)
		plan_fail(e, 1, "pairwise-wilcoxon takes -c A,B[,...] (2 or more related columns)");
	if (e->simulate && e->alt_set)
		plan_fail(e, 1, "--alternative applies to the exact 2x2 test, not --simulate");
}

/* ---- the table of two categorical columns ---- */

typedef struct {
	double *t;		/* R x C counts, row-major */
	size_t r, c, n;
	int *oa, *ob;		/* the levels present, in order */
} table2;

/* The table of E's two columns over the rows KEEP (scratch). */
static void
count_table(const plan_data *d, const plan_test *e, const unsigned char *keep,
            size_t excluded, table2 *tb)
{
	const plan_column *a = &d->col[e->vcol[0]], *b = &d->col[e->vcol[1]];
	unsigned char *pa = plan_scratch_alloc(a->lv.n + 1, 1);
	unsigned char *pb = plan_scratch_alloc(b->lv.n + 1, 1);
	size_t n = 0, missing = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		if (a->code[i] < 0 || b->code[i] < 0) {
			missing++;
			continue;
		}
		pa[a->code[i]] = pb[b->code[i]] = 1;
		n++;
	}
	plan_test *me = (plan_test *)e;
	me->n = n;
	plan_report_counts(d, e, missing, excluded, 0);
	int *ma = plan_scratch_alloc(a->lv.n + 1, sizeof *ma);
	int *mb = plan_scratch_alloc(b->lv.n + 1, sizeof *mb);
	tb->r = plan_present_levels(a, pa, ma, &tb->oa);
	tb->c = plan_present_levels(b, pb, mb, &tb->ob);
	plan_check_levels(d, e, a, tb->r);
	plan_check_levels(d, e, b, tb->c);
	if (tb->r < 2 || tb->c < 2) {
		const plan_column *one = tb->r < 2 ? a : b;
		size_t k = tb->r < 2 ? tb->r : tb->c;
		plan_fail(e, 0, "column '%s' has %s among the rows used: the table has an "
		          "empty margin (each column needs at least 2 levels)",
		          plan_header(d, one->idx), k ? "one value" : "no value");
	}
	tb->n = n;
	tb->t = plan_scratch_alloc(tb->r * tb->c, sizeof *tb->t);
	for (size_t i = 0; i < d->nrows; i++)
		if (keep[i] && a->code[i] >= 0 && b->code[i] >= 0)
			tb->t[(size_t)ma[a->code[i]] * tb->c + (size_t)mb[b->code[i]]]++;
}

static void
set_dims(plan_test *e, size_t r, size_t c)
{
	char dims[64];
	snprintf(dims, sizeof dims, "%zux%zu", r, c);
	free(e->group_names);
	e->group_names = xstrdup(dims);
}

static void
run_fisher(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	table2 tb;
	count_table(d, e, keep, excluded, &tb);
	const char *why;
	if (e->simulate) {
		why = fisher_simulate(tb.t, tb.r, tb.c, e->simulate, plantests_seed, &e->res);
		plan_note(e, "p from %lu random tables with the table's margins (seed %lu)",
		          e->simulate, plantests_seed);
	} else if (tb.r == 2 && tb.c == 2) {
		double or, ci[2];
		why = fisher_2x2(tb.t, e->alt, e->conf, &or, ci, &e->res);
		if (!why) {
			char v[3][NUM_BUFSIZE];
			plan_note(e, "odds ratio %s, %g%% CI %s to %s (conditional maximum "
			          "likelihood; exact interval, as R's fisher.test)", num_format(v[0], or),
			          100 * e->conf, num_format(v[1], ci[0]), num_format(v[2], ci[1]));
			if (isfinite(ci[0]) && isfinite(ci[1])) {	/* the columns' */
				e->ci_low = ci[0];
				e->ci_high = ci[1];
				e->ci_method = "fisher-exact";
			}
			if (isinf(or)) {
				plan_warning(e, "the odds ratio is infinite (a cell of 0): effect_size "
				             "left empty");
				e->res.effect = NAN;
			}
		}
	} else {
		if (e->alt_set)
			plan_fail(e, 1, "--alternative applies to a 2x2 table; this one is %zux%zu",
			          tb.r, tb.c);
		why = fisher_rxc(tb.t, tb.r, tb.c, &e->res);
	}
	if (why)
		plan_fail(e, 0, "%s", why);
	e->res.statistic = NAN;
	e->effect_missing = 1;
	e->variables = plan_join_names(d, e, ",");
	set_dims(e, tb.r, tb.c);
}

/* The two values of binary columns COLS (NC of them) among the rows KEEP
 * with every column present, in levels' order, into LV (sorted, 2 levels);
 * anything else is an error. */
static void
binary_levels(const plan_data *d, const plan_test *e, const unsigned char *keep,
              const size_t *cols, size_t nc, levels *lv)
{
	levels_init(lv, 2);
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		int complete = 1;
		for (size_t j = 0; j < nc; j++)
			complete &= d->col[cols[j]].code[i] >= 0;
		for (size_t j = 0; j < nc && complete; j++) {
			const plan_column *c = &d->col[cols[j]];
			const char *s = c->lv.value[c->code[i]];
			if (levels_add(lv, s, strlen(s), 1) == LEVELS_FULL) {
				char *list = plan_scratch_keep(levels_quoted(lv, NULL, 2));
				levels_free(lv);
				plan_fail(e, 0, "%s needs binary columns with the same two values; "
				          "the columns hold %s and '%s'", plan_test_names[e->test],
				          list, s);
			}
		}
	}
	if (lv->n < 2) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", lv->n ? lv->value[0] : "");
		int none = lv->n == 0;
		levels_free(lv);
		if (none)
			plan_fail(e, 0, "no row has every column present");
		plan_fail(e, 0, "every answer is '%s': %s needs two values", msg,
		          plan_test_names[e->test]);
	}
	levels_sort(lv, NULL);
}

/* The index (0 or 1) of column C's value in row I among LV. */
static size_t
binary_code(const plan_column *c, size_t i, const levels *lv)
{
	const char *s = c->lv.value[c->code[i]];
	return levels_find(lv, s, strlen(s));
}

static void
run_mcnemar(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	levels lv;
	binary_levels(d, e, keep, e->vcol, 2, &lv);
	const plan_column *a = &d->col[e->vcol[0]], *b = &d->col[e->vcol[1]];
	double t[4] = {0, 0, 0, 0};
	size_t missing = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		if (a->code[i] < 0 || b->code[i] < 0) {
			missing++;
			continue;
		}
		t[binary_code(a, i, &lv) * 2 + binary_code(b, i, &lv)]++;
		e->n++;
	}
	plan_report_counts(d, e, missing, excluded, 0);
	char names[512];
	snprintf(names, sizeof names, "%s,%s", lv.value[0], lv.value[1]);
	levels_free(&lv);
	const char *why = mcnemar(t, e->method != HT_ASYMPTOTIC, e->continuity, &e->res);
	if (why)
		plan_fail(e, 0, "%s", why);
	e->variables = plan_join_names(d, e, ",");
	e->group_names = xstrdup(names);
	char sizes[128];
	snprintf(sizes, sizeof sizes, "%.0f,%.0f", t[1], t[2]);
	e->group_sizes = xstrdup(sizes);
}

static void
run_cochran(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	levels lv;
	binary_levels(d, e, keep, e->vcol, e->nv, &lv);
	size_t k = e->nv, n = 0, missing = 0;
	unsigned char *x = plan_scratch_alloc(d->nrows * k + 1, 1);
	size_t *succ = plan_scratch_alloc(k, sizeof *succ);
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		int complete = 1;
		for (size_t j = 0; j < k; j++)
			complete &= d->col[e->vcol[j]].code[i] >= 0;
		if (!complete) {
			missing++;
			continue;
		}
		for (size_t j = 0; j < k; j++) {
			x[n * k + j] = (unsigned char)binary_code(&d->col[e->vcol[j]], i, &lv);
			succ[j] += x[n * k + j];
		}
		n++;
	}
	e->n = n;
	plan_report_counts(d, e, missing, excluded, 0);
	sbuf counts = {0};
	for (size_t j = 0; j < k; j++) {
		char num[32];
		snprintf(num, sizeof num, "%s%zu", j ? "," : "", succ[j]);
		sbuf_add(&counts, num);
	}
	char success[256];
	snprintf(success, sizeof success, "%s", lv.value[1]);
	levels_free(&lv);
	const char *why = cochran_q(x, n, k, &e->res);
	if (why)
		plan_fail(e, 0, "%s", why);
	e->variables = plan_join_names(d, e, ",");
	e->group_names = xstrdup(success);
	e->group_sizes = sbuf_take(&counts);
}

/* ---- post-hoc families ---- */

/* The values of E's -c column by the groups of -g (as kruskal's): X, GROUP
 * (0..K-1 in level order), SIZES, ORDER; returns K. */
static size_t
grouped_values(const plan_data *d, plan_test *e, const unsigned char *keep,
               size_t excluded, double **xp, size_t **gp, size_t **sp, int **order)
{
	const plan_column *v = &d->col[e->vcol[0]], *g = &d->col[e->bycol];
	unsigned char *pres = plan_scratch_alloc(g->lv.n + 1, 1);
	int *map = plan_scratch_alloc(g->lv.n + 1, sizeof *map);
	double *x = plan_scratch_alloc(d->nrows + 1, sizeof *x);
	size_t *grp = plan_scratch_alloc(d->nrows + 1, sizeof *grp), n = 0, missing = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		if (isnan(v->num[i]) || g->code[i] < 0) {
			missing++;
			continue;
		}
		pres[g->code[i]] = 1;
		x[n] = v->num[i];
		grp[n++] = (size_t)g->code[i];
	}
	size_t k = plan_present_levels(g, pres, map, order);
	plan_check_levels(d, e, g, k);
	size_t *sizes = plan_scratch_alloc(k + 1, sizeof *sizes);
	for (size_t i = 0; i < n; i++) {
		grp[i] = (size_t)map[grp[i]];
		sizes[grp[i]]++;
	}
	e->n = n;
	plan_report_counts(d, e, missing, excluded, 0);
	if (k < 2)
		plan_fail(e, 0, "column '%s' has %zu group%s; the test needs at least 2",
		          plan_header(d, g->idx), k, k == 1 ? "" : "s");
	plan_check_group_sizes(d, e, g, *order, sizes, k);
	size_t len = strlen(plan_header(d, v->idx)) + strlen(plan_header(d, g->idx)) + 8;
	e->variables = xmalloc(len);
	snprintf(e->variables, len, "%s by %s", plan_header(d, v->idx),
	         plan_header(d, g->idx));
	*xp = x;
	*gp = grp;
	*sp = sizes;
	return k;
}

/* Row P of E: the pair of groups (or a cell) NAME_A, NAME_B with sizes. */
static plan_row *
add_row(plan_test *e, const char *na, const char *nb, size_t sa, size_t sb, int sizes)
{
	plan_row *r = &e->rows[e->nrows++];
	memset(r, 0, sizeof *r);
	size_t len = strlen(na) + strlen(nb) + 2;
	r->groups = xmalloc(len);
	snprintf(r->groups, len, "%s,%s", na, nb);
	char num[64] = "";
	if (sizes)
		snprintf(num, sizeof num, "%zu,%zu", sa, sb);
	r->group_sizes = xstrdup(num);
	r->n = sa + sb;
	r->u_min = NAN;
	r->effect = NAN;
	r->ci_low = r->ci_high = NAN;
	return r;
}

/* Row R's rank-biserial r with its Fisher-z interval of standard error SE,
 * as the single mannwhitney and wilcoxon rows have it (lib/effect); none
 * where the interval is not finite. */
static void
set_rank_biserial(const plan_test *e, plan_row *r, double effect, double se)
{
	r->effect = effect;
	double lo, hi;
	if (ef_ci_rank_biserial(effect, se, e->conf, &lo, &hi) == 0 && isfinite(lo) &&
	    isfinite(hi)) {
		r->ci_low = lo;
		r->ci_high = hi;
	}
}

static void
run_dunn(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	double *x;
	size_t *grp, *sizes;
	int *order;
	size_t k = grouped_values(d, e, keep, excluded, &x, &grp, &sizes, &order);
	const plan_column *g = &d->col[e->bycol];
	size_t m = posthoc_npairs(k);
	double *z = plan_scratch_alloc(m, sizeof *z), *p = plan_scratch_alloc(m, sizeof *p);
	const char *why = posthoc_dunn(x, grp, sizes, e->n, k, z, p);
	if (why)
		plan_fail(e, 0, "%s", why);
	e->rows = xcalloc(m, sizeof *e->rows);
	for (size_t i = 0, at = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++, at++) {
			plan_row *r = add_row(e, g->lv.value[order[i]], g->lv.value[order[j]],
			                      sizes[i], sizes[j], 1);
			r->statistic = z[at];
			r->p = p[at];
		}
}

static void
run_pairwise_mw(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	double *x;
	size_t *grp, *sizes;
	int *order;
	size_t k = grouped_values(d, e, keep, excluded, &x, &grp, &sizes, &order);
	const plan_column *g = &d->col[e->bycol];
	double **xs = plan_scratch_alloc(k, sizeof *xs);
	size_t *at = plan_scratch_alloc(k, sizeof *at);
	for (size_t j = 0; j < k; j++)
		xs[j] = plan_scratch_alloc(sizes[j], sizeof *xs[j]);
	for (size_t i = 0; i < e->n; i++)
		xs[grp[i]][at[grp[i]]++] = x[i];
	e->rows = xcalloc(posthoc_npairs(k), sizeof *e->rows);
	int fallback = 0, ties = 0;
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++) {
			ht_result res;
			const char *why = ht_mannwhitney(xs[i], sizes[i], xs[j], sizes[j], e->alt,
			                                 e->method, e->continuity, &res);
			if (why)
				plan_fail(e, 0, "groups '%s' and '%s': %s", g->lv.value[order[i]],
				          g->lv.value[order[j]], why);
			plan_row *r = add_row(e, g->lv.value[order[i]], g->lv.value[order[j]],
			                      sizes[i], sizes[j], 1);
			r->statistic = res.statistic;
			r->u_min = res.u_min;
			r->p = res.p;
			set_rank_biserial(e, r, res.effect, ef_rbs_se_two(sizes[i], sizes[j]));
			r->exact = res.exact;
			r->corrected = res.corrected;
			fallback |= res.exact_fallback;
			ties |= res.exact_with_ties;
		}
	if (fallback)
		plan_note(e, "a pair has n1 * n2 above %d: normal approximation used there",
		          HT_EXACT_MAX_CELLS);
	if (ties)
		plan_warning(e, "the data have ties; the exact p ignores them, as scipy's does");
}

/* The rows with every one of E's columns present (friedman's): N x K
 * values, row-major (scratch). */
static double *
complete_rows(const plan_data *d, plan_test *e, const unsigned char *keep,
              size_t excluded, size_t *np)
{
	size_t k = e->nv, n = 0, missing = 0;
	double *x = plan_scratch_alloc(d->nrows * k + 1, sizeof *x);
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		int complete = 1;
		for (size_t j = 0; j < k; j++)
			complete &= !isnan(d->col[e->vcol[j]].num[i]);
		if (!complete) {
			missing++;
			continue;
		}
		for (size_t j = 0; j < k; j++)
			x[n * k + j] = d->col[e->vcol[j]].num[i];
		n++;
	}
	e->n = n;
	plan_report_counts(d, e, missing, excluded, 0);
	if (n == 0)
		plan_fail(e, 0, "no row has every column present");
	*np = n;
	return x;
}

/* The notes of a pairwise-wilcoxon family, said once for it: FEWEST
 * nonzero differences of a pair the normal approximation tested, TIES in an
 * exact pair, the zero differences of each pair (NZERO, in the rows' order). */
static void
wilcoxon_notes(const plan_test *e, size_t fewest, int ties, const size_t *nzero)
{
	if (fewest < 10)
		plan_note(e, "a pair has %zu nonzero differences: the normal approximation may "
		          "be poor", fewest);
	if (ties)
		plan_warning(e, "the |differences| have ties; the exact p ignores them, as "
		             "scipy's does");
	size_t total = 0, pairs = 0;
	sbuf b = {0};
	for (size_t r = 0; r < e->nrows; r++) {
		if (!nzero[r])
			continue;
		total += nzero[r];
		if (++pairs <= 5)
			sbuf_addf(&b, "%s%s %zu", pairs > 1 ? ", " : "", e->rows[r].groups, nzero[r]);
	}
	char *list = plan_scratch_keep(sbuf_take(&b));
	if (pairs)
		plan_note(e, "%zu zero difference%s in %zu pair%s (%s%s; --zero-method %s)", total,
		          total == 1 ? "" : "s", pairs, pairs == 1 ? "" : "s", list,
		          pairs > 5 ? ", ..." : "", sr_zero_methods[e->zero_method]);
}

/* pairwise-wilcoxon -c A,B,C: the signed-rank test of A_i - A_j for every
 * pair i < j of columns, over the rows with every column present. */
static void
run_pairwise_wilcoxon(const plan_data *d, plan_test *e, const unsigned char *keep,
                      size_t excluded)
{
	size_t n, k = e->nv;
	if (k > PAIRWISE_MAX_COLUMNS)
		plan_fail(e, 1, "pairwise-wilcoxon: the names match %zu columns, %zu pairs; at "
		          "most %d columns", k, posthoc_npairs(k), PAIRWISE_MAX_COLUMNS);
	double *x = complete_rows(d, e, keep, excluded, &n);
	double *diff = plan_scratch_alloc(n, sizeof *diff);
	e->rows = xcalloc(posthoc_npairs(k), sizeof *e->rows);
	size_t *nzero = plan_scratch_alloc(posthoc_npairs(k), sizeof *nzero), fewest = SIZE_MAX;
	int ties = 0;
	for (size_t i = 0; i < k; i++)
		for (size_t j = i + 1; j < k; j++) {
			const char *a = plan_header(d, d->col[e->vcol[i]].idx);
			const char *b = plan_header(d, d->col[e->vcol[j]].idx);
			for (size_t r = 0; r < n; r++)
				diff[r] = x[r * k + i] - x[r * k + j];
			ht_result res;
			sr_info info;
			const char *why = sr_wilcoxon(diff, n, (sr_zero_method)e->zero_method,
			                              e->method, (sr_rule)e->auto_rule, e->continuity,
			                              e->alt, &res, &info);
			if (why && info.nzero == n)
				plan_fail(e, 0, "columns '%s' and '%s' are equal on every row used: %s",
				          a, b, why);
			if (why)
				plan_fail(e, 0, "columns '%s' and '%s': %s", a, b, why);
			plan_row *row = add_row(e, a, b, 0, 0, 0);
			row->n = n;
			row->statistic = res.statistic;
			row->p = res.p;
			set_rank_biserial(e, row, res.effect, ef_rbs_se_paired(info.nnonzero));
			row->exact = res.exact;
			row->corrected = res.corrected;
			if (!res.exact && info.nnonzero < fewest)
				fewest = info.nnonzero;
			ties |= res.exact && info.ntied;
			nzero[e->nrows - 1] = info.nzero;
		}
	wilcoxon_notes(e, fewest, ties, nzero);
	e->variables = plan_join_names(d, e, ",");
}

static void
run_chi2_cells(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	table2 tb;
	count_table(d, e, keep, excluded, &tb);
	const plan_column *a = &d->col[e->vcol[0]], *b = &d->col[e->vcol[1]];
	size_t m = tb.r * tb.c;
	double *z = plan_scratch_alloc(m, sizeof *z), *p = plan_scratch_alloc(m, sizeof *p);
	posthoc_cell_residuals(tb.t, tb.r, tb.c, z, p);
	e->rows = xcalloc(m, sizeof *e->rows);
	for (size_t i = 0; i < tb.r; i++)
		for (size_t j = 0; j < tb.c; j++) {
			plan_row *r = add_row(e, a->lv.value[tb.oa[i]], b->lv.value[tb.ob[j]], 0, 0, 0);
			char num[32];
			snprintf(num, sizeof num, "%.0f", tb.t[i * tb.c + j]);
			free(r->group_sizes);
			r->group_sizes = xstrdup(num);
			r->n = (size_t)tb.t[i * tb.c + j];
			r->statistic = z[i * tb.c + j];
			r->p = p[i * tb.c + j];
		}
	e->variables = plan_join_names(d, e, ",");
}

void
plantests_run(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	switch (e->test) {
	case PLAN_FISHER: run_fisher(d, e, keep, excluded); break;
	case PLAN_MCNEMAR: run_mcnemar(d, e, keep, excluded); break;
	case PLAN_COCHRAN: run_cochran(d, e, keep, excluded); break;
	case PLAN_DUNN: run_dunn(d, e, keep, excluded); break;
	case PLAN_PAIRWISE_MW: run_pairwise_mw(d, e, keep, excluded); break;
	case PLAN_PAIRWISE_WILCOXON: run_pairwise_wilcoxon(d, e, keep, excluded); break;
	case PLAN_CHI2_CELLS: run_chi2_cells(d, e, keep, excluded); break;
	default: return;
	}
	if (e->nrows && e->adjust >= 0) {
		double *p = plan_scratch_alloc(e->nrows, sizeof *p);
		for (size_t k = 0; k < e->nrows; k++)
			p[k] = e->rows[k].p;
		ht_adjust(p, e->nrows, (ht_adjust_method)e->adjust, 0.05, p, NULL);
		for (size_t k = 0; k < e->nrows; k++)
			e->rows[k].p = p[k];
	}
	e->res.u_min = NAN;
	if (e->nrows)	/* the family's rows carry the numbers */
		e->res.statistic = e->res.p = e->res.effect = e->res.df = NAN;
}

int
plantests_finite(const plan_test *e)
{
	for (size_t k = 0; k < e->nrows; k++) {
		const plan_row *r = &e->rows[k];
		if (!isfinite(r->statistic) || !isfinite(r->p) || isinf(r->effect) ||
		    isinf(r->u_min))
			return 0;
	}
	if (e->nrows)
		return 1;
	const ht_result *s = &e->res;
	return !isinf(s->statistic) && isfinite(s->p) && !isinf(s->effect) && !isinf(s->df) &&
	       (isfinite(s->statistic) || e->test == PLAN_FISHER) &&
	       (isfinite(s->effect) || e->effect_missing);
}

/* ---- output ---- */

static const char *
method_name(const plan_test *e, int exact, int corrected, char *buf, size_t size)
{
	const char *m = "";
	switch (e->test) {
	case PLAN_FISHER: m = e->simulate ? "simulated" : "exact"; break;
	case PLAN_MCNEMAR: m = exact ? "exact" : corrected ? "asymptotic+continuity"
	                                                   : "asymptotic"; break;
	case PLAN_COCHRAN: m = "asymptotic"; break;
	case PLAN_DUNN:
	case PLAN_CHI2_CELLS: m = "normal"; break;
	case PLAN_PAIRWISE_MW:
	case PLAN_PAIRWISE_WILCOXON:
		m = exact ? "exact" : corrected ? "asymptotic+continuity" : "asymptotic";
		break;
	default: break;
	}
	/* wilcoxon's: the zero method, unless the default */
	int zm = e->test == PLAN_PAIRWISE_WILCOXON && e->zero_method != SR_WILCOX;
	snprintf(buf, size, "%s%s%s%s%s", m, zm ? "+" : "", zm ? sr_zero_methods[e->zero_method] : "",
	         e->adjust >= 0 ? "+" : "", e->adjust >= 0 ? adjust_names[e->adjust] : "");
	return buf;
}

static const char *const stat_names[] = {
	[PLAN_FISHER] = "", [PLAN_MCNEMAR] = "chi2", [PLAN_COCHRAN] = "Q",
	[PLAN_DUNN] = "z", [PLAN_PAIRWISE_MW] = "U", [PLAN_PAIRWISE_WILCOXON] = "V",
	[PLAN_CHI2_CELLS] = "z_adjusted",
};

static const char *const effect_names[] = {
	[PLAN_FISHER] = "odds_ratio", [PLAN_MCNEMAR] = "cohens_g",
	[PLAN_COCHRAN] = "eta_squared_q", [PLAN_DUNN] = "", [PLAN_PAIRWISE_MW] = "rank_biserial",
	[PLAN_PAIRWISE_WILCOXON] = "rank_biserial", [PLAN_CHI2_CELLS] = "",
};

/* The family of a post-hoc row: --family, else the id, else the test and
 * its variables; so bh-correct and report adjust the pairs on their own. */
static void
write_family(tsv_writer *w, const plan_test *e)
{
	if (*e->family || !e->nrows) {
		tsvw_str(w, e->family);
		return;
	}
	if (*e->id) {
		tsvw_str(w, e->id);
		return;
	}
	sbuf b = {0};
	sbuf_add(&b, plan_test_names[e->test]);
	sbuf_add(&b, " ");
	sbuf_add(&b, e->variables);
	char *s = sbuf_take(&b);
	tsvw_str(w, s);
	free(s);
}

/* One output row: R, a family's row or the one row of a test (its df DF,
 * its interval E's), with its statistic's name and its method. */
static void
write_row(tsv_writer *w, const plan_test *e, const plan_row *r, double df,
          const char *stat_name, const char *method)
{
	int alt = plantests_allows(e->test, PLAN_OPT_ALTERNATIVE);
	tsvw_str(w, e->id);
	write_family(w, e);
	tsvw_str(w, plan_test_names[e->test]);
	tsvw_str(w, e->variables);
	tsvw_str(w, e->where_text);
	tsvw_int(w, (long long)r->n);
	tsvw_str(w, r->groups ? r->groups : "");
	tsvw_str(w, r->group_sizes ? r->group_sizes : "");
	tsvw_num_or_missing(w, df);
	tsvw_num_or_missing(w, r->statistic);
	tsvw_str(w, stat_name);
	tsvw_num_or_missing(w, r->u_min);
	tsvw_num_or_missing(w, r->p);
	tsvw_str(w, alt ? ht_alternative_name(e->alt) : e->nrows ? "two-sided" : "");
	tsvw_str(w, method);
	tsvw_num_or_missing(w, r->effect);
	tsvw_str(w, isnan(r->effect) ? "" : effect_names[e->test]);
	/* df2 and the effect's interval (lib/planparam's columns): fisher's
	 * 2x2 has its odds ratio's; a family's rank-biserial r its Fisher-z
	 * interval, as the one-pair tests have it */
	int ci = !isnan(r->ci_low);
	tsvw_num_or_missing(w, NAN);
	tsvw_num_or_missing(w, r->ci_low);
	tsvw_num_or_missing(w, r->ci_high);
	tsvw_num_or_missing(w, ci ? e->conf : NAN);
	tsvw_str(w, !ci ? "" : e->nrows ? "fisher-z" : e->ci_method);
	tsvw_end(w);
}

int
plantests_print(tsv_writer *w, const plan_test *e)
{
	if (!plantests_owns(e->test))
		return 0;
	char method[64];
	const char *sname = stat_names[e->test];
	if (e->test == PLAN_MCNEMAR && e->res.exact)
		sname = "min_bc";
	if (!e->nrows) {
		int ci = *e->ci_method;
		plan_row one = {
			.groups = e->group_names, .group_sizes = e->group_sizes, .n = e->n,
			.statistic = e->res.statistic, .u_min = NAN, .p = e->res.p,
			.effect = e->res.effect, .ci_low = ci ? e->ci_low : NAN,
			.ci_high = ci ? e->ci_high : NAN,
		};
		write_row(w, e, &one, e->res.df, sname,
		          method_name(e, e->res.exact, e->res.corrected, method, sizeof method));
		return 1;
	}
	for (size_t k = 0; k < e->nrows; k++) {
		const plan_row *r = &e->rows[k];
		write_row(w, e, r, NAN, sname,
		          method_name(e, r->exact, r->corrected, method, sizeof method));
	}
	return 1;
}

void
plantests_free(plan_test *e)
{
	for (size_t k = 0; k < e->nrows; k++) {
		free(e->rows[k].groups);
		free(e->rows[k].group_sizes);
	}
	free(e->rows);
	e->rows = NULL;
	e->nrows = 0;
}
