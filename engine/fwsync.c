/*
 * fwsync.c - roshd's firewall reconciler: build the nftables script for
 * the store (firewall.c) and apply it when it differs from what was
 * applied last.  The script replaces rosh's table as a whole, so the
 * first pass after a restart (or kill -9) converges whatever the kernel
 * holds; with no rules and no address lists at all the table is removed,
 * so an empty configuration leaves nothing of rosh's in the kernel.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_local.h"
#include "firewall.h"

/* Does the store hold anything the firewall would carry? */
static int
fw_has_config(struct eng *e)
{
	const struct sch_fw_table *t;
	const struct sch_menu *al = sch_fw_ifspec()->alist;

	for (t = sch_fw_tables(); t->menu; t++)
		if (st_count(e, t->menu, NULL, NULL) > 0)
			return 1;
	return al && st_count(e, al, NULL, NULL) > 0;
}

int
fw_reconcile(struct eng *e, char *err, size_t errsz)
{
	const struct eng_backend *be = e->o.backend;
	struct fw_opts o = { 0 };
	struct sbuf s;
	int rc = 0;

	if (be == NULL || be->nft_apply == NULL)
		return 0;
	if (!fw_has_config(e)) {
		if (e->fw_applied == NULL || e->fw_applied[0] != '\0') {
			rc = be->nft_delete_table(be->ctx, FW_NFT_TABLE, err,
			    errsz);
			free(e->fw_applied);
			e->fw_applied = rc == 0 ? strdup("") : NULL;
		}
		return rc;
	}
	o.flowtable = be->nft_flowtable_supported ?
	    be->nft_flowtable_supported(be->ctx) : 0;
	sb_init(&s);
	if (fw_build_opts(e, &o, &s, err, errsz) < 0) {
		sb_fini(&s);
		return -1;
	}
	if (e->fw_applied && strcmp(e->fw_applied, sb_str(&s)) == 0) {
		sb_fini(&s);
		return 0;
	}
	/* nft applies the script as one transaction: on failure the
	 * previous ruleset stays and err holds nft's own words. */
	rc = be->nft_apply(be->ctx, sb_str(&s), 0, err, errsz);
	free(e->fw_applied);
	e->fw_applied = rc == 0 ? sb_take(&s) : NULL;
	sb_fini(&s);
	return rc;
}
