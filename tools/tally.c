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
#include "htest.h"
#include "levels.h"
#include "num.h"
#include "opt.h"
#include "stats.h"
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

enum stat { S_N, S_MEAN, S_SD, S_MEDIAN, S_Q1, S_Q3, S_IQR, S_MIN, S_MAX, S_COUNT };
static const char *const stat_names[] = {"n", "mean", "sd", "median", "q1", "q3",
                                         "iqr", "min", "max", NULL};

/* A growing array of doubles: one group's values of one variable. */
typedef struct {
	double *x;
	size_t n, cap;
} vec;

typedef struct {
	size_t col;
	levels lv;		/* levels seen, counted */
	size_t missing;
	vec *val;		/* --by: level-major, NVAR per level */
	size_t vallevels;
} tcol;

/* Everything the options say. */
typedef struct {
	char **cols, **by, **levels, **labels, **cross;
	size_t ncols, nby, nlevels, nlabels, ncross;
	const char *codebook_path;
	long ddof, max_levels;
	int wide, multiple, with_missing, quiet, chi2, yates, expected;
	enum stat stats[S_COUNT];
	size_t nstats;
	codebook *cb;
} opts;

/* ---- levels in order ---- */

/* The values of scale S in order, each once (an empty answer's value too). */
static char **
scale_order(const cb_scale *s, size_t *n)
{
	char **v = xmalloc((s->nlevels + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i <= s->nlevels; i++) {
		const char *val = i < s->nlevels ? s->levels[i].value :
		                  s->has_empty ? s->empty_value : NULL;
		if (!val)
			continue;
		int dup = 0;
		for (size_t j = 0; j < k && !dup; j++)
			dup = levels_equal(v[j], val);
		if (!dup)
			v[k++] = (char *)val;
	}
	*n = k;
	return v;
}

/* Put LV (the levels of COLUMN) in order; returns MAP (old index -> new). */
static size_t *
order_levels(levels *lv, const char *column, const tsv_reader *r, const opts *o)
{
	const cb_scale *s = o->cb && !o->levels ? cb_scale_of(o->cb, column) : NULL;
	size_t *map = xmalloc((lv->n ? lv->n : 1) * sizeof *map);
	if (o->multiple) {
		char *zero_one[] = {"0", "1"};
		levels_order(lv, zero_one, 2, map);
	} else if (o->levels || s) {
		size_t norder = o->nlevels;
		char **order = o->levels ? o->levels : scale_order(s, &norder);
		size_t bad = levels_order(lv, order, norder, map);
		if (!o->levels)
			free(order);
		if (bad != LEVELS_FULL) {
			free(map);	/* nothing left behind for the leak checker */
			char *have = levels_quoted(lv, NULL, 20), msg[4096];
			snprintf(msg, sizeof msg, "; the column's values are %s", have);
			free(have);
			die_at(r->name, 0, column, lv->value[bad], o->levels ?
			       "level not in --levels%s" :
			       "level not in the codebook's scale %s%s", o->levels ? msg :
			       s ? s->name : "", o->levels ? "" : msg);
		}
	} else {
		levels_sort(lv, map);
	}
	return map;
}

/* The printed name of level CODE: its --labels entry, or itself. */
static const char *
label_of(const char *code, const opts *o)
{
	if (o->labels)
		for (size_t i = 0; i < o->nlevels; i++)
			if (levels_equal(o->levels[i], code))
				return o->labels[i];
	return code;
}

static void
share(tsv_writer *out, double n, double of)
{
	if (of > 0)
		tsvw_num(out, n / of);
	else
		tsvw_str(out, NULL);
}

/* ---- counts: long and wide ---- */

static size_t
write_long(tsv_writer *out, const tsv_reader *r, tcol *t, size_t ncols, size_t nrows,
           const opts *o)
{
	static const char *head[] = {"column", "level", "n", "share"};
	size_t empty_share = 0;
	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		tsvw_str(out, head[k]);
	tsvw_end(out);
	for (size_t j = 0; j < ncols; j++) {
		tcol *tc = &t[j];
		double denom = (double)(o->with_missing ? nrows : nrows - tc->missing);
		empty_share += denom == 0;
		for (size_t i = o->multiple ? 1 : 0; i <= tc->lv.n; i++) {
			if (i == tc->lv.n && !o->with_missing)
				break;
			size_t cnt = i == tc->lv.n ? tc->missing : tc->lv.count[i];
			tsvw_str(out, r->header[tc->col]);
			tsvw_str(out, i == tc->lv.n ? NULL : label_of(tc->lv.value[i], o));
			tsvw_int(out, (long long)cnt);
			share(out, (double)cnt, denom);
			tsvw_end(out);
		}
	}
	return empty_share;
}

static size_t
write_wide(tsv_writer *out, const tsv_reader *r, tcol *t, size_t ncols, size_t nrows,
           const opts *o)
{
	levels all;
	levels_init(&all, 0);
	for (size_t j = 0; j < ncols; j++)
		for (size_t i = 0; i < t[j].lv.n; i++)
			levels_add(&all, t[j].lv.value[i], strlen(t[j].lv.value[i]), 0);
	if (!o->levels && !o->cb)
		levels_sort(&all, NULL);
	tsvw_str(out, "column");
	tsvw_str(out, "n");
	for (size_t i = 0; i < all.n; i++) {
		const char *lab = label_of(all.value[i], o);
		char *h = xmalloc(strlen(lab) + 7);
		sprintf(h, "share_%s", lab);
		tsvw_str(out, h);
		free(h);
	}
	if (o->with_missing)
		tsvw_str(out, "share_missing");
	tsvw_end(out);
	size_t empty_share = 0;
	for (size_t j = 0; j < ncols; j++) {
		tcol *tc = &t[j];
		size_t denom = o->with_missing ? nrows : nrows - tc->missing;
		tsvw_str(out, r->header[tc->col]);
		tsvw_int(out, (long long)denom);
		for (size_t i = 0; i < all.n; i++) {
			size_t k = levels_find(&tc->lv, all.value[i], strlen(all.value[i]));
			share(out, k == LEVELS_FULL ? 0 : (double)tc->lv.count[k], (double)denom);
		}
		if (o->with_missing)
			share(out, (double)tc->missing, (double)denom);
		empty_share += denom == 0;
		tsvw_end(out);
	}
	levels_free(&all);
	return empty_share;
}

/* ---- statistics by group ---- */

static void
summarize(vec *a, const opts *o, double val[S_COUNT])
{
	stats_summary s;
	stats_summarize(a->x, a->n, (size_t)o->ddof, &s);
	double v[S_COUNT] = {(double)a->n, s.mean, s.sd, s.median, s.q1, s.q3, s.iqr,
	                     s.min, s.max};
	memcpy(val, v, sizeof v);
}

/* Every statistic asked for is finite or undefined (empty): one beyond the
 * range of numbers (the sd of 1.7e308 and -1.7e308) is an error before
 * anything is written, as in derive. */
static void
check_finite(const tsv_reader *r, tcol *t, size_t ncols, const size_t *vars, size_t nvar,
             const opts *o)
{
	for (size_t j = 0; j < ncols; j++)
		for (size_t i = o->multiple ? 1 : 0; i < t[j].lv.n; i++)
			for (size_t v = 0; v < nvar; v++) {
				double val[S_COUNT];
				summarize(&t[j].val[i * nvar + v], o, val);
				for (size_t k = 0; k < o->nstats; k++)
					if (isinf(val[o->stats[k]]))
						die_at(r->name, 0, r->header[vars[v]], NULL,
						       "the %s in group '%s' of '%s' is beyond "
						       "the range of numbers (about 1.8e308)",
						       stat_names[o->stats[k]], t[j].lv.value[i],
						       r->header[t[j].col]);
			}
}

static void
write_by(tsv_writer *out, const tsv_reader *r, tcol *t, size_t ncols,
         const size_t *vars, size_t nvar, const opts *o)
{
	size_t no_value = 0, undefined_sd = 0;
	check_finite(r, t, ncols, vars, nvar, o);
	tsvw_str(out, "column");
	tsvw_str(out, "level");
	tsvw_str(out, "variable");
	for (size_t k = 0; k < o->nstats; k++)
		tsvw_str(out, stat_names[o->stats[k]]);
	tsvw_end(out);
	for (size_t j = 0; j < ncols; j++) {
		tcol *tc = &t[j];
		for (size_t i = o->multiple ? 1 : 0; i < tc->lv.n; i++) {
			for (size_t v = 0; v < nvar; v++) {
				vec *a = &tc->val[i * nvar + v];
				double val[S_COUNT];
				summarize(a, o, val);
				tsvw_str(out, r->header[tc->col]);
				tsvw_str(out, label_of(tc->lv.value[i], o));
				tsvw_str(out, r->header[vars[v]]);
				int other = 0;
				for (size_t k = 0; k < o->nstats; k++) {
					if (o->stats[k] == S_N)
						tsvw_int(out, (long long)a->n);
					else
						tsvw_num_or_missing(out, val[o->stats[k]]);
					other |= o->stats[k] != S_N;
					undefined_sd += o->stats[k] == S_SD && isnan(val[S_SD]);
				}
				no_value += other && a->n == 0;
				tsvw_end(out);
			}
		}
	}
	if (no_value)
		warn("%zu group%s with no value: statistics left empty", no_value,
		     no_value == 1 ? "" : "s");
	if (undefined_sd)
		warn("%zu sd left empty: n <= ddof (%ld)", undefined_sd, o->ddof);
}

/* ---- crosstab ---- */

typedef struct {
	levels row, col;
	double *n;		/* row-major, row.n x col.n */
	double *rsum, *csum, total;
	size_t left_out;
} xtab;

/* Move the missing level (the empty value, with --missing) to the end, as
 * the long form prints it; MAP (NOLD old levels) follows. */
static void
missing_last(levels *lv, size_t *map, size_t nold)
{
	size_t m = levels_find(lv, "", 0);
	if (m == LEVELS_FULL || m + 1 == lv->n)
		return;
	char **order = xmalloc(lv->n * sizeof *order);
	size_t k = 0;
	for (size_t i = 0; i < lv->n; i++)
		if (i != m)
			order[k++] = xstrdup(lv->value[i]);
	order[k++] = xstrdup("");
	size_t *again = xmalloc(lv->n * sizeof *again);
	levels_order(lv, order, k, again);
	for (size_t i = 0; i < nold; i++)
		map[i] = again[map[i]];
	cols_free_list(order, k);
	free(again);
}

static void
cross_count(tsv_reader *r, const size_t cc[2], xtab *x, const opts *o, size_t *nrows)
{
	size_t *pairs = NULL, npairs = 0, cap = 0;
	levels *lv[2] = {&x->row, &x->col};
	while (tsv_next(r)) {
		(*nrows)++;
		size_t idx[2];
		int skip = 0;
		for (int k = 0; k < 2; k++) {
			if (tsv_missing(r, cc[k]) && !o->with_missing) {
				skip = 1;
				break;
			}
			idx[k] = levels_add_or_die(lv[k], r, cc[k], 1);
		}
		if (skip) {
			x->left_out++;
			continue;
		}
		pairs = xgrow(pairs, &cap, npairs + 2, sizeof *pairs);
		pairs[npairs++] = idx[0];
		pairs[npairs++] = idx[1];
	}
	if (*nrows == 0)
		die_at(r->name, 0, NULL, NULL, "no data rows, only a header");
	size_t *map[2], nold[2] = {x->row.n, x->col.n};
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < lv[k]->n; i++)
			if (strcmp(lv[k]->value[i], "(all)") == 0)
				die_at(r->name, 0, r->header[cc[k]], "(all)",
				       "a level has the name of the margins");
		map[k] = order_levels(lv[k], r->header[cc[k]], r, o);
		missing_last(lv[k], map[k], nold[k]);
	}
	size_t nr = x->row.n, nc = x->col.n;
	x->n = xcalloc(nr * nc + 1, sizeof *x->n);
	x->rsum = xcalloc(nr + 1, sizeof *x->rsum);
	x->csum = xcalloc(nc + 1, sizeof *x->csum);
	for (size_t p = 0; p < npairs; p += 2) {
		size_t i = map[0][pairs[p]], j = map[1][pairs[p + 1]];
		x->n[i * nc + j]++;
		x->rsum[i]++;
		x->csum[j]++;
		x->total++;
	}
	free(pairs);
	free(map[0]);
	free(map[1]);
}

