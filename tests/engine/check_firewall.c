/*
 * check_firewall.c - engine/firewall.c, schema/fw_nft.c and backend/nft.c
 * against the real kernel.
 *
 * Each test runs in a network namespace of its own (the "router"), with
 * up to two peers, each a namespace joined to the router by a veth pair:
 *
 *	peer A  vp0 10.1.0.2/24 --- vr0 10.1.0.1/24  router
 *	peer B  vp1 10.2.0.2/24 --- vr1 10.2.0.1/24  (forwards)
 *
 * Namespaces are held by file descriptors only, so they vanish with the
 * test's process.  A test configures the firewall through the console
 * engine (RouterOS commands on a fresh store), builds the nft script,
 * applies it, and then checks both the ruleset the kernel holds and real
 * traffic between the namespaces: UDP, TCP, ICMP echo and raw ESP/AH
 * from small sockets below, opened in whichever namespace should send
 * or receive.  Needs root, veth and nftables with NAT.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <nftables/libnftables.h>

#include "backend.h"
#include "firewall.h"
#include "shell.h"

#define A	0		/* peer indexes */
#define B	1
#define R	(-1)		/* the router itself */
#define QUIET_MS	300	/* how long "nothing arrives" is waited for */
#define ARRIVE_MS	1500	/* how long an expected packet may take */

static char base_dir[256];	/* made by main(), removed after the run */

/* ------------------------------------------------------------------ */
/* Namespaces                                                          */
/* ------------------------------------------------------------------ */

static int ns_router = -1;
static int ns_peer[2] = { -1, -1 };

static void
ns_enter(int who)
{
	int fd = who == R ? ns_router : ns_peer[who];

	ck_assert_msg(setns(fd, CLONE_NEWNET) == 0, "setns: %s",
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

static void
sysctl_put(const char *path, const char *v)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return;
	fputs(v, f);
	fclose(f);
}

static void
ns_quiet(void)
{
	sysctl_put("/proc/sys/net/ipv6/conf/all/disable_ipv6", "1\n");
	sysctl_put("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1\n");
	sh("ip link set lo up");
}

/* Router namespace and peers A (and B): see the header comment. */
static void
net_up(int npeers)
{
	int i;

	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
	ns_router = open("/proc/self/ns/net", O_RDONLY);
	ck_assert_int_ge(ns_router, 0);
	ns_quiet();
	sysctl_put("/proc/sys/net/ipv4/ip_forward", "1\n");
	for (i = 0; i < npeers; i++) {
		ck_assert_int_eq(unshare(CLONE_NEWNET), 0);
		ns_peer[i] = open("/proc/self/ns/net", O_RDONLY);
		ck_assert_int_ge(ns_peer[i], 0);
		ns_quiet();
		ns_enter(R);
		sh("ip link add vr%d type veth peer name vp%d", i, i);
		sh("ip link set vp%d netns /proc/%d/fd/%d", i, (int)getpid(),
		    ns_peer[i]);
		sh("ip addr add 10.%d.0.1/24 dev vr%d && ip link set vr%d up",
		    i + 1, i, i);
		ns_enter(i);
		sh("ip addr add 10.%d.0.2/24 dev vp%d && ip link set vp%d up",
		    i + 1, i, i);
		sh("ip route add default via 10.%d.0.1", i + 1);
		ns_enter(R);
	}
}

static struct sockaddr_in
sin_of(const char *ip, int port)
{
	struct sockaddr_in s;

	memset(&s, 0, sizeof(s));
	s.sin_family = AF_INET;
	s.sin_port = htons((unsigned short)port);
	ck_assert_int_eq(inet_pton(AF_INET, ip, &s.sin_addr), 1);
	return s;
}

/* A socket opened inside namespace `who`; it stays there. */
static int
sock_in(int who, int type, int proto)
{
	int fd;

	ns_enter(who);
	fd = socket(AF_INET, type, proto);
	ns_enter(R);
	ck_assert_msg(fd >= 0, "socket: %s", strerror(errno));
	return fd;
}

static int
wait_in(int fd, short ev, int ms)
{
	struct pollfd p = { fd, ev, 0 };

	return poll(&p, 1, ms) == 1 ? p.revents : 0;
}

/* ------------------------------------------------------------------ */
/* Traffic                                                             */
/* ------------------------------------------------------------------ */

static int
udp_bound(int who, const char *ip, int port)
{
	struct sockaddr_in s = sin_of(ip, port);
	int fd = sock_in(who, SOCK_DGRAM, 0), one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	ck_assert_msg(bind(fd, (struct sockaddr *)&s, sizeof(s)) == 0,
	    "bind %s:%d: %s", ip, port, strerror(errno));
	return fd;
}

/*
 * One datagram from `from` (source port sport, 0 = any) to dst:dport,
 * waited for up to ms by a socket of `to` bound to rport (NAT may change
 * the port).  Returns 1 if it arrived, with its source in *seen when not
 * NULL.
 */
static int
udp_xfer(int from, int sport, const char *dst, int dport, int to,
    int rport, int ms, struct sockaddr_in *seen)
{
	struct sockaddr_in d = sin_of(dst, dport), src;
	socklen_t sl = sizeof(src);
	int rx = udp_bound(to, "0.0.0.0", rport);
	int tx = udp_bound(from, "0.0.0.0", sport), got = 0;
	char buf[64];

	/* A drop in the output hook fails the send itself. */
	if (sendto(tx, "rosh", 4, 0, (struct sockaddr *)&d, sizeof(d)) != 4)
		ck_assert_msg(errno == EPERM, "sendto: %s", strerror(errno));
	else if (wait_in(rx, POLLIN, ms) && recvfrom(rx, buf, sizeof(buf), 0,
	    (struct sockaddr *)&src, &sl) > 0) {
		got = 1;
		if (seen)
			*seen = src;
	}
	close(tx);
	close(rx);
	return got;
}

static int
udp_try(int from, int sport, const char *dst, int dport, int to,
    struct sockaddr_in *seen)
{
	return udp_xfer(from, sport, dst, dport, to, dport, ARRIVE_MS, seen);
}

/* Expected to arrive: waited for up to ARRIVE_MS.  Expected to be
 * dropped: nothing may arrive within QUIET_MS. */
#define PASSES_TO(from, sport, dst, dport, to, rport) \
	ck_assert_msg(udp_xfer(from, sport, dst, dport, to, rport, \
	    ARRIVE_MS, NULL) == 1, "udp %s:%d dropped, expected to pass " \
	    "(line %d)", dst, dport, __LINE__)
#define DROPPED_TO(from, sport, dst, dport, to, rport) \
	ck_assert_msg(udp_xfer(from, sport, dst, dport, to, rport, \
	    QUIET_MS, NULL) == 0, "udp %s:%d passed, expected to be dropped " \
	    "(line %d)", dst, dport, __LINE__)
#define PASSES(from, sport, dst, dport, to) \
	PASSES_TO(from, sport, dst, dport, to, dport)
#define DROPPED(from, sport, dst, dport, to) \
	DROPPED_TO(from, sport, dst, dport, to, dport)

/* ICMP error a datagram from `from` to dst:dport brings back, as
 * type << 8 | code, or -1 when none comes. */
static int
udp_icmp_error(int from, const char *dst, int dport)
{
	struct sockaddr_in d = sin_of(dst, dport);
	int fd = sock_in(from, SOCK_DGRAM, 0), one = 1, rc = -1;
	char cbuf[512], data[64];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr mh;
	struct cmsghdr *c;
	struct sock_extended_err *ee;

	ck_assert_int_eq(setsockopt(fd, IPPROTO_IP, IP_RECVERR, &one,
	    sizeof(one)), 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&d, sizeof(d)), 0);
	ck_assert_int_eq(send(fd, "rosh", 4, 0), 4);
	if (wait_in(fd, POLLERR, ARRIVE_MS) & POLLERR) {
		memset(&mh, 0, sizeof(mh));
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof(cbuf);
		if (recvmsg(fd, &mh, MSG_ERRQUEUE) >= 0)
			for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
				if (c->cmsg_level == IPPROTO_IP &&
				    c->cmsg_type == IP_RECVERR) {
					ee = (void *)CMSG_DATA(c);
					if (ee->ee_origin == SO_EE_ORIGIN_ICMP)
						rc = ee->ee_type << 8 |
						    ee->ee_code;
				}
	}
	close(fd);
	return rc;
}

