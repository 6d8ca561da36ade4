/* upload_journal.c — an upload's journal record: its key, what is saved
 * before the next request, and taking over what an earlier run left. */
#include "config.h"

#include <jansson.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "digest.h"
#include "fsutil.h"
#include "http.h"
#include "i18n.h"
#include "upload.h"
#include "upload_internal.h"
#include "xalloc.h"


/* The file's absolute path without symbolic links, as realpath(3) gives it,
 * or NULL. realpath reads every component's link (about six system calls a
 * file): the folder's is kept for the next file of the same folder, and
 * only the file itself is looked at. */
static char *
real_path_of(struct mt_upload_queue *q, const char *path)
{
	const char *base = mt_basename(path);
	struct stat st;
	if (base[0] == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    lstat(path, &st) < 0 || S_ISLNK(st.st_mode))
		return realpath(path, NULL);
	size_t dlen = (size_t)(base - path);
	if (q->rp_dir == NULL || strlen(q->rp_dir) != dlen || memcmp(q->rp_dir, path, dlen) != 0) {
		char *dir = dlen ? xasprintf("%.*s", (int)dlen, path) : xstrdup("./");
		char *real = realpath(dir, NULL);
		if (real == NULL) {
			free(dir);
			return realpath(path, NULL);
		}
		free(q->rp_dir);
		free(q->rp_real);
		q->rp_dir = dlen ? dir : (free(dir), xstrdup(""));
		q->rp_real = real;
	}
	size_t rl = strlen(q->rp_real);
	return xasprintf("%s%s%s", q->rp_real, rl && q->rp_real[rl - 1] == '/' ? "" : "/", base);
}

void
mt_upload_job_make_key(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	free(job->real_path);
	job->real_path = real_path_of(q, job->path);
	const char *real = job->real_path;
	/* a file sent under another name is another upload; the file's own
	 * name stays out of the key so that earlier journals still match */
	const char *as = strcmp(job->name, mt_basename(job->path)) != 0 ? job->name : NULL;
	char *material = xasprintf("%s\n%s\n%s\n%lld\n%lld.%09ld\n%s\n%s\n%s%s%s",
	                           q->site->profile->name, q->site->profile->url,
	                           real ? real : job->path, (long long)job->size,
	                           (long long)job->mtime.tv_sec, job->mtime.tv_nsec,
	                           job->folder ? job->folder : "",
	                           q->opts.document_id ? q->opts.document_id : "",
	                           q->opts.video_id ? q->opts.video_id : "",
	                           as ? "\nas " : "", as ? as : "");
	char hex[65];
	mt_sha256_hex(material, strlen(material), hex);
	free(material);
	hex[32] = '\0';
	free(job->key);
	job->key = xstrdup(hex);
}

static void
set_json_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_string(v));
}

static void job_save(struct mt_upload_job *job, bool durable, const char *offer);

void
mt_upload_job_save(struct mt_upload_job *job)
{
	job_save(job, false, NULL);
}

void
mt_upload_job_save_durable(struct mt_upload_job *job)
{
	job_save(job, true, NULL);
}

/* `offer`: for a failed job kept for the next start, why it may pass then
 * ("full", "mayPass"; see mt_history_rec) */
