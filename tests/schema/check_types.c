/*
 * check_types.c - value validation and normalisation (schema/types*.c).
 *
 * The main table feeds one property per row through sch_value_check()
 * and compares the canonical text or the error.  Every accepted row is
 * also fed its own output again: the stored text must come back
 * unchanged, which is what makes export -> import byte-identical.
 */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* Value lists used by the rows                                        */
/* ------------------------------------------------------------------ */

static const char *const v_use_ipsec[] = { "no", "yes", "required", NULL };
static const char *const v_encrypt[] = { "default", "no", "yes",
	"required", NULL };
static const char *const v_auth[] = { "pap", "chap", "mschap1", "mschap2",
	NULL };
static const char *const v_topics[] = { "critical", "debug", "error",
	"info", "ipsec", "l2tp", "packet", "ppp", "warning", NULL };
static const char *const v_policy[] = { "local", "telnet", "ssh", "ftp",
	"reboot", "read", "write", "policy", "test", "winbox", "password",
	"web", "sniff", "sensitive", "api", "rest-api", "romon", NULL };
static const char *const v_conn_state[] = { "invalid", "established",
	"related", "new", "untracked", NULL };
static const char *const v_addr_type[] = { "unicast", "local", "broadcast",
	"multicast", "blackhole", NULL };
static const char *const v_no_none[] = { "no", "none", NULL };

static const char *const w_unlimited[] = { "unlimited", NULL };
static const char *const w_disabled[] = { "disabled", NULL };
static const char *const w_dis_dyn[] = { "disabled", "dynamic", NULL };
static const char *const w_dpd[] = { "disable-dpd", NULL };
static const char *const w_alt[] = { "none-dynamic", "none-static", NULL };
static const char *const w_none[] = { "none", NULL };
static const char *const w_any[] = { "any", NULL };
static const char *const w_all[] = { "all", NULL };
static const char *const w_ifaces[] = { "all-ppp", "all-ethernet",
	"all-vlan", "all-wireless", NULL };

/* ------------------------------------------------------------------ */
/* The main table                                                      */
/* ------------------------------------------------------------------ */

struct row {
	enum sch_type		 type;
	unsigned		 flags;
	const char *const	*values;
	const char *const	*words;
	long long		 min, max;
	const char		*in;
	const char		*want;	/* canonical text, NULL on error */
	enum sch_err		 err;
};

#define OK(t, fl, v, w, lo, hi, in, out) \
	{ t, fl, v, w, lo, hi, in, out, SCH_OK }
#define ER(t, fl, v, w, lo, hi, in, e) \
	{ t, fl, v, w, lo, hi, in, NULL, e }
#define N	P_NEGATE
#define INV	SCH_E_INVALID
#define NOM	SCH_E_NOMATCH
#define AMB	SCH_E_AMBIG
#define RNG	SCH_E_RANGE
#define TIM	SCH_E_TIME

