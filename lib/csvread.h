/* A streaming CSV reader over libcsv (RFC 4180 quoting, "" for a quote inside
 * a quoted field), for survey exports such as LimeSurvey's.
 *
 * It hands out one record at a time with the physical line (LF-counted, from 1)
 * where the record and each of its fields start; it strips a UTF-8 BOM before
 * the first record, accepts LF and CRLF record ends, keeps LF, CR and TAB
 * inside quoted fields, never trims spaces, and skips blank lines (they are
 * not records). Malformed quoting (a quote inside an unquoted field, text
 * after a closing quote, an unterminated quote at the end) is a data error
 * naming the line, and the delimiter with which the line parses, if one
 * does. UTF-16 text is refused by name; several BOMs are stripped. Memory is one input chunk plus the records of that chunk,
 * whatever the input size. Field bytes are returned as read: no check of
 * encoding or NUL bytes (see csvr_utf8_*). */
#ifndef SVY_CSVREAD_H
#define SVY_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

typedef struct csvr csvr;

/* The longest field accepted (128 MiB): a longer one is a data error naming
 * the line, not gigabytes of memory; the environment variable SVY_MAX_FIELD
 * (bytes, or with k, M or G) raises or lowers it. */
#define CSVR_MAX_FIELD ((size_t)128 << 20)

/* Most lines never reach libcsv: a whole line between records whose quoted
 * fields hold no quote and no line end, and with no lone CR, is split in
 * place (its fields point into the input chunk). The environment variable
 * SVY_CSV_SLOW=1 sends every line through libcsv: the tests check that the
 * two paths read the same. */

/* Start reading FP (named NAME in messages) with delimiter DELIM; DELIM 0
 * detects it from the first line: the most frequent of ',', ';' and TAB
 * outside quotes (',' when none occurs; ties go to ',' then ';'). */
csvr *csvr_open(FILE *fp, const char *name, int delim);

/* Read the next record: 1, or 0 at the end of the input. The previous
 * record's fields are no longer valid afterwards. */
int csvr_next(csvr *r);

/* The current record: field count, field I (NUL-terminated, LEN bytes,
 * writable in place up to LEN), the line where the record starts and the
 * line where field I starts. */
size_t csvr_nfields(const csvr *r);
char *csvr_field(const csvr *r, size_t i, size_t *len);
size_t csvr_line(const csvr *r);

/* Every field of the current record into V and LEN (csvr_nfields of each). */
void csvr_fields(const csvr *r, const char **v, size_t *len);

/* 1 when the current record is known valid UTF-8 without NUL bytes (its
 * line was checked whole); 0 when unknown. */
int csvr_plain(const csvr *r);
size_t csvr_field_line(const csvr *r, size_t i);

/* Free the reader; the FILE is the caller's. */
void csvr_close(csvr *r);

/* UTF-8 (Unicode's well-formed sequences: no overlongs, no surrogates, nothing
 * above U+10FFFF). Returns the offset of the first byte of the first invalid
 * sequence in S[0..LEN), or LEN when S is valid. A NUL byte counts as valid
 * here; look for it separately. */
size_t csvr_utf8_check(const char *s, size_t len);

/* Copy S[0..LEN) to OUT with each maximal invalid subsequence (Unicode's
 * "maximal subpart" practice, as Python's errors='replace') replaced by U+FFFD.
 * OUT must hold 3 * LEN bytes. Returns the bytes written; *NREPL gets the
 * number of replacements. */
size_t csvr_utf8_replace(const char *s, size_t len, char *out, size_t *nrepl);

#endif
