/*
 * check_cmdtree.c - the embedded RouterOS 7.21.5 command tree and the
 * lookups built on it (schema/cmdtree.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

/* Node at "/a/b/c", failing the test when the tree lacks it. */
static const struct ct_node *
node_at(const char *path)
{
	const struct ct_node *n = ct_lookup(path);

	ck_assert_msg(n != NULL, "no node %s", path);
	return n;
}

/* ------------------------------------------------------------------ */
/* Shape of the generated data                                         */
/* ------------------------------------------------------------------ */

static size_t
count_nodes(const struct ct_node *n)
{
	size_t c = 1;
	unsigned i;

	for (i = 0; i < n->nkids; i++)
		c += count_nodes(&n->kids[i]);
	return c;
}

/* Children strictly sorted, arguments only under commands, no kids. */
static void
check_shape(const struct ct_node *n)
{
	unsigned i;

	if (n->kind == CT_ARG)
		ck_assert_uint_eq(n->nkids, 0);
	for (i = 0; i < n->nkids; i++) {
		const struct ct_node *k = &n->kids[i];

		ck_assert(k->name != NULL && k->name[0] != '\0');
		if (i > 0)
			ck_assert_msg(strcmp(n->kids[i - 1].name, k->name) < 0,
			    "%s not after %s", k->name, n->kids[i - 1].name);
		if (n->kind == CT_CMD)
			ck_assert_int_eq(k->kind, CT_ARG);
		else
			ck_assert_int_ne(k->kind, CT_ARG);
		check_shape(k);
	}
}

