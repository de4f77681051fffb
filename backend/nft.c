/*
 * nft.c - nftables through libnftables: apply a script, read rule
 * counters back, remove a table.
 *
 * Each call uses a context of its own, so it acts on the calling
 * thread's network namespace at the time of the call.  libnftables
 * sends a whole buffer as one netlink batch, which the kernel commits
 * all or nothing: a script that fails leaves the ruleset as it was.
 * Output and errors are buffered, never written to stdout/stderr.
 *
 * The counters come back as libnftables' JSON (`nft -j -t list table`:
 * terse, without the elements of the sets), and set elements as that of
 * `nft -j list set`, read by the small scanner below; kernel replies
 * are input too, so it checks what remains before every read and bounds
 * its nesting.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <sys/mman.h>

#include <nftables/libnftables.h>

#include "backend.h"

/* ------------------------------------------------------------------ */
/* Context and error text                                              */
/* ------------------------------------------------------------------ */

static struct nft_ctx *
nft_open(unsigned oflags, char *err, size_t errsz)
{
	struct nft_ctx *ctx = nft_ctx_new(NFT_CTX_DEFAULT);

	if (ctx == NULL) {
		if (errsz)
			snprintf(err, errsz, "cannot create nftables context");
		return NULL;
	}
	if (nft_ctx_buffer_output(ctx) != 0 ||
	    nft_ctx_buffer_error(ctx) != 0) {
		nft_ctx_free(ctx);
		if (errsz)
			snprintf(err, errsz, "cannot buffer nftables output");
		return NULL;
	}
	nft_ctx_output_set_flags(ctx, oflags);
	return ctx;
}

/* Append s[0..n) to err as one line: newlines and tabs become spaces,
 * runs of spaces collapse. */
static void
nft_err_put(char *err, size_t errsz, size_t *at, const char *s, size_t n)
{
	size_t i;
	char c;

	for (i = 0; i < n && *at + 1 < errsz; i++) {
		c = s[i] == '\n' || s[i] == '\t' ? ' ' : s[i];
		if (c == ' ' && (*at == 0 || err[*at - 1] == ' '))
			continue;
		err[(*at)++] = c;
	}
	err[*at] = '\0';
}

/* Line number of "<input>:L:C-C: Error: ..." (the input name holds no
 * ':'), 0 when there is none. */
static long
nft_err_line(const char *line, const char *e)
{
	const char *c = memchr(line, ':', (size_t)(e - line));

	return c != NULL && c[1] >= '1' && c[1] <= '9' ? strtol(c + 1, NULL,
	    10) : 0;
}

/*
 * nft reports each error as a "<input>:L:C-C: Error: text" line, then
 * the offending line and a caret line.  Keep the error text and the
 * source line after it (so the reader sees which rule), drop carets
 * and the input name, and join everything into one line:
 * "Error: text (line L: source); Error: ...".
 */
static void
nft_err_text(const char *buf, char *err, size_t errsz)
{
	const char *line = buf, *nl, *e;
	size_t at = 0, n;
	long lno = 0;
	char num[32];
	int open = 0;

	if (errsz == 0)
		return;
	err[0] = '\0';
	for (; line != NULL && *line != '\0'; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		n = nl ? (size_t)(nl - line) : strlen(line);
		e = memmem(line, n, "Error:", 6);
		if (e != NULL) {
			if (open)
				nft_err_put(err, errsz, &at, ")", 1);
			if (at > 0)
				nft_err_put(err, errsz, &at, "; ", 2);
			nft_err_put(err, errsz, &at, e, n - (size_t)(e - line));
			lno = nft_err_line(line, e);
			open = 0;
		} else if (lno > 0 && strspn(line, " \t^~") < n) {
			snprintf(num, sizeof(num), " (line %ld: ", lno);
			nft_err_put(err, errsz, &at, num, strlen(num));
			nft_err_put(err, errsz, &at, line, n);
			lno = 0;
			open = 1;
		}
	}
	if (open)
		nft_err_put(err, errsz, &at, ")", 1);
	if (at == 0) {
		nft_err_put(err, errsz, &at, buf, strlen(buf));
		if (at == 0)
			snprintf(err, errsz, "nftables refused the ruleset");
	}
	while (at > 0 && err[at - 1] == ' ')
		err[--at] = '\0';
}

