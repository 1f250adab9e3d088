#include "tsv.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/stat.h>

#include "bitpos.h"
#include "err.h"
#include "num.h"

FILE *
tsv_fopen_in(const char *path)
{
	if (strcmp(path, "-") == 0) {
		out_input("<stdin>", stdin);
		return stdin;
	}
	FILE *fp = fopen(path, "r");
	if (!fp)
		die_errno("%s", path);
	/* a directory opens, then fails at the first read as "read error" */
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		die("%s: is a directory: give a file", path);
	}
	out_input(path, fp);
	return fp;
}

enum { CHUNK = 1 << 16 };

/* Refill the input chunk; 0 at the end of the input. */
static int
fill(tsv_reader *r)
{
	if (!r->buf)
		r->buf = xmalloc(CHUNK + 1);	/* + 1: room to terminate a last line */
	r->bufpos = 0;
	r->buflen = fread(r->buf, 1, CHUNK, r->fp);
	if (r->buflen == 0 && ferror(r->fp))
		die_errno("%s: read error", r->name);
	return r->buflen > 0;
}

static void
append_joined(tsv_reader *r, size_t have, const char *p, size_t n)
{
	if (n > TSV_MAX_LINE - have)
		die_at(r->name, r->lineno + 1, NULL, NULL,
		       "line longer than %d bytes (no newline?)", TSV_MAX_LINE);
	r->joined = xgrow(r->joined, &r->joinedcap, have + n + 1, 1);
	memcpy(r->joined + have, p, n);
}

/* Read one physical line without its LF (and a CR before it). 0 at EOF.
 * A line within one chunk is used where it lies; only a line that spans
 * chunks is copied. */
static int
read_line(tsv_reader *r)
{
	size_t have = 0;
	int joined = 0;
	for (;;) {
		if (r->bufpos == r->buflen && !fill(r)) {
			if (!joined)
				return 0;
			break;
		}
		char *p = r->buf + r->bufpos;
		size_t avail = r->buflen - r->bufpos;
		char *nl = memchr(p, '\n', avail);
		size_t take = nl ? (size_t)(nl - p) : avail;
		/* a NUL byte is found by split_fields, but not an endless run of them */
		if (joined && memchr(p, '\0', take))
			die_at(r->name, r->lineno + 1, NULL, NULL, "NUL byte in input");
		r->bufpos += take + (nl != NULL);
		if (nl && !joined) {
			r->line = p;
			r->linelen = take;
			goto done;
		}
		append_joined(r, have, p, take);
		have += take;
		joined = 1;
		if (nl)
			break;
	}
	r->line = r->joined;
	r->linelen = have;
done:
	r->lineno++;
	r->line[r->linelen] = '\0';
	if (r->linelen > 0 && r->line[r->linelen - 1] == '\r')
		r->line[--r->linelen] = '\0';
	return 1;
}

/* A NUL byte, or a carriage return that does not end the line: TSV writes a
 * CR inside a field as \r, so a raw one is a file cut at CRs (old Mac line
 * ends) or written by a tool that did not escape it. Kept, it would pass
 * through unescaped and a later read would strip it ('c\r' and 'c' one
 * level): an error at the line, in the column when the header is known. */
static noreturn void
bad_byte(const tsv_reader *r, char c)
{
	if (c == '\0')
		die_at(r->name, r->lineno, NULL, NULL, "NUL byte in input");
	const char *column = r->header && r->nf < r->ncols ? r->header[r->nf] : NULL;
	die_at(r->name, r->lineno, column, NULL, "a carriage return (CR) inside a "
	       "field: TSV writes it as \\r (CR line ends? convert them to LF)");
}

static void
grow_fields(tsv_reader *r)
{
	size_t cap = r->fcap;
	r->f = xgrow(r->f, &cap, r->nf + 1, sizeof *r->f);
	r->flen = xrealloc(r->flen, cap * sizeof *r->flen);
	r->unesc = xrealloc(r->unesc, cap);
	r->fcap = cap;
}

/* The bytes that end a field or are an error: TAB, and NUL and CR (see
 * bad_byte). */
static const unsigned char stop_byte[256] = {['\t'] = 1, ['\0'] = 1, ['\r'] = 1};

