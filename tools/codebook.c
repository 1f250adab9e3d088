/* codebook: draft the codebook that encode-likert reads, from an export (CSV
 * or TSV) or from a LimeSurvey survey structure file (.lss). */
#include <ctype.h>
#include <fnmatch.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cols.h"
#include "csvread.h"
#include "err.h"
#include "lss.h"
#include "num.h"
#include "opt.h"
#include "tsv.h"

static void
usage(void)
{
	printf("usage: %s [OPTION]... [FILE]\n"
	       "Draft a codebook for svy-encode-likert, to be checked and edited by hand:\n"
	       "from a survey export (CSV as svy-clean reads it, or TSV), or from a\n"
	       "LimeSurvey survey structure file (.lss). Writes TSV to standard output.\n"
	       "\n"
	       "  -i, --input FILE         read FILE (as the operand FILE; '-' is stdin)\n"
	       "  -o, --output FILE        write to FILE, complete or not at all\n"
	       "  -c, --columns LIST       draft only these columns (names or globs, comma\n"
	       "                           list, repeatable)\n"
	       "      --format FORMAT      the input is 'csv', 'tsv' or 'lss' (default: from\n"
	       "                           the file name's extension, else its content)\n"
	       "  -d, --delimiter C        CSV delimiter ',' ';' or 'tab' (default: detected)\n"
	       "      --max-levels N       a column with more distinct answers is free text\n"
	       "                           (default 12)\n"
	       "      --export FILE        with an .lss: the export whose header and answers\n"
	       "                           the codebook must match (CSV or TSV)\n"
	       "      --headings STYLE     with an .lss and no --export: the export's column\n"
	       "                           names, 'code' (Q1[SQ001], default) or 'text'\n"
	       "                           (Question text [Sub question])\n"
	       "      --language LANG      with an .lss: the language of the texts (default:\n"
	       "                           the survey's base language)\n"
	       "  -q, --quiet              no summary line on standard error\n"
	       "      --help               show this help and exit\n"
	       "      --version            show the version and exit\n"
	       "\n"
	       "Answers on a recognised scale (agreement, importance, frequency,\n"
	       "familiarity, usefulness, yes/no, checkboxes Y/empty, answer codes A1..An)\n"
	       "get values; others are listed with the value left empty for you to fill\n"
	       "('I don't know', 'No answer', 'N/A' and the like: empty, i.e. missing).\n"
	       "Free text and identifier columns are listed as comments. See\n"
	       "svy-codebook(1).\n"
	       "Exit status: 0 success, 1 bad data, 2 bad usage.\n",
	       err_prog);
	exit(0);
}

/* ---- the draft ------------------------------------------------------------ */

typedef struct {
	char *label, *code;
	char *value;		/* "" missing */
	int rank;		/* place on a recognised scale (missing last) */
} level;

enum { K_SCALE, K_RENAME, K_COMMENT };

typedef struct {
	char *key;		/* the column as the export names it */
	char *alt;		/* .lss: the other heading style */
	char *rename;
	int kind;
	char *note;		/* why not encoded; what to check */
	level *lv;
	size_t nlv, lvcap;
	char *empty_value;	/* the value of an empty answer, or NULL */
	char *scale;		/* a name for a shared scale */
	int known;		/* a recognised scale: one block for all its columns */
	const void *ks;		/* the known_scale, when recognised from answers */
	int fill;		/* values left for a person to fill */
	size_t group;		/* index of its scale block, or (size_t)-1 */
} dcol;

typedef struct {
	dcol *c;
	size_t n, cap;
} draft;

static dcol *
new_col(draft *d, const char *key)
{
	d->c = xgrow(d->c, &d->cap, d->n + 1, sizeof *d->c);
	dcol *c = &d->c[d->n++];
	memset(c, 0, sizeof *c);
	c->key = xstrdup(key);
	c->kind = K_SCALE;
	c->group = (size_t)-1;
	return c;
}

static void
free_col(dcol *c)
{
	for (size_t i = 0; i < c->nlv; i++) {
		free(c->lv[i].label);
		free(c->lv[i].code);
		free(c->lv[i].value);
	}
	free(c->lv);
	free(c->key);
	free(c->alt);
	free(c->rename);
	free(c->note);
	free(c->empty_value);
	free(c->scale);
}

static int
lv_has(const dcol *c, const char *s)
{
	if (!*s)
		return 0;
	for (size_t i = 0; i < c->nlv; i++)
		if (strcmp(c->lv[i].label, s) == 0 || strcmp(c->lv[i].code, s) == 0)
			return 1;
	return 0;
}

/* A level; a label or code another level already has is left out (the
 * codebook must not give one answer two values). */
static void
add_lv_rank(dcol *c, const char *label, const char *code, const char *value, int rank)
{
	if (lv_has(c, label))
		label = "";
	if (lv_has(c, code) || strcmp(code, label) == 0)
		code = "";
	if (!*label && !*code)
		return;
	c->lv = xgrow(c->lv, &c->lvcap, c->nlv + 1, sizeof *c->lv);
	c->lv[c->nlv++] = (level){xstrdup(label), xstrdup(code), xstrdup(value), rank};
}

static void
add_lv(dcol *c, const char *label, const char *code, const char *value)
{
	add_lv_rank(c, label, code, value, *value ? (int)c->nlv : 1000);
}

static void
set_note(dcol *c, const char *fmt, const char *arg)
{
	char buf[512];
	snprintf(buf, sizeof buf, fmt, arg);
	free(c->note);
	c->note = xstrdup(buf);
}

/* The column's kind, K_RENAME or K_COMMENT, with its note. */
static void
set_kind(dcol *c, int kind, const char *note)
{
	c->kind = kind;
	set_note(c, "%s", note);
}

/* ---- answers: missing, scales, codes ----------------------------------------- */

static const char *const missing_labels[] = {
	"I don't know", "I don\u2019t know", "Don't know", "Don\u2019t know", "Do not know",
	"I do not know", "No answer", "Keine Angabe", "N/A", "Weiß nicht", "Weiss nicht",
	"Prefer not to say", "I prefer not to say", "I prefer not to answer",
	"I prefer not to share", "Not applicable", "Nicht zutreffend", "k. A.", "-oth-",
	NULL,
};

static int
is_missing_label(const char *s)
{
	for (int i = 0; missing_labels[i]; i++)
		if (strcasecmp(s, missing_labels[i]) == 0)
			return 1;
	return 0;
}

typedef struct {
	const char *labels;	/* '|'-separated spellings, compared without case;
				 * German ones marked "de:" */
	const char *value;
} slevel;

typedef struct {
	const char *name, *note;
	slevel lv[8];
} known_scale;

