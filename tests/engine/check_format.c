/*
 * check_format.c - print and export layouts (engine/format.c,
 * engine/format_export.c) against the exact text of console-language.md
 * section 5 and menus.md.  The menus below are small stand-ins declared
 * here so the expected output does not move when schema/ grows.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

/* ------------------------------------------------------------------ */
/* Test menus                                                          */
/* ------------------------------------------------------------------ */

/* /ip address: a table with two flag slots (X, I | D). */
enum { AD_ADDRESS, AD_NETWORK, AD_INTERFACE, AD_COMMENT, AD_DISABLED,
	AD_INVALID, AD_DYNAMIC, AD_N };
static const struct sch_prop ad_props[] = {
	{ .name = "address", .type = ST_IP_PREFIX, .flags = P_REQUIRED },
	{ .name = "network", .type = ST_IP },
	{ .name = "interface", .type = ST_REF, .flags = P_REQUIRED },
	{ .name = "comment", .type = ST_STRING },
	{ .name = "disabled", .type = ST_BOOL, .dflt = "no", .flags = P_FLAG },
	{ .name = "invalid", .type = ST_BOOL, .flags = P_FLAG | P_RO },
	{ .name = "dynamic", .type = ST_BOOL, .flags = P_FLAG | P_RO },
	{ .name = NULL }
};
static const struct sch_flag ad_flags[] = {
	{ 'X', "DISABLED", "disabled", 0 },
	{ 'I', "INVALID", "invalid", 0 },
	{ 'D', "DYNAMIC", "dynamic", 1 },
	{ 0 }
};
static const char *const ad_cols[] = { "address", "network", "interface",
	NULL };
static const struct sch_menu ad_menu = {
	.path = "/ip/address", .flags = M_LIST, .props = ad_props,
	.flagdefs = ad_flags, .columns = ad_cols,
};

/* /ip pool: no flags, numeric read-only columns. */
enum { PO_NAME, PO_RANGES, PO_TOTAL, PO_USED, PO_AVAIL, PO_COMMENT, PO_N };
static const struct sch_prop po_props[] = {
	{ .name = "name", .type = ST_NAME, .flags = P_REQUIRED },
	{ .name = "ranges", .type = ST_IP_RANGES, .flags = P_REQUIRED },
	{ .name = "total", .type = ST_INT, .flags = P_RO },
	{ .name = "used", .type = ST_INT, .flags = P_RO },
	{ .name = "available", .type = ST_INT, .flags = P_RO },
	{ .name = "comment", .type = ST_STRING },
	{ .name = NULL }
};
static const char *const po_cols[] = { "name", "ranges", "total", "used",
	"available", NULL };
static const struct sch_menu po_menu = {
	.path = "/ip/pool", .flags = M_LIST, .props = po_props,
	.columns = po_cols,
};

/* /ip firewall address-list: TIMEOUT shows only when in use. */
enum { AL_LIST, AL_ADDRESS, AL_TIMEOUT, AL_N };
static const struct sch_prop al_props[] = {
	{ .name = "list", .type = ST_NAME },
	{ .name = "address", .type = ST_ADDR_MATCH },
	{ .name = "timeout", .type = ST_TIME },
	{ .name = NULL }
};
static const char *const al_cols[] = { "list", "address", "timeout", NULL };
static const struct sch_menu al_menu = {
	.path = "/ip/firewall/address-list", .flags = M_LIST,
	.props = al_props, .columns = al_cols,
};

/* /ppp secret: a sensitive column and the verbose export shape. */
enum { SE_NAME, SE_SERVICE, SE_CALLER, SE_PASSWORD, SE_PROFILE, SE_LOCAL,
	SE_REMOTE, SE_V6PFX, SE_ROUTES, SE_V6ROUTES, SE_LIMIN, SE_LIMOUT,
	SE_COMMENT, SE_DISABLED, SE_LASTOUT, SE_N };
static const struct sch_prop se_props[] = {
	{ .name = "name", .type = ST_NAME, .flags = P_REQUIRED },
	{ .name = "service", .type = ST_ENUM, .dflt = "any" },
	{ .name = "caller-id", .type = ST_STRING, .dflt = "" },
	{ .name = "password", .type = ST_STRING, .dflt = "",
	  .flags = P_SENSITIVE },
	{ .name = "profile", .type = ST_REF, .dflt = "default" },
	{ .name = "local-address", .type = ST_IP_OR_REF },
	{ .name = "remote-address", .type = ST_IP_OR_REF },
	{ .name = "remote-ipv6-prefix", .type = ST_STRING },
	{ .name = "routes", .type = ST_STRING, .dflt = "" },
	{ .name = "ipv6-routes", .type = ST_STRING, .dflt = "" },
	{ .name = "limit-bytes-in", .type = ST_INT, .dflt = "0" },
	{ .name = "limit-bytes-out", .type = ST_INT, .dflt = "0" },
	{ .name = "comment", .type = ST_STRING },
	{ .name = "disabled", .type = ST_BOOL, .dflt = "no", .flags = P_FLAG },
	{ .name = "last-logged-out", .type = ST_DATETIME, .flags = P_RO },
	{ .name = NULL }
};
static const char *const se_cols[] = { "name", "service", "password",
	"profile", NULL };
static const struct sch_flag se_flags[] = {
	{ 'X', "DISABLED", "disabled", 0 },
	{ 0 }
};
static const struct sch_menu se_menu = {
	.path = "/ppp/secret", .flags = M_LIST, .props = se_props,
	.flagdefs = se_flags, .columns = se_cols,
};

/* /ip firewall filter: detail print, ordered, long exports. */
enum { FW_CHAIN, FW_ACTION, FW_PROTOCOL, FW_SRCLIST, FW_DSTPORT, FW_INLIST,
	FW_LOG, FW_LOGPFX, FW_COMMENT, FW_DISABLED, FW_INVALID, FW_DYNAMIC,
	FW_BYTES, FW_PLACE, FW_N };
static const struct sch_prop fw_props[] = {
	{ .name = "chain", .type = ST_REF, .flags = P_REQUIRED },
	{ .name = "action", .type = ST_ENUM },
	{ .name = "protocol", .type = ST_PROTOCOL },
	{ .name = "src-address-list", .type = ST_REF, .flags = P_NEGATE },
	{ .name = "dst-port", .type = ST_PORTS, .flags = P_NEGATE },
	{ .name = "in-interface-list", .type = ST_REF, .flags = P_NEGATE },
	{ .name = "log", .type = ST_BOOL, .dflt = "no" },
	{ .name = "log-prefix", .type = ST_STRING, .dflt = "" },
	{ .name = "comment", .type = ST_STRING },
	{ .name = "disabled", .type = ST_BOOL, .dflt = "no", .flags = P_FLAG },
	{ .name = "invalid", .type = ST_BOOL, .flags = P_FLAG | P_RO },
	{ .name = "dynamic", .type = ST_BOOL, .flags = P_FLAG | P_RO },
	{ .name = "bytes", .type = ST_SIZE, .flags = P_RO | P_HIDDEN },
	{ .name = "place-before", .type = ST_STRING, .flags = P_SET_ONLY },
	{ .name = NULL }
};
static const struct sch_menu fw_menu = {
	.path = "/ip/firewall/filter",
	.flags = M_LIST | M_ORDERED | M_DETAIL_PRINT,
	.props = fw_props, .flagdefs = ad_flags,
};

/* /system script: CRLF source, a default always exported. */
enum { SC_NAME, SC_OWNER, SC_POLICY, SC_DRP, SC_SOURCE, SC_COMMENT,
	SC_RUNS, SC_N };
static const struct sch_prop sc_props[] = {
	{ .name = "name", .type = ST_NAME },
	{ .name = "owner", .type = ST_STRING },
	{ .name = "policy", .type = ST_ENUM_LIST,
	  .dflt = "ftp,reboot,read,write,policy,test,password,sniff,"
	      "sensitive,romon" },
	{ .name = "dont-require-permissions", .type = ST_BOOL, .dflt = "no",
	  .flags = P_ALWAYS_EXPORT },
	{ .name = "source", .type = ST_STRING, .dflt = "" },
	{ .name = "comment", .type = ST_STRING },
	{ .name = "run-count", .type = ST_INT, .flags = P_RO },
	{ .name = NULL }
};
static const struct sch_menu sc_menu = {
	.path = "/system/script", .flags = M_LIST, .props = sc_props,
};

