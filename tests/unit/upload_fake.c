/* upload_fake.c — the fake transport, the fake dialect and the fixture the
 * upload state machine's tests run on (see upload_fake.h). */
#include "config.h"

#include <jansson.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "jsonx.h"
#include "strbuf.h"
#include "upload_fake.h"
#include "xalloc.h"

struct fake_env fx;
int64_t fake_now_s = 1700000000;
bool fake_wants_md5;
const char *fake_retry_after;
static uint64_t fake_ms = 5000000;
static struct fake_answer answers[32];
static int nanswers;
static struct strbuf calls = STRBUF_INIT, events = STRBUF_INIT;
static char *calls_read, *events_read;
static int queue_done;

/* ---- the log ---- */

static void
log_add(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	if (sb->len)
		strbuf_putc(sb, '|');
	char s[512];
	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	strbuf_puts(sb, s);
}

static const char *
log_take(struct strbuf *sb, char **keep)
{
	free(*keep);
	*keep = strbuf_detach(sb);
	return *keep;
}

const char *
fake_calls(void)
{
	return log_take(&calls, &calls_read);
}

const char *
fake_events(void)
{
	return log_take(&events, &events_read);
}

int
fake_queue_done_count(void)
{
	return queue_done;
}

/* ---- clocks ---- */

static int64_t
fake_wall(void)
{
	return fake_now_s;
}

static uint64_t
fake_clock(void)
{
	return fake_ms;
}

void
fake_advance_ms(uint64_t ms)
{
	fake_ms += ms;
	fake_now_s += (int64_t)(ms / 1000);
}

/* ---- the transport ---- */

struct mt_http_req {
	char *what;               /* "METHOD url" */
	bool retry, paused;
	mt_http_done_fn done;
	mt_http_progress_fn progress;
	mt_http_retry_fn on_retry;
	void *arg;
	int64_t body_size;
	uint64_t timer;
	struct fake_answer *ans;
	struct mt_http_req *next;
};

static struct mt_http_req *flight;

static void
unlink_req(struct mt_http_req *r)
{
	for (struct mt_http_req **p = &flight; *p; p = &(*p)->next) {
		if (*p == r) {
			*p = r->next;
			return;
		}
	}
}

static void
deliver(struct mt_http_req *r, long status, const char *body, int retries, long retry_status)
{
	unlink_req(r);
	if (r->timer)
		mt_loop_timer_cancel(fx.loop, r->timer);
	/* the engine repeats only what was marked safe to repeat */
	if (retries > 0 && !r->retry) {
		status = retry_status;
		body = "";
		retries = 0;
	}
	for (int i = 1; i <= retries; i++) {
		char reason[64];
		if (retry_status)
			snprintf(reason, sizeof reason, "HTTP %ld", retry_status);
		else
			snprintf(reason, sizeof reason, "Connection reset by peer");
		log_add(&calls, "retry %s %d", r->what, i);
		if (r->on_retry) {
			struct mt_http_retry told = {
				.attempt = i + 1, .max_attempts = retries + 1, .status = retry_status,
				.curl_code = retry_status ? 0 : 56,   /* CURLE_RECV_ERROR */
				.delay_ms = mt_backoff_delay_ms(i, 500, 30000, 0.5), .reason = reason,
			};
			r->on_retry(&told, r->arg);
		}
	}
	if (status >= 200 && status <= 299 && r->progress && r->body_size > 0)
		r->progress(r->body_size, r->body_size, r->arg);
	struct mt_http_response resp;
	memset(&resp, 0, sizeof resp);
	resp.status = status;
	resp.attempts = retries + 1;
	if (status == 0) {
		snprintf(resp.error, sizeof resp.error, "Connection reset by peer");
		resp.curl_code = 56;   /* CURLE_RECV_ERROR */
	}
	resp.body = xstrdup(body ? body : "");
	resp.body_len = strlen(resp.body);
	struct mt_http_header ra = { (char *)(uintptr_t)"retry-after", (char *)(uintptr_t)fake_retry_after };
	if (fake_retry_after) {
		resp.headers = &ra;
		resp.nheaders = 1;
	}
	mt_http_done_fn done = r->done;
	void *arg = r->arg;
	free(r->what);
	free(r);
	done(&resp, arg);
	free(resp.body);
}

