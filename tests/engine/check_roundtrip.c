/*
 * check_roundtrip.c - acceptance test of export -> import.
 *
 * A configuration is generated from sch_menus[] alone, so a menu or a
 * property added to schema/ is covered without touching this file: every
 * stored menu gets items (two adds for lists, a set of factory items
 * through their export selector, a set of settings menus) and every
 * writable property a valid value that differs from its default, derived
 * from its declaration (type, values, words, range, flags, reference).
 *
 * The test then runs the script on a fresh store, imports its export into
 * a second fresh store and exports that again: compact, verbose and terse
 * exports must come back byte for byte.  The compact export must name
 * every property the script set, and importing the export over the
 * configuration it came from must fail as a whole.
 */
#include <check.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "schema.h"

/* ------------------------------------------------------------------ */
/* Growing text                                                        */
/* ------------------------------------------------------------------ */

struct rt_buf {
	char *s;
	size_t len, cap;
};

static void
rb_put(struct rt_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
rb_puts(struct rt_buf *b, const char *s)
{
	rb_put(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
rb_printf(struct rt_buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof(tmp));
	rb_put(b, tmp, (size_t)n);
}

/* ------------------------------------------------------------------ */
/* Which menus and properties                                          */
/* ------------------------------------------------------------------ */

/*
 * Combinations the engine refuses or drops on purpose.  Each entry says
 * why; everything else must take a non-default value and come back.
 */
static const struct rt_exception {
	const char *path;
	const char *prop;
	const char *why;
} rt_exceptions[] = {
	/* dynamic=yes marks an entry that is lost on reboot; like every
	 * dynamic item it is left out of exports, as in RouterOS. */
	{ "/ip/firewall/address-list", "dynamic", "dynamic entries are "
	  "not exported" },
	{ NULL, NULL, NULL }
};

static int
rt_excepted(const struct sch_menu *m, const struct sch_prop *p)
{
	const struct rt_exception *x;

	for (x = rt_exceptions; x->path != NULL; x++)
		if (strcmp(x->path, m->path) == 0 &&
		    strcmp(x->prop, p->name) == 0)
			return 1;
	return 0;
}

/* Configuration the user stores and export writes. */
static int
rt_stored(const struct sch_menu *m)
{
	return !(m->flags & (M_RUNTIME | M_ACTION_ONLY | M_KERNEL_LINKS |
	    M_FILES | M_NOT_EXPORTED | M_READONLY));
}

/* What add/set can give and export can write back. */
static int
rt_writable(const struct sch_prop *p)
{
	return !(p->flags & (P_RO | P_NOEXPORT | P_SET_ONLY)) &&
	    strcmp(p->name, SCH_PLACE_BEFORE) != 0 &&
	    strcmp(p->name, SCH_COPY_FROM) != 0;
}

/* ------------------------------------------------------------------ */
/* Host links                                                          */
/* ------------------------------------------------------------------ */

/* Two fixed links stand in for the host's, so that /interface names
 * resolve alike on every machine and in both stores. */
static const char *const rt_links[] = { "ether1", "ether2", NULL };

static int
rt_link_list(void *ctx, struct eng_link **out, int *n, char *err,
    size_t errsz)
{
	int i;

	(void)ctx;
	(void)err;
	(void)errsz;
	*n = 2;
	*out = calloc(2, sizeof(**out));
	if (*out == NULL)
		return -1;
	for (i = 0; i < 2; i++) {
		(*out)[i].ifindex = 2 + i;
		snprintf((*out)[i].name, sizeof((*out)[i].name), "%s",
		    rt_links[i]);
		snprintf((*out)[i].type, sizeof((*out)[i].type), "ether");
		(*out)[i].mtu = 1500;
		snprintf((*out)[i].mac, sizeof((*out)[i].mac),
		    "02:00:00:00:00:%02X", i + 1);
		(*out)[i].up = (*out)[i].running = 1;
	}
	return 0;
}

static const struct eng_backend rt_backend = {
	.ctx = NULL,
	.link_list = rt_link_list,
	.default_route_ifname = NULL,
};

/* ------------------------------------------------------------------ */
/* Generator state                                                     */
/* ------------------------------------------------------------------ */

#define RT_MAXMENUS	64
#define RT_MAXNAMES	16
#define RT_MAXPROPS	160
#define RT_VAL		512
#define RT_NCAND	24

/* Export position of added items: after small factory ids, before
 * *FFFFFFFE (the /ppp profile that always sorts last). */
#define RT_ADD_ORD	0x10000LL

struct rt_name {
	char *name;
	long long ord;		/* position in the menu's export */
	int added;		/* created by the script, not factory */
};

struct rt_menu {
	struct rt_name names[RT_MAXNAMES];
	int nnames;
	unsigned char set[RT_MAXPROPS];	/* property given at least once */
	int adds;			/* add lines of the script */
	int sets;			/* set lines of the script */
};

/* One generated command and the canonical values it gives. */
struct rt_cmd {
	int mi;			/* menu */
	char *head;		/* "add", "set", "set [ find default=yes ]" */
	int add;		/* the add-th add of the menu, or -1 */
	int n;
	const char *props[RT_MAXPROPS];
	char *vals[RT_MAXPROPS];
};

#define RT_MAXCMDS	128

struct rt_gen {
	struct rt_buf script;
	struct rt_menu ms[RT_MAXMENUS];
	struct rt_cmd *cmds[RT_MAXCMDS];
	int ncmds;
	int serial;		/* makes names and addresses unique */
	int text;		/* next of rt_texts */
	int negated;		/* ! values written */
};

static int
rt_menu_index(const char *path)
{
	int i;

	for (i = 0; sch_menus[i] != NULL; i++)
		if (strcmp(sch_menus[i]->path, path) == 0)
			return i;
	return -1;
}

static void
rt_name_add(struct rt_menu *ms, const char *name, long long ord, int added)
{
	ck_assert_int_lt(ms->nnames, RT_MAXNAMES);
	ms->names[ms->nnames].name = strdup(name);
	ms->names[ms->nnames].ord = ord;
	ms->names[ms->nnames].added = added;
	ms->nnames++;
}

static void
rt_gen_free(struct rt_gen *g)
{
	int i, k;

	for (i = 0; i < RT_MAXMENUS; i++)
		for (k = 0; k < g->ms[i].nnames; k++)
			free(g->ms[i].names[k].name);
	for (i = 0; i < g->ncmds; i++) {
		for (k = 0; k < g->cmds[i]->n; k++)
			free(g->cmds[i]->vals[k]);
		free(g->cmds[i]->head);
		free(g->cmds[i]);
	}
	free(g->script.s);
}

/* Value of prop in a factory item; *found says whether it lists it. */
static const char *
rt_kv(const struct sch_item *it, const char *prop, int *found)
{
	const char *const *kv;

	*found = 0;
	for (kv = it ? it->kv : NULL; kv != NULL && kv[0] != NULL; kv += 2) {
		if (strcmp(kv[0], prop) == 0) {
			*found = 1;
			return kv[1];
		}
	}
	return NULL;
}

/* Names items start with: the factory items, or the host links. */
static void
rt_gen_init(struct rt_gen *g)
{
	const struct sch_menu *m;
	const struct sch_item *it;
	const char *np, *v;
	int i, k, found;

	memset(g, 0, sizeof(*g));
	for (i = 0; (m = sch_menus[i]) != NULL; i++) {
		ck_assert_int_lt(i, RT_MAXMENUS);
		ck_assert_int_le(sch_prop_count(m), RT_MAXPROPS);
		if (m->flags & M_KERNEL_LINKS) {
			for (k = 0; rt_links[k] != NULL; k++)
				rt_name_add(&g->ms[i], rt_links[k], k, 0);
			continue;
		}
		np = m->name_prop;
		for (it = m->items; np && it && it->kv; it++)
			if ((v = rt_kv(it, np, &found)) != NULL)
				rt_name_add(&g->ms[i], v, it->id, 0);
	}
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/* Text that exercises quoting: spaces, escapes, CRLF lines, bytes
 * beyond ASCII, and a value too long for one export line. */
static const char *const rt_texts[] = {
	"plain-text",
	"two words and \"quotes\"",
	"cost $5, a \\ back? {braces} [brackets] ;semi",
	"line one\r\nline two\r\nline three",
	"tab\tseparated",
	"caf\xc3\xa9 \xe2\x82\xac",
	"a long text that can not fit on one exported line of seventy-nine "
	"characters, so it is split",
	"#not-a-comment",
	"lf\nonly",
	NULL
};

struct rt_cands {
	char v[RT_NCAND][RT_VAL];
	int n;
};

static void __attribute__((format(printf, 2, 3)))
rc_add(struct rt_cands *c, const char *fmt, ...)
{
	va_list ap;

	if (c->n == RT_NCAND)
		return;
	va_start(ap, fmt);
	vsnprintf(c->v[c->n], RT_VAL, fmt, ap);
	va_end(ap);
	c->n++;
}

/* Every keyword of a property as a candidate. */
static void
rc_words(struct rt_cands *c, const char *const *w)
{
	for (; w != NULL && *w != NULL; w++)
		rc_add(c, "%s", *w);
}

/* Names of menu `ref` an item at position ord of menu mi may name:
 * items of earlier menus, or earlier items of its own menu.  Names the
 * script added come first, so lists and members stay distinct. */
static int
rt_refs(struct rt_gen *g, int mi, const char *ref, long long ord,
    const char **out, int max)
{
	const struct rt_menu *ms;
	int ri = rt_menu_index(ref), n = 0, pass, k;

	if (ri < 0 || ri > mi)
		return 0;
	ms = &g->ms[ri];
	for (pass = 1; pass >= 0; pass--)
		for (k = 0; k < ms->nnames && n < max; k++)
			if (ms->names[k].added == pass &&
			    (ri != mi || ms->names[k].ord < ord))
				out[n++] = ms->names[k].name;
	return n;
}

/* A.B.C. with B.C unique per call. */
static void
rt_net(struct rt_gen *g, char *out, size_t sz)
{
	int c = g->serial++;

	snprintf(out, sz, "10.%d.%d.", 1 + c / 250, c % 250);
}

static void
rt_cand_refs(struct rt_gen *g, int mi, const struct sch_prop *p,
    long long ord, int variant, struct rt_cands *c)
{
	const char *names[RT_MAXNAMES];
	int n = rt_refs(g, mi, p->ref, ord, names, RT_MAXNAMES), k;

	if (p->type == ST_REF_LIST) {
		if (variant == 0 && n >= 2)
			rc_add(c, "%s,%s", names[0], names[1]);
		if (n >= 1)
			rc_add(c, "%s", names[0]);
		return;
	}
	if (variant == 1 && n > 0 && (p->flags & P_NEGATE))
		rc_add(c, "!%s", names[1 % n]);
	if (variant == 1)
		rc_words(c, p->words);
	for (k = 0; k < n; k++)
		rc_add(c, "%s", names[(k + variant) % n]);
	rc_words(c, p->words);
}

static void
rt_cand_number(const struct sch_prop *p, const char *base, int variant,
    struct rt_cands *c)
{
	long long b = 0;
	char *end = NULL;

	if (variant == 1)
		rc_words(c, p->words);
	if (base != NULL && *base != '\0')
		b = strtoll(base, &end, 10);
	if (end != NULL && *end == '\0') {
		if (variant == 1 && (p->flags & P_NEGATE))
			rc_add(c, "!%lld", b + 1);
		rc_add(c, "%lld", b + 1);
		rc_add(c, "%lld", b - 1);
	}
	if (p->min != 0 || p->max != 0) {
		if (variant == 1 && (p->flags & P_NEGATE))
			rc_add(c, "!%lld", p->min + 1);
		rc_add(c, "%lld", p->min + 1);
		rc_add(c, "%lld", p->max - 1);
		rc_add(c, "%lld", p->min);
	} else {
		rc_add(c, "%d", 7 + variant);
	}
	rc_words(c, p->words);
}

static void
rt_cand_enum(const struct sch_prop *p, int variant, struct rt_cands *c)
{
	const char *const *v = p->values;
	int n = 0, k, a, b;

	while (v != NULL && v[n] != NULL)
		n++;
	if (n == 0)
		return;
	if (p->type == ST_ENUM_LIST && n >= 2) {
		a = variant % n;
		b = (variant + (n > 2 ? 2 : 1)) % n;
		rc_add(c, "%s,%s%s", v[a], variant == 1 &&
		    (p->flags & P_NEGATE) ? "!" : "", v[b]);
	}
	if (p->type == ST_ENUM && variant == 1 && (p->flags & P_NEGATE))
		rc_add(c, "!%s", v[1 % n]);
	for (k = 0; k < n; k++)
		rc_add(c, "%s", v[(k + variant) % n]);
}

static void
rt_cand_text(struct rt_gen *g, const struct sch_prop *p, int variant,
    struct rt_cands *c)
{
	int n = 0, k;

	while (rt_texts[n] != NULL)
		n++;
	k = g->text++ % n;
	if (variant == 1 && (p->flags & P_NEGATE))
		rc_add(c, "!%s", rt_texts[k]);
	rc_add(c, "%s", rt_texts[k]);
	rc_add(c, "%s", rt_texts[(k + 1) % n]);
}

/* Item names: fixed width, so no name is a prefix of another. */
static void
rt_cand_name(struct rt_gen *g, const struct sch_menu *m,
    const struct sch_prop *p, int variant, struct rt_cands *c)
{
	const char *tail = strrchr(m->path, '/') + 1;
	int u = g->serial++;

	if (variant == 1 && (p->flags & P_NEGATE))
		rc_add(c, "!%.12s%04d", tail, u);
	if (variant == 1 && !(p->flags & P_UNIQUE))
		rc_words(c, p->words);
	rc_add(c, "%.12s%04d", tail, u);
}

static void
rt_cand_addr(struct rt_gen *g, const struct sch_prop *p, int variant,
    struct rt_cands *c)
{
	const char *neg = variant == 1 && (p->flags & P_NEGATE) ? "!" : "";
	char n[32];

	rt_net(g, n, sizeof(n));
	switch (p->type) {
	case ST_IP:
		rc_add(c, "%s%s1", neg, n);
		rc_add(c, "%s1", n);
		break;
	case ST_IP_PREFIX:
		rc_add(c, "%s%s1/24", neg, n);
		rc_add(c, "%s1/24", n);
		break;
	case ST_IP_NET:
		rc_add(c, "%s%s0/24", neg, n);
		rc_add(c, "%s0/24", n);
		break;
	case ST_IP_RANGES:
		if (variant == 1)
			rc_add(c, "%s0/28,%s100", n, n);
		rc_add(c, "%s10-%s20", n, n);
		break;
	case ST_ADDR_MATCH:
		if (variant == 1)
			rc_add(c, "%s%s1-%s9", neg, n, n);
		rc_add(c, "%s0/24", n);
		break;
	case ST_IP_LIST:
		if (variant == 1)
			rc_add(c, "%s3", n);
		rc_add(c, "%s1,%s2", n, n);
		break;
	case ST_ADDR_LIST:
		if (variant == 1)
			rc_add(c, "%s7", n);
		rc_add(c, "%s0/24,%s1", n, n);
		break;
	case ST_ANY_ADDR:
		if (variant == 1)
			rc_add(c, "%s2001:db8::%x", neg, g->serial);
		rc_add(c, "%s%s1", neg, n);
		rc_add(c, "vpn%d.example.net", g->serial);
		break;
	default:
		break;
	}
}

/* Booleans, times, ports and protocols. */
static void
rt_cand_scalar(const struct sch_prop *p, const char *base, int variant,
    struct rt_cands *c)
{
	const char *neg = p->flags & P_NEGATE ? "!" : "";

	switch (p->type) {
	case ST_BOOL:
		if (base == NULL)
			rc_add(c, "%s", variant ? "no" : "yes");
		rc_add(c, "%s", base && strcmp(base, "yes") == 0 ? "no" :
		    "yes");
		break;
	case ST_TIME:
		if (variant == 1)
			rc_words(c, p->words);
		rc_add(c, "1h2m3s");
		rc_add(c, "45s");
		rc_add(c, "2d");
		rc_add(c, "90");
		rc_words(c, p->words);
		break;
	case ST_PORTS:
		if (variant == 1)
			rc_add(c, "%s1701", neg);
		rc_add(c, "500,4500,1000-2000");
		break;
	case ST_PROTOCOL:
		if (variant == 1)
			rc_add(c, "%stcp", neg);
		rc_add(c, "%s", variant ? "47" : "udp");
		rc_add(c, "tcp");
		break;
	default:
		rc_add(c, "2026-01-02 03:04:05");
		break;
	}
}

static void
rt_candidates(struct rt_gen *g, int mi, const struct sch_prop *p,
    const char *base, long long ord, int variant, struct rt_cands *c)
{
	char n[32];

	c->n = 0;
	switch (p->type) {
	case ST_STRING:
		rt_cand_text(g, p, variant, c);
		break;
	case ST_NAME:
		rt_cand_name(g, sch_menus[mi], p, variant, c);
		break;
	case ST_INT:
	case ST_HEX:
	case ST_SIZE:
		rt_cand_number(p, base, variant, c);
		break;
	case ST_ENUM:
	case ST_ENUM_LIST:
		rt_cand_enum(p, variant, c);
		break;
	case ST_REF:
	case ST_REF_LIST:
		rt_cand_refs(g, mi, p, ord, variant, c);
		break;
	case ST_IP_OR_REF:
		if (variant == 1)
			rt_cand_refs(g, mi, p, ord, variant, c);
		rt_net(g, n, sizeof(n));
		rc_add(c, "%s1", n);
		break;
	case ST_BOOL:
	case ST_TIME:
	case ST_PORTS:
	case ST_PROTOCOL:
	case ST_DATETIME:
		rt_cand_scalar(p, base, variant, c);
		break;
	default:
		rt_cand_addr(g, p, variant, c);
		break;
	}
}

/*
 * A valid value of p that differs from base, in canonical form: the
 * first candidate sch_value_check accepts.  0 on success.
 */
static int
rt_value(struct rt_gen *g, int mi, const struct sch_prop *p,
    const char *base, long long ord, int variant, char *out, size_t sz)
{
	struct rt_cands *c = malloc(sizeof(*c));
	int k, rc = -1;

	ck_assert_ptr_nonnull(c);
	rt_candidates(g, mi, p, base, ord, variant, c);
	for (k = 0; k < c->n && rc < 0; k++) {
		if (sch_value_check(p, c->v[k], out, sz) != SCH_OK)
			continue;
		if (base == NULL || strcmp(out, base) != 0)
			rc = 0;
	}
	free(c);
	if (rc == 0 && out[0] == '!')
		g->negated++;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Script                                                              */
/* ------------------------------------------------------------------ */

static int
rt_bare(const char *v)
{
	if (*v == '\0')
		return 0;
	for (; *v != '\0'; v++)
		if (!((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
		    (*v >= '0' && *v <= '9') || strchr("._-/:,", *v)))
			return 0;
	return 1;
}

/* A console literal of v: bare, or quoted with the escapes of 1.6. */
static void
rt_quote(struct rt_buf *b, const char *v)
{
	const unsigned char *s = (const unsigned char *)v;

	if (rt_bare(v)) {
		rb_puts(b, v);
		return;
	}
	rb_puts(b, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\' || *s == '$' || *s == '?')
			rb_printf(b, "\\%c", *s);
		else if (*s == '\r')
			rb_puts(b, "\\r");
		else if (*s == '\n')
			rb_puts(b, "\\n");
		else if (*s == '\t')
			rb_puts(b, "\\t");
		else if (*s < 0x20 || *s >= 0x7f)
			rb_printf(b, "\\%02X", *s);
		else
			rb_put(b, (const char *)s, 1);
	}
	rb_puts(b, "\"");
}

/* "/ip/firewall/filter" -> "/ip firewall filter" */
static void
rt_section_name(const char *path, char *out, size_t sz)
{
	size_t i;

	snprintf(out, sz, "%s", path);
	for (i = 1; out[i] != '\0'; i++)
		if (out[i] == '/')
			out[i] = ' ';
}

/* Selector of factory item `it` (number `index` in print order), the
 * way export writes it (schema.h, export_default_sel). */
static void
rt_selector(const struct sch_menu *m, const struct sch_item *it, int index,
    struct rt_buf *b)
{
	const char *t = m->export_default_sel, *e, *v;
	char prop[64];
	int found;

	if (t == NULL) {
		rb_printf(b, "*%llX", (unsigned long long)it->id);
		return;
	}
	for (; *t != '\0'; t++) {
		if (t[0] != '%' || t[1] == '\0') {
			rb_put(b, t, 1);
			continue;
		}
		t++;
		v = m->name_prop ? rt_kv(it, m->name_prop, &found) : NULL;
		if (*t == 's' && v != NULL) {
			rt_quote(b, v);
		} else if (*t == '*' || *t == 's') {
			rb_printf(b, "*%llX", (unsigned long long)it->id);
		} else if (*t == '#') {
			rb_printf(b, "%d", index);
		} else if (*t == '{' && (e = strchr(t, '}')) != NULL) {
			snprintf(prop, sizeof(prop), "%.*s", (int)(e - t - 1),
			    t + 1);
			v = rt_kv(it, prop, &found);
			rt_quote(b, v ? v : "");
			t = e;
		} else {
			rb_put(b, t, 1);
		}
	}
}

/* Count an item the script added or set (factory item it, if any), and
 * remember the name later items may refer to it by. */
static void
rt_note_item(struct rt_menu *ms, int add, const struct sch_item *it,
    const char *newname, long long ord)
{
	int k;

	if (add) {
		ms->adds++;
		if (newname != NULL)
			rt_name_add(ms, newname, ord, 1);
		return;
	}
	ms->sets++;
	for (k = 0; it != NULL && newname != NULL && k < ms->nnames; k++) {
		if (!ms->names[k].added && ms->names[k].ord == it->id) {
			free(ms->names[k].name);
			ms->names[k].name = strdup(newname);
		}
	}
}

/*
 * One command giving every writable property of menu mi a value: an add
 * (it == NULL, the variant-th item), a set of factory item it, or the
 * set of a settings menu.  ord is the item's place in the export.
 */
static void
rt_gen_item(struct rt_gen *g, int mi, const struct sch_item *it, int index,
    int variant, long long ord)
{
	const struct sch_menu *m = sch_menus[mi];
	struct rt_menu *ms = &g->ms[mi];
	int single = (m->flags & M_SINGLETON) != 0, add = !single && !it;
	const struct sch_prop *p;
	const char *base, *newname = NULL;
	char val[RT_VAL], newbuf[RT_VAL];
	struct rt_buf head = { 0 };
	struct rt_cmd *cmd = calloc(1, sizeof(*cmd));
	int k, found;

	ck_assert_ptr_nonnull(cmd);
	ck_assert_int_lt(g->ncmds, RT_MAXCMDS);
	g->cmds[g->ncmds++] = cmd;
	rb_puts(&head, add ? "add" : "set");
	if (it != NULL && !single) {
		rb_puts(&head, " ");
		rt_selector(m, it, index, &head);
	}
	rb_puts(&g->script, head.s);
	cmd->mi = mi;
	cmd->head = head.s;
	cmd->add = add ? ms->adds : -1;
	for (k = 0; (p = &m->props[k])->name != NULL; k++) {
		if (!rt_writable(p) || rt_excepted(m, p) ||
		    (!add && (p->flags & P_WRITE_ONCE)))
			continue;
		base = rt_kv(it, p->name, &found);
		if (!found)
			base = p->dflt;
		if (rt_value(g, mi, p, base, ord, variant, val,
		    sizeof(val)) < 0)
			continue;
		rb_printf(&g->script, " %s=", p->name);
		rt_quote(&g->script, val);
		ms->set[k] = 1;
		cmd->props[cmd->n] = p->name;
		cmd->vals[cmd->n++] = strdup(val);
		if (m->name_prop && strcmp(p->name, m->name_prop) == 0)
			newname = strcpy(newbuf, val);
	}
	rb_puts(&g->script, "\n");
	rt_note_item(ms, add, it, newname, ord);
}

static void
rt_gen_menu(struct rt_gen *g, int mi)
{
	const struct sch_menu *m = sch_menus[mi];
	const struct sch_item *it = m->items;
	char sec[128];
	int n = 0;

	rt_section_name(m->path, sec, sizeof(sec));
	rb_printf(&g->script, "%s\n", sec);
	if (m->flags & M_SINGLETON) {
		rt_gen_item(g, mi, it && it->kv ? it : NULL, 0, 0, 0);
		return;
	}
	while (it != NULL && it[n].kv != NULL)
		n++;
	/* The first and the last factory item, in export order. */
	if (n > 0)
		rt_gen_item(g, mi, &it[0], 0, 0, it[0].id);
	if (n > 1)
		rt_gen_item(g, mi, &it[n - 1], n - 1, 1, it[n - 1].id);
	rt_gen_item(g, mi, NULL, 0, 0, RT_ADD_ORD);
	rt_gen_item(g, mi, NULL, 0, 1, RT_ADD_ORD + 1);
}

/*
 * Rename every item the script added.  References to it follow (items
 * are referred to by id), so the export must still import.
 */
static void
rt_gen_renames(struct rt_gen *g)
{
	const struct sch_menu *m;
	struct rt_menu *ms;
	char sec[128], name[RT_VAL];
	int i, k, head;

	for (i = 0; (m = sch_menus[i]) != NULL; i++) {
		ms = &g->ms[i];
		if (!rt_stored(m) || m->name_prop == NULL)
			continue;
		for (k = head = 0; k < ms->nnames; k++) {
			if (!ms->names[k].added)
				continue;
			if (!head++) {
				rt_section_name(m->path, sec, sizeof(sec));
				rb_printf(&g->script, "%s\n", sec);
			}
			snprintf(name, sizeof(name), "%sr", ms->names[k].name);
			rb_puts(&g->script, "set ");
			rt_quote(&g->script, ms->names[k].name);
			rb_printf(&g->script, " %s=", m->name_prop);
			rt_quote(&g->script, name);
			rb_puts(&g->script, "\n");
		}
	}
}

/* Move the last item of every ordered menu to the top of the user's
 * items; factory items (the policy template, the logging rules) keep
 * their place at the head of the list. */
static void
rt_gen_moves(struct rt_gen *g)
{
	const struct sch_menu *m;
	const struct sch_item *it;
	char sec[128];
	int i, n, nf;

	for (i = 0; (m = sch_menus[i]) != NULL; i++) {
		if (!rt_stored(m) || !(m->flags & M_ORDERED))
			continue;
		for (nf = 0, it = m->items; it && it->kv; it++)
			nf++;
		n = g->ms[i].adds + nf;
		rt_section_name(m->path, sec, sizeof(sec));
		/* Item numbers are those of the last print. */
		rb_printf(&g->script, "%s\nprint\nmove numbers=%d "
		    "destination=%d\n", sec, n - 1, nf);
	}
}

static void
rt_generate(struct rt_gen *g)
{
	int i;

	rt_gen_init(g);
	for (i = 0; sch_menus[i] != NULL; i++)
		if (rt_stored(sch_menus[i]))
			rt_gen_menu(g, i);
}

/* ------------------------------------------------------------------ */
/* Stores                                                              */
/* ------------------------------------------------------------------ */

struct rt_store {
	char dir[64];
	char db[96];
	char *out, *err;
	size_t outlen, errlen;
	FILE *fout, *ferr;
	struct eng *e;
};

static void
rs_open(struct rt_store *s)
{
	struct eng_opts o;
	char err[256] = "";

	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/rosh-roundtrip-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(s->dir));
	snprintf(s->db, sizeof(s->db), "%s/config.db", s->dir);
	s->fout = open_memstream(&s->out, &s->outlen);
	s->ferr = open_memstream(&s->err, &s->errlen);
	ck_assert(s->fout != NULL && s->ferr != NULL);
	memset(&o, 0, sizeof(o));
	o.db_path = s->db;
	o.user = "admin";
	o.interactive = 0;
	o.width = 0;
	o.out = s->fout;
	o.err = s->ferr;
	o.backend = &rt_backend;
	s->e = eng_open(&o, err, sizeof(err));
	ck_assert_msg(s->e != NULL, "eng_open: %s", err);
}

static int
rt_rm(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void
rs_close(struct rt_store *s)
{
	eng_close(s->e);
	fclose(s->fout);
	fclose(s->ferr);
	free(s->out);
	free(s->err);
	nftw(s->dir, rt_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Run src; *out and *err get what it wrote (malloc'd).  Returns the
 * eng_run result. */
static int
rs_run(struct rt_store *s, const char *src, char **out, char **err)
{
	size_t o0, e0;
	int rc;

	fflush(s->fout);
	fflush(s->ferr);
	o0 = s->outlen;
	e0 = s->errlen;
	rc = eng_run(s->e, src, strlen(src), ENG_RUN_ATOMIC, NULL);
	fflush(s->fout);
	fflush(s->ferr);
	*out = strndup(s->out + o0, s->outlen - o0);
	*err = strndup(s->err + e0, s->errlen - e0);
	return rc;
}

/* Line n (from 1) of text, for messages. */
static char *
rt_line(const char *text, int n)
{
	const char *e;

	while (--n > 0 && (text = strchr(text, '\n')) != NULL)
		text++;
	if (text == NULL)
		return strdup("?");
	e = strchr(text, '\n');
	return strndup(text, e ? (size_t)(e - text) : strlen(text));
}

/* Run a script that must succeed; the failure names the line. */
static void
rs_must_run(struct rt_store *s, const char *src, const char *what)
{
	char *out, *err, *line;
	const char *at;
	int rc, ln = 0;

	rc = rs_run(s, src, &out, &err);
	if (rc != 0) {
		at = strstr(err, "(line ");
		if (at != NULL)
			ln = atoi(at + 6);
		line = rt_line(src, ln);
		ck_abort_msg("%s failed: %s\nline %d: %s", what, err, ln,
		    line);
	}
	free(out);
	free(err);
}

/* The body of an export: what follows the three header lines. */
static char *
rs_export(struct rt_store *s, const char *args)
{
	char cmd[128], *out, *err, *body, *line;
	const char *p;
	int rc;

	snprintf(cmd, sizeof(cmd), "/export %s\n", args);
	rc = rs_run(s, cmd, &out, &err);
	ck_assert_msg(rc == 0, "/export %s failed: %s", args, err);
	p = out;
	line = rt_line(p, 1);
	ck_assert_msg(strncmp(line, "# 20", 4) == 0 &&
	    strstr(line, " by RouterOS ") != NULL,
	    "export header line 1: %s", line);
	free(line);
	p = strchr(p, '\n');
	ck_assert_msg(p != NULL && strncmp(p + 1, "# software id =", 15) == 0,
	    "export header line 2: %.80s", p ? p + 1 : "");
	p = strchr(p + 1, '\n');
	ck_assert_msg(p != NULL && strncmp(p + 1, "#\n", 2) == 0,
	    "export header line 3: %.80s", p ? p + 1 : "");
	p++;
	body = strdup(p + 2);
	free(out);
	free(err);
	return body;
}

/* ------------------------------------------------------------------ */
/* Comparisons                                                         */
/* ------------------------------------------------------------------ */

/* Fail with the first differing line of two texts. */
static void
rt_assert_same(const char *a, const char *b, const char *what)
{
	int ln = 1;
	size_t i;
	char *la, *lb;

	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == '\n')
			ln++;
	if (a[i] == b[i])
		return;
	la = rt_line(a, ln);
	lb = rt_line(b, ln);
	ck_abort_msg("%s: exports differ at line %d:\n  first:  %s\n"
	    "  second: %s", what, ln, la, lb);
}

/* Every line of the sections for path in an export, joined. */
static char *
rt_section(const char *exp, const char *path)
{
	struct rt_buf b = { 0 };
	char sec[128];
	const char *e;
	size_t n;
	int in = 0;

	rt_section_name(path, sec, sizeof(sec));
	rb_puts(&b, "");
	for (; *exp != '\0'; exp = *e ? e + 1 : e) {
		e = strchr(exp, '\n');
		if (e == NULL)
			e = exp + strlen(exp);
		n = (size_t)(e - exp);
		if (*exp == '/')
			in = n == strlen(sec) && strncmp(exp, sec, n) == 0;
		else if (in) {
			rb_put(&b, exp, n);
			rb_puts(&b, "\n");
		}
	}
	return b.s;
}

static int
rt_count_heads(const char *sec, const char *head)
{
	size_t n = strlen(head);
	int cnt = 0;

	for (; sec != NULL && *sec != '\0'; sec = strchr(sec, '\n'),
	    sec = sec ? sec + 1 : NULL)
		if (strncmp(sec, head, n) == 0 && (sec[n] == ' ' ||
		    sec[n] == '\n'))
			cnt++;
	return cnt;
}

/* Value of a hex digit, -1 if none. */
static int
rt_xdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode the value of an export line at s (bare, or quoted with the
 * escapes of console-language 1.6) into b.
 */
static void
rt_unquote(const char *s, struct rt_buf *b)
{
	static const char from[] = "\"\\$?_rntabfv";
	static const char to[] = "\"\\$? \r\n\t\a\b\f\v";
	const char *e;
	char c;

	rb_puts(b, "");
	if (*s != '"') {
		for (e = s; *e != '\0' && *e != ' '; e++)
			;
		rb_put(b, s, (size_t)(e - s));
		return;
	}
	for (s++; *s != '\0' && *s != '"'; s++) {
		if (*s != '\\') {
			rb_put(b, s, 1);
		} else if (rt_xdigit(s[1]) >= 0 && rt_xdigit(s[2]) >= 0) {
			c = (char)(rt_xdigit(s[1]) * 16 + rt_xdigit(s[2]));
			rb_put(b, &c, 1);
			s += 2;
		} else if (s[1] != '\0' && (e = strchr(from, s[1])) != NULL) {
			rb_put(b, &to[e - from], 1);
			s++;
		} else {
			rb_puts(b, "<bad escape>");
		}
	}
}

/* The line of a terse export that holds cmd: "/ip pool add ..." (the
 * cmd->add-th add of the section) or "/ip pool set <selector> ...". */
static const char *
rt_terse_line(const char *exp, const struct rt_cmd *cmd, size_t *plen)
{
	char prefix[256];
	int adds = 0;

	rt_section_name(sch_menus[cmd->mi]->path, prefix, sizeof(prefix));
	snprintf(prefix + strlen(prefix), sizeof(prefix) - strlen(prefix),
	    " %s ", cmd->head);
	*plen = strlen(prefix);
	for (; exp != NULL && *exp != '\0'; exp = strchr(exp, '\n'),
	    exp = exp ? exp + 1 : NULL) {
		if (strncmp(exp, prefix, *plen) != 0)
			continue;
		if (cmd->add < 0 || adds++ == cmd->add)
			return exp;
	}
	return NULL;
}

/* Check the values of cmd against its line of a terse export; what
 * differs is appended to miss. */
static void
rt_check_values(const char *exp, const struct rt_cmd *cmd,
    struct rt_buf *miss)
{
	const char *line, *nl, *s;
	struct rt_buf got = { 0 };
	char key[96], *args;
	size_t plen;
	int k;

	line = rt_terse_line(exp, cmd, &plen);
	if (line == NULL) {
		rb_printf(miss, "\n%s %s: no such line",
		    sch_menus[cmd->mi]->path, cmd->head);
		return;
	}
	line += plen - 1;
	nl = strchr(line, '\n');
	args = strndup(line, nl ? (size_t)(nl - line) : strlen(line));
	for (k = 0; k < cmd->n; k++) {
		snprintf(key, sizeof(key), " %s=", cmd->props[k]);
		if ((s = strstr(args, key)) == NULL) {
			rb_printf(miss, "\n%s %s: %s missing",
			    sch_menus[cmd->mi]->path, cmd->head, cmd->props[k]);
			continue;
		}
		rt_unquote(s + strlen(key), &got);
		if (strcmp(got.s, cmd->vals[k]) != 0)
			rb_printf(miss, "\n%s %s: %s=%.60s exported as %.60s",
			    sch_menus[cmd->mi]->path, cmd->head, cmd->props[k],
			    cmd->vals[k], got.s);
		got.len = 0;
	}
	free(args);
	free(got.s);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

/* The generator found a value for every writable property of every
 * stored menu: otherwise the round trip below would prove less. */
START_TEST(test_generator_covers_schema)
{
	struct rt_gen g;
	struct rt_buf miss = { 0 };
	const struct sch_menu *m;
	int i, k, menus = 0, props = 0;

	rt_generate(&g);
	rb_puts(&miss, "");
	for (i = 0; (m = sch_menus[i]) != NULL; i++) {
		if (!rt_stored(m))
			continue;
		menus++;
		for (k = 0; m->props[k].name != NULL; k++) {
			if (!rt_writable(&m->props[k]) ||
			    rt_excepted(m, &m->props[k]))
				continue;
			if (g.ms[i].set[k])
				props++;
			else
				rb_printf(&miss, " %s:%s", m->path,
				    m->props[k].name);
		}
	}
	ck_assert_msg(miss.len == 0, "no valid non-default value for%s",
	    miss.s);
	ck_assert_int_ge(menus, 20);
	ck_assert_int_ge(props, 300);
	ck_assert_int_gt(g.negated, 20);
	fprintf(stderr, "roundtrip: %d menus, %d properties, %d commands, "
	    "%d ! values\n", menus, props, g.ncmds, g.negated);
	for (k = 0; rt_exceptions[k].path != NULL; k++)
		fprintf(stderr, "roundtrip: not set: %s %s (%s)\n",
		    rt_exceptions[k].path, rt_exceptions[k].prop,
		    rt_exceptions[k].why);
	free(miss.s);
	rt_gen_free(&g);
}
END_TEST

/* Every property declared P_NEGATE takes a ! value (menus.md 0.1). */
START_TEST(test_negate_accepted)
{
	struct rt_gen g;
	struct rt_buf bad = { 0 };
	const struct sch_menu *m;
	const struct sch_prop *p;
	char val[RT_VAL];
	int i, k;

	rt_generate(&g);
	rb_puts(&bad, "");
	for (i = 0; (m = sch_menus[i]) != NULL; i++) {
		if (!rt_stored(m))
			continue;
		for (k = 0; (p = &m->props[k])->name != NULL; k++) {
			if (!rt_writable(p) || !(p->flags & P_NEGATE))
				continue;
			if (rt_value(&g, i, p, NULL, RT_ADD_ORD + 2, 1, val,
			    sizeof(val)) < 0 || strchr(val, '!') == NULL)
				rb_printf(&bad, " %s:%s", m->path, p->name);
		}
	}
	ck_assert_msg(bad.len == 0, "no ! value accepted for%s", bad.s);
	free(bad.s);
	rt_gen_free(&g);
}
END_TEST

enum { RT_AS_IS, RT_RENAMED, RT_MOVED };

static const struct {
	const char *args;	/* of /export */
	int change;		/* what happens after the script */
} rt_forms[] = {
	{ "show-sensitive", RT_AS_IS },
	{ "verbose show-sensitive", RT_AS_IS },
	{ "terse show-sensitive", RT_AS_IS },
	{ "show-sensitive", RT_RENAMED },
	{ "show-sensitive", RT_MOVED },
};

static const char *const rt_change_text[] = {
	"", " after renames", " after moves"
};

/* Export, import into a fresh store, export again: the same bytes. */
START_TEST(test_roundtrip)
{
	const char *form = rt_forms[_i].args;
	struct rt_store a, b;
	struct rt_gen g;
	char *ea, *eb, what[96];

	rt_generate(&g);
	if (rt_forms[_i].change == RT_RENAMED)
		rt_gen_renames(&g);
	if (rt_forms[_i].change == RT_MOVED)
		rt_gen_moves(&g);
	rs_open(&a);
	rs_must_run(&a, g.script.s, "generated script");
	ea = rs_export(&a, form);
	rs_open(&b);
	snprintf(what, sizeof(what), "import of /export %s%s", form,
	    rt_change_text[rt_forms[_i].change]);
	rs_must_run(&b, ea, what);
	eb = rs_export(&b, form);
	snprintf(what, sizeof(what), "/export %s%s", form,
	    rt_change_text[rt_forms[_i].change]);
	rt_assert_same(ea, eb, what);
	free(ea);
	free(eb);
	rs_close(&a);
	rs_close(&b);
	rt_gen_free(&g);
}
END_TEST

/* The compact export names every property the script set, and holds
 * every item it added or changed. */
START_TEST(test_export_mentions_everything)
{
	struct rt_store a;
	struct rt_gen g;
	struct rt_buf miss = { 0 };
	const struct sch_menu *m;
	char *exp, *sec, key[96];
	int i, k;

	rt_generate(&g);
	rs_open(&a);
	rs_must_run(&a, g.script.s, "generated script");
	exp = rs_export(&a, "show-sensitive");
	rb_puts(&miss, "");
	for (i = 0; (m = sch_menus[i]) != NULL; i++) {
		if (!rt_stored(m))
			continue;
		sec = rt_section(exp, m->path);
			/* A rename can change other factory items too (the
		 * rules that log to a renamed action): at least. */
		if (rt_count_heads(sec, "add") != g.ms[i].adds ||
		    rt_count_heads(sec, "set") < g.ms[i].sets)
			rb_printf(&miss, "\n%s: %d add, %d set lines (script: "
			    "%d, %d)", m->path, rt_count_heads(sec, "add"),
			    rt_count_heads(sec, "set"), g.ms[i].adds,
			    g.ms[i].sets);
		for (k = 0; m->props[k].name != NULL; k++) {
			snprintf(key, sizeof(key), " %s=", m->props[k].name);
			if (g.ms[i].set[k] && strstr(sec, key) == NULL)
				rb_printf(&miss, "\n%s: %s", m->path,
				    m->props[k].name);
		}
		free(sec);
	}
	ck_assert_msg(miss.len == 0, "missing from the export:%s", miss.s);
	free(exp);

	/* Terse lines hold one item each: every value must come back as
	 * the script gave it. */
	exp = rs_export(&a, "terse show-sensitive");
	for (i = k = 0; i < g.ncmds; i++) {
		rt_check_values(exp, g.cmds[i], &miss);
		k += g.cmds[i]->n;
	}
	ck_assert_int_gt(k, 600);
	ck_assert_msg(miss.len == 0, "values changed in the export:%s",
	    miss.s);
	free(miss.s);
	free(exp);
	rs_close(&a);
	rt_gen_free(&g);
}
END_TEST

/* Importing the export over its own configuration clashes on names and
 * changes nothing, not even what the same script did before the clash. */
START_TEST(test_import_over_itself_is_atomic)
{
	struct rt_store a;
	struct rt_gen g;
	struct rt_buf src = { 0 };
	char *before, *after, *out, *err;
	int rc;

	rt_generate(&g);
	rs_open(&a);
	rs_must_run(&a, g.script.s, "generated script");
	before = rs_export(&a, "show-sensitive");

	rc = rs_run(&a, before, &out, &err);
	ck_assert_int_ne(rc, 0);
	ck_assert_msg(strstr(err, "already have such") != NULL,
	    "expected a duplicate, got: %s", err);
	free(out);
	free(err);
	after = rs_export(&a, "show-sensitive");
	rt_assert_same(before, after, "after the failed import");
	free(after);

	rb_puts(&src, "/system identity set name=not-kept\n");
	rb_puts(&src, before);
	rc = rs_run(&a, src.s, &out, &err);
	ck_assert_int_ne(rc, 0);
	free(out);
	free(err);
	after = rs_export(&a, "show-sensitive");
	rt_assert_same(before, after, "after the failed import with a change");
	ck_assert_ptr_null(strstr(after, "not-kept"));

	free(after);
	free(before);
	free(src.s);
	rs_close(&a);
	rt_gen_free(&g);
}
END_TEST

static Suite *
roundtrip_suite(void)
{
	Suite *s = suite_create("roundtrip");
	TCase *tc;

	tc = tcase_create("generator");
	tcase_add_test(tc, test_generator_covers_schema);
	tcase_add_test(tc, test_negate_accepted);
	suite_add_tcase(s, tc);

	tc = tcase_create("roundtrip");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_roundtrip, 0,
	    (int)(sizeof(rt_forms) / sizeof(rt_forms[0])));
	suite_add_tcase(s, tc);

	tc = tcase_create("coverage");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_export_mentions_everything);
	suite_add_tcase(s, tc);

	tc = tcase_create("atomicity");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_import_over_itself_is_atomic);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(roundtrip_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
