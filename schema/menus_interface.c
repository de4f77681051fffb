/*
 * menus_interface.c - /interface, /interface list, /interface list member,
 * /interface l2tp-server server and /interface l2tp-server.
 *
 * Properties are listed in the order RouterOS prints them in detail
 * output; names and value sets follow the 7.21.5 command tree, defaults
 * and meanings menus.md sections 4, 5, 12 and 13.
 */
#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* /interface (generic view of the host's links)                       */
/* ------------------------------------------------------------------ */

static const char *const if_mtu_words[] = { "auto", NULL };

/* Everything but name, mtu, l2mtu, disabled and comment mirrors the
 * kernel and is read-only here. */
static const struct sch_prop if_props[] = {
	/* Items exist because the link exists: the name is always there. */
	{ .name = SCH_NAME, .type = ST_NAME,
	  .flags = P_REQUIRED | P_UNIQUE | P_INDEX, .help = "Interface name" },
	{ .name = "default-name", .type = ST_STRING, .flags = P_RO | P_INDEX,
	  .help = "Name the link had when it was first seen" },
	SCH_P_RT("type", ST_STRING, "Type of the interface"),
	/* Unset keeps whatever the kernel link has.  65536: Linux gives
	 * its loopback one more than any RouterOS link has. */
	{ .name = "mtu", .type = ST_INT, .words = if_mtu_words, .min = 0,
	  .max = 65536, .flags = P_UNSET, .help = "Maximum Transmit Unit" },
	SCH_P_RT("actual-mtu", ST_INT, "MTU in effect"),
	{ .name = "l2mtu", .type = ST_INT, .min = 0, .max = 65535,
	  .flags = P_UNSET, .help = "Layer 2 MTU" },
	SCH_P_RT("max-l2mtu", ST_INT, "Largest L2 MTU the link supports"),
	{ .name = "mac-address", .type = ST_STRING, .flags = P_RO | P_BARE,
	  .help = "Hardware address" },
	SCH_P_RT("last-link-up-time", ST_DATETIME, "When the link last came "
	    "up"),
	SCH_P_RT("last-link-down-time", ST_DATETIME, "When the link last "
	    "went down"),
	SCH_P_RT("link-downs", ST_INT, "Times the link went down"),
	{ .name = "vrf", .type = ST_NAME, .flags = P_RO | P_BARE,
	  .help = "VRF the interface belongs to" },
	SCH_P_RT("passthrough", ST_BOOL, "Traffic passes through unchanged"),
	SCH_P_STAT("rx-byte", "Bytes received"),
	SCH_P_STAT("tx-byte", "Bytes sent"),
	SCH_P_STAT("rx-packet", "Packets received"),
	SCH_P_STAT("tx-packet", "Packets sent"),
	SCH_P_STAT("rx-drop", "Received packets dropped"),
	SCH_P_STAT("tx-drop", "Outgoing packets dropped"),
	SCH_P_STAT("tx-queue-drop", "Packets dropped by the queue"),
	SCH_P_STAT("rx-error", "Receive errors"),
	SCH_P_STAT("tx-error", "Transmit errors"),
	SCH_P_STAT("fp-rx-byte", "Fast-path bytes received"),
	SCH_P_STAT("fp-tx-byte", "Fast-path bytes sent"),
	SCH_P_STAT("fp-rx-packet", "Fast-path packets received"),
	SCH_P_STAT("fp-tx-packet", "Fast-path packets sent"),
	SCH_P_STAT("fp-rps-drop", "Fast-path packets dropped by RPS"),
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DYNAMIC,
	SCH_P_STATE("running", "Link is up (for PPP: IPCP opened)"),
	SCH_P_STATE("slave", "Interface is a bridge or bond port"),
	SCH_P_STATE("inactive", "Interface is not active"),
	{ .name = NULL }
};

/* menus.md 4: D appears with dynamic (session) interfaces: `DR`. */
static const struct sch_flag if_flags[] = {
	SCH_F_DYNAMIC(0),
	SCH_F_DISABLED(1),
	{ 'R', "RUNNING", "running", 2 },
	{ 'S', "SLAVE", "slave", 3 },
	{ 0 }
};

