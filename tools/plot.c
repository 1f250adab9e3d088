/* plot: a quick look at a column in the terminal (histogram, bar chart, box
 * plots by group) in UTF-8 block characters, or as PNG/SVG through gnuplot. */
#include <errno.h>
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
#include "out.h"
#include "plot.h"
#include "tsv.h"

enum { OPT_BAR = CLI_OWN, OPT_BINS, OPT_TOP, OPT_MAX_LEVELS, OPT_WIDTH, OPT_TITLE };

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL, "the column to plot (one)"},
	{CLI_BY, NULL, 0, NULL, "box plots of the numeric COLUMN per level of this\n"
	 "column (whiskers at min and max, box q1 to q3, type 7)"},
	{OPT_BAR, "bar", 0, NULL, "a bar chart even when the answers are numbers (the\n"
	 "codes of a scale)"},
	{OPT_BINS, "bins", 0, "N", "histogram bins (default: Sturges, log2(n) + 1)"},
	{OPT_TOP, "top", 0, "N", "bar chart of the N most frequent levels, the rest\n"
	 "summed as (other)"},
	{OPT_MAX_LEVELS, "max-levels", 0, "N", "more levels than N is an error (default 40; use\n"
	 "--top N for a cut)"},
	{OPT_WIDTH, "width", 0, "N", "columns of the drawing (default: $COLUMNS, else 80)"},
	{'l', "levels", 'l', "LIST", "the bar chart's levels in this order (comma-separated;\n"
	 "a scale's answers); unseen ones get 0, others are\nan error"},
	{OPT_TITLE, "title", 0, "TEXT", "the title of a PNG/SVG figure (default: the column)"},
	{CLI_OUTPUT, NULL, 0, NULL, "FILE.png or FILE.svg: a figure (gnuplot); any other\n"
	 "name: the text drawing; either complete or not at all"},
	{0},
};

static const cli_tool tool = {
	.name = "plot",
	.synopsis = "-c COLUMN [OPTION]... [FILE]",
	.about = "A quick look at COLUMN of the TSV (FILE or standard input): a histogram\n"
	         "when its answers are numbers, a bar chart of its levels otherwise, or\n"
	         "with --by box plots of it per level of GROUP. Drawn with UTF-8 block\n"
	         "characters to the width of the terminal ($COLUMNS, else 80), or with\n"
	         "-o FILE.png or FILE.svg as a figure through gnuplot.",
	.epilog = "Control characters in the data (ESC, other C0 and C1 codes) are shown as\n"
	          "\\xNN, never sent to the terminal.",
	.common = CLI_COLUMNS | CLI_BY | CLI_INPUT | CLI_QUIET | CLI_OUTPUT,
	.opts = own,
};

typedef struct {
	const char *column, *by, *input, *output, *title;
	long bins, top, max_levels, width;
	char **levels;
	size_t nlevels;
	int bar, quiet, figure;	/* figure: 'p' png, 's' svg, 0 text */
	const char *figure_tmp;	/* the file gnuplot writes (lib/out's temporary) */
} opts;

/* ---- the three plots ---- */

/* The bars (BINS: a histogram's) as text or a figure. */
static void
emit_bars(const opts *o, const plot_bar *b, size_t n, const char *ylabel, int bins)
{
	if (!o->figure) {
		tsv_writer w;
		tsvw_init(&w, stdout, "<stdout>");	/* -o: the switch to the file */
		plot_draw_bars(stdout, b, n, (size_t)o->width, bins);
		return;
	}
	plot_figure f = {o->figure, o->figure_tmp, o->title ? o->title : o->column, ylabel,
	                 o->output};
	plot_figure_bars(&f, b, n);
}

static void
histogram(const opts *o, double *x, size_t n)
{
	size_t k;
	plot_bar *b = plot_histogram(x, n, (size_t)o->bins, o->column, &k);
	emit_bars(o, b, k, "count", 1);
	plot_bars_free(b, k);
}