/* Field I of the line ends at P (a stop byte): it is cut there, or the
 * line is refused at a NUL or CR. */
static void
end_field(tsv_reader *r, char **start, char *p)
{
	if (*p != '\t')
		bad_byte(r, *p);
	if (r->nf == r->fcap)
		grow_fields(r);
	*p = '\0';
	r->flen[r->nf] = (size_t)(p - *start);
	r->f[r->nf++] = *start;
	*start = p + 1;
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* The TABs among the 16 bytes at P, as bits (bit i: P[i]); *BAD gets a bit
 * where a byte is a NUL or CR (bad_byte), *BS where it is a backslash. */
static unsigned
tabs16(const char *p, unsigned *bad, unsigned *bs)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	*bad |= (unsigned)_mm_movemask_epi8(_mm_or_si128(
	        _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_setzero_si128())));
	*bs |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
}

/* Does one of the 16 bytes at P need an escape (TAB, LF, CR, backslash)? */
static int
escapes16(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i m = _mm_or_si128(
	        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
	        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
	return _mm_movemask_epi8(m) != 0;
}

/* The line's fields, 16 bytes a step (SSE2, on every x86-64), in two
 * stages: where the TABs are (bitpos.h: no loop per TAB), then the fields
 * between them. A line with a NUL or CR, or longer than TSV_SPLIT_MAX,
 * is left to the byte-at-a-time loop of split_fields (which names the
 * byte). Returns where fewer than 16 bytes are left, and in *ESCAPES
 * whether a backslash was among the bytes passed. */
static char *
split_blocks(tsv_reader *r, char **start, char *p, const char *end, int *escapes)
{
	*escapes = 0;
	if (end - p > TSV_SPLIT_MAX)
		return p;
	size_t n = (size_t)(end - p), ntab = 0;
	if (r->tabcap < n + 16)
		r->tab = xgrow(r->tab, &r->tabcap, n + 16, sizeof *r->tab);
	unsigned bs = 0, bad = 0;
	uint32_t i = 0;
	for (; n - i >= 16; i += 16)
		ntab += bitpos_put16(r->tab + ntab, tabs16(p + i, &bad, &bs), i);
	if (bad)
		return p;
	if (ntab + 1 > r->fcap) {
		r->nf = ntab;
		grow_fields(r);
	}
	for (size_t k = 0; k < ntab; k++) {
		char *tab = p + r->tab[k];
		*tab = '\0';
		r->f[k] = *start;
		r->flen[k] = (size_t)(tab - *start);
		*start = tab + 1;
	}
	r->nf = ntab;
	*escapes = bs != 0;
	return p + i;
}
#else
/* Elsewhere, eight bytes a step where none is a stop byte (the bit trick
 * of "Bit Twiddling Hacks": a zero byte of w ^ c), then one at a time. */
static char *
split_blocks(tsv_reader *r, char **start, char *p, const char *end, int *escapes)
{
	*escapes = memchr(p, '\\', (size_t)(end - p)) != NULL;
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	while (end - p >= 8) {
		uint64_t w, t, c;
		memcpy(&w, p, 8);
		t = w ^ (ones * '\t');
		c = w ^ (ones * '\r');
		if (((w - ones) & ~w & highs) | ((t - ones) & ~t & highs) |
		    ((c - ones) & ~c & highs)) {
			for (int i = 0; i < 8; i++)
				if (stop_byte[(unsigned char)p[i]])
					end_field(r, start, p + i);
		}
		p += 8;
	}
	return p;
}
#endif

/* Split the line on TABs into r->f, growing f, flen and unesc together, and
 * reject a NUL byte or a CR. One pass over the bytes, a block at a time:
 * survey rows are mostly short or empty fields, where this beats a memchr
 * call per field. A line without a backslash has nothing to unescape: its
 * fields are marked so, and tsv_get looks at none of them again. */
static void
split_fields(tsv_reader *r)
{
	char *p = r->line, *end = r->line + r->linelen, *start = p;
	int escapes;
	r->nf = 0;
	for (p = split_blocks(r, &start, p, end, &escapes); p < end; p++) {
		if (stop_byte[(unsigned char)*p])
			end_field(r, &start, p);
		else if (*p == '\\')
			escapes = 1;
	}
	/* the last field ends the line */
	if (r->nf == r->fcap)
		grow_fields(r);
	r->flen[r->nf] = (size_t)(end - start);
	r->f[r->nf++] = start;
	/* unesc: 0 not looked at, 1 nothing to unescape (see tsv_get) */
	memset(r->unesc, !escapes, r->nf);
	r->unescaped_any = 0;
}

static size_t
unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			switch (p[1]) {
			case 't': *o++ = '\t'; p++; continue;
			case 'n': *o++ = '\n'; p++; continue;
			case 'r': *o++ = '\r'; p++; continue;
			case '\\': *o++ = '\\'; p++; continue;
			}
		}
		*o++ = *p;
	}
	*o = '\0';
	return (size_t)(o - s);
}

