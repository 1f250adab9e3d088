/* score: factor scores of every input row from a model written by factor. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "stats.h"
#include "fa.h"
#include "fmodel.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

enum { OPT_MODEL = CLI_OWN, OPT_NAME, OPT_NORMALIZE, OPT_STANDARDIZE, OPT_DDOF, OPT_SUMMARY };

static const cli_opt own[] = {
	{OPT_MODEL, "model", 0, "FILE", "the model: item rows with mean, sd, n and weight_F1..\n"
	 "columns (items without weights are not scored; an\n"
	 "item listed twice is an error; a 'reverse' column keys\n"
	 "an item as reverse - x, as svy-factor --reverse did)"},
	{OPT_NAME, "name", 0, "NAMES", "comma-separated names of the score columns, one per\n"
	 "factor, in factor order (default: the model's F1, F2,\n"
	 "...); more or fewer names than factors is an error"},
	{CLI_METHOD, NULL, 0, NULL, "regression (default; Thurstone, as psych factor.scores\n"
	 "and factor_analyzer transform: R^-1 S, S the structure\n"
	 "loadings) or bartlett (U^-2 L (L' U^-2 L)^-1, L the\n"
	 "pattern loadings)"},
	{OPT_NORMALIZE, "normalize", 0, "N", "none (default) or minmax: (s - min) / (max - min)\n"
	 "over the scored rows, the study's [0, 1] score"},
	{OPT_STANDARDIZE, "standardize", 0, "S", "model (default): z-scores with the model's item means\n"
	 "and sds, which reproduces psych on the fitting sample\n"
	 "and scores a new sample on the fitting sample's scale;\n"
	 "sample: with the scored sample's own means and sds and\n"
	 "the model's weights, as psych predict(fa, newdata);\n"
	 "refit: own means and sds and regression weights\n"
	 "rebuilt from the scored sample's correlations\n"
	 "(complete rows), as psych factor.scores(newx, fa)"},
	{OPT_DDOF, "ddof", 0, "D", "1 (default): sds with n - 1, as R; 0: with n, as\n"
	 "factor_analyzer (raw scores then grow by\n"
	 "sqrt(n / (n - 1)); min-max scores are the same)"},
	{OPT_SUMMARY, "summary", 0, "FILE", "scored and missing counts, min and max of the raw\n"
	 "scores and quartiles (R type 7, numpy's linear) of the\n"
	 "written ones, as statistic/value rows"},
	{CLI_QUIET, NULL, 0, NULL, "no note on standard error"},
	{0},
};

static const char *const methods[] = {"regression", "bartlett", NULL};

static const cli_tool tool = {
	.name = "score",
	.synopsis = "--model MODEL [OPTION]... [FILE]",
	.about = "Append one factor-score column per factor of MODEL (the output of\n"
	         "svy-factor) to every row of the TSV in FILE or standard input, keeping\n"
	         "all columns and the row order.",
	.epilog = "Rows with a missing item get empty scores (they are not dropped) and are\n"
	          "counted on standard error. --normalize minmax and --standardize sample\n"
	          "or refit read the input twice through a temporary file; memory stays\n"
	          "constant except for --summary, which keeps the scores.",
	.common = CLI_METHOD | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
	.methods = methods,
};

enum { STD_MODEL, STD_SAMPLE, STD_REFIT };

typedef struct {
	const char *model, *names, *summary;
	int bartlett, minmax, standardize, ddof;
} options;

/* The scoring state: the model, its weights and the scale of the items. */
typedef struct {
	fmodel m;
	char **names, **given;
	size_t ngiven;
	size_t *col;
	double *w, *mean, *sd, *x, *s, *lo, *hi;
	double *sum, *cross, *dm, *r;	/* the scored sample's moments */
	FILE *tmp;			/* its spooled copy */
} scorer;

/* The items of R's current row into sc->x, keyed as the model says (an item
 * reversed by svy-factor --reverse taken as reverse - x); 0 when one is
 * missing. */
static int
item_values(tsv_reader *r, const scorer *sc)
{
	const fmodel *m = &sc->m;
	if (!tsv_numbers(r, sc->col, m->p, sc->x))
		return 0;
	for (size_t i = 0; m->reverse && i < m->p; i++)
		if (!isnan(m->reverse[i]))
			sc->x[i] = m->reverse[i] - sc->x[i];
	return 1;
}

