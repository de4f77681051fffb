/*
 * parser.c - statements, menu paths and the two entry points (whole
 * script, or one top-level statement at a time).
 *
 * Recursive descent over the grammar sketch of docs console-language.md
 * §1.11.  Words are resolved against the RouterOS command tree as they
 * are read (§1.2, §1.3, §7.3), so the AST holds absolute menu paths and
 * full command and argument names, and errors carry the RouterOS text
 * and the position of the offending token (§6.1).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "grammar_local.h"

/* ------------------------------------------------------------------ */
/* Tokens and errors                                                   */
/* ------------------------------------------------------------------ */

const struct lx_tok *
gr_peek(struct gr_parser *p, enum lx_mode mode, unsigned flags)
{
	if (p->have_tok) {
		if ((p->tok_mode == mode && p->tok_flags == flags) ||
		    p->tok.kind == TK_ERROR)
			return &p->tok;
		/* the same bytes group differently in another mode */
		p->lx.st = p->tok_before;
	}
	p->tok_before = p->lx.st;
	lx_next(&p->lx, mode, flags, &p->tok);
	p->have_tok = 1;
	p->tok_mode = mode;
	p->tok_flags = flags;
	return &p->tok;
}

void
gr_consume(struct gr_parser *p)
{
	p->have_tok = 0;
}

void *
gr_fail(struct gr_parser *p, enum gr_err code, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return NULL;
	p->failed = 1;
	/* whatever went wrong at the end of input inside a bracket */
	if (p->depth > 0 && p->have_tok && p->tok.kind == TK_EOF)
		p->incomplete = 1;
	p->err.code = code;
	p->err.line = line;
	p->err.col = col;
	va_start(ap, fmt);
	vsnprintf(p->err.msg, sizeof(p->err.msg), fmt, ap);
	va_end(ap);
	return NULL;
}

/* A token that cannot be where it is: the lexer's error, or syntax. */
void *
gr_fail_tok(struct gr_parser *p, const struct lx_tok *t)
{
	if (t->kind == TK_ERROR) {
		if (!p->failed) {
			p->failed = 1;
			p->err = p->lx.err;
			if (p->lx.incomplete)
				p->incomplete = 1;
		}
		return NULL;
	}
	return gr_fail(p, GR_E_SYNTAX, t->line, t->col, "syntax error");
}

static void *
gr_nomem(struct gr_parser *p)
{
	return gr_fail(p, GR_E_NOMEM, 0, 0, "not enough memory");
}

static void *
gr_fail_end(struct gr_parser *p, const struct lx_tok *t)
{
	if (t->kind == TK_ERROR || t->kind == TK_OTHER)
		return gr_fail_tok(p, t);
	return gr_fail(p, GR_E_END, t->line, t->col, "expected end of command");
}

/* ------------------------------------------------------------------ */
/* Scratch stacks                                                      */
/* ------------------------------------------------------------------ */

int
gr_push_node(struct gr_parser *p, struct ast_node *n)
{
	if (p->nn == p->ncap) {
		size_t cap = p->ncap ? p->ncap * 2 : 64;
		struct ast_node **nv = realloc(p->nv, cap * sizeof(*nv));

		if (nv == NULL) {
			gr_nomem(p);
			return 0;
		}
		p->nv = nv;
		p->ncap = cap;
	}
	p->nv[p->nn++] = n;
	return 1;
}

struct ast_node **
gr_pop_nodes(struct gr_parser *p, size_t base, int *n)
{
	size_t cnt = p->nn - base;
	struct ast_node **v = NULL;

	*n = 0;
	if (cnt > 0x7fffffff)
		return gr_fail(p, GR_E_TOOBIG, 0, 0, "input too long");
	if (cnt > 0) {
		v = gr_alloc(&p->arena, cnt * sizeof(*v));
		if (v == NULL)
			return gr_nomem(p);
		memcpy(v, p->nv + base, cnt * sizeof(*v));
	}
	p->nn = base;
	*n = (int)cnt;
	return v;
}