static int
tcp_listen(int who, int port)
{
	struct sockaddr_in s = sin_of("0.0.0.0", port);
	int fd = sock_in(who, SOCK_STREAM, 0), one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&s, sizeof(s)), 0);
	ck_assert_int_eq(listen(fd, 8), 0);
	return fd;
}

/* 0 when connected, else the errno (ETIMEDOUT when nothing came). */
static int
tcp_connect(int from, const char *dst, int port, int ms)
{
	struct sockaddr_in d = sin_of(dst, port);
	int fd = sock_in(from, SOCK_STREAM, 0), err = 0;
	socklen_t el = sizeof(err);

	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, (struct sockaddr *)&d, sizeof(d)) < 0 &&
	    errno != EINPROGRESS) {
		err = errno;
		close(fd);
		return err;
	}
	if (wait_in(fd, POLLOUT, ms) == 0)
		err = ETIMEDOUT;
	else
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
	close(fd);
	return err;
}

static unsigned short
cksum(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned long s = 0;

	for (; n > 1; n -= 2, b += 2)
		s += (unsigned)(b[0] << 8 | b[1]);
	if (n)
		s += (unsigned)(b[0] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons((unsigned short)~s);
}

/* Echo request from `from` to dst with the given code; 1 if answered. */
static int
ping(int from, const char *dst, int code, int ms)
{
	struct sockaddr_in d = sin_of(dst, 0);
	int fd = sock_in(from, SOCK_RAW, IPPROTO_ICMP), ihl;
	unsigned char pkt[32], buf[256];
	struct icmphdr *ic = (void *)pkt;
	struct timespec t0, t;
	ssize_t n;

	memset(pkt, 0xa5, sizeof(pkt));
	ic->type = ICMP_ECHO;
	ic->code = (unsigned char)code;
	ic->checksum = 0;
	ic->un.echo.id = htons(0x7e57);
	ic->un.echo.sequence = htons(1);
	ic->checksum = cksum(pkt, sizeof(pkt));
	ck_assert_int_eq(sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&d,
	    sizeof(d)), (int)sizeof(pkt));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) /
		    1000000 > ms || !wait_in(fd, POLLIN, ms))
			break;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 28)
			continue;
		ihl = (buf[0] & 15) * 4;
		ic = (void *)(buf + ihl);
		if (n >= ihl + 8 && ic->type == ICMP_ECHOREPLY &&
		    ic->un.echo.id == htons(0x7e57)) {
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
}

/* A raw IP packet of protocol proto (50 ESP, 51 AH) from `from` to the
 * router at dst: 1 if a raw socket of the router sees it. */
static int
raw_try(int from, const char *dst, int proto, int ms)
{
	struct sockaddr_in d = sin_of(dst, 0);
	int rx = sock_in(R, SOCK_RAW, proto), tx = sock_in(from, SOCK_RAW,
	    proto), got = 0;
	unsigned char pkt[32], buf[256];

	memset(pkt, 0, sizeof(pkt));
	pkt[3] = 1;		/* SPI 1 (ESP) / next header 0 (AH) */
	pkt[1] = proto == 51 ? 4 : 0;
	ck_assert_int_eq(sendto(tx, pkt, sizeof(pkt), 0, (struct sockaddr *)&d,
	    sizeof(d)), (int)sizeof(pkt));
	if (wait_in(rx, POLLIN, ms) && recv(rx, buf, sizeof(buf), 0) > 0)
		got = 1;
	close(tx);
	close(rx);
	return got;
}

/* ------------------------------------------------------------------ */
/* Console engine and nftables                                         */
/* ------------------------------------------------------------------ */

static char store_dir[512];

static struct eng *
eng_fresh(void)
{
	struct eng_opts o;
	struct eng *e;
	char err[256], db[600];
	FILE *null = fopen("/dev/null", "w");

	snprintf(store_dir, sizeof(store_dir), "%s/t%d", base_dir,
	    (int)getpid());
	ck_assert_int_eq(mkdir(store_dir, 0700), 0);
	snprintf(db, sizeof(db), "%s/config.db", store_dir);
	memset(&o, 0, sizeof(o));
	o.db_path = db;
	o.out = null;
	o.err = stderr;
	o.backend = shell_backend();
	e = eng_open(&o, err, sizeof(err));
	ck_assert_msg(e != NULL, "eng_open: %s", err);
	return e;
}

static void
eng_done(struct eng *e)
{
	char cmd[600];

	eng_close(e);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", store_dir);
	sh("%s", cmd);
}

/* Run RouterOS console text; it must succeed. */
static void
ros(struct eng *e, const char *src)
{
	ck_assert_msg(eng_run(e, src, strlen(src), ENG_RUN_ATOMIC, NULL) ==
	    0, "console refused: %s", src);
}

/* Build the script; flowtable on or off. */
static char *
build(struct eng *e, int flowtable)
{
	struct fw_opts o = { flowtable };
	struct sbuf b;
	char err[512];

	sb_init(&b);
	ck_assert_msg(fw_build_opts(e, &o, &b, err, sizeof(err)) == 0,
	    "fw_build: %s", err);
	return sb_take(&b);
}

static void
apply(struct eng *e)
{
	char err[1024], *s = build(e, 0);

	ck_assert_msg(be_nft_apply(s, 0, err, sizeof(err)) == 0,
	    "apply: %s\n%s", err, s);
	free(s);
}

/* Output of an nft command in the router namespace (malloc'd). */
static char *
nft_out(const char *cmd)
{
	struct nft_ctx *ctx = nft_ctx_new(NFT_CTX_DEFAULT);
	char *r;

	ck_assert_ptr_nonnull(ctx);
	nft_ctx_buffer_output(ctx);
	nft_ctx_buffer_error(ctx);
	r = strdup(nft_run_cmd_from_buffer(ctx, cmd) == 0 ?
	    nft_ctx_get_output_buffer(ctx) : "");
	nft_ctx_free(ctx);
	return r;
}

static void
ruleset_has(const char *what, int yes)
{
	char *s = nft_out("list table ip rosh");

	ck_assert_msg((strstr(s, what) != NULL) == yes, "%s %s in:\n%s",
	    yes ? "missing" : "unexpected", what, s);
	free(s);
}

/* The rule's counter, by nft chain and internal id, read back through
 * be_nft_counters(); -1 when there is no such rule. */
static long long
packets_of(const char *chain, long long id)
{
	struct be_nft_counter *c;
	char err[256];
	long long p = -1;
	int n, i;

	ck_assert_msg(be_nft_counters(FW_NFT_TABLE, &c, &n, err,
	    sizeof(err)) == 0, "be_nft_counters: %s", err);
	for (i = 0; i < n; i++)
		if (strcmp(c[i].chain, chain) == 0 && c[i].id == id)
			p = (long long)c[i].packets;
	free(c);
	return p;
}

