#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bitpos.h"
#include "err.h"

enum { CHUNK = 1 << 16 };

struct csvr_field {
	size_t off, len, line;
	int in_input;		/* off is into in[] (the fast path), not buf */
};

struct csvr_record {
	size_t first, n, line;
	int plain;		/* its line is valid UTF-8 without NUL */
};

struct csvr {
	FILE *fp;
	const char *name;
	struct csv_parser p;
	int delim;
	int eof;

	/* Input: in[inpos..inlen) not yet parsed. */
	char *in;
	size_t incap, inlen, inpos;
	size_t line;		/* physical line of the bytes being parsed */

	/* Parsed fields: bytes in buf (each NUL-terminated), described by fld;
	 * complete records in rec[rhead..nrec); fields from fld[partial] on
	 * belong to the record being parsed. */
	char *buf;
	size_t blen, bcap;
	struct csvr_field *fld;
	size_t nfld, fldcap, partial;
	struct csvr_record *rec;
	size_t nrec, reccap, rhead;

	int between;		/* no record begun since the last one ended */
	size_t rec_line;	/* line where the record being parsed starts */
	size_t fld_line;	/* line where the field being parsed starts */

	struct csvr_record cur;	/* the record handed out */

	uint32_t *quote;	/* where a line's quotes are (split_quoted) */
	size_t quotecap;

	size_t max_field;	/* the longest field accepted (SVY_MAX_FIELD) */
	int slow;		/* every line through libcsv (SVY_CSV_SLOW, for tests) */
	char *first;		/* the first line, to try other delimiters on */
	size_t firstlen;
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
begin_if_between(csvr *r)
{
	/* Only after a lone CR inside a line does a record begin mid-segment. */
	if (r->between) {
		r->between = 0;
		r->rec_line = r->fld_line = r->line;
	}
}

static void
on_field(void *s, size_t len, void *data)
{
	csvr *r = data;
	begin_if_between(r);
	if (r->blen + len + 1 > r->bcap)
		r->buf = xgrow(r->buf, &r->bcap, r->blen + len + 1, 1);
	if (len)
		memcpy(r->buf + r->blen, s, len);
	r->buf[r->blen + len] = '\0';
	if (r->nfld == r->fldcap)
		r->fld = xgrow(r->fld, &r->fldcap, r->nfld + 1, sizeof *r->fld);
	r->fld[r->nfld++] = (struct csvr_field){r->blen, len, r->fld_line, 0};
	r->blen += len + 1;
	/* The next field starts after this delimiter, on this line (or, after
	 * a record end, where the next record starts). */
	r->fld_line = r->line;
}

static void
on_record(int term, void *data)
{
	csvr *r = data;
	(void)term;
	begin_if_between(r);
	r->rec = xgrow(r->rec, &r->reccap, r->nrec + 1, sizeof *r->rec);
	r->rec[r->nrec++] = (struct csvr_record){r->partial, r->nfld - r->partial,
	                                         r->rec_line, 0};
	r->partial = r->nfld;
	r->between = 1;
}

/* Read more input into in[] (appending); 0 at the end of the input. */
static int
fill(csvr *r)
{
	if (r->eof)
		return 0;
	/* the unparsed rest (a line cut by the chunk end) to the front */
	if (r->inpos > 0) {
		memmove(r->in, r->in + r->inpos, r->inlen - r->inpos);
		r->inlen -= r->inpos;
		r->inpos = 0;
	}
	r->in = xgrow(r->in, &r->incap, r->inlen + CHUNK, 1);
	size_t n = fread(r->in + r->inlen, 1, r->incap - r->inlen, r->fp);
	if (n == 0) {
		if (ferror(r->fp))
			die_errno("%s: read error", r->name);
		r->eof = 1;
		return 0;
	}
	r->inlen += n;
	return 1;
}

static int
detect_delim(const char *s, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0, i = 0;
	int quoted = 0;
	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;	/* blank lines before the header */
	for (; i < len && (quoted || s[i] != '\n'); i++) {
		switch (s[i]) {
		case '"': quoted = !quoted; break;
		case ',': comma += !quoted; break;
		case ';': semi += !quoted; break;
		case '\t': tab += !quoted; break;
		}
	}
	if (tab > comma && tab > semi)
		return '\t';
	if (semi > comma)
		return ';';
	return ',';
}

/* Does S hold a whole non-blank line? */
static int
header_line_read(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	return memchr(s + i, '\n', len - i) != NULL;
}

static const char *
delim_name(int d)
{
	return d == '\t' ? "tab" : d == ';' ? ";" : ",";
}

static void
count_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	++*(size_t *)data;
}