/* The level's printed name: empty for missing, (all) for the margin. */
static const char *
xlabel(const levels *lv, size_t i, const opts *o)
{
	return i == lv->n ? "(all)" : label_of(lv->value[i], o);
}

static void
write_cross(tsv_writer *out, const tsv_reader *r, const size_t cc[2], const xtab *x,
            const opts *o)
{
	size_t nr = x->row.n, nc = x->col.n;
	if (o->wide) {
		tsvw_str(out, r->header[cc[0]]);
		for (size_t j = 0; j <= nc; j++)
			tsvw_str(out, xlabel(&x->col, j, o));
		tsvw_end(out);
		for (size_t i = 0; i <= nr; i++) {
			tsvw_str(out, xlabel(&x->row, i, o));
			for (size_t j = 0; j <= nc; j++) {
				double n = i < nr && j < nc ? x->n[i * nc + j] : i < nr ? x->rsum[i] :
				           j < nc ? x->csum[j] : x->total;
				tsvw_int(out, (long long)n);
			}
			tsvw_end(out);
		}
		return;
	}
	const char *head[] = {r->header[cc[0]], r->header[cc[1]], "n", "share", "row_share",
	                      "col_share", "expected"};
	for (size_t k = 0; k < 6u + (size_t)o->expected; k++)
		tsvw_str(out, head[k]);
	tsvw_end(out);
	for (size_t i = 0; i <= nr; i++) {
		for (size_t j = 0; j <= nc; j++) {
			double rs = i < nr ? x->rsum[i] : x->total;
			double cs = j < nc ? x->csum[j] : x->total;
			double n = i < nr && j < nc ? x->n[i * nc + j] : i < nr ? rs : cs;
			tsvw_str(out, xlabel(&x->row, i, o));
			tsvw_str(out, xlabel(&x->col, j, o));
			tsvw_int(out, (long long)n);
			share(out, n, x->total);
			share(out, n, rs);
			share(out, n, cs);
			if (o->expected) {
				if (i < nr && j < nc && x->total > 0)
					tsvw_num(out, rs * cs / x->total);
				else
					tsvw_str(out, NULL);
			}
			tsvw_end(out);
		}
	}
}

