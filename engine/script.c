/*
 * script.c - the root scripting commands (console-language 8.2):
 * :put :local :global :set :if :while :for :foreach :do :onerror :error
 * :return :len :pick :find :typeof and the :to* conversions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"

#define SCRIPT_MAX_LOOP 10000000L

/* Evaluate a named argument; *v is nothing when absent. */
static int
sc_arg(struct xctx *x, const struct ast_node *c, const char *name,
    struct val *v)
{
	const struct ast_arg *a = cmd_arg(c, name);

	*v = val_nothing();
	if (a == NULL || a->value == NULL)
		return 0;
	return eval(x, a->value, v);
}

static const struct ast_node *
sc_block(const struct ast_node *c, const char *name)
{
	const struct ast_arg *a = cmd_arg(c, name);

	return a ? a->value : NULL;
}

/* Run a block-valued argument (do=, else=...) in a new scope. */
static int
sc_run(struct xctx *x, const struct ast_node *blk)
{
	struct val v;
	int rc;

	if (blk == NULL)
		return 0;
	if (blk->type == AST_BLOCK)
		return exec_block(x, blk, 1);
	rc = eval(x, blk, &v);
	if (rc == 0 && v.t == VT_CODE)
		rc = exec_block(x, v.u.code, 1);
	val_free(&v);
	return rc;
}

static int
sc_cond(struct xctx *x, const struct ast_node *c, int *b)
{
	struct val v;
	int ok;

	if (sc_arg(x, c, "condition", &v) < 0)
		return -1;
	*b = val_truthy(&v, &ok);
	val_free(&v);
	if (!ok)
		return eng_fail_node(x->e, c, "failure: condition is not a "
		    "bool");
	return 0;
}

static int
sc_put(struct xctx *x, const struct ast_node *c)
{
	struct val v;
	struct sbuf b;

	if (sc_arg(x, c, "message", &v) < 0)
		return -1;
	sb_init(&b);
	val_to_text(&v, &b);
	sb_putc(&b, '\n');
	eng_out(x->e, sb_str(&b), b.len);
	sb_fini(&b);
	val_free(&v);
	return 0;
}

static int
sc_name(struct xctx *x, const struct ast_node *c, char **name)
{
	const struct ast_arg *a = cmd_arg(c, "name");

	if (a == NULL || a->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) name");
	return eval_text(x, a->value, name);
}

static int
sc_declare(struct xctx *x, const struct ast_node *c, int global)
{
	const struct ast_arg *d = cmd_arg(c, "do");
	struct val v;
	char *name;

	if (sc_name(x, c, &name) < 0)
		return -1;
	if (d && d->value) {
		v = val_nothing();
		v.t = VT_CODE;
		v.u.code = d->value;
		/* The function outlives this statement: keep its tree. */
		x->e->keep_stmt = 1;
	} else if (sc_arg(x, c, "value", &v) < 0) {
		free(name);
		return -1;
	} else if (cmd_arg(c, "value") == NULL) {
		v = val_nil();
	}
	if (global) {
		struct var *old = NULL;
		int i;

		for (i = 0; i < x->e->globals.n; i++)
			if (strcmp(x->e->globals.vars[i].name, name) == 0)
				old = &x->e->globals.vars[i];
		/* Re-declaring a global without a value only refers to it. */
		if (!(old && cmd_arg(c, "value") == NULL && !d))
			scope_set(&x->e->globals, name, v);
	} else {
		scope_set(x->sc, name, v);
	}
	free(name);
	return 0;
}

/*
 * The array element `:set ($a->"k") v` assigns to, also nested
 * (($a->1->"x")) (console-language 8.1).  A missing key is added, an
 * index one past the end appends; NULL with the error set otherwise.
 */
