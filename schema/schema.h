/*
 * schema.h - the one declaration of every menu rosh implements.
 *
 * A menu's entry drives argument validation, completion, help, the SQLite
 * table, print columns and export.  No other module spells a property name.
 * Names and enumerations follow the RouterOS 7.21.5 command tree.
 *
 * The module also embeds a compact copy of the complete RouterOS command
 * tree (every path, command and argument name), used by the parser to
 * resolve words and by --check to accept real exports of menus rosh does
 * not implement.
 */
#ifndef ROSH_SCHEMA_H
#define ROSH_SCHEMA_H

#include <stddef.h>

/* ------------------------------------------------------------------ */
/* Value types                                                         */
/* ------------------------------------------------------------------ */

enum sch_type {
	ST_STRING,	/* free text, printed quoted in detail output */
	ST_NAME,	/* item name: non-empty, printed quoted in detail */
	ST_BOOL,	/* yes|no (also true/false on input) */
	ST_INT,		/* integer in [min,max]; `words` lists extra keywords */
	ST_TIME,	/* interval: 1d2h3m4s, 00:30:00, bare seconds */
	ST_ENUM,	/* exactly one of `values` (unique prefix accepted) */
	ST_ENUM_LIST,	/* comma list of `values`; P_NEGATE allows !value */
	ST_IP,		/* IPv4 address */
	ST_IP_PREFIX,	/* A.B.C.D/M, host bits kept (ip address) */
	ST_IP_NET,	/* A.B.C.D[/M], host bits must be clear on output */
	ST_IP_RANGES,	/* pool ranges: list of A, A-B, A/M */
	ST_ADDR_MATCH,	/* firewall address: A, A/M, A-B */
	ST_PORTS,	/* port list: 500,4500,1000-2000 */
	ST_PROTOCOL,	/* IP protocol name or number 0..255 */
	ST_REF,		/* name of an item of menu `ref` (or `words`) */
	ST_REF_LIST,	/* comma list of names of items of menu `ref` */
	ST_IP_OR_REF,	/* IPv4 address, or name of an item of `ref` */
	ST_IP_LIST,	/* comma list of IPv4 addresses (dns-server) */
	ST_ADDR_LIST,	/* comma list of addresses/prefixes (user address) */
	ST_ANY_ADDR,	/* IPv4/IPv6 address or prefix, or DNS name */
	ST_HEX,		/* hexadecimal number printed 0x... */
	ST_SIZE,	/* byte count */
	ST_DATETIME,	/* runtime timestamp text */
	ST__COUNT
};

/* Property flags */
#define P_REQUIRED	0x0001	/* must be given on add */
#define P_UNIQUE	0x0002	/* no two items share the value */
#define P_SENSITIVE	0x0004	/* hidden unless show-sensitive */
#define P_RO		0x0008	/* runtime/read-only: not settable */
#define P_NEGATE	0x0010	/* a leading ! is accepted (firewall) */
#define P_NOEXPORT	0x0020	/* never exported (user password) */
#define P_INDEX		0x0040	/* SQL index on this column */
#define P_NOUNSET	0x0080	/* cannot be unset with unset/!name */
#define P_FLAG		0x0100	/* shown as a flag letter, not a column */
#define P_HIDDEN	0x0200	/* not printed (still stored/exported) */
#define P_WRITE_ONCE	0x0400	/* settable on add only */
#define P_ALWAYS_EXPORT	0x0800	/* exported even when equal to default */
#define P_SET_ONLY	0x1000	/* argument of set/add, not stored (place-before) */
#define P_HASHED	0x2000	/* stored as a salted PBKDF2 hash (user password) */
#define P_BARE		0x4000	/* string-typed but printed unquoted in detail
				 * output, as RouterOS prints chain=, list names,
				 * marks and matcher syntaxes (limit=, time=) */
#define P_UNSET		0x8000	/* deliberately unset until given: dflt is NULL
				 * by design, not by omission (comment, matchers) */
#define P_STATS		0x10000	/* a counter: printed by `print stats` (and
				 * get), not by plain or detail print */

struct sch_prop {
	const char *name;		/* RouterOS spelling */
	enum sch_type type;
	const char *dflt;		/* canonical default text; NULL = unset */
	const char *const *values;	/* ST_ENUM/ST_ENUM_LIST values */
	const char *const *words;	/* extra keywords (unlimited, none...) */
	long long min, max;		/* ST_INT / ST_TIME (seconds) range */
	const char *ref;		/* referenced menu path for ST_REF... */
	unsigned flags;
	const char *help;		/* one line */
};

/* A flag letter printed in the Flags: legend and in the flag slots. */
struct sch_flag {
	char letter;		/* 'X', 'D', '*' ... */
	const char *name;	/* legend word, e.g. "DISABLED" */
	const char *prop;	/* boolean property that sets it */
	int slot;		/* flags sharing a slot are mutually exclusive */
};

/* A factory item present in every fresh store. */
struct sch_item {
	long long id;			/* internal id (*0, *FFFFFFFE ...) */
	const char *const *kv;		/* "name", "value", ..., NULL */
	unsigned flags;			/* SCH_ITEM_* */
};

struct sch_menu;