START_TEST(test_shape)
{
	const struct ct_node *r = ct_root();

	ck_assert_int_eq(r->kind, CT_DIR);
	ck_assert_str_eq(r->name, "");
	/* 30044 entries of routeros-7.21.5-command-tree.json plus the root */
	ck_assert_uint_eq(ct_node_count(), 30045);
	ck_assert_uint_eq(count_nodes(r), ct_node_count());
	/* §1.2: the root menus and root commands */
	ck_assert_uint_eq(r->nkids, 76);
	check_shape(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Name resolution                                                     */
/* ------------------------------------------------------------------ */

struct child_case {
	const char *dir;
	const char *word;
	const char *want;	/* NULL: no match */
	int ambiguous;
};

static const struct child_case child_cases[] = {
	{ "/", "ip", "ip", 0 },
	{ "/ip", "addr", "address", 0 },
	{ "/ip", "address", "address", 0 },
	{ "/ip", "ipsec", "ipsec", 0 },
	{ "/ip", "d", NULL, 1 },		/* dhcp-*, dns */
	{ "/ip", "dhcp-s", "dhcp-server", 0 },
	{ "/ip", "dhcp", NULL, 1 },
	{ "/ip", "adress", NULL, 0 },
	{ "/ip", "zzz", NULL, 0 },
	{ "/ip", "", NULL, 0 },
	{ "/", "for", "for", 0 },		/* exact beats "foreach" */
	{ "/", "fore", "foreach", 0 },
	{ "/", "p", NULL, 1 },
	{ "/ip/address", "pri", "print", 0 },
	{ "/ip/address", "re", NULL, 1 },	/* remove, reset */
	{ "/ip/address/print", "det", "detail", 0 },
	{ "/ip/address/print", "where", "where", 0 },
	{ "/ip/address/add", "addr", "address", 0 },
	{ "/ip/address/add", "i", "interface", 0 },
	{ "/ip/ipsec", "sa", NULL, 0 },		/* only via ct_alias */
	{ "/ip/ipsec", "installed", "installed-sa", 0 },
	{ "/ip/address/add/address", "x", NULL, 0 },
};

START_TEST(test_child)
{
	const struct child_case *c = &child_cases[_i];
	const struct ct_node *d = node_at(c->dir), *n;
	int amb = -1;

	n = ct_child(d, c->word, strlen(c->word), &amb);
	if (c->want == NULL)
		ck_assert_ptr_null(n);
	else {
		ck_assert_ptr_nonnull(n);
		ck_assert_str_eq(n->name, c->want);
	}
	ck_assert_int_eq(amb, c->ambiguous);
	/* the ambiguity report is optional */
	ck_assert_ptr_eq(ct_child(d, c->word, strlen(c->word), NULL), n);
}
END_TEST

START_TEST(test_child_counted)
{
	const struct ct_node *ip = node_at("/ip");
	const char word[] = "addressXYZ";
	const char nul[] = { 'a', 'd', 'd', '\0', 'x' };

	/* the length bounds the word: no terminator needed */
	ck_assert_str_eq(ct_child(ip, word, 7, NULL)->name, "address");
	ck_assert_ptr_null(ct_child(ip, word, 8, NULL));
	/* an embedded NUL is part of the word, not its end */
	ck_assert_ptr_null(ct_child(node_at("/ip/address"), nul, 5, NULL));
	ck_assert_ptr_null(ct_child(NULL, "ip", 2, NULL));
}
END_TEST

START_TEST(test_child_exact)
{
	const struct ct_node *ip = node_at("/ip");

	ck_assert_str_eq(ct_child_exact(ip, "address", 7)->name, "address");
	ck_assert_ptr_null(ct_child_exact(ip, "addr", 4));
	ck_assert_ptr_null(ct_child_exact(ip, "addresses", 9));
	ck_assert_str_eq(ct_child_exact(ct_root(), "for", 3)->name, "for");
	ck_assert_ptr_null(ct_child_exact(ct_root(), "", 0));
}
END_TEST

struct lookup_case {
	const char *path;
	const char *name;	/* NULL: not found */
	enum ct_kind kind;
};

static const struct lookup_case lookup_cases[] = {
	{ "/", "", CT_DIR },
	{ "/ip", "ip", CT_DIR },
	{ "/ip/", "ip", CT_DIR },
	{ "/ip/ipsec/peer", "peer", CT_DIR },
	{ "/ip/firewall/filter/add", "add", CT_CMD },
	{ "/ip/firewall/filter/add/chain", "chain", CT_ARG },
	{ "/interface/l2tp-server/server", "server", CT_DIR },
	{ "/put", "put", CT_CMD },
	{ "/log/info", "info", CT_CMD },
	{ "/ip/ipsec/installed-sa/flush", "flush", CT_CMD },
	{ "/ip/nonsense", NULL, CT_DIR },
	{ "/ip/addr", NULL, CT_DIR },		/* lookups are exact */
	{ "/ip/ipsec/sa", NULL, CT_DIR },
	{ "ip/address", NULL, CT_DIR },	/* not absolute */
	{ "", NULL, CT_DIR },
};

START_TEST(test_lookup)
{
	const struct lookup_case *c = &lookup_cases[_i];
	const struct ct_node *n = ct_lookup(c->path);

	if (c->name == NULL) {
		ck_assert_ptr_null(n);
		return;
	}
	ck_assert_ptr_nonnull(n);
	ck_assert_str_eq(n->name, c->name);
	ck_assert_int_eq(n->kind, c->kind);
}
END_TEST

START_TEST(test_lookup_null)
{
	ck_assert_ptr_null(ct_lookup(NULL));
	ck_assert_ptr_eq(ct_lookup("/"), ct_root());
}
END_TEST

START_TEST(test_alias)
{
	const char *t = ct_alias("/ip/ipsec", "sa", 2);

	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t, "installed-sa");
	ck_assert_ptr_nonnull(ct_child_exact(node_at("/ip/ipsec"), t,
	    strlen(t)));
	ck_assert_str_eq(ct_alias("/ip/ipsec", "sa-x", 2), "installed-sa");
	ck_assert_ptr_null(ct_alias("/ip/ipsec", "s", 1));
	ck_assert_ptr_null(ct_alias("/ip/ipsec", "sas", 3));
	ck_assert_ptr_null(ct_alias("/ip", "sa", 2));
	ck_assert_ptr_null(ct_alias("/ip/ipsec/", "sa", 2));
	ck_assert_ptr_null(ct_alias(NULL, "sa", 2));
}
END_TEST

/* ------------------------------------------------------------------ */
/* Positional parameters                                               */
/* ------------------------------------------------------------------ */

struct pos_case {
	const char *dir;
	const char *cmd;
	const char *want;	/* names joined by ',' */
};

static const struct pos_case pos_cases[] = {
	/* §1.4 table, menu commands */
	{ "/ip/address", "set", "numbers" },
	{ "/ip/address", "remove", "numbers" },
	{ "/ip/address", "enable", "numbers" },
	{ "/ip/address", "disable", "numbers" },
	{ "/ip/address", "comment", "numbers" },
	{ "/ip/address", "reset", "numbers" },
	{ "/ip/address", "get", "number,value-name" },
	{ "/ip/address", "edit", "number,value-name" },
	{ "/ip/firewall/filter", "unset", "numbers,value-name" },
	{ "/ip/firewall/filter", "move", "numbers,destination" },
	{ "/ip/address", "find", "where" },
	{ "/ip/address", "print", "" },
	{ "/ip/address", "add", "" },
	{ "/ip/address", "export", "" },
	/* single-object menus have no item number */
	{ "/system/identity", "get", "value-name" },
	{ "/system/identity", "set", "" },
	{ "/ip/ipsec/settings", "edit", "value-name" },
	/* root scripting commands (§8.2) */
	{ "/", "put", "message" },
	{ "/", "error", "message" },
	{ "/", "return", "value" },
	{ "/", "local", "name,value" },
	{ "/", "global", "name,value" },
	{ "/", "set", "name,value" },
	{ "/", "delay", "delay-time" },
	{ "/", "pick", "counter,begin,end" },
	{ "/", "find", "in,key,from" },
	{ "/", "len", "value" },
	{ "/", "typeof", "value" },
	{ "/", "tostr", "value" },
	{ "/", "tonum", "value" },
	{ "/", "toip", "value" },
	{ "/", "toip6", "value" },
	{ "/", "totime", "value" },
	{ "/", "toarray", "value" },
	{ "/", "tobool", "value" },
	{ "/", "toid", "value" },
	{ "/", "tonsec", "value" },
	{ "/", "parse", "value" },
	{ "/", "for", "counter" },
	{ "/", "foreach", "counter" },
	{ "/", "onerror", "error,in" },
	{ "/", "do", "command" },
	{ "/", "if", "condition" },
	{ "/", "while", "condition" },
	{ "/", "execute", "script" },
	{ "/", "time", "command" },
	{ "/", "ping", "address" },
	{ "/", "import", "file-name" },
	{ "/", "beep", "" },
	{ "/", "range", "" },
	{ "/", "quit", "" },
	{ "/", "export", "" },
	{ "/log", "info", "message" },
	{ "/log", "warning", "message" },
	{ "/log", "error", "message" },
	{ "/log", "debug", "message" },
	{ "/log", "print", "" },
	{ "/system/backup", "save", "" },
	{ "/system/backup", "load", "" },
	/* any other command with numbers / number */
	{ "/interface/ethernet", "monitor", "numbers" },
	{ "/ip/firewall/filter", "reset-counters", "numbers" },
	{ "/ip/dhcp-server/lease", "make-static", "numbers" },
	{ "/system/script", "run", "number" },
	{ "/certificate", "sign", "number" },
};

static void
join(const char *const *l, char *buf, size_t sz)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; *l != NULL; l++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s", n ? "," : "", *l);
}

