/* export: a TSV to an SPSS (.sav, .zsav) or Stata (.dta) file, with the
 * codebook's value labels and variable labels, through ReadStat. */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <readstat.h>

#include "cli.h"
#include "codebook.h"
#include "cols.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "sav.h"
#include "tsv.h"

enum { OPT_FORMAT = CLI_OWN, OPT_CODEBOOK };
enum { FMT_SAV, FMT_ZSAV, FMT_DTA };
static const char *const formats[] = {"sav", "zsav", "dta", NULL};

static const cli_opt own[] = {
	{OPT_FORMAT, "format", 0, "FORMAT", "sav, zsav (compressed) or dta (Stata 14); default:\n"
	 "from the name of -o FILE"},
	{OPT_CODEBOOK, "codebook", 'b', "FILE", "value labels (each level's label for its value)\n"
	 "and variable labels (its 'question' column) from FILE"},
	{CLI_OUTPUT, NULL, 0, NULL, "the file to write (required), complete or not at all"},
	{0},
};

static const cli_tool tool = {
	.name = "export",
	.synopsis = "-o FILE [--format sav|zsav|dta] [--codebook FILE] [FILE]",
	.about = "Write the TSV (FILE or standard input) as an SPSS or Stata file: a\n"
	         "column whose values are all numbers (or empty) as a numeric variable, a\n"
	         "column of YYYY-MM-DD dates or YYYY-MM-DDTHH:MM:SS date-times as dates,\n"
	         "any other as a string variable as wide as its longest value. An empty\n"
	         "number is system-missing (Stata: .), an empty text the empty string.",
	.epilog = "With --codebook, a column's value labels come from its scale in the\n"
	          "codebook (found by the column's name, as encode-likert wrote it): each\n"
	          "level with a value and a label gives that value the label (several\n"
	          "labels of one value are joined with ' / '). Labels longer than the\n"
	          "format holds (SPSS: 120 bytes for a value label, 255 for a variable\n"
	          "label; Stata: 32000 and 80) are cut, with a warning naming them.\n"
	          "Column names must be valid variable names (SPSS: 64 bytes, a letter\n"
	          "first, then letters, digits, . _ $ # @; Stata: 32, letters, digits, _).",
	.common = CLI_INPUT | CLI_OUTPUT | CLI_QUIET,
	.opts = own,
};

typedef struct {
	int format;		/* -1: from the output's name */
	const char *codebook;
} options;

static void
on_option(void *ctx, int id, const char *arg)
{
	options *o = ctx;
	switch (id) {
	case OPT_FORMAT: o->format = opt_word(arg, formats, "--format"); break;
	case OPT_CODEBOOK: o->codebook = arg; break;
	}
}

/* What a column is, from a first pass over the data. */
typedef struct {
	int kind;		/* enum sav_kind */
	int all_dates;		/* every value so far a date or date-time */
	size_t width;		/* longest value, bytes */
	size_t decimals;	/* most digits after the point */
	int exponent;		/* some value in e notation */
	size_t text_line;	/* the first value that is not a number: its line */
	char *text_value;	/* and the value */
	size_t spaces;		/* values ending in a space: SPSS and Stata drop it */
	size_t spaces_line;
	const cb_scale *scale;	/* value labels */
	const char *question;	/* the variable label */
	readstat_variable_t *var;
} column;

typedef struct {
	const char *path;
	size_t cut;		/* labels cut to fit */
	char cut_first[160];
	size_t over;		/* user-missing codes past SPSS's three */
	char over_first[160];
} sink;

static ssize_t
write_bytes(const void *bytes, size_t len, void *ctx)
{
	FILE *fp = ctx;
	return fwrite(bytes, 1, len, fp) == len ? (ssize_t)len : -1;
}

static void
note_value(column *c, const char *s, size_t len, size_t line)
{
	if (len > c->width)
		c->width = len;
	if (len && s[len - 1] == ' ' && !c->spaces++)
		c->spaces_line = line;
	double x;
	if (c->kind == SAV_NUMBER && num_parse(s, &x) == NUM_OK) {
		const char *dot = strchr(s, '.');
		if (strpbrk(s, "eE"))
			c->exponent = 1;
		else if (dot && strlen(dot + 1) > c->decimals)
			c->decimals = strlen(dot + 1);
		return;
	}
	if (!c->text_value) {
		c->text_line = line;
		c->text_value = xstrndup(s, len);
	}
	int kind;
	if (c->all_dates && sav_spss_from_iso(s, &x, &kind) == 0) {
		const char *dot = strchr(s, '.');
		if (dot && strlen(dot + 1) > c->decimals)
			c->decimals = strlen(dot + 1);
		if (kind == SAV_DATETIME || c->kind == SAV_DATETIME)
			c->kind = SAV_DATETIME;
		else
			c->kind = SAV_DATE;
		return;
	}
	c->all_dates = 0;
	c->kind = SAV_TEXT;
}

