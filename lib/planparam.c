/* ttest, paired-ttest, wilcoxon and anova in test-hypothesis, and the
 * intervals of every effect size: see planparam.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "cols.h"
#include "effect.h"
#include "err.h"
#include "planparam.h"
#include "plantests.h"
#include "rank.h"
#include "signrank.h"
#include "ttest.h"

/* in tt_effect's order */
static const char *const effects[] = {"d", "g", "eta2", "omega2", NULL};

/* Bootstrap work above this many steps (resamples, and BCa's n jackknife
 * samples, times n times the statistic's cost per observation) is skipped
 * with a note: about a second's work at most. */
#define BOOT_MAX_WORK 2e8

void
planparam_init(plan_test *e)
{
	e->conf = 0.95;
	e->boot = 2000;
	e->boot_ci = BOOT_BCA;
	e->zero_method = SR_WILCOX;
	e->auto_rule = SR_RULE_R;
	e->df2 = NAN;
	e->ci_low = e->ci_high = NAN;
	e->ci_method = "";
}

int
planparam_option(plan_test *e, int id, const char *arg)
{
	switch (id) {
	case PLAN_OPT_MU:
		e->mu = plan_opt_double(e, arg, -1e300, 1e300, "--mu");
		e->mu_set = 1;
		break;
	case PLAN_OPT_EQUAL_VAR: e->equal_var = 1; break;
	case PLAN_OPT_ZERO_METHOD:
		e->zero_method = plan_opt_word(e, arg, sr_zero_methods, "--zero-method");
		e->zero_set = 1;
		break;
	case PLAN_OPT_AUTO_RULE:
		e->auto_rule = plan_opt_word(e, arg, sr_rules, "--auto-rule");
		e->rule_set = 1;
		break;
	case PLAN_OPT_EFFECT:
		e->effect_kind = plan_opt_word(e, arg, effects, "--effect");
		e->effect_set = 1;
		break;
	case PLAN_OPT_CONF:
		e->conf = plan_opt_double(e, arg, 0.5, 0.9999, "--conf");
		e->conf_set = 1;
		break;
	case PLAN_OPT_BOOT:
		e->boot = (int)plan_opt_long(e, arg, 0, 1000000, "--boot");
		e->boot_set = 1;
		break;
	case PLAN_OPT_BOOT_CI:
		e->boot_ci = plan_opt_word(e, arg, boot_types, "--boot-ci");
		e->boot_ci_set = 1;
		break;
	default: return 0;
	}
	return 1;
}

static int
is_ours(enum plan_kind k)
{
	return k == PLAN_TTEST || k == PLAN_PAIRED_TTEST || k == PLAN_WILCOXON ||
	       k == PLAN_ANOVA;
}

/* The options of these tests on another test, or on the wrong one of them. */
static void
check_applies(plan_test *e)
{
	const char *t = plan_test_names[e->test];
	enum plan_kind k = e->test;
	int indep = k == PLAN_TTEST && e->by;
	if (e->mu_set && k != PLAN_TTEST && k != PLAN_PAIRED_TTEST && k != PLAN_WILCOXON)
		plan_fail(e, 1, "--mu applies to ttest, paired-ttest and wilcoxon, not %s", t);
	if (e->equal_var && !indep && k != PLAN_ANOVA)
		plan_fail(e, 1, "--equal-var applies to ttest -g and anova, not %s", t);
	if ((e->zero_set || e->rule_set) && k != PLAN_WILCOXON && k != PLAN_PAIRWISE_WILCOXON)
		plan_fail(e, 1, "--zero-method and --auto-rule apply to wilcoxon and "
		          "pairwise-wilcoxon, not %s", t);
	if (e->effect_set) {
		int d = e->effect_kind == TT_COHENS_D || e->effect_kind == TT_HEDGES_G;
		if (d && k != PLAN_TTEST && k != PLAN_PAIRED_TTEST)
			plan_fail(e, 1, "--effect %s applies to ttest and paired-ttest, not %s",
			          effects[e->effect_kind], t);
		if (!d && k != PLAN_ANOVA)
			plan_fail(e, 1, "--effect %s applies to anova, not %s",
			          effects[e->effect_kind], t);
	}
	if ((e->boot_set || e->boot_ci_set) && k != PLAN_KRUSKAL && k != PLAN_FRIEDMAN)
		plan_fail(e, 1, "--boot and --boot-ci apply to kruskal and friedman (their "
		          "intervals are bootstrapped), not %s", t);
}