/* The rule is in the kernel's ruleset (found through the JSON listing). */
#define HAS_RULE(chain, id) \
	ck_assert_msg(packets_of(chain, id) >= 0, "no rule *%X in %s", \
	    (unsigned)(id), chain)

static void
fw_start(struct eng **e, int npeers)
{
	net_up(npeers);
	*e = eng_fresh();
}

/* ------------------------------------------------------------------ */
/* Matchers                                                            */
/* ------------------------------------------------------------------ */

START_TEST(test_drop_udp_port)
{
	struct eng *e;

	fw_start(&e, 1);
	PASSES(A, 0, "10.1.0.1", 5000, R);
	ros(e, "/ip firewall filter add chain=input protocol=udp "
	    "dst-port=5000 action=drop");
	apply(e);
	HAS_RULE("filter_input", 1);
	ruleset_has("udp dport 5000 counter", 1);
	DROPPED(A, 0, "10.1.0.1", 5000, R);
	PASSES(A, 0, "10.1.0.1", 5001, R);
	ck_assert_int_eq(packets_of("filter_input", 1), 1);
	eng_done(e);
}
END_TEST

START_TEST(test_addresses)
{
	struct eng *e;

	fw_start(&e, 2);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=6001 "
	    "src-address=10.1.0.0/24 action=drop\n"
	    "add chain=input protocol=udp dst-port=6002 "
	    "src-address=10.2.0.1-10.2.0.5 action=drop\n"
	    "add chain=input protocol=udp dst-port=6003 "
	    "src-address=!10.1.0.0/24 action=drop\n"
	    "add chain=input protocol=udp dst-port=6004 "
	    "dst-address=10.1.0.1 action=drop\n");
	apply(e);
	ruleset_has("ip saddr 10.2.0.1-10.2.0.5", 1);
	ruleset_has("ip saddr != 10.1.0.0/24", 1);
	DROPPED(A, 0, "10.1.0.1", 6001, R);
	PASSES(B, 0, "10.2.0.1", 6001, R);
	DROPPED(B, 0, "10.2.0.1", 6002, R);
	PASSES(A, 0, "10.1.0.1", 6002, R);
	PASSES(A, 0, "10.1.0.1", 6003, R);
	DROPPED(B, 0, "10.2.0.1", 6003, R);
	DROPPED(A, 0, "10.1.0.1", 6004, R);
	PASSES(A, 0, "10.2.0.1", 6004, R);
	eng_done(e);
}
END_TEST

START_TEST(test_ports)
{
	struct eng *e;

	fw_start(&e, 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=7000-7010,7100 "
	    "action=drop\n"
	    "add chain=input protocol=17 src-port=40000 dst-port=7200 "
	    "action=drop\n"
	    "add chain=input protocol=udp port=7300 action=drop\n"
	    "add chain=input protocol=udp dst-port=!7400-65535 "
	    "src-port=41000 action=drop\n");
	apply(e);
	ruleset_has("udp dport { 7000-7010, 7100 }", 1);
	DROPPED(A, 0, "10.1.0.1", 7005, R);
	DROPPED(A, 0, "10.1.0.1", 7100, R);
	PASSES(A, 0, "10.1.0.1", 7050, R);
	DROPPED(A, 40000, "10.1.0.1", 7200, R);
	PASSES(A, 40001, "10.1.0.1", 7200, R);
	DROPPED(A, 7300, "10.1.0.1", 7301, R);
	DROPPED(A, 5555, "10.1.0.1", 7300, R);
	PASSES(A, 5556, "10.1.0.1", 7301, R);
	DROPPED(A, 41000, "10.1.0.1", 7399, R);
	PASSES(A, 41000, "10.1.0.1", 7400, R);
	eng_done(e);
}
END_TEST

START_TEST(test_esp_ah)
{
	struct eng *e;

	fw_start(&e, 2);
	ck_assert_int_eq(raw_try(A, "10.1.0.1", 50, ARRIVE_MS), 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=ipsec-esp in-interface=vr0 action=drop\n"
	    "add chain=input protocol=51 in-interface=vr1 action=drop\n");
	apply(e);
	ruleset_has("ip protocol esp", 1);
	ruleset_has("ip protocol ah", 1);
	ck_assert_int_eq(raw_try(A, "10.1.0.1", 50, QUIET_MS), 0);
	ck_assert_int_eq(raw_try(B, "10.2.0.1", 50, ARRIVE_MS), 1);
	ck_assert_int_eq(raw_try(B, "10.2.0.1", 51, QUIET_MS), 0);
	ck_assert_int_eq(raw_try(A, "10.1.0.1", 51, ARRIVE_MS), 1);
	eng_done(e);
}
END_TEST

START_TEST(test_interfaces)
{
	struct eng *e;

	fw_start(&e, 2);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=8000 in-interface=vr0 "
	    "action=drop\n"
	    "add chain=input protocol=udp dst-port=8001 in-interface=!vr0 "
	    "action=drop\n"
	    "add chain=output protocol=udp dst-port=8002 out-interface=vr1 "
	    "action=drop\n"
	    "add chain=input protocol=udp dst-port=8003 in-interface=all-ppp "
	    "action=drop\n"
	    "add chain=input protocol=udp dst-port=8004 "
	    "in-interface=all-ethernet action=drop\n");
	apply(e);
	ruleset_has("iifname \"vr0\"", 1);
	ruleset_has("iiftype ppp", 1);
	ruleset_has("iifname @iw_all-ethernet", 1);
	DROPPED(A, 0, "10.1.0.1", 8000, R);
	PASSES(B, 0, "10.2.0.1", 8000, R);
	PASSES(A, 0, "10.1.0.1", 8001, R);
	DROPPED(B, 0, "10.2.0.1", 8001, R);
	DROPPED(R, 0, "10.2.0.2", 8002, B);
	PASSES(R, 0, "10.1.0.2", 8002, A);
	/* No PPP links and no ether (veth is its own type) here. */
	PASSES(A, 0, "10.1.0.1", 8003, R);
	PASSES(A, 0, "10.1.0.1", 8004, R);
	eng_done(e);
}
END_TEST

START_TEST(test_interface_lists)
{
	struct eng *e;

	fw_start(&e, 2);
	ros(e, "/interface list\n"
	    "add name=LANX\n"
	    "add name=BOTH include=LANX\n"
	    "add name=ONLYB include=BOTH exclude=LANX\n"
	    "/interface list member\n"
	    "add list=LANX interface=vr0\n"
	    "add list=LANX interface=vr1 disabled=yes\n"
	    "add list=BOTH interface=vr1\n"
	    "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=8100 "
	    "in-interface-list=LANX action=drop\n"
	    "add chain=input protocol=udp dst-port=8101 "
	    "in-interface-list=!LANX action=drop\n"
	    "add chain=input protocol=udp dst-port=8102 "
	    "in-interface-list=ONLYB action=drop\n"
	    "add chain=input protocol=udp dst-port=8103 "
	    "in-interface-list=dynamic action=drop\n"
	    "add chain=input protocol=udp dst-port=8104 "
	    "in-interface-list=static action=drop\n"
	    "add chain=output protocol=udp dst-port=8105 "
	    "out-interface-list=LANX action=drop\n"
	    "add chain=input protocol=udp dst-port=8106 "
	    "in-interface-list=BOTH action=drop\n");
	apply(e);
	ruleset_has("set il_ONLYB", 1);
	ruleset_has("iifname != @il_LANX", 1);
	DROPPED(A, 0, "10.1.0.1", 8100, R);
	PASSES(B, 0, "10.2.0.1", 8100, R);
	PASSES(A, 0, "10.1.0.1", 8101, R);
	DROPPED(B, 0, "10.2.0.1", 8101, R);
	PASSES(A, 0, "10.1.0.1", 8102, R);
	DROPPED(B, 0, "10.2.0.1", 8102, R);
	PASSES(A, 0, "10.1.0.1", 8103, R);
	PASSES(B, 0, "10.2.0.1", 8103, R);
	DROPPED(A, 0, "10.1.0.1", 8104, R);
	DROPPED(B, 0, "10.2.0.1", 8104, R);
	DROPPED(R, 0, "10.1.0.2", 8105, A);
	PASSES(R, 0, "10.2.0.2", 8105, B);
	DROPPED(A, 0, "10.1.0.1", 8106, R);
	DROPPED(B, 0, "10.2.0.1", 8106, R);
	eng_done(e);
}
END_TEST

