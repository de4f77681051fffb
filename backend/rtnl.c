/*
 * rtnl.c - the route netlink socket of addr.c and route.c: requests
 * that wait for the kernel's acknowledgement and keep its extended-ack
 * text, and dumps handed to a visitor one reply at a time.
 *
 * Every reply passes rn_msg_in() first, which reads NLMSG_ERROR through
 * be_link_ack_parse(); the visitor of a dump sees only messages of the
 * type it asked for, within the bounds libnl has checked.
 */
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/socket.h>
#include <linux/netlink.h>

#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "backend.h"
#include "rtnl_local.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

void
rn_errf(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

void *
rn_grow(void *arr, int *n, int *cap, size_t sz)
{
	void *p;
	int c;

	if (*n < *cap)
		return arr;
	c = *cap ? 2 * *cap : 16;
	p = reallocarray(arr, (size_t)c, sz);
	if (p == NULL)
		return NULL;
	*cap = c;
	return p;
}

/* Sees every reply before libnl parses it (NL_CB_MSG_IN). */
static int
rn_msg_in(struct nl_msg *m, void *arg)
{
	struct rn_sock *rs = arg;
	struct nlmsghdr *h = nlmsg_hdr(m);

	if (h->nlmsg_type == NLMSG_ERROR)
		(void)be_link_ack_parse(h, h->nlmsg_len, &rs->rs_ack_error,
		    rs->rs_ack_msg, sizeof(rs->rs_ack_msg));
	return NL_OK;
}

/* Each reply of a dump (NL_CB_VALID). */
static int
rn_valid(struct nl_msg *m, void *arg)
{
	struct rn_sock *rs = arg;

	if (rs->rs_visit == NULL || rs->rs_visit_failed ||
	    nlmsg_hdr(m)->nlmsg_type != rs->rs_reply)
		return NL_SKIP;
	if (rs->rs_visit(nlmsg_hdr(m), rs->rs_arg) < 0) {
		rs->rs_visit_failed = 1;
		return NL_STOP;
	}
	return NL_OK;
}

static void
rn_ack_reset(struct rn_sock *rs)
{
	rs->rs_ack_error = 0;
	rs->rs_ack_msg[0] = '\0';
}

/* Put the kernel's reason for the last failure into err. */
static int
rn_fail(const struct rn_sock *rs, int nlerr, char *err, size_t errsz)
{
	if (rs->rs_ack_msg[0] != '\0')
		rn_errf(err, errsz, "%s", rs->rs_ack_msg);
	else if (rs->rs_ack_error != 0)
		rn_errf(err, errsz, "%s", strerror(rs->rs_ack_error));
	else
		rn_errf(err, errsz, "netlink: %s", nl_geterror(nlerr));
	return -1;
}

int
rn_open(struct rn_sock *rs, char *err, size_t errsz)
{
	int e, one = 1;

	memset(rs, 0, sizeof(*rs));
	rs->rs_sk = nl_socket_alloc();
	if (rs->rs_sk == NULL) {
		rn_errf(err, errsz, "out of memory");
		return -1;
	}
	e = nl_connect(rs->rs_sk, NETLINK_ROUTE);
	if (e < 0)
		goto fail;
	/* As in link.c: the kernel's text with each error (4.12+), without
	 * the echoed request. */
	(void)setsockopt(nl_socket_get_fd(rs->rs_sk), SOL_NETLINK,
	    NETLINK_EXT_ACK, &one, sizeof(one));
	(void)setsockopt(nl_socket_get_fd(rs->rs_sk), SOL_NETLINK,
	    NETLINK_CAP_ACK, &one, sizeof(one));
	e = nl_socket_modify_cb(rs->rs_sk, NL_CB_MSG_IN, NL_CB_CUSTOM,
	    rn_msg_in, rs);
	if (e >= 0)
		e = nl_socket_modify_cb(rs->rs_sk, NL_CB_VALID, NL_CB_CUSTOM,
		    rn_valid, rs);
	if (e < 0)
		goto fail;
	return 0;
fail:
	rn_errf(err, errsz, "netlink: %s", nl_geterror(e));
	nl_socket_free(rs->rs_sk);
	rs->rs_sk = NULL;
	return -1;
}

void
rn_close(struct rn_sock *rs)
{
	nl_socket_free(rs->rs_sk);
	rs->rs_sk = NULL;
}

int
rn_request(struct rn_sock *rs, struct nl_msg *m, char *err, size_t errsz)
{
	int e;

	rn_ack_reset(rs);
	e = nl_send_auto(rs->rs_sk, m);
	if (e >= 0)
		e = nl_wait_for_ack(rs->rs_sk);
	if (e < 0)
		return rn_fail(rs, e, err, errsz);
	return 0;
}

int
rn_dump(struct rn_sock *rs, int type, int reply, const void *hdr,
    size_t hdrlen, rn_visit_fn visit, void *arg, char *err, size_t errsz)
{
	int e;

	rn_ack_reset(rs);
	rs->rs_reply = reply;
	rs->rs_visit = visit;
	rs->rs_arg = arg;
	rs->rs_visit_failed = 0;
	e = nl_send_simple(rs->rs_sk, type, NLM_F_DUMP, (void *)(uintptr_t)hdr,
	    (int)hdrlen);
	if (e >= 0)
		e = nl_recvmsgs_default(rs->rs_sk);
	rs->rs_visit = NULL;
	rs->rs_arg = NULL;
	if (rs->rs_visit_failed)
		return -1;
	if (e < 0) {
		rn_fail(rs, e, err, errsz);
		return e == -NLE_DUMP_INTR ? RN_DUMP_AGAIN : -1;
	}
	return 0;
}

struct rn_list {
	rn_parse_fn rl_parse;
	size_t rl_sz;
	const char *rl_what;
	char *rl_v;
	int rl_n, rl_cap;
	int rl_nomem;		/* the visitor stopped: out of memory */
	int rl_malformed;	/* the visitor stopped: unreadable reply */
};

/* Parse straight into the next free slot; it counts only when kept. */
static int
rn_list_visit(const struct nlmsghdr *h, void *arg)
{
	struct rn_list *l = arg;
	void *p;
	int r;

	p = rn_grow(l->rl_v, &l->rl_n, &l->rl_cap, l->rl_sz);
	if (p == NULL) {
		l->rl_nomem = 1;
		return -1;
	}
	l->rl_v = p;
	r = l->rl_parse(h, h->nlmsg_len, l->rl_v + (size_t)l->rl_n *
	    l->rl_sz);
	if (r < 0) {
		/* A reply we cannot read could hide something we own. */
		l->rl_malformed = 1;
		return -1;
	}
	l->rl_n += r;
	return 0;
}

int
rn_dump_list(int type, int reply, const void *hdr, size_t hdrlen,
    rn_parse_fn parse, size_t sz, const char *what, void **out, int *n,
    char *err, size_t errsz)
{
	struct rn_list l = { parse, sz, what, NULL, 0, 0, 0, 0 };
	struct rn_sock rs;
	int i, e = RN_DUMP_AGAIN, rc = -1;

	*out = NULL;
	*n = 0;
	if (rn_open(&rs, err, errsz) < 0)
		return -1;
	for (i = 0; i < RN_DUMP_TRIES && e == RN_DUMP_AGAIN; i++) {
		l.rl_n = 0;
		e = rn_dump(&rs, type, reply, hdr, hdrlen, rn_list_visit, &l,
		    err, errsz);
	}
	if (e < 0) {
		if (l.rl_malformed)
			rn_errf(err, errsz, "kernel sent a malformed %s",
			    l.rl_what);
		else if (l.rl_nomem)
			rn_errf(err, errsz, "out of memory");
		goto done;
	}
	if (l.rl_v == NULL && (l.rl_v = calloc(1, sz)) == NULL) {
		rn_errf(err, errsz, "out of memory");
		goto done;
	}
	*out = l.rl_v;
	*n = l.rl_n;
	l.rl_v = NULL;
	rc = 0;
done:
	free(l.rl_v);
	rn_close(&rs);
	return rc;
}
