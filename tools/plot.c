/* plot: a quick look at a column in the terminal (histogram, bar chart, box
 * plots by group) in UTF-8 block characters, or as PNG/SVG through gnuplot. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "levels.h"
#include "num.h"
#include "opt.h"
#include "stats.h"
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

/* One bar: a label and a count (bar chart, histogram). */
typedef struct {
	char *label;
	double count;
} bar;

/* One box: a group's label, n and five numbers. */
typedef struct {
	char *label;
	stats_summary s;
} box;

/* ---- text drawing ---- */

/* Display width of UTF-8 text: its code points. */
static size_t
width_of(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* S padded with spaces (or cut with an ellipsis) to W columns. */
static void
put_cell(FILE *fp, const char *s, size_t w)
{
	size_t sw = width_of(s);
	if (sw <= w) {
		fputs(s, fp);
		for (; sw < w; sw++)
			fputc(' ', fp);
		return;
	}
	size_t cp = 0;
	for (const char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && ++cp == w)
			break;
		fputc(*p, fp);
	}
	fputs("\u2026", fp);
}

/* A bar of LEN eighths of a column, in block characters. */
static void
put_bar(FILE *fp, long len)
{
	static const char *part[] = {"", "\u258f", "\u258e", "\u258d", "\u258c",
	                             "\u258b", "\u258a", "\u2589"};
	for (long k = 0; k < len / 8; k++)
		fputs("\u2588", fp);
	fputs(part[len % 8], fp);
}

/* The column of the labels: the widest, cut at a third of the width (at
 * WHOLE columns when the labels are a histogram's bins, cut they could look
 * alike). */
static size_t
label_width(char *const *labels, size_t n, size_t width, size_t whole)
{
	size_t lw = 1;
	for (size_t i = 0; i < n; i++)
		if (width_of(labels[i]) > lw)
			lw = width_of(labels[i]);
	size_t cap = width / 3 > 8 ? width / 3 : 8;
	cap = whole > cap ? whole : cap;
	return lw < cap ? lw : cap;
}

static void
draw_bars(FILE *fp, const bar *b, size_t n, size_t width, int bins)
{
	char **labels = xmalloc((n ? n : 1) * sizeof *labels);
	double max = 0;
	int cw = 1;
	for (size_t i = 0; i < n; i++) {
		labels[i] = b[i].label;
		max = b[i].count > max ? b[i].count : max;
		int d = snprintf(NULL, 0, "%.0f", b[i].count);
		cw = d > cw ? d : cw;
	}
	size_t lw = label_width(labels, n, width, bins ? width - (size_t)cw - 3 : 0);
	long area = (long)width - (long)lw - cw - 2;
	if (area < 1)
		area = 1;
	for (size_t i = 0; i < n; i++) {
		put_cell(fp, b[i].label, lw);
		fprintf(fp, " %*.0f ", cw, b[i].count);
		put_bar(fp, max > 0 ? lround(b[i].count / max * (double)(area * 8)) : 0);
		fputc('\n', fp);
	}
	free(labels);
}

static long
at(double v, double lo, double hi, long area)
{
	return hi > lo ? lround((v - lo) / (hi - lo) * (double)(area - 1)) : 0;
}

static void
draw_boxes(FILE *fp, const box *b, size_t n, size_t width)
{
	char **labels = xmalloc((n ? n : 1) * sizeof *labels);
	double lo = INFINITY, hi = -INFINITY;
	int cw = 1;
	for (size_t i = 0; i < n; i++) {
		labels[i] = b[i].label;
		if (b[i].s.n) {
			lo = b[i].s.min < lo ? b[i].s.min : lo;
			hi = b[i].s.max > hi ? b[i].s.max : hi;
		}
		int d = snprintf(NULL, 0, "%zu", b[i].s.n);
		cw = d > cw ? d : cw;
	}
	size_t lw = label_width(labels, n, width, 0);
	long area = (long)width - (long)lw - cw - 2;
	if (area < 2)
		area = 2;
	for (size_t i = 0; i < n; i++) {
		const stats_summary *s = &b[i].s;
		put_cell(fp, b[i].label, lw);
		fprintf(fp, " %*zu ", cw, s->n);
		if (s->n) {
			long p0 = at(s->min, lo, hi, area), p1 = at(s->q1, lo, hi, area),
			     p2 = at(s->median, lo, hi, area), p3 = at(s->q3, lo, hi, area),
			     p4 = at(s->max, lo, hi, area);
			for (long k = 0; k <= p4; k++)
				fputs(k < p0 ? " " : k == p2 ? "\u2503" : k >= p1 && k <= p3 ?
				      "\u2592" : k == p0 ? "\u251c" : k == p4 ? "\u2524" :
				      "\u2500", fp);
		}
		fputc('\n', fp);
	}
	if (n && lo <= hi) {	/* the axis: the lowest and the highest value */
		char a[32], z[32];
		snprintf(a, sizeof a, "%.4g", lo);
		snprintf(z, sizeof z, "%.4g", hi);
		long gap = area - (long)strlen(a) - (long)strlen(z);
		fprintf(fp, "%*s%s%*s%s\n", (int)lw + cw + 2, "", a, (int)(gap > 1 ? gap : 1),
		        "", z);
	}
	free(labels);
}

