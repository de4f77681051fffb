/*
 * check_link.c - backend/link.c against the real kernel.
 *
 * Check forks every test; a test that looks at links first moves its
 * process into a new network namespace, so it sees only what it creates
 * there (with ip(8), inherited by system()) and leaves nothing behind.
 * Needs root, veth, bridge, tun and vxlan.
 */
#include <check.h>
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "backend.h"

/* Kernel text for IFLA_MTU below min_mtu (dev_validate_mtu()). */
#define MTU_TOO_SMALL	"mtu less than device minimum"

static void
ns_fresh(void)
{
	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
}

static void
sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	ck_assert_msg(rc == 0, "%s: status %d", cmd, rc);
}

/* Best effort: a kernel without IPv6 has no such file, and no IPv6
 * chatter (router solicitations, MLD) to keep quiet either. */
static void
ipv6_off(void)
{
	static const char *const paths[] = {
		"/proc/sys/net/ipv6/conf/all/disable_ipv6",
		"/proc/sys/net/ipv6/conf/default/disable_ipv6",
	};
	FILE *f;
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		f = fopen(paths[i], "w");
		if (f == NULL)
			continue;
		fputs("1\n", f);
		fclose(f);
	}
}

static struct be_link *
links(int *n)
{
	struct be_link *v = NULL;
	char err[256] = "";

	ck_assert_msg(be_link_list(&v, n, err, sizeof(err)) == 0,
	    "be_link_list: %s", err);
	ck_assert_ptr_nonnull(v);
	return v;
}

/* A copy of the link called name; found 0 when there is none. */
static struct be_link
get(const char *name, int *found)
{
	struct be_link *v, l;
	int i, n;

	memset(&l, 0, sizeof(l));
	*found = 0;
	v = links(&n);
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0) {
			l = v[i];
			*found = 1;
		}
	free(v);
	return l;
}

static struct be_link
must_get(const char *name)
{
	struct be_link l;
	int found;

	l = get(name, &found);
	ck_assert_msg(found, "no link %s", name);
	return l;
}

/* Carrier changes reach IFF_RUNNING through the kernel's linkwatch work,
 * not synchronously with the command that caused them. */
static struct be_link
wait_running(const char *name, int want)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	struct be_link l;
	int i;

	for (i = 0; i < 150; i++) {
		l = must_get(name);
		if (l.running == want)
			break;
		nanosleep(&ts, NULL);
	}
	return l;
}

static void
veth_pair(void)
{
	sh("ip link add veth-a address 02:00:00:00:00:0a mtu 1400 type veth "
	    "peer name veth-b address 02:00:00:00:00:0b mtu 1400");
}

/* ------------------------------------------------------------------ */
/* Listing                                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_list_fresh_netns)
{
	struct be_link *v, lo;
	int n;

	ns_fresh();
	v = links(&n);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(v[0].name, "lo");
	ck_assert_int_eq(v[0].ifindex, 1);
	ck_assert_str_eq(v[0].type, "loopback");
	ck_assert_uint_eq(v[0].mtu, 65536);
	ck_assert_str_eq(v[0].mac, "00:00:00:00:00:00");
	ck_assert_int_eq(v[0].up, 0);
	ck_assert_int_eq(v[0].running, 0);
	ck_assert(v[0].rx_packet == 0 && v[0].tx_packet == 0);
	free(v);

	sh("ip link set lo up");
	lo = wait_running("lo", 1);
	ck_assert_int_eq(lo.up, 1);
	ck_assert_int_eq(lo.running, 1);
}
END_TEST

START_TEST(test_list_veth)
{
	struct be_link *v;
	const struct be_link *a = NULL, *b = NULL;
	int i, n;

	ns_fresh();
	veth_pair();
	v = links(&n);
	ck_assert_int_eq(n, 3);
	for (i = 1; i < n; i++)
		ck_assert_int_lt(v[i - 1].ifindex, v[i].ifindex);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].name, "veth-a") == 0)
			a = &v[i];
		if (strcmp(v[i].name, "veth-b") == 0)
			b = &v[i];
	}
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->ifindex, (int)if_nametoindex("veth-a"));
	ck_assert_int_eq(b->ifindex, (int)if_nametoindex("veth-b"));
	ck_assert_str_eq(a->type, "veth");
	ck_assert_str_eq(b->type, "veth");
	ck_assert_str_eq(a->mac, "02:00:00:00:00:0A");
	ck_assert_str_eq(b->mac, "02:00:00:00:00:0B");
	ck_assert_uint_eq(a->mtu, 1400);
	ck_assert_uint_eq(b->mtu, 1400);
	/* Ethernet bounds: ETH_MIN_MTU and veth's ETH_MAX_MTU. */
	ck_assert_uint_eq(a->min_mtu, 68);
	ck_assert_uint_eq(a->max_mtu, 65535);
	ck_assert(a->up == 0 && a->running == 0);
	ck_assert(b->up == 0 && b->running == 0);
	/* The loopback device reports no bounds. */
	ck_assert_str_eq(v[0].name, "lo");
	ck_assert(v[0].min_mtu == 0 && v[0].max_mtu == 0);
	free(v);
}
END_TEST