static void
end_record(int term, void *data)
{
	(void)term;
	(void)data;
}

/* Does S parse as CSV with delimiter D into two fields or more? */
static int
parses_with(const char *s, size_t len, int d)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return 0;
	csv_set_delim(&p, (unsigned char)d);
	csv_set_space_func(&p, no_space);
	size_t n = 0;
	int ok = csv_parse(&p, s, len, count_field, end_record, &n) == len &&
	         csv_fini(&p, count_field, end_record, &n) == 0;
	csv_free(&p);
	return ok && n >= 2;
}

/* The delimiter other than R's with which the first line and LINE (N bytes)
 * parse, or 0. */
static int
other_delim(const csvr *r, const char *line, size_t n)
{
	static const int cand[] = {';', ',', '\t'};
	for (size_t k = 0; k < sizeof cand / sizeof *cand; k++) {
		if (cand[k] == r->delim)
			continue;
		if (r->first && !parses_with(r->first, r->firstlen, cand[k]))
			continue;
		if (line && !parses_with(line, n, cand[k]))
			continue;
		return cand[k];
	}
	return 0;
}

/* Malformed quoting at R's line; LINE (N bytes) is that line when known. */
static noreturn void
parse_error_in(csvr *r, const char *line, size_t n)
{
	int d = other_delim(r, line, n);
	char hint[80] = "";
	if (d)
		snprintf(hint, sizeof hint, "; with delimiter '%s' it parses "
		         "(-d '%s')", delim_name(d), delim_name(d));
	die_at(r->name, r->line, NULL, NULL,
	       "malformed CSV quoting: a quote inside an unquoted field, or "
	       "text after a closing quote (delimiter '%s')%s",
	       r->delim == '\t' ? "\\t" : (char[]){(char)r->delim, 0}, hint);
}

static noreturn void
parse_error(csvr *r)
{
	parse_error_in(r, NULL, 0);
}

/* A field past the cap: a named error, not gigabytes of memory. */
static noreturn void
field_too_long(const csvr *r)
{
	die_at(r->name, r->fld_line, NULL, NULL, "a field longer than %zu bytes "
	       "(SVY_MAX_FIELD=BYTES raises the limit)", r->max_field);
}

#if defined(__SSE2__)
/* The quotes of S[0..END), 16 bytes a step, into r->quote (their offsets);
 * returns how many, or -1 when S holds a CR or NUL (split_line's and
 * libcsv's to name). *HIGH: whether some byte is not ASCII. */
static long
find_quotes(csvr *r, const char *s, size_t end, int *high)
{
	if (r->quotecap < end + 16)
		r->quote = xgrow(r->quote, &r->quotecap, end + 16, sizeof *r->quote);
	uint32_t *q = r->quote;
	size_t nq = 0, i = 0;
	unsigned bad = 0, hi = 0;
	for (; i + 16 <= end; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
		bad |= (unsigned)_mm_movemask_epi8(_mm_or_si128(
		        _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_setzero_si128())));
		hi |= (unsigned)_mm_movemask_epi8(v);
		nq += bitpos_put16(q + nq, m, (uint32_t)i);
	}
	for (; i < end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"')
			q[nq++] = (uint32_t)i;
		bad |= c == '\r' || c == '\0';
		hi |= c >= 0x80;
	}
	*high = hi != 0;
	return bad ? -1 : (long)nq;
}

/* The fastest path, for the common export (LimeSurvey's): every field
 * quoted, no quote inside one. Then the fields are the pairs of quotes,
 * each pair after the last one's closing quote and a delimiter, and the
 * line is split without a loop per byte. Returns 0, with nothing changed,
 * when the line is not such a line (split_line then takes it). */
