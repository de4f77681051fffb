/*
 * complete.c - what the interactive console asks the store: the values
 * Tab may offer for an argument (names of the items a reference points
 * to, address-list names, names of the menu's own items), the number of
 * items for `?` help, and small session settings (terminal width, the
 * output stream, the history file).
 *
 * Completion runs on every Tab, also on stores of millions of rows, so
 * each lookup is an indexed range query with a LIMIT: distinct values of
 * an indexed column are walked one index seek at a time, never by
 * reading the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"

/* Rows a lookup on a column without an index may read. */
#define CPL_SCAN_LIMIT 20000

/* Is column p of m the first column of an index (store.c makes one
 * per P_INDEX or P_UNIQUE property and one over the unique tuple)? */
static int
cpl_indexed(const struct sch_menu *m, const struct sch_prop *p)
{
	if (m->unique_tuple != NULL && strcmp(m->unique_tuple[0],
	    p->name) == 0)
		return 1;
	return (p->flags & (P_INDEX | P_UNIQUE)) != 0;
}

/*
 * The smallest string greater than every string starting with prefix:
 * the prefix with its last byte below 0xff incremented.  0 when there
 * is none (empty prefix, or all 0xff).
 */
static size_t
cpl_upper(const char *prefix, size_t plen, char *out, size_t outsz)
{
	size_t n = plen < outsz ? plen : outsz - 1;

	memcpy(out, prefix, n);
	while (n > 0 && (unsigned char)out[n - 1] == 0xff)
		n--;
	if (n == 0)
		return 0;
	out[n - 1] = (char)((unsigned char)out[n - 1] + 1);
	return n;
}

struct cpl_q {
	struct eng *e;
	const struct sch_menu *m;
	const char *col;
	const char *prefix;
	size_t plen;
	char upper[256];
	size_t ulen;
	int max;
	eng_value_fn fn;
	void *ctx;
};

static sqlite3_stmt *
cpl_prepare(struct cpl_q *q, const char *op)
{
	struct sbuf b;
	sqlite3_stmt *s = NULL;

	sb_init(&b);
	sb_printf(&b, "SELECT \"%s\" FROM \"%s\" WHERE \"%s\" %s ?1", q->col,
	    q->m->table, q->col, op);
	if (q->ulen > 0)
		sb_printf(&b, " AND \"%s\" < ?2", q->col);
	sb_printf(&b, " ORDER BY \"%s\" LIMIT 1", q->col);
	if (sqlite3_prepare_v2(q->e->db, sb_str(&b), -1, &s, NULL) !=
	    SQLITE_OK)
		s = NULL;
	sb_fini(&b);
	if (s != NULL && q->ulen > 0)
		sqlite3_bind_text(s, 2, q->upper, (int)q->ulen,
		    SQLITE_STATIC);
	return s;
}

/* One seek: the first value >= (or >) from; 1 found, 0 none, -1 error. */
static int
cpl_seek(sqlite3_stmt *s, const char *from, size_t len, char *out,
    size_t outsz)
{
	int rc;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, from, (int)len, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return -1;
	snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(s, 0));
	return 1;
}

/* Distinct values of an indexed column: one index seek per value. */
static int
cpl_walk_index(struct cpl_q *q)
{
	sqlite3_stmt *first = cpl_prepare(q, ">="), *next = cpl_prepare(q,
	    ">");
	char val[1024];
	int n = 0, rc;

	if (first == NULL || next == NULL) {
		sqlite3_finalize(first);
		sqlite3_finalize(next);
		return -1;
	}
	rc = cpl_seek(first, q->prefix, q->plen, val, sizeof(val));
	while (rc > 0 && n < q->max) {
		q->fn(q->ctx, val, NULL);
		n++;
		rc = cpl_seek(next, val, strlen(val), val, sizeof(val));
	}
	sqlite3_finalize(first);
	sqlite3_finalize(next);
	return rc < 0 ? -1 : n;
}

/* Distinct values of a column without an index: small tables only. */
static int
cpl_scan(struct cpl_q *q)
{
	struct sbuf b;
	sqlite3_stmt *s;
	int n = 0, rc;

	sb_init(&b);
	sb_printf(&b, "SELECT DISTINCT v FROM (SELECT \"%s\" AS v FROM \"%s\" "
	    "WHERE \"%s\" >= ?1", q->col, q->m->table, q->col);
	if (q->ulen > 0)
		sb_printf(&b, " AND \"%s\" < ?2", q->col);
	sb_printf(&b, " LIMIT %d) ORDER BY v LIMIT %d", CPL_SCAN_LIMIT,
	    q->max);
	rc = sqlite3_prepare_v2(q->e->db, sb_str(&b), -1, &s, NULL);
	sb_fini(&b);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, q->prefix, (int)q->plen, SQLITE_STATIC);
	if (q->ulen > 0)
		sqlite3_bind_text(s, 2, q->upper, (int)q->ulen, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		q->fn(q->ctx, (const char *)sqlite3_column_text(s, 0), NULL);
		n++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? n : -1;
}

