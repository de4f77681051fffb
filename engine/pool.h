/*
 * pool.h - hands out addresses of /ip pool to PPP sessions and takes
 * them back (engine/pool.c).  Each lease is a row of /ip pool used.
 */
#ifndef ROSH_POOL_H
#define ROSH_POOL_H

struct eng;

#define POOL_ADDRSZ	16	/* "255.255.255.255" and the NUL */
#define POOL_NAMESZ	128

/* Results; pool_strerror() has the words. */
#define POOL_OK		0
#define POOL_ENOPOOL	(-1)	/* no pool of that name */
#define POOL_EXHAUSTED	(-2)	/* every address taken, next pools too */
#define POOL_ENOLEASE	(-3)	/* no such leased address */
#define POOL_EINVAL	(-4)	/* the pool's ranges do not parse */
#define POOL_ESTORE	(-5)	/* the store failed */

/* One leased address. */
struct pool_addr {
	unsigned pa_addr;		/* host byte order */
	char pa_text[POOL_ADDRSZ];	/* dotted quad, as /ip pool used
					   stores it */
	char pa_pool[POOL_NAMESZ];	/* pool it came from: `pool` or one
					   of its next pools; cut to fit */
};

/*
 * Lease one address of pool `pool` for owner (the service: "ppp") and
 * info (the holder: a PPP user name); either may be NULL.
 *
 * Choice: the address this owner/info pair last had from the pool, when
 * it is free again (as RouterOS does); else the next free address after
 * the one leased last from the pool, wrapping around once (next fit,
 * so a released address is not handed straight to someone else).
 * Each candidate costs one lookup on the indexed address column of
 * /ip pool used, and every candidate refused is an address in use, so
 * a lease never walks more of a range than there are leases: a /16
 * pool with few leases is as quick as a /30.  When the pool is full,
 * its next-pool is tried, and so on (each pool once).
 *
 * Atomic and part of the caller's store transaction when there is one
 * (its own otherwise): on failure nothing of the lease is written, and
 * rolling the caller's transaction back takes the lease back too.
 * Returns POOL_OK with *out filled, or a negative POOL_E* code.
 */
int pool_lease(struct eng *e, const char *pool, const char *owner,
    const char *info, struct pool_addr *out);

/*
 * Give back a leased address (dotted quad).  With pool non-NULL the
 * lease must come from that pool or from one of its next pools.
 * Returns POOL_OK, POOL_ENOLEASE when there is no such lease, or
 * another negative POOL_E* code.  Transactions as for pool_lease().
 */
int pool_release(struct eng *e, const char *pool, const char *address);

/* Words for a POOL_* result: "no such pool", "pool exhausted"... */
const char *pool_strerror(int rc);

#endif /* ROSH_POOL_H */
