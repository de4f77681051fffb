/*
 * args.c - the arguments of a command (console-language.md §1.4).
 *
 * Each token after the command word is, in this order of preference:
 *   name=value    when name is (a unique prefix of) an argument name;
 *   the where-expression of find, when find's positional is next;
 *   !name         unset, when name is an argument;
 *   where         (print, export) the rest is a where-expression;
 *   a switch      written exactly (print detail);
 *   a positional  value for the next free positional parameter;
 *   a switch      written as a prefix (print det).
 * An unknown name=value still fills a free positional slot, and the
 * error then lands on the '=' (§1.4, observed).  Anything left over is
 * "expected end of command" at the token.
 */
#include <stdio.h>
#include <string.h>

#include "grammar_local.h"

struct gr_cmdargs {
	const struct ct_node *cmd;
	const char *dir;		/* menu holding cmd, for ct_* rules */
	const char *const *pos;		/* positional parameters */
	unsigned filled;		/* bit i: pos[i] has a value */
	const char *dot;		/* last dotted argument name, or NULL */
	size_t dotlen;			/* its length up to the last '.' */
	enum gr_ctx ctx;
	unsigned flags;
};

static const char *const *
gr_positionals(struct gr_parser *p, const char *dir, const struct ct_node *c)
{
	if (p->pos_cmd != c) {
		p->pos_list = ct_positionals(dir, c);
		p->pos_cmd = c;
	}
	return p->pos_list;
}

static int
gr_free_slot(const struct gr_cmdargs *a)
{
	int i;

	for (i = 0; a->pos[i] != NULL && i < 16; i++)
		if (!(a->filled & (1u << i)))
			return i;
	return -1;
}

static void
gr_fill(struct gr_cmdargs *a, const char *name)
{
	int i;

	for (i = 0; a->pos[i] != NULL && i < 16; i++)
		if (strcmp(a->pos[i], name) == 0)
			a->filled |= 1u << i;
}

static int
gr_add(struct gr_parser *p, const char *name, struct ast_node *v,
    int negated, int positional, const struct lx_tok *at)
{
	struct ast_arg arg = { name, v, negated, positional, at->line,
	    at->col };

	return gr_push_arg(p, &arg) ? 1 : -1;
}

static int
gr_fail_end_at(struct gr_parser *p, const struct lx_tok *t)
{
	if (t->kind == TK_ERROR || t->kind == TK_OTHER)
		gr_fail_tok(p, t);
	else
		gr_fail(p, GR_E_END, t->line, t->col, "expected end of command");
	return -1;
}

/*
 * name=value with a known name: 1; unknown or ambiguous name: 0 (the
 * token is left for the caller).  A leading '.' continues the family of
 * the previous dotted name: local.address=... .role=... (§1.3).
 */
static int
gr_named(struct gr_parser *p, struct gr_cmdargs *a, const struct lx_tok *t)
{
	const char *name = t->text;
	size_t len = t->len;
	char buf[256];
	const struct ct_node *arg;
	struct lx_tok at = *t;
	struct ast_node *v;
	const char *dot;
	enum ct_valkind kind;
	int amb;

	if (len > 1 && name[0] == '.' && a->dot != NULL) {
		if (a->dotlen + len >= sizeof(buf))
			return 0;
		memcpy(buf, a->dot, a->dotlen);
		memcpy(buf + a->dotlen, name, len);
		name = buf;
		len += a->dotlen;
	}
	if ((arg = gr_ct_child(p, a->cmd, name, len, &amb)) == NULL)
		return 0;
	gr_consume(p);
	kind = ct_arg_kind(a->dir, a->cmd, arg->name);
	if (kind == CT_VAL_WHERE) {
		lx_advance(&p->lx);
		v = gr_where(p, a->ctx);
	} else
		v = gr_after_eq(p, a->ctx, kind);
	if (v == NULL)
		return -1;
	if ((dot = strrchr(arg->name, '.')) != NULL) {
		a->dot = arg->name;
		a->dotlen = (size_t)(dot - arg->name);
	}
	gr_fill(a, arg->name);
	return gr_add(p, arg->name, v, 0, 0, &at);
}

/* find's positional: the rest of the command, "where" optional (§3.4). */
static int
gr_where_slot(struct gr_parser *p, struct gr_cmdargs *a, int slot,
    const struct lx_tok *t)
{
	struct lx_tok at = *t;
	struct ast_node *v;

	if (t->kind == TK_WORD && !t->eq && t->len == 5 &&
	    memcmp(t->text, "where", 5) == 0)
		gr_consume(p);
	if ((v = gr_where(p, a->ctx)) == NULL)
		return -1;
	a->filled |= 1u << slot;
	return gr_add(p, a->pos[slot], v, 0, 1, &at);
}

static int
gr_positional(struct gr_parser *p, struct gr_cmdargs *a, int slot,
    enum ct_valkind kind, const struct lx_tok *t)
{
	struct lx_tok at = *t;
	struct ast_node *v = gr_value(p, a->ctx, kind);

	if (v == NULL)
		return -1;
	a->filled |= 1u << slot;
	return gr_add(p, a->pos[slot], v, 0, 1, &at);
}

