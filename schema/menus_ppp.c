/*
 * menus_ppp.c - /ppp profile, /ppp secret, /ppp active and /ppp aaa.
 *
 * Properties are listed in the order RouterOS prints them in detail
 * output; names and value sets follow the 7.21.5 command tree, defaults
 * and meanings menus.md sections 6-9 and E.
 */
#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* /ppp profile                                                        */
/* ------------------------------------------------------------------ */

/* `default` means: take the value from the server's default profile
 * (menus.md E); the bare yes/no sets are the tri-state ones. */
static const char *const prof_dny[] = { "default", "no", "yes", NULL };
static const char *const prof_dnyr[] = {
	"default", "no", "yes", "required", NULL
};
static const char *const prof_none[] = { "none", NULL };
static const char *const prof_queue_pos[] = { "bottom", "first", NULL };

static const struct sch_prop prof_props[] = {
	SCH_P_NAME("Profile name"),
	{ .name = "local-address", .type = ST_IP_OR_REF, .ref = "/ip/pool",
	  .flags = P_UNSET,
	  .help = "Assigns an individual address to the PPP-server" },
	{ .name = "remote-address", .type = ST_IP_OR_REF, .ref = "/ip/pool",
	  .flags = P_UNSET,
	  .help = "Assigns an individual address to the PPP" },
	/* IPv6 delivery is out of scope; kept so real exports load. */
	{ .name = "remote-ipv6-prefix-pool", .type = ST_NAME,
	  .words = prof_none, .flags = P_UNSET | P_BARE,
	  .help = "IPv6 pool for the client's prefix" },
	{ .name = "remote-ipv6-prefix-reuse", .type = ST_BOOL,
	  .flags = P_UNSET, .help = "Give the client the same IPv6 prefix "
	  "again" },
	{ .name = "dhcpv6-pd-pool", .type = ST_NAME, .words = prof_none,
	  .flags = P_UNSET | P_BARE, .help = "IPv6 pool for DHCPv6 prefix "
	  "delegation" },
	{ .name = "dhcpv6-use-radius", .type = ST_BOOL, .flags = P_UNSET,
	  .help = "Take the delegated prefix from RADIUS" },
	{ .name = "dhcpv6-lease-time", .type = ST_TIME, .flags = P_UNSET,
	  .help = "Lease time of the delegated prefix" },
	{ .name = "bridge", .type = ST_REF, .ref = "/interface",
	  .flags = P_UNSET, .help = "Add the session as a port of this "
	  "bridge (BCP)" },
	{ .name = "bridge-path-cost", .type = ST_INT, .min = 1,
	  .max = 200000000, .flags = P_UNSET,
	  .help = "Path cost of the bridge port" },
	{ .name = "bridge-port-priority", .type = ST_INT, .min = 0,
	  .max = 240, .flags = P_UNSET, .help = "Priority of the bridge port" },
	{ .name = "bridge-horizon", .type = ST_INT, .words = prof_none,
	  .min = 0, .max = 429496729, .flags = P_UNSET,
	  .help = "Split-horizon group of the bridge port" },
	{ .name = "bridge-learning", .type = ST_ENUM, .values = prof_dny,
	  .dflt = "default", .help = "MAC learning on the bridge port" },
	{ .name = "bridge-port-trusted", .type = ST_BOOL, .flags = P_UNSET,
	  .help = "Bridge port is trusted for DHCP snooping" },
	{ .name = "bridge-port-vid", .type = ST_INT, .min = 1, .max = 4094,
	  .flags = P_UNSET, .help = "VLAN id of the bridge port" },
	{ .name = "incoming-filter", .type = ST_NAME, .flags = P_UNSET | P_BARE,
	  .help = "Firewall chain name for incoming packets" },
	{ .name = "outgoing-filter", .type = ST_NAME, .flags = P_UNSET | P_BARE,
	  .help = "Firewall chain name for outgoing packets" },
	{ .name = "dns-server", .type = ST_IP_LIST, .max = 2, .flags = P_UNSET,
	  .help = "DNS server address" },
	{ .name = "wins-server", .type = ST_IP_LIST, .max = 2, .flags = P_UNSET,
	  .help = "Windows Internet Naming Service server" },
	{ .name = "use-ipv6", .type = ST_ENUM, .values = prof_dnyr,
	  .dflt = "default", .help = "Negotiate IPv6 (IPv6CP)" },
	{ .name = "use-mpls", .type = ST_ENUM, .values = prof_dnyr,
	  .dflt = "default", .help = "Negotiate MPLS (MPLSCP)" },
	{ .name = "use-compression", .type = ST_ENUM, .values = prof_dny,
	  .dflt = "default",
	  .help = "Defines whether compress traffic or not" },
	{ .name = "use-encryption", .type = ST_ENUM, .values = prof_dnyr,
	  .dflt = "default", .help = "Defines whether encrypt traffic or not" },
	{ .name = "session-timeout", .type = ST_TIME, .flags = P_UNSET,
	  .help = "The maximum time the connection can stay up" },
	{ .name = "idle-timeout", .type = ST_TIME, .flags = P_UNSET,
	  .help = "The time limit when the link will be terminated if there "
	  "is no activity" },
	{ .name = "only-one", .type = ST_ENUM, .values = prof_dny,
	  .dflt = "default", .help = "Allow only one connection at a time" },
	{ .name = "change-tcp-mss", .type = ST_ENUM, .values = prof_dny,
	  .dflt = "default", .help = "Change or not TCP protocol's Maximum "
	  "Segment Size" },
	{ .name = "use-upnp", .type = ST_ENUM, .values = prof_dny,
	  .dflt = "default", .help = "Mark the session interface for UPnP" },
	{ .name = "rate-limit", .type = ST_STRING, .flags = P_UNSET,
	  .help = "Data rate limitations for the client" },
	{ .name = "insert-queue-before", .type = ST_NAME,
	  .words = prof_queue_pos, .flags = P_UNSET | P_BARE,
	  .help = "Where the session's queue is placed" },
	{ .name = "parent-queue", .type = ST_NAME, .words = prof_none,
	  .flags = P_UNSET | P_BARE, .help = "Parent of the session's queue" },
	{ .name = "queue-type", .type = ST_NAME, .flags = P_UNSET | P_BARE,
	  .help = "Queue type of the session's queue" },
	/* Printed as address-list="" even when nothing was set. */
	{ .name = "address-list", .type = ST_STRING, .dflt = "",
	  .help = "Firewall address list that receives the client address" },
	{ .name = "interface-list", .type = ST_REF, .ref = "/interface/list",
	  .flags = P_UNSET, .help = "Interface list the session joins" },
	{ .name = "on-up", .type = ST_STRING, .dflt = "",
	  .help = "Script run when the session comes up" },
	{ .name = "on-down", .type = ST_STRING, .dflt = "",
	  .help = "Script run when the session goes down" },
	SCH_P_COMMENT,
	{ .name = SCH_DEFAULT, .type = ST_BOOL, .flags = P_RO | P_FLAG,
	  .help = "Default profile" },
	{ .name = NULL }
};

