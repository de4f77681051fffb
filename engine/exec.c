/*
 * exec.c - the engine's entry points, statement dispatch and scopes.
 *
 * A script runs as one SQLite transaction: it either applies completely or
 * leaves the store exactly as it was.  An interactive line is a script of
 * its own.  Errors carry the line and column of what caused them.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine_local.h"

#define ENG_MAX_DEPTH 64

int
eng_fail(struct eng *e, int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (e->err.set)
		return -1;
	e->err.set = 1;
	e->err.line = line;
	e->err.col = col;
	e->err.from_error_cmd = 0;
	va_start(ap, fmt);
	vsnprintf(e->err.msg, sizeof(e->err.msg), fmt, ap);
	va_end(ap);
	return -1;
}

int
eng_fail_node(struct eng *e, const struct ast_node *n, const char *fmt, ...)
{
	va_list ap;

	if (e->err.set)
		return -1;
	e->err.set = 1;
	e->err.line = n ? n->line : 0;
	e->err.col = n ? n->col : 0;
	e->err.from_error_cmd = 0;
	va_start(ap, fmt);
	vsnprintf(e->err.msg, sizeof(e->err.msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
eng_out(struct eng *e, const char *s, size_t n)
{
	if (e->quiet)
		return;
	if (e->pc) {
		sb_put(&e->held, s, n);
		return;
	}
	fwrite(s, 1, n, e->o.out);
}

void
eng_printf(struct eng *e, const char *fmt, ...)
{
	va_list ap;

	if (e->quiet)
		return;
	va_start(ap, fmt);
	if (e->pc)
		sb_vprintf(&e->held, fmt, ap);
	else
		vfprintf(e->o.out, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Scopes                                                              */
/* ------------------------------------------------------------------ */

void
scope_set(struct scope *sc, const char *name, struct val v)
{
	int i;

	for (i = 0; i < sc->n; i++) {
		if (strcmp(sc->vars[i].name, name) == 0) {
			val_free(&sc->vars[i].v);
			sc->vars[i].v = v;
			return;
		}
	}
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 8;
		sc->vars = realloc(sc->vars, (size_t)sc->cap *
		    sizeof(*sc->vars));
		if (sc->vars == NULL)
			abort();
	}
	sc->vars[sc->n].name = strdup(name);
	sc->vars[sc->n].v = v;
	sc->n++;
}

void
scope_fini(struct scope *sc)
{
	int i;

	for (i = 0; i < sc->n; i++) {
		free(sc->vars[i].name);
		val_free(&sc->vars[i].v);
	}
	free(sc->vars);
	sc->vars = NULL;
	sc->n = sc->cap = 0;
}

