/*
 * check_kernel.c - engine/kernel.c: /ip address and /ip route typed into
 * the real console engine, reconciled into the real kernel through the
 * real backend, and checked with ip(8).
 *
 * Each test runs in its own network namespace (Check forks it, the test
 * calls unshare(CLONE_NEWNET)) with a veth pair made by ip(8), and on a
 * store of its own.  Needs root, veth and Linux 6.1 or later.
 */
#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine.h"
#include "kernel.h"
#include "shell.h"

/* Kernel text for a gateway outside every connected network. */
#define KERN_BADGW	"Nexthop has invalid gateway"

struct fx {
	char dir[64];
	char db[128];
	char *out;
	size_t outlen;
	FILE *outf;
	FILE *errf;
	struct eng *e;
};

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

/* What a command printed; the caller frees it. */
static char * __attribute__((format(printf, 1, 2)))
capture(const char *fmt, ...)
{
	char cmd[512], *buf = NULL;
	size_t len = 0, n;
	char chunk[4096];
	va_list ap;
	FILE *p, *mem;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	mem = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(mem);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		fwrite(chunk, 1, n, mem);
	fclose(mem);
	ck_assert_int_eq(pclose(p), 0);
	return buf;
}

static int
has(const char *cmd, const char *needle)
{
	char *out = capture("%s", cmd);
	int found = strstr(out, needle) != NULL;

	free(out);
	return found;
}

#define ASSERT_HAS(cmd, needle) \
	do { \
		char *o_ = capture("%s", cmd); \
		ck_assert_msg(strstr(o_, needle) != NULL, \
		    "%s lacks %s:\n%s", cmd, needle, o_); \
		free(o_); \
	} while (0)

#define ASSERT_LACKS(cmd, needle) \
	do { \
		char *o_ = capture("%s", cmd); \
		ck_assert_msg(strstr(o_, needle) == NULL, \
		    "%s has %s:\n%s", cmd, needle, o_); \
		free(o_); \
	} while (0)

/* A fresh namespace with veth0/veth1 up, and a fresh store. */
static void
fx_open(struct fx *f)
{
	struct eng_opts o = { 0 };
	char err[256];

	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
	sh("ip link set lo up");
	sh("ip link add veth0 type veth peer name veth1");
	sh("ip link set veth0 up && ip link set veth1 up");
	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/rosh-kern.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/config.db", f->dir);
	f->outf = open_memstream(&f->out, &f->outlen);
	f->errf = tmpfile();
	o.db_path = f->db;
	o.user = "admin";
	o.out = f->outf;
	o.err = f->errf;
	o.backend = shell_backend();
	f->e = eng_open(&o, err, sizeof(err));
	ck_assert_msg(f->e != NULL, "eng_open: %s", err);
}

/* Run console commands; returns what they printed. */
static const char *
fx_run(struct fx *f, const char *cmds)
{
	char err[512] = "";
	int rc;

	fflush(f->outf);
	rewind(f->outf);
	f->outlen = 0;
	rc = eng_run(f->e, cmds, strlen(cmds), ENG_RUN_ATOMIC, NULL);
	fflush(f->outf);
	if (rc != 0) {
		rewind(f->errf);
		if (fgets(err, sizeof(err), f->errf) == NULL)
			err[0] = '\0';
	}
	ck_assert_msg(rc == 0, "%s: %s", cmds, err);
	if (f->out == NULL)
		return "";
	f->out[f->outlen] = '\0';
	return f->out;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
fx_close(struct fx *f)
{
	eng_close(f->e);
	fclose(f->outf);
	fclose(f->errf);
	free(f->out);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Both reconcilers, addresses first; returns the kernel changes. */
static int
fx_sync(struct fx *f)
{
	char err[512] = "";
	int a, r;

	a = kern_reconcile_addresses(f->e, err, sizeof(err));
	ck_assert_msg(a >= 0, "addresses: %s", err);
	r = kern_reconcile_routes(f->e, err, sizeof(err));
	ck_assert_msg(r >= 0, "routes: %s", err);
	return a + r;
}

/* A second pass changes nothing, in the kernel or in the store. */
static void
fx_settled(struct fx *f)
{
	char *addr = capture("ip -j addr"), *route = capture("ip -j route "
	    "show table all");
	char *a2, *r2, *store;

	store = strdup(fx_run(f, "/ip address print detail\n"
	    "/ip route print detail\n"));
	ck_assert_int_eq(fx_sync(f), 0);
	a2 = capture("ip -j addr");
	r2 = capture("ip -j route show table all");
	ck_assert_str_eq(a2, addr);
	ck_assert_str_eq(r2, route);
	ck_assert_str_eq(fx_run(f, "/ip address print detail\n"
	    "/ip route print detail\n"), store);
	free(store);
	free(addr);
	free(route);
	free(a2);
	free(r2);
}

/* ------------------------------------------------------------------ */
/* /ip address                                                         */
/* ------------------------------------------------------------------ */

START_TEST(test_address_lifecycle)
{
	struct fx f;

	fx_open(&f);
	sh("ip addr add 10.9.0.7/24 dev veth0");	/* someone else's */
	fx_run(&f, "/ip address add address=10.9.0.1/24 interface=veth0\n"
	    "/ip address add address=192.168.88.1/24 interface=veth1 "
	    "comment=lan\n");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.0.1\","
	    "\"prefixlen\":24,\"broadcast\":\"10.9.0.255\"");
	ASSERT_HAS("ip -j addr show dev veth1", "\"local\":\"192.168.88.1\","
	    "\"prefixlen\":24,\"broadcast\":\"192.168.88.255\"");
	fx_settled(&f);

	/* set: the old address goes, the new one comes. */
	fx_run(&f, "/ip address set [find address=10.9.0.1/24] "
	    "address=10.9.0.5/25");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_LACKS("ip -j addr show dev veth0", "\"10.9.0.1\"");
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.0.5\","
	    "\"prefixlen\":25,\"broadcast\":\"10.9.0.127\"");
	fx_settled(&f);

	fx_run(&f, "/ip address disable [find comment=lan]");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_LACKS("ip -j addr show dev veth1", "192.168.88.1");
	fx_settled(&f);
	fx_run(&f, "/ip address enable [find comment=lan]");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_HAS("ip -j addr show dev veth1", "192.168.88.1");

	/* Nothing configured: nothing of rosh's left, the rest intact. */
	fx_run(&f, "/ip address remove [find]");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_LACKS("ip -j addr", "\"10.9.0.5\"");
	ASSERT_LACKS("ip -j addr", "192.168.88.1");
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.0.7\"");
	fx_settled(&f);
	fx_close(&f);
}
END_TEST

