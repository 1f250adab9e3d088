/* A codebook drafted from the value labels and variable labels of an SPSS
 * or Stata file (svy-import --codebook, svy-clean --codebook).
 *
 * Its columns are encode-likert's and a sixth, 'question', the variable
 * label. Each labelled value is a level (code = value = the number as the
 * TSV holds it; a user-missing value's value is 'missing'); the values in
 * the data without a label are levels with an empty label, so that
 * encode-likert knows them: savcb_note is given every row to find them. */
#ifndef SVY_SAVCB_H
#define SVY_SAVCB_H

#include "sav.h"

/* A labelled variable's values in the data without a label. */
enum { MAX_UNLABELLED = 100 };

typedef struct {
	double *v;
	size_t n, cap;
	int overflow;		/* more than MAX_UNLABELLED: the column is not encoded */
} unlabelled;

typedef struct {
	long *set_at;		/* per variable, its labels in f->sets, or -1 */
	unlabelled *seen;	/* per variable */
	size_t nvars;
} savcb;

/* Note the values of one row (FIELDS as sav_read hands them). */
void savcb_note(savcb *cb, const sav_file *f, char **fields);

/* Write the codebook of F to PATH, only variable i where KEEP[i]
 * (KEEP NULL: all); its comment names svy-TOOL; the count of columns on
 * standard error unless QUIET. */
void savcb_write(const char *path, const sav_file *f, savcb *cb,
                 const unsigned char *keep, const char *tool, int quiet);
void savcb_free(savcb *cb);

#endif
