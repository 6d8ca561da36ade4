/* fuzz_headers.c — response header lines, Retry-After and adclear's Range
 * (http.c, dialect_adclear.c).
 * fuzz-dict: headers
 *
 * The input is a header block as libcurl hands it over, one line at a time.
 * Stored headers must be trimmed, lower-case names without a colon;
 * Retry-After gives -1 or a delay of at most a day; a Range gives -1, 0 (none)
 * or an offset past a byte the server holds. Both parsers also get the whole
 * input as one value. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>

#include "dialect_answers.h"
#include "fuzz.h"
#include "http.h"

/* Sun, 06 Nov 1994 08:49:37 GMT: a fixed "now" keeps runs reproducible */
#define NOW 784111777

static void
check_parsers(const char *value)
{
	long ms = mt_parse_retry_after(value, NOW);
	FUZZ_CHECK(ms == -1 || (ms >= 0 && ms <= 86400L * 1000));
	int64_t off = mt_adclear_offset_from_range(value);
	FUZZ_CHECK(off == -1 || (value == NULL ? off == 0 : off >= 1));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mt_http_response resp;
	memset(&resp, 0, sizeof resp);
	size_t i = 0;
	while (i < size) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t n = nl ? (size_t)(nl - (data + i)) + 1 : size - i;
		/* libcurl refuses header lines with NUL bytes; the buffer it
		 * hands over is not NUL-terminated: give exactly n bytes */
		if (memchr(data + i, '\0', n) == NULL) {
			char *line = malloc(n);
			memcpy(line, data + i, n);
			mt_http_response_add_header(&resp, line, n);
			free(line);
		}
		i += n;
	}
	for (size_t k = 0; k < resp.nheaders; k++) {
		const struct mt_http_header *h = &resp.headers[k];
		FUZZ_CHECK(h->name && h->value);
		FUZZ_CHECK(strchr(h->name, ':') == NULL);
		for (const char *p = h->name; *p; p++)
			FUZZ_CHECK(!isupper((unsigned char)*p));
		size_t vl = strlen(h->value);
		FUZZ_CHECK(h->value[0] != ' ' && h->value[0] != '\t');
		FUZZ_CHECK(vl == 0 || (h->value[vl - 1] != '\r' && h->value[vl - 1] != '\n' &&
		                       h->value[vl - 1] != ' '));
		/* a lookup finds the last header of that name */
		const char *found = mt_http_header(&resp, h->name);
		FUZZ_CHECK(found != NULL);
	}
	FUZZ_CHECK(resp.nheaders <= 100);
	check_parsers(mt_http_header(&resp, "retry-after"));
	check_parsers(mt_http_header(&resp, "range"));

	char *whole = fuzz_cstr(data, size);
	check_parsers(whole);
	free(whole);
	mt_http_response_free(&resp);
	return 0;
}