int
gr_push_arg(struct gr_parser *p, const struct ast_arg *a)
{
	if (p->an == p->acap) {
		size_t cap = p->acap ? p->acap * 2 : 32;
		struct ast_arg *av = realloc(p->av, cap * sizeof(*av));

		if (av == NULL) {
			gr_nomem(p);
			return 0;
		}
		p->av = av;
		p->acap = cap;
	}
	p->av[p->an++] = *a;
	return 1;
}

struct ast_arg *
gr_pop_args(struct gr_parser *p, size_t base, int *n)
{
	size_t cnt = p->an - base;
	struct ast_arg *v = NULL;

	*n = 0;
	if (cnt > 0x7fffffff)
		return gr_fail(p, GR_E_TOOBIG, 0, 0, "input too long");
	if (cnt > 0) {
		v = gr_alloc(&p->arena, cnt * sizeof(*v));
		if (v == NULL)
			return gr_nomem(p);
		memcpy(v, p->av + base, cnt * sizeof(*v));
	}
	p->an = base;
	*n = (int)cnt;
	return v;
}

/* ------------------------------------------------------------------ */
/* Menus                                                               */
/* ------------------------------------------------------------------ */

const char *
gr_menu_path(const struct gr_menu *m, char *buf, size_t sz)
{
	size_t len = 0;
	int i;

	if (m->depth == 0)
		return strcpy(buf, "/");
	for (i = 1; i <= m->depth; i++) {
		size_t n = strlen(m->node[i]->name);

		if (len + n + 2 > sz)
			break;
		buf[len++] = '/';
		memcpy(buf + len, m->node[i]->name, n);
		len += n;
	}
	buf[len] = '\0';
	return buf;
}

char *
gr_menu_dup(struct gr_parser *p, const struct gr_menu *m)
{
	const char *s = gr_menu_path(m, p->path, sizeof(p->path));
	char *d = gr_strdup(&p->arena, s, strlen(s));

	if (d == NULL)
		gr_nomem(p);
	return d;
}

