/*
 * check_route.c - backend/route.c against the real kernel, and its
 * reply parser against hand-made messages.
 *
 * Each kernel test runs in its own network namespace (unshare) with a
 * veth pair holding 10.9.0.1/24, made with ip(8).  Needs root and veth.
 */
#include <check.h>
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "backend.h"

#define IP4(a, b, c, d)	((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/* Kernel texts (net/ipv4/fib_semantics.c, net/core). */
#define KERN_BADGW	"Nexthop has invalid gateway"
#define KERN_PREFSRC	"Invalid prefsrc address"

static void __attribute__((format(printf, 1, 2)))
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

static void __attribute__((format(printf, 3, 4)))
capture(char *buf, size_t sz, const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	FILE *p;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(buf, 1, sz - 1, p);
	buf[n] = '\0';
	ck_assert_int_eq(pclose(p), 0);
}

/* A fresh namespace with veth0 10.9.0.1/24 up; returns veth0's index. */
static int
veth(void)
{
	int idx;

	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
	sh("ip link add veth0 type veth peer name veth1");
	sh("ip link set veth0 up && ip link set veth1 up");
	sh("ip addr add 10.9.0.1/24 dev veth0");
	idx = (int)if_nametoindex("veth0");
	ck_assert_int_gt(idx, 0);
	return idx;
}

static struct be_route *
list(int *n)
{
	struct be_route *v = NULL;
	char err[256] = "";

	ck_assert_msg(be_route_list(&v, n, err, sizeof(err)) == 0,
	    "be_route_list: %s", err);
	ck_assert_ptr_nonnull(v);
	return v;
}

static void
add(const struct be_route *r)
{
	char err[256] = "";

	ck_assert_msg(be_route_add(r, err, sizeof(err)) == 0, "be_route_add: "
	    "%s", err);
}

static struct be_route
gwroute(uint32_t dst, int len, uint32_t gw, uint32_t metric)
{
	struct be_route r = { .dst = dst, .dst_len = len, .gateway = gw,
	    .metric = metric, .table = BE_ROUTE_TABLE_MAIN };

	return r;
}

/* ------------------------------------------------------------------ */
/* Against the kernel                                                  */
/* ------------------------------------------------------------------ */

START_TEST(test_gateway)
{
	struct be_route r, *v;
	char out[4096], err[256] = "";
	int n, idx;

	idx = veth();
	r = gwroute(IP4(10, 50, 0, 0), 16, IP4(10, 9, 0, 2), 1);
	add(&r);
	v = list(&n);
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(v[0].dst, r.dst);
	ck_assert_int_eq(v[0].dst_len, 16);
	ck_assert_uint_eq(v[0].gateway, r.gateway);
	ck_assert_int_eq(v[0].oif, idx);	/* resolved by the kernel */
	ck_assert_uint_eq(v[0].metric, 1);
	ck_assert_uint_eq(v[0].table, BE_ROUTE_TABLE_MAIN);
	ck_assert_int_eq(v[0].blackhole, 0);
	free(v);
	capture(out, sizeof(out), "ip -j route show 10.50.0.0/16");
	ck_assert_msg(strstr(out, "\"dst\":\"10.50.0.0/16\",\"gateway\":"
	    "\"10.9.0.2\",\"dev\":\"veth0\",\"protocol\":\"114\",\"metric\":1")
	    != NULL, "%s", out);

	ck_assert_msg(be_route_del(&r, err, sizeof(err)) == 0, "%s", err);
	v = list(&n);
	ck_assert_int_eq(n, 0);
	free(v);
	capture(out, sizeof(out), "ip -j route show 10.50.0.0/16");
	ck_assert_str_eq(out, "[]\n");
}
END_TEST