static int
split_quoted(csvr *r, char *s, size_t end)
{
	int high;
	/* (a longer line, rare, is not worth a buffer of its quotes) */
	long nq = end > CHUNK ? -1 : find_quotes(r, s, end, &high);
	const uint32_t *q = r->quote;
	if (nq < 2 || nq % 2 || q[0] != 0 || q[nq - 1] != end - 1)
		return 0;
	size_t nf = (size_t)nq / 2, first = r->nfld, base = (size_t)(s - r->in);
	if (r->nfld + nf > r->fldcap)
		r->fld = xgrow(r->fld, &r->fldcap, r->nfld + nf, sizeof *r->fld);
	struct csvr_field *f = r->fld + first;
	const char d = (char)r->delim;
	for (size_t k = 0; k < nf; k++) {
		size_t open = q[2 * k], close = q[2 * k + 1];
		if ((k > 0 && (open != q[2 * k - 1] + 2 || s[open - 1] != d)) ||
		    close - open - 1 > r->max_field)
			return 0;
		f[k] = (struct csvr_field){base + open + 1, close - open - 1, r->line, 1};
	}
	for (size_t k = 0; k < nf; k++)
		s[q[2 * k + 1]] = '\0';
	int plain = !high || csvr_utf8_check(s, end) == end;
	r->nfld += nf;
	r->rec = xgrow(r->rec, &r->reccap, r->nrec + 1, sizeof *r->rec);
	r->rec[r->nrec++] = (struct csvr_record){first, nf, r->line, plain};
	r->partial = r->nfld;
	return 1;
}
#endif

/* The fast path: split the whole line S (N bytes, ending in LF) into a
 * record when no field needs libcsv: unquoted fields without a quote, quoted
 * fields without a quote or line end inside, no lone CR. The fields stay in
 * in[], NUL-terminated over their delimiter, closing quote or line end.
 * Returns 0, with nothing changed, when the line needs libcsv (which also
 * names any error). */
static int
split_line(csvr *r, char *s, size_t n)
{
	size_t end = n - 1, first = r->nfld, i = 0;
	if (end > 0 && s[end - 1] == '\r')
		end--;
#if defined(__SSE2__)
	if (end > 0 && s[0] == '"' && split_quoted(r, s, end))
		return 1;
#endif
	if (memchr(s, '\r', end))
		return 0;	/* a lone CR ends a record inside the line */
	if (end == 0)
		return 1;	/* a blank line is no record */
	const char d = (char)r->delim;
	for (;;) {
		size_t start, len;
		if (s[i] == '"') {
			/* a loop, not memchr: most fields are a few bytes */
			start = ++i;
			while (i < end && s[i] != '"')
				i++;
			if (i == end)
				goto slow;	/* a line end inside quotes */
			len = i++ - start;
			if (i < end && s[i] != d)
				goto slow;	/* "" inside, or text after the quote */
		} else {
			start = i;
			while (i < end && s[i] != d) {
				if (s[i] == '"')
					goto slow;
				i++;
			}
			len = i - start;
		}
		if (len > r->max_field)
			goto slow;
		if (r->nfld == r->fldcap)
			r->fld = xgrow(r->fld, &r->fldcap, r->nfld + 1, sizeof *r->fld);
		r->fld[r->nfld++] = (struct csvr_field){(size_t)(s - r->in) + start, len,
		                                        r->line, 1};
		if (i == end)
			break;
		i++;	/* the delimiter; after a last one comes an empty field */
	}
	/* one check of the line answers for its fields: they are cut at ASCII
	 * bytes, never inside a UTF-8 sequence */
	int plain = !memchr(s, '\0', end) && csvr_utf8_check(s, end) == end;
	for (size_t k = first; k < r->nfld; k++)
		r->in[r->fld[k].off + r->fld[k].len] = '\0';
	r->rec = xgrow(r->rec, &r->reccap, r->nrec + 1, sizeof *r->rec);
	r->rec[r->nrec++] = (struct csvr_record){first, r->nfld - first, r->line, plain};
	r->partial = r->nfld;
	return 1;
slow:
	r->nfld = first;
	return 0;
}

/* Is libcsv between records (its state ROW_NOT_BEGUN, 0 in libcsv's csv.c),
 * so that the next line may bypass it? After a lone CR it may be inside a
 * quoted field that no callback has announced. */
static int
idle(const csvr *r)
{
	return !r->slow && r->between && r->p.pstate == 0;
}

/* Feed in[inpos..inlen) one physical line at a time, so that each record and
 * field knows its line: a whole line between records to split_line, the rest
 * to libcsv. A line cut by the chunk end waits for the next chunk (unless it
 * is long, or the input ends: then libcsv takes it in parts). */
