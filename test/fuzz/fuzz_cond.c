/* Fuzz the condition language (lib/cond): the first line of the input is a
 * condition, with the first byte choosing case-insensitive comparison; each
 * further line a value tested against it. A condition that parses must hold
 * for every value of its own list (COLUMN=...) and for none of them under
 * COLUMN!=...; comparisons must say 0, 1 or -1 (not a number). */
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	char *s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	int icase = data[0] & 1;
	char *values = strchr(s, '\n');
	if (values)
		*values++ = '\0';
	cond c;
	char err[COND_ERRSIZE];
	if (cond_parse(&c, s, icase, err, sizeof err) == 0) {
		for (size_t k = 0; k < c.nvalues; k++) {
			int v = cond_value(&c, c.values[k]);
			if (v != (c.op == COND_EQ))
				abort();
		}
		for (char *line = values; line && *line;) {
			char *next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			int v = cond_value(&c, line);
			if (v < -1 || v > 1 || (v < 0 && (c.op == COND_EQ || c.op == COND_NE)))
				abort();
			line = next;
		}
		cond_free(&c);
	} else if (!strstr(err, "condition '")) {
		abort();
	}
	free(s);
	return 0;
}
