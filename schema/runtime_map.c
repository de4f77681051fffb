/*
 * runtime_map.c - what roshd reads from /ip ipsec policy and writes into
 * the menus it publishes (/ip ipsec installed-sa and statistics, the
 * counters and running flag of /interface, firewall rule counters,
 * address-list entries), as plain values, plus the columns of
 * `print stats`.  Property names and RouterOS value words stay here;
 * the engine (engine/ipsec.c, engine/runtime.c) sees numbers and text.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "menus_local.h"

#define RM_YES	"yes"
#define RM_NO	"no"

static const struct sch_runtime_spec rm_spec = {
	.installed_sa = &sch_m_ip_ipsec_installed_sa,
	.active_peers = &sch_m_ip_ipsec_active_peers,
	.statistics = &sch_m_ip_ipsec_statistics,
	.ppp_active = &sch_m_ppp_active,
	.policy = &sch_m_ip_ipsec_policy,
	.links = &sch_m_interface,
	.alist = &sch_m_ip_firewall_address_list,
};

const struct sch_runtime_spec *
sch_runtime_spec(void)
{
	return &rm_spec;
}

/* ------------------------------------------------------------------ */
/* Row helpers                                                         */
/* ------------------------------------------------------------------ */

/* Stored value of prop, or its default when unset. */
static const char *
rm_val(const struct sch_menu *m, char *const *vals, const char *prop)
{
	const struct sch_prop *p;
	int i;

	p = sch_prop_find(m, prop, &i);
	if (p == NULL)
		return NULL;
	return vals[i] != NULL ? vals[i] : p->dflt;
}

static int
rm_bool(const struct sch_menu *m, char *const *vals, const char *prop)
{
	const char *v = rm_val(m, vals, prop);

	return v != NULL && strcmp(v, RM_YES) == 0;
}

/*
 * Store text (NULL: unset) as prop's value.  Returns 1 when the stored
 * value changed, 0 when it already was that (or m has no such prop), -1
 * when out of memory.
 */
static int
rm_put(const struct sch_menu *m, char **vals, const char *prop,
    const char *text)
{
	char *dup = NULL;
	int i;

	if (sch_prop_find(m, prop, &i) == NULL)
		return 0;
	if (vals[i] == NULL ? text == NULL : text != NULL &&
	    strcmp(vals[i], text) == 0)
		return 0;
	if (text != NULL && (dup = strdup(text)) == NULL)
		return -1;
	free(vals[i]);
	vals[i] = dup;
	return 1;
}

/* A flag: unset reads as no, so clearing an unset flag is no change. */
static int
rm_flag(const struct sch_menu *m, char **vals, const char *prop, int on)
{
	int i;

	if (sch_prop_find(m, prop, &i) == NULL)
		return 0;
	if (!on && vals[i] == NULL)
		return 0;
	return rm_put(m, vals, prop, on ? RM_YES : RM_NO);
}

static int
rm_num(const struct sch_menu *m, char **vals, const char *prop,
    unsigned long long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%llu", v);
	return rm_put(m, vals, prop, num);
}

/* Fold change results: -1 wins, then 1. */
static int
rm_fold(int acc, int rc)
{
	if (acc < 0 || rc < 0)
		return -1;
	return acc || rc;
}

static char **
rm_new(const struct sch_menu *m)
{
	return calloc((size_t)sch_prop_count(m) + 1, sizeof(char *));
}

static void
rm_free(const struct sch_menu *m, char **vals)
{
	int i, n = sch_prop_count(m);

	for (i = 0; vals != NULL && i < n; i++)
		free(vals[i]);
	free(vals);
}

/* ------------------------------------------------------------------ */
/* Addresses and times                                                 */
/* ------------------------------------------------------------------ */

