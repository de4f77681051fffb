/*
 * kernel.h - puts /ip address and /ip route into the kernel
 * (engine/kernel.c).  roshd runs both from its reconcile pass,
 * addresses first: a gateway is reachable only through an address.
 */
#ifndef ROSH_KERNEL_H
#define ROSH_KERNEL_H

#include <stddef.h>

struct eng;

/*
 * Make the kernel's rosh-owned IPv4 addresses exactly the enabled
 * /ip address items: remove those no item wants, add those missing.
 * Items whose interface does not exist, or that the kernel refuses, get
 * the invalid flag (a refusal is logged with the kernel's text when the
 * flag goes on); other items lose it.  Dynamic items belong to the
 * service that made them and are left alone; so is every address rosh
 * does not own.
 *
 * Runs in the store transaction of the caller, or its own when there is
 * none.  Returns the number of kernel changes made (0 when the kernel
 * already matched), or -1 with the reason in err when the store or the
 * kernel could not be read.  A second pass right after the first
 * returns 0, whatever the kernel or the store held before.
 */
int kern_reconcile_addresses(struct eng *e, char *err, size_t errsz);

/*
 * The same for /ip route: static routes of the main table, marked as
 * rosh's.  An installed item gets the active flag; one that cannot be
 * installed (interface missing, routing table other than main, no
 * gateway, the kernel refused) gets inactive instead.  Configured items
 * carry the static flag.
 */
int kern_reconcile_routes(struct eng *e, char *err, size_t errsz);

#endif /* ROSH_KERNEL_H */
