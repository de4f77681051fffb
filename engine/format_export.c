/*
 * format_export.c - export layout of console-language.md 5.7 and 4.2:
 * section lines, one add/set command per item, argument selection
 * (compact, verbose, sensitive), factory-item selectors and the wrapping
 * of long commands into 79-column physical lines.
 */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FX_VERSION	"7.21.5"

/*
 * Wrapping constants of the 5.7 pseudo-code, measured on real 7.5-7.20
 * exports: arguments are appended while the line stays within FX_FIT
 * characters; a quoted value split mid-string fills a line up to
 * FX_SPLIT characters before its trailing backslash (79 in all).
 */
#define FX_INDENT	"    "
#define FX_INDENT_LEN	4
#define FX_FIT		77
#define FX_SPLIT	78
/* A bare value longer than this could not fit a continuation line, so
 * it is quoted to allow splitting it (FX_FIT - FX_INDENT_LEN). */
#define FX_BARE_MAX	73

/* One argument of a command. */
struct fx_arg {
	const char *name;	/* property name: the sort key */
	char *text;		/* "name=value" or "!name" (owned) */
	size_t namelen;		/* bytes before '=', 0 for "!name" */
	int lf;			/* the value holds an LF */
};

struct fx_cmd {
	struct fx_arg *a;	/* owned */
	int n;
	int ndiff;		/* arguments that differ from factory state */
};

/* ------------------------------------------------------------------ */
/* Which arguments                                                     */
/* ------------------------------------------------------------------ */

/*
 * Runtime values, never-exported secrets and set-only arguments
 * (place-before) have no place in an export; sensitive values only with
 * show-sensitive (4.2).  A `set` line leaves out what can only be given
 * on add, since importing it would fail.
 */
static int
fx_exportable(const struct sch_prop *p, int is_set,
    const struct fmt_export_opts *o)
{
	if (p->flags & (P_RO | P_NOEXPORT | P_SET_ONLY))
		return 0;
	if ((p->flags & P_SENSITIVE) && !o->show_sensitive)
		return 0;
	return !(is_set && (p->flags & P_WRITE_ONCE));
}

/* Verbose exports write unset properties as !name, except the comment:
 * real ones (menus.md 7, /ppp secret) never show !comment. */
static int
fx_unset_shown(const struct sch_prop *p)
{
	return strcmp(p->name, SCH_COMMENT) != 0;
}

static const struct sch_item *
fx_factory(const struct sch_menu *m, long long id)
{
	return sch_factory_item(m, id);
}

static const char *
fx_kv(const struct sch_item *it, const char *name, int *found)
{
	const char *const *kv;

	*found = 0;
	/* A NULL value says the factory item leaves the property unset. */
	for (kv = it ? it->kv : NULL; kv != NULL && kv[0]; kv += 2) {
		if (strcmp(kv[0], name) == 0) {
			*found = 1;
			return kv[1];
		}
	}
	return NULL;
}

static const char *
fx_prop_text(const struct sch_menu *m, const struct fmt_row *r,
    const char *name, size_t len)
{
	int i;

	for (i = 0; m->props != NULL && m->props[i].name != NULL; i++)
		if (strlen(m->props[i].name) == len &&
		    strncmp(m->props[i].name, name, len) == 0)
			return r->vals[i];
	return NULL;
}

/*
 * A host link is found on import by the property its selector names in
 * %{...} (default-name), the name it had when first seen; until renamed
 * its name equals that value, so only a rename is written.
 */
static const char *
fx_link_name(const struct sch_menu *m, const struct fmt_row *r)
{
	const char *sel = m->export_default_sel, *b, *e;

	if (sel == NULL || (b = strstr(sel, "%{")) == NULL ||
	    (e = strchr(b, '}')) == NULL)
		return NULL;
	return fx_prop_text(m, r, b + 2, (size_t)(e - b - 2));
}

/* Value a property has on a fresh system: the factory item's own value
 * when it lists one, else the property default. */
static const char *
fx_base(const struct sch_menu *m, const struct fmt_row *r,
    const struct sch_prop *p, const struct sch_item *it)
{
	const char *np = m->name_prop ? m->name_prop : SCH_NAME;
	int found;
	const char *v = fx_kv(it, p->name, &found);

	if (found)
		return v;
	if ((m->flags & M_KERNEL_LINKS) && strcmp(p->name, np) == 0)
		return fx_link_name(m, r);
	return p->dflt;
}

