/*
 * pool.c - the address-pool allocator behind /ip pool and /ip pool used.
 *
 * A lease is a row of /ip pool used (pool, address, owner, info).  Two
 * hints live in the store's rosh_meta table, inside the same
 * transaction as the rows:
 *
 *   pool-next:<pool>                    the address leased last, where
 *                                       the next search starts;
 *   pool-last:<pool> US <owner> US <info>  (US = 0x1f) the address this
 *                                       owner/info pair had last.
 *
 * Candidates are tested one by one with an index lookup on the address
 * column (st_find_value()); see pool.h for why that stays short.
 * Writes happen under a savepoint, so a failing lease or release leaves
 * the caller's transaction exactly as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"
#include "pool.h"

#define PL_CHAIN_MAX	64	/* next pools followed at most */
#define PL_KEY_NEXT	"pool-next:"
#define PL_KEY_LAST	"pool-last:"
#define PL_SEP		'\x1f'

/* One pool as a lease needs it. */
struct pl_pool {
	char *pp_name;			/* from malloc() */
	char *pp_next;			/* next-pool, NULL for none */
	struct sch_ip_range *pp_rg;	/* from malloc() */
	int pp_nrg;
	unsigned long long pp_total;	/* addresses in all ranges */
};

const char *
pool_strerror(int rc)
{
	switch (rc) {
	case POOL_OK:
		return "ok";
	case POOL_ENOPOOL:
		return "no such pool";
	case POOL_EXHAUSTED:
		return "pool exhausted";
	case POOL_ENOLEASE:
		return "no such lease";
	case POOL_EINVAL:
		return "invalid pool ranges";
	default:
		return "store failure";
	}
}

static void
pl_text(unsigned a, char *buf, size_t sz)
{
	snprintf(buf, sz, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
	    (a >> 8) & 255, a & 255);
}

static void
pl_pool_fini(struct pl_pool *pp)
{
	free(pp->pp_name);
	free(pp->pp_next);
	free(pp->pp_rg);
	memset(pp, 0, sizeof(*pp));
}

