/* report: format test-hypothesis rows as the table a paper prints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "out.h"
#include "regtable.h"
#include "report.h"
#include "tsv.h"

enum { OPT_BY_FAMILY = CLI_OWN, OPT_CAPTION, OPT_CAPTIONS, OPT_EFFECT, OPT_LATEX,
       OPT_U_MIN, OPT_DECIMALS, OPT_FILL, OPT_SUMMARY, OPT_CONF, OPT_CI };

static const cli_opt own[] = {
	{'H', "hypotheses", 'H', "FILE", "a TSV with columns 'id' and 'hypothesis' (the\n"
	 "test-hypothesis plan): the hypothesis texts"},
	{'f', "family", 'f', "NAME", "only the rows of this family (column 'family');\n"
	 "a family the input lacks is an error that names\nthe families it has"},
	{OPT_BY_FAMILY, "by-family", 0, NULL, "one table a family (column 'family'), in input\n"
	 "order, each titled by --caption with %s the\nfamily (default 'Hypotheses of the family %s')"},
	{OPT_CAPTIONS, "captions", 0, "FILE", "with --by-family: a TSV with columns 'family' and\n"
	 "'caption', the title of that family's table"},
	{OPT_LATEX, "latex", 0, NULL, "a LaTeX tabular instead of a Markdown table"},
	{OPT_CAPTION, "caption", 0, "TEXT", "a title line (Markdown) or caption (LaTeX table)"},
	{OPT_EFFECT, "effect", 0, NULL, "add a column with the effect size and its name"},
	{OPT_CI, "ci", 0, NULL, "--effect with the effect size's interval (columns\n"
	 "ci_low, ci_high, ci_level, ci_method) in APA form,\n"
	 "'d = 0.484, 95% CI [-0.736, 1.678]'; the methods in\n"
	 "a note under the table"},
	{OPT_U_MIN, "u-min", 0, NULL, "print the smaller U (column u_min: scipy < 1.7, many\n"
	 "papers) instead of U of the first group (the statistic\n"
	 "column; the plan's --groups order says which is first)"},
	{OPT_DECIMALS, "decimals", 0, "N", "decimals of the effect size, 0 to 17 (default 3);\n"
	 "of a model's numbers (default 2)"},
	{OPT_SUMMARY, "summary", 0, "FILE", "a model's fit statistics (svy model --summary): the\n"
	 "note under its table (n, R-squared, F or the LR test)"},
	{OPT_CONF, "conf", 0, "LEVEL", "the level of a model's intervals (default 0.95, as\n"
	 "svy model --conf); Wald intervals are checked against it"},
	{CLI_DIGITS, NULL, 0, NULL, "the effect size with N significant digits (1 to 17)\n"
	 "instead of --decimals"},
	{OPT_FILL, "fill", 0, NULL, "copy a text, its number fields formatted (below)"},
	{CLI_QUIET, NULL, 0, NULL, "no warning about hypotheses without a text"},
	{0},
};

static const cli_tool tool = {
	.name = "report",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Format rows of test results (svy test-hypothesis, then bh-correct) as the\n"
	         "table a paper prints, in Markdown or LaTeX: one line per test with its id,\n"
	         "the hypothesis, the statistic in APA style (r_s(81) = .073 for Spearman's\n"
	         "rho, r(81) for Pearson's r, chi2(4) = 0.89, U(41, 42) = 1138.0: U of the\n"
	         "first group), p and, when the input has 'p_adj', p*. Rows of svy model\n"
	         "(a header with 'term' and 'estimate') make the regression table instead:\n"
	         "B, SE, t or z, p, CI and, for logistic and ordinal models, the odds ratio\n"
	         "and its CI; a note with n and the fit from --summary.",
	.epilog = "Numbers follow APA: no leading zero for r and p, p to three decimals and\n"
	          "'< .001' below that, '> .999' when it rounds to 1; chi-square and H (printed\n"
	          "as chi2, as the paper does) to two decimals, U to one; no '-.000'. Reads the\n"
	          "columns id, test, statistic, statistic_name, df, group_sizes, u_min, p (and\n"
	          "p_adj, effect_size, effect_name when present) by name, and checks them: r\n"
	          "and rho in [-1, 1], p in [0, 1], df and group sizes non-negative whole\n"
	          "numbers, U at most n1 * n2. Markdown cells escape '|', '<' and '>'.\n"
	          "\n"
	          "--fill copies FILE, each field \\001KIND VALUE\\002 replaced by VALUE in the\n"
	          "same formats: KIND 'a' (three decimals, no leading zero), 'p' (a p-value),\n"
	          "'P' (a p-value after 'p': '= .xxx', '< .001', '> .999'), 'fN' (N decimals),\n"
	          "'%N' (a share as a percentage, N decimals, then ' %'). The study's one-page\n"
	          "report is written so.",
	.common = CLI_INPUT | CLI_OUTPUT | CLI_QUIET | CLI_DIGITS,
	.opts = own,
};

typedef struct {
	const char *hyp_path, *family, *caption, *captions_path;
	const char *summary;
	int effect, ci, u_min, by_family, fill, quiet, decimals_set;
	long decimals;
	double conf;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case 'H': o->hyp_path = arg; break;
	case 'f': o->family = arg; break;
	case OPT_BY_FAMILY: o->by_family = 1; break;
	case OPT_CAPTIONS: o->captions_path = arg; break;
	case OPT_LATEX: report_latex = 1; break;
	case OPT_CAPTION: o->caption = arg; break;
	case OPT_EFFECT: o->effect = 1; break;
	case OPT_CI: o->effect = o->ci = 1; break;
	case OPT_U_MIN: o->u_min = 1; break;
	case OPT_DECIMALS:
		o->decimals = opt_long(arg, 0, 17, "--decimals");
		o->decimals_set = 1;
		break;
	case OPT_SUMMARY: o->summary = arg; break;
	case OPT_CONF: o->conf = opt_double(arg, 0.5, 0.9999, "--conf"); break;
	case OPT_FILL: o->fill = 1; break;
	}
}

static double
number(tsv_reader *r, long i)
{
	double x = NAN;
	if (i >= 0)
		tsv_number(r, (size_t)i, &x);
	return x;
}

/* A p-value must be a probability. */
static void
check_p(tsv_reader *r, const char *column, double p)
{
	char v[NUM_BUFSIZE];
	if (!(p >= 0 && p <= 1))
		die_at(r->name, r->lineno, column, num_format(v, p), "a p-value must be in [0, 1]");
}