static const struct sch_flag prof_flags[] = { SCH_F_DEFAULT(0), { 0 } };

static const char *const prof_columns[] = {
	SCH_NAME, "local-address", "remote-address", "use-encryption", NULL
};

/* Factory values menus.md 6 lists for the two special profiles. */
static const char *const prof_default[] = {
	SCH_NAME, "default", "change-tcp-mss", "yes", "use-ipv6", "yes",
	SCH_DEFAULT, "yes", NULL
};
static const char *const prof_default_enc[] = {
	SCH_NAME, "default-encryption", "change-tcp-mss", "yes",
	"use-ipv6", "yes", "use-encryption", "yes", SCH_DEFAULT, "yes", NULL
};

/* default-encryption's id is *FFFFFFFE on every RouterOS, so it always
 * sorts last and is exported as `set *FFFFFFFE`. */
static const struct sch_item prof_items[] = {
	{ 0, prof_default, 0 },
	{ 0xFFFFFFFELL, prof_default_enc, 0 },
	{ 0, NULL, 0 }
};

static const char *const prof_cmds[] = { SCH_CMDS_ITEMS, "unset", NULL };

const struct sch_menu sch_m_ppp_profile = {
	.path = "/ppp/profile",
	.table = "ppp_profile",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = prof_props,
	.flagdefs = prof_flags,
	.columns = prof_columns,
	.items = prof_items,
	.name_prop = SCH_NAME,
	.commands = prof_cmds,
	.help = "PPP profiles: defaults for PPP sessions",
	.export_rank = 100,
	.export_default_sel = "%*",
};

