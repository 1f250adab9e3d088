/* test-hypothesis: run one hypothesis test, or every test of a plan, over one
 * read of a TSV, and print one row per test. The plan, the columns and the
 * row filters are lib/plan's; the tests lib/htest's. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "htest.h"
#include "num.h"
#include "opt.h"
#include "plan.h"
#include "planparam.h"
#include "plantests.h"
#include "sbuf.h"
#include "tsv.h"

static const cli_tool tool = {
	.name = "test-hypothesis",
	.synopsis = "TEST -c COLUMNS [OPTION]... [FILE]\n"
	            "   or: svy-test-hypothesis --plan PLAN [OPTION]... [FILE]",
	.about = "Run a hypothesis test over the columns of a TSV (FILE or standard input)\n"
	         "and print one TSV row with the test's n, group sizes, df, statistic, p and\n"
	         "effect size. TEST, the first word, is one of (as scipy.stats computes them):\n"
	         "  spearman -c X,Y             Spearman's rho; df = n-2, p from Student's t\n"
	         "  pearson -c X,Y              Pearson's r; df = n-2, p from Student's t\n"
	         "  chi2 -c A,B                 chi-square test of independence of two\n"
	         "                              categorical columns; effect: Cramer's V\n"
	         "  kruskal -c VALUE -g GROUP   Kruskal-Wallis H, tie-corrected; effect:\n"
	         "  kruskal --wide -c COL,...   epsilon squared H/(n-1); --wide: each\n"
	         "                              column is a group\n"
	         "  mannwhitney -c VALUE -g GROUP --groups A,B\n"
	         "                              Mann-Whitney U of group A (scipy >= 1.7),\n"
	         "                              also the smaller U; effect: rank-biserial\n"
	         "                              correlation 2U/(n1 n2) - 1\n"
	         "  friedman -c COL,...         Friedman chi-square over 3 or more columns\n"
	         "                              (complete rows); effect: Kendall's W\n"
	         "  fisher -c A,B               Fisher's exact test (as R's fisher.test);\n"
	         "                              2x2: conditional odds ratio and its CI\n"
	         "  mcnemar -c A,B              McNemar's test of two paired binary columns\n"
	         "  cochran -c COL,...          Cochran's Q of related binary columns\n"
	         "  dunn -c VALUE -g GROUP      post-hoc: Dunn's z of every pair of groups\n"
	         "  pairwise-mannwhitney -c VALUE -g GROUP\n"
	         "                              post-hoc: Mann-Whitney U of every pair\n"
	         "  pairwise-wilcoxon -c COL,...\n"
	         "                              post-hoc: signed-rank V of every pair\n"
	         "  chi2-residuals -c A,B       post-hoc: adjusted standardised residual of\n"
	         "                              every cell; post-hoc: a row per pair (cell)\n"
	         "  ttest -c VALUE -g GROUP --groups A,B, or ttest -c X --mu M\n"
	         "                              Welch's t (--equal-var: Student's), or one\n"
	         "                              sample; effect: Cohen's d (--effect g)\n"
	         "  paired-ttest -c X,Y         paired t; effect: Cohen's d_z\n"
	         "  wilcoxon -c X,Y, or wilcoxon -c X --mu M\n"
	         "                              signed-rank V; effect: rank-biserial r\n"
	         "  anova -c VALUE -g GROUP     Welch's F (--equal-var: classical); effect:\n"
	         "                              eta squared (--effect omega2)\n"
	         "Every effect size has a --conf interval (man page).\n"
	         "Columns are names or shell globs (known_attack_*).",
	.epilog = "Rows missing a value the test uses are dropped and counted on standard\n"
	          "error (-q: no such notes; warnings stay). Output columns: id family test\n"
	          "variables where n groups group_sizes df statistic statistic_name u_min p\n"
	          "alternative method effect_size effect_name df2 ci_low ci_high ci_level\n"
	          "ci_method.",
	.common = CLI_COLUMNS | CLI_BY | CLI_METHOD | CLI_WHERE | CLI_DIGITS | CLI_INPUT |
	          CLI_QUIET | CLI_OUTPUT | CLI_SEED | CLI_SAFE_CELLS,
	.seed_max = 4294967295L,
	.opts = plan_options,
	.methods = plan_methods,
};

/* The one output row schema, shared by every test (see the man page). */
static const char *out_header[] = {
	"id", "family", "test", "variables", "where", "n", "groups", "group_sizes",
	"df", "statistic", "statistic_name", "u_min", "p", "alternative", "method",
	"effect_size", "effect_name", "df2", "ci_low", "ci_high", "ci_level", "ci_method",
};

