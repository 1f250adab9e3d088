/* TSV as every tool reads and writes it.
 *
 * One header row; fields split on TAB only; no quoting; inside a field a TAB,
 * newline, carriage return and backslash are written \t \n \r \\ ; an empty
 * field is missing. A UTF-8 BOM before the header (or several) and a CR before
 * each LF are accepted on input and never written. A backslash before any
 * other character stands for itself. A raw CR elsewhere is an error (it
 * would be lost on a later read), and so are UTF-16 text and a one-column
 * header that is a CSV header ("this looks like a CSV export"). */
#ifndef SVY_TSV_H
#define SVY_TSV_H

#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "out.h"	/* -o, side files, close_stdout */

typedef struct {
	FILE *fp;
	const char *name;	/* for messages: the file name or "<stdin>" */
	size_t lineno;		/* line of the row last read (1 = header) */

	size_t ncols;
	char **header;		/* unescaped column names */

	/* The row last read: field i is f[i], flen[i] bytes, NUL-terminated, still
	 * escaped unless tsv_get unescaped it (unesc[i]: 0 not looked at, 1 had
	 * nothing to unescape, 2 unescaped in place). */
	size_t nf;
	char **f;
	size_t *flen;
	unsigned char *unesc;
	int unescaped_any;	/* some field of the row was changed by unescaping */

	char *line;		/* the current line: in buf, or assembled in joined */
	size_t linelen;
	char *joined;		/* a line that spans input chunks */
	size_t joinedcap;
	char *buf;		/* the input chunk */
	size_t bufpos, buflen;
	size_t fcap;
	uint32_t *tab;		/* where the line's TABs are (split_fields) */
	size_t tabcap;
} tsv_reader;

/* The longest line a reader accepts: a longer one (or endless input without a
 * newline) is a data error, not an exhausted memory. */
enum { TSV_MAX_LINE = 1 << 30 };
/* Lines up to this long are split a block of 16 bytes at a time. */
enum { TSV_SPLIT_MAX = 1 << 18 };

/* Open FP (named NAME in messages) and read the header. Empty input is a data
 * error: a TSV has at least its header row. */
void tsv_open(tsv_reader *r, FILE *fp, const char *name);

/* Read the next row. Returns 1, or 0 at the end of the input. A row whose
 * field count differs from the header's, or a NUL byte, is a data error. */
int tsv_next(tsv_reader *r);

/* As tsv_next, but any number of fields is accepted (r->nf says how many):
 * for formats with comments or blank lines, such as codebooks. */
int tsv_next_lenient(tsv_reader *r);

/* As tsv_next, but a line whose first field starts with '#' (a comment) and
 * a blank line are skipped: for plans, which svy init writes with examples
 * commented out. */
int tsv_next_uncommented(tsv_reader *r);

/* Field I of the row, unescaped (in place, once). */
const char *tsv_get_unescaped(tsv_reader *r, size_t i);
static inline const char *
tsv_get(tsv_reader *r, size_t i)
{
	/* inline: a field known to hold no escape is the common case */
	return r->unesc[i] ? r->f[i] : tsv_get_unescaped(r, i);
}

/* Is field I missing (empty)? */
static inline int
tsv_missing(const tsv_reader *r, size_t i)
{
	return r->flen[i] == 0;
}

/* Parse field I as a number, dying with FILE:LINE, the column and the value
 * when it is not one. Returns 0 and leaves *X alone when the field is empty. */
int tsv_number(tsv_reader *r, size_t i, double *x);

/* The numbers of fields COL[0..M-1] of the current row into X (as
 * tsv_number: a value that is not a number is an error): 1 when the row is
 * complete in those columns, 0 when one is missing. */
int tsv_numbers(tsv_reader *r, const size_t *col, size_t m, double *x);

/* Free what the reader holds; the FILE is the caller's. */
void tsv_free(tsv_reader *r);

/* Open PATH for reading ("-" is stdin); dies when it cannot, or when PATH
 * is a directory (saying so). */