START_TEST(test_positionals)
{
	const struct pos_case *c = &pos_cases[_i];
	char path[128], got[128];
	const char *const *l;

	snprintf(path, sizeof(path), "%s/%s", strcmp(c->dir, "/") ? c->dir :
	    "", c->cmd);
	l = ct_positionals(c->dir, node_at(path));
	ck_assert_ptr_nonnull(l);
	join(l, got, sizeof(got));
	ck_assert_msg(strcmp(got, c->want) == 0, "%s: got '%s' want '%s'",
	    path, got, c->want);
	/* every positional is a real argument of the command */
	for (; *l != NULL; l++)
		ck_assert_ptr_nonnull(ct_child_exact(node_at(path), *l,
		    strlen(*l)));
}
END_TEST

START_TEST(test_positionals_odd)
{
	/* a menu is no command; NULL dirpath is the root */
	ck_assert_ptr_null(ct_positionals("/", node_at("/ip"))[0]);
	ck_assert_ptr_null(ct_positionals("/", NULL)[0]);
	ck_assert_str_eq(ct_positionals(NULL, node_at("/put"))[0], "message");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Argument kinds                                                      */
/* ------------------------------------------------------------------ */

struct kind_case {
	const char *dir;
	const char *cmd;
	const char *arg;
	enum ct_valkind want;
};

static const struct kind_case kind_cases[] = {
	{ "/", "if", "do", CT_VAL_BLOCK },
	{ "/", "if", "else", CT_VAL_BLOCK },
	{ "/", "if", "condition", CT_VAL_VALUE },
	{ "/", "do", "command", CT_VAL_BLOCK },
	{ "/", "do", "on-error", CT_VAL_BLOCK },
	{ "/", "do", "while", CT_VAL_VALUE },
	{ "/", "for", "do", CT_VAL_BLOCK },
	{ "/", "foreach", "in", CT_VAL_VALUE },
	{ "/", "foreach", "on-error", CT_VAL_BLOCK },
	{ "/", "onerror", "in", CT_VAL_BLOCK },
	{ "/", "onerror", "do", CT_VAL_BLOCK },
	{ "/", "onerror", "error", CT_VAL_VALUE },
	{ "/", "retry", "command", CT_VAL_BLOCK },
	{ "/", "time", "command", CT_VAL_BLOCK },
	{ "/", "execute", "script", CT_VAL_BLOCK },
	{ "/", "global", "do", CT_VAL_BLOCK },
	{ "/", "find", "in", CT_VAL_VALUE },
	{ "/interface/ethernet", "monitor", "do", CT_VAL_BLOCK },
	{ "/ip/address", "find", "where", CT_VAL_WHERE },
	{ "/ip/address", "print", "where", CT_VAL_WHERE },
	{ "/ip/address", "export", "where", CT_VAL_WHERE },
	{ "/ip/address", "print", "detail", CT_VAL_FLAG },
	{ "/ip/address", "print", "without-paging", CT_VAL_FLAG },
	{ "/ip/address", "print", "as-value", CT_VAL_FLAG },
	{ "/ip/address", "print", "count-only", CT_VAL_FLAG },
	{ "/ip/address", "print", "terse", CT_VAL_FLAG },
	{ "/ip/address", "print", "file", CT_VAL_VALUE },
	{ "/ip/address", "print", "interval", CT_VAL_VALUE },
	{ "/ip/firewall/filter", "print", "stats", CT_VAL_FLAG },
	{ "/ip/firewall/filter", "print", "all", CT_VAL_FLAG },
	{ "/ip/firewall/filter", "print", "dynamic", CT_VAL_FLAG },
	{ "/log", "print", "with-extra-info", CT_VAL_FLAG },
	{ "/ppp/secret", "print", "show-sensitive", CT_VAL_FLAG },
	{ "/", "export", "compact", CT_VAL_FLAG },
	{ "/", "export", "hide-sensitive", CT_VAL_FLAG },
	{ "/", "export", "verbose", CT_VAL_FLAG },
	{ "/", "export", "file", CT_VAL_VALUE },
	{ "/", "import", "dry-run", CT_VAL_FLAG },
	{ "/", "import", "file-name", CT_VAL_VALUE },
	{ "/ip/route", "add", "blackhole", CT_VAL_FLAG },
	{ "/ip/route", "add", "gateway", CT_VAL_VALUE },
	{ "/ip/address", "add", "address", CT_VAL_VALUE },
	{ "/ip/address", "set", "numbers", CT_VAL_VALUE },
};

START_TEST(test_arg_kind)
{
	const struct kind_case *c = &kind_cases[_i];
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", strcmp(c->dir, "/") ? c->dir :
	    "", c->cmd);
	ck_assert_msg(ct_arg_kind(c->dir, node_at(path), c->arg) == c->want,
	    "%s %s", path, c->arg);
}
END_TEST

