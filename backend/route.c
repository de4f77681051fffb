/*
 * route.c - the IPv4 static routes rosh installs for /ip route: list
 * those it owns, add one, remove one.
 *
 * Requests are built by libnl-route (rtnl_route_build_*_request()) and
 * always name BE_ROUTE_PROTO, so a delete can only ever match one of
 * rosh's routes: the kernel compares the protocol when the request
 * gives one (fib_table_delete()).  The dump is read here, each
 * RTM_NEWROUTE checked against an attribute policy, so listing does not
 * depend on how libnl's cache merges or skips entries.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>

#include "backend.h"
#include "rtnl_local.h"

/* ------------------------------------------------------------------ */
/* Kernel replies                                                      */
/* ------------------------------------------------------------------ */

static uint32_t
rt_u32(struct nlattr *a, uint32_t dflt)
{
	return a != NULL ? nla_get_u32(a) : dflt;
}

static uint32_t
rt_in4(struct nlattr *a)
{
	return a != NULL ? ntohl(nla_get_u32(a)) : 0;
}

int
be_route_parse(const void *buf, size_t len, struct be_route *out)
{
	static const struct nla_policy pol[RTA_MAX + 1] = {
		[RTA_DST] = { .type = NLA_U32 },
		[RTA_GATEWAY] = { .type = NLA_U32 },
		[RTA_OIF] = { .type = NLA_U32 },
		[RTA_PRIORITY] = { .type = NLA_U32 },
		[RTA_PREFSRC] = { .type = NLA_U32 },
		[RTA_TABLE] = { .type = NLA_U32 },
	};
	struct nlattr *tb[RTA_MAX + 1];
	struct nlmsghdr h;
	struct rtmsg rtm;
	uint32_t oif;

	memset(out, 0, sizeof(*out));
	if (((uintptr_t)buf & (NLMSG_ALIGNTO - 1)) != 0 ||
	    len < NLMSG_LENGTH(sizeof(rtm)))
		return -1;
	memcpy(&h, buf, sizeof(h));
	if (h.nlmsg_type != RTM_NEWROUTE ||
	    h.nlmsg_len < NLMSG_LENGTH(sizeof(rtm)) || h.nlmsg_len > len)
		return -1;
	memcpy(&rtm, (const char *)buf + NLMSG_HDRLEN, sizeof(rtm));
	if (rtm.rtm_family != AF_INET || rtm.rtm_protocol != BE_ROUTE_PROTO ||
	    (rtm.rtm_type != RTN_UNICAST && rtm.rtm_type != RTN_BLACKHOLE))
		return 0;
	if (nlmsg_parse((struct nlmsghdr *)(uintptr_t)buf, sizeof(rtm), tb,
	    RTA_MAX, pol) < 0)
		return -1;
	oif = rt_u32(tb[RTA_OIF], 0);
	if (rtm.rtm_dst_len > 32 || oif > INT32_MAX)
		return -1;
	out->dst = rt_in4(tb[RTA_DST]);
	out->dst_len = rtm.rtm_dst_len;
	out->gateway = rt_in4(tb[RTA_GATEWAY]);
	out->oif = (int)oif;
	out->pref_src = rt_in4(tb[RTA_PREFSRC]);
	out->metric = rt_u32(tb[RTA_PRIORITY], 0);
	out->table = rt_u32(tb[RTA_TABLE], rtm.rtm_table);
	out->blackhole = rtm.rtm_type == RTN_BLACKHOLE;
	return 1;
}

static int
rt_parse(const void *buf, size_t len, void *out)
{
	return be_route_parse(buf, len, out);
}

