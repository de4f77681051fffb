/*
 * addr.c - the IPv4 addresses rosh puts on links for /ip address: list
 * those it owns, add one, remove one.
 *
 * Requests are built by libnl-route (rtnl_addr_build_*_request()) with
 * one attribute added, IFA_PROTO = BE_ADDR_PROTO, the ownership marker
 * backend.h explains.  libnl 3.7 does not know IFA_PROTO, so the dump is
 * read here: be_addr_parse() checks each RTM_NEWADDR against an
 * attribute policy before taking a value from it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/route/addr.h>

#include "backend.h"
#include "rtnl_local.h"

/* The first kernel that keeps IFA_PROTO for IPv4 addresses. */
#define AD_PROTO_MAJOR	6
#define AD_PROTO_MINOR	1

/* ------------------------------------------------------------------ */
/* Kernel replies                                                      */
/* ------------------------------------------------------------------ */

int
be_addr_parse(const void *buf, size_t len, struct be_addr *out)
{
	static const struct nla_policy pol[IFA_MAX + 1] = {
		[IFA_ADDRESS] = { .type = NLA_U32 },
		[IFA_LOCAL] = { .type = NLA_U32 },
		[IFA_BROADCAST] = { .type = NLA_U32 },
		[IFA_PROTO] = { .type = NLA_U8 },
	};
	struct nlattr *tb[IFA_MAX + 1];
	struct nlmsghdr h;
	struct ifaddrmsg ifa;
	uint32_t local, address;

	memset(out, 0, sizeof(*out));
	if (((uintptr_t)buf & (NLMSG_ALIGNTO - 1)) != 0 ||
	    len < NLMSG_LENGTH(sizeof(ifa)))
		return -1;
	memcpy(&h, buf, sizeof(h));
	if (h.nlmsg_type != RTM_NEWADDR ||
	    h.nlmsg_len < NLMSG_LENGTH(sizeof(ifa)) || h.nlmsg_len > len)
		return -1;
	memcpy(&ifa, (const char *)buf + NLMSG_HDRLEN, sizeof(ifa));
	if (ifa.ifa_family != AF_INET)
		return 0;
	if (nlmsg_parse((struct nlmsghdr *)(uintptr_t)buf, sizeof(ifa), tb,
	    IFA_MAX, pol) < 0)
		return -1;
	if (tb[IFA_PROTO] == NULL || nla_get_u8(tb[IFA_PROTO]) !=
	    BE_ADDR_PROTO)
		return 0;
	/* IPv4 always sends both; IFA_LOCAL is the address itself. */
	if (tb[IFA_LOCAL] == NULL || tb[IFA_ADDRESS] == NULL ||
	    ifa.ifa_index == 0 || ifa.ifa_index > INT32_MAX ||
	    ifa.ifa_prefixlen > 32)
		return -1;
	local = ntohl(nla_get_u32(tb[IFA_LOCAL]));
	address = ntohl(nla_get_u32(tb[IFA_ADDRESS]));
	out->ifindex = (int)ifa.ifa_index;
	out->local = local;
	out->prefixlen = ifa.ifa_prefixlen;
	out->peer = address != local ? address : 0;
	if (tb[IFA_BROADCAST] != NULL)
		out->broadcast = ntohl(nla_get_u32(tb[IFA_BROADCAST]));
	return 1;
}

static int
ad_parse(const void *buf, size_t len, void *out)
{
	return be_addr_parse(buf, len, out);
}

static int
ad_cmp(const void *x, const void *y)
{
	const struct be_addr *a = x, *b = y;

	if (a->ifindex != b->ifindex)
		return (a->ifindex > b->ifindex) - (a->ifindex < b->ifindex);
	if (a->local != b->local)
		return (a->local > b->local) - (a->local < b->local);
	return (a->prefixlen > b->prefixlen) - (a->prefixlen < b->prefixlen);
}

int
be_addr_list(struct be_addr **out, int *n, char *err, size_t errsz)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_INET };
	void *v;

	if (rn_dump_list(RTM_GETADDR, RTM_NEWADDR, &ifa, sizeof(ifa),
	    ad_parse, sizeof(**out), "address", &v, n, err, errsz) < 0) {
		*out = NULL;
		return -1;
	}
	qsort(v, (size_t)*n, sizeof(**out), ad_cmp);
	*out = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/* Does the running kernel keep IFA_PROTO?  Older ones accept the
 * attribute and drop it, so asking them would not tell. */
