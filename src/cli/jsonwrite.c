/* jsonwrite.c — JSON text written to a stream, byte for byte as jansson's
 * json_dumps writes it (tests/unit/test_jsonwrite.c compares the two), without
 * the text of the whole value in memory. Reals are left to jansson: their
 * shortest exact form is its business. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jsonwrite.h"

#define INDENT_OF(flags) ((int)((flags) & 0x1F))

static void
new_line(FILE *out, size_t flags, int depth, bool space)
{
	int n = INDENT_OF(flags) * depth;
	if (INDENT_OF(flags) > 0) {
		static const char spaces[] = "                                ";
		fputc('\n', out);
		for (; n > 0; n -= (int)sizeof spaces - 1)
			fwrite(spaces, 1, n < (int)sizeof spaces - 1 ? (size_t)n : sizeof spaces - 1, out);
	} else if (space && !(flags & JSON_COMPACT)) {
		fputc(' ', out);
	}
}

/* The code point at s (valid UTF-8: jansson holds nothing else), and its length. */
static unsigned long
code_point(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*len = 2;
		return ((unsigned long)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0) {
		*len = 3;
		return ((unsigned long)(s[0] & 0x0F) << 12) | ((unsigned long)(s[1] & 0x3F) << 6) |
		       (s[2] & 0x3F);
	}
	*len = 4;
	return ((unsigned long)(s[0] & 0x07) << 18) | ((unsigned long)(s[1] & 0x3F) << 12) |
	       ((unsigned long)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

static void
write_string(FILE *out, const char *str, size_t n, size_t flags)
{
	const unsigned char *s = (const unsigned char *)str;
	bool ascii = (flags & JSON_ENSURE_ASCII) != 0;
	fputc('"', out);
	size_t run = 0;   /* bytes written as they are, not yet out */
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && (c < 0x80 || !ascii)) {
			run++;
			i++;
			continue;
		}
		fwrite(s + i - run, 1, run, out);
		run = 0;
		size_t len;
		unsigned long cp = code_point(s + i, &len);
		i += len;
		switch (cp) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (cp < 0x10000) {
				fprintf(out, "\\u%04lX", cp);
			} else {
				cp -= 0x10000;
				fprintf(out, "\\u%04lX\\u%04lX", 0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF));
			}
		}
	}
	fwrite(s + n - run, 1, run, out);
	fputc('"', out);
}

static void
write_value(FILE *out, json_t *v, size_t flags, int depth)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		if (json_object_size(v) == 0) {
			fputs("{}", out);
			return;
		}
		fputc('{', out);
		new_line(out, flags, depth + 1, false);
		for (void *it = json_object_iter(v); it;) {
			write_string(out, json_object_iter_key(it), json_object_iter_key_len(it), flags);
			fputs(flags & JSON_COMPACT ? ":" : ": ", out);
			write_value(out, json_object_iter_value(it), flags, depth + 1);
			it = json_object_iter_next(v, it);
			if (it) {
				fputc(',', out);
				new_line(out, flags, depth + 1, true);
			}
		}
		new_line(out, flags, depth, false);
		fputc('}', out);
		return;
	}
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		if (n == 0) {
			fputs("[]", out);
			return;
		}
		fputc('[', out);
		new_line(out, flags, depth + 1, false);
		for (size_t i = 0; i < n; i++) {
			write_value(out, json_array_get(v, i), flags, depth + 1);
			if (i + 1 < n) {
				fputc(',', out);
				new_line(out, flags, depth + 1, true);
			}
		}
		new_line(out, flags, depth, false);
		fputc(']', out);
		return;
	}
	case JSON_STRING:
		write_string(out, json_string_value(v), json_string_length(v), flags);
		return;
	case JSON_INTEGER:
		fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return;
	case JSON_TRUE: fputs("true", out); return;
	case JSON_FALSE: fputs("false", out); return;
	case JSON_NULL: fputs("null", out); return;
	case JSON_REAL: {
		char *text = json_dumps(v, JSON_ENCODE_ANY | flags);
		fputs(text ? text : "null", out);
		free(text);
		return;
	}
	}
}

int
cli_json_write(FILE *out, json_t *v, size_t flags, int depth)
{
	write_value(out, v, flags, depth);
	return ferror(out) ? -1 : 0;
}
