/* Survey platforms: see platform.h. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "platform.h"
#include "tsv.h"

static const char *const limesurvey_pii[] = {
	"ipaddr", "IP address", "refurl", "Referrer URL", "token", "Access code", NULL,
};
static const char *const limesurvey_done[] = {"submitdate", "Date submitted", NULL};
static const char *const qualtrics_pii[] = {
	"IPAddress", "LocationLatitude", "LocationLongitude", "RecipientLastName",
	"RecipientFirstName", "RecipientEmail", "ExternalReference",
	/* the legacy export's */
	"Name", "EmailAddress", "ExternalDataReference", NULL,
};
static const char *const qualtrics_done[] = {"Finished", NULL};
static const char *const sosci_pii[] = {"REF", NULL};
static const char *const sosci_done[] = {"FINISHED", NULL};
static const char *const sosci_ids[] = {"SERIAL", NULL};
static const char *const gforms_pii[] = {"Email Address", NULL};
static const char *const none[] = {NULL};

static const platform platforms[] = {
	{PLATFORM_OTHER, "other", "other", limesurvey_pii, limesurvey_done, none,
	 DONE_NONEMPTY},
	{PLATFORM_LIMESURVEY, "limesurvey", "LimeSurvey", limesurvey_pii, limesurvey_done,
	 none, DONE_NONEMPTY},
	{PLATFORM_QUALTRICS, "qualtrics", "Qualtrics", qualtrics_pii, qualtrics_done, none,
	 DONE_TRUE},
	{PLATFORM_SOSCI, "sosci", "SoSci Survey", sosci_pii, sosci_done, sosci_ids, DONE_TRUE},
	{PLATFORM_GFORMS, "google-forms", "Google Forms", gforms_pii, none, none, DONE_ALL},
};

const char *const platform_words[] = {
	"other", "limesurvey", "qualtrics", "sosci", "google-forms", NULL,
};

const platform *
platform_get(platform_id id)
{
	return &platforms[id];
}

static long
column_of(char *const *header, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return (long)i;
	return -1;
}

static int
has(char *const *header, size_t n, const char *name)
{
	return column_of(header, n, name) >= 0;
}

int
platform_is_legacy(char *const *header, size_t n)
{
	return n >= 2 && strcmp(header[0], "V1") == 0 && strcmp(header[1], "V2") == 0;
}

const platform *
platform_detect(char *const *header, size_t n)
{
	platform_id id = PLATFORM_OTHER;
	if (has(header, n, "ResponseId") && has(header, n, "Finished"))
		id = PLATFORM_QUALTRICS;
	else if (has(header, n, "CASE") && has(header, n, "QUESTNNR") &&
	         (has(header, n, "STARTED") || has(header, n, "FINISHED")))
		id = PLATFORM_SOSCI;
	else if (n > 0 && strcmp(header[0], "Timestamp") == 0)
		id = PLATFORM_GFORMS;
	else if ((has(header, n, "submitdate") &&
	          (has(header, n, "lastpage") || has(header, n, "startlanguage"))) ||
	         (has(header, n, "Date submitted") &&
	          (has(header, n, "Last page") || has(header, n, "Start language"))))
		id = PLATFORM_LIMESURVEY;
	return &platforms[id];
}

int
platform_flag(const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '0') || (n == 5 && strncasecmp(s, "false", 5) == 0))
		return 0;
	if ((n == 1 && s[0] == '1') || (n == 4 && strncasecmp(s, "true", 4) == 0))
		return 1;
	return -1;
}

int
platform_done(const char *file, size_t line, const char *column, const char *s, size_t n)
{
	int done = platform_flag(s, n);
	if (done < 0) {
		char got[64];
		snprintf(got, sizeof got, "%.*s", (int)(n < 60 ? n : 60), s);
		die_at(file, line, column, got, "not 1 or True (a finished response) nor "
		       "0, False or empty (an unfinished one)");
	}
	return done;
}

/* Qualtrics' Status, as text or as its code (its SPSS export's value labels),
 * and what a row with it is: a response (NULL) or why it is none. */