/* /interface l2tp-server server: the menus.md 12 singleton. */
enum { L2_ENABLED, L2_MAXMTU, L2_MAXMRU, L2_MRRU, L2_AUTH, L2_KEEPALIVE,
	L2_MAXSESS, L2_DEFPROF, L2_USEIPSEC, L2_SECRET, L2_CALLERTYPE,
	L2_ONEPERHOST, L2_FASTPATH, L2_CIRCUIT, L2_COOKIE, L2_DIGEST,
	L2_PWTYPE, L2_PROTOVER, L2_ETHLIST, L2_N };
static const struct sch_prop l2_props[] = {
	{ .name = "enabled", .type = ST_BOOL, .dflt = "no" },
	{ .name = "max-mtu", .type = ST_INT, .dflt = "1450" },
	{ .name = "max-mru", .type = ST_INT, .dflt = "1450" },
	{ .name = "mrru", .type = ST_INT, .dflt = "disabled" },
	{ .name = "authentication", .type = ST_ENUM_LIST,
	  .dflt = "pap,chap,mschap1,mschap2" },
	{ .name = "keepalive-timeout", .type = ST_INT, .dflt = "30" },
	{ .name = "max-sessions", .type = ST_INT, .dflt = "unlimited" },
	{ .name = "default-profile", .type = ST_REF,
	  .dflt = "default-encryption" },
	{ .name = "use-ipsec", .type = ST_ENUM, .dflt = "no" },
	{ .name = "ipsec-secret", .type = ST_STRING, .dflt = "",
	  .flags = P_SENSITIVE },
	{ .name = "caller-id-type", .type = ST_ENUM, .dflt = "ip-address" },
	{ .name = "one-session-per-host", .type = ST_BOOL, .dflt = "no" },
	{ .name = "allow-fast-path", .type = ST_BOOL, .dflt = "no" },
	{ .name = "l2tpv3-circuit-id", .type = ST_STRING, .dflt = "" },
	{ .name = "l2tpv3-cookie-length", .type = ST_ENUM, .dflt = "0" },
	{ .name = "l2tpv3-digest-hash", .type = ST_ENUM, .dflt = "md5" },
	{ .name = "accept-pseudowire-type", .type = ST_ENUM, .dflt = "all" },
	{ .name = "accept-proto-version", .type = ST_ENUM, .dflt = "all" },
	{ .name = "l2tpv3-ether-interface-list", .type = ST_REF },
	{ .name = NULL }
};
static const struct sch_menu l2_menu = {
	.path = "/interface/l2tp-server/server", .flags = M_SINGLETON,
	.props = l2_props,
};

/* /ip ipsec profile: one factory item, "[ find default=yes ]". */
enum { PR_NAME, PR_DPD, PR_ENC, PR_NATT, PR_DEFAULT, PR_N };
static const struct sch_prop pr_props[] = {
	{ .name = "name", .type = ST_NAME },
	{ .name = "dpd-interval", .type = ST_TIME, .dflt = "2m" },
	{ .name = "enc-algorithm", .type = ST_ENUM_LIST,
	  .dflt = "aes-128,3des" },
	{ .name = "nat-traversal", .type = ST_BOOL, .dflt = "yes" },
	{ .name = "default", .type = ST_BOOL, .flags = P_FLAG | P_RO },
	{ .name = NULL }
};
/* The factory value differs from the property default on purpose: the
 * export must compare with the item, not with the default. */
static const char *const pr_item0[] = { "name", "default", "dpd-interval",
	"8s", NULL };
static const struct sch_item pr_items[] = {
	{ 0x1, pr_item0, 0 },
	{ 0, NULL, 0 }
};
static const struct sch_menu pr_menu = {
	.path = "/ip/ipsec/profile", .flags = M_LIST, .props = pr_props,
	.items = pr_items, .name_prop = "name",
	.export_default_sel = "[ find default=yes ]",
};

/* /ppp profile: factory items *0 and *FFFFFFFE selected by id. */
enum { PP_NAME, PP_LOCAL, PP_REMOTE, PP_ENC, PP_ONLYONE, PP_COMMENT,
	PP_DEFAULT, PP_N };
static const struct sch_prop pp_props[] = {
	{ .name = "name", .type = ST_NAME },
	{ .name = "local-address", .type = ST_IP_OR_REF },
	{ .name = "remote-address", .type = ST_IP_OR_REF },
	{ .name = "use-encryption", .type = ST_ENUM, .dflt = "default" },
	{ .name = "only-one", .type = ST_ENUM, .dflt = "default" },
	{ .name = "comment", .type = ST_STRING },
	{ .name = "default", .type = ST_BOOL, .flags = P_FLAG | P_RO },
	{ .name = NULL }
};
static const char *const pp_item0[] = { "name", "default", NULL };
static const char *const pp_itemfe[] = { "name", "default-encryption",
	"use-encryption", "yes", NULL };
static const struct sch_item pp_items[] = {
	{ 0x0, pp_item0, 0 },
	{ 0xFFFFFFFE, pp_itemfe, 0 },
	{ 0, NULL, 0 }
};
static const struct sch_menu pp_menu = {
	.path = "/ppp/profile", .flags = M_LIST, .props = pp_props,
	.items = pp_items, .name_prop = "name", .export_default_sel = "id",
};

/* /interface list: built-in lists, used to try every selector form. */
enum { IL_NAME, IL_COMMENT, IL_BUILTIN, IL_N };
static const struct sch_prop il_props[] = {
	{ .name = "name", .type = ST_NAME },
	{ .name = "comment", .type = ST_STRING },
	{ .name = "builtin", .type = ST_BOOL, .flags = P_FLAG | P_RO },
	{ .name = NULL }
};
static const char *const il_all[] = { "name", "all", NULL };
static const char *const il_odd[] = { "name", "odd one", NULL };
static const struct sch_item il_items[] = {
	{ 0x2000010, il_all, 0 },
	{ 0x2000011, il_odd, 0 },
	{ 0, NULL, 0 }
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static char *
print_rows(const struct sch_menu *m, const struct fmt_row *rows, int n,
    const struct fmt_print_opts *o)
{
	struct sbuf b;

	sb_init(&b);
	fmt_print(&b, m, rows, n, o);
	return sb_take(&b);
}

static char *
export_rows(const struct sch_menu *m, const struct fmt_row *rows, int n,
    const struct fmt_export_opts *o)
{
	struct sbuf b;

	sb_init(&b);
	fmt_export_menu(&b, m, rows, n, o);
	return sb_take(&b);
}

#define CHECK_PRINT(m, rows, n, o, want) do {				\
	char *got_ = print_rows((m), (rows), (n), (o));			\
	ck_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

#define CHECK_EXPORT(m, rows, n, o, want) do {				\
	char *got_ = export_rows((m), (rows), (n), (o));		\
	ck_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

/* Rows of the console-language 5.1 example. */
static char *ad_v0[AD_N] = { [AD_ADDRESS] = "198.51.100.2/30",
	[AD_NETWORK] = "198.51.100.0", [AD_INTERFACE] = "ether1",
	[AD_COMMENT] = "uplink", [AD_DISABLED] = "no" };
static char *ad_v1[AD_N] = { [AD_ADDRESS] = "10.20.0.1/24",
	[AD_NETWORK] = "10.20.0.0", [AD_INTERFACE] = "bridge1",
	[AD_DISABLED] = "yes" };
static char *ad_v2[AD_N] = { [AD_ADDRESS] = "10.99.0.1/32",
	[AD_NETWORK] = "10.99.0.7", [AD_INTERFACE] = "<l2tp-bob>",
	[AD_DISABLED] = "no", [AD_DYNAMIC] = "yes" };

static char *po_v0[PO_N] = { "dhcp", "192.168.88.10-192.168.88.254", "245",
	"1", "244", NULL };
static char *po_v1[PO_N] = { "vpn-pool", "10.99.0.10-10.99.0.200", "191",
	"12", "179", NULL };

/* ------------------------------------------------------------------ */
/* Table                                                               */
/* ------------------------------------------------------------------ */

START_TEST(table_doc_example)
{
	struct fmt_row rows[] = { { 1, 0, ad_v0 }, { 2, 1, ad_v1 },
		{ 3, 2, ad_v2 } };
	struct fmt_print_opts o = { 0 };

	CHECK_PRINT(&ad_menu, rows, 3, &o,
	    "Flags: X - DISABLED; D - DYNAMIC\n"
	    "Columns: ADDRESS, NETWORK, INTERFACE\n"
	    "#    ADDRESS          NETWORK       INTERFACE \n"
	    ";;; uplink\n"
	    "0    198.51.100.2/30  198.51.100.0  ether1    \n"
	    "1 X  10.20.0.1/24     10.20.0.0     bridge1   \n"
	    "2  D 10.99.0.1/32     10.99.0.7     <l2tp-bob>\n");
}
END_TEST

START_TEST(table_no_flags_numeric)
{
	struct fmt_row rows[] = { { 1, 0, po_v0 }, { 2, 1, po_v1 } };
	struct fmt_print_opts o = { 0 };

	/* No Flags line and no slot column; numbers right-aligned. */
	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "Columns: NAME, RANGES, TOTAL, USED, AVAILABLE\n"
	    "# NAME      RANGES                        TOTAL  USED  AVAILABLE\n"
	    "0 dhcp      192.168.88.10-192.168.88.254    245     1        244\n"
	    "1 vpn-pool  10.99.0.10-10.99.0.200          191    12        179\n");
}
END_TEST

