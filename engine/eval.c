/*
 * eval.c - expressions: ( ... ), string substitution, arrays, variables,
 * command substitution, and the where-expressions of print/find/export.
 *
 * Operator semantics follow console-language 8.3.  In a where-expression
 * a bare word that names a property of the menu stands for that item's
 * value, except as the right operand of a comparison (`name=default`
 * compares with the text "default", not with the `default` flag).
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"

/* Row context of a where-expression being evaluated. */
struct where_ctx {
	const struct sch_menu *m;
	const struct st_row *row;
	int no_prop;
};

static __thread struct where_ctx *wctx;

/* A property's stored text as a typed script value. */
static struct val
prop_to_val(const struct sch_prop *p, const char *text)
{
	long long ns;

	if (text == NULL)
		return val_nothing();
	switch (p->type) {
	case ST_BOOL:
		return val_bool(strcmp(text, "yes") == 0);
	case ST_TIME:
		if (sch_time_parse(text, &ns) == 0)
			return val_time(ns);
		return val_cstr(text);
	case ST_INT:
	case ST_IP:
	case ST_IP_PREFIX:
	case ST_IP_NET:
	case ST_HEX:
	case ST_SIZE:
		return val_from_word(text, strlen(text));
	default:
		return val_cstr(text);
	}
}

static int
eval_word(struct xctx *x, const struct ast_node *n, struct val *out)
{
	const struct sch_prop *p;
	int i;

	if (wctx && !wctx->no_prop && n->text &&
	    (p = sch_prop_find(wctx->m, n->text, &i)) != NULL) {
		*out = prop_to_val(p, wctx->row->vals[i]);
		return 0;
	}
	(void)x;
	*out = val_from_word(n->text ? n->text : "", n->textlen);
	return 0;
}

static int
eval_str(struct xctx *x, const struct ast_node *n, struct val *out)
{
	struct sbuf b;
	struct val v;
	int i;

	if (n->nkids == 0 && n->text) {
		*out = val_str(n->text, n->textlen);
		return 0;
	}
	sb_init(&b);
	for (i = 0; i < n->nkids; i++) {
		const struct ast_node *k = n->kids[i];

		if (k->type == AST_WORD) {
			sb_put(&b, k->text ? k->text : "", k->textlen);
			continue;
		}
		if (eval(x, k, &v) < 0) {
			sb_fini(&b);
			return -1;
		}
		val_to_text(&v, &b);
		val_free(&v);
	}
	*out = val_str(sb_str(&b), b.len);
	sb_fini(&b);
	return 0;
}

static int
eval_array(struct xctx *x, const struct ast_node *n, struct val *out)
{
	struct val v;
	int i;

	*out = val_array();
	for (i = 0; i < n->nkids; i++) {
		const struct ast_node *k = n->kids[i];

		if (k->type == AST_PAIR) {
			if (k->nkids < 1 || eval(x, k->kids[0], &v) < 0)
				goto fail;
			varr_push(out, k->text, v);
		} else {
			if (eval(x, k, &v) < 0)
				goto fail;
			varr_push(out, NULL, v);
		}
	}
	return 0;
fail:
	val_free(out);
	return -1;
}

static int
num_of(const struct val *v, long long *n)
{
	switch (v->t) {
	case VT_NUM:
	case VT_TIME:
	case VT_ID:
		*n = v->u.n;
		return 0;
	case VT_IP:
		*n = v->u.ip.addr;
		return 0;
	case VT_STR: {
		struct val w = val_from_word(v->u.str.s, v->u.str.len);
		int rc = w.t == VT_NUM ? (*n = w.u.n, 0) : -1;

		val_free(&w);
		return rc;
	}
	default:
		return -1;
	}
}

static int
eval_arith(struct xctx *x, const struct ast_node *n, const struct val *a,
    const struct val *b, struct val *out)
{
	long long l, r, res;
	enum vt t = a->t == VT_TIME || b->t == VT_TIME ? VT_TIME :
	    a->t == VT_IP ? VT_IP : VT_NUM;

	if (num_of(a, &l) < 0 || num_of(b, &r) < 0)
		return eng_fail_node(x->e, n, "failure: cannot do arithmetic"
		    " on %s and %s", val_type_name(a->t),
		    val_type_name(b->t));
	switch (n->op) {
	case OP_ADD: res = l + r; break;
	case OP_SUB:
		res = l - r;
		if (a->t == VT_IP && b->t == VT_IP)
			t = VT_NUM;
		break;
	case OP_MUL: res = l * r; break;
	case OP_DIV:
	case OP_MOD:
		if (r == 0)
			return eng_fail_node(x->e, n, "division by zero");
		res = n->op == OP_DIV ? l / r : l % r;
		break;
	case OP_BITAND: res = l & r; break;
	case OP_BITOR: res = l | r; break;
	case OP_BITXOR: res = l ^ r; break;
	case OP_SHL: res = l << (r & 63); break;
	default: res = l >> (r & 63); break;
	}
	if (t == VT_TIME)
		*out = val_time(res);
	else if (t == VT_IP) {
		*out = val_nothing();
		out->t = VT_IP;
		out->u.ip.addr = (unsigned)res;
		out->u.ip.len = 32;
	} else
		*out = val_num(res);
	return 0;
}

