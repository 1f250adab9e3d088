/* SPSS and Stata files through ReadStat: see sav.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readstat.h>

#include "csvread.h"
#include "err.h"
#include "num.h"
#include "sav.h"

/* ---- dates ---- */

/* Days from 1970-01-01 to Y-M-D, proleptic Gregorian (H. Hinnant's
 * algorithm); and back. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void
civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* SPSS counts seconds from the start of the Gregorian calendar. */
static long long
spss_epoch(void)
{
	return days_from_civil(1582, 10, 14);
}

int
sav_iso_from_spss(char *buf, double x, int date_only)
{
	if (!isfinite(x) || fabs(x) > 1e13)
		return -1;
	double days = floor(x / 86400);
	double secs = x - days * 86400;
	double whole = floor(secs);
	long us = lround((secs - whole) * 1e6);
	if (us >= 1000000) {
		us -= 1000000;
		whole++;
	}
	if (whole >= 86400) {
		whole -= 86400;
		days++;
	}
	long long y;
	unsigned m, d;
	civil_from_days((long long)days + spss_epoch(), &y, &m, &d);
	if (y < 1 || y > 9999)
		return -1;
	int n = snprintf(buf, 40, "%04lld-%02u-%02u", y, m, d);
	if (date_only && whole == 0 && us == 0)
		return 0;
	long s = (long)whole;
	n += snprintf(buf + n, 40 - (size_t)n, "T%02ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	if (us) {
		n += snprintf(buf + n, 40 - (size_t)n, ".%06ld", us);
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
	}
	return 0;
}

static int
digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
sav_spss_from_iso(const char *s, double *x, int *kind)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	size_t len = strlen(s);
	if (len < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	long long day = days_from_civil(y, (unsigned)m, (unsigned)d);
	long long cy;
	unsigned cm, cd;
	civil_from_days(day, &cy, &cm, &cd);
	if (cy != y || (int)cm != m || (int)cd != d)
		return -1;	/* 2021-02-30 */
	double frac = 0;
	*kind = SAV_DATE;
	if (len > 10) {
		if (len < 19 || s[10] != 'T' || digits(s + 11, 2, &hh) || s[13] != ':' ||
		    digits(s + 14, 2, &mm) || s[16] != ':' || digits(s + 17, 2, &ss) ||
		    hh > 23 || mm > 59 || ss > 59)
			return -1;
		if (len > 19) {
			/* .f: one to six digits, as sav_iso_from_spss writes them */
			if (s[19] != '.' || len < 21 || len > 26)
				return -1;
			int f;
			if (digits(s + 20, (int)(len - 20), &f))
				return -1;
			frac = f / pow(10, (double)(len - 20));
			if (s[len - 1] == '0')
				return -1;	/* not the form import writes */
		}
		*kind = SAV_DATETIME;
	}
	*x = (double)(day - spss_epoch()) * 86400 + hh * 3600 + mm * 60 + ss + frac;
	return 0;
}

/* ---- reading ---- */

/* The kind of a variable from its display format. */
static int
kind_of(int format, const readstat_variable_t *v)
{
	if (readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING)
		return SAV_TEXT;
	const char *fmt = readstat_variable_get_format(v);
	if (!fmt)
		return SAV_NUMBER;
	if (format == SAV_DTA) {
		const char *p = fmt;
		if (*p == '%')
			p++;
		if (*p == '-')
			p++;
		if (strncmp(p, "td", 2) == 0 || *p == 'd')
			return SAV_DATE;
		if (strncmp(p, "tc", 2) == 0 || strncmp(p, "tC", 2) == 0)
			return SAV_DATETIME;
		return SAV_NUMBER;
	}
	char word[16];
	size_t n = 0;
	while (n + 1 < sizeof word && isalpha((unsigned char)fmt[n])) {
		word[n] = (char)toupper((unsigned char)fmt[n]);
		n++;
	}
	word[n] = '\0';
	static const char *const dates[] = {"DATE", "ADATE", "EDATE", "JDATE", "SDATE",
	                                    "MOYR", "QYR", "WKYR", NULL};
	for (size_t i = 0; dates[i]; i++)
		if (strcmp(word, dates[i]) == 0)
			return SAV_DATE;
	if (strcmp(word, "DATETIME") == 0 || strcmp(word, "YMDHMS") == 0)
		return SAV_DATETIME;
	return SAV_NUMBER;
}

