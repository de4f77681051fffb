/*
 * history.c - the journal of configuration changes: /system history,
 * /undo and /redo (console-language 7.4).
 *
 * Every console line or script that changes configuration becomes one
 * journal entry, written in the same transaction as the change: a
 * /system history item (the command, who, when, which policy it needed)
 * and, in rosh_undo, the SQLite session changeset of the line, which
 * holds the before and after image of every row the line inserted,
 * updated or deleted in a configuration table.  Undo applies the
 * inverted changeset, redo the changeset itself.  Entries are undone
 * newest first and redone oldest first, so each applies to exactly the
 * state it left behind and an undo restores the store exactly.
 *
 * Safe mode (safemode.c) marks the entries written while it is held as
 * floating; unrolling it undoes them.
 */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"
#include "history_local.h"

#define HIST_KEEP	100	/* entries kept, as RouterOS keeps */
#define HIST_MAX_MEM	(4 << 20) /* undo data a line may have: about
				   40,000 added rows */
#define HIST_ACTION_MAX	60	/* command text kept in the entry */

/* ------------------------------------------------------------------ */
/* Store access                                                        */
/* ------------------------------------------------------------------ */

const struct sch_menu *
hist_menu(void)
{
	return sch_user_spec()->history;
}

/* Run sql with one integer parameter (or none when id < 0). */
int
hist_exec_id(struct eng *e, const char *sql, long long id)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	if (id >= 0)
		sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	return 0;
}

/* Set an entry's undoable/redoable flags. */
static int
hist_set_flags(struct eng *e, long long id, int undoable, int redoable)
{
	const struct sch_user_spec *us = sch_user_spec();
	char sql[256];

	snprintf(sql, sizeof(sql), "UPDATE \"%s\" SET \"%s\"=%s, \"%s\"=%s "
	    "WHERE _id=?", hist_menu()->table, us->hist_undoable,
	    undoable ? "'yes'" : "NULL", us->hist_redoable,
	    redoable ? "'yes'" : "NULL");
	return hist_exec_id(e, sql, id);
}

/* Delete entries (and their undo data) chosen by `where`. */
int
hist_delete_where(struct eng *e, const char *where)
{
	char sql[512];
	const char *t = hist_menu()->table;

	snprintf(sql, sizeof(sql), "DELETE FROM rosh_undo WHERE hist IN "
	    "(SELECT _id FROM \"%s\" WHERE %s)", t, where);
	if (hist_exec_id(e, sql, -1) < 0)
		return -1;
	snprintf(sql, sizeof(sql), "DELETE FROM \"%s\" WHERE %s", t, where);
	return hist_exec_id(e, sql, -1);
}

/* Forget what was undone (a new change ends redo) and all but the last
 * HIST_KEEP settled entries. */
static int
hist_trim(struct eng *e)
{
	const struct sch_user_spec *us = sch_user_spec();
	char where[320];

	snprintf(where, sizeof(where), "\"%s\"='yes'", us->hist_redoable);
	if (hist_delete_where(e, where) < 0)
		return -1;
	snprintf(where, sizeof(where), "_id IN (SELECT _id FROM \"%s\" WHERE "
	    "\"%s\" IS NULL ORDER BY _id DESC LIMIT -1 OFFSET %d)",
	    hist_menu()->table, us->hist_floating, HIST_KEEP);
	return hist_delete_where(e, where);
}

/* ------------------------------------------------------------------ */
/* Recording a line                                                    */
/* ------------------------------------------------------------------ */

/* Journal configuration tables only: not runtime state, files or the
 * journal itself. */
static int
hist_filter(void *ctx, const char *table)
{
	int i;

	(void)ctx;
	for (i = 0; sch_menus[i]; i++)
		if (strcmp(sch_menus[i]->table, table) == 0)
			return !(sch_menus[i]->flags & (M_RUNTIME | M_FILES |
			    M_ACTION_ONLY));
	return 0;
}