/* The scores of R's current row into S (k values); 0 when an item is missing. */
static int
score_row(tsv_reader *r, const scorer *sc, double *s)
{
	const fmodel *m = &sc->m;
	if (!item_values(r, sc))
		return 0;
	for (size_t j = 0; j < m->k; j++)
		s[j] = 0;
	for (size_t i = 0; i < m->p; i++) {
		double z = (sc->x[i] - sc->mean[i]) / sc->sd[i];
		for (size_t j = 0; j < m->k; j++)
			s[j] += z * sc->w[i * m->k + j];
	}
	for (size_t j = 0; j < m->k; j++)
		if (!isfinite(s[j]))
			die_at(r->name, r->lineno, sc->names[j], NULL, "the score overflows (the "
			       "values or the model's weights are too large)");
	return 1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void
summary_row(tsv_writer *w, const char *stat, const char *suffix, double x)
{
	char name[256];
	snprintf(name, sizeof name, "%s%s", stat, suffix);
	tsvw_str(w, name);
	tsvw_num(w, x);
	tsvw_end(w);
}

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const norms[] = {"none", "minmax", NULL};
	static const char *const stds[] = {"model", "sample", "refit", NULL};
	options *o = ctx;
	switch (id) {
	case OPT_MODEL: o->model = arg; break;
	case OPT_NAME: o->names = arg; break;
	case OPT_SUMMARY: o->summary = arg; break;
	case OPT_DDOF: o->ddof = (int)opt_long(arg, 0, 1, "--ddof"); break;
	case OPT_NORMALIZE: o->minmax = opt_word(arg, norms, "--normalize"); break;
	case OPT_STANDARDIZE: o->standardize = opt_word(arg, stds, "--standardize"); break;
	}
}

/* The model, the score columns' names and the weights. */
static void
scorer_init(scorer *sc, const options *o)
{
	fmodel *m = &sc->m;
	fmodel_read(m, o->model, o->bartlett || o->standardize == STD_REFIT);
	size_t p = m->p, k = m->k;
	sc->names = xmalloc(k * sizeof *sc->names);
	sc->given = NULL;
	sc->ngiven = 0;
	if (o->names) {
		sc->given = cols_split_list(o->names, &sc->ngiven);
		if (sc->ngiven != k)
			die_usage("--name: %zu name%s, but the model has %zu factor%s: name "
			          "each factor once", sc->ngiven, sc->ngiven == 1 ? "" : "s",
			          k, k == 1 ? "" : "s");
	}
	for (size_t j = 0; j < k; j++) {
		sc->names[j] = j < sc->ngiven ? sc->given[j] : m->factor[j];
		if (sc->names[j][0] == '\0')
			die_usage("--name: an empty name");
		for (size_t a = 0; a < j; a++)
			if (strcmp(sc->names[a], sc->names[j]) == 0)
				die_usage("--name: '%s' names two factors", sc->names[j]);
	}
	sc->w = xmalloc(p * k * sizeof *sc->w);
	if (o->bartlett) {
		if (fa_bartlett_weights(m->load, m->uniq, p, k, sc->w) != 0)
			die("%s: no Bartlett weights: a uniqueness is zero or the loadings are "
			    "singular", o->model);
	} else {
		memcpy(sc->w, m->w, p * k * sizeof *sc->w);
	}
	sc->mean = xmalloc(p * sizeof *sc->mean);
	sc->sd = xmalloc(p * sizeof *sc->sd);
	sc->x = xmalloc(p * sizeof *sc->x);
	sc->s = xmalloc(k * sizeof *sc->s);
	sc->sum = sc->cross = sc->dm = sc->r = NULL;
	sc->tmp = NULL;
	sc->lo = xmalloc(k * sizeof *sc->lo);
	sc->hi = xmalloc(k * sizeof *sc->hi);
	double shrink = o->ddof ? 1 : sqrt((m->n - 1) / m->n);
	for (size_t i = 0; i < p; i++) {
		sc->mean[i] = m->mean[i];
		sc->sd[i] = m->sd[i] * shrink;
	}
	for (size_t j = 0; j < k; j++) {
		sc->lo[j] = INFINITY;
		sc->hi[j] = -INFINITY;
	}
}

static void
scorer_free(scorer *sc)
{
	if (sc->given)
		cols_free_list(sc->given, sc->ngiven);
	free(sc->names);
	free(sc->col);
	free(sc->w);
	free(sc->mean);
	free(sc->sd);
	free(sc->x);
	free(sc->s);
	free(sc->lo);
	free(sc->hi);
	free(sc->sum);
	free(sc->cross);
	free(sc->dm);
	free(sc->r);
	fmodel_free(&sc->m);
}

