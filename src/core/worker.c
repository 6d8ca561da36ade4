/* worker.c — the thread, its queue, and the pipe that wakes the loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "worker.h"
#include "xalloc.h"

struct mt_worker {
	struct mt_loop *loop;
	pthread_t thread;
	bool started, stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct mt_work *todo, *done;   /* todo: oldest first; done: any order */
	int pipe_rd, pipe_wr;
};

/* With the lock held: to the loop's side, and wake it. */
static void
push_done(struct mt_worker *w, struct mt_work *work)
{
	work->next = w->done;
	w->done = work;
	ssize_t n;
	do
		n = write(w->pipe_wr, "x", 1);
	while (n < 0 && errno == EINTR);
	/* a full pipe already holds a wake-up: nothing is lost */
}

static void *
thread_main(void *arg)
{
	struct mt_worker *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->stop && w->todo == NULL)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->stop)
			break;
		struct mt_work *work = w->todo;
		w->todo = work->next;
		pthread_mutex_unlock(&w->mu);
		work->run(work);
		pthread_mutex_lock(&w->mu);
		push_done(w, work);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void
on_pipe(int fd, short revents, void *arg)
{
	(void)revents;
	struct mt_worker *w = arg;
	char buf[64];
	while (read(fd, buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&w->mu);
	struct mt_work *list = w->done;
	w->done = NULL;
	pthread_mutex_unlock(&w->mu);
	while (list) {
		struct mt_work *work = list;
		list = work->next;
		work->done(work, work->cancelled);
	}
}

struct mt_worker *
mt_worker_new(struct mt_loop *loop)
{
	struct mt_worker *w = xcalloc(1, sizeof *w);
	w->loop = loop;
	w->pipe_rd = w->pipe_wr = -1;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	int fds[2];
	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
		w->pipe_rd = fds[0];
		w->pipe_wr = fds[1];
		mt_loop_watch(loop, w->pipe_rd, POLLIN, on_pipe, w);
	}
	return w;
}

int
mt_worker_add(struct mt_worker *w, struct mt_work *work)
{
	if (w->pipe_rd < 0)
		return EMFILE;
	if (!w->started) {
		int rc = pthread_create(&w->thread, NULL, thread_main, w);
		if (rc != 0)
			return rc;
		w->started = true;
	}
	work->next = NULL;
	work->cancelled = false;
	pthread_mutex_lock(&w->mu);
	struct mt_work **tail = &w->todo;
	while (*tail)
		tail = &(*tail)->next;
	*tail = work;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return 0;
}

void
mt_worker_cancel_if(struct mt_worker *w, bool (*cancel)(const struct mt_work *work, void *arg),
                    void *arg)
{
	pthread_mutex_lock(&w->mu);
	struct mt_work **pp = &w->todo;
	while (*pp) {
		struct mt_work *work = *pp;
		if (cancel(work, arg)) {
			*pp = work->next;
			work->cancelled = true;
			push_done(w, work);
		} else {
			pp = &work->next;
		}
	}
	pthread_mutex_unlock(&w->mu);
}

void
mt_worker_free(struct mt_worker *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	if (w->started)
		pthread_join(w->thread, NULL);
	/* the thread is gone: what waited ends as cancelled, with what finished */
	while (w->todo) {
		struct mt_work *work = w->todo;
		w->todo = work->next;
		work->cancelled = true;
		work->next = w->done;
		w->done = work;
	}
	if (w->pipe_rd >= 0) {
		on_pipe(w->pipe_rd, 0, w);
		mt_loop_unwatch(w->loop, w->pipe_rd);
		close(w->pipe_rd);
		close(w->pipe_wr);
	}
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}
