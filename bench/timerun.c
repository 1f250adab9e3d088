/* timerun: run a command REPS times; print its wall seconds and peak RSS.
 *
 * usage: timerun REPS IN OUT ERR COMMAND [ARG]...
 *
 * Each run has stdin from IN, stdout to OUT, stderr to ERR (opened anew per
 * run). Prints one line per run: wall seconds (CLOCK_MONOTONIC around fork
 * and wait4), peak RSS in KB (wait4's ru_maxrss: the largest of the command
 * and its waited-for descendants) and CPU seconds (user + system, the
 * command's and its waited-for descendants'). That is what GNU time's %e,
 * %M and %U + %S report, to the microsecond instead of the centisecond small inputs
 * need; a small C parent, so that the child's RSS before exec is not a
 * large interpreter's. Exit 1 when a run fails, 2 on bad usage.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0644);
	if (f < 0 || dup2(f, fd) < 0) {
		perror(path);
		_exit(127);
	}
	close(f);
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fputs("usage: timerun REPS IN OUT ERR COMMAND [ARG]...\n", stderr);
		return 2;
	}
	int reps = atoi(argv[1]);
	for (int i = 0; i < reps; i++) {
		double t0 = now();
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			redirect(argv[2], 0, O_RDONLY);
			redirect(argv[3], 1, O_WRONLY | O_CREAT | O_TRUNC);
			redirect(argv[4], 2, O_WRONLY | O_CREAT | O_TRUNC);
			execvp(argv[5], argv + 5);
			perror(argv[5]);
			_exit(127);
		}
		int status;
		struct rusage ru;
		if (wait4(pid, &status, 0, &ru) < 0) {
			perror("wait4");
			return 1;
		}
		double sec = now() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "timerun: %s failed (status %d)\n", argv[5], status);
			return 1;
		}
		double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		             (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		printf("%.6f %ld %.6f\n", sec, ru.ru_maxrss, cpu);
		fflush(stdout);
	}
	return 0;
}
