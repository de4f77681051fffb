/*
 * kernel_map.c - what /ip address, /ip route, /ip pool and /ip pool used
 * rows mean to the code that puts them into the kernel or hands out
 * addresses: plain values out of a row, state flags back into it, and
 * the syntax of pool ranges.  Property names stay here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define KM_YES	"yes"
#define KM_NO	"no"

/* Stored value of prop, or its default when unset. */
static const char *
km_val(const struct sch_menu *m, char *const *vals, const char *prop)
{
	const struct sch_prop *p;
	int i;

	p = sch_prop_find(m, prop, &i);
	if (p == NULL)
		return NULL;
	return vals[i] != NULL ? vals[i] : p->dflt;
}

static int
km_bool(const struct sch_menu *m, char *const *vals, const char *prop)
{
	const char *v = km_val(m, vals, prop);

	return v != NULL && strcmp(v, KM_YES) == 0;
}

/* Optional address: 0 when unset; -1 when set but not an address. */
static int
km_ip(const struct sch_menu *m, char *const *vals, const char *prop,
    unsigned *out)
{
	const char *v = km_val(m, vals, prop);

	*out = 0;
	if (v == NULL || *v == '\0')
		return 0;
	return sch_ip4_parse(v, out);
}

/*
 * Store a yes/no flag.  Unset reads as no, so clearing an unset flag
 * changes nothing and leaves the row alone.  Returns 1 when it changed,
 * 0 when not, -1 when the menu has no such flag or memory ran out.
 */
static int
km_flag(const struct sch_menu *m, char **vals, const char *prop, int on)
{
	const char *want = on ? KM_YES : KM_NO;
	char *dup;
	int i;

	if (sch_prop_find(m, prop, &i) == NULL)
		return -1;
	if (vals[i] == NULL ? !on : strcmp(vals[i], want) == 0)
		return 0;
	dup = strdup(want);
	if (dup == NULL)
		return -1;
	free(vals[i]);
	vals[i] = dup;
	return 1;
}

/* ------------------------------------------------------------------ */
/* /ip address                                                         */
/* ------------------------------------------------------------------ */

const struct sch_menu *
sch_kaddr_menu(void)
{
	return sch_menu_find("/ip/address");
}

static unsigned
km_mask(int plen)
{
	return plen == 0 ? 0 : ~0u << (32 - plen);
}

int
sch_kaddr_of(const struct sch_menu *m, char *const *vals,
    struct sch_kaddr *a)
{
	unsigned net;

	memset(a, 0, sizeof(*a));
	a->ka_ifname = km_val(m, vals, "interface");
	if (a->ka_ifname == NULL || sch_ip4_prefix_parse(km_val(m, vals,
	    "address"), &a->ka_addr, &a->ka_plen) < 0)
		return -1;
	/* network= means the peer only for a /32 (menus.md 2); for other
	 * prefixes it is the network, which follows from the address. */
	if (km_ip(m, vals, "network", &net) < 0 ||
	    km_ip(m, vals, "broadcast", &a->ka_brd) < 0)
		return -1;
	if (a->ka_plen == 32 && net != a->ka_addr)
		a->ka_peer = net;
	if (a->ka_brd == 0 && a->ka_plen <= 30)
		a->ka_brd = a->ka_addr | ~km_mask(a->ka_plen);
	a->ka_disabled = km_bool(m, vals, SCH_DISABLED);
	a->ka_dynamic = km_bool(m, vals, SCH_DYNAMIC);
	a->ka_invalid = km_bool(m, vals, SCH_INVALID);
	return 0;
}

int
sch_kaddr_set_invalid(const struct sch_menu *m, char **vals, int invalid)
{
	return km_flag(m, vals, SCH_INVALID, invalid) == 1;
}

/* ------------------------------------------------------------------ */
/* /ip route                                                           */
/* ------------------------------------------------------------------ */

const struct sch_menu *
sch_kroute_menu(void)
{
	return sch_menu_find("/ip/route");
}

/* gateway=: an address, an interface, or address%interface. */
static int
km_gateway(const char *v, struct sch_kroute *r)
{
	const char *pct;
	char ip[32];
	size_t n;

	if (v == NULL || *v == '\0')
		return 0;
	pct = strchr(v, '%');
	n = pct != NULL ? (size_t)(pct - v) : strlen(v);
	if (n < sizeof(ip)) {
		memcpy(ip, v, n);
		ip[n] = '\0';
		if (sch_ip4_parse(ip, &r->kr_gw) == 0) {
			if (pct != NULL && pct[1] != '\0')
				r->kr_gw_ifname = pct + 1;
			return 0;
		}
	}
	if (pct != NULL)
		return -1;
	r->kr_gw = 0;
	r->kr_gw_ifname = v;
	return 0;
}

int
sch_kroute_of(const struct sch_menu *m, char *const *vals,
    struct sch_kroute *r)
{
	const struct sch_prop *tp;
	const char *d;
	char *end;
	unsigned long dist;

