/*
 * check_history.c - the change journal, /undo, /redo, /system history
 * and safe mode through the real engine and store.  "Exactly" is
 * checked on every configuration table row by row (ids, positions,
 * every column), read through a connection of its own, and on export.
 * A safe-mode holder dies for real: a child process takes safe mode,
 * makes changes and is killed with SIGKILL.
 */
#include <check.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine.h"
#include "schema.h"

struct ses {
	char *out;
	size_t outlen;
	FILE *outf;
	FILE *errf;
	struct eng *e;
	char err[512];
};

static char dir[64];
static char db[128];

static struct eng *
eng_at(const char *user, FILE *out, FILE *err)
{
	struct eng_opts o = { 0 };
	char msg[256];
	struct eng *e;

	o.db_path = db;
	o.user = user;
	o.out = out;
	o.err = err;
	e = eng_open(&o, msg, sizeof(msg));
	ck_assert_msg(e != NULL, "eng_open: %s", msg);
	return e;
}

static void
ses_open_as(struct ses *s, const char *user)
{
	memset(s, 0, sizeof(*s));
	s->outf = open_memstream(&s->out, &s->outlen);
	s->errf = tmpfile();
	s->e = eng_at(user, s->outf, s->errf);
}

static void
ses_open(struct ses *s)
{
	ses_open_as(s, "admin");
}

static void
ses_close(struct ses *s)
{
	if (s->e)
		eng_close(s->e);
	fclose(s->outf);
	fclose(s->errf);
	free(s->out);
	memset(s, 0, sizeof(*s));
}

static int
ses_try_flags(struct ses *s, const char *cmds, int flags)
{
	int rc;

	fflush(s->outf);
	rewind(s->outf);
	s->outlen = 0;
	rewind(s->errf);
	ck_assert_int_eq(ftruncate(fileno(s->errf), 0), 0);
	rc = eng_run(s->e, cmds, strlen(cmds), flags, NULL);
	fflush(s->outf);
	fflush(s->errf);
	rewind(s->errf);
	if (fgets(s->err, sizeof(s->err), s->errf) == NULL)
		s->err[0] = '\0';
	s->err[strcspn(s->err, "\n")] = '\0';
	if (s->out)
		s->out[s->outlen] = '\0';
	return rc;
}

static int
ses_try(struct ses *s, const char *cmds)
{
	return ses_try_flags(s, cmds, ENG_RUN_ATOMIC);
}

static const char *
ses_run(struct ses *s, const char *cmds)
{
	int rc = ses_try(s, cmds);

	ck_assert_msg(rc == 0, "%s: %s", cmds, s->err);
	return s->out ? s->out : "";
}

