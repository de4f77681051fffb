/*
 * live.c - print that keeps running until Ctrl-C (console-language §4.1,
 * §5.8): `print interval=T` redraws the output every T (at least 200 ms);
 * `print follow` prints, then prints every item added or changed later
 * (for /log: every new entry); `print follow-only` prints only those.
 *
 * Changes come from other sessions and from roshd, which write the store
 * through their own connections: PRAGMA data_version tells cheaply that
 * one of them committed, and only then are the rows read again.  The
 * shell draws and waits (it owns the terminal and sees Ctrl-C) through
 * struct eng_live_io.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"

#define LIVE_MIN_INTERVAL_MS	200
#define LIVE_POLL_MS		250

static volatile sig_atomic_t live_stop;

void
eng_interrupt(struct eng *e)
{
	(void)e;
	live_stop = 1;
}

/* The recorded error, as the engine reports it after a command. */
static void
live_report(struct eng *e)
{
	if (!e->err.set)
		return;
	if (e->err.from_error_cmd || e->err.line <= 0)
		fprintf(e->o.err, "%s\n", e->err.msg);
	else
		fprintf(e->o.err, "%s (line %d column %d)\n", e->err.msg,
		    e->err.line, e->err.col);
	fflush(e->o.err);
	e->err.set = 0;
}

/* An item as last shown: its id and a hash of its values. */
struct live_seen {
	long long id;
	unsigned long long hash;
};

struct live {
	struct eng *e;
	const struct sch_menu *m;
	const struct ast_node *c;
	struct xctx x;
	struct scope sc;
	struct where *w;
	struct fmt_print_opts fo;
	char **proplist;
	char today[16];
	struct live_seen *seen;	/* sorted by id */
	int nseen;
	long long last_id;	/* log layout: newest entry shown */
	sqlite3_stmt *dv;
	long long version;
};

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static unsigned long long
live_hash(const struct sch_menu *m, const struct st_row *r)
{
	unsigned long long h = 1469598103934665603ULL;
	int i, n = sch_prop_count(m);
	const char *s;

	for (i = 0; i < n; i++) {
		for (s = r->vals[i] ? r->vals[i] : ""; *s; s++)
			h = (h ^ (unsigned char)*s) * 1099511628211ULL;
		h = (h ^ (r->vals[i] ? 0x1fu : 0x2fu)) * 1099511628211ULL;
	}
	return h;
}

