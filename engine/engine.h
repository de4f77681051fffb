/*
 * engine.h - runs RouterOS console language against the SQLite store.
 *
 * The shell hands the engine text (a typed line, a script, an .rsc file);
 * the engine parses it (grammar/), executes it against the config store
 * (one SQLite transaction per script or per interactive line) and writes
 * console output and errors to the streams it was opened with.
 */
#ifndef ROSH_ENGINE_H
#define ROSH_ENGINE_H

#include <stddef.h>
#include <stdio.h>

/* A kernel link as the backend reports it (see backend/backend.h). */
struct eng_link {
	int ifindex;
	char name[16];
	char type[16];
	unsigned mtu;
	char mac[18];
	int up;
	int running;
	unsigned long long rx_byte, tx_byte, rx_packet, tx_packet;
	unsigned long long rx_drop, tx_drop, rx_error, tx_error;
};

/*
 * What the engine needs from the kernel side.  The shell fills this from
 * backend/ so the engine never links against netlink itself.  Any member
 * may be NULL: the engine then behaves as on a host without links.
 */
struct eng_backend {
	void *ctx;
	/* Current links; *out is malloc'd (caller frees).  0 ok, -1 error. */
	int (*link_list)(void *ctx, struct eng_link **out, int *n, char *err,
	    size_t errsz);
	/* Interface of the IPv4 default route.  0 ok, -1 none. */
	int (*default_route_ifname)(void *ctx, char *ifname, size_t sz);
};

struct eng_opts {
	const char *db_path;	/* SQLite store; files/ lives beside it */
	const char *user;	/* /user name the session acts as */
	int interactive;	/* a person at a terminal */
	int width;		/* terminal columns; 0 = never wrap */
	FILE *out;		/* console output */
	FILE *err;		/* error messages */
	const struct eng_backend *backend;
};

struct eng;

/* Open (creating and seeding a fresh store if needed).  NULL + err on
 * failure. */
struct eng *eng_open(const struct eng_opts *o, char *err, size_t errsz);
void eng_close(struct eng *e);

/* Flags for eng_run. */
#define ENG_RUN_ATOMIC	0x1	/* whole text in one transaction */
#define ENG_RUN_LINE	0x2	/* an interactive line: cwd persists */
#define ENG_RUN_DRYRUN	0x4	/* execute, then roll back; no output */
#define ENG_RUN_CHECK	0x8	/* --check: skip what rosh does not
				 * implement */
#define ENG_RUN_ANYIF	0x10	/* --check of another machine's export:
				 * accept any interface name */

/*
 * Parse and run `src`.  Returns 0 on success, 1 on any error (the message
 * has been written to the error stream, with line and column).  With
 * ENG_RUN_ATOMIC nothing of a failing script is stored.  *incomplete is
 * set (when non-NULL) if an interactive line needs more input.
 */
int eng_run(struct eng *e, const char *src, size_t len, int flags,
    int *incomplete);

/*
 * Parse-only check of a script (rosh --check): writes the first error as
 * RouterOS words it into msg and returns 1, or returns 0.
 */
int eng_check(const char *src, size_t len, char *msg, size_t msgsz);

/* The session's current menu ("/" or "/ip/pool"). */
const char *eng_cwd(const struct eng *e);

/* "[admin@MikroTik] /ip/pool> " */
void eng_prompt(const struct eng *e, char *buf, size_t bufsz);

/* The directory holding exports and backups (files/ beside the store). */
const char *eng_files_dir(const struct eng *e);

#endif /* ROSH_ENGINE_H */
