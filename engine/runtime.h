/*
 * runtime.h - what roshd publishes in the store for consoles to print
 * (engine/runtime.c): the kernel's view of links, firewall counters,
 * IPsec SAs and counters, and the address-list entries that time out
 * or that firewall rules add.
 */
#ifndef ROSH_RUNTIME_H
#define ROSH_RUNTIME_H

#include <stddef.h>

struct eng;

/* What publishing remembers between calls (one per daemon). */
struct rt_state;

/* NULL when out of memory; destroying NULL is a no-op. */
struct rt_state *rt_state_create(void);
void rt_state_destroy(struct rt_state *s);

/* The store changed: the next calls read the address lists' timeouts,
 * the lists firewall rules add to and the nft counters again. */
void rt_state_changed(struct rt_state *s);

/*
 * Publish, writing only rows whose values changed, all in one
 * transaction (the caller's or its own):
 *  - /interface: the running flag and rx/tx byte, packet, drop and
 *    error counters of every link (new or vanished links are mirrored
 *    first);
 *  - firewall rules: bytes and packets from the counters of rosh's nft
 *    rules, mapped back by the "*ID" comment;
 *  - /ip ipsec installed-sa: one row per SA of rosh's, so the menu
 *    mirrors the kernel exactly, and ph2-state/ph2-count of the
 *    policies;
 *  - /ip ipsec statistics: the kernel's XFRM counters;
 *  - address lists: elements firewall rules added to rosh's sets, as
 *    dynamic entries (rt_alist_readback).
 * Reading nftables costs time in proportion to the ruleset, so the
 * counters and sets are read at most once a second and, for large
 * rulesets, no more than 1% of the time (and after every change of the
 * store, rt_state_changed()).  Kernel views that cannot be
 * read are left as they are.  Returns the number of rows written, or
 * -1 with the reason in err when the store failed.
 */
int rt_publish(struct eng *e, struct rt_state *s, char *err, size_t errsz);

/*
 * Copy the elements that firewall rules (add-src/dst-to-address-list)
 * put into rosh's sets into /ip firewall address-list as dynamic
 * entries (static for address-list-timeout=none-static), with their
 * timeout and a creation time that makes them expire when the kernel's
 * element does.  roshd calls it before the firewall is applied, which
 * replaces rosh's nft table and with it the sets.  In the caller's
 * transaction or its own.  Returns entries added, or -1.
 */
int rt_alist_readback(struct eng *e, struct rt_state *s, char *err,
    size_t errsz);

/*
 * Delete the address-list entries whose timeout has run out (counted
 * from creation-time; an entry without one gets the current time).
 * Cheap when nothing is due: the next expiry is remembered until the
 * store changes.  Returns the number deleted (the firewall must then be
 * applied again), or -1 with the reason in err.
 */
int rt_alist_expire(struct eng *e, struct rt_state *s, char *err,
    size_t errsz);

#endif /* ROSH_RUNTIME_H */