int
planparam_check(plan_test *e)
{
	check_applies(e);
	if (!is_ours(e->test)) {
		if (!e->effect_set)
			e->effect_kind = TT_COHENS_D;
		return 0;
	}
	const char *t = plan_test_names[e->test];
	if (!e->effect_set)
		e->effect_kind = e->test == PLAN_ANOVA ? TT_ETA2 : TT_COHENS_D;
	switch (e->test) {
	case PLAN_TTEST:
		if (e->nvars != 1 || (e->by && !e->groups) || (!e->by && (e->groups || !e->mu_set)))
			plan_fail(e, 1, "ttest takes -c VALUE -g GROUP --groups A,B, or -c X --mu M "
			          "(one sample)");
		break;
	case PLAN_PAIRED_TTEST:
		if (e->nvars != 2 || e->by)
			plan_fail(e, 1, "paired-ttest takes -c X,Y (the pairs' two columns)");
		break;
	case PLAN_WILCOXON:
		if (e->by || e->nvars < 1 || e->nvars > 2 || (e->nvars == 1 && !e->mu_set))
			plan_fail(e, 1, "wilcoxon takes -c X,Y (paired), or -c X --mu M (one sample)");
		break;
	case PLAN_ANOVA:
		if (e->nvars != 1 || !e->by)
			plan_fail(e, 1, "anova takes -c VALUE -g GROUP");
		break;
	default: break;
	}
	if (e->groups_set && e->test != PLAN_TTEST)
		plan_fail(e, 1, "--groups applies to mannwhitney and ttest, not %s", t);
	if (e->wide)
		plan_fail(e, 1, "--wide applies to kruskal, not %s", t);
	if (e->yates_set)
		plan_fail(e, 1, "--no-yates applies to chi2, not %s", t);
	if (e->alt_set && e->test == PLAN_ANOVA)
		plan_fail(e, 1, "--alternative does not apply to anova (F is one-tailed)");
	if ((e->method_set || e->continuity_set) && e->test != PLAN_WILCOXON)
		plan_fail(e, 1, "--method and --no-continuity apply to mannwhitney, mcnemar, "
		          "pairwise-mannwhitney, pairwise-wilcoxon and wilcoxon, not %s", t);
	if (e->max_levels_set && e->test != PLAN_ANOVA)
		plan_fail(e, 1, "--max-levels applies to chi2, kruskal and anova, not %s", t);
	if (e->groups) {
		size_t n;
		char **g = cols_split_list(e->groups, &n);
		int bad = n != 2 || !*g[0] || !*g[1] || levels_equal(g[0], g[1]);
		cols_free_list(g, n);
		if (bad)
			plan_fail(e, 1, "--groups '%s': give two different levels A,B", e->groups);
	}
	return 1;
}

/* ---- the runners ---- */

static char *
by_text(const plan_data *d, size_t v, size_t g)
{
	const char *a = plan_header(d, v), *b = plan_header(d, g);
	size_t len = strlen(a) + strlen(b) + 8;
	char *s = xmalloc(len);
	snprintf(s, len, "%s by %s", a, b);
	return s;
}

/* The interval RC (0: computed) of METHOD, or no interval and a note on
 * why: never an interval with a non-finite end. */
static void
take_interval(plan_test *e, int rc, const char *method, const char *why)
{
	if (rc == 0 && isfinite(e->ci_low) && isfinite(e->ci_high)) {
		e->ci_method = method;
		return;
	}
	e->ci_low = e->ci_high = NAN;
	e->ci_method = "";
	plan_note(e, "no %s interval: %s", method, why);
}

static void
set_d_interval(plan_test *e, const tt_dinfo *di)
{
	take_interval(e, ef_ci_d(di->t, di->df, di->hn, di->j, e->conf, &e->ci_low,
	                         &e->ci_high), "noncentral-t",
	              "no noncentrality gives the observed t at the quantiles");
}