/* Device route with a preferred source, a blackhole, a default route. */
START_TEST(test_kinds)
{
	struct be_route dev = { 0 }, bh = { 0 }, dflt, *v;
	char out[4096], err[256] = "";
	int n, idx, i;

	idx = veth();
	dev.dst = IP4(10, 60, 0, 0);
	dev.dst_len = 16;
	dev.oif = idx;
	dev.pref_src = IP4(10, 9, 0, 1);
	dev.metric = 3;
	dev.table = BE_ROUTE_TABLE_MAIN;
	bh.dst = IP4(10, 70, 0, 0);
	bh.dst_len = 16;
	bh.blackhole = 1;
	bh.metric = 7;
	bh.table = BE_ROUTE_TABLE_MAIN;
	dflt = gwroute(0, 0, IP4(10, 9, 0, 254), 1);
	add(&dev);
	add(&bh);
	add(&dflt);
	capture(out, sizeof(out), "ip -j route show proto 114");
	ck_assert_msg(strstr(out, "{\"dst\":\"10.60.0.0/16\",\"dev\":\"veth0\","
	    "\"scope\":\"link\",\"prefsrc\":\"10.9.0.1\",\"metric\":3,") !=
	    NULL, "%s", out);
	ck_assert_msg(strstr(out, "{\"type\":\"blackhole\",\"dst\":"
	    "\"10.70.0.0/16\",\"metric\":7,") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "{\"dst\":\"default\",\"gateway\":"
	    "\"10.9.0.254\"") != NULL, "%s", out);

	v = list(&n);
	ck_assert_int_eq(n, 3);
	for (i = 0; i < n; i++) {
		if (v[i].dst == dev.dst) {
			ck_assert_int_eq(v[i].oif, idx);
			ck_assert_uint_eq(v[i].gateway, 0);
			ck_assert_uint_eq(v[i].pref_src, dev.pref_src);
		} else if (v[i].dst == bh.dst) {
			ck_assert_int_eq(v[i].blackhole, 1);
			ck_assert_int_eq(v[i].oif, 0);
		} else {
			ck_assert_uint_eq(v[i].dst, 0);
			ck_assert_int_eq(v[i].dst_len, 0);
		}
		/* What the listing says is enough to remove it. */
		ck_assert_msg(be_route_del(&v[i], err, sizeof(err)) == 0,
		    "%s", err);
	}
	free(v);
	capture(out, sizeof(out), "ip -j route show proto 114");
	ck_assert_str_eq(out, "[]\n");
}
END_TEST

/* Routes of anyone else are not listed and cannot be removed through
 * the backend, not even one with the very same destination, gateway
 * and metric as a rosh route. */
START_TEST(test_foreign)
{
	struct be_route r, f, *v;
	char out[4096], err[256] = "";
	int n;

	veth();
	sh("ip route add 10.60.0.0/16 via 10.9.0.2");
	sh("ip route add 10.50.0.0/16 via 10.9.0.2 metric 5");
	sh("ip route add 10.50.0.0/16 via 10.9.0.3 metric 9 proto static");
	v = list(&n);
	ck_assert_int_eq(n, 0);
	free(v);

	r = gwroute(IP4(10, 50, 0, 0), 16, IP4(10, 9, 0, 2), 1);
	add(&r);
	v = list(&n);
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(v[0].metric, 1);
	free(v);

	f = gwroute(IP4(10, 50, 0, 0), 16, IP4(10, 9, 0, 2), 5);
	ck_assert_int_eq(be_route_del(&f, err, sizeof(err)), -1);
	f = gwroute(IP4(10, 60, 0, 0), 16, IP4(10, 9, 0, 2), 0);
	ck_assert_int_eq(be_route_del(&f, err, sizeof(err)), -1);

	ck_assert_msg(be_route_del(&r, err, sizeof(err)) == 0, "%s", err);
	capture(out, sizeof(out), "ip -j route show");
	ck_assert_msg(strstr(out, "\"dst\":\"10.60.0.0/16\"") != NULL, "%s",
	    out);
	ck_assert_msg(strstr(out, "\"gateway\":\"10.9.0.2\",\"dev\":\"veth0\","
	    "\"metric\":5") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "\"gateway\":\"10.9.0.3\"") != NULL, "%s",
	    out);
	ck_assert_ptr_null(strstr(out, "\"114\""));
}
END_TEST

