/*
 * fuzz_types.c - libFuzzer target for the console's value parser,
 * sch_value_check() (schema/types*.c), over every value type.
 *
 * The input describes a property, then gives the value text:
 *
 *   byte 0   bit 7 set: a real property of the schema, chosen by bytes
 *            1-2 (bytes 3- as below); clear: a made-up property whose
 *            type is byte 0 modulo ST__COUNT
 *   byte 1   made-up property: bit 0 P_NEGATE, bit 1 a value list
 *            follows, bit 2 a keyword list follows
 *   byte 2   made-up property: its min/max, from a table or (the last
 *            entry) 16 raw bytes after byte 3
 *   byte 3   size of the output buffer, 1 to 255, or 0 for 512
 *   rest     [values NUL] [words NUL] text, the lists comma-separated
 *
 * Besides the sanitizers' findings, the target aborts when the output
 * runs past its buffer or is not terminated, when a failed check leaves
 * text behind, or when a canonical value does not check again as itself
 * (what is stored and exported must read back unchanged).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_CHECK(c)	do { if (!(c)) abort(); } while (0)
#define FZ_MAX		4096
#define FZ_MAXWORDS	16
#define FZ_OUTMAX	512

/* A made-up property and the storage of its word lists. */
struct fz_prop {
	struct sch_prop p;
	const char *values[FZ_MAXWORDS + 1];
	const char *words[FZ_MAXWORDS + 1];
	char buf[FZ_MAX + 1];
};

static const long long fz_ranges[][2] = {
	{ 0, 0 }, { 0, 65535 }, { 1, 4094 }, { -1, 1 }, { 0, 86400 },
	{ 68, 65535 }, { 0, 0x7fffffffffffffffLL }, { 10, 5 },
};
#define FZ_NRANGES	(sizeof(fz_ranges) / sizeof(fz_ranges[0]))

/*
 * Split s (NUL-terminated, modified) at commas into list.  Words look
 * like RouterOS ones: empty words and other characters are dropped, and
 * keywords (words) start with a letter, as every keyword of the schema
 * does; one starting with a digit would take over numbers ("7" would
 * complete to a keyword "74d"), which the schema never asks for.
 */
static void
fz_list(char *s, const char **list, int keywords)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
	int n = 0;
	char *w, *c;

	for (w = s; w != NULL && n < FZ_MAXWORDS; w = c) {
		if ((c = strchr(w, ',')) != NULL)
			*c++ = '\0';
		if (*w == '\0' || strspn(w, ok) != strlen(w))
			continue;
		if (keywords && !((*w >= 'a' && *w <= 'z') ||
		    (*w >= 'A' && *w <= 'Z')))
			continue;
		list[n++] = w;
	}
	list[n] = NULL;
}

/* Next NUL-terminated segment of the copy at *pos, or NULL. */
static char *
fz_segment(struct fz_prop *f, size_t len, size_t *pos)
{
	char *s = f->buf + *pos;

	if (*pos > len)
		return NULL;
	*pos += strlen(s) + 1;
	return s;
}

/* The property of bytes 0-2 (and the range bytes); text gets the rest. */
static const struct sch_prop *
fz_made_up(struct fz_prop *f, const uint8_t *d, size_t size,
    const char **text)
{
	size_t pos = 4, r = d[2] % FZ_NRANGES, len;
	char *s;

	memset(&f->p, 0, sizeof(f->p));
	f->p.name = "fz";
	f->p.type = (enum sch_type)(d[0] % ST__COUNT);
	f->p.flags = (d[1] & 1) ? P_NEGATE : 0;
	f->p.min = fz_ranges[r][0];
	f->p.max = fz_ranges[r][1];
	if (r == FZ_NRANGES - 1 && size >= pos + 16) {
		memcpy(&f->p.min, d + pos, 8);
		memcpy(&f->p.max, d + pos + 8, 8);
		pos += 16;
	}
	len = size - (pos < size ? pos : size);
	memcpy(f->buf, d + size - len, len);
	f->buf[len] = '\0';
	pos = 0;
	if ((d[1] & 2) && (s = fz_segment(f, len, &pos)) != NULL) {
		fz_list(s, f->values, 0);
		f->p.values = f->values;
	}
	if ((d[1] & 4) && (s = fz_segment(f, len, &pos)) != NULL) {
		fz_list(s, f->words, 1);
		f->p.words = f->words;
	}
	*text = pos <= len ? f->buf + pos : "";
	return &f->p;
}

/* The real property of index i (modulo their number), or NULL. */
static const struct sch_prop *
fz_real(unsigned i)
{
	const struct sch_prop *p;
	unsigned n = 0, k;

	for (k = 0; sch_menus[k] != NULL; k++)
		n += (unsigned)sch_prop_count(sch_menus[k]);
	if (n == 0)
		return NULL;
	i %= n;
	for (k = 0; sch_menus[k] != NULL; k++) {
		for (p = sch_menus[k]->props; p->name != NULL; p++)
			if (i-- == 0)
				return p;
	}
	return NULL;
}

static void
fz_check(const struct sch_prop *p, const char *text, size_t outsz)
{
	char out[FZ_OUTMAX + 1], again[FZ_OUTMAX], msg[200];
	enum sch_err e, e2;

	memset(out, 'x', sizeof(out));
	e = sch_value_check(p, text, out, outsz);
	FZ_CHECK(e >= SCH_OK && e <= SCH_E_TIME);
	FZ_CHECK(out[outsz] == 'x');
	FZ_CHECK(memchr(out, '\0', outsz) != NULL);
	if (e != SCH_OK) {
		FZ_CHECK(out[0] == '\0');
		sch_err_format(e, p, msg, sizeof(msg));
		FZ_CHECK(memchr(msg, '\0', sizeof(msg)) != NULL);
		return;
	}
	e2 = sch_value_check(p, out, again, sizeof(again));
	FZ_CHECK(e2 == SCH_OK && strcmp(out, again) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz_prop f;
	const struct sch_prop *p;
	const char *text;
	char *copy;
	size_t outsz, len;

	if (size < 4 || size > FZ_MAX)
		return 0;
	outsz = data[3] ? data[3] : FZ_OUTMAX;
	if (data[0] & 0x80) {
		p = fz_real((unsigned)data[1] << 8 | data[2]);
		if (p == NULL)
			return 0;
		len = size - 4;
		memcpy(f.buf, data + 4, len);
		f.buf[len] = '\0';
		text = f.buf;
	} else
		p = fz_made_up(&f, data, size, &text);
	/* an exact-size copy: ASan sees a read past the NUL */
	if ((copy = strdup(text)) == NULL)
		return 0;
	fz_check(p, copy, outsz);
	free(copy);
	return 0;
}
