/*
 * fuzz_xfrm.c - libFuzzer target for the parsers of backend/xfrm_parse.c:
 * be_xfrm_sa_parse, be_xfrm_policy_parse and be_xfrm_stats_parse.
 *
 * Each input is read as /proc/net/xfrm_stat text, as an XFRM message,
 * and again with its header's length and type set to what each message
 * parser expects, so that mutations reach the attributes instead of
 * dying at the header check.  Messages are parsed from a copy of exact
 * size (malloc's alignment is more than the 4 bytes netlink promises),
 * so ASan sees any read past the end.  Besides the sanitizers' findings,
 * the target aborts when a parser returns something its header
 * (backend.h) rules out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>

#include "backend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_CHECK(c)	do { if (!(c)) abort(); } while (0)
#define FZ_MAX		65536

static int
fz_in_band(uint32_t reqid)
{
	return reqid >= BE_XFRM_REQID_MIN && reqid <= BE_XFRM_REQID_MAX;
}

static unsigned
fz_bits(int family)
{
	return family == AF_INET ? 32 : family == AF_INET6 ? 128 : 0;
}

static void
fz_sel(const struct be_xfrm_sel *s)
{
	unsigned bits = fz_bits(s->sl_src.xa_family);

	if (s->sl_src.xa_family == 0) {
		FZ_CHECK(s->sl_dst.xa_family == 0);
		return;
	}
	FZ_CHECK(bits > 0 && s->sl_dst.xa_family == s->sl_src.xa_family);
	FZ_CHECK(s->sl_src_plen <= bits && s->sl_dst_plen <= bits);
	FZ_CHECK(s->sl_proto <= 255);
	FZ_CHECK(s->sl_sport <= 65535 && s->sl_dport <= 65535);
}

static void
fz_alg(const struct be_xfrm_alg *a)
{
	FZ_CHECK(memchr(a->al_name, '\0', sizeof(a->al_name)) != NULL);
	FZ_CHECK(a->al_keylen <= BE_XFRM_KEYSZ);
}

static void
fz_sa(const void *buf, size_t len, uint64_t now)
{
	struct be_xfrm_sa_info si;
	const struct be_xfrm_sa *sa = &si.si_sa;
	int r = be_xfrm_sa_parse(buf, len, &si), st;

	FZ_CHECK(r >= -1 && r <= 1);
	if (r != 1)
		return;
	FZ_CHECK(fz_in_band(sa->sa_reqid));
	FZ_CHECK(fz_bits(sa->sa_src.xa_family) > 0);
	FZ_CHECK(sa->sa_dst.xa_family == sa->sa_src.xa_family);
	fz_sel(&sa->sa_sel);
	fz_alg(&sa->sa_enc);
	fz_alg(&sa->sa_auth);
	fz_alg(&sa->sa_aead);
	FZ_CHECK(sa->sa_encap.en_sport <= 65535 &&
	    sa->sa_encap.en_dport <= 65535);
	FZ_CHECK(si.si_state >= BE_XFRM_STATE_LARVAL &&
	    si.si_state <= BE_XFRM_STATE_DYING);
	st = be_xfrm_sa_state_at(&si, now);
	FZ_CHECK(st >= BE_XFRM_STATE_LARVAL && st <= BE_XFRM_STATE_DYING);
	explicit_bzero(&si, sizeof(si));
}

static void
fz_tmpl(const struct be_xfrm_tmpl *t)
{
	FZ_CHECK(fz_in_band(t->tp_reqid));
	FZ_CHECK(t->tp_proto == BE_XFRM_PROTO_ESP ||
	    t->tp_proto == BE_XFRM_PROTO_AH);
	FZ_CHECK(t->tp_mode == BE_XFRM_MODE_TRANSPORT ||
	    t->tp_mode == BE_XFRM_MODE_TUNNEL);
	FZ_CHECK(t->tp_level >= BE_XFRM_LEVEL_REQUIRE &&
	    t->tp_level <= BE_XFRM_LEVEL_UNIQUE);
}

static void
fz_policy(const void *buf, size_t len)
{
	struct be_xfrm_policy_info pi;
	const struct be_xfrm_policy *p = &pi.pi_pol;
	int r = be_xfrm_policy_parse(buf, len, &pi), i;

	FZ_CHECK(r >= -1 && r <= 1);
	if (r != 1)
		return;
	FZ_CHECK(p->sp_sel.sl_src.xa_family != 0);
	fz_sel(&p->sp_sel);
	FZ_CHECK(p->sp_dir >= BE_XFRM_DIR_IN && p->sp_dir <= BE_XFRM_DIR_FWD);
	FZ_CHECK(p->sp_action == BE_XFRM_ACTION_ALLOW ||
	    p->sp_action == BE_XFRM_ACTION_BLOCK);
	FZ_CHECK(p->sp_pos < BE_XFRM_PRIO_SPAN);
	FZ_CHECK(p->sp_ntmpl >= 0 && p->sp_ntmpl <= BE_XFRM_TMPL_MAX);
	for (i = 0; i < p->sp_ntmpl; i++)
		fz_tmpl(&p->sp_tmpl[i]);
}

/* A refused text leaves nothing behind (backend.h). */
static void
fz_stats(const char *text, size_t len)
{
	static const struct be_xfrm_stats zero;
	struct be_xfrm_stats st;
	int r = be_xfrm_stats_parse(text, len, &st);

	FZ_CHECK(r == 0 || r == -1);
	if (r < 0)
		FZ_CHECK(memcmp(&st, &zero, sizeof(st)) == 0);
	else
		FZ_CHECK(st.present >= 0 && st.present <= 28);
}

static void
fz_msgs(const void *buf, size_t len)
{
	uint64_t now = 0;

	if (len >= sizeof(now))
		memcpy(&now, (const uint8_t *)buf + len - sizeof(now),
		    sizeof(now));
	fz_sa(buf, len, now);
	fz_policy(buf, len);
}

/* The input with a header that passes the first checks. */
static void
fz_fixed(uint32_t *buf, size_t size, uint16_t type)
{
	struct nlmsghdr h;

	if (size < sizeof(h))
		return;
	memcpy(&h, buf, sizeof(h));
	h.nlmsg_len = (uint32_t)size;
	h.nlmsg_type = type;
	memcpy(buf, &h, sizeof(h));
	fz_msgs(buf, size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t *buf;

	if (size > FZ_MAX)
		return 0;
	fz_stats((const char *)data, size);
	buf = malloc(size ? size : 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	fz_msgs(buf, size);
	fz_fixed(buf, size, XFRM_MSG_NEWSA);
	fz_fixed(buf, size, XFRM_MSG_NEWPOLICY);
	free(buf);
	return 0;
}
