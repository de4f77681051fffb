/*
 * xfrm_msg.c - the request side of backend/xfrm.c: check what the
 * caller asks for, and build the XFRM netlink messages that install,
 * name or delete SAs and policies (see xfrm_local.h).
 *
 * rosh's conventions become kernel fields here: a policy's position is
 * its priority above BE_XFRM_PRIO_BASE; level unique is a required
 * template with share XFRM_SHARE_UNIQUE, level use an optional one;
 * "no limit" is XFRM_INF; a replay window over 32 packets, or ESN,
 * travels as XFRMA_REPLAY_ESN_VAL; selectors are installed with host
 * bits cleared, so that a policy can be named again by its selector.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "xfrm_local.h"

int
xm_fail(char *err, size_t errsz, int eno, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errsz > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	errno = eno;
	return -1;
}

size_t
xm_alen(int family)
{
	if (family == AF_INET)
		return 4;
	if (family == AF_INET6)
		return 16;
	return 0;
}

int
xm_in_band(uint32_t reqid)
{
	return reqid >= BE_XFRM_REQID_MIN && reqid <= BE_XFRM_REQID_MAX;
}

void
xm_addr_put(xfrm_address_t *k, const struct be_xfrm_addr *a)
{
	memset(k, 0, sizeof(*k));
	memcpy(k, a->xa_addr, xm_alen(a->xa_family));
}

static void
xm_addr_mask(xfrm_address_t *k, unsigned plen)
{
	uint8_t *b = (uint8_t *)k;
	unsigned i;

	for (i = 0; i < 16; i++) {
		if (plen >= 8)
			plen -= 8;
		else {
			b[i] &= (uint8_t)(0xff00 >> plen);
			plen = 0;
		}
	}
}

int
xm_addr_eq(const struct be_xfrm_addr *a, const struct be_xfrm_addr *b)
{
	return a->xa_family == b->xa_family &&
	    memcmp(a->xa_addr, b->xa_addr, xm_alen(a->xa_family)) == 0;
}

static void
xm_sel_put(struct xfrm_selector *k, const struct be_xfrm_sel *s)
{
	memset(k, 0, sizeof(*k));
	if (s->sl_src.xa_family == 0)
		return;
	k->family = (uint16_t)s->sl_src.xa_family;
	xm_addr_put(&k->saddr, &s->sl_src);
	xm_addr_put(&k->daddr, &s->sl_dst);
	xm_addr_mask(&k->saddr, s->sl_src_plen);
	xm_addr_mask(&k->daddr, s->sl_dst_plen);
	k->prefixlen_s = (uint8_t)s->sl_src_plen;
	k->prefixlen_d = (uint8_t)s->sl_dst_plen;
	k->proto = (uint8_t)s->sl_proto;
	if (s->sl_sport != 0) {
		k->sport = htons((uint16_t)s->sl_sport);
		k->sport_mask = 0xffff;
	}
	if (s->sl_dport != 0) {
		k->dport = htons((uint16_t)s->sl_dport);
		k->dport_mask = 0xffff;
	}
}

/* Equal as installed (host bits cleared), or mirrored (in vs out). */
int
xm_sel_match(const struct be_xfrm_sel *a, const struct be_xfrm_sel *b,
    int mirror)
{
	struct xfrm_selector ka, kb;
	struct be_xfrm_sel m = *b;

	if (mirror) {
		m.sl_src = b->sl_dst;
		m.sl_dst = b->sl_src;
		m.sl_src_plen = b->sl_dst_plen;
		m.sl_dst_plen = b->sl_src_plen;
		m.sl_sport = b->sl_dport;
		m.sl_dport = b->sl_sport;
	}
	xm_sel_put(&ka, a);
	xm_sel_put(&kb, &m);
	return memcmp(&ka, &kb, sizeof(ka)) == 0;
}

int
xm_mark_eq(struct be_xfrm_mark a, struct be_xfrm_mark b)
{
	return a.xm_v == b.xm_v && a.xm_m == b.xm_m;
}

static int
xm_put_mark(struct nl_msg *m, struct be_xfrm_mark mk)
{
	struct xfrm_mark k = { .v = mk.xm_v, .m = mk.xm_m };

	if (mk.xm_m == 0)
		return 0;
	return nla_put(m, XFRMA_MARK, sizeof(k), &k);
}

