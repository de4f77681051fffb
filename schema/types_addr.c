/*
 * types_addr.c - address types that also take IPv6 addresses or DNS
 * names: ST_ADDR_LIST (/user address) and ST_ANY_ADDR (ipsec peer
 * address, firewall address-list entries).
 *
 * Shared canonical rules: host bits of a prefix are cleared (a prefix
 * names a network) and a bare address stays bare while a prefix keeps its
 * length, /32 and /128 included: ipsec shows policy selectors and peers as
 * 0.0.0.0/32 or 203.0.113.5/32 but local-address and SA endpoints bare,
 * and the type cannot tell which property it serves.  IPv6 is written the
 * way inet_ntop() writes it (RFC 5952: lower case, longest zero run
 * compressed).
 */
#include "types_local.h"

#include <arpa/inet.h>
#include <string.h>

/* inet_pton() wants a terminated string; the longest IPv6 text (with an
 * embedded IPv4 tail) is INET6_ADDRSTRLEN - 1 characters. */
static int
ta_ip6(const char *s, size_t n, unsigned char a[16])
{
	char buf[INET6_ADDRSTRLEN];

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET6, buf, a) == 1 ? 0 : -1;
}

static void
ta_put_ip6(struct ty_out *o, const unsigned char a[16])
{
	char buf[INET6_ADDRSTRLEN];

	if (inet_ntop(AF_INET6, a, buf, sizeof(buf)) == NULL) {
		o->o_full = 1;
		return;
	}
	ty_puts(o, buf);
}

/* IPv6 address or prefix; the length is decimal 0..128. */
static enum sch_err
ta_v6(const char *s, size_t n, struct ty_out *o)
{
	const char *slash = memchr(s, '/', n);
	unsigned long long len = 128;
	unsigned char a[16];
	int i;

	if (slash != NULL) {
		if (ty_dec(slash + 1, n - (size_t)(slash - s) - 1, 128,
		    &len) != 0)
			return SCH_E_INVALID;
		n = (size_t)(slash - s);
	}
	if (ta_ip6(s, n, a) != 0)
		return SCH_E_INVALID;
	for (i = 0; i < 16; i++) {
		if ((unsigned)i * 8 >= len)
			a[i] = 0;
		else if ((unsigned)i * 8 + 8 > len)
			a[i] &= (unsigned char)(0xff << (8 - (len - i * 8)));
	}
	ta_put_ip6(o, a);
	if (slash != NULL) {
		ty_putc(o, '/');
		ty_putu(o, len);
	}
	return SCH_OK;
}

/* IPv4 address, or prefix with host bits cleared. */
static enum sch_err
ta_v4(const struct sch_prop *p, const char *s, size_t n, struct ty_out *o)
{
	if (memchr(s, '/', n) == NULL)
		return tn_check_ip(p, s, n, o);
	return tn_check_ip_net(p, s, n, o);
}

static enum sch_err
ta_addr_elem(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	if (memchr(s, ':', n) != NULL)
		return ta_v6(s, n, o);
	if (memchr(s, '-', n) != NULL)
		return SCH_E_INVALID;
	return ta_v4(p, s, n, o);
}

/* Comma list of addresses and prefixes; empty means "any". */
enum sch_err
ta_check_addr_list(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	const char *end = s + n, *comma;
	enum sch_err e;

	if (n == 0)
		return SCH_OK;
	for (;;) {
		comma = memchr(s, ',', (size_t)(end - s));
		e = ta_addr_elem(p, s, (size_t)((comma ? comma : end) - s), o);
		if (e != SCH_OK || comma == NULL)
			return e;
		ty_putc(o, ',');
		s = comma + 1;
	}
}

/*
 * Host name: labels of letters, digits and '-' (not at either end of a
 * label), 1..63 characters each, 253 in all (RFC 1123).  The last label
 * must start with a letter, as every top-level domain does; this is what
 * tells a mistyped address (10.0.0.1x, 1.2.3.4.5, 300.1.1.1) from a name.
 */
static int
ta_dns_name(const char *s, size_t n)
{
	size_t i, start = 0;

	if (n == 0 || n > 253)
		return -1;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!ty_isalpha((unsigned char)s[i]) &&
			    !ty_isdigit((unsigned char)s[i]) && s[i] != '-')
				return -1;
			continue;
		}
		if (i == start || i - start > 63 || s[start] == '-' ||
		    s[i - 1] == '-')
			return -1;
		if (i < n)
			start = i + 1;
	}
	return ty_isalpha((unsigned char)s[start]) ? 0 : -1;
}

/* IPv4/IPv6 address or prefix, IPv4 range (see tn_put_range()), or a DNS
 * name, kept as typed: the resolver decides what it means. */
enum sch_err
ta_check_any_addr(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned lo, hi;
	int len;

	if (memchr(s, ':', n) != NULL)
		return ta_v6(s, n, o);
	if (tn_ip4_range(s, n, &lo, &hi) == 0) {
		tn_put_range(o, lo, hi);
		return SCH_OK;
	}
	if (tn_ip4_prefix(s, n, &lo, &len) == 0)
		return ta_v4(p, s, n, o);
	if (ta_dns_name(s, n) != 0)
		return SCH_E_INVALID;
	ty_put(o, s, n);
	return SCH_OK;
}
