/*
 * item.c - add, set, unset, reset, enable, disable, comment, remove and
 * move on list and settings menus, with RouterOS validation: types from
 * the schema, references to existing items, uniqueness, required
 * properties, and refusal to edit dynamic or remove factory items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"

static char **
vals_dup(char *const *src, int n)
{
	char **v = calloc((size_t)n + 1, sizeof(char *));
	int i;

	for (i = 0; i < n; i++)
		v[i] = src && src[i] ? strdup(src[i]) : NULL;
	return v;
}

static void
vals_free(char **v, int n)
{
	int i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
prop_is_yes(const struct sch_menu *m, char *const *vals, const char *name)
{
	int i;

	return sch_prop_find(m, name, &i) && vals[i] &&
	    strcmp(vals[i], "yes") == 0;
}

/* ------------------------------------------------------------------ */
/* References                                                          */
/* ------------------------------------------------------------------ */

/* Does `name` name an item of menu `path`? */
static int
ref_exists(struct xctx *x, const char *path, const char *name)
{
	const struct sch_menu *rm = sch_menu_find(path);
	int pi;

	if (rm == NULL || rm->name_prop == NULL ||
	    sch_prop_find(rm, rm->name_prop, &pi) == NULL)
		return 1;
	if (rm->flags & M_KERNEL_LINKS) {
		/* --check vouches for exports of other machines. */
		if (x->e->any_ifname)
			return 1;
		links_refresh(x->e);
	}
	return st_find_value(x->e, rm, pi, name, -1) >= 0;
}

/*
 * A name that matches no item exactly resolves by unique prefix
 * (console-language 2.3: profile=default-enc is default-encryption).
 * Writes the full name to out.  Returns 1 found, 0 none, -1 ambiguous.
 */
static int
ref_prefix(struct xctx *x, const char *path, const char *v, struct sbuf *out)
{
	const struct sch_menu *rm = sch_menu_find(path);
	struct st_row *rows = NULL;
	size_t n = strlen(v);
	int nrows, i, pi, found = 0;

	if (rm == NULL || rm->name_prop == NULL || n == 0 ||
	    sch_prop_find(rm, rm->name_prop, &pi) == NULL)
		return 0;
	nrows = st_rows(x->e, rm, NULL, NULL, &rows);
	for (i = 0; i < nrows && found < 2; i++) {
		if (rows[i].vals[pi] == NULL ||
		    strncmp(rows[i].vals[pi], v, n) != 0)
			continue;
		if (found++ == 0)
			sb_puts(out, rows[i].vals[pi]);
	}
	st_rows_free(rm, rows, nrows < 0 ? 0 : nrows);
	return found > 1 ? -1 : found;
}

/* Check one element and append its canonical form to out. */
static int
ref_check_one(struct xctx *x, const struct sch_prop *p, const char *v,
    const struct ast_arg *a, struct sbuf *out)
{
	size_t mark = out->len;
	int rc;

	if (*v == '!' && (p->flags & P_NEGATE)) {
		sb_putc(out, *v++);
		mark = out->len;
	}
	if ((p->words && sch_word_match(p->words, v, strlen(v)) >= 0) ||
	    ref_exists(x, p->ref, v)) {
		sb_puts(out, v);
		return 0;
	}
	rc = ref_prefix(x, p->ref, v, out);
	if (rc > 0)
		return 0;
	out->len = mark;
	if (rc < 0)
		return eng_fail(x->e, a ? a->line : 0, a ? a->col : 0,
		    "ambiguous value of %s, more than one possible value "
		    "matches input", p->name);
	return eng_fail(x->e, a ? a->line : 0, a ? a->col : 0,
	    "input does not match any value of %s", p->name);
}

/* Check the references in v (canonical text of p, in a buffer of vsz
 * bytes) and complete abbreviated names in place. */
static int
ref_check(struct xctx *x, const struct sch_prop *p, char *v, size_t vsz,
    const struct ast_arg *a)
{
	struct sbuf out;
	char *copy, *tok, *save;
	unsigned ip;
	int rc = 0;

	if (p->ref == NULL || (p->type == ST_IP_OR_REF &&
	    sch_ip4_parse(v, &ip) == 0))
		return 0;
	if (p->type != ST_REF && p->type != ST_IP_OR_REF &&
	    p->type != ST_REF_LIST)
		return 0;
	sb_init(&out);
	if (p->type != ST_REF_LIST) {
		rc = ref_check_one(x, p, v, a, &out);
	} else {
		copy = strdup(v);
		for (tok = strtok_r(copy, ",", &save); tok && rc == 0;
		    tok = strtok_r(NULL, ",", &save)) {
			if (out.len)
				sb_putc(&out, ',');
			rc = ref_check_one(x, p, tok, a, &out);
		}
		free(copy);
	}
	if (rc == 0 && out.len < vsz)
		memcpy(v, sb_str(&out), out.len + 1);
	sb_fini(&out);
	return rc;
}

