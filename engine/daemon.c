/*
 * daemon.c - roshd's loop: wait for the console to change the store,
 * reconcile the kernel with it, publish what runs, carry out requested
 * actions.
 *
 * The console sends a datagram to roshd.sock beside the store after each
 * committed change; PRAGMA data_version, checked once a second, catches
 * writers that did not (a sqlite3 shell, a crashed console).  One process,
 * one epoll loop; SIGTERM ends it cleanly.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <unistd.h>

#include "actions.h"
#include "daemon.h"
#include "engine_local.h"
#include "ipsec.h"
#include "kernel.h"
#include "runtime.h"

#define DM_TICK_SEC 1

struct dm_module {
	const char *name;
	int (*reconcile)(struct eng *e, char *err, size_t errsz);
};

/* Reconcilers, in dependency order. */
static const struct dm_module dm_modules[] = {
	{ "address", kern_reconcile_addresses },
	{ "route", kern_reconcile_routes },	/* gateways need addresses */
	{ "firewall", fw_reconcile },
	{ "ipsec-policy", ipsec_reconcile_policies },
	{ NULL, NULL }
};

/* A file beside the store (files_dir is "<store dir>/files"). */
static void
dm_path(const struct eng *e, const char *file, char *out, size_t outsz)
{
	size_t n = strlen(e->files_dir);

	if (n >= 6 && strcmp(e->files_dir + n - 6, "/files") == 0)
		n -= 6;
	snprintf(out, outsz, "%.*s/%s", (int)n, e->files_dir, file);
}

/* A single roshd per store: an exclusive lock on roshd.pid. */
static int
dm_lock(struct eng *e, struct dm_state *d, char *err, size_t errsz)
{
	char path[4200], pid[32];
	int n;

	dm_path(e, "roshd.pid", path, sizeof(path));
	d->pidfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (d->pidfd < 0 || flock(d->pidfd, LOCK_EX | LOCK_NB) < 0) {
		snprintf(err, errsz, "another roshd is running on this store "
		    "(%s)", path);
		return -1;
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(d->pidfd, 0) < 0 || write(d->pidfd, pid, (size_t)n) !=
	    n)
		return -1;
	return 0;
}

static int
dm_socket(struct eng *e, struct dm_state *d, char *err, size_t errsz)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	dm_path(e, "roshd.sock", sa.sun_path, sizeof(sa.sun_path));
	unlink(sa.sun_path);
	d->sockfd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0);
	if (d->sockfd < 0 || bind(d->sockfd, (struct sockaddr *)&sa,
	    sizeof(sa)) < 0) {
		snprintf(err, errsz, "cannot listen on %s: %s", sa.sun_path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
dm_signals(struct dm_state *d)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	d->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	return d->sigfd < 0 ? -1 : 0;
}

static int
dm_timer(struct dm_state *d)
{
	struct itimerspec its = { { DM_TICK_SEC, 0 }, { DM_TICK_SEC, 0 } };

	d->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC |
	    TFD_NONBLOCK);
	if (d->timerfd < 0)
		return -1;
	return timerfd_settime(d->timerfd, 0, &its, NULL);
}

static int
dm_epoll_add(struct dm_state *d, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(d->epfd, EPOLL_CTL_ADD, fd, &ev);
}