static void
answer_now(void *arg)
{
	struct mt_http_req *r = arg;
	r->timer = 0;
	struct fake_answer *a = r->ans;
	deliver(r, a->status, a->body, a->retries, a->retry_status);
}

static struct mt_http_req *
fake_start(struct mt_http *http, const struct mt_http_spec *spec, mt_http_done_fn done,
           struct mt_error *err)
{
	(void)http;
	(void)err;
	struct mt_http_req *r = xcalloc(1, sizeof *r);
	r->what = xasprintf("%s %s", spec->method, spec->url);
	r->retry = spec->retry;
	r->done = done;
	r->progress = spec->progress;
	r->on_retry = spec->on_retry;
	r->arg = spec->arg;
	r->body_size = spec->body_fd > 0 ? spec->body_size : (int64_t)spec->body_len;
	r->next = flight;
	flight = r;
	log_add(&calls, "%s", r->what);
	for (int i = 0; i < nanswers; i++) {
		if (!answers[i].used && strstr(r->what, answers[i].match)) {
			answers[i].used = true;
			r->ans = &answers[i];
			/* like the engine: never from inside start */
			r->timer = mt_loop_timer_add(fx.loop, 0, answer_now, r);
			break;
		}
	}
	return r;
}

static void
fake_cancel(struct mt_http_req *r)
{
	log_add(&calls, "cancel %s", r->what);
	unlink_req(r);
	if (r->timer)
		mt_loop_timer_cancel(fx.loop, r->timer);
	struct mt_http_response resp;
	memset(&resp, 0, sizeof resp);
	resp.cancelled = true;
	resp.body = (char *)(uintptr_t)"";
	mt_http_done_fn done = r->done;
	void *arg = r->arg;
	free(r->what);
	free(r);
	done(&resp, arg);
}

static void
fake_pause(struct mt_http_req *r, bool paused)
{
	log_add(&calls, "%s %s", paused ? "pause" : "resume", r->what);
	r->paused = paused;
}

static const struct mt_upload_transport fake_transport = {
	.start = fake_start, .cancel = fake_cancel, .pause = fake_pause, .now_s = fake_wall,
};

static struct mt_http_req *
find(const char *match)
{
	for (struct mt_http_req *r = flight; r; r = r->next)
		if (strstr(r->what, match))
			return r;
	return NULL;
}

bool
fake_answer(const char *match, long status, const char *body)
{
	struct mt_http_req *r = find(match);
	if (r == NULL)
		return false;
	deliver(r, status, body, 0, 0);
	return true;
}

bool
fake_progress(const char *match, int64_t sent)
{
	struct mt_http_req *r = find(match);
	if (r == NULL || r->progress == NULL)
		return false;
	r->progress(sent, r->body_size, r->arg);
	return true;
}

bool
fake_retry(const char *match, long status, int curl_code, int attempt, long delay_ms)
{
	struct mt_http_req *r = find(match);
	if (r == NULL || r->on_retry == NULL)
		return false;
	char reason[64];
	if (status)
		snprintf(reason, sizeof reason, "HTTP %ld", status);
	else
		snprintf(reason, sizeof reason, "libcurl error %d", curl_code);
	struct mt_http_retry told = {
		.attempt = attempt, .max_attempts = 6, .status = status, .curl_code = curl_code,
		.delay_ms = delay_ms, .reason = reason,
	};
	r->on_retry(&told, r->arg);
	return true;
}

bool
fake_in_flight(const char *match, bool *paused)
{
	struct mt_http_req *r = find(match);
	if (r && paused)
		*paused = r->paused;
	return r != NULL;
}

