/* bh-correct: adjust p-values for multiple comparisons within each family. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "htest.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

enum { OPT_P_COLUMN = CLI_OWN, OPT_FAMILY_COLUMN };

static const cli_opt own[] = {
	{'a', "alpha", 'a', "A", "level for 'reject' (default 0.05)"},
	{OPT_P_COLUMN, "p-column", 0, "NAME", "column of the p-values (default p)"},
	{OPT_FAMILY_COLUMN, "family-column", 0, "NAME",
	 "column naming the family (default family; without\n"
	 "such a column all rows form one family)"},
	{CLI_DIGITS, NULL, 0, NULL, "round p_adj to N significant digits"},
	{0},
};

/* in ht_adjust_method's order */
static const char *const methods[] = {"bh", "by", "holm", "bonferroni", "hochberg", NULL};

static const cli_tool tool = {
	.name = "bh-correct",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Append the adjusted p-value 'p_adj' and 'reject' (1 or 0, as statsmodels\n"
	         "decides it: each sorted p against its threshold, e.g. i alpha / m for bh)\n"
	         "to rows of test results, adjusting within each hypothesis family; the\n"
	         "rows keep their order. Reads TSV from FILE or standard input.",
	.epilog = "An empty p stays empty (p_adj and reject empty too) and does not count\n"
	          "toward the number of tests m; a p outside [0, 1] is an error; a p that\n"
	          "underflows (1e-400) is 0, as every svy tool reads it.",
	.common = CLI_METHOD | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
	.methods = methods,
	.method_help = "bh (Benjamini-Hochberg, the default), by\n"
	               "(Benjamini-Yekutieli), holm, bonferroni or hochberg;\n"
	               "as statsmodels' multipletests fdr_bh, fdr_by, holm,\n"
	               "bonferroni, simes-hochberg",
};

typedef struct {
	char *line;		/* the row as read, fields still escaped */
	size_t len;
	size_t family;		/* index into the family names */
	double p, adj;
	int has_p, reject;
} row;

/* The row's fields joined by TABs, as read (escaped). */
static char *
raw_row(const tsv_reader *r, size_t *len)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nf; i++)
		n += r->flen[i] + 1;
	char *s = xmalloc(n + 1), *o = s;
	for (size_t i = 0; i < r->nf; i++) {
		if (i)
			*o++ = '\t';
		memcpy(o, r->f[i], r->flen[i]);
		o += r->flen[i];
	}
	*o = '\0';
	*len = (size_t)(o - s);
	return s;
}

typedef struct {
	const char *pname, *fname;
	double alpha;
	int fname_given;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case 'a': o->alpha = opt_double(arg, 0, 1, "--alpha"); break;
	case OPT_FAMILY_COLUMN: o->fname = arg; o->fname_given = 1; break;
	case OPT_P_COLUMN: o->pname = arg; break;
	}
}

/* The p of the current row into *P (0 when it has none). A p must be a
 * number in [0, 1], read as every svy tool reads numbers (lib/num: 1e-400
 * underflows to 0); -0 is 0. */
static int
read_p(tsv_reader *r, size_t pcol, double *p)
{
	if (!tsv_number(r, pcol, p))
		return 0;
	if (!(*p >= 0 && *p <= 1))
		die_at(r->name, r->lineno, r->header[pcol], tsv_get(r, pcol),
		       "a p-value must lie in [0, 1]");
	*p += 0.0;	/* -0 is 0 */
	return 1;
}

/* Read every row; each row's family as an index into *FAM. */
static row *
read_rows(tsv_reader *r, size_t pcol, long fcol, size_t *nrows, char ***fam, size_t *nfam)
{
	row *rows = NULL;
	size_t cap = 0, famcap = 0;
	*nrows = 0;
	while (tsv_next(r)) {
		rows = xgrow(rows, &cap, *nrows + 1, sizeof *rows);
		row *w = &rows[(*nrows)++];
		w->line = raw_row(r, &w->len);
		w->has_p = read_p(r, pcol, &w->p);
		const char *f = fcol >= 0 ? tsv_get(r, (size_t)fcol) : "";
		size_t k;
		for (k = 0; k < *nfam; k++)
			if (strcmp((*fam)[k], f) == 0)
				break;
		if (k == *nfam) {
			*fam = xgrow(*fam, &famcap, *nfam + 1, sizeof **fam);
			(*fam)[(*nfam)++] = xstrdup(f);
		}
		w->family = k;
	}
	return rows;
}

/* Adjust each family's present p-values together; returns how many. */
static size_t
adjust(row *rows, size_t nrows, size_t nfam, ht_adjust_method method, double alpha)
{
	double *ps = xmalloc((nrows + 1) * sizeof *ps);
	int *rej = xmalloc((nrows + 1) * sizeof *rej);
	size_t *idx = xmalloc((nrows + 1) * sizeof *idx), tested = 0;
	for (size_t k = 0; k < nfam; k++) {
		size_t m = 0;
		for (size_t i = 0; i < nrows; i++)
			if (rows[i].family == k && rows[i].has_p) {
				idx[m] = i;
				ps[m++] = rows[i].p;
			}
		ht_adjust(ps, m, method, alpha, ps, rej);
		for (size_t j = 0; j < m; j++) {
			rows[idx[j]].adj = ps[j];
			rows[idx[j]].reject = rej[j];
		}
		tested += m;
	}
	free(ps);
	free(rej);
	free(idx);
	return tested;
}

int
main(int argc, char **argv)
{
	options o = {.pname = "p", .fname = "family", .alpha = 0.05};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	ht_adjust_method method = c.method < 0 ? HT_ADJ_BH : (ht_adjust_method)c.method;
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	size_t pcol = cols_require(&r, o.pname);
	long fcol = o.fname_given ? (long)cols_require(&r, o.fname) : cols_find(&r, o.fname);
	for (size_t i = 0; i < r.ncols; i++)
		if (strcmp(r.header[i], "p_adj") == 0 || strcmp(r.header[i], "reject") == 0)
			die_at(r.name, 1, r.header[i], NULL,
			       "the input already has this column: the output would hold it twice");

	size_t nrows, nfam = 0;
	char **fam = NULL;
	row *rows = read_rows(&r, pcol, fcol, &nrows, &fam, &nfam);
	size_t tested = adjust(rows, nrows, nfam, method, o.alpha);

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_header(&out, &r);
	tsvw_str(&out, "p_adj");
	tsvw_str(&out, "reject");
	tsvw_end(&out);
	size_t rejected = 0;
	for (size_t i = 0; i < nrows; i++) {
		tsvw_raw(&out, rows[i].line, rows[i].len);
		if (rows[i].has_p) {
			rejected += (size_t)rows[i].reject;
			tsvw_num(&out, rows[i].adj);
			tsvw_int(&out, rows[i].reject);
		} else {
			tsvw_str(&out, "");
			tsvw_str(&out, "");
		}
		tsvw_end(&out);
	}
	close_stdout();
	if (!c.quiet) {
		char a[NUM_BUFSIZE];
		int d = num_digits;
		num_digits = 0;
		warn("%zu rows, %zu p-values in %zu famil%s adjusted (%s), %zu rejected at "
		     "alpha %s, %zu without p", nrows, tested, nfam, nfam == 1 ? "y" : "ies",
		     methods[method], rejected, num_format(a, o.alpha), nrows - tested);
		num_digits = d;
	}

	for (size_t i = 0; i < nrows; i++)
		free(rows[i].line);
	free(rows);
	for (size_t k = 0; k < nfam; k++)
		free(fam[k]);
	free(fam);
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
