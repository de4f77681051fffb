/*
 * check_addr.c - backend/addr.c against the real kernel, and its reply
 * parser against hand-made messages.
 *
 * Check forks every test; a test that touches addresses first moves its
 * process into a new network namespace with unshare(CLONE_NEWNET), so
 * it sees only the veth pair it creates there with ip(8).  Needs root,
 * veth, and Linux 6.1 or later (IFA_PROTO).
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
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "backend.h"

#define IP4(a, b, c, d)	((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/* Kernel texts (net/ipv4/devinet.c). */
#define KERN_DUP	"ipv4: Address already assigned"
#define KERN_NODEV	"ipv4: Device not found"

static void
ns_fresh(void)
{
	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
}

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

/* What a command printed (at most sz - 1 bytes). */
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

static int
veth(void)
{
	int idx;

	ns_fresh();
	sh("ip link add veth0 type veth peer name veth1");
	sh("ip link set veth0 up && ip link set veth1 up");
	idx = (int)if_nametoindex("veth0");
	ck_assert_int_gt(idx, 0);
	return idx;
}

static struct be_addr *
list(int *n)
{
	struct be_addr *v = NULL;
	char err[256] = "";

	ck_assert_msg(be_addr_list(&v, n, err, sizeof(err)) == 0,
	    "be_addr_list: %s", err);
	ck_assert_ptr_nonnull(v);
	return v;
}

static void
add(const struct be_addr *a)
{
	char err[256] = "";

	ck_assert_msg(be_addr_add(a, err, sizeof(err)) == 0, "be_addr_add: "
	    "%s", err);
}

/* ------------------------------------------------------------------ */
/* Against the kernel                                                  */
/* ------------------------------------------------------------------ */

START_TEST(test_add_list_del)
{
	struct be_addr a = { 0 }, *v;
	char out[4096], err[256] = "";
	int n;

	a.ifindex = veth();
	a.local = IP4(10, 9, 0, 1);
	a.prefixlen = 24;
	a.broadcast = IP4(10, 9, 0, 255);
	v = list(&n);
	ck_assert_int_eq(n, 0);
	free(v);

	add(&a);
	v = list(&n);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(v[0].ifindex, a.ifindex);
	ck_assert_uint_eq(v[0].local, a.local);
	ck_assert_int_eq(v[0].prefixlen, 24);
	ck_assert_uint_eq(v[0].peer, 0);
	ck_assert_uint_eq(v[0].broadcast, a.broadcast);
	free(v);
	capture(out, sizeof(out), "ip -j addr show dev veth0");
	ck_assert_msg(strstr(out, "\"local\":\"10.9.0.1\",\"prefixlen\":24,"
	    "\"broadcast\":\"10.9.0.255\"") != NULL, "%s", out);

	ck_assert_msg(be_addr_del(&a, err, sizeof(err)) == 0, "%s", err);
	v = list(&n);
	ck_assert_int_eq(n, 0);
	free(v);
	capture(out, sizeof(out), "ip -j addr show dev veth0");
	ck_assert_ptr_null(strstr(out, "10.9.0.1"));
}
END_TEST

/* A /32 with a peer: RouterOS's network= of a point-to-point address. */
START_TEST(test_peer)
{
	struct be_addr a = { 0 }, *v;
	char out[4096];
	int n;

	a.ifindex = veth();
	a.local = IP4(10, 9, 0, 1);
	a.peer = IP4(10, 9, 0, 2);
	a.prefixlen = 32;
	add(&a);
	v = list(&n);
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(v[0].local, a.local);
	ck_assert_uint_eq(v[0].peer, a.peer);
	ck_assert_int_eq(v[0].prefixlen, 32);
	ck_assert_uint_eq(v[0].broadcast, 0);
	free(v);
	capture(out, sizeof(out), "ip -j addr show dev veth0");
	ck_assert_msg(strstr(out, "\"local\":\"10.9.0.1\",\"address\":"
	    "\"10.9.0.2\",\"prefixlen\":32") != NULL, "%s", out);
	capture(out, sizeof(out), "ip -j route show 10.9.0.2");
	ck_assert_msg(strstr(out, "\"dst\":\"10.9.0.2\"") != NULL, "%s", out);
}
END_TEST

/* Several addresses come back sorted by device, address, prefix. */
START_TEST(test_list_sorted)
{
	struct be_addr a = { 0 }, *v;
	int n, lo;

	a.ifindex = veth();
	lo = (int)if_nametoindex("lo");
	a.prefixlen = 24;
	a.local = IP4(10, 9, 0, 9);
	add(&a);
	a.local = IP4(10, 9, 0, 3);
	add(&a);
	a.ifindex = lo;
	a.local = IP4(127, 1, 0, 1);
	a.prefixlen = 8;
	add(&a);
	v = list(&n);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(v[0].ifindex, lo);
	ck_assert_uint_eq(v[1].local, IP4(10, 9, 0, 3));
	ck_assert_uint_eq(v[2].local, IP4(10, 9, 0, 9));
	free(v);
}
END_TEST