/* ttest -c VALUE -g GROUP --groups A,B */
static void
run_independent(const plan_data *d, plan_test *e, const unsigned char *keep,
                size_t excluded)
{
	const plan_column *v = &d->col[e->vcol[0]], *g = &d->col[e->bycol];
	size_t ng;
	char **names = plan_scratch_keep(cols_split_list(e->groups, &ng));
	for (size_t j = 0; j < ng; j++)
		plan_scratch_keep(names[j]);
	int code[2] = {-1, -1};
	for (int j = 0; j < 2; j++) {
		size_t l = levels_find(&g->lv, names[j], strlen(names[j]));
		if (l != LEVELS_FULL)
			code[j] = (int)l;
	}
	double *xs[2];
	size_t sizes[2] = {0, 0}, missing = 0, other = 0;
	xs[0] = plan_scratch_alloc(d->nrows + 1, sizeof *xs[0]);
	xs[1] = plan_scratch_alloc(d->nrows + 1, sizeof *xs[1]);
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		if (isnan(v->num[i]) || g->code[i] < 0) {
			missing++;
			continue;
		}
		int j = g->code[i] == code[0] ? 0 : g->code[i] == code[1] ? 1 : -1;
		if (j < 0)
			other++;
		else
			xs[j][sizes[j]++] = v->num[i];
	}
	e->n = sizes[0] + sizes[1];
	plan_report_counts(d, e, missing, excluded, other);
	for (int j = 0; j < 2; j++)
		if (sizes[j] == 0)
			plan_no_group(d, e, keep, v, g, names[j]);
	int order[2] = {code[0], code[1]};
	plan_check_group_sizes(d, e, g, order, sizes, 2);
	tt_dinfo di;
	const char *why = tt_independent(xs[0], sizes[0], xs[1], sizes[1], e->mu,
	                                 e->equal_var, e->alt, e->effect_kind, &e->res, &di);
	if (why)
		plan_fail(e, 0, "%s", why);
	set_d_interval(e, &di);
	plan_group_text(d, e, g, order, sizes, 2);
	e->variables = by_text(d, v->idx, g->idx);
}

/* The differences X - Y - MU of the complete pairs (Y NULL: X - MU). */
static double *
differences(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded,
            size_t *n)
{
	const plan_column *x = &d->col[e->vcol[0]];
	const plan_column *y = e->nv > 1 ? &d->col[e->vcol[1]] : NULL;
	double *diff = plan_scratch_alloc(d->nrows + 1, sizeof *diff);
	size_t m = 0, missing = 0;
	for (size_t i = 0; i < d->nrows; i++) {
		if (!keep[i])
			continue;
		if (isnan(x->num[i]) || (y && isnan(y->num[i]))) {
			missing++;
			continue;
		}
		diff[m++] = x->num[i] - (y ? y->num[i] : 0) - e->mu;
	}
	e->n = m;
	plan_report_counts(d, e, missing, excluded, 0);
	*n = m;
	return diff;
}

static void
check_pair_columns(const plan_data *d, plan_test *e)
{
	size_t want = e->test == PLAN_PAIRED_TTEST || e->nvars == 2 ? 2 : 1;
	if (e->nv != want)
		plan_fail(e, 1, "%s takes %zu column%s, the names match %zu columns",
		          plan_test_names[e->test], want, want == 1 ? "" : "s", e->nv);
	(void)d;
}

/* ttest -c X --mu M, paired-ttest -c X,Y */
static void
run_t_one(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	check_pair_columns(d, e);
	size_t n;
	double *diff = differences(d, e, keep, excluded, &n);
	tt_dinfo di;
	const char *why = tt_one_sample(diff, n, 0, e->alt, e->effect_kind, &e->res, &di);
	if (why && e->test == PLAN_PAIRED_TTEST && n >= 2)
		plan_fail(e, 0, "%s", strstr(why, "equal") ? "all differences are equal: the t "
		          "statistic is undefined" : why);
	if (why && n < 2)
		plan_fail(e, 0, "%s (%zu value%s)", why, n, n == 1 ? "" : "s");
	if (why)
		plan_fail(e, 0, "%s", why);
	set_d_interval(e, &di);
	e->variables = plan_join_names(d, e, ",");
}

