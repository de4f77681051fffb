/*
 * expr.c - values: words, quoted strings, $variables, [commands],
 * (expressions), {arrays}, and the where-expression of find/print/export.
 *
 * Operator precedence.  RouterOS documents none (console-language.md
 * §8.3, §3.5) and its users parenthesise, so this follows C where the
 * operators are C's, from loosest to tightest:
 *
 *     ||  or
 *     &&  and  (juxtaposition: the implicit "and" of where-expressions)
 *     ,                         array concatenation
 *     =  !=  <  >  <=  >=  in  ~
 *     |
 *     ^
 *     &
 *     <<  >>
 *     +  -  .                   "." concatenates, as often as "+" adds
 *     *  /  %
 *     !  -  ~                   prefix
 *     ->                        index, binds tighter than a prefix so
 *                               that !$a->"k" negates the element
 *
 * All binary operators group left to right.  "and", "or" and "in" are
 * operators only where an operator may stand, so they need blanks or
 * brackets around them, as in RouterOS.
 */
#include <stdio.h>
#include <string.h>

#include "grammar_local.h"

/* How an expression is being read. */
struct gr_x {
	int where;		/* juxtaposed terms are joined by OP_JUXT */
	unsigned flags;		/* lexer flags: newlines, commas */
};

static struct ast_node *gr_binary(struct gr_parser *, const struct gr_x *,
    int, int *);

static void *
gr_nomem(struct gr_parser *p)
{
	return gr_fail(p, GR_E_NOMEM, 0, 0, "not enough memory");
}

static struct ast_node *
gr_word(struct gr_parser *p, const char *s, size_t len, int line, int col)
{
	struct ast_node *n = gr_node(&p->arena, AST_WORD, line, col);

	if (n == NULL || (n->text = gr_strdup(&p->arena, s, len)) == NULL)
		return gr_nomem(p);
	n->textlen = len;
	return n;
}

static struct ast_node *
gr_binop(struct gr_parser *p, enum ast_type type, enum ast_op op,
    struct ast_node *a, struct ast_node *b, int line, int col)
{
	struct ast_node *n = gr_node(&p->arena, type, line, col);
	int k = b != NULL ? 2 : 1;

	if (n == NULL ||
	    (n->kids = gr_alloc(&p->arena, (size_t)k * sizeof(*n->kids))) ==
	    NULL)
		return gr_nomem(p);
	n->op = op;
	n->kids[0] = a;
	if (b != NULL)
		n->kids[1] = b;
	n->nkids = k;
	return n;
}

/* ------------------------------------------------------------------ */
/* Variables and strings                                               */
/* ------------------------------------------------------------------ */

/*
 * $name (token text) or $"name" (the opening quote is consumed; the
 * name is read as a string that may not contain substitutions).
 */
struct ast_node *
gr_var(struct gr_parser *p, const struct lx_tok *t)
{
	struct ast_node *n = gr_node(&p->arena, AST_VAR, t->line, t->col);
	struct lx_tok s;

	if (n == NULL)
		return gr_nomem(p);
	if (t->kind == TK_VAR) {
		if ((n->text = gr_strdup(&p->arena, t->text, t->len)) == NULL)
			return gr_nomem(p);
		n->textlen = t->len;
		return n;
	}
	lx_str_next(&p->lx, &s);
	if (s.kind == TK_STR_LIT) {
		if ((n->text = gr_strdup(&p->arena, s.text, s.len)) == NULL)
			return gr_nomem(p);
		n->textlen = s.len;
		lx_str_next(&p->lx, &s);
	}
	if (s.kind == TK_ERROR)
		return gr_fail_tok(p, &s);
	if (s.kind != TK_STR_END || n->textlen == 0)
		return gr_fail(p, GR_E_SYNTAX, s.line, s.col, "syntax error");
	return n;
}

