/* Output files, atomic: see out.h. */
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"

enum { MAX_ATOMIC = 16, MAX_FILES = 32, MAX_HOPS = 40 };

/* The temporary files of the run. Fixed storage: the signal handler reads
 * the names, and a fuzz harness frees every allocation of a run. */
static struct {
	char tmp[PATH_MAX];	/* the temporary twin */
	char path[PATH_MAX];	/* the file it becomes (a link's target) */
	const char *name;	/* the name the user gave, for messages */
	FILE *fp;		/* its stream until closed (stdout for -o) */
	int used;
	int closed;		/* complete: put into place by close_stdout */
	int inplace;		/* copied into PATH, not renamed */
} atomic[MAX_ATOMIC];
static volatile sig_atomic_t live[MAX_ATOMIC];	/* 1: tmp exists on disk */

/* Every file the tool reads or writes, for the aliasing check: a regular
 * file by device and inode, a file not there yet by its normalised name. */
static struct {
	char name[256];		/* as given, for messages */
	char norm[PATH_MAX];	/* "" when the file exists */
	dev_t dev;
	ino_t ino;
	int output;
} seen[MAX_FILES];
static int nseen;
static int stdout_noted;
static const char *out_path;

static void
remove_temporaries(void)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		if (live[i]) {
			unlink(atomic[i].tmp);
			live[i] = 0;
		}
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
enum { NCAUGHT = sizeof caught / sizeof caught[0] };

/* A signal that ends the tool takes its temporaries along. */
static void
on_signal(int sig)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		if (live[i])
			unlink(atomic[i].tmp);
	signal(sig, SIG_DFL);
	raise(sig);	/* delivered when the handler returns */
}

/* The first temporary: remove them at exit and on a signal (one the parent
 * ignored, as a shell does for a background job's SIGINT, stays ignored). */
static void
catch_signals(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	atexit(remove_temporaries);
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	for (int k = 0; k < NCAUGHT; k++)
		sigaddset(&sa.sa_mask, caught[k]);
	for (int k = 0; k < NCAUGHT; k++) {
		struct sigaction old;
		if (sigaction(caught[k], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(caught[k], &sa, NULL);
	}
}

/* Hold the caught signals while a temporary is made, renamed or dropped, so
 * that the handler sees each name either live or gone. */
static void
hold_signals(int on, sigset_t *saved)
{
	if (on) {
		sigset_t set;
		sigemptyset(&set);
		for (int k = 0; k < NCAUGHT; k++)
			sigaddset(&set, caught[k]);
		sigprocmask(SIG_BLOCK, &set, saved);
	} else {
		sigprocmask(SIG_SETMASK, saved, NULL);
	}
}

void
out_reset(void)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		atomic[i].used = 0;
	nseen = 0;
	stdout_noted = 0;
	out_path = NULL;
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

/* ---- which file a path names ---- */

/* Into OUT: the file a write to PATH lands in, PATH with its symbolic links
 * followed by hand, as open(O_CREAT) does, so that a dangling link names the
 * file to make. -1 (errno ELOOP, ENAMETOOLONG) when there is none. */
static int
resolve(const char *path, char *out)
{
	if (strlen(path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(out, path);
	for (int hops = 0;; hops++) {
		struct stat st;
		if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode))
			return 0;
		if (hops == MAX_HOPS) {
			errno = ELOOP;
			return -1;
		}
		char buf[PATH_MAX];
		ssize_t n = readlink(out, buf, sizeof buf - 1);
		if (n < 0)
			return -1;
		buf[n] = '\0';
		const char *slash = strrchr(out, '/');
		size_t dir = buf[0] == '/' || !slash ? 0 : (size_t)(slash - out) + 1;
		if (dir + (size_t)n >= PATH_MAX) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(out + dir, buf, (size_t)n + 1);
	}
}

/* Into OUT: the name a file not there yet will have, its directory resolved
 * (realpath) and its last component appended; PATH as it is when its
 * directory cannot be resolved either. */
static void
normalise(const char *path, char *out)
{
	char target[PATH_MAX];
	if (resolve(path, target) != 0)
		snprintf(target, sizeof target, "%s", path);
	const char *slash = strrchr(target, '/');
	char dir[PATH_MAX];
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == target)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - target), target);
	char *real = realpath(dir, NULL);
	/* a name past PATH_MAX is cut: it names no file a tool could open */
	if (!real || snprintf(out, PATH_MAX, "%s/%s", strcmp(real, "/") ? real : "",
	                      slash ? slash + 1 : target) >= PATH_MAX)
		snprintf(out, PATH_MAX, "%s", target);
	free(real);
}

static void
check_empty_name(const char *path, const char *what)
{
	if (!*path)
		die_usage("%s: the file name is empty", what);
}

