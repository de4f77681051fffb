/*
 * runtime.c - roshd publishes what runs into the store: link state and
 * counters, firewall rule counters, IPsec SAs and counters (see
 * runtime.h).  Address lists are in runtime_alist.c.
 *
 * Publishing runs after every reconcile pass and once a second.  Each
 * call reads the kernel first, then, in one transaction, compares with
 * the stored rows and writes only those that differ: a second in which
 * nothing changed writes nothing, so consoles (and `print follow`) see
 * fresh values without churn.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"
#include "firewall.h"
#include "ipsec.h"
#include "runtime_local.h"

#define RT_PERIOD	0.9	/* seconds: the timer ticks every second */
#define RT_DUTY		100	/* costly reads: at most 1% of the time */
#define RT_HEXSZ	(2 * 64 + 1)

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

struct rt_state *
rt_state_create(void)
{
	struct rt_state *s = calloc(1, sizeof(*s));

	if (s != NULL)
		s->rs_next_expiry = RT_UNKNOWN;
	return s;
}

void
rt_lists_fini(struct rt_lists *l)
{
	int i;

	for (i = 0; i < l->rl_n; i++)
		free(l->rl_name[i]);
	free(l->rl_name);
	free(l->rl_static);
	memset(l, 0, sizeof(*l));
}

void
rt_state_destroy(struct rt_state *s)
{
	if (s == NULL)
		return;
	rt_lists_fini(&s->rs_lists);
	free(s);
}

void
rt_state_changed(struct rt_state *s)
{
	s->rs_next_expiry = RT_UNKNOWN;
	s->rs_lists_known = 0;
	/* The ruleset may have changed, and with it what reading it
	 * costs: read it now and measure again. */
	s->rs_nft.sl_next = 0;
}

double
rt_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
rt_slot_due(const struct rt_slot *sl)
{
	return rt_mono() >= sl->sl_next;
}

void
rt_slot_spent(struct rt_slot *sl, double t0)
{
	double now = rt_mono(), wait = (now - t0) * RT_DUTY;

	sl->sl_next = t0 + (wait > RT_PERIOD ? wait : RT_PERIOD);
}

/* Same values in every property? */
static int
rt_vals_eq(const struct sch_menu *m, char *const *a, char *const *b)
{
	int i, n = sch_prop_count(m);

	for (i = 0; i < n; i++) {
		if (a[i] == NULL || b[i] == NULL) {
			if (a[i] != b[i])
				return 0;
		} else if (strcmp(a[i], b[i]) != 0) {
			return 0;
		}
	}
	return 1;
}

/* Free a row that may hold keys, wiping its values first. */
static void
rt_vals_wipe(const struct sch_menu *m, char **v)
{
	int i, n = sch_prop_count(m);

	for (i = 0; v != NULL && i < n; i++) {
		if (v[i] != NULL)
			explicit_bzero(v[i], strlen(v[i]));
		free(v[i]);
	}
	free(v);
}

static int
rt_store_err(struct eng *e, char *err, size_t errsz)
{
	snprintf(err, errsz, "store: %s", st_errmsg(e));
	e->err.set = 0;
	return -1;
}

/* ------------------------------------------------------------------ */
/* /interface                                                          */
/* ------------------------------------------------------------------ */

static int
rt_link_find(const struct eng_link *l, int n, const char *name)
{
	int i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(l[i].name, name) == 0)
			return i;
	return -1;
}

static void
rt_link_counters(const struct eng_link *l, struct sch_link_counters *c)
{
	c->rx_byte = l->rx_byte;
	c->tx_byte = l->tx_byte;
	c->rx_packet = l->rx_packet;
	c->tx_packet = l->tx_packet;
	c->rx_drop = l->rx_drop;
	c->tx_drop = l->tx_drop;
	c->rx_error = l->rx_error;
	c->tx_error = l->tx_error;
}

static int
rt_links_rows(struct eng *e, const struct eng_link *l, int nl,
    struct st_row *rows, int nr, char *err, size_t errsz)
{
	const struct sch_menu *m = sch_runtime_spec()->links;
	struct sch_link_counters c;
	int i, k, pi, rc, n = 0;

