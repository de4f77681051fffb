/*
 * link.c - the kernel's network devices for /interface: list them, find
 * the default route's device, and apply /interface set.
 *
 * Reading goes through libnl-route's link and route caches, which parse
 * each RTM_NEWLINK / RTM_NEWROUTE against libnl's attribute policies.
 * Two things libnl 3.7 does not give us are read from the same replies
 * on the way in (lk_msg_in()): the extended-ack text of NLMSG_ERROR,
 * and the IFLA_MIN_MTU / IFLA_MAX_MTU bounds of each link.  Every value
 * taken from a reply is checked before use: a link without an index or
 * a name is an error, strings are copied only when they fit, a hardware
 * address is shown only when it is six bytes long.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glibc's net/if.h before any linux/ header, which then yields to it. */
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>
#include <netlink/socket.h>

#include "backend.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/* The kernel negates an errno into nlmsgerr.error; none is larger than
 * its MAX_ERRNO. */
#define LK_ERRNO_MAX	4095

/* MTU bounds of one link, noted while the link dump goes by. */
struct lk_bound {
	int lb_ifindex;
	unsigned lb_min;
	unsigned lb_max;
};

/* A route netlink socket and what lk_msg_in() noted from its replies. */
struct lk_sock {
	struct nl_sock *ls_sk;
	int ls_ack_error;		/* errno of the last NLMSG_ERROR */
	char ls_ack_msg[256];		/* its extended-ack text, or "" */
	int ls_collect;			/* note MTU bounds of RTM_NEWLINK */
	struct lk_bound *ls_bounds;	/* from malloc(), sorted once read */
	size_t ls_nbounds;
	size_t ls_capbounds;
};

/* One part of /interface set: exactly one member differs from "keep". */
struct lk_change {
	const char *lc_name;		/* NULL keeps */
	unsigned lc_mtu;		/* 0 keeps */
	int lc_up;			/* -1 keeps */
};

static void
lk_errf(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
lk_errf(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

/* Copy src into dst only when it fits whole; a cut name would name a
 * different device. */
static int
lk_copy(char *dst, size_t dstsz, const char *src)
{
	size_t n;

	if (src == NULL || dstsz == 0)
		return -1;
	n = strnlen(src, dstsz);
	if (n == dstsz)
		return -1;
	memcpy(dst, src, n + 1);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Kernel replies                                                      */
/* ------------------------------------------------------------------ */

/* The extended-ack attributes that follow the fixed part of an error. */
static void
lk_ack_text(const unsigned char *p, size_t len, char *msg, size_t msgsz)
{
	static const struct nla_policy pol[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	};
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *s;
	int n;

	if (len == 0 || len > INT_MAX)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)(uintptr_t)p,
	    (int)len, pol) < 0 || tb[NLMSGERR_ATTR_MSG] == NULL)
		return;
	s = nla_data(tb[NLMSGERR_ATTR_MSG]);
	n = nla_len(tb[NLMSGERR_ATTR_MSG]);
	/* The policy already wants a NUL; the copy must not depend on it. */
	if (n <= 0 || memchr(s, '\0', (size_t)n) == NULL)
		return;
	if (msgsz > 0)
		snprintf(msg, msgsz, "%s", s);
}

