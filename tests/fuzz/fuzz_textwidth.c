/* fuzz_textwidth.c — display width, cutting to a width, sizes (textwidth.c).
 *
 * The first byte is the width in cells (-8..247), the second the size of
 * the output buffer (0..255), bit 0 of the third asks for padding, and the
 * rest is text, given both as it is and sanitised (the documented input).
 * The output must fit its buffer, never split a character, take at most the
 * cells asked for, and take exactly as many as the function says. */
#include "config.h"

#include <locale.h>

#include "fuzz.h"
#include "sanitize.h"
#include "textwidth.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* wide and combining characters only exist in a UTF-8 locale */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		abort();
	return 0;
}

/* True when every character of s (valid UTF-8) is whole. */
static int
whole_chars(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; ) {
		unsigned cp;
		size_t len = mt_utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			return 0;
		i += len;
	}
	return 1;
}

static void
check_fit(const char *s, int width, int pad, size_t outlen)
{
	/* exactly outlen bytes, so that ASan sees any write past them */
	char *out = malloc(outlen ? outlen : 1);
	int used = mt_text_fit(s, width, pad, out, outlen);
	if (outlen == 0) {
		FUZZ_CHECK(used == 0);
		free(out);
		return;
	}
	FUZZ_CHECK(memchr(out, '\0', outlen) != NULL);
	FUZZ_CHECK(used >= 0);
	FUZZ_CHECK(used <= (width > 0 ? width : 0));
	FUZZ_CHECK(mt_text_width(out) == used);
	if (whole_chars(s))
		FUZZ_CHECK(whole_chars(out));
	/* what is kept is the start of s */
	size_t keep = strlen(out);
	while (keep > 0 && out[keep - 1] == ' ' && pad)
		keep--;
	if (keep >= 3 && memcmp(out + keep - 3, "\xe2\x80\xa6", 3) == 0 && strncmp(out, s, keep) != 0)
		keep -= 3;
	FUZZ_CHECK(strncmp(out, s, keep) == 0);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int width = (int)fuzz_take_byte(&data, &size) - 8;
	size_t outlen = fuzz_take_byte(&data, &size);
	int pad = (int)(fuzz_take_byte(&data, &size) & 1);

	if (size >= 8) {
		int64_t bytes;
		memcpy(&bytes, data, sizeof bytes);
		char buf[32];
		mt_format_size(bytes, buf, outlen < sizeof buf ? outlen + 1 : sizeof buf);
		FUZZ_CHECK(fuzz_no_controls(buf));
	}

	char *raw = fuzz_cstr(data, size);
	FUZZ_CHECK(mt_text_width(raw) >= 0);
	check_fit(raw, width, pad, outlen);
	char *clean = mt_sanitize(raw);
	FUZZ_CHECK(mt_text_width(clean) <= (int)strlen(clean));
	check_fit(clean, width, pad, outlen);
	free(clean);
	free(raw);
	return 0;
}