void
hist_line_begin(struct eng *e, const char *src, size_t len)
{
	sqlite3_session *s = NULL;

	e->hist_text = src;
	e->hist_len = len;
	e->hist_changes = 0;
	e->hist_need = 0;
	e->hist_lost = 0;
	e->hist_on = 1;
	e->hist_floating = safe_present(e);
	if (sqlite3session_create(e->db, "main", &s) != SQLITE_OK ||
	    sqlite3session_attach(s, NULL) != SQLITE_OK) {
		if (s)
			sqlite3session_delete(s);
		s = NULL;
		e->hist_lost = 1;
	} else {
		sqlite3session_table_filter(s, hist_filter, NULL);
	}
	e->hist_sess = s;
}

void
hist_line_check(struct eng *e)
{
	/* A million-line import is not worth its undo data; safe mode
	 * keeps everything, since it has to be able to undo it. */
	if (e->hist_sess == NULL || e->hist_floating ||
	    sqlite3session_memory_used(e->hist_sess) < HIST_MAX_MEM)
		return;
	sqlite3session_delete(e->hist_sess);
	e->hist_sess = NULL;
	e->hist_lost = 1;
}

void
hist_line_abort(struct eng *e)
{
	if (e->hist_sess)
		sqlite3session_delete(e->hist_sess);
	e->hist_sess = NULL;
	e->hist_on = 0;
}

/* "add name=x ranges=..." of the first command line of the text. */
static void
hist_action(const struct eng *e, char *out, size_t outsz)
{
	const char *s = e->hist_text, *end = s + e->hist_len, *eol;
	size_t n;

	out[0] = '\0';
	while (s && s < end) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' ||
		    *s == '\n'))
			s++;
		eol = memchr(s, '\n', (size_t)(end - s));
		n = eol ? (size_t)(eol - s) : (size_t)(end - s);
		while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' '))
			n--;
		if (n > 0 && *s != '#') {
			if (n > HIST_ACTION_MAX)
				snprintf(out, outsz, "%.*s...",
				    HIST_ACTION_MAX - 3, s);
			else
				snprintf(out, outsz, "%.*s", (int)n, s);
			return;
		}
		s = eol ? eol + 1 : end;
	}
}

/* "write" or "write,policy": what the line's commands needed. */
static void
hist_policy_text(unsigned need, char *out, size_t outsz)
{
	static const enum sch_policy shown[] = {
		SCH_POL_WRITE, SCH_POL_POLICY, SCH_POL_SENSITIVE
	};
	size_t i, n = 0;

	out[0] = '\0';
	need |= SCH_POL(SCH_POL_WRITE);
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		if (need & SCH_POL(shown[i]))
			n += (size_t)snprintf(out + n, outsz - n, "%s%s",
			    n ? "," : "", sch_policy_name(shown[i]));
}

/* The /system history item of the line; its id or -1. */
static long long
hist_add_entry(struct eng *e, int undoable)
{
	const struct sch_user_spec *us = sch_user_spec();
	const struct sch_menu *m = hist_menu();
	char action[HIST_ACTION_MAX + 8], tm[32], pol[64], **vals;
	time_t now = time(NULL);
	struct tm tmv;
	long long id;
	int pi;

	vals = calloc((size_t)sch_prop_count(m) + 1, sizeof(char *));
	if (vals == NULL)
		return -1;
	localtime_r(&now, &tmv);
	strftime(tm, sizeof(tm), "%Y-%m-%d %H:%M:%S", &tmv);
	hist_action(e, action, sizeof(action));
	hist_policy_text(e->hist_need, pol, sizeof(pol));
#define HIST_PUT(prop, v) \
	do { if (sch_prop_find(m, (prop), &pi)) vals[pi] = (char *)(v); } \
	while (0)
	HIST_PUT(us->hist_action, action);
	HIST_PUT(us->hist_by, e->user);
	HIST_PUT(us->hist_policy, pol);
	HIST_PUT(us->hist_time, tm);
	HIST_PUT(us->hist_undoable, undoable ? "yes" : NULL);
	HIST_PUT(us->hist_floating, e->hist_floating ? "yes" : NULL);
#undef HIST_PUT
	id = st_insert(e, m, vals, -1, NULL, -1);
	free(vals);
	if (id < 0)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	return id;
}

static int
hist_store_changes(struct eng *e, long long id, const void *cs, int n)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(e->db, "INSERT INTO rosh_undo(hist, changes) "
	    "VALUES(?, ?)", -1, &s, NULL) != SQLITE_OK)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_blob(s, 2, cs, n, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 :
	    eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
}