static Suite *
cmdtree_suite(void)
{
	Suite *s = suite_create("cmdtree");
	TCase *tc;

	tc = tcase_create("shape");
	tcase_add_test(tc, test_shape);
	suite_add_tcase(s, tc);

	tc = tcase_create("child");
	tcase_add_loop_test(tc, test_child, 0,
	    sizeof(child_cases) / sizeof(child_cases[0]));
	tcase_add_test(tc, test_child_counted);
	tcase_add_test(tc, test_child_exact);
	suite_add_tcase(s, tc);

	tc = tcase_create("lookup");
	tcase_add_loop_test(tc, test_lookup, 0,
	    sizeof(lookup_cases) / sizeof(lookup_cases[0]));
	tcase_add_test(tc, test_lookup_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("alias");
	tcase_add_test(tc, test_alias);
	suite_add_tcase(s, tc);

	tc = tcase_create("positionals");
	tcase_add_loop_test(tc, test_positionals, 0,
	    sizeof(pos_cases) / sizeof(pos_cases[0]));
	tcase_add_test(tc, test_positionals_odd);
	suite_add_tcase(s, tc);

	tc = tcase_create("arg_kind");
	tcase_add_loop_test(tc, test_arg_kind, 0,
	    sizeof(kind_cases) / sizeof(kind_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(cmdtree_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
