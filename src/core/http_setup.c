/* http_setup.c — one request as libcurl gets it: the easy handle's options
 * for an attempt, the key only where http.h allows it, bodies from memory,
 * a file or multipart parts read as libcurl asks, and the callbacks that
 * collect the answer (body with its bounds, headers, progress). */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http_req.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- callbacks from libcurl ---- */

static size_t
on_write(char *data, size_t size, size_t nmemb, void *userp)
{
	struct mt_http_req *req = userp;
	size_t n = size * nmemb;
	long status = 0;
	curl_easy_getinfo(req->easy, CURLINFO_RESPONSE_CODE, &status);
	if (req->sink && status >= 200 && status < 300) {
		req->download_bytes += (int64_t)n;
		if (req->download_max > 0 && req->download_bytes > req->download_max) {
			req->download_failed = true;
			req->download_too_large = true;
			return 0;
		}
		if (req->sink(data, n, req->arg) < 0) {
			req->download_failed = true;
			req->download_errno = ENOSPC;
			return 0;
		}
		return n;
	}
	if (req->download_fd >= 0 && status >= 200 && status < 300) {
		req->download_bytes += (int64_t)n;
		if (req->download_max > 0 && req->download_bytes > req->download_max) {
			req->download_failed = true;
			req->download_too_large = true;
			return 0;
		}
		size_t off = 0;
		while (off < n) {
			ssize_t w = write(req->download_fd, data + off, n - off);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				req->download_failed = true;
				req->download_errno = errno;
				return 0;   /* makes libcurl fail the transfer */
			}
			off += (size_t)w;
		}
		return n;
	}
	if (req->resp.body_len + n > MAX_MEMORY_BODY) {
		req->resp.body_truncated = true;
		return 0;
	}
	if (req->resp.body_len + n + 1 > req->body_cap) {
		/* doubling: growing by each piece copies a large answer over and over */
		size_t cap = req->body_cap > 4096 ? req->body_cap : 4096;
		while (cap < req->resp.body_len + n + 1)
			cap *= 2;
		req->resp.body = xrealloc(req->resp.body, cap);
		req->body_cap = cap;
	}
	memcpy(req->resp.body + req->resp.body_len, data, n);
	req->resp.body_len += n;
	req->resp.body[req->resp.body_len] = '\0';
	return n;
}

void
http_headers_clear(struct mt_http_response *resp)
{
	for (size_t i = 0; i < resp->nheaders; i++) {
		free(resp->headers[i].name);
		free(resp->headers[i].value);
	}
	free(resp->headers);
	resp->headers = NULL;
	resp->nheaders = 0;
}

void
mt_http_response_add_header(struct mt_http_response *resp, const char *data, size_t n)
{
	if (n >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		/* a new response (after 100 Continue or a redirect) replaces the last */
		http_headers_clear(resp);
		return;
	}
	const char *colon = memchr(data, ':', n);
	if (colon == NULL || resp->nheaders >= MAX_HEADERS)
		return;
	size_t nl = (size_t)(colon - data);
	const char *v = colon + 1;
	size_t vl = n - nl - 1;
	while (vl && (*v == ' ' || *v == '\t')) {
		v++;
		vl--;
	}
	while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' '))
		vl--;
	resp->headers = xreallocarray(resp->headers, resp->nheaders + 1, sizeof *resp->headers);
	struct mt_http_header *h = &resp->headers[resp->nheaders++];
	h->name = xstrndup(data, nl);
	for (char *p = h->name; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	h->value = xstrndup(v, vl);
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *userp)
{
	struct mt_http_req *req = userp;
	size_t n = size * nmemb;
	mt_http_response_add_header(&req->resp, data, n);
	return n;
}

static size_t
read_fd_at(int fd, int64_t offset, char *buf, size_t want)
{
	for (;;) {
		ssize_t r = pread(fd, buf, want, (off_t)offset);
		if (r < 0 && errno == EINTR)
			continue;
		return r < 0 ? CURL_READFUNC_ABORT : (size_t)r;
	}
}

/* True when the file is no longer what `before` saw: other size or mtime.
 * Checked before a body's last bytes go out, so that a file written to
 * during the transfer is never sent as complete: a mix of old and new
 * bytes would otherwise be stored as if it were the file. */