/* ------------------------------------------------------------------ */
/* /ppp secret                                                         */
/* ------------------------------------------------------------------ */

static const char *const secret_service[] = {
	"any", "async", "l2tp", "ovpn", "pppoe", "pptp", "sstp", NULL
};
static const char *const secret_reason[] = {
	"peer-request", "hung-up", "idle-timeout", "session-timeout",
	"reset", "reboot", "port-error", "nas-error", "nas-request", NULL
};

static const struct sch_prop secret_props[] = {
	SCH_P_NAME("Name of the user"),
	{ .name = "service", .type = ST_ENUM, .values = secret_service,
	  .dflt = "any", .help = "Specifies service that will use this user" },
	{ .name = "caller-id", .type = ST_STRING, .dflt = "",
	  .help = "Sets IP address for PPTP, L2TP or MAC address for PPPoE" },
	{ .name = "password", .type = ST_STRING, .dflt = "",
	  .flags = P_SENSITIVE, .help = "User password" },
	{ .name = "profile", .type = ST_REF, .ref = "/ppp/profile",
	  .dflt = "default", .help = "Profile name for the user" },
	{ .name = "local-address", .type = ST_IP, .flags = P_UNSET,
	  .help = "Assigns an individual address to the PPP-server" },
	{ .name = "remote-address", .type = ST_IP, .flags = P_UNSET,
	  .help = "Assigns an individual address to the PPP-client" },
	{ .name = "remote-ipv6-prefix", .type = ST_ANY_ADDR, .flags = P_UNSET,
	  .help = "IPv6 prefix given to the client" },
	{ .name = "routes", .type = ST_STRING, .dflt = "",
	  .help = "Routes that appear on the server when the client is "
	  "connected" },
	{ .name = "ipv6-routes", .type = ST_STRING, .dflt = "",
	  .help = "IPv6 routes installed while the client is connected" },
	{ .name = "limit-bytes-in", .type = ST_INT, .dflt = "0", .min = 0,
	  .max = LLONG_MAX, .help = "maximum amount of bytes user can "
	  "transmit" },
	{ .name = "limit-bytes-out", .type = ST_INT, .dflt = "0", .min = 0,
	  .max = LLONG_MAX, .help = "maximum amount of bytes user can "
	  "receive" },
	SCH_P_RT("last-logged-out", ST_DATETIME, "Time of the last logout"),
	SCH_P_RT("last-caller-id", ST_STRING, "Caller id of the last "
	    "session"),
	{ .name = "last-disconnect-reason", .type = ST_ENUM,
	  .values = secret_reason, .flags = P_RO,
	  .help = "Why the last session ended" },
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	{ .name = NULL }
};

static const struct sch_flag secret_flags[] = { SCH_F_DISABLED(0), { 0 } };

/* password only appears with show-sensitive (P_SENSITIVE). */
static const char *const secret_columns[] = {
	SCH_NAME, "service", "caller-id", "password", "profile",
	"remote-address", NULL
};

static const char *const secret_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, "unset", NULL
};

