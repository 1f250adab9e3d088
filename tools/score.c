/* score: factor scores of every input row from a model written by factor. */
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

static void
usage(void)
{
	printf("usage: %s --model MODEL [OPTION]... [FILE]\n"
	       "Append one factor-score column per factor of MODEL (the output of\n"
	       "svy-factor) to every row of the TSV in FILE or standard input, keeping\n"
	       "all columns and the row order.\n"
	       "\n"
	       "  -m, --model FILE        the model: item rows with mean, sd, n and\n"
	       "                          weight_F1.. columns (items without weights are\n"
	       "                          not scored)\n"
	       "  -n, --name NAMES        comma-separated names of the score columns, in\n"
	       "                          factor order (default: the model's F1, F2, ...)\n"
	       "      --method M          regression (default; Thurstone, as psych\n"
	       "                          factor.scores and factor_analyzer transform) or\n"
	       "                          bartlett\n"
	       "      --normalize N       none (default) or minmax: (s - min) / (max - min)\n"
	       "                          over the scored rows, the study's [0, 1] score\n"
	       "      --standardize S     model (default): z-scores with the model's item\n"
	       "                          means and sds, which reproduces psych on the\n"
	       "                          fitting sample and scores a new sample on the\n"
	       "                          fitting sample's scale; sample: with the scored\n"
	       "                          sample's own means and sds, as psych does on any\n"
	       "                          data it is given\n"
	       "      --ddof D            1 (default): sds with n - 1, as R; 0: with n, as\n"
	       "                          factor_analyzer (raw scores then grow by\n"
	       "                          sqrt(n / (n - 1)); min-max scores are the same)\n"
	       "  -s, --summary FILE      scored and missing counts, min and max of the raw\n"
	       "                          scores and quartiles (R type 7, numpy's linear) of\n"
	       "                          the written ones, as statistic/value rows\n"
	       "      --digits N          round printed numbers to N significant digits\n"
	       "  -q, --quiet             no note on standard error\n"
	       "  -o, --output FILE       write to FILE, complete or not at all\n"
	       "      --help              show this help and exit\n"
	       "      --version           show the version and exit\n"
	       "\n"
	       "Rows with a missing item get empty scores (they are not dropped) and are\n"
	       "counted on standard error. --normalize minmax and --standardize sample\n"
	       "read the input twice through a temporary file; memory stays constant\n"
	       "except for --summary, which keeps the scores.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

typedef struct {
	size_t p, k;
	char **item, **factor;	/* p item names, k factor names */
	double *mean, *sd, *w;	/* w: p x k weights */
	double *load, *uniq;	/* p x k loadings and p uniquenesses */
	double n;
	size_t *cw, *cl;	/* model columns of the weights and loadings */
} model;

static double
model_number(tsv_reader *r, size_t i)
{
	double x;
	if (!tsv_number(r, i, &x))
		die_at(r->name, r->lineno, r->header[i], NULL, "missing value");
	return x;
}

/* Read the model; the loadings and uniquenesses only when NEED_LOADINGS. */
static void
model_read(model *m, const char *path, int need_loadings)
{
	FILE *fp = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, fp, path);
	long ci = cols_find(&r, "item"), cm = cols_find(&r, "mean"), cs = cols_find(&r, "sd");
	long cn = cols_find(&r, "n"), cu = cols_find(&r, "uniqueness");
	const char *need[] = {"item", "mean", "sd", "n"};
	long have[] = {ci, cm, cs, cn};
	for (size_t j = 0; j < 4; j++)
		if (have[j] < 0)
			die_at(path, 1, need[j], NULL, "the model has no such column (not a "
			       "model written by svy-factor?)");
	/* held in M so that they stay reachable when a data error exits */
	size_t *cw = m->cw = xmalloc(r.ncols * sizeof *cw);
	size_t *cl = m->cl = xmalloc(r.ncols * sizeof *cl);
	m->k = 0;
	m->factor = xmalloc(r.ncols * sizeof *m->factor);
	for (size_t i = 0; i < r.ncols; i++) {
		if (strncmp(r.header[i], "weight_", 7) != 0 || r.header[i][7] == '\0')
			continue;
		cw[m->k] = i;
		m->factor[m->k] = xstrdup(r.header[i] + 7);
		if (need_loadings) {
			long c = cols_find(&r, m->factor[m->k]);
			if (c < 0)
				die_at(path, 1, m->factor[m->k], NULL, "the model has no loadings "
				       "column for weight column '%s'", r.header[i]);
			cl[m->k] = (size_t)c;
		}
		m->k++;
	}
	if (m->k == 0)
		die_at(path, 1, NULL, NULL, "the model has no weight_* column");
	if (need_loadings && cu < 0)
		die_at(path, 1, "uniqueness", NULL, "the model has no such column");
	size_t cap = 0, k = m->k;
	m->p = 0;
	m->item = NULL;
	m->mean = m->sd = m->w = m->load = m->uniq = NULL;
	m->n = 0;
	size_t capw = 0, capm = 0, capl = 0, capu = 0, caps = 0;
	while (tsv_next(&r)) {
		size_t empty = 0;
		for (size_t j = 0; j < k; j++)
			empty += tsv_missing(&r, cw[j]);
		if (empty == k)
			continue;	/* an item left out of the final fit */
		if (empty)
			die_at(path, r.lineno, NULL, NULL, "item '%s' has some weights but not all",
			       tsv_get(&r, (size_t)ci));
		size_t p = m->p;
		m->item = xgrow(m->item, &cap, p + 1, sizeof *m->item);
		m->mean = xgrow(m->mean, &capm, p + 1, sizeof *m->mean);
		m->sd = xgrow(m->sd, &caps, p + 1, sizeof *m->sd);
		m->w = xgrow(m->w, &capw, (p + 1) * k, sizeof *m->w);
		m->item[p] = xstrdup(tsv_get(&r, (size_t)ci));
		m->mean[p] = model_number(&r, (size_t)cm);
		m->sd[p] = model_number(&r, (size_t)cs);
		if (!(m->sd[p] > 0))
			die_at(path, r.lineno, "sd", tsv_get(&r, (size_t)cs), "not a positive "
			       "standard deviation");
		double n = model_number(&r, (size_t)cn);
		if (!(n >= 2) || (m->n != 0 && n != m->n))
			die_at(path, r.lineno, "n", tsv_get(&r, (size_t)cn), "not the same "
			       "sample size (at least 2) on every row");
		m->n = n;
		for (size_t j = 0; j < k; j++)
			m->w[p * k + j] = model_number(&r, cw[j]);
		if (need_loadings) {
			m->load = xgrow(m->load, &capl, (p + 1) * k, sizeof *m->load);
			m->uniq = xgrow(m->uniq, &capu, p + 1, sizeof *m->uniq);
			for (size_t j = 0; j < k; j++)
				m->load[p * k + j] = model_number(&r, cl[j]);
			m->uniq[p] = model_number(&r, (size_t)cu);
		}
		m->p++;
	}
	if (m->p == 0)
		die("%s: the model has no item with weights", path);
	tsv_free(&r);
	if (fp != stdin)
		fclose(fp);
}

static void
model_free(model *m)
{
	for (size_t i = 0; i < m->p; i++)
		free(m->item[i]);
	for (size_t j = 0; j < m->k; j++)
		free(m->factor[j]);
	free(m->item);
	free(m->factor);
	free(m->cw);
	free(m->cl);
	free(m->mean);
	free(m->sd);
	free(m->w);
	free(m->load);
	free(m->uniq);
}

/* The scores of R's current row into S (k values); 0 when an item is missing. */
static int
score_row(tsv_reader *r, const size_t *col, const model *m, const double *w,
          const double *mean, const double *sd, double *x, double *s)
{
	int complete = 1;
	for (size_t i = 0; i < m->p; i++)
		if (!tsv_number(r, col[i], &x[i]))
			complete = 0;
	if (!complete)
		return 0;
	for (size_t j = 0; j < m->k; j++)
		s[j] = 0;
	for (size_t i = 0; i < m->p; i++) {
		double z = (x[i] - mean[i]) / sd[i];
		for (size_t j = 0; j < m->k; j++)
			s[j] += z * w[i * m->k + j];
	}
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

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_DDOF, OPT_DIGITS, OPT_METHOD,
	       OPT_NORMALIZE, OPT_STANDARDIZE };
	static const struct option longopts[] = {
		{"ddof", required_argument, NULL, OPT_DDOF},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"help", no_argument, NULL, OPT_HELP},
		{"method", required_argument, NULL, OPT_METHOD},
		{"model", required_argument, NULL, 'm'},
		{"name", required_argument, NULL, 'n'},
		{"normalize", required_argument, NULL, OPT_NORMALIZE},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"standardize", required_argument, NULL, OPT_STANDARDIZE},
		{"summary", required_argument, NULL, 's'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *model_path = NULL, *names_opt = NULL, *summary = NULL;
	int bartlett = 0, minmax = 0, sample = 0, ddof = 1, quiet = 0, c;

	err_init("score");
	while ((c = getopt_long(argc, argv, ":o:m:n:qs:", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': model_path = optarg; break;
		case 'n': names_opt = optarg; break;
		case 'q': quiet = 1; break;
		case 's': summary = optarg; break;
		case OPT_DDOF: ddof = (int)opt_long(optarg, 0, 1, "--ddof"); break;
		case OPT_DIGITS: num_digits = (int)opt_long(optarg, 1, 17, "--digits"); break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_METHOD:
			if (strcmp(optarg, "regression") == 0) bartlett = 0;
			else if (strcmp(optarg, "bartlett") == 0) bartlett = 1;
			else die_usage("--method: unknown method '%s' (regression or bartlett)", optarg);
			break;
		case OPT_NORMALIZE:
			if (strcmp(optarg, "none") == 0) minmax = 0;
			else if (strcmp(optarg, "minmax") == 0) minmax = 1;
			else die_usage("--normalize: unknown normalisation '%s' (none or minmax)", optarg);
			break;
		case OPT_STANDARDIZE:
			if (strcmp(optarg, "model") == 0) sample = 0;
			else if (strcmp(optarg, "sample") == 0) sample = 1;
			else die_usage("--standardize: unknown choice '%s' (model or sample)", optarg);
			break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (!model_path)
		die_usage("--model is required");
	if (argc - optind > 1)
		die_usage("too many arguments: one input file at most");

	model m;
	model_read(&m, model_path, bartlett);
	size_t p = m.p, k = m.k;
	char **names = xmalloc(k * sizeof *names), **given = NULL;
	size_t ngiven = 0;
	if (names_opt) {
		given = cols_split_list(names_opt, &ngiven);
		if (ngiven > k)
			die_usage("--name: %zu names, but the model has %zu factor%s", ngiven, k,
			          k == 1 ? "" : "s");
	}
	for (size_t j = 0; j < k; j++)
		names[j] = j < ngiven ? given[j] : m.factor[j];
	for (size_t j = 0; j < k; j++) {
		if (names[j][0] == '\0')
			die_usage("--name: an empty name");
		for (size_t a = 0; a < j; a++)
			if (strcmp(names[a], names[j]) == 0)
				die_usage("--name: '%s' names two factors", names[j]);
	}

	double *w = xmalloc(p * k * sizeof *w);
	if (bartlett) {
		if (fa_bartlett_weights(m.load, m.uniq, p, k, w) != 0)
			die("%s: no Bartlett weights: a uniqueness is zero or the loadings are "
			    "singular", model_path);
	} else {
		memcpy(w, m.w, p * k * sizeof *w);
	}

	const char *path = optind < argc ? argv[optind] : "-";
	FILE *in = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, in, strcmp(path, "-") == 0 ? "<stdin>" : path);
	size_t *col = xmalloc(p * sizeof *col);
	for (size_t i = 0; i < p; i++)
		col[i] = cols_require(&r, m.item[i]);
	for (size_t j = 0; j < k; j++)
		if (cols_find(&r, names[j]) >= 0)
			die_usage("the input already has a column '%s'; choose another --name",
			          names[j]);

	double *mean = xmalloc(p * sizeof *mean), *sd = xmalloc(p * sizeof *sd);
	double *x = xmalloc(p * sizeof *x), *s = xmalloc(k * sizeof *s);
	double *lo = xmalloc(k * sizeof *lo), *hi = xmalloc(k * sizeof *hi);
	double shrink = ddof ? 1 : sqrt((m.n - 1) / m.n);
	for (size_t i = 0; i < p; i++) {
		mean[i] = m.mean[i];
		sd[i] = m.sd[i] * shrink;
	}
	for (size_t j = 0; j < k; j++) {
		lo[j] = INFINITY;
		hi[j] = -INFINITY;
	}

	/* Two more passes over a spooled copy when the scores need the whole
	 * sample first: its moments, its range. */
	tsv_reader *src = &r, spool;
	FILE *tmp = NULL;
	size_t rows = 0, scored = 0;
	if (minmax || sample) {
		tmp = tmpfile();
		if (!tmp)
			die_errno("cannot create a temporary file");
		tsv_writer tw;
		tsvw_init(&tw, tmp, "temporary file");
		tsvw_header(&tw, &r);
		tsvw_end(&tw);
		double *sum = xcalloc(p, sizeof *sum), *sum2 = xcalloc(p, sizeof *sum2);
		size_t nc = 0;
		while (tsv_next(&r)) {
			int complete = 1;
			for (size_t i = 0; i < p; i++)
				if (!tsv_number(&r, col[i], &x[i]))
					complete = 0;
			/* shifted sums: exact enough and one pass */
			if (complete) {
				for (size_t i = 0; i < p; i++) {
					double d = x[i] - m.mean[i];
					sum[i] += d;
					sum2[i] += d * d;
				}
				nc++;
			}
			tsvw_copy_row(&tw, &r);
			tsvw_end(&tw);
		}
		if (fflush(tmp) != 0 || ferror(tmp))
			die_errno("cannot write the temporary file");
		if (sample) {
			if (nc < 2)
				die("%s: --standardize sample needs at least 2 complete rows (got %zu)",
				    r.name, nc);
			for (size_t i = 0; i < p; i++) {
				double dm = sum[i] / (double)nc;
				double ss = sum2[i] - (double)nc * dm * dm;
				mean[i] = m.mean[i] + dm;
				sd[i] = sqrt((ss > 0 ? ss : 0) / (double)(nc - (size_t)ddof));
				if (!(sd[i] > 0))
					die_at(r.name, 0, m.item[i], NULL, "constant item in the scored "
					       "sample: --standardize sample cannot scale it");
			}
		}
		free(sum);
		free(sum2);
		if (minmax) {
			rewind(tmp);
			tsv_open(&spool, tmp, r.name);
			while (tsv_next(&spool))
				if (score_row(&spool, col, &m, w, mean, sd, x, s))
					for (size_t j = 0; j < k; j++) {
						if (s[j] < lo[j]) lo[j] = s[j];
						if (s[j] > hi[j]) hi[j] = s[j];
					}
			tsv_free(&spool);
			for (size_t j = 0; j < k; j++)
				if (!(hi[j] > lo[j]))
					die("%s: cannot min-max normalise '%s': fewer than two rows "
					    "with distinct scores", r.name, names[j]);
		}
		rewind(tmp);
		tsv_open(&spool, tmp, r.name);
		src = &spool;
	}

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_header(&out, src);
	for (size_t j = 0; j < k; j++)
		tsvw_str(&out, names[j]);
	tsvw_end(&out);
	double *raw = NULL, *kept = NULL;
	size_t cap = 0, capk = 0;
	while (tsv_next(src)) {
		rows++;
		tsvw_copy_row(&out, src);
		if (!score_row(src, col, &m, w, mean, sd, x, s)) {
			for (size_t j = 0; j < k; j++)
				tsvw_str(&out, "");
			tsvw_end(&out);
			continue;
		}
		if (summary) {
			raw = xgrow(raw, &cap, (scored + 1) * k, sizeof *raw);
			kept = xgrow(kept, &capk, (scored + 1) * k, sizeof *kept);
		}
		for (size_t j = 0; j < k; j++) {
			double v = minmax ? (s[j] - lo[j]) / (hi[j] - lo[j]) : s[j];
			tsvw_num(&out, v);
			if (summary) {
				raw[scored * k + j] = s[j];
				kept[scored * k + j] = v;
			}
		}
		tsvw_end(&out);
		scored++;
	}

	if (summary) {
		tsv_writer sw;
		tsvw_open(&sw, summary);
		tsvw_str(&sw, "statistic");
		tsvw_str(&sw, "value");
		tsvw_end(&sw);
		summary_row(&sw, "rows", "", (double)rows);
		summary_row(&sw, "scored", "", (double)scored);
		summary_row(&sw, "missing", "", (double)(rows - scored));
		double *v = xmalloc((scored ? scored : 1) * sizeof *v);
		for (size_t j = 0; j < k && scored > 0; j++) {
			char suffix[200];
			snprintf(suffix, sizeof suffix, "_%s", names[j]);
			double rmin = INFINITY, rmax = -INFINITY;
			for (size_t i = 0; i < scored; i++) {
				if (raw[i * k + j] < rmin) rmin = raw[i * k + j];
				if (raw[i * k + j] > rmax) rmax = raw[i * k + j];
				v[i] = kept[i * k + j];
			}
			qsort(v, scored, sizeof *v, cmp_double);
			summary_row(&sw, "raw_min", suffix, rmin);
			summary_row(&sw, "raw_max", suffix, rmax);
			summary_row(&sw, "q1", suffix, fa_quantile(v, scored, 0.25));
			summary_row(&sw, "median", suffix, fa_quantile(v, scored, 0.5));
			summary_row(&sw, "q3", suffix, fa_quantile(v, scored, 0.75));
		}
		free(v);
		tsvw_close(&sw);
	}
	/* the summary before stdout is closed: in a pipeline, the next tool
	 * cannot finish (and speak) before this one has */
	if (!quiet)
		warn("scored %zu of %zu rows; %zu with a missing item got empty scores",
		     scored, rows, rows - scored);
	close_stdout();

	if (tmp) {
		tsv_free(&spool);
		fclose(tmp);
	}
	if (in != stdin)
		fclose(in);
	tsv_free(&r);
	free(raw);
	free(kept);
	free(hi);
	free(lo);
	free(s);
	free(x);
	free(sd);
	free(mean);
	free(col);
	free(w);
	if (given) {
		for (size_t j = 0; j < ngiven; j++)
			free(given[j]);
		free(given);
	}
	free(names);
	model_free(&m);
	return 0;
}
