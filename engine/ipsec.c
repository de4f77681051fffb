/*
 * ipsec.c - static /ip ipsec policy items into the kernel's security
 * policy database (see ipsec.h for what each item becomes).
 *
 * Each pass works from the whole desired state, like engine/kernel.c:
 *
 *   1. plan    read every item and build the kernel policies it wants;
 *   2. adopt   give unique items the reqid their installed policies
 *              already carry, so a pass changes nothing that holds;
 *   3. remove  every policy of rosh's that no item wants, neither as
 *              it is nor with changes (those are replaced in step 4);
 *   4. install every wanted policy the kernel lacks or holds otherwise,
 *              an item at a time (a new unique item asks for a free
 *              reqid only after the item before it is in);
 *   5. record  active, invalid, ph2-state and ph2-count, writing only
 *              rows that change.
 *
 * The kernel names a policy by selector, direction and mark; rosh's
 * policies carry no mark, so two items with one selector cannot both be
 * installed: the later one is flagged invalid, as RouterOS flags
 * duplicate policies.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"
#include "ipsec.h"

#define IP_WHYSZ	256
#define IP_TOPIC	"ipsec,error"
#define IP_NPOL		3		/* out, in, fwd */
#define IP_POS_MAX	0x01000000u	/* kernel priorities of rosh's band */

/* The plan for one item and what became of it. */
struct ip_item {
	int ii_skip;		/* template or dynamic: not ours */
	int ii_dynamic;		/* the IKE daemon's: its selectors too */
	int ii_want;		/* enabled and well-formed */
	int ii_bad;		/* cannot be installed: invalid */
	int ii_encrypt;		/* action=encrypt */
	int ii_unique;		/* level=unique: a reqid of its own */
	int ii_npol;
	struct eng_xfrm_policy ii_pol[IP_NPOL];
	int ii_have;		/* every policy is installed */
	char ii_why[IP_WHYSZ];	/* why it is invalid */
};

struct ip_pass {
	struct eng *ip_e;
	const struct eng_backend *ip_be;
	const struct sch_menu *ip_m;
	struct st_row *ip_rows;
	int ip_nrows;
	struct ip_item *ip_it;
	struct eng_xfrm_policy *ip_have;	/* rosh's kernel policies */
	int ip_nhave;
	struct eng_xfrm_sa *ip_sa;		/* rosh's SAs */
	int ip_nsa;
	int ip_changes;
};

/* ------------------------------------------------------------------ */
/* Addresses and policies                                              */
/* ------------------------------------------------------------------ */

