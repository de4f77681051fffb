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
#include <stdint.h>

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

/* ------------------------------------------------------------------ */
/* nftables (backend/nft.c)                                            */
/* ------------------------------------------------------------------ */

/*
 * Everything here acts on the calling thread's network namespace and on
 * family ip tables.  Table names are at most BE_NFT_NAMESZ - 1 letters,
 * digits, '_' or '-'.
 */
#define BE_NFT_NAMESZ	64

/*
 * Run an nft script (nft -f syntax) as one transaction: either all of
 * it takes effect or, on any error, none of it, and the ruleset stays
 * as it was.  dry_run nonzero has the kernel check the script without
 * committing it.  Returns 0, or -1 with nft's own error text in err:
 * "Error: syntax error, unexpected rule (line 5: bogus rule)", further
 * errors joined with "; ".
 */
int be_nft_apply(const char *script, int dry_run, char *err, size_t errsz);

/* Remove table ip `table` and everything in it; absent is fine.
 * Returns 0, or -1 with nft's error text. */
int be_nft_delete_table(const char *table, char *err, size_t errsz);

/* 1 if the kernel takes flowtables (fasttrack offload), else 0; checked
 * with a dry run that changes nothing. */
int be_nft_flowtable_supported(void);

/* The counter of one rule. */
struct be_nft_counter {
	char chain[BE_NFT_NAMESZ * 2];	/* nft chain holding the rule */
	long long id;			/* from a comment "*1A ...", else -1 */
	unsigned long long handle;	/* nft rule handle */
	unsigned long long packets, bytes;
};

/*
 * Counters of every rule of table ip `table` that has an anonymous
 * counter, in listing order.  OUT: *out is a malloc'd array of *n
 * entries (non-NULL even when *n is 0); the caller frees it.  Returns 0,
 * or -1 with *out NULL, *n 0 and nft's reason in err.
 */
int be_nft_counters(const char *table, struct be_nft_counter **out, int *n,
    char *err, size_t errsz);

/*
 * The parsing half of be_nft_counters(): reads `nft -j list` output of
 * len bytes (no NUL needed).  Pure, for the unit tests and a fuzz target.
 * Returns 0, or -1 when the text is not well-formed JSON of that shape
 * (then *out is NULL and *n 0).
 */
int be_nft_counters_parse(const char *json, size_t len,
    struct be_nft_counter **out, int *n);

/* One element of an IPv4 address set: an address, prefix or range. */
struct be_nft_elem {
	uint32_t lo, hi;		/* host byte order; lo == hi for one
					   address, lo <= hi */
	unsigned long long timeout_ms;	/* 0: no timeout */
	unsigned long long expires_ms;	/* time left (0 without timeout);
					   nft reports whole seconds */
};

/*
 * Elements of set `set` of table ip `table` (names as for tables, set
 * names up to 2 * BE_NFT_NAMESZ - 1 characters).  OUT: *out is a
 * malloc'd array of *n entries (non-NULL even when *n is 0); the caller
 * frees it.  Returns 0, or -1 with *out NULL, *n 0 and nft's reason in
 * err ("No such file or directory" for a missing set).
 */
int be_nft_set_elems(const char *table, const char *set,
    struct be_nft_elem **out, int *n, char *err, size_t errsz);

/* The parsing half of be_nft_set_elems(): `nft -j list set` output of
 * len bytes.  Pure.  Returns 0, or -1 (then *out NULL, *n 0). */
int be_nft_set_elems_parse(const char *json, size_t len,
    struct be_nft_elem **out, int *n);

/* ------------------------------------------------------------------ */
/* IPv4 addresses (backend/addr.c)                                     */
/* ------------------------------------------------------------------ */

