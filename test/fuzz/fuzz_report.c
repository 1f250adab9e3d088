/* Fuzz report as a whole tool: the input is its TSV of test rows. */
#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = {"report", "--quiet", "--by-family", "--effect", NULL};
	fuzz_run_tool(tool_main, 4, argv, data, size);
	return 0;
}