int
sch_addr_parse(const char *text, struct sch_addr *out)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash, *end;
	unsigned long len;

	memset(out, 0, sizeof(*out));
	if (text == NULL || strlen(text) >= sizeof(buf))
		return -1;
	strcpy(buf, text);
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash++ = '\0';
	if (inet_pton(AF_INET, buf, out->sa_bytes) == 1) {
		out->sa_family = AF_INET;
		out->sa_plen = 32;
	} else if (inet_pton(AF_INET6, buf, out->sa_bytes) == 1) {
		out->sa_family = AF_INET6;
		out->sa_plen = 128;
	} else {
		return -1;
	}
	if (slash == NULL)
		return 0;
	if (*slash < '0' || *slash > '9')
		return -1;
	len = strtoul(slash, &end, 10);
	if (*end != '\0' || len > out->sa_plen)
		return -1;
	out->sa_plen = (unsigned)len;
	return 0;
}

#define RM_DATETIME "%Y-%m-%d %H:%M:%S"

void
sch_datetime_format(long long t, char *out, size_t outsz)
{
	time_t tt = (time_t)t;
	struct tm tmv;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (localtime_r(&tt, &tmv) != NULL)
		strftime(out, outsz, RM_DATETIME, &tmv);
}

int
sch_datetime_parse(const char *text, long long *t)
{
	struct tm tmv;
	const char *end;
	time_t tt;

	memset(&tmv, 0, sizeof(tmv));
	if (text == NULL || (end = strptime(text, RM_DATETIME, &tmv)) ==
	    NULL || *end != '\0')
		return -1;
	tmv.tm_isdst = -1;
	tt = mktime(&tmv);
	if (tt == (time_t)-1)
		return -1;
	*t = (long long)tt;
	return 0;
}

int
sch_creation_time_index(const struct sch_menu *m)
{
	const struct sch_prop *p;
	int i;

	p = sch_prop_find(m, "creation-time", &i);
	if (p == NULL || !(p->flags & P_RO) || p->type != ST_DATETIME ||
	    (m->flags & (M_RUNTIME | M_FILES)))
		return -1;
	return i;
}

/* ------------------------------------------------------------------ */
/* /ip ipsec policy                                                    */
/* ------------------------------------------------------------------ */

static const char *const rm_actions[] = { "encrypt", "discard", "none",
	NULL };
static const char *const rm_levels[] = { "require", "use", "unique",
	NULL };

static int
rm_word(const char *v, const char *const *words, int dflt)
{
	int i;

	for (i = 0; v != NULL && words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0)
			return i;
	return dflt;
}

/* A port: 0 for any (or unset). */
static int
rm_port(const char *v)
{
	if (v == NULL || strcmp(v, "any") == 0)
		return 0;
	return atoi(v);
}

void
sch_ipolicy_of(const struct sch_menu *m, char *const *vals,
    struct sch_ipolicy *p)
{
	const char *proto, *v;

	memset(p, 0, sizeof(*p));
	p->ip_template = rm_bool(m, vals, "template");
	p->ip_dynamic = rm_bool(m, vals, SCH_DYNAMIC);
	p->ip_disabled = rm_bool(m, vals, SCH_DISABLED);
	p->ip_action = rm_word(rm_val(m, vals, "action"), rm_actions,
	    SCH_IPA_ENCRYPT);
	p->ip_level = rm_word(rm_val(m, vals, "level"), rm_levels,
	    SCH_IPL_REQUIRE);
	v = rm_val(m, vals, "ipsec-protocols");
	p->ip_ah = v != NULL && strcmp(v, "ah") == 0;
	p->ip_tunnel = rm_bool(m, vals, "tunnel");
	p->ip_src = rm_val(m, vals, "src-address");
	p->ip_dst = rm_val(m, vals, "dst-address");
	proto = rm_val(m, vals, "protocol");
	p->ip_proto = proto == NULL || strcmp(proto, "all") == 0 ? 0 :
	    sch_fw_proto_number(proto);
	p->ip_sport = rm_port(rm_val(m, vals, "src-port"));
	p->ip_dport = rm_port(rm_val(m, vals, "dst-port"));
	p->ip_sa_src = rm_val(m, vals, "sa-src-address");
	p->ip_sa_dst = rm_val(m, vals, "sa-dst-address");
	p->ip_active = rm_bool(m, vals, "active");
	p->ip_invalid = rm_bool(m, vals, SCH_INVALID);
}

