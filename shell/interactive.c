/*
 * interactive.c - the console loop on a terminal: prompt, read a line,
 * keep reading while the input is incomplete (open brace, quote or a
 * trailing backslash), run it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "shell.h"

static int
shell_is_quit(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return strncmp(line, "/quit", 5) == 0 || strncmp(line, "quit", 4) == 0;
}

int
shell_interactive(struct eng *e)
{
	char prompt[512], *line = NULL;
	size_t cap = 0;
	ssize_t n;
	struct sbuf buf;
	int incomplete = 0;

	sb_init(&buf);
	for (;;) {
		if (incomplete)
			snprintf(prompt, sizeof(prompt), "... ");
		else
			eng_prompt(e, prompt, sizeof(prompt));
		fputs(prompt, stdout);
		fflush(stdout);
		n = getline(&line, &cap, stdin);
		if (n < 0)
			break;
		sb_put(&buf, line, (size_t)n);
		if (!incomplete && shell_is_quit(sb_str(&buf)))
			break;
		eng_run(e, sb_str(&buf), buf.len, ENG_RUN_LINE, &incomplete);
		if (!incomplete)
			sb_reset(&buf);
	}
	fputc('\n', stdout);
	free(line);
	sb_fini(&buf);
	return 0;
}
