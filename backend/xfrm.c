/*
 * xfrm.c - the kernel's IPsec SAs and policies (XFRM): install them for
 * the IKE daemon, list them for /ip ipsec installed-sa and policy, read
 * the counters of /ip ipsec statistics.  This file holds the API of
 * backend.h and the netlink exchange; xfrm_msg.c checks arguments and
 * builds requests, xfrm_parse.c reads what the kernel sends.
 *
 * Requests are built on libnl-3's message and attribute layer and sent
 * on its socket.  libnl-xfrm's object model is not used: release 3.7
 * leaks the templates of every policy it parses and miscounts
 * references to selector and template addresses (both fixed in 3.10
 * only), and it cannot carry XFRMA_SET_MARK.  Replies are received into
 * a buffer of our own, wiped before it is freed since SA dumps carry
 * keys, and every message is read through be_xfrm_sa_parse() or
 * be_xfrm_policy_parse(), which check each length against an attribute
 * policy before reading.
 *
 * Ownership (reqid band for SAs, priority band for policies) is
 * described in backend.h.  Before an entry is changed or deleted it is
 * read back and its marker checked; policies are then deleted by the
 * kernel index just read, so only the policy checked goes.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/socket.h>
#include <sys/time.h>
#include <linux/netlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "xfrm_local.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

#define XF_BUFSZ	65536	/* a dump part is at most 32 KiB */
#define XF_TIMEOUT	5	/* seconds to wait for the kernel */

/* A NETLINK_XFRM socket and its receive buffer. */
struct xf_sock {
	struct nl_sock *xs_sk;
	uint8_t *xs_buf;		/* XF_BUFSZ, from malloc(); wiped */
};

/* Called with each reply message of a request: 0 goes on, -1 stops
 * (the callback has written err and set errno). */
typedef int (*xf_msg_fn)(void *arg, const void *msg, size_t len,
    char *err, size_t errsz);

/* Growing arrays of what a dump found. */
struct xf_salist {
	struct be_xfrm_sa_info *sl_v;	/* from malloc(); holds keys */
	int sl_n, sl_cap;
};

struct xf_splist {
	struct be_xfrm_policy_info *pl_v;	/* from malloc() */
	int pl_n, pl_cap;
};

/* The one reply of a GET: parse result (1 rosh's, 0 not) and entry. */
struct xf_one {
	int on_rc;
	int on_seen;
	struct be_xfrm_sa_info on_sa;
	struct be_xfrm_policy_info on_sp;
};

static int
xf_open(struct xf_sock *xs, char *err, size_t errsz)
{
	struct timeval tv = { .tv_sec = XF_TIMEOUT };
	int e, fd, one = 1;

	xs->xs_buf = malloc(XF_BUFSZ);
	xs->xs_sk = nl_socket_alloc();
	if (xs->xs_buf == NULL || xs->xs_sk == NULL) {
		e = -NLE_NOMEM;
		goto fail;
	}
	e = nl_connect(xs->xs_sk, NETLINK_XFRM);
	if (e < 0)
		goto fail;
	nl_socket_disable_auto_ack(xs->xs_sk);
	fd = nl_socket_get_fd(xs->xs_sk);
	/* The kernel's text with each error (Linux 4.12 and later; older
	 * ones refuse, and errors then read as strerror()), without the
	 * request echoed; and never wait for ever. */
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return 0;
fail:
	nl_socket_free(xs->xs_sk);
	xs->xs_sk = NULL;
	free(xs->xs_buf);
	xs->xs_buf = NULL;
	return xm_fail(err, errsz, e == -NLE_NOMEM ? ENOMEM : EIO,
	    "netlink: %s", nl_geterror(e));
}

static void
xf_close(struct xf_sock *xs)
{
	if (xs->xs_buf != NULL)
		explicit_bzero(xs->xs_buf, XF_BUFSZ);
	free(xs->xs_buf);
	xs->xs_buf = NULL;
	nl_socket_free(xs->xs_sk);
	xs->xs_sk = NULL;
}

/* An NLMSG_ERROR: 0 for an acknowledgement, else -1 with the reason. */
static int
xf_ack(const void *msg, size_t len, char *err, size_t errsz)
{
	char text[256];
	int error;

	if (be_link_ack_parse(msg, len, &error, text, sizeof(text)) < 0)
		return xm_fail(err, errsz, EIO, "malformed netlink error "
		    "from the kernel");
	if (error == 0)
		return 0;
	return xm_fail(err, errsz, error, "%s", text[0] != '\0' ? text :
	    strerror(error));
}