static const known_scale known[] = {
	{"yes_no", "yes/no", {{"No|de:Nein", "0"}, {"Yes|de:Ja", "1"}}},
	{"agreement4", "agreement, 4 points",
	 {{"Disagree completely|Completely disagree|de:Stimme gar nicht zu|de:Stimme garnicht zu", "1"},
	  {"Rather disagree|de:Stimme eher nicht zu", "2"},
	  {"Rather agree|de:Stimme eher zu", "3"},
	  {"Agree completely|Completely agree|de:Stimme vollständig zu", "4"}}},
	{"agreement5", "agreement, 5 points",
	 {{"Strongly disagree|de:Stimme überhaupt nicht zu", "1"},
	  {"Disagree|de:Stimme nicht zu", "2"},
	  {"Neither agree nor disagree|Neither agree or disagree|Neutral|Undecided|de:Weder noch", "3"},
	  {"Agree|de:Stimme zu", "4"},
	  {"Strongly agree|de:Stimme voll und ganz zu", "5"}}},
	{"agreement7", "agreement, 7 points",
	 {{"Strongly disagree", "1"}, {"Disagree", "2"},
	  {"Somewhat disagree|Slightly disagree", "3"},
	  {"Neither agree nor disagree|Neither agree or disagree|Neutral", "4"},
	  {"Somewhat agree|Slightly agree", "5"}, {"Agree", "6"}, {"Strongly agree", "7"}}},
	{"importance3", "importance, 3 points",
	 {{"Not important", "1"}, {"Somewhat important", "2"}, {"Very important", "3"}}},
	{"importance4", "importance, 4 points",
	 {{"Not important|Not important at all|de:Nicht wichtig|de:Gar nicht wichtig|de:Garnicht wichtig", "1"},
	  {"Rather unimportant|de:Eher unwichtig", "2"},
	  {"Rather important|de:Eher wichtig", "3"},
	  {"Very important|de:Sehr wichtig", "4"}}},
	{"importance5", "importance, 5 points",
	 {{"Unimportant|Not at all important|Not important", "1"},
	  {"Of little importance|Slightly important|Low importance", "2"},
	  {"Moderately important", "3"}, {"Important", "4"}, {"Very important", "5"}}},
	{"frequency", "frequency",
	 {{"Never|de:Nie", "1"}, {"Rarely|de:Selten", "2"}, {"Sometimes|de:Manchmal", "3"},
	  {"Often|de:Oft|de:Häufig", "4"}, {"Most of the time|Usually|Very often|de:Meistens", "5"},
	  {"Always|de:Immer", "6"}}},
	{"familiarity", "familiarity",
	 {{"Not at all familiar|Not familiar", "1"}, {"Slightly familiar", "2"},
	  {"Moderately familiar|Somewhat familiar", "3"}, {"Familiar|Very familiar", "4"},
	  {"Extremely familiar", "5"}}},
	{"usefulness", "usefulness",
	 {{"Not useful|Not at all useful", "1"}, {"Somewhat useful|Slightly useful", "2"},
	  {"Very useful", "3"}}},
	{"extent", "extent",
	 {{"Not at all", "1"}, {"Very little", "2"}, {"Somewhat", "3"}, {"Very much", "4"},
	  {"To a great extent", "5"}}},
};
enum { NKNOWN = sizeof known / sizeof *known };

/* The level of scale K that S spells, or -1. */
static int
known_level(const known_scale *k, const char *s)
{
	size_t len = strlen(s);
	for (int i = 0; i < 8 && k->lv[i].labels; i++)
		for (const char *p = k->lv[i].labels; *p;) {
			size_t n = strcspn(p, "|"), de = strncmp(p, "de:", 3) == 0 ? 3 : 0;
			if (n - de == len && strncasecmp(p + de, s, len) == 0)
				return i;
			p += n + (p[n] == '|');
		}
	return -1;
}

/* Is S a German spelling of a level of K? */
static int
known_german(const known_scale *k, const char *s)
{
	size_t len = strlen(s);
	for (int i = 0; i < 8 && k->lv[i].labels; i++)
		for (const char *p = k->lv[i].labels; *p;) {
			size_t n = strcspn(p, "|");
			if (strncmp(p, "de:", 3) == 0 && n - 3 == len && strncasecmp(p + 3, s, len) == 0)
				return 1;
			p += n + (p[n] == '|');
		}
	return 0;
}

/* The first spelling of level L of K in German (GERMAN) or English:
 * allocated. */
static char *
known_spelling(const known_scale *k, int l, int german)
{
	for (const char *p = k->lv[l].labels; *p;) {
		size_t n = strcspn(p, "|");
		int de = strncmp(p, "de:", 3) == 0;
		if (de == german)
			return xstrndup(p + 3 * de, n - 3 * (size_t)de);
		p += n + (p[n] == '|');
	}
	return xstrndup(k->lv[l].labels, strcspn(k->lv[l].labels, "|"));
}

/* A LimeSurvey answer code ("A1", "AO01", "SQ002"): its number, or -1. */
static long
answer_code(const char *s)
{
	size_t letters = 0;
	while (isalpha((unsigned char)s[letters]) && letters < 3)
		letters++;
	if (!letters || !isdigit((unsigned char)s[letters]))
		return -1;
	char *end;
	long n = strtol(s + letters, &end, 10);
	return *end || n < 0 ? -1 : n;
}

/* An answer that starts with its number ("1 - Highly dissatisfied", "7"):
 * the number, or LONG_MIN. */
static long
numbered(const char *s)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return LONG_MIN;
	long n = strtol(s, &end, 10);
	if (!*end)
		return n;
	while (*end == ' ')
		end++;
	return strchr("-:.)", *end) && *end ? n : LONG_MIN;
}

/* ---- names ------------------------------------------------------------------ */

/* Latin letters beyond ASCII (UTF-8, two bytes from 0xc3) folded to ASCII. */
static const char *
fold(const unsigned char *s, size_t *used)
{
	static const char *const c3[64] = {
		"a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "oe", "x", "oe", "u", "u", "u", "ue", "y", "th", "ss",
		"a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "oe", "", "oe", "u", "u", "u", "ue", "y", "th", "y",
	};
	*used = 1;
	if (s[0] == 0xc3 && s[1] >= 0x80 && s[1] < 0xc0) {
		*used = 2;
		return c3[s[1] - 0x80];
	}
	if (s[0] >= 0xc0) {
		size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
		for (size_t i = 1; i < n && s[i] >= 0x80 && s[i] < 0xc0; i++)
			*used = i + 1;
	}
	return "";
}

/* S as snake_case: ASCII, lower case, words joined by '_', camelCase split,
 * at most MAXLEN bytes (cut at a word). Allocated. */
static char *
snake(const char *s, size_t maxlen)
{
	size_t len = strlen(s);
	char *out = xmalloc(2 * len + 2), *o = out;
	int sep = 0;
	unsigned char prev = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p >= 0x80) {
			size_t used;
			const char *f = fold(p, &used);
			p += used;
			if (*f) {
				if (sep && o > out)
					*o++ = '_';
				sep = 0;
				while (*f)
					*o++ = *f++;
				prev = 'a';
			} else {
				sep = 1;
			}
			continue;
		}
		if (isalnum(*p)) {
			if (isupper(*p) && islower(prev))
				sep = 1;
			if (sep && o > out)
				*o++ = '_';
			sep = 0;
			*o++ = (char)tolower(*p);
		} else {
			sep = 1;
		}
		prev = *p++;
	}
	*o = '\0';
	if ((size_t)(o - out) > maxlen) {
		int at_word = out[maxlen] == '_';
		out[maxlen] = '\0';
		if (at_word)
			return out;
		char *cut = strrchr(out, '_');
		if (cut && cut - out >= (ptrdiff_t)(maxlen / 2))
			*cut = '\0';
	}
	return out;
}

/* The last bracketed part of a full-text heading ("Question [Sub]": "Sub"),
 * or NULL. A code heading (Q1[SQ001], no blank before '[') gives NULL. */
