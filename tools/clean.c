/* clean: a LimeSurvey CSV export in, the project's TSV out; incomplete
 * responses and personal data removed, nothing else changed. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cols.h"
#include "csvread.h"
#include "email.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "platform.h"
#include "tsv.h"

/* Why a column is removed. */
enum removal { KEEP = 0, PII_META, PII_EMAIL_NAME, PII_EMAIL_VALUES, PII_OPTION, NREASONS };
static const char *removal_why[NREASONS] = {
	"", "personal data", "e-mail, by name", "e-mail, by values", "--pii",
};

enum { WARN_EMAILS_SHOWN = 10, REMOVED_SHOWN = 12 };

struct opts {
	int delim;
	const char *complete_col;
	int keep_incomplete;
	char **pii;
	size_t npii;
	char **keep;		/* --keep-pii */
	size_t nkeep;
	int platform;		/* --platform, or -1: from the header */
	long scan_rows;
	char **na;
	size_t nna;
	size_t *nalen;
	int replace_utf8;
	int rename_dups;
	const char *rejects;	/* -r, from the common options */
	int quiet;
};

/* One row as the tool sees it: field pointers and lengths for every input
 * column, and the line where the record starts. */
struct row {
	const char **v;
	size_t *len;
	size_t line;
};

struct clean {
	const struct opts *o;
	const char *name;
	csvr *in;
	size_t ncols;
	char **header;
	size_t header_line;
	const platform *plat;
	size_t header_rows;	/* the header and the platform's rows after it */
	int pending;		/* c->row holds a row read but not yet taken */
	long complete;		/* completion column, or -1 */
	done_rule rule;
	enum removal *removed;	/* per input column */
	enum removal *keep;	/* per input column: why it would go, kept by --keep-pii */
	size_t nout;		/* columns written */
	int check_emails;	/* empty e-mail-looking values in kept columns */

	struct row row;
	char *scratch;		/* replaced UTF-8 of the current record */
	size_t scratchcap;

	tsv_writer out, rej;
	int rejecting;

	unsigned long long nread, kept, dropped, emptied, replaced;
};

enum {
	OPT_DELIMITER = 'd', OPT_COMPLETE = CLI_OWN, OPT_KEEP_INCOMPLETE, OPT_PII,
	OPT_KEEP_PII, OPT_SCAN_ROWS, OPT_NA, OPT_INVALID_UTF8, OPT_RENAME_DUPS,
	OPT_PLATFORM,
};

static const cli_opt own[] = {
	{OPT_DELIMITER, "delimiter", 'd', "C",
	 "',' ';' or 'tab' (default: detected from the header\n"
	 "line, the most frequent of , ; TAB outside quotes;\n"
	 "LimeSurvey's API exports use ';')"},
	{OPT_PLATFORM, "platform", 0, "NAME",
	 "the survey platform: limesurvey, qualtrics, sosci,\n"
	 "google-forms or other (default: told by the header)"},
	{OPT_COMPLETE, "complete-column", 0, "NAME",
	 "a response is complete when NAME is not empty\n"
	 "(default: the platform's, below; without it, every\n"
	 "row is kept)"},
	{OPT_KEEP_INCOMPLETE, "keep-incomplete", 0, NULL, "keep incomplete responses too"},
	{OPT_PII, "pii", 0, "NAME",
	 "also remove column NAME as personal data; repeat for\n"
	 "several; shell globs match several columns"},
	{OPT_KEEP_PII, "keep-pii", 0, "NAME",
	 "keep column NAME although it is personal data, and\n"
	 "empty no value in it; repeat for several; globs\n"
	 "('*': remove no column, empty no value)"},
	{OPT_SCAN_ROWS, "scan-rows", 0, "N",
	 "rows read ahead to find e-mail columns by their\n"
	 "values (default 5000; 0: none)"},
	{OPT_NA, "na", 0, "TEXT",
	 "TEXT stands for a missing value and is written\n"
	 "empty; repeat for several (default: only an empty\n"
	 "field is missing; NA, N/A, None are data)"},
	{OPT_INVALID_UTF8, "invalid-utf8", 0, "MODE",
	 "error (default): invalid UTF-8 is a data error;\n"
	 "replace: each invalid sequence becomes U+FFFD, as\n"
	 "Python's errors='replace'"},
	{OPT_RENAME_DUPS, "rename-duplicates", 0, NULL,
	 "a column name seen before gets '.1', '.2', ...\n"
	 "appended (as pandas and R's make.unique) instead\n"
	 "of being an error"},
	{0},
};