/*
 * Ownership: rosh touches only addresses it added itself.  It marks them
 * with the address protocol attribute IFA_PROTO (Linux 6.1 and later keep
 * it and report it in every dump) set to BE_ADDR_PROTO; the kernel's own
 * values are 1 to 3 (loopback, router advertisement, link-local), so a
 * value above them never collides with an address the kernel made.
 * Addresses added by anyone else (ip(8), NetworkManager, pppd) carry 0
 * or another value and are neither listed nor removed here.  The marker
 * is chosen over a label scheme ("eth0:rosh") because labels are limited
 * to 15 characters including the interface name, show up as aliases in
 * ifconfig, and anyone may set them; kernels before 6.1 drop IFA_PROTO,
 * so there be_addr_add() refuses rather than add an address it could not
 * recognise again.
 *
 * Addresses are IPv4 in host byte order.
 */
#define BE_ADDR_PROTO	0x72	/* 114: 'r' */

struct be_addr {
	int ifindex;		/* device, > 0 */
	uint32_t local;		/* the address (IFA_LOCAL) */
	int prefixlen;		/* 0..32 */
	uint32_t peer;		/* point-to-point peer (IFA_ADDRESS when it
				   differs from local), 0 for none */
	uint32_t broadcast;	/* IFA_BROADCAST, 0 for none */
};

/*
 * The IPv4 addresses rosh owns in the calling thread's network
 * namespace, from one dump.  OUT: *out is a malloc'd array of *n entries
 * sorted by ifindex, then local, then prefixlen (non-NULL even when *n
 * is 0); the caller frees it.  Returns 0, or -1 with *out NULL, *n 0 and
 * the reason in err.
 */
int be_addr_list(struct be_addr **out, int *n, char *err, size_t errsz);

/*
 * Add one address marked as rosh's.  Without a broadcast none is set
 * (the kernel does not derive one).  Returns 0, or -1 with the kernel's
 * reason in err ("File exists" when the device already has it, from
 * rosh or anyone else).
 */
int be_addr_add(const struct be_addr *a, char *err, size_t errsz);

/*
 * Remove an address rosh owns.  The kernel matches device, local,
 * prefixlen and peer; be_addr_del() first checks that the address is
 * marked as rosh's and refuses (ESRCH-like, "not a rosh address")
 * otherwise, so a foreign address with the same key is never removed.
 * Returns 0, or -1 with the reason in err.
 */
int be_addr_del(const struct be_addr *a, char *err, size_t errsz);

/*
 * Parse one RTM_NEWADDR message of len bytes (4-byte aligned, as netlink
 * buffers are).  Returns 1 with *out filled when it is an IPv4 address
 * marked as rosh's, 0 when it is well-formed but another family or not
 * rosh's, -1 when malformed (lengths out of bounds, attributes shorter
 * than their type).  Pure: for the unit tests and a fuzz target;
 * be_addr_list() reads every reply through it.
 */
int be_addr_parse(const void *buf, size_t len, struct be_addr *out);

/* ------------------------------------------------------------------ */
/* IPv4 routes (backend/route.c)                                       */
/* ------------------------------------------------------------------ */

/*
 * Ownership: rosh's routes carry rtm_protocol BE_ROUTE_PROTO.  The
 * kernel leaves protocols above RTPROT_STATIC (4) uninterpreted, and
 * 114 is in none of the registries (linux/rtnetlink.h RTPROT_*,
 * iproute2's rt_protos: 0-4, 8-18, 42, 99, 186-192), so routing
 * daemons do not use it; `ip route show proto 114` lists rosh's routes.
 * Routes of any other protocol are neither listed nor removed here.
 */
#define BE_ROUTE_PROTO	114
#define BE_ROUTE_TABLE_MAIN 254	/* RT_TABLE_MAIN */

struct be_route {
	uint32_t dst;		/* destination prefix, host byte order */
	int dst_len;		/* 0..32 */
	uint32_t gateway;	/* next hop, 0 for none */
	int oif;		/* output device; 0: the kernel picks it from
				   the gateway (in a listing: none) */
	uint32_t pref_src;	/* RTA_PREFSRC, 0 for none */
	uint32_t metric;	/* RTA_PRIORITY: RouterOS distance */
	uint32_t table;		/* BE_ROUTE_TABLE_MAIN for main */
	int blackhole;		/* RTN_BLACKHOLE: no next hop */
};

