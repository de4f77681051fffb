/*
 * candidates.c - the words that may go where gr_complete() found the
 * cursor, with their one-line help, taken from the RouterOS command tree
 * (menus, commands, argument names) and the schema (properties,
 * enumeration values, booleans, help texts).  Also two small questions
 * the interactive console asks about a whole line: does it set a
 * sensitive value (then it stays out of the history file), and which
 * brackets are still open (the continuation prompt shows them).
 *
 * Pure: no I/O, no globals.
 */
#include <stdio.h>
#include <string.h>

#include "grammar_local.h"

/* ------------------------------------------------------------------ */
/* Candidates from the command tree and the schema                     */
/* ------------------------------------------------------------------ */

static void
cx_emit(const struct gr_cpl *c, gr_cand_fn fn, void *ctx, const char *word,
    const char *help, enum gr_cand_kind kind)
{
	struct gr_cand cd;

	if (strncmp(word, c->word, c->wordlen) != 0)
		return;
	cd.word = word;
	cd.help = help;
	cd.kind = kind;
	fn(ctx, &cd);
}

static const struct ct_node *
cx_menu_node(const struct gr_cpl *c)
{
	return strcmp(c->menu, "/") == 0 ? ct_root() : ct_lookup(c->menu);
}

static const struct ct_node *
cx_cmd_node(const struct gr_cpl *c)
{
	const struct ct_node *dir = cx_menu_node(c);

	if (dir == NULL || c->cmd[0] == '\0')
		return NULL;
	return ct_child_exact(dir, c->cmd, strlen(c->cmd));
}

static const char *
cx_submenu_help(const struct gr_cpl *c, const char *name)
{
	char path[GR_PATH_MAX + 64];
	const struct sch_menu *m;

	snprintf(path, sizeof(path), "%s/%s", strcmp(c->menu, "/") == 0 ? "" :
	    c->menu, name);
	m = sch_menu_find(path);
	return m != NULL ? m->help : NULL;
}

static void
cx_path_cands(const struct gr_cpl *c, gr_cand_fn fn, void *ctx)
{
	const struct ct_node *dir = cx_menu_node(c);
	unsigned i;

	for (i = 0; dir != NULL && i < dir->nkids; i++) {
		const struct ct_node *k = &dir->kids[i];

		if (k->kind == CT_DIR && !c->root_only)
			cx_emit(c, fn, ctx, k->name, cx_submenu_help(c, k->name),
			    GR_CAND_MENU);
		else if (k->kind == CT_CMD)
			cx_emit(c, fn, ctx, k->name, sch_cmd_help(c->menu,
			    k->name), GR_CAND_CMD);
	}
}

/* Help of an argument: the property's own, else the shared table's. */
static const char *
cx_arg_help(const struct gr_cpl *c, const char *arg)
{
	const struct sch_menu *m = sch_menu_find(c->menu);
	const struct sch_prop *p = m ? sch_prop_find(m, arg, NULL) : NULL;
	const struct sch_arg_help *ah;

	if (p != NULL)
		return p->help;
	ah = sch_arg_help(c->cmd, arg);
	return ah != NULL ? ah->help : NULL;
}

static void
cx_words(const struct gr_cpl *c, gr_cand_fn fn, void *ctx,
    const char *const *w)
{
	for (; w != NULL && *w != NULL; w++)
		cx_emit(c, fn, ctx, *w, NULL, GR_CAND_VALUE);
}

static void
cx_props(const struct gr_cpl *c, gr_cand_fn fn, void *ctx,
    enum gr_cand_kind kind)
{
	const struct sch_menu *m = sch_menu_find(c->menu);
	const struct sch_prop *p;

	for (p = m ? m->props : NULL; p != NULL && p->name != NULL; p++)
		if (!(p->flags & P_SET_ONLY))
			cx_emit(c, fn, ctx, p->name, p->help, kind);
}

static const char *const cx_bool_words[] = { "yes", "no", NULL };

/* Values of argument arg the schema knows without the store. */
static void
cx_value_cands(const struct gr_cpl *c, const char *arg, gr_cand_fn fn,
    void *ctx)
{
	const struct sch_menu *m = sch_menu_find(c->menu);
	const struct sch_prop *p = m ? sch_prop_find(m, arg, NULL) : NULL;
	const struct sch_arg_help *ah;

	if (p != NULL) {
		if (p->type == ST_BOOL)
			cx_words(c, fn, ctx, cx_bool_words);
		if (p->type == ST_ENUM || p->type == ST_ENUM_LIST)
			cx_words(c, fn, ctx, p->values);
		cx_words(c, fn, ctx, p->words);
		return;
	}
	ah = sch_arg_help(c->cmd, arg);
	if (ah == NULL)
		return;
	if (ah->kind == SCH_AV_PROP || ah->kind == SCH_AV_PROPS)
		cx_props(c, fn, ctx, GR_CAND_VALUE);
	else if (ah->kind == SCH_AV_FLAG)
		cx_words(c, fn, ctx, cx_bool_words);
}

