/* describe: one row per column of a TSV: its kind, counts, most frequent
 * values and, for numbers, quartiles, mean and sd. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "levels.h"
#include "num.h"
#include "opt.h"
#include "stats.h"
#include "tsv.h"

/* A text column with more distinct values than this is "text". */
enum { CATEGORICAL_MAX = 20 };

static void
usage(void)
{
	printf("usage: %s [OPTION]... [FILE]\n"
	       "One row per column of the TSV (FILE or standard input): position, column,\n"
	       "kind (number, categorical, text, empty), n (answered), missing, distinct\n"
	       "values, the most frequent values with their counts, and for numbers min,\n"
	       "q1, median, q3, max (R's quantile type 7), mean and sd (n - 1).\n"
	       "\n"
	       "  -c, --columns LIST   only these columns (names or globs, comma-separated;\n"
	       "                       repeatable), in this order\n"
	       "      --names          list only the position and name of each column\n"
	       "      --top N          the N most frequent values (top1, top1_n, ...;\n"
	       "                       default 3, 0 for none)\n"
	       "      --max-levels N   track at most N distinct values per column (default\n"
	       "                       10000): past it, distinct and top are left empty\n"
	       "  -i, --input FILE     read FILE (as the operand FILE; '-' is stdin)\n"
	       "      --digits N       round printed numbers to N significant digits\n"
	       "  -q, --quiet          no summary line on standard error\n"
	       "  -o, --output FILE    write to FILE, complete or not at all\n"
	       "      --help           show this help and exit\n"
	       "      --version        show the version and exit\n"
	       "\n"
	       "number: every answer a finite number; categorical: other values, at most\n"
	       "20 distinct; text: more; empty: no answer. Numbers compare by value ('1'\n"
	       "and '1.0' are one value). Quantiles are exact: a number column's values are\n"
	       "held in memory (8 bytes each).\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

typedef struct {
	size_t col, n, missing;
	levels lv;
	int over;		/* more distinct values than --max-levels */
	int numeric;		/* every answer so far a number */
	double *x;		/* the numbers, while numeric */
	size_t nx, xcap;
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
		warn("%s: column '%s': more than %zu distinct values: distinct and top "
		     "left empty (--max-levels)", r->name, r->header[d->col], d->lv.max);
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
	stats_summary s;
	if (d->numeric && d->n) {
		stats_summarize(d->x, d->nx, 1, &s);
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
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_DIGITS, OPT_MAX_LEVELS, OPT_NAMES,
	       OPT_TOP };
	static const struct option longopts[] = {
		{"columns", required_argument, NULL, 'c'},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, 'i'},
		{"max-levels", required_argument, NULL, OPT_MAX_LEVELS},
		{"names", no_argument, NULL, OPT_NAMES},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"top", required_argument, NULL, OPT_TOP},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *input = NULL;
	char **pat = NULL;
	size_t npat = 0, patcap = 0;
	long top = 3, max_levels = 10000;
	int only_names = 0, quiet = 0, c;

	err_init("describe");
	while ((c = getopt_long(argc, argv, ":c:i:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': {
			size_t m;
			char **list = cols_option_list(optarg, "--columns", &m);
			pat = xgrow(pat, &patcap, npat + m, sizeof *pat);
			memcpy(pat + npat, list, m * sizeof *list);
			npat += m;
			free(list);
			break;
		}
		case 'i': input = optarg; break;
		case 'q': quiet = 1; break;
		case OPT_DIGITS: opt_digits(optarg); break;
		case OPT_MAX_LEVELS: max_levels = opt_long(optarg, 1, 100000000, "--max-levels"); break;
		case OPT_NAMES: only_names = 1; break;
		case OPT_TOP: top = opt_long(optarg, 0, 100, "--top"); break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	const char *name;
	FILE *in = opt_input(input, argc, argv, optind, &name);
	tsv_reader r;
	tsv_open(&r, in, name);
	cols_check_unique(&r);
	size_t *cols, ncols;
	if (npat) {
		ncols = cols_expand(&r, pat, npat, &cols);
	} else {
		ncols = r.ncols;
		cols = xmalloc(ncols * sizeof *cols);
		for (size_t j = 0; j < ncols; j++)
			cols[j] = j;
	}
	if (only_names) {
		names(&r, cols, ncols);
	} else {
		dcol *d = xcalloc(ncols, sizeof *d);
		for (size_t j = 0; j < ncols; j++) {
			d[j].col = cols[j];
			d[j].numeric = 1;
			levels_init(&d[j].lv, (size_t)max_levels);
		}
		size_t nrows = 0;
		while (tsv_next(&r)) {
			nrows++;
			for (size_t j = 0; j < ncols; j++)
				add_value(&d[j], &r);
		}
		if (nrows == 0)
			die_at(r.name, 0, NULL, NULL, "no data rows, only a header");
		tsv_writer out;
		tsvw_init(&out, stdout, "<stdout>");
		header(&out, top);
		for (size_t j = 0; j < ncols; j++)
			report(&out, &r, &d[j], top);
		if (!quiet)
			warn("read %zu row%s, %zu column%s", nrows, nrows == 1 ? "" : "s",
			     ncols, ncols == 1 ? "" : "s");
		for (size_t j = 0; j < ncols; j++) {
			levels_free(&d[j].lv);
			free(d[j].x);
		}
		free(d);
	}
	close_stdout();
	opt_close_input(in);
	tsv_free(&r);
	free(cols);
	cols_free_list(pat, npat);
	return 0;
}