/*
 * The IPv4 routes rosh owns, from one dump of every table.  OUT: *out is
 * a malloc'd array of *n entries (non-NULL even when *n is 0), in the
 * kernel's order; the caller frees it.  Returns 0, or -1 with *out NULL,
 * *n 0 and the reason in err.
 */
int be_route_list(struct be_route **out, int *n, char *err, size_t errsz);

/*
 * Add one route marked as rosh's (never replacing one: NLM_F_EXCL).
 * A gateway route has scope universe, a device route scope link.
 * Returns 0, or -1 with the kernel's reason in err ("Nexthop has
 * invalid gateway" when no connected network holds the gateway,
 * "File exists" when the table already has a route with that
 * destination and metric).
 */
int be_route_add(const struct be_route *r, char *err, size_t errsz);

/*
 * Remove one route rosh owns: the request names rosh's protocol, so the
 * kernel never matches a route of anyone else.  Returns 0, or -1 with
 * the kernel's reason in err.
 */
int be_route_del(const struct be_route *r, char *err, size_t errsz);

/*
 * Parse one RTM_NEWROUTE message of len bytes (4-byte aligned).
 * Returns 1 with *out filled for an IPv4 unicast or blackhole route of
 * rosh's protocol, 0 for any other well-formed route, -1 when malformed.
 * Pure, like be_addr_parse().
 */
int be_route_parse(const void *buf, size_t len, struct be_route *out);

/* ------------------------------------------------------------------ */
/* IPsec SAs and policies (backend/xfrm.c)                             */
/* ------------------------------------------------------------------ */

/*
 * The kernel's IPsec databases (XFRM): security associations (SAs) for
 * the IKE daemon and /ip ipsec installed-sa, security policies for
 * /ip ipsec policy, and the counters of /ip ipsec statistics.
 *
 * Ownership: rosh touches only what it created, told apart by markers
 * the kernel keeps and `ip xfrm` shows:
 *  - an SA is rosh's when its reqid lies in BE_XFRM_REQID_MIN ..
 *    BE_XFRM_REQID_MAX (0x52000000..0x52FFFFFF; 0x52 is 'R');
 *  - a policy is rosh's when it is a main-type (not sub-type, not
 *    per-socket) policy whose priority lies in BE_XFRM_PRIO_BASE ..
 *    BE_XFRM_PRIO_BASE + BE_XFRM_PRIO_SPAN - 1, every template of which
 *    carries a reqid in the SA band, and which has no security context
 *    and no interface id.  Its priority is BE_XFRM_PRIO_BASE plus its
 *    position in RouterOS order (0 first).  The kernel prefers the
 *    lowest priority, so other software's policies (`ip xfrm policy
 *    add` defaults to 0) take precedence over rosh's.
 * Adding an entry outside the bands is refused (EINVAL); updating or
 * deleting one is refused (EPERM, "... is not rosh's"); listing and
 * flushing skip them.  Between reading an entry to check its marker
 * and changing it another process could replace it; rosh's daemon is
 * the only writer in its band.
 *
 * Everything acts on the calling thread's network namespace, opens one
 * NETLINK_XFRM socket per call and needs CAP_NET_ADMIN.  On failure a
 * function returns -1 with err as described at the top of this file
 * and errno set: EINVAL for an argument refused before asking the
 * kernel, EPERM for an entry that is not rosh's, ENOENT when there is
 * no such SA or policy, EIO for a malformed or missing kernel reply,
 * otherwise the kernel's own error number.
 *
 * Numbers (SPI, reqid, marks, ports) are in host byte order; addresses
 * in network order.  Keys are secrets: structs that hold them are
 * wiped (explicit_bzero) by their free functions, and callers should
 * wipe their own copies.
 */
#define BE_XFRM_REQID_MIN	0x52000000u
#define BE_XFRM_REQID_MAX	0x52FFFFFFu
#define BE_XFRM_PRIO_BASE	0x52000000u
#define BE_XFRM_PRIO_SPAN	0x01000000u	/* positions 0..SPAN-1 */

