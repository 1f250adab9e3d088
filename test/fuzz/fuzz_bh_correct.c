/* Fuzz bh-correct as a whole tool: the input is its TSV. */
#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = {"bh-correct", "--quiet", NULL};
	fuzz_run_tool(tool_main, 2, argv, data, size);
	return 0;
}
