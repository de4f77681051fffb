/*
 * xfrm_parse.c - the reading side of backend/xfrm.c: the kernel's SA
 * and policy messages, and the text of /proc/net/xfrm_stat.
 *
 * Kernel replies are input like any other (style.md §5): the fixed part
 * must fit the message, attributes are checked against a libnl policy
 * (nlmsg_parse()) before any is read, variable parts (algorithm keys,
 * template arrays, ESN bitmaps) against what their attribute holds,
 * names must carry their NUL.  Structure is checked before ownership,
 * so a malformed entry of anyone's is reported; an entry that is not
 * rosh's is then only counted as such.  The parsers are pure.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "xfrm_local.h"

#define XP_STATSZ	16384	/* /proc/net/xfrm_stat is about 1 KiB */
#define XP_STAT_PATH	"/proc/net/xfrm_stat"

/* An all-zero address reads back unset, as rosh writes unset ones. */
static void
xp_addr_get(struct be_xfrm_addr *a, const xfrm_address_t *k, int family)
{
	static const uint8_t zero[16];
	size_t n = xm_alen(family);

	memset(a, 0, sizeof(*a));
	if (n == 0 || memcmp(k, zero, n) == 0)
		return;
	a->xa_family = family;
	memcpy(a->xa_addr, k, n);
}

/* -1 for a selector rosh would not have written. */
static int
xp_sel_get(struct be_xfrm_sel *s, const struct xfrm_selector *k)
{
	size_t n = xm_alen(k->family);

	memset(s, 0, sizeof(*s));
	if (k->family == 0)
		return 0;
	if (n == 0 || k->prefixlen_s > n * 8 || k->prefixlen_d > n * 8 ||
	    (k->sport_mask != 0 && k->sport_mask != 0xffff) ||
	    (k->dport_mask != 0 && k->dport_mask != 0xffff))
		return -1;
	s->sl_src.xa_family = s->sl_dst.xa_family = k->family;
	memcpy(s->sl_src.xa_addr, &k->saddr, n);
	memcpy(s->sl_dst.xa_addr, &k->daddr, n);
	s->sl_src_plen = k->prefixlen_s;
	s->sl_dst_plen = k->prefixlen_d;
	s->sl_proto = k->proto;
	s->sl_sport = k->sport_mask ? ntohs(k->sport) : 0;
	s->sl_dport = k->dport_mask ? ntohs(k->dport) : 0;
	return 0;
}

static void
xp_mark_get(struct be_xfrm_mark *mk, const struct nlattr *nla)
{
	struct xfrm_mark k;

	memcpy(&k, nla_data(nla), sizeof(k));
	mk->xm_v = k.v;
	mk->xm_m = k.m;
}

/*
 * The fixed part of one XFRM message of type t1 or t2 and its
 * attributes.  -1 when it does not fit in len or an attribute is
 * shorter than the policy wants.
 */
static int
xp_msg_parse(const void *buf, size_t len, int t1, int t2, void *fixed,
    size_t fixedsz, struct nlattr **tb, const struct nla_policy *pol)
{
	struct nlmsghdr h;

	if (((uintptr_t)buf & (NLMSG_ALIGNTO - 1)) != 0 ||
	    len < NLMSG_HDRLEN)
		return -1;
	memcpy(&h, buf, sizeof(h));
	if ((h.nlmsg_type != t1 && h.nlmsg_type != t2) ||
	    h.nlmsg_len > len || h.nlmsg_len < NLMSG_HDRLEN + fixedsz)
		return -1;
	memcpy(fixed, (const uint8_t *)buf + NLMSG_HDRLEN, fixedsz);
	if (nlmsg_parse((struct nlmsghdr *)(uintptr_t)buf, (int)fixedsz, tb,
	    XFRMA_MAX, pol) < 0)
		return -1;
	return 0;
}

/* An xfrm_algo, xfrm_algo_auth or xfrm_algo_aead: the name, the key
 * length in bits, for the last two one more word, then the key. */