static plan_data D;	/* the columns the tests use */

static void
check_numeric_not_constant(const plan_test *e, const double *x, size_t n, size_t col)
{
	for (size_t i = 1; i < n; i++)
		if (x[i] != x[0])
			return;
	char v[NUM_BUFSIZE];
	plan_fail(e, 0, "column '%s' is constant (every value is %s)",
	          plan_header(&D, D.col[col].idx), n ? num_format(v, x[0]) : "missing");
}

static void
run_correlation(plan_test *e, const unsigned char *keep, size_t excluded)
{
	plan_column *a = &D.col[e->vcol[0]], *b = &D.col[e->vcol[1]];
	/* static: still reachable when a check below dies (no leak report) */
	static double *x, *y;
	x = plan_scratch_alloc(D.nrows + 1, sizeof *x);
	y = plan_scratch_alloc(D.nrows + 1, sizeof *y);
	size_t n = 0, missing = 0;
	for (size_t i = 0; i < D.nrows; i++) {
		if (!keep[i])
			continue;
		if (isnan(a->num[i]) || isnan(b->num[i])) {
			missing++;
			continue;
		}
		x[n] = a->num[i];
		y[n++] = b->num[i];
	}
	e->n = n;
	plan_report_counts(&D, e, missing, excluded, 0);
	if (n < 3)
		plan_fail(e, 0, "%zu complete pairs; the test needs at least 3", n);
	check_numeric_not_constant(e, x, n, e->vcol[0]);
	check_numeric_not_constant(e, y, n, e->vcol[1]);
	const char *why = e->test == PLAN_SPEARMAN ? ht_spearman(x, y, n, e->alt, &e->res)
	                                           : ht_pearson(x, y, n, e->alt, &e->res);
	if (why)
		plan_fail(e, 0, "%s", why);
	planparam_ci_correlation(e, n);
	e->variables = plan_join_names(&D, e, ",");
}

static void
run_chi2(plan_test *e, const unsigned char *keep, size_t excluded)
{
	plan_column *a = &D.col[e->vcol[0]], *b = &D.col[e->vcol[1]];
	unsigned char *pa = plan_scratch_alloc(a->lv.n + 1, 1);
	unsigned char *pb = plan_scratch_alloc(b->lv.n + 1, 1);
	size_t n = 0, missing = 0;
	for (size_t i = 0; i < D.nrows; i++) {
		if (!keep[i])
			continue;
		if (a->code[i] < 0 || b->code[i] < 0) {
			missing++;
			continue;
		}
		pa[a->code[i]] = pb[b->code[i]] = 1;
		n++;
	}
	e->n = n;
	plan_report_counts(&D, e, missing, excluded, 0);
	int *ma = plan_scratch_alloc(a->lv.n + 1, sizeof *ma);
	int *mb = plan_scratch_alloc(b->lv.n + 1, sizeof *mb);
	int *oa, *ob;
	size_t ra = plan_present_levels(a, pa, ma, &oa);
	size_t cb = plan_present_levels(b, pb, mb, &ob);
	plan_check_levels(&D, e, a, ra);
	plan_check_levels(&D, e, b, cb);
	if (ra < 2 || cb < 2)
		plan_fail(e, 0, "column '%s' is constant (the table needs at least 2 levels "
		          "in each column)", plan_header(&D, ra < 2 ? a->idx : b->idx));
	size_t *ri = plan_scratch_alloc(n + 1, sizeof *ri);
	size_t *cj = plan_scratch_alloc(n + 1, sizeof *cj);
	for (size_t i = 0, k = 0; i < D.nrows; i++)
		if (keep[i] && a->code[i] >= 0 && b->code[i] >= 0) {
			ri[k] = (size_t)ma[a->code[i]];
			cj[k++] = (size_t)mb[b->code[i]];
		}
	const char *why = ht_chi2_pairs(ri, cj, n, ra, cb, e->yates, &e->res);
	if (why)
		plan_fail(e, 0, "%s", why);
	planparam_ci_chi2(e, n, ra, cb);
	if (e->res.n_small_expected)
		plan_note(e, "%zu of %zu expected counts are below 5 (smallest %.3g): the "
		          "chi-square approximation may be poor", e->res.n_small_expected,
		          ra * cb, e->res.min_expected);
	e->variables = plan_join_names(&D, e, ",");
	char dims[64];
	snprintf(dims, sizeof dims, "%zux%zu", ra, cb);
	e->group_names = xstrdup(dims);
}

