/*
 * fuzz_parser.c - libFuzzer target for the console parser (grammar/).
 *
 * Each input is parsed twice, as a whole script (gr_parse) and one
 * statement at a time (gr_stream_*), once as a file and once as a typed
 * line in a menu.  Besides the sanitizers' findings, the target aborts
 * when an AST breaks the invariants the engine relies on, or when the
 * two entry points disagree about the statements or the error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_CHECK(c)	do { if (!(c)) abort(); } while (0)

static void fz_walk(const struct ast_node *n);

static void
fz_walk_args(const struct ast_node *n)
{
	int i;

	FZ_CHECK(n->nargs >= 0 && (n->nargs == 0 || n->args != NULL));
	for (i = 0; i < n->nargs; i++) {
		const struct ast_arg *a = &n->args[i];

		FZ_CHECK(a->name != NULL);
		FZ_CHECK(a->line > 0 && a->col > 0);
		if (a->negated)
			FZ_CHECK(a->value == NULL);
		if (a->value != NULL)
			fz_walk(a->value);
	}
}

/* Structure by type, as documented in grammar.h. */
static void
fz_walk(const struct ast_node *n)
{
	int i;

	FZ_CHECK(n != NULL && n->line > 0 && n->col > 0);
	FZ_CHECK(n->nkids >= 0 && (n->nkids == 0 || n->kids != NULL));
	switch (n->type) {
	case AST_BLOCK:
	case AST_CD:
		FZ_CHECK(n->path != NULL && n->path[0] == '/');
		break;
	case AST_CMD:
		FZ_CHECK(n->path != NULL && n->path[0] == '/');
		FZ_CHECK(n->name != NULL && n->name[0] != '\0');
		fz_walk_args(n);
		break;
	case AST_CALL:
		FZ_CHECK(n->text != NULL);
		fz_walk_args(n);
		break;
	case AST_EXPR_STMT:
	case AST_SUBST:
	case AST_PAIR:
	case AST_UNOP:
		FZ_CHECK(n->nkids == 1);
		break;
	case AST_BINOP:
		FZ_CHECK(n->nkids == 2 && n->op != OP_NONE);
		break;
	case AST_STR:
		FZ_CHECK(n->nkids >= 1);
		/* text only for plain strings, and then the kid's */
		FZ_CHECK(n->text == NULL || (n->nkids == 1 &&
		    n->kids[0]->type == AST_WORD && n->text == n->kids[0]->text));
		break;
	case AST_ARRAY:
		FZ_CHECK(n->nkids >= 1);
		break;
	case AST_WORD:
	case AST_VAR:
		FZ_CHECK(n->text != NULL && n->text[n->textlen] == '\0');
		break;
	default:
		abort();
	}
	for (i = 0; i < n->nkids; i++)
		fz_walk(n->kids[i]);
}

static int fz_same(const struct ast_node *a, const struct ast_node *b);

static int
fz_str_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
fz_args_same(const struct ast_node *a, const struct ast_node *b)
{
	int i;

	if (a->nargs != b->nargs)
		return 0;
	for (i = 0; i < a->nargs; i++) {
		const struct ast_arg *x = &a->args[i], *y = &b->args[i];

		if (strcmp(x->name, y->name) != 0 || x->negated != y->negated ||
		    x->positional != y->positional || x->line != y->line ||
		    x->col != y->col || (x->value == NULL) != (y->value == NULL))
			return 0;
		if (x->value != NULL && !fz_same(x->value, y->value))
			return 0;
	}
	return 1;
}

static int
fz_same(const struct ast_node *a, const struct ast_node *b)
{
	int i;

	if (a->type != b->type || a->line != b->line || a->col != b->col ||
	    a->op != b->op || a->textlen != b->textlen ||
	    a->nkids != b->nkids || a->cmd_prefixed != b->cmd_prefixed ||
	    !fz_str_same(a->path, b->path) || !fz_str_same(a->name, b->name))
		return 0;
	if (a->text != NULL && b->text != NULL &&
	    memcmp(a->text, b->text, a->textlen) != 0)
		return 0;
	if ((a->text == NULL) != (b->text == NULL) || !fz_args_same(a, b))
		return 0;
	for (i = 0; i < a->nkids; i++)
		if (!fz_same(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

static void
fz_one(const char *src, size_t len, const struct gr_opts *o)
{
	struct gr_error pe, se;
	struct gr_stream *s;
	struct ast_node *whole, *n;
	int inc = 0, eof = 0, i = 0;
	char buf[300];

	whole = gr_parse(src, len, o, &pe, &inc);
	gr_error_format(&pe, buf, sizeof(buf));
	if (whole != NULL) {
		FZ_CHECK(pe.code == GR_OK && inc == 0);
		FZ_CHECK(whole->type == AST_BLOCK);
		fz_walk(whole);
	} else
		FZ_CHECK(pe.code != GR_OK && pe.msg[0] != '\0');

	s = gr_stream_new(src, len, o);
	if (s == NULL) {
		ast_free(whole);
		return;
	}
	while ((n = gr_stream_next(s, &se, &eof)) != NULL) {
		FZ_CHECK(eof == 0 && se.code == GR_OK);
		fz_walk(n);
		/* statements before an error are the same in both */
		FZ_CHECK(whole == NULL || i < whole->nkids);
		if (whole != NULL)
			FZ_CHECK(fz_same(n, whole->kids[i]));
		i++;
		ast_free(n);
		(void)gr_stream_cwd(s);
	}
	FZ_CHECK(eof == 1);
	if (whole != NULL)
		FZ_CHECK(se.code == GR_OK && i == whole->nkids);
	else
		FZ_CHECK(se.code == pe.code && se.line == pe.line &&
		    se.col == pe.col && strcmp(se.msg, pe.msg) == 0 &&
		    gr_stream_incomplete(s) == inc);
	gr_stream_free(s);
	ast_free(whole);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gr_opts file = { "/", 0 };
	struct gr_opts typed = { "/ip/firewall/filter", 1 };

	fz_one((const char *)data, size, &file);
	fz_one((const char *)data, size, &typed);
	return 0;
}