static const struct row rows[] = {
	/* ST_BOOL */
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "yes", "yes"),
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "no", "no"),
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "true", "yes"),
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "false", "no"),
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "y", "yes"),
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "n", "no"),
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "tr", "yes"),
	OK(ST_BOOL, 0, NULL, NULL, 0, 0, "f", "no"),
	ER(ST_BOOL, 0, NULL, NULL, 0, 0, "maybe", NOM),
	ER(ST_BOOL, 0, NULL, NULL, 0, 0, "yess", NOM),
	ER(ST_BOOL, 0, NULL, NULL, 0, 0, "Yes", NOM),
	ER(ST_BOOL, 0, NULL, NULL, 0, 0, "", AMB),

	/* ST_INT */
	OK(ST_INT, 0, NULL, NULL, 0, 0, "1450", "1450"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "0", "0"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "007", "7"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "0x1F", "31"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "0x1f", "31"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "-7", "-7"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "-0", "0"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "9223372036854775807",
	    "9223372036854775807"),
	OK(ST_INT, 0, NULL, NULL, 0, 0, "-9223372036854775808",
	    "-9223372036854775808"),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "9223372036854775808", INV),
	OK(ST_INT, 0, NULL, NULL, 1, 100, "100", "100"),
	OK(ST_INT, 0, NULL, NULL, 1, 100, "1", "1"),
	ER(ST_INT, 0, NULL, NULL, 1, 100, "101", RNG),
	ER(ST_INT, 0, NULL, NULL, 1, 100, "0", RNG),
	ER(ST_INT, 0, NULL, NULL, 1, 100, "-5", RNG),
	ER(ST_INT, 0, NULL, NULL, 1, 100, "99999999999999999999", RNG),
	OK(ST_INT, 0, NULL, NULL, 0, 4294967295LL, "4294967295",
	    "4294967295"),
	ER(ST_INT, 0, NULL, NULL, 0, 4294967295LL, "4294967296", RNG),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "", INV),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "12a", INV),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "1 2", INV),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "+5", INV),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "0x", INV),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "-", INV),
	ER(ST_INT, 0, NULL, NULL, 0, 0, "1.5", INV),
	OK(ST_INT, 0, NULL, w_unlimited, 0, 0, "unlimited", "unlimited"),
	OK(ST_INT, 0, NULL, w_unlimited, 0, 0, "unl", "unlimited"),
	OK(ST_INT, 0, NULL, w_unlimited, 0, 0, "10", "10"),
	ER(ST_INT, 0, NULL, w_unlimited, 0, 0, "unlimitedx", INV),
	ER(ST_INT, 0, NULL, w_unlimited, 0, 0, "", INV),
	OK(ST_INT, 0, NULL, w_disabled, 512, 65535, "d", "disabled"),
	ER(ST_INT, 0, NULL, w_disabled, 512, 65535, "100", RNG),
	ER(ST_INT, 0, NULL, w_dis_dyn, 0, 0, "d", AMB),
	OK(ST_INT, 0, NULL, w_dis_dyn, 0, 0, "dy", "dynamic"),

	/* ST_TIME */
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "30s", "30s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "30", "30s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "0", "0s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "0s", "0s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "90s", "1m30s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "200", "3m20s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "59m", "59m"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "10d", "1w3d"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "24h", "1d"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "1w2d3h4m5s", "1w2d3h4m5s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "500ms", "500ms"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "1500ms", "1s500ms"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "1s500ms", "1s500ms"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "10us", "10us"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "20ns", "20ns"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "1m1ms", "1m1ms"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "1.5s", "1s500ms"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "0.5", "500ms"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "00:30:00", "30m"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "00:00:30", "30s"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "1d02:00:00", "1d2h"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "2w3d10:00:00", "2w3d10h"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "00:00:00.014935", "14ms935us"),
	OK(ST_TIME, 0, NULL, NULL, 0, 0, "36:00:00", "1d12h"),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "1x", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "1m1h", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "1s1s", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "1m30", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "s", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "-1s", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "1.s", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "00:60:00", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "00:30", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "1h00:30:00", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "00:00:00:00", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "99999999w", TIM),
	ER(ST_TIME, 0, NULL, NULL, 0, 0, "1d ", TIM),
	OK(ST_TIME, 0, NULL, NULL, 0, 3600, "1h", "1h"),
	ER(ST_TIME, 0, NULL, NULL, 0, 3600, "1h1ns", RNG),
	OK(ST_TIME, 0, NULL, NULL, 60, 86400, "1m", "1m"),
	ER(ST_TIME, 0, NULL, NULL, 60, 86400, "59s999ms", RNG),
	OK(ST_TIME, 0, NULL, w_dpd, 0, 3600, "disable-dpd", "disable-dpd"),
	OK(ST_TIME, 0, NULL, w_dpd, 0, 3600, "disable", "disable-dpd"),
	OK(ST_TIME, 0, NULL, w_dpd, 0, 3600, "2m", "2m"),
	OK(ST_TIME, 0, NULL, w_alt, 0, 0, "none-s", "none-static"),
	ER(ST_TIME, 0, NULL, w_alt, 0, 0, "none", AMB),

	/* ST_ENUM */
	OK(ST_ENUM, 0, v_use_ipsec, NULL, 0, 0, "required", "required"),
	OK(ST_ENUM, 0, v_use_ipsec, NULL, 0, 0, "require", "required"),
	OK(ST_ENUM, 0, v_use_ipsec, NULL, 0, 0, "y", "yes"),
	OK(ST_ENUM, 0, v_no_none, NULL, 0, 0, "no", "no"),
	OK(ST_ENUM, 0, v_no_none, NULL, 0, 0, "non", "none"),
	ER(ST_ENUM, 0, v_no_none, NULL, 0, 0, "n", AMB),
	ER(ST_ENUM, 0, v_use_ipsec, NULL, 0, 0, "maybe", NOM),
	ER(ST_ENUM, 0, v_use_ipsec, NULL, 0, 0, "", AMB),
	ER(ST_ENUM, 0, v_use_ipsec, NULL, 0, 0, "!yes", NOM),
	OK(ST_ENUM, N, v_addr_type, NULL, 0, 0, "!loc", "!local"),
	OK(ST_ENUM, N, v_addr_type, NULL, 0, 0, "unicast", "unicast"),
	ER(ST_ENUM, N, v_addr_type, NULL, 0, 0, "!", AMB),
	OK(ST_ENUM, 0, v_encrypt, w_none, 0, 0, "none", "none"),

	/* ST_ENUM_LIST */
	OK(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "mschap1,mschap2",
	    "mschap1,mschap2"),
	OK(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "pap,chap,mschap1,mschap2",
	    "pap,chap,mschap1,mschap2"),
	OK(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "mschap2,pap",
	    "mschap2,pap"),
	OK(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "pa,ch", "pap,chap"),
	OK(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "pap,pap,chap,pap",
	    "pap,chap"),
	OK(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "", ""),
	ER(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "mschap", AMB),
	ER(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "pap,,chap", INV),
	ER(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "pap,", INV),
	ER(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, ",pap", INV),
	ER(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, ",", INV),
	ER(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "pap,eap", NOM),
	ER(ST_ENUM_LIST, 0, v_auth, NULL, 0, 0, "!pap", NOM),
	OK(ST_ENUM_LIST, N, v_topics, NULL, 0, 0, "ipsec,!debug",
	    "ipsec,!debug"),
	OK(ST_ENUM_LIST, N, v_topics, NULL, 0, 0, "ips,!deb", "ipsec,!debug"),
	OK(ST_ENUM_LIST, N, v_topics, NULL, 0, 0, "ipsec,!debug,ipsec,!debug",
	    "ipsec,!debug"),
	OK(ST_ENUM_LIST, N, v_topics, NULL, 0, 0, "ipsec,!ipsec",
	    "ipsec,!ipsec"),
	ER(ST_ENUM_LIST, N, v_topics, NULL, 0, 0, "ipsec,!", INV),
	ER(ST_ENUM_LIST, N, v_topics, NULL, 0, 0, "!!debug", NOM),
	OK(ST_ENUM_LIST, N, v_policy, NULL, 0, 0, "read,!write",
	    "read,!write"),
	OK(ST_ENUM_LIST, N, v_policy, NULL, 0, 0,
	    "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,"
	    "sensitive,api,romon,rest-api,!ftp,!write,!policy",
	    "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,"
	    "sensitive,api,romon,rest-api,!ftp,!write,!policy"),
	ER(ST_ENUM_LIST, N, v_policy, NULL, 0, 0, "re", AMB),
	OK(ST_ENUM_LIST, N, v_conn_state, NULL, 0, 0, "established,related",
	    "established,related"),
	OK(ST_ENUM_LIST, N, v_conn_state, NULL, 0, 0, "!inv", "!invalid"),

	/* ST_STRING, ST_NAME, ST_DATETIME */
	OK(ST_STRING, 0, NULL, NULL, 0, 0, "", ""),
	OK(ST_STRING, 0, NULL, NULL, 0, 0, "accept IKE and NAT-T",
	    "accept IKE and NAT-T"),
	OK(ST_STRING, 0, NULL, NULL, 0, 0, "a\"b\\c\n\t$?", "a\"b\\c\n\t$?"),
	OK(ST_STRING, 0, NULL, NULL, 0, 0, "\xc3\xa9\x01\xff",
	    "\xc3\xa9\x01\xff"),
	OK(ST_STRING, N, NULL, NULL, 0, 0, "!x", "!x"),
	OK(ST_NAME, 0, NULL, NULL, 0, 0, "vpn-pool", "vpn-pool"),
	OK(ST_NAME, 0, NULL, NULL, 0, 0, "my list", "my list"),
	ER(ST_NAME, 0, NULL, NULL, 0, 0, "", INV),
	OK(ST_DATETIME, 0, NULL, NULL, 0, 0, "2026-01-15 10:20:30",
	    "2026-01-15 10:20:30"),

	/* ST_IP */
	OK(ST_IP, 0, NULL, NULL, 0, 0, "10.0.0.1", "10.0.0.1"),
	OK(ST_IP, 0, NULL, NULL, 0, 0, "10.1", "10.0.0.1"),
	OK(ST_IP, 0, NULL, NULL, 0, 0, "10.2.1", "10.2.0.1"),
	OK(ST_IP, 0, NULL, NULL, 0, 0, "192.168.001.010", "192.168.1.10"),
	OK(ST_IP, 0, NULL, NULL, 0, 0, "0.0.0.0", "0.0.0.0"),
	OK(ST_IP, 0, NULL, NULL, 0, 0, "255.255.255.255", "255.255.255.255"),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "10.0.0.1x", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "1.2.3.4.5", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "300.1.1.1", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "10.0.0.", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, ".10.0.0", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "10..0.1", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "10", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "1.0002.3.4", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "10.0.0.1/32", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, " 10.0.0.1", INV),
	ER(ST_IP, 0, NULL, NULL, 0, 0, "!10.0.0.1", INV),

	/* ST_IP_PREFIX: host bits kept */
	OK(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/24", "10.0.0.1/24"),
	OK(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1", "10.0.0.1/32"),
	OK(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "2.2/24", "2.0.0.2/24"),
	OK(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/255.255.255.0",
	    "10.0.0.1/24"),
	OK(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/0", "10.0.0.1/0"),
	ER(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/33", INV),
	ER(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/", INV),
	ER(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/24/8", INV),
	ER(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/2x", INV),
	ER(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "10.0.0.1/255.0.255.0", INV),
	ER(ST_IP_PREFIX, 0, NULL, NULL, 0, 0, "/24", INV),

	/* ST_IP_NET: host bits cleared */
	OK(ST_IP_NET, 0, NULL, NULL, 0, 0, "10.0.0.5/8", "10.0.0.0/8"),
	OK(ST_IP_NET, 0, NULL, NULL, 0, 0, "10.0.0.5", "10.0.0.5/32"),
	OK(ST_IP_NET, 0, NULL, NULL, 0, 0, "0.0.0.0/0", "0.0.0.0/0"),
	OK(ST_IP_NET, 0, NULL, NULL, 0, 0, "1.2.3.4/0", "0.0.0.0/0"),
	OK(ST_IP_NET, 0, NULL, NULL, 0, 0, "192.168.88.77/27",
	    "192.168.88.64/27"),
	ER(ST_IP_NET, 0, NULL, NULL, 0, 0, "10.0.0.0/33", INV),
	ER(ST_IP_NET, 0, NULL, NULL, 0, 0, "10.0.0.0-10.0.0.9", INV),

	/* ST_IP_RANGES */
	OK(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.10.10.10-10.10.10.200",
	    "10.10.10.10-10.10.10.200"),
	OK(ST_IP_RANGES, 0, NULL, NULL, 0, 0,
	    "10.0.0.2-10.0.0.99,10.0.1.0/24", "10.0.0.2-10.0.0.99,10.0.1.0/24"),
	OK(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.1.7/24", "10.0.1.0/24"),
	OK(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.1,10.2-10.3",
	    "10.0.0.1,10.0.0.2-10.0.0.3"),
	OK(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.0.5-10.0.0.5",
	    "10.0.0.5-10.0.0.5"),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.0.9-10.0.0.1", INV),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.0.1-", INV),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "-10.0.0.1", INV),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.0.1-10.0.0.2-10.0.0.3",
	    INV),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.0.1,,10.0.0.2", INV),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.0.1,", INV),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "", INV),
	ER(ST_IP_RANGES, 0, NULL, NULL, 0, 0, "10.0.0.0/24-10.0.1.0", INV),

	/* ST_ADDR_MATCH */
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.1", "10.0.0.1"),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.1/32", "10.0.0.1"),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.7/8", "10.0.0.0/8"),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "!10.0.0.0/8", "!10.0.0.0/8"),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.1-10.0.0.9",
	    "10.0.0.1-10.0.0.9"),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.0-10.0.0.255",
	    "10.0.0.0/24"),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.7-10.0.0.7",
	    "10.0.0.7"),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "!10.0.0.0-10.0.255.255",
	    "!10.0.0.0/16"),
	ER(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.9-10.0.0.1", INV),
	ER(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.1/24-10.0.0.9", INV),
	OK(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "!10.1-10.2",
	    "!10.0.0.1-10.0.0.2"),
	ER(ST_ADDR_MATCH, 0, NULL, NULL, 0, 0, "!10.0.0.0/8", INV),
	ER(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "!!10.0.0.1", INV),
	ER(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "!", INV),
	ER(ST_ADDR_MATCH, N, NULL, NULL, 0, 0, "10.0.0.1,10.0.0.2", INV),

	/* ST_PORTS */
	OK(ST_PORTS, N, NULL, NULL, 0, 0, "500", "500"),
	OK(ST_PORTS, N, NULL, NULL, 0, 0, "500,1701,4500", "500,1701,4500"),
	OK(ST_PORTS, N, NULL, NULL, 0, 0, "1000-2000", "1000-2000"),
	OK(ST_PORTS, N, NULL, NULL, 0, 0, "0,65535", "0,65535"),
	OK(ST_PORTS, N, NULL, NULL, 0, 0, "!22", "!22"),
	OK(ST_PORTS, N, NULL, NULL, 0, 0, "0080,08-09", "80,8-9"),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "65536", RNG),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "1-70000", RNG),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "2000-1000", INV),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "1-", INV),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "-1", INV),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "1-2-3", INV),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "500,,4500", INV),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "", INV),
	ER(ST_PORTS, N, NULL, NULL, 0, 0, "http", INV),
	ER(ST_PORTS, 0, NULL, NULL, 0, 0, "!22", INV),
	OK(ST_PORTS, 0, NULL, w_any, 0, 0, "any", "any"),
	OK(ST_PORTS, 0, NULL, w_any, 0, 0, "1701", "1701"),

	/* ST_PROTOCOL */
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "udp", "udp"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "17", "udp"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "50", "ipsec-esp"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "ipsec-e", "ipsec-esp"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "115", "l2tp"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "136", "udp-lite"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "253", "253"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "0", "0"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "!tcp", "!tcp"),
	OK(ST_PROTOCOL, N, NULL, NULL, 0, 0, "xtp", "xtp"),
	ER(ST_PROTOCOL, N, NULL, NULL, 0, 0, "256", RNG),
	ER(ST_PROTOCOL, N, NULL, NULL, 0, 0, "17x", INV),
	ER(ST_PROTOCOL, N, NULL, NULL, 0, 0, "ipsec", AMB),
	ER(ST_PROTOCOL, N, NULL, NULL, 0, 0, "esp", NOM),
	ER(ST_PROTOCOL, N, NULL, NULL, 0, 0, "", AMB),
	ER(ST_PROTOCOL, 0, NULL, NULL, 0, 0, "!tcp", NOM),
	OK(ST_PROTOCOL, 0, NULL, w_all, 0, 0, "all", "all"),
	OK(ST_PROTOCOL, 0, NULL, w_all, 0, 0, "al", "all"),

	/* ST_REF, ST_REF_LIST */
	OK(ST_REF, 0, NULL, NULL, 0, 0, "default-encryption",
	    "default-encryption"),
	OK(ST_REF, 0, NULL, NULL, 0, 0, "*1F21", "*1F21"),
	ER(ST_REF, 0, NULL, NULL, 0, 0, "", AMB),
	OK(ST_REF, 0, NULL, w_none, 0, 0, "none", "none"),
	OK(ST_REF, 0, NULL, w_none, 0, 0, "non", "none"),
	OK(ST_REF, 0, NULL, w_none, 0, 0, "vpn-pool", "vpn-pool"),
	OK(ST_REF, N, NULL, w_ifaces, 0, 0, "!all-ppp", "!all-ppp"),
	OK(ST_REF, N, NULL, w_ifaces, 0, 0, "!WAN", "!WAN"),
	ER(ST_REF, N, NULL, w_ifaces, 0, 0, "all", AMB),
	OK(ST_REF, 0, NULL, NULL, 0, 0, "!WAN", "!WAN"),
	OK(ST_REF_LIST, 0, NULL, NULL, 0, 0, "LAN,WAN", "LAN,WAN"),
	OK(ST_REF_LIST, 0, NULL, NULL, 0, 0, "", ""),
	OK(ST_REF_LIST, 0, NULL, w_none, 0, 0, "LAN,no", "LAN,none"),
	ER(ST_REF_LIST, 0, NULL, NULL, 0, 0, "LAN,,WAN", INV),
	ER(ST_REF_LIST, 0, NULL, NULL, 0, 0, "LAN,", INV),
	OK(ST_REF_LIST, N, NULL, NULL, 0, 0, "!LAN", "!LAN"),

	/* ST_IP_OR_REF */
	OK(ST_IP_OR_REF, 0, NULL, NULL, 0, 0, "10.10.10.1", "10.10.10.1"),
	OK(ST_IP_OR_REF, 0, NULL, NULL, 0, 0, "10.1", "10.0.0.1"),
	OK(ST_IP_OR_REF, 0, NULL, NULL, 0, 0, "vpn-pool", "vpn-pool"),
	OK(ST_IP_OR_REF, 0, NULL, NULL, 0, 0, "ether1", "ether1"),
	ER(ST_IP_OR_REF, 0, NULL, NULL, 0, 0, "300.1.1.1", INV),
	ER(ST_IP_OR_REF, 0, NULL, NULL, 0, 0, "1.2.3.4.5", INV),
	ER(ST_IP_OR_REF, 0, NULL, NULL, 0, 0, "", AMB),

	/* ST_IP_LIST */
	OK(ST_IP_LIST, 0, NULL, NULL, 0, 2, "8.8.8.8,1.1.1.1",
	    "8.8.8.8,1.1.1.1"),
	OK(ST_IP_LIST, 0, NULL, NULL, 0, 2, "10.1", "10.0.0.1"),
	OK(ST_IP_LIST, 0, NULL, NULL, 0, 2, "", ""),
	ER(ST_IP_LIST, 0, NULL, NULL, 0, 2, "1.1.1.1,2.2.2.2,3.3.3.3", INV),
	OK(ST_IP_LIST, 0, NULL, NULL, 0, 0, "1.1.1.1,2.2.2.2,3.3.3.3",
	    "1.1.1.1,2.2.2.2,3.3.3.3"),
	ER(ST_IP_LIST, 0, NULL, NULL, 0, 2, "1.1.1.1,", INV),
	ER(ST_IP_LIST, 0, NULL, NULL, 0, 2, "1.1.1.1/32", INV),

	/* ST_ADDR_LIST */
	OK(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "", ""),
	OK(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "192.168.88.5/24",
	    "192.168.88.0/24"),
	OK(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "10.0.0.1/32,2001:DB8::1/64",
	    "10.0.0.1/32,2001:db8::/64"),
	OK(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "10.0.0.1,10.2",
	    "10.0.0.1,10.0.0.2"),
	OK(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "fe80::1", "fe80::1"),
	OK(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "2001:db8:0:0:0:0:0:1/128",
	    "2001:db8::1/128"),
	OK(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "::/0", "::/0"),
	ER(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "2001:db8::1/129", INV),
	ER(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "2001:db8::g", INV),
	ER(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "10.0.0.1-10.0.0.2", INV),
	ER(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "10.0.0.1,,::1", INV),
	ER(ST_ADDR_LIST, 0, NULL, NULL, 0, 0, "example.com", INV),

	/* ST_ANY_ADDR */
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "203.0.113.5", "203.0.113.5"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "203.0.113.5/32",
	    "203.0.113.5/32"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "0.0.0.0/32", "0.0.0.0/32"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.1", "10.0.0.1"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "::", "::"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "::ffff:10.0.0.1",
	    "::ffff:10.0.0.1"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "0.0.0.0/0", "0.0.0.0/0"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.9/24", "10.0.0.0/24"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "::/0", "::/0"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "2001:db8::5/48", "2001:db8::/48"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.0-10.0.0.255",
	    "10.0.0.0/24"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "0.0.0.0-255.255.255.255",
	    "0.0.0.0/0"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.7-10.0.0.7", "10.0.0.7"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.1-10.0.0.254",
	    "10.0.0.1-10.0.0.254"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.128-10.0.1.127",
	    "10.0.0.128-10.0.1.127"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "vpn.example.com",
	    "vpn.example.com"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "my-host", "my-host"),
	OK(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "163.com", "163.com"),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.1x", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "1.2.3.4.5", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "300.1.1.1", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.9-10.0.0.1", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "-host.example", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "host-.example", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "a..b", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "example.com.", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "under_score.com", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "10.0.0.1/33", INV),
	ER(ST_ANY_ADDR, 0, NULL, NULL, 0, 0, "", INV),

	/* ST_HEX */
	OK(ST_HEX, 0, NULL, NULL, 0, 0, "0x1818", "0x1818"),
	OK(ST_HEX, 0, NULL, NULL, 0, 0, "1818", "0x1818"),
	OK(ST_HEX, 0, NULL, NULL, 0, 0, "0xabCD", "0xABCD"),
	OK(ST_HEX, 0, NULL, NULL, 0, 0, "0x0001", "0x1"),
	OK(ST_HEX, 0, NULL, NULL, 0, 0, "0", "0x0"),
	OK(ST_HEX, 0, NULL, NULL, 0, 0, "0XFFFFFFFFFFFFFFFF",
	    "0xFFFFFFFFFFFFFFFF"),
	ER(ST_HEX, 0, NULL, NULL, 0, 0, "0x10000000000000000", INV),
	ER(ST_HEX, 0, NULL, NULL, 0, 0, "0x", INV),
	ER(ST_HEX, 0, NULL, NULL, 0, 0, "0xg", INV),
	ER(ST_HEX, 0, NULL, NULL, 0, 0, "", INV),
	ER(ST_HEX, 0, NULL, NULL, 0, 0xffff, "0x10000", RNG),

	/* ST_SIZE */
	OK(ST_SIZE, 0, NULL, NULL, 0, 0, "4096", "4096"),
	OK(ST_SIZE, 0, NULL, NULL, 0, 0, "4096KiB", "4194304"),
	OK(ST_SIZE, 0, NULL, NULL, 0, 0, "2MiB", "2097152"),
	OK(ST_SIZE, 0, NULL, NULL, 0, 0, "1GiB", "1073741824"),
	OK(ST_SIZE, 0, NULL, NULL, 0, 0, "2k", "2000"),
	OK(ST_SIZE, 0, NULL, NULL, 0, 0, "3M", "3000000"),
	OK(ST_SIZE, 0, NULL, NULL, 0, 0, "1G", "1000000000"),
	ER(ST_SIZE, 0, NULL, NULL, 0, 0, "KiB", INV),
	ER(ST_SIZE, 0, NULL, NULL, 0, 0, "12kb", INV),
	ER(ST_SIZE, 0, NULL, NULL, 0, 0, "1.5M", INV),
	ER(ST_SIZE, 0, NULL, NULL, 0, 0, "", INV),
	ER(ST_SIZE, 0, NULL, NULL, 0, 0, "99999999999GiB", INV),
	ER(ST_SIZE, 0, NULL, NULL, 1, 1000, "1k1", INV),
	ER(ST_SIZE, 0, NULL, NULL, 1, 1000, "2k", RNG),
};