static struct val *
sc_elem(struct xctx *x, const struct ast_node *n)
{
	struct val *base, key;
	struct var *var;
	char *k;
	int i;

	if (n->type == AST_VAR) {
		if ((var = scope_lookup(x, n->text)) == NULL)
			eng_fail_node(x->e, n, "failure: no such variable %s",
			    n->text);
		return var ? &var->v : NULL;
	}
	if (n->type != AST_BINOP || n->op != OP_INDEX || n->nkids != 2) {
		eng_fail_node(x->e, n, "invalid value for argument name");
		return NULL;
	}
	if (eval(x, n->kids[1], &key) < 0)
		return NULL;
	if ((base = sc_elem(x, n->kids[0])) == NULL) {
		val_free(&key);
		return NULL;
	}
	if (base->t != VT_ARRAY) {
		val_free(base);
		*base = val_array();
	}
	if (key.t == VT_NUM) {
		i = key.u.n >= 0 && key.u.n <= base->u.a->n ? (int)key.u.n : -1;
		if (i == base->u.a->n)
			varr_push(base, NULL, val_nothing());
		if (i < 0 || base->u.a->el[i].key != NULL) {
			eng_fail_node(x->e, n, "invalid value for argument "
			    "name");
			return NULL;
		}
		return &base->u.a->el[i].v;
	}
	k = val_to_cstr(&key);
	val_free(&key);
	if (varr_get(base, k) == NULL)
		varr_push(base, k, val_nothing());
	base = (struct val *)varr_get(base, k);
	free(k);
	return base;
}

static int
sc_set(struct xctx *x, const struct ast_node *c)
{
	const struct ast_arg *na = cmd_arg(c, "name");
	struct var *var;
	struct val v, *el;
	char *name;

	if (na && na->value && na->value->type == AST_BINOP &&
	    na->value->op == OP_INDEX) {
		if (sc_arg(x, c, "value", &v) < 0)
			return -1;
		if ((el = sc_elem(x, na->value)) == NULL) {
			val_free(&v);
			return -1;
		}
		val_free(el);
		*el = v;
		return 0;
	}
	if (sc_name(x, c, &name) < 0)
		return -1;
	var = scope_lookup(x, name);
	if (var == NULL) {
		eng_fail_node(x->e, c, "failure: no such variable %s", name);
		free(name);
		return -1;
	}
	free(name);
	if (sc_arg(x, c, "value", &v) < 0)
		return -1;
	if (cmd_arg(c, "value") == NULL)
		v = val_nil();
	val_free(&var->v);
	var->v = v;
	return 0;
}

static int
sc_if(struct xctx *x, const struct ast_node *c)
{
	int b;

	if (sc_cond(x, c, &b) < 0)
		return -1;
	return sc_run(x, sc_block(c, b ? "do" : "else"));
}

static int
sc_while(struct xctx *x, const struct ast_node *c)
{
	long n = 0;
	int b;

	for (;;) {
		if (sc_cond(x, c, &b) < 0)
			return -1;
		if (!b || x->returning)
			return 0;
		if (++n > SCRIPT_MAX_LOOP)
			return eng_fail_node(x->e, c, "failure: loop limit");
		if (sc_run(x, sc_block(c, "do")) < 0)
			return -1;
	}
}

static int
sc_num_arg(struct xctx *x, const struct ast_node *c, const char *name,
    long long dflt, long long *n)
{
	struct val v;
	char *s, *end;

	if (sc_arg(x, c, name, &v) < 0)
		return -1;
	if (v.t == VT_NOTHING) {
		*n = dflt;
		return 0;
	}
	s = val_to_cstr(&v);
	val_free(&v);
	*n = strtoll(s, &end, 0);
	if (*s == '\0' || *end != '\0') {
		free(s);
		return eng_fail_node(x->e, c, "invalid value for argument %s",
		    name);
	}
	free(s);
	return 0;
}

/* The loop variable of :for/:foreach ("counter", e.g. `i` or `k,v`). */
static int
sc_name_counter(struct xctx *x, const struct ast_node *c, char **name)
{
	const struct ast_arg *a = cmd_arg(c, "counter");

	if (a == NULL || a->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) counter");
	return eval_text(x, a->value, name);
}

