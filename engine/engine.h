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
 * An IPv4 address rosh put on a link (see be_addr in backend/backend.h).
 * Addresses are in host byte order; 0 means none.
 */
struct eng_addr {
	int ifindex;		/* device, > 0 */
	unsigned local;		/* the address */
	int prefixlen;		/* 0..32 */
	unsigned peer;		/* point-to-point peer, 0 for none */
	unsigned broadcast;	/* 0 for none */
};

/* An IPv4 route rosh installed (see be_route in backend/backend.h). */
struct eng_route {
	unsigned dst;		/* destination prefix, host byte order */
	int dst_len;		/* 0..32 */
	unsigned gateway;	/* next hop, 0 for none */
	int oif;		/* output device; 0: from the gateway */
	unsigned pref_src;	/* 0 for none */
	unsigned metric;	/* RouterOS distance */
	unsigned table;		/* ENG_ROUTE_TABLE_MAIN for main */
	int blackhole;		/* drop: no next hop */
};

#define ENG_ROUTE_TABLE_MAIN 254

/*
 * A firewall rule counter and an element of an nft set, as the backend
 * reads them from rosh's table (see be_nft_counters in backend.h).
 */
struct eng_nft_counter {
	char chain[128];	/* nft chain holding the rule */
	long long id;		/* item id from the "*1A ..." comment, -1 */
	unsigned long long packets, bytes;
};

struct eng_nft_elem {
	unsigned lo, hi;	/* IPv4 range, host byte order; lo == hi
				   for one address */
	unsigned long long timeout_ms;	/* 0: none */
	unsigned long long expires_ms;	/* time left, 0 with no timeout */
};

/*
 * IPsec (XFRM) as the engine sees it: policies it installs for
 * /ip ipsec policy, SAs it publishes in /ip ipsec installed-sa.  The
 * glue maps these onto backend/backend.h's be_xfrm_* types.  Numbers
 * are in host byte order, addresses in network order.
 */
struct eng_xfrm_addr {
	int family;			/* 0 (unset), AF_INET, AF_INET6 */
	unsigned char addr[16];
};

struct eng_xfrm_sel {
	struct eng_xfrm_addr src, dst;
	unsigned src_plen, dst_plen;
	unsigned proto;			/* 0 = all */
	unsigned sport, dport;		/* 0 = any */
};

#define ENG_XFRM_PROTO_ESP	50
#define ENG_XFRM_PROTO_AH	51
#define ENG_XFRM_LEVEL_REQUIRE	0
#define ENG_XFRM_LEVEL_USE	1
#define ENG_XFRM_LEVEL_UNIQUE	2
#define ENG_XFRM_DIR_IN		0
#define ENG_XFRM_DIR_OUT	1
#define ENG_XFRM_DIR_FWD	2
/* The reqid of the templates of require and use policies: SAs between
 * the same endpoints serve all of them.  In rosh's reqid band (the glue
 * checks), at its top, so that the lowest free reqid handed to unique
 * policies never meets it. */
#define ENG_XFRM_REQID_SHARED	0x52FFFFFFu
#define ENG_XFRM_TMPL_MAX	2

struct eng_xfrm_tmpl {
	struct eng_xfrm_addr src, dst;	/* tunnel endpoints; transport:
					   unset */
	unsigned proto;			/* ENG_XFRM_PROTO_* */
	int tunnel;
	unsigned reqid;
	int level;			/* ENG_XFRM_LEVEL_* */
};

struct eng_xfrm_policy {
	struct eng_xfrm_sel sel;
	unsigned mark_v, mark_m;	/* packet mark; 0/0: none */
	int dir;			/* ENG_XFRM_DIR_* */
	int block;			/* discard: drop matching packets */
	unsigned pos;			/* RouterOS list position */
	int ntmpl;			/* 0: allow in the clear */
	struct eng_xfrm_tmpl tmpl[ENG_XFRM_TMPL_MAX];
};

#define ENG_XFRM_STATE_LARVAL	0
#define ENG_XFRM_STATE_MATURE	1
#define ENG_XFRM_STATE_DYING	2

/* One installed SA of rosh's.  Holds keys: wipe it (explicit_bzero)
 * before freeing. */