static char *
bracketed(const char *h)
{
	size_t len = strlen(h);
	while (len && (h[len - 1] == ' ' || (h[len - 1] >= '0' && h[len - 1] <= '9') ||
	               h[len - 1] == '.'))
		len--;		/* "... [Sub].1" from svy-clean --rename-duplicates */
	if (!len || h[len - 1] != ']')
		return NULL;
	const char *open = NULL;
	for (size_t i = len - 1; i-- > 0;)
		if (h[i] == '[') {
			open = h + i;
			break;
		}
	if (!open || open == h || open[-1] != ' ')
		return NULL;
	return xstrndup(open + 1, (size_t)(h + len - 1 - (open + 1)));
}

typedef struct {
	char **v;
	size_t n, cap;
} nameset;

static int
taken(const nameset *ns, const char *s)
{
	for (size_t i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i], s) == 0)
			return 1;
	return 0;
}

static void
take(nameset *ns, const char *s)
{
	ns->v = xgrow(ns->v, &ns->cap, ns->n + 1, sizeof *ns->v);
	ns->v[ns->n++] = xstrdup(s);
}

/* A readable, unique name for column KEY. */
static char *
propose_name(nameset *ns, const char *key)
{
	char *sub = bracketed(key);
	char *base = snake(sub ? sub : key, 32);
	free(sub);
	if (!*base || isdigit((unsigned char)base[0])) {
		char *b = xmalloc(strlen(base) + 3);
		sprintf(b, "q_%s", base);
		if (!*base)
			b[1] = '\0';
		free(base);
		base = b;
	}
	char *name = xstrdup(base);
	for (unsigned n = 2; taken(ns, name); n++) {
		free(name);
		name = xmalloc(strlen(base) + 16);
		sprintf(name, "%s_%u", base, n);
	}
	free(base);
	take(ns, name);
	return name;
}

/* ---- reading an export ------------------------------------------------------- */

typedef struct {
	char *s;
	unsigned long n;
} val;

typedef struct {
	char *name;
	val *v;
	size_t nv, cap;
	int many;
	unsigned long nonempty, empty;
	int numeric;
} colstat;

typedef struct {
	const char *name;
	colstat *c;
	size_t ncols;
	unsigned long rows;
} export_stats;

static void
count(colstat *c, const char *s, size_t len, size_t max)
{
	if (!len) {
		c->empty++;
		return;
	}
	c->nonempty++;
	if (c->numeric) {
		double x;
		c->numeric = num_parse(s, &x) == NUM_OK;
	}
	if (c->many)
		return;
	for (size_t i = 0; i < c->nv; i++)
		if (strcmp(c->v[i].s, s) == 0) {
			c->v[i].n++;
			return;
		}
	if (c->nv >= max + 8) {
		c->many = 1;
		return;
	}
	c->v = xgrow(c->v, &c->cap, c->nv + 1, sizeof *c->v);
	c->v[c->nv++] = (val){xstrndup(s, len), 1};
}

enum { FMT_AUTO, FMT_CSV, FMT_TSV, FMT_LSS };

/* The whole input (exports and survey files are read once, whole). */
static char *
slurp(FILE *fp, const char *name, size_t *n)
{
	size_t cap = 0, got;
	char *buf = NULL;
	*n = 0;
	do {
		buf = xgrow(buf, &cap, *n + 65536, 1);
		got = fread(buf + *n, 1, cap - *n - 1, fp);
		*n += got;
	} while (got > 0);
	if (ferror(fp)) {
		free(buf);
		die("%s: read error", name);
	}
	buf[*n] = '\0';
	return buf;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

static int
detect(const char *name, const char *buf, size_t n)
{
	if (ends_with(name, ".lss") || ends_with(name, ".xml"))
		return FMT_LSS;
	if (ends_with(name, ".tsv") || ends_with(name, ".tab"))
		return FMT_TSV;
	if (ends_with(name, ".csv"))
		return FMT_CSV;
	size_t i = 0;
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)buf[i]))
		i++;
	if (i < n && buf[i] == '<')
		return FMT_LSS;
	const char *nl = memchr(buf, '\n', n);
	size_t line = nl ? (size_t)(nl - buf) : n;
	return memchr(buf, '\t', line) && !memchr(buf, '"', line) ? FMT_TSV : FMT_CSV;
}

static FILE *
mem_stream(const char *buf, size_t n)
{
	static const char empty[1];
	FILE *fp = fmemopen((void *)(n ? buf : empty), n ? n : 1, "r");
	if (!fp)
		die_errno("fmemopen");
	if (!n)
		fgetc(fp);
	return fp;
}

static void
stats_header(export_stats *st, char *const *names, size_t n)
{
	st->ncols = n;
	st->c = xcalloc(n ? n : 1, sizeof *st->c);
	for (size_t i = 0; i < n; i++) {
		st->c[i].name = xstrdup(names[i]);
		st->c[i].numeric = 1;
	}
}

static void
read_tsv(export_stats *st, FILE *fp, size_t max)
{
	tsv_reader r;
	tsv_open(&r, fp, st->name);
	cols_check_unique(&r);
	stats_header(st, r.header, r.ncols);
	while (tsv_next(&r)) {
		st->rows++;
		for (size_t i = 0; i < r.ncols; i++)
			count(&st->c[i], tsv_get(&r, i), r.flen[i], max);
	}
	tsv_free(&r);
}

/* CSV as svy-clean reads it, invalid UTF-8 replaced as its
 * --invalid-utf8=replace does. */
static void
read_csv(export_stats *st, FILE *fp, int delim, size_t max)
{
	csvr *c = csvr_open(fp, st->name, delim);
	if (!csvr_next(c)) {
		csvr_close(c);
		die("%s: empty input: no header row", st->name);
	}
	size_t n = csvr_nfields(c), scap = 0;
	char **names = xmalloc(n * sizeof *names);
	/* held where a leak checker finds it when bad data ends the program */
	static char *scratch;
	scratch = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len, nr;
		const char *f = csvr_field(c, i, &len);
		names[i] = xmalloc(3 * len + 1);
		names[i][csvr_utf8_replace(f, len, names[i], &nr)] = '\0';
	}
	stats_header(st, names, n);
	cols_free_list(names, n);
	while (csvr_next(c)) {
		st->rows++;
		if (csvr_nfields(c) != n) {
			size_t got = csvr_nfields(c), line = csvr_line(c);
			free(scratch);
			csvr_close(c);
			die_at(st->name, line, NULL, NULL, "row has %zu field%s, header has %zu", got,
			       got == 1 ? "" : "s", n);
		}
		for (size_t i = 0; i < n; i++) {
			size_t len, nr;
			const char *f = csvr_field(c, i, &len);
			scratch = xgrow(scratch, &scap, 3 * len + 1, 1);
			size_t w = csvr_utf8_replace(f, len, scratch, &nr);
			scratch[w] = '\0';
			if (memchr(f, '\0', len))
				die_at(st->name, csvr_field_line(c, i), st->c[i].name, NULL,
				       "NUL byte in input");
			count(&st->c[i], scratch, w, max);
		}
	}
	free(scratch);
	csvr_close(c);
}

static void
stats_free(export_stats *st)
{
	for (size_t i = 0; i < st->ncols; i++) {
		for (size_t k = 0; k < st->c[i].nv; k++)
			free(st->c[i].v[k].s);
		free(st->c[i].v);
		free(st->c[i].name);
	}
	free(st->c);
}