static const cli_tool tool = {
	.name = "clean",
	.synopsis = "[OPTION]... [FILE]",
	.about = "Turn a LimeSurvey CSV export (or any CSV) into TSV: drop incomplete\n"
	         "responses and personal-data columns, check the encoding, change nothing else.\n"
	         "Reads FILE or standard input ('-'), writes TSV to standard output.",
	.epilog = "Platforms, as the summary names them: LimeSurvey (complete: submitdate not\n"
	          "empty; personal data ipaddr, refurl, token), Qualtrics (its 2nd and 3rd header\n"
	          "rows skipped; complete: Finished 1 or True; personal data IPAddress, Location*,\n"
	          "Recipient*, ExternalReference), SoSci Survey (complete: FINISHED 1; REF),\n"
	          "Google Forms (every row submitted; 'Email Address'). Also removed: any column\n"
	          "whose name says e-mail (email, e-mail, mail address) and any column where most\n"
	          "values read ahead are e-mail addresses. Any other value holding an e-mail\n"
	          "address is emptied, with a warning. CSV: RFC 4180 quoting; a BOM, CRLF line\n"
	          "ends and blank lines are accepted; a ragged row, bad quoting (also a quote\n"
	          "inside an unquoted field), a NUL byte or duplicate column names are data errors.",
	.common = CLI_REJECTS | CLI_INPUT | CLI_QUIET | CLI_OUTPUT,
	.opts = own,
};

/* ---- reading ---- */

/* Line of byte OFF of field I of the current record. */
static size_t
line_at(const csvr *in, size_t i, const char *s, size_t off)
{
	size_t line = csvr_field_line(in, i);
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + off - p))); p++)
		line++;
	return line;
}

/* Check field I of the current record (COLUMN its name for messages, NULL
 * for the header) for NUL bytes and invalid UTF-8, which is a data error
 * unless --invalid-utf8=replace. Sets *LEN; returns the field, or NULL when
 * it needs its invalid sequences replaced. */
static const char *
checked_field(struct clean *c, size_t i, const char *column, size_t *len)
{
	size_t n;
	char *s = csvr_field(c->in, i, &n);
	*len = n;
	if (n == 0)
		return s;
	char colbuf[32];
	if (!column) {
		snprintf(colbuf, sizeof colbuf, "header field %zu", i + 1);
		column = colbuf;
	}
	const char *nul = memchr(s, '\0', n);
	if (nul)
		die_at(c->name, line_at(c->in, i, s, (size_t)(nul - s)), column, NULL,
		       "NUL byte (at byte %zu of the field)", (size_t)(nul - s) + 1);
	size_t bad = csvr_utf8_check(s, n);
	if (bad == n)
		return s;
	if (!c->o->replace_utf8)
		die_at(c->name, line_at(c->in, i, s, bad), column, NULL,
		       "invalid UTF-8 (byte 0x%02X at byte %zu of the field); "
		       "--invalid-utf8=replace writes U+FFFD instead",
		       (unsigned char)s[bad], bad + 1);
	return NULL;
}

