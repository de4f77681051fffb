/*
 * shell_local.h - the parts of the interactive console: completion
 * candidates (complete.c), `?`/F1 help and candidate lists (help.c), the
 * pager of long output (pager.c) and the line editor loop
 * (interactive.c).
 */
#ifndef ROSH_SHELL_LOCAL_H
#define ROSH_SHELL_LOCAL_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"
#include "grammar.h"

/* ------------------------------------------------------------------ */
/* Candidates at the cursor (complete.c)                               */
/* ------------------------------------------------------------------ */

/* Values a store lookup may add to one completion. */
#define SH_MAX_VALUES	200

/* A value taken from the store rather than the tree or the schema. */
#define SH_CAND_ITEM	100

struct sh_cand {
	char *word;		/* malloc'd */
	const char *help;	/* static, or NULL */
	int kind;		/* enum gr_cand_kind, or SH_CAND_ITEM */
};

struct sh_cands {
	struct gr_cpl cpl;	/* where the cursor is */
	struct sh_cand *v;	/* sorted by word, no duplicates */
	int n, cap;
	int nstatic;		/* values from the schema among them */
};

/*
 * Everything that may be typed at the end of text[0..len) (the input up
 * to the cursor, typed in menu cwd): the command tree's and the schema's
 * words, and the store's values (e may be NULL: none).  0, or -1 when
 * out of memory.  Free with sh_cands_free().
 */
int sh_cands_collect(struct eng *e, const char *text, size_t len,
    const char *cwd, struct sh_cands *out);
void sh_cands_free(struct sh_cands *c);

/*
 * What Tab inserts: the longest common extension of the partial word,
 * and for a single candidate the character that follows it (a space, or
 * '=' after an argument name).  Returns the length written to buf.
 */
size_t sh_complete_text(const struct sh_cands *c, char *buf, size_t sz);

/* ------------------------------------------------------------------ */
/* Help and lists (help.c)                                             */
/* ------------------------------------------------------------------ */

/* The words of c in columns fitting width (double Tab). */
void sh_list_columns(FILE *out, const struct sh_cands *c, int width);

/* `?` and F1: what may come next, with one line of help each. */
void sh_help_print(FILE *out, struct eng *e, const struct sh_cands *c,
    int width);

/* ------------------------------------------------------------------ */
/* Pager (pager.c, console-language §5.6)                              */
/* ------------------------------------------------------------------ */

struct sh_pager;

/*
 * A stream that writes to tty and stops every screenful of rows lines
 * (cols wide) with "-- [Q quit|D dump|down]", reading the answer from
 * the terminal in_fd.  NULL when out of memory.  sh_pager_close()
 * flushes and frees it; it returns 1 when the user quit.
 */
FILE *sh_pager_open(struct sh_pager **pp, FILE *tty, int in_fd, int rows,
    int cols, struct eng *e);
int sh_pager_close(struct sh_pager *p, FILE *f);

/* Terminal lines text takes on a screen cols wide. */
int sh_text_lines(const char *text, size_t len, int cols);

/* One key (or escape sequence) from terminal fd, without echo and with
 * Ctrl-C as a byte (3).  Bytes read, or -1. */
int sh_read_key(int fd, char *seq, size_t sz);

/* ------------------------------------------------------------------ */
/* Safe mode key (interactive.c)                                       */
/* ------------------------------------------------------------------ */

/* Ctrl-X: take safe mode, or release it when held (§7.4). */
void sh_safe_mode_toggle(struct eng *e, int in_fd);

#endif /* ROSH_SHELL_LOCAL_H */