static int
nft_fail(struct nft_ctx *ctx, char *err, size_t errsz)
{
	const char *eb = nft_ctx_get_error_buffer(ctx);

	nft_err_text(eb ? eb : "", err, errsz);
	return -1;
}

static int
nft_run(struct nft_ctx *ctx, const char *cmd, char *err, size_t errsz)
{
	if (nft_run_cmd_from_buffer(ctx, cmd) == 0)
		return 0;
	return nft_fail(ctx, err, errsz);
}

/*
 * A script goes through an anonymous file: nft then reports the line
 * number and the text of the offending line (from a buffer it shows
 * the first line of the buffer instead).  The script is ours, so the
 * include statements file input allows never occur in it.
 */
static int
nft_run_script(struct nft_ctx *ctx, const char *script, char *err,
    size_t errsz)
{
	char path[64];
	size_t len = strlen(script), off = 0;
	ssize_t w;
	int fd, rc;

	fd = memfd_create("rosh-nft", MFD_CLOEXEC);
	if (fd < 0)
		return nft_run(ctx, script, err, errsz);
	while (off < len) {
		w = write(fd, script + off, len - off);
		if (w <= 0) {
			close(fd);
			return nft_run(ctx, script, err, errsz);
		}
		off += (size_t)w;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rc = nft_run_cmd_from_filename(ctx, path) == 0 ? 0 :
	    nft_fail(ctx, err, errsz);
	close(fd);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Apply, delete, probe                                                */
/* ------------------------------------------------------------------ */

int
be_nft_apply(const char *script, int dry_run, char *err, size_t errsz)
{
	struct nft_ctx *ctx;
	int rc;

	if (errsz)
		err[0] = '\0';
	if (script == NULL) {
		if (errsz)
			snprintf(err, errsz, "no ruleset");
		return -1;
	}
	if ((ctx = nft_open(0, err, errsz)) == NULL)
		return -1;
	nft_ctx_set_dry_run(ctx, dry_run != 0);
	rc = nft_run_script(ctx, script, err, errsz);
	nft_ctx_free(ctx);
	return rc;
}

/* Table names are ours (BE_NFT_NAMESZ, letters, digits, '_' and '-'):
 * anything else would be read as more script. */
static int
nft_table_ok(const char *table)
{
	size_t n = table ? strlen(table) : 0;

	return n > 0 && n < BE_NFT_NAMESZ &&
	    strspn(table, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-") == n;
}

int
be_nft_delete_table(const char *table, char *err, size_t errsz)
{
	char cmd[2 * BE_NFT_NAMESZ + 64];

	if (!nft_table_ok(table)) {
		if (errsz)
			snprintf(err, errsz, "invalid table name");
		return -1;
	}
	/* Declaring it first makes the delete succeed when it is absent. */
	snprintf(cmd, sizeof(cmd), "table ip %s\ndelete table ip %s\n", table,
	    table);
	return be_nft_apply(cmd, 0, err, errsz);
}

int
be_nft_flowtable_supported(void)
{
	static const char probe[] =
	    "table ip rosh_probe {\n"
	    "\tflowtable f {\n"
	    "\t\thook ingress priority filter\n"
	    "\t\tdevices = { lo }\n"
	    "\t}\n"
	    "}\n";
	char err[256];

	return be_nft_apply(probe, 1, err, sizeof(err)) == 0;
}

/* ------------------------------------------------------------------ */
/* JSON scanner                                                        */
/* ------------------------------------------------------------------ */

#define JS_MAXDEPTH	64

struct js {
	const char *p;
	size_t left;
	int depth;
};

static void
js_ws(struct js *j)
{
	while (j->left > 0 && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r')) {
		j->p++;
		j->left--;
	}
}

/* Next non-blank byte without consuming it, -1 at the end. */
static int
js_peek(struct js *j)
{
	js_ws(j);
	return j->left > 0 ? (unsigned char)*j->p : -1;
}

static int
js_eat(struct js *j, char c)
{
	if (js_peek(j) != (unsigned char)c)
		return -1;
	j->p++;
	j->left--;
	return 0;
}

static int
js_hex4(struct js *j, unsigned *v)
{
	int i, c;

	if (j->left < 4)
		return -1;
	for (*v = 0, i = 0; i < 4; i++) {
		c = (unsigned char)j->p[i];
		if (c >= '0' && c <= '9')
			*v = *v << 4 | (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v = *v << 4 | (unsigned)((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	j->p += 4;
	j->left -= 4;
	return 0;
}

static void
js_out(char *out, size_t outsz, size_t *n, char c)
{
	if (out != NULL && *n + 1 < outsz) {
		out[(*n)++] = c;
		out[*n] = '\0';
	}
}

/* One escape after the backslash; \u is written as UTF-8 (surrogates
 * and NUL as '?'). */
static int
js_escape(struct js *j, char *out, size_t outsz, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k;
	unsigned u;

	if (j->left == 0)
		return -1;
	k = strchr(from, *j->p);
	if (*j->p != '\0' && k != NULL) {
		js_out(out, outsz, n, to[k - from]);
		j->p++;
		j->left--;
		return 0;
	}
	if (*j->p != 'u')
		return -1;
	j->p++;
	j->left--;
	if (js_hex4(j, &u) < 0)
		return -1;
	if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
		js_out(out, outsz, n, '?');
	else if (u < 0x80)
		js_out(out, outsz, n, (char)u);
	else if (u < 0x800) {
		js_out(out, outsz, n, (char)(0xc0 | u >> 6));
		js_out(out, outsz, n, (char)(0x80 | (u & 0x3f)));
	} else {
		js_out(out, outsz, n, (char)(0xe0 | u >> 12));
		js_out(out, outsz, n, (char)(0x80 | ((u >> 6) & 0x3f)));
		js_out(out, outsz, n, (char)(0x80 | (u & 0x3f)));
	}
	return 0;
}

/* A string; out (may be NULL) gets it NUL-terminated, truncated. */
static int
js_string(struct js *j, char *out, size_t outsz)
{
	size_t n = 0;
	char c;

	if (out != NULL && outsz > 0)
		out[0] = '\0';
	if (js_eat(j, '"') < 0)
		return -1;
	while (j->left > 0) {
		c = *j->p++;
		j->left--;
		if (c == '"')
			return 0;
		if ((unsigned char)c < 0x20)
			return -1;
		if (c != '\\')
			js_out(out, outsz, &n, c);
		else if (js_escape(j, out, outsz, &n) < 0)
			return -1;
	}
	return -1;
}

/* A number; *v gets its non-negative integer part (0 when negative),
 * saturating. */
static int
js_number(struct js *j, unsigned long long *v)
{
	int neg = 0, digits = 0;

	*v = 0;
	js_ws(j);
	if (j->left > 0 && *j->p == '-') {
		neg = 1;
		j->p++;
		j->left--;
	}
	for (; j->left > 0 && *j->p >= '0' && *j->p <= '9'; j->p++,
	    j->left--, digits++)
		*v = *v > (~0ULL - 9) / 10 ? ~0ULL :
		    *v * 10 + (unsigned long long)(*j->p - '0');
	if (digits == 0)
		return -1;
	while (j->left > 0 && strchr("0123456789.eE+-", *j->p) != NULL &&
	    *j->p != '\0') {
		j->p++;
		j->left--;
	}
	if (neg)
		*v = 0;
	return 0;
}

static int
js_word(struct js *j, const char *w)
{
	size_t n = strlen(w);

	js_ws(j);
	if (j->left < n || memcmp(j->p, w, n) != 0)
		return -1;
	j->p += n;
	j->left -= n;
	return 0;
}

static int js_skip(struct js *j);

/*
 * Walk an object (open '{' ... '}'): fn(j, key, arg) reads each value,
 * or returns 1 to have it skipped.  The same for arrays with key NULL.
 */
typedef int (*js_member_fn)(struct js *j, const char *key, void *arg);

static int
js_container(struct js *j, char open, js_member_fn fn, void *arg)
{
	char close = open == '{' ? '}' : ']', key[64];
	int rc;

	if (js_eat(j, open) < 0 || ++j->depth > JS_MAXDEPTH)
		return -1;
	if (js_eat(j, close) == 0) {
		j->depth--;
		return 0;
	}
	for (;;) {
		if (open == '{' && (js_string(j, key, sizeof(key)) < 0 ||
		    js_eat(j, ':') < 0))
			return -1;
		rc = fn ? fn(j, open == '{' ? key : NULL, arg) : 1;
		if (rc < 0 || (rc > 0 && js_skip(j) < 0))
			return -1;
		if (js_eat(j, ',') == 0)
			continue;
		if (js_eat(j, close) < 0)
			return -1;
		j->depth--;
		return 0;
	}
}

static int
js_skip(struct js *j)
{
	unsigned long long v;

	switch (js_peek(j)) {
	case '{':
		return js_container(j, '{', NULL, NULL);
	case '[':
		return js_container(j, '[', NULL, NULL);
	case '"':
		return js_string(j, NULL, 0);
	case 't':
		return js_word(j, "true");
	case 'f':
		return js_word(j, "false");
	case 'n':
		return js_word(j, "null");
	default:
		return js_number(j, &v);
	}
}

/* ------------------------------------------------------------------ */
/* Counters                                                            */
/* ------------------------------------------------------------------ */

struct js_rule {
	struct be_nft_counter c;
	int have_counter;
};

struct js_list {
	struct be_nft_counter *v;
	int n, cap;
	int oom;
};

static int
js_counter_member(struct js *j, const char *key, void *arg)
{
	struct js_rule *r = arg;

	if (strcmp(key, "packets") == 0)
		return js_number(j, &r->c.packets);
	if (strcmp(key, "bytes") == 0)
		return js_number(j, &r->c.bytes);
	return 1;
}

/* One statement of "expr": the first anonymous counter is the rule's. */
static int
js_stmt_member(struct js *j, const char *key, void *arg)
{
	struct js_rule *r = arg;

	if (strcmp(key, "counter") != 0 || r->have_counter ||
	    js_peek(j) != '{')
		return 1;
	r->have_counter = 1;
	return js_container(j, '{', js_counter_member, r);
}

static int
js_expr_elem(struct js *j, const char *key, void *arg)
{
	(void)key;
	if (js_peek(j) != '{')
		return 1;
	return js_container(j, '{', js_stmt_member, arg);
}

/* "*1A comment" -> 0x1A; -1 when the comment does not start so. */
static long long
js_comment_id(const char *c)
{
	unsigned long long id = 0;
	int digits = 0;

	if (*c++ != '*')
		return -1;
	/* Ids are at most 15 hex digits (they fit a signed 64-bit value):
	 * a longer one is not rosh's and must not overflow the shift. */
	for (; digits < 15; c++, digits++) {
		if (*c >= '0' && *c <= '9')
			id = id << 4 | (unsigned)(*c - '0');
		else if (*c >= 'A' && *c <= 'F')
			id = id << 4 | (unsigned)(*c - 'A' + 10);
		else
			break;
	}
	return digits > 0 && (*c == '\0' || *c == ' ') ? (long long)id : -1;
}

static int
js_rule_member(struct js *j, const char *key, void *arg)
{
	struct js_rule *r = arg;
	char comment[160];

	if (strcmp(key, "chain") == 0)
		return js_string(j, r->c.chain, sizeof(r->c.chain));
	if (strcmp(key, "comment") == 0) {
		if (js_string(j, comment, sizeof(comment)) < 0)
			return -1;
		r->c.id = js_comment_id(comment);
		return 0;
	}
	if (strcmp(key, "handle") == 0)
		return js_number(j, &r->c.handle);
	if (strcmp(key, "expr") == 0 && js_peek(j) == '[')
		return js_container(j, '[', js_expr_elem, r);
	return 1;
}

static int
js_item_member(struct js *j, const char *key, void *arg)
{
	struct js_list *l = arg;
	struct js_rule r;
	void *nv;

	if (strcmp(key, "rule") != 0 || js_peek(j) != '{')
		return 1;
	memset(&r, 0, sizeof(r));
	r.c.id = -1;
	if (js_container(j, '{', js_rule_member, &r) < 0)
		return -1;
	if (!r.have_counter)
		return 0;
	if (l->n == l->cap) {
		nv = realloc(l->v, (size_t)(l->cap ? l->cap * 2 : 32) *
		    sizeof(*l->v));
		if (nv == NULL) {
			l->oom = 1;
			return -1;
		}
		l->v = nv;
		l->cap = l->cap ? l->cap * 2 : 32;
	}
	l->v[l->n++] = r.c;
	return 0;
}

/* Where js_walk() sends the members of each item. */
struct js_walk {
	js_member_fn w_item;
	void *w_arg;
};

static int
js_walk_elem(struct js *j, const char *key, void *arg)
{
	struct js_walk *w = arg;

	(void)key;
	if (js_peek(j) != '{')
		return 1;
	return js_container(j, '{', w->w_item, w->w_arg);
}

static int
js_walk_top(struct js *j, const char *key, void *arg)
{
	if (strcmp(key, "nftables") != 0 || js_peek(j) != '[')
		return 1;
	return js_container(j, '[', js_walk_elem, arg);
}

/*
 * nft -j output is {"nftables": [ {item}, ... ]}: hand the members of
 * every item to fn.  0, or -1 when the text is not that whole and only
 * that (or fn failed).
 */
static int
js_walk(const char *json, size_t len, js_member_fn fn, void *arg)
{
	struct js j = { json, len, 0 };
	struct js_walk w = { fn, arg };

	if (json == NULL || js_container(&j, '{', js_walk_top, &w) < 0 ||
	    js_peek(&j) != -1)
		return -1;
	return 0;
}

int
be_nft_counters_parse(const char *json, size_t len,
    struct be_nft_counter **out, int *n)
{
	struct js_list l;

	memset(&l, 0, sizeof(l));
	*out = NULL;
	*n = 0;
	if (js_walk(json, len, js_item_member, &l) < 0) {
		free(l.v);
		return -1;
	}
	*out = l.v ? l.v : calloc(1, sizeof(**out));
	if (*out == NULL)
		return -1;
	*n = l.n;
	return 0;
}

int
be_nft_counters(const char *table, struct be_nft_counter **out, int *n,
    char *err, size_t errsz)
{
	struct nft_ctx *ctx;
	char cmd[BE_NFT_NAMESZ + 32];
	const char *buf;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (!nft_table_ok(table)) {
		if (errsz)
			snprintf(err, errsz, "invalid table name");
		return -1;
	}
	/* Terse: address lists can hold millions of elements that the
	 * counters do not need. */
	if ((ctx = nft_open(NFT_CTX_OUTPUT_JSON | NFT_CTX_OUTPUT_TERSE, err,
	    errsz)) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "list table ip %s", table);
	if (nft_run(ctx, cmd, err, errsz) == 0) {
		buf = nft_ctx_get_output_buffer(ctx);
		rc = be_nft_counters_parse(buf ? buf : "", buf ? strlen(buf) :
		    0, out, n);
		if (rc < 0 && errsz)
			snprintf(err, errsz, "unreadable nftables listing");
	}
	nft_ctx_free(ctx);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Set elements                                                        */
/* ------------------------------------------------------------------ */

/*
 * `nft -j list set` writes an element as "1.2.3.4", as
 * {"prefix": {"addr": "10.0.0.0", "len": 24}}, as {"range": [a, b]},
 * or, with a timeout, as {"elem": {"val": <one of those>, "timeout":
 * 60, "expires": 58}} (seconds).
 */
struct js_elems {
	struct be_nft_elem *v;
	int n, cap;
	int oom;
};

static int
js_ip4(struct js *j, uint32_t *out)
{
	char text[32];
	struct in_addr a;

	if (js_string(j, text, sizeof(text)) < 0 ||
	    inet_pton(AF_INET, text, &a) != 1)
		return -1;
	*out = ntohl(a.s_addr);
	return 0;
}

/* One element being read: the prefix length and the range bounds seen
 * so far travel beside it. */
struct js_el {
	struct be_nft_elem e;
	unsigned plen;		/* 33: none read yet */
	int nbounds;
	int have;		/* an address, prefix or range was read */
};

static int
js_prefix_member(struct js *j, const char *key, void *arg)
{
	struct js_el *x = arg;
	unsigned long long len;

	if (strcmp(key, "addr") == 0)
		return js_ip4(j, &x->e.lo);
	if (strcmp(key, "len") != 0)
		return 1;
	if (js_number(j, &len) < 0 || len > 32)
		return -1;
	x->plen = (unsigned)len;
	return 0;
}

static int
js_range_elem(struct js *j, const char *key, void *arg)
{
	struct js_el *x = arg;

	(void)key;
	if (x->nbounds >= 2)
		return -1;
	return js_ip4(j, x->nbounds++ == 0 ? &x->e.lo : &x->e.hi);
}

static int js_val(struct js *j, struct js_el *x);

static int
js_time_member(struct js *j, unsigned long long *ms)
{
	unsigned long long s;

	if (js_number(j, &s) < 0)
		return -1;
	*ms = s > ~0ULL / 1000 ? ~0ULL : s * 1000;
	return 0;
}

static int
js_val_member(struct js *j, const char *key, void *arg)
{
	struct js_el *x = arg;
	uint32_t mask;

	if (strcmp(key, "prefix") == 0) {
		x->plen = 33;
		if (js_peek(j) != '{' ||
		    js_container(j, '{', js_prefix_member, x) < 0 ||
		    x->plen > 32)
			return -1;
		mask = x->plen == 0 ? 0 : 0xffffffffu << (32 - x->plen);
		x->e.lo &= mask;
		x->e.hi = x->e.lo | ~mask;
		x->have = 1;
		return 0;
	}
	if (strcmp(key, "range") == 0) {
		x->nbounds = 0;
		if (js_peek(j) != '[' ||
		    js_container(j, '[', js_range_elem, x) < 0 ||
		    x->nbounds != 2 || x->e.hi < x->e.lo)
			return -1;
		x->have = 1;
		return 0;
	}
	if (strcmp(key, "val") == 0)
		return js_val(j, x);
	if (strcmp(key, "timeout") == 0)
		return js_time_member(j, &x->e.timeout_ms);
	if (strcmp(key, "expires") == 0)
		return js_time_member(j, &x->e.expires_ms);
	if (strcmp(key, "elem") == 0)
		return js_peek(j) == '{' ? js_container(j, '{',
		    js_val_member, x) : -1;
	return 1;
}

/* One value: an address, or an object holding a prefix or range. */
static int
js_val(struct js *j, struct js_el *x)
{
	if (js_peek(j) == '"') {
		if (js_ip4(j, &x->e.lo) < 0)
			return -1;
		x->e.hi = x->e.lo;
		x->have = 1;
		return 0;
	}
	if (js_peek(j) != '{')
		return -1;
	return js_container(j, '{', js_val_member, x);
}

static int
js_elems_elem(struct js *j, const char *key, void *arg)
{
	struct js_elems *l = arg;
	struct js_el x;
	void *nv;

	(void)key;
	memset(&x, 0, sizeof(x));
	if (js_val(j, &x) < 0)
		return -1;
	/* Elements of other types (concatenations, maps) are skipped. */
	if (!x.have)
		return 0;
	if (l->n == l->cap) {
		nv = realloc(l->v, (size_t)(l->cap ? l->cap * 2 : 32) *
		    sizeof(*l->v));
		if (nv == NULL) {
			l->oom = 1;
			return -1;
		}
		l->v = nv;
		l->cap = l->cap ? l->cap * 2 : 32;
	}
	l->v[l->n++] = x.e;
	return 0;
}

static int
js_set_member(struct js *j, const char *key, void *arg)
{
	if (strcmp(key, "elem") != 0 || js_peek(j) != '[')
		return 1;
	return js_container(j, '[', js_elems_elem, arg);
}

static int
js_set_item_member(struct js *j, const char *key, void *arg)
{
	if (strcmp(key, "set") != 0 || js_peek(j) != '{')
		return 1;
	return js_container(j, '{', js_set_member, arg);
}

int
be_nft_set_elems_parse(const char *json, size_t len,
    struct be_nft_elem **out, int *n)
{
	struct js_elems l;

	memset(&l, 0, sizeof(l));
	*out = NULL;
	*n = 0;
	if (js_walk(json, len, js_set_item_member, &l) < 0) {
		free(l.v);
		return -1;
	}
	*out = l.v ? l.v : calloc(1, sizeof(**out));
	if (*out == NULL)
		return -1;
	*n = l.n;
	return 0;
}

int
be_nft_set_elems(const char *table, const char *set,
    struct be_nft_elem **out, int *n, char *err, size_t errsz)
{
	struct nft_ctx *ctx;
	char cmd[3 * BE_NFT_NAMESZ + 32];
	const char *buf;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (!nft_table_ok(table) || set == NULL || strlen(set) >=
	    2 * BE_NFT_NAMESZ || strspn(set, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(set)) {
		if (errsz)
			snprintf(err, errsz, "invalid table or set name");
		return -1;
	}
	if ((ctx = nft_open(NFT_CTX_OUTPUT_JSON, err, errsz)) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "list set ip %s %s", table, set);
	if (nft_run(ctx, cmd, err, errsz) == 0) {
		buf = nft_ctx_get_output_buffer(ctx);
		rc = be_nft_set_elems_parse(buf ? buf : "", buf ?
		    strlen(buf) : 0, out, n);
		if (rc < 0 && errsz)
			snprintf(err, errsz, "unreadable nftables listing");
	}
	nft_ctx_free(ctx);
	return rc;
}
