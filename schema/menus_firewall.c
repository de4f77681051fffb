/*
 * menus_firewall.c - /ip firewall filter, nat, mangle, raw and
 * address-list.
 *
 * The four rule tables share their matchers.  Each matcher is declared
 * once below, in a group macro; a table's property list is its head
 * (chain, action and the action's own arguments) followed by the groups
 * the 7.21.5 tree gives that table, in a fixed sequence.  The groups are
 * cut where the tables differ (raw has no connection-* matchers, nat no
 * connection-state or tcp-flags...), so every table prints its matchers
 * in the same relative order, the one v7 detail output shows:
 * `chain=input action=accept protocol=udp dst-port=500,4500
 * in-interface-list=WAN`, `connection-state=new connection-nat-state=!dstnat
 * in-interface-list=WAN`, `out-interface-list=WAN ipsec-policy=out,none`.
 *
 * An unset matcher matches anything, and v7 prints only what was set, so
 * nothing here has a default apart from disabled (menus.md 26.5): a rule
 * added without action= prints no action and behaves as accept.
 */
#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* Value sets                                                          */
/* ------------------------------------------------------------------ */

static const char *const fw_filter_actions[] = {
	"accept", "drop", "reject", "tarpit", "jump", "return", "log",
	"passthrough", "fasttrack-connection", "add-src-to-address-list",
	"add-dst-to-address-list", NULL
};
static const char *const fw_nat_actions[] = {
	"accept", "src-nat", "dst-nat", "masquerade", "redirect", "netmap",
	"same", "endpoint-independent-nat", "jump", "return", "log",
	"passthrough", "add-src-to-address-list", "add-dst-to-address-list",
	"socksify", NULL
};
static const char *const fw_mangle_actions[] = {
	"accept", "add-dst-to-address-list", "add-src-to-address-list",
	"change-dscp", "change-mss", "change-ttl", "clear-df",
	"fasttrack-connection", "jump", "log", "mark-connection",
	"mark-packet", "mark-routing", "passthrough", "return", "route",
	"set-priority", "sniff-pc", "sniff-tzsp", "strip-ipv4-options", NULL
};
static const char *const fw_raw_actions[] = {
	"accept", "drop", "notrack", "jump", "return", "log", "passthrough",
	"add-src-to-address-list", "add-dst-to-address-list", NULL
};

static const char *const fw_reject_with[] = {
	"icmp-network-unreachable", "icmp-host-unreachable",
	"icmp-port-unreachable", "icmp-protocol-unreachable",
	"icmp-net-prohibited", "icmp-host-prohibited",
	"icmp-admin-prohibited", "tcp-reset", NULL
};
static const char *const fw_conn_state[] = {
	"invalid", "established", "related", "new", "untracked", NULL
};
static const char *const fw_nat_state_filter[] = {
	"srcnat", "dstnat", "ein-snat", "ein-dnat", NULL
};
static const char *const fw_nat_state_mangle[] = {
	"srcnat", "dstnat", NULL
};
static const char *const fw_conn_type[] = {
	"ftp", "h323", "irc", "pptp", "quake3", "sip", "tftp", NULL
};
static const char *const fw_addr_type[] = {
	"unicast", "local", "broadcast", "multicast", "blackhole", NULL
};
static const char *const fw_tcp_flags[] = {
	"syn", "ack", "fin", "rst", "psh", "urg", "ece", "cwr", NULL
};
static const char *const fw_hotspot[] = {
	"auth", "from-client", "http", "local-dst", "to-client", NULL
};
static const char *const fw_p2p[] = {
	"all-p2p", "bit-torrent", "blubster", "direct-connect", "edonkey",
	"fasttrack", "gnutella", "soulseek", "warez", "winmx", NULL
};
static const char *const fw_ipv4_options[] = {
	"any", "loose-source-routing", "no-record-route", "no-router-alert",
	"no-source-routing", "no-timestamp", "none", "record-route",
	"router-alert", "strict-source-routing", "timestamp", NULL
};
/* A direction and whether IPsec applies; the tree completes only the
 * first half, the pair is one value. */
