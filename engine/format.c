/*
 * format.c - print layouts of console-language.md 5.1 (table), 5.2
 * (detail), 5.3 (single-object menus) and 5.4 (terse), plus the value
 * quoting shared with export.  Every decision about a menu comes from its
 * schema entry; nothing here spells a property name except the generic
 * ones schema.h defines (comment).
 */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits on the flag legend; menus.md's longest (/ip route) has 17. */
#define FMT_MAXFLAGS	32
#define FMT_MAXSLOTS	32

/* Detail and terse put the item number in a field at least this wide. */
#define FMT_NUMW_MIN	2

/* Characters a bare literal may hold besides letters and digits (1.5). */
static const char fmt_bare_extra[] = "-.,:<>/|+_*&^%#@!~";

/* Which flag slots a layout shows, in display order. */
struct fmt_flags {
	int slot[FMT_MAXSLOTS];		/* slot numbers, ascending */
	int nslots;
	unsigned char shown[FMT_MAXFLAGS];	/* legend entries to list */
	int any;			/* some row displays a flag */
};

/* A table column. */
struct fmt_col {
	int pi;			/* index into m->props */
	size_t w;		/* printed width */
	size_t vw;		/* widest value */
	int right;		/* numbers are right-aligned (5.1 item 5) */
};

static void *
fmt_xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	/* Same policy as sbuf: a half-drawn table is worse than none. */
	if (p == NULL) {
		fputs("rosh: out of memory\n", stderr);
		abort();
	}
	return p;
}

static int
fmt_pidx(const struct sch_menu *m, const char *name)
{
	int i;

	if (name == NULL || m->props == NULL)
		return -1;
	for (i = 0; m->props[i].name != NULL; i++)
		if (strcmp(m->props[i].name, name) == 0)
			return i;
	return -1;
}

static int
fmt_yes(const char *v)
{
	return v != NULL && (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0);
}

static int
fmt_is_comment(const struct sch_prop *p)
{
	return strcmp(p->name, SCH_COMMENT) == 0;
}

static void
fmt_put_upper(struct sbuf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] != '\0'; i++) {
		char c = s[i];

		sb_putc(out, c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
	}
}

/*
 * Walk property indices: over `names` (proplist or the menu's columns)
 * when given, skipping unknown names, else over every property in schema
 * order.  *cur starts at 0.  Returns -1 at the end.
 */
static int
fmt_iter(const struct sch_menu *m, const char *const *names, int *cur)
{
	int pi;

	if (names == NULL) {
		if (m->props == NULL || m->props[*cur].name == NULL)
			return -1;
		return (*cur)++;
	}
	while (names[*cur] != NULL) {
		pi = fmt_pidx(m, names[(*cur)++]);
		if (pi >= 0)
			return pi;
	}
	return -1;
}

/*
 * A sensitive value is shown only with show-sensitive.  A hashed one
 * (/user password) never: what is stored is the salted hash, not the
 * password, and RouterOS never prints a user's password.
 */
static int
fmt_secret_shown(const struct sch_prop *p, const struct fmt_print_opts *o)
{
	if (p->flags & P_HASHED)
		return 0;
	return !(p->flags & P_SENSITIVE) || o->show_sensitive;
}

/* Property printed as name=value in detail and terse output. */
static int
fmt_pair_shown(const struct sch_prop *p, const char *v,
    const struct fmt_print_opts *o)
{
	if (v == NULL || (p->flags & (P_FLAG | P_HIDDEN)) || fmt_is_comment(p))
		return 0;
	/* Counters are what `print stats` is for. */
	if ((p->flags & P_STATS) && !o->stats)
		return 0;
	return fmt_secret_shown(p, o);
}

static const char *
fmt_comment(const struct sch_menu *m, const struct fmt_row *r)
{
	int ci = fmt_pidx(m, SCH_COMMENT);
	const char *v = ci >= 0 ? r->vals[ci] : NULL;

	return v != NULL && *v != '\0' ? v : NULL;
}

/* ------------------------------------------------------------------ */
/* Flags                                                               */
/* ------------------------------------------------------------------ */

static int
fmt_nflags(const struct sch_menu *m)
{
	int n = 0;

	while (m->flagdefs != NULL && n < FMT_MAXFLAGS &&
	    m->flagdefs[n].letter != '\0')
		n++;
	return n;
}

