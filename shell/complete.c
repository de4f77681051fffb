/*
 * complete.c - the candidates Tab, double Tab and `?` work with: where
 * the cursor is (gr_complete), the words of the command tree and the
 * schema (gr_candidates), and the values the store holds
 * (eng_complete_values), merged into one sorted list.
 */
#include <stdlib.h>
#include <string.h>

#include "shell_local.h"

static int
sh_cands_push(struct sh_cands *c, const char *word, const char *help,
    int kind)
{
	char *w;

	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 64;
		struct sh_cand *v = realloc(c->v, (size_t)cap * sizeof(*v));

		if (v == NULL)
			return -1;
		c->v = v;
		c->cap = cap;
	}
	if ((w = strdup(word)) == NULL)
		return -1;
	c->v[c->n].word = w;
	c->v[c->n].help = help;
	c->v[c->n].kind = kind;
	c->n++;
	return 0;
}

struct sh_push {
	struct sh_cands *c;
	int failed;
};

static void
sh_push_gr(void *ctx, const struct gr_cand *cd)
{
	struct sh_push *p = ctx;

	if (sh_cands_push(p->c, cd->word, cd->help, (int)cd->kind) < 0)
		p->failed = 1;
	else if (cd->kind == GR_CAND_VALUE)
		p->c->nstatic++;
}

static void
sh_push_value(void *ctx, const char *value, const char *help)
{
	struct sh_push *p = ctx;

	(void)help;
	if (sh_cands_push(p->c, value, NULL, SH_CAND_ITEM) < 0)
		p->failed = 1;
}

static int
sh_cand_cmp(const void *a, const void *b)
{
	const struct sh_cand *x = a, *y = b;

	return strcmp(x->word, y->word);
}

/* Sort; of equal words keep the one with help (the schema's). */
static void
sh_cands_sort(struct sh_cands *c)
{
	int i, k = 0;

	if (c->n == 0)
		return;
	qsort(c->v, (size_t)c->n, sizeof(*c->v), sh_cand_cmp);
	for (i = 1; i < c->n; i++) {
		if (strcmp(c->v[i].word, c->v[k].word) == 0) {
			if (c->v[k].help == NULL && c->v[i].help != NULL) {
				free(c->v[k].word);
				c->v[k] = c->v[i];
			} else
				free(c->v[i].word);
			continue;
		}
		c->v[++k] = c->v[i];
	}
	c->n = k + 1;
}

int
sh_cands_collect(struct eng *e, const char *text, size_t len,
    const char *cwd, struct sh_cands *out)
{
	struct sh_push p = { out, 0 };
	const struct gr_cpl *c = &out->cpl;
	const char *arg = NULL;

	memset(out, 0, sizeof(*out));
	gr_complete(text, len, cwd, &out->cpl);
	gr_candidates(c, sh_push_gr, &p);
	if (c->what == GR_CPL_VALUE || c->what == GR_CPL_WHERE_VALUE)
		arg = c->arg;
	else if (c->what == GR_CPL_ARG && c->arg[0] != '\0' && !c->negated)
		arg = c->arg;
	/* a store error leaves the schema's words: still worth offering */
	if (e != NULL && arg != NULL)
		(void)eng_complete_values(e, c->menu, c->cmd, arg, c->word,
		    c->wordlen, SH_MAX_VALUES, sh_push_value, &p);
	sh_cands_sort(out);
	return p.failed ? -1 : 0;
}

void
sh_cands_free(struct sh_cands *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].word);
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

/* What follows a complete word: '=' after an argument name, else a
 * blank (§7.2: "unique match completes and adds a space"). */
static char
sh_cand_follow(const struct sh_cand *v)
{
	return v->kind == GR_CAND_ARG ? '=' : ' ';
}

size_t
sh_complete_text(const struct sh_cands *c, char *buf, size_t sz)
{
	size_t wl = c->cpl.wordlen, n, k;
	const char *first;
	int i;

	if (sz == 0)
		return 0;
	buf[0] = '\0';
	if (c->n == 0)
		return 0;
	first = c->v[0].word;
	n = strlen(first);
	for (i = 1; i < c->n; i++) {
		for (k = 0; k < n && c->v[i].word[k] == first[k]; k++)
			;
		n = k;
	}
	if (n < wl)
		return 0;
	n -= wl;
	if (n + 2 > sz)
		n = sz - 2;
	memcpy(buf, first + wl, n);
	if (c->n == 1)
		buf[n++] = sh_cand_follow(&c->v[0]);
	buf[n] = '\0';
	return n;
}