/* Menu named by an absolute path given by the caller; root if unknown. */
static void
gr_menu_from_path(struct gr_menu *m, const char *path)
{
	const char *s = path, *e;

	m->depth = 0;
	m->node[0] = ct_root();
	if (path == NULL)
		return;
	while (*s != '\0') {
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

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

unsigned
gr_ctx_flags(enum gr_ctx ctx)
{
	return ctx == GR_CTX_SUBST ? LX_F_NLSPACE : 0;
}

int
gr_at_end(const struct lx_tok *t, enum gr_ctx ctx)
{
	switch (t->kind) {
	case TK_NL:
	case TK_SEMI:
	case TK_EOF:
		return 1;
	case TK_RBRACE:
		return ctx == GR_CTX_BLOCK;
	case TK_RBRACK:
		return ctx == GR_CTX_SUBST;
	default:
		return 0;
	}
}

/* After a complete statement only its end may follow. */
static struct ast_node *
gr_end(struct gr_parser *p, enum gr_ctx ctx, struct ast_node *n)
{
	const struct lx_tok *t;

	if (n == NULL)
		return NULL;
	t = gr_peek(p, LX_ARG, gr_ctx_flags(ctx));
	if (gr_at_end(t, ctx))
		return n;
	return gr_fail_end(p, t);
}

/* Separators before a statement; returns the first token of it. */
static const struct lx_tok *
gr_skip_seps(struct gr_parser *p, enum gr_ctx ctx)
{
	for (;;) {
		const struct lx_tok *t = gr_peek(p, LX_CMD,
		    LX_F_STMT | gr_ctx_flags(ctx));

		if (t->kind != TK_NL && t->kind != TK_SEMI)
			return t;
		gr_consume(p);
	}
}

static int
gr_enter(struct gr_parser *p, int line, int col)
{
	if (p->depth >= GR_MAX_DEPTH) {
		gr_fail(p, GR_E_TOOBIG, line, col, "too deeply nested");
		return 0;
	}
	p->depth++;
	return 1;
}

/* `{` has been consumed; statements run in menu m until `}`. */
struct ast_node *
gr_block(struct gr_parser *p, const struct gr_menu *m, int line, int col)
{
	struct gr_menu saved = p->cwd;
	size_t base = p->nn;
	struct ast_node *n;

	if (!gr_enter(p, line, col))
		return NULL;
	p->cwd = *m;
	for (;;) {
		const struct lx_tok *t = gr_skip_seps(p, GR_CTX_BLOCK);
		struct ast_node *s;

		if (t->kind == TK_RBRACE) {
			gr_consume(p);
			break;
		}
		if (t->kind == TK_EOF)
			return gr_fail(p, GR_E_BRACE, t->line, t->col,
			    "missing closing brace");
		s = gr_statement(p, GR_CTX_BLOCK);
		if (s == NULL || !gr_push_node(p, s))
			return NULL;
	}
	/* a path-only line inside the block does not outlive it (§1.2) */
	p->cwd = saved;
	p->depth--;
	n = gr_node(&p->arena, AST_BLOCK, line, col);
	if (n == NULL)
		return gr_nomem(p);
	if ((n->path = gr_menu_dup(p, m)) == NULL)
		return NULL;
	n->kids = gr_pop_nodes(p, base, &n->nkids);
	return p->failed ? NULL : n;
}

/*
 * ct_child() with a small memo: an import of a million `add list=...
 * address=...` lines asks the same few questions on every line, and the
 * binary search with its string compares was a tenth of the import.
 * The tree is constant, so an answer never goes stale.
 */
const struct ct_node *
gr_ct_child(struct gr_parser *p, const struct ct_node *n, const char *word,
    size_t len, int *amb)
{
	struct gr_ct_memo *m;
	const struct ct_node *r;
	size_t h;

	if (len == 0 || len >= sizeof(m->word))
		return ct_child(n, word, len, amb);
	h = ((size_t)(uintptr_t)n >> 4) ^ len ^
	    (size_t)(unsigned char)word[0] * 31 ^
	    (size_t)(unsigned char)word[len - 1] * 7;
	m = &p->ct_memo[h % (sizeof(p->ct_memo) / sizeof(p->ct_memo[0]))];
	if (m->parent == n && m->len == len &&
	    memcmp(m->word, word, len) == 0) {
		*amb = m->amb;
		return m->hit;
	}
	r = ct_child(n, word, len, amb);
	m->parent = n;
	m->hit = r;
	m->amb = *amb;
	m->len = (unsigned char)len;
	memcpy(m->word, word, len);
	return r;
}

/* Error for a word that names nothing in the addressed menu (§1.3). */
static void *
gr_bad_word(struct gr_parser *p, const struct lx_tok *t)
{
	unsigned char c = (unsigned char)t->text[0];

	if (lx_peekc(&p->lx) == '/')
		return gr_fail(p, GR_E_SYNTAX, lx_line(&p->lx), lx_col(&p->lx),
		    "syntax error");
	if (t->eq || !(islower(c) || isdigit(c)))
		return gr_fail(p, GR_E_CMDNAME, t->line, t->col,
		    "expected command name");
	return gr_fail(p, GR_E_BADCMD, t->line, t->col,
	    "bad command name %.*s", (int)(t->len > 200 ? 200 : t->len),
	    t->text);
}

/*
 * One path word in menu m: "..", a sub-menu (m grows) or a command
 * (returned).  Exact name, unique prefix, then rosh's aliases.
 */
static const struct ct_node *
gr_path_word(struct gr_parser *p, struct gr_menu *m, const struct lx_tok *t)
{
	const struct ct_node *cur = m->node[m->depth], *n;
	int amb;

	if (t->len == 2 && t->text[0] == '.' && t->text[1] == '.') {
		if (m->depth > 0)
			m->depth--;
		return m->node[m->depth];
	}
	n = gr_ct_child(p, cur, t->text, t->len, &amb);
	if (n == NULL && !amb) {
		const char *to = ct_alias(gr_menu_path(m, p->path,
		    sizeof(p->path)), t->text, t->len);

		if (to != NULL)
			n = ct_child_exact(cur, to, strlen(to));
	}
	if (n == NULL || n->kind == CT_ARG)
		return gr_bad_word(p, t);
	if (n->kind == CT_DIR) {
		if (m->depth + 1 >= GR_MENU_MAX)
			return gr_fail(p, GR_E_TOOBIG, t->line, t->col,
			    "too deeply nested");
		m->node[++m->depth] = n;
	}
	return n;
}

static struct ast_node *
gr_cmd(struct gr_parser *p, enum gr_ctx ctx, const struct gr_menu *m,
    const struct ct_node *cmd, int prefixed, int line, int col)
{
	struct ast_node *n = gr_node(&p->arena, AST_CMD, line, col);
	struct gr_menu saved;
	int rc;

	if (n == NULL)
		return gr_nomem(p);
	n->cmd_prefixed = prefixed;
	if ((n->path = gr_menu_dup(p, m)) == NULL)
		return NULL;
	n->name = gr_strdup(&p->arena, cmd->name, strlen(cmd->name));
	if (n->name == NULL)
		return gr_nomem(p);
	/*
	 * [find ...] in an argument runs in the command's menu; scripting
	 * commands written with ':' leave the current menu in place, so
	 * ":foreach i in=[find] do={ remove $i }" works in any menu.
	 */
	saved = p->cwd;
	if (!prefixed)
		p->cwd = *m;
	rc = gr_args(p, ctx, cmd, n);
	p->cwd = saved;
	if (rc < 0)
		return NULL;
	return gr_end(p, ctx, n);
}

/* A path with nothing after it: the current menu changes (§1.2). */
static struct ast_node *
gr_cd(struct gr_parser *p, enum gr_ctx ctx, const struct gr_menu *m,
    int line, int col)
{
	struct ast_node *n = gr_node(&p->arena, AST_CD, line, col);

	if (n == NULL)
		return gr_nomem(p);
	if ((n->path = gr_menu_dup(p, m)) == NULL)
		return NULL;
	p->cwd = *m;
	return gr_end(p, ctx, n);
}

/*
 * Menu words separated by '/' or blanks, then a command, a block or
 * nothing.  `m` starts at the current menu, or at the root after a
 * leading '/' or ':'.
 */
static struct ast_node *
gr_path(struct gr_parser *p, enum gr_ctx ctx, struct gr_menu *m,
    int prefixed, int line, int col)
{
	unsigned fl = gr_ctx_flags(ctx);
	int words = 0;

	for (;;) {
		const struct lx_tok *t = gr_peek(p, LX_CMD, fl);
		const struct ct_node *n;

		if (t->kind == TK_WORD) {
			if ((n = gr_path_word(p, m, t)) == NULL)
				return NULL;
			gr_consume(p);
			if (n->kind == CT_CMD)
				return gr_cmd(p, ctx, m, n, prefixed, line, col);
			words++;
			if (lx_peekc(&p->lx) == '/')
				lx_advance(&p->lx);
			continue;
		}
		if (t->kind == TK_LBRACE && !(prefixed && words == 0)) {
			int bl = t->line, bc = t->col;

			gr_consume(p);
			return gr_end(p, ctx, gr_block(p, m, bl, bc));
		}
		if (gr_at_end(t, ctx) && !(prefixed && words == 0))
			return gr_cd(p, ctx, m, line, col);
		if (t->kind == TK_ERROR)
			return gr_fail_tok(p, t);
		return gr_fail(p, GR_E_CMDNAME, t->line, t->col,
		    "expected command name");
	}
}

/* $f args: a call; a lone $f is a call without arguments too. */
static struct ast_node *
gr_call(struct gr_parser *p, enum gr_ctx ctx, const struct lx_tok *t)
{
	int line = t->line, col = t->col;
	struct ast_node *v, *n;

	if (t->kind == TK_QVAR)
		gr_consume(p);
	if ((v = gr_var(p, t)) == NULL)
		return NULL;
	if (t->kind == TK_VAR)
		gr_consume(p);
	n = gr_node(&p->arena, AST_CALL, line, col);
	if (n == NULL)
		return gr_nomem(p);
	n->text = v->text;
	n->textlen = v->textlen;
	if (gr_call_args(p, ctx, n) < 0)
		return NULL;
	return gr_end(p, ctx, n);
}

/* ( expr ) or [ cmd ] as a statement. */
static struct ast_node *
gr_expr_stmt(struct gr_parser *p, enum gr_ctx ctx, const struct lx_tok *t)
{
	int line = t->line, col = t->col, paren = t->kind == TK_LPAREN;
	struct ast_node *e, *n;

	gr_consume(p);
	e = paren ? gr_paren(p, line, col) : gr_subst(p, line, col);
	if (e == NULL)
		return NULL;
	n = gr_node(&p->arena, AST_EXPR_STMT, line, col);
	if (n == NULL || (n->kids = gr_alloc(&p->arena, sizeof(*n->kids))) ==
	    NULL)
		return gr_nomem(p);
	n->kids[0] = e;
	n->nkids = 1;
	return gr_end(p, ctx, n);
}

struct ast_node *
gr_statement(struct gr_parser *p, enum gr_ctx ctx)
{
	const struct lx_tok *t = gr_peek(p, LX_CMD,
	    LX_F_STMT | gr_ctx_flags(ctx));
	struct gr_menu m = p->cwd;
	int line = t->line, col = t->col;

	switch (t->kind) {
	case TK_LBRACE:
		gr_consume(p);
		return gr_end(p, ctx, gr_block(p, &p->cwd, line, col));
	case TK_LPAREN:
	case TK_LBRACK:
		return gr_expr_stmt(p, ctx, t);
	case TK_VAR:
	case TK_QVAR:
		return gr_call(p, ctx, t);
	case TK_COLON:
	case TK_SLASH:
		gr_consume(p);
		m.depth = 0;
		return gr_path(p, ctx, &m, t->kind == TK_COLON, line, col);
	case TK_WORD:
		return gr_path(p, ctx, &m, 0, line, col);
	case TK_ERROR:
		return gr_fail_tok(p, t);
	default:
		return gr_fail(p, GR_E_CMDNAME, line, col,
		    "expected command name");
	}
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

void
gr_parser_init(struct gr_parser *p, const char *src, size_t len,
    const struct gr_opts *o)
{
	memset(p, 0, sizeof(*p));
	lx_init(&p->lx, src, len, o != NULL && o->interactive);
	gr_menu_from_path(&p->cwd, o != NULL ? o->cwd : NULL);
}

void
gr_parser_fini(struct gr_parser *p)
{
	gr_arena_drop(&p->arena);
	lx_fini(&p->lx);
	free(p->nv);
	free(p->av);
	p->nv = NULL;
	p->av = NULL;
}

/*
 * Next top-level statement into a fresh arena whose root it becomes.
 * Returns NULL at the end (*eof set) or on error (p->failed).
 */
static struct ast_node *
gr_top_statement(struct gr_parser *p, int *eof)
{
	const struct lx_tok *t = gr_skip_seps(p, GR_CTX_TOP);
	struct gr_root *r;
	struct ast_node *s;

	*eof = 0;
	if (t->kind == TK_EOF) {
		*eof = 1;
		return NULL;
	}
	if ((r = gr_root_new(&p->arena)) == NULL)
		return gr_nomem(p);
	s = gr_statement(p, GR_CTX_TOP);
	if (s == NULL) {
		gr_arena_drop(&p->arena);
		p->nn = p->an = 0;
		return NULL;
	}
	*gr_root_node(r) = *s;
	gr_root_seal(r, &p->arena);
	return gr_root_node(r);
}

struct gr_stream {
	struct gr_parser p;
	int done;
	char cwd[GR_PATH_MAX];
};

struct gr_stream *
gr_stream_new(const char *src, size_t len, const struct gr_opts *o)
{
	struct gr_stream *s = malloc(sizeof(*s));

	if (s == NULL)
		return NULL;
	gr_parser_init(&s->p, src, len, o);
	s->done = 0;
	gr_menu_path(&s->p.cwd, s->cwd, sizeof(s->cwd));
	return s;
}

struct ast_node *
gr_stream_next(struct gr_stream *s, struct gr_error *err, int *eof)
{
	struct ast_node *n = NULL;
	int end = 1;

	if (err != NULL)
		memset(err, 0, sizeof(*err));
	if (s != NULL && !s->done) {
		n = gr_top_statement(&s->p, &end);
		if (n == NULL)
			s->done = 1;
		else if (n->type == AST_CD)
			/* only a top-level path-only line moves the stream */
			snprintf(s->cwd, sizeof(s->cwd), "%s", n->path);
	}
	if (s != NULL && s->p.failed) {
		end = 1;
		if (err != NULL)
			*err = s->p.err;
	}
	if (eof != NULL)
		*eof = n == NULL ? end : 0;
	return n;
}

const char *
gr_stream_cwd(const struct gr_stream *s)
{
	return s != NULL ? s->cwd : "/";
}

int
gr_stream_incomplete(const struct gr_stream *s)
{
	return s != NULL && (s->p.incomplete || s->p.lx.incomplete);
}

void
gr_stream_free(struct gr_stream *s)
{
	if (s == NULL)
		return;
	gr_parser_fini(&s->p);
	free(s);
}

/* The whole script as one block; statements share one arena. */
static struct ast_node *
gr_parse_all(struct gr_parser *p, const char *cwd)
{
	struct gr_root *r = gr_root_new(&p->arena);
	struct ast_node *n;

	if (r == NULL)
		return gr_nomem(p);
	n = gr_root_node(r);
	n->type = AST_BLOCK;
	n->line = n->col = 1;
	if ((n->path = gr_strdup(&p->arena, cwd, strlen(cwd))) == NULL)
		return gr_nomem(p);
	for (;;) {
		const struct lx_tok *t = gr_skip_seps(p, GR_CTX_TOP);
		struct ast_node *s;

		if (t->kind == TK_EOF)
			break;
		if ((s = gr_statement(p, GR_CTX_TOP)) == NULL ||
		    !gr_push_node(p, s))
			return NULL;
	}
	n->kids = gr_pop_nodes(p, 0, &n->nkids);
	if (p->failed)
		return NULL;
	gr_root_seal(r, &p->arena);
	return n;
}

struct ast_node *
gr_parse(const char *src, size_t len, const struct gr_opts *opts,
    struct gr_error *err, int *incomplete)
{
	struct gr_parser *p;
	struct ast_node *n;
	char cwd[GR_PATH_MAX];

	if (incomplete != NULL)
		*incomplete = 0;
	if (err != NULL)
		memset(err, 0, sizeof(*err));
	if ((p = malloc(sizeof(*p))) == NULL) {
		if (err != NULL)
			gr_error_set(err, GR_E_NOMEM, 0, 0, "not enough memory");
		return NULL;
	}
	gr_parser_init(p, src, len, opts);
	gr_menu_path(&p->cwd, cwd, sizeof(cwd));
	n = gr_parse_all(p, cwd);
	if (n == NULL) {
		if (err != NULL)
			*err = p->err;
		if (incomplete != NULL)
			*incomplete = p->incomplete || p->lx.incomplete;
	}
	gr_parser_fini(p);
	free(p);
	return n;
}