/* Values are bare when they can be, and short enough to fit a line. */
static void
fx_value(struct sbuf *b, const char *v)
{
	fmt_quote(b, v, strlen(v) > FX_BARE_MAX);
}

static void
fx_push(struct fx_cmd *c, const struct sch_prop *p, const char *v)
{
	struct fx_arg *a = &c->a[c->n++];
	struct sbuf b;

	sb_init(&b);
	if (v == NULL) {
		sb_putc(&b, '!');
		sb_puts(&b, p->name);
	} else {
		sb_puts(&b, p->name);
		sb_putc(&b, '=');
		fx_value(&b, v);
	}
	a->name = p->name;
	a->namelen = v ? strlen(p->name) : 0;
	a->lf = v != NULL && strchr(v, '\n') != NULL;
	a->text = sb_take(&b);
}

static int
fx_argcmp(const void *x, const void *y)
{
	const struct fx_arg *a = x, *b = y;

	return strcmp(a->name, b->name);
}

/*
 * Arguments of one item.  Verbose writes every exportable property,
 * unset ones as !name.  Compact writes set values that differ from the
 * factory state (plus P_ALWAYS_EXPORT ones); an unset value is never
 * written there, as RouterOS shows !name only in verbose exports.
 */
static void
fx_collect(struct fx_cmd *c, const struct sch_menu *m,
    const struct fmt_row *r, const struct sch_item *it, int is_set,
    const struct fmt_export_opts *o)
{
	const struct sch_prop *p;
	const char *v, *base;
	int i, n = 0, differs;

	while (m->props != NULL && m->props[n].name != NULL)
		n++;
	c->a = calloc(n ? (size_t)n : 1, sizeof(*c->a));
	if (c->a == NULL) {
		fputs("rosh: out of memory\n", stderr);
		abort();
	}
	c->n = c->ndiff = 0;
	for (i = 0; i < n; i++) {
		p = &m->props[i];
		if (!fx_exportable(p, is_set, o))
			continue;
		v = r->vals[i];
		base = fx_base(m, r, p, it);
		differs = v != NULL && (base == NULL || strcmp(v, base) != 0);
		if (v == NULL ? o->verbose && fx_unset_shown(p) :
		    o->verbose || differs || (p->flags & P_ALWAYS_EXPORT))
			fx_push(c, p, v);
		c->ndiff += differs;
	}
	qsort(c->a, (size_t)c->n, sizeof(*c->a), fx_argcmp);
}

static void
fx_cmd_fini(struct fx_cmd *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		free(c->a[i].text);
	free(c->a);
	c->a = NULL;
	c->n = 0;
}

/* ------------------------------------------------------------------ */
/* Factory item selectors                                              */
/* ------------------------------------------------------------------ */

/*
 * Name that selects a factory item on import: the factory name, since
 * that is what a fresh system has (a rename is written as name=...);
 * the current name only when the schema lists none.
 */
static const char *
fx_item_name(const struct sch_menu *m, const struct fmt_row *r,
    const struct sch_item *it)
{
	const char *np = m->name_prop ? m->name_prop : SCH_NAME;
	int i, found;
	const char *v = fx_kv(it, np, &found);

	if (found && v != NULL)
		return v;
	for (i = 0; m->props != NULL && m->props[i].name != NULL; i++)
		if (strcmp(m->props[i].name, np) == 0)
			return r->vals[i];
	return NULL;
}

/*
 * Expand a selector template: %s is the item's name, %{prop} the value
 * of prop, %* the *id, %# the item number, %% a percent sign.
 */
