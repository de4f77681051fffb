/*
 * menus_system.c - /system logging, /system logging action, /log,
 * /system identity, /system backup, /user, /user group and /file.
 *
 * Properties are listed in the order RouterOS prints them in detail
 * output; names and value sets follow the 7.21.5 command tree, defaults
 * and meanings menus.md sections 32-36.
 */
#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* Log topics (rules filter on them, /log entries carry them)          */
/* ------------------------------------------------------------------ */

static const char *const log_topics[] = {
	"account", "acme-client", "amt", "async", "backup", "bfd", "bgp",
	"bridge", "calc", "caps", "certificate", "clock", "cmr", "container",
	"critical", "ddns", "debug", "dhcp", "disk", "dns", "dot1x", "dude",
	"e-mail", "error", "event", "evpn", "fetch", "firewall", "gps", "gsm",
	"health", "hotspot", "igmp-proxy", "info", "interface", "ipsec",
	"iscsi", "isdn", "isis", "kvm", "l2tp", "ldp", "lora", "lte",
	"manager", "mme", "mpls", "mqtt", "mvrp", "natpmp", "netwatch", "ntp",
	"ospf", "ovpn", "packet", "pim", "poe-out", "ppp", "pppoe", "pptp",
	"ptp", "queue", "radius", "radvd", "raw", "read", "rip", "route",
	"rpki", "rsvp", "script", "sertcp", "simulator", "smb", "snmp",
	"socksify", "ssh", "sstp", "state", "store", "stp", "system",
	"telephony", "tftp", "timer", "tr069", "update", "upnp", "ups", "vpls",
	"vrrp", "warning", "watchdog", "web-proxy", "wireguard", "wireless",
	"write", "zerotier", NULL
};

/* ------------------------------------------------------------------ */
/* /system logging (rules)                                             */
/* ------------------------------------------------------------------ */

static const struct sch_prop logging_props[] = {
	/* A message is logged when it has every plain topic and none of
	 * the !negated ones. */
	{ .name = "topics", .type = ST_ENUM_LIST, .values = log_topics,
	  .dflt = "info", .flags = P_NEGATE,
	  .help = "Topics a message must carry (!topic: must not)" },
	{ .name = "prefix", .type = ST_STRING, .dflt = "",
	  .help = "Text prepended to messages sent by this rule" },
	{ .name = "regex", .type = ST_STRING, .dflt = "",
	  .help = "Regular expression the message text must match" },
	{ .name = "action", .type = ST_REF, .ref = "/system/logging/action",
	  .dflt = "memory", .help = "Where matching messages go" },
	SCH_P_DISABLED,
	SCH_P_INVALID,
	SCH_P_DEFAULT,
	{ .name = NULL }
};

static const struct sch_flag logging_flags[] = {
	SCH_F_DISABLED(0), SCH_F_INVALID(0),
	SCH_F_DEFAULT(1),
	{ 0 }
};

static const char *const logging_columns[] = { "topics", "action", NULL };

static const char *const rule_info[] = {
	"topics", "info", SCH_DEFAULT, "yes", NULL
};
static const char *const rule_error[] = {
	"topics", "error", SCH_DEFAULT, "yes", NULL
};
static const char *const rule_warning[] = {
	"topics", "warning", SCH_DEFAULT, "yes", NULL
};
static const char *const rule_critical[] = {
	"topics", "critical", "action", "echo", SCH_DEFAULT, "yes", NULL
};

static const struct sch_item logging_items[] = {
	{ 0, rule_info, 0 },
	{ 1, rule_error, 0 },
	{ 2, rule_warning, 0 },
	{ 3, rule_critical, 0 },
	{ 0, NULL, 0 }
};

/* No comment in this menu of the tree. */
static const char *const logging_cmds[] = {
	"add", "edit", "export", "find", "get", "print", "remove", "reset",
	"set", SCH_CMDS_TOGGLE, NULL
};

/* Factory rules come first, so their item number is their id. */
const struct sch_menu sch_m_system_logging = {
	.path = "/system/logging",
	.table = "system_logging",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = logging_props,
	.flagdefs = logging_flags,
	.columns = logging_columns,
	.items = logging_items,
	.commands = logging_cmds,
	.help = "Which log messages go where",
	.export_rank = 270,
	.export_default_sel = "%#",
};

