/*
 * check_complete.c - where the cursor of a partial line is
 * (grammar/complete.c): the addressed menu, the command, the argument or
 * property whose value is typed, and the partial word, through paths,
 * arguments, values, [substitutions], blocks, strings and
 * where-expressions.
 *
 * Each case renders the answer as "WHAT menu cmd arg 'word'" (with
 * flags after the word) and compares it with the expected text.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"

static const char *const what_names[] = {
	[GR_CPL_NONE] = "NONE", [GR_CPL_STRING] = "STRING",
	[GR_CPL_PATH] = "PATH", [GR_CPL_ARG] = "ARG",
	[GR_CPL_VALUE] = "VALUE", [GR_CPL_WHERE] = "WHERE",
	[GR_CPL_WHERE_VALUE] = "WVALUE",
};

struct cpl_case {
	const char *cwd;
	const char *in;
	const char *want;
};

static const struct cpl_case cpl_cases[] = {
	/* paths and commands */
	{ "/", "", "PATH / - - ''" },
	{ "/", "/ip ips", "PATH /ip - - 'ips'" },
	{ "/", "/ip ipsec ", "PATH /ip/ipsec - - ''" },
	{ "/", "/ip/ipsec/", "PATH /ip/ipsec - - ''" },
	{ "/", "/ip/ipsec/pe", "PATH /ip/ipsec - - 'pe'" },
	{ "/ip", "pool pri", "PATH /ip/pool - - 'pri'" },
	{ "/ip/firewall/filter", ".. ", "PATH /ip/firewall - - ''" },
	{ "/", ":pu", "PATH / - - 'pu' root-only" },
	{ "/", "/ip pool; pri", "PATH /ip/pool - - 'pri'" },
	{ "/", "/ip pool\n", "PATH /ip/pool - - ''" },
	{ "/", "/nonsense x", "NONE" },
	/* arguments */
	{ "/", "/ip pool print ", "ARG /ip/pool print - ''" },
	{ "/", "/ip pool print det", "ARG /ip/pool print - 'det'" },
	{ "/", "/ip pool set ", "ARG /ip/pool set numbers ''" },
	{ "/", "/ip pool set 0 ", "ARG /ip/pool set - '' given=numbers" },
	{ "/", "/ip pool get 0 ", "ARG /ip/pool get value-name '' "
	  "given=number" },
	{ "/", "/ip pool set 0 comment=\"x\" na", "ARG /ip/pool set - 'na' "
	  "given=numbers,comment" },
	{ "/", "/ip firewall filter set 0 !dst", "ARG /ip/firewall/filter "
	  "set - 'dst' negated given=numbers" },
	/* values */
	{ "/", "/ip ipsec identity set 0 generate-policy=",
	  "VALUE /ip/ipsec/identity set generate-policy '' "
	  "given=numbers,generate-policy" },
	{ "/", "/ip ipsec identity set 0 generate-policy=port-",
	  "VALUE /ip/ipsec/identity set generate-policy 'port-' "
	  "given=numbers,generate-policy" },
	{ "/", "/ppp profile add remote-address=v",
	  "VALUE /ppp/profile add remote-address 'v' given=remote-address" },
	{ "/", "/ip firewall filter add src-address-type=!local,bro",
	  "VALUE /ip/firewall/filter add src-address-type 'bro' list "
	  "given=src-address-type" },
	{ "/", "/ip firewall filter add src-address-type=local,!bro",
	  "VALUE /ip/firewall/filter add src-address-type 'bro' negated list "
	  "given=src-address-type" },
	{ "/", "/ip pool print proplist=name,ra",
	  "VALUE /ip/pool print proplist 'ra' list given=proplist" },
	/* [find ...] and where-expressions */
	{ "/", "/ip pool set [find name=",
	  "WVALUE /ip/pool find name '' given=where" },
	{ "/", "/ip pool set [find ", "WHERE /ip/pool find - ''" },
	{ "/", "/ip pool set [find] ", "ARG /ip/pool set - '' given=numbers" },
	{ "/", "/ip pool set [find where name=a and ",
	  "WHERE /ip/pool find - '' given=where" },
	{ "/", "/ip pool set [find where (name=a or ranges=",
	  "WVALUE /ip/pool find ranges '' given=where" },
	{ "/", "/ip firewall address-list print where list=li",
	  "WVALUE /ip/firewall/address-list print list 'li' given=where" },
	{ "/", "/ip firewall address-list print where disabled ",
	  "WHERE /ip/firewall/address-list print - '' given=where" },
	{ "/", "/ip pool print where na",
	  "WHERE /ip/pool print - 'na' given=where" },
	/* blocks, strings, substitutions */
	{ "/", "/ip pool { print ", "ARG /ip/pool print - ''" },
	{ "/", ":foreach i in=[/ip pool find] do={ /ip pool set $i n",
	  "ARG /ip/pool set - 'n' given=numbers" },
	{ "/", ":put \"abc", "STRING" },
	{ "/", ":put \"a$[/ip pool find ", "WHERE /ip/pool find - ''" },
	{ "/", ":put [/ip pool get [find] ",
	  "ARG /ip/pool get value-name '' given=number" },
	{ "/", ":if (1=1) do={\n/ip pool pr", "PATH /ip/pool - - 'pr'" },
	{ "/", ":put $x", "NONE" },
};

