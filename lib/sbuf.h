/* A growing string: append pieces, take the result. */
#ifndef SVY_SBUF_H
#define SVY_SBUF_H

#include <stddef.h>

typedef struct {
	char *s;	/* NULL until something is added */
	size_t len, cap;
} sbuf;

/* Append S. */
void sbuf_add(sbuf *b, const char *s);

/* Append FMT formatted as printf does. */
void sbuf_addf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The string (allocated, "" when nothing was added); B is left empty. */
char *sbuf_take(sbuf *b);

#endif
