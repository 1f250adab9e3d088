/* kappa: agreement of coders, Cohen's kappa of two or Krippendorff's alpha. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "agree.h"
#include "cli.h"
#include "cols.h"
#include "err.h"
#include "levels.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

/* The agreement matrices take codes x codes cells (three of them for kappa):
 * 5000 codes are 600 MB; 60000 would be 86 GB. */
enum { DEFAULT_MAX_LEVELS = 1000, MOST_LEVELS = 5000 };

enum weights { W_NONE, W_LINEAR, W_QUADRATIC };
static const char *const weight_names[] = {"none", "linear", "quadratic", NULL};
static const char *const metric_names[] = {"nominal", "ordinal", "interval", "ratio", NULL};
static const char *const se_names[] = {"psych", "fce", NULL};

enum { OPT_WEIGHTS = CLI_OWN, OPT_MAX_LEVELS, OPT_CONF, OPT_SE, OPT_METRIC };

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL,
	 "the coders' columns (comma-separated names or shell\n"
	 "globs; repeatable): two for kappa, two or more for\n"
	 "--krippendorff"},
	{OPT_WEIGHTS, "weights", 0, "W",
	 "none (default; sklearn's default), linear or quadratic\n"
	 "(weighted kappa for ordinal codes; weight 1 - d/(L-1)\n"
	 "or 1 - (d/(L-1))^2 for codes d places apart in a scale\n"
	 "of L codes; psych's weighted kappa is quadratic)"},
	{'l', "levels", 'l', "LIST",
	 "the codes in scale order, comma-separated: fixes the\n"
	 "order used by weights and the ordinal metric, and any\n"
	 "other code is an error (default: the codes in use,\n"
	 "in numeric order when all are numbers, else in byte\n"
	 "order, as sklearn)"},
	{OPT_MAX_LEVELS, "max-levels", 0, "N",
	 "at most N distinct codes (default 1000, at most 5000):\n"
	 "the agreement matrix takes N x N cells, so more is an\n"
	 "error, not exhausted memory (a free-text column, an id)"},
	{OPT_CONF, "conf-level", 0, "P",
	 "confidence level of the interval (default 0.95, as\n"
	 "psych's alpha = .05)"},
	{OPT_SE, "se", 0, "S",
	 "psych (default): the asymptotic standard error exactly\n"
	 "as psych::cohen.kappa computes it; fce: the formula\n"
	 "of Fleiss, Cohen & Everitt (1969) as printed, as\n"
	 "statsmodels cohens_kappa (the two differ only for\n"
	 "weighted kappa)"},
	{'K', "krippendorff", 'K', NULL,
	 "Krippendorff's alpha of the columns (units with fewer\n"
	 "than two codes are not pairable and left out)"},
	{OPT_METRIC, "metric", 0, "M",
	 "alpha's difference function: nominal (default),\n"
	 "ordinal, interval or ratio (numeric codes)"},
	{0},
};

static const cli_tool tool = {
	.name = "kappa",
	.synopsis = "-c A,B [OPTION]... [FILE]\n"
	            "   or: svy-kappa --krippendorff -c COLUMN,... [OPTION]... [FILE]",
	.about = "Agreement of coders whose codes (any strings) are in columns of a TSV:\n"
	         "Cohen's kappa of coders A and B, or Krippendorff's alpha of two or more\n"
	         "coders (names or shell globs). Rows are the coded units; an empty field is\n"
	         "a missing code. Reads FILE or standard input; writes one TSV row.",
	.epilog = "Codes that are numbers are compared by value: 0 and -0, 1 and 1.0 are one\n"
	          "code (in --levels too). -m is --method in every tool (--metric is long only).\n"
	          "Cohen's kappa: rows missing either code are left out. Output columns:\n"
	          "rater_a, rater_b, weights, n (pairs), categories, observed and expected\n"
	          "(weighted) agreement, kappa (the effect size), se, ci_lower, ci_upper\n"
	          "(kappa -+ z se, clipped to [-1, 1] as psych does). kappa agrees with\n"
	          "sklearn cohen_kappa_score and psych::cohen.kappa.\n"
	          "Krippendorff's alpha: columns, metric, coders, units (pairable), n\n"
	          "(pairable values), observed and expected disagreement, alpha. The\n"
	          "interval metric is computed on the codes divided by a power of two, so\n"
	          "alpha is right for codes near 1e200; a disagreement beyond the range of\n"
	          "numbers is written empty, with a warning.",
	.common = CLI_COLUMNS | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
};

