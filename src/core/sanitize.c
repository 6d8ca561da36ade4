/* sanitize.c — make outside text safe to show on a terminal. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sanitize.h"
#include "strbuf.h"

size_t
mt_utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2; min = 0x80; c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3; min = 0x800; c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4; min = 0x10000; c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Appends the harmless form of one unsafe code point or byte. */
static void
append_escaped(struct strbuf *out, unsigned cp, bool raw_byte)
{
	if (!raw_byte && cp < 0x20) {
		strbuf_putc(out, '^');
		strbuf_putc(out, (char)(cp + 0x40));
	} else if (!raw_byte && cp == 0x7f) {
		strbuf_puts(out, "^?");
	} else {
		strbuf_printf(out, "\\x%02X", cp);
	}
}

static bool
is_unsafe(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	       /* bidi overrides can disguise a name; show them too */
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char *
mt_sanitize(const char *s)
{
	struct strbuf out = STRBUF_INIT;
	if (s == NULL)
		return strbuf_detach(&out);
	size_t n = strlen(s);
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t len = mt_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			append_escaped(&out, (unsigned char)s[i], true);
			i++;
			continue;
		}
		if (cp == '\t')
			strbuf_putc(&out, ' ');
		else if (cp >= 0x80 && cp < 0xa0)
			append_escaped(&out, cp, true);
		else if (cp >= 0x202a && is_unsafe(cp))
			strbuf_printf(&out, "<U+%04X>", cp);
		else if (is_unsafe(cp))
			append_escaped(&out, cp, false);
		else
			strbuf_append(&out, s + i, len);
		i += len;
	}
	return strbuf_detach(&out);
}

bool
mt_is_terminal_safe(const char *s)
{
	size_t n = strlen(s);
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t len = mt_utf8_decode(s + i, n - i, &cp);
		if (len == 0 || cp == '\t' || is_unsafe(cp))
			return false;
		i += len;
	}
	return true;
}