struct var *
scope_lookup(struct xctx *x, const char *name)
{
	struct scope *sc;
	int i;

	for (sc = x->sc; sc; sc = sc->up)
		for (i = 0; i < sc->n; i++)
			if (strcmp(sc->vars[i].name, name) == 0)
				return &sc->vars[i];
	for (i = 0; i < x->e->globals.n; i++)
		if (strcmp(x->e->globals.vars[i].name, name) == 0)
			return &x->e->globals.vars[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

const struct ast_arg *
cmd_arg(const struct ast_node *c, const char *name)
{
	int i;

	for (i = 0; i < c->nargs; i++)
		if (strcmp(c->args[i].name, name) == 0)
			return &c->args[i];
	return NULL;
}

/* A flag argument: present without value, or name=yes/no. */
int
cmd_flag(struct xctx *x, const struct ast_node *c, const char *name, int *on)
{
	const struct ast_arg *a = cmd_arg(c, name);
	struct val v;
	int ok;

	*on = 0;
	if (a == NULL)
		return 0;
	if (a->value == NULL) {
		*on = !a->negated;
		return 0;
	}
	if (eval(x, a->value, &v) < 0)
		return -1;
	*on = val_truthy(&v, &ok);
	val_free(&v);
	if (!ok)
		return eng_fail(x->e, a->line, a->col,
		    "invalid value for argument %s", name);
	return 0;
}

static int
exec_unsupported(struct xctx *x, const struct ast_node *c)
{
	/* A real export names menus rosh does not implement; --check
	 * only vouches that RouterOS would accept them. */
	if (x->e->checking)
		return 0;
	return eng_fail_node(x->e, c, "not supported: %s %s is not "
	    "implemented by rosh", c->path, c->name);
}

static int
exec_cmd(struct xctx *x, const struct ast_node *c, struct val *ret)
{
	const struct sch_menu *m;
	int handled = 0, rc;

	/* Every command of every line, script, import and function body
	 * passes here: the one place permissions are checked. */
	m = strcmp(c->path, "/") == 0 ? NULL : sch_menu_find(c->path);
	if (auth_check(x, m, c) < 0)
		return -1;
	hist_line_check(x->e);
	rc = hist_cmd(x, c, &handled);
	if (handled)
		return rc;
	if (strcmp(c->path, "/") == 0) {
		rc = script_cmd(x, c, ret, &handled);
		if (handled)
			return rc;
		return exec_unsupported(x, c);
	}
	if (m != NULL)
		return menu_cmd(x, m, c, ret);
	if (strcmp(c->name, "export") == 0)
		return cmd_export(x, c->path, c);
	rc = script_cmd(x, c, ret, &handled);
	if (handled)
		return rc;
	return exec_unsupported(x, c);
}

/*
 * "$f a b=c" and "[$f a b=c]" (console-language 8.4): run the code held
 * by f in a scope of its own holding $0 (the name), $1, $2... and the
 * named arguments; the body sees globals but not the caller's locals.
 * Its :return value is the value of the call.  A variable that holds no
 * code just yields its value.
 */
static int
exec_call(struct xctx *x, const struct ast_node *n, struct val *ret)
{
	struct var *f = scope_lookup(x, n->text ? n->text : "");
	const struct ast_node *code;
	struct scope args = { 0 };
	struct xctx sub = { 0 };
	struct val v;
	int i, rc;

	if (f == NULL)
		return 0;
	if (f->v.t != VT_CODE) {
		*ret = val_copy(&f->v);
		return 0;
	}
	code = f->v.u.code;
	for (i = 0; i < n->nargs; i++) {
		const struct ast_arg *a = &n->args[i];

		if (a->value == NULL)
			v = val_bool(!a->negated);
		else if (eval(x, a->value, &v) < 0) {
			scope_fini(&args);
			return -1;
		}
		scope_set(&args, a->name, v);
	}
	scope_set(&args, "0", val_cstr(n->text));
	sub.e = x->e;
	sub.sc = &args;
	memcpy(sub.cwd, x->cwd, sizeof(sub.cwd));
	rc = exec_block(&sub, code, 1);
	if (rc == 0 && sub.returning) {
		*ret = sub.retval;
		sub.retval = val_nothing();
	}
	val_free(&sub.retval);
	scope_fini(&args);
	return rc;
}

void
exec_stmt_done(struct eng *e, struct ast_node *n)
{
	struct ast_node **k;

	if (!e->keep_stmt) {
		ast_free(n);
		return;
	}
	e->keep_stmt = 0;
	k = realloc(e->kept, (size_t)(e->nkept + 1) * sizeof(*k));
	if (k == NULL)
		abort();
	e->kept = k;
	e->kept[e->nkept++] = n;
}

int
exec_stmt(struct xctx *x, const struct ast_node *n, struct val *ret)
{
	struct val tmp;

	*ret = val_nothing();
	switch (n->type) {
	case AST_CD:
		snprintf(x->cwd, sizeof(x->cwd), "%s", n->path);
		return 0;
	case AST_BLOCK:
		return exec_block(x, n, 1);
	case AST_CMD:
		return exec_cmd(x, n, ret);
	case AST_CALL:
		return exec_call(x, n, ret);
	case AST_EXPR_STMT:
		if (n->nkids < 1)
			return 0;
		if (eval(x, n->kids[0], &tmp) < 0)
			return -1;
		*ret = tmp;
		return 0;
	default:
		if (eval(x, n, &tmp) < 0)
			return -1;
		*ret = tmp;
		return 0;
	}
}

int
exec_block(struct xctx *x, const struct ast_node *blk, int newscope)
{
	struct scope sc = { 0 }, *saved = x->sc;
	char cwd[sizeof(x->cwd)];
	struct val r;
	int i, rc = 0;

	if (x->e->depth >= ENG_MAX_DEPTH)
		return eng_fail_node(x->e, blk, "failure: nesting too deep");
	x->e->depth++;
	memcpy(cwd, x->cwd, sizeof(cwd));
	if (blk->path)
		snprintf(x->cwd, sizeof(x->cwd), "%s", blk->path);
	if (newscope) {
		sc.up = x->sc;
		x->sc = &sc;
	}
	for (i = 0; i < blk->nkids && rc == 0 && !x->returning; i++) {
		rc = exec_stmt(x, blk->kids[i], &r);
		val_free(&r);
	}
	if (newscope) {
		x->sc = saved;
		scope_fini(&sc);
		memcpy(x->cwd, cwd, sizeof(cwd));
	}
	x->e->depth--;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Engine API                                                          */
/* ------------------------------------------------------------------ */

static char *
eng_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	d = strndup(path, (size_t)(slash - path));
	return d;
}

struct eng *
eng_open(const struct eng_opts *o, char *err, size_t errsz)
{
	struct eng *e = calloc(1, sizeof(*e));
	char *dir;
	size_t n;

	if (e == NULL) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	e->o = *o;
	e->db_path = strdup(o->db_path);
	e->user = strdup(o->user ? o->user : "admin");
	dir = eng_dir_of(o->db_path);
	n = strlen(dir) + sizeof("/files");
	e->files_dir = malloc(n);
	snprintf(e->files_dir, n, "%s/files", dir);
	free(dir);
	snprintf(e->cwd, sizeof(e->cwd), "/");
	e->echo_seen = -1;
	sb_init(&e->out);
	if (st_open(e, err, errsz) < 0) {
		eng_close(e);
		return NULL;
	}
	e->err.set = 0;
	if (mkdir(e->files_dir, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errsz, "cannot create %s: %s", e->files_dir,
		    strerror(errno));
		eng_close(e);
		return NULL;
	}
	if (links_refresh(e) < 0)
		e->err.set = 0;
	/* The rights of the session's user, as at login. */
	auth_refresh(e);
	/* Undo data and safe mode; a dead holder's changes go now. */
	if (hist_open(e) < 0) {
		snprintf(err, errsz, "cannot set up %s: %s", e->db_path,
		    e->err.msg);
		eng_close(e);
		return NULL;
	}
	e->err.set = 0;
	return e;
}

void
eng_close(struct eng *e)
{
	if (e == NULL)
		return;
	/* Ending without saying how is ending abnormally. */
	if (e->db && !e->ended)
		eng_session_end(e, ENG_END_HANGUP);
	if (e->db)
		st_close(e);
	scope_fini(&e->globals);
	while (e->nkept > 0)
		ast_free(e->kept[--e->nkept]);
	free(e->kept);
	sb_fini(&e->out);
	precheck_free(e->pc);
	sb_fini(&e->held);
	free(e->fw_applied);
	free(e->db_path);
	free(e->files_dir);
	free(e->user);
	free(e);
}

const char *
eng_cwd(const struct eng *e)
{
	return e->cwd;
}

const char *
eng_files_dir(const struct eng *e)
{
	return e->files_dir;
}

static void
eng_report(struct eng *e)
{
	if (!e->err.set)
		return;
	if (e->err.from_error_cmd || e->err.line <= 0)
		fprintf(e->o.err, "%s\n", e->err.msg);
	else
		fprintf(e->o.err, "%s (line %d column %d)\n", e->err.msg,
		    e->err.line, e->err.col);
	fflush(e->o.err);
}

static int
eng_parse_fail(struct eng *e, const struct gr_error *ge)
{
	char buf[512];

	gr_error_format(ge, buf, sizeof(buf));
	fprintf(e->o.err, "%s\n", buf);
	fflush(e->o.err);
	return 1;
}

/*
 * Run the statements of a stream one at a time, so a file of a million
 * lines never has to be held as one syntax tree.
 */
static int
eng_run_stream(struct eng *e, struct xctx *x, const char *src, size_t len,
    const struct gr_opts *go)
{
	struct gr_stream *gs;
	struct gr_error ge = { 0 };
	struct ast_node *n;
	struct val r;
	int eof = 0, rc = 0;

	gs = gr_stream_new(src, len, go);
	if (gs == NULL)
		return eng_fail(e, 0, 0, "failure: out of memory");
	while (rc == 0 && !x->returning) {
		n = gr_stream_next(gs, &ge, &eof);
		if (n == NULL) {
			if (ge.code != GR_OK)
				rc = eng_fail(e, ge.line, ge.col, "%s",
				    ge.msg);
			break;
		}
		rc = exec_stmt(x, n, &r);
		val_free(&r);
		exec_stmt_done(e, n);
		if (rc == 0 && eng_precheck_settle(e, 0) < 0)
			rc = -1;
	}
	gr_stream_free(gs);
	return rc;
}

int
eng_run(struct eng *e, const char *src, size_t len, int flags,
    int *incomplete)
{
	struct gr_opts go = { 0 };
	struct gr_error ge = { 0 };
	struct ast_node *root;
	struct xctx x = { 0 };
	struct scope top = { 0 };
	sqlite3_int64 changes;
	int inc = 0, rc;

	e->err.set = 0;
	go.cwd = (flags & ENG_RUN_LINE) ? e->cwd : "/";
	go.interactive = (flags & ENG_RUN_LINE) != 0;
	if (incomplete)
		*incomplete = 0;
	if (flags & ENG_RUN_LINE) {
		root = gr_parse(src, len, &go, &ge, &inc);
		if (root == NULL) {
			if (inc && incomplete) {
				*incomplete = 1;
				return 0;
			}
			return eng_parse_fail(e, &ge);
		}
		ast_free(root);
	} else {
		/* Parsed in parallel; see precheck.c. */
		e->pc = precheck_start(src, len, &go);
		e->parse_failed = 0;
		sb_reset(&e->held);
	}
	x.e = e;
	x.sc = &top;
	snprintf(x.cwd, sizeof(x.cwd), "%s", go.cwd);
	e->quiet = (flags & ENG_RUN_DRYRUN) != 0;
	e->dry = e->quiet;
	e->checking = (flags & ENG_RUN_CHECK) != 0;
	e->any_ifname = (flags & ENG_RUN_ANYIF) != 0;
	if (!(flags & ENG_RUN_DRYRUN))
		hist_reap(e);
	if (st_begin(e) < 0) {
		fprintf(e->o.err, "failure: store: %s\n", st_errmsg(e));
		return 1;
	}
	changes = sqlite3_total_changes64(e->db);
	if (!(flags & ENG_RUN_DRYRUN))
		hist_line_begin(e, src, len);
	rc = eng_run_stream(e, &x, src, len, &go);
	/* Whatever happened while it ran, a syntax error wins: nothing of
	 * the script counts. */
	if (e->pc && eng_precheck_settle(e, 1) < 0) {
		struct gr_error pe;

		precheck_join(e->pc, &pe);
		precheck_free(e->pc);
		e->pc = NULL;
		sb_reset(&e->held);
		hist_line_abort(e);
		st_rollback(e);
		hist_sync(e, 1);
		scope_fini(&top);
		val_free(&x.retval);
		e->quiet = e->dry = e->checking = e->any_ifname = 0;
		return eng_parse_fail(e, &pe);
	}
	scope_fini(&top);
	val_free(&x.retval);
	e->quiet = 0;
	e->dry = 0;
	e->checking = 0;
	e->any_ifname = 0;
	/* The journal entry commits with the change it undoes. */
	if (rc == 0 && !(flags & ENG_RUN_DRYRUN) && hist_line_end(e) < 0)
		rc = -1;
	hist_line_abort(e);
	if (rc == 0 && !(flags & ENG_RUN_DRYRUN) && st_commit(e) < 0)
		rc = eng_fail(e, 0, 0, "failure: store: %s", st_errmsg(e));
	if (rc != 0 || (flags & ENG_RUN_DRYRUN))
		st_rollback(e);
	if (!(flags & ENG_RUN_DRYRUN))
		hist_sync(e, rc != 0);
	if (rc == 0 && (flags & ENG_RUN_LINE))
		snprintf(e->cwd, sizeof(e->cwd), "%s", x.cwd);
	/* A running roshd applies the change now, not at its next check. */
	if (rc == 0 && !(flags & ENG_RUN_DRYRUN) &&
	    sqlite3_total_changes64(e->db) != changes)
		eng_notify_daemon(e);
	fflush(e->o.out);
	if (rc != 0) {
		eng_report(e);
		return 1;
	}
	return 0;
}