static void
row_prop(const struct row *r, struct sch_prop *p)
{
	memset(p, 0, sizeof(*p));
	p->name = "test-prop";
	p->type = r->type;
	p->values = r->values;
	p->words = r->words;
	p->min = r->min;
	p->max = r->max;
	p->flags = r->flags;
}

START_TEST(test_value_rows)
{
	const struct row *r = &rows[_i];
	struct sch_prop p;
	char out[512], again[512];
	enum sch_err e;

	row_prop(r, &p);
	memset(out, 'Z', sizeof(out));
	e = sch_value_check(&p, r->in, out, sizeof(out));
	ck_assert_msg(e == r->err, "row %d (type %d, \"%s\"): error %d, "
	    "want %d (out \"%s\")", _i, r->type, r->in, e, r->err,
	    e == SCH_OK ? out : "");
	if (r->err != SCH_OK) {
		ck_assert_str_eq(out, "");
		return;
	}
	ck_assert_msg(strcmp(out, r->want) == 0, "row %d (\"%s\"): got "
	    "\"%s\", want \"%s\"", _i, r->in, out, r->want);
	/* Stored text read back (export -> import) must not change. */
	e = sch_value_check(&p, out, again, sizeof(again));
	ck_assert_msg(e == SCH_OK, "row %d: canonical \"%s\" rejected (%d)",
	    _i, out, e);
	ck_assert_str_eq(again, out);
}
END_TEST