/* ------------------------------------------------------------------ */
/* Checking arguments                                                 */
/* ------------------------------------------------------------------ */

static int
xm_mark_check(struct be_xfrm_mark mk, const char *what, char *err,
    size_t errsz)
{
	if ((mk.xm_v & ~mk.xm_m) != 0)
		return xm_fail(err, errsz, EINVAL, "%s 0x%x has bits outside "
		    "its mask 0x%x", what, mk.xm_v, mk.xm_m);
	return 0;
}

static int
xm_reqid_check(uint32_t reqid, char *err, size_t errsz)
{
	if (!xm_in_band(reqid))
		return xm_fail(err, errsz, EINVAL, "reqid 0x%x is outside "
		    "rosh's band 0x%x-0x%x", reqid, BE_XFRM_REQID_MIN,
		    BE_XFRM_REQID_MAX);
	return 0;
}

int
xm_pair_check(const struct be_xfrm_addr *a, const struct be_xfrm_addr *b,
    const char *what, char *err, size_t errsz)
{
	if (xm_alen(a->xa_family) == 0 || a->xa_family != b->xa_family)
		return xm_fail(err, errsz, EINVAL, "%s addresses must be "
		    "both IPv4 or both IPv6", what);
	return 0;
}

int
xm_sel_check(const struct be_xfrm_sel *s, char *err, size_t errsz)
{
	if (xm_pair_check(&s->sl_src, &s->sl_dst, "selector", err,
	    errsz) < 0)
		return -1;
	/* Prefix lengths go to the kernel as they are: it says best what
	 * it takes.  They must fit the kernel's byte, though. */
	if (s->sl_src_plen > 255 || s->sl_dst_plen > 255 ||
	    s->sl_proto > 255)
		return xm_fail(err, errsz, EINVAL, "selector prefix length "
		    "or protocol out of range");
	if (s->sl_sport > 65535 || s->sl_dport > 65535)
		return xm_fail(err, errsz, EINVAL, "port out of range");
	if ((s->sl_sport != 0 || s->sl_dport != 0) && s->sl_proto == 0)
		return xm_fail(err, errsz, EINVAL, "ports need a protocol");
	return 0;
}

static int
xm_alg_check(const struct be_xfrm_alg *a, const char *what, char *err,
    size_t errsz)
{
	if (strnlen(a->al_name, sizeof(a->al_name)) == sizeof(a->al_name))
		return xm_fail(err, errsz, EINVAL, "%s algorithm name is not "
		    "terminated", what);
	if (a->al_keylen > BE_XFRM_KEYSZ)
		return xm_fail(err, errsz, EINVAL, "%s key longer than %d "
		    "bytes", what, BE_XFRM_KEYSZ);
	return 0;
}

static int
xm_sa_check_algs(const struct be_xfrm_sa *sa, char *err, size_t errsz)
{
	int aead = sa->sa_aead.al_name[0] != '\0';

	if (xm_alg_check(&sa->sa_enc, "encryption", err, errsz) < 0 ||
	    xm_alg_check(&sa->sa_auth, "integrity", err, errsz) < 0 ||
	    xm_alg_check(&sa->sa_aead, "AEAD", err, errsz) < 0)
		return -1;
	if (sa->sa_proto == BE_XFRM_PROTO_AH &&
	    (aead || sa->sa_enc.al_name[0] != '\0'))
		return xm_fail(err, errsz, EINVAL, "AH takes an integrity "
		    "algorithm only");
	if (aead && (sa->sa_enc.al_name[0] != '\0' ||
	    sa->sa_auth.al_name[0] != '\0'))
		return xm_fail(err, errsz, EINVAL, "an AEAD algorithm "
		    "excludes separate encryption and integrity");
	return 0;
}

static int
xm_encap_check(const struct be_xfrm_sa *sa, char *err, size_t errsz)
{
	const struct be_xfrm_encap *en = &sa->sa_encap;

	if (en->en_type == BE_XFRM_ENCAP_NONE)
		return 0;
	if (en->en_type != BE_XFRM_ENCAP_ESPINUDP)
		return xm_fail(err, errsz, EINVAL, "unknown encapsulation %d",
		    en->en_type);
	if (sa->sa_proto != BE_XFRM_PROTO_ESP)
		return xm_fail(err, errsz, EINVAL, "only ESP is carried in "
		    "UDP");
	if (en->en_sport == 0 || en->en_sport > 65535 || en->en_dport == 0 ||
	    en->en_dport > 65535)
		return xm_fail(err, errsz, EINVAL, "UDP encapsulation ports "
		    "must be 1-65535");
	if (en->en_oa.xa_family != 0 &&
	    en->en_oa.xa_family != sa->sa_dst.xa_family)
		return xm_fail(err, errsz, EINVAL, "NAT original address of "
		    "another family");
	return 0;
}