/* network= of a /32 is the peer of a point-to-point address. */
START_TEST(test_address_peer)
{
	struct fx f;

	fx_open(&f);
	fx_run(&f, "/ip address add address=10.9.0.1/32 network=10.9.0.2 "
	    "interface=veth0");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.0.1\","
	    "\"address\":\"10.9.0.2\",\"prefixlen\":32");
	ASSERT_LACKS("ip -j addr show dev veth0", "\"broadcast\":\"10.");
	fx_settled(&f);
	fx_close(&f);
}
END_TEST

/* An address is changed in the kernel behind rosh's back, or the
 * kernel holds one of rosh's that the store no longer has (a crash
 * between the commit and the kernel change): the next pass repairs
 * both. */
START_TEST(test_address_drift)
{
	struct fx f;

	fx_open(&f);
	fx_run(&f, "/ip address add address=10.9.0.1/24 interface=veth0\n"
	    "/ip address add address=10.9.1.1/24 interface=veth0\n");
	ck_assert_int_eq(fx_sync(&f), 2);
	sh("ip addr del 10.9.1.1/24 dev veth0");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.1.1\"");

	/* Drop the row without a pass, as if the daemon died. */
	fx_run(&f, "/ip address remove [find address=10.9.1.1/24]");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_LACKS("ip -j addr show dev veth0", "\"10.9.1.1\"");
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.0.1\"");
	fx_settled(&f);

	/* Removing a primary address takes the secondaries with it (unless
	 * promote_secondaries is on); the pass puts back what is wanted. */
	fx_run(&f, "/ip address add address=10.9.0.2/24 interface=veth0");
	ck_assert_int_eq(fx_sync(&f), 1);
	fx_run(&f, "/ip address remove [find address=10.9.0.1/24]");
	ck_assert_int_ge(fx_sync(&f), 1);
	ASSERT_LACKS("ip -j addr show dev veth0", "\"10.9.0.1\"");
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.0.2\"");
	fx_settled(&f);
	fx_close(&f);
}
END_TEST

/* An item whose interface is gone is flagged invalid, and the pass goes
 * on with the others; when the interface comes back, so does the
 * address. */
