/*
 * lexer.c - bytes of console text to tokens.
 *
 * The lexer reads (pointer, length) and never looks past the end.  It
 * has no grammar of its own: the parser says what it expects (a menu
 * word, an argument, an operand or an operator) and the lexer groups
 * bytes accordingly, because the same byte means different things in
 * different places (`/` separates menus, is part of 10.0.0.0/8, and
 * divides inside parentheses).
 *
 * Positions (docs console-language.md, "Column numbers"): lines count
 * physical lines; columns are 1-based byte positions in the logical
 * line, i.e. after a continuation (backslash, newline, leading blanks of
 * the next line) has been cut out.  struct lx_state keeps the offset
 * where the current physical line's kept text starts and how many
 * logical columns the earlier joined lines contributed.
 */
#include <stdlib.h>
#include <string.h>

#include "grammar_local.h"

#define B	LX_C_BARE
#define P	LX_C_PATH
#define E	LX_C_EXPR
#define N	LX_C_NAME
#define H	LX_C_HEX

/* §1.5: a bare literal is letters, digits and - . , : < > / | + _ * & ^ % # @ ! ~ */
const unsigned char lx_class[256] = {
	['0' ... '9'] = B | P | E | N | H,
	['A' ... 'F'] = B | P | E | N | H,
	['G' ... 'Z'] = B | P | E | N,
	['a' ... 'f'] = B | P | E | N | H,
	['g' ... 'z'] = B | P | E | N,
	['-'] = B | P | E, ['.'] = B | P | E, [':'] = B | P | E,
	['_'] = B | P | E, ['#'] = B | P | E, ['@'] = B | P | E,
	['/'] = B | E,
	[','] = B | P, ['<'] = B | P, ['>'] = B | P, ['|'] = B | P,
	['+'] = B | P, ['*'] = B | P, ['&'] = B | P, ['^'] = B | P,
	['%'] = B | P, ['!'] = B | P, ['~'] = B | P,
	[' '] = LX_C_WS, ['\t'] = LX_C_WS,
	['\r'] = LX_C_NL, ['\n'] = LX_C_NL,
};

#undef B
#undef P
#undef E
#undef N
#undef H

void
lx_init(struct lx *lx, const char *src, size_t len, int interactive)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src != NULL ? src : "";
	lx->len = src != NULL ? len : 0;
	lx->st.line = 1;
	lx->interactive = interactive;
}

void
lx_fini(struct lx *lx)
{
	free(lx->buf);
	lx->buf = NULL;
	lx->bufcap = lx->buflen = 0;
}

int
lx_peekc(const struct lx *lx)
{
	if (lx->st.pos >= lx->len)
		return -1;
	return (unsigned char)lx->src[lx->st.pos];
}

static int
lx_at(const struct lx *lx, size_t i)
{
	return i < lx->len ? (unsigned char)lx->src[i] : -1;
}

void
lx_advance(struct lx *lx)
{
	if (lx->st.pos < lx->len)
		lx->st.pos++;
}

int
lx_line(const struct lx *lx)
{
	return lx->st.line;
}

int
lx_col(const struct lx *lx)
{
	size_t c = (size_t)lx->st.lbase + (lx->st.pos - lx->st.lstart) + 1;

	return c > (size_t)0x7fffffff ? 0x7fffffff : (int)c;
}

enum lx_kind
lx_error(struct lx *lx, enum gr_err code, int line, int col, const char *msg)
{
	gr_error_set(&lx->err, code, line, col, "%s", msg);
	return TK_ERROR;
}

static enum lx_kind
lx_syntax(struct lx *lx)
{
	return lx_error(lx, GR_E_SYNTAX, lx_line(lx), lx_col(lx),
	    "syntax error");
}

/* Consume one CR, LF or CR LF and start a new logical line. */
static void
lx_newline(struct lx *lx)
{
	if (lx_peekc(lx) == '\r' && lx_at(lx, lx->st.pos + 1) == '\n')
		lx->st.pos++;
	lx->st.pos++;
	if (lx->st.line < 0x7fffffff)
		lx->st.line++;
	lx->st.lbase = 0;
	lx->st.lstart = lx->st.pos;
}

/*
 * At a backslash: if it ends its physical line (blanks after it are
 * tolerated, §1.8), cut backslash, newline and the next line's leading
 * blanks out of the logical line and return 1.  A backslash with only
 * blanks before the end of input leaves the command unfinished: return
 * -1 with the error set.  Otherwise it is no continuation: return 0.
 */