static void
barchart(const opts *o, levels *lv, const tsv_reader *r)
{
	size_t n = lv->n;
	if (!o->top && n > (size_t)o->max_levels)
		die_at(r->name, 0, NULL, NULL, "column '%s' has %zu levels, more than a bar "
		       "chart shows (%ld): use --top N, or --max-levels", o->column, n,
		       o->max_levels);
	if (o->levels) {
		size_t bad = levels_order(lv, o->levels, o->nlevels, NULL);
		if (bad != LEVELS_FULL)
			die_at(r->name, 0, o->column, lv->value[bad], "level not in --levels");
		n = lv->n;
	} else {
		levels_sort(lv, NULL);
	}
	size_t *idx = o->top ? levels_by_count(lv) : NULL, show = n;
	if (o->top && (size_t)o->top < n)
		show = (size_t)o->top;
	plot_bar *b = xcalloc(show + 1, sizeof *b);
	for (size_t i = 0; i < show; i++) {
		size_t j = idx ? idx[i] : i;
		b[i].label = plot_safe_label(lv->value[j]);
		b[i].count = (double)lv->count[j];
	}
	size_t nb = show;
	if (show < n) {
		b[nb].label = xstrdup("(other)");
		for (size_t i = show; i < n; i++)
			b[nb].count += (double)lv->count[idx[i]];
		nb++;
	}
	emit_bars(o, b, nb, "count", 0);
	plot_bars_free(b, nb);
	free(idx);
}

static void
boxplots(const opts *o, levels *g, double **x, size_t *nx)
{
	size_t *map = xmalloc((g->n ? g->n : 1) * sizeof *map);
	levels_sort(g, map);
	plot_box *b = xcalloc(g->n + 1, sizeof *b);
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < g->n; i++) {
		b[map[i]].label = plot_safe_label(g->value[map[i]]);
		for (size_t j = 0; j < nx[i]; j++) {
			lo = x[i][j] < lo ? x[i][j] : lo;
			hi = x[i][j] > hi ? x[i][j] : hi;
		}
	}
	/* as the histogram: a span past the largest number has no scale (and
	 * the quartiles between such values overflow) */
	if (!isfinite(hi - lo)) {
		for (size_t i = 0; i < g->n; i++)
			free(b[i].label);
		free(b);
		free(map);
		die("column '%s': the values span more than the largest number", o->column);
	}
	for (size_t i = 0; i < g->n; i++)
		stats_summarize(x[i], nx[i], 1, &b[map[i]].s);
	if (!o->figure) {
		tsv_writer w;
		tsvw_init(&w, stdout, "<stdout>");
		plot_draw_boxes(stdout, b, g->n, (size_t)o->width);
	} else {
		plot_figure f = {o->figure, o->figure_tmp, o->title ? o->title : o->column,
		                 o->column, o->output};
		plot_figure_boxes(&f, b, g->n);
	}
	for (size_t i = 0; i < g->n; i++)
		free(b[i].label);
	free(b);
	free(map);
}

