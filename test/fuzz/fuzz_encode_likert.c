/* Fuzz encode-likert as a whole tool: the input is split at the first NUL
 * byte into a codebook and the TSV to encode. */
#include <getopt.h>
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
	char cb[64];
	long cbsize = fuzz_split_file(data, size, "cb", cb, sizeof cb, &tsv, &tsvsize);
	if (cbsize < 0)
		return 0;
	char *argv[] = {"encode-likert", "--quiet", "--codebook", cb, NULL};
	fuzz_run_tool(tool_main, 4, argv, tsv, tsvsize);
	unlink(cb);
	return 0;
}