static void
run_wilcoxon(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	check_pair_columns(d, e);
	size_t n;
	double *diff = differences(d, e, keep, excluded, &n);
	sr_info info;
	const char *why = sr_wilcoxon(diff, n, (sr_zero_method)e->zero_method, e->method,
	                              (sr_rule)e->auto_rule, e->continuity, e->alt, &e->res,
	                              &info);
	if (why)
		plan_fail(e, 0, "%s", why);
	if (!e->res.exact && info.nnonzero < 10)
		plan_note(e, "%zu nonzero differences: the normal approximation may be poor",
		          info.nnonzero);
	if (e->res.exact && info.ntied)
		plan_warning(e, "the |differences| have ties; the exact p ignores them, as "
		             "scipy's does");
	if (info.nzero)
		plan_note(e, "%zu zero difference%s (--zero-method %s)", info.nzero,
		          info.nzero == 1 ? "" : "s", sr_zero_methods[e->zero_method]);
	take_interval(e, ef_ci_rank_biserial(e->res.effect, ef_rbs_se_paired(info.nnonzero),
	                                     e->conf, &e->ci_low, &e->ci_high),
	              "fisher-z", "no nonzero difference");
	e->variables = plan_join_names(d, e, ",");
}

static void
run_anova(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	const plan_column *v = &d->col[e->vcol[0]], *g = &d->col[e->bycol];
	unsigned char *pres = plan_scratch_alloc(g->lv.n + 1, 1);
	int *map = plan_scratch_alloc(g->lv.n + 1, sizeof *map), *order;
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
	size_t k = plan_present_levels(g, pres, map, &order);
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
	plan_check_group_sizes(d, e, g, order, sizes, k);
	if (!e->equal_var)
		for (size_t j = 0; j < k; j++) {
			double first = NAN;
			int constant = 1;
			for (size_t i = 0; i < n && constant; i++)
				if (grp[i] == j) {
					if (isnan(first))
						first = x[i];
					else if (x[i] != first)
						constant = 0;
				}
			if (constant)
				plan_fail(e, 0, "group '%s' of column '%s' is constant: Welch's weights "
				          "n/s^2 are undefined (--equal-var: the classical F)",
				          g->lv.value[order[j]], plan_header(d, g->idx));
		}
	tt_finfo fi;
	const char *why = tt_anova(x, grp, n, k, e->equal_var, e->effect_kind, &e->res,
	                           &e->df2, &fi);
	if (why)
		plan_fail(e, 0, "%s", why);
	take_interval(e, ef_ci_eta2(e->res.effect, fi.df1, fi.df2, e->conf, &e->ci_low,
	                            &e->ci_high),
	              "noncentral-f", "the noncentral F could not be inverted at this F");
	plan_group_text(d, e, g, order, sizes, k);
	e->variables = by_text(d, v->idx, g->idx);
}

void
planparam_run(const plan_data *d, plan_test *e, const unsigned char *keep, size_t excluded)
{
	switch (e->test) {
	case PLAN_TTEST:
		if (e->by)
			run_independent(d, e, keep, excluded);
		else
			run_t_one(d, e, keep, excluded);
		break;
	case PLAN_PAIRED_TTEST: run_t_one(d, e, keep, excluded); break;
	case PLAN_WILCOXON: run_wilcoxon(d, e, keep, excluded); break;
	case PLAN_ANOVA: run_anova(d, e, keep, excluded); break;
	default: break;
	}
}

void
planparam_names(const plan_test *e, const char **stat, const char **effect,
                const char **method, const char **alt)
{
	if (e->test >= PLAN_TTEST && e->test <= PLAN_ANOVA)
		*alt = e->test == PLAN_ANOVA ? "" : ht_alternative_name(e->alt);
	static char buf[64];
	int g = e->effect_kind == TT_HEDGES_G;
	switch (e->test) {
	case PLAN_TTEST:
		*stat = "t";
		*effect = g ? "hedges_g" : "cohens_d";
		*method = !e->by ? "one-sample" : e->equal_var ? "student" : "welch";
		break;
	case PLAN_PAIRED_TTEST:
		*stat = "t";
		*effect = g ? "hedges_gz" : "cohens_dz";
		*method = "paired";
		break;
	case PLAN_WILCOXON:
		*stat = "V";
		*effect = "rank_biserial";
		snprintf(buf, sizeof buf, "%s%s%s",
		         e->res.exact ? "exact" : e->res.corrected ? "asymptotic+continuity"
		                                                   : "asymptotic",
		         e->zero_method ? "+" : "",
		         e->zero_method ? sr_zero_methods[e->zero_method] : "");
		*method = buf;
		break;
	case PLAN_ANOVA:
		*stat = "F";
		*effect = e->effect_kind == TT_OMEGA2 ? "omega_squared" : "eta_squared";
		*method = e->equal_var ? "classical" : "welch";
		break;
	default: break;
	}
}

