/*
 * xfrm_tool.c - drive backend/xfrm.c from a shell, for the e2e scenario
 * tests/e2e/scenarios/xfrm-api.sh (SAs need ESP, which only the VM's
 * kernel has), plus the small UDP helpers that scenario needs to send
 * traffic through the SAs.
 *
 *   xfrm_tool sa-add [replace] src=A dst=A spi=N reqid=N [proto=esp|ah]
 *             [mode=transport|tunnel] [mark=V/M] [set-mark=V/M]
 *             [encap=SPORT:DPORT[:OA]] [enc=NAME:HEX] [auth=NAME:HEX:BITS]
 *             [aead=NAME:HEX:BITS] [replay=N] [esn] [soft-sec=N]
 *             [hard-sec=N] [soft-byte=N] [hard-byte=N] [soft-packet=N]
 *             [hard-packet=N]
 *   xfrm_tool sa-del src=A dst=A spi=N [proto=P] [mark=V/M]
 *   xfrm_tool sa-list                 one line per SA of rosh's
 *   xfrm_tool spi-alloc src=A dst=A reqid=N [proto=P] [mark=V/M]
 *   xfrm_tool pol-add|pol-update|pol-del src=A/P dst=A/P dir=in|out|fwd
 *             [proto=udp|tcp|N] [sport=N] [dport=N] [action=allow|block]
 *             [pos=N] [mark=V/M]
 *             [tmpl=esp|ah:transport|tunnel:REQID:require|use|unique
 *              [:TSRC:TDST]]...
 *   xfrm_tool pol-list                one line per policy of rosh's
 *   xfrm_tool flush | reqid-unused | stats
 *   xfrm_tool natt-listen PORT        hold a UDP_ENCAP_ESPINUDP socket
 *   xfrm_tool udp-echo ADDR:PORT COUNT SECONDS
 *             answer COUNT datagrams with "re:" + text, sent with the
 *             mark each arrived with; print "mark 0xM from A:P text"
 *   xfrm_tool udp-ping SRC:PORT DST:PORT TEXT SECONDS
 *             send TEXT, print the reply; exit 1 without one
 *
 * Errors go to stderr as "error: <text> (errno N)"; the exit status is 0
 * on success, 1 on a refused request, 2 on bad usage.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/udp.h>

#include "backend.h"

#ifndef SO_RCVMARK
#define SO_RCVMARK	75
#endif
#ifndef UDP_ENCAP
#define UDP_ENCAP	100
#endif
#ifndef UDP_ENCAP_ESPINUDP
#define UDP_ENCAP_ESPINUDP	2
#endif

static void
usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "xfrm_tool: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

static int
refused(const char *err)
{
	fprintf(stderr, "error: %s (errno %d)\n", err, errno);
	return 1;
}

/* ------------------------------------------------------------------ */
/* Argument parsing                                                    */
/* ------------------------------------------------------------------ */

static unsigned long long
num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0')
		usage("bad number %s", s);
	return v;
}

static void
addr(struct be_xfrm_addr *a, const char *s)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->xa_addr) == 1)
		a->xa_family = AF_INET;
	else if (inet_pton(AF_INET6, s, a->xa_addr) == 1)
		a->xa_family = AF_INET6;
	else
		usage("bad address %s", s);
}

static void
prefix(struct be_xfrm_addr *a, unsigned *plen, const char *s)
{
	char buf[64];
	char *slash;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash++ = '\0';
	addr(a, buf);
	*plen = slash != NULL ? (unsigned)num(slash) :
	    a->xa_family == AF_INET ? 32 : 128;
}

static void
mark(struct be_xfrm_mark *m, const char *s)
{
	char buf[64];
	char *slash;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash++ = '\0';
	m->xm_v = (uint32_t)num(buf);
	m->xm_m = slash != NULL ? (uint32_t)num(slash) : 0xffffffff;
}

static unsigned
proto(const char *s)
{
	if (strcmp(s, "esp") == 0)
		return BE_XFRM_PROTO_ESP;
	if (strcmp(s, "ah") == 0)
		return BE_XFRM_PROTO_AH;
	if (strcmp(s, "udp") == 0)
		return 17;
	if (strcmp(s, "tcp") == 0)
		return 6;
	return (unsigned)num(s);
}

