/*
 * select.c - which items a command means: item numbers from the last
 * print of the menu in this session (assigned as if print had run when
 * there was none), internal ids (*1A), names, [find] arrays, and comma
 * lists of those (console-language 3.1-3.4).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"

/* Fill the menu's number table from the full list, in print order. */
int
sel_item_numbers(struct eng *e, const struct sch_menu *m)
{
	struct menu_rt *rt = st_rt(e, m);
	struct sbuf b;
	sqlite3_stmt *s;
	int cap = 0;

	free(rt->numbers);
	rt->numbers = NULL;
	rt->nnumbers = 0;
	sb_init(&b);
	sb_printf(&b, "SELECT _id FROM \"%s\" ORDER BY %s", m->table,
	    st_order(m));
	if (sqlite3_prepare_v2(e->db, sb_str(&b), -1, &s, NULL) != SQLITE_OK) {
		sb_fini(&b);
		return -1;
	}
	sb_fini(&b);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (rt->nnumbers == cap) {
			cap = cap ? cap * 2 : 64;
			rt->numbers = realloc(rt->numbers, (size_t)cap *
			    sizeof(long long));
		}
		rt->numbers[rt->nnumbers++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	rt->have_numbers = 1;
	return 0;
}

static void
ids_push(long long **ids, int *n, long long id)
{
	*ids = realloc(*ids, (size_t)(*n + 1) * sizeof(long long));
	(*ids)[(*n)++] = id;
}

static int
sel_is_number(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int
sel_parse_id(const char *s, long long *id)
{
	char *end;

	if (s[0] != '*' || !isxdigit((unsigned char)s[1]))
		return -1;
	*id = strtoll(s + 1, &end, 16);
	return *end == '\0' ? 0 : -1;
}

static int
sel_exists(struct eng *e, const struct sch_menu *m, long long id)
{
	char cond[64];

	snprintf(cond, sizeof(cond), "_id=%lld", id);
	return st_count(e, m, cond, NULL) > 0;
}

/* One token: number, *id, name, or (for place-before) a comment. */
static int
sel_token(struct xctx *x, const struct sch_menu *m, const char *tok,
    long long *id)
{
	struct menu_rt *rt = st_rt(x->e, m);
	int pi;
	long long k;

	if (sel_is_number(tok)) {
		k = strtoll(tok, NULL, 10);
		if (!rt->have_numbers)
			sel_item_numbers(x->e, m);
		if (k >= rt->nnumbers)
			return -1;
		*id = rt->numbers[k];
		return sel_exists(x->e, m, *id) ? 0 : -1;
	}
	if (sel_parse_id(tok, id) == 0)
		return sel_exists(x->e, m, *id) ? 0 : -1;
	if (m->name_prop && sch_prop_find(m, m->name_prop, &pi)) {
		if (m->flags & M_KERNEL_LINKS)
			links_refresh(x->e);
		*id = st_find_value(x->e, m, pi, tok, -1);
		if (*id >= 0)
			return 0;
	}
	if (sch_prop_find(m, SCH_COMMENT, &pi)) {
		*id = st_find_value(x->e, m, pi, tok, -1);
		if (*id >= 0)
			return 0;
	}
	return -1;
}

int
sel_resolve_text(struct xctx *x, const struct sch_menu *m, const char *text,
    const struct ast_node *pos, long long **ids, int *n)
{
	char *copy = strdup(text), *tok, *save;
	long long id;

	*ids = NULL;
	*n = 0;
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if (sel_token(x, m, tok, &id) < 0) {
			free(copy);
			free(*ids);
			*ids = NULL;
			return eng_fail_node(x->e, pos, "no such item");
		}
		ids_push(ids, n, id);
	}
	free(copy);
	return 0;
}

static int
sel_value(struct xctx *x, const struct sch_menu *m, const struct val *v,
    const struct ast_node *pos, long long **ids, int *n)
{
	long long *sub;
	int i, k, ns;
	char *text;

	switch (v->t) {
	case VT_ID:
		if (!sel_exists(x->e, m, v->u.n))
			return eng_fail_node(x->e, pos, "no such item");
		ids_push(ids, n, v->u.n);
		return 0;
	case VT_ARRAY:
		for (i = 0; i < v->u.a->n; i++) {
			sub = NULL;
			ns = 0;
			if (sel_value(x, m, &v->u.a->el[i].v, pos, &sub,
			    &ns) < 0) {
				free(sub);
				return -1;
			}
			for (k = 0; k < ns; k++)
				ids_push(ids, n, sub[k]);
			free(sub);
		}
		return 0;
	case VT_NOTHING:
	case VT_NIL:
		return 0;
	default:
		text = val_to_cstr(v);
		i = sel_resolve_text(x, m, text, pos, &sub, &ns);
		free(text);
		if (i < 0)
			return -1;
		for (k = 0; k < ns; k++)
			ids_push(ids, n, sub[k]);
		free(sub);
		return 0;
	}
}

int
sel_resolve(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *valnode, long long **ids, int *n)
{
	struct val v;
	int rc;

	*ids = NULL;
	*n = 0;
	if (valnode->type == AST_WORD) {
		char *t;

		if (eval_text(x, valnode, &t) < 0)
			return -1;
		rc = sel_resolve_text(x, m, t, valnode, ids, n);
		free(t);
		return rc;
	}
	if (eval(x, valnode, &v) < 0)
		return -1;
	rc = sel_value(x, m, &v, valnode, ids, n);
	val_free(&v);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}