/* Record what is wrong (the first problem only) and stop the parse. */
static int
fail(sav_file *f, const char *var, const char *fmt, ...)
{
	if (!f->err[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(f->err, sizeof f->err, fmt, ap);
		va_end(ap);
		snprintf(f->err_var, sizeof f->err_var, "%s", var ? var : "");
	}
	return READSTAT_HANDLER_ABORT;
}

static int
on_metadata(readstat_metadata_t *md, void *ctx)
{
	sav_file *f = ctx;
	f->declared_rows = readstat_get_row_count(md);
	return READSTAT_HANDLER_OK;
}

/* A number as text, for the list of user-missing values. */
static void
append_value(char **s, readstat_value_t v)
{
	char buf[NUM_BUFSIZE];
	const char *t;
	if (readstat_value_type_class(v) == READSTAT_TYPE_CLASS_STRING)
		t = readstat_string_value(v) ? readstat_string_value(v) : "";
	else
		t = num_format(buf, readstat_double_value(v));
	size_t had = *s ? strlen(*s) : 0;
	*s = xrealloc(*s, had + strlen(t) + 3);
	sprintf(*s + had, "%s%s", had ? ", " : "", t);
}

static char *
user_missing(const readstat_variable_t *v)
{
	char *s = NULL;
	int n = readstat_variable_get_missing_ranges_count(v);
	for (int i = 0; i < n; i++) {
		readstat_value_t lo = readstat_variable_get_missing_range_lo(v, i);
		readstat_value_t hi = readstat_variable_get_missing_range_hi(v, i);
		append_value(&s, lo);
		if (readstat_value_type_class(lo) != READSTAT_TYPE_CLASS_STRING &&
		    readstat_double_value(lo) != readstat_double_value(hi)) {
			size_t had = strlen(s);
			s = xrealloc(s, had + 4);
			strcpy(s + had, " to");
			char *rest = NULL;
			append_value(&rest, hi);
			s = xrealloc(s, strlen(s) + strlen(rest) + 2);
			strcat(s, " ");
			strcat(s, rest);
			free(rest);
		}
	}
	return s;
}

static int
on_variable(int index, readstat_variable_t *v, const char *labels, void *ctx)
{
	sav_file *f = ctx;
	const char *name = readstat_variable_get_name(v);
	if (!name || !*name)
		return fail(f, NULL, "variable %d has no name", index + 1);
	if ((size_t)index != f->nvars)
		return fail(f, name, "variables out of order (%d after %zu)", index, f->nvars);
	f->vars = xgrow(f->vars, &f->varcap, f->nvars + 1, sizeof *f->vars);
	sav_var *sv = &f->vars[f->nvars++];
	memset(sv, 0, sizeof *sv);
	sv->name = xstrdup(name);
	const char *label = readstat_variable_get_label(v);
	sv->label = xstrdup(label ? label : "");
	const char *fmt = readstat_variable_get_format(v);
	sv->format = xstrdup(fmt ? fmt : "");
	sv->labelset = labels && *labels ? xstrdup(labels) : NULL;
	sv->kind = kind_of(f->format, v);
	sv->missing = user_missing(v);
	return READSTAT_HANDLER_OK;
}

static sav_labelset *
find_set(sav_file *f, const char *name)
{
	for (size_t i = 0; i < f->nsets; i++)
		if (strcmp(f->sets[i].name, name) == 0)
			return &f->sets[i];
	f->sets = xgrow(f->sets, &f->setcap, f->nsets + 1, sizeof *f->sets);
	sav_labelset *s = &f->sets[f->nsets++];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	return s;
}

static int
on_value_label(const char *set, readstat_value_t value, const char *label, void *ctx)
{
	sav_file *f = ctx;
	if (!set)
		return READSTAT_HANDLER_OK;
	if (readstat_value_is_tagged_missing(value))
		return READSTAT_HANDLER_OK;	/* a label of Stata's .a: never in the data */
	sav_labelset *s = find_set(f, set);
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	sav_vlabel *l = &s->v[s->n++];
	memset(l, 0, sizeof *l);
	l->label = xstrdup(label ? label : "");
	if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
		const char *k = readstat_string_value(value);
		l->key = xstrdup(k ? k : "");
	} else {
		l->value = readstat_double_value(value);
		if (!isfinite(l->value))
			return fail(f, NULL, "value labels '%s': a label for a value that is "
			            "not a finite number", set);
	}
	return READSTAT_HANDLER_OK;
}

