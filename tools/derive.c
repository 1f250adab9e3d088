/* derive: append columns computed from others, row by row. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

enum op { OP_ANY, OP_ALL, OP_SUM, OP_MEAN, OP_COUNT };
static const char *op_names[] = {"any", "all", "sum", "mean", "count"};

typedef struct {
	enum op op;
	char *name;		/* the new column */
	char **args;		/* its source columns, as given */
	size_t nargs;
	size_t *src;		/* their indices */
	size_t nsrc;
	size_t line;
} derivation;

static void
usage(void)
{
	printf("usage: %s [OPTION]... [FILE]\n"
	       "Append columns computed from other columns of the same row.\n"
	       "Reads TSV from FILE or standard input, writes TSV to standard output.\n"
	       "\n"
	       "      --any NAME=COL,...    1 if any of the columns is non-zero, else 0\n"
	       "      --all NAME=COL,...    1 if all of the columns are non-zero, else 0\n"
	       "      --sum NAME=COL,...    their sum\n"
	       "      --mean NAME=COL,...   their mean\n"
	       "      --count NAME=COL,...  how many are non-zero\n"
	       "      --digits N            round printed numbers to N significant digits\n"
	       "  -i, --input FILE          read FILE (as the operand FILE; '-' is stdin)\n"
	       "  -q, --quiet               no summary line on standard error\n"
	       "  -o, --output FILE         write to FILE, complete or not at all\n"
	       "      --help                show this help and exit\n"
	       "      --version             show the version and exit\n"
	       "\n"
	       "COL may be a shell glob (method_*). The columns must be numeric; a row\n"
	       "with any of them missing gets an empty result, counted on stderr. A sum\n"
	       "or mean beyond the range of numbers (about 1.8e308) is an error naming\n"
	       "the derived column and the row, never a written Inf.\n"
	       "Example, the study's ML developers:\n"
	       "  derive --any ml_developer=task_custom_apps,task_tools_from_scratch\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

static void
parse_derivation(derivation *d, enum op op, const char *spec)
{
	const char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1])
		die_usage("option '--%s': '%s' is not NAME=COL,...", op_names[op], spec);
	d->op = op;
	d->name = xstrndup(spec, (size_t)(eq - spec));
	char option[16];
	snprintf(option, sizeof option, "--%s", op_names[op]);
	d->args = cols_option_list(eq + 1, option, &d->nargs);
}

/* The mean of X[0..N-1] without overflow on the way: the running mean
 * (Welford's update) stays within the range of the values. */
static double
mean_of(const double *x, size_t n)
{
	double m = 0;
	for (size_t k = 0; k < n; k++)
		m += (x[k] - m) / (double)(k + 1);
	return m;
}

/* The value of D for the row's numbers X[0..N-1]: finite, or an error at
 * the row naming the derived column. */
static double
apply(const derivation *d, const double *x, size_t n, const tsv_reader *r)
{
	double acc = 0;
	size_t nonzero = 0;
	for (size_t k = 0; k < n; k++) {
		acc += x[k];
		nonzero += x[k] != 0;
	}
	switch (d->op) {
	case OP_ANY: return nonzero > 0;
	case OP_ALL: return nonzero == n;
	case OP_COUNT: return (double)nonzero;
	case OP_SUM: break;
	case OP_MEAN:
		/* x/2 + y/2 can be finite where x + y is not */
		acc = isfinite(acc) ? acc / (double)n : mean_of(x, n);
		break;
	}
	if (!isfinite(acc))
		die_at(r->name, r->lineno, d->name, NULL, "the %s is beyond the range "
		       "of numbers (about 1.8e308)", op_names[d->op]);
	return acc;
}

int
main(int argc, char **argv)
{
	enum { OPT_ALL = CHAR_MAX + 1, OPT_ANY, OPT_COUNT, OPT_DIGITS, OPT_HELP,
	       OPT_MEAN, OPT_SUM, OPT_VERSION };
	static const struct option longopts[] = {
		{"all", required_argument, NULL, OPT_ALL},
		{"any", required_argument, NULL, OPT_ANY},
		{"count", required_argument, NULL, OPT_COUNT},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, 'i'},
		{"mean", required_argument, NULL, OPT_MEAN},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"sum", required_argument, NULL, OPT_SUM},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	derivation *ds = xcalloc((size_t)argc, sizeof *ds);
	size_t nd = 0;
	const char *input = NULL;
	int quiet = 0, c;

	err_init("derive");
	while ((c = getopt_long(argc, argv, ":o:i:q", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ANY: parse_derivation(&ds[nd++], OP_ANY, optarg); break;
		case OPT_ALL: parse_derivation(&ds[nd++], OP_ALL, optarg); break;
		case OPT_COUNT: parse_derivation(&ds[nd++], OP_COUNT, optarg); break;
		case OPT_MEAN: parse_derivation(&ds[nd++], OP_MEAN, optarg); break;
		case OPT_SUM: parse_derivation(&ds[nd++], OP_SUM, optarg); break;
		case OPT_DIGITS: opt_digits(optarg); break;
		case 'i': input = optarg; break;
		case 'q': quiet = 1; break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (nd == 0)
		die_usage("nothing to derive: give --any, --all, --sum, --mean or --count");
	const char *inname;
	FILE *in = opt_input(input, argc, argv, optind, &inname);
	tsv_reader r;
	tsv_open(&r, in, inname);
	size_t maxsrc = 1;
	for (size_t k = 0; k < nd; k++) {
		if (cols_find(&r, ds[k].name) >= 0)
			die_usage("column '%s' exists already: choose another name", ds[k].name);
		for (size_t j = 0; j < k; j++)
			if (strcmp(ds[j].name, ds[k].name) == 0)
				die_usage("column '%s' is derived twice", ds[k].name);
		ds[k].nsrc = cols_expand(&r, ds[k].args, ds[k].nargs, &ds[k].src);
		if (ds[k].nsrc > maxsrc)
			maxsrc = ds[k].nsrc;
	}
	double *x = xmalloc(maxsrc * sizeof *x);

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_header(&out, &r);
	for (size_t k = 0; k < nd; k++)
		tsvw_str(&out, ds[k].name);
	tsvw_end(&out);

	unsigned long long nread = 0, incomplete = 0;
	while (tsv_next(&r)) {
		nread++;
		tsvw_copy_row(&out, &r);
		int row_incomplete = 0;
		for (size_t k = 0; k < nd; k++) {
			size_t have = 0;
			for (size_t j = 0; j < ds[k].nsrc; j++)
				have += tsv_number(&r, ds[k].src[j], &x[have]);
			if (have < ds[k].nsrc) {
				tsvw_str(&out, NULL);
				row_incomplete = 1;
			} else {
				tsvw_num(&out, apply(&ds[k], x, have, &r));
			}
		}
		incomplete += row_incomplete;
		tsvw_end(&out);
	}
	/* the summary before stdout is closed (in a pipeline, the next tool
	 * cannot finish, and speak, before this one has), after it is known
	 * written */
	out_flush();
	if (!quiet)
		warn("read %llu rows, kept %llu, dropped 0; %llu with a derived value "
		     "missing (a source column missing)", nread, nread, incomplete);
	close_stdout();
	for (size_t k = 0; k < nd; k++) {
		cols_free_list(ds[k].args, ds[k].nargs);
		free(ds[k].src);
		free(ds[k].name);
	}
	free(ds);
	free(x);
	opt_close_input(in);
	tsv_free(&r);
	return 0;
}
