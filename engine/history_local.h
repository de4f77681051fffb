/*
 * history_local.h - what history.c (the change journal) and safemode.c
 * share.  Not for use outside those two files.
 */
#ifndef ROSH_HISTORY_LOCAL_H
#define ROSH_HISTORY_LOCAL_H

#include "engine_local.h"

/* history.c */
const struct sch_menu *hist_menu(void);
/* Run sql with one integer parameter (none when id < 0). */
int hist_exec_id(struct eng *e, const char *sql, long long id);
/* Delete the entries an SQL condition on /system history selects. */
int hist_delete_where(struct eng *e, const char *where);
/* Apply the changes of entry id (invert: undo them). */
int hist_apply(struct eng *e, long long id, int invert);

/* safemode.c */
void safe_init(struct eng *e);
/* Is safe mode held (by anyone)? */
int safe_present(struct eng *e);
/* Drop safe mode when it floats more changes than it may. */
int safe_limit(struct eng *e);
/* Is name a /safe-mode command rosh runs? */
int safe_is_cmd(const char *name);
int safe_cmd(struct xctx *x, const struct ast_node *c);

#endif /* ROSH_HISTORY_LOCAL_H */