START_TEST(test_connection_state)
{
	struct eng *e;

	fw_start(&e, 1);
	ros(e, "/ip firewall filter add chain=input protocol=udp "
	    "dst-port=9000 connection-state=new action=drop");
	apply(e);
	ruleset_has("udp dport 9000 ct state new counter", 1);
	DROPPED(A, 9002, "10.1.0.1", 9000, R);
	/* The router speaks first: A's answer is established. */
	PASSES(R, 9000, "10.1.0.2", 9001, A);
	PASSES(A, 9001, "10.1.0.1", 9000, R);
	eng_done(e);
}
END_TEST

START_TEST(test_connection_nat_state)
{
	struct eng *e;
	struct sockaddr_in seen;

	fw_start(&e, 2);
	ros(e, "/ip firewall nat add chain=dstnat protocol=udp dst-port=9100 "
	    "action=dst-nat to-addresses=10.2.0.2 to-ports=9101\n"
	    "/ip firewall filter add chain=forward protocol=udp "
	    "connection-nat-state=dstnat dst-port=9101 src-port=30000 "
	    "action=drop\n");
	apply(e);
	ruleset_has("ct status dnat", 1);
	ruleset_has("dnat to 10.2.0.2:9101", 1);
	/* Translated: B sees it on 9101 unless the filter drops it. */
	ck_assert_int_eq(udp_xfer(A, 30001, "10.1.0.1", 9100, B, 9101,
	    ARRIVE_MS, &seen), 1);
	ck_assert_int_eq(ntohs(seen.sin_port), 30001);
	DROPPED_TO(A, 30000, "10.1.0.1", 9100, B, 9101);
	PASSES(A, 30000, "10.2.0.2", 9101, B);
	eng_done(e);
}
END_TEST

START_TEST(test_icmp_options)
{
	struct eng *e;

	fw_start(&e, 2);
	ck_assert_int_eq(ping(A, "10.1.0.1", 0, ARRIVE_MS), 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=icmp icmp-options=8:0 "
	    "src-address=10.1.0.2 action=drop\n"
	    "add chain=input protocol=icmp icmp-options=8:1 in-interface=vr1 "
	    "action=drop\n"
	    "add chain=input protocol=icmp icmp-options=!8 in-interface=vr1 "
	    "action=drop\n");
	apply(e);
	/* nft prints code 0 by the name of the unreachable code 0. */
	ruleset_has("icmp type . icmp code { echo-request . "
	    "net-unreachable }", 1);
	ck_assert_int_eq(ping(A, "10.1.0.1", 0, QUIET_MS), 0);
	ck_assert_int_eq(ping(B, "10.2.0.1", 0, ARRIVE_MS), 1);
	ck_assert_int_eq(ping(B, "10.2.0.1", 1, QUIET_MS), 0);
	eng_done(e);
}
END_TEST

START_TEST(test_tcp_flags_reset)
{
	struct eng *e;
	int l;

	fw_start(&e, 1);
	l = tcp_listen(R, 9200);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=tcp dst-port=9200 tcp-flags=syn,!ack "
	    "action=reject reject-with=tcp-reset disabled=yes\n"
	    "add chain=input protocol=tcp dst-port=9201 action=drop\n");
	apply(e);
	/* Disabled rules are not in the kernel at all. */
	ck_assert_int_eq(packets_of("filter_input", 1), -1);
	ck_assert_int_eq(tcp_connect(A, "10.1.0.1", 9200, ARRIVE_MS), 0);
	ros(e, "/ip firewall filter enable [find dst-port=9200]");
	apply(e);
	ruleset_has("tcp flags syn / syn,ack", 1);
	ruleset_has("reject with tcp reset", 1);
	ck_assert_int_eq(tcp_connect(A, "10.1.0.1", 9200, ARRIVE_MS),
	    ECONNREFUSED);
	ck_assert_int_eq(tcp_connect(A, "10.1.0.1", 9201, QUIET_MS),
	    ETIMEDOUT);
	close(l);
	eng_done(e);
}
END_TEST

/* reject-with value and the ICMP code it must produce (type 3). */
static const struct {
	const char *with;
	int code;
} reject_cases[] = {
	{ "", 0 },	/* unset: icmp-network-unreachable */
	{ "icmp-network-unreachable", 0 },
	{ "icmp-host-unreachable", 1 },
	{ "icmp-protocol-unreachable", 2 },
	{ "icmp-port-unreachable", 3 },
	{ "icmp-net-prohibited", 9 },
	{ "icmp-host-prohibited", 10 },
	{ "icmp-admin-prohibited", 13 },
};

START_TEST(test_reject_with)
{
	struct eng *e;
	char cmd[256];
	int l;

	fw_start(&e, 1);
	l = udp_bound(R, "0.0.0.0", 9300);
	snprintf(cmd, sizeof(cmd), "/ip firewall filter add chain=input "
	    "protocol=udp dst-port=9300 action=reject%s%s",
	    reject_cases[_i].with[0] ? " reject-with=" : "",
	    reject_cases[_i].with);
	ros(e, cmd);
	apply(e);
	ck_assert_int_eq(udp_icmp_error(A, "10.1.0.1", 9300),
	    ICMP_DEST_UNREACH << 8 | reject_cases[_i].code);
	close(l);
	eng_done(e);
}
END_TEST

START_TEST(test_limit)
{
	struct eng *e;
	int rx, tx, i, got = 0;
	struct sockaddr_in d = sin_of("10.1.0.1", 10100);
	char buf[16];

	fw_start(&e, 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=10100 limit=3/1m,2:packet "
	    "action=accept\n"
	    "add chain=input protocol=udp dst-port=10100 action=drop\n");
	apply(e);
	ruleset_has("limit rate 3/minute burst 2 packets", 1);
	rx = udp_bound(R, "0.0.0.0", 10100);
	tx = udp_bound(A, "0.0.0.0", 0);
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(sendto(tx, "x", 1, 0, (struct sockaddr *)&d,
		    sizeof(d)), 1);
	while (wait_in(rx, POLLIN, QUIET_MS) && recv(rx, buf, sizeof(buf),
	    0) > 0)
		got++;
	ck_assert_msg(got >= 2 && got <= 5, "%d of 10 passed the limit", got);
	ck_assert_int_eq(packets_of("filter_input", 2), 10 - got);
	close(rx);
	close(tx);
	eng_done(e);
}
END_TEST