/* ---- options ---- */

struct opts {
	char **levels;		/* --levels, by value */
	size_t nlevels;
	long max_levels;
	double conf;
	enum weights weights;
	enum agree_se se;
	enum agree_metric metric;
	int kripp, quiet, weights_given;
};

/* --levels: the codes, each once (numbers compared by value, as levels do). */
static void
parse_levels(struct opts *o, const char *arg)
{
	cols_free_list(o->levels, o->nlevels);
	o->levels = cols_option_list(arg, "--levels", &o->nlevels);
	for (size_t i = 0; i < o->nlevels; i++)
		for (size_t j = 0; j < i; j++)
			if (levels_equal(o->levels[j], o->levels[i]))
				die_usage("option '--levels': '%s' is %s again (codes that "
				          "are numbers are compared by value)", o->levels[i],
				          o->levels[j]);
}

static void
on_option(void *ctx, int id, const char *arg)
{
	struct opts *o = ctx;
	switch (id) {
	case 'K': o->kripp = 1; break;
	case 'l': parse_levels(o, arg); break;
	case OPT_WEIGHTS:
		o->weights = opt_word(arg, weight_names, "--weights");
		o->weights_given = 1;
		break;
	case OPT_METRIC: o->metric = opt_word(arg, metric_names, "--metric"); break;
	case OPT_MAX_LEVELS:
		o->max_levels = opt_long(arg, 2, MOST_LEVELS, "--max-levels");
		break;
	case OPT_CONF: o->conf = opt_double(arg, 0.5, 0.999999, "--conf-level"); break;
	case OPT_SE: o->se = opt_word(arg, se_names, "--se"); break;
	}
}

/* The coders' columns: two for kappa, two or more for alpha. */
static size_t
coder_columns(const cli *c, const struct opts *o, const tsv_reader *r, size_t **col)
{
	if (!c->ncolumns)
		die_usage(o->kripp ? "--krippendorff needs the coders' columns: -c COLUMN,..."
		                   : "give the two coders' columns: -c A,B (or "
		                     "--krippendorff -c COLUMN,...)");
	size_t m = cols_expand(r, c->columns, c->ncolumns, col);
	if (o->kripp && m < 2)
		die_usage("--krippendorff needs two or more columns, got '%s' only",
		          r->header[(*col)[0]]);
	if (!o->kripp && m != 2)
		die_usage("Cohen's kappa needs two columns, --columns gave %zu "
		          "(Krippendorff's alpha takes more: --krippendorff)", m);
	return m;
}

/* ---- the stream: an index per coder and row ---- */

struct units {
	size_t *code;		/* used x m code indices, or NONE */
	size_t used, nrows;
	levels codes;
};
static const size_t NONE = (size_t)-1;

static void
too_many_codes(const tsv_reader *r, const size_t *col, size_t m, long max)
{
	size_t len = 0;
	for (size_t j = 0; j < m; j++)
		len += strlen(r->header[col[j]]) + 4;
	char *list = xmalloc(len + 1), *p = list;
	for (size_t j = 0; j < m && j < 4; j++)
		p += sprintf(p, "%s'%s'", j ? ", " : "", r->header[col[j]]);
	if (m > 4)
		sprintf(p, ", ...");
	die_at(r->name, r->lineno, NULL, NULL, "%s: more than %ld distinct codes "
	       "(--max-levels: the agreement matrix grows as their square; raise "
	       "it if these are codes)", list, max);
}

static void
read_units(tsv_reader *r, const size_t *col, size_t m, const struct opts *o,
           struct units *u)
{
	size_t cap = 0;
	levels_init(&u->codes, (size_t)o->max_levels);
	u->code = NULL;
	u->used = u->nrows = 0;
	while (tsv_next(r)) {
		u->nrows++;
		size_t present = 0, base = u->used * m;
		u->code = xgrow(u->code, &cap, base + m, sizeof *u->code);
		/* Cohen: a code seen only beside a missing one is not in the scale. */
		if (!o->kripp && (tsv_missing(r, col[0]) || tsv_missing(r, col[1])))
			continue;
		for (size_t j = 0; j < m; j++) {
			if (tsv_missing(r, col[j])) {
				u->code[base + j] = NONE;
				continue;
			}
			const char *s = tsv_get(r, col[j]);
			u->code[base + j] = levels_add(&u->codes, s, r->flen[col[j]], 1);
			if (u->code[base + j] == LEVELS_FULL)
				too_many_codes(r, col, m, o->max_levels);
			present++;
		}
		if (o->kripp ? present >= 1 : present == m)
			u->used++;
	}
}