static int
xp_alg_get(struct be_xfrm_alg *a, const struct nlattr *nla, size_t fixed)
{
	const uint8_t *d = nla_data(nla);
	size_t len = (size_t)nla_len(nla), kb;
	uint32_t bits, extra = 0;

	if (len < fixed || memchr(d, '\0', BE_XFRM_ALGSZ) == NULL)
		return -1;
	memcpy(&bits, d + offsetof(struct xfrm_algo, alg_key_len),
	    sizeof(bits));
	if (fixed > sizeof(struct xfrm_algo))
		memcpy(&extra, d + sizeof(struct xfrm_algo), sizeof(extra));
	kb = ((size_t)bits + 7) / 8;
	if (kb > BE_XFRM_KEYSZ || kb > len - fixed)
		return -1;
	memcpy(a->al_name, d, BE_XFRM_ALGSZ);
	memcpy(a->al_key, d + fixed, kb);
	a->al_keylen = (unsigned)kb;
	a->al_bits = extra;
	return 0;
}

static int
xp_sa_algs_get(struct be_xfrm_sa *sa, struct nlattr **tb)
{
	if (tb[XFRMA_ALG_CRYPT] != NULL &&
	    xp_alg_get(&sa->sa_enc, tb[XFRMA_ALG_CRYPT],
	    sizeof(struct xfrm_algo)) < 0)
		return -1;
	if (tb[XFRMA_ALG_AUTH_TRUNC] != NULL) {
		if (xp_alg_get(&sa->sa_auth, tb[XFRMA_ALG_AUTH_TRUNC],
		    sizeof(struct xfrm_algo_auth)) < 0)
			return -1;
	} else if (tb[XFRMA_ALG_AUTH] != NULL &&
	    xp_alg_get(&sa->sa_auth, tb[XFRMA_ALG_AUTH],
	    sizeof(struct xfrm_algo)) < 0)
		return -1;
	if (tb[XFRMA_ALG_AEAD] != NULL &&
	    xp_alg_get(&sa->sa_aead, tb[XFRMA_ALG_AEAD],
	    sizeof(struct xfrm_algo_aead)) < 0)
		return -1;
	return 0;
}

static void
xp_encap_get(struct be_xfrm_sa *sa, const struct nlattr *nla)
{
	struct xfrm_encap_tmpl k;

	memcpy(&k, nla_data(nla), sizeof(k));
	sa->sa_encap.en_type = k.encap_type;
	sa->sa_encap.en_sport = ntohs(k.encap_sport);
	sa->sa_encap.en_dport = ntohs(k.encap_dport);
	xp_addr_get(&sa->sa_encap.en_oa, &k.encap_oa, sa->sa_dst.xa_family);
}

static int
xp_replay_get(struct be_xfrm_sa_info *si, struct nlattr **tb,
    unsigned legacy_window)
{
	struct xfrm_replay_state_esn esn;
	struct xfrm_replay_state rs;
	size_t len;

	si->si_sa.sa_replay_window = legacy_window;
	if (tb[XFRMA_REPLAY_ESN_VAL] != NULL) {
		len = (size_t)nla_len(tb[XFRMA_REPLAY_ESN_VAL]);
		memcpy(&esn, nla_data(tb[XFRMA_REPLAY_ESN_VAL]), sizeof(esn));
		if ((size_t)esn.bmp_len * sizeof(uint32_t) > len - sizeof(esn))
			return -1;
		si->si_sa.sa_replay_window = esn.replay_window;
		si->si_seq = (uint64_t)esn.seq_hi << 32 | esn.seq;
		si->si_oseq = (uint64_t)esn.oseq_hi << 32 | esn.oseq;
	} else if (tb[XFRMA_REPLAY_VAL] != NULL) {
		memcpy(&rs, nla_data(tb[XFRMA_REPLAY_VAL]), sizeof(rs));
		si->si_seq = rs.seq;
		si->si_oseq = rs.oseq;
	}
	return 0;
}

static uint64_t
xp_lim_get(uint64_t v)
{
	return v == XFRM_INF ? 0 : v;
}

