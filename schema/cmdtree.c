/*
 * cmdtree.c - lookups in the embedded RouterOS command tree.
 *
 * The tree itself is generated data (cmdtree_data.c, from
 * schema/gen_cmdtree.py).  This file adds what the dump cannot say: how
 * names are abbreviated, which unnamed arguments a command takes, and
 * how an argument's value is read.  Those rules follow
 * docs console-language.md §1.4, §1.9, §3.4, §4.1 and §8.2.
 */
#include <string.h>

#include "schema.h"

/* Defined in cmdtree_data.c. */
extern const struct ct_node ct_tree_nodes[];
extern const size_t ct_tree_nnodes;

const struct ct_node *
ct_root(void)
{
	return &ct_tree_nodes[0];
}

size_t
ct_node_count(void)
{
	return ct_tree_nnodes;
}

/*
 * Order a NUL-terminated name against a counted word the way strcmp()
 * ordered the generator's output.  *isprefix is set when the word is a
 * prefix of the name (or equal to it).
 */
static int
ct_cmp(const char *name, const char *word, size_t len, int *isprefix)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char a = (unsigned char)name[i];
		unsigned char b = (unsigned char)word[i];

		if (a == '\0') {
			/* name is a proper prefix of word: it sorts first */
			*isprefix = 0;
			return -1;
		}
		if (a != b) {
			*isprefix = 0;
			return a < b ? -1 : 1;
		}
	}
	*isprefix = 1;
	return name[len] == '\0' ? 0 : 1;
}

/* Index of the first child not ordered before word (lower bound). */
static size_t
ct_lower(const struct ct_node *n, const char *word, size_t len)
{
	size_t lo = 0, hi = n->nkids;
	int pfx;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ct_cmp(n->kids[mid].name, word, len, &pfx) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct ct_node *
ct_child_exact(const struct ct_node *n, const char *word, size_t len)
{
	size_t i;
	int pfx;

	if (n == NULL || n->nkids == 0 || word == NULL)
		return NULL;
	i = ct_lower(n, word, len);
	if (i < n->nkids && ct_cmp(n->kids[i].name, word, len, &pfx) == 0)
		return &n->kids[i];
	return NULL;
}

/*
 * Exact name, else the only child the word abbreviates (§7.3).  Names
 * sharing a prefix are one sorted run starting at the lower bound, so
 * ambiguity is seen by looking at the next child only.
 */
const struct ct_node *
ct_child(const struct ct_node *n, const char *word, size_t len,
    int *ambiguous)
{
	size_t i;
	int pfx;

	if (ambiguous != NULL)
		*ambiguous = 0;
	if (n == NULL || n->nkids == 0 || word == NULL || len == 0)
		return NULL;
	i = ct_lower(n, word, len);
	if (i >= n->nkids)
		return NULL;
	if (ct_cmp(n->kids[i].name, word, len, &pfx) == 0)
		return &n->kids[i];
	if (!pfx)
		return NULL;
	if (i + 1 < n->nkids) {
		ct_cmp(n->kids[i + 1].name, word, len, &pfx);
		if (pfx) {
			if (ambiguous != NULL)
				*ambiguous = 1;
			return NULL;
		}
	}
	return &n->kids[i];
}

const struct ct_node *
ct_lookup(const char *path)
{
	const struct ct_node *n = ct_root();
	const char *p = path, *e;

	if (path == NULL || *path != '/')
		return NULL;
	while (*p != '\0' && n != NULL) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		n = ct_child_exact(n, p, (size_t)(e - p));
		p = e;
	}
	return n;
}

/*
 * Older releases and many published guides say "/ip ipsec sa"; v7 only
 * has installed-sa (§4.4).  Accepting the old word keeps those guides
 * usable; it is consulted only after exact and prefix matching failed.
 */
static const struct ct_alias {
	const char *dir;
	const char *word;
	const char *target;
} ct_aliases[] = {
	{ "/ip/ipsec", "sa", "installed-sa" },
};