int
hist_line_end(struct eng *e)
{
	sqlite3_session *s = e->hist_sess;
	void *cs = NULL;
	int n = 0, rc = 0;
	long long id;

	e->hist_sess = NULL;
	if (!e->hist_on || !e->hist_changes) {
		if (s)
			sqlite3session_delete(s);
		e->hist_on = 0;
		return 0;
	}
	e->hist_on = 0;
	if (s && sqlite3session_changeset(s, &n, &cs) != SQLITE_OK)
		e->hist_lost = 1;
	if (s)
		sqlite3session_delete(s);
	/* Nothing changed after all (an add undone by a remove). */
	if (n == 0 && !e->hist_lost) {
		sqlite3_free(cs);
		return 0;
	}
	if (hist_trim(e) < 0 || (id = hist_add_entry(e, !e->hist_lost)) < 0 ||
	    (!e->hist_lost && hist_store_changes(e, id, cs, n) < 0))
		rc = -1;
	sqlite3_free(cs);
	if (rc == 0 && e->hist_floating)
		rc = safe_limit(e);
	return rc;
}

/* Journal what the line did so far as an entry of its own, so that an
 * undo or a safe-mode change within the line sees it. */
static int
hist_flush(struct eng *e)
{
	if (!e->hist_on)
		return 0;
	if (hist_line_end(e) < 0)
		return -1;
	hist_line_begin(e, e->hist_text, e->hist_len);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Undo and redo                                                       */
/* ------------------------------------------------------------------ */

/* Replaying an old image over rows something else touched since (the
 * kernel link mirror) writes the image; a row that is gone stays gone;
 * a broken constraint stops the undo. */
static int
hist_conflict(void *ctx, int type, sqlite3_changeset_iter *it)
{
	(void)ctx;
	(void)it;
	if (type == SQLITE_CHANGESET_DATA || type == SQLITE_CHANGESET_CONFLICT)
		return SQLITE_CHANGESET_REPLACE;
	if (type == SQLITE_CHANGESET_NOTFOUND)
		return SQLITE_CHANGESET_OMIT;
	return SQLITE_CHANGESET_ABORT;
}

/* Read an entry's changeset; *cs is sqlite3_malloc'd. */
static int
hist_read_changes(struct eng *e, long long id, void **cs, int *n)
{
	sqlite3_stmt *s;
	int rc = -1;

	*cs = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(e->db, "SELECT changes FROM rosh_undo WHERE "
	    "hist=?", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*n = sqlite3_column_bytes(s, 0);
		*cs = sqlite3_malloc(*n > 0 ? *n : 1);
		if (*cs) {
			memcpy(*cs, sqlite3_column_blob(s, 0), (size_t)*n);
			rc = 0;
		}
	}
	sqlite3_finalize(s);
	return rc;
}

/* Apply entry id's changes (invert: undo them).  The running line's
 * recording pauses, so the undo is not journaled as a change again. */
int
hist_apply(struct eng *e, long long id, int invert)
{
	void *cs, *inv = NULL;
	int n, ni, rc, i;

	if (hist_read_changes(e, id, &cs, &n) < 0)
		return eng_fail(e, 0, 0, "failure: no undo data for this "
		    "change");
	if (invert && sqlite3changeset_invert(n, cs, &ni, &inv) ==
	    SQLITE_OK) {
		sqlite3_free(cs);
		cs = inv;
		n = ni;
	} else if (invert) {
		sqlite3_free(cs);
		return eng_fail(e, 0, 0, "failure: undo data is damaged");
	}
	if (e->hist_sess)
		sqlite3session_enable(e->hist_sess, 0);
	rc = sqlite3changeset_apply(e->db, n, cs, NULL, hist_conflict, NULL);
	if (e->hist_sess)
		sqlite3session_enable(e->hist_sess, 1);
	sqlite3_free(cs);
	/* Cached append positions and free ids no longer hold. */
	for (i = 0; i < e->nrt; i++) {
		e->rt[i].next_ord = -1;
		e->rt[i].next_id = -1;
	}
	if (rc != SQLITE_OK)
		return eng_fail(e, 0, 0, "failure: can not %s: %s",
		    invert ? "undo" : "redo", sqlite3_errstr(rc));
	return 0;
}

struct hist_pick {
	long long id;
	int undoable;		/* has undo data */
	int floating;		/* made in safe mode */
	char policy[64];	/* what making it needed */
};

/* Newest settled entry (undo) or oldest undone one (redo); id -1 when
 * there is none. */
static void
hist_pick(struct eng *e, int redo, struct hist_pick *hp)
{
	const struct sch_user_spec *us = sch_user_spec();
	sqlite3_stmt *s;
	char sql[384];

	memset(hp, 0, sizeof(*hp));
	hp->id = -1;
	snprintf(sql, sizeof(sql), "SELECT _id, \"%s\", \"%s\", \"%s\" FROM "
	    "\"%s\" WHERE \"%s\" IS %s ORDER BY _id %s LIMIT 1",
	    us->hist_undoable, us->hist_floating, us->hist_policy,
	    hist_menu()->table, us->hist_redoable, redo ? "'yes'" : "NULL",
	    redo ? "ASC" : "DESC");
	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(s) == SQLITE_ROW) {
		hp->id = sqlite3_column_int64(s, 0);
		hp->undoable = sqlite3_column_type(s, 1) != SQLITE_NULL;
		hp->floating = sqlite3_column_type(s, 2) != SQLITE_NULL;
		if (sqlite3_column_type(s, 3) != SQLITE_NULL)
			snprintf(hp->policy, sizeof(hp->policy), "%s",
			    (const char *)sqlite3_column_text(s, 3));
	}
	sqlite3_finalize(s);
}