/*
 * Every prefix of every accepted input, and the input with each byte
 * replaced by a few troublesome ones, either checks or fails cleanly with
 * an empty output; ASan watches for reads past the copy's end.
 */
START_TEST(test_value_mangled)
{
	static const char subst[] = { ',', '!', '-', '/', '.', ':', 'x', '9' };
	const struct row *r = &rows[_i];
	struct sch_prop p;
	char out[512], *buf;
	size_t n = strlen(r->in), k, j;
	enum sch_err e;

	row_prop(r, &p);
	for (k = 0; k <= n; k++) {
		buf = strndup(r->in, k);
		ck_assert_ptr_nonnull(buf);
		e = sch_value_check(&p, buf, out, sizeof(out));
		ck_assert(e == SCH_OK || out[0] == '\0');
		free(buf);
	}
	for (k = 0; k < n; k++)
		for (j = 0; j < sizeof(subst); j++) {
			buf = strdup(r->in);
			ck_assert_ptr_nonnull(buf);
			buf[k] = subst[j];
			e = sch_value_check(&p, buf, out, sizeof(out));
			ck_assert(e == SCH_OK || out[0] == '\0');
			free(buf);
		}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Output buffer limits and bad arguments                              */
/* ------------------------------------------------------------------ */

START_TEST(test_value_outsz)
{
	struct sch_prop p = { .name = "x", .type = ST_IP };
	char out[9];

	/* "10.0.0.1" needs 9 bytes with its NUL; 8 is one too few. */
	ck_assert_int_eq(sch_value_check(&p, "10.1", out, 9), SCH_OK);
	ck_assert_str_eq(out, "10.0.0.1");
	ck_assert_int_eq(sch_value_check(&p, "10.1", out, 8), SCH_E_INVALID);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(sch_value_check(&p, "10.1", out, 0), SCH_E_INVALID);
	ck_assert_int_eq(sch_value_check(&p, "10.1", NULL, 9), SCH_E_INVALID);
	ck_assert_int_eq(sch_value_check(NULL, "10.1", out, 9),
	    SCH_E_INVALID);
	ck_assert_int_eq(sch_value_check(&p, NULL, out, 9), SCH_E_INVALID);
	p.type = ST__COUNT;
	ck_assert_int_eq(sch_value_check(&p, "x", out, 9), SCH_E_INVALID);
	p.type = ST_STRING;
	ck_assert_int_eq(sch_value_check(&p, "12345678", out, 9), SCH_OK);
	ck_assert_int_eq(sch_value_check(&p, "123456789", out, 9),
	    SCH_E_INVALID);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Time helpers                                                        */
/* ------------------------------------------------------------------ */

#define S	1000000000LL

static const struct time_row {
	const char	*in;
	long long	 ns;
	const char	*out;
} time_rows[] = {
	{ "0", 0, "0s" },
	{ "30s", 30 * S, "30s" },
	{ "59m", 59 * 60 * S, "59m" },
	{ "1w3d", 10 * 86400 * S, "1w3d" },
	{ "3m20s", 200 * S, "3m20s" },
	{ "200ms", 200000000, "200ms" },
	{ "1d", 86400 * S, "1d" },
	{ "1s500ms", 1500000000, "1s500ms" },
	{ "4w2d", 30 * 86400 * S, "4w2d" },
	{ "1w2d3h4m5s6ms7us8ns", ((((9 * 24 + 3) * 60 + 4) * 60 + 5) * S) +
	    6007008, "1w2d3h4m5s6ms7us8ns" },
	{ "1d02:00:00", 26 * 3600 * S, "1d2h" },
	{ "00:00:00.5", 500000000, "500ms" },
	{ "00:00:00.0000000019", 1, "1ns" },
	{ "2735w1d21:41:43.481891543", ((2735LL * 7 + 1) * 86400 +
	    21 * 3600 + 41 * 60 + 43) * S + 481891543,
	    "2735w1d21h41m43s481ms891us543ns" },
	{ "35w3d13h13m56s", 21474836LL * S, "35w3d13h13m56s" },
	{ "0.25h", 15 * 60 * S, "15m" },
};

START_TEST(test_time_rows)
{
	const struct time_row *t = &time_rows[_i];
	char out[64];
	long long ns = -1, again = -1;

	ck_assert_int_eq(sch_time_parse(t->in, &ns), 0);
	ck_assert_int_eq(ns, t->ns);
	sch_time_format(ns, out, sizeof(out));
	ck_assert_str_eq(out, t->out);
	ck_assert_int_eq(sch_time_parse(out, &again), 0);
	ck_assert_int_eq(again, ns);
}
END_TEST

START_TEST(test_time_edges)
{
	char out[64];
	long long ns;

	sch_time_format(-90 * S, out, sizeof(out));
	ck_assert_str_eq(out, "-1m30s");
	sch_time_format(LLONG_MIN, out, sizeof(out));
	ck_assert_str_eq(out, "-15250w1d23h47m16s854ms775us808ns");
	sch_time_format(LLONG_MAX, out, sizeof(out));
	ck_assert_int_eq(sch_time_parse(out, &ns), 0);
	ck_assert_int_eq(ns, LLONG_MAX);
	/* One nanosecond more no longer fits. */
	ck_assert_int_eq(sch_time_parse("15250w1d23h47m16s854ms775us808ns",
	    &ns), -1);
	/* Too small a buffer gives "", never a shorter interval. */
	sch_time_format(90 * S, out, 4);
	ck_assert_str_eq(out, "");
	sch_time_format(90 * S, out, 6);
	ck_assert_str_eq(out, "1m30s");
	ck_assert_int_eq(sch_time_parse(NULL, &ns), -1);
	ck_assert_int_eq(sch_time_parse("1h", NULL), -1);
	ck_assert_int_eq(sch_time_parse("", &ns), -1);
	ck_assert_int_eq(sch_time_parse("1h1h", &ns), -1);
	ck_assert_int_eq(sch_time_parse("1msx", &ns), -1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Word matching                                                       */
/* ------------------------------------------------------------------ */

static const char *const wm_list[] = { "no", "none", "none-dynamic",
	"required", "yes", NULL };

static const struct wm_row {
	const char	*in;
	size_t		 len;
	int		 want;
} wm_rows[] = {
	{ "no", 2, 0 },		/* exact beats the longer words */
	{ "none", 4, 1 },
	{ "none-", 5, 2 },
	{ "non", 3, -2 },
	{ "n", 1, -2 },
	{ "r", 1, 3 },
	{ "require", 7, 3 },
	{ "required", 8, 3 },
	{ "requiredx", 9, -1 },
	{ "x", 1, -1 },
	{ "", 0, -2 },
	{ "yesterday", 3, 4 },	/* only inlen bytes count */
	{ "Yes", 3, -1 },
};

START_TEST(test_word_rows)
{
	const struct wm_row *w = &wm_rows[_i];

	ck_assert_int_eq(sch_word_match(wm_list, w->in, w->len), w->want);
}
END_TEST

START_TEST(test_word_edges)
{
	static const char *const one[] = { "auto", NULL };
	static const char *const empty[] = { NULL };

	ck_assert_int_eq(sch_word_match(NULL, "x", 1), -1);
	ck_assert_int_eq(sch_word_match(empty, "x", 1), -1);
	ck_assert_int_eq(sch_word_match(one, "", 0), 0);
	ck_assert_int_eq(sch_word_match(one, NULL, 0), 0);
	ck_assert_int_eq(sch_word_match(one, NULL, 3), -1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* IPv4 helpers                                                        */
/* ------------------------------------------------------------------ */

START_TEST(test_ip4_helpers)
{
	unsigned a;
	int len;

	ck_assert_int_eq(sch_ip4_parse("192.168.88.1", &a), 0);
	ck_assert_uint_eq(a, 0xc0a85801U);
	ck_assert_int_eq(sch_ip4_parse("10.1", &a), 0);
	ck_assert_uint_eq(a, 0x0a000001U);
	ck_assert_int_eq(sch_ip4_parse("10.2.1", &a), 0);
	ck_assert_uint_eq(a, 0x0a020001U);
	ck_assert_int_eq(sch_ip4_parse("10.0.0.256", &a), -1);
	ck_assert_int_eq(sch_ip4_parse("10.0.0.1/8", &a), -1);
	ck_assert_int_eq(sch_ip4_parse(NULL, &a), -1);

	ck_assert_int_eq(sch_ip4_prefix_parse("10.0.0.5/8", &a, &len), 0);
	ck_assert_uint_eq(a, 0x0a000005U);
	ck_assert_int_eq(len, 8);
	ck_assert_int_eq(sch_ip4_prefix_parse("10.0.0.5", &a, &len), 0);
	ck_assert_int_eq(len, 32);
	ck_assert_int_eq(sch_ip4_prefix_parse("10.0.0.5/0", &a, &len), 0);
	ck_assert_int_eq(len, 0);
	ck_assert_int_eq(sch_ip4_prefix_parse("1.2.3.4/255.255.240.0", &a,
	    &len), 0);
	ck_assert_int_eq(len, 20);
	ck_assert_int_eq(sch_ip4_prefix_parse("10.0.0.5/33", &a, &len), -1);
	ck_assert_int_eq(sch_ip4_prefix_parse("10.0.0.5/", &a, &len), -1);
	ck_assert_int_eq(sch_ip4_prefix_parse("10.0.0.5/-1", &a, &len), -1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Error text and quoting                                              */
/* ------------------------------------------------------------------ */

static const struct err_row {
	enum sch_type	 type;
	long long	 min, max;
	enum sch_err	 err;
	const char	*want;
} err_rows[] = {
	{ ST_INT, 0, 0, SCH_E_INVALID,
	    "invalid value for argument test-prop" },
	{ ST_ENUM, 0, 0, SCH_E_NOMATCH,
	    "input does not match any value of test-prop" },
	{ ST_ENUM, 0, 0, SCH_E_AMBIG, "ambiguous value of test-prop, more "
	    "than one possible value matches input" },
	{ ST_INT, 1, 100, SCH_E_RANGE,
	    "value of test-prop out of range (1..100)" },
	{ ST_INT, -10, 4294967295LL, SCH_E_RANGE,
	    "value of test-prop out of range (-10..4294967295)" },
	{ ST_TIME, 0, 3600, SCH_E_RANGE,
	    "value of test-prop out of range (0s..1h)" },
	{ ST_TIME, 60, 86400, SCH_E_RANGE,
	    "value of test-prop out of range (1m..1d)" },
	{ ST_TIME, 0, 21474836LL, SCH_E_RANGE,
	    "value of test-prop out of range (0s..35w3d13h13m56s)" },
	{ ST_PORTS, 0, 0, SCH_E_RANGE,
	    "value of test-prop out of range (0..65535)" },
	{ ST_PROTOCOL, 0, 0, SCH_E_RANGE,
	    "value of test-prop out of range (0..255)" },
	{ ST_HEX, 0, 0xffff, SCH_E_RANGE,
	    "value of test-prop out of range (0x0..0xFFFF)" },
	{ ST_TIME, 0, 0, SCH_E_TIME,
	    "invalid time value for argument test-prop" },
	{ ST_STRING, 0, 0, SCH_OK, "" },
};

START_TEST(test_err_rows)
{
	const struct err_row *r = &err_rows[_i];
	struct sch_prop p = { .name = "test-prop", .type = r->type,
		.min = r->min, .max = r->max };
	char buf[160];

	memset(buf, 'Z', sizeof(buf));
	sch_err_format(r->err, &p, buf, sizeof(buf));
	ck_assert_str_eq(buf, r->want);
}
END_TEST

START_TEST(test_err_edges)
{
	struct sch_prop p = { .name = "dpd-interval", .type = ST_TIME,
		.min = 0, .max = 3600 };
	char buf[16];

	/* A short buffer truncates but stays terminated. */
	sch_err_format(SCH_E_RANGE, &p, buf, sizeof(buf));
	ck_assert_uint_eq(strlen(buf), sizeof(buf) - 1);
	ck_assert_int_eq(strncmp(buf, "value of dpd-in", 15), 0);
	sch_err_format(SCH_E_INVALID, &p, buf, 0);
	sch_err_format(SCH_E_INVALID, &p, NULL, 10);
}
END_TEST

START_TEST(test_is_string)
{
	int t;

	for (t = 0; t < ST__COUNT; t++)
		ck_assert_int_eq(sch_type_is_string((enum sch_type)t),
		    t == ST_STRING || t == ST_NAME);
}
END_TEST

/* A range error from the checker formats with the prop's own range. */
START_TEST(test_check_then_format)
{
	static const char *const w[] = { "disable-dpd", NULL };
	struct sch_prop p = { .name = "dpd-interval", .type = ST_TIME,
		.words = w, .min = 0, .max = 3600 };
	char out[32], msg[128];
	enum sch_err e;

	e = sch_value_check(&p, "2h", out, sizeof(out));
	ck_assert_int_eq(e, SCH_E_RANGE);
	sch_err_format(e, &p, msg, sizeof(msg));
	ck_assert_str_eq(msg, "value of dpd-interval out of range (0s..1h)");
}
END_TEST

static Suite *
types_suite(void)
{
	Suite *s = suite_create("types");
	TCase *tc;

	tc = tcase_create("value");
	tcase_add_loop_test(tc, test_value_rows, 0, (int)NELEM(rows));
	tcase_add_loop_test(tc, test_value_mangled, 0, (int)NELEM(rows));
	tcase_add_test(tc, test_value_outsz);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_loop_test(tc, test_time_rows, 0, (int)NELEM(time_rows));
	tcase_add_test(tc, test_time_edges);
	suite_add_tcase(s, tc);

	tc = tcase_create("word");
	tcase_add_loop_test(tc, test_word_rows, 0, (int)NELEM(wm_rows));
	tcase_add_test(tc, test_word_edges);
	suite_add_tcase(s, tc);

	tc = tcase_create("ip4");
	tcase_add_test(tc, test_ip4_helpers);
	suite_add_tcase(s, tc);

	tc = tcase_create("error");
	tcase_add_loop_test(tc, test_err_rows, 0, (int)NELEM(err_rows));
	tcase_add_test(tc, test_err_edges);
	tcase_add_test(tc, test_is_string);
	tcase_add_test(tc, test_check_then_format);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(types_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
