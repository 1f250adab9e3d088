/* Row conditions on named columns: the one condition language of filter
 * and test-hypothesis --where.
 *
 *   COLUMN=V1,V2,...   the value is one of the list
 *   COLUMN!=V1,V2,...  the value is present and none of the list
 *   COLUMN=            the value is missing (empty)
 *   COLUMN!=           the value is present
 *   COLUMN<X  COLUMN<=X  COLUMN>X  COLUMN>=X   numeric comparisons
 *
 * The column is everything before the first '=', '!', '<' or '>'. In a list,
 * '\,' is a comma inside a value and '\\' a backslash. Values are compared as
 * levels are (lib/levels.h, levels_number: the one equality): two numbers by
 * value ("1" equals "1.0"), else as bytes, or ignoring ASCII case when
 * asked. A missing value satisfies only COLUMN= : a row with it missing fails
 * COLUMN!=V and every comparison. A comparison with a value that is not a
 * number is a data error. */
#ifndef SVY_COND_H
#define SVY_COND_H

#include <stddef.h>

#include "tsv.h"

enum cond_op { COND_EQ, COND_NE, COND_LT, COND_LE, COND_GT, COND_GE };

typedef struct {
	char *text;		/* as given, for messages and reasons */
	char *column;
	enum cond_op op;
	char **values;		/* COND_EQ, COND_NE: the list (may be empty) */
	size_t nvalues;
	unsigned char *isnum;	/* per value: a number ... */
	double *num;		/* ... of this value */
	double x;		/* comparisons: the number */
	int icase;		/* compare text ignoring ASCII case */
	size_t col;		/* set by cond_resolve */
} cond;

enum { COND_ERRSIZE = 512 };

/* Parse TEXT into C. Returns 0, or -1 with the reason in ERR
 * ("condition 'age>=x': 'x' is not a number") and C left empty. */
int cond_parse(cond *c, const char *text, int icase, char *err, size_t errsize);

/* C as COLUMN=VALUES (copied), shown as TEXT: for value lists from a file. */
void cond_set_list(cond *c, const char *column, char *const *values, size_t n,
                   const char *text, int icase);

/* Does value S (NULL or "" for missing) satisfy C? 1 or 0; -1 when C is a
 * comparison and S is not a number. */
int cond_value(const cond *c, const char *s);

/* The index of the value of C's list (COND_EQ, COND_NE) that S equals, or
 * -1: for telling which values of a list no row has. */
long cond_which(const cond *c, const char *s);

/* Find C's column in R's header (a usage error when absent). */
void cond_resolve(cond *c, const tsv_reader *r);

/* Does R's current row satisfy C? A non-number under a comparison is a data
 * error naming the file, line, column, value and the condition. */
int cond_row(const cond *c, tsv_reader *r);

void cond_free(cond *c);

#endif
