/* rate.h — the speed of a transfer, for progress displays: bytes per
 * second measured over windows of at least a second and smoothed, so a
 * slow link's bursts do not make it jump. A window in which nothing moved
 * is a stall (a held or lost transfer): the speed is 0 at once, not halved
 * for ever, so that no time left is reckoned from a speed gone. */
#ifndef MT_RATE_H
#define MT_RATE_H

#include <stdint.h>

enum { MT_RATE_WINDOW_MS = 1000 };

struct mt_rate {
	int64_t bytes;   /* the count at the window's start */
	uint64_t ms;     /* the window's start; 0 before the first count */
	double rate;     /* bytes per second; 0 until a window has ended */
};

/* Forgets what was measured: the next count starts a window. */
void mt_rate_reset(struct mt_rate *r);
/* Takes the transfer's byte count at now_ms and returns the speed. */
double mt_rate_update(struct mt_rate *r, int64_t bytes, uint64_t now_ms);

#endif