/* Flag shown in `slot` for row r: the first set one of the slot. */
static int
fmt_slot_flag(const struct sch_menu *m, const struct fmt_row *r, int slot)
{
	int k, n = fmt_nflags(m), pi;

	for (k = 0; k < n; k++) {
		if (m->flagdefs[k].slot != slot)
			continue;
		pi = fmt_pidx(m, m->flagdefs[k].prop);
		if (pi >= 0 && fmt_yes(r->vals[pi]))
			return k;
	}
	return -1;
}

static void
fmt_add_slot(struct fmt_flags *f, int slot)
{
	int i, j;

	for (i = 0; i < f->nslots; i++)
		if (f->slot[i] == slot)
			return;
	if (f->nslots == FMT_MAXSLOTS)
		return;
	for (i = 0; i < f->nslots && f->slot[i] < slot; i++)
		;
	for (j = f->nslots; j > i; j--)
		f->slot[j] = f->slot[j - 1];
	f->slot[i] = slot;
	f->nslots++;
}

/*
 * Find the flags rows display.  With `all` set (detail, as menus.md 0.1
 * says) every slot and every legend entry of the menu is used; otherwise
 * (table, terse) only slots and flags that occur in the listed rows.
 */
static void
fmt_flags_scan(struct fmt_flags *f, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, int all)
{
	int n = fmt_nflags(m), i, k;

	memset(f, 0, sizeof(*f));
	for (k = 0; k < n; k++) {
		for (i = 0; i < nrows; i++) {
			if (fmt_slot_flag(m, &rows[i], m->flagdefs[k].slot) ==
			    k) {
				f->shown[k] = 1;
				f->any = 1;
			}
		}
	}
	for (k = 0; k < n; k++) {
		if (all)
			f->shown[k] = 1;
		if (f->shown[k])
			fmt_add_slot(f, m->flagdefs[k].slot);
	}
}

/* "Flags: X - DISABLED, I - INVALID; D - DYNAMIC" (5.1 item 1). */
static void
fmt_legend(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_flags *f)
{
	int s, k, n = fmt_nflags(m), ingroup, groups = 0;

	if (!f->any)
		return;
	sb_puts(out, "Flags: ");
	for (s = 0; s < f->nslots; s++) {
		ingroup = 0;
		for (k = 0; k < n; k++) {
			if (!f->shown[k] || m->flagdefs[k].slot != f->slot[s])
				continue;
			if (ingroup)
				sb_puts(out, ", ");
			else if (groups)
				sb_puts(out, "; ");
			sb_printf(out, "%c - ", m->flagdefs[k].letter);
			fmt_put_upper(out, m->flagdefs[k].name,
			    strlen(m->flagdefs[k].name));
			ingroup = 1;
		}
		groups += ingroup;
	}
	sb_putc(out, '\n');
}

/* One character per slot; a blank where the row has no flag. */
static void
fmt_put_slots(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *r, const struct fmt_flags *f)
{
	int s, k;

	for (s = 0; s < f->nslots; s++) {
		k = fmt_slot_flag(m, r, f->slot[s]);
		sb_putc(out, k >= 0 ? m->flagdefs[k].letter : ' ');
	}
}

/* ------------------------------------------------------------------ */
/* Item numbers                                                        */
/* ------------------------------------------------------------------ */

/* The '#' cell: the number, the *id with show-ids, or "" unnumbered. */
static void
fmt_numtext(char *buf, size_t sz, const struct fmt_row *r, int show_ids)
{
	if (show_ids)
		snprintf(buf, sz, "*%llX", (unsigned long long)r->id);
	else if (r->number >= 0)
		snprintf(buf, sz, "%d", r->number);
	else
		buf[0] = '\0';
}

/* Widest '#' cell, at least `min`; 0 when no row has one. */
static size_t
fmt_numwidth(const struct fmt_row *rows, int nrows, int show_ids,
    size_t min)
{
	char buf[32];
	size_t w = 0, len;
	int i;

	for (i = 0; i < nrows; i++) {
		fmt_numtext(buf, sizeof(buf), &rows[i], show_ids);
		len = strlen(buf);
		if (len > w)
			w = len;
	}
	return w == 0 ? 0 : (w < min ? min : w);
}

