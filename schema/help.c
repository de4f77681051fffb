/*
 * help.c - one line of help for each command, for the arguments every
 * menu shares (print's detail, set's numbers, add's copy-from...) and a
 * synopsis of what each value type accepts.  The console's ? and F1 help
 * and Tab completion read them; properties carry their own help in their
 * menu's declaration.
 *
 * Command purposes follow the wording of RouterOS's own help where it
 * has one (console-language.md §4, §8.2).
 */
#include <stdio.h>
#include <string.h>

#include "schema.h"

struct sch_word_help {
	const char *name;
	const char *help;
};

/* Commands of menus (§4), sorted by name. */
static const struct sch_word_help sch_menu_cmds[] = {
	{ "add", "Create a new item" },
	{ "comment", "Set comment for items" },
	{ "disable", "Disable items" },
	{ "edit", "Edit value of an item property" },
	{ "enable", "Enable items" },
	{ "export", "Print or save an export script that can be used to "
	  "restore configuration" },
	{ "find", "Find items by value" },
	{ "get", "Get value of an item property" },
	{ "import", "Run a configuration script" },
	{ "monitor", "Monitor item status" },
	{ "move", "Change order of items" },
	{ "print", "Print values of item properties" },
	{ "remove", "Remove items" },
	{ "reset", "Reset item properties to their defaults" },
	{ "reset-counters", "Reset statistics counters" },
	{ "reset-counters-all", "Reset statistics counters of all items" },
	{ "set", "Change item properties" },
	{ "unset", "Remove the value of an item property" },
};

/* Root commands (§1.2, §8.2), sorted by name. */
static const struct sch_word_help sch_root_cmds[] = {
	{ "beep", "Produce a sound" },
	{ "convert", "Convert a value between encodings" },
	{ "delay", "Do nothing for a given period of time" },
	{ "deserialize", "Read a value from JSON or DSV" },
	{ "do", "Run a block, repeat it while a condition holds" },
	{ "error", "Raise an error" },
	{ "execute", "Run a script in the background" },
	{ "export", "Print or save the whole configuration as a script" },
	{ "find", "Position of a value in a string or array" },
	{ "for", "Run a block for each number of a range" },
	{ "foreach", "Run a block for each element of an array" },
	{ "global", "Declare a global variable" },
	{ "grep", "Filter the output of a command" },
	{ "if", "Run a block if a condition is true" },
	{ "import", "Run a configuration script" },
	{ "jobname", "Name of the running script" },
	{ "len", "Length of a string or array" },
	{ "local", "Declare a local variable" },
	{ "lock", "Lock the console" },
	{ "nothing", "Return nothing" },
	{ "onerror", "Run a block and catch its errors" },
	{ "parse", "Build a command from a string" },
	{ "password", "Change the password of the current user" },
	{ "pick", "Part of a string or array" },
	{ "ping", "Send ICMP echo requests" },
	{ "put", "Print a message to the console" },
	{ "quit", "Log out" },
	{ "range", "Array of the numbers of a range" },
	{ "redo", "Redo the last undone action" },
	{ "resolve", "Resolve a DNS name" },
	{ "retry", "Run a block again until it succeeds" },
	{ "return", "Return a value from a function" },
	{ "rndnum", "Random number" },
	{ "rndstr", "Random string" },
	{ "serialize", "Write a value as JSON or DSV" },
	{ "set", "Assign a value to a variable" },
	{ "time", "Measure the time a block takes" },
	{ "timestamp", "Time since the epoch" },
	{ "toarray", "Convert to array" },
	{ "tobool", "Convert to boolean" },
	{ "tocrlf", "Convert line ends to CR LF" },
	{ "toid", "Convert to internal item number" },
	{ "toip", "Convert to IP address" },
	{ "toip6", "Convert to IPv6 address" },
	{ "tolf", "Convert line ends to LF" },
	{ "tonsec", "Convert to nanoseconds" },
	{ "tonum", "Convert to number" },
	{ "tostr", "Convert to string" },
	{ "totime", "Convert to time interval" },
	{ "typeof", "Type of a value" },
	{ "undo", "Undo the last action" },
	{ "while", "Run a block while a condition is true" },
};

#define SCH_NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
sch_word_lookup(const struct sch_word_help *t, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t[mid].name, name);

		if (c == 0)
			return t[mid].help;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