/* Seeded into a fresh store but removable like an ordinary item (the
 * defconf WAN and LAN interface lists).  Export treats it as a factory
 * item (set when changed), so an export imports cleanly into a fresh
 * store that already has it. */
#define SCH_ITEM_ORDINARY 0x1

/* The factory item of m with this id, or NULL. */
const struct sch_item *sch_factory_item(const struct sch_menu *m,
    long long id);

/* Menu flags */
#define M_LIST		0x0001	/* list of items (add/remove/find...) */
#define M_SINGLETON	0x0002	/* settings menu: one item, set w/o numbers */
#define M_RUNTIME	0x0004	/* published by roshd, read-only here */
#define M_ORDERED	0x0008	/* order matters: place-before, move */
#define M_DETAIL_PRINT	0x0010	/* plain print uses the detail layout */
#define M_READONLY	0x0020	/* no add/set by the user */
#define M_NOT_EXPORTED	0x0040	/* export skips the menu */
#define M_KERNEL_LINKS	0x0080	/* items mirror the host's links */
#define M_FILES		0x0100	/* items mirror the files/ directory */
#define M_ACTION_ONLY	0x0200	/* only menu commands (backup): no table */
#define M_LOG_LAYOUT	0x0400	/* print as log lines: time topics message */
#define M_POLICY	0x0800	/* changes need the `policy` policy (users) */

/* Kind of a per-menu hook run by the engine around add/set/remove. */
struct sch_menu;

/*
 * export_default_sel: selector written after `set` for a factory item
 * (m->items) whose values differ from its factory state.  Fixed text,
 * or a template: %s the item's name, %{prop} the value of prop, %* its
 * *id, %# its item number.  Menus use "[ find default=yes ]" (single
 * default item), "%*" (/ppp profile: set *0, set *FFFFFFFE), "%#"
 * (policy template, logging rules/actions: set 0), "[ find name=%s ]"
 * (interface list built-ins), "%s" (/user, /user group: set read ...),
 * "[ find default-name=%{default-name} ]" (/interface); NULL for menus
 * without factory items and for singletons (plain `set`).
 */
struct sch_menu {
	const char *path;		/* "/ip/firewall/filter" */
	const char *table;		/* SQL table name "ip_firewall_filter" */
	unsigned flags;
	const struct sch_prop *props;	/* terminated by { NULL } */
	const struct sch_flag *flagdefs;/* terminated by { 0 } */
	const char *const *columns;	/* default table columns */
	const struct sch_item *items;	/* factory items, { 0, NULL } ends */
	const char *name_prop;		/* prop selecting items by name */
	const char *const *unique_tuple;/* props unique together, or NULL */
	const char *const *commands;	/* commands the menu offers */
	const char *help;		/* menu purpose, one line */
	int export_rank;		/* order of sections in /export */
	const char *export_default_sel;	/* "[ find default=yes ]" form */
};

/* ------------------------------------------------------------------ */
/* Menu registry                                                       */
/* ------------------------------------------------------------------ */

/* All implemented menus, NULL-terminated, in export order. */
extern const struct sch_menu *const sch_menus[];

/* Menu by absolute slash path ("/ip/pool"); NULL if not implemented. */
const struct sch_menu *sch_menu_find(const char *path);

/* Property by exact name; NULL if none.  Index out: position in props. */
const struct sch_prop *sch_prop_find(const struct sch_menu *m,
    const char *name, int *index);

/* Number of properties of a menu. */
int sch_prop_count(const struct sch_menu *m);

/* ------------------------------------------------------------------ */
/* Value validation and normalisation                                  */
/* ------------------------------------------------------------------ */

/*
 * Check `in` against the property's type and write its canonical text
 * (what is stored, printed and exported) to out.  References are not
 * checked for existence here (the engine does that), but enum values are
 * expanded from unique prefixes ("require" -> "required").
 * Returns 0 on success; on failure returns -1 and sets *err to a static
 * RouterOS-style message (without the property name), one of:
 *   SCH_E_INVALID  "invalid value for argument %s"
 *   SCH_E_NOMATCH  "input does not match any value of %s"
 *   SCH_E_AMBIG    "ambiguous value of %s, more than one possible value matches input"
 *   SCH_E_RANGE    "value of %s out of range (%s)"
 *   SCH_E_TIME     "invalid time value for argument %s"
 */
enum sch_err {
	SCH_OK = 0,
	SCH_E_INVALID,
	SCH_E_NOMATCH,
	SCH_E_AMBIG,
	SCH_E_RANGE,
	SCH_E_TIME,
};

enum sch_err sch_value_check(const struct sch_prop *p, const char *in,
    char *out, size_t outsz);

/* Format the error for property p into buf (RouterOS words). */
void sch_err_format(enum sch_err e, const struct sch_prop *p, char *buf,
    size_t bufsz);

/* Time helpers: parse an interval to nanoseconds; format compactly. */
int sch_time_parse(const char *in, long long *ns);
void sch_time_format(long long ns, char *out, size_t outsz);

/* Parse IPv4 (shortened forms allowed: 10.1 -> 10.0.0.1). */
int sch_ip4_parse(const char *in, unsigned *addr);
/* Parse A.B.C.D/M into addr+len; len 32 when no /M. */
int sch_ip4_prefix_parse(const char *in, unsigned *addr, int *len);

