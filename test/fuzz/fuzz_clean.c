/* Fuzz clean as a whole tool: the input is the CSV export. */
#include <getopt.h>
#include <stdlib.h>

#include "harness.h"

int tool_main(int argc, char **argv);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	fuzz_fds_mark();
	FILE *devnull = fopen("/dev/null", "w");
	FILE *in = fuzz_stream(data, size);
	if (!devnull || !in)
		return 0;
	FILE *saved_in = stdin, *saved_out = stdout;
	stdin = in;
	stdout = devnull;
	/* the first byte picks the options, the way users mix them */
	char *argv[8] = {"clean", "--quiet", NULL};
	int argc = 2;
	if (size && (data[0] & 1))
		argv[argc++] = "--invalid-utf8=replace";
	if (size && (data[0] & 2))
		argv[argc++] = "--keep-incomplete";
	if (size && (data[0] & 4))
		argv[argc++] = "--rename-duplicates";
	argv[argc] = NULL;
	optind = 0;
	fuzz_track_begin();
	if (setjmp(fuzz_jmp) == 0)
		tool_main(argc, argv);
	else
		fclose(stdout);
	fuzz_track_end();
	fclose(in);
	stdin = saved_in;
	stdout = saved_out;
	fuzz_fds_sweep();
	return 0;
}