static int
lx_continuation(struct lx *lx)
{
	size_t at = lx->st.pos, i = at + 1;
	size_t kept;

	while (i < lx->len && (lx->src[i] == ' ' || lx->src[i] == '\t'))
		i++;
	if (i >= lx->len) {
		lx->incomplete = 1;
		lx->st.pos = i;
		lx_syntax(lx);
		return -1;
	}
	if (!(lx_class[(unsigned char)lx->src[i]] & LX_C_NL))
		return 0;
	kept = (size_t)lx->st.lbase + (at - lx->st.lstart);
	lx->st.pos = i;
	lx_newline(lx);
	lx->st.lbase = (int)(kept > 0x3fffffff ? 0x3fffffff : kept);
	while (lx->st.pos < lx->len && (lx->src[lx->st.pos] == ' ' ||
	    lx->src[lx->st.pos] == '\t'))
		lx->st.pos++;
	lx->st.lstart = lx->st.pos;
	if (lx->st.pos >= lx->len) {
		/* the joined line would be empty: ask for more */
		lx->incomplete = 1;
		lx_syntax(lx);
		return -1;
	}
	return 1;
}

void
lx_skip_ws(struct lx *lx, unsigned flags)
{
	for (;;) {
		int c = lx_peekc(lx);

		if (c == ' ' || c == '\t')
			lx->st.pos++;
		else if (c == '\\') {
			if (lx_continuation(lx) != 1)
				return;
		} else if ((c == '\n' || c == '\r') && (flags & LX_F_NLSPACE))
			lx_newline(lx);
		else
			return;
	}
}

static int
lx_buf_put(struct lx *lx, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (lx->buflen + n > GR_MAX_TOKEN)
		return -1;
	if (lx->buflen + n > lx->bufcap) {
		size_t cap = lx->bufcap ? lx->bufcap : 256;
		char *nb;

		while (cap < lx->buflen + n)
			cap *= 2;
		nb = realloc(lx->buf, cap);
		if (nb == NULL)
			return -2;
		lx->buf = nb;
		lx->bufcap = cap;
	}
	memcpy(lx->buf + lx->buflen, s, n);
	lx->buflen += n;
	return 0;
}

static enum lx_kind
lx_buf_fail(struct lx *lx, int rc, const struct lx_tok *t)
{
	if (rc == -2)
		return lx_error(lx, GR_E_NOMEM, t->line, t->col,
		    "not enough memory");
	return lx_error(lx, GR_E_TOOBIG, t->line, t->col, "input too long");
}

/* May byte c continue an expression word (after its first byte)? */
static int
lx_expr_cont(const struct lx *lx, int c, unsigned flags)
{
	if (c < 0)
		return 0;
	/* where dst-port=500,4500: the list is one literal, as unquoted */
	if (c == ',')
		return (flags & LX_F_WHERE) != 0;
	if (!(lx_class[c] & LX_C_EXPR))
		return 0;
	/* in "a->b" the '-' belongs to the index operator */
	return c != '-' || lx_at(lx, lx->st.pos + 1) != '>';
}

static int
lx_word_cont(const struct lx *lx, int c, unsigned cls, unsigned flags)
{
	if (cls == LX_C_EXPR)
		return lx_expr_cont(lx, c, flags);
	return c >= 0 && (lx_class[c] & cls);
}

/*
 * A run of bytes of one class; the caller has accepted the first byte.
 * Without a continuation inside, the text is a slice of the source;
 * a continuation in mid-word joins the halves (§1.8) in lx->buf.
 */