/* Chi-square test of independence (lib/htest, as scipy.stats.
 * chi2_contingency) of the levels with a count: unseen levels of a codebook
 * are left out. */
static void
write_chi2(tsv_writer *out, const tsv_reader *r, const size_t cc[2], const xtab *x,
           const opts *o)
{
	size_t nr = x->row.n, nc = x->col.n, rr = 0, kc = 0;
	for (size_t i = 0; i < nr; i++)
		rr += x->rsum[i] > 0;
	for (size_t j = 0; j < nc; j++)
		kc += x->csum[j] > 0;
	if (rr < 2 || kc < 2)
		die_at(r->name, 0, NULL, NULL, "the chi-square test needs 2 or more levels in "
		       "each column ('%s' has %zu, '%s' %zu)", r->header[cc[0]], rr,
		       r->header[cc[1]], kc);
	double *t = xmalloc(rr * kc * sizeof *t);
	size_t k = 0;
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < nc && x->rsum[i] > 0; j++)
			if (x->csum[j] > 0)
				t[k++] = x->n[i * nc + j];
	ht_result res;
	const char *why = ht_chi2(t, rr, kc, o->yates, &res);
	free(t);
	if (why)	/* not reached: the empty margins are left out above */
		die("internal error: %s", why);
	static const char *head[] = {"row", "column", "n", "chi2", "df", "p", "cramers_v",
	                             "yates", "min_expected"};
	for (size_t h = 0; h < sizeof head / sizeof *head; h++)
		tsvw_str(out, head[h]);
	tsvw_end(out);
	tsvw_str(out, r->header[cc[0]]);
	tsvw_str(out, r->header[cc[1]]);
	tsvw_int(out, (long long)x->total);
	tsvw_num(out, res.statistic);
	tsvw_int(out, (long long)res.df);
	tsvw_num(out, res.p);
	tsvw_num(out, res.effect);
	tsvw_str(out, res.corrected ? "yes" : "no");
	tsvw_num(out, res.min_expected);
	tsvw_end(out);
}

