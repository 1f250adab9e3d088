#include "num.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"

int num_digits = 0;

/* strtod accepts leading blanks, hex, "inf" and "nan": we want none of them,
 * so check the shape first and let strtod do only the conversion. */
static int
is_decimal(const char *s)
{
	const char *p = s;
	int digits = 0;
	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static int
is_nonfinite_word(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	return strcasecmp(s, "nan") == 0 || strcasecmp(s, "inf") == 0 ||
	       strcasecmp(s, "infinity") == 0;
}

enum num_status
num_parse(const char *s, double *x)
{
	if (*s == '\0')
		return NUM_EMPTY;
	if (!is_decimal(s))
		return is_nonfinite_word(s) ? NUM_NONFINITE : NUM_INVALID;
	errno = 0;
	double v = strtod(s, NULL);
	if (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL))
		return NUM_RANGE;
	*x = v;
	return NUM_OK;
}

const char *
num_strerror(enum num_status st)
{
	switch (st) {
	case NUM_OK:
		return "a number";
	case NUM_EMPTY:
		return "missing number";
	case NUM_INVALID:
		return "not a number";
	case NUM_RANGE:
		return "number out of range";
	case NUM_NONFINITE:
		return "not a finite number";
	}
	return "not a number";
}

char *
num_format(char buf[NUM_BUFSIZE], double x)
{
	if (isnan(x))
		return strcpy(buf, "NaN");
	if (isinf(x))
		return strcpy(buf, x > 0 ? "Inf" : "-Inf");
	/* a computed zero is 0, never -0 (a minimum of -0 and 0, a sum of -0s) */
	if (x == 0)
		x = 0;
	if (num_digits > 0) {
		snprintf(buf, NUM_BUFSIZE, "%.*g", num_digits, x);
		/* a U of 1144.5 reads better as 1144 than as 1.14e+03: whole
		 * numbers keep their digits when rounding would need an exponent */
		if (strchr(buf, 'e') && fabs(x) >= 1 && fabs(x) < 1e15)
			snprintf(buf, NUM_BUFSIZE, "%.0f", x);
		return buf;
	}
	/* a subnormal has few significant bits: its shortest form may be short
	 * (4e-320, not 3.99995546873073e-320) */
	for (int prec = fabs(x) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
		snprintf(buf, NUM_BUFSIZE, "%.*g", prec, x);
		if (prec == 17 || strtod(buf, NULL) == x)
			break;
	}
	return buf;
}
