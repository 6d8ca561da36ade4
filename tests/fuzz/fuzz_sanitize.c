/* fuzz_sanitize.c — mt_sanitize and the UTF-8 decoder (sanitize.c).
 *
 * Whatever comes in, what goes out must be safe for a terminal: no C0 or C1
 * control, no DEL, no bidi override, valid UTF-8. Sanitising twice changes
 * nothing, and mt_is_terminal_safe agrees with mt_sanitize. The decoder is
 * compared with an independent reading of the UTF-8 table (RFC 3629). */
#include "config.h"

#include "fuzz.h"
#include "sanitize.h"

/* Length of the well-formed UTF-8 sequence at s, 0 when there is none;
 * written from RFC 3629's table, not from the code under test. */
static size_t
utf8_len(const unsigned char *s, size_t n, unsigned *cp)
{
	if (n == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	unsigned lo = 0x80, hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	unsigned v = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
	for (size_t i = 1; i < len; i++)
		v = (v << 6) | (s[i] & 0x3f);
	*cp = v;
	return len;
}

static int
valid_utf8(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str);
	for (size_t i = 0; i < n; ) {
		unsigned cp;
		size_t len = utf8_len(s + i, n - i, &cp);
		if (len == 0)
			return 0;
		i += len;
	}
	return 1;
}

static int
has_bidi_override(const char *s)
{
	/* U+202A..U+202E and U+2066..U+2069 */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
		                     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the decoder on the raw bytes, NULs included, at every offset */
	for (size_t i = 0; i < size; i++) {
		unsigned got = 0xffffffff, want = 0xffffffff;
		size_t n = size - i;
		size_t gl = mt_utf8_decode((const char *)data + i, n, &got);
		size_t wl = utf8_len(data + i, n, &want);
		FUZZ_CHECK(gl == wl);
		FUZZ_CHECK(gl == 0 || got == want);
		FUZZ_CHECK(gl <= n);
	}

	char *in = fuzz_cstr(data, size);
	char *out = mt_sanitize(in);
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(fuzz_no_controls(out));
	FUZZ_CHECK(valid_utf8(out));
	FUZZ_CHECK(!has_bidi_override(out));
	FUZZ_CHECK(mt_is_terminal_safe(out));
	/* at most "\xNN" (4 bytes) per byte, or "<U+202E>" (8) per 3 bytes */
	FUZZ_CHECK(strlen(out) <= 4 * strlen(in));

	char *again = mt_sanitize(out);
	FUZZ_CHECK(strcmp(again, out) == 0);
	/* safe means unchanged, and unchanged means safe */
	FUZZ_CHECK(mt_is_terminal_safe(in) == (strcmp(in, out) == 0));

	free(again);
	free(out);
	free(in);
	return 0;
}
