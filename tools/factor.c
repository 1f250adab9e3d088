/* factor: exploratory factor analysis of survey items, as R psych's
 * fa(fm = "minres"), with rotations, adequacy tests, item selection and
 * reliability. The fits are lib/fafit.c's, the model file lib/fmodel.c's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "stats.h"
#include "fa.h"
#include "fafit.h"
#include "fmodel.h"
#include "num.h"
#include "omega.h"
#include "opt.h"
#include "parallel.h"
#include "polychoric.h"
#include "rotate.h"
#include "tsv.h"

enum {
	OPT_FACTORS = CLI_OWN, OPT_ROTATE, OPT_ROTATE_TOL, OPT_ROTATE_STARTS, OPT_VARIMAX_TOL,
	OPT_COR, OPT_OMEGA, OPT_OMEGA_FACTORS, OPT_PARALLEL, OPT_THRESHOLD, OPT_REFIT,
	OPT_REVERSE, OPT_MAX_ITER, OPT_ALLOW_NONCONV, OPT_PA_TOL, OPT_SUMMARY,
	OPT_EIGENVALUES, OPT_CORRELATIONS
};

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL, "the item columns: names or globs, comma-separated;\n"
	 "repeatable (at least 2 items)"},
	{OPT_FACTORS, "factors", 'k', "K", "factors to extract (default 1)"},
	{CLI_METHOD, NULL, 0, NULL, "minres (default; psych fm = \"minres\", factor_analyzer's\n"
	 "default), ml (maximum likelihood, psych fm = \"ml\", as\n"
	 "factanal) or pa (principal axes, psych fm = \"pa\", with\n"
	 "psych's stopping rule)"},
	{OPT_ROTATE, "rotate", 0, "ROT", "oblimin (default when K > 1, as psych fa: quartimin,\n"
	 "GPArotation's oblimin), promax (psych's: Kaiser\n"
	 "normalised varimax, power 4), geomin (GPArotation\n"
	 "geominQ, delta 0.01), quartimin (= oblimin), varimax\n"
	 "(Kaiser normalisation, as psych), quartimax\n"
	 "(GPArotation) or none; one factor is never rotated"},
	{OPT_ROTATE_TOL, "rotate-tol", 0, "EPS", "stop oblimin, geomin and quartimax when the\n"
	 "projected gradient is below EPS (default 1e-5,\n"
	 "GPArotation's eps)"},
	{OPT_ROTATE_STARTS, "rotate-starts", 0, "N", "runs of oblimin, geomin, quartimax: the identity\n"
	 "(psych's start) and N - 1 random orthogonal starts\n"
	 "(--seed); the lowest criterion is kept (default 1)"},
	{OPT_VARIMAX_TOL, "varimax-tol", 0, "EPS", "stop varimax (also inside promax) as R's\n"
	 "stats::varimax does, when the criterion grows by less\n"
	 "than a factor 1 + EPS; psych and factor_analyzer use\n"
	 "1e-5, which leaves loadings off by up to ~1e-3\n"
	 "(default: 0, iterate until the rotation settles)"},
	{OPT_COR, "cor", 0, "KIND", "pearson (default), polychoric or tetrachoric (psych\n"
	 "polychoric/tetrachoric, smoothed as cor.smooth when\n"
	 "not positive definite, with a note)"},
	{OPT_OMEGA, "omega", 0, NULL, "omega total and hierarchical in the summary, as psych\n"
	 "omega() (Schmid-Leiman of 3 oblimin factors)"},
	{OPT_OMEGA_FACTORS, "omega-factors", 0, "N", "group factors of omega (default 3); a model that\n"
	 "is not identified (df < 0) is an error"},
	{OPT_PARALLEL, "parallel", 0, "N", "parallel analysis over N simulated and N resampled\n"
	 "data sets, as psych fa.parallel(fa = \"fa\") and\n"
	 "(fa = \"pc\"): the suggested numbers of factors and\n"
	 "components in the summary, the simulated eigenvalues\n"
	 "in --eigenvalues"},
	{CLI_SEED, NULL, 0, NULL, "seed of --parallel and --rotate-starts (default 1)"},
	{OPT_THRESHOLD, "threshold", 't', "T", "mark items whose largest absolute loading is not\n"
	 "above T as not retained (default: keep all)"},
	{OPT_REFIT, "refit", 0, NULL, "fit again on the retained items only"},
	{OPT_REVERSE, "reverse", 0, "ITEMS", "key these items the other way before the fit: x\n"
	 "becomes max + min - x, max and min the item's observed\n"
	 "extremes in the rows used (psych reverse.code);\n"
	 "repeatable. The model keeps max + min for svy-score"},
	{OPT_MAX_ITER, "max-iter", 0, "N", "steps of the fit (default 200; pa: 50, as psych)"},
	{OPT_ALLOW_NONCONV, "allow-nonconvergence", 0, NULL, "a fit or rotation that did not converge is a\n"
	 "warning, not an error (exit 1)"},
	{OPT_PA_TOL, "pa-tol", 0, "E", "pa stops when the communalities' sum changes by no\n"
	 "more than E (default 0.001, psych's min.err)"},
	{OPT_SUMMARY, "summary", 0, "FILE", "adequacy and fit figures as statistic/value rows\n"
	 "(phi_Fa_Fb: the factor correlations)"},
	{OPT_EIGENVALUES, "eigenvalues", 0, "FILE", "all eigenvalues of the items' correlation matrix\n"
	 "(with --parallel: also the simulated ones)"},
	{OPT_CORRELATIONS, "correlations", 0, "FILE", "the correlation matrix fitted, item by item"},
	{CLI_DIGITS, NULL, 0, NULL, "significant digits of printed numbers, 1 to 17 (the\n"
	 "model too: leave it off for scoring)"},
	{CLI_QUIET, NULL, 0, NULL, "no note on standard error about dropped rows"},
	{0},
};

static const char *const cor_names[] = {"pearson", "polychoric", "tetrachoric", NULL};

static const cli_tool tool = {
	.name = "factor",
	.synopsis = "-c ITEMS [OPTION]... [FILE]",
	.about = "Exploratory factor analysis of the ITEMS columns (names or globs such as\n"
	         "'attack_*') of the TSV in FILE or standard input, as R psych\n"
	         "fa(fm = \"minres\"). Writes the model, one row per item, to standard\n"
	         "output: the input of svy-score.",
	.epilog = "Rows with a missing item are dropped (listwise deletion) and counted on\n"
	          "standard error. The fit goes to the true minimum of psych's criterion\n"
	          "(psych's stops short: 1.2e-4 in a communality seen on a 3-factor fit),\n"
	          "with uniquenesses bounded to [0.005, 1] as psych does. Factors are signed\n"
	          "so that their loadings sum positive and ordered by variance (psych's\n"
	          "rule). Heywood cases (communality >= 0.995) are flagged in the model and\n"
	          "on standard error. An item whose loading has the opposite sign to the\n"
	          "other items of its factor and that correlates negatively with their sum\n"
	          "(psych alpha's check) is named on standard error: key it with --reverse.\n"
	          "After an oblique rotation the model holds the pattern loadings (F1..)\n"
	          "and the structure loadings (structure_F1..: pattern times Phi).\n"
	          "Standard deviations use n - 1; weights are the regression (Thurstone)\n"
	          "weights R^-1 S of psych's factor.scores (S the structure loadings).",
	.common = CLI_COLUMNS | CLI_METHOD | CLI_SEED | CLI_DIGITS | CLI_INPUT | CLI_QUIET |
	          CLI_OUTPUT | CLI_SAFE_CELLS,
	.opts = own,
	.methods = fa_method_names,
};

typedef struct {
	fa_spec fit;
	double threshold;	/* NAN: none */
	int refit, allow_nonconv, cor, parallel;
	size_t omega;		/* group factors of omega; 0: no omega */
	const char *summary, *eigenvalues, *correlations;
	char **reverse;		/* --reverse patterns */
	size_t nreverse;
} options;

