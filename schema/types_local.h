/*
 * types_local.h - helpers shared by the value-type files of schema/
 * (types.c, types_time.c, types_net.c, types_addr.c).  Not for use
 * outside schema/: the public interface is the "Value validation and
 * normalisation" part of schema.h.
 *
 * Every checker reads a span (pointer, length) that need not be
 * NUL-terminated and never looks past it, so one element of a comma list
 * is checked in place without copying.
 */
#ifndef ROSH_TYPES_LOCAL_H
#define ROSH_TYPES_LOCAL_H

#include <stddef.h>

#include "schema.h"

/*
 * Output cursor over the caller's buffer.  Appends never write past
 * o_sz - 1 and keep the text NUL-terminated; o_full records that
 * something did not fit, which the dispatcher reports as invalid rather
 * than storing a truncated value.
 */
struct ty_out {
	char	*o_buf;
	size_t	 o_sz;
	size_t	 o_len;
	int	 o_full;
};

void	ty_out_init(struct ty_out *o, char *buf, size_t sz);
void	ty_put(struct ty_out *o, const char *s, size_t n);
void	ty_puts(struct ty_out *o, const char *s);
void	ty_putc(struct ty_out *o, char c);
void	ty_putu(struct ty_out *o, unsigned long long v);
/* Drop everything after position len (undo a partial element). */
void	ty_trunc(struct ty_out *o, size_t len);

/* Checker of one type: s[0..n) against p, canonical text appended to o. */
typedef enum sch_err ty_check_fn(const struct sch_prop *p, const char *s,
    size_t n, struct ty_out *o);

/* Character classes without locale dependence. */
int	ty_isdigit(int c);
int	ty_isalpha(int c);
int	ty_isxdigit(int c);

/*
 * Unsigned decimal s[0..n) (digits only, at least one).  Returns 0, -1 on
 * bad syntax, -2 when the value exceeds max.
 */
int	ty_dec(const char *s, size_t n, unsigned long long max,
	    unsigned long long *v);

/*
 * Match s[0..n) against the words of lists a then b as if they were one
 * list: exact match first, else a unique prefix.  Returns 0 with *hit set
 * to the full word (and *idx to its position, b continuing after a), -1
 * for no match, -2 when ambiguous.  Either list may be NULL.
 */
int	ty_match2(const char *const *a, const char *const *b, const char *s,
	    size_t n, const char **hit, int *idx);

/* Generic reference name: what types.c accepts for ST_REF elements. */
enum sch_err ty_check_refname(const struct sch_prop *p, const char *s,
	    size_t n, struct ty_out *o);

/* types_time.c */
int	tt_parse(const char *s, size_t n, long long *ns);
void	tt_format(struct ty_out *o, long long ns);
void	tt_format_sec(struct ty_out *o, long long sec);
ty_check_fn tt_check;

/* types_net.c: IPv4 primitives and the IPv4-only types */
int	tn_ip4(const char *s, size_t n, unsigned *addr);
int	tn_ip4_prefix(const char *s, size_t n, unsigned *addr, int *len);
int	tn_ip4_range(const char *s, size_t n, unsigned *lo, unsigned *hi);
unsigned tn_mask(int len);
void	tn_put_ip4(struct ty_out *o, unsigned addr);
void	tn_put_range(struct ty_out *o, unsigned lo, unsigned hi);
ty_check_fn tn_check_ip, tn_check_ip_prefix, tn_check_ip_net,
	    tn_check_ip_ranges, tn_check_addr_match, tn_check_ip_list,
	    tn_check_ip_or_ref, tn_check_ports, tn_check_protocol;

/* types_addr.c: types that also take IPv6 addresses or DNS names */
ty_check_fn ta_check_addr_list, ta_check_any_addr;

#endif /* ROSH_TYPES_LOCAL_H */
