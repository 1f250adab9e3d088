/* Output files, atomic: see out.h. */
#include "out.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"

enum { MAX_ATOMIC = 16 };
static struct {
	FILE *fp;		/* NULL: the slot is free; stdout for --output */
	char *tmp;		/* the temporary twin */
	char *path;		/* the file it replaces (a link's target) */
} atomic[MAX_ATOMIC];
static const char *out_path;

/* A tool that dies leaves no temporary file behind. */
static void
remove_temporaries(void)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		if (atomic[i].fp) {
			unlink(atomic[i].tmp);
			atomic[i].fp = NULL;
		}
}

noreturn void
out_write_failed(const char *name)
{
	if (errno == EPIPE)
		exit(EXIT_DATA);	/* quietly: the reader has gone */
	if (errno == 0)
		errno = EIO;	/* an error stdio saw earlier, its cause lost */
	die_errno("%s: write error", name);
}

/* The file a write to PATH lands in: PATH itself, or, for a symbolic link,
 * the file it names (allocated, or NULL when PATH is no link). A dangling
 * link names a file that does not exist yet: the link's target, resolved
 * relative to the link's directory. */
static char *
link_target(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return NULL;
	char *real = realpath(path, NULL);
	if (real)
		return real;
	/* dangling: follow one link by hand, as open(O_CREAT) would */
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	const char *slash = strrchr(path, '/');
	if (buf[0] == '/' || !slash)
		return xstrdup(buf);
	size_t dir = (size_t)(slash - path) + 1;
	char *t = xmalloc(dir + (size_t)n + 1);
	memcpy(t, path, dir);
	memcpy(t + dir, buf, (size_t)n + 1);
	return t;
}

/* Create the temporary twin of TARGET; returns its descriptor, the name in
 * *TMP. Its mode is TARGET's when TARGET exists, else 0666 & ~umask. PATH is
 * the name the user gave, for messages. */
static int
create_temporary(const char *target, const char *path, char **tmp)
{
	static int registered;
	if (!registered && atexit(remove_temporaries) == 0)
		registered = 1;
	size_t n = strlen(target);
	*tmp = xmalloc(n + sizeof ".tmp-XXXXXX");
	memcpy(*tmp, target, n);
	memcpy(*tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		free(*tmp);
		die_errno("%s", path);
	}
	struct stat st;
	mode_t mode;
	if (stat(target, &st) == 0) {
		mode = st.st_mode & 07777;
		/* the group too, where we may (a shared directory's group) */
		if (st.st_gid != getegid() && fchown(fd, (uid_t)-1, st.st_gid) != 0)
			errno = 0;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(fd, mode) != 0) {
		int e = errno;
		unlink(*tmp);
		errno = e;
		die_errno("%s", path);
	}
	return fd;
}

static void
remember(FILE *fp, char *tmp, char *target)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		if (!atomic[i].fp) {
			atomic[i].fp = fp;
			atomic[i].tmp = tmp;
			atomic[i].path = target;
			return;
		}
	unlink(tmp);
	die("%s: too many output files at once", target);
}

/* The slot of FP, or -1 when its file is not an atomic one. Found before
 * the stream is closed: a closed FILE * is not to be looked at. */
static int
slot_of(const FILE *fp)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		if (atomic[i].fp == fp)
			return i;
	return -1;
}

/* Rename the closed file of slot I into place. */
static void
commit(int i)
{
	if (i < 0)
		return;
	atomic[i].fp = NULL;
	if (rename(atomic[i].tmp, atomic[i].path) != 0) {
		int e = errno;
		unlink(atomic[i].tmp);
		errno = e;
		die_errno("%s", atomic[i].path);
	}
	free(atomic[i].tmp);
	free(atomic[i].path);
}

/* Is PATH (followed) something other than a regular file, or missing? */
static int
is_special(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* Prepare an atomic write of PATH: the descriptor of the temporary file,
 * registered with stream FP later by the caller; *TMP and *TARGET set. */
static int
begin_atomic(const char *path, char **tmp, char **target)
{
	char *t = link_target(path);
	*target = t ? t : xstrdup(path);
	return create_temporary(*target, path, tmp);
}

FILE *
out_open(const char *path)
{
	if (is_special(path)) {
		FILE *fp = fopen(path, "w");
		if (!fp)
			die_errno("%s", path);
		return fp;
	}
	char *tmp, *target;
	int fd = begin_atomic(path, &tmp, &target);
	FILE *fp = fdopen(fd, "w");
	if (!fp) {
		unlink(tmp);
		die_errno("%s", path);
	}
	remember(fp, tmp, target);
	return fp;
}

void
out_close(FILE *fp, const char *name)
{
	int slot = slot_of(fp);
	errno = 0;
	if (fflush(fp) != 0 || ferror(fp))
		out_write_failed(name);
	errno = 0;
	if (fclose(fp) != 0)
		out_write_failed(name);
	commit(slot);
}

void
out_to_file(const char *path)
{
	out_path = path;
}

void
out_begin(void)
{
	if (!out_path)
		return;
	const char *path = out_path;
	out_path = NULL;
	if (fflush(stdout) != 0)
		out_write_failed("<stdout>");
	if (is_special(path)) {
		if (!freopen(path, "w", stdout))
			die_errno("%s", path);
		return;
	}
	char *tmp, *target;
	int fd = begin_atomic(path, &tmp, &target);
	if (dup2(fd, STDOUT_FILENO) < 0) {
		unlink(tmp);
		die_errno("%s", path);
	}
	close(fd);
	remember(stdout, tmp, target);
}

void
out_flush(void)
{
	out_begin();
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		out_write_failed("<stdout>");
}

void
close_stdout(void)
{
	out_flush();	/* a tool that wrote nothing still makes its --output file */
	int slot = slot_of(stdout);
	errno = 0;
	err_stdout_closed = 1;
	if (fclose(stdout) != 0)
		out_write_failed("<stdout>");
	commit(slot);
}