/* ---- drafting a column from its answers -------------------------------------- */

static const char *const id_names[] = {
	"id", "response_id", "answer_id", "antwort_id", "respondent_id", "submitdate",
	"startdate", "datestamp", "lastpage", "startlanguage", "seed", "token", "ipaddr",
	"refurl", "interviewtime", "date", "timestamp", NULL,
};

static int
is_identifier(const char *name)
{
	char *s = snake(name, 64);
	int id = 0;
	for (int i = 0; id_names[i] && !id; i++)
		id = strcmp(s, id_names[i]) == 0;
	size_t n = strlen(s);
	id = id || (n > 3 && strcmp(s + n - 3, "_id") == 0) ||
	     (n > 5 && strcmp(s + n - 5, "_date") == 0);
	free(s);
	return id;
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(((const val *)a)->s, ((const val *)b)->s);
}

static int
is_other_column(const char *name)
{
	char *sub = bracketed(name);
	int other = sub && (strcasecmp(sub, "other") == 0 || strcasecmp(sub, "sonstiges") == 0);
	free(sub);
	return other || ends_with(name, "[other]") || ends_with(name, "comment]");
}

/* Missing answers (I don't know, N/A) the column has, as empty values. */
static void
add_missing(dcol *d, const colstat *c)
{
	for (size_t i = 0; i < c->nv; i++)
		if (is_missing_label(c->v[i].s))
			add_lv(d, c->v[i].s, "", "");
}

static int
by_rank(const void *a, const void *b)
{
	const level *x = a, *y = b;
	return x->rank != y->rank ? (x->rank > y->rank) - (x->rank < y->rank)
	                          : strcmp(x->label, y->label);
}

/* Recognise the scale of the answers of C; 1 when D got its levels. */
static int
recognise(dcol *d, const colstat *c, size_t nreal)
{
	/* checkboxes: Y (or Yes) or empty */
	if (nreal == 1) {
		for (size_t i = 0; i < c->nv; i++)
			if (strcmp(c->v[i].s, "Y") == 0 || (c->empty && (strcasecmp(c->v[i].s, "Yes") == 0 ||
			                                                 strcasecmp(c->v[i].s, "Ja") == 0))) {
				add_lv(d, c->v[i].s, "", "1");
				add_missing(d, c);
				d->empty_value = xstrdup("0");
				d->scale = xstrdup("checked");
				d->known = 1;
				set_note(d, "%s", "checkbox: checked = 1, empty = 0");
				return 1;
			}
	}
	for (int k = 0; k < NKNOWN; k++) {
		size_t i;
		for (i = 0; i < c->nv; i++)
			if (!is_missing_label(c->v[i].s) && known_level(&known[k], c->v[i].s) < 0)
				break;
		if (i < c->nv)
			continue;
		/* the levels as this column spells them; unite_known completes the
		 * scale from the other columns that have it */
		for (int l = 0; l < 8 && known[k].lv[l].labels; l++)
			for (i = 0; i < c->nv; i++)
				if (known_level(&known[k], c->v[i].s) == l)
					add_lv_rank(d, c->v[i].s, "", known[k].lv[l].value, l);
		add_missing(d, c);
		d->scale = xstrdup(known[k].name);
		d->known = 1;
		d->ks = &known[k];
		set_note(d, "%s", known[k].note);
		return 1;
	}
	/* answer codes A1..An, and answers that start with their number */
	for (int pass = 0; pass < 2; pass++) {
		size_t i;
		for (i = 0; i < c->nv; i++)
			if (!is_missing_label(c->v[i].s) &&
			    (pass ? numbered(c->v[i].s) == LONG_MIN : answer_code(c->v[i].s) < 0))
				break;
		if (i < c->nv)
			continue;
		for (i = 0; i < c->nv; i++) {
			if (is_missing_label(c->v[i].s))
				continue;
			char v[32];
			snprintf(v, sizeof v, "%ld", pass ? numbered(c->v[i].s) : answer_code(c->v[i].s));
			int rank = (int)strtol(v, NULL, 10);
			if (pass)
				add_lv_rank(d, c->v[i].s, "", v, rank);
			else
				add_lv_rank(d, "", c->v[i].s, v, rank);
		}
		qsort(d->lv, d->nlv, sizeof *d->lv, by_rank);
		add_missing(d, c);
		set_note(d, "%s", pass ? "values are the numbers the answers start with: check them"
		                       : "values are the answer codes' numbers (A1 = 1): check them");
		return 1;
	}
	return 0;
}

static void
draft_from_answers(dcol *d, colstat *c, size_t max)
{
	size_t nreal = 0;
	for (size_t i = 0; i < c->nv; i++)
		nreal += !is_missing_label(c->v[i].s);
	char buf[160];
	if (is_identifier(c->name)) {
		set_kind(d, K_COMMENT, "identifier, date or paradata: not encoded");
	} else if (c->many || nreal > max) {
		d->kind = K_COMMENT;
		snprintf(buf, sizeof buf, "%s more than %zu distinct answers",
		         c->numeric ? "numbers," : "free text,", max);
		set_note(d, "%s: not encoded", buf);
	} else if (!c->nonempty) {
		set_kind(d, K_COMMENT, "always empty: not encoded");
	} else if (!nreal) {
		d->kind = K_COMMENT;
		set_note(d, "only '%s' and the like (missing): not encoded", c->v[0].s);
	} else if (c->numeric) {
		set_kind(d, K_RENAME, "numbers: passed through, renamed");
	} else if (is_other_column(c->name)) {
		set_kind(d, K_COMMENT, "free text (other): not encoded");
	} else if (!recognise(d, c, nreal)) {
		qsort(c->v, c->nv, sizeof *c->v, by_string);
		unsigned long once = 0;
		size_t bytes = 0;
		int lines = 0;
		for (size_t i = 0; i < c->nv; i++) {
			once += c->v[i].n == 1;
			bytes += strlen(c->v[i].s);
			lines |= strchr(c->v[i].s, '\n') != NULL;
		}
		if ((nreal >= 4 && once == c->nv) || lines || bytes > 100 * c->nv) {
			set_kind(d, K_COMMENT, "free text (long, multi-line or all different answers): not encoded");
			return;
		}
		for (size_t i = 0; i < c->nv; i++)
			if (!is_missing_label(c->v[i].s))
				add_lv(d, c->v[i].s, "", "");
		add_missing(d, c);
		d->fill = 1;
		set_note(d, "%s", "scale not recognised: fill in the values");
	}
}

/* ---- drafting from a survey file --------------------------------------------- */

typedef struct {
	const char *yes, *no, *other;
} words;

static words
words_of(const char *lang)
{
	if (strncmp(lang, "de", 2) == 0)
		return (words){"Ja", "Nein", "Sonstiges"};
	if (strncmp(lang, "fr", 2) == 0)
		return (words){"Oui", "Non", "Autre"};
	if (strncmp(lang, "es", 2) == 0)
		return (words){"Sí", "No", "Otro"};
	return (words){"Yes", "No", "Other"};
}

static char *
heading(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(fmt) + strlen(a) + (b ? strlen(b) : 0) + 1;
	char *s = xmalloc(n);
	snprintf(s, n, fmt, a, b ? b : "");
	return s;
}