/* Resolve `in` against a NULL-terminated word list: exact, else unique
 * prefix.  Returns the index, -1 for no match, -2 when ambiguous. */
int sch_word_match(const char *const *words, const char *in, size_t inlen);

/* True if the type's printed value needs quotes in detail output. */
int sch_type_is_string(enum sch_type t);

/* ------------------------------------------------------------------ */
/* The complete RouterOS command tree                                  */
/* ------------------------------------------------------------------ */

enum ct_kind { CT_DIR, CT_CMD, CT_ARG };

struct ct_node {
	const char *name;
	enum ct_kind kind;
	unsigned short nkids;
	const struct ct_node *kids;	/* sorted by name */
};

/* Root of the tree (a CT_DIR). */
const struct ct_node *ct_root(void);

/*
 * Child of a dir (menus and commands) or of a cmd (arguments) by exact
 * name, else by unique prefix.  Returns NULL with *ambiguous set to 1
 * when several children share the prefix, 0 when none matches.
 */
const struct ct_node *ct_child(const struct ct_node *n, const char *word,
    size_t len, int *ambiguous);

/* Exact child only. */
const struct ct_node *ct_child_exact(const struct ct_node *n,
    const char *word, size_t len);

/* Node at an absolute slash path ("/ip/ipsec/peer"), NULL if none. */
const struct ct_node *ct_lookup(const char *path);

/*
 * Aliases rosh accepts beyond the tree: a (dir path, word) pair that names
 * another child, e.g. ("/ip/ipsec", "sa") -> "installed-sa".  Returns the
 * target name or NULL.
 */
const char *ct_alias(const char *dirpath, const char *word, size_t len);

/*
 * Positional (unnamed) parameters of a command, in order, NULL-terminated:
 * e.g. set -> { "numbers", NULL }, get -> { "number", "value-name", NULL },
 * :put -> { "message", NULL }.  `dirpath` is the menu holding the command.
 * Returns an empty list for commands without positionals.
 */
const char *const *ct_positionals(const char *dirpath,
    const struct ct_node *cmd);

/*
 * How the value of an argument is parsed:
 *   CT_VAL_VALUE  an ordinary value
 *   CT_VAL_BLOCK  `{` opens a script block (do=, else=, on-error=...)
 *   CT_VAL_WHERE  the rest of the command is a where-expression
 *   CT_VAL_FLAG   a flag argument that may be given without a value
 */
enum ct_valkind { CT_VAL_VALUE, CT_VAL_BLOCK, CT_VAL_WHERE, CT_VAL_FLAG };
enum ct_valkind ct_arg_kind(const char *dirpath, const struct ct_node *cmd,
    const char *arg);

/* Number of nodes in the embedded tree (for tests). */
size_t ct_node_count(void);

/* ------------------------------------------------------------------ */
/* Generic property names the engine handles itself                    */
/* ------------------------------------------------------------------ */

#define SCH_NAME	"name"
#define SCH_COMMENT	"comment"
#define SCH_DISABLED	"disabled"
#define SCH_DYNAMIC	"dynamic"	/* RO flag D: created by a service */
#define SCH_DEFAULT	"default"	/* RO flag *: factory item */
#define SCH_BUILTIN	"builtin"	/* RO flag *: interface list built-ins */
#define SCH_INVALID	"invalid"	/* RO flag I */
#define SCH_PLACE_BEFORE "place-before"
#define SCH_COPY_FROM	"copy-from"

/* Words the interactive console acts on itself. */
#define SCH_CMD_QUIT		"quit"		/* root command: log out */
#define SCH_ARG_NOPAGING	"without-paging"	/* no pager */

/* Menus the engine reads for its own needs. */
#define SCH_MENU_IDENTITY "/system/identity"

/* ------------------------------------------------------------------ */
/* Dynamic items derived from configuration                            */
/* ------------------------------------------------------------------ */

/*
 * Some configuration makes the system create dynamic (D) items in other
 * menus: /interface l2tp-server server use-ipsec=yes|required creates the
 * peer l2tp-in-server and its identity.  The engine calls
 * sch_derive_items() after any change to a menu listed as a source and
 * replaces every dynamic item previously derived from that source with
 * the result.
 */
#define SCH_DERIVE_MAX_KV 24
struct sch_derived {
	const struct sch_menu *menu;		/* menu of the new item */
	const char *kv[SCH_DERIVE_MAX_KV * 2 + 1]; /* name, value..., NULL;
						 * values point into the source
						 * row or static text */
};

/* True if changes to menu m can derive dynamic items. */
int sch_derive_is_source(const struct sch_menu *m);

/*
 * Items derived from the (single) row vals of source menu m (vals[i] is
 * the canonical text of m->props[i] or NULL).  Fills out[0..max-1] and
 * returns the count (0 = none should exist).
 */
int sch_derive_items(const struct sch_menu *m, char *const *vals,
    struct sch_derived *out, int max);

/* ------------------------------------------------------------------ */
/* Rows of menus that mirror the host (schema/mirror.c)                */
/* ------------------------------------------------------------------ */

/* A malloc'd value array (per prop of m, NULL = unset) describing one
 * kernel link for the /interface menu. */