	memset(r, 0, sizeof(*r));
	if (sch_ip4_prefix_parse(km_val(m, vals, "dst-address"), &r->kr_dst,
	    &r->kr_dst_len) < 0)
		return -1;
	r->kr_dst &= km_mask(r->kr_dst_len);
	if (km_gateway(km_val(m, vals, "gateway"), r) < 0 ||
	    km_ip(m, vals, "pref-src", &r->kr_pref_src) < 0)
		return -1;
	d = km_val(m, vals, "distance");
	dist = d != NULL ? strtoul(d, &end, 10) : 0;
	if (d == NULL || *end != '\0' || dist > 255)
		return -1;
	r->kr_distance = (unsigned)dist;
	tp = sch_prop_find(m, "routing-table", NULL);
	r->kr_table = km_val(m, vals, "routing-table");
	r->kr_table_main = tp != NULL && tp->dflt != NULL &&
	    (r->kr_table == NULL || strcmp(r->kr_table, tp->dflt) == 0);
	r->kr_blackhole = km_bool(m, vals, "blackhole");
	r->kr_disabled = km_bool(m, vals, SCH_DISABLED);
	r->kr_dynamic = km_bool(m, vals, SCH_DYNAMIC);
	r->kr_active = km_bool(m, vals, "active");
	r->kr_inactive = km_bool(m, vals, "inactive");
	return 0;
}

int
sch_kroute_set_state(const struct sch_menu *m, char **vals, int active,
    int inactive)
{
	int changed = 0;

	changed |= km_flag(m, vals, "active", active) == 1;
	changed |= km_flag(m, vals, "inactive", inactive) == 1;
	if (!km_bool(m, vals, SCH_DYNAMIC))
		changed |= km_flag(m, vals, "static", 1) == 1;
	return changed;
}

/* ------------------------------------------------------------------ */
/* /ip pool and /ip pool used                                          */
/* ------------------------------------------------------------------ */

const struct sch_menu *
sch_pool_menu(void)
{
	return sch_menu_find("/ip/pool");
}

const struct sch_menu *
sch_pool_used_menu(void)
{
	return sch_menu_find("/ip/pool/used");
}

void
sch_pool_of(const struct sch_menu *m, char *const *vals, struct sch_pool *p)
{
	const struct sch_prop *np;
	const char *next;

	p->sp_name = km_val(m, vals, SCH_NAME);
	p->sp_ranges = km_val(m, vals, "ranges");
	next = km_val(m, vals, "next-pool");
	np = sch_prop_find(m, "next-pool", NULL);
	/* The prop's keyword (none) clears the fallback. */
	if (next != NULL && (*next == '\0' || (np != NULL && np->words !=
	    NULL && sch_word_match(np->words, next, strlen(next)) >= 0)))
		next = NULL;
	p->sp_next = next;
}

void
sch_pool_used_of(const struct sch_menu *m, char *const *vals,
    struct sch_pool_used *u)
{
	u->pu_pool = km_val(m, vals, "pool");
	u->pu_address = km_val(m, vals, "address");
	u->pu_owner = km_val(m, vals, "owner");
	u->pu_info = km_val(m, vals, "info");
}

static int
km_put(const struct sch_menu *m, char **vals, const char *prop,
    const char *v)
{
	int i;

	if (v == NULL || sch_prop_find(m, prop, &i) == NULL)
		return 0;
	vals[i] = strdup(v);
	return vals[i] == NULL ? -1 : 0;
}

char **
sch_pool_used_row(const struct sch_menu *m, const char *pool,
    const char *address, const char *owner, const char *info)
{
	int i, n = sch_prop_count(m);
	char **v = calloc((size_t)n + 1, sizeof(char *));

	if (v == NULL)
		return NULL;
	if (km_put(m, v, "pool", pool) == 0 &&
	    km_put(m, v, "address", address) == 0 &&
	    km_put(m, v, "owner", owner) == 0 &&
	    km_put(m, v, "info", info) == 0)
		return v;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return NULL;
}

int
sch_pool_used_addr_index(const struct sch_menu *m)
{
	int i;

	return sch_prop_find(m, "address", &i) != NULL ? i : -1;
}

/* One element: A, A-B or A/M. */
static int
km_range(const char *el, struct sch_ip_range *r)
{
	char a[40];
	char *dash;
	int len;

	if (snprintf(a, sizeof(a), "%s", el) >= (int)sizeof(a))
		return -1;
	dash = strchr(a, '-');
	if (dash != NULL) {
		*dash = '\0';
		if (sch_ip4_parse(a, &r->lo) < 0 ||
		    sch_ip4_parse(dash + 1, &r->hi) < 0 || r->hi < r->lo)
			return -1;
		return 0;
	}
	if (strchr(a, '/') != NULL) {
		if (sch_ip4_prefix_parse(a, &r->lo, &len) < 0)
			return -1;
		r->lo &= km_mask(len);
		r->hi = r->lo | ~km_mask(len);
		return 0;
	}
	if (sch_ip4_parse(a, &r->lo) < 0)
		return -1;
	r->hi = r->lo;
	return 0;
}

int
sch_ip_ranges_parse(const char *text, struct sch_ip_range **out)
{
	struct sch_ip_range *v = NULL, *p;
	char *copy, *tok, *save;
	int n = 0, cap = 0;

	*out = NULL;
	if (text == NULL || (copy = strdup(text)) == NULL)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4;
			p = reallocarray(v, (size_t)cap, sizeof(*v));
			if (p == NULL)
				goto fail;
			v = p;
		}
		if (km_range(tok, &v[n]) < 0)
			goto fail;
		n++;
	}
	free(copy);
	if (n == 0) {
		free(v);
		return -1;
	}
	*out = v;
	return n;
fail:
	free(copy);
	free(v);
	return -1;
}
