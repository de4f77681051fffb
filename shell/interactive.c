/*
 * interactive.c - the console on a terminal (console-language §7).
 *
 * libedit reads the line with Emacs keys; history is kept per user in
 * "<store dir>/history.<user>" (lines that set passwords or secrets stay
 * out of it) and Ctrl-R searches it.  The prompt is the engine's
 * "[admin@MikroTik] /ip/pool> "; while a `{`, `[`, `(` or string is open
 * the entry goes on under a continuation prompt naming what is open.
 * Tab completes, a second Tab lists the candidates; `?` (outside quotes)
 * and F1 show what may come next and redraw the line unchanged.  Ctrl-C
 * drops the line being typed and stops a live print; Ctrl-X takes and
 * releases safe mode; Ctrl-D on an empty line logs out.  Output longer
 * than the screen goes through the pager; the terminal width follows
 * SIGWINCH.
 */
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "sbuf.h"
#include "shell.h"
#include "shell_local.h"

#define SH_HISTORY_SIZE	1000

struct sh {
	struct eng *e;
	EditLine *el;
	History *hist;
	HistEvent ev;
	char prompt[600];
	struct sbuf pending;	/* lines of an entry not yet complete */
	char histfile[PATH_MAX];
	int rows, cols;
	char *tab_line;		/* line and cursor of a Tab that found */
	size_t tab_len;		/* several candidates and nothing to add */
	size_t tab_cursor;
	int live_lines;		/* lines the last interval frame took */
	int end_how;		/* ENG_END_* */
};

static volatile sig_atomic_t sh_got_int, sh_got_winch, sh_got_term;
static int sh_sigpipe[2] = { -1, -1 };

/* ------------------------------------------------------------------ */
/* Signals and the terminal                                            */
/* ------------------------------------------------------------------ */

static void
sh_on_int(int sig)
{
	int saved = errno;

	(void)sig;
	sh_got_int = 1;
	eng_interrupt(NULL);
	/* a full pipe already says the same */
	if (sh_sigpipe[1] >= 0 && write(sh_sigpipe[1], "i", 1) < 0)
		sh_got_int = 1;
	errno = saved;
}

static void
sh_on_winch(int sig)
{
	int saved = errno;

	(void)sig;
	sh_got_winch = 1;
	if (sh_sigpipe[1] >= 0 && write(sh_sigpipe[1], "w", 1) < 0)
		sh_got_winch = 1;
	errno = saved;
}

static void
sh_on_term(int sig)
{
	(void)sig;
	sh_got_term = 1;
}

