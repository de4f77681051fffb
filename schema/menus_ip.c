/*
 * menus_ip.c - /ip pool, /ip pool used, /ip address and /ip route.
 *
 * Properties are listed in the order RouterOS prints them in detail
 * output; names and value sets follow the 7.21.5 command tree, defaults
 * and meanings menus.md sections 1-3.
 */
#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* /ip pool                                                            */
/* ------------------------------------------------------------------ */

static const char *const pool_none[] = { "none", NULL };

static const struct sch_prop pool_props[] = {
	SCH_P_NAME("Name of the IP pool"),
	{ .name = "ranges", .type = ST_IP_RANGES, .flags = P_REQUIRED,
	  .help = "IP pool's ranges" },
	/* Unset means no fallback; `none` is how the tree clears it. */
	{ .name = "next-pool", .type = ST_REF, .ref = "/ip/pool",
	  .words = pool_none, .flags = P_UNSET,
	  .help = "Next pool range" },
	SCH_P_COMMENT,
	/* Computed by the engine from ranges and /ip pool used. */
	SCH_P_RT("total", ST_INT, "Number of addresses in ranges"),
	SCH_P_RT("used", ST_INT, "Used pools"),
	SCH_P_RT("available", ST_INT, "Addresses still free (total - used)"),
	{ .name = NULL }
};

static const char *const pool_columns[] = {
	SCH_NAME, "ranges", "total", "used", "available", NULL
};

static const char *const pool_cmds[] = { SCH_CMDS_ITEMS, NULL };

const struct sch_menu sch_m_ip_pool = {
	.path = "/ip/pool",
	.table = "ip_pool",
	.flags = M_LIST,
	.props = pool_props,
	.columns = pool_columns,
	.name_prop = SCH_NAME,
	.commands = pool_cmds,
	.help = "Address pools handed out to PPP clients",
	.export_rank = 40,
};

/* ------------------------------------------------------------------ */
/* /ip pool used (runtime)                                             */
/* ------------------------------------------------------------------ */

static const struct sch_prop pool_used_props[] = {
	{ .name = "pool", .type = ST_REF, .ref = "/ip/pool", .flags = P_RO,
	  .help = "Pool the address came from" },
	{ .name = "address", .type = ST_IP, .flags = P_RO | P_INDEX,
	  .help = "Leased address" },
	SCH_P_RT("owner", ST_STRING, "Service that took the address"),
	SCH_P_RT("info", ST_STRING, "Holder of the address (PPP user name)"),
	{ .name = NULL }
};

static const char *const pool_used_columns[] = {
	"pool", "address", "owner", "info", NULL
};

/* The tree offers set/reset here, but nothing in the menu is settable. */
static const char *const pool_used_cmds[] = {
	"edit", "find", "get", "print", "reset", "set", NULL
};

const struct sch_menu sch_m_ip_pool_used = {
	.path = "/ip/pool/used",
	.table = "ip_pool_used",
	.flags = M_LIST | M_RUNTIME | M_READONLY | M_NOT_EXPORTED,
	.props = pool_used_props,
	.columns = pool_used_columns,
	.commands = pool_used_cmds,
	.help = "Addresses currently leased from the pools",
	.export_rank = 900,
};

/* ------------------------------------------------------------------ */
/* /ip address                                                         */
/* ------------------------------------------------------------------ */

static const struct sch_prop address_props[] = {
	{ .name = "address", .type = ST_IP_PREFIX,
	  .flags = P_REQUIRED | P_INDEX, .help = "Local IP address" },
	/* Derived from address when not given; for a /32 it holds the
	 * peer's address (point-to-point). */
	{ .name = "network", .type = ST_IP, .flags = P_UNSET,
	  .help = "Network prefix" },
	/* Legacy spellings of the prefix; v7 does not print them. */
	{ .name = "netmask", .type = ST_IP, .flags = P_UNSET | P_HIDDEN,
	  .help = "Network mask" },
	{ .name = "broadcast", .type = ST_IP, .flags = P_UNSET | P_HIDDEN,
	  .help = "Broadcast address" },
	{ .name = "interface", .type = ST_REF, .ref = "/interface",
	  .flags = P_REQUIRED | P_INDEX, .help = "Interface name" },
	{ .name = "actual-interface", .type = ST_REF, .ref = "/interface",
	  .flags = P_RO, .help = "Actual interfaces" },
	{ .name = "vrf", .type = ST_NAME, .flags = P_RO | P_BARE,
	  .help = "VRF of the interface" },
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DYNAMIC,
	SCH_P_INVALID,
	SCH_P_STATE("slave", "Interface is a bridge or bond port"),
	{ .name = NULL }
};

static const struct sch_flag address_flags[] = {
	SCH_F_DISABLED(0), SCH_F_INVALID(0),
	SCH_F_DYNAMIC(1),
	{ 'S', "SLAVE", "slave", 2 },
	{ 0 }
};

static const char *const address_columns[] = {
	"address", "network", "interface", NULL
};

/* RouterOS refuses the same address twice on one interface. */
static const char *const address_unique[] = { "address", "interface", NULL };

static const char *const address_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, NULL
};