static void
free_cells(sav_file *f)
{
	if (!f->cells)
		return;
	for (size_t i = 0; i < f->nvars; i++) {
		free(f->cells[i]);
		f->cells[i] = NULL;
	}
}

/* Days (Stata %td) or milliseconds (%tc) since 1960 as SPSS seconds. */
static double
spss_seconds(const sav_file *f, const sav_var *v, double x)
{
	if (f->format != SAV_DTA)
		return x;
	double base = (double)(days_from_civil(1960, 1, 1) - spss_epoch()) * 86400;
	return v->kind == SAV_DATE ? base + x * 86400 : base + x / 1000;
}

/* Variable V's value X as its field, or -1 (recorded) when it cannot be. */
static int
number_cell(sav_file *f, const sav_var *v, double x, char **cell)
{
	if (!isfinite(x))
		return fail(f, v->name, "row %zu: not a finite number", f->rows + 1);
	char buf[48];
	if (v->kind == SAV_DATE || v->kind == SAV_DATETIME) {
		if (sav_iso_from_spss(buf, spss_seconds(f, v, x), v->kind == SAV_DATE) < 0) {
			char num[NUM_BUFSIZE];
			return fail(f, v->name, "row %zu: %s is no date from year 1 to 9999 "
			            "(display format %s)", f->rows + 1, num_format(num, x),
			            v->format);
		}
	} else {
		num_format(buf, x);
	}
	*cell = xstrdup(buf);
	return 0;
}

static int
text_cell(sav_file *f, const sav_var *v, const char *s, char **cell)
{
	size_t len = s ? strlen(s) : 0;
	if (len > f->max_string)
		return fail(f, v->name, "row %zu: text of %zu bytes, longer than %zu "
		            "(--max-string)", f->rows + 1, len, f->max_string);
	size_t bad = csvr_utf8_check(s ? s : "", len);
	if (bad < len)
		return fail(f, v->name, "row %zu: invalid UTF-8 at byte %zu of the text",
		            f->rows + 1, bad + 1);
	*cell = len ? xstrdup(s) : NULL;
	return 0;
}

static int
on_value(int obs, readstat_variable_t *variable, readstat_value_t value, void *ctx)
{
	sav_file *f = ctx;
	int i = readstat_variable_get_index(variable);
	if (i < 0 || (size_t)i >= f->nvars)
		return fail(f, NULL, "row %d: a value of variable %d, which the "
		            "dictionary does not have", obs + 1, i + 1);
	const sav_var *v = &f->vars[i];
	if (!f->cells)
		f->cells = xcalloc(f->nvars, sizeof *f->cells);
	if (obs != f->row_at || f->cells[i])
		return fail(f, v->name, "row %d: values out of order", obs + 1);
	if (readstat_value_is_missing(value, variable)) {
		f->missing++;
		if (!readstat_value_is_system_missing(value))
			f->user_missing++;
	} else if (v->kind == SAV_TEXT) {
		if (text_cell(f, v, readstat_string_value(value), &f->cells[i]))
			return READSTAT_HANDLER_ABORT;
	} else if (number_cell(f, v, readstat_double_value(value), &f->cells[i])) {
		return READSTAT_HANDLER_ABORT;
	}
	f->partial = (size_t)i + 1;
	if ((size_t)i + 1 == f->nvars) {
		f->on_row(f->ctx, f, f->cells);
		free_cells(f);
		f->partial = 0;
		f->rows++;
		f->row_at++;
	}
	return READSTAT_HANDLER_OK;
}

static void
on_error(const char *msg, void *ctx)
{
	sav_file *f = ctx;
	if (!f->rs_err[0] && msg) {
		snprintf(f->rs_err, sizeof f->rs_err, "%s", msg);
		size_t n = strlen(f->rs_err);
		while (n && (f->rs_err[n - 1] == '\n' || f->rs_err[n - 1] == ' '))
			f->rs_err[--n] = '\0';
	}
}

/* ReadStat reads through these, from the stream the tool opened. */
static int
io_open(const char *path, void *io)
{
	return 0;
}

static int
io_close(void *io)
{
	return 0;
}

static readstat_off_t
io_seek(readstat_off_t off, readstat_io_flags_t whence, void *io)
{
	int w = whence == READSTAT_SEEK_SET ? SEEK_SET
	        : whence == READSTAT_SEEK_CUR ? SEEK_CUR : SEEK_END;
	if (fseeko(io, off, w) != 0)
		return -1;
	return ftello(io);
}

