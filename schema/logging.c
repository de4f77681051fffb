/*
 * logging.c - what the logging menus mean to the code that routes
 * messages: a /system logging rule, a /system logging action, a /log row,
 * and RouterOS topic matching.  Property names stay here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

static const char *
lg_val(const struct sch_menu *m, char *const *vals, const char *prop)
{
	int i;

	if (sch_prop_find(m, prop, &i) == NULL)
		return NULL;
	return vals[i];
}

static long
lg_num(const struct sch_menu *m, char *const *vals, const char *prop,
    long dflt)
{
	const char *v = lg_val(m, vals, prop);

	return v ? strtol(v, NULL, 10) : dflt;
}

const struct sch_menu *
sch_log_rules_menu(void)
{
	return sch_menu_find("/system/logging");
}

const struct sch_menu *
sch_log_actions_menu(void)
{
	return sch_menu_find("/system/logging/action");
}

const struct sch_menu *
sch_log_menu(void)
{
	return sch_menu_find("/log");
}

void
sch_log_rule_of(const struct sch_menu *m, char *const *vals,
    struct sch_log_rule *r)
{
	const char *d = lg_val(m, vals, SCH_DISABLED);

	r->topics = lg_val(m, vals, "topics");
	r->prefix = lg_val(m, vals, "prefix");
	r->regex = lg_val(m, vals, "regex");
	r->action = lg_val(m, vals, "action");
	r->disabled = d && strcmp(d, "yes") == 0;
}

static enum sch_log_target
lg_target(const char *t)
{
	if (t == NULL)
		return SCH_LOG_OTHER;
	if (strcmp(t, "memory") == 0)
		return SCH_LOG_MEMORY;
	if (strcmp(t, "disk") == 0)
		return SCH_LOG_DISK;
	if (strcmp(t, "echo") == 0)
		return SCH_LOG_ECHO;
	if (strcmp(t, "remote") == 0)
		return SCH_LOG_REMOTE;
	return SCH_LOG_OTHER;
}

/* Syslog facility numbers (RFC 5424 table 1; RouterOS names). */
static int
lg_facility(const char *f)
{
	static const char *const names[] = {
		"kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
		"news", "uucp", "cron", "authpriv", "ftp", "ntp", NULL
	};
	int i;

	if (f == NULL)
		return 3;
	for (i = 0; names[i]; i++)
		if (strcmp(f, names[i]) == 0)
			return i;
	if (strncmp(f, "local", 5) == 0 && f[5] >= '0' && f[5] <= '7')
		return 16 + (f[5] - '0');
	return 3;
}

static int
lg_severity(const char *s)
{
	static const char *const names[] = {
		"emergency", "alert", "critical", "error", "warning",
		"notice", "info", "debug", NULL
	};
	int i;

	for (i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;	/* auto: derived from the message's topics */
}

void
sch_log_action_of(const struct sch_menu *m, char *const *vals,
    struct sch_log_action *a)
{
	const char *fmt = lg_val(m, vals, "remote-log-format");

	memset(a, 0, sizeof(*a));
	a->name = lg_val(m, vals, SCH_NAME);
	a->target = lg_target(lg_val(m, vals, "target"));
	a->memory_lines = lg_num(m, vals, "memory-lines", 1000);
	a->disk_file = lg_val(m, vals, "disk-file-name");
	a->disk_lines = lg_num(m, vals, "disk-lines-per-file", 1000);
	a->disk_count = lg_num(m, vals, "disk-file-count", 2);
	a->remote = lg_val(m, vals, "remote");
	a->remote_port = (int)lg_num(m, vals, "remote-port", 514);
	a->syslog_format = fmt && strcmp(fmt, "syslog") == 0;
	a->facility = lg_facility(lg_val(m, vals, "syslog-facility"));
	a->severity = lg_severity(lg_val(m, vals, "syslog-severity"));
}

char **
sch_log_row(const struct sch_menu *m, const char *time, const char *topics,
    const char *message, const char *buffer)
{
	char **v = calloc((size_t)sch_prop_count(m) + 1, sizeof(char *));
	int i;

	if (v == NULL)
		return NULL;
	if (sch_prop_find(m, "time", &i))
		v[i] = strdup(time);
	if (sch_prop_find(m, "topics", &i))
		v[i] = strdup(topics);
	if (sch_prop_find(m, "message", &i))
		v[i] = strdup(message);
	if (buffer && sch_prop_find(m, "buffer", &i))
		v[i] = strdup(buffer);
	return v;
}

const char *
sch_log_buffer_prop(void)
{
	return "buffer";
}

/* Is `topic` one of the comma-separated topics? */
static int
lg_has(const char *topics, const char *topic, size_t len)
{
	const char *p = topics;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && strncmp(p, topic, len) == 0)
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/*
 * A rule matches a message carrying every topic the rule names and none
 * it negates: `ipsec,!debug` takes ipsec messages that are not debug.
 */
int
sch_log_topics_match(const char *rule, const char *msg)
{
	const char *p = rule;

	if (rule == NULL || *rule == '\0')
		return 0;
	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		int neg = *p == '!';

		/* wanted but absent, or negated but present */
		if (lg_has(msg, p + neg, n - (size_t)neg) == neg)
			return 0;
		p = end ? end + 1 : NULL;
	}
	return 1;
}