static int
sc_for(struct xctx *x, const struct ast_node *c)
{
	struct scope sc = { 0 };
	long long from, to, step, i;
	char *name;
	int rc = 0;

	if (sc_name_counter(x, c, &name) < 0)
		return -1;
	if (sc_num_arg(x, c, "from", 0, &from) < 0 ||
	    sc_num_arg(x, c, "to", 0, &to) < 0 ||
	    sc_num_arg(x, c, "step", from <= to ? 1 : -1, &step) < 0 ||
	    step == 0) {
		free(name);
		return eng_fail_node(x->e, c, "invalid value for argument "
		    "step");
	}
	sc.up = x->sc;
	x->sc = &sc;
	for (i = from; rc == 0 && !x->returning &&
	    (step > 0 ? i <= to : i >= to); i += step) {
		scope_set(&sc, name, val_num(i));
		rc = sc_run(x, sc_block(c, "do"));
	}
	x->sc = sc.up;
	scope_fini(&sc);
	free(name);
	return rc;
}

static int
sc_foreach(struct xctx *x, const struct ast_node *c)
{
	struct scope sc = { 0 };
	struct val arr;
	char *name, *comma;
	int i, rc = 0;

	if (sc_name_counter(x, c, &name) < 0)
		return -1;
	if (sc_arg(x, c, "in", &arr) < 0) {
		free(name);
		return -1;
	}
	if (arr.t != VT_ARRAY) {
		struct val one = arr;

		arr = val_array();
		if (one.t != VT_NOTHING && one.t != VT_NIL)
			varr_push(&arr, NULL, one);
	}
	comma = strchr(name, ',');
	if (comma)
		*comma++ = '\0';
	sc.up = x->sc;
	x->sc = &sc;
	for (i = 0; rc == 0 && !x->returning && i < arr.u.a->n; i++) {
		const struct varr_el *el = &arr.u.a->el[i];

		if (comma) {
			scope_set(&sc, name, el->key ? val_cstr(el->key) :
			    val_num(i));
			scope_set(&sc, comma, val_copy(&el->v));
		} else {
			scope_set(&sc, name, val_copy(&el->v));
		}
		rc = sc_run(x, sc_block(c, "do"));
	}
	x->sc = sc.up;
	scope_fini(&sc);
	val_free(&arr);
	free(name);
	return rc;
}

/* Run `blk`; on a runtime error clear it and run `handler` instead. */
static int
sc_catch(struct xctx *x, const struct ast_node *blk,
    const struct ast_node *handler, const char *errvar, int *failed)
{
	int rc;

	*failed = 0;
	rc = sc_run(x, blk);
	if (rc == 0)
		return 0;
	if (!x->e->err.set)
		return rc;
	*failed = 1;
	if (errvar)
		scope_set(x->sc, errvar, val_cstr(x->e->err.msg));
	x->e->err.set = 0;
	return sc_run(x, handler);
}

static int
sc_do(struct xctx *x, const struct ast_node *c)
{
	const struct ast_node *body = sc_block(c, "command");
	int failed, b;
	long n = 0;

	if (cmd_arg(c, "on-error"))
		return sc_catch(x, body, sc_block(c, "on-error"), NULL,
		    &failed);
	if (cmd_arg(c, "while") == NULL)
		return sc_run(x, body);
	do {
		struct val v;
		int ok;

		if (sc_run(x, body) < 0)
			return -1;
		if (++n > SCRIPT_MAX_LOOP)
			return eng_fail_node(x->e, c, "failure: loop limit");
		if (sc_arg(x, c, "while", &v) < 0)
			return -1;
		b = val_truthy(&v, &ok);
		val_free(&v);
	} while (b && !x->returning);
	return 0;
}

static int
sc_onerror(struct xctx *x, const struct ast_node *c, struct val *ret)
{
	char *name = NULL;
	int failed, rc;
	const struct ast_arg *a = cmd_arg(c, "error");

	if (a && a->value && eval_text(x, a->value, &name) < 0)
		return -1;
	rc = sc_catch(x, sc_block(c, "in"), sc_block(c, "do"), name, &failed);
	free(name);
	*ret = val_bool(failed);
	return rc;
}