static int
cpl_distinct(struct cpl_q *q, const struct sch_menu *m, const char *col)
{
	const struct sch_prop *p = sch_prop_find(m, col, NULL);

	if (p == NULL || (m->flags & M_ACTION_ONLY))
		return 0;
	if (m->flags & M_KERNEL_LINKS)
		links_refresh(q->e);
	if (m->flags & M_FILES)
		files_refresh(q->e);
	q->m = m;
	q->col = col;
	q->ulen = cpl_upper(q->prefix, q->plen, q->upper, sizeof(q->upper));
	return cpl_indexed(m, p) ? cpl_walk_index(q) : cpl_scan(q);
}

/* Does prop p of menu m name an address list? */
static int
cpl_is_alist(const struct sch_menu *m, const struct sch_prop *p)
{
	const struct sch_fw_ifspec *fs = sch_fw_ifspec();
	const struct sch_fw_match *fm = sch_fw_match_find(p->name);
	const struct sch_fw_args *fa = sch_fw_args();
	const struct sch_fw_table *t;

	if (fs == NULL || fs->alist == NULL)
		return 0;
	if (m == fs->alist)
		return strcmp(p->name, fs->alist_list) == 0;
	for (t = sch_fw_tables(); t != NULL && t->menu != NULL; t++) {
		if (t->menu != m)
			continue;
		if (fm != NULL && fm->kind == SFV_ALIST)
			return 1;
		return fa != NULL && fa->address_list != NULL &&
		    strcmp(p->name, fa->address_list) == 0;
	}
	return 0;
}

static int
cpl_prop(struct cpl_q *q, const struct sch_menu *m, const struct sch_prop *p)
{
	const struct sch_fw_ifspec *fs = sch_fw_ifspec();
	const struct sch_menu *target;

	switch (p->type) {
	case ST_REF:
	case ST_REF_LIST:
	case ST_IP_OR_REF:
		target = p->ref != NULL ? sch_menu_find(p->ref) : NULL;
		if (target == NULL || target->name_prop == NULL)
			return 0;
		return cpl_distinct(q, target, target->name_prop);
	case ST_NAME:
	case ST_STRING:
		if (cpl_is_alist(m, p))
			return cpl_distinct(q, fs->alist, fs->alist_list);
		/* names and indexed columns: what items already hold */
		if ((m->name_prop != NULL && strcmp(m->name_prop, p->name) ==
		    0) || cpl_indexed(m, p))
			return cpl_distinct(q, m, p->name);
		return 0;
	default:
		return 0;
	}
}

int
eng_complete_values(struct eng *e, const char *menu, const char *cmd,
    const char *arg, const char *prefix, size_t plen, int max,
    eng_value_fn fn, void *ctx)
{
	const struct sch_menu *m = menu != NULL ? sch_menu_find(menu) : NULL;
	const struct sch_prop *p;
	const struct sch_arg_help *ah;
	struct cpl_q q;

	/* Item names are configuration: they need read (auth.c). */
	if (m == NULL || arg == NULL || fn == NULL || max <= 0 ||
	    !auth_may(e, SCH_POL_READ))
		return 0;
	memset(&q, 0, sizeof(q));
	q.e = e;
	q.prefix = prefix != NULL ? prefix : "";
	q.plen = prefix != NULL ? plen : 0;
	q.max = max;
	q.fn = fn;
	q.ctx = ctx;
	p = sch_prop_find(m, arg, NULL);
	if (p != NULL)
		return cpl_prop(&q, m, p);
	ah = sch_arg_help(cmd, arg);
	if (ah != NULL && (ah->kind == SCH_AV_ITEMS || ah->kind ==
	    SCH_AV_ITEM) && m->name_prop != NULL)
		return cpl_distinct(&q, m, m->name_prop);
	return 0;
}

long long
eng_item_count(struct eng *e, const char *menu)
{
	const struct sch_menu *m = menu != NULL ? sch_menu_find(menu) : NULL;

	if (m == NULL || (m->flags & (M_ACTION_ONLY | M_SINGLETON)))
		return -1;
	return st_count(e, m, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Session settings                                                    */
/* ------------------------------------------------------------------ */

void
eng_set_width(struct eng *e, int width)
{
	e->o.width = width > 0 ? width : 0;
}

FILE *
eng_set_output(struct eng *e, FILE *out)
{
	FILE *old = e->o.out;

	if (out != NULL)
		e->o.out = out;
	return old;
}

int
eng_history_path(const struct eng *e, char *buf, size_t sz)
{
	const char *user = eng_user(e) != NULL ? eng_user(e) : "admin";
	const char *slash = strrchr(e->db_path, '/');
	int dirlen;
	size_t i, at;
	int n;

	/* the store's directory: "." for a bare name, "" for "/x.db" */
	if (slash == NULL)
		n = snprintf(buf, sz, "./history.");
	else {
		dirlen = (int)(slash - e->db_path);
		n = snprintf(buf, sz, "%.*s/history.", dirlen, e->db_path);
	}
	if (n < 0 || (size_t)n >= sz)
		return -1;
	at = (size_t)n;
	if (at + strlen(user) >= sz)
		return -1;
	/* a user name is one path component */
	for (i = 0; user[i] != '\0'; i++)
		buf[at + i] = user[i] == '/' ? '_' : user[i];
	buf[at + i] = '\0';
	return 0;
}
