/* Shared by the fuzz targets: fatal errors return to the target through
 * longjmp instead of ending the fuzzer (a named error is the right outcome
 * for bad input; only crashes and sanitizer reports are findings). */
#ifndef SVY_FUZZ_HARNESS_H
#define SVY_FUZZ_HARNESS_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- allocations of one input --------------------------------------------
 * A fatal error longjmps out of a tool that still holds its memory and open
 * files; run after run that would exhaust memory. The targets are linked with
 * --wrap for malloc, calloc, realloc, free, fopen and fclose (see the
 * Makefile): between fuzz_track_begin and fuzz_track_end every allocation and
 * opened file is recorded, and fuzz_track_end frees and closes what is left. */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
FILE *__real_fopen(const char *path, const char *mode);
int __real_fclose(FILE *fp);

static int fuzz_tracking;
static void **fuzz_live;		/* open addressing; NULL empty, TOMB deleted */
static size_t fuzz_cap, fuzz_used;
static FILE *fuzz_files[64];
static char fuzz_tomb;
#define FUZZ_TOMB ((void *)&fuzz_tomb)

static size_t
fuzz_slot(const void *p)
{
	uintptr_t h = (uintptr_t)p;
	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15u;
	return (size_t)(h >> 7) & (fuzz_cap - 1);
}

static void fuzz_live_add(void *p);

static void
fuzz_live_grow(void)
{
	void **old = fuzz_live;
	size_t oldcap = fuzz_cap;
	fuzz_cap = fuzz_cap ? fuzz_cap * 2 : 1024;
	fuzz_live = __real_calloc(fuzz_cap, sizeof *fuzz_live);
	if (!fuzz_live)
		abort();
	fuzz_used = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i] && old[i] != FUZZ_TOMB)
			fuzz_live_add(old[i]);
	__real_free(old);
}

static void
fuzz_live_add(void *p)
{
	if (!p)
		return;
	if ((fuzz_used + 1) * 2 > fuzz_cap)
		fuzz_live_grow();
	size_t i = fuzz_slot(p);
	while (fuzz_live[i] && fuzz_live[i] != FUZZ_TOMB)
		i = (i + 1) & (fuzz_cap - 1);
	fuzz_live[i] = p;
	fuzz_used++;
}

static void
fuzz_live_remove(void *p)
{
	if (!p || !fuzz_cap)
		return;
	for (size_t i = fuzz_slot(p); fuzz_live[i]; i = (i + 1) & (fuzz_cap - 1))
		if (fuzz_live[i] == p) {
			fuzz_live[i] = FUZZ_TOMB;
			return;
		}
}

void *
__wrap_malloc(size_t n)
{
	void *p = __real_malloc(n);
	if (fuzz_tracking)
		fuzz_live_add(p);
	return p;
}

void *
__wrap_calloc(size_t n, size_t size)
{
	void *p = __real_calloc(n, size);
	if (fuzz_tracking)
		fuzz_live_add(p);
	return p;
}

void *
__wrap_realloc(void *p, size_t n)
{
	void *q = __real_realloc(p, n);
	if (fuzz_tracking && (q || n == 0)) {
		fuzz_live_remove(p);
		fuzz_live_add(q);
	}
	return q;
}

void
__wrap_free(void *p)
{
	if (fuzz_tracking)
		fuzz_live_remove(p);
	__real_free(p);
}

FILE *
__wrap_fopen(const char *path, const char *mode)
{
	FILE *fp = __real_fopen(path, mode);
	if (fp && fuzz_tracking)
		for (size_t i = 0; i < sizeof fuzz_files / sizeof *fuzz_files; i++)
			if (!fuzz_files[i]) {
				fuzz_files[i] = fp;
				break;
			}
	return fp;
}

int
__wrap_fclose(FILE *fp)
{
	for (size_t i = 0; i < sizeof fuzz_files / sizeof *fuzz_files; i++)
		if (fuzz_files[i] == fp)
			fuzz_files[i] = NULL;
	return __real_fclose(fp);
}

static void
fuzz_track_begin(void)
{
	fuzz_tracking = 1;
}

static void
fuzz_track_end(void)
{
	fuzz_tracking = 0;
	for (size_t i = 0; i < sizeof fuzz_files / sizeof *fuzz_files; i++)
		if (fuzz_files[i]) {
			__real_fclose(fuzz_files[i]);
			fuzz_files[i] = NULL;
		}
	for (size_t i = 0; i < fuzz_cap; i++)
		if (fuzz_live[i] && fuzz_live[i] != FUZZ_TOMB)
			__real_free(fuzz_live[i]);
	__real_free(fuzz_live);
	fuzz_live = NULL;
	fuzz_cap = fuzz_used = 0;
}

/* Run a whole tool, TOOL_MAIN (its main, compiled as tool_main), with ARGV
 * and the bytes DATA as its standard input, its output thrown away; a fatal
 * error returns here, and what the tool held is released. */
static void
fuzz_run_tool(int (*tool_main)(int, char **), int argc, char **argv,
              const uint8_t *data, size_t size)
{
	fuzz_init();
	fuzz_fds_mark();
	FILE *devnull = fopen("/dev/null", "w");
	FILE *in = fuzz_stream(data, size);
	if (!devnull || !in) {
		if (devnull)
			fclose(devnull);
		if (in)
			fclose(in);
		return;
	}
	FILE *saved_in = stdin, *saved_out = stdout;
	stdin = in;
	stdout = devnull;
	optind = 0;
	fuzz_track_begin();
	if (setjmp(fuzz_jmp) == 0)
		tool_main(argc, argv);
	else
		fclose(stdout);	/* the tool closes it when it gets that far */
	fuzz_track_end();
	fclose(in);
	stdin = saved_in;
	stdout = saved_out;
	fuzz_fds_sweep();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fuzz input of a tool that reads a side file and a TSV: DATA split at
 * its first NUL byte, the part before written to a temporary file named
 * after TAG (its path into PATH), the rest into *REST and *RESTSIZE.
 * Returns the size of the first part, or -1 when the file cannot be
 * written. The caller unlinks PATH. */
static long
fuzz_split_file(const uint8_t *data, size_t size, const char *tag, char *path,
                size_t pathsize, const uint8_t **rest, size_t *restsize)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t first = nul ? (size_t)(nul - data) : size;
	*rest = nul ? nul + 1 : data + size;
	*restsize = size - first - (nul ? 1 : 0);
	snprintf(path, pathsize, "/tmp/svy-fuzz-%s-%d", tag, (int)getpid());
	FILE *fp = fopen(path, "w");
	if (!fp)
		return -1;
	size_t n = fwrite(data, 1, first, fp);
	return fclose(fp) == 0 && n == first ? (long)first : -1;
}

#endif