START_TEST(table_two_digit_numbers)
{
	struct fmt_row rows[] = { { 1, 9, po_v0 }, { 2, 10, po_v1 } };
	struct fmt_print_opts o = { .proplist = (const char *const[]){
		"name", NULL } };

	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "Columns: NAME\n"
	    " # NAME    \n"
	    " 9 dhcp    \n"
	    "10 vpn-pool\n");
}
END_TEST

START_TEST(table_only_present_flags)
{
	struct fmt_row rows[] = { { 1, 0, ad_v0 }, { 2, 1, ad_v1 } };
	struct fmt_print_opts o = { .proplist = (const char *const[]){
		"interface", NULL } };

	/* Only X occurs: one slot, a one-entry legend. */
	CHECK_PRINT(&ad_menu, rows, 2, &o,
	    "Flags: X - DISABLED\n"
	    "Columns: INTERFACE\n"
	    "#   INTERFACE\n"
	    ";;; uplink\n"
	    "0   ether1   \n"
	    "1 X bridge1  \n");
}
END_TEST

START_TEST(table_unnumbered_rows)
{
	char *v0[AD_N] = { [AD_ADDRESS] = "10.0.0.1/24",
		[AD_NETWORK] = "10.0.0.0", [AD_INTERFACE] = "ether1" };
	struct fmt_row rows[] = { { 1, 0, v0 }, { 2, -1, ad_v2 } };
	struct fmt_print_opts o = { 0 };

	CHECK_PRINT(&ad_menu, rows, 2, &o,
	    "Flags: D - DYNAMIC\n"
	    "Columns: ADDRESS, NETWORK, INTERFACE\n"
	    "#   ADDRESS       NETWORK    INTERFACE \n"
	    "0   10.0.0.1/24   10.0.0.0   ether1    \n"
	    "  D 10.99.0.1/32  10.99.0.7  <l2tp-bob>\n");

	/* No numbered row at all: the '#' column goes. */
	rows[0].number = -1;
	CHECK_PRINT(&ad_menu, rows, 2, &o,
	    "Flags: D - DYNAMIC\n"
	    "Columns: ADDRESS, NETWORK, INTERFACE\n"
	    "  ADDRESS       NETWORK    INTERFACE \n"
	    "  10.0.0.1/24   10.0.0.0   ether1    \n"
	    "D 10.99.0.1/32  10.99.0.7  <l2tp-bob>\n");
}
END_TEST

START_TEST(table_unused_column_omitted)
{
	char *v0[AL_N] = { "blocked", "192.0.2.1", NULL };
	char *v1[AL_N] = { "blocked", "192.0.2.99", NULL };
	struct fmt_row rows[] = { { 1, 0, v0 }, { 2, 1, v1 } };
	struct fmt_print_opts o = { 0 };

	CHECK_PRINT(&al_menu, rows, 2, &o,
	    "Columns: LIST, ADDRESS\n"
	    "# LIST     ADDRESS   \n"
	    "0 blocked  192.0.2.1 \n"
	    "1 blocked  192.0.2.99\n");
	v1[AL_TIMEOUT] = "1h";
	CHECK_PRINT(&al_menu, rows, 2, &o,
	    "Columns: LIST, ADDRESS, TIMEOUT\n"
	    "# LIST     ADDRESS     TIMEOUT\n"
	    "0 blocked  192.0.2.1          \n"
	    "1 blocked  192.0.2.99  1h     \n");
}
END_TEST

START_TEST(table_sensitive_column)
{
	char *v[SE_N] = { [SE_NAME] = "alice", [SE_SERVICE] = "l2tp",
		[SE_PASSWORD] = "s3cret", [SE_PROFILE] = "default" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_print_opts o = { 0 };

	CHECK_PRINT(&se_menu, rows, 1, &o,
	    "Columns: NAME, SERVICE, PROFILE\n"
	    "# NAME   SERVICE  PROFILE\n"
	    "0 alice  l2tp     default\n");
	o.show_sensitive = 1;
	CHECK_PRINT(&se_menu, rows, 1, &o,
	    "Columns: NAME, SERVICE, PASSWORD, PROFILE\n"
	    "# NAME   SERVICE  PASSWORD  PROFILE\n"
	    "0 alice  l2tp     s3cret    default\n");
}
END_TEST

START_TEST(table_empty)
{
	struct fmt_print_opts o = { 0 };

	CHECK_PRINT(&po_menu, NULL, 0, &o, "");
	o.detail = 1;
	CHECK_PRINT(&po_menu, NULL, 0, &o, "");
}
END_TEST

START_TEST(table_show_ids)
{
	struct fmt_row rows[] = { { 0x1, 0, po_v0 }, { 0x1A, 1, po_v1 } };
	struct fmt_print_opts o = { .show_ids = 1,
		.proplist = (const char *const[]){ "name", "used", NULL } };

	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "Columns: NAME, USED\n"
	    "  # NAME      USED\n"
	    " *1 dhcp         1\n"
	    "*1A vpn-pool    12\n");
}
END_TEST

START_TEST(table_proplist)
{
	struct fmt_row rows[] = { { 1, 0, po_v0 }, { 2, 1, po_v1 } };
	struct fmt_print_opts o = { .proplist = (const char *const[]){
		"ranges", "bogus", "name", NULL } };

	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "Columns: RANGES, NAME\n"
	    "# RANGES                        NAME    \n"
	    "0 192.168.88.10-192.168.88.254  dhcp    \n"
	    "1 10.99.0.10-10.99.0.200        vpn-pool\n");
}
END_TEST

START_TEST(table_narrowing)
{
	struct fmt_row rows[] = { { 1, 0, po_v0 }, { 2, 1, po_v1 } };
	struct fmt_print_opts o = { .width = 80 };
	const char *full =
	    "Columns: NAME, RANGES, TOTAL, USED, AVAILABLE\n"
	    "# NAME      RANGES                        TOTAL  USED  AVAILABLE\n"
	    "0 dhcp      192.168.88.10-192.168.88.254    245     1        244\n"
	    "1 vpn-pool  10.99.0.10-10.99.0.200          191    12        179\n";

	/* 64 columns fit 80; width 0 never narrows. */
	CHECK_PRINT(&po_menu, rows, 2, &o, full);
	o.width = 0;
	CHECK_PRINT(&po_menu, rows, 2, &o, full);
	o.width = 65;
	CHECK_PRINT(&po_menu, rows, 2, &o, full);

	/* Too wide: the header that saves most is cut to its values;
	 * the Columns line keeps the full names. */
	o.width = 60;
	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "Columns: NAME, RANGES, TOTAL, USED, AVAILABLE\n"
	    "# NAME      RANGES                        TOTAL  USED  AVA\n"
	    "0 dhcp      192.168.88.10-192.168.88.254    245     1  244\n"
	    "1 vpn-pool  10.99.0.10-10.99.0.200          191    12  179\n");
	o.width = 57;
	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "Columns: NAME, RANGES, TOTAL, USED, AVAILABLE\n"
	    "# NAME      RANGES                        TOT  USED  AVA\n"
	    "0 dhcp      192.168.88.10-192.168.88.254  245     1  244\n"
	    "1 vpn-pool  10.99.0.10-10.99.0.200        191    12  179\n");
	/* Nothing left to cut: printed as wide as it must be. */
	o.width = 20;
	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "Columns: NAME, RANGES, TOTAL, USED, AVAILABLE\n"
	    "# NAME      RANGES                        TOT  US  AVA\n"
	    "0 dhcp      192.168.88.10-192.168.88.254  245   1  244\n"
	    "1 vpn-pool  10.99.0.10-10.99.0.200        191  12  179\n");
}
END_TEST