static enum lx_kind
lx_word(struct lx *lx, unsigned cls, unsigned flags, struct lx_tok *t)
{
	size_t start = lx->st.pos;
	int joined = 0, rc, k;

	lx->st.pos++;
	for (;;) {
		struct lx_state save;

		while (lx_word_cont(lx, lx_peekc(lx), cls, flags))
			lx->st.pos++;
		if (lx_peekc(lx) != '\\')
			break;
		save = lx->st;
		k = lx_continuation(lx);
		if (k < 0)
			return TK_ERROR;
		if (k == 0) {
			/* a stray backslash: the next token reports it */
			lx->st = save;
			break;
		}
		if (!joined)
			lx->buflen = 0;
		joined = 1;
		rc = lx_buf_put(lx, lx->src + start, save.pos - start);
		if (rc != 0)
			return lx_buf_fail(lx, rc, t);
		start = lx->st.pos;
	}
	if (joined) {
		rc = lx_buf_put(lx, lx->src + start, lx->st.pos - start);
		if (rc != 0)
			return lx_buf_fail(lx, rc, t);
		t->text = lx->buf;
		t->len = lx->buflen;
	} else {
		t->text = lx->src + start;
		t->len = lx->st.pos - start;
		if (t->len > GR_MAX_TOKEN)
			return lx_buf_fail(lx, -1, t);
	}
	t->eq = lx_peekc(lx) == '=';
	return TK_WORD;
}

/* $name, $"name"; anything else after $ is a syntax error. */
static enum lx_kind
lx_dollar(struct lx *lx, struct lx_tok *t)
{
	int c = lx_at(lx, lx->st.pos + 1);
	size_t start;

	if (c == '"') {
		lx->st.pos += 2;
		return TK_QVAR;
	}
	if (c < 0 || !(lx_class[c] & LX_C_NAME))
		return lx_syntax(lx);
	lx->st.pos++;
	start = lx->st.pos;
	while (lx->st.pos < lx->len &&
	    (lx_class[(unsigned char)lx->src[lx->st.pos]] & LX_C_NAME))
		lx->st.pos++;
	t->text = lx->src + start;
	t->len = lx->st.pos - start;
	if (t->len > GR_MAX_TOKEN)
		return lx_buf_fail(lx, -1, t);
	return TK_VAR;
}

/* Punctuation shared by all modes; TK_OTHER when c is none of it. */
static enum lx_kind
lx_punct(struct lx *lx, int c, struct lx_tok *t)
{
	enum lx_kind k;

	switch (c) {
	case ';': k = TK_SEMI; break;
	case '{': k = TK_LBRACE; break;
	case '}': k = TK_RBRACE; break;
	case '[': k = TK_LBRACK; break;
	case ']': k = TK_RBRACK; break;
	case '(': k = TK_LPAREN; break;
	case ')': k = TK_RPAREN; break;
	case '"': k = TK_QUOTE; break;
	case '$':
		return lx_dollar(lx, t);
	case '?':
		/* §1.5: an unquoted ? is a syntax error in scripts */
		return lx_syntax(lx);
	case '\\':
		/* not a continuation (lx_skip_ws took those): stray */
		return lx_syntax(lx);
	default:
		return TK_OTHER;
	}
	lx->st.pos++;
	return k;
}

struct lx_opdef {
	const char *s;
	enum ast_op op;
};

/* Longest first within a leading byte. */
static const struct lx_opdef lx_binops[] = {
	{ "&&", OP_AND }, { "||", OP_OR }, { "<<", OP_SHL }, { ">>", OP_SHR },
	{ "<=", OP_LE }, { ">=", OP_GE }, { "!=", OP_NE }, { "->", OP_INDEX },
	{ "=", OP_EQ }, { "<", OP_LT }, { ">", OP_GT }, { "~", OP_MATCH },
	{ "&", OP_BITAND }, { "|", OP_BITOR }, { "^", OP_BITXOR },
	{ "+", OP_ADD }, { "-", OP_SUB }, { "*", OP_MUL }, { "/", OP_DIV },
	{ "%", OP_MOD }, { ".", OP_CONCAT }, { ",", OP_COMMA },
	{ "!", OP_NOT },
};

static enum lx_kind
lx_operator(struct lx *lx, struct lx_tok *t)
{
	size_t i;

	for (i = 0; i < sizeof(lx_binops) / sizeof(lx_binops[0]); i++) {
		const char *s = lx_binops[i].s;
		size_t n = strlen(s);

		if (lx->st.pos + n <= lx->len &&
		    memcmp(lx->src + lx->st.pos, s, n) == 0) {
			lx->st.pos += n;
			t->op = lx_binops[i].op;
			return TK_OP;
		}
	}
	return TK_OTHER;
}

