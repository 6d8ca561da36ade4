/* upload.h — the upload queue: one state machine for every dialect.
 *
 *   queued -> checking (open, stat, libmagic, limits) -> hashing (when the
 *   dialect wants a checksum) -> starting (presign / create / initiate) ->
 *   uploading (PUT or chunks) -> confirming -> done
 *
 * with edges for retry (the HTTP engine repeats safe steps; the queue repeats
 * a step after checking the server when the outcome was ambiguous), re-presign
 * (a URL that expired), pause, cancel, and quota (stops every job queued
 * before the server said the storage is full; a job queued later asks again).
 * Every change of state that matters for resuming is journaled before the
 * next request goes out, so a killed process continues where it stopped
 * instead of uploading twice. */
#ifndef MT_UPLOAD_H
#define MT_UPLOAD_H

/* jansson's type, declared here so that src/tui need not include jansson */
struct json_t;
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "error.h"
#include "journal.h"
#include "site.h"

enum mt_job_state {
	MT_JOB_QUEUED,
	MT_JOB_CHECKING,
	MT_JOB_HASHING,
	MT_JOB_STARTING,
	MT_JOB_UPLOADING,
	MT_JOB_CONFIRMING,
	MT_JOB_VERIFYING,    /* asking the server whether an ambiguous create happened */
	MT_JOB_DONE,
	MT_JOB_SKIPPED,      /* already uploaded (journal or server says so) */
	MT_JOB_FAILED,
	MT_JOB_CANCELLED
};

struct mt_upload_queue;

/* Why a job waits to try again, for the interface to word. */
/* Whether R asked to send a cancelled job again (mt_upload_queue_ask_cancelled). */
enum mt_resend {
	MT_RESEND_UNASKED,    /* not asked since it was cancelled */
	MT_RESEND_ASKING,     /* in the question open now */
	MT_RESEND_ANSWERED    /* answered, either way: not asked again while it stays cancelled */
};

enum mt_upload_retry_cause {
	MT_RETRY_ANSWER,     /* the server answered a 5xx or a 429 (status) */
	MT_RETRY_DROPPED,    /* the connection dropped: reset, closed, no answer came */
	MT_RETRY_STALLED,    /* nothing moved for the stall timeout */
	MT_RETRY_OTHER       /* no answer for another reason (retry_reason says it) */
};

/* A server that keeps answering 429 ("later") to one file's create is
 * waited for this many times, then the file fails saying so: its waits use
 * up no try, and a batch must not wait for ever. */
#define MT_UPLOAD_RATE_WAITS_MAX 20
/* The longest a Retry-After is waited for, as the engine caps it. */
#define MT_UPLOAD_RATE_WAIT_MAX_MS 300000L

struct mt_upload_job {
	struct mt_upload_queue *queue;
	int index;
	enum mt_job_state state;
	unsigned long durable_turn;   /* q's flush turn of its last durable save, 0 none */
	bool held;                 /* a step ended while the queue was paused: the
	                              next one waits for mt_upload_queue_pause(q, false) */

	/* the local file */
	char *path;                /* as given */
	char *name;                /* the name sent to the server */
	int fd;                    /* open while the job runs */
	int64_t size;
	struct timespec mtime;
	dev_t dev;
	ino_t ino;
	int same_prev;             /* the job of the same file added before, or -1 (queue's) */
	const char *mime;          /* "" until checked; shared with the queue's other
	                              jobs of that type (the queue owns it) */
	bool name_mismatch;        /* content and extension disagree */
	bool stored;               /* the transfer itself stored the item (clearcms
	                              multipart): nothing is left to withhold */
	bool committed;            /* the request that makes the item (a confirm)
	                              has gone out: the dialect sets it as it sends
	                              it; a cancel can no longer keep the file off */
	bool changed_after_sent;   /* done, but the file changed once its bytes had
	                              gone whole: the server has it as it was read */
	char *key;                 /* journal key, while the job runs */
	char *real_path;           /* realpath of path while the job runs (journaled) */

	/* destination */
	char *folder;
	char *alt;