int
be_link_ack_parse(const void *buf, size_t len, int *error, char *msg,
    size_t msgsz)
{
	const unsigned char *p = buf;
	struct nlmsghdr h;
	struct nlmsgerr e;
	size_t off, echo;

	*error = 0;
	if (msgsz > 0)
		msg[0] = '\0';
	if (((uintptr_t)buf & (NLMSG_ALIGNTO - 1)) != 0 ||
	    len < NLMSG_HDRLEN + sizeof(e))
		return -1;
	memcpy(&h, p, sizeof(h));
	if (h.nlmsg_type != NLMSG_ERROR ||
	    h.nlmsg_len < NLMSG_HDRLEN + sizeof(e) || h.nlmsg_len > len)
		return -1;
	len = h.nlmsg_len;
	memcpy(&e, p + NLMSG_HDRLEN, sizeof(e));
	if (e.error > 0 || e.error < -LK_ERRNO_MAX)
		return -1;
	*error = -e.error;
	if (!(h.nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;

	/*
	 * Without NLM_F_CAPPED the request's payload is echoed, padded to
	 * 4 bytes, between the fixed part and the attributes (kernel
	 * netlink_ack()); its length comes from the echoed header.
	 */
	off = NLMSG_HDRLEN + sizeof(e);
	if (!(h.nlmsg_flags & NLM_F_CAPPED)) {
		if (e.msg.nlmsg_len < NLMSG_HDRLEN)
			return 0;
		echo = ((size_t)e.msg.nlmsg_len - NLMSG_HDRLEN + 3) &
		    ~(size_t)3;
		if (echo > len - off)
			return 0;
		off += echo;
	}
	lk_ack_text(p + off, len - off, msg, msgsz);
	return 0;
}

/* Note IFLA_MIN_MTU / IFLA_MAX_MTU of one RTM_NEWLINK.  The bounds are
 * optional: a reply libnl's own parser rejects is libnl's to report. */
static int
lk_bound_note(struct lk_sock *ls, struct nlmsghdr *h)
{
	static const struct nla_policy pol[IFLA_MAX + 1] = {
		[IFLA_MIN_MTU] = { .type = NLA_U32 },
		[IFLA_MAX_MTU] = { .type = NLA_U32 },
	};
	struct nlattr *tb[IFLA_MAX + 1];
	struct lk_bound *b;
	const struct ifinfomsg *ifi;
	size_t cap;

	if (nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, pol) < 0)
		return 0;
	if (tb[IFLA_MIN_MTU] == NULL && tb[IFLA_MAX_MTU] == NULL)
		return 0;
	if (ls->ls_nbounds == ls->ls_capbounds) {
		cap = ls->ls_capbounds ? 2 * ls->ls_capbounds : 16;
		b = reallocarray(ls->ls_bounds, cap, sizeof(*b));
		if (b == NULL)
			return -1;
		ls->ls_bounds = b;
		ls->ls_capbounds = cap;
	}
	ifi = nlmsg_data(h);
	b = &ls->ls_bounds[ls->ls_nbounds++];
	b->lb_ifindex = ifi->ifi_index;
	b->lb_min = tb[IFLA_MIN_MTU] ? nla_get_u32(tb[IFLA_MIN_MTU]) : 0;
	b->lb_max = tb[IFLA_MAX_MTU] ? nla_get_u32(tb[IFLA_MAX_MTU]) : 0;
	return 0;
}

/* Sees every reply before libnl parses it (NL_CB_MSG_IN). */
static int
lk_msg_in(struct nl_msg *m, void *arg)
{
	struct lk_sock *ls = arg;
	struct nlmsghdr *h = nlmsg_hdr(m);

	/* libnl has checked that nlmsg_len lies within what was read. */
	if (h->nlmsg_type == NLMSG_ERROR)
		(void)be_link_ack_parse(h, h->nlmsg_len, &ls->ls_ack_error,
		    ls->ls_ack_msg, sizeof(ls->ls_ack_msg));
	else if (ls->ls_collect && h->nlmsg_type == RTM_NEWLINK &&
	    lk_bound_note(ls, h) < 0)
		return -NLE_NOMEM;
	return NL_OK;
}

/* ------------------------------------------------------------------ */
/* Socket                                                              */
/* ------------------------------------------------------------------ */

/* Put the kernel's reason for the last failure into err. */
static int
lk_fail(const struct lk_sock *ls, int nlerr, char *err, size_t errsz)
{
	if (ls->ls_ack_msg[0] != '\0')
		lk_errf(err, errsz, "%s", ls->ls_ack_msg);
	else if (ls->ls_ack_error != 0)
		lk_errf(err, errsz, "%s", strerror(ls->ls_ack_error));
	else
		lk_errf(err, errsz, "netlink: %s", nl_geterror(nlerr));
	return -1;
}

static void
lk_ack_reset(struct lk_sock *ls)
{
	ls->ls_ack_error = 0;
	ls->ls_ack_msg[0] = '\0';
}

static int
lk_open(struct lk_sock *ls, char *err, size_t errsz)
{
	int e, one = 1;

	memset(ls, 0, sizeof(*ls));
	ls->ls_sk = nl_socket_alloc();
	if (ls->ls_sk == NULL) {
		lk_errf(err, errsz, "out of memory");
		return -1;
	}
	e = nl_connect(ls->ls_sk, NETLINK_ROUTE);
	if (e < 0)
		goto fail;
	/*
	 * Ask for the kernel's text with each error.  Kernels older than
	 * 4.12 refuse the option; errors then read as strerror(), so the
	 * failure is not fatal.  The echoed request is of no use to us.
	 */
	(void)setsockopt(nl_socket_get_fd(ls->ls_sk), SOL_NETLINK,
	    NETLINK_EXT_ACK, &one, sizeof(one));
	(void)setsockopt(nl_socket_get_fd(ls->ls_sk), SOL_NETLINK,
	    NETLINK_CAP_ACK, &one, sizeof(one));
	e = nl_socket_modify_cb(ls->ls_sk, NL_CB_MSG_IN, NL_CB_CUSTOM,
	    lk_msg_in, ls);
	if (e < 0)
		goto fail;
	return 0;
fail:
	lk_errf(err, errsz, "netlink: %s", nl_geterror(e));
	nl_socket_free(ls->ls_sk);
	ls->ls_sk = NULL;
	return -1;
}

static void
lk_close(struct lk_sock *ls)
{
	free(ls->ls_bounds);
	ls->ls_bounds = NULL;
	nl_socket_free(ls->ls_sk);
	ls->ls_sk = NULL;
}

/* ------------------------------------------------------------------ */
/* Listing                                                             */
/* ------------------------------------------------------------------ */

static int
lk_bound_cmp(const void *a, const void *b)
{
	int x = ((const struct lk_bound *)a)->lb_ifindex;
	int y = ((const struct lk_bound *)b)->lb_ifindex;

	return (x > y) - (x < y);
}

static int
lk_link_cmp(const void *a, const void *b)
{
	int x = ((const struct be_link *)a)->ifindex;
	int y = ((const struct be_link *)b)->ifindex;

	return (x > y) - (x < y);
}

/* RouterOS type word for a link; see struct be_link. */
static void
lk_type(struct rtnl_link *l, char *buf, size_t sz)
{
	static const struct {
		const char *kind;
		const char *word;
	} words[] = {
		{ "wireguard", "wg" },
	};
	unsigned arp = rtnl_link_get_arptype(l);
	const char *kind = rtnl_link_get_type(l);
	size_t i;

	if (arp == ARPHRD_LOOPBACK) {
		snprintf(buf, sz, "loopback");
		return;
	}
	/* By header type: whether a PPP unit has a link kind depends on
	 * how and on which kernel it was made. */
	if (arp == ARPHRD_PPP) {
		snprintf(buf, sz, "ppp");
		return;
	}
	if (kind == NULL || kind[0] == '\0') {
		snprintf(buf, sz, "%s", arp == ARPHRD_ETHER ? "ether" :
		    "unknown");
		return;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(kind, words[i].kind) == 0) {
			snprintf(buf, sz, "%s", words[i].word);
			return;
		}
	snprintf(buf, sz, "%s", kind);
}

static void
lk_mac(struct nl_addr *a, char *buf, size_t sz)
{
	const unsigned char *p;

	buf[0] = '\0';
	if (a == NULL || nl_addr_get_len(a) != 6)
		return;
	p = nl_addr_get_binary_addr(a);
	snprintf(buf, sz, "%02X:%02X:%02X:%02X:%02X:%02X", p[0], p[1], p[2],
	    p[3], p[4], p[5]);
}

static void
lk_stats(struct be_link *b, struct rtnl_link *l)
{
	b->rx_byte = rtnl_link_get_stat(l, RTNL_LINK_RX_BYTES);
	b->tx_byte = rtnl_link_get_stat(l, RTNL_LINK_TX_BYTES);
	b->rx_packet = rtnl_link_get_stat(l, RTNL_LINK_RX_PACKETS);
	b->tx_packet = rtnl_link_get_stat(l, RTNL_LINK_TX_PACKETS);
	b->rx_drop = rtnl_link_get_stat(l, RTNL_LINK_RX_DROPPED);
	b->tx_drop = rtnl_link_get_stat(l, RTNL_LINK_TX_DROPPED);
	b->rx_error = rtnl_link_get_stat(l, RTNL_LINK_RX_ERRORS);
	b->tx_error = rtnl_link_get_stat(l, RTNL_LINK_TX_ERRORS);
}

static int
lk_fill(struct be_link *b, struct rtnl_link *l, const struct lk_sock *ls,
    char *err, size_t errsz)
{
	const struct lk_bound *bd;
	struct lk_bound key;
	unsigned flags;

	memset(b, 0, sizeof(*b));
	b->ifindex = rtnl_link_get_ifindex(l);
	if (b->ifindex <= 0) {
		lk_errf(err, errsz, "kernel listed a link without an index");
		return -1;
	}
	if (lk_copy(b->name, sizeof(b->name), rtnl_link_get_name(l)) < 0 ||
	    b->name[0] == '\0') {
		lk_errf(err, errsz, "kernel listed link %d without a usable "
		    "name", b->ifindex);
		return -1;
	}
	lk_type(l, b->type, sizeof(b->type));
	b->mtu = rtnl_link_get_mtu(l);
	lk_mac(rtnl_link_get_addr(l), b->mac, sizeof(b->mac));
	flags = rtnl_link_get_flags(l);
	b->up = (flags & IFF_UP) != 0;
	b->running = (flags & IFF_RUNNING) != 0;
	lk_stats(b, l);

	key.lb_ifindex = b->ifindex;
	bd = ls->ls_nbounds == 0 ? NULL : bsearch(&key, ls->ls_bounds,
	    ls->ls_nbounds, sizeof(key), lk_bound_cmp);
	if (bd != NULL) {
		b->min_mtu = bd->lb_min;
		b->max_mtu = bd->lb_max;
	}
	return 0;
}

int
be_link_list(struct be_link **out, int *n, char *err, size_t errsz)
{
	struct lk_sock ls;
	struct nl_cache *cache = NULL;
	struct nl_object *o;
	struct be_link *v = NULL;
	int e, cnt, i = 0, rc = -1;

	*out = NULL;
	*n = 0;
	if (lk_open(&ls, err, errsz) < 0)
		return -1;
	ls.ls_collect = 1;
	e = rtnl_link_alloc_cache(ls.ls_sk, AF_UNSPEC, &cache);
	if (e < 0) {
		lk_fail(&ls, e, err, errsz);
		goto done;
	}
	if (ls.ls_nbounds > 0)
		qsort(ls.ls_bounds, ls.ls_nbounds, sizeof(*ls.ls_bounds),
		    lk_bound_cmp);
	cnt = nl_cache_nitems(cache);
	v = calloc(cnt > 0 ? (size_t)cnt : 1, sizeof(*v));
	if (v == NULL) {
		lk_errf(err, errsz, "out of memory");
		goto done;
	}
	for (o = nl_cache_get_first(cache); o != NULL && i < cnt;
	    o = nl_cache_get_next(o)) {
		if (lk_fill(&v[i], (struct rtnl_link *)o, &ls, err, errsz) < 0)
			goto done;
		i++;
	}
	qsort(v, (size_t)i, sizeof(*v), lk_link_cmp);
	*out = v;
	*n = i;
	v = NULL;
	rc = 0;
done:
	free(v);
	if (cache != NULL)
		nl_cache_free(cache);
	lk_close(&ls);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Default route                                                       */
/* ------------------------------------------------------------------ */

/* ifindex of the main table's lowest-metric IPv4 default route, or 0.
 * A multipath route counts with its first next hop. */
static int
lk_route_pick(struct nl_cache *cache)
{
	struct nl_object *o;
	struct rtnl_route *r;
	struct rtnl_nexthop *nh;
	struct nl_addr *dst;
	uint32_t prio, best_prio = 0;
	int idx, best = 0;

	for (o = nl_cache_get_first(cache); o != NULL;
	    o = nl_cache_get_next(o)) {
		r = (struct rtnl_route *)o;
		dst = rtnl_route_get_dst(r);
		if (rtnl_route_get_family(r) != AF_INET ||
		    rtnl_route_get_table(r) != RT_TABLE_MAIN ||
		    rtnl_route_get_type(r) != RTN_UNICAST || dst == NULL ||
		    nl_addr_get_prefixlen(dst) != 0 ||
		    rtnl_route_get_nnexthops(r) < 1)
			continue;
		nh = rtnl_route_nexthop_n(r, 0);
		idx = nh != NULL ? rtnl_route_nh_get_ifindex(nh) : 0;
		if (idx <= 0)
			continue;
		prio = rtnl_route_get_priority(r);
		if (best == 0 || prio < best_prio) {
			best = idx;
			best_prio = prio;
		}
	}
	return best;
}

int
be_link_default_route(char *ifname, size_t sz)
{
	struct lk_sock ls;
	struct nl_cache *cache = NULL;
	struct rtnl_link *link = NULL;
	int idx, e, rc = -1, eno = EIO;

	if (lk_open(&ls, NULL, 0) < 0) {
		errno = EIO;
		return -1;
	}
	e = rtnl_route_alloc_cache(ls.ls_sk, AF_INET, 0, &cache);
	if (e < 0) {
		eno = ls.ls_ack_error ? ls.ls_ack_error : EIO;
		goto done;
	}
	idx = lk_route_pick(cache);
	if (idx == 0) {
		eno = ENOENT;
		goto done;
	}
	lk_ack_reset(&ls);
	e = rtnl_link_get_kernel(ls.ls_sk, idx, NULL, &link);
	if (e < 0) {
		/* The device went away between the two replies. */
		eno = ls.ls_ack_error == ENODEV ? ENOENT : EIO;
		goto done;
	}
	if (lk_copy(ifname, sz, rtnl_link_get_name(link)) < 0) {
		eno = ERANGE;
		goto done;
	}
	rc = 0;
done:
	if (link != NULL)
		rtnl_link_put(link);
	if (cache != NULL)
		nl_cache_free(cache);
	lk_close(&ls);
	if (rc < 0)
		errno = eno;
	return rc;
}

/* ------------------------------------------------------------------ */
/* /interface set                                                      */
/* ------------------------------------------------------------------ */

/* One RTM_SETLINK carrying one change; the reply's reason in err. */
static int
lk_setlink(struct lk_sock *ls, int ifindex, const struct lk_change *c,
    char *err, size_t errsz)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC,
	    .ifi_index = ifindex };
	struct nl_msg *m;
	int e;

	if (c->lc_up >= 0) {
		ifi.ifi_change = IFF_UP;
		ifi.ifi_flags = c->lc_up ? IFF_UP : 0;
	}
	m = nlmsg_alloc_simple(RTM_SETLINK, 0);
	if (m == NULL) {
		lk_errf(err, errsz, "out of memory");
		return -1;
	}
	e = nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO);
	if (e >= 0 && c->lc_mtu != 0)
		e = nla_put_u32(m, IFLA_MTU, c->lc_mtu);
	if (e >= 0 && c->lc_name != NULL)
		e = nla_put_string(m, IFLA_IFNAME, c->lc_name);
	lk_ack_reset(ls);
	if (e >= 0)
		e = nl_send_auto(ls->ls_sk, m);
	if (e >= 0)
		e = nl_wait_for_ack(ls->ls_sk);
	nlmsg_free(m);
	if (e < 0)
		return lk_fail(ls, e, err, errsz);
	return 0;
}