static void
fx_template(struct sbuf *b, const char *t, const struct sch_menu *m,
    const struct fmt_row *r, const struct sch_item *it, int number)
{
	const char *end, *v;

	for (; *t != '\0'; t++) {
		if (t[0] != '%' || t[1] == '\0') {
			sb_putc(b, *t);
			continue;
		}
		t++;
		if (*t == 's' && (v = fx_item_name(m, r, it)) != NULL) {
			fmt_quote(b, v, 0);
		} else if (*t == '*' || *t == 's') {
			fmt_id(b, r->id);
		} else if (*t == '#') {
			sb_printf(b, "%d", number);
		} else if (*t == '{' && (end = strchr(t, '}')) != NULL) {
			v = fx_prop_text(m, r, t + 1, (size_t)(end - t - 1));
			fmt_quote(b, v ? v : "", 0);
			t = end;
		} else {
			sb_putc(b, *t);
		}
	}
}

/* Whole-selector keywords, for schemas that name a form instead of
 * spelling a template. */
static const struct {
	const char *word;
	const char *tmpl;
} fx_sel_words[] = {
	{ "id", "%*" }, { "by-id", "%*" }, { "*", "%*" },
	{ "name", "%s" }, { "by-name", "%s" },
	{ "number", "%#" }, { "by-number", "%#" }, { "#", "%#" },
	{ "find-name", "[ find name=%s ]" },
	{ NULL, NULL }
};

/*
 * Selector of a factory item on its `set` line (5.7): the menu's
 * export_default_sel, a fixed text such as "[ find default=yes ]", a
 * template or keyword as above, or, when absent, the item's *id, which
 * always names exactly one item.
 */
static void
fx_selector(struct sbuf *b, const struct sch_menu *m,
    const struct fmt_row *r, const struct sch_item *it, int index)
{
	const char *sel = m->export_default_sel;
	int i, number = r->number >= 0 ? r->number : index;

	if (sel == NULL) {
		fmt_id(b, r->id);
		return;
	}
	for (i = 0; fx_sel_words[i].word != NULL; i++) {
		if (strcmp(sel, fx_sel_words[i].word) == 0) {
			sel = fx_sel_words[i].tmpl;
			break;
		}
	}
	fx_template(b, sel, m, r, it, number);
}

/* ------------------------------------------------------------------ */
/* Writing and wrapping                                                */
/* ------------------------------------------------------------------ */

/* "/ip/firewall/filter" -> "/ip firewall filter" */
static void
fx_section(struct sbuf *out, const char *path)
{
	const char *p;

	sb_putc(out, '/');
	for (p = path[0] == '/' ? path + 1 : path; *p != '\0'; p++)
		sb_putc(out, *p == '/' ? ' ' : *p);
}

static int
fx_is_indent(const struct sbuf *line)
{
	return line->len == FX_INDENT_LEN &&
	    memcmp(line->s, FX_INDENT, FX_INDENT_LEN) == 0;
}

/* Write the line with `tail` appended and start a continuation line. */
static void
fx_emit(struct sbuf *out, struct sbuf *line, const char *tail)
{
	sb_put(out, line->s, line->len);
	sb_puts(out, tail);
	sb_putc(out, '\n');
	sb_reset(line);
	sb_puts(line, FX_INDENT);
}

/* Length of the escape unit at q inside a quoted value: "\r", "\$",
 * "\4F" stay whole so a continuation never splits them. */
static size_t
fx_unit(const char *q)
{
	if (q[0] != '\\' || q[1] == '\0')
		return 1;
	if ((q[1] >= '0' && q[1] <= '9') || (q[1] >= 'A' && q[1] <= 'F'))
		return q[2] != '\0' ? 3 : 2;
	return 2;
}

/*
 * Split a quoted value over continuation lines (5.7 rules 5 and 6): an
 * LF starts a new line with its \n, other units go on while the line
 * stays within FX_SPLIT characters.
 */
static void
fx_split(struct sbuf *out, struct sbuf *line, const char *q)
{
	size_t u;
	int first = 1;

	for (; *q != '\0'; q += u, first = 0) {
		u = fx_unit(q);
		if (!first && u == 2 && q[0] == '\\' && q[1] == 'n')
			fx_emit(out, line, "\\");
		if (line->len + u > FX_SPLIT)
			fx_emit(out, line, "\\");
		/* The reader drops leading blanks of a continuation line,
		 * even inside quotes (console-language 1.8): a space that
		 * starts one is written as the \_ escape. */
		if (u == 1 && q[0] == ' ' && fx_is_indent(line))
			sb_puts(line, "\\_");
		else
			sb_put(line, q, u);
	}
}