char **sch_link_row(const struct sch_menu *m, const char *name,
    const char *type, unsigned mtu, const char *mac, int running,
    int disabled);

/* Likewise one entry of the files/ directory for /file. */
char **sch_file_row(const struct sch_menu *m, const char *name, int isdir,
    long long size, const char *mtime);

/*
 * Read-only values shown by print that follow from other data (pool
 * total/used/available): fills them into vals (malloc'd strings; old ones
 * freed).  count(ctx, path, prop, value) returns how many items of menu
 * path have prop equal to value.
 */
typedef long long (*sch_count_fn)(void *ctx, const char *path,
    const char *prop, const char *value);
void sch_compute_row(const struct sch_menu *m, char **vals,
    sch_count_fn count, void *ctx);

/* ------------------------------------------------------------------ */
/* Logging (schema/logging.c)                                          */
/* ------------------------------------------------------------------ */

enum sch_log_target {
	SCH_LOG_MEMORY, SCH_LOG_DISK, SCH_LOG_ECHO, SCH_LOG_REMOTE,
	SCH_LOG_OTHER
};

/* A /system logging rule (strings borrowed from the row). */
struct sch_log_rule {
	const char *topics, *prefix, *regex, *action;
	int disabled;
};

/* A /system logging action (strings borrowed from the row). */
struct sch_log_action {
	const char *name;
	enum sch_log_target target;
	long memory_lines;
	const char *disk_file;
	long disk_lines, disk_count;
	const char *remote;		/* address */
	int remote_port;
	int syslog_format;		/* BSD syslog instead of RouterOS raw */
	int facility;			/* syslog facility number */
	int severity;			/* 0..7, -1 = from the topics */
};

const struct sch_menu *sch_log_rules_menu(void);
const struct sch_menu *sch_log_actions_menu(void);
const struct sch_menu *sch_log_menu(void);
void sch_log_rule_of(const struct sch_menu *m, char *const *vals,
    struct sch_log_rule *r);
void sch_log_action_of(const struct sch_menu *m, char *const *vals,
    struct sch_log_action *a);
/* A malloc'd /log row (per prop of m). */
char **sch_log_row(const struct sch_menu *m, const char *time,
    const char *topics, const char *message, const char *buffer);
const char *sch_log_buffer_prop(void);
/* RouterOS topic matching: every topic the rule names, none it negates. */
int sch_log_topics_match(const char *rule_topics, const char *msg_topics);

/* The /interface list member a fresh store gets: the interface of the
 * default route joins the WAN list, as in RouterOS's default
 * configuration.  Returns 1 with *out filled, 0 when there is none. */
int sch_wan_member(const char *ifname, struct sch_derived *out);

/* ------------------------------------------------------------------ */
/* Firewall translation data (schema/fw_nft.c)                         */
/* ------------------------------------------------------------------ */

/*
 * What the nftables translation (engine/firewall.c) needs to know about
 * RouterOS names: which property of a firewall table is which matcher
 * and how its value becomes an nft expression, which chains are built in
 * and where they hook, what each action does.  A property of a rule
 * table that is neither a matcher below, nor one of struct sch_fw_args,
 * nor comment/disabled/dynamic, nor read-only, is not supported: a rule
 * that sets it cannot be translated (the engine refuses it rather than
 * drop the matcher, which would widen the rule).
 */

/* How a matcher's stored value is rendered. */
enum sch_fw_vkind {
	SFV_ADDR,	/* A, A/M, A-B: "<expr> [!=] value" */
	SFV_PORTS,	/* port list: "<expr> [!=] { 500, 1000-2000 }" */
	SFV_PORTS_ANY,	/* either port: expr . expr2 over both orders */
	SFV_PROTO,	/* protocol name or number: "<expr> [!=] N" */
	SFV_NUM,	/* number or lo-hi range (packet-size, dscp) */
	SFV_IFNAME,	/* interface name, or a wildcard of sch_fw_ifspec */
	SFV_IFLIST,	/* interface list: "<expr> [!=] @set" */
	SFV_ALIST,	/* address list: "<expr> [!=] @set" */
	SFV_WORDS,	/* enum list: "<expr> [!=] { mapped words }" */
	SFV_BITS,	/* enum list: "<expr> & (a|b) != 0", negated "== 0" */
	SFV_FLAGS,	/* tcp-flags: "<expr> & (all) == (set)"; !word clear */
	SFV_FIXED,	/* one enum value: its mapped word is the expression */
	SFV_ICMP,	/* type[:code] with ranges: "expr . expr2 { t . c }" */
	SFV_LIMIT,	/* rate[/time],burst[:packet|bit] */
	SFV_MARK,	/* mark name or no-mark: "<expr> & mask == value" */
};

/* Requirements a matcher or action puts on the rule's protocol. */
#define SFM_PORTPROTO	0x01	/* a protocol with ports (tcp, udp...) */
#define SFM_TCP		0x02	/* protocol=tcp */
#define SFM_ICMP	0x04	/* protocol=icmp */
#define SFM_NONEG	0x08	/* a leading ! cannot be translated */

/* A RouterOS value word and its nft spelling; nft NULL = unsupported. */
struct sch_fw_word {
	const char *ros;
	const char *nft;
	unsigned flags;		/* SFM_* the value needs */
};

