/*
 * mirror.c - rows of the menus that show the host rather than stored
 * configuration (/interface from the kernel's links, /file from the
 * files/ directory), the /log fields of :log messages, and the WAN list
 * member a fresh store gets.  Kept here so property names stay in schema/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

static void
mirror_put(const struct sch_menu *m, char **vals, const char *prop,
    const char *value)
{
	int i;

	if (value == NULL || sch_prop_find(m, prop, &i) == NULL)
		return;
	free(vals[i]);
	vals[i] = strdup(value);
}

static char **
mirror_new(const struct sch_menu *m)
{
	return calloc((size_t)sch_prop_count(m) + 1, sizeof(char *));
}

char **
sch_link_row(const struct sch_menu *m, const char *name, const char *type,
    unsigned mtu, const char *mac, int running, int disabled)
{
	char **v = mirror_new(m);
	char num[16];

	(void)disabled;
	snprintf(num, sizeof(num), "%u", mtu);
	mirror_put(m, v, "name", name);
	mirror_put(m, v, "default-name", name);
	mirror_put(m, v, "type", type);
	mirror_put(m, v, "actual-mtu", num);
	mirror_put(m, v, "mac-address", mac && mac[0] ? mac : NULL);
	mirror_put(m, v, "running", running ? "yes" : "no");
	mirror_put(m, v, "disabled", "no");
	mirror_put(m, v, "dynamic", "no");
	return v;
}

/* RouterOS names a file's type after what it holds. */
static const char *
mirror_file_type(const char *name, int isdir)
{
	size_t n = strlen(name);

	if (isdir)
		return "directory";
	if (n > 4 && strcmp(name + n - 4, ".rsc") == 0)
		return "script";
	if (n > 7 && strcmp(name + n - 7, ".backup") == 0)
		return "backup";
	if (n > 4 && strcmp(name + n - 4, ".txt") == 0)
		return ".txt file";
	return "file";
}

char **
sch_file_row(const struct sch_menu *m, const char *name, int isdir,
    long long size, const char *mtime)
{
	char **v = mirror_new(m);
	char num[32];

	snprintf(num, sizeof(num), "%lld", size);
	mirror_put(m, v, "name", name);
	mirror_put(m, v, "type", mirror_file_type(name, isdir));
	mirror_put(m, v, "size", isdir ? NULL : num);
	mirror_put(m, v, "creation-time", mtime);
	mirror_put(m, v, "last-modified", mtime);
	return v;
}

int
sch_wan_member(const char *ifname, struct sch_derived *out)
{
	memset(out, 0, sizeof(*out));
	out->menu = sch_menu_find("/interface/list/member");
	if (out->menu == NULL || ifname == NULL || ifname[0] == '\0')
		return 0;
	out->kv[0] = "list";
	out->kv[1] = "WAN";
	out->kv[2] = "interface";
	out->kv[3] = ifname;
	out->kv[4] = NULL;
	return 1;
}

const struct sch_item *
sch_factory_item(const struct sch_menu *m, long long id)
{
	const struct sch_item *it;

	for (it = m->items; it != NULL && it->kv != NULL; it++)
		if (it->id == id)
			return it;
	return NULL;
}

/* Addresses in one pool range element: A, A-B or A/M. */
static long long
mirror_range_size(const char *el)
{
	char a[64], *dash;
	unsigned lo, hi;
	int len;

	snprintf(a, sizeof(a), "%s", el);
	dash = strchr(a, '-');
	if (dash) {
		*dash = '\0';
		if (sch_ip4_parse(a, &lo) < 0 || sch_ip4_parse(dash + 1, &hi) < 0 ||
		    hi < lo)
			return 0;
		return (long long)hi - lo + 1;
	}
	if (strchr(a, '/')) {
		if (sch_ip4_prefix_parse(a, &lo, &len) < 0)
			return 0;
		return 1LL << (32 - len);
	}
	return sch_ip4_parse(a, &lo) == 0 ? 1 : 0;
}

static void
mirror_set_num(const struct sch_menu *m, char **vals, const char *prop,
    long long n)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", n);
	mirror_put(m, vals, prop, num);
}

/* /ip pool: total from ranges, used from /ip pool used. */
static void
mirror_pool(const struct sch_menu *m, char **vals, sch_count_fn count,
    void *ctx)
{
	char *copy, *tok, *save;
	long long total = 0, used = 0;
	int ri, ni;

	if (sch_prop_find(m, "ranges", &ri) == NULL || vals[ri] == NULL ||
	    sch_prop_find(m, SCH_NAME, &ni) == NULL || vals[ni] == NULL)
		return;
	copy = strdup(vals[ri]);
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save))
		total += mirror_range_size(tok);
	free(copy);
	if (count)
		used = count(ctx, "/ip/pool/used", "pool", vals[ni]);
	if (used < 0)
		used = 0;
	mirror_set_num(m, vals, "total", total);
	mirror_set_num(m, vals, "used", used);
	mirror_set_num(m, vals, "available", total - used);
}

/* /ip address: network derived from address when not given (menus.md
 * 2: print shows NETWORK for every address, not only for those added
 * with network=). */
static void
mirror_address(const struct sch_menu *m, char **vals)
{
	char net[16];
	unsigned a, mask;
	int ai, ni, len;

	if (sch_prop_find(m, "address", &ai) == NULL || vals[ai] == NULL ||
	    sch_prop_find(m, "network", &ni) == NULL || vals[ni] != NULL ||
	    sch_ip4_prefix_parse(vals[ai], &a, &len) < 0)
		return;
	mask = len ? ~0u << (32 - len) : 0;
	a &= mask;
	snprintf(net, sizeof(net), "%u.%u.%u.%u", a >> 24, (a >> 16) & 255,
	    (a >> 8) & 255, a & 255);
	mirror_put(m, vals, "network", net);
}

void
sch_compute_row(const struct sch_menu *m, char **vals, sch_count_fn count,
    void *ctx)
{
	if (strcmp(m->path, "/ip/pool") == 0)
		mirror_pool(m, vals, count, ctx);
	else if (strcmp(m->path, "/ip/address") == 0)
		mirror_address(m, vals);
}