void
fake_script(const char *match, long status, const char *fmt, ...)
{
	if (nanswers == (int)(sizeof answers / sizeof answers[0]))
		abort();
	struct fake_answer *a = &answers[nanswers++];
	memset(a, 0, sizeof *a);
	snprintf(a->match, sizeof a->match, "%s", match);
	a->status = status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->body, sizeof a->body, fmt, ap);
	va_end(ap);
}

void
fake_script_retries(const char *match, int retries, long retry_status, long status,
                    const char *body)
{
	fake_script(match, status, "%s", body);
	answers[nanswers - 1].retries = retries;
	answers[nanswers - 1].retry_status = retry_status;
}

void
fake_script_ok(const char *name)
{
	char m[64];
	snprintf(m, sizeof m, "presign?name=%s", name);
	fake_script(m, 200, "{\"key\":\"k-%s\",\"url\":\"https://store.test/k-%s\",\"expires\":%lld}",
	            name, name, (long long)fake_now_s + 3600);
	snprintf(m, sizeof m, "PUT https://store.test/k-%s", name);
	fake_script(m, 200, "%s", "");
	snprintf(m, sizeof m, "confirm?key=k-%s", name);
	fake_script(m, 200, "{\"id\":\"m-%s\"}", name);
}

/* ---- the dialect ---- */

static int
fd_check(const struct mt_site *site, const char *mime, int64_t size, const char *name,
         struct mt_error *err)
{
	(void)site;
	(void)mime;
	(void)size;
	if (strstr(name, ".bad"))
		return mt_error_set(err, MT_ERR_REJECTED, "fake does not accept %s", name);
	return 0;
}

static unsigned
fd_digests(const struct mt_site *site)
{
	(void)site;
	return fake_wants_md5 ? MT_DIGEST_MD5 : 0;
}

static void
presigned(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, "presigning");
		return;
	}
	if (jx_str(root, "id")) {
		/* the server has this file already */
		free(job->remote_id);
		job->remote_id = jx_strdup(root, "id");
		job->already_there = true;
		mt_upload_step_done(job, NULL);
		return;
	}
	free(job->storage_key);
	job->storage_key = jx_strdup(root, "key");
	mt_upload_job_set_target(job, jx_str(root, "url"), "PUT", NULL);
	int64_t exp = 0;
	if (jx_int64(root, "expires", &exp))
		job->put_expires = exp;
	mt_upload_job_save_durable(job);
	mt_upload_step_done(job, NULL);
}

static int
fd_start(struct mt_upload_job *job, struct mt_error *err)
{
	/* a key from an earlier run (the journal) is asked for again, not a new one */
	char *url = job->storage_key
		? xasprintf("presign?name=%s&key=%s", job->name, job->storage_key)
		: xasprintf("presign?name=%s", job->name);
	if (fake_wants_md5)
		job->checksum = (free(job->checksum), xstrdup(job->md5_b64));
	int rc = mt_upload_api_json(job, "POST", url, NULL, false, presigned, err);
	free(url);
	return rc;
}

static void
confirmed(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	if (resp->status < 200 || resp->status > 299) {
		mt_upload_fail_response(job, resp, "confirming");
		return;
	}
	free(job->remote_id);
	job->remote_id = jx_strdup(root, "id");
	mt_upload_step_done(job, NULL);
}

static int
fd_finish(struct mt_upload_job *job, struct mt_error *err)
{
	char *url = xasprintf("confirm?key=%s", job->storage_key);
	job->committed = true;   /* as the real confirms: the item is made */
	int rc = mt_upload_api_json(job, "POST", url, NULL, true, confirmed, err);
	free(url);
	return rc;
}

bool fake_can_lookup;

static void
looked_up(struct mt_upload_job *job, const struct mt_http_response *resp, json_t *root)
{
	(void)root;
	struct mt_error err;
	if (resp->status == 404) {
		mt_upload_lookup_done(job, false, NULL);
	} else if (resp->status < 200 || resp->status > 299) {
		mt_http_error_from_response(resp, "looking up", &err);
		mt_upload_lookup_done(job, false, &err);
	} else {
		mt_upload_lookup_done(job, true, NULL);
	}
}

