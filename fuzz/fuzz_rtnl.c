/*
 * fuzz_rtnl.c - libFuzzer target for the route netlink reply parsers of
 * backend/: be_addr_parse (addr.c), be_route_parse (route.c) and
 * be_link_ack_parse (link.c).
 *
 * Each input is read as is, and again with its header's length and type
 * set to what each parser expects, so that mutations reach the
 * attributes instead of dying at the header check.  The input is copied
 * to a buffer of its exact size (malloc's alignment is more than the 4
 * bytes netlink promises), so ASan sees any read past its end.  Besides
 * the sanitizers' findings, the target aborts when a parser returns a
 * value its header (backend.h) rules out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "backend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_CHECK(c)	do { if (!(c)) abort(); } while (0)
#define FZ_MAX		65536

static void
fz_addr(const void *buf, size_t len)
{
	struct be_addr a;
	int r = be_addr_parse(buf, len, &a);

	FZ_CHECK(r >= -1 && r <= 1);
	if (r == 1) {
		FZ_CHECK(a.ifindex > 0);
		FZ_CHECK(a.prefixlen >= 0 && a.prefixlen <= 32);
		/* a peer equal to the address itself reads as none */
		FZ_CHECK(a.peer == 0 || a.peer != a.local);
	}
}

static void
fz_route(const void *buf, size_t len)
{
	struct be_route r;
	int k = be_route_parse(buf, len, &r);

	FZ_CHECK(k >= -1 && k <= 1);
	if (k == 1) {
		FZ_CHECK(r.dst_len >= 0 && r.dst_len <= 32);
		FZ_CHECK(r.oif >= 0);
		FZ_CHECK(r.blackhole == 0 || r.blackhole == 1);
	}
}

/* Small message buffers too: the text is truncated, never overrun. */
static void
fz_ack(const void *buf, size_t len)
{
	static const size_t sizes[] = { 1, 8, 256 };
	char msg[256 + 1];
	size_t i;
	int error, r;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		msg[sizes[i]] = 'x';
		r = be_link_ack_parse(buf, len, &error, msg, sizes[i]);
		FZ_CHECK(r == 0 || r == -1);
		FZ_CHECK(error >= 0);
		FZ_CHECK(r == 0 || (error == 0 && msg[0] == '\0'));
		FZ_CHECK(memchr(msg, '\0', sizes[i]) != NULL);
		FZ_CHECK(msg[sizes[i]] == 'x');
	}
	r = be_link_ack_parse(buf, len, &error, NULL, 0);
	FZ_CHECK(r == 0 || r == -1);
}

static void
fz_all(const void *buf, size_t len)
{
	fz_addr(buf, len);
	fz_route(buf, len);
	fz_ack(buf, len);
}

/* The input with a header that passes the first checks. */
static void
fz_fixed(uint32_t *buf, size_t size, uint16_t type)
{
	struct nlmsghdr h;

	if (size < sizeof(h))
		return;
	memcpy(&h, buf, sizeof(h));
	h.nlmsg_len = (uint32_t)size;
	h.nlmsg_type = type;
	memcpy(buf, &h, sizeof(h));
	fz_all(buf, size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t *buf;

	if (size > FZ_MAX)
		return 0;
	buf = malloc(size ? size : 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	fz_all(buf, size);
	fz_fixed(buf, size, RTM_NEWADDR);
	fz_fixed(buf, size, RTM_NEWROUTE);
	fz_fixed(buf, size, NLMSG_ERROR);
	free(buf);
	return 0;
}