/* Arguments the kernel would refuse with a less helpful reason. */
static int
lk_set_check(const char *name, int up, const char *newname, char *err,
    size_t errsz)
{
	if (name == NULL || name[0] == '\0' ||
	    strnlen(name, BE_LINK_NAMESZ) == BE_LINK_NAMESZ) {
		lk_errf(err, errsz, "no such interface");
		return -1;
	}
	if (newname != NULL && (newname[0] == '\0' ||
	    strnlen(newname, BE_LINK_NAMESZ) == BE_LINK_NAMESZ)) {
		lk_errf(err, errsz, "interface name must be 1 to %d "
		    "characters", BE_LINK_NAMESZ - 1);
		return -1;
	}
	if (up < -1 || up > 1) {
		lk_errf(err, errsz, "invalid up state %d", up);
		return -1;
	}
	return 0;
}

/* Apply steps in order; on a refusal put back those already applied. */
static int
lk_apply(struct lk_sock *ls, int ifindex, const struct lk_change *step,
    const struct lk_change *undo, int nstep, char *err, size_t errsz)
{
	char why[256];
	size_t used;
	int i;

	for (i = 0; i < nstep; i++)
		if (lk_setlink(ls, ifindex, &step[i], err, errsz) < 0)
			break;
	if (i == nstep)
		return 0;
	while (i-- > 0)
		if (lk_setlink(ls, ifindex, &undo[i], why, sizeof(why)) < 0 &&
		    err != NULL && errsz > 0) {
			used = strlen(err);
			lk_errf(err + used, errsz - used, "; undo failed: %s",
			    why);
		}
	return -1;
}