static size_t
ip_alen(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

static int
ip_addr_eq(const struct eng_xfrm_addr *a, const struct eng_xfrm_addr *b)
{
	return a->family == b->family && memcmp(a->addr, b->addr,
	    ip_alen(a->family)) == 0;
}

/* Clear the host bits past plen. */
static void
ip_mask(struct eng_xfrm_addr *a, unsigned plen)
{
	size_t i, n = ip_alen(a->family);

	for (i = 0; i < n; i++) {
		if (plen >= 8 * (i + 1))
			continue;
		a->addr[i] &= plen <= 8 * i ? 0 : (unsigned char)(0xff <<
		    (8 - (plen - 8 * i)));
	}
}

/* Is a inside prefix p/plen? */
static int
ip_in_prefix(const struct eng_xfrm_addr *a, const struct eng_xfrm_addr *p,
    unsigned plen)
{
	struct eng_xfrm_addr m = *a;

	if (a->family != p->family)
		return 0;
	ip_mask(&m, plen);
	return ip_addr_eq(&m, p);
}

static void
ip_addr_of(const struct sch_addr *s, struct eng_xfrm_addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = s->sa_family;
	memcpy(a->addr, s->sa_bytes, sizeof(a->addr));
}

/* Same selector and direction: the kernel's name of a policy. */
static int
ip_key_eq(const struct eng_xfrm_policy *a, const struct eng_xfrm_policy *b)
{
	return a->dir == b->dir && a->mark_v == b->mark_v &&
	    a->mark_m == b->mark_m && ip_addr_eq(&a->sel.src, &b->sel.src) &&
	    ip_addr_eq(&a->sel.dst, &b->sel.dst) &&
	    a->sel.src_plen == b->sel.src_plen &&
	    a->sel.dst_plen == b->sel.dst_plen &&
	    a->sel.proto == b->sel.proto && a->sel.sport == b->sel.sport &&
	    a->sel.dport == b->sel.dport;
}

static int
ip_tmpl_eq(const struct eng_xfrm_tmpl *a, const struct eng_xfrm_tmpl *b,
    int reqid)
{
	return ip_addr_eq(&a->src, &b->src) && ip_addr_eq(&a->dst, &b->dst) &&
	    a->proto == b->proto && a->tunnel == b->tunnel &&
	    a->level == b->level && (!reqid || a->reqid == b->reqid);
}

/* Everything equal; reqid 0: except the templates' reqids. */
static int
ip_pol_eq(const struct eng_xfrm_policy *a, const struct eng_xfrm_policy *b,
    int reqid)
{
	int i;

	if (!ip_key_eq(a, b) || a->block != b->block || a->pos != b->pos ||
	    a->ntmpl != b->ntmpl)
		return 0;
	for (i = 0; i < a->ntmpl && i < ENG_XFRM_TMPL_MAX; i++)
		if (!ip_tmpl_eq(&a->tmpl[i], &b->tmpl[i], reqid))
			return 0;
	return 1;
}

/* The policy of the reverse traffic, for direction dir. */
static void
ip_mirror(const struct eng_xfrm_policy *o, struct eng_xfrm_policy *m,
    int dir)
{
	int i;

	*m = *o;
	m->dir = dir;
	m->sel.src = o->sel.dst;
	m->sel.dst = o->sel.src;
	m->sel.src_plen = o->sel.dst_plen;
	m->sel.dst_plen = o->sel.src_plen;
	m->sel.sport = o->sel.dport;
	m->sel.dport = o->sel.sport;
	for (i = 0; i < o->ntmpl && i < ENG_XFRM_TMPL_MAX; i++) {
		m->tmpl[i].src = o->tmpl[i].dst;
		m->tmpl[i].dst = o->tmpl[i].src;
	}
}

static void
ip_set_reqid(struct ip_item *it, unsigned reqid)
{
	int k;

	for (k = 0; k < it->ii_npol; k++)
		if (it->ii_pol[k].ntmpl > 0)
			it->ii_pol[k].tmpl[0].reqid = reqid;
}

static unsigned
ip_reqid(const struct ip_item *it)
{
	return it->ii_pol[0].ntmpl > 0 ? it->ii_pol[0].tmpl[0].reqid : 0;
}

/* ------------------------------------------------------------------ */
/* Plan                                                                */
/* ------------------------------------------------------------------ */

static int __attribute__((format(printf, 2, 3)))
ip_why(struct ip_item *it, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(it->ii_why, sizeof(it->ii_why), fmt, ap);
	va_end(ap);
	return -1;
}

static int
ip_sel(const struct sch_ipolicy *sp, struct ip_item *it,
    struct eng_xfrm_sel *s)
{
	struct sch_addr a, b;

	if (sch_addr_parse(sp->ip_src, &a) < 0 ||
	    sch_addr_parse(sp->ip_dst, &b) < 0)
		return ip_why(it, "traffic selector is not an IP prefix");
	if (a.sa_family != b.sa_family)
		return ip_why(it, "traffic selector mixes IPv4 and IPv6");
	if (sp->ip_proto < 0)
		return ip_why(it, "unknown protocol");
	if ((sp->ip_sport || sp->ip_dport) &&
	    !sch_fw_proto_has_ports(sp->ip_proto))
		return ip_why(it, "ports need a protocol with ports");
	ip_addr_of(&a, &s->src);
	ip_addr_of(&b, &s->dst);
	s->src_plen = a.sa_plen;
	s->dst_plen = b.sa_plen;
	ip_mask(&s->src, s->src_plen);
	ip_mask(&s->dst, s->dst_plen);
	s->proto = (unsigned)sp->ip_proto;
	s->sport = (unsigned)sp->ip_sport;
	s->dport = (unsigned)sp->ip_dport;
	return 0;
}

static int
ip_tmpl(const struct sch_ipolicy *sp, struct ip_item *it,
    struct eng_xfrm_tmpl *t)
{
	static const int levels[] = { ENG_XFRM_LEVEL_REQUIRE,
		ENG_XFRM_LEVEL_USE, ENG_XFRM_LEVEL_UNIQUE };
	struct sch_addr a, b;

	memset(t, 0, sizeof(*t));
	t->proto = sp->ip_ah ? ENG_XFRM_PROTO_AH : ENG_XFRM_PROTO_ESP;
	t->tunnel = sp->ip_tunnel;
	t->level = levels[sp->ip_level];
	/* A unique item's reqid is chosen when it is installed. */
	t->reqid = it->ii_unique ? 0 : ENG_XFRM_REQID_SHARED;
	if (!sp->ip_tunnel)
		return 0;
	if (sch_addr_parse(sp->ip_sa_src, &a) < 0 ||
	    sch_addr_parse(sp->ip_sa_dst, &b) < 0)
		return ip_why(it, "tunnel mode needs both SA addresses");
	if (a.sa_family != b.sa_family)
		return ip_why(it, "SA addresses mix IPv4 and IPv6");
	ip_addr_of(&a, &t->src);
	ip_addr_of(&b, &t->dst);
	return 0;
}

static int
ip_build(const struct sch_ipolicy *sp, unsigned pos, struct ip_item *it)
{
	struct eng_xfrm_policy *o = &it->ii_pol[0];

	memset(o, 0, sizeof(*o));
	if (ip_sel(sp, it, &o->sel) < 0)
		return -1;
	if (pos >= IP_POS_MAX)
		return ip_why(it, "too many policies");
	o->dir = ENG_XFRM_DIR_OUT;
	o->pos = pos;
	o->block = sp->ip_action == SCH_IPA_DISCARD;
	if (it->ii_encrypt) {
		o->ntmpl = 1;
		if (ip_tmpl(sp, it, &o->tmpl[0]) < 0)
			return -1;
	}
	ip_mirror(o, &it->ii_pol[1], ENG_XFRM_DIR_IN);
	it->ii_npol = 2;
	/* strongSwan's rule: fwd policies in tunnel mode and for shunts;
	 * transport mode protects only this host's own traffic. */
	if (!it->ii_encrypt || sp->ip_tunnel)
		ip_mirror(o, &it->ii_pol[it->ii_npol++], ENG_XFRM_DIR_FWD);
	return 0;
}

static void
ip_plan(struct ip_pass *p)
{
	struct sch_ipolicy sp;
	struct ip_item *it;
	int i;

	for (i = 0; i < p->ip_nrows; i++) {
		it = &p->ip_it[i];
		sch_ipolicy_of(p->ip_m, p->ip_rows[i].vals, &sp);
		it->ii_encrypt = sp.ip_action == SCH_IPA_ENCRYPT;
		it->ii_unique = it->ii_encrypt && sp.ip_level == SCH_IPL_UNIQUE;
		if (sp.ip_template || sp.ip_dynamic) {
			it->ii_skip = 1;
			/* Its selectors, to keep the IKE daemon's policies. */
			it->ii_dynamic = sp.ip_dynamic && !sp.ip_template &&
			    ip_build(&sp, (unsigned)i, it) == 0;
			continue;
		}
		if (sp.ip_disabled)
			continue;
		if (ip_build(&sp, (unsigned)i, it) < 0)
			it->ii_bad = 1;
		else
			it->ii_want = 1;
	}
}

/* Did an item before `upto` take reqid r? */
static int
ip_reqid_taken(const struct ip_pass *p, int upto, unsigned r)
{
	int i;

	for (i = 0; i < upto; i++)
		if (p->ip_it[i].ii_want && p->ip_it[i].ii_unique &&
		    ip_reqid(&p->ip_it[i]) == r)
			return 1;
	return 0;
}

/* Unique items keep the reqid their installed policies carry. */
static void
ip_adopt(struct ip_pass *p)
{
	const struct eng_xfrm_policy *h;
	struct ip_item *it;
	int i, k, j;

	for (i = 0; i < p->ip_nrows; i++) {
		it = &p->ip_it[i];
		if (!it->ii_want || !it->ii_unique)
			continue;
		for (k = 0; k < it->ii_npol && ip_reqid(it) == 0; k++) {
			for (j = 0; j < p->ip_nhave; j++) {
				h = &p->ip_have[j];
				if (h->ntmpl == 1 && ip_pol_eq(&it->ii_pol[k],
				    h, 0) && h->tmpl[0].reqid !=
				    ENG_XFRM_REQID_SHARED &&
				    !ip_reqid_taken(p, i, h->tmpl[0].reqid)) {
					ip_set_reqid(it, h->tmpl[0].reqid);
					break;
				}
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Kernel                                                              */
/* ------------------------------------------------------------------ */

static void
ip_text(const struct eng_xfrm_policy *pol, char *buf, size_t sz)
{
	static const char *const dirs[] = { "in", "out", "fwd" };
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];

	if (inet_ntop(pol->sel.src.family, pol->sel.src.addr, s,
	    sizeof(s)) == NULL)
		snprintf(s, sizeof(s), "?");
	if (inet_ntop(pol->sel.dst.family, pol->sel.dst.addr, d,
	    sizeof(d)) == NULL)
		snprintf(d, sizeof(d), "?");
	snprintf(buf, sz, "%s/%u -> %s/%u dir %s", s, pol->sel.src_plen, d,
	    pol->sel.dst_plen, pol->dir >= 0 && pol->dir <= 2 ?
	    dirs[pol->dir] : "?");
}

static void __attribute__((format(printf, 2, 3)))
ip_log(struct ip_pass *p, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)eng_log(p->ip_e, IP_TOPIC, msg);
}

/* Which item wants kernel policy h: 2 as it is, 1 with changes (or
 * it is a dynamic item's, which the IKE daemon manages). */
static int
ip_wanted(const struct ip_pass *p, const struct eng_xfrm_policy *h)
{
	const struct ip_item *it;
	int i, k, keyed = 0;

	for (i = 0; i < p->ip_nrows; i++) {
		it = &p->ip_it[i];
		if (!it->ii_want && !it->ii_dynamic)
			continue;
		for (k = 0; k < it->ii_npol; k++) {
			if (it->ii_want && ip_pol_eq(&it->ii_pol[k], h, 1))
				return 2;
			keyed |= ip_key_eq(&it->ii_pol[k], h);
		}
	}
	return keyed;
}

static void
ip_remove(struct ip_pass *p)
{
	const struct eng_backend *be = p->ip_be;
	char why[IP_WHYSZ], text[128];
	int i;

	for (i = 0; i < p->ip_nhave; i++) {
		if (ip_wanted(p, &p->ip_have[i]) > 0)
			continue;
		if (be->xfrm_policy_del(be->ctx, &p->ip_have[i], why,
		    sizeof(why)) < 0) {
			ip_text(&p->ip_have[i], text, sizeof(text));
			ip_log(p, "policy %s not removed: %s", text, why);
			continue;
		}
		p->ip_changes++;
	}
}

/* 2: the kernel holds pol as it is; 1: with changes; 0: not at all. */
static int
ip_held(const struct ip_pass *p, const struct eng_xfrm_policy *pol)
{
	int j, keyed = 0;

	for (j = 0; j < p->ip_nhave; j++) {
		if (ip_pol_eq(pol, &p->ip_have[j], 1))
			return 2;
		keyed |= ip_key_eq(pol, &p->ip_have[j]);
	}
	return keyed;
}

/* An item above item i, or a dynamic one (generated policies come
 * first, menus.md B), already claims one of its selectors. */
static int
ip_duplicate(struct ip_pass *p, int i)
{
	struct ip_item *it = &p->ip_it[i], *o;
	int j, k, l;

	for (j = 0; j < p->ip_nrows; j++) {
		o = &p->ip_it[j];
		if (!o->ii_dynamic && (j >= i || !o->ii_want || o->ii_bad))
			continue;
		for (k = 0; k < it->ii_npol; k++)
			for (l = 0; l < o->ii_npol; l++)
				if (ip_key_eq(&it->ii_pol[k], &o->ii_pol[l]))
					return ip_why(it, "same traffic "
					    "selector as policy *%llX",
					    (unsigned long long)
					    p->ip_rows[j].id);
	}
	return 0;
}

/* An item the kernel refused holds none of its selectors: what it put
 * in before the refusal, and an older version of it, go. */
static void
ip_undo(struct ip_pass *p, struct ip_item *it)
{
	const struct eng_backend *be = p->ip_be;
	char why[IP_WHYSZ];
	int k;

	for (k = 0; k < it->ii_npol; k++)
		if (be->xfrm_policy_del(be->ctx, &it->ii_pol[k], why,
		    sizeof(why)) == 0)
			p->ip_changes++;
}

static int
ip_install_item(struct ip_pass *p, struct ip_item *it)
{
	const struct eng_backend *be = p->ip_be;
	unsigned reqid;
	int k, held, rc;

	if (it->ii_unique && ip_reqid(it) == 0) {
		if (be->xfrm_reqid_unused(be->ctx, &reqid, it->ii_why,
		    sizeof(it->ii_why)) < 0)
			return -1;
		ip_set_reqid(it, reqid);
	}
	for (k = 0; k < it->ii_npol; k++) {
		held = ip_held(p, &it->ii_pol[k]);
		if (held == 2)
			continue;
		rc = held == 1 ? be->xfrm_policy_update(be->ctx,
		    &it->ii_pol[k], it->ii_why, sizeof(it->ii_why)) :
		    be->xfrm_policy_add(be->ctx, &it->ii_pol[k], it->ii_why,
		    sizeof(it->ii_why));
		if (rc < 0) {
			ip_undo(p, it);
			return -1;
		}
		p->ip_changes++;
	}
	return 0;
}

static void
ip_install(struct ip_pass *p)
{
	struct ip_item *it;
	int i;

	for (i = 0; i < p->ip_nrows; i++) {
		it = &p->ip_it[i];
		if (!it->ii_want)
			continue;
		if (ip_duplicate(p, i) < 0 || ip_install_item(p, it) < 0) {
			it->ii_bad = 1;
			continue;
		}
		it->ii_have = 1;
	}
}

/* ------------------------------------------------------------------ */
/* Record                                                              */
/* ------------------------------------------------------------------ */

/* Outbound SAs serving the item: its reqid and protocol, and its
 * tunnel endpoints or selector; keyed (not larval). */
static int
ip_sa_count(const struct ip_item *it, const struct eng_xfrm_sa *sa,
    int nsa)
{
	const struct eng_xfrm_policy *o = &it->ii_pol[0];
	const struct eng_xfrm_tmpl *t = &o->tmpl[0];
	int i, n = 0;

	if (o->ntmpl == 0 || t->reqid == 0)
		return 0;
	for (i = 0; i < nsa; i++) {
		/* A larval SA is one being negotiated, not yet in use. */
		if (sa[i].reqid != t->reqid || sa[i].proto != t->proto ||
		    sa[i].state == ENG_XFRM_STATE_LARVAL)
			continue;
		if (t->tunnel ? ip_addr_eq(&sa[i].src, &t->src) &&
		    ip_addr_eq(&sa[i].dst, &t->dst) :
		    ip_in_prefix(&sa[i].src, &o->sel.src, o->sel.src_plen) &&
		    ip_in_prefix(&sa[i].dst, &o->sel.dst, o->sel.dst_plen))
			n++;
	}
	return n;
}

static void
ip_ph2(const struct ip_item *it, int active, const struct eng_xfrm_sa *sa,
    int nsa, int *ph2, int *count)
{
	*ph2 = SCH_PH2_UNSET;
	*count = -1;
	if (!active || !it->ii_encrypt)
		return;
	*count = ip_sa_count(it, sa, nsa);
	*ph2 = *count > 0 ? SCH_PH2_ESTABLISHED : SCH_PH2_NO_PHASE2;
}

static int
ip_store(struct ip_pass *p, int i, char *err, size_t errsz)
{
	if (st_update(p->ip_e, p->ip_m, p->ip_rows[i].id,
	    p->ip_rows[i].vals) < 0) {
		snprintf(err, errsz, "store: %s", st_errmsg(p->ip_e));
		return -1;
	}
	return 0;
}

static int
ip_record(struct ip_pass *p, char *err, size_t errsz)
{
	struct sch_ipolicy was;
	struct ip_item *it;
	char text[128];
	int i, ph2, count, rc;

	for (i = 0; i < p->ip_nrows; i++) {
		it = &p->ip_it[i];
		if (it->ii_skip)
			continue;
		sch_ipolicy_of(p->ip_m, p->ip_rows[i].vals, &was);
		ip_ph2(it, it->ii_have, p->ip_sa, p->ip_nsa, &ph2, &count);
		rc = sch_ipolicy_set_state(p->ip_m, p->ip_rows[i].vals,
		    it->ii_have, it->ii_bad, ph2, count);
		if (rc < 0) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		if (rc == 0)
			continue;
		/* Log a refusal once, when the item turns invalid. */
		if (it->ii_bad && !was.ip_invalid) {
			ip_text(&it->ii_pol[0], text, sizeof(text));
			ip_log(p, "policy *%llX (%s) not installed: %s",
			    (unsigned long long)p->ip_rows[i].id, text,
			    it->ii_why[0] ? it->ii_why : "invalid");
		}
		if (ip_store(p, i, err, errsz) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

static int
ip_ready(const struct eng_backend *be)
{
	return be != NULL && be->xfrm_policy_list != NULL &&
	    be->xfrm_policy_add != NULL && be->xfrm_policy_update != NULL &&
	    be->xfrm_policy_del != NULL && be->xfrm_reqid_unused != NULL;
}

static void
ip_close(struct ip_pass *p)
{
	st_rows_free(p->ip_m, p->ip_rows, p->ip_nrows);
	free(p->ip_it);
	free(p->ip_have);
	if (p->ip_sa != NULL)
		explicit_bzero(p->ip_sa, (size_t)p->ip_nsa *
		    sizeof(*p->ip_sa));
	free(p->ip_sa);
	memset(p, 0, sizeof(*p));
}

/* Static items have no mark: marked policies (clients behind one NAT)
 * are the IKE daemon's, and this pass does not see them. */
static void
ip_unmarked(struct ip_pass *p)
{
	int i, k = 0;

	for (i = 0; i < p->ip_nhave; i++)
		if (p->ip_have[i].mark_m == 0)
			p->ip_have[k++] = p->ip_have[i];
	p->ip_nhave = k;
}

/* Rows and plan, then rosh's kernel policies. */
static int
ip_open(struct ip_pass *p, struct eng *e, char *err, size_t errsz)
{
	memset(p, 0, sizeof(*p));
	p->ip_e = e;
	p->ip_be = e->o.backend;
	p->ip_m = sch_runtime_spec()->policy;
	p->ip_nrows = st_rows(e, p->ip_m, NULL, NULL, &p->ip_rows);
	if (p->ip_nrows < 0) {
		p->ip_nrows = 0;
		snprintf(err, errsz, "store: %s", st_errmsg(e));
		return -1;
	}
	p->ip_it = calloc((size_t)p->ip_nrows + 1, sizeof(*p->ip_it));
	if (p->ip_it == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	ip_plan(p);
	if (p->ip_be->xfrm_policy_list(p->ip_be->ctx, &p->ip_have,
	    &p->ip_nhave, err, errsz) < 0) {
		p->ip_have = NULL;
		p->ip_nhave = 0;
		return -1;
	}
	ip_unmarked(p);
	ip_adopt(p);
	return 0;
}

static int
ip_pass(struct eng *e, char *err, size_t errsz)
{
	const struct eng_backend *be = e->o.backend;
	struct ip_pass p;
	char why[IP_WHYSZ];
	int rc = -1;

	if (!ip_ready(be))
		return 0;
	if (ip_open(&p, e, err, errsz) < 0)
		goto done;
	ip_remove(&p);
	ip_install(&p);
	/* No SAs known is no SAs: ph2-state then says no-phase2. */
	if (be->xfrm_sa_list == NULL || be->xfrm_sa_list(be->ctx, &p.ip_sa,
	    &p.ip_nsa, why, sizeof(why)) < 0) {
		p.ip_sa = NULL;
		p.ip_nsa = 0;
	}
	if (ip_record(&p, err, errsz) < 0)
		goto done;
	rc = p.ip_changes;
done:
	ip_close(&p);
	return rc;
}

int
ipsec_reconcile_policies(struct eng *e, char *err, size_t errsz)
{
	int rc;

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	if (st_begin(e) < 0) {
		snprintf(err, errsz, "store: %s", st_errmsg(e));
		st_rollback(e);
		return -1;
	}
	rc = ip_pass(e, err, errsz);
	/* The flags recorded so far describe the kernel as it is now. */
	if (st_commit(e) < 0 && rc >= 0) {
		snprintf(err, errsz, "store: %s", st_errmsg(e));
		rc = -1;
	}
	return rc;
}

int
ipsec_publish_ph2(struct eng *e, const struct eng_xfrm_sa *sa, int nsa,
    char *err, size_t errsz)
{
	struct ip_pass p;
	struct sch_ipolicy was;
	int i, ph2, count, rc, n = 0;

	if (!ip_ready(e->o.backend))
		return 0;
	if (ip_open(&p, e, err, errsz) < 0) {
		ip_close(&p);
		return -1;
	}
	for (i = 0; i < p.ip_nrows && n >= 0; i++) {
		if (p.ip_it[i].ii_skip)
			continue;
		sch_ipolicy_of(p.ip_m, p.ip_rows[i].vals, &was);
		ip_ph2(&p.ip_it[i], was.ip_active && p.ip_it[i].ii_want, sa,
		    nsa, &ph2, &count);
		rc = sch_ipolicy_set_state(p.ip_m, p.ip_rows[i].vals,
		    was.ip_active, was.ip_invalid, ph2, count);
		if (rc < 0 || (rc > 0 && ip_store(&p, i, err, errsz) < 0))
			n = -1;
		else
			n += rc;
	}
	ip_close(&p);
	return n;
}