static void
fmt_put_num(struct sbuf *out, const struct fmt_row *r, size_t w,
    int show_ids)
{
	char buf[32];
	size_t len;

	fmt_numtext(buf, sizeof(buf), r, show_ids);
	len = strlen(buf);
	sb_pad(out, ' ', w > len ? w - len : 0);
	sb_puts(out, buf);
}

/*
 * Row prefix of every layout: number field, one space, flag slots and
 * one more space when there are slots.  Returns its width.
 */
static size_t
fmt_put_prefix(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *r, size_t numw, const struct fmt_flags *f,
    int show_ids)
{
	size_t w = 0;

	if (numw > 0) {
		fmt_put_num(out, r, numw, show_ids);
		sb_putc(out, ' ');
		w = numw + 1;
	}
	if (f->nslots > 0) {
		fmt_put_slots(out, m, r, f);
		sb_putc(out, ' ');
		w += (size_t)f->nslots + 1;
	}
	return w;
}

/* ------------------------------------------------------------------ */
/* Table (5.1)                                                         */
/* ------------------------------------------------------------------ */

static int
fmt_col_shown(const struct sch_prop *p, const struct fmt_print_opts *o)
{
	if (p->flags & P_HIDDEN)
		return 0;
	return fmt_secret_shown(p, o);
}

/* Columns in use: listed, visible, and non-empty in at least one row
 * (RouterOS shows CALLER-ID only when some secret has one); a proplist
 * shows what it names regardless. */
static struct fmt_col *
fmt_table_cols(const struct sch_menu *m, const struct fmt_row *rows,
    int nrows, const struct fmt_print_opts *o, int *ncols)
{
	const char *const *names = o->proplist ? o->proplist : m->columns;
	struct fmt_col *c;
	int cur = 0, n = 0, pi, i, any;
	size_t len;

	while (names != NULL && names[n] != NULL)
		n++;
	c = fmt_xcalloc((size_t)n, sizeof(*c));
	*ncols = 0;
	while (names != NULL && (pi = fmt_iter(m, names, &cur)) >= 0) {
		if (!fmt_col_shown(&m->props[pi], o))
			continue;
		c[*ncols].pi = pi;
		c[*ncols].vw = 0;
		for (i = 0, any = 0; i < nrows; i++) {
			if (rows[i].vals[pi] == NULL)
				continue;
			len = strlen(rows[i].vals[pi]);
			if (len > 0 || o->proplist)
				any = 1;
			if (len > c[*ncols].vw)
				c[*ncols].vw = len;
		}
		if (!any)
			continue;
		len = strlen(m->props[pi].name);
		c[*ncols].w = len > c[*ncols].vw ? len : c[*ncols].vw;
		c[*ncols].right = m->props[pi].type == ST_INT ||
		    m->props[pi].type == ST_SIZE;
		(*ncols)++;
	}
	return c;
}

static size_t
fmt_table_width(size_t prefix, const struct fmt_col *c, int ncols)
{
	size_t w = prefix;
	int j;

	for (j = 0; j < ncols; j++)
		w += c[j].w + (j > 0 ? 2 : 0);
	return w;
}

/*
 * 5.1 item 8: a table wider than the terminal has its headers cut to the
 * width of their values.  Columns are cut one at a time, the one that
 * gains most first, until the rows fit; a line fits when it leaves the
 * last terminal column free, so terminals that wrap eagerly do not insert
 * blank lines.
 */
static void
fmt_table_narrow(struct fmt_col *c, int ncols, size_t prefix, int width)
{
	size_t vw, gain, best_gain;
	int j, best;

	if (width <= 0)
		return;
	while (fmt_table_width(prefix, c, ncols) >= (size_t)width) {
		best = -1;
		best_gain = 0;
		for (j = 0; j < ncols; j++) {
			vw = c[j].vw > 0 ? c[j].vw : 1;
			gain = c[j].w > vw ? c[j].w - vw : 0;
			if (gain > best_gain) {
				best = j;
				best_gain = gain;
			}
		}
		if (best < 0)
			return;
		c[best].w = c[best].vw > 0 ? c[best].vw : 1;
	}
}

