/*
 * actions.c - runtime menu commands roshd carries out (see actions.h).
 *
 * The request table is not a menu: it is neither printed nor exported,
 * the change journal leaves it alone, and a request lives from the
 * console's commit to roshd's next pass.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actions.h"
#include "engine_local.h"

#define ACT_TABLE_SQL \
	"CREATE TABLE IF NOT EXISTS rosh_requests (id INTEGER PRIMARY KEY, " \
	"path TEXT NOT NULL, action TEXT NOT NULL, arg TEXT, user TEXT, " \
	"time TEXT)"
#define ACT_MSGSZ	512

static struct act_hooks act_hooks;

void
act_set_hooks(const struct act_hooks *h)
{
	if (h == NULL)
		memset(&act_hooks, 0, sizeof(act_hooks));
	else
		act_hooks = *h;
}

/* ------------------------------------------------------------------ */
/* The console's side                                                  */
/* ------------------------------------------------------------------ */

/* "*1,*2" for the items a remove names. */
static int
act_ids(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    struct sbuf *out)
{
	const struct ast_arg *a = cmd_arg(c, "numbers");
	long long *ids = NULL;
	int n, i;

	if (a == NULL || a->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) numbers");
	if (sel_resolve(x, m, a->value, &ids, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_putc(out, ',');
		fmt_id(out, ids[i]);
	}
	free(ids);
	return n > 0 ? 0 : eng_fail_node(x->e, c, "no such item");
}

static int
act_insert(struct eng *e, const char *path, const char *action,
    const char *arg)
{
	sqlite3_stmt *s;
	char now[32];
	int rc;

	if (st_exec(e, ACT_TABLE_SQL) < 0 || sqlite3_prepare_v2(e->db,
	    "INSERT INTO rosh_requests (path, action, arg, user, time) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sch_datetime_format((long long)time(NULL), now, sizeof(now));
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, action, -1, SQLITE_STATIC);
	if (arg != NULL)
		sqlite3_bind_text(s, 3, arg, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, eng_user(e), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
act_request(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c)
{
	struct eng *e = x->e;
	struct sbuf ids;
	int rc = 0, remove = strcmp(c->name, "remove") == 0;

	if (e->checking || e->dry || e->quiet)
		return 0;
	/* The wake-up reaches roshd only when it listens; it then makes
	 * one pass more, which finds nothing to do until this commits. */
	if (eng_notify_daemon(e) < 0) {
		eng_printf(e, "roshd is not running: nothing to %s in %s\n",
		    c->name, m->path);
		return 0;
	}
	sb_init(&ids);
	if (remove)
		rc = act_ids(x, m, c, &ids);
	if (rc == 0 && act_insert(e, m->path, c->name, remove ?
	    sb_str(&ids) : NULL) < 0)
		rc = eng_fail_node(e, c, "failure: store: %s", st_errmsg(e));
	sb_fini(&ids);
	return rc;
}

/* ------------------------------------------------------------------ */
/* roshd's side                                                        */
/* ------------------------------------------------------------------ */

struct act_req {
	long long ar_id;
	const char *ar_path, *ar_action, *ar_arg, *ar_user, *ar_time;
};

struct act_handler {
	const struct sch_menu *(*ah_menu)(void);
	const char *ah_action;
	void (*ah_run)(struct eng *e, const struct act_req *r);
};

static void __attribute__((format(printf, 3, 4)))
act_log(struct eng *e, const char *topics, const char *fmt, ...)
{
	char msg[ACT_MSGSZ];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)eng_log(e, topics, msg);
}

/* installed-sa flush: every SA of rosh's; the policies stay. */
static void
act_sa_flush(struct eng *e, const struct act_req *r)
{
	const struct eng_backend *be = e->o.backend;
	char why[256];
	int n = 0;

	if (be == NULL || be->xfrm_sa_flush == NULL) {
		act_log(e, "ipsec,error", "flush of installed SAs requested by "
		    "%s: no kernel IPsec here", r->ar_user);
		return;
	}
	if (be->xfrm_sa_flush(be->ctx, &n, why, sizeof(why)) < 0) {
		act_log(e, "ipsec,error", "flush of installed SAs requested by "
		    "%s: %d removed, then failed: %s", r->ar_user, n, why);
		return;
	}
	act_log(e, "ipsec,info", "installed SAs flushed by %s: %d removed",
	    r->ar_user, n);
}

/* What a hook reports, or that there is nothing to end yet. */
static void
act_hooked(struct eng *e, const struct act_req *r, const char *topic,
    int (*hook)(struct eng *, const char *, char *, size_t),
    const char *none)
{
	char msg[ACT_MSGSZ], topics[32];
	int rc;

	if (hook == NULL) {
		snprintf(topics, sizeof(topics), "%s,info", topic);
		act_log(e, topics, "%s%s%s requested by %s accepted: %s",
		    r->ar_action, r->ar_arg ? " " : "", r->ar_arg ? r->ar_arg :
		    "", r->ar_user, none);
		return;
	}
	msg[0] = '\0';
	rc = hook(e, r->ar_arg ? r->ar_arg : "", msg, sizeof(msg));
	snprintf(topics, sizeof(topics), "%s,%s", topic, rc < 0 ? "error" :
	    "info");
	act_log(e, topics, "%s requested by %s: %s", r->ar_action,
	    r->ar_user, msg);
}

static int
act_ike_kill_adapter(struct eng *e, const char *ids, char *msg, size_t sz)
{
	(void)ids;
	return act_hooks.ike_kill_all(e, msg, sz);
}

/* Hook for the IKE module (struct act_hooks): nothing to drop until it
 * runs, as no phase 1 session can exist without it. */
static void
act_kill_connections(struct eng *e, const struct act_req *r)
{
	act_hooked(e, r, "ipsec", act_hooks.ike_kill_all ?
	    act_ike_kill_adapter : NULL, "no IKE daemon runs yet, so there "
	    "are no phase 1 sessions to drop");
}

static void
act_peer_remove(struct eng *e, const struct act_req *r)
{
	act_hooked(e, r, "ipsec", act_hooks.ike_remove, "no IKE daemon runs "
	    "yet, so there are no phase 1 sessions to drop");
}

/* Hook for the PPP module: the same, for PPP sessions. */
static void
act_ppp_remove(struct eng *e, const struct act_req *r)
{
	act_hooked(e, r, "ppp", act_hooks.ppp_remove, "no PPP service runs "
	    "yet, so there are no sessions to end");
}

static const struct sch_menu *
act_m_sa(void)
{
	return sch_runtime_spec()->installed_sa;
}

static const struct sch_menu *
act_m_peers(void)
{
	return sch_runtime_spec()->active_peers;
}

static const struct sch_menu *
act_m_ppp(void)
{
	return sch_runtime_spec()->ppp_active;
}

static const struct act_handler act_handlers[] = {
	{ act_m_sa, "flush", act_sa_flush },
	{ act_m_peers, "kill-connections", act_kill_connections },
	{ act_m_peers, "remove", act_peer_remove },
	{ act_m_ppp, "remove", act_ppp_remove },
	{ NULL, NULL, NULL }
};

static void
act_dispatch(struct eng *e, const struct act_req *r)
{
	const struct sch_menu *m;
	int i;

	for (i = 0; act_handlers[i].ah_action != NULL; i++) {
		m = act_handlers[i].ah_menu();
		if (m != NULL && strcmp(m->path, r->ar_path) == 0 &&
		    strcmp(act_handlers[i].ah_action, r->ar_action) == 0) {
			act_handlers[i].ah_run(e, r);
			return;
		}
	}
	act_log(e, "system,error", "request %s in %s by %s dropped: roshd "
	    "does not know it", r->ar_action, r->ar_path, r->ar_user);
}

static const char *
act_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? (const char *)t : NULL;
}

static int
act_each(struct eng *e, sqlite3_stmt *sel, sqlite3_stmt *del)
{
	struct act_req r;
	int rc, n = 0;

	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.ar_id = sqlite3_column_int64(sel, 0);
		r.ar_path = act_col(sel, 1);
		r.ar_action = act_col(sel, 2);
		r.ar_arg = act_col(sel, 3);
		r.ar_user = act_col(sel, 4) ? act_col(sel, 4) : "?";
		r.ar_time = act_col(sel, 5);
		if (r.ar_path != NULL && r.ar_action != NULL)
			act_dispatch(e, &r);
		sqlite3_bind_int64(del, 1, r.ar_id);
		if (sqlite3_step(del) != SQLITE_DONE)
			return -1;
		sqlite3_reset(del);
		n++;
	}
	return rc == SQLITE_DONE ? n : -1;
}

int
act_run_pending(struct eng *e, char *err, size_t errsz)
{
	sqlite3_stmt *sel = NULL, *del = NULL;
	int rc = -1;

	if (errsz > 0)
		err[0] = '\0';
	if (st_begin(e) < 0)
		goto fail;
	if (st_exec(e, ACT_TABLE_SQL) < 0 || sqlite3_prepare_v2(e->db,
	    "SELECT id, path, action, arg, user, time FROM rosh_requests "
	    "ORDER BY id", -1, &sel, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(e->db, "DELETE FROM rosh_requests WHERE id=?",
	    -1, &del, NULL) != SQLITE_OK)
		goto fail;
	rc = act_each(e, sel, del);
	sqlite3_finalize(sel);
	sqlite3_finalize(del);
	sel = del = NULL;
	if (rc < 0 || st_commit(e) < 0)
		goto fail;
	return rc;
fail:
	snprintf(err, errsz, "store: %s", st_errmsg(e));
	sqlite3_finalize(sel);
	sqlite3_finalize(del);
	st_rollback(e);
	e->err.set = 0;
	return -1;
}