static int
val_cmp(const struct val *a, const struct val *b)
{
	long long l, r;
	struct sbuf x, y;
	int c;

	if (a->t != VT_STR && b->t != VT_STR && num_of(a, &l) == 0 &&
	    num_of(b, &r) == 0)
		return l < r ? -1 : l > r;
	sb_init(&x);
	sb_init(&y);
	val_to_text(a, &x);
	val_to_text(b, &y);
	c = strcmp(sb_str(&x), sb_str(&y));
	sb_fini(&x);
	sb_fini(&y);
	return c;
}

static int
eval_in(const struct val *a, const struct val *b)
{
	struct val wa = { 0 }, wb = { 0 };
	unsigned mask;
	int i, rc;

	/* Address properties (firewall and address-list `address`,
	 * `dst-address`...) are stored as text; `address in 10.0.0.0/8`
	 * must still test containment, so classify text operands first. */
	if (a->t == VT_STR || b->t == VT_STR) {
		wa = a->t == VT_STR ? val_from_word(a->u.str.s, a->u.str.len) :
		    val_copy(a);
		wb = b->t == VT_STR ? val_from_word(b->u.str.s, b->u.str.len) :
		    val_copy(b);
		rc = (wa.t == VT_IP || wa.t == VT_IPPFX) && wb.t == VT_IPPFX ?
		    eval_in(&wa, &wb) : val_equal(a, b);
		val_free(&wa);
		val_free(&wb);
		return rc;
	}
	if (b->t == VT_IPPFX && (a->t == VT_IP || a->t == VT_IPPFX)) {
		if (a->t == VT_IPPFX && a->u.ip.len < b->u.ip.len)
			return 0;
		mask = b->u.ip.len ? ~0u << (32 - b->u.ip.len) : 0;
		return (a->u.ip.addr & mask) == (b->u.ip.addr & mask);
	}
	if (b->t == VT_ARRAY) {
		for (i = 0; i < b->u.a->n; i++)
			if (val_equal(a, &b->u.a->el[i].v))
				return 1;
		return 0;
	}
	return val_equal(a, b);
}

static int
eval_match(struct xctx *x, const struct ast_node *n, const struct val *a,
    const struct val *b, struct val *out)
{
	struct sbuf s, pat;
	regex_t re;
	int rc;

	sb_init(&s);
	sb_init(&pat);
	val_to_text(a, &s);
	val_to_text(b, &pat);
	if (regcomp(&re, sb_str(&pat), REG_EXTENDED | REG_NOSUB) != 0) {
		sb_fini(&s);
		sb_fini(&pat);
		return eng_fail_node(x->e, n, "invalid regular expression");
	}
	rc = regexec(&re, sb_str(&s), 0, NULL, 0);
	regfree(&re);
	sb_fini(&s);
	sb_fini(&pat);
	*out = val_bool(rc == 0);
	return 0;
}

static int
eval_bool_of(struct xctx *x, const struct ast_node *n, const struct val *v,
    int *b)
{
	int ok;

	if (v->t == VT_NOTHING || v->t == VT_NIL) {
		*b = 0;
		return 0;
	}
	*b = val_truthy(v, &ok);
	if (!ok)
		return eng_fail_node(x->e, n, "failure: expected bool, got %s",
		    val_type_name(v->t));
	return 0;
}

static int
eval_index(struct xctx *x, const struct ast_node *n, const struct val *a,
    const struct val *b, struct val *out)
{
	const struct val *el = NULL;
	char *key;

	if (a->t != VT_ARRAY) {
		*out = val_nothing();
		return 0;
	}
	if (b->t == VT_NUM) {
		if (b->u.n >= 0 && b->u.n < a->u.a->n)
			el = &a->u.a->el[b->u.n].v;
	} else {
		key = val_to_cstr(b);
		el = varr_get(a, key);
		free(key);
	}
	(void)x;
	(void)n;
	*out = el ? val_copy(el) : val_nothing();
	return 0;
}

