/* strbuf.h — a growable byte buffer that is always NUL-terminated. */
#ifndef MT_STRBUF_H
#define MT_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;      /* NUL-terminated; NULL until the first append */
	size_t len;     /* bytes used, not counting the NUL */
	size_t cap;     /* bytes allocated */
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_append(struct strbuf *sb, const void *data, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the contents ("" when empty); valid until the next append. */
const char *strbuf_str(const struct strbuf *sb);
/* Hands the heap string to the caller and resets the buffer. Never NULL. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);

#endif