static void
run_cross(tsv_reader *r, const opts *o)
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
	xtab x;
	memset(&x, 0, sizeof x);
	levels_init(&x.row, (size_t)o->max_levels);
	levels_init(&x.col, (size_t)o->max_levels);
	size_t nrows = 0;
	cross_count(r, idx, &x, o, &nrows);
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	if (o->chi2)
		write_chi2(&out, r, idx, &x, o);
	else
		write_cross(&out, r, idx, &x, o);
	close_stdout();
	if (!o->quiet)
		warn("read %zu row%s, %zu left out (missing in '%s' or '%s')", nrows,
		     nrows == 1 ? "" : "s", x.left_out, r->header[idx[0]], r->header[idx[1]]);
	levels_free(&x.row);
	levels_free(&x.col);
	free(x.n);
	free(x.rsum);
	free(x.csum);
	free(idx);
}

/* ---- counts and groups: the stream ---- */

static void
count_row(tsv_reader *r, tcol *tc, const size_t *vars, size_t nvar, const opts *o,
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
		vec *a = &tc->val[lv * nvar + v];
		a->x = xgrow(a->x, &a->cap, a->n + 1, sizeof *a->x);
		a->x[a->n++] = x;
	}
}

static void
run_counts(tsv_reader *r, char **names, size_t nnames, const opts *o)
{
	size_t *cols, ncols = cols_expand(r, names, nnames, &cols);
	size_t *vars = NULL, nvar = 0;
	if (o->nby) {
		vars = cols;
		nvar = ncols;
		ncols = cols_expand(r, o->by, o->nby, &cols);
	}
	tcol *t = xcalloc(ncols, sizeof *t);
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
		tcol *tc = &t[j];
		size_t old = tc->lv.n, *map = order_levels(&tc->lv, r->header[tc->col], r, o);
		vec *a = xcalloc(tc->lv.n * nvar + 1, sizeof *a);
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
		write_by(&out, r, t, ncols, vars, nvar, o);
	else
		empty_share = o->wide ? write_wide(&out, r, t, ncols, nrows, o)
		                      : write_long(&out, r, t, ncols, nrows, o);
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
parse_stats(opts *o, const char *list)
{
	size_t m;
	char **items = cols_option_list(list, "--stats", &m);
	o->nstats = 0;
	for (size_t k = 0; k < m && o->nstats < S_COUNT; k++)
		o->stats[o->nstats++] = (enum stat)opt_word(items[k], stat_names, "--stats");
	cols_free_list(items, m);
}

static void
on_option(void *ctx, int id, const char *arg)
{
	opts *o = ctx;
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
check_opts(const opts *o)
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
	opts o;
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
		o.stats[0] = S_N;
		o.stats[1] = S_MEAN;
		o.stats[2] = S_SD;
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