static void
job_save(struct mt_upload_job *job, bool durable, const char *offer)
{
	struct mt_upload_queue *q = job->queue;
	/* while the server is asked about the earlier copy, its record stands:
	 * a failed question must not turn "done" into "failed", or the next run
	 * would send a file the server may still have */
	if (q->journal == NULL || job->key == NULL || job->asking_earlier)
		return;
	json_t *r = json_object();
	set_json_str(r, "path", job->real_path ? job->real_path : job->path);
	set_json_str(r, "name", job->name);
	json_object_set_new(r, "size", json_integer(job->size));
	json_object_set_new(r, "mtime", json_integer((json_int_t)job->mtime.tv_sec));
	set_json_str(r, "folder", job->folder);
	set_json_str(r, "dialect", q->site->dialect->name);
	set_json_str(r, "mime", job->mime);
	set_json_str(r, "state", mt_job_state_name(job->state));
	set_json_str(r, "mediaId", job->media_id);
	set_json_str(r, "storageKey", job->storage_key);
	set_json_str(r, "uploadId", job->upload_id);
	set_json_str(r, "uploadUrl", job->upload_url);
	if (job->max_chunk > 0)
		json_object_set_new(r, "maxChunk", json_integer(job->max_chunk));
	set_json_str(r, "checksum", job->checksum);
	set_json_str(r, "id", job->remote_id);
	set_json_str(r, "url", job->remote_url);
	if (job->snapshot)
		json_object_set(r, "snapshot", job->snapshot);
	if (job->state == MT_JOB_FAILED)
		set_json_str(r, "error", mt_upload_job_error(job)->message);
	set_json_str(r, "offerAgain", offer);
	json_object_set_new(r, "updated", json_integer((json_int_t)time(NULL)));
	/* the order it was queued in: seconds tie, this does not */
	json_object_set_new(r, "session", json_integer((json_int_t)q->session_ms));
	json_object_set_new(r, "seq", json_integer(job->seq));
	struct mt_error err;
	if (mt_journal_put(q->journal, job->key, r, durable, &err) < 0) {
		/* Without a journal a crash could upload twice; stop rather than risk it. */
		json_decref(r);
		if (!mt_job_state_final(job->state))
			mt_upload_job_fail(job, &err);
		return;
	}
	if (durable)
		job->durable_turn = q->flush_turn;
	json_decref(r);
}

/* The group commit, at the end of every loop turn.
 *
 * The invariant: a record saved durable (a client media id, a snapshot
 * that guards a create) is on the disk before the request it guards sends
 * a byte. Dialects save such a record and then start the request in the
 * same turn; mt_http_start only hands the transfer to libcurl, which sends
 * from curl_multi_perform early in the next turn, after this hook. So one
 * fdatasync here covers every durable record of the turn. Every other
 * record (states, "done") is written at once, as before: it survives
 * kill -9 (the page cache keeps it) and is made durable by the next sync
 * or by closing the journal. A failed sync fails the jobs whose guarding
 * record it was meant to cover, and cancels their unsent requests. */
void
mt_upload_queue_flush_journal(void *arg)
{
	struct mt_upload_queue *q = arg;
	if (q->journal == NULL)
		return;
	unsigned long turn = q->flush_turn++;
	struct mt_error err;
	if (mt_journal_flush(q->journal, &err) == 0)
		return;
	/* rare: only now is the whole queue looked at */
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		if (job->durable_turn != turn || mt_job_state_final(job->state))
			continue;
		struct mt_http_req *r = job->req;
		job->req = NULL;
		mt_upload_job_fail(job, &err);
		if (r)
			mt_http_cancel(r);
	}
}

static char *
rec_str(json_t *rec, const char *k)
{
	const char *v = json_string_value(json_object_get(rec, k));
	return v ? xstrdup(v) : NULL;
}

/* Takes over what an earlier run recorded. Returns true when the record says
 * the file went up (done or skipped): remote_id, remote_url and checksum
 * are the record's, and the caller decides whether it is still there. */