#define BE_XFRM_ALGSZ	64	/* kernel alg_name[]: 63 characters + NUL */
#define BE_XFRM_KEYSZ	64	/* longest key, in bytes (hmac(sha512)) */
#define BE_XFRM_TMPL_MAX 2	/* templates per policy (AH + ESP) */
#define BE_XFRM_REPLAY_MAX 4096	/* largest replay window, in packets */

#define BE_XFRM_PROTO_ESP	50	/* IPPROTO_ESP */
#define BE_XFRM_PROTO_AH	51	/* IPPROTO_AH */

#define BE_XFRM_MODE_TRANSPORT	0
#define BE_XFRM_MODE_TUNNEL	1

#define BE_XFRM_ENCAP_NONE	0
#define BE_XFRM_ENCAP_ESPINUDP	2	/* RFC 3948 NAT-T, UDP_ENCAP_ESPINUDP */

/* SA flags: the kernel's XFRM_STATE_* bits of the same names. */
#define BE_XFRM_SA_NOECN	0x01	/* tunnel: do not copy ECN */
#define BE_XFRM_SA_DECAP_DSCP	0x02	/* tunnel: copy DSCP on decap */
#define BE_XFRM_SA_NOPMTUDISC	0x04	/* tunnel: no path MTU discovery */
#define BE_XFRM_SA_ESN		0x80	/* 64-bit extended sequence numbers */

#define BE_XFRM_DIR_IN		0
#define BE_XFRM_DIR_OUT		1
#define BE_XFRM_DIR_FWD		2

#define BE_XFRM_ACTION_ALLOW	0	/* RouterOS encrypt (with templates)
					   or none (without) */
#define BE_XFRM_ACTION_BLOCK	1	/* RouterOS discard */

/*
 * RouterOS policy levels.  require: the packet needs an SA (a missing
 * one is dropped and acquired); use: an SA if there is one, else plain
 * (template marked optional); unique: require, with an SA of this
 * policy's own.  The kernel has no "unique": rosh installs a required
 * template whose share field is XFRM_SHARE_UNIQUE (stored, shown by
 * `ip -s xfrm policy`, otherwise unused by the kernel) and whose reqid
 * no other policy uses, which is what binds the policy to its own SAs.
 */
#define BE_XFRM_LEVEL_REQUIRE	0
#define BE_XFRM_LEVEL_USE	1
#define BE_XFRM_LEVEL_UNIQUE	2

/* An IPv4 or IPv6 address; xa_family 0 is "unset". */
struct be_xfrm_addr {
	int xa_family;			/* 0, AF_INET or AF_INET6 */
	uint8_t xa_addr[16];		/* network order; IPv4 takes the
					   first 4 bytes, the rest are 0 */
};

/* A packet mark and mask.  m 0 (and v 0) is "no mark"; v must have no
 * bits outside m.  A packet matches when (mark & m) == v. */
struct be_xfrm_mark {
	uint32_t xm_v;
	uint32_t xm_m;
};

/*
 * A traffic selector.  Both addresses are set and of one family; a
 * prefix length 0 matches any address (0.0.0.0/0).  Host bits beyond
 * the prefix are cleared when the selector is installed.  Ports are
 * exact (1..65535), RouterOS port-strict, or 0 for any; they need a
 * protocol with ports (TCP 6, UDP 17, SCTP 132...).
 */
struct be_xfrm_sel {
	struct be_xfrm_addr sl_src, sl_dst;
	unsigned sl_src_plen, sl_dst_plen;
	unsigned sl_proto;		/* IP protocol number, 0 = all */
	unsigned sl_sport, sl_dport;	/* 0 = any */
};

/* One algorithm: the kernel's crypto name and key. */
struct be_xfrm_alg {
	char al_name[BE_XFRM_ALGSZ];	/* "cbc(aes)", "hmac(sha256)",
					   "rfc4106(gcm(aes))"; "" = none */
	uint8_t al_key[BE_XFRM_KEYSZ];	/* AEAD: key followed by salt */
	unsigned al_keylen;		/* bytes of al_key in use */
	unsigned al_bits;		/* integrity: truncation (ICV) bits,
					   e.g. 96 for hmac(sha1); AEAD:
					   ICV bits (64, 96, 128); cipher: 0 */
};

