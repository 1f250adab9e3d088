/* tally: counts and shares of the levels of columns; means and standard
 * deviations of numeric columns per level of a grouping column. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "codebook.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

static void
usage(void)
{
	printf("usage: %s [OPTION]... COLUMN...\n"
	       "       %s --by GROUP [OPTION]... VARIABLE...\n"
	       "Counts and shares of the levels (distinct values) of each COLUMN (names or\n"
	       "shell globs such as 'method_*') of the TSV on standard input; or, with --by,\n"
	       "the mean and standard deviation of each numeric VARIABLE per level of GROUP.\n"
	       "\n"
	       "  -w, --wide           one row per column: column, n (answered) and a\n"
	       "                       share_LEVEL column per level (all columns' levels)\n"
	       "  -m, --multiple       the columns are options of a multiple-choice question,\n"
	       "                       coded 0/1: one row per option, for the answer 1 (with\n"
	       "                       --by: each GROUP column is one group, its rows with 1;\n"
	       "                       a row counts in every group it names)\n"
	       "  -b, --by GROUP       group by GROUP (names or globs, comma-separated;\n"
	       "                       repeatable): rows column, level, variable, n, mean, sd\n"
	       "      --ddof N         sd divides by n - N (default 1: R sd, pandas std;\n"
	       "                       numpy std uses 0)\n"
	       "  -l, --levels LIST    the levels in order, comma-separated; levels not seen\n"
	       "                       get n 0 and any other value is an error (default: in\n"
	       "                       numeric order when all are numbers, else byte order)\n"
	       "      --labels LIST    names printed for the --levels, in their order\n"
	       "      --codebook FILE  levels in the order of each column's scale in the\n"
	       "                       codebook (its values; columns without one: default)\n"
	       "      --missing        count missing (empty) values as a level of their own,\n"
	       "                       printed empty (wide: share_missing), in the shares'\n"
	       "                       denominator (default: shares of the answered)\n"
	       "  -i, --input FILE     read FILE instead of standard input\n"
	       "      --digits N       round printed numbers to N significant digits\n"
	       "  -q, --quiet          no summary line on standard error\n"
	       "  -o, --output FILE    write to FILE, complete or not at all\n"
	       "      --help           show this help and exit\n"
	       "      --version        show the version and exit\n"
	       "\n"
	       "Long form (default): column, level, n, share; share = n / answered.\n"
	       "Values are compared as text: '1' and '1.0' are two levels.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog, err_prog);
	exit(0);
}

/* Welford's running mean and sum of squared deviations. */
typedef struct {
	double n, mean, m2;
} acc;

typedef struct {
	size_t col;
	agree_codes lv;		/* levels seen, counted */
	size_t missing;
	acc *acc;		/* --by: level-major, NVAR per level */
	size_t acclevels;
} tcol;

/* The values of scale S in order, each once (an empty answer's value too). */
static char **
scale_order(const cb_scale *s, size_t *n)
{
	char **v = xmalloc((s->nlevels + 1) * sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i <= s->nlevels; i++) {
		const char *val = i < s->nlevels ? s->levels[i].value :
		                  s->has_empty ? s->empty_value : NULL;
		if (!val)
			continue;
		int dup = 0;
		for (size_t j = 0; j < k && !dup; j++)
			dup = strcmp(v[j], val) == 0;
		if (!dup)
			v[k++] = (char *)val;
	}
	*n = k;
	return v;
}

/* Is CODE among LEVELS, or among the values of scale S? */
static int
known_level(const char *code, char **levels, size_t nlevels, const cb_scale *s)
{
	if (levels) {
		for (size_t i = 0; i < nlevels; i++)
			if (strcmp(levels[i], code) == 0)
				return 1;
		return 0;
	}
	for (size_t i = 0; i < s->nlevels; i++)
		if (s->levels[i].value && strcmp(s->levels[i].value, code) == 0)
			return 1;
	return s->has_empty && s->empty_value && strcmp(s->empty_value, code) == 0;
}

