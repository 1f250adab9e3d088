/* bh-correct: adjust p-values for multiple comparisons within each family. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "htest.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

static void
usage(void)
{
	printf("usage: %s [OPTION]... [FILE]\n"
	       "Append the adjusted p-value 'p_adj' and 'reject' (1 when p_adj <= alpha, else\n"
	       "0) to rows of test results, adjusting within each hypothesis family; the\n"
	       "rows keep their order. Reads TSV from FILE or standard input.\n"
	       "\n"
	       "  -m, --method M        bh (Benjamini-Hochberg, the default), by\n"
	       "                        (Benjamini-Yekutieli), holm, bonferroni or hochberg;\n"
	       "                        as statsmodels' multipletests fdr_bh, fdr_by, holm,\n"
	       "                        bonferroni, simes-hochberg\n"
	       "  -a, --alpha A         level for 'reject' (default 0.05)\n"
	       "      --p-column NAME   column of the p-values (default p)\n"
	       "      --family-column NAME\n"
	       "                        column naming the family (default family; without\n"
	       "                        such a column all rows form one family)\n"
	       "      --digits N        round p_adj to N significant digits\n"
	       "  -q, --quiet           no summary line on standard error\n"
	       "  -o, --output FILE     write to FILE, complete or not at all\n"
	       "      --help            show this help and exit\n"
	       "      --version         show the version and exit\n"
	       "\n"
	       "An empty p stays empty (p_adj and reject empty too) and does not count\n"
	       "toward the number of tests m; a p outside [0, 1] is an error.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

typedef struct {
	char *line;		/* the row as read, fields still escaped */
	size_t len;
	size_t family;		/* index into the family names */
	double p;
	int has_p;
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

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_DIGITS, OPT_FAMILY_COLUMN,
	       OPT_P_COLUMN };
	static const struct option longopts[] = {
		{"alpha", required_argument, NULL, 'a'},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"family-column", required_argument, NULL, OPT_FAMILY_COLUMN},
		{"help", no_argument, NULL, OPT_HELP},
		{"method", required_argument, NULL, 'm'},
		{"output", required_argument, NULL, 'o'},
		{"p-column", required_argument, NULL, OPT_P_COLUMN},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	static const struct {
		const char *name;
		ht_adjust_method method;
	} methods[] = {
		{"bh", HT_ADJ_BH}, {"by", HT_ADJ_BY}, {"holm", HT_ADJ_HOLM},
		{"bonferroni", HT_ADJ_BONFERRONI}, {"hochberg", HT_ADJ_HOCHBERG},
	};
	const char *pname = "p", *fname = "family", *mname = "bh";
	ht_adjust_method method = HT_ADJ_BH;
	double alpha = 0.05;
	int quiet = 0, c, fname_given = 0;

	err_init("bh-correct");
	while ((c = getopt_long(argc, argv, ":o:a:m:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': alpha = opt_double(optarg, 0, 1, "--alpha"); break;
		case 'm': {
			size_t k;
			for (k = 0; k < sizeof methods / sizeof *methods; k++)
				if (strcmp(optarg, methods[k].name) == 0)
					break;
			if (k == sizeof methods / sizeof *methods)
				die_usage("--method '%s': use bh, by, holm, bonferroni or hochberg",
				          optarg);
			method = methods[k].method;
			mname = methods[k].name;
			break;
		}
		case 'q': quiet = 1; break;
		case OPT_DIGITS: num_digits = (int)opt_long(optarg, 1, 17, "--digits"); break;
		case OPT_FAMILY_COLUMN: fname = optarg; fname_given = 1; break;
		case OPT_P_COLUMN: pname = optarg; break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (argc - optind > 1)
		die_usage("too many arguments: one input file at most");

	const char *path = optind < argc ? argv[optind] : "-";
	FILE *in = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, in, strcmp(path, "-") == 0 ? "<stdin>" : path);
	size_t pcol = cols_require(&r, pname);
	long fcol = fname_given ? (long)cols_require(&r, fname) : cols_find(&r, fname);
	for (size_t i = 0; i < r.ncols; i++)
		if (strcmp(r.header[i], "p_adj") == 0 || strcmp(r.header[i], "reject") == 0)
			die_at(r.name, 1, r.header[i], NULL,
			       "the input already has this column: the output would hold it twice");

	row *rows = NULL;
	size_t nrows = 0, cap = 0;
	char **fam = NULL;
	size_t nfam = 0, famcap = 0;
	while (tsv_next(&r)) {
		rows = xgrow(rows, &cap, nrows + 1, sizeof *rows);
		row *w = &rows[nrows++];
		w->line = raw_row(&r, &w->len);
		w->has_p = tsv_number(&r, pcol, &w->p);
		if (w->has_p && !(w->p >= 0 && w->p <= 1))
			die_at(r.name, r.lineno, r.header[pcol], tsv_get(&r, pcol),
			       "a p-value must lie in [0, 1]");
		const char *f = fcol >= 0 ? tsv_get(&r, (size_t)fcol) : "";
		size_t k;
		for (k = 0; k < nfam; k++)
			if (strcmp(fam[k], f) == 0)
				break;
		if (k == nfam) {
			fam = xgrow(fam, &famcap, nfam + 1, sizeof *fam);
			fam[nfam++] = xstrdup(f);
		}
		w->family = k;
	}

	/* Adjust each family's present p-values together. */
	double *adj = xmalloc((nrows + 1) * sizeof *adj), *ps = xmalloc((nrows + 1) * sizeof *ps);
	size_t *idx = xmalloc((nrows + 1) * sizeof *idx), tested = 0;
	for (size_t k = 0; k < nfam; k++) {
		size_t m = 0;
		for (size_t i = 0; i < nrows; i++)
			if (rows[i].family == k && rows[i].has_p) {
				idx[m] = i;
				ps[m++] = rows[i].p;
			}
		ht_adjust(ps, m, method, ps);
		for (size_t j = 0; j < m; j++)
			adj[idx[j]] = ps[j];
		tested += m;
	}

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
			int rej = adj[i] <= alpha;
			rejected += (size_t)rej;
			tsvw_num(&out, adj[i]);
			tsvw_int(&out, rej);
		} else {
			tsvw_str(&out, "");
			tsvw_str(&out, "");
		}
		tsvw_end(&out);
	}
	close_stdout();
	if (!quiet) {
		char a[NUM_BUFSIZE];
		int d = num_digits;
		num_digits = 0;
		warn("%zu rows, %zu p-values in %zu famil%s adjusted (%s), %zu rejected at "
		     "alpha %s, %zu without p", nrows, tested, nfam, nfam == 1 ? "y" : "ies",
		     mname, rejected, num_format(a, alpha), nrows - tested);
		num_digits = d;
	}

	for (size_t i = 0; i < nrows; i++)
		free(rows[i].line);
	free(rows);
	for (size_t k = 0; k < nfam; k++)
		free(fam[k]);
	free(fam);
	free(adj);
	free(ps);
	free(idx);
	if (in != stdin)
		fclose(in);
	tsv_free(&r);
	return 0;
}