/* The families of the input, in order of first appearance. */
typedef struct {
	char **name;
	size_t n, cap;
} families;

static void
families_add(families *f, const char *name)
{
	for (size_t k = f->n; k-- > 0;)
		if (strcmp(f->name[k], name) == 0)
			return;
	f->name = xgrow(f->name, &f->cap, f->n + 1, sizeof *f->name);
	f->name[f->n++] = xstrdup(name);
}

static void
families_free(families *f)
{
	for (size_t k = 0; k < f->n; k++)
		free(f->name[k]);
	free(f->name);
}

/* -f NAME matched no row: an error that names the families the input has
 * (the list stays reachable for the leak checker: static). */
static noreturn void
die_no_family(tsv_reader *r, const char *family, const families *f)
{
	static char *list;
	if (f->n == 0)
		die_at(r->name, 0, "family", NULL, "no family '%s': the input has no rows", family);
	size_t len = 1;
	for (size_t k = 0; k < f->n; k++)
		len += strlen(f->name[k]) + 4;
	list = xmalloc(len);
	list[0] = '\0';
	for (size_t k = 0; k < f->n; k++) {
		strcat(list, k ? ", '" : "'");
		strcat(list, f->name[k]);
		strcat(list, "'");
	}
	die_at(r->name, 0, "family", NULL, "no family '%s'; the families are %s", family, list);
}