struct eng_xfrm_sa {
	struct eng_xfrm_addr src, dst;
	unsigned spi, proto, reqid;
	int tunnel;
	unsigned encap_sport, encap_dport;	/* NAT-T ports, 0: none */
	int state;				/* ENG_XFRM_STATE_* */
	char enc[64], auth[64];		/* kernel names; "" none.  An
					   AEAD cipher is in enc */
	int aead;
	unsigned char enc_key[64], auth_key[64];
	unsigned enc_keylen, auth_keylen;	/* bytes */
	unsigned long long add_time;		/* unix seconds */
	unsigned long long soft_sec, hard_sec;	/* add lifetimes, 0 none */
	unsigned long long bytes, packets, invalid;
	unsigned replay_window;
	int seen, offload;
};

/* /proc/net/xfrm_stat in /ip ipsec statistics order (menus.md 23). */
#define ENG_XFRM_NSTATS 25
struct eng_xfrm_stats {
	unsigned long long v[ENG_XFRM_NSTATS];
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
	/* Apply an nft script atomically (dry_run: only check it).  On
	 * failure the previous ruleset stays and err holds nft's text. */
	int (*nft_apply)(void *ctx, const char *script, int dry_run,
	    char *err, size_t errsz);
	/* Remove an nft table of rosh's; 0 also when it is absent. */
	int (*nft_delete_table)(void *ctx, const char *table, char *err,
	    size_t errsz);
	/* 1 when the kernel has nftables flowtables. */
	int (*nft_flowtable_supported)(void *ctx);

	/*
	 * /ip address and /ip route (engine/kernel.c).  Each acts only on
	 * objects the backend marks as rosh's; errors are the kernel's own
	 * text in err.  All six are needed for the reconcilers to run.
	 */
	/* The IPv4 addresses rosh owns.  OUT: *out malloc'd (caller
	 * frees), *n entries.  0 ok, -1 error. */
	int (*addr_list)(void *ctx, struct eng_addr **out, int *n, char *err,
	    size_t errsz);
	/* Add a, marked as rosh's.  0 ok, -1 refused. */
	int (*addr_add)(void *ctx, const struct eng_addr *a, char *err,
	    size_t errsz);
	/* Remove a (device, local, prefixlen, peer) when rosh owns it.
	 * 0 ok, -1 refused or not rosh's. */
	int (*addr_del)(void *ctx, const struct eng_addr *a, char *err,
	    size_t errsz);
	/* The IPv4 routes rosh owns, of every table.  OUT: *out malloc'd
	 * (caller frees), *n entries.  0 ok, -1 error. */
	int (*route_list)(void *ctx, struct eng_route **out, int *n,
	    char *err, size_t errsz);
	/* Add r, marked as rosh's; never replaces a route.  0 ok, -1
	 * refused. */
	int (*route_add)(void *ctx, const struct eng_route *r, char *err,
	    size_t errsz);
	/* Remove r, a route of rosh's as route_list reported it.  0 ok,
	 * -1 refused. */
	int (*route_del)(void *ctx, const struct eng_route *r, char *err,
	    size_t errsz);

	/*
	 * Runtime views (engine/runtime.c): rule counters and set
	 * elements of rosh's nft table.  OUT: *out malloc'd (caller
	 * frees), *n entries.  0 ok, -1 error with nft's text in err.
	 */
	int (*nft_counters)(void *ctx, const char *table,
	    struct eng_nft_counter **out, int *n, char *err, size_t errsz);
	/* Elements of set `set` of table `table` (no such set: 0, none). */
	int (*nft_set_elems)(void *ctx, const char *table, const char *set,
	    struct eng_nft_elem **out, int *n, char *err, size_t errsz);

