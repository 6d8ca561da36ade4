/* loop.c — the one event loop over libcurl, descriptors, timers and signals. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"
#include "xalloc.h"

#define MAX_WATCHERS 16
#define MAX_TURN_HOOKS 8

struct watcher {
	int fd;
	short events;
	mt_fd_fn fn;
	void *arg;
};

struct timer {
	uint64_t id;
	uint64_t due;
	mt_timer_fn fn;
	void *arg;
};

struct mt_loop {
	CURLM *multi;
	mt_multi_fn multi_fn;
	void *multi_arg;
	struct { mt_multi_fn fn; void *arg; } turn_hooks[MAX_TURN_HOOKS];
	int nturn_hooks;
	struct watcher watchers[MAX_WATCHERS];
	int nwatchers;
	struct timer *timers;   /* unsorted; there are only ever a few dozen */
	size_t ntimers, timers_cap;
	uint64_t next_timer_id;
	int sig_pipe[2];
	mt_signal_fn sig_fn;
	void *sig_arg;
	mt_clock_fn clock;      /* mt_now_ms but in tests */
};

/* The write end of the self-pipe of the loop that catches signals. */
static volatile sig_atomic_t signal_pipe_fd = -1;

uint64_t
mt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

struct mt_loop *
mt_loop_new(void)
{
	struct mt_loop *loop = xcalloc(1, sizeof *loop);
	loop->multi = curl_multi_init();
	if (loop->multi == NULL) {
		free(loop);
		return NULL;
	}
	loop->sig_pipe[0] = loop->sig_pipe[1] = -1;
	loop->next_timer_id = 1;
	loop->clock = mt_now_ms;
	return loop;
}

void
mt_loop_set_clock(struct mt_loop *loop, mt_clock_fn clock)
{
	loop->clock = clock ? clock : mt_now_ms;
}

uint64_t
mt_loop_now(const struct mt_loop *loop)
{
	return loop->clock();
}

void
mt_loop_free(struct mt_loop *loop)
{
	if (loop == NULL)
		return;
	if (loop->sig_pipe[0] >= 0) {
		signal_pipe_fd = -1;
		close(loop->sig_pipe[0]);
		close(loop->sig_pipe[1]);
	}
	curl_multi_cleanup(loop->multi);
	free(loop->timers);
	free(loop);
}

void *
mt_loop_multi(struct mt_loop *loop)
{
	return loop->multi;
}

void
mt_loop_set_multi_hook(struct mt_loop *loop, mt_multi_fn fn, void *arg)
{
	loop->multi_fn = fn;
	loop->multi_arg = arg;
}

int
mt_loop_add_turn_hook(struct mt_loop *loop, mt_multi_fn fn, void *arg)
{
	if (loop->nturn_hooks == MAX_TURN_HOOKS)
		return -1;
	loop->turn_hooks[loop->nturn_hooks].fn = fn;
	loop->turn_hooks[loop->nturn_hooks++].arg = arg;
	return 0;
}

void
mt_loop_remove_turn_hook(struct mt_loop *loop, mt_multi_fn fn, void *arg)
{
	for (int i = 0; i < loop->nturn_hooks; i++) {
		if (loop->turn_hooks[i].fn == fn && loop->turn_hooks[i].arg == arg) {
			loop->turn_hooks[i] = loop->turn_hooks[--loop->nturn_hooks];
			return;
		}
	}
}

int
mt_loop_watch(struct mt_loop *loop, int fd, short events, mt_fd_fn fn, void *arg)
{
	for (int i = 0; i < loop->nwatchers; i++) {
		if (loop->watchers[i].fd == fd) {
			loop->watchers[i] = (struct watcher){ fd, events, fn, arg };
			return 0;
		}
	}
	if (loop->nwatchers == MAX_WATCHERS)
		return -1;
	loop->watchers[loop->nwatchers++] = (struct watcher){ fd, events, fn, arg };
	return 0;
}

void
mt_loop_unwatch(struct mt_loop *loop, int fd)
{
	for (int i = 0; i < loop->nwatchers; i++) {
		if (loop->watchers[i].fd == fd) {
			loop->watchers[i] = loop->watchers[--loop->nwatchers];
			return;
		}
	}
}

uint64_t
mt_loop_timer_add(struct mt_loop *loop, long ms, mt_timer_fn fn, void *arg)
{
	if (loop->ntimers == loop->timers_cap) {
		loop->timers_cap = loop->timers_cap ? loop->timers_cap * 2 : 16;
		loop->timers = xreallocarray(loop->timers, loop->timers_cap, sizeof *loop->timers);
	}
	uint64_t id = loop->next_timer_id++;
	loop->timers[loop->ntimers++] = (struct timer){
		id, loop->clock() + (uint64_t)(ms > 0 ? ms : 0), fn, arg
	};
	return id;
}

void
mt_loop_timer_cancel(struct mt_loop *loop, uint64_t id)
{
	for (size_t i = 0; i < loop->ntimers; i++) {
		if (loop->timers[i].id == id) {
			loop->timers[i] = loop->timers[--loop->ntimers];
			return;
		}
	}
}

