/*
 * auth.c - who the session is and what it may do.
 *
 * A session acts as one /user.  Its rights are the policies of the
 * user's /user group (menus.md 35.2) as they were when the session
 * opened (eng_open, eng_login), as a RouterOS session keeps the rights
 * it logged in with: a script that renames its own user or changes its
 * group still finishes, and the change applies from the next login.  A
 * user that does not exist or is disabled has no rights at all.  The
 * one place that refuses a command is auth_check(), called by
 * exec_cmd() for every command of every line, script, import and
 * function body; what each command needs comes from the schema
 * (sch_cmd_policy()).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_local.h"

/* The error RouterOS prints when a policy is missing
 * (console-language 6.2). */
#define AUTH_DENIED "not enough permissions (9)"

/* Id of the /user named `name`, -1 if none. */
static long long
auth_user_id(struct eng *e, const char *name)
{
	const struct sch_user_spec *us = sch_user_spec();
	int pi;

	if (name == NULL || sch_prop_find(us->users, us->user_name, &pi) ==
	    NULL)
		return -1;
	return st_find_value(e, us->users, pi, name, -1);
}

/* Value of property `prop` of row r of menu m, NULL when unset. */
static const char *
auth_val(const struct sch_menu *m, const struct st_row *r, const char *prop)
{
	int pi;

	return sch_prop_find(m, prop, &pi) ? r->vals[pi] : NULL;
}

/* Policy mask of group `name`. */
static unsigned
auth_group_mask(struct eng *e, const char *name)
{
	const struct sch_user_spec *us = sch_user_spec();
	struct st_row r;
	unsigned mask;
	long long id;
	int pi;

	if (name == NULL || sch_prop_find(us->groups, us->group_name, &pi) ==
	    NULL)
		return 0;
	id = st_find_value(e, us->groups, pi, name, -1);
	if (id < 0 || st_row_get(e, us->groups, id, &r) < 0)
		return 0;
	mask = sch_policy_mask(auth_val(us->groups, &r, us->group_policy));
	st_row_fini(us->groups, &r);
	return mask;
}

/* Policies of user `name`: none for an unknown or disabled user. */
static unsigned
auth_user_mask(struct eng *e, const char *name)
{
	const struct sch_user_spec *us = sch_user_spec();
	const char *dis;
	struct st_row r;
	unsigned mask = 0;
	long long id = auth_user_id(e, name);

	if (id < 0 || st_row_get(e, us->users, id, &r) < 0)
		return 0;
	dis = auth_val(us->users, &r, us->user_disabled);
	if (dis == NULL || strcmp(dis, "yes") != 0)
		mask = auth_group_mask(e, auth_val(us->users, &r,
		    us->user_group));
	st_row_fini(us->users, &r);
	return mask;
}

void
auth_refresh(struct eng *e)
{
	e->policy = auth_user_mask(e, e->user);
}

int
auth_may(const struct eng *e, enum sch_policy pol)
{
	return (e->policy & SCH_POL(pol)) != 0;
}

int
auth_check(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c)
{
	struct eng *e = x->e;
	unsigned need;
	int changes;

	need = sch_cmd_policy(m, c->path, c->name, &changes);
	if ((e->policy & need) != need)
		return eng_fail_node(e, c, AUTH_DENIED);
	if (changes) {
		e->hist_changes = 1;
		e->hist_need |= need;
	}
	return 0;
}

int
auth_fail(struct eng *e, const struct ast_node *c)
{
	return eng_fail_node(e, c, AUTH_DENIED);
}

/* ------------------------------------------------------------------ */
/* Logins                                                              */
/* ------------------------------------------------------------------ */