static unsigned
mode(const char *s)
{
	if (strcmp(s, "transport") == 0)
		return BE_XFRM_MODE_TRANSPORT;
	if (strcmp(s, "tunnel") == 0)
		return BE_XFRM_MODE_TUNNEL;
	usage("bad mode %s", s);
	return 0;
}

/* NAME:HEX[:BITS]; the name may hold ':'-free parentheses only. */
static void
alg(struct be_xfrm_alg *a, const char *s, int want_bits)
{
	char buf[512];
	char *hex, *bits, *p;
	size_t n;
	unsigned v;

	snprintf(buf, sizeof(buf), "%s", s);
	hex = strchr(buf, ':');
	if (hex == NULL)
		usage("algorithm %s lacks a key", s);
	*hex++ = '\0';
	bits = strchr(hex, ':');
	if (bits != NULL)
		*bits++ = '\0';
	if ((bits != NULL) != want_bits)
		usage("algorithm %s: wrong number of fields", s);
	if (strlen(buf) >= sizeof(a->al_name))
		usage("algorithm name %s too long", buf);
	memcpy(a->al_name, buf, strlen(buf) + 1);
	if (strncmp(hex, "0x", 2) == 0)
		hex += 2;
	n = strlen(hex);
	if (n % 2 != 0 || n / 2 > sizeof(a->al_key))
		usage("bad key %s", hex);
	for (p = hex; *p != '\0'; p += 2) {
		if (sscanf(p, "%2x", &v) != 1)
			usage("bad key %s", hex);
		a->al_key[a->al_keylen++] = (uint8_t)v;
	}
	a->al_bits = bits != NULL ? (unsigned)num(bits) : 0;
}

static void
encap(struct be_xfrm_encap *e, const char *s)
{
	char buf[128];
	char *dport, *oa;

	snprintf(buf, sizeof(buf), "%s", s);
	dport = strchr(buf, ':');
	if (dport == NULL)
		usage("encap wants SPORT:DPORT");
	*dport++ = '\0';
	oa = strchr(dport, ':');
	if (oa != NULL) {
		*oa++ = '\0';
		addr(&e->en_oa, oa);
	}
	e->en_type = BE_XFRM_ENCAP_ESPINUDP;
	e->en_sport = (unsigned)num(buf);
	e->en_dport = (unsigned)num(dport);
}

/* key=value: the value when arg's key is key, else NULL. */
static const char *
kv(const char *arg, const char *key)
{
	size_t n = strlen(key);

	if (strncmp(arg, key, n) == 0 && arg[n] == '=')
		return arg + n + 1;
	return NULL;
}

static int
lifetime_arg(struct be_xfrm_lifetime *l, const char *a)
{
	const char *v;

	if ((v = kv(a, "soft-sec")) != NULL)
		l->lt_soft_sec = num(v);
	else if ((v = kv(a, "hard-sec")) != NULL)
		l->lt_hard_sec = num(v);
	else if ((v = kv(a, "soft-byte")) != NULL)
		l->lt_soft_byte = num(v);
	else if ((v = kv(a, "hard-byte")) != NULL)
		l->lt_hard_byte = num(v);
	else if ((v = kv(a, "soft-packet")) != NULL)
		l->lt_soft_packet = num(v);
	else if ((v = kv(a, "hard-packet")) != NULL)
		l->lt_hard_packet = num(v);
	else
		return 0;
	return 1;
}

