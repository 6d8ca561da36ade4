/* termquery.c — the terminal's answers about pixel protocols and cell size.
 * The answers are outside input like any other: parsed strictly, never
 * echoed, and a terminal that says nothing simply gets character cells. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "termquery.h"

/* id 31 is arbitrary; a=q asks without storing anything; one 1x1 RGB pixel */
const char mt_termquery_text[] = "\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\"
                                 "\033[16t"
                                 "\033[c";

static const char *const names[] = { "off", "auto", "sixel", "kitty" };

int
mt_pixels_from_name(const char *name, enum mt_pixels *out)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum mt_pixels)i;
			return 0;
		}
	return -1;
}

const char *
mt_pixels_name(enum mt_pixels p)
{
	return (unsigned)p < 4 ? names[p] : "off";
}

/* The numbers "p1;p2;..." in [s, e) into vals (at most max; an empty
 * one is 0). Returns false when a byte or a number does not fit. */
static bool
csi_params(const char *s, const char *e, int *vals, int max, int *n)
{
	*n = 0;
	long v = -1;
	for (const char *p = s; p <= e; p++) {
		if (p < e && *p >= '0' && *p <= '9') {
			v = (v < 0 ? 0 : v * 10) + (*p - '0');
			if (v > 100000)
				return false;
		} else if (p == e || *p == ';') {
			if (*n < max)
				vals[(*n)++] = v < 0 ? 0 : (int)v;
			v = -1;
		} else {
			return false;
		}
	}
	return true;
}

size_t
mt_termquery_parse(const char *buf, size_t len, struct mt_term_caps *caps)
{
	size_t i = 0;
	while (i < len) {
		if (buf[i] != '\033' || i + 1 >= len) {
			i++;
			continue;
		}
		if (buf[i + 1] == '_') {
			/* APC ... ST: the kitty answer "Gi=31;OK" */
			const char *st = NULL;
			for (size_t j = i + 2; j + 1 < len; j++)
				if (buf[j] == '\033' && buf[j + 1] == '\\') {
					st = buf + j;
					break;
				}
			if (st == NULL)
				return 0;
			const char *body = buf + i + 2;
			size_t blen = (size_t)(st - body);
			if (blen == 8 && memcmp(body, "Gi=31;OK", 8) == 0)
				caps->kitty = true;
			i = (size_t)(st - buf) + 2;
			continue;
		}
		if (buf[i + 1] != '[') {
			i++;
			continue;
		}
		/* CSI [?] params final */
		size_t j = i + 2;
		bool private = j < len && buf[j] == '?';
		if (private)
			j++;
		size_t start = j;
		while (j < len && ((buf[j] >= '0' && buf[j] <= '9') || buf[j] == ';'))
			j++;
		if (j >= len)
			return 0;   /* not complete yet */
		char final = buf[j];
		int vals[32], n = 0;
		bool ok = csi_params(buf + start, buf + j, vals, 32, &n);
		if (ok && private && final == 'c') {
			caps->answered = true;
			for (int k = 1; k < n; k++)   /* the first is the terminal class */
				if (vals[k] == 4)
					caps->sixel = true;
			return j + 1;
		}
		if (ok && !private && final == 't' && n == 3 && vals[0] == 6 && vals[1] > 0 &&
		    vals[2] > 0 && vals[1] <= 1000 && vals[2] <= 1000) {
			caps->cell_h = vals[1];
			caps->cell_w = vals[2];
		}
		i = j + 1;
	}
	return 0;
}

static long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int
mt_termquery_ask(int in_fd, int out_fd, int timeout_ms, struct mt_term_caps *caps)
{
	memset(caps, 0, sizeof *caps);
	struct termios saved, raw;
	if (tcgetattr(in_fd, &saved) < 0)
		return -1;
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in_fd, TCSANOW, &raw) < 0)
		return -1;
	int rc = -1;
	size_t sent = 0, want = sizeof mt_termquery_text - 1;
	while (sent < want) {
		ssize_t w = write(out_fd, mt_termquery_text + sent, want - sent);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out;
		sent += (size_t)w;
	}
	char buf[1024];
	size_t have = 0;
	long deadline = now_ms() + timeout_ms;
	for (;;) {
		long left = deadline - now_ms();
		if (left <= 0)
			break;
		struct pollfd p = { .fd = in_fd, .events = POLLIN };
		int n = poll(&p, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (have == sizeof buf)   /* far more than any answer: give up */
			break;
		ssize_t r = read(in_fd, buf + have, sizeof buf - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		struct mt_term_caps c;
		memset(&c, 0, sizeof c);
		if (mt_termquery_parse(buf, have, &c) > 0) {
			*caps = c;
			rc = 0;
			break;
		}
	}
out:
	tcsetattr(in_fd, TCSANOW, &saved);
	return rc;
}

void
mt_term_cell_size(int fd, const struct mt_term_caps *caps, int *cell_w, int *cell_h)
{
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0 &&
	    ws.ws_xpixel >= ws.ws_col && ws.ws_ypixel >= ws.ws_row) {
		*cell_w = ws.ws_xpixel / ws.ws_col;
		*cell_h = ws.ws_ypixel / ws.ws_row;
	} else if (caps && caps->cell_w > 0 && caps->cell_h > 0) {
		*cell_w = caps->cell_w;
		*cell_h = caps->cell_h;
	} else {
		*cell_w = 10;
		*cell_h = 20;
	}
}

enum mt_pixels
mt_pixels_choose(enum mt_pixels want, const struct mt_term_caps *caps)
{
	if (want != MT_PIXELS_AUTO)
		return want;
	if (caps == NULL || !caps->answered)
		return MT_PIXELS_OFF;
	if (caps->kitty)
		return MT_PIXELS_KITTY;   /* full colour, no palette */
	if (caps->sixel)
		return MT_PIXELS_SIXEL;
	return MT_PIXELS_OFF;
}