/* Addresses added by someone else are not listed, not removed, and
 * outlive rosh's own. */
START_TEST(test_foreign)
{
	struct be_addr a = { 0 }, f = { 0 }, *v;
	char out[4096], err[256] = "";
	int n;

	a.ifindex = veth();
	sh("ip addr add 10.9.0.7/24 dev veth0");
	sh("ip addr add 10.8.0.1/16 dev veth1");
	v = list(&n);
	ck_assert_int_eq(n, 0);
	free(v);

	a.local = IP4(10, 9, 0, 1);
	a.prefixlen = 24;
	add(&a);
	v = list(&n);
	ck_assert_int_eq(n, 1);
	ck_assert_uint_eq(v[0].local, a.local);
	free(v);

	f.ifindex = a.ifindex;
	f.local = IP4(10, 9, 0, 7);
	f.prefixlen = 24;
	ck_assert_int_eq(be_addr_del(&f, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "not a rosh address");

	ck_assert_msg(be_addr_del(&a, err, sizeof(err)) == 0, "%s", err);
	capture(out, sizeof(out), "ip -j addr show");
	ck_assert_msg(strstr(out, "\"local\":\"10.9.0.7\"") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "\"local\":\"10.8.0.1\"") != NULL, "%s", out);
	ck_assert_ptr_null(strstr(out, "\"10.9.0.1\""));
}
END_TEST

