/* Strict number parsing and the one number format of every tool.
 * Numbers are read and written with '.' as decimal point whatever the locale
 * (no tool calls setlocale). */
#ifndef SVY_NUM_H
#define SVY_NUM_H

#include <stddef.h>

enum num_status {
	NUM_OK = 0,
	NUM_EMPTY,	/* "" */
	NUM_INVALID,	/* not a decimal number: "abc", "1.5x", " 1", "0x10" */
	NUM_RANGE,	/* magnitude too large for a double: "1e400" */
	NUM_NONFINITE,	/* "nan", "inf" and the like */
};

/* Parse S, a whole decimal number ([+-]digits[.digits][e[+-]digits]), into *X.
 * Underflow to zero or a subnormal is accepted. */
enum num_status num_parse(const char *s, double *x);

/* What is wrong, for messages: "not a number" etc. */
const char *num_strerror(enum num_status st);

/* Significant digits for display (--digits); 0 means round-trip. */
extern int num_digits;

enum { NUM_BUFSIZE = 40 };

/* Format X so that it reads back exactly (the shortest of %.15g..%.17g that
 * round-trips), or with num_digits significant digits when that is set.
 * NaN and infinities print as "NaN", "Inf", "-Inf" (no tool should write
 * them: they are errors before this); -0 prints as 0. Returns BUF. */
char *num_format(char buf[NUM_BUFSIZE], double x);

#endif