static int
fd_lookup(struct mt_upload_job *job, struct mt_error *err)
{
	if (!fake_can_lookup)
		return 1;
	char *url = xasprintf("lookup?id=%s", job->remote_id);
	int rc = mt_upload_api_json(job, "GET", url, NULL, true, looked_up, err);
	free(url);
	return rc;
}

static const struct mt_upload_ops fake_ops = {
	.check = fd_check, .digests = fd_digests, .start = fd_start, .finish = fd_finish,
	.finish_creates = true, .lookup = fd_lookup,
};

static const struct mt_dialect fake_dialect = {
	.name = "fake", .caps = MT_CAP_UPLOAD, .upload = &fake_ops,
};

static const struct mt_profile profile = {
	.name = (char *)(uintptr_t)"fake",
	.url = (char *)(uintptr_t)"https://api.test/",
};

/* ---- the fixture ---- */

static void
on_event(struct mt_upload_queue *q, struct mt_upload_job *job, enum mt_upload_event ev, void *arg)
{
	(void)q;
	(void)arg;
	switch (ev) {
	case MT_UP_EV_STATE:
		log_add(&events, "%s %s", job->name, mt_job_state_name(job->state));
		break;
	case MT_UP_EV_RETRY:
		log_add(&events, "%s retry", job->name);
		break;
	case MT_UP_EV_QUEUE_DONE:
		queue_done++;
		log_add(&events, "done");
		break;
	case MT_UP_EV_PROGRESS:
		break;
	}
}

struct mt_upload_queue *
fake_queue(bool journal, int jobs)
{
	struct mt_upload_options o = { .folder = "/in", .jobs = jobs, .use_journal = journal };
	struct mt_error err;
	struct mt_upload_queue *q = NULL;
	if (mt_upload_queue_new(&fx.site, &o, on_event, NULL, &q, &err) < 0) {
		fprintf(stderr, "queue: %s\n", err.message);
		abort();
	}
	mt_upload_queue_set_transport(q, &fake_transport);
	return q;
}

const char *
fake_file(const char *name, const char *content)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", fx.dir, name);
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(content, f) < 0 || fclose(f) != 0)
		abort();
	return path;
}

void
fake_settle(void)
{
	for (int i = 0; i < 8; i++)
		mt_loop_run_once(fx.loop, 0);
}

int
fake_setup(void **state)
{
	(void)state;
	snprintf(fx.dir, sizeof fx.dir, "/tmp/mt-upsm-XXXXXX");
	if (mkdtemp(fx.dir) == NULL)
		return -1;
	char *st = xasprintf("%s/state", fx.dir);
	setenv("XDG_STATE_HOME", st, 1);
	mkdir(st, 0700);
	char *sub = xasprintf("%s/mediatui", st);
	mkdir(sub, 0700);
	free(sub);
	free(st);
	fx.loop = mt_loop_new();
	mt_loop_set_clock(fx.loop, fake_clock);
	memset(&fx.site, 0, sizeof fx.site);
	fx.site.loop = fx.loop;
	fx.site.profile = &profile;
	fx.site.dialect = &fake_dialect;
	fx.site.has_key = true;
	fx.q = NULL;
	nanswers = 0;
	queue_done = 0;
	fake_wants_md5 = false;
	fake_can_lookup = false;
	fake_retry_after = NULL;
	strbuf_free(&calls);
	strbuf_free(&events);
	return 0;
}

int
fake_teardown(void **state)
{
	(void)state;
	mt_upload_queue_free(fx.q);
	fx.q = NULL;
	while (flight) {
		struct mt_http_req *r = flight;
		flight = r->next;
		free(r->what);
		free(r);
	}
	mt_loop_free(fx.loop);
	char *cmd = xasprintf("rm -rf '%s'", fx.dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", fx.dir);
	free(cmd);
	strbuf_free(&calls);
	strbuf_free(&events);
	free(calls_read);
	free(events_read);
	calls_read = events_read = NULL;
	return 0;
}
