/*
 * runtime_local.h - what engine/runtime.c and engine/runtime_alist.c
 * share: the state publishing keeps between calls.
 */
#ifndef ROSH_RUNTIME_LOCAL_H
#define ROSH_RUNTIME_LOCAL_H

#include "runtime.h"

#include <limits.h>

#define RT_UNKNOWN	(-1LL)		/* read the store to know */
#define RT_NONE		LLONG_MAX	/* nothing scheduled */

/* Work done at most once a second, or less often when it is costly. */
struct rt_slot {
	double sl_next;		/* CLOCK_MONOTONIC seconds: not before */
};

/* Address lists firewall rules add to. */
struct rt_lists {
	char **rl_name;
	int *rl_static;		/* entries are static (none-static) */
	int rl_n;
};

struct rt_state {
	long long rs_next_expiry;	/* unix time of the next address
					   list timeout, RT_NONE, or
					   RT_UNKNOWN: scan */
	int rs_lists_known;		/* rs_lists read since the store
					   last changed */
	struct rt_lists rs_lists;
	struct rt_slot rs_nft;		/* nft counters and sets */
	int rs_no_stats;		/* the kernel keeps no XFRM counters */
};

double rt_mono(void);
int rt_slot_due(const struct rt_slot *sl);
/* The work begun at t0 (rt_mono()) is done: schedule the next. */
void rt_slot_spent(struct rt_slot *sl, double t0);
void rt_lists_fini(struct rt_lists *l);

/* The tick's part of rt_alist_readback(), in the caller's
 * transaction, when the nft slot is due. */
int rt_alist_readback_tx(struct eng *e, struct rt_state *s, char *err,
    size_t errsz);

#endif /* ROSH_RUNTIME_LOCAL_H */
