/*
 * menu.c - dispatch of menu commands, dynamic items derived from
 * configuration, and menus that mirror the host (links, files).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "actions.h"
#include "engine_local.h"

static int
menu_edit(struct xctx *x, const struct ast_node *c)
{
	return eng_fail_node(x->e, c, "failure: edit is not supported "
	    "non-interactively, use set");
}

/* Requests for the daemon (actions.c); without one running there is
 * nothing to act on, which the console says instead of failing the
 * script. */
static int
menu_daemon_action(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c)
{
	return act_request(x, m, c);
}

/* :log info "x" and /log warning "x": a script message at that level. */
static int
menu_log_write(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c)
{
	const struct ast_arg *a = cmd_arg(c, "message");
	char *msg = NULL, topics[64];
	int rc;

	(void)m;
	if (a && a->value && eval_text(x, a->value, &msg) < 0)
		return -1;
	snprintf(topics, sizeof(topics), "script,%s", c->name);
	rc = eng_log(x->e, topics, msg ? msg : "");
	free(msg);
	return rc < 0 ? eng_fail_node(x->e, c, "failure: cannot log") : 0;
}

static int
menu_specific(struct xctx *x, const struct sch_menu *m,
    const struct ast_node *c, struct val *ret, int *handled)
{
	const char *n = c->name;

	*handled = 1;
	(void)ret;
	if (strcmp(n, "flush") == 0 || strcmp(n, "kill-connections") == 0)
		return menu_daemon_action(x, m, c);
	if (strcmp(n, "info") == 0 || strcmp(n, "warning") == 0 ||
	    strcmp(n, "error") == 0 || strcmp(n, "debug") == 0)
		return menu_log_write(x, m, c);
	if (strcmp(n, "save") == 0 || strcmp(n, "load") == 0)
		return cmd_backup(x, c);
	*handled = 0;
	return -1;
}

int
menu_cmd(struct xctx *x, const struct sch_menu *m, const struct ast_node *c,
    struct val *ret)
{
	const char *n = c->name;
	int handled, rc;

	*ret = val_nothing();
	if (strcmp(n, "add") == 0)
		return cmd_add(x, m, c, ret);
	if (strcmp(n, "set") == 0)
		return cmd_set(x, m, c, SET_SET);
	if (strcmp(n, "unset") == 0)
		return cmd_set(x, m, c, SET_UNSET);
	if (strcmp(n, "reset") == 0)
		return cmd_set(x, m, c, SET_RESET);
	if (strcmp(n, "enable") == 0)
		return cmd_set(x, m, c, SET_ENABLE);
	if (strcmp(n, "disable") == 0)
		return cmd_set(x, m, c, SET_DISABLE);
	if (strcmp(n, "comment") == 0)
		return cmd_set(x, m, c, SET_COMMENT);
	if (strcmp(n, "remove") == 0) {
		if (m->flags & M_RUNTIME)
			return menu_daemon_action(x, m, c);
		return cmd_remove(x, m, c);
	}
	if (strcmp(n, "move") == 0)
		return cmd_move(x, m, c);
	if (strcmp(n, "get") == 0)
		return cmd_get(x, m, c, ret);
	if (strcmp(n, "find") == 0)
		return cmd_find(x, m, c, ret);
	if (strcmp(n, "print") == 0)
		return cmd_print(x, m, c, ret);
	if (strcmp(n, "export") == 0)
		return cmd_export(x, m->path, c);
	if (strcmp(n, "edit") == 0)
		return menu_edit(x, c);
	rc = menu_specific(x, m, c, ret, &handled);
	if (handled)
		return rc;
	if (x->e->checking)
		return 0;
	return eng_fail_node(x->e, c, "not supported: %s %s is not "
	    "implemented by rosh", m->path, n);
}

/* ------------------------------------------------------------------ */
/* Derived dynamic items                                               */
/* ------------------------------------------------------------------ */

