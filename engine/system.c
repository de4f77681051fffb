/*
 * system.c - import of .rsc files, /system backup save|load, password
 * hashing for /user and the console prompt.
 */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine_local.h"

#define PW_ITER 50000
#define PW_SALT 16
#define PW_LEN 32
#define IMPORT_MAX (256L << 20)

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

/* A name in files/ (RouterOS file names), or an absolute path. */
static int
sys_file_path(struct eng *e, const char *name, const char *ext, char *out,
    size_t outsz)
{
	size_t nl = strlen(name), el = strlen(ext);

	if (nl == 0 || strstr(name, ".."))
		return -1;
	if (name[0] == '/') {
		snprintf(out, outsz, "%s", name);
		return 0;
	}
	if (strchr(name, '/'))
		return -1;
	snprintf(out, outsz, "%s/%s%s", e->files_dir, name,
	    nl > el && strcmp(name + nl - el, ext) == 0 ? "" : ext);
	return 0;
}

static char *
sys_read_file(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || st.st_size > IMPORT_MAX) {
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	*len = 0;
	while (buf && *len < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + *len, (size_t)st.st_size - *len);

		if (r <= 0)
			break;
		*len += (size_t)r;
	}
	close(fd);
	if (buf)
		buf[*len] = '\0';
	return buf;
}

/* ------------------------------------------------------------------ */
/* import                                                              */
/* ------------------------------------------------------------------ */

static int
import_run(struct xctx *x, const char *src, size_t len)
{
	struct gr_opts go = { "/", 0 };
	struct gr_stream *gs;
	struct gr_error ge = { 0 };
	struct ast_node *n;
	struct xctx sub = { 0 };
	struct scope sc = { 0 };
	struct val r;
	int eof = 0, rc = 0;

	/* A parse error anywhere in the file runs nothing of it. */
	gs = gr_stream_new(src, len, &go);
	ge.code = GR_OK;
	while (gs && (n = gr_stream_next(gs, &ge, &eof)) != NULL)
		ast_free(n);
	gr_stream_free(gs);
	if (ge.code != GR_OK)
		return eng_fail(x->e, ge.line, ge.col, "%s", ge.msg);
	sub.e = x->e;
	sub.sc = &sc;
	snprintf(sub.cwd, sizeof(sub.cwd), "/");
	gs = gr_stream_new(src, len, &go);
	while (rc == 0 && gs && (n = gr_stream_next(gs, &ge, &eof)) != NULL) {
		rc = exec_stmt(&sub, n, &r);
		val_free(&r);
		exec_stmt_done(x->e, n);
	}
	gr_stream_free(gs);
	scope_fini(&sc);
	val_free(&sub.retval);
	return rc;
}

/* Undo everything since SAVEPOINT rosh_import; the cached append
 * positions and free ids may point past what the store now holds. */
static void
import_rollback(struct xctx *x)
{
	int i;

	sqlite3_exec(x->e->db, "ROLLBACK TO rosh_import; RELEASE "
	    "rosh_import", NULL, NULL, NULL);
	for (i = 0; i < x->e->nrt; i++) {
		x->e->rt[i].next_ord = -1;
		x->e->rt[i].next_id = -1;
	}
}

static int
import_dry(struct xctx *x, const char *src, size_t len)
{
	int rc, quiet = x->e->quiet;

	if (st_exec(x->e, "SAVEPOINT rosh_import") < 0)
		return -1;
	x->e->quiet = 1;
	rc = import_run(x, src, len);
	x->e->quiet = quiet;
	import_rollback(x);
	return rc;
}

/*
 * An import is one transaction (docs/HACKING.md, README): when any line
 * fails, the lines before it are undone too, also when the caller goes
 * on after catching the error with :do on-error or :onerror.
 */
static int
import_atomic(struct xctx *x, const char *src, size_t len)
{
	int rc;

	if (st_exec(x->e, "SAVEPOINT rosh_import") < 0)
		return -1;
	rc = import_run(x, src, len);
	if (rc != 0)
		import_rollback(x);
	else
		sqlite3_exec(x->e->db, "RELEASE rosh_import", NULL, NULL,
		    NULL);
	return rc;
}

