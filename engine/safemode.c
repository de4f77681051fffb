/*
 * safemode.c - safe mode (console-language 7.4).
 *
 * One session at a time holds safe mode.  The holder is named in the
 * store (table rosh_safe) by the machine's boot id, its process id, the
 * start time of that process and a random token of the session, so a
 * holder that is gone - connection dropped, terminal closed, process
 * killed with SIGKILL, machine rebooted - is told from a live one, and
 * a recycled process id is not mistaken for it.  Journal entries
 * (history.c) written while the row exists are floating-undo.
 *
 * Releasing keeps the changes (the floating flags are cleared).
 * Unrolling undoes the floating entries newest first and deletes them.
 * The holder unrolls on Ctrl-D, SIGHUP and SIGTERM itself; when it
 * could not (SIGKILL), the next console to start, every console line
 * and roshd's passes (eng_safe_mode_reap) find the holder gone and
 * unroll for it.  Both the changes and their undo data are committed
 * together, so there is no moment at which a change exists that
 * cannot be undone.
 */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "engine_local.h"
#include "history_local.h"

#define SAFE_MAX_CHANGES 100	/* floating entries before it drops */

struct safe_row {
	int present;
	char holder[192];
	char user[128];
};

void
safe_init(struct eng *e)
{
	unsigned long long t = 0;

	if (getrandom(&t, sizeof(t), 0) != (ssize_t)sizeof(t))
		t = (unsigned long long)time(NULL) ^
		    ((unsigned long long)getpid() << 32) ^ (uintptr_t)e;
	e->safe_token = t;
}

/* ------------------------------------------------------------------ */
/* Who holds it                                                        */
/* ------------------------------------------------------------------ */

static void
safe_boot_id(char *out, size_t outsz)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	snprintf(out, outsz, "-");
	if (f == NULL)
		return;
	if (fgets(out, (int)outsz, f) == NULL)
		snprintf(out, outsz, "-");
	out[strcspn(out, "\n")] = '\0';
	fclose(f);
}

/* State letter and start time (clock ticks after boot, proc(5) field
 * 22) of a process.  -1 when there is no such process. */
static int
safe_proc(long pid, char *state, unsigned long long *start)
{
	char path[64], buf[1024], *p, *tok, *save;
	size_t n;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold spaces and parentheses. */
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	for (i = 0, tok = strtok_r(p + 1, " ", &save); tok;
	    i++, tok = strtok_r(NULL, " ", &save)) {
		if (i == 0)
			*state = tok[0];
		if (i == 19) {
			*start = strtoull(tok, NULL, 10);
			return 0;
		}
	}
	return -1;
}

/* "BOOTID PID START TOKEN" naming this session. */
static void
safe_me(const struct eng *e, char *out, size_t outsz)
{
	char boot[64], st = '?';
	unsigned long long start = 0;

	safe_boot_id(boot, sizeof(boot));
	safe_proc((long)getpid(), &st, &start);
	snprintf(out, outsz, "%s %ld %llu %016llx", boot, (long)getpid(),
	    start, e->safe_token);
}

static int
safe_ours(const struct eng *e, const char *holder)
{
	char me[192];

	safe_me(e, me, sizeof(me));
	return strcmp(me, holder) == 0;
}

/* Does the process that took safe mode still run? */
static int
safe_alive(const char *holder)
{
	char boot[64], hboot[64], st = '?';
	unsigned long long hstart, start = 0, token;
	long pid;

	if (sscanf(holder, "%63s %ld %llu %llx", hboot, &pid, &hstart,
	    &token) != 4)
		return 0;
	safe_boot_id(boot, sizeof(boot));
	if (strcmp(boot, hboot) != 0 || safe_proc(pid, &st, &start) < 0)
		return 0;
	/* A zombie has ended; a new process may reuse the id. */
	return start == hstart && st != 'Z' && st != 'X';
}