int
xm_sa_check(const struct be_xfrm_sa *sa, char *err, size_t errsz)
{
	if (xm_pair_check(&sa->sa_src, &sa->sa_dst, "SA", err, errsz) < 0)
		return -1;
	if (sa->sa_spi == 0)
		return xm_fail(err, errsz, EINVAL, "SPI 0 is reserved");
	if (sa->sa_proto != BE_XFRM_PROTO_ESP &&
	    sa->sa_proto != BE_XFRM_PROTO_AH)
		return xm_fail(err, errsz, EINVAL, "protocol %u is neither "
		    "ESP nor AH", sa->sa_proto);
	if (sa->sa_mode != BE_XFRM_MODE_TRANSPORT &&
	    sa->sa_mode != BE_XFRM_MODE_TUNNEL)
		return xm_fail(err, errsz, EINVAL, "unknown mode %u",
		    sa->sa_mode);
	if (sa->sa_replay_window > BE_XFRM_REPLAY_MAX)
		return xm_fail(err, errsz, EINVAL, "replay window over %d",
		    BE_XFRM_REPLAY_MAX);
	if ((sa->sa_flags & ~(unsigned)(BE_XFRM_SA_NOECN |
	    BE_XFRM_SA_DECAP_DSCP | BE_XFRM_SA_NOPMTUDISC |
	    BE_XFRM_SA_ESN)) != 0)
		return xm_fail(err, errsz, EINVAL, "unknown SA flags 0x%x",
		    sa->sa_flags);
	if (xm_reqid_check(sa->sa_reqid, err, errsz) < 0 ||
	    xm_mark_check(sa->sa_mark, "mark", err, errsz) < 0 ||
	    xm_mark_check(sa->sa_set_mark, "set-mark", err, errsz) < 0 ||
	    (sa->sa_sel.sl_src.xa_family != 0 &&
	    xm_sel_check(&sa->sa_sel, err, errsz) < 0) ||
	    xm_sa_check_algs(sa, err, errsz) < 0)
		return -1;
	return xm_encap_check(sa, err, errsz);
}

static int
xm_tmpl_check(const struct be_xfrm_tmpl *t, char *err, size_t errsz)
{
	if (t->tp_proto != BE_XFRM_PROTO_ESP && t->tp_proto !=
	    BE_XFRM_PROTO_AH)
		return xm_fail(err, errsz, EINVAL, "template protocol %u is "
		    "neither ESP nor AH", t->tp_proto);
	if (t->tp_mode != BE_XFRM_MODE_TRANSPORT &&
	    t->tp_mode != BE_XFRM_MODE_TUNNEL)
		return xm_fail(err, errsz, EINVAL, "unknown template mode %u",
		    t->tp_mode);
	if (t->tp_level < BE_XFRM_LEVEL_REQUIRE ||
	    t->tp_level > BE_XFRM_LEVEL_UNIQUE)
		return xm_fail(err, errsz, EINVAL, "unknown level %d",
		    t->tp_level);
	if ((t->tp_mode == BE_XFRM_MODE_TUNNEL ||
	    t->tp_src.xa_family != 0 || t->tp_dst.xa_family != 0) &&
	    xm_pair_check(&t->tp_src, &t->tp_dst, "tunnel", err, errsz) < 0)
		return -1;
	return xm_reqid_check(t->tp_reqid, err, errsz);
}

