/* Fuzz codebook as a whole tool, drafting from an export: the first byte
 * chooses how the rest is read (CSV, TSV, or detected from the content) and
 * a small --max-levels, so that every kind of column is reached. */
#include <string.h>

#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const formats[] = {"csv", "tsv", "csv", "tsv"};
	char format[8], levels[8];
	snprintf(format, sizeof format, "%s", formats[data[0] & 3]);
	snprintf(levels, sizeof levels, "%d", 2 + (data[0] >> 4));
	char *argv[] = {"codebook", "--quiet", "--format", format, "--max-levels", levels, NULL};
	int argc = 6;
	if ((data[0] & 12) == 12)
		argc = 2;	/* the format detected from the content */
	fuzz_run_tool(tool_main, argc, argv, data + 1, size - 1);
	return 0;
}