/* Read the next record into c->row, checked; 0 at the end of the input. */
static int
read_row(struct clean *c)
{
	if (!csvr_next(c->in))
		return 0;
	size_t nf = csvr_nfields(c->in), line = csvr_line(c->in);
	if (nf != c->ncols)
		die_at(c->name, line, NULL, NULL, "row has %zu field%s, header has %zu",
		       nf, nf == 1 ? "" : "s", c->ncols);
	c->row.line = line;
	size_t need = 0;
	for (size_t i = 0; i < nf; i++) {
		size_t n;
		const char *s = checked_field(c, i, c->header[i], &n);
		if (!s) {
			need += 3 * n;
			c->row.v[i] = NULL;
		} else {
			c->row.v[i] = s;
		}
		c->row.len[i] = n;
	}
	if (need) {
		c->scratch = xgrow(c->scratch, &c->scratchcap, need, 1);
		size_t o = 0;
		for (size_t i = 0; i < nf; i++) {
			if (c->row.v[i])
				continue;
			size_t n, nr;
			const char *s = csvr_field(c->in, i, &n);
			size_t w = csvr_utf8_replace(s, n, c->scratch + o, &nr);
			c->row.v[i] = c->scratch + o;
			c->row.len[i] = w;
			c->replaced += nr;
			o += w;
		}
	}
	for (size_t k = 0; k < c->o->nna; k++)
		for (size_t i = 0; i < nf; i++)
			if (c->row.len[i] == c->o->nalen[k] &&
			    memcmp(c->row.v[i], c->o->na[k], c->o->nalen[k]) == 0)
				c->row.len[i] = 0;
	return 1;
}

/* ---- the header ---- */

static char **sort_header;

static int
cmp_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int d = strcmp(sort_header[i], sort_header[j]);
	return d ? d : (i > j) - (i < j);
}