struct sch_fw_match {
	const char *prop;		/* RouterOS property */
	enum sch_fw_vkind kind;
	const char *expr;		/* nft left-hand side ("ip saddr") */
	const char *expr2;		/* second operand, kind-specific */
	const struct sch_fw_word *words;/* value map, { NULL } ended */
	unsigned mask;			/* SFV_MARK: bits the mark owns */
	unsigned flags;			/* SFM_* */
};

/* Matcher entry for property `prop`, or NULL if it is not a matcher. */
const struct sch_fw_match *sch_fw_match_find(const char *prop);

/* What an action does. */
enum sch_fw_act {
	SFA_VERDICT,	/* stmt is a terminating verdict (accept, drop) */
	SFA_CONTINUE,	/* count and go on (passthrough) */
	SFA_LOG,	/* log and go on */
	SFA_REJECT,	/* stmt from the reject-with word */
	SFA_JUMP,	/* jump to the jump-target chain */
	SFA_RETURN,	/* back to the calling chain */
	SFA_FASTTRACK,	/* offload established flows, then go on */
	SFA_ADD_LIST,	/* add stmt (the address expression) to a set */
	SFA_NAT,	/* stmt is snat, dnat, masquerade or redirect */
	SFA_STMT,	/* stmt is a statement that goes on (notrack) */
	SFA_MARK,	/* set stmt ("meta mark") from the `arg` property */
};

/* Flags of struct sch_fw_action. */
#define SFA_F_NEED_ADDR	0x01	/* to-addresses required (src/dst-nat) */
#define SFA_F_ADDR	0x02	/* to-addresses used */
#define SFA_F_RANDOM	0x04	/* randomise-ports applies */

struct sch_fw_action {
	const char *name;	/* RouterOS action value */
	enum sch_fw_act act;
	const char *stmt;	/* nft statement or expression */
	const char *arg;	/* SFA_MARK: property naming the new mark */
	unsigned mask;		/* SFA_MARK: bits the mark owns */
	unsigned flags;		/* SFA_F_* */
};

/* Action by RouterOS name, or NULL when not supported. */
const struct sch_fw_action *sch_fw_action_find(const char *name);

/* Properties that are arguments of actions, and the rule's head. */
struct sch_fw_args {
	const char *chain, *action, *jump_target;
	const char *address_list, *address_list_timeout;
	const char *reject_with;	/* value mapped by reject_words */
	const char *to_addresses, *to_ports, *randomise_ports;
	const char *passthrough;	/* mangle: go on after the action */
	const char *log, *log_prefix;	/* log=yes on any action */
	const char *mark_args[4];	/* new-*-mark, NULL ended */
	const struct sch_fw_word *reject_words;
	const char *reject_default;	/* nft text when reject-with is unset */
	const char *default_action;	/* what an unset action= means */
	const char *log_stmt;		/* nft: log [prefix "..."] log_opts */
	const char *log_opts;
	const char *fasttrack_guard;	/* what fasttrack also requires */
};
const struct sch_fw_args *sch_fw_args(void);

/* A built-in chain: where it hooks and at which priority. */
struct sch_fw_chain {
	const char *name;	/* RouterOS chain name */
	const char *type;	/* nft chain type: filter, nat */
	const char *hook;	/* nft hook */
	int prio;
};

/* One rule table: its menu, the prefix of its nft chain names and its
 * built-in chains ({ NULL } ended). */
struct sch_fw_table {
	const struct sch_menu *menu;
	const char *prefix;
	const struct sch_fw_chain *chains;
};

/* The rule tables in hook order, ended by an entry with menu NULL. */
const struct sch_fw_table *sch_fw_tables(void);

/* Built-in interface lists whose members follow from the links. */
enum sch_fw_iflist { SFL_ALL, SFL_NONE, SFL_DYNAMIC, SFL_STATIC };

struct sch_fw_builtin {
	const char *name;
	enum sch_fw_iflist kind;
};

/* An in/out-interface wildcard: an nft interface type (iftype, for
 * links that come and go), else the /interface types it covers. */
struct sch_fw_ifwild {
	const char *word;
	const char *iftype;
	const char *const *link_types;
};

/* Interfaces, interface lists and address lists as the firewall reads
 * them. */
struct sch_fw_ifspec {
	const struct sch_menu *links;		/* /interface */
	const char *link_name, *link_type;
	const struct sch_menu *lists;		/* /interface list */
	const char *list_name, *list_include, *list_exclude;
	const struct sch_menu *members;		/* /interface list member */
	const char *member_list, *member_iface;
	const struct sch_fw_builtin *builtins;	/* { NULL } ended */
	const struct sch_fw_ifwild *wildcards;	/* { NULL } ended */
	const char *const *flow_types;		/* link types a fasttrack
						 * flowtable holds */
	const struct sch_menu *alist;		/* /ip firewall address-list */
	const char *alist_list, *alist_address, *alist_timeout;
};
const struct sch_fw_ifspec *sch_fw_ifspec(void);

/* IANA number of a stored protocol value (name or number), -1 if none. */
int sch_fw_proto_number(const char *value);
/* True if the protocol carries ports (tcp, udp, udp-lite, dccp, sctp). */
int sch_fw_proto_has_ports(int number);
/* Numbers of tcp and icmp, for SFM_TCP and SFM_ICMP. */
#define SCH_FW_PROTO_TCP	6
#define SCH_FW_PROTO_ICMP	1