/* ---- the older tests' intervals ---- */

void
planparam_ci_correlation(plan_test *e, size_t n)
{
	int spearman = e->test == PLAN_SPEARMAN;
	take_interval(e, ef_ci_fisher_z(e->res.effect, n, spearman, e->conf, &e->ci_low,
	                                &e->ci_high),
	              spearman ? "fisher-z-bonett-wright" : "fisher-z",
	              "Fisher's z needs at least 4 pairs");
}

void
planparam_ci_chi2(plan_test *e, size_t n, size_t r, size_t c)
{
	/* the uncorrected chi-square, from V = sqrt(chi2 / (n m)) */
	double m = (double)(r < c ? r : c) - 1, dn = (double)n;
	double chi2 = e->res.effect * e->res.effect * dn * m;
	take_interval(e, ef_ci_cramers_v(chi2, dn, (double)((r - 1) * (c - 1)), m, e->conf,
	                                 &e->ci_low, &e->ci_high),
	              "noncentral-chi2", "the noncentral chi-square could not be inverted");
}

void
planparam_ci_mannwhitney(plan_test *e, size_t n1, size_t n2)
{
	take_interval(e, ef_ci_rank_biserial(e->res.effect, ef_rbs_se_two(n1, n2), e->conf,
	                                     &e->ci_low, &e->ci_high),
	              "fisher-z", "no standard error");
}

/* Kruskal-Wallis H / (n - 1) of a resample, strata = groups, in time
 * linear in n: the observations are sorted by value once (ORDER), and a
 * resample is its counts per observation, whose runs of equal values give
 * the average ranks without a sort. */
typedef struct {
	const double *x;	/* the values, group after group */
	const size_t *order;	/* observations by value */
	const size_t *group;	/* each observation's group */
	double *count, *rsum;	/* scratch: draws per observation, rank sums */
	size_t n, k;
} kw_ctx;

/* H / (n - 1) from the groups' rank sums RSUM (K, of SIZES), M values and
 * the tie term TIES (the sum of t^3 - t over the runs of equal values). */
static double
epsilon_from_sums(const double *rsum, const size_t *sizes, size_t k, size_t m, double ties)
{
	double dn = (double)m, h = 0;
	for (size_t j = 0; j < k; j++)
		h += rsum[j] * rsum[j] / (double)sizes[j];
	double tc = 1 - ties / (dn * dn * dn - dn);
	if (tc <= 0)
		return 0;	/* every value tied: no separation */
	h = (12 / (dn * (dn + 1)) * h - 3 * (dn + 1)) / tc;
	return h / (dn - 1);
}

/* The end of the run of equal values that starts at sorted position I, and
 * the start of the one that ends before E. */
static size_t
run_end(const kw_ctx *c, size_t i)
{
	size_t e = i + 1;
	while (e < c->n && c->x[c->order[e]] == c->x[c->order[i]])
		e++;
	return e;
}

static size_t
run_start(const kw_ctx *c, size_t e)
{
	size_t i = e - 1;
	while (i > 0 && c->x[c->order[i - 1]] == c->x[c->order[e - 1]])
		i--;
	return i;
}

static double
epsilon_squared(const size_t *idx, const size_t *sizes, size_t k, void *p)
{
	kw_ctx *c = p;
	size_t m = 0;
	for (size_t j = 0; j < k; j++) {
		m += sizes[j];
		c->rsum[j] = 0;
	}
	memset(c->count, 0, c->n * sizeof *c->count);
	for (size_t i = 0; i < m; i++)
		c->count[idx[i]]++;
	double below = 0, ties = 0;
	for (size_t i = 0; i < c->n;) {
		size_t e = i + 1;
		double t = c->count[c->order[i]];
		while (e < c->n && c->x[c->order[e]] == c->x[c->order[i]])
			t += c->count[c->order[e++]];
		double r = below + (t + 1) / 2;
		for (size_t q = i; q < e; q++)
			c->rsum[c->group[c->order[q]]] += r * c->count[c->order[q]];
		ties += t * t * t - t;
		below += t;
		i = e;
	}
	return epsilon_from_sums(c->rsum, sizes, k, m, ties);
}

