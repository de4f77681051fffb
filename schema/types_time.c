/*
 * types_time.c - time intervals (console-language.md §2.3).
 *
 * Input forms:
 *   unit form   1w2d3h4m5s, 500ms, 10us, 20ns: any subset of units, each
 *               at most once, in decreasing order; a number may carry a
 *               decimal fraction (1.5s, 0.5h);
 *   bare number seconds (30, 0.25);
 *   clock form  HH:MM:SS[.frac], optionally after Nw and/or Nd
 *               (1d02:00:00, 2w3d10:00:00).
 * Output is the compact unit form print and export use: each non-zero
 * unit from weeks down to nanoseconds, "0s" for zero (30s, 1w3d, 1s500ms).
 * Values are held in nanoseconds, the finest unit the input can name.
 */
#include "types_local.h"

#include <limits.h>
#include <string.h>

#define TT_NS_PER_S	1000000000LL

/* Largest first: the order output uses and input must follow. */
static const struct tt_unit {
	const char	*u_name;
	long long	 u_ns;
} tt_units[] = {
	{ "w", 604800 * TT_NS_PER_S },
	{ "d", 86400 * TT_NS_PER_S },
	{ "h", 3600 * TT_NS_PER_S },
	{ "m", 60 * TT_NS_PER_S },
	{ "s", TT_NS_PER_S },
	{ "ms", 1000000 },
	{ "us", 1000 },
	{ "ns", 1 },
};
#define TT_NUNITS	((int)(sizeof(tt_units) / sizeof(tt_units[0])))
#define TT_HOUR		2	/* index of "h" */
#define TT_SEC		4	/* index of "s" */

/* A number as written: integer part and optional fraction digits. */
struct tt_num {
	unsigned long long	 n_int;
	size_t			 n_intlen;
	const char		*n_frac;
	size_t			 n_fraclen;
};

static int
tt_number(const char *s, size_t n, size_t *i, struct tt_num *num)
{
	size_t st = *i;

	while (*i < n && ty_isdigit((unsigned char)s[*i]))
		(*i)++;
	num->n_intlen = *i - st;
	if (ty_dec(s + st, num->n_intlen, LLONG_MAX, &num->n_int) != 0)
		return -1;
	num->n_frac = NULL;
	num->n_fraclen = 0;
	if (*i < n && s[*i] == '.') {
		st = ++(*i);
		while (*i < n && ty_isdigit((unsigned char)s[*i]))
			(*i)++;
		if (*i == st)
			return -1;
		num->n_frac = s + st;
		num->n_fraclen = *i - st;
	}
	return 0;
}

/*
 * num * unit in nanoseconds.  Fraction digits finer than a nanosecond
 * are dropped (truncation), so "0.0000000019s" reads as 1ns.
 */
static int
tt_scale(const struct tt_num *num, long long unit, long long *ns)
{
	long long v, frac = 0, sc = unit;
	size_t k;

	if (__builtin_mul_overflow((long long)num->n_int, unit, &v))
		return -1;
	for (k = 0; k < num->n_fraclen && sc > 0; k++) {
		sc /= 10;
		frac += (num->n_frac[k] - '0') * sc;
	}
	if (__builtin_add_overflow(v, frac, ns))
		return -1;
	return 0;
}

/* Unit name at s[*i]; the longest spelling wins so that "ms" is not read
 * as minutes followed by a stray "s". */
static int
tt_unit(const char *s, size_t n, size_t *i)
{
	size_t len, best_len = 0;
	int u, best = -1;

	for (u = 0; u < TT_NUNITS; u++) {
		len = strlen(tt_units[u].u_name);
		if (len <= n - *i && len > best_len &&
		    memcmp(s + *i, tt_units[u].u_name, len) == 0) {
			best = u;
			best_len = len;
		}
	}
	*i += best_len;
	return best;
}

/* One MM or SS field of the clock form: 1-2 digits below 60. */
static int
tt_field60(const char *s, size_t n, size_t *i, struct tt_num *num,
    int frac_ok)
{
	if (tt_number(s, n, i, num) != 0 || num->n_intlen > 2 ||
	    num->n_int >= 60 || (num->n_fraclen > 0 && !frac_ok))
		return -1;
	return 0;
}

/*
 * Clock form from the ':' at s[i]; h holds the hours already read and
 * total what Nw/Nd contributed.  Only weeks and days may come before it.
 */
