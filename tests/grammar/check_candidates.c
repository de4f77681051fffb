/*
 * check_candidates.c - the words offered at the cursor, with their help
 * (grammar/candidates.c); lines kept out of the history; the open
 * brackets the continuation prompt shows.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar.h"

struct cand_case {
	const char *in;
	const char *want;	/* candidates, blank separated, '=' after
				 * arguments that take a value */
};

static const struct cand_case cand_cases[] = {
	{ "/ip ips", "ipsec" },
	{ "/ip ipsec ", "active-peers export identity installed-sa key "
	  "mode-config peer policy profile proposal settings statistics" },
	{ "/ip ipsec identity set 0 generate-policy=",
	  "no port-override port-strict" },
	{ "/ip ipsec identity set 0 generate-policy=port-",
	  "port-override port-strict" },
	{ "/ip pool set 0 ", "comment= name= next-pool= ranges=" },
	{ "/ip pool print det", "detail" },
	{ "/ip pool print proplist=name,ra", "ranges" },
	{ "/ip pool set [find ", "name ranges next-pool comment total used "
	  "available" },
	{ "/ip firewall filter add src-address-type=!local,bro",
	  "broadcast" },
	{ "/ip firewall filter set 0 !dst-p", "dst-port" },
	{ "/ip ipsec identity add disabled=", "yes no" },
	{ "/ip pool get 0 ", "as-string as-string-value value-name= name "
	  "ranges next-pool comment total used available" },
	{ ":pu", "put" },
	{ ":put \"abc", "" },
};

static void
collect(void *ctx, const struct gr_cand *c)
{
	char *buf = ctx;
	size_t n = strlen(buf);

	snprintf(buf + n, 2048 - n, "%s%s%s", n ? " " : "", c->word,
	    c->kind == GR_CAND_ARG ? "=" : "");
}

START_TEST(test_candidates)
{
	const struct cand_case *k = &cand_cases[_i];
	struct gr_cpl c;
	char got[2048] = "";

	gr_complete(k->in, strlen(k->in), "/", &c);
	gr_candidates(&c, collect, got);
	ck_assert_msg(strcmp(got, k->want) == 0, "%s\n  got  %s\n  want %s",
	    k->in, got, k->want);
}
END_TEST

static void
find_help(void *ctx, const struct gr_cand *c)
{
	const char **h = ctx;

	if (strcmp(c->word, "print") == 0)
		*h = c->help;
}

/* Menus and commands carry their one line of help. */
START_TEST(test_help)
{
	struct gr_cpl c;
	struct gr_valhelp vh;
	const char *h = NULL;

	gr_complete("/ip pool ", 9, "/", &c);
	gr_candidates(&c, find_help, &h);
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h, "Print values of item properties");
	ck_assert_ptr_nonnull(gr_context_help(&c));

	gr_complete("/ip ipsec identity set 0 generate-policy=", 41, "/", &c);
	ck_assert_int_eq(gr_value_help(&c, c.arg, &vh), 0);
	ck_assert_str_eq(vh.synopsis, "no | port-override | port-strict");
	ck_assert_str_eq(vh.dflt, "no");
	ck_assert_ptr_nonnull(vh.help);

	gr_complete("/ppp profile set 0 remote-address=", 34, "/", &c);
	ck_assert_int_eq(gr_value_help(&c, c.arg, &vh), 0);
	ck_assert_str_eq(vh.ref, "/ip/pool");

	gr_complete("/ip pool set ", 13, "/", &c);
	ck_assert_int_eq(gr_value_help(&c, "numbers", &vh), 0);
	ck_assert_int_eq(vh.items, 1);
	ck_assert_int_eq(gr_value_help(&c, "no-such-argument", &vh), -1);
}
END_TEST

struct sens_case {
	const char *cwd;
	const char *in;
	int want;
};

