/* Drawing for svy-plot: bar charts (histograms too) and box plots in UTF-8
 * block characters, or as PNG/SVG figures through gnuplot; the bins of a
 * histogram; labels made safe to show. */
#ifndef SVY_PLOT_H
#define SVY_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "stats.h"

/* One bar: a label and a count (bar chart, histogram). */
typedef struct {
	char *label;
	double count;
} plot_bar;

/* One box: a group's label, n and five numbers. */
typedef struct {
	char *label;
	stats_summary s;
} plot_box;

/* A figure drawn by gnuplot. */
typedef struct {
	int format;		/* 'p' PNG, 's' SVG */
	const char *path;	/* the file gnuplot writes (lib/out's temporary) */
	const char *title, *ylabel;
	const char *output;	/* the file named in a message */
} plot_figure;

/* The N bars B (BINS: a histogram's, whose labels are cut at whole columns)
 * or boxes as text, WIDTH columns wide, to FP. */
void plot_draw_bars(FILE *fp, const plot_bar *b, size_t n, size_t width, int bins);
void plot_draw_boxes(FILE *fp, const plot_box *b, size_t n, size_t width);

/* The same as a figure; a gnuplot that is missing or fails is an error. */
void plot_figure_bars(const plot_figure *f, const plot_bar *b, size_t n);
void plot_figure_boxes(const plot_figure *f, const plot_box *b, size_t n);

/* S made safe to show: control codes and bytes that are not UTF-8 as \xNN.
 * Allocated. */
char *plot_safe_label(const char *s);

/* The bars of the histogram of X[0..N-1] (N > 0; sorted in place): BINS
 * bins (0: Sturges, log2(N) + 1) of equal width labelled by their edges,
 * the last one closed; *NBARS of them. Values spanning more than the
 * largest number are an error naming COLUMN. */
plot_bar *plot_histogram(double *x, size_t n, size_t bins, const char *column, size_t *nbars);
void plot_bars_free(plot_bar *b, size_t n);

#endif