static const char *const fw_ipsec_policy[] = {
	"in,ipsec", "in,none", "out,ipsec", "out,none", NULL
};
static const char *const fw_if_words[] = {
	"all-ethernet", "all-ppp", "all-vlan", "all-wireless", NULL
};
static const char *const fw_no_mark[] = { "no-mark", NULL };
static const char *const fw_list_timeout[] = {
	"none-dynamic", "none-static", NULL
};
static const char *const fw_dscp_words[] = {
	"from-priority", "from-priority-to-high-3-bits", NULL
};
static const char *const fw_mss_words[] = { "clamp-to-pmtu", NULL };
static const char *const fw_prio_words[] = {
	"from-dscp", "from-dscp-high-3-bits", "from-ingress", NULL
};

/* ------------------------------------------------------------------ */
/* Shared declarations                                                 */
/* ------------------------------------------------------------------ */

/* A matcher that takes a leading ! and is unset unless given. */
#define FW_NEG(n, t, h) \
	{ .name = (n), .type = (t), .flags = P_UNSET | P_NEGATE, .help = (h) }
/* The same for syntaxes rosh keeps as text, printed bare like RouterOS
 * (limit=50/5s,2:packet, time=8h-17h,mon). */
#define FW_NEG_TEXT(n, h) \
	{ .name = (n), .type = ST_STRING, \
	  .flags = P_UNSET | P_NEGATE | P_BARE, .help = (h) }
#define FW_NEG_NAME(n, h) \
	{ .name = (n), .type = ST_NAME, \
	  .flags = P_UNSET | P_NEGATE | P_BARE, .help = (h) }
#define FW_NEG_ENUM(n, t, v, h) \
	{ .name = (n), .type = (t), .values = (v), \
	  .flags = P_UNSET | P_NEGATE, .help = (h) }

/* chain and action: a new chain name creates a user chain. */
#define FW_HEAD(actions) \
	{ .name = "chain", .type = ST_NAME, \
	  .flags = P_REQUIRED | P_INDEX | P_BARE, \
	  .help = "The name of the chain through which packets are " \
	  "traversing" }, \
	{ .name = "action", .type = ST_ENUM, .values = (actions), \
	  .flags = P_UNSET, .help = "Action to undertake if the packet " \
	  "matches the rule (unset = accept)" }

/* Arguments of jump and the add-*-to-address-list actions. */
#define FW_ACTION_JUMP_LIST \
	{ .name = "jump-target", .type = ST_NAME, .flags = P_UNSET | P_BARE, \
	  .help = "Name of the target chain, if the action=jump is used" }, \
	{ .name = "address-list", .type = ST_NAME, \
	  .flags = P_UNSET | P_BARE, \
	  .help = "Address list in which marked address put" }, \
	{ .name = "address-list-timeout", .type = ST_TIME, \
	  .words = fw_list_timeout, .min = 0, .max = 21474836, \
	  .flags = P_UNSET, .help = "Time interval after which address " \
	  "remove from address list (unset = none-dynamic)" }

#define FW_M_ADDRESSES \
	FW_NEG("protocol", ST_PROTOCOL, "Protocol name or number"), \
	FW_NEG("src-address", ST_ADDR_MATCH, "Source address with mask"), \
	FW_NEG("dst-address", ST_ADDR_MATCH, "Destination address with mask"), \
	FW_NEG_NAME("src-address-list", "Matches source address of a " \
	    "packet against user-defined address list"), \
	FW_NEG_NAME("dst-address-list", "Destination address list name in " \
	    "which packet place"), \
	FW_NEG_ENUM("src-address-type", ST_ENUM_LIST, fw_addr_type, \
	    "Source IP address type"), \
	FW_NEG_ENUM("dst-address-type", ST_ENUM_LIST, fw_addr_type, \
	    "Destination address type"), \
	FW_NEG("src-port", ST_PORTS, "Source-port number"), \
	FW_NEG("dst-port", ST_PORTS, "Destination port number or range"), \
	FW_NEG("port", ST_PORTS, "Source or destination port"), \
	FW_NEG_TEXT("icmp-options", "Matches ICMP Type:Code fields")

#define FW_M_TCP_FLAGS \
	FW_NEG_ENUM("tcp-flags", ST_ENUM_LIST, fw_tcp_flags, \
	    "TCP flags to match")

#define FW_M_CONN_STATE \
	FW_NEG_ENUM("connection-state", ST_ENUM_LIST, fw_conn_state, \
	    "Interprets the connection tracking analysis data for a " \
	    "particular packet")

