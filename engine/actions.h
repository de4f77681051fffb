/*
 * actions.h - commands of runtime menus that roshd carries out
 * (engine/actions.c): /ip ipsec installed-sa flush (and its
 * /ip ipsec sa alias), /ip ipsec active-peers kill-connections and
 * remove, /ppp active remove.
 *
 * The console records a request in the store table rosh_requests in
 * the transaction of the command line and wakes roshd (the datagram
 * that also tells it the store changed); roshd carries requests out at
 * the start of its next pass, logs each and deletes it.  A request the
 * console makes while no roshd listens is not recorded: the console
 * says that the daemon is not running, as output, not as an error.
 */
#ifndef ROSH_ACTIONS_H
#define ROSH_ACTIONS_H

#include <stddef.h>

struct eng;
struct xctx;
struct sch_menu;
struct ast_node;

/*
 * The console's side of command c in runtime menu m.  remove resolves
 * its numbers first (no such item fails the command as it would in
 * RouterOS).  Does nothing in a dry run or a --check.  Returns 0, or -1
 * with the error recorded.
 */
int act_request(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c);

/*
 * roshd's side: carry out every pending request in the order made, log
 * it, delete it.  In its own transaction.  Returns the number carried
 * out, or -1 with the reason in err when the store failed.
 */
int act_run_pending(struct eng *e, char *err, size_t errsz);

/*
 * Where the services that end sessions plug in.  Until the IKE and PPP
 * modules exist there are no phase 1 sessions and no PPP sessions, so
 * with a hook unset the request is logged as accepted with nothing to
 * end.  Each hook writes what it did (or why it failed) to msg, one
 * line, and returns 0, or -1 on failure.  ids are the requested items
 * as "*1,*2".
 */
struct act_hooks {
	/* active-peers kill-connections: every phase 1, with its phase 2
	 * SAs and generated policies. */
	int (*ike_kill_all)(struct eng *e, char *msg, size_t msgsz);
	/* active-peers remove: the given phase 1 sessions. */
	int (*ike_remove)(struct eng *e, const char *ids, char *msg,
	    size_t msgsz);
	/* ppp active remove: end the given sessions (menus.md D). */
	int (*ppp_remove)(struct eng *e, const char *ids, char *msg,
	    size_t msgsz);
};

/* Install hooks (copied); NULL clears them. */
void act_set_hooks(const struct act_hooks *h);

#endif /* ROSH_ACTIONS_H */
