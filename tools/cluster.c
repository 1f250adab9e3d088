/* cluster: k-means on numeric columns, rows as points. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cols.h"
#include "err.h"
#include "kmeans.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

enum { DEFAULT_RESTARTS = 500, DEFAULT_ELBOW_RESTARTS = 50, DEFAULT_SEED = 1 };

/* On more than BIG_ROWS rows the default restarts shrink so that a fit costs
 * about as much as the defaults on BIG_ROWS rows (restarts x rows), down to a
 * floor: the time grows with the rows, not 500 times them. */
enum { BIG_ROWS = 10000, MIN_RESTARTS = 20, MIN_ELBOW_RESTARTS = 5 };

/* There, too, the restarts stop once this many have reached the best inertia. */
enum { BIG_ENOUGH = 5 };

static long
budget(long dflt, long floor, size_t n)
{
	if (n <= BIG_ROWS)
		return dflt;
	long r = (long)((double)dflt * BIG_ROWS / (double)n);
	return r < floor ? floor : r;
}

enum { OPT_K = CLI_OWN, OPT_ELBOW, OPT_RESTARTS, OPT_ELBOW_RESTARTS, OPT_ALGORITHM,
       OPT_CENTROIDS, OPT_INERTIA, OPT_NAME };

static const cli_opt own[] = {
	{CLI_COLUMNS, NULL, 0, NULL, "the numeric columns (comma-separated names or shell\n"
	 "globs; repeatable); rows missing one are not clustered\n"
	 "and get an empty cluster"},
	{OPT_K, "k", 'k', "K", "K clusters"},
	{OPT_ELBOW, "elbow", 'e', "KMAX", "fit k = 1..KMAX (KMAX >= 3) and choose k at the elbow:\n"
	 "the k whose inertia lies farthest below the chord from\n"
	 "k = 1 to k = KMAX (smallest k on ties)"},
	{OPT_RESTARTS, "restarts", 0, "N", "k-means++ starts, the lowest inertia wins (default\n"
	 "500, scikit-learn n_init, R kmeans nstart; on more\n"
	 "than 10,000 rows 500 x 10,000 / rows, at least 20)"},
	{OPT_ELBOW_RESTARTS, "elbow-restarts", 0, "N", "starts per k while --elbow draws its curve\n"
	 "(default 50: ten times fewer, so the elbow of\n"
	 "thousands of points takes seconds; on more than\n"
	 "10,000 rows 50 x 10,000 / rows, at least 5); the\n"
	 "chosen k is then fitted again with --restarts, so the\n"
	 "clusters are those --k would give"},
	{OPT_ALGORITHM, "algorithm", 0, "A", "hartigan (default): Lloyd's iterations, then Hartigan-\n"
	 "Wong single-point moves while they lower the inertia\n"
	 "(as good as R kmeans' default); lloyd: Lloyd's only\n"
	 "(as scikit-learn's algorithm=\"lloyd\")"},
	{CLI_SEED, NULL, 0, NULL, "seed of the Mersenne Twister (default 1); the output\n"
	 "depends only on the input, k, N and S"},
	{OPT_CENTROIDS, "centroids", 0, "FILE", "write cluster, n, within_ss and each column's mean"},
	{OPT_INERTIA, "inertia", 0, "FILE", "write k, inertia, r2 (between / total sum of squares),\n"
	 "gap (distance below the chord, as a share of the\n"
	 "inertia's fall; elbow only) and chosen, per k fitted"},
	{OPT_NAME, "name", 0, "NAME", "name of the added column (default 'cluster')"},
	{0},
};

static const cli_tool tool = {
	.name = "cluster",
	.synopsis = "-c COLUMNS (--k K | --elbow KMAX) [OPTION]... [FILE]",
	.about = "k-means clustering of the rows of a TSV on numeric columns.\n"
	         "Reads TSV from FILE or standard input; writes the input rows with a\n"
	         "'cluster' column (clusters numbered 1..k in order of first appearance).",
	.epilog = "Seeding is greedy k-means++ (scikit-learn's: 2 + ln k candidates per centre);\n"
	          "Lloyd's iterations run until no point changes cluster. Inertia is the sum of\n"
	          "squared Euclidean distances to the cluster means, as scikit-learn's inertia_\n"
	          "and R's tot.withinss. Columns are not standardised. The fit is made on\n"
	          "the values divided by a power of two (exact), so values near 1e300 are\n"
	          "clustered right; an inertia beyond the range of numbers (1.8e308) is an\n"
	          "error for --inertia and --centroids, and said so in the summary. Values\n"
	          "whose squared differences would vanish on that scale (two values of a\n"
	          "column closer than about 1e-154 times the data's largest magnitude) are\n"
	          "an error naming them, never a wrong inertia.\n"
	          "On more than 10,000 rows the default restarts are fewer (the time of a\n"
	          "fit then stays near that of 10,000 rows); the summary says how many ran\n"
	          "and how many reached the best inertia. Give --restarts to choose.\n"
	          "-r, the old short form of --restarts, is gone: -r is --rejects in every tool.",
	.common = CLI_COLUMNS | CLI_SEED | CLI_DIGITS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT |
	          CLI_SAFE_CELLS,
	.opts = own,
};

