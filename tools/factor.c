/* factor: exploratory factor analysis of survey items, as R psych's
 * fa(fm = "minres"), with adequacy tests, item selection and reliability. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "fa.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

/* A communality at psych's bound (uniqueness 0.005) or above: a Heywood case. */
#define HEYWOOD 0.995

static void
usage(void)
{
	printf("usage: %s [OPTION]... ITEM...\n"
	       "Exploratory factor analysis of the ITEM columns (names or globs such as\n"
	       "'attack_*') of the TSV on standard input, as R psych fa(fm = \"minres\").\n"
	       "Writes the model, one row per item, to standard output: the input of\n"
	       "svy-score.\n"
	       "\n"
	       "  -k, --factors K          factors to extract (default 1)\n"
	       "  -m, --method M           minres (default; psych fm = \"minres\", factor_analyzer's\n"
	       "                           default) or ml (maximum likelihood, psych\n"
	       "                           fm = \"ml\", as factanal) or pa (principal axes,\n"
	       "                           psych fm = \"pa\", with psych's stopping rule)\n"
	       "  -r, --rotate ROT         varimax (default; Kaiser normalisation, as psych)\n"
	       "                           or none; one factor is never rotated\n"
	       "      --varimax-tol EPS    stop varimax as R's stats::varimax does, when the\n"
	       "                           criterion grows by less than a factor 1 + EPS;\n"
	       "                           psych and factor_analyzer use 1e-5, which leaves\n"
	       "                           loadings off by up to ~1e-3 (default: 0, iterate\n"
	       "                           until the rotation itself settles)\n"
	       "  -t, --threshold T        mark items whose largest absolute loading is not\n"
	       "                           above T as not retained (default: keep all)\n"
	       "      --refit              fit again on the retained items only\n"
	       "      --max-iter N         steps of the fit (default 200; pa: 50, as psych)\n"
	       "      --allow-nonconvergence\n"
	       "                           a fit or rotation that did not converge is a\n"
	       "                           warning, not an error (exit 1)\n"
	       "      --pa-tol E           pa stops when the communalities' sum changes by\n"
	       "                           no more than E (default 0.001, psych's min.err)\n"
	       "  -s, --summary FILE       adequacy and fit figures as statistic/value rows\n"
	       "  -e, --eigenvalues FILE   all eigenvalues of the items' correlation matrix\n"
	       "      --digits N           round printed numbers to N significant digits\n"
	       "                           (the model too: leave it off for scoring)\n"
	       "  -q, --quiet              no note on standard error about dropped rows\n"
	       "  -o, --output FILE        write to FILE, complete or not at all\n"
	       "      --help               show this help and exit\n"
	       "      --version            show the version and exit\n"
	       "\n"
	       "Rows with a missing item are dropped (listwise deletion) and counted on\n"
	       "standard error. The fit goes to the true minimum of psych's criterion\n"
	       "(psych stops up to ~1e-5 short), with uniquenesses bounded to\n"
	       "[0.005, 1] as psych does. Factors are signed so that their loadings sum\n"
	       "positive and ordered by variance (psych's rule). Heywood cases\n"
	       "(communality >= 0.995) are flagged in the model and on standard error.\n"
	       "Standard deviations use n - 1; weights are the regression (Thurstone)\n"
	       "weights R^-1 L of psych's factor.scores.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

typedef struct {
	size_t k;
	int rotate;
	double varimax_tol;
	double threshold;	/* NAN: none */
	int refit, max_iter, quiet, allow_nonconv;
	int method;		/* M_MINRES, M_ML, M_PA */
	double pa_tol;
	const char *summary, *eigenvalues;
} options;

enum { M_MINRES, M_ML, M_PA };
static const char *method_names[] = {"minres", "ml", "pa"};

/* One fit: the items it uses (indexes into all items) and its results. */
typedef struct {
	size_t p, *items;
	double *r;		/* correlation matrix, p x p */
	double *l;		/* loadings, p x k */
	double *w;		/* regression weights, p x k */
	fa_fit_info info;
	int vit, vconv;
	double chi2, df, pvalue, kmo;
} fit;

/* Data errors about the correlation matrix name the cause. */
static void
die_singular(const double *r, size_t p, const size_t *items, char **names)
{
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < i; j++)
			if (fabs(r[i * p + j]) > 1 - 1e-10)
				die("items '%s' and '%s' are perfectly correlated (r = %.17g): "
				    "the correlation matrix is singular; drop one of them",
				    names[items[j]], names[items[i]], r[i * p + j]);
	die("the correlation matrix of the %zu items is singular (not positive "
	    "definite): an item is a linear combination of others", p);
}

static void
fit_items(fit *f, const double *rall, size_t pall, const unsigned char *use,
          size_t n, char **names, const options *o)
{
	size_t k = o->k;
	f->p = 0;
	f->items = xmalloc(pall * sizeof *f->items);
	for (size_t i = 0; i < pall; i++)
		if (use[i])
			f->items[f->p++] = i;
	size_t p = f->p;
	if (k >= p)
		die("%zu factors need more than %zu items", k, p);
	f->r = xmalloc(p * p * sizeof *f->r);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			f->r[i * p + j] = rall[f->items[i] * pall + f->items[j]];
	/* Cholesky succeeds on a matrix singular up to rounding (an item the
	 * sum of others): judge by the smallest eigenvalue */
	double *ev = xmalloc(p * sizeof *ev);
	fa_eigen(f->r, p, ev, NULL);
	if (!(ev[p - 1] > 1e-10))
		die_singular(f->r, p, f->items, names);
	free(ev);
	double *msa = xmalloc(p * sizeof *msa);
	if (fa_bartlett(f->r, p, n, &f->chi2, &f->df, &f->pvalue) != 0 ||
	    fa_kmo(f->r, p, &f->kmo, msa) != 0)
		die_singular(f->r, p, f->items, names);
	free(msa);
	f->l = xmalloc(p * k * sizeof *f->l);
	int rc = o->method == M_PA ? fa_pa(f->r, p, k, o->pa_tol, o->max_iter, f->l, &f->info)
	       : o->method == M_ML ? fa_ml(f->r, p, k, o->max_iter, f->l, &f->info)
	       : fa_minres(f->r, p, k, o->max_iter, f->l, &f->info);
	if (rc != 0)
		die_singular(f->r, p, f->items, names);
	f->vit = 0;
	f->vconv = 1;
	if (k > 1 && o->rotate)
		f->vit = fa_varimax(f->l, p, k, o->varimax_tol, 10000, &f->vconv);
	/* the criterion is the same for the rotated loadings */
	fa_orient(f->l, p, k);
	f->w = xmalloc(p * k * sizeof *f->w);
	if (fa_regression_weights(f->r, f->l, p, k, f->w) != 0)
		die_singular(f->r, p, f->items, names);
}

static void
fit_free(fit *f)
{
	free(f->items);
	free(f->r);
	free(f->l);
	free(f->w);
}

static void
summary_num(tsv_writer *w, const char *stat, double x)
{
	tsvw_str(w, stat);
	if (isnan(x))
		tsvw_str(w, "");
	else
		tsvw_num(w, x);
	tsvw_end(w);
}

static void
summary_str(tsv_writer *w, const char *stat, const char *value)
{
	tsvw_str(w, stat);
	tsvw_str(w, value);
	tsvw_end(w);
}

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_DIGITS, OPT_MAX_ITER,
	       OPT_PA_TOL, OPT_REFIT, OPT_VARIMAX_TOL, OPT_ALLOW_NONCONV };
	static const struct option longopts[] = {
		{"allow-nonconvergence", no_argument, NULL, OPT_ALLOW_NONCONV},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"eigenvalues", required_argument, NULL, 'e'},
		{"factors", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, OPT_HELP},
		{"max-iter", required_argument, NULL, OPT_MAX_ITER},
		{"method", required_argument, NULL, 'm'},
		{"output", required_argument, NULL, 'o'},
		{"pa-tol", required_argument, NULL, OPT_PA_TOL},
		{"quiet", no_argument, NULL, 'q'},
		{"refit", no_argument, NULL, OPT_REFIT},
		{"rotate", required_argument, NULL, 'r'},
		{"summary", required_argument, NULL, 's'},
		{"threshold", required_argument, NULL, 't'},
		{"varimax-tol", required_argument, NULL, OPT_VARIMAX_TOL},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	options o = {1, 1, 0, NAN, 0, -1, 0, 0, M_MINRES, 0.001, NULL, NULL};
	int c;

	err_init("factor");
	while ((c = getopt_long(argc, argv, ":o:e:k:m:qr:s:t:", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': o.eigenvalues = optarg; break;
		case 'k': o.k = (size_t)opt_long(optarg, 1, 1000, "--factors"); break;
		case 'm':
			for (o.method = 0; o.method < 3; o.method++)
				if (strcmp(optarg, method_names[o.method]) == 0)
					break;
			if (o.method == 3)
				die_usage("--method: unknown method '%s' (minres, ml or pa)", optarg);
			break;
		case 'q': o.quiet = 1; break;
		case 'r':
			if (strcmp(optarg, "varimax") == 0)
				o.rotate = 1;
			else if (strcmp(optarg, "none") == 0)
				o.rotate = 0;
			else
				die_usage("--rotate: unknown rotation '%s' (varimax or none)", optarg);
			break;
		case 's': o.summary = optarg; break;
		case 't': o.threshold = opt_double(optarg, 0, 1, "--threshold"); break;
		case OPT_DIGITS: num_digits = (int)opt_long(optarg, 1, 17, "--digits"); break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_MAX_ITER: o.max_iter = (int)opt_long(optarg, 0, 100000, "--max-iter"); break;
		case OPT_PA_TOL: o.pa_tol = opt_double(optarg, 0, 1, "--pa-tol"); break;
		case OPT_REFIT: o.refit = 1; break;
		case OPT_ALLOW_NONCONV: o.allow_nonconv = 1; break;
		case OPT_VARIMAX_TOL: o.varimax_tol = opt_double(optarg, 0, 1, "--varimax-tol"); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (optind == argc)
		die_usage("name the item columns");
	if (o.max_iter < 0)
		o.max_iter = o.method == M_PA ? 50 : 200;
	if (o.refit && isnan(o.threshold))
		die_usage("--refit needs --threshold");

	tsv_reader r;
	tsv_open(&r, stdin, "<stdin>");
	size_t *col, p = cols_expand(&r, argv + optind, (size_t)(argc - optind), &col);
	if (p < 2)
		die_usage("name at least 2 item columns (got %zu)", p);
	char **names = r.header;

	/* only the item columns, complete rows only */
	size_t n = 0, cap = 0, rows = 0;
	double *x = NULL, *row = xmalloc(p * sizeof *row);
	while (tsv_next(&r)) {
		rows++;
		int complete = 1;
		for (size_t j = 0; j < p; j++)
			if (!tsv_number(&r, col[j], &row[j]))
				complete = 0;
		if (!complete)
			continue;
		x = xgrow(x, &cap, (n + 1) * p, sizeof *x);
		memcpy(x + n * p, row, p * sizeof *row);
		n++;
	}
	free(row);
	if (rows == 0)
		die("%s: no data rows", r.name);
	if (n <= p)
		die("%s: need more complete rows (%zu) than items (%zu)%s", r.name, n, p,
		    n < rows ? "; rows with a missing item are dropped" : "");

	double *mean = xmalloc(p * sizeof *mean), *sd = xmalloc(p * sizeof *sd);
	fa_moments(x, n, p, mean, sd);
	for (size_t j = 0; j < p; j++)
		if (!(sd[j] > 0)) {
			char buf[NUM_BUFSIZE];
			die_at(r.name, 0, names[col[j]], num_format(buf, x[j]),
			       "constant item: all %zu complete rows hold the same value", n);
		}
	double *cov = xmalloc(p * p * sizeof *cov), *cor = xmalloc(p * p * sizeof *cor);
	fa_cov_cor(x, n, p, mean, sd, cov, cor);
	char **inames = xmalloc(p * sizeof *inames);
	for (size_t j = 0; j < p; j++)
		inames[j] = names[col[j]];

	/* all items; then, maybe, the retained ones */
	unsigned char *all = xmalloc(p), *retained = xmalloc(p);
	memset(all, 1, p);
	double *msa = xmalloc(p * sizeof *msa), kmo_all;
	fit first, second, *final = &first;
	fit_items(&first, cor, p, all, n, inames, &o);
	if (fa_kmo(cor, p, &kmo_all, msa) != 0)
		die_singular(cor, p, first.items, inames);
	size_t k = o.k, nret = 0;
	for (size_t i = 0; i < p; i++) {
		double m = 0;
		for (size_t j = 0; j < k; j++)
			if (fabs(first.l[i * k + j]) > m)
				m = fabs(first.l[i * k + j]);
		retained[i] = isnan(o.threshold) || m > o.threshold;
		nret += retained[i];
	}
	if (nret == 0)
		die("no item loads above the threshold %g", o.threshold);
	if (o.refit && nret < p) {
		if (nret <= k)
			die("%zu items load above the threshold %g: --refit with %zu factors "
			    "needs more", nret, o.threshold, k);
		fit_items(&second, cor, p, retained, n, inames, &o);
		final = &second;
	}

	/* the model, item by item: final-fit rows where the item is in it */
	double *l = xmalloc(p * k * sizeof *l), *w = xmalloc(p * k * sizeof *w);
	unsigned char *fitted = xcalloc(p, 1);
	memcpy(l, first.l, p * k * sizeof *l);
	for (size_t i = 0; i < p * k; i++)
		w[i] = NAN;
	for (size_t s = 0; s < final->p; s++) {
		size_t i = final->items[s];
		fitted[i] = 1;
		memcpy(l + i * k, final->l + s * k, k * sizeof *l);
		memcpy(w + i * k, final->w + s * k, k * sizeof *w);
	}
	double *h2 = xmalloc(p * sizeof *h2);
	size_t heywood = 0;
	for (size_t i = 0; i < p; i++) {
		h2[i] = 0;
		for (size_t j = 0; j < k; j++)
			h2[i] += l[i * k + j] * l[i * k + j];
		if (fitted[i] && h2[i] >= HEYWOOD) {
			heywood++;
			warn("item '%s': Heywood case: communality %.6g reaches 1 (uniqueness "
			     "at its bound): the fit is improper", inames[i], h2[i]);
		}
	}
	double alpha = fa_alpha(cov, p, retained, p), std_alpha = fa_alpha(cor, p, retained, p);
	/* degrees of freedom of the factor model (psych's dof) */
	double pf = (double)final->p, kf = (double)k;
	double model_df = ((pf - kf) * (pf - kf) - (pf + kf)) / 2;
	if (model_df < 0)
		warn("%zu factors of %zu items are not identified (model df %g < 0): the "
		     "loadings are one solution of many", k, final->p, model_df);
	fa_require_converged(method_names[o.method], final->info.converged,
	                     final->info.iterations, o.method == M_PA ?
	                     "last change of the communalities' sum" : "largest gradient",
	                     final->info.gradient, o.allow_nonconv);
	fa_require_converged("varimax", final->vconv, final->vit, NULL, NAN,
	                     o.allow_nonconv);
	if (final->info.converged && final->info.starts > 1 && final->info.starts_best == 1)
		warn("%s: the best fit was reached from 1 of %d starts only: there may be "
		     "a better one", method_names[o.method], final->info.starts);

	/* everything is known: print */
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	char name[64];
	tsvw_str(&out, "item");
	for (size_t j = 0; j < k; j++) {
		snprintf(name, sizeof name, "F%zu", j + 1);
		tsvw_str(&out, name);
	}
	const char *fixed[] = {"communality", "uniqueness", "heywood", "msa", "retained",
	                       "alpha_if_dropped", "std_alpha_if_dropped", "mean", "sd", "n"};
	for (size_t j = 0; j < sizeof fixed / sizeof *fixed; j++)
		tsvw_str(&out, fixed[j]);
	for (size_t j = 0; j < k; j++) {
		snprintf(name, sizeof name, "weight_F%zu", j + 1);
		tsvw_str(&out, name);
	}
	tsvw_end(&out);
	for (size_t i = 0; i < p; i++) {
		tsvw_str(&out, inames[i]);
		for (size_t j = 0; j < k; j++)
			tsvw_num(&out, l[i * k + j]);
		tsvw_num(&out, h2[i]);
		tsvw_num(&out, 1 - h2[i]);
		tsvw_int(&out, fitted[i] && h2[i] >= HEYWOOD);
		tsvw_num(&out, msa[i]);
		tsvw_int(&out, retained[i]);
		double ad = retained[i] && nret >= 3 ? fa_alpha(cov, p, retained, i) : NAN;
		double sa = retained[i] && nret >= 3 ? fa_alpha(cor, p, retained, i) : NAN;
		if (isnan(ad)) tsvw_str(&out, ""); else tsvw_num(&out, ad);
		if (isnan(sa)) tsvw_str(&out, ""); else tsvw_num(&out, sa);
		tsvw_num(&out, mean[i]);
		tsvw_num(&out, sd[i]);
		tsvw_int(&out, (long long)n);
		for (size_t j = 0; j < k; j++)
			if (isnan(w[i * k + j]))
				tsvw_str(&out, "");
			else
				tsvw_num(&out, w[i * k + j]);
		tsvw_end(&out);
	}

	if (o.summary) {
		tsv_writer s;
		tsvw_open(&s, o.summary);
		summary_str(&s, "statistic", "value");
		summary_num(&s, "rows", (double)rows);
		summary_num(&s, "dropped_missing", (double)(rows - n));
		summary_num(&s, "n", (double)n);
		summary_num(&s, "items", (double)p);
		summary_num(&s, "items_retained", (double)nret);
		summary_num(&s, "items_fitted", (double)final->p);
		summary_num(&s, "factors", (double)k);
		summary_str(&s, "method", method_names[o.method]);
		summary_str(&s, "rotation", k > 1 && o.rotate ? "varimax" : "none");
		summary_num(&s, "bartlett_chi2", final->chi2);
		summary_num(&s, "bartlett_df", final->df);
		summary_num(&s, "bartlett_p", final->pvalue);
		summary_num(&s, "kmo", final->kmo);
		/* adequacy is judged before items are dropped (the paper's chi2(153)
		 * and KMO are of all 18 items): give both when there was a refit */
		if (final != &first) {
			summary_num(&s, "all_items_bartlett_chi2", first.chi2);
			summary_num(&s, "all_items_bartlett_df", first.df);
			summary_num(&s, "all_items_bartlett_p", first.pvalue);
			summary_num(&s, "all_items_kmo", first.kmo);
		}
		double cum = 0;
		for (size_t j = 0; j < k; j++) {
			double ss = 0;
			for (size_t i = 0; i < final->p; i++)
				ss += final->l[i * k + j] * final->l[i * k + j];
			cum += ss;
			snprintf(name, sizeof name, "ss_loadings_F%zu", j + 1);
			summary_num(&s, name, ss);
			snprintf(name, sizeof name, "proportion_F%zu", j + 1);
			summary_num(&s, name, ss / (double)final->p);
			snprintf(name, sizeof name, "cumulative_F%zu", j + 1);
			summary_num(&s, name, cum / (double)final->p);
		}
		summary_num(&s, "model_df", model_df);
		summary_num(&s, "objective", final->info.objective);
		summary_num(&s, "psych_objective", final->info.psych_objective);
		summary_num(&s, "starts", final->info.starts);
		summary_num(&s, "starts_best", final->info.starts_best);
		summary_num(&s, "alpha", alpha);
		summary_num(&s, "std_alpha", std_alpha);
		summary_num(&s, "heywood", (double)heywood);
		summary_num(&s, "iterations", final->info.iterations);
		summary_num(&s, "converged", final->info.converged);
		if (k > 1 && o.rotate) {
			summary_num(&s, "varimax_iterations", final->vit);
			summary_num(&s, "varimax_converged", final->vconv);
		}
		tsvw_close(&s);
	}
	if (o.eigenvalues) {
		double *ev = xmalloc(p * sizeof *ev), cum = 0;
		fa_eigen(cor, p, ev, NULL);
		tsv_writer e;
		tsvw_open(&e, o.eigenvalues);
		tsvw_str(&e, "index");
		tsvw_str(&e, "eigenvalue");
		tsvw_str(&e, "proportion");
		tsvw_str(&e, "cumulative");
		tsvw_end(&e);
		for (size_t i = 0; i < p; i++) {
			cum += ev[i];
			tsvw_int(&e, (long long)i + 1);
			tsvw_num(&e, ev[i]);
			tsvw_num(&e, ev[i] / (double)p);
			tsvw_num(&e, cum / (double)p);
			tsvw_end(&e);
		}
		tsvw_close(&e);
		free(ev);
	}
	close_stdout();
	if (!o.quiet)
		warn("read %zu rows, used %zu, dropped %zu with a missing item (listwise)",
		     rows, n, rows - n);

	if (final != &first)
		fit_free(&second);
	fit_free(&first);
	free(h2);
	free(fitted);
	free(w);
	free(l);
	free(msa);
	free(retained);
	free(all);
	free(inames);
	free(cor);
	free(cov);
	free(sd);
	free(mean);
	free(x);
	free(col);
	tsv_free(&r);
	return 0;
}