static const char *const if_columns[] = {
	SCH_NAME, "type", "actual-mtu", "l2mtu", "max-l2mtu", "mac-address",
	NULL
};

static const char *const if_cmds[] = {
	"blink", "comment", "edit", "export", "find", "get", "print",
	"recursive-print", "reset", "reset-counters", "set", "monitor-traffic",
	SCH_CMDS_TOGGLE, NULL
};

const struct sch_menu sch_m_interface = {
	.path = "/interface",
	.table = "interface",
	.flags = M_LIST | M_KERNEL_LINKS,
	.props = if_props,
	.flagdefs = if_flags,
	.columns = if_columns,
	.name_prop = SCH_NAME,
	.commands = if_cmds,
	.help = "Network interfaces of the host",
	.export_rank = 10,
	/* Renaming must not break the selector, as in RouterOS exports. */
	.export_default_sel = "[ find default-name=%{default-name} ]",
};

/* ------------------------------------------------------------------ */
/* /interface list                                                     */
/* ------------------------------------------------------------------ */

static const struct sch_prop iflist_props[] = {
	SCH_P_NAME("Interface name"),
	{ .name = "include", .type = ST_REF_LIST, .ref = "/interface/list",
	  .dflt = "", .help = "Lists whose members are merged in" },
	{ .name = "exclude", .type = ST_REF_LIST, .ref = "/interface/list",
	  .dflt = "", .help = "Lists whose members are removed" },
	SCH_P_COMMENT,
	SCH_P_STATE(SCH_BUILTIN, "System list: cannot be removed"),
	SCH_P_DYNAMIC,
	{ .name = NULL }
};

static const struct sch_flag iflist_flags[] = {
	SCH_F_DYNAMIC(0),
	{ '*', "BUILTIN", SCH_BUILTIN, 1 },
	{ 0 }
};

static const char *const iflist_columns[] = {
	SCH_NAME, "include", "exclude", NULL
};

/*
 * all/none/dynamic/static are built in (flag *, not removable); their
 * membership is computed live.  WAN and LAN are what the factory defconf
 * script adds: ordinary lists a fresh RouterOS box has.
 */
static const char *const iflist_all[] = {
	SCH_NAME, "all", SCH_COMMENT, "contains all interfaces",
	SCH_BUILTIN, "yes", NULL
};
static const char *const iflist_none[] = {
	SCH_NAME, "none", SCH_COMMENT, "contains no interfaces",
	SCH_BUILTIN, "yes", NULL
};
static const char *const iflist_dynamic[] = {
	SCH_NAME, "dynamic", SCH_COMMENT, "contains dynamic interfaces",
	SCH_BUILTIN, "yes", NULL
};
static const char *const iflist_static[] = {
	SCH_NAME, "static", SCH_COMMENT, "contains static interfaces",
	SCH_BUILTIN, "yes", NULL
};
static const char *const iflist_wan[] = {
	SCH_NAME, "WAN", SCH_COMMENT, "defconf", NULL
};
static const char *const iflist_lan[] = {
	SCH_NAME, "LAN", SCH_COMMENT, "defconf", NULL
};

static const struct sch_item iflist_items[] = {
	{ 0, iflist_all, 0 },
	{ 1, iflist_none, 0 },
	{ 2, iflist_dynamic, 0 },
	{ 3, iflist_static, 0 },
	{ 4, iflist_wan, SCH_ITEM_ORDINARY },
	{ 5, iflist_lan, SCH_ITEM_ORDINARY },
	{ 0, NULL, 0 }
};

static const char *const iflist_cmds[] = { SCH_CMDS_ITEMS, NULL };

const struct sch_menu sch_m_interface_list = {
	.path = "/interface/list",
	.table = "interface_list",
	.flags = M_LIST,
	.props = iflist_props,
	.flagdefs = iflist_flags,
	.columns = iflist_columns,
	.items = iflist_items,
	.name_prop = SCH_NAME,
	.commands = iflist_cmds,
	.help = "Named sets of interfaces for firewall and services",
	.export_rank = 30,
	.export_default_sel = "[ find name=%s ]",
};

/* ------------------------------------------------------------------ */
/* /interface list member                                              */
/* ------------------------------------------------------------------ */

