/*
 * format.h - RouterOS output layouts: print (table, detail, terse,
 * singleton), value quoting and export (compact/verbose/terse, 80-column
 * wrapping).  Pure text functions over rows the engine read from the store;
 * everything they need to know about a menu comes from its schema entry.
 */
#ifndef ROSH_FORMAT_H
#define ROSH_FORMAT_H

#include "schema.h"
#include "sbuf.h"

/*
 * One item as read from the store.  vals[i] is the canonical text of
 * m->props[i], or NULL when the property is unset.  Boolean flag
 * properties (disabled, dynamic, default, invalid...) hold "yes"/"no"
 * or NULL.
 */
struct fmt_row {
	long long id;		/* internal id, printed as *HEX */
	int number;		/* item number for '#', -1 = unnumbered */
	char **vals;
};

struct fmt_print_opts {
	int detail;		/* print detail */
	int brief;		/* force table layout */
	int terse;		/* print terse */
	int show_ids;		/* *id instead of numbers */
	int show_sensitive;	/* also sensitive values */
	int stats;		/* print stats (counter columns) */
	int width;		/* terminal width; 0 = never wrap/narrow */
	const char *const *proplist;	/* restrict/order props, NULL = all */
	const char *today;	/* "YYYY-MM-DD": log lines of today show
				 * only the time */
};

/*
 * Print rows of menu m the way RouterOS draws them:
 *  - M_SINGLETON: right-aligned "name: value" lines (5.3);
 *  - terse: one line per item (5.4);
 *  - detail, or plain print of an M_DETAIL_PRINT menu: 5.2 layout;
 *  - otherwise the table (5.1) with m->columns.
 * Flags: line lists the flags present; ;;; comment lines; unset
 * properties are not printed; sensitive ones only with show_sensitive.
 */
void fmt_print(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_print_opts *o);

struct fmt_export_opts {
	int verbose;		/* all properties, unset ones as !name */
	int terse;		/* full path on every line, no wrapping */
	int show_sensitive;
};

/*
 * Export rows of menu m (caller passes only non-dynamic rows, in list
 * order).  Writes the section line "/ip pool" (space-separated words;
 * omitted in terse mode, where every line starts with the path) followed
 * by one command per item: "add ..." for user items, "set <selector> ..."
 * for factory items (m->items; nothing when a factory item is unchanged
 * in compact mode), "set ..." for singletons (nothing when unchanged).
 * Arguments are sorted by name; compact mode writes only values that
 * differ from the default; lines wrap per console-language.md 5.7.
 * Writes nothing at all when the menu has nothing to export.
 * Lines end with "\n" (the caller converts to CRLF for files).
 *
 * A row is a factory item when its id is one of m->items; its values are
 * compared with that item's kv list (then the property defaults).  The
 * selector on its set line comes from m->export_default_sel:
 *   NULL, "id", "*"        the item's id: "set *FFFFFFFE ..."
 *   "name"                 its factory name, quoted if needed: "set read"
 *   "find-name"            "set [ find name=all ] ..."
 *   "number", "#"          its item number (row number, else its position
 *                          among the rows passed): "set 0 ..."
 *   any other text         written as is, after expanding %s (name),
 *                          %{prop} (value of prop), %* (id), %# (number)
 *                          and %% ("[ find default=yes ]" has none).
 */
void fmt_export_menu(struct sbuf *out, const struct sch_menu *m,
    const struct fmt_row *rows, int nrows, const struct fmt_export_opts *o);

/*
 * Append value v as the console writes it in export and detail output:
 * bare when it only has bare-literal characters (console-language 1.5)
 * and is non-empty, else double-quoted with \" \\ \$ \? \r \n \t and \XX
 * escapes.  force_quotes quotes any value (detail output of strings).
 */
void fmt_quote(struct sbuf *out, const char *v, int force_quotes);

/* True when v can be written without quotes. */
int fmt_is_bare(const char *v);

/* "*1A" for id 0x1A. */
void fmt_id(struct sbuf *out, long long id);

/* The "# <date> <time> by RouterOS 7.21.5" header lines of an export. */
void fmt_export_header(struct sbuf *out, long long unix_time);

#endif /* ROSH_FORMAT_H */
