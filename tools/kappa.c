/* kappa: agreement of coders, Cohen's kappa of two or Krippendorff's alpha. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "agree.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

static void
usage(void)
{
	printf("usage: %s [OPTION]... A B\n"
	       "       %s --krippendorff [OPTION]... COLUMN...\n"
	       "Agreement of coders whose codes (any strings) are in columns of a TSV on\n"
	       "standard input: Cohen's kappa of coders A and B, or Krippendorff's alpha of\n"
	       "two or more coders (names or shell globs). Rows are the coded units; an\n"
	       "empty field is a missing code. Writes one TSV row.\n"
	       "\n"
	       "  -w, --weights W      none (default; sklearn's default), linear or quadratic\n"
	       "                       (weighted kappa for ordinal codes; weight 1 - d/(L-1)\n"
	       "                       or 1 - (d/(L-1))^2 for codes d places apart in a scale\n"
	       "                       of L codes; psych's weighted kappa is quadratic)\n"
	       "  -l, --levels LIST    the codes in scale order, comma-separated: fixes the\n"
	       "                       order used by weights and the ordinal metric, and any\n"
	       "                       other code is an error (default: the codes in use,\n"
	       "                       in numeric order when all are numbers, else in byte\n"
	       "                       order, as sklearn)\n"
	       "      --conf-level P   confidence level of the interval (default 0.95, as\n"
	       "                       psych's alpha = .05)\n"
	       "      --se S           psych (default): the asymptotic standard error exactly\n"
	       "                       as psych::cohen.kappa computes it; fce: the formula\n"
	       "                       of Fleiss, Cohen & Everitt (1969) as printed, as\n"
	       "                       statsmodels cohens_kappa (the two differ only for\n"
	       "                       weighted kappa)\n"
	       "  -K, --krippendorff   Krippendorff's alpha of the COLUMNs (units with fewer\n"
	       "                       than two codes are not pairable and left out)\n"
	       "  -m, --metric M       alpha's difference function: nominal (default),\n"
	       "                       ordinal, interval or ratio (numeric codes)\n"
	       "  -i, --input FILE     read FILE instead of standard input\n"
	       "      --digits N       round printed numbers to N significant digits\n"
	       "  -q, --quiet          no summary line on standard error\n"
	       "  -o, --output FILE    write to FILE, complete or not at all\n"
	       "      --help           show this help and exit\n"
	       "      --version        show the version and exit\n"
	       "\n"
	       "Cohen's kappa: rows missing either code are left out. Output columns:\n"
	       "rater_a, rater_b, weights, n (pairs), categories, observed and expected\n"
	       "(weighted) agreement, kappa (the effect size), se, ci_lower, ci_upper\n"
	       "(kappa -+ z se, clipped to [-1, 1] as psych does). kappa agrees with\n"
	       "sklearn cohen_kappa_score and psych::cohen.kappa.\n"
	       "Krippendorff's alpha: columns, metric, coders, units (pairable), n\n"
	       "(pairable values), observed and expected disagreement, alpha.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog, err_prog);
	exit(0);
}

/* The scale: the codes in order. MAP (codes->n entries) takes a first-seen
 * index to its place in the scale. */
static size_t *
order_codes(agree_codes *codes, char **levels, size_t nlevels, const char *input)
{
	for (size_t i = 0; levels && i < codes->n; i++) {
		size_t j = 0;
		while (j < nlevels && strcmp(levels[j], codes->code[i]) != 0)
			j++;
		if (j == nlevels)
			die_at(input, 0, NULL, codes->code[i], "code not in --levels");
	}
	size_t *map = xmalloc((codes->n ? codes->n : 1) * sizeof *map);
	if (levels)
		agree_codes_order(codes, levels, nlevels, map);
	else
		agree_codes_sort(codes, map);
	return map;
}

