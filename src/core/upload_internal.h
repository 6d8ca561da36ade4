/* upload_internal.h — the queue's insides, shared by upload.c and the
 * files split from it (upload_queue.c, upload_journal.c, upload_storage.c,
 * upload_dialect.c, upload_query.c, upload_samefile.c, upload_retry.c);
 * nothing outside them includes it. */
#ifndef MT_UPLOAD_INTERNAL_H
#define MT_UPLOAD_INTERNAL_H

#include "upload.h"

struct mt_upload_queue {
	struct mt_site *site;
	const struct mt_upload_ops *ops;
	const struct mt_upload_transport *net;   /* mt_upload_http but in tests */
	struct mt_upload_options opts;   /* strings point at the owned copies below */
	char *own_folder, *own_alt, *own_video_id, *own_document_id;
	struct mt_journal *journal;
	unsigned long flush_turn;   /* counts the turn hook's flushes; starts at 1 */
	struct mt_upload_job **jobs;
	int njobs, cap;
	int active;          /* jobs begun and not finished */
	int trailing;        /* of the active, those only confirming */
	int transferring;    /* jobs holding a transfer slot (at most opts.jobs) */
	uint64_t wake_timer;
	bool paused;
	bool cancelling;      /* mt_upload_queue_cancel: begin nothing new */
	int queued_marks;    /* times a job was queued (added, retried, requeued):
	                        the last job queued has this queued_mark */
	int quota_upto;      /* the storage was said to be full: the jobs queued
	                        up to this mark stop (begin nothing, send nothing
	                        more); jobs queued after it ask the server. 0: none */
	bool announced_done;
	bool pumping, pump_again;   /* queue_pump is running; run it once more */
	int scan_from;       /* no job before this index is queued */
	int live_from;       /* every job before this index is final */
	int begun_end;       /* no job at or after this index has begun */
	int *same_head;      /* (dev, ino) -> index of the last job of that file (upload_samefile.c) */
	size_t same_cap, same_used;
	int batch;           /* the current batch (mt_upload_queue_new_batch) */
	int64_t session_ms;  /* when its first job was queued (epoch ms): with a
	                        job's seq, the journal's order of what was queued */
	int added;           /* jobs ever queued: the next job's seq */
	int run;             /* the current run (mt_upload_queue_tally): a job
	                        queued while announced_done starts the next */
	char **mimes;        /* the MIME types of its jobs, each once */
	int nmimes;
	char *rp_dir, *rp_real;   /* the last folder of a file given and its realpath */
	mt_upload_event_fn fn;
	void *arg;
};


/* Puts the job in the queue's current run, starting a new run when the
 * queue was idle (its end announced). */
void mt_upload_job_join_run(struct mt_upload_job *job);

/* True for a job queued before the server last said the storage is full:
 * it is not begun and sends nothing more. */
bool mt_upload_job_stopped_by_full(const struct mt_upload_job *job);

/* The job's error record to write into, made when first needed. */
struct mt_error *mt_upload_job_err(struct mt_upload_job *job);

/* Ends the job as failed with err (and stops the queue on a full plan). */
void mt_upload_job_fail(struct mt_upload_job *job, const struct mt_error *err);
/* Replaces a job's text (retry_reason, why_skipped) with a printf-formatted
 * one, allocated to its size. */
void mt_upload_job_set_text(char **slot, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The queue's one copy of a MIME type, shared by its jobs (upload_queue.c). */
const char *mt_upload_queue_mime(struct mt_upload_queue *q, const char *mime);
/* Stops a job's timer and digest: what a transfer held (upload_queue.c). */
void mt_upload_job_release_transfer(struct mt_upload_job *job);
/* Frees a job that no request holds any more (upload_queue.c). */
void mt_upload_job_free(struct mt_upload_job *job);
/* Lets go of what only the steps needed, once the job is done, skipped or
 * cancelled (upload_storage.c). */
void mt_upload_job_forget_steps(struct mt_upload_job *job);
/* Forgets the presigned target. */
void mt_upload_job_clear_target(struct mt_upload_job *job);
/* The journal key of the job, from its file, size, mtime and destination. */
void mt_upload_job_make_key(struct mt_upload_job *job);
/* Takes over what an earlier run recorded; true when nothing is left to do. */
bool mt_upload_job_resume_from_journal(struct mt_upload_job *job);

/* The jobs of one file, last added first (upload_samefile.c). */
void mt_upload_samefile_add(struct mt_upload_queue *q, struct mt_upload_job *job);
void mt_upload_samefile_rebuild(struct mt_upload_queue *q);
struct mt_upload_job *mt_upload_samefile_first(struct mt_upload_queue *q, dev_t dev, ino_t ino);
struct mt_upload_job *mt_upload_samefile_next(struct mt_upload_queue *q,
                                              const struct mt_upload_job *job);

/* The loop's turn hook: one fdatasync for the turn's durable records. */
void mt_upload_queue_flush_journal(void *arg);

#endif