static int
eval_logic(struct xctx *x, const struct ast_node *n, struct val *out)
{
	struct val a;
	int l, r;

	if (eval(x, n->kids[0], &a) < 0)
		return -1;
	if (eval_bool_of(x, n, &a, &l) < 0) {
		val_free(&a);
		return -1;
	}
	val_free(&a);
	if ((n->op == OP_OR && l) || (n->op != OP_OR && !l)) {
		*out = val_bool(l);
		return 0;
	}
	if (eval(x, n->kids[1], &a) < 0)
		return -1;
	if (eval_bool_of(x, n, &a, &r) < 0) {
		val_free(&a);
		return -1;
	}
	val_free(&a);
	*out = val_bool(r);
	return 0;
}

static int
is_comparison(enum ast_op op)
{
	return op == OP_EQ || op == OP_NE || op == OP_LT || op == OP_GT ||
	    op == OP_LE || op == OP_GE || op == OP_MATCH || op == OP_IN;
}

static int
eval_concat(const struct val *a, const struct val *b, enum ast_op op,
    struct val *out)
{
	struct sbuf s;
	int i;

	if (op == OP_COMMA) {
		*out = val_array();
		for (i = 0; a->t == VT_ARRAY && i < a->u.a->n; i++)
			varr_push(out, a->u.a->el[i].key,
			    val_copy(&a->u.a->el[i].v));
		if (a->t != VT_ARRAY)
			varr_push(out, NULL, val_copy(a));
		for (i = 0; b->t == VT_ARRAY && i < b->u.a->n; i++)
			varr_push(out, b->u.a->el[i].key,
			    val_copy(&b->u.a->el[i].v));
		if (b->t != VT_ARRAY)
			varr_push(out, NULL, val_copy(b));
		return 0;
	}
	sb_init(&s);
	val_to_text(a, &s);
	val_to_text(b, &s);
	*out = val_str(sb_str(&s), s.len);
	sb_fini(&s);
	return 0;
}

static int
eval_binop(struct xctx *x, const struct ast_node *n, struct val *out)
{
	struct val a, b;
	int rc = 0, saved = 0;

	if (n->op == OP_AND || n->op == OP_OR || n->op == OP_JUXT)
		return eval_logic(x, n, out);
	if (eval(x, n->kids[0], &a) < 0)
		return -1;
	if (wctx && is_comparison(n->op)) {
		saved = wctx->no_prop;
		/* The right operand is a literal, except in `$ip in
		 * dst-address`, where a non-word left side lets the right
		 * side name a property. */
		wctx->no_prop = !(n->op == OP_IN &&
		    n->kids[0]->type != AST_WORD);
	}
	rc = eval(x, n->kids[1], &b);
	if (wctx && is_comparison(n->op))
		wctx->no_prop = saved;
	if (rc < 0) {
		val_free(&a);
		return -1;
	}
	switch (n->op) {
	case OP_EQ: *out = val_bool(val_equal(&a, &b)); break;
	case OP_NE: *out = val_bool(!val_equal(&a, &b)); break;
	case OP_LT: *out = val_bool(val_cmp(&a, &b) < 0); break;
	case OP_GT: *out = val_bool(val_cmp(&a, &b) > 0); break;
	case OP_LE: *out = val_bool(val_cmp(&a, &b) <= 0); break;
	case OP_GE: *out = val_bool(val_cmp(&a, &b) >= 0); break;
	case OP_IN: *out = val_bool(eval_in(&a, &b)); break;
	case OP_MATCH: rc = eval_match(x, n, &a, &b, out); break;
	case OP_CONCAT:
	case OP_COMMA: rc = eval_concat(&a, &b, n->op, out); break;
	case OP_INDEX: rc = eval_index(x, n, &a, &b, out); break;
	default: rc = eval_arith(x, n, &a, &b, out); break;
	}
	val_free(&a);
	val_free(&b);
	return rc;
}

static int
eval_unop(struct xctx *x, const struct ast_node *n, struct val *out)
{
	struct val a;
	int b;

	if (eval(x, n->kids[0], &a) < 0)
		return -1;
	if (n->op == OP_NOT) {
		if (eval_bool_of(x, n, &a, &b) < 0) {
			val_free(&a);
			return -1;
		}
		*out = val_bool(!b);
	} else if (n->op == OP_NEG && (a.t == VT_NUM || a.t == VT_TIME)) {
		*out = a;
		out->u.n = -out->u.n;
		return 0;
	} else if (n->op == OP_BITNOT && a.t == VT_IP) {
		*out = a;
		out->u.ip.addr = ~out->u.ip.addr;
		return 0;
	} else if (n->op == OP_BITNOT && a.t == VT_NUM) {
		*out = val_num(~a.u.n);
	} else {
		val_free(&a);
		return eng_fail_node(x->e, n, "failure: bad operand");
	}
	val_free(&a);
	return 0;
}