/*
 * Rewrite `value` (one name, "!name", or a comma list of those) with
 * every element naming `name` replaced by `newname`.  Returns a malloc'd
 * string when something matched, NULL otherwise.
 */
static char *
ref_rewrite(const char *value, const char *name, const char *newname)
{
	struct sbuf b;
	const char *p = value, *end;
	size_t n, nl = strlen(name);
	int hit = 0, neg;

	sb_init(&b);
	while (p) {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		neg = n > 0 && *p == '!';
		if (b.len)
			sb_putc(&b, ',');
		if (n - (size_t)neg == nl && strncmp(p + neg, name, nl) == 0) {
			hit = 1;
			if (neg)
				sb_putc(&b, '!');
			sb_puts(&b, newname);
		} else {
			sb_put(&b, p, n);
		}
		p = end ? end + 1 : NULL;
	}
	if (!hit) {
		sb_fini(&b);
		return NULL;
	}
	return sb_take(&b);
}

/* One referencing property: rename its references, or tell whether
 * there are any (newname NULL: 1 when in use). */
static int
ref_users_prop(struct xctx *x, const struct sch_menu *u, int pi,
    const char *name, const char *newname)
{
	struct st_row *rows = NULL;
	struct sbuf cond;
	char *nv;
	int n, i, rc = 0;

	sb_init(&cond);
	sb_printf(&cond, "\"%s\" IS NOT NULL", u->props[pi].name);
	n = st_rows(x->e, u, sb_str(&cond), NULL, &rows);
	sb_fini(&cond);
	if (n < 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		nv = ref_rewrite(rows[i].vals[pi], name, newname ? newname :
		    name);
		if (nv == NULL)
			continue;
		if (newname == NULL) {
			rc = 1;
		} else {
			free(rows[i].vals[pi]);
			rows[i].vals[pi] = nv;
			nv = NULL;
			rc = st_update(x->e, u, rows[i].id, rows[i].vals);
		}
		free(nv);
	}
	st_rows_free(u, rows, n);
	return rc;
}

/*
 * Items referring to item `name` of m, also negated (`!L1`) and inside
 * lists (`include=L1,L2`): with newname, a rename carries into them
 * (RouterOS refers by id); without, returns 1 when any exists.
 */
