/* http.c — the HTTP engine: libcurl multi driven by the event loop; the
 * engine, starting, retrying, finishing and cancelling requests. How one
 * attempt is set up for libcurl is in http_setup.c. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http.h"
#include "http_req.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

static void request_finish(struct mt_http_req *req);
static void drain_finished(void *arg);

/* ---- URL helpers ---- */

static CURLU *
parse_url(const char *base, const char *url)
{
	CURLU *u = curl_url();
	if (u == NULL)
		return NULL;
	if (base && curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	return u;
}

char *
mt_http_resolve(const struct mt_http *http, const char *url)
{
	CURLU *u = parse_url(http->api_base, url);
	if (u == NULL)
		return NULL;
	char *out = NULL;
	if (curl_url_get(u, CURLUPART_URL, &out, 0) != CURLUE_OK)
		out = NULL;
	char *copy = out ? xstrdup(out) : NULL;
	curl_free(out);
	curl_url_cleanup(u);
	return copy;
}

/* scheme://host:port with the default port filled in; NULL when not a URL. */
static char *
origin_of(const char *url)
{
	CURLU *u = parse_url(NULL, url);
	if (u == NULL)
		return NULL;
	char *scheme = NULL, *host = NULL, *port = NULL;
	char *out = NULL;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
		for (char *p = host; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		out = xasprintf("%s://%s:%s", scheme, host, port);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return out;
}

bool
mt_http_is_api_origin(const struct mt_http *http, const char *url)
{
	char *a = origin_of(http->api_base);
	char *b = origin_of(url);
	bool same = a && b && strcasecmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

/* ---- engine ---- */

struct mt_http *
mt_http_new(struct mt_loop *loop, const struct mt_http_config *cfg)
{
	struct mt_http *http = xcalloc(1, sizeof *http);
	http->loop = loop;
	http->multi = mt_loop_multi(loop);
	http->api_base = xstrdup(cfg->api_base ? cfg->api_base : "http://127.0.0.1/");
	http->key = mt_secret_dup(cfg->key);
	for (const char *const *h = cfg->api_headers; h && *h; h++)
		http->api_headers = curl_slist_append(http->api_headers, *h);
	http->ca_file = cfg->ca_file ? xstrdup(cfg->ca_file) : NULL;
	http->connect_timeout_s = cfg->connect_timeout_s ? cfg->connect_timeout_s : 15;
	http->stall_timeout_s = cfg->stall_timeout_s ? cfg->stall_timeout_s : 60;
	http->max_attempts = cfg->max_attempts ? cfg->max_attempts : 6;
	http->backoff_base_ms = cfg->backoff_base_ms ? cfg->backoff_base_ms : 500;
	http->backoff_cap_ms = cfg->backoff_cap_ms ? cfg->backoff_cap_ms : 30000;
	http->rng = (unsigned)time(NULL) ^ (unsigned)getpid();
	mt_loop_set_multi_hook(loop, drain_finished, http);
	http_engine_setup(http);
	return http;
}

void
mt_http_free(struct mt_http *http)
{
	if (http == NULL)
		return;
	/* whatever is still in flight ends now, each with its callback */
	while (http->reqs)
		mt_http_cancel(http->reqs);
	mt_loop_set_multi_hook(http->loop, NULL, NULL);
	http_engine_teardown(http);
	free(http->api_base);
	mt_secret_free(http->key);
	curl_slist_free_all(http->api_headers);
	free(http->ca_file);
	free(http);
}

int
mt_http_active(const struct mt_http *http)
{
	return http->active;
}

int
mt_http_max_attempts(const struct mt_http *http)
{
	return http->max_attempts;
}

static int
request_submit(struct mt_http_req *req)
{
	http_headers_clear(&req->resp);
	free(req->resp.body);
	req->resp.body = xstrdup("");
	req->body_cap = 1;
	req->resp.body_len = 0;
	req->resp.body_truncated = false;
	if (http_request_arm(req) < 0)
		return -1;
	req->resp.attempts++;
	if (curl_multi_add_handle(req->http->multi, req->easy) != CURLM_OK)
		return -1;
	req->in_multi = true;
	return 0;
}

struct mt_http_req *
mt_http_start(struct mt_http *http, const struct mt_http_spec *spec, mt_http_done_fn done,
              struct mt_error *err)
{
	char *url = mt_http_resolve(http, spec->url);
	if (url == NULL) {
		mt_error_set(err, MT_ERR_PROTOCOL, _("not a usable URL: %.200s"), spec->url);
		return NULL;
	}
	if (spec->api && !mt_http_is_api_origin(http, url)) {
		/* A server (or a bug) pointed an API call elsewhere: the key stays home. */
		char *origin = origin_of(url);
		mt_error_set(err, MT_ERR_PROTOCOL,
		             _("refusing to send the API key to %.200s, which is not the API host"),
		             origin ? origin : url);
		free(origin);
		free(url);
		return NULL;
	}
	struct mt_http_req *req = xcalloc(1, sizeof *req);
	req->http = http;
	req->url = url;
	req->method = xstrdup(spec->method ? spec->method : "GET");
	req->api = spec->api;
	if (spec->api)
		for (struct curl_slist *s = http->api_headers; s; s = s->next)
			req->headers = curl_slist_append(req->headers, s->data);
	for (const char *const *h = spec->headers; h && *h; h++)
		req->headers = curl_slist_append(req->headers, *h);
	/* curl adds "Expect: 100-continue" to large bodies; one round trip wasted per file */
	if (spec->body_fd > 0 || spec->nparts)
		req->headers = curl_slist_append(req->headers, "Expect:");
	req->body_fd = -1;
	if (spec->body) {
		req->body = xmalloc(spec->body_len + 1);
		memcpy(req->body, spec->body, spec->body_len);
		req->body[spec->body_len] = '\0';
		req->body_len = spec->body_len;
	} else if (spec->body_fd > 0) {
		req->body_fd = spec->body_fd;
		req->body_offset = spec->body_offset;
		req->body_size = spec->body_size;
		if (fstat(req->body_fd, &req->body_at_start) < 0)
			memset(&req->body_at_start, 0, sizeof req->body_at_start);
	}
	if (spec->nparts) {
		req->parts = xcalloc(spec->nparts, sizeof *req->parts);
		req->part_pos = xcalloc(spec->nparts, sizeof *req->part_pos);
		req->nparts = spec->nparts;
		for (size_t i = 0; i < spec->nparts; i++) {
			const struct mt_http_part *s = &spec->parts[i];
			struct owned_part *d = &req->parts[i];
			d->name = xstrdup(s->name);
			d->value = s->value ? xstrdup(s->value) : NULL;
			d->fd = s->fd;
			d->size = s->size;
			if (s->value == NULL && fstat(d->fd, &d->at_start) < 0)
				memset(&d->at_start, 0, sizeof d->at_start);
			d->filename = s->filename ? xstrdup(s->filename) : NULL;
			d->content_type = s->content_type ? xstrdup(s->content_type) : NULL;
		}
	}
	req->download_fd = spec->download_fd > 0 ? spec->download_fd : -1;
	req->download_max = spec->download_max;
	req->sink = spec->download_fd > 0 ? NULL : spec->sink;
	req->retry = spec->retry;
	req->follow = spec->follow_redirects && !spec->api;
	req->timeout_s = spec->timeout_s;
	req->progress = spec->progress;
	req->on_retry = spec->on_retry;
	req->arg = spec->arg;
	req->done = done;
	if (request_submit(req) < 0) {
		mt_error_set(err, MT_ERR_NET, _("cannot start a transfer"));
		http_request_free(req);
		return NULL;
	}
	http->active++;
	req->next = http->reqs;
	if (http->reqs)
		http->reqs->prev = req;
	http->reqs = req;
	return req;
}

static bool
retryable_curl_code(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return true;
	default:
		return false;
	}
}

long
mt_backoff_delay_ms(int attempt, long base_ms, long cap_ms, double rnd)
{
	if (attempt < 1)
		attempt = 1;
	double ceiling = (double)base_ms;
	for (int i = 1; i < attempt && ceiling < (double)cap_ms; i++)
		ceiling *= 2;
	if (ceiling > (double)cap_ms)
		ceiling = (double)cap_ms;
	/* "full jitter": spreads retries of many clients evenly, but never 0 */
	long d = (long)(ceiling * rnd);
	return d < base_ms / 4 ? base_ms / 4 : d;
}

long
mt_parse_retry_after(const char *value, int64_t now_epoch)
{
	if (value == NULL)
		return -1;
	while (*value == ' ')
		value++;
	if (*value >= '0' && *value <= '9') {
		char *end;
		errno = 0;
		long long s = strtoll(value, &end, 10);
		while (*end == ' ')
			end++;
		if (errno || *end != '\0' || s < 0)
			return -1;
		if (s > 86400)
			s = 86400;
		return (long)(s * 1000);
	}
	/* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = strptime(value, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	int64_t when = (int64_t)timegm(&tm);
	int64_t d = when - now_epoch;
	if (d < 0)
		d = 0;
	if (d > 86400)
		d = 86400;
	return (long)(d * 1000);
}

static unsigned
next_rand(struct mt_http *http)
{
	/* xorshift: jitter needs spread, not secrecy */
	unsigned x = http->rng ? http->rng : 2463534242u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	http->rng = x;
	return x;
}

static void
retry_fire(void *arg)
{
	struct mt_http_req *req = arg;
	req->retry_timer = 0;
	if (request_submit(req) < 0) {
		snprintf(req->resp.error, sizeof req->resp.error, "%s", _("cannot restart the transfer"));
		req->resp.status = 0;
		request_finish(req);
	}
}

/* Decides after one attempt whether to try again. */
static bool
maybe_retry(struct mt_http_req *req, CURLcode code, long status)
{
	struct mt_http *http = req->http;
	if (!req->retry || req->resp.attempts >= http->max_attempts || req->download_failed)
		return false;
	char reason[CURL_ERROR_SIZE + 32];
	if (code != CURLE_OK) {
		if (!retryable_curl_code(code))
			return false;
		snprintf(reason, sizeof reason, "%s", req->errbuf[0] ? req->errbuf : curl_easy_strerror(code));
	} else if (status == 429 || status == 500 || status == 502 || status == 503 || status == 504) {
		snprintf(reason, sizeof reason, "HTTP %ld", status);
	} else {
		return false;
	}
	/* a download that already wrote part of the body cannot simply start over */
	if (req->download_fd >= 0) {
		if (ftruncate(req->download_fd, 0) < 0 || lseek(req->download_fd, 0, SEEK_SET) < 0)
			return false;
	}
	double rnd = (double)(next_rand(http) % 10000u) / 10000.0;
	long delay = mt_backoff_delay_ms(req->resp.attempts, http->backoff_base_ms,
	                                 http->backoff_cap_ms, rnd);
	long ra = mt_parse_retry_after(mt_http_header(&req->resp, "retry-after"), (int64_t)time(NULL));
	if ((status == 429 || status == 503) && ra >= 0)
		delay = ra > 300000 ? 300000 : ra;
	if (req->on_retry) {
		struct mt_http_retry told = {
			.attempt = req->resp.attempts + 1, .max_attempts = http->max_attempts,
			.status = code == CURLE_OK ? status : 0, .curl_code = (int)code,
			.delay_ms = delay, .reason = reason,
		};
		req->on_retry(&told, req->arg);
	}
	req->retry_timer = mt_loop_timer_add(http->loop, delay, retry_fire, req);
	return true;
}

static void
request_finish(struct mt_http_req *req)
{
	struct mt_http *http = req->http;
	if (req->in_multi) {
		curl_multi_remove_handle(http->multi, req->easy);
		req->in_multi = false;
	}
	http->active--;
	req->done(&req->resp, req->arg);
	http_request_free(req);
}

static void
drain_finished(void *arg)
{
	struct mt_http *http = arg;
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(http->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		struct mt_http_req *req = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&req);
		if (req == NULL)
			continue;
		CURLcode code = msg->data.result;
		long status = 0;
		curl_easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &status);
		double secs = 0;
		curl_easy_getinfo(req->easy, CURLINFO_TOTAL_TIME, &secs);
		curl_multi_remove_handle(http->multi, req->easy);
		req->in_multi = false;
		req->resp.seconds = secs;
		if (maybe_retry(req, code, status))
			continue;
		req->resp.curl_code = (int)code;
		req->resp.status = code == CURLE_OK ? status : 0;
		if (code != CURLE_OK) {
			if (req->file_changed)
				snprintf(req->resp.error, sizeof req->resp.error, "%s",
				         _("the file changed while it was being sent; the transfer was stopped"));
			else if (req->download_too_large)
				snprintf(req->resp.error, sizeof req->resp.error,
				         _("the download is larger than %lld MiB"),
				         (long long)(req->download_max >> 20));
			else if (req->download_failed)
				snprintf(req->resp.error, sizeof req->resp.error, _("cannot write the download: %s"),
				         strerror(req->download_errno));
			else if (req->resp.body_truncated)
				snprintf(req->resp.error, sizeof req->resp.error,
				         _("the server sent an answer larger than %u MiB"), MAX_MEMORY_BODY >> 20);
			else
				snprintf(req->resp.error, sizeof req->resp.error, "%s",
				         req->errbuf[0] ? req->errbuf : curl_easy_strerror(code));
		}
		request_finish(req);
	}
}

