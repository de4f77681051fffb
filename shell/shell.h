/*
 * shell.h - the console front end: line reading and backend wiring.
 */
#ifndef ROSH_SHELL_H
#define ROSH_SHELL_H

#include "engine.h"

/* The kernel backend as the engine sees it. */
const struct eng_backend *shell_backend(void);

/* Read-eval loop on the terminal until /quit or end of input.
 * Returns the process exit status. */
int shell_interactive(struct eng *e);

#endif