static void
sh_signals(void)
{
	struct sigaction sa;

	if (pipe(sh_sigpipe) == 0) {
		fcntl(sh_sigpipe[0], F_SETFL, O_NONBLOCK);
		fcntl(sh_sigpipe[1], F_SETFL, O_NONBLOCK);
		fcntl(sh_sigpipe[0], F_SETFD, FD_CLOEXEC);
		fcntl(sh_sigpipe[1], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: Ctrl-C and hangups end the pending read */
	sa.sa_handler = sh_on_int;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = sh_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* the editor sees a resize through the pipe (sh_getc); other
	 * reads just go on */
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = sh_on_winch;
	sigaction(SIGWINCH, &sa, NULL);
}

static void
sh_drain_sigpipe(void)
{
	char buf[64];

	while (sh_sigpipe[0] >= 0 && read(sh_sigpipe[0], buf,
	    sizeof(buf)) > 0)
		;
}

static void
sh_winsize(struct sh *s)
{
	struct winsize ws;

	sh_got_winch = 0;
	s->cols = 80;
	s->rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
		if (ws.ws_col > 0)
			s->cols = ws.ws_col;
		if (ws.ws_row > 0)
			s->rows = ws.ws_row;
	}
	eng_set_width(s->e, s->cols);
}

/* ------------------------------------------------------------------ */
/* History                                                             */
/* ------------------------------------------------------------------ */

static void
sh_hist_init(struct sh *s)
{
	s->hist = history_init();
	if (s->hist == NULL)
		return;
	history(s->hist, &s->ev, H_SETSIZE, SH_HISTORY_SIZE);
	history(s->hist, &s->ev, H_SETUNIQUE, 1);
	if (eng_history_path(s->e, s->histfile, sizeof(s->histfile)) < 0)
		s->histfile[0] = '\0';
	else
		history(s->hist, &s->ev, H_LOAD, s->histfile);
}

static void
sh_hist_save(struct sh *s)
{
	FILE *f;
	int fd;

	if (s->hist == NULL || s->histfile[0] == '\0')
		return;
	fd = open(s->histfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	if (fd < 0)
		return;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return;
	}
	history(s->hist, &s->ev, H_SAVE_FP, f);
	fclose(f);
}

/* Remember an entry, unless it sets a sensitive value (§7.2). */
static void
sh_hist_add(struct sh *s, const char *text, size_t len)
{
	char *line;

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (s->hist == NULL || len == 0 ||
	    gr_line_sensitive(text, len, eng_cwd(s->e)))
		return;
	if ((line = strndup(text, len)) == NULL)
		return;
	history(s->hist, &s->ev, H_ENTER, line);
	free(line);
	sh_hist_save(s);
}

/* ------------------------------------------------------------------ */
/* Prompt and key functions                                            */
/* ------------------------------------------------------------------ */

static struct sh *
sh_of(EditLine *el)
{
	struct sh *s = NULL;

	el_get(el, EL_CLIENTDATA, &s);
	return s;
}

static char *
sh_prompt_fn(EditLine *el)
{
	struct sh *s = sh_of(el);

	return s != NULL ? s->prompt : "> ";
}

static void
sh_echo_line(void *ctx, const char *line)
{
	(void)ctx;
	printf("%s\n", line);
}

static void
sh_set_prompt(struct sh *s)
{
	char open[64];

	if (s->pending.len == 0) {
		/* echo logging actions show on open consoles (menus.md 33) */
		eng_log_echo(s->e, sh_echo_line, NULL);
		fflush(stdout);
		eng_prompt(s->e, s->prompt, sizeof(s->prompt));
		return;
	}
	gr_open_delims(sb_str(&s->pending), s->pending.len, open,
	    sizeof(open));
	snprintf(s->prompt, sizeof(s->prompt), "%s... ", open);
}

/* Candidates at the cursor, the earlier lines of the entry included. */
static int
sh_cands_here(struct sh *s, struct sh_cands *c)
{
	const LineInfo *li = el_line(s->el);
	size_t n = (size_t)(li->cursor - li->buffer), base = s->pending.len;
	int rc;

	sb_put(&s->pending, li->buffer, n);
	rc = sh_cands_collect(s->e, sb_str(&s->pending), s->pending.len,
	    eng_cwd(s->e), c);
	s->pending.len = base;
	if (s->pending.s != NULL)
		s->pending.s[base] = '\0';
	return rc;
}

/* Is the line as it was at the last Tab that could add nothing?
 * Remembers the line for the next time otherwise. */
static int
sh_tab_again(struct sh *s)
{
	const LineInfo *li = el_line(s->el);
	size_t n = (size_t)(li->lastchar - li->buffer);
	size_t cur = (size_t)(li->cursor - li->buffer);
	int same = s->tab_line != NULL && s->tab_len == n &&
	    s->tab_cursor == cur && memcmp(s->tab_line, li->buffer, n) == 0;

	free(s->tab_line);
	s->tab_line = NULL;
	if (same)
		return 1;
	if ((s->tab_line = malloc(n + 1)) != NULL) {
		memcpy(s->tab_line, li->buffer, n);
		s->tab_len = n;
		s->tab_cursor = cur;
	}
	return 0;
}

static unsigned char
sh_el_tab(EditLine *el, int ch)
{
	struct sh *s = sh_of(el);
	struct sh_cands c;
	char ins[512];
	unsigned char rc = CC_NORM;

	(void)ch;
	if (sh_got_winch)
		sh_winsize(s);
	if (sh_cands_here(s, &c) < 0) {
		sh_cands_free(&c);
		return CC_ERROR;
	}
	if (sh_complete_text(&c, ins, sizeof(ins)) > 0) {
		el_insertstr(el, ins);
		free(s->tab_line);
		s->tab_line = NULL;
		rc = CC_REFRESH;
	} else if (c.n == 0) {
		rc = CC_REFRESH_BEEP;
	} else if (sh_tab_again(s)) {
		fputc('\n', stdout);
		sh_list_columns(stdout, &c, s->cols);
		fflush(stdout);
		rc = CC_REDISPLAY;
	}
	sh_cands_free(&c);
	return rc;
}

/* `?` (literal inside quotes) and F1: help, then the same line again. */
static unsigned char
sh_help_key(EditLine *el, int literal)
{
	struct sh *s = sh_of(el);
	struct sh_cands c;

	if (sh_got_winch)
		sh_winsize(s);
	if (sh_cands_here(s, &c) < 0) {
		sh_cands_free(&c);
		return CC_ERROR;
	}
	if (literal && c.cpl.what == GR_CPL_STRING) {
		sh_cands_free(&c);
		el_insertstr(el, "?");
		return CC_REFRESH;
	}
	fputc('\n', stdout);
	sh_help_print(stdout, s->e, &c, s->cols);
	sh_cands_free(&c);
	return CC_REDISPLAY;
}

static unsigned char
sh_el_qmark(EditLine *el, int ch)
{
	(void)ch;
	return sh_help_key(el, 1);
}

static unsigned char
sh_el_f1(EditLine *el, int ch)
{
	(void)ch;
	return sh_help_key(el, 0);
}

static unsigned char
sh_el_safe(EditLine *el, int ch)
{
	struct sh *s = sh_of(el);

	(void)ch;
	fputc('\n', stdout);
	fflush(stdout);
	sh_safe_mode_toggle(s->e, STDIN_FILENO);
	sh_set_prompt(s);
	return CC_REDISPLAY;
}

/*
 * The editor's input: one character from the terminal.  Waiting in
 * poll() with the signal pipe lets a resize redraw the line at the new
 * width at once, and Ctrl-C or a hangup end el_gets().
 */
static int
sh_getc(EditLine *el, wchar_t *wc)
{
	struct sh *s = sh_of(el);
	struct pollfd pf[2];
	mbstate_t st;
	char ch;
	ssize_t r;
	size_t k;

	memset(&st, 0, sizeof(st));
	pf[0].fd = STDIN_FILENO;
	pf[0].events = POLLIN;
	pf[1].fd = sh_sigpipe[0];
	pf[1].events = POLLIN;
	for (;;) {
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (sh_got_int || sh_got_term) {
			errno = EINTR;
			return -1;
		}
		sh_drain_sigpipe();
		if (sh_got_winch) {
			sh_winsize(s);
			el_resize(el);
			el_set(el, EL_REFRESH);
		}
		if (!(pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		r = read(STDIN_FILENO, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? 0 : -1;
		k = mbrtowc(wc, &ch, 1, &st);
		if (k == (size_t)-2)
			continue;	/* more bytes of one character */
		if (k == (size_t)-1)
			*wc = (wchar_t)(unsigned char)ch;
		return 1;
	}
}

static int
sh_editor_init(struct sh *s)
{
	EditLine *el = el_init("rosh", stdin, stdout, stderr);

	if (el == NULL)
		return -1;
	s->el = el;
	el_set(el, EL_CLIENTDATA, s);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_PROMPT, sh_prompt_fn);
	el_set(el, EL_GETCFN, sh_getc);
	if (s->hist != NULL)
		el_set(el, EL_HIST, history, s->hist);
	/* wide names: the narrow el_set() copies them and never frees */
	el_wset(el, EL_ADDFN, L"rosh-complete", L"Complete the word",
	    sh_el_tab);
	el_wset(el, EL_ADDFN, L"rosh-help", L"What may come next",
	    sh_el_qmark);
	el_wset(el, EL_ADDFN, L"rosh-help-f1", L"What may come next",
	    sh_el_f1);
	el_wset(el, EL_ADDFN, L"rosh-safe-mode", L"Toggle safe mode",
	    sh_el_safe);
	el_set(el, EL_BIND, "^I", "rosh-complete", NULL);
	el_set(el, EL_BIND, "?", "rosh-help", NULL);
	el_set(el, EL_BIND, "\033OP", "rosh-help-f1", NULL);
	el_set(el, EL_BIND, "\033[11~", "rosh-help-f1", NULL);
	el_set(el, EL_BIND, "\033[[A", "rosh-help-f1", NULL);
	el_set(el, EL_BIND, "^X", "rosh-safe-mode", NULL);
	el_set(el, EL_BIND, "\033OS", "rosh-safe-mode", NULL);
	el_set(el, EL_BIND, "\033[14~", "rosh-safe-mode", NULL);
	el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
	el_set(el, EL_BIND, "\033OR", "em-inc-search-prev", NULL);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Safe mode (console-language §7.4)                                   */
/* ------------------------------------------------------------------ */

void
sh_safe_mode_toggle(struct eng *e, int in_fd)
{
	char who[128], k[8];
	int n;

	if (eng_safe_mode_active(e)) {
		eng_safe_mode_release(e);
		return;
	}
	if (eng_safe_mode_take(e) != ENG_SAFE_HELD)
		return;
	if (!eng_safe_mode_holder(e, who, sizeof(who)))
		snprintf(who, sizeof(who), "someone");
	printf("Hijacking Safe Mode from %s - unroll/release/don't take it "
	    "[u/r/d]: ", who);
	fflush(stdout);
	n = sh_read_key(in_fd, k, sizeof(k));
	printf("%c\n", n > 0 && k[0] >= ' ' && k[0] < 127 ? k[0] : ' ');
	fflush(stdout);
	if (n > 0 && (k[0] == 'u' || k[0] == 'U'))
		eng_safe_mode_hijack(e, ENG_SAFE_UNROLL);
	else if (n > 0 && (k[0] == 'r' || k[0] == 'R'))
		eng_safe_mode_hijack(e, ENG_SAFE_RELEASE);
}

/* ------------------------------------------------------------------ */
/* Live print                                                          */
/* ------------------------------------------------------------------ */

static void
sh_live_frame(void *ctx, const char *text, size_t len)
{
	struct sh *s = ctx;

	if (sh_got_winch)
		sh_winsize(s);
	if (s->live_lines > 0 && s->live_lines < s->rows)
		printf("\033[%dA\r\033[J", s->live_lines);
	else if (s->live_lines > 0)
		fputs("\033[H\033[2J", stdout);
	fwrite(text, 1, len, stdout);
	fflush(stdout);
	s->live_lines = sh_text_lines(text, len, s->cols);
}

static long long
sh_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep up to ms; 1 when Ctrl-C came.  Keys typed meanwhile are
 * swallowed (the terminal does not echo them). */
static int
sh_live_wait(void *ctx, int ms)
{
	struct pollfd pf[2];
	long long end = sh_now_ms() + ms, left;
	char buf[64];

	(void)ctx;
	pf[0].fd = sh_sigpipe[0];
	pf[0].events = POLLIN;
	pf[1].fd = STDIN_FILENO;
	pf[1].events = POLLIN;
	while (!sh_got_int && !sh_got_term &&
	    (left = end - sh_now_ms()) > 0) {
		if (poll(pf, 2, (int)left) > 0 && (pf[1].revents & POLLIN) &&
		    read(STDIN_FILENO, buf, sizeof(buf)) <= 0)
			return 1;
	}
	sh_drain_sigpipe();
	return sh_got_int || sh_got_term;
}

/* Non-canonical and silent while a live print runs; Ctrl-C still
 * signals.  Returns 0 when the old mode was saved in *old. */
static int
sh_tty_quiet(struct termios *old)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, old) < 0)
		return -1;
	t = *old;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_lflag |= ISIG;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
	return 0;
}

static int
sh_run_live(struct sh *s, const char *text, size_t len)
{
	struct eng_live_io io = { s, sh_live_frame, sh_live_wait };
	struct termios old;
	int saved, rc;

	saved = sh_tty_quiet(&old) == 0;
	s->live_lines = 0;
	sh_got_int = 0;
	sh_drain_sigpipe();
	rc = eng_run_live(s->e, text, len, &io);
	if (saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (rc != ENG_LIVE_NOT && sh_got_int)
		fputc('\n', stdout);
	fflush(stdout);
	sh_got_int = 0;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Running an entry                                                    */
/* ------------------------------------------------------------------ */

static int
sh_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static void
sh_run_paged(struct sh *s, const char *text, size_t len, int page)
{
	struct sh_pager *p = NULL;
	FILE *f = NULL, *old = NULL;

	if (page && isatty(STDOUT_FILENO)) {
		f = sh_pager_open(&p, stdout, STDIN_FILENO, s->rows, s->cols,
		    s->e);
		if (f != NULL)
			old = eng_set_output(s->e, f);
	}
	eng_run(s->e, text, len, ENG_RUN_LINE, NULL);
	if (f != NULL) {
		eng_set_output(s->e, old);
		sh_pager_close(p, f);
	}
	fflush(stdout);
}

/* Run the entry gathered in s->pending; 1 when the session ends. */
static int
sh_entry(struct sh *s)
{
	const char *text = sb_str(&s->pending);
	size_t len = s->pending.len;
	struct gr_line_info sc;

	gr_line_info(text, len, eng_cwd(s->e), &sc);
	if (sc.incomplete)
		return 0;	/* an open bracket: read on */
	if (sc.quit) {
		s->end_how = ENG_END_QUIT;
		return 1;
	}
	sh_hist_add(s, text, len);
	if (sh_got_winch)
		sh_winsize(s);
	sh_got_int = 0;
	if (sh_run_live(s, text, len) == ENG_LIVE_NOT)
		sh_run_paged(s, text, len, !sc.nopage);
	sb_reset(&s->pending);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The loop                                                            */
/* ------------------------------------------------------------------ */

static void
sh_fini(struct sh *s)
{
	if (s->el != NULL)
		el_end(s->el);
	if (s->hist != NULL)
		history_end(s->hist);
	free(s->tab_line);
	sb_fini(&s->pending);
}

/* A line from the editor; NULL when the session ends. */
static const char *
sh_read(struct sh *s, int *count)
{
	const char *line;

	for (;;) {
		if (sh_got_winch)
			sh_winsize(s);
		sh_set_prompt(s);
		sh_got_int = 0;
		line = el_gets(s->el, count);
		if (line != NULL && *count > 0)
			return line;
		if (sh_got_term) {
			s->end_how = ENG_END_HANGUP;
			return NULL;
		}
		if (sh_got_int) {
			/* Ctrl-C drops the entry being typed */
			fputc('\n', stdout);
			fflush(stdout);
			sb_reset(&s->pending);
			continue;
		}
		if (*count < 0 && errno == EINTR)
			continue;
		/* Ctrl-D on an empty line, or the terminal went away */
		fputc('\n', stdout);
		s->end_how = ENG_END_EOF;
		return NULL;
	}
}

int
shell_interactive(struct eng *e)
{
	struct sh s;
	const char *line;
	int n;

	memset(&s, 0, sizeof(s));
	s.e = e;
	sb_init(&s.pending);
	sh_signals();
	sh_winsize(&s);
	sh_hist_init(&s);
	if (sh_editor_init(&s) < 0) {
		fprintf(stderr, "rosh: cannot set up the line editor\n");
		sh_fini(&s);
		return 1;
	}
	while ((line = sh_read(&s, &n)) != NULL) {
		sb_put(&s.pending, line, (size_t)n);
		if (sh_blank(sb_str(&s.pending))) {
			sb_reset(&s.pending);
			continue;
		}
		if (sh_entry(&s))
			break;
	}
	fflush(stdout);
	eng_session_end(e, s.end_how);
	sh_fini(&s);
	return 0;
}