int
be_route_list(struct be_route **out, int *n, char *err, size_t errsz)
{
	struct rtmsg rtm = { .rtm_family = AF_INET };
	void *v;

	if (rn_dump_list(RTM_GETROUTE, RTM_NEWROUTE, &rtm, sizeof(rtm),
	    rt_parse, sizeof(**out), "route", &v, n, err, errsz) < 0) {
		*out = NULL;
		return -1;
	}
	*out = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

static int
rt_check(const struct be_route *r, char *err, size_t errsz)
{
	if (r->dst_len < 0 || r->dst_len > 32 || r->oif < 0) {
		rn_errf(err, errsz, "invalid route");
		return -1;
	}
	if (!r->blackhole && r->gateway == 0 && r->oif == 0) {
		rn_errf(err, errsz, "route needs a gateway or an interface");
		return -1;
	}
	return 0;
}

static struct nl_addr *
rt_nladdr(uint32_t host, int prefixlen)
{
	uint32_t be = htonl(host);
	struct nl_addr *na = nl_addr_build(AF_INET, &be, sizeof(be));

	if (na != NULL)
		nl_addr_set_prefixlen(na, prefixlen);
	return na;
}

/* The next hop of a unicast route; the route takes it over. */
static int
rt_nexthop(struct rtnl_route *o, const struct be_route *r)
{
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr *gw;

	if (nh == NULL)
		return -NLE_NOMEM;
	if (r->gateway != 0) {
		gw = rt_nladdr(r->gateway, 32);
		if (gw == NULL) {
			rtnl_route_nh_free(nh);
			return -NLE_NOMEM;
		}
		rtnl_route_nh_set_gateway(nh, gw);
		nl_addr_put(gw);
	}
	if (r->oif > 0)
		rtnl_route_nh_set_ifindex(nh, r->oif);
	rtnl_route_add_nexthop(o, nh);
	return 0;
}

/* The scope is set, not left to libnl's guess, so that add and delete
 * agree: universe through a gateway or for a blackhole, else link. */
static int
rt_fill(struct rtnl_route *o, const struct be_route *r)
{
	struct nl_addr *dst, *src = NULL;
	int e;

	rtnl_route_set_family(o, AF_INET);
	rtnl_route_set_table(o, r->table);
	rtnl_route_set_protocol(o, BE_ROUTE_PROTO);
	rtnl_route_set_priority(o, r->metric);
	rtnl_route_set_scope(o, r->blackhole || r->gateway != 0 ?
	    RT_SCOPE_UNIVERSE : RT_SCOPE_LINK);
	e = rtnl_route_set_type(o, r->blackhole ? RTN_BLACKHOLE : RTN_UNICAST);
	if (e < 0)
		return e;
	dst = rt_nladdr(r->dst, r->dst_len);
	if (dst == NULL)
		return -NLE_NOMEM;
	e = rtnl_route_set_dst(o, dst);
	nl_addr_put(dst);
	if (e >= 0 && r->pref_src != 0) {
		src = rt_nladdr(r->pref_src, 32);
		e = src == NULL ? -NLE_NOMEM : rtnl_route_set_pref_src(o, src);
		nl_addr_put(src);
	}
	if (e >= 0 && !r->blackhole)
		e = rt_nexthop(o, r);
	return e;
}

static int
rt_send(const struct be_route *r, int add, char *err, size_t errsz)
{
	struct rtnl_route *o;
	struct nl_msg *m = NULL;
	struct rn_sock rs;
	int e, rc = -1;

	if (rt_check(r, err, errsz) < 0)
		return -1;
	o = rtnl_route_alloc();
	if (o == NULL) {
		rn_errf(err, errsz, "out of memory");
		return -1;
	}
	e = rt_fill(o, r);
	if (e >= 0)
		e = add ? rtnl_route_build_add_request(o, NLM_F_EXCL, &m) :
		    rtnl_route_build_del_request(o, 0, &m);
	if (e < 0) {
		rn_errf(err, errsz, "netlink: %s", nl_geterror(e));
		goto done;
	}
	if (rn_open(&rs, err, errsz) < 0)
		goto done;
	rc = rn_request(&rs, m, err, errsz);
	rn_close(&rs);
done:
	nlmsg_free(m);
	rtnl_route_put(o);
	return rc;
}

int
be_route_add(const struct be_route *r, char *err, size_t errsz)
{
	return rt_send(r, 1, err, errsz);
}

int
be_route_del(const struct be_route *r, char *err, size_t errsz)
{
	return rt_send(r, 0, err, errsz);
}