static void
sa_arg(struct be_xfrm_sa *sa, const char *a)
{
	const char *v;

	if ((v = kv(a, "src")) != NULL)
		addr(&sa->sa_src, v);
	else if ((v = kv(a, "dst")) != NULL)
		addr(&sa->sa_dst, v);
	else if ((v = kv(a, "spi")) != NULL)
		sa->sa_spi = (uint32_t)num(v);
	else if ((v = kv(a, "proto")) != NULL)
		sa->sa_proto = proto(v);
	else if ((v = kv(a, "mode")) != NULL)
		sa->sa_mode = mode(v);
	else if ((v = kv(a, "reqid")) != NULL)
		sa->sa_reqid = (uint32_t)num(v);
	else if ((v = kv(a, "mark")) != NULL)
		mark(&sa->sa_mark, v);
	else if ((v = kv(a, "set-mark")) != NULL)
		mark(&sa->sa_set_mark, v);
	else if ((v = kv(a, "encap")) != NULL)
		encap(&sa->sa_encap, v);
	else if ((v = kv(a, "enc")) != NULL)
		alg(&sa->sa_enc, v, 0);
	else if ((v = kv(a, "auth")) != NULL)
		alg(&sa->sa_auth, v, 1);
	else if ((v = kv(a, "aead")) != NULL)
		alg(&sa->sa_aead, v, 1);
	else if ((v = kv(a, "replay")) != NULL)
		sa->sa_replay_window = (unsigned)num(v);
	else if (strcmp(a, "esn") == 0)
		sa->sa_flags |= BE_XFRM_SA_ESN;
	else if (!lifetime_arg(&sa->sa_lft, a))
		usage("unknown SA argument %s", a);
}

static void
level(struct be_xfrm_tmpl *t, const char *s)
{
	if (strcmp(s, "require") == 0)
		t->tp_level = BE_XFRM_LEVEL_REQUIRE;
	else if (strcmp(s, "use") == 0)
		t->tp_level = BE_XFRM_LEVEL_USE;
	else if (strcmp(s, "unique") == 0)
		t->tp_level = BE_XFRM_LEVEL_UNIQUE;
	else
		usage("bad level %s", s);
}

/* esp:transport:REQID:LEVEL[:TSRC:TDST] */
static void
tmpl(struct be_xfrm_policy *p, const char *s)
{
	struct be_xfrm_tmpl *t;
	char buf[256];
	char *f[6];
	int n = 0;
	char *save = NULL, *tok;

	if (p->sp_ntmpl >= BE_XFRM_TMPL_MAX)
		usage("too many templates");
	t = &p->sp_tmpl[p->sp_ntmpl++];
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ":", &save); tok != NULL && n < 6;
	    tok = strtok_r(NULL, ":", &save))
		f[n++] = tok;
	if (n != 4 && n != 6)
		usage("bad template %s", s);
	t->tp_proto = proto(f[0]);
	t->tp_mode = mode(f[1]);
	t->tp_reqid = (uint32_t)num(f[2]);
	level(t, f[3]);
	if (n == 6) {
		addr(&t->tp_src, f[4]);
		addr(&t->tp_dst, f[5]);
	}
}

static void
pol_arg(struct be_xfrm_policy *p, const char *a)
{
	const char *v;

	if ((v = kv(a, "src")) != NULL)
		prefix(&p->sp_sel.sl_src, &p->sp_sel.sl_src_plen, v);
	else if ((v = kv(a, "dst")) != NULL)
		prefix(&p->sp_sel.sl_dst, &p->sp_sel.sl_dst_plen, v);
	else if ((v = kv(a, "proto")) != NULL)
		p->sp_sel.sl_proto = proto(v);
	else if ((v = kv(a, "sport")) != NULL)
		p->sp_sel.sl_sport = (unsigned)num(v);
	else if ((v = kv(a, "dport")) != NULL)
		p->sp_sel.sl_dport = (unsigned)num(v);
	else if ((v = kv(a, "dir")) != NULL)
		p->sp_dir = strcmp(v, "in") == 0 ? BE_XFRM_DIR_IN :
		    strcmp(v, "out") == 0 ? BE_XFRM_DIR_OUT :
		    strcmp(v, "fwd") == 0 ? BE_XFRM_DIR_FWD : -1;
	else if ((v = kv(a, "action")) != NULL)
		p->sp_action = strcmp(v, "block") == 0 ?
		    BE_XFRM_ACTION_BLOCK : BE_XFRM_ACTION_ALLOW;
	else if ((v = kv(a, "pos")) != NULL)
		p->sp_pos = (uint32_t)num(v);
	else if ((v = kv(a, "mark")) != NULL)
		mark(&p->sp_mark, v);
	else if ((v = kv(a, "tmpl")) != NULL)
		tmpl(p, v);
	else
		usage("unknown policy argument %s", a);
}

