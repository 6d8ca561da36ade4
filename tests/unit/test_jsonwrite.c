/* test_jsonwrite.c — cli_json_write writes what json_dumps writes, byte for
 * byte, for every flag the batch commands use: nested and empty containers,
 * strings that need escapes (quotes, controls, NUL, non-ASCII on a terminal,
 * characters beyond the BMP), integers at their limits, reals, literals. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "jsonwrite.h"

static const char *docs[] = {
	"{}",
	"[]",
	"{\"a\": [], \"b\": {}, \"c\": [{}], \"d\": [[]]}",
	"{\"kind\": \"near-duplicate\", \"id\": \"media_1\", \"size\": 51532, \"keep\": true, "
	"\"distance\": 0, \"alt\": null, \"no\": false}",
	"[1, -1, 9223372036854775807, -9223372036854775808, 0]",
	"[0.5, 1e300, -2.25, 100.0, 3.141592653589793]",
	"[\"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bs \\b ff \\f\"]",
	"[\"\\u0001\\u001f\\u007f nul:\\u0000:end\"]",
	"{\"caf\\u00e9\": \"na\\u00efve \\u20ac \\ud83d\\ude00 \\u4e2d\\u6587\"}",
	"{\"esc\": \"\\u001b[31mred\\u001b[0m\", \"bell\": \"\\u0007\"}",
	"{\"deep\": {\"deeper\": {\"deepest\": [1, {\"x\": \"y\"}, [2, 3]]}}}",
	"[\"a\", {\"key\": \"v\\u0000al\"}, \"\"]",
};

static const size_t flag_sets[] = {
	JSON_INDENT(2), JSON_INDENT(2) | JSON_ENSURE_ASCII, JSON_COMPACT,
	JSON_COMPACT | JSON_ENSURE_ASCII, 0, JSON_INDENT(4) | JSON_ENSURE_ASCII,
};

static char *
written(json_t *v, size_t flags, int depth)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(cli_json_write(f, v, flags, depth), 0);
	fclose(f);
	return buf;
}

/* json_dumps's text with every new line indented `depth` levels more */
static char *
dumped(json_t *v, size_t flags, int depth)
{
	char *text = json_dumps(v, flags | JSON_ENCODE_ANY);
	assert_non_null(text);
	int extra = (int)(flags & 0x1F) * depth;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	for (const char *p = text; *p; p++) {
		fputc(*p, f);
		if (*p == '\n')
			fprintf(f, "%*s", extra, "");
	}
	fclose(f);
	free(text);
	return buf;
}

static void
test_same_as_json_dumps(void **state)
{
	(void)state;
	for (size_t d = 0; d < sizeof docs / sizeof *docs; d++) {
		json_error_t e;
		json_t *v = json_loads(docs[d], JSON_ALLOW_NUL, &e);
		if (v == NULL)
			fail_msg("doc %zu does not parse: %s", d, e.text);
		for (size_t f = 0; f < sizeof flag_sets / sizeof *flag_sets; f++) {
			for (int depth = 0; depth <= 2; depth++) {
				char *want = dumped(v, flag_sets[f], depth);
				char *got = written(v, flag_sets[f], depth);
				if (strcmp(want, got) != 0)
					fail_msg("doc %zu, flags %#zx, depth %d:\nwant %s\ngot  %s", d,
					         flag_sets[f], depth, want, got);
				free(want);
				free(got);
			}
		}
		json_decref(v);
	}
}

static void
test_a_failed_stream_is_told(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/full", "w");
	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	json_t *v = json_pack("{s:s}", "a", "b");
	assert_int_equal(cli_json_write(f, v, JSON_INDENT(2), 0), -1);
	json_decref(v);
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_json_dumps),
		cmocka_unit_test(test_a_failed_stream_is_told),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