/* ---- labels from the data ---- */

/* S made safe to show: C0 and C1 control codes, DEL and bytes that are not
 * UTF-8 written as \xNN (the code point for C1), so that no answer sends
 * escape sequences to a terminal or invalid characters to an SVG.
 * Allocated. */
static char *
safe_label(const char *s)
{
	size_t n = strlen(s);
	char *t = xmalloc(4 * n + 1), *o = t;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 :
		             (*p & 0xF8) == 0xF0 ? 4 : 0;
		size_t k = 1;
		while (k < len && (p[k] & 0xC0) == 0x80)
			k++;
		int c1 = len == 2 && k == 2 && p[0] == 0xC2 && p[1] < 0xA0;
		if (len == 1 && *p >= 0x20 && *p != 0x7F) {
			*o++ = (char)*p++;
		} else if (len > 1 && k == len && !c1) {
			memcpy(o, p, len);
			o += len;
			p += len;
		} else {	/* a control code, or a byte out of place */
			o += sprintf(o, "\\x%02x", c1 ? p[1] : p[0]);
			p += c1 ? 2 : 1;
		}
	}
	*o = '\0';
	return t;
}

/* ---- figures through gnuplot ---- */

/* S as a gnuplot string: single-quoted, quotes doubled, control bytes blank. */
static void
put_gp_string(FILE *gp, const char *s)
{
	fputc('\'', gp);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', gp);
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, gp);
	}
	fputc('\'', gp);
}

/* A label as a field of gnuplot's data: no TAB, newline or quote. */
static void
put_gp_label(FILE *gp, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '"' ? ' ' : *s, gp);
}

/* Start gnuplot drawing O's figure (into the temporary lib/out renames into
 * place at close_stdout) and the data block $data; the caller writes the
 * rows, then ends with finish_gnuplot. */
static FILE *
start_gnuplot(const opts *o, const char *ylabel)
{
	/* a gnuplot that is missing or fails must not kill us by SIGPIPE: its
	 * status says what happened, and the temporary goes */
	signal(SIGPIPE, SIG_IGN);
	FILE *gp = popen("gnuplot 1>&2", "w");
	if (!gp)
		die_errno("gnuplot");
	fprintf(gp, "set datafile separator \"\\t\"\nset datafile commentschars \"\"\n"
	            "set termoption noenhanced\n"
	            "w = 800; h = 500; font = \"DejaVu Sans\"\n");
	if (o->figure == 's')
		fprintf(gp, "set terminal svg size w, h font font . \",12\" background rgb \"white\"\n");
	else
		fprintf(gp, "set terminal pngcairo size w, h font font . \",11\" background rgb \"white\"\n");
	fputs("set output ", gp);
	put_gp_string(gp, o->figure_tmp);
	fputs("\nset title ", gp);
	put_gp_string(gp, o->title ? o->title : o->column);
	fputs("\nset ylabel ", gp);
	put_gp_string(gp, ylabel);
	fprintf(gp, "\nset border 3\nset grid ytics lc rgb \"#dddddd\" lt 1\n"
	            "set style fill solid 1.0 border lc rgb \"#ffffff\"\n"
	            "set xtics out nomirror rotate by -30\nset ytics out nomirror\n"
	            "set boxwidth 0.8 relative\nset yrange [0:*]\n"
	            "$data << EOD\n");
	return gp;
}

/* End the data block, plot it (KIND: 'b' bars, 'x' N boxes) and wait for
 * gnuplot. */
