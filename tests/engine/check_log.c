/*
 * check_log.c - logging rules and actions through the real engine and
 * store: topic filters with negation, memory ring size, disk rotation,
 * remote syslog over UDP to a listener on 127.0.0.1.
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine.h"
#include "schema.h"

struct fx {
	char dir[64];
	char *out;
	size_t outlen;
	FILE *outf;
	FILE *errf;
	struct eng *e;
};

static void
fx_open(struct fx *f)
{
	struct eng_opts o = { 0 };
	char db[128], err[256];

	snprintf(f->dir, sizeof(f->dir), "/tmp/rosh-log.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(db, sizeof(db), "%s/config.db", f->dir);
	f->outf = open_memstream(&f->out, &f->outlen);
	f->errf = tmpfile();
	o.db_path = db;
	o.user = "admin";
	o.out = f->outf;
	o.err = f->errf;
	f->e = eng_open(&o, err, sizeof(err));
	ck_assert_msg(f->e != NULL, "eng_open: %s", err);
}

/* Run commands; returns what they printed. */
static const char *
fx_run(struct fx *f, const char *cmds)
{
	char err[512] = "";
	int rc;

	fflush(f->outf);
	rewind(f->outf);
	f->outlen = 0;
	rc = eng_run(f->e, cmds, strlen(cmds), ENG_RUN_ATOMIC, NULL);
	fflush(f->outf);
	if (rc != 0) {
		rewind(f->errf);
		if (fgets(err, sizeof(err), f->errf) == NULL)
			err[0] = '\0';
	}
	ck_assert_msg(rc == 0, "%s: %s", cmds, err);
	if (f->out == NULL)
		return "";
	/* The stream keeps older bytes past its position after rewind. */
	f->out[f->outlen] = '\0';
	return f->out;
}

static void
fx_close(struct fx *f)
{
	char cmd[128];

	eng_close(f->e);
	fclose(f->outf);
	fclose(f->errf);
	free(f->out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_topics_negation)
{
	struct fx f;
	const char *out;

	fx_open(&f);
	fx_run(&f, "/system logging action add name=ipsecbuf target=memory\n"
	    "/system logging add topics=script,!debug action=ipsecbuf\n"
	    ":log info \"wanted one\"\n:log debug \"not wanted\"\n"
	    ":log warning \"wanted two\"");
	out = fx_run(&f, "/log print count-only where buffer=ipsecbuf");
	ck_assert_str_eq(out, "2\n");
	out = fx_run(&f, "/log print where buffer=ipsecbuf and "
	    "message~\"not\"");
	ck_assert_str_eq(out, "");
	/* The factory rules put info in the memory buffer, not debug. */
	out = fx_run(&f, "/log print count-only where buffer=memory and "
	    "topics~\"debug\"");
	ck_assert_str_eq(out, "0\n");
	fx_close(&f);
}
END_TEST

START_TEST(test_memory_lines)
{
	struct fx f;
	const char *out;

	fx_open(&f);
	fx_run(&f, "/system logging action add name=small target=memory "
	    "memory-lines=3\n/system logging add topics=script action=small\n"
	    ":for i from=1 to=10 do={ :log info \"msg $i\" }");
	out = fx_run(&f, "/log print count-only where buffer=small");
	ck_assert_str_eq(out, "3\n");
	out = fx_run(&f, ":put [/log get [find buffer=small and "
	    "message=\"msg 8\"] message]");
	ck_assert_str_eq(out, "msg 8\n");
	fx_close(&f);
}
END_TEST

static long
count_lines(const char *path)
{
	FILE *fp = fopen(path, "r");
	long n = 0;
	int c;

	if (fp == NULL)
		return -1;
	while ((c = fgetc(fp)) != EOF)
		n += c == '\n';
	fclose(fp);
	return n;
}

START_TEST(test_disk_rotation)
{
	struct fx f;
	char p0[160], p1[160], p2[160];

	fx_open(&f);
	fx_run(&f, "/system logging action add name=d target=disk "
	    "disk-file-name=vpn disk-lines-per-file=4 disk-file-count=2\n"
	    "/system logging add topics=script action=d\n"
	    ":for i from=1 to=10 do={ :log info \"line $i\" }");
	snprintf(p0, sizeof(p0), "%s/files/vpn.0.txt", f.dir);
	snprintf(p1, sizeof(p1), "%s/files/vpn.1.txt", f.dir);
	snprintf(p2, sizeof(p2), "%s/files/vpn.2.txt", f.dir);
	/* 10 lines, 4 per file, 2 files: 2 in the newest, 4 before. */
	ck_assert_int_eq(count_lines(p0), 2);
	ck_assert_int_eq(count_lines(p1), 4);
	ck_assert_int_eq(count_lines(p2), -1);
	fx_close(&f);
}
END_TEST

START_TEST(test_remote_udp)
{
	struct fx f;
	struct sockaddr_in sa = { 0 };
	socklen_t sl = sizeof(sa);
	struct pollfd pfd;
	char cmds[512], buf[512];
	ssize_t n;
	int s;

	s = socket(AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_ge(s, 0);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(getsockname(s, (struct sockaddr *)&sa, &sl), 0);
	fx_open(&f);
	snprintf(cmds, sizeof(cmds), "/system logging action set remote "
	    "remote=127.0.0.1 remote-port=%u\n"
	    "/system logging add topics=script action=remote\n"
	    ":log warning \"to the collector\"", ntohs(sa.sin_port));
	fx_run(&f, cmds);
	pfd.fd = s;
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, 2000), 1);
	n = recv(s, buf, sizeof(buf) - 1, 0);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	/* daemon facility (3) * 8 + warning (4) = 28, RouterOS raw form */
	ck_assert_str_eq(buf, "<28>script,warning to the collector");
	close(s);
	fx_close(&f);
}
END_TEST