static bool
file_changed_since(int fd, const struct stat *before)
{
	struct stat now;
	if (fstat(fd, &now) < 0)
		return true;
	return now.st_size != before->st_size || now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

#define LARGE_BODY ((int64_t)8 << 20)
#define LARGE_BODY_BUFFER (128L << 10)

static size_t
on_read(char *buf, size_t size, size_t nitems, void *userp)
{
	struct mt_http_req *req = userp;
	int64_t left = req->body_size - req->body_pos;
	if (left <= 0)
		return 0;
	size_t want = size * nitems;
	if ((int64_t)want > left)
		want = (size_t)left;
	size_t r = read_fd_at(req->body_fd, req->body_offset + req->body_pos, buf, want);
	if (r == CURL_READFUNC_ABORT)
		return r;
	/* the file shrank under us, or changed: never send a body as if complete */
	if (r == 0 || ((int64_t)r == left && file_changed_since(req->body_fd, &req->body_at_start))) {
		req->file_changed = true;
		return CURL_READFUNC_ABORT;
	}
	req->body_pos += (int64_t)r;
	return r;
}

static int
on_seek(void *userp, curl_off_t offset, int origin)
{
	struct mt_http_req *req = userp;
	if (origin != SEEK_SET || offset < 0 || offset > req->body_size)
		return CURL_SEEKFUNC_CANTSEEK;
	req->body_pos = offset;
	return CURL_SEEKFUNC_OK;
}

/* Multipart file parts read through their own cursor. */
struct part_cursor {
	struct mt_http_req *req;
	size_t index;
};

static size_t
on_part_read(char *buf, size_t size, size_t nitems, void *userp)
{
	struct part_cursor *pc = userp;
	struct mt_http_req *req = pc->req;
	const struct owned_part *p = &req->parts[pc->index];
	int64_t *pos = &req->part_pos[pc->index];
	int64_t left = p->size - *pos;
	if (left <= 0)
		return 0;
	size_t want = size * nitems;
	if ((int64_t)want > left)
		want = (size_t)left;
	size_t r = read_fd_at(p->fd, *pos, buf, want);
	if (r == CURL_READFUNC_ABORT)
		return r;
	if (r == 0 || ((int64_t)r == left && file_changed_since(p->fd, &p->at_start))) {
		req->file_changed = true;
		return CURL_READFUNC_ABORT;
	}
	*pos += (int64_t)r;
	return r;
}

static int
on_part_seek(void *userp, curl_off_t offset, int origin)
{
	struct part_cursor *pc = userp;
	const struct owned_part *p = &pc->req->parts[pc->index];
	if (origin != SEEK_SET || offset < 0 || offset > p->size)
		return CURL_SEEKFUNC_CANTSEEK;
	pc->req->part_pos[pc->index] = offset;
	return CURL_SEEKFUNC_OK;
}

static int
on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	struct mt_http_req *req = userp;
	req->resp.bytes_up = ulnow;
	if (req->progress && (ulnow || ultotal))
		req->progress(ulnow, ultotal, req->arg);
	else if (req->progress && req->download_fd >= 0)
		req->progress(dlnow, dltotal, req->arg);
	return 0;
}

/* ---- request set-up ---- */

static void
request_unlink(struct mt_http_req *req)
{
	if (req->prev)
		req->prev->next = req->next;
	else if (req->http->reqs == req)
		req->http->reqs = req->next;
	if (req->next)
		req->next->prev = req->prev;
	req->prev = req->next = NULL;
}

/* ---- the engine's handles ---- */