void
mt_http_cancel(struct mt_http_req *req)
{
	if (req->retry_timer)
		mt_loop_timer_cancel(req->http->loop, req->retry_timer);
	req->resp.cancelled = true;
	req->resp.status = 0;
	snprintf(req->resp.error, sizeof req->resp.error, "%s", _("cancelled"));
	request_finish(req);
}

void
mt_http_pause(struct mt_http_req *req, bool paused)
{
	if (req->in_multi)
		curl_easy_pause(req->easy, paused ? CURLPAUSE_ALL : CURLPAUSE_CONT);
}

bool
mt_http_is_token(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || strchr("\"(),/:;<=>?@[\\]{}", *s))
			return false;
	return true;
}

const char *
mt_http_header(const struct mt_http_response *resp, const char *name)
{
	for (size_t i = resp->nheaders; i-- > 0; )
		if (strcasecmp(resp->headers[i].name, name) == 0)
			return resp->headers[i].value;
	return NULL;
}

void
mt_http_response_free(struct mt_http_response *resp)
{
	http_headers_clear(resp);
	free(resp->body);
	resp->body = NULL;
	resp->body_len = 0;
}

/* ---- synchronous use, for batch commands ---- */

struct perform_state {
	bool done;
	struct mt_http_response *out;
};

