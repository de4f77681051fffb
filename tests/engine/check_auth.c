/*
 * check_auth.c - users and permissions through the real engine and
 * store: what a session may do follows its /user group's policies
 * (menus.md 35.2); refusals read `not enough permissions (9)` and leave
 * the store as it was; secrets stay hidden without `sensitive`; logins
 * of unknown, disabled or misplaced users are refused.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "schema.h"

#define DENIED "not enough permissions (9)"

/* One console session on a store. */
struct ses {
	char *out;
	size_t outlen;
	FILE *outf;
	FILE *errf;
	struct eng *e;
	char err[512];
};

static char dir[64];

static void
dir_make(void)
{
	snprintf(dir, sizeof(dir), "/tmp/rosh-auth.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
dir_remove(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void
ses_open(struct ses *s, const char *user)
{
	struct eng_opts o = { 0 };
	char db[128], err[256];

	memset(s, 0, sizeof(*s));
	snprintf(db, sizeof(db), "%s/config.db", dir);
	s->outf = open_memstream(&s->out, &s->outlen);
	s->errf = tmpfile();
	o.db_path = db;
	o.user = user;
	o.out = s->outf;
	o.err = s->errf;
	s->e = eng_open(&o, err, sizeof(err));
	ck_assert_msg(s->e != NULL, "eng_open: %s", err);
}

static void
ses_close(struct ses *s)
{
	eng_session_end(s->e, ENG_END_QUIT);
	eng_close(s->e);
	fclose(s->outf);
	fclose(s->errf);
	free(s->out);
}

/* Run commands: exit status, output in s->out, first error in s->err. */
static int
ses_try(struct ses *s, const char *cmds)
{
	int rc;

	fflush(s->outf);
	rewind(s->outf);
	s->outlen = 0;
	rewind(s->errf);
	ck_assert_int_eq(ftruncate(fileno(s->errf), 0), 0);
	s->err[0] = '\0';
	rc = eng_run(s->e, cmds, strlen(cmds), ENG_RUN_ATOMIC, NULL);
	fflush(s->outf);
	fflush(s->errf);
	rewind(s->errf);
	if (fgets(s->err, sizeof(s->err), s->errf) == NULL)
		s->err[0] = '\0';
	s->err[strcspn(s->err, "\n")] = '\0';
	if (s->out)
		s->out[s->outlen] = '\0';
	return rc;
}

static const char *
ses_run(struct ses *s, const char *cmds)
{
	int rc = ses_try(s, cmds);

	ck_assert_msg(rc == 0, "%s: %s", cmds, s->err);
	return s->out ? s->out : "";
}

/* The store as export shows it, without the dated header. */
static char *
ses_export(struct ses *s)
{
	const char *out = ses_run(s, "/export verbose show-sensitive");
	const char *p = strstr(out, "\n# software id");

	p = p ? strchr(p + 1, '\n') : strchr(out, '\n');
	return strdup(p ? p : out);
}

static const char *const users_setup =
    "/user group add name=nosens policy=local,ssh,read,write,test\n"
    "/user group add name=nothing policy=local,ssh\n"
    "/user group add name=spare policy=read\n"
    "/user add name=reader group=read password=r1\n"
    "/user add name=writer group=write\n"
    "/user add name=ns group=nosens\n"
    "/user add name=blind group=nothing\n"
    "/user add name=off group=full disabled=yes\n"
    "/user add name=lan group=full address=10.0.0.0/8\n"
    "/ip pool add name=p1 ranges=10.1.0.1-10.1.0.9\n"
    "/ip firewall filter add chain=input action=accept comment=a\n"
    "/ip firewall filter add chain=input action=drop comment=b\n"
    "/ppp secret add name=u1 password=secret1\n"
    "/export file=saved\n"
    "/system backup save name=saved\n"
    "/ip pool add name=p9 ranges=10.9.0.1-10.9.0.9\n";

static struct ses adm;

static void
setup(void)
{
	dir_make();
	ses_open(&adm, "admin");
	ses_run(&adm, users_setup);
}

static void
teardown(void)
{
	ses_close(&adm);
	dir_remove();
}

/* ------------------------------------------------------------------ */
/* A read user changes nothing                                         */
/* ------------------------------------------------------------------ */

static const char *const write_cmds[] = {
	"/ip pool add name=p2 ranges=10.2.0.1-10.2.0.9",
	"/ip pool set p1 ranges=10.3.0.1-10.3.0.9",
	"/ip firewall filter unset [find comment=a] comment",
	"/ip firewall filter reset [find comment=a]",
	"/ip firewall filter disable [find comment=a]",
	"/ip firewall filter enable [find comment=a]",
	"/ip firewall filter comment [find comment=a] comment=c",
	"/ip firewall filter move [find comment=b] destination=0",
	"/ip firewall filter remove [find comment=a]",
	"/ip pool remove p1",
	"/system identity set name=other",
	"/ppp secret set u1 password=x",
	"/import file-name=saved.rsc",
	"/system backup load name=saved",
	"/undo",
	"/redo",
	"/safe-mode take",
	"/user add name=z group=read",
	"/user group set read policy=local",
	":do { /ip pool add name=p3 ranges=10.4.0.1-10.4.0.9 } "
	    "on-error={ :put caught }; /ip pool add name=p4 "
	    "ranges=10.5.0.1-10.5.0.9",
};

START_TEST(test_read_user_changes_nothing)
{
	struct ses rd;
	char *before, *after, *hist0, *hist1;

	before = ses_export(&adm);
	hist0 = strdup(ses_run(&adm, "/system history print"));
	ses_open(&rd, "reader");
	ck_assert_int_eq(ses_try(&rd, write_cmds[_i]), 1);
	ck_assert_msg(strncmp(rd.err, DENIED, strlen(DENIED)) == 0,
	    "%s: %s", write_cmds[_i], rd.err);
	/* Printing is what a read user may do. */
	ses_run(&rd, "/ip pool print");
	ses_close(&rd);
	after = ses_export(&adm);
	ck_assert_str_eq(after, before);
	hist1 = strdup(ses_run(&adm, "/system history print"));
	ck_assert_str_eq(hist1, hist0);
	free(before);
	free(after);
	free(hist0);
	free(hist1);
}
END_TEST

START_TEST(test_print_needs_read)
{
	struct ses s;

	ses_open(&s, "blind");
	ck_assert_int_eq(ses_try(&s, "/ip pool print"), 1);
	ck_assert_str_eq(s.err, DENIED " (line 1 column 1)");
	ck_assert_int_eq(ses_try(&s, "/export"), 1);
	ck_assert_int_eq(ses_try(&s, ":put [/ip pool get p1 ranges]"), 1);
	/* Scripting touches no configuration. */
	ck_assert_str_eq(ses_run(&s, ":local a 3; :put ($a + 1)"), "4\n");
	ses_close(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Users and groups need policy                                        */
/* ------------------------------------------------------------------ */

static const char *const policy_cmds[] = {
	"/user add name=z group=read",
	"/user set reader group=write",
	"/user set admin comment=x",
	"/user disable reader",
	"/user remove reader",
	"/user group add name=g policy=read",
	"/user group set nosens policy=local",
	"/user group remove spare",
};

START_TEST(test_users_need_policy)
{
	struct ses w;
	char *before, *after;

	before = ses_export(&adm);
	ses_open(&w, "writer");
	ck_assert_int_eq(ses_try(&w, policy_cmds[_i]), 1);
	ck_assert_msg(strncmp(w.err, DENIED, strlen(DENIED)) == 0, "%s: %s",
	    policy_cmds[_i], w.err);
	ses_close(&w);
	after = ses_export(&adm);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	/* The full group may. */
	ses_run(&adm, policy_cmds[_i]);
}
END_TEST

START_TEST(test_write_user_writes)
{
	struct ses w;
	char path[160];
	FILE *f;

	ses_open(&w, "writer");
	ses_run(&w, "/ip pool add name=p5 ranges=10.6.0.1-10.6.0.9");
	ck_assert_str_eq(ses_run(&w, ":put [/ip pool get p5 ranges]"),
	    "10.6.0.1-10.6.0.9\n");
	ck_assert_ptr_nonnull(strstr(ses_run(&w, "/user print"), "reader"));
	/* An import that reaches into /user fails as a whole. */
	snprintf(path, sizeof(path), "%s/files/withuser.rsc", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("/ip pool add name=p7 ranges=10.7.0.1-10.7.0.9\n"
	    "/user add name=late group=read\n", f);
	fclose(f);
	ck_assert_int_eq(ses_try(&w, "/import file-name=withuser.rsc"), 1);
	ck_assert_str_eq(w.err, DENIED " (line 2 column 1)");
	ck_assert_str_eq(ses_run(&w, ":put [:len [/ip pool find name=p7]]"),
	    "0\n");
	ses_close(&w);
}
END_TEST

/* A session keeps the rights it logged in with (a script that changes
 * its own group still finishes); the next session has the new ones. */
START_TEST(test_group_change_applies)
{
	struct ses w;

	ses_open(&w, "writer");
	ses_run(&adm, "/user set writer group=read");
	ses_run(&w, "/ip pool add name=p6 ranges=10.7.0.1-10.7.0.9");
	ses_close(&w);
	ses_open(&w, "writer");
	ck_assert_int_eq(ses_try(&w, "/ip pool remove p6"), 1);
	ck_assert_ptr_nonnull(strstr(w.err, DENIED));
	ses_run(&w, "/ip pool print");
	ses_close(&w);
	ses_run(&adm, "/user set writer group=write; /user disable writer");
	ses_open(&w, "writer");
	ck_assert_int_eq(ses_try(&w, "/ip pool print"), 1);
	ses_close(&w);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Secrets                                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_sensitive_hidden)
{
	struct ses s;
	const char *out;

	/* Control: the full group sees the secret. */
	ck_assert_ptr_nonnull(strstr(ses_run(&adm, "/export show-sensitive"),
	    "secret1"));
	ses_open(&s, "ns");
	out = ses_run(&s, "/export show-sensitive");
	ck_assert_ptr_null(strstr(out, "secret1"));
	ck_assert_ptr_nonnull(strstr(out, "name=u1"));
	out = ses_run(&s, "/ppp secret export verbose show-sensitive");
	ck_assert_ptr_null(strstr(out, "secret1"));
	out = ses_run(&s, "/ppp secret print detail show-sensitive");
	ck_assert_ptr_null(strstr(out, "secret1"));
	ck_assert_ptr_nonnull(strstr(out, "u1"));
	out = ses_run(&s, ":put [/ppp secret get u1 password]");
	ck_assert_str_eq(out, "\n");
	ses_close(&s);
	/* The read group has sensitive. */
	ses_open(&s, "reader");
	ck_assert_ptr_nonnull(strstr(ses_run(&s, "/ppp secret print detail "
	    "show-sensitive"), "secret1"));
	ses_close(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Logins                                                              */
/* ------------------------------------------------------------------ */

struct login_case {
	const char *user;
	const char *address;	/* NULL: local console */
	int fallback;
	const char *refusal;	/* NULL: accepted */
	const char *as;		/* user the session then acts as */
};

static const struct login_case login_cases[] = {
	{ "admin", NULL, 0, NULL, "admin" },
	{ "reader", "192.0.2.7", 0, NULL, "reader" },
	{ "nobody", NULL, 0, "no such user", NULL },
	{ "nobody", "192.0.2.7", 0, "no such user", NULL },
	{ "off", NULL, 0, "user is disabled", NULL },
	{ "lan", "192.168.1.5", 0, "not allowed from this address", NULL },
	{ "lan", "10.20.30.40", 0, NULL, "lan" },
	{ "lan", NULL, 0, NULL, "lan" },
	{ "blind", "192.0.2.7", 0, NULL, "blind" },
	/* root or the store's owner: admin when not a /user */
	{ "root", NULL, 1, NULL, "admin" },
	{ "reader", NULL, 1, NULL, "reader" },
};

START_TEST(test_login)
{
	const struct login_case *lc = &login_cases[_i];
	struct eng_login l = { 0 };
	struct ses s;
	char err[256] = "";
	int rc;

	ses_open(&s, "admin");
	l.user = lc->user;
	l.address = lc->address;
	l.via = lc->address ? ENG_VIA_SSH : ENG_VIA_LOCAL;
	l.admin_fallback = lc->fallback;
	rc = eng_login(s.e, &l, err, sizeof(err));
	if (lc->refusal) {
		ck_assert_int_eq(rc, 1);
		ck_assert_msg(strstr(err, lc->refusal) != NULL, "%s", err);
		ck_assert_ptr_nonnull(strstr(err, lc->user));
	} else {
		ck_assert_msg(rc == 0, "%s: %s", lc->user, err);
		ck_assert_str_eq(eng_user(s.e), lc->as);
	}
	ses_close(&s);
}
END_TEST

START_TEST(test_login_policy_and_log)
{
	struct eng_login l = { 0 };
	struct ses s;
	char err[256];

	/* A group without the ssh policy cannot log in over SSH. */
	ses_run(&adm, "/user group add name=local-only policy=local,read\n"
	    "/user add name=lo group=local-only");
	ses_open(&s, "admin");
	l.user = "lo";
	l.address = "192.0.2.9";
	l.via = ENG_VIA_SSH;
	ck_assert_int_eq(eng_login(s.e, &l, err, sizeof(err)), 1);
	ck_assert_ptr_nonnull(strstr(err, "policy"));
	l.address = NULL;
	l.via = ENG_VIA_LOCAL;
	l.interactive = 1;
	ck_assert_int_eq(eng_login(s.e, &l, err, sizeof(err)), 0);
	ses_close(&s);
	/* The interactive login is stamped and logged, the failure too. */
	ck_assert_str_ne(ses_run(&adm, ":put [/user get lo last-logged-in]"),
	    "\n");
	ck_assert_str_eq(ses_run(&adm, ":put [/user get reader "
	    "last-logged-in]"), "\n");
	ck_assert_str_eq(ses_run(&adm, ":put [:len [/log find where message="
	    "\"login failure for user lo from 192.0.2.9 via ssh\" and "
	    "buffer=memory]]"), "1\n");
	ck_assert_str_eq(ses_run(&adm, ":put [:len [/log find where message="
	    "\"user lo logged in via local\"]]"), "1\n");
}
END_TEST

/* Without a login the session still has only its user's rights: an
 * unknown user may do nothing. */
START_TEST(test_unknown_user_has_no_rights)
{
	struct ses s;

	ses_open(&s, "nobody");
	ck_assert_int_eq(ses_try(&s, "/ip pool print"), 1);
	ck_assert_ptr_nonnull(strstr(s.err, DENIED));
	ck_assert_int_eq(ses_try(&s, "/ip pool add name=x "
	    "ranges=10.8.0.1-10.8.0.2"), 1);
	ses_close(&s);
}
END_TEST

/* The policy enumeration follows the schema's policy values. */
START_TEST(test_policy_names)
{
	static const char *const names[SCH_POL__COUNT] = {
		"local", "telnet", "ssh", "ftp", "reboot", "read", "write",
		"policy", "test", "winbox", "password", "web", "sniff",
		"sensitive", "api", "romon", "rest-api"
	};
	int i;

	for (i = 0; i < SCH_POL__COUNT; i++)
		ck_assert_str_eq(sch_policy_name((enum sch_policy)i), names[i]);
	ck_assert_ptr_null(sch_policy_name(SCH_POL__COUNT));
	ck_assert_uint_eq(sch_policy_mask("read,!write,test"),
	    SCH_POL(SCH_POL_READ) | SCH_POL(SCH_POL_TEST));
	ck_assert_uint_eq(sch_policy_mask(""), 0);
}
END_TEST

static Suite *
auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc;

	tc = tcase_create("read user");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_read_user_changes_nothing, 0,
	    (int)(sizeof(write_cmds) / sizeof(write_cmds[0])));
	tcase_add_test(tc, test_print_needs_read);
	suite_add_tcase(s, tc);
	tc = tcase_create("policy");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_users_need_policy, 0,
	    (int)(sizeof(policy_cmds) / sizeof(policy_cmds[0])));
	tcase_add_test(tc, test_write_user_writes);
	tcase_add_test(tc, test_group_change_applies);
	suite_add_tcase(s, tc);
	tc = tcase_create("sensitive");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sensitive_hidden);
	suite_add_tcase(s, tc);
	tc = tcase_create("login");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_login, 0,
	    (int)(sizeof(login_cases) / sizeof(login_cases[0])));
	tcase_add_test(tc, test_login_policy_and_log);
	tcase_add_test(tc, test_unknown_user_has_no_rights);
	tcase_add_test(tc, test_policy_names);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(auth_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