/* ------------------------------------------------------------------ */
/* /system logging action                                              */
/* ------------------------------------------------------------------ */

static const char *const act_target[] = {
	"memory", "disk", "echo", "email", "remote", NULL
};
static const char *const act_proto[] = { "tcp", "udp", NULL };
static const char *const act_format[] = {
	"default", "syslog", "cef", NULL
};
static const char *const act_facility[] = {
	"auth", "authpriv", "cron", "daemon", "ftp", "kern", "local0",
	"local1", "local2", "local3", "local4", "local5", "local6", "local7",
	"lpr", "mail", "news", "ntp", "syslog", "user", "uucp", NULL
};
static const char *const act_severity[] = {
	"auto", "emergency", "alert", "critical", "error", "warning",
	"notice", "info", "debug", NULL
};
static const char *const act_time[] = { "bsd-syslog", "iso8601", NULL };

static const struct sch_prop action_props[] = {
	SCH_P_NAME("Action name used by rules"),
	{ .name = "target", .type = ST_ENUM, .values = act_target,
	  .dflt = "memory", .help = "Destination kind" },
	{ .name = "memory-lines", .type = ST_INT, .dflt = "1000", .min = 1,
	  .max = 65535, .help = "Ring size of a memory buffer" },
	{ .name = "memory-stop-on-full", .type = ST_BOOL, .dflt = "no",
	  .help = "Stop logging instead of wrapping" },
	{ .name = "disk-file-name", .type = ST_STRING, .dflt = "log",
	  .help = "Base name of the log files" },
	{ .name = "disk-lines-per-file", .type = ST_INT, .dflt = "1000",
	  .min = 1, .max = 65535, .help = "Lines per log file" },
	{ .name = "disk-file-count", .type = ST_INT, .dflt = "2", .min = 1,
	  .max = 65535, .help = "Number of files kept in rotation" },
	{ .name = "disk-stop-on-full", .type = ST_BOOL, .dflt = "no",
	  .help = "Stop logging when the files are full" },
	{ .name = "remember", .type = ST_BOOL, .dflt = "yes",
	  .help = "Echo: keep messages not yet shown on the console" },
	{ .name = "remote", .type = ST_ANY_ADDR, .dflt = "0.0.0.0",
	  .help = "Syslog server address" },
	{ .name = "remote-port", .type = ST_INT, .dflt = "514", .min = 1,
	  .max = 65535, .help = "Syslog server port" },
	{ .name = "remote-protocol", .type = ST_ENUM, .values = act_proto,
	  .dflt = "udp", .help = "Transport to the syslog server" },
	{ .name = "remote-log-format", .type = ST_ENUM, .values = act_format,
	  .dflt = "default", .help = "default = RouterOS format, syslog = "
	  "BSD syslog" },
	{ .name = "src-address", .type = ST_ANY_ADDR, .dflt = "0.0.0.0",
	  .help = "Source address of syslog packets" },
	{ .name = "vrf", .type = ST_NAME, .dflt = "main", .flags = P_BARE,
	  .help = "VRF the syslog server is reached through" },
	{ .name = "syslog-facility", .type = ST_ENUM, .values = act_facility,
	  .dflt = "daemon", .help = "Syslog facility" },
	{ .name = "syslog-severity", .type = ST_ENUM, .values = act_severity,
	  .dflt = "auto", .help = "Syslog severity (auto: from the topics)" },
	{ .name = "syslog-time-format", .type = ST_ENUM, .values = act_time,
	  .dflt = "bsd-syslog", .help = "Timestamp format of syslog "
	  "messages" },
	{ .name = "email-to", .type = ST_STRING, .flags = P_UNSET,
	  .help = "Recipient for target=email" },
	{ .name = "email-start-tls", .type = ST_BOOL, .dflt = "no",
	  .help = "Use STARTTLS for target=email" },
	{ .name = "cef-event-delimiter", .type = ST_STRING, .dflt = "\r\n",
	  .help = "Separator between CEF events" },
	SCH_P_COMMENT,
	SCH_P_DEFAULT,
	{ .name = NULL }
};

static const struct sch_flag action_flags[] = { SCH_F_DEFAULT(0), { 0 } };

static const char *const action_columns[] = { SCH_NAME, "target", NULL };

