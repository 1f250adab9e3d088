/* describe: one row per column of a TSV: its kind, counts, most frequent
 * values and, for numbers, quartiles, mean and sd. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "levels.h"
#include "num.h"
#include "opt.h"
#include "stats.h"
#include "tsv.h"

/* A text column with more distinct values than this is "text". */
enum { CATEGORICAL_MAX = 20 };

enum { OPT_NAMES = CLI_OWN, OPT_TOP, OPT_MAX_LEVELS };

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL,
	 "only these columns (names or globs, comma-separated;\n"
	 "repeatable), in this order"},
	{OPT_NAMES, "names", 0, NULL, "list only the position and name of each column"},
	{OPT_TOP, "top", 0, "N", "the N most frequent values (top1, top1_n, ...;\n"
	 "default 3, 0 for none)"},
	{OPT_MAX_LEVELS, "max-levels", 0, "N", "track at most N distinct values per column (default\n"
	 "10000): past it, distinct and top are left empty"},
	{CLI_DIGITS, NULL, 0, NULL, "round printed numbers to N significant digits"},
	{0},
};

static const cli_tool tool = {
	.name = "describe",
	.synopsis = "[OPTION]... [FILE]",
	.about = "One row per column of the TSV (FILE or standard input): position, column,\n"
	         "kind (number, categorical, text, empty), n (answered), missing, distinct\n"
	         "values, the most frequent values with their counts, and for numbers min,\n"
	         "q1, median, q3, max (R's quantile type 7), mean and sd (n - 1).",
	.epilog = "number: every answer a finite number; categorical: other values, at most\n"
	          "20 distinct; text: more; empty: no answer. Numbers compare by value ('1'\n"
	          "and '1.0' are one value). Quantiles are exact: a number column's values are\n"
	          "held in memory (8 bytes each). An sd beyond the range of numbers (about\n"
	          "1.8e308: 1.7e308 and -1.7e308) is an error naming the column.",
	.common = CLI_COLUMNS | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
};

typedef struct {
	long top, max_levels;
	int only_names;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_NAMES: o->only_names = 1; break;
	case OPT_TOP: o->top = opt_long(arg, 0, 100, "--top"); break;
	case OPT_MAX_LEVELS: o->max_levels = opt_long(arg, 1, 100000000, "--max-levels"); break;
	}
}

typedef struct {
	size_t col, n, missing;
	levels lv;
	int over;		/* more distinct values than --max-levels */
	int numeric;		/* every answer so far a number */
	double *x;		/* the numbers, while numeric */
	size_t nx, xcap;
	stats_summary s;	/* of x, once read */
} dcol;

static void
names(const tsv_reader *r, const size_t *cols, size_t ncols)
{
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_str(&out, "position");
	tsvw_str(&out, "column");
	tsvw_end(&out);
	for (size_t j = 0; j < ncols; j++) {
		tsvw_int(&out, (long long)cols[j] + 1);
		tsvw_str(&out, r->header[cols[j]]);
		tsvw_end(&out);
	}
}

static void
add_value(dcol *d, tsv_reader *r)
{
	if (tsv_missing(r, d->col)) {
		d->missing++;
		return;
	}
	d->n++;
	const char *s = tsv_get(r, d->col);
	if (!d->over && levels_add(&d->lv, s, r->flen[d->col], 1) == LEVELS_FULL) {
		d->over = 1;
		warn_at(r->name, 0, r->header[d->col], NULL, "more than %zu distinct "
		        "values: distinct and top left empty (--max-levels)", d->lv.max);
	}
	double x;
	if (d->numeric && num_parse(s, &x) == NUM_OK) {
		d->x = xgrow(d->x, &d->xcap, d->nx + 1, sizeof *d->x);
		d->x[d->nx++] = x;
	} else if (d->numeric) {
		d->numeric = 0;
		free(d->x);
		d->x = NULL;
		d->nx = d->xcap = 0;
	}
}

/* The statistics of the number columns, before a line is written: one
 * beyond the range of numbers is an error, not a half-written table. */