int
be_link_set(const char *name, int up, unsigned mtu, const char *newname,
    char *err, size_t errsz)
{
	struct lk_change step[3], undo[3];
	struct lk_sock ls;
	struct rtnl_link *link = NULL;
	char oldname[BE_LINK_NAMESZ];
	unsigned oldmtu;
	int e, ifindex, oldup, n = 0, rc = -1;

	if (lk_set_check(name, up, newname, err, errsz) < 0)
		return -1;
	if (lk_open(&ls, err, errsz) < 0)
		return -1;
	e = rtnl_link_get_kernel(ls.ls_sk, 0, name, &link);
	if (e < 0) {
		lk_fail(&ls, e, err, errsz);
		goto done;
	}
	ifindex = rtnl_link_get_ifindex(link);
	if (ifindex <= 0 || lk_copy(oldname, sizeof(oldname),
	    rtnl_link_get_name(link)) < 0) {
		lk_errf(err, errsz, "kernel reply for %s lacks index or name",
		    name);
		goto done;
	}
	oldmtu = rtnl_link_get_mtu(link);
	oldup = (rtnl_link_get_flags(link) & IFF_UP) != 0;

	if (newname != NULL && strcmp(newname, oldname) != 0) {
		step[n] = (struct lk_change){ .lc_name = newname, .lc_up = -1 };
		undo[n++] = (struct lk_change){ .lc_name = oldname,
		    .lc_up = -1 };
	}
	if (mtu != 0 && mtu != oldmtu) {
		step[n] = (struct lk_change){ .lc_mtu = mtu, .lc_up = -1 };
		undo[n++] = (struct lk_change){ .lc_mtu = oldmtu, .lc_up = -1 };
	}
	if (up >= 0 && up != oldup) {
		step[n] = (struct lk_change){ .lc_up = up };
		undo[n++] = (struct lk_change){ .lc_up = oldup };
	}
	rc = lk_apply(&ls, ifindex, step, undo, n, err, errsz);
done:
	if (link != NULL)
		rtnl_link_put(link);
	lk_close(&ls);
	return rc;
}