static const char *const act_memory[] = {
	SCH_NAME, "memory", SCH_DEFAULT, "yes", NULL
};
static const char *const act_disk[] = {
	SCH_NAME, "disk", "target", "disk", SCH_DEFAULT, "yes", NULL
};
static const char *const act_echo[] = {
	SCH_NAME, "echo", "target", "echo", SCH_DEFAULT, "yes", NULL
};
static const char *const act_remote[] = {
	SCH_NAME, "remote", "target", "remote", SCH_DEFAULT, "yes", NULL
};

static const struct sch_item action_items[] = {
	{ 0, act_memory, 0 },
	{ 1, act_disk, 0 },
	{ 2, act_echo, 0 },
	{ 3, act_remote, 0 },
	{ 0, NULL, 0 }
};

static const char *const action_cmds[] = { SCH_CMDS_ITEMS, "clear", NULL };

/* Exports write `set 3 remote=...`: numbers, as for the rules. */
const struct sch_menu sch_m_system_logging_action = {
	.path = "/system/logging/action",
	.table = "system_logging_action",
	.flags = M_LIST | M_DETAIL_PRINT,
	.props = action_props,
	.flagdefs = action_flags,
	.columns = action_columns,
	.items = action_items,
	.name_prop = SCH_NAME,
	.commands = action_cmds,
	.help = "Log destinations",
	.export_rank = 260,
	.export_default_sel = "%#",
};

/* ------------------------------------------------------------------ */
/* /log (runtime)                                                      */
/* ------------------------------------------------------------------ */

static const struct sch_prop log_props[] = {
	SCH_P_RT("time", ST_DATETIME, "When the message was logged"),
	{ .name = "topics", .type = ST_ENUM_LIST, .values = log_topics,
	  .flags = P_RO, .help = "Topics of the message" },
	SCH_P_RT("message", ST_STRING, "Message text"),
	{ .name = "buffer", .type = ST_NAME, .flags = P_RO | P_BARE,
	  .help = "Memory action holding the message" },
	SCH_P_RT("extra-info", ST_STRING, "Details shown by print "
	    "with-extra-info"),
	{ .name = NULL }
};

static const char *const log_columns[] = {
	"time", "topics", "message", NULL
};

/* info/warning/error/debug write a message (message=). */
static const char *const log_cmds[] = {
	"debug", "error", "find", "get", "info", "print", "warning", NULL
};

const struct sch_menu sch_m_log = {
	.path = "/log",
	.table = "log",
	.flags = M_LIST | M_RUNTIME | M_READONLY | M_NOT_EXPORTED |
	    M_LOG_LAYOUT,
	.props = log_props,
	.columns = log_columns,
	.commands = log_cmds,
	.help = "Messages kept by the memory log actions",
	.export_rank = 950,
};

/* ------------------------------------------------------------------ */
/* /system identity                                                    */
/* ------------------------------------------------------------------ */

static const struct sch_prop identity_props[] = {
	{ .name = SCH_NAME, .type = ST_NAME, .dflt = "MikroTik",
	  .help = "System name (prompt, backups, syslog), up to 64 "
	  "characters" },
	{ .name = NULL }
};

static const char *const identity_item[] = { SCH_NAME, "MikroTik", NULL };
static const struct sch_item identity_items[] = {
	{ 0, identity_item, 0 }, { 0, NULL, 0 }
};

static const char *const identity_cmds[] = { SCH_CMDS_SETTINGS, NULL };

const struct sch_menu sch_m_system_identity = {
	.path = "/system/identity",
	.table = "system_identity",
	.flags = M_SINGLETON,
	.props = identity_props,
	.items = identity_items,
	.commands = identity_cmds,
	.help = "Name of the system",
	.export_rank = 250,
};

/* ------------------------------------------------------------------ */
/* /system backup (commands only)                                      */
/* ------------------------------------------------------------------ */

static const struct sch_prop backup_props[] = { { .name = NULL } };

/* save name= password= dont-encrypt= encryption=; load name= password=
 * force-v6-to-v7-configuration-upgrade=.  There is no print. */
static const char *const backup_cmds[] = { "load", "save", NULL };

const struct sch_menu sch_m_system_backup = {
	.path = "/system/backup",
	.table = "system_backup",
	.flags = M_ACTION_ONLY | M_NOT_EXPORTED,
	.props = backup_props,
	.commands = backup_cmds,
	.help = "Binary configuration backups",
	.export_rank = 970,
};

/* ------------------------------------------------------------------ */
/* /user                                                               */
/* ------------------------------------------------------------------ */