enum { COR_PEARSON, COR_POLYCHORIC, COR_TETRACHORIC };

/* The data: complete rows of the item columns. */
typedef struct {
	size_t n, p, rows;
	double *x, *mean, *sd, *cov, *cor;
	double *fitcor;		/* the matrix fitted: cor, or polychoric */
	double *reverse;	/* max + min of a reversed item, NaN; NULL: none */
	poly_info poly;
	char **names;		/* item names (the reader's header) */
	tsv_reader r;
	size_t *col;
} data;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_FACTORS: o->fit.k = (size_t)opt_long(arg, 1, 1000, "--factors"); break;
	case OPT_THRESHOLD: o->threshold = opt_double(arg, 0, 1, "--threshold"); break;
	case OPT_SUMMARY: o->summary = arg; break;
	case OPT_EIGENVALUES: o->eigenvalues = arg; break;
	case OPT_CORRELATIONS: o->correlations = arg; break;
	case OPT_MAX_ITER: o->fit.max_iter = (int)opt_long(arg, 0, 100000, "--max-iter"); break;
	case OPT_PA_TOL: o->fit.pa_tol = opt_double(arg, 0, 1, "--pa-tol"); break;
	case OPT_OMEGA: if (!o->omega) o->omega = 3; break;
	case OPT_OMEGA_FACTORS:
		o->omega = (size_t)opt_long(arg, 1, 1000, "--omega-factors");
		break;
	case OPT_PARALLEL: o->parallel = (int)opt_long(arg, 1, 100000, "--parallel"); break;
	case OPT_COR: o->cor = opt_word(arg, cor_names, "--cor"); break;
	case OPT_REFIT: o->refit = 1; break;
	case OPT_REVERSE: cli_list_append(&o->reverse, &o->nreverse, arg, "--reverse"); break;
	case OPT_ROTATE: o->fit.rotate = opt_word(arg, rot_names, "--rotate"); break;
	case OPT_ROTATE_STARTS:
		o->fit.rotate_starts = (int)opt_long(arg, 1, 100000, "--rotate-starts");
		break;
	case OPT_ROTATE_TOL: o->fit.rotate_tol = opt_double(arg, 1e-15, 1, "--rotate-tol"); break;
	case OPT_ALLOW_NONCONV: o->allow_nonconv = 1; break;
	case OPT_VARIMAX_TOL: o->fit.varimax_tol = opt_double(arg, 0, 1, "--varimax-tol"); break;
	}
}