static const struct sch_prop member_props[] = {
	{ .name = "list", .type = ST_REF, .ref = "/interface/list",
	  .flags = P_REQUIRED | P_INDEX, .help = "Target list" },
	{ .name = "interface", .type = ST_REF, .ref = "/interface",
	  .flags = P_REQUIRED | P_INDEX, .help = "Member interface" },
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DYNAMIC,
	{ .name = NULL }
};

static const struct sch_flag member_flags[] = {
	SCH_F_DISABLED(0),
	SCH_F_DYNAMIC(1),
	{ 0 }
};

static const char *const member_columns[] = { "list", "interface", NULL };
static const char *const member_unique[] = { "list", "interface", NULL };

static const char *const member_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, NULL
};

const struct sch_menu sch_m_interface_list_member = {
	.path = "/interface/list/member",
	.table = "interface_list_member",
	.flags = M_LIST,
	.props = member_props,
	.flagdefs = member_flags,
	.columns = member_columns,
	.unique_tuple = member_unique,
	.commands = member_cmds,
	.help = "Static members of interface lists",
	.export_rank = 120,
};

/* ------------------------------------------------------------------ */
/* /interface l2tp-server server (settings)                            */
/* ------------------------------------------------------------------ */

static const char *const l2s_auth[] = {
	"pap", "chap", "mschap1", "mschap2", NULL
};
static const char *const l2s_use_ipsec[] = { "no", "yes", "required", NULL };
static const char *const l2s_caller_id[] = { "ip-address", "number", NULL };
static const char *const l2s_proto[] = { "all", "l2tpv2", "l2tpv3", NULL };
static const char *const l2s_pw[] = { "all", "ether", "ppp", NULL };
static const char *const l2s_cookie[] = { "0", "4-bytes", "8-bytes", NULL };
static const char *const l2s_digest[] = { "md5", "none", "sha1", NULL };
static const char *const l2s_disabled[] = { "disabled", NULL };
static const char *const l2s_unlimited[] = { "unlimited", NULL };

/* Order of the settings print shown in menus.md 12. */
static const struct sch_prop l2s_props[] = {
	{ .name = "enabled", .type = ST_BOOL, .dflt = "no",
	  .help = "LNS listens on UDP 1701" },
	{ .name = "max-mtu", .type = ST_INT, .dflt = "1450", .min = 0,
	  .max = 65535, .help = "Maximum Transmission Unit" },
	{ .name = "max-mru", .type = ST_INT, .dflt = "1450", .min = 0,
	  .max = 65535, .help = "Maximum Receive Unit" },
	{ .name = "mrru", .type = ST_INT, .words = l2s_disabled,
	  .dflt = "disabled", .min = 512, .max = 65535,
	  .help = "Multilink maximum reconstructed receive unit" },
	{ .name = "authentication", .type = ST_ENUM_LIST, .values = l2s_auth,
	  .dflt = "pap,chap,mschap1,mschap2",
	  .help = "PPP authentication methods the server accepts" },
	{ .name = "keepalive-timeout", .type = ST_INT, .words = l2s_disabled,
	  .dflt = "30", .min = 1, .max = 4294967295LL,
	  .help = "Idle seconds before keepalives start; 5 missed = down" },
	{ .name = "max-sessions", .type = ST_INT, .words = l2s_unlimited,
	  .dflt = "unlimited", .min = 0, .max = 65535,
	  .help = "Cap on concurrent sessions" },
	{ .name = "default-profile", .type = ST_REF, .ref = "/ppp/profile",
	  .dflt = "default-encryption",
	  .help = "PPP profile used when the secret names none" },
	{ .name = "use-ipsec", .type = ST_ENUM, .values = l2s_use_ipsec,
	  .dflt = "no", .help = "Create the dynamic IPsec peer and identity; "
	  "required = accept only IPsec-protected L2TP" },
	{ .name = "ipsec-secret", .type = ST_STRING, .dflt = "",
	  .flags = P_SENSITIVE, .help = "Pre-shared key of the dynamic "
	  "IPsec identity" },
	{ .name = "caller-id-type", .type = ST_ENUM, .values = l2s_caller_id,
	  .dflt = "ip-address", .help = "What caller-id holds: client IP or "
	  "the L2TP Calling-Number" },
	{ .name = "one-session-per-host", .type = ST_BOOL, .dflt = "no",
	  .help = "Allow only one session per client host" },
	{ .name = "allow-fast-path", .type = ST_BOOL, .dflt = "no",
	  .help = "Kernel fast path for data; bypasses firewall and IPsec" },
	{ .name = "l2tpv3-circuit-id", .type = ST_STRING, .dflt = "",
	  .help = "L2TPv3 circuit id" },
	{ .name = "l2tpv3-cookie-length", .type = ST_ENUM,
	  .values = l2s_cookie, .dflt = "0", .help = "L2TPv3 cookie length" },
	{ .name = "l2tpv3-digest-hash", .type = ST_ENUM, .values = l2s_digest,
	  .dflt = "md5", .help = "L2TPv3 message digest" },
	{ .name = "l2tpv3-ether-interface-list", .type = ST_REF,
	  .ref = "/interface/list", .flags = P_UNSET,
	  .help = "L2TPv3 ethernet pseudowire interface list" },
	{ .name = "accept-pseudowire-type", .type = ST_ENUM, .values = l2s_pw,
	  .dflt = "all", .help = "Pseudowire types accepted" },
	{ .name = "accept-proto-version", .type = ST_ENUM,
	  .values = l2s_proto, .dflt = "all",
	  .help = "L2TP protocol versions accepted" },
	{ .name = NULL }
};