/* Every row of every configuration table, all columns, by id. */
static char *
dump(void)
{
	sqlite3 *d = NULL;
	sqlite3_stmt *st;
	char *buf = NULL, sql[160];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int i, k;

	ck_assert_int_eq(sqlite3_open_v2(db, &d, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	for (i = 0; sch_menus[i]; i++) {
		if (sch_menus[i]->flags & (M_RUNTIME | M_FILES | M_ACTION_ONLY))
			continue;
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY _id",
		    sch_menus[i]->table);
		ck_assert_int_eq(sqlite3_prepare_v2(d, sql, -1, &st, NULL),
		    SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			fprintf(f, "%s", sch_menus[i]->table);
			for (k = 0; k < sqlite3_column_count(st); k++)
				fprintf(f, "|%s", sqlite3_column_type(st, k) ==
				    SQLITE_NULL ? "\\N" :
				    (const char *)sqlite3_column_text(st, k));
			fputc('\n', f);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(d);
	fclose(f);
	return buf;
}

/* Is the store now exactly as dumped in `want`?  Tells how not. */
static int
dump_is(const char *want)
{
	char *now = dump();
	int same = strcmp(now, want) == 0;

	if (!same)
		fprintf(stderr, "store differs:\n--- want\n%s--- have\n%s",
		    want, now);
	free(now);
	return same;
}

static int
dump_differs(const char *from)
{
	char *now = dump();
	int differs = strcmp(now, from) != 0;

	free(now);
	return differs;
}

/* The store as export shows it, without the dated header. */
static char *
ses_export(struct ses *s)
{
	const char *out = ses_run(s, "/export verbose show-sensitive");
	const char *p = strstr(out, "\n# software id");

	p = p ? strchr(p + 1, '\n') : strchr(out, '\n');
	return strdup(p ? p : out);
}

static int
export_is(struct ses *s, const char *want)
{
	char *now = ses_export(s);
	int same = strcmp(now, want) == 0;

	free(now);
	return same;
}

static int
export_has(struct ses *s, const char *text)
{
	char *now = ses_export(s);
	int has = strstr(now, text) != NULL;

	free(now);
	return has;
}

static const char *
ses_count(struct ses *s, const char *where)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), ":put [:len [/system history find where "
	    "%s]]", where);
	return ses_run(s, cmd);
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/rosh-hist.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/config.db", dir);
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* ------------------------------------------------------------------ */
/* Undo and redo                                                       */
/* ------------------------------------------------------------------ */

static const char *const changes[] = {
	"/ip pool add name=p1 ranges=10.1.0.1-10.1.0.9",
	"/ip firewall filter add chain=input action=drop comment=x\n"
	    "/ip firewall filter add chain=forward action=accept comment=y\n"
	    "/ip firewall filter add chain=input action=accept comment=z\n"
	    "/ppp profile set default local-address=10.0.0.1",
	"/ip firewall filter move [find comment=z] destination=[find "
	    "comment=x]\n/ip pool set p1 ranges=10.2.0.1-10.2.0.9\n"
	    "/ip firewall filter remove [find comment=x]\n"
	    "/ppp secret add name=u1 password=s1 profile=default\n"
	    "/system identity set name=edge",
	"/ip pool set p1 name=p3\n"
	    "/ip firewall filter disable [find comment=y]",
	/* dynamic items derived from the server (menus.md A) */
	"/interface l2tp-server server set enabled=yes use-ipsec=required "
	    "ipsec-secret=S3cret",
	/* the whole store replaced by the backup of the start */
	"/system backup load name=start",
};
#define NCHANGES ((int)(sizeof(changes) / sizeof(changes[0])))

START_TEST(test_undo_redo_exact)
{
	char *d[NCHANGES + 1], *x[NCHANGES + 1];
	struct ses s;
	int i;

	ses_open(&s);
	/* Saving a backup changes no configuration: no entry. */
	ses_run(&s, "/system backup save name=start");
	d[0] = dump();
	x[0] = ses_export(&s);
	for (i = 0; i < NCHANGES; i++) {
		ses_run(&s, changes[i]);
		d[i + 1] = dump();
		x[i + 1] = ses_export(&s);
		ck_assert(dump_differs(d[i]));
	}
	for (i = NCHANGES; i > 0; i--) {
		ses_run(&s, "/undo");
		ck_assert(dump_is(d[i - 1]));
		ck_assert(export_is(&s, x[i - 1]));
	}
	ck_assert_int_eq(ses_try(&s, "/undo"), 1);
	ck_assert_str_eq(s.err, "failure: nothing to undo (line 1 column 1)");
	for (i = 1; i <= NCHANGES; i++) {
		ses_run(&s, "/redo");
		ck_assert(dump_is(d[i]));
		ck_assert(export_is(&s, x[i]));
	}
	ck_assert_int_eq(ses_try(&s, "/redo"), 1);
	ck_assert_str_eq(s.err, "failure: nothing to redo (line 1 column 1)");
	/* A new change after an undo ends redo. */
	ses_run(&s, "/undo");
	ses_run(&s, "/ip pool add name=late ranges=10.3.0.1-10.3.0.2");
	ck_assert_int_eq(ses_try(&s, "/redo"), 1);
	ses_run(&s, "/undo");
	ck_assert(dump_is(d[NCHANGES - 1]));
	for (i = 0; i <= NCHANGES; i++) {
		free(d[i]);
		free(x[i]);
	}
	ses_close(&s);
}
END_TEST

/* Undo in the middle of a line sees the line's own earlier changes. */
START_TEST(test_undo_same_line)
{
	struct ses s;
	char *d0, *d1;

	ses_open(&s);
	d0 = dump();
	ses_run(&s, "/ip pool add name=a ranges=10.1.0.1-10.1.0.2");
	d1 = dump();
	ses_run(&s, "/ip pool add name=b ranges=10.2.0.1-10.2.0.2; /undo");
	ck_assert(dump_is(d1));
	ses_run(&s, "/undo");
	ck_assert(dump_is(d0));
	/* A failing line is not journaled: nothing of it to undo. */
	ck_assert_int_eq(ses_try(&s, "/ip pool add name=c "
	    "ranges=10.3.0.1-10.3.0.2; /ip pool add name=c ranges=1.1.1.1"),
	    1);
	ck_assert_int_eq(ses_try(&s, "/undo"), 1);
	/* Reading is no change either. */
	ses_run(&s, "/redo; /ip pool print; /export");
	ses_run(&s, "/undo");
	ck_assert(dump_is(d0));
	free(d0);
	free(d1);
	ses_close(&s);
}
END_TEST

START_TEST(test_history_print)
{
	struct ses s;
	const char *out;

	ses_open(&s);
	ses_run(&s, "/ip pool add name=p1 ranges=10.1.0.1-10.1.0.9");
	ses_run(&s, "/user add name=ops group=full\n/ip pool remove p1");
	ses_run(&s, "/undo");
	out = ses_run(&s, "/system history print");
	ck_assert_msg(strstr(out, "U - UNDOABLE") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "/ip pool add name=p1 "
	    "ranges=10.1.0.1-10.1.0.9") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "/user add name=ops group=full") != NULL,
	    "%s", out);
	ck_assert_str_eq(ses_count(&s, "undoable"), "1\n");
	ck_assert_str_eq(ses_count(&s, "redoable"), "1\n");
	ck_assert_str_eq(ses_count(&s, "by=admin"), "2\n");
	ck_assert_str_eq(ses_count(&s, "policy=\"write,policy\""), "1\n");
	ck_assert_str_eq(ses_count(&s, "floating-undo"), "0\n");
	/* History is not configuration: export leaves it out. */
	ck_assert_ptr_null(strstr(ses_run(&s, "/export"), "history"));
	ses_close(&s);
}
END_TEST