static void
xp_lft_get(struct be_xfrm_lifetime *l, const struct xfrm_lifetime_cfg *k)
{
	l->lt_soft_sec = k->soft_add_expires_seconds;
	l->lt_hard_sec = k->hard_add_expires_seconds;
	l->lt_soft_byte = xp_lim_get(k->soft_byte_limit);
	l->lt_hard_byte = xp_lim_get(k->hard_byte_limit);
	l->lt_soft_packet = xp_lim_get(k->soft_packet_limit);
	l->lt_hard_packet = xp_lim_get(k->hard_packet_limit);
}

static void
xp_sa_info_get(struct be_xfrm_sa_info *si, const struct xfrm_usersa_info *k)
{
	struct be_xfrm_sa *sa = &si->si_sa;

	xp_addr_get(&sa->sa_src, &k->saddr, k->family);
	xp_addr_get(&sa->sa_dst, &k->id.daddr, k->family);
	/* An SA of a wildcard address still names its family. */
	sa->sa_src.xa_family = sa->sa_dst.xa_family = k->family;
	sa->sa_spi = ntohl(k->id.spi);
	sa->sa_proto = k->id.proto;
	sa->sa_mode = k->mode;
	sa->sa_reqid = k->reqid;
	sa->sa_flags = k->flags;
	xp_lft_get(&sa->sa_lft, &k->lft);
	si->si_add_time = k->curlft.add_time;
	si->si_use_time = k->curlft.use_time;
	si->si_bytes = k->curlft.bytes;
	si->si_packets = k->curlft.packets;
	si->si_replay = k->stats.replay;
	si->si_replay_window = k->stats.replay_window;
	si->si_integrity_failed = k->stats.integrity_failed;
}

int
be_xfrm_sa_parse(const void *buf, size_t len, struct be_xfrm_sa_info *out)
{
	static const struct nla_policy pol[XFRMA_MAX + 1] = {
		[XFRMA_ALG_AUTH] = { .minlen = sizeof(struct xfrm_algo) },
		[XFRMA_ALG_CRYPT] = { .minlen = sizeof(struct xfrm_algo) },
		[XFRMA_ALG_AEAD] = { .minlen = sizeof(struct xfrm_algo_aead) },
		[XFRMA_ALG_AUTH_TRUNC] = {
		    .minlen = sizeof(struct xfrm_algo_auth) },
		[XFRMA_ENCAP] = { .minlen = sizeof(struct xfrm_encap_tmpl) },
		[XFRMA_MARK] = { .minlen = sizeof(struct xfrm_mark) },
		[XFRMA_SET_MARK] = { .type = NLA_U32 },
		[XFRMA_SET_MARK_MASK] = { .type = NLA_U32 },
		[XFRMA_REPLAY_VAL] = {
		    .minlen = sizeof(struct xfrm_replay_state) },
		[XFRMA_REPLAY_ESN_VAL] = {
		    .minlen = sizeof(struct xfrm_replay_state_esn) },
		[XFRMA_LASTUSED] = { .type = NLA_U64 },
		[XFRMA_OFFLOAD_DEV] = {
		    .minlen = sizeof(struct xfrm_user_offload) },
	};
	struct nlattr *tb[XFRMA_MAX + 1];
	struct xfrm_usersa_info k;

	memset(out, 0, sizeof(*out));
	if (xp_msg_parse(buf, len, XFRM_MSG_NEWSA, XFRM_MSG_UPDSA, &k,
	    sizeof(k), tb, pol) < 0)
		return -1;
	if (!xm_in_band(k.reqid))
		return 0;
	if (xm_alen(k.family) == 0 || xp_sel_get(&out->si_sa.sa_sel,
	    &k.sel) < 0)
		return -1;
	xp_sa_info_get(out, &k);
	if (xp_sa_algs_get(&out->si_sa, tb) < 0 ||
	    xp_replay_get(out, tb, k.replay_window) < 0)
		goto bad;
	if (tb[XFRMA_ENCAP] != NULL)
		xp_encap_get(&out->si_sa, tb[XFRMA_ENCAP]);
	if (tb[XFRMA_MARK] != NULL)
		xp_mark_get(&out->si_sa.sa_mark, tb[XFRMA_MARK]);
	if (tb[XFRMA_SET_MARK] != NULL) {
		out->si_sa.sa_set_mark.xm_v = nla_get_u32(tb[XFRMA_SET_MARK]);
		out->si_sa.sa_set_mark.xm_m = tb[XFRMA_SET_MARK_MASK] ?
		    nla_get_u32(tb[XFRMA_SET_MARK_MASK]) : 0xffffffff;
	}
	if (tb[XFRMA_LASTUSED] != NULL)
		out->si_last_used = nla_get_u64(tb[XFRMA_LASTUSED]);
	out->si_offload = tb[XFRMA_OFFLOAD_DEV] != NULL;
	out->si_state = be_xfrm_sa_state_at(out, 0);
	return 1;
bad:
	explicit_bzero(out, sizeof(*out));
	return -1;
}

