/* rate.c — a transfer's speed over windows of a second (see rate.h). */
#include "config.h"

#include "rate.h"

void
mt_rate_reset(struct mt_rate *r)
{
	r->bytes = 0;
	r->ms = 0;
	r->rate = 0;
}

double
mt_rate_update(struct mt_rate *r, int64_t bytes, uint64_t now_ms)
{
	if (r->ms == 0 || now_ms < r->ms || bytes < r->bytes) {
		/* the first count, or one from another try: a window starts */
		r->ms = now_ms ? now_ms : 1;
		r->bytes = bytes;
		return r->rate;
	}
	if (now_ms - r->ms < MT_RATE_WINDOW_MS)
		return r->rate;
	double w = (double)(bytes - r->bytes) * 1000.0 / (double)(now_ms - r->ms);
	/* a second without a byte is a stall: halving the speed for ever
	 * showed "0 B/s" with days left */
	if (w <= 0)
		r->rate = 0;
	else
		r->rate = r->rate > 0 ? 0.5 * r->rate + 0.5 * w : w;
	r->ms = now_ms;
	r->bytes = bytes;
	return r->rate;
}
