/*
 * check_pool.c - engine/pool.c on a real store: pools made with the
 * console, leased and released through pool.h, and read back with
 * `/ip pool print` and `/ip pool used print`.
 */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine_local.h"
#include "pool.h"

struct fx {
	char dir[64];
	char db[128];
	char *out;
	size_t outlen;
	FILE *outf;
	FILE *errf;
	struct eng *e;
};

static void
fx_start(struct fx *f)
{
	struct eng_opts o = { 0 };
	char err[256];

	f->outf = open_memstream(&f->out, &f->outlen);
	f->errf = tmpfile();
	o.db_path = f->db;
	o.user = "admin";
	o.out = f->outf;
	o.err = f->errf;
	f->e = eng_open(&o, err, sizeof(err));
	ck_assert_msg(f->e != NULL, "eng_open: %s", err);
}

static void
fx_stop(struct fx *f)
{
	eng_close(f->e);
	fclose(f->outf);
	fclose(f->errf);
	free(f->out);
	f->out = NULL;
}

static void
fx_open(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/rosh-pool.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/config.db", f->dir);
	fx_start(f);
}

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
	f->out[f->outlen] = '\0';
	return f->out;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
fx_close(struct fx *f)
{
	fx_stop(f);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Lease and expect success; returns the address text (static). */
static const char *
lease(struct fx *f, const char *pool, const char *owner, const char *info)
{
	static struct pool_addr a;
	int rc;

	rc = pool_lease(f->e, pool, owner, info, &a);
	ck_assert_msg(rc == POOL_OK, "lease from %s: %s", pool,
	    pool_strerror(rc));
	return a.pa_text;
}

static void
release(struct fx *f, const char *pool, const char *addr)
{
	int rc = pool_release(f->e, pool, addr);

	ck_assert_msg(rc == POOL_OK, "release %s: %s", addr,
	    pool_strerror(rc));
}

/* ------------------------------------------------------------------ */

START_TEST(test_exhaust)
{
	struct fx f;
	struct pool_addr a;
	const char *out;

	fx_open(&f);
	fx_run(&f, "/ip pool add name=p1 ranges=10.0.0.1-10.0.0.2,10.0.0.9");
	ck_assert_str_eq(lease(&f, "p1", "ppp", "alice"), "10.0.0.1");
	ck_assert_str_eq(lease(&f, "p1", "ppp", "bob"), "10.0.0.2");
	ck_assert_str_eq(lease(&f, "p1", "ppp", "carol"), "10.0.0.9");
	ck_assert_int_eq(pool_lease(f.e, "p1", "ppp", "dave", &a),
	    POOL_EXHAUSTED);
	ck_assert_int_eq(pool_lease(f.e, "nope", "ppp", "dave", &a),
	    POOL_ENOPOOL);

	out = fx_run(&f, "/ip pool print");
	ck_assert_msg(strstr(out, "0 p1    10.0.0.1-10.0.0.2,10.0.0.9      3"
	    "     3          0") != NULL, "%s", out);
	out = fx_run(&f, "/ip pool used print");
	ck_assert_msg(strstr(out, "POOL  ADDRESS   OWNER  INFO") != NULL &&
	    strstr(out, "p1    10.0.0.1  ppp    alice") != NULL &&
	    strstr(out, "p1    10.0.0.2  ppp    bob") != NULL &&
	    strstr(out, "p1    10.0.0.9  ppp    carol") != NULL, "%s", out);

	release(&f, "p1", "10.0.0.2");
	ck_assert_int_eq(pool_release(f.e, "p1", "10.0.0.2"), POOL_ENOLEASE);
	out = fx_run(&f, ":put [/ip pool get p1 used]\n"
	    ":put [/ip pool get p1 available]\n"
	    ":put [:len [/ip pool used find]]\n");
	ck_assert_str_eq(out, "2\n1\n2\n");
	ck_assert_str_eq(lease(&f, "p1", "ppp", "dave"), "10.0.0.2");
	fx_close(&f);
}
END_TEST

/* The same owner/info pair gets its address back, even after a
 * restart; others do not take a just-released address first. */
START_TEST(test_same_again)
{
	struct fx f;
	char a[POOL_ADDRSZ], b[POOL_ADDRSZ];

	fx_open(&f);
	fx_run(&f, "/ip pool add name=p1 ranges=10.0.0.0/24");
	snprintf(a, sizeof(a), "%s", lease(&f, "p1", "ppp", "alice"));
	snprintf(b, sizeof(b), "%s", lease(&f, "p1", "ppp", "bob"));
	ck_assert_str_ne(a, b);
	release(&f, "p1", a);
	ck_assert_str_ne(lease(&f, "p1", "ppp", "carol"), a);
	ck_assert_str_eq(lease(&f, "p1", "ppp", "alice"), a);

	release(&f, "p1", a);
	release(&f, NULL, b);
	fx_stop(&f);
	fx_start(&f);
	ck_assert_str_eq(lease(&f, "p1", "ppp", "bob"), b);
	ck_assert_str_eq(lease(&f, "p1", "ppp", "alice"), a);

	/* The pair's address held by someone else: another one. */
	fx_run(&f, "/ip pool add name=p2 ranges=10.9.0.1-10.9.0.3");
	ck_assert_str_eq(lease(&f, "p2", "ppp", "alice"), "10.9.0.1");
	release(&f, "p2", "10.9.0.1");
	ck_assert_str_eq(lease(&f, "p2", "ppp", "bob"), "10.9.0.2");
	ck_assert_str_eq(lease(&f, "p2", "ppp", "carol"), "10.9.0.3");
	ck_assert_str_eq(lease(&f, "p2", "ppp", "dave"), "10.9.0.1");
	release(&f, "p2", "10.9.0.2");
	ck_assert_str_eq(lease(&f, "p2", "ppp", "alice"), "10.9.0.2");

	/* The pair is owner and info together. */
	fx_run(&f, "/ip pool add name=p3 ranges=10.8.0.1-10.8.0.4");
	ck_assert_str_eq(lease(&f, "p3", "ppp", "alice"), "10.8.0.1");
	release(&f, "p3", "10.8.0.1");
	ck_assert_str_eq(lease(&f, "p3", "other", "alice"), "10.8.0.2");
	ck_assert_str_eq(lease(&f, "p3", "ppp", "alice"), "10.8.0.1");
	fx_close(&f);
}
END_TEST

START_TEST(test_next_pool)
{
	struct fx f;
	struct pool_addr a;
	const char *out;

	fx_open(&f);
	fx_run(&f, "/ip pool add name=p2 ranges=10.1.0.0/31\n"
	    "/ip pool add name=p1 ranges=10.0.0.1 next-pool=p2\n"
	    "/ip pool add name=p3 ranges=10.3.0.1\n");
	ck_assert_str_eq(lease(&f, "p1", "ppp", "alice"), "10.0.0.1");
	ck_assert_int_eq(pool_lease(f.e, "p1", "ppp", "bob", &a), POOL_OK);
	ck_assert_str_eq(a.pa_text, "10.1.0.0");
	ck_assert_str_eq(a.pa_pool, "p2");
	ck_assert_str_eq(lease(&f, "p1", "ppp", "carol"), "10.1.0.1");
	ck_assert_int_eq(pool_lease(f.e, "p1", "ppp", "dave", &a),
	    POOL_EXHAUSTED);
	out = fx_run(&f, "/ip pool used print where pool=p2");
	ck_assert_msg(strstr(out, "p2    10.1.0.0  ppp    bob") != NULL, "%s",
	    out);
	out = fx_run(&f, ":put [/ip pool get p2 used]");
	ck_assert_str_eq(out, "2\n");

	/* Released through the pool asked for, or its own; not another. */
	ck_assert_int_eq(pool_release(f.e, "p3", "10.1.0.0"), POOL_ENOLEASE);
	release(&f, "p1", "10.1.0.0");
	release(&f, "p2", "10.1.0.1");

	/* A loop of next pools ends. */
	fx_run(&f, "/ip pool set p2 next-pool=p1");
	ck_assert_str_eq(lease(&f, "p1", "ppp", "x"), "10.1.0.0");
	ck_assert_str_eq(lease(&f, "p2", "ppp", "y"), "10.1.0.1");
	ck_assert_int_eq(pool_lease(f.e, "p2", "ppp", "z", &a),
	    POOL_EXHAUSTED);
	ck_assert_int_eq(pool_lease(f.e, "p1", "ppp", "z", &a),
	    POOL_EXHAUSTED);
	fx_run(&f, "/ip pool set p1 next-pool=none");
	ck_assert_int_eq(pool_lease(f.e, "p1", "ppp", "z", &a),
	    POOL_EXHAUSTED);
	fx_close(&f);
}
END_TEST

/* A lease belongs to the caller's transaction. */
START_TEST(test_transaction)
{
	struct fx f;
	struct pool_addr a;
	const char *out;

	fx_open(&f);
	fx_run(&f, "/ip pool add name=p1 ranges=10.0.0.1-10.0.0.5");
	ck_assert_int_eq(st_begin(f.e), 0);
	ck_assert_str_eq(lease(&f, "p1", "ppp", "alice"), "10.0.0.1");
	st_rollback(f.e);
	out = fx_run(&f, ":put [:len [/ip pool used find]]");
	ck_assert_str_eq(out, "0\n");

	/* A failed lease leaves the caller's own writes alone. */
	ck_assert_int_eq(st_begin(f.e), 0);
	fx_run(&f, "/ip pool add name=p2 ranges=10.2.0.1");
	ck_assert_int_eq(pool_lease(f.e, "nope", "ppp", "bob", &a),
	    POOL_ENOPOOL);
	ck_assert_str_eq(lease(&f, "p2", "ppp", "bob"), "10.2.0.1");
	ck_assert_int_eq(pool_lease(f.e, "p2", "ppp", "carol", &a),
	    POOL_EXHAUSTED);
	ck_assert_int_eq(st_commit(f.e), 0);
	out = fx_run(&f, ":put [/ip pool used get [find] info]");
	ck_assert_str_eq(out, "bob\n");
	fx_close(&f);
}
END_TEST

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * A /16 leases quickly however many leases it already has: the last
 * hundred leases of 3000 cost about what the first hundred did.  A
 * search that started at the front of the range every time would walk
 * past every lease already made.
 */
START_TEST(test_big_pool)
{
	struct fx f;
	char info[32];
	double t0, first, last;
	int i;

	fx_open(&f);
	fx_run(&f, "/ip pool add name=big ranges=10.20.0.0/16");
	ck_assert_int_eq(st_begin(f.e), 0);
	t0 = now();
	first = last = 0;
	for (i = 0; i < 3000; i++) {
		snprintf(info, sizeof(info), "u%d", i);
		(void)lease(&f, "big", "ppp", info);
		if (i == 99)
			first = now() - t0;
		if (i == 2899)
			last = now();
	}
	last = now() - last;
	ck_assert_int_eq(st_commit(f.e), 0);
	ck_assert_str_eq(lease(&f, "big", "ppp", "one-more"), "10.20.11.184");
	ck_assert_msg(last < 4 * first + 0.05, "first 100: %.3fs, last 100: "
	    "%.3fs", first, last);
	ck_assert_str_eq(fx_run(&f, ":put [/ip pool get big used]"), "3001\n");
	ck_assert_str_eq(fx_run(&f, ":put [/ip pool get big available]"),
	    "62535\n");
	fx_close(&f);
}
END_TEST

static Suite *
pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc;

	tc = tcase_create("lease");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_exhaust);
	tcase_add_test(tc, test_same_again);
	tcase_add_test(tc, test_next_pool);
	tcase_add_test(tc, test_transaction);
	tcase_add_test(tc, test_big_pool);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(pool_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