	/* progress */
	int64_t sent;              /* bytes acknowledged or in flight */
	int attempt;               /* retries so far, of any request (a trace; people
	                              are told the try that comes: mt_upload_wait_text) */
	int step_failures;         /* failures of the current step in a row; the limit
	                              applies to these, and progress resets them */
	int rate_waits;            /* a create's 429s: waits that use up no try, bounded
	                              by MT_UPLOAD_RATE_WAITS_MAX */
	char *retry_reason;        /* never NULL in a queue's job: "" when none */
	struct {                   /* waiting to try again: mt_upload_job_retry_wait */
		bool on;
		bool checking;     /* the server is asked first whether the failed
		                      try arrived: when the next one starts is not known */
		int next_try, tries;
		uint64_t at_ms;    /* when the next try starts, by the loop's clock */
		enum mt_upload_retry_cause cause;
		long status;
		bool uncounted;    /* the server asked for the wait: no try used up */
	} wait;
	uint64_t started_ms;
	uint64_t state_ms;         /* when the current state began */

	/* dialect state (journaled where resuming needs it); freed once the job
	 * is done, skipped or cancelled: the journal has its last record */
	char *media_id;            /* clarife: client-generated uuid */
	char *storage_key;         /* clearcms presign, clarife b2_key, direct key */
	char *upload_id;           /* adclear */
	char *upload_url;          /* adclear chunk URL */
	int64_t max_chunk;         /* adclear */
	int stalls;                /* adclear: chunks in a row the server did not take */
	char *put_url;             /* presigned URL */
	char *put_method;
	char **put_headers;        /* "Name: value" */
	int nput_headers;
	int64_t put_expires;       /* epoch seconds, 0 = unknown */
	int presigns;              /* how many times a URL was issued */
	char *checksum;            /* direct: the value sent */
	char md5_b64[25];
	char sha256_b64[45];
	struct json_t *snapshot;          /* clearcms: ids that existed before a create */
	bool use_multipart;        /* clearcms: chose the one-request upload */

	/* result */
	char *remote_id;
	char *remote_url;
	struct mt_error *err;      /* NULL while there is none: read it with
	                              mt_upload_job_error */
	bool already_there;        /* the server had it before this run */
	char *why_skipped;         /* for people: why a skipped job sent nothing; "" */
	char *replaced_id;         /* the earlier copy the journal named, gone from the
	                              server since: this upload sends the file again */
	char *why_sent;            /* for people: why a file the journal had was sent
	                              again; "" */
	bool asking_earlier;       /* asking whether the journal's earlier copy is still
	                              there: its record is kept as it is */
	bool refused_here;         /* failed by the client's own checks (the file, its
	                              type or size) before any request went out */
	int batch;                 /* the batch it was added in (mt_upload_queue_new_batch) */
	int run;                   /* the run it was last queued in (mt_upload_queue_tally) */
	enum mt_resend resend;     /* cancelled: whether R asked to send it again */
	int queued_mark;           /* when it was last queued, in the queue's count of
	                              queuings: a full storage stops the jobs queued
	                              before the server said so, not those after */
	int seq;                   /* its place in the order the queue was given its files
	                              (journaled: the next start offers them in it) */
	bool in_transfer;          /* holds one of the -j transfer slots */
	bool waiting_slot;         /* ready to transfer, waiting for a slot */
	bool trailing;             /* its bytes are out; only its confirm is left */

	/* in flight */
	struct mt_http_req *req;
	struct mt_digest *digest;
	uint64_t timer;
};

enum mt_upload_event {
	MT_UP_EV_STATE,      /* state changed */
	MT_UP_EV_PROGRESS,   /* bytes moved */
	MT_UP_EV_RETRY,      /* a retry was scheduled; see retry_reason */
	MT_UP_EV_QUEUE_DONE  /* nothing left to do (job is NULL) */
};

typedef void (*mt_upload_event_fn)(struct mt_upload_queue *q, struct mt_upload_job *job,
                                   enum mt_upload_event ev, void *arg);

struct mt_upload_options {
	const char *folder;        /* default destination folder */
	const char *alt;
	const char *video_id;      /* flare; else the profile's */
	const char *document_id;   /* clarife; else the profile's */
	int jobs;                  /* concurrent transfers; 0 = 4 */
	int max_attempts;          /* step-level; 0 = 5 */
	bool use_journal;          /* false only in tests */
};