static int
safe_read(struct eng *e, struct safe_row *r)
{
	sqlite3_stmt *s;
	int rc;

	memset(r, 0, sizeof(*r));
	if (sqlite3_prepare_v2(e->db, "SELECT holder, user FROM rosh_safe "
	    "WHERE k=0", -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r->present = 1;
		snprintf(r->holder, sizeof(r->holder), "%s",
		    (const char *)sqlite3_column_text(s, 0));
		snprintf(r->user, sizeof(r->user), "%s",
		    sqlite3_column_type(s, 1) == SQLITE_NULL ? "" :
		    (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
safe_present(struct eng *e)
{
	struct safe_row r;

	return safe_read(e, &r) == 0 && r.present;
}

/* ------------------------------------------------------------------ */
/* Take, release, unroll (inside a transaction)                        */
/* ------------------------------------------------------------------ */

/* Undo the floating entries, newest first, then forget them. */
static int
safe_unroll_tx(struct eng *e)
{
	const struct sch_user_spec *us = sch_user_spec();
	long long *ids = NULL;
	sqlite3_stmt *s;
	char sql[320], where[96];
	int n = 0, i, rc = 0;

	snprintf(sql, sizeof(sql), "SELECT _id FROM \"%s\" WHERE \"%s\"="
	    "'yes' AND \"%s\"='yes' ORDER BY _id DESC", hist_menu()->table,
	    us->hist_floating, us->hist_undoable);
	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	while (sqlite3_step(s) == SQLITE_ROW) {
		long long *t = realloc(ids, (size_t)(n + 1) * sizeof(*ids));

		if (t == NULL)
			break;
		ids = t;
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	for (i = 0; i < n && rc == 0; i++)
		rc = hist_apply(e, ids[i], 1);
	free(ids);
	snprintf(where, sizeof(where), "\"%s\"='yes'", us->hist_floating);
	if (rc == 0)
		rc = hist_delete_where(e, where);
	if (rc == 0)
		rc = hist_exec_id(e, "DELETE FROM rosh_safe", -1);
	e->hist_floating = 0;
	return rc;
}

/* Keep the changes: they become ordinary journal entries. */
static int
safe_release_tx(struct eng *e)
{
	const struct sch_user_spec *us = sch_user_spec();
	char sql[256];

	snprintf(sql, sizeof(sql), "UPDATE \"%s\" SET \"%s\"=NULL WHERE "
	    "\"%s\"='yes'", hist_menu()->table, us->hist_floating,
	    us->hist_floating);
	if (hist_exec_id(e, sql, -1) < 0)
		return -1;
	e->hist_floating = 0;
	return hist_exec_id(e, "DELETE FROM rosh_safe", -1);
}

/* 0 taken (or ours already), ENG_SAFE_HELD, -1 error.  A holder that is
 * gone is unrolled first. */
static int
safe_take_tx(struct eng *e, struct safe_row *r)
{
	char me[192];

	if (safe_read(e, r) < 0)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	if (r->present && safe_ours(e, r->holder)) {
		e->safe_held = 1;
		return 0;
	}
	if (r->present && safe_alive(r->holder))
		return ENG_SAFE_HELD;
	if (r->present && safe_unroll_tx(e) < 0)
		return -1;
	safe_me(e, me, sizeof(me));
	if (st_exec_text2(e, "INSERT INTO rosh_safe(k, holder, user, since) "
	    "VALUES(0, ?, ?, datetime('now', 'localtime'))", me, e->user) < 0)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	e->safe_held = 1;
	e->hist_floating = 1;
	return 0;
}

int
safe_limit(struct eng *e)
{
	const struct sch_user_spec *us = sch_user_spec();
	char cond[96];

	snprintf(cond, sizeof(cond), "\"%s\"='yes'", us->hist_floating);
	if (st_count(e, hist_menu(), cond, NULL) <= SAFE_MAX_CHANGES)
		return 0;
	/* console-language 7.4: past the undo list's length safe mode is
	 * dropped without undo. */
	if (safe_release_tx(e) < 0)
		return -1;
	e->safe_held = 0;
	eng_printf(e, "[Safe Mode released: more than %d changes]\n",
	    SAFE_MAX_CHANGES);
	return 0;
}

/* ------------------------------------------------------------------ */
/* /safe-mode commands                                                 */
/* ------------------------------------------------------------------ */

static const char *const safe_cmds[] = {
	"take", "release", "toggle", "unroll", NULL
};

int
safe_is_cmd(const char *name)
{
	int i;

	for (i = 0; safe_cmds[i]; i++)
		if (strcmp(safe_cmds[i], name) == 0)
			return 1;
	return 0;
}

static int
safe_take_cmd(struct xctx *x, const struct ast_node *c)
{
	struct safe_row r;
	int was = x->e->safe_held, rc;

	rc = safe_take_tx(x->e, &r);
	if (rc == ENG_SAFE_HELD)
		return eng_fail_node(x->e, c, "failure: safe mode is held by "
		    "another session (user %s)", r.user);
	if (rc < 0) {
		x->e->err.line = c->line;
		x->e->err.col = c->col;
		return -1;
	}
	if (!was)
		eng_printf(x->e, "[Safe Mode taken]\n");
	return 0;
}

int
safe_cmd(struct xctx *x, const struct ast_node *c)
{
	struct eng *e = x->e;
	struct safe_row r;
	int ours, unroll = strcmp(c->name, "unroll") == 0, rc;

	if (safe_read(e, &r) < 0)
		return eng_fail_node(e, c, "failure: store: %s", st_errmsg(e));
	ours = r.present && safe_ours(e, r.holder);
	if (strcmp(c->name, "take") == 0 ||
	    (strcmp(c->name, "toggle") == 0 && !ours))
		return safe_take_cmd(x, c);
	if (!ours)
		return 0;
	rc = unroll ? safe_unroll_tx(e) : safe_release_tx(e);
	if (rc < 0)
		return -1;
	e->safe_held = 0;
	eng_printf(e, "[Safe Mode %s]\n", unroll ? "unrolled" : "released");
	return 0;
}

/* ------------------------------------------------------------------ */
/* Engine API                                                          */
/* ------------------------------------------------------------------ */

static void
safe_notice(struct eng *e, const char *text)
{
	fprintf(e->o.out, "%s\n", text);
	fflush(e->o.out);
}

/* Commit, or roll back and print the error.  Returns rc, -1 on
 * failure. */
static int
safe_finish(struct eng *e, int rc)
{
	if (rc >= 0 && st_commit(e) < 0)
		rc = eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	if (rc < 0) {
		st_rollback(e);
		fprintf(e->o.err, "%s\n", e->err.set ? e->err.msg :
		    "failure: safe mode");
		fflush(e->o.err);
		hist_sync(e, 1);
	}
	e->err.set = 0;
	return rc;
}

int
eng_safe_mode_take(struct eng *e)
{
	struct safe_row r;
	int was = e->safe_held, rc;

	eng_safe_mode_reap(e);
	if (st_begin(e) < 0)
		return safe_finish(e, -1);
	rc = safe_finish(e, safe_take_tx(e, &r));
	if (rc == 0 && !was)
		safe_notice(e, "[Safe Mode taken]");
	return rc;
}

/* Release (unroll = 0) or unroll this session's safe mode. */
static int
safe_leave(struct eng *e, int unroll, int quiet)
{
	struct safe_row r;
	int rc = 0;

	if (st_begin(e) < 0)
		return safe_finish(e, -1);
	if (safe_read(e, &r) < 0)
		rc = -1;
	else if (r.present && safe_ours(e, r.holder))
		rc = unroll ? safe_unroll_tx(e) : safe_release_tx(e);
	else
		r.present = 0;
	rc = safe_finish(e, rc);
	if (rc == 0 && r.present) {
		e->safe_held = 0;
		if (!quiet)
			safe_notice(e, unroll ? "[Safe Mode unrolled]" :
			    "[Safe Mode released]");
	}
	return rc;
}

int
eng_safe_mode_release(struct eng *e)
{
	return safe_leave(e, 0, 0);
}

int
eng_safe_mode_unroll(struct eng *e)
{
	return safe_leave(e, 1, 0);
}

void
hist_sync(struct eng *e, int quiet)
{
	struct safe_row r;
	int held;

	if (safe_read(e, &r) < 0)
		return;
	held = r.present && safe_ours(e, r.holder);
	if (e->safe_held && !held && !quiet && e->o.interactive)
		safe_notice(e, "[Safe mode released by another user]");
	e->safe_held = held;
}

int
eng_safe_mode_active(struct eng *e)
{
	hist_sync(e, 0);
	return e->safe_held;
}

int
eng_safe_mode_holder(struct eng *e, char *who, size_t whosz)
{
	struct safe_row r;

	if (safe_read(e, &r) < 0 || !r.present || safe_ours(e, r.holder) ||
	    !safe_alive(r.holder))
		return 0;
	snprintf(who, whosz, "%s", r.user);
	return 1;
}

int
eng_safe_mode_hijack(struct eng *e, int how)
{
	struct safe_row r;
	int rc = 0;

	if (st_begin(e) < 0)
		return safe_finish(e, -1);
	if (safe_read(e, &r) < 0)
		rc = -1;
	else if (r.present && !safe_ours(e, r.holder))
		rc = how == ENG_SAFE_UNROLL ? safe_unroll_tx(e) :
		    safe_release_tx(e);
	if (rc == 0)
		rc = safe_take_tx(e, &r);
	rc = safe_finish(e, rc);
	if (rc == 0)
		safe_notice(e, "[Safe Mode taken]");
	return rc;
}

int
eng_safe_mode_reap(struct eng *e)
{
	struct safe_row r;
	char msg[256];
	int rc;

	/* The common case reads one row and takes no lock. */
	if (safe_read(e, &r) < 0 || !r.present || safe_ours(e, r.holder) ||
	    safe_alive(r.holder))
		return 0;
	if (st_begin(e) < 0)
		return safe_finish(e, -1);
	if (safe_read(e, &r) < 0 || !r.present || safe_alive(r.holder)) {
		st_commit(e);
		return 0;
	}
	rc = safe_unroll_tx(e);
	if (rc == 0) {
		snprintf(msg, sizeof(msg), "safe mode of %s unrolled: its "
		    "session ended", r.user);
		eng_log(e, "system,info", msg);
	}
	if (safe_finish(e, rc) == 0)
		return 1;
	/* Undo data that no longer applies must not hold safe mode
	 * forever: keep the changes and say so. */
	snprintf(msg, sizeof(msg), "safe mode of %s could not be unrolled, "
	    "its changes stay", r.user);
	if (st_begin(e) < 0)
		return -1;
	rc = safe_release_tx(e);
	if (rc == 0)
		eng_log(e, "system,error", msg);
	return safe_finish(e, rc) < 0 ? -1 : 1;
}

void
hist_reap(struct eng *e)
{
	eng_safe_mode_reap(e);
	hist_sync(e, 0);
}

void
eng_session_end(struct eng *e, int how)
{
	if (e == NULL || e->ended)
		return;
	e->ended = 1;
	if (!e->safe_held)
		return;
	safe_leave(e, how != ENG_END_QUIT, how == ENG_END_HANGUP);
}