/* UTF-16 text (a byte-order mark FF FE or FE FF, or a NUL in every other
 * byte of the header, as some exports are written) is refused by name, not as
 * "NUL byte in input". */
static void
check_utf16(const tsv_reader *r)
{
	const unsigned char *s = (const unsigned char *)r->line;
	size_t n = r->linelen, nul[2] = {0, 0};
	int bom = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
	for (size_t i = 0; i < n && i < 64; i++)
		nul[i % 2] += s[i] == 0;
	size_t half = (n < 64 ? n : 64) / 2;
	if (bom || (half >= 2 && (nul[0] == half || nul[1] == half)))
		die_at(r->name, 0, NULL, NULL, "this is UTF-16 text; svy reads UTF-8: "
		       "convert it first (iconv -f UTF-16 -t UTF-8)");
}

/* A one-column header holding ';' or ',' between names is a CSV export
 * given to a tool that reads TSV (it would describe "1 column", or say "no
 * column 'Q1'; the columns are 'id;Q1;...'"): say what it is. */
static void
check_not_csv(const tsv_reader *r)
{
	const char *h = r->header[0];
	size_t comma = 0, semi = 0, named = 0, len = 0;
	int quoted = 0, delim;
	for (const char *p = h; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == ';')
			semi++;
	}
	if (comma + semi == 0)
		return;
	delim = semi > comma ? ';' : ',';
	/* at least two names between the delimiters */
	for (const char *p = h;; p++) {
		if (*p && *p != delim) {
			len += *p != '"' && *p != ' ';
			continue;
		}
		named += len > 0;
		len = 0;
		if (!*p)
			break;
	}
	if (named >= 2)
		die_at(r->name, 1, NULL, NULL, "this looks like a CSV export (delimiter "
		       "'%c'), not TSV: run svy-clean first", delim);
}

void
tsv_open(tsv_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name;
	if (!read_line(r))
		die_at(name, 0, NULL, NULL, "empty input: no header row");
	check_utf16(r);
	/* a BOM, or several (a file converted twice) */
	while (r->linelen >= 3 && memcmp(r->line, "\xEF\xBB\xBF", 3) == 0) {
		r->line += 3;
		r->linelen -= 3;
	}
	split_fields(r);
	r->ncols = r->nf;
	r->header = xmalloc(r->ncols * sizeof *r->header);
	for (size_t i = 0; i < r->ncols; i++) {
		r->header[i] = xstrdup(r->f[i]);
		unescape(r->header[i]);
	}
	r->nf = 0;
	if (r->ncols == 1)
		check_not_csv(r);
}

int
tsv_next_lenient(tsv_reader *r)
{
	if (!read_line(r))
		return 0;
	split_fields(r);
	return 1;
}

int
tsv_next(tsv_reader *r)
{
	if (!tsv_next_lenient(r))
		return 0;
	if (r->nf != r->ncols)
		die_at(r->name, r->lineno, NULL, NULL,
		       "row has %zu field%s, header has %zu", r->nf,
		       r->nf == 1 ? "" : "s", r->ncols);
	return 1;
}

