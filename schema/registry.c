/*
 * registry.c - the list of implemented menus and the lookups on it.
 *
 * Every console word that names a menu or a property ends in
 * sch_menu_find() or sch_prop_find(), so both are hash lookups.  The
 * tables are built once, before main() runs, from the const declarations;
 * after that they are only read, so threads may share them.
 */
#include <stdint.h>
#include <string.h>

#include "menus_local.h"

/*
 * Export order: a section comes after every section it refers to, so
 * that importing an export never meets an unknown name.  Within that
 * rule the order is the one RouterOS exports use (interfaces, lists,
 * IPsec profiles/peers/proposals, pools, PPP profiles, the L2TP server,
 * list members, addresses, firewall, IPsec identities and policies,
 * routes, PPP secrets, identity, logging, users).  /ip pool moves ahead
 * of mode-config, which can name a pool.  Runtime and command-only
 * menus come last; export skips them.
 */
const struct sch_menu *const sch_menus[] = {
	&sch_m_interface,
	&sch_m_interface_l2tp_server,
	&sch_m_interface_list,
	&sch_m_ip_pool,
	&sch_m_ip_ipsec_mode_config,
	&sch_m_ip_ipsec_policy_group,
	&sch_m_ip_ipsec_profile,
	&sch_m_ip_ipsec_peer,
	&sch_m_ip_ipsec_proposal,
	&sch_m_ppp_profile,
	&sch_m_interface_l2tp_server_server,
	&sch_m_interface_list_member,
	&sch_m_ip_address,
	&sch_m_ip_firewall_address_list,
	&sch_m_ip_firewall_filter,
	&sch_m_ip_firewall_mangle,
	&sch_m_ip_firewall_nat,
	&sch_m_ip_firewall_raw,
	&sch_m_ip_ipsec_identity,
	&sch_m_ip_ipsec_policy,
	&sch_m_ip_ipsec_settings,
	&sch_m_ip_route,
	&sch_m_ppp_aaa,
	&sch_m_ppp_secret,
	&sch_m_system_identity,
	&sch_m_system_logging_action,
	&sch_m_system_logging,
	&sch_m_user_group,
	&sch_m_user,
	&sch_m_ip_pool_used,
	&sch_m_ppp_active,
	&sch_m_ip_ipsec_installed_sa,
	&sch_m_ip_ipsec_active_peers,
	&sch_m_ip_ipsec_statistics,
	&sch_m_log,
	&sch_m_file,
	&sch_m_system_backup,
	&sch_m_system_history,
	NULL
};

/* ------------------------------------------------------------------ */
/* Hash tables                                                         */
/* ------------------------------------------------------------------ */

/*
 * Open addressing with linear probing, at most half full.  Sizes are
 * powers of two with room to spare: 37 menus, about 900 properties.
 * Should the schema ever outgrow them, reg_ok stays 0 and every lookup
 * falls back to a linear scan: slower, never wrong.
 */
#define REG_MENU_SLOTS	256
#define REG_PROP_SLOTS	8192

struct reg_menu_slot {
	const struct sch_menu *rm_menu;
	int rm_nprops;
};

struct reg_prop_slot {
	const struct sch_menu *rp_menu;
	const char *rp_name;
	int rp_index;
};

static struct reg_menu_slot reg_by_path[REG_MENU_SLOTS];
static struct reg_menu_slot reg_by_ptr[REG_MENU_SLOTS];
static struct reg_prop_slot reg_props[REG_PROP_SLOTS];
static int reg_ok;

/* FNV-1a: short keys, no allocation, good enough spread. */
static uint32_t
reg_hash_str(const char *s, uint32_t h)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static uint32_t
reg_hash_ptr(const void *p)
{
	uint64_t v = (uint64_t)(uintptr_t)p;

	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdULL;
	v ^= v >> 33;
	return (uint32_t)v;
}

static uint32_t
reg_hash_prop(const struct sch_menu *m, const char *name)
{
	return reg_hash_str(name, reg_hash_ptr(m) | 1u);
}

static int
reg_count_props(const struct sch_menu *m)
{
	int n = 0;

	while (m->props != NULL && m->props[n].name != NULL)
		n++;
	return n;
}

static int
reg_add_menu(const struct sch_menu *m, int nprops, int *used)
{
	uint32_t i;

	if (2 * (*used + 1) > REG_MENU_SLOTS)
		return -1;
	i = reg_hash_str(m->path, 2166136261u) & (REG_MENU_SLOTS - 1);
	while (reg_by_path[i].rm_menu != NULL)
		i = (i + 1) & (REG_MENU_SLOTS - 1);
	reg_by_path[i].rm_menu = m;
	reg_by_path[i].rm_nprops = nprops;
	i = reg_hash_ptr(m) & (REG_MENU_SLOTS - 1);
	while (reg_by_ptr[i].rm_menu != NULL)
		i = (i + 1) & (REG_MENU_SLOTS - 1);
	reg_by_ptr[i].rm_menu = m;
	reg_by_ptr[i].rm_nprops = nprops;
	(*used)++;
	return 0;
}