/* Place one argument, emitting finished lines (the 5.7 pseudo-code). */
static void
fx_place(struct sbuf *out, struct sbuf *line, const struct fx_arg *a)
{
	size_t len = strlen(a->text), sep, vlen;
	const char *val;

	for (;;) {
		sep = fx_is_indent(line) ? 0 : 1;
		if (line->len + sep + len <= FX_FIT) {
			sb_pad(line, ' ', sep);
			sb_puts(line, a->text);
			return;
		}
		if (a->namelen > 0 &&
		    line->len + sep + a->namelen + 1 <= FX_FIT) {
			val = a->text + a->namelen + 1;
			vlen = strlen(val);
			sb_pad(line, ' ', sep);
			sb_put(line, a->text, a->namelen + 1);
			if (FX_INDENT_LEN + vlen <= FX_FIT && !a->lf) {
				fx_emit(out, line, "\\");
				sb_puts(line, val);
				return;
			}
			if (val[0] == '"') {
				fx_split(out, line, val);
				return;
			}
			/* Neither form applies: take name= back off. */
			line->len -= sep + a->namelen + 1;
			line->s[line->len] = '\0';
		}
		if (fx_is_indent(line)) {
			sb_puts(line, a->text);	/* overlong, as RouterOS */
			return;
		}
		fx_emit(out, line, " \\");
	}
}

static void
fx_write(struct sbuf *out, const struct sch_menu *m, const char *head,
    const struct fx_cmd *c, const struct fmt_export_opts *o)
{
	struct sbuf line;
	int i;

	if (o->terse) {
		/* Terse: the path on every line and no wrapping at all. */
		fx_section(out, m->path);
		sb_putc(out, ' ');
		sb_puts(out, head);
		for (i = 0; i < c->n; i++) {
			sb_putc(out, ' ');
			sb_puts(out, c->a[i].text);
		}
		sb_putc(out, '\n');
		return;
	}
	sb_init(&line);
	sb_puts(&line, head);
	for (i = 0; i < c->n; i++)
		fx_place(out, &line, &c->a[i]);
	sb_put(out, line.s, line.len);
	sb_putc(out, '\n');
	sb_fini(&line);
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

/*
 * One item: "add" for user items, "set <selector>" for factory items and
 * host links (which no script can add), "set" for single-object menus.
 * A set line is left out of a compact export when nothing differs from
 * the factory state.
 */
static void
fx_row(struct sbuf *out, const struct sch_menu *m, const struct fmt_row *r,
    int index, const struct fmt_export_opts *o, int *sectioned)
{
	const struct sch_item *it = fx_factory(m, r->id);
	int single = (m->flags & M_SINGLETON) != 0;
	int is_set = single || it != NULL || (m->flags & M_KERNEL_LINKS);
	struct fx_cmd c;
	struct sbuf head;

	sb_init(&head);
	if (is_set) {
		sb_puts(&head, "set");
		if (!single) {
			sb_putc(&head, ' ');
			fx_selector(&head, m, r, it, index);
		}
	} else {
		sb_puts(&head, "add");
	}
	fx_collect(&c, m, r, it, is_set, o);
	if (o->verbose || c.ndiff > 0 || !is_set) {
		if (!o->terse && !*sectioned) {
			fx_section(out, m->path);
			sb_putc(out, '\n');
			*sectioned = 1;
		}
		fx_write(out, m, sb_str(&head), &c, o);
	}
	fx_cmd_fini(&c);
	sb_fini(&head);
}

void
fmt_export_menu(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_export_opts *o)
{
	int i, sectioned = 0;

	if (m->flags & (M_NOT_EXPORTED | M_RUNTIME | M_ACTION_ONLY))
		return;
	for (i = 0; i < nrows; i++)
		fx_row(out, m, &rows[i], i, o, &sectioned);
}

void
fmt_export_header(struct sbuf *out, long long unix_time)
{
	time_t t = (time_t)unix_time;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	/* A Linux host has no software id: RouterOS on CHR prints it empty,
	 * keeping the blank after "=". */
	sb_printf(out, "# %04d-%02d-%02d %02d:%02d:%02d by RouterOS %s\n"
	    "# software id = \n#\n", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, FX_VERSION);
}
