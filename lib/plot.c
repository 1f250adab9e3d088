/* Drawing for svy-plot (see plot.h). */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "err.h"
#include "plot.h"

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

void
plot_draw_bars(FILE *fp, const plot_bar *b, size_t n, size_t width, int bins)
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

void
plot_draw_boxes(FILE *fp, const plot_box *b, size_t n, size_t width)
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
char *
plot_safe_label(const char *s)
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

/* Start gnuplot drawing F (into F->path) and the data block $data; the
 * caller writes the rows, then ends with finish_gnuplot. */
static FILE *
start_gnuplot(const plot_figure *f)
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
	if (f->format == 's')
		fprintf(gp, "set terminal svg size w, h font font . \",12\" background rgb \"white\"\n");
	else
		fprintf(gp, "set terminal pngcairo size w, h font font . \",11\" background rgb \"white\"\n");
	fputs("set output ", gp);
	put_gp_string(gp, f->path);
	fputs("\nset title ", gp);
	put_gp_string(gp, f->title);
	fputs("\nset ylabel ", gp);
	put_gp_string(gp, f->ylabel);
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
finish_gnuplot(const plot_figure *f, FILE *gp, int kind, size_t n)
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
		    "installed?", WIFEXITED(st) ? WEXITSTATUS(st) : st, f->output);
}

void
plot_figure_bars(const plot_figure *f, const plot_bar *b, size_t n)
{
	FILE *gp = start_gnuplot(f);
	for (size_t i = 0; i < n; i++) {
		put_gp_label(gp, b[i].label);
		fprintf(gp, "\t%.17g\n", b[i].count);
	}
	finish_gnuplot(f, gp, 'b', n);
}

void
plot_figure_boxes(const plot_figure *f, const plot_box *b, size_t n)
{
	FILE *gp = start_gnuplot(f);
	for (size_t i = 0; i < n; i++) {
		const stats_summary *s = &b[i].s;
		put_gp_label(gp, b[i].label);
		fprintf(gp, "\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\n", s->min, s->q1,
		        s->median, s->q3, s->max);
	}
	finish_gnuplot(f, gp, 'x', n);
}

/* ---- histogram ---- */

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

plot_bar *
plot_histogram(double *x, size_t n, size_t bins, const char *column, size_t *nbars)
{
	stats_sort(x, n);
	size_t k = bins ? bins : (size_t)ceil(log2((double)n)) + 1;
	double lo = x[0], hi = x[n - 1];
	if (hi == lo)
		k = 1;
	double w = (hi - lo) / (double)k;
	if (!isfinite(w))
		die("column '%s': the values span more than the largest number", column);
	double *edge = xmalloc((k + 1) * sizeof *edge);
	for (size_t i = 0; i < k; i++)
		edge[i] = lo + (double)i * w;
	edge[k] = hi;
	char **e = edge_labels(edge, k);
	plot_bar *b = xcalloc(k, sizeof *b);
	for (size_t i = 0; i < k; i++) {
		b[i].label = xmalloc(strlen(e[i]) + strlen(e[i + 1]) + 6);
		sprintf(b[i].label, "[%s, %s%s", e[i], e[i + 1], i + 1 == k ? "]" : ")");
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = w > 0 ? (size_t)((x[i] - lo) / w) : 0;
		b[j < k ? j : k - 1].count++;
	}
	for (size_t i = 0; i <= k; i++)
		free(e[i]);
	free(e);
	free(edge);
	*nbars = k;
	return b;
}

void
plot_bars_free(plot_bar *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(b[i].label);
	free(b);
}