static int
xp_tmpl_get(struct be_xfrm_tmpl *t, const struct xfrm_user_tmpl *k)
{
	memset(t, 0, sizeof(*t));
	if ((k->id.proto != BE_XFRM_PROTO_ESP &&
	    k->id.proto != BE_XFRM_PROTO_AH) ||
	    (k->mode != BE_XFRM_MODE_TRANSPORT &&
	    k->mode != BE_XFRM_MODE_TUNNEL))
		return -1;
	xp_addr_get(&t->tp_src, &k->saddr, k->family);
	xp_addr_get(&t->tp_dst, &k->id.daddr, k->family);
	t->tp_proto = k->id.proto;
	t->tp_mode = k->mode;
	t->tp_reqid = k->reqid;
	if (k->optional)
		t->tp_level = BE_XFRM_LEVEL_USE;
	else if (k->share == XFRM_SHARE_UNIQUE)
		t->tp_level = BE_XFRM_LEVEL_UNIQUE;
	else
		t->tp_level = BE_XFRM_LEVEL_REQUIRE;
	return 0;
}

/* 1 when the policy carries rosh's markers (see backend.h). */
static int
xp_pol_own(const struct xfrm_userpolicy_info *k, struct nlattr **tb,
    size_t ntmpl)
{
	const uint8_t *p;
	struct xfrm_userpolicy_type ty;
	struct xfrm_user_tmpl t;
	size_t i;

	if (k->dir >= XFRM_POLICY_MAX || k->priority < BE_XFRM_PRIO_BASE ||
	    k->priority - BE_XFRM_PRIO_BASE >= BE_XFRM_PRIO_SPAN ||
	    ntmpl > BE_XFRM_TMPL_MAX || tb[XFRMA_SEC_CTX] != NULL ||
	    (tb[XFRMA_IF_ID] != NULL && nla_get_u32(tb[XFRMA_IF_ID]) != 0))
		return 0;
	if (tb[XFRMA_POLICY_TYPE] != NULL) {
		memcpy(&ty, nla_data(tb[XFRMA_POLICY_TYPE]), sizeof(ty));
		if (ty.type != XFRM_POLICY_TYPE_MAIN)
			return 0;
	}
	for (i = 0; i < ntmpl; i++) {
		p = (const uint8_t *)nla_data(tb[XFRMA_TMPL]) + i * sizeof(t);
		memcpy(&t, p, sizeof(t));
		if (!xm_in_band(t.reqid))
			return 0;
	}
	return 1;
}

int
be_xfrm_policy_parse(const void *buf, size_t len,
    struct be_xfrm_policy_info *out)
{
	static const struct nla_policy pol[XFRMA_MAX + 1] = {
		[XFRMA_MARK] = { .minlen = sizeof(struct xfrm_mark) },
		[XFRMA_POLICY_TYPE] = {
		    .minlen = sizeof(struct xfrm_userpolicy_type) },
		[XFRMA_SEC_CTX] = {
		    .minlen = sizeof(struct xfrm_user_sec_ctx) },
		[XFRMA_IF_ID] = { .type = NLA_U32 },
	};
	struct nlattr *tb[XFRMA_MAX + 1];
	struct xfrm_userpolicy_info k;
	struct xfrm_user_tmpl t;
	struct be_xfrm_policy *p = &out->pi_pol;
	size_t i, ntmpl = 0;

