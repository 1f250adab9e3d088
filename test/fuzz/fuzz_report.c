/* Fuzz report as a whole tool: the input is its TSV of test rows, or (when
 * it starts with the byte 3) the text of --fill after that byte. */
#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 0 && data[0] == 3) {
		char *argv[] = {"report", "--fill", NULL};
		fuzz_run_tool(tool_main, 2, argv, data + 1, size - 1);
		return 0;
	}
	char *argv[] = {"report", "--quiet", "--by-family", "--effect", NULL};
	fuzz_run_tool(tool_main, 4, argv, data, size);
	return 0;
}