static dcol *
lss_col(draft *dr, int text, char *code, char *full)
{
	dcol *c = new_col(dr, text ? full : code);
	c->alt = xstrdup(text ? code : full);
	free(code);
	free(full);
	return c;
}

/* The answers of Q (scale SCALE) as levels: assessment values when the survey
 * has them, else the sort order. */
static void
lss_levels(dcol *c, const lss_question *q, int scale, const words *w)
{
	int assess = lss_has_assessment(q);
	long rank = 0;
	for (size_t i = 0; i < q->nanswers; i++) {
		const lss_answer *a = &q->answers[i];
		if (a->scale != scale)
			continue;
		char v[32];
		if (is_missing_label(a->label))
			v[0] = '\0';
		else if (assess)
			snprintf(v, sizeof v, "%s", a->assessment);
		else
			snprintf(v, sizeof v, "%ld", ++rank);
		add_lv(c, a->label, a->code, v);
	}
	if (q->other && strchr("L!", q->type))
		add_lv(c, w->other, "-oth-", "");
	c->scale = snake(q->title, 32);
	set_note(c, "%s", assess ? "values: the survey's assessment values"
	                         : "values: the answers' sort order (1 = first)");
}

static void
fixed_levels(dcol *c, const char *const *lv, const char *name, const char *note)
{
	for (size_t i = 0; lv[i]; i += 3)
		add_lv(c, lv[i], lv[i + 1], lv[i + 2]);
	c->scale = xstrdup(name);
	set_note(c, "%s", note);
}

static void
checkbox(dcol *c, const words *w)
{
	add_lv(c, w->yes, "Y", "1");
	add_lv(c, w->no, "N", "0");
	c->empty_value = xstrdup("0");
	c->scale = xstrdup("checked");
	c->known = 1;
	set_note(c, "%s", "checkbox: checked = 1, not = 0");
}

static const char *const five[] = {"1", "1", "1", "2", "2", "2", "3", "3", "3",
                                   "4", "4", "4", "5", "5", "5", NULL};

/* A question of one column (list, yes/no, gender, numeric, text, date). */
static void
lss_single_col(draft *dr, const lss_question *q, int text, const words *w)
{
	const char *t = q->title, *x = q->text;
	char type = q->type;
	dcol *c = lss_col(dr, text, xstrdup(t), xstrdup(x));
	if (strchr("L!O", type)) {
		lss_levels(c, q, 0, w);
	} else if (type == '5') {
		fixed_levels(c, five, "points5", "values: the points 1 to 5");
	} else if (type == 'Y') {
		add_lv(c, w->yes, "Y", "1");
		add_lv(c, w->no, "N", "0");
		c->scale = xstrdup("yes_no");
		c->known = 1;
		set_note(c, "%s", "yes/no");
	} else if (type == 'G') {
		const char *const g[] = {"Female", "F", "", "Male", "M", "", NULL};
		fixed_levels(c, g, "gender", "gender: fill in the values");
		c->fill = 1;
	} else if (type == 'N') {
		set_kind(c, K_RENAME, "numbers: passed through, renamed");
	} else {
		set_kind(c, K_COMMENT, type == 'D' ? "date: not encoded" : "free text: not encoded");
	}
	if (q->other && strchr("L!", type))
		set_kind(lss_col(dr, text, heading("%s[other]", t, NULL),
		                 heading("%s [%s]", x, w->other)),
		         K_COMMENT, "free text (other): not encoded");
	if (type == 'O')
		set_kind(lss_col(dr, text, heading("%s[comment]", t, NULL),
		                 heading("%s [Comment]", x, NULL)),
		         K_COMMENT, "free text (comment): not encoded");
}

/* The values of sub-question column C of an array or checkbox question of
 * TYPE. */
static void
lss_sub_values(dcol *c, const lss_question *q, char type, const words *w)
{
	static const char *const ten[] = {"1", "1", "1", "2", "2", "2", "3", "3", "3", "4", "4", "4",
	                                  "5", "5", "5", "6", "6", "6", "7", "7", "7", "8", "8", "8",
	                                  "9", "9", "9", "10", "10", "10", NULL};
	static const char *const yun[] = {"Yes", "Y", "1", "Uncertain", "U", "", "No", "N", "0", NULL};
	static const char *const isd[] = {"Increase", "I", "1", "Same", "S", "0", "Decrease", "D", "-1",
	                                  NULL};
	switch (type) {
	case 'M': case 'P': checkbox(c, w); break;
	case 'F': case 'H': lss_levels(c, q, 0, w); break;
	case 'A': fixed_levels(c, five, "points5", "values: the points 1 to 5"); break;
	case 'B': fixed_levels(c, ten, "points10", "values: the points 1 to 10"); break;
	case 'C':
		fixed_levels(c, yun, "yes_uncertain_no", "yes/uncertain/no: Yes = 1, No = 0, Uncertain missing");
		break;
	case 'E': fixed_levels(c, isd, "increase_same_decrease", "increase/same/decrease: 1/0/-1"); break;
	case 'K': set_kind(c, K_RENAME, "numbers: passed through, renamed"); break;
	case 'R': set_kind(c, K_COMMENT, "ranking: not encoded"); break;
	default: set_kind(c, K_COMMENT, "free text or a question type svy does not encode"); break;
	}
}

/* The columns of sub-question S: two scales (dual array), one per
 * column of the second axis (array of numbers or texts), or one. */
static void
lss_sub_cols(draft *dr, const lss_question *q, const lss_sub *s, int text, const words *w)
{
	const char *t = q->title, *x = q->text;
	char type = q->type;
	if (type == '1') {
		for (int sc = 0; sc < 2; sc++) {
			char *h = heading("%s[%s", t, s->title);
			dcol *c = lss_col(dr, text, heading(sc ? "%s#1]" : "%s#0]", h, NULL),
			                  heading("%s [%s]", x, s->text));
			free(h);
			lss_levels(c, q, sc, w);
		}
		return;
	}
	if (type == ':' || type == ';') {
		for (size_t j = 0; j < q->nsubs; j++) {
			if (q->subs[j].scale != 1)
				continue;
			char *sq = heading("%s_%s", s->title, q->subs[j].title);
			char *st = heading("%s] [%s", s->text, q->subs[j].text);
			dcol *c = lss_col(dr, text, heading("%s[%s]", t, sq), heading("%s [%s]", x, st));
			free(sq);
			free(st);
			if (type == ':')
				set_kind(c, K_RENAME, "numbers: passed through, renamed");
			else
				set_kind(c, K_COMMENT, "free text: not encoded");
		}
		return;
	}
	lss_sub_values(lss_col(dr, text, heading("%s[%s]", t, s->title),
	                       heading("%s [%s]", x, s->text)), q, type, w);
	if (type == 'P')
		set_kind(lss_col(dr, text, heading("%s[%scomment]", t, s->title),
		                 heading("%s [%s comment]", x, s->text)),
		         K_COMMENT, "free text (comment): not encoded");
}