/* What a dialect provides to the queue. Each step is asynchronous: it starts
 * requests and ends by calling mt_upload_step_done(job, err) exactly once. */
struct mt_upload_ops {
	/* Refuses, before anything is sent, a type or size the API will not take.
	 * `site` may be NULL (local checks in the TUI). */
	int (*check)(const struct mt_site *site, const char *mime, int64_t size, const char *name,
	             struct mt_error *err);
	/* Digests the dialect needs before `start` (MT_DIGEST_*), given the profile. */
	unsigned (*digests)(const struct mt_site *site);
	int (*start)(struct mt_upload_job *job, struct mt_error *err);
	/* NULL: the queue PUTs the file to put_url with put_method and put_headers. */
	int (*transfer)(struct mt_upload_job *job, struct mt_error *err);
	/* NULL: done after the transfer. */
	int (*finish)(struct mt_upload_job *job, struct mt_error *err);
	/* true when `finish` sends the request that makes the item (clearcms's
	 * and clarife's confirm, which set job->committed as they send it):
	 * until then a cancel keeps the file off the server. false: the
	 * transfer's bytes make it by themselves, so once they have all gone
	 * the file lands whatever the client does. A job's use_multipart
	 * (clearcms's one request) makes its transfer the one that lands. */
	bool finish_creates;
	/* Asks whether the item an earlier run made of this file (the journal's
	 * record: job->remote_id, and job->checksum where it was kept) is still
	 * on the server, and ends by calling mt_upload_lookup_done exactly once.
	 * Returns 0 when the question is under way, 1 when this job gives
	 * nothing to ask with (the file is skipped as before), -1 with err.
	 * NULL: the API has no way to ask. */
	int (*lookup)(struct mt_upload_job *job, struct mt_error *err);
};

extern const struct mt_upload_ops mt_upload_clearcms;
extern const struct mt_upload_ops mt_upload_clarife;
extern const struct mt_upload_ops mt_upload_flare;
extern const struct mt_upload_ops mt_upload_adclear;
extern const struct mt_upload_ops mt_upload_direct;

/* How the queue reaches the network and the wall clock: every request of an
 * upload (the queue's, the shared helpers' and the dialects' own) starts,
 * pauses and stops through it, so a test can run the state machine against
 * a fake. mt_upload_http is the site's HTTP engine and time(). */
struct mt_upload_transport {
	struct mt_http_req *(*start)(struct mt_http *http, const struct mt_http_spec *spec,
	                             mt_http_done_fn done, struct mt_error *err);
	void (*cancel)(struct mt_http_req *req);
	void (*pause)(struct mt_http_req *req, bool paused);
	int64_t (*now_s)(void);    /* epoch seconds: when presigned URLs expire */
};
extern const struct mt_upload_transport mt_upload_http;

/* Creates a queue for the site. Opens the profile's journal when
 * opts->use_journal (fails when another process holds it). */
int mt_upload_queue_new(struct mt_site *site, const struct mt_upload_options *opts,
                        mt_upload_event_fn fn, void *arg, struct mt_upload_queue **out,
                        struct mt_error *err);
void mt_upload_queue_free(struct mt_upload_queue *q);

/* Starts a new batch: a file listed twice for the same folder is sent once
 * within a batch; the same file in a later batch or for another folder is
 * its own upload (the journal still skips what already reached a folder). */
void mt_upload_queue_new_batch(struct mt_upload_queue *q);
/* Adds a file. Problems found now (missing file, a directory) make the job
 * fail at once with a message; nothing is silently dropped. */
struct mt_upload_job *mt_upload_queue_add(struct mt_upload_queue *q, const char *path);
/* The same, into `folder` instead of the queue's default (NULL: the default). */
struct mt_upload_job *mt_upload_queue_add_to(struct mt_upload_queue *q, const char *path,
                                             const char *folder);
/* The same, sent to the server as `name` instead of the file's own name
 * (NULL: the basename); the local file keeps its name. Every dialect sends
 * job->name, and the journal keys and records it, so a resumed upload keeps
 * the name it was given. */