static void
run_kruskal(plan_test *e, const unsigned char *keep, size_t excluded)
{
	double *x = NULL;
	size_t *grp = NULL, n = 0, missing = 0, k;
	size_t *sizes;
	int *order = NULL;
	const plan_column *g = NULL;
	if (e->wide) {
		k = e->nv;
		x = plan_scratch_alloc(D.nrows * k + 1, sizeof *x);
		grp = plan_scratch_alloc(D.nrows * k + 1, sizeof *grp);
		sizes = plan_scratch_alloc(k, sizeof *sizes);
		for (size_t j = 0; j < k; j++) {
			const plan_column *c = &D.col[e->vcol[j]];
			for (size_t i = 0; i < D.nrows; i++) {
				if (!keep[i])
					continue;
				if (isnan(c->num[i])) {
					missing++;
					continue;
				}
				x[n] = c->num[i];
				grp[n++] = j;
				sizes[j]++;
			}
		}
		e->n = n;
		plan_report_counts(&D, e, missing, excluded, 0);
	} else {
		const plan_column *v = &D.col[e->vcol[0]];
		g = &D.col[e->bycol];
		unsigned char *pres = plan_scratch_alloc(g->lv.n + 1, 1);
		int *map = plan_scratch_alloc(g->lv.n + 1, sizeof *map);
		x = plan_scratch_alloc(D.nrows + 1, sizeof *x);
		grp = plan_scratch_alloc(D.nrows + 1, sizeof *grp);
		for (size_t i = 0; i < D.nrows; i++) {
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
		k = plan_present_levels(g, pres, map, &order);
		plan_check_levels(&D, e, g, k);
		sizes = plan_scratch_alloc(k + 1, sizeof *sizes);
		for (size_t i = 0; i < n; i++) {
			grp[i] = (size_t)map[grp[i]];
			sizes[grp[i]]++;
		}
		e->n = n;
		plan_report_counts(&D, e, missing, excluded, 0);
		if (k < 2)
			plan_fail(e, 0, "column '%s' has %zu group%s; the test needs at least 2",
			          plan_header(&D, g->idx), k, k == 1 ? "" : "s");
	}
	plan_check_group_sizes(&D, e, g, order, sizes, k);
	const char *why = ht_kruskal(x, grp, n, k, &e->res);
	if (why)
		plan_fail(e, 0, "%s", why);
	planparam_ci_kruskal(e, x, grp, n, k);
	plan_group_text(&D, e, g, order, sizes, k);
	if (e->wide) {
		e->variables = plan_join_names(&D, e, ",");
	} else {
		size_t len = strlen(plan_header(&D, D.col[e->vcol[0]].idx)) +
		             strlen(plan_header(&D, g->idx)) + 8;
		e->variables = xmalloc(len);
		snprintf(e->variables, len, "%s by %s", plan_header(&D, D.col[e->vcol[0]].idx),
		         plan_header(&D, g->idx));
	}
}

static void
run_mannwhitney(plan_test *e, const unsigned char *keep, size_t excluded)
{
	const plan_column *v = &D.col[e->vcol[0]], *g = &D.col[e->bycol];
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
	xs[0] = plan_scratch_alloc(D.nrows + 1, sizeof *xs[0]);
	xs[1] = plan_scratch_alloc(D.nrows + 1, sizeof *xs[1]);
	for (size_t i = 0; i < D.nrows; i++) {
		if (!keep[i])
			continue;
		if (isnan(v->num[i]) || g->code[i] < 0) {
			missing++;
			continue;
		}
		int j = g->code[i] == code[0] ? 0 : g->code[i] == code[1] ? 1 : -1;
		if (j < 0) {
			other++;
			continue;
		}
		xs[j][sizes[j]++] = v->num[i];
	}
	e->n = sizes[0] + sizes[1];
	plan_report_counts(&D, e, missing, excluded, other);
	for (int j = 0; j < 2; j++)
		if (sizes[j] == 0)
			plan_no_group(&D, e, keep, v, g, names[j]);
	int order[2] = {code[0], code[1]};
	plan_check_group_sizes(&D, e, g, order, sizes, 2);
	const char *why = ht_mannwhitney(xs[0], sizes[0], xs[1], sizes[1], e->alt, e->method,
	                                 e->continuity, &e->res);
	if (why)
		plan_fail(e, 0, "%s", why);
	if (e->res.exact_fallback)
		plan_note(e, "n1 * n2 = %zu is too large for the exact distribution (at most %d): "
		          "normal approximation used", sizes[0] * sizes[1], HT_EXACT_MAX_CELLS);
	if (e->res.exact_with_ties)
		plan_warning(e, "the data have ties; the exact p ignores them, as scipy's does");
	planparam_ci_mannwhitney(e, sizes[0], sizes[1]);
	plan_group_text(&D, e, g, order, sizes, 2);
	size_t len = strlen(plan_header(&D, v->idx)) + strlen(plan_header(&D, g->idx)) + 8;
	e->variables = xmalloc(len);
	snprintf(e->variables, len, "%s by %s", plan_header(&D, v->idx),
	         plan_header(&D, g->idx));
}

static void
run_friedman(plan_test *e, const unsigned char *keep, size_t excluded)
{
	size_t k = e->nv, n = 0, missing = 0;
	double *x = plan_scratch_alloc(D.nrows * k + 1, sizeof *x);
	for (size_t i = 0; i < D.nrows; i++) {
		if (!keep[i])
			continue;
		int complete = 1;
		for (size_t j = 0; j < k; j++)
			if (isnan(D.col[e->vcol[j]].num[i]))
				complete = 0;
		if (!complete) {
			missing++;
			continue;
		}
		for (size_t j = 0; j < k; j++)
			x[n * k + j] = D.col[e->vcol[j]].num[i];
		n++;
	}
	e->n = n;
	plan_report_counts(&D, e, missing, excluded, 0);
	const char *why = ht_friedman(x, n, k, &e->res);
	if (why)
		plan_fail(e, 0, "%s", why);
	planparam_ci_friedman(e, x, n, k);
	e->variables = plan_join_names(&D, e, ",");
}

static void
run_entry(plan_test *e)
{
	size_t excluded;
	unsigned char *keep = plan_where_mask(&D, e, &excluded);
	switch (e->test) {
	case PLAN_SPEARMAN:
	case PLAN_PEARSON: run_correlation(e, keep, excluded); break;
	case PLAN_CHI2: run_chi2(e, keep, excluded); break;
	case PLAN_KRUSKAL: run_kruskal(e, keep, excluded); break;
	case PLAN_MANNWHITNEY: run_mannwhitney(e, keep, excluded); break;
	case PLAN_FRIEDMAN: run_friedman(e, keep, excluded); break;
	case PLAN_TTEST:
	case PLAN_PAIRED_TTEST:
	case PLAN_WILCOXON:
	case PLAN_ANOVA: planparam_run(&D, e, keep, excluded); break;
	case PLAN_NONE: break;
	default: plantests_run(&D, e, keep, excluded); break;
	}
	plan_scratch_free();
	if (plantests_owns(e->test) ? !plantests_finite(e) :
	    !isfinite(e->res.statistic) || !isfinite(e->res.p) || !isfinite(e->res.effect) ||
	    isinf(e->res.df) || isinf(e->res.u_min))
		plan_fail(e, 0, "the statistic of %s is not a finite number for these data",
		          e->variables);
	sbuf w = {0};
	for (size_t k = 0; k < e->nwhere; k++) {
		if (k)
			sbuf_add(&w, " ");
		sbuf_add(&w, e->where[k].text);
	}
	e->where_text = sbuf_take(&w);
}

/* ---- output ---- */

static void
print_entry(tsv_writer *w, const plan_test *e)
{
	static const char *stat_names[] = {
		[PLAN_SPEARMAN] = "rho", [PLAN_PEARSON] = "r", [PLAN_CHI2] = "chi2",
		[PLAN_KRUSKAL] = "H", [PLAN_MANNWHITNEY] = "U", [PLAN_FRIEDMAN] = "chi2",
	};
	static const char *effect_names[] = {
		[PLAN_SPEARMAN] = "rho", [PLAN_PEARSON] = "r", [PLAN_CHI2] = "cramers_v",
		[PLAN_KRUSKAL] = "epsilon_squared", [PLAN_MANNWHITNEY] = "rank_biserial",
		[PLAN_FRIEDMAN] = "kendalls_w",
	};
	const char *method = "asymptotic", *alt = "";
	if (plantests_print(w, e))
		return;
	const char *stat = e->test <= PLAN_FRIEDMAN ? stat_names[e->test] : "";
	const char *effect = e->test <= PLAN_FRIEDMAN ? effect_names[e->test] : "";
	switch (e->test) {
	case PLAN_SPEARMAN:
	case PLAN_PEARSON:
		method = "t";
		alt = ht_alternative_name(e->alt);
		break;
	case PLAN_CHI2:
		method = e->res.corrected ? "asymptotic+yates" : "asymptotic";
		break;
	case PLAN_MANNWHITNEY:
		method = e->res.exact ? "exact" : e->res.corrected ? "asymptotic+continuity"
		                                                   : "asymptotic";
		alt = ht_alternative_name(e->alt);
		break;
	default:
		planparam_names(e, &stat, &effect, &method, &alt);
		break;
	}
	tsvw_str(w, e->id);
	tsvw_str(w, e->family);
	tsvw_str(w, plan_test_names[e->test]);
	tsvw_str(w, e->variables);
	tsvw_str(w, e->where_text);
	tsvw_int(w, (long long)e->n);
	tsvw_str(w, e->group_names);
	tsvw_str(w, e->group_sizes);
	tsvw_num_or_missing(w, e->res.df);
	tsvw_num_or_missing(w, e->res.statistic);
	tsvw_str(w, stat);
	tsvw_num_or_missing(w, e->test == PLAN_MANNWHITNEY ? e->res.u_min : NAN);
	tsvw_num_or_missing(w, e->res.p);
	tsvw_str(w, alt);
	tsvw_str(w, method);
	tsvw_num_or_missing(w, e->res.effect);
	tsvw_str(w, effect);
	tsvw_num_or_missing(w, e->df2);
	tsvw_num_or_missing(w, e->ci_low);
	tsvw_num_or_missing(w, e->ci_high);
	tsvw_num_or_missing(w, *e->ci_method ? e->conf : NAN);
	tsvw_str(w, e->ci_method);
	tsvw_end(w);
}

/* ---- the command line ---- */

typedef struct {
	plan_test *cmd;
	const char *plan;
	int no_header;
	char **where_files;	/* read once every option is known */
	size_t nwhere_files;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case PLAN_OPT_PLAN: o->plan = arg; break;
	case PLAN_OPT_NO_HEADER: o->no_header = 1; break;
	case PLAN_OPT_MAX_WHERE_FILE:
		plan_where_file_max = (size_t)opt_long(arg, 1, 1 << 20, "--max-where-file") << 20;
		break;
	case PLAN_OPT_WHERE_FILE:
		o->where_files = xrealloc(o->where_files,
		                          (o->nwhere_files + 1) * sizeof *o->where_files);
		o->where_files[o->nwhere_files++] = xstrdup(arg);
		break;
	default: plan_option(o->cmd, id, arg);
	}
}