static int
tt_clock(const char *s, size_t n, size_t i, const struct tt_num *h,
    int prev, long long total, long long *out)
{
	struct tt_num mm, ss;
	long long part;

	if (h->n_fraclen > 0 || prev >= TT_HOUR)
		return -1;
	i++;
	if (tt_field60(s, n, &i, &mm, 0) != 0 || i >= n || s[i] != ':')
		return -1;
	i++;
	if (tt_field60(s, n, &i, &ss, 1) != 0 || i != n)
		return -1;
	if (tt_scale(h, tt_units[TT_HOUR].u_ns, &part) != 0 ||
	    __builtin_add_overflow(total, part, &total))
		return -1;
	if (tt_scale(&mm, tt_units[TT_HOUR + 1].u_ns, &part) != 0 ||
	    __builtin_add_overflow(total, part, &total))
		return -1;
	if (tt_scale(&ss, tt_units[TT_SEC].u_ns, &part) != 0 ||
	    __builtin_add_overflow(total, part, &total))
		return -1;
	*out = total;
	return 0;
}

int
tt_parse(const char *s, size_t n, long long *out)
{
	struct tt_num num;
	long long total = 0, part;
	size_t i = 0;
	int prev = -1, u;

	if (n == 0)
		return -1;
	while (i < n) {
		if (tt_number(s, n, &i, &num) != 0)
			return -1;
		if (i < n && s[i] == ':')
			return tt_clock(s, n, i, &num, prev, total, out);
		if (i == n) {
			/* A bare number is seconds, but "1m30" is not. */
			if (prev >= 0)
				return -1;
			u = TT_SEC;
		} else if ((u = tt_unit(s, n, &i)) < 0 || u <= prev)
			return -1;
		if (tt_scale(&num, tt_units[u].u_ns, &part) != 0 ||
		    __builtin_add_overflow(total, part, &total))
			return -1;
		prev = u;
	}
	*out = total;
	return 0;
}

/* Units of a second and more count whole seconds, the rest count the
 * nanoseconds below one second; keeping the two apart lets range texts
 * format any second count without overflowing nanoseconds. */
static void
tt_put_units(struct ty_out *o, unsigned long long sec, unsigned long long sub)
{
	unsigned long long per, q;
	int u;

	if (sec == 0 && sub == 0) {
		ty_puts(o, "0s");
		return;
	}
	for (u = 0; u < TT_NUNITS; u++) {
		if (u <= TT_SEC) {
			per = (unsigned long long)tt_units[u].u_ns /
			    TT_NS_PER_S;
			q = sec / per;
			sec -= q * per;
		} else {
			per = (unsigned long long)tt_units[u].u_ns;
			q = sub / per;
			sub -= q * per;
		}
		if (q == 0)
			continue;
		ty_putu(o, q);
		ty_puts(o, tt_units[u].u_name);
	}
}

void
tt_format(struct ty_out *o, long long ns)
{
	unsigned long long mag = (unsigned long long)ns;

	if (ns < 0) {
		ty_putc(o, '-');
		mag = 0ULL - mag;
	}
	tt_put_units(o, mag / TT_NS_PER_S, mag % TT_NS_PER_S);
}

void
tt_format_sec(struct ty_out *o, long long sec)
{
	unsigned long long mag = (unsigned long long)sec;

	if (sec < 0) {
		ty_putc(o, '-');
		mag = 0ULL - mag;
	}
	tt_put_units(o, mag, 0);
}

/* ns against a bound in whole seconds, without scaling the bound (a
 * schema maximum in seconds may not fit in nanoseconds).  ns >= 0. */
static int
tt_cmp_sec(long long ns, long long sec)
{
	long long whole = ns / TT_NS_PER_S;

	if (whole != sec)
		return whole < sec ? -1 : 1;
	return ns % TT_NS_PER_S != 0;
}

enum sch_err
tt_check(const struct sch_prop *p, const char *s, size_t n, struct ty_out *o)
{
	long long ns;

	if (tt_parse(s, n, &ns) != 0)
		return SCH_E_TIME;
	if (!(p->min == 0 && p->max == 0) &&
	    (tt_cmp_sec(ns, p->min) < 0 || tt_cmp_sec(ns, p->max) > 0))
		return SCH_E_RANGE;
	tt_format(o, ns);
	return SCH_OK;
}

int
sch_time_parse(const char *in, long long *ns)
{
	if (in == NULL || ns == NULL)
		return -1;
	return tt_parse(in, strlen(in), ns);
}

void
sch_time_format(long long ns, char *out, size_t outsz)
{
	struct ty_out o;

	if (out == NULL || outsz == 0)
		return;
	ty_out_init(&o, out, outsz);
	tt_format(&o, ns);
	/* A cut-off interval would read as a different one. */
	if (o.o_full)
		ty_trunc(&o, 0);
}
