/*
 * value.c - script values: construction, copies, conversions and the
 * text forms :put and property arguments use (console-language 2, 5.5).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		fputs("rosh: out of memory\n", stderr);
		abort();
	}
	return p;
}

struct val
val_nothing(void)
{
	struct val v;

	memset(&v, 0, sizeof(v));
	v.t = VT_NOTHING;
	return v;
}

struct val
val_nil(void)
{
	struct val v = val_nothing();

	v.t = VT_NIL;
	return v;
}

struct val
val_num(long long n)
{
	struct val v = val_nothing();

	v.t = VT_NUM;
	v.u.n = n;
	return v;
}

struct val
val_bool(int b)
{
	struct val v = val_nothing();

	v.t = VT_BOOL;
	v.u.b = b != 0;
	return v;
}

struct val
val_id(long long id)
{
	struct val v = val_nothing();

	v.t = VT_ID;
	v.u.n = id;
	return v;
}

struct val
val_time(long long ns)
{
	struct val v = val_nothing();

	v.t = VT_TIME;
	v.u.n = ns;
	return v;
}

struct val
val_str(const char *s, size_t len)
{
	struct val v = val_nothing();

	v.t = VT_STR;
	v.u.str.s = xmalloc(len + 1);
	memcpy(v.u.str.s, s, len);
	v.u.str.s[len] = '\0';
	v.u.str.len = len;
	return v;
}

struct val
val_cstr(const char *s)
{
	return val_str(s, strlen(s));
}

struct val
val_array(void)
{
	struct val v = val_nothing();

	v.t = VT_ARRAY;
	v.u.a = xmalloc(sizeof(*v.u.a));
	memset(v.u.a, 0, sizeof(*v.u.a));
	return v;
}

void
val_free(struct val *v)
{
	int i;

	switch (v->t) {
	case VT_STR:
	case VT_IP6:
	case VT_IP6PFX:
		free(v->u.str.s);
		break;
	case VT_ARRAY:
		for (i = 0; i < v->u.a->n; i++) {
			free(v->u.a->el[i].key);
			val_free(&v->u.a->el[i].v);
		}
		free(v->u.a->el);
		free(v->u.a);
		break;
	default:
		break;
	}
	*v = val_nothing();
}

struct val
val_copy(const struct val *v)
{
	struct val c;
	int i;

	switch (v->t) {
	case VT_STR:
	case VT_IP6:
	case VT_IP6PFX:
		c = val_str(v->u.str.s, v->u.str.len);
		c.t = v->t;
		return c;
	case VT_ARRAY:
		c = val_array();
		for (i = 0; i < v->u.a->n; i++)
			varr_push(&c, v->u.a->el[i].key,
			    val_copy(&v->u.a->el[i].v));
		return c;
	default:
		return *v;
	}
}

/*
 * Keyed elements are kept sorted by key after the unkeyed ones
 * (console-language 8.5); assigning an existing key replaces its value.
 */
void
varr_push(struct val *arr, const char *key, struct val v)
{
	struct varr *a = arr->u.a;
	int i, at;

	if (key != NULL) {
		for (i = 0; i < a->n; i++) {
			if (a->el[i].key && strcmp(a->el[i].key, key) == 0) {
				val_free(&a->el[i].v);
				a->el[i].v = v;
				return;
			}
		}
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->el = realloc(a->el, (size_t)a->cap * sizeof(*a->el));
		if (a->el == NULL)
			abort();
	}
	at = a->n;
	if (key != NULL) {
		for (at = 0; at < a->n; at++)
			if (a->el[at].key && strcmp(a->el[at].key, key) > 0)
				break;
	} else {
		for (at = 0; at < a->n; at++)
			if (a->el[at].key)
				break;
	}
	memmove(&a->el[at + 1], &a->el[at],
	    (size_t)(a->n - at) * sizeof(*a->el));
	a->el[at].key = key ? strdup(key) : NULL;
	a->el[at].v = v;
	a->n++;
}

