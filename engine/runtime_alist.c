/*
 * runtime_alist.c - the address lists' runtime side (see runtime.h):
 * entries whose timeout runs out leave the store, and addresses that
 * firewall rules add to rosh's nft sets (add-src-to-address-list,
 * add-dst-to-address-list) enter it as dynamic entries.
 *
 * The store is what the firewall is built from, and building it
 * replaces rosh's nft table, sets included.  An address a rule added
 * exists only in the kernel until it is read back here, so roshd reads
 * the sets back before every apply, and once a second so that
 * `/ip firewall address-list print` shows them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"
#include "firewall.h"
#include "runtime_local.h"

/* An inclusive range of IPv4 addresses, host byte order. */
struct ra_range {
	unsigned lo, hi;
};

/* Stored value of prop in a row, or the property's default. */
static const char *
ra_val(const struct sch_menu *m, const struct st_row *r, const char *prop)
{
	const struct sch_prop *p;
	int i;

	if (prop == NULL || (p = sch_prop_find(m, prop, &i)) == NULL)
		return NULL;
	return r->vals[i] != NULL ? r->vals[i] : p->dflt;
}

static int
ra_fail(struct eng *e, char *err, size_t errsz)
{
	snprintf(err, errsz, "store: %s", st_errmsg(e));
	e->err.set = 0;
	return -1;
}

/* A, A/M or A-B; -1 for anything else (a DNS name). */
static int
ra_parse(const char *v, struct ra_range *r)
{
	char a[40];
	const char *dash = v ? strchr(v, '-') : NULL;
	int len;

	if (v == NULL)
		return -1;
	if (dash != NULL) {
		snprintf(a, sizeof(a), "%.*s", (int)(dash - v), v);
		if (sch_ip4_parse(a, &r->lo) < 0 ||
		    sch_ip4_parse(dash + 1, &r->hi) < 0 || r->hi < r->lo)
			return -1;
		return 0;
	}
	if (sch_ip4_prefix_parse(v, &r->lo, &len) < 0)
		return -1;
	r->lo &= len ? 0xffffffffu << (32 - len) : 0;
	r->hi = r->lo | (len ? ~(0xffffffffu << (32 - len)) : 0xffffffffu);
	return 0;
}

/* The text the console stores for a range: A, A/M when it is a
 * prefix, else A-B. */
static void
ra_text(unsigned lo, unsigned hi, char *buf, size_t sz)
{
	unsigned span = hi - lo;
	int len = 32;

	while (len > 0 && (span >> (32 - len)) != 0)
		len--;
	if (lo == hi)
		snprintf(buf, sz, "%u.%u.%u.%u", lo >> 24, (lo >> 16) & 255,
		    (lo >> 8) & 255, lo & 255);
	else if (span + 1 == (len ? 1u << (32 - len) : 0) &&
	    (lo & (span)) == 0)
		snprintf(buf, sz, "%u.%u.%u.%u/%d", lo >> 24,
		    (lo >> 16) & 255, (lo >> 8) & 255, lo & 255, len);
	else
		snprintf(buf, sz, "%u.%u.%u.%u-%u.%u.%u.%u", lo >> 24,
		    (lo >> 16) & 255, (lo >> 8) & 255, lo & 255, hi >> 24,
		    (hi >> 16) & 255, (hi >> 8) & 255, hi & 255);
}

/* ------------------------------------------------------------------ */
/* The lists rules add to                                              */
/* ------------------------------------------------------------------ */

static int
ra_lists_add(struct rt_lists *l, const char *name, int is_static)
{
	char **nn;
	int *ns, i;

	for (i = 0; i < l->rl_n; i++) {
		if (strcmp(l->rl_name[i], name) == 0) {
			/* Static only when every rule says so. */
			l->rl_static[i] &= is_static;
			return 0;
		}
	}
	nn = realloc(l->rl_name, (size_t)(l->rl_n + 1) * sizeof(*nn));
	if (nn == NULL)
		return -1;
	l->rl_name = nn;
	ns = realloc(l->rl_static, (size_t)(l->rl_n + 1) * sizeof(*ns));
	if (ns == NULL)
		return -1;
	l->rl_static = ns;
	if ((l->rl_name[l->rl_n] = strdup(name)) == NULL)
		return -1;
	l->rl_static[l->rl_n++] = is_static;
	return 0;
}