/* A column of numbers and dates is text; a column that started as dates and
 * then had a number too. */
static void
settle_kind(column *c)
{
	if (c->kind != SAV_TEXT && c->kind != SAV_NUMBER && !c->all_dates)
		c->kind = SAV_TEXT;
}

/* ---- names ---- */

static int
name_char(int ch, int dta, int first)
{
	if (ch >= 0x80)
		return !dta;
	if (isalpha(ch))
		return 1;
	if (dta)
		return ch == '_' || (!first && isdigit(ch));
	if (first)
		return ch == '@' || ch == '#' || ch == '$';
	return isdigit(ch) || strchr("._$#@", ch) != NULL;
}

/* Why NAME is no variable name of the format, or NULL. */
static const char *
bad_name(const char *name, int dta)
{
	static const char *const reserved[] = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE",
	                                       "LT", "NE", "NOT", "OR", "TO", "WITH", NULL};
	size_t len = strlen(name);
	if (len == 0)
		return "an empty name";
	if (len > (dta ? 32u : 64u))
		return dta ? "longer than Stata's 32 characters" : "longer than SPSS's 64 bytes";
	for (size_t i = 0; i < len; i++)
		if (!name_char((unsigned char)name[i], dta, i == 0))
			return i == 0 ? "it begins with a character a variable name cannot begin with"
			              : "it holds a character a variable name cannot hold";
	if (!dta && name[len - 1] == '.')
		return "it ends with '.'";
	for (size_t i = 0; !dta && reserved[i]; i++)
		if (strcasecmp(name, reserved[i]) == 0)
			return "a reserved word of SPSS";
	return NULL;
}

static void
check_names(const tsv_reader *r, int dta)
{
	for (size_t i = 0; i < r->ncols; i++) {
		const char *why = bad_name(r->header[i], dta);
		if (why)
			die_at(r->name, 1, r->header[i], NULL, "not a valid %s variable name: %s "
			       "(rename the column, e.g. in the codebook)", dta ? "Stata" : "SPSS", why);
		for (size_t k = 0; k < i; k++)
			if (strcasecmp(r->header[k], r->header[i]) == 0)
				die_at(r->name, 1, r->header[i], NULL, "the same variable name as "
				       "column '%s' (%s does not tell case apart)", r->header[k],
				       dta ? "Stata" : "SPSS");
	}
}

/* ---- labels ---- */

/* S cut to at most MAX bytes at a character boundary; a cut is counted. */
static char *
fitted(sink *sk, const char *s, size_t max, const char *what, const char *colname)
{
	size_t len = strlen(s);
	if (len <= max)
		return xstrdup(s);
	size_t n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	if (!sk->cut++)
		snprintf(sk->cut_first, sizeof sk->cut_first, "%s of column '%s'", what, colname);
	return xstrndup(s, n);
}

/* The question column of the codebook: output name -> variable label. */
static void
load_questions(const char *path, const tsv_reader *data, column *cols)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		die_errno("codebook %s", path);
	tsv_reader r;
	tsv_open(&r, fp, path);
	long q = cols_find(&r, "question");
	long ci = cols_find(&r, "column"), ri = cols_find(&r, "rename");
	while (q >= 0 && ci >= 0 && ri >= 0 && tsv_next_lenient(&r)) {
		if ((size_t)q >= r.nf || (size_t)ci >= r.nf || r.f[0][0] == '#')
			continue;
		const char *col = tsv_get(&r, (size_t)ci);
		const char *ren = (size_t)ri < r.nf ? tsv_get(&r, (size_t)ri) : "";
		const char *question = tsv_get(&r, (size_t)q);
		if (!*question || col[0] == '@')
			continue;
		if (col[0] == '\\' && col[1] && strchr("#@\\", col[1]))
			col++;	/* '\@a': the column '@a' */
		const char *name = *ren ? ren : col;
		for (size_t i = 0; i < data->ncols; i++)
			if (strcmp(data->header[i], name) == 0 && !cols[i].question)
				cols[i].question = xstrdup(question);
	}
	tsv_free(&r);
	fclose(fp);
}

