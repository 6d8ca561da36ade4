/* http.h — the HTTP engine: libcurl multi driven by the event loop.
 *
 * One engine per site. It is the only place that touches the API key, and it
 * attaches it only to requests marked `api` whose URL is on the API origin:
 * a presigned storage URL, a redirect target or a URL a server made up never
 * sees it. API requests do not follow redirects. Requests marked `retry` are
 * repeated with exponential backoff and jitter on connection errors, 5xx and
 * 429 (honouring Retry-After); the caller marks only steps that are safe to
 * repeat. */
#ifndef MT_HTTP_H
#define MT_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "loop.h"
#include "secret.h"

struct mt_http;
struct mt_http_req;

struct mt_http_config {
	const char *api_base;            /* e.g. "https://site.example/"; relative URLs resolve here */
	const struct mt_secret *key;     /* NULL: anonymous (copied) */
	const char *const *api_headers;  /* "Name: value" sent with every API request (copied) */
	const char *ca_file;             /* extra CA bundle, or NULL */
	long connect_timeout_s;          /* 0 = 15 */
	long stall_timeout_s;            /* abort when under 1 byte/s this long; 0 = 60 */
	int max_attempts;                /* for retryable requests; 0 = 6 */
	long backoff_base_ms;            /* first delay; 0 = 500 */
	long backoff_cap_ms;             /* largest delay; 0 = 30000 */
};

/* A form field or a file in a multipart/form-data body. */
struct mt_http_part {
	const char *name;
	const char *value;          /* a plain field when non-NULL */
	int fd;                     /* a file part: read from fd ... */
	int64_t size;               /* ... this many bytes from offset 0 */
	const char *filename;
	const char *content_type;
};

struct mt_http_response;

typedef void (*mt_http_done_fn)(const struct mt_http_response *resp, void *arg);
/* Bytes sent so far and the total to send (0 when unknown). */
typedef void (*mt_http_progress_fn)(int64_t sent, int64_t total, void *arg);
/* A retryable failure: the request is tried again after delay_ms. */
struct mt_http_retry {
	int attempt;          /* the try about to start: 2 for the first retry */
	int max_attempts;     /* the tries in all, this one counted */
	long status;          /* the server's answer (429, 5xx); 0: none came */
	int curl_code;        /* libcurl's CURLcode when none came; 0 with an answer */
	long delay_ms;        /* before the try starts */
	const char *reason;   /* in words: "HTTP 503", or libcurl's reason when no answer came */
};
typedef void (*mt_http_retry_fn)(const struct mt_http_retry *retry, void *arg);

struct mt_http_spec {
	const char *method;              /* GET, POST, PUT, PATCH, DELETE, HEAD */
	const char *url;                 /* absolute, or relative to api_base */
	bool api;                        /* an API call: gets the key and api_headers */
	const char *const *headers;      /* NULL-terminated "Name: value" list, copied */
	/* request body: at most one of the three */
	const char *body;                /* in memory (copied), with body_len bytes */
	size_t body_len;
	int body_fd;                     /* > 0: stream body_size bytes from body_offset */
	int64_t body_offset;
	int64_t body_size;
	const struct mt_http_part *parts;/* multipart/form-data (fields copied, fds borrowed) */
	size_t nparts;
	int download_fd;                 /* > 0: a 2xx body goes here instead of memory */
	int64_t download_max;            /* > 0: a download larger than this fails */
	/* a 2xx body handed over piece by piece instead of kept (not with
	 * download_fd): called with (NULL, 0) before each attempt, so that a
	 * retry starts over; returning -1 stops the transfer */
	int (*sink)(const void *data, size_t n, void *arg);
	bool retry;                      /* safe to repeat */
	bool follow_redirects;           /* anonymous downloads only */
	long timeout_s;                  /* whole-request limit; 0 = none (stall timeout still applies) */
	mt_http_progress_fn progress;
	mt_http_retry_fn on_retry;
	void *arg;                       /* passed to progress, on_retry and done */
};

struct mt_http_header {
	char *name;                      /* lower case */
	char *value;
};

struct mt_http_response {
	long status;                     /* 0 when no HTTP answer arrived */
	int curl_code;                   /* CURLcode */
	char error[256];                 /* libcurl's description when status == 0 */
	char *body;                      /* NUL-terminated (may hold NULs); never NULL */
	size_t body_len;
	bool body_truncated;             /* the server sent more than we keep */
	struct mt_http_header *headers;  /* of the last response */
	size_t nheaders;
	int attempts;
	bool cancelled;
	double seconds;                  /* of the last attempt */
	int64_t bytes_up;                /* uploaded in the last attempt */
};

struct mt_http *mt_http_new(struct mt_loop *loop, const struct mt_http_config *cfg);
void mt_http_free(struct mt_http *http);

/* Starts a request; `done` is called exactly once, from the loop (never from
 * inside mt_http_start). Returns NULL with err set when the request cannot be
 * made at all (bad URL, key to a foreign host). */
struct mt_http_req *mt_http_start(struct mt_http *http, const struct mt_http_spec *spec,
                                  mt_http_done_fn done, struct mt_error *err);

/* Stops a request; its done callback runs at once with resp->cancelled set. */
void mt_http_cancel(struct mt_http_req *req);
/* Pauses or resumes sending and receiving. */
void mt_http_pause(struct mt_http_req *req, bool paused);

/* Number of requests in flight or waiting for a retry. */
int mt_http_active(const struct mt_http *http);
/* How many times a retryable request is tried in all (6 unless configured). */
int mt_http_max_attempts(const struct mt_http *http);

/* The value of a response header (name case-insensitive), or NULL. */
const char *mt_http_header(const struct mt_http_response *resp, const char *name);
/* Adds one header line as libcurl delivers it (n bytes, line end included) to
 * resp: the name in lower case, the value trimmed. A status line ("HTTP/...")
 * starts a new response and drops the headers so far. */
void mt_http_response_add_header(struct mt_http_response *resp, const char *data, size_t n);

/* True when s is an HTTP token (RFC 9110): what a method or a header name
 * must be. A server-supplied method or header name that is not one could
 * split the request or add headers of its own. */
bool mt_http_is_token(const char *s);

/* Resolves url against the API base. Returns a fresh string or NULL. */
char *mt_http_resolve(const struct mt_http *http, const char *url);
/* True when url (absolute) is on the API origin: same scheme, host and port. */
bool mt_http_is_api_origin(const struct mt_http *http, const char *url);

/* Runs the loop until this one request is done; for batch commands. The
 * response is copied into *out (free with mt_http_response_free). */
int mt_http_perform(struct mt_http *http, const struct mt_http_spec *spec,
                    struct mt_http_response *out, struct mt_error *err);
void mt_http_response_free(struct mt_http_response *resp);

/* Fills err from a failed response: transport errors become MT_ERR_NET; HTTP
 * errors take the server's message, code and correlation id from any of the
 * usual body shapes. `what` says what was being done ("listing media"). */
void mt_http_error_from_response(const struct mt_http_response *resp, const char *what,
                                 struct mt_error *err);

/* The backoff before attempt n (1 = first retry): exponential from base,
 * capped, with full jitter drawn from `rnd` in [0,1). Exposed for tests. */
long mt_backoff_delay_ms(int attempt, long base_ms, long cap_ms, double rnd);

/* Parses a Retry-After value (delta seconds or an HTTP date) into
 * milliseconds from now_epoch. Returns -1 when it is not understood. */
long mt_parse_retry_after(const char *value, int64_t now_epoch);

#endif