START_TEST(test_ipsec_policy)
{
	struct eng *e;

	fw_start(&e, 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=1701 ipsec-policy=in,ipsec "
	    "action=accept\n"
	    "add chain=input protocol=udp dst-port=1701 action=drop\n"
	    "add chain=input protocol=udp dst-port=10200 "
	    "ipsec-policy=in,none action=drop\n"
	    "add chain=input protocol=udp dst-port=10201 "
	    "ipsec-policy=in,ipsec action=drop\n"
	    "add chain=output protocol=udp dst-port=10202 "
	    "ipsec-policy=out,none action=drop\n"
	    "add chain=output protocol=udp dst-port=10203 "
	    "ipsec-policy=out,ipsec action=drop\n");
	apply(e);
	ruleset_has("meta ipsec exists", 1);
	ruleset_has("meta ipsec missing", 1);
	ruleset_has("rt ipsec exists", 1);
	ruleset_has("rt ipsec missing", 1);
	/* Without ESP here only the "none" sides can be seen in traffic. */
	DROPPED(A, 0, "10.1.0.1", 1701, R);
	DROPPED(A, 0, "10.1.0.1", 10200, R);
	PASSES(A, 0, "10.1.0.1", 10201, R);
	DROPPED(R, 0, "10.1.0.2", 10202, A);
	PASSES(R, 0, "10.1.0.2", 10203, A);
	eng_done(e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_jump_return)
{
	struct eng *e;

	fw_start(&e, 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp action=jump jump-target=ch-1\n"
	    "add chain=ch-1 protocol=udp dst-port=9401 action=return\n"
	    "add chain=ch-1 protocol=udp dst-port=9400-9402 action=drop\n"
	    "add chain=input protocol=udp dst-port=9403 action=drop\n");
	apply(e);
	ruleset_has("jump filter_ch-1", 1);
	HAS_RULE("filter_ch-1", 2);
	DROPPED(A, 0, "10.1.0.1", 9400, R);
	PASSES(A, 0, "10.1.0.1", 9401, R);
	DROPPED(A, 0, "10.1.0.1", 9402, R);
	/* The end of a user chain returns to the rule after the jump. */
	DROPPED(A, 0, "10.1.0.1", 9403, R);
	PASSES(A, 0, "10.1.0.1", 9404, R);
	eng_done(e);
}
END_TEST

START_TEST(test_log_passthrough_counters)
{
	struct eng *e;
	int i;

	fw_start(&e, 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=9500 action=log "
	    "log-prefix=PFX comment=\"logged \\\"here\\\"\"\n"
	    "add chain=input protocol=udp dst-port=9500 action=passthrough\n"
	    "add chain=input protocol=udp dst-port=9500 action=drop log=yes\n");
	apply(e);
	ruleset_has("log prefix \"PFX input: \" level info comment "
	    "\"*1 logged 'here'\"", 1);
	ruleset_has("log prefix \"input: \" level info drop comment \"*3\"",
	    1);
	for (i = 0; i < 3; i++)
		DROPPED(A, 0, "10.1.0.1", 9500, R);
	PASSES(A, 0, "10.1.0.1", 9501, R);
	/* Counters map back to the rules' ids; log and passthrough went
	 * on to the drop. */
	ck_assert_int_eq(fw_chain_menu("filter_input") ==
	    sch_menu_find("/ip/firewall/filter"), 1);
	for (i = 1; i <= 3; i++)
		ck_assert_int_eq(packets_of("filter_input", i), 3);
	eng_done(e);
}
END_TEST

START_TEST(test_dynamic_rule)
{
	const struct sch_menu *m = sch_menu_find("/ip/firewall/filter");
	struct eng *e;
	char **vals;
	int n = sch_prop_count(m), i;

	fw_start(&e, 1);
	/* Dynamic rules come from services, not from the console. */
	vals = calloc((size_t)n + 1, sizeof(*vals));
	sch_prop_find(m, "chain", &i);
	vals[i] = strdup("input");
	sch_prop_find(m, "action", &i);
	vals[i] = strdup("drop");
	sch_prop_find(m, "protocol", &i);
	vals[i] = strdup("udp");
	sch_prop_find(m, "dst-port", &i);
	vals[i] = strdup("10400");
	sch_prop_find(m, SCH_DYNAMIC, &i);
	vals[i] = strdup("yes");
	ck_assert(st_insert(e, m, vals, -1, NULL, -1) >= 0);
	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	apply(e);
	DROPPED(A, 0, "10.1.0.1", 10400, R);
	eng_done(e);
}
END_TEST

START_TEST(test_address_list_timeout)
{
	struct eng *e;

	fw_start(&e, 2);
	ros(e, "/ip firewall address-list\n"
	    "add list=blk address=10.1.0.2 timeout=2s\n"
	    "add list=blk address=10.2.0.0/24\n"
	    "add list=blk address=10.2.0.2 timeout=2s\n"
	    "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=9600 src-address-list=blk "
	    "action=drop\n"
	    "add chain=input protocol=udp dst-port=9602 "
	    "src-address-list=!blk action=drop\n");
	apply(e);
	ruleset_has("set al_blk", 1);
	ruleset_has("flags interval,timeout", 1);
	DROPPED(A, 0, "10.1.0.1", 9600, R);
	DROPPED(B, 0, "10.2.0.1", 9600, R);
	PASSES(A, 0, "10.1.0.1", 9602, R);
	sleep(3);
	/* A's entry expired in the kernel; B stays covered by the
	 * permanent /24 although its own entry expired too. */
	PASSES(A, 0, "10.1.0.1", 9600, R);
	DROPPED(B, 0, "10.2.0.1", 9600, R);
	DROPPED(A, 0, "10.1.0.1", 9602, R);
	eng_done(e);
}
END_TEST

START_TEST(test_add_to_address_list)
{
	struct eng *e;

	fw_start(&e, 1);
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=9700 "
	    "action=add-src-to-address-list address-list=seen "
	    "address-list-timeout=2s\n"
	    "add chain=input protocol=udp dst-port=9701 "
	    "src-address-list=seen action=drop\n"
	    "add chain=output protocol=udp dst-port=9702 "
	    "action=add-dst-to-address-list address-list=dsts\n"
	    "add chain=output protocol=udp dst-port=9703 "
	    "dst-address-list=dsts action=drop\n");
	apply(e);
	ruleset_has("add @al_seen { ip saddr timeout 2s }", 1);
	PASSES(A, 0, "10.1.0.1", 9701, R);
	/* add-*-to-address-list goes on: the packet still arrives. */
	PASSES(A, 0, "10.1.0.1", 9700, R);
	DROPPED(A, 0, "10.1.0.1", 9701, R);
	PASSES(R, 0, "10.1.0.2", 9703, A);
	PASSES(R, 0, "10.1.0.2", 9702, A);
	DROPPED(R, 0, "10.1.0.2", 9703, A);
	sleep(3);
	PASSES(A, 0, "10.1.0.1", 9701, R);
	DROPPED(R, 0, "10.1.0.2", 9703, A);
	eng_done(e);
}
END_TEST

START_TEST(test_nat)
{
	struct eng *e;
	struct sockaddr_in seen;
	char ip[32];

	fw_start(&e, 2);
	ros(e, "/ip firewall nat\n"
	    "add chain=srcnat protocol=udp dst-port=9806 action=accept\n"
	    "add chain=srcnat protocol=udp dst-port=9801 action=src-nat "
	    "to-addresses=10.2.0.50 to-ports=20000\n"
	    "add chain=srcnat out-interface=vr1 action=masquerade\n"
	    "add chain=dstnat protocol=udp dst-port=9802 action=dst-nat "
	    "to-addresses=10.2.0.2 to-ports=9803\n"
	    "add chain=dstnat protocol=udp dst-port=9804 action=redirect "
	    "to-ports=9805\n");
	apply(e);
	ruleset_has("masquerade", 1);
	ruleset_has("snat to 10.2.0.50:20000", 1);
	ruleset_has("redirect to :9805", 1);
	ck_assert_int_eq(udp_try(A, 0, "10.2.0.2", 9800, B, &seen), 1);
	ck_assert_str_eq(inet_ntop(AF_INET, &seen.sin_addr, ip, sizeof(ip)),
	    "10.2.0.1");
	ck_assert_int_eq(udp_try(A, 0, "10.2.0.2", 9801, B, &seen), 1);
	ck_assert_str_eq(inet_ntop(AF_INET, &seen.sin_addr, ip, sizeof(ip)),
	    "10.2.0.50");
	ck_assert_int_eq(ntohs(seen.sin_port), 20000);
	ck_assert_int_eq(udp_try(A, 0, "10.2.0.2", 9806, B, &seen), 1);
	ck_assert_str_eq(inet_ntop(AF_INET, &seen.sin_addr, ip, sizeof(ip)),
	    "10.1.0.2");
	ck_assert_int_eq(packets_of("nat_srcnat", 3), 1);
	PASSES_TO(A, 0, "10.1.0.1", 9802, B, 9803);
	DROPPED_TO(A, 0, "10.1.0.1", 9802, B, 9802);
	PASSES_TO(A, 0, "10.2.0.2", 9804, R, 9805);
	DROPPED_TO(A, 0, "10.2.0.2", 9804, B, 9804);
	eng_done(e);
}
END_TEST