/* Index of a column named NAME (sorted lookup in IDX), or -1. */
static long
find_sorted(char **header, const size_t *idx, size_t n, const char *name)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(header[idx[mid]], name);
		if (d == 0)
			return (long)idx[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Duplicate names are a data error naming both fields, or renamed NAME.1,
 * NAME.2, ... (skipping names the header has) with --rename-duplicates. */
static void
check_duplicates(struct clean *c)
{
	size_t n = c->ncols;
	size_t *idx = xmalloc(n * sizeof *idx);
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	sort_header = c->header;
	qsort(idx, n, sizeof *idx, cmp_index);
	for (size_t k = 1; k < n; k++) {
		size_t first = idx[k - 1], dup = idx[k];
		if (strcmp(c->header[first], c->header[dup]) != 0)
			continue;
		if (!c->o->rename_dups) {
			free(idx);
			die_at(c->name, c->header_line, c->header[dup], NULL,
			       "header has this name twice (fields %zu and %zu); "
			       "--rename-duplicates renames the later one",
			       first + 1, dup + 1);
		}
	}
	if (c->o->rename_dups) {
		/* In field order: the first of equal names keeps its name. */
		unsigned char *renamed = xcalloc(n, 1);
		char **orig = xmalloc(n * sizeof *orig);
		memcpy(orig, c->header, n * sizeof *orig);
		for (size_t k = 1; k < n; k++)
			if (strcmp(c->header[idx[k - 1]], c->header[idx[k]]) == 0)
				renamed[idx[k]] = 1;
		for (size_t i = 0; i < n; i++) {
			if (!renamed[i])
				continue;
			const char *base = c->header[i];
			size_t len = strlen(base) + 24;
			char *name = xmalloc(len);
			for (unsigned long s = 1;; s++) {
				snprintf(name, len, "%s.%lu", base, s);
				int taken = find_sorted(orig, idx, n, name) >= 0;
				/* Names given by earlier renames are not in the index. */
				for (size_t j = 0; !taken && j < i; j++)
					taken = renamed[j] && strcmp(c->header[j], name) == 0;
				if (!taken)
					break;
			}
			warn_at(c->name, c->header_line, base, NULL, "field %zu renamed '%s'",
			        i + 1, name);
			c->header[i] = name;
		}
		for (size_t i = 0; i < n; i++)
			if (renamed[i])
				free(orig[i]);
		free(orig);
		free(renamed);
	}
	free(idx);
}

/* A tsv_reader holding just the header, for the shared column lookup. */
static void
header_reader(const struct clean *c, tsv_reader *r)
{
	memset(r, 0, sizeof *r);
	r->name = c->name;
	r->ncols = c->ncols;
	r->header = c->header;
}

/* ---- the platform and its header rows ---- */

/* The next row: the one a header check read and left, or a new one. */
static int
next_row(struct clean *c)
{
	if (c->pending) {
		c->pending = 0;
		return 1;
	}
	return read_row(c);
}

/* Qualtrics' legacy export names its own columns V1, V2, ... and gives their
 * names in row 2 (ResponseID, ..., Finished): they become the names. */
static int
legacy_names(struct clean *c)
{
	const struct row *r = &c->row;
	if (!platform_legacy_names(r->v, r->len, c->ncols))
		return 0;
	for (size_t i = 0; i < c->ncols; i++)
		if (platform_is_v_name(c->header[i]) && r->len[i]) {
			free(c->header[i]);
			c->header[i] = xstrndup(r->v[i], r->len[i]);
		}
	return 1;
}

/* A row after Qualtrics' header (see platform_qualtrics_row); an ImportId
 * row with another value in a column was edited: an error. */
static int
qualtrics_row(struct clean *c)
{
	const struct row *r = &c->row;
	size_t bad;
	int kind = platform_qualtrics_row(c->header, r->v, r->len, c->ncols, &bad);
	if (kind == QROW_EDITED) {
		char got[64];
		snprintf(got, sizeof got, "%.*s", (int)(r->len[bad] < 60 ? r->len[bad] : 60),
		         r->v[bad]);
		die_at(c->name, r->line, c->header[bad], got,
		       "Qualtrics' {\"ImportId\":...} header row has another value here: "
		       "were the header rows edited?");
	}
	return kind;
}

/* Qualtrics' header rows after the first: the texts, then the ImportIds. */
static void
qualtrics_rows(struct clean *c)
{
	int seen_import = 0;
	for (int k = 0; k < 2 && read_row(c); k++) {
		int kind = qualtrics_row(c);
		if (kind == QROW_RESPONSE) {
			c->pending = 1;
			return;
		}
		if (kind == QROW_TEXTS && seen_import)
			die_at(c->name, c->row.line, NULL, NULL, "Qualtrics' question texts after "
			       "its {\"ImportId\":...} row: were the header rows edited?");
		seen_import |= kind == QROW_IMPORT;
		c->header_rows++;
	}
}

/* The platform (--platform, or told by the header) and its header rows. */
static void
read_platform(struct clean *c)
{
	int forced = c->o->platform >= 0;
	c->plat = forced ? platform_get((platform_id)c->o->platform)
	                 : platform_detect(c->header, c->ncols);
	if (platform_is_legacy(c->header, c->ncols) &&
	    (!forced || c->plat->id == PLATFORM_QUALTRICS)) {
		if (!read_row(c))
			return;
		if (legacy_names(c)) {
			c->header_rows++;
			c->plat = platform_get(PLATFORM_QUALTRICS);
			return;
		}
		c->pending = 1;
		if (forced)
			die_at(c->name, c->row.line, c->header[0], NULL, "a legacy Qualtrics "
			       "export gives its columns' names in row 2, starting ResponseID");
		return;
	}
	if (c->plat->id == PLATFORM_QUALTRICS)
		qualtrics_rows(c);
}

static void
read_header(struct clean *c)
{
	if (!csvr_next(c->in))
		die_at(c->name, 0, NULL, NULL, "empty input: no header row");
	c->ncols = csvr_nfields(c->in);
	c->header_line = csvr_line(c->in);
	c->header = xmalloc(c->ncols * sizeof *c->header);
	for (size_t i = 0; i < c->ncols; i++) {
		size_t n;
		const char *s = checked_field(c, i, NULL, &n);
		if (s) {
			c->header[i] = xstrndup(s, n);
		} else {
			size_t nr, nf;
			char *raw = csvr_field(c->in, i, &nf);
			c->header[i] = xmalloc(3 * nf + 1);
			c->header[i][csvr_utf8_replace(raw, nf, c->header[i], &nr)] = '\0';
			c->replaced += nr;
		}
	}
	c->row.v = xmalloc(c->ncols * sizeof *c->row.v);
	c->row.len = xmalloc(c->ncols * sizeof *c->row.len);
	c->removed = xcalloc(c->ncols, sizeof *c->removed);
	c->keep = xcalloc(c->ncols, sizeof *c->keep);
	c->header_rows = 1;
	read_platform(c);
	check_duplicates(c);
}

/* The completion column: --complete-column (not empty), else the platform's. */
static void
find_complete(struct clean *c, tsv_reader *hr)
{
	const struct opts *o = c->o;
	c->complete = -1;
	c->rule = DONE_NONEMPTY;
	if (o->complete_col) {
		c->complete = (long)cols_require(hr, o->complete_col);
		return;
	}
	c->rule = c->plat->rule;
	for (const char *const *n = c->plat->complete; c->complete < 0 && *n; n++)
		c->complete = cols_find(hr, *n);
	if (c->complete < 0 && o->platform > PLATFORM_OTHER && c->plat->complete[0] &&
	    !o->keep_incomplete)
		die_at(c->name, c->header_line, c->plat->complete[0], NULL, "not in the header, "
		       "which a %s export has (--complete-column names another)", c->plat->name);
}

/* --keep-pii: those columns stay, and none of their values is emptied. */
static void
keep_columns(struct clean *c, tsv_reader *hr)
{
	size_t *idx, n = cols_expand(hr, c->o->keep, c->o->nkeep, &idx);
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		if (c->removed[i] == PII_OPTION) {
			free(idx);
			die_usage("column '%s': --pii and --keep-pii contradict each other",
			          c->header[i]);
		}
		c->keep[i] = c->removed[i] ? c->removed[i] : NREASONS;
		c->removed[i] = KEEP;
	}
	free(idx);
}