/* A parsed limit=: `rate` per `per_ns`, `burst`, in packets or bits. */
struct sch_fw_limit {
	unsigned long long rate;
	long long per_ns;
	unsigned long long burst;
	int bits;
};
/* Parse limit= text.  0, or -1 when it is not valid limit syntax. */
int sch_fw_limit_parse(const char *value, struct sch_fw_limit *out);

/* Parse icmp-options= text: type[-type][:code[-code]]; a missing code
 * is 0-255.  0, or -1 when it is not valid. */
int sch_fw_icmp_parse(const char *value, int *tlo, int *thi, int *clo,
    int *chi);

/* ------------------------------------------------------------------ */
/* Help for the console's ? key and completion (schema/help.c)         */
/* ------------------------------------------------------------------ */

/* Purpose of a command, one line; dirpath "/" for root commands.  NULL
 * when there is none. */
const char *sch_cmd_help(const char *dirpath, const char *cmd);

/* What the value of a shared command argument names. */
enum sch_argval {
	SCH_AV_NONE,	/* free text or nothing to offer */
	SCH_AV_FLAG,	/* a switch: no value */
	SCH_AV_ITEMS,	/* item numbers or names of the menu, comma list */
	SCH_AV_ITEM,	/* one item of the menu */
	SCH_AV_PROPS,	/* property names of the menu, comma list */
	SCH_AV_PROP,	/* one property name */
	SCH_AV_WHERE,	/* a where-expression over the menu's properties */
	SCH_AV_FILE,	/* a file name */
	SCH_AV_TIME,	/* a time interval */
};

/* An argument most menu commands share (numbers, detail, copy-from...);
 * properties are described by their menu instead. */
struct sch_arg_help {
	const char *cmd;	/* NULL: the same for every command */
	const char *arg;
	enum sch_argval kind;
	const char *help;
};

/* Help of argument arg of command cmd, or NULL. */
const struct sch_arg_help *sch_arg_help(const char *cmd, const char *arg);

/* What property p accepts, one line: "no | port-override | port-strict",
 * "0..65535", "IP address (A.B.C.D)"... */
void sch_prop_synopsis(const struct sch_prop *p, char *buf, size_t sz);

/* ------------------------------------------------------------------ */
/* Users, policies and the change journal (schema/policy.c)            */
/* ------------------------------------------------------------------ */

/* /user group policies, in the order of the policy property's values
 * (menus.md 35.2). */
enum sch_policy {
	SCH_POL_LOCAL, SCH_POL_TELNET, SCH_POL_SSH, SCH_POL_FTP,
	SCH_POL_REBOOT, SCH_POL_READ, SCH_POL_WRITE, SCH_POL_POLICY,
	SCH_POL_TEST, SCH_POL_WINBOX, SCH_POL_PASSWORD, SCH_POL_WEB,
	SCH_POL_SNIFF, SCH_POL_SENSITIVE, SCH_POL_API, SCH_POL_ROMON,
	SCH_POL_REST_API, SCH_POL__COUNT
};
#define SCH_POL(p)	(1u << (p))

/* RouterOS name of a policy ("write"), NULL if out of range. */
const char *sch_policy_name(enum sch_policy pol);

/* SCH_POL() mask of what a group's policy text grants ("!x" denies). */
unsigned sch_policy_mask(const char *text);

/*
 * What running command `cmd` in the menu at `path` needs: a mask of
 * SCH_POL() bits.  *changes is set when the command changes the
 * configuration.  m is the implemented menu at path, or NULL.  Commands
 * of configuration menus the table does not know need write.
 */
unsigned sch_cmd_policy(const struct sch_menu *m, const char *path,
    const char *cmd, int *changes);

/* Names the engine reads for logins, permissions and /system history. */
struct sch_user_spec {
	const struct sch_menu *users;		/* /user */
	const char *user_name, *user_group, *user_address, *user_disabled;
	const char *user_last_login;
	const char *admin;			/* the factory full user */
	const struct sch_menu *groups;		/* /user group */
	const char *group_name, *group_policy;
	const struct sch_menu *history;		/* /system history */
	const char *hist_action, *hist_by, *hist_policy, *hist_time;
	const char *hist_undoable, *hist_redoable, *hist_floating;
	const char *safe_mode;			/* the /safe-mode menu */
};
const struct sch_user_spec *sch_user_spec(void);

/* ------------------------------------------------------------------ */
/* Kernel objects and pools (schema/kernel_map.c)                      */
/* ------------------------------------------------------------------ */

/*
 * What the reconcilers of /ip address and /ip route (engine/kernel.c)
 * and the pool allocator (engine/pool.c) read from a row, as plain
 * values.  IPv4 addresses are in host byte order; strings are borrowed
 * from the row and live as long as it does.
 */

/* One /ip address item. */
struct sch_kaddr {
	unsigned ka_addr;	/* the local address */
	int ka_plen;		/* prefix length, 0..32 */
	unsigned ka_peer;	/* point-to-point peer: network= of a /32 when
				   it differs from the address; 0 for none */
	unsigned ka_brd;	/* broadcast= when given, else the network's
				   last address for prefixes up to /30 (as
				   RouterOS sets it); 0 for none */
	const char *ka_ifname;	/* interface= */
	int ka_disabled, ka_dynamic, ka_invalid;
};

