/* Shared by the fuzz targets: fatal errors return to the target through
 * longjmp instead of ending the fuzzer (a named error is the right outcome
 * for bad input; only crashes and sanitizer reports are findings). */
#ifndef SVY_FUZZ_HARNESS_H
#define SVY_FUZZ_HARNESS_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <fcntl.h>
#include <unistd.h>

#include "err.h"

static jmp_buf fuzz_jmp;

static noreturn void
fuzz_exit(int status)
{
	longjmp(fuzz_jmp, status ? status : 1);
}

static void
fuzz_init(void)
{
	err_exit_hook = fuzz_exit;
}

/* The input as a read-only stream. */
static FILE *
fuzz_stream(const uint8_t *data, size_t size)
{
	/* fmemopen rejects a size of 0; an empty file it is then */
	static const uint8_t empty[1];
	FILE *fp = fmemopen((void *)(size ? data : empty), size ? size : 1, "r");
	if (fp && !size)
		fgetc(fp);
	return fp;
}

/* A fatal error leaves the files the code had open; close every descriptor
 * that was not open before the input was run. */
enum { FUZZ_MAXFD = 256 };
static unsigned char fuzz_fd_open[FUZZ_MAXFD];

static void
fuzz_fds_mark(void)
{
	for (int fd = 0; fd < FUZZ_MAXFD; fd++)
		fuzz_fd_open[fd] = fcntl(fd, F_GETFD) != -1;
}

static void
fuzz_fds_sweep(void)
{
	for (int fd = 3; fd < FUZZ_MAXFD; fd++)
		if (!fuzz_fd_open[fd] && fcntl(fd, F_GETFD) != -1)
			close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
