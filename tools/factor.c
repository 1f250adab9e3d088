/* factor: exploratory factor analysis of survey items, as R psych's
 * fa(fm = "minres"), with rotations, adequacy tests, item selection and
 * reliability. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cols.h"
#include "err.h"
#include "stats.h"
#include "fa.h"
#include "fafit.h"
#include "matrix.h"
#include "fmodel.h"
#include "num.h"
#include "omega.h"
#include "opt.h"
#include "parallel.h"
#include "polychoric.h"
#include "rotate.h"
#include "tsv.h"

/* A communality at psych's bound (uniqueness 0.005) or above: a Heywood case. */
#define HEYWOOD 0.995

static void
usage(void)
{
	printf("usage: %s [OPTION]... -c ITEMS [FILE]\n"
	       "   or: %s [OPTION]... ITEM...   (items as operands; input -i or stdin)\n"
	       "Exploratory factor analysis of the ITEMS columns (names or globs such as\n"
	       "'attack_*') of the TSV in FILE or standard input, as R psych\n"
	       "fa(fm = \"minres\"). Writes the model, one row per item, to standard\n"
	       "output: the input of svy-score.\n"
	       "\n"
	       "  -c, --columns ITEMS      the item columns: a comma list of names or globs;\n"
	       "                           repeatable. Without -c the operands are the items\n"
	       "                           (alias, for one release) and an operand that is a\n"
	       "                           file is an error\n"
	       "  -i, --input FILE         read FILE (or give it as the last operand with -c)\n"
	       "  -k, --factors K          factors to extract (default 1)\n"
	       "  -m, --method M           minres (default; psych fm = \"minres\",\n"
	       "                           factor_analyzer's default) or ml (maximum\n"
	       "                           likelihood, psych fm = \"ml\", as factanal) or pa\n"
	       "                           (principal axes, psych fm = \"pa\", with psych's\n"
	       "                           stopping rule)\n"
	       "      --rotate ROT         oblimin (default when K > 1, as psych fa: quartimin,\n"
	       "                           GPArotation's oblimin), promax (psych's: Kaiser\n"
	       "                           normalised varimax, power 4), geomin (GPArotation\n"
	       "                           geominQ, delta 0.01), quartimin (= oblimin),\n"
	       "                           varimax (Kaiser normalisation, as psych),\n"
	       "                           quartimax (GPArotation) or none; one factor is\n"
	       "                           never rotated\n"
	       "      --rotate-tol EPS     stop oblimin, geomin and quartimax when the\n"
	       "                           projected gradient is below EPS (default 1e-5,\n"
	       "                           GPArotation's eps)\n"
	       "      --rotate-starts N    runs of oblimin, geomin, quartimax: the identity\n"
	       "                           (psych's start) and N - 1 random orthogonal\n"
	       "                           starts (--seed); the lowest criterion is kept\n"
	       "                           (default 1)\n"
	       "      --varimax-tol EPS    stop varimax (also inside promax) as R's\n"
	       "                           stats::varimax does, when the criterion grows by\n"
	       "                           less than a factor 1 + EPS; psych and\n"
	       "                           factor_analyzer use 1e-5, which leaves loadings off\n"
	       "                           by up to ~1e-3 (default: 0, iterate until the\n"
	       "                           rotation itself settles)\n"
	       "      --cor KIND           pearson (default), polychoric or tetrachoric (psych\n"
	       "                           polychoric/tetrachoric, smoothed as cor.smooth\n"
	       "                           when not positive definite, with a note)\n"
	       "      --omega              omega total and hierarchical in the summary, as\n"
	       "                           psych omega() (Schmid-Leiman of 3 oblimin factors)\n"
	       "      --omega-factors N    group factors of omega (default 3)\n"
	       "      --parallel N         parallel analysis over N simulated and N resampled\n"
	       "                           data sets, as psych fa.parallel: the suggested\n"
	       "                           numbers of factors and components in the summary,\n"
	       "                           the simulated eigenvalues in --eigenvalues\n"
	       "      --seed S             seed of --parallel and --rotate-starts (default 1)\n"
	       "  -t, --threshold T        mark items whose largest absolute loading is not\n"
	       "                           above T as not retained (default: keep all)\n"
	       "      --refit              fit again on the retained items only\n"
	       "      --max-iter N         steps of the fit (default 200; pa: 50, as psych)\n"
	       "      --allow-nonconvergence\n"
	       "                           a fit or rotation that did not converge is a\n"
	       "                           warning, not an error (exit 1)\n"
	       "      --pa-tol E           pa stops when the communalities' sum changes by\n"
	       "                           no more than E (default 0.001, psych's min.err)\n"
	       "      --summary FILE       adequacy and fit figures as statistic/value rows\n"
	       "                           (phi_Fa_Fb: the factor correlations)\n"
	       "      --eigenvalues FILE   all eigenvalues of the items' correlation matrix\n"
	       "                           (with --parallel: also the simulated ones)\n"
	       "      --correlations FILE  the correlation matrix fitted, item by item\n"
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
	       "After an oblique rotation the model holds the pattern loadings (F1..)\n"
	       "and the structure loadings (structure_F1..: pattern times Phi).\n"
	       "Standard deviations use n - 1; weights are the regression (Thurstone)\n"
	       "weights R^-1 S of psych's factor.scores (S the structure loadings).\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog, err_prog);
	exit(0);
}

typedef struct {
	size_t k;
	int rotate;		/* ROT_*; -1: the default */
	double varimax_tol, rotate_tol;
	double threshold;	/* NAN: none */
	int refit, max_iter, quiet, allow_nonconv;
	int method;		/* M_MINRES, M_ML, M_PA */
	double pa_tol;
	const char *summary, *eigenvalues, *input, *correlations;
	size_t omega;		/* group factors of omega; 0: no omega */
	int parallel;		/* data sets of parallel analysis; 0: none */
	int cor;		/* COR_* */
	int smoothed;		/* the fitted matrix was smoothed (psych cor.smooth) */
	unsigned long seed;
	char **items;		/* the item patterns */
	size_t nitems;
	int own_items;		/* ITEMS allocated (from -c) */
	int rotate_starts;	/* runs of the rotation (1: the identity start) */
} options;

enum { M_MINRES, M_ML, M_PA };
enum { COR_PEARSON, COR_POLYCHORIC, COR_TETRACHORIC };
static const char *const cor_names[] = {"pearson", "polychoric", "tetrachoric", NULL};
static const char *const method_names[] = {"minres", "ml", "pa", NULL};

/* One fit: the items it uses (indexes into all items) and its results. */
typedef struct {
	size_t p, *items;
	double *r;		/* correlation matrix, p x p */
	double *l;		/* loadings, p x k (pattern) */
	double *phi;		/* factor correlations, k x k */
	double *w;		/* regression weights, p x k */
	double *wr;		/* the Pearson correlations they come from */
	double *unrotated;	/* loadings before the rotation */
	fa_fit_info info;
	rot_info rot;
	double chi2, df, pvalue, kmo;
} fit;

/* The data: complete rows of the item columns. */
typedef struct {
	size_t n, p, rows;
	double *x, *mean, *sd, *cov, *cor;
	double *fitcor;		/* the matrix fitted: cor, or polychoric */
	poly_info poly;
	char **names;		/* item names (the reader's header) */
	tsv_reader r;
	size_t *col;
	FILE *fp;
} data;

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
fit_items(fit *f, const double *rall, const double *wall, size_t pall,
          const unsigned char *use, size_t n, char **names, const options *o)
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
	mat_eigen(f->r, p, ev, NULL);
	/* a smoothed matrix is positive definite by construction, its smallest
	 * eigenvalues set to about 1e-10 (psych fits it) */
	int singular = !(ev[p - 1] > (o->smoothed ? 0 : 1e-10));
	free(ev);
	if (singular)
		die_singular(f->r, p, f->items, names);
	double *msa = xmalloc(p * sizeof *msa);
	singular = fa_bartlett(f->r, p, n, &f->chi2, &f->df, &f->pvalue) != 0 ||
	           fa_kmo(f->r, p, &f->kmo, msa) != 0;
	free(msa);
	if (singular)
		die_singular(f->r, p, f->items, names);
	f->l = xmalloc(p * k * sizeof *f->l);
	int rc = o->method == M_PA ? fa_pa(f->r, p, k, o->pa_tol, o->max_iter, f->l, &f->info)
	       : o->method == M_ML ? fa_ml(f->r, p, k, o->max_iter, f->l, &f->info)
	       : fa_minres(f->r, p, k, o->max_iter, f->l, &f->info);
	if (rc != 0)
		die_singular(f->r, p, f->items, names);
	f->phi = xmalloc(k * k * sizeof *f->phi);
	f->unrotated = xmalloc(p * k * sizeof *f->unrotated);
	memcpy(f->unrotated, f->l, p * k * sizeof *f->l);
	f->rot.unrotated = f->unrotated;
	if (rot_rotate_starts(o->rotate, f->l, p, k, o->rotate_tol, 1000, o->varimax_tol,
	                      o->rotate_starts, o->seed, f->phi, &f->rot) != 0)
		die("the %s rotation failed: a matrix it inverts is singular",
		    rot_names[o->rotate]);
	/* the fit's criterion is the same for the rotated loadings */
	double *s = xmalloc(p * k * sizeof *s);
	if (rot_oblique(o->rotate)) {
		rot_orient(f->l, f->phi, p, k);
		rot_structure(f->l, f->phi, p, k, s);
	} else {
		rot_orient(f->l, NULL, p, k);
		memcpy(s, f->l, p * k * sizeof *s);
	}
	/* weights for z-scores of the observed items: R^-1 S with their Pearson
	 * correlations, also after a polychoric fit (psych's factor.scores) */
	double *wr = f->wr = xmalloc(p * p * sizeof *wr);
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++)
			wr[i * p + j] = wall[f->items[i] * pall + f->items[j]];
	f->w = xmalloc(p * k * sizeof *f->w);
	singular = fa_regression_weights(wr, s, p, k, f->w) != 0;
	free(s);
	if (singular)
		die_singular(wr, p, f->items, names);
}

