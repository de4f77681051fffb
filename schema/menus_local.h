/*
 * menus_local.h - what the menu declaration files of schema/ share:
 * the menu entries registry.c lists, and the few properties, flag
 * letters and command sets that nearly every menu has.  Spelling them
 * once here keeps "disabled" or "comment" from drifting apart between
 * menus.  Not for use outside schema/.
 */
#ifndef ROSH_MENUS_LOCAL_H
#define ROSH_MENUS_LOCAL_H

#include <limits.h>

#include "schema.h"

/* ------------------------------------------------------------------ */
/* Menu entries (one per implemented menu, named after its SQL table)  */
/* ------------------------------------------------------------------ */

/* menus_ip.c */
extern const struct sch_menu sch_m_ip_pool, sch_m_ip_pool_used,
    sch_m_ip_address, sch_m_ip_route;
/* menus_interface.c */
extern const struct sch_menu sch_m_interface, sch_m_interface_list,
    sch_m_interface_list_member, sch_m_interface_l2tp_server_server,
    sch_m_interface_l2tp_server;
/* menus_ppp.c */
extern const struct sch_menu sch_m_ppp_profile, sch_m_ppp_secret,
    sch_m_ppp_active, sch_m_ppp_aaa;
/* menus_ipsec.c */
extern const struct sch_menu sch_m_ip_ipsec_profile,
    sch_m_ip_ipsec_proposal, sch_m_ip_ipsec_peer, sch_m_ip_ipsec_identity,
    sch_m_ip_ipsec_policy, sch_m_ip_ipsec_policy_group,
    sch_m_ip_ipsec_mode_config, sch_m_ip_ipsec_installed_sa,
    sch_m_ip_ipsec_active_peers, sch_m_ip_ipsec_statistics,
    sch_m_ip_ipsec_settings;
/* menus_firewall.c */
extern const struct sch_menu sch_m_ip_firewall_filter,
    sch_m_ip_firewall_nat, sch_m_ip_firewall_mangle, sch_m_ip_firewall_raw,
    sch_m_ip_firewall_address_list;
/* menus_system.c */
extern const struct sch_menu sch_m_system_logging,
    sch_m_system_logging_action, sch_m_log, sch_m_system_identity,
    sch_m_system_backup, sch_m_user, sch_m_user_group, sch_m_file,
    sch_m_system_history;

/* ------------------------------------------------------------------ */
/* Properties shared by many menus                                     */
/* ------------------------------------------------------------------ */

/* Help lines are the command tree's own descriptions. */
#define SCH_P_COMMENT \
	{ .name = SCH_COMMENT, .type = ST_STRING, .flags = P_UNSET, \
	  .help = "Short description of the item" }

#define SCH_P_DISABLED \
	{ .name = SCH_DISABLED, .type = ST_BOOL, .dflt = "no", \
	  .flags = P_FLAG, .help = "Defines whether item is ignored or used" }

/* Item name: mandatory, unique, and what `find name=` filters on. */
#define SCH_P_NAME(h) \
	{ .name = SCH_NAME, .type = ST_NAME, \
	  .flags = P_REQUIRED | P_UNIQUE | P_INDEX, .help = (h) }

/* A state the system reports as a flag letter; never set by the user. */
#define SCH_P_STATE(n, h) \
	{ .name = (n), .type = ST_BOOL, .flags = P_RO | P_FLAG, .help = (h) }

#define SCH_P_DYNAMIC	SCH_P_STATE(SCH_DYNAMIC, \
	"Created by the system or another service")
#define SCH_P_DEFAULT	SCH_P_STATE(SCH_DEFAULT, \
	"Factory item: can be changed but not removed")
#define SCH_P_INVALID	SCH_P_STATE(SCH_INVALID, \
	"Cannot be used as configured (refers to something missing)")

/* A runtime value published by roshd (counters, states, timestamps). */
#define SCH_P_RT(n, t, h) \
	{ .name = (n), .type = (t), .flags = P_RO, .help = (h) }

/* A runtime counter: shown by `print stats`, not by plain print. */
#define SCH_P_STAT(n, h) \
	{ .name = (n), .type = ST_INT, .flags = P_RO | P_STATS, .help = (h) }

/* ------------------------------------------------------------------ */
/* Flag letters                                                         */
/* ------------------------------------------------------------------ */

#define SCH_F_DISABLED(slot)	{ 'X', "DISABLED", SCH_DISABLED, (slot) }
#define SCH_F_INVALID(slot)	{ 'I', "INVALID", SCH_INVALID, (slot) }
#define SCH_F_DYNAMIC(slot)	{ 'D', "DYNAMIC", SCH_DYNAMIC, (slot) }
#define SCH_F_DEFAULT(slot)	{ '*', "DEFAULT", SCH_DEFAULT, (slot) }

/* ------------------------------------------------------------------ */
/* Command sets of the tree                                             */
/* ------------------------------------------------------------------ */

/* What every configurable list menu of the tree offers. */
#define SCH_CMDS_ITEMS \
	"add", "comment", "edit", "export", "find", "get", "print", \
	"remove", "reset", "set"
/* Single-object settings menus. */
#define SCH_CMDS_SETTINGS "edit", "export", "get", "print", "reset", "set"
/* Menus whose items carry the disabled flag. */
#define SCH_CMDS_TOGGLE	"disable", "enable"

#endif /* ROSH_MENUS_LOCAL_H */