/* UDP encapsulation of ESP (NAT traversal). */
struct be_xfrm_encap {
	int en_type;			/* BE_XFRM_ENCAP_* */
	unsigned en_sport, en_dport;	/* outer UDP ports of the SA's
					   src and dst, usually 4500 */
	struct be_xfrm_addr en_oa;	/* NAT original address (NAT-OA),
					   unset for none */
};

/* Limits; 0 is "none".  Seconds count from when the SA was added; the
 * kernel notifies at the soft limit and deletes the SA at the hard. */
struct be_xfrm_lifetime {
	uint64_t lt_soft_sec, lt_hard_sec;
	uint64_t lt_soft_byte, lt_hard_byte;
	uint64_t lt_soft_packet, lt_hard_packet;
};

/*
 * One SA.  Plain data: copying it is enough, and it holds keys.  An SA
 * is named by (sa_dst, sa_spi, sa_proto, sa_mark); sa_src must match.
 * ESP takes either sa_aead, or sa_enc with an optional sa_auth (a null
 * cipher is "ecb(cipher_null)" with no key); AH takes sa_auth only.
 */
struct be_xfrm_sa {
	struct be_xfrm_addr sa_src, sa_dst;	/* same family */
	uint32_t sa_spi;			/* nonzero */
	unsigned sa_proto;			/* BE_XFRM_PROTO_* */
	unsigned sa_mode;			/* BE_XFRM_MODE_* */
	uint32_t sa_reqid;			/* in rosh's band */
	struct be_xfrm_mark sa_mark;		/* packets this SA takes */
	struct be_xfrm_mark sa_set_mark;	/* mark put on packets it
						   handled (in and out);
						   m 0: none */
	struct be_xfrm_sel sa_sel;		/* optional: sl_src unset
						   (family 0) for none */
	struct be_xfrm_encap sa_encap;
	struct be_xfrm_alg sa_enc, sa_auth, sa_aead;
	unsigned sa_replay_window;		/* packets, 0 = no replay
						   check, at most
						   BE_XFRM_REPLAY_MAX */
	struct be_xfrm_lifetime sa_lft;
	unsigned sa_flags;			/* BE_XFRM_SA_* */
};

#define BE_XFRM_STATE_LARVAL	0	/* SPI reserved, no keys yet */
#define BE_XFRM_STATE_MATURE	1
#define BE_XFRM_STATE_DYING	2	/* past a soft limit */

/* One installed SA with its counters: /ip ipsec installed-sa. */
struct be_xfrm_sa_info {
	struct be_xfrm_sa si_sa;	/* as installed, keys included */
	int si_state;			/* BE_XFRM_STATE_* */
	uint64_t si_add_time;		/* unix seconds */
	uint64_t si_use_time;		/* first use, 0 = never used */
	uint64_t si_last_used;		/* last use, 0 = unknown */
	uint64_t si_bytes, si_packets;	/* payload bytes and packets */
	uint32_t si_replay;		/* replayed packets dropped */
	uint32_t si_replay_window;	/* dropped outside the window */
	uint32_t si_integrity_failed;	/* failed the integrity check */
	uint64_t si_seq, si_oseq;	/* highest sequence number seen,
					   last one sent (ESN: 64 bits) */
	int si_offload;			/* hardware offload (RouterOS H) */
};

/* One template of a policy: which SA protects matching packets. */
struct be_xfrm_tmpl {
	struct be_xfrm_addr tp_src, tp_dst;	/* tunnel: the SA's
						   endpoints; transport:
						   unset */
	unsigned tp_proto;			/* BE_XFRM_PROTO_* */
	unsigned tp_mode;			/* BE_XFRM_MODE_* */
	uint32_t tp_reqid;			/* in rosh's band */
	int tp_level;				/* BE_XFRM_LEVEL_* */
};

/*
 * One policy.  The kernel names a policy by (sp_sel, sp_dir, sp_mark):
 * policies that differ only in their mark are distinct, which is how
 * clients behind one NAT with identical selectors are kept apart.
 */