/* ------------------------------------------------------------------ */
/* Printing                                                            */
/* ------------------------------------------------------------------ */

static const char *
ntop(const struct be_xfrm_addr *a, char *buf, size_t sz)
{
	if (a->xa_family == 0)
		return "-";
	return inet_ntop(a->xa_family, a->xa_addr, buf, (socklen_t)sz);
}

static const char *
state_name(int s)
{
	return s == BE_XFRM_STATE_LARVAL ? "larval" :
	    s == BE_XFRM_STATE_DYING ? "dying" : "mature";
}

static void
print_alg(const char *key, const struct be_xfrm_alg *a)
{
	if (a->al_name[0] == '\0')
		printf(" %s=-", key);
	else
		printf(" %s=%s/%u/%u", key, a->al_name, a->al_keylen * 8,
		    a->al_bits);
}

static void
print_sa(const struct be_xfrm_sa_info *si)
{
	const struct be_xfrm_sa *sa = &si->si_sa;
	const struct be_xfrm_lifetime *l = &sa->sa_lft;
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

	printf("spi=0x%08x src=%s dst=%s proto=%s mode=%s reqid=0x%08x "
	    "state=%s", sa->sa_spi, ntop(&sa->sa_src, a, sizeof(a)),
	    ntop(&sa->sa_dst, b, sizeof(b)),
	    sa->sa_proto == BE_XFRM_PROTO_AH ? "ah" : "esp",
	    sa->sa_mode == BE_XFRM_MODE_TUNNEL ? "tunnel" : "transport",
	    sa->sa_reqid, state_name(si->si_state));
	printf(" mark=0x%x/0x%x set-mark=0x%x/0x%x", sa->sa_mark.xm_v,
	    sa->sa_mark.xm_m, sa->sa_set_mark.xm_v, sa->sa_set_mark.xm_m);
	if (sa->sa_encap.en_type != BE_XFRM_ENCAP_NONE)
		printf(" encap=%u:%u", sa->sa_encap.en_sport,
		    sa->sa_encap.en_dport);
	else
		printf(" encap=-");
	print_alg("enc", &sa->sa_enc);
	print_alg("auth", &sa->sa_auth);
	print_alg("aead", &sa->sa_aead);
	printf(" replay-window=%u esn=%d bytes=%llu packets=%llu replay=%u "
	    "window-drops=%u integrity-failed=%u seq=%llu oseq=%llu",
	    sa->sa_replay_window, (sa->sa_flags & BE_XFRM_SA_ESN) != 0,
	    (unsigned long long)si->si_bytes,
	    (unsigned long long)si->si_packets, si->si_replay,
	    si->si_replay_window, si->si_integrity_failed,
	    (unsigned long long)si->si_seq, (unsigned long long)si->si_oseq);
	printf(" add=%llu used=%d soft-sec=%llu hard-sec=%llu soft-byte=%llu "
	    "hard-byte=%llu\n", (unsigned long long)si->si_add_time,
	    si->si_use_time != 0, (unsigned long long)l->lt_soft_sec,
	    (unsigned long long)l->lt_hard_sec,
	    (unsigned long long)l->lt_soft_byte,
	    (unsigned long long)l->lt_hard_byte);
}