/* The export columns of question Q, as LimeSurvey names them, drafted. */
static void
lss_question_cols(draft *dr, const lss_question *q, int text, const words *w)
{
	const char *t = q->title, *x = q->text;
	char type = q->type;
	if (type == 'X' || type == '*')
		return;		/* text display, equation: no column */
	if (type && strchr("L!O5YGNDSTU|I", type)) {
		lss_single_col(dr, q, text, w);
		return;
	}
	for (size_t i = 0; i < q->nsubs; i++)
		if (q->subs[i].scale == 0)
			lss_sub_cols(dr, q, &q->subs[i], text, w);
	for (size_t i = 0; type == 'R' && i < q->nanswers; i++) {
		char n[32];
		snprintf(n, sizeof n, "%zu", i + 1);
		set_kind(lss_col(dr, text, heading("%s[%s]", t, n), heading("%s [Ranking %s]", x, n)),
		         K_COMMENT, "ranking: not encoded");
	}
	if (q->other && strchr("MP", type))
		set_kind(lss_col(dr, text, heading("%s[other]", t, NULL), heading("%s [%s]", x, w->other)),
		         K_COMMENT, "free text (other): not encoded");
}

/* ---- matching an export -------------------------------------------------------- */

/* Headings compared with blanks collapsed and trimmed, also inside brackets. */
static char *
norm_heading(const char *h)
{
	char *p = lss_plain(h), *o = p;
	for (const char *s = p; *s; s++) {
		if (*s == ' ' && (s[1] == ']' || (o > p && o[-1] == '[')))
			continue;
		*o++ = *s;
	}
	*o = '\0';
	return p;
}

/* The survey file's column for export heading H, or -1. */
static long
match_heading(draft *dr, unsigned char *used, const char *h)
{
	for (size_t i = 0; i < dr->n; i++)
		if (!used[i] && (strcmp(dr->c[i].key, h) == 0 || strcmp(dr->c[i].alt, h) == 0))
			return (long)i;
	char *n = norm_heading(h);
	size_t len = strlen(n);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < dr->n; i++) {
			if (used[i])
				continue;
			char *a = norm_heading(dr->c[i].key), *b = norm_heading(dr->c[i].alt);
			int eq = strcmp(a, n) == 0 || strcmp(b, n) == 0;
			free(a);
			free(b);
			if (eq) {
				free(n);
				return (long)i;
			}
		}
		/* "[Sub].1": a heading svy-clean --rename-duplicates renamed */
		while (len && n[len - 1] >= '0' && n[len - 1] <= '9')
			len--;
		if (len < 2 || n[len - 1] != '.' || n[len - 2] != ']')
			break;
		n[len - 1] = '\0';
	}
	free(n);
	return -1;
}

/* Give C the answers the export has that its levels lack: a spelling of a
 * label (blanks, case), a missing answer, or one the survey file does not
 * know (value left empty, said in the note). */
static void
merge_answers(dcol *c, const colstat *st)
{
	char unknown[256] = "";
	size_t nunknown = 0;
	for (size_t i = 0; i < st->nv; i++) {
		const char *s = st->v[i].s;
		if (lv_has(c, s))
			continue;
		char *ns = lss_plain(s);
		size_t k;
		for (k = 0; k < c->nlv; k++) {
			char *nl = lss_plain(c->lv[k].label);
			int eq = *nl && strcasecmp(nl, ns) == 0;
			free(nl);
			if (eq)
				break;
		}
		free(ns);
		if (k < c->nlv) {
			add_lv(c, s, "", c->lv[k].value);
		} else if (is_missing_label(s)) {
			add_lv(c, s, "", "");
		} else {
			add_lv(c, s, "", "");
			c->fill = 1;
			if (nunknown++ < 3) {
				size_t o = strlen(unknown);
				snprintf(unknown + o, sizeof unknown - o, "%s'%.40s'", o ? ", " : "", s);
			}
		}
	}
	if (nunknown) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s; answers not in the survey file, fill in: %s%s",
		         c->note ? c->note : "", unknown, nunknown > 3 ? ", ..." : "");
		free(c->note);
		c->note = xstrdup(buf);
	}
}

/* ---- writing -------------------------------------------------------------------- */

/* A scale's levels as one string, to find columns that share them. */
static char *
signature(const dcol *c)
{
	size_t n = 16;
	for (size_t i = 0; i < c->nlv; i++)
		n += strlen(c->lv[i].label) + strlen(c->lv[i].code) + strlen(c->lv[i].value) + 3;
	char *s = xmalloc(n), *o = s;
	o += sprintf(o, "%s\x1f", c->empty_value ? c->empty_value : "-");
	for (size_t i = 0; i < c->nlv; i++)
		o += sprintf(o, "%s\x1f%s\x1f%s\x1e", c->lv[i].label, c->lv[i].code, c->lv[i].value);
	return s;
}

typedef struct {
	char *name;		/* "@agreement4" */
	size_t first, n;	/* its first column, how many use it */
} block;

static void
comment(tsv_writer *w, const char *fmt, const char *a, const char *b)
{
	char buf[1024];
	size_t n = (size_t)snprintf(buf, sizeof buf, fmt, a, b ? b : "");
	if (n >= sizeof buf) {
		/* never inside a UTF-8 sequence: drop the last one if it is cut */
		n = sizeof buf - 1;
		size_t i = n;
		while (i > 0 && ((unsigned char)buf[i - 1] & 0xc0) == 0x80)
			i--;
		if (i > 0 && (unsigned char)buf[i - 1] >= 0xc0) {
			unsigned char lead = (unsigned char)buf[i - 1];
			size_t len = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
			if (i - 1 + len > n)
				n = i - 1;
		}
		buf[n] = '\0';
	}
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	tsvw_raw(w, buf, strlen(buf));
	tsvw_end(w);
}

static void
row(tsv_writer *w, const char *column, const char *rename, const char *label,
    const char *code, const char *value)
{
	tsvw_str(w, column);
	tsvw_str(w, rename);
	tsvw_str(w, label);
	tsvw_str(w, code);
	tsvw_str(w, value);
	tsvw_end(w);
}

static void
write_levels(tsv_writer *w, const dcol *c, const char *column, const char *rename)
{
	for (size_t i = 0; i < c->nlv; i++, rename = "")
		row(w, column, rename, c->lv[i].label, c->lv[i].code, c->lv[i].value);
	if (c->empty_value)
		row(w, column, rename, "", "", c->empty_value);
}

static void
clear_levels(dcol *c)
{
	for (size_t i = 0; i < c->nlv; i++) {
		free(c->lv[i].label);
		free(c->lv[i].code);
		free(c->lv[i].value);
	}
	c->nlv = 0;
}

/* The columns of one recognised scale share one level list: every spelling
 * any of them has, the scale's levels none has in its first spelling, in
 * the scale's order. */