const struct val *
varr_get(const struct val *arr, const char *key)
{
	int i;

	if (arr->t != VT_ARRAY)
		return NULL;
	for (i = 0; i < arr->u.a->n; i++)
		if (arr->u.a->el[i].key && strcmp(arr->u.a->el[i].key, key) == 0)
			return &arr->u.a->el[i].v;
	return NULL;
}

static int
word_is_num(const char *s, size_t len, long long *n)
{
	char buf[32], *end;

	if (len == 0 || len >= sizeof(buf))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!(isdigit((unsigned char)buf[0]) ||
	    (buf[0] == '-' && len > 1 && isdigit((unsigned char)buf[1]))))
		return 0;
	*n = strtoll(buf, &end, 0);
	return *end == '\0';
}

static int
word_is_id(const char *s, size_t len, long long *id)
{
	size_t i;
	long long v = 0;

	if (len < 2 || len > 17 || s[0] != '*')
		return 0;
	for (i = 1; i < len; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return 0;
		v = v * 16 + (isdigit((unsigned char)s[i]) ? s[i] - '0' :
		    (toupper((unsigned char)s[i]) - 'A' + 10));
	}
	*id = v;
	return 1;
}

struct val
val_from_word(const char *s, size_t len)
{
	char buf[128];
	long long n;
	unsigned addr;
	int plen;
	struct val v;
	unsigned char a6[16];

	if (word_is_num(s, len, &n))
		return val_num(n);
	if (word_is_id(s, len, &n))
		return val_id(n);
	if (len < sizeof(buf)) {
		memcpy(buf, s, len);
		buf[len] = '\0';
		if (strcmp(buf, "true") == 0 || strcmp(buf, "yes") == 0)
			return val_bool(1);
		if (strcmp(buf, "false") == 0 || strcmp(buf, "no") == 0)
			return val_bool(0);
		if (strchr(buf, '.') && strchr(buf, '/') == NULL &&
		    sch_ip4_parse(buf, &addr) == 0) {
			v = val_nothing();
			v.t = VT_IP;
			v.u.ip.addr = addr;
			v.u.ip.len = 32;
			return v;
		}
		if (strchr(buf, '.') && strchr(buf, '/') &&
		    sch_ip4_prefix_parse(buf, &addr, &plen) == 0) {
			v = val_nothing();
			v.t = VT_IPPFX;
			v.u.ip.addr = addr;
			v.u.ip.len = plen;
			return v;
		}
		if (strchr(buf, ':') && inet_pton(AF_INET6, buf, a6) == 1) {
			v = val_str(s, len);
			v.t = VT_IP6;
			return v;
		}
		if (isdigit((unsigned char)buf[0]) &&
		    sch_time_parse(buf, &n) == 0)
			return val_time(n);
	}
	return val_str(s, len);
}

static void
ip_text(unsigned addr, struct sbuf *out)
{
	sb_printf(out, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 255,
	    (addr >> 8) & 255, addr & 255);
}

/* Clock form for :put of times: [Nw][Nd]HH:MM:SS[.frac]. */
static void
time_clock_text(long long ns, struct sbuf *out)
{
	long long s, frac;

	if (ns < 0) {
		sb_putc(out, '-');
		ns = -ns;
	}
	s = ns / 1000000000LL;
	frac = ns % 1000000000LL;
	if (s >= 7 * 86400)
		sb_printf(out, "%lldw", s / (7 * 86400));
	s %= 7 * 86400;
	if (s >= 86400)
		sb_printf(out, "%lldd", s / 86400);
	s %= 86400;
	sb_printf(out, "%02lld:%02lld:%02lld", s / 3600, (s / 60) % 60,
	    s % 60);
	if (frac) {
		char f[16];
		int i;

		snprintf(f, sizeof(f), "%09lld", frac);
		for (i = 8; i > 0 && f[i] == '0'; i--)
			f[i] = '\0';
		sb_printf(out, ".%s", f);
	}
}

