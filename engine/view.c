/*
 * view.c - the read side of menus: print, find, get and export.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"

struct rowset {
	struct st_row *rows;
	int n;
};

static void
rowset_fini(const struct sch_menu *m, struct rowset *rs)
{
	st_rows_free(m, rs->rows, rs->n);
	rs->rows = NULL;
	rs->n = 0;
}

/* Bring menus that mirror the host up to date before reading them. */
static void
view_refresh(struct eng *e, const struct sch_menu *m)
{
	if (m->flags & M_KERNEL_LINKS)
		links_refresh(e);
	if (m->flags & M_FILES)
		files_refresh(e);
}

/* Rows of m matching the command's where-expression, in list order. */
static int
view_select(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, struct rowset *rs)
{
	const struct ast_arg *wa = cmd_arg(c, "where");
	struct where *w;
	const char *sql, *param;
	int i, k, match, rc = 0;

	view_refresh(x->e, m);
	w = where_compile(x, m, wa ? wa->value : NULL);
	sql = where_sql(w, &param);
	rs->n = st_rows(x->e, m, sql, param, &rs->rows);
	if (rs->n < 0) {
		rs->n = 0;
		where_free(w);
		return -1;
	}
	for (i = k = 0; i < rs->n; i++) {
		match = 1;
		if (rc == 0 && sql == NULL)
			rc = where_match(x, w, &rs->rows[i], &match);
		if (rc == 0 && match)
			rs->rows[k++] = rs->rows[i];
		else
			st_row_fini(m, &rs->rows[i]);
	}
	rs->n = k;
	where_free(w);
	return rc;
}

int
cmd_find(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    struct val *ret)
{
	struct rowset rs = { 0 };
	int i;

	if (view_select(x, m, c, &rs) < 0) {
		rowset_fini(m, &rs);
		return -1;
	}
	*ret = val_array();
	for (i = 0; i < rs.n; i++)
		varr_push(ret, NULL, val_id(rs.rows[i].id));
	rowset_fini(m, &rs);
	return 0;
}

/* A property's value as get and print as-value return it: typed like
 * RouterOS returns it (bool, num, time, ip), else the text. */
static struct val
view_prop_val(const struct sch_prop *p, const char *text)
{
	long long ns;
	struct val v;

	if (text == NULL)
		return val_nothing();
	switch (p->type) {
	case ST_BOOL:
		return val_bool(strcmp(text, "yes") == 0);
	case ST_TIME:
		if (sch_time_parse(text, &ns) == 0)
			return val_time(ns);
		break;
	case ST_INT:
	case ST_IP:
		v = val_from_word(text, strlen(text));
		if (v.t == (p->type == ST_INT ? VT_NUM : VT_IP))
			return v;
		val_free(&v);
		break;
	default:
		break;
	}
	return val_cstr(text);
}

static struct val
view_row_array(const struct sch_menu *m, const struct st_row *r, int show_id)
{
	struct val a = val_array();
	int i;

	if (show_id)
		varr_push(&a, ".id", val_id(r->id));
	for (i = 0; m->props[i].name; i++)
		if (r->vals[i] && !(m->props[i].flags & P_SENSITIVE))
			varr_push(&a, m->props[i].name,
			    view_prop_val(&m->props[i], r->vals[i]));
	return a;
}

static long long view_count(void *ctx, const char *path, const char *prop,
    const char *value);

