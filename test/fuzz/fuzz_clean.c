/* Fuzz clean as a whole tool: the input is the CSV export. */
#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the first byte picks the options, the way users mix them */
	char *argv[8] = {"clean", "--quiet", NULL};
	int argc = 2;
	if (size && (data[0] & 1))
		argv[argc++] = "--invalid-utf8=replace";
	if (size && (data[0] & 2))
		argv[argc++] = "--keep-incomplete";
	if (size && (data[0] & 4))
		argv[argc++] = "--rename-duplicates";
	if (size && (data[0] & 8))
		argv[argc++] = "--platform=qualtrics";
	argv[argc] = NULL;
	fuzz_run_tool(tool_main, argc, argv, data, size);
	return 0;
}
