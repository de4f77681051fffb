/*
 * engine_local.h - internals shared by the engine's files.
 */
#ifndef ROSH_ENGINE_LOCAL_H
#define ROSH_ENGINE_LOCAL_H

#include <sqlite3.h>
#include <stddef.h>

#include "engine.h"
#include "format.h"
#include "grammar.h"
#include "sbuf.h"
#include "schema.h"

/* ------------------------------------------------------------------ */
/* Script values (console-language 2.1)                                */
/* ------------------------------------------------------------------ */

enum vt {
	VT_NOTHING,	/* no value ([:nothing], missing key) */
	VT_NIL,		/* declared but unset variable */
	VT_NUM,
	VT_STR,
	VT_BOOL,
	VT_IP,		/* u.ip.addr */
	VT_IPPFX,	/* u.ip.addr/len */
	VT_IP6,		/* text */
	VT_IP6PFX,	/* text */
	VT_ID,		/* u.n */
	VT_TIME,	/* u.n nanoseconds */
	VT_ARRAY,
	VT_CODE,	/* a block bound to a value */
};

struct varr;

struct val {
	enum vt t;
	union {
		long long n;
		int b;
		struct {
			char *s;
			size_t len;
		} str;
		struct {
			unsigned addr;
			int len;
		} ip;
		struct varr *a;
		const struct ast_node *code;
	} u;
};

struct varr_el {
	char *key;	/* NULL for unkeyed elements */
	struct val v;
};

struct varr {
	struct varr_el *el;
	int n, cap;
};

void val_free(struct val *v);
struct val val_copy(const struct val *v);
struct val val_nothing(void);
struct val val_nil(void);
struct val val_num(long long n);
struct val val_bool(int b);
struct val val_id(long long id);
struct val val_time(long long ns);
struct val val_str(const char *s, size_t len);
struct val val_cstr(const char *s);
struct val val_array(void);
void varr_push(struct val *arr, const char *key, struct val v);
const struct val *varr_get(const struct val *arr, const char *key);
/* Classify a bare word: number, ip, prefix, time, id, bool, else str. */
struct val val_from_word(const char *s, size_t len);
/* :put form (console-language 5.5). */
void val_to_text(const struct val *v, struct sbuf *out);
/* String form used where a property value is expected. */
char *val_to_cstr(const struct val *v);
const char *val_type_name(enum vt t);
int val_truthy(const struct val *v, int *ok);
int val_equal(const struct val *a, const struct val *b);

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

struct eng_err {
	int set;
	int line, col;
	char msg[512];
	int from_error_cmd;	/* raised by :error (no position suffix) */
};

/* ------------------------------------------------------------------ */
/* Session state                                                       */
/* ------------------------------------------------------------------ */

struct var {
	char *name;
	struct val v;
};

struct scope {
	struct var *vars;
	int n, cap;
	struct scope *up;
};

/* Per-menu state: prepared statements and the last print's numbering. */
struct menu_rt {
	const struct sch_menu *m;
	int nprops;
	sqlite3_stmt *ins;	/* INSERT with every prop column */
	long long *numbers;	/* ids by item number from the last print */
	int nnumbers;
	int have_numbers;
	long long next_ord;	/* cached append position, -1 unknown */
	long long next_id;	/* cached next free id, -1 unknown */
	sqlite3_stmt *tuple;	/* unique_tuple lookup */
	sqlite3_stmt **findv;	/* per prop: id by value */
};

struct eng {
	struct eng_opts o;
	sqlite3 *db;
	char *db_path;
	char *files_dir;
	char *user;
	char cwd[256];
	struct menu_rt *rt;	/* one per sch_menus[] entry */
	int nrt;
	struct scope globals;
	struct eng_err err;
	int in_tx;
	int quiet;		/* dry run: no console output */
	int dry;		/* dry run: touch no files */
	int checking;		/* rosh --check */
	int any_ifname;		/* accept interface names not on this host */
	int depth;		/* nesting of blocks/imports */
	struct precheck *pc;	/* parse check of the running script */
	char *fw_applied;	/* roshd: the nft script last applied */
	long long echo_seen;	/* last /log id an echo pass looked at */
	struct sbuf held;	/* output held back until pc is done */
	int parse_failed;	/* pc found a syntax error */
	struct sbuf out;	/* console output of the running command */
	int keep_stmt;		/* the statement defined a function */
	int in_subst;		/* running inside [ ... ] */
	struct ast_node **kept;	/* statements holding functions' code */
	int nkept;
	/* Users and permissions (auth.c) */
	unsigned policy;	/* SCH_POL() mask of the user's group */
	/* Change journal and safe mode (history.c) */
	struct sqlite3_session *hist_sess; /* changes of the running line */
	const char *hist_text;	/* text of the running line */
	size_t hist_len;
	int hist_changes;	/* the line ran a changing command */
	unsigned hist_need;	/* the policies those commands needed */
	int hist_lost;		/* too big to journal: not undoable */
	int hist_on;		/* the running line is being journaled */
	int hist_floating;	/* safe mode was held when it began */
	unsigned long long safe_token;	/* this session in rosh_safe */
	int safe_held;		/* this session holds safe mode */
	int ended;		/* eng_session_end() was called */
};