const struct sch_menu sch_m_ip_address = {
	.path = "/ip/address",
	.table = "ip_address",
	.flags = M_LIST,
	.props = address_props,
	.flagdefs = address_flags,
	.columns = address_columns,
	.unique_tuple = address_unique,
	.commands = address_cmds,
	.help = "IPv4 addresses of the interfaces",
	.export_rank = 130,
};

/* ------------------------------------------------------------------ */
/* /ip route                                                           */
/* ------------------------------------------------------------------ */

static const char *const route_check_gw[] = { "arp", "ping", "none", NULL };

static const struct sch_prop route_props[] = {
	{ .name = "dst-address", .type = ST_IP_NET, .dflt = "0.0.0.0/0",
	  .help = "Destination address" },
	{ .name = "routing-table", .type = ST_NAME, .dflt = "main",
	  .flags = P_BARE, .help = "Routing table of the route" },
	{ .name = "pref-src", .type = ST_IP, .flags = P_UNSET,
	  .help = "Preferred source address" },
	{ .name = "gateway", .type = ST_IP_OR_REF, .ref = "/interface",
	  .flags = P_UNSET, .help = "Next hop: address or interface" },
	{ .name = "immediate-gw", .type = ST_STRING,
	  .flags = P_RO | P_BARE, .help = "Resolved next hop%interface" },
	{ .name = "check-gateway", .type = ST_ENUM, .values = route_check_gw,
	  .flags = P_UNSET, .help = "Whether all nexthops of this route are "
	  "checking reachability of gateway by sending arp requests every "
	  "10 seconds" },
	{ .name = "distance", .type = ST_INT, .dflt = "1", .min = 0,
	  .max = 255, .help = "Administrative distance of the route" },
	{ .name = "scope", .type = ST_INT, .dflt = "30", .min = 0,
	  .max = 255, .help = "Scope used in recursive next-hop lookup" },
	{ .name = "target-scope", .type = ST_INT, .dflt = "10", .min = 0,
	  .max = 255, .help = "Largest scope a next hop may be resolved in" },
	{ .name = "vrf-interface", .type = ST_REF, .ref = "/interface",
	  .flags = P_UNSET, .help = "Interface whose VRF holds the gateway" },
	{ .name = "blackhole", .type = ST_BOOL, .flags = P_UNSET,
	  .help = "Silently drop packets to the destination" },
	{ .name = "local-address", .type = ST_STRING,
	  .flags = P_RO | P_BARE, .help = "Local address of a connected "
	  "route" },
	SCH_P_COMMENT,
	/* Exports of v7 write disabled=no on every route. */
	{ .name = SCH_DISABLED, .type = ST_BOOL, .dflt = "no",
	  .flags = P_FLAG | P_ALWAYS_EXPORT,
	  .help = "Defines whether item is ignored or used" },
	SCH_P_DYNAMIC,
	SCH_P_STATE("inactive", "Route is not used (gateway unreachable)"),
	SCH_P_STATE("active", "Route is installed in the FIB"),
	SCH_P_STATE("connect", "Connected route of a local address"),
	SCH_P_STATE("static", "Configured route"),
	SCH_P_STATE("rip", "Find or not RIP routing protocol"),
	SCH_P_STATE("bgp", "Find or not BGP routing protocol"),
	SCH_P_STATE("ospf", "Find or not OSPF routing protocol"),
	SCH_P_STATE("is-is", "Route learned from IS-IS"),
	SCH_P_STATE("dhcp", "Route from a DHCP client"),
	SCH_P_STATE("vpn", "Route added by a VPN session"),
	SCH_P_STATE("modem", "Route from a modem interface"),
	SCH_P_STATE("bgp-mpls-vpn", "Route learned from BGP MPLS VPN"),
	SCH_P_STATE("hw-offloaded", "Route is offloaded to hardware"),
	SCH_P_STATE("ecmp", "Route has several equal-cost next hops"),
	{ .name = NULL }
};

/* Legend of v7 (menus.md 3): route type letters share one slot. */
static const struct sch_flag route_flags[] = {
	SCH_F_DYNAMIC(0),
	SCH_F_DISABLED(1),
	{ 'I', "INACTIVE", "inactive", 1 },
	{ 'A', "ACTIVE", "active", 1 },
	{ 'c', "CONNECT", "connect", 2 },
	{ 's', "STATIC", "static", 2 },
	{ 'r', "RIP", "rip", 2 },
	{ 'b', "BGP", "bgp", 2 },
	{ 'o', "OSPF", "ospf", 2 },
	{ 'i', "IS-IS", "is-is", 2 },
	{ 'd', "DHCP", "dhcp", 2 },
	{ 'v', "VPN", "vpn", 2 },
	{ 'm', "MODEM", "modem", 2 },
	{ 'y', "BGP-MPLS-VPN", "bgp-mpls-vpn", 2 },
	{ 'H', "HW-OFFLOADED", "hw-offloaded", 3 },
	{ '+', "ECMP", "ecmp", 4 },
	{ 0 }
};

static const char *const route_columns[] = {
	"dst-address", "gateway", "routing-table", "distance", NULL
};

static const char *const route_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, "check", "unset", NULL
};

const struct sch_menu sch_m_ip_route = {
	.path = "/ip/route",
	.table = "ip_route",
	.flags = M_LIST,
	.props = route_props,
	.flagdefs = route_flags,
	.columns = route_columns,
	.commands = route_cmds,
	.help = "IPv4 routes",
	.export_rank = 220,
};
