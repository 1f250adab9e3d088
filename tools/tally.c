/* tally: counts and shares of the levels of columns; statistics of numeric
 * columns per level of grouping columns; crosstabs of two columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codebook.h"
#include "cols.h"
#include "err.h"
#include "levels.h"
#include "opt.h"
#include "tally.h"
#include "tsv.h"

enum { OPT_WIDE = CLI_OWN, OPT_MULTIPLE, OPT_STATS, OPT_DDOF, OPT_CROSS, OPT_EXPECTED,
       OPT_CHI2, OPT_NO_YATES, OPT_LABELS, OPT_CODEBOOK, OPT_MISSING, OPT_MAX_LEVELS };

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL,
	 "the columns to tally (with -g: the numeric variables),\n"
	 "names or globs, comma-separated; repeatable"},
	{CLI_BY, NULL, 0, NULL,
	 "group by these columns (names or globs): rows column,\n"
	 "level, variable and the --stats of each -c variable"},
	{OPT_WIDE, "wide", 0, NULL,
	 "one row per column: column, n (answered) and a\n"
	 "share_LEVEL column per level (all columns' levels);\n"
	 "with --cross, the matrix of counts with margins"},
	{OPT_MULTIPLE, "multiple", 0, NULL,
	 "the columns are options of a multiple-choice question,\n"
	 "coded 0/1: one row per option, for the answer 1 (with\n"
	 "-g: each GROUP column is one group, its rows with 1;\n"
	 "a row counts in every group it names)"},
	{OPT_STATS, "stats", 0, "LIST",
	 "with -g: any of n, mean, sd, median, q1, q3, iqr,\n"
	 "min, max (default n,mean,sd); quantiles are R's type 7"},
	{OPT_DDOF, "ddof", 0, "N",
	 "sd divides by n - N (default 1: R sd, pandas std;\n"
	 "numpy std uses 0)"},
	{OPT_CROSS, "cross", 0, "ROW,COL",
	 "the crosstab of ROW and COL (or --cross ROW --cross\n"
	 "COL): ROW, COL, n, share, row_share, col_share, margins\n"
	 "labelled (all); rows with either missing left out"},
	{OPT_EXPECTED, "expected", 0, NULL,
	 "with --cross: add the counts expected under independence"},
	{OPT_CHI2, "chi2", 0, NULL,
	 "with --cross: the chi-square test of independence\n"
	 "instead (one row: row, column, n, chi2, df, p,\n"
	 "cramers_v, yates, min_expected), as scipy's\n"
	 "chi2_contingency: Yates' correction when df is 1"},
	{OPT_NO_YATES, "no-yates", 0, NULL, "no Yates correction"},
	{'l', "levels", 'l', "LIST",
	 "the levels in order, comma-separated; levels not seen\n"
	 "get n 0 and any other value is an error (default:\n"
	 "numbers by value, then text in byte order)"},
	{OPT_LABELS, "labels", 0, "LIST", "names printed for the --levels, in their order"},
	{OPT_CODEBOOK, "codebook", 0, "FILE",
	 "levels in the order of each column's scale in the\n"
	 "codebook (its values; columns without one: default)"},
	{OPT_MISSING, "missing", 0, NULL,
	 "count missing (empty) values as a level of their own,\n"
	 "printed empty (wide: share_missing), in the shares'\n"
	 "denominator (default: shares of the answered)"},
	{OPT_MAX_LEVELS, "max-levels", 0, "N", "at most N levels per column (default 10000)"},
	{0},
};

static const cli_tool tool = {
	.name = "tally",
	.synopsis = "-c COLUMNS [OPTION]... [FILE]\n"
	            "   or: svy-tally -g GROUP -c VARIABLES [OPTION]... [FILE]\n"
	            "   or: svy-tally --cross ROW,COL [OPTION]... [FILE]",
	.about = "Counts and shares of the levels (distinct values) of each column -c (names\n"
	         "or shell globs such as 'method_*') of a TSV (FILE or standard input); with\n"
	         "-g, statistics of each numeric -c VARIABLE per level of GROUP; with\n"
	         "--cross, the crosstab of two columns.",
	.epilog = "Long form (default): column, level, n, share; share = n / answered.\n"
	          "Levels that are numbers compare by value: '1' and '1.0' are one level,\n"
	          "printed as first seen.",
	.common = CLI_COLUMNS | CLI_BY | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT,
	.opts = own,
};


static void
run_cross(tsv_reader *r, const tally_opts *o)
{
	size_t *idx, n = cols_expand(r, o->cross, o->ncross, &idx);
	if (n != 2)
		die_usage("--cross takes two columns, ROW,COL (the names match %zu)", n);
	static const char *reserved[] = {"n", "share", "row_share", "col_share", "expected"};
	for (int k = 0; k < 2 && !o->wide && !o->chi2; k++)
		for (size_t h = 0; h < sizeof reserved / sizeof *reserved; h++)
			if (strcmp(r->header[idx[k]], reserved[h]) == 0)
				die_usage("--cross: column '%s' has the name of an output column; "
				          "rename it", reserved[h]);
	tally_xtab x;
	memset(&x, 0, sizeof x);
	levels_init(&x.row, (size_t)o->max_levels);
	levels_init(&x.col, (size_t)o->max_levels);
	size_t nrows = 0;
	tally_cross_count(r, idx, &x, o, &nrows);
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	if (o->chi2)
		tally_write_chi2(&out, r, idx, &x, o);
	else
		tally_write_cross(&out, r, idx, &x, o);
	close_stdout();
	if (!o->quiet)
		warn("read %zu row%s, %zu left out (missing in '%s' or '%s')", nrows,
		     nrows == 1 ? "" : "s", x.left_out, r->header[idx[0]], r->header[idx[1]]);
	tally_xtab_free(&x);
	free(idx);
}

/* ---- counts and groups: the stream ---- */