static void
unite_known(draft *dr)
{
	for (size_t i = 0; i < dr->n; i++) {
		dcol *a = &dr->c[i];
		if (a->kind != K_SCALE || !a->known)
			continue;
		int first = 1;
		for (size_t j = 0; j < i && first; j++)
			first = !(dr->c[j].kind == K_SCALE && dr->c[j].known &&
			          strcmp(dr->c[j].scale, a->scale) == 0);
		if (!first)
			continue;
		dcol u = {0};
		for (size_t j = i; j < dr->n; j++) {
			const dcol *b = &dr->c[j];
			if (b->kind != K_SCALE || !b->known || strcmp(a->scale, b->scale) != 0)
				continue;
			for (size_t k = 0; k < b->nlv; k++)
				add_lv_rank(&u, b->lv[k].label, b->lv[k].code, b->lv[k].value, b->lv[k].rank);
			if (!u.empty_value && b->empty_value)
				u.empty_value = xstrdup(b->empty_value);
		}
		/* the levels no column has, in the language of those it has */
		const known_scale *ks = a->ks;
		int german = 0;
		for (size_t k = 0; ks && k < u.nlv; k++)
			german |= known_german(ks, u.lv[k].label);
		for (int l = 0; ks && l < 8 && ks->lv[l].labels; l++) {
			size_t k;
			for (k = 0; k < u.nlv && u.lv[k].rank != l; k++)
				;
			if (k == u.nlv) {
				char *one = known_spelling(ks, l, german);
				add_lv_rank(&u, one, "", ks->lv[l].value, l);
				free(one);
			}
		}
		if (u.nlv)
			qsort(u.lv, u.nlv, sizeof *u.lv, by_rank);
		for (size_t j = i; j < dr->n; j++) {
			dcol *b = &dr->c[j];
			if (b->kind != K_SCALE || !b->known || strcmp(a->scale, b->scale) != 0)
				continue;
			clear_levels(b);
			for (size_t k = 0; k < u.nlv; k++)
				add_lv_rank(b, u.lv[k].label, u.lv[k].code, u.lv[k].value, u.lv[k].rank);
			free(b->empty_value);
			b->empty_value = u.empty_value ? xstrdup(u.empty_value) : NULL;
		}
		free(u.empty_value);
		u.empty_value = NULL;
		free_col(&u);
	}
}

static size_t
plan_blocks(draft *dr, block **out)
{
	size_t nb = 0, cap = 0;
	block *b = NULL;
	char **sig = xcalloc(dr->n ? dr->n : 1, sizeof *sig);
	nameset names = {0};
	for (size_t i = 0; i < dr->n; i++) {
		dcol *c = &dr->c[i];
		if (c->kind != K_SCALE)
			continue;
		sig[i] = signature(c);
		for (size_t k = 0; k < nb && c->group == (size_t)-1; k++)
			if (strcmp(sig[b[k].first], sig[i]) == 0) {
				c->group = k;
				b[k].n++;
			}
		if (c->group == (size_t)-1) {
			b = xgrow(b, &cap, nb + 1, sizeof *b);
			b[nb] = (block){NULL, i, 1};
			c->group = nb++;
		}
	}
	/* names for the blocks used more than once */
	for (size_t k = 0; k < nb; k++) {
		if (b[k].n < 2)
			continue;
		const dcol *c = &dr->c[b[k].first];
		char *base = c->scale ? xstrdup(c->scale) : xstrdup(c->rename);
		char *name = xmalloc(strlen(base) + 20);
		sprintf(name, "@%s", base);
		for (unsigned n = 2; taken(&names, name); n++)
			sprintf(name, "@%s_%u", base, n);
		take(&names, name);
		b[k].name = name;
		free(base);
	}
	for (size_t i = 0; i < dr->n; i++)
		free(sig[i]);
	free(sig);
	cols_free_list(names.v, names.n);
	*out = b;
	return nb;
}

static void
write_draft(draft *dr, const char *source)
{
	unite_known(dr);
	block *b;
	size_t nb = plan_blocks(dr, &b);
	tsv_writer w;
	tsvw_init(&w, stdout, "<stdout>");
	row(&w, "column", "rename", "label", "code", "value");
	comment(&w, "# Drafted by svy-codebook from %s: check every value, fill the empty ones%s",
	        source, " (an empty value encodes the answer as missing).");
	if (!dr->n)
		comment(&w, "# %s has no questions (or no columns to draft): nothing to encode.",
		        source, NULL);
	int any = 0;
	for (size_t k = 0; k < nb; k++) {
		if (!b[k].name)
			continue;
		const dcol *c = &dr->c[b[k].first];
		if (!any++)
			comment(&w, "%s", "", NULL), comment(&w, "%s", "# Scales shared by several columns.", NULL);
		char n[32];
		snprintf(n, sizeof n, "%zu", b[k].n);
		char head[600];
		snprintf(head, sizeof head, "# %s: %s, %s columns", b[k].name,
		         c->note ? c->note : "", n);
		comment(&w, "%s", head, NULL);
		write_levels(&w, c, b[k].name, "");
	}
	comment(&w, "%s", "", NULL);
	comment(&w, "%s", "# Columns.", NULL);
	for (size_t i = 0; i < dr->n; i++) {
		const dcol *c = &dr->c[i];
		if (c->kind == K_COMMENT) {
			comment(&w, "# '%s': %s", c->key, c->note);
			continue;
		}
		if (c->kind == K_RENAME) {
			row(&w, c->key, c->rename, "", "", "");
			continue;
		}
		const block *bk = &b[c->group];
		if (bk->name) {
			row(&w, c->key, c->rename, bk->name, "", "");
			continue;
		}
		if (c->note)
			comment(&w, "# '%s': %s", c->key, c->note);
		write_levels(&w, c, c->key, c->rename);
	}
	for (size_t k = 0; k < nb; k++)
		free(b[k].name);
	free(b);
}

/* ---- main -------------------------------------------------------------------- */

typedef struct {
	int format;
	int delim;
	size_t max_levels;
	const char *export_path;
	int text_headings;
	const char *language;
	char **columns;
	size_t ncolumns;
} options;

static void
read_export(export_stats *st, const char *name, const char *buf, size_t n, int format,
            const options *o)
{
	memset(st, 0, sizeof *st);
	st->name = name;
	if (format == FMT_AUTO)
		format = detect(name, buf, n);
	if (format == FMT_LSS)
		die("%s: a survey file, not an export", name);
	FILE *fp = mem_stream(buf, n);
	if (format == FMT_TSV)
		read_tsv(st, fp, o->max_levels);
	else
		read_csv(st, fp, o->delim, o->max_levels);
	fclose(fp);
}

/* Column I of the export; a heading it has twice is not drafted twice. */
static void
draft_answers(dcol *d, export_stats *st, size_t i, size_t max)
{
	for (size_t k = 0; k < i; k++)
		if (strcmp(st->c[k].name, st->c[i].name) == 0) {
			char buf[200];
			snprintf(buf, sizeof buf, "the heading of column %zu again (rename it with "
			         "svy-clean --rename-duplicates): not encoded", k + 1);
			d->kind = K_COMMENT;
			set_note(d, "%s", buf);
			return;
		}
	draft_from_answers(d, &st->c[i], max);
}

static void
draft_export(draft *dr, export_stats *st, const options *o, const unsigned char *skip)
{
	for (size_t i = 0; i < st->ncols; i++) {
		if (skip && skip[i])
			continue;
		dcol *c = new_col(dr, st->c[i].name);
		draft_answers(c, st, i, o->max_levels);
	}
}

/* Draft from the survey file; with --export, in the export's column order,
 * columns the survey file does not know drafted from their answers. */