static ssize_t
io_read(void *buf, size_t n, void *io)
{
	size_t got = fread(buf, 1, n, io);
	if (got == 0 && ferror(io))
		return -1;
	return (ssize_t)got;
}

static readstat_error_t
io_update(long size, readstat_progress_handler progress, void *user, void *io)
{
	return READSTAT_OK;
}

/* A stream ReadStat can seek in: FP itself, or a copy of it. */
FILE *
sav_seekable(FILE *fp, const char *name)
{
	if (fseeko(fp, 0, SEEK_CUR) == 0)
		return fp;
	FILE *tmp = tmpfile();
	if (!tmp)
		die_errno("cannot create a temporary file for %s", name);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (fwrite(buf, 1, n, tmp) != n)
			die_errno("cannot copy %s to a temporary file", name);
	if (ferror(fp))
		die_errno("%s: read error", name);
	if (fflush(tmp) != 0 || fseeko(tmp, 0, SEEK_SET) != 0)
		die_errno("cannot copy %s to a temporary file", name);
	return tmp;
}

/* The kind of file the first N bytes B say: SAV_SAV (.sav or .zsav),
 * SAV_DTA, or -1. */
static int
kind_of_bytes(const unsigned char *b, size_t n)
{
	if (n >= 4 && (memcmp(b, "$FL2", 4) == 0 || memcmp(b, "$FL3", 4) == 0))
		return SAV_SAV;
	if (n >= 11 && memcmp(b, "<stata_dta>", 11) == 0)
		return SAV_DTA;
	/* Stata 5 to 12: the version byte, then the byte order (1 or 2) */
	if (n >= 4 && b[0] >= 0x69 && b[0] <= 0x73 && (b[1] == 1 || b[1] == 2) &&
	    b[2] == 1 && b[3] == 0)
		return SAV_DTA;
	return -1;
}

/* The first bytes of the seekable FP, which is left at its start. */
static size_t
first_bytes(FILE *fp, const char *name, unsigned char *b, size_t size)
{
	size_t n = fread(b, 1, size, fp);
	if (ferror(fp))
		die_errno("%s: read error", name);
	if (fseeko(fp, 0, SEEK_SET) != 0)
		die_errno("%s: cannot seek", name);
	return n;
}

int
sav_kind(FILE *fp, const char *name)
{
	unsigned char b[16];
	size_t n = first_bytes(fp, name, b, sizeof b);
	return kind_of_bytes(b, n);
}

int
sav_may_be(int c)
{
	return c == '$' || c == '<' || (c >= 0x69 && c <= 0x73);
}

/* What the first bytes say the file is: SAV_SAV (.sav or .zsav), SAV_DTA,
 * or a data error saying what it starts with. */
static int
sniff(FILE *fp, const char *name)
{
	unsigned char b[16];
	size_t n = first_bytes(fp, name, b, sizeof b);
	if (n == 0)
		die_at(name, 0, NULL, NULL, "empty file: not an SPSS (.sav, .zsav) or "
		       "Stata (.dta) file");
	int kind = kind_of_bytes(b, n);
	if (kind >= 0)
		return kind;
	char q[64];
	die_at(name, 0, NULL, err_quote(q, sizeof q, (const char *)b, n),
	       "not an SPSS (.sav, .zsav) or Stata (.dta) file: it starts with "
	       "neither '$FL2', '$FL3' nor a Stata header");
}

void
sav_read(sav_file *f, FILE *fp, const char *name, size_t max_string,
         sav_row_fn *on_row, void *ctx)
{
	sav_read_as(f, fp, name, NULL, max_string, on_row, ctx);
}

