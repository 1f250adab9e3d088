/* Fuzz encode-likert as a whole tool: the input is split at the first NUL
 * byte into a codebook and the TSV to encode. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

int tool_main(int argc, char **argv);

static int
write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "w");
	if (!fp)
		return -1;
	size_t n = fwrite(data, 1, size, fp);
	return fclose(fp) == 0 && n == size ? 0 : -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t cbsize = nul ? (size_t)(nul - data) : size;
	const uint8_t *tsv = nul ? nul + 1 : data + size;
	size_t tsvsize = size - cbsize - (nul ? 1 : 0);
	char cb[64];
	snprintf(cb, sizeof cb, "/tmp/svy-fuzz-cb-%d", (int)getpid());
	if (write_file(cb, data, cbsize))
		return 0;
	char *argv[] = {"encode-likert", "--quiet", "--codebook", cb, NULL};
	fuzz_run_tool(tool_main, 4, argv, tsv, tsvsize);
	unlink(cb);
	return 0;
}
