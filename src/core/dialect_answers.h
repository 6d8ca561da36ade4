/* dialect_answers.h — how each dialect reads the answers to its upload steps.
 *
 * The step callbacks in dialect_*.c check the HTTP status, then hand the
 * parsed body (NULL when it was not JSON) to one of these readers, which only
 * fill fields of the job: no requests, no journal, no state change. They are
 * declared here so that the unit and fuzz tests can feed them any answer.
 * Readers that can fail return 0, or -1 with err set (MT_ERR_PROTOCOL unless
 * said otherwise). */
#ifndef MT_DIALECT_ANSWERS_H
#define MT_DIALECT_ANSWERS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "upload.h"

/* Frees what the readers below fill in (ids, URLs, the PUT target, the
 * snapshot) and sets it to NULL; the rest of the job is the caller's. */
void mt_upload_job_clear_answers(struct mt_upload_job *job);

/* clearcms presign {uploadUrl, storageKey, method?, headers?, expiresAt?}:
 * sets the PUT target (Content-Type of job->mime when no headers are given),
 * storage_key and put_expires. */
int mt_clearcms_read_presign(struct mt_upload_job *job, const json_t *root, struct mt_error *err);
/* clearcms confirm {success, data: item}: remote_id and remote_url. */
int mt_clearcms_read_confirm(struct mt_upload_job *job, const json_t *root, struct mt_error *err);
/* clearcms multipart answer {data: [item], errors: [...]} with its status:
 * 0 when the item was created (remote_id set), -1 when the server refused the
 * file (err: MT_ERR_HTTP with its reason) or the item has no id, 1 when the
 * answer says neither (the caller treats the status as an ambiguous failure). */
int mt_clearcms_read_upload(struct mt_upload_job *job, long status, const json_t *root,
                            struct mt_error *err);
/* Ids (a JSON array of strings) of the items in a list answer that have the
 * job's name and size. Never NULL. */
json_t *mt_clearcms_matching_ids(const struct mt_upload_job *job, const json_t *root);
/* After a lost create answer: true when the list answer holds a matching
 * item that job->snapshot did not (then remote_id and remote_url are set). */
bool mt_clearcms_read_lookup(struct mt_upload_job *job, const json_t *root);

/* clarife presign {upload_url, b2_key}: PUT target and storage_key. */
int mt_clarife_read_presign(struct mt_upload_job *job, const json_t *root, struct mt_error *err);
/* clarife confirm {id, status}: remote_id, else job->media_id (required). */
void mt_clarife_read_confirm(struct mt_upload_job *job, const json_t *root);

/* flare presign {uploadUrl, method?, headers?, publicUrl?}: the PUT target
 * with exactly the named method and headers; remote_url. */
int mt_flare_read_presign(struct mt_upload_job *job, const json_t *root, struct mt_error *err);

/* adclear session {uploadId, uploadUrl, maxChunkSize}: upload_id,
 * upload_url and max_chunk (a default when absent or not positive). */
int mt_adclear_read_session(struct mt_upload_job *job, const json_t *root, struct mt_error *err);
/* adclear completion {id? | uploadId, url?}: remote_id (else
 * job->upload_id, required) and remote_url. */
void mt_adclear_read_completion(struct mt_upload_job *job, const json_t *root);
/* The Range header of a 308 ("bytes=0-b") as the next offset b + 1; 0 when
 * absent; -1 when unreadable or too large to add one to. */
int64_t mt_adclear_offset_from_range(const char *range);

/* direct create: the file record, bare or in {data}. With direct_upload
 * {url, headers} the record's id goes to media_id and the PUT target is set;
 * without it the server already has the bytes (remote_id, already_there). */
int mt_direct_read_create(struct mt_upload_job *job, const json_t *root, struct mt_error *err);

#endif