/* Several labels of one value: joined. */
static void
add_label(char **joined, const char *label)
{
	if (!*joined) {
		*joined = xstrdup(label);
		return;
	}
	size_t n = strlen(*joined);
	/* the same label twice (a label and its code): once */
	const char *p = *joined;
	size_t ll = strlen(label);
	for (;;) {
		const char *sep = strstr(p, " / ");
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		if (len == ll && memcmp(p, label, ll) == 0)
			return;
		if (!sep)
			break;
		p = sep + 3;
	}
	*joined = xrealloc(*joined, n + ll + 4);
	sprintf(*joined + n, " / %s", label);
}

/* Is X the value of some level of S? */
static int
scale_value(const cb_scale *s, double x)
{
	double y;
	for (size_t k = 0; k < s->nlevels; k++)
		if (s->levels[k].value && num_parse(s->levels[k].value, &y) == NUM_OK && y == x)
			return 1;
	return s->empty_value && num_parse(s->empty_value, &y) == NUM_OK && y == x;
}

/* A level that encodes as missing, whose code is a number no level has as
 * its value (svy-import writes SPSS's user-missing values so: "No answer",
 * code -9, value empty): an SPSS user-missing value with its label. The
 * data never hold it; the dictionary says what it was. SPSS takes three. */
static int
user_missing(const cb_scale *s, const cb_level *l, double *x, int dta)
{
	return !dta && !l->value && *l->label && num_parse(l->code, x) == NUM_OK &&
	       !scale_value(s, *x);
}

static readstat_label_set_t *
label_set(readstat_writer_t *w, sink *sk, const column *c, size_t col,
          const char *name, const char *input, int dta)
{
	const cb_scale *s = c->scale;
	double *vals = xcalloc(s->nlevels + 1, sizeof *vals);
	char **labels = xcalloc(s->nlevels + 1, sizeof *labels);
	size_t n = 0, nmissing = 0;
	for (size_t k = 0; k < s->nlevels; k++) {
		const cb_level *l = &s->levels[k];
		double x;
		if (user_missing(s, l, &x, dta)) {
			if (nmissing == 3) {
				if (!sk->over++)
					snprintf(sk->over_first, sizeof sk->over_first, "%s of column "
					         "'%s'", l->code, name);
				continue;
			}
			nmissing++;
			readstat_variable_add_missing_double_value(c->var, x);
		} else if (!l->value || !*l->label || num_parse(l->value, &x) != NUM_OK) {
			continue;	/* no label, or no value (codebook_load checked it) */
		}
		if (dta && (x != floor(x) || fabs(x) > 2147483620.0))
			die_at(input, 0, name, l->value, "Stata labels only whole numbers: the "
			       "codebook's scale '%s' (line %zu) gives this value a label", s->name,
			       l->line);
		size_t j = 0;
		while (j < n && vals[j] != x)
			j++;
		if (j == n)
			vals[n++] = x;
		add_label(&labels[j], l->label);
	}
	readstat_label_set_t *set = NULL;
	if (n) {
		char setname[40];
		snprintf(setname, sizeof setname, "labels%zu", col + 1);
		set = readstat_add_label_set(w, dta ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE,
		                             setname);
		for (size_t j = 0; j < n; j++) {
			char *t = fitted(sk, labels[j], dta ? 32000 : 120, "a value label", name);
			if (dta)
				readstat_label_int32_value(set, (int32_t)vals[j], t);
			else
				readstat_label_double_value(set, vals[j], t);
			free(t);
		}
	}
	for (size_t j = 0; j < n; j++)
		free(labels[j]);
	free(labels);
	free(vals);
	return set;
}

/* The display format of a numeric column: enough decimals to show every
 * value as the TSV has it (PSPP and SPSS print by it). */
static void
set_format(readstat_variable_t *v, const column *c, int dta)
{
	char fmt[32];
	if (c->kind == SAV_DATE)
		snprintf(fmt, sizeof fmt, dta ? "%%td" : "DATE11");
	else if (c->kind == SAV_DATETIME && dta)
		snprintf(fmt, sizeof fmt, "%%tc");
	else if (c->kind == SAV_DATETIME)	/* dd-mmm-yyyy hh:mm:ss[.d] */
		snprintf(fmt, sizeof fmt, "DATETIME%zu.%zu", 20 + (c->decimals ? c->decimals + 1 : 0),
		         c->decimals);
	else if (c->kind == SAV_TEXT)
		return;
	else if (dta)
		snprintf(fmt, sizeof fmt, c->exponent || c->decimals ? "%%12.0g" : "%%9.0g");
	else if (c->exponent)
		snprintf(fmt, sizeof fmt, "E24.16");
	else {
		size_t d = c->decimals > 16 ? 16 : c->decimals;
		size_t wd = c->width + 1 > 8 ? c->width + 1 : 8;
		snprintf(fmt, sizeof fmt, "F%zu.%zu", wd > 40 ? 40 : wd, d);
	}
	readstat_variable_set_format(v, fmt);
}