static const struct {
	const char *text, *code, *why;
} qualtrics_status[] = {
	{"IP Address", "0", NULL}, {"Survey Preview", "1", "preview"},
	{"Survey Test", "2", "test"}, {"Imported", "4", NULL}, {"Spam", "8", "spam"},
	{"Survey Preview Spam", "9", "spam"}, {"Imported Spam", "12", "spam"},
	{"Offline", "16", NULL}, {"Offline Survey Preview", "17", "preview"},
	{"EX", "32", NULL}, {"EX Spam", "40", "spam"}, {"EX Offline", "48", NULL},
};
enum { UNKNOWN_STATUS_SHOWN = 5 };

void
platform_screen_init(platform_screen *s, const platform *p, const char *file,
                     char *const *header, size_t n, long complete, done_rule rule,
                     int keep_previews)
{
	s->file = file;
	s->header = header;
	s->complete = complete;
	s->rule = rule;
	s->unknown = 0;
	int q = p->id == PLATFORM_QUALTRICS && !keep_previews;
	s->status = q ? column_of(header, n, "Status") : -1;
	s->channel = q ? column_of(header, n, "DistributionChannel") : -1;
	s->mode = p->id == PLATFORM_SOSCI && !keep_previews ? column_of(header, n, "MODE") : -1;
}

static int
equals(const char *v, size_t len, const char *s)
{
	return len == strlen(s) && memcmp(v, s, len) == 0;
}

/* Why Qualtrics' Status V (LEN bytes) is no response; NULL: a response, or
 * a value not known (warned). */
static const char *
status_why(platform_screen *s, const char *v, size_t len, size_t line)
{
	if (len == 0)
		return NULL;
	for (size_t i = 0; i < sizeof qualtrics_status / sizeof *qualtrics_status; i++)
		if (equals(v, len, qualtrics_status[i].text) ||
		    equals(v, len, qualtrics_status[i].code))
			return qualtrics_status[i].why;
	if (s->unknown++ < UNKNOWN_STATUS_SHOWN) {
		char got[64];
		snprintf(got, sizeof got, "%.*s", (int)(len < 60 ? len : 60), v);
		warn_at(s->file, line, s->header[s->status], got, "not a Status Qualtrics "
		        "writes (IP Address, Survey Preview, Survey Test, Imported, Spam, ...): "
		        "the row is kept");
	}
	return NULL;
}

const char *
platform_screen_row(platform_screen *s, const char *const *v, const size_t *len,
                    size_t line)
{
	const char *why = s->status >= 0 ? status_why(s, v[s->status], len[s->status], line)
	                                 : NULL;
	if (!why && s->channel >= 0 && equals(v[s->channel], len[s->channel], "preview"))
		why = "preview";
	if (!why && s->channel >= 0 && equals(v[s->channel], len[s->channel], "test"))
		why = "test";
	/* SoSci Survey: a pretest of the questionnaire ("pretest", as MODE
	 * says how the interview was started) */
	if (!why && s->mode >= 0 && len[s->mode] >= 7 && memcmp(v[s->mode], "pretest", 7) == 0)
		why = "pretest";
	if (why || s->complete < 0)
		return why;
	const char *c = v[s->complete];
	size_t n = len[s->complete];
	if (s->rule == DONE_NONEMPTY)
		return n == 0 ? "incomplete" : NULL;
	return platform_done(s->file, line, s->header[s->complete], c, n) ? NULL
	                                                                  : "incomplete";
}

static int
is_v_name(const char *name)
{
	return name[0] == 'V' && name[1] && strspn(name + 1, "0123456789") == strlen(name + 1);
}

static int
field_is(const char *const *v, const size_t *len, long i, const char *s)
{
	return i >= 0 && len[i] == strlen(s) && memcmp(v[i], s, len[i]) == 0;
}