START_TEST(test_address_invalid)
{
	struct fx f;
	const char *out;

	fx_open(&f);
	sh("ip link add veth2 type veth peer name veth3");
	sh("ip link set veth2 up");
	fx_run(&f, "/ip address add address=10.7.0.1/24 interface=veth2\n"
	    "/ip address add address=10.9.0.1/24 interface=veth0\n");
	sh("ip link del veth2");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_HAS("ip -j addr show dev veth0", "\"local\":\"10.9.0.1\"");
	out = fx_run(&f, ":put [:len [/ip address find invalid=yes]]\n"
	    ":put [/ip address get [find invalid=yes] address]\n");
	ck_assert_str_eq(out, "1\n10.7.0.1/24\n");
	out = fx_run(&f, "/ip address print");
	ck_assert_msg(strstr(out, "I 10.7.0.1/24") != NULL, "%s", out);
	fx_settled(&f);

	sh("ip link add veth2 type veth peer name veth3");
	sh("ip link set veth2 up");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_HAS("ip -j addr show dev veth2", "\"local\":\"10.7.0.1\"");
	out = fx_run(&f, ":put [:len [/ip address find invalid=yes]]");
	ck_assert_str_eq(out, "0\n");
	fx_settled(&f);
	fx_close(&f);
}
END_TEST

/* ------------------------------------------------------------------ */
/* /ip route                                                           */
/* ------------------------------------------------------------------ */

START_TEST(test_route_lifecycle)
{
	struct fx f;
	const char *out;

	fx_open(&f);
	sh("ip addr add 10.8.0.1/24 dev veth1");
	sh("ip route add 10.60.0.0/16 via 10.8.0.7");
	fx_run(&f, "/ip address add address=10.9.0.1/24 interface=veth0\n"
	    "/ip route add dst-address=10.50.0.0/16 gateway=10.9.0.2\n");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_HAS("ip -j route show 10.50.0.0/16", "\"dst\":\"10.50.0.0/16\","
	    "\"gateway\":\"10.9.0.2\",\"dev\":\"veth0\",\"protocol\":\"114\","
	    "\"metric\":1");
	out = fx_run(&f, "/ip route print");
	ck_assert_msg(strstr(out, "As 10.50.0.0/16") != NULL, "%s", out);
	fx_settled(&f);

	fx_run(&f, "/ip route set [find dst-address=10.50.0.0/16] "
	    "distance=5");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_HAS("ip -j route show 10.50.0.0/16", "\"metric\":5");
	fx_run(&f, "/ip route set [find dst-address=10.50.0.0/16] "
	    "pref-src=10.9.0.1");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_HAS("ip -j route show 10.50.0.0/16", "\"gateway\":\"10.9.0.2\","
	    "\"dev\":\"veth0\",\"protocol\":\"114\",\"prefsrc\":\"10.9.0.1\","
	    "\"metric\":5");
	fx_settled(&f);

	fx_run(&f, "/ip route set [find dst-address=10.50.0.0/16] "
	    "gateway=veth0");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_HAS("ip -j route show 10.50.0.0/16", "{\"dst\":\"10.50.0.0/16\","
	    "\"dev\":\"veth0\",\"protocol\":\"114\",\"scope\":\"link\"");

	fx_run(&f, "/ip route disable [find dst-address=10.50.0.0/16]");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_LACKS("ip -j route", "10.50.0.0/16");
	out = fx_run(&f, "/ip route print");
	ck_assert_msg(strstr(out, "Xs 10.50.0.0/16") != NULL, "%s", out);
	fx_settled(&f);

	fx_run(&f, "/ip route enable [find dst-address=10.50.0.0/16]\n"
	    "/ip route add dst-address=10.70.0.0/16 blackhole=yes "
	    "distance=7\n"
	    "/ip route add gateway=10.9.0.254\n");
	ck_assert_int_eq(fx_sync(&f), 3);
	ASSERT_HAS("ip -j route", "{\"type\":\"blackhole\",\"dst\":"
	    "\"10.70.0.0/16\",\"protocol\":\"114\",\"metric\":7");
	ASSERT_HAS("ip -j route", "{\"dst\":\"default\",\"gateway\":"
	    "\"10.9.0.254\",\"dev\":\"veth0\",\"protocol\":\"114\"");
	fx_settled(&f);

	/* Nothing configured: no route of rosh's left, the rest intact. */
	fx_run(&f, "/ip route remove [find]");
	ck_assert_int_eq(fx_sync(&f), 3);
	fx_run(&f, "/ip address remove [find]");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_LACKS("ip -j route show table all", "\"114\"");
	ASSERT_HAS("ip -j route", "\"dst\":\"10.60.0.0/16\"");
	fx_settled(&f);
	fx_close(&f);
}
END_TEST

/* A route the kernel refuses is inactive, its refusal logged once with
 * the kernel's words; the other routes go in.  Once the gateway is
 * reachable the route goes in too. */