int
cmd_import(struct xctx *x, const struct ast_node *c)
{
	const struct ast_arg *fa = cmd_arg(c, "file-name");
	char path[4096], *name = NULL, *src;
	size_t len;
	int dry, rc;

	if (fa == NULL || fa->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) file-name");
	if (cmd_flag(x, c, "dry-run", &dry) < 0 ||
	    eval_text(x, fa->value, &name) < 0)
		return -1;
	if (sys_file_path(x->e, name, "", path, sizeof(path)) < 0 ||
	    (src = sys_read_file(path, &len)) == NULL) {
		/* A dry run (--check) writes no files, so a file the script
		 * exported itself is not there to read: nothing to check. */
		if (x->e->dry) {
			free(name);
			return 0;
		}
		rc = eng_fail(x->e, fa->line, fa->col, "failure: no such file "
		    "%s", name);
		free(name);
		return rc;
	}
	free(name);
	rc = dry ? import_dry(x, src, len) : import_atomic(x, src, len);
	free(src);
	if (rc == 0)
		eng_printf(x->e, "\nScript file loaded and executed "
		    "successfully\n");
	return rc;
}

/* ------------------------------------------------------------------ */
/* /system backup                                                      */
/* ------------------------------------------------------------------ */

/* Copy the rows of one table of the store into the backup file. */
static int
backup_save_rows(sqlite3 *src, sqlite3 *dst, const char *table)
{
	sqlite3_stmt *sel = NULL, *ins = NULL;
	struct sbuf sql;
	int i, n, rc;

	sb_init(&sql);
	sb_printf(&sql, "SELECT * FROM \"%s\"", table);
	rc = sqlite3_prepare_v2(src, sb_str(&sql), -1, &sel, NULL);
	n = rc == SQLITE_OK ? sqlite3_column_count(sel) : 0;
	sb_reset(&sql);
	sb_printf(&sql, "INSERT INTO \"%s\" VALUES (", table);
	for (i = 0; i < n; i++)
		sb_puts(&sql, i ? ",?" : "?");
	sb_putc(&sql, ')');
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(dst, sb_str(&sql), -1, &ins, NULL);
	sb_fini(&sql);
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			sqlite3_bind_value(ins, i + 1,
			    sqlite3_column_value(sel, i));
		rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK :
		    SQLITE_ERROR;
		sqlite3_reset(ins);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Write the store, as this session sees it (the running script's own
 * changes included), into the fresh database dst.  sqlite3_backup cannot
 * do this: it refuses with SQLITE_BUSY while the source connection is in
 * a write transaction, and every script runs inside one.
 */
static int
backup_save_copy(struct eng *e, sqlite3 *dst)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(e->db, "SELECT type, name, sql FROM "
	    "sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
	    "'sqlite_%' ORDER BY type<>'table'", -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(dst, "BEGIN", NULL, NULL, NULL);
	while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);

		rc = sqlite3_exec(dst, (const char *)sqlite3_column_text(s, 2),
		    NULL, NULL, NULL);
		if (rc == SQLITE_OK && strcmp(type, "table") == 0 &&
		    backup_save_rows(e->db, dst, name) < 0)
			rc = SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : -1;
}

static int
backup_save(struct xctx *x, const char *path, const struct ast_node *c)
{
	sqlite3 *dst = NULL;

	unlink(path);
	if (sqlite3_open(path, &dst) != SQLITE_OK) {
		sqlite3_close(dst);
		return eng_fail_node(x->e, c, "failure: cannot create %s",
		    path);
	}
	if (backup_save_copy(x->e, dst) < 0) {
		eng_fail_node(x->e, c, "failure: backup: %s",
		    sqlite3_errmsg(dst));
		sqlite3_close(dst);
		unlink(path);
		return -1;
	}
	sqlite3_close(dst);
	eng_printf(x->e, "Configuration backup saved\n");
	return 0;
}

