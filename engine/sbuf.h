/*
 * sbuf.h - growable byte buffer used for console output and SQL text.
 * Allocation failure aborts: the console is a short-lived process and a
 * half-written answer is worse than none.
 */
#ifndef ROSH_SBUF_H
#define ROSH_SBUF_H

#include <stdarg.h>
#include <stddef.h>

struct sbuf {
	char *s;	/* always NUL-terminated when cap > 0 */
	size_t len;
	size_t cap;
};

void sb_init(struct sbuf *b);
void sb_fini(struct sbuf *b);
void sb_reset(struct sbuf *b);
void sb_putc(struct sbuf *b, char c);
void sb_put(struct sbuf *b, const char *s, size_t n);
void sb_puts(struct sbuf *b, const char *s);
void sb_printf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sbuf *b, const char *fmt, va_list ap);
/* Append n copies of c. */
void sb_pad(struct sbuf *b, char c, size_t n);
/* Detach the string (caller frees); the buffer is left empty. */
char *sb_take(struct sbuf *b);
/* Current contents as a C string ("" when empty). */
const char *sb_str(const struct sbuf *b);

#endif