static void
on_signal(int signo)
{
	int saved = errno;
	unsigned char b = (unsigned char)signo;
	if (signal_pipe_fd >= 0)
		(void)!write(signal_pipe_fd, &b, 1);
	errno = saved;
}

static void
drain_signal_pipe(int fd, short revents, void *arg)
{
	struct mt_loop *loop = arg;
	unsigned char buf[32];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++)
			if (loop->sig_fn)
				loop->sig_fn(buf[i], loop->sig_arg);
}

int
mt_loop_catch_signals(struct mt_loop *loop, const int *signals, int n, mt_signal_fn fn, void *arg)
{
	if (loop->sig_pipe[0] < 0) {
		if (pipe2(loop->sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
			return -1;
		signal_pipe_fd = loop->sig_pipe[1];
		mt_loop_watch(loop, loop->sig_pipe[0], POLLIN, drain_signal_pipe, loop);
	}
	loop->sig_fn = fn;
	loop->sig_arg = arg;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (int i = 0; i < n; i++)
		if (sigaction(signals[i], &sa, NULL) < 0)
			return -1;
	return 0;
}

/* Runs every timer that is due; a timer may add or cancel others. */
static void
run_due_timers(struct mt_loop *loop)
{
	uint64_t now = loop->clock();
	for (;;) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < loop->ntimers; i++)
			if (loop->timers[i].due <= now &&
			    (best == SIZE_MAX || loop->timers[i].due < loop->timers[best].due))
				best = i;
		if (best == SIZE_MAX)
			return;
		struct timer t = loop->timers[best];
		loop->timers[best] = loop->timers[--loop->ntimers];
		t.fn(t.arg);
	}
}

static long
ms_until_next_timer(const struct mt_loop *loop, long cap)
{
	uint64_t now = loop->clock();
	long wait = cap;
	for (size_t i = 0; i < loop->ntimers; i++) {
		long d = loop->timers[i].due <= now ? 0 : (long)(loop->timers[i].due - now);
		if (wait < 0 || d < wait)
			wait = d;
	}
	return wait;
}

int
mt_loop_run_once(struct mt_loop *loop, long max_wait_ms)
{
	struct curl_waitfd extra[MAX_WATCHERS];
	int n = loop->nwatchers;
	for (int i = 0; i < n; i++) {
		extra[i].fd = loop->watchers[i].fd;
		extra[i].events = (short)loop->watchers[i].events;
		extra[i].revents = 0;
	}
	long wait = ms_until_next_timer(loop, max_wait_ms < 0 ? 1000 : max_wait_ms);
	int numfds = 0;
	CURLMcode mc = curl_multi_poll(loop->multi, extra, (unsigned)n, (int)wait, &numfds);
	if (mc != CURLM_OK && mc != CURLM_UNRECOVERABLE_POLL)
		return -1;
	int running = 0;
	curl_multi_perform(loop->multi, &running);
	if (loop->multi_fn)
		loop->multi_fn(loop->multi_arg);
	/* Copy first: a callback may change the watcher table. */
	struct watcher ready[MAX_WATCHERS];
	short revents[MAX_WATCHERS];
	int nready = 0;
	struct pollfd again[MAX_WATCHERS];
	for (int i = 0; i < n; i++) {
		if (extra[i].revents) {
			ready[nready] = loop->watchers[i];
			again[nready].fd = extra[i].fd;
			again[nready].events = extra[i].events;
			again[nready].revents = 0;
			revents[nready++] = (short)extra[i].revents;
		}
	}
	/* libcurl reports only "readable" or "writable" for our descriptors,
	 * never a hang-up: a terminal that went away without a SIGHUP looks
	 * readable for ever. Asking poll() once more gives the whole answer. */
	if (nready && poll(again, (nfds_t)nready, 0) > 0)
		for (int i = 0; i < nready; i++)
			if (again[i].revents)
				revents[i] = again[i].revents;
	for (int i = 0; i < nready; i++) {
		bool still = false;
		for (int j = 0; j < loop->nwatchers; j++)
			still |= loop->watchers[j].fd == ready[i].fd && loop->watchers[j].fn == ready[i].fn;
		if (still)
			ready[i].fn(ready[i].fd, revents[i], ready[i].arg);
	}
	run_due_timers(loop);
	/* last in the turn: nothing added above has gone out yet (libcurl
	 * sends only from curl_multi_perform, early in the next turn) */
	for (int i = 0; i < loop->nturn_hooks; i++)
		loop->turn_hooks[i].fn(loop->turn_hooks[i].arg);
	return 0;
}

int
mt_loop_run_until(struct mt_loop *loop, const bool *done)
{
	while (!*done)
		if (mt_loop_run_once(loop, 1000) < 0)
			return -1;
	return 0;
}

void
mt_loop_wakeup(struct mt_loop *loop)
{
	curl_multi_wakeup(loop->multi);
}