/* The kernel's own words come back in err. */
START_TEST(test_refused)
{
	struct be_route r, *v;
	char err[256] = "";
	int n;

	veth();
	r = gwroute(IP4(10, 50, 0, 0), 16, IP4(10, 99, 0, 2), 1);
	ck_assert_int_eq(be_route_add(&r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, KERN_BADGW);

	r = gwroute(IP4(10, 50, 0, 0), 16, IP4(10, 9, 0, 2), 1);
	r.pref_src = IP4(1, 2, 3, 4);
	ck_assert_int_eq(be_route_add(&r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, KERN_PREFSRC);

	r = gwroute(IP4(10, 50, 0, 0), 16, 0, 1);
	r.oif = 4242;
	ck_assert_int_eq(be_route_add(&r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, strerror(ENODEV));

	r = gwroute(IP4(10, 50, 0, 0), 16, IP4(10, 9, 0, 2), 1);
	add(&r);
	ck_assert_int_eq(be_route_add(&r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, strerror(EEXIST));

	r.gateway = 0;
	ck_assert_int_eq(be_route_add(&r, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "route needs a gateway or an interface");
	v = list(&n);
	ck_assert_int_eq(n, 1);
	free(v);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Reply parser                                                        */
/* ------------------------------------------------------------------ */

struct msg {
	uint32_t buf[64];
	size_t len;
};

static void
msg_start(struct msg *m, int family, int proto, int type, int dst_len)
{
	struct nlmsghdr h = { .nlmsg_type = RTM_NEWROUTE };
	struct rtmsg rtm = { .rtm_family = (uint8_t)family,
	    .rtm_protocol = (uint8_t)proto, .rtm_type = (uint8_t)type,
	    .rtm_dst_len = (uint8_t)dst_len, .rtm_table = RT_TABLE_MAIN };

	memset(m, 0, sizeof(*m));
	memcpy(m->buf, &h, sizeof(h));
	memcpy((char *)m->buf + NLMSG_HDRLEN, &rtm, sizeof(rtm));
	m->len = NLMSG_LENGTH(sizeof(rtm));
}

static void
msg_attr(struct msg *m, int type, const void *data, size_t n)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + n),
	    .nla_type = (uint16_t)type };
	char *p = (char *)m->buf + m->len;

	memcpy(p, &a, sizeof(a));
	memcpy(p + NLA_HDRLEN, data, n);
	m->len += NLA_ALIGN(NLA_HDRLEN + n);
}

static void
msg_u32(struct msg *m, int type, uint32_t v)
{
	msg_attr(m, type, &v, sizeof(v));
}

static int
msg_parse(struct msg *m, struct be_route *r)
{
	((struct nlmsghdr *)m->buf)->nlmsg_len = (uint32_t)m->len;
	return be_route_parse(m->buf, m->len, r);
}

static void
msg_good(struct msg *m)
{
	msg_start(m, AF_INET, BE_ROUTE_PROTO, RTN_UNICAST, 16);
	msg_u32(m, RTA_TABLE, 254);
	msg_u32(m, RTA_DST, htonl(IP4(10, 50, 0, 0)));
	msg_u32(m, RTA_GATEWAY, htonl(IP4(10, 9, 0, 2)));
	msg_u32(m, RTA_OIF, 3);
	msg_u32(m, RTA_PRIORITY, 4);
	msg_u32(m, RTA_PREFSRC, htonl(IP4(10, 9, 0, 1)));
}

START_TEST(test_parse_good)
{
	struct be_route r;
	struct msg m;

	msg_good(&m);
	ck_assert_int_eq(msg_parse(&m, &r), 1);
	ck_assert_uint_eq(r.dst, IP4(10, 50, 0, 0));
	ck_assert_int_eq(r.dst_len, 16);
	ck_assert_uint_eq(r.gateway, IP4(10, 9, 0, 2));
	ck_assert_int_eq(r.oif, 3);
	ck_assert_uint_eq(r.metric, 4);
	ck_assert_uint_eq(r.pref_src, IP4(10, 9, 0, 1));
	ck_assert_uint_eq(r.table, 254);
	ck_assert_int_eq(r.blackhole, 0);

	/* Blackhole without attributes: default route, metric 0. */
	msg_start(&m, AF_INET, BE_ROUTE_PROTO, RTN_BLACKHOLE, 0);
	ck_assert_int_eq(msg_parse(&m, &r), 1);
	ck_assert_int_eq(r.blackhole, 1);
	ck_assert_uint_eq(r.dst, 0);
	ck_assert_uint_eq(r.table, RT_TABLE_MAIN);
}
END_TEST

static const struct {
	int family, proto, type;
} notours[] = {
	{ AF_INET, RTPROT_KERNEL, RTN_UNICAST },
	{ AF_INET, RTPROT_STATIC, RTN_UNICAST },
	{ AF_INET, BE_ROUTE_PROTO + 1, RTN_UNICAST },
	{ AF_INET, BE_ROUTE_PROTO, RTN_LOCAL },
	{ AF_INET6, BE_ROUTE_PROTO, RTN_UNICAST },
};

START_TEST(test_parse_not_ours)
{
	struct be_route r;
	struct msg m;

	msg_start(&m, notours[_i].family, notours[_i].proto, notours[_i].type,
	    16);
	msg_u32(&m, RTA_DST, htonl(IP4(10, 50, 0, 0)));
	ck_assert_int_eq(msg_parse(&m, &r), 0);
}
END_TEST

START_TEST(test_parse_malformed)
{
	struct be_route r;
	struct msg m;
	uint16_t half = 1;

	msg_start(&m, AF_INET, BE_ROUTE_PROTO, RTN_UNICAST, 16);
	msg_attr(&m, RTA_GATEWAY, &half, sizeof(half));
	ck_assert_int_eq(msg_parse(&m, &r), -1);

	msg_good(&m);
	((struct rtmsg *)((char *)m.buf + NLMSG_HDRLEN))->rtm_dst_len = 33;
	ck_assert_int_eq(msg_parse(&m, &r), -1);

	msg_start(&m, AF_INET, BE_ROUTE_PROTO, RTN_UNICAST, 16);
	msg_u32(&m, RTA_OIF, 0x80000000u);
	ck_assert_int_eq(msg_parse(&m, &r), -1);

	msg_good(&m);
	((struct nlmsghdr *)m.buf)->nlmsg_type = RTM_NEWADDR;
	ck_assert_int_eq(be_route_parse(m.buf, m.len, &r), -1);

	msg_good(&m);
	(void)msg_parse(&m, &r);
	ck_assert_int_eq(be_route_parse(m.buf, m.len - 4, &r), -1);
	ck_assert_int_eq(be_route_parse((char *)m.buf + 2, m.len - 2, &r),
	    -1);
}
END_TEST

START_TEST(test_parse_truncated)
{
	struct be_route r;
	struct msg m;
	uint32_t *copy;
	size_t cut;

	msg_good(&m);
	ck_assert_int_eq(msg_parse(&m, &r), 1);
	for (cut = 0; cut < m.len; cut++) {
		copy = malloc(cut ? cut : 1);
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, m.buf, cut);
		ck_assert_int_eq(be_route_parse(copy, cut, &r), -1);
		free(copy);
	}
}
END_TEST

static Suite *
route_suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc;

	tc = tcase_create("kernel");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_gateway);
	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_foreign);
	tcase_add_test(tc, test_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_good);
	tcase_add_loop_test(tc, test_parse_not_ours, 0,
	    sizeof(notours) / sizeof(notours[0]));
	tcase_add_test(tc, test_parse_malformed);
	tcase_add_test(tc, test_parse_truncated);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(route_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