static void
print_policy(const struct be_xfrm_policy_info *pi)
{
	static const char *const dirs[] = { "in", "out", "fwd" };
	static const char *const levels[] = { "require", "use", "unique" };
	const struct be_xfrm_policy *p = &pi->pi_pol;
	const struct be_xfrm_tmpl *t;
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	int i;

	printf("pos=%u dir=%s action=%s src=%s/%u dst=%s/%u proto=%u "
	    "sport=%u dport=%u mark=0x%x/0x%x index=%u", p->sp_pos,
	    dirs[p->sp_dir], p->sp_action == BE_XFRM_ACTION_BLOCK ? "block" :
	    "allow", ntop(&p->sp_sel.sl_src, a, sizeof(a)),
	    p->sp_sel.sl_src_plen, ntop(&p->sp_sel.sl_dst, b, sizeof(b)),
	    p->sp_sel.sl_dst_plen, p->sp_sel.sl_proto, p->sp_sel.sl_sport,
	    p->sp_sel.sl_dport, p->sp_mark.xm_v, p->sp_mark.xm_m,
	    pi->pi_index);
	for (i = 0; i < p->sp_ntmpl; i++) {
		t = &p->sp_tmpl[i];
		printf(" tmpl=%s:%s:0x%08x:%s",
		    t->tp_proto == BE_XFRM_PROTO_AH ? "ah" : "esp",
		    t->tp_mode == BE_XFRM_MODE_TUNNEL ? "tunnel" : "transport",
		    t->tp_reqid, levels[t->tp_level]);
		if (t->tp_src.xa_family != 0)
			printf(":%s:%s", ntop(&t->tp_src, a, sizeof(a)),
			    ntop(&t->tp_dst, b, sizeof(b)));
	}
	printf("\n");
}

static void
print_stats(const struct be_xfrm_stats *s)
{
#define ST(name, member)	printf("%s %llu\n", name, \
	    (unsigned long long)s->member)
	ST("in-errors", in_errors);
	ST("in-buffer-errors", in_buffer_errors);
	ST("in-header-errors", in_header_errors);
	ST("in-no-states", in_no_states);
	ST("in-state-protocol-errors", in_state_protocol_errors);
	ST("in-state-mode-errors", in_state_mode_errors);
	ST("in-state-sequence-errors", in_state_sequence_errors);
	ST("in-state-expired", in_state_expired);
	ST("in-state-mismatches", in_state_mismatches);
	ST("in-state-invalid", in_state_invalid);
	ST("in-template-mismatches", in_template_mismatches);
	ST("in-no-policies", in_no_policies);
	ST("in-policy-blocked", in_policy_blocked);
	ST("in-policy-errors", in_policy_errors);
	ST("out-errors", out_errors);
	ST("out-bundle-errors", out_bundle_errors);
	ST("out-bundle-check-errors", out_bundle_check_errors);
	ST("out-no-states", out_no_states);
	ST("out-state-protocol-errors", out_state_protocol_errors);
	ST("out-state-mode-errors", out_state_mode_errors);
	ST("out-state-sequence-errors", out_state_sequence_errors);
	ST("out-state-expired", out_state_expired);
	ST("out-policy-blocked", out_policy_blocked);
	ST("out-policy-dead", out_policy_dead);
	ST("out-policy-errors", out_policy_errors);
#undef ST
	printf("present %d\n", s->present);
}

/* ------------------------------------------------------------------ */
/* XFRM commands                                                       */
/* ------------------------------------------------------------------ */

static int
cmd_sa_add(int argc, char **argv)
{
	struct be_xfrm_sa sa;
	char err[256];
	int i, flags = 0, rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_proto = BE_XFRM_PROTO_ESP;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "replace") == 0)
			flags |= BE_XFRM_REPLACE;
		else
			sa_arg(&sa, argv[i]);
	}
	rc = be_xfrm_sa_add(&sa, flags, err, sizeof(err));
	explicit_bzero(&sa, sizeof(sa));
	return rc < 0 ? refused(err) : 0;
}

static int
cmd_sa_del(int argc, char **argv)
{
	struct be_xfrm_sa sa;
	char err[256];
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_proto = BE_XFRM_PROTO_ESP;
	for (i = 0; i < argc; i++)
		sa_arg(&sa, argv[i]);
	if (be_xfrm_sa_del(&sa.sa_src, &sa.sa_dst, sa.sa_spi, sa.sa_proto,
	    sa.sa_mark, err, sizeof(err)) < 0)
		return refused(err);
	return 0;
}