int
cmd_get(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    struct val *ret)
{
	const struct ast_arg *na = cmd_arg(c, "number");
	const struct ast_arg *va = cmd_arg(c, "value-name");
	const struct sch_prop *p;
	long long *ids = NULL, id = 0;
	struct st_row r;
	char *name = NULL;
	int n = 1, pi;

	if (m->flags & M_SINGLETON) {
		/* `get name`: the one positional is the property. */
		if (va == NULL)
			va = na;
	} else {
		if (na == NULL || na->value == NULL)
			return eng_fail_node(x->e, c, "missing value(s) of "
			    "argument(s) number");
		if (sel_resolve(x, m, na->value, &ids, &n) < 0)
			return -1;
		if (n != 1) {
			free(ids);
			return eng_fail_node(x->e, c,
			    "invalid internal item number");
		}
		id = ids[0];
		free(ids);
	}
	view_refresh(x->e, m);
	if (st_row_get(x->e, m, id, &r) < 0)
		return eng_fail_node(x->e, c, "no such item");
	/* Computed values (pool total, address network) as print shows
	 * them. */
	sch_compute_row(m, r.vals, view_count, x->e);
	if (va == NULL || va->value == NULL) {
		*ret = view_row_array(m, &r, 1);
		st_row_fini(m, &r);
		return 0;
	}
	if (eval_text(x, va->value, &name) < 0) {
		st_row_fini(m, &r);
		return -1;
	}
	p = sch_prop_find(m, name, &pi);
	if (p == NULL) {
		st_row_fini(m, &r);
		free(name);
		return eng_fail(x->e, va->line, va->col, "input does not match "
		    "any value of value-name");
	}
	/* A hashed password is not the password: get yields nothing;
	 * secrets need the sensitive policy. */
	*ret = (p->flags & P_HASHED) || ((p->flags & P_SENSITIVE) &&
	    !auth_may(x->e, SCH_POL_SENSITIVE)) ? val_nothing() :
	    view_prop_val(p, r.vals[pi]);
	st_row_fini(m, &r);
	free(name);
	return 0;
}

/* ------------------------------------------------------------------ */
/* print                                                               */
/* ------------------------------------------------------------------ */

struct print_args {
	int detail, brief, terse, count, as_value, show_ids, sensitive;
	int stats;
	char **proplist;
};

static int
print_parse(struct xctx *x, const struct ast_node *c, struct print_args *pa)
{
	const struct ast_arg *pl;
	char *text, *tok, *save;
	int n = 0;

	memset(pa, 0, sizeof(*pa));
	if (cmd_flag(x, c, "detail", &pa->detail) < 0 ||
	    cmd_flag(x, c, "brief", &pa->brief) < 0 ||
	    cmd_flag(x, c, "terse", &pa->terse) < 0 ||
	    cmd_flag(x, c, "count-only", &pa->count) < 0 ||
	    cmd_flag(x, c, "as-value", &pa->as_value) < 0 ||
	    cmd_flag(x, c, "show-ids", &pa->show_ids) < 0 ||
	    cmd_flag(x, c, "show-sensitive", &pa->sensitive) < 0 ||
	    cmd_flag(x, c, "stats", &pa->stats) < 0)
		return -1;
	pl = cmd_arg(c, "proplist");
	if (pl && pl->value) {
		if (eval_text(x, pl->value, &text) < 0)
			return -1;
		pa->proplist = calloc(strlen(text) + 2, sizeof(char *));
		for (tok = strtok_r(text, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save))
			pa->proplist[n++] = strdup(tok);
		free(text);
	}
	return 0;
}

static void
print_args_fini(struct print_args *pa)
{
	int i;

	for (i = 0; pa->proplist && pa->proplist[i]; i++)
		free(pa->proplist[i]);
	free(pa->proplist);
}

/* Fast path: count-only with an index-backed condition or none. */
static int
print_count_fast(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, int *done)
{
	const struct ast_arg *wa = cmd_arg(c, "where");
	struct where *w;
	const char *sql, *param;
	long long n;

	*done = 0;
	w = where_compile(x, m, wa ? wa->value : NULL);
	sql = where_sql(w, &param);
	if (wa == NULL || sql != NULL) {
		view_refresh(x->e, m);
		n = st_count(x->e, m, sql, param);
		if (n >= 0) {
			eng_printf(x->e, "%lld\n", n);
			*done = 1;
		}
	}
	where_free(w);
	return 0;
}

