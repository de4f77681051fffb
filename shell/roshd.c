/*
 * roshd.c - the daemon: reconciles the store into the running system.
 *
 *   roshd [--db FILE] [--foreground]
 *
 * Without --foreground it detaches from the terminal; under systemd run
 * it with --foreground (packaging/roshd.service).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "engine.h"
#include "shell.h"

#define ROSHD_DEFAULT_DB "/var/lib/rosh/config.db"

int
main(int argc, char **argv)
{
	struct eng_opts o = { 0 };
	struct dm_state d;
	struct eng *e;
	char err[512];
	int i, fg = 0, rc;

	o.db_path = ROSHD_DEFAULT_DB;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			o.db_path = argv[++i];
		else if (strcmp(argv[i], "--foreground") == 0)
			fg = 1;
		else {
			fputs("usage: roshd [--db FILE] [--foreground]\n",
			    stderr);
			return 2;
		}
	}
	o.user = "roshd";
	o.out = stdout;
	o.err = stderr;
	o.backend = shell_backend();
	e = eng_open(&o, err, sizeof(err));
	if (e == NULL) {
		fprintf(stderr, "roshd: %s\n", err);
		return 1;
	}
	if (dm_open(e, &d, err, sizeof(err)) < 0) {
		fprintf(stderr, "roshd: %s\n", err);
		dm_close(e, &d);
		eng_close(e);
		return 1;
	}
	if (!fg && daemon(0, 0) < 0) {
		perror("roshd: daemon");
		return 1;
	}
	rc = dm_run(e, &d) == 0 ? 0 : 1;
	dm_close(e, &d);
	eng_close(e);
	return rc;
}
