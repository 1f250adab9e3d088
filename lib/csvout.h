/* CSV written as LimeSurvey writes its export: every value double-quoted
 * (inner quotes doubled), CRLF line ends, one row buffered at a time. */
#ifndef SVY_CSVOUT_H
#define SVY_CSVOUT_H

#include <stddef.h>

typedef struct {
	char *buf;
	size_t len, cap;
	char delim;	/* ',', ';' or '\t' */
	int nf;		/* fields in the row so far */
} csvout;

/* Append N bytes as they are. */
void csvout_raw(csvout *o, const char *s, size_t n);

/* One value, quoted; NULL is the empty value "". */
void csvout_field(csvout *o, const char *s);
void csvout_num(csvout *o, long long x);

/* End the row (CRLF) and write it to standard output. */
void csvout_end_row(csvout *o);

/* Write what the buffer holds to standard output; a closed pipe ends the
 * tool quietly (exit 1), any other error is named. */
void csvout_flush(csvout *o);

#endif
