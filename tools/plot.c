/* plot: a quick look at a column in the terminal (histogram, bar chart, box
 * plots by group) in UTF-8 block characters, or as PNG/SVG through gnuplot. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cols.h"
#include "err.h"
#include "levels.h"
#include "num.h"
#include "opt.h"
#include "stats.h"
#include "tsv.h"

static void
usage(void)
{
	printf("usage: %s -c COLUMN [OPTION]... [FILE]\n"
	       "A quick look at COLUMN of the TSV (FILE or standard input): a histogram\n"
	       "when its answers are numbers, a bar chart of its levels otherwise, or\n"
	       "with --by box plots of it per level of GROUP. Drawn with UTF-8 block\n"
	       "characters to the width of the terminal ($COLUMNS, else 80), or with\n"
	       "-o FILE.png or FILE.svg as a figure through gnuplot.\n"
	       "\n"
	       "  -c, --columns NAME   the column to plot (one)\n"
	       "  -g, --by GROUP       box plots of the numeric COLUMN per level of GROUP\n"
	       "                       (whiskers at min and max, box q1 to q3, type 7)\n"
	       "      --bar            a bar chart even when the answers are numbers (the\n"
	       "                       codes of a scale)\n"
	       "      --bins N         histogram bins (default: Sturges, log2(n) + 1)\n"
	       "      --top N          bar chart of the N most frequent levels, the rest\n"
	       "                       summed as (other)\n"
	       "      --max-levels N   more levels than N is an error (default 40; use\n"
	       "                       --top N for a cut)\n"
	       "      --width N        columns of the drawing (default: $COLUMNS, else 80)\n"
	       "  -l, --levels LIST    the bar chart's levels in this order (comma-separated;\n"
	       "                       a scale's answers); unseen ones get 0, others are\n"
	       "                       an error\n"
	       "      --title TEXT     the title of a PNG/SVG figure (default: the column)\n"
	       "  -i, --input FILE     read FILE (as the operand FILE; '-' is stdin)\n"
	       "  -q, --quiet          no summary line on standard error\n"
	       "  -o, --output FILE    FILE.png or FILE.svg: a figure (gnuplot); any other\n"
	       "                       name: the text drawing, complete or not at all\n"
	       "      --help           show this help and exit\n"
	       "      --version        show the version and exit\n"
	       "\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

typedef struct {
	const char *column, *by, *input, *output, *title;
	long bins, top, max_levels, width;
	char **levels;
	size_t nlevels;
	int bar, quiet, figure;	/* figure: 'p' png, 's' svg, 0 text */
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

static size_t
label_width(char *const *labels, size_t n, size_t width)
{
	size_t lw = 1;
	for (size_t i = 0; i < n; i++)
		if (width_of(labels[i]) > lw)
			lw = width_of(labels[i]);
	size_t cap = width / 3 > 8 ? width / 3 : 8;
	return lw < cap ? lw : cap;
}

static void
draw_bars(FILE *fp, const bar *b, size_t n, size_t width)
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
	size_t lw = label_width(labels, n, width);
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
	size_t lw = label_width(labels, n, width);
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

static char *
temp_path(const char *path, const char *what)
{
	size_t len = strlen(path) + strlen(what) + 16;
	char *t = xmalloc(len);
	snprintf(t, len, "%s.%s.XXXXXX", path, what);
	int fd = mkstemp(t);
	if (fd < 0)
		die_errno("%s", path);
	close(fd);
	return t;
}

/* Draw with gnuplot into O->output (atomically). KIND: 'h' histogram,
 * 'b' bars, 'x' boxes; DATA the tab-separated file of the numbers. */