/* Savepoints nest inside the caller's transaction (or st_begin's). */
static int
pl_sql(struct eng *e, const char *sql)
{
	return sqlite3_exec(e->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 :
	    -1;
}

static int
pl_begin(struct eng *e)
{
	/* st_begin() fails only when it opened the transaction itself. */
	if (st_begin(e) < 0) {
		st_rollback(e);
		return -1;
	}
	if (pl_sql(e, "SAVEPOINT rosh_pool") < 0) {
		st_commit(e);
		return -1;
	}
	return 0;
}

static int
pl_end(struct eng *e, int rc)
{
	if (rc != POOL_OK)
		(void)pl_sql(e, "ROLLBACK TO rosh_pool");
	if (pl_sql(e, "RELEASE rosh_pool") < 0 && rc == POOL_OK)
		rc = POOL_ESTORE;
	if (st_commit(e) < 0 && rc == POOL_OK)
		rc = POOL_ESTORE;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Pools                                                               */
/* ------------------------------------------------------------------ */

/* Read pool `name`: its name and next pool, and its ranges when rg. */
static int
pl_load(struct eng *e, const char *name, struct pl_pool *pp, int rg)
{
	const struct sch_menu *m = sch_pool_menu();
	struct sch_pool sp;
	struct st_row r;
	long long id;
	int ni, i, rc = POOL_OK;

	memset(pp, 0, sizeof(*pp));
	if (m == NULL || m->name_prop == NULL ||
	    sch_prop_find(m, m->name_prop, &ni) == NULL)
		return POOL_ESTORE;
	id = st_find_value(e, m, ni, name, -1);
	if (id < 0)
		return POOL_ENOPOOL;
	if (st_row_get(e, m, id, &r) < 0)
		return POOL_ESTORE;
	sch_pool_of(m, r.vals, &sp);
	pp->pp_name = strdup(name);
	pp->pp_next = sp.sp_next != NULL ? strdup(sp.sp_next) : NULL;
	if (pp->pp_name == NULL || (sp.sp_next != NULL && pp->pp_next == NULL))
		rc = POOL_ESTORE;
	else if (rg && (pp->pp_nrg = sch_ip_ranges_parse(sp.sp_ranges,
	    &pp->pp_rg)) < 0)
		rc = POOL_EINVAL;
	for (i = 0; rc == POOL_OK && i < pp->pp_nrg; i++)
		pp->pp_total += (unsigned long long)pp->pp_rg[i].hi -
		    pp->pp_rg[i].lo + 1;
	st_row_fini(m, &r);
	if (rc != POOL_OK)
		pl_pool_fini(pp);
	return rc;
}

/* Address at position pos of the pool's ranges (pos < pp_total). */
static unsigned
pl_at(const struct pl_pool *pp, unsigned long long pos)
{
	unsigned long long size;
	int i;

	for (i = 0; i < pp->pp_nrg; i++) {
		size = (unsigned long long)pp->pp_rg[i].hi - pp->pp_rg[i].lo +
		    1;
		if (pos < size)
			return pp->pp_rg[i].lo + (unsigned)pos;
		pos -= size;
	}
	return 0;
}

/* Position of address a in the ranges; -1 when outside them. */
static int
pl_pos(const struct pl_pool *pp, unsigned a, unsigned long long *pos)
{
	unsigned long long base = 0;
	int i;

	for (i = 0; i < pp->pp_nrg; i++) {
		if (a >= pp->pp_rg[i].lo && a <= pp->pp_rg[i].hi) {
			*pos = base + (a - pp->pp_rg[i].lo);
			return 0;
		}
		base += (unsigned long long)pp->pp_rg[i].hi -
		    pp->pp_rg[i].lo + 1;
	}
	return -1;
}

/* Is address a leased, from any pool?  One index lookup. */
static int
pl_used(struct eng *e, unsigned a)
{
	const struct sch_menu *um = sch_pool_used_menu();
	char text[POOL_ADDRSZ];

	pl_text(a, text, sizeof(text));
	return st_find_value(e, um, sch_pool_used_addr_index(um), text, -1) >=
	    0;
}

/* ------------------------------------------------------------------ */
/* Hints                                                               */
/* ------------------------------------------------------------------ */

/* OUT: malloc'd rosh_meta key of the owner/info pair, or NULL when
 * neither is given (nothing to remember) or memory ran out. */
static char *
pl_key_last(const char *pool, const char *owner, const char *info)
{
	char *key = NULL;

	if (owner == NULL && info == NULL)
		return NULL;
	if (asprintf(&key, PL_KEY_LAST "%s%c%s%c%s", pool, PL_SEP,
	    owner ? owner : "", PL_SEP, info ? info : "") < 0)
		return NULL;
	return key;
}

static char *
pl_key_next(const char *pool)
{
	char *key = NULL;

	if (asprintf(&key, PL_KEY_NEXT "%s", pool) < 0)
		return NULL;
	return key;
}

/* The address stored under key, when it lies in the pool; -1 if not. */
static int
pl_hint(struct eng *e, const struct pl_pool *pp, const char *key,
    unsigned *a, unsigned long long *pos)
{
	char v[POOL_ADDRSZ + 8];

	if (key == NULL || st_meta_get(e, key, v, sizeof(v)) < 0 ||
	    sch_ip4_parse(v, a) < 0)
		return -1;
	return pl_pos(pp, *a, pos);
}

/* ------------------------------------------------------------------ */
/* Lease                                                               */
/* ------------------------------------------------------------------ */

/* A free address of pp: the pair's last one, else next fit. */
static int
pl_pick(struct eng *e, const struct pl_pool *pp, const char *owner,
    const char *info, unsigned *a)
{
	unsigned long long pos, start = 0, k;
	char *key;
	int hit;

	if (pp->pp_total == 0)
		return POOL_EXHAUSTED;
	key = pl_key_last(pp->pp_name, owner, info);
	hit = pl_hint(e, pp, key, a, &pos) == 0 && !pl_used(e, *a);
	free(key);
	if (hit)
		return POOL_OK;
	key = pl_key_next(pp->pp_name);
	if (pl_hint(e, pp, key, a, &pos) == 0)
		start = (pos + 1) % pp->pp_total;
	free(key);
	/* Every refused candidate is a lease, so this stops after at most
	 * (leases in the pool + 1) lookups, or pp_total when it is full. */
	for (k = 0; k < pp->pp_total; k++) {
		*a = pl_at(pp, (start + k) % pp->pp_total);
		if (!pl_used(e, *a))
			return POOL_OK;
	}
	return POOL_EXHAUSTED;
}

/* Record the lease of a and the hints. */
static int
pl_take(struct eng *e, const struct pl_pool *pp, unsigned a,
    const char *owner, const char *info, struct pool_addr *out)
{
	const struct sch_menu *um = sch_pool_used_menu();
	char text[POOL_ADDRSZ], *knext, *klast;
	char **vals;
	long long id;
	int i, rc = POOL_ESTORE;

	pl_text(a, text, sizeof(text));
	vals = sch_pool_used_row(um, pp->pp_name, text, owner, info);
	if (vals == NULL)
		return POOL_ESTORE;
	id = st_insert(e, um, vals, -1, NULL, -1);
	for (i = 0; i < sch_prop_count(um); i++)
		free(vals[i]);
	free(vals);
	knext = pl_key_next(pp->pp_name);
	klast = pl_key_last(pp->pp_name, owner, info);
	if (id >= 0 && knext != NULL && st_meta_set(e, knext, text) == 0 &&
	    (klast == NULL ? owner == NULL && info == NULL :
	    st_meta_set(e, klast, text) == 0))
		rc = POOL_OK;
	free(knext);
	free(klast);
	if (rc == POOL_OK) {
		out->pa_addr = a;
		snprintf(out->pa_text, sizeof(out->pa_text), "%s", text);
		snprintf(out->pa_pool, sizeof(out->pa_pool), "%s",
		    pp->pp_name);
	}
	return rc;
}

/* Has name been visited on this chain of next pools? */
static int
pl_seen(char *const *seen, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(seen[i], name) == 0)
			return 1;
	return 0;
}

static int
pl_lease_chain(struct eng *e, const char *pool, const char *owner,
    const char *info, struct pool_addr *out)
{
	struct pl_pool pp;
	char *seen[PL_CHAIN_MAX];
	const char *name = pool;
	unsigned a;
	int n = 0, rc;

	for (;;) {
		rc = pl_load(e, name, &pp, 1);
		/* A dangling next-pool is a dead end, not a missing pool. */
		if (rc == POOL_ENOPOOL && n > 0)
			rc = POOL_EXHAUSTED;
		if (rc != POOL_OK)
			break;
		rc = pl_pick(e, &pp, owner, info, &a);
		if (rc == POOL_OK)
			rc = pl_take(e, &pp, a, owner, info, out);
		if (rc != POOL_EXHAUSTED || pp.pp_next == NULL ||
		    n == PL_CHAIN_MAX || pl_seen(seen, n, pp.pp_next) ||
		    strcmp(pp.pp_next, pool) == 0) {
			pl_pool_fini(&pp);
			break;
		}
		seen[n++] = pp.pp_next;
		pp.pp_next = NULL;
		name = seen[n - 1];
		pl_pool_fini(&pp);
	}
	while (n > 0)
		free(seen[--n]);
	return rc;
}

int
pool_lease(struct eng *e, const char *pool, const char *owner,
    const char *info, struct pool_addr *out)
{
	if (e == NULL || pool == NULL || out == NULL)
		return POOL_ENOPOOL;
	memset(out, 0, sizeof(*out));
	if (sch_pool_menu() == NULL || sch_pool_used_menu() == NULL ||
	    sch_pool_used_addr_index(sch_pool_used_menu()) < 0)
		return POOL_ESTORE;
	if (pl_begin(e) < 0)
		return POOL_ESTORE;
	return pl_end(e, pl_lease_chain(e, pool, owner, info, out));
}

/* ------------------------------------------------------------------ */
/* Release                                                             */
/* ------------------------------------------------------------------ */

/* Is `from` pool itself or one of its next pools? */
static int
pl_in_chain(struct eng *e, const char *pool, const char *from)
{
	struct pl_pool pp;
	char *name;
	int i, found = 0;

	name = strdup(pool);
	for (i = 0; name != NULL && i <= PL_CHAIN_MAX && !found; i++) {
		found = strcmp(name, from) == 0;
		if (found || pl_load(e, name, &pp, 0) != POOL_OK)
			break;
		free(name);
		name = pp.pp_next;
		pp.pp_next = NULL;
		pl_pool_fini(&pp);
	}
	free(name);
	return found;
}

static int
pl_release(struct eng *e, const char *pool, const char *address)
{
	const struct sch_menu *um = sch_pool_used_menu();
	struct sch_pool_used u;
	struct st_row r;
	char text[POOL_ADDRSZ];
	unsigned a;
	long long id;
	int ok;

	if (sch_ip4_parse(address, &a) < 0)
		return POOL_ENOLEASE;
	pl_text(a, text, sizeof(text));
	id = st_find_value(e, um, sch_pool_used_addr_index(um), text, -1);
	if (id < 0)
		return POOL_ENOLEASE;
	if (pool != NULL) {
		if (st_row_get(e, um, id, &r) < 0)
			return POOL_ESTORE;
		sch_pool_used_of(um, r.vals, &u);
		ok = u.pu_pool != NULL && pl_in_chain(e, pool, u.pu_pool);
		st_row_fini(um, &r);
		if (!ok)
			return POOL_ENOLEASE;
	}
	return st_delete(e, um, id) == 0 ? POOL_OK : POOL_ESTORE;
}

int
pool_release(struct eng *e, const char *pool, const char *address)
{
	if (e == NULL || address == NULL)
		return POOL_ENOLEASE;
	if (sch_pool_used_menu() == NULL ||
	    sch_pool_used_addr_index(sch_pool_used_menu()) < 0)
		return POOL_ESTORE;
	if (pl_begin(e) < 0)
		return POOL_ESTORE;
	return pl_end(e, pl_release(e, pool, address));
}