static void
check_options(options *o, const cli *c)
{
	fa_spec *s = &o->fit;
	if (c->ncolumns == 0)
		die_usage("name the item columns (-c ITEMS)");
	if (c->method >= 0)
		s->method = c->method;
	if (c->seed_set)
		s->seed = c->seed;
	if (s->max_iter < 0)
		s->max_iter = s->method == FA_PA ? 50 : 200;
	if (o->refit && isnan(o->threshold))
		die_usage("--refit needs --threshold");
	if (o->parallel && !o->summary && !o->eigenvalues)
		die_usage("--parallel needs --summary or --eigenvalues (it writes there)");
	if (o->parallel && o->cor != COR_PEARSON)
		die_usage("--parallel simulates Pearson correlations: use it without --cor");
	if (o->omega && !o->summary)
		die_usage("--omega needs --summary (it writes its rows there)");
	if (s->rotate < 0)
		s->rotate = s->k > 1 ? ROT_OBLIMIN : ROT_NONE;
	if (s->k < 2)
		s->rotate = ROT_NONE;
}

/* --reverse: each item named is taken as max + min - x (its observed extremes
 * in the complete rows), as psych's reverse.code. Returns max + min per item,
 * NaN for the others. */
static double *
reverse_items(data *d, const options *o)
{
	size_t p = d->p, *col, m = cols_expand(&d->r, o->reverse, o->nreverse, &col);
	double *rev = xmalloc(p * sizeof *rev);
	for (size_t j = 0; j < p; j++)
		rev[j] = NAN;
	for (size_t a = 0; a < m; a++) {
		size_t j = 0;
		while (j < p && d->col[j] != col[a])
			j++;
		const char *name = d->r.header[col[a]];
		if (j == p) {
			free(rev);
			free(col);
			die_usage("--reverse: '%s' is not one of the items (-c)", name);
		}
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < d->n; i++) {
			double v = d->x[i * p + j];
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		rev[j] = hi + lo;
		if (!isfinite(rev[j])) {
			free(rev);
			free(col);
			die_at(d->r.name, 0, name, NULL, "--reverse: max + min overflows");
		}
		for (size_t i = 0; i < d->n; i++)
			d->x[i * p + j] = rev[j] - d->x[i * p + j];
	}
	free(col);
	return rev;
}