#define FW_M_NAT_STATE(v) \
	FW_NEG_ENUM("connection-nat-state", ST_ENUM_LIST, (v), \
	    "Connection was NATed in this direction")

#define FW_M_INTERFACES \
	{ .name = "in-interface", .type = ST_REF, .ref = "/interface", \
	  .words = fw_if_words, .flags = P_UNSET | P_NEGATE, \
	  .help = "Interface the packet has entered the router through" }, \
	{ .name = "out-interface", .type = ST_REF, .ref = "/interface", \
	  .words = fw_if_words, .flags = P_UNSET | P_NEGATE, \
	  .help = "Interface the packet has leaved the router through" }, \
	{ .name = "in-interface-list", .type = ST_REF, \
	  .ref = "/interface/list", .flags = P_UNSET | P_NEGATE, \
	  .help = "List of the interface the packet entered through" }, \
	{ .name = "out-interface-list", .type = ST_REF, \
	  .ref = "/interface/list", .flags = P_UNSET | P_NEGATE, \
	  .help = "List of the interface the packet leaves through" }, \
	{ .name = "in-bridge-port", .type = ST_REF, .ref = "/interface", \
	  .words = fw_if_words, .flags = P_UNSET | P_NEGATE, \
	  .help = "Bridge port the packet entered through" }, \
	{ .name = "out-bridge-port", .type = ST_REF, .ref = "/interface", \
	  .words = fw_if_words, .flags = P_UNSET | P_NEGATE, \
	  .help = "Matches the bridge port physical output device added to " \
	  "a bridge device" }, \
	{ .name = "in-bridge-port-list", .type = ST_REF, \
	  .ref = "/interface/list", .flags = P_UNSET | P_NEGATE, \
	  .help = "List of the bridge port the packet entered through" }, \
	{ .name = "out-bridge-port-list", .type = ST_REF, \
	  .ref = "/interface/list", .flags = P_UNSET | P_NEGATE, \
	  .help = "List of the bridge port the packet leaves through" }, \
	/* No ! here: in,none is the negative form. */ \
	{ .name = "ipsec-policy", .type = ST_ENUM, \
	  .values = fw_ipsec_policy, .flags = P_UNSET, \
	  .help = "Packet was decapsulated (in) or will be encapsulated " \
	  "(out) by IPsec" }, \
	{ .name = "packet-mark", .type = ST_NAME, .words = fw_no_mark, \
	  .flags = P_UNSET | P_NEGATE | P_BARE, .help = "Matches packets " \
	  "marked via mangle facility with particular packet mark" }

/* Conntrack-based matchers: raw runs before conntrack and has none. */
#define FW_M_CONNTRACK \
	{ .name = "connection-mark", .type = ST_NAME, .words = fw_no_mark, \
	  .flags = P_UNSET | P_NEGATE | P_BARE, .help = "Matches packets " \
	  "marked via mangle facility with particular connection mark" }, \
	FW_NEG_NAME("routing-mark", "Matches packets marked by mangle " \
	    "facility with particular routing mark"), \
	FW_NEG_ENUM("connection-type", ST_ENUM, fw_conn_type, \
	    "Match packets with given connection type"), \
	{ .name = "connection-bytes", .type = ST_STRING, \
	  .flags = P_UNSET | P_BARE, \
	  .help = "Match packets with given bytes or byte range" }, \
	FW_NEG_TEXT("connection-rate", "Connection speed range"), \
	FW_NEG_TEXT("connection-limit", "Restrict connection limit per " \
	    "address or address block"), \
	FW_NEG_NAME("layer7-protocol", "Layer 7 pattern to match")

#define FW_M_CONTENT \
	FW_NEG("content", ST_STRING, "The text packets should contain in " \
	    "order to match the rule")

#define FW_M_TLS_HOST \
	FW_NEG("tls-host", ST_STRING, "Server name of a TLS handshake")

#define FW_M_P2P \
	FW_NEG_ENUM("p2p", ST_ENUM, fw_p2p, "P2P program to match")

