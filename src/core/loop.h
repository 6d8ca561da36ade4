/* loop.h — the one event loop: libcurl's sockets, extra descriptors (the
 * terminal, the signal self-pipe), timers.
 *
 * Everything runs on the thread that calls mt_loop_run_once; callbacks must
 * return quickly (the UI must never wait more than ~20 ms). Signals become
 * ordinary callbacks: the handler only writes a byte to a pipe. */
#ifndef MT_LOOP_H
#define MT_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct mt_loop;

typedef void (*mt_fd_fn)(int fd, short revents, void *arg);
typedef void (*mt_timer_fn)(void *arg);
typedef void (*mt_signal_fn)(int signo, void *arg);
/* Called after libcurl has had a chance to move its transfers along. */
typedef void (*mt_multi_fn)(void *arg);

struct mt_loop *mt_loop_new(void);
void mt_loop_free(struct mt_loop *loop);

/* The loop's libcurl multi handle (a CURLM *); owned by the loop. */
void *mt_loop_multi(struct mt_loop *loop);
/* Installs the one hook that drains libcurl's finished transfers. */
void mt_loop_set_multi_hook(struct mt_loop *loop, mt_multi_fn fn, void *arg);

/* Runs fn(arg) at the end of every loop turn, after the turn's callbacks
 * and timers and before the next curl_multi_poll: transfers added during
 * the turn send nothing before it has run. At most 8; returns -1 when full. */
int mt_loop_add_turn_hook(struct mt_loop *loop, mt_multi_fn fn, void *arg);
void mt_loop_remove_turn_hook(struct mt_loop *loop, mt_multi_fn fn, void *arg);

/* Watches fd for `events` (POLLIN/POLLOUT); fn gets poll()'s revents,
 * POLLHUP and POLLERR included. One watcher per fd; returns -1 when the
 * table is full. */
int mt_loop_watch(struct mt_loop *loop, int fd, short events, mt_fd_fn fn, void *arg);
void mt_loop_unwatch(struct mt_loop *loop, int fd);

/* Calls fn once after `ms` milliseconds. Returns an id > 0 for cancelling. */
uint64_t mt_loop_timer_add(struct mt_loop *loop, long ms, mt_timer_fn fn, void *arg);
void mt_loop_timer_cancel(struct mt_loop *loop, uint64_t id);

/* Routes these signals to fn through the self-pipe. Returns 0 or -1. */
int mt_loop_catch_signals(struct mt_loop *loop, const int *signals, int n,
                          mt_signal_fn fn, void *arg);

/* Waits at most max_wait_ms (or less when a timer or libcurl wants) and
 * dispatches what is ready. Returns 0, or -1 on a fatal poll error. */
int mt_loop_run_once(struct mt_loop *loop, long max_wait_ms);

/* Runs until *done becomes true. Returns 0 or -1. */
int mt_loop_run_until(struct mt_loop *loop, const bool *done);

/* Wakes a mt_loop_run_once that is waiting (safe from another thread). */
void mt_loop_wakeup(struct mt_loop *loop);

/* Monotonic milliseconds. */
uint64_t mt_now_ms(void);

/* The clock the loop's timers run by: mt_now_ms unless a test sets its own
 * (NULL: back to mt_now_ms), so that a backoff of seconds passes at once. */
typedef uint64_t (*mt_clock_fn)(void);
void mt_loop_set_clock(struct mt_loop *loop, mt_clock_fn clock);
/* The time by that clock: what a timer's delay counts from. */
uint64_t mt_loop_now(const struct mt_loop *loop);

#endif