static int
eval_subst(struct xctx *x, const struct ast_node *n, struct val *out)
{
	int saved_np = 0, rc;
	struct where_ctx *saved = wctx;

	/* A command inside a where-expression runs outside the row. */
	wctx = NULL;
	(void)saved_np;
	x->e->in_subst++;
	rc = n->nkids ? exec_stmt(x, n->kids[0], out) : (*out = val_nothing(),
	    0);
	x->e->in_subst--;
	wctx = saved;
	return rc;
}

int
eval(struct xctx *x, const struct ast_node *n, struct val *out)
{
	struct var *v;

	*out = val_nothing();
	if (n == NULL)
		return 0;
	switch (n->type) {
	case AST_WORD:
		return eval_word(x, n, out);
	case AST_STR:
		return eval_str(x, n, out);
	case AST_VAR:
		v = scope_lookup(x, n->text);
		*out = v ? val_copy(&v->v) : val_nothing();
		return 0;
	case AST_SUBST:
		return eval_subst(x, n, out);
	case AST_ARRAY:
		return eval_array(x, n, out);
	case AST_BLOCK:
		out->t = VT_CODE;
		out->u.code = n;
		return 0;
	case AST_UNOP:
		return eval_unop(x, n, out);
	case AST_BINOP:
		return eval_binop(x, n, out);
	case AST_CMD:
	case AST_EXPR_STMT:
	case AST_CALL:
		return exec_stmt(x, n, out);
	default:
		return eng_fail_node(x->e, n, "syntax error");
	}
}

int
eval_text(struct xctx *x, const struct ast_node *n, char **out)
{
	struct val v;

	if (n->type == AST_WORD) {
		*out = malloc(n->textlen + 1);
		memcpy(*out, n->text ? n->text : "", n->textlen);
		(*out)[n->textlen] = '\0';
		return 0;
	}
	if (eval(x, n, &v) < 0)
		return -1;
	*out = val_to_cstr(&v);
	val_free(&v);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Where-expressions                                                   */
/* ------------------------------------------------------------------ */

struct where {
	const struct sch_menu *m;
	const struct ast_node *expr;
	char *sql;		/* equivalent SQL condition, or NULL */
	char *param;
};

/* `prop=literal` on a text-compared property runs as SQL on an index. */
static void
where_try_sql(struct xctx *x, struct where *w)
{
	const struct ast_node *n = w->expr, *l, *r;
	const struct sch_prop *p;
	char canon[1024];
	int i;

	if (n->type != AST_BINOP || n->op != OP_EQ)
		return;
	l = n->kids[0];
	r = n->kids[1];
	/* A quoted literal without substitutions carries its text. */
	if (l->type != AST_WORD || (r->type != AST_WORD && !(r->type ==
	    AST_STR && r->text)))
		return;
	p = sch_prop_find(w->m, l->text, &i);
	if (p == NULL || !(p->type == ST_NAME || p->type == ST_STRING ||
	    p->type == ST_REF || p->type == ST_ENUM) || p->flags & P_NEGATE)
		return;
	if (r->textlen != strlen(r->text))
		return;
	if (sch_value_check(p, r->text, canon, sizeof(canon)) != SCH_OK ||
	    strcmp(canon, r->text) != 0)
		return;
	w->sql = malloc(strlen(p->name) + 8);
	sprintf(w->sql, "\"%s\"=?", p->name);
	w->param = strdup(r->text);
	(void)x;
}

struct where *
where_compile(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *expr)
{
	struct where *w = calloc(1, sizeof(*w));

	w->m = m;
	w->expr = expr;
	if (expr)
		where_try_sql(x, w);
	return w;
}

int
where_match(struct xctx *x, struct where *w, const struct st_row *r,
    int *match)
{
	struct where_ctx c = { w->m, r, 0 }, *saved = wctx;
	struct val v;
	int rc;

	if (w->expr == NULL) {
		*match = 1;
		return 0;
	}
	wctx = &c;
	rc = eval(x, w->expr, &v);
	wctx = saved;
	if (rc < 0)
		return -1;
	if (v.t == VT_NOTHING || v.t == VT_NIL)
		*match = 0;
	else if (eval_bool_of(x, w->expr, &v, match) < 0)
		rc = -1;
	val_free(&v);
	return rc;
}

const char *
where_sql(const struct where *w, const char **param)
{
	*param = w->param;
	return w->sql;
}

void
where_free(struct where *w)
{
	if (w == NULL)
		return;
	free(w->sql);
	free(w->param);
	free(w);
}