/* The terminal's width: $COLUMNS when it is a number from 20 to 1000, else 80. */
static long
terminal_width(void)
{
	const char *s = getenv("COLUMNS");
	char *end;
	if (!s || !*s)
		return 80;
	errno = 0;
	long w = strtol(s, &end, 10);
	return *end || errno || w < 20 || w > 1000 ? 80 : w;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void
on_option(void *ctx, int id, const char *arg)
{
	opts *o = ctx;
	switch (id) {
	case OPT_BAR: o->bar = 1; break;
	case OPT_BINS: o->bins = opt_long(arg, 1, 1000, "--bins"); break;
	case OPT_MAX_LEVELS: o->max_levels = opt_long(arg, 1, 100000, "--max-levels"); break;
	case OPT_TITLE: o->title = arg; break;
	case 'l':
		cols_free_list(o->levels, o->nlevels);
		o->levels = cols_option_list(arg, "--levels", &o->nlevels);
		break;
	case OPT_TOP: o->top = opt_long(arg, 1, 100000, "--top"); break;
	case OPT_WIDTH: o->width = opt_long(arg, 20, 1000, "--width"); break;
	}
}

/* The options that go together, and what -o makes. */
static void
check_opts(opts *o, const cli *c)
{
	if (c->ncolumns == 0)
		die_usage("no column: give -c COLUMN");
	if (c->ncolumns > 1)
		die_usage("one column to plot: '%s' or '%s'", c->columns[0], c->columns[1]);
	if (c->nby > 1)
		die_usage("one group for box plots: '%s' or '%s'", c->by[0], c->by[1]);
	o->column = c->columns[0];
	o->by = c->nby ? c->by[0] : NULL;
	o->output = c->output;
	o->quiet = c->quiet;
	if (o->by && (o->bar || o->top || o->bins || o->levels))
		die_usage("--by draws box plots: no --bar, --top, --bins or --levels");
	if (o->levels && (o->top || o->bins))
		die_usage("--levels orders every level of a bar chart: no --top or --bins");
	if (o->levels)
		o->bar = 1;	/* levels: a bar chart, even of numbers */
	if (o->bar && o->bins)
		die_usage("--bins is for histograms: not with --bar");
	if (o->output && (ends_with(o->output, ".png") || ends_with(o->output, ".svg"))) {
		o->figure = ends_with(o->output, ".png") ? 'p' : 's';
		/* gnuplot writes the figure: into a temporary lib/out puts in place */
		o->figure_tmp = out_temporary(o->output);
	}
	if (!o->width)
		o->width = terminal_width();
}

int
main(int argc, char **argv)
{
	opts o = {.max_levels = 40};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	check_opts(&o, &c);
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	size_t col = cols_require(&r, o.column), gcol = o.by ? cols_require(&r, o.by) : 0;
	if (o.by && gcol == col)
		die_usage("--by: the group is the column plotted ('%s')", o.column);

	levels lv;		/* the column's levels, or (--by) the groups */
	levels_init(&lv, 100000);
	double *x = NULL, **gx = NULL;
	size_t nx = 0, xcap = 0, *gn = NULL, *gcap = NULL, gslots = 0;
	size_t nrows = 0, missing = 0;
	int numeric = !o.bar;
	while (tsv_next(&r)) {
		nrows++;
		double v;
		if (o.by) {
			if (tsv_missing(&r, gcol) || !tsv_number(&r, col, &v)) {
				missing++;
				continue;
			}
			size_t g = levels_add_or_die(&lv, &r, gcol, 1);
			if (g >= gslots) {
				size_t cap = gslots;
				gx = xgrow(gx, &cap, g + 1, sizeof *gx);
				gn = xrealloc(gn, cap * sizeof *gn);
				gcap = xrealloc(gcap, cap * sizeof *gcap);
				for (size_t k = gslots; k < cap; k++) {
					gx[k] = NULL;
					gn[k] = gcap[k] = 0;
				}
				gslots = cap;
			}
			gx[g] = xgrow(gx[g], &gcap[g], gn[g] + 1, sizeof **gx);
			gx[g][gn[g]++] = v;
			continue;
		}
		if (tsv_missing(&r, col)) {
			missing++;
			continue;
		}
		if (numeric && num_parse(tsv_get(&r, col), &v) == NUM_OK) {
			x = xgrow(x, &xcap, nx + 1, sizeof *x);
			x[nx++] = v;
			/* the levels only matter for a bar chart: a histogram has
			 * no bound on distinct values (past the bound, a later
			 * answer that is no number is the error) */
			if (o.top)
				levels_add_or_die(&lv, &r, col, 1);
			else
				levels_add(&lv, tsv_get(&r, col), r.flen[col], 1);
		} else {
			numeric = 0;
			levels_add_or_die(&lv, &r, col, 1);
		}
	}
	if (nrows == 0)
		die_at(r.name, 0, NULL, NULL, "no data rows, only a header");
	if (nrows == missing)
		die_at(r.name, 0, o.column, NULL, "no value to plot: every row is missing%s",
		       o.by ? " the value or the group" : "");
	if (o.by)
		boxplots(&o, &lv, gx, gn);
	else if (numeric && !o.top)
		histogram(&o, x, nx);
	else
		barchart(&o, &lv, &r);
	if (!o.quiet)
		warn("read %zu row%s, plotted %zu, %zu missing", nrows, nrows == 1 ? "" : "s",
		     nrows - missing, missing);
	close_stdout();
	for (size_t k = 0; k < gslots; k++)
		free(gx[k]);
	free(gx);
	free(gn);
	free(gcap);
	free(x);
	levels_free(&lv);
	cols_free_list(o.levels, o.nlevels);
	tsv_free(&r);
	cli_free(&c);
	return 0;
}