/* Undoing a change to users needs what the change needed. */
START_TEST(test_undo_needs_policy)
{
	struct ses s, w;

	ses_open(&s);
	ses_run(&s, "/user add name=w group=write\n"
	    "/user add name=victim group=read");
	ses_open_as(&w, "w");
	ck_assert_int_eq(ses_try(&w, "/undo"), 1);
	ck_assert_str_eq(w.err, "not enough permissions (9) (line 1 column 1)");
	ses_run(&s, "/ip pool add name=p ranges=10.1.0.1-10.1.0.2");
	ses_run(&w, "/undo");
	ck_assert_str_eq(ses_run(&w, ":put [:len [/ip pool find]]"), "0\n");
	ses_close(&w);
	ses_close(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Safe mode survives the death of its holder                          */
/* ------------------------------------------------------------------ */

static const char *const baseline =
    "/ip pool add name=pool1 ranges=10.10.0.1-10.10.0.99\n"
    "/ppp profile add name=vpn local-address=10.10.0.1 "
    "remote-address=pool1\n"
    "/ip firewall filter add chain=input action=accept comment=first\n";

static const char *const in_safe_mode =
    "/ip firewall filter add chain=input action=drop comment=safe "
    "place-before=0\n"
    "/ppp profile set vpn local-address=10.10.0.254 idle-timeout=5m\n";

static int
child_run(struct eng *e, const char *cmds)
{
	return eng_run(e, cmds, strlen(cmds), ENG_RUN_ATOMIC, NULL);
}

/* The child: its own engine, safe mode, two changed lines, then wait to
 * be killed.  Exit codes tell the parent what went wrong. */
static void
child(int fd, int safe)
{
	FILE *null = fopen("/dev/null", "w");
	struct eng_opts o = { 0 };
	char err[256];
	struct eng *e;

	o.db_path = db;
	o.user = "admin";
	o.out = null;
	o.err = null;
	e = eng_open(&o, err, sizeof(err));
	if (e == NULL)
		_exit(2);
	if (safe && eng_safe_mode_take(e) != 0)
		_exit(3);
	if (child_run(e, "/ip firewall filter print") != 0 ||
	    child_run(e, in_safe_mode) != 0 || child_run(e, "/ip pool set "
	    "pool1 ranges=10.10.0.1-10.10.0.9") != 0)
		_exit(4);
	if (write(fd, "k", 1) != 1)
		_exit(5);
	for (;;)
		pause();
}

/* Start a child holding (or not) safe mode; returns its pid once its
 * changes are committed. */
static pid_t
child_start(int safe)
{
	int p[2], st;
	pid_t pid;
	char c;

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(p[0]);
		child(p[1], safe);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1) {
		waitpid(pid, &st, 0);
		ck_abort_msg("child failed, exit %d", WEXITSTATUS(st));
	}
	close(p[0]);
	return pid;
}

static void
child_kill(pid_t pid)
{
	int st;

	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

/* _i: who notices the dead holder: 0 the next console to start, 1 a
 * console already open at its next line, 2 roshd's pass. */
START_TEST(test_safe_mode_holder_killed)
{
	struct ses s, t;
	char *d0, *d1, *x0;
	pid_t pid;

	ses_open(&s);
	ses_run(&s, baseline);
	d0 = dump();
	x0 = ses_export(&s);
	pid = child_start(1);
	d1 = dump();
	ck_assert(dump_differs(d0));
	ck_assert(export_has(&s, "comment=safe"));
	/* While the holder lives a second session is refused. */
	ses_open(&t);
	ck_assert_int_eq(eng_safe_mode_take(t.e), ENG_SAFE_HELD);
	ck_assert_int_eq(ses_try(&t, "/safe-mode take"), 1);
	ck_assert_str_eq(t.err, "failure: safe mode is held by another "
	    "session (user admin) (line 1 column 1)");
	ck_assert_int_eq(eng_safe_mode_active(t.e), 0);
	ck_assert(dump_is(d1));
	child_kill(pid);
	if (_i == 0) {
		ses_close(&t);
		ses_close(&s);
		ses_open(&s);
	} else if (_i == 1) {
		ses_run(&t, ":put 1");
	} else {
		ck_assert_int_eq(eng_safe_mode_reap(t.e), 1);
		ck_assert_int_eq(eng_safe_mode_reap(t.e), 0);
	}
	ck_assert(dump_is(d0));
	ck_assert(export_is(&s, x0));
	ck_assert_str_eq(ses_count(&s, "floating-undo"), "0\n");
	/* Safe mode is free again. */
	if (t.e == NULL)
		ses_open(&t);
	ck_assert_int_eq(eng_safe_mode_take(t.e), 0);
	ck_assert_int_eq(eng_safe_mode_active(t.e), 1);
	ses_close(&t);
	ses_close(&s);
	free(d0);
	free(d1);
	free(x0);
}
END_TEST

START_TEST(test_no_safe_mode_changes_stay)
{
	struct ses s;
	char *d1;
	pid_t pid;

	ses_open(&s);
	ses_run(&s, baseline);
	pid = child_start(0);
	d1 = dump();
	child_kill(pid);
	ses_close(&s);
	ses_open(&s);
	ck_assert(dump_is(d1));
	ck_assert(export_has(&s, "comment=safe"));
	ses_close(&s);
	free(d1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Leaving safe mode                                                   */
/* ------------------------------------------------------------------ */

enum leave {
	L_RELEASE, L_UNROLL, L_EOF, L_QUIT, L_CLOSE, L_HANGUP, L_CMD_RELEASE,
	L_CMD_UNROLL, L_CMD_TOGGLE, L__COUNT
};

/* Whether a way of leaving keeps the changes. */
static const int leave_keeps[L__COUNT] = {
	[L_RELEASE] = 1, [L_QUIT] = 1, [L_CMD_RELEASE] = 1,
	[L_CMD_TOGGLE] = 1,
};

static void
leave(struct ses *s, enum leave how)
{
	switch (how) {
	case L_RELEASE:
		ck_assert_int_eq(eng_safe_mode_release(s->e), 0);
		break;
	case L_UNROLL:
		ck_assert_int_eq(eng_safe_mode_unroll(s->e), 0);
		break;
	case L_EOF:
		eng_session_end(s->e, ENG_END_EOF);
		break;
	case L_QUIT:
		eng_session_end(s->e, ENG_END_QUIT);
		break;
	case L_HANGUP:
		eng_session_end(s->e, ENG_END_HANGUP);
		break;
	case L_CLOSE:
		eng_close(s->e);
		s->e = NULL;
		break;
	case L_CMD_RELEASE:
		ck_assert_str_eq(ses_run(s, "/safe-mode release"),
		    "[Safe Mode released]\n");
		break;
	case L_CMD_UNROLL:
		ses_run(s, "/safe-mode unroll");
		break;
	default:
		ses_run(s, "/safe-mode toggle");
		break;
	}
}

START_TEST(test_safe_mode_leave)
{
	struct ses s, t;
	char *d0, *d1, prompt[128];

	ses_open(&s);
	ses_run(&s, baseline);
	d0 = dump();
	if (_i == L_CMD_TOGGLE)
		ck_assert_str_eq(ses_run(&s, "/safe-mode toggle"),
		    "[Safe Mode taken]\n");
	else
		ck_assert_int_eq(eng_safe_mode_take(s.e), 0);
	ck_assert_int_eq(eng_safe_mode_active(s.e), 1);
	eng_prompt(s.e, prompt, sizeof(prompt));
	ck_assert_str_eq(prompt, "[admin@MikroTik] <SAFE> ");
	ses_try_flags(&s, "/ip pool", ENG_RUN_LINE);
	eng_prompt(s.e, prompt, sizeof(prompt));
	ck_assert_str_eq(prompt, "[admin@MikroTik] /ip/pool<SAFE> ");
	ses_run(&s, in_safe_mode);
	ses_run(&s, "/ip pool add name=pool2 ranges=10.20.0.1-10.20.0.2");
	ck_assert_str_eq(ses_count(&s, "floating-undo"), "2\n");
	d1 = dump();
	leave(&s, (enum leave)_i);
	if (s.e != NULL && _i != L_EOF && _i != L_QUIT && _i != L_HANGUP) {
		ck_assert_int_eq(eng_safe_mode_active(s.e), 0);
		eng_prompt(s.e, prompt, sizeof(prompt));
		ck_assert_str_eq(prompt, "[admin@MikroTik] /ip/pool> ");
	}
	ck_assert(dump_is(leave_keeps[_i] ? d1 : d0));
	ses_open(&t);
	ck_assert(dump_is(leave_keeps[_i] ? d1 : d0));
	ck_assert_str_eq(ses_count(&t, "floating-undo"), "0\n");
	ck_assert_int_eq(eng_safe_mode_take(t.e), 0);
	ses_close(&t);
	ses_close(&s);
	free(d0);
	free(d1);
}
END_TEST

/* Changes of other sessions while safe mode is held float too. */
START_TEST(test_safe_mode_other_session)
{
	struct ses a, b;
	char *d0;

	ses_open(&a);
	ses_open(&b);
	ses_run(&a, baseline);
	d0 = dump();
	ck_assert_str_eq(ses_run(&a, "/safe-mode take"), "[Safe Mode taken]\n");
	ses_run(&a, in_safe_mode);
	ses_run(&b, "/ip pool add name=pool3 ranges=10.30.0.1-10.30.0.2");
	ses_run(&a, "/ip pool set pool3 ranges=10.30.0.1-10.30.0.3");
	ck_assert_str_eq(ses_count(&b, "floating-undo"), "3\n");
	ck_assert_str_eq(ses_run(&a, "/safe-mode unroll"),
	    "[Safe Mode unrolled]\n");
	ck_assert(dump_is(d0));
	free(d0);
	ses_close(&b);
	ses_close(&a);
}
END_TEST

/* Hijacking: _i 0 unrolls the holder's changes, 1 keeps them. */
START_TEST(test_safe_mode_hijack)
{
	struct ses a, b;
	char *d0, *d1, who[64] = "";

	ses_open(&a);
	ses_open(&b);
	ses_run(&a, baseline);
	d0 = dump();
	ck_assert_int_eq(eng_safe_mode_take(a.e), 0);
	ses_run(&a, in_safe_mode);
	d1 = dump();
	ck_assert_int_eq(eng_safe_mode_holder(b.e, who, sizeof(who)), 1);
	ck_assert_str_eq(who, "admin");
	ck_assert_int_eq(eng_safe_mode_holder(a.e, who, sizeof(who)), 0);
	ck_assert_int_eq(eng_safe_mode_hijack(b.e, _i == 0 ?
	    ENG_SAFE_UNROLL : ENG_SAFE_RELEASE), 0);
	ck_assert(dump_is(_i == 0 ? d0 : d1));
	ck_assert_int_eq(eng_safe_mode_active(a.e), 0);
	ck_assert_int_eq(eng_safe_mode_active(b.e), 1);
	/* The old holder leaving abnormally undoes nothing now. */
	eng_session_end(a.e, ENG_END_HANGUP);
	ck_assert(dump_is(_i == 0 ? d0 : d1));
	ses_run(&b, "/ip pool add name=pool4 ranges=10.40.0.1-10.40.0.2");
	eng_session_end(b.e, ENG_END_EOF);
	ck_assert(dump_is(_i == 0 ? d0 : d1));
	free(d0);
	free(d1);
	ses_close(&b);
	ses_close(&a);
}
END_TEST

START_TEST(test_safe_mode_undo)
{
	struct ses s;
	char *d1;

	ses_open(&s);
	ses_run(&s, baseline);
	d1 = dump();
	ck_assert_int_eq(eng_safe_mode_take(s.e), 0);
	ses_run(&s, in_safe_mode);
	ses_run(&s, "/undo");
	ck_assert(dump_is(d1));
	ck_assert_int_eq(ses_try(&s, "/undo"), 1);
	ck_assert_str_eq(s.err, "failure: can not undo a change made before "
	    "safe mode was taken (line 1 column 1)");
	ses_run(&s, "/redo");
	ck_assert_int_eq(eng_safe_mode_unroll(s.e), 0);
	ck_assert(dump_is(d1));
	free(d1);
	ses_close(&s);
}
END_TEST

/* console-language 7.4: past 100 undoable actions safe mode is dropped
 * and the changes stay. */
START_TEST(test_safe_mode_limit)
{
	struct ses s;
	char cmd[128];
	int i;

	ses_open(&s);
	ck_assert_int_eq(eng_safe_mode_take(s.e), 0);
	for (i = 0; i < 100; i++) {
		snprintf(cmd, sizeof(cmd), "/ip firewall address-list add "
		    "list=l address=10.0.%d.%d", i / 256, i % 256);
		ck_assert_str_eq(ses_run(&s, cmd), "");
	}
	ck_assert_int_eq(eng_safe_mode_active(s.e), 1);
	ck_assert_str_eq(ses_run(&s, "/ip firewall address-list add list=l "
	    "address=10.1.0.1"), "[Safe Mode released: more than 100 "
	    "changes]\n");
	ck_assert_int_eq(eng_safe_mode_active(s.e), 0);
	eng_session_end(s.e, ENG_END_HANGUP);
	ck_assert_str_eq(ses_run(&s, ":put [/ip firewall address-list print "
	    "count-only]"), "101\n");
	ses_close(&s);
}
END_TEST

static Suite *
history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc;

	tc = tcase_create("undo");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_undo_redo_exact);
	tcase_add_test(tc, test_undo_same_line);
	tcase_add_test(tc, test_history_print);
	tcase_add_test(tc, test_undo_needs_policy);
	suite_add_tcase(s, tc);
	tc = tcase_create("safe mode");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_safe_mode_holder_killed, 0, 3);
	tcase_add_test(tc, test_no_safe_mode_changes_stay);
	tcase_add_loop_test(tc, test_safe_mode_leave, 0, L__COUNT);
	tcase_add_test(tc, test_safe_mode_other_session);
	tcase_add_loop_test(tc, test_safe_mode_hijack, 0, 2);
	tcase_add_test(tc, test_safe_mode_undo);
	tcase_add_test(tc, test_safe_mode_limit);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(history_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