static void
count_row(tsv_reader *r, tally_col *tc, const size_t *vars, size_t nvar, const tally_opts *o,
          size_t *nmissing)
{
	if (tsv_missing(r, tc->col)) {
		tc->missing++;
		(*nmissing)++;
		return;
	}
	const char *s = tsv_get(r, tc->col);
	if (o->multiple && strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
		die_at(r->name, r->lineno, r->header[tc->col], s,
		       "a multiple-choice column takes 0 or 1");
	size_t lv = levels_add_or_die(&tc->lv, r, tc->col, 1);
	if (!nvar)
		return;
	if (lv >= tc->vallevels) {
		size_t cap = tc->vallevels;
		tc->val = xgrow(tc->val, &cap, lv + 1, nvar * sizeof *tc->val);
		memset(tc->val + tc->vallevels * nvar, 0,
		       (cap - tc->vallevels) * nvar * sizeof *tc->val);
		tc->vallevels = cap;
	}
	for (size_t v = 0; v < nvar; v++) {
		double x;
		if (!tsv_number(r, vars[v], &x))
			continue;
		tally_vec *a = &tc->val[lv * nvar + v];
		a->x = xgrow(a->x, &a->cap, a->n + 1, sizeof *a->x);
		a->x[a->n++] = x;
	}
}

static void
run_counts(tsv_reader *r, char **names, size_t nnames, const tally_opts *o)
{
	size_t *cols, ncols = cols_expand(r, names, nnames, &cols);
	size_t *vars = NULL, nvar = 0;
	if (o->nby) {
		vars = cols;
		nvar = ncols;
		ncols = cols_expand(r, o->by, o->nby, &cols);
	}
	tally_col *t = xcalloc(ncols, sizeof *t);
	for (size_t j = 0; j < ncols; j++) {
		t[j].col = cols[j];
		levels_init(&t[j].lv, (size_t)o->max_levels);
	}
	size_t nrows = 0, nmissing = 0;
	while (tsv_next(r)) {
		nrows++;
		if (nvar)	/* every variable checked, in every row */
			for (size_t v = 0; v < nvar; v++) {
				double x;
				tsv_number(r, vars[v], &x);
			}
		for (size_t j = 0; j < ncols; j++)
			count_row(r, &t[j], vars, nvar, o, &nmissing);
	}
	if (nrows == 0)
		die_at(r->name, 0, NULL, NULL, "no data rows, only a header");
	for (size_t j = 0; j < ncols; j++) {	/* levels in order, values along */
		tally_col *tc = &t[j];
		size_t old = tc->lv.n;
		size_t *map = tally_order_levels(&tc->lv, r->header[tc->col], r, o);
		tally_vec *a = xcalloc(tc->lv.n * nvar + 1, sizeof *a);
		for (size_t i = 0; i < old && nvar; i++)
			memcpy(a + map[i] * nvar, tc->val + i * nvar, nvar * sizeof *a);
		free(tc->val);
		tc->val = a;
		free(map);
	}
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	size_t empty_share = 0;
	if (nvar)
		tally_write_by(&out, r, t, ncols, vars, nvar, o);
	else
		empty_share = o->wide ? tally_write_wide(&out, r, t, ncols, nrows, o)
		                      : tally_write_long(&out, r, t, ncols, nrows, o);
	close_stdout();
	if (empty_share)
		warn("%zu column%s with no answer: shares left empty", empty_share,
		     empty_share == 1 ? "" : "s");
	if (!o->quiet)
		warn("read %zu row%s, %zu column%s, %zu missing value%s%s", nrows,
		     nrows == 1 ? "" : "s", ncols, ncols == 1 ? "" : "s", nmissing,
		     nmissing == 1 ? "" : "s", nvar ? " in the groups" :
		     o->with_missing ? " (counted as a level)" : " (left out of the shares)");
	for (size_t j = 0; j < ncols; j++) {
		for (size_t i = 0; i < t[j].lv.n * nvar; i++)
			free(t[j].val[i].x);
		free(t[j].val);
		levels_free(&t[j].lv);
	}
	free(t);
	free(cols);
	free(vars);
}

/* ---- options ---- */

static void
parse_stats(tally_opts *o, const char *list)
{
	size_t m;
	char **items = cols_option_list(list, "--stats", &m);
	o->nstats = 0;
	for (size_t k = 0; k < m && o->nstats < TALLY_NSTATS; k++)
		o->stats[o->nstats++] =
			(enum tally_stat)opt_word(items[k], tally_stat_names, "--stats");
	cols_free_list(items, m);
}

static void
on_option(void *ctx, int id, const char *arg)
{
	tally_opts *o = ctx;
	switch (id) {
	case 'l':
		cols_free_list(o->levels, o->nlevels);
		o->levels = cols_option_list(arg, "--levels", &o->nlevels);
		break;
	case OPT_MULTIPLE: o->multiple = 1; break;
	case OPT_WIDE: o->wide = 1; break;
	case OPT_CHI2: o->chi2 = 1; break;
	case OPT_CODEBOOK: o->codebook_path = arg; break;
	case OPT_CROSS: cli_list_append(&o->cross, &o->ncross, arg, "--cross"); break;
	case OPT_DDOF: o->ddof = opt_long(arg, 0, 1000, "--ddof"); break;
	case OPT_EXPECTED: o->expected = 1; break;
	case OPT_LABELS:
		cols_free_list(o->labels, o->nlabels);
		o->labels = cols_option_list(arg, "--labels", &o->nlabels);
		break;
	case OPT_MAX_LEVELS: o->max_levels = opt_long(arg, 1, 100000000, "--max-levels"); break;
	case OPT_MISSING: o->with_missing = 1; break;
	case OPT_NO_YATES: o->yates = 0; break;
	case OPT_STATS: parse_stats(o, arg); break;
	}
}

static void
check_opts(const tally_opts *o)
{
	if (o->labels && o->nlabels != o->nlevels)
		die_usage("--labels needs --levels with as many entries (%zu labels, %zu "
		          "levels)", o->nlabels, o->nlevels);
	if (o->ncross && (o->nby || o->ncols || o->multiple))
		die_usage("--cross does not go with --by, --columns or --multiple");
	if (o->ncross && o->levels)
		die_usage("--cross orders levels by value or by --codebook, not --levels");
	if ((o->chi2 || o->expected || !o->yates) && !o->ncross)
		die_usage("--chi2, --expected and --no-yates go with --cross");
	if (o->chi2 && (o->wide || o->expected))
		die_usage("--chi2 writes the test: no --wide or --expected");
	if (o->expected && o->wide)
		die_usage("--expected adds a column to the long form: not with --wide");
	if (!o->ncross && !o->ncols)
		die_usage(o->nby ? "no VARIABLE: give the numeric columns to describe with -c"
		                 : "no COLUMN: give the columns to tally with -c");
	if (o->wide && o->multiple)
		die_usage("--wide and --multiple do not go together: --wide already "
		          "gives each 0/1 column's share_1");
	if (o->wide && o->nby)
		die_usage("--wide and --by do not go together");
	if (o->with_missing && o->nby)
		die_usage("--missing counts levels; with --by, rows with a missing group "
		          "or value are left out");
	if (o->nstats && !o->nby)
		die_usage("--stats goes with --by");
	if (o->levels && o->codebook_path)
		die_usage("give the level order with --levels or --codebook, not both");
	if (o->multiple && o->levels)
		die_usage("--multiple columns have the levels 0 and 1: no --levels");
}

int
main(int argc, char **argv)
{
	tally_opts o;
	memset(&o, 0, sizeof o);
	o.ddof = 1;
	o.max_levels = 10000;
	o.yates = 1;
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	o.quiet = c.quiet;
	o.cols = c.columns;
	o.ncols = c.ncolumns;
	o.by = c.by;
	o.nby = c.nby;
	check_opts(&o);
	if (!o.nstats) {
		o.stats[0] = TALLY_N;
		o.stats[1] = TALLY_MEAN;
		o.stats[2] = TALLY_SD;
		o.nstats = 3;
	}
	o.cb = o.codebook_path ? codebook_load(o.codebook_path) : NULL;

	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	if (o.ncross)
		run_cross(&r, &o);
	else
		run_counts(&r, o.cols, o.ncols, &o);

	tsv_free(&r);
	cols_free_list(o.cross, o.ncross);
	cols_free_list(o.levels, o.nlevels);
	cols_free_list(o.labels, o.nlabels);
	if (o.cb)
		codebook_free(o.cb);
	cli_free(&c);
	return 0;
}
