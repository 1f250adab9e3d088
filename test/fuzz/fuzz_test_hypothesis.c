/* Fuzz test-hypothesis as a whole tool: the input is split at the first NUL
 * byte into a hypotheses plan (--plan) and the data TSV (standard input). */
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
	size_t plansize = nul ? (size_t)(nul - data) : size;
	const uint8_t *tsv = nul ? nul + 1 : data + size;
	size_t tsvsize = size - plansize - (nul ? 1 : 0);
	char plan[64];
	snprintf(plan, sizeof plan, "/tmp/svy-fuzz-plan-%d", (int)getpid());
	if (write_file(plan, data, plansize))
		return 0;
	char *argv[] = {"test-hypothesis", "--quiet", "--plan", plan, NULL};
	fuzz_run_tool(tool_main, 4, argv, tsv, tsvsize);
	unlink(plan);
	return 0;
}