	memset(out, 0, sizeof(*out));
	if (xp_msg_parse(buf, len, XFRM_MSG_NEWPOLICY, XFRM_MSG_UPDPOLICY,
	    &k, sizeof(k), tb, pol) < 0)
		return -1;
	if (tb[XFRMA_TMPL] != NULL) {
		if (nla_len(tb[XFRMA_TMPL]) % sizeof(t) != 0)
			return -1;
		ntmpl = (size_t)nla_len(tb[XFRMA_TMPL]) / sizeof(t);
	}
	if (!xp_pol_own(&k, tb, ntmpl))
		return 0;
	if (k.sel.family == 0 || xp_sel_get(&p->sp_sel, &k.sel) < 0 ||
	    k.action > XFRM_POLICY_BLOCK)
		return -1;
	p->sp_dir = k.dir;
	p->sp_action = k.action;
	p->sp_pos = k.priority - BE_XFRM_PRIO_BASE;
	if (tb[XFRMA_MARK] != NULL)
		xp_mark_get(&p->sp_mark, tb[XFRMA_MARK]);
	for (i = 0; i < ntmpl; i++) {
		memcpy(&t, (const uint8_t *)nla_data(tb[XFRMA_TMPL]) +
		    i * sizeof(t), sizeof(t));
		if (xp_tmpl_get(&p->sp_tmpl[i], &t) < 0)
			return -1;
	}
	p->sp_ntmpl = (int)ntmpl;
	out->pi_index = k.index;
	out->pi_add_time = k.curlft.add_time;
	out->pi_use_time = k.curlft.use_time;
	return 1;
}