struct mt_upload_job *mt_upload_queue_add_as(struct mt_upload_queue *q, const char *path,
                                             const char *folder, const char *name);
/* Starts as many jobs as allowed; later ones start as earlier ones end. */
void mt_upload_queue_start(struct mt_upload_queue *q);
/* Pause or resume everything; paused transfers keep their connection, and
 * a step that ends while paused holds its job until the queue resumes. The
 * queue owns the one pause state; mt_upload_queue_paused reads it. */
void mt_upload_queue_pause(struct mt_upload_queue *q, bool paused);
bool mt_upload_queue_paused(const struct mt_upload_queue *q);
/* What mt_upload_job_cancel did. */
enum mt_upload_cancel {
	MT_UPLOAD_CANCELLED,   /* stopped: none of it is or will be on the server */
	MT_UPLOAD_ENDED,       /* it had ended already (done, skipped, failed, cancelled) */
	MT_UPLOAD_LANDING      /* refused: it is on the server, or will be whatever
	                          this client does now (mt_upload_job_landing); it
	                          runs on to its end, and its row says what happened */
};
/* Cancels a job unless it is landing: calling a file that reaches the
 * server "cancelled" would be false. */
enum mt_upload_cancel mt_upload_job_cancel(struct mt_upload_job *job);
/* True when the file is on the server, or will be whatever the client does
 * now: the request that makes the item went out (job->committed), or every
 * byte of a transfer that makes it by itself was sent (a server that has
 * them all stores the file even when the client hangs up before its answer). */
bool mt_upload_job_landing(const struct mt_upload_job *job);
/* True while every byte of the job's transfer has left and its answer has
 * not come: the bar reads 100 % but nothing is finished yet (the server may
 * still be reading, storing or refusing it). */
bool mt_upload_job_awaiting_answer(const struct mt_upload_job *job);
/* Whether a job is ready to send its bytes and waits for its turn (-j
 * transfers run already, or one begun before it goes first). */
bool mt_upload_job_waiting_turn(const struct mt_upload_job *job);
/* The id a landing or finished file has on the server, or NULL while the
 * server has not said (the client's own media id for clarife). */
const char *mt_upload_job_landing_id(const struct mt_upload_job *job);
/* Cancels every job that is not landing; none that was waiting is begun on
 * the way. Returns how many were cancelled; *landing (may be NULL) gets how
 * many run on because they are landing. */
int mt_upload_queue_cancel(struct mt_upload_queue *q, int *landing);
/* True when a failure may go away by itself (network, timeouts, 5xx, 429,
 * an expired upload URL); false for a refusal that repeats (a type or size
 * refused, validation, a missing key) and for a full storage, which passes
 * only once space is freed (mt_upload_error_full). */
bool mt_upload_error_transient(const struct mt_error *err);
/* True when the server refused for want of space: the library's storage or
 * plan is full (a quota kind, PLAN_LIMIT_REACHED, a code naming a quota).
 * Its own cause: retrying it changes nothing until space is freed, and the
 * queue starts no other file once one is refused so. */
bool mt_upload_error_full(const struct mt_error *err);
/* Why a failed job failed, as the interface words it. */
enum mt_upload_cause {
	MT_UPLOAD_MAY_PASS,        /* transient: R retries it */
	MT_UPLOAD_FULL,            /* the storage is full: free space, then R */
	MT_UPLOAD_REFUSED,         /* refused for good by the server */
	MT_UPLOAD_REFUSED_HERE     /* refused for good before anything was sent */
};
enum mt_upload_cause mt_upload_job_cause(const struct mt_upload_job *job);
/* True for a failed job that mt_upload_queue_retry_failed puts back: its
 * failure is transient, or the storage was full (space may have been freed
 * since; the queue stops again at the first file refused for it). */
bool mt_upload_job_retryable(const struct mt_upload_job *job);
/* How many jobs failed: *retryable of them may pass on a retry, *refused
 * were refused for good (the server or the checks before it said no). */
void mt_upload_queue_failures(const struct mt_upload_queue *q, int *retryable, int *refused);
/* Puts the failed jobs whose failure is transient back in the queue and
 * returns how many; *refused (may be NULL) gets how many failed jobs stay as
 * they are. Cancelled jobs stay cancelled. */