static void
fmt_table_head(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_col *c, int ncols, size_t numw,
    const struct fmt_flags *f)
{
	size_t len;
	int j;

	if (ncols > 0) {
		sb_puts(out, "Columns: ");
		for (j = 0; j < ncols; j++) {
			const char *name = m->props[c[j].pi].name;

			if (j > 0)
				sb_puts(out, ", ");
			fmt_put_upper(out, name, strlen(name));
		}
		sb_putc(out, '\n');
	}
	if (numw > 0) {
		sb_pad(out, ' ', numw - 1);
		sb_puts(out, "# ");
	}
	if (f->nslots > 0)
		sb_pad(out, ' ', (size_t)f->nslots + 1);
	for (j = 0; j < ncols; j++) {
		len = strlen(m->props[c[j].pi].name);
		if (len > c[j].w)
			len = c[j].w;
		sb_pad(out, ' ', j > 0 ? 2 : 0);
		fmt_put_upper(out, m->props[c[j].pi].name, len);
		sb_pad(out, ' ', c[j].w - len);
	}
	sb_putc(out, '\n');
}

static void
fmt_table_row(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *r, const struct fmt_col *c, int ncols,
    size_t numw, const struct fmt_flags *f, int show_ids)
{
	const char *v, *comment = fmt_comment(m, r);
	size_t len;
	int j;

	if (comment != NULL)
		sb_printf(out, ";;; %s\n", comment);
	fmt_put_prefix(out, m, r, numw, f, show_ids);
	for (j = 0; j < ncols; j++) {
		v = r->vals[c[j].pi] ? r->vals[c[j].pi] : "";
		len = strlen(v);
		sb_pad(out, ' ', j > 0 ? 2 : 0);
		if (c[j].right)
			sb_pad(out, ' ', c[j].w > len ? c[j].w - len : 0);
		sb_puts(out, v);
		if (!c[j].right)
			sb_pad(out, ' ', c[j].w > len ? c[j].w - len : 0);
	}
	sb_putc(out, '\n');
}

static void
fmt_table(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_print_opts *o)
{
	struct fmt_flags f;
	struct fmt_col *c;
	size_t numw, prefix;
	int ncols, i;

	fmt_flags_scan(&f, m, rows, nrows, 0);
	c = fmt_table_cols(m, rows, nrows, o, &ncols);
	/* The '#' column is one wide at least: its header is '#'. */
	numw = fmt_numwidth(rows, nrows, o->show_ids, 1);
	prefix = (numw ? numw + 1 : 0) + (f.nslots ? (size_t)f.nslots + 1 : 0);
	fmt_table_narrow(c, ncols, prefix, o->width);
	fmt_legend(out, m, &f);
	fmt_table_head(out, m, c, ncols, numw, &f);
	for (i = 0; i < nrows; i++)
		fmt_table_row(out, m, &rows[i], c, ncols, numw, &f,
		    o->show_ids);
	free(c);
}

/* ------------------------------------------------------------------ */
/* Detail (5.2)                                                        */
/* ------------------------------------------------------------------ */

/* name=value with strings always quoted (unless the schema marks them
 * P_BARE, like chain=) and other values only when needed. */
static void
fmt_detail_pair(struct sbuf *tok, const struct sch_prop *p, const char *v)
{
	int force = (p->type == ST_STRING || p->type == ST_NAME) &&
	    !(p->flags & P_BARE);

	sb_reset(tok);
	sb_puts(tok, p->name);
	sb_putc(tok, '=');
	fmt_quote(tok, v, force);
}

/*
 * Properties separated by single spaces, each followed by its space (so
 * lines keep a trailing blank), wrapped before a pair that would reach
 * the last terminal column; continuation lines start at `col`.
 */
static void
fmt_detail_props(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *r, size_t col, const struct fmt_print_opts *o)
{
	struct sbuf tok;
	size_t linelen = col;
	int cur = 0, pi, first = 1;

	sb_init(&tok);
	while ((pi = fmt_iter(m, o->proplist, &cur)) >= 0) {
		if (!fmt_pair_shown(&m->props[pi], r->vals[pi], o))
			continue;
		fmt_detail_pair(&tok, &m->props[pi], r->vals[pi]);
		if (!first && o->width > 0 &&
		    linelen + tok.len + 1 >= (size_t)o->width) {
			sb_putc(out, '\n');
			sb_pad(out, ' ', col);
			linelen = col;
		}
		sb_put(out, tok.s, tok.len);
		sb_putc(out, ' ');
		linelen += tok.len + 1;
		first = 0;
	}
	sb_fini(&tok);
}