int
xm_pol_check(const struct be_xfrm_policy *p, char *err, size_t errsz)
{
	int i;

	if (xm_sel_check(&p->sp_sel, err, errsz) < 0 ||
	    xm_mark_check(p->sp_mark, "mark", err, errsz) < 0)
		return -1;
	if (p->sp_dir < BE_XFRM_DIR_IN || p->sp_dir > BE_XFRM_DIR_FWD)
		return xm_fail(err, errsz, EINVAL, "unknown direction %d",
		    p->sp_dir);
	if (p->sp_action != BE_XFRM_ACTION_ALLOW &&
	    p->sp_action != BE_XFRM_ACTION_BLOCK)
		return xm_fail(err, errsz, EINVAL, "unknown action %d",
		    p->sp_action);
	if (p->sp_pos >= BE_XFRM_PRIO_SPAN)
		return xm_fail(err, errsz, EINVAL, "position %u beyond "
		    "rosh's priority band", p->sp_pos);
	if (p->sp_ntmpl < 0 || p->sp_ntmpl > BE_XFRM_TMPL_MAX ||
	    (p->sp_action == BE_XFRM_ACTION_BLOCK && p->sp_ntmpl != 0))
		return xm_fail(err, errsz, EINVAL, "%d templates for this "
		    "action", p->sp_ntmpl);
	for (i = 0; i < p->sp_ntmpl; i++)
		if (xm_tmpl_check(&p->sp_tmpl[i], err, errsz) < 0)
			return -1;
	return 0;
}

