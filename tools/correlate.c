/* correlate: the correlation of every pair of a set of columns, written long
 * (a row per pair) or as a paper's lower-triangle table; the engine is
 * lib/cormat's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "cormat.h"
#include "err.h"
#include "opt.h"
#include "out.h"
#include "tsv.h"

enum { OPT_LISTWISE = CLI_OWN, OPT_ADJUST, OPT_FORMAT };

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL,
	 "the columns to correlate, 2 or more (names or\nglobs, comma-separated)"},
	{OPT_LISTWISE, "listwise", 0, NULL,
	 "use only rows with every column present (default:\n"
	 "pairwise, each pair its rows with both values)"},
	{OPT_ADJUST, "adjust", 0, "METHOD",
	 "adjust the p of the pairs as one family: bh (the\n"
	 "default), by, holm, bonferroni, hochberg (as\n"
	 "bh-correct) or none"},
	{OPT_FORMAT, "format", 0, "FORMAT",
	 "tsv (the default: a row per pair), markdown or\n"
	 "latex (the lower-triangle table of a paper)"},
	{0},
};

static const char *const methods[] = {"pearson", "spearman", NULL};
/* in ht_adjust_method's order, then none */
static const char *const adjusts[] = {"bh", "by", "holm", "bonferroni", "hochberg", "none",
                                      NULL};
enum { MAX_COLUMNS = 2000, MAX_TABLE_COLUMNS = 100 };

static const char *const formats[] = {"tsv", "markdown", "latex", NULL};

static const cli_tool tool = {
	.name = "correlate",
	.synopsis = "-c COLUMNS [OPTION]... [FILE]",
	.about = "Correlate every pair of the columns -c of a TSV (FILE or standard input):\n"
	         "Pearson's r or Spearman's rho, n, p from Student's t (df = n-2, as scipy's\n"
	         "pearsonr and spearmanr) and p adjusted over the pairs as one family.\n"
	         "Written long (a b n r p p_adj method adjust, a row per pair, in column\n"
	         "order) or, with --format markdown|latex, as the lower-triangle table with\n"
	         "n, means and SDs that papers print (r to 2 decimals, stars for p_adj).",
	.epilog = "An empty cell is a missing value; a value that is not a number is an\n"
	          "error. A constant column, or a pair with fewer than 3 values, is an\n"
	          "error naming it. The counts go to standard error (-q: none).\n"
	          "At most 2,000 columns (100 in a --format table): the pairs grow as\n"
	          "the square of the columns.",
	.common = CLI_COLUMNS | CLI_METHOD | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
	.methods = methods,
	.method_help = "pearson (the default) or spearman (average ranks)",
};

typedef struct {
	int listwise, adjust, format;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_LISTWISE: o->listwise = 1; break;
	case OPT_ADJUST: o->adjust = opt_word(arg, adjusts, "--adjust"); break;
	case OPT_FORMAT: o->format = opt_word(arg, formats, "--format"); break;
	}
}

/* The columns COL (K) of R's rows, NAN where missing; *NROWS rows. */
static double *
read_columns(tsv_reader *r, const size_t *col, size_t k, size_t *nrows)
{
	/* static: still reachable when a value below is an error */
	static double *x;
	x = NULL;
	size_t n = 0, cap = 0;
	while (tsv_next(r)) {
		x = xgrow(x, &cap, (n + 1) * k, sizeof *x);
		for (size_t j = 0; j < k; j++) {
			double v = NAN;
			if (!tsv_missing(r, col[j]))
				tsv_number(r, col[j], &v);
			x[n * k + j] = v;
		}
		n++;
	}
	*nrows = n;
	return x;
}

static void
say_counts(const cormat *m, size_t nrows)
{
	if (m->listwise) {
		warn("%zu of %zu rows complete in the %zu columns (listwise)", m->complete,
		     nrows, m->k);
		return;
	}
	size_t lo = (size_t)-1, hi = 0;
	for (size_t at = 0; at < m->npairs; at++) {
		lo = m->pn[at] < lo ? m->pn[at] : lo;
		hi = m->pn[at] > hi ? m->pn[at] : hi;
	}
	warn("%zu rows; %zu pairs of columns, pairwise n %zu to %zu", nrows, m->npairs, lo, hi);
}

int
main(int argc, char **argv)
{
	err_init(tool.name);
	options o = {.adjust = 0};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	if (!c.ncolumns)
		die_usage("give the columns to correlate with -c");
	int adjust = strcmp(adjusts[o.adjust], "none") == 0 ? -1 : o.adjust;

	tsv_reader r;
	FILE *in = cli_input(&c);
	tsv_open(&r, in, c.in_name);
	size_t *col;
	size_t k = cols_expand(&r, c.columns, c.ncolumns, &col);
	if (k < 2) {
		free(col);
		die_usage("-c names 1 column ('%s'); correlate needs 2 or more", c.columns[0]);
	}
	/* the pairs cost time and memory (about 80 bytes each) as k^2: 5,000
	 * columns were 12.5 million pairs and a gigabyte; a paper's table of
	 * more than 100 is not read */
	size_t most = o.format ? MAX_TABLE_COLUMNS : MAX_COLUMNS;
	if (k > most) {
		free(col);
		die_at(r.name, 0, NULL, NULL, "-c names %zu columns: at most %zu%s (%zu "
		       "pairs); correlate fewer, or in groups", k, most,
		       o.format ? " in a --format table" : "", most * (most - 1) / 2);
	}
	const char **name = xmalloc(k * sizeof *name);
	for (size_t j = 0; j < k; j++)
		name[j] = r.header[col[j]];
	size_t nrows;
	double *x = read_columns(&r, col, k, &nrows);
	free(col);
	if (nrows == 0) {
		free(name);
		die_at(r.name, 0, NULL, NULL, "no data rows, only a header");
	}

	cormat m;
	char why[1024];
	if (cormat_run(&m, x, nrows, k, name, c.method == 1, o.listwise, adjust, why,
	               sizeof why) < 0) {
		free(x);
		free(name);
		die("%s: %s", r.name, why);
	}
	free(x);
	if (!c.quiet)
		say_counts(&m, nrows);
	if (o.format == 0) {
		tsv_writer w;
		tsvw_init(&w, stdout, "<stdout>");
		cormat_write_long(&m, &w);
	} else {
		out_begin();
		cormat_write_table(&m, stdout, o.format == 2, 2);
	}
	close_stdout();
	cormat_free(&m);
	free(name);
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