static void
fit_free(fit *f)
{
	free(f->items);
	free(f->r);
	free(f->l);
	free(f->phi);
	free(f->w);
	free(f->wr);
	free(f->unrotated);
}

static void
parse_options(int argc, char **argv, options *o)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_DIGITS, OPT_MAX_ITER,
	       OPT_PA_TOL, OPT_REFIT, OPT_ROTATE, OPT_ROTATE_TOL, OPT_VARIMAX_TOL,
	       OPT_OMEGA, OPT_OMEGA_FACTORS, OPT_PARALLEL, OPT_SEED, OPT_COR,
	       OPT_CORRELATIONS, OPT_ROTATE_STARTS, OPT_SUMMARY, OPT_EIGENVALUES, OPT_ALLOW_NONCONV };
	static const struct option longopts[] = {
		{"allow-nonconvergence", no_argument, NULL, OPT_ALLOW_NONCONV},
		{"columns", required_argument, NULL, 'c'},
		{"cor", required_argument, NULL, OPT_COR},
		{"correlations", required_argument, NULL, OPT_CORRELATIONS},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"eigenvalues", required_argument, NULL, OPT_EIGENVALUES},
		{"factors", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, 'i'},
		{"max-iter", required_argument, NULL, OPT_MAX_ITER},
		{"method", required_argument, NULL, 'm'},
		{"omega", no_argument, NULL, OPT_OMEGA},
		{"omega-factors", required_argument, NULL, OPT_OMEGA_FACTORS},
		{"output", required_argument, NULL, 'o'},
		{"pa-tol", required_argument, NULL, OPT_PA_TOL},
		{"parallel", required_argument, NULL, OPT_PARALLEL},
		{"quiet", no_argument, NULL, 'q'},
		{"refit", no_argument, NULL, OPT_REFIT},
		{"rotate", required_argument, NULL, OPT_ROTATE},
		{"rotate-starts", required_argument, NULL, OPT_ROTATE_STARTS},
		{"rotate-tol", required_argument, NULL, OPT_ROTATE_TOL},
		{"seed", required_argument, NULL, OPT_SEED},
		{"summary", required_argument, NULL, OPT_SUMMARY},
		{"threshold", required_argument, NULL, 't'},
		{"varimax-tol", required_argument, NULL, OPT_VARIMAX_TOL},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	int c, by_option = 0;
	size_t cap = 0;
	while ((c = getopt_long(argc, argv, ":c:i:o:k:m:qt:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': {
			size_t m;
			char **v = cols_split_list(optarg, &m);
			o->items = xgrow(o->items, &cap, o->nitems + m, sizeof *o->items);
			memcpy(o->items + o->nitems, v, m * sizeof *v);
			o->nitems += m;
			free(v);
			by_option = o->own_items = 1;
			break;
		}
		case OPT_EIGENVALUES: o->eigenvalues = optarg; break;
		case 'i': o->input = optarg; break;
		case 'k': o->k = (size_t)opt_long(optarg, 1, 1000, "--factors"); break;
		case 'm': o->method = opt_word(optarg, method_names, "--method"); break;
		case 'q': o->quiet = 1; break;
		case OPT_SUMMARY: o->summary = optarg; break;
		case 't': o->threshold = opt_double(optarg, 0, 1, "--threshold"); break;
		case OPT_DIGITS: opt_digits(optarg); break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_MAX_ITER: o->max_iter = (int)opt_long(optarg, 0, 100000, "--max-iter"); break;
		case OPT_PA_TOL: o->pa_tol = opt_double(optarg, 0, 1, "--pa-tol"); break;
		case OPT_OMEGA: if (!o->omega) o->omega = 3; break;
		case OPT_OMEGA_FACTORS: o->omega = (size_t)opt_long(optarg, 1, 1000, "--omega-factors"); break;
		case OPT_PARALLEL: o->parallel = (int)opt_long(optarg, 1, 100000, "--parallel"); break;
		case OPT_CORRELATIONS: o->correlations = optarg; break;
		case OPT_COR: o->cor = opt_word(optarg, cor_names, "--cor"); break;
		case OPT_SEED: o->seed = (unsigned long)opt_long(optarg, 0, 4294967295L, "--seed"); break;
		case OPT_REFIT: o->refit = 1; break;
		case OPT_ROTATE: o->rotate = opt_word(optarg, rot_names, "--rotate"); break;
		case OPT_ROTATE_STARTS: o->rotate_starts = (int)opt_long(optarg, 1, 100000, "--rotate-starts"); break;
		case OPT_ROTATE_TOL: o->rotate_tol = opt_double(optarg, 1e-15, 1, "--rotate-tol"); break;
		case OPT_ALLOW_NONCONV: o->allow_nonconv = 1; break;
		case OPT_VARIMAX_TOL: o->varimax_tol = opt_double(optarg, 0, 1, "--varimax-tol"); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (!by_option) {
		/* the old form: the operands are the items; a file among them is
		 * the new form's input given without -c */
		struct stat st;
		for (int a = optind; a < argc; a++)
			if (stat(argv[a], &st) == 0 && S_ISREG(st.st_mode))
				die_usage("'%s' is a file, not an item: name the items with -c "
				          "(svy-factor -c ITEMS %s)", argv[a], argv[a]);
		o->items = argv + optind;
		o->nitems = (size_t)(argc - optind);
		optind = argc;
	}
	if (o->nitems == 0)
		die_usage("name the item columns (-c ITEMS)");
	if (o->max_iter < 0)
		o->max_iter = o->method == M_PA ? 50 : 200;
	if (o->refit && isnan(o->threshold))
		die_usage("--refit needs --threshold");
	if (o->parallel && !o->summary && !o->eigenvalues)
		die_usage("--parallel needs --summary or --eigenvalues (it writes there)");
	if (o->parallel && o->cor != COR_PEARSON)
		die_usage("--parallel simulates Pearson correlations: use it without --cor");
	if (o->omega && !o->summary)
		die_usage("--omega needs --summary (it writes its rows there)");
	if (o->rotate < 0)
		o->rotate = o->k > 1 ? ROT_OBLIMIN : ROT_NONE;
	if (o->k < 2)
		o->rotate = ROT_NONE;
}

/* The polychoric (tetrachoric) matrix of the items, as psych. */
static void
polychoric(data *d, int tetra)
{
	size_t p = d->p;
	d->fitcor = xmalloc(p * p * sizeof *d->fitcor);
	int rc = poly_matrix(d->x, d->n, p, 8, tetra, d->fitcor, &d->poly);
	const char *what = tetra ? "tetrachoric" : "polychoric";
	for (size_t j = 0; rc == -2 && j < p; j++)
		for (size_t i = 0; i < d->n; i++)
			if (d->x[i * p + j] != floor(d->x[i * p + j])) {
				char buf[NUM_BUFSIZE];
				die_at(d->r.name, 0, d->names[j], num_format(buf, d->x[i * p + j]),
				       "--cor %s needs whole-number answer codes", what);
			}
	if (rc == -1)
		die("%s: --cor polychoric: the items take more than 8 values from the "
		    "smallest to the largest (psych's max.cat): not ordered categories",
		    d->r.name);
	if (rc == -3)
		die("%s: --cor tetrachoric: the items take more than two values (use "
		    "--cor polychoric)", d->r.name);
	for (size_t i = 0; i < p * p; i++)
		if (isnan(d->fitcor[i]))
			die("items '%s' and '%s': no %s correlation (a table with fewer "
			    "than two rows or columns)", d->names[i / p], d->names[i % p], what);
	if (d->poly.fixed)
		warn("%s: %zu pairs of items had empty cells, set to 0.5 / n "
		     "(psych's correct = 0.5)", what, d->poly.fixed);
	if (d->poly.smoothed)
		warn("the %s matrix was not positive definite: smoothed as psych "
		     "cor.smooth does", what);
}

/* The item columns' complete rows, their moments and correlations. */
static void
read_data(data *d, const options *o, int argc, char **argv)
{
	const char *name;
	d->fp = opt_input(o->input, argc, argv, optind, &name);
	tsv_open(&d->r, d->fp, name);
	size_t p = d->p = cols_expand(&d->r, o->items, o->nitems, &d->col);
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
	if (o->cor != COR_PEARSON)
		polychoric(d, o->cor == COR_TETRACHORIC);
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
	opt_close_input(d->fp);
}

/* The model, item by item: final-fit rows where the item is in it, the first
 * fit's loadings (and no weights) for the others. Returns the Heywood cases. */
static size_t
build_model(fmodel *m, const data *d, const fit *first, const fit *final,
            const unsigned char *retained, size_t nret, const options *o)
{
	size_t p = d->p, k = o->k, heywood = 0;
	int oblique = rot_oblique(o->rotate);
	m->p = p;
	m->k = k;
	m->item = d->names;
	m->factor = xmalloc(k * sizeof *m->factor);
	for (size_t j = 0; j < k; j++) {
		char name[32];
		snprintf(name, sizeof name, "F%zu", j + 1);
		m->factor[j] = xstrdup(name);
	}
	m->load = xmalloc(p * k * sizeof *m->load);
	m->structure = oblique ? xmalloc(p * k * sizeof *m->structure) : NULL;
	m->w = xmalloc(p * k * sizeof *m->w);
	m->h2 = xmalloc(p * sizeof *m->h2);
	m->msa = xmalloc(p * sizeof *m->msa);
	m->alpha_drop = xmalloc(p * sizeof *m->alpha_drop);
	m->std_alpha_drop = xmalloc(p * sizeof *m->std_alpha_drop);
	m->heywood = xcalloc(p, 1);
	m->retained = (unsigned char *)retained;
	m->mean = d->mean;
	m->sd = d->sd;
	m->n = (double)d->n;
	double kmo;
	if (fa_kmo(d->fitcor, p, &kmo, m->msa) != 0)
		die_singular(d->fitcor, p, first->items, d->names);
	unsigned char *fitted = xcalloc(p, 1);
	memcpy(m->load, first->l, p * k * sizeof *m->load);
	if (oblique)
		rot_structure(first->l, first->phi, p, k, m->structure);
	for (size_t i = 0; i < p * k; i++)
		m->w[i] = NAN;
	for (size_t s = 0; s < final->p; s++) {
		size_t i = final->items[s];
		fitted[i] = 1;
		memcpy(m->load + i * k, final->l + s * k, k * sizeof *m->load);
		memcpy(m->w + i * k, final->w + s * k, k * sizeof *m->w);
		if (oblique)
			rot_structure(final->l + s * k, final->phi, 1, k, m->structure + i * k);
	}
	for (size_t i = 0; i < p; i++) {
		if (oblique) {
			const double *phi = fitted[i] ? final->phi : first->phi;
			rot_communality(m->load + i * k, phi, 1, k, &m->h2[i]);
		} else {
			m->h2[i] = 0;
			for (size_t j = 0; j < k; j++)
				m->h2[i] += m->load[i * k + j] * m->load[i * k + j];
		}
		if (fitted[i] && m->h2[i] >= HEYWOOD) {
			heywood++;
			m->heywood[i] = 1;
			warn("item '%s': Heywood case: communality %.6g reaches 1 (uniqueness "
			     "at its bound): the fit is improper", d->names[i], m->h2[i]);
		}
		int drop = retained[i] && nret >= 3;
		m->alpha_drop[i] = drop ? fa_alpha(d->cov, p, retained, i) : NAN;
		m->std_alpha_drop[i] = drop ? fa_alpha(d->cor, p, retained, i) : NAN;
	}
	free(fitted);
	return heywood;
}

static void
model_release(fmodel *m)
{
	for (size_t j = 0; j < m->k; j++)
		free(m->factor[j]);
	free(m->factor);
	free(m->load);
	free(m->structure);
	free(m->w);
	free(m->h2);
	free(m->msa);
	free(m->alpha_drop);
	free(m->std_alpha_drop);
	free(m->heywood);
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
	size_t p = d->p, m = 0;
	omega_result om;
	if (o->omega >= nret)
		die("--omega: %zu group factors need more than %zu items", o->omega, nret);
	double *r = xmalloc(nret * nret * sizeof *r);
	for (size_t a = 0; a < p; a++)
		if (retained[a]) {
			size_t c = 0;
			for (size_t b = 0; b < p; b++)
				if (retained[b])
					r[m * nret + c++] = d->fitcor[a * p + b];
			m++;
		}
	int rc = omega_compute(r, nret, o->omega, &om, NULL);
	free(r);
	if (rc != 0)
		die("--omega: the fit of %zu group factors failed", o->omega);
	return om;
}

static void
write_summary(const options *o, const data *d, const fit *first, const fit *final,
              size_t nret, size_t heywood, double model_df, const unsigned char *retained,
              const omega_result *om, const parallel_result *pa)
{
	size_t k = o->k, p = d->p;
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
	summary_str(&s, "method", method_names[o->method]);
	summary_str(&s, "rotation", rot_names[o->rotate]);
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
	if (rot_oblique(o->rotate))
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
	if (o->rotate == ROT_VARIMAX) {
		summary_num(&s, "varimax_iterations", final->rot.iterations);
		summary_num(&s, "varimax_converged", final->rot.converged);
	} else if (o->rotate != ROT_NONE) {
		summary_num(&s, "rotation_iterations", final->rot.iterations);
		summary_num(&s, "rotation_converged", final->rot.converged);
		if (!isnan(final->rot.criterion))
			summary_num(&s, "rotation_criterion", final->rot.criterion);
		if (o->rotate_starts > 1 && !isnan(final->rot.criterion)) {
			summary_num(&s, "rotation_starts", final->rot.starts);
			summary_num(&s, "rotation_starts_at_best", final->rot.at_best);
		}
	}
	if (pa) {
		summary_num(&s, "parallel_iterations", (double)o->parallel);
		summary_num(&s, "parallel_seed", (double)o->seed);
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
	}
	tsvw_close(&s);
}

static void
write_eigenvalues(const char *path, const double *cor, size_t p, const parallel_result *pa)
{
	static const char *const kinds[] = {"pc_simulated", "fa_simulated", "pc_resampled",
	                                    "fa_resampled"};
	char name[64];
	double *ev = xmalloc(p * sizeof *ev), cum = 0;
	mat_eigen(cor, p, ev, NULL);
	tsv_writer e;
	tsvw_open(&e, path);
	tsvw_str(&e, "index");
	tsvw_str(&e, "eigenvalue");
	tsvw_str(&e, "proportion");
	tsvw_str(&e, "cumulative");
	if (pa) {
		tsvw_str(&e, "fa_eigenvalue");
		for (int k = 0; k < PAR_KINDS; k++) {
			snprintf(name, sizeof name, "%s_mean", kinds[k]);
			tsvw_str(&e, name);
			snprintf(name, sizeof name, "%s_q95", kinds[k]);
			tsvw_str(&e, name);
		}
	}
	tsvw_end(&e);
	for (size_t i = 0; i < p; i++) {
		cum += ev[i];
		tsvw_int(&e, (long long)i + 1);
		tsvw_num(&e, ev[i]);
		tsvw_num(&e, ev[i] / (double)p);
		tsvw_num(&e, cum / (double)p);
		if (pa) {
			tsvw_num(&e, pa->fa[i]);
			for (int k = 0; k < PAR_KINDS; k++) {
				tsvw_num(&e, pa->mean[k][i]);
				tsvw_num(&e, pa->q95[k][i]);
			}
		}
		tsvw_end(&e);
	}
	tsvw_close(&e);
	free(ev);
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

/* Which items load above the threshold (all without one). */
static size_t
select_items(const fit *f, size_t p, size_t k, double threshold, unsigned char *retained)
{
	size_t nret = 0;
	for (size_t i = 0; i < p; i++) {
		double m = 0;
		for (size_t j = 0; j < k; j++)
			if (fabs(f->l[i * k + j]) > m)
				m = fabs(f->l[i * k + j]);
		retained[i] = isnan(threshold) || m > threshold;
		nret += retained[i];
	}
	if (nret == 0)
		die("no item loads above the threshold %g", threshold);
	return nret;
}

static void
warn_fit(const options *o, const fit *f, double model_df)
{
	if (model_df < 0)
		warn("%zu factors of %zu items are not identified (model df %g < 0): the "
		     "loadings are one solution of many", o->k, f->p, model_df);
	fa_require_converged(method_names[o->method], f->info.converged, f->info.iterations,
	                     o->method == M_PA ? "last change of the communalities' sum"
	                                       : "largest gradient",
	                     f->info.gradient, o->allow_nonconv);
	fa_require_converged(rot_names[o->rotate], f->rot.converged, f->rot.iterations,
	                     NULL, NAN, o->allow_nonconv);
	if (f->info.converged && f->info.starts > 1 && f->info.starts_best == 1)
		warn("%s: the best fit was reached from 1 of %d starts only: there may be "
		     "a better one", method_names[o->method], f->info.starts);
	if (o->rotate_starts > 1 && f->rot.at_best == 1 && !isnan(f->rot.criterion))
		warn("%s: the best criterion (%.10g) was reached by one start of %d only: "
		     "there may be a better one", rot_names[o->rotate], f->rot.criterion,
		     f->rot.starts);
}

int
main(int argc, char **argv)
{
	options o = {.k = 1, .rotate = -1, .rotate_tol = 1e-5, .threshold = NAN,
	             .max_iter = -1, .method = M_MINRES, .pa_tol = 0.001, .seed = 1,
	             .rotate_starts = 1};
	err_init("factor");
	parse_options(argc, argv, &o);
	data d;
	read_data(&d, &o, argc, argv);
	o.smoothed = d.fitcor != d.cor && d.poly.smoothed;
	size_t p = d.p, k = o.k;

	/* all items; then, maybe, the retained ones */
	unsigned char *all = xmalloc(p), *retained = xmalloc(p);
	memset(all, 1, p);
	fit first, second, *final = &first;
	fit_items(&first, d.fitcor, d.cor, p, all, d.n, d.names, &o);
	size_t nret = select_items(&first, p, k, o.threshold, retained);
	if (o.refit && nret < p) {
		if (nret <= k)
			die("%zu items load above the threshold %g: --refit with %zu factors "
			    "needs more", nret, o.threshold, k);
		fit_items(&second, d.fitcor, d.cor, p, retained, d.n, d.names, &o);
		final = &second;
	}
	fmodel m;
	size_t heywood = build_model(&m, &d, &first, final, retained, nret, &o);
	/* degrees of freedom of the factor model (psych's dof) */
	double pf = (double)final->p, kf = (double)k;
	double model_df = ((pf - kf) * (pf - kf) - (pf + kf)) / 2;
	warn_fit(&o, final, model_df);
	omega_result om;
	if (o.omega)
		om = summary_omega(&o, &d, retained, nret);
	parallel_result pa;
	int prc = o.parallel ? parallel_run(d.x, d.n, p, d.cor, o.parallel, o.seed, &pa) : 0;
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
		write_eigenvalues(o.eigenvalues, d.fitcor, p, o.parallel ? &pa : NULL);
	if (o.correlations)
		write_correlations(o.correlations, &d);
	close_stdout();
	if (!o.quiet)
		warn("read %zu rows, used %zu, dropped %zu with a missing item (listwise)",
		     d.rows, d.n, d.rows - d.n);

	if (o.parallel)
		parallel_free(&pa);
	model_release(&m);
	if (final != &first)
		fit_free(&second);
	fit_free(&first);
	free(retained);
	free(all);
	data_free(&d);
	if (o.own_items)
		cols_free_list(o.items, o.nitems);
	return 0;
}