struct be_xfrm_policy {
	struct be_xfrm_sel sp_sel;
	int sp_dir;				/* BE_XFRM_DIR_* */
	int sp_action;				/* BE_XFRM_ACTION_* */
	uint32_t sp_pos;			/* < BE_XFRM_PRIO_SPAN */
	struct be_xfrm_mark sp_mark;
	int sp_ntmpl;				/* 0..BE_XFRM_TMPL_MAX; 0
						   with BLOCK */
	struct be_xfrm_tmpl sp_tmpl[BE_XFRM_TMPL_MAX];
};

/* One installed policy. */
struct be_xfrm_policy_info {
	struct be_xfrm_policy pi_pol;
	uint32_t pi_index;		/* kernel index */
	uint64_t pi_add_time;		/* unix seconds */
	uint64_t pi_use_time;		/* last use, 0 = never used */
};

/*
 * /proc/net/xfrm_stat, one member per counter, named after RouterOS's
 * /ip ipsec statistics (the kernel's name beside each).  Counters the
 * text lacks stay 0.
 */
struct be_xfrm_stats {
	uint64_t in_errors;			/* XfrmInError */
	uint64_t in_buffer_errors;		/* XfrmInBufferError */
	uint64_t in_header_errors;		/* XfrmInHdrError */
	uint64_t in_no_states;			/* XfrmInNoStates */
	uint64_t in_state_protocol_errors;	/* XfrmInStateProtoError */
	uint64_t in_state_mode_errors;		/* XfrmInStateModeError */
	uint64_t in_state_sequence_errors;	/* XfrmInStateSeqError */
	uint64_t in_state_expired;		/* XfrmInStateExpired */
	uint64_t in_state_mismatches;		/* XfrmInStateMismatch */
	uint64_t in_state_invalid;		/* XfrmInStateInvalid */
	uint64_t in_template_mismatches;	/* XfrmInTmplMismatch */
	uint64_t in_no_policies;		/* XfrmInNoPols */
	uint64_t in_policy_blocked;		/* XfrmInPolBlock */
	uint64_t in_policy_errors;		/* XfrmInPolError */
	uint64_t out_errors;			/* XfrmOutError */
	uint64_t out_bundle_errors;		/* XfrmOutBundleGenError */
	uint64_t out_bundle_check_errors;	/* XfrmOutBundleCheckError */
	uint64_t out_no_states;			/* XfrmOutNoStates */
	uint64_t out_state_protocol_errors;	/* XfrmOutStateProtoError */
	uint64_t out_state_mode_errors;		/* XfrmOutStateModeError */
	uint64_t out_state_sequence_errors;	/* XfrmOutStateSeqError */
	uint64_t out_state_expired;		/* XfrmOutStateExpired */
	uint64_t out_policy_blocked;		/* XfrmOutPolBlock */
	uint64_t out_policy_dead;		/* XfrmOutPolDead */
	uint64_t out_policy_errors;		/* XfrmOutPolError */
	/* Linux counters RouterOS does not show. */
	uint64_t fwd_header_errors;		/* XfrmFwdHdrError */
	uint64_t out_state_invalid;		/* XfrmOutStateInvalid */
	uint64_t acquire_errors;		/* XfrmAcquireError */
	int present;				/* how many of the above the
						   text had */
};

/* be_xfrm_sa_add() flags */
#define BE_XFRM_REPLACE	0x1

/*
 * The XFRM backend as the IKE daemon and the engine reach it.  Each
 * member is one of the be_xfrm_*() functions below (be_xfrm_kernel is
 * the table of them); a privilege-separated caller may fill in its own.
 */
