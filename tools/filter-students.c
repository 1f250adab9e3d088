/* filter-students: drop respondents whose working situation is "student". */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cols.h"
#include "err.h"
#include "opt.h"
#include "rejects.h"
#include "tsv.h"

/* The questionnaire's answer (question 3) and its LimeSurvey answer code. */
static const char *default_values[] = {"I am a student.", "A1"};
/* The column: the LimeSurvey question code, or its codebook name. */
static const char *default_columns[] = {"Q3", "working_situation"};

static void
usage(void)
{
	printf("usage: %s [OPTION]... [FILE]\n"
	       "Drop survey respondents who answered that they are students.\n"
	       "Reads TSV from FILE or standard input, writes TSV to standard output.\n"
	       "\n"
	       "  -c, --column NAME    working-situation column (default: Q3, or\n"
	       "                       working_situation when there is no Q3)\n"
	       "  -v, --value TEXT     the student answer; repeat for several (default:\n"
	       "                       'I am a student.' and its answer code 'A1')\n"
	       "  -I, --ignore-case    compare the values without regard to case\n"
	       "  -r, --rejects FILE   write the dropped rows there, with a 'reason' column\n"
	       "  -i, --input FILE     read FILE (as the operand FILE; '-' is stdin)\n"
	       "  -q, --quiet          no summary line on standard error\n"
	       "  -o, --output FILE    write to FILE, complete or not at all\n"
	       "      --help           show this help and exit\n"
	       "      --version        show the version and exit\n"
	       "\n"
	       "Respondents with the column missing are kept and counted separately.\n"
	       "When no row holds one of the values, a warning lists the values the column\n"
	       "holds, most frequent first (a misspelt value drops nobody); -q silences\n"
	       "it with the summary.\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

static size_t
find_column(const tsv_reader *r, const char *name)
{
	if (name)
		return cols_require(r, name);
	for (size_t k = 0; k < sizeof default_columns / sizeof *default_columns; k++) {
		long i = cols_find(r, default_columns[k]);
		if (i >= 0)
			return (size_t)i;
	}
	return cols_require(r, default_columns[0]);
}

static int
is_student(const char *answer, char *const *values, size_t nvalues, int icase)
{
	for (size_t k = 0; k < nvalues; k++)
		if ((icase ? strcasecmp(answer, values[k]) : strcmp(answer, values[k])) == 0)
			return 1;
	return 0;
}

/* The distinct values of the column and their counts, for the warning when
 * nothing matched (at most MAX_SEEN distinct values are kept). */
enum { MAX_SEEN = 10000, MAX_LISTED = 10 };
typedef struct {
	char **value;
	unsigned long long *count;
	size_t n, cap;
	int more;	/* distinct values beyond MAX_SEEN */
} seen;

static void
seen_add(seen *s, const char *v)
{
	for (size_t k = 0; k < s->n; k++)
		if (strcmp(s->value[k], v) == 0) {
			s->count[k]++;
			return;
		}
	if (s->n == MAX_SEEN) {
		s->more = 1;
		return;
	}
	size_t cap = s->cap;
	s->value = xgrow(s->value, &cap, s->n + 1, sizeof *s->value);
	s->count = xrealloc(s->count, cap * sizeof *s->count);
	s->cap = cap;
	s->value[s->n] = xstrdup(v);
	s->count[s->n++] = 1;
}

/* "no row matched": the column's values, most frequent first (ties in
 * order of first appearance), the first MAX_LISTED of them. */
static void
warn_no_match(const char *column, const seen *s)
{
	size_t *order = xmalloc((s->n + 1) * sizeof *order);
	for (size_t k = 0; k < s->n; k++) {
		size_t j = k;
		for (; j > 0 && s->count[order[j - 1]] < s->count[k]; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	size_t len = 64, shown = s->n < MAX_LISTED ? s->n : MAX_LISTED;
	for (size_t k = 0; k < shown; k++)
		len += strlen(s->value[order[k]]) * 4 + 32;
	char *list = xmalloc(len), *p = list;
	*p = '\0';
	for (size_t k = 0; k < shown; k++) {
		char q[256];
		err_quote(q, sizeof q, s->value[order[k]], strlen(s->value[order[k]]));
		p += sprintf(p, "%s'%s' (%llu)", k ? ", " : "", q, s->count[order[k]]);
	}
	if (s->n > shown || s->more)
		strcpy(p, ", ...");
	if (s->n == 0)
		warn("no row matched the values given: column '%s' is empty in every row", column);
	else
		warn("no row matched the values given; column '%s' holds %s", column, list);
	free(list);
	free(order);
}

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION };
	static const struct option longopts[] = {
		{"column", required_argument, NULL, 'c'},
		{"help", no_argument, NULL, OPT_HELP},
		{"ignore-case", no_argument, NULL, 'I'},
		{"input", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"rejects", required_argument, NULL, 'r'},
		{"value", required_argument, NULL, 'v'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *column = NULL, *rejects_path = NULL, *input = NULL, *name;
	char **values = xmalloc(((size_t)argc + 2) * sizeof *values);	/* + the defaults */
	size_t nvalues = 0;
	int quiet = 0, icase = 0, c;

	err_init("filter-students");
	while ((c = getopt_long(argc, argv, ":o:c:i:Iqr:v:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': column = optarg; break;
		case 'q': quiet = 1; break;
		case 'I': icase = 1; break;
		case 'i': input = optarg; break;
		case 'r': rejects_path = optarg; break;
		case 'v': values[nvalues++] = optarg; break;
		case 'o': out_to_file(optarg); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	if (nvalues == 0)
		for (size_t k = 0; k < sizeof default_values / sizeof *default_values; k++)
			values[nvalues++] = (char *)default_values[k];

	FILE *in = opt_input(input, argc, argv, optind, &name);
	tsv_reader r;
	tsv_open(&r, in, name);
	size_t col = find_column(&r, column);

	tsv_writer out;
	tsvw_init(&out, stdout, "<stdout>");
	tsvw_header(&out, &r);
	tsvw_end(&out);
	rejects rj;
	rejects_open(&rj, rejects_path, &r);

	unsigned long long nread = 0, kept = 0, dropped = 0, missing = 0;
	seen values_seen = {0};
	while (tsv_next(&r)) {
		nread++;
		if (tsv_missing(&r, col)) {
			missing++;
		} else if (is_student(tsv_get(&r, col), values, nvalues, icase)) {
			dropped++;
			rejects_add(&rj, &r, "student");
			continue;
		} else if (dropped == 0) {
			seen_add(&values_seen, tsv_get(&r, col));
		}
		kept++;
		tsvw_copy_row(&out, &r);
		tsvw_end(&out);
	}
	rejects_close(&rj);
	if (dropped == 0 && nread > 0 && !quiet)
		warn_no_match(r.header[col], &values_seen);
	for (size_t k = 0; k < values_seen.n; k++)
		free(values_seen.value[k]);
	free(values_seen.value);
	free(values_seen.count);
	/* the summary before stdout is closed: in a pipeline, the next tool
	 * cannot finish (and speak) before this one has */
	if (!quiet)
		warn("read %llu rows, kept %llu, dropped %llu (student); %llu kept "
		     "with '%s' missing", nread, kept, dropped, missing, r.header[col]);
	close_stdout();
	opt_close_input(in);
	tsv_free(&r);
	free(values);
	return 0;
}
