/*
 * backend.h - the kernel side of rosh: netlink, nftables, IKE, L2TP, PPP.
 *
 * This is the backend's only public header.  It includes neither engine/
 * nor shell/ headers: the shell copies what these functions report into
 * the engine's own structs (struct eng_backend in engine/engine.h), so
 * the engine never links against netlink itself.
 *
 * Error text: functions that take (char *err, size_t errsz) write one
 * line without a trailing newline, NUL-terminated and truncated to errsz;
 * err may be NULL when errsz is 0.  When the kernel refused a request the
 * text is the kernel's own extended-ack message ("mtu less than device
 * minimum"), or strerror() of its error number when it sent none.
 */
#ifndef ROSH_BACKEND_H
#define ROSH_BACKEND_H

#include <stddef.h>

/* ------------------------------------------------------------------ */
/* Links (backend/link.c)                                              */
/* ------------------------------------------------------------------ */

#define BE_LINK_NAMESZ	16	/* IFNAMSIZ: 15 characters and the NUL */
#define BE_LINK_TYPESZ	16
#define BE_LINK_MACSZ	18	/* "AA:BB:CC:DD:EE:FF" and the NUL */

/*
 * One kernel network device as /interface shows it.  Plain data: it
 * owns no pointers, so copying it is enough.
 *
 * type is a RouterOS type word: "loopback" for the loopback device,
 * "ppp" for PPP units, "ether" for an Ethernet device the kernel gives
 * no kind (a real NIC), "wg" for WireGuard, otherwise the kernel's link
 * kind as is ("veth", "bridge", "vlan", "tun", "vxlan"...), truncated to
 * fit, or "unknown" when there is neither a kind nor an Ethernet header.
 */
struct be_link {
	int ifindex;			/* kernel index, always > 0 */
	char name[BE_LINK_NAMESZ];	/* never empty */
	char type[BE_LINK_TYPESZ];
	unsigned mtu;
	unsigned min_mtu;		/* the device's bounds for mtu; 0 */
	unsigned max_mtu;		/* when the kernel reports none */
	char mac[BE_LINK_MACSZ];	/* upper case; "" without a 6-byte
					   hardware address */
	int up;				/* administratively up (IFF_UP):
					   RouterOS disabled=no */
	int running;			/* IFF_RUNNING: up, with carrier, and
					   operationally up or unknown */
	unsigned long long rx_byte, tx_byte, rx_packet, tx_packet;
	unsigned long long rx_drop, tx_drop, rx_error, tx_error;
};

/*
 * Every link of the calling thread's network namespace, read from one
 * netlink dump.  OUT: *out is a malloc'd array of *n entries sorted by
 * ifindex (non-NULL even when *n is 0); the caller frees it with free().
 * Returns 0, or -1 with *out NULL, *n 0 and the reason in err.
 */
int be_link_list(struct be_link **out, int *n, char *err, size_t errsz);

/*
 * Name of the interface that carries the IPv4 default route of the main
 * routing table (0.0.0.0/0, unicast; the lowest metric wins, the first
 * one the kernel lists among equals).  Returns 0 with the name in
 * ifname, or -1 with errno set: ENOENT when there is no such route,
 * ERANGE when sz cannot hold the name, another value when the kernel
 * could not be asked.
 */
int be_link_default_route(char *ifname, size_t sz);

/*
 * Apply /interface set to the link now called name: up 1 brings it up,
 * 0 takes it down (disabled=yes), -1 keeps it; mtu 0 keeps the mtu;
 * newname NULL keeps the name.  Parts that already hold are skipped.
 *
 * All or nothing: the parts go to the kernel one request each (rename,
 * then mtu, then up/down, the likeliest refusals first) and when one is
 * refused the parts already applied are put back before returning -1
 * with the kernel's reason in err.  Should putting back fail too, err
 * says so after the reason.  Returns 0 when everything was applied.
 */
int be_link_set(const char *name, int up, unsigned mtu, const char *newname,
    char *err, size_t errsz);

/*
 * Parse one netlink NLMSG_ERROR message of len bytes, as the kernel sends
 * it in reply to a request; buf must be 4-byte aligned, as netlink
 * buffers are.  *error gets the positive errno (0 for a plain
 * acknowledgement) and msg the extended-ack text: "" when there is none,
 * or when the attributes after the fixed part are malformed or the text
 * is not NUL-terminated.  Returns 0, or -1 when the fixed part is not a
 * well-formed NLMSG_ERROR (then *error is 0 and msg "").  Pure: exposed
 * for the unit tests and the fuzz target; be_link_set() reads every
 * kernel reply through it.
 */
int be_link_ack_parse(const void *buf, size_t len, int *error, char *msg,
    size_t msgsz);

#endif /* ROSH_BACKEND_H */