/* The scored sample's own scale (and, for refit, weights R^-1 S from its
 * correlations), from shifted sums over its complete rows. */
static void
sample_scale(scorer *sc, const options *o, const char *name, size_t nc,
             const double *sum, const double *cross)
{
	const fmodel *m = &sc->m;
	size_t p = m->p, k = m->k;
	if (nc < 2)
		die("%s: --standardize %s needs at least 2 complete rows (got %zu)", name,
		    o->standardize == STD_REFIT ? "refit" : "sample", nc);
	double *dm = sc->dm = xmalloc(p * sizeof *dm);
	for (size_t i = 0; i < p; i++) {
		dm[i] = sum[i] / (double)nc;
		double ss = cross[i * p + i] - (double)nc * dm[i] * dm[i];
		sc->mean[i] = m->mean[i] + dm[i];
		sc->sd[i] = sqrt((ss > 0 ? ss : 0) / (double)(nc - (size_t)o->ddof));
		if (!(sc->sd[i] > 0) || !isfinite(sc->sd[i]))
			die_at(name, 0, m->item[i], NULL, "constant item in the scored "
			       "sample: --standardize %s cannot scale it",
			       o->standardize == STD_REFIT ? "refit" : "sample");
	}
	if (o->standardize == STD_REFIT && !o->bartlett) {
		double *r = sc->r = xmalloc(p * p * sizeof *r);
		for (size_t a = 0; a < p; a++)
			for (size_t b = 0; b < p; b++) {
				double c = cross[a * p + b] - (double)nc * dm[a] * dm[b];
				double va = cross[a * p + a] - (double)nc * dm[a] * dm[a];
				double vb = cross[b * p + b] - (double)nc * dm[b] * dm[b];
				r[a * p + b] = a == b ? 1 : c / sqrt(va * vb);
			}
		const double *s = m->structure ? m->structure : m->load;
		if (fa_regression_weights(r, s, p, k, sc->w) != 0)
			die("%s: --standardize refit: the correlation matrix of the %zu items "
			    "in the scored sample is singular", name, p);
	}
}

/* The first pass when the scores need the whole sample: spool the input to
 * a temporary file, gather its moments, then its score range. Returns the
 * temporary file (tsv_spool_reopen reads it) or NULL when one pass is enough. */
static FILE *
first_pass(scorer *sc, const options *o, tsv_reader *r)
{
	if (!o->minmax && o->standardize == STD_MODEL)
		return NULL;
	const fmodel *m = &sc->m;
	size_t p = m->p, k = m->k, nc = 0;
	tsv_writer tw;
	FILE *tmp = sc->tmp = tsv_spool_begin(&tw, r);
	double *sum = sc->sum = xcalloc(p, sizeof *sum);
	double *cross = sc->cross = xcalloc(p * p, sizeof *cross);
	while (tsv_next(r)) {
		int complete = item_values(r, sc);
		/* shifted sums: exact enough and one pass */
		if (complete && o->standardize != STD_MODEL) {
			for (size_t a = 0; a < p; a++) {
				double da = sc->x[a] - m->mean[a];
				sum[a] += da;
				for (size_t b = 0; b < p; b++)
					if (o->standardize == STD_REFIT || a == b)
						cross[a * p + b] += da * (sc->x[b] - m->mean[b]);
			}
			nc++;
		}
		tsvw_copy_row(&tw, r);
		tsvw_end(&tw);
	}
	if (o->standardize != STD_MODEL)
		sample_scale(sc, o, r->name, nc, sum, cross);
	if (o->minmax) {
		tsv_reader spool;
		tsv_spool_reopen(tmp, &spool, r->name);
		while (tsv_next(&spool))
			if (score_row(&spool, sc, sc->s))
				for (size_t j = 0; j < k; j++) {
					if (sc->s[j] < sc->lo[j]) sc->lo[j] = sc->s[j];
					if (sc->s[j] > sc->hi[j]) sc->hi[j] = sc->s[j];
				}
		tsv_free(&spool);
		for (size_t j = 0; j < k; j++) {
			if (!(sc->hi[j] > sc->lo[j]))
				die("%s: cannot min-max normalise '%s': fewer than two rows "
				    "with distinct scores", r->name, sc->names[j]);
			if (!isfinite(sc->hi[j] - sc->lo[j]))
				die("%s: cannot min-max normalise '%s': the range of its scores "
				    "overflows", r->name, sc->names[j]);
		}
	}
	return tmp;
}