/* The jackknife of group S in time O(n k): with one observation left out,
 * the others' ranks drop by 1 above its value and by 1/2 in its tie run, so
 * each group's rank sum and the tie term are updated, not recomputed. They
 * are sums of halves and whole numbers, exact in a double, so each value is
 * the one epsilon_squared computes, bit for bit. */
static void
epsilon_squared_jack(size_t s, const size_t *sizes, size_t k, void *p, double *th)
{
	kw_ctx *c = p;
	size_t n = c->n, start = 0;
	for (size_t j = 0; j < s; j++)
		start += sizes[j];
	double *above = xcalloc(k, sizeof *above), *inrun = xcalloc(k, sizeof *inrun);
	double *sums = xmalloc(k * sizeof *sums);
	size_t *sz = xmalloc(k * sizeof *sz);
	for (size_t j = 0; j < k; j++)
		sz[j] = sizes[j] - (j == s);
	/* the whole sample's rank sums and tie term */
	double ties = 0;
	for (size_t j = 0; j < k; j++)
		c->rsum[j] = 0;
	for (size_t i = 0; i < n;) {
		size_t e = run_end(c, i);
		double t = (double)(e - i), r = (double)i + (t + 1) / 2;
		for (size_t q = i; q < e; q++)
			c->rsum[c->group[c->order[q]]] += r;
		ties += t * t * t - t;
		i = e;
	}
	/* the runs from the largest value down */
	for (size_t e = n; e > 0;) {
		size_t i = run_start(c, e);
		double t = (double)(e - i), r = (double)i + (t + 1) / 2;
		for (size_t q = i; q < e; q++)
			inrun[c->group[c->order[q]]]++;
		double left = ties - (t * t * t - t) + ((t - 1) * (t - 1) * (t - 1) - (t - 1));
		for (size_t q = i; q < e; q++) {
			size_t o = c->order[q];
			if (c->group[o] != s)
				continue;
			for (size_t j = 0; j < k; j++)
				sums[j] = c->rsum[j] - above[j] - (inrun[j] - (j == s)) / 2 -
				          (j == s ? r : 0);
			th[o - start] = epsilon_from_sums(sums, sz, k, n - 1, left);
		}
		for (size_t q = i; q < e; q++) {
			size_t g = c->group[c->order[q]];
			above[g] += inrun[g];
			inrun[g] = 0;
		}
		e = i;
	}
	free(above);
	free(inrun);
	free(sums);
	free(sz);
}

/* Friedman chi2 / (n (k - 1)) of resampled rows: each row's ranks and tie
 * term computed once. */
typedef struct {
	const double *rank;	/* n x k, within rows */
	const double *ties;	/* per row */
	double *rs;		/* scratch: rank sums */
	size_t k;
} fr_ctx;

/* Kendall's W from the columns' rank sums RS (K) over N rows and the tie
 * term TIES. */
static double
w_from_sums(const double *rs, size_t k, size_t n, double ties)
{
	double dn = (double)n, dk = (double)k, ss = 0;
	for (size_t j = 0; j < k; j++)
		ss += rs[j] * rs[j];
	double c0 = 1 - ties / (dn * dk * (dk * dk - 1));
	if (c0 <= 0)
		return 0;	/* every row constant */
	double chi2 = (12 / (dn * dk * (dk + 1)) * ss - 3 * dn * (dk + 1)) / c0;
	return chi2 / (dn * (dk - 1));
}

static double
kendalls_w(const size_t *idx, const size_t *sizes, size_t nstrata, void *p)
{
	fr_ctx *c = p;
	size_t n = sizes[0], k = c->k;
	double ties = 0;
	(void)nstrata;
	for (size_t j = 0; j < k; j++)
		c->rs[j] = 0;
	for (size_t i = 0; i < n; i++) {
		const double *r = c->rank + idx[i] * k;
		for (size_t j = 0; j < k; j++)
			c->rs[j] += r[j];
		ties += c->ties[idx[i]];
	}
	return w_from_sums(c->rs, k, n, ties);
}

/* The jackknife of the rows in time O(n k): the rank sums and the tie term
 * less one row's (sums of halves and whole numbers, exact in a double: each
 * value is kendalls_w's, bit for bit). */