START_TEST(test_log_print_layout)
{
	struct fx f;
	const char *out;

	fx_open(&f);
	fx_run(&f, ":log info \"first\"");
	/* " HH:MM:SS topics message" for today's entries */
	out = fx_run(&f, "/log print");
	ck_assert_int_eq(strlen(out), strlen(" 00:00:00 script,info first\n"));
	ck_assert(out[0] == ' ' && out[3] == ':' && out[6] == ':');
	ck_assert_str_eq(out + 9, " script,info first\n");
	fx_close(&f);
}
END_TEST

static void
collect(void *ctx, const char *line)
{
	struct sbuf_like {
		char buf[1024];
	} *b = ctx;

	strncat(b->buf, line, sizeof(b->buf) - strlen(b->buf) - 2);
	strcat(b->buf, "\n");
}

/* The factory rule 3 sends critical messages to the echo action; an open
 * console shows them before its next prompt, once. */
START_TEST(test_echo_to_consoles)
{
	struct fx f;
	struct { char buf[1024]; } got = { "" };

	fx_open(&f);
	fx_run(&f, ":log info \"before the session\"");
	ck_assert_int_eq(eng_log_echo(f.e, collect, &got), 0);
	ck_assert_str_eq(got.buf, "");
	fx_run(&f, "/system logging add topics=script action=echo\n"
	    ":log warning \"look here\"\n:log info \"and here\"");
	ck_assert_int_eq(eng_log_echo(f.e, collect, &got), 0);
	/* "HH:MM:SS echo: script,warning look here" */
	ck_assert_msg(strstr(got.buf, " echo: script,warning look here\n") &&
	    strstr(got.buf, " echo: script,info and here\n") &&
	    got.buf[2] == ':' && !strstr(got.buf, "before"), "%s", got.buf);
	got.buf[0] = '\0';
	ck_assert_int_eq(eng_log_echo(f.e, collect, &got), 0);
	ck_assert_str_eq(got.buf, "");
	fx_close(&f);
}
END_TEST

static Suite *
log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("routing");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_topics_negation);
	tcase_add_test(tc, test_memory_lines);
	tcase_add_test(tc, test_disk_rotation);
	tcase_add_test(tc, test_remote_udp);
	tcase_add_test(tc, test_log_print_layout);
	tcase_add_test(tc, test_echo_to_consoles);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(log_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