static void
conflict(const char *name, int output, int k)
{
	char a[256], b[256];
	err_quote(a, sizeof a, name, strlen(name));
	err_quote(b, sizeof b, seen[k].name, strlen(seen[k].name));
	int same = strcmp(name, seen[k].name) == 0;
	if (output && seen[k].output && same)
		die_usage("'%s' is given for two outputs: each needs a file of its own", a);
	if (output && seen[k].output)
		die_usage("'%s' and '%s' are one file: each output needs a file of its own",
		          a, b);
	if (same)
		die_usage("'%s' is both an input and an output: write the output to "
		          "another file", a);
	die_usage("'%s' and '%s' are one file, an input and an output: write the "
	          "output to another file", output ? b : a, output ? a : b);
}

/* Note NAME (ST when the file exists and is regular, else NORM) as an input
 * or an OUTPUT; two outputs on one file, or an output on an input, is a
 * usage error. */
static void
note_file(const char *name, const struct stat *st, const char *norm, int output)
{
	for (int k = 0; k < nseen; k++) {
		if (!output && !seen[k].output)
			continue;
		if (st ? !seen[k].norm[0] && seen[k].dev == st->st_dev &&
		         seen[k].ino == st->st_ino
		       : seen[k].norm[0] && strcmp(seen[k].norm, norm) == 0)
			conflict(name, output, k);
	}
	if (nseen == MAX_FILES)
		return;		/* more files than any tool writes: not compared */
	snprintf(seen[nseen].name, sizeof seen[nseen].name, "%s", name);
	seen[nseen].norm[0] = '\0';
	if (st) {
		seen[nseen].dev = st->st_dev;
		seen[nseen].ino = st->st_ino;
	} else {
		snprintf(seen[nseen].norm, sizeof seen[nseen].norm, "%s", norm);
	}
	seen[nseen++].output = output;
}

static void
note_output(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISREG(st.st_mode))
			note_file(path, &st, NULL, 1);
		return;		/* /dev/null, a FIFO: any number of writers */
	}
	char norm[PATH_MAX];
	normalise(path, norm);
	note_file(path, NULL, norm, 1);
}

void
out_input(const char *path, FILE *fp)
{
	struct stat st;
	int fd = fp ? fileno(fp) : -1;
	if (fd >= 0 ? fstat(fd, &st) == 0 : stat(path, &st) == 0)
		if (S_ISREG(st.st_mode))
			note_file(path, &st, NULL, 0);
}

/* ---- temporaries ---- */

static int
free_slot(void)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		if (!atomic[i].used)
			return i;
	die("too many output files at once");
}

/* Into TMP: the name of TARGET's temporary twin, FILE.tmp-XXXXXX beside
 * it, FILE cut where the whole would pass the longest name a directory
 * holds. */
static int
twin_name(const char *target, char *tmp)
{
	static const char suffix[] = ".tmp-XXXXXX";
	const char *slash = strrchr(target, '/');
	size_t dir = slash ? (size_t)(slash - target) + 1 : 0;
	size_t base = strlen(target) - dir;
	if (base > NAME_MAX - (sizeof suffix - 1))
		base = NAME_MAX - (sizeof suffix - 1);
	if (dir + base + sizeof suffix > PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(tmp, target, dir + base);
	memcpy(tmp + dir + base, suffix, sizeof suffix);
	return 0;
}

/* A temporary under $TMPDIR, for a file written in place at the end. */
static const char *
scratch_dir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir && *dir ? dir : "/tmp";
}