START_TEST(test_mangle_marks)
{
	struct eng *e;

	fw_start(&e, 1);
	ros(e, "/ip firewall mangle\n"
	    "add chain=prerouting protocol=udp dst-port=9900 "
	    "action=mark-packet new-packet-mark=m1\n"
	    "add chain=prerouting protocol=udp dst-port=9902 "
	    "action=mark-connection new-connection-mark=c1\n"
	    "add chain=prerouting protocol=udp dst-port=9904 "
	    "action=mark-packet new-packet-mark=m2\n"
	    "add chain=prerouting protocol=udp dst-port=9904 "
	    "action=mark-routing new-routing-mark=r2 passthrough=no\n"
	    "add chain=prerouting protocol=udp dst-port=9904 "
	    "action=mark-packet new-packet-mark=m3\n"
	    "/ip firewall filter\n"
	    "add chain=input packet-mark=m1 action=drop\n"
	    "add chain=input connection-mark=c1 action=drop\n"
	    "add chain=input packet-mark=m2 routing-mark=r2 action=drop\n"
	    "add chain=input protocol=udp dst-port=9905 packet-mark=no-mark "
	    "action=drop\n");
	apply(e);
	ruleset_has("ct mark set", 1);
	DROPPED(A, 0, "10.1.0.1", 9900, R);
	PASSES(A, 0, "10.1.0.1", 9901, R);
	DROPPED(A, 0, "10.1.0.1", 9902, R);
	/* Packet and routing marks share the fwmark without clobbering;
	 * passthrough=no stops the mangle chain before m3. */
	DROPPED(A, 0, "10.1.0.1", 9904, R);
	DROPPED(A, 0, "10.1.0.1", 9905, R);
	ck_assert_int_eq(packets_of("mangle_prerouting", 5), 0);
	eng_done(e);
}
END_TEST

START_TEST(test_raw_notrack)
{
	struct eng *e;

	fw_start(&e, 1);
	ros(e, "/ip firewall raw add chain=prerouting protocol=udp "
	    "dst-port=10000 action=notrack\n"
	    "/ip firewall filter add chain=input connection-state=untracked "
	    "protocol=udp action=drop\n");
	apply(e);
	ruleset_has("notrack", 1);
	DROPPED(A, 0, "10.1.0.1", 10000, R);
	PASSES(A, 0, "10.1.0.1", 10001, R);
	eng_done(e);
}
END_TEST