START_TEST(table_brief_forces_table)
{
	char *v[FW_N] = { [FW_CHAIN] = "input", [FW_ACTION] = "drop" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_print_opts o = { .brief = 1,
		.proplist = (const char *const[]){ "chain", "action", NULL } };

	CHECK_PRINT(&fw_menu, rows, 1, &o,
	    "Columns: CHAIN, ACTION\n"
	    "# CHAIN  ACTION\n"
	    "0 input  drop  \n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Detail                                                              */
/* ------------------------------------------------------------------ */

static char *fw_d0[FW_N] = { [FW_CHAIN] = "input", [FW_ACTION] = "accept",
	[FW_PROTOCOL] = "udp", [FW_DSTPORT] = "500,4500", [FW_LOG] = "no",
	[FW_LOGPFX] = "", [FW_COMMENT] = "allow IKE and NAT-T",
	[FW_DISABLED] = "no", [FW_BYTES] = "1234" };
static char *fw_d1[FW_N] = { [FW_CHAIN] = "input", [FW_ACTION] = "drop",
	[FW_INLIST] = "WAN", [FW_DISABLED] = "yes" };

START_TEST(detail_doc_example)
{
	struct fmt_row rows[] = { { 1, 0, fw_d0 }, { 2, 1, fw_d1 } };
	struct fmt_print_opts o = { .width = 70 };
	const char *want =
	    "Flags: X - DISABLED, I - INVALID; D - DYNAMIC\n"
	    " 0    ;;; allow IKE and NAT-T\n"
	    "      chain=input action=accept protocol=udp dst-port=500,4500 \n"
	    "      log=no log-prefix=\"\" \n"
	    "\n"
	    " 1 X  chain=input action=drop in-interface-list=WAN \n"
	    "\n";

	/* Plain print of an M_DETAIL_PRINT menu uses this layout. */
	CHECK_PRINT(&fw_menu, rows, 2, &o, want);
	o.width = 64;
	CHECK_PRINT(&fw_menu, rows, 2, &o, want);
	o.detail = 1;
	CHECK_PRINT(&fw_menu, rows, 2, &o, want);
}
END_TEST

START_TEST(detail_no_terminal)
{
	char *v[FW_N] = { [FW_CHAIN] = "input", [FW_ACTION] = "accept",
		[FW_PROTOCOL] = "udp", [FW_DSTPORT] = "500,4500",
		[FW_INLIST] = "WAN", [FW_COMMENT] = "accept IKE and NAT-T",
		[FW_DISABLED] = "no" };
	struct fmt_row rows[] = { { 1, 3, v } };
	struct fmt_print_opts o = { 0 };

	/* menus.md 26.5: no flag anywhere, so no legend; width 0 never
	 * wraps. */
	CHECK_PRINT(&fw_menu, rows, 1, &o,
	    " 3    ;;; accept IKE and NAT-T\n"
	    "      chain=input action=accept protocol=udp dst-port=500,4500 "
	    "in-interface-list=WAN \n\n");
	rows[0].vals = fw_d0;
	CHECK_PRINT(&fw_menu, rows, 1, &o,
	    " 3    ;;; allow IKE and NAT-T\n"
	    "      chain=input action=accept protocol=udp dst-port=500,4500 "
	    "log=no log-prefix=\"\" \n\n");
}
END_TEST

START_TEST(detail_wrap_80)
{
	char *v[FW_N] = { [FW_CHAIN] = "forward", [FW_ACTION] = "drop",
		[FW_PROTOCOL] = "tcp",
		[FW_SRCLIST] = "blocked-addresses-from-the-internet",
		[FW_DSTPORT] = "22,23,80,443,8080,8291,8728,8729",
		[FW_INLIST] = "WAN", [FW_LOG] = "yes",
		[FW_LOGPFX] = "blocked remote admin", [FW_DISABLED] = "no",
		[FW_DYNAMIC] = "yes" };
	struct fmt_row rows[] = { { 0x20, 12, v } };
	struct fmt_print_opts o = { .width = 80 };

	/* The third line is 78 characters with its trailing blank. */
	CHECK_PRINT(&fw_menu, rows, 1, &o,
	    "Flags: X - DISABLED, I - INVALID; D - DYNAMIC\n"
	    "12  D chain=forward action=drop protocol=tcp \n"
	    "      src-address-list=blocked-addresses-from-the-internet \n"
	    "      dst-port=22,23,80,443,8080,8291,8728,8729 "
	    "in-interface-list=WAN log=yes \n"
	    "      log-prefix=\"blocked remote admin\" \n"
	    "\n");
}
END_TEST

START_TEST(detail_strings_quoted)
{
	char *v[PO_N] = { "vpn pool", "10.99.0.10-10.99.0.200", "191", "0",
		"191", "for \"roamers\"" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_print_opts o = { .detail = 1 };

	/* No flag slots: number, one blank, content. */
	CHECK_PRINT(&po_menu, rows, 1, &o,
	    " 0 ;;; for \"roamers\"\n"
	    "   name=\"vpn pool\" ranges=10.99.0.10-10.99.0.200 total=191 "
	    "used=0 available=191 \n\n");
	v[PO_NAME] = "dhcp";
	v[PO_COMMENT] = NULL;
	CHECK_PRINT(&po_menu, rows, 1, &o,
	    " 0 name=\"dhcp\" ranges=10.99.0.10-10.99.0.200 total=191 "
	    "used=0 available=191 \n\n");
}
END_TEST

START_TEST(detail_ids_proplist_unnumbered)
{
	struct fmt_row rows[] = { { 0x1, 0, po_v0 }, { 0x1A, 1, po_v1 } };
	struct fmt_print_opts o = { .detail = 1, .show_ids = 1,
		.proplist = (const char *const[]){ "used", "name", NULL } };

	CHECK_PRINT(&po_menu, rows, 2, &o,
	    " *1 used=1 name=\"dhcp\" \n\n"
	    "*1A used=12 name=\"vpn-pool\" \n\n");

	/* Unnumbered items (log entries): the line starts with a blank. */
	o.show_ids = 0;
	rows[0].number = rows[1].number = -1;
	CHECK_PRINT(&po_menu, rows, 2, &o,
	    " used=1 name=\"dhcp\" \n\n"
	    " used=12 name=\"vpn-pool\" \n\n");
	rows[1].number = 5;
	CHECK_PRINT(&po_menu, rows, 2, &o,
	    "   used=1 name=\"dhcp\" \n\n"
	    " 5 used=12 name=\"vpn-pool\" \n\n");
}
END_TEST

START_TEST(detail_sensitive)
{
	char *v[SE_N] = { [SE_NAME] = "alice", [SE_SERVICE] = "l2tp",
		[SE_PASSWORD] = "s3cret", [SE_PROFILE] = "default",
		[SE_DISABLED] = "no" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_print_opts o = { .detail = 1 };

	/* A legend only when a row has a flag; its slot is always there. */
	CHECK_PRINT(&se_menu, rows, 1, &o,
	    " 0   name=\"alice\" service=l2tp profile=default \n\n");
	o.show_sensitive = 1;
	v[SE_DISABLED] = "yes";
	CHECK_PRINT(&se_menu, rows, 1, &o,
	    "Flags: X - DISABLED\n"
	    " 0 X name=\"alice\" service=l2tp password=\"s3cret\" "
	    "profile=default \n\n");
}
END_TEST

START_TEST(detail_bare_strings)
{
	static const struct sch_prop props[] = {
		{ .name = "chain", .type = ST_NAME, .flags = P_BARE },
		{ .name = "log-prefix", .type = ST_STRING },
		{ .name = NULL }
	};
	const struct sch_menu m = { .path = "/x", .flags = M_DETAIL_PRINT,
		.props = props };
	char *v[] = { "input", "x" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_print_opts o = { 0 };

	/* P_BARE strings are quoted only when they must be. */
	CHECK_PRINT(&m, rows, 1, &o, " 0 chain=input log-prefix=\"x\" \n\n");
	v[0] = "my chain";
	CHECK_PRINT(&m, rows, 1, &o,
	    " 0 chain=\"my chain\" log-prefix=\"x\" \n\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Single-object menus                                                 */
/* ------------------------------------------------------------------ */

static char *l2_doc[L2_N] = { "yes", "1450", "1450", "disabled",
	"mschap1,mschap2", "30", "unlimited", "vpn-profile", "required",
	"s3cret", "ip-address", "no", "no", "", "0", "md5", "all", "all",
	NULL };

START_TEST(single_doc_example)
{
	struct fmt_row rows[] = { { 1, -1, l2_doc } };
	struct fmt_print_opts o = { 0 };

	/* menus.md 12, byte for byte except the blank after the empty
	 * l2tpv3-circuit-id (every line is "key: value"). */
	CHECK_PRINT(&l2_menu, rows, 1, &o,
	    "                 enabled: yes\n"
	    "                 max-mtu: 1450\n"
	    "                 max-mru: 1450\n"
	    "                    mrru: disabled\n"
	    "          authentication: mschap1\n"
	    "                          mschap2\n"
	    "       keepalive-timeout: 30\n"
	    "            max-sessions: unlimited\n"
	    "         default-profile: vpn-profile\n"
	    "               use-ipsec: required\n"
	    "          caller-id-type: ip-address\n"
	    "    one-session-per-host: no\n"
	    "         allow-fast-path: no\n"
	    "       l2tpv3-circuit-id: \n"
	    "    l2tpv3-cookie-length: 0\n"
	    "      l2tpv3-digest-hash: md5\n"
	    "  accept-pseudowire-type: all\n"
	    "    accept-proto-version: all\n");
}
END_TEST

START_TEST(single_sensitive)
{
	char *v[L2_N];
	struct fmt_row rows[] = { { 1, -1, v } };
	struct fmt_print_opts o = { .proplist = (const char *const[]){
		"use-ipsec", "ipsec-secret", "l2tpv3-ether-interface-list",
		NULL } };

	memcpy(v, l2_doc, sizeof(v));
	CHECK_PRINT(&l2_menu, rows, 1, &o, "  use-ipsec: required\n");
	o.show_sensitive = 1;
	CHECK_PRINT(&l2_menu, rows, 1, &o,
	    "     use-ipsec: required\n"
	    "  ipsec-secret: s3cret\n");
	/* An empty secret is shown, empty, even without show-sensitive. */
	o.show_sensitive = 0;
	v[L2_SECRET] = "";
	v[L2_ETHLIST] = "LAN";
	CHECK_PRINT(&l2_menu, rows, 1, &o,
	    "                    use-ipsec: required\n"
	    "                 ipsec-secret: \n"
	    "  l2tpv3-ether-interface-list: LAN\n");
}
END_TEST

START_TEST(single_list_values)
{
	char *v[L2_N];
	struct fmt_row rows[] = { { 1, -1, v } };
	struct fmt_print_opts o = { .proplist = (const char *const[]){
		"authentication", "enabled", NULL } };

	memcpy(v, l2_doc, sizeof(v));
	v[L2_AUTH] = "pap,chap,mschap1,mschap2";
	CHECK_PRINT(&l2_menu, rows, 1, &o,
	    "  authentication: pap\n"
	    "                  chap\n"
	    "                  mschap1\n"
	    "                  mschap2\n"
	    "         enabled: yes\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Terse                                                               */
/* ------------------------------------------------------------------ */

START_TEST(terse_rows)
{
	struct fmt_row rows[] = { { 1, 0, ad_v0 }, { 2, 1, ad_v1 },
		{ 0x1F, -1, ad_v2 } };
	struct fmt_print_opts o = { .terse = 1 };

	CHECK_PRINT(&ad_menu, rows, 3, &o,
	    " 0    comment=uplink address=198.51.100.2/30 "
	    "network=198.51.100.0 interface=ether1\n"
	    " 1 X  address=10.20.0.1/24 network=10.20.0.0 interface=bridge1\n"
	    " D address=10.99.0.1/32 network=10.99.0.7 "
	    "interface=<l2tp-bob>\n");
	o.show_ids = 1;
	CHECK_PRINT(&ad_menu, rows, 3, &o,
	    " *1    comment=uplink address=198.51.100.2/30 "
	    "network=198.51.100.0 interface=ether1\n"
	    " *2 X  address=10.20.0.1/24 network=10.20.0.0 interface=bridge1\n"
	    "*1F  D address=10.99.0.1/32 network=10.99.0.7 "
	    "interface=<l2tp-bob>\n");
}
END_TEST

START_TEST(terse_unquoted)
{
	char *v[PO_N] = { "vpn pool", "10.99.0.10-10.99.0.200", NULL, NULL,
		NULL, "two words" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_print_opts o = { .terse = 1 };

	CHECK_PRINT(&po_menu, rows, 1, &o,
	    " 0 comment=two words name=vpn pool "
	    "ranges=10.99.0.10-10.99.0.200\n");
	o.proplist = (const char *const[]){ "ranges", NULL };
	CHECK_PRINT(&po_menu, rows, 1, &o,
	    " 0 comment=two words ranges=10.99.0.10-10.99.0.200\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Quoting, ids, header                                                */
/* ------------------------------------------------------------------ */

static const struct {
	const char *in;
	int force;
	const char *want;
} quote_cases[] = {
	{ "ether1", 0, "ether1" },
	{ "", 0, "\"\"" },
	{ "10.0.0.0/8", 0, "10.0.0.0/8" },
	{ "!10.0.0.0/8", 0, "!10.0.0.0/8" },
	{ "500,1701,4500", 0, "500,1701,4500" },
	{ "*1A", 0, "*1A" },
	{ "<l2tp-alice>", 0, "<l2tp-alice>" },
	{ "fe80::1", 0, "fe80::1" },
	{ "#DROP", 0, "#DROP" },
	{ "a_b|c+d&e^f%g@h~i", 0, "a_b|c+d&e^f%g@h~i" },
	{ "ether1", 1, "\"ether1\"" },
	{ "", 1, "\"\"" },
	{ "two words", 0, "\"two words\"" },
	{ "say \"hi\"", 0, "\"say \\\"hi\\\"\"" },
	{ "C:\\dir", 0, "\"C:\\\\dir\"" },
	{ "$var", 0, "\"\\$var\"" },
	{ "what?", 0, "\"what\\?\"" },
	{ "a\r\nb", 0, "\"a\\r\\nb\"" },
	{ "tab\there", 0, "\"tab\\there\"" },
	{ "\x01", 0, "\"\\01\"" },
	{ "x\x1b[0m", 0, "\"x\\1B[0m\"" },
	{ "\x7f", 0, "\"\\7F\"" },
	{ "caf\xc3\xa9", 0, "\"caf\\C3\\A9\"" },
	{ "a=b", 0, "\"a=b\"" },
	{ "a;b", 0, "\"a;b\"" },
	{ "[find]", 0, "\"[find]\"" },
	{ "{x}", 0, "\"{x}\"" },
	{ "(x)", 0, "\"(x)\"" },
	{ "it's", 0, "\"it's\"" },
	{ "`x`", 0, "\"`x`\"" },
	{ "a\\n", 0, "\"a\\\\n\"" },
};

START_TEST(quote_table)
{
	struct sbuf b;

	sb_init(&b);
	fmt_quote(&b, quote_cases[_i].in, quote_cases[_i].force);
	ck_assert_str_eq(sb_str(&b), quote_cases[_i].want);
	if (!quote_cases[_i].force)
		ck_assert_int_eq(fmt_is_bare(quote_cases[_i].in),
		    quote_cases[_i].want[0] != '"');
	sb_fini(&b);
}
END_TEST

START_TEST(id_and_header)
{
	struct sbuf b;

	sb_init(&b);
	fmt_id(&b, 0x1A);
	sb_putc(&b, ' ');
	fmt_id(&b, 0);
	sb_putc(&b, ' ');
	fmt_id(&b, 0xFFFFFFFE);
	ck_assert_str_eq(sb_str(&b), "*1A *0 *FFFFFFFE");
	sb_reset(&b);
	fmt_export_header(&b, 1768472430);	/* 2026-01-15 10:20:30 UTC */
	ck_assert_str_eq(sb_str(&b),
	    "# 2026-01-15 10:20:30 by RouterOS 7.21.5\n"
	    "# software id = \n"
	    "#\n");
	sb_reset(&b);
	fmt_export_header(&b, 0);
	ck_assert_str_eq(sb_str(&b),
	    "# 1970-01-01 00:00:00 by RouterOS 7.21.5\n"
	    "# software id = \n"
	    "#\n");
	sb_fini(&b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Export: the console-language 5.7 example                            */
/* ------------------------------------------------------------------ */

START_TEST(export_doc_firewall)
{
	char *r0[FW_N] = { [FW_CHAIN] = "input", [FW_ACTION] = "accept",
		[FW_PROTOCOL] = "udp", [FW_DSTPORT] = "500,1701,4500",
		[FW_LOG] = "no", [FW_LOGPFX] = "",
		[FW_COMMENT] = "IKE, NAT-T and L2TP from anywhere",
		[FW_DISABLED] = "no", [FW_BYTES] = "100" };
	char *r1[FW_N] = { [FW_CHAIN] = "input", [FW_ACTION] = "accept",
		[FW_PROTOCOL] = "ipsec-esp", [FW_SRCLIST] = "roamers",
		[FW_LOG] = "no", [FW_LOGPFX] = "",
		[FW_COMMENT] = "allow IPsec ESP from the roaming clients",
		[FW_DISABLED] = "no" };
	struct fmt_row rows[] = { { 1, 0, r0 }, { 2, 1, r1 } };
	struct fmt_export_opts o = { 0 };

	CHECK_EXPORT(&fw_menu, rows, 2, &o,
	    "/ip firewall filter\n"
	    "add action=accept chain=input comment=\"IKE, NAT-T and L2TP "
	    "from anywhere\" \\\n"
	    "    dst-port=500,1701,4500 protocol=udp\n"
	    "add action=accept chain=input comment=\\\n"
	    "    \"allow IPsec ESP from the roaming clients\" "
	    "protocol=ipsec-esp \\\n"
	    "    src-address-list=roamers\n");

	/* Terse: the path on every line, nothing wrapped. */
	o.terse = 1;
	CHECK_EXPORT(&fw_menu, rows, 1, &o,
	    "/ip firewall filter add action=accept chain=input "
	    "comment=\"IKE, NAT-T and L2TP from anywhere\" "
	    "dst-port=500,1701,4500 protocol=udp\n");
}
END_TEST

START_TEST(export_doc_script)
{
	char *v[SC_N] = { [SC_NAME] = "hello", [SC_OWNER] = "admin",
		[SC_POLICY] = "read,write,test", [SC_DRP] = "no",
		[SC_SOURCE] = "/log info \"start\"\r\n:local n 0\r\n"
		    ":foreach i in=[/ppp active find] do={ :set n ($n + 1) }"
		    "\r\n:put $n",
		[SC_RUNS] = "3" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_export_opts o = { 0 };

	/* The first line is exactly 79 characters with its " \". */
	CHECK_EXPORT(&sc_menu, rows, 1, &o,
	    "/system script\n"
	    "add dont-require-permissions=no name=hello owner=admin "
	    "policy=read,write,test \\\n"
	    "    source=\"/log info \\\"start\\\"\\r\\\n"
	    "    \\n:local n 0\\r\\\n"
	    "    \\n:foreach i in=[/ppp active find] do={ :set n (\\$n + 1) "
	    "}\\r\\\n"
	    "    \\n:put \\$n\"\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Export: compact, verbose, sensitive                                 */
/* ------------------------------------------------------------------ */

START_TEST(export_compact_verbose)
{
	char *v[SE_N] = { [SE_NAME] = "u1", [SE_SERVICE] = "l2tp",
		[SE_CALLER] = "", [SE_PASSWORD] = "", [SE_PROFILE] = "default",
		[SE_ROUTES] = "", [SE_V6ROUTES] = "", [SE_LIMIN] = "0",
		[SE_LIMOUT] = "0", [SE_DISABLED] = "no",
		[SE_LASTOUT] = "2026-01-01 00:00:00" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_export_opts o = { 0 };

	CHECK_EXPORT(&se_menu, rows, 1, &o,
	    "/ppp secret\n"
	    "add name=u1 service=l2tp\n");

	/* menus.md 7: defaults written, unset values as !name, no
	 * !comment, the password only with show-sensitive. */
	o.verbose = 1;
	CHECK_EXPORT(&se_menu, rows, 1, &o,
	    "/ppp secret\n"
	    "add caller-id=\"\" disabled=no ipv6-routes=\"\" limit-bytes-in=0 "
	    "limit-bytes-out=\\\n"
	    "    0 !local-address name=u1 profile=default !remote-address \\\n"
	    "    !remote-ipv6-prefix routes=\"\" service=l2tp\n");
	o.show_sensitive = 1;
	v[SE_COMMENT] = "x";
	CHECK_EXPORT(&se_menu, rows, 1, &o,
	    "/ppp secret\n"
	    "add caller-id=\"\" comment=x disabled=no ipv6-routes=\"\" "
	    "limit-bytes-in=0 \\\n"
	    "    limit-bytes-out=0 !local-address name=u1 password=\"\" "
	    "profile=default \\\n"
	    "    !remote-address !remote-ipv6-prefix routes=\"\" "
	    "service=l2tp\n");
}
END_TEST

START_TEST(export_sensitive_and_disabled)
{
	char *v[SE_N] = { [SE_NAME] = "alice", [SE_SERVICE] = "l2tp",
		[SE_PASSWORD] = "s3cret", [SE_PROFILE] = "l2tp-prof",
		[SE_DISABLED] = "yes" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_export_opts o = { 0 };

	CHECK_EXPORT(&se_menu, rows, 1, &o,
	    "/ppp secret\n"
	    "add disabled=yes name=alice profile=l2tp-prof service=l2tp\n");
	o.show_sensitive = 1;
	CHECK_EXPORT(&se_menu, rows, 1, &o,
	    "/ppp secret\n"
	    "add disabled=yes name=alice password=s3cret profile=l2tp-prof "
	    "service=l2tp\n");
}
END_TEST

START_TEST(export_bare_add)
{
	char *v[SE_N] = { [SE_NAME] = NULL, [SE_PASSWORD] = "x" };
	struct fmt_row rows[] = { { 1, 0, v } };
	struct fmt_export_opts o = { 0 };

	/* Nothing to show is a bare add (the l2tp-secret case). */
	CHECK_EXPORT(&se_menu, rows, 1, &o, "/ppp secret\nadd\n");
	CHECK_EXPORT(&se_menu, rows, 0, &o, "");
}
END_TEST

START_TEST(export_singleton)
{
	char *v[L2_N];
	struct fmt_row rows[] = { { 1, -1, v } };
	struct fmt_export_opts o = { 0 };
	int i;

	for (i = 0; i < L2_N; i++)
		v[i] = (char *)l2_props[i].dflt;
	/* Nothing differs: no section, no set. */
	CHECK_EXPORT(&l2_menu, rows, 1, &o, "");
	v[L2_ENABLED] = "yes";
	v[L2_USEIPSEC] = "required";
	v[L2_DEFPROF] = "l2tp-prof";
	v[L2_SECRET] = "s3cret";
	CHECK_EXPORT(&l2_menu, rows, 1, &o,
	    "/interface l2tp-server server\n"
	    "set default-profile=l2tp-prof enabled=yes use-ipsec=required\n");
	o.show_sensitive = 1;
	CHECK_EXPORT(&l2_menu, rows, 1, &o,
	    "/interface l2tp-server server\n"
	    "set default-profile=l2tp-prof enabled=yes ipsec-secret=s3cret "
	    "use-ipsec=\\\n"
	    "    required\n");

	/* menus.md 12 verbose shape, wrapped. */
	for (i = 0; i < L2_N; i++)
		v[i] = (char *)l2_props[i].dflt;
	v[L2_USEIPSEC] = "yes";
	v[L2_SECRET] = "s3cret";
	o.show_sensitive = 0;
	o.verbose = 1;
	CHECK_EXPORT(&l2_menu, rows, 1, &o,
	    "/interface l2tp-server server\n"
	    "set accept-proto-version=all accept-pseudowire-type=all "
	    "allow-fast-path=no \\\n"
	    "    authentication=pap,chap,mschap1,mschap2 "
	    "caller-id-type=ip-address \\\n"
	    "    default-profile=default-encryption enabled=no "
	    "keepalive-timeout=30 \\\n"
	    "    l2tpv3-circuit-id=\"\" l2tpv3-cookie-length=0 "
	    "l2tpv3-digest-hash=md5 \\\n"
	    "    !l2tpv3-ether-interface-list max-mru=1450 max-mtu=1450 "
	    "max-sessions=\\\n"
	    "    unlimited mrru=disabled one-session-per-host=no "
	    "use-ipsec=yes\n");
}
END_TEST

START_TEST(export_skips_runtime_menus)
{
	struct sch_menu m = po_menu;
	struct fmt_row rows[] = { { 1, 0, po_v0 } };
	struct fmt_export_opts o = { 0 };

	CHECK_EXPORT(&m, rows, 1, &o,
	    "/ip pool\n"
	    "add name=dhcp ranges=192.168.88.10-192.168.88.254\n");
	m.flags |= M_NOT_EXPORTED;
	CHECK_EXPORT(&m, rows, 1, &o, "");
	m.flags = M_RUNTIME;
	CHECK_EXPORT(&m, rows, 1, &o, "");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Export: factory items                                               */
/* ------------------------------------------------------------------ */

START_TEST(export_factory_default_sel)
{
	char *f0[PR_N] = { "default", "2m", "aes-256,aes-128", "yes", "yes" };
	char *u0[PR_N] = { "p2", "2m", "aes-128,3des", "yes", NULL };
	struct fmt_row rows[] = { { 0x1, 0, f0 }, { 0x2, 1, u0 } };
	struct fmt_export_opts o = { 0 };

	/* dpd-interval=2m equals the property default but not the factory
	 * item's 8s, so it is written. */
	CHECK_EXPORT(&pr_menu, rows, 2, &o,
	    "/ip ipsec profile\n"
	    "set [ find default=yes ] dpd-interval=2m "
	    "enc-algorithm=aes-256,aes-128\n"
	    "add name=p2\n");

	/* Back to factory values: the set line disappears. */
	f0[PR_DPD] = "8s";
	f0[PR_ENC] = "aes-128,3des";
	CHECK_EXPORT(&pr_menu, rows, 1, &o, "");
	CHECK_EXPORT(&pr_menu, rows, 2, &o, "/ip ipsec profile\nadd name=p2\n");

	/* Verbose writes it anyway, name and all. */
	o.verbose = 1;
	CHECK_EXPORT(&pr_menu, rows, 1, &o,
	    "/ip ipsec profile\n"
	    "set [ find default=yes ] dpd-interval=8s "
	    "enc-algorithm=aes-128,3des name=\\\n"
	    "    default nat-traversal=yes\n");
}
END_TEST

START_TEST(export_factory_by_id)
{
	char *d[PP_N] = { "default", NULL, NULL, "default", "default" };
	char *u[PP_N] = { "l2tp-prof", "10.99.0.1", "vpn-pool", "default",
		"default" };
	char *e[PP_N] = { "default-encryption", NULL, NULL, "yes", "yes" };
	struct fmt_row rows[] = { { 0x0, 0, d }, { 0x5, 1, u },
		{ 0xFFFFFFFE, 2, e } };
	struct fmt_export_opts o = { 0 };

	/* *0 is unchanged and skipped; use-encryption=yes on *FFFFFFFE is
	 * its factory value, only-one=yes is not. */
	CHECK_EXPORT(&pp_menu, rows, 3, &o,
	    "/ppp profile\n"
	    "add local-address=10.99.0.1 name=l2tp-prof "
	    "remote-address=vpn-pool\n"
	    "set *FFFFFFFE only-one=yes\n");
	d[PP_LOCAL] = "10.0.0.1";
	o.terse = 1;
	CHECK_EXPORT(&pp_menu, rows, 3, &o,
	    "/ppp profile set *0 local-address=10.0.0.1\n"
	    "/ppp profile add local-address=10.99.0.1 name=l2tp-prof "
	    "remote-address=vpn-pool\n"
	    "/ppp profile set *FFFFFFFE only-one=yes\n");
	o.terse = 0;
	o.verbose = 1;
	d[PP_LOCAL] = NULL;
	CHECK_EXPORT(&pp_menu, rows, 1, &o,
	    "/ppp profile\n"
	    "set *0 !local-address name=default only-one=default "
	    "!remote-address \\\n"
	    "    use-encryption=default\n");
}
END_TEST

static const struct {
	const char *sel;
	const char *want;
} sel_cases[] = {
	{ NULL, "set *2000010 comment=\"every port\"\n" },
	{ "id", "set *2000010 comment=\"every port\"\n" },
	{ "*", "set *2000010 comment=\"every port\"\n" },
	{ "%*", "set *2000010 comment=\"every port\"\n" },
	{ "name", "set all comment=\"every port\"\n" },
	{ "%s", "set all comment=\"every port\"\n" },
	{ "number", "set 3 comment=\"every port\"\n" },
	{ "#", "set 3 comment=\"every port\"\n" },
	{ "%#", "set 3 comment=\"every port\"\n" },
	{ "find-name", "set [ find name=all ] comment=\"every port\"\n" },
	{ "[ find name=%s ]", "set [ find name=all ] comment=\"every port\"\n" },
	{ "[ find default-name=%{name} ]",
	  "set [ find default-name=all ] comment=\"every port\"\n" },
	{ "[ find default=yes ]",
	  "set [ find default=yes ] comment=\"every port\"\n" },
	{ "100%%", "set 100% comment=\"every port\"\n" },
};

START_TEST(export_selector_forms)
{
	char *v[IL_N] = { "all", "every port", "yes" };
	struct fmt_row rows[] = { { 0x2000010, 3, v } };
	struct fmt_export_opts o = { 0 };
	struct sch_menu m = {
		.path = "/interface/list", .flags = M_LIST, .props = il_props,
		.items = il_items, .name_prop = "name",
		.export_default_sel = sel_cases[_i].sel,
	};
	struct sbuf want;

	sb_init(&want);
	sb_puts(&want, "/interface list\n");
	sb_puts(&want, sel_cases[_i].want);
	CHECK_EXPORT(&m, rows, 1, &o, sb_str(&want));
	sb_fini(&want);
}
END_TEST

START_TEST(export_selector_names)
{
	char *v[IL_N] = { "my list", NULL, "yes" };
	char *w[IL_N] = { "odd one", "x", "yes" };
	struct fmt_row rows[] = { { 0x2000010, -1, v }, { 0x2000011, -1, w } };
	struct fmt_export_opts o = { 0 };
	struct sch_menu m = {
		.path = "/interface/list", .flags = M_LIST, .props = il_props,
		.items = il_items, .name_prop = "name",
		.export_default_sel = "find-name",
	};

	/* A renamed item is found by its factory name; names that need
	 * quotes get them; numbers fall back to the list position. */
	CHECK_EXPORT(&m, rows, 2, &o,
	    "/interface list\n"
	    "set [ find name=all ] name=\"my list\"\n"
	    "set [ find name=\"odd one\" ] comment=x\n");
	m.export_default_sel = "number";
	CHECK_EXPORT(&m, rows, 2, &o,
	    "/interface list\n"
	    "set 0 name=\"my list\"\n"
	    "set 1 comment=x\n");
}
END_TEST

START_TEST(export_kernel_links)
{
	static const struct sch_prop props[] = {
		{ .name = "name", .type = ST_NAME, .flags = P_REQUIRED },
		{ .name = "default-name", .type = ST_STRING, .flags = P_RO },
		{ .name = "mtu", .type = ST_INT, .flags = P_UNSET },
		{ .name = "comment", .type = ST_STRING },
		{ .name = "disabled", .type = ST_BOOL, .dflt = "no",
		  .flags = P_FLAG },
		{ .name = "running", .type = ST_BOOL, .flags = P_FLAG | P_RO },
		{ .name = NULL }
	};
	const struct sch_menu m = { .path = "/interface",
		.flags = M_LIST | M_KERNEL_LINKS, .props = props,
		.name_prop = "name",
		.export_default_sel = "[ find default-name=%{default-name} ]" };
	char *e0[] = { "eth0", "eth0", NULL, NULL, "no", "yes" };
	char *e1[] = { "wan", "eth1", "1400", NULL, "no", "yes" };
	struct fmt_row rows[] = { { 1, 0, e0 }, { 2, 1, e1 } };
	struct fmt_export_opts o = { 0 };

	/* Host links are never added; an untouched one is not written. */
	CHECK_EXPORT(&m, rows, 2, &o,
	    "/interface\n"
	    "set [ find default-name=eth1 ] mtu=1400 name=wan\n");
	CHECK_EXPORT(&m, rows, 1, &o, "");
	o.verbose = 1;
	CHECK_EXPORT(&m, rows, 1, &o,
	    "/interface\n"
	    "set [ find default-name=eth0 ] disabled=no !mtu name=eth0\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Export: wrapping and quoting rules of 5.7                           */
/* ------------------------------------------------------------------ */

/* A one-property menu to place single values on export lines. */
static struct sch_prop wr_props[] = {
	{ .name = "comment", .type = ST_STRING },
	{ .name = NULL }
};
static const struct sch_menu wr_menu = {
	.path = "/x", .flags = M_LIST, .props = wr_props,
};

static char *
export_one(const struct sch_menu *m, const char *value)
{
	char *v[] = { (char *)value, NULL };
	struct fmt_row row = { 1, 0, v };
	struct fmt_export_opts o = { 0 };

	return export_rows(m, &row, 1, &o);
}

#define A64 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define A63 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define B20 "bbbbbbbbbbbbbbbbbbbb"

static const struct {
	const char *value;
	const char *want;
} wrap_cases[] = {
	/* Split mid-value: the line is filled to 78 before its "\". */
	{ "The quick brown fox jumps over the lazy dog; the quick brown fox "
	  "jumps over the lazy dog!",
	  "add comment=\"The quick brown fox jumps over the lazy dog; the "
	  "quick brown fox \\\n"
	  "    jumps over the lazy dog!\"\n" },
	/* "\$" would straddle column 78: it moves whole. */
	{ A64 "$" B20,
	  "add comment=\"" A64 "\\\n"
	  "    \\$" B20 "\"\n" },
	/* So does a \XX escape, where two of its three bytes would fit. */
	{ A63 "\x01" B20,
	  "add comment=\"" A63 "\\\n"
	  "    \\01" B20 "\"\n" },
	/* A bare value of 73 characters fits a continuation line... */
	{ A64 "aaaaaaaaa",
	  "add comment=\\\n"
	  "    " A64 "aaaaaaaaa\n" },
	/* ...one of 74 is quoted so that it can be split. */
	{ A64 "aaaaaaaaaa",
	  "add comment=\"" A64 "a\\\n"
	  "    aaaaaaaaa\"\n" },
	/* A value with an LF is split where it stands, even when it would
	 * fit a continuation line whole... */
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
	  "add comment=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\\n"
	  "    \\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n" },
	/* ...but an argument that fits the line is not broken at all. */
	{ "a\nb", "add comment=\"a\\nb\"\n" },
	{ "", "add comment=\"\"\n" },
};

START_TEST(export_wrap_table)
{
	char *got = export_one(&wr_menu, wrap_cases[_i].value);
	size_t n = strlen("/x\n");

	ck_assert_int_eq(strncmp(got, "/x\n", n), 0);
	ck_assert_str_eq(got + n, wrap_cases[_i].want);
	free(got);
}
END_TEST

START_TEST(export_wrap_overlong_name)
{
	static struct sch_prop p[] = {
		{ .name = "list", .type = ST_NAME },
		{ .name = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", .type = ST_INT },
		{ .name = NULL }
	};
	struct sch_menu m = { .path = "/x", .flags = M_LIST, .props = p };
	char *v[] = { NULL, "1", NULL };
	struct fmt_row row = { 1, 0, v };
	struct fmt_export_opts o = { 0 };

	/* Nothing fits: the argument goes on its own line, overlong. */
	CHECK_EXPORT(&m, &row, 1, &o,
	    "/x\n"
	    "add \\\n"
	    "    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxx=1\n");
}
END_TEST

START_TEST(export_wrap_long_bare_list)
{
	static struct sch_prop p[] = {
		{ .name = "list", .type = ST_NAME },
		{ .name = "address", .type = ST_ADDR_LIST },
		{ .name = NULL }
	};
	struct sch_menu m = { .path = "/x", .flags = M_LIST, .props = p };
	char *v[] = { "x", "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4,10.0.0.5,"
	    "10.0.0.6,10.0.0.7,10.0.0.8,10.0.0.9,10.0.0.10,10.0.0.11", NULL };
	struct fmt_row row = { 1, 0, v };
	struct fmt_export_opts o = { 0 };
	char *got, *line, *save = NULL;

	CHECK_EXPORT(&m, &row, 1, &o,
	    "/x\n"
	    "add address=\"10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4,10.0.0.5,"
	    "10.0.0.6,10.0.0.7,10\\\n"
	    "    .0.0.8,10.0.0.9,10.0.0.10,10.0.0.11\" list=x\n");

	/* Rule 1: no physical line is longer than 79. */
	got = export_rows(&m, &row, 1, &o);
	for (line = strtok_r(got, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		ck_assert_uint_le(strlen(line), 79);
	free(got);
}
END_TEST

/* ------------------------------------------------------------------ */

static Suite *
format_suite(void)
{
	Suite *s = suite_create("format");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, table_doc_example);
	tcase_add_test(tc, table_no_flags_numeric);
	tcase_add_test(tc, table_two_digit_numbers);
	tcase_add_test(tc, table_only_present_flags);
	tcase_add_test(tc, table_unnumbered_rows);
	tcase_add_test(tc, table_unused_column_omitted);
	tcase_add_test(tc, table_sensitive_column);
	tcase_add_test(tc, table_empty);
	tcase_add_test(tc, table_show_ids);
	tcase_add_test(tc, table_proplist);
	tcase_add_test(tc, table_narrowing);
	tcase_add_test(tc, table_brief_forces_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("detail");
	tcase_add_test(tc, detail_doc_example);
	tcase_add_test(tc, detail_no_terminal);
	tcase_add_test(tc, detail_wrap_80);
	tcase_add_test(tc, detail_strings_quoted);
	tcase_add_test(tc, detail_ids_proplist_unnumbered);
	tcase_add_test(tc, detail_sensitive);
	tcase_add_test(tc, detail_bare_strings);
	suite_add_tcase(s, tc);

	tc = tcase_create("singleton");
	tcase_add_test(tc, single_doc_example);
	tcase_add_test(tc, single_sensitive);
	tcase_add_test(tc, single_list_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("terse");
	tcase_add_test(tc, terse_rows);
	tcase_add_test(tc, terse_unquoted);
	suite_add_tcase(s, tc);

	tc = tcase_create("quote");
	tcase_add_loop_test(tc, quote_table, 0,
	    (int)(sizeof(quote_cases) / sizeof(quote_cases[0])));
	tcase_add_test(tc, id_and_header);
	suite_add_tcase(s, tc);

	tc = tcase_create("export");
	tcase_add_test(tc, export_doc_firewall);
	tcase_add_test(tc, export_doc_script);
	tcase_add_test(tc, export_compact_verbose);
	tcase_add_test(tc, export_sensitive_and_disabled);
	tcase_add_test(tc, export_bare_add);
	tcase_add_test(tc, export_singleton);
	tcase_add_test(tc, export_skips_runtime_menus);
	suite_add_tcase(s, tc);

	tc = tcase_create("export_factory");
	tcase_add_test(tc, export_factory_default_sel);
	tcase_add_test(tc, export_factory_by_id);
	tcase_add_loop_test(tc, export_selector_forms, 0,
	    (int)(sizeof(sel_cases) / sizeof(sel_cases[0])));
	tcase_add_test(tc, export_selector_names);
	tcase_add_test(tc, export_kernel_links);
	suite_add_tcase(s, tc);

	tc = tcase_create("export_wrap");
	tcase_add_loop_test(tc, export_wrap_table, 0,
	    (int)(sizeof(wrap_cases) / sizeof(wrap_cases[0])));
	tcase_add_test(tc, export_wrap_overlong_name);
	tcase_add_test(tc, export_wrap_long_bare_list);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(format_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
