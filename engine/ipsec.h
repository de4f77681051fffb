/*
 * ipsec.h - puts static /ip ipsec policy items into the kernel's
 * security policy database (engine/ipsec.c).
 */
#ifndef ROSH_IPSEC_H
#define ROSH_IPSEC_H

#include <stddef.h>

struct eng;
struct eng_xfrm_sa;

/*
 * Make rosh's kernel policies exactly what the static, enabled
 * /ip ipsec policy items ask for.  Each item becomes an out policy for
 * its selector and an in policy for the mirrored one, plus a mirrored
 * fwd policy in tunnel mode and for discard/none (strongSwan's choice:
 * transport mode protects only this host's own traffic); action
 * encrypt installs one template (esp or ah, transport or tunnel with
 * sa-src/sa-dst-address as its endpoints), discard a block policy,
 * none an allow policy without template.  level use marks the template
 * optional; unique gives the item a reqid of its own from rosh's band,
 * kept across passes; require and use share ENG_XFRM_REQID_SHARED.  The
 * kernel priority follows the item's list position.
 *
 * Templates, dynamic items and disabled items get no kernel policy;
 * the policies of dynamic items, and marked policies (clients behind
 * one NAT), are the IKE daemon's and are left alone.  An item is
 * flagged active when all its policies are installed, invalid when it
 * cannot be (an address that is not an IP prefix, mixed families, ports
 * without a port protocol, tunnel without SA addresses, the selector of
 * an item above it or of a dynamic one, or the kernel's refusal, logged
 * once with the kernel's text when the flag goes on); ph2-state says
 * no-phase2 until keyed SAs of the item exist, then established, and
 * ph2-count counts its outbound SAs.
 *
 * A changed item is replaced in place (XFRM_MSG_UPDPOLICY), so traffic
 * it protects never goes out in the clear meanwhile.  Runs in the
 * caller's transaction or its own.  Returns the number of kernel
 * changes (0 when the kernel already matched: a second pass right after
 * the first returns 0), or -1 with the reason in err when the store or
 * the kernel could not be read.
 */
int ipsec_reconcile_policies(struct eng *e, char *err, size_t errsz);

/*
 * Bring ph2-state and ph2-count of the active items up to date with the
 * SAs the kernel holds (sa[0..nsa), from the backend's xfrm_sa_list),
 * without changing the kernel.  In the caller's transaction.  Returns
 * the number of items whose stored values changed, or -1.
 */
int ipsec_publish_ph2(struct eng *e, const struct eng_xfrm_sa *sa, int nsa,
    char *err, size_t errsz);

#endif /* ROSH_IPSEC_H */