const struct sch_menu *sch_kaddr_menu(void);
/* Fill *a from row vals of m.  0, or -1 when the address or interface
 * is missing or not an address. */
int sch_kaddr_of(const struct sch_menu *m, char *const *vals,
    struct sch_kaddr *a);
/* Set the invalid flag of row vals (malloc'd text).  Returns 1 when the
 * stored value changed, 0 when it already said so. */
int sch_kaddr_set_invalid(const struct sch_menu *m, char **vals,
    int invalid);

/* One /ip route item. */
struct sch_kroute {
	unsigned kr_dst;		/* dst-address */
	int kr_dst_len;
	unsigned kr_gw;			/* gateway address, 0 for none */
	const char *kr_gw_ifname;	/* gateway interface, NULL for none */
	unsigned kr_pref_src;		/* pref-src, 0 for none */
	unsigned kr_distance;		/* distance */
	const char *kr_table;		/* routing-table */
	int kr_table_main;		/* routing-table is the main table */
	int kr_blackhole, kr_disabled, kr_dynamic;
	int kr_active, kr_inactive;	/* state flags as stored */
};

const struct sch_menu *sch_kroute_menu(void);
/* Fill *r from row vals of m.  0, or -1 when a value does not parse. */
int sch_kroute_of(const struct sch_menu *m, char *const *vals,
    struct sch_kroute *r);
/* Record what the kernel holds: active (installed), inactive (it
 * could not be), and the static flag of a configured route.  Returns
 * 1 when any stored value changed. */
int sch_kroute_set_state(const struct sch_menu *m, char **vals, int active,
    int inactive);

/* One /ip pool item. */
struct sch_pool {
	const char *sp_name;
	const char *sp_ranges;
	const char *sp_next;	/* next-pool; NULL when unset or none */
};

const struct sch_menu *sch_pool_menu(void);
void sch_pool_of(const struct sch_menu *m, char *const *vals,
    struct sch_pool *p);

/* One /ip pool used row. */
struct sch_pool_used {
	const char *pu_pool, *pu_address, *pu_owner, *pu_info;
};

const struct sch_menu *sch_pool_used_menu(void);
void sch_pool_used_of(const struct sch_menu *m, char *const *vals,
    struct sch_pool_used *u);
/* A malloc'd /ip pool used row (per prop of m); NULL when out of
 * memory. */
char **sch_pool_used_row(const struct sch_menu *m, const char *pool,
    const char *address, const char *owner, const char *info);
/* Index of the (indexed) address property of /ip pool used, -1 if
 * none. */
int sch_pool_used_addr_index(const struct sch_menu *m);

/* An inclusive range of IPv4 addresses. */
struct sch_ip_range {
	unsigned lo, hi;
};

/*
 * Parse ranges= text of /ip pool: a comma list of A, A-B and A/M (the
 * whole prefix, network and broadcast addresses included, as RouterOS
 * counts them).  OUT: *out is a malloc'd array in the order given; the
 * caller frees it.  Returns the count, or -1 (with *out NULL) when the
 * text is malformed or memory runs out.
 */
int sch_ip_ranges_parse(const char *text, struct sch_ip_range **out);

/* ------------------------------------------------------------------ */
/* Runtime state roshd publishes (schema/runtime_map.c)                */
/* ------------------------------------------------------------------ */

/*
 * What roshd reads from and writes back into /ip ipsec policy, the
 * runtime menus (/ip ipsec installed-sa and statistics, /interface
 * counters, firewall rule counters) and address-list entries with a
 * timeout, as plain values.  Strings are borrowed from the row.
 */

/* The menus the daemon's actions and publishing act on. */
struct sch_runtime_spec {
	const struct sch_menu *installed_sa;	/* /ip ipsec installed-sa */
	const struct sch_menu *active_peers;	/* /ip ipsec active-peers */
	const struct sch_menu *statistics;	/* /ip ipsec statistics */
	const struct sch_menu *ppp_active;	/* /ppp active */
	const struct sch_menu *policy;		/* /ip ipsec policy */
	const struct sch_menu *links;		/* /interface */
	const struct sch_menu *alist;		/* /ip firewall address-list */
};
const struct sch_runtime_spec *sch_runtime_spec(void);

/* An IPv4 or IPv6 address with a prefix length, parsed from A.B.C.D,
 * A.B.C.D/M, an IPv6 address or prefix.  Host bits are kept. */
struct sch_addr {
	int sa_family;			/* AF_INET or AF_INET6 */
	unsigned char sa_bytes[16];	/* network order */
	unsigned sa_plen;		/* 32/128 without /M */
};
/* 0, or -1 when text is none of those (a DNS name, garbage). */
int sch_addr_parse(const char *text, struct sch_addr *out);

