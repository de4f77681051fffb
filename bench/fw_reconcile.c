/*
 * fw_reconcile.c - time one firewall reconcile pass as roshd runs it
 * (build the nftables script from the store, apply it through
 * libnftables) and write the script to a file so the caller can time
 * `nft -f` on the very same text as the reference.
 *
 *   fw_reconcile STORE SCRIPT-OUT
 */
#include <stdio.h>
#include <time.h>

#include "backend.h"
#include "engine_local.h"
#include "firewall.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct eng_opts o = { 0 };
	struct fw_opts fo = { 0 };
	struct sbuf s;
	struct eng *e;
	char err[1024];
	double t0, t1, t2;
	FILE *f;

	if (argc != 3)
		return 2;
	o.db_path = argv[1];
	o.user = "admin";
	o.out = stdout;
	o.err = stderr;
	e = eng_open(&o, err, sizeof(err));
	if (e == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	fo.flowtable = be_nft_flowtable_supported();
	sb_init(&s);
	t0 = now_ms();
	if (fw_build_opts(e, &fo, &s, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	t1 = now_ms();
	if (be_nft_apply(sb_str(&s), 0, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	t2 = now_ms();
	f = fopen(argv[2], "w");
	if (f == NULL)
		return 1;
	fputs(sb_str(&s), f);
	fclose(f);
	printf("%.1f %.1f\n", t1 - t0, t2 - t1);
	sb_fini(&s);
	eng_close(e);
	return 0;
}