static void
render(const struct gr_cpl *c, char *buf, size_t sz)
{
	size_t n;
	int i;

	if (c->what == GR_CPL_NONE || c->what == GR_CPL_STRING) {
		snprintf(buf, sz, "%s", what_names[c->what]);
		return;
	}
	n = (size_t)snprintf(buf, sz, "%s %s %s %s '%s'%s%s%s",
	    what_names[c->what], c->menu, c->cmd[0] ? c->cmd : "-",
	    c->arg[0] ? c->arg : "-", c->word, c->root_only ? " root-only" :
	    "", c->negated ? " negated" : "", c->in_list ? " list" : "");
	for (i = 0; i < c->ngiven && n < sz; i++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s", i ? "," :
		    " given=", c->given[i]);
}

START_TEST(test_cursor)
{
	const struct cpl_case *k = &cpl_cases[_i];
	struct gr_cpl c;
	char got[1024];

	gr_complete(k->in, strlen(k->in), k->cwd, &c);
	render(&c, got, sizeof(got));
	ck_assert_msg(strcmp(got, k->want) == 0, "%s\n  got  %s\n  want %s",
	    k->in, got, k->want);
	ck_assert_uint_eq(c.wordlen, strlen(c.word));
}
END_TEST

/* Bytes past len are never read: the cursor may sit mid-line. */
START_TEST(test_cursor_mid_line)
{
	const char *line = "/ip ipsec identity set 0 generate-policy=no";
	struct gr_cpl c;

	gr_complete(line, strlen("/ip ipsec identity se"), "/", &c);
	ck_assert_int_eq(c.what, GR_CPL_PATH);
	ck_assert_str_eq(c.word, "se");
	ck_assert_str_eq(c.menu, "/ip/ipsec/identity");
}
END_TEST

/* Hostile input: deep nesting and long words stay bounded. */
START_TEST(test_bounds)
{
	size_t n = 100000, i;
	char *s = malloc(n + 1);
	struct gr_cpl c;

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++)
		s[i] = "[("[i % 2];
	s[n] = '\0';
	gr_complete(s, n, "/", &c);
	ck_assert_int_eq(c.what, GR_CPL_NONE);
	/* a word longer than any name: nothing to complete it with */
	memset(s, 'a', n);
	gr_complete(s, n, "/", &c);
	ck_assert_int_eq(c.what, GR_CPL_NONE);
	gr_complete(s, 200, "/", &c);
	ck_assert_int_eq(c.what, GR_CPL_PATH);
	ck_assert_uint_eq(c.wordlen, 200);
	gr_complete(NULL, 5, NULL, &c);
	ck_assert_int_eq(c.what, GR_CPL_PATH);
	free(s);
}
END_TEST

static Suite *
complete_suite(void)
{
	Suite *s = suite_create("complete");
	TCase *tc = tcase_create("cursor");

	tcase_add_loop_test(tc, test_cursor, 0,
	    sizeof(cpl_cases) / sizeof(cpl_cases[0]));
	tcase_add_test(tc, test_cursor_mid_line);
	suite_add_tcase(s, tc);
	tc = tcase_create("bounds");
	tcase_add_test(tc, test_bounds);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(complete_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
