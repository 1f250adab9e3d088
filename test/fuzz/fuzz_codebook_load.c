/* Fuzz the codebook loader (lib/codebook.c), then encode a few answers with each scale. */
#include <stdlib.h>
#include <unistd.h>

#include "codebook.h"
#include "harness.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	fuzz_fds_mark();
	/* codebook_load reads a path: give it one */
	char path[] = "/tmp/svy-fuzz-codebook-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	fuzz_track_begin();
	if (setjmp(fuzz_jmp) == 0) {
		codebook *cb = codebook_load(path);
		for (size_t i = 0; i < cb->nscales; i++) {
			(void)cb_lookup(cb->scales[i], "Yes", 3);
			(void)cb_lookup(cb->scales[i], "", 0);
		}
		codebook_free(cb);
	}
	fuzz_track_end();
	unlink(path);
	fuzz_fds_sweep();
	return 0;
}