sch_cmd_help(const char *dirpath, const char *cmd)
{
	if (cmd == NULL)
		return NULL;
	if (dirpath == NULL || strcmp(dirpath, "/") == 0)
		return sch_word_lookup(sch_root_cmds, SCH_NELEM(sch_root_cmds),
		    cmd);
	return sch_word_lookup(sch_menu_cmds, SCH_NELEM(sch_menu_cmds), cmd);
}

/*
 * Arguments shared by the commands of every menu; cmd NULL matches any
 * command.  The first entry matching both names wins.
 */
static const struct sch_arg_help sch_args[] = {
	{ "comment", "comment", SCH_AV_NONE, "Short description of the item" },
	{ "export", "file", SCH_AV_FILE, "Save the export to this file" },
	{ "export", "terse", SCH_AV_FLAG, "Write the full path on every "
	  "line" },
	{ "export", "verbose", SCH_AV_FLAG, "Also export default values" },
	{ "get", "as-string", SCH_AV_FLAG, "Return the value as a string" },
	{ "get", "as-string-value", SCH_AV_FLAG, "Return the values as "
	  "strings" },
	{ "import", "dry-run", SCH_AV_FLAG, "Check the script without "
	  "applying it" },
	{ "import", "file-name", SCH_AV_FILE, "Script file to run" },
	{ "import", "verbose", SCH_AV_FLAG, "Print each line as it runs" },
	{ "print", "file", SCH_AV_FILE, "Print to this file instead of the "
	  "console" },
	{ "print", "from", SCH_AV_ITEMS, "Print only these items" },
	{ "print", "interval", SCH_AV_TIME, "Print again every interval "
	  "until Ctrl-C" },
	{ "print", "terse", SCH_AV_FLAG, "One line per item" },
	{ NULL, "all", SCH_AV_FLAG, "All items" },
	{ NULL, "append", SCH_AV_FLAG, "Append to the file" },
	{ NULL, "as-value", SCH_AV_FLAG, "Return the items as an array "
	  "instead of printing them" },
	{ NULL, "brief", SCH_AV_FLAG, "Print as a table" },
	{ NULL, "compact", SCH_AV_FLAG, "Export only values that differ "
	  "from defaults" },
	{ NULL, "copy-from", SCH_AV_ITEM, "Item to copy the values from" },
	{ NULL, "count-only", SCH_AV_FLAG, "Print only the number of items" },
	{ NULL, "destination", SCH_AV_ITEM, "Item before which to move" },
	{ NULL, "detail", SCH_AV_FLAG, "Print all properties of each item" },
	{ NULL, "follow", SCH_AV_FLAG, "Print, then keep printing new and "
	  "changed items until Ctrl-C" },
	{ NULL, "follow-only", SCH_AV_FLAG, "Print only new and changed "
	  "items until Ctrl-C" },
	{ NULL, "group-by", SCH_AV_PROP, "Group the output by this "
	  "property" },
	{ NULL, "hide-sensitive", SCH_AV_FLAG, "Leave out passwords and "
	  "keys" },
	{ NULL, "number", SCH_AV_ITEM, "Item number" },
	{ NULL, "numbers", SCH_AV_ITEMS, "List of item numbers" },
	{ NULL, "once", SCH_AV_FLAG, "Print once and stop" },
	{ NULL, "place-before", SCH_AV_ITEM, "Item before which to add the "
	  "new one" },
	{ NULL, "proplist", SCH_AV_PROPS, "Properties to print, in this "
	  "order" },
	{ NULL, "show-ids", SCH_AV_FLAG, "Print internal ids instead of "
	  "item numbers" },
	{ NULL, "show-sensitive", SCH_AV_FLAG, "Also show passwords and "
	  "keys" },
	{ NULL, "stats", SCH_AV_FLAG, "Print statistics counters" },
	{ NULL, "value-list", SCH_AV_FLAG, "Print one value per line" },
	{ NULL, "value-name", SCH_AV_PROP, "Name of the property" },
	{ NULL, "where", SCH_AV_WHERE, "Condition the items must match" },
	{ NULL, "without-paging", SCH_AV_FLAG, "Print without stopping at "
	  "each screenful" },
};

