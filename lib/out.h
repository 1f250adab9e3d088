/* Output files: -o/--output and side files (--rejects, --summary, ...).
 *
 * Every output file is atomic: written under a temporary name beside the file
 * it replaces and renamed into place when closed without error, so a reader
 * (or make) never sees half a file, and a tool that fails leaves the old file,
 * or none. What the user set is kept:
 *   - an existing file keeps its permissions (the temporary file gets its
 *     mode before the rename);
 *   - a symbolic link is followed: the file it names is replaced, the link
 *     stays;
 *   - a new file gets the mode a shell redirection would give it,
 *     0666 & ~umask.
 * A path that is not a regular file (/dev/null, /dev/stdout, a FIFO) is
 * written directly. */
#ifndef SVY_OUT_H
#define SVY_OUT_H

#include <stdio.h>
#include <stdnoreturn.h>

/* Open PATH for writing, atomically as above; dies when it cannot. */
FILE *out_open(const char *path);

/* Flush and close FP (from out_open, or any stream) and rename its file into
 * place; any write error is fatal, naming NAME. */
void out_close(FILE *fp, const char *name);

/* -o FILE: standard output goes to FILE, atomically. The switch happens at
 * out_begin (tsvw_init on stdout calls it), after --help and --version. */
void out_to_file(const char *path);
void out_begin(void);

/* Flush standard output, dying on a write error: call it before a summary
 * that says the tool succeeded. */
void out_flush(void);

/* Flush and close stdout at the end of main, failing on any write error
 * (with the error the system gave, "No space left on device"); with
 * --output, then rename the finished file into place. */
void close_stdout(void);

/* A write to NAME failed (errno says why): exit 1 with the reason, or
 * quietly when the reader of a pipe has gone. */
noreturn void out_write_failed(const char *name);

#endif
