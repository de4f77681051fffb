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
};

const struct eng_backend *
shell_backend(void)
{
	return &glue_backend;
}