/* The command line's -c, -g, -m, -w and --where-file into CMD. */
static void
take_common(plan_test *cmd, cli *c, options *o)
{
	cmd->vars = c->columns;
	cmd->nvars = c->ncolumns;
	c->columns = NULL;
	c->ncolumns = 0;
	if (c->nby > 1)
		die_usage("-g/--by takes one grouping column (got '%s' and '%s')", c->by[0],
		          c->by[1]);
	if (c->nby)
		cmd->by = xstrdup(c->by[0]);
	if (c->method >= 0) {
		cmd->method = (ht_method)c->method;
		cmd->method_set = 1;
	}
	for (size_t k = 0; k < c->nwhere; k++)
		plan_add_where(cmd, c->where[k], 0, NULL);
	for (size_t k = 0; k < o->nwhere_files; k++) {
		plan_add_where(cmd, o->where_files[k], 1, NULL);
		free(o->where_files[k]);
	}
	free(o->where_files);
	o->where_files = NULL;
}

/* The first word names the test (as git's command); NONE when it is an
 * option (--plan, or a mistake plan_check names). */
static enum plan_kind
test_word(int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-')
		return PLAN_NONE;
	enum plan_kind k = plan_kind_by_name(argv[1]);
	if (k == PLAN_NONE)
		die_usage("unknown test '%s' (%s)", argv[1], plan_test_list());
	return k;
}

