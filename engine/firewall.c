/*
 * firewall.c - translate the stored firewall into one nftables script.
 *
 * Layout of the result (see firewall.h for how it is applied):
 *
 *	flowtable ft		fasttrack-connection, over the host's links
 *	set il_<list>		interface lists, built-ins and wildcards:
 *	set iw_<word>		  sets of interface names
 *	set al_<list>		address lists: ipv4_addr with timeouts
 *	chain <table>_<chain>	raw, mangle, nat, filter; built-in chains
 *				  hook at RouterOS-like priorities with
 *				  policy accept, user chains are jumped to
 *
 * Names are encoded so that any RouterOS name gives a valid and distinct
 * nft identifier: letters, digits and '-' stay, any other byte is _XX.
 *
 * Every RouterOS spelling comes from schema/fw_nft.c; this file knows
 * only nft syntax and the shape of the translation.  Rules are written
 * as "<matchers> counter [log] <action> comment "*ID text"".
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "firewall.h"

#define FW_NAME_MAX	255	/* nft object names: NFT_NAME_MAXLEN - 1 */
#define FW_COMMENT_MAX	127	/* nft rule comments */
#define FW_PREFIX_MAX	127	/* nft log prefixes */
#define FW_EXPAND_MAX	4096	/* addresses ranges may give a hash set */
#define FW_LIST_DEPTH	8	/* include/exclude nesting */
#define FW_FOREVER	UINT64_MAX

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

/* As sbuf: running out of memory ends the process. */
static void *
fw_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		fputs("rosh: out of memory\n", stderr);
		abort();
	}
	return p;
}

static char *
fw_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(fw_realloc(NULL, n), s, n);
}

/* Strings in insertion order, without duplicates. */
struct fw_strs {
	char **v;
	int n, cap;
};

static int
fw_strs_find(const struct fw_strs *s, const char *x)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return i;
	return -1;
}

static int
fw_strs_add(struct fw_strs *s, const char *x)
{
	int i = fw_strs_find(s, x);

	if (i >= 0)
		return i;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = fw_realloc(s->v, (size_t)s->cap * sizeof(*s->v));
	}
	s->v[s->n] = fw_strdup(x);
	return s->n++;
}

