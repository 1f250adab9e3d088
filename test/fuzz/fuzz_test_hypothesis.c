/* Fuzz test-hypothesis as a whole tool: the input is split at the first NUL
 * byte into a hypotheses plan (--plan) and the data TSV (standard input). */
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
	char plan[64];
	long plansize = fuzz_split_file(data, size, "plan", plan, sizeof plan, &tsv, &tsvsize);
	if (plansize < 0)
		return 0;
	char *argv[] = {"test-hypothesis", "--quiet", "--plan", plan, NULL};
	fuzz_run_tool(tool_main, 4, argv, tsv, tsvsize);
	unlink(plan);
	return 0;
}