static void
kendalls_w_jack(size_t s, const size_t *sizes, size_t nstrata, void *p, double *th)
{
	fr_ctx *c = p;
	size_t n = sizes[0], k = c->k;
	(void)s;
	(void)nstrata;
	double *all = xcalloc(k, sizeof *all), ties = 0;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < k; j++)
			all[j] += c->rank[i * k + j];
		ties += c->ties[i];
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < k; j++)
			c->rs[j] = all[j] - c->rank[i * k + j];
		th[i] = w_from_sums(c->rs, k, n - 1, ties - c->ties[i]);
	}
	free(all);
}

/* ORDER[0..n) = 0..n-1 sorted by KEY (counting sort on the average ranks:
 * KEY holds ranks 1..n, ties sharing their mean). */
static void
sort_by(size_t *order, const double *key, size_t n)
{
	size_t *at = xcalloc(n + 2, sizeof *at);
	for (size_t i = 0; i < n; i++)
		at[(size_t)key[i]]++;	/* the floor of a rank: a bucket per tie run */
	for (size_t b = 1; b <= n + 1; b++)
		at[b] += at[b - 1];
	for (size_t i = n; i-- > 0;)
		order[--at[(size_t)key[i]]] = i;
	free(at);
}

/* The interval of statistic F over N observations (each evaluation costs
 * N * COST; JACK, BCa's jackknife, N * K), unless that is too much work:
 * then a note. */
static void
bootstrap(plan_test *e, boot_stat *f, boot_jack *jack, void *ctx, const size_t *sizes,
          size_t nstrata, size_t n, size_t cost, size_t k)
{
	if (e->boot == 0)
		return;
	/* the resamples, and BCa's jackknife: n leave-one-out values, each
	 * updated in K steps (not recomputed in N COST) */
	double work = (double)n * ((double)cost * (double)e->boot +
	                           (e->boot_ci == BOOT_BCA ? (double)k : 0));
	if (work > BOOT_MAX_WORK) {
		plan_note(e, "no bootstrap interval: n = %zu with %d resamples is too much work "
		          "(give a smaller --boot)", n, e->boot);
		return;
	}
	const char *why = boot_ci(f, jack, ctx, sizes, nstrata, (size_t)e->boot, plantests_seed,
	                          e->conf, (boot_type)e->boot_ci, &e->ci_low, &e->ci_high);
	take_interval(e, why ? -1 : 0,
	              e->boot_ci == BOOT_BCA ? "bootstrap-bca" : "bootstrap-percentile",
	              why ? why : "a resample's statistic is not finite");
}

void
planparam_ci_kruskal(plan_test *e, const double *x, const size_t *group, size_t n, size_t k)
{
	/* the values one group after the other, as the bootstrap's strata */
	double *v = plan_scratch_alloc(n + 1, sizeof *v);
	size_t *sizes = plan_scratch_alloc(k + 1, sizeof *sizes);
	size_t *start = plan_scratch_alloc(k + 1, sizeof *start);
	for (size_t i = 0; i < n; i++)
		sizes[group[i]]++;
	for (size_t j = 1; j < k; j++)
		start[j] = start[j - 1] + sizes[j - 1];
	size_t *grp = plan_scratch_alloc(n + 1, sizeof *grp);
	for (size_t i = 0; i < n; i++) {
		grp[start[group[i]]] = group[i];
		v[start[group[i]]++] = x[i];
	}
	/* the observations by value: the ranks of rank_average, sorted */
	double *r = plan_scratch_alloc(n + 1, sizeof *r);
	rank_average(v, n, r);
	size_t *order = plan_scratch_alloc(n + 1, sizeof *order);
	sort_by(order, r, n);
	kw_ctx c = {v, order, grp, plan_scratch_alloc(n + 1, sizeof *c.count),
	            plan_scratch_alloc(k + 1, sizeof *c.rsum), n, k};
	bootstrap(e, epsilon_squared, epsilon_squared_jack, &c, sizes, k, n, 1, k);
}

void
planparam_ci_friedman(plan_test *e, const double *x, size_t n, size_t k)
{
	double *rank = plan_scratch_alloc(n * k + 1, sizeof *rank);
	double *ties = plan_scratch_alloc(n + 1, sizeof *ties);
	for (size_t i = 0; i < n; i++)
		ties[i] = rank_average(x + i * k, k, rank + i * k);
	fr_ctx c = {rank, ties, plan_scratch_alloc(k, sizeof *c.rs), k};
	size_t sizes[1] = {n};
	bootstrap(e, kendalls_w, kendalls_w_jack, &c, sizes, 1, n, k, k);
}