/* The tests to run: the plan's, or the command line's one. */
static plan_test *
tests(plan_test *cmd, const options *o, cli *c, size_t *n)
{
	if (!o->plan) {
		if (cmd->test == PLAN_NONE)
			die_usage("no test given: the first word is one of %s (or give --plan "
			          "PLAN)", plan_test_list());
		plan_check(cmd);
		plan_test *es = xmalloc(sizeof *es);
		es[0] = *cmd;
		*n = 1;
		return es;
	}
	if (cmd->test || cmd->nvars)
		die_usage("--plan runs the plan's tests: no test on the command line");
	if (*cmd->id || *cmd->family || cmd->by || cmd->groups || cmd->wide ||
	    cmd->alt_set || cmd->method_set || cmd->yates_set || cmd->continuity_set ||
	    cmd->min_group != 2 || cmd->max_levels_set || cmd->adjust >= 0 || cmd->simulate ||
	    cmd->mu_set || cmd->equal_var || cmd->zero_set || cmd->rule_set || cmd->effect_set ||
	    cmd->conf_set || cmd->boot_set || cmd->boot_ci_set)
		die_usage("with --plan, test options go in the plan's 'options' column");
	if (strcmp(o->plan, "-") == 0 && (!c->input || strcmp(c->input, "-") == 0))
		die_usage("--plan - reads the plan from standard input: give the data "
		          "as FILE or with --input FILE");
	return plan_read(o->plan, &tool, n);
}