const char *
ct_alias(const char *dirpath, const char *word, size_t len)
{
	size_t i;

	if (dirpath == NULL || word == NULL)
		return NULL;
	for (i = 0; i < sizeof(ct_aliases) / sizeof(ct_aliases[0]); i++) {
		const struct ct_alias *a = &ct_aliases[i];

		if (strcmp(a->dir, dirpath) == 0 && strlen(a->word) == len &&
		    memcmp(a->word, word, len) == 0)
			return a->target;
	}
	return NULL;
}

static int
ct_is_root(const char *dirpath)
{
	return dirpath == NULL || strcmp(dirpath, "/") == 0;
}

static int
ct_has_arg(const struct ct_node *cmd, const char *arg)
{
	return ct_child_exact(cmd, arg, strlen(arg)) != NULL;
}

/* ------------------------------------------------------------------ */
/* Positional parameters (§1.4, §8.2)                                  */
/* ------------------------------------------------------------------ */

#define CT_POS(name, ...) \
	static const char *const name[] = { __VA_ARGS__, NULL }

CT_POS(ct_p_numbers, "numbers");
CT_POS(ct_p_number_vn, "number", "value-name");
CT_POS(ct_p_numbers_vn, "numbers", "value-name");
CT_POS(ct_p_numbers_dst, "numbers", "destination");
CT_POS(ct_p_filename, "file-name");
CT_POS(ct_p_where, "where");
CT_POS(ct_p_message, "message");
CT_POS(ct_p_value, "value");
CT_POS(ct_p_name_value, "name", "value");
CT_POS(ct_p_delay, "delay-time");
CT_POS(ct_p_pick, "counter", "begin", "end");
CT_POS(ct_p_find, "in", "key", "from");
CT_POS(ct_p_counter, "counter");
CT_POS(ct_p_onerror, "error", "in");
CT_POS(ct_p_command, "command");
CT_POS(ct_p_condition, "condition");
CT_POS(ct_p_script, "script");
CT_POS(ct_p_address, "address");
/* What remains of the lists above when a menu lacks an argument. */
CT_POS(ct_p_number, "number");
CT_POS(ct_p_valuename, "value-name");
static const char *const ct_p_none[] = { NULL };

static const char *const *const ct_p_all[] = {
	ct_p_numbers, ct_p_number_vn, ct_p_numbers_vn, ct_p_numbers_dst,
	ct_p_filename, ct_p_where, ct_p_message, ct_p_value,
	ct_p_name_value, ct_p_delay, ct_p_pick, ct_p_find, ct_p_counter,
	ct_p_onerror, ct_p_command, ct_p_condition, ct_p_script,
	ct_p_address, ct_p_number, ct_p_valuename,
};

/* Where a rule applies: root scripting commands or menu commands. */
enum ct_scope { CT_ROOT, CT_MENU, CT_ANY };

struct ct_posrule {
	const char *cmd;
	enum ct_scope scope;
	const char *const *pos;
};