static long long
view_count(void *ctx, const char *path, const char *prop, const char *value)
{
	struct eng *e = ctx;
	const struct sch_menu *m = sch_menu_find(path);
	char cond[160];

	if (m == NULL || sch_prop_find(m, prop, NULL) == NULL)
		return -1;
	snprintf(cond, sizeof(cond), "\"%s\"=?", prop);
	return st_count(e, m, cond, value);
}

static void
print_number_rows(struct eng *e, const struct sch_menu *m,
    const struct rowset *rs, struct fmt_row *fr)
{
	struct menu_rt *rt = st_rt(e, m);
	int i, k = 0;

	sel_item_numbers(e, m);
	for (i = 0; i < rs->n; i++) {
		while (k < rt->nnumbers && rt->numbers[k] != rs->rows[i].id)
			k++;
		sch_compute_row(m, rs->rows[i].vals, view_count, e);
		fr[i].id = rs->rows[i].id;
		fr[i].vals = rs->rows[i].vals;
		fr[i].number = k < rt->nnumbers ? k : -1;
	}
}

static int
print_rows(struct xctx *x, const struct sch_menu *m, struct rowset *rs,
    const struct print_args *pa)
{
	struct fmt_print_opts o = { 0 };
	struct fmt_row *fr;
	struct sbuf out;
	char today[16];

	fr = calloc((size_t)rs->n + 1, sizeof(*fr));
	print_number_rows(x->e, m, rs, fr);
	o.detail = pa->detail;
	o.brief = pa->brief;
	o.terse = pa->terse;
	o.show_ids = pa->show_ids;
	/* Without the sensitive policy secrets stay hidden, silently. */
	o.show_sensitive = pa->sensitive && auth_may(x->e, SCH_POL_SENSITIVE);
	o.stats = pa->stats;
	o.width = x->e->o.width;
	o.proplist = (const char *const *)pa->proplist;
	{
		time_t now = time(NULL);
		struct tm tmv;

		localtime_r(&now, &tmv);
		strftime(today, sizeof(today), "%Y-%m-%d", &tmv);
		o.today = today;
	}
	sb_init(&out);
	fmt_print(&out, m, fr, rs->n, &o);
	eng_out(x->e, sb_str(&out), out.len);
	sb_fini(&out);
	free(fr);
	return 0;
}

int
cmd_print(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    struct val *ret)
{
	struct print_args pa;
	struct rowset rs = { 0 };
	int i, done, rc = 0;

	if (print_parse(x, c, &pa) < 0)
		return -1;
	/* [print count-only] yields the count instead of printing it
	 * (`:local n [/ppp active print count-only]`). */
	if (pa.count && x->e->in_subst)
		pa.as_value = 1;
	if (pa.count && !pa.as_value) {
		print_count_fast(x, m, c, &done);
		if (done) {
			print_args_fini(&pa);
			return 0;
		}
	}
	if (view_select(x, m, c, &rs) < 0) {
		rc = -1;
	} else if (pa.count) {
		if (pa.as_value)
			*ret = val_num(rs.n);
		else
			eng_printf(x->e, "%d\n", rs.n);
	} else if (pa.as_value) {
		*ret = val_array();
		for (i = 0; i < rs.n; i++) {
			sch_compute_row(m, rs.rows[i].vals, view_count, x->e);
			varr_push(ret, NULL, view_row_array(m, &rs.rows[i], 1));
		}
	} else {
		rc = print_rows(x, m, &rs, &pa);
	}
	rowset_fini(m, &rs);
	print_args_fini(&pa);
	return rc;
}

/* ------------------------------------------------------------------ */
/* export                                                              */
/* ------------------------------------------------------------------ */

static int
export_in_scope(const char *scope, const struct sch_menu *m)
{
	size_t n = strlen(scope);

	if (strcmp(scope, "/") == 0)
		return 1;
	return strncmp(m->path, scope, n) == 0 &&
	    (m->path[n] == '\0' || m->path[n] == '/');
}

