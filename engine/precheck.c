/*
 * precheck.c - the "parse everything first" rule of scripts (a syntax
 * error anywhere runs nothing) without a second pass on the critical
 * path: a thread parses the whole script while the engine already runs
 * it inside the script's transaction.  Until the check is done, console
 * output is held back and anything that acts outside the store waits;
 * if the check finds an error, the transaction is rolled back and the
 * held output dropped, so the result is as if nothing had run.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"

struct precheck {
	pthread_t th;
	const char *src;
	size_t len;
	char cwd[256];
	int interactive;
	struct gr_error ge;
	atomic_int done;
	int joined;
};

static void *
pc_main(void *arg)
{
	struct precheck *pc = arg;
	struct gr_opts go = { pc->cwd, pc->interactive };
	struct gr_stream *gs;
	struct ast_node *n;
	int eof = 0;

	gs = gr_stream_new(pc->src, pc->len, &go);
	if (gs == NULL) {
		pc->ge.code = GR_E_NOMEM;
		snprintf(pc->ge.msg, sizeof(pc->ge.msg), "out of memory");
	}
	while (gs && (n = gr_stream_next(gs, &pc->ge, &eof)) != NULL)
		ast_free(n);
	gr_stream_free(gs);
	atomic_store(&pc->done, 1);
	return NULL;
}

struct precheck *
precheck_start(const char *src, size_t len, const struct gr_opts *go)
{
	struct precheck *pc = calloc(1, sizeof(*pc));

	if (pc == NULL)
		return NULL;
	pc->src = src;
	pc->len = len;
	snprintf(pc->cwd, sizeof(pc->cwd), "%s", go->cwd ? go->cwd : "/");
	pc->interactive = go->interactive;
	if (pthread_create(&pc->th, NULL, pc_main, pc) != 0) {
		/* No thread: check in line, before anything runs. */
		pc_main(pc);
		pc->joined = 1;
	}
	return pc;
}

int
precheck_done(const struct precheck *pc)
{
	return atomic_load(&((struct precheck *)pc)->done);
}

/* Wait for the check.  0 when the script parses, 1 with *ge filled. */
int
precheck_join(struct precheck *pc, struct gr_error *ge)
{
	if (!pc->joined) {
		pthread_join(pc->th, NULL);
		pc->joined = 1;
	}
	*ge = pc->ge;
	return pc->ge.code == GR_OK ? 0 : 1;
}

void
precheck_free(struct precheck *pc)
{
	struct gr_error ge;

	if (pc == NULL)
		return;
	precheck_join(pc, &ge);
	free(pc);
}

/*
 * Called before an action with effects outside the store (writing a
 * file, loading a backup) and between statements: once the check is
 * done, release the held output.  Returns -1 when the script does not
 * parse (the caller stops; eng_run reports the parse error).
 */
int
eng_precheck_settle(struct eng *e, int wait)
{
	struct gr_error ge;

	if (e->pc == NULL)
		return 0;
	if (!wait && !precheck_done(e->pc))
		return 0;
	if (precheck_join(e->pc, &ge) != 0) {
		e->parse_failed = 1;
		return -1;
	}
	precheck_free(e->pc);
	e->pc = NULL;
	if (!e->quiet && e->held.len)
		fwrite(e->held.s, 1, e->held.len, e->o.out);
	sb_reset(&e->held);
	return 0;
}