/* Copy one menu's rows from the backup into the store. */
static int
backup_copy_table(struct xctx *x, sqlite3 *src, const struct sch_menu *m)
{
	struct sbuf sql;
	sqlite3_stmt *s;
	char del[160];
	int rc;

	snprintf(del, sizeof(del), "DELETE FROM \"%s\"", m->table);
	if (st_exec(x->e, del) < 0)
		return -1;
	sb_init(&sql);
	sb_printf(&sql, "SELECT * FROM \"%s\"", m->table);
	rc = sqlite3_prepare_v2(src, sb_str(&sql), -1, &s, NULL);
	sb_fini(&sql);
	if (rc != SQLITE_OK)
		return 0;	/* a table the backup predates stays empty */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (st_copy_row(x->e, m, s) < 0) {
			sqlite3_finalize(s);
			return -1;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
backup_load(struct xctx *x, const char *path, const struct ast_node *c)
{
	sqlite3 *src = NULL;
	int i, rc = 0;

	if (access(path, R_OK) < 0 ||
	    sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(src);
		return eng_fail_node(x->e, c, "failure: no such backup file");
	}
	if (sqlite3_exec(src, "SELECT 1 FROM rosh_meta", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(src);
		return eng_fail_node(x->e, c, "failure: not a rosh backup");
	}
	eng_printf(x->e, "Restoring system configuration\n");
	for (i = 0; sch_menus[i] && rc == 0; i++)
		if (!(sch_menus[i]->flags & (M_ACTION_ONLY | M_RUNTIME |
		    M_KERNEL_LINKS | M_FILES)))
			rc = backup_copy_table(x, src, sch_menus[i]);
	sqlite3_close(src);
	if (rc < 0)
		return eng_fail_node(x->e, c, "failure: restore: %s",
		    st_errmsg(x->e));
	for (i = 0; i < x->e->nrt; i++) {
		x->e->rt[i].have_numbers = 0;
		x->e->rt[i].next_ord = -1;
		x->e->rt[i].next_id = -1;
	}
	eng_printf(x->e, "System configuration restored\n");
	return 0;
}

int
cmd_backup(struct xctx *x, const struct ast_node *c)
{
	const struct ast_arg *na = cmd_arg(c, SCH_NAME);
	char path[4096], *name = NULL;
	int rc;

	if (na && na->value && eval_text(x, na->value, &name) < 0)
		return -1;
	if (name == NULL) {
		char id[80];

		eng_identity(x->e, id, sizeof(id));
		name = strdup(id);
	}
	if (sys_file_path(x->e, name, ".backup", path, sizeof(path)) < 0) {
		free(name);
		return eng_fail(x->e, na ? na->line : c->line,
		    na ? na->col : c->col, "invalid value for argument name");
	}
	free(name);
	if (x->e->dry)
		return 0;
	/* Files are outside the transaction: only for a script known to
	 * parse. */
	if (eng_precheck_settle(x->e, 1) < 0)
		return -1;
	if (strcmp(c->name, "save") == 0)
		rc = backup_save(x, path, c);
	else
		rc = backup_load(x, path, c);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Passwords and prompt                                                */
/* ------------------------------------------------------------------ */

static void
hex(const unsigned char *b, int n, char *out)
{
	int i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* "$pbkdf2-sha256$ITER$SALT$HASH"; the clear text is never stored. */
char *
pw_hash(const char *password)
{
	unsigned char salt[PW_SALT], dk[PW_LEN];
	char saltx[2 * PW_SALT + 1], dkx[2 * PW_LEN + 1], *out;

	if (password[0] == '\0')
		return strdup("");
	if (RAND_bytes(salt, sizeof(salt)) != 1 ||
	    PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt,
	    sizeof(salt), PW_ITER, EVP_sha256(), sizeof(dk), dk) != 1)
		return NULL;
	hex(salt, PW_SALT, saltx);
	hex(dk, PW_LEN, dkx);
	out = malloc(32 + sizeof(saltx) + sizeof(dkx));
	sprintf(out, "$pbkdf2-sha256$%d$%s$%s", PW_ITER, saltx, dkx);
	OPENSSL_cleanse(dk, sizeof(dk));
	return out;
}

void
eng_identity(struct eng *e, char *out, size_t outsz)
{
	const struct sch_menu *m = sch_menu_find(SCH_MENU_IDENTITY);
	struct st_row r;
	int pi;

	snprintf(out, outsz, "MikroTik");
	if (m == NULL || sch_prop_find(m, SCH_NAME, &pi) == NULL ||
	    st_row_get(e, m, 0, &r) < 0)
		return;
	if (r.vals[pi])
		snprintf(out, outsz, "%s", r.vals[pi]);
	st_row_fini(m, &r);
}

void
eng_prompt(const struct eng *e, char *buf, size_t bufsz)
{
	char id[80];

	eng_identity((struct eng *)e, id, sizeof(id));
	/* At the root RouterOS prints "[admin@MikroTik] > "; safe mode
	 * shows "<SAFE>" for ">" (console-language 7.1). */
	snprintf(buf, bufsz, "[%s@%s] %s%s ", e->user, id,
	    strcmp(e->cwd, "/") == 0 ? "" : e->cwd,
	    e->safe_held ? "<SAFE>" : ">");
}