int
be_xfrm_sa_state_at(const struct be_xfrm_sa_info *si, uint64_t now)
{
	const struct be_xfrm_sa *sa = &si->si_sa;
	const struct be_xfrm_lifetime *l = &sa->sa_lft;
	int keyed;

	if (sa->sa_proto == BE_XFRM_PROTO_AH)
		keyed = sa->sa_auth.al_name[0] != '\0';
	else
		keyed = sa->sa_enc.al_name[0] != '\0' ||
		    sa->sa_aead.al_name[0] != '\0';
	if (!keyed)
		return BE_XFRM_STATE_LARVAL;
	if ((l->lt_soft_sec != 0 && now >= si->si_add_time &&
	    now - si->si_add_time >= l->lt_soft_sec) ||
	    (l->lt_soft_byte != 0 && si->si_bytes >= l->lt_soft_byte) ||
	    (l->lt_soft_packet != 0 && si->si_packets >= l->lt_soft_packet))
		return BE_XFRM_STATE_DYING;
	return BE_XFRM_STATE_MATURE;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                         */
/* ------------------------------------------------------------------ */

#define XP_STAT(name, member) { name, offsetof(struct be_xfrm_stats, member) }

static const struct {
	const char *name;
	size_t off;
} xp_stat_names[] = {
	XP_STAT("XfrmInError", in_errors),
	XP_STAT("XfrmInBufferError", in_buffer_errors),
	XP_STAT("XfrmInHdrError", in_header_errors),
	XP_STAT("XfrmInNoStates", in_no_states),
	XP_STAT("XfrmInStateProtoError", in_state_protocol_errors),
	XP_STAT("XfrmInStateModeError", in_state_mode_errors),
	XP_STAT("XfrmInStateSeqError", in_state_sequence_errors),
	XP_STAT("XfrmInStateExpired", in_state_expired),
	XP_STAT("XfrmInStateMismatch", in_state_mismatches),
	XP_STAT("XfrmInStateInvalid", in_state_invalid),
	XP_STAT("XfrmInTmplMismatch", in_template_mismatches),
	XP_STAT("XfrmInNoPols", in_no_policies),
	XP_STAT("XfrmInPolBlock", in_policy_blocked),
	XP_STAT("XfrmInPolError", in_policy_errors),
	XP_STAT("XfrmOutError", out_errors),
	XP_STAT("XfrmOutBundleGenError", out_bundle_errors),
	XP_STAT("XfrmOutBundleCheckError", out_bundle_check_errors),
	XP_STAT("XfrmOutNoStates", out_no_states),
	XP_STAT("XfrmOutStateProtoError", out_state_protocol_errors),
	XP_STAT("XfrmOutStateModeError", out_state_mode_errors),
	XP_STAT("XfrmOutStateSeqError", out_state_sequence_errors),
	XP_STAT("XfrmOutStateExpired", out_state_expired),
	XP_STAT("XfrmOutPolBlock", out_policy_blocked),
	XP_STAT("XfrmOutPolDead", out_policy_dead),
	XP_STAT("XfrmOutPolError", out_policy_errors),
	XP_STAT("XfrmFwdHdrError", fwd_header_errors),
	XP_STAT("XfrmOutStateInvalid", out_state_invalid),
	XP_STAT("XfrmAcquireError", acquire_errors),
};

#define XP_NSTAT (sizeof(xp_stat_names) / sizeof(xp_stat_names[0]))

static int
xp_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* One line "Name<blanks>digits<blanks>" of text[*i..len) ending at a
 * newline or the end; stores the count of a known name once. */
static int
xp_stat_line(const char *t, size_t len, size_t *i, struct be_xfrm_stats *out,
    uint32_t *seen)
{
	size_t p = *i, nb = *i, k, j;
	uint64_t v = 0;
	unsigned d;

	while (p < len && (isalnum((unsigned char)t[p]) || t[p] == '_'))
		p++;
	k = p - nb;
	if (k == 0 || p == len || !xp_blank(t[p]))
		return -1;
	while (p < len && xp_blank(t[p]))
		p++;
	if (p == len || !isdigit((unsigned char)t[p]))
		return -1;
	for (; p < len && isdigit((unsigned char)t[p]); p++) {
		d = (unsigned)(t[p] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	while (p < len && xp_blank(t[p]))
		p++;
	if (p < len && t[p++] != '\n')
		return -1;
	*i = p;
	for (j = 0; j < XP_NSTAT; j++) {
		if (strlen(xp_stat_names[j].name) != k ||
		    memcmp(xp_stat_names[j].name, t + nb, k) != 0)
			continue;
		if (*seen & (1u << j))
			return -1;
		*seen |= 1u << j;
		memcpy((char *)out + xp_stat_names[j].off, &v, sizeof(v));
		out->present++;
	}
	return 0;
}

int
be_xfrm_stats_parse(const char *text, size_t len, struct be_xfrm_stats *out)
{
	uint32_t seen = 0;
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	while (i < len) {
		if (text[i] == '\n') {
			i++;
			continue;
		}
		if (xp_stat_line(text, len, &i, out, &seen) < 0) {
			memset(out, 0, sizeof(*out));
			return -1;
		}
	}
	return 0;
}

int
be_xfrm_stats(struct be_xfrm_stats *out, char *err, size_t errsz)
{
	char *buf;
	size_t len = 0;
	ssize_t r = 0;
	int fd, eno, rc = -1;

	memset(out, 0, sizeof(*out));
	fd = open(XP_STAT_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		eno = errno;
		return xm_fail(err, errsz, eno, "%s: %s", XP_STAT_PATH,
		    eno == ENOENT ? "the kernel keeps no IPsec statistics" :
		    strerror(eno));
	}
	buf = malloc(XP_STATSZ);
	if (buf == NULL) {
		close(fd);
		return xm_fail(err, errsz, ENOMEM, "out of memory");
	}
	while (len < XP_STATSZ && ((r = read(fd, buf + len, XP_STATSZ - len))
	    > 0 || (r < 0 && errno == EINTR)))
		len += r > 0 ? (size_t)r : 0;
	eno = errno;
	if (r < 0)
		xm_fail(err, errsz, eno, "%s: %s", XP_STAT_PATH, strerror(eno));
	else if (len == XP_STATSZ)
		xm_fail(err, errsz, EIO, "%s: longer than %d bytes",
		    XP_STAT_PATH, XP_STATSZ);
	else if (be_xfrm_stats_parse(buf, len, out) < 0)
		xm_fail(err, errsz, EIO, "%s: unexpected text", XP_STAT_PATH);
	else
		rc = 0;
	free(buf);
	close(fd);
	return rc;
}
