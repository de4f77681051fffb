/*
 * main.c - the rosh command: interactive console or script runner.
 *
 *   rosh [--db FILE] [--user NAME]            interactive (with a terminal)
 *   rosh [--db FILE] -c 'commands'            run commands
 *   rosh [--db FILE] FILE.rsc | -             run a script file / stdin
 *   rosh --check FILE.rsc                     parse only
 *
 * Script mode prints exactly what the console prints, errors go to
 * stderr, and the exit status is 0 on success and 1 on any error.
 *
 * The session acts as the /user named like the Unix account (or
 * --user, which only root and the store's owner may give); root and the
 * store's owner act as admin when they have no /user of their own.  As
 * an account's login shell (docs/ssh.md) rosh gets "-c COMMAND" from
 * sshd for `ssh box command`, or nothing for an interactive login.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "shell.h"

#define ROSH_DEFAULT_DB "/var/lib/rosh/config.db"
#define ROSH_MAX_SCRIPT (256L << 20)

/* Set when the terminal or connection went away (or we were told to
 * stop): the session ends abnormally and safe mode is undone. */
static volatile sig_atomic_t rosh_hangup;

struct rosh_args {
	const char *db;
	const char *user;
	const char *cmds;	/* -c */
	const char *file;	/* script file, "-" = stdin */
	const char *check;	/* --check FILE */
};

static void
usage(void)
{
	fputs("usage: rosh [--db FILE] [--user NAME] [-c COMMANDS | FILE.rsc "
	    "| -]\n       rosh --check FILE.rsc\n", stderr);
}

static int
parse_args(int argc, char **argv, struct rosh_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			a->db = argv[++i];
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			a->user = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			a->cmds = argv[++i];
		else if (strcmp(argv[i], "--check") == 0 && i + 1 < argc)
			a->check = argv[++i];
		else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return -1;
		else if (a->file == NULL && (argv[i][0] != '-' ||
		    strcmp(argv[i], "-") == 0))
			a->file = argv[i];
		else
			return -1;
	}
	return 0;
}

/* Read a whole file (or stdin for "-"). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL)
		return NULL;
	for (;;) {
		if (cap - *len < 65536) {
			cap = cap ? cap * 2 : 131072;
			if (cap > (size_t)ROSH_MAX_SCRIPT + 65536) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = realloc(buf, cap);
			if (buf == NULL)
				break;
		}
		n = fread(buf + *len, 1, cap - *len - 1, f);
		if (n == 0)
			break;
		*len += n;
	}
	if (buf)
		buf[*len] = '\0';
	if (f != stdin)
		fclose(f);
	return buf;
}

/*
 * --check: parse, then dry-run on a scratch copy-free store (or the store
 * given with --db) inside a transaction that is rolled back, so missing
 * references and duplicates are found at the right line without anything
 * being executed for real.
 */
static struct eng *open_engine(const struct rosh_args *a, int interactive);

static void
remove_tree(const char *dir)
{
	char cmd[PATH_MAX + 32];

	if (strncmp(dir, "/tmp/rosh-check.", 16) != 0)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "rosh: could not remove %s\n", dir);
}

static int
run_check(const struct rosh_args *a)
{
	struct rosh_args ca = *a;
	char dir[] = "/tmp/rosh-check.XXXXXX", db[PATH_MAX], *src;
	struct eng *e;
	size_t len;
	int rc, scratch = a->db == NULL;

	src = slurp(a->check, &len);
	if (src == NULL) {
		fprintf(stderr, "rosh: cannot read %s: %s\n", a->check,
		    strerror(errno));
		return 1;
	}
	if (scratch) {
		if (mkdtemp(dir) == NULL) {
			free(src);
			return 1;
		}
		snprintf(db, sizeof(db), "%s/config.db", dir);
		ca.db = db;
	}
	e = open_engine(&ca, 0);
	/* Without --db the script is checked as another machine's export:
	 * its interface names need not exist here. */
	rc = e ? eng_run(e, src, len, ENG_RUN_ATOMIC | ENG_RUN_DRYRUN |
	    ENG_RUN_CHECK | (scratch ? ENG_RUN_ANYIF : 0), NULL) : 1;
	eng_close(e);
	if (scratch)
		remove_tree(dir);
	free(src);
	return rc;
}

