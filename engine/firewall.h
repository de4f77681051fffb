/*
 * firewall.h - the stored firewall as one nftables script (engine-internal).
 *
 * fw_build() reads /ip firewall filter, nat, mangle, raw and address-list,
 * the interface lists and the host's links, and writes a script that
 * replaces table ip FW_NFT_TABLE as a whole:
 *
 *	table ip rosh
 *	delete table ip rosh
 *	table ip rosh { ... }
 *
 * so applying it (be_nft_apply()) is idempotent, atomic, and leaves the
 * tables of other software alone.  Each rule carries a counter and the
 * comment "*ID text" (its internal id and RouterOS comment), which is how
 * be_nft_counters() results map back to rules: fw_chain_menu() names the
 * table from the nft chain, the comment the id.
 *
 * A rule that cannot be translated exactly (an unsupported action or
 * matcher, a value nft cannot express) fails the build with an error that
 * names the rule and the property; nothing is ever left out silently.
 */
#ifndef ROSH_FIREWALL_H
#define ROSH_FIREWALL_H

#include <stddef.h>

#include "engine_local.h"

/* The nft table rosh owns (family ip). */
#define FW_NFT_TABLE	"rosh"
/* The flowtable fasttrack-connection fills. */
#define FW_NFT_FLOWTABLE "ft"

struct fw_opts {
	/* fasttrack-connection offloads through a flowtable over the
	 * host's links.  0 where the kernel has no flowtables
	 * (be_nft_flowtable_supported()): the rule then only counts and
	 * processing goes on, which is what it does for packets that
	 * take the slow path anyway. */
	int flowtable;
};

/*
 * Write the script for the current store to out (appended).  The link
 * view is refreshed first when the engine has a backend.  Returns 0, or
 * -1 with a RouterOS-style message in err, e.g.
 * "failure: /ip firewall filter *1A: action=tarpit is not supported".
 * fw_build() uses the default options (flowtable on).
 */
int fw_build(struct eng *e, struct sbuf *out, char *err, size_t errsz);
int fw_build_opts(struct eng *e, const struct fw_opts *o, struct sbuf *out,
    char *err, size_t errsz);

/* The name of the nft set holding address list `list` (appended). */
void fw_alist_set_name(struct sbuf *o, const char *list);

/* The rule table whose rules the nft chain `chain` holds, or NULL. */
const struct sch_menu *fw_chain_menu(const char *chain);

/*
 * The kernel value of the mark called name within mask (see
 * schema/fw_nft.c: packet marks own the low 16 bits of the fwmark,
 * routing marks the high 16, connection marks the whole ct mark).
 * Stable across builds (a hash of the name), never 0 (0 is no-mark).
 */
unsigned fw_mark_value(const char *name, unsigned mask);

#endif /* ROSH_FIREWALL_H */