static void
fw_strs_fini(struct fw_strs *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int
fw_is_yes(const char *v)
{
	return v != NULL && strcmp(v, "yes") == 0;
}

/* Value of property `name` in row r of m, NULL when unset or absent. */
static const char *
fw_val(const struct sch_menu *m, const struct st_row *r, const char *name)
{
	int i;

	if (name == NULL || sch_prop_find(m, name, &i) == NULL)
		return NULL;
	return r->vals[i];
}

/* A RouterOS name as an nft identifier: prefix then the name with
 * every byte but letters, digits and '-' as _XX. */
static void
fw_ident(struct sbuf *o, const char *prefix, const char *name)
{
	const unsigned char *p;

	sb_puts(o, prefix);
	for (p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')
			sb_putc(o, (char)*p);
		else
			sb_printf(o, "_%02X", *p);
	}
}

/* Text inside nft double quotes (which know no escapes): quotes become
 * apostrophes, control bytes spaces; cut at max bytes, not inside a
 * UTF-8 sequence. */
static void
fw_quoted(struct sbuf *o, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	sb_putc(o, '"');
	for (; n > 0; n--, s++)
		sb_putc(o, *s == '"' ? '\'' : (unsigned char)*s < 0x20 ||
		    *s == 0x7f ? ' ' : *s);
	sb_putc(o, '"');
}

/* A name the kernel could give a link (IFNAMSIZ, no quote, blank, '/'
 * or control byte): only such names go into the script. */
static int
fw_ifname_ok(const char *n)
{
	size_t len = strlen(n), i;

	for (i = 0; i < len; i++)
		if ((unsigned char)n[i] <= ' ' || n[i] == '"' || n[i] == '/' ||
		    n[i] == 0x7f)
			return 0;
	return len > 0 && len < 16;
}

/* Only these bytes reach the script unquoted from a stored value. */
static int
fw_plain(const char *v, const char *allowed)
{
	return v[0] != '\0' && v[strspn(v, allowed)] == '\0';
}

#define FW_ADDR_CHARS	"0123456789./-"
#define FW_NUM_CHARS	"0123456789-"
#define FW_PORT_CHARS	"0123456789-,"

/* ------------------------------------------------------------------ */
/* Build state                                                         */
/* ------------------------------------------------------------------ */

struct fw_link {
	char *name;
	char *type;
	int dynamic;
};

struct fw_mark {
	char *name;
	unsigned mask, value;
};

struct fw_chain {
	char *name;		/* RouterOS name */
	int base;		/* index in the table's chains, or -1 */
	struct sbuf rules;
};

struct fw_b {
	struct eng *e;
	const struct fw_opts *o;
	char *err;
	size_t errsz;
	const struct sch_fw_args *a;
	const struct sch_fw_ifspec *is;
	struct fw_link *links;
	int nlinks;
	int flowtable;		/* fasttrack offloads: flowtable emitted */
	struct fw_strs iflists;	/* referenced interface lists */
	struct fw_strs ifwild;	/* referenced wildcards with link types */
	struct fw_strs alists;	/* address lists: stored and referenced */
	struct fw_strs adyn;	/* ... filled from the packet path */
	struct fw_mark *marks;
	int nmarks;
	const struct sch_fw_table *t;	/* table being translated */
	struct fw_chain *chains;
	int nchains;
	struct sbuf body;	/* chains of the tables done so far */
};

/* The rule being translated. */
struct fw_rule {
	struct fw_b *b;
	const struct sch_menu *m;
	const struct st_row *r;
	int proto;		/* protocol number when matched positively */
	struct sbuf *o;
};

static int
fw_fail(struct fw_b *b, const struct sch_menu *m, long long id,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "failure: /ip firewall filter *1A: <text>" */
static int
fw_fail(struct fw_b *b, const struct sch_menu *m, long long id,
    const char *fmt, ...)
{
	char path[128], text[384], *p;
	va_list ap;

	snprintf(path, sizeof(path), "%s", m ? m->path : "");
	for (p = path; *p; p++)
		if (*p == '/' && p != path)
			*p = ' ';
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (b->errsz == 0)
		return -1;
	if (id >= 0)
		snprintf(b->err, b->errsz, "failure: %s *%llX: %s", path,
		    (unsigned long long)id, text);
	else
		snprintf(b->err, b->errsz, "failure: %s: %s", path, text);
	return -1;
}

static int
fw_rfail(struct fw_rule *x, const char *prop, const char *val,
    const char *why)
{
	return fw_fail(x->b, x->m, x->r->id, "%s=%s: %s", prop,
	    val ? val : "", why);
}

/* ------------------------------------------------------------------ */
/* Marks                                                               */
/* ------------------------------------------------------------------ */

unsigned
fw_mark_value(const char *name, unsigned mask)
{
	uint32_t h = 2166136261U;	/* FNV-1a */
	int bits = __builtin_popcount(mask), shift;
	const unsigned char *p;

	if (mask == 0)
		return 0;
	shift = __builtin_ctz(mask);
	for (p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619U;
	if (bits < 32)
		h = (h ^ (h >> bits)) & ((1U << bits) - 1);
	if (h == 0)
		h = 1;
	return (unsigned)h << shift;
}

/* The mark's value; two names sharing one fails the build. */
static int
fw_mark(struct fw_rule *x, const char *prop, const char *name,
    unsigned mask, unsigned *value)
{
	struct fw_b *b = x->b;
	unsigned v = fw_mark_value(name, mask);
	int i;

	for (i = 0; i < b->nmarks; i++) {
		if (b->marks[i].mask != mask || b->marks[i].value != v)
			continue;
		if (strcmp(b->marks[i].name, name) == 0)
			break;
		return fw_rfail(x, prop, name, "mark value collides with "
		    "another mark name, rename one");
	}
	if (i == b->nmarks) {
		b->marks = fw_realloc(b->marks, (size_t)(b->nmarks + 1) *
		    sizeof(*b->marks));
		b->marks[b->nmarks].name = fw_strdup(name);
		b->marks[b->nmarks].mask = mask;
		b->marks[b->nmarks++].value = v;
	}
	*value = v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Matchers                                                            */
/* ------------------------------------------------------------------ */

/* "expr " or "expr != " */
static void
fw_lhs(struct fw_rule *x, const char *expr, int neg)
{
	sb_printf(x->o, " %s %s", expr, neg ? "!= " : "");
}

/* Protocol word of a number for error text ("tcp"). */
static const char *
fw_proto_word(int num, char *buf, size_t bufsz)
{
	const struct sch_fw_table *t = sch_fw_tables();
	const struct sch_fw_match *pm;
	const struct sch_prop *p = NULL;
	char n[16];

	for (pm = NULL; t->menu && p == NULL; t++) {
		const struct sch_prop *q;

		for (q = t->menu->props; q->name && p == NULL; q++)
			if ((pm = sch_fw_match_find(q->name)) != NULL &&
			    pm->kind == SFV_PROTO)
				p = q;
	}
	snprintf(n, sizeof(n), "%d", num);
	if (p == NULL || sch_value_check(p, n, buf, bufsz) != SCH_OK)
		snprintf(buf, bufsz, "%d", num);
	return buf;
}

/* The protocol requirements of a matcher or action. */
static int
fw_need(struct fw_rule *x, unsigned flags, const char *prop, const char *v)
{
	char w1[32], w2[32], why[128];

	if ((flags & SFM_PORTPROTO) && !sch_fw_proto_has_ports(x->proto)) {
		snprintf(why, sizeof(why), "needs a protocol with ports "
		    "(%s, %s...)", fw_proto_word(SCH_FW_PROTO_TCP, w1,
		    sizeof(w1)), fw_proto_word(17, w2, sizeof(w2)));
		return fw_rfail(x, prop, v, why);
	}
	if ((flags & SFM_TCP) && x->proto != SCH_FW_PROTO_TCP) {
		snprintf(why, sizeof(why), "needs protocol %s",
		    fw_proto_word(SCH_FW_PROTO_TCP, w1, sizeof(w1)));
		return fw_rfail(x, prop, v, why);
	}
	if ((flags & SFM_ICMP) && x->proto != SCH_FW_PROTO_ICMP) {
		snprintf(why, sizeof(why), "needs protocol %s",
		    fw_proto_word(SCH_FW_PROTO_ICMP, w1, sizeof(w1)));
		return fw_rfail(x, prop, v, why);
	}
	return 0;
}

/* "{ a, b }" from a comma list of plain elements, each through fn. */
static void
fw_set_lit(struct sbuf *o, const char *list, const char *suffix)
{
	const char *p = list, *c;

	sb_puts(o, "{ ");
	for (;;) {
		c = strchr(p, ',');
		sb_put(o, p, c ? (size_t)(c - p) : strlen(p));
		if (suffix)
			sb_puts(o, suffix);
		if (c == NULL)
			break;
		sb_puts(o, ", ");
		p = c + 1;
	}
	sb_puts(o, " }");
}

static int
fw_m_ports_any(struct fw_rule *x, const struct sch_fw_match *mt,
    const char *v, int neg)
{
	const char *p = v, *c;
	size_t n;

	if (neg) {
		fw_lhs(x, mt->expr, 1);
		fw_set_lit(x->o, v, NULL);
		fw_lhs(x, mt->expr2, 1);
		fw_set_lit(x->o, v, NULL);
		return 0;
	}
	/* Either port: (sport, dport) in P x any, or in any x P. */
	sb_printf(x->o, " %s . %s { ", mt->expr, mt->expr2);
	for (;;) {
		c = strchr(p, ',');
		n = c ? (size_t)(c - p) : strlen(p);
		sb_printf(x->o, "%.*s . 0-65535, 0-65535 . %.*s", (int)n, p,
		    (int)n, p);
		if (c == NULL)
			break;
		sb_puts(x->o, ", ");
		p = c + 1;
	}
	sb_puts(x->o, " }");
	return 0;
}

static const struct sch_fw_word *
fw_word(const struct sch_fw_word *w, const char *ros, size_t n)
{
	for (; w != NULL && w->ros != NULL; w++)
		if (strlen(w->ros) == n && memcmp(w->ros, ros, n) == 0)
			return w;
	return NULL;
}

/*
 * Enum lists: each element mapped; all positive or all negated (a mix
 * has no single nft form).  SFV_WORDS gives a set, SFV_BITS a mask test,
 * SFV_FLAGS "flags & (all named) == (the positive ones)".
 */
static int
fw_m_enum(struct fw_rule *x, const struct sch_fw_match *mt, const char *v)
{
	struct sbuf set, pos;
	const struct sch_fw_word *w;
	const char *p = v, *c;
	int npos = 0, nneg = 0, neg, rc = 0;
	size_t n;

	sb_init(&set);
	sb_init(&pos);
	for (; rc == 0; p = c + 1) {
		c = strchr(p, ',');
		n = c ? (size_t)(c - p) : strlen(p);
		neg = n > 0 && *p == '!';
		w = fw_word(mt->words, p + neg, n - (size_t)neg);
		if (w == NULL || w->nft == NULL)
			rc = fw_rfail(x, mt->prop, v, "value not supported");
		else {
			sb_printf(&set, "%s%s", set.len ? (mt->kind ==
			    SFV_WORDS ? ", " : "|") : "", w->nft);
			if (!neg)
				sb_printf(&pos, "%s%s", pos.len ? "|" : "",
				    w->nft);
			npos += !neg;
			nneg += neg;
		}
		if (c == NULL)
			break;
	}
	if (rc == 0 && mt->kind != SFV_FLAGS && npos > 0 && nneg > 0)
		rc = fw_rfail(x, mt->prop, v, "cannot mix negated and plain "
		    "values");
	if (rc == 0 && mt->kind == SFV_WORDS)
		sb_printf(x->o, " %s %s{ %s }", mt->expr, nneg ? "!= " : "",
		    sb_str(&set));
	else if (rc == 0 && mt->kind == SFV_BITS)
		sb_printf(x->o, " %s & (%s) %s 0", mt->expr, sb_str(&set),
		    nneg ? "==" : "!=");
	else if (rc == 0)
		sb_printf(x->o, " %s & (%s) == %s", mt->expr, sb_str(&set),
		    npos ? sb_str(&pos) : "0");
	sb_fini(&set);
	sb_fini(&pos);
	return rc;
}

static int
fw_m_icmp(struct fw_rule *x, const struct sch_fw_match *mt, const char *v,
    int neg)
{
	int tlo, thi, clo, chi;

	if (sch_fw_icmp_parse(v, &tlo, &thi, &clo, &chi) < 0)
		return fw_rfail(x, mt->prop, v, "expected type[:code]");
	sb_printf(x->o, " %s . %s %s{ ", mt->expr, mt->expr2,
	    neg ? "!= " : "");
	sb_printf(x->o, tlo == thi ? "%d" : "%d-%d", tlo, thi);
	sb_puts(x->o, " . ");
	sb_printf(x->o, clo == chi ? "%d" : "%d-%d", clo, chi);
	sb_puts(x->o, " }");
	return 0;
}

/*
 * rate per time as nft "N/unit": the largest unit is not needed, only
 * an exact one; rates nft cannot state exactly are refused.
 */
static int
fw_m_limit(struct fw_rule *x, const struct sch_fw_match *mt, const char *v,
    int neg)
{
	static const struct { const char *name; long long s; } units[] = {
		{ "second", 1 }, { "minute", 60 }, { "hour", 3600 },
		{ "day", 86400 }, { "week", 604800 },
	};
	struct sch_fw_limit l;
	unsigned long long rate, burst;
	__int128 num;
	size_t i;

	if (sch_fw_limit_parse(v, &l) < 0)
		return fw_rfail(x, mt->prop, v, "expected rate[/time],"
		    "burst[:packet|bit]");
	rate = l.bits ? (l.rate + 7) / 8 : l.rate;
	burst = l.bits ? (l.burst + 7) / 8 : l.burst;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		num = (__int128)rate * units[i].s * 1000000000LL;
		if (num % l.per_ns == 0)
			break;
	}
	if (i == sizeof(units) / sizeof(units[0]) ||
	    num / l.per_ns > 0xffffffffLL)
		return fw_rfail(x, mt->prop, v, "rate cannot be expressed "
		    "per second, minute, hour, day or week");
	sb_printf(x->o, " %s %s%llu%s%s", mt->expr, neg ? "over " : "",
	    (unsigned long long)(num / l.per_ns), l.bits ? " bytes/" : "/",
	    units[i].name);
	if (burst > 0)
		sb_printf(x->o, " burst %llu %s", burst,
		    l.bits ? "bytes" : "packets");
	return 0;
}

static int
fw_m_mark(struct fw_rule *x, const struct sch_fw_match *mt, const char *v,
    int neg)
{
	const struct sch_fw_word *w = fw_word(mt->words, v, strlen(v));
	unsigned value = 0;

	if (w == NULL && fw_mark(x, mt->prop, v, mt->mask, &value) < 0)
		return -1;
	if (mt->mask == 0xffffffffU)
		sb_printf(x->o, " %s %s0x%08x", mt->expr, neg ? "!= " : "",
		    value);
	else
		sb_printf(x->o, " %s & 0x%08x %s 0x%08x", mt->expr, mt->mask,
		    neg ? "!=" : "==", value);
	return 0;
}

/* An interface name, or a wildcard: live by link type, else the set of
 * the host's links of those types. */
static int
fw_m_ifname(struct fw_rule *x, const struct sch_fw_match *mt,
    const char *v, int neg)
{
	const struct sch_fw_ifwild *w;

	for (w = x->b->is->wildcards; w->word; w++)
		if (strcmp(w->word, v) == 0)
			break;
	if (w->word && w->iftype) {
		fw_lhs(x, mt->expr2, neg);
		sb_puts(x->o, w->iftype);
		return 0;
	}
	fw_lhs(x, mt->expr, neg);
	if (w->word) {
		fw_strs_add(&x->b->ifwild, v);
		fw_ident(x->o, "@iw_", v);
		return 0;
	}
	if (!fw_ifname_ok(v))
		return fw_rfail(x, mt->prop, v, "not an interface name");
	fw_quoted(x->o, v, 15);
	return 0;
}

static int
fw_m_setref(struct fw_rule *x, const struct sch_fw_match *mt,
    const char *v, int neg)
{
	int il = mt->kind == SFV_IFLIST;

	if (strlen(v) * 3 + 3 > FW_NAME_MAX)
		return fw_rfail(x, mt->prop, v, "name too long");
	fw_strs_add(il ? &x->b->iflists : &x->b->alists, v);
	fw_lhs(x, mt->expr, neg);
	fw_ident(x->o, il ? "@il_" : "@al_", v);
	return 0;
}

/* A value printed as is after "expr [!=] ", checked against chars. */
static int
fw_m_plain(struct fw_rule *x, const struct sch_fw_match *mt, const char *v,
    int neg, const char *chars)
{
	if (!fw_plain(v, chars))
		return fw_rfail(x, mt->prop, v, "value not supported");
	fw_lhs(x, mt->expr, neg);
	if (strchr(v, ',') != NULL)
		fw_set_lit(x->o, v, NULL);
	else
		sb_puts(x->o, v);
	return 0;
}

static int
fw_matcher(struct fw_rule *x, const struct sch_fw_match *mt, const char *v)
{
	int neg = v[0] == '!' && mt->kind != SFV_WORDS &&
	    mt->kind != SFV_BITS && mt->kind != SFV_FLAGS;
	const struct sch_fw_word *w;

	if (neg && (mt->flags & SFM_NONEG))
		return fw_rfail(x, mt->prop, v, "cannot be negated");
	if (fw_need(x, mt->flags, mt->prop, v) < 0)
		return -1;
	v += neg;
	switch (mt->kind) {
	case SFV_ADDR:
		return fw_m_plain(x, mt, v, neg, FW_ADDR_CHARS);
	case SFV_PORTS:
		return fw_m_plain(x, mt, v, neg, FW_PORT_CHARS);
	case SFV_NUM:
		return fw_m_plain(x, mt, v, neg, FW_NUM_CHARS);
	case SFV_PORTS_ANY:
		if (!fw_plain(v, FW_PORT_CHARS))
			return fw_rfail(x, mt->prop, v, "value not supported");
		return fw_m_ports_any(x, mt, v, neg);
	case SFV_PROTO:
		fw_lhs(x, mt->expr, neg);
		sb_printf(x->o, "%d", sch_fw_proto_number(v));
		return 0;
	case SFV_IFNAME:
		return fw_m_ifname(x, mt, v, neg);
	case SFV_IFLIST:
	case SFV_ALIST:
		return fw_m_setref(x, mt, v, neg);
	case SFV_WORDS:
	case SFV_BITS:
	case SFV_FLAGS:
		return fw_m_enum(x, mt, v);
	case SFV_FIXED:
		w = fw_word(mt->words, v, strlen(v));
		if (w == NULL || w->nft == NULL)
			return fw_rfail(x, mt->prop, v, "value not supported");
		sb_printf(x->o, " %s", w->nft);
		return 0;
	case SFV_ICMP:
		return fw_m_icmp(x, mt, v, neg);
	case SFV_LIMIT:
		return fw_m_limit(x, mt, v, neg);
	case SFV_MARK:
		return fw_m_mark(x, mt, v, neg);
	}
	return fw_rfail(x, mt->prop, v, "value not supported");
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

/* True if prop is an action argument or the rule's head. */
static int
fw_is_arg(const struct sch_fw_args *a, const char *prop)
{
	const char *const names[] = { a->chain, a->action, a->jump_target,
		a->address_list, a->address_list_timeout, a->reject_with,
		a->to_addresses, a->to_ports, a->randomise_ports,
		a->passthrough, a->log, a->log_prefix };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i] && strcmp(names[i], prop) == 0)
			return 1;
	for (i = 0; a->mark_args[i]; i++)
		if (strcmp(a->mark_args[i], prop) == 0)
			return 1;
	return 0;
}

static void
fw_log(struct fw_rule *x, const char *chain)
{
	const struct sch_fw_args *a = x->b->a;
	const char *pfx = fw_val(x->m, x->r, a->log_prefix);
	char text[FW_PREFIX_MAX + 1];

	/* RouterOS: "<log-prefix> <chain>: in:...", nf_log appends IN=... */
	snprintf(text, sizeof(text), "%s%s%s: ", pfx ? pfx : "",
	    pfx && *pfx ? " " : "", chain);
	sb_printf(x->o, " %s prefix ", a->log_stmt);
	fw_quoted(x->o, text, FW_PREFIX_MAX);
	sb_printf(x->o, " %s", a->log_opts);
}

static struct fw_chain *fw_chain_get(struct fw_b *b, const char *name);
static int fw_in_words(const char *const *w, const char *s);
static void fw_chain_name(struct sbuf *o, const struct sch_fw_table *t,
    const char *n);

static int
fw_a_jump(struct fw_rule *x)
{
	const char *t = fw_val(x->m, x->r, x->b->a->jump_target);
	struct fw_chain *c;

	if (t == NULL)
		return fw_rfail(x, x->b->a->jump_target, "", "missing");
	c = fw_chain_get(x->b, t);
	if (c->base >= 0)
		return fw_rfail(x, x->b->a->jump_target, t, "cannot jump to "
		    "a built-in chain");
	sb_puts(x->o, " jump ");
	fw_chain_name(x->o, x->b->t, t);
	return 0;
}

static int
fw_a_reject(struct fw_rule *x, const struct sch_fw_action *ac)
{
	const struct sch_fw_args *a = x->b->a;
	const char *v = fw_val(x->m, x->r, a->reject_with);
	const struct sch_fw_word *w;

	if (v == NULL) {
		sb_printf(x->o, " %s %s", ac->stmt, a->reject_default);
		return 0;
	}
	w = fw_word(a->reject_words, v, strlen(v));
	if (w == NULL || w->nft == NULL)
		return fw_rfail(x, a->reject_with, v, "value not supported");
	if (fw_need(x, w->flags, a->reject_with, v) < 0)
		return -1;
	sb_printf(x->o, " %s %s", ac->stmt, w->nft);
	return 0;
}

/* Timeout in milliseconds; 0 for none (unset, 0s, none-dynamic/static). */
static int
fw_timeout_ms(const char *v, unsigned long long *ms)
{
	long long ns;

	*ms = 0;
	if (v == NULL || (v[0] < '0' || v[0] > '9'))
		return 0;
	if (sch_time_parse(v, &ns) < 0 || ns < 0)
		return -1;
	*ms = (unsigned long long)(ns + 999999) / 1000000;
	return 0;
}

static int
fw_a_add_list(struct fw_rule *x, const struct sch_fw_action *ac)
{
	const struct sch_fw_args *a = x->b->a;
	const char *l = fw_val(x->m, x->r, a->address_list);
	const char *t = fw_val(x->m, x->r, a->address_list_timeout);
	unsigned long long ms;

	if (l == NULL)
		return fw_rfail(x, a->address_list, "", "missing");
	if (strlen(l) * 3 + 3 > FW_NAME_MAX)
		return fw_rfail(x, a->address_list, l, "name too long");
	if (fw_timeout_ms(t, &ms) < 0)
		return fw_rfail(x, a->address_list_timeout, t, "bad time");
	fw_strs_add(&x->b->alists, l);
	fw_strs_add(&x->b->adyn, l);
	sb_puts(x->o, " add ");
	fw_ident(x->o, "@al_", l);
	sb_printf(x->o, " { %s", ac->stmt);
	if (ms > 0)
		sb_printf(x->o, " timeout %llums", ms);
	sb_puts(x->o, " }");
	return 0;
}

static int
fw_a_nat(struct fw_rule *x, const struct sch_fw_action *ac)
{
	const struct sch_fw_args *a = x->b->a;
	const char *to = fw_val(x->m, x->r, a->to_addresses);
	const char *ports = fw_val(x->m, x->r, a->to_ports);
	const char *rnd = fw_val(x->m, x->r, a->randomise_ports);

	if ((ac->flags & SFA_F_NEED_ADDR) && to == NULL)
		return fw_rfail(x, a->to_addresses, "", "missing");
	if ((ac->flags & SFA_F_ADDR) && to && (to[0] == '!' ||
	    !fw_plain(to, FW_ADDR_CHARS)))
		return fw_rfail(x, a->to_addresses, to, "value not supported");
	if (ports && (!fw_plain(ports, FW_NUM_CHARS)))
		return fw_rfail(x, a->to_ports, ports, "one port or one "
		    "range only");
	if (ports && fw_need(x, SFM_PORTPROTO, a->to_ports, ports) < 0)
		return -1;
	sb_printf(x->o, " %s", ac->stmt);
	if ((ac->flags & SFA_F_ADDR) || ports)
		sb_printf(x->o, "%s%s%s%s", ac->flags & SFA_F_ADDR ? " " :
		    " to ", ac->flags & SFA_F_ADDR ? to : "", ports ? ":" : "",
		    ports ? ports : "");
	if ((ac->flags & SFA_F_RANDOM) && fw_is_yes(rnd))
		sb_puts(x->o, " random");
	return 0;
}

static int
fw_a_mark(struct fw_rule *x, const struct sch_fw_action *ac)
{
	const char *v = fw_val(x->m, x->r, ac->arg);
	const char *pt = fw_val(x->m, x->r, x->b->a->passthrough);
	const struct sch_prop *p = sch_prop_find(x->m, ac->arg, NULL);
	unsigned value = 0;

	if (v == NULL)
		return fw_rfail(x, ac->arg, "", "missing");
	/* The property's keyword (no-mark) clears the mark. */
	if (!fw_in_words(p ? p->words : NULL, v) &&
	    fw_mark(x, ac->arg, v, ac->mask, &value) < 0)
		return -1;
	if (ac->mask == 0xffffffffU)
		sb_printf(x->o, " %s set 0x%08x", ac->stmt, value);
	else
		sb_printf(x->o, " %s set %s & 0x%08x | 0x%08x", ac->stmt,
		    ac->stmt, ~ac->mask, value);
	/* passthrough=no ends this chain for the packet. */
	if (pt != NULL && !fw_is_yes(pt))
		sb_puts(x->o, " accept");
	return 0;
}

static int
fw_action(struct fw_rule *x, const struct sch_fw_action *ac)
{
	switch (ac->act) {
	case SFA_VERDICT:
	case SFA_RETURN:
	case SFA_STMT:
		sb_printf(x->o, " %s", ac->stmt);
		return 0;
	case SFA_CONTINUE:
	case SFA_LOG:
		return 0;
	case SFA_REJECT:
		return fw_a_reject(x, ac);
	case SFA_JUMP:
		return fw_a_jump(x);
	case SFA_FASTTRACK:
		if (x->b->flowtable)
			sb_printf(x->o, " %s @%s", ac->stmt, FW_NFT_FLOWTABLE);
		return 0;
	case SFA_ADD_LIST:
		return fw_a_add_list(x, ac);
	case SFA_NAT:
		return fw_a_nat(x, ac);
	case SFA_MARK:
		return fw_a_mark(x, ac);
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Rules and chains                                                    */
/* ------------------------------------------------------------------ */

static struct fw_chain *
fw_chain_get(struct fw_b *b, const char *name)
{
	const struct sch_fw_chain *bc;
	int i;

	for (i = 0; i < b->nchains; i++)
		if (strcmp(b->chains[i].name, name) == 0)
			return &b->chains[i];
	b->chains = fw_realloc(b->chains, (size_t)(b->nchains + 1) *
	    sizeof(*b->chains));
	b->chains[i].name = fw_strdup(name);
	b->chains[i].base = -1;
	for (bc = b->t->chains; bc->name; bc++)
		if (strcmp(bc->name, name) == 0)
			b->chains[i].base = (int)(bc - b->t->chains);
	sb_init(&b->chains[i].rules);
	b->nchains++;
	return &b->chains[i];
}

/* Every set property is a matcher, an action argument, or generic. */
static int
fw_matchers(struct fw_rule *x)
{
	const struct sch_prop *p;
	const struct sch_fw_match *mt;
	const char *v;
	int i;

	for (i = 0, p = x->m->props; p->name; p++, i++) {
		v = x->r->vals[i];
		if (v == NULL || (p->flags & P_RO) || fw_is_arg(x->b->a,
		    p->name) || strcmp(p->name, SCH_COMMENT) == 0 ||
		    strcmp(p->name, SCH_DISABLED) == 0)
			continue;
		mt = sch_fw_match_find(p->name);
		if (mt == NULL)
			return fw_rfail(x, p->name, v, "not supported by the "
			    "kernel firewall");
		if (fw_matcher(x, mt, v) < 0)
			return -1;
	}
	return 0;
}

/* Positive protocol match, which port and flag matchers rely on. */
static int
fw_rule_proto(struct fw_rule *x)
{
	const struct sch_prop *p;
	const struct sch_fw_match *mt;
	const char *v;
	int i;

	x->proto = -1;
	for (i = 0, p = x->m->props; p->name; p++, i++) {
		mt = sch_fw_match_find(p->name);
		v = x->r->vals[i];
		if (mt == NULL || mt->kind != SFV_PROTO || v == NULL)
			continue;
		if (v[0] != '!' && (x->proto = sch_fw_proto_number(v)) < 0)
			return fw_rfail(x, p->name, v, "unknown protocol");
		if (v[0] == '!' && sch_fw_proto_number(v + 1) < 0)
			return fw_rfail(x, p->name, v, "unknown protocol");
	}
	return 0;
}

static void
fw_comment(struct fw_rule *x)
{
	const char *c = fw_val(x->m, x->r, SCH_COMMENT);
	char text[FW_COMMENT_MAX + 1];

	snprintf(text, sizeof(text), "*%llX%s%s",
	    (unsigned long long)x->r->id, c && *c ? " " : "", c ? c : "");
	sb_puts(x->o, " comment ");
	fw_quoted(x->o, text, FW_COMMENT_MAX);
}

static int
fw_rule(struct fw_b *b, const struct sch_menu *m, const struct st_row *r)
{
	const struct sch_fw_args *a = b->a;
	const char *chain = fw_val(m, r, a->chain);
	const char *act = fw_val(m, r, a->action);
	const struct sch_fw_action *ac;
	struct fw_rule x = { b, m, r, -1, NULL };
	struct sbuf o;
	int rc;

	if (fw_is_yes(fw_val(m, r, SCH_DISABLED)))
		return 0;
	if (chain == NULL)
		return fw_fail(b, m, r->id, "%s missing", a->chain);
	ac = sch_fw_action_find(act ? act : a->default_action);
	if (ac == NULL)
		return fw_fail(b, m, r->id, "%s=%s is not supported by the "
		    "kernel firewall", a->action, act);
	sb_init(&o);
	x.o = &o;
	rc = fw_rule_proto(&x);
	if (rc == 0 && ac->act == SFA_FASTTRACK)
		sb_printf(&o, " %s", a->fasttrack_guard);
	if (rc == 0)
		rc = fw_matchers(&x);
	if (rc == 0) {
		sb_puts(&o, " counter");
		if (ac->act == SFA_LOG || fw_is_yes(fw_val(m, r, a->log)))
			fw_log(&x, chain);
		rc = fw_action(&x, ac);
	}
	if (rc == 0) {
		fw_comment(&x);
		/* After fw_action: a jump may have grown b->chains.  Every
		 * part began with a space. */
		sb_printf(&fw_chain_get(b, chain)->rules, "\t\t%s\n",
		    sb_str(&o) + 1);
	}
	sb_fini(&o);
	return rc;
}

static void
fw_chain_name(struct sbuf *o, const struct sch_fw_table *t, const char *n)
{
	sb_printf(o, "%s_", t->prefix);
	fw_ident(o, "", n);
}

/* Built-in chains in their schema order, then user chains as first
 * seen; built-in chains without rules are left out. */
static void
fw_chains_emit(struct fw_b *b)
{
	const struct sch_fw_chain *bc;
	struct fw_chain *c;
	int i, k;

	for (k = 0; b->t->chains[k].name; k++) {
		for (i = 0; i < b->nchains; i++)
			if (b->chains[i].base == k && b->chains[i].rules.len)
				break;
		if (i == b->nchains)
			continue;
		c = &b->chains[i];
		bc = &b->t->chains[k];
		sb_puts(&b->body, "\tchain ");
		fw_chain_name(&b->body, b->t, c->name);
		sb_printf(&b->body, " {\n\t\ttype %s hook %s priority %d; "
		    "policy accept;\n", bc->type, bc->hook, bc->prio);
		sb_printf(&b->body, "%s\t}\n", sb_str(&c->rules));
	}
	for (i = 0; i < b->nchains; i++) {
		c = &b->chains[i];
		if (c->base >= 0)
			continue;
		sb_puts(&b->body, "\tchain ");
		fw_chain_name(&b->body, b->t, c->name);
		sb_printf(&b->body, " {\n%s\t}\n", sb_str(&c->rules));
	}
}

static void
fw_chains_free(struct fw_b *b)
{
	int i;

	for (i = 0; i < b->nchains; i++) {
		free(b->chains[i].name);
		sb_fini(&b->chains[i].rules);
	}
	free(b->chains);
	b->chains = NULL;
	b->nchains = 0;
}

static int
fw_table(struct fw_b *b, const struct sch_fw_table *t)
{
	struct st_row *rows;
	int n, i, rc = 0;

	b->t = t;
	n = st_rows(b->e, t->menu, NULL, NULL, &rows);
	if (n < 0)
		return fw_fail(b, t->menu, -1, "%s", b->e->err.msg);
	for (i = 0; i < n && rc == 0; i++)
		rc = fw_rule(b, t->menu, &rows[i]);
	st_rows_free(t->menu, rows, n);
	for (i = 0; i < b->nchains && rc == 0; i++)
		if (b->chains[i].name[0] == '\0' ||
		    strlen(b->chains[i].name) * 3 + 16 > FW_NAME_MAX)
			rc = fw_fail(b, t->menu, -1, "%s=%s: bad chain name",
			    b->a->chain, b->chains[i].name);
	if (rc == 0)
		fw_chains_emit(b);
	fw_chains_free(b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Links and interface lists                                           */
/* ------------------------------------------------------------------ */

static int
fw_links_load(struct fw_b *b)
{
	const struct sch_menu *m = b->is->links;
	struct st_row *rows;
	const char *name, *type;
	int n, i;

	if (links_refresh(b->e) < 0)
		return fw_fail(b, m, -1, "%s", b->e->err.msg);
	n = st_rows(b->e, m, NULL, NULL, &rows);
	if (n < 0)
		return fw_fail(b, m, -1, "%s", b->e->err.msg);
	b->links = fw_realloc(NULL, (size_t)(n + 1) * sizeof(*b->links));
	for (i = 0; i < n; i++) {
		name = fw_val(m, &rows[i], b->is->link_name);
		type = fw_val(m, &rows[i], b->is->link_type);
		if (name == NULL || !fw_ifname_ok(name))
			continue;
		b->links[b->nlinks].name = fw_strdup(name);
		b->links[b->nlinks].type = fw_strdup(type ? type : "");
		b->links[b->nlinks++].dynamic =
		    fw_is_yes(fw_val(m, &rows[i], SCH_DYNAMIC));
	}
	st_rows_free(m, rows, n);
	return 0;
}

static int
fw_in_words(const char *const *w, const char *s)
{
	for (; w != NULL && *w != NULL; w++)
		if (strcmp(*w, s) == 0)
			return 1;
	return 0;
}

struct fw_iflists {
	struct st_row *lists, *members;
	int nlists, nmembers;
};

static void fw_iflist_members(struct fw_b *b, const struct fw_iflists *d,
    const char *name, int depth, struct fw_strs *out);

/* Each name of a comma list, through fw_iflist_members(). */
static void
fw_iflist_each(struct fw_b *b, const struct fw_iflists *d, const char *csv,
    int depth, struct fw_strs *out)
{
	char *copy, *tok, *save;

	if (csv == NULL || *csv == '\0')
		return;
	copy = fw_strdup(csv);
	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save))
		fw_iflist_members(b, d, tok, depth + 1, out);
	free(copy);
}

/* Effective members (menus.md 5.1): members of include lists, minus
 * those of exclude lists, plus the list's own enabled members. */
static void
fw_iflist_members(struct fw_b *b, const struct fw_iflists *d,
    const char *name, int depth, struct fw_strs *out)
{
	const struct sch_fw_ifspec *is = b->is;
	const struct sch_fw_builtin *bi;
	struct fw_strs inc = { 0 }, exc = { 0 };
	const char *v;
	int i;

	if (depth > FW_LIST_DEPTH)
		return;
	for (bi = is->builtins; bi->name; bi++)
		if (strcmp(bi->name, name) == 0)
			break;
	for (i = 0; bi->name && i < b->nlinks; i++)
		if (bi->kind == SFL_ALL || (bi->kind == SFL_DYNAMIC &&
		    b->links[i].dynamic) || (bi->kind == SFL_STATIC &&
		    !b->links[i].dynamic))
			fw_strs_add(out, b->links[i].name);
	for (i = 0; i < d->nlists; i++) {
		v = fw_val(is->lists, &d->lists[i], is->list_name);
		if (v == NULL || strcmp(v, name) != 0)
			continue;
		fw_iflist_each(b, d, fw_val(is->lists, &d->lists[i],
		    is->list_include), depth, &inc);
		fw_iflist_each(b, d, fw_val(is->lists, &d->lists[i],
		    is->list_exclude), depth, &exc);
	}
	for (i = 0; i < inc.n; i++)
		if (fw_strs_find(&exc, inc.v[i]) < 0)
			fw_strs_add(out, inc.v[i]);
	for (i = 0; i < d->nmembers; i++) {
		v = fw_val(is->members, &d->members[i], is->member_list);
		if (v == NULL || strcmp(v, name) != 0 || fw_is_yes(fw_val(
		    is->members, &d->members[i], SCH_DISABLED)))
			continue;
		/* A name no link can have can match nothing: left out. */
		v = fw_val(is->members, &d->members[i], is->member_iface);
		if (v != NULL && fw_ifname_ok(v))
			fw_strs_add(out, v);
	}
	fw_strs_fini(&inc);
	fw_strs_fini(&exc);
}

static void
fw_ifset_emit(struct sbuf *o, const char *prefix, const char *name,
    const struct fw_strs *members)
{
	int i;

	sb_puts(o, "\tset ");
	fw_ident(o, prefix, name);
	sb_puts(o, " {\n\t\ttype ifname\n");
	for (i = 0; i < members->n; i++) {
		sb_puts(o, i ? ", " : "\t\telements = { ");
		fw_quoted(o, members->v[i], 15);
	}
	sb_puts(o, members->n ? " }\n\t}\n" : "\t}\n");
}

static int
fw_iflists_emit(struct fw_b *b, struct sbuf *o)
{
	const struct sch_fw_ifspec *is = b->is;
	const struct sch_fw_ifwild *w;
	struct fw_iflists d;
	struct fw_strs mem;
	int i, k, rc = 0;

	memset(&d, 0, sizeof(d));
	d.nlists = st_rows(b->e, is->lists, NULL, NULL, &d.lists);
	d.nmembers = st_rows(b->e, is->members, NULL, NULL, &d.members);
	if (d.nlists < 0 || d.nmembers < 0)
		rc = fw_fail(b, d.nlists < 0 ? is->lists : is->members, -1,
		    "%s", b->e->err.msg);
	for (i = 0; rc == 0 && i < b->iflists.n; i++) {
		memset(&mem, 0, sizeof(mem));
		fw_iflist_members(b, &d, b->iflists.v[i], 0, &mem);
		fw_ifset_emit(o, "il_", b->iflists.v[i], &mem);
		fw_strs_fini(&mem);
	}
	for (i = 0; rc == 0 && i < b->ifwild.n; i++) {
		memset(&mem, 0, sizeof(mem));
		for (w = is->wildcards; w->word; w++)
			if (strcmp(w->word, b->ifwild.v[i]) == 0)
				break;
		for (k = 0; w->word && k < b->nlinks; k++)
			if (fw_in_words(w->link_types, b->links[k].type))
				fw_strs_add(&mem, b->links[k].name);
		fw_ifset_emit(o, "iw_", b->ifwild.v[i], &mem);
		fw_strs_fini(&mem);
	}
	if (d.nlists > 0)
		st_rows_free(is->lists, d.lists, d.nlists);
	if (d.nmembers > 0)
		st_rows_free(is->members, d.members, d.nmembers);
	return rc;
}

/* The flowtable over the host's static links of the types it takes. */
static void
fw_flowtable_emit(struct fw_b *b, struct sbuf *o)
{
	int i, n = 0;

	if (!b->flowtable)
		return;
	sb_printf(o, "\tflowtable %s {\n\t\thook ingress priority filter\n",
	    FW_NFT_FLOWTABLE);
	for (i = 0; i < b->nlinks; i++) {
		if (b->links[i].dynamic || !fw_in_words(b->is->flow_types,
		    b->links[i].type))
			continue;
		sb_puts(o, n++ ? ", " : "\t\tdevices = { ");
		fw_quoted(o, b->links[i].name, 15);
	}
	sb_puts(o, " }\n\t}\n");
}

static int
fw_flowtable_possible(const struct fw_b *b)
{
	int i;

	for (i = 0; i < b->nlinks; i++)
		if (!b->links[i].dynamic && fw_in_words(b->is->flow_types,
		    b->links[i].type))
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Address lists                                                       */
/* ------------------------------------------------------------------ */

/* One entry: [lo, hi] until `tmo` ms from now (FW_FOREVER: no end). */
struct fw_ent {
	uint64_t lo, hi;
	uint64_t tmo;
};

static int
fw_ent_cmp(const void *a, const void *b)
{
	const struct fw_ent *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int
fw_u64_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* A, A/M or A-B. */
static int
fw_addr_range(const char *v, uint64_t *lo, uint64_t *hi)
{
	char a[40];
	const char *dash = strchr(v, '-');
	unsigned x, y;
	int len;

	if (dash != NULL) {
		snprintf(a, sizeof(a), "%.*s", (int)(dash - v), v);
		if (sch_ip4_parse(a, &x) < 0 || sch_ip4_parse(dash + 1, &y) <
		    0 || y < x)
			return -1;
	} else {
		if (sch_ip4_prefix_parse(v, &x, &len) < 0)
			return -1;
		x &= len ? 0xffffffffU << (32 - len) : 0;
		y = x | (len ? ~(0xffffffffU << (32 - len)) : 0xffffffffU);
	}
	*lo = x;
	*hi = y;
	return 0;
}

/* Max-heap of covering entries by timeout (sweep below). */
struct fw_heap {
	const struct fw_ent **v;
	int n;
};

static void
fw_heap_push(struct fw_heap *h, const struct fw_ent *e)
{
	int i = h->n++, up;

	while (i > 0 && h->v[up = (i - 1) / 2]->tmo < e->tmo) {
		h->v[i] = h->v[up];
		i = up;
	}
	h->v[i] = e;
}

static void
fw_heap_pop(struct fw_heap *h)
{
	const struct fw_ent *last = h->v[--h->n];
	int i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->v[c + 1]->tmo > h->v[c]->tmo)
			c++;
		if (h->v[c]->tmo <= last->tmo)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n > 0)
		h->v[i] = last;
}

static void
fw_ip(struct sbuf *o, uint64_t a)
{
	sb_printf(o, "%u.%u.%u.%u", (unsigned)(a >> 24) & 255,
	    (unsigned)(a >> 16) & 255, (unsigned)(a >> 8) & 255,
	    (unsigned)a & 255);
}

struct fw_elems {
	struct sbuf *o;
	int n;
	int hash;		/* single addresses only */
	uint64_t budget;	/* addresses a hash set may still take */
	uint64_t lo, hi, tmo;	/* pending segment */
	int pending;
};

static void
fw_elem_put(struct fw_elems *s, uint64_t lo, uint64_t hi, uint64_t tmo)
{
	for (; lo <= hi; lo++) {
		sb_puts(s->o, s->n++ ? ", " : "\t\telements = { ");
		fw_ip(s->o, lo);
		if (!s->hash && hi > lo) {
			sb_putc(s->o, '-');
			fw_ip(s->o, hi);
			lo = hi;
		}
		if (tmo != FW_FOREVER)
			sb_printf(s->o, " timeout %llums",
			    (unsigned long long)tmo);
		if (!s->hash)
			break;
	}
}

/* Adjacent segments with one timeout become one interval. */
static int
fw_elem_seg(struct fw_elems *s, uint64_t lo, uint64_t hi, uint64_t tmo)
{
	if (s->hash) {
		if (hi - lo + 1 > s->budget)
			return -1;
		s->budget -= hi - lo + 1;
		fw_elem_put(s, lo, hi, tmo);
		return 0;
	}
	if (s->pending && s->hi + 1 == lo && s->tmo == tmo) {
		s->hi = hi;
		return 0;
	}
	if (s->pending)
		fw_elem_put(s, s->lo, s->hi, s->tmo);
	s->lo = lo;
	s->hi = hi;
	s->tmo = tmo;
	s->pending = 1;
	return 0;
}

/*
 * Entries may overlap and differ in timeout.  A sweep over the entry
 * boundaries splits the space into segments, each kept as long as the
 * longest-lived entry covering it: what RouterOS matches at any moment.
 */
static int
fw_alist_elems(struct fw_elems *s, struct fw_ent *e, int n)
{
	uint64_t *pos = fw_realloc(NULL, (size_t)(2 * n + 1) *
	    sizeof(*pos));
	struct fw_heap h = { fw_realloc(NULL, (size_t)(n + 1) *
	    sizeof(*h.v)), 0 };
	int np = 0, i, k = 0, rc = 0;

	qsort(e, (size_t)n, sizeof(*e), fw_ent_cmp);
	for (i = 0; i < n; i++) {
		pos[np++] = e[i].lo;
		pos[np++] = e[i].hi + 1;
	}
	qsort(pos, (size_t)np, sizeof(*pos), fw_u64_cmp);
	for (i = k = 0; i < np; i++)
		if (k == 0 || pos[i] != pos[k - 1])
			pos[k++] = pos[i];
	np = k;
	for (i = k = 0; i < np && rc == 0; i++) {
		while (k < n && e[k].lo == pos[i])
			fw_heap_push(&h, &e[k++]);
		while (h.n > 0 && h.v[0]->hi < pos[i])
			fw_heap_pop(&h);
		/* The last boundary is an end: nothing covers it. */
		if (h.n > 0 && i + 1 < np)
			rc = fw_elem_seg(s, pos[i], pos[i + 1] - 1,
			    h.v[0]->tmo);
	}
	if (rc == 0 && s->pending)
		fw_elem_put(s, s->lo, s->hi, s->tmo);
	free(pos);
	free(h.v);
	return rc;
}

static int
fw_alist_emit(struct fw_b *b, struct sbuf *o, const char *name,
    const struct st_row *rows, int nrows)
{
	const struct sch_fw_ifspec *is = b->is;
	const struct sch_menu *m = is->alist;
	struct fw_ent *e = fw_realloc(NULL, (size_t)(nrows + 1) * sizeof(*e));
	struct fw_elems s = { o, 0, fw_strs_find(&b->adyn, name) >= 0,
		FW_EXPAND_MAX, 0, 0, 0, 0 };
	unsigned long long ms;
	const char *v;
	int i, n = 0, rc = 0;

	for (i = 0; i < nrows && rc == 0; i++) {
		v = fw_val(m, &rows[i], is->alist_list);
		if (v == NULL || strcmp(v, name) != 0 ||
		    fw_is_yes(fw_val(m, &rows[i], SCH_DISABLED)))
			continue;
		v = fw_val(m, &rows[i], is->alist_address);
		if (v == NULL || fw_addr_range(v, &e[n].lo, &e[n].hi) < 0)
			rc = fw_fail(b, m, rows[i].id, "%s=%s: value not "
			    "supported", is->alist_address, v ? v : "");
		else if (fw_timeout_ms(v = fw_val(m, &rows[i],
		    is->alist_timeout), &ms) < 0)
			rc = fw_fail(b, m, rows[i].id, "%s=%s: bad time",
			    is->alist_timeout, v);
		else
			e[n++].tmo = ms ? ms : FW_FOREVER;
	}
	sb_puts(o, "\tset ");
	fw_ident(o, "al_", name);
	sb_printf(o, " {\n\t\ttype ipv4_addr\n\t\tflags %stimeout\n",
	    s.hash ? "" : "interval,");
	if (rc == 0 && fw_alist_elems(&s, e, n) < 0)
		rc = fw_fail(b, m, -1, "%s=%s: ranges of more than %d "
		    "addresses in a list that rules add to", is->alist_list,
		    name, FW_EXPAND_MAX);
	sb_puts(o, s.n ? " }\n\t}\n" : "\t}\n");
	free(e);
	return rc;
}

static int
fw_alists_emit(struct fw_b *b, struct sbuf *o)
{
	const struct sch_fw_ifspec *is = b->is;
	struct st_row *rows;
	const char *v;
	int n, i, rc = 0;

	n = st_rows(b->e, is->alist, NULL, NULL, &rows);
	if (n < 0)
		return fw_fail(b, is->alist, -1, "%s", b->e->err.msg);
	for (i = 0; i < n; i++)
		if ((v = fw_val(is->alist, &rows[i], is->alist_list)) != NULL)
			fw_strs_add(&b->alists, v);
	for (i = 0; i < b->alists.n && rc == 0; i++) {
		if (strlen(b->alists.v[i]) * 3 + 3 > FW_NAME_MAX)
			rc = fw_fail(b, is->alist, -1, "%s=%s: name too long",
			    is->alist_list, b->alists.v[i]);
		else
			rc = fw_alist_emit(b, o, b->alists.v[i], rows, n);
	}
	st_rows_free(is->alist, rows, n);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

static void
fw_b_fini(struct fw_b *b)
{
	int i;

	for (i = 0; i < b->nlinks; i++) {
		free(b->links[i].name);
		free(b->links[i].type);
	}
	free(b->links);
	for (i = 0; i < b->nmarks; i++)
		free(b->marks[i].name);
	free(b->marks);
	fw_strs_fini(&b->iflists);
	fw_strs_fini(&b->ifwild);
	fw_strs_fini(&b->alists);
	fw_strs_fini(&b->adyn);
	fw_chains_free(b);
	sb_fini(&b->body);
}

int
fw_build_opts(struct eng *e, const struct fw_opts *o, struct sbuf *out,
    char *err, size_t errsz)
{
	static const struct fw_opts dflt = { 1 };
	const struct sch_fw_table *t;
	struct fw_b b;
	struct sbuf head;
	int rc;

	memset(&b, 0, sizeof(b));
	b.e = e;
	b.o = o ? o : &dflt;
	b.err = err;
	b.errsz = errsz;
	b.a = sch_fw_args();
	b.is = sch_fw_ifspec();
	sb_init(&b.body);
	sb_init(&head);
	if (errsz)
		err[0] = '\0';
	rc = fw_links_load(&b);
	b.flowtable = b.o->flowtable && fw_flowtable_possible(&b);
	for (t = sch_fw_tables(); rc == 0 && t->menu; t++)
		rc = fw_table(&b, t);
	if (rc == 0) {
		fw_flowtable_emit(&b, &head);
		rc = fw_iflists_emit(&b, &head);
	}
	if (rc == 0)
		rc = fw_alists_emit(&b, &head);
	if (rc == 0)
		sb_printf(out, "table ip %s\ndelete table ip %s\n"
		    "table ip %s {\n%s%s}\n", FW_NFT_TABLE, FW_NFT_TABLE,
		    FW_NFT_TABLE, sb_str(&head), sb_str(&b.body));
	/* The store's own error state is not ours to keep. */
	e->err.set = 0;
	sb_fini(&head);
	fw_b_fini(&b);
	return rc;
}

int
fw_build(struct eng *e, struct sbuf *out, char *err, size_t errsz)
{
	return fw_build_opts(e, NULL, out, err, errsz);
}

void
fw_alist_set_name(struct sbuf *o, const char *list)
{
	fw_ident(o, "al_", list);
}

const struct sch_menu *
fw_chain_menu(const char *chain)
{
	const struct sch_fw_table *t;
	size_t n;

	for (t = sch_fw_tables(); chain != NULL && t->menu; t++) {
		n = strlen(t->prefix);
		if (strncmp(chain, t->prefix, n) == 0 && chain[n] == '_')
			return t->menu;
	}
	return NULL;
}