int
tsv_next_uncommented(tsv_reader *r)
{
	while (tsv_next_lenient(r)) {
		if (r->nf == 1 && r->flen[0] == 0)
			continue;
		if (r->flen[0] > 0 && r->f[0][0] == '#')
			continue;
		if (r->nf != r->ncols)
			die_at(r->name, r->lineno, NULL, NULL, "row has %zu field%s, header has %zu",
			       r->nf, r->nf == 1 ? "" : "s", r->ncols);
		return 1;
	}
	return 0;
}

const char *
tsv_get_unescaped(tsv_reader *r, size_t i)
{
	if (!r->unesc[i]) {
		r->unesc[i] = 1;
		if (memchr(r->f[i], '\\', r->flen[i])) {
			r->flen[i] = unescape(r->f[i]);
			r->unesc[i] = 2;
			r->unescaped_any = 1;
		}
	}
	return r->f[i];
}

int
tsv_number(tsv_reader *r, size_t i, double *x)
{
	const char *s = tsv_get(r, i);
	enum num_status st = num_parse(s, x);
	if (st == NUM_EMPTY)
		return 0;
	if (st != NUM_OK)
		die_at(r->name, r->lineno, r->header[i], s, "%s", num_strerror(st));
	return 1;
}

int
tsv_numbers(tsv_reader *r, const size_t *col, size_t m, double *x)
{
	int complete = 1;
	for (size_t j = 0; j < m; j++)
		if (!tsv_number(r, col[j], &x[j]))
			complete = 0;
	return complete;
}

void
tsv_free(tsv_reader *r)
{
	for (size_t i = 0; i < r->ncols; i++)
		free(r->header[i]);
	free(r->header);
	free(r->f);
	free(r->flen);
	free(r->unesc);
	free(r->tab);
	free(r->buf);
	free(r->joined);
	memset(r, 0, sizeof *r);
}

/* ---- writing ---- */

void
tsvw_init(tsv_writer *w, FILE *fp, const char *name)
{
	if (fp == stdout)
		out_begin();
	w->fp = fp;
	w->name = name;
	w->safe = tsv_safe_cells;
	w->nf = 0;
	w->len = 0;
}

/* A row is gathered in w->buf and handed to stdio once, at its end (or when
 * the buffer fills): one call per row, not several per field. */
static void
drain(tsv_writer *w)
{
	if (w->len && fwrite_unlocked(w->buf, 1, w->len, w->fp) != w->len)
		out_write_failed(w->name);
	w->len = 0;
}

