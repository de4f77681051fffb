/*
 * fuzz_complete.c - libFuzzer target for what the interactive console
 * asks the grammar about typed text (grammar/complete.c, candidates.c).
 *
 * The input is a line typed in a menu; the cursor is put at every
 * position of it in turn.  Besides the sanitizers' findings, the target
 * aborts when an answer breaks what the shell relies on: a partial word
 * that is not the end of the text before the cursor (outside lists),
 * candidates that do not start with it, an unterminated menu path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_CHECK(c)	do { if (!(c)) abort(); } while (0)

/* Bounds the work of one input: every cursor position is a full pass. */
#define FZ_MAX_INPUT	2048

struct fz_ctx {
	const struct gr_cpl *c;
	int n;
};

static void
fz_cand(void *ctx, const struct gr_cand *cd)
{
	struct fz_ctx *f = ctx;

	FZ_CHECK(cd->word != NULL);
	FZ_CHECK(strncmp(cd->word, f->c->word, f->c->wordlen) == 0);
	f->n++;
}

static void
fz_cursor(const char *text, size_t cur, const char *cwd)
{
	struct gr_cpl c;
	struct gr_valhelp vh;
	struct fz_ctx f = { &c, 0 };

	gr_complete(text, cur, cwd, &c);
	FZ_CHECK(memchr(c.menu, '\0', sizeof(c.menu)) != NULL);
	FZ_CHECK(c.menu[0] == '/');
	FZ_CHECK(c.wordlen == strlen(c.word));
	FZ_CHECK(c.ngiven >= 0 && c.ngiven <= GR_CPL_MAXGIVEN);
	/* the word is what precedes the cursor, unless continuation
	 * backslashes joined it */
	if (c.wordlen > 0 && memchr(text, '\\', cur) == NULL)
		FZ_CHECK(cur >= c.wordlen && memcmp(text + cur - c.wordlen,
		    c.word, c.wordlen) == 0);
	gr_candidates(&c, fz_cand, &f);
	if (c.arg[0] != '\0')
		(void)gr_value_help(&c, c.arg, &vh);
	(void)gr_context_help(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cwds[] = { "/", "/ip/firewall/filter" };
	char open[64];
	struct gr_line_info li;
	size_t cur;
	char *text;
	int k;

	if (size > FZ_MAX_INPUT)
		return 0;
	/* an exact-size copy: ASan sees a read past the cursor's end */
	text = malloc(size ? size : 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	for (k = 0; k < 2; k++)
		for (cur = 0; cur <= size; cur++)
			fz_cursor(text, cur, cwds[k]);
	FZ_CHECK(gr_open_delims(text, size, open, sizeof(open)) <
	    sizeof(open));
	(void)gr_line_sensitive(text, size, "/");
	gr_line_info(text, size, "/", &li);
	FZ_CHECK(!(li.incomplete && li.quit));
	free(text);
	return 0;
}