static void
check(readstat_error_t e, const char *path)
{
	if (e != READSTAT_OK)
		die("%s: %s", path, readstat_error_message(e));
}

/* A number the format cannot hold as a value: SPSS reserves -DBL_MAX (its
 * system-missing value), the next (LOWEST) and DBL_MAX (HIGHEST), and they
 * came back empty, exit 0; Stata's doubles end at 2^1023 (ReadStat's own
 * words said so). */
static void
check_number(double x, int dta, const char *file, size_t line, const char *col,
             const char *s)
{
	if (!dta && (fabs(x) == DBL_MAX || x == nextafter(-DBL_MAX, 0)))
		die_at(file, line, col, s, "SPSS reserves this number (system-missing, "
		       "LOWEST or HIGHEST): it would come back empty");
	if (dta && fabs(x) >= 0x1p1023)
		die_at(file, line, col, s, "beyond the numbers a Stata file holds "
		       "(about -8.99e307 to 8.99e307)");
}

/* A value of a date column in the file's unit. */
static double
date_value(const char *s, int dta)
{
	double x;
	int kind;
	sav_spss_from_iso(s, &x, &kind);
	if (!dta)
		return x;
	/* Stata: days (%td) or milliseconds (%tc) since 1960-01-01 */
	double base;
	int day;
	sav_spss_from_iso("1960-01-01", &base, &day);
	return kind == SAV_DATE ? (x - base) / 86400 : (x - base) * 1000;
}

/* The file's creation time: SOURCE_DATE_EPOCH where it is set (the
 * reproducible-builds convention: the same input, the same bytes), else now
 * (ReadStat's default). A malformed value is an error, as the convention asks. */
static void
set_timestamp(readstat_writer_t *w)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e || !*e)
		return;
	char *end;
	unsigned long long v = strtoull(e, &end, 10);
	if (!(*e >= '0' && *e <= '9') || *end || v > 253402300799ULL)
		die_usage("SOURCE_DATE_EPOCH: not a whole number of seconds since 1970 up to "
		          "the year 9999 (got '%s')", e);
	readstat_writer_set_file_timestamp(w, (time_t)v);
}

