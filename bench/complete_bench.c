/*
 * complete_bench.c - Tab completion latency on a real store: what one
 * Tab costs the console (cursor analysis, the tree's and the schema's
 * words, the store's values, the text to insert), measured by calling
 * the console's own completion function.
 *
 *   complete_bench DB RUNS LINE...
 *
 * For each LINE (the input up to the cursor) prints the median and the
 * worst time in milliseconds and how many candidates it found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "shell_local.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One Tab: candidates and the text it would insert. */
static int
tab(struct eng *e, const char *line)
{
	struct sh_cands c;
	char ins[512];
	int n;

	sh_cands_collect(e, line, strlen(line), eng_cwd(e), &c);
	sh_complete_text(&c, ins, sizeof(ins));
	n = c.n;
	sh_cands_free(&c);
	return n;
}

int
main(int argc, char **argv)
{
	struct eng_opts o = { 0 };
	struct eng *e;
	char err[512];
	double *t;
	int runs, i, k, n = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: complete_bench DB RUNS LINE...\n");
		return 2;
	}
	runs = atoi(argv[2]);
	if (runs <= 0 || (t = calloc((size_t)runs, sizeof(*t))) == NULL)
		return 2;
	o.db_path = argv[1];
	o.user = "admin";
	o.width = 80;
	o.out = stdout;
	o.err = stderr;
	if ((e = eng_open(&o, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complete_bench: %s\n", err);
		free(t);
		return 1;
	}
	for (k = 3; k < argc; k++) {
		tab(e, argv[k]);	/* warm the page cache */
		for (i = 0; i < runs; i++) {
			double t0 = now_ms();

			n = tab(e, argv[k]);
			t[i] = now_ms() - t0;
		}
		qsort(t, (size_t)runs, sizeof(*t), cmp_double);
		printf("%.3f %.3f %d %s\n", t[runs / 2], t[runs - 1], n,
		    argv[k]);
	}
	eng_close(e);
	free(t);
	return 0;
}