static void
finish_gnuplot(const opts *o, FILE *gp, int kind, size_t n)
{
	fputs("EOD\n", gp);
	if (kind == 'x')
		fprintf(gp, "set yrange [*:*]\nset offsets 0, 0, graph 0.05, graph 0.05\n"
		            "set xrange [-0.5:%zu.5]\nset boxwidth 0.5\n"
		            "set style fill solid 0.4 border lc rgb \"#08306b\"\n"
		            "plot $data using 0:3:2:6:5:xtic(1) with candlesticks whiskerbars 0.5 "
		            "lc rgb \"#08306b\" lw 1.5 notitle, $data using 0:4:4:4:4 "
		            "with candlesticks lc rgb \"#08306b\" lw 3 notitle\n", n - 1);
	else
		fputs("plot $data using 0:2:xtic(1) with boxes lc rgb \"#3182bd\" notitle\n", gp);
	int st = pclose(gp);
	signal(SIGPIPE, SIG_DFL);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die("gnuplot failed (status %d) drawing %s: is gnuplot (gnuplot-nox) "
		    "installed?", WIFEXITED(st) ? WEXITSTATUS(st) : st, o->output);
}

/* ---- the three plots ---- */

/* The bars (BINS: a histogram's) as text or a figure. */
static void
emit_bars(const opts *o, bar *b, size_t n, const char *ylabel, int bins)
{
	if (!o->figure) {
		tsv_writer w;
		tsvw_init(&w, stdout, "<stdout>");	/* -o: the switch to the file */
		draw_bars(stdout, b, n, (size_t)o->width, bins);
		return;
	}
	FILE *gp = start_gnuplot(o, ylabel);
	for (size_t i = 0; i < n; i++) {
		put_gp_label(gp, b[i].label);
		fprintf(gp, "\t%.17g\n", b[i].count);
	}
	finish_gnuplot(o, gp, 'b', n);
}

/* The K + 1 edges of the bins as labels: with 4 significant digits, or as
 * many more as it takes for neighbours to differ (bins 1.00001 wide). */
static char **
edge_labels(const double *edge, size_t k)
{
	char **e = xcalloc(k + 1, sizeof *e);
	for (int digits = 4; digits <= 17; digits++) {
		for (size_t i = 0; i <= k; i++) {
			char buf[40];
			snprintf(buf, sizeof buf, "%.*g", digits, edge[i] == 0 ? 0 : edge[i]);
			free(e[i]);
			e[i] = xstrdup(buf);
		}
		size_t i = 0;
		while (i < k && strcmp(e[i], e[i + 1]) != 0)
			i++;
		if (i == k)
			break;
	}
	return e;
}

static void
histogram(const opts *o, double *x, size_t n)
{
	stats_sort(x, n);
	size_t k = o->bins ? (size_t)o->bins : (size_t)ceil(log2((double)n)) + 1;
	double lo = x[0], hi = x[n - 1];
	if (hi == lo)
		k = 1;
	double w = (hi - lo) / (double)k;
	if (!isfinite(w))
		die("column '%s': the values span more than the largest number", o->column);
	double *edge = xmalloc((k + 1) * sizeof *edge);
	for (size_t i = 0; i < k; i++)
		edge[i] = lo + (double)i * w;
	edge[k] = hi;
	char **e = edge_labels(edge, k);
	bar *b = xcalloc(k, sizeof *b);
	for (size_t i = 0; i < k; i++) {
		b[i].label = xmalloc(strlen(e[i]) + strlen(e[i + 1]) + 6);
		sprintf(b[i].label, "[%s, %s%s", e[i], e[i + 1], i + 1 == k ? "]" : ")");
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = w > 0 ? (size_t)((x[i] - lo) / w) : 0;
		b[j < k ? j : k - 1].count++;
	}
	emit_bars(o, b, k, "count", 1);
	for (size_t i = 0; i < k; i++)
		free(b[i].label);
	for (size_t i = 0; i <= k; i++)
		free(e[i]);
	free(e);
	free(edge);
	free(b);
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
	bar *b = xcalloc(show + 1, sizeof *b);
	for (size_t i = 0; i < show; i++) {
		size_t j = idx ? idx[i] : i;
		b[i].label = safe_label(lv->value[j]);
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
	for (size_t i = 0; i < nb; i++)
		free(b[i].label);
	free(b);
	free(idx);
}

static void
boxplots(const opts *o, levels *g, double **x, size_t *nx)
{
	size_t *map = xmalloc((g->n ? g->n : 1) * sizeof *map);
	levels_sort(g, map);
	box *b = xcalloc(g->n + 1, sizeof *b);
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < g->n; i++) {
		b[map[i]].label = safe_label(g->value[map[i]]);
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
		draw_boxes(stdout, b, g->n, (size_t)o->width);
	} else {
		FILE *gp = start_gnuplot(o, o->column);
		for (size_t i = 0; i < g->n; i++) {
			const stats_summary *s = &b[i].s;
			put_gp_label(gp, b[i].label);
			fprintf(gp, "\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\n", s->min, s->q1,
			        s->median, s->q3, s->max);
		}
		finish_gnuplot(o, gp, 'x', g->n);
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