static int
sc_error(struct xctx *x, const struct ast_node *c)
{
	struct val v;
	char *s;

	if (sc_arg(x, c, "message", &v) < 0)
		return -1;
	s = val_to_cstr(&v);
	val_free(&v);
	eng_fail_node(x->e, c, "%s", s);
	x->e->err.from_error_cmd = 1;
	free(s);
	return -1;
}

static int
sc_return(struct xctx *x, const struct ast_node *c, struct val *ret)
{
	if (sc_arg(x, c, "value", ret) < 0)
		return -1;
	x->returning = 1;
	val_free(&x->retval);
	x->retval = val_copy(ret);
	return 0;
}

static int
sc_len(struct xctx *x, const struct ast_node *c, struct val *ret)
{
	struct val v;
	struct sbuf b;

	if (sc_arg(x, c, "value", &v) < 0)
		return -1;
	if (v.t == VT_ARRAY) {
		*ret = val_num(v.u.a->n);
	} else {
		sb_init(&b);
		val_to_text(&v, &b);
		*ret = val_num((long long)b.len);
		sb_fini(&b);
	}
	val_free(&v);
	return 0;
}

static const char *
sc_value_arg_name(const struct ast_node *c)
{
	int i;

	/* :pick's first positional is named differently across trees. */
	for (i = 0; i < c->nargs; i++)
		if (strcmp(c->args[i].name, "begin") &&
		    strcmp(c->args[i].name, "end"))
			return c->args[i].name;
	return "value";
}

static int
sc_pick(struct xctx *x, const struct ast_node *c, struct val *ret)
{
	struct val v;
	struct sbuf b;
	long long beg, end, len;
	int i, has_end = cmd_arg(c, "end") != NULL;

	if (sc_arg(x, c, sc_value_arg_name(c), &v) < 0 ||
	    sc_num_arg(x, c, "begin", 0, &beg) < 0 ||
	    sc_num_arg(x, c, "end", beg + 1, &end) < 0)
		return -1;
	sb_init(&b);
	if (v.t != VT_ARRAY)
		val_to_text(&v, &b);
	len = v.t == VT_ARRAY ? v.u.a->n : (long long)b.len;
	if (beg < 0)
		beg = 0;
	if (end > len)
		end = len;
	if (v.t == VT_ARRAY) {
		if (!has_end) {
			*ret = beg < len ? val_copy(&v.u.a->el[beg].v) :
			    val_nothing();
		} else {
			*ret = val_array();
			for (i = (int)beg; i < end; i++)
				varr_push(ret, v.u.a->el[i].key,
				    val_copy(&v.u.a->el[i].v));
		}
	} else {
		*ret = beg < end ? val_str(sb_str(&b) + beg,
		    (size_t)(end - beg)) : val_cstr("");
	}
	sb_fini(&b);
	val_free(&v);
	return 0;
}

static int
sc_find(struct xctx *x, const struct ast_node *c, struct val *ret)
{
	struct val in, key;
	struct sbuf hay, needle;
	long long from;
	const char *p;
	int i;

	if (sc_arg(x, c, "in", &in) < 0 || sc_arg(x, c, "key", &key) < 0 ||
	    sc_num_arg(x, c, "from", -1, &from) < 0)
		return -1;
	*ret = val_nil();
	if (in.t == VT_ARRAY) {
		for (i = (int)from + 1; i < in.u.a->n; i++) {
			if (val_equal(&in.u.a->el[i].v, &key)) {
				*ret = val_num(i);
				break;
			}
		}
	} else {
		sb_init(&hay);
		sb_init(&needle);
		val_to_text(&in, &hay);
		val_to_text(&key, &needle);
		if ((size_t)(from + 1) <= hay.len) {
			p = strstr(sb_str(&hay) + from + 1, sb_str(&needle));
			if (p)
				*ret = val_num(p - sb_str(&hay));
		}
		sb_fini(&hay);
		sb_fini(&needle);
	}
	val_free(&in);
	val_free(&key);
	return 0;
}