int
dm_open(struct eng *e, struct dm_state *d, char *err, size_t errsz)
{
	memset(d, 0, sizeof(*d));
	d->pidfd = d->sockfd = d->sigfd = d->timerfd = d->epfd = -1;
	d->data_version = -1;
	if ((d->rt = rt_state_create()) == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (dm_lock(e, d, err, errsz) < 0 || dm_socket(e, d, err, errsz) < 0)
		return -1;
	if (dm_signals(d) < 0 || dm_timer(d) < 0 ||
	    (d->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    dm_epoll_add(d, d->sockfd) < 0 || dm_epoll_add(d, d->sigfd) < 0 ||
	    dm_epoll_add(d, d->timerfd) < 0) {
		snprintf(err, errsz, "cannot set up the event loop: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

void
dm_close(struct eng *e, struct dm_state *d)
{
	char path[4200];

	if (d->sockfd >= 0) {
		dm_path(e, "roshd.sock", path, sizeof(path));
		unlink(path);
	}
	if (d->epfd >= 0)
		close(d->epfd);
	if (d->timerfd >= 0)
		close(d->timerfd);
	if (d->sigfd >= 0)
		close(d->sigfd);
	if (d->sockfd >= 0)
		close(d->sockfd);
	if (d->pidfd >= 0)
		close(d->pidfd);
	rt_state_destroy(d->rt);
	d->rt = NULL;
}

/* The store's change counter as this connection sees it. */
static long long
dm_data_version(struct eng *e)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(e->db, "PRAGMA data_version", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
dm_log_error(struct eng *e, const char *what, const char *err)
{
	char msg[1200];

	snprintf(msg, sizeof(msg), "%s: %s", what, err);
	st_begin(e);
	eng_log(e, "system,error", msg);
	st_commit(e);
}

/* A step outside the modules (its own transaction): log a failure. */
static int
dm_step(struct eng *e, const char *what, int rc, const char *err)
{
	if (rc >= 0)
		return 0;
	dm_log_error(e, what, err);
	return -1;
}

/* Publishing runs every second: a failure that persists is logged
 * when it first happens, not every second. */
static void
dm_publish(struct eng *e, struct dm_state *d)
{
	char err[256];

	if (rt_publish(e, d->rt, err, sizeof(err)) >= 0) {
		d->rt_err[0] = '\0';
		return;
	}
	if (strcmp(err, d->rt_err) != 0)
		dm_log_error(e, "runtime", err);
	snprintf(d->rt_err, sizeof(d->rt_err), "%s", err);
}

/*
 * One pass of every reconciler.  Each works from the whole desired
 * state, so a pass after a crash or a missed wake-up converges too.
 * Requests the consoles made come first (a flush is then visible in
 * what this pass publishes); addresses firewall rules put into rosh's
 * sets are read back into the store before the firewall replaces them.
 */
int
dm_reconcile(struct eng *e, struct dm_state *d)
{
	const struct dm_module *mod;
	char err[1024], msg[1200];
	int rc = 0;

	d->passes++;
	rc |= dm_step(e, "request", act_run_pending(e, err, sizeof(err)),
	    err);
	rt_state_changed(d->rt);
	rc |= dm_step(e, "address-list", rt_alist_readback(e, d->rt, err,
	    sizeof(err)), err);
	rc |= dm_step(e, "address-list", rt_alist_expire(e, d->rt, err,
	    sizeof(err)), err);
	for (mod = dm_modules; mod->name; mod++) {
		err[0] = '\0';
		if (st_begin(e) < 0)
			return -1;
		if (mod->reconcile(e, err, sizeof(err)) < 0) {
			st_rollback(e);
			snprintf(msg, sizeof(msg), "%s: %s", mod->name, err);
			st_begin(e);
			eng_log(e, "system,error", msg);
			st_commit(e);
			rc = -1;
			continue;
		}
		st_commit(e);
	}
	dm_publish(e, d);
	d->data_version = dm_data_version(e);
	return rc;
}

int
dm_tick(struct eng *e, struct dm_state *d)
{
	char err[256];
	int n;

	/* Entries whose timeout ran out leave the store; the pass then
	 * takes them out of the kernel. */
	n = rt_alist_expire(e, d->rt, err, sizeof(err));
	if (n > 0)
		return dm_reconcile(e, d);
	if (n < 0)
		dm_log_error(e, "address-list", err);
	dm_publish(e, d);
	return 0;
}

static void
dm_drain(int fd)
{
	char buf[256];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

static int
dm_handle(struct eng *e, struct dm_state *d, int fd)
{
	struct signalfd_siginfo si;

	if (fd == d->sigfd) {
		if (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si) &&
		    si.ssi_signo != SIGHUP)
			d->stop = 1;
		return d->stop ? 0 : dm_reconcile(e, d);
	}
	if (fd == d->sockfd) {
		/* Wake-ups coalesce: one pass answers them all. */
		while (recv(fd, &si, sizeof(si), 0) > 0)
			;
		return dm_reconcile(e, d);
	}
	dm_drain(fd);
	if (dm_data_version(e) != d->data_version)
		return dm_reconcile(e, d);
	return dm_tick(e, d);
}

int
dm_run(struct eng *e, struct dm_state *d)
{
	struct epoll_event ev[8];
	int n, i;

	st_begin(e);
	eng_log(e, "system,info", "roshd started");
	st_commit(e);
	dm_reconcile(e, d);
	while (!d->stop) {
		n = epoll_wait(d->epfd, ev, 8, -1);
		if (n < 0 && errno != EINTR)
			return -1;
		for (i = 0; i < n && !d->stop; i++)
			dm_handle(e, d, ev[i].data.fd);
	}
	st_begin(e);
	eng_log(e, "system,info", "roshd stopped");
	st_commit(e);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The console's side                                                  */
/* ------------------------------------------------------------------ */

/* Tell a running roshd that the store changed.  0 when one listened. */
int
eng_notify_daemon(struct eng *e)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, rc;

	dm_path(e, "roshd.sock", sa.sun_path, sizeof(sa.sun_path));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	rc = sendto(fd, "w", 1, 0, (struct sockaddr *)&sa, sizeof(sa)) == 1 ||
	    errno == EAGAIN ? 0 : -1;
	close(fd);
	return rc;
}
