/* Fuzz import as a whole tool: the input is the SPSS or Stata file, read
 * through ReadStat (lib/sav.c); the TSV and the codebook go to /dev/null. */
#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the last byte picks the options (the first ones are the file's magic) */
	char *argv[8] = {"import", "--quiet", NULL};
	int argc = 2;
	unsigned char pick = size ? data[size - 1] : 0;
	if (pick & 1) {
		argv[argc++] = "--codebook";
		argv[argc++] = "/dev/null";
	}
	if (pick & 2) {
		argv[argc++] = "--max-string";
		argv[argc++] = "64";
	}
	argv[argc] = NULL;
	fuzz_run_tool(tool_main, argc, argv, data, size);
	return 0;
}