static void
parse_input(csvr *r)
{
	while (r->inpos < r->inlen) {
		char *s = r->in + r->inpos;
		size_t avail = r->inlen - r->inpos;
		const char *lf = memchr(s, '\n', avail);
		size_t n = lf ? (size_t)(lf - s) + 1 : avail;
		if (!lf && !r->eof && avail < CHUNK)
			return;
		if (lf && idle(r) && split_line(r, s, n)) {
			r->inpos += n;
			r->line++;
			continue;
		}
		if (r->between) {
			for (size_t i = 0; i < n; i++) {
				if (s[i] != '\n' && s[i] != '\r') {
					r->between = 0;
					r->rec_line = r->fld_line = r->line;
					break;
				}
			}
		}
		/* libcsv grows a field by blk_size at a time: grow it with the
		 * field instead, so a 100 MB field costs a few copies, not
		 * thousands (realloc copies each time under a sanitizer) */
		size_t field = csv_get_buffer_size(&r->p);
		if (field > CHUNK)
			csv_set_blk_size(&r->p, field);
		if (csv_parse(&r->p, s, n, on_field, on_record, r) != n)
			parse_error_in(r, s, n);
		if (r->p.entry_pos > r->max_field)
			field_too_long(r);
		r->inpos += n;
		if (lf)
			r->line++;
	}
}

/* The cap on one field: SVY_MAX_FIELD bytes (a whole number, or with k, M
 * or G: KiB, MiB, GiB), CSVR_MAX_FIELD when unset. */
static size_t
max_field(void)
{
	const char *s = getenv("SVY_MAX_FIELD");
	if (!s || !*s)
		return CSVR_MAX_FIELD;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	int shift = *end == 'k' || *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
	if (shift)
		end++;
	if (errno || end == s || *end || *s == '-' || *s == '+' || v == 0 ||
	    v > (SIZE_MAX >> 31))
		die_usage("SVY_MAX_FIELD: '%s' is not a size in bytes (a whole number, "
		          "or with k, M or G)", s);
	return (size_t)v << shift;
}

/* UTF-16 (a byte-order mark FF FE or FE FF, or a NUL in every other byte of
 * the first line): named, not "malformed CSV quoting". */
static void
check_utf16(const csvr *r)
{
	const unsigned char *s = (const unsigned char *)r->in;
	size_t n = r->inlen < 64 ? r->inlen : 64, nul[2] = {0, 0};
	if (!s)
		return;
	int bom = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
	for (size_t i = 0; i < n; i++)
		nul[i % 2] += s[i] == 0;
	if (bom || (n >= 4 && (nul[0] == n / 2 || nul[1] == n / 2)))
		die_at(r->name, 0, NULL, NULL, "this is UTF-16 text; svy reads UTF-8: "
		       "convert it first (iconv -f UTF-16 -t UTF-8)");
}

/* A copy of the first line (up to 64 KiB), for the delimiter hint. */
static void
keep_first_line(csvr *r)
{
	if (!r->in)
		return;
	const char *s = r->in + r->inpos;
	size_t n = r->inlen - r->inpos;
	const char *lf = memchr(s, '\n', n);
	if (lf)
		n = (size_t)(lf - s);
	if (n > CHUNK)
		return;
	r->first = xstrndup(s, n);
	r->firstlen = n;
}

csvr *
csvr_open(FILE *fp, const char *name, int delim)
{
	csvr *r = xcalloc(1, sizeof *r);
	r->fp = fp;
	r->name = name;
	r->line = 1;
	r->between = 1;
	r->max_field = max_field();
	const char *slow = getenv("SVY_CSV_SLOW");
	r->slow = slow && *slow && strcmp(slow, "0") != 0;
	/* The whole first line, for the BOM and the delimiter. */
	while (fill(r) && !header_line_read(r->in, r->inlen))
		if (r->inlen > r->max_field)
			break;
	check_utf16(r);
	/* a BOM, or several (a file converted twice) */
	while (r->inlen - r->inpos >= 3 && memcmp(r->in + r->inpos, "\xEF\xBB\xBF", 3) == 0)
		r->inpos += 3;
	keep_first_line(r);
	if (delim)
		r->delim = delim;
	else
		r->delim = r->in ? detect_delim(r->in + r->inpos, r->inlen - r->inpos) : ',';
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die("out of memory");
	csv_set_delim(&r->p, (unsigned char)r->delim);
	csv_set_space_func(&r->p, no_space);
	csv_set_realloc_func(&r->p, xrealloc);
	csv_set_free_func(&r->p, free);	/* the pair, so a fuzz harness sees both */
	csv_set_blk_size(&r->p, CHUNK);
	return r;
}