/* Execution context of one block. */
struct xctx {
	struct eng *e;
	struct scope *sc;
	char cwd[256];
	int returning;		/* :return seen */
	struct val retval;
};

/* ------------------------------------------------------------------ */
/* Store (store.c)                                                     */
/* ------------------------------------------------------------------ */

struct st_row {
	long long id;
	long long ord;
	char **vals;		/* per prop, NULL = unset */
	char *owner;		/* derived items: source menu path */
};

int st_open(struct eng *e, char *err, size_t errsz);
void st_close(struct eng *e);
int st_exec(struct eng *e, const char *sql);
int st_begin(struct eng *e);
int st_commit(struct eng *e);
void st_rollback(struct eng *e);
struct menu_rt *st_rt(struct eng *e, const struct sch_menu *m);
/* ORDER BY terms giving the list order of m. */
const char *st_order(const struct sch_menu *m);
int st_menu_index(const struct sch_menu *m);

/* All rows of m in list order (optionally restricted by an SQL
 * condition with one text parameter).  Returns count or -1. */
int st_rows(struct eng *e, const struct sch_menu *m, const char *cond,
    const char *param, struct st_row **rows);
void st_rows_free(const struct sch_menu *m, struct st_row *rows, int n);
int st_row_get(struct eng *e, const struct sch_menu *m, long long id,
    struct st_row *r);
void st_row_fini(const struct sch_menu *m, struct st_row *r);
/* Insert before item `before` (-1 = append).  Returns the new id, -1 on
 * error, or ST_CLASH when a unique index refused the row. */
#define ST_CLASH (-2)
long long st_insert(struct eng *e, const struct sch_menu *m,
    char *const *vals, long long before, const char *owner, long long id);
int st_update(struct eng *e, const struct sch_menu *m, long long id,
    char *const *vals);
int st_delete(struct eng *e, const struct sch_menu *m, long long id);
int st_move(struct eng *e, const struct sch_menu *m, long long id,
    long long before);
/* Id of the item whose prop `pi` equals value, -1 if none. */
long long st_find_value(struct eng *e, const struct sch_menu *m, int pi,
    const char *value, long long except_id);
long long st_count(struct eng *e, const struct sch_menu *m,
    const char *cond, const char *param);
int st_delete_owned(struct eng *e, const char *owner);
/* Run a statement with two text parameters. */
int st_exec_text2(struct eng *e, const char *sql, const char *newv,
    const char *oldv);
long long st_tuple_find(struct eng *e, const struct sch_menu *m,
    char *const *vals);
long long st_max_id(struct eng *e, const struct sch_menu *m);
int st_is_defconf(struct eng *e, const struct sch_menu *m, long long id);
int st_copy_row(struct eng *e, const struct sch_menu *m, sqlite3_stmt *src);
int st_tuple_exists(struct eng *e, const struct sch_menu *m,
    char *const *vals, long long except_id);
const char *st_errmsg(struct eng *e);
int st_meta_get(struct eng *e, const char *key, char *out, size_t outsz);
int st_meta_set(struct eng *e, const char *key, const char *value);

/* ------------------------------------------------------------------ */
/* Execution (exec.c, eval.c, cmd_*.c)                                 */
/* ------------------------------------------------------------------ */

