/*
 * check_schema.c - the menu declarations are complete, consistent with
 * each other, and agree with the RouterOS 7.21.5 command tree.
 *
 * The tree side comes from tests/schema/ref_args.txt, which
 * schema/gen_refcheck.py extracts from the reference JSON.  The file is
 * read from $ROSH_REF_ARGS, else relative to the repository root, where
 * the test runs.
 *
 * Each check collects every problem of a menu before failing, so one run
 * lists all of them.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

/* ------------------------------------------------------------------ */
/* Problem collection                                                  */
/* ------------------------------------------------------------------ */

static char probs[16384];
static size_t nprob_len;
static int nprob;

static void
prob(const char *fmt, ...)
{
	va_list ap;
	int n;

	nprob++;
	if (nprob_len + 2 >= sizeof(probs))
		return;
	va_start(ap, fmt);
	n = vsnprintf(probs + nprob_len, sizeof(probs) - nprob_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		nprob_len += (size_t)n;
	if (nprob_len + 2 < sizeof(probs)) {
		probs[nprob_len++] = '\n';
		probs[nprob_len] = '\0';
	} else {
		nprob_len = sizeof(probs) - 1;
	}
}

static void
prob_reset(void)
{
	probs[0] = '\0';
	nprob_len = 0;
	nprob = 0;
}

#define PROB_CHECK() \
	ck_assert_msg(nprob == 0, "%d problem(s):\n%s", nprob, probs)

static int
nmenus(void)
{
	int n = 0;

	while (sch_menus[n] != NULL)
		n++;
	return n;
}

static int
in_list(const char *const *l, const char *s)
{
	for (; l != NULL && *l != NULL; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

static int
list_len(const char *const *l)
{
	int n = 0;

	while (l != NULL && l[n] != NULL)
		n++;
	return n;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/*
 * Is v the canonical text of a value of p: what sch_value_check() would
 * store for it?  Factory data is written to the store as it stands, so
 * it must already be in that form.
 */
static int
value_ok(const struct sch_prop *p, const char *v)
{
	char out[1024];

	return sch_value_check(p, v, out, sizeof(out)) == SCH_OK &&
	    strcmp(out, v) == 0;
}

/* Names a fresh store has in menu `path`: its factory items' names. */
static int
factory_name(const char *path, const char *name)
{
	const struct sch_menu *m = sch_menu_find(path);
	const struct sch_item *it;
	const char *const *kv;

	if (m == NULL || m->name_prop == NULL)
		return 0;
	for (it = m->items; it != NULL && it->kv != NULL; it++)
		for (kv = it->kv; kv[0] != NULL; kv += 2)
			if (strcmp(kv[0], m->name_prop) == 0 &&
			    strcmp(kv[1], name) == 0)
				return 1;
	return 0;
}

/* A reference in factory data must resolve on a fresh store. */
static void
check_ref_value(const struct sch_menu *m, const struct sch_prop *p,
    const char *v, const char *what)
{
	if (p->type != ST_REF || p->ref == NULL || in_list(p->words, v))
		return;
	if (!factory_name(p->ref, v))
		prob("%s %s: %s=%s names no factory item of %s", m->path,
		    what, p->name, v, p->ref);
}

/* ------------------------------------------------------------------ */
/* 1. Every menu and property is fully declared                         */
/* ------------------------------------------------------------------ */

static int
is_enum(enum sch_type t)
{
	return t == ST_ENUM || t == ST_ENUM_LIST;
}

static int
is_ref(enum sch_type t)
{
	return t == ST_REF || t == ST_REF_LIST || t == ST_IP_OR_REF;
}

static void
check_prop_decl(const struct sch_menu *m, const struct sch_prop *p)
{
	unsigned f = p->flags;

	if (p->name == NULL || *p->name == '\0') {
		prob("%s: property without a name", m->path);
		return;
	}
	if ((unsigned)p->type >= ST__COUNT)
		prob("%s %s: bad type %d", m->path, p->name, (int)p->type);
	if (p->help == NULL || *p->help == '\0')
		prob("%s %s: no help", m->path, p->name);
	if (p->dflt == NULL &&
	    !(f & (P_REQUIRED | P_RO | P_UNSET | P_SET_ONLY)))
		prob("%s %s: neither default, P_REQUIRED, P_RO nor P_UNSET",
		    m->path, p->name);
	if (p->dflt != NULL && (f & (P_UNSET | P_REQUIRED | P_RO)))
		prob("%s %s: default contradicts P_UNSET/P_REQUIRED/P_RO",
		    m->path, p->name);
	if ((f & P_RO) && (f & P_REQUIRED))
		prob("%s %s: P_RO and P_REQUIRED", m->path, p->name);
	if (is_enum(p->type) != (list_len(p->values) > 0))
		prob("%s %s: values must be given exactly for enum types",
		    m->path, p->name);
	if (is_ref(p->type) && p->ref == NULL && p->type != ST_REF)
		prob("%s %s: reference type without ref", m->path, p->name);
	if (p->ref != NULL && (!is_ref(p->type) || !sch_menu_find(p->ref)))
		prob("%s %s: ref %s is not an implemented menu", m->path,
		    p->name, p->ref);
	if ((f & P_FLAG) && p->type != ST_BOOL)
		prob("%s %s: P_FLAG on a non-boolean", m->path, p->name);
	if (p->min > p->max)
		prob("%s %s: min > max", m->path, p->name);
	if (p->dflt != NULL && !value_ok(p, p->dflt))
		prob("%s %s: default \"%s\" is not a valid value", m->path,
		    p->name, p->dflt);
	if (p->dflt != NULL)
		check_ref_value(m, p, p->dflt, "default");
}

static void
check_props(const struct sch_menu *m)
{
	const struct sch_prop *p, *q;
	int i, k, idx;

	if (m->props == NULL) {
		prob("%s: props is NULL", m->path);
		return;
	}
	for (i = 0; m->props[i].name != NULL; i++) {
		p = &m->props[i];
		check_prop_decl(m, p);
		for (k = 0; k < i; k++)
			if (strcmp(m->props[k].name, p->name) == 0)
				prob("%s %s: declared twice", m->path, p->name);
		q = sch_prop_find(m, p->name, &idx);
		if (q != p || idx != i)
			prob("%s %s: sch_prop_find gives another entry",
			    m->path, p->name);
		if ((m->flags & M_RUNTIME) && !(p->flags & P_RO))
			prob("%s %s: runtime menu with a settable property",
			    m->path, p->name);
	}
	if (sch_prop_count(m) != i)
		prob("%s: sch_prop_count %d, declared %d", m->path,
		    sch_prop_count(m), i);
}

static void
check_flagdefs(const struct sch_menu *m)
{
	const struct sch_flag *f;
	const struct sch_prop *p;
	int last = -1, k;

	for (f = m->flagdefs; f != NULL && f->letter != '\0'; f++) {
		p = sch_prop_find(m, f->prop ? f->prop : "", NULL);
		if (p == NULL || p->type != ST_BOOL)
			prob("%s flag %c: %s is not a boolean property",
			    m->path, f->letter, f->prop ? f->prop : "(null)");
		if (f->name == NULL || *f->name == '\0')
			prob("%s flag %c: no legend word", m->path, f->letter);
		/* The legend is read in slot order. */
		if (f->slot < last)
			prob("%s flag %c: slot goes backwards", m->path,
			    f->letter);
		last = f->slot;
		for (k = 0; &m->flagdefs[k] != f; k++)
			if (m->flagdefs[k].letter == f->letter)
				prob("%s flag %c: letter used twice", m->path,
				    f->letter);
	}
}

static void
check_names(const struct sch_menu *m, const char *const *l,
    const char *what, int allow_flag)
{
	const struct sch_prop *p;

	for (; l != NULL && *l != NULL; l++) {
		p = sch_prop_find(m, *l, NULL);
		if (p == NULL)
			prob("%s: %s names unknown property %s", m->path, what,
			    *l);
		else if (!allow_flag && (p->flags & P_FLAG))
			prob("%s: %s names flag property %s", m->path, what,
			    *l);
	}
}

static void
check_items(const struct sch_menu *m)
{
	const struct sch_item *it, *o;
	const struct sch_prop *p;
	const char *const *kv;
	int n = 0;

	for (it = m->items; it != NULL && it->kv != NULL; it++, n++) {
		for (o = m->items; o != it; o++)
			if (o->id == it->id)
				prob("%s: factory id %lld used twice", m->path,
				    it->id);
		for (kv = it->kv; kv[0] != NULL; kv += 2) {
			p = sch_prop_find(m, kv[0], NULL);
			if (p == NULL) {
				prob("%s item %lld: unknown property %s",
				    m->path, it->id, kv[0]);
				continue;
			}
			/* NULL: the factory item leaves it unset. */
			if (kv[1] == NULL && !(p->flags & P_REQUIRED))
				continue;
			if (kv[1] == NULL || !value_ok(p, kv[1]))
				prob("%s item %lld: %s=%s is not valid",
				    m->path, it->id, kv[0],
				    kv[1] ? kv[1] : "(null)");
			else
				check_ref_value(m, p, kv[1], "item");
		}
	}
	if ((m->flags & M_SINGLETON) && !(m->flags & M_RUNTIME) &&
	    (n != 1 || m->items[0].id != 0))
		prob("%s: a settings menu needs exactly one item, id 0",
		    m->path);
}

static void
check_menu_decl(const struct sch_menu *m)
{
	char table[128];
	size_t i;
	unsigned kind = m->flags & (M_LIST | M_SINGLETON | M_ACTION_ONLY);

	if (m->path == NULL || m->path[0] != '/') {
		prob("menu without a path");
		return;
	}
	for (i = 0; m->path[i + 1] != '\0' && i + 1 < sizeof(table); i++)
		table[i] = strchr("/-", m->path[i + 1]) ? '_' : m->path[i + 1];
	table[i] = '\0';
	if (m->table == NULL || strcmp(m->table, table) != 0)
		prob("%s: table should be %s", m->path, table);
	if (m->help == NULL || *m->help == '\0')
		prob("%s: no help", m->path);
	if (kind != M_LIST && kind != M_SINGLETON && kind != M_ACTION_ONLY)
		prob("%s: exactly one of M_LIST, M_SINGLETON, M_ACTION_ONLY",
		    m->path);
	if (list_len(m->commands) == 0)
		prob("%s: no commands", m->path);
	if (((m->flags & M_ORDERED) != 0) != in_list(m->commands, "move"))
		prob("%s: M_ORDERED must go with the move command", m->path);
	if ((m->flags & (M_RUNTIME | M_FILES | M_ACTION_ONLY)) &&
	    !(m->flags & M_NOT_EXPORTED))
		prob("%s: runtime/file/action menus are not exported", m->path);
	if ((m->flags & M_RUNTIME) && !(m->flags & M_READONLY))
		prob("%s: runtime menus are read-only", m->path);
	if (m->name_prop != NULL && sch_prop_find(m, m->name_prop, NULL) ==
	    NULL)
		prob("%s: name_prop %s unknown", m->path, m->name_prop);
	check_names(m, m->columns, "columns", 0);
	check_names(m, m->unique_tuple, "unique_tuple", 0);
	if ((m->items != NULL && m->items[0].kv != NULL &&
	    !(m->flags & M_SINGLETON)) != (m->export_default_sel != NULL) &&
	    !(m->flags & M_KERNEL_LINKS))
		prob("%s: export_default_sel goes with factory items",
		    m->path);
}

START_TEST(test_menu_walk)
{
	const struct sch_menu *m = sch_menus[_i];

	prob_reset();
	check_menu_decl(m);
	check_props(m);
	check_flagdefs(m);
	check_items(m);
	PROB_CHECK();
}
END_TEST

/* Sections come in rank order; what export skips comes last. */
START_TEST(test_menu_order)
{
	int i, k, skipped = 0;

	prob_reset();
	for (i = 0; sch_menus[i] != NULL; i++) {
		if (i > 0 && sch_menus[i]->export_rank <=
		    sch_menus[i - 1]->export_rank)
			prob("%s: export_rank not above its predecessor's",
			    sch_menus[i]->path);
		if (sch_menus[i]->flags & M_NOT_EXPORTED)
			skipped = 1;
		else if (skipped)
			prob("%s: exported after a skipped menu",
			    sch_menus[i]->path);
		for (k = 0; k < i; k++)
			if (strcmp(sch_menus[k]->path, sch_menus[i]->path) == 0)
				prob("%s: listed twice", sch_menus[i]->path);
	}
	PROB_CHECK();
}
END_TEST

/* A reference must point at a section exported earlier (or the same). */
START_TEST(test_menu_refs_exported_first)
{
	const struct sch_menu *m = sch_menus[_i], *r;
	const struct sch_prop *p;

	prob_reset();
	if (m->flags & M_NOT_EXPORTED)
		return;
	for (p = m->props; p->name != NULL; p++) {
		if (p->ref == NULL || (p->flags & P_RO))
			continue;
		r = sch_menu_find(p->ref);
		if (r != NULL && r->export_rank > m->export_rank)
			prob("%s %s: refers to %s, exported later", m->path,
			    p->name, p->ref);
	}
	PROB_CHECK();
}
END_TEST

/* ------------------------------------------------------------------ */
/* 2. Agreement with the command tree (ref_args.txt)                    */
/* ------------------------------------------------------------------ */

struct ref_arg {
	char *name;
	int neg;
	char **vals;		/* NULL-terminated */
};

struct ref_menu {
	char *path;
	char **cmds;		/* NULL-terminated */
	char *argsof;
	struct ref_arg *args;
	int nargs;
	char **props;		/* NULL-terminated, may be NULL */
};

static struct ref_menu *refs;
static int nrefs;

/* Words of a line after the first `skip`, as a NULL-terminated array. */
static char **
split_words(char *line, int skip)
{
	char **v = calloc(strlen(line) + 2, sizeof(char *));
	char *tok, *save;
	int n = 0, k = 0;

	ck_assert_ptr_nonnull(v);
	for (tok = strtok_r(line, " \t\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\n", &save))
		if (k++ >= skip)
			v[n++] = strdup(tok);
	v[n] = NULL;
	return v;
}

static void
free_words(char **v)
{
	int i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* "arg <name> neg|- <value>..." */
static void
ref_add_arg(struct ref_menu *r, char *line)
{
	char *copy = strdup(line);
	char **w, **vals;

	ck_assert_ptr_nonnull(copy);
	w = split_words(line, 1);
	vals = split_words(copy, 3);
	free(copy);
	ck_assert_msg(w[0] != NULL && w[1] != NULL, "bad arg line");
	r->args = realloc(r->args, (size_t)(r->nargs + 1) * sizeof(*r->args));
	ck_assert_ptr_nonnull(r->args);
	r->args[r->nargs].name = strdup(w[0]);
	r->args[r->nargs].neg = strcmp(w[1], "neg") == 0;
	r->args[r->nargs].vals = vals;
	r->nargs++;
	free_words(w);
}

static void
ref_line(char *line)
{
	struct ref_menu *r = nrefs > 0 ? &refs[nrefs - 1] : NULL;
	char **w;

	if (strncmp(line, "menu ", 5) == 0) {
		refs = realloc(refs, (size_t)(nrefs + 1) * sizeof(*refs));
		ck_assert_ptr_nonnull(refs);
		r = &refs[nrefs++];
		memset(r, 0, sizeof(*r));
		w = split_words(line, 1);
		r->path = w[0];
		free(w);
		return;
	}
	ck_assert_msg(r != NULL, "ref_args.txt: line before any menu");
	if (strncmp(line, "cmds ", 5) == 0) {
		r->cmds = split_words(line, 1);
	} else if (strncmp(line, "argsof ", 7) == 0) {
		w = split_words(line, 1);
		r->argsof = w[0];
		free(w);
	} else if (strncmp(line, "arg ", 4) == 0) {
		ref_add_arg(r, line);
	} else if (strncmp(line, "prop ", 5) == 0) {
		r->props = split_words(line, 1);
	}
}

static void
ref_load(void)
{
	const char *path = getenv("ROSH_REF_ARGS");
	char line[8192];
	FILE *f;

	if (path == NULL)
		path = "tests/schema/ref_args.txt";
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s (run from the repository "
	    "root or set ROSH_REF_ARGS)", path);
	while (fgets(line, sizeof(line), f) != NULL)
		if (line[0] != '#' && line[0] != '\n')
			ref_line(line);
	fclose(f);
}

static void
ref_unload(void)
{
	int i, k;

	for (i = 0; i < nrefs; i++) {
		free(refs[i].path);
		free(refs[i].argsof);
		free_words(refs[i].cmds);
		free_words(refs[i].props);
		for (k = 0; k < refs[i].nargs; k++) {
			free(refs[i].args[k].name);
			free_words(refs[i].args[k].vals);
		}
		free(refs[i].args);
	}
	free(refs);
	refs = NULL;
	nrefs = 0;
}

static const struct ref_menu *
ref_menu(const char *path)
{
	int i;

	for (i = 0; i < nrefs; i++)
		if (strcmp(refs[i].path, path) == 0)
			return &refs[i];
	return NULL;
}

static const struct ref_arg *
ref_arg(const struct ref_menu *r, const char *name)
{
	int i;

	for (i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].name, name) == 0)
			return &r->args[i];
	return NULL;
}

/* Arguments every add/set has that are not properties of the item. */
static int
generic_arg(const char *name)
{
	return strcmp(name, SCH_COPY_FROM) == 0 ||
	    strcmp(name, SCH_PLACE_BEFORE) == 0 ||
	    strcmp(name, "numbers") == 0;
}

static void
check_cmds(const struct sch_menu *m, const struct ref_menu *r)
{
	const char *const *c;

	for (c = m->commands; c != NULL && *c != NULL; c++)
		if (!in_list((const char *const *)r->cmds, *c))
			prob("%s: command %s is not in the tree", m->path, *c);
	for (c = (const char *const *)r->cmds; c != NULL && *c; c++)
		if (!in_list(m->commands, *c))
			prob("%s: tree command %s not declared", m->path, *c);
}

/*
 * A compound value ("in,ipsec") is completed by its first part only;
 * compare first parts then.
 */
static int
value_in_ref(const char *v, const struct ref_arg *a)
{
	size_t n = strcspn(v, ",");

	for (char **x = a->vals; *x != NULL; x++)
		if (strlen(*x) == n && strncmp(*x, v, n) == 0)
			return 1;
	return 0;
}

static int
ref_in_values(const char *x, const char *const *vals)
{
	size_t n = strlen(x);

	for (; vals != NULL && *vals != NULL; vals++)
		if (strncmp(*vals, x, n) == 0 &&
		    ((*vals)[n] == '\0' || (*vals)[n] == ','))
			return 1;
	return 0;
}

static void
check_arg_values(const struct sch_menu *m, const struct sch_prop *p,
    const struct ref_arg *a)
{
	const char *const *v;
	char **x;
	int nvals = list_len((const char *const *)a->vals);

	if (((p->flags & P_NEGATE) != 0) != a->neg)
		prob("%s %s: P_NEGATE %s but the tree %s a leading !",
		    m->path, p->name, (p->flags & P_NEGATE) ? "set" : "unset",
		    a->neg ? "accepts" : "does not accept");
	if (is_enum(p->type)) {
		for (v = p->values; *v != NULL; v++)
			if (!value_in_ref(*v, a))
				prob("%s %s: value %s not in the tree", m->path,
				    p->name, *v);
		for (x = a->vals; *x != NULL; x++)
			if (!ref_in_values(*x, p->values))
				prob("%s %s: tree value %s not declared",
				    m->path, p->name, *x);
	}
	if (nvals == 2 && in_list((const char *const *)a->vals, "no") &&
	    in_list((const char *const *)a->vals, "yes") &&
	    p->type != ST_BOOL)
		prob("%s %s: the tree offers yes/no: ST_BOOL", m->path,
		    p->name);
	if (p->type == ST_BOOL && nvals > 0 && nvals != 2)
		prob("%s %s: boolean, but the tree offers other values",
		    m->path, p->name);
	/* Keywords must be ones RouterOS offers, when it offers any. */
	for (v = p->words; nvals > 0 && v != NULL && *v != NULL; v++)
		if (!in_list((const char *const *)a->vals, *v))
			prob("%s %s: keyword %s not in the tree", m->path,
			    p->name, *v);
}

static void
check_against_ref(const struct sch_menu *m, const struct ref_menu *r)
{
	const struct sch_prop *p;
	const struct ref_arg *a;
	int i;

	check_cmds(m, r);
	for (p = m->props; p->name != NULL; p++) {
		a = ref_arg(r, p->name);
		if (a == NULL && !(p->flags & P_RO))
			prob("%s %s: settable, but not an argument of %s",
			    m->path, p->name, r->argsof);
		if (a == NULL && !in_list((const char *const *)r->props,
		    p->name))
			prob("%s %s: RouterOS has no such property", m->path,
			    p->name);
		if (a != NULL)
			check_arg_values(m, p, a);
	}
	for (i = 0; i < r->nargs; i++)
		if (!generic_arg(r->args[i].name) &&
		    sch_prop_find(m, r->args[i].name, NULL) == NULL)
			prob("%s: tree argument %s not declared", m->path,
			    r->args[i].name);
}

START_TEST(test_reference)
{
	const struct sch_menu *m = sch_menus[_i];
	const struct ref_menu *r;

	prob_reset();
	r = ref_menu(m->path);
	ck_assert_msg(r != NULL, "%s: not in ref_args.txt (rerun "
	    "schema/gen_refcheck.py)", m->path);
	check_against_ref(m, r);
	PROB_CHECK();
}
END_TEST

/* Every menu of ref_args.txt is still declared. */
START_TEST(test_reference_complete)
{
	int i;

	prob_reset();
	for (i = 0; i < nrefs; i++)
		if (sch_menu_find(refs[i].path) == NULL)
			prob("%s: in ref_args.txt but not declared",
			    refs[i].path);
	ck_assert_int_eq(nrefs, nmenus());
	PROB_CHECK();
}
END_TEST

/* ------------------------------------------------------------------ */
/* 3. Items derived from the L2TP server settings                       */
/* ------------------------------------------------------------------ */

static const char *
kv_get(const struct sch_derived *d, const char *name)
{
	int k;

	for (k = 0; d->kv[k] != NULL; k += 2)
		if (strcmp(d->kv[k], name) == 0)
			return d->kv[k + 1];
	return NULL;
}

/* A settings row with every value unset but the ones given. */
static char **
l2tp_row(const char *use_ipsec, const char *secret)
{
	const struct sch_menu *m;
	char **vals;
	int i;

	m = sch_menu_find("/interface/l2tp-server/server");
	ck_assert_ptr_nonnull(m);
	vals = calloc((size_t)sch_prop_count(m) + 1, sizeof(char *));
	ck_assert_ptr_nonnull(vals);
	if (use_ipsec != NULL) {
		ck_assert_ptr_nonnull(sch_prop_find(m, "use-ipsec", &i));
		vals[i] = (char *)use_ipsec;
	}
	if (secret != NULL) {
		ck_assert_ptr_nonnull(sch_prop_find(m, "ipsec-secret", &i));
		vals[i] = (char *)secret;
	}
	return vals;
}

static void
expect_kv(const struct sch_derived *d, const char *name, const char *v)
{
	const char *got = kv_get(d, name);

	ck_assert_msg(got != NULL && strcmp(got, v) == 0,
	    "%s: %s=%s, expected %s", d->menu->path, name,
	    got ? got : "(unset)", v);
}

/* Derived values must be valid for the properties they land in. */
static void
expect_valid(const struct sch_derived *d)
{
	const struct sch_prop *p;
	int k;

	for (k = 0; d->kv[k] != NULL; k += 2) {
		p = sch_prop_find(d->menu, d->kv[k], NULL);
		ck_assert_msg(p != NULL, "%s: unknown %s", d->menu->path,
		    d->kv[k]);
		ck_assert_msg(value_ok(p, d->kv[k + 1]), "%s: %s=%s invalid",
		    d->menu->path, d->kv[k], d->kv[k + 1]);
	}
}

START_TEST(test_derive_required)
{
	const struct sch_menu *m = sch_menu_find(
	    "/interface/l2tp-server/server");
	struct sch_derived d[4];
	char **vals = l2tp_row("required", "s3cret");
	int n, si;

	ck_assert(sch_derive_is_source(m));
	n = sch_derive_items(m, vals, d, 4);
	ck_assert_int_eq(n, 2);

	ck_assert_ptr_eq(d[0].menu, sch_menu_find("/ip/ipsec/peer"));
	expect_kv(&d[0], "name", "l2tp-in-server");
	expect_kv(&d[0], "address", "::/0");
	expect_kv(&d[0], "passive", "yes");
	expect_kv(&d[0], "profile", "default");
	expect_kv(&d[0], "exchange-mode", "main");
	expect_kv(&d[0], "send-initial-contact", "yes");
	expect_kv(&d[0], "port", "500");
	expect_kv(&d[0], "dynamic", "yes");
	expect_kv(&d[0], "responder", "yes");
	expect_valid(&d[0]);

	ck_assert_ptr_eq(d[1].menu, sch_menu_find("/ip/ipsec/identity"));
	expect_kv(&d[1], "peer", "l2tp-in-server");
	expect_kv(&d[1], "auth-method", "pre-shared-key");
	expect_kv(&d[1], "secret", "s3cret");
	expect_kv(&d[1], "generate-policy", "port-strict");
	expect_kv(&d[1], "policy-template-group", "default");
	expect_kv(&d[1], "my-id", "auto");
	expect_kv(&d[1], "remote-id", "auto");
	expect_kv(&d[1], "dynamic", "yes");
	expect_valid(&d[1]);
	/* The secret is the source row's own text, not a copy. */
	ck_assert_ptr_nonnull(sch_prop_find(m, "ipsec-secret", &si));
	ck_assert_ptr_eq(kv_get(&d[1], "secret"), vals[si]);
	free(vals);
}
END_TEST

START_TEST(test_derive_yes_without_secret)
{
	const struct sch_menu *m = sch_menu_find(
	    "/interface/l2tp-server/server");
	struct sch_derived d[2];
	char **vals = l2tp_row("yes", NULL);

	ck_assert_int_eq(sch_derive_items(m, vals, d, 2), 2);
	/* Unset secret: the property default, the empty key. */
	expect_kv(&d[1], "secret", "");
	free(vals);
}
END_TEST

START_TEST(test_derive_off)
{
	const struct sch_menu *m = sch_menu_find(
	    "/interface/l2tp-server/server");
	struct sch_derived d[2];
	char **no = l2tp_row("no", "s3cret");
	char **unset = l2tp_row(NULL, "s3cret");

	ck_assert_int_eq(sch_derive_items(m, no, d, 2), 0);
	/* Unset use-ipsec is its default, no. */
	ck_assert_int_eq(sch_derive_items(m, unset, d, 2), 0);
	free(no);
	free(unset);
}
END_TEST

START_TEST(test_derive_short_buffer)
{
	const struct sch_menu *m = sch_menu_find(
	    "/interface/l2tp-server/server");
	struct sch_derived d[1];
	char **vals = l2tp_row("yes", "k");

	ck_assert_int_eq(sch_derive_items(m, vals, d, 1), -1);
	free(vals);
}
END_TEST

START_TEST(test_derive_sources)
{
	int i, n = 0;

	for (i = 0; sch_menus[i] != NULL; i++)
		n += sch_derive_is_source(sch_menus[i]);
	ck_assert_int_eq(n, 1);
	ck_assert(!sch_derive_is_source(sch_menu_find("/ip/ipsec/peer")));
	ck_assert(!sch_derive_is_source(NULL));
	ck_assert_int_eq(sch_derive_items(sch_menu_find("/ip/pool"), NULL,
	    NULL, 0), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* 4. Lookups                                                          */
/* ------------------------------------------------------------------ */

START_TEST(test_menu_find)
{
	int i;

	for (i = 0; sch_menus[i] != NULL; i++)
		ck_assert_ptr_eq(sch_menu_find(sch_menus[i]->path),
		    sch_menus[i]);
	ck_assert_str_eq(sch_menu_find("/ip/ipsec/policy/group")->table,
	    "ip_ipsec_policy_group");
	ck_assert_ptr_null(sch_menu_find("/ip"));
	ck_assert_ptr_null(sch_menu_find("/ip/pool/"));
	ck_assert_ptr_null(sch_menu_find("ip/pool"));
	ck_assert_ptr_null(sch_menu_find("/ip/poo"));
	ck_assert_ptr_null(sch_menu_find(""));
	ck_assert_ptr_null(sch_menu_find(NULL));
}
END_TEST

static const struct sch_prop local_props[] = {
	{ .name = "alpha", .type = ST_STRING, .flags = P_UNSET, .help = "a" },
	{ .name = "beta", .type = ST_INT, .dflt = "1", .help = "b" },
	{ .name = NULL }
};

/* A menu the registry does not list: found by scanning. */
static const struct sch_menu local_menu = {
	.path = "/test/local", .table = "test_local", .flags = M_LIST,
	.props = local_props, .help = "test",
};

START_TEST(test_prop_find)
{
	const struct sch_menu *m = sch_menu_find("/ip/firewall/filter");
	const struct sch_prop *p;
	int i = -1;

	p = sch_prop_find(m, "in-interface-list", &i);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "in-interface-list");
	ck_assert_str_eq(m->props[i].name, "in-interface-list");
	ck_assert_str_eq(p->ref, "/interface/list");
	ck_assert(p->flags & P_NEGATE);
	ck_assert_ptr_nonnull(sch_prop_find(m, "chain", NULL));
	ck_assert_ptr_null(sch_prop_find(m, "chai", NULL));
	ck_assert_ptr_null(sch_prop_find(m, "to-addresses", NULL));
	ck_assert_ptr_nonnull(sch_prop_find(sch_menu_find("/ip/firewall/nat"),
	    "to-addresses", NULL));
	ck_assert_ptr_null(sch_prop_find(m, "", NULL));
	ck_assert_ptr_null(sch_prop_find(m, NULL, NULL));
	ck_assert_ptr_null(sch_prop_find(NULL, "chain", NULL));

	ck_assert_ptr_eq(sch_prop_find(&local_menu, "beta", &i),
	    &local_props[1]);
	ck_assert_int_eq(i, 1);
	ck_assert_ptr_null(sch_prop_find(&local_menu, "gamma", &i));
	ck_assert_int_eq(sch_prop_count(&local_menu), 2);
	ck_assert_int_eq(sch_prop_count(NULL), 0);
}
END_TEST

/* Spot checks of declarations the brief singles out. */
START_TEST(test_spot_values)
{
	const struct sch_menu *m;
	const struct sch_prop *p;

	m = sch_menu_find("/ip/ipsec/profile");
	ck_assert_str_eq(sch_prop_find(m, "enc-algorithm", NULL)->dflt,
	    "aes-128,3des");
	ck_assert_str_eq(sch_prop_find(m, "dh-group", NULL)->dflt,
	    "modp2048,modp1024");
	p = sch_prop_find(m, "dpd-interval", NULL);
	ck_assert(p->type == ST_TIME && in_list(p->words, "disable-dpd"));
	m = sch_menu_find("/interface/l2tp-server/server");
	ck_assert_str_eq(sch_prop_find(m, "authentication", NULL)->dflt,
	    "pap,chap,mschap1,mschap2");
	ck_assert_str_eq(sch_prop_find(m, "default-profile", NULL)->dflt,
	    "default-encryption");
	ck_assert_str_eq(sch_prop_find(m, "use-ipsec", NULL)->dflt, "no");
	p = sch_prop_find(m, "ipsec-secret", NULL);
	ck_assert(p->flags & P_SENSITIVE);
	m = sch_menu_find("/ppp/profile");
	p = sch_prop_find(m, "local-address", NULL);
	ck_assert(p->type == ST_IP_OR_REF);
	ck_assert_str_eq(p->ref, "/ip/pool");
	ck_assert_int_eq(sch_prop_find(m, "dns-server", NULL)->max, 2);
	ck_assert_int_eq(m->items[1].id, 0xFFFFFFFELL);
	m = sch_menu_find("/user");
	p = sch_prop_find(m, "password", NULL);
	ck_assert((p->flags & (P_SENSITIVE | P_NOEXPORT)) ==
	    (P_SENSITIVE | P_NOEXPORT));
}
END_TEST

/* ------------------------------------------------------------------ */

static Suite *
schema_suite(void)
{
	Suite *s = suite_create("schema");
	TCase *tc;
	int n = nmenus();

	tc = tcase_create("declarations");
	tcase_add_loop_test(tc, test_menu_walk, 0, n);
	tcase_add_loop_test(tc, test_menu_refs_exported_first, 0, n);
	tcase_add_test(tc, test_menu_order);
	tcase_add_test(tc, test_spot_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("reference");
	tcase_add_checked_fixture(tc, ref_load, ref_unload);
	tcase_add_loop_test(tc, test_reference, 0, n);
	tcase_add_test(tc, test_reference_complete);
	suite_add_tcase(s, tc);

	tc = tcase_create("derive");
	tcase_add_test(tc, test_derive_required);
	tcase_add_test(tc, test_derive_yes_without_secret);
	tcase_add_test(tc, test_derive_off);
	tcase_add_test(tc, test_derive_short_buffer);
	tcase_add_test(tc, test_derive_sources);
	suite_add_tcase(s, tc);

	tc = tcase_create("lookup");
	tcase_add_test(tc, test_menu_find);
	tcase_add_test(tc, test_prop_find);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(schema_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
