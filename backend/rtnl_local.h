/*
 * rtnl_local.h - the route netlink socket that backend/addr.c and
 * backend/route.c share (backend/rtnl.c).  Not for use outside backend/.
 */
#ifndef ROSH_RTNL_LOCAL_H
#define ROSH_RTNL_LOCAL_H

#include <stddef.h>

#include <linux/netlink.h>

#include <netlink/msg.h>
#include <netlink/socket.h>

/*
 * One reply of a dump, already checked by libnl to lie within what was
 * read.  Returns 0 to go on, -1 to stop the dump with an error (the
 * visitor has written the reason with rn_errf()).
 */
typedef int (*rn_visit_fn)(const struct nlmsghdr *h, void *arg);

/* A route netlink socket and what its replies said. */
struct rn_sock {
	struct nl_sock *rs_sk;
	int rs_ack_error;		/* errno of the last NLMSG_ERROR */
	char rs_ack_msg[256];		/* its extended-ack text, or "" */
	int rs_reply;			/* message type the visitor wants */
	rn_visit_fn rs_visit;		/* dump visitor, NULL otherwise */
	void *rs_arg;
	int rs_visit_failed;		/* the visitor returned -1 */
};

void rn_errf(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Connect a socket asking for extended acks.  0, or -1 with err. */
int rn_open(struct rn_sock *rs, char *err, size_t errsz);
void rn_close(struct rn_sock *rs);

/*
 * Send the request m (still the caller's to free) and wait for the
 * kernel's acknowledgement.  Returns 0, or -1 with the kernel's
 * extended-ack text in err, or strerror() of its error number when it
 * sent no text.
 */
int rn_request(struct rn_sock *rs, struct nl_msg *m, char *err,
    size_t errsz);

/*
 * Dump: send type with NLM_F_DUMP and the fixed header hdr of hdrlen
 * bytes, and hand each reply of type reply to visit.  Returns 0, or -1
 * with the reason in err, or RN_DUMP_AGAIN when the kernel's table
 * changed during the dump (NLM_F_DUMP_INTR): the visitor has seen an
 * inconsistent picture and the caller should start over.
 */
#define RN_DUMP_AGAIN	(-2)
#define RN_DUMP_TRIES	3	/* attempts before an interrupted dump
				   counts as a failure */

int rn_dump(struct rn_sock *rs, int type, int reply, const void *hdr,
    size_t hdrlen, rn_visit_fn visit, void *arg, char *err, size_t errsz);

/* Grow a malloc'd array by one element of size sz; NULL when out of
 * memory (the array is left as it was). */
void *rn_grow(void *arr, int *n, int *cap, size_t sz);

/*
 * Turn one reply into an element at out: 1 keep it (rosh's), 0 skip it
 * (someone else's), -1 malformed.
 */
typedef int (*rn_parse_fn)(const void *buf, size_t len, void *out);

/*
 * A whole dump collected into an array of elements of size sz: open a
 * socket, dump (started over when the kernel interrupts it), keep what
 * parse keeps.  `what` names an element in errors ("address").  OUT:
 * *out malloc'd (non-NULL even when *n is 0).  Returns 0, or -1 with
 * the reason in err.
 */
int rn_dump_list(int type, int reply, const void *hdr, size_t hdrlen,
    rn_parse_fn parse, size_t sz, const char *what, void **out, int *n,
    char *err, size_t errsz);

#endif /* ROSH_RTNL_LOCAL_H */
