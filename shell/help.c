/*
 * help.c - what `?` and F1 show (console-language §7.2): the menus and
 * commands of a menu, the arguments of a command, the values of an
 * argument, each with its one line of help from the schema; and the
 * compact candidate list of a double Tab.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell_local.h"

#define SH_HELP_NAMEW	28	/* widest name column of a help list */

/* The word as a list shows it: argument names with their '='. */
static void
sh_cand_label(const struct sh_cand *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s", v->word, v->kind == GR_CAND_ARG ? "=" :
	    "");
}

static int
sh_label_width(const struct sh_cand *v)
{
	return (int)strlen(v->word) + (v->kind == GR_CAND_ARG);
}

/* Words of the given kinds (all when kinds == 0) in columns. */
static void
sh_columns(FILE *out, const struct sh_cands *c, int width, int indent,
    int items_only)
{
	char label[300];
	int i, k, n = 0, w = 0, ncol, nrow, r, col;
	int *idx = calloc((size_t)c->n + 1, sizeof(int));

	if (idx == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		if (items_only && c->v[i].kind != SH_CAND_ITEM &&
		    c->v[i].kind != GR_CAND_VALUE)
			continue;
		idx[n++] = i;
		if (sh_label_width(&c->v[i]) > w)
			w = sh_label_width(&c->v[i]);
	}
	w += 2;
	ncol = width > indent + w ? (width - indent) / w : 1;
	nrow = (n + ncol - 1) / ncol;
	for (r = 0; r < nrow; r++) {
		fprintf(out, "%*s", indent, "");
		for (col = 0; col < ncol; col++) {
			k = col * nrow + r;
			if (k >= n)
				break;
			sh_cand_label(&c->v[idx[k]], label, sizeof(label));
			if (col + 1 < ncol && (col + 1) * nrow + r < n)
				fprintf(out, "%-*s", w, label);
			else
				fputs(label, out);
		}
		fputc('\n', out);
	}
	free(idx);
}

void
sh_list_columns(FILE *out, const struct sh_cands *c, int width)
{
	sh_columns(out, c, width, 0, 0);
}

/* Is kind one of the bits of mask (enum gr_cand_kind only)? */
static int
sh_kind_in(int kind, int mask)
{
	return kind >= 0 && kind < 16 && (mask & (1 << kind)) != 0;
}

/* "  name          help" lines for candidates that are not values. */
static void
sh_help_lines(FILE *out, const struct sh_cands *c, int kinds_mask)
{
	char label[300];
	int i, w = 0;

	for (i = 0; i < c->n; i++)
		if (sh_kind_in(c->v[i].kind, kinds_mask) &&
		    sh_label_width(&c->v[i]) > w)
			w = sh_label_width(&c->v[i]);
	if (w > SH_HELP_NAMEW)
		w = SH_HELP_NAMEW;
	for (i = 0; i < c->n; i++) {
		if (!sh_kind_in(c->v[i].kind, kinds_mask))
			continue;
		sh_cand_label(&c->v[i], label, sizeof(label));
		if (c->v[i].help != NULL)
			fprintf(out, "  %-*s  %s\n", w, label, c->v[i].help);
		else
			fprintf(out, "  %s\n", label);
	}
}

#define SH_K(k)	(1 << (k))
#define SH_NAMES (SH_K(GR_CAND_MENU) | SH_K(GR_CAND_CMD) | \
	SH_K(GR_CAND_ARG) | SH_K(GR_CAND_FLAG) | SH_K(GR_CAND_PROP))

static int
sh_count_values(const struct sh_cands *c)
{
	int i, n = 0;

	for (i = 0; i < c->n; i++)
		if (c->v[i].kind == SH_CAND_ITEM || c->v[i].kind ==
		    GR_CAND_VALUE)
			n++;
	return n;
}

/* Heading and values of one argument (name=?, or set's numbers). */
static void
sh_help_value(FILE *out, struct eng *e, const struct sh_cands *c,
    const char *arg, int width)
{
	struct gr_valhelp vh;
	long long cnt = -1;

	if (gr_value_help(&c->cpl, arg, &vh) == 0) {
		fprintf(out, "%s -- %s\n", arg, vh.help ? vh.help : "");
		/* enumerations list their values below: no synopsis */
		if (c->nstatic == 0 && vh.synopsis[0] != '\0')
			fprintf(out, "  %s\n", vh.synopsis);
		if (e != NULL && vh.items)
			cnt = eng_item_count(e, c->cpl.menu);
	} else {
		memset(&vh, 0, sizeof(vh));
		fprintf(out, "%s\n", arg);
	}
	if (cnt == 1)
		fputs("  item number 0\n", out);
	else if (cnt > 1)
		fprintf(out, "  item numbers 0..%lld\n", cnt - 1);
	if (sh_count_values(c) > 0)
		sh_columns(out, c, width, 2, 1);
	if (vh.dflt != NULL && vh.dflt[0] != '\0')
		fprintf(out, "  default: %s\n", vh.dflt);
}

void
sh_help_print(FILE *out, struct eng *e, const struct sh_cands *c, int width)
{
	const struct gr_cpl *cpl = &c->cpl;
	const char *h = gr_context_help(cpl);

	switch (cpl->what) {
	case GR_CPL_PATH:
	case GR_CPL_WHERE:
		if (h != NULL)
			fprintf(out, "%s\n", h);
		sh_help_lines(out, c, SH_NAMES);
		break;
	case GR_CPL_ARG:
		if (h != NULL)
			fprintf(out, "%s\n", h);
		if (cpl->arg[0] != '\0' && !cpl->negated)
			sh_help_value(out, e, c, cpl->arg, width);
		sh_help_lines(out, c, SH_NAMES);
		break;
	case GR_CPL_VALUE:
	case GR_CPL_WHERE_VALUE:
		sh_help_value(out, e, c, cpl->arg, width);
		break;
	default:
		break;
	}
	fflush(out);
}