static int
cmd_sa_list(void)
{
	struct be_xfrm_sa_info *v;
	char err[256];
	int i, n;

	if (be_xfrm_sa_list_own(&v, &n, err, sizeof(err)) < 0)
		return refused(err);
	for (i = 0; i < n; i++)
		print_sa(&v[i]);
	be_xfrm_sa_info_free(v, n);
	return 0;
}

static int
cmd_spi_alloc(int argc, char **argv)
{
	struct be_xfrm_sa sa;
	char err[256];
	uint32_t spi;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_proto = BE_XFRM_PROTO_ESP;
	for (i = 0; i < argc; i++)
		sa_arg(&sa, argv[i]);
	if (be_xfrm_spi_alloc(&sa.sa_src, &sa.sa_dst, sa.sa_proto,
	    sa.sa_reqid, sa.sa_mark, 0, 0, &spi, err, sizeof(err)) < 0)
		return refused(err);
	printf("0x%08x\n", spi);
	return 0;
}

static int
cmd_pol(const char *cmd, int argc, char **argv)
{
	struct be_xfrm_policy p;
	char err[256];
	int i, rc;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < argc; i++)
		pol_arg(&p, argv[i]);
	if (strcmp(cmd, "pol-add") == 0)
		rc = be_xfrm_policy_add(&p, err, sizeof(err));
	else if (strcmp(cmd, "pol-update") == 0)
		rc = be_xfrm_policy_update(&p, err, sizeof(err));
	else
		rc = be_xfrm_policy_del(&p, err, sizeof(err));
	return rc < 0 ? refused(err) : 0;
}

static int
cmd_pol_list(void)
{
	struct be_xfrm_policy_info *v;
	char err[256];
	int i, n;

	if (be_xfrm_policy_list_own(&v, &n, err, sizeof(err)) < 0)
		return refused(err);
	for (i = 0; i < n; i++)
		print_policy(&v[i]);
	free(v);
	return 0;
}

static int
cmd_misc(const char *cmd)
{
	struct be_xfrm_stats st;
	char err[256];
	uint32_t reqid;

	if (strcmp(cmd, "flush") == 0) {
		if (be_xfrm_flush_own(err, sizeof(err)) < 0)
			return refused(err);
	} else if (strcmp(cmd, "reqid-unused") == 0) {
		if (be_xfrm_reqid_unused(&reqid, err, sizeof(err)) < 0)
			return refused(err);
		printf("0x%08x\n", reqid);
	} else {
		if (be_xfrm_stats(&st, err, sizeof(err)) < 0)
			return refused(err);
		print_stats(&st);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* UDP helpers                                                         */
/* ------------------------------------------------------------------ */

static void
sockaddr_of(struct sockaddr_in *sin, const char *s)
{
	char buf[64];
	char *colon;

	snprintf(buf, sizeof(buf), "%s", s);
	colon = strrchr(buf, ':');
	if (colon == NULL)
		usage("want ADDR:PORT, not %s", s);
	*colon++ = '\0';
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)num(colon));
	if (inet_pton(AF_INET, buf, &sin->sin_addr) != 1)
		usage("bad address %s", buf);
}

static int
udp_bound(const char *where)
{
	struct sockaddr_in sin;
	int fd, one = 1;

	sockaddr_of(&sin, where);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) < 0 || bind(fd, (struct sockaddr *)&sin,
	    sizeof(sin)) < 0) {
		perror(where);
		exit(1);
	}
	return fd;
}

