/*
 * ptytime.c - how long a program on a pseudo-terminal takes to show
 * something: the time from fork to the first appearance of PATTERN in
 * its output (or to its exit when no pattern is given), over N runs.
 * Prints the median and the minimum in milliseconds.
 *
 *   ptytime [-n N] [-p PATTERN] -- PROGRAM [ARG...]
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One run; the elapsed milliseconds, or -1 on failure or timeout. */
static double
run_once(char **argv, const char *pattern)
{
	struct winsize ws = { 24, 80, 0, 0 };
	char buf[65536];
	size_t have = 0;
	double t0 = now_ms(), t1 = -1;
	int fd, st;
	pid_t pid;

	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		struct pollfd pf = { fd, POLLIN, 0 };
		ssize_t n;

		if (now_ms() - t0 > 10000 || poll(&pf, 1, 1000) < 0)
			break;
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n <= 0) {
			if (pattern == NULL)
				t1 = now_ms();
			break;
		}
		have += (size_t)n;
		buf[have] = '\0';
		if (pattern != NULL && strstr(buf, pattern) != NULL) {
			t1 = now_ms();
			break;
		}
		if (have > sizeof(buf) / 2) {
			memmove(buf, buf + have / 2, have - have / 2 + 1);
			have -= have / 2;
		}
	}
	close(fd);	/* the terminal hangs up */
	kill(pid, SIGHUP);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return t1 < 0 ? -1 : t1 - t0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	const char *pattern = NULL;
	int n = 21, i, c, k = 0;
	double *t;

	while ((c = getopt(argc, argv, "n:p:")) != -1) {
		if (c == 'n')
			n = atoi(optarg);
		else if (c == 'p')
			pattern = optarg;
		else
			return 2;
	}
	if (optind >= argc || n <= 0) {
		fprintf(stderr, "usage: ptytime [-n N] [-p PATTERN] -- "
		    "PROGRAM [ARG...]\n");
		return 2;
	}
	t = calloc((size_t)n, sizeof(*t));
	if (t == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		double ms = run_once(argv + optind, pattern);

		if (ms >= 0)
			t[k++] = ms;
	}
	if (k == 0) {
		fprintf(stderr, "ptytime: %s never showed it\n", argv[optind]);
		free(t);
		return 1;
	}
	qsort(t, (size_t)k, sizeof(*t), cmp_double);
	printf("%.2f %.2f\n", t[k / 2], t[0]);
	free(t);
	return 0;
}