struct be_xfrm_ops {
	/*
	 * Install an SA.  Without BE_XFRM_REPLACE it must not exist yet
	 * (EEXIST, "File exists").  With BE_XFRM_REPLACE an existing SA
	 * of rosh's with the same (dst, spi, proto, mark) is updated with
	 * XFRM_MSG_UPDSA: a larval one from spi_alloc is completed with
	 * everything in sa; on a mature one the kernel changes only the
	 * lifetimes and the NAT-T ports and address (a peer whose NAT
	 * mapping moved).  When there is none, REPLACE adds.  A rekey is
	 * add(new) then del(old).  Returns 0, or -1 (see above).
	 */
	int (*sa_add)(const struct be_xfrm_sa *sa, int flags, char *err,
	    size_t errsz);

	/*
	 * Delete rosh's SA (dst, spi, proto, mark) whose source is src.
	 * mark is the SA's own mark and mask (both 0 for an SA without),
	 * matched exactly.  Returns 0, or -1: ENOENT when there is no such
	 * SA (expired, another src or mark), EPERM when it is not rosh's.
	 */
	int (*sa_del)(const struct be_xfrm_addr *src,
	    const struct be_xfrm_addr *dst, uint32_t spi, unsigned proto,
	    struct be_xfrm_mark mark, char *err, size_t errsz);

	/*
	 * Every SA of rosh's, from one dump, sorted by add time then SPI.
	 * si_state is worked out against the current time.  OUT: *out is
	 * a malloc'd array of *n entries (non-NULL even when *n is 0) that
	 * holds keys: free it with be_xfrm_sa_info_free().  Returns 0, or
	 * -1 with *out NULL and *n 0.
	 */
	int (*sa_list_own)(struct be_xfrm_sa_info **out, int *n, char *err,
	    size_t errsz);

	/*
	 * Reserve an SPI for an inbound SA the peer is about to be told:
	 * the kernel adds a larval SA (src, dst, proto, reqid, mark) with
	 * an unused SPI in min..max (both 0: 0x100..0xFFFFFFFF) and drops
	 * it after net.core.xfrm_acq_expires seconds (30) unless sa_add
	 * with BE_XFRM_REPLACE completes it.  OUT: *spi.  Returns 0, or -1.
	 */
	int (*spi_alloc)(const struct be_xfrm_addr *src,
	    const struct be_xfrm_addr *dst, unsigned proto, uint32_t reqid,
	    struct be_xfrm_mark mark, uint32_t min, uint32_t max,
	    uint32_t *spi, char *err, size_t errsz);

	/*
	 * Add a policy; one with the same (sel, dir, mark) must not exist
	 * (EEXIST).  A template of level unique must have a reqid that no
	 * other rosh policy uses, except the policies of the same traffic
	 * (the same or the mirrored selector, the same mark: in, out and
	 * fwd of one RouterOS policy); otherwise EEXIST, naming the reqid.
	 * Returns 0, or -1.
	 */
	int (*policy_add)(const struct be_xfrm_policy *p, char *err,
	    size_t errsz);

	/*
	 * Replace rosh's policy of the same (sel, dir, mark), or add it
	 * when there is none; EPERM when the existing one is not rosh's.
	 * Changes the action, position and templates in place.  Same
	 * unique rule as policy_add.  Returns 0, or -1.
	 */
	int (*policy_update)(const struct be_xfrm_policy *p, char *err,
	    size_t errsz);

	/*
	 * Delete rosh's policy named by p's (sel, dir, mark); the other
	 * members are ignored.  Returns 0, or -1 (ENOENT, EPERM).
	 */
	int (*policy_del)(const struct be_xfrm_policy *p, char *err,
	    size_t errsz);

	/*
	 * Every policy of rosh's, from one dump, sorted by position, then
	 * direction (in, out, fwd), then kernel index.  A unique template
	 * reads back as unique.  OUT: *out is a malloc'd array of *n
	 * entries (non-NULL even when *n is 0); free() it.  Returns 0, or
	 * -1 with *out NULL and *n 0.
	 */
	int (*policy_list_own)(struct be_xfrm_policy_info **out, int *n,
	    char *err, size_t errsz);

	/*
	 * Delete every policy, then every SA, of rosh's; everything else
	 * stays.  Entries that vanish meanwhile are not errors.  Carries
	 * on past a failure and returns -1 with the first reason, else 0.
	 */
	int (*flush_own)(char *err, size_t errsz);