static void
find_columns(struct clean *c)
{
	const struct opts *o = c->o;
	tsv_reader hr;
	header_reader(c, &hr);
	find_complete(c, &hr);
	for (size_t i = 0; i < c->ncols; i++) {
		for (const char *const *n = c->plat->pii; *n; n++)
			if (strcasecmp(c->header[i], *n) == 0)
				c->removed[i] = PII_META;
		if (!c->removed[i] && email_in_name(c->header[i]))
			c->removed[i] = PII_EMAIL_NAME;
	}
	if (o->npii) {
		size_t *idx, n = cols_expand(&hr, o->pii, o->npii, &idx);
		for (size_t k = 0; k < n; k++)
			if (!c->removed[idx[k]])
				c->removed[idx[k]] = PII_OPTION;
		free(idx);
	}
	if (o->nkeep)
		keep_columns(c, &hr);
	for (size_t i = 0; i < c->ncols; i++)
		c->check_emails |= !c->keep[i];
}

/* ---- the look-ahead ---- */

/* Rows read ahead: their fields one after another in buf, lengths in len
 * (nrows * ncols), lines in line. */
struct lookahead {
	char *buf;
	size_t blen, bcap;
	uint32_t *len;		/* 32 bits: the look-ahead is most of clean's memory */
	size_t *line;
	size_t nrows, rowcap, lencap;
};

