/*
 * complete.c - what may be typed at the cursor of a partial line.
 *
 * The interactive console asks this on Tab, `?` and F1 (console-language
 * §7.2).  The text up to the cursor is read with the parser's own lexer
 * and the same rules of menus, commands, arguments, values, blocks,
 * [substitutions] and where-expressions as parser.c, args.c and expr.c,
 * but forgivingly: the input ends in the middle of a command, and the
 * question is only where.  The answer names the addressed menu, the
 * command, the argument or property whose value is being typed, and the
 * partial word.  gr_candidates() then lists the words the command tree
 * and the schema allow there; names of existing items are the engine's
 * business (it has the store).
 *
 * Pure: no I/O, no globals.
 */
#include <string.h>

#include "grammar_local.h"

struct cx_args;

struct cx {
	struct lx lx;
	struct gr_cpl *c;
	struct lx_state before;	/* where the last token started */
	int depth;
	struct cx_args *args;	/* the command being read, or NULL */
	const struct gr_menu *menu;	/* where relative words resolve */
};

struct cx_args {
	const struct gr_menu *m;	/* menu holding the command */
	const struct gr_menu *inner;	/* menu of [..] and {..} in values */
	const struct ct_node *cmd;
	char dir[GR_PATH_MAX];
	const char *const *pos;
	unsigned filled;
	enum gr_ctx ctx;
	unsigned flags;
	const char *given[GR_CPL_MAXGIVEN];	/* arguments given so far */
	int ngiven;
};

/* Result of each step: go on, or the answer is known (or hopeless). */
enum { CX_GO = 0, CX_DONE = 1 };

static int cx_script(struct cx *x, const struct gr_menu *cwd,
    enum gr_ctx ctx);
static int cx_none(struct cx *x);
static int cx_expr(struct cx *x, const struct gr_menu *m, int where,
    enum gr_ctx ctx, int paren);

static void
cx_next(struct cx *x, enum lx_mode mode, unsigned flags, struct lx_tok *t)
{
	x->before = x->lx.st;
	lx_next(&x->lx, mode, flags, t);
}

static void
cx_back(struct cx *x)
{
	x->lx.st = x->before;
}

/* The token just read runs up to the cursor: it is the partial word. */
static int
cx_at_cursor(const struct cx *x)
{
	return x->lx.st.pos >= x->lx.len;
}