/* A word without '=': !name, where, a switch or a positional value. */
static int
gr_bare(struct gr_parser *p, struct gr_cmdargs *a, const struct lx_tok *t,
    int slot, enum ct_valkind sk)
{
	struct lx_tok at = *t;
	const struct ct_node *arg;
	enum ct_valkind kind;
	int amb, exact;

	if (t->len > 1 && t->text[0] == '!' &&
	    (arg = gr_ct_child(p, a->cmd, t->text + 1, t->len - 1, &amb)) != NULL) {
		gr_consume(p);
		return gr_add(p, arg->name, NULL, 1, 0, &at);
	}
	arg = gr_ct_child(p, a->cmd, t->text, t->len, &amb);
	kind = arg != NULL ? ct_arg_kind(a->dir, a->cmd, arg->name) :
	    CT_VAL_VALUE;
	exact = arg != NULL && arg->name[t->len] == '\0';
	if (arg != NULL && kind == CT_VAL_WHERE) {
		struct ast_node *v;

		gr_consume(p);
		if ((v = gr_where(p, a->ctx)) == NULL)
			return -1;
		return gr_add(p, arg->name, v, 0, 0, &at);
	}
	if (arg != NULL && kind == CT_VAL_FLAG && exact) {
		gr_consume(p);
		return gr_add(p, arg->name, NULL, 0, 0, &at);
	}
	if (slot >= 0)
		return gr_positional(p, a, slot, sk, t);
	if (arg != NULL && kind == CT_VAL_FLAG) {
		gr_consume(p);
		return gr_add(p, arg->name, NULL, 0, 0, &at);
	}
	return gr_fail_end_at(p, t);
}

static int
gr_value_start(const struct lx_tok *t)
{
	switch (t->kind) {
	case TK_WORD: case TK_QUOTE: case TK_LBRACK: case TK_LPAREN:
	case TK_VAR: case TK_QVAR: case TK_LBRACE:
		return 1;
	default:
		return 0;
	}
}

static int
gr_arg(struct gr_parser *p, struct gr_cmdargs *a, const struct lx_tok *t)
{
	int slot = gr_free_slot(a), rc;
	enum ct_valkind sk = slot >= 0 ?
	    ct_arg_kind(a->dir, a->cmd, a->pos[slot]) : CT_VAL_VALUE;

	if (t->kind == TK_WORD && t->eq) {
		if ((rc = gr_named(p, a, t)) != 0)
			return rc;
		if (sk == CT_VAL_WHERE)
			return gr_where_slot(p, a, slot, t);
		/* unknown name: a free slot takes the word, '=' then fails */
		if (slot >= 0)
			return gr_positional(p, a, slot, sk, t);
		return gr_fail_end_at(p, t);
	}
	if (slot >= 0 && sk == CT_VAL_WHERE)
		return gr_where_slot(p, a, slot, t);
	if (t->kind == TK_WORD)
		return gr_bare(p, a, t, slot, sk);
	if (slot >= 0 && gr_value_start(t))
		return gr_positional(p, a, slot, sk, t);
	return gr_fail_end_at(p, t);
}

int
gr_args(struct gr_parser *p, enum gr_ctx ctx, const struct ct_node *cmd,
    struct ast_node *n)
{
	struct gr_cmdargs a;
	size_t base = p->an;

	memset(&a, 0, sizeof(a));
	a.cmd = cmd;
	a.dir = n->path;
	a.pos = gr_positionals(p, n->path, cmd);
	a.ctx = ctx;
	a.flags = gr_ctx_flags(ctx);
	for (;;) {
		const struct lx_tok *t = gr_peek(p, LX_ARG, a.flags);

		if (gr_at_end(t, ctx))
			break;
		if (gr_arg(p, &a, t) < 0)
			return -1;
	}
	n->args = gr_pop_args(p, base, &n->nargs);
	return p->failed ? -1 : 0;
}

/*
 * Arguments of $f: name=value pairs as written, unnamed values named
 * "1", "2"... as the function body sees them ($1, $2, §8.4).
 */
int
gr_call_args(struct gr_parser *p, enum gr_ctx ctx, struct ast_node *n)
{
	unsigned flags = gr_ctx_flags(ctx);
	size_t base = p->an;
	int k = 0;

	for (;;) {
		const struct lx_tok *t = gr_peek(p, LX_ARG, flags);
		struct lx_tok at = *t;
		struct ast_node *v;
		char num[16];
		const char *name = num;
		size_t len;
		int positional = 0;

		if (gr_at_end(t, ctx))
			break;
		if (t->kind == TK_WORD && t->eq) {
			name = t->text;
			len = t->len;
		} else if (gr_value_start(t)) {
			len = (size_t)snprintf(num, sizeof(num), "%d", ++k);
			positional = 1;
		} else
			return gr_fail_end_at(p, t);
		if ((name = gr_strdup(&p->arena, name, len)) == NULL) {
			gr_fail(p, GR_E_NOMEM, 0, 0, "not enough memory");
			return -1;
		}
		if (positional)
			v = gr_value(p, ctx, CT_VAL_VALUE);
		else {
			gr_consume(p);
			v = gr_after_eq(p, ctx, CT_VAL_VALUE);
		}
		if (v == NULL || gr_add(p, name, v, 0, positional, &at) < 0)
			return -1;
	}
	n->args = gr_pop_args(p, base, &n->nargs);
	return p->failed ? -1 : 0;
}