static int
ref_users(struct xctx *x, const struct sch_menu *m, const char *name,
    const char *newname)
{
	const struct sch_prop *p;
	int i, rc = 0;

	for (i = 0; sch_menus[i] && rc == 0; i++) {
		const struct sch_menu *u = sch_menus[i];

		if (u->flags & (M_ACTION_ONLY | M_RUNTIME))
			continue;
		for (p = u->props; p->name && rc == 0; p++) {
			if (p->ref == NULL || strcmp(p->ref, m->path) != 0 ||
			    (p->flags & P_RO))
				continue;
			rc = ref_users_prop(x, u, (int)(p - u->props), name,
			    newname);
		}
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

int
prop_value(struct xctx *x, const struct sch_menu *m,
    const struct sch_prop *p, const char *in, const struct ast_arg *a,
    char **canon)
{
	char buf[8192], msg[256];
	enum sch_err e;

	(void)m;
	e = sch_value_check(p, in, buf, sizeof(buf));
	if (e != SCH_OK) {
		sch_err_format(e, p, msg, sizeof(msg));
		return eng_fail(x->e, a ? a->line : 0, a ? a->col : 0, "%s",
		    msg);
	}
	if (ref_check(x, p, buf, sizeof(buf), a) < 0)
		return -1;
	*canon = (p->flags & P_HASHED) ? pw_hash(buf) : strdup(buf);
	return *canon ? 0 : eng_fail(x->e, 0, 0, "failure: out of memory");
}

/* Apply one argument of add/set to vals. */
static int
apply_arg(struct xctx *x, const struct sch_menu *m, const struct ast_arg *a,
    char **vals)
{
	const struct sch_prop *p;
	char *text, *canon;
	int pi;

	p = sch_prop_find(m, a->name, &pi);
	if (p == NULL)
		return eng_fail(x->e, a->line, a->col, "not supported: "
		    "argument %s of %s", a->name, m->path);
	if (p->flags & P_RO)
		return eng_fail(x->e, a->line, a->col, "failure: %s is "
		    "read-only", a->name);
	if (a->negated) {
		if (p->flags & (P_REQUIRED | P_NOUNSET))
			return eng_fail(x->e, a->line, a->col,
			    "failure: %s can not be unset", a->name);
		free(vals[pi]);
		vals[pi] = NULL;
		return 0;
	}
	if (a->value == NULL)
		text = strdup("yes");
	else if (eval_text(x, a->value, &text) < 0)
		return -1;
	/* An empty comment is no comment: print shows no ;;; line and
	 * export writes no comment="" for it. */
	if (strcmp(p->name, SCH_COMMENT) == 0 && text[0] == '\0') {
		free(text);
		free(vals[pi]);
		vals[pi] = NULL;
		return 0;
	}
	if (prop_value(x, m, p, text, a, &canon) < 0) {
		free(text);
		return -1;
	}
	free(text);
	free(vals[pi]);
	vals[pi] = canon;
	return 0;
}

static int
is_meta_arg(const char *name)
{
	return strcmp(name, "numbers") == 0 || strcmp(name, "number") == 0 ||
	    strcmp(name, SCH_PLACE_BEFORE) == 0 ||
	    strcmp(name, SCH_COPY_FROM) == 0 ||
	    strcmp(name, "value-name") == 0;
}

static int
apply_args(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, char **vals)
{
	int i;

	for (i = 0; i < c->nargs; i++) {
		if (is_meta_arg(c->args[i].name))
			continue;
		if (apply_arg(x, m, &c->args[i], vals) < 0)
			return -1;
	}
	return 0;
}

static int
check_required(struct xctx *x, const struct sch_menu *m, char **vals,
    const struct ast_node *c)
{
	struct sbuf b;
	int i, n = sch_prop_count(m);

	sb_init(&b);
	for (i = 0; i < n; i++) {
		if ((m->props[i].flags & P_REQUIRED) && vals[i] == NULL) {
			if (b.len)
				sb_putc(&b, ' ');
			sb_puts(&b, m->props[i].name);
		}
	}
	if (b.len) {
		eng_fail_node(x->e, c, "missing value(s) of argument(s) %s",
		    sb_str(&b));
		sb_fini(&b);
		return -1;
	}
	sb_fini(&b);
	return 0;
}

static int
check_unique(struct xctx *x, const struct sch_menu *m, char **vals,
    long long self, const struct ast_node *c, int with_tuple)
{
	int i, n = sch_prop_count(m);

	for (i = 0; i < n; i++) {
		if (!(m->props[i].flags & P_UNIQUE) || vals[i] == NULL)
			continue;
		if (st_find_value(x->e, m, i, vals[i], self) >= 0)
			return eng_fail_node(x->e, c, "failure: already have "
			    "such %s", m->props[i].name);
	}
	if (with_tuple && m->unique_tuple &&
	    st_tuple_exists(x->e, m, vals, self))
		return eng_fail_node(x->e, c, "failure: already have such "
		    "entry");
	return 0;
}

/* ------------------------------------------------------------------ */
/* add                                                                 */
/* ------------------------------------------------------------------ */

static int
add_initial(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, char ***vals)
{
	const struct ast_arg *cf = cmd_arg(c, SCH_COPY_FROM);
	int i, n = sch_prop_count(m), cnt;
	long long *ids = NULL;
	struct st_row r;

	if (cf && cf->value) {
		if (sel_resolve(x, m, cf->value, &ids, &cnt) < 0)
			return -1;
		if (cnt != 1 || st_row_get(x->e, m, ids[0], &r) < 0) {
			free(ids);
			return eng_fail(x->e, cf->line, cf->col,
			    "no such item");
		}
		free(ids);
		*vals = vals_dup(r.vals, n);
		st_row_fini(m, &r);
		for (i = 0; i < n; i++) {
			if (m->props[i].flags & (P_RO | P_UNIQUE)) {
				free((*vals)[i]);
				(*vals)[i] = NULL;
			}
		}
		return 0;
	}
	*vals = calloc((size_t)n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		if (m->props[i].dflt && !(m->props[i].flags & P_RO))
			(*vals)[i] = strdup(m->props[i].dflt);
	return 0;
}

static int
item_is_factory(const struct sch_menu *m, long long id)
{
	const struct sch_item *it = sch_factory_item(m, id);

	return it != NULL && !(it->flags & SCH_ITEM_ORDINARY);
}

/*
 * Factory items of an ordered menu (the policy template, the default
 * logging rules) stay at the head of the list: export addresses them by
 * position (`/ip ipsec policy set 0`), which must mean the same item
 * when the export is imported into a fresh store.
 */
static int
item_order_check(struct xctx *x, const struct sch_menu *m, long long moving,
    long long before, int line, int col)
{
	if (moving >= 0 && item_is_factory(m, moving))
		return eng_fail(x->e, line, col, "failure: can not move "
		    "default item");
	if (before >= 0 && item_is_factory(m, before))
		return eng_fail(x->e, line, col, "failure: can not place "
		    "before default item");
	return 0;
}

static int
add_position(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, long long *before)
{
	const struct ast_arg *pb = cmd_arg(c, SCH_PLACE_BEFORE);
	long long *ids = NULL;
	int n;

	*before = -1;
	if (pb == NULL || pb->value == NULL)
		return 0;
	if (sel_resolve(x, m, pb->value, &ids, &n) < 0)
		return -1;
	if (n != 1) {
		free(ids);
		return eng_fail(x->e, pb->line, pb->col, "no such item");
	}
	*before = ids[0];
	free(ids);
	return item_order_check(x, m, -1, *before, pb->line, pb->col);
}

/*
 * An export of a RouterOS router that has the default configuration adds
 * the defconf items (WAN and LAN lists, the WAN member) that a fresh
 * store already has.  Such an add, with exactly the values the item
 * already holds, takes that item over instead of failing, so the export
 * imports into a fresh store.  Any difference still fails as a duplicate.
 */
static int
add_adopt_defconf(struct xctx *x, const struct sch_menu *m, char **vals,
    long long *id)
{
	struct st_row r;
	int i, n = sch_prop_count(m), same;

	*id = -1;
	if (m->name_prop && sch_prop_find(m, m->name_prop, &i) && vals[i])
		*id = st_find_value(x->e, m, i, vals[i], -1);
	if (*id < 0 && m->unique_tuple)
		*id = st_tuple_find(x->e, m, vals);
	if (*id < 0 || !st_is_defconf(x->e, m, *id) ||
	    st_row_get(x->e, m, *id, &r) < 0)
		return 0;
	for (same = 1, i = 0; i < n && same; i++) {
		if (m->props[i].flags & P_RO)
			continue;
		same = (vals[i] == NULL) == (r.vals[i] == NULL) &&
		    (vals[i] == NULL || strcmp(vals[i], r.vals[i]) == 0);
	}
	st_row_fini(m, &r);
	return same;
}

/* Items with a creation time (address-list entries, whose timeout
 * counts from it) get the current time. */
static void
add_stamp(const struct sch_menu *m, char **vals)
{
	static long long last = -1;
	static char text[32];
	long long now = (long long)time(NULL);
	int i = sch_creation_time_index(m);

	if (i < 0 || vals[i] != NULL)
		return;
	if (now != last) {
		sch_datetime_format(now, text, sizeof(text));
		last = now;
	}
	vals[i] = strdup(text);
}

int
cmd_add(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    struct val *ret)
{
	char **vals = NULL;
	int n = sch_prop_count(m), rc = -1;
	long long before, id;

	if (!(m->flags & M_LIST) || (m->flags & (M_RUNTIME | M_READONLY)))
		return eng_fail_node(x->e, c, "failure: can not add to %s",
		    m->path);
	if (add_initial(x, m, c, &vals) < 0)
		return -1;
	if (apply_args(x, m, c, vals) < 0 ||
	    check_required(x, m, vals, c) < 0)
		goto out;
	add_stamp(m, vals);
	/* The unique tuple is enforced by the store's unique index: one
	 * lookup fewer per line of a large address-list import. */
	if (check_unique(x, m, vals, -1, c, 0) < 0)
		goto clash;
	if (add_position(x, m, c, &before) < 0)
		goto out;
	id = st_insert(x->e, m, vals, before, NULL, -1);
	if (id == ST_CLASH) {
		eng_fail_node(x->e, c, "failure: already have such entry");
		goto clash;
	}
	if (id < 0) {
		eng_fail_node(x->e, c, "failure: %s", st_errmsg(x->e));
		goto out;
	}
	*ret = val_id(id);
	rc = 0;
	goto out;
clash:
	/* Only a clash can be a defconf item to take over. */
	if (add_adopt_defconf(x, m, vals, &id)) {
		x->e->err.set = 0;
		*ret = val_id(id);
		rc = 0;
	}
out:
	vals_free(vals, n);
	return rc;
}

/* ------------------------------------------------------------------ */
/* set and friends                                                     */
/* ------------------------------------------------------------------ */

static int
set_targets(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, long long **ids, int *n)
{
	const struct ast_arg *a = cmd_arg(c, "numbers");

	if (m->flags & M_SINGLETON) {
		*ids = malloc(sizeof(long long));
		(*ids)[0] = 0;
		*n = 1;
		return 0;
	}
	if (a == NULL || a->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) numbers");
	return sel_resolve(x, m, a->value, ids, n);
}

/* Arguments naming properties to unset/reset (unset value-name=x,
 * reset x y). */
static int
set_named(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, char **vals, int mode)
{
	const struct sch_prop *p;
	char *name;
	int i, pi;

	for (i = 0; i < c->nargs; i++) {
		const struct ast_arg *a = &c->args[i];

		if (strcmp(a->name, "numbers") == 0)
			continue;
		if (strcmp(a->name, "value-name") == 0 && a->value) {
			if (eval_text(x, a->value, &name) < 0)
				return -1;
		} else {
			name = strdup(a->name);
		}
		p = sch_prop_find(m, name, &pi);
		if (p == NULL || (p->flags & P_RO)) {
			eng_fail(x->e, a->line, a->col, "input does not match "
			    "any value of value-name");
			free(name);
			return -1;
		}
		free(name);
		if (mode == SET_UNSET && (p->flags & (P_REQUIRED | P_NOUNSET)))
			return eng_fail(x->e, a->line, a->col, "failure: %s "
			    "can not be unset", p->name);
		free(vals[pi]);
		vals[pi] = mode == SET_RESET && p->dflt ? strdup(p->dflt) :
		    NULL;
	}
	return 0;
}

static int
set_flag(struct xctx *x, const struct sch_menu *m, char **vals,
    const char *prop, const char *value, const struct ast_node *c)
{
	int pi;

	if (sch_prop_find(m, prop, &pi) == NULL)
		return eng_fail_node(x->e, c, "failure: %s has no %s",
		    m->path, prop);
	free(vals[pi]);
	vals[pi] = strdup(value);
	return 0;
}

static int
set_comment(struct xctx *x, const struct sch_menu *m, char **vals,
    const struct ast_node *c)
{
	const struct ast_arg *a = cmd_arg(c, SCH_COMMENT);
	char *text;
	int rc;

	if (a == NULL || a->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) comment");
	if (eval_text(x, a->value, &text) < 0)
		return -1;
	rc = set_flag(x, m, vals, SCH_COMMENT, text, c);
	if (rc == 0 && text[0] == '\0') {
		/* comment 0 comment="" removes the comment */
		int pi;

		sch_prop_find(m, SCH_COMMENT, &pi);
		free(vals[pi]);
		vals[pi] = NULL;
	}
	free(text);
	return rc;
}

static int
set_modify(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, int mode, char **vals)
{
	switch (mode) {
	case SET_SET:
		return apply_args(x, m, c, vals);
	case SET_UNSET:
	case SET_RESET:
		return set_named(x, m, c, vals, mode);
	case SET_ENABLE:
		return set_flag(x, m, vals, SCH_DISABLED, "no", c);
	case SET_DISABLE:
		return set_flag(x, m, vals, SCH_DISABLED, "yes", c);
	default:
		return set_comment(x, m, vals, c);
	}
}

static int
vals_equal(char *const *a, char *const *b, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if ((a[i] == NULL) != (b[i] == NULL))
			return 0;
		if (a[i] && strcmp(a[i], b[i]) != 0)
			return 0;
	}
	return 1;
}

/* A rename of a named item carries into every reference to it. */
static int
set_rename(struct xctx *x, const struct sch_menu *m, char *const *old,
    char *const *new)
{
	int pi;

	if (m->name_prop == NULL || sch_prop_find(m, m->name_prop, &pi) ==
	    NULL || old[pi] == NULL || new[pi] == NULL ||
	    strcmp(old[pi], new[pi]) == 0)
		return 0;
	return ref_users(x, m, old[pi], new[pi]) < 0 ? -1 : 0;
}

static int
set_one(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    int mode, long long id)
{
	struct st_row r;
	char **vals;
	int n = sch_prop_count(m), rc = -1;

	if (st_row_get(x->e, m, id, &r) < 0)
		return eng_fail_node(x->e, c, "no such item");
	vals = vals_dup(r.vals, n);
	if (set_modify(x, m, c, mode, vals) < 0)
		goto out;
	if (vals_equal(vals, r.vals, n)) {
		rc = 0;
		goto out;
	}
	if (prop_is_yes(m, r.vals, SCH_DYNAMIC)) {
		eng_fail_node(x->e, c, "failure: can not change dynamic item");
		goto out;
	}
	if (check_required(x, m, vals, c) < 0 ||
	    check_unique(x, m, vals, id, c, 1) < 0 ||
	    set_rename(x, m, r.vals, vals) < 0 ||
	    st_update(x->e, m, id, vals) < 0)
		goto out;
	rc = 0;
out:
	vals_free(vals, n);
	st_row_fini(m, &r);
	return rc;
}

int
cmd_set(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    int mode)
{
	long long *ids = NULL;
	int n, i, rc = 0;

	if (m->flags & (M_RUNTIME | M_READONLY))
		return eng_fail_node(x->e, c, "failure: %s is read-only",
		    m->path);
	if (set_targets(x, m, c, &ids, &n) < 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = set_one(x, m, c, mode, ids[i]);
	free(ids);
	if (rc == 0 && sch_derive_is_source(m))
		rc = derive_refresh(x, m);
	return rc;
}

/* ------------------------------------------------------------------ */
/* remove, move                                                        */
/* ------------------------------------------------------------------ */

static int
remove_one(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, long long id)
{
	struct st_row r;
	int pi, rc = 0;

	if (st_row_get(x->e, m, id, &r) < 0)
		return eng_fail_node(x->e, c, "no such item");
	if (prop_is_yes(m, r.vals, SCH_DEFAULT) ||
	    prop_is_yes(m, r.vals, SCH_BUILTIN) ||
	    (sch_factory_item(m, id) && !(m->flags & M_KERNEL_LINKS) &&
	    !(sch_factory_item(m, id)->flags & SCH_ITEM_ORDINARY)))
		rc = eng_fail_node(x->e, c, "failure: can not remove default "
		    "item");
	else if (prop_is_yes(m, r.vals, SCH_DYNAMIC) &&
	    !(m->flags & M_RUNTIME))
		rc = eng_fail_node(x->e, c, "failure: can not remove dynamic "
		    "item");
	else if (m->name_prop && sch_prop_find(m, m->name_prop, &pi) &&
	    r.vals[pi] && ref_users(x, m, r.vals[pi], NULL) != 0)
		rc = eng_fail_node(x->e, c, "failure: %s is in use",
		    r.vals[pi]);
	else if (st_delete(x->e, m, id) < 0)
		rc = eng_fail_node(x->e, c, "failure: %s", st_errmsg(x->e));
	st_row_fini(m, &r);
	return rc;
}

int
cmd_remove(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c)
{
	const struct ast_arg *a = cmd_arg(c, "numbers");
	long long *ids = NULL;
	int n, i, rc = 0;

	if (a == NULL || a->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) numbers");
	if (sel_resolve(x, m, a->value, &ids, &n) < 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = remove_one(x, m, c, ids[i]);
	free(ids);
	return rc;
}

int
cmd_move(struct xctx *x, const struct sch_menu *m, const struct ast_node *c)
{
	const struct ast_arg *a = cmd_arg(c, "numbers");
	const struct ast_arg *d = cmd_arg(c, "destination");
	long long *ids = NULL, *dst = NULL, before = -1;
	int n, nd, i, rc = 0;

	if (!(m->flags & M_ORDERED))
		return eng_fail_node(x->e, c, "failure: %s is not ordered",
		    m->path);
	if (a == NULL || a->value == NULL)
		return eng_fail_node(x->e, c, "missing value(s) of "
		    "argument(s) numbers");
	if (sel_resolve(x, m, a->value, &ids, &n) < 0)
		return -1;
	if (d && d->value) {
		if (sel_resolve(x, m, d->value, &dst, &nd) < 0 || nd != 1) {
			free(ids);
			free(dst);
			return eng_fail(x->e, d->line, d->col, "no such item");
		}
		before = dst[0];
		free(dst);
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (ids[i] == before)
			continue;
		rc = item_order_check(x, m, ids[i], before, c->line, c->col);
		if (rc == 0)
			rc = st_move(x->e, m, ids[i], before);
	}
	free(ids);
	return rc;
}