int mt_upload_queue_retry_failed(struct mt_upload_queue *q, int *refused);
/* Marks the cancelled jobs not asked about since they were cancelled as
 * asked about now (MT_RESEND_ASKING) and returns how many: 0 when there is
 * nothing to ask (a job answered before is not asked again). */
int mt_upload_queue_ask_cancelled(struct mt_upload_queue *q);
/* The answer to that question: its jobs are answered, either way (not asked
 * about again while they stay cancelled), and when `send` put back in the
 * queue, each under its name and folder, as if listed again (the journal
 * skips what reached the folder meanwhile). Returns how many were put back.
 * The queue is not started. */
int mt_upload_queue_answer_cancelled(struct mt_upload_queue *q, bool send);

/* A run is what the user sees as one batch: the jobs queued (added, retried
 * or requeued) since the queue was last idle, i.e. since its last
 * MT_UP_EV_QUEUE_DONE. Files added while others still run join their run. */
enum mt_upload_scope {
	MT_UPLOAD_RUN,     /* the jobs of the current (or the last ended) run */
	MT_UPLOAD_ALL      /* every job in the queue */
};
/* What the jobs of a scope came to: core counts, the interface words it. */
struct mt_upload_tally {
	int jobs;            /* in the scope */
	int done;            /* sent and stored */
	int skipped;         /* nothing sent: the server or the journal had it */
	int twice;           /* nothing sent: listed twice in one upload, sent once */
	int cancelled;
	int failed;          /* retryable + full + refused */
	int retryable;       /* failed for a cause that may pass (R retries) */
	int full;            /* failed because the storage is full (free space, then R) */
	int refused;         /* failed for good */
	int refused_here;    /* of the refused, those refused before anything was sent */
	int active;          /* not finished yet */
	int landing;         /* of the active, those a cancel can no longer stop */
	int earlier_failed;  /* failed jobs outside the scope: earlier runs' */
	const char *folder;  /* the one folder every job of the scope goes to
	                        ("/" for the top), NULL when they differ or the
	                        scope is empty; valid until the queue changes */
};
void mt_upload_queue_tally(const struct mt_upload_queue *q, enum mt_upload_scope scope,
                           struct mt_upload_tally *t);
/* Drops finished jobs (done, skipped, cancelled, and failed too when
 * `failed`) from the queue; the others keep their order and get new
 * indexes. Returns how many were dropped. The journal keeps its records. */
int mt_upload_queue_clear_finished(struct mt_upload_queue *q, bool failed);
/* Journals what the next start is to offer: the unfinished jobs the
 * journal has no record of yet (queued, or begun and not at their first
 * step), and the failed jobs a retry may pass (a full storage, a failure
 * that may pass), their record marked "offerAgain" with why; a job refused
 * for good is not. Called before a queue is freed. A file gone, or a
 * record already there that is not this failure (an earlier run's "done"
 * among them), is left as it is. Returns how many were journaled. */
int mt_upload_queue_keep_unstarted(struct mt_upload_queue *q);
/* Marks the journal records of `keys` cancelled: the unfinished uploads of
 * an earlier session that the user chose not to resume are not offered
 * again. Neither the files nor the server are touched, and a later upload
 * of the same file starts as after any cancel. Keys of this queue's own
 * jobs are left alone. Returns how many were marked, or -1 (err). */
int mt_upload_queue_forget(struct mt_upload_queue *q, char *const *keys, size_t n,
                           struct mt_error *err);
bool mt_upload_queue_finished(const struct mt_upload_queue *q);
int mt_upload_queue_count(const struct mt_upload_queue *q);
struct mt_upload_job *mt_upload_queue_job(struct mt_upload_queue *q, int i);
/* The queue's bytes, as every face says them: only what is sent counts. A
 * file the server had already sends nothing, and neither does the second
 * listing of a file listed twice: neither is in `total` nor in `sent` (a
 * file is counted until it is known to be skipped). A failed file was
 * asked for and is not there: its bytes are in `total` (and `failed`),
 * none in `sent`, so a batch with a failure never reads 100%. A cancelled
 * file was withdrawn by the editor: it is left out. */