/* Put the levels of T in order; returns MAP (old index -> new). */
static size_t *
order_levels(tcol *t, const tsv_reader *r, char **levels, size_t nlevels,
             const codebook *cb)
{
	const char *column = r->header[t->col];
	const cb_scale *s = cb && !levels ? cb_scale_of(cb, column) : NULL;
	if (levels || s)
		for (size_t i = 0; i < t->lv.n; i++)
			if (!known_level(t->lv.code[i], levels, nlevels, s))
				die_at(r->name, 0, column, t->lv.code[i], levels ?
				       "level not in --levels" :
				       "level not in the codebook's scale %s", s ? s->name : "");
	size_t *map = xmalloc((t->lv.n ? t->lv.n : 1) * sizeof *map);
	if (levels || s) {
		size_t norder = nlevels;
		char **order = levels ? levels : scale_order(s, &norder);
		agree_codes_order(&t->lv, order, norder, map);
		if (!levels)
			free(order);
	} else {
		agree_codes_sort(&t->lv, map);
	}
	return map;
}

/* The printed name of level CODE: its --labels entry, or itself. */
static const char *
label_of(const char *code, char **levels, char **labels, size_t nlevels)
{
	if (labels)
		for (size_t i = 0; i < nlevels; i++)
			if (strcmp(levels[i], code) == 0)
				return labels[i];
	return code;
}

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_CODEBOOK, OPT_DDOF, OPT_DIGITS,
	       OPT_LABELS, OPT_MISSING };
	static const struct option longopts[] = {
		{"by", required_argument, NULL, 'b'},
		{"codebook", required_argument, NULL, OPT_CODEBOOK},
		{"ddof", required_argument, NULL, OPT_DDOF},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, 'i'},
		{"labels", required_argument, NULL, OPT_LABELS},
		{"levels", required_argument, NULL, 'l'},
		{"missing", no_argument, NULL, OPT_MISSING},
		{"multiple", no_argument, NULL, 'm'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, OPT_VERSION},
		{"wide", no_argument, NULL, 'w'},
		{NULL, 0, NULL, 0},
	};
	const char *input = "-", *codebook_path = NULL;
	char **by = NULL, **levels = NULL, **labels = NULL;
	size_t nby = 0, bycap = 0, nlevels = 0, nlabels = 0;
	long ddof = 1;
	int wide = 0, multiple = 0, with_missing = 0, quiet = 0, c;

	err_init("tally");
	while ((c = getopt_long(argc, argv, ":o:b:i:l:mqw", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': {
			size_t m;
			char **list = cols_option_list(optarg, "--by", &m);
			by = xgrow(by, &bycap, nby + m, sizeof *by);
			memcpy(by + nby, list, m * sizeof *list);
			nby += m;
			free(list);
			break;
		}
		case 'i': input = optarg; break;
		case 'l':
			cols_free_list(levels, nlevels);
			levels = cols_option_list(optarg, "--levels", &nlevels);
			break;
		case 'm': multiple = 1; break;
		case 'q': quiet = 1; break;
		case 'w': wide = 1; break;
		case OPT_CODEBOOK: codebook_path = optarg; break;
		case OPT_DDOF: ddof = opt_long(optarg, 0, 1000, "--ddof"); break;
		case OPT_DIGITS: num_digits = (int)opt_long(optarg, 1, 17, "--digits"); break;
		case OPT_LABELS:
			cols_free_list(labels, nlabels);
			labels = cols_option_list(optarg, "--labels", &nlabels);
			break;
		case OPT_MISSING: with_missing = 1; break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (optind == argc)
		die_usage(nby ? "no VARIABLE: give the numeric columns to describe"
		              : "no COLUMN: give the columns to tally");
	if (labels && nlabels != nlevels)
		die_usage("--labels needs --levels with as many entries (%zu labels, %zu "
		          "levels)", nlabels, nlevels);
	if (wide && multiple)
		die_usage("--wide and --multiple do not go together: --wide already "
		          "gives each 0/1 column's share_1");
	if (wide && nby)
		die_usage("--wide and --by do not go together");
	if (with_missing && nby)
		die_usage("--missing counts levels; with --by, rows with a missing group "
		          "or value are left out");
	if (levels && codebook_path)
		die_usage("give the level order with --levels or --codebook, not both");
	if (multiple && levels)
		die_usage("--multiple columns have the levels 0 and 1: no --levels");
	codebook *cb = codebook_path ? codebook_load(codebook_path) : NULL;

	FILE *in = tsv_fopen_in(input);
	tsv_reader r;
	const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
	tsv_open(&r, in, name);
	size_t *cols, ncols = cols_expand(&r, argv + optind, (size_t)(argc - optind), &cols);
	size_t *vars = NULL, nvar = 0;
	if (nby) {
		vars = cols;
		nvar = ncols;
		ncols = cols_expand(&r, by, nby, &cols);
	}
	tcol *t = xcalloc(ncols, sizeof *t);
	for (size_t j = 0; j < ncols; j++) {
		t[j].col = cols[j];
		agree_codes_init(&t[j].lv);
	}
	double *val = xmalloc((nvar ? nvar : 1) * sizeof *val);
	unsigned char *has = xmalloc(nvar ? nvar : 1);

	size_t nrows = 0, nmissing = 0;
	while (tsv_next(&r)) {
		nrows++;
		for (size_t v = 0; v < nvar; v++)
			has[v] = (unsigned char)tsv_number(&r, vars[v], &val[v]);
		for (size_t j = 0; j < ncols; j++) {
			tcol *tc = &t[j];
			if (tsv_missing(&r, tc->col)) {
				tc->missing++;
				nmissing++;
				continue;
			}
			const char *s = tsv_get(&r, tc->col);
			size_t len = r.flen[tc->col];
			if (multiple && strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
				die_at(r.name, r.lineno, r.header[tc->col], s,
				       "a multiple-choice column takes 0 or 1");
			size_t lv = agree_codes_add(&tc->lv, s, len, 1);
			if (!nvar)
				continue;
			if (lv >= tc->acclevels) {
				size_t cap = tc->acclevels;
				tc->acc = xgrow(tc->acc, &cap, lv + 1, nvar * sizeof *tc->acc);
				memset(tc->acc + tc->acclevels * nvar, 0,
				       (cap - tc->acclevels) * nvar * sizeof *tc->acc);
				tc->acclevels = cap;
			}
			for (size_t v = 0; v < nvar; v++) {
				if (!has[v])
					continue;
				acc *a = &tc->acc[lv * nvar + v];
				a->n++;
				double d = val[v] - a->mean;
				a->mean += d / a->n;
				a->m2 += d * (val[v] - a->mean);
			}
		}
	}

	if (nrows == 0)
		die_at(r.name, 0, NULL, NULL, "no data rows, only a header");

	/* Order every column's levels; move the accumulators along. */
	for (size_t j = 0; j < ncols; j++) {
		tcol *tc = &t[j];
		size_t old = tc->lv.n;
		size_t *map = multiple ? NULL : order_levels(tc, &r, levels, nlevels, cb);
		if (multiple) {
			char *zero_one[] = {"0", "1"};
			map = xmalloc((old ? old : 1) * sizeof *map);
			agree_codes_order(&tc->lv, zero_one, 2, map);
		}
		if (nvar) {
			acc *a = xcalloc(tc->lv.n * nvar + 1, sizeof *a);
			for (size_t i = 0; i < old; i++)
				memcpy(a + map[i] * nvar, tc->acc + i * nvar, nvar * sizeof *a);
			free(tc->acc);
			tc->acc = a;
		}
		free(map);
	}

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	size_t undefined_sd = 0, undefined_mean = 0, empty_share = 0;
	if (nvar) {
		static const char *head[] = {"column", "level", "variable", "n", "mean", "sd"};
		for (size_t k = 0; k < sizeof head / sizeof *head; k++)
			tsvw_str(&out, head[k]);
		tsvw_end(&out);
		for (size_t j = 0; j < ncols; j++) {
			tcol *tc = &t[j];
			for (size_t i = multiple ? 1 : 0; i < tc->lv.n; i++) {
				for (size_t v = 0; v < nvar; v++) {
					const acc *a = &tc->acc[i * nvar + v];
					tsvw_str(&out, r.header[tc->col]);
					tsvw_str(&out, label_of(tc->lv.code[i], levels, labels, nlevels));
					tsvw_str(&out, r.header[vars[v]]);
					tsvw_int(&out, (long long)a->n);
					if (a->n > 0) {
						tsvw_num(&out, a->mean);
					} else {
						tsvw_str(&out, NULL);
						undefined_mean++;
					}
					if (a->n > (double)ddof) {
						tsvw_num(&out, sqrt(a->m2 / (a->n - (double)ddof)));
					} else {
						tsvw_str(&out, NULL);
						undefined_sd++;
					}
					tsvw_end(&out);
				}
			}
		}
	} else if (wide) {
		agree_codes all;
		agree_codes_init(&all);
		for (size_t j = 0; j < ncols; j++)
			for (size_t i = 0; i < t[j].lv.n; i++)
				agree_codes_add(&all, t[j].lv.code[i], strlen(t[j].lv.code[i]), 0);
		if (!levels && !cb)
			agree_codes_sort(&all, NULL);
		tsvw_str(&out, "column");
		tsvw_str(&out, "n");
		for (size_t i = 0; i < all.n; i++) {
			const char *lab = label_of(all.code[i], levels, labels, nlevels);
			char *h = xmalloc(strlen(lab) + 7);
			sprintf(h, "share_%s", lab);
			tsvw_str(&out, h);
			free(h);
		}
		if (with_missing)
			tsvw_str(&out, "share_missing");
		tsvw_end(&out);
		for (size_t j = 0; j < ncols; j++) {
			tcol *tc = &t[j];
			size_t answered = nrows - tc->missing;
			double denom = (double)(with_missing ? nrows : answered);
			tsvw_str(&out, r.header[tc->col]);
			tsvw_int(&out, (long long)(with_missing ? nrows : answered));
			for (size_t i = 0; i < all.n; i++) {
				size_t k = agree_codes_find(&tc->lv, all.code[i], strlen(all.code[i]));
				size_t cnt = k == (size_t)-1 ? 0 : tc->lv.count[k];
				if (denom > 0)
					tsvw_num(&out, (double)cnt / denom);
				else
					tsvw_str(&out, NULL);
			}
			if (with_missing) {
				if (denom > 0)
					tsvw_num(&out, (double)tc->missing / denom);
				else
					tsvw_str(&out, NULL);
			}
			empty_share += denom == 0;
			tsvw_end(&out);
		}
		agree_codes_free(&all);
	} else {
		static const char *head[] = {"column", "level", "n", "share"};
		for (size_t k = 0; k < sizeof head / sizeof *head; k++)
			tsvw_str(&out, head[k]);
		tsvw_end(&out);
		for (size_t j = 0; j < ncols; j++) {
			tcol *tc = &t[j];
			size_t answered = nrows - tc->missing;
			double denom = (double)(with_missing ? nrows : answered);
			empty_share += denom == 0;
			for (size_t i = multiple ? 1 : 0; i <= tc->lv.n; i++) {
				size_t cnt;
				if (i == tc->lv.n) {
					if (!with_missing)
						break;
					tsvw_str(&out, r.header[tc->col]);
					tsvw_str(&out, NULL);
					cnt = tc->missing;
				} else {
					tsvw_str(&out, r.header[tc->col]);
					tsvw_str(&out, label_of(tc->lv.code[i], levels, labels, nlevels));
					cnt = tc->lv.count[i];
				}
				tsvw_int(&out, (long long)cnt);
				if (denom > 0)
					tsvw_num(&out, (double)cnt / denom);
				else
					tsvw_str(&out, NULL);
				tsvw_end(&out);
			}
		}
	}
	close_stdout();

	if (undefined_mean)
		warn("%zu mean%s left empty: no value in the group", undefined_mean,
		     undefined_mean == 1 ? "" : "s");
	if (undefined_sd)
		warn("%zu sd left empty: n <= ddof (%ld)", undefined_sd, ddof);
	if (empty_share)
		warn("%zu column%s with no answer: shares left empty", empty_share,
		     empty_share == 1 ? "" : "s");
	if (!quiet)
		warn("read %zu row%s, %zu column%s, %zu missing value%s%s", nrows,
		     nrows == 1 ? "" : "s", ncols,
		     ncols == 1 ? "" : "s", nmissing, nmissing == 1 ? "" : "s",
		     nvar ? " in the groups" : with_missing ? " (counted as a level)" :
		     " (left out of the shares)");

	for (size_t j = 0; j < ncols; j++) {
		agree_codes_free(&t[j].lv);
		free(t[j].acc);
	}
	free(t);
	free(val);
	free(has);
	free(cols);
	free(vars);
	cols_free_list(by, nby);
	cols_free_list(levels, nlevels);
	cols_free_list(labels, nlabels);
	if (cb)
		codebook_free(cb);
	if (in != stdin)
		fclose(in);
	tsv_free(&r);
	return 0;
}