/* The item columns' complete rows, their moments and correlations. */
static void
read_data(data *d, const options *o, cli *c)
{
	FILE *in = cli_input(c);
	tsv_open(&d->r, in, c->in_name);
	size_t p = d->p = cols_expand(&d->r, c->columns, c->ncolumns, &d->col);
	if (p < 2)
		die_usage("name at least 2 item columns (got %zu)", p);
	size_t n = 0, cap = 0, rows = 0;
	double *x = NULL, *row = xmalloc(p * sizeof *row);
	while (tsv_next(&d->r)) {
		rows++;
		if (!tsv_numbers(&d->r, d->col, p, row))
			continue;
		x = xgrow(x, &cap, (n + 1) * p, sizeof *x);
		memcpy(x + n * p, row, p * sizeof *row);
		n++;
	}
	free(row);
	if (rows == 0 || n <= p)
		free(x);
	if (rows == 0)
		die("%s: no data rows", d->r.name);
	if (n <= p)
		die("%s: need more complete rows (%zu) than items (%zu)%s", d->r.name, n, p,
		    n < rows ? "; rows with a missing item are dropped" : "");
	d->n = n;
	d->rows = rows;
	d->x = x;
	d->reverse = o->nreverse ? reverse_items(d, o) : NULL;
	d->mean = xmalloc(p * sizeof *d->mean);
	d->sd = xmalloc(p * sizeof *d->sd);
	stats_columns(x, n, p, d->mean, d->sd);
	for (size_t j = 0; j < p; j++)
		if (!(d->sd[j] > 0)) {
			char buf[NUM_BUFSIZE];
			die_at(d->r.name, 0, d->r.header[d->col[j]], num_format(buf, x[j]),
			       "constant item: all %zu complete rows hold the same value", n);
		}
	d->cov = xmalloc(p * p * sizeof *d->cov);
	d->cor = xmalloc(p * p * sizeof *d->cor);
	stats_cov_cor(x, n, p, d->cov, d->cor);
	d->names = xmalloc(p * sizeof *d->names);
	for (size_t j = 0; j < p; j++)
		d->names[j] = d->r.header[d->col[j]];
	d->fitcor = d->cor;
	if (o->cor != COR_PEARSON) {
		d->fitcor = xmalloc(p * p * sizeof *d->fitcor);
		poly_items(d->x, d->n, p, o->cor == COR_TETRACHORIC, d->r.name, d->names,
		           d->fitcor, &d->poly);
	}
}

static void
data_free(data *d)
{
	if (d->fitcor != d->cor)
		free(d->fitcor);
	free(d->names);
	free(d->cor);
	free(d->cov);
	free(d->sd);
	free(d->mean);
	free(d->x);
	free(d->col);
	tsv_free(&d->r);
	free(d->reverse);
}

static void
summary_num(tsv_writer *w, const char *stat, double x)
{
	tsvw_str(w, stat);
	tsvw_num_or_missing(w, x);
	tsvw_end(w);
}

static void
summary_str(tsv_writer *w, const char *stat, const char *value)
{
	tsvw_str(w, stat);
	tsvw_str(w, value);
	tsvw_end(w);
}