static void
gnuplot(const opts *o, int kind, const char *data, const char *ylabel, size_t n)
{
	char *tmp = temp_path(o->output, "tmp");
	/* a gnuplot that is missing or fails must not kill us by SIGPIPE: its
	 * status says what happened, and the temporary files go */
	void (*pipe_handler)(int) = signal(SIGPIPE, SIG_IGN);
	FILE *gp = popen("gnuplot 1>&2", "w");
	if (!gp) {
		remove(tmp);
		remove(data);
		die_errno("gnuplot");
	}
	fprintf(gp, "set datafile separator \"\\t\"\nset termoption noenhanced\n"
	            "w = 800; h = 500; font = \"DejaVu Sans\"\n");
	if (o->figure == 's')
		fprintf(gp, "set terminal svg size w, h font font . \",12\" background rgb \"white\"\n");
	else
		fprintf(gp, "set terminal pngcairo size w, h font font . \",11\" background rgb \"white\"\n");
	fputs("set output ", gp);
	put_gp_string(gp, tmp);
	fputs("\nset title ", gp);
	put_gp_string(gp, o->title ? o->title : o->column);
	fputs("\nset ylabel ", gp);
	put_gp_string(gp, ylabel);
	fprintf(gp, "\nset border 3\nset grid ytics lc rgb \"#dddddd\" lt 1\n"
	            "set style fill solid 1.0 border lc rgb \"#ffffff\"\n"
	            "set xtics out nomirror rotate by -30\nset ytics out nomirror\n"
	            "set boxwidth 0.8 relative\nset yrange [0:*]\n");
	fputs("data = ", gp);
	put_gp_string(gp, data);
	fputc('\n', gp);
	if (kind == 'x')
		fprintf(gp, "set yrange [*:*]\nset offsets 0, 0, graph 0.05, graph 0.05\n"
		            "set xrange [-0.5:%zu.5]\nset boxwidth 0.5\n"
		            "set style fill solid 0.4 border lc rgb \"#08306b\"\n"
		            "plot data using 0:3:2:6:5:xtic(1) with candlesticks whiskerbars 0.5 "
		            "lc rgb \"#08306b\" lw 1.5 notitle, \"\" using 0:4:4:4:4 "
		            "with candlesticks lc rgb \"#08306b\" lw 3 notitle\n", n - 1);
	else
		fputs("plot data using 0:2:xtic(1) with boxes lc rgb \"#3182bd\" notitle\n", gp);
	int st = pclose(gp);
	signal(SIGPIPE, pipe_handler);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		remove(tmp);
		remove(data);
		die("gnuplot failed (status %d) drawing %s: is gnuplot (gnuplot-nox) "
		    "installed?", WIFEXITED(st) ? WEXITSTATUS(st) : st, o->output);
	}
	mode_t mask = umask(0);		/* a shell redirection's permissions */
	umask(mask);
	if (chmod(tmp, 0666 & ~mask) != 0 || rename(tmp, o->output) != 0) {
		int e = errno;
		remove(tmp);
		remove(data);
		errno = e;
		die_errno("%s", o->output);
	}
	free(tmp);
}

static FILE *
data_file(const opts *o, char **path)
{
	*path = temp_path(o->output, "data");
	FILE *fp = fopen(*path, "w");
	if (!fp)
		die_errno("%s", *path);
	return fp;
}

/* ---- the three plots ---- */

static void
emit_bars(const opts *o, bar *b, size_t n, const char *ylabel)
{
	if (!o->figure) {
		tsv_writer w;
		tsvw_init(&w, stdout, "<stdout>");	/* -o: the switch to the file */
		draw_bars(stdout, b, n, (size_t)o->width);
		return;
	}
	char *path;
	FILE *fp = data_file(o, &path);
	for (size_t i = 0; i < n; i++) {
		for (char *p = b[i].label; *p; p++)
			fputc(*p == '\t' || *p == '\n' || *p == '"' ? ' ' : *p, fp);
		fprintf(fp, "\t%.17g\n", b[i].count);
	}
	if (fclose(fp) != 0)
		die_errno("%s", path);
	gnuplot(o, 'b', path, ylabel, n);
	remove(path);
	free(path);
}

static char *
fmt_num(double x)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.4g", x == 0 ? 0 : x);
	return xstrdup(buf);
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
	bar *b = xcalloc(k, sizeof *b);
	for (size_t i = 0; i < k; i++) {
		char *a = fmt_num(lo + (double)i * w), *z = fmt_num(i + 1 == k ? hi : lo + (double)(i + 1) * w);
		b[i].label = xmalloc(strlen(a) + strlen(z) + 6);
		sprintf(b[i].label, "[%s, %s%s", a, z, i + 1 == k ? "]" : ")");
		free(a);
		free(z);
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = w > 0 ? (size_t)((x[i] - lo) / w) : 0;
		b[j < k ? j : k - 1].count++;
	}
	emit_bars(o, b, k, "count");
	for (size_t i = 0; i < k; i++)
		free(b[i].label);
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
		b[i].label = lv->value[j];
		b[i].count = (double)lv->count[j];
	}
	size_t nb = show;
	if (show < n) {
		b[nb].label = "(other)";
		for (size_t i = show; i < n; i++)
			b[nb].count += (double)lv->count[idx[i]];
		nb++;
	}
	emit_bars(o, b, nb, "count");
	free(b);
	free(idx);
}