/* The scale: the codes in order, and each unit's codes renumbered so. */
static void
order_codes(struct units *u, size_t m, const struct opts *o, const char *input)
{
	levels *codes = &u->codes;
	size_t *map = xmalloc((codes->n ? codes->n : 1) * sizeof *map);
	if (o->levels) {
		size_t bad = levels_order(codes, o->levels, o->nlevels, map);
		if (bad != LEVELS_FULL) {
			free(map);
			die_at(input, 0, NULL, codes->value[bad], "code not in --levels");
		}
	} else {
		levels_sort(codes, map);
	}
	if (codes->n > (size_t)o->max_levels)
		die_at(input, 0, NULL, NULL, "--levels lists %zu codes, more than "
		       "--max-levels %ld", codes->n, o->max_levels);
	for (size_t i = 0; i < u->used * m; i++)
		if (u->code[i] != NONE)
			u->code[i] = map[u->code[i]];
	free(map);
}

/* ---- the report ---- */

static void
krippendorff(const struct opts *o, const tsv_reader *r, const size_t *col,
             size_t m, const struct units *u)
{
	const levels *codes = &u->codes;
	size_t l = codes->n;
	const char *mname = metric_names[o->metric];
	double *value = NULL;
	if (o->metric == AGREE_INTERVAL || o->metric == AGREE_RATIO) {
		value = xmalloc((l ? l : 1) * sizeof *value);
		for (size_t i = 0; i < l; i++) {
			enum num_status st = num_parse(codes->value[i], &value[i]);
			if (st != NUM_OK)
				die_at(r->name, 0, NULL, codes->value[i], "the %s metric needs "
				       "numeric codes: %s", mname, num_strerror(st));
			if (o->metric == AGREE_RATIO && value[i] < 0)
				die_at(r->name, 0, NULL, codes->value[i], "the ratio metric "
				       "needs codes of 0 or more");
		}
	}
	agree_alpha a;
	if (agree_krippendorff(u->code, u->used, m, l, value, o->metric, &a) != 0) {
		if (a.units == 0)
			die_at(r->name, 0, NULL, NULL, "alpha is undefined: no row has "
			       "codes from two coders");
		die_at(r->name, 0, NULL, NULL, "alpha is undefined: the pairable "
		       "codes do not vary (expected disagreement 0)");
	}
	free(value);
	int beyond = !isfinite(a.d_obs) || !isfinite(a.d_exp);
	size_t len = 0;
	for (size_t j = 0; j < m; j++)
		len += strlen(r->header[col[j]]) + 1;
	char *list = xmalloc(len), *p = list;
	for (size_t j = 0; j < m; j++)
		p += sprintf(p, "%s%s", j ? "," : "", r->header[col[j]]);

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	static const char *head[] = {"columns", "metric", "coders", "units", "n",
	                             "observed", "expected", "alpha"};
	for (size_t j = 0; j < sizeof head / sizeof *head; j++)
		tsvw_str(&out, head[j]);
	tsvw_end(&out);
	tsvw_str(&out, list);
	tsvw_str(&out, mname);
	tsvw_int(&out, (long long)m);
	tsvw_int(&out, (long long)a.units);
	tsvw_num(&out, a.n);
	if (beyond) {
		tsvw_str(&out, NULL);
		tsvw_str(&out, NULL);
	} else {
		tsvw_num(&out, a.d_obs);
		tsvw_num(&out, a.d_exp);
	}
	tsvw_num(&out, a.alpha);
	tsvw_end(&out);
	out_flush();
	if (beyond)
		warn("the observed and expected disagreements are beyond the range of "
		     "numbers (squared differences of codes up to 1.8e308): written "
		     "empty; alpha, their ratio, is right");
	if (!o->quiet)
		warn("read %zu rows, %zu units pairable (%zu with fewer than two "
		     "codes left out), %zu codes in the scale", u->nrows, a.units,
		     u->nrows - a.units, l);
	free(list);
}