	/*
	 * /ip ipsec (engine/ipsec.c, runtime.c, actions.c).  Each acts
	 * only on what the backend marks as rosh's; errors are the
	 * kernel's own text in err.
	 */
	/* rosh's policies.  OUT: *out malloc'd (caller frees).  0, -1. */
	int (*xfrm_policy_list)(void *ctx, struct eng_xfrm_policy **out,
	    int *n, char *err, size_t errsz);
	/* Add p; one with the same selector and direction must not exist.
	 * 0 ok, -1 refused. */
	int (*xfrm_policy_add)(void *ctx, const struct eng_xfrm_policy *p,
	    char *err, size_t errsz);
	/* Replace rosh's policy of p's selector and direction in place (or
	 * add it).  0 ok, -1 refused. */
	int (*xfrm_policy_update)(void *ctx, const struct eng_xfrm_policy *p,
	    char *err, size_t errsz);
	/* Remove rosh's policy of p's selector and direction.  0, -1. */
	int (*xfrm_policy_del)(void *ctx, const struct eng_xfrm_policy *p,
	    char *err, size_t errsz);
	/* A reqid no SA or policy of rosh's uses now, for a unique
	 * policy.  Nothing is reserved.  0, -1. */
	int (*xfrm_reqid_unused)(void *ctx, unsigned *reqid, char *err,
	    size_t errsz);
	/* rosh's SAs.  OUT: *out malloc'd, holds keys: wipe, then free.
	 * 0, -1. */
	int (*xfrm_sa_list)(void *ctx, struct eng_xfrm_sa **out, int *n,
	    char *err, size_t errsz);
	/* Delete every SA of rosh's, keeping the policies.  OUT:
	 * *removed.  0, or -1 with the first reason (the rest go on). */
	int (*xfrm_sa_flush)(void *ctx, int *removed, char *err,
	    size_t errsz);
	/* The namespace's IPsec counters.  0, -1 (none kept). */
	int (*xfrm_stats)(void *ctx, struct eng_xfrm_stats *out, char *err,
	    size_t errsz);
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
 * Show messages that echo logging actions took since the last call
 * ("HH:MM:SS echo: topics message"), one show() per line; an open
 * console calls it before each prompt.  The first call shows nothing.
 */
int eng_log_echo(struct eng *e, void (*show)(void *ctx, const char *line),
    void *ctx);

/* The session's current menu ("/" or "/ip/pool"). */
const char *eng_cwd(const struct eng *e);

/* "[admin@MikroTik] /ip/pool> " */
void eng_prompt(const struct eng *e, char *buf, size_t bufsz);

/* The directory holding exports and backups (files/ beside the store). */
const char *eng_files_dir(const struct eng *e);

/* ------------------------------------------------------------------ */
/* Logins (engine/auth.c)                                              */
/* ------------------------------------------------------------------ */

#define ENG_VIA_LOCAL	0	/* a terminal of this machine */
#define ENG_VIA_SSH	1	/* an SSH connection */

struct eng_login {
	const char *user;	/* /user name asked for */
	int admin_fallback;	/* root or the store's owner: act as the
				 * factory admin when `user` is no /user */
	const char *address;	/* client address (SSH), NULL when local */
	int via;		/* ENG_VIA_* (needs the ssh/local policy) */
	int interactive;	/* a person: update last-logged-in, log it */
};

/*
 * Make the session act as a /user.  Refused (returns 1, reason in err)
 * when the user does not exist, is disabled, is not allowed from
 * l->address, or its group lacks the login policy.  The engine refuses
 * every command a session's group does not grant with
 * `not enough permissions (9)`, whether or not this was called.
 */
int eng_login(struct eng *e, const struct eng_login *l, char *err,
    size_t errsz);

/* The /user name the session acts as. */
const char *eng_user(const struct eng *e);

/* ------------------------------------------------------------------ */
/* Safe mode (engine/history.c, console-language 7.4)                  */
/* ------------------------------------------------------------------ */

/*
 * While a session holds safe mode, every change (by any session) is
 * journaled as floating; the changes are undone when the holder's
 * session ends abnormally, even when its process is killed: the next
 * console to start, or roshd (eng_safe_mode_reap), unrolls them.
 * These functions run their own transaction and print RouterOS's
 * notices ("[Safe Mode taken]") on the output stream.
 */
#define ENG_SAFE_HELD	1	/* another live session holds safe mode */

/* Take safe mode: 0 (also when this session holds it already),
 * ENG_SAFE_HELD, or -1 on error (message on the error stream). */
int eng_safe_mode_take(struct eng *e);
/* Leave safe mode keeping the changes (Ctrl-X again). */
int eng_safe_mode_release(struct eng *e);
/* Leave safe mode undoing every change made while it was held. */
int eng_safe_mode_unroll(struct eng *e);
/* Does this session hold safe mode?  Notices a hijack. */
int eng_safe_mode_active(struct eng *e);
/* When another session holds safe mode: 1 and its user in who, else 0
 * (for "Hijacking Safe Mode from someone - unroll/release/don't take
 * it [u/r/d]:"). */
int eng_safe_mode_holder(struct eng *e, char *who, size_t whosz);
/* Take safe mode from its holder, first undoing (ENG_SAFE_UNROLL) or
 * keeping (ENG_SAFE_RELEASE) the holder's changes. */
#define ENG_SAFE_UNROLL		0
#define ENG_SAFE_RELEASE	1
int eng_safe_mode_hijack(struct eng *e, int how);
/* For roshd, once per pass: unroll safe mode whose holder is gone.
 * 1 unrolled, 0 nothing to do, -1 error. */
int eng_safe_mode_reap(struct eng *e);

/* How a console session ended. */
#define ENG_END_QUIT	0	/* /quit, end of a script: changes stay */
#define ENG_END_EOF	1	/* Ctrl-D on an empty line: safe mode undone */
#define ENG_END_HANGUP	2	/* connection lost, SIGHUP/SIGTERM: undone */
/* Tell the engine how the session ended (the first call counts).
 * eng_close() of a session that never said treats it as a hangup. */
void eng_session_end(struct eng *e, int how);

/* ------------------------------------------------------------------ */
/* Interactive console (engine/complete.c, engine/live.c)              */
/* ------------------------------------------------------------------ */

/* One value for Tab completion; help may be NULL. */
typedef void (*eng_value_fn)(void *ctx, const char *value,
    const char *help);

/*
 * Values in the store that argument `arg` of command `cmd` in menu
 * `menu` may take and that start with prefix[0..plen): names of the
 * items a reference points to (pools, profiles, peers, interface
 * lists...), address-list names, names already used in an indexed
 * column (where list=...), names of the menu's own items for numbers,
 * copy-from, place-before.  At most max calls of fn, in sorted order;
 * returns how many, or -1 on a store error.  Indexed range queries with
 * a LIMIT: fast on stores of millions of rows.
 */
int eng_complete_values(struct eng *e, const char *menu, const char *cmd,
    const char *arg, const char *prefix, size_t plen, int max,
    eng_value_fn fn, void *ctx);

/* Items of a list menu (for the item numbers `?` shows); -1 when the
 * menu holds no list. */
long long eng_item_count(struct eng *e, const char *menu);

/* Terminal columns for wrapping print output (SIGWINCH); 0 = none. */
void eng_set_width(struct eng *e, int width);

/* Send console output to out from now on (the shell's pager); returns
 * the stream used before. */
FILE *eng_set_output(struct eng *e, FILE *out);

/* The session user's history file, "<store dir>/history.<user>".
 * 0, or -1 when it does not fit. */
int eng_history_path(const struct eng *e, char *buf, size_t sz);

/*
 * Live print: `print follow`, `print follow-only`, `print interval=T`
 * run until the user stops them.  The shell owns the terminal:
 */
struct eng_live_io {
	void *ctx;
	/* interval=: draw text in place of the previous frame */
	void (*frame)(void *ctx, const char *text, size_t len);
	/* Wait up to ms milliseconds; nonzero when the user stopped
	 * (Ctrl-C).  Required. */
	int (*wait)(void *ctx, int ms);
};

#define ENG_LIVE_NOT	(-2)

/*
 * Run an interactive line that is one live print.  Returns ENG_LIVE_NOT
 * (having done nothing) when src is something else, else 0 or 1 as
 * eng_run().  follow output goes to the output stream as it comes.
 */
int eng_run_live(struct eng *e, const char *src, size_t len,
    const struct eng_live_io *io);

/* Ask a running live print to stop (async-signal-safe). */
void eng_interrupt(struct eng *e);

#endif /* ROSH_ENGINE_H */
