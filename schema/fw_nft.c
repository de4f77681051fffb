/*
 * fw_nft.c - how the RouterOS firewall maps onto nftables.
 *
 * engine/firewall.c writes the nft script; everything in it that depends
 * on a RouterOS name lives here: which property is which matcher and how
 * its value is spelt in nft (menus.md 26.2, G), what each action does
 * (26.4, 27, 28), where the built-in chains hook and at which priority
 * (G, "Tables and order"), and which /interface and address-list
 * properties the sets are built from (5, 29).
 *
 * Priorities follow RouterOS's packet flow with the standard nftables
 * values: raw -300 before conntrack (-200), mangle -150, dstnat -100,
 * filter 0, srcnat 100.  Every built-in chain's policy is accept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* Chains                                                              */
/* ------------------------------------------------------------------ */

static const struct sch_fw_chain fw_filter_chains[] = {
	{ "input", "filter", "input", 0 },
	{ "forward", "filter", "forward", 0 },
	{ "output", "filter", "output", 0 },
	{ NULL, NULL, NULL, 0 }
};

/* 7.21.5 also offers input and output in nat: NAT of local traffic. */
static const struct sch_fw_chain fw_nat_chains[] = {
	{ "dstnat", "nat", "prerouting", -100 },
	{ "output", "nat", "output", -100 },
	{ "input", "nat", "input", 100 },
	{ "srcnat", "nat", "postrouting", 100 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sch_fw_chain fw_mangle_chains[] = {
	{ "prerouting", "filter", "prerouting", -150 },
	{ "input", "filter", "input", -150 },
	{ "forward", "filter", "forward", -150 },
	{ "output", "route", "output", -150 },
	{ "postrouting", "filter", "postrouting", -150 },
	{ NULL, NULL, NULL, 0 }
};

static const struct sch_fw_chain fw_raw_chains[] = {
	{ "prerouting", "filter", "prerouting", -300 },
	{ "output", "filter", "output", -300 },
	{ NULL, NULL, NULL, 0 }
};

/* Hook order: raw, mangle, nat, filter (menus.md G). */
static const struct sch_fw_table fw_tables[] = {
	{ &sch_m_ip_firewall_raw, "raw", fw_raw_chains },
	{ &sch_m_ip_firewall_mangle, "mangle", fw_mangle_chains },
	{ &sch_m_ip_firewall_nat, "nat", fw_nat_chains },
	{ &sch_m_ip_firewall_filter, "filter", fw_filter_chains },
	{ NULL, NULL, NULL }
};

const struct sch_fw_table *
sch_fw_tables(void)
{
	return fw_tables;
}

/* ------------------------------------------------------------------ */
/* Value maps                                                          */
/* ------------------------------------------------------------------ */

static const struct sch_fw_word fw_conn_state_words[] = {
	{ "invalid", "invalid", 0 },
	{ "established", "established", 0 },
	{ "related", "related", 0 },
	{ "new", "new", 0 },
	{ "untracked", "untracked", 0 },
	{ NULL, NULL, 0 }
};

/* Endpoint-independent NAT has no conntrack status bit in Linux. */
static const struct sch_fw_word fw_nat_state_words[] = {
	{ "srcnat", "snat", 0 },
	{ "dstnat", "dnat", 0 },
	{ "ein-snat", NULL, 0 },
	{ "ein-dnat", NULL, 0 },
	{ NULL, NULL, 0 }
};

/* in: the packet carries a secpath (it was decapsulated); out: its
 * route goes through an xfrm policy (it will be encapsulated). */
static const struct sch_fw_word fw_ipsec_words[] = {
	{ "in,ipsec", "meta secpath exists", 0 },
	{ "in,none", "meta secpath missing", 0 },
	{ "out,ipsec", "rt ipsec exists", 0 },
	{ "out,none", "rt ipsec missing", 0 },
	{ NULL, NULL, 0 }
};

static const struct sch_fw_word fw_addr_type_words[] = {
	{ "unicast", "unicast", 0 },
	{ "local", "local", 0 },
	{ "broadcast", "broadcast", 0 },
	{ "multicast", "multicast", 0 },
	{ "blackhole", "blackhole", 0 },
	{ NULL, NULL, 0 }
};

static const struct sch_fw_word fw_tcp_flag_words[] = {
	{ "syn", "syn", 0 }, { "ack", "ack", 0 }, { "fin", "fin", 0 },
	{ "rst", "rst", 0 }, { "psh", "psh", 0 }, { "urg", "urg", 0 },
	{ "ece", "ecn", 0 }, { "cwr", "cwr", 0 },
	{ NULL, NULL, 0 }
};

static const struct sch_fw_word fw_no_mark_words[] = {
	{ "no-mark", "0", 0 },
	{ NULL, NULL, 0 }
};

static const struct sch_fw_word fw_reject_words[] = {
	{ "icmp-network-unreachable", "icmp type net-unreachable", 0 },
	{ "icmp-host-unreachable", "icmp type host-unreachable", 0 },
	{ "icmp-port-unreachable", "icmp type port-unreachable", 0 },
	{ "icmp-protocol-unreachable", "icmp type prot-unreachable", 0 },
	{ "icmp-net-prohibited", "icmp type net-prohibited", 0 },
	{ "icmp-host-prohibited", "icmp type host-prohibited", 0 },
	{ "icmp-admin-prohibited", "icmp type admin-prohibited", 0 },
	{ "tcp-reset", "tcp reset", SFM_TCP },
	{ NULL, NULL, 0 }
};

/* ------------------------------------------------------------------ */
/* Matchers                                                            */
/* ------------------------------------------------------------------ */

/*
 * Marks are names in RouterOS and numbers in the kernel.  The packet
 * mark owns the low 16 bits of the fwmark and the routing mark the high
 * 16 (so mark-packet and mark-routing do not clobber each other, and an
 * ip rule can select on fwmark 0xNNNN0000/0xffff0000); the connection
 * mark owns all 32 bits of ct mark.
 */
#define FW_PKT_MASK	0x0000ffffU
#define FW_RT_MASK	0xffff0000U
#define FW_CT_MASK	0xffffffffU

static const struct sch_fw_match fw_matches[] = {
	{ "protocol", SFV_PROTO, "ip protocol", NULL, NULL, 0, 0 },
	{ "src-address", SFV_ADDR, "ip saddr", NULL, NULL, 0, 0 },
	{ "dst-address", SFV_ADDR, "ip daddr", NULL, NULL, 0, 0 },
	{ "src-address-list", SFV_ALIST, "ip saddr", NULL, NULL, 0, 0 },
	{ "dst-address-list", SFV_ALIST, "ip daddr", NULL, NULL, 0, 0 },
	{ "src-address-type", SFV_WORDS, "fib saddr type", NULL,
	  fw_addr_type_words, 0, 0 },
	{ "dst-address-type", SFV_WORDS, "fib daddr type", NULL,
	  fw_addr_type_words, 0, 0 },
	{ "src-port", SFV_PORTS, "th sport", NULL, NULL, 0, SFM_PORTPROTO },
	{ "dst-port", SFV_PORTS, "th dport", NULL, NULL, 0, SFM_PORTPROTO },
	{ "port", SFV_PORTS_ANY, "th sport", "th dport", NULL, 0,
	  SFM_PORTPROTO },
	{ "icmp-options", SFV_ICMP, "icmp type", "icmp code", NULL, 0,
	  SFM_ICMP },
	{ "tcp-flags", SFV_FLAGS, "tcp flags", NULL, fw_tcp_flag_words, 0,
	  SFM_TCP },
	{ "connection-state", SFV_WORDS, "ct state", NULL,
	  fw_conn_state_words, 0, 0 },
	{ "connection-nat-state", SFV_BITS, "ct status", NULL,
	  fw_nat_state_words, 0, 0 },
	{ "in-interface", SFV_IFNAME, "iifname", "iiftype", NULL, 0, 0 },
	{ "out-interface", SFV_IFNAME, "oifname", "oiftype", NULL, 0, 0 },
	{ "in-interface-list", SFV_IFLIST, "iifname", NULL, NULL, 0, 0 },
	{ "out-interface-list", SFV_IFLIST, "oifname", NULL, NULL, 0, 0 },
	{ "ipsec-policy", SFV_FIXED, NULL, NULL, fw_ipsec_words, 0,
	  SFM_NONEG },
	{ "packet-mark", SFV_MARK, "meta mark", NULL, fw_no_mark_words,
	  FW_PKT_MASK, 0 },
	{ "routing-mark", SFV_MARK, "meta mark", NULL, NULL, FW_RT_MASK, 0 },
	{ "connection-mark", SFV_MARK, "ct mark", NULL, fw_no_mark_words,
	  FW_CT_MASK, 0 },
	{ "packet-size", SFV_NUM, "ip length", NULL, NULL, 0, 0 },
	{ "dscp", SFV_NUM, "ip dscp", NULL, NULL, 0, 0 },
	{ "limit", SFV_LIMIT, "limit rate", NULL, NULL, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, 0, 0 }
};

const struct sch_fw_match *
sch_fw_match_find(const char *prop)
{
	const struct sch_fw_match *m;

	for (m = fw_matches; prop != NULL && m->prop != NULL; m++)
		if (strcmp(m->prop, prop) == 0)
			return m;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

/* Not here, so refused: tarpit (no nft equivalent), netmap, same,
 * endpoint-independent-nat, socksify, change-*, clear-df, route,
 * set-priority, sniff-*, strip-ipv4-options. */
static const struct sch_fw_action fw_actions[] = {
	{ "accept", SFA_VERDICT, "accept", NULL, 0, 0 },
	{ "drop", SFA_VERDICT, "drop", NULL, 0, 0 },
	{ "reject", SFA_REJECT, "reject with", NULL, 0, 0 },
	{ "jump", SFA_JUMP, "jump", NULL, 0, 0 },
	{ "return", SFA_RETURN, "return", NULL, 0, 0 },
	{ "log", SFA_LOG, NULL, NULL, 0, 0 },
	{ "passthrough", SFA_CONTINUE, NULL, NULL, 0, 0 },
	{ "fasttrack-connection", SFA_FASTTRACK, "flow add", NULL, 0, 0 },
	{ "add-src-to-address-list", SFA_ADD_LIST, "ip saddr", NULL, 0, 0 },
	{ "add-dst-to-address-list", SFA_ADD_LIST, "ip daddr", NULL, 0, 0 },
	{ "masquerade", SFA_NAT, "masquerade", NULL, 0, SFA_F_RANDOM },
	{ "src-nat", SFA_NAT, "snat to", NULL, 0,
	  SFA_F_NEED_ADDR | SFA_F_ADDR | SFA_F_RANDOM },
	{ "dst-nat", SFA_NAT, "dnat to", NULL, 0,
	  SFA_F_NEED_ADDR | SFA_F_ADDR },
	{ "redirect", SFA_NAT, "redirect", NULL, 0, 0 },
	{ "notrack", SFA_STMT, "notrack", NULL, 0, 0 },
	{ "mark-connection", SFA_MARK, "ct mark", "new-connection-mark",
	  FW_CT_MASK, 0 },
	{ "mark-packet", SFA_MARK, "meta mark", "new-packet-mark",
	  FW_PKT_MASK, 0 },
	{ "mark-routing", SFA_MARK, "meta mark", "new-routing-mark",
	  FW_RT_MASK, 0 },
	{ NULL, 0, NULL, NULL, 0, 0 }
};

const struct sch_fw_action *
sch_fw_action_find(const char *name)
{
	const struct sch_fw_action *a;

	for (a = fw_actions; name != NULL && a->name != NULL; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

/*
 * fasttrack-connection marks established and related TCP/UDP
 * connections (menus.md 26.4); flows that were decapsulated by IPsec or
 * are routed into an xfrm policy never enter the flowtable, since the
 * fast path would skip the policy (G, fasttrack).
 */
static const struct sch_fw_args fw_args = {
	.chain = "chain",
	.action = "action",
	.jump_target = "jump-target",
	.address_list = "address-list",
	.address_list_timeout = "address-list-timeout",
	.reject_with = "reject-with",
	.to_addresses = "to-addresses",
	.to_ports = "to-ports",
	.randomise_ports = "randomise-ports",
	.passthrough = "passthrough",
	.log = "log",
	.log_prefix = "log-prefix",
	.mark_args = { "new-connection-mark", "new-packet-mark",
	    "new-routing-mark", NULL },
	.reject_words = fw_reject_words,
	/* menus.md 26.1: icmp-network-unreachable [U]. */
	.reject_default = "icmp type net-unreachable",
	/* menus.md 26.5: a rule without action= behaves as accept. */
	.default_action = "accept",
	/* RouterOS logs at firewall,info. */
	.log_stmt = "log",
	.log_opts = "level info",
	.fasttrack_guard = "meta secpath missing rt ipsec missing "
	    "meta l4proto { tcp, udp } ct state { established, related }",
};

const struct sch_fw_args *
sch_fw_args(void)
{
	return &fw_args;
}

/* ------------------------------------------------------------------ */
/* Interfaces and address lists                                        */
/* ------------------------------------------------------------------ */

static const struct sch_fw_builtin fw_builtins[] = {
	{ "all", SFL_ALL },
	{ "none", SFL_NONE },
	{ "dynamic", SFL_DYNAMIC },
	{ "static", SFL_STATIC },
	{ NULL, 0 }
};

static const char *const fw_ether_types[] = { "ether", NULL };
static const char *const fw_vlan_types[] = { "vlan", NULL };
static const char *const fw_wlan_types[] = { "wlan", "wifi", NULL };

/* PPP sessions come and go between applies: matched by link type
 * (ARPHRD_PPP), live.  The others are the host's links of that type. */
static const struct sch_fw_ifwild fw_wildcards[] = {
	{ "all-ppp", "ppp", NULL },
	{ "all-ethernet", NULL, fw_ether_types },
	{ "all-vlan", NULL, fw_vlan_types },
	{ "all-wireless", NULL, fw_wlan_types },
	{ NULL, NULL, NULL }
};

/* Links a fasttrack flowtable can hold; PPP sessions (dynamic) are
 * never in it. */
static const char *const fw_flow_types[] = {
	"ether", "veth", "vlan", "bridge", "bond", NULL
};

static const struct sch_fw_ifspec fw_ifspec = {
	.links = &sch_m_interface,
	.link_name = SCH_NAME,
	.link_type = "type",
	.lists = &sch_m_interface_list,
	.list_name = SCH_NAME,
	.list_include = "include",
	.list_exclude = "exclude",
	.members = &sch_m_interface_list_member,
	.member_list = "list",
	.member_iface = "interface",
	.builtins = fw_builtins,
	.wildcards = fw_wildcards,
	.flow_types = fw_flow_types,
	.alist = &sch_m_ip_firewall_address_list,
	.alist_list = "list",
	.alist_address = "address",
	.alist_timeout = "timeout",
};

const struct sch_fw_ifspec *
sch_fw_ifspec(void)
{
	return &fw_ifspec;
}

/* ------------------------------------------------------------------ */
/* Protocols                                                           */
/* ------------------------------------------------------------------ */

/*
 * The name table lives with the protocol type (types_net.c), which
 * stores a number that has a name as the name: ask it which number
 * gives this name rather than keep a second copy of the table.
 */
int
sch_fw_proto_number(const char *value)
{
	const struct sch_prop *p;
	char num[16], out[32];
	int v;

	if (value == NULL || value[0] == '\0')
		return -1;
	p = sch_prop_find(&sch_m_ip_firewall_filter, "protocol", NULL);
	if (p == NULL)
		return -1;
	for (v = 0; v < 256; v++) {
		snprintf(num, sizeof(num), "%d", v);
		if (sch_value_check(p, num, out, sizeof(out)) == SCH_OK &&
		    strcmp(out, value) == 0)
			return v;
	}
	return -1;
}

int
sch_fw_proto_has_ports(int number)
{
	/* tcp, udp, dccp, sctp, udp-lite: ports at the same offsets. */
	return number == 6 || number == 17 || number == 33 ||
	    number == 132 || number == 136;
}

/* ------------------------------------------------------------------ */
/* limit= and icmp-options= syntax                                     */
/* ------------------------------------------------------------------ */

/* Plain decimal, at most 13 digits' worth; advances *s. */
static int
fw_dec(const char **s, unsigned long long *v)
{
	const char *p = *s;
	unsigned long long n = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > 1000000000000ULL)
			return -1;
		n = n * 10 + (unsigned long long)(*p - '0');
	}
	*s = p;
	*v = n;
	return 0;
}

/* Decimal with an optional k/M/G (SI) multiplier; advances *s. */
static int
fw_count(const char **s, unsigned long long *v)
{
	const char *p = *s;
	unsigned long long n;

	if (fw_dec(&p, &n) < 0)
		return -1;
	if (*p == 'k' || *p == 'K')
		n *= 1000ULL, p++;
	else if (*p == 'M')
		n *= 1000000ULL, p++;
	else if (*p == 'G')
		n *= 1000000000ULL, p++;
	*s = p;
	*v = n;
	return 0;
}

/* rate[/time],burst[:packet|bit] (menus.md 26.2); time defaults to 1s. */
int
sch_fw_limit_parse(const char *value, struct sch_fw_limit *out)
{
	const char *p = value, *end;
	char tbuf[32];
	size_t n;

	memset(out, 0, sizeof(*out));
	out->per_ns = 1000000000LL;
	if (p == NULL || fw_count(&p, &out->rate) < 0 || out->rate == 0)
		return -1;
	if (*p == '/') {
		end = p + 1 + strcspn(p + 1, ",:");
		n = (size_t)(end - p - 1);
		if (n == 0 || n >= sizeof(tbuf))
			return -1;
		memcpy(tbuf, p + 1, n);
		tbuf[n] = '\0';
		if (sch_time_parse(tbuf, &out->per_ns) < 0 ||
		    out->per_ns <= 0)
			return -1;
		p = end;
	}
	if (*p == ',') {
		p++;
		if (fw_count(&p, &out->burst) < 0)
			return -1;
	}
	if (*p == ':') {
		p++;
		if (strcmp(p, "bit") == 0)
			out->bits = 1;
		else if (strcmp(p, "packet") != 0)
			return -1;
		p += strlen(p);
	}
	return *p == '\0' ? 0 : -1;
}

/* N or N-M, each 0..255; advances *s. */
static int
fw_byte_range(const char **s, int *lo, int *hi)
{
	unsigned long long a, b;
	const char *p = *s;

	if (fw_dec(&p, &a) < 0 || a > 255)
		return -1;
	b = a;
	if (*p == '-') {
		p++;
		if (fw_dec(&p, &b) < 0 || b > 255 || b < a)
			return -1;
	}
	*lo = (int)a;
	*hi = (int)b;
	*s = p;
	return 0;
}

int
sch_fw_icmp_parse(const char *value, int *tlo, int *thi, int *clo,
    int *chi)
{
	const char *p = value;

	if (p == NULL || fw_byte_range(&p, tlo, thi) < 0)
		return -1;
	*clo = 0;
	*chi = 255;
	if (*p == ':') {
		p++;
		if (fw_byte_range(&p, clo, chi) < 0)
			return -1;
	}
	return *p == '\0' ? 0 : -1;
}