int
derive_refresh(struct xctx *x, const struct sch_menu *src)
{
	struct sch_derived d[8];
	struct st_row *rows = NULL;
	char **vals;
	int nrows, nd, i, k, pi, n, rc = 0;

	if (st_delete_owned(x->e, src->path) < 0)
		return eng_fail(x->e, 0, 0, "failure: %s", st_errmsg(x->e));
	nrows = st_rows(x->e, src, NULL, NULL, &rows);
	if (nrows < 1) {
		st_rows_free(src, rows, nrows < 0 ? 0 : nrows);
		return nrows < 0 ? -1 : 0;
	}
	nd = sch_derive_items(src, rows[0].vals, d, 8);
	for (i = 0; i < nd && rc == 0; i++) {
		n = sch_prop_count(d[i].menu);
		vals = calloc((size_t)n + 1, sizeof(char *));
		for (k = 0; d[i].kv[k]; k += 2)
			if (sch_prop_find(d[i].menu, d[i].kv[k], &pi) &&
			    d[i].kv[k + 1])
				vals[pi] = strdup(d[i].kv[k + 1]);
		if (st_insert(x->e, d[i].menu, vals, -1, src->path, -1) < 0)
			rc = -1;
		for (k = 0; k < n; k++)
			free(vals[k]);
		free(vals);
	}
	st_rows_free(src, rows, nrows);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Menus mirroring the host                                            */
/* ------------------------------------------------------------------ */

static const struct sch_menu *
menu_with_flag(unsigned flag)
{
	int i;

	for (i = 0; sch_menus[i]; i++)
		if (sch_menus[i]->flags & flag)
			return sch_menus[i];
	return NULL;
}

/*
 * Rewrite the mirrored rows: keep what the admin configured (comment,
 * disabled...) for links still present, drop rows of vanished ones.
 */
static int
mirror_sync(struct eng *e, const struct sch_menu *m,
    char ***items, int nitems)
{
	struct st_row *rows = NULL;
	int n = sch_prop_count(m), nrows, i, k, pi, found, rc = 0;

	if (m->name_prop == NULL || sch_prop_find(m, m->name_prop, &pi) ==
	    NULL)
		return -1;
	nrows = st_rows(e, m, NULL, NULL, &rows);
	if (nrows < 0)
		return -1;
	for (i = 0; i < nrows && rc == 0; i++) {
		for (found = 0, k = 0; k < nitems && !found; k++)
			found = items[k][pi] && rows[i].vals[pi] &&
			    strcmp(items[k][pi], rows[i].vals[pi]) == 0;
		if (!found)
			rc = st_delete(e, m, rows[i].id);
	}
	for (k = 0; k < nitems && rc == 0; k++) {
		long long id = st_find_value(e, m, pi, items[k][pi], -1);
		struct st_row r;

		if (id < 0) {
			rc = st_insert(e, m, items[k], -1, NULL, -1) < 0 ?
			    -1 : 0;
			continue;
		}
		if (st_row_get(e, m, id, &r) < 0)
			continue;
		/* Configured (settable) values stay as the admin set them. */
		for (i = 0; i < n; i++) {
			if (!(m->props[i].flags & P_RO) && r.vals[i]) {
				free(items[k][i]);
				items[k][i] = strdup(r.vals[i]);
			}
		}
		st_row_fini(m, &r);
		rc = st_update(e, m, id, items[k]);
	}
	st_rows_free(m, rows, nrows);
	return rc;
}

static void
items_free(char ***items, int nitems, int nprops)
{
	int i, k;

	for (i = 0; i < nitems; i++) {
		for (k = 0; k < nprops; k++)
			free(items[i][k]);
		free(items[i]);
	}
	free(items);
}

/* The counters print stats shows, read with the links. */
static void
links_counters(const struct sch_menu *m, char **row, const struct eng_link *l)
{
	struct sch_link_counters c = {
		l->rx_byte, l->tx_byte, l->rx_packet, l->tx_packet,
		l->rx_drop, l->tx_drop, l->rx_error, l->tx_error
	};

	if (row != NULL)
		(void)sch_link_state_put(m, row, l->running, &c);
}

int
links_refresh(struct eng *e)
{
	const struct sch_menu *m = menu_with_flag(M_KERNEL_LINKS);
	const struct eng_backend *be = e->o.backend;
	struct eng_link *links = NULL;
	char ***items, err[256];
	int n = 0, i, np, rc;

	if (m == NULL || be == NULL || be->link_list == NULL)
		return 0;
	if (be->link_list(be->ctx, &links, &n, err, sizeof(err)) < 0)
		return eng_fail(e, 0, 0, "failure: %s", err);
	np = sch_prop_count(m);
	items = calloc((size_t)n + 1, sizeof(char **));
	for (i = 0; i < n; i++) {
		items[i] = sch_link_row(m, &links[i].name[0], links[i].type,
		    links[i].mtu, links[i].mac, links[i].running,
		    !links[i].up);
		links_counters(m, items[i], &links[i]);
	}
	free(links);
	rc = mirror_sync(e, m, items, n);
	items_free(items, n, np);
	return rc;
}

int
files_refresh(struct eng *e)
{
	const struct sch_menu *m = menu_with_flag(M_FILES);
	struct dirent **ents = NULL, *de;
	struct stat stt;
	char ***items = NULL, path[4096], tbuf[32];
	int n = 0, np, rc, nents, i;

	/* Sorted by name: files found by one refresh are listed in the
	 * same order on every filesystem, not in readdir order. */
	if (m == NULL || (nents = scandir(e->files_dir, &ents, NULL,
	    alphasort)) < 0)
		return 0;
	np = sch_prop_count(m);
	for (i = 0; i < nents; i++) {
		de = ents[i];
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", e->files_dir,
		    de->d_name);
		if (stat(path, &stt) < 0)
			continue;
		strftime(tbuf, sizeof(tbuf), "%Y-%m-%d %H:%M:%S",
		    localtime(&stt.st_mtime));
		items = realloc(items, (size_t)(n + 1) * sizeof(*items));
		items[n++] = sch_file_row(m, de->d_name, S_ISDIR(stt.st_mode),
		    (long long)stt.st_size, tbuf);
	}
	for (i = 0; i < nents; i++)
		free(ents[i]);
	free(ents);
	rc = mirror_sync(e, m, items, n);
	items_free(items, n, np);
	return rc;
}