	/*
	 * The lowest reqid of rosh's band that no SA or policy of rosh's
	 * uses now: one for a new unique policy pair.  Nothing is
	 * reserved, so the caller installs before asking again.  OUT:
	 * *reqid.  Returns 0, or -1 (ENOSPC when the band is full).
	 */
	int (*reqid_unused)(uint32_t *reqid, char *err, size_t errsz);

	/*
	 * The namespace's IPsec counters from /proc/net/xfrm_stat.
	 * Returns 0, or -1 (ENOENT: the kernel keeps none, built without
	 * CONFIG_XFRM_STATISTICS; EIO: text not in the expected form).
	 */
	int (*stats)(struct be_xfrm_stats *out, char *err, size_t errsz);
};

extern const struct be_xfrm_ops be_xfrm_kernel;

/* The functions behind be_xfrm_kernel, documented there. */
int be_xfrm_sa_add(const struct be_xfrm_sa *sa, int flags, char *err,
    size_t errsz);
int be_xfrm_sa_del(const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, uint32_t spi, unsigned proto,
    struct be_xfrm_mark mark, char *err, size_t errsz);
int be_xfrm_sa_list_own(struct be_xfrm_sa_info **out, int *n, char *err,
    size_t errsz);
int be_xfrm_spi_alloc(const struct be_xfrm_addr *src,
    const struct be_xfrm_addr *dst, unsigned proto, uint32_t reqid,
    struct be_xfrm_mark mark, uint32_t min, uint32_t max, uint32_t *spi,
    char *err, size_t errsz);
int be_xfrm_policy_add(const struct be_xfrm_policy *p, char *err,
    size_t errsz);
int be_xfrm_policy_update(const struct be_xfrm_policy *p, char *err,
    size_t errsz);
int be_xfrm_policy_del(const struct be_xfrm_policy *p, char *err,
    size_t errsz);
int be_xfrm_policy_list_own(struct be_xfrm_policy_info **out, int *n,
    char *err, size_t errsz);
int be_xfrm_flush_own(char *err, size_t errsz);
int be_xfrm_reqid_unused(uint32_t *reqid, char *err, size_t errsz);
int be_xfrm_stats(struct be_xfrm_stats *out, char *err, size_t errsz);

/* Wipe the keys of n entries and free the array; NULL is a no-op. */
void be_xfrm_sa_info_free(struct be_xfrm_sa_info *v, int n);

/*
 * State of an SA at unix time now: larval without keys, dying once a
 * soft limit is reached (time, bytes or packets), else mature.  Pure.
 */
int be_xfrm_sa_state_at(const struct be_xfrm_sa_info *si, uint64_t now);

/*
 * Parse one XFRM_MSG_NEWSA (or UPDSA) message of len bytes, 4-byte
 * aligned.  Returns 1 with *out filled (si_state as of time 0) when the
 * SA is rosh's, 0 when it is well-formed but not rosh's (*out then
 * holds nothing of use), -1 when malformed: lengths out of bounds,
 * attributes shorter than their type, an algorithm name without its
 * NUL, a key longer than it says or than BE_XFRM_KEYSZ.  Pure: for the
 * unit tests and a fuzz target; every SA the kernel reports goes
 * through it.  *out may hold keys: wipe it.
 */
int be_xfrm_sa_parse(const void *buf, size_t len,
    struct be_xfrm_sa_info *out);

/* The same for one XFRM_MSG_NEWPOLICY (or UPDPOLICY) message. */
int be_xfrm_policy_parse(const void *buf, size_t len,
    struct be_xfrm_policy_info *out);

/*
 * Parse the text of /proc/net/xfrm_stat: lines of a name, blanks and a
 * decimal count.  Unknown names are skipped (newer kernels add some).
 * Returns 0, or -1 when a line is not of that form or a count does not
 * fit 64 bits (then *out is all 0).  Pure, for tests and fuzzing.
 */
int be_xfrm_stats_parse(const char *text, size_t len,
    struct be_xfrm_stats *out);

#endif /* ROSH_BACKEND_H */