/* NLMSG_DONE of a dump may carry an error number. */
static int
xf_done(const uint8_t *p, size_t len, char *err, size_t errsz)
{
	int v;

	if (len < NLMSG_HDRLEN + sizeof(v))
		return 0;
	memcpy(&v, p + NLMSG_HDRLEN, sizeof(v));
	if (v >= 0 || v < -4095)
		return 0;
	return xm_fail(err, errsz, -v, "%s", strerror(-v));
}

/* One datagram: 1 when the request is answered, 0 to read on, -1. */
static int
xf_batch(const uint8_t *p, size_t left, uint32_t seq, xf_msg_fn fn,
    void *arg, char *err, size_t errsz)
{
	struct nlmsghdr h;
	size_t adv;

	while (left >= NLMSG_HDRLEN) {
		memcpy(&h, p, sizeof(h));
		if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > left)
			return xm_fail(err, errsz, EIO, "malformed netlink "
			    "message from the kernel");
		if (h.nlmsg_seq == seq) {
			if (h.nlmsg_type == NLMSG_DONE)
				return xf_done(p, h.nlmsg_len, err, errsz) < 0 ?
				    -1 : 1;
			if (h.nlmsg_type == NLMSG_ERROR)
				return xf_ack(p, h.nlmsg_len, err, errsz) < 0 ?
				    -1 : 1;
			if (h.nlmsg_type != NLMSG_NOOP && fn != NULL &&
			    fn(arg, p, h.nlmsg_len, err, errsz) < 0)
				return -1;
		}
		adv = NLMSG_ALIGN(h.nlmsg_len);
		if (adv >= left)
			break;
		p += adv;
		left -= adv;
	}
	return 0;
}

/* Read replies to request seq until its acknowledgement or the end of
 * its dump, handing every other message of it to fn. */