static const char *const user_inactivity[] = {
	"none", "logout", "lockscreen", NULL
};

static const struct sch_prop user_props[] = {
	SCH_P_NAME("User name"),
	{ .name = "group", .type = ST_REF, .ref = "/user/group",
	  .flags = P_REQUIRED, .help = "Group management" },
	/* Hashed at rest and never exported, even with show-sensitive. */
	{ .name = "password", .type = ST_STRING, .dflt = "",
	  .flags = P_SENSITIVE | P_NOEXPORT | P_HASHED,
	  .help = "User password" },
	{ .name = "address", .type = ST_ADDR_LIST, .dflt = "",
	  .help = "Network address part of addresses user is allowed to use" },
	{ .name = "inactivity-timeout", .type = ST_TIME, .dflt = "10m",
	  .min = 60, .max = 86400,
	  .help = "period after which inactivity policy is applied" },
	{ .name = "inactivity-policy", .type = ST_ENUM,
	  .values = user_inactivity, .dflt = "none",
	  .help = "specify action taken after inactivity timeout" },
	SCH_P_RT("last-logged-in", ST_DATETIME, "Time of the last login"),
	SCH_P_COMMENT,
	SCH_P_DISABLED,
	SCH_P_STATE("expired", "Password must be changed at next login"),
	{ .name = NULL }
};

static const struct sch_flag user_flags[] = {
	SCH_F_DISABLED(0),
	{ 'E', "EXPIRED", "expired", 1 },
	{ 0 }
};

static const char *const user_columns[] = {
	SCH_NAME, "group", "last-logged-in", "address", "inactivity-policy",
	NULL
};

static const char *const user_admin[] = {
	SCH_NAME, "admin", "group", "full", SCH_COMMENT,
	"system default user", NULL
};
static const struct sch_item user_items[] = {
	{ 0, user_admin, 0 }, { 0, NULL, 0 }
};

static const char *const user_cmds[] = {
	SCH_CMDS_ITEMS, SCH_CMDS_TOGGLE, "expire-password", "recursive-print",
	NULL
};

const struct sch_menu sch_m_user = {
	.path = "/user",
	.table = "user",
	.flags = M_LIST | M_POLICY,
	.props = user_props,
	.flagdefs = user_flags,
	.columns = user_columns,
	.items = user_items,
	.name_prop = SCH_NAME,
	.commands = user_cmds,
	.help = "Console users",
	.export_rank = 290,
	.export_default_sel = "%s",
};

/* ------------------------------------------------------------------ */
/* /user group                                                         */
/* ------------------------------------------------------------------ */

/* The order print uses; negated policies follow the granted ones. */
static const char *const group_policies[] = {
	"local", "telnet", "ssh", "ftp", "reboot", "read", "write", "policy",
	"test", "winbox", "password", "web", "sniff", "sensitive", "api",
	"romon", "rest-api", NULL
};

static const struct sch_prop group_props[] = {
	SCH_P_NAME("New group name"),
	{ .name = "policy", .type = ST_ENUM_LIST, .values = group_policies,
	  .dflt = "", .flags = P_NEGATE, .help = "Group policy" },
	{ .name = "skin", .type = ST_NAME, .dflt = "default", .flags = P_BARE,
	  .help = "WebFig skin of the group" },
	SCH_P_COMMENT,
	{ .name = NULL }
};

static const char *const group_columns[] = { SCH_NAME, "policy", NULL };

/* Factory groups as menus.md 35.2 lists them. */
static const char *const group_read[] = {
	SCH_NAME, "read", "policy", "local,telnet,ssh,reboot,read,test,winbox,"
	"password,web,sniff,sensitive,api,romon,rest-api,!ftp,!write,!policy",
	NULL
};
static const char *const group_write[] = {
	SCH_NAME, "write", "policy", "local,telnet,ssh,reboot,read,write,test,"
	"winbox,password,web,sniff,sensitive,api,romon,rest-api,!ftp,!policy",
	NULL
};
static const char *const group_full[] = {
	SCH_NAME, "full", "policy", "local,telnet,ssh,ftp,reboot,read,write,"
	"policy,test,winbox,password,web,sniff,sensitive,api,romon,rest-api",
	NULL
};

static const struct sch_item group_items[] = {
	{ 0, group_read, 0 },
	{ 1, group_write, 0 },
	{ 2, group_full, 0 },
	{ 0, NULL, 0 }
};