/* ---- options ---- */

struct opts {
	const char *centroids, *inertia, *name;
	long k, kmax, restarts, elbow_restarts;
	unsigned long seed;
	int hartigan, restarts_set, elbow_restarts_set;
	unsigned enough, elbow_enough;	/* km_fit_until's; 0: all restarts */
};

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const algorithms[] = {"lloyd", "hartigan", NULL};
	struct opts *o = ctx;
	switch (id) {
	case OPT_ELBOW: o->kmax = opt_long(arg, 3, 1000, "--elbow"); break;
	case OPT_K: o->k = opt_long(arg, 1, 1000000, "--k"); break;
	case OPT_RESTARTS:
		o->restarts = opt_long(arg, 1, 1000000, "--restarts");
		o->restarts_set = 1;
		break;
	case OPT_ELBOW_RESTARTS:
		o->elbow_restarts = opt_long(arg, 1, 1000000, "--elbow-restarts");
		o->elbow_restarts_set = 1;
		break;
	case OPT_ALGORITHM: o->hartigan = opt_word(arg, algorithms, "--algorithm"); break;
	case OPT_CENTROIDS: o->centroids = arg; break;
	case OPT_INERTIA: o->inertia = arg; break;
	case OPT_NAME:
		if (!*arg)
			die_usage("option '--name': empty column name");
		o->name = arg;
		break;
	}
}

static void
check_options(struct opts *o, const cli *c)
{
	if (c->ncolumns == 0)
		die_usage("no columns: give them with --columns");
	if ((o->k > 0) == (o->kmax > 0))
		die_usage("give either --k K or --elbow KMAX");
	if (c->seed_set)
		o->seed = c->seed;
}

/* The defaults of --restarts and --elbow-restarts for N rows. */
static void
default_restarts(struct opts *o, size_t n)
{
	if (!o->restarts_set)
		o->restarts = budget(DEFAULT_RESTARTS, MIN_RESTARTS, n);
	if (!o->elbow_restarts_set)
		o->elbow_restarts = budget(DEFAULT_ELBOW_RESTARTS, MIN_ELBOW_RESTARTS, n);
	if (n > BIG_ROWS) {
		o->enough = o->restarts_set ? 0 : BIG_ENOUGH;
		o->elbow_enough = o->elbow_restarts_set ? 0 : BIG_ENOUGH;
	}
}

/* ---- the stream: clustered columns held, rows spooled ---- */

struct data {
	size_t *col, d;		/* the clustered columns */
	double *x;		/* n x d: the complete rows' values */
	size_t n, nrows;
	unsigned char *complete;	/* per row: clustered or not */
	FILE *spool;		/* the rows, until their clusters are known */
};

static void
read_points(tsv_reader *r, const struct opts *o, const cli *c, struct data *dt)
{
	dt->d = cols_expand(r, c->columns, c->ncolumns, &dt->col);
	if (cols_find(r, o->name) >= 0)
		die_at(r->name, 1, o->name, NULL,
		       "the input already has this column (choose another with --name)");
	tsv_writer sw;
	dt->spool = tsv_spool_begin(&sw, r);

	size_t d = dt->d, xcap = 0, flagcap = 0;
	double *row = xmalloc(d * sizeof *row);
	while (tsv_next(r)) {
		int ok = tsv_numbers(r, dt->col, d, row);
		dt->complete = xgrow(dt->complete, &flagcap, dt->nrows + 1, 1);
		dt->complete[dt->nrows++] = (unsigned char)ok;
		if (ok) {
			dt->x = xgrow(dt->x, &xcap, (dt->n + 1) * d, sizeof *dt->x);
			memcpy(dt->x + dt->n * d, row, d * sizeof *row);
			dt->n++;
		}
		tsvw_copy_row(&sw, r);
		tsvw_end(&sw);
	}
	free(row);
	if (dt->n == 0)
		die_at(r->name, 0, NULL, NULL, "no row has a value in every column to cluster");
	size_t j;
	double a, b;
	if (km_check_range(dt->x, dt->n, dt->d, &j, &a, &b) != 0) {
		char ba[NUM_BUFSIZE], bb[NUM_BUFSIZE];
		die_at(r->name, 0, r->header[dt->col[j]], NULL, "the values span too wide a "
		       "range for squared distances: %s and %s differ by less than about "
		       "1e-154 times the largest magnitude of the data, and their squared "
		       "distance would vanish; rescale the columns or drop the extreme rows",
		       num_format(ba, a), num_format(bb, b));
	}
}