static void
fmt_detail(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_print_opts *o)
{
	struct fmt_flags f;
	const char *comment;
	size_t numw, col;
	int i;

	fmt_flags_scan(&f, m, rows, nrows, 1);
	numw = fmt_numwidth(rows, nrows, o->show_ids, FMT_NUMW_MIN);
	fmt_legend(out, m, &f);
	for (i = 0; i < nrows; i++) {
		/* Without numbers (log entries) the line starts " text". */
		if (numw == 0)
			sb_putc(out, ' ');
		col = fmt_put_prefix(out, m, &rows[i], numw, &f, o->show_ids) +
		    (numw == 0);
		comment = fmt_comment(m, &rows[i]);
		if (comment != NULL) {
			sb_printf(out, ";;; %s\n", comment);
			sb_pad(out, ' ', col);
		}
		fmt_detail_props(out, m, &rows[i], col, o);
		sb_puts(out, "\n\n");
	}
}

/* ------------------------------------------------------------------ */
/* Terse (5.4)                                                         */
/* ------------------------------------------------------------------ */

static void
fmt_terse_row(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *r, size_t numw, const struct fmt_flags *f,
    const struct fmt_print_opts *o)
{
	const char *comment = fmt_comment(m, r);
	char buf[32];
	int cur = 0, pi, sep = 0;

	/* Unnumbered items start directly with their flags. */
	fmt_numtext(buf, sizeof(buf), r, o->show_ids);
	fmt_put_prefix(out, m, r, buf[0] != '\0' ? numw : 0, f, o->show_ids);
	if (comment != NULL) {
		sb_printf(out, "%s=%s", SCH_COMMENT, comment);
		sep = 1;
	}
	while ((pi = fmt_iter(m, o->proplist, &cur)) >= 0) {
		if (!fmt_pair_shown(&m->props[pi], r->vals[pi], o))
			continue;
		sb_printf(out, "%s%s=%s", sep ? " " : "", m->props[pi].name,
		    r->vals[pi]);
		sep = 1;
	}
	sb_putc(out, '\n');
}

static void
fmt_terse(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_print_opts *o)
{
	struct fmt_flags f;
	size_t numw;
	int i;

	fmt_flags_scan(&f, m, rows, nrows, 0);
	numw = fmt_numwidth(rows, nrows, o->show_ids, FMT_NUMW_MIN);
	for (i = 0; i < nrows; i++)
		fmt_terse_row(out, m, &rows[i], numw, &f, o);
}

/* ------------------------------------------------------------------ */
/* Single-object menus (5.3)                                           */
/* ------------------------------------------------------------------ */

/*
 * Unset values are not printed (menus.md 12: the unset
 * l2tpv3-ether-interface-list has no line).  A sensitive value is left
 * out when set and shown empty when empty, as ipsec-secret is.
 */
static int
fmt_single_shown(const struct sch_prop *p, const char *v,
    const struct fmt_print_opts *o)
{
	if (v == NULL || (p->flags & (P_FLAG | P_HIDDEN)) || fmt_is_comment(p))
		return 0;
	return fmt_secret_shown(p, o) || (*v == '\0' &&
	    !(p->flags & P_HASHED));
}

static int
fmt_is_list(enum sch_type t)
{
	return t == ST_ENUM_LIST || t == ST_REF_LIST || t == ST_IP_LIST ||
	    t == ST_ADDR_LIST;
}

/* List values put one element per line, aligned under the first. */
static void
fmt_single_value(struct sbuf *out, const struct sch_prop *p, const char *v,
    size_t valcol)
{
	const char *comma;

	if (!fmt_is_list(p->type)) {
		sb_puts(out, v);
		return;
	}
	while ((comma = strchr(v, ',')) != NULL) {
		sb_put(out, v, (size_t)(comma - v));
		sb_putc(out, '\n');
		sb_pad(out, ' ', valcol);
		v = comma + 1;
	}
	sb_puts(out, v);
}

