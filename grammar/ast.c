/*
 * ast.c - memory of parse results, operator names, error text.
 *
 * A parse result (one statement from the stream, or a whole script from
 * gr_parse) is allocated from one arena.  Importing a file is a long run
 * of small statements; one malloc per statement instead of one per node
 * and string is what keeps the parser above two million lines a second,
 * and freeing a block chain needs no recursion however deep the tree.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_local.h"

#define GR_BLK_FIRST	1024		/* fits a typical export line */
#define GR_BLK_MAX	(64 * 1024)
#define GR_ROOT_MAGIC	0x726f7368u	/* "rosh" */

struct gr_blk {
	struct gr_blk *next;
	size_t cap, used;
	max_align_t data[];
};

/*
 * First object of every arena.  ast_free(n) steps back from n to this
 * header; the magic catches a node that is not a parse result's top.
 */
struct gr_root {
	uint32_t magic;
	struct gr_blk *blocks;
	struct ast_node node;
};

static struct gr_blk *
gr_blk_new(size_t need, size_t prev)
{
	size_t cap = prev ? prev * 2 : GR_BLK_FIRST;
	struct gr_blk *b;

	if (cap > GR_BLK_MAX)
		cap = GR_BLK_MAX;
	if (cap < need)
		cap = need;
	b = malloc(sizeof(*b) + cap);
	if (b == NULL)
		return NULL;
	b->next = NULL;
	b->cap = cap;
	b->used = 0;
	return b;
}

void *
gr_alloc(struct gr_arena *a, size_t size)
{
	const size_t al = _Alignof(max_align_t);
	struct gr_blk *b = a->head;
	void *p;

	if (size > SIZE_MAX / 2)
		return NULL;
	size = (size + al - 1) & ~(al - 1);
	if (b == NULL || b->cap - b->used < size) {
		struct gr_blk *nb = gr_blk_new(size, b ? b->cap : 0);

		if (nb == NULL)
			return NULL;
		nb->next = b;
		a->head = nb;
		b = nb;
	}
	p = (char *)b->data + b->used;
	b->used += size;
	return p;
}

char *
gr_strdup(struct gr_arena *a, const char *s, size_t len)
{
	char *d = gr_alloc(a, len + 1);

	if (d == NULL)
		return NULL;
	if (len > 0)
		memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

struct ast_node *
gr_node(struct gr_arena *a, enum ast_type type, int line, int col)
{
	struct ast_node *n = gr_alloc(a, sizeof(*n));

	if (n == NULL)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->line = line;
	n->col = col;
	return n;
}

struct gr_root *
gr_root_new(struct gr_arena *a)
{
	struct gr_root *r;

	a->head = NULL;
	r = gr_alloc(a, sizeof(*r));
	if (r == NULL)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->magic = GR_ROOT_MAGIC;
	return r;
}

struct ast_node *
gr_root_node(struct gr_root *r)
{
	return &r->node;
}

static void
gr_blocks_free(struct gr_blk *b)
{
	while (b != NULL) {
		struct gr_blk *next = b->next;

		free(b);
		b = next;
	}
}

void
gr_arena_drop(struct gr_arena *a)
{
	gr_blocks_free(a->head);
	a->head = NULL;
}

/*
 * Hand the arena to its root: after this the parser forgets the blocks
 * and ast_free() on the root's node releases them.
 */
void
gr_root_seal(struct gr_root *r, struct gr_arena *a)
{
	r->blocks = a->head;
	a->head = NULL;
}

void
ast_free(struct ast_node *n)
{
	struct gr_root *r;

	if (n == NULL)
		return;
	r = (struct gr_root *)((char *)n - offsetof(struct gr_root, node));
	if (r->magic != GR_ROOT_MAGIC)
		return;		/* not a parse result: owned by one */
	r->magic = 0;
	gr_blocks_free(r->blocks);
}

static const char *const ast_op_names[] = {
	[OP_NONE] = "none",
	[OP_ADD] = "add", [OP_SUB] = "sub", [OP_MUL] = "mul",
	[OP_DIV] = "div", [OP_MOD] = "mod",
	[OP_CONCAT] = "concat", [OP_COMMA] = "comma",
	[OP_EQ] = "eq", [OP_NE] = "ne", [OP_LT] = "lt", [OP_GT] = "gt",
	[OP_LE] = "le", [OP_GE] = "ge",
	[OP_NOT] = "not", [OP_AND] = "and", [OP_OR] = "or", [OP_IN] = "in",
	[OP_MATCH] = "match", [OP_BITNOT] = "bitnot", [OP_NEG] = "neg",
	[OP_BITAND] = "bitand", [OP_BITOR] = "bitor", [OP_BITXOR] = "bitxor",
	[OP_SHL] = "shl", [OP_SHR] = "shr", [OP_INDEX] = "index",
	[OP_JUXT] = "juxt",
};

const char *
ast_op_name(enum ast_op op)
{
	if ((size_t)op >= sizeof(ast_op_names) / sizeof(ast_op_names[0]) ||
	    ast_op_names[op] == NULL)
		return "?";
	return ast_op_names[op];
}

void
gr_error_set(struct gr_error *e, enum gr_err code, int line, int col,
    const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

void
gr_error_format(const struct gr_error *e, char *buf, size_t bufsz)
{
	if (buf == NULL || bufsz == 0)
		return;
	if (e == NULL || e->code == GR_OK) {
		buf[0] = '\0';
		return;
	}
	if (e->line > 0)
		snprintf(buf, bufsz, "%s (line %d column %d)", e->msg, e->line,
		    e->col);
	else
		snprintf(buf, bufsz, "%s", e->msg);
}