static int
scratch(char *tmp)
{
	const char *dir = scratch_dir();
	if ((size_t)snprintf(tmp, PATH_MAX, "%s/svy-XXXXXX", dir) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkstemp(tmp);
}

/* Give the twin FD of the existing TARGET its mode (and group, where we may);
 * a new file gets 0666 & ~umask. */
static int
copy_mode(int fd, const char *target)
{
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
	return fchmod(fd, mode);
}

/* Make the temporary of slot I, which becomes atomic[I].path; its
 * descriptor. A file with other hard links, or whose directory takes no new
 * file while the file itself is writable, gets a scratch file copied into it
 * at the end. */
static int
make_temporary(int i)
{
	catch_signals();
	const char *target = atomic[i].path;
	struct stat st;
	int exists = stat(target, &st) == 0;
	int inplace = exists && st.st_nlink > 1, fd = -1, e = 0;
	sigset_t saved;
	hold_signals(1, &saved);
	if (!inplace) {
		fd = twin_name(target, atomic[i].tmp) == 0 ? mkstemp(atomic[i].tmp) : -1;
		e = errno;
		if (fd < 0 && exists && (e == EACCES || e == EPERM || e == EROFS) &&
		    access(target, W_OK) == 0)
			inplace = 1;
	}
	const char *failed = atomic[i].name;
	if (inplace) {
		if (access(target, W_OK) != 0) {
			e = errno;
		} else if ((fd = scratch(atomic[i].tmp)) < 0) {
			e = errno;
			failed = NULL;
		}
	}
	if (fd >= 0)
		live[i] = 1;
	hold_signals(0, &saved);
	errno = e;
	if (fd < 0 && !failed)
		die_errno("%s: no temporary file in %s, to write it in place",
		          atomic[i].name, scratch_dir());
	if (fd < 0)
		die_errno("%s", failed);
	atomic[i].inplace = inplace;
	if (!inplace && copy_mode(fd, target) != 0)
		die_errno("%s", atomic[i].name);
	return fd;
}

/* Begin the atomic write of PATH in a free slot: its index, the temporary's
 * descriptor in *FD. */
static int
begin_atomic(const char *path, int *fd)
{
	int i = free_slot();
	if (resolve(path, atomic[i].path) != 0)
		die_errno("%s", path);
	atomic[i].used = 1;
	atomic[i].closed = 0;
	atomic[i].fp = NULL;
	atomic[i].name = path;
	*fd = make_temporary(i);
	return i;
}

/* Is PATH (followed) something other than a regular file? Not when missing. */
static int
is_special(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* Copy the scratch file of slot I into its file (truncated first). */
static int
copy_in_place(int i)
{
	int from = open(atomic[i].tmp, O_RDONLY);
	int to = from < 0 ? -1 : open(atomic[i].path, O_WRONLY | O_TRUNC);
	int ok = to >= 0;
	char buf[1 << 16];
	ssize_t n;
	while (ok && (n = read(from, buf, sizeof buf)) != 0) {
		ok = n > 0;
		for (ssize_t w = 0, k = 0; ok && k < n; k += w)
			ok = (w = write(to, buf + k, (size_t)(n - k))) > 0;
	}
	int e = errno;
	if (to >= 0 && close(to) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	if (from >= 0)
		close(from);
	errno = e;
	return ok ? 0 : -1;
}

/* Put slot I's file into place. */
static void
commit(int i)
{
	sigset_t saved;
	hold_signals(1, &saved);
	int r = atomic[i].inplace ? copy_in_place(i) : rename(atomic[i].tmp, atomic[i].path);
	int e = errno;
	if (r == 0 || !atomic[i].inplace) {
		if (r != 0 || atomic[i].inplace)
			unlink(atomic[i].tmp);
		live[i] = 0;
		atomic[i].used = 0;
	}
	hold_signals(0, &saved);
	errno = e;
	if (r != 0)
		die_errno("%s", atomic[i].name);
}

/* Every complete file into place: the scratch copies first (they are the
 * ones that may fail for want of space), then the renames. */
static void
commit_all(void)
{
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < MAX_ATOMIC; i++)
			if (atomic[i].used && atomic[i].closed && atomic[i].inplace == !pass)
				commit(i);
}

/* ---- the interface ---- */

FILE *
out_open(const char *path)
{
	check_empty_name(path, "output file");
	note_output(path);
	if (is_special(path)) {
		FILE *fp = fopen(path, "w");
		if (!fp)
			die_errno("%s", path);
		return fp;
	}
	int fd, i = begin_atomic(path, &fd);
	FILE *fp = fdopen(fd, "w");
	if (!fp)
		die_errno("%s", path);
	atomic[i].fp = fp;
	return fp;
}

const char *
out_temporary(const char *path)
{
	check_empty_name(path, "output file");
	if (out_path && strcmp(out_path, path) == 0)
		out_path = NULL;	/* -o FILE, which the other program writes */
	else
		note_output(path);
	if (is_special(path))
		return path;
	int fd, i = begin_atomic(path, &fd);
	close(fd);
	atomic[i].closed = 1;
	return atomic[i].tmp;
}

/* The slot of FP, or -1 when its file is not an atomic one. Found before
 * the stream is closed: a closed FILE * is not to be looked at. */
static int
slot_of(const FILE *fp)
{
	for (int i = 0; i < MAX_ATOMIC; i++)
		if (atomic[i].used && !atomic[i].closed && atomic[i].fp == fp)
			return i;
	return -1;
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
	if (slot >= 0) {
		atomic[slot].closed = 1;
		atomic[slot].fp = NULL;
	}
}

void
out_to_file(const char *path)
{
	check_empty_name(path, "option '--output'");
	note_output(path);
	out_path = path;
}

void
out_begin(void)
{
	if (!out_path) {
		struct stat st;	/* a shell redirection: an output too */
		if (!stdout_noted && fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode))
			note_file("<stdout>", &st, NULL, 1);
		stdout_noted = 1;
		return;
	}
	const char *path = out_path;
	out_path = NULL;
	if (fflush(stdout) != 0)
		out_write_failed("<stdout>");
	if (is_special(path)) {
		if (!freopen(path, "w", stdout))
			die_errno("%s", path);
		return;
	}
	int fd, i = begin_atomic(path, &fd);
	if (dup2(fd, STDOUT_FILENO) < 0)
		die_errno("%s", path);
	close(fd);
	atomic[i].fp = stdout;
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
	if (slot >= 0)
		atomic[slot].closed = 1;
	commit_all();
}
