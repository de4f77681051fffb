/*
 * types_net.c - IPv4 address forms, port lists and IP protocols.
 *
 * Addresses follow console-language.md §2.2: a dotted quad, or a shorter
 * form whose missing octets are zeros inserted before the last number
 * (10.1 -> 10.0.0.1, 10.2.1 -> 10.2.0.1).  At least two numbers are
 * required: a lone number is a number to the console, and reading "5" as
 * 0.0.0.5 would also shadow item names in the address-or-name types.
 * Octets are decimal, at most three digits, 0..255.
 */
#include "types_local.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* IPv4 primitives                                                     */
/* ------------------------------------------------------------------ */

/* One octet at s[*i]; advances *i past it. */
static int
tn_octet(const char *s, size_t n, size_t *i, unsigned *v)
{
	size_t st = *i;
	unsigned long long u;

	while (*i < n && *i - st < 4 && ty_isdigit((unsigned char)s[*i]))
		(*i)++;
	if (*i - st > 3 || ty_dec(s + st, *i - st, 255, &u) != 0)
		return -1;
	*v = (unsigned)u;
	return 0;
}

int
tn_ip4(const char *s, size_t n, unsigned *addr)
{
	unsigned part[4], a = 0;
	size_t i = 0;
	int np = 0, k;

	for (;;) {
		if (np == 4 || tn_octet(s, n, &i, &part[np]) != 0)
			return -1;
		np++;
		if (i == n)
			break;
		if (s[i] != '.')
			return -1;
		i++;
	}
	if (np < 2)
		return -1;
	for (k = 0; k < np - 1; k++)
		a |= part[k] << (24 - 8 * k);
	*addr = a | part[np - 1];
	return 0;
}

unsigned
tn_mask(int len)
{
	/* A shift by 32 is undefined, hence the special case. */
	return len <= 0 ? 0 : 0xffffffffU << (32 - len);
}

/* Prefix length as /M (0..32) or as a contiguous dotted netmask. */
static int
tn_len(const char *s, size_t n, int *len)
{
	unsigned long long v;
	unsigned m;

	if (n > 2 || memchr(s, '.', n) != NULL) {
		if (tn_ip4(s, n, &m) != 0 || (m & (~m >> 1)) != 0)
			return -1;
		*len = __builtin_popcount(m);
		return 0;
	}
	if (ty_dec(s, n, 32, &v) != 0)
		return -1;
	*len = (int)v;
	return 0;
}

int
tn_ip4_prefix(const char *s, size_t n, unsigned *addr, int *len)
{
	const char *slash = memchr(s, '/', n);

	if (slash == NULL) {
		*len = 32;
		return tn_ip4(s, n, addr);
	}
	if (tn_ip4(s, (size_t)(slash - s), addr) != 0)
		return -1;
	return tn_len(slash + 1, n - (size_t)(slash - s) - 1, len);
}

/* A-B with A <= B. */
int
tn_ip4_range(const char *s, size_t n, unsigned *lo, unsigned *hi)
{
	const char *dash = memchr(s, '-', n);

	if (dash == NULL || tn_ip4(s, (size_t)(dash - s), lo) != 0 ||
	    tn_ip4(dash + 1, n - (size_t)(dash - s) - 1, hi) != 0 ||
	    *lo > *hi)
		return -1;
	return 0;
}

void
tn_put_ip4(struct ty_out *o, unsigned a)
{
	ty_putu(o, a >> 24);
	ty_putc(o, '.');
	ty_putu(o, (a >> 16) & 0xff);
	ty_putc(o, '.');
	ty_putu(o, (a >> 8) & 0xff);
	ty_putc(o, '.');
	ty_putu(o, a & 0xff);
}

static void
tn_put_prefix(struct ty_out *o, unsigned a, int len)
{
	tn_put_ip4(o, a);
	ty_putc(o, '/');
	ty_putu(o, (unsigned)len);
}

int
sch_ip4_parse(const char *in, unsigned *addr)
{
	if (in == NULL || addr == NULL)
		return -1;
	return tn_ip4(in, strlen(in), addr);
}

int
sch_ip4_prefix_parse(const char *in, unsigned *addr, int *len)
{
	if (in == NULL || addr == NULL || len == NULL)
		return -1;
	return tn_ip4_prefix(in, strlen(in), addr, len);
}

/* Calls fn on each element of a comma list; empty elements are invalid.
 * An empty list is accepted only when empty_ok. */