/* RouterOS policy action, level and ph2-state as numbers. */
#define SCH_IPA_ENCRYPT		0
#define SCH_IPA_DISCARD		1
#define SCH_IPA_NONE		2
#define SCH_IPL_REQUIRE		0
#define SCH_IPL_USE		1
#define SCH_IPL_UNIQUE		2
#define SCH_PH2_UNSET		0	/* not shown (inactive, no SAs used) */
#define SCH_PH2_NO_PHASE2	1	/* installed, no SA yet */
#define SCH_PH2_ESTABLISHED	2	/* SAs installed for it */

/* One /ip ipsec policy item. */
struct sch_ipolicy {
	int ip_template, ip_dynamic, ip_disabled;
	int ip_action;			/* SCH_IPA_* */
	int ip_level;			/* SCH_IPL_* */
	int ip_ah;			/* ipsec-protocols=ah (else esp) */
	int ip_tunnel;
	const char *ip_src, *ip_dst;	/* selector prefixes */
	int ip_proto;			/* IP protocol, 0 = all, -1 bad */
	int ip_sport, ip_dport;		/* 0 = any */
	const char *ip_sa_src, *ip_sa_dst; /* NULL when unset */
	int ip_active, ip_invalid;	/* flags as stored */
};

/* Fill *p from row vals of m (sch_runtime_spec()->policy). */
void sch_ipolicy_of(const struct sch_menu *m, char *const *vals,
    struct sch_ipolicy *p);
/* Record the kernel's view: active and invalid flags, ph2-state
 * (SCH_PH2_*) and ph2-count (-1: unset).  Returns 1 when any stored
 * value changed, 0 when not, -1 when out of memory. */
int sch_ipolicy_set_state(const struct sch_menu *m, char **vals,
    int active, int invalid, int ph2, int ph2_count);

/* Kernel counters of a link, as /interface print stats shows them. */
struct sch_link_counters {
	unsigned long long rx_byte, tx_byte, rx_packet, tx_packet;
	unsigned long long rx_drop, tx_drop, rx_error, tx_error;
};
/* Put the running flag and the counters into an /interface row.
 * Returns 1 when a value changed, 0 when not, -1 out of memory. */
int sch_link_state_put(const struct sch_menu *m, char **vals, int running,
    const struct sch_link_counters *c);

/* The counter properties of a firewall rule table (bytes, packets). */
void sch_fw_counter_props(const char **bytes, const char **packets);

/* One /ip ipsec installed-sa row, as plain values. */
#define SCH_SA_LARVAL	0
#define SCH_SA_MATURE	1
#define SCH_SA_DYING	2
struct sch_sa {
	unsigned long long ss_spi;
	const char *ss_src, *ss_dst;	/* "IP", or "IP:port" when UDP
					   encapsulated */
	int ss_state;			/* SCH_SA_* */
	const char *ss_auth, *ss_enc;	/* kernel algorithm names
					   ("hmac(sha1)", "cbc(aes)",
					   "rfc4106(gcm(aes))"); "" none */
	int ss_aead;			/* ss_enc is an AEAD algorithm */
	unsigned ss_enc_keylen;		/* bytes, salt included */
	const char *ss_auth_key, *ss_enc_key;	/* hex, NULL for none */
	const char *ss_addtime;		/* datetime text */
	long long ss_soft_sec, ss_hard_sec;	/* add lifetimes, 0 none */
	long long ss_expires_sec;	/* to the next lifetime event, -1 */
	unsigned long long ss_bytes, ss_packets, ss_invalid;
	unsigned ss_replay;		/* replay window */
	int ss_seen, ss_hw, ss_ah;	/* flags S, H, A (else E) */
};
/* A malloc'd installed-sa row (per prop of m); NULL when out of
 * memory.  Keys are copied into it: wipe it before freeing. */
char **sch_sa_row(const struct sch_menu *m, const struct sch_sa *s);
/* Do rows a and b of installed-sa name the same SA (spi, endpoints)? */
int sch_sa_same(const struct sch_menu *m, char *const *a, char *const *b);

/* A malloc'd /ip ipsec statistics row from the kernel's counters, v[i]
 * for the i-th property of the menu (menus.md 23 order); n values. */
char **sch_ipsec_stats_row(const struct sch_menu *m,
    const unsigned long long *v, int n);

/* One /ip firewall address-list item. */
struct sch_alist_entry {
	const char *ae_list, *ae_address, *ae_timeout, *ae_created;
	int ae_disabled, ae_dynamic;
};
void sch_alist_of(const struct sch_menu *m, char *const *vals,
    struct sch_alist_entry *a);
/* A malloc'd address-list row: a dynamic entry a rule added.  timeout
 * and created may be NULL. */
char **sch_alist_row(const struct sch_menu *m, const char *list,
    const char *address, const char *timeout, const char *created,
    int dynamic);

/* Does address-list-timeout value `timeout` of a rule add static
 * (permanent, exported) entries? */
int sch_fw_list_static(const char *timeout);

/* Index of the read-only creation time of m's items (address lists),
 * -1 when m has none. */
int sch_creation_time_index(const struct sch_menu *m);
/* ST_DATETIME text of unix time t in local time, and back. */
void sch_datetime_format(long long t, char *out, size_t outsz);
int sch_datetime_parse(const char *text, long long *t);

/* Columns `print stats` shows for m, NULL when m has no counters. */
const char *const *sch_stats_columns(const struct sch_menu *m);

#endif /* ROSH_SCHEMA_H */