bool
mt_upload_job_resume_from_journal(struct mt_upload_job *job)
{
	struct mt_upload_queue *q = job->queue;
	if (q->journal == NULL)
		return false;
	json_t *rec = mt_journal_get(q->journal, job->key);
	if (rec == NULL)
		return false;
	const char *state = json_string_value(json_object_get(rec, "state"));
	if (state && (strcmp(state, "done") == 0 || strcmp(state, "skipped") == 0)) {
		free(job->remote_id);
		job->remote_id = rec_str(rec, "id");
		free(job->remote_url);
		job->remote_url = rec_str(rec, "url");
		/* what a dialect asks the server with, whether the copy is still there */
		free(job->checksum);
		job->checksum = rec_str(rec, "checksum");
		job->already_there = true;
		return true;
	}
	/* a job retried in the same run already holds some of these */
	free(job->media_id);
	job->media_id = rec_str(rec, "mediaId");
	free(job->storage_key);
	job->storage_key = rec_str(rec, "storageKey");
	free(job->upload_id);
	job->upload_id = rec_str(rec, "uploadId");
	free(job->upload_url);
	job->upload_url = rec_str(rec, "uploadUrl");
	json_t *mc = json_object_get(rec, "maxChunk");
	if (json_is_integer(mc) && json_integer_value(mc) > 0)
		job->max_chunk = json_integer_value(mc);
	json_t *snap = json_object_get(rec, "snapshot");
	json_decref(job->snapshot);
	job->snapshot = json_is_array(snap) ? json_incref(snap) : NULL;
	return false;
}

/* Why a failed job may pass at the next start, as its record says it, or
 * NULL for a job refused for good (sending it again fails the same way). */
static const char *
offer_again(const struct mt_upload_job *job)
{
	if (!mt_upload_job_retryable(job))
		return NULL;
	return mt_upload_job_cause(job) == MT_UPLOAD_FULL ? "full" : "mayPass";
}

int
mt_upload_queue_keep_unstarted(struct mt_upload_queue *q)
{
	if (q->journal == NULL)
		return 0;
	int n = 0;
	/* failed jobs lie anywhere: live_from passes over final ones */
	for (int i = 0; i < q->njobs; i++) {
		struct mt_upload_job *job = q->jobs[i];
		const char *offer = job->state == MT_JOB_FAILED ? offer_again(job) : NULL;
		if ((mt_job_state_final(job->state) && offer == NULL) || job->size < 0)
			continue;
		if (job->key == NULL) {
			/* not begun: the key from the file as it is now, as its
			 * start would make it */
			struct stat st;
			if (stat(job->path, &st) < 0 || !S_ISREG(st.st_mode))
				continue;
			job->size = st.st_size;
			job->mtime = st.st_mtim;
			mt_upload_job_make_key(job);
		}
		json_t *rec = mt_journal_get(q->journal, job->key);
		if (rec != NULL) {
			/* an unfinished record stands as it is; a failed one (this
			 * run's, or an earlier run's for a job not begun here) is
			 * marked to be offered; "done" (an earlier run's) is left */
			const char *state = json_string_value(json_object_get(rec, "state"));
			if (offer == NULL || !state || strcmp(state, "failed") != 0)
				continue;
		}
		job_save(job, false, offer);
		n++;
	}
	return n;
}

int
mt_upload_queue_forget(struct mt_upload_queue *q, char *const *keys, size_t n,
                       struct mt_error *err)
{
	if (q->journal == NULL)
		return mt_error_set(err, MT_ERR_IO, _("this queue keeps no journal"));
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *rec = keys[i] ? mt_journal_get(q->journal, keys[i]) : NULL;
		if (rec == NULL)
			continue;
		/* a job of this queue with the key is its own: x cancels it */
		bool running = false;
		for (int j = 0; j < q->njobs && !running; j++)
			running = q->jobs[j]->key && strcmp(q->jobs[j]->key, keys[i]) == 0;
		if (running)
			continue;
		json_t *r = json_deep_copy(rec);
		json_object_set_new(r, "state", json_string(mt_job_state_name(MT_JOB_CANCELLED)));
		json_object_set_new(r, "forgotten", json_true());
		json_object_set_new(r, "updated", json_integer((json_int_t)time(NULL)));
		int rc = mt_journal_put(q->journal, keys[i], r, true, err);
		json_decref(r);
		if (rc < 0)
			return -1;
		k++;
	}
	if (mt_journal_flush(q->journal, err) < 0)
		return -1;
	return k;
}
