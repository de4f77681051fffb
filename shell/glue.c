/*
 * glue.c - hands the backend's kernel reads to the engine.
 */
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
};

const struct eng_backend *
shell_backend(void)
{
	return &glue_backend;
}