static enum lx_kind
lx_operand(struct lx *lx, int c, unsigned flags, struct lx_tok *t)
{
	switch (c) {
	case '!': t->op = OP_NOT; break;
	case '-': t->op = OP_NEG; break;
	case '~': t->op = OP_BITNOT; break;
	case '*':
		/* internal ids *1A: '*' may only lead a word */
		return lx_word(lx, LX_C_EXPR, flags, t);
	default:
		if (lx_class[c] & LX_C_EXPR && c != '-' && c != '/')
			return lx_word(lx, LX_C_EXPR, flags, t);
		return lx_operator(lx, t);
	}
	lx->st.pos++;
	return TK_OP;
}

static enum lx_kind
lx_dispatch(struct lx *lx, enum lx_mode mode, unsigned flags, int c,
    struct lx_tok *t)
{
	enum lx_kind k = lx_punct(lx, c, t);

	if (k != TK_OTHER)
		return k;
	switch (mode) {
	case LX_CMD:
		if (c == '/' || c == ':') {
			lx->st.pos++;
			return c == '/' ? TK_SLASH : TK_COLON;
		}
		if (lx_class[c] & LX_C_PATH)
			return lx_word(lx, LX_C_PATH, flags, t);
		break;
	case LX_ARG:
		if (c == '=') {
			lx->st.pos++;
			return TK_EQ;
		}
		if (lx_class[c] & LX_C_BARE)
			return lx_word(lx, LX_C_BARE, flags, t);
		break;
	case LX_OPERAND:
		return lx_operand(lx, c, flags, t);
	case LX_OPERATOR:
		if ((lx_class[c] & LX_C_NAME) || c == '_' || c == '#' ||
		    c == '@' || c == ':')
			return lx_word(lx, LX_C_EXPR, flags, t);
		return lx_operator(lx, t);
	}
	return TK_OTHER;
}

void
lx_next(struct lx *lx, enum lx_mode mode, unsigned flags, struct lx_tok *t)
{
	int c;

	t->text = NULL;
	t->len = 0;
	t->eq = 0;
	t->op = OP_NONE;
	lx_skip_ws(lx, flags);
	t->line = lx_line(lx);
	t->col = lx_col(lx);
	if (lx->err.code != GR_OK) {
		t->kind = TK_ERROR;
		return;
	}
	c = lx_peekc(lx);
	if (c < 0) {
		t->kind = TK_EOF;
		return;
	}
	if (c == '#' && (flags & LX_F_STMT) && !lx->interactive) {
		/* §1.7: to the end of the physical line, never continued */
		while (lx->st.pos < lx->len &&
		    !(lx_class[(unsigned char)lx->src[lx->st.pos]] & LX_C_NL))
			lx->st.pos++;
		t->col = lx_col(lx);
		c = lx_peekc(lx);
		if (c < 0) {
			t->kind = TK_EOF;
			return;
		}
	}
	if (c == '\n' || c == '\r') {
		lx_newline(lx);
		t->kind = TK_NL;
		return;
	}
	t->kind = lx_dispatch(lx, mode, flags, c, t);
	if (t->kind == TK_OTHER) {
		/* one byte, so that a caller that skips it moves on */
		t->text = lx->src + lx->st.pos;
		t->len = 1;
		lx->st.pos++;
	}
}

/* ------------------------------------------------------------------ */
/* Quoted strings (§1.6)                                               */
/* ------------------------------------------------------------------ */

static const struct {
	char esc, byte;
} lx_escapes[] = {
	{ '"', '"' }, { '\\', '\\' }, { 'n', '\n' }, { 'r', '\r' },
	{ 't', '\t' }, { '$', '$' }, { '?', '?' }, { '_', ' ' },
	{ 'a', '\a' }, { 'b', '\b' },
	/* MikroTik's table says 0xFF; every C-like language means 0x0C */
	{ 'f', '\f' }, { 'v', '\v' },
};

static int
lx_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Decode the escape at the backslash into lx->buf.  \XY is a byte in
 * hex; the manual asks for upper case, and lower-case letters are taken
 * by \a \b \f, so the first digit must be 0-9 or A-F.  Any other
 * escape is a syntax error at the backslash.
 */