static int
cx_is_given(const struct gr_cpl *c, const char *name)
{
	int i;

	for (i = 0; i < c->ngiven; i++)
		if (strcmp(c->given[i], name) == 0)
			return 1;
	return 0;
}

static void
cx_arg_cands(const struct gr_cpl *c, gr_cand_fn fn, void *ctx)
{
	const struct ct_node *cmd = cx_cmd_node(c);
	unsigned i;

	for (i = 0; cmd != NULL && i < cmd->nkids; i++) {
		const char *name = cmd->kids[i].name;
		enum ct_valkind k;

		if (cx_is_given(c, name))
			continue;
		k = ct_arg_kind(c->menu, cmd, name);
		/* !name unsets: no value follows */
		cx_emit(c, fn, ctx, name, cx_arg_help(c, name),
		    k == CT_VAL_FLAG || k == CT_VAL_WHERE || c->negated ?
		    GR_CAND_FLAG : GR_CAND_ARG);
	}
	if (c->arg[0] != '\0' && !c->negated)
		cx_value_cands(c, c->arg, fn, ctx);
}

void
gr_candidates(const struct gr_cpl *c, gr_cand_fn fn, void *ctx)
{
	switch (c->what) {
	case GR_CPL_PATH:
		cx_path_cands(c, fn, ctx);
		break;
	case GR_CPL_ARG:
		cx_arg_cands(c, fn, ctx);
		break;
	case GR_CPL_VALUE:
	case GR_CPL_WHERE_VALUE:
		cx_value_cands(c, c->arg, fn, ctx);
		break;
	case GR_CPL_WHERE:
		cx_props(c, fn, ctx, GR_CAND_PROP);
		break;
	default:
		break;
	}
}

/* What an argument that is not a property takes, in words. */
static const char *
cx_av_synopsis(enum sch_argval k)
{
	switch (k) {
	case SCH_AV_FLAG: return "yes | no";
	case SCH_AV_ITEMS: return "item numbers or names, comma separated";
	case SCH_AV_ITEM: return "item number or name";
	case SCH_AV_PROPS: return "property names, comma separated";
	case SCH_AV_PROP: return "property name";
	case SCH_AV_WHERE: return "expression over the item properties";
	case SCH_AV_FILE: return "file name";
	case SCH_AV_TIME: return "time interval";
	default: return "";
	}
}

int
gr_value_help(const struct gr_cpl *c, const char *arg, struct gr_valhelp *h)
{
	const struct sch_menu *m = sch_menu_find(c->menu);
	const struct sch_prop *p = m ? sch_prop_find(m, arg, NULL) : NULL;
	const struct sch_arg_help *ah = sch_arg_help(c->cmd, arg);

	memset(h, 0, sizeof(*h));
	h->name = arg;
	if (p != NULL) {
		h->help = p->help;
		h->dflt = p->dflt;
		h->ref = p->ref;
		sch_prop_synopsis(p, h->synopsis, sizeof(h->synopsis));
		return 0;
	}
	if (ah == NULL)
		return -1;
	h->help = ah->help;
	h->items = ah->kind == SCH_AV_ITEMS || ah->kind == SCH_AV_ITEM;
	snprintf(h->synopsis, sizeof(h->synopsis), "%s",
	    cx_av_synopsis(ah->kind));
	return 0;
}

const char *
gr_context_help(const struct gr_cpl *c)
{
	const struct sch_menu *m;
	const struct sch_arg_help *ah;

	switch (c->what) {
	case GR_CPL_PATH:
		m = sch_menu_find(c->menu);
		return m != NULL ? m->help : NULL;
	case GR_CPL_ARG:
		return sch_cmd_help(c->menu, c->cmd);
	case GR_CPL_WHERE:
		ah = sch_arg_help(NULL, "where");
		return ah != NULL ? ah->help : NULL;
	default:
		return NULL;
	}
}

/* ------------------------------------------------------------------ */
/* Lines that must not reach the history file (§7.2)                   */
/* ------------------------------------------------------------------ */

/*
 * Is `arg` a sensitive property?  In an implemented menu the schema
 * says so; elsewhere (root commands such as /password) a name that is,
 * or ends in, the name of a sensitive property of any menu counts.
 */
static int
cx_name_sensitive(const struct sch_menu *m, const char *arg, size_t len,
    int prefix)
{
	const struct sch_prop *p;
	int i;

	if (m != NULL) {
		p = sch_prop_find(m, arg, NULL);
		if (p != NULL)
			return (p->flags & P_SENSITIVE) != 0;
	}
	for (i = 0; sch_menus[i] != NULL; i++) {
		for (p = sch_menus[i]->props; p->name != NULL; p++) {
			size_t n = strlen(p->name);

			if (!(p->flags & P_SENSITIVE))
				continue;
			if (len >= n && memcmp(arg + len - n, p->name, n) == 0)
				return 1;
			if (prefix && len >= 2 && len < n &&
			    memcmp(arg, p->name, len) == 0)
				return 1;
		}
	}
	return 0;
}