static void
la_add(struct lookahead *la, const struct row *r, size_t ncols)
{
	size_t bytes = 0;
	for (size_t i = 0; i < ncols; i++)
		bytes += r->len[i];
	la->buf = xgrow(la->buf, &la->bcap, la->blen + bytes + 1, 1);
	la->len = xgrow(la->len, &la->lencap, (la->nrows + 1) * ncols, sizeof *la->len);
	la->line = xgrow(la->line, &la->rowcap, la->nrows + 1, sizeof *la->line);
	size_t base = la->nrows * ncols;
	for (size_t i = 0; i < ncols; i++) {
		if (r->len[i])
			memcpy(la->buf + la->blen, r->v[i], r->len[i]);
		if (r->len[i] > UINT32_MAX)
			die("line %zu: a field longer than 4 GiB", r->line);
		la->len[base + i] = (uint32_t)r->len[i];
		la->blen += r->len[i];
	}
	la->line[la->nrows++] = r->line;
}

/* Columns where most non-empty values read ahead are e-mail addresses. */
static void
find_email_columns(struct clean *c, const struct lookahead *la)
{
	size_t *nonempty = xcalloc(c->ncols, sizeof *nonempty);
	size_t *emails = xcalloc(c->ncols, sizeof *emails);
	const char *p = la->buf;
	for (size_t k = 0; k < la->nrows; k++) {
		for (size_t i = 0; i < c->ncols; i++) {
			size_t n = la->len[k * c->ncols + i];
			if (n && !c->removed[i] && !c->keep[i]) {
				nonempty[i]++;
				emails[i] += email_is_address(p, n);
			}
			p += n;
		}
	}
	for (size_t i = 0; i < c->ncols; i++)
		if (emails[i] > 0 && 2 * emails[i] > nonempty[i])
			c->removed[i] = PII_EMAIL_VALUES;
	free(nonempty);
	free(emails);
}

/* ---- writing ---- */

static void
write_header(struct clean *c, tsv_writer *w, int reason)
{
	for (size_t i = 0; i < c->ncols; i++)
		if (!c->removed[i])
			tsvw_str(w, c->header[i]);
	if (reason)
		tsvw_str(w, "reason");
	tsvw_end(w);
}

/* Is R an incomplete response, by the completion column and its rule? */
static int
incomplete(const struct clean *c, const struct row *r)
{
	if (c->complete < 0 || c->o->keep_incomplete)
		return 0;
	const char *v = r->v[c->complete];
	size_t n = r->len[c->complete];
	if (c->rule == DONE_NONEMPTY)
		return n == 0;
	int done = platform_flag(v, n);
	if (done < 0) {
		char got[64];
		snprintf(got, sizeof got, "%.*s", (int)(n < 60 ? n : 60), v);
		die_at(c->name, r->line, c->header[c->complete], got, "not 1 or True (a "
		       "finished response) nor 0, False or empty (an unfinished one)");
	}
	return !done;
}

static void
emit(struct clean *c, const struct row *r)
{
	c->nread++;
	int drop = incomplete(c, r);
	tsv_writer *w = drop ? &c->rej : &c->out;
	if (drop) {
		c->dropped++;
		if (!c->rejecting)
			return;
	} else {
		c->kept++;
	}
	for (size_t i = 0; i < c->ncols; i++) {
		if (c->removed[i])
			continue;
		if (!c->keep[i] && r->len[i] && email_in_text(r->v[i], r->len[i])) {
			if (c->emptied++ < WARN_EMAILS_SHOWN)
				warn_at(c->name, r->line, c->header[i], NULL,
				        "value with an e-mail address removed (written empty); "
				        "--pii '%s' removes the column", c->header[i]);
			else if (c->emptied == WARN_EMAILS_SHOWN + 1)
				warn("further e-mail addresses are removed without a warning each");
			tsvw_strn(w, "", 0);
			continue;
		}
		tsvw_strn(w, r->v[i], r->len[i]);
	}
	if (drop)
		tsvw_str(w, "incomplete");
	tsvw_end(w);
}

/* ---- the summary ---- */