/* The columns of the input: required, and (-1) absent or not needed. */
typedef struct {
	size_t id, stat, name, p;
	long df, sizes, umin, adj, eff, ename, fam;
	long df2, test, n, groups, lo, hi, level, method, method_col;
} incols;

static const char *
cell(tsv_reader *r, long i)
{
	return i >= 0 ? tsv_get(r, (size_t)i) : "";
}

/* The pair "A vs. B" or cell "A, B" of a post-hoc row (its groups). */
static char *
pair_text(const char *test, const char *groups)
{
	const char *comma = strchr(groups, ',');
	if (!comma)
		return xstrdup(groups);
	const char *sep = strcmp(test, "chi2-residuals") == 0 ? ", " : " vs. ";
	size_t head = (size_t)(comma - groups);
	char *s = xmalloc(strlen(groups) + strlen(sep) + 1);
	memcpy(s, groups, head);
	strcpy(s + head, sep);
	strcat(s, comma + 1);
	return s;
}

/* The cells of the current row of R, checked and formatted. */
static void
read_line(report_line *l, tsv_reader *r, const incols *c, const options *o)
{
	memset(l, 0, sizeof *l);
	l->id = xstrdup(tsv_get(r, c->id));
	l->family = xstrdup(c->fam >= 0 ? tsv_get(r, (size_t)c->fam) : "");
	double stat = number(r, (long)c->stat), p = number(r, (long)c->p);
	const char *test = cell(r, c->test);
	if (report_is_posthoc(test)) {
		l->pair = pair_text(test, cell(r, c->groups));
		l->n = xstrdup(cell(r, c->n));
		l->adjust = xstrdup(report_adjustment(cell(r, c->method_col)));
	}
	l->test = xstrdup(test);
	if (isnan(p))
		die_at(r->name, r->lineno, "p", NULL, "missing p-value");
	check_p(r, "p", p);
	const char *sizes = c->sizes >= 0 ? tsv_get(r, (size_t)c->sizes) : "";
	l->stat = report_stat(r, tsv_get(r, c->name), stat, number(r, c->df), number(r, c->df2),
	                      sizes, number(r, c->umin), o->u_min);
	l->p = report_p(p);
	if (c->adj >= 0) {
		double q = number(r, c->adj);
		if (!isnan(q))
			check_p(r, "p_adj", q);
		l->padj = isnan(q) ? xstrdup("") : report_p(q);
	}
	report_ci ci = {number(r, c->lo), number(r, c->hi), number(r, c->level),
	                cell(r, c->method)};
	l->ci_method = xstrdup(o->ci && !isnan(ci.low) ? ci.method : "");
	if (c->eff >= 0)
		l->effect = report_effect(r, tsv_get(r, (size_t)c->ename), number(r, c->eff),
		                          o->decimals, o->ci ? &ci : NULL);
}

static void
line_free(report_line *l)
{
	free(l->id);
	free(l->family);
	free(l->stat);
	free(l->p);
	free(l->padj);
	free(l->effect);
	free(l->ci_method);
	free(l->pair);
	free(l->test);
	free(l->n);
	free(l->adjust);
}

/* ---- the tables ---------------------------------------------------------- */

/* Every test row of R (of O->family only, when set), checked and formatted,
 * into *LINES; the families seen into FAMS. */
