/* An SPSS (.sav, .zsav) or Stata (.dta) file as the CSV svy-clean reads:
 * the file is read whole through lib/sav and written to a CSV in memory
 * (the variable names as the header, every value quoted, values as
 * svy-import writes them: numbers, ISO dates, missing values empty), so
 * that one copy of clean's rules reads both. Its line N+1 is row N. */
#ifndef SVY_SAVIN_H
#define SVY_SAVIN_H

#include <stdio.h>

#include "sav.h"
#include "savcb.h"

typedef struct {
	int is_sav;		/* FP was an SPSS or Stata file */
	int want_codebook;	/* note values for savin_codebook */
	const char *encoding;	/* the text read as ENCODING (NULL: what the file says) */
	sav_file f;
	savcb cb;
	FILE *csv;		/* the CSV written, or NULL */
	FILE *copy;		/* the copy of a stream that cannot seek, or NULL */
} savin;

/* FP (named NAME) as CSV: when its first bytes say it is an SPSS or Stata
 * file, the CSV of it (S->is_sav set), else a stream of FP's bytes from
 * the start (with S->want_codebook or S->encoding, a usage error). */
FILE *savin_open(savin *s, FILE *fp, const char *name);
/* The codebook of the value labels (savcb_write), only variable i
 * where KEEP[i]. */
void savin_codebook(savin *s, const char *path, const unsigned char *keep, int quiet);
void savin_close(savin *s);

#endif