/* The kernel's own words come back in err. */
START_TEST(test_refused)
{
	struct be_addr a = { 0 }, *v;
	char err[256] = "";
	int n;

	a.ifindex = veth();
	a.local = IP4(10, 9, 0, 1);
	a.prefixlen = 24;
	add(&a);
	ck_assert_int_eq(be_addr_add(&a, err, sizeof(err)), -1);
	ck_assert_str_eq(err, KERN_DUP);

	/* Taken by someone else first: refused, and still not listed. */
	sh("ip addr add 10.9.0.5/24 dev veth0");
	a.local = IP4(10, 9, 0, 5);
	ck_assert_int_eq(be_addr_add(&a, err, sizeof(err)), -1);
	ck_assert_str_eq(err, KERN_DUP);
	v = list(&n);
	ck_assert_int_eq(n, 1);
	free(v);

	a.ifindex = 4242;
	ck_assert_int_eq(be_addr_add(&a, err, sizeof(err)), -1);
	ck_assert_str_eq(err, KERN_NODEV);

	a.ifindex = 0;
	ck_assert_int_eq(be_addr_add(&a, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "no such interface");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Reply parser                                                        */
/* ------------------------------------------------------------------ */

/* A message under construction, 4-byte aligned. */
struct msg {
	uint32_t buf[64];
	size_t len;
};

static void
msg_start(struct msg *m, uint16_t type, int family, int plen, int ifindex)
{
	struct nlmsghdr h = { .nlmsg_type = type };
	struct ifaddrmsg ifa = { .ifa_family = (uint8_t)family,
	    .ifa_prefixlen = (uint8_t)plen, .ifa_index = (uint32_t)ifindex };

	memset(m, 0, sizeof(*m));
	memcpy(m->buf, &h, sizeof(h));
	memcpy((char *)m->buf + NLMSG_HDRLEN, &ifa, sizeof(ifa));
	m->len = NLMSG_LENGTH(sizeof(ifa));
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
msg_in4(struct msg *m, int type, uint32_t host)
{
	uint32_t be = htonl(host);

	msg_attr(m, type, &be, sizeof(be));
}

static void
msg_u8(struct msg *m, int type, uint8_t v)
{
	msg_attr(m, type, &v, 1);
}

static int
msg_parse(struct msg *m, struct be_addr *a)
{
	struct nlmsghdr h;

	memcpy(&h, m->buf, sizeof(h));
	h.nlmsg_len = (uint32_t)m->len;
	memcpy(m->buf, &h, sizeof(h));
	return be_addr_parse(m->buf, m->len, a);
}

/* A well-formed reply of rosh's with peer and broadcast. */
static void
msg_good(struct msg *m)
{
	msg_start(m, RTM_NEWADDR, AF_INET, 32, 7);
	msg_in4(m, IFA_ADDRESS, IP4(10, 0, 0, 2));
	msg_in4(m, IFA_LOCAL, IP4(10, 0, 0, 1));
	msg_in4(m, IFA_BROADCAST, IP4(10, 0, 0, 255));
	msg_u8(m, IFA_PROTO, BE_ADDR_PROTO);
}

START_TEST(test_parse_good)
{
	struct be_addr a;
	struct msg m;

	msg_good(&m);
	ck_assert_int_eq(msg_parse(&m, &a), 1);
	ck_assert_int_eq(a.ifindex, 7);
	ck_assert_uint_eq(a.local, IP4(10, 0, 0, 1));
	ck_assert_uint_eq(a.peer, IP4(10, 0, 0, 2));
	ck_assert_uint_eq(a.broadcast, IP4(10, 0, 0, 255));
	ck_assert_int_eq(a.prefixlen, 32);
}
END_TEST

/* Well-formed but not rosh's: 0. */
static const struct {
	int family;
	int proto;		/* -1: no IFA_PROTO */
} notours[] = {
	{ AF_INET, -1 },
	{ AF_INET, 0 },
	{ AF_INET, IFAPROT_KERNEL_LO },
	{ AF_INET, BE_ADDR_PROTO + 1 },
	{ AF_INET6, BE_ADDR_PROTO },
};

START_TEST(test_parse_not_ours)
{
	struct be_addr a;
	struct msg m;

	msg_start(&m, RTM_NEWADDR, notours[_i].family, 24, 3);
	msg_in4(&m, IFA_ADDRESS, IP4(10, 0, 0, 1));
	msg_in4(&m, IFA_LOCAL, IP4(10, 0, 0, 1));
	if (notours[_i].proto >= 0)
		msg_u8(&m, IFA_PROTO, (uint8_t)notours[_i].proto);
	ck_assert_int_eq(msg_parse(&m, &a), 0);
}
END_TEST

/* Malformed: -1, whatever else the message says. */
START_TEST(test_parse_malformed)
{
	struct be_addr a;
	struct nlmsghdr h;
	struct msg m;
	uint16_t half = 1;

	/* Attribute shorter than its type. */
	msg_start(&m, RTM_NEWADDR, AF_INET, 24, 3);
	msg_attr(&m, IFA_LOCAL, &half, sizeof(half));
	msg_in4(&m, IFA_ADDRESS, IP4(10, 0, 0, 1));
	msg_u8(&m, IFA_PROTO, BE_ADDR_PROTO);
	ck_assert_int_eq(msg_parse(&m, &a), -1);

	/* No local address. */
	msg_start(&m, RTM_NEWADDR, AF_INET, 24, 3);
	msg_u8(&m, IFA_PROTO, BE_ADDR_PROTO);
	ck_assert_int_eq(msg_parse(&m, &a), -1);

	/* Prefix longer than an address, device 0. */
	msg_good(&m);
	((struct ifaddrmsg *)((char *)m.buf + NLMSG_HDRLEN))->ifa_prefixlen =
	    33;
	ck_assert_int_eq(msg_parse(&m, &a), -1);
	msg_good(&m);
	((struct ifaddrmsg *)((char *)m.buf + NLMSG_HDRLEN))->ifa_index = 0;
	ck_assert_int_eq(msg_parse(&m, &a), -1);

	/* Wrong message type. */
	msg_good(&m);
	((struct nlmsghdr *)m.buf)->nlmsg_type = RTM_NEWROUTE;
	ck_assert_int_eq(msg_parse(&m, &a), -1);

	/* Header claims more than the buffer holds. */
	msg_good(&m);
	(void)msg_parse(&m, &a);
	memcpy(&h, m.buf, sizeof(h));
	ck_assert_int_eq(be_addr_parse(m.buf, h.nlmsg_len - 4, &a), -1);

	/* Misaligned buffer. */
	ck_assert_int_eq(be_addr_parse((char *)m.buf + 1, m.len - 1, &a), -1);
}
END_TEST

/* Every truncation of a good message is refused or read within bounds
 * (ASan watches the reads); none yields an address. */
START_TEST(test_parse_truncated)
{
	struct be_addr a;
	struct msg m;
	uint32_t *copy;
	size_t cut;

	msg_good(&m);
	ck_assert_int_eq(msg_parse(&m, &a), 1);
	for (cut = 0; cut < m.len; cut++) {
		copy = malloc(cut ? cut : 1);
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, m.buf, cut);
		ck_assert_int_eq(be_addr_parse(copy, cut, &a), -1);
		free(copy);
	}
}
END_TEST

static Suite *
addr_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc;

	tc = tcase_create("kernel");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_add_list_del);
	tcase_add_test(tc, test_peer);
	tcase_add_test(tc, test_list_sorted);
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
	SRunner *sr = srunner_create(addr_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