static void
write_summary(const char *path, const scorer *sc, size_t rows, size_t scored,
              const double *raw, const double *kept)
{
	size_t k = sc->m.k;
	tsv_writer sw;
	tsvw_open(&sw, path);
	tsvw_str(&sw, "statistic");
	tsvw_str(&sw, "value");
	tsvw_end(&sw);
	summary_row(&sw, "rows", "", (double)rows);
	summary_row(&sw, "scored", "", (double)scored);
	summary_row(&sw, "missing", "", (double)(rows - scored));
	double *v = xmalloc((scored ? scored : 1) * sizeof *v);
	for (size_t j = 0; j < k && scored > 0; j++) {
		char suffix[200];
		snprintf(suffix, sizeof suffix, "_%s", sc->names[j]);
		double rmin = INFINITY, rmax = -INFINITY;
		for (size_t i = 0; i < scored; i++) {
			if (raw[i * k + j] < rmin) rmin = raw[i * k + j];
			if (raw[i * k + j] > rmax) rmax = raw[i * k + j];
			v[i] = kept[i * k + j];
		}
		qsort(v, scored, sizeof *v, cmp_double);
		summary_row(&sw, "raw_min", suffix, rmin);
		summary_row(&sw, "raw_max", suffix, rmax);
		summary_row(&sw, "q1", suffix, stats_quantile(v, scored, 0.25));
		summary_row(&sw, "median", suffix, stats_quantile(v, scored, 0.5));
		summary_row(&sw, "q3", suffix, stats_quantile(v, scored, 0.75));
	}
	free(v);
	tsvw_close(&sw);
}

int
main(int argc, char **argv)
{
	options o = {.standardize = STD_MODEL, .ddof = 1};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	if (!o.model)
		die_usage("--model is required");
	o.bartlett = c.method == 1;
	scorer sc;
	scorer_init(&sc, &o);
	size_t p = sc.m.p, k = sc.m.k;

	FILE *in = cli_input(&c);
	tsv_reader r, spool, *src = &r;
	tsv_open(&r, in, c.in_name);
	sc.col = xmalloc(p * sizeof *sc.col);
	for (size_t i = 0; i < p; i++)
		sc.col[i] = cols_require(&r, sc.m.item[i]);
	for (size_t j = 0; j < k; j++)
		if (cols_find(&r, sc.names[j]) >= 0)
			die_usage("the input already has a column '%s'; choose another --name",
			          sc.names[j]);
	FILE *tmp = first_pass(&sc, &o, &r);
	if (tmp) {
		tsv_spool_reopen(tmp, &spool, r.name);
		src = &spool;
	}

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_header(&out, src);
	for (size_t j = 0; j < k; j++)
		tsvw_str(&out, sc.names[j]);
	tsvw_end(&out);
	double *raw = NULL, *kept = NULL;
	size_t cap = 0, capk = 0, rows = 0, scored = 0;
	while (tsv_next(src)) {
		rows++;
		tsvw_copy_row(&out, src);
		if (!score_row(src, &sc, sc.s)) {
			for (size_t j = 0; j < k; j++)
				tsvw_str(&out, "");
			tsvw_end(&out);
			continue;
		}
		if (o.summary) {
			raw = xgrow(raw, &cap, (scored + 1) * k, sizeof *raw);
			kept = xgrow(kept, &capk, (scored + 1) * k, sizeof *kept);
		}
		for (size_t j = 0; j < k; j++) {
			double v = o.minmax ? (sc.s[j] - sc.lo[j]) / (sc.hi[j] - sc.lo[j]) : sc.s[j];
			tsvw_num(&out, v);
			if (o.summary) {
				raw[scored * k + j] = sc.s[j];
				kept[scored * k + j] = v;
			}
		}
		tsvw_end(&out);
		scored++;
	}
	if (o.summary)
		write_summary(o.summary, &sc, rows, scored, raw, kept);
	/* the summary before stdout is closed: in a pipeline, the next tool
	 * cannot finish (and speak) before this one has */
	if (!c.quiet)
		warn("scored %zu of %zu rows; %zu with a missing item got empty scores",
		     scored, rows, rows - scored);
	close_stdout();

	if (tmp) {
		tsv_free(&spool);
		fclose(tmp);
	}
	tsv_free(&r);
	free(raw);
	free(kept);
	scorer_free(&sc);
	cli_free(&c);
	return 0;
}