static int
cx_ast_sensitive(const struct ast_node *n, int depth)
{
	const struct sch_menu *m;
	int i;

	if (n == NULL || depth > 4 * GR_MAX_DEPTH)
		return 0;
	if (n->type == AST_CMD || n->type == AST_CALL) {
		m = n->type == AST_CMD ? sch_menu_find(n->path) : NULL;
		for (i = 0; i < n->nargs; i++) {
			const struct ast_arg *a = &n->args[i];

			if (n->type == AST_CMD && !a->negated &&
			    cx_name_sensitive(m, a->name, strlen(a->name), 0))
				return 1;
			if (cx_ast_sensitive(a->value, depth + 1))
				return 1;
		}
	}
	for (i = 0; i < n->nkids; i++)
		if (cx_ast_sensitive(n->kids[i], depth + 1))
			return 1;
	return 0;
}

/* Unparsable text: any name= that may abbreviate a sensitive name. */
static int
cx_text_sensitive(const char *src, size_t len)
{
	size_t i, s;

	for (i = 0; i < len; i++) {
		if (src[i] != '=')
			continue;
		for (s = i; s > 0 && (lx_class[(unsigned char)src[s - 1]] &
		    LX_C_PATH) && src[s - 1] != ','; s--)
			;
		if (s < i && cx_name_sensitive(NULL, src + s, i - s, 1))
			return 1;
	}
	return 0;
}

int
gr_line_sensitive(const char *src, size_t len, const char *cwd)
{
	struct gr_opts o = { cwd, 1 };
	struct gr_error err;
	struct ast_node *n;
	int rc;

	n = gr_parse(src, len, &o, &err, NULL);
	if (n == NULL)
		return cx_text_sensitive(src, len);
	rc = cx_ast_sensitive(n, 0);
	ast_free(n);
	return rc;
}

/* ------------------------------------------------------------------ */
/* An entry about to run                                               */
/* ------------------------------------------------------------------ */

static void
cx_scan_node(const struct ast_node *n, struct gr_line_info *li, int depth)
{
	int i;

	if (n == NULL || depth > 4 * GR_MAX_DEPTH)
		return;
	if (n->type == AST_CMD) {
		for (i = 0; i < n->nargs; i++) {
			if (strcmp(n->args[i].name, SCH_ARG_NOPAGING) == 0)
				li->nopage = 1;
			cx_scan_node(n->args[i].value, li, depth + 1);
		}
	}
	for (i = 0; i < n->nkids; i++)
		cx_scan_node(n->kids[i], li, depth + 1);
}

void
gr_line_info(const char *src, size_t len, const char *cwd,
    struct gr_line_info *li)
{
	struct gr_opts o = { cwd, 1 };
	struct gr_error err;
	struct ast_node *root;
	const struct ast_node *c;

	memset(li, 0, sizeof(*li));
	root = gr_parse(src, len, &o, &err, &li->incomplete);
	if (root == NULL)
		return;
	c = root->nkids == 1 ? root->kids[0] : NULL;
	li->quit = c != NULL && c->type == AST_CMD &&
	    strcmp(c->path, "/") == 0 && strcmp(c->name, SCH_CMD_QUIT) == 0;
	cx_scan_node(root, li, 0);
	ast_free(root);
}

/* ------------------------------------------------------------------ */
/* Open delimiters, for the continuation prompt (§7.1)                 */
/* ------------------------------------------------------------------ */

size_t
gr_open_delims(const char *src, size_t len, char *out, size_t outsz)
{
	char st[GR_MAX_DEPTH];
	size_t i, n = 0, o = 0, end = len;
	int in_str = 0;

	for (i = 0; i < len; i++) {
		char ch = src[i];

		if (ch == '\\') {
			i++;
			continue;
		}
		if (in_str) {
			in_str = ch != '"';
			continue;
		}
		if (ch == '"')
			in_str = 1;
		else if ((ch == '{' || ch == '[' || ch == '(') && n < sizeof(st))
			st[n++] = ch;
		else if ((ch == '}' || ch == ']' || ch == ')') && n > 0)
			n--;
	}
	while (end > 0 && (src[end - 1] == ' ' || src[end - 1] == '\t' ||
	    src[end - 1] == '\n' || src[end - 1] == '\r'))
		end--;
	if (outsz == 0)
		return 0;
	for (i = 0; i < n && o + 1 < outsz; i++)
		out[o++] = st[i];
	if (in_str && o + 1 < outsz)
		out[o++] = '"';
	if (end > 0 && src[end - 1] == '\\' && o + 1 < outsz)
		out[o++] = '\\';
	out[o] = '\0';
	return o;
}