static enum sch_err
tn_each(const struct sch_prop *p, const char *s, size_t n, struct ty_out *o,
    int empty_ok, ty_check_fn *fn)
{
	const char *end = s + n, *comma;
	enum sch_err e;

	if (n == 0)
		return empty_ok ? SCH_OK : SCH_E_INVALID;
	for (;;) {
		comma = memchr(s, ',', (size_t)(end - s));
		e = fn(p, s, (size_t)((comma ? comma : end) - s), o);
		if (e != SCH_OK || comma == NULL)
			return e;
		ty_putc(o, ',');
		s = comma + 1;
	}
}

/* ------------------------------------------------------------------ */
/* IPv4 types                                                          */
/* ------------------------------------------------------------------ */

enum sch_err
tn_check_ip(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned a;

	(void)p;
	if (tn_ip4(s, n, &a) != 0)
		return SCH_E_INVALID;
	tn_put_ip4(o, a);
	return SCH_OK;
}

/* /ip address: the host part is the point, so it is kept (10.0.0.1/24). */
enum sch_err
tn_check_ip_prefix(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned a;
	int len;

	(void)p;
	if (tn_ip4_prefix(s, n, &a, &len) != 0)
		return SCH_E_INVALID;
	tn_put_prefix(o, a, len);
	return SCH_OK;
}

/* A network (route dst-address): host bits cleared, /M always shown. */
enum sch_err
tn_check_ip_net(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned a;
	int len;

	(void)p;
	if (tn_ip4_prefix(s, n, &a, &len) != 0)
		return SCH_E_INVALID;
	tn_put_prefix(o, a & tn_mask(len), len);
	return SCH_OK;
}

/* One pool range: A, A-B or A/M, each kept in the form written. */
static enum sch_err
tn_range_elem(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned lo, hi;

	if (memchr(s, '-', n) != NULL) {
		if (tn_ip4_range(s, n, &lo, &hi) != 0)
			return SCH_E_INVALID;
		tn_put_ip4(o, lo);
		ty_putc(o, '-');
		tn_put_ip4(o, hi);
		return SCH_OK;
	}
	if (memchr(s, '/', n) != NULL)
		return tn_check_ip_net(p, s, n, o);
	return tn_check_ip(p, s, n, o);
}

enum sch_err
tn_check_ip_ranges(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	return tn_each(p, s, n, o, 0, tn_range_elem);
}

/*
 * A range that covers exactly one prefix is that prefix
 * (10.0.0.0-10.0.0.255 -> 10.0.0.0/24) and a one-address range is the
 * address, as RouterOS stores address-list entries; other ranges stay.
 */
void
tn_put_range(struct ty_out *o, unsigned lo, unsigned hi)
{
	unsigned span = hi - lo;

	if (span == 0)
		tn_put_ip4(o, lo);
	else if ((span & (span + 1)) == 0 && (lo & span) == 0)
		tn_put_prefix(o, lo, 32 - __builtin_popcount(span));
	else {
		tn_put_ip4(o, lo);
		ty_putc(o, '-');
		tn_put_ip4(o, hi);
	}
}

/*
 * Firewall address and address-list entry: A, A/M or A-B.  A/M is a
 * network match, so host bits are cleared, and A/32 prints as the bare
 * address, as RouterOS shows host matches; so "10.0.0.1", "10.0.0.1/32"
 * and "10.0.0.1-10.0.0.1" are one value.
 */
enum sch_err
tn_check_addr_match(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned a, hi;
	int len;

	(void)p;
	if (memchr(s, '-', n) != NULL) {
		if (tn_ip4_range(s, n, &a, &hi) != 0)
			return SCH_E_INVALID;
		tn_put_range(o, a, hi);
		return SCH_OK;
	}
	if (tn_ip4_prefix(s, n, &a, &len) != 0)
		return SCH_E_INVALID;
	if (len == 32)
		tn_put_ip4(o, a);
	else
		tn_put_prefix(o, a & tn_mask(len), len);
	return SCH_OK;
}

/* dns-server, wins-server: p->max, when set, caps the count. */
enum sch_err
tn_check_ip_list(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	size_t i, count = 1;
	enum sch_err e;

	e = tn_each(p, s, n, o, 1, tn_check_ip);
	if (e != SCH_OK || n == 0 || p->max <= 0)
		return e;
	for (i = 0; i < n; i++)
		count += s[i] == ',';
	return count > (unsigned long long)p->max ? SCH_E_INVALID : SCH_OK;
}

/* Only digits and dots: a mistyped address, not a name anyone chose. */
static int
tn_looks_numeric(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!ty_isdigit((unsigned char)s[i]) && s[i] != '.')
			return 0;
	return 1;
}

