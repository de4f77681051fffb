/*
 * log.c - RouterOS logging: /system logging rules route a message, by its
 * topics, to /system logging actions: memory (the /log buffer, trimmed to
 * memory-lines), disk (files in files/, rotated), echo (shown on open
 * consoles, kept in the /log table under the action's name) and remote
 * (syslog over UDP).  The console and roshd log through here alike.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "engine_local.h"

#define LOG_MAX_ACTIONS 32

/* Severity RouterOS derives from the message's topics. */
static int
log_auto_severity(const char *topics)
{
	if (sch_log_topics_match("critical", topics))
		return 2;
	if (sch_log_topics_match("error", topics))
		return 3;
	if (sch_log_topics_match("warning", topics))
		return 4;
	if (sch_log_topics_match("debug", topics))
		return 7;
	return 6;
}

static int
log_regex_ok(const char *re, const char *msg)
{
	regex_t rx;
	int rc;

	if (re == NULL || *re == '\0')
		return 1;
	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	rc = regexec(&rx, msg, 0, NULL, 0) == 0;
	regfree(&rx);
	return rc;
}

static int
log_memory(struct eng *e, const struct sch_log_action *a, const char *tm,
    const char *topics, const char *msg)
{
	const struct sch_menu *m = sch_log_menu();
	char **vals, sql[256];
	int i, n, rc;

	if (m == NULL)
		return 0;
	vals = sch_log_row(m, tm, topics, msg, a->name);
	rc = st_insert(e, m, vals, -1, NULL, -1) < 0 ? -1 : 0;
	n = sch_prop_count(m);
	for (i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	if (rc < 0)
		return -1;
	/* A ring of memory-lines entries per buffer. */
	snprintf(sql, sizeof(sql), "DELETE FROM \"%s\" WHERE \"%s\"=? AND _id "
	    "<= (SELECT _id FROM \"%s\" WHERE \"%s\"=? ORDER BY _id DESC "
	    "LIMIT 1 OFFSET %ld)", m->table, sch_log_buffer_prop(), m->table,
	    sch_log_buffer_prop(), a->memory_lines > 0 ? a->memory_lines : 1);
	return st_exec_text2(e, sql, a->name, a->name);
}

static long
log_count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	long n = 0;
	int c;

	if (f == NULL)
		return 0;
	while ((c = fgetc(f)) != EOF)
		if (c == '\n')
			n++;
	fclose(f);
	return n;
}

/* files/log.0.txt is the newest; log.N.txt move up, the oldest goes. */
static void
log_rotate(const char *base, long count)
{
	char from[4200], to[4200];
	long i;

	for (i = count - 1; i > 0; i--) {
		snprintf(from, sizeof(from), "%s.%ld.txt", base, i - 1);
		snprintf(to, sizeof(to), "%s.%ld.txt", base, i);
		rename(from, to);
	}
}

static int
log_disk(struct eng *e, const struct sch_log_action *a, const char *tm,
    const char *topics, const char *msg)
{
	char base[4096], path[4200];
	FILE *f;

	if (a->disk_file == NULL || strchr(a->disk_file, '/') ||
	    strstr(a->disk_file, ".."))
		return 0;
	snprintf(base, sizeof(base), "%s/%s", e->files_dir, a->disk_file);
	snprintf(path, sizeof(path), "%s.0.txt", base);
	if (log_count_lines(path) >= a->disk_lines)
		log_rotate(base, a->disk_count);
	f = fopen(path, "a");
	if (f == NULL)
		return -1;
	fprintf(f, "%s %s %s\n", tm, topics, msg);
	fclose(f);
	return 0;
}

/* RouterOS raw format: "<pri>topics message"; BSD syslog otherwise. */
static int
log_remote(struct eng *e, const struct sch_log_action *a, const char *topics,
    const char *msg)
{
	struct addrinfo hints = { 0 }, *ai = NULL;
	char port[16], buf[2048], stamp[32], id[80];
	int sev = a->severity >= 0 ? a->severity : log_auto_severity(topics);
	int pri = a->facility * 8 + sev, fd, n;
	time_t now = time(NULL);
	struct tm tmv;

	if (a->remote == NULL || strcmp(a->remote, "0.0.0.0") == 0)
		return 0;
	if (a->syslog_format) {
		localtime_r(&now, &tmv);
		strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tmv);
		eng_identity(e, id, sizeof(id));
		n = snprintf(buf, sizeof(buf), "<%d>%s %s %s", pri, stamp, id,
		    msg);
	} else {
		n = snprintf(buf, sizeof(buf), "<%d>%s %s", pri, topics, msg);
	}
	if (n < 0)
		return -1;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	snprintf(port, sizeof(port), "%d", a->remote_port);
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if (getaddrinfo(a->remote, port, &hints, &ai) != 0)
		return -1;
	fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		sendto(fd, buf, (size_t)n, 0, ai->ai_addr, ai->ai_addrlen);
		close(fd);
	}
	freeaddrinfo(ai);
	return 0;
}

static int
log_deliver(struct eng *e, const struct sch_log_action *a, const char *tm,
    const char *topics, const char *msg)
{
	switch (a->target) {
	case SCH_LOG_MEMORY:
	case SCH_LOG_ECHO:
		return log_memory(e, a, tm, topics, msg);
	case SCH_LOG_DISK:
		return log_disk(e, a, tm, topics, msg);
	case SCH_LOG_REMOTE:
		return log_remote(e, a, topics, msg);
	default:
		return 0;
	}
}