static size_t
read_lines(tsv_reader *r, const options *o, const report_pairs *h, families *fams,
           report_line **lines)
{
	incols c = {
		cols_require(r, "id"), cols_require(r, "statistic"),
		cols_require(r, "statistic_name"), cols_require(r, "p"),
		cols_find(r, "df"), cols_find(r, "group_sizes"), cols_find(r, "u_min"),
		cols_find(r, "p_adj"), o->effect ? cols_find(r, "effect_size") : -1,
		cols_find(r, "effect_name"),
		o->family || o->by_family ? (long)cols_require(r, "family") : -1,
		cols_find(r, "df2"), cols_find(r, "test"), cols_find(r, "n"), cols_find(r, "groups"),
		cols_find(r, "ci_low"), cols_find(r, "ci_high"), cols_find(r, "ci_level"),
		cols_find(r, "ci_method"), cols_find(r, "method"),
	};
	if (o->effect && (c.eff < 0 || c.ename < 0))
		die_usage("--effect: the input has no 'effect_size' and 'effect_name' columns");
	if (o->ci && (c.lo < 0 || c.hi < 0 || c.level < 0 || c.method < 0))
		die_usage("--ci: the input has no 'ci_low', 'ci_high', 'ci_level' and 'ci_method' "
		          "columns (svy test-hypothesis writes them)");
	size_t n = 0, cap = 0;
	while (tsv_next(r)) {
		if (c.fam >= 0) {
			families_add(fams, tsv_get(r, (size_t)c.fam));
			if (o->family && strcmp(tsv_get(r, (size_t)c.fam), o->family) != 0)
				continue;
		}
		*lines = xgrow(*lines, &cap, n + 1, sizeof **lines);
		report_line *l = &(*lines)[n++];
		read_line(l, r, &c, o);
		if (o->hyp_path && !o->quiet && !report_pairs_text(h, l->id))
			warn("%s: no hypothesis text for '%s'", o->hyp_path, l->id);
	}
	return n;
}

/* svy model's rows: the regression table. */
static void
model_table(tsv_reader *r, const options *o)
{
	if (o->hyp_path || o->family || o->by_family || o->effect || o->u_min || o->ci)
		die_usage("a model's table (svy model's rows): no --hypotheses, --family, "
		          "--by-family, --effect or --u-min");
	if (!o->summary && !o->quiet)
		warn("no --summary: the note has no n and no fit statistics");
	regtable_options ro = {o->summary, o->caption, o->conf,
	                       o->decimals_set ? (int)o->decimals : 2};
	regtable_write(stdout, r, &ro);
	close_stdout();
}

int
main(int argc, char **argv)
{
	options o = {.decimals = 3, .conf = 0.95};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	o.quiet = c.quiet;
	if (o.by_family && o.family)
		die_usage("--by-family and --family: one table a family, or one family");
	if (o.captions_path && !o.by_family)
		die_usage("--captions: the titles of the tables of --by-family");
	FILE *in = cli_input(&c);
	if (o.fill) {
		report_fill(in, c.in_name);
		cli_free(&c);
		return 0;
	}
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	if (regtable_is_model(&r)) {
		model_table(&r, &o);
		tsv_free(&r);
		cli_free(&c);
		return 0;
	}
	if (o.summary || o.conf != 0.95)
		die_usage("--summary and --conf are for a model's table (svy model's rows)");
	report_pairs h = {0}, captions = {0};
	if (o.hyp_path)
		report_pairs_read(o.hyp_path, "id", "hypothesis", &h);
	if (o.captions_path)
		report_pairs_read(o.captions_path, "family", "caption", &captions);
	report_line *lines = NULL;
	families fams = {0};
	size_t n = read_lines(&r, &o, &h, &fams, &lines);
	if (o.family && n == 0)
		die_no_family(&r, o.family, &fams);
	if (n == 0)
		die_at(r.name, 0, NULL, NULL, "no test rows: an empty table is not written");

	report_layout lay = {o.hyp_path ? &h : NULL, 0, o.effect};
	lay.padj = cols_find(&r, "p_adj") >= 0;
	out_begin();
	if (o.by_family) {
		for (size_t k = 0; k < fams.n; k++) {
			char *title = report_family_caption(&captions, o.caption, fams.name[k]);
			if (k)
				fputs("\n", stdout);
			report_table(stdout, &lay, lines, n, fams.name[k], title);
			free(title);
		}
	} else {
		report_table(stdout, &lay, lines, n, NULL, o.caption);
	}
	close_stdout();
	families_free(&fams);
	for (size_t i = 0; i < n; i++)
		line_free(&lines[i]);
	free(lines);
	report_pairs_free(&h);
	report_pairs_free(&captions);
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