/* Undoing a change to users needs what making it needed. */
static int
hist_may(struct eng *e, const char *pol)
{
	return (e->policy & sch_policy_mask(pol)) == sch_policy_mask(pol);
}

static int
hist_undo_redo(struct xctx *x, const struct ast_node *c, int redo)
{
	struct eng *e = x->e;
	struct hist_pick hp;

	if (hist_flush(e) < 0)
		return -1;
	hist_pick(e, redo, &hp);
	if (hp.id < 0 || (!redo && !hp.undoable))
		return eng_fail_node(e, c, "failure: nothing to %s",
		    redo ? "redo" : "undo");
	/* Unrolling safe mode must give back the state it was taken in:
	 * what was done or undone before it stays as it is meanwhile. */
	if (e->hist_floating && !hp.floating)
		return eng_fail_node(e, c, "failure: can not %s a change made "
		    "before safe mode was taken", redo ? "redo" : "undo");
	if (!hist_may(e, hp.policy))
		return auth_fail(e, c);
	if (hist_apply(e, hp.id, !redo) < 0) {
		e->err.line = c->line;
		e->err.col = c->col;
		return -1;
	}
	return hist_set_flags(e, hp.id, redo, !redo);
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */
/* ------------------------------------------------------------------ */

int
hist_cmd(struct xctx *x, const struct ast_node *c, int *handled)
{
	const char *n = c->name;

	*handled = 1;
	if (strcmp(c->path, "/") == 0 && strcmp(n, "undo") == 0)
		return hist_undo_redo(x, c, 0);
	if (strcmp(c->path, "/") == 0 && strcmp(n, "redo") == 0)
		return hist_undo_redo(x, c, 1);
	if (strcmp(c->path, sch_user_spec()->safe_mode) == 0 &&
	    safe_is_cmd(n)) {
		if (x->e->dry)
			return 0;
		if (hist_flush(x->e) < 0)
			return -1;
		return safe_cmd(x, c);
	}
	*handled = 0;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Setup                                                               */
/* ------------------------------------------------------------------ */

int
hist_open(struct eng *e)
{
	if (st_exec(e, "CREATE TABLE IF NOT EXISTS rosh_undo (hist INTEGER "
	    "PRIMARY KEY, changes BLOB NOT NULL); CREATE TABLE IF NOT EXISTS "
	    "rosh_safe (k INTEGER PRIMARY KEY CHECK (k = 0), holder TEXT NOT "
	    "NULL, user TEXT, since TEXT)") < 0)
		return -1;
	safe_init(e);
	hist_reap(e);
	return 0;
}