static void
fmt_single(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *r, const struct fmt_print_opts *o)
{
	const char *comment = fmt_comment(m, r);
	size_t keyw = 0, len;
	int cur = 0, pi;

	while ((pi = fmt_iter(m, o->proplist, &cur)) >= 0) {
		len = strlen(m->props[pi].name);
		if (fmt_single_shown(&m->props[pi], r->vals[pi], o) &&
		    len > keyw)
			keyw = len;
	}
	if (comment != NULL)
		sb_printf(out, ";;; %s\n", comment);
	cur = 0;
	while ((pi = fmt_iter(m, o->proplist, &cur)) >= 0) {
		if (!fmt_single_shown(&m->props[pi], r->vals[pi], o))
			continue;
		/* The longest key gets two leading blanks. */
		sb_pad(out, ' ', keyw + 2 - strlen(m->props[pi].name));
		sb_printf(out, "%s: ", m->props[pi].name);
		fmt_single_value(out, &m->props[pi], r->vals[pi], keyw + 4);
		sb_putc(out, '\n');
	}
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

/*
 * /log print (menus.md 33): " <time> <topics> <message>" per entry, the
 * date left out for entries from today.  The menu's first three columns
 * are time, topics and message.
 */
static void
fmt_log_lines(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_print_opts *o)
{
	int i, k, pi[3];
	const char *t;
	size_t tl = o->today ? strlen(o->today) : 0;

	for (k = 0; k < 3; k++)
		if (m->columns == NULL || m->columns[k] == NULL ||
		    sch_prop_find(m, m->columns[k], &pi[k]) == NULL)
			return;
	for (i = 0; i < nrows; i++) {
		t = rows[i].vals[pi[0]] ? rows[i].vals[pi[0]] : "";
		if (tl && strncmp(t, o->today, tl) == 0 && t[tl] == ' ')
			t += tl + 1;
		sb_printf(out, " %s %s %s\n", t,
		    rows[i].vals[pi[1]] ? rows[i].vals[pi[1]] : "",
		    rows[i].vals[pi[2]] ? rows[i].vals[pi[2]] : "");
	}
}

void
fmt_print(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_print_opts *o)
{
	const char *const *stats = sch_stats_columns(m);
	struct fmt_print_opts so;
	int i;

	/* 5.1 item 9: an empty list prints nothing. */
	if (nrows <= 0 || rows == NULL)
		return;
	/* print stats: a table of the counters beside what names the
	 * item (chain and action of a rule, the interface name). */
	if (o->stats && stats != NULL && !o->detail && !o->terse &&
	    o->proplist == NULL) {
		so = *o;
		so.proplist = stats;
		fmt_table(out, m, rows, nrows, &so);
		return;
	}
	if (m->flags & M_SINGLETON) {
		for (i = 0; i < nrows; i++)
			fmt_single(out, m, &rows[i], o);
	} else if ((m->flags & M_LOG_LAYOUT) && !o->detail && !o->terse &&
	    !o->brief && o->proplist == NULL) {
		fmt_log_lines(out, m, rows, nrows, o);
	} else if (o->terse) {
		fmt_terse(out, m, rows, nrows, o);
	} else if (o->detail ||
	    ((m->flags & M_DETAIL_PRINT) && !o->brief)) {
		fmt_detail(out, m, rows, nrows, o);
	} else {
		fmt_table(out, m, rows, nrows, o);
	}
}

int
fmt_is_bare(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;

	if (p == NULL || *p == '\0')
		return 0;
	for (; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))
			continue;
		if (strchr(fmt_bare_extra, *p) == NULL)
			return 0;
	}
	return 1;
}

/* One byte as it appears between double quotes (1.6). */
static void
fmt_escape(struct sbuf *out, unsigned char c)
{
	switch (c) {
	case '"':
	case '\\':
	case '$':
	case '?':
		sb_putc(out, '\\');
		sb_putc(out, (char)c);
		return;
	case '\r':
		sb_puts(out, "\\r");
		return;
	case '\n':
		sb_puts(out, "\\n");
		return;
	case '\t':
		sb_puts(out, "\\t");
		return;
	}
	if (c < 0x20 || c >= 0x7f)
		sb_printf(out, "\\%02X", c);
	else
		sb_putc(out, (char)c);
}

void
fmt_quote(struct sbuf *out, const char *v, int force_quotes)
{
	const unsigned char *p = (const unsigned char *)(v ? v : "");

	if (!force_quotes && fmt_is_bare(v)) {
		sb_puts(out, v);
		return;
	}
	sb_putc(out, '"');
	for (; *p != '\0'; p++)
		fmt_escape(out, *p);
	sb_putc(out, '"');
}

void
fmt_id(struct sbuf *out, long long id)
{
	sb_printf(out, "*%llX", (unsigned long long)id);
}
