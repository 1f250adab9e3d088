/* derive: append columns computed from others, row by row. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "stats.h"
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

static const cli_opt own[] = {
	{CLI_OWN + OP_ANY, "any", 0, "SPEC", "1 if any of the columns is non-zero, else 0"},
	{CLI_OWN + OP_ALL, "all", 0, "SPEC", "1 if all of the columns are non-zero, else 0"},
	{CLI_OWN + OP_SUM, "sum", 0, "SPEC", "their sum"},
	{CLI_OWN + OP_MEAN, "mean", 0, "SPEC", "their mean"},
	{CLI_OWN + OP_COUNT, "count", 0, "SPEC", "how many are non-zero"},
	{CLI_DIGITS, NULL, 0, NULL, "round printed numbers to N significant digits"},
	{0},
};

static const cli_tool tool = {
	.name = "derive",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Append columns computed from other columns of the same row.\n"
	         "Reads TSV from FILE or standard input, writes TSV to standard output.",
	.epilog = "SPEC is NAME=COL,...: the new column NAME, computed from the columns\n"
	          "COL. COL may be a shell glob (method_*). The columns must be numeric; a row\n"
	          "with any of them missing gets an empty result, counted on stderr. A sum\n"
	          "or mean beyond the range of numbers (about 1.8e308) is an error naming\n"
	          "the derived column and the row, never a written Inf.\n"
	          "Example, the study's ML developers:\n"
	          "  derive --any ml_developer=task_custom_apps,task_tools_from_scratch",
	.common = CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
};

typedef struct {
	derivation *ds;
	size_t nd;
} options;

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

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	o->ds = xrealloc(o->ds, (o->nd + 1) * sizeof *o->ds);
	memset(&o->ds[o->nd], 0, sizeof *o->ds);
	parse_derivation(&o->ds[o->nd++], (enum op)(id - CLI_OWN), arg);
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
		/* without overflow on the way: x/2 + y/2 can be finite where
		 * x + y is not */
		acc = stats_mean(x, n);
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
	options o = {0};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	derivation *ds = o.ds;
	size_t nd = o.nd;
	if (nd == 0)
		die_usage("nothing to derive: give --any, --all, --sum, --mean or --count");
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	size_t maxsrc = 1;
	for (size_t k = 0; k < nd; k++) {
		if (cols_find(&r, ds[k].name) >= 0)
			die_usage("column '%s' exists already: choose another name", err_q(ds[k].name));
		for (size_t j = 0; j < k; j++)
			if (strcmp(ds[j].name, ds[k].name) == 0)
				die_usage("column '%s' is derived twice", err_q(ds[k].name));
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
	if (!c.quiet)
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
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
