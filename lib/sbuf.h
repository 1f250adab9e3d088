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

/* The string (allocated, "" when nothing was added); B is left empty. */
char *sbuf_take(sbuf *b);

#endif
