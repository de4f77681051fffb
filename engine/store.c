/*
 * store.c - the SQLite config store.
 *
 * One table per menu, derived from its schema entry: "_id" is the item's
 * internal id (*HEX), "_ord" its list position, "_owner" the source menu
 * of a derived dynamic item, then one TEXT column per property holding
 * the canonical text (NULL = unset).  Factory items are written when the
 * store is created.  Columns missing from an older store are added on open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"

#define ST_SCHEMA_VERSION "1"
/* Ids at or above this are reserved for special factory items
 * (the PPP profile default-encryption is *FFFFFFFE). */
#define ST_ID_RESERVED 0xF0000000LL

int
st_menu_index(const struct sch_menu *m)
{
	int i;

	for (i = 0; sch_menus[i]; i++)
		if (sch_menus[i] == m)
			return i;
	return -1;
}

struct menu_rt *
st_rt(struct eng *e, const struct sch_menu *m)
{
	int i = st_menu_index(m);

	return i < 0 ? NULL : &e->rt[i];
}

const char *
st_errmsg(struct eng *e)
{
	return sqlite3_errmsg(e->db);
}

int
st_exec(struct eng *e, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(e->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		eng_fail(e, 0, 0, "failure: store: %s", msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static void
st_quote_ident(struct sbuf *b, const char *name)
{
	sb_putc(b, '"');
	for (; *name; name++) {
		if (*name == '"')
			sb_putc(b, '"');
		sb_putc(b, *name);
	}
	sb_putc(b, '"');
}

static void
st_invalidate(struct eng *e)
{
	int i;

	for (i = 0; i < e->nrt; i++) {
		e->rt[i].next_ord = -1;
		e->rt[i].next_id = -1;
	}
}

int
st_begin(struct eng *e)
{
	if (e->in_tx++ > 0)
		return 0;
	/* Another console or roshd may have added rows since our last
	 * transaction: cached append positions and free ids are stale. */
	st_invalidate(e);
	return sqlite3_exec(e->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

int
st_commit(struct eng *e)
{
	if (e->in_tx == 0 || --e->in_tx > 0)
		return 0;
	if (sqlite3_exec(e->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
		st_invalidate(e);
		return -1;
	}
	return 0;
}

void
st_rollback(struct eng *e)
{
	if (e->in_tx == 0)
		return;
	e->in_tx = 0;
	sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
	st_invalidate(e);
}

int
st_meta_get(struct eng *e, const char *key, char *out, size_t outsz)
{
	sqlite3_stmt *s;
	int rc = -1;

	if (sqlite3_prepare_v2(e->db,
	    "SELECT value FROM rosh_meta WHERE key=?", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(out, outsz, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		rc = 0;
	}
	sqlite3_finalize(s);
	return rc;
}

int
st_meta_set(struct eng *e, const char *key, const char *value)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(e->db,
	    "INSERT OR REPLACE INTO rosh_meta(key,value) VALUES(?,?)", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

/*
 * Indexes: one over the unique tuple (which also serves lookups by its
 * first column, e.g. address-list `where list=X`), one per other indexed
 * or unique property, and the list order for ordered menus (others are
 * listed in id order, which needs no index).
 */
static void
st_create_indexes(struct sbuf *b, const struct sch_menu *m)
{
	const struct sch_prop *p;
	const char *const *t;

	if (m->unique_tuple) {
		sb_printf(b, "CREATE UNIQUE INDEX IF NOT EXISTS \"%s___tuple\" "
		    "ON \"%s\"(", m->table, m->table);
		for (t = m->unique_tuple; *t; t++) {
			if (t != m->unique_tuple)
				sb_putc(b, ',');
			st_quote_ident(b, *t);
		}
		sb_puts(b, ");");
	}
	for (p = m->props; p->name; p++) {
		if (!(p->flags & (P_INDEX | P_UNIQUE)) || (m->unique_tuple &&
		    strcmp(p->name, m->unique_tuple[0]) == 0))
			continue;
		sb_printf(b, "CREATE INDEX IF NOT EXISTS \"%s__%s\" ON \"%s\"(",
		    m->table, p->name, m->table);
		st_quote_ident(b, p->name);
		sb_puts(b, ");");
	}
	if (m->flags & M_ORDERED)
		sb_printf(b, "CREATE INDEX IF NOT EXISTS \"%s___ord\" ON "
		    "\"%s\"(_ord, _id);", m->table, m->table);
}

const char *
st_order(const struct sch_menu *m)
{
	return (m->flags & M_ORDERED) ? "_ord, _id" : "_id";
}

static int
st_create_table(struct eng *e, const struct sch_menu *m)
{
	struct sbuf b;
	const struct sch_prop *p;
	int rc;

	sb_init(&b);
	sb_printf(&b, "CREATE TABLE IF NOT EXISTS \"%s\" (_id INTEGER PRIMARY "
	    "KEY, _ord INTEGER NOT NULL DEFAULT 0, _owner TEXT", m->table);
	for (p = m->props; p->name; p++) {
		sb_puts(&b, ", ");
		st_quote_ident(&b, p->name);
		sb_puts(&b, " TEXT");
	}
	sb_puts(&b, ");");
	st_create_indexes(&b, m);
	rc = st_exec(e, sb_str(&b));
	sb_fini(&b);
	return rc;
}

/* Add columns a newer schema declares to a table an older rosh made. */
static int
st_upgrade_table(struct eng *e, const struct sch_menu *m)
{
	const struct sch_prop *p;
	sqlite3_stmt *s;
	struct sbuf b, have;
	char sql[256];
	int rc = 0;

	snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s')",
	    m->table);
	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sb_init(&have);
	sb_putc(&have, '\n');
	while (sqlite3_step(s) == SQLITE_ROW)
		sb_printf(&have, "%s\n", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	for (p = m->props; p->name && rc == 0; p++) {
		snprintf(sql, sizeof(sql), "\n%s\n", p->name);
		if (strstr(sb_str(&have), sql))
			continue;
		sb_init(&b);
		sb_printf(&b, "ALTER TABLE \"%s\" ADD COLUMN ", m->table);
		st_quote_ident(&b, p->name);
		sb_puts(&b, " TEXT");
		rc = st_exec(e, sb_str(&b));
		sb_fini(&b);
	}
	sb_fini(&have);
	return rc;
}

static int
st_prepare_insert(struct eng *e, struct menu_rt *rt)
{
	const struct sch_menu *m = rt->m;
	struct sbuf b;
	int i, rc;

	sb_init(&b);
	sb_printf(&b, "INSERT INTO \"%s\" (_id, _ord, _owner", m->table);
	for (i = 0; i < rt->nprops; i++) {
		sb_puts(&b, ", ");
		st_quote_ident(&b, m->props[i].name);
	}
	sb_puts(&b, ") VALUES (?, ?, ?");
	for (i = 0; i < rt->nprops; i++)
		sb_puts(&b, ", ?");
	sb_puts(&b, ")");
	rc = sqlite3_prepare_v3(e->db, sb_str(&b), -1, SQLITE_PREPARE_PERSISTENT,
	    &rt->ins, NULL);
	sb_fini(&b);
	return rc == SQLITE_OK ? 0 : -1;
}

/* Values of a factory item: defaults overridden by the item's kv list. */
static char **
st_factory_vals(const struct sch_menu *m, const struct sch_item *it)
{
	int n = sch_prop_count(m), i, k;
	char **vals = calloc((size_t)n, sizeof(char *));

	for (i = 0; i < n; i++)
		vals[i] = m->props[i].dflt && !(m->props[i].flags & P_RO) ?
		    strdup(m->props[i].dflt) : NULL;
	for (k = 0; it && it->kv && it->kv[k]; k += 2) {
		if (sch_prop_find(m, it->kv[k], &i) == NULL)
			continue;
		free(vals[i]);
		vals[i] = it->kv[k + 1] ? strdup(it->kv[k + 1]) : NULL;
	}
	return vals;
}

static void
st_vals_free(char **vals, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
}

static int
st_seed_menu(struct eng *e, const struct sch_menu *m)
{
	const struct sch_item *it;
	char **vals;
	int n = sch_prop_count(m);
	long long id;

	if (m->flags & (M_RUNTIME | M_ACTION_ONLY | M_KERNEL_LINKS | M_FILES))
		return 0;
	if ((m->flags & M_SINGLETON) && (m->items == NULL ||
	    m->items[0].kv == NULL)) {
		vals = st_factory_vals(m, NULL);
		id = st_insert(e, m, vals, -1, NULL, 0);
		st_vals_free(vals, n);
		return id < 0 ? -1 : 0;
	}
	for (it = m->items; it && it->kv; it++) {
		vals = st_factory_vals(m, it);
		id = st_insert(e, m, vals, -1, NULL, it->id);
		st_vals_free(vals, n);
		if (id < 0)
			return -1;
	}
	return 0;
}

/* The WAN list of a fresh store holds the interface of the default
 * route, like RouterOS's default configuration. */
static int
st_seed_wan(struct eng *e)
{
	const struct eng_backend *be = e->o.backend;
	struct sch_derived d;
	char ifname[64], key[128];
	char **vals;
	long long id;
	int n, k, pi;

	if (be == NULL || be->default_route_ifname == NULL ||
	    be->default_route_ifname(be->ctx, ifname, sizeof(ifname)) < 0 ||
	    sch_wan_member(ifname, &d) == 0)
		return 0;
	n = sch_prop_count(d.menu);
	vals = calloc((size_t)n + 1, sizeof(char *));
	for (k = 0; k < n; k++)
		if (d.menu->props[k].dflt && !(d.menu->props[k].flags & P_RO))
			vals[k] = strdup(d.menu->props[k].dflt);
	for (k = 0; d.kv[k]; k += 2) {
		if (sch_prop_find(d.menu, d.kv[k], &pi)) {
			free(vals[pi]);
			vals[pi] = strdup(d.kv[k + 1]);
		}
	}
	id = st_insert(e, d.menu, vals, -1, NULL, -1);
	st_vals_free(vals, n);
	if (id < 0)
		return -1;
	snprintf(key, sizeof(key), "defconf:%s:%lld", d.menu->table, id);
	return st_meta_set(e, key, "1");
}

static int
st_seed(struct eng *e)
{
	int i;

	for (i = 0; sch_menus[i]; i++)
		if (st_seed_menu(e, sch_menus[i]) < 0)
			return -1;
	if (st_seed_wan(e) < 0)
		return -1;
	return st_meta_set(e, "schema-version", ST_SCHEMA_VERSION);
}

static int
st_setup(struct eng *e)
{
	char v[32];
	int i;

	if (st_exec(e, "CREATE TABLE IF NOT EXISTS rosh_meta (key TEXT "
	    "PRIMARY KEY, value TEXT)") < 0)
		return -1;
	for (i = 0; sch_menus[i]; i++) {
		if (sch_menus[i]->flags & M_ACTION_ONLY)
			continue;
		if (st_create_table(e, sch_menus[i]) < 0 ||
		    st_upgrade_table(e, sch_menus[i]) < 0)
			return -1;
	}
	for (i = 0; sch_menus[i]; i++)
		if (!(sch_menus[i]->flags & M_ACTION_ONLY) &&
		    st_prepare_insert(e, &e->rt[i]) < 0)
			return -1;
	if (st_meta_get(e, "schema-version", v, sizeof(v)) == 0)
		return 0;
	return st_seed(e);
}

int
st_open(struct eng *e, char *err, size_t errsz)
{
	int i, n;

	if (sqlite3_open_v2(e->db_path, &e->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "cannot open %s: %s", e->db_path,
		    e->db ? sqlite3_errmsg(e->db) : "out of memory");
		return -1;
	}
	/* Several consoles and the daemon share the store: WAL lets readers
	 * run beside one writer, and the busy timeout turns contention into
	 * waiting instead of "database is locked". */
	sqlite3_busy_timeout(e->db, 30000);
	sqlite3_exec(e->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous="
	    "NORMAL; PRAGMA foreign_keys=OFF",
	    NULL, NULL, NULL);
	for (n = 0; sch_menus[n]; n++)
		;
	e->nrt = n;
	e->rt = calloc((size_t)n, sizeof(*e->rt));
	for (i = 0; i < n; i++) {
		e->rt[i].m = sch_menus[i];
		e->rt[i].nprops = sch_prop_count(sch_menus[i]);
		e->rt[i].next_ord = -1;
		e->rt[i].next_id = -1;
		e->rt[i].findv = calloc((size_t)e->rt[i].nprops + 1,
		    sizeof(sqlite3_stmt *));
	}
	if (st_begin(e) < 0 || st_setup(e) < 0) {
		snprintf(err, errsz, "cannot set up %s: %s", e->db_path,
		    e->err.set ? e->err.msg : sqlite3_errmsg(e->db));
		st_rollback(e);
		return -1;
	}
	return st_commit(e);
}

void
st_close(struct eng *e)
{
	int i;

	for (i = 0; i < e->nrt; i++) {
		int k;

		sqlite3_finalize(e->rt[i].ins);
		sqlite3_finalize(e->rt[i].tuple);
		for (k = 0; e->rt[i].findv && k < e->rt[i].nprops; k++)
			sqlite3_finalize(e->rt[i].findv[k]);
		free(e->rt[i].findv);
		free(e->rt[i].numbers);
	}
	free(e->rt);
	e->rt = NULL;
	sqlite3_close(e->db);
	e->db = NULL;
}

static void
st_row_read(sqlite3_stmt *s, const struct sch_menu *m, int nprops,
    struct st_row *r)
{
	int i;

	r->id = sqlite3_column_int64(s, 0);
	r->ord = sqlite3_column_int64(s, 1);
	r->owner = sqlite3_column_type(s, 2) == SQLITE_NULL ? NULL :
	    strdup((const char *)sqlite3_column_text(s, 2));
	r->vals = calloc((size_t)nprops + 1, sizeof(char *));
	for (i = 0; i < nprops; i++)
		if (sqlite3_column_type(s, 3 + i) != SQLITE_NULL)
			r->vals[i] = strdup(
			    (const char *)sqlite3_column_text(s, 3 + i));
	(void)m;
}

static void
st_select_cols(struct sbuf *b, const struct sch_menu *m)
{
	const struct sch_prop *p;

	sb_puts(b, "SELECT _id, _ord, _owner");
	for (p = m->props; p->name; p++) {
		sb_puts(b, ", ");
		st_quote_ident(b, p->name);
	}
	sb_printf(b, " FROM \"%s\"", m->table);
}

int
st_rows(struct eng *e, const struct sch_menu *m, const char *cond,
    const char *param, struct st_row **rows)
{
	struct sbuf b;
	sqlite3_stmt *s;
	int n = 0, cap = 0, np = sch_prop_count(m), rc;

	*rows = NULL;
	sb_init(&b);
	st_select_cols(&b, m);
	if (cond)
		sb_printf(&b, " WHERE %s", cond);
	sb_printf(&b, " ORDER BY %s", st_order(m));
	rc = sqlite3_prepare_v2(e->db, sb_str(&b), -1, &s, NULL);
	sb_fini(&b);
	if (rc != SQLITE_OK)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	if (param)
		sqlite3_bind_text(s, 1, param, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			*rows = realloc(*rows, (size_t)cap * sizeof(**rows));
		}
		st_row_read(s, m, np, &(*rows)[n++]);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		st_rows_free(m, *rows, n);
		*rows = NULL;
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	}
	return n;
}

void
st_row_fini(const struct sch_menu *m, struct st_row *r)
{
	int i, n = sch_prop_count(m);

	if (r->vals)
		for (i = 0; i < n; i++)
			free(r->vals[i]);
	free(r->vals);
	free(r->owner);
	r->vals = NULL;
	r->owner = NULL;
}

void
st_rows_free(const struct sch_menu *m, struct st_row *rows, int n)
{
	int i;

	for (i = 0; i < n; i++)
		st_row_fini(m, &rows[i]);
	free(rows);
}

int
st_row_get(struct eng *e, const struct sch_menu *m, long long id,
    struct st_row *r)
{
	struct sbuf b;
	sqlite3_stmt *s;
	int rc;

	sb_init(&b);
	st_select_cols(&b, m);
	sb_puts(&b, " WHERE _id=?");
	rc = sqlite3_prepare_v2(e->db, sb_str(&b), -1, &s, NULL);
	sb_fini(&b);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		st_row_read(s, m, sch_prop_count(m), r);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

static long long
st_scalar(struct eng *e, const char *sql, long long arg, int hasarg)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (hasarg)
		sqlite3_bind_int64(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static long long
st_next_id(struct eng *e, const struct sch_menu *m)
{
	char sql[160];
	long long v;

	snprintf(sql, sizeof(sql), "SELECT max(_id) FROM \"%s\" WHERE _id < "
	    "%lld", m->table, ST_ID_RESERVED);
	v = st_scalar(e, sql, 0, 0);
	return v < 0 ? 1 : v + 1;
}

/* Make room at the position of `before`; returns the freed position. */
static long long
st_open_slot(struct eng *e, const struct sch_menu *m, long long before)
{
	char sql[160];
	long long ord;

	snprintf(sql, sizeof(sql), "SELECT _ord FROM \"%s\" WHERE _id=?",
	    m->table);
	ord = st_scalar(e, sql, before, 1);
	if (ord < 0)
		return -1;
	snprintf(sql, sizeof(sql), "UPDATE \"%s\" SET _ord=_ord+1 WHERE "
	    "_ord >= %lld", m->table, ord);
	if (st_exec(e, sql) < 0)
		return -1;
	return ord;
}

long long
st_insert(struct eng *e, const struct sch_menu *m, char *const *vals,
    long long before, const char *owner, long long id)
{
	struct menu_rt *rt = st_rt(e, m);
	char sql[160];
	long long ord;
	int i, rc;

	if (rt->next_ord < 0) {
		snprintf(sql, sizeof(sql), "SELECT max(_ord) FROM \"%s\"",
		    m->table);
		ord = st_scalar(e, sql, 0, 0);
		rt->next_ord = ord < 0 ? 0 : ord + 1;
	}
	if (before >= 0) {
		ord = st_open_slot(e, m, before);
		if (ord < 0)
			return -1;
	} else {
		ord = rt->next_ord;
	}
	rt->next_ord++;
	if (id < 0) {
		if (rt->next_id < 0)
			rt->next_id = st_next_id(e, m);
		id = rt->next_id++;
	} else if (rt->next_id >= 0 && id >= rt->next_id &&
	    id < ST_ID_RESERVED) {
		rt->next_id = id + 1;
	}
	sqlite3_reset(rt->ins);
	sqlite3_bind_int64(rt->ins, 1, id);
	sqlite3_bind_int64(rt->ins, 2, ord);
	if (owner)
		sqlite3_bind_text(rt->ins, 3, owner, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(rt->ins, 3);
	for (i = 0; i < rt->nprops; i++) {
		if (vals[i])
			sqlite3_bind_text(rt->ins, 4 + i, vals[i], -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(rt->ins, 4 + i);
	}
	rc = sqlite3_step(rt->ins);
	sqlite3_reset(rt->ins);
	if (rc == SQLITE_CONSTRAINT)
		return ST_CLASH;
	if (rc != SQLITE_DONE) {
		eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
		return -1;
	}
	return id;
}

int
st_update(struct eng *e, const struct sch_menu *m, long long id,
    char *const *vals)
{
	struct sbuf b;
	sqlite3_stmt *s;
	int i, n = sch_prop_count(m), rc;

	sb_init(&b);
	sb_printf(&b, "UPDATE \"%s\" SET ", m->table);
	for (i = 0; i < n; i++) {
		if (i)
			sb_puts(&b, ", ");
		st_quote_ident(&b, m->props[i].name);
		sb_puts(&b, "=?");
	}
	sb_puts(&b, " WHERE _id=?");
	rc = sqlite3_prepare_v2(e->db, sb_str(&b), -1, &s, NULL);
	sb_fini(&b);
	if (rc != SQLITE_OK)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	for (i = 0; i < n; i++) {
		if (vals[i])
			sqlite3_bind_text(s, 1 + i, vals[i], -1,
			    SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(s, 1 + i);
	}
	sqlite3_bind_int64(s, n + 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 :
	    eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
}

int
st_delete(struct eng *e, const struct sch_menu *m, long long id)
{
	char sql[160];
	sqlite3_stmt *s;
	int rc;

	snprintf(sql, sizeof(sql), "DELETE FROM \"%s\" WHERE _id=?", m->table);
	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
st_move(struct eng *e, const struct sch_menu *m, long long id,
    long long before)
{
	char sql[200];
	long long ord;

	if (before < 0) {
		snprintf(sql, sizeof(sql), "SELECT max(_ord) FROM \"%s\"",
		    m->table);
		ord = st_scalar(e, sql, 0, 0) + 1;
	} else {
		ord = st_open_slot(e, m, before);
		if (ord < 0)
			return -1;
	}
	snprintf(sql, sizeof(sql), "UPDATE \"%s\" SET _ord=%lld WHERE _id=%lld",
	    m->table, ord, id);
	st_rt(e, m)->next_ord = -1;
	return st_exec(e, sql);
}

long long
st_find_value(struct eng *e, const struct sch_menu *m, int pi,
    const char *value, long long except_id)
{
	struct menu_rt *rt = st_rt(e, m);
	sqlite3_stmt **sp = &rt->findv[pi];
	struct sbuf b;
	long long id = -1;

	if (*sp == NULL) {
		sb_init(&b);
		sb_printf(&b, "SELECT _id FROM \"%s\" WHERE ", m->table);
		st_quote_ident(&b, m->props[pi].name);
		sb_puts(&b, "=? AND _id<>? LIMIT 1");
		if (sqlite3_prepare_v3(e->db, sb_str(&b), -1,
		    SQLITE_PREPARE_PERSISTENT, sp, NULL) != SQLITE_OK)
			*sp = NULL;
		sb_fini(&b);
		if (*sp == NULL)
			return -1;
	}
	sqlite3_bind_text(*sp, 1, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(*sp, 2, except_id);
	if (sqlite3_step(*sp) == SQLITE_ROW)
		id = sqlite3_column_int64(*sp, 0);
	sqlite3_reset(*sp);
	sqlite3_clear_bindings(*sp);
	return id;
}

long long
st_count(struct eng *e, const struct sch_menu *m, const char *cond,
    const char *param)
{
	struct sbuf b;
	sqlite3_stmt *s;
	long long n = -1;

	sb_init(&b);
	sb_printf(&b, "SELECT count(*) FROM \"%s\"", m->table);
	if (cond)
		sb_printf(&b, " WHERE %s", cond);
	if (sqlite3_prepare_v2(e->db, sb_str(&b), -1, &s, NULL) == SQLITE_OK) {
		if (param)
			sqlite3_bind_text(s, 1, param, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sb_fini(&b);
	return n;
}

int
st_delete_owned(struct eng *e, const char *owner)
{
	char sql[256];
	sqlite3_stmt *s;
	int i, rc = 0;

	for (i = 0; sch_menus[i]; i++) {
		if (sch_menus[i]->flags & M_ACTION_ONLY)
			continue;
		snprintf(sql, sizeof(sql), "DELETE FROM \"%s\" WHERE _owner=?",
		    sch_menus[i]->table);
		if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = -1;
		sqlite3_finalize(s);
	}
	return rc;
}

/* Run an UPDATE with two text parameters (reference renames). */
int
st_exec_text2(struct eng *e, const char *sql, const char *newv,
    const char *oldv)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	sqlite3_bind_text(s, 1, newv, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, oldv, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Does another item share every value of m->unique_tuple with vals?
 * NULL compares equal to NULL here ("IS"), as for the user both are
 * "not set". */
int
st_tuple_exists(struct eng *e, const struct sch_menu *m, char *const *vals,
    long long except_id)
{
	struct menu_rt *rt = st_rt(e, m);
	const char *const *t;
	struct sbuf b;
	int pi, k = 2, found;

	if (rt->tuple == NULL) {
		sb_init(&b);
		sb_printf(&b, "SELECT 1 FROM \"%s\" WHERE _id<>?", m->table);
		for (t = m->unique_tuple; *t; t++) {
			sb_puts(&b, " AND ");
			st_quote_ident(&b, *t);
			sb_puts(&b, " IS ?");
		}
		sb_puts(&b, " LIMIT 1");
		if (sqlite3_prepare_v3(e->db, sb_str(&b), -1,
		    SQLITE_PREPARE_PERSISTENT, &rt->tuple, NULL) != SQLITE_OK)
			rt->tuple = NULL;
		sb_fini(&b);
		if (rt->tuple == NULL)
			return 0;
	}
	sqlite3_bind_int64(rt->tuple, 1, except_id);
	for (t = m->unique_tuple; *t; t++) {
		if (sch_prop_find(m, *t, &pi) && vals[pi])
			sqlite3_bind_text(rt->tuple, k, vals[pi], -1,
			    SQLITE_STATIC);
		else
			sqlite3_bind_null(rt->tuple, k);
		k++;
	}
	found = sqlite3_step(rt->tuple) == SQLITE_ROW;
	sqlite3_reset(rt->tuple);
	sqlite3_clear_bindings(rt->tuple);
	return found;
}

/*
 * Insert a row read from another store (a backup) whose table may have
 * been made by an older schema: columns are matched by name.
 */
int
st_copy_row(struct eng *e, const struct sch_menu *m, sqlite3_stmt *src)
{
	int n = sch_prop_count(m), cols = sqlite3_column_count(src), i, pi;
	char **vals = calloc((size_t)n + 1, sizeof(char *));
	long long id = -1, ord = 0, got;
	const char *owner = NULL, *cn;

	for (i = 0; i < cols; i++) {
		cn = sqlite3_column_name(src, i);
		if (strcmp(cn, "_id") == 0)
			id = sqlite3_column_int64(src, i);
		else if (strcmp(cn, "_ord") == 0)
			ord = sqlite3_column_int64(src, i);
		else if (strcmp(cn, "_owner") == 0)
			owner = (const char *)sqlite3_column_text(src, i);
		else if (sch_prop_find(m, cn, &pi) &&
		    sqlite3_column_type(src, i) != SQLITE_NULL)
			vals[pi] = strdup((const char *)
			    sqlite3_column_text(src, i));
	}
	st_rt(e, m)->next_ord = ord;
	got = st_insert(e, m, vals, -1, owner, id);
	st_rt(e, m)->next_ord = -1;
	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	return got < 0 ? -1 : 0;
}

/* Was item id of m put there by the default configuration (the defconf
 * WAN/LAN lists and the WAN member of a fresh store)? */
int
st_is_defconf(struct eng *e, const struct sch_menu *m, long long id)
{
	const struct sch_item *it = sch_factory_item(m, id);
	char key[128], v[8];

	if (it && (it->flags & SCH_ITEM_ORDINARY))
		return 1;
	snprintf(key, sizeof(key), "defconf:%s:%lld", m->table, id);
	return st_meta_get(e, key, v, sizeof(v)) == 0;
}

/* Id of the item sharing every value of m->unique_tuple, or -1. */
long long
st_tuple_find(struct eng *e, const struct sch_menu *m, char *const *vals)
{
	struct sbuf b;
	sqlite3_stmt *s;
	const char *const *t;
	long long id = -1;
	int pi, k = 1;

	sb_init(&b);
	sb_printf(&b, "SELECT _id FROM \"%s\" WHERE 1", m->table);
	for (t = m->unique_tuple; *t; t++) {
		sb_puts(&b, " AND ");
		st_quote_ident(&b, *t);
		sb_puts(&b, " IS ?");
	}
	if (sqlite3_prepare_v2(e->db, sb_str(&b), -1, &s, NULL) == SQLITE_OK) {
		for (t = m->unique_tuple; *t; t++, k++) {
			if (sch_prop_find(m, *t, &pi) && vals[pi])
				sqlite3_bind_text(s, k, vals[pi], -1,
				    SQLITE_STATIC);
		}
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sb_fini(&b);
	return id;
}

/* Highest id in m's table (0 when empty). */
long long
st_max_id(struct eng *e, const struct sch_menu *m)
{
	char sql[160];
	long long v;

	snprintf(sql, sizeof(sql), "SELECT max(_id) FROM \"%s\"", m->table);
	v = st_scalar(e, sql, 0, 0);
	return v < 0 ? 0 : v;
}