#define FW_M_PACKET \
	FW_NEG_TEXT("src-mac-address", "Source MAC address"), \
	FW_NEG_TEXT("packet-size", "Packet size or range in bytes"), \
	FW_NEG_TEXT("tcp-mss", "TCP Maximum Segment Size value"), \
	{ .name = "ttl", .type = ST_STRING, .flags = P_UNSET | P_BARE, \
	  .help = "Time to live: equal|greater-than|less-than|not-equal:N" }, \
	{ .name = "dscp", .type = ST_INT, .min = 0, .max = 63, \
	  .flags = P_UNSET | P_NEGATE, \
	  .help = "DSCP value of the IP header" }, \
	{ .name = "tos", .type = ST_INT, .min = 0, .max = 255, \
	  .flags = P_UNSET | P_NEGATE, .help = "Specifies a match to the " \
	  "value of Type of Service (ToS) field of IP header" }, \
	{ .name = "priority", .type = ST_INT, .min = 0, .max = 7, \
	  .flags = P_UNSET | P_NEGATE, .help = "Packet priority" }, \
	{ .name = "ingress-priority", .type = ST_INT, .min = 0, .max = 63, \
	  .flags = P_UNSET | P_NEGATE, .help = "Priority the packet arrived " \
	  "with" }, \
	{ .name = "fragment", .type = ST_BOOL, .flags = P_UNSET, \
	  .help = "Packet is a fragment" }, \
	{ .name = "ipv4-options", .type = ST_ENUM, \
	  .values = fw_ipv4_options, .flags = P_UNSET, \
	  .help = "Match ipv4 header options" }, \
	FW_NEG_ENUM("hotspot", ST_ENUM_LIST, fw_hotspot, "Matches packets " \
	    "received from clients against various Hot-Spot")

#define FW_M_REALM \
	FW_NEG_TEXT("realm", "Routing realm")

#define FW_M_RATE_LOG \
	FW_NEG_TEXT("limit", "Setup burst, how many times to use it in " \
	    "during time interval measured in seconds"), \
	{ .name = "dst-limit", .type = ST_STRING, .flags = P_UNSET | P_BARE, \
	  .help = "Packet limitation per time with burst to dst-address, " \
	  "dst-port or src-address" }, \
	FW_NEG_TEXT("nth", "Match nth packets received by the rule"), \
	{ .name = "random", .type = ST_INT, .min = 1, .max = 99, \
	  .flags = P_UNSET, .help = "Match packets randomly with given " \
	  "probability" }, \
	{ .name = "psd", .type = ST_STRING, .flags = P_UNSET | P_BARE, \
	  .help = "Detect TCP un UDP scans" }, \
	FW_NEG_TEXT("per-connection-classifier", "Hash of the connection " \
	    "selecting one of N classes"), \
	FW_NEG_TEXT("time", "Packet arrival time and date or locally " \
	    "generated packets departure time and date"), \
	{ .name = "log", .type = ST_BOOL, .flags = P_UNSET, \
	  .help = "Also write a log line on match" }, \
	{ .name = "log-prefix", .type = ST_STRING, .flags = P_UNSET, \
	  .help = "Creates all logs with specific prefix (up to 31 " \
	  "characters)" }

#define FW_TAIL \
	SCH_P_COMMENT, \
	SCH_P_DISABLED, \
	SCH_P_STAT("bytes", "Bytes matched by the rule"), \
	SCH_P_STAT("packets", "Packets matched by the rule"), \
	SCH_P_DYNAMIC, \
	SCH_P_INVALID, \
	{ .name = NULL }

/* ------------------------------------------------------------------ */
/* The four rule tables                                                */
/* ------------------------------------------------------------------ */

static const struct sch_prop filter_props[] = {
	FW_HEAD(fw_filter_actions),
	FW_ACTION_JUMP_LIST,
	{ .name = "reject-with", .type = ST_ENUM, .values = fw_reject_with,
	  .flags = P_UNSET, .help = "Alters the reply packet of reject "
	  "action" },
	FW_M_ADDRESSES,
	FW_M_TCP_FLAGS,
	FW_M_CONN_STATE,
	FW_M_NAT_STATE(fw_nat_state_filter),
	FW_M_INTERFACES,
	FW_M_CONNTRACK,
	FW_M_CONTENT,
	FW_M_TLS_HOST,
	FW_M_P2P,
	FW_M_PACKET,
	FW_M_REALM,
	FW_M_RATE_LOG,
	FW_TAIL
};