int
sch_ipolicy_set_state(const struct sch_menu *m, char **vals, int active,
    int invalid, int ph2, int ph2_count)
{
	static const char *const ph2w[] = { NULL, "no-phase2",
		"established" };
	char num[16];
	int rc = 0;

	rc = rm_fold(rc, rm_flag(m, vals, "active", active));
	rc = rm_fold(rc, rm_flag(m, vals, SCH_INVALID, invalid));
	rc = rm_fold(rc, rm_put(m, vals, "ph2-state", ph2 >= 0 && ph2 <= 2 ?
	    ph2w[ph2] : NULL));
	snprintf(num, sizeof(num), "%d", ph2_count);
	rc = rm_fold(rc, rm_put(m, vals, "ph2-count", ph2_count >= 0 ? num :
	    NULL));
	return rc;
}

/* ------------------------------------------------------------------ */
/* /interface and firewall counters                                    */
/* ------------------------------------------------------------------ */

int
sch_link_state_put(const struct sch_menu *m, char **vals, int running,
    const struct sch_link_counters *c)
{
	int rc = 0;

	rc = rm_fold(rc, rm_put(m, vals, "running", running ? RM_YES :
	    RM_NO));
	rc = rm_fold(rc, rm_num(m, vals, "rx-byte", c->rx_byte));
	rc = rm_fold(rc, rm_num(m, vals, "tx-byte", c->tx_byte));
	rc = rm_fold(rc, rm_num(m, vals, "rx-packet", c->rx_packet));
	rc = rm_fold(rc, rm_num(m, vals, "tx-packet", c->tx_packet));
	rc = rm_fold(rc, rm_num(m, vals, "rx-drop", c->rx_drop));
	rc = rm_fold(rc, rm_num(m, vals, "tx-drop", c->tx_drop));
	rc = rm_fold(rc, rm_num(m, vals, "rx-error", c->rx_error));
	rc = rm_fold(rc, rm_num(m, vals, "tx-error", c->tx_error));
	return rc;
}

void
sch_fw_counter_props(const char **bytes, const char **packets)
{
	*bytes = "bytes";
	*packets = "packets";
}

/* ------------------------------------------------------------------ */
/* /ip ipsec installed-sa                                              */
/* ------------------------------------------------------------------ */

/* Kernel crypto names and their RouterOS words.  salt: bytes of nonce
 * or salt the kernel keeps after the key (RFC 3686, 4106, 7634). */
struct rm_alg {
	const char *kernel, *word;
	unsigned salt;
};

static const struct rm_alg rm_encs[] = {
	{ "cbc(aes)", "aes-cbc", 0 },
	{ "rfc3686(ctr(aes))", "aes-ctr", 4 },
	{ "rfc4106(gcm(aes))", "aes-gcm", 4 },
	{ "cbc(des3_ede)", "3des", 0 },
	{ "cbc(des)", "des", 0 },
	{ "ecb(cipher_null)", "null", 0 },
	{ "cbc(blowfish)", "blowfish", 0 },
	{ "cbc(twofish)", "twofish", 0 },
	{ "cbc(camellia)", "camellia", 0 },
	{ "rfc7539esp(chacha20,poly1305)", "chacha20poly1305", 4 },
	{ NULL, NULL, 0 }
};

static const struct rm_alg rm_auths[] = {
	{ "hmac(md5)", "md5", 0 },
	{ "hmac(sha1)", "sha1", 0 },
	{ "hmac(sha256)", "sha256", 0 },
	{ "hmac(sha512)", "sha512", 0 },
	{ NULL, NULL, 0 }
};

/* RouterOS word for a kernel name: "none" for "", NULL when unknown
 * (the value is then left unset rather than shown wrong). */
static const struct rm_alg *
rm_alg(const struct rm_alg *t, const char *kernel)
{
	static const struct rm_alg none = { "", "none", 0 };

	if (kernel == NULL || kernel[0] == '\0')
		return &none;
	for (; t->kernel != NULL; t++)
		if (strcmp(t->kernel, kernel) == 0)
			return t;
	return NULL;
}