static int
lx_escape(struct lx *lx)
{
	int c1 = lx_at(lx, lx->st.pos + 1);
	char byte;
	size_t i;

	if ((c1 >= '0' && c1 <= '9') || (c1 >= 'A' && c1 <= 'F')) {
		int lo = lx_hex(lx_at(lx, lx->st.pos + 2));

		if (lo < 0)
			goto bad;
		byte = (char)(lx_hex(c1) << 4 | lo);
		lx->st.pos += 3;
		return lx_buf_put(lx, &byte, 1);
	}
	for (i = 0; i < sizeof(lx_escapes) / sizeof(lx_escapes[0]); i++) {
		if (lx_escapes[i].esc == c1) {
			lx->st.pos += 2;
			return lx_buf_put(lx, &lx_escapes[i].byte, 1);
		}
	}
bad:
	lx_syntax(lx);
	return -3;
}

/* $ inside a string: $name, $[ command ], $( expression ). */
static enum lx_kind
lx_str_dollar(struct lx *lx, struct lx_tok *t)
{
	int c = lx_at(lx, lx->st.pos + 1);
	size_t start;

	if (c == '[' || c == '(') {
		lx->st.pos += 2;
		return c == '[' ? TK_STR_SUBST : TK_STR_EXPR;
	}
	if (c < 0 || !(lx_class[c] & LX_C_NAME))
		return lx_syntax(lx);
	start = ++lx->st.pos;
	while (lx->st.pos < lx->len &&
	    (lx_class[(unsigned char)lx->src[lx->st.pos]] & LX_C_NAME))
		lx->st.pos++;
	t->text = lx->src + start;
	t->len = lx->st.pos - start;
	if (t->len > GR_MAX_TOKEN)
		return lx_buf_fail(lx, -1, t);
	return TK_STR_VAR;
}

/* Bytes that end a plain run inside a string. */
static int
lx_str_special(int c)
{
	return c == '"' || c == '\\' || c == '$' || c == '\n' || c == '\r';
}

/* The literal gathered so far, or what the special byte at pos starts. */
static enum lx_kind
lx_str_stop(struct lx *lx, struct lx_tok *t, size_t run, int used)
{
	size_t n = lx->st.pos - run;
	int rc;

	if (used) {
		if ((rc = lx_buf_put(lx, lx->src + run, n)) != 0)
			return lx_buf_fail(lx, rc, t);
		if (lx->buflen > 0) {
			t->text = lx->buf;
			t->len = lx->buflen;
			return TK_STR_LIT;
		}
	} else if (n > 0) {
		if (n > GR_MAX_TOKEN)
			return lx_buf_fail(lx, -1, t);
		t->text = lx->src + run;
		t->len = n;
		return TK_STR_LIT;
	}
	if (lx_peekc(lx) == '"') {
		lx->st.pos++;
		return TK_STR_END;
	}
	return lx_str_dollar(lx, t);
}

static enum lx_kind
lx_str_part(struct lx *lx, struct lx_tok *t)
{
	size_t run = lx->st.pos;
	int used = 0, rc, c;

	lx->buflen = 0;
	for (;;) {
		while (lx->st.pos < lx->len &&
		    !lx_str_special((unsigned char)lx->src[lx->st.pos]))
			lx->st.pos++;
		if (lx->st.pos >= lx->len) {
			lx->incomplete = 1;
			return lx_syntax(lx);
		}
		c = (unsigned char)lx->src[lx->st.pos];
		if (c == '"' || c == '$')
			return lx_str_stop(lx, t, run, used);
		/* escapes, continuations and raw newlines need the buffer */
		used = 1;
		if ((rc = lx_buf_put(lx, lx->src + run, lx->st.pos - run)) != 0)
			return lx_buf_fail(lx, rc, t);
		if (c == '\\') {
			rc = lx_continuation(lx);
			if (rc < 0)
				return TK_ERROR;
			if (rc == 0 && (rc = lx_escape(lx)) != 0)
				return rc == -3 ? TK_ERROR : lx_buf_fail(lx, rc, t);
		} else {
			/* a line break inside quotes is kept, as LF (§1.1) */
			if ((rc = lx_buf_put(lx, "\n", 1)) != 0)
				return lx_buf_fail(lx, rc, t);
			lx_newline(lx);
		}
		run = lx->st.pos;
	}
}

void
lx_str_next(struct lx *lx, struct lx_tok *t)
{
	t->text = NULL;
	t->len = 0;
	t->eq = 0;
	t->op = OP_NONE;
	t->line = lx_line(lx);
	t->col = lx_col(lx);
	if (lx->err.code != GR_OK) {
		t->kind = TK_ERROR;
		return;
	}
	t->kind = lx_str_part(lx, t);
}
