/* fuzz_apierror.c — server error answers into struct mt_error (apierror.c).
 * fuzz-dict: json
 *
 * The first byte picks the HTTP status (and the cancelled and transport-error
 * cases); with bit 0x80 the first line of the rest is sent as the
 * X-Correlation-Id header. The rest is the body (or libcurl's message when no
 * answer arrived). Every field that reaches a terminal must be sanitised and
 * NUL-terminated, and the kind must follow from status and code. */
#include "config.h"

#include "fuzz.h"
#include "http.h"

static const long statuses[] = {
	400, 401, 403, 404, 409, 413, 415, 416, 422, 429, 500, 502, 503, 418, 0, -1
};

static void
check_field(const char *s, size_t cap)
{
	FUZZ_CHECK(memchr(s, '\0', cap) != NULL);
	FUZZ_CHECK(fuzz_no_controls(s));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = fuzz_take_byte(&data, &size);
	long status = statuses[sel & 0x0f];
	struct mt_http_response resp;
	memset(&resp, 0, sizeof resp);
	struct mt_http_header hdr = { "x-correlation-id", NULL };
	if (sel & 0x80) {
		const uint8_t *nl = memchr(data, '\n', size);
		size_t n = nl ? (size_t)(nl - data) : size;
		hdr.value = fuzz_cstr(data, n);
		resp.headers = &hdr;
		resp.nheaders = 1;
		data += nl ? n + 1 : n;
		size -= nl ? n + 1 : n;
	}
	char *body = fuzz_cstr(data, size);
	if (status < 0) {
		resp.cancelled = true;
		status = 0;
	}
	resp.status = status;
	resp.body = body;
	resp.body_len = size;
	/* http.c always describes a transfer that got no answer */
	if (status == 0)
		snprintf(resp.error, sizeof resp.error, "%s", *body ? body : "Connection refused");

	struct mt_error err;
	memset(&err, 0x5a, sizeof err);   /* nothing from before may survive */
	mt_http_error_from_response(&resp, "listing media", &err);

	check_field(err.message, sizeof err.message);
	check_field(err.code, sizeof err.code);
	check_field(err.correlation_id, sizeof err.correlation_id);
	FUZZ_CHECK(strncmp(err.message, "listing media: ", 15) == 0);
	FUZZ_CHECK(err.message[15] != '\0');
	if (resp.cancelled) {
		FUZZ_CHECK(err.kind == MT_ERR_CANCELLED);
	} else if (status == 0) {
		FUZZ_CHECK(err.kind == MT_ERR_NET && err.http_status == 0);
	} else {
		FUZZ_CHECK(err.http_status == status);
		/* QUOTA_EXCEEDED, or a storage host's QuotaExceeded */
		if (strcmp(err.code, "PLAN_LIMIT_REACHED") == 0 || strcasestr(err.code, "quota"))
			FUZZ_CHECK(err.kind == MT_ERR_QUOTA);
		else if (status == 401 || status == 403)
			FUZZ_CHECK(err.kind == MT_ERR_AUTH);
		else
			FUZZ_CHECK(err.kind == MT_ERR_HTTP || err.kind == MT_ERR_QUOTA);
	}
	char line[1024];
	mt_error_format(&err, line, sizeof line);
	FUZZ_CHECK(fuzz_no_controls(line));

	free(hdr.value);
	free(body);
	return 0;
}