static struct ast_node *
gr_string_part(struct gr_parser *p, const struct lx_tok *s)
{
	switch (s->kind) {
	case TK_STR_LIT:
		return gr_word(p, s->text, s->len, s->line, s->col);
	case TK_STR_VAR: {
		struct lx_tok v = *s;

		v.kind = TK_VAR;
		return gr_var(p, &v);
	}
	case TK_STR_SUBST:
		return gr_subst(p, s->line, s->col);
	case TK_STR_EXPR:
		return gr_paren(p, s->line, s->col);
	default:
		return gr_fail_tok(p, s);
	}
}

/*
 * The opening quote has been consumed.  Kids: literal runs (AST_WORD,
 * escapes decoded) and substitutions in order; a string without
 * substitutions always has exactly one AST_WORD kid, "" an empty one,
 * and then the AST_STR's own text is that kid's text.
 */
struct ast_node *
gr_string(struct gr_parser *p, int line, int col)
{
	size_t base = p->nn;
	struct ast_node *n;
	struct lx_tok s;

	for (;;) {
		struct ast_node *k;

		lx_str_next(&p->lx, &s);
		if (s.kind == TK_STR_END)
			break;
		if ((k = gr_string_part(p, &s)) == NULL || !gr_push_node(p, k))
			return NULL;
	}
	if (p->nn == base) {
		struct ast_node *e = gr_word(p, "", 0, s.line, s.col);

		if (e == NULL || !gr_push_node(p, e))
			return NULL;
	}
	if ((n = gr_node(&p->arena, AST_STR, line, col)) == NULL)
		return gr_nomem(p);
	n->kids = gr_pop_nodes(p, base, &n->nkids);
	if (p->failed)
		return NULL;
	/* a plain string also carries its text, shared with the kid */
	if (n->nkids == 1 && n->kids[0]->type == AST_WORD) {
		n->text = n->kids[0]->text;
		n->textlen = n->kids[0]->textlen;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* [ command ] and ( expression )                                      */
/* ------------------------------------------------------------------ */

static int
gr_open(struct gr_parser *p, int line, int col)
{
	if (p->depth >= GR_MAX_DEPTH) {
		gr_fail(p, GR_E_TOOBIG, line, col, "too deeply nested");
		return 0;
	}
	p->depth++;
	return 1;
}

/*
 * `[` has been consumed: exactly one command, resolved in the current
 * menu, then `]`.  Newlines inside the brackets are blanks.
 */
struct ast_node *
gr_subst(struct gr_parser *p, int line, int col)
{
	struct gr_menu saved = p->cwd;
	const struct lx_tok *t;
	struct ast_node *s;

	if (!gr_open(p, line, col))
		return NULL;
	t = gr_peek(p, LX_CMD, LX_F_NLSPACE);
	if (t->kind == TK_EOF)
		return gr_fail_tok(p, t);
	if (t->kind == TK_RBRACK)
		return gr_fail(p, GR_E_SYNTAX, t->line, t->col, "syntax error");
	if ((s = gr_statement(p, GR_CTX_SUBST)) == NULL)
		return NULL;
	for (;;) {
		t = gr_peek(p, LX_ARG, LX_F_NLSPACE);
		if (t->kind != TK_SEMI)
			break;
		gr_consume(p);
	}
	if (t->kind == TK_EOF || t->kind == TK_ERROR)
		return gr_fail_tok(p, t);
	if (t->kind != TK_RBRACK)
		return gr_fail(p, GR_E_END, t->line, t->col,
		    "expected end of command");
	gr_consume(p);
	p->cwd = saved;
	p->depth--;
	return gr_binop(p, AST_SUBST, OP_NONE, s, NULL, line, col);
}

static struct ast_node *
gr_paren_x(struct gr_parser *p, int where, int line, int col, int *h)
{
	struct gr_x x = { where, LX_F_NLSPACE | (where ? LX_F_WHERE : 0) };
	const struct lx_tok *t;
	struct ast_node *e;

	if (!gr_open(p, line, col))
		return NULL;
	if ((e = gr_binary(p, &x, 0, h)) == NULL)
		return NULL;
	t = gr_peek(p, LX_OPERATOR, x.flags);
	if (t->kind != TK_RPAREN)
		return gr_fail_tok(p, t);
	gr_consume(p);
	p->depth--;
	return e;
}

/* `(` has been consumed.  The result is the expression itself. */
struct ast_node *
gr_paren(struct gr_parser *p, int line, int col)
{
	int h;

	return gr_paren_x(p, 0, line, col, &h);
}

/* ------------------------------------------------------------------ */
/* Arrays                                                              */
/* ------------------------------------------------------------------ */

/* Value after `key=` or `name=`: blanks may follow; nothing is "". */
struct ast_node *
gr_after_eq(struct gr_parser *p, enum gr_ctx ctx, enum ct_valkind kind)
{
	const struct lx_tok *t;

	lx_advance(&p->lx);	/* the '=' */
	t = gr_peek(p, LX_ARG, gr_ctx_flags(ctx));
	if (gr_at_end(t, ctx))
		return gr_word(p, "", 0, t->line, t->col);
	return gr_value(p, ctx, kind);
}

/* One element: value, or key=value with a bare or quoted key. */
static struct ast_node *
gr_element(struct gr_parser *p, const struct lx_tok *t)
{
	int line = t->line, col = t->col;
	struct ast_node *v, *k;

	if (t->kind == TK_WORD && t->eq) {
		k = gr_word(p, t->text, t->len, line, col);
		if (k == NULL)
			return NULL;
		gr_consume(p);
	} else {
		if ((v = gr_value(p, GR_CTX_BLOCK, CT_VAL_VALUE)) == NULL)
			return NULL;
		/* {"aX"=1}: a quoted key is a string without substitutions */
		if (lx_peekc(&p->lx) != '=' || p->have_tok ||
		    v->type != AST_STR || v->nkids != 1 ||
		    v->kids[0]->type != AST_WORD)
			return v;
		k = v->kids[0];
	}
	if ((v = gr_after_eq(p, GR_CTX_BLOCK, CT_VAL_VALUE)) == NULL)
		return NULL;
	{
		struct ast_node *n = gr_binop(p, AST_PAIR, OP_NONE, v, NULL,
		    line, col);

		if (n == NULL)
			return NULL;
		n->text = k->text;
		n->textlen = k->textlen;
		return n;
	}
}

/*
 * `{` in value position has been consumed.  Elements are separated by
 * `;` or newlines; an empty array is a syntax error (§1.9).
 */
static struct ast_node *
gr_array(struct gr_parser *p, int line, int col)
{
	size_t base = p->nn;
	const struct lx_tok *t;
	struct ast_node *n, *e;

	if (!gr_open(p, line, col))
		return NULL;
	for (;;) {
		t = gr_peek(p, LX_ARG, 0);
		if (t->kind == TK_NL || t->kind == TK_SEMI) {
			gr_consume(p);
			continue;
		}
		if (t->kind == TK_RBRACE)
			break;
		if (t->kind == TK_EOF)
			return gr_fail(p, GR_E_BRACE, t->line, t->col,
			    "missing closing brace");
		if ((e = gr_element(p, t)) == NULL || !gr_push_node(p, e))
			return NULL;
		t = gr_peek(p, LX_ARG, 0);
		if (t->kind != TK_NL && t->kind != TK_SEMI &&
		    t->kind != TK_RBRACE && t->kind != TK_EOF)
			return gr_fail_tok(p, t);
	}
	if (p->nn == base)
		return gr_fail(p, GR_E_SYNTAX, t->line, t->col, "syntax error");
	gr_consume(p);
	p->depth--;
	if ((n = gr_node(&p->arena, AST_ARRAY, line, col)) == NULL)
		return gr_nomem(p);
	n->kids = gr_pop_nodes(p, base, &n->nkids);
	return p->failed ? NULL : n;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/*
 * A value in argument position, starting at the next token.  `{` opens
 * a script block for CT_VAL_BLOCK arguments and an array otherwise.
 */
struct ast_node *
gr_value(struct gr_parser *p, enum gr_ctx ctx, enum ct_valkind kind)
{
	const struct lx_tok *t = gr_peek(p, LX_ARG, gr_ctx_flags(ctx));
	int line = t->line, col = t->col;
	struct ast_node *n;

	switch (t->kind) {
	case TK_WORD:
		n = gr_word(p, t->text, t->len, line, col);
		gr_consume(p);
		return n;
	case TK_VAR:
		n = gr_var(p, t);
		gr_consume(p);
		return n;
	case TK_QVAR:
		gr_consume(p);
		return gr_var(p, t);
	case TK_QUOTE:
		gr_consume(p);
		return gr_string(p, line, col);
	case TK_LBRACK:
		gr_consume(p);
		return gr_subst(p, line, col);
	case TK_LPAREN:
		gr_consume(p);
		return gr_paren(p, line, col);
	case TK_LBRACE:
		gr_consume(p);
		if (kind == CT_VAL_BLOCK)
			return gr_block(p, &p->cwd, line, col);
		return gr_array(p, line, col);
	default:
		return gr_fail_tok(p, t);
	}
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

/* Binding strength of a binary operator; 0 for none. */
static int
gr_prec(enum ast_op op)
{
	switch (op) {
	case OP_OR: return 1;
	case OP_AND: case OP_JUXT: return 2;
	case OP_COMMA: return 3;
	case OP_EQ: case OP_NE: case OP_LT: case OP_GT: case OP_LE:
	case OP_GE: case OP_IN: case OP_MATCH: return 4;
	case OP_BITOR: return 5;
	case OP_BITXOR: return 6;
	case OP_BITAND: return 7;
	case OP_SHL: case OP_SHR: return 8;
	case OP_ADD: case OP_SUB: case OP_CONCAT: return 9;
	case OP_MUL: case OP_DIV: case OP_MOD: return 10;
	default: return 0;
	}
}

static int
gr_height(struct gr_parser *p, int h, int line, int col)
{
	if (h > GR_EXPR_MAX) {
		gr_fail(p, GR_E_TOOBIG, line, col, "too deeply nested");
		return 0;
	}
	return 1;
}

/* An operand: word, string, variable, (expr), [cmd] or {array}. */
static struct ast_node *
gr_primary(struct gr_parser *p, const struct gr_x *x, int *h)
{
	const struct lx_tok *t = gr_peek(p, LX_OPERAND, x->flags);
	int line = t->line, col = t->col;
	struct ast_node *n;

	*h = 1;
	switch (t->kind) {
	case TK_WORD:
		n = gr_word(p, t->text, t->len, line, col);
		gr_consume(p);
		return n;
	case TK_VAR:
		n = gr_var(p, t);
		gr_consume(p);
		return n;
	case TK_QVAR:
		gr_consume(p);
		return gr_var(p, t);
	case TK_QUOTE:
		gr_consume(p);
		return gr_string(p, line, col);
	case TK_LBRACK:
		gr_consume(p);
		return gr_subst(p, line, col);
	case TK_LPAREN:
		gr_consume(p);
		return gr_paren_x(p, x->where, line, col, h);
	case TK_LBRACE:
		gr_consume(p);
		return gr_array(p, line, col);
	default:
		return gr_fail_tok(p, t);
	}
}

/* Operand followed by any number of ->index. */
static struct ast_node *
gr_postfix(struct gr_parser *p, const struct gr_x *x, int *h)
{
	struct ast_node *e = gr_primary(p, x, h), *r;

	while (e != NULL) {
		const struct lx_tok *t = gr_peek(p, LX_OPERATOR, x->flags);
		int line = t->line, col = t->col, rh;

		if (t->kind != TK_OP || t->op != OP_INDEX)
			break;
		gr_consume(p);
		if ((r = gr_primary(p, x, &rh)) == NULL)
			return NULL;
		*h = (*h > rh ? *h : rh) + 1;
		if (!gr_height(p, *h, line, col))
			return NULL;
		e = gr_binop(p, AST_BINOP, OP_INDEX, e, r, line, col);
	}
	return e;
}

/* Prefix operators, chained top-down so no stack grows with them. */
static struct ast_node *
gr_unary(struct gr_parser *p, const struct gr_x *x, int *h)
{
	struct ast_node *top = NULL, **hole = &top, *u;
	int n = 0;

	for (;;) {
		const struct lx_tok *t = gr_peek(p, LX_OPERAND, x->flags);

		if (t->kind != TK_OP || (t->op != OP_NOT && t->op != OP_NEG &&
		    t->op != OP_BITNOT))
			break;
		if (!gr_height(p, ++n, t->line, t->col))
			return NULL;
		u = gr_binop(p, AST_UNOP, t->op, NULL, NULL, t->line, t->col);
		if (u == NULL)
			return NULL;
		gr_consume(p);
		*hole = u;
		hole = &u->kids[0];
	}
	if ((*hole = gr_postfix(p, x, h)) == NULL)
		return NULL;
	*h += n;
	return top;
}

/* Does this token begin a juxtaposed where-term? */
static int
gr_starts_term(const struct lx_tok *t)
{
	switch (t->kind) {
	case TK_WORD: case TK_QUOTE: case TK_VAR: case TK_QVAR:
	case TK_LPAREN: case TK_LBRACK:
		return 1;
	case TK_OP:
		return t->op == OP_NOT;
	default:
		return 0;
	}
}

/* The binary operator at t, if any ("and"/"or"/"in" are words). */
static enum ast_op
gr_binop_at(const struct lx_tok *t, const struct gr_x *x)
{
	if (t->kind == TK_OP && t->op != OP_NOT && t->op != OP_INDEX)
		return t->op;
	if (t->kind == TK_WORD) {
		if (t->len == 3 && memcmp(t->text, "and", 3) == 0)
			return OP_AND;
		if (t->len == 2 && memcmp(t->text, "or", 2) == 0)
			return OP_OR;
		if (t->len == 2 && memcmp(t->text, "in", 2) == 0)
			return OP_IN;
	}
	if (x->where && gr_starts_term(t))
		return OP_JUXT;
	return OP_NONE;
}

/* Precedence climbing: operators binding at least as tight as minprec. */
static struct ast_node *
gr_binary(struct gr_parser *p, const struct gr_x *x, int minprec, int *h)
{
	struct ast_node *lhs = gr_unary(p, x, h), *rhs;

	while (lhs != NULL) {
		const struct lx_tok *t = gr_peek(p, LX_OPERATOR, x->flags);
		enum ast_op op = gr_binop_at(t, x);
		int prec = gr_prec(op), line = t->line, col = t->col, rh;

		if (prec == 0 || prec < minprec)
			break;
		if (op != OP_JUXT)
			gr_consume(p);
		if ((rhs = gr_binary(p, x, prec + 1, &rh)) == NULL)
			return NULL;
		*h = (*h > rh ? *h : rh) + 1;
		if (!gr_height(p, *h, line, col))
			return NULL;
		lhs = gr_binop(p, AST_BINOP, op, lhs, rhs, line, col);
	}
	return lhs;
}

/*
 * The rest of a command as a where-expression (§3.5); it ends where the
 * command ends.  Nothing at all is "missing value for where".
 */
struct ast_node *
gr_where(struct gr_parser *p, enum gr_ctx ctx)
{
	struct gr_x x = { 1, gr_ctx_flags(ctx) | LX_F_WHERE };
	const struct lx_tok *t = gr_peek(p, LX_OPERAND, x.flags);
	int h;

	if (gr_at_end(t, ctx))
		return gr_fail(p, GR_E_WHERE, t->line, t->col,
		    "missing value for where");
	return gr_binary(p, &x, 0, &h);
}