START_TEST(test_fasttrack)
{
	struct eng *e;
	char err[1024], *s, *before, *after;
	int rc;

	fw_start(&e, 2);
	ros(e, "/ip firewall filter\n"
	    "add chain=forward ipsec-policy=in,ipsec action=accept\n"
	    "add chain=forward ipsec-policy=out,ipsec action=accept\n"
	    "add chain=forward action=fasttrack-connection "
	    "connection-state=established,related\n"
	    "add chain=forward action=accept "
	    "connection-state=established,related\n"
	    "add chain=forward protocol=udp dst-port=10300 "
	    "connection-state=new action=accept\n"
	    "add chain=forward protocol=udp action=drop\n");
	apply(e);
	ruleset_has("meta ipsec missing rt ipsec missing meta l4proto { tcp, "
	    "udp } ct state { established, related }", 1);
	PASSES(A, 40300, "10.2.0.2", 10300, B);
	PASSES(B, 10300, "10.1.0.2", 40300, A);
	DROPPED(A, 0, "10.2.0.2", 10301, B);
	ck_assert_int_eq(packets_of("filter_forward", 3), 1);
	/* With a flowtable: what the script offloads, and that it either
	 * applies or, on kernels without flowtables, fails whole. */
	s = build(e, 1);
	ck_assert_ptr_nonnull(strstr(s, "flowtable ft {"));
	ck_assert_ptr_nonnull(strstr(s, "devices = { \"vr0\", \"vr1\" }"));
	ck_assert_ptr_nonnull(strstr(s, "} counter flow add @ft comment \"*3\""));
	before = nft_out("list table ip rosh");
	rc = be_nft_apply(s, 0, err, sizeof(err));
	ck_assert_int_eq(rc == 0, be_nft_flowtable_supported());
	if (rc == 0)
		ruleset_has("flow add @ft", 1);
	else {
		ck_assert_ptr_nonnull(strstr(err, "Error:"));
		after = nft_out("list table ip rosh");
		ck_assert_str_eq(before, after);
		free(after);
	}
	free(before);
	free(s);
	eng_done(e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Applying                                                            */
/* ------------------------------------------------------------------ */

START_TEST(test_failed_apply_keeps_ruleset)
{
	struct eng *e;
	char err[1024], *before, *after;

	fw_start(&e, 1);
	ros(e, "/ip firewall filter add chain=input protocol=udp "
	    "dst-port=5000 action=drop");
	apply(e);
	before = nft_out("list table ip rosh");
	/* A syntax error: nft's words, and the offending line. */
	ck_assert_int_eq(be_nft_apply("table ip rosh\ndelete table ip rosh\n"
	    "table ip rosh {\n\tchain c {\n\t\tbogus rule\n\t}\n}\n", 0, err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "Error: syntax error") != NULL &&
	    strstr(err, "(line 5: bogus rule)") != NULL &&
	    strchr(err, '\n') == NULL, "%s", err);
	/* Refused by the kernel half way: the earlier delete is undone. */
	ck_assert_int_eq(be_nft_apply("table ip rosh\ndelete table ip rosh\n"
	    "table ip rosh {\n\tchain c {\n\t\tjump nowhere\n\t}\n}\n", 0, err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "Error: Could not process rule: No such "
	    "file or directory (line 5: jump nowhere)") != NULL, "%s", err);
	after = nft_out("list table ip rosh");
	ck_assert_str_eq(before, after);
	DROPPED(A, 0, "10.1.0.1", 5000, R);
	/* A dry run checks without changing anything. */
	free(before);
	before = nft_out("list table ip rosh");
	ck_assert_int_eq(be_nft_apply("table ip rosh\ndelete table ip rosh\n",
	    1, err, sizeof(err)), 0);
	free(after);
	after = nft_out("list table ip rosh");
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	eng_done(e);
}
END_TEST

static int
count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

START_TEST(test_idempotent_other_table)
{
	struct eng *e;
	char err[512], *first, *second, *other;

	fw_start(&e, 1);
	ck_assert_int_eq(be_nft_apply("table ip other {\n\tchain c {\n\t\t"
	    "type filter hook input priority 10; policy accept;\n\t\t"
	    "udp dport 5100 counter drop\n\t}\n}\n", 0, err, sizeof(err)), 0);
	other = nft_out("list table ip other");
	ros(e, "/ip firewall filter\n"
	    "add chain=input protocol=udp dst-port=5000 action=drop\n"
	    "add chain=input protocol=udp dst-port=5001 action=drop\n"
	    "/ip firewall address-list add list=x address=10.9.0.0/16\n");
	apply(e);
	first = nft_out("list table ip rosh");
	apply(e);
	second = nft_out("list table ip rosh");
	ck_assert_str_eq(first, second);
	ck_assert_int_eq(count_of(second, "comment \"*"), 2);
	ck_assert_int_eq(count_of(second, "set al_x"), 1);
	free(second);
	second = nft_out("list table ip other");
	ck_assert_str_eq(other, second);
	DROPPED(A, 0, "10.1.0.1", 5100, R);
	ck_assert_int_eq(be_nft_delete_table(FW_NFT_TABLE, err, sizeof(err)),
	    0);
	ck_assert_int_eq(be_nft_delete_table(FW_NFT_TABLE, err, sizeof(err)),
	    0);
	free(second);
	second = nft_out("list tables");
	ck_assert_ptr_null(strstr(second, "table ip rosh"));
	ck_assert_ptr_nonnull(strstr(second, "table ip other"));
	PASSES(A, 0, "10.1.0.1", 5000, R);
	DROPPED(A, 0, "10.1.0.1", 5100, R);
	free(first);
	free(second);
	free(other);
	eng_done(e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* A typical L2TP/IPsec server                                         */
/* ------------------------------------------------------------------ */

/* A is the internet (WAN, vr0), B a host on the LAN (vr1). */
static const char l2tp_server[] =
    "/interface list member\n"
    "add list=WAN interface=vr0\n"
    "add list=LAN interface=vr1\n"
    "/ip firewall filter\n"
    "add chain=input action=accept connection-state=established,related,"
    "untracked comment=\"accept established,related,untracked\"\n"
    "add chain=input action=drop connection-state=invalid\n"
    "add chain=input action=accept protocol=icmp\n"
    "add chain=input action=accept protocol=udp dst-port=500,4500 "
    "comment=\"accept IKE and NAT-T\"\n"
    "add chain=input action=accept protocol=ipsec-esp\n"
    "add chain=input action=accept protocol=udp dst-port=1701 "
    "ipsec-policy=in,ipsec comment=\"L2TP only inside IPsec\"\n"
    "add chain=input action=drop protocol=udp dst-port=1701\n"
    "add chain=input action=drop in-interface-list=!LAN\n"
    "add chain=forward action=accept ipsec-policy=in,ipsec\n"
    "add chain=forward action=accept ipsec-policy=out,ipsec\n"
    "add chain=forward action=fasttrack-connection "
    "connection-state=established,related\n"
    "add chain=forward action=accept connection-state=established,related,"
    "untracked\n"
    "add chain=forward action=drop connection-state=invalid\n"
    "add chain=forward action=drop connection-state=new "
    "connection-nat-state=!dstnat in-interface-list=WAN\n"
    "/ip firewall nat\n"
    "add chain=srcnat action=accept ipsec-policy=out,ipsec\n"
    "add chain=srcnat action=masquerade out-interface-list=WAN\n";

START_TEST(test_l2tp_ipsec_server)
{
	struct eng *e;
	struct sockaddr_in seen;
	char ip[32];

	fw_start(&e, 2);
	ros(e, l2tp_server);
	apply(e);
	ruleset_has("comment \"*4 accept IKE and NAT-T\"", 1);
	ruleset_has("udp dport 1701 meta ipsec exists counter", 1);
	ruleset_has("ct status ! dnat", 1);
	/* Internet side: IKE, NAT-T, ESP and ping in; L2TP outside
	 * IPsec and anything else dropped. */
	PASSES(A, 500, "10.1.0.1", 500, R);
	PASSES(A, 4500, "10.1.0.1", 4500, R);
	ck_assert_int_eq(raw_try(A, "10.1.0.1", 50, ARRIVE_MS), 1);
	ck_assert_int_eq(ping(A, "10.1.0.1", 0, ARRIVE_MS), 1);
	DROPPED(A, 1701, "10.1.0.1", 1701, R);
	DROPPED(A, 0, "10.1.0.1", 8291, R);
	/* LAN side reaches the router itself. */
	PASSES(B, 0, "10.2.0.1", 8291, R);
	/* LAN to internet: masqueraded behind the WAN address, and the
	 * answer comes back as established. */
	ck_assert_int_eq(udp_try(B, 33000, "10.1.0.2", 53, A, &seen), 1);
	ck_assert_str_eq(inet_ntop(AF_INET, &seen.sin_addr, ip, sizeof(ip)),
	    "10.1.0.1");
	PASSES_TO(A, 53, "10.1.0.1", ntohs(seen.sin_port), B, 33000);
	/* New connections from the internet into the LAN: dropped. */
	DROPPED(A, 0, "10.2.0.2", 33001, B);
	ck_assert_int_eq(packets_of("filter_forward", 0xE), 1);
	ck_assert_int_eq(packets_of("nat_srcnat", 2), 1);
	eng_done(e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* What cannot be translated                                           */
/* ------------------------------------------------------------------ */

static const struct {
	const char *cmd;
	const char *err;
} bad_cases[] = {
	{ "/ip firewall filter add chain=input action=tarpit protocol=tcp",
	  "failure: /ip firewall filter *1: action=tarpit is not supported" },
	{ "/ip firewall filter add chain=input content=abc",
	  "*1: content=abc: not supported" },
	{ "/ip firewall filter add chain=input dst-port=80",
	  "*1: dst-port=80: needs a protocol with ports" },
	{ "/ip firewall filter add chain=input protocol=!tcp dst-port=80",
	  "dst-port=80: needs a protocol with ports" },
	{ "/ip firewall filter add chain=input action=reject "
	  "reject-with=tcp-reset", "reject-with=tcp-reset: needs protocol tcp" },
	{ "/ip firewall filter add chain=input tcp-flags=syn",
	  "tcp-flags=syn: needs protocol tcp" },
	{ "/ip firewall filter add chain=input protocol=udp "
	  "connection-state=new,!established",
	  "connection-state=new,!established: cannot mix" },
	{ "/ip firewall filter add chain=input connection-nat-state=ein-snat",
	  "connection-nat-state=ein-snat: value not supported" },
	{ "/ip firewall filter add chain=input action=jump",
	  "jump-target=: missing" },
	{ "/ip firewall filter add chain=input action=jump jump-target=forward",
	  "jump-target=forward: cannot jump to a built-in chain" },
	{ "/ip firewall filter add chain=input limit=1/11s,5",
	  "limit=1/11s,5: rate cannot be expressed" },
	{ "/ip firewall filter add chain=input protocol=icmp icmp-options=x",
	  "icmp-options=x: expected type[:code]" },
	{ "/ip firewall nat add chain=dstnat action=dst-nat protocol=tcp "
	  "to-ports=80", "/ip firewall nat *1: to-addresses=: missing" },
	{ "/ip firewall nat add chain=dstnat action=redirect to-ports=80",
	  "to-ports=80: needs a protocol with ports" },
	{ "/ip firewall nat add chain=dstnat action=redirect protocol=tcp "
	  "to-ports=80,81", "to-ports=80,81: one port or one range only" },
	{ "/ip firewall nat add chain=srcnat action=netmap to-addresses=1.1.1.1",
	  "action=netmap is not supported" },
	{ "/ip firewall address-list add list=big address=10.0.0.0/8\n"
	  "/ip firewall filter add chain=input action=add-src-to-address-list "
	  "address-list=big", "list=big: ranges of more than 4096" },
};

START_TEST(test_build_errors)
{
	struct eng *e;
	struct sbuf b;
	char err[512];

	fw_start(&e, 0);
	ros(e, bad_cases[_i].cmd);
	sb_init(&b);
	ck_assert_int_eq(fw_build(e, &b, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, bad_cases[_i].err) != NULL,
	    "got \"%s\", expected \"%s\"", err, bad_cases[_i].err);
	ck_assert_uint_eq(b.len, 0);
	sb_fini(&b);
	eng_done(e);
}
END_TEST

START_TEST(test_address_list_overlaps)
{
	struct eng *e;
	char *s;

	fw_start(&e, 0);
	ros(e, "/ip firewall address-list\n"
	    "add list=o address=10.0.0.0/24\n"
	    "add list=o address=10.0.0.5 timeout=1h\n"
	    "add list=o address=10.0.0.250-10.0.1.10 timeout=10s\n"
	    "add list=o address=10.0.1.5 timeout=1m\n"
	    "add list=o address=10.0.2.1 disabled=yes\n"
	    "add list=\"a b\" address=1.2.3.4\n");
	s = build(e, 0);
	/* Each address as long as its longest-lived entry keeps it. */
	ck_assert_msg(strstr(s, "elements = { 10.0.0.0-10.0.0.255, "
	    "10.0.1.0-10.0.1.4 timeout 10000ms, 10.0.1.5 timeout 60000ms, "
	    "10.0.1.6-10.0.1.10 timeout 10000ms }") != NULL, "%s", s);
	ck_assert_ptr_nonnull(strstr(s, "set al_a_20b {"));
	free(s);
	apply(e);
	ruleset_has("10.0.1.5 timeout 1m", 1);
	eng_done(e);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Counter listing parser                                              */
/* ------------------------------------------------------------------ */

static const char counters_json[] =
    "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, "
    "{\"table\": {\"family\": \"ip\", \"name\": \"rosh\"}}, "
    "{\"rule\": {\"family\": \"ip\", \"table\": \"rosh\", \"chain\": "
    "\"filter_input\", \"handle\": 4, \"comment\": \"*1A allow \\\"IKE\\\" "
    "\\u00e9\", \"expr\": [{\"match\": {\"op\": \"==\", \"left\": "
    "{\"payload\": {\"protocol\": \"udp\", \"field\": \"dport\"}}, "
    "\"right\": 500}}, {\"counter\": {\"packets\": 12, \"bytes\": "
    "3400}}, {\"accept\": null}]}}, "
    "{\"rule\": {\"chain\": \"filter_input\", \"expr\": [{\"counter\": "
    "{\"bytes\": 1, \"packets\": 2}}], \"comment\": \"no id\"}}, "
    "{\"rule\": {\"chain\": \"x\", \"expr\": [{\"drop\": null}]}}]}\n";

START_TEST(test_counters_parse)
{
	struct be_nft_counter *c;
	int n;

	ck_assert_int_eq(be_nft_counters_parse(counters_json,
	    strlen(counters_json), &c, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(c[0].chain, "filter_input");
	ck_assert_int_eq(c[0].id, 0x1A);
	ck_assert_uint_eq(c[0].handle, 4);
	ck_assert_uint_eq(c[0].packets, 12);
	ck_assert_uint_eq(c[0].bytes, 3400);
	ck_assert_int_eq(c[1].id, -1);
	ck_assert_uint_eq(c[1].packets, 2);
	free(c);
}
END_TEST

/* Every proper prefix of the listing is malformed. */
START_TEST(test_counters_parse_truncated)
{
	struct be_nft_counter *c;
	size_t len = strlen(counters_json) - 1, i;
	int n;

	for (i = 0; i < len; i++) {
		ck_assert_msg(be_nft_counters_parse(counters_json, i, &c, &n) ==
		    -1, "prefix of %zu accepted", i);
		ck_assert_ptr_null(c);
		ck_assert_int_eq(n, 0);
	}
}
END_TEST

static const char *const bad_json[] = {
	"", "[]", "{", "{\"nftables\": [}", "{\"nftables\": [{\"rule\": }]}",
	"{\"a\": \"\\x\"}", "{\"a\": \"\\u12\"}", "{\"a\": tru}",
	"{\"a\": 1} x", "{\"a\": \"unterminated}", "{\"a\": -}",
	"{\"a\": \"line\nbreak\"}",
};

START_TEST(test_counters_parse_bad)
{
	struct be_nft_counter *c;
	int n;

	ck_assert_int_eq(be_nft_counters_parse(bad_json[_i],
	    strlen(bad_json[_i]), &c, &n), -1);
	ck_assert_ptr_null(c);
}
END_TEST

START_TEST(test_counters_parse_deep)
{
	struct be_nft_counter *c;
	char buf[4096];
	int n, i, k = 0;

	k += snprintf(buf, sizeof(buf), "{\"a\": ");
	for (i = 0; i < 1000; i++)
		buf[k++] = '[';
	buf[k] = '\0';
	ck_assert_int_eq(be_nft_counters_parse(buf, strlen(buf), &c, &n), -1);
}
END_TEST

/* ------------------------------------------------------------------ */

static Suite *
firewall_suite(void)
{
	Suite *s = suite_create("firewall");
	TCase *tc;

	tc = tcase_create("matchers");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_drop_udp_port);
	tcase_add_test(tc, test_addresses);
	tcase_add_test(tc, test_ports);
	tcase_add_test(tc, test_esp_ah);
	tcase_add_test(tc, test_interfaces);
	tcase_add_test(tc, test_interface_lists);
	tcase_add_test(tc, test_connection_state);
	tcase_add_test(tc, test_connection_nat_state);
	tcase_add_test(tc, test_icmp_options);
	tcase_add_test(tc, test_tcp_flags_reset);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_ipsec_policy);
	suite_add_tcase(s, tc);

	tc = tcase_create("actions");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_reject_with, 0,
	    (int)(sizeof(reject_cases) / sizeof(reject_cases[0])));
	tcase_add_test(tc, test_jump_return);
	tcase_add_test(tc, test_log_passthrough_counters);
	tcase_add_test(tc, test_dynamic_rule);
	tcase_add_test(tc, test_nat);
	tcase_add_test(tc, test_mangle_marks);
	tcase_add_test(tc, test_raw_notrack);
	tcase_add_test(tc, test_fasttrack);
	suite_add_tcase(s, tc);

	tc = tcase_create("address lists");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_address_list_timeout);
	tcase_add_test(tc, test_add_to_address_list);
	tcase_add_test(tc, test_address_list_overlaps);
	suite_add_tcase(s, tc);

	tc = tcase_create("apply");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_failed_apply_keeps_ruleset);
	tcase_add_test(tc, test_idempotent_other_table);
	tcase_add_test(tc, test_l2tp_ipsec_server);
	suite_add_tcase(s, tc);

	tc = tcase_create("refused");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_build_errors, 0,
	    (int)(sizeof(bad_cases) / sizeof(bad_cases[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("counter listing");
	tcase_add_test(tc, test_counters_parse);
	tcase_add_test(tc, test_counters_parse_truncated);
	tcase_add_loop_test(tc, test_counters_parse_bad, 0,
	    (int)(sizeof(bad_json) / sizeof(bad_json[0])));
	tcase_add_test(tc, test_counters_parse_deep);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	char cmd[300];
	int failed;

	snprintf(base_dir, sizeof(base_dir), "/tmp/check_firewall.XXXXXX");
	if (mkdtemp(base_dir) == NULL)
		return 1;
	sr = srunner_create(firewall_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", base_dir);
	if (system(cmd) != 0)
		return 1;
	return failed == 0 ? 0 : 1;
}