static int
rm_sa_algs(const struct sch_menu *m, char **v, const struct sch_sa *s)
{
	const struct rm_alg *enc = rm_alg(rm_encs, s->ss_enc);
	const struct rm_alg *auth = rm_alg(rm_auths, s->ss_auth);
	unsigned bits = 0;
	int rc = 0;

	rc = rm_fold(rc, rm_put(m, v, "auth-algorithm", auth ? auth->word :
	    NULL));
	rc = rm_fold(rc, rm_put(m, v, "enc-algorithm", enc ? enc->word :
	    NULL));
	if (enc != NULL && s->ss_enc_keylen > enc->salt)
		bits = (s->ss_enc_keylen - enc->salt) * 8;
	rc = rm_fold(rc, rm_num(m, v, "enc-key-size", bits));
	rc = rm_fold(rc, rm_put(m, v, "auth-key", s->ss_auth_key));
	rc = rm_fold(rc, rm_put(m, v, "enc-key", s->ss_enc_key));
	return rc;
}

static int
rm_time(const struct sch_menu *m, char **v, const char *prop,
    long long sec)
{
	char t[48];

	sch_time_format(sec * 1000000000LL, t, sizeof(t));
	return rm_put(m, v, prop, t);
}

static int
rm_sa_life(const struct sch_menu *m, char **v, const struct sch_sa *s)
{
	char soft[24], hard[24], both[50];
	int rc = 0;

	rc = rm_fold(rc, rm_put(m, v, "addtime", s->ss_addtime));
	if (s->ss_soft_sec > 0 || s->ss_hard_sec > 0) {
		sch_time_format(s->ss_soft_sec * 1000000000LL, soft,
		    sizeof(soft));
		sch_time_format(s->ss_hard_sec * 1000000000LL, hard,
		    sizeof(hard));
		snprintf(both, sizeof(both), "%s/%s", soft, hard);
		rc = rm_fold(rc, rm_put(m, v, "add-lifetime", both));
	}
	if (s->ss_expires_sec >= 0)
		rc = rm_fold(rc, rm_time(m, v, "expires-in",
		    s->ss_expires_sec));
	return rc;
}

char **
sch_sa_row(const struct sch_menu *m, const struct sch_sa *s)
{
	static const char *const states[] = { "larval", "mature", "dying" };
	char **v = rm_new(m);
	char spi[24];
	int rc = 0;

	if (v == NULL)
		return NULL;
	snprintf(spi, sizeof(spi), "0x%llX", s->ss_spi);
	rc = rm_fold(rc, rm_put(m, v, "spi", spi));
	rc = rm_fold(rc, rm_put(m, v, "src-address", s->ss_src));
	rc = rm_fold(rc, rm_put(m, v, "dst-address", s->ss_dst));
	rc = rm_fold(rc, rm_put(m, v, "state", s->ss_state >= 0 &&
	    s->ss_state <= 2 ? states[s->ss_state] : NULL));
	rc = rm_fold(rc, rm_sa_algs(m, v, s));
	rc = rm_fold(rc, rm_sa_life(m, v, s));
	rc = rm_fold(rc, rm_num(m, v, "current-bytes", s->ss_bytes));
	rc = rm_fold(rc, rm_num(m, v, "current-packets", s->ss_packets));
	rc = rm_fold(rc, rm_num(m, v, "replay", s->ss_replay));
	rc = rm_fold(rc, rm_num(m, v, "invalid-packets", s->ss_invalid));
	rc = rm_fold(rc, rm_put(m, v, "seen-traffic", s->ss_seen ? RM_YES :
	    RM_NO));
	rc = rm_fold(rc, rm_put(m, v, "hw-aead", s->ss_hw ? RM_YES : RM_NO));
	rc = rm_fold(rc, rm_put(m, v, "AH", s->ss_ah ? RM_YES : RM_NO));
	rc = rm_fold(rc, rm_put(m, v, "ESP", s->ss_ah ? RM_NO : RM_YES));
	if (rc < 0) {
		rm_free(m, v);
		return NULL;
	}
	return v;
}

