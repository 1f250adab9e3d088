/* Fuzz strict number parsing and the round-trip format. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "num.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	double x, y;
	if (num_parse(s, &x) == NUM_OK) {
		char buf[NUM_BUFSIZE];
		/* what we print must read back as the same number */
		if (num_parse(num_format(buf, x), &y) != NUM_OK || y != x)
			abort();
	}
	free(s);
	return 0;
}