static const struct sch_prop nat_props[] = {
	FW_HEAD(fw_nat_actions),
	{ .name = "to-addresses", .type = ST_ADDR_MATCH, .flags = P_UNSET,
	  .help = "New address for src-nat, dst-nat, netmap and same" },
	{ .name = "to-ports", .type = ST_PORTS, .flags = P_UNSET,
	  .help = "New port or port range" },
	{ .name = "randomise-ports", .type = ST_BOOL, .flags = P_UNSET,
	  .help = "Randomise ports (endpoint-independent NAT)" },
	{ .name = "same-not-by-dst", .type = ST_BOOL, .flags = P_UNSET,
	  .help = "For action=same: ignore the destination" },
	FW_ACTION_JUMP_LIST,
	{ .name = "socks5-server", .type = ST_IP, .flags = P_UNSET,
	  .help = "SOCKS5 server for action=socksify" },
	{ .name = "socks5-port", .type = ST_INT, .min = 1, .max = 65535,
	  .flags = P_UNSET, .help = "SOCKS5 server port" },
	{ .name = "socksify-service", .type = ST_NAME,
	  .flags = P_UNSET | P_BARE, .help = "Socksify service to use" },
	FW_M_ADDRESSES,
	FW_M_INTERFACES,
	FW_M_CONNTRACK,
	FW_M_CONTENT,
	FW_M_PACKET,
	FW_M_REALM,
	FW_M_RATE_LOG,
	FW_TAIL
};

static const struct sch_prop mangle_props[] = {
	FW_HEAD(fw_mangle_actions),
	{ .name = "new-connection-mark", .type = ST_NAME, .words = fw_no_mark,
	  .flags = P_UNSET | P_BARE, .help = "Connection mark to set" },
	{ .name = "new-packet-mark", .type = ST_NAME, .words = fw_no_mark,
	  .flags = P_UNSET | P_BARE, .help = "Packet mark to set" },
	{ .name = "new-routing-mark", .type = ST_NAME,
	  .flags = P_UNSET | P_BARE, .help = "Routing mark to set" },
	{ .name = "new-dscp", .type = ST_INT, .words = fw_dscp_words,
	  .min = 0, .max = 63, .flags = P_UNSET, .help = "DSCP value to set" },
	{ .name = "new-mss", .type = ST_INT, .words = fw_mss_words, .min = 0,
	  .max = 65535, .flags = P_UNSET, .help = "TCP MSS to set" },
	{ .name = "new-priority", .type = ST_INT, .words = fw_prio_words,
	  .min = 0, .max = 7, .flags = P_UNSET, .help = "Priority to set" },
	{ .name = "new-ttl", .type = ST_STRING, .flags = P_UNSET | P_BARE,
	  .help = "TTL change: decrement|increment|set:N" },
	{ .name = "passthrough", .type = ST_BOOL, .flags = P_UNSET,
	  .help = "Continue with the next rule after this one (unset = yes)" },
	{ .name = "route-dst", .type = ST_IP, .flags = P_UNSET,
	  .help = "Gateway for action=route" },
	{ .name = "sniff-target", .type = ST_IP, .flags = P_UNSET,
	  .help = "TZSP receiver for action=sniff-tzsp" },
	{ .name = "sniff-target-port", .type = ST_INT, .min = 1,
	  .max = 65535, .flags = P_UNSET, .help = "TZSP receiver port" },
	{ .name = "sniff-id", .type = ST_INT, .min = 0, .max = 65535,
	  .flags = P_UNSET, .help = "Sniffer id for action=sniff-pc" },
	FW_ACTION_JUMP_LIST,
	FW_M_ADDRESSES,
	FW_M_TCP_FLAGS,
	FW_M_CONN_STATE,
	FW_M_NAT_STATE(fw_nat_state_mangle),
	FW_M_INTERFACES,
	FW_M_CONNTRACK,
	FW_M_CONTENT,
	FW_M_TLS_HOST,
	FW_M_P2P,
	FW_M_PACKET,
	FW_M_REALM,
	FW_M_RATE_LOG,
	FW_TAIL
};