const struct sch_arg_help *
sch_arg_help(const char *cmd, const char *arg)
{
	size_t i;

	if (arg == NULL)
		return NULL;
	for (i = 0; i < SCH_NELEM(sch_args); i++) {
		const struct sch_arg_help *a = &sch_args[i];

		if (strcmp(a->arg, arg) == 0 && (a->cmd == NULL ||
		    (cmd != NULL && strcmp(a->cmd, cmd) == 0)))
			return a;
	}
	return NULL;
}

/* Fixed synopses; NULL where sch_prop_synopsis() builds the text. */
static const char *const sch_type_text[ST__COUNT] = {
	[ST_STRING] = "string",
	[ST_NAME] = "name",
	[ST_BOOL] = "yes | no",
	[ST_IP] = "IP address (A.B.C.D)",
	[ST_IP_PREFIX] = "IP address with prefix length (A.B.C.D/M)",
	[ST_IP_NET] = "IP network (A.B.C.D/M)",
	[ST_IP_RANGES] = "address ranges (A.B.C.D-A.B.C.D, A.B.C.D/M), "
	    "comma separated",
	[ST_ADDR_MATCH] = "address, prefix or range (A.B.C.D, A.B.C.D/M, "
	    "A.B.C.D-A.B.C.D)",
	[ST_PORTS] = "ports (500, 1000-2000), comma separated",
	[ST_PROTOCOL] = "protocol name or number 0..255",
	[ST_IP_LIST] = "IP addresses, comma separated",
	[ST_ADDR_LIST] = "addresses or prefixes, comma separated",
	[ST_ANY_ADDR] = "IPv4 or IPv6 address, prefix or DNS name",
	[ST_HEX] = "hexadecimal number",
	[ST_SIZE] = "size in bytes",
	[ST_DATETIME] = "date and time",
};

/* Append "a | b | c" for a word list. */
static size_t
sch_syn_words(char *buf, size_t sz, size_t at, const char *const *w)
{
	for (; w != NULL && *w != NULL && at < sz; w++)
		at += (size_t)snprintf(buf + at, sz - at, "%s%s",
		    at > 0 ? " | " : "", *w);
	return at < sz ? at : sz - 1;
}

static size_t
sch_syn_range(const struct sch_prop *p, char *buf, size_t sz)
{
	char lo[32], hi[32];

	if (p->type == ST_TIME) {
		if (p->min == 0 && p->max == 0)
			return (size_t)snprintf(buf, sz, "time interval");
		sch_time_format(p->min * 1000000000LL, lo, sizeof(lo));
		sch_time_format(p->max * 1000000000LL, hi, sizeof(hi));
		return (size_t)snprintf(buf, sz, "time interval %s..%s", lo,
		    hi);
	}
	if (p->min == 0 && p->max == 0)
		return (size_t)snprintf(buf, sz, "integer number");
	return (size_t)snprintf(buf, sz, "%lld..%lld", p->min, p->max);
}

void
sch_prop_synopsis(const struct sch_prop *p, char *buf, size_t sz)
{
	size_t at = 0;

	if (sz == 0)
		return;
	buf[0] = '\0';
	switch (p->type) {
	case ST_ENUM:
	case ST_ENUM_LIST:
		at = sch_syn_words(buf, sz, 0, p->values);
		if (p->type == ST_ENUM_LIST && at + 1 < sz)
			at += (size_t)snprintf(buf + at, sz - at,
			    ", comma separated");
		break;
	case ST_INT:
	case ST_TIME:
		at = sch_syn_range(p, buf, sz);
		break;
	case ST_REF:
	case ST_REF_LIST:
	case ST_IP_OR_REF:
		at = (size_t)snprintf(buf, sz, "%s%s item%s",
		    p->type == ST_IP_OR_REF ? "IP address or name of a " :
		    "name of a ", p->ref ? p->ref : "", p->type == ST_REF_LIST ?
		    ", comma separated" : "");
		break;
	default:
		if (p->type < ST__COUNT && sch_type_text[p->type] != NULL)
			at = (size_t)snprintf(buf, sz, "%s",
			    sch_type_text[p->type]);
		break;
	}
	if (at >= sz)
		at = sz - 1;
	if (p->words != NULL && p->type != ST_ENUM && p->type != ST_ENUM_LIST)
		at = sch_syn_words(buf, sz, at, p->words);
	if ((p->flags & P_NEGATE) && at + 1 < sz)
		snprintf(buf + at, sz - at, " (! negates)");
}
