/*
 * grammar.h - the RouterOS console language: lexer + parser -> AST.
 *
 * Pure: no I/O, no globals, no clock.  Input is (const char *, size_t);
 * every node carries the 1-based line and column it starts at (columns
 * count bytes of the logical line, lines count physical lines).
 *
 * The parser resolves words against the RouterOS command tree
 * (schema.h ct_*): menus, commands and argument names are expanded from
 * unique prefixes, unnamed arguments are mapped to the command's
 * positional parameters, relative paths are made absolute by tracking the
 * current menu (path-only lines change it for the rest of their block).
 * All names in the AST are therefore full RouterOS names.
 */
#ifndef ROSH_GRAMMAR_H
#define ROSH_GRAMMAR_H

#include <stddef.h>

/* Limits that keep hostile input bounded. */
#define GR_MAX_DEPTH	64		/* nesting of { [ ( */
#define GR_MAX_TOKEN	(1 << 20)	/* bytes in one token/string */

enum ast_type {
	/* statements */
	AST_BLOCK,	/* kids: statements.  path: menu the block runs in */
	AST_CD,		/* path-only line: path is the new current menu */
	AST_CMD,	/* command: path + name + args */
	AST_EXPR_STMT,	/* "(expr)" / "[cmd]" / "$var" used as a statement */
	AST_CALL,	/* "$f a b=c": name = variable, args as AST_CMD */

	/* values and expressions */
	AST_WORD,	/* bare literal: text */
	AST_STR,	/* quoted string: kids are AST_WORD (text, escapes
			 * already decoded) and substitution nodes */
	AST_VAR,	/* $name: text = name */
	AST_SUBST,	/* [ cmd ]: kid 0 is the statement */
	AST_ARRAY,	/* { a; b; k=v }: kids are values or AST_PAIR */
	AST_PAIR,	/* key=value inside an array: text = key, kid 0 */
	AST_UNOP,	/* op, kid 0 */
	AST_BINOP,	/* op, kid 0, kid 1 */
};

enum ast_op {
	OP_NONE,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
	OP_CONCAT,	/* .  */
	OP_COMMA,	/* ,  array concatenation */
	OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE,
	OP_NOT,		/* !  (unary) */
	OP_AND, OP_OR,	/* && and, || or */
	OP_IN,		/* in */
	OP_MATCH,	/* ~  binary regex match */
	OP_BITNOT,	/* ~  unary */
	OP_NEG,		/* -  unary */
	OP_BITAND, OP_BITOR, OP_BITXOR, OP_SHL, OP_SHR,
	OP_INDEX,	/* -> */
	OP_JUXT,	/* implicit "and" of juxtaposed where terms */
};

/* One argument of a command. */
struct ast_arg {
	const char *name;	/* full argument name; never NULL */
	struct ast_node *value;	/* NULL for a flag argument or !name */
	int negated;		/* written as !name (unset) */
	int positional;		/* given without name= */
	int line, col;		/* where the argument starts */
};

struct ast_node {
	enum ast_type type;
	int line, col;
	enum ast_op op;
	char *text;		/* AST_WORD, AST_VAR, AST_PAIR key, AST_CALL */
	size_t textlen;		/* bytes of text (strings may hold NUL) */
	char *path;		/* AST_CMD/AST_CD/AST_BLOCK: absolute menu
				 * path, "/" for the root, slash-joined:
				 * "/ip/firewall/filter" */
	char *name;		/* AST_CMD: full command name ("add") */
	int cmd_prefixed;	/* AST_CMD written with ':' */
	struct ast_arg *args;	/* AST_CMD, AST_CALL */
	int nargs;
	struct ast_node **kids;
	int nkids;
};

