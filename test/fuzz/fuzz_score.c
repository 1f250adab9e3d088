/* Fuzz score as a whole tool, the factor model's reader (lib/fmodel.c)
 * first: the input is split at the first NUL byte into a model and the TSV
 * to score; the second byte of the model picks the options (Bartlett,
 * min-max, refit). */
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
	size_t msize = nul ? (size_t)(nul - data) : size;
	const uint8_t *tsv = nul ? nul + 1 : data + size;
	size_t tsvsize = size - msize - (nul ? 1 : 0);
	char model[64];
	snprintf(model, sizeof model, "/tmp/svy-fuzz-model-%d", (int)getpid());
	if (write_file(model, data, msize))
		return 0;
	unsigned pick = msize > 1 ? data[1] : 0;
	char *argv[12] = {"score", "--quiet", "--model", model};
	int argc = 4;
	if (pick & 1)
		argv[argc++] = "--method=bartlett";
	if (pick & 2)
		argv[argc++] = "--normalize=minmax";
	if (pick & 4)
		argv[argc++] = "--standardize=refit";
	else if (pick & 8)
		argv[argc++] = "--standardize=sample";
	argv[argc] = NULL;
	fuzz_run_tool(tool_main, argc, argv, tsv, tsvsize);
	unlink(model);
	return 0;
}