/* The one settings row; every value is the property default. */
static const char *const l2s_item[] = { NULL };
static const struct sch_item l2s_items[] = { { 0, l2s_item, 0 }, { 0, NULL, 0 } };

static const char *const l2s_cmds[] = { SCH_CMDS_SETTINGS, NULL };

const struct sch_menu sch_m_interface_l2tp_server_server = {
	.path = "/interface/l2tp-server/server",
	.table = "interface_l2tp_server_server",
	.flags = M_SINGLETON,
	.props = l2s_props,
	.items = l2s_items,
	.commands = l2s_cmds,
	.help = "L2TP server (LNS) settings",
	.export_rank = 110,
};

/* ------------------------------------------------------------------ */
/* /interface l2tp-server (static bindings and sessions)               */
/* ------------------------------------------------------------------ */

static const struct sch_prop l2b_props[] = {
	/* RouterOS may auto-name bindings l2tp-inN (unconfirmed); rosh
	 * asks for the name, which every export carries anyway. */
	SCH_P_NAME("Interface name"),
	{ .name = "user", .type = ST_STRING, .flags = P_REQUIRED | P_INDEX,
	  .help = "The name of the user" },
	SCH_P_RT("mtu", ST_INT, "Maximum Transmit Unit"),
	SCH_P_RT("mru", ST_INT, "Negotiated maximum receive unit"),
	SCH_P_RT("client-address", ST_STRING, "The address of the L2TP "
	    "client"),
	SCH_P_RT("uptime", ST_TIME, "Time the L2TP client is associated "
	    "with the access point"),
	SCH_P_RT("encoding", ST_STRING, "Encryption being used in this "
	    "connection"),
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_DYNAMIC,
	SCH_P_STATE("running", "Session is up"),
	{ .name = NULL }
};

static const struct sch_flag l2b_flags[] = {
	SCH_F_DISABLED(0), SCH_F_DYNAMIC(0),
	{ 'R', "RUNNING", "running", 1 },
	{ 0 }
};

static const char *const l2b_columns[] = {
	SCH_NAME, "user", "mtu", "client-address", "uptime", "encoding", NULL
};

static const char *const l2b_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, "monitor", NULL
};

const struct sch_menu sch_m_interface_l2tp_server = {
	.path = "/interface/l2tp-server",
	.table = "interface_l2tp_server",
	.flags = M_LIST,
	.props = l2b_props,
	.flagdefs = l2b_flags,
	.columns = l2b_columns,
	.name_prop = SCH_NAME,
	.commands = l2b_cmds,
	.help = "L2TP server interfaces: static bindings and sessions",
	.export_rank = 20,
};