static inline void
put(tsv_writer *w, const char *s, size_t n)
{
	if (n > sizeof w->buf - w->len) {
		drain(w);
		if (n > sizeof w->buf) {
			if (fwrite_unlocked(s, 1, n, w->fp) != n)
				out_write_failed(w->name);
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

void
tsvw_open(tsv_writer *w, const char *path)
{
	tsvw_init(w, out_open(path), path);
}

int tsv_safe_cells;

int
tsv_formula_like(const char *s, size_t n, int escaped)
{
	if (n == 0)
		return 0;
	if (escaped && n >= 2 && s[0] == '\\')
		return s[1] == 't' || s[1] == 'r';
	if (!strchr("=+-@\t\r", s[0]) || s[0] == '\0')
		return 0;
	if (s[0] != '+' && s[0] != '-')
		return 1;
	/* a number, -1.5 or +2e3 (or -Inf), is no formula */
	char buf[64];
	if (n >= sizeof buf)
		return 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	double x;
	enum num_status st = num_parse(buf, &x);
	return st != NUM_OK && st != NUM_RANGE && st != NUM_NONFINITE;
}

static inline void
separate(tsv_writer *w)
{
	if (w->nf++)
		put(w, "\t", 1);
}

/* A new field: the separator, and under --safe-cells the quote a formula
 * needs. */
static inline void
begin_field(tsv_writer *w, const char *s, size_t n, int escaped)
{
	separate(w);
	if (w->safe && n && tsv_formula_like(s, n, escaped))
		put(w, "'", 1);
}

/* The bytes a field must escape. */
static const unsigned char must_escape[256] = {
	['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['\\'] = '\\',
};

void
tsvw_strn(tsv_writer *w, const char *s, size_t n)
{
	if (!w->safe && n < (sizeof w->buf - w->len) / 2) {
		/* the common case, a short field with room for it even if every
		 * byte were escaped: one pass, straight into the row's buffer */
		char *o = w->buf + w->len;
		if (w->nf++)
			*o++ = '\t';
		size_t i = 0;
#if defined(__SSE2__)
		for (; i + 16 <= n && !escapes16(s + i); i += 16, o += 16)
			memcpy(o, s + i, 16);
#endif
		for (; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (must_escape[c]) {
				*o++ = '\\';
				c = must_escape[c];
			}
			*o++ = (char)c;
		}
		w->len = (size_t)(o - w->buf);
		return;
	}
	begin_field(w, s, n, 0);
	const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
	for (;;) {
		while (p < end && !must_escape[*p])
			p++;
		put(w, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		char esc[2] = {'\\', (char)must_escape[*p]};
		put(w, esc, 2);
		run = ++p;
	}
}

void
tsvw_str(tsv_writer *w, const char *s)
{
	tsvw_strn(w, s ? s : "", s ? strlen(s) : 0);
}

void
tsvw_raw_slow(tsv_writer *w, const char *s, size_t n)
{
	begin_field(w, s, n, 1);
	put(w, s, n);
}

void
tsvw_copy_row(tsv_writer *w, const tsv_reader *r)
{
	if (r->unescaped_any || w->safe) {
		for (size_t i = 0; i < r->nf; i++)
			tsvw_copy(w, r, i);
		return;
	}
	/* The fields still lie as read, NULs where the TABs were: put the TABs
	 * back for one write of the whole row, then the NULs again. */
	for (size_t i = 0; i + 1 < r->nf; i++)
		r->f[i][r->flen[i]] = '\t';
	const char *last = r->f[r->nf - 1];
	tsvw_raw(w, r->f[0], (size_t)(last + r->flen[r->nf - 1] - r->f[0]));
	w->nf += (int)r->nf - 1;
	for (size_t i = 0; i + 1 < r->nf; i++)
		r->f[i][r->flen[i]] = '\0';
}

void
tsvw_header(tsv_writer *w, const tsv_reader *r)
{
	for (size_t i = 0; i < r->ncols; i++)
		tsvw_str(w, r->header[i]);
}

void
tsvw_num(tsv_writer *w, double x)
{
	/* the last guard of "never an Inf or NaN with exit 0": a tool names
	 * the statistic before this (stats_summary_check); one that did not
	 * still stops here rather than write it */
	if (!isfinite(x))
		die("%s: a computed number is %s, beyond the range of numbers (about "
		    "1.8e308) or undefined: not written", w->name,
		    isnan(x) ? "NaN" : x > 0 ? "Inf" : "-Inf");
	char buf[NUM_BUFSIZE];
	const char *s = num_format(buf, x);
	tsvw_raw(w, s, strlen(s));
}

FILE *
tsv_spool_begin(tsv_writer *w, const tsv_reader *r)
{
	FILE *fp = tmpfile();
	if (!fp)
		die_errno("cannot create a temporary file");
	tsvw_init(w, fp, "<temporary file>");
	w->safe = 0;	/* read back by the tool: the data as it is */
	tsvw_header(w, r);
	tsvw_end(w);
	return fp;
}

void
tsv_spool_reopen(FILE *spool, tsv_reader *out, const char *name)
{
	if (fflush(spool) != 0 || ferror(spool))
		die_errno("temporary file: write error");
	rewind(spool);
	tsv_open(out, spool, name);
}

void
tsvw_num_or_missing(tsv_writer *w, double x)
{
	if (isnan(x))
		tsvw_raw(w, "", 0);
	else
		tsvw_num(w, x);
}

void
tsvw_int(tsv_writer *w, long long x)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%lld", x);
	separate(w);
	put(w, buf, (size_t)n);
}

void
tsvw_end(tsv_writer *w)
{
	put(w, "\n", 1);
	drain(w);
	w->nf = 0;
	if (ferror(w->fp))
		out_write_failed(w->name);
}

void
tsvw_close(tsv_writer *w)
{
	if (w->fp == stdout)
		close_stdout();
	else
		out_close(w->fp, w->name);
	w->fp = NULL;
}
