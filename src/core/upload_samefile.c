/* upload_samefile.c — which queued jobs are the same file (device, inode):
 * a hash from the file to the last job that holds it, each job linking to
 * the one before it. Adding a file to a queue of n looks at the few jobs of
 * that file, not at all n (which made queuing 10 000 files take seconds). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "upload.h"
#include "upload_internal.h"
#include "xalloc.h"

static size_t
bucket_of(const struct mt_upload_queue *q, dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)dev * 0x9e3779b97f4a7c15u) ^ ((uint64_t)ino * 0xc2b2ae3d27d4eb4fu);
	h ^= h >> 29;
	return (size_t)h & (q->same_cap - 1);
}

/* The bucket of (dev, ino): the one that holds it, or the empty one where it goes. */
static size_t
slot_of(const struct mt_upload_queue *q, dev_t dev, ino_t ino)
{
	size_t b = bucket_of(q, dev, ino);
	for (;;) {
		int i = q->same_head[b];
		if (i < 0 || (q->jobs[i]->dev == dev && q->jobs[i]->ino == ino))
			return b;
		b = (b + 1) & (q->same_cap - 1);
	}
}

static void
link_job(struct mt_upload_queue *q, struct mt_upload_job *job)
{
	size_t b = slot_of(q, job->dev, job->ino);
	job->same_prev = q->same_head[b];
	q->same_head[b] = job->index;
	if (job->same_prev < 0)
		q->same_used++;
}

void
mt_upload_samefile_rebuild(struct mt_upload_queue *q)
{
	size_t cap = 64;
	while (cap < 2 * (size_t)q->njobs + 2)
		cap *= 2;
	free(q->same_head);
	q->same_head = xreallocarray(NULL, cap, sizeof *q->same_head);
	for (size_t i = 0; i < cap; i++)
		q->same_head[i] = -1;
	q->same_cap = cap;
	q->same_used = 0;
	for (int i = 0; i < q->njobs; i++)
		if (q->jobs[i]->size >= 0)
			link_job(q, q->jobs[i]);
}

struct mt_upload_job *
mt_upload_samefile_first(struct mt_upload_queue *q, dev_t dev, ino_t ino)
{
	if (q->same_head == NULL)
		return NULL;
	int i = q->same_head[slot_of(q, dev, ino)];
	return i < 0 ? NULL : q->jobs[i];
}

struct mt_upload_job *
mt_upload_samefile_next(struct mt_upload_queue *q, const struct mt_upload_job *job)
{
	return job->same_prev < 0 ? NULL : q->jobs[job->same_prev];
}

void
mt_upload_samefile_add(struct mt_upload_queue *q, struct mt_upload_job *job)
{
	/* at most half full: probes stay short */
	if (q->same_head == NULL || 2 * (q->same_used + 1) > q->same_cap) {
		mt_upload_samefile_rebuild(q);
		return;   /* the rebuild linked every job, this one too */
	}
	link_job(q, job);
}
