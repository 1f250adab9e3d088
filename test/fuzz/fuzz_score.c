/* Fuzz score as a whole tool, the factor model's reader (lib/fmodel.c)
 * first: the input is split at the first NUL byte into a model and the TSV
 * to score; the second byte of the model picks the options (Bartlett,
 * min-max, refit). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *tsv;
	size_t tsvsize;
	char model[64];
	long msize = fuzz_split_file(data, size, "model", model, sizeof model, &tsv, &tsvsize);
	if (msize < 0)
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