int
main(int argc, char **argv)
{
	options o = {.format = -1};
	cli c;
	cli_parse(&c, &tool, argc, argv, on_option, &o);
	if (!c.output)
		die_usage("no output file: give -o FILE (a .sav, .zsav or .dta file)");
	int format = o.format;
	if (format < 0) {
		const char *dot = strrchr(c.output, '.');
		format = dot ? opt_choice(dot + 1, formats) : -1;
		if (format < 0)
			die_usage("give --format sav, zsav or dta (the name '%s' does not say)",
			          c.output);
	}
	int dta = format == FMT_DTA;
	/* -o is ours: the file is binary, not standard output */
	const char *path = c.output;
	FILE *in = cli_input(&c);
	tsv_reader r;
	tsv_open(&r, in, c.in_name);
	check_names(&r, dta);
	codebook *cb = o.codebook ? codebook_load(o.codebook) : NULL;
	column *cols = xcalloc(r.ncols, sizeof *cols);
	for (size_t i = 0; i < r.ncols; i++) {
		cols[i].all_dates = 1;
		cols[i].scale = cb ? cb_scale_of(cb, r.header[i]) : NULL;
	}
	if (cb)
		load_questions(o.codebook, &r, cols);

	/* first pass: the kind and width of each column, the rows to a spool */
	tsv_writer sw;
	FILE *spool = tsv_spool_begin(&sw, &r);
	size_t rows = 0;
	while (tsv_next(&r)) {
		rows++;
		for (size_t i = 0; i < r.ncols; i++)
			if (!tsv_missing(&r, i)) {
				const char *v = tsv_get(&r, i);
				note_value(&cols[i], v, strlen(v), r.lineno);
			}
		tsvw_copy_row(&sw, &r);
		tsvw_end(&sw);
	}
	for (size_t i = 0; i < r.ncols; i++) {
		settle_kind(&cols[i]);
		if (cols[i].spaces && !c.quiet)
			warn_at(c.in_name, cols[i].spaces_line, r.header[i], NULL, "%zu value%s "
			        "end%s in spaces, which %s files do not keep (the first here)",
			        cols[i].spaces, cols[i].spaces == 1 ? "" : "s",
			        cols[i].spaces == 1 ? "s" : "", dta ? "Stata" : "SPSS");
		if (cols[i].scale && cols[i].kind != SAV_NUMBER)
			die_at(c.in_name, cols[i].text_line, r.header[i], cols[i].text_value,
			       "not a number, but the codebook gives the column value labels "
			       "(scale '%s', line %zu): encode it first (svy-encode-likert)",
			       cols[i].scale->name, cols[i].scale->line);
		if (cols[i].kind == SAV_TEXT && cols[i].width > (dta ? 2045u : 32767u))
			die_at(c.in_name, cols[i].text_line, r.header[i], NULL, "a value of %zu "
			       "bytes: longer than %s strings (%s bytes)", cols[i].width,
			       dta ? "Stata's" : "SPSS's", dta ? "2045" : "32767");
	}

	/* the file lib/out puts in place of -o FILE at close_stdout */
	const char *tmp = out_temporary(path);
	FILE *fp = fopen(tmp, "w");
	if (!fp)
		die_errno("%s", tmp);
	readstat_writer_t *w = readstat_writer_init();
	if (!w)
		die("out of memory");
	sink sk = {.path = path};
	readstat_set_data_writer(w, write_bytes);
	if (format == FMT_ZSAV)
		readstat_writer_set_compression(w, READSTAT_COMPRESS_BINARY);
	if (dta)
		readstat_writer_set_file_format_version(w, 118);
	set_timestamp(w);
	size_t nlabelled = 0, nquestions = 0;
	for (size_t i = 0; i < r.ncols; i++) {
		column *col = &cols[i];
		int text = col->kind == SAV_TEXT;
		col->var = readstat_add_variable(w, r.header[i],
		                                 text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE,
		                                 text ? (col->width ? col->width : 1) : 0);
		set_format(col->var, col, dta);
		if (col->question) {
			char *t = fitted(&sk, col->question, dta ? 80 : 255, "the variable label",
			                 r.header[i]);
			readstat_variable_set_label(col->var, t);
			free(t);
			nquestions++;
		}
		if (col->scale) {
			readstat_label_set_t *set = label_set(w, &sk, col, i, r.header[i], c.in_name, dta);
			if (set) {
				readstat_variable_set_label_set(col->var, set);
				nlabelled++;
			}
		}
	}
	check(dta ? readstat_begin_writing_dta(w, fp, (long)rows)
	          : readstat_begin_writing_sav(w, fp, (long)rows), path);

	tsv_reader sr;
	tsv_spool_reopen(spool, &sr, "<temporary file>");
	while (tsv_next(&sr)) {
		check(readstat_begin_row(w), path);
		for (size_t i = 0; i < sr.ncols; i++) {
			const column *col = &cols[i];
			const char *s = tsv_get(&sr, i);
			double x = 0;
			readstat_error_t e;
			if (col->kind == SAV_TEXT)
				e = readstat_insert_string_value(w, col->var, s);
			else if (!*s)
				e = readstat_insert_missing_value(w, col->var);
			else if (col->kind == SAV_NUMBER && num_parse(s, &x) == NUM_OK) {
				check_number(x, dta, c.in_name, sr.lineno, sr.header[i], s);
				e = readstat_insert_double_value(w, col->var, x);
			}
			else
				e = readstat_insert_double_value(w, col->var, date_value(s, dta));
			if (e != READSTAT_OK)
				die_at(c.in_name, sr.lineno, sr.header[i], s, "%s",
				       readstat_error_message(e));
		}
		check(readstat_end_row(w), path);
	}
	check(readstat_end_writing(w), path);
	readstat_writer_free(w);
	out_close(fp, path);
	if (sk.cut && !c.quiet)
		warn("cut %zu label%s to the length %s holds (the first: %s)", sk.cut,
		     sk.cut == 1 ? "" : "s", dta ? "Stata" : "SPSS", sk.cut_first);
	if (sk.over && !c.quiet)
		warn("left out %zu user-missing code%s past SPSS's three per variable (the "
		     "first: %s)", sk.over, sk.over == 1 ? "" : "s", sk.over_first);
	if (!c.quiet)
		warn("wrote %zu row%s, %zu variable%s to %s; %zu with value labels, %zu with "
		     "a variable label", rows, rows == 1 ? "" : "s", r.ncols,
		     r.ncols == 1 ? "" : "s", path, nlabelled, nquestions);
	close_stdout();
	tsv_free(&sr);
	fclose(spool);
	for (size_t i = 0; i < r.ncols; i++) {
		free(cols[i].text_value);
		free((char *)cols[i].question);
	}
	tsv_free(&r);
	free(cols);
	codebook_free(cb);
	cli_free(&c);
	return 0;
}
