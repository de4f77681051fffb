/*
 * check_runtime.c - engine/runtime.c, runtime_alist.c, ipsec.c and
 * actions.c: console lines typed into the real engine, reconciled into
 * and published from the real kernel through the real backend, checked
 * with ip(8) and nft(8) and with what the console prints.
 *
 * Each test runs in its own network namespace (Check forks it, the test
 * calls unshare(CLONE_NEWNET)) with a veth pair, IPv6 off so that no
 * router solicitation moves a counter, and a store of its own.  The
 * kernel here has no ESP, so SAs cannot be installed: the installed-sa
 * test lists a canned SA through the real backend's other members, and
 * tests/e2e/scenarios/roshd-ipsec.sh checks real SAs in the VM.  Needs
 * root, veth, nftables and XFRM.
 */
#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "backend.h"
#include "engine_local.h"
#include "ipsec.h"
#include "runtime.h"
#include "shell.h"

struct fx {
	char dir[64];
	char db[128];
	char *out;
	size_t outlen;
	FILE *outf;
	FILE *errf;
	struct eng *e;
	struct rt_state *rt;
	struct eng_backend be;
	int listener;		/* fake roshd.sock, -1 */
};

static void __attribute__((format(printf, 1, 2)))
sh(const char *fmt, ...)
{
	char cmd[1024];
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
	char cmd[1024], *buf = NULL, chunk[4096];
	size_t len = 0, n;
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
	pclose(p);
	return buf;
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

#define ASSERT_OUT_HAS(out, needle) \
	ck_assert_msg(strstr((out), (needle)) != NULL, "output lacks %s:\n%s", \
	    (needle), (out))
#define ASSERT_OUT_LACKS(out, needle) \
	ck_assert_msg(strstr((out), (needle)) == NULL, "output has %s:\n%s", \
	    (needle), (out))

/* A fresh namespace with veth0/veth1 (down unless up), a fresh store
 * on the real backend (be may replace members of it). */
static void
fx_open_be(struct fx *f, int up, const struct eng_backend *be)
{
	struct eng_opts o = { 0 };
	char err[256];

	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s",
	    strerror(errno));
	sh("ip link set lo up");
	sh("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 "
	    "net.ipv6.conf.default.disable_ipv6=1");
	sh("ip link add veth0 type veth peer name veth1");
	if (up)
		sh("ip link set veth0 up && ip link set veth1 up && "
		    "for i in $(seq 50); do ip -br link show veth0 | "
		    "grep -q ' UP ' && break; sleep 0.1; done");
	memset(f, 0, sizeof(*f));
	f->listener = -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/rosh-rt.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/config.db", f->dir);
	f->outf = open_memstream(&f->out, &f->outlen);
	f->errf = tmpfile();
	f->be = be ? *be : *shell_backend();
	o.db_path = f->db;
	o.user = "admin";
	o.out = f->outf;
	o.err = f->errf;
	o.backend = &f->be;
	f->e = eng_open(&o, err, sizeof(err));
	ck_assert_msg(f->e != NULL, "eng_open: %s", err);
	f->rt = rt_state_create();
	ck_assert_ptr_nonnull(f->rt);
}

static void
fx_open(struct fx *f, int up)
{
	fx_open_be(f, up, NULL);
}

/* Run console lines (each its own line, as typed); returns what they
 * printed.  Fails the test on an error unless may_fail. */
static const char *
fx_exec(struct fx *f, const char *cmds, int may_fail, int *rcp)
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
	if (rcp != NULL)
		*rcp = rc;
	ck_assert_msg(rc == 0 || may_fail, "%s: %s", cmds, err);
	if (f->out == NULL)
		return "";
	f->out[f->outlen] = '\0';
	return f->out;
}

