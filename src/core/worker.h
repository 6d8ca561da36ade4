/* worker.h — one background thread for work the loop must not wait for
 * (decoding a picture, encoding one in pixels). Work is queued oldest
 * first; its result comes back on the loop's thread through a pipe, so
 * every `done` runs where the rest of the program does.
 *
 * A piece of work embeds struct mt_work first and is owned by the worker
 * from mt_worker_add until its `done`, which must free it. */
#ifndef MT_WORKER_H
#define MT_WORKER_H

#include <stdbool.h>

#include "loop.h"

struct mt_work {
	/* on the worker thread */
	void (*run)(struct mt_work *work);
	/* on the loop's thread, exactly once: after run, or cancelled before it */
	void (*done)(struct mt_work *work, bool cancelled);
	/* the worker's own */
	struct mt_work *next;
	bool cancelled;
};

struct mt_worker;

/* The thread starts with the first piece of work. */
struct mt_worker *mt_worker_new(struct mt_loop *loop);
/* Waits for the piece running; what finished is done, what waited is done
 * as cancelled. */
void mt_worker_free(struct mt_worker *w);

/* Queues work. Returns 0, or an errno value when no thread can run it (the
 * work is then still the caller's). */
int mt_worker_add(struct mt_worker *w, struct mt_work *work);

/* Cancels the waiting work for which cancel(work, arg) says true; their
 * `done` follows on the loop. */
void mt_worker_cancel_if(struct mt_worker *w, bool (*cancel)(const struct mt_work *work, void *arg),
                         void *arg);

#endif