static void
summarize(const struct clean *c)
{
	size_t cap = 256, len = 0;
	char *s = xmalloc(cap);
	if (c->plat->id != PLATFORM_OTHER && c->header_rows > 1)
		len = (size_t)snprintf(s, cap, "%s export (%zu header rows): ", c->plat->name,
		                       c->header_rows);
	else if (c->plat->id != PLATFORM_OTHER)
		len = (size_t)snprintf(s, cap, "%s export: ", c->plat->name);
	len += (size_t)snprintf(s + len, cap - len, "read %llu row%s, kept %llu, dropped %llu",
	                        c->nread, c->nread == 1 ? "" : "s", c->kept, c->dropped);
	char more[160];
	if (c->complete < 0 && c->rule == DONE_ALL)
		snprintf(more, sizeof more, " (%s records submitted responses only: "
		         "every row kept)", c->plat->name);
	else if (c->complete < 0)
		snprintf(more, sizeof more, " (no %s column and no --complete-column: "
		         "every row kept)", c->plat->complete[0]);
	else if (c->o->keep_incomplete)
		snprintf(more, sizeof more, " (--keep-incomplete)");
	else
		snprintf(more, sizeof more, " (incomplete: '%s' %s)", c->header[c->complete],
		         c->rule == DONE_TRUE ? "not 1 or True" : "empty");
	s = xgrow(s, &cap, len + strlen(more) + 1, 1);
	len += (size_t)sprintf(s + len, "%s", more);

	size_t shown = 0, nremoved = 0;
	for (size_t i = 0; i < c->ncols; i++)
		nremoved += c->removed[i] != KEEP;
	if (nremoved) {
		s = xgrow(s, &cap, len + 80, 1);
		len += (size_t)sprintf(s + len, "; removed %zu of %zu columns:", nremoved,
		                       c->ncols);
	}
	for (int why = 1; why < NREASONS; why++) {
		size_t inwhy = 0;
		for (size_t i = 0; i < c->ncols && shown < REMOVED_SHOWN; i++) {
			if (c->removed[i] != (enum removal)why)
				continue;
			const char *sep = shown ? ", " : " ";
			s = xgrow(s, &cap, len + strlen(sep) + strlen(c->header[i]) + 3, 1);
			len += (size_t)sprintf(s + len, "%s'%s'", sep, c->header[i]);
			shown++;
			inwhy++;
		}
		if (inwhy) {
			s = xgrow(s, &cap, len + strlen(removal_why[why]) + 4, 1);
			len += (size_t)sprintf(s + len, " (%s)", removal_why[why]);
		}
	}
	if (nremoved > shown) {
		s = xgrow(s, &cap, len + 40, 1);
		len += (size_t)sprintf(s + len, " and %zu more", nremoved - shown);
	}
	for (size_t i = 0, n = 0; i < c->ncols; i++)
		if (c->keep[i] && c->keep[i] != NREASONS) {
			s = xgrow(s, &cap, len + strlen(c->header[i]) + 40, 1);
			len += (size_t)sprintf(s + len, "%s'%s'", n++ ? ", " : "; kept by --keep-pii: ",
			                       c->header[i]);
		}
	if (c->emptied) {
		s = xgrow(s, &cap, len + 60, 1);
		len += (size_t)sprintf(s + len, "; emptied %llu value%s with an e-mail address",
		                       c->emptied, c->emptied == 1 ? "" : "s");
	}
	if (c->replaced) {
		s = xgrow(s, &cap, len + 80, 1);
		len += (size_t)sprintf(s + len, "; replaced %llu invalid UTF-8 sequence%s",
		                       c->replaced, c->replaced == 1 ? "" : "s");
	}
	warn("%s", s);
	free(s);
}

static void
free_opts(struct opts *o)
{
	free(o->pii);
	free(o->keep);
	free(o->na);
	free(o->nalen);
}

/* A repeatable option's value appended to *V (*N of them). */
static void
append(char ***v, size_t *n, const char *value)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (char *)value;
}

