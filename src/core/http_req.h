/* http_req.h — what http.c and http_setup.c share: the engine and one
 * request as they are inside. Not for use outside the HTTP engine. */
#ifndef MT_HTTP_REQ_H
#define MT_HTTP_REQ_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "http.h"

/* A hostile server must not make us hold gigabytes of JSON. */
#define MAX_MEMORY_BODY (64u << 20)
#define MAX_HEADERS 100
/* Easy handles kept for reuse: enough for -j transfers plus the API steps
 * running beside them; a handle set up again costs far less than a new one. */
#define EASY_POOL_MAX 32

struct mt_http {
	struct mt_loop *loop;
	CURLM *multi;
	CURLSH *share;                /* TLS sessions and DNS answers, for every handle */
	CURL *pool[EASY_POOL_MAX];    /* easy handles reset and ready to be set up again */
	int npool;
	char *api_base;
	struct mt_secret *key;
	struct curl_slist *api_headers;
	char *ca_file;
	long connect_timeout_s, stall_timeout_s, backoff_base_ms, backoff_cap_ms;
	int max_attempts;
	int active;
	unsigned rng;                 /* jitter; seeded per engine */
	struct mt_http_req *reqs;     /* every live request, for mt_http_free */
};

/* A multipart part as the request keeps it (strings owned). */
struct owned_part {
	char *name;
	char *value;
	int fd;
	int64_t size;
	char *filename;
	char *content_type;
	struct stat at_start;      /* the file when the request began */
};

struct mt_http_req {
	struct mt_http *http;
	struct mt_http_req *prev, *next;   /* in http->reqs */
	CURL *easy;
	char *url;
	char *method;
	bool api;
	struct curl_slist *headers;
	char *body;
	size_t body_len;
	int body_fd;
	int64_t body_offset, body_size, body_pos;
	struct stat body_at_start;    /* the body file when the request began */
	bool file_changed;            /* a read found the file changed: aborted */
	curl_mime *mime;
	struct owned_part *parts;     /* our copies, for the mime read callbacks */
	size_t nparts;
	int64_t *part_pos;
	int download_fd;
	int (*sink)(const void *data, size_t n, void *arg);
	int64_t download_max, download_bytes;
	bool download_too_large;
	bool retry, follow;
	long timeout_s;
	mt_http_progress_fn progress;
	mt_http_retry_fn on_retry;
	mt_http_done_fn done;
	void *arg;
	struct mt_http_response resp;
	size_t body_cap;              /* allocated for resp.body */
	uint64_t retry_timer;
	bool in_multi;
	bool download_failed;
	int download_errno;
	char errbuf[CURL_ERROR_SIZE];
};

/* Takes a request off the engine's list and frees it; its handle goes
 * back to the engine's pool. */
void http_request_free(struct mt_http_req *req);
/* The engine's share and multi settings; its pool and share freed. */
void http_engine_setup(struct mt_http *http);
void http_engine_teardown(struct mt_http *http);
/* (Re)creates the easy handle for one attempt: options, body, callbacks.
 * Returns 0 or -1. */
int http_request_arm(struct mt_http_req *req);
/* Drops the headers of a response (a new attempt, or a new status line). */
void http_headers_clear(struct mt_http_response *resp);

#endif
