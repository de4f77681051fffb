/*
 * grammar_local.h - lexer, arena and parser internals shared by the
 * files of grammar/ and by their unit tests.
 */
#ifndef ROSH_GRAMMAR_LOCAL_H
#define ROSH_GRAMMAR_LOCAL_H

#include <stddef.h>

#include "grammar.h"
#include "schema.h"

/* ------------------------------------------------------------------ */
/* Lexer (lexer.c)                                                     */
/* ------------------------------------------------------------------ */

/* Character classes, bits of lx_class[]. */
#define LX_C_BARE	0x01	/* unquoted literal, console-language §1.5 */
#define LX_C_PATH	0x02	/* menu/command word: bare without '/' */
#define LX_C_EXPR	0x04	/* operand word inside an expression */
#define LX_C_NAME	0x08	/* variable name: letters and digits */
#define LX_C_WS		0x10	/* space, tab */
#define LX_C_NL		0x20	/* CR, LF */
#define LX_C_HEX	0x40	/* 0-9 A-F a-f */

extern const unsigned char lx_class[256];

enum lx_kind {
	TK_EOF,
	TK_NL,		/* end of a (logical) line */
	TK_SEMI,	/* ; */
	TK_WORD,	/* bare literal / path word / expression word: text */
	TK_QUOTE,	/* opening " (read the rest with lx_str_next) */
	TK_VAR,		/* $name: text = name */
	TK_QVAR,	/* $" (the quoted name follows, read with lx_str_next) */
	TK_LBRACE, TK_RBRACE, TK_LBRACK, TK_RBRACK, TK_LPAREN, TK_RPAREN,
	TK_EQ,		/* = outside expressions */
	TK_SLASH,	/* / between menu words */
	TK_COLON,	/* : at statement start */
	TK_OP,		/* expression operator: op */
	TK_OTHER,	/* a byte that cannot start anything here */
	TK_ERROR,	/* lx->err holds the reason */
	/* parts of a quoted string, from lx_str_next() */
	TK_STR_LIT,	/* decoded literal run: text, len */
	TK_STR_VAR,	/* $name: text = name */
	TK_STR_SUBST,	/* $[ : a command follows, then ] */
	TK_STR_EXPR,	/* $( : an expression follows, then ) */
	TK_STR_END,	/* closing " */
};

/* What the parser expects next; it decides how bytes group into tokens. */
enum lx_mode {
	LX_CMD,		/* menu path and command words */
	LX_ARG,		/* arguments and values */
	LX_OPERAND,	/* inside an expression, before an operand */
	LX_OPERATOR,	/* inside an expression, after an operand */
};

/* Flags for lx_next(). */
#define LX_F_STMT	0x01	/* a command may start here: # is a comment */
#define LX_F_NLSPACE	0x02	/* newlines are whitespace (inside [ ] ( )) */
#define LX_F_WHERE	0x04	/* where-expression: "500,4500" is one word */

/* Where the lexer is; columns are computed from it (see lexer.c). */
struct lx_state {
	size_t pos;	/* next byte to read */
	size_t lstart;	/* offset where this physical line's kept text starts */
	int line;	/* physical line of pos, 1-based */
	int lbase;	/* logical columns taken by earlier joined lines */
};

struct lx_tok {
	enum lx_kind kind;
	enum ast_op op;		/* TK_OP */
	const char *text;	/* TK_WORD, TK_VAR, TK_STR_*: borrowed */
	size_t len;
	int line, col;		/* where the token starts */
	int eq;			/* TK_WORD directly followed by '=' */
};

struct lx {
	const char *src;
	size_t len;
	struct lx_state st;
	int interactive;	/* '#' is not a comment (§1.7) */
	int incomplete;		/* input ended inside a string/continuation */
	char *buf;		/* joined or decoded token text, from malloc */
	size_t buflen, bufcap;
	struct gr_error err;	/* valid after TK_ERROR */
};

void lx_init(struct lx *lx, const char *src, size_t len, int interactive);
void lx_fini(struct lx *lx);
/* Next token; text stays valid until the next call. */
void lx_next(struct lx *lx, enum lx_mode mode, unsigned flags,
    struct lx_tok *t);
/* Next part of a quoted string whose opening quote was consumed. */
void lx_str_next(struct lx *lx, struct lx_tok *t);
/* Skip spaces, tabs and continuations; newlines too with LX_F_NLSPACE. */
void lx_skip_ws(struct lx *lx, unsigned flags);
/* Current byte without consuming it; -1 at end of input. */
int lx_peekc(const struct lx *lx);
/* Consume one byte that is not a newline. */
void lx_advance(struct lx *lx);
/* Column and line of the current position. */
int lx_col(const struct lx *lx);
int lx_line(const struct lx *lx);
/* Record an error at (line, col); returns TK_ERROR for convenience. */
enum lx_kind lx_error(struct lx *lx, enum gr_err code, int line, int col,
    const char *msg);

/* ------------------------------------------------------------------ */
/* Arena and AST helpers (ast.c)                                       */
/* ------------------------------------------------------------------ */

/*
 * Every node, string and array of one parse result lives in one arena:
 * a chain of malloc'd blocks.  The result's top node sits in a struct
 * gr_root at the start of the first block, so ast_free() finds the whole
 * chain from that node alone and releases it without recursion (operator
 * chains can be deeper than any stack).
 */
struct gr_blk;

struct gr_arena {
	struct gr_blk *head;	/* newest block first */
};

struct gr_root;