START_TEST(test_route_refused)
{
	struct fx f;
	const char *out;

	fx_open(&f);
	fx_run(&f, "/ip address add address=10.9.0.1/24 interface=veth0\n"
	    "/ip route add dst-address=10.50.0.0/16 gateway=10.99.0.2\n"
	    "/ip route add dst-address=10.51.0.0/16 gateway=10.9.0.2\n");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_LACKS("ip -j route", "10.50.0.0/16");
	ASSERT_HAS("ip -j route", "\"dst\":\"10.51.0.0/16\"");
	out = fx_run(&f, "/ip route print");
	ck_assert_msg(strstr(out, "Is 10.50.0.0/16") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "As 10.51.0.0/16") != NULL, "%s", out);
	out = fx_run(&f, ":put [:len [/log find message~\"" KERN_BADGW
	    "\"]]");
	ck_assert_str_eq(out, "1\n");
	out = fx_run(&f, ":put [/log get [find message~\"10.50.0.0\"] "
	    "message]");
	ck_assert_str_eq(out, "route 10.50.0.0/16 via 10.99.0.2 distance 1 "
	    "not added: " KERN_BADGW "\n");
	fx_settled(&f);
	out = fx_run(&f, ":put [:len [/log find message~\"" KERN_BADGW
	    "\"]]");
	ck_assert_str_eq(out, "1\n");

	fx_run(&f, "/ip address add address=10.99.0.1/24 interface=veth1");
	ck_assert_int_eq(fx_sync(&f), 2);
	ASSERT_HAS("ip -j route", "\"dst\":\"10.50.0.0/16\",\"gateway\":"
	    "\"10.99.0.2\",\"dev\":\"veth1\"");
	out = fx_run(&f, "/ip route print");
	ck_assert_msg(strstr(out, "As 10.50.0.0/16") != NULL, "%s", out);
	fx_settled(&f);
	fx_close(&f);
}
END_TEST

/* A route through an interface that is gone is inactive; routes of
 * anyone else, even with rosh's destination, are left alone. */
START_TEST(test_route_foreign_and_missing)
{
	struct fx f;
	const char *out;

	fx_open(&f);
	sh("ip link add veth2 type veth peer name veth3");
	sh("ip addr add 10.9.0.1/24 dev veth0");
	sh("ip route add 10.50.0.0/16 via 10.9.0.3 metric 9");
	fx_run(&f, "/ip route add dst-address=10.50.0.0/16 gateway=10.9.0.2\n"
	    "/ip route add dst-address=10.52.0.0/16 gateway=veth2\n");
	sh("ip link del veth2");
	ck_assert_int_eq(fx_sync(&f), 1);
	out = fx_run(&f, "/ip route print");
	ck_assert_msg(strstr(out, "Is 10.52.0.0/16") != NULL, "%s", out);
	fx_run(&f, "/ip route remove [find]");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_HAS("ip -j route", "\"dst\":\"10.50.0.0/16\",\"gateway\":"
	    "\"10.9.0.3\"");
	ASSERT_LACKS("ip -j route show table all", "\"114\"");
	fx_close(&f);
}
END_TEST

/* roshd killed with SIGKILL right after a pass, and started again on
 * the same store: its first pass finds nothing to do.  A route of
 * rosh's that the store does not have (left by a crash) is removed. */
START_TEST(test_restart)
{
	struct fx f;
	pid_t pid;
	int st;

	fx_open(&f);
	fx_run(&f, "/ip address add address=10.9.0.1/24 interface=veth0\n"
	    "/ip route add dst-address=10.50.0.0/16 gateway=10.9.0.2\n");
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* The daemon: one pass on its own connection, then death. */
		struct eng_opts o = { 0 };
		char err[256];
		struct eng *d;

		o.db_path = f.db;
		o.user = "roshd";
		o.out = stdout;
		o.err = stderr;
		o.backend = shell_backend();
		d = eng_open(&o, err, sizeof(err));
		if (d == NULL || kern_reconcile_addresses(d, err,
		    sizeof(err)) != 1 || kern_reconcile_routes(d, err,
		    sizeof(err)) != 1)
			_exit(1);
		raise(SIGKILL);
		_exit(2);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	    "child status %d", st);
	ck_assert(has("ip -j route", "\"dst\":\"10.50.0.0/16\""));
	fx_settled(&f);

	sh("ip route add 10.66.0.0/16 via 10.9.0.2 proto 114");
	ck_assert_int_eq(fx_sync(&f), 1);
	ASSERT_LACKS("ip -j route", "10.66.0.0/16");
	fx_settled(&f);
	fx_close(&f);
}
END_TEST

static Suite *
kernel_suite(void)
{
	Suite *s = suite_create("kernel");
	TCase *tc;

	tc = tcase_create("address");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_address_lifecycle);
	tcase_add_test(tc, test_address_peer);
	tcase_add_test(tc, test_address_drift);
	tcase_add_test(tc, test_address_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("route");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_route_lifecycle);
	tcase_add_test(tc, test_route_refused);
	tcase_add_test(tc, test_route_foreign_and_missing);
	suite_add_tcase(s, tc);

	tc = tcase_create("restart");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_restart);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(kernel_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