static void
cx_copy(char *dst, size_t sz, const char *s, size_t n)
{
	if (n >= sz)
		n = sz - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Fill the answer; word may be NULL (nothing typed yet). */
static int
cx_set(struct cx *x, enum gr_cpl_what what, const struct gr_menu *m,
    const char *word, size_t len)
{
	struct gr_cpl *c = x->c;
	const struct cx_args *a = x->args;

	c->what = what;
	if (m != NULL)
		gr_menu_path(m, c->menu, sizeof(c->menu));
	if (a != NULL) {
		cx_copy(c->cmd, sizeof(c->cmd), a->cmd->name,
		    strlen(a->cmd->name));
		memcpy(c->given, a->given, sizeof(c->given));
		c->ngiven = a->ngiven;
	}
	if (word == NULL)
		len = 0;
	if (len >= sizeof(c->word))
		return cx_none(x);	/* nothing that long to complete */
	cx_copy(c->word, sizeof(c->word), word ? word : "", len);
	c->wordlen = strlen(c->word);
	return CX_DONE;
}

static int
cx_none(struct cx *x)
{
	x->c->what = GR_CPL_NONE;
	return CX_DONE;
}

/* A value word: complete its last list element, after a leading '!'. */
static int
cx_set_value(struct cx *x, enum gr_cpl_what what, const struct gr_menu *m,
    const char *word, size_t len)
{
	size_t i, start = 0;

	if (word == NULL)
		return cx_set(x, what, m, NULL, 0);
	for (i = 0; i < len; i++)
		if (word[i] == ',')
			start = i + 1;
	x->c->in_list = start > 0;
	if (start < len && word[start] == '!') {
		x->c->negated = 1;
		start++;
	}
	return cx_set(x, what, m, word + start, len - start);
}

static int
cx_enter(struct cx *x)
{
	if (x->depth >= GR_MAX_DEPTH)
		return 0;
	x->depth++;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Strings, substitutions, arrays                                      */
/* ------------------------------------------------------------------ */

/* The opening quote has been read. */
static int
cx_string(struct cx *x, const struct gr_menu *m)
{
	struct lx_tok t;
	int r;

	for (;;) {
		x->before = x->lx.st;
		lx_str_next(&x->lx, &t);
		switch (t.kind) {
		case TK_STR_END:
			return CX_GO;
		case TK_STR_SUBST:
			if ((r = cx_script(x, m, GR_CTX_SUBST)) != CX_GO)
				return r;
			break;
		case TK_STR_EXPR:
			if ((r = cx_expr(x, NULL, 0, GR_CTX_SUBST, 1)) != CX_GO)
				return r;
			break;
		case TK_ERROR:
			if (x->lx.incomplete) {
				x->c->what = GR_CPL_STRING;
				return CX_DONE;
			}
			return cx_none(x);
		default:
			break;
		}
	}
}

/* `{` in value position that is not a block: skip to its `}`. */
static int
cx_array(struct cx *x, const struct gr_menu *m)
{
	struct lx_tok t;
	int r = CX_GO;

	if (!cx_enter(x))
		return cx_none(x);
	for (;;) {
		cx_next(x, LX_ARG, 0, &t);
		switch (t.kind) {
		case TK_RBRACE:
			x->depth--;
			return CX_GO;
		case TK_EOF:
		case TK_ERROR:
		case TK_VAR:
			return cx_none(x);
		case TK_QUOTE:
			r = cx_string(x, m);
			break;
		case TK_LBRACK:
			r = cx_script(x, m, GR_CTX_SUBST);
			break;
		case TK_LPAREN:
			r = cx_expr(x, NULL, 0, GR_CTX_SUBST, 1);
			break;
		case TK_LBRACE:
			r = cx_array(x, m);
			break;
		case TK_QVAR:
			r = cx_string(x, m);
			break;
		default:
			if (t.kind == TK_WORD && t.eq)
				lx_advance(&x->lx);
			break;
		}
		if (r != CX_GO)
			return r;
	}
}

/* ------------------------------------------------------------------ */
/* Expressions and where-expressions (§3.5, §8.3)                      */
/* ------------------------------------------------------------------ */

struct cx_ex {
	const struct gr_menu *m;	/* menu of the properties, NULL: none */
	int where;
	unsigned flags;
	enum gr_ctx ctx;
	int paren;			/* ends at `)` */
	int want_operand;
	int cmp;			/* the operand is compared with prop */
	char prop[128];
};

static int
cx_is_cmp(enum ast_op op)
{
	switch (op) {
	case OP_EQ: case OP_NE: case OP_LT: case OP_GT: case OP_LE:
	case OP_GE: case OP_MATCH:
		return 1;
	default:
		return 0;
	}
}

static int
cx_word_is(const struct lx_tok *t, const char *w)
{
	return t->len == strlen(w) && memcmp(t->text, w, t->len) == 0;
}

/* The partial word of an expression, or the empty word after a blank. */
static int
cx_ex_answer(struct cx *x, const struct cx_ex *e, const char *w, size_t n)
{
	if (!e->where || e->m == NULL)
		return cx_none(x);
	if (e->cmp) {
		cx_copy(x->c->arg, sizeof(x->c->arg), e->prop, strlen(e->prop));
		return cx_set_value(x, GR_CPL_WHERE_VALUE, e->m, w, n);
	}
	return cx_set(x, GR_CPL_WHERE, e->m, w, n);
}

static int
cx_operand(struct cx *x, struct cx_ex *e)
{
	struct lx_tok t;
	/* [..] in a plain expression runs where the command does */
	const struct gr_menu *sm = e->m != NULL ? e->m : x->menu;
	int r = CX_GO;

	cx_next(x, LX_OPERAND, e->flags, &t);
	switch (t.kind) {
	case TK_EOF:
		return cx_ex_answer(x, e, NULL, 0);
	case TK_OP:
		if (t.op == OP_NOT || t.op == OP_NEG || t.op == OP_BITNOT)
			return CX_GO;
		return cx_none(x);
	case TK_WORD:
		if (cx_at_cursor(x))
			return cx_ex_answer(x, e, t.text, t.len);
		if (!e->cmp)
			cx_copy(e->prop, sizeof(e->prop), t.text, t.len);
		break;
	case TK_QUOTE:
	case TK_QVAR:
		r = cx_string(x, sm);
		break;
	case TK_VAR:
		if (cx_at_cursor(x))
			return cx_none(x);
		break;
	case TK_LBRACK:
		r = cx_script(x, sm, GR_CTX_SUBST);
		break;
	case TK_LPAREN:
		r = cx_expr(x, e->m, e->where, GR_CTX_SUBST, 1);
		break;
	case TK_LBRACE:
		r = cx_array(x, sm);
		break;
	default:
		return cx_none(x);
	}
	e->want_operand = 0;
	e->cmp = 0;
	return r;
}

static int
cx_operator(struct cx *x, struct cx_ex *e, int *end)
{
	struct lx_tok t;

	cx_next(x, LX_OPERATOR, e->flags, &t);
	if (e->paren && t.kind == TK_RPAREN) {
		*end = 1;
		return CX_GO;
	}
	if (!e->paren && gr_at_end(&t, e->ctx) && t.kind != TK_EOF) {
		cx_back(x);
		*end = 1;
		return CX_GO;
	}
	switch (t.kind) {
	case TK_EOF:
		return cx_ex_answer(x, e, NULL, 0);
	case TK_OP:
		e->cmp = cx_is_cmp(t.op);
		e->want_operand = 1;
		return CX_GO;
	case TK_WORD:
		if (cx_at_cursor(x))
			return cx_ex_answer(x, e, t.text, t.len);
		e->want_operand = 1;
		if (cx_word_is(&t, "and") || cx_word_is(&t, "or"))
			return CX_GO;
		if (cx_word_is(&t, "in")) {
			e->cmp = 1;
			return CX_GO;
		}
		break;
	case TK_QUOTE: case TK_VAR: case TK_QVAR: case TK_LPAREN:
	case TK_LBRACK:
		e->want_operand = 1;
		break;
	default:
		return cx_none(x);
	}
	/* a juxtaposed term: an implicit "and" in a where-expression */
	if (!e->where)
		return cx_none(x);
	cx_back(x);
	return CX_GO;
}

/*
 * An expression: inside ( ) when paren is set (the `(` has been read),
 * otherwise a where-expression running to the end of the command.
 */
static int
cx_expr(struct cx *x, const struct gr_menu *m, int where, enum gr_ctx ctx,
    int paren)
{
	struct cx_ex e;
	int end = 0, r;

	memset(&e, 0, sizeof(e));
	e.m = m;
	e.where = where;
	e.ctx = ctx;
	e.paren = paren;
	e.flags = (paren ? LX_F_NLSPACE : gr_ctx_flags(ctx)) |
	    (where ? LX_F_WHERE : 0);
	e.want_operand = 1;
	if (!cx_enter(x))
		return cx_none(x);
	while (!end) {
		r = e.want_operand ? cx_operand(x, &e) :
		    cx_operator(x, &e, &end);
		if (r != CX_GO)
			return r;
	}
	x->depth--;
	return CX_GO;
}

/* ------------------------------------------------------------------ */
/* Arguments (§1.4)                                                    */
/* ------------------------------------------------------------------ */


static int
cx_free_slot(const struct cx_args *a)
{
	int i;

	for (i = 0; a->pos[i] != NULL && i < 16; i++)
		if (!(a->filled & (1u << i)))
			return i;
	return -1;
}

static void
cx_given(struct cx *x, struct cx_args *a, const char *name)
{
	int i;

	(void)x;
	for (i = 0; a->pos[i] != NULL && i < 16; i++)
		if (strcmp(a->pos[i], name) == 0)
			a->filled |= 1u << i;
	if (a->ngiven < GR_CPL_MAXGIVEN)
		a->given[a->ngiven++] = name;
}

static enum ct_valkind
cx_kind(const struct cx_args *a, const char *arg)
{
	return ct_arg_kind(a->dir, a->cmd, arg);
}

/* One value of argument `arg`, at the next token. */
static int
cx_value(struct cx *x, struct cx_args *a, const char *arg,
    enum ct_valkind kind)
{
	struct lx_tok t;

	cx_next(x, LX_ARG, a->flags, &t);
	if (t.kind != TK_EOF && gr_at_end(&t, a->ctx)) {
		cx_back(x);	/* name= and nothing: the empty value */
		return CX_GO;
	}
	switch (t.kind) {
	case TK_EOF:
	case TK_WORD:
		if (t.kind == TK_WORD && !cx_at_cursor(x))
			return CX_GO;
		cx_copy(x->c->arg, sizeof(x->c->arg), arg, strlen(arg));
		return cx_set_value(x, GR_CPL_VALUE, a->m, t.text, t.len);
	case TK_QUOTE:
	case TK_QVAR:
		return cx_string(x, a->inner);
	case TK_VAR:
		return cx_at_cursor(x) ? cx_none(x) : CX_GO;
	case TK_LBRACK:
		return cx_script(x, a->inner, GR_CTX_SUBST);
	case TK_LPAREN:
		return cx_expr(x, NULL, 0, GR_CTX_SUBST, 1);
	case TK_LBRACE:
		if (kind == CT_VAL_BLOCK)
			return cx_script(x, a->inner, GR_CTX_BLOCK);
		return cx_array(x, a->inner);
	default:
		return cx_none(x);
	}
}

/* The partial word where an argument name may go. */
static int
cx_arg_word(struct cx *x, struct cx_args *a, const char *w, size_t n)
{
	int slot = cx_free_slot(a);

	if (slot >= 0 && cx_kind(a, a->pos[slot]) == CT_VAL_WHERE)
		return cx_set(x, GR_CPL_WHERE, a->m, w, n);
	if (slot >= 0)
		cx_copy(x->c->arg, sizeof(x->c->arg), a->pos[slot],
		    strlen(a->pos[slot]));
	if (n > 0 && w[0] == '!') {
		x->c->negated = 1;
		w++;
		n--;
		x->c->arg[0] = '\0';
	}
	return cx_set(x, GR_CPL_ARG, a->m, w, n);
}

/* name=value */
static int
cx_named(struct cx *x, struct cx_args *a, const struct lx_tok *t)
{
	const struct ct_node *arg;
	enum ct_valkind kind;
	int amb, slot = cx_free_slot(a);

	arg = ct_child(a->cmd, t->text, t->len, &amb);
	if (arg == NULL) {
		/* find's where slot reads name=value as a where-term */
		if (slot >= 0 && cx_kind(a, a->pos[slot]) == CT_VAL_WHERE) {
			cx_back(x);
			cx_given(x, a, a->pos[slot]);
			return cx_expr(x, a->m, 1, a->ctx, 0);
		}
		return cx_none(x);
	}
	kind = cx_kind(a, arg->name);
	cx_given(x, a, arg->name);
	lx_advance(&x->lx);	/* the '=' */
	if (kind == CT_VAL_WHERE)
		return cx_expr(x, a->m, 1, a->ctx, 0);
	return cx_value(x, a, arg->name, kind);
}

/* A word without '=': !name, where, a switch or a positional value. */
static int
cx_bare(struct cx *x, struct cx_args *a, const struct lx_tok *t)
{
	const struct ct_node *arg;
	enum ct_valkind kind = CT_VAL_VALUE;
	int amb, slot = cx_free_slot(a);

	if (t->len > 1 && t->text[0] == '!' && (arg = ct_child(a->cmd,
	    t->text + 1, t->len - 1, &amb)) != NULL) {
		cx_given(x, a, arg->name);
		return CX_GO;
	}
	arg = ct_child(a->cmd, t->text, t->len, &amb);
	if (arg != NULL)
		kind = cx_kind(a, arg->name);
	if (arg != NULL && kind == CT_VAL_WHERE) {
		cx_given(x, a, arg->name);
		return cx_expr(x, a->m, 1, a->ctx, 0);
	}
	if (arg != NULL && kind == CT_VAL_FLAG &&
	    arg->name[t->len] == '\0') {
		cx_given(x, a, arg->name);
		return CX_GO;
	}
	if (slot >= 0) {
		enum ct_valkind sk = cx_kind(a, a->pos[slot]);

		cx_back(x);
		cx_given(x, a, a->pos[slot]);
		if (sk == CT_VAL_WHERE) {
			/* "find where x": the keyword is optional (§3.4) */
			if (cx_word_is(t, "where"))
				lx_next(&x->lx, LX_ARG, a->flags,
				    &(struct lx_tok){ 0 });
			return cx_expr(x, a->m, 1, a->ctx, 0);
		}
		return cx_value(x, a, a->pos[slot], sk);
	}
	if (arg != NULL && kind == CT_VAL_FLAG) {
		cx_given(x, a, arg->name);
		return CX_GO;
	}
	return cx_none(x);
}

static int
cx_arg(struct cx *x, struct cx_args *a, const struct lx_tok *t)
{
	int slot = cx_free_slot(a);

	if (t->kind == TK_WORD && cx_at_cursor(x))
		return cx_arg_word(x, a, t->text, t->len);
	if (t->kind == TK_WORD && t->eq)
		return cx_named(x, a, t);
	if (t->kind == TK_WORD)
		return cx_bare(x, a, t);
	if (slot < 0)
		return cx_none(x);
	cx_back(x);
	cx_given(x, a, a->pos[slot]);
	if (cx_kind(a, a->pos[slot]) == CT_VAL_WHERE)
		return cx_expr(x, a->m, 1, a->ctx, 0);
	return cx_value(x, a, a->pos[slot], cx_kind(a, a->pos[slot]));
}

static int
cx_args(struct cx *x, const struct gr_menu *m, const struct gr_menu *inner,
    const struct ct_node *cmd, enum gr_ctx ctx)
{
	struct cx_args a, *prev;
	const struct gr_menu *prev_menu = x->menu;
	struct lx_tok t;
	int r;

	memset(&a, 0, sizeof(a));
	a.m = m;
	a.inner = inner;
	a.cmd = cmd;
	a.ctx = ctx;
	a.flags = gr_ctx_flags(ctx);
	gr_menu_path(m, a.dir, sizeof(a.dir));
	a.pos = ct_positionals(a.dir, cmd);
	prev = x->args;
	x->args = &a;
	x->menu = inner;
	for (;;) {
		cx_next(x, LX_ARG, a.flags, &t);
		if (t.kind == TK_EOF)
			return cx_arg_word(x, &a, NULL, 0);
		if (gr_at_end(&t, ctx)) {
			cx_back(x);
			break;
		}
		if ((r = cx_arg(x, &a, &t)) != CX_GO)
			return r;
	}
	x->args = prev;
	x->menu = prev_menu;
	return CX_GO;
}

/* ------------------------------------------------------------------ */
/* Statements and paths (§1.2)                                         */
/* ------------------------------------------------------------------ */

static const struct ct_node *
cx_path_word(struct gr_menu *m, const struct lx_tok *t)
{
	const struct ct_node *cur = m->node[m->depth], *n;
	char path[GR_PATH_MAX];
	int amb;

	if (t->len == 2 && t->text[0] == '.' && t->text[1] == '.') {
		if (m->depth > 0)
			m->depth--;
		return m->node[m->depth];
	}
	n = ct_child(cur, t->text, t->len, &amb);
	if (n == NULL && !amb) {
		const char *to = ct_alias(gr_menu_path(m, path, sizeof(path)),
		    t->text, t->len);

		if (to != NULL)
			n = ct_child_exact(cur, to, strlen(to));
	}
	if (n == NULL || n->kind == CT_ARG)
		return NULL;
	if (n->kind == CT_DIR) {
		if (m->depth + 1 >= GR_MENU_MAX)
			return NULL;
		m->node[++m->depth] = n;
	}
	return n;
}

/* Menu words, then a command, a block or the end (a change of menu). */
static int
cx_path(struct cx *x, struct gr_menu *cur, struct gr_menu *m, int prefixed,
    enum gr_ctx ctx)
{
	unsigned fl = gr_ctx_flags(ctx);
	int words = 0;
	struct lx_tok t;

	for (;;) {
		const struct ct_node *n;

		cx_next(x, LX_CMD, fl, &t);
		x->c->root_only = prefixed && words == 0;
		if (t.kind == TK_EOF)
			return cx_set(x, GR_CPL_PATH, m, NULL, 0);
		if (t.kind == TK_WORD) {
			if (cx_at_cursor(x))
				return cx_set(x, GR_CPL_PATH, m, t.text, t.len);
			if ((n = cx_path_word(m, &t)) == NULL)
				return cx_none(x);
			x->c->root_only = 0;
			if (n->kind == CT_CMD)
				return cx_args(x, m, prefixed ? cur : m, n, ctx);
			words++;
			if (lx_peekc(&x->lx) == '/')
				lx_advance(&x->lx);
			continue;
		}
		x->c->root_only = 0;
		if (t.kind == TK_LBRACE && !(prefixed && words == 0))
			return cx_script(x, m, GR_CTX_BLOCK);
		if (gr_at_end(&t, ctx) && !(prefixed && words == 0)) {
			*cur = *m;	/* a path-only line changes the menu */
			cx_back(x);
			return CX_GO;
		}
		return cx_none(x);
	}
}

/* $f args: values only; nothing to offer inside. */
static int
cx_call(struct cx *x, const struct gr_menu *cur, enum gr_ctx ctx)
{
	struct lx_tok t;
	int r;

	for (;;) {
		cx_next(x, LX_ARG, gr_ctx_flags(ctx), &t);
		if (t.kind == TK_EOF || t.kind == TK_ERROR)
			return cx_none(x);
		if (gr_at_end(&t, ctx)) {
			cx_back(x);
			return CX_GO;
		}
		r = CX_GO;
		if (t.kind == TK_WORD && t.eq)
			lx_advance(&x->lx);
		else if (t.kind == TK_QUOTE || t.kind == TK_QVAR)
			r = cx_string(x, cur);
		else if (t.kind == TK_LBRACK)
			r = cx_script(x, cur, GR_CTX_SUBST);
		else if (t.kind == TK_LPAREN)
			r = cx_expr(x, NULL, 0, GR_CTX_SUBST, 1);
		else if (t.kind == TK_LBRACE)
			r = cx_array(x, cur);
		if (r != CX_GO)
			return r;
	}
}

static int
cx_statement(struct cx *x, struct gr_menu *cur, enum gr_ctx ctx)
{
	struct gr_menu m = *cur;
	struct lx_tok t;

	cx_next(x, LX_CMD, LX_F_STMT | gr_ctx_flags(ctx), &t);
	switch (t.kind) {
	case TK_LBRACE:
		return cx_script(x, cur, GR_CTX_BLOCK);
	case TK_LPAREN:
		return cx_expr(x, NULL, 0, GR_CTX_SUBST, 1);
	case TK_LBRACK:
		return cx_script(x, cur, GR_CTX_SUBST);
	case TK_VAR:
		return cx_call(x, cur, ctx);
	case TK_QVAR:
		if (cx_string(x, cur) != CX_GO)
			return CX_DONE;
		return cx_call(x, cur, ctx);
	case TK_COLON:
	case TK_SLASH:
		m.depth = 0;
		return cx_path(x, cur, &m, t.kind == TK_COLON, ctx);
	case TK_WORD:
		cx_back(x);
		return cx_path(x, cur, &m, 0, ctx);
	default:
		return cx_none(x);
	}
}

/*
 * Statements until the end of input (or the closing bracket of ctx, which
 * is consumed).  A path-only line moves `cur` for the statements after it.
 */
static int
cx_script(struct cx *x, const struct gr_menu *cwd, enum gr_ctx ctx)
{
	struct gr_menu cur = *cwd;
	struct cx_args *outer = x->args;
	const struct gr_menu *outer_menu = x->menu;
	struct lx_tok t;
	int r;

	if (!cx_enter(x))
		return cx_none(x);
	for (;;) {
		/* statements inside [ ] or { } are not the outer command's */
		x->args = NULL;
		x->menu = &cur;
		cx_next(x, LX_CMD, LX_F_STMT | gr_ctx_flags(ctx), &t);
		if (t.kind == TK_EOF)
			return cx_set(x, GR_CPL_PATH, &cur, NULL, 0);
		if (t.kind == TK_NL || t.kind == TK_SEMI)
			continue;
		if ((t.kind == TK_RBRACE && ctx == GR_CTX_BLOCK) ||
		    (t.kind == TK_RBRACK && ctx == GR_CTX_SUBST)) {
			x->depth--;
			x->args = outer;
			x->menu = outer_menu;
			return CX_GO;
		}
		if (t.kind == TK_RBRACE || t.kind == TK_RBRACK ||
		    t.kind == TK_ERROR)
			return cx_none(x);
		cx_back(x);
		if ((r = cx_statement(x, &cur, ctx)) != CX_GO)
			return r;
	}
}

static void
cx_menu_from_path(struct gr_menu *m, const char *path)
{
	const char *s = path, *e;

	m->depth = 0;
	m->node[0] = ct_root();
	while (s != NULL && *s != '\0') {
		const struct ct_node *n;

		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		n = ct_child_exact(m->node[m->depth], s, (size_t)(e - s));
		if (n == NULL || n->kind != CT_DIR ||
		    m->depth + 1 >= GR_MENU_MAX) {
			m->depth = 0;
			return;
		}
		m->node[++m->depth] = n;
		s = e;
	}
}

enum gr_cpl_what
gr_complete(const char *src, size_t len, const char *cwd, struct gr_cpl *c)
{
	struct cx x;
	struct gr_menu m;

	memset(c, 0, sizeof(*c));
	memset(&x, 0, sizeof(x));
	c->what = GR_CPL_NONE;
	if (src == NULL)
		len = 0;
	lx_init(&x.lx, src, len, 1);
	x.c = c;
	cx_menu_from_path(&m, cwd);
	x.menu = &m;
	gr_menu_path(&m, c->menu, sizeof(c->menu));
	cx_script(&x, &m, GR_CTX_TOP);
	lx_fini(&x.lx);
	return c->what;
}