static const char *
fx_run(struct fx *f, const char *cmds)
{
	return fx_exec(f, cmds, 0, NULL);
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
	if (f->listener >= 0)
		close(f->listener);
	rt_state_destroy(f->rt);
	eng_close(f->e);
	fclose(f->outf);
	fclose(f->errf);
	free(f->out);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Publish once; returns rows written. */
static int
fx_publish(struct fx *f)
{
	char err[512] = "";
	int n = rt_publish(f->e, f->rt, err, sizeof(err));

	ck_assert_msg(n >= 0, "publish: %s", err);
	return n;
}

/* Publish after the once-a-second limit on reading nft has passed. */
static int
fx_publish_later(struct fx *f)
{
	usleep(1000 * 1000);
	return fx_publish(f);
}

static void
fx_firewall(struct fx *f)
{
	char err[1024] = "";

	ck_assert_msg(fw_reconcile(f->e, err, sizeof(err)) == 0, "firewall: "
	    "%s", err);
}

static int
fx_policies(struct fx *f)
{
	char err[512] = "";
	int n = ipsec_reconcile_policies(f->e, err, sizeof(err));

	ck_assert_msg(n >= 0, "policies: %s", err);
	return n;
}

/* count datagrams of "x\n" to addr:port, from bash */
static void
udp_send(const char *addr, int port, int count)
{
	sh("bash -c 'for i in $(seq %d); do echo x >/dev/udp/%s/%d; done'",
	    count, addr, port);
}

/* A value as :put prints it. */
static char *
fx_get(struct fx *f, const char *expr)
{
	char line[512], *v;

	snprintf(line, sizeof(line), ":put [%s]", expr);
	v = strdup(fx_run(f, line));
	ck_assert_ptr_nonnull(v);
	v[strcspn(v, "\n")] = '\0';
	return v;
}

/* Publish until expr reads want (3 s at most); returns the rows the
 * publishing wrote meanwhile. */
static int
fx_publish_until(struct fx *f, const char *expr, const char *want)
{
	char *got = NULL;
	int i, n = 0;

	for (i = 0; i < 30; i++) {
		n += fx_publish(f);
		free(got);
		got = fx_get(f, expr);
		if (strcmp(got, want) == 0)
			break;
		usleep(100 * 1000);
	}
	ck_assert_msg(strcmp(got, want) == 0, "%s is '%s', want '%s'", expr,
	    got, want);
	free(got);
	return n;
}

#define ASSERT_GET(f, expr, want) \
	do { \
		char *g_ = fx_get((f), (expr)); \
		ck_assert_msg(strcmp(g_, (want)) == 0, "%s is '%s', want " \
		    "'%s'", (expr), g_, (want)); \
		free(g_); \
	} while (0)

/* ------------------------------------------------------------------ */
/* /interface                                                          */
/* ------------------------------------------------------------------ */

START_TEST(test_links_running)
{
	struct fx f;

	fx_open(&f, 0);
	fx_publish(&f);
	ASSERT_GET(&f, "/interface get veth0 running", "false");
	ASSERT_OUT_LACKS(fx_run(&f, "/interface print where name=veth0"),
	    " R ");
	sh("ip link set veth0 up && ip link set veth1 up");
	/* The kernel sets the running flag a little later (linkwatch). */
	ck_assert_int_ge(fx_publish_until(&f, "/interface get veth0 running",
	    "true"), 1);
	fx_publish_until(&f, "/interface get veth1 running", "true");
	ASSERT_OUT_HAS(fx_run(&f, "/interface print where name=veth0"),
	    "R veth0");
	/* Nothing moved: nothing written. */
	ck_assert_int_eq(fx_publish(&f), 0);
	sh("ip link set veth1 down");
	ck_assert_int_ge(fx_publish_until(&f, "/interface get veth0 running",
	    "false"), 1);
	fx_close(&f);
}
END_TEST

START_TEST(test_links_counters)
{
	struct fx f;
	char *mac, *before, *after, *plain;
	const char *out;

	fx_open(&f, 1);
	/* sysfs is the parent namespace's: ask the kernel. */
	mac = capture("ip -br link show veth1 | awk '{ print $3 }'");
	mac[strcspn(mac, "\n")] = '\0';
	sh("ip addr add 10.9.0.1/24 dev veth0");
	sh("ip neigh replace 10.9.0.2 lladdr %s dev veth0 nud permanent", mac);
	free(mac);
	fx_publish(&f);
	before = fx_get(&f, "/interface get veth0 tx-packet");
	udp_send("10.9.0.2", 9, 5);
	ck_assert_int_ge(fx_publish(&f), 2);
	after = fx_get(&f, "/interface get veth0 tx-packet");
	ck_assert_int_eq(atoll(after) - atoll(before), 5);
	free(before);
	free(after);
	before = fx_get(&f, "/interface get veth1 rx-packet");
	ck_assert_int_ge(atoll(before), 5);
	free(before);
	/* Counters are what print stats shows; plain print leaves them. */
	out = fx_run(&f, "/interface print stats where name=veth0");
	ASSERT_OUT_HAS(out, "RX-BYTE");
	ASSERT_OUT_HAS(out, "TX-PACKET");
	plain = strdup(fx_run(&f, "/interface print detail where "
	    "name=veth0"));
	ASSERT_OUT_LACKS(plain, "tx-packet=");
	free(plain);
	fx_close(&f);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Firewall counters                                                   */
/* ------------------------------------------------------------------ */

START_TEST(test_fw_counters)
{
	struct fx f;
	const char *out;

	fx_open(&f, 1);
	fx_run(&f, "/ip firewall filter add chain=output protocol=udp "
	    "dst-port=7777 action=accept comment=seven\n"
	    "/ip firewall filter add chain=output protocol=udp "
	    "dst-port=7778 action=accept\n");
	fx_firewall(&f);
	fx_publish(&f);
	ASSERT_GET(&f, "/ip firewall filter get [find comment=seven] packets",
	    "0");
	udp_send("127.0.0.1", 7777, 3);
	ck_assert_int_ge(fx_publish_later(&f), 1);
	ASSERT_GET(&f, "/ip firewall filter get [find comment=seven] packets",
	    "3");
	/* 3 x (20 IP + 8 UDP + 2 payload) */
	ASSERT_GET(&f, "/ip firewall filter get [find comment=seven] bytes",
	    "90");
	ASSERT_GET(&f, "/ip firewall filter get [find dst-port=7778] "
	    "packets", "0");
	out = fx_run(&f, "/ip firewall filter print stats");
	ASSERT_OUT_HAS(out, "Columns: CHAIN, ACTION, BYTES, PACKETS");
	ASSERT_OUT_HAS(out, "0 output  accept     90        3");
	ASSERT_OUT_LACKS(fx_run(&f, "/ip firewall filter print"), "bytes=");
	/* No traffic: the next read writes nothing. */
	ck_assert_int_eq(fx_publish_later(&f), 0);
	fx_close(&f);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Address lists                                                       */
/* ------------------------------------------------------------------ */

static int
fx_expire(struct fx *f)
{
	char err[512] = "";
	int n = rt_alist_expire(f->e, f->rt, err, sizeof(err));

	ck_assert_msg(n >= 0, "expire: %s", err);
	return n;
}

START_TEST(test_alist_expiry)
{
	struct fx f;
	char *made;

	fx_open(&f, 1);
	fx_run(&f, "/ip firewall address-list add list=t address=10.1.1.1 "
	    "timeout=1s\n"
	    "/ip firewall address-list add list=k address=10.1.1.2\n"
	    "/ip firewall address-list add list=old address=10.1.1.3 "
	    "timeout=1h\n");
	made = fx_get(&f, "/ip firewall address-list get [find list=t] "
	    "creation-time");
	ck_assert_msg(strlen(made) == 19 && made[4] == '-' && made[13] == ':',
	    "creation-time '%s'", made);
	free(made);
	/* An entry from a store that had no creation times gets one. */
	ck_assert_int_eq(sqlite3_exec(f.e->db, "UPDATE "
	    "ip_firewall_address_list SET \"creation-time\"=NULL WHERE "
	    "list='old'", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(fx_expire(&f), 0);
	ASSERT_OUT_HAS(fx_run(&f, ":put [/ip firewall address-list get "
	    "[find list=old] creation-time]"), ":");
	/* Nothing due: the store is not read again. */
	ck_assert_int_eq(fx_expire(&f), 0);
	sleep(2);
	ck_assert_int_eq(fx_expire(&f), 1);
	ASSERT_GET(&f, ":len [/ip firewall address-list find list=t]", "0");
	ASSERT_GET(&f, ":len [/ip firewall address-list find]", "2");
	fx_close(&f);
}
END_TEST

START_TEST(test_alist_readback)
{
	struct fx f;
	char err[512];

	fx_open(&f, 1);
	fx_run(&f, "/ip firewall filter add chain=output protocol=udp "
	    "dst-port=7779 action=add-dst-to-address-list "
	    "address-list=seen address-list-timeout=1h\n"
	    "/ip firewall address-list add list=seen address=127.0.0.9\n");
	fx_firewall(&f);
	udp_send("127.0.0.2", 7779, 1);
	udp_send("127.0.0.9", 7779, 1);
	ASSERT_HAS("nft list set ip rosh al_seen", "127.0.0.2 timeout 1h");
	/* 127.0.0.9 is stored already; 127.0.0.2 only the kernel has. */
	ck_assert_int_eq(rt_alist_readback(f.e, f.rt, err, sizeof(err)), 1);
	ASSERT_GET(&f, "/ip firewall address-list get [find "
	    "address=127.0.0.2] timeout", "01:00:00");
	ASSERT_GET(&f, "/ip firewall address-list get [find "
	    "address=127.0.0.2] dynamic", "true");
	ck_assert_int_eq(rt_alist_readback(f.e, f.rt, err, sizeof(err)), 0);
	/* The firewall is applied again: the entry goes back in. */
	fx_run(&f, "/ip firewall filter add chain=input protocol=tcp "
	    "dst-port=9 action=drop");
	rt_state_changed(f.rt);
	fx_firewall(&f);
	ASSERT_HAS("nft list set ip rosh al_seen", "127.0.0.2 timeout 1h");
	/* Dynamic entries are not exported. */
	ASSERT_OUT_LACKS(fx_run(&f, "/ip firewall address-list export"),
	    "127.0.0.2");
	fx_close(&f);
}
END_TEST

/* `nft -j list set` as nft 1.0.6 writes it: a prefix with a timeout, a
 * range, an address, an address with a timeout. */
static const char elems_json[] =
    "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, "
    "{\"set\": {\"family\": \"ip\", \"name\": \"al_y\", \"table\": "
    "\"rosh\", \"type\": \"ipv4_addr\", \"handle\": 2, \"flags\": "
    "[\"interval\", \"timeout\"], \"elem\": [{\"elem\": {\"val\": "
    "{\"prefix\": {\"addr\": \"10.0.0.0\", \"len\": 24}}, \"timeout\": "
    "3600, \"expires\": 3598}}, {\"range\": [\"10.1.0.1\", \"10.1.0.5\"]}, "
    "\"10.2.0.1\", {\"elem\": {\"val\": \"1.2.3.4\", \"timeout\": 60, "
    "\"expires\": 58}}]}}]}";

START_TEST(test_set_elems_parse)
{
	struct be_nft_elem *v;
	size_t i;
	int n;

	ck_assert_int_eq(be_nft_set_elems_parse(elems_json,
	    strlen(elems_json), &v, &n), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(v[0].lo, 0x0A000000u);
	ck_assert_uint_eq(v[0].hi, 0x0A0000FFu);
	ck_assert_uint_eq(v[0].timeout_ms, 3600000);
	ck_assert_uint_eq(v[0].expires_ms, 3598000);
	ck_assert_uint_eq(v[1].lo, 0x0A010001u);
	ck_assert_uint_eq(v[1].hi, 0x0A010005u);
	ck_assert_uint_eq(v[1].timeout_ms, 0);
	ck_assert_uint_eq(v[2].lo, 0x0A020001u);
	ck_assert_uint_eq(v[2].hi, 0x0A020001u);
	ck_assert_uint_eq(v[3].lo, 0x01020304u);
	ck_assert_uint_eq(v[3].timeout_ms, 60000);
	free(v);
	/* Every proper prefix is malformed. */
	for (i = 0; i + 1 < sizeof(elems_json) - 1; i++) {
		ck_assert_int_eq(be_nft_set_elems_parse(elems_json, i, &v, &n),
		    -1);
		ck_assert_ptr_null(v);
		ck_assert_int_eq(n, 0);
	}
}
END_TEST

static const char *const bad_elems[] = {
	"{\"nftables\": [{\"set\": {\"elem\": [\"10.0.0.256\"]}}]}",
	"{\"nftables\": [{\"set\": {\"elem\": [{\"prefix\": {\"addr\": "
	    "\"10.0.0.0\", \"len\": 33}}]}}]}",
	"{\"nftables\": [{\"set\": {\"elem\": [{\"range\": [\"10.0.0.9\", "
	    "\"10.0.0.1\"]}]}}]}",
	"{\"nftables\": [{\"set\": {\"elem\": [{\"range\": "
	    "[\"10.0.0.1\"]}]}}]}",
	"{\"nftables\": [{\"set\": {\"elem\": [7]}}]}",
};

START_TEST(test_set_elems_parse_bad)
{
	struct be_nft_elem *v;
	int n;

	ck_assert_int_eq(be_nft_set_elems_parse(bad_elems[_i],
	    strlen(bad_elems[_i]), &v, &n), -1);
	ck_assert_ptr_null(v);
}
END_TEST

/* ------------------------------------------------------------------ */
/* /ip ipsec policy                                                    */
/* ------------------------------------------------------------------ */

/* A second pass changes nothing, in the kernel or in the store. */
static void
fx_policies_settled(struct fx *f)
{
	char *k1 = capture("ip -s xfrm policy | grep -v 'add 20'");
	char *s1 = strdup(fx_run(f, "/ip ipsec policy print detail"));
	char *k2, *s2;

	ck_assert_int_eq(fx_policies(f), 0);
	k2 = capture("ip -s xfrm policy | grep -v 'add 20'");
	s2 = strdup(fx_run(f, "/ip ipsec policy print detail"));
	ck_assert_str_eq(k1, k2);
	ck_assert_str_eq(s1, s2);
	free(k1);
	free(k2);
	free(s1);
	free(s2);
}

START_TEST(test_policy_lifecycle)
{
	struct fx f;
	const char *out;

	fx_open(&f, 1);
	fx_run(&f, "/ip ipsec policy add src-address=10.9.0.1/32 "
	    "dst-address=10.9.0.2/32 protocol=udp src-port=1701 "
	    "level=unique comment=l2tp\n"
	    "/ip ipsec policy add src-address=10.9.1.0/24 "
	    "dst-address=10.9.2.0/24 tunnel=yes sa-src-address=10.9.0.1 "
	    "sa-dst-address=10.9.0.2 comment=tun\n"
	    "/ip ipsec policy add src-address=10.9.3.0/24 "
	    "dst-address=10.9.4.0/24 action=discard comment=drop\n"
	    "/ip ipsec policy add src-address=10.9.5.0/24 "
	    "dst-address=10.9.6.0/24 level=use disabled=yes comment=off\n");
	/* out + in, out + in + fwd (tunnel), out + in + fwd (shunt) */
	ck_assert_int_eq(fx_policies(&f), 8);
	ASSERT_HAS("ip xfrm policy", "src 10.9.0.1/32 dst 10.9.0.2/32 "
	    "proto udp sport 1701 \n\tdir out priority 1375731713 ptype main "
	    "\n\ttmpl src 0.0.0.0 dst 0.0.0.0\n\t\tproto esp reqid "
	    "1375731712 mode transport");
	ASSERT_HAS("ip xfrm policy", "src 10.9.0.2/32 dst 10.9.0.1/32 "
	    "proto udp dport 1701 \n\tdir in priority 1375731713");
	ASSERT_LACKS("ip xfrm policy", "10.9.0.2/32 dst 10.9.0.1/32 "
	    "proto udp dport 1701 \n\tdir fwd");
	ASSERT_HAS("ip -s xfrm policy", "level required share unique");
	ASSERT_HAS("ip xfrm policy", "src 10.9.2.0/24 dst 10.9.1.0/24 \n"
	    "\tdir fwd priority 1375731714 ptype main \n\ttmpl src 10.9.0.2 "
	    "dst 10.9.0.1\n\t\tproto esp reqid 1392508927 mode tunnel");
	ASSERT_HAS("ip -s xfrm policy", "src 10.9.3.0/24 dst 10.9.4.0/24 "
	    "uid 0\n\tdir out action block");
	ASSERT_LACKS("ip xfrm policy", "10.9.5.0/24");
	out = fx_run(&f, "/ip ipsec policy print detail where comment=l2tp");
	ASSERT_OUT_HAS(out, " A  ");
	ASSERT_OUT_HAS(out, "ph2-count=0 ph2-state=no-phase2");
	ASSERT_OUT_LACKS(fx_run(&f, "/ip ipsec policy print detail where "
	    "comment=drop"), "ph2-state");
	fx_policies_settled(&f);

	/* A second unique policy gets a reqid of its own; require shares. */
	fx_run(&f, "/ip ipsec policy set [find comment=off] disabled=no "
	    "level=unique");
	ck_assert_int_eq(fx_policies(&f), 2);
	ASSERT_HAS("ip xfrm policy", "reqid 1375731713 mode transport");
	fx_policies_settled(&f);
	/* Changed level: replaced in place (no window in the clear). */
	fx_run(&f, "/ip ipsec policy set [find comment=l2tp] level=require");
	ck_assert_int_eq(fx_policies(&f), 2);
	ASSERT_HAS("ip xfrm policy", "src 10.9.0.1/32 dst 10.9.0.2/32 "
	    "proto udp sport 1701 \n\tdir out priority 1375731713 ptype main "
	    "\n\ttmpl src 0.0.0.0 dst 0.0.0.0\n\t\tproto esp reqid "
	    "1392508927");
	fx_policies_settled(&f);
	/* Disabled and removed items leave the kernel. */
	fx_run(&f, "/ip ipsec policy disable [find comment=tun]");
	ck_assert_int_eq(fx_policies(&f), 3);
	ASSERT_LACKS("ip xfrm policy", "10.9.1.0/24");
	ASSERT_GET(&f, ":len [/ip ipsec policy find comment=tun active=yes]",
	    "0");
	fx_run(&f, "/ip ipsec policy remove [find comment=drop]");
	ck_assert_int_ge(fx_policies(&f), 3);
	ASSERT_LACKS("ip xfrm policy", "10.9.3.0/24");
	fx_policies_settled(&f);
	fx_run(&f, "/ip ipsec policy remove [find template=no]");
	ck_assert_int_eq(fx_policies(&f), 4);
	ASSERT_LACKS("ip xfrm policy", "src");
	fx_close(&f);
}
END_TEST

START_TEST(test_policy_invalid)
{
	struct fx f;
	const char *out;

	fx_open(&f, 1);
	fx_run(&f, "/ip ipsec policy add src-address=10.9.1.0/24 "
	    "dst-address=10.9.2.0/24 tunnel=yes comment=nosa\n"
	    "/ip ipsec policy add src-address=10.9.3.0/24 "
	    "dst-address=10.9.4.0/24 comment=first\n"
	    "/ip ipsec policy add src-address=10.9.3.0/24 "
	    "dst-address=10.9.4.0/24 action=none comment=dup\n");
	ck_assert_int_eq(fx_policies(&f), 2);
	ASSERT_GET(&f, ":len [/ip ipsec policy find invalid=yes]", "2");
	ASSERT_GET(&f, "/ip ipsec policy get [find comment=first] active",
	    "true");
	ASSERT_GET(&f, ":len [/ip ipsec policy find comment=dup active=yes]",
	    "0");
	ASSERT_LACKS("ip xfrm policy", "10.9.1.0/24");
	fx_policies(&f);
	out = fx_run(&f, "/log print where topics~\"ipsec\"");
	ASSERT_OUT_HAS(out, "not installed: tunnel mode needs both SA "
	    "addresses");
	ASSERT_OUT_HAS(out, "not installed: same traffic selector as policy");
	/* Logged once, when the flag went on. */
	ck_assert_ptr_null(strstr(strstr(out, "both SA addresses") + 1,
	    "both SA addresses"));
	/* Fixed: installed, the flag goes. */
	fx_run(&f, "/ip ipsec policy set [find comment=nosa] "
	    "sa-src-address=10.9.0.1 sa-dst-address=10.9.0.2");
	ck_assert_int_eq(fx_policies(&f), 3);
	ASSERT_GET(&f, ":len [/ip ipsec policy find invalid=yes]", "1");
	fx_close(&f);
}
END_TEST

/* What is not a static item's stays: other software's policies, the
 * IKE daemon's (marked, or a dynamic item's); a stale one of rosh's
 * (left by a crash) goes. */
START_TEST(test_policy_foreign)
{
	struct fx f;

	fx_open(&f, 1);
	sh("ip xfrm policy add src 10.8.3.1/32 dst 10.8.3.2/32 dir out");
	sh("ip xfrm policy add src 10.8.0.1/32 dst 10.8.0.2/32 dir out "
	    "priority 0x52000007 mark 0x101 tmpl proto esp reqid 0x52000007 "
	    "mode transport");
	sh("ip xfrm policy add src 10.8.2.1/32 dst 10.8.2.2/32 dir out "
	    "priority 0x52000001 tmpl proto esp reqid 0x52000009 "
	    "mode transport");
	sh("ip xfrm policy add src 10.8.1.1/32 dst 10.8.1.2/32 dir out "
	    "priority 0x52000003 tmpl proto esp reqid 0x52000003 "
	    "mode transport");
	/* A generated policy, as the IKE daemon records it. */
	ck_assert_int_eq(sqlite3_exec(f.e->db, "INSERT INTO ip_ipsec_policy "
	    "(_id, _ord, \"src-address\", \"dst-address\", protocol, action, "
	    "level, template, dynamic) VALUES (80, 80, '10.8.2.1/32', "
	    "'10.8.2.2/32', 'all', 'encrypt', 'require', 'no', 'yes')", NULL,
	    NULL, NULL), SQLITE_OK);
	fx_run(&f, "/ip ipsec policy add src-address=10.8.2.1/32 "
	    "dst-address=10.8.2.2/32 comment=shadowed");
	ck_assert_int_eq(fx_policies(&f), 1);
	ASSERT_LACKS("ip xfrm policy", "10.8.1.1");
	ASSERT_HAS("ip xfrm policy", "src 10.8.3.1/32 dst 10.8.3.2/32");
	ASSERT_HAS("ip xfrm policy", "src 10.8.0.1/32 dst 10.8.0.2/32");
	ASSERT_HAS("ip xfrm policy", "reqid 1375731721 mode transport");
	ASSERT_GET(&f, ":len [/ip ipsec policy find comment=shadowed "
	    "invalid=yes]", "1");
	fx_policies_settled(&f);
	fx_close(&f);
}
END_TEST

/* ------------------------------------------------------------------ */
/* /ip ipsec installed-sa and statistics                               */
/* ------------------------------------------------------------------ */

static int canned_sas = 1;

/* One NAT-T SA as the kernel would list it (no ESP on this host). */
static int
canned_sa_list(void *ctx, struct eng_xfrm_sa **out, int *n, char *err,
    size_t errsz)
{
	struct eng_xfrm_sa *s = calloc(2, sizeof(*s));

	(void)ctx;
	(void)err;
	(void)errsz;
	*out = s;
	*n = canned_sas;
	s->src.family = s->dst.family = AF_INET;
	memcpy(s->src.addr, "\xcb\x00\x71\x01", 4);	/* 203.0.113.1 */
	memcpy(s->dst.addr, "\xc6\x33\x64\x07", 4);	/* 198.51.100.7 */
	s->spi = 0xCEFCCEC4u;
	s->proto = ENG_XFRM_PROTO_ESP;
	s->reqid = ENG_XFRM_REQID_SHARED;
	s->encap_sport = s->encap_dport = 4500;
	s->state = ENG_XFRM_STATE_MATURE;
	snprintf(s->enc, sizeof(s->enc), "cbc(aes)");
	snprintf(s->auth, sizeof(s->auth), "hmac(sha1)");
	memset(s->enc_key, 0xab, 32);
	s->enc_keylen = 32;
	memset(s->auth_key, 0xcd, 20);
	s->auth_keylen = 20;
	s->add_time = (unsigned long long)time(NULL);
	s->soft_sec = 1449;
	s->hard_sec = 1812;
	s->bytes = 1234;
	s->packets = 7;
	s->replay_window = 32;
	s->seen = 1;
	return 0;
}

START_TEST(test_installed_sa)
{
	struct eng_backend be = *shell_backend();
	struct fx f;
	const char *out;

	be.xfrm_sa_list = canned_sa_list;
	fx_open_be(&f, 1, &be);
	ck_assert_int_ge(fx_publish(&f), 1);
	out = fx_run(&f, "/ip ipsec installed-sa print");
	ASSERT_OUT_HAS(out, "0xCEFCCEC4");
	ASSERT_OUT_HAS(out, "mature");
	ASSERT_OUT_HAS(out, "203.0.113.1:4500");
	ASSERT_OUT_HAS(out, "198.51.100.7:4500");
	ASSERT_OUT_HAS(out, "sha1");
	ASSERT_OUT_HAS(out, "aes-cbc");
	ASSERT_OUT_HAS(out, "256");
	ASSERT_OUT_HAS(out, "SE");
	out = fx_run(&f, "/ip ipsec installed-sa print detail");
	ASSERT_OUT_HAS(out, "add-lifetime=24m9s/30m12s");
	ASSERT_OUT_HAS(out, "current-bytes=1234");
	ASSERT_OUT_LACKS(out, "abababab");
	out = fx_run(&f, "/ip ipsec installed-sa print detail show-sensitive");
	ASSERT_OUT_HAS(out, "enc-key=" "abababababababababababababababab"
	    "abababababababababababababababab");
	ASSERT_OUT_HAS(out, "auth-key=cdcdcdcdcdcdcdcdcdcd"
	    "cdcdcdcdcdcdcdcdcdcd");
	/* Gone from the kernel: gone from the menu. */
	canned_sas = 0;
	ck_assert_int_eq(fx_publish(&f), 1);
	ASSERT_GET(&f, ":len [/ip ipsec installed-sa find]", "0");
	fx_close(&f);
}
END_TEST

START_TEST(test_statistics)
{
	struct fx f;
	const char *out;

	fx_open(&f, 1);
	if (access("/proc/net/xfrm_stat", R_OK) != 0) {
		fx_close(&f);
		return;
	}
	fx_publish(&f);
	out = fx_run(&f, "/ip ipsec statistics print");
	ASSERT_OUT_HAS(out, "in-errors: 0");
	ASSERT_OUT_HAS(out, "out-policy-errors: 0");
	fx_close(&f);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Requests                                                            */
/* ------------------------------------------------------------------ */

/* Listen where roshd would, so the console sees a daemon. */
static void
fx_listen(struct fx *f)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/roshd.sock", f->dir);
	f->listener = socket(AF_UNIX, SOCK_DGRAM, 0);
	ck_assert_int_ge(f->listener, 0);
	ck_assert_int_eq(bind(f->listener, (struct sockaddr *)&sa,
	    sizeof(sa)), 0);
}

static long long
fx_requests(struct fx *f)
{
	sqlite3_stmt *s;
	long long n = -1;

	if (sqlite3_prepare_v2(f->e->db, "SELECT count(*) FROM "
	    "rosh_requests", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static int
fx_pending(struct fx *f)
{
	char err[512] = "";
	int n = act_run_pending(f->e, err, sizeof(err));

	ck_assert_msg(n >= 0, "requests: %s", err);
	return n;
}

static int
test_kill_hook(struct eng *e, char *msg, size_t msgsz)
{
	(void)e;
	snprintf(msg, msgsz, "dropped 0 phase 1 sessions");
	return 0;
}

START_TEST(test_requests)
{
	struct act_hooks h = { 0 };
	struct fx f;
	const char *out;
	int rc;

	fx_open(&f, 1);
	/* No roshd: said, not failed, and nothing recorded. */
	out = fx_run(&f, "/ip ipsec sa flush");
	ck_assert_str_eq(out, "roshd is not running: nothing to flush in "
	    "/ip/ipsec/installed-sa\n");
	ck_assert_int_le(fx_requests(&f), 0);

	fx_listen(&f);
	ck_assert_str_eq(fx_run(&f, "/ip ipsec installed-sa flush"), "");
	ck_assert_str_eq(fx_run(&f, "/ip ipsec active-peers "
	    "kill-connections"), "");
	ck_assert_int_eq(fx_requests(&f), 2);
	/* A line that fails records nothing. */
	fx_exec(&f, "/ip ipsec sa flush\n:error stop", 1, &rc);
	ck_assert_int_eq(rc, 1);
	ck_assert_int_eq(fx_requests(&f), 2);
	/* No PPP session exists: no such item, as in RouterOS. */
	fx_exec(&f, "/ppp active remove 0", 1, &rc);
	ck_assert_int_eq(rc, 1);

	ck_assert_int_eq(fx_pending(&f), 2);
	ck_assert_int_eq(fx_requests(&f), 0);
	ck_assert_int_eq(fx_pending(&f), 0);
	out = fx_run(&f, "/log print");
	ASSERT_OUT_HAS(out, "ipsec,info installed SAs flushed by admin: 0 "
	    "removed");
	ASSERT_OUT_HAS(out, "ipsec,info kill-connections requested by admin "
	    "accepted: no IKE daemon runs yet");

	/* The IKE module's hook takes over when set. */
	h.ike_kill_all = test_kill_hook;
	act_set_hooks(&h);
	fx_run(&f, "/ip ipsec active-peers kill-connections");
	ck_assert_int_eq(fx_pending(&f), 1);
	ASSERT_OUT_HAS(fx_run(&f, "/log print"), "kill-connections requested "
	    "by admin: dropped 0 phase 1 sessions");
	act_set_hooks(NULL);
	fx_close(&f);
}
END_TEST

static Suite *
runtime_suite(void)
{
	Suite *s = suite_create("runtime");
	TCase *tc;

	tc = tcase_create("interface");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_links_running);
	tcase_add_test(tc, test_links_counters);
	suite_add_tcase(s, tc);

	tc = tcase_create("firewall");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fw_counters);
	tcase_add_test(tc, test_alist_expiry);
	tcase_add_test(tc, test_alist_readback);
	tcase_add_test(tc, test_set_elems_parse);
	tcase_add_loop_test(tc, test_set_elems_parse_bad, 0,
	    (int)(sizeof(bad_elems) / sizeof(bad_elems[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("ipsec");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_policy_lifecycle);
	tcase_add_test(tc, test_policy_invalid);
	tcase_add_test(tc, test_policy_foreign);
	tcase_add_test(tc, test_installed_sa);
	tcase_add_test(tc, test_statistics);
	suite_add_tcase(s, tc);

	tc = tcase_create("requests");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_requests);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(runtime_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