static const struct sch_prop raw_props[] = {
	FW_HEAD(fw_raw_actions),
	FW_ACTION_JUMP_LIST,
	FW_M_ADDRESSES,
	FW_M_TCP_FLAGS,
	FW_M_INTERFACES,
	FW_M_CONTENT,
	FW_M_TLS_HOST,
	FW_M_PACKET,
	FW_M_RATE_LOG,
	FW_TAIL
};

/* menus.md 26.5: "X - DISABLED, I - INVALID; D - DYNAMIC". */
static const struct sch_flag rule_flags[] = {
	SCH_F_DISABLED(0), SCH_F_INVALID(0),
	SCH_F_DYNAMIC(1),
	{ 0 }
};

/* Rule tables print in detail form; these serve print brief. */
static const char *const rule_columns[] = {
	"chain", "action", "protocol", "src-address", "dst-address",
	"dst-port", "in-interface", "out-interface", "bytes", "packets", NULL
};

static const char *const rule_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, "move", "reset-counters",
	"reset-counters-all", "unset", NULL
};

#define FW_RULE_MENU(p, t, pr, r, h) { \
	.path = (p), .table = (t), \
	.flags = M_LIST | M_ORDERED | M_DETAIL_PRINT, .props = (pr), \
	.flagdefs = rule_flags, .columns = rule_columns, \
	.commands = rule_cmds, .help = (h), .export_rank = (r) }

const struct sch_menu sch_m_ip_firewall_filter = FW_RULE_MENU(
    "/ip/firewall/filter", "ip_firewall_filter", filter_props, 150,
    "Packet filter rules");
const struct sch_menu sch_m_ip_firewall_nat = FW_RULE_MENU(
    "/ip/firewall/nat", "ip_firewall_nat", nat_props, 170,
    "Address translation rules");
const struct sch_menu sch_m_ip_firewall_mangle = FW_RULE_MENU(
    "/ip/firewall/mangle", "ip_firewall_mangle", mangle_props, 160,
    "Packet marking and header changes");
const struct sch_menu sch_m_ip_firewall_raw = FW_RULE_MENU(
    "/ip/firewall/raw", "ip_firewall_raw", raw_props, 180,
    "Rules run before connection tracking");

/* ------------------------------------------------------------------ */
/* /ip firewall address-list                                           */
/* ------------------------------------------------------------------ */

static const struct sch_prop alist_props[] = {
	/* Lists exist implicitly while they have entries: no menu to
	 * refer to, and printed bare. */
	{ .name = "list", .type = ST_NAME, .flags = P_REQUIRED | P_INDEX |
	  P_BARE, .help = "Name for the address list of the added IP "
	  "address" },
	/* Ranges equal to a prefix are stored as that prefix.  No index of
	 * its own: the (list, address) tuple index answers the lookups
	 * imports and [find list=X address=Y] make, and a second index
	 * would cost a third of the time of a large import. */
	{ .name = "address", .type = ST_ADDR_MATCH,
	  .flags = P_REQUIRED, .help = "Address, prefix or range" },
	{ .name = "timeout", .type = ST_TIME, .min = 0, .max = 21474836,
	  .flags = P_UNSET, .help = "Time after which the entry is removed "
	  "(unset = permanent)" },
	SCH_P_RT("creation-time", ST_DATETIME, "When the entry was added"),
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	/* Settable in 7.21.5, and the D flag. */
	{ .name = SCH_DYNAMIC, .type = ST_BOOL, .dflt = "no",
	  .flags = P_FLAG, .help = "Entry is lost on reboot" },
	{ .name = NULL }
};

static const struct sch_flag alist_flags[] = {
	SCH_F_DISABLED(0), SCH_F_DYNAMIC(0), { 0 }
};

static const char *const alist_columns[] = {
	"list", "address", "creation-time", "timeout", NULL
};

static const char *const alist_unique[] = { "list", "address", NULL };

static const char *const alist_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, NULL
};

const struct sch_menu sch_m_ip_firewall_address_list = {
	.path = "/ip/firewall/address-list",
	.table = "ip_firewall_address_list",
	.flags = M_LIST,
	.props = alist_props,
	.flagdefs = alist_flags,
	.columns = alist_columns,
	.unique_tuple = alist_unique,
	.commands = alist_cmds,
	.help = "Named sets of addresses for firewall matching",
	.export_rank = 140,
};
