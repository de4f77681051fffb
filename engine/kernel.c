/*
 * kernel.c - /ip address and /ip route into the kernel.
 *
 * Each pass works from the whole desired state, so it converges from
 * whatever the kernel holds (a crash between two changes, a restart
 * after kill -9, someone deleting a route by hand):
 *
 *   1. plan    read every item, resolve its interface, decide whether
 *              the kernel should hold it (enabled, interface present);
 *   2. remove  every rosh-owned kernel object no item wants;
 *   3. add     every wanted object the kernel lacks;
 *   4. record  the outcome in the items' flags (invalid for addresses,
 *              active/inactive/static for routes), writing only rows
 *              whose flags change, so a pass that changes nothing in
 *              the kernel changes nothing in the store either.
 *
 * Objects are compared whole: an owned address or route that differs in
 * any attribute from every item is removed and the wanted one added,
 * which is how a `set` reaches the kernel.  One object the kernel
 * refuses does not stop the pass: its item is flagged, the refusal is
 * logged once (when the flag goes on), and the others go ahead.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"
#include "kernel.h"

#define KN_WHYSZ	256
#define KN_TOPIC_ADDR	"system,error"
#define KN_TOPIC_ROUTE	"route,error"

/* What one pass reads once: the menu's items and the host's links. */
struct kn_pass {
	struct eng *kp_e;
	const struct eng_backend *kp_be;
	const struct sch_menu *kp_m;
	struct st_row *kp_rows;
	int kp_nrows;
	struct eng_link *kp_links;
	int kp_nlinks;
	int kp_changes;		/* kernel objects added or removed */
};

/* The plan for one item and what became of it. */
struct kn_item {
	int ki_skip;		/* dynamic: someone else's to manage */
	int ki_want;		/* the kernel should hold it */
	int ki_have;		/* it does (found, or added now) */
	int ki_bad;		/* cannot be installed: flag it */
	char ki_why[KN_WHYSZ];	/* the kernel's refusal, or "" */
};

struct ka_item {
	struct kn_item ai;
	struct eng_addr ai_a;
};

struct kr_item {
	struct kn_item ri;
	struct eng_route ri_r;
};

/* ------------------------------------------------------------------ */
/* Shared                                                              */
/* ------------------------------------------------------------------ */

static void
kn_ip(unsigned a, char *buf, size_t sz)
{
	snprintf(buf, sz, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
	    (a >> 8) & 255, a & 255);
}

static void __attribute__((format(printf, 3, 4)))
kn_log(struct kn_pass *p, const char *topics, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)eng_log(p->kp_e, topics, msg);
}

static int
kn_open(struct kn_pass *p, struct eng *e, const struct sch_menu *m,
    char *err, size_t errsz)
{
	memset(p, 0, sizeof(*p));
	p->kp_e = e;
	p->kp_be = e->o.backend;
	p->kp_m = m;
	if (m == NULL) {
		snprintf(err, errsz, "menu not implemented");
		return -1;
	}
	p->kp_nrows = st_rows(e, m, NULL, NULL, &p->kp_rows);
	if (p->kp_nrows < 0) {
		p->kp_nrows = 0;
		snprintf(err, errsz, "store: %s", st_errmsg(e));
		return -1;
	}
	if (p->kp_be->link_list(p->kp_be->ctx, &p->kp_links, &p->kp_nlinks,
	    err, errsz) < 0) {
		p->kp_links = NULL;
		p->kp_nlinks = 0;
		return -1;
	}
	return 0;
}

static void
kn_close(struct kn_pass *p)
{
	st_rows_free(p->kp_m, p->kp_rows, p->kp_nrows);
	p->kp_rows = NULL;
	free(p->kp_links);
	p->kp_links = NULL;
}

/* Index of the link called name, 0 when there is none. */
static int
kn_ifindex(const struct kn_pass *p, const char *name)
{
	int i;

	for (i = 0; name != NULL && i < p->kp_nlinks; i++)
		if (strcmp(p->kp_links[i].name, name) == 0)
			return p->kp_links[i].ifindex;
	return 0;
}

static const char *
kn_ifname(const struct kn_pass *p, int ifindex)
{
	int i;

	for (i = 0; i < p->kp_nlinks; i++)
		if (p->kp_links[i].ifindex == ifindex)
			return p->kp_links[i].name;
	return "?";
}

static int
kn_store(struct kn_pass *p, int row, char *err, size_t errsz)
{
	if (st_update(p->kp_e, p->kp_m, p->kp_rows[row].id,
	    p->kp_rows[row].vals) < 0) {
		snprintf(err, errsz, "store: %s", st_errmsg(p->kp_e));
		return -1;
	}
	return 0;
}