START_TEST(test_list_running)
{
	struct be_link a, b;

	ns_fresh();
	veth_pair();
	sh("ip link set veth-a up");
	/* Up without a peer: no carrier, so not running. */
	a = must_get("veth-a");
	ck_assert_int_eq(a.up, 1);
	ck_assert_int_eq(a.running, 0);

	sh("ip link set veth-b up");
	a = wait_running("veth-a", 1);
	b = wait_running("veth-b", 1);
	ck_assert(a.up == 1 && a.running == 1);
	ck_assert(b.up == 1 && b.running == 1);

	sh("ip link set veth-b down");
	a = wait_running("veth-a", 0);
	b = must_get("veth-b");
	ck_assert(a.up == 1 && a.running == 0);
	ck_assert(b.up == 0 && b.running == 0);
}
END_TEST

/* Send count frames of len bytes out of ifname through a packet socket. */
static void
send_frames(const char *ifname, int count, size_t len)
{
	unsigned char frame[256];
	struct sockaddr_ll sll;
	int fd, i;

	ck_assert_uint_le(len, sizeof(frame));
	memset(frame, 0, sizeof(frame));
	memset(frame, 0xff, 6);				/* broadcast */
	memcpy(frame + 6, "\x02\x00\x00\x00\x00\x0a", 6);
	frame[12] = 0x88;				/* local experimental */
	frame[13] = 0xb5;				/* EtherType */
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	ck_assert_msg(fd >= 0, "packet socket: %s", strerror(errno));
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	sll.sll_halen = 6;
	memset(sll.sll_addr, 0xff, 6);
	for (i = 0; i < count; i++)
		ck_assert_int_eq(sendto(fd, frame, len, 0,
		    (struct sockaddr *)&sll, sizeof(sll)), (ssize_t)len);
	close(fd);
}

START_TEST(test_list_counters)
{
	struct be_link a0, b0, a1, b1;

	ns_fresh();
	ipv6_off();
	veth_pair();
	sh("ip link set veth-a up && ip link set veth-b up");
	wait_running("veth-a", 1);
	wait_running("veth-b", 1);
	a0 = must_get("veth-a");
	b0 = must_get("veth-b");
	send_frames("veth-a", 5, 100);
	a1 = must_get("veth-a");
	b1 = must_get("veth-b");
	/* With IPv6 off nothing else talks on the pair. */
	ck_assert_uint_eq(a1.tx_packet - a0.tx_packet, 5);
	ck_assert_uint_eq(a1.tx_byte - a0.tx_byte, 500);
	ck_assert_uint_eq(b1.rx_packet - b0.rx_packet, 5);
	ck_assert_uint_eq(b1.rx_byte - b0.rx_byte, 500);
	ck_assert_uint_eq(a1.rx_packet - a0.rx_packet, 0);
	ck_assert_uint_eq(a1.tx_error + a1.tx_drop, 0);
}
END_TEST

static const struct {
	const char *cmd;
	const char *name;
	const char *type;
	int has_mac;
} kind_cases[] = {
	{ "ip link add br0 type bridge", "br0", "bridge", 1 },
	{ "ip tuntap add t0 mode tun", "t0", "tun", 0 },
	{ "ip tuntap add t1 mode tap", "t1", "tun", 1 },
	{ "ip link add vx0 type vxlan id 5 dstport 4789", "vx0", "vxlan", 1 },
	{ "ip link add veth-a type veth peer name veth-b", "veth-b", "veth",
	    1 },
};