/* The default store's directory may not exist on a fresh machine. */
static void
ensure_dir_of(const char *path)
{
	char dir[PATH_MAX], *p;

	snprintf(dir, sizeof(dir), "%s", path);
	p = strrchr(dir, '/');
	if (p == NULL || p == dir)
		return;
	*p = '\0';
	for (p = dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
	}
	mkdir(dir, 0755);
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* The store: --db, else $ROSH_DB, else the system's. */
static const char *
store_path(const struct rosh_args *a)
{
	const char *env = getenv("ROSH_DB");

	if (a->db)
		return a->db;
	return env && *env ? env : ROSH_DEFAULT_DB;
}

/*
 * A store shared by the accounts of a group sits in a setgid directory
 * (rosh-adduser makes it so): what rosh creates there (exports, the
 * store's -wal and -shm files) stays writable for the group.
 */
static void
shared_umask(const char *db)
{
	char dir[PATH_MAX], *p;
	struct stat st;
	mode_t old;

	snprintf(dir, sizeof(dir), "%s", db);
	p = strrchr(dir, '/');
	if (p == NULL)
		snprintf(dir, sizeof(dir), ".");
	else
		*(p == dir ? p + 1 : p) = '\0';
	if (stat(dir, &st) < 0 || !(st.st_mode & S_ISGID))
		return;
	old = umask(0);
	umask(old & 0707);
}

/* Root and the store's owner may act as any /user: they could change
 * the store's file directly anyway.  A store that does not exist yet
 * will be the caller's. */
static int
store_privileged(const char *db)
{
	struct stat st;

	if (getuid() == 0)
		return 1;
	if (stat(db, &st) < 0)
		return errno == ENOENT;
	return st.st_uid == getuid();
}

static int
login(struct eng *e, const struct rosh_args *a, int privileged,
    int interactive)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *ssh = getenv("SSH_CONNECTION");
	struct eng_login l = { 0 };
	char err[512], addr[64];

	l.user = a->user ? a->user : pw ? pw->pw_name : NULL;
	l.admin_fallback = a->user == NULL && privileged;
	/* sshd: "CLIENT-ADDRESS CLIENT-PORT SERVER-ADDRESS SERVER-PORT" */
	if (ssh && sscanf(ssh, "%63s", addr) == 1) {
		l.address = addr;
		l.via = ENG_VIA_SSH;
	}
	l.interactive = interactive;
	if (eng_login(e, &l, err, sizeof(err)) == 0)
		return 0;
	fprintf(stderr, "rosh: %s\n", err);
	return -1;
}

static struct eng *
open_engine(const struct rosh_args *a, int interactive)
{
	struct eng_opts o = { 0 };
	const struct passwd *pw;
	struct eng *e;
	char err[512];
	int privileged;

	o.db_path = store_path(a);
	privileged = store_privileged(o.db_path);
	pw = getpwuid(getuid());
	if (a->user && !privileged && (pw == NULL ||
	    strcmp(a->user, pw->pw_name) != 0)) {
		fprintf(stderr, "rosh: --user: only root or the owner of %s "
		    "may act as another user\n", o.db_path);
		return NULL;
	}
	o.user = a->user;
	o.interactive = interactive;
	o.width = interactive ? terminal_width() : 0;
	o.out = stdout;
	o.err = stderr;
	o.backend = shell_backend();
	ensure_dir_of(o.db_path);
	shared_umask(o.db_path);
	e = eng_open(&o, err, sizeof(err));
	if (e == NULL) {
		fprintf(stderr, "rosh: %s\n", err);
		return NULL;
	}
	if (login(e, a, privileged, interactive) < 0) {
		eng_session_end(e, ENG_END_QUIT);
		eng_close(e);
		return NULL;
	}
	return e;
}

/* Hangup, SIGTERM, a closed pipe: note it, and make the input end so
 * the console loop returns and safe mode is undone on the way out. */
static void
on_hangup(int sig)
{
	int fd;

	(void)sig;
	rosh_hangup = 1;
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
}

static void
catch_hangup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_hangup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
}

/* RouterOS: /quit (and the end of a script) keeps safe-mode changes;
 * Ctrl-D and a lost connection undo them (console-language 7.4). */
static int
session_end_how(int interactive)
{
	if (rosh_hangup)
		return ENG_END_HANGUP;
	if (interactive && feof(stdin))
		return ENG_END_EOF;
	return ENG_END_QUIT;
}

static int
run_script(struct eng *e, const struct rosh_args *a)
{
	char *src;
	size_t len;
	int rc;

	if (a->cmds)
		return eng_run(e, a->cmds, strlen(a->cmds), ENG_RUN_ATOMIC,
		    NULL);
	src = slurp(a->file, &len);
	if (src == NULL) {
		fprintf(stderr, "rosh: cannot read %s: %s\n", a->file,
		    strerror(errno));
		return 1;
	}
	rc = eng_run(e, src, len, ENG_RUN_ATOMIC, NULL);
	free(src);
	return rc;
}

int
main(int argc, char **argv)
{
	struct rosh_args a;
	struct eng *e;
	int interactive, rc;

	if (parse_args(argc, argv, &a) < 0) {
		usage();
		return 2;
	}
	if (a.check)
		return run_check(&a);
	interactive = a.cmds == NULL && a.file == NULL && isatty(0);
	if (!interactive && a.cmds == NULL && a.file == NULL)
		a.file = "-";
	e = open_engine(&a, interactive);
	if (e == NULL)
		return 1;
	catch_hangup();
	rc = interactive ? shell_interactive(e) : run_script(e, &a);
	eng_session_end(e, session_end_how(interactive));
	eng_close(e);
	return rc;
}
