/*
 * types.c - value validation and normalisation: the dispatcher, keyword
 * matching, and the scalar types (bool, int, enum, strings, references,
 * hex, size).  Time values live in types_time.c, IPv4 forms, ports and
 * protocols in types_net.c, IPv6/DNS forms in types_addr.c.
 *
 * The text a checker writes is what the store keeps and what print and
 * export show, so each checker maps every accepted spelling of a value to
 * exactly one canonical text; export -> import then reproduces the store
 * byte for byte.
 */
#include "types_local.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Output cursor                                                       */
/* ------------------------------------------------------------------ */

void
ty_out_init(struct ty_out *o, char *buf, size_t sz)
{
	o->o_buf = buf;
	o->o_sz = sz;
	o->o_len = 0;
	o->o_full = (sz == 0);
	if (sz > 0)
		buf[0] = '\0';
}

void
ty_put(struct ty_out *o, const char *s, size_t n)
{
	if (o->o_full)
		return;
	if (n >= o->o_sz - o->o_len) {
		o->o_full = 1;
		return;
	}
	memcpy(o->o_buf + o->o_len, s, n);
	o->o_len += n;
	o->o_buf[o->o_len] = '\0';
}

void
ty_puts(struct ty_out *o, const char *s)
{
	ty_put(o, s, strlen(s));
}

void
ty_putc(struct ty_out *o, char c)
{
	ty_put(o, &c, 1);
}

void
ty_putu(struct ty_out *o, unsigned long long v)
{
	char tmp[24];
	int i = (int)sizeof(tmp);

	/* By hand: snprintf was a tenth of a large import's time. */
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	ty_put(o, tmp + i, sizeof(tmp) - (size_t)i);
}

static void
ty_puti(struct ty_out *o, long long v)
{
	if (v < 0) {
		ty_putc(o, '-');
		/* Negate in unsigned arithmetic: -LLONG_MIN overflows. */
		ty_putu(o, 0ULL - (unsigned long long)v);
	} else
		ty_putu(o, (unsigned long long)v);
}

void
ty_trunc(struct ty_out *o, size_t len)
{
	if (o->o_sz == 0 || len > o->o_len)
		return;
	o->o_len = len;
	o->o_buf[len] = '\0';
}

/* ------------------------------------------------------------------ */
/* Characters and numbers                                              */
/* ------------------------------------------------------------------ */

/* Own classes: <ctype.h> depends on the locale and is undefined for
 * negative chars, and console input may hold any byte. */
int
ty_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

int
ty_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
ty_isxdigit(int c)
{
	return ty_isdigit(c) || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
ty_xval(int c)
{
	if (ty_isdigit(c))
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

int
ty_dec(const char *s, size_t n, unsigned long long max,
    unsigned long long *v)
{
	unsigned long long acc = 0;
	unsigned d;
	size_t i;
	int over = 0;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!ty_isdigit((unsigned char)s[i]))
			return -1;
		/* Keep scanning after an overflow: syntax errors win. */
		d = (unsigned)(s[i] - '0');
		if (!over && (d > max || acc > (max - d) / 10))
			over = 1;
		if (!over)
			acc = acc * 10 + d;
	}
	if (over)
		return -2;
	*v = acc;
	return 0;
}

/* Hex digits only (no 0x), same contract as ty_dec. */
static int
ty_hex(const char *s, size_t n, unsigned long long max,
    unsigned long long *v)
{
	unsigned long long acc = 0;
	unsigned d;
	size_t i;
	int over = 0;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!ty_isxdigit((unsigned char)s[i]))
			return -1;
		d = (unsigned)ty_xval(s[i]);
		if (!over && (d > max || acc > (max - d) / 16))
			over = 1;
		if (!over)
			acc = acc * 16 + d;
	}
	if (over)
		return -2;
	*v = acc;
	return 0;
}