/* psych omega() of the retained items (those of alpha). */
static omega_result
summary_omega(const options *o, const data *d, const unsigned char *retained, size_t nret)
{
	size_t p = d->p, m = 0, *item = xmalloc(nret * sizeof *item);
	omega_result om;
	if (o->omega >= nret)
		die("--omega: %zu group factors need more than %zu items", o->omega, nret);
	if (fa_dof(nret, o->omega) < 0)
		die("--omega: %zu group factors of %zu items are not identified (model df %g "
		    "< 0): give fewer with --omega-factors", o->omega, nret,
		    fa_dof(nret, o->omega));
	double *r = xmalloc(nret * nret * sizeof *r), *h2 = xmalloc(nret * sizeof *h2);
	for (size_t a = 0; a < p; a++)
		if (retained[a]) {
			size_t c = 0;
			for (size_t b = 0; b < p; b++)
				if (retained[b])
					r[m * nret + c++] = d->fitcor[a * p + b];
			item[m++] = a;
		}
	int rc = omega_compute(r, nret, o->omega, &om, h2);
	free(r);
	for (size_t s = 0; rc == 0 && s < nret; s++)
		if (h2[s] >= FA_HEYWOOD)
			warn("--omega: item '%s': Heywood case in the %zu-factor fit of omega "
			     "(communality %.6g): omega rests on an improper fit",
			     d->names[item[s]], o->omega, h2[s]);
	free(h2);
	free(item);
	if (rc != 0)
		die("--omega: the fit of %zu group factors failed", o->omega);
	return om;
}

static void
write_summary(const options *o, const data *d, const fa_items *first, const fa_items *final,
              size_t nret, size_t heywood, double model_df, const unsigned char *retained,
              const omega_result *om, const parallel_result *pa)
{
	size_t k = o->fit.k, p = d->p;
	char name[64];
	tsv_writer s;
	tsvw_open(&s, o->summary);
	summary_str(&s, "statistic", "value");
	summary_num(&s, "rows", (double)d->rows);
	summary_num(&s, "dropped_missing", (double)(d->rows - d->n));
	summary_num(&s, "n", (double)d->n);
	summary_num(&s, "items", (double)p);
	summary_num(&s, "items_retained", (double)nret);
	summary_num(&s, "items_fitted", (double)final->p);
	summary_num(&s, "factors", (double)k);
	summary_str(&s, "method", fa_method_names[o->fit.method]);
	summary_str(&s, "rotation", rot_names[o->fit.rotate]);
	summary_num(&s, "bartlett_chi2", final->chi2);
	summary_num(&s, "bartlett_df", final->df);
	summary_num(&s, "bartlett_p", final->pvalue);
	summary_num(&s, "kmo", final->kmo);
	/* adequacy is judged before items are dropped (the paper's chi2(153)
	 * and KMO are of all 18 items): give both when there was a refit */
	if (final != first) {
		summary_num(&s, "all_items_bartlett_chi2", first->chi2);
		summary_num(&s, "all_items_bartlett_df", first->df);
		summary_num(&s, "all_items_bartlett_p", first->pvalue);
		summary_num(&s, "all_items_kmo", first->kmo);
	}
	double cum = 0;
	for (size_t j = 0; j < k; j++) {
		/* psych's SS loadings: diag(Phi L'L), the column sums of squares
		 * when the factors are uncorrelated */
		double ss = 0;
		for (size_t c = 0; c < k; c++) {
			double t = 0;
			if (c != j && final->phi[j * k + c] == 0)
				continue;
			for (size_t i = 0; i < final->p; i++)
				t += final->l[i * k + c] * final->l[i * k + j];
			ss += c == j ? t * final->phi[j * k + j] : t * final->phi[j * k + c];
		}
		cum += ss;
		snprintf(name, sizeof name, "ss_loadings_F%zu", j + 1);
		summary_num(&s, name, ss);
		snprintf(name, sizeof name, "proportion_F%zu", j + 1);
		summary_num(&s, name, ss / (double)final->p);
		snprintf(name, sizeof name, "cumulative_F%zu", j + 1);
		summary_num(&s, name, cum / (double)final->p);
	}
	if (rot_oblique(o->fit.rotate))
		for (size_t a = 0; a < k; a++)
			for (size_t b = a + 1; b < k; b++) {
				snprintf(name, sizeof name, "phi_F%zu_F%zu", a + 1, b + 1);
				summary_num(&s, name, final->phi[a * k + b]);
			}
	summary_num(&s, "model_df", model_df);
	summary_num(&s, "objective", final->info.objective);
	summary_num(&s, "psych_objective", final->info.psych_objective);
	summary_num(&s, "starts", final->info.starts);
	summary_num(&s, "starts_best", final->info.starts_best);
	summary_num(&s, "alpha", fa_alpha(d->cov, p, retained, p));
	summary_num(&s, "std_alpha", fa_alpha(d->cor, p, retained, p));
	summary_num(&s, "heywood", (double)heywood);
	summary_num(&s, "iterations", final->info.iterations);
	summary_num(&s, "converged", final->info.converged);
	if (o->fit.rotate == ROT_VARIMAX) {
		summary_num(&s, "varimax_iterations", final->rot.iterations);
		summary_num(&s, "varimax_converged", final->rot.converged);
	} else if (o->fit.rotate != ROT_NONE) {
		summary_num(&s, "rotation_iterations", final->rot.iterations);
		summary_num(&s, "rotation_converged", final->rot.converged);
		if (!isnan(final->rot.criterion))
			summary_num(&s, "rotation_criterion", final->rot.criterion);
		if (o->fit.rotate_starts > 1 && !isnan(final->rot.criterion)) {
			summary_num(&s, "rotation_starts", final->rot.starts);
			summary_num(&s, "rotation_starts_at_best", final->rot.at_best);
		}
	}
	if (pa) {
		summary_num(&s, "parallel_iterations", (double)o->parallel);
		summary_num(&s, "parallel_seed", (double)o->fit.seed);
		summary_num(&s, "parallel_factors", (double)pa->nfact);
		summary_num(&s, "parallel_components", (double)pa->ncomp);
	}
	if (o->cor != COR_PEARSON) {
		summary_str(&s, "correlation", cor_names[o->cor]);
		summary_num(&s, "polychoric_global", d->poly.global);
		summary_num(&s, "polychoric_corrected_pairs", (double)d->poly.fixed);
		summary_num(&s, "polychoric_smoothed", d->poly.smoothed);
	}
	if (om) {
		summary_num(&s, "omega_factors", (double)o->omega);
		summary_num(&s, "omega_total", om->total);
		summary_num(&s, "omega_hierarchical", om->hierarchical);
		summary_num(&s, "omega_limit", om->limit);
		summary_num(&s, "omega_ecv", om->ecv);
		if (om->heywood)
			summary_num(&s, "omega_heywood", (double)om->heywood);
	}
	if (d->reverse) {
		/* the items keyed the other way by --reverse, in item order */
		size_t len = 1;
		for (size_t j = 0; j < p; j++)
			len += strlen(d->names[j]) + 1;
		char *list = xmalloc(len);
		list[0] = '\0';
		for (size_t j = 0; j < p; j++)
			if (!isnan(d->reverse[j])) {
				if (list[0])
					strcat(list, ",");
				strcat(list, d->names[j]);
			}
		summary_str(&s, "reversed", list);
		free(list);
	}
	tsvw_close(&s);
}