const struct sch_menu sch_m_ppp_secret = {
	.path = "/ppp/secret",
	.table = "ppp_secret",
	.flags = M_LIST,
	.props = secret_props,
	.flagdefs = secret_flags,
	.columns = secret_columns,
	.name_prop = SCH_NAME,
	.commands = secret_cmds,
	.help = "PPP users and their passwords",
	.export_rank = 240,
};

/* ------------------------------------------------------------------ */
/* /ppp active (runtime)                                               */
/* ------------------------------------------------------------------ */

static const struct sch_prop active_props[] = {
	{ .name = SCH_NAME, .type = ST_NAME, .flags = P_RO | P_INDEX,
	  .help = "User name" },
	{ .name = "service", .type = ST_ENUM, .values = secret_service,
	  .flags = P_RO, .help = "Service name" },
	SCH_P_RT("caller-id", ST_STRING, "User's IP address for PPTP or MAC "
	    "address for PPPoE"),
	SCH_P_RT("address", ST_IP, "User address"),
	SCH_P_RT("uptime", ST_TIME, "Time when user is up"),
	SCH_P_RT("encoding", ST_STRING, "Encoding method"),
	SCH_P_RT("session-id", ST_HEX, "Specific session identifier"),
	SCH_P_RT("limit-bytes-in", ST_INT, "maximum amount of bytes user can "
	    "transmit"),
	SCH_P_RT("limit-bytes-out", ST_INT, "maximum amount of bytes user "
	    "can receive"),
	SCH_P_RT(SCH_COMMENT, ST_STRING, "Short description of the item"),
	SCH_P_STATE("radius", "Defines whether user is using RADIUS server "
	    "for authentication"),
	{ .name = NULL }
};

static const struct sch_flag active_flags[] = {
	{ 'R', "RADIUS", "radius", 0 },
	{ 0 }
};

static const char *const active_columns[] = {
	SCH_NAME, "service", "caller-id", "address", "uptime", "encoding",
	NULL
};

/* remove disconnects the session (menus.md D). */
static const char *const active_cmds[] = {
	"find", "get", "print", "remove", "reset", NULL
};

const struct sch_menu sch_m_ppp_active = {
	.path = "/ppp/active",
	.table = "ppp_active",
	.flags = M_LIST | M_RUNTIME | M_READONLY | M_NOT_EXPORTED,
	.props = active_props,
	.flagdefs = active_flags,
	.columns = active_columns,
	.name_prop = SCH_NAME,
	.commands = active_cmds,
	.help = "PPP sessions currently up",
	.export_rank = 910,
};

/* ------------------------------------------------------------------ */
/* /ppp aaa (settings)                                                 */
/* ------------------------------------------------------------------ */

static const struct sch_prop aaa_props[] = {
	{ .name = "use-radius", .type = ST_BOOL, .dflt = "no",
	  .help = "Try RADIUS when the user is not in /ppp secret" },
	{ .name = "accounting", .type = ST_BOOL, .dflt = "yes",
	  .help = "Send RADIUS accounting" },
	{ .name = "interim-update", .type = ST_TIME, .dflt = "0s",
	  .help = "Interim accounting interval (0s = off)" },
	{ .name = "use-circuit-id-in-nas-port-id", .type = ST_BOOL,
	  .dflt = "no", .help = "Send the PPPoE circuit id as NAS-Port-Id" },
	{ .name = "enable-ipv6-accounting", .type = ST_BOOL, .dflt = "no",
	  .help = "Account IPv6 traffic separately" },
	{ .name = NULL }
};

static const char *const aaa_item[] = { NULL };
static const struct sch_item aaa_items[] = { { 0, aaa_item, 0 }, { 0, NULL, 0 } };

static const char *const aaa_cmds[] = { SCH_CMDS_SETTINGS, NULL };

const struct sch_menu sch_m_ppp_aaa = {
	.path = "/ppp/aaa",
	.table = "ppp_aaa",
	.flags = M_SINGLETON,
	.props = aaa_props,
	.items = aaa_items,
	.commands = aaa_cmds,
	.help = "PPP authentication and accounting settings",
	.export_rank = 230,
};