static int
xf_recv(struct xf_sock *xs, uint32_t seq, xf_msg_fn fn, void *arg,
    char *err, size_t errsz)
{
	struct sockaddr_nl from;
	struct iovec iov = { xs->xs_buf, XF_BUFSZ };
	struct msghdr mh;
	ssize_t n;
	int rc;

	for (;;) {
		memset(&mh, 0, sizeof(mh));
		mh.msg_name = &from;
		mh.msg_namelen = sizeof(from);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		n = recvmsg(nl_socket_get_fd(xs->xs_sk), &mh, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return xm_fail(err, errsz, ETIMEDOUT, "no reply from "
			    "the kernel in %d s", XF_TIMEOUT);
		if (n < 0)
			return xm_fail(err, errsz, errno, "netlink: %s",
			    strerror(errno));
		if (mh.msg_flags & MSG_TRUNC)
			return xm_fail(err, errsz, EIO, "kernel reply "
			    "truncated");
		if (mh.msg_namelen != sizeof(from) || from.nl_pid != 0)
			continue;
		rc = xf_batch(xs->xs_buf, (size_t)n, seq, fn, arg, err, errsz);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
}

/* Send m (which xf_request frees) asking for an acknowledgement, and
 * wait for it; replies before it go to fn. */
static int
xf_request(struct xf_sock *xs, struct nl_msg *m, xf_msg_fn fn, void *arg,
    char *err, size_t errsz)
{
	uint32_t seq;
	int e;

	if (m == NULL)
		return xm_fail(err, errsz, ENOMEM, "out of memory");
	if (!(nlmsg_hdr(m)->nlmsg_flags & NLM_F_DUMP))
		nlmsg_hdr(m)->nlmsg_flags |= NLM_F_ACK;
	e = nl_send_auto(xs->xs_sk, m);
	seq = nlmsg_hdr(m)->nlmsg_seq;
	xm_msg_free(m);
	if (e < 0)
		return xm_fail(err, errsz, EIO, "netlink: %s", nl_geterror(e));
	return xf_recv(xs, seq, fn, arg, err, errsz);
}

/*
 * A dump of every SA or policy.  XFRM dumps walk a list that tolerates
 * changes under way, so the kernel never flags them interrupted.
 */
static int
xf_dump(struct xf_sock *xs, int type, xf_msg_fn fn, void *arg, char *err,
    size_t errsz)
{
	return xf_request(xs, nlmsg_alloc_simple(type, NLM_F_DUMP), fn, arg,
	    err, errsz);
}

/* ------------------------------------------------------------------ */
/* Collecting replies                                                 */
/* ------------------------------------------------------------------ */

static int
xf_one_sa(void *arg, const void *msg, size_t len, char *err, size_t errsz)
{
	struct xf_one *o = arg;

	o->on_seen = 1;
	o->on_rc = be_xfrm_sa_parse(msg, len, &o->on_sa);
	if (o->on_rc < 0)
		return xm_fail(err, errsz, EIO, "kernel sent a malformed SA");
	return 0;
}

static int
xf_one_sp(void *arg, const void *msg, size_t len, char *err, size_t errsz)
{
	struct xf_one *o = arg;

	o->on_seen = 1;
	o->on_rc = be_xfrm_policy_parse(msg, len, &o->on_sp);
	if (o->on_rc < 0)
		return xm_fail(err, errsz, EIO, "kernel sent a malformed "
		    "policy");
	return 0;
}

/* Grow an array of n elements of sz bytes to hold one more, wiping
 * the old block (it may hold keys). */
static int
xf_grow(void **v, int n, int *cap, size_t sz)
{
	void *nv;
	int ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap > INT_MAX / 2)
		return -1;
	nv = calloc((size_t)ncap, sz);
	if (nv == NULL)
		return -1;
	if (*v != NULL) {
		memcpy(nv, *v, (size_t)n * sz);
		explicit_bzero(*v, (size_t)n * sz);
		free(*v);
	}
	*v = nv;
	*cap = ncap;
	return 0;
}

static int
xf_sa_collect(void *arg, const void *msg, size_t len, char *err,
    size_t errsz)
{
	struct xf_salist *l = arg;
	struct be_xfrm_sa_info si;
	int rc;

	rc = be_xfrm_sa_parse(msg, len, &si);
	if (rc < 0)
		return xm_fail(err, errsz, EIO, "kernel sent a malformed SA");
	if (rc == 0)
		return 0;
	if (xf_grow((void **)&l->sl_v, l->sl_n, &l->sl_cap,
	    sizeof(si)) < 0) {
		explicit_bzero(&si, sizeof(si));
		return xm_fail(err, errsz, ENOMEM, "out of memory");
	}
	l->sl_v[l->sl_n++] = si;
	explicit_bzero(&si, sizeof(si));
	return 0;
}

static int
xf_sp_collect(void *arg, const void *msg, size_t len, char *err,
    size_t errsz)
{
	struct xf_splist *l = arg;
	struct be_xfrm_policy_info pi;
	int rc;

	rc = be_xfrm_policy_parse(msg, len, &pi);
	if (rc < 0)
		return xm_fail(err, errsz, EIO, "kernel sent a malformed "
		    "policy");
	if (rc == 0)
		return 0;
	if (xf_grow((void **)&l->pl_v, l->pl_n, &l->pl_cap, sizeof(pi)) < 0)
		return xm_fail(err, errsz, ENOMEM, "out of memory");
	l->pl_v[l->pl_n++] = pi;
	return 0;
}

static int
xf_sa_dump(struct xf_sock *xs, struct xf_salist *l, char *err, size_t errsz)
{
	memset(l, 0, sizeof(*l));
	if (xf_dump(xs, XFRM_MSG_GETSA, xf_sa_collect, l, err, errsz) < 0) {
		be_xfrm_sa_info_free(l->sl_v, l->sl_n);
		memset(l, 0, sizeof(*l));
		return -1;
	}
	return 0;
}

static int
xf_sp_dump(struct xf_sock *xs, struct xf_splist *l, char *err, size_t errsz)
{
	memset(l, 0, sizeof(*l));
	if (xf_dump(xs, XFRM_MSG_GETPOLICY, xf_sp_collect, l, err,
	    errsz) < 0) {
		free(l->pl_v);
		memset(l, 0, sizeof(*l));
		return -1;
	}
	return 0;
}

void
be_xfrm_sa_info_free(struct be_xfrm_sa_info *v, int n)
{
	if (v == NULL)
		return;
	if (n > 0)
		explicit_bzero(v, (size_t)n * sizeof(*v));
	free(v);
}

/* ------------------------------------------------------------------ */
/* SAs                                                                */
/* ------------------------------------------------------------------ */

/* Read one SA back: 1 rosh's (in *o), 0 someone else's, -1 with
 * ENOENT when there is none from src with that mark, or another
 * failure. */
static int
xf_sa_get(struct xf_sock *xs, const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, uint32_t spi, unsigned proto,
    struct be_xfrm_mark mark, struct xf_one *o, char *err, size_t errsz)
{
	memset(o, 0, sizeof(*o));
	if (xf_request(xs, xm_said_msg(XFRM_MSG_GETSA, src, dst, spi, proto,
	    mark), xf_one_sa, o, err, errsz) < 0) {
		if (errno == ESRCH || errno == ENOENT)
			return xm_fail(err, errsz, ENOENT, "no such SA");
		return -1;
	}
	if (!o->on_seen)
		return xm_fail(err, errsz, EIO, "kernel sent no SA");
	/* The kernel matches an SA without a mark under any mark; rosh
	 * names an SA by its own mark exactly. */
	if (o->on_rc == 1 && (!xm_addr_eq(&o->on_sa.si_sa.sa_src, src) ||
	    !xm_mark_eq(o->on_sa.si_sa.sa_mark, mark))) {
		explicit_bzero(o, sizeof(*o));
		return xm_fail(err, errsz, ENOENT, "no such SA");
	}
	return o->on_rc;
}

int
be_xfrm_sa_add(const struct be_xfrm_sa *sa, int flags, char *err,
    size_t errsz)
{
	struct xf_sock xs;
	struct xf_one o;
	int rc, type = XFRM_MSG_NEWSA;

	if (xm_sa_check(sa, err, errsz) < 0)
		return -1;
	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	if (flags & BE_XFRM_REPLACE) {
		rc = xf_sa_get(&xs, &sa->sa_src, &sa->sa_dst, sa->sa_spi,
		    sa->sa_proto, sa->sa_mark, &o, err, errsz);
		explicit_bzero(&o, sizeof(o));
		if (rc == 0) {
			rc = xm_fail(err, errsz, EPERM, "SA 0x%08x is not "
			    "rosh's", sa->sa_spi);
			goto done;
		}
		if (rc < 0 && errno != ENOENT)
			goto done;
		if (rc == 1)
			type = XFRM_MSG_UPDSA;
	}
	rc = xf_request(&xs, xm_sa_msg(sa, type), NULL, NULL, err, errsz);
done:
	xf_close(&xs);
	return rc < 0 ? -1 : 0;
}

int
be_xfrm_sa_del(const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, uint32_t spi, unsigned proto,
    struct be_xfrm_mark mark, char *err, size_t errsz)
{
	struct xf_sock xs;
	struct xf_one o;
	int rc;

	if (xm_pair_check(src, dst, "SA", err, errsz) < 0)
		return -1;
	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	rc = xf_sa_get(&xs, src, dst, spi, proto, mark, &o, err, errsz);
	explicit_bzero(&o, sizeof(o));
	if (rc == 0)
		rc = xm_fail(err, errsz, EPERM, "SA 0x%08x is not rosh's", spi);
	else if (rc == 1)
		rc = xf_request(&xs, xm_said_msg(XFRM_MSG_DELSA, src, dst, spi,
		    proto, mark), NULL, NULL, err, errsz);
	xf_close(&xs);
	return rc < 0 ? -1 : 0;
}

static int
xf_sa_cmp(const void *a, const void *b)
{
	const struct be_xfrm_sa_info *x = a, *y = b;

	if (x->si_add_time != y->si_add_time)
		return x->si_add_time < y->si_add_time ? -1 : 1;
	return (x->si_sa.sa_spi > y->si_sa.sa_spi) -
	    (x->si_sa.sa_spi < y->si_sa.sa_spi);
}

int
be_xfrm_sa_list_own(struct be_xfrm_sa_info **out, int *n, char *err,
    size_t errsz)
{
	struct xf_sock xs;
	struct xf_salist l;
	uint64_t now = (uint64_t)time(NULL);
	int i, rc;

	*out = NULL;
	*n = 0;
	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	rc = xf_sa_dump(&xs, &l, err, errsz);
	xf_close(&xs);
	if (rc < 0)
		return -1;
	if (l.sl_v == NULL && (l.sl_v = calloc(1, sizeof(*l.sl_v))) == NULL)
		return xm_fail(err, errsz, ENOMEM, "out of memory");
	for (i = 0; i < l.sl_n; i++)
		l.sl_v[i].si_state = be_xfrm_sa_state_at(&l.sl_v[i], now);
	qsort(l.sl_v, (size_t)l.sl_n, sizeof(*l.sl_v), xf_sa_cmp);
	*out = l.sl_v;
	*n = l.sl_n;
	return 0;
}

int
be_xfrm_spi_alloc(const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, unsigned proto, uint32_t reqid,
    struct be_xfrm_mark mark, uint32_t min, uint32_t max, uint32_t *spi,
    char *err, size_t errsz)
{
	struct xf_sock xs;
	struct xf_one o;
	int rc;

	if (xm_spi_check(src, dst, proto, reqid, mark, err, errsz) < 0)
		return -1;
	if (min == 0 && max == 0) {
		min = 0x100;		/* 1-255 are reserved (RFC 4303) */
		max = 0xffffffff;
	}
	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	memset(&o, 0, sizeof(o));
	rc = xf_request(&xs, xm_spi_msg(src, dst, proto, reqid, mark, min,
	    max), xf_one_sa, &o, err, errsz);
	xf_close(&xs);
	if (rc == 0 && o.on_rc != 1)
		rc = xm_fail(err, errsz, EIO, "kernel reported no SPI");
	if (rc == 0)
		*spi = o.on_sa.si_sa.sa_spi;
	explicit_bzero(&o, sizeof(o));
	return rc;
}

/* ------------------------------------------------------------------ */
/* Policies                                                           */
/* ------------------------------------------------------------------ */

/* Read the policy named by p back, as xf_sa_get() does an SA. */
static int
xf_pol_get(struct xf_sock *xs, const struct be_xfrm_policy *p,
    struct xf_one *o, char *err, size_t errsz)
{
	memset(o, 0, sizeof(*o));
	if (xf_request(xs, xm_polid_msg(XFRM_MSG_GETPOLICY, p, 0), xf_one_sp,
	    o, err, errsz) < 0) {
		if (errno == ENOENT)
			return xm_fail(err, errsz, ENOENT, "no such policy");
		return -1;
	}
	if (!o->on_seen)
		return xm_fail(err, errsz, EIO, "kernel sent no policy");
	return o->on_rc;
}

/* Whether p and q may share template reqids: one traffic, one mark. */
static int
xf_same_traffic(const struct be_xfrm_policy *p, const struct be_xfrm_policy *q)
{
	return xm_mark_eq(p->sp_mark, q->sp_mark) &&
	    (xm_sel_match(&p->sp_sel, &q->sp_sel, 0) ||
	    xm_sel_match(&p->sp_sel, &q->sp_sel, 1));
}

/* A reqid that p and q share although one of them holds it as unique
 * (level unique), or 0. */
static uint32_t
xf_tmpl_clash(const struct be_xfrm_policy *p, const struct be_xfrm_policy *q)
{
	const struct be_xfrm_tmpl *a, *b;
	int j, k;

	for (j = 0; j < p->sp_ntmpl; j++)
		for (k = 0; k < q->sp_ntmpl; k++) {
			a = &p->sp_tmpl[j];
			b = &q->sp_tmpl[k];
			if (a->tp_reqid == b->tp_reqid &&
			    (a->tp_level == BE_XFRM_LEVEL_UNIQUE ||
			    b->tp_level == BE_XFRM_LEVEL_UNIQUE))
				return a->tp_reqid;
		}
	return 0;
}

/* A unique template's reqid belongs to one traffic (see backend.h). */
static int
xf_unique_check(struct xf_sock *xs, const struct be_xfrm_policy *p,
    char *err, size_t errsz)
{
	struct xf_splist l;
	const struct be_xfrm_policy *q;
	uint32_t reqid = 0;
	int i;

	if (xf_sp_dump(xs, &l, err, errsz) < 0)
		return -1;
	for (i = 0; i < l.pl_n && reqid == 0; i++) {
		q = &l.pl_v[i].pi_pol;
		if (!xf_same_traffic(p, q))
			reqid = xf_tmpl_clash(p, q);
	}
	free(l.pl_v);
	if (reqid != 0)
		return xm_fail(err, errsz, EEXIST, "reqid 0x%x is unique to "
		    "another policy", reqid);
	return 0;
}

/* policy_add (update 0) and policy_update (update 1). */
static int
xf_pol_install(const struct be_xfrm_policy *p, int update, char *err,
    size_t errsz)
{
	struct xf_sock xs;
	struct xf_one o;
	int rc;

	if (xm_pol_check(p, err, errsz) < 0)
		return -1;
	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	if (update) {
		rc = xf_pol_get(&xs, p, &o, err, errsz);
		if (rc == 0) {
			rc = xm_fail(err, errsz, EPERM, "policy is not "
			    "rosh's");
			goto done;
		}
		if (rc < 0 && errno != ENOENT)
			goto done;
	}
	rc = xf_unique_check(&xs, p, err, errsz);
	if (rc == 0)
		rc = xf_request(&xs, xm_pol_msg(p, update ?
		    XFRM_MSG_UPDPOLICY : XFRM_MSG_NEWPOLICY), NULL, NULL, err,
		    errsz);
done:
	xf_close(&xs);
	return rc < 0 ? -1 : 0;
}

int
be_xfrm_policy_add(const struct be_xfrm_policy *p, char *err, size_t errsz)
{
	return xf_pol_install(p, 0, err, errsz);
}

int
be_xfrm_policy_update(const struct be_xfrm_policy *p, char *err,
    size_t errsz)
{
	return xf_pol_install(p, 1, err, errsz);
}

int
be_xfrm_policy_del(const struct be_xfrm_policy *p, char *err, size_t errsz)
{
	struct xf_sock xs;
	struct xf_one o;
	int rc;

	if (xm_sel_check(&p->sp_sel, err, errsz) < 0)
		return -1;
	if (p->sp_dir < BE_XFRM_DIR_IN || p->sp_dir > BE_XFRM_DIR_FWD)
		return xm_fail(err, errsz, EINVAL, "unknown direction %d",
		    p->sp_dir);
	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	rc = xf_pol_get(&xs, p, &o, err, errsz);
	if (rc == 0)
		rc = xm_fail(err, errsz, EPERM, "policy is not rosh's");
	else if (rc == 1)
		rc = xf_request(&xs, xm_polid_msg(XFRM_MSG_DELPOLICY, p,
		    o.on_sp.pi_index), NULL, NULL, err, errsz);
	xf_close(&xs);
	return rc < 0 ? -1 : 0;
}

static int
xf_pol_cmp(const void *a, const void *b)
{
	const struct be_xfrm_policy_info *x = a, *y = b;

	if (x->pi_pol.sp_pos != y->pi_pol.sp_pos)
		return x->pi_pol.sp_pos < y->pi_pol.sp_pos ? -1 : 1;
	if (x->pi_pol.sp_dir != y->pi_pol.sp_dir)
		return x->pi_pol.sp_dir < y->pi_pol.sp_dir ? -1 : 1;
	return (x->pi_index > y->pi_index) - (x->pi_index < y->pi_index);
}

int
be_xfrm_policy_list_own(struct be_xfrm_policy_info **out, int *n,
    char *err, size_t errsz)
{
	struct xf_sock xs;
	struct xf_splist l;
	int rc;

	*out = NULL;
	*n = 0;
	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	rc = xf_sp_dump(&xs, &l, err, errsz);
	xf_close(&xs);
	if (rc < 0)
		return -1;
	if (l.pl_v == NULL && (l.pl_v = calloc(1, sizeof(*l.pl_v))) == NULL)
		return xm_fail(err, errsz, ENOMEM, "out of memory");
	qsort(l.pl_v, (size_t)l.pl_n, sizeof(*l.pl_v), xf_pol_cmp);
	*out = l.pl_v;
	*n = l.pl_n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Flush and reqids                                                   */
/* ------------------------------------------------------------------ */

/* Note a failure unless it is one already noted or a vanished entry. */
static void
xf_flush_note(int *rc, const char *why, char *err, size_t errsz)
{
	if (errno == ENOENT || errno == ESRCH || *rc < 0)
		return;
	*rc = xm_fail(err, errsz, errno, "%s", why);
}

int
be_xfrm_flush_own(char *err, size_t errsz)
{
	struct xf_sock xs;
	struct xf_splist pl;
	struct xf_salist sl;
	const struct be_xfrm_sa *sa;
	char why[256];
	int i, rc = 0;

	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	if (xf_sp_dump(&xs, &pl, err, errsz) < 0) {
		xf_close(&xs);
		return -1;
	}
	for (i = 0; i < pl.pl_n; i++)
		if (xf_request(&xs, xm_polid_msg(XFRM_MSG_DELPOLICY,
		    &pl.pl_v[i].pi_pol, pl.pl_v[i].pi_index), NULL, NULL, why,
		    sizeof(why)) < 0)
			xf_flush_note(&rc, why, err, errsz);
	free(pl.pl_v);
	if (xf_sa_dump(&xs, &sl, why, sizeof(why)) < 0) {
		xf_flush_note(&rc, why, err, errsz);
		sl.sl_n = 0;
	}
	for (i = 0; i < sl.sl_n; i++) {
		sa = &sl.sl_v[i].si_sa;
		if (xf_request(&xs, xm_said_msg(XFRM_MSG_DELSA, &sa->sa_src,
		    &sa->sa_dst, sa->sa_spi, sa->sa_proto, sa->sa_mark), NULL,
		    NULL, why, sizeof(why)) < 0)
			xf_flush_note(&rc, why, err, errsz);
	}
	be_xfrm_sa_info_free(sl.sl_v, sl.sl_n);
	xf_close(&xs);
	return rc;
}

static int
xf_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The lowest reqid of the band missing from the sorted v[0..n). */
static int
xf_reqid_gap(const uint32_t *v, size_t n, uint32_t *reqid)
{
	uint32_t want = BE_XFRM_REQID_MIN;
	size_t i;

	for (i = 0; i < n; i++) {
		if (v[i] > want)
			break;
		if (v[i] == want) {
			if (want == BE_XFRM_REQID_MAX)
				return -1;
			want++;
		}
	}
	*reqid = want;
	return 0;
}

int
be_xfrm_reqid_unused(uint32_t *reqid, char *err, size_t errsz)
{
	struct xf_sock xs;
	struct xf_splist pl = { 0 };
	struct xf_salist sl = { 0 };
	uint32_t *v = NULL;
	size_t n = 0;
	int i, j, rc = -1;

	if (xf_open(&xs, err, errsz) < 0)
		return -1;
	if (xf_sp_dump(&xs, &pl, err, errsz) < 0 ||
	    xf_sa_dump(&xs, &sl, err, errsz) < 0)
		goto done;
	v = calloc((size_t)sl.sl_n + (size_t)pl.pl_n * BE_XFRM_TMPL_MAX + 1,
	    sizeof(*v));
	if (v == NULL) {
		xm_fail(err, errsz, ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < sl.sl_n; i++)
		v[n++] = sl.sl_v[i].si_sa.sa_reqid;
	for (i = 0; i < pl.pl_n; i++)
		for (j = 0; j < pl.pl_v[i].pi_pol.sp_ntmpl; j++)
			v[n++] = pl.pl_v[i].pi_pol.sp_tmpl[j].tp_reqid;
	qsort(v, n, sizeof(*v), xf_u32_cmp);
	rc = xf_reqid_gap(v, n, reqid);
	if (rc < 0)
		xm_fail(err, errsz, ENOSPC, "every reqid of rosh's band is "
		    "in use");
done:
	free(v);
	free(pl.pl_v);
	be_xfrm_sa_info_free(sl.sl_v, sl.sl_n);
	xf_close(&xs);
	return rc;
}

const struct be_xfrm_ops be_xfrm_kernel = {
	.sa_add = be_xfrm_sa_add,
	.sa_del = be_xfrm_sa_del,
	.sa_list_own = be_xfrm_sa_list_own,
	.spi_alloc = be_xfrm_spi_alloc,
	.policy_add = be_xfrm_policy_add,
	.policy_update = be_xfrm_policy_update,
	.policy_del = be_xfrm_policy_del,
	.policy_list_own = be_xfrm_policy_list_own,
	.flush_own = be_xfrm_flush_own,
	.reqid_unused = be_xfrm_reqid_unused,
	.stats = be_xfrm_stats,
};