/* The fitted correlation matrix: item, then one column per item. */
static void
write_correlations(const char *path, const data *d)
{
	size_t p = d->p;
	tsv_writer w;
	tsvw_open(&w, path);
	tsvw_str(&w, "item");
	for (size_t j = 0; j < p; j++)
		tsvw_str(&w, d->names[j]);
	tsvw_end(&w);
	for (size_t i = 0; i < p; i++) {
		tsvw_str(&w, d->names[i]);
		for (size_t j = 0; j < p; j++)
			tsvw_num(&w, d->fitcor[i * p + j]);
		tsvw_end(&w);
	}
	tsvw_close(&w);
}

static void
warn_fit(const options *o, const fa_items *f, double model_df)
{
	if (model_df < 0)
		warn("%zu factors of %zu items are not identified (model df %g < 0): the "
		     "loadings are one solution of many", o->fit.k, f->p, model_df);
	fa_require_converged(fa_method_names[o->fit.method], f->info.converged, f->info.iterations,
	                     o->fit.method == FA_PA ? "last change of the communalities' sum"
	                     : o->fit.method == FA_ML ? "largest gradient in the log uniquenesses"
	                                       : "largest gradient",
	                     f->info.gradient, o->allow_nonconv);
	fa_require_converged(rot_names[o->fit.rotate], f->rot.converged, f->rot.iterations,
	                     NULL, NAN, o->allow_nonconv);
	if (f->info.converged && f->info.starts > 1 && f->info.starts_best == 1)
		warn("%s: the best fit was reached from 1 of %d starts only: there may be "
		     "a better one", fa_method_names[o->fit.method], f->info.starts);
	if (o->fit.rotate_starts > 1 && f->rot.at_best == 1 && !isnan(f->rot.criterion))
		warn("%s: the best criterion (%.10g) was reached by one start of %d only: "
		     "there may be a better one", rot_names[o->fit.rotate], f->rot.criterion,
		     f->rot.starts);
}