/* ---- the fits ---- */

struct fits {
	size_t kfrom, nk, chosen;
	km_result *fit;		/* per k from KFROM */
	double *gap;		/* --elbow only */
	km_result best;		/* the chosen k, fitted with --restarts */
};

static void
fit_all(const struct opts *o, const struct data *dt, const char *name, struct fits *f)
{
	size_t distinct = km_distinct(dt->x, dt->n, dt->d);
	size_t kto = o->k ? (size_t)o->k : (size_t)o->kmax;
	if (kto > distinct)
		die_at(name, 0, NULL, NULL, "%s %zu clusters but the data have only "
		       "%zu distinct point%s", o->k ? "cannot make" : "--elbow needs",
		       kto, distinct, distinct == 1 ? "" : "s");
	f->kfrom = o->k ? (size_t)o->k : 1;
	f->nk = kto - f->kfrom + 1;
	f->fit = xcalloc(f->nk, sizeof *f->fit);
	f->gap = NULL;
	long restarts = o->k ? o->restarts : o->elbow_restarts;
	unsigned enough = o->k ? o->enough : o->elbow_enough;
	for (size_t j = 0; j < f->nk; j++)
		km_fit_until(dt->x, dt->n, dt->d, f->kfrom + j, (unsigned)restarts, enough,
		             o->seed, o->hartigan, &f->fit[j]);
	if (o->k) {
		f->chosen = (size_t)o->k;
		f->best = f->fit[0];
		return;
	}
	double *inertia = xmalloc(f->nk * sizeof *inertia);
	for (size_t j = 0; j < f->nk; j++)
		inertia[j] = f->fit[j].inertia;
	f->gap = xmalloc(f->nk * sizeof *f->gap);
	f->chosen = km_elbow(inertia, f->nk, f->gap);
	free(inertia);
	/* The chosen k with the full restarts: the clusters --k would give. */
	km_result *e = &f->fit[f->chosen - 1];
	if (o->restarts == o->elbow_restarts) {
		f->best = *e;
		return;
	}
	km_fit_until(dt->x, dt->n, dt->d, f->chosen, (unsigned)o->restarts, o->enough,
	             o->seed, o->hartigan, &f->best);
	if (f->best.inertia > e->inertia) {
		/* more restarts from the same seed cover the fewer: cannot be */
		km_free(&f->best);
		f->best = *e;
	}
}

static void
free_fits(struct fits *f)
{
	int shared = 0;
	for (size_t j = 0; j < f->nk; j++) {
		shared |= f->fit[j].label == f->best.label;
		km_free(&f->fit[j]);
	}
	if (!shared)
		km_free(&f->best);
	free(f->fit);
	free(f->gap);
}

/* ---- the report ---- */

/* A sum of squares for a file: finite, or an error naming it. */
static void
check_finite(double v, const char *what, const char *name)
{
	if (!isfinite(v))
		die_at(name, 0, NULL, NULL, "the %s is beyond the range of numbers "
		       "(about 1.8e308): divide the columns by a constant (the "
		       "clusters do not change)", what);
}

static void
write_rows(const struct opts *o, const struct data *dt, const km_result *best)
{
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsv_reader sr;
	tsv_spool_reopen(dt->spool, &sr, "<temporary file>");
	tsvw_header(&out, &sr);
	tsvw_str(&out, o->name);
	tsvw_end(&out);
	for (size_t i = 0, p = 0; tsv_next(&sr); i++) {
		tsvw_copy_row(&out, &sr);
		if (dt->complete[i])
			tsvw_int(&out, (long long)best->label[p++] + 1);
		else
			tsvw_str(&out, NULL);
		tsvw_end(&out);
	}
	tsv_free(&sr);
}

