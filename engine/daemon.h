/*
 * daemon.h - roshd's event loop (engine/daemon.c).
 */
#ifndef ROSH_DAEMON_H
#define ROSH_DAEMON_H

#include <stddef.h>

struct eng;
struct rt_state;

struct dm_state {
	int pidfd;		/* flock'd roshd.pid beside the store */
	int sockfd;		/* roshd.sock: wake-ups from consoles */
	int sigfd;		/* SIGTERM, SIGINT (stop), SIGHUP (reconcile) */
	int timerfd;		/* once a second: data_version, timeouts */
	int epfd;
	long long data_version;	/* store version at the last reconcile */
	long passes;		/* reconcile passes so far */
	int stop;
	struct rt_state *rt;	/* what runtime publishing remembers */
	char rt_err[256];	/* its last error, logged once */
};

/* Take the store's daemon lock, bind the socket, set up the loop. */
int dm_open(struct eng *e, struct dm_state *d, char *err, size_t errsz);
/* Run until SIGTERM/SIGINT.  Returns 0 on a clean stop. */
int dm_run(struct eng *e, struct dm_state *d);
/* One reconcile pass: pending console requests, every module, then
 * what runs is published.  0 when all succeeded. */
int dm_reconcile(struct eng *e, struct dm_state *d);
/* What the once-a-second timer does when the store did not change:
 * expire address-list entries (a pass follows when some went) and
 * publish what runs. */
int dm_tick(struct eng *e, struct dm_state *d);
void dm_close(struct eng *e, struct dm_state *d);

#endif