static const struct sens_case sens_cases[] = {
	{ "/", "/ppp secret add name=bob password=x", 1 },
	{ "/", "/ppp secret add name=bob pass=x", 1 },
	{ "/ppp/secret", "add name=bob password=x", 1 },
	{ "/", "/interface l2tp-server server set ipsec-secret=S", 1 },
	{ "/", "/ip ipsec identity add peer=p secret=S", 1 },
	{ "/", "/user add name=a group=full password=pw", 1 },
	{ "/", "/password old-password=a new-password=b", 1 },
	{ "/", ":do { /ppp secret set 0 password=x }", 1 },
	{ "/", "/ppp secret add name=bob password=\"unclosed", 1 },
	{ "/", "/ppp secret add name=bob", 0 },
	{ "/", "/ppp secret print show-sensitive", 0 },
	{ "/", "/ip pool add name=p ranges=10.0.0.1", 0 },
	{ "/", ":put password", 0 },
};

START_TEST(test_sensitive)
{
	const struct sens_case *k = &sens_cases[_i];

	ck_assert_msg(gr_line_sensitive(k->in, strlen(k->in), k->cwd) ==
	    k->want, "%s: want %d", k->in, k->want);
}
END_TEST

START_TEST(test_open_delims)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{ ":if (1=1) do={", "{" },
		{ ":put [/ip pool get [find", "[[" },
		{ ":put (1 + ", "(" },
		{ ":put \"ab", "\"" },
		{ ":put \"a\\\"b", "\"" },
		{ ":put \"a{\" {", "{" },
		{ "/ip pool add \\", "\\" },
		{ "{ :put (\\  ", "{(\\" },
		{ ":put 1", "" },
	};
	char out[64];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		gr_open_delims(t[i].in, strlen(t[i].in), out, sizeof(out));
		ck_assert_msg(strcmp(out, t[i].want) == 0, "%s: got %s want %s",
		    t[i].in, out, t[i].want);
	}
	ck_assert_uint_eq(gr_open_delims("{{{", 3, out, 2), 1);
	ck_assert_str_eq(out, "{");
}
END_TEST

START_TEST(test_line_info)
{
	struct gr_line_info li;

	gr_line_info(":if (1=1) do={", 14, "/", &li);
	ck_assert_int_eq(li.incomplete, 1);
	gr_line_info("/quit", 5, "/ip", &li);
	ck_assert_int_eq(li.quit, 1);
	ck_assert_int_eq(li.incomplete, 0);
	gr_line_info("qui", 3, "/", &li);
	ck_assert_int_eq(li.quit, 1);
	gr_line_info(":put 1; /quit", 13, "/", &li);
	ck_assert_int_eq(li.quit, 0);
	gr_line_info("/ip pool print without-paging", 29, "/", &li);
	ck_assert_int_eq(li.nopage, 1);
	gr_line_info(":put [/ip pool print without-p]", 31, "/", &li);
	ck_assert_int_eq(li.nopage, 1);
	gr_line_info("/ip pool print", 14, "/", &li);
	ck_assert_int_eq(li.nopage, 0);
	gr_line_info("/ip pool print )", 16, "/", &li);
	ck_assert_int_eq(li.incomplete + li.quit + li.nopage, 0);
}
END_TEST

static Suite *
candidates_suite(void)
{
	Suite *s = suite_create("candidates");
	TCase *tc = tcase_create("words");

	tcase_add_loop_test(tc, test_candidates, 0,
	    sizeof(cand_cases) / sizeof(cand_cases[0]));
	tcase_add_test(tc, test_help);
	suite_add_tcase(s, tc);
	tc = tcase_create("history");
	tcase_add_loop_test(tc, test_sensitive, 0,
	    sizeof(sens_cases) / sizeof(sens_cases[0]));
	suite_add_tcase(s, tc);
	tc = tcase_create("prompt");
	tcase_add_test(tc, test_open_delims);
	tcase_add_test(tc, test_line_info);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(candidates_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