	if (sch_prop_find(m, m->name_prop, &pi) == NULL)
		return 0;
	for (i = 0; i < nr; i++) {
		k = rt_link_find(l, nl, rows[i].vals[pi]);
		if (k < 0)
			continue;
		rt_link_counters(&l[k], &c);
		rc = sch_link_state_put(m, rows[i].vals, l[k].running, &c);
		if (rc < 0) {
			snprintf(err, errsz, "out of memory");
			return -1;
		}
		if (rc > 0 && st_update(e, m, rows[i].id, rows[i].vals) < 0)
			return rt_store_err(e, err, errsz);
		n += rc;
	}
	return n;
}

/* Are the stored links the kernel's, by name? */
static int
rt_links_same(const struct sch_menu *m, const struct eng_link *l, int nl,
    struct st_row *rows, int nr)
{
	int i, pi;

	if (nr != nl || sch_prop_find(m, m->name_prop, &pi) == NULL)
		return 0;
	for (i = 0; i < nr; i++)
		if (rt_link_find(l, nl, rows[i].vals[pi]) < 0)
			return 0;
	return 1;
}

static int
rt_links(struct eng *e, char *err, size_t errsz)
{
	const struct eng_backend *be = e->o.backend;
	const struct sch_menu *m = sch_runtime_spec()->links;
	struct eng_link *l = NULL;
	struct st_row *rows = NULL;
	char why[256];
	int nl = 0, nr, rc;

	if (be == NULL || be->link_list == NULL ||
	    be->link_list(be->ctx, &l, &nl, why, sizeof(why)) < 0)
		return 0;
	nr = st_rows(e, m, NULL, NULL, &rows);
	if (nr < 0) {
		free(l);
		return rt_store_err(e, err, errsz);
	}
	if (!rt_links_same(m, l, nl, rows, nr)) {
		/* A link came or went: mirror the list (counters too). */
		st_rows_free(m, rows, nr);
		free(l);
		rc = links_refresh(e);
		e->err.set = 0;
		return rc < 0 ? 0 : 1;
	}
	rc = rt_links_rows(e, l, nl, rows, nr, err, errsz);
	st_rows_free(m, rows, nr);
	free(l);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Firewall rule counters                                              */
/* ------------------------------------------------------------------ */

struct rt_cnt {
	long long id;
	unsigned long long bytes, packets;
};

static int
rt_cnt_cmp(const void *a, const void *b)
{
	const struct rt_cnt *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The kernel's counters of menu m's rules, by id (summed should a
 * rule ever take several nft rules).  Returns how many, -1. */
static int
rt_cnt_collect(const struct sch_menu *m, const struct eng_nft_counter *c,
    int n, struct rt_cnt **out)
{
	struct rt_cnt *v = calloc((size_t)n + 1, sizeof(*v));
	int i, k = 0;

	*out = v;
	if (v == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (c[i].id < 0 || fw_chain_menu(c[i].chain) != m)
			continue;
		v[k].id = c[i].id;
		v[k].bytes = c[i].bytes;
		v[k++].packets = c[i].packets;
	}
	qsort(v, (size_t)k, sizeof(*v), rt_cnt_cmp);
	for (i = 1, n = k ? 1 : 0; i < k; i++) {
		if (v[i].id == v[n - 1].id) {
			v[n - 1].bytes += v[i].bytes;
			v[n - 1].packets += v[i].packets;
		} else {
			v[n++] = v[i];
		}
	}
	return n;
}

static int
rt_sql(struct eng *e, const char *sql, sqlite3_stmt **st)
{
	return sqlite3_prepare_v2(e->db, sql, -1, st, NULL) == SQLITE_OK ?
	    0 : -1;
}

/* Write the counters that differ from what the rows hold. */
static int
rt_cnt_write(sqlite3_stmt *sel, sqlite3_stmt *upd, const struct rt_cnt *v,
    int nv)
{
	struct rt_cnt key, *hit;
	char b[24], p[24];
	const unsigned char *ob, *op;
	int n = 0, rc;

	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		key.id = sqlite3_column_int64(sel, 0);
		hit = bsearch(&key, v, (size_t)nv, sizeof(*v), rt_cnt_cmp);
		if (hit == NULL)
			continue;
		snprintf(b, sizeof(b), "%llu", hit->bytes);
		snprintf(p, sizeof(p), "%llu", hit->packets);
		ob = sqlite3_column_text(sel, 1);
		op = sqlite3_column_text(sel, 2);
		if (ob != NULL && op != NULL && strcmp((const char *)ob, b) ==
		    0 && strcmp((const char *)op, p) == 0)
			continue;
		sqlite3_bind_text(upd, 1, b, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(upd, 2, p, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(upd, 3, key.id);
		if (sqlite3_step(upd) != SQLITE_DONE)
			return -1;
		sqlite3_reset(upd);
		n++;
	}
	return rc == SQLITE_DONE ? n : -1;
}

static int
rt_cnt_table(struct eng *e, const struct sch_menu *m,
    const struct eng_nft_counter *c, int n)
{
	const char *bytes, *packets;
	sqlite3_stmt *sel = NULL, *upd = NULL;
	struct rt_cnt *v = NULL;
	char sql[512];
	int nv, rc = -1;

	sch_fw_counter_props(&bytes, &packets);
	nv = rt_cnt_collect(m, c, n, &v);
	if (nv <= 0) {
		free(v);
		return nv;
	}
	snprintf(sql, sizeof(sql), "SELECT _id, \"%s\", \"%s\" FROM \"%s\"",
	    bytes, packets, m->table);
	if (rt_sql(e, sql, &sel) < 0)
		goto done;
	snprintf(sql, sizeof(sql), "UPDATE \"%s\" SET \"%s\"=?1, \"%s\"=?2 "
	    "WHERE _id=?3", m->table, bytes, packets);
	if (rt_sql(e, sql, &upd) < 0)
		goto done;
	rc = rt_cnt_write(sel, upd, v, nv);
done:
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	free(v);
	return rc;
}

/* The counters, when rosh's table is in the kernel and the slot is
 * due.  They are read before the transaction begins. */
static int
rt_fw_read(struct eng *e, struct rt_state *s, struct eng_nft_counter **c,
    int *n)
{
	const struct eng_backend *be = e->o.backend;
	char why[256];
	double t0;
	int rc;

	*c = NULL;
	*n = 0;
	if (be == NULL || be->nft_counters == NULL || e->fw_applied == NULL ||
	    e->fw_applied[0] == '\0' || !rt_slot_due(&s->rs_nft))
		return 0;
	t0 = rt_mono();
	rc = be->nft_counters(be->ctx, FW_NFT_TABLE, c, n, why, sizeof(why));
	rt_slot_spent(&s->rs_nft, t0);
	if (rc < 0) {
		*c = NULL;
		*n = 0;
		return 0;
	}
	return 1;
}

static int
rt_fw_counters(struct eng *e, const struct eng_nft_counter *c, int n,
    char *err, size_t errsz)
{
	const struct sch_fw_table *t;
	int rc, total = 0;

	for (t = sch_fw_tables(); t->menu != NULL; t++) {
		rc = rt_cnt_table(e, t->menu, c, n);
		if (rc < 0)
			return rt_store_err(e, err, errsz);
		total += rc;
	}
	return total;
}

/* ------------------------------------------------------------------ */
/* /ip ipsec installed-sa                                              */
/* ------------------------------------------------------------------ */

static void
rt_endpoint(const struct eng_xfrm_addr *a, unsigned port, char *buf,
    size_t sz)
{
	char ip[INET6_ADDRSTRLEN];

	if (inet_ntop(a->family, a->addr, ip, sizeof(ip)) == NULL)
		snprintf(ip, sizeof(ip), "?");
	if (port != 0)
		snprintf(buf, sz, "%s:%u", ip, port & 0xffff);
	else
		snprintf(buf, sz, "%s", ip);
}

static void
rt_hex(const unsigned char *k, unsigned n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n && i < 64; i++) {
		out[2 * i] = digits[k[i] >> 4];
		out[2 * i + 1] = digits[k[i] & 15];
	}
	out[2 * i] = '\0';
}

/* Seconds to the next lifetime event: the soft limit while mature,
 * then the hard one; -1 when the SA has neither. */
static long long
rt_expires(const struct eng_xfrm_sa *sa, long long now)
{
	long long at = 0, left;

	if (sa->state != ENG_XFRM_STATE_DYING && sa->soft_sec > 0)
		at = (long long)(sa->add_time + sa->soft_sec);
	else if (sa->hard_sec > 0)
		at = (long long)(sa->add_time + sa->hard_sec);
	if (at == 0)
		return -1;
	left = at - now;
	return left > 0 ? left : 0;
}

/* The installed-sa row of one SA (malloc'd; holds keys). */
static char **
rt_sa_row(const struct sch_menu *m, const struct eng_xfrm_sa *sa,
    long long now)
{
	char src[INET6_ADDRSTRLEN + 16], dst[INET6_ADDRSTRLEN + 16];
	char ek[RT_HEXSZ], ak[RT_HEXSZ], added[32];
	struct sch_sa s;
	char **row;

	memset(&s, 0, sizeof(s));
	rt_endpoint(&sa->src, sa->encap_sport, src, sizeof(src));
	rt_endpoint(&sa->dst, sa->encap_dport, dst, sizeof(dst));
	rt_hex(sa->enc_key, sa->enc_keylen, ek);
	rt_hex(sa->auth_key, sa->auth_keylen, ak);
	sch_datetime_format((long long)sa->add_time, added, sizeof(added));
	s.ss_spi = sa->spi;
	s.ss_src = src;
	s.ss_dst = dst;
	s.ss_state = sa->state;
	s.ss_enc = sa->enc;
	s.ss_auth = sa->aead ? "" : sa->auth;
	s.ss_aead = sa->aead;
	s.ss_enc_keylen = sa->enc_keylen;
	s.ss_enc_key = sa->enc_keylen ? ek : NULL;
	s.ss_auth_key = sa->auth_keylen ? ak : NULL;
	s.ss_addtime = added;
	s.ss_soft_sec = (long long)sa->soft_sec;
	s.ss_hard_sec = (long long)sa->hard_sec;
	s.ss_expires_sec = rt_expires(sa, now);
	s.ss_bytes = sa->bytes;
	s.ss_packets = sa->packets;
	s.ss_invalid = sa->invalid;
	s.ss_replay = sa->replay_window;
	s.ss_seen = sa->seen;
	s.ss_hw = sa->offload;
	s.ss_ah = sa->proto == ENG_XFRM_PROTO_AH;
	row = sch_sa_row(m, &s);
	explicit_bzero(ek, sizeof(ek));
	explicit_bzero(ak, sizeof(ak));
	return row;
}

/* Put one SA's row in place of its stored one, or add it. */
static int
rt_sa_put(struct eng *e, const struct sch_menu *m, char **row,
    struct st_row *rows, int nr, char *done)
{
	int j;

	for (j = 0; j < nr; j++) {
		if (done[j] || !sch_sa_same(m, rows[j].vals, row))
			continue;
		done[j] = 1;
		if (rt_vals_eq(m, rows[j].vals, row))
			return 0;
		return st_update(e, m, rows[j].id, row) < 0 ? -1 : 1;
	}
	return st_insert(e, m, row, -1, NULL, -1) < 0 ? -1 : 1;
}

static int
rt_sas(struct eng *e, const struct eng_xfrm_sa *sa, int nsa, char *err,
    size_t errsz)
{
	const struct sch_menu *m = sch_runtime_spec()->installed_sa;
	long long now = (long long)time(NULL);
	struct st_row *rows = NULL;
	char *done = NULL, **row;
	int nr, i, rc = 0, n = 0;

	nr = st_rows(e, m, NULL, NULL, &rows);
	if (nr < 0)
		return rt_store_err(e, err, errsz);
	done = calloc((size_t)nr + 1, 1);
	for (i = 0; i < nsa && rc >= 0 && done != NULL; i++) {
		row = rt_sa_row(m, &sa[i], now);
		rc = row == NULL ? -1 : rt_sa_put(e, m, row, rows, nr, done);
		n += rc > 0;
		rt_vals_wipe(m, row);
	}
	for (i = 0; i < nr && rc >= 0 && done != NULL; i++)
		if (!done[i]) {
			rc = st_delete(e, m, rows[i].id);
			n++;
		}
	for (i = 0; i < nr; i++)
		rt_vals_wipe(m, rows[i].vals);
	free(rows);
	free(done);
	if (rc < 0 || done == NULL)
		return rt_store_err(e, err, errsz);
	return n;
}

/* ------------------------------------------------------------------ */
/* /ip ipsec statistics                                                */
/* ------------------------------------------------------------------ */

static int
rt_stats(struct eng *e, struct rt_state *s, char *err, size_t errsz)
{
	const struct eng_backend *be = e->o.backend;
	const struct sch_menu *m = sch_runtime_spec()->statistics;
	struct eng_xfrm_stats v;
	struct st_row r;
	char why[256], **row;
	int rc = 0;

	if (be == NULL || be->xfrm_stats == NULL || s->rs_no_stats)
		return 0;
	if (be->xfrm_stats(be->ctx, &v, why, sizeof(why)) < 0) {
		/* A kernel without CONFIG_XFRM_STATISTICS keeps none. */
		s->rs_no_stats = 1;
		return 0;
	}
	row = sch_ipsec_stats_row(m, v.v, ENG_XFRM_NSTATS);
	if (row == NULL) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (st_row_get(e, m, 0, &r) < 0) {
		e->err.set = 0;
		rc = st_insert(e, m, row, -1, NULL, 0) < 0 ? -1 : 1;
	} else {
		if (!rt_vals_eq(m, r.vals, row))
			rc = st_update(e, m, 0, row) < 0 ? -1 : 1;
		st_row_fini(m, &r);
	}
	rt_vals_wipe(m, row);
	return rc < 0 ? rt_store_err(e, err, errsz) : rc;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

/* What the kernel holds, read before the store is locked. */
struct rt_kernel {
	struct eng_nft_counter *rk_cnt;
	int rk_ncnt, rk_have_cnt;
	struct eng_xfrm_sa *rk_sa;
	int rk_nsa, rk_have_sa;
	int rk_sets_due;
};

static void
rt_kernel_read(struct eng *e, struct rt_state *s, struct rt_kernel *k)
{
	const struct eng_backend *be = e->o.backend;
	char why[256];

	memset(k, 0, sizeof(*k));
	/* The sets share the counters' slot: both list nft. */
	k->rk_sets_due = rt_slot_due(&s->rs_nft);
	k->rk_have_cnt = rt_fw_read(e, s, &k->rk_cnt, &k->rk_ncnt);
	if (be != NULL && be->xfrm_sa_list != NULL &&
	    be->xfrm_sa_list(be->ctx, &k->rk_sa, &k->rk_nsa, why,
	    sizeof(why)) == 0)
		k->rk_have_sa = 1;
}

static void
rt_kernel_free(struct rt_kernel *k)
{
	free(k->rk_cnt);
	if (k->rk_sa != NULL)
		explicit_bzero(k->rk_sa, (size_t)k->rk_nsa *
		    sizeof(*k->rk_sa));
	free(k->rk_sa);
	memset(k, 0, sizeof(*k));
}

static int
rt_add(int *total, int rc)
{
	if (rc < 0)
		return -1;
	*total += rc;
	return 0;
}

static int
rt_write(struct eng *e, struct rt_state *s, const struct rt_kernel *k,
    char *err, size_t errsz)
{
	int n = 0;

	if (rt_add(&n, rt_links(e, err, errsz)) < 0)
		return -1;
	if (k->rk_have_cnt && rt_add(&n, rt_fw_counters(e, k->rk_cnt,
	    k->rk_ncnt, err, errsz)) < 0)
		return -1;
	if (k->rk_have_sa && (rt_add(&n, rt_sas(e, k->rk_sa, k->rk_nsa, err,
	    errsz)) < 0 || rt_add(&n, ipsec_publish_ph2(e, k->rk_sa,
	    k->rk_nsa, err, errsz)) < 0))
		return -1;
	if (rt_add(&n, rt_stats(e, s, err, errsz)) < 0)
		return -1;
	if (k->rk_sets_due && rt_add(&n, rt_alist_readback_tx(e, s, err,
	    errsz)) < 0)
		return -1;
	return n;
}

int
rt_publish(struct eng *e, struct rt_state *s, char *err, size_t errsz)
{
	struct rt_kernel k;
	int rc;

	if (errsz > 0)
		err[0] = '\0';
	rt_kernel_read(e, s, &k);
	if (st_begin(e) < 0) {
		rt_kernel_free(&k);
		st_rollback(e);
		return rt_store_err(e, err, errsz);
	}
	rc = rt_write(e, s, &k, err, errsz);
	if (rc < 0)
		st_rollback(e);
	else if (st_commit(e) < 0)
		rc = rt_store_err(e, err, errsz);
	rt_kernel_free(&k);
	return rc;
}