int
xm_spi_check(const struct be_xfrm_addr *src, const struct be_xfrm_addr *dst,
    unsigned proto, uint32_t reqid, struct be_xfrm_mark mark, char *err,
    size_t errsz)
{
	if (xm_pair_check(src, dst, "SA", err, errsz) < 0 ||
	    xm_reqid_check(reqid, err, errsz) < 0 ||
	    xm_mark_check(mark, "mark", err, errsz) < 0)
		return -1;
	if (proto != BE_XFRM_PROTO_ESP && proto != BE_XFRM_PROTO_AH)
		return xm_fail(err, errsz, EINVAL, "protocol %u is neither "
		    "ESP nor AH", proto);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Building requests                                                  */
/* ------------------------------------------------------------------ */

/* Requests may carry keys. */
void
xm_msg_free(struct nl_msg *m)
{
	if (m == NULL)
		return;
	explicit_bzero(nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);
}

static uint64_t
xm_lim_put(uint64_t v)
{
	return v == 0 ? XFRM_INF : v;
}

static void
xm_lft_put(struct xfrm_lifetime_cfg *k, const struct be_xfrm_lifetime *l)
{
	k->soft_add_expires_seconds = l->lt_soft_sec;
	k->hard_add_expires_seconds = l->lt_hard_sec;
	k->soft_byte_limit = xm_lim_put(l->lt_soft_byte);
	k->hard_byte_limit = xm_lim_put(l->lt_hard_byte);
	k->soft_packet_limit = xm_lim_put(l->lt_soft_packet);
	k->hard_packet_limit = xm_lim_put(l->lt_hard_packet);
}

/* A window over 32 packets or ESN takes the ESN replay attribute. */
static int
xm_sa_esn(const struct be_xfrm_sa *sa)
{
	return (sa->sa_flags & BE_XFRM_SA_ESN) || sa->sa_replay_window > 32;
}

static int
xm_put_alg(struct nl_msg *m, int type, const struct be_xfrm_alg *a,
    size_t fixed)
{
	uint8_t b[sizeof(struct xfrm_algo_aead) + BE_XFRM_KEYSZ];
	uint32_t bits = a->al_keylen * 8, extra = a->al_bits;
	int e;

	if (a->al_name[0] == '\0')
		return 0;
	memset(b, 0, sizeof(b));
	memcpy(b, a->al_name, strnlen(a->al_name, BE_XFRM_ALGSZ - 1));
	memcpy(b + offsetof(struct xfrm_algo, alg_key_len), &bits,
	    sizeof(bits));
	if (fixed > sizeof(struct xfrm_algo))
		memcpy(b + sizeof(struct xfrm_algo), &extra, sizeof(extra));
	memcpy(b + fixed, a->al_key, a->al_keylen);
	e = nla_put(m, type, (int)(fixed + a->al_keylen), b);
	explicit_bzero(b, sizeof(b));
	return e;
}

static int
xm_put_esn(struct nl_msg *m, const struct be_xfrm_sa *sa)
{
	uint8_t b[sizeof(struct xfrm_replay_state_esn) +
	    BE_XFRM_REPLAY_MAX / 8];
	struct xfrm_replay_state_esn esn;

	memset(&esn, 0, sizeof(esn));
	esn.replay_window = sa->sa_replay_window;
	esn.bmp_len = (sa->sa_replay_window + 31) / 32;
	memset(b, 0, sizeof(b));
	memcpy(b, &esn, sizeof(esn));
	return nla_put(m, XFRMA_REPLAY_ESN_VAL,
	    (int)(sizeof(esn) + esn.bmp_len * sizeof(uint32_t)), b);
}

static int
xm_put_encap(struct nl_msg *m, const struct be_xfrm_sa *sa)
{
	struct xfrm_encap_tmpl k;

	if (sa->sa_encap.en_type == BE_XFRM_ENCAP_NONE)
		return 0;
	memset(&k, 0, sizeof(k));
	k.encap_type = (uint16_t)sa->sa_encap.en_type;
	k.encap_sport = htons((uint16_t)sa->sa_encap.en_sport);
	k.encap_dport = htons((uint16_t)sa->sa_encap.en_dport);
	xm_addr_put(&k.encap_oa, &sa->sa_encap.en_oa);
	return nla_put(m, XFRMA_ENCAP, sizeof(k), &k);
}

static void
xm_sa_info_put(struct xfrm_usersa_info *k, const struct be_xfrm_sa *sa)
{
	memset(k, 0, sizeof(*k));
	xm_sel_put(&k->sel, &sa->sa_sel);
	xm_addr_put(&k->id.daddr, &sa->sa_dst);
	k->id.spi = htonl(sa->sa_spi);
	k->id.proto = (uint8_t)sa->sa_proto;
	xm_addr_put(&k->saddr, &sa->sa_src);
	xm_lft_put(&k->lft, &sa->sa_lft);
	k->reqid = sa->sa_reqid;
	k->family = (uint16_t)sa->sa_dst.xa_family;
	k->mode = (uint8_t)sa->sa_mode;
	k->flags = (uint8_t)sa->sa_flags;
	if (!xm_sa_esn(sa))
		k->replay_window = (uint8_t)sa->sa_replay_window;
}

/* XFRM_MSG_NEWSA or UPDSA for sa; NULL when out of memory. */
struct nl_msg *
xm_sa_msg(const struct be_xfrm_sa *sa, int type)
{
	struct xfrm_usersa_info k;
	struct nl_msg *m;
	int e;

	m = nlmsg_alloc_simple(type, 0);
	if (m == NULL)
		return NULL;
	xm_sa_info_put(&k, sa);
	e = nlmsg_append(m, &k, sizeof(k), NLMSG_ALIGNTO);
	if (e >= 0)
		e = xm_put_alg(m, XFRMA_ALG_CRYPT, &sa->sa_enc,
		    sizeof(struct xfrm_algo));
	if (e >= 0)
		e = xm_put_alg(m, XFRMA_ALG_AUTH_TRUNC, &sa->sa_auth,
		    sizeof(struct xfrm_algo_auth));
	if (e >= 0)
		e = xm_put_alg(m, XFRMA_ALG_AEAD, &sa->sa_aead,
		    sizeof(struct xfrm_algo_aead));
	if (e >= 0)
		e = xm_put_encap(m, sa);
	if (e >= 0)
		e = xm_put_mark(m, sa->sa_mark);
	if (e >= 0 && sa->sa_set_mark.xm_m != 0)
		e = nla_put_u32(m, XFRMA_SET_MARK, sa->sa_set_mark.xm_v);
	if (e >= 0 && sa->sa_set_mark.xm_m != 0)
		e = nla_put_u32(m, XFRMA_SET_MARK_MASK, sa->sa_set_mark.xm_m);
	if (e >= 0 && xm_sa_esn(sa))
		e = xm_put_esn(m, sa);
	if (e < 0) {
		xm_msg_free(m);
		return NULL;
	}
	return m;
}

/* XFRM_MSG_GETSA or DELSA naming one SA. */
struct nl_msg *
xm_said_msg(int type, const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, uint32_t spi, unsigned proto,
    struct be_xfrm_mark mark)
{
	struct xfrm_usersa_id id;
	xfrm_address_t sa;
	struct nl_msg *m;

	m = nlmsg_alloc_simple(type, 0);
	if (m == NULL)
		return NULL;
	memset(&id, 0, sizeof(id));
	xm_addr_put(&id.daddr, dst);
	id.spi = htonl(spi);
	id.family = (uint16_t)dst->xa_family;
	id.proto = (uint8_t)proto;
	xm_addr_put(&sa, src);
	if (nlmsg_append(m, &id, sizeof(id), NLMSG_ALIGNTO) < 0 ||
	    nla_put(m, XFRMA_SRCADDR, sizeof(sa), &sa) < 0 ||
	    xm_put_mark(m, mark) < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* XFRM_MSG_ALLOCSPI asking for a larval SA with an SPI in min..max. */
struct nl_msg *
xm_spi_msg(const struct be_xfrm_addr *src, const struct be_xfrm_addr *dst,
    unsigned proto, uint32_t reqid, struct be_xfrm_mark mark, uint32_t min,
    uint32_t max)
{
	struct xfrm_userspi_info k;
	struct nl_msg *m;

	m = nlmsg_alloc_simple(XFRM_MSG_ALLOCSPI, 0);
	if (m == NULL)
		return NULL;
	memset(&k, 0, sizeof(k));
	xm_addr_put(&k.info.id.daddr, dst);
	xm_addr_put(&k.info.saddr, src);
	k.info.id.proto = (uint8_t)proto;
	k.info.family = (uint16_t)dst->xa_family;
	k.info.reqid = reqid;
	k.min = min;
	k.max = max;
	if (nlmsg_append(m, &k, sizeof(k), NLMSG_ALIGNTO) < 0 ||
	    xm_put_mark(m, mark) < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

static void
xm_tmpl_put(struct xfrm_user_tmpl *k, const struct be_xfrm_tmpl *t,
    int family)
{
	memset(k, 0, sizeof(*k));
	xm_addr_put(&k->id.daddr, &t->tp_dst);
	xm_addr_put(&k->saddr, &t->tp_src);
	k->id.proto = (uint8_t)t->tp_proto;
	k->family = (uint16_t)(t->tp_dst.xa_family ? t->tp_dst.xa_family :
	    family);
	k->reqid = t->tp_reqid;
	k->mode = (uint8_t)t->tp_mode;
	k->optional = t->tp_level == BE_XFRM_LEVEL_USE;
	k->share = t->tp_level == BE_XFRM_LEVEL_UNIQUE ? XFRM_SHARE_UNIQUE :
	    XFRM_SHARE_ANY;
	k->aalgos = k->ealgos = k->calgos = ~0u;
}

/* XFRM_MSG_NEWPOLICY or UPDPOLICY for p. */
struct nl_msg *
xm_pol_msg(const struct be_xfrm_policy *p, int type)
{
	struct xfrm_user_tmpl t[BE_XFRM_TMPL_MAX];
	struct xfrm_userpolicy_info k;
	struct nl_msg *m;
	int i, e;

	m = nlmsg_alloc_simple(type, 0);
	if (m == NULL)
		return NULL;
	memset(&k, 0, sizeof(k));
	xm_sel_put(&k.sel, &p->sp_sel);
	xm_lft_put(&k.lft, &(struct be_xfrm_lifetime){ 0 });
	k.priority = BE_XFRM_PRIO_BASE + p->sp_pos;
	k.dir = (uint8_t)p->sp_dir;
	k.action = (uint8_t)p->sp_action;
	k.share = XFRM_SHARE_ANY;
	for (i = 0; i < p->sp_ntmpl; i++)
		xm_tmpl_put(&t[i], &p->sp_tmpl[i], k.sel.family);
	e = nlmsg_append(m, &k, sizeof(k), NLMSG_ALIGNTO);
	if (e >= 0 && p->sp_ntmpl > 0)
		e = nla_put(m, XFRMA_TMPL, (int)(p->sp_ntmpl * sizeof(t[0])),
		    t);
	if (e >= 0)
		e = xm_put_mark(m, p->sp_mark);
	if (e < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* XFRM_MSG_GETPOLICY or DELPOLICY: by kernel index when index is not
 * 0, else by selector; always with direction and mark. */
struct nl_msg *
xm_polid_msg(int type, const struct be_xfrm_policy *p, uint32_t index)
{
	struct xfrm_userpolicy_id id;
	struct nl_msg *m;

	m = nlmsg_alloc_simple(type, 0);
	if (m == NULL)
		return NULL;
	memset(&id, 0, sizeof(id));
	xm_sel_put(&id.sel, &p->sp_sel);
	id.index = index;
	id.dir = (uint8_t)p->sp_dir;
	if (nlmsg_append(m, &id, sizeof(id), NLMSG_ALIGNTO) < 0 ||
	    xm_put_mark(m, p->sp_mark) < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}