static void
boxplots(const opts *o, levels *g, double **x, size_t *nx)
{
	size_t *map = xmalloc((g->n ? g->n : 1) * sizeof *map);
	levels_sort(g, map);
	box *b = xcalloc(g->n + 1, sizeof *b);
	for (size_t i = 0; i < g->n; i++) {
		b[map[i]].label = g->value[map[i]];
		stats_summarize(x[i], nx[i], 1, &b[map[i]].s);
	}
	if (!o->figure) {
		tsv_writer w;
		tsvw_init(&w, stdout, "<stdout>");
		draw_boxes(stdout, b, g->n, (size_t)o->width);
	} else {
		char *path;
		FILE *fp = data_file(o, &path);
		for (size_t i = 0; i < g->n; i++) {
			const stats_summary *s = &b[i].s;
			for (char *p = b[i].label; *p; p++)
				fputc(*p == '\t' || *p == '"' ? ' ' : *p, fp);
			fprintf(fp, "\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\n", s->min, s->q1,
			        s->median, s->q3, s->max);
		}
		if (fclose(fp) != 0)
			die_errno("%s", path);
		gnuplot(o, 'x', path, o->column, g->n);
		remove(path);
		free(path);
	}
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
parse_opts(opts *o, int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_BAR, OPT_BINS, OPT_MAX_LEVELS,
	       OPT_TITLE, OPT_TOP, OPT_WIDTH };
	static const struct option longopts[] = {
		{"bar", no_argument, NULL, OPT_BAR},
		{"bins", required_argument, NULL, OPT_BINS},
		{"by", required_argument, NULL, 'g'},
		{"columns", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, 'i'},
		{"levels", required_argument, NULL, 'l'},
		{"max-levels", required_argument, NULL, OPT_MAX_LEVELS},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"title", required_argument, NULL, OPT_TITLE},
		{"top", required_argument, NULL, OPT_TOP},
		{"version", no_argument, NULL, OPT_VERSION},
		{"width", required_argument, NULL, OPT_WIDTH},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, ":c:g:i:l:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (o->column)
				die_usage("one column to plot: '%s' or '%s'", o->column, optarg);
			o->column = optarg;
			break;
		case 'g': o->by = optarg; break;
		case 'i': o->input = optarg; break;
		case 'o': o->output = optarg; break;
		case 'q': o->quiet = 1; break;
		case OPT_BAR: o->bar = 1; break;
		case OPT_BINS: o->bins = opt_long(optarg, 1, 1000, "--bins"); break;
		case OPT_MAX_LEVELS: o->max_levels = opt_long(optarg, 1, 100000, "--max-levels"); break;
		case OPT_TITLE: o->title = optarg; break;
		case 'l':
			cols_free_list(o->levels, o->nlevels);
			o->levels = cols_option_list(optarg, "--levels", &o->nlevels);
			break;
		case OPT_TOP: o->top = opt_long(optarg, 1, 100000, "--top"); break;
		case OPT_WIDTH: o->width = opt_long(optarg, 20, 1000, "--width"); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (!o->column)
		die_usage("no column: give -c COLUMN");
	if (o->by && (o->bar || o->top || o->bins || o->levels))
		die_usage("--by draws box plots: no --bar, --top, --bins or --levels");
	if (o->levels && (o->top || o->bins))
		die_usage("--levels orders every level of a bar chart: no --top or --bins");
	if (o->levels)
		o->bar = 1;	/* levels: a bar chart, even of numbers */
	if (o->bar && o->bins)
		die_usage("--bins is for histograms: not with --bar");
	if (o->output && (ends_with(o->output, ".png") || ends_with(o->output, ".svg")))
		o->figure = ends_with(o->output, ".png") ? 'p' : 's';
	else if (o->output)
		out_to_file(o->output);
	if (!o->width)
		o->width = terminal_width();
}

int
main(int argc, char **argv)
{
	opts o = {.max_levels = 40};
	err_init("plot");
	parse_opts(&o, argc, argv);
	const char *name;
	FILE *in = opt_input(o.input, argc, argv, optind, &name);
	tsv_reader r;
	tsv_open(&r, in, name);
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
		levels_add_or_die(&lv, &r, col, 1);
		if (numeric && num_parse(tsv_get(&r, col), &v) == NUM_OK) {
			x = xgrow(x, &xcap, nx + 1, sizeof *x);
			x[nx++] = v;
		} else {
			numeric = 0;
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
	if (!o.figure)
		close_stdout();
	for (size_t k = 0; k < gslots; k++)
		free(gx[k]);
	free(gx);
	free(gn);
	free(gcap);
	free(x);
	levels_free(&lv);
	cols_free_list(o.levels, o.nlevels);
	opt_close_input(in);
	tsv_free(&r);
	return 0;
}