static const char *
metric_name(enum agree_metric m)
{
	static const char *names[] = {"nominal", "ordinal", "interval", "ratio"};
	return names[m];
}

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_CONF, OPT_DIGITS, OPT_SE };
	static const struct option longopts[] = {
		{"conf-level", required_argument, NULL, OPT_CONF},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, 'i'},
		{"krippendorff", no_argument, NULL, 'K'},
		{"levels", required_argument, NULL, 'l'},
		{"metric", required_argument, NULL, 'm'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"se", required_argument, NULL, OPT_SE},
		{"version", no_argument, NULL, OPT_VERSION},
		{"weights", required_argument, NULL, 'w'},
		{NULL, 0, NULL, 0},
	};
	const char *input = "-", *weights = "none", *levels_arg = NULL;
	double conf = 0.95;
	enum agree_se se = AGREE_SE_PSYCH;
	enum agree_metric metric = AGREE_NOMINAL;
	int kripp = 0, quiet = 0, c;

	err_init("kappa");
	while ((c = getopt_long(argc, argv, ":o:i:Kl:m:qw:", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': input = optarg; break;
		case 'K': kripp = 1; break;
		case 'l': levels_arg = optarg; break;
		case 'm':
			if (strcmp(optarg, "nominal") == 0)
				metric = AGREE_NOMINAL;
			else if (strcmp(optarg, "ordinal") == 0)
				metric = AGREE_ORDINAL;
			else if (strcmp(optarg, "interval") == 0)
				metric = AGREE_INTERVAL;
			else if (strcmp(optarg, "ratio") == 0)
				metric = AGREE_RATIO;
			else
				die_usage("option '--metric': '%s' is not nominal, ordinal, "
				          "interval or ratio", optarg);
			break;
		case 'q': quiet = 1; break;
		case 'w':
			if (strcmp(optarg, "none") && strcmp(optarg, "linear") &&
			    strcmp(optarg, "quadratic"))
				die_usage("option '--weights': '%s' is not none, linear or "
				          "quadratic", optarg);
			weights = optarg;
			break;
		case OPT_CONF:
			conf = opt_double(optarg, 0.5, 0.999999, "--conf-level");
			break;
		case OPT_DIGITS: num_digits = (int)opt_long(optarg, 1, 17, "--digits"); break;
		case OPT_SE:
			if (strcmp(optarg, "psych") == 0)
				se = AGREE_SE_PSYCH;
			else if (strcmp(optarg, "fce") == 0)
				se = AGREE_SE_FCE;
			else
				die_usage("option '--se': '%s' is not psych or fce", optarg);
			break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	int nargs = argc - optind;
	if (kripp && nargs < 1)
		die_usage("--krippendorff needs the coders' columns");
	if (!kripp && nargs != 2)
		die_usage("give the two coders' columns A and B (or --krippendorff COLUMN...)");
	if (kripp && strcmp(weights, "none") != 0)
		die_usage("--weights is for Cohen's kappa; Krippendorff's alpha takes --metric");
	size_t nlevels = 0;
	char **levels = levels_arg ? cols_option_list(levels_arg, "--levels", &nlevels) : NULL;

	FILE *in = tsv_fopen_in(input);
	tsv_reader r;
	const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
	tsv_open(&r, in, name);
	size_t *col, m;
	if (kripp) {
		m = cols_expand(&r, argv + optind, (size_t)nargs, &col);
		if (m < 2)
			die_usage("--krippendorff needs two or more columns, got '%s' only",
			          r.header[col[0]]);
	} else {
		m = 2;
		col = xmalloc(2 * sizeof *col);
		col[0] = cols_require(&r, argv[optind]);
		col[1] = cols_require(&r, argv[optind + 1]);
	}

	/* Hold only the codes: an index per coder and row. */
	agree_codes codes;
	agree_codes_init(&codes);
	size_t *code = NULL, cap = 0, nrows = 0, used = 0;
	const size_t none = (size_t)-1;
	while (tsv_next(&r)) {
		nrows++;
		size_t present = 0, base = used * m;
		code = xgrow(code, &cap, base + m, sizeof *code);
		/* Cohen: a code seen only beside a missing one is not in the scale. */
		if (!kripp && (tsv_missing(&r, col[0]) || tsv_missing(&r, col[1])))
			continue;
		for (size_t j = 0; j < m; j++) {
			if (tsv_missing(&r, col[j])) {
				code[base + j] = none;
				continue;
			}
			const char *s = tsv_get(&r, col[j]);
			code[base + j] = agree_codes_add(&codes, s, r.flen[col[j]], 1);
			present++;
		}
		if (kripp ? present >= 1 : present == m)
			used++;
	}
	size_t *map = order_codes(&codes, levels, nlevels, name);
	for (size_t i = 0; i < used * m; i++)
		if (code[i] != none)
			code[i] = map[code[i]];
	size_t l = codes.n;

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	if (kripp) {
		double *value = NULL;
		if (metric == AGREE_INTERVAL || metric == AGREE_RATIO) {
			value = xmalloc((l ? l : 1) * sizeof *value);
			for (size_t i = 0; i < l; i++) {
				enum num_status st = num_parse(codes.code[i], &value[i]);
				if (st != NUM_OK)
					die_at(name, 0, NULL, codes.code[i], "the %s metric needs "
					       "numeric codes: %s", metric_name(metric),
					       num_strerror(st));
				if (metric == AGREE_RATIO && value[i] < 0)
					die_at(name, 0, NULL, codes.code[i], "the ratio metric "
					       "needs codes of 0 or more");
			}
		}
		agree_alpha a;
		if (agree_krippendorff(code, used, m, l, value, metric, &a) != 0) {
			if (a.units == 0)
				die_at(name, 0, NULL, NULL, "alpha is undefined: no row has "
				       "codes from two coders");
			die_at(name, 0, NULL, NULL, "alpha is undefined: the pairable "
			       "codes do not vary (expected disagreement 0)");
		}
		free(value);
		size_t len = 0;
		for (size_t j = 0; j < m; j++)
			len += strlen(r.header[col[j]]) + 1;
		char *list = xmalloc(len), *p = list;
		for (size_t j = 0; j < m; j++)
			p += sprintf(p, "%s%s", j ? "," : "", r.header[col[j]]);
		static const char *head[] = {"columns", "metric", "coders", "units", "n",
		                             "observed", "expected", "alpha"};
		for (size_t j = 0; j < sizeof head / sizeof *head; j++)
			tsvw_str(&out, head[j]);
		tsvw_end(&out);
		tsvw_str(&out, list);
		tsvw_str(&out, metric_name(metric));
		tsvw_int(&out, (long long)m);
		tsvw_int(&out, (long long)a.units);
		tsvw_num(&out, a.n);
		tsvw_num(&out, a.d_obs);
		tsvw_num(&out, a.d_exp);
		tsvw_num(&out, a.alpha);
		tsvw_end(&out);
		close_stdout();
		if (!quiet)
			warn("read %zu rows, %zu units pairable (%zu with fewer than two "
			     "codes left out), %zu codes in the scale", nrows, a.units,
			     nrows - a.units, l);
		free(list);
	} else {
		if (used < 2)
			die_at(name, 0, NULL, NULL, "kappa needs 2 or more rows with both "
			       "codes, got %zu", used);
		if (l < 2)
			die_at(name, 0, NULL, codes.code[0], "kappa is undefined: both "
			       "coders used one code only");
		double *table = xcalloc(l * l, sizeof *table);
		for (size_t i = 0; i < used; i++)
			table[code[2 * i] * l + code[2 * i + 1]]++;
		double *w = xmalloc(l * l * sizeof *w);
		for (size_t i = 0; i < l; i++)
			for (size_t j = 0; j < l; j++) {
				double d = fabs((double)i - (double)j) / (double)(l - 1);
				w[i * l + j] = strcmp(weights, "linear") == 0 ? 1 - d :
				               strcmp(weights, "quadratic") == 0 ? 1 - d * d :
				               i == j;
			}
		agree_kappa k;
		agree_cohen(table, l, w, se, &k);
		if (!(k.pe < 1))
			die_at(name, 0, NULL, NULL, "kappa is undefined: the expected "
			       "agreement is 1");
		double z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
		double sd = sqrt(k.var);
		double lo = k.kappa - z * sd, hi = k.kappa + z * sd;
		int clipped = lo < -1 || hi > 1;
		lo = lo < -1 ? -1 : lo;
		hi = hi > 1 ? 1 : hi;
		static const char *head[] = {"rater_a", "rater_b", "weights", "n",
		                             "categories", "observed", "expected", "kappa",
		                             "se", "ci_lower", "ci_upper"};
		for (size_t j = 0; j < sizeof head / sizeof *head; j++)
			tsvw_str(&out, head[j]);
		tsvw_end(&out);
		tsvw_str(&out, r.header[col[0]]);
		tsvw_str(&out, r.header[col[1]]);
		tsvw_str(&out, weights);
		tsvw_int(&out, (long long)used);
		tsvw_int(&out, (long long)l);
		tsvw_num(&out, k.po);
		tsvw_num(&out, k.pe);
		tsvw_num(&out, k.kappa);
		tsvw_num(&out, sd);
		tsvw_num(&out, lo);
		tsvw_num(&out, hi);
		tsvw_end(&out);
		close_stdout();
		if (k.var_negative)
			warn("the variance formula gave a negative value: se set to 0 "
			     "(as psych does)%s", se == AGREE_SE_PSYCH ? "; --se fce may "
			     "give a usable one" : "");
		if (clipped)
			warn("the confidence interval was clipped to [-1, 1] (as psych does)");
		if (!quiet)
			warn("read %zu rows, used %zu (%zu with a missing code left out), "
			     "%zu codes in the scale", nrows, used, nrows - used, l);
		free(table);
		free(w);
	}

	free(map);
	free(code);
	agree_codes_free(&codes);
	if (levels) {
		for (size_t i = 0; i < nlevels; i++)
			free(levels[i]);
		free(levels);
	}
	free(col);
	if (in != stdin)
		fclose(in);
	tsv_free(&r);
	return 0;
}
