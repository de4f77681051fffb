/*
 * glue.c - hands the backend's kernel reads and writes to the engine.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "shell.h"

static int
glue_link_list(void *ctx, struct eng_link **out, int *n, char *err,
    size_t errsz)
{
	struct be_link *bl = NULL;
	int i, cnt = 0;

	(void)ctx;
	*out = NULL;
	*n = 0;
	if (be_link_list(&bl, &cnt, err, errsz) < 0)
		return -1;
	*out = calloc((size_t)cnt + 1, sizeof(**out));
	if (*out == NULL) {
		free(bl);
		return -1;
	}
	for (i = 0; i < cnt; i++) {
		struct eng_link *l = &(*out)[i];

		l->ifindex = bl[i].ifindex;
		memcpy(l->name, bl[i].name, sizeof(l->name));
		memcpy(l->type, bl[i].type, sizeof(l->type));
		l->mtu = bl[i].mtu;
		memcpy(l->mac, bl[i].mac, sizeof(l->mac));
		l->up = bl[i].up;
		l->running = bl[i].running;
		l->rx_byte = bl[i].rx_byte;
		l->tx_byte = bl[i].tx_byte;
		l->rx_packet = bl[i].rx_packet;
		l->tx_packet = bl[i].tx_packet;
		l->rx_drop = bl[i].rx_drop;
		l->tx_drop = bl[i].tx_drop;
		l->rx_error = bl[i].rx_error;
		l->tx_error = bl[i].tx_error;
	}
	*n = cnt;
	free(bl);
	return 0;
}

static int
glue_default_route(void *ctx, char *ifname, size_t sz)
{
	(void)ctx;
	return be_link_default_route(ifname, sz);
}

/* ------------------------------------------------------------------ */
/* /ip address and /ip route                                           */
/* ------------------------------------------------------------------ */

static void
glue_addr_to_be(const struct eng_addr *a, struct be_addr *b)
{
	memset(b, 0, sizeof(*b));
	b->ifindex = a->ifindex;
	b->local = a->local;
	b->prefixlen = a->prefixlen;
	b->peer = a->peer;
	b->broadcast = a->broadcast;
}