/*
 * Address or item name (local-address=10.0.0.1 or a pool name, route
 * gateway=IP or interface).  The address wins when the text is one; the
 * engine resolves names against p->ref.
 */
enum sch_err
tn_check_ip_or_ref(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned a;

	if (tn_ip4(s, n, &a) == 0) {
		tn_put_ip4(o, a);
		return SCH_OK;
	}
	if (n > 0 && tn_looks_numeric(s, n))
		return SCH_E_INVALID;
	return ty_check_refname(p, s, n, o);
}

/* ------------------------------------------------------------------ */
/* Ports                                                               */
/* ------------------------------------------------------------------ */

/* Non-digits are a syntax error; a number above 65535 is out of range. */
static enum sch_err
tn_port(const char *s, size_t n, unsigned *port)
{
	unsigned long long v;

	switch (ty_dec(s, n, 65535, &v)) {
	case 0:
		*port = (unsigned)v;
		return SCH_OK;
	case -2:
		return SCH_E_RANGE;
	default:
		return SCH_E_INVALID;
	}
}

static enum sch_err
tn_port_elem(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	const char *dash = memchr(s, '-', n);
	unsigned lo, hi;
	enum sch_err e;

	(void)p;
	if (dash == NULL) {
		if ((e = tn_port(s, n, &lo)) != SCH_OK)
			return e;
		ty_putu(o, lo);
		return SCH_OK;
	}
	if ((e = tn_port(s, (size_t)(dash - s), &lo)) != SCH_OK ||
	    (e = tn_port(dash + 1, n - (size_t)(dash - s) - 1, &hi)) != SCH_OK)
		return e;
	if (lo > hi)
		return SCH_E_INVALID;
	ty_putu(o, lo);
	ty_putc(o, '-');
	ty_putu(o, hi);
	return SCH_OK;
}

/* 500,4500,1000-2000: order and ranges kept, numbers made plain. */
enum sch_err
tn_check_ports(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	return tn_each(p, s, n, o, 0, tn_port_elem);
}

/* ------------------------------------------------------------------ */
/* IP protocols                                                        */
/* ------------------------------------------------------------------ */

/* menus.md §26.3: the names RouterOS 7.21.5 accepts, alphabetical. */
static const char *const tn_proto_names[] = {
	"dccp", "ddp", "egp", "encap", "etherip", "ggp", "gre", "hmp",
	"icmp", "icmpv6", "idpr-cmtp", "igmp", "ipencap", "ipip", "ipsec-ah",
	"ipsec-esp", "ipv6-encap", "ipv6-frag", "ipv6-nonxt", "ipv6-opts",
	"ipv6-route", "iso-tp4", "l2tp", "ospf", "pim", "pup", "rdp", "rspf",
	"rsvp", "sctp", "st", "tcp", "udp", "udp-lite", "vmtp", "vrrp",
	"xns-idp", "xtp", NULL
};

/* IANA numbers, index for index with tn_proto_names. */
static const unsigned char tn_proto_nums[] = {
	33, 37, 8, 98, 97, 3, 47, 20,
	1, 58, 38, 2, 4, 94, 51,
	50, 41, 44, 59, 60,
	43, 29, 115, 89, 103, 12, 27, 73,
	46, 132, 5, 6, 17, 136, 81, 112,
	22, 36,
};

_Static_assert(sizeof(tn_proto_nums) ==
    sizeof(tn_proto_names) / sizeof(tn_proto_names[0]) - 1,
    "protocol names and numbers out of step");

/*
 * protocol=17 and protocol=udp are one rule, so a number with a name is
 * stored as the name; other numbers stay numbers.  Keywords of the
 * property (policy "all") are matched together with the names.
 */
enum sch_err
tn_check_protocol(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned long long v;
	const char *hit;
	size_t i;
	int r;

	if (n > 0 && ty_isdigit((unsigned char)s[0])) {
		r = ty_dec(s, n, 255, &v);
		if (r != 0)
			return r == -2 ? SCH_E_RANGE : SCH_E_INVALID;
		for (i = 0; i < sizeof(tn_proto_nums); i++)
			if (tn_proto_nums[i] == v) {
				ty_puts(o, tn_proto_names[i]);
				return SCH_OK;
			}
		ty_putu(o, v);
		return SCH_OK;
	}
	r = ty_match2(p->words, tn_proto_names, s, n, &hit, NULL);
	if (r < 0)
		return r == -2 ? SCH_E_AMBIG : SCH_E_NOMATCH;
	ty_puts(o, hit);
	return SCH_OK;
}