FILE *tsv_fopen_in(const char *path);

typedef struct {
	FILE *fp;
	const char *name;
	int safe;		/* --safe-cells: formula-like fields get a ' first */
	int nf;			/* fields written in the current row */
	size_t len;		/* bytes of the row waiting in buf */
	char buf[8192];
} tsv_writer;

/* --safe-cells (OWASP's rule against CSV injection): a field that a
 * spreadsheet would run as a formula, one that starts with = + - @ TAB or CR
 * and is not a number (-1.5 stays), is written with a ' before it. TSV stays
 * faithful unless this is set; a tool's spool files never get it. */
extern int tsv_safe_cells;

/* Would a spreadsheet take S (N bytes; ESCAPED: as TSV writes it, \t for a
 * TAB) for a formula? For other writers of cells (report) too. */
int tsv_formula_like(const char *s, size_t n, int escaped);

void tsvw_init(tsv_writer *w, FILE *fp, const char *name);
/* Open PATH for writing, atomically (out_open; dies when it cannot). */
void tsvw_open(tsv_writer *w, const char *path);
/* A field from a C string, escaped. NULL or "" is missing. */
void tsvw_str(tsv_writer *w, const char *s);
void tsvw_strn(tsv_writer *w, const char *s, size_t n);
/* A field already escaped (as read by tsv_reader). */
void tsvw_raw_slow(tsv_writer *w, const char *s, size_t n);
static inline void
tsvw_raw(tsv_writer *w, const char *s, size_t n)
{
	/* inline: the common case, a field that fits in the row's buffer and
	 * needs no --safe-cells quote, one copy */
	if (!w->safe && n < sizeof w->buf - w->len) {
		char *o = w->buf + w->len;
		if (w->nf++)
			*o++ = '\t';
		if (n > 1)
			memcpy(o, s, n);
		else if (n)	/* an empty field or a 0/1, without a call */
			*o = *s;
		w->len = (size_t)(o + n - w->buf);
		return;
	}
	tsvw_raw_slow(w, s, n);
}
/* Field I of the row R holds, as it was read. */
static inline void
tsvw_copy(tsv_writer *w, const tsv_reader *r, size_t i)
{
	if (r->unesc[i] == 2)	/* unescaped by tsv_get: escaped again */
		tsvw_strn(w, r->f[i], r->flen[i]);
	else
		tsvw_raw(w, r->f[i], r->flen[i]);
}
/* Every field of R's current row, then nothing else: the caller may add more
 * before tsvw_end. */
void tsvw_copy_row(tsv_writer *w, const tsv_reader *r);
/* The header of R. */
void tsvw_header(tsv_writer *w, const tsv_reader *r);
/* A number in the one output format (num_format). A number that is not
 * finite is an error (exit 1): no tool writes Inf or NaN. */
void tsvw_num(tsv_writer *w, double x);
/* As tsvw_num, but NaN (a number that does not exist here: an sd of one
 * value, an item a refit left out) is written missing. */
void tsvw_num_or_missing(tsv_writer *w, double x);
/* A whole number. */
void tsvw_int(tsv_writer *w, long long x);
/* End the row; dies if the stream has failed. */
void tsvw_end(tsv_writer *w);
/* A temporary file of rows under R's header, for a tool that reads its
 * input twice (the second pass once the whole sample is known): write the
 * rows to *W (tsvw_copy_row, tsvw_end), then tsv_spool_reopen. Returns the
 * file, which the caller closes. */
FILE *tsv_spool_begin(tsv_writer *w, const tsv_reader *r);

/* Flush SPOOL (a write error is fatal), rewind it and open it as *OUT,
 * named NAME in messages. */
void tsv_spool_reopen(FILE *spool, tsv_reader *out, const char *name);

/* Flush and close (out_close, or close_stdout for stdout); any write
 * error is fatal. */
void tsvw_close(tsv_writer *w);

#endif