/* Drop the records handed out; keep the partial record's fields. */
static void
compact(csvr *r)
{
	size_t base = r->partial < r->nfld ? r->fld[r->partial].off : r->blen;
	for (size_t i = r->partial; i < r->nfld; i++) {
		r->fld[i - r->partial] = r->fld[i];
		r->fld[i - r->partial].off -= base;
	}
	if (r->blen > base)
		memmove(r->buf, r->buf + base, r->blen - base);
	r->blen -= base;
	r->nfld -= r->partial;
	r->partial = 0;
	r->nrec = r->rhead = 0;
}

int
csvr_next(csvr *r)
{
	if (r->rhead == r->nrec) {
		compact(r);
		while (r->nrec == 0) {
			if (fill(r) || r->inpos < r->inlen) {
				parse_input(r);
				continue;
			}
			if (r->p.status == CSV_EPARSE)
				parse_error(r);
			/* The last field's start line, before csv_fini ends it. */
			size_t open_line = r->fld_line;
			int between = r->between;
			if (csv_fini(&r->p, on_field, on_record, r) != 0) {
				if (!between)
					die_at(r->name, open_line, NULL, NULL,
					       "unterminated quoted field at the end of the "
					       "input (the field starts here)");
				parse_error(r);
			}
			if (r->nrec == 0)
				return 0;
		}
	}
	r->cur = r->rec[r->rhead++];
	return 1;
}

size_t
csvr_nfields(const csvr *r)
{
	return r->cur.n;
}

char *
csvr_field(const csvr *r, size_t i, size_t *len)
{
	const struct csvr_field *f = &r->fld[r->cur.first + i];
	if (len)
		*len = f->len;
	return (f->in_input ? r->in : r->buf) + f->off;
}

int
csvr_plain(const csvr *r)
{
	return r->cur.plain;
}

void
csvr_fields(const csvr *r, const char **v, size_t *len)
{
	const struct csvr_field *f = r->fld + r->cur.first;
	for (size_t i = 0; i < r->cur.n; i++) {
		v[i] = (f[i].in_input ? r->in : r->buf) + f[i].off;
		len[i] = f[i].len;
	}
}

size_t
csvr_line(const csvr *r)
{
	return r->cur.line;
}

size_t
csvr_field_line(const csvr *r, size_t i)
{
	return r->fld[r->cur.first + i].line;
}

void
csvr_close(csvr *r)
{
	if (!r)
		return;
	csv_free(&r->p);
	free(r->first);
	free(r->in);
	free(r->buf);
	free(r->fld);
	free(r->rec);
	free(r->quote);
	free(r);
}

/* ---- UTF-8 ---- */

/* Length of the well-formed sequence at S (N bytes left), or, negated, the
 * length of its maximal invalid subpart (at least 1). Unicode Table 3-7. */
static long
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return -1;
	if (c < 0xE0) {
		need = 1;
	} else if (c < 0xF0) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	for (size_t k = 1; k <= need; k++) {
		if (k >= n || s[k] < lo || s[k] > hi)
			return -(long)k;
		lo = 0x80;
		hi = 0xBF;
	}
	return (long)need + 1;
}

static size_t
ascii_run(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
		i += 8;
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

size_t
csvr_utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	for (;;) {
		i += ascii_run(s + i, len - i);
		if (i >= len)
			return len;
		long k = utf8_seq(s + i, len - i);
		if (k < 0)
			return i;
		i += (size_t)k;
	}
}

size_t
csvr_utf8_replace(const char *str, size_t len, char *out, size_t *nrepl)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, o = 0, nr = 0;
	while (i < len) {
		size_t a = ascii_run(s + i, len - i);
		memcpy(out + o, s + i, a);
		i += a;
		o += a;
		if (i >= len)
			break;
		long k = utf8_seq(s + i, len - i);
		if (k > 0) {
			memcpy(out + o, s + i, (size_t)k);
			i += (size_t)k;
			o += (size_t)k;
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i += (size_t)-k;
			nr++;
		}
	}
	*nrepl = nr;
	return o;
}
