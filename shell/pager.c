/*
 * pager.c - output longer than the terminal stops every screenful with
 * "-- [Q quit|D dump|down]" (console-language §5.6): Q quits (the rest
 * of the output is dropped), D dumps the rest without stopping, Space
 * shows the next screenful, Enter and Down one more line.
 *
 * The engine writes to a stdio stream; this one (fopencookie) counts the
 * terminal lines its text takes, long lines wrapping at the terminal
 * width, and asks at each line start once the screen is full.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "shell_local.h"

#define SH_PAGER_PROMPT "-- [Q quit|D dump|down]"

enum sh_pg_mode { SH_PG_PAGE, SH_PG_DUMP, SH_PG_QUIT };

struct sh_pager {
	FILE *tty;
	int in_fd;
	int rows, cols;
	int line, col;		/* since the last stop */
	enum sh_pg_mode mode;
	struct eng *e;
};

int
sh_read_key(int fd, char *seq, size_t sz)
{
	struct termios old, raw;
	ssize_t n;

	if (tcgetattr(fd, &old) < 0)
		return -1;
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(fd, TCSANOW, &raw);
	n = read(fd, seq, sz);
	tcsetattr(fd, TCSANOW, &old);
	return n > 0 ? (int)n : -1;
}

/* The screen is full: ask, and set what happens next. */
static void
sh_pager_ask(struct sh_pager *p)
{
	char k[8];
	int n;

	fputs(SH_PAGER_PROMPT, p->tty);
	fflush(p->tty);
	for (;;) {
		n = sh_read_key(p->in_fd, k, sizeof(k));
		if (n < 0 || k[0] == 'q' || k[0] == 'Q' || k[0] == 3) {
			p->mode = SH_PG_QUIT;
			break;
		}
		if (k[0] == 'd' || k[0] == 'D') {
			p->mode = SH_PG_DUMP;
			break;
		}
		if (k[0] == ' ') {
			p->line = 0;
			break;
		}
		/* Enter, or the Down key (ESC [ B, ESC O B) */
		if (k[0] == '\r' || k[0] == '\n' || (n >= 3 && k[0] == 27 &&
		    k[2] == 'B')) {
			p->line = p->rows - 2;
			break;
		}
	}
	fputs("\r\033[K", p->tty);
	fflush(p->tty);
}

/* Account for byte c written at the current position. */
static void
sh_pager_count(struct sh_pager *p, unsigned char c)
{
	if (c == '\n') {
		p->line++;
		p->col = 0;
	} else if (c == '\r') {
		p->col = 0;
	} else if (c == '\t') {
		p->col = (p->col + 8) & ~7;
	} else if (c >= 0x20 && (c < 0x80 || c >= 0xc0)) {
		/* a printable character (UTF-8 continuation bytes are not) */
		if (p->col >= p->cols) {
			p->line++;
			p->col = 0;
		}
		p->col++;
	}
}

static ssize_t
sh_pager_write(void *cookie, const char *buf, size_t n)
{
	struct sh_pager *p = cookie;
	size_t i, start = 0;

	for (i = 0; i < n && p->mode != SH_PG_QUIT; i++) {
		if (p->mode == SH_PG_PAGE && p->col == 0 &&
		    p->line >= p->rows - 1) {
			fwrite(buf + start, 1, i - start, p->tty);
			start = i;
			sh_pager_ask(p);
			if (p->mode == SH_PG_QUIT)
				break;
		}
		sh_pager_count(p, (unsigned char)buf[i]);
	}
	if (p->mode != SH_PG_QUIT && i > start)
		fwrite(buf + start, 1, i - start, p->tty);
	fflush(p->tty);
	if (p->mode == SH_PG_QUIT && p->e != NULL)
		eng_interrupt(p->e);
	return (ssize_t)n;
}

FILE *
sh_pager_open(struct sh_pager **pp, FILE *tty, int in_fd, int rows, int cols,
    struct eng *e)
{
	cookie_io_functions_t io = { NULL, sh_pager_write, NULL, NULL };
	struct sh_pager *p = calloc(1, sizeof(*p));
	FILE *f;

	*pp = NULL;
	if (p == NULL)
		return NULL;
	p->tty = tty;
	p->in_fd = in_fd;
	p->rows = rows > 2 ? rows : 2;
	p->cols = cols > 0 ? cols : 80;
	p->e = e;
	p->mode = rows > 0 ? SH_PG_PAGE : SH_PG_DUMP;
	/* the command line stays on the first screenful */
	p->line = 1;
	if ((f = fopencookie(p, "w", io)) == NULL) {
		free(p);
		return NULL;
	}
	*pp = p;
	return f;
}

int
sh_pager_close(struct sh_pager *p, FILE *f)
{
	int quit;

	if (f != NULL)
		fclose(f);
	if (p == NULL)
		return 0;
	quit = p->mode == SH_PG_QUIT;
	free(p);
	return quit;
}

int
sh_text_lines(const char *text, size_t len, int cols)
{
	struct sh_pager p;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.cols = cols > 0 ? cols : 80;
	for (i = 0; i < len; i++)
		sh_pager_count(&p, (unsigned char)text[i]);
	return p.line + (p.col > 0);
}