int
platform_legacy_rename(char **header, const char *const *v, const size_t *len, size_t n,
                       char **texts)
{
	if (n == 0 || !field_is(v, len, 0, "ResponseID"))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (texts)
			texts[i] = is_v_name(header[i]) ? NULL : xstrndup(v[i], len[i]);
		if (is_v_name(header[i]) && len[i]) {
			free(header[i]);
			header[i] = xstrndup(v[i], len[i]);
		}
	}
	return 1;
}

/* held where a leak checker finds them when a data error ends the program
 * (the caller frees them otherwise) */
static char **held_texts;
static FILE *held_stream;

char **
platform_texts(const char *const *v, const size_t *len, size_t n)
{
	char **t = held_texts = xmalloc((n ? n : 1) * sizeof *t);
	for (size_t i = 0; i < n; i++)
		t[i] = xstrndup(v[i], len[i]);
	return t;
}

size_t
platform_write_labels(const char *path, char *const *header, char *const *texts,
                      const unsigned char *keep, size_t n)
{
	tsv_writer w;
	size_t written = 0;
	tsvw_open(&w, path);
	tsvw_str(&w, "column");
	tsvw_str(&w, "label");
	tsvw_end(&w);
	for (size_t i = 0; texts && i < n; i++) {
		if (!keep[i] || !texts[i] || !*texts[i])
			continue;
		tsvw_str(&w, header[i]);
		tsvw_str(&w, texts[i]);
		tsvw_end(&w);
		written++;
	}
	tsvw_close(&w);
	return written;
}

int
platform_is_id(const platform *p, const char *name)
{
	for (const char *const *id = p->ids; *id; id++)
		if (strcmp(*id, name) == 0)
			return 1;
	return 0;
}

/* ---- UTF-16 (Qualtrics' TSV export) ---- */

static char *
read_rest(FILE *fp, const char *name, const char *head, size_t nhead, size_t *n)
{
	size_t cap = nhead + 65536, got;
	char *buf = xmalloc(cap);
	memcpy(buf, head, nhead);
	*n = nhead;
	do {
		buf = xgrow(buf, &cap, *n + 65536, 1);
		got = fread(buf + *n, 1, cap - *n, fp);
		*n += got;
	} while (got > 0);
	if (ferror(fp)) {
		free(buf);
		die("%s: read error", name);
	}
	return buf;
}

static size_t
lines_in(const char *s, size_t n)
{
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

/* IN (N bytes of UTF-16 with its BOM) as UTF-8; *OUTN set. */
static char *
from_utf16(char *in, size_t n, const char *name, size_t *outn)
{
	iconv_t cd = iconv_open("UTF-8", "UTF-16");
	if (cd == (iconv_t)-1)
		die_errno("iconv_open UTF-16");
	size_t cap = n + n / 2 + 16, left = n, room = cap;
	char *out = xmalloc(cap), *ip = in, *op = out;
	while (left > 0) {
		if (iconv(cd, &ip, &left, &op, &room) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - out);
			cap *= 2;
			out = xrealloc(out, cap);
			op = out + used;
			room = cap - used;
			continue;
		}
		size_t line = lines_in(out, (size_t)(op - out)), at = (size_t)(ip - in);
		int cut = errno == EINVAL;
		iconv_close(cd);
		free(out);
		free(in);
		die_at(name, line, NULL, NULL, "malformed UTF-16 at byte %zu: %s", at,
		       cut ? "the file ends inside a character (truncated?)"
		           : "not a UTF-16 character (a lone surrogate)");
	}
	iconv_close(cd);
	*outn = (size_t)(op - out);
	return out;
}