/* The action row called `name`, copied into *a (rows kept in *keep). */
static int
log_find_action(struct eng *e, const char *name, struct st_row *keep,
    struct sch_log_action *a)
{
	const struct sch_menu *m = sch_log_actions_menu();
	int pi;
	long long id;

	if (m == NULL || name == NULL || sch_prop_find(m, SCH_NAME, &pi) ==
	    NULL)
		return -1;
	id = st_find_value(e, m, pi, name, -1);
	if (id < 0 || st_row_get(e, m, id, keep) < 0)
		return -1;
	sch_log_action_of(m, keep->vals, a);
	return 0;
}

/*
 * Log one message with its topics ("ipsec,info").  Each action gets a
 * message once even when several rules route it there.
 */
int
eng_log(struct eng *e, const char *topics, const char *msg)
{
	const struct sch_menu *rm = sch_log_rules_menu();
	struct st_row *rules = NULL, acts[LOG_MAX_ACTIONS];
	struct sch_log_action a;
	struct sch_log_rule r;
	char tm[32], text[2048];
	int n, i, k, na = 0, dup, rc = 0;
	time_t now = time(NULL);
	struct tm tmv;

	if (rm == NULL)
		return 0;
	localtime_r(&now, &tmv);
	strftime(tm, sizeof(tm), "%Y-%m-%d %H:%M:%S", &tmv);
	n = st_rows(e, rm, NULL, NULL, &rules);
	for (i = 0; i < n && na < LOG_MAX_ACTIONS; i++) {
		sch_log_rule_of(rm, rules[i].vals, &r);
		if (r.disabled || !sch_log_topics_match(r.topics, topics) ||
		    !log_regex_ok(r.regex, msg))
			continue;
		if (log_find_action(e, r.action, &acts[na], &a) < 0)
			continue;
		for (dup = 0, k = 0; k < na && !dup; k++)
			dup = acts[k].id == acts[na].id;
		if (dup) {
			st_row_fini(sch_log_actions_menu(), &acts[na]);
			continue;
		}
		snprintf(text, sizeof(text), "%s%s%s", r.prefix ? r.prefix :
		    "", r.prefix && *r.prefix ? " " : "", msg);
		if (log_deliver(e, &a, tm, topics, text) < 0)
			rc = -1;
		na++;
	}
	for (k = 0; k < na; k++)
		st_row_fini(sch_log_actions_menu(), &acts[k]);
	st_rows_free(rm, rules, n < 0 ? 0 : n);
	return rc;
}

/* Names of the echo actions, comma-joined into out; 0 when there are
 * none. */
static int
log_echo_names(struct eng *e, struct sbuf *out)
{
	const struct sch_menu *m = sch_log_actions_menu();
	struct st_row *rows = NULL;
	struct sch_log_action a;
	int n, i, k = 0;

	if (m == NULL)
		return 0;
	n = st_rows(e, m, NULL, NULL, &rows);
	for (i = 0; i < n; i++) {
		sch_log_action_of(m, rows[i].vals, &a);
		if (a.target == SCH_LOG_ECHO && a.name) {
			sb_printf(out, "%s%s", k++ ? "," : "", a.name);
		}
	}
	st_rows_free(m, rows, n < 0 ? 0 : n);
	return k;
}

/*
 * Messages echo actions took since the last call, for an open console
 * to show before its next prompt as RouterOS does ("HH:MM:SS echo:
 * topics message").  The first call only notes where the log stands,
 * so a new session does not replay old messages.
 */
int
eng_log_echo(struct eng *e, void (*show)(void *ctx, const char *line),
    void *ctx)
{
	const struct sch_menu *m = sch_log_menu();
	struct st_row *rows = NULL;
	struct sbuf names, line;
	char cond[96];
	int n, i, bi, ti, pi, mi;

	if (m == NULL || !sch_prop_find(m, sch_log_buffer_prop(), &bi) ||
	    !sch_prop_find(m, "time", &ti) || !sch_prop_find(m, "topics",
	    &pi) || !sch_prop_find(m, "message", &mi))
		return 0;
	if (e->echo_seen < 0) {
		e->echo_seen = st_max_id(e, m);
		return 0;
	}
	sb_init(&names);
	if (log_echo_names(e, &names) == 0) {
		sb_fini(&names);
		return 0;
	}
	snprintf(cond, sizeof(cond), "_id > %lld", e->echo_seen);
	n = st_rows(e, m, cond, NULL, &rows);
	sb_init(&line);
	for (i = 0; i < n; i++) {
		const char *b = rows[i].vals[bi];
		const char *t = rows[i].vals[ti] ? rows[i].vals[ti] : "";

		e->echo_seen = rows[i].id;
		if (b == NULL || !sch_log_topics_match(b, sb_str(&names)))
			continue;
		sb_reset(&line);
		/* the time of day only: the date is today's */
		sb_printf(&line, "%s echo: %s %s", strlen(t) > 11 ? t + 11 : t,
		    rows[i].vals[pi] ? rows[i].vals[pi] : "",
		    rows[i].vals[mi] ? rows[i].vals[mi] : "");
		show(ctx, sb_str(&line));
	}
	st_rows_free(m, rows, n < 0 ? 0 : n);
	sb_fini(&line);
	sb_fini(&names);
	return 0;
}