/* Does `addr` fall in one entry (address or prefix) of `list`? */
static int
auth_addr_in(const char *addr, const char *list)
{
	unsigned char a[16], b[16];
	char ent[64], *slash;
	const char *s = list, *end;
	int fam, len, bits, i, ok;
	size_t n;

	fam = inet_pton(AF_INET, addr, a) == 1 ? AF_INET :
	    inet_pton(AF_INET6, addr, a) == 1 ? AF_INET6 : 0;
	for (; fam && s && *s; s = end ? end + 1 : NULL) {
		end = strchr(s, ',');
		n = end ? (size_t)(end - s) : strlen(s);
		if (n == 0 || n >= sizeof(ent))
			continue;
		memcpy(ent, s, n);
		ent[n] = '\0';
		bits = fam == AF_INET ? 32 : 128;
		if ((slash = strchr(ent, '/')) != NULL) {
			*slash = '\0';
			len = atoi(slash + 1);
		} else {
			len = bits;
		}
		if (len < 0 || len > bits || inet_pton(fam, ent, b) != 1)
			continue;
		for (ok = 1, i = 0; ok && i < len; i++)
			ok = ((a[i / 8] ^ b[i / 8]) & (0x80 >> (i % 8))) == 0;
		if (ok)
			return 1;
	}
	return 0;
}

static const char *
auth_via_name(int via)
{
	return via == ENG_VIA_SSH ? "ssh" : "local";
}

/* Why user row r may not log in as l asks, or NULL. */
static const char *
auth_refusal(struct eng *e, const struct st_row *r,
    const struct eng_login *l)
{
	const struct sch_user_spec *us = sch_user_spec();
	const char *dis = auth_val(us->users, r, us->user_disabled);
	const char *addr = auth_val(us->users, r, us->user_address);
	unsigned mask;

	if (dis && strcmp(dis, "yes") == 0)
		return "user is disabled";
	if (l->address && addr && *addr && !auth_addr_in(l->address, addr))
		return "not allowed from this address";
	mask = auth_group_mask(e, auth_val(us->users, r, us->user_group));
	if (!(mask & SCH_POL(l->via == ENG_VIA_SSH ? SCH_POL_SSH :
	    SCH_POL_LOCAL)))
		return "group has no such login policy";
	return NULL;
}

/* Record a login (success or failure) in the log, RouterOS's words. */
static void
auth_log(struct eng *e, const char *topics, const char *fmt,
    const char *user, const struct eng_login *l)
{
	char msg[512], from[96] = "";

	if (l->address)
		snprintf(from, sizeof(from), " from %s", l->address);
	snprintf(msg, sizeof(msg), fmt, user, from, auth_via_name(l->via));
	if (st_begin(e) < 0)
		return;
	if (eng_log(e, topics, msg) < 0)
		st_rollback(e);
	else
		st_commit(e);
	e->err.set = 0;
}

/* last-logged-in is read-only to commands: written here directly. */
static void
auth_stamp(struct eng *e, long long id)
{
	const struct sch_user_spec *us = sch_user_spec();
	char sql[160], now[32], idtxt[32];
	time_t t = time(NULL);
	struct tm tmv;

	localtime_r(&t, &tmv);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", &tmv);
	snprintf(sql, sizeof(sql), "UPDATE \"%s\" SET \"%s\"=? WHERE _id=?",
	    us->users->table, us->user_last_login);
	snprintf(idtxt, sizeof(idtxt), "%lld", id);
	if (st_begin(e) < 0)
		return;
	if (st_exec_text2(e, sql, now, idtxt) < 0)
		st_rollback(e);
	else
		st_commit(e);
	e->err.set = 0;
}

int
eng_login(struct eng *e, const struct eng_login *l, char *err, size_t errsz)
{
	const struct sch_user_spec *us = sch_user_spec();
	const char *name = l->user, *why = NULL;
	struct st_row r;
	long long id = auth_user_id(e, name);

	if (id < 0 && l->admin_fallback) {
		name = us->admin;
		id = auth_user_id(e, name);
	}
	if (id < 0 || st_row_get(e, us->users, id, &r) < 0) {
		why = "no such user";
	} else {
		why = auth_refusal(e, &r, l);
		st_row_fini(us->users, &r);
	}
	if (why != NULL) {
		snprintf(err, errsz, "login failure for user %s: %s",
		    l->user ? l->user : "?", why);
		auth_log(e, "system,error,critical", "login failure for user "
		    "%s%s via %s", l->user ? l->user : "?", l);
		return 1;
	}
	free(e->user);
	e->user = strdup(name);
	auth_refresh(e);
	if (l->interactive) {
		auth_stamp(e, id);
		auth_log(e, "system,info,account", "user %s logged in%s via "
		    "%s", name, l);
	}
	return 0;
}

const char *
eng_user(const struct eng *e)
{
	return e->user;
}
