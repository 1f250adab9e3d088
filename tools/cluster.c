/* cluster: k-means on numeric columns, rows as points. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "err.h"
#include "kmeans.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

enum { DEFAULT_RESTARTS = 500, DEFAULT_SEED = 1 };

static void
usage(void)
{
	printf("usage: %s -c COLUMNS (--k K | --elbow KMAX) [OPTION]... [FILE]\n"
	       "k-means clustering of the rows of a TSV on numeric columns.\n"
	       "Reads TSV from FILE or standard input; writes the input rows with a\n"
	       "'cluster' column (clusters numbered 1..k in order of first appearance).\n"
	       "\n"
	       "  -c, --columns LIST   the numeric columns (comma-separated names or shell\n"
	       "                       globs; repeatable); rows missing one are not clustered\n"
	       "                       and get an empty cluster\n"
	       "  -k, --k K            K clusters\n"
	       "  -e, --elbow KMAX     fit k = 1..KMAX (KMAX >= 3) and choose k at the elbow:\n"
	       "                       the k whose inertia lies farthest below the chord from\n"
	       "                       k = 1 to k = KMAX (smallest k on ties)\n"
	       "  -r, --restarts N     k-means++ starts, the lowest inertia wins (default %d;\n"
	       "                       scikit-learn n_init, R kmeans nstart)\n"
"      --algorithm A    hartigan (default): Lloyd's iterations, then Hartigan-Wong\n"
	       "                       single-point moves while they lower the inertia (as\n"
	       "                       good as R kmeans' default); lloyd: Lloyd's only (as\n"
	       "                       scikit-learn's algorithm=\"lloyd\")\n"
	       "  -s, --seed S         seed of the Mersenne Twister (default %d); the output\n"
	       "                       depends only on the input, k, N and S\n"
	       "      --centroids FILE write cluster, n, within_ss and each column's mean\n"
	       "      --inertia FILE   write k, inertia, r2 (between / total sum of squares),\n"
	       "                       gap (distance below the chord, as a share of the\n"
	       "                       inertia's fall; elbow only) and chosen, per k fitted\n"
	       "      --name NAME      name of the added column (default 'cluster')\n"
	       "      --digits N       round printed numbers to N significant digits\n"
	       "  -q, --quiet          no summary line on standard error\n"
	       "  -o, --output FILE    write to FILE, complete or not at all\n"
	       "      --help           show this help and exit\n"
	       "      --version        show the version and exit\n"
	       "\n"
	       "Seeding is greedy k-means++ (scikit-learn's: 2 + ln k candidates per centre);\n"
	       "Lloyd's iterations run until no point changes cluster. Inertia is the sum of\n"
	       "squared Euclidean distances to the cluster means, as scikit-learn's inertia_\n"
	       "and R's tot.withinss. Columns are not standardised.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog, DEFAULT_RESTARTS, DEFAULT_SEED);
	exit(0);
}

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_ALGORITHM, OPT_CENTROIDS,
	       OPT_INERTIA, OPT_NAME, OPT_DIGITS };
	static const struct option longopts[] = {
		{"algorithm", required_argument, NULL, OPT_ALGORITHM},
		{"centroids", required_argument, NULL, OPT_CENTROIDS},
		{"columns", required_argument, NULL, 'c'},
		{"digits", required_argument, NULL, OPT_DIGITS},
		{"elbow", required_argument, NULL, 'e'},
		{"help", no_argument, NULL, OPT_HELP},
		{"inertia", required_argument, NULL, OPT_INERTIA},
		{"k", required_argument, NULL, 'k'},
		{"name", required_argument, NULL, OPT_NAME},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"restarts", required_argument, NULL, 'r'},
		{"seed", required_argument, NULL, 's'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	char **pats = NULL;
	size_t npat = 0, patcap = 0;
	const char *centroids_path = NULL, *inertia_path = NULL, *name = "cluster";
	long k = 0, kmax = 0, restarts = DEFAULT_RESTARTS, seed = DEFAULT_SEED;
	int quiet = 0, hartigan = 1, c;

	err_init("cluster");
	while ((c = getopt_long(argc, argv, ":o:c:e:k:qr:s:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': {
			size_t m, len = strlen(optarg);
			if (len == 0 || optarg[0] == ',' || optarg[len - 1] == ',' ||
			    strstr(optarg, ",,"))
				die_usage("option '--columns': empty column name in '%s'", optarg);
			char **list = cols_split_list(optarg, &m);
			pats = xgrow(pats, &patcap, npat + m, sizeof *pats);
			for (size_t i = 0; i < m; i++)
				pats[npat++] = list[i];
			free(list);
			break;
		}
		case 'e': kmax = opt_long(optarg, 3, 1000, "--elbow"); break;
		case 'k': k = opt_long(optarg, 1, 1000000, "--k"); break;
		case 'q': quiet = 1; break;
		case 'r': restarts = opt_long(optarg, 1, 1000000, "--restarts"); break;
		case 's': seed = opt_long(optarg, 0, 4294967295L, "--seed"); break;
		case OPT_ALGORITHM:
			if (strcmp(optarg, "lloyd") == 0)
				hartigan = 0;
			else if (strcmp(optarg, "hartigan") == 0)
				hartigan = 1;
			else
				die_usage("option '--algorithm': '%s' is not lloyd or hartigan", optarg);
			break;
		case OPT_CENTROIDS: centroids_path = optarg; break;
		case OPT_DIGITS: num_digits = (int)opt_long(optarg, 1, 17, "--digits"); break;
		case OPT_INERTIA: inertia_path = optarg; break;
		case OPT_NAME:
			if (!*optarg)
				die_usage("option '--name': empty column name");
			name = optarg;
			break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (argc - optind > 1)
		die_usage("too many arguments: one input file at most");
	if (npat == 0)
		die_usage("no columns: give them with --columns");
	if ((k > 0) == (kmax > 0))
		die_usage("give either --k K or --elbow KMAX");

	const char *path = optind < argc ? argv[optind] : "-";
	FILE *in = tsv_fopen_in(path);
	tsv_reader r;
	tsv_open(&r, in, strcmp(path, "-") == 0 ? "<stdin>" : path);
	size_t *col, d = cols_expand(&r, pats, npat, &col);
	if (cols_find(&r, name) >= 0)
		die_at(r.name, 1, name, NULL,
		       "the input already has this column (choose another with --name)");

	/* Only the clustered columns are held; the rows wait in a temporary
	 * file until their clusters are known. */
	FILE *spool = tmpfile();
	if (!spool)
		die_errno("cannot create a temporary file");
	tsv_writer sw;
	tsvw_init(&sw, spool, "<temporary file>");
	tsvw_header(&sw, &r);
	tsvw_end(&sw);

	double *x = NULL, *row = xmalloc(d * sizeof *row);
	size_t xcap = 0, n = 0, nrows = 0, flagcap = 0;
	unsigned char *complete = NULL;
	while (tsv_next(&r)) {
		int ok = 1;
		for (size_t j = 0; j < d; j++)
			if (!tsv_number(&r, col[j], &row[j]))
				ok = 0;
		complete = xgrow(complete, &flagcap, nrows + 1, 1);
		complete[nrows++] = (unsigned char)ok;
		if (ok) {
			x = xgrow(x, &xcap, (n + 1) * d, sizeof *x);
			memcpy(x + n * d, row, d * sizeof *row);
			n++;
		}
		tsvw_copy_row(&sw, &r);
		tsvw_end(&sw);
	}
	if (fflush(spool) != 0 || ferror(spool))
		die_errno("temporary file: write error");

	if (n == 0)
		die_at(r.name, 0, NULL, NULL, "no row has a value in every column to cluster");
	size_t distinct = km_distinct(x, n, d);
	size_t kfrom = k ? (size_t)k : 1, kto = k ? (size_t)k : (size_t)kmax;
	if (kto > distinct)
		die_at(r.name, 0, NULL, NULL, "%s %zu clusters but the data have only "
		       "%zu distinct point%s", k ? "cannot make" : "--elbow needs",
		       kto, distinct, distinct == 1 ? "" : "s");

	size_t nk = kto - kfrom + 1;
	km_result *fits = xcalloc(nk, sizeof *fits);
	double *inertia = xmalloc(nk * sizeof *inertia), *gap = NULL;
	for (size_t j = 0; j < nk; j++) {
		km_fit(x, n, d, kfrom + j, (unsigned)restarts, (unsigned long)seed,
		       hartigan, &fits[j]);
		inertia[j] = fits[j].inertia;
	}
	size_t chosen = k ? (size_t)k : 0;
	if (!k) {
		gap = xmalloc(nk * sizeof *gap);
		chosen = km_elbow(inertia, nk, gap);
	}
	km_result *best = &fits[chosen - kfrom];

	/* Everything is known: print. */
	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	rewind(spool);
	tsv_reader sr;
	tsv_open(&sr, spool, "<temporary file>");
	tsvw_header(&out, &sr);
	tsvw_str(&out, name);
	tsvw_end(&out);
	for (size_t i = 0, p = 0; tsv_next(&sr); i++) {
		tsvw_copy_row(&out, &sr);
		if (complete[i])
			tsvw_int(&out, (long long)best->label[p++] + 1);
		else
			tsvw_str(&out, NULL);
		tsvw_end(&out);
	}
	tsv_free(&sr);
	fclose(spool);

	if (centroids_path) {
		tsv_writer cw;
		tsvw_open(&cw, centroids_path);
		tsvw_str(&cw, name);
		tsvw_str(&cw, "n");
		tsvw_str(&cw, "within_ss");
		for (size_t j = 0; j < d; j++)
			tsvw_str(&cw, r.header[col[j]]);
		tsvw_end(&cw);
		for (size_t cl = 0; cl < best->k; cl++) {
			tsvw_int(&cw, (long long)cl + 1);
			tsvw_int(&cw, (long long)best->size[cl]);
			tsvw_num(&cw, best->within[cl]);
			for (size_t j = 0; j < d; j++)
				tsvw_num(&cw, best->centroid[cl * d + j]);
			tsvw_end(&cw);
		}
		tsvw_close(&cw);
	}
	if (inertia_path) {
		tsv_writer iw;
		tsvw_open(&iw, inertia_path);
		tsvw_str(&iw, "k");
		tsvw_str(&iw, "n");
		tsvw_str(&iw, "inertia");
		tsvw_str(&iw, "r2");
		if (gap)
			tsvw_str(&iw, "gap");
		tsvw_str(&iw, "chosen");
		tsvw_end(&iw);
		for (size_t j = 0; j < nk; j++) {
			tsvw_int(&iw, (long long)(kfrom + j));
			tsvw_int(&iw, (long long)n);
			tsvw_num(&iw, inertia[j]);
			if (fits[j].total > 0)
				tsvw_num(&iw, 1 - inertia[j] / fits[j].total);
			else
				tsvw_str(&iw, NULL);
			if (gap)
				tsvw_num(&iw, gap[j]);
			tsvw_int(&iw, kfrom + j == chosen);
			tsvw_end(&iw);
		}
		tsvw_close(&iw);
	}
	close_stdout();

	if (!quiet) {
		char ib[NUM_BUFSIZE], rb[NUM_BUFSIZE];
		char how[64];
		if (k)
			snprintf(how, sizeof how, "k = %zu", chosen);
		else
			snprintf(how, sizeof how, "k = %zu (elbow of k = 1..%zu)", chosen, kto);
		warn("read %zu rows, clustered %zu (%zu with a missing value not "
		     "clustered); %s, inertia %s, r2 %s; best inertia reached by %u "
		     "of %u restarts", nrows, n, nrows - n, how,
		     num_format(ib, best->inertia),
		     best->total > 0 ? num_format(rb, 1 - best->inertia / best->total) : "undefined",
		     best->found, best->restarts);
	}

	for (size_t j = 0; j < nk; j++)
		km_free(&fits[j]);
	free(fits);
	free(inertia);
	free(gap);
	free(x);
	free(row);
	free(complete);
	free(col);
	for (size_t i = 0; i < npat; i++)
		free(pats[i]);
	free(pats);
	if (in != stdin)
		fclose(in);
	tsv_free(&r);
	return 0;
}
