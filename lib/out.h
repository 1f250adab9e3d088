/* Output files: -o/--output and side files (--rejects, --summary, ...).
 *
 * Every output file is atomic: written under a temporary name beside the file
 * it replaces (FILE.tmp-XXXXXX, the name cut to fit the system's limit) and
 * renamed into place when the tool succeeds, so a reader (or make) never sees
 * half a file, and a tool that fails leaves the old file, or none. A tool
 * with several outputs renames them together, at close_stdout: a failure
 * leaves every old file. SIGINT, SIGTERM and SIGHUP remove the temporaries.
 * What the user set is kept:
 *   - an existing file keeps its permissions (the temporary file gets its
 *     mode before the rename);
 *   - a symbolic link is followed: the file it names is replaced, the link
 *     stays (a loop of links is an error);
 *   - a new file gets the mode a shell redirection would give it,
 *     0666 & ~umask;
 *   - a file with other hard links, or one in a directory where no file can
 *     be made, is written in place, as a shell redirection would: the output
 *     is kept in a temporary file under $TMPDIR and copied into the file at
 *     the end (only that copy is not atomic).
 * A path that is not a regular file (/dev/null, /dev/stdout, a FIFO) is
 * written directly.
 *
 * Two outputs on one file, or an output on an input, is a usage error: files
 * are compared by device and inode, a file that does not exist yet by its
 * normalised name. */
#ifndef SVY_OUT_H
#define SVY_OUT_H

#include <stdio.h>
#include <stdnoreturn.h>

/* Open PATH for writing, atomically as above; dies when it cannot. */
FILE *out_open(const char *path);

/* Flush and close FP (from out_open, or any stream); any write error is
 * fatal, naming NAME. Its file is renamed into place by close_stdout. */
void out_close(FILE *fp, const char *name);

/* For a file another program writes (gnuplot's figure): the name of a new,
 * empty temporary file that takes the place of PATH at close_stdout, made
 * (and checked) as out_open's; PATH itself when it is not a regular file.
 * PATH given to out_to_file before (-o) is taken from standard output. */
const char *out_temporary(const char *path);

/* -o FILE: standard output goes to FILE, atomically. The switch happens at
 * out_begin (tsvw_init on stdout calls it), after --help and --version. */
void out_to_file(const char *path);
void out_begin(void);

/* PATH (FP) is an input of the tool: no output may be written onto it. */
void out_input(const char *path, FILE *fp);

/* Forget the files of an earlier run (err_init calls it). */
void out_reset(void);

/* Flush standard output, dying on a write error: call it before a summary
 * that says the tool succeeded. */
void out_flush(void);

/* Flush and close stdout at the end of main, failing on any write error
 * (with the error the system gave, "No space left on device"); then put
 * every finished output file into place. */
void close_stdout(void);

/* A write to NAME failed (errno says why): exit 1 with the reason, or
 * quietly when the reader of a pipe has gone. */
noreturn void out_write_failed(const char *name);

#endif