static int
reg_add_props(const struct sch_menu *m, int nprops, int *used)
{
	uint32_t h;
	int k;

	if (2 * (*used + nprops) > REG_PROP_SLOTS)
		return -1;
	for (k = 0; k < nprops; k++) {
		h = reg_hash_prop(m, m->props[k].name) & (REG_PROP_SLOTS - 1);
		while (reg_props[h].rp_menu != NULL)
			h = (h + 1) & (REG_PROP_SLOTS - 1);
		reg_props[h].rp_menu = m;
		reg_props[h].rp_name = m->props[k].name;
		reg_props[h].rp_index = k;
	}
	*used += nprops;
	return 0;
}

/*
 * Built before main(): the lookups are then pure reads, with no lazy
 * initialisation to race on.  A menu listed twice or a property declared
 * twice is a schema bug the unit test catches; here the first one wins.
 */
__attribute__((constructor)) static void
reg_init(void)
{
	int i, n, menus = 0, props = 0;

	for (i = 0; sch_menus[i] != NULL; i++) {
		n = reg_count_props(sch_menus[i]);
		if (reg_add_menu(sch_menus[i], n, &menus) < 0 ||
		    reg_add_props(sch_menus[i], n, &props) < 0)
			return;
	}
	reg_ok = 1;
}

/* ------------------------------------------------------------------ */
/* Lookups                                                             */
/* ------------------------------------------------------------------ */

const struct sch_menu *
sch_menu_find(const char *path)
{
	uint32_t i;
	int k;

	if (path == NULL)
		return NULL;
	if (!reg_ok) {
		for (k = 0; sch_menus[k] != NULL; k++)
			if (strcmp(sch_menus[k]->path, path) == 0)
				return sch_menus[k];
		return NULL;
	}
	i = reg_hash_str(path, 2166136261u) & (REG_MENU_SLOTS - 1);
	for (; reg_by_path[i].rm_menu != NULL;
	    i = (i + 1) & (REG_MENU_SLOTS - 1))
		if (strcmp(reg_by_path[i].rm_menu->path, path) == 0)
			return reg_by_path[i].rm_menu;
	return NULL;
}

/* Slot of a registered menu, or NULL for one built elsewhere (tests). */
static const struct reg_menu_slot *
reg_menu_slot(const struct sch_menu *m)
{
	uint32_t i;

	if (!reg_ok)
		return NULL;
	i = reg_hash_ptr(m) & (REG_MENU_SLOTS - 1);
	for (; reg_by_ptr[i].rm_menu != NULL;
	    i = (i + 1) & (REG_MENU_SLOTS - 1))
		if (reg_by_ptr[i].rm_menu == m)
			return &reg_by_ptr[i];
	return NULL;
}

static const struct sch_prop *
reg_prop_scan(const struct sch_menu *m, const char *name, int *index)
{
	int k;

	for (k = 0; m->props != NULL && m->props[k].name != NULL; k++) {
		if (strcmp(m->props[k].name, name) == 0) {
			if (index != NULL)
				*index = k;
			return &m->props[k];
		}
	}
	return NULL;
}

/*
 * Probe first: a hit needs no more.  Only a miss asks whether m is one of
 * ours, since a menu built elsewhere (a test's) has no entries here.
 */
const struct sch_prop *
sch_prop_find(const struct sch_menu *m, const char *name, int *index)
{
	const struct reg_prop_slot *s;
	uint32_t h;

	if (m == NULL || name == NULL)
		return NULL;
	if (!reg_ok)
		return reg_prop_scan(m, name, index);
	h = reg_hash_prop(m, name) & (REG_PROP_SLOTS - 1);
	for (; reg_props[h].rp_menu != NULL;
	    h = (h + 1) & (REG_PROP_SLOTS - 1)) {
		s = &reg_props[h];
		if (s->rp_menu == m && strcmp(s->rp_name, name) == 0) {
			if (index != NULL)
				*index = s->rp_index;
			return &m->props[s->rp_index];
		}
	}
	return reg_menu_slot(m) == NULL ? reg_prop_scan(m, name, index) : NULL;
}

int
sch_prop_count(const struct sch_menu *m)
{
	const struct reg_menu_slot *s;

	if (m == NULL)
		return 0;
	s = reg_menu_slot(m);
	return s != NULL ? s->rm_nprops : reg_count_props(m);
}