struct mt_upload_bytes {
	int64_t sent;        /* of the files to send, the bytes out (all of a finished one) */
	int64_t total;       /* the bytes of the files to send, the failed ones' too */
	int64_t failed;      /* of total, the failed files': none out, none on their way */
	int64_t there;       /* the bytes of the files skipped: the server had them already */
	int percent;         /* sent of total, 0 to 100, rounded down; 100 when there is
	                        nothing to send; below 100 while a file of the scope failed */
};
void mt_upload_queue_bytes(const struct mt_upload_queue *q, struct mt_upload_bytes *b);
/* The same for the jobs of a scope (MT_UPLOAD_RUN: the batch under way). */
void mt_upload_queue_bytes_of(const struct mt_upload_queue *q, enum mt_upload_scope scope,
                              struct mt_upload_bytes *b);
/* The bytes in words, the one way every face says them: "20.6 KiB /
 * 41.3 KiB"; with `there` and files already on the server, "20.6 KiB /
 * 41.3 KiB sent, 20.6 KiB already there", or "0 B sent, 20.6 KiB already
 * there" when nothing is left to send. */
void mt_upload_bytes_text(const struct mt_upload_bytes *b, bool there, char *buf, size_t len);
/* mt_upload_queue_bytes's sent and total alone. */
void mt_upload_queue_totals(const struct mt_upload_queue *q, int64_t *sent, int64_t *total);
struct mt_site *mt_upload_queue_site(struct mt_upload_queue *q);
const struct mt_upload_options *mt_upload_queue_options(const struct mt_upload_queue *q);

/* Called by a dialect step when it is over: err NULL on success. */
void mt_upload_step_done(struct mt_upload_job *job, const struct mt_error *err);
/* Ends a dialect's lookup: `there` when the server still has the earlier
 * copy (the file is skipped), false when it is gone (the file is sent again
 * as a new item, and its journal record replaced); err (the question could
 * not be answered) fails the job with a reason a retry may pass, the
 * journal's record untouched. */
void mt_upload_lookup_done(struct mt_upload_job *job, bool there, const struct mt_error *err);
/* Records the job's resumable state in the journal now: written before this
 * returns, so a killed process finds it. */
void mt_upload_job_save(struct mt_upload_job *job);
/* The same, and on the disk itself (fdatasync) before any request started
 * after it can leave: for the records that guard a create that must not
 * happen twice (a client media id, a snapshot of existing ids), which must
 * survive even a system crash. The sync is one per loop turn for all the
 * records of the turn (the queue's turn hook); a failed sync fails the jobs
 * that waited on it before their request is sent. Syncing every record
 * made a queue of small files ten times slower. */
void mt_upload_job_save_durable(struct mt_upload_job *job);
/* Replaces the presigned target of the job. headers: NULL-terminated list. */
void mt_upload_job_set_target(struct mt_upload_job *job, const char *url, const char *method,
                              const char *const *headers);
/* The standard presigned PUT of the whole file to put_url (what `transfer`
 * does when NULL); dialects that choose per job call it themselves. */
int mt_upload_generic_put(struct mt_upload_job *job, struct mt_error *err);

/* Helpers for dialect steps: sends JSON to the API and hands the parsed
 * answer (NULL when not JSON) to fn. */
typedef void (*mt_upload_json_fn)(struct mt_upload_job *job, const struct mt_http_response *resp,
                                  struct json_t *root);
int mt_upload_api_json(struct mt_upload_job *job, const char *method, const char *url,
                       struct json_t *body, bool retry, mt_upload_json_fn fn, struct mt_error *err);
/* Ends the current step with the server's error from resp. */
void mt_upload_fail_response(struct mt_upload_job *job, const struct mt_http_response *resp,
                             const char *what);
/* Checks a MIME type against a NULL-terminated list and a size limit. */
int mt_upload_check_list(const char *dialect, const char *const *types, const char *mime,
                         int64_t size, int64_t max, struct mt_error *err);

/* The same from a JSON object of header names to values, as the APIs return
 * them; entries that are not strings, whose name is not an HTTP token or
 * whose value holds a line break are left out (a server cannot smuggle extra
 * headers). A NULL or empty object gives
 * `fallback_header` ("Name: value") alone, when non-NULL. */