/*
 * Conventions of the AST the parser builds:
 *
 * - AST_CMD: path is the menu holding the command ("/" for root
 *   commands: :put is path "/", name "put"; :log info is "/log", "info").
 *   Positional arguments carry the tree's parameter name and
 *   positional = 1 (":put x" -> message=x); a switch written alone
 *   (print detail) and !name have value NULL.  Argument names may point
 *   to static storage.
 * - AST_CD: a path-only line, path absolute (".." resolved, never above
 *   the root).  Paths in later statements are already absolute, so the
 *   engine needs AST_CD only to track the prompt's menu.  A change made
 *   inside a block ends with the block.
 * - AST_BLOCK: "{...}" statements, "path {...}", and the value of
 *   do=, else=, on-error=, :do's command, :onerror's in, :execute's
 *   script, :time's command; path is the menu its statements run in.
 * - AST_STR: always the quoted form; kids are AST_WORD literal runs
 *   (escapes decoded, may hold NUL) and AST_VAR / AST_SUBST / expression
 *   nodes for $x, $[...] and $(...).  A string without substitutions has
 *   exactly one AST_WORD kid ("" has an empty one) and the same text in
 *   its own text/textlen; with substitutions its text is NULL.  Bare
 *   literals are AST_WORD, so quoting stays visible
 *   (where address="10.0.0.1/24").
 * - "(expr)" is the expression node itself; there is no node for the
 *   parentheses.  "[cmd]" is AST_SUBST with the command as kid 0.
 *   Relative words inside [...] and {...} of an argument resolve in the
 *   command's menu ("/ip pool set [find]" is /ip/pool find), except for
 *   commands written with ':', which keep the current menu
 *   (":foreach i in=[find] do={ remove $i }" works in any menu).
 * - Where-expressions (find's positional "where", the "where" of print
 *   and export) are the arg's value; operands are AST_WORD as written
 *   (property names and literals alike), AST_STR, AST_VAR, AST_SUBST;
 *   juxtaposed terms are OP_JUXT.  "find where x" and "find x" give the
 *   same AST; "[find]" has no argument.
 * - AST_CALL: every statement starting with $ ("$f" alone too); text is
 *   the variable name, unnamed arguments are named "1", "2"...
 * - AST_ARRAY kids are values and AST_PAIR (text = key, kid 0 = value).
 */

/* Error codes; the text follows RouterOS wording. */
enum gr_err {
	GR_OK = 0,
	GR_E_SYNTAX,		/* syntax error */
	GR_E_END,		/* expected end of command */
	GR_E_CMDNAME,		/* expected command name */
	GR_E_BADCMD,		/* bad command name %s */
	GR_E_BRACE,		/* missing closing brace */
	GR_E_WHERE,		/* missing value for where */
	GR_E_TOOBIG,		/* input too long / too deeply nested */
	GR_E_NOMEM,
};

struct gr_error {
	enum gr_err code;
	int line, col;
	char msg[256];		/* full text, e.g. "bad command name foo" */
};

struct gr_opts {
	const char *cwd;	/* current menu, "/" or "/ip/pool"... */
	int interactive;	/* a typed line: '#' is not a comment */
};

/*
 * Parse a whole script.  On success returns an AST_BLOCK (caller frees
 * with ast_free) and err->code == GR_OK.  On failure returns NULL and
 * fills err with the first error (RouterOS reports only the first).
 * When the input ends inside an open {, [, ( or string or after a
 * continuation backslash, err->code is GR_E_BRACE/GR_E_SYNTAX and
 * *incomplete (if non-NULL) is set to 1 so an interactive reader can ask
 * for another line.
 */
struct ast_node *gr_parse(const char *src, size_t len,
    const struct gr_opts *opts, struct gr_error *err, int *incomplete);

/*
 * Streaming: one top-level statement at a time, so a long import never
 * holds more than one statement's AST.
 *
 * gr_stream_new() borrows src (it must outlive the stream) and copies
 * opts; NULL only when out of memory.
 *
 * gr_stream_next() returns the next top-level statement (AST_CMD,
 * AST_CD, AST_BLOCK, AST_EXPR_STMT or AST_CALL; never the enclosing
 * block gr_parse() adds), which the caller frees with ast_free().  It
 * returns NULL with *eof = 1 at the end of the input, and NULL with
 * *eof = 1 and err->code != GR_OK on a parse error; after either, every
 * further call returns the same.  err->code is GR_OK otherwise.
 * Statements are parsed lazily, so a script must be streamed once to
 * the end (freeing each statement) to learn that it has no parse error
 * before any of it runs (§1.11: a parse error runs nothing).
 *
 * gr_stream_cwd() is the current menu after the statements returned so
 * far (path-only lines at top level change it); the text is valid until
 * the next call on the stream.
 *
 * gr_stream_incomplete() tells, after an error, whether the input ended
 * inside an open bracket, string or continuation (as *incomplete of
 * gr_parse()).
 */
struct gr_stream;

struct gr_stream *gr_stream_new(const char *src, size_t len,
    const struct gr_opts *opts);
struct ast_node *gr_stream_next(struct gr_stream *s, struct gr_error *err,
    int *eof);
const char *gr_stream_cwd(const struct gr_stream *s);
int gr_stream_incomplete(const struct gr_stream *s);
void gr_stream_free(struct gr_stream *s);

/*
 * Free a result of gr_parse() or gr_stream_next() (or NULL) with
 * everything in it: the nodes, strings and argument arrays inside belong
 * to the result and are never freed on their own.
 */
void ast_free(struct ast_node *n);

/* Printable name of an operator (for debug and tests). */
const char *ast_op_name(enum ast_op op);

/* Render "msg (line L column C)" into buf. */
void gr_error_format(const struct gr_error *e, char *buf, size_t bufsz);

/* ------------------------------------------------------------------ */
/* The cursor of a partial line (grammar/complete.c, candidates.c)     */
/* ------------------------------------------------------------------ */

