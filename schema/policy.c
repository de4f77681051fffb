/*
 * policy.c - what each console command needs from a /user group's
 * policy, and the names of the /user, /user group and /system history
 * properties the engine reads for logins, permission checks and the
 * change journal.
 *
 * Policies and what they grant follow menus.md 35.2: `read` to view the
 * configuration, `write` to change it (users excepted), `policy` to
 * manage users and groups, `sensitive` to see secrets.  The engine asks
 * sch_cmd_policy() once per command, before running it, so a new menu
 * command is covered by this table (or by the deny-by-default rule for
 * commands it does not list) without touching the engine.
 */
#include <string.h>

#include "menus_local.h"

/* ------------------------------------------------------------------ */
/* Policy names                                                        */
/* ------------------------------------------------------------------ */

/* The values of /user group policy, in enum sch_policy order. */
static const char *const *
pol_names(void)
{
	const struct sch_prop *p = sch_prop_find(&sch_m_user_group, "policy",
	    NULL);

	return p ? p->values : NULL;
}

const char *
sch_policy_name(enum sch_policy pol)
{
	const char *const *v = pol_names();
	int i;

	for (i = 0; v && v[i]; i++)
		if (i == (int)pol)
			return v[i];
	return NULL;
}

unsigned
sch_policy_mask(const char *text)
{
	const char *const *v = pol_names();
	const char *s = text, *e;
	unsigned mask = 0;
	size_t n;
	int i;

	while (s && *s && v) {
		e = strchr(s, ',');
		n = e ? (size_t)(e - s) : strlen(s);
		/* "!ftp" denies; only granted names count. */
		for (i = 0; *s != '!' && v[i] && i < SCH_POL__COUNT; i++)
			if (strlen(v[i]) == n && strncmp(v[i], s, n) == 0)
				mask |= SCH_POL(i);
		s = e ? e + 1 : NULL;
	}
	return mask;
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */
/* ------------------------------------------------------------------ */

struct pol_cmd {
	const char *cmd;
	unsigned need;		/* SCH_POL() bits */
	int changes;		/* changes configuration */
};

#define R	SCH_POL(SCH_POL_READ)
#define W	SCH_POL(SCH_POL_WRITE)
#define P	SCH_POL(SCH_POL_POLICY)
#define S	SCH_POL(SCH_POL_SENSITIVE)

/* Commands of configuration menus.  What is not listed needs write and
 * counts as a change: a menu-specific action is refused to a read-only
 * user until someone decides otherwise here. */
static const struct pol_cmd pol_menu_cmds[] = {
	{ "print", R, 0 }, { "get", R, 0 }, { "find", R, 0 },
	{ "export", R, 0 },
	{ "add", W, 1 }, { "set", W, 1 }, { "unset", W, 1 },
	{ "reset", W, 1 }, { "enable", W, 1 }, { "disable", W, 1 },
	{ "comment", W, 1 }, { "remove", W, 1 }, { "move", W, 1 },
	{ "edit", W, 1 }, { "expire-password", W | P, 1 },
	{ "flush", W, 1 }, { "kill-connections", W, 1 },
	/* /system backup: a backup holds every secret; a load replaces
	 * users and groups too. */
	{ "save", W | S, 0 }, { "load", W | P, 1 },
	/* /log info "text" and friends add a log line, not configuration. */
	{ "info", 0, 0 }, { "warning", 0, 0 }, { "error", 0, 0 },
	{ "debug", 0, 0 },
	/* /safe-mode (console-language 7.4): undoing needs write. */
	{ "take", W, 0 }, { "toggle", W, 0 }, { "unroll", W, 0 },
	{ "release", 0, 0 },
	{ NULL, 0, 0 }
};

/* Commands of the root menu.  The others are scripting commands (:put,
 * :set, :if...) that touch no configuration by themselves. */
static const struct pol_cmd pol_root_cmds[] = {
	{ "export", R, 0 }, { "import", W, 1 },
	{ "undo", W, 1 }, { "redo", W, 1 },
	{ NULL, 0, 0 }
};

#undef R
#undef W
#undef P
#undef S

unsigned
sch_cmd_policy(const struct sch_menu *m, const char *path, const char *cmd,
    int *changes)
{
	int root = strcmp(path, "/") == 0;
	const struct pol_cmd *t = root ? pol_root_cmds : pol_menu_cmds;
	unsigned need = root ? 0 : SCH_POL(SCH_POL_WRITE);

	*changes = !root;
	for (; t->cmd; t++) {
		if (strcmp(t->cmd, cmd) == 0) {
			need = t->need;
			*changes = t->changes;
			break;
		}
	}
	/* Users and groups: changing them is what `policy` is for. */
	if (m && (m->flags & M_POLICY) && *changes)
		need |= SCH_POL(SCH_POL_POLICY);
	return need;
}

/* ------------------------------------------------------------------ */
/* Property names the engine reads                                     */
/* ------------------------------------------------------------------ */

static const struct sch_user_spec pol_spec = {
	.users = &sch_m_user,
	.user_name = SCH_NAME,
	.user_group = "group",
	.user_address = "address",
	.user_disabled = SCH_DISABLED,
	.user_last_login = "last-logged-in",
	.admin = "admin",
	.groups = &sch_m_user_group,
	.group_name = SCH_NAME,
	.group_policy = "policy",
	.history = &sch_m_system_history,
	.hist_action = "action",
	.hist_by = "by",
	.hist_policy = "policy",
	.hist_time = "time",
	.hist_undoable = "undoable",
	.hist_redoable = "redoable",
	.hist_floating = "floating-undo",
	.safe_mode = "/safe-mode",
};

const struct sch_user_spec *
sch_user_spec(void)
{
	return &pol_spec;
}