static const char *const group_cmds[] = { SCH_CMDS_ITEMS, NULL };

/* Exports write `set read policy=...` (console-language 5.7). */
const struct sch_menu sch_m_user_group = {
	.path = "/user/group",
	.table = "user_group",
	.flags = M_LIST | M_DETAIL_PRINT | M_POLICY,
	.props = group_props,
	.columns = group_columns,
	.items = group_items,
	.name_prop = SCH_NAME,
	.commands = group_cmds,
	.help = "Sets of user rights",
	.export_rank = 280,
	.export_default_sel = "%s",
};

/* ------------------------------------------------------------------ */
/* /system history                                                     */
/* ------------------------------------------------------------------ */

/*
 * The journal of configuration changes (console-language 7.4): one
 * item per committed console line or script, written by the engine.
 * Undone entries can be redone until the next change; entries made in
 * safe mode float until it is released or unrolled.
 */
static const struct sch_prop history_props[] = {
	SCH_P_RT("action", ST_STRING, "Command that made the change"),
	SCH_P_RT("by", ST_NAME, "User who made the change"),
	SCH_P_RT("policy", ST_NAME, "Policy the change needed"),
	SCH_P_RT("time", ST_DATETIME, "When the change was made"),
	SCH_P_STATE("undoable", "The change can be undone"),
	SCH_P_STATE("redoable", "The change was undone and can be redone"),
	SCH_P_STATE("floating-undo", "Made in safe mode: undone when the "
	    "session ends abnormally"),
	{ .name = NULL }
};

static const struct sch_flag history_flags[] = {
	{ 'U', "UNDOABLE", "undoable", 0 },
	{ 'R', "REDOABLE", "redoable", 0 },
	{ 'F', "FLOATING-UNDO", "floating-undo", 1 },
	{ 0 }
};

static const char *const history_columns[] = {
	"action", "by", "policy", "time", NULL
};

static const char *const history_cmds[] = { "find", "get", "print", NULL };

const struct sch_menu sch_m_system_history = {
	.path = "/system/history",
	.table = "system_history",
	.flags = M_LIST | M_RUNTIME | M_READONLY | M_NOT_EXPORTED,
	.props = history_props,
	.flagdefs = history_flags,
	.columns = history_columns,
	.commands = history_cmds,
	.help = "Configuration changes that can be undone and redone",
	.export_rank = 980,
};

/* ------------------------------------------------------------------ */
/* /file                                                               */
/* ------------------------------------------------------------------ */

static const char *const file_kind[] = { "directory", "file", NULL };

static const struct sch_prop file_props[] = {
	SCH_P_NAME("The name of the file"),
	/* What add creates; listings show the type detected from the
	 * contents (backup, script...), which the engine fills in. */
	{ .name = "type", .type = ST_ENUM, .values = file_kind, .dflt = "file",
	  .flags = P_WRITE_ONCE, .help = "Detected type of file" },
	SCH_P_RT("size", ST_SIZE, "Size of the file in bytes"),
	SCH_P_RT("last-modified", ST_DATETIME, "Last modification date and "
	    "time"),
	{ .name = "contents", .type = ST_STRING, .dflt = "",
	  .flags = P_HIDDEN, .help = "Content of the file" },
	SCH_P_RT("package-name", ST_STRING, "Name of the software package"),
	SCH_P_RT("package-version", ST_STRING, "Software package version"),
	SCH_P_RT("package-build-time", ST_DATETIME, "Software package build "
	    "time"),
	SCH_P_RT("package-architecture", ST_STRING, "Architecture of the "
	    "software package"),
	SCH_P_RT("shared", ST_BOOL, "File is shared over SMB"),
	{ .name = NULL }
};

static const char *const file_columns[] = {
	SCH_NAME, "type", "size", "last-modified", NULL
};

static const char *const file_cmds[] = {
	"add", "edit", "find", "get", "print", "read", "remove", "reset", "set",
	NULL
};

const struct sch_menu sch_m_file = {
	.path = "/file",
	.table = "file",
	.flags = M_LIST | M_FILES | M_NOT_EXPORTED,
	.props = file_props,
	.columns = file_columns,
	.name_prop = SCH_NAME,
	.commands = file_cmds,
	.help = "Files in the router's file store",
	.export_rank = 960,
};
