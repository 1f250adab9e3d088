/* A survey export's CSV records checked as svy reads them: over lib/csvread,
 * every field free of NUL bytes and valid UTF-8 (or, when asked, each
 * invalid sequence replaced by U+FFFD, as Python's errors='replace'), every
 * row as many fields as the header, the header's names unique (or renamed
 * NAME.1, NAME.2, ... as pandas and R's make.unique). Errors are data errors
 * naming the physical line of the offending byte. */
#ifndef SVY_CSVCHECK_H
#define SVY_CSVCHECK_H

#include <stddef.h>
#include <stdint.h>

#include "csvread.h"

typedef struct {
	csvr *in;
	const char *name;              /* the input's name, for messages */
	int replace;                   /* replace invalid UTF-8 instead of dying */
	unsigned long long replaced;   /* invalid sequences replaced so far */
	size_t header_line;
	char *scratch;                 /* the current record's replaced fields */
	size_t scratchcap;
} csvcheck;

/* Read the header into *NAMES (allocated, each name too); returns how many.
 * An empty input is a data error. */
size_t csvcheck_header(csvcheck *k, char ***names);

/* Read the next record into V and LEN (N fields, NAMES theirs, for
 * messages) and *LINE (where it starts); the fields stay valid until the next
 * call. Returns 0 at the end of the input. */
int csvcheck_row(csvcheck *k, char *const *names, size_t n, const char **v, size_t *len,
                 size_t *line);

/* A name the header holds twice is a data error naming both fields, or, with
 * RENAME, the later ones are renamed NAME.1, NAME.2, ... (a suffix the header
 * does not have), with a warning each. */
void csvcheck_unique(const csvcheck *k, char **names, size_t n, int rename);

void csvcheck_free(csvcheck *k);

/* Rows read ahead and held, packed: their fields one after another, with
 * 32-bit lengths (what is read ahead is most of a streaming tool's memory).
 * Set NCOLS before the first row. */
typedef struct {
	size_t ncols, nrows;
	char *buf;
	size_t blen, bcap;
	uint32_t *len;      /* nrows * ncols */
	size_t *start;      /* where each row's fields start in buf */
	size_t *line;       /* where each row starts in the input */
	size_t lencap, rowcap, linecap;
} csvheld;

/* Hold a copy of a row (NCOLS fields V/LEN, from LINE). A field over 4 GiB
 * is an error. */
void csvheld_add(csvheld *h, const char *const *v, const size_t *len, size_t line);

/* Row K's fields into V/LEN and its line into *LINE (pointers into H). */
void csvheld_get(const csvheld *h, size_t k, const char **v, size_t *len, size_t *line);

void csvheld_free(csvheld *h);

#endif