static int
cmd_natt_listen(const char *port)
{
	char where[32];
	int fd, encap = UDP_ENCAP_ESPINUDP;

	snprintf(where, sizeof(where), "0.0.0.0:%s", port);
	fd = udp_bound(where);
	if (setsockopt(fd, IPPROTO_UDP, UDP_ENCAP, &encap,
	    sizeof(encap)) < 0) {
		perror("UDP_ENCAP");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	for (;;)
		pause();
}

/* One datagram with its mark; -1 on timeout. */
static ssize_t
recv_marked(int fd, char *buf, size_t sz, struct sockaddr_in *from,
    uint32_t *mk, int secs)
{
	union {
		struct cmsghdr align;
		char b[CMSG_SPACE(sizeof(uint32_t))];
	} cbuf;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct iovec iov = { buf, sz - 1 };
	struct msghdr mh;
	struct cmsghdr *c;
	ssize_t n;

	if (poll(&pfd, 1, secs * 1000) != 1)
		return -1;
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = from;
	mh.msg_namelen = sizeof(*from);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf.b;
	mh.msg_controllen = sizeof(cbuf.b);
	n = recvmsg(fd, &mh, 0);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	*mk = 0;
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_MARK &&
		    c->cmsg_len == CMSG_LEN(sizeof(uint32_t)))
			memcpy(mk, CMSG_DATA(c), sizeof(*mk));
	return n;
}

static int
cmd_udp_echo(const char *where, int count, int secs)
{
	struct sockaddr_in from;
	char buf[512], reply[600], a[INET_ADDRSTRLEN];
	uint32_t mk;
	int fd, one = 1, got;

	fd = udp_bound(where);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVMARK, &one, sizeof(one)) < 0) {
		perror("SO_RCVMARK");
		return 1;
	}
	for (got = 0; got < count; got++) {
		if (recv_marked(fd, buf, sizeof(buf), &from, &mk, secs) < 0)
			break;
		printf("mark 0x%x from %s:%u %s\n", mk, inet_ntop(AF_INET,
		    &from.sin_addr, a, sizeof(a)), ntohs(from.sin_port), buf);
		fflush(stdout);
		snprintf(reply, sizeof(reply), "re:%s", buf);
		if (setsockopt(fd, SOL_SOCKET, SO_MARK, &mk, sizeof(mk)) < 0 ||
		    sendto(fd, reply, strlen(reply), 0,
		    (struct sockaddr *)&from, sizeof(from)) < 0)
			perror("reply");
	}
	close(fd);
	return got == count ? 0 : 1;
}

static int
cmd_udp_ping(const char *src, const char *dst, const char *text, int secs)
{
	struct sockaddr_in to, from;
	char buf[512];
	uint32_t mk;
	int fd, rc = 1;

	fd = udp_bound(src);
	sockaddr_of(&to, dst);
	if (sendto(fd, text, strlen(text), 0, (struct sockaddr *)&to,
	    sizeof(to)) < 0)
		perror("send");
	else if (recv_marked(fd, buf, sizeof(buf), &from, &mk, secs) >= 0) {
		printf("%s\n", buf);
		rc = 0;
	} else
		printf("no reply\n");
	close(fd);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		usage("no command; see the comment atop xfrm_tool.c");
	cmd = argv[1];
	if (strcmp(cmd, "sa-add") == 0)
		return cmd_sa_add(argc - 2, argv + 2);
	if (strcmp(cmd, "sa-del") == 0)
		return cmd_sa_del(argc - 2, argv + 2);
	if (strcmp(cmd, "sa-list") == 0)
		return cmd_sa_list();
	if (strcmp(cmd, "spi-alloc") == 0)
		return cmd_spi_alloc(argc - 2, argv + 2);
	if (strncmp(cmd, "pol-", 4) == 0 && strcmp(cmd, "pol-list") != 0)
		return cmd_pol(cmd, argc - 2, argv + 2);
	if (strcmp(cmd, "pol-list") == 0)
		return cmd_pol_list();
	if (strcmp(cmd, "flush") == 0 || strcmp(cmd, "reqid-unused") == 0 ||
	    strcmp(cmd, "stats") == 0)
		return cmd_misc(cmd);
	if (strcmp(cmd, "natt-listen") == 0 && argc == 3)
		return cmd_natt_listen(argv[2]);
	if (strcmp(cmd, "udp-echo") == 0 && argc == 5)
		return cmd_udp_echo(argv[2], (int)num(argv[3]),
		    (int)num(argv[4]));
	if (strcmp(cmd, "udp-ping") == 0 && argc == 6)
		return cmd_udp_ping(argv[2], argv[3], argv[4],
		    (int)num(argv[5]));
	usage("unknown command or arguments: %s", cmd);
	return 2;
}