FILE *
platform_utf8_input(FILE *fp, const char *name)
{
	int c1 = getc(fp);
	if (c1 != 0xff && c1 != 0xfe) {
		if (c1 != EOF)
			ungetc(c1, fp);
		return fp;
	}
	/* 0xff and 0xfe are never UTF-8: read whole, the bytes kept */
	int c2 = getc(fp);
	char head[2] = {(char)c1, (char)c2};
	size_t n, outn;
	char *buf = read_rest(fp, name, head, c2 == EOF ? 1 : 2, &n);
	int bom = (c1 == 0xff && c2 == 0xfe) || (c1 == 0xfe && c2 == 0xff);
	char *text = bom ? from_utf16(buf, n, name, &outn) : buf;
	if (bom)
		free(buf);
	else
		outn = n;
	/* a stream that owns its buffer: freed when it is closed */
	/* one byte more: "w+" writes a NUL after the data */
	FILE *mem = held_stream = fmemopen(NULL, outn + 1, "w+");
	if (!mem)
		die_errno("fmemopen");
	if (fwrite(text, 1, outn, mem) != outn || fseek(mem, 0, SEEK_SET) != 0)
		die_errno("%s: converting", name);
	free(text);
	return mem;
}

static long
index_of(char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (long)i;
	return -1;
}

int
platform_qualtrics_row(const char *file, size_t line, char *const *names,
                       const char *const *v, const size_t *len, size_t n)
{
	static const char import[] = "{\"ImportId\":";
	size_t nimport = 0, other = n;
	for (size_t i = 0; i < n; i++) {
		if (len[i] >= sizeof import - 1 && memcmp(v[i], import, sizeof import - 1) == 0)
			nimport++;
		else if (len[i] && other == n)
			other = i;
	}
	if (nimport && other < n) {
		char got[64];
		snprintf(got, sizeof got, "%.*s", (int)(len[other] < 60 ? len[other] : 60),
		         v[other]);
		die_at(file, line, names[other], got, "Qualtrics' {\"ImportId\":...} header "
		       "row has another value here: were the header rows edited?");
	}
	if (nimport)
		return QROW_IMPORT;
	if (field_is(v, len, index_of(names, n, "ResponseId"), "Response ID") ||
	    field_is(v, len, index_of(names, n, "Finished"), "Finished"))
		return QROW_TEXTS;
	return QROW_RESPONSE;
}

/* Qualtrics' header rows after the first: the texts, then the ImportIds. */
static void
qualtrics_rows(platform_rows *p, const char *file, char **header, size_t n,
               const char **v, const size_t *len, const size_t *line,
               int (*next)(void *), void *ctx)
{
	int seen_import = 0;
	for (int k = 0; k < 2 && next(ctx); k++) {
		int kind = platform_qualtrics_row(file, *line, header, v, len, n);
		if (kind == QROW_RESPONSE) {
			p->pending = 1;
			return;
		}
		if (kind == QROW_TEXTS && (seen_import || p->texts))
			die_at(file, *line, NULL, NULL, "Qualtrics' question texts after its %s "
			       "row: were the header rows edited?",
			       p->texts ? "question texts" : "{\"ImportId\":...}");
		if (kind == QROW_TEXTS)
			p->texts = platform_texts(v, len, n);
		seen_import |= kind == QROW_IMPORT;
		p->header_rows++;
	}
}

void
platform_header_rows(platform_rows *p, int forced, const char *file, char **header,
                     size_t n, const char **v, const size_t *len, const size_t *line,
                     int (*next)(void *), void *ctx)
{
	*p = (platform_rows){.header_rows = 1};
	p->plat = forced >= 0 ? platform_get((platform_id)forced) : platform_detect(header, n);
	if (platform_is_legacy(header, n) && (forced < 0 || p->plat->id == PLATFORM_QUALTRICS)) {
		if (!next(ctx))
			return;
		char **t = held_texts = xcalloc(n ? n : 1, sizeof *t);
		if (platform_legacy_rename(header, v, len, n, t)) {
			p->texts = t;
			p->header_rows++;
			p->plat = platform_get(PLATFORM_QUALTRICS);
			return;
		}
		free(t);
		p->pending = 1;
		if (forced >= 0)
			die_at(file, *line, header[0], NULL, "a legacy Qualtrics export gives its "
			       "columns' names in row 2, starting ResponseID");
		return;
	}
	if (p->plat->id == PLATFORM_QUALTRICS)
		qualtrics_rows(p, file, header, n, v, len, line, next, ctx);
}