/* Run one reconciler in the caller's transaction, or its own. */
static int
kn_run(struct eng *e, int (*pass)(struct eng *, char *, size_t), char *err,
    size_t errsz)
{
	int rc;

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	if (st_begin(e) < 0) {
		/* Only a transaction of its own can fail to begin. */
		snprintf(err, errsz, "store: %s", st_errmsg(e));
		st_rollback(e);
		return -1;
	}
	rc = pass(e, err, errsz);
	/* The flags recorded so far describe the kernel as it is now. */
	if (st_commit(e) < 0 && rc >= 0) {
		snprintf(err, errsz, "store: %s", st_errmsg(e));
		rc = -1;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* /ip address                                                         */
/* ------------------------------------------------------------------ */

static int
ka_ready(const struct eng_backend *be)
{
	return be != NULL && be->link_list != NULL && be->addr_list != NULL &&
	    be->addr_add != NULL && be->addr_del != NULL;
}

static int
ka_eq(const struct eng_addr *a, const struct eng_addr *b)
{
	return a->ifindex == b->ifindex && a->local == b->local &&
	    a->prefixlen == b->prefixlen && a->peer == b->peer &&
	    a->broadcast == b->broadcast;
}

static void
ka_plan(struct kn_pass *p, struct ka_item *it)
{
	struct sch_kaddr k;
	int i, idx;

	for (i = 0; i < p->kp_nrows; i++) {
		if (sch_kaddr_of(p->kp_m, p->kp_rows[i].vals, &k) < 0) {
			it[i].ai.ki_bad = 1;
			continue;
		}
		if (k.ka_dynamic) {
			it[i].ai.ki_skip = 1;
			continue;
		}
		idx = kn_ifindex(p, k.ka_ifname);
		it[i].ai.ki_bad = idx == 0;
		it[i].ai.ki_want = idx != 0 && !k.ka_disabled;
		it[i].ai_a.ifindex = idx;
		it[i].ai_a.local = k.ka_addr;
		it[i].ai_a.prefixlen = k.ka_plen;
		it[i].ai_a.peer = k.ka_peer;
		it[i].ai_a.broadcast = k.ka_brd;
	}
}

static void
ka_text(const struct kn_pass *p, const struct eng_addr *a, char *buf,
    size_t sz)
{
	char ip[16];

	kn_ip(a->local, ip, sizeof(ip));
	snprintf(buf, sz, "%s/%d on %s", ip, a->prefixlen,
	    kn_ifname(p, a->ifindex));
}

/* Remove owned addresses no item wants.  Returns how many went. */
static int
ka_remove(struct kn_pass *p, const struct ka_item *it,
    const struct eng_addr *have, int nhave)
{
	const struct eng_backend *be = p->kp_be;
	char why[KN_WHYSZ], text[96];
	int i, k, wanted, gone = 0;

	for (i = 0; i < nhave; i++) {
		for (wanted = 0, k = 0; k < p->kp_nrows && !wanted; k++)
			wanted = it[k].ai.ki_want && ka_eq(&it[k].ai_a,
			    &have[i]);
		if (wanted)
			continue;
		if (be->addr_del(be->ctx, &have[i], why, sizeof(why)) < 0) {
			ka_text(p, &have[i], text, sizeof(text));
			kn_log(p, KN_TOPIC_ADDR, "address %s not removed: %s",
			    text, why);
			continue;
		}
		gone++;
	}
	p->kp_changes += gone;
	return gone;
}

static void
ka_add(struct kn_pass *p, struct ka_item *it, const struct eng_addr *have,
    int nhave)
{
	const struct eng_backend *be = p->kp_be;
	struct kn_item *ki;
	int i, k;

	for (i = 0; i < p->kp_nrows; i++) {
		ki = &it[i].ai;
		if (!ki->ki_want)
			continue;
		for (k = 0; k < nhave && !ki->ki_have; k++)
			ki->ki_have = ka_eq(&it[i].ai_a, &have[k]);
		if (ki->ki_have)
			continue;
		if (be->addr_add(be->ctx, &it[i].ai_a, ki->ki_why,
		    sizeof(ki->ki_why)) < 0) {
			ki->ki_bad = 1;
			continue;
		}
		ki->ki_have = 1;
		p->kp_changes++;
	}
}

static int
ka_record(struct kn_pass *p, const struct ka_item *it, char *err,
    size_t errsz)
{
	char text[96];
	int i;

	for (i = 0; i < p->kp_nrows; i++) {
		if (it[i].ai.ki_skip || !sch_kaddr_set_invalid(p->kp_m,
		    p->kp_rows[i].vals, it[i].ai.ki_bad))
			continue;
		if (it[i].ai.ki_bad && it[i].ai.ki_why[0] != '\0') {
			ka_text(p, &it[i].ai_a, text, sizeof(text));
			kn_log(p, KN_TOPIC_ADDR, "address %s not added: %s",
			    text, it[i].ai.ki_why);
		}
		if (kn_store(p, i, err, errsz) < 0)
			return -1;
	}
	return 0;
}

/* The kernel's owned addresses, listed again after removals: removing
 * a primary address takes its secondaries with it. */
static int
ka_list(struct kn_pass *p, struct eng_addr **have, int *nhave, char *err,
    size_t errsz)
{
	free(*have);
	*have = NULL;
	*nhave = 0;
	return p->kp_be->addr_list(p->kp_be->ctx, have, nhave, err, errsz);
}

static int
ka_pass(struct eng *e, char *err, size_t errsz)
{
	struct kn_pass p;
	struct ka_item *it = NULL;
	struct eng_addr *have = NULL;
	int nhave = 0, rc = -1;

	if (!ka_ready(e->o.backend))
		return 0;
	if (kn_open(&p, e, sch_kaddr_menu(), err, errsz) < 0)
		goto done;
	it = calloc((size_t)p.kp_nrows + 1, sizeof(*it));
	if (it == NULL) {
		snprintf(err, errsz, "out of memory");
		goto done;
	}
	ka_plan(&p, it);
	if (ka_list(&p, &have, &nhave, err, errsz) < 0)
		goto done;
	if (ka_remove(&p, it, have, nhave) > 0 &&
	    ka_list(&p, &have, &nhave, err, errsz) < 0)
		goto done;
	ka_add(&p, it, have, nhave);
	if (ka_record(&p, it, err, errsz) < 0)
		goto done;
	rc = p.kp_changes;
done:
	free(have);
	free(it);
	kn_close(&p);
	return rc;
}

int
kern_reconcile_addresses(struct eng *e, char *err, size_t errsz)
{
	return kn_run(e, ka_pass, err, errsz);
}

/* ------------------------------------------------------------------ */
/* /ip route                                                           */
/* ------------------------------------------------------------------ */

static int
kr_ready(const struct eng_backend *be)
{
	return be != NULL && be->link_list != NULL &&
	    be->route_list != NULL && be->route_add != NULL &&
	    be->route_del != NULL;
}

/* Does the kernel's route k satisfy the wanted route w?  A gateway
 * without an interface matches whichever device the kernel chose. */
static int
kr_eq(const struct eng_route *w, const struct eng_route *k)
{
	if (w->dst != k->dst || w->dst_len != k->dst_len ||
	    w->table != k->table || w->metric != k->metric ||
	    w->blackhole != k->blackhole || w->pref_src != k->pref_src)
		return 0;
	if (w->blackhole)
		return 1;
	return w->gateway == k->gateway && (w->oif == 0 || w->oif == k->oif);
}

/* The kernel route an item asks for; 0, or -1 when it cannot have one
 * (then the item is inactive). */
static int
kr_want(const struct kn_pass *p, const struct sch_kroute *k,
    struct eng_route *r)
{
	memset(r, 0, sizeof(*r));
	r->dst = k->kr_dst;
	r->dst_len = k->kr_dst_len;
	r->pref_src = k->kr_pref_src;
	r->metric = k->kr_distance;
	r->table = ENG_ROUTE_TABLE_MAIN;
	if (!k->kr_table_main)
		return -1;
	if (k->kr_blackhole) {
		r->blackhole = 1;
		return 0;
	}
	r->gateway = k->kr_gw;
	if (k->kr_gw_ifname != NULL &&
	    (r->oif = kn_ifindex(p, k->kr_gw_ifname)) == 0)
		return -1;
	return r->gateway != 0 || r->oif != 0 ? 0 : -1;
}

static void
kr_plan(struct kn_pass *p, struct kr_item *it)
{
	struct sch_kroute k;
	int i;

	for (i = 0; i < p->kp_nrows; i++) {
		if (sch_kroute_of(p->kp_m, p->kp_rows[i].vals, &k) < 0) {
			it[i].ri.ki_bad = 1;
			continue;
		}
		if (k.kr_dynamic) {
			it[i].ri.ki_skip = 1;
			continue;
		}
		if (k.kr_disabled)
			continue;
		if (kr_want(p, &k, &it[i].ri_r) < 0)
			it[i].ri.ki_bad = 1;
		else
			it[i].ri.ki_want = 1;
	}
}

/* "10.50.0.0/16 via 10.9.0.2 distance 1" for log lines. */
static void
kr_text(const struct kn_pass *p, const struct eng_route *r, char *buf,
    size_t sz)
{
	char dst[16], ip[16];
	const char *via = ip;

	kn_ip(r->dst, dst, sizeof(dst));
	kn_ip(r->gateway, ip, sizeof(ip));
	if (r->gateway == 0)
		via = kn_ifname(p, r->oif);
	snprintf(buf, sz, "%s/%d %s%s distance %u", dst, r->dst_len,
	    r->blackhole ? "blackhole" : "via ", r->blackhole ? "" : via,
	    r->metric);
}

static void
kr_remove(struct kn_pass *p, const struct kr_item *it,
    const struct eng_route *have, int nhave)
{
	const struct eng_backend *be = p->kp_be;
	char why[KN_WHYSZ], text[96];
	int i, k, wanted;

	for (i = 0; i < nhave; i++) {
		for (wanted = 0, k = 0; k < p->kp_nrows && !wanted; k++)
			wanted = it[k].ri.ki_want && kr_eq(&it[k].ri_r,
			    &have[i]);
		if (wanted)
			continue;
		if (be->route_del(be->ctx, &have[i], why, sizeof(why)) < 0) {
			kr_text(p, &have[i], text, sizeof(text));
			kn_log(p, KN_TOPIC_ROUTE, "route %s not removed: %s",
			    text, why);
			continue;
		}
		p->kp_changes++;
	}
}

static void
kr_add(struct kn_pass *p, struct kr_item *it, const struct eng_route *have,
    int nhave)
{
	const struct eng_backend *be = p->kp_be;
	struct kn_item *ki;
	int i, k;

	for (i = 0; i < p->kp_nrows; i++) {
		ki = &it[i].ri;
		if (!ki->ki_want)
			continue;
		for (k = 0; k < nhave && !ki->ki_have; k++)
			ki->ki_have = kr_eq(&it[i].ri_r, &have[k]);
		if (ki->ki_have)
			continue;
		if (be->route_add(be->ctx, &it[i].ri_r, ki->ki_why,
		    sizeof(ki->ki_why)) < 0) {
			ki->ki_bad = 1;
			continue;
		}
		ki->ki_have = 1;
		p->kp_changes++;
	}
}

static int
kr_record(struct kn_pass *p, const struct kr_item *it, char *err,
    size_t errsz)
{
	const struct kn_item *ki;
	struct sch_kroute k;
	char text[96];
	int i, was;

	for (i = 0; i < p->kp_nrows; i++) {
		ki = &it[i].ri;
		if (ki->ki_skip)
			continue;
		/* Log a refusal once, when the item turns inactive. */
		was = sch_kroute_of(p->kp_m, p->kp_rows[i].vals, &k) == 0 &&
		    k.kr_inactive;
		if (!sch_kroute_set_state(p->kp_m, p->kp_rows[i].vals,
		    ki->ki_have, ki->ki_bad))
			continue;
		if (ki->ki_bad && ki->ki_why[0] != '\0' && !was) {
			kr_text(p, &it[i].ri_r, text, sizeof(text));
			kn_log(p, KN_TOPIC_ROUTE, "route %s not added: %s",
			    text, ki->ki_why);
		}
		if (kn_store(p, i, err, errsz) < 0)
			return -1;
	}
	return 0;
}

static int
kr_pass(struct eng *e, char *err, size_t errsz)
{
	const struct eng_backend *be = e->o.backend;
	struct kn_pass p;
	struct kr_item *it = NULL;
	struct eng_route *have = NULL;
	int nhave = 0, rc = -1;

	if (!kr_ready(be))
		return 0;
	if (kn_open(&p, e, sch_kroute_menu(), err, errsz) < 0)
		goto done;
	it = calloc((size_t)p.kp_nrows + 1, sizeof(*it));
	if (it == NULL) {
		snprintf(err, errsz, "out of memory");
		goto done;
	}
	kr_plan(&p, it);
	if (be->route_list(be->ctx, &have, &nhave, err, errsz) < 0)
		goto done;
	kr_remove(&p, it, have, nhave);
	kr_add(&p, it, have, nhave);
	if (kr_record(&p, it, err, errsz) < 0)
		goto done;
	rc = p.kp_changes;
done:
	free(have);
	free(it);
	kn_close(&p);
	return rc;
}

int
kern_reconcile_routes(struct eng *e, char *err, size_t errsz)
{
	return kn_run(e, kr_pass, err, errsz);
}