static int
ty_has_0x(const char *s, size_t n)
{
	return n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/* Signed integer as the console reads numbers: [-]digits or [-]0xHEX.
 * Returns 0, -1 on bad syntax, -2 when it does not fit in 64 bits. */
static int
ty_int_parse(const char *s, size_t n, long long *v)
{
	unsigned long long u = 0, lim;
	int neg = 0, r;

	if (n > 0 && s[0] == '-') {
		neg = 1;
		s++;
		n--;
	}
	lim = (unsigned long long)LLONG_MAX + (unsigned)neg;
	if (ty_has_0x(s, n))
		r = ty_hex(s + 2, n - 2, lim, &u);
	else
		r = ty_dec(s, n, lim, &u);
	if (r != 0)
		return r;
	if (neg)
		*v = u == lim ? LLONG_MIN : -(long long)u;
	else
		*v = (long long)u;
	return 0;
}

/* min = max = 0 in the schema means "no range". */
static int
ty_unbounded(const struct sch_prop *p)
{
	return p->min == 0 && p->max == 0;
}

static int
ty_in_range(const struct sch_prop *p, long long v)
{
	return ty_unbounded(p) || (v >= p->min && v <= p->max);
}

/* ------------------------------------------------------------------ */
/* Keyword matching                                                    */
/* ------------------------------------------------------------------ */

struct ty_scan {
	int	sc_exact;	/* index of the exact match, or -1 */
	int	sc_npre;	/* words s is a proper prefix of */
	int	sc_pre;		/* index of the first of them */
	int	sc_count;	/* words seen so far (indices continue) */
};

static void
ty_scan_list(struct ty_scan *sc, const char *const *w, const char *s,
    size_t n)
{
	size_t wl;

	for (; w != NULL && *w != NULL; w++, sc->sc_count++) {
		wl = strlen(*w);
		if (wl < n || (n > 0 && memcmp(*w, s, n) != 0))
			continue;
		if (wl == n) {
			if (sc->sc_exact < 0)
				sc->sc_exact = sc->sc_count;
		} else if (sc->sc_npre++ == 0)
			sc->sc_pre = sc->sc_count;
	}
}

static int
ty_scan_result(const struct ty_scan *sc)
{
	if (sc->sc_exact >= 0)
		return sc->sc_exact;
	if (sc->sc_npre == 1)
		return sc->sc_pre;
	return sc->sc_npre == 0 ? -1 : -2;
}

/*
 * RouterOS resolves keywords as it resolves command names: an exact
 * match wins ("no" among no/none), otherwise the input must be the
 * prefix of exactly one word ("require" -> "required").
 */
int
sch_word_match(const char *const *words, const char *in, size_t inlen)
{
	struct ty_scan sc = { -1, 0, -1, 0 };

	if (in == NULL && inlen > 0)
		return -1;
	ty_scan_list(&sc, words, in, inlen);
	return ty_scan_result(&sc);
}

int
ty_match2(const char *const *a, const char *const *b, const char *s,
    size_t n, const char **hit, int *idx)
{
	struct ty_scan sc = { -1, 0, -1, 0 };
	int na, r;

	ty_scan_list(&sc, a, s, n);
	na = sc.sc_count;
	ty_scan_list(&sc, b, s, n);
	r = ty_scan_result(&sc);
	if (r < 0)
		return r;
	*hit = r < na ? a[r] : b[r - na];
	if (idx != NULL)
		*idx = r;
	return 0;
}

static enum sch_err
ty_match_err(int r)
{
	return r == -2 ? SCH_E_AMBIG : SCH_E_NOMATCH;
}

/* ------------------------------------------------------------------ */
/* Scalar types                                                        */
/* ------------------------------------------------------------------ */

/* Even positions read as yes, odd as no. */
static const char *const ty_bool_words[] = {
	"yes", "no", "true", "false", NULL
};

/*
 * yes/no are an enumeration to RouterOS (completion offers them), so an
 * unknown word is "does not match" and an empty value, a prefix of all
 * four, is ambiguous.
 */
static enum sch_err
ty_check_bool(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	int r;

	(void)p;
	r = sch_word_match(ty_bool_words, s, n);
	if (r < 0)
		return ty_match_err(r);
	ty_puts(o, r % 2 == 0 ? "yes" : "no");
	return SCH_OK;
}

/*
 * A number that does not fit in 64 bits is out of any declared range; on
 * an unbounded property it is simply not a number.  Output is plain
 * decimal whatever the input base, so 0x10 and 16 store alike.
 */
static enum sch_err
ty_check_int(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	long long v = 0;
	int r;

	r = ty_int_parse(s, n, &v);
	if (r == -1)
		return SCH_E_INVALID;
	if (r == -2)
		return ty_unbounded(p) ? SCH_E_INVALID : SCH_E_RANGE;
	if (!ty_in_range(p, v))
		return SCH_E_RANGE;
	ty_puti(o, v);
	return SCH_OK;
}

static enum sch_err
ty_check_enum(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	const char *hit;
	int r;

	r = ty_match2(p->values, p->words, s, n, &hit, NULL);
	if (r < 0)
		return ty_match_err(r);
	ty_puts(o, hit);
	return SCH_OK;
}

/* Values tracked for duplicate removal; longer lists skip the check
 * for the excess (no schema list comes near it). */
#define TY_SEEN_MAX	512

struct ty_list_state {
	unsigned char	ls_seen[2][TY_SEEN_MAX];	/* [negated][index] */
	int		ls_first;
};

static enum sch_err
ty_enum_elem(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o, struct ty_list_state *ls)
{
	const char *hit;
	int neg = 0, idx, r;

	if ((p->flags & P_NEGATE) && n > 0 && s[0] == '!') {
		neg = 1;
		s++;
		n--;
	}
	if (n == 0)
		return SCH_E_INVALID;
	r = ty_match2(p->values, p->words, s, n, &hit, &idx);
	if (r < 0)
		return ty_match_err(r);
	if (idx < TY_SEEN_MAX) {
		if (ls->ls_seen[neg][idx])
			return SCH_OK;
		ls->ls_seen[neg][idx] = 1;
	}
	if (!ls->ls_first)
		ty_putc(o, ',');
	ls->ls_first = 0;
	if (neg)
		ty_putc(o, '!');
	ty_puts(o, hit);
	return SCH_OK;
}

/*
 * Elements keep the order given (the stored text is what was typed,
 * expanded); a repeated element is dropped.  "x" and "!x" are different
 * elements: which one wins is the consumer's business.  An empty value
 * is the empty set.
 */
static enum sch_err
ty_check_enum_list(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	struct ty_list_state ls;
	const char *end, *comma;
	enum sch_err e;

	if (n == 0)
		return SCH_OK;
	memset(&ls, 0, sizeof(ls));
	ls.ls_first = 1;
	end = s + n;
	for (;;) {
		comma = memchr(s, ',', (size_t)(end - s));
		e = ty_enum_elem(p, s, (size_t)((comma ? comma : end) - s), o,
		    &ls);
		if (e != SCH_OK || comma == NULL)
			return e;
		s = comma + 1;
	}
}

/* Free text: stored exactly as given. */
static enum sch_err
ty_check_string(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	(void)p;
	ty_put(o, s, n);
	return SCH_OK;
}

static enum sch_err
ty_check_name(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	if (n == 0)
		return SCH_E_INVALID;
	return ty_check_string(p, s, n, o);
}

/*
 * A reference is resolved by the engine against item names (exact, else
 * unique prefix), so an empty one would match every item: RouterOS calls
 * that ambiguous, and so do we.
 */
enum sch_err
ty_check_refname(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	if (n == 0)
		return SCH_E_AMBIG;
	return ty_check_string(p, s, n, o);
}

static enum sch_err
ty_ref_elem(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	const char *hit;
	int r;

	if (n == 0)
		return SCH_E_INVALID;
	r = ty_match2(p->words, NULL, s, n, &hit, NULL);
	if (r == -2)
		return SCH_E_AMBIG;
	if (r == 0) {
		ty_puts(o, hit);
		return SCH_OK;
	}
	return ty_check_refname(p, s, n, o);
}

/* Comma list of names; empty is the empty list (include="" etc.). */
static enum sch_err
ty_check_ref_list(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	const char *end, *comma;
	enum sch_err e;

	if (n == 0)
		return SCH_OK;
	end = s + n;
	for (;;) {
		comma = memchr(s, ',', (size_t)(end - s));
		e = ty_ref_elem(p, s, (size_t)((comma ? comma : end) - s), o);
		if (e != SCH_OK || comma == NULL)
			return e;
		ty_putc(o, ',');
		s = comma + 1;
	}
}

static void
ty_put_hex(struct ty_out *o, unsigned long long v)
{
	char tmp[24];
	int len;

	len = snprintf(tmp, sizeof(tmp), "0x%llX", v);
	ty_put(o, tmp, (size_t)len);
}

/* 0x1818, 1818 and 0x001818 all store as "0x1818". */
static enum sch_err
ty_check_hex(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned long long v;
	int r;

	if (ty_has_0x(s, n)) {
		s += 2;
		n -= 2;
	}
	r = ty_hex(s, n, ULLONG_MAX, &v);
	if (r == -1)
		return SCH_E_INVALID;
	if (r == -2)
		return ty_unbounded(p) ? SCH_E_INVALID : SCH_E_RANGE;
	if (!ty_unbounded(p) && (v > (unsigned long long)LLONG_MAX ||
	    !ty_in_range(p, (long long)v)))
		return SCH_E_RANGE;
	ty_put_hex(o, v);
	return SCH_OK;
}

/*
 * Size suffixes.  k/M/G are decimal (SI) and KiB/MiB/GiB binary (IEC), as
 * the unit names say; either way the stored form is the plain number of
 * bytes so that equal sizes compare equal.
 */
static const struct ty_suffix {
	const char		*sf_name;
	unsigned long long	 sf_mul;
} ty_suffixes[] = {
	{ "KiB", 1ULL << 10 }, { "MiB", 1ULL << 20 }, { "GiB", 1ULL << 30 },
	{ "k", 1000ULL }, { "K", 1000ULL }, { "M", 1000000ULL },
	{ "G", 1000000000ULL },
};

static enum sch_err
ty_check_size(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	unsigned long long v, mul = 1;
	size_t i, digits, sl;
	int r;

	for (digits = 0; digits < n && ty_isdigit((unsigned char)s[digits]);)
		digits++;
	if (digits < n) {
		for (i = 0; i < sizeof(ty_suffixes) / sizeof(ty_suffixes[0]);
		    i++) {
			sl = strlen(ty_suffixes[i].sf_name);
			if (sl == n - digits &&
			    memcmp(s + digits, ty_suffixes[i].sf_name, sl) == 0)
				break;
		}
		if (i == sizeof(ty_suffixes) / sizeof(ty_suffixes[0]))
			return SCH_E_INVALID;
		mul = ty_suffixes[i].sf_mul;
	}
	r = ty_dec(s, digits, (unsigned long long)LLONG_MAX / mul, &v);
	if (r == -1)
		return SCH_E_INVALID;
	if (r == -2 || !ty_in_range(p, (long long)(v * mul)))
		return ty_unbounded(p) ? SCH_E_INVALID : SCH_E_RANGE;
	ty_putu(o, v * mul);
	return SCH_OK;
}

/* ------------------------------------------------------------------ */
/* Dispatcher                                                          */
/* ------------------------------------------------------------------ */

#define TK_NEG		0x01	/* whole value may start with ! (P_NEGATE) */
#define TK_WORDS	0x02	/* p->words tried before the type's syntax */

static const struct ty_kind {
	ty_check_fn	*k_check;
	unsigned	 k_flags;
} ty_kinds[ST__COUNT] = {
	[ST_STRING]	= { ty_check_string, 0 },
	[ST_NAME]	= { ty_check_name, 0 },
	[ST_BOOL]	= { ty_check_bool, 0 },
	[ST_INT]	= { ty_check_int, TK_NEG | TK_WORDS },
	[ST_TIME]	= { tt_check, TK_WORDS },
	[ST_ENUM]	= { ty_check_enum, TK_NEG },
	[ST_ENUM_LIST]	= { ty_check_enum_list, 0 },
	[ST_IP]		= { tn_check_ip, TK_NEG | TK_WORDS },
	[ST_IP_PREFIX]	= { tn_check_ip_prefix, TK_NEG | TK_WORDS },
	[ST_IP_NET]	= { tn_check_ip_net, TK_NEG | TK_WORDS },
	[ST_IP_RANGES]	= { tn_check_ip_ranges, TK_WORDS },
	[ST_ADDR_MATCH]	= { tn_check_addr_match, TK_NEG | TK_WORDS },
	[ST_PORTS]	= { tn_check_ports, TK_NEG | TK_WORDS },
	[ST_PROTOCOL]	= { tn_check_protocol, TK_NEG },
	[ST_REF]	= { ty_check_refname, TK_NEG | TK_WORDS },
	[ST_REF_LIST]	= { ty_check_ref_list, TK_NEG },
	[ST_IP_OR_REF]	= { tn_check_ip_or_ref, TK_NEG | TK_WORDS },
	[ST_IP_LIST]	= { tn_check_ip_list, TK_WORDS },
	[ST_ADDR_LIST]	= { ta_check_addr_list, TK_WORDS },
	[ST_ANY_ADDR]	= { ta_check_any_addr, TK_NEG | TK_WORDS },
	[ST_HEX]	= { ty_check_hex, TK_WORDS },
	[ST_SIZE]	= { ty_check_size, TK_WORDS },
	[ST_DATETIME]	= { ty_check_string, 0 },
};

/*
 * Keywords (unlimited, disabled, none, disable-dpd...) are stored as the
 * full word.  An empty value is never taken as a prefix of a keyword: it
 * would turn "" into "unlimited".  Returns SCH_E_NOMATCH when the value
 * is not a keyword and the type's own syntax should be tried.
 */
static enum sch_err
ty_check_words(const struct sch_prop *p, const char *s, size_t n,
    struct ty_out *o)
{
	const char *hit;
	int r;

	if (n == 0 || p->words == NULL)
		return SCH_E_NOMATCH;
	r = ty_match2(p->words, NULL, s, n, &hit, NULL);
	if (r < 0)
		return ty_match_err(r);
	ty_puts(o, hit);
	return SCH_OK;
}

enum sch_err
sch_value_check(const struct sch_prop *p, const char *in, char *out,
    size_t outsz)
{
	const struct ty_kind *k;
	struct ty_out o;
	enum sch_err e;
	size_t n;

	if (out == NULL || outsz == 0)
		return SCH_E_INVALID;
	ty_out_init(&o, out, outsz);
	if (p == NULL || in == NULL ||
	    (unsigned)p->type >= ST__COUNT)
		return SCH_E_INVALID;
	k = &ty_kinds[p->type];
	n = strlen(in);
	if ((k->k_flags & TK_NEG) && (p->flags & P_NEGATE) && n > 0 &&
	    in[0] == '!') {
		ty_putc(&o, '!');
		in++;
		n--;
	}
	e = SCH_E_NOMATCH;
	if (k->k_flags & TK_WORDS)
		e = ty_check_words(p, in, n, &o);
	if (e == SCH_E_NOMATCH)
		e = k->k_check(p, in, n, &o);
	if (e == SCH_OK && o.o_full)
		e = SCH_E_INVALID;
	if (e != SCH_OK)
		ty_trunc(&o, 0);
	return e;
}

/* References print bare (profile=default); only text and item names are
 * quoted in detail output. */
int
sch_type_is_string(enum sch_type t)
{
	return t == ST_STRING || t == ST_NAME;
}

/* ------------------------------------------------------------------ */
/* Error text                                                          */
/* ------------------------------------------------------------------ */

/* The range as the user would type it, in the property's own units. */
static void
ty_range_text(const struct sch_prop *p, struct ty_out *o)
{
	switch (p->type) {
	case ST_PORTS:
		ty_puts(o, "0..65535");
		return;
	case ST_PROTOCOL:
		ty_puts(o, "0..255");
		return;
	case ST_TIME:
		tt_format_sec(o, p->min);
		ty_puts(o, "..");
		tt_format_sec(o, p->max);
		return;
	case ST_HEX:
		ty_put_hex(o, (unsigned long long)p->min);
		ty_puts(o, "..");
		ty_put_hex(o, (unsigned long long)p->max);
		return;
	default:
		ty_puti(o, p->min);
		ty_puts(o, "..");
		ty_puti(o, p->max);
		return;
	}
}

void
sch_err_format(enum sch_err e, const struct sch_prop *p, char *buf,
    size_t bufsz)
{
	const char *name = p != NULL && p->name != NULL ? p->name : "value";
	char range[96];
	struct ty_out o;

	if (buf == NULL || bufsz == 0)
		return;
	switch (e) {
	case SCH_OK:
		buf[0] = '\0';
		break;
	case SCH_E_NOMATCH:
		snprintf(buf, bufsz, "input does not match any value of %s",
		    name);
		break;
	case SCH_E_AMBIG:
		snprintf(buf, bufsz, "ambiguous value of %s, more than one "
		    "possible value matches input", name);
		break;
	case SCH_E_RANGE:
		ty_out_init(&o, range, sizeof(range));
		if (p != NULL)
			ty_range_text(p, &o);
		snprintf(buf, bufsz, "value of %s out of range (%s)", name,
		    range);
		break;
	case SCH_E_TIME:
		snprintf(buf, bufsz, "invalid time value for argument %s",
		    name);
		break;
	case SCH_E_INVALID:
	default:
		snprintf(buf, bufsz, "invalid value for argument %s", name);
		break;
	}
}