static int
rm_same(const struct sch_menu *m, char *const *a, char *const *b,
    const char *prop)
{
	int i;

	if (sch_prop_find(m, prop, &i) == NULL)
		return 1;
	if (a[i] == NULL || b[i] == NULL)
		return a[i] == b[i];
	return strcmp(a[i], b[i]) == 0;
}

int
sch_sa_same(const struct sch_menu *m, char *const *a, char *const *b)
{
	return rm_same(m, a, b, "spi") && rm_same(m, a, b, "src-address") &&
	    rm_same(m, a, b, "dst-address") && rm_same(m, a, b, "AH");
}

/* ------------------------------------------------------------------ */
/* /ip ipsec statistics                                                */
/* ------------------------------------------------------------------ */

char **
sch_ipsec_stats_row(const struct sch_menu *m, const unsigned long long *v,
    int n)
{
	char **row = rm_new(m);
	char num[24];
	int i;

	if (row == NULL)
		return NULL;
	for (i = 0; i < n && m->props[i].name != NULL; i++) {
		snprintf(num, sizeof(num), "%llu", v[i]);
		if ((row[i] = strdup(num)) == NULL) {
			rm_free(m, row);
			return NULL;
		}
	}
	return row;
}

/* ------------------------------------------------------------------ */
/* /ip firewall address-list                                           */
/* ------------------------------------------------------------------ */

void
sch_alist_of(const struct sch_menu *m, char *const *vals,
    struct sch_alist_entry *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->ae_list = rm_val(m, vals, "list");
	a->ae_address = rm_val(m, vals, "address");
	a->ae_timeout = rm_val(m, vals, "timeout");
	i = sch_creation_time_index(m);
	a->ae_created = i >= 0 ? vals[i] : NULL;
	a->ae_disabled = rm_bool(m, vals, SCH_DISABLED);
	a->ae_dynamic = rm_bool(m, vals, SCH_DYNAMIC);
}

char **
sch_alist_row(const struct sch_menu *m, const char *list,
    const char *address, const char *timeout, const char *created,
    int dynamic)
{
	char **v = rm_new(m);
	int rc = 0, i;

	if (v == NULL)
		return NULL;
	for (i = 0; m->props[i].name != NULL; i++)
		if (m->props[i].dflt != NULL && !(m->props[i].flags & P_RO) &&
		    (v[i] = strdup(m->props[i].dflt)) == NULL)
			rc = -1;
	rc = rm_fold(rc, rm_put(m, v, "list", list));
	rc = rm_fold(rc, rm_put(m, v, "address", address));
	rc = rm_fold(rc, rm_put(m, v, "timeout", timeout));
	rc = rm_fold(rc, rm_put(m, v, "creation-time", created));
	rc = rm_fold(rc, rm_put(m, v, SCH_DYNAMIC, dynamic ? RM_YES : RM_NO));
	if (rc < 0) {
		rm_free(m, v);
		return NULL;
	}
	return v;
}

int
sch_fw_list_static(const char *timeout)
{
	return timeout != NULL && strcmp(timeout, "none-static") == 0;
}

/* ------------------------------------------------------------------ */
/* print stats                                                         */
/* ------------------------------------------------------------------ */

static const char *const rm_fw_stats[] = {
	"chain", "action", "bytes", "packets", NULL
};
static const char *const rm_if_stats[] = {
	SCH_NAME, "rx-byte", "tx-byte", "rx-packet", "tx-packet", "rx-drop",
	"tx-drop", "tx-queue-drop", "rx-error", "tx-error", NULL
};
static const char *const rm_ap_stats[] = {
	"id", "state", "rx-bytes", "tx-bytes", "rx-packets", "tx-packets",
	NULL
};

const char *const *
sch_stats_columns(const struct sch_menu *m)
{
	if (m == &sch_m_ip_firewall_filter || m == &sch_m_ip_firewall_nat ||
	    m == &sch_m_ip_firewall_mangle || m == &sch_m_ip_firewall_raw)
		return rm_fw_stats;
	if (m == &sch_m_interface)
		return rm_if_stats;
	if (m == &sch_m_ip_ipsec_active_peers)
		return rm_ap_stats;
	return NULL;
}
