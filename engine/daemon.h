/*
 * daemon.h - roshd's event loop (engine/daemon.c).
 */
#ifndef ROSH_DAEMON_H
#define ROSH_DAEMON_H

#include <stddef.h>

struct eng;

struct dm_state {
	int pidfd;		/* flock'd roshd.pid beside the store */
	int sockfd;		/* roshd.sock: wake-ups from consoles */
	int sigfd;		/* SIGTERM, SIGINT (stop), SIGHUP (reconcile) */
	int timerfd;		/* once a second: data_version, timeouts */
	int epfd;
	long long data_version;	/* store version at the last reconcile */
	long passes;		/* reconcile passes so far */
	int stop;
};

/* Take the store's daemon lock, bind the socket, set up the loop. */
int dm_open(struct eng *e, struct dm_state *d, char *err, size_t errsz);
/* Run until SIGTERM/SIGINT.  Returns 0 on a clean stop. */
int dm_run(struct eng *e, struct dm_state *d);
/* One reconcile pass of every module.  0 when all succeeded. */
int dm_reconcile(struct eng *e, struct dm_state *d);
void dm_close(struct eng *e, struct dm_state *d);

#endif