/* Sorted by cmd then scope, searched with bsearch-like loop below. */
static const struct ct_posrule ct_posrules[] = {
	{ "comment",	CT_MENU, ct_p_numbers },
	{ "delay",	CT_ROOT, ct_p_delay },
	{ "disable",	CT_MENU, ct_p_numbers },
	{ "do",		CT_ROOT, ct_p_command },
	{ "edit",	CT_MENU, ct_p_number_vn },
	{ "enable",	CT_MENU, ct_p_numbers },
	{ "error",	CT_ROOT, ct_p_message },
	{ "execute",	CT_ROOT, ct_p_script },
	{ "find",	CT_ROOT, ct_p_find },
	{ "find",	CT_MENU, ct_p_where },
	{ "for",	CT_ROOT, ct_p_counter },
	{ "foreach",	CT_ROOT, ct_p_counter },
	{ "get",	CT_MENU, ct_p_number_vn },
	{ "global",	CT_ROOT, ct_p_name_value },
	{ "if",		CT_ROOT, ct_p_condition },
	{ "import",	CT_ANY,	 ct_p_filename },
	{ "len",	CT_ROOT, ct_p_value },
	{ "local",	CT_ROOT, ct_p_name_value },
	{ "move",	CT_MENU, ct_p_numbers_dst },
	{ "onerror",	CT_ROOT, ct_p_onerror },
	{ "parse",	CT_ROOT, ct_p_value },
	{ "pick",	CT_ROOT, ct_p_pick },
	{ "ping",	CT_ROOT, ct_p_address },
	{ "put",	CT_ROOT, ct_p_message },
	{ "remove",	CT_MENU, ct_p_numbers },
	{ "reset",	CT_MENU, ct_p_numbers },
	{ "return",	CT_ROOT, ct_p_value },
	{ "set",	CT_ROOT, ct_p_name_value },
	{ "set",	CT_MENU, ct_p_numbers },
	{ "time",	CT_ROOT, ct_p_command },
	{ "toarray",	CT_ROOT, ct_p_value },
	{ "tobool",	CT_ROOT, ct_p_value },
	{ "toid",	CT_ROOT, ct_p_value },
	{ "toip",	CT_ROOT, ct_p_value },
	{ "toip6",	CT_ROOT, ct_p_value },
	{ "tonsec",	CT_ROOT, ct_p_value },
	{ "tonum",	CT_ROOT, ct_p_value },
	{ "tostr",	CT_ROOT, ct_p_value },
	{ "totime",	CT_ROOT, ct_p_value },
	{ "typeof",	CT_ROOT, ct_p_value },
	{ "unset",	CT_MENU, ct_p_numbers_vn },
	{ "while",	CT_ROOT, ct_p_condition },
};

#define CT_NRULES (sizeof(ct_posrules) / sizeof(ct_posrules[0]))

static const struct ct_posrule *
ct_posrule_find(const char *name, int root)
{
	size_t lo = 0, hi = CT_NRULES;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ct_posrules[mid].cmd, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < CT_NRULES && strcmp(ct_posrules[lo].cmd, name) == 0;
	    lo++) {
		enum ct_scope s = ct_posrules[lo].scope;

		if (s == CT_ANY || (s == CT_ROOT) == root)
			return &ct_posrules[lo];
	}
	return NULL;
}

/*
 * Keep only the entries of `want` that are real arguments of the command
 * (single-object menus have get/set without number(s)), and return the
 * static list with that content.
 */
static const char *const *
ct_pos_filter(const struct ct_node *cmd, const char *const *want)
{
	const char *keep[4];
	size_t n = 0, i, j;

	for (i = 0; want[i] != NULL && n < 3; i++)
		if (ct_has_arg(cmd, want[i]))
			keep[n++] = want[i];
	keep[n] = NULL;
	if (n == 0)
		return ct_p_none;
	for (i = 0; i < sizeof(ct_p_all) / sizeof(ct_p_all[0]); i++) {
		const char *const *l = ct_p_all[i];

		for (j = 0; j <= n; j++)
			if (l[j] != keep[j] && (l[j] == NULL ||
			    keep[j] == NULL || strcmp(l[j], keep[j]) != 0))
				break;
		if (j > n)
			return l;
	}
	return ct_p_none;
}