/* Record an error at a position (first error wins). */
int eng_fail(struct eng *e, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int eng_fail_node(struct eng *e, const struct ast_node *n, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

int exec_block(struct xctx *x, const struct ast_node *blk, int newscope);
/* Free a top-level statement after it ran, or keep it until eng_close()
 * when it defined a function whose code points into it. */
void exec_stmt_done(struct eng *e, struct ast_node *n);
int exec_stmt(struct xctx *x, const struct ast_node *n, struct val *ret);
int eval(struct xctx *x, const struct ast_node *n, struct val *out);
/* Evaluate a value node to text (for property arguments). */
int eval_text(struct xctx *x, const struct ast_node *n, char **out);
struct var *scope_lookup(struct xctx *x, const char *name);
void scope_set(struct scope *sc, const char *name, struct val v);
void scope_fini(struct scope *sc);

/* Console output of the running statement. */
void eng_out(struct eng *e, const char *s, size_t n);
void eng_printf(struct eng *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Argument helpers */
const struct ast_arg *cmd_arg(const struct ast_node *c, const char *name);
int cmd_flag(struct xctx *x, const struct ast_node *c, const char *name,
    int *on);

/* Root scripting commands; returns 1 if `name` was one. */
int script_cmd(struct xctx *x, const struct ast_node *c, struct val *ret,
    int *handled);
/* Menu commands. */
int menu_cmd(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, struct val *ret);
int cmd_add(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, struct val *ret);
int cmd_set(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, int mode);
int cmd_remove(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c);
int cmd_move(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c);
int cmd_get(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, struct val *ret);
int cmd_find(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, struct val *ret);
int cmd_print(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, struct val *ret);
int cmd_export(struct xctx *x, const char *path, const struct ast_node *c);
int cmd_import(struct xctx *x, const struct ast_node *c);
int cmd_backup(struct xctx *x, const struct ast_node *c);
int cmd_system_action(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, int *handled);

/* set modes */
#define SET_SET		0
#define SET_UNSET	1
#define SET_RESET	2
#define SET_ENABLE	3
#define SET_DISABLE	4
#define SET_COMMENT	5

/* Selection (select.c): resolve a `numbers` value to ids. */
int sel_resolve(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *valnode, long long **ids, int *n);
int sel_item_numbers(struct eng *e, const struct sch_menu *m);
int sel_resolve_text(struct xctx *x, const struct sch_menu *m,
    const char *text, const struct ast_node *pos, long long **ids, int *n);

/* Where-expressions (where.c). */
struct where;
struct where *where_compile(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *expr);
int where_match(struct xctx *x, struct where *w, const struct st_row *r,
    int *match);
/* SQL condition equivalent to the whole expression, or NULL. */
const char *where_sql(const struct where *w, const char **param);
void where_free(struct where *w);

/* Validation of one property value for menu m; writes canonical text. */
int prop_value(struct xctx *x, const struct sch_menu *m,
    const struct sch_prop *p, const char *in, const struct ast_arg *a,
    char **canon);

/* Dynamic items derived from a source menu's row. */
int derive_refresh(struct xctx *x, const struct sch_menu *src);

/* Kernel-backed menus. */
int links_refresh(struct eng *e);
int files_refresh(struct eng *e);

/* Parse check of a script running in parallel (precheck.c). */
struct precheck;
struct precheck *precheck_start(const char *src, size_t len,
    const struct gr_opts *go);
int precheck_done(const struct precheck *pc);
int precheck_join(struct precheck *pc, struct gr_error *ge);
void precheck_free(struct precheck *pc);
/* Release held output once the check is done (wait: block for it).
 * -1 when the script has a syntax error. */
int eng_precheck_settle(struct eng *e, int wait);

/* roshd's firewall reconciler (fwsync.c). */
int fw_reconcile(struct eng *e, char *err, size_t errsz);

/* Tell a running roshd the store changed; 0 when one listened. */
int eng_notify_daemon(struct eng *e);

/* Log a message with RouterOS topics ("script,info") through the
 * /system logging rules and actions. */
int eng_log(struct eng *e, const char *topics, const char *msg);

/* /system identity name, "MikroTik" when unset. */
void eng_identity(struct eng *e, char *out, size_t outsz);

/* Password hashing for /user (PBKDF2-SHA256). */
char *pw_hash(const char *password);

/* ------------------------------------------------------------------ */
/* Users and permissions (auth.c)                                      */
/* ------------------------------------------------------------------ */

/* Read the session user's policies from the store (at open, login). */
void auth_refresh(struct eng *e);
/* Does the session's group grant pol? */
int auth_may(const struct eng *e, enum sch_policy pol);
/* The permission check of every command (exec_cmd): fails with "not
 * enough permissions (9)" when the user's group lacks what command c
 * needs; notes changing commands for the journal. */
int auth_check(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c);
/* Fail command c for a missing policy. */
int auth_fail(struct eng *e, const struct ast_node *c);

/* ------------------------------------------------------------------ */
/* Change journal, undo/redo and safe mode (history.c)                 */
/* ------------------------------------------------------------------ */

/* Create the journal's tables; unroll safe mode of a dead holder. */
int hist_open(struct eng *e);
/* Around the transaction of one line or script (eng_run). */
void hist_line_begin(struct eng *e, const char *src, size_t len);
/* Journal the line's changes (before COMMIT); -1 on error. */
int hist_line_end(struct eng *e);
/* Drop the line's recording (rollback, dry run). */
void hist_line_abort(struct eng *e);
/* Stop recording a line that grows past what undo can hold. */
void hist_line_check(struct eng *e);
/* Before a line: unroll safe mode of a dead holder, notice a hijack. */
void hist_reap(struct eng *e);
/* After a line: whether this session still holds safe mode (quiet: a
 * rollback took it back, not another session). */
void hist_sync(struct eng *e, int quiet);
/* /undo, /redo and /safe-mode commands; *handled when c was one. */
int hist_cmd(struct xctx *x, const struct ast_node *c, int *handled);

#endif /* ROSH_ENGINE_LOCAL_H */