void
val_to_text(const struct val *v, struct sbuf *out)
{
	int i;

	switch (v->t) {
	case VT_NOTHING:
	case VT_NIL:
		break;
	case VT_NUM:
		sb_printf(out, "%lld", v->u.n);
		break;
	case VT_STR:
	case VT_IP6:
	case VT_IP6PFX:
		sb_put(out, v->u.str.s, v->u.str.len);
		break;
	case VT_BOOL:
		sb_puts(out, v->u.b ? "true" : "false");
		break;
	case VT_IP:
		ip_text(v->u.ip.addr, out);
		break;
	case VT_IPPFX:
		ip_text(v->u.ip.addr, out);
		sb_printf(out, "/%d", v->u.ip.len);
		break;
	case VT_ID:
		fmt_id(out, v->u.n);
		break;
	case VT_TIME:
		time_clock_text(v->u.n, out);
		break;
	case VT_ARRAY:
		for (i = 0; i < v->u.a->n; i++) {
			if (i)
				sb_putc(out, ';');
			if (v->u.a->el[i].key)
				sb_printf(out, "%s=", v->u.a->el[i].key);
			val_to_text(&v->u.a->el[i].v, out);
		}
		break;
	case VT_CODE:
		sb_puts(out, "(code)");
		break;
	}
}

/*
 * The text a value stands for when given to a property: times in the
 * compact unit form the schema stores, arrays comma-joined (lists).
 */
char *
val_to_cstr(const struct val *v)
{
	struct sbuf b;
	char t[64];
	int i;

	sb_init(&b);
	if (v->t == VT_TIME) {
		sch_time_format(v->u.n, t, sizeof(t));
		sb_puts(&b, t);
	} else if (v->t == VT_BOOL) {
		sb_puts(&b, v->u.b ? "yes" : "no");
	} else if (v->t == VT_ARRAY) {
		for (i = 0; i < v->u.a->n; i++) {
			char *s = val_to_cstr(&v->u.a->el[i].v);

			if (i)
				sb_putc(&b, ',');
			sb_puts(&b, s);
			free(s);
		}
	} else {
		val_to_text(v, &b);
	}
	return sb_take(&b);
}

const char *
val_type_name(enum vt t)
{
	static const char *const names[] = {
		[VT_NOTHING] = "nothing", [VT_NIL] = "nil", [VT_NUM] = "num",
		[VT_STR] = "str", [VT_BOOL] = "bool", [VT_IP] = "ip",
		[VT_IPPFX] = "ip-prefix", [VT_IP6] = "ip6",
		[VT_IP6PFX] = "ip6-prefix", [VT_ID] = "id", [VT_TIME] = "time",
		[VT_ARRAY] = "array", [VT_CODE] = "code",
	};

	return names[t];
}

int
val_truthy(const struct val *v, int *ok)
{
	*ok = 1;
	if (v->t == VT_BOOL)
		return v->u.b;
	if (v->t == VT_STR) {
		if (strcmp(v->u.str.s, "true") == 0 ||
		    strcmp(v->u.str.s, "yes") == 0)
			return 1;
		if (strcmp(v->u.str.s, "false") == 0 ||
		    strcmp(v->u.str.s, "no") == 0)
			return 0;
	}
	*ok = 0;
	return 0;
}

int
val_equal(const struct val *a, const struct val *b)
{
	struct sbuf x, y;
	int eq;

	if (a->t == b->t) {
		switch (a->t) {
		case VT_NUM:
		case VT_ID:
		case VT_TIME:
			return a->u.n == b->u.n;
		case VT_BOOL:
			return a->u.b == b->u.b;
		case VT_IP:
		case VT_IPPFX:
			return a->u.ip.addr == b->u.ip.addr &&
			    a->u.ip.len == b->u.ip.len;
		case VT_NOTHING:
		case VT_NIL:
			return 1;
		default:
			break;
		}
	}
	sb_init(&x);
	sb_init(&y);
	val_to_text(a, &x);
	val_to_text(b, &y);
	eq = x.len == y.len && memcmp(sb_str(&x), sb_str(&y), x.len) == 0;
	sb_fini(&x);
	sb_fini(&y);
	return eq;
}