static void
perform_done(const struct mt_http_response *resp, void *arg)
{
	struct perform_state *st = arg;
	struct mt_http_response *o = st->out;
	*o = *resp;
	o->body = xmalloc(resp->body_len + 1);
	memcpy(o->body, resp->body ? resp->body : "", resp->body_len);
	o->body[resp->body_len] = '\0';
	o->headers = resp->nheaders ? xcalloc(resp->nheaders, sizeof *o->headers) : NULL;
	for (size_t i = 0; i < resp->nheaders; i++) {
		o->headers[i].name = xstrdup(resp->headers[i].name);
		o->headers[i].value = xstrdup(resp->headers[i].value);
	}
	st->done = true;
}

int
mt_http_perform(struct mt_http *http, const struct mt_http_spec *spec,
                struct mt_http_response *out, struct mt_error *err)
{
	memset(out, 0, sizeof *out);
	struct perform_state st = { false, out };
	struct mt_http_spec s = *spec;
	s.arg = &st;
	if (spec->progress || spec->on_retry)
		return mt_error_set(err, MT_ERR_USAGE, "mt_http_perform takes no callbacks");
	if (mt_http_start(http, &s, perform_done, err) == NULL)
		return -1;
	if (mt_loop_run_until(http->loop, &st.done) < 0)
		return mt_error_set(err, MT_ERR_NET, _("the event loop failed"));
	return 0;
}
