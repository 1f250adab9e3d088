/* A growing string: see sbuf.h. */
#include <string.h>

#include "err.h"
#include "sbuf.h"

void
sbuf_add(sbuf *b, const char *s)
{
	size_t n = strlen(s);
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

char *
sbuf_take(sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}