void mt_upload_job_set_target_json(struct mt_upload_job *job, const char *url, const char *method,
                                   const struct json_t *headers, const char *fallback_header);

/* Fails (err) when the file is no longer the one queued: size or mtime
 * changed. Dialects call it before sending more of it. */
int mt_upload_job_check_file(struct mt_upload_job *job, struct mt_error *err);

/* Starts a request for the job through its queue's transport (as
 * mt_http_start, on the site's engine). */
struct mt_http_req *mt_upload_http_start(struct mt_upload_job *job, const struct mt_http_spec *spec,
                                         mt_http_done_fn done, struct mt_error *err);
/* Epoch seconds by the queue's clock. */
int64_t mt_upload_now_s(const struct mt_upload_queue *q);
/* Replaces the queue's transport (tests); call before the queue starts. */
void mt_upload_queue_set_transport(struct mt_upload_queue *q, const struct mt_upload_transport *t);

/* Adds progress to the job (for dialects that transfer themselves); a try
 * that moves bytes is no longer waited for. */
void mt_upload_job_progress(struct mt_upload_job *job, int64_t sent);
/* Marks a retry at step level that starts at once (a fresh upload URL asked
 * for): counted and its reason kept, nothing waited for. */
void mt_upload_job_retrying(struct mt_upload_job *job, const char *reason);

/* A failed try that is to be tried again, as the step that decided it
 * tells the queue. */
struct mt_upload_retry {
	int next_try;          /* the try that comes: 2 for the first retry; 0 when
	                          none will unless a check says so (the last one) */
	int tries;             /* the tries in all */
	long delay_ms;         /* before the next try; -1: the server is asked first
	                          whether the failed try arrived (mt_upload_job_retry_in) */
	long status;           /* the server's answer (5xx, 429); 0: none came */
	int curl_code;         /* libcurl's code when no answer came */
	const char *reason;    /* the engine's words: "HTTP 503", libcurl's */
	int64_t kept;          /* bytes of the file the server holds now */
	bool uncounted;        /* the server asked to wait (a 429 its Retry-After
	                          times): the wait uses up no try, and says none */
};
/* The job waits to try again: counted, its reason and cause kept, and the
 * bytes of the failed try no longer count as sent (job->sent becomes
 * r->kept): the bar and the totals say what is on the server. */
void mt_upload_job_retry(struct mt_upload_job *job, const struct mt_upload_retry *r);
/* The check before a retry is over: the next try starts in delay_ms. */
void mt_upload_job_retry_in(struct mt_upload_job *job, long delay_ms);
/* What a job waiting to try again waits for. */
struct mt_upload_wait {
	bool counted;          /* the try that comes counts: next_try of tries;
	                          false while the server asked to wait (429) */
	int next_try, tries;
	long left_ms;          /* until the next try starts; -1 while the server is
	                          asked whether the failed try arrived */
	enum mt_upload_retry_cause cause;
	long status;           /* with MT_RETRY_ANSWER */
	const char *reason;    /* the engine's words (job->retry_reason) */
};
/* True while the job waits to try again after a failure that may pass,
 * from the failure until the next try starts; *w (may be NULL) gets what
 * it waits for. */
bool mt_upload_job_retry_wait(const struct mt_upload_job *job, struct mt_upload_wait *w);
/* The wait in words, the one way every face says it: the try that comes,
 * of how many, when, and why the last one failed: "retry 2 of 6 in 3s: the
 * connection dropped", "retry 2 of 5 after a check: the server answered
 * 503", "retry in 2s: rate limited by the server" (a wait the server asked
 * for counts no try). Sanitised: it may go to a terminal as it is. */
void mt_upload_wait_text(const struct mt_upload_wait *w, char *buf, size_t len);

const char *mt_job_state_name(enum mt_job_state s);
/* True for done, skipped, failed, cancelled. */
bool mt_job_state_final(enum mt_job_state s);
/* The job's error: an empty record (kind MT_ERR_NONE) when it has none. */
const struct mt_error *mt_upload_job_error(const struct mt_upload_job *job);

#endif