static void
write_centroids(const char *path, const struct opts *o, const tsv_reader *r,
                const struct data *dt, const km_result *best)
{
	tsv_writer cw;
	tsvw_open(&cw, path);
	tsvw_str(&cw, o->name);
	tsvw_str(&cw, "n");
	tsvw_str(&cw, "within_ss");
	for (size_t j = 0; j < dt->d; j++)
		tsvw_str(&cw, r->header[dt->col[j]]);
	tsvw_end(&cw);
	for (size_t cl = 0; cl < best->k; cl++) {
		tsvw_int(&cw, (long long)cl + 1);
		tsvw_int(&cw, (long long)best->size[cl]);
		tsvw_num(&cw, best->within[cl]);
		for (size_t j = 0; j < dt->d; j++)
			tsvw_num(&cw, best->centroid[cl * dt->d + j]);
		tsvw_end(&cw);
	}
	tsvw_close(&cw);
}

static void
write_inertia(const char *path, const struct data *dt, const struct fits *f)
{
	tsv_writer iw;
	tsvw_open(&iw, path);
	static const char *head[] = {"k", "n", "inertia", "r2"};
	for (size_t j = 0; j < 4; j++)
		tsvw_str(&iw, head[j]);
	if (f->gap)
		tsvw_str(&iw, "gap");
	tsvw_str(&iw, "chosen");
	tsvw_end(&iw);
	for (size_t j = 0; j < f->nk; j++) {
		size_t k = f->kfrom + j;
		const km_result *fit = k == f->chosen ? &f->best : &f->fit[j];
		tsvw_int(&iw, (long long)k);
		tsvw_int(&iw, (long long)dt->n);
		tsvw_num(&iw, fit->inertia);
		if (isfinite(fit->r2))
			tsvw_num(&iw, fit->r2);
		else
			tsvw_str(&iw, NULL);
		if (f->gap)
			tsvw_num(&iw, f->gap[j]);
		tsvw_int(&iw, k == f->chosen);
		tsvw_end(&iw);
	}
	tsvw_close(&iw);
}

static void
summarize(const struct opts *o, const struct data *dt, const struct fits *f)
{
	const km_result *best = &f->best;
	char ib[NUM_BUFSIZE], rb[NUM_BUFSIZE], how[64];
	if (o->k)
		snprintf(how, sizeof how, "k = %zu", f->chosen);
	else
		snprintf(how, sizeof how, "k = %zu (elbow of k = 1..%zu)", f->chosen,
		         f->kfrom + f->nk - 1);
	warn("read %zu rows, clustered %zu (%zu with a missing value not "
	     "clustered); %s, inertia %s, r2 %s; best inertia reached by %u "
	     "of %u restarts", dt->nrows, dt->n, dt->nrows - dt->n, how,
	     isfinite(best->inertia) ? num_format(ib, best->inertia) :
	     "beyond the range of numbers",
	     isfinite(best->r2) ? num_format(rb, best->r2) : "undefined",
	     best->found, best->restarts);
}

int
main(int argc, char **argv)
{
	struct opts o = {.name = "cluster", .restarts = DEFAULT_RESTARTS,
	                 .elbow_restarts = DEFAULT_ELBOW_RESTARTS, .seed = DEFAULT_SEED,
	                 .hartigan = 1};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	check_options(&o, &c);
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	struct data dt = {0};
	read_points(&r, &o, &c, &dt);
	default_restarts(&o, dt.n);

	struct fits f;
	fit_all(&o, &dt, r.name, &f);
	/* Everything is known: check what will be printed, then print. */
	if (o.centroids)
		for (size_t cl = 0; cl < f.best.k; cl++)
			check_finite(f.best.within[cl], "within-cluster sum of squares", r.name);
	if (o.inertia) {
		for (size_t j = 0; j < f.nk; j++)
			check_finite(f.fit[j].inertia, "inertia", r.name);
		check_finite(f.best.inertia, "inertia", r.name);
	}
	write_rows(&o, &dt, &f.best);
	fclose(dt.spool);
	if (o.centroids)
		write_centroids(o.centroids, &o, &r, &dt, &f.best);
	if (o.inertia)
		write_inertia(o.inertia, &dt, &f);
	out_flush();
	if (!c.quiet)
		summarize(&o, &dt, &f);
	close_stdout();

	free_fits(&f);
	free(dt.x);
	free(dt.complete);
	free(dt.col);
	tsv_free(&r);
	cli_free(&c);
	return 0;
}