START_TEST(test_list_kinds)
{
	struct be_link l;

	ns_fresh();
	sh("%s", kind_cases[_i].cmd);
	l = must_get(kind_cases[_i].name);
	ck_assert_str_eq(l.type, kind_cases[_i].type);
	ck_assert_int_eq(l.mac[0] != '\0', kind_cases[_i].has_mac);
	if (kind_cases[_i].has_mac)
		ck_assert_uint_eq(strlen(l.mac), 17);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Default route                                                       */
/* ------------------------------------------------------------------ */

static void
two_subnets(void)
{
	veth_pair();
	sh("ip addr add 192.0.2.1/24 dev veth-a && "
	    "ip addr add 198.51.100.1/24 dev veth-b && "
	    "ip link set veth-a up && ip link set veth-b up");
}

START_TEST(test_default_route_none)
{
	char name[16] = "unchanged";

	ns_fresh();
	errno = 0;
	ck_assert_int_eq(be_link_default_route(name, sizeof(name)), -1);
	ck_assert_int_eq(errno, ENOENT);

	/* Another table's default does not count, nor does a default of
	 * another type, even with a device. */
	two_subnets();
	sh("ip route add default via 192.0.2.254 dev veth-a table 100");
	sh("ip route add blackhole default");
	sh("ip route add local default dev veth-b table main metric 1");
	sh("ip route add 203.0.113.0/24 via 198.51.100.254 dev veth-b");
	errno = 0;
	ck_assert_int_eq(be_link_default_route(name, sizeof(name)), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

START_TEST(test_default_route)
{
	char name[16], tiny[3];

	ns_fresh();
	two_subnets();
	sh("ip route add default via 192.0.2.254 dev veth-a");
	ck_assert_int_eq(be_link_default_route(name, sizeof(name)), 0);
	ck_assert_str_eq(name, "veth-a");

	/* A second default with a higher metric does not take over... */
	sh("ip route add default via 198.51.100.254 dev veth-b metric 5");
	ck_assert_int_eq(be_link_default_route(name, sizeof(name)), 0);
	ck_assert_str_eq(name, "veth-a");

	/* ...but one with a lower metric does, wherever it is listed. */
	sh("ip route del default via 192.0.2.254 dev veth-a metric 0");
	sh("ip route add default via 192.0.2.254 dev veth-a metric 10");
	ck_assert_int_eq(be_link_default_route(name, sizeof(name)), 0);
	ck_assert_str_eq(name, "veth-b");

	errno = 0;
	ck_assert_int_eq(be_link_default_route(tiny, sizeof(tiny)), -1);
	ck_assert_int_eq(errno, ERANGE);
}
END_TEST

/* ------------------------------------------------------------------ */
/* /interface set                                                      */
/* ------------------------------------------------------------------ */

START_TEST(test_set)
{
	struct be_link a, l;
	char err[256] = "";
	int found;

	ns_fresh();
	veth_pair();
	a = must_get("veth-a");

	ck_assert_msg(be_link_set("veth-a", 1, 1300, "wan1", err,
	    sizeof(err)) == 0, "%s", err);
	get("veth-a", &found);
	ck_assert_int_eq(found, 0);
	l = must_get("wan1");
	ck_assert_int_eq(l.ifindex, a.ifindex);
	ck_assert_uint_eq(l.mtu, 1300);
	ck_assert_int_eq(l.up, 1);

	ck_assert_msg(be_link_set("wan1", 0, 0, NULL, err, sizeof(err)) == 0,
	    "%s", err);
	l = must_get("wan1");
	ck_assert_int_eq(l.up, 0);
	ck_assert_uint_eq(l.mtu, 1300);

	ck_assert_msg(be_link_set("wan1", -1, 1500, NULL, err,
	    sizeof(err)) == 0, "%s", err);
	l = must_get("wan1");
	ck_assert_uint_eq(l.mtu, 1500);
	ck_assert_int_eq(l.up, 0);

	/* Everything kept, and values that already hold: nothing to do. */
	ck_assert_int_eq(be_link_set("wan1", -1, 0, NULL, err, sizeof(err)),
	    0);
	ck_assert_int_eq(be_link_set("wan1", 0, 1500, "wan1", err,
	    sizeof(err)), 0);
	l = must_get("wan1");
	ck_assert(l.up == 0 && l.mtu == 1500 && l.ifindex == a.ifindex);
}
END_TEST

START_TEST(test_set_bad_mtu)
{
	struct be_link l;
	char err[256] = "";

	ns_fresh();
	veth_pair();
	ck_assert_int_eq(be_link_set("veth-a", -1, 10, NULL, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, MTU_TOO_SMALL);
	err[0] = '\0';
	ck_assert_int_eq(be_link_set("veth-a", -1, 70000, NULL, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "mtu greater than device maximum");
	l = must_get("veth-a");
	ck_assert_uint_eq(l.mtu, 1400);
}
END_TEST

/* A refusal late in the request puts back what was applied before it. */
START_TEST(test_set_undo)
{
	struct be_link before, l;
	char err[256] = "";
	int found;

	ns_fresh();
	veth_pair();
	before = must_get("veth-a");
	ck_assert_int_eq(be_link_set("veth-a", 1, 10, "wan1", err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, MTU_TOO_SMALL);
	get("wan1", &found);
	ck_assert_int_eq(found, 0);
	l = must_get("veth-a");
	ck_assert_int_eq(l.ifindex, before.ifindex);
	ck_assert_uint_eq(l.mtu, 1400);
	ck_assert_int_eq(l.up, 0);
}
END_TEST

static const struct {
	const char *name;
	int up;
	unsigned mtu;
	const char *newname;
} set_bad[] = {
	{ "nosuch0", -1, 1400, NULL },
	{ "", 1, 0, NULL },
	{ "a-name-far-too-long", 1, 0, NULL },
	{ "veth-a", -1, 0, "veth-b" },			/* taken */
	{ "veth-a", -1, 0, "bad/name" },
	{ "veth-a", -1, 0, "" },
	{ "veth-a", -1, 0, "sixteen-chars-xx" },
	{ "veth-a", 2, 0, NULL },
	{ "veth-a", 1, 0, "veth-b" },			/* undo nothing */
	{ "veth-a", -1, 1300, "veth-b" },
};

START_TEST(test_set_refused)
{
	struct be_link l;
	char err[256] = "";

	ns_fresh();
	veth_pair();
	ck_assert_int_eq(be_link_set(set_bad[_i].name, set_bad[_i].up,
	    set_bad[_i].mtu, set_bad[_i].newname, err, sizeof(err)), -1);
	ck_assert_msg(err[0] != '\0', "no reason given");
	ck_assert_ptr_null(strchr(err, '\n'));
	l = must_get("veth-a");
	ck_assert(l.mtu == 1400 && l.up == 0);
	l = must_get("veth-b");
	ck_assert(l.mtu == 1400 && l.up == 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Error replies                                                       */
/* ------------------------------------------------------------------ */

/* Netlink buffers are 4-byte aligned; so is this one. */
union ack_buf {
	struct nlmsghdr h;
	unsigned char b[512];
};

/*
 * Build an NLMSG_ERROR the way the kernel's netlink_ack() lays it out:
 * header, nlmsgerr, the request's payload of echo bytes unless capped
 * (padded to 4), then an NLMSGERR_ATTR_MSG attribute holding text, with
 * or without its NUL.  Returns the message length.
 */
static size_t
ack_build(union ack_buf *u, int error, uint16_t flags, uint32_t echo,
    const char *text, int nul)
{
	struct nlmsgerr e;
	struct nlattr a;
	size_t off, tl;

	memset(u, 0, sizeof(*u));
	memset(&e, 0, sizeof(e));
	e.error = error;
	e.msg.nlmsg_len = NLMSG_HDRLEN + echo;
	e.msg.nlmsg_type = RTM_SETLINK;
	memcpy(u->b + NLMSG_HDRLEN, &e, sizeof(e));
	off = NLMSG_HDRLEN + sizeof(e);
	if (!(flags & NLM_F_CAPPED)) {
		memset(u->b + off, 0xaa, echo);
		off += NLMSG_ALIGN(echo);
	}
	if (text != NULL) {
		tl = strlen(text) + (nul ? 1 : 0);
		a.nla_len = (uint16_t)(NLA_HDRLEN + tl);
		a.nla_type = NLMSGERR_ATTR_MSG;
		memcpy(u->b + off, &a, sizeof(a));
		memcpy(u->b + off + NLA_HDRLEN, text, tl);
		off += NLA_ALIGN(a.nla_len);
	}
	ck_assert_uint_le(off, sizeof(u->b));
	u->h.nlmsg_len = (uint32_t)off;
	u->h.nlmsg_type = NLMSG_ERROR;
	u->h.nlmsg_flags = flags;
	return off;
}

#define TLVS		NLM_F_ACK_TLVS
#define CAPPED		(NLM_F_ACK_TLVS | NLM_F_CAPPED)

static const struct {
	const char *what;
	int error;
	uint16_t flags;
	uint32_t echo;
	const char *text;
	int nul;
	int want_rc;
	int want_error;
	const char *want_msg;
} ack_cases[] = {
	{ "plain ack", 0, 0, 16, NULL, 0, 0, 0, "" },
	{ "errno, no text", -EINVAL, 0, 16, NULL, 0, 0, EINVAL, "" },
	{ "capped text", -EINVAL, CAPPED, 0, MTU_TOO_SMALL, 1, 0, EINVAL,
	    MTU_TOO_SMALL },
	{ "text after echo", -EOPNOTSUPP, TLVS, 24, "Unknown device type", 1,
	    0, EOPNOTSUPP, "Unknown device type" },
	{ "text after padded echo", -ERANGE, TLVS, 21, "x", 1, 0, ERANGE,
	    "x" },
	{ "text without NUL", -EINVAL, CAPPED, 0, "abc", 0, 0, EINVAL, "" },
	{ "empty text", -EINVAL, CAPPED, 0, "", 0, 0, EINVAL, "" },
	{ "warning on success", 0, CAPPED, 0, "warn", 1, 0, 0, "warn" },
	{ "TLVs flag unset", -EINVAL, NLM_F_CAPPED, 0, "hidden", 1, 0, EINVAL,
	    "" },
	{ "positive error", 5, 0, 0, NULL, 0, -1, 0, "" },
	{ "error below any errno", -100000, 0, 0, NULL, 0, -1, 0, "" },
};

START_TEST(test_ack_parse)
{
	union ack_buf u;
	char msg[64];
	size_t len;
	int rc, error = -7;

	len = ack_build(&u, ack_cases[_i].error, ack_cases[_i].flags,
	    ack_cases[_i].echo, ack_cases[_i].text, ack_cases[_i].nul);
	rc = be_link_ack_parse(u.b, len, &error, msg, sizeof(msg));
	ck_assert_msg(rc == ack_cases[_i].want_rc, "%s: rc %d",
	    ack_cases[_i].what, rc);
	ck_assert_int_eq(error, ack_cases[_i].want_error);
	ck_assert_str_eq(msg, ack_cases[_i].want_msg);
}
END_TEST

START_TEST(test_ack_parse_malformed)
{
	union ack_buf u;
	char msg[64];
	size_t len;
	int error;

	len = ack_build(&u, -EINVAL, CAPPED, 0, MTU_TOO_SMALL, 1);

	/* Not an error message. */
	u.h.nlmsg_type = RTM_NEWLINK;
	ck_assert_int_eq(be_link_ack_parse(u.b, len, &error, msg,
	    sizeof(msg)), -1);
	ck_assert_int_eq(error, 0);
	u.h.nlmsg_type = NLMSG_ERROR;

	/* nlmsg_len claims more than was read, or less than its header. */
	u.h.nlmsg_len = (uint32_t)len + 4;
	ck_assert_int_eq(be_link_ack_parse(u.b, len, &error, msg,
	    sizeof(msg)), -1);
	u.h.nlmsg_len = NLMSG_HDRLEN;
	ck_assert_int_eq(be_link_ack_parse(u.b, len, &error, msg,
	    sizeof(msg)), -1);

	/* An attribute running past the message loses the text only. */
	u.h.nlmsg_len = (uint32_t)len - 8;
	ck_assert_int_eq(be_link_ack_parse(u.b, len - 8, &error, msg,
	    sizeof(msg)), 0);
	ck_assert_int_eq(error, EINVAL);
	ck_assert_str_eq(msg, "");
	u.h.nlmsg_len = (uint32_t)len;

	/* Unaligned buffer. */
	ck_assert_int_eq(be_link_ack_parse(u.b + 1, len - 1, &error, msg,
	    sizeof(msg)), -1);

	/* A short msg buffer gets a terminated prefix. */
	ck_assert_int_eq(be_link_ack_parse(u.b, len, &error, msg, 4), 0);
	ck_assert_str_eq(msg, "mtu");
}
END_TEST

/* The echoed request's header says how much to skip; it may lie. */
START_TEST(test_ack_parse_echo_lies)
{
	static const uint32_t lies[] = { 0, 8, 60, 4000, 0xffffffffu };
	union ack_buf u;
	struct nlmsgerr e;
	char msg[64];
	size_t len, i;
	int error;

	for (i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		len = ack_build(&u, -EINVAL, TLVS, 24, MTU_TOO_SMALL, 1);
		memcpy(&e, u.b + NLMSG_HDRLEN, sizeof(e));
		e.msg.nlmsg_len = lies[i];
		memcpy(u.b + NLMSG_HDRLEN, &e, sizeof(e));
		ck_assert_int_eq(be_link_ack_parse(u.b, len, &error, msg,
		    sizeof(msg)), 0);
		ck_assert_int_eq(error, EINVAL);
		ck_assert_msg(strcmp(msg, MTU_TOO_SMALL) != 0,
		    "echo length %u still found the text", lies[i]);
	}
}
END_TEST

/* Every cut of a good reply either parses its fixed part or is refused;
 * the text appears only when its whole attribute is there (the padding
 * after it may go). */
START_TEST(test_ack_parse_truncated)
{
	union ack_buf u, c;
	char msg[64];
	size_t len, cut, attr_end;
	int rc, error;

	len = ack_build(&u, -EINVAL, TLVS, 24, MTU_TOO_SMALL, 1);
	attr_end = len - NLA_ALIGN(NLA_HDRLEN + sizeof(MTU_TOO_SMALL)) +
	    NLA_HDRLEN + sizeof(MTU_TOO_SMALL);
	for (cut = 0; cut < len; cut++) {
		memcpy(&c, &u, sizeof(c));
		c.h.nlmsg_len = (uint32_t)cut;
		rc = be_link_ack_parse(c.b, cut, &error, msg, sizeof(msg));
		if (cut < NLMSG_HDRLEN + sizeof(struct nlmsgerr)) {
			ck_assert_int_eq(rc, -1);
			continue;
		}
		ck_assert_int_eq(rc, 0);
		ck_assert_int_eq(error, EINVAL);
		ck_assert_str_eq(msg, cut >= attr_end ? MTU_TOO_SMALL : "");
	}
}
END_TEST

static Suite *
link_suite(void)
{
	Suite *s = suite_create("link");
	TCase *tc;

	tc = tcase_create("list");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_list_fresh_netns);
	tcase_add_test(tc, test_list_veth);
	tcase_add_test(tc, test_list_running);
	tcase_add_test(tc, test_list_counters);
	tcase_add_loop_test(tc, test_list_kinds, 0,
	    sizeof(kind_cases) / sizeof(kind_cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("default_route");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_default_route_none);
	tcase_add_test(tc, test_default_route);
	suite_add_tcase(s, tc);

	tc = tcase_create("set");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_set);
	tcase_add_test(tc, test_set_bad_mtu);
	tcase_add_test(tc, test_set_undo);
	tcase_add_loop_test(tc, test_set_refused, 0,
	    sizeof(set_bad) / sizeof(set_bad[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("ack_parse");
	tcase_add_loop_test(tc, test_ack_parse, 0,
	    sizeof(ack_cases) / sizeof(ack_cases[0]));
	tcase_add_test(tc, test_ack_parse_malformed);
	tcase_add_test(tc, test_ack_parse_echo_lies);
	tcase_add_test(tc, test_ack_parse_truncated);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(link_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