/*
 * What may be typed at the cursor, for Tab completion and the `?`/F1
 * help of the interactive console (console-language §7.2).  The text
 * handed to gr_complete() is the input up to the cursor (earlier lines
 * of a multi-line entry included); it is read with the parser's rules,
 * so [find ...], blocks, strings and where-expressions are followed.
 */
enum gr_cpl_what {
	GR_CPL_NONE,		/* nothing to offer (a variable, an error) */
	GR_CPL_STRING,		/* inside a quoted string: `?` is a character */
	GR_CPL_PATH,		/* a menu or command word of `menu` */
	GR_CPL_ARG,		/* an argument name of `cmd`; when `arg` is
				 * set, a value of that positional parameter
				 * fits too (set <numbers>) */
	GR_CPL_VALUE,		/* the value of argument `arg` of `cmd` */
	GR_CPL_WHERE,		/* a property of `menu` in a where-expression */
	GR_CPL_WHERE_VALUE,	/* a value compared with property `arg` */
};

#define GR_CPL_MAXGIVEN	64
#define GR_CPL_PATHSZ	512

struct gr_cpl {
	enum gr_cpl_what what;
	char menu[GR_CPL_PATHSZ];	/* absolute path of the addressed menu */
	char cmd[64];			/* command name; "" when none */
	char arg[128];			/* see enum gr_cpl_what */
	char word[256];			/* the partial word at the cursor: what
					 * candidates must start with (for a
					 * comma list, its last element) */
	size_t wordlen;
	int root_only;			/* after ':': root commands only */
	int negated;			/* the word follows '!' */
	int in_list;			/* the word follows a ',' */
	const char *given[GR_CPL_MAXGIVEN];	/* arguments of cmd already
						 * given (static strings) */
	int ngiven;
};

/* Analyse src[0..len) (the text up to the cursor) typed in menu cwd;
 * fills *c and returns c->what. */
enum gr_cpl_what gr_complete(const char *src, size_t len, const char *cwd,
    struct gr_cpl *c);

enum gr_cand_kind {
	GR_CAND_MENU,		/* a sub-menu */
	GR_CAND_CMD,		/* a command */
	GR_CAND_ARG,		/* an argument that takes a value: name= */
	GR_CAND_FLAG,		/* a switch (detail), or where */
	GR_CAND_VALUE,		/* a value */
	GR_CAND_PROP,		/* a property in a where-expression */
};

struct gr_cand {
	const char *word;	/* static; starts with the partial word */
	const char *help;	/* one line, or NULL */
	enum gr_cand_kind kind;
};

typedef void (*gr_cand_fn)(void *ctx, const struct gr_cand *cand);

/*
 * Call fn for every word of the command tree and the schema that fits at
 * c and starts with c->word: menus and commands, argument names not yet
 * given, enumeration values, yes/no, property names.  Names of existing
 * items (pools, peers, address lists...) come from the engine.
 */
void gr_candidates(const struct gr_cpl *c, gr_cand_fn fn, void *ctx);

/* What argument (or property) `arg` of c's command takes. */
struct gr_valhelp {
	const char *name;
	const char *help;	/* one line, or NULL */
	const char *dflt;	/* default value, or NULL */
	const char *ref;	/* menu whose items it names, or NULL */
	int items;		/* names items of c's own menu (numbers) */
	char synopsis[256];	/* "no | port-override | port-strict" */
};

/* 0 and *h filled, or -1 when nothing is known about arg. */
int gr_value_help(const struct gr_cpl *c, const char *arg,
    struct gr_valhelp *h);

/* One line about the context: the menu's purpose (PATH), the command's
 * (ARG), what a where-expression is (WHERE); NULL otherwise. */
const char *gr_context_help(const struct gr_cpl *c);

/* 1 when the line (typed in menu cwd) sets a sensitive property
 * (schema P_SENSITIVE: passwords, secrets, keys); an unparsable line
 * counts when any name= in it may abbreviate one. */
int gr_line_sensitive(const char *src, size_t len, const char *cwd);

/* What the interactive console needs to know about an entry before it
 * runs it. */
struct gr_line_info {
	int incomplete;		/* an open bracket, string or continuation:
				 * read another line */
	int quit;		/* the entry is /quit */
	int nopage;		/* a command says without-paging */
};

/* Parse src (typed in menu cwd) and fill *li; a line with a syntax
 * error is neither incomplete nor anything else. */
void gr_line_info(const char *src, size_t len, const char *cwd,
    struct gr_line_info *li);

/* The brackets still open at the end of src, in order, then '"' inside
 * a string and '\\' after a continuation backslash ("{(\\").  Returns
 * the length written to out (NUL-terminated). */
size_t gr_open_delims(const char *src, size_t len, char *out, size_t outsz);

#endif /* ROSH_GRAMMAR_H */
