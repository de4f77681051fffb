/*
 * xfrm_local.h - what backend/xfrm.c (the API), xfrm_msg.c (checking
 * arguments, building requests) and xfrm_parse.c (reading kernel
 * messages and /proc/net/xfrm_stat) share.  Nothing outside these three
 * files includes it.
 */
#ifndef ROSH_XFRM_LOCAL_H
#define ROSH_XFRM_LOCAL_H

#include <stddef.h>
#include <stdint.h>

/* glibc's netinet/in.h before any linux/ header, which then yields. */
#include <netinet/in.h>
#include <linux/xfrm.h>

#include "backend.h"

struct nl_msg;

/* Write one line of error text to err (as backend.h describes), set
 * errno to eno and return -1. */
int xm_fail(char *err, size_t errsz, int eno, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Address bytes of a family: 4, 16, or 0 for any other. */
size_t xm_alen(int family);

/* Whether reqid lies in rosh's SA band. */
int xm_in_band(uint32_t reqid);

/* The kernel's form of an address (unused bytes 0). */
void xm_addr_put(xfrm_address_t *k, const struct be_xfrm_addr *a);

int xm_addr_eq(const struct be_xfrm_addr *a, const struct be_xfrm_addr *b);
int xm_mark_eq(struct be_xfrm_mark a, struct be_xfrm_mark b);

/* Whether two selectors are equal as the kernel would hold them (host
 * bits cleared), or, with mirror, each other's reverse (in vs out). */
int xm_sel_match(const struct be_xfrm_sel *a, const struct be_xfrm_sel *b,
    int mirror);

/*
 * Argument checks before anything goes to the kernel: 0, or -1 with
 * EINVAL and the reason.  They refuse what rosh must never install (a
 * reqid outside the band, a mark with bits outside its mask) and what
 * the kernel would refuse with a less helpful reason; the rest (prefix
 * lengths, algorithm names) is left to the kernel's own checks.
 */
int xm_pair_check(const struct be_xfrm_addr *a, const struct be_xfrm_addr *b,
    const char *what, char *err, size_t errsz);
int xm_sel_check(const struct be_xfrm_sel *s, char *err, size_t errsz);
int xm_sa_check(const struct be_xfrm_sa *sa, char *err, size_t errsz);
int xm_pol_check(const struct be_xfrm_policy *p, char *err, size_t errsz);
int xm_spi_check(const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, unsigned proto, uint32_t reqid,
    struct be_xfrm_mark mark, char *err, size_t errsz);

/*
 * Requests, each a new libnl message the caller sends and frees with
 * xm_msg_free() (which wipes it: SA requests carry keys), or NULL when
 * out of memory.  The arguments have passed the checks above.
 */
void xm_msg_free(struct nl_msg *m);
/* XFRM_MSG_NEWSA or UPDSA (type) installing sa. */
struct nl_msg *xm_sa_msg(const struct be_xfrm_sa *sa, int type);
/* XFRM_MSG_GETSA or DELSA naming one SA. */
struct nl_msg *xm_said_msg(int type, const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, uint32_t spi, unsigned proto,
    struct be_xfrm_mark mark);
/* XFRM_MSG_ALLOCSPI asking for a larval SA with an SPI in min..max. */
struct nl_msg *xm_spi_msg(const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, unsigned proto, uint32_t reqid,
    struct be_xfrm_mark mark, uint32_t min, uint32_t max);
/* XFRM_MSG_NEWPOLICY or UPDPOLICY (type) installing p. */
struct nl_msg *xm_pol_msg(const struct be_xfrm_policy *p, int type);
/* XFRM_MSG_GETPOLICY or DELPOLICY naming p by (sel, dir, mark), or by
 * kernel index (with dir and mark) when index is not 0. */
struct nl_msg *xm_polid_msg(int type, const struct be_xfrm_policy *p,
    uint32_t index);

#endif /* ROSH_XFRM_LOCAL_H */