static void
cohen(const struct opts *o, const tsv_reader *r, const size_t *col,
      const struct units *u)
{
	size_t l = u->codes.n, used = u->used;
	if (used < 2)
		die_at(r->name, 0, NULL, NULL, "kappa needs 2 or more rows with both "
		       "codes, got %zu", used);
	if (l < 2)
		die_at(r->name, 0, NULL, u->codes.value[0], "kappa is undefined: both "
		       "coders used one code only");
	double *table = xcalloc(l * l, sizeof *table);
	for (size_t i = 0; i < used; i++)
		table[u->code[2 * i] * l + u->code[2 * i + 1]]++;
	double *w = xmalloc(l * l * sizeof *w);
	for (size_t i = 0; i < l; i++)
		for (size_t j = 0; j < l; j++) {
			double d = fabs((double)i - (double)j) / (double)(l - 1);
			w[i * l + j] = o->weights == W_LINEAR ? 1 - d :
			               o->weights == W_QUADRATIC ? 1 - d * d : i == j;
		}
	agree_kappa k;
	agree_cohen(table, l, w, o->se, &k);
	free(table);
	free(w);
	if (!(k.pe < 1))
		die_at(r->name, 0, NULL, NULL, "kappa is undefined: the expected "
		       "agreement is 1");
	double z = gsl_cdf_ugaussian_Pinv(1 - (1 - o->conf) / 2);
	double sd = sqrt(k.var);
	double lo = k.kappa - z * sd, hi = k.kappa + z * sd;
	int clipped = lo < -1 || hi > 1;
	lo = lo < -1 ? -1 : lo;
	hi = hi > 1 ? 1 : hi;

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	static const char *head[] = {"rater_a", "rater_b", "weights", "n",
	                             "categories", "observed", "expected", "kappa",
	                             "se", "ci_lower", "ci_upper"};
	for (size_t j = 0; j < sizeof head / sizeof *head; j++)
		tsvw_str(&out, head[j]);
	tsvw_end(&out);
	tsvw_str(&out, r->header[col[0]]);
	tsvw_str(&out, r->header[col[1]]);
	tsvw_str(&out, weight_names[o->weights]);
	tsvw_int(&out, (long long)used);
	tsvw_int(&out, (long long)l);
	tsvw_num(&out, k.po);
	tsvw_num(&out, k.pe);
	tsvw_num(&out, k.kappa);
	tsvw_num(&out, sd);
	tsvw_num(&out, lo);
	tsvw_num(&out, hi);
	tsvw_end(&out);
	out_flush();
	if (k.var_negative)
		warn("the variance formula gave a negative value: se set to 0 "
		     "(as psych does)%s", o->se == AGREE_SE_PSYCH ? "; --se fce may "
		     "give a usable one" : "");
	if (clipped)
		warn("the confidence interval was clipped to [-1, 1] (as psych does)");
	if (!o->quiet)
		warn("read %zu rows, used %zu (%zu with a missing code left out), "
		     "%zu codes in the scale", u->nrows, used, u->nrows - used, l);
}

int
main(int argc, char **argv)
{
	struct opts o = {.max_levels = DEFAULT_MAX_LEVELS, .conf = 0.95,
	                 .se = AGREE_SE_PSYCH, .metric = AGREE_NOMINAL};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	o.quiet = c.quiet;
	if (o.kripp && o.weights_given && o.weights != W_NONE)
		die_usage("--weights is for Cohen's kappa; Krippendorff's alpha takes --metric");
	if (!c.ncolumns)
		coder_columns(&c, &o, NULL, NULL);

	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	size_t *col, m = coder_columns(&c, &o, &r, &col);
	struct units u;
	read_units(&r, col, m, &o, &u);
	order_codes(&u, m, &o, r.name);
	if (o.kripp)
		krippendorff(&o, &r, col, m, &u);
	else
		cohen(&o, &r, col, &u);
	close_stdout();

	free(u.code);
	levels_free(&u.codes);
	cols_free_list(o.levels, o.nlevels);
	free(col);
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