static int
live_seen_cmp(const void *a, const void *b)
{
	const struct live_seen *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static struct live_seen *
live_seen_find(const struct live *lv, long long id)
{
	struct live_seen key = { id, 0 };

	if (lv->nseen == 0)
		return NULL;
	return bsearch(&key, lv->seen, (size_t)lv->nseen, sizeof(key),
	    live_seen_cmp);
}

/* Rows of the menu that match the where-expression; for the log only
 * the entries after the newest one shown. */
static int
live_rows(struct live *lv, struct st_row **rows)
{
	const char *sql, *param;
	char cond[512];
	int i, k, n, match, rc = 0;

	sql = where_sql(lv->w, &param);
	if (lv->m->flags & M_LOG_LAYOUT) {
		snprintf(cond, sizeof(cond), "%s%s%s_id > %lld", sql ? "(" :
		    "", sql ? sql : "", sql ? ") AND " : "", lv->last_id);
		sql = cond;
	}
	n = st_rows(lv->e, lv->m, sql, param, rows);
	if (n < 0)
		return -1;
	for (i = k = 0; i < n; i++) {
		match = 1;
		if (rc == 0 && where_sql(lv->w, &param) == NULL)
			rc = where_match(&lv->x, lv->w, &(*rows)[i], &match);
		if (rc == 0 && match)
			(*rows)[k++] = (*rows)[i];
		else
			st_row_fini(lv->m, &(*rows)[i]);
	}
	return rc < 0 ? (st_rows_free(lv->m, *rows, k), -1) : k;
}

static long long
live_count(void *ctx, const char *path, const char *prop, const char *value)
{
	struct eng *e = ctx;
	const struct sch_menu *m = sch_menu_find(path);
	char cond[160];

	if (m == NULL || sch_prop_find(m, prop, NULL) == NULL)
		return -1;
	snprintf(cond, sizeof(cond), "\"%s\"=?", prop);
	return st_count(e, m, cond, value);
}

/*
 * Print rows the way print does, without the header lines: the rows'
 * own text is what printing them twice adds to printing them once.
 */
static void
live_print(struct live *lv, struct st_row **sel, int n)
{
	struct menu_rt *rt = st_rt(lv->e, lv->m);
	struct fmt_row *fr = calloc((size_t)n * 2 + 1, sizeof(*fr));
	struct sbuf one, two;
	int i, k;

	if (fr == NULL || n == 0) {
		free(fr);
		return;
	}
	sel_item_numbers(lv->e, lv->m);
	for (i = 0; i < n; i++) {
		sch_compute_row(lv->m, sel[i]->vals, live_count, lv->e);
		fr[i].id = fr[n + i].id = sel[i]->id;
		fr[i].vals = fr[n + i].vals = sel[i]->vals;
		for (k = 0; k < rt->nnumbers && rt->numbers[k] != sel[i]->id;
		    k++)
			;
		fr[i].number = fr[n + i].number = k < rt->nnumbers ? k : -1;
	}
	sb_init(&one);
	sb_init(&two);
	fmt_print(&one, lv->m, fr, n, &lv->fo);
	fmt_print(&two, lv->m, fr, 2 * n, &lv->fo);
	k = (int)(two.len - one.len);
	if (two.len > one.len && (size_t)k <= one.len)
		eng_out(lv->e, one.s + one.len - (size_t)k, (size_t)k);
	else
		eng_out(lv->e, sb_str(&one), one.len);
	fflush(lv->e->o.out);
	sb_fini(&one);
	sb_fini(&two);
	free(fr);
}

/*
 * Read the rows again; remember them, and print those that are new or
 * changed since the last look when `show` is set.
 */
static int
live_step(struct live *lv, int show)
{
	struct st_row *rows = NULL, **sel;
	struct live_seen *seen, *old;
	int i, n, k = 0;

	if ((n = live_rows(lv, &rows)) < 0)
		return -1;
	seen = calloc((size_t)n + 1, sizeof(*seen));
	sel = calloc((size_t)n + 1, sizeof(*sel));
	if (seen == NULL || sel == NULL) {
		free(seen);
		free(sel);
		st_rows_free(lv->m, rows, n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		seen[i].id = rows[i].id;
		seen[i].hash = live_hash(lv->m, &rows[i]);
		old = live_seen_find(lv, rows[i].id);
		if (old == NULL || old->hash != seen[i].hash)
			sel[k++] = &rows[i];
		if (rows[i].id > lv->last_id)
			lv->last_id = rows[i].id;
	}
	if (show)
		live_print(lv, sel, k);
	qsort(seen, (size_t)n, sizeof(*seen), live_seen_cmp);
	if (!(lv->m->flags & M_LOG_LAYOUT)) {
		free(lv->seen);
		lv->seen = seen;
		lv->nseen = n;
	} else
		free(seen);
	free(sel);
	st_rows_free(lv->m, rows, n);
	return 0;
}

/* Has another connection committed since the last call? */
static int
live_changed(struct live *lv)
{
	long long v = -1;

	if (lv->dv == NULL)
		return 1;
	sqlite3_reset(lv->dv);
	if (sqlite3_step(lv->dv) == SQLITE_ROW)
		v = sqlite3_column_int64(lv->dv, 0);
	if (v == lv->version)
		return 0;
	lv->version = v;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Setup                                                               */
/* ------------------------------------------------------------------ */

static int
live_opts(struct live *lv)
{
	const struct ast_arg *pl = cmd_arg(lv->c, "proplist");
	char *text, *tok, *save;
	int n = 0;

	if (cmd_flag(&lv->x, lv->c, "detail", &lv->fo.detail) < 0 ||
	    cmd_flag(&lv->x, lv->c, "brief", &lv->fo.brief) < 0 ||
	    cmd_flag(&lv->x, lv->c, "terse", &lv->fo.terse) < 0 ||
	    cmd_flag(&lv->x, lv->c, "show-ids", &lv->fo.show_ids) < 0 ||
	    cmd_flag(&lv->x, lv->c, "show-sensitive",
	    &lv->fo.show_sensitive) < 0)
		return -1;
	if (!auth_may(lv->e, SCH_POL_SENSITIVE))
		lv->fo.show_sensitive = 0;
	lv->fo.width = lv->e->o.width;
	if (pl != NULL && pl->value != NULL) {
		if (eval_text(&lv->x, pl->value, &text) < 0)
			return -1;
		lv->proplist = calloc(strlen(text) + 2, sizeof(char *));
		for (tok = strtok_r(text, ",", &save); tok && lv->proplist;
		    tok = strtok_r(NULL, ",", &save))
			lv->proplist[n++] = strdup(tok);
		free(text);
		lv->fo.proplist = (const char *const *)lv->proplist;
	}
	{
		time_t now = time(NULL);
		struct tm tmv;

		localtime_r(&now, &tmv);
		strftime(lv->today, sizeof(lv->today), "%Y-%m-%d", &tmv);
		lv->fo.today = lv->today;
	}
	return 0;
}

static int
live_open(struct live *lv, struct eng *e, const struct ast_node *c,
    const struct sch_menu *m)
{
	const struct ast_arg *wa = cmd_arg(c, "where");

	memset(lv, 0, sizeof(*lv));
	lv->e = e;
	lv->m = m;
	lv->c = c;
	lv->x.e = e;
	lv->x.sc = &lv->sc;
	snprintf(lv->x.cwd, sizeof(lv->x.cwd), "%s", e->cwd);
	lv->last_id = -1;
	/* Not through exec_cmd(): the same permission check here. */
	if (auth_check(&lv->x, m, c) < 0 || live_opts(lv) < 0)
		return -1;
	lv->w = where_compile(&lv->x, m, wa ? wa->value : NULL);
	if (sqlite3_prepare_v2(e->db, "PRAGMA data_version", -1, &lv->dv,
	    NULL) != SQLITE_OK)
		lv->dv = NULL;
	live_changed(lv);
	return 0;
}

static void
live_close(struct live *lv)
{
	int i;

	for (i = 0; lv->proplist && lv->proplist[i]; i++)
		free(lv->proplist[i]);
	free(lv->proplist);
	where_free(lv->w);
	sqlite3_finalize(lv->dv);
	free(lv->seen);
	scope_fini(&lv->sc);
	val_free(&lv->x.retval);
}

/* The print command of a line that is one live print, else NULL. */
static const struct ast_node *
live_cmd(const struct ast_node *root, const struct sch_menu **m)
{
	const struct ast_node *c;

	if (root == NULL || root->nkids != 1)
		return NULL;
	c = root->kids[0];
	if (c->type != AST_CMD || strcmp(c->name, "print") != 0 ||
	    (*m = sch_menu_find(c->path)) == NULL ||
	    ((*m)->flags & M_ACTION_ONLY))
		return NULL;
	if (cmd_arg(c, "follow") || cmd_arg(c, "follow-only") ||
	    cmd_arg(c, "interval"))
		return c;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Running                                                             */
/* ------------------------------------------------------------------ */

static int
live_interval(struct eng *e, const char *src, size_t len, int ms,
    const struct eng_live_io *io)
{
	FILE *mem, *old;
	char *text = NULL;
	size_t n = 0;
	int rc = 0;

	while (rc == 0 && !live_stop) {
		if ((mem = open_memstream(&text, &n)) == NULL)
			return 1;
		old = eng_set_output(e, mem);
		rc = eng_run(e, src, len, ENG_RUN_LINE, NULL);
		eng_set_output(e, old);
		fclose(mem);
		if (io->frame != NULL)
			io->frame(io->ctx, text, n);
		free(text);
		text = NULL;
		if (rc == 0 && io->wait(io->ctx, ms))
			break;
	}
	return rc;
}

static int
live_follow(struct eng *e, const struct ast_node *c, const struct sch_menu *m,
    const struct eng_live_io *io)
{
	struct live lv;
	int rc = 0;

	if (live_open(&lv, e, c, m) < 0 || live_step(&lv, 0) < 0) {
		live_close(&lv);
		live_report(e);
		return 1;
	}
	while (!live_stop && !io->wait(io->ctx, LIVE_POLL_MS)) {
		if (live_changed(&lv) && live_step(&lv, 1) < 0) {
			live_report(e);
			rc = 1;
			break;
		}
	}
	live_close(&lv);
	return rc;
}

/* The interval in milliseconds, 0 when not given, -1 when invalid. */
static int
live_interval_ms(struct eng *e, const struct ast_node *c)
{
	const struct ast_arg *a = cmd_arg(c, "interval");
	struct xctx x = { 0 };
	struct scope sc = { 0 };
	long long ns;
	char *text = NULL;
	int rc;

	if (a == NULL || a->value == NULL)
		return 0;
	x.e = e;
	x.sc = &sc;
	rc = eval_text(&x, a->value, &text) < 0 ||
	    sch_time_parse(text, &ns) < 0 ? -1 : 0;
	free(text);
	scope_fini(&sc);
	val_free(&x.retval);
	if (rc < 0)
		return eng_fail(e, a->line, a->col, "invalid time value for "
		    "argument interval");
	ns /= 1000000;
	if (ns < LIVE_MIN_INTERVAL_MS)
		ns = LIVE_MIN_INTERVAL_MS;
	return ns > 86400000 ? 86400000 : (int)ns;
}

int
eng_run_live(struct eng *e, const char *src, size_t len,
    const struct eng_live_io *io)
{
	struct gr_opts go = { e->cwd, 1 };
	struct gr_error ge;
	const struct sch_menu *m = NULL;
	const struct ast_node *c;
	struct ast_node *root;
	int rc, ms, only;

	root = gr_parse(src, len, &go, &ge, NULL);
	if ((c = live_cmd(root, &m)) == NULL || io == NULL ||
	    io->wait == NULL) {
		ast_free(root);
		return ENG_LIVE_NOT;
	}
	live_stop = 0;
	e->err.set = 0;
	if ((ms = live_interval_ms(e, c)) < 0) {
		ast_free(root);
		live_report(e);
		return 1;
	}
	only = cmd_arg(c, "follow-only") != NULL;
	if (ms > 0)
		rc = live_interval(e, src, len, ms, io);
	else if (!only && (rc = eng_run(e, src, len, ENG_RUN_LINE, NULL)))
		;
	else
		rc = live_follow(e, c, m, io);
	ast_free(root);
	return rc;
}