static int
glue_addr_list(void *ctx, struct eng_addr **out, int *n, char *err,
    size_t errsz)
{
	struct be_addr *ba = NULL;
	int i, cnt = 0;

	(void)ctx;
	*out = NULL;
	*n = 0;
	if (be_addr_list(&ba, &cnt, err, errsz) < 0)
		return -1;
	*out = calloc((size_t)cnt + 1, sizeof(**out));
	if (*out == NULL) {
		free(ba);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (i = 0; i < cnt; i++) {
		(*out)[i].ifindex = ba[i].ifindex;
		(*out)[i].local = ba[i].local;
		(*out)[i].prefixlen = ba[i].prefixlen;
		(*out)[i].peer = ba[i].peer;
		(*out)[i].broadcast = ba[i].broadcast;
	}
	*n = cnt;
	free(ba);
	return 0;
}

static int
glue_addr_add(void *ctx, const struct eng_addr *a, char *err, size_t errsz)
{
	struct be_addr b;

	(void)ctx;
	glue_addr_to_be(a, &b);
	return be_addr_add(&b, err, errsz);
}

static int
glue_addr_del(void *ctx, const struct eng_addr *a, char *err, size_t errsz)
{
	struct be_addr b;

	(void)ctx;
	glue_addr_to_be(a, &b);
	return be_addr_del(&b, err, errsz);
}

/* Table numbers pass through unchanged. */
_Static_assert(ENG_ROUTE_TABLE_MAIN == BE_ROUTE_TABLE_MAIN,
    "main table numbers differ");

static void
glue_route_to_be(const struct eng_route *r, struct be_route *b)
{
	memset(b, 0, sizeof(*b));
	b->dst = r->dst;
	b->dst_len = r->dst_len;
	b->gateway = r->gateway;
	b->oif = r->oif;
	b->pref_src = r->pref_src;
	b->metric = r->metric;
	b->table = r->table;
	b->blackhole = r->blackhole;
}

static int
glue_route_list(void *ctx, struct eng_route **out, int *n, char *err,
    size_t errsz)
{
	struct be_route *br = NULL;
	int i, cnt = 0;

	(void)ctx;
	*out = NULL;
	*n = 0;
	if (be_route_list(&br, &cnt, err, errsz) < 0)
		return -1;
	*out = calloc((size_t)cnt + 1, sizeof(**out));
	if (*out == NULL) {
		free(br);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (i = 0; i < cnt; i++) {
		(*out)[i].dst = br[i].dst;
		(*out)[i].dst_len = br[i].dst_len;
		(*out)[i].gateway = br[i].gateway;
		(*out)[i].oif = br[i].oif;
		(*out)[i].pref_src = br[i].pref_src;
		(*out)[i].metric = br[i].metric;
		(*out)[i].table = br[i].table;
		(*out)[i].blackhole = br[i].blackhole;
	}
	*n = cnt;
	free(br);
	return 0;
}

static int
glue_route_add(void *ctx, const struct eng_route *r, char *err,
    size_t errsz)
{
	struct be_route b;

	(void)ctx;
	glue_route_to_be(r, &b);
	return be_route_add(&b, err, errsz);
}

static int
glue_route_del(void *ctx, const struct eng_route *r, char *err,
    size_t errsz)
{
	struct be_route b;

	(void)ctx;
	glue_route_to_be(r, &b);
	return be_route_del(&b, err, errsz);
}

static int
glue_nft_apply(void *ctx, const char *script, int dry_run, char *err,
    size_t errsz)
{
	(void)ctx;
	return be_nft_apply(script, dry_run, err, errsz);
}

static int
glue_nft_delete_table(void *ctx, const char *table, char *err, size_t errsz)
{
	(void)ctx;
	return be_nft_delete_table(table, err, errsz);
}

static int
glue_nft_flowtable_supported(void *ctx)
{
	(void)ctx;
	return be_nft_flowtable_supported();
}

/* ------------------------------------------------------------------ */
/* Runtime views: nft counters and set elements                        */
/* ------------------------------------------------------------------ */

static int
glue_nft_counters(void *ctx, const char *table, struct eng_nft_counter **out,
    int *n, char *err, size_t errsz)
{
	struct be_nft_counter *bc = NULL;
	int i, cnt = 0;

	(void)ctx;
	*out = NULL;
	*n = 0;
	if (be_nft_counters(table, &bc, &cnt, err, errsz) < 0)
		return -1;
	*out = calloc((size_t)cnt + 1, sizeof(**out));
	if (*out == NULL) {
		free(bc);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (i = 0; i < cnt; i++) {
		snprintf((*out)[i].chain, sizeof((*out)[i].chain), "%s",
		    bc[i].chain);
		(*out)[i].id = bc[i].id;
		(*out)[i].packets = bc[i].packets;
		(*out)[i].bytes = bc[i].bytes;
	}
	*n = cnt;
	free(bc);
	return 0;
}

static int
glue_nft_set_elems(void *ctx, const char *table, const char *set,
    struct eng_nft_elem **out, int *n, char *err, size_t errsz)
{
	struct be_nft_elem *be = NULL;
	int i, cnt = 0;

	(void)ctx;
	*out = NULL;
	*n = 0;
	if (be_nft_set_elems(table, set, &be, &cnt, err, errsz) < 0)
		return -1;
	*out = calloc((size_t)cnt + 1, sizeof(**out));
	if (*out == NULL) {
		free(be);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (i = 0; i < cnt; i++) {
		(*out)[i].lo = be[i].lo;
		(*out)[i].hi = be[i].hi;
		(*out)[i].timeout_ms = be[i].timeout_ms;
		(*out)[i].expires_ms = be[i].expires_ms;
	}
	*n = cnt;
	free(be);
	return 0;
}

/* ------------------------------------------------------------------ */
/* IPsec (XFRM)                                                        */
/* ------------------------------------------------------------------ */

/* The engine's numbers are the backend's. */
_Static_assert(ENG_XFRM_REQID_SHARED >= BE_XFRM_REQID_MIN &&
    ENG_XFRM_REQID_SHARED <= BE_XFRM_REQID_MAX, "shared reqid not rosh's");
_Static_assert(ENG_XFRM_PROTO_ESP == BE_XFRM_PROTO_ESP &&
    ENG_XFRM_PROTO_AH == BE_XFRM_PROTO_AH, "protocol numbers differ");
_Static_assert(ENG_XFRM_LEVEL_REQUIRE == BE_XFRM_LEVEL_REQUIRE &&
    ENG_XFRM_LEVEL_USE == BE_XFRM_LEVEL_USE &&
    ENG_XFRM_LEVEL_UNIQUE == BE_XFRM_LEVEL_UNIQUE, "levels differ");
_Static_assert(ENG_XFRM_DIR_IN == BE_XFRM_DIR_IN &&
    ENG_XFRM_DIR_OUT == BE_XFRM_DIR_OUT &&
    ENG_XFRM_DIR_FWD == BE_XFRM_DIR_FWD, "directions differ");
_Static_assert(ENG_XFRM_TMPL_MAX == BE_XFRM_TMPL_MAX, "template counts");
_Static_assert(ENG_XFRM_STATE_LARVAL == BE_XFRM_STATE_LARVAL &&
    ENG_XFRM_STATE_MATURE == BE_XFRM_STATE_MATURE &&
    ENG_XFRM_STATE_DYING == BE_XFRM_STATE_DYING, "SA states differ");

static void
glue_xa_to_be(const struct eng_xfrm_addr *a, struct be_xfrm_addr *b)
{
	b->xa_family = a->family;
	memcpy(b->xa_addr, a->addr, sizeof(b->xa_addr));
}

static void
glue_xa_from_be(const struct be_xfrm_addr *b, struct eng_xfrm_addr *a)
{
	a->family = b->xa_family;
	memcpy(a->addr, b->xa_addr, sizeof(a->addr));
}

static void
glue_pol_to_be(const struct eng_xfrm_policy *p, struct be_xfrm_policy *b)
{
	int i;

	memset(b, 0, sizeof(*b));
	glue_xa_to_be(&p->sel.src, &b->sp_sel.sl_src);
	glue_xa_to_be(&p->sel.dst, &b->sp_sel.sl_dst);
	b->sp_sel.sl_src_plen = p->sel.src_plen;
	b->sp_sel.sl_dst_plen = p->sel.dst_plen;
	b->sp_sel.sl_proto = p->sel.proto;
	b->sp_sel.sl_sport = p->sel.sport;
	b->sp_sel.sl_dport = p->sel.dport;
	b->sp_mark.xm_v = p->mark_v;
	b->sp_mark.xm_m = p->mark_m;
	b->sp_dir = p->dir;
	b->sp_action = p->block ? BE_XFRM_ACTION_BLOCK :
	    BE_XFRM_ACTION_ALLOW;
	b->sp_pos = p->pos;
	b->sp_ntmpl = p->ntmpl;
	for (i = 0; i < p->ntmpl && i < BE_XFRM_TMPL_MAX; i++) {
		glue_xa_to_be(&p->tmpl[i].src, &b->sp_tmpl[i].tp_src);
		glue_xa_to_be(&p->tmpl[i].dst, &b->sp_tmpl[i].tp_dst);
		b->sp_tmpl[i].tp_proto = p->tmpl[i].proto;
		b->sp_tmpl[i].tp_mode = p->tmpl[i].tunnel ?
		    BE_XFRM_MODE_TUNNEL : BE_XFRM_MODE_TRANSPORT;
		b->sp_tmpl[i].tp_reqid = p->tmpl[i].reqid;
		b->sp_tmpl[i].tp_level = p->tmpl[i].level;
	}
}

static void
glue_pol_from_be(const struct be_xfrm_policy *b, struct eng_xfrm_policy *p)
{
	int i;

	memset(p, 0, sizeof(*p));
	glue_xa_from_be(&b->sp_sel.sl_src, &p->sel.src);
	glue_xa_from_be(&b->sp_sel.sl_dst, &p->sel.dst);
	p->sel.src_plen = b->sp_sel.sl_src_plen;
	p->sel.dst_plen = b->sp_sel.sl_dst_plen;
	p->sel.proto = b->sp_sel.sl_proto;
	p->sel.sport = b->sp_sel.sl_sport;
	p->sel.dport = b->sp_sel.sl_dport;
	p->mark_v = b->sp_mark.xm_v;
	p->mark_m = b->sp_mark.xm_m;
	p->dir = b->sp_dir;
	p->block = b->sp_action == BE_XFRM_ACTION_BLOCK;
	p->pos = b->sp_pos;
	p->ntmpl = b->sp_ntmpl;
	for (i = 0; i < b->sp_ntmpl && i < ENG_XFRM_TMPL_MAX; i++) {
		glue_xa_from_be(&b->sp_tmpl[i].tp_src, &p->tmpl[i].src);
		glue_xa_from_be(&b->sp_tmpl[i].tp_dst, &p->tmpl[i].dst);
		p->tmpl[i].proto = b->sp_tmpl[i].tp_proto;
		p->tmpl[i].tunnel = b->sp_tmpl[i].tp_mode ==
		    BE_XFRM_MODE_TUNNEL;
		p->tmpl[i].reqid = b->sp_tmpl[i].tp_reqid;
		p->tmpl[i].level = b->sp_tmpl[i].tp_level;
	}
}

static int
glue_xfrm_policy_list(void *ctx, struct eng_xfrm_policy **out, int *n,
    char *err, size_t errsz)
{
	struct be_xfrm_policy_info *bp = NULL;
	int i, cnt = 0;

	(void)ctx;
	*out = NULL;
	*n = 0;
	if (be_xfrm_policy_list_own(&bp, &cnt, err, errsz) < 0)
		return -1;
	*out = calloc((size_t)cnt + 1, sizeof(**out));
	if (*out == NULL) {
		free(bp);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (i = 0; i < cnt; i++)
		glue_pol_from_be(&bp[i].pi_pol, &(*out)[i]);
	*n = cnt;
	free(bp);
	return 0;
}

static int
glue_xfrm_policy_add(void *ctx, const struct eng_xfrm_policy *p, char *err,
    size_t errsz)
{
	struct be_xfrm_policy b;

	(void)ctx;
	glue_pol_to_be(p, &b);
	return be_xfrm_policy_add(&b, err, errsz);
}

static int
glue_xfrm_policy_update(void *ctx, const struct eng_xfrm_policy *p,
    char *err, size_t errsz)
{
	struct be_xfrm_policy b;

	(void)ctx;
	glue_pol_to_be(p, &b);
	return be_xfrm_policy_update(&b, err, errsz);
}

static int
glue_xfrm_policy_del(void *ctx, const struct eng_xfrm_policy *p, char *err,
    size_t errsz)
{
	struct be_xfrm_policy b;

	(void)ctx;
	glue_pol_to_be(p, &b);
	return be_xfrm_policy_del(&b, err, errsz);
}

static int
glue_xfrm_reqid_unused(void *ctx, unsigned *reqid, char *err, size_t errsz)
{
	uint32_t r;

	(void)ctx;
	if (be_xfrm_reqid_unused(&r, err, errsz) < 0)
		return -1;
	*reqid = r;
	return 0;
}

static void
glue_alg(const struct be_xfrm_alg *a, char *name, size_t namesz,
    unsigned char *key, size_t keysz, unsigned *keylen)
{
	snprintf(name, namesz, "%s", a->al_name);
	*keylen = a->al_keylen < keysz ? a->al_keylen : (unsigned)keysz;
	memcpy(key, a->al_key, *keylen);
}

static void
glue_sa_from_be(const struct be_xfrm_sa_info *b, struct eng_xfrm_sa *s)
{
	const struct be_xfrm_sa *sa = &b->si_sa;

	memset(s, 0, sizeof(*s));
	glue_xa_from_be(&sa->sa_src, &s->src);
	glue_xa_from_be(&sa->sa_dst, &s->dst);
	s->spi = sa->sa_spi;
	s->proto = sa->sa_proto;
	s->reqid = sa->sa_reqid;
	s->tunnel = sa->sa_mode == BE_XFRM_MODE_TUNNEL;
	if (sa->sa_encap.en_type != BE_XFRM_ENCAP_NONE) {
		s->encap_sport = sa->sa_encap.en_sport;
		s->encap_dport = sa->sa_encap.en_dport;
	}
	s->state = b->si_state;
	s->aead = sa->sa_aead.al_name[0] != '\0';
	glue_alg(s->aead ? &sa->sa_aead : &sa->sa_enc, s->enc, sizeof(s->enc),
	    s->enc_key, sizeof(s->enc_key), &s->enc_keylen);
	glue_alg(&sa->sa_auth, s->auth, sizeof(s->auth), s->auth_key,
	    sizeof(s->auth_key), &s->auth_keylen);
	s->add_time = b->si_add_time;
	s->soft_sec = sa->sa_lft.lt_soft_sec;
	s->hard_sec = sa->sa_lft.lt_hard_sec;
	s->bytes = b->si_bytes;
	s->packets = b->si_packets;
	s->invalid = (unsigned long long)b->si_replay +
	    b->si_replay_window + b->si_integrity_failed;
	s->replay_window = sa->sa_replay_window;
	s->seen = b->si_use_time != 0;
	s->offload = b->si_offload;
}

static int
glue_xfrm_sa_list(void *ctx, struct eng_xfrm_sa **out, int *n, char *err,
    size_t errsz)
{
	struct be_xfrm_sa_info *bs = NULL;
	int i, cnt = 0;

	(void)ctx;
	*out = NULL;
	*n = 0;
	if (be_xfrm_sa_list_own(&bs, &cnt, err, errsz) < 0)
		return -1;
	*out = calloc((size_t)cnt + 1, sizeof(**out));
	if (*out == NULL) {
		be_xfrm_sa_info_free(bs, cnt);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (i = 0; i < cnt; i++)
		glue_sa_from_be(&bs[i], &(*out)[i]);
	*n = cnt;
	be_xfrm_sa_info_free(bs, cnt);
	return 0;
}

/* Every SA of rosh's, one delete each: be_xfrm_flush_own() would take
 * the policies too, and traffic they protect must never go out in the
 * clear while they are put back. */
static int
glue_xfrm_sa_flush(void *ctx, int *removed, char *err, size_t errsz)
{
	struct be_xfrm_sa_info *bs = NULL;
	const struct be_xfrm_sa *sa;
	char why[256];
	int i, cnt = 0, rc = 0;

	(void)ctx;
	*removed = 0;
	if (be_xfrm_sa_list_own(&bs, &cnt, err, errsz) < 0)
		return -1;
	for (i = 0; i < cnt; i++) {
		sa = &bs[i].si_sa;
		if (be_xfrm_sa_del(&sa->sa_src, &sa->sa_dst, sa->sa_spi,
		    sa->sa_proto, sa->sa_mark, why, sizeof(why)) == 0)
			(*removed)++;
		else if (errno != ENOENT && rc == 0) {
			snprintf(err, errsz, "%s", why);
			rc = -1;
		}
	}
	be_xfrm_sa_info_free(bs, cnt);
	return rc;
}

static int
glue_xfrm_stats(void *ctx, struct eng_xfrm_stats *out, char *err,
    size_t errsz)
{
	struct be_xfrm_stats b;
	int i = 0;

	(void)ctx;
	if (be_xfrm_stats(&b, err, errsz) < 0)
		return -1;
	/* struct be_xfrm_stats lists RouterOS's counters first, in
	 * RouterOS's order (backend.h). */
	out->v[i++] = b.in_errors;
	out->v[i++] = b.in_buffer_errors;
	out->v[i++] = b.in_header_errors;
	out->v[i++] = b.in_no_states;
	out->v[i++] = b.in_state_protocol_errors;
	out->v[i++] = b.in_state_mode_errors;
	out->v[i++] = b.in_state_sequence_errors;
	out->v[i++] = b.in_state_expired;
	out->v[i++] = b.in_state_mismatches;
	out->v[i++] = b.in_state_invalid;
	out->v[i++] = b.in_template_mismatches;
	out->v[i++] = b.in_no_policies;
	out->v[i++] = b.in_policy_blocked;
	out->v[i++] = b.in_policy_errors;
	out->v[i++] = b.out_errors;
	out->v[i++] = b.out_bundle_errors;
	out->v[i++] = b.out_bundle_check_errors;
	out->v[i++] = b.out_no_states;
	out->v[i++] = b.out_state_protocol_errors;
	out->v[i++] = b.out_state_mode_errors;
	out->v[i++] = b.out_state_sequence_errors;
	out->v[i++] = b.out_state_expired;
	out->v[i++] = b.out_policy_blocked;
	out->v[i++] = b.out_policy_dead;
	out->v[i++] = b.out_policy_errors;
	_Static_assert(ENG_XFRM_NSTATS == 25, "statistics count");
	return 0;
}

static const struct eng_backend glue_backend = {
	.ctx = NULL,
	.link_list = glue_link_list,
	.default_route_ifname = glue_default_route,
	.nft_apply = glue_nft_apply,
	.nft_delete_table = glue_nft_delete_table,
	.nft_flowtable_supported = glue_nft_flowtable_supported,
	.addr_list = glue_addr_list,
	.addr_add = glue_addr_add,
	.addr_del = glue_addr_del,
	.route_list = glue_route_list,
	.route_add = glue_route_add,
	.route_del = glue_route_del,
	.nft_counters = glue_nft_counters,
	.nft_set_elems = glue_nft_set_elems,
	.xfrm_policy_list = glue_xfrm_policy_list,
	.xfrm_policy_add = glue_xfrm_policy_add,
	.xfrm_policy_update = glue_xfrm_policy_update,
	.xfrm_policy_del = glue_xfrm_policy_del,
	.xfrm_reqid_unused = glue_xfrm_reqid_unused,
	.xfrm_sa_list = glue_xfrm_sa_list,
	.xfrm_sa_flush = glue_xfrm_sa_flush,
	.xfrm_stats = glue_xfrm_stats,
};

const struct eng_backend *
shell_backend(void)
{
	return &glue_backend;
}