static void
on_option(void *ctx, int id, const char *arg)
{
	static const char *const utf8_modes[] = {"error", "replace", NULL};
	struct opts *o = ctx;
	switch (id) {
	case OPT_DELIMITER: o->delim = opt_delimiter(arg, "--delimiter"); break;
	case OPT_COMPLETE: o->complete_col = arg; break;
	case OPT_KEEP_INCOMPLETE: o->keep_incomplete = 1; break;
	case OPT_PII: append(&o->pii, &o->npii, arg); break;
	case OPT_KEEP_PII: append(&o->keep, &o->nkeep, arg); break;
	case OPT_PLATFORM: o->platform = opt_word(arg, platform_words, "--platform"); break;
	case OPT_SCAN_ROWS: o->scan_rows = opt_long(arg, 0, LONG_MAX, "--scan-rows"); break;
	case OPT_NA:
		o->nalen = xrealloc(o->nalen, (o->nna + 1) * sizeof *o->nalen);
		o->nalen[o->nna] = strlen(arg);
		append(&o->na, &o->nna, arg);
		break;
	case OPT_INVALID_UTF8: o->replace_utf8 = opt_word(arg, utf8_modes, "--invalid-utf8"); break;
	case OPT_RENAME_DUPS: o->rename_dups = 1; break;
	}
}

/* The rows read ahead (for e-mail columns), then the rest, to the output
 * or the rejects. */
static void
stream(struct clean *c, struct lookahead *la, int more)
{
	tsvw_init(&c->out, stdout, "<stdout>");
	write_header(c, &c->out, 0);
	if (c->o->rejects) {
		tsvw_open(&c->rej, c->o->rejects);
		c->rejecting = 1;
		write_header(c, &c->rej, 1);
	}
	const char *p = la->buf;
	for (size_t k = 0; k < la->nrows; k++) {
		for (size_t i = 0; i < c->ncols; i++) {
			c->row.v[i] = p;
			c->row.len[i] = la->len[k * c->ncols + i];
			p += c->row.len[i];
		}
		c->row.line = la->line[k];
		emit(c, &c->row);
	}
	while (more && next_row(c))
		emit(c, &c->row);
	if (c->rejecting)
		tsvw_close(&c->rej);
}

int
main(int argc, char **argv)
{
	struct opts o = {.scan_rows = 5000, .platform = -1};
	cli cl;
	cli_parse(&cl, &tool, argc, argv, on_option, &o);
	o.rejects = cl.rejects;
	o.quiet = cl.quiet;

	struct clean c = {.o = &o};
	FILE *fp = cli_input(&cl);
	c.name = cl.in_name;
	c.in = csvr_open(fp, c.name, o.delim);
	read_header(&c);
	find_columns(&c);

	struct lookahead la = {0};
	int more = 1;
	if (c.check_emails) {
		while (la.nrows < (size_t)o.scan_rows && (more = next_row(&c)))
			la_add(&la, &c.row, c.ncols);
		find_email_columns(&c, &la);
	}
	for (size_t i = 0; i < c.ncols; i++)
		c.nout += !c.removed[i];
	if (c.nout == 0)
		die_usage("every column is personal data: nothing left to write "
		          "(see --keep-pii)");
	stream(&c, &la, more);

	/* the summary before stdout is closed (in a pipeline, the next tool
	 * cannot finish, and speak, before this one has), after it is known
	 * written */
	out_flush();
	if (!o.quiet)
		summarize(&c);
	close_stdout();

	csvr_close(c.in);
	cli_free(&cl);
	for (size_t i = 0; i < c.ncols; i++)
		free(c.header[i]);
	free(c.header);
	free(c.removed);
	free(c.keep);
	free(c.row.v);
	free(c.row.len);
	free(c.scratch);
	free(la.buf);
	free(la.len);
	free(la.line);
	free_opts(&o);
	return 0;
}