int
main(int argc, char **argv)
{
	/* a fresh start (the fuzz harness runs main again in one process) */
	memset(&D, 0, sizeof D);
	plan_quiet = 0;
	plan_where_file_max = (size_t)PLAN_WHERE_FILE_MB << 20;
	err_init(tool.name);

	plan_test cmd;
	plan_test_init(&cmd);
	cmd.test = test_word(argc, argv);
	int shift = cmd.test != PLAN_NONE;
	options o = {.cmd = &cmd};
	cli c;
	cli_parse(&c, &tool, argc - shift, argv + shift, on_option, &o);
	plan_quiet = c.quiet;
	plantests_seed = c.seed_set ? c.seed : 1;
	take_common(&cmd, &c, &o);

	size_t nes;
	plan_test *es = tests(&cmd, &o, &c, &nes);
	plan_where *gw = NULL;
	size_t ngw = 0;
	if (o.plan) {	/* the command line's filters apply to every test */
		gw = cmd.where;
		ngw = cmd.nwhere;
		cmd.where = NULL;
		cmd.nwhere = 0;
		plan_test_free(&cmd);
	}

	tsv_reader r;
	FILE *in = cli_input(&c);
	tsv_open(&r, in, c.in_name);
	D.r = &r;
	for (size_t k = 0; k < nes; k++)
		plan_resolve(&D, &es[k], gw, ngw);
	plan_read_data(&D, &r);
	if (D.nrows == 0)
		die_at(r.name, 0, NULL, NULL, "no data rows, only a header");

	for (size_t k = 0; k < nes; k++)
		run_entry(&es[k]);

	tsv_writer w;
	tsvw_init(&w, stdout, "<stdout>");
	if (!o.no_header) {
		for (size_t k = 0; k < sizeof out_header / sizeof *out_header; k++)
			tsvw_str(&w, out_header[k]);
		tsvw_end(&w);
	}
	for (size_t k = 0; k < nes; k++)
		print_entry(&w, &es[k]);
	close_stdout();

	for (size_t k = 0; k < nes; k++)
		plan_test_free(&es[k]);
	free(es);
	for (size_t k = 0; k < ngw; k++)
		plan_where_free(&gw[k]);
	free(gw);
	plan_data_free(&D);
	plan_scratch_release();
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