/* Start an arena whose first object is the (empty) root node. */
struct gr_root *gr_root_new(struct gr_arena *a);
/* Top node of a root; ast_free() on it releases the arena. */
struct ast_node *gr_root_node(struct gr_root *r);
/* Hand the arena's blocks to the root once the result is complete. */
void gr_root_seal(struct gr_root *r, struct gr_arena *a);
/* Drop an unfinished arena (parse error). */
void gr_arena_drop(struct gr_arena *a);

void *gr_alloc(struct gr_arena *a, size_t size);
char *gr_strdup(struct gr_arena *a, const char *s, size_t len);
struct ast_node *gr_node(struct gr_arena *a, enum ast_type type, int line,
    int col);

void gr_error_set(struct gr_error *e, enum gr_err code, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ------------------------------------------------------------------ */
/* Parser (parser.c, args.c, expr.c)                                   */
/* ------------------------------------------------------------------ */

#define GR_MENU_MAX	16	/* menu levels; the tree has 4 */
#define GR_PATH_MAX	512	/* bytes of an absolute menu path */
#define GR_EXPR_MAX	256	/* height of one expression tree */

/* A menu as the chain of tree nodes from the root. */
struct gr_menu {
	const struct ct_node *node[GR_MENU_MAX];
	int depth;		/* node[depth] is the menu itself */
};

/* Which closing token ends the statements being parsed. */
enum gr_ctx {
	GR_CTX_TOP,		/* end of input */
	GR_CTX_BLOCK,		/* } */
	GR_CTX_SUBST,		/* ] */
};

struct gr_parser {
	struct lx lx;
	struct lx_tok tok;	/* lookahead, valid when have_tok */
	int have_tok;
	enum lx_mode tok_mode;
	unsigned tok_flags;
	struct lx_state tok_before;

	struct gr_arena arena;
	struct gr_menu cwd;	/* current menu */
	int depth;		/* open { [ ( */
	int failed;
	struct gr_error err;	/* first error */
	int incomplete;

	/* scratch stacks; each construct pops what it pushed */
	struct ast_node **nv;
	size_t nn, ncap;
	struct ast_arg *av;
	size_t an, acap;

	/* last ct_positionals() answer: import files repeat one command */
	const struct ct_node *pos_cmd;
	const char *const *pos_list;

	/* recent ct_child() answers: an import names the same command and
	 * arguments on every line (see gr_ct_child) */
	struct gr_ct_memo {
		const struct ct_node *parent;
		const struct ct_node *hit;
		int amb;
		unsigned char len;
		char word[31];
	} ct_memo[16];

	char path[GR_PATH_MAX];	/* scratch for menu paths */
};

void gr_parser_init(struct gr_parser *p, const char *src, size_t len,
    const struct gr_opts *o);
/* ct_child() through the parser's memo of recent answers. */
const struct ct_node *gr_ct_child(struct gr_parser *p,
    const struct ct_node *n, const char *word, size_t len, int *amb);
void gr_parser_fini(struct gr_parser *p);

/* Token access with one token of lookahead, re-lexed if the mode moves. */
const struct lx_tok *gr_peek(struct gr_parser *p, enum lx_mode mode,
    unsigned flags);
void gr_consume(struct gr_parser *p);

/*
 * Errors; all return NULL so callers can `return gr_fail(...)`.  Only
 * the first error is kept.  An error about the end of input while a
 * bracket is open marks the input incomplete.
 */
void *gr_fail(struct gr_parser *p, enum gr_err code, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void *gr_fail_tok(struct gr_parser *p, const struct lx_tok *t);

/* Scratch stacks. */
int gr_push_node(struct gr_parser *p, struct ast_node *n);
struct ast_node **gr_pop_nodes(struct gr_parser *p, size_t base, int *n);
int gr_push_arg(struct gr_parser *p, const struct ast_arg *a);
struct ast_arg *gr_pop_args(struct gr_parser *p, size_t base, int *n);

/* Menus. */
const char *gr_menu_path(const struct gr_menu *m, char *buf, size_t sz);
char *gr_menu_dup(struct gr_parser *p, const struct gr_menu *m);

/* Statements (parser.c). */
struct ast_node *gr_statement(struct gr_parser *p, enum gr_ctx ctx);
struct ast_node *gr_block(struct gr_parser *p, const struct gr_menu *m,
    int line, int col);
int gr_at_end(const struct lx_tok *t, enum gr_ctx ctx);
unsigned gr_ctx_flags(enum gr_ctx ctx);

/* Arguments (args.c). */
int gr_args(struct gr_parser *p, enum gr_ctx ctx, const struct ct_node *cmd,
    struct ast_node *n);
int gr_call_args(struct gr_parser *p, enum gr_ctx ctx, struct ast_node *n);

/* Values and expressions (expr.c). */
struct ast_node *gr_value(struct gr_parser *p, enum gr_ctx ctx,
    enum ct_valkind kind);
/* Value after name= (the lexer is at the '='); nothing there is "". */
struct ast_node *gr_after_eq(struct gr_parser *p, enum gr_ctx ctx,
    enum ct_valkind kind);
struct ast_node *gr_string(struct gr_parser *p, int line, int col);
struct ast_node *gr_subst(struct gr_parser *p, int line, int col);
struct ast_node *gr_paren(struct gr_parser *p, int line, int col);
struct ast_node *gr_where(struct gr_parser *p, enum gr_ctx ctx);
struct ast_node *gr_var(struct gr_parser *p, const struct lx_tok *t);

#endif /* ROSH_GRAMMAR_LOCAL_H */