void
sav_read_as(sav_file *f, FILE *fp, const char *name, const char *encoding,
            size_t max_string, sav_row_fn *on_row, void *ctx)
{
	memset(f, 0, sizeof *f);
	f->name = name;
	f->max_string = max_string;
	f->declared_rows = -1;
	f->on_row = on_row;
	f->ctx = ctx;
	FILE *in = sav_seekable(fp, name);
	f->format = sniff(in, name);

	readstat_parser_t *p = readstat_parser_init();
	if (!p)
		die("out of memory");
	readstat_set_metadata_handler(p, on_metadata);
	readstat_set_variable_handler(p, on_variable);
	readstat_set_value_label_handler(p, on_value_label);
	readstat_set_value_handler(p, on_value);
	readstat_set_error_handler(p, on_error);
	readstat_set_open_handler(p, io_open);
	readstat_set_close_handler(p, io_close);
	readstat_set_seek_handler(p, io_seek);
	readstat_set_read_handler(p, io_read);
	readstat_set_update_handler(p, io_update);
	readstat_set_io_ctx(p, in);
	if (encoding && readstat_set_file_character_encoding(p, encoding) != READSTAT_OK)
		die("out of memory");
	readstat_error_t e = f->format == SAV_DTA ? readstat_parse_dta(p, name, f)
	                                          : readstat_parse_sav(p, name, f);
	readstat_parser_free(p);
	if (in != fp)
		fclose(in);
	const char *what = f->format == SAV_DTA ? "Stata" : "SPSS";
	if (f->err[0])
		die_at(name, 0, f->err_var[0] ? f->err_var : NULL, NULL, "%s", f->err);
	if (e == READSTAT_ERROR_ROW_COUNT_MISMATCH && f->declared_rows >= 0)
		die_at(name, 0, NULL, NULL, "truncated %s file: its header says %ld rows, "
		       "%zu could be read", what, f->declared_rows, f->rows);
	int charset = e == READSTAT_ERROR_UNSUPPORTED_CHARSET || e == READSTAT_ERROR_CONVERT ||
	              e == READSTAT_ERROR_CONVERT_BAD_STRING;
	if (charset && encoding)
		die_at(name, 0, NULL, encoding, "cannot read the text of this %s file in "
		       "this encoding: %s", what, readstat_error_message(e));
	if (charset)
		die_at(name, 0, NULL, NULL, "%s file in a character set ReadStat cannot read "
		       "as it is named: %s%s%s%s; give --encoding (e.g. ISO-8859-1, "
		       "WINDOWS-1252)", what, readstat_error_message(e),
		       f->rs_err[0] ? " (" : "", f->rs_err, f->rs_err[0] ? ")" : "");
	if (e != READSTAT_OK)
		die_at(name, 0, NULL, NULL, "damaged or truncated %s file: %s%s%s%s", what,
		       readstat_error_message(e), f->rs_err[0] ? " (" : "", f->rs_err,
		       f->rs_err[0] ? ")" : "");
	if (f->partial)
		die_at(name, 0, NULL, NULL, "truncated %s file: row %zu ends after %zu of "
		       "%zu variables", what, f->rows + 1, f->partial, f->nvars);
	if (f->declared_rows >= 0 && (size_t)f->declared_rows != f->rows)
		die_at(name, 0, NULL, NULL, "truncated %s file: its header says %ld rows, "
		       "%zu could be read", what, f->declared_rows, f->rows);
	if (f->nvars == 0)
		die_at(name, 0, NULL, NULL, "%s file without variables", what);
	/* -1 rows, "not known", is legal (a writer that streams), but ReadStat
	 * then reads none of an uncompressed file's rows: never 0 rows and
	 * exit 0 for a file that may hold data */
	if (f->declared_rows < 0 && f->rows == 0 && f->format != SAV_DTA)
		die_at(name, 0, NULL, NULL, "its header does not say how many rows it "
		       "holds (-1) and none could be read: save it again from SPSS or "
		       "PSPP (or as .zsav)");
}

void
sav_free(sav_file *f)
{
	free_cells(f);
	free(f->cells);
	for (size_t i = 0; i < f->nvars; i++) {
		free(f->vars[i].name);
		free(f->vars[i].label);
		free(f->vars[i].format);
		free(f->vars[i].labelset);
		free(f->vars[i].missing);
	}
	free(f->vars);
	for (size_t i = 0; i < f->nsets; i++) {
		for (size_t k = 0; k < f->sets[i].n; k++) {
			free(f->sets[i].v[k].key);
			free(f->sets[i].v[k].label);
		}
		free(f->sets[i].v);
		free(f->sets[i].name);
	}
	free(f->sets);
	memset(f, 0, sizeof *f);
}

const sav_labelset *
sav_labels_of(const sav_file *f, const sav_var *v)
{
	if (!v->labelset)
		return NULL;
	for (size_t i = 0; i < f->nsets; i++)
		if (strcmp(f->sets[i].name, v->labelset) == 0)
			return f->sets[i].n ? &f->sets[i] : NULL;
	return NULL;
}