int
main(int argc, char **argv)
{
	options o = {.fit = {.k = 1, .rotate = -1, .rotate_tol = 1e-5, .max_iter = -1,
	                     .method = FA_MINRES, .pa_tol = 0.001, .seed = 1, .rotate_starts = 1},
	             .threshold = NAN};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	check_options(&o, &c);
	data d;
	read_data(&d, &o, &c);
	o.fit.smoothed = d.fitcor != d.cor && d.poly.smoothed;
	size_t p = d.p, k = o.fit.k;

	/* all items; then, maybe, the retained ones */
	unsigned char *all = xmalloc(p), *retained = xmalloc(p);
	memset(all, 1, p);
	fa_items first, second, *final = &first;
	fa_fit_items(&first, &o.fit, d.fitcor, d.cor, p, all, d.n, d.names);
	size_t nret = fa_select_items(&first, p, k, o.threshold, retained);
	if (o.refit && nret < p) {
		if (nret <= k)
			die("%zu items load above the threshold %g: --refit with %zu factors "
			    "needs more", nret, o.threshold, k);
		fa_fit_items(&second, &o.fit, d.fitcor, d.cor, p, retained, d.n, d.names);
		final = &second;
	}
	fmodel m;
	fa_sample smp = {d.n, d.p, d.names, d.mean, d.sd, d.cov, d.cor, d.fitcor, d.reverse};
	size_t heywood = fmodel_build(&m, &smp, k, rot_oblique(o.fit.rotate), &first, final,
	                              retained, nret);
	/* degrees of freedom of the factor model (psych's dof) */
	double model_df = fa_dof(final->p, k);
	warn_fit(&o, final, model_df);
	fa_warn_keying(final, k, d.cov, p, d.names);
	omega_result om;
	if (o.omega)
		om = summary_omega(&o, &d, retained, nret);
	parallel_result pa;
	int prc = o.parallel ? parallel_run(d.x, d.n, p, d.cor, o.parallel, o.fit.seed, &pa) : 0;
	if (prc == -2)
		die("parallel analysis: 1000 resampled data sets in a row had a constant "
		    "item; the items take too few values for %zu rows", d.n);
	if (prc != 0)
		die("parallel analysis: a one-factor fit failed");

	/* everything is known: print */
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	fmodel_write(&m, &out);
	if (o.summary)
		write_summary(&o, &d, &first, final, nret, heywood, model_df, retained,
		              o.omega ? &om : NULL, o.parallel ? &pa : NULL);
	if (o.eigenvalues)
		parallel_write_eigenvalues(o.eigenvalues, d.fitcor, p, o.parallel ? &pa : NULL);
	if (o.correlations)
		write_correlations(o.correlations, &d);
	close_stdout();
	if (!c.quiet)
		warn("read %zu rows, used %zu, dropped %zu with a missing item (listwise)",
		     d.rows, d.n, d.rows - d.n);

	if (o.parallel)
		parallel_free(&pa);
	fmodel_release(&m);
	if (final != &first)
		fa_items_free(&second);
	fa_items_free(&first);
	free(retained);
	free(all);
	data_free(&d);
	for (size_t j = 0; j < o.nreverse; j++)
		free(o.reverse[j]);
	free(o.reverse);
	cli_free(&c);
	return 0;
}