static int
export_menu(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *where, const struct fmt_export_opts *o,
    struct sbuf *out)
{
	struct rowset rs = { 0 };
	struct fmt_row *fr;
	struct where *w = where_compile(x, m, where);
	int i, k, match, rc;

	rs.n = st_rows(x->e, m, NULL, NULL, &rs.rows);
	rc = rs.n < 0 ? -1 : 0;
	fr = calloc((size_t)(rs.n > 0 ? rs.n : 0) + 1, sizeof(*fr));
	for (i = k = 0; rc == 0 && i < rs.n; i++) {
		if (rs.rows[i].owner != NULL)
			continue;
		{
			int di;

			if (sch_prop_find(m, SCH_DYNAMIC, &di) &&
			    rs.rows[i].vals[di] &&
			    strcmp(rs.rows[i].vals[di], "yes") == 0)
				continue;
		}
		match = 1;
		rc = where_match(x, w, &rs.rows[i], &match);
		if (!match)
			continue;
		fr[k].id = rs.rows[i].id;
		fr[k].vals = rs.rows[i].vals;
		fr[k].number = k;
		k++;
	}
	if (rc == 0)
		fmt_export_menu(out, m, fr, k, o);
	free(fr);
	if (rs.n > 0)
		rowset_fini(m, &rs);
	where_free(w);
	return rc;
}

static int
export_write_file(struct xctx *x, const char *name, const struct sbuf *text,
    const struct ast_node *c)
{
	char path[4096];
	FILE *f;
	size_t i, nl = strlen(name);

	if (nl == 0 || strchr(name, '/') || strcmp(name, "..") == 0)
		return eng_fail_node(x->e, c, "invalid value for argument "
		    "file");
	if (x->e->dry)
		return 0;
	/* A file is outside the transaction: write it only for a script
	 * known to parse. */
	if (eng_precheck_settle(x->e, 1) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s%s", x->e->files_dir, name,
	    nl > 4 && strcmp(name + nl - 4, ".rsc") == 0 ? "" : ".rsc");
	f = fopen(path, "wb");
	if (f == NULL)
		return eng_fail_node(x->e, c, "failure: cannot write %s: %s",
		    path, strerror(errno));
	/* Files RouterOS writes end their lines in CRLF. */
	for (i = 0; i < text->len; i++) {
		if (text->s[i] == '\n')
			fputc('\r', f);
		fputc(text->s[i], f);
	}
	fclose(f);
	return 0;
}

int
cmd_export(struct xctx *x, const char *path, const struct ast_node *c)
{
	struct fmt_export_opts o = { 0 };
	const struct ast_arg *wa = cmd_arg(c, "where");
	const struct ast_arg *fa = cmd_arg(c, "file");
	struct sbuf out;
	char *fname = NULL;
	int i, rc = 0;

	if (cmd_flag(x, c, "verbose", &o.verbose) < 0 ||
	    cmd_flag(x, c, "terse", &o.terse) < 0 ||
	    cmd_flag(x, c, "show-sensitive", &o.show_sensitive) < 0)
		return -1;
	if (!auth_may(x->e, SCH_POL_SENSITIVE))
		o.show_sensitive = 0;
	if (fa && fa->value && eval_text(x, fa->value, &fname) < 0)
		return -1;
	sb_init(&out);
	fmt_export_header(&out, (long long)time(NULL));
	for (i = 0; sch_menus[i] && rc == 0; i++) {
		const struct sch_menu *m = sch_menus[i];

		if (!export_in_scope(path, m) ||
		    (m->flags & (M_NOT_EXPORTED | M_RUNTIME | M_ACTION_ONLY)))
			continue;
		rc = export_menu(x, m, wa && strcmp(m->path, path) == 0 ?
		    wa->value : NULL, &o, &out);
	}
	if (rc == 0 && fname)
		rc = export_write_file(x, fname, &out, c);
	else if (rc == 0)
		eng_out(x->e, sb_str(&out), out.len);
	free(fname);
	sb_fini(&out);
	return rc;
}