static void
summarize(dcol *d, size_t ncols, const tsv_reader *r)
{
	for (size_t j = 0; j < ncols; j++)
		if (d[j].numeric && d[j].n) {
			stats_summarize(d[j].x, d[j].nx, 1, &d[j].s);
			stats_summary_check(&d[j].s, r->name, r->header[d[j].col], NULL);
		}
}

static void
header(tsv_writer *out, long top)
{
	static const char *head[] = {"position", "column", "kind", "n", "missing", "distinct"};
	static const char *tail[] = {"min", "q1", "median", "q3", "max", "mean", "sd"};
	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		tsvw_str(out, head[k]);
	for (long k = 1; k <= top; k++) {
		char h[32];
		snprintf(h, sizeof h, "top%ld", k);
		tsvw_str(out, h);
		snprintf(h, sizeof h, "top%ld_n", k);
		tsvw_str(out, h);
	}
	for (size_t k = 0; k < sizeof tail / sizeof *tail; k++)
		tsvw_str(out, tail[k]);
	tsvw_end(out);
}

static void
report(tsv_writer *out, const tsv_reader *r, dcol *d, long top)
{
	const char *kind = d->n == 0 ? "empty" : d->numeric ? "number" :
	                   !d->over && d->lv.n <= CATEGORICAL_MAX ? "categorical" : "text";
	tsvw_int(out, (long long)d->col + 1);
	tsvw_str(out, r->header[d->col]);
	tsvw_str(out, kind);
	tsvw_int(out, (long long)d->n);
	tsvw_int(out, (long long)d->missing);
	if (d->over)
		tsvw_str(out, NULL);
	else
		tsvw_int(out, (long long)d->lv.n);
	size_t *by = levels_by_count(&d->lv);
	for (long k = 0; k < top; k++) {
		if (d->over || (size_t)k >= d->lv.n) {
			tsvw_str(out, NULL);
			tsvw_str(out, NULL);
		} else {
			tsvw_str(out, d->lv.value[by[k]]);
			tsvw_int(out, (long long)d->lv.count[by[k]]);
		}
	}
	free(by);
	if (d->numeric && d->n) {
		const stats_summary s = d->s;
		double v[] = {s.min, s.q1, s.median, s.q3, s.max, s.mean, s.sd};
		for (size_t k = 0; k < sizeof v / sizeof *v; k++)
			tsvw_num_or_missing(out, v[k]);
	} else {
		for (int k = 0; k < 7; k++)
			tsvw_str(out, NULL);
	}
	tsvw_end(out);
}

int
main(int argc, char **argv)
{
	options o = {.top = 3, .max_levels = 10000};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	cols_check_unique(&r);
	size_t *cols, ncols;
	if (c.ncolumns) {
		ncols = cols_expand(&r, c.columns, c.ncolumns, &cols);
	} else {
		ncols = r.ncols;
		cols = xmalloc(ncols * sizeof *cols);
		for (size_t j = 0; j < ncols; j++)
			cols[j] = j;
	}
	if (o.only_names) {
		names(&r, cols, ncols);
	} else {
		dcol *d = xcalloc(ncols, sizeof *d);
		for (size_t j = 0; j < ncols; j++) {
			d[j].col = cols[j];
			d[j].numeric = 1;
			levels_init(&d[j].lv, (size_t)o.max_levels);
		}
		size_t nrows = 0;
		while (tsv_next(&r)) {
			nrows++;
			for (size_t j = 0; j < ncols; j++)
				add_value(&d[j], &r);
		}
		if (nrows == 0)
			die_at(r.name, 0, NULL, NULL, "no data rows, only a header");
		summarize(d, ncols, &r);
		tsv_writer out;
		tsvw_init(&out, stdout, "<stdout>");
		header(&out, o.top);
		for (size_t j = 0; j < ncols; j++)
			report(&out, &r, &d[j], o.top);
		if (!c.quiet)
			warn("read %zu row%s, %zu column%s", nrows, nrows == 1 ? "" : "s",
			     ncols, ncols == 1 ? "" : "s");
		for (size_t j = 0; j < ncols; j++) {
			levels_free(&d[j].lv);
			free(d[j].x);
		}
		free(d);
	}
	close_stdout();
	tsv_free(&r);
	free(cols);
	cli_free(&c);
	return 0;
}