static int
sc_convert(struct xctx *x, const struct ast_node *c, struct val *ret)
{
	struct val v;
	char *s;
	long long ns;
	int ok, b;

	if (sc_arg(x, c, "value", &v) < 0)
		return -1;
	if (strcmp(c->name, "typeof") == 0) {
		*ret = val_cstr(val_type_name(v.t));
	} else if (strcmp(c->name, "tostr") == 0) {
		s = NULL;
		{
			struct sbuf sb;

			sb_init(&sb);
			val_to_text(&v, &sb);
			*ret = val_str(sb_str(&sb), sb.len);
			sb_fini(&sb);
		}
		free(s);
	} else if (strcmp(c->name, "toarray") == 0) {
		*ret = val_array();
		if (v.t == VT_ARRAY) {
			val_free(ret);
			*ret = val_copy(&v);
		} else {
			char *save, *tok;

			s = val_to_cstr(&v);
			for (tok = strtok_r(s, ",", &save); tok;
			    tok = strtok_r(NULL, ",", &save))
				varr_push(ret, NULL, val_from_word(tok,
				    strlen(tok)));
			free(s);
		}
	} else if (strcmp(c->name, "totime") == 0) {
		s = val_to_cstr(&v);
		*ret = sch_time_parse(s, &ns) == 0 ? val_time(ns) : val_nil();
		free(s);
	} else if (strcmp(c->name, "tobool") == 0) {
		b = val_truthy(&v, &ok);
		*ret = ok ? val_bool(b) : val_nil();
	} else {
		/* tonum, toip, toid: classify the text, keep if it fits. */
		enum vt want = strcmp(c->name, "tonum") == 0 ? VT_NUM :
		    strcmp(c->name, "toip") == 0 ? VT_IP : VT_ID;

		s = val_to_cstr(&v);
		*ret = val_from_word(s, strlen(s));
		free(s);
		if (ret->t != want) {
			val_free(ret);
			*ret = val_nil();
		}
	}
	val_free(&v);
	return 0;
}

static const char *const sc_conversions[] = {
	"typeof", "tostr", "tonum", "toip", "toid", "totime", "tobool",
	"toarray", NULL
};

static int
sc_is(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* Commands valid at the root menu. */
static int
sc_dispatch_root(struct xctx *x, const struct ast_node *c, struct val *ret,
    int *handled)
{
	const char *n = c->name;

	*handled = 1;
	if (strcmp(n, "put") == 0)
		return sc_put(x, c);
	if (strcmp(n, "local") == 0 || strcmp(n, "global") == 0)
		return sc_declare(x, c, n[0] == 'g');
	if (strcmp(n, "set") == 0)
		return sc_set(x, c);
	if (strcmp(n, "if") == 0)
		return sc_if(x, c);
	if (strcmp(n, "while") == 0)
		return sc_while(x, c);
	if (strcmp(n, "for") == 0)
		return sc_for(x, c);
	if (strcmp(n, "foreach") == 0)
		return sc_foreach(x, c);
	if (strcmp(n, "do") == 0)
		return sc_do(x, c);
	if (strcmp(n, "onerror") == 0)
		return sc_onerror(x, c, ret);
	if (strcmp(n, "error") == 0)
		return sc_error(x, c);
	if (strcmp(n, "return") == 0)
		return sc_return(x, c, ret);
	if (strcmp(n, "len") == 0)
		return sc_len(x, c, ret);
	if (strcmp(n, "pick") == 0)
		return sc_pick(x, c, ret);
	if (strcmp(n, "find") == 0)
		return sc_find(x, c, ret);
	if (sc_is(n, sc_conversions))
		return sc_convert(x, c, ret);
	if (strcmp(n, "nothing") == 0 || strcmp(n, "beep") == 0 ||
	    strcmp(n, "delay") == 0 || strcmp(n, "quit") == 0)
		return 0;
	if (strcmp(n, "export") == 0)
		return cmd_export(x, "/", c);
	if (strcmp(n, "import") == 0)
		return cmd_import(x, c);
	*handled = 0;
	return -1;
}

int
script_cmd(struct xctx *x, const struct ast_node *c, struct val *ret,
    int *handled)
{
	*ret = val_nothing();
	*handled = 0;
	if (strcmp(c->path, "/") != 0)
		return -1;
	return sc_dispatch_root(x, c, ret, handled);
}