/* Enabled rules of one table whose action adds to a list. */
static int
ra_lists_table(struct eng *e, const struct sch_menu *m, struct rt_lists *l)
{
	const struct sch_fw_args *a = sch_fw_args();
	const struct sch_fw_action *ac;
	struct st_row *rows = NULL;
	const char *act, *list, *v;
	char cond[128];
	int n, i, rc = 0;

	snprintf(cond, sizeof(cond), "\"%s\" IS NOT NULL", a->address_list);
	n = st_rows(e, m, cond, NULL, &rows);
	if (n < 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		v = ra_val(m, &rows[i], SCH_DISABLED);
		act = ra_val(m, &rows[i], a->action);
		ac = sch_fw_action_find(act ? act : a->default_action);
		list = ra_val(m, &rows[i], a->address_list);
		if ((v != NULL && strcmp(v, "yes") == 0) || ac == NULL ||
		    ac->act != SFA_ADD_LIST || list == NULL)
			continue;
		rc = ra_lists_add(l, list, sch_fw_list_static(ra_val(m,
		    &rows[i], a->address_list_timeout)));
	}
	st_rows_free(m, rows, n);
	return rc;
}

static int
ra_lists(struct eng *e, struct rt_state *s)
{
	const struct sch_fw_table *t;

	if (s->rs_lists_known)
		return 0;
	rt_lists_fini(&s->rs_lists);
	for (t = sch_fw_tables(); t->menu != NULL; t++)
		if (ra_lists_table(e, t->menu, &s->rs_lists) < 0) {
			rt_lists_fini(&s->rs_lists);
			e->err.set = 0;
			return -1;
		}
	s->rs_lists_known = 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Read back                                                           */
/* ------------------------------------------------------------------ */

/* The list's stored entries as ranges (count, or -1). */
static int
ra_stored(struct eng *e, const char *list, struct ra_range **out)
{
	const struct sch_fw_ifspec *is = sch_fw_ifspec();
	struct st_row *rows = NULL;
	char cond[128];
	int n, i, k = 0;

	snprintf(cond, sizeof(cond), "\"%s\"=?", is->alist_list);
	n = st_rows(e, is->alist, cond, list, &rows);
	*out = n < 0 ? NULL : calloc((size_t)n + 1, sizeof(**out));
	if (*out == NULL) {
		st_rows_free(is->alist, rows, n < 0 ? 0 : n);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (ra_parse(ra_val(is->alist, &rows[i], is->alist_address),
		    &(*out)[k]) == 0)
			k++;
	st_rows_free(is->alist, rows, n);
	return k;
}

static int
ra_covered(const struct ra_range *r, int n, const struct eng_nft_elem *el)
{
	int i;

	for (i = 0; i < n; i++)
		if (r[i].lo <= el->lo && el->hi <= r[i].hi)
			return 1;
	return 0;
}

/* Add one element as an entry; its expiry joins the schedule. */
static int
ra_insert(struct eng *e, struct rt_state *s, const char *list,
    const struct eng_nft_elem *el, int is_static, long long now)
{
	const struct sch_menu *m = sch_fw_ifspec()->alist;
	char addr[40], tmo[48], made[32], **row;
	long long created = now, exp, id;
	int i, n = sch_prop_count(m);

	ra_text(el->lo, el->hi, addr, sizeof(addr));
	if (el->timeout_ms > 0) {
		sch_time_format((long long)el->timeout_ms * 1000000LL, tmo,
		    sizeof(tmo));
		if (el->expires_ms <= el->timeout_ms)
			created -= (long long)((el->timeout_ms -
			    el->expires_ms) / 1000);
		exp = created + (long long)((el->timeout_ms + 999) / 1000);
		if (s->rs_next_expiry != RT_UNKNOWN && exp <
		    s->rs_next_expiry)
			s->rs_next_expiry = exp;
	}
	sch_datetime_format(created, made, sizeof(made));
	row = sch_alist_row(m, list, addr, el->timeout_ms ? tmo : NULL, made,
	    !is_static);
	if (row == NULL)
		return -1;
	id = st_insert(e, m, row, -1, NULL, -1);
	for (i = 0; i < n; i++)
		free(row[i]);
	free(row);
	/* A clash is an entry added meanwhile: nothing to do. */
	return id == ST_CLASH ? 0 : id < 0 ? -1 : 1;
}

static int
ra_list(struct eng *e, struct rt_state *s, int li, long long now)
{
	const struct eng_backend *be = e->o.backend;
	const char *list = s->rs_lists.rl_name[li];
	struct eng_nft_elem *el = NULL;
	struct ra_range *have = NULL;
	struct sbuf set;
	char why[256];
	int nel = 0, nhave, i, rc, n = 0;

	sb_init(&set);
	fw_alist_set_name(&set, list);
	rc = be->nft_set_elems(be->ctx, FW_NFT_TABLE, sb_str(&set), &el, &nel,
	    why, sizeof(why));
	sb_fini(&set);
	if (rc < 0)
		return 0;
	nhave = ra_stored(e, list, &have);
	for (i = 0; i < nel && nhave >= 0; i++) {
		if (ra_covered(have, nhave, &el[i]))
			continue;
		rc = ra_insert(e, s, list, &el[i], s->rs_lists.rl_static[li],
		    now);
		if (rc < 0) {
			n = -1;
			break;
		}
		n += rc;
	}
	free(el);
	free(have);
	return nhave < 0 ? -1 : n;
}

int
rt_alist_readback_tx(struct eng *e, struct rt_state *s, char *err,
    size_t errsz)
{
	const struct eng_backend *be = e->o.backend;
	long long now = (long long)time(NULL);
	int i, rc, n = 0;

	if (be == NULL || be->nft_set_elems == NULL || e->fw_applied == NULL ||
	    e->fw_applied[0] == '\0' || sch_fw_ifspec()->alist == NULL)
		return 0;
	if (ra_lists(e, s) < 0)
		return ra_fail(e, err, errsz);
	for (i = 0; i < s->rs_lists.rl_n; i++) {
		rc = ra_list(e, s, i, now);
		if (rc < 0)
			return ra_fail(e, err, errsz);
		n += rc;
	}
	return n;
}

int
rt_alist_readback(struct eng *e, struct rt_state *s, char *err,
    size_t errsz)
{
	int rc;

	if (errsz > 0)
		err[0] = '\0';
	if (st_begin(e) < 0) {
		st_rollback(e);
		return ra_fail(e, err, errsz);
	}
	rc = rt_alist_readback_tx(e, s, err, errsz);
	if (rc < 0)
		st_rollback(e);
	else if (st_commit(e) < 0)
		rc = ra_fail(e, err, errsz);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Expiry                                                              */
/* ------------------------------------------------------------------ */

/* When the entry expires (unix time), 0 for never; an entry without a
 * creation time gets one now. */
static long long
ra_expiry(struct eng *e, const struct sch_menu *m, struct st_row *r,
    long long now, int *err)
{
	struct sch_alist_entry a;
	long long ns, made;
	int ci = sch_creation_time_index(m);
	char text[32];

	sch_alist_of(m, r->vals, &a);
	if (a.ae_timeout == NULL || sch_time_parse(a.ae_timeout, &ns) < 0 ||
	    ns <= 0)
		return 0;
	if (ci < 0)
		return 0;
	if (sch_datetime_parse(a.ae_created, &made) < 0) {
		made = now;
		sch_datetime_format(now, text, sizeof(text));
		free(r->vals[ci]);
		r->vals[ci] = strdup(text);
		if (r->vals[ci] == NULL ||
		    st_update(e, m, r->id, r->vals) < 0)
			*err = 1;
	}
	return made + (ns + 999999999LL) / 1000000000LL;
}

static int
ra_expire_tx(struct eng *e, struct rt_state *s, long long now)
{
	const struct sch_fw_ifspec *is = sch_fw_ifspec();
	struct st_row *rows = NULL;
	long long next = RT_NONE, exp;
	char cond[128];
	int nr, i, bad = 0, n = 0;

	snprintf(cond, sizeof(cond), "\"%s\" IS NOT NULL", is->alist_timeout);
	nr = st_rows(e, is->alist, cond, NULL, &rows);
	if (nr < 0)
		return -1;
	for (i = 0; i < nr && !bad; i++) {
		exp = ra_expiry(e, is->alist, &rows[i], now, &bad);
		if (exp == 0)
			continue;
		if (exp > now) {
			next = exp < next ? exp : next;
			continue;
		}
		if (st_delete(e, is->alist, rows[i].id) < 0)
			bad = 1;
		n++;
	}
	st_rows_free(is->alist, rows, nr);
	s->rs_next_expiry = next;
	return bad ? -1 : n;
}

int
rt_alist_expire(struct eng *e, struct rt_state *s, char *err, size_t errsz)
{
	long long now = (long long)time(NULL);
	int rc;

	if (errsz > 0)
		err[0] = '\0';
	if (sch_fw_ifspec()->alist == NULL)
		return 0;
	/* Nothing due: one comparison a second. */
	if (s->rs_next_expiry != RT_UNKNOWN && now < s->rs_next_expiry)
		return 0;
	if (st_begin(e) < 0) {
		st_rollback(e);
		return ra_fail(e, err, errsz);
	}
	rc = ra_expire_tx(e, s, now);
	if (rc < 0) {
		st_rollback(e);
		s->rs_next_expiry = RT_UNKNOWN;
		return ra_fail(e, err, errsz);
	}
	if (st_commit(e) < 0)
		return ra_fail(e, err, errsz);
	return rc;
}