/* /log info|warning|error|debug take the message unnamed (§1.2). */
static int
ct_is_log_topic(const char *dirpath, const char *cmd)
{
	static const char *const topics[] = { "debug", "error", "info",
	    "warning" };
	size_t i;

	if (strcmp(dirpath, "/log") != 0)
		return 0;
	for (i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (strcmp(topics[i], cmd) == 0)
			return 1;
	return 0;
}

const char *const *
ct_positionals(const char *dirpath, const struct ct_node *cmd)
{
	const struct ct_posrule *r;
	int root = ct_is_root(dirpath);

	if (cmd == NULL || cmd->kind != CT_CMD)
		return ct_p_none;
	if (!root && ct_is_log_topic(dirpath, cmd->name))
		return ct_pos_filter(cmd, ct_p_message);
	r = ct_posrule_find(cmd->name, root);
	if (r != NULL)
		return ct_pos_filter(cmd, r->pos);
	/* Menu actions on items: monitor, reset-counters, renew... */
	if (ct_has_arg(cmd, "numbers"))
		return ct_pos_filter(cmd, ct_p_numbers_vn);
	if (ct_has_arg(cmd, "number"))
		return ct_pos_filter(cmd, ct_p_number_vn);
	return ct_p_none;
}

/* ------------------------------------------------------------------ */
/* Argument value kinds (§1.4, §1.9, §3.5, §4.1, §4.2)                 */
/* ------------------------------------------------------------------ */

/*
 * Switches that mean "yes" when written alone.  The list is by name, not
 * per menu: the same words are switches wherever the tree has them
 * (print, export, import, monitor, get...).
 */
static const char *const ct_flags[] = {
	"all", "append", "as-string", "as-string-value", "as-value",
	"blackhole", "brief", "compact", "count-only", "detail", "dry-run",
	"dynamic", "follow", "follow-only", "hide-sensitive", "once",
	"show-ids", "show-sensitive", "static", "stats", "stats-detail",
	"terse", "value-list", "verbose", "with-extra-info",
	"without-paging",
};

static int
ct_is_flag_name(const char *arg)
{
	size_t lo = 0, hi = sizeof(ct_flags) / sizeof(ct_flags[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ct_flags[mid], arg);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
ct_name_is(const struct ct_node *cmd, const char *name)
{
	return cmd != NULL && strcmp(cmd->name, name) == 0;
}

/* Arguments whose value is a script block or a where-expression. */
static enum ct_valkind
ct_arg_special(int root, const struct ct_node *cmd, const char *arg)
{
	/* dispatch on the first byte: this runs for every argument parsed */
	switch (arg[0]) {
	case 'c':	/* :do {...}, :retry command=, :time {...} */
		if (root && strcmp(arg, "command") == 0 &&
		    (ct_name_is(cmd, "do") || ct_name_is(cmd, "retry") ||
		    ct_name_is(cmd, "time")))
			return CT_VAL_BLOCK;
		break;
	case 'd':	/* :if do=, :global f do=, monitor do=... */
		if (strcmp(arg, "do") == 0)
			return CT_VAL_BLOCK;
		break;
	case 'e':
		if (strcmp(arg, "else") == 0)
			return CT_VAL_BLOCK;
		break;
	case 'i':	/* :onerror e in={...}, not :foreach in=$list */
		if (root && strcmp(arg, "in") == 0 && ct_name_is(cmd, "onerror"))
			return CT_VAL_BLOCK;
		break;
	case 'o':
		if (strcmp(arg, "on-error") == 0)
			return CT_VAL_BLOCK;
		break;
	case 's':	/* :execute {...} runs a script in the background */
		if (root && strcmp(arg, "script") == 0 &&
		    ct_name_is(cmd, "execute"))
			return CT_VAL_BLOCK;
		break;
	case 'w':
		if (strcmp(arg, "where") == 0 && (ct_name_is(cmd, "find") ||
		    ct_name_is(cmd, "print") || ct_name_is(cmd, "export")))
			return CT_VAL_WHERE;
		break;
	}
	return CT_VAL_VALUE;
}

enum ct_valkind
ct_arg_kind(const char *dirpath, const struct ct_node *cmd, const char *arg)
{
	enum ct_valkind k;

	if (arg == NULL)
		return CT_VAL_VALUE;
	k = ct_arg_special(ct_is_root(dirpath), cmd, arg);
	if (k != CT_VAL_VALUE)
		return k;
	return ct_is_flag_name(arg) ? CT_VAL_FLAG : CT_VAL_VALUE;
}