static void
draft_lss(draft *dr, const char *name, const char *buf, size_t n, const options *o)
{
	lss_doc *doc = lss_load_memory(buf, n, name);
	const char *const *langs;
	size_t nl = lss_languages(doc, &langs);
	const char *lang = o->language ? o->language : nl ? langs[0] : "en";
	int ok = !o->language;
	for (size_t i = 0; i < nl && !ok; i++)
		ok = strcmp(langs[i], o->language) == 0;
	if (!ok) {
		char list[256] = "";
		for (size_t i = 0; i < nl; i++) {
			size_t len = strlen(list);
			snprintf(list + len, sizeof list - len, "%s'%s'", i ? ", " : "", langs[i]);
		}
		char msg[400];
		snprintf(msg, sizeof msg, "%s", list);
		lss_doc_free(doc);
		die_usage("option '--language': %s has no language '%s' (it has %s)", name,
		          o->language, nl ? msg : "none");
	}
	size_t nq;
	lss_question *q = lss_build(doc, lang, &nq);
	words w = words_of(lang);
	draft all = {0};
	for (size_t i = 0; i < nq; i++)
		lss_question_cols(&all, &q[i], o->text_headings, &w);
	lss_questions_free(q, nq);
	lss_doc_free(doc);
	if (!o->export_path) {
		*dr = all;
		return;
	}
	FILE *fp = fopen(o->export_path, "rb");
	if (!fp)
		die_errno("%s", o->export_path);
	size_t en;
	char *ebuf = slurp(fp, o->export_path, &en);
	fclose(fp);
	export_stats st;
	read_export(&st, o->export_path, ebuf, en, FMT_AUTO, o);
	free(ebuf);
	unsigned char *used = xcalloc(all.n ? all.n : 1, 1);
	for (size_t i = 0; i < st.ncols; i++) {
		int again = 0;
		for (size_t k = 0; k < i && !again; k++)
			again = strcmp(st.c[k].name, st.c[i].name) == 0;
		long m = again ? -1 : match_heading(&all, used, st.c[i].name);
		if (m < 0) {
			dcol *c = new_col(dr, st.c[i].name);
			draft_answers(c, &st, i, o->max_levels);
			continue;
		}
		used[m] = 1;
		dr->c = xgrow(dr->c, &dr->cap, dr->n + 1, sizeof *dr->c);
		dcol *c = &dr->c[dr->n++];
		*c = all.c[m];
		free(c->key);
		c->key = xstrdup(st.c[i].name);
		if (c->kind == K_SCALE)
			merge_answers(c, &st.c[i]);
	}
	for (size_t i = 0; i < all.n; i++)
		if (!used[i])
			free_col(&all.c[i]);
	free(all.c);
	free(used);
	stats_free(&st);
}

/* Keep the columns -c names; name the columns the encoded ones must not
 * take the name of. */
static void
select_and_name(draft *dr, const options *o)
{
	if (o->ncolumns) {
		unsigned char *keep = xcalloc(dr->n ? dr->n : 1, 1);
		for (size_t p = 0; p < o->ncolumns; p++) {
			size_t hits = 0;
			for (size_t i = 0; i < dr->n; i++)
				if (strcmp(dr->c[i].key, o->columns[p]) == 0 ||
				    fnmatch(o->columns[p], dr->c[i].key, 0) == 0)
					keep[i] = 1, hits++;
			if (!hits) {
				free(keep);
				die_usage("option '--columns': no column '%s' to draft", o->columns[p]);
			}
		}
		size_t n = 0;
		for (size_t i = 0; i < dr->n; i++) {
			if (keep[i])
				dr->c[n++] = dr->c[i];
			else
				free_col(&dr->c[i]);
		}
		dr->n = n;
		free(keep);
	}
	nameset ns = {0};
	for (size_t i = 0; i < dr->n; i++)
		if (dr->c[i].kind == K_COMMENT)
			take(&ns, dr->c[i].key);
	for (size_t i = 0; i < dr->n; i++)
		if (dr->c[i].kind != K_COMMENT)
			dr->c[i].rename = propose_name(&ns, dr->c[i].key);
	cols_free_list(ns.v, ns.n);
}

int
main(int argc, char **argv)
{
	enum { OPT_HELP = CHAR_MAX + 1, OPT_VERSION, OPT_MAX, OPT_HEADINGS, OPT_LANGUAGE, OPT_EXPORT, OPT_FORMAT };
	static const struct option longopts[] = {
		{"columns", required_argument, NULL, 'c'},
		{"delimiter", required_argument, NULL, 'd'},
		{"export", required_argument, NULL, OPT_EXPORT},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"headings", required_argument, NULL, OPT_HEADINGS},
		{"help", no_argument, NULL, OPT_HELP},
		{"input", required_argument, NULL, 'i'},
		{"language", required_argument, NULL, OPT_LANGUAGE},
		{"max-levels", required_argument, NULL, OPT_MAX},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	static const char *const formats[] = {"csv", "tsv", "lss", NULL};
	static const char *const styles[] = {"code", "text", NULL};
	options o = {FMT_AUTO, 0, 12, NULL, 0, NULL, NULL, 0};
	const char *input = NULL;
	int quiet = 0, c;

	err_init("codebook");
	while ((c = getopt_long(argc, argv, ":c:d:i:o:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': {
			size_t n;
			char **more = cols_option_list(optarg, "--columns", &n);
			o.columns = xrealloc(o.columns, (o.ncolumns + n + 1) * sizeof *o.columns);
			memcpy(o.columns + o.ncolumns, more, n * sizeof *more);
			o.ncolumns += n;
			free(more);
			break;
		}
		case 'd': o.delim = opt_delimiter(optarg, "--delimiter"); break;
		case OPT_EXPORT: o.export_path = optarg; break;
		case OPT_FORMAT: o.format = FMT_CSV + opt_word(optarg, formats, "--format"); break;
		case 'i': input = optarg; break;
		case OPT_LANGUAGE: o.language = optarg; break;
		case 'o': out_to_file(optarg); break;
		case 'q': quiet = 1; break;
		case OPT_MAX: o.max_levels = (size_t)opt_long(optarg, 1, 100000, "--max-levels"); break;
		case OPT_HEADINGS: o.text_headings = opt_word(optarg, styles, "--headings"); break;
		case OPT_HELP: usage(); break;
		case OPT_VERSION: print_version(); exit(0);
		default: die_bad_option(c, argv);
		}
	}
	const char *name;
	FILE *in = opt_input(input, argc, argv, optind, &name);
	size_t n;
	char *buf = slurp(in, name, &n);
	opt_close_input(in);
	int format = o.format == FMT_AUTO ? detect(name, buf, n) : o.format;
	if (format != FMT_LSS && (o.export_path || o.language))
		die_usage("--export and --language are for a survey file (.lss); %s is an export",
		          name);

	draft dr = {0};
	if (format == FMT_LSS) {
		draft_lss(&dr, name, buf, n, &o);
	} else {
		export_stats st;
		read_export(&st, name, buf, n, format, &o);
		draft_export(&dr, &st, &o, NULL);
		stats_free(&st);
	}
	free(buf);
	select_and_name(&dr, &o);
	write_draft(&dr, name);

	if (!quiet) {
		size_t enc = 0, ren = 0, com = 0, fill = 0;
		for (size_t i = 0; i < dr.n; i++) {
			enc += dr.c[i].kind == K_SCALE;
			ren += dr.c[i].kind == K_RENAME;
			com += dr.c[i].kind == K_COMMENT;
			fill += dr.c[i].kind == K_SCALE && dr.c[i].fill;
		}
		warn("drafted %zu columns from %s: %zu encoded (%zu with values to fill in), "
		     "%zu renamed, %zu as comments", dr.n, name, enc, fill, ren, com);
	}
	close_stdout();
	for (size_t i = 0; i < dr.n; i++)
		free_col(&dr.c[i]);
	free(dr.c);
	cols_free_list(o.columns, o.ncolumns);
	return 0;
}