void
http_engine_setup(struct mt_http *http)
{
	/* One connection per host where HTTP/2 is spoken: transfers wait for a
	 * connection that may multiplex (CURLOPT_PIPEWAIT below) instead of
	 * racing to open their own. The multi pools connections for all its
	 * handles already (a shared connection cache would take them out of
	 * it); what a share adds is TLS sessions, so that the second connection
	 * to a host resumes instead of making a full handshake, and DNS. Only
	 * the loop's thread touches libcurl: no lock callbacks. */
	curl_multi_setopt(http->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	/* HTTP/1.1 hosts: -j transfers plus as many API steps beside them */
	curl_multi_setopt(http->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 16L);
	/* idle keep-alive connections kept open between files; libcurl's
	 * default follows the handles in the multi, which drops to a few
	 * between bursts and closes connections the next file would reuse */
	curl_multi_setopt(http->multi, CURLMOPT_MAXCONNECTS, 40L);
	http->share = curl_share_init();
	if (http->share) {
		curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
		curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
	}
}

void
http_engine_teardown(struct mt_http *http)
{
	while (http->npool > 0)
		curl_easy_cleanup(http->pool[--http->npool]);
	if (http->share)
		curl_share_cleanup(http->share);   /* after every handle that used it */
	http->share = NULL;
}

static CURL *
easy_take(struct mt_http *http)
{
	if (http->npool > 0)
		return http->pool[--http->npool];
	return curl_easy_init();
}

/* A handle back to the pool, with every option of its last request gone:
 * curl_easy_reset drops the URL, the headers and the bearer token, so
 * nothing of an API request can ride along on the next storage PUT. */
static void
easy_give_back(struct mt_http *http, CURL *e)
{
	if (http->npool == EASY_POOL_MAX) {
		curl_easy_cleanup(e);
		return;
	}
	curl_easy_reset(e);
	http->pool[http->npool++] = e;
}

void
http_request_free(struct mt_http_req *req)
{
	request_unlink(req);
	if (req->easy)
		easy_give_back(req->http, req->easy);
	req->easy = NULL;
	if (req->mime)
		curl_mime_free(req->mime);
	curl_slist_free_all(req->headers);
	free(req->url);
	free(req->method);
	if (req->body)
		explicit_bzero(req->body, req->body_len);
	free(req->body);
	for (size_t i = 0; i < req->nparts; i++) {
		free(req->parts[i].name);
		free(req->parts[i].value);
		free(req->parts[i].filename);
		free(req->parts[i].content_type);
	}
	free(req->parts);
	free(req->part_pos);
	mt_http_response_free(&req->resp);
	free(req);
}

static void
free_part_cursor(void *p)
{
	free(p);
}

/* (Re)creates the easy handle for one attempt. Returns 0 or -1. */
int
http_request_arm(struct mt_http_req *req)
{
	struct mt_http *http = req->http;
	if (req->mime) {
		curl_mime_free(req->mime);
		req->mime = NULL;
	}
	/* a retry sets the same handle up again, from nothing */
	CURL *e = req->easy ? req->easy : easy_take(http);
	if (e == NULL)
		return -1;
	if (req->easy)
		curl_easy_reset(e);
	req->easy = e;
	req->errbuf[0] = '\0';
	req->body_pos = 0;
	for (size_t i = 0; i < req->nparts; i++)
		req->part_pos[i] = 0;
	req->download_failed = false;
	req->download_too_large = false;
	req->download_bytes = 0;
	if (req->sink)
		req->sink(NULL, 0, req->arg);

	curl_easy_setopt(e, CURLOPT_URL, req->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, req);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, req->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, http->connect_timeout_s);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, http->stall_timeout_s);
	if (req->timeout_s)
		curl_easy_setopt(e, CURLOPT_TIMEOUT, req->timeout_s);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (http->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, http->ca_file);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	/* only TLS can turn out to be HTTP/2 (ALPN); plain http:// never waits */
	if (strncasecmp(req->url, "https:", 6) == 0)
		curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	if (http->share)
		curl_easy_setopt(e, CURLOPT_SHARE, http->share);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, req);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, req);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_XFERINFODATA, req);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, req->follow ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	/* never resend credentials to another host after a redirect */
	curl_easy_setopt(e, CURLOPT_UNRESTRICTED_AUTH, 0L);
	if (req->api) {
		curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
		if (http->key) {
			curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
			curl_easy_setopt(e, CURLOPT_XOAUTH2_BEARER, mt_secret_value(http->key));
		}
	}
	if (req->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, req->headers);

	const char *m = req->method;
	if (req->mime == NULL && req->nparts) {
		req->mime = curl_mime_init(e);
		for (size_t i = 0; i < req->nparts; i++) {
			const struct owned_part *p = &req->parts[i];
			curl_mimepart *mp = curl_mime_addpart(req->mime);
			curl_mime_name(mp, p->name);
			if (p->value) {
				curl_mime_data(mp, p->value, CURL_ZERO_TERMINATED);
				continue;
			}
			struct part_cursor *pc = xmalloc(sizeof *pc);
			pc->req = req;
			pc->index = i;
			curl_mime_data_cb(mp, p->size, on_part_read, on_part_seek, free_part_cursor, pc);
			if (p->filename)
				curl_mime_filename(mp, p->filename);
			if (p->content_type)
				curl_mime_type(mp, p->content_type);
		}
		curl_easy_setopt(e, CURLOPT_MIMEPOST, req->mime);
		if (strcmp(m, "POST") != 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m);
	} else if (req->body_fd >= 0) {
		curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, (curl_off_t)req->body_size);
		curl_easy_setopt(e, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(e, CURLOPT_READDATA, req);
		curl_easy_setopt(e, CURLOPT_SEEKFUNCTION, on_seek);
		curl_easy_setopt(e, CURLOPT_SEEKDATA, req);
		/* a big file goes in larger writes, half the calls of libcurl's
		 * 64 KiB; not larger than 128 KiB: 512 KiB fills a core's L2
		 * cache between the read and the encryption, and 1 GiB over TLS
		 * then cost 1.3-1.6x curl -T's CPU (1.0x at 64 and 128 KiB;
		 * links.sh). Small files keep the default, so -j 8 costs no
		 * more memory. */
		if (req->body_size >= LARGE_BODY)
			curl_easy_setopt(e, CURLOPT_UPLOAD_BUFFERSIZE, LARGE_BODY_BUFFER);
		if (strcmp(m, "PUT") != 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m);
	} else if (req->body) {
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
		if (strcmp(m, "POST") != 0)
			curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m);
	} else if (strcmp(m, "HEAD") == 0) {
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	} else if (strcmp(m, "PUT") == 0) {
		/* an empty PUT (a resumable-upload status query) */
		curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, (curl_off_t)0);
		curl_easy_setopt(e, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(e, CURLOPT_READDATA, req);
	} else if (strcmp(m, "GET") != 0) {
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m);
	}
	return 0;
}