static int
ad_proto_kept(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) < 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return 0;
	return major > AD_PROTO_MAJOR || (major == AD_PROTO_MAJOR &&
	    minor >= AD_PROTO_MINOR);
}

static int
ad_check(const struct be_addr *a, char *err, size_t errsz)
{
	if (a->ifindex <= 0) {
		rn_errf(err, errsz, "no such interface");
		return -1;
	}
	if (a->prefixlen < 0 || a->prefixlen > 32 || a->local == 0) {
		rn_errf(err, errsz, "invalid address");
		return -1;
	}
	return 0;
}

static struct nl_addr *
ad_nladdr(uint32_t host, int prefixlen)
{
	uint32_t be = htonl(host);
	struct nl_addr *na = nl_addr_build(AF_INET, &be, sizeof(be));

	if (na != NULL)
		nl_addr_set_prefixlen(na, prefixlen);
	return na;
}

/*
 * The libnl object for a.  libnl takes the prefix length from the local
 * address, or from the peer once there is one (and then refuses a local
 * address with a prefix), hence the order.
 */
static struct rtnl_addr *
ad_object(const struct be_addr *a)
{
	struct rtnl_addr *o = rtnl_addr_alloc();
	struct nl_addr *local = NULL, *peer = NULL, *brd = NULL;
	int e = -NLE_NOMEM;

	if (o == NULL)
		return NULL;
	rtnl_addr_set_family(o, AF_INET);
	rtnl_addr_set_ifindex(o, a->ifindex);
	local = ad_nladdr(a->local, a->peer ? 0 : a->prefixlen);
	if (local != NULL)
		e = rtnl_addr_set_local(o, local);
	if (e >= 0 && a->peer != 0)
		e = (peer = ad_nladdr(a->peer, a->prefixlen)) == NULL ?
		    -NLE_NOMEM : rtnl_addr_set_peer(o, peer);
	if (e >= 0 && a->broadcast != 0)
		e = (brd = ad_nladdr(a->broadcast, 32)) == NULL ?
		    -NLE_NOMEM : rtnl_addr_set_broadcast(o, brd);
	if (e >= 0)
		rtnl_addr_set_prefixlen(o, a->prefixlen);
	nl_addr_put(local);
	nl_addr_put(peer);
	nl_addr_put(brd);
	if (e < 0) {
		rtnl_addr_put(o);
		return NULL;
	}
	return o;
}

/* Build with libnl, add the marker, send, wait for the verdict. */
static int
ad_send(const struct be_addr *a, int add, char *err, size_t errsz)
{
	struct rtnl_addr *o;
	struct nl_msg *m = NULL;
	struct rn_sock rs;
	int e, rc = -1;

	o = ad_object(a);
	if (o == NULL) {
		rn_errf(err, errsz, "out of memory");
		return -1;
	}
	e = add ? rtnl_addr_build_add_request(o, NLM_F_EXCL, &m) :
	    rtnl_addr_build_delete_request(o, 0, &m);
	if (e >= 0 && add)
		e = nla_put_u8(m, IFA_PROTO, BE_ADDR_PROTO);
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
	rtnl_addr_put(o);
	return rc;
}

int
be_addr_add(const struct be_addr *a, char *err, size_t errsz)
{
	if (ad_check(a, err, errsz) < 0)
		return -1;
	if (!ad_proto_kept()) {
		rn_errf(err, errsz, "kernel cannot mark addresses (IFA_PROTO "
		    "needs Linux %d.%d or later)", AD_PROTO_MAJOR,
		    AD_PROTO_MINOR);
		return -1;
	}
	return ad_send(a, 1, err, errsz);
}

/* Is the address with a's key (device, local, prefix, peer) rosh's? */
static int
ad_owned(const struct be_addr *a, char *err, size_t errsz)
{
	struct be_addr *v;
	int i, n, found = 0;

	if (be_addr_list(&v, &n, err, errsz) < 0)
		return -1;
	for (i = 0; i < n && !found; i++)
		found = v[i].ifindex == a->ifindex && v[i].local == a->local &&
		    v[i].prefixlen == a->prefixlen && v[i].peer == a->peer;
	free(v);
	return found;
}

int
be_addr_del(const struct be_addr *a, char *err, size_t errsz)
{
	int owned;

	if (ad_check(a, err, errsz) < 0)
		return -1;
	owned = ad_owned(a, err, errsz);
	if (owned < 0)
		return -1;
	if (owned == 0) {
		rn_errf(err, errsz, "not a rosh address");
		return -1;
	}
	return ad_send(a, 0, err, errsz);
}
