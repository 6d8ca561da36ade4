/* msglog.c — the status line's messages: the current one, the last hundred
 * kept whole, and the view that shows them (M), newest first and wrapped,
 * since a status line cuts a long message where its reason is. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "sanitize.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

#define MESSAGE_MS 6000     /* how long a status message stays */
#define LOG_KEEP 100

struct logged {
	time_t when;
	enum ui_role role;
	char *text;             /* sanitised */
};

static struct logged log_v[LOG_KEEP];
static size_t log_n, log_next;   /* entries kept; where the next one goes */
static int log_top;              /* first line shown in the view */

static void
log_add(enum ui_role role, const char *text)
{
	struct logged *e = &log_v[log_next];
	free(e->text);
	e->when = time(NULL);
	e->role = role;
	e->text = mt_sanitize(text);
	log_next = (log_next + 1) % LOG_KEEP;
	if (log_n < LOG_KEEP)
		log_n++;
}

/* The i-th newest message (0: the latest). */
static const struct logged *
log_at(size_t i)
{
	return &log_v[(log_next + LOG_KEEP - 1 - i) % LOG_KEEP];
}

/* The status line's message: shown `ms` (or until ended, when held), and
 * put in the log when `logged`. */
static void say(struct app *a, enum ui_role role, uint64_t ms, bool held, bool logged,
                const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
static void
say(struct app *a, enum ui_role role, uint64_t ms, bool held, bool logged, const char *fmt,
    va_list ap)
{
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	a->msg_role = role;
	a->msg_until = mt_now_ms() + ms;
	a->msg_held = held;
	a->msg_seq++;
	if (logged)
		log_add(role, a->msg);
	ui_dirty(a);
}

void
ui_message(struct app *a, enum ui_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(a, role, MESSAGE_MS + (role == R_ERROR ? MESSAGE_MS : 0), false, true, fmt, ap);
	va_end(ap);
}

void
ui_message_passing(struct app *a, enum ui_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(a, role, MESSAGE_MS, false, false, fmt, ap);
	va_end(ap);
}

void
ui_message_waiting(struct app *a, enum ui_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* held: the trace says when its time is passed */
	say(a, role, MESSAGE_MS, true, false, fmt, ap);
	va_end(ap);
}

void
ui_message_log_shown(struct app *a)
{
	if (a->msg[0])
		log_add(a->msg_role, a->msg);
}

uint64_t
ui_message_shown(const struct app *a)
{
	return a->msg[0] ? a->msg_seq : 0;
}

void
ui_message_end(struct app *a, uint64_t seq)
{
	if (!a->msg[0] || a->msg_seq != seq)
		return;
	a->msg[0] = '\0';
	a->msg_held = false;
	ui_dirty(a);
}

void
ui_message_standing(struct app *a, const char *text)
{
	const char *now = text ? text : "";
	if (strcmp(a->msg_standing, now) == 0)
		return;
	snprintf(a->msg_standing, sizeof a->msg_standing, "%s", now);
	ui_dirty(a);
}

void
ui_message_log(struct app *a, enum ui_role role, const char *fmt, ...)
{
	char text[sizeof a->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	log_add(role, text);
}

void
ui_message_routine(struct app *a, const char *fmt, ...)
{
	char text[sizeof a->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	/* an error gives way: the news may be that it passed */
	bool warning_shown = a->msg[0] && a->msg_role == R_WARN && mt_now_ms() < a->msg_until;
	if (warning_shown)
		log_add(R_GOOD, text);
	else
		ui_message(a, R_GOOD, "%s", text);
}

void
ui_error(struct app *a, const char *what, const struct mt_error *err)
{
	char line[560];
	mt_error_format(err, line, sizeof line);
	/* core's message may say what was done already ("listing media: …") */
	size_t wl = what ? strlen(what) : 0;
	if (what && strncmp(line, what, wl) == 0 && line[wl] == ':')
		what = NULL;
	if (what)
		ui_message(a, R_ERROR, "%s: %s", what, line);
	else
		ui_message(a, R_ERROR, "%s", line);
}

void
ui_messages_free(void)
{
	for (size_t i = 0; i < LOG_KEEP; i++) {
		free(log_v[i].text);
		log_v[i].text = NULL;
	}
	log_n = log_next = 0;
}

static void
msglog_view_open(struct app *a, const void *arg)
{
	(void)a;
	(void)arg;
	log_top = 0;
}

/* Draws (or, with draw false, only counts) the lines of every message in
 * `w` cells, from line `skip` on, in rows [y, y + h). Returns the lines. */
static int
layout(int y, int h, int w, int skip, bool draw)
{
	int line = 0;
	const int stamp = 10;    /* "14:05:09  " */
	for (size_t i = 0; i < log_n; i++) {
		const struct logged *e = log_at(i);
		const char *s = e->text;
		bool first = true;
		while (first || *s) {
			size_t take = mt_text_break(s, w - stamp > 8 ? w - stamp : 8);
			int row = line - skip;
			if (draw && row >= 0 && row < h) {
				if (first) {
					char t[16];
					struct tm tm;
					localtime_r(&e->when, &tm);
					strftime(t, sizeof t, "%H:%M:%S", &tm);
					ui_set(stdscr, R_DIM);
					ui_put_text(stdscr, y + row, 0, t, stamp, false);
				}
				ui_set(stdscr, e->role == R_ERROR ? R_ERROR : e->role == R_WARN ? R_WARN : R_NORMAL);
				char *piece = xstrndup(s, take);
				ui_put_text(stdscr, y + row, stamp, piece, w - stamp, false);
				free(piece);
			}
			s += take;
			while (*s == ' ')
				s++;
			line++;
			first = false;
		}
	}
	ui_set(stdscr, R_NORMAL);
	return line;
}

void
msglog_view_draw(struct app *a)
{
	int h = a->rows - 3;
	ui_set(stdscr, R_TITLE);
	ui_fill(stdscr, 1, 0, a->cols);
	char title[160];
	snprintf(title, sizeof title, P_(" Messages: %zu, the newest first",
	                                 " Messages: %zu, the newest first", log_n), log_n);
	ui_put_text(stdscr, 1, 0, title, a->cols, false);
	ui_set(stdscr, R_NORMAL);
	if (log_n == 0) {
		ui_set(stdscr, R_DIM);
		ui_put_text(stdscr, 2, 1, _("(no messages yet)"), a->cols - 1, false);
		ui_set(stdscr, R_NORMAL);
		return;
	}
	int total = layout(0, 0, a->cols, 0, false);
	if (log_top > total - h)
		log_top = total - h;
	if (log_top < 0)
		log_top = 0;
	layout(2, h, a->cols, log_top, true);
}

enum ui_key
msglog_view_key(struct app *a, int is_key, wint_t ch)
{
	int page = a->rows > 6 ? a->rows - 4 : 1;
	if (is_key) {
		switch (ch) {
		case KEY_DOWN: log_top++; return UI_HANDLED;
		case KEY_UP: log_top--; return UI_HANDLED;
		case KEY_NPAGE: log_top += page; return UI_HANDLED;
		case KEY_PPAGE: log_top -= page; return UI_HANDLED;
		case KEY_HOME: log_top = 0; return UI_HANDLED;
		case KEY_LEFT: case KEY_BACKSPACE: break;
		default: return UI_UNHANDLED;
		}
	} else {
		switch (ch) {
		case 'j': log_top++; return UI_HANDLED;
		case 'k': log_top--; return UI_HANDLED;
		case 6: log_top += page; return UI_HANDLED;
		case 2: log_top -= page; return UI_HANDLED;
		case 'g': log_top = 0; return UI_HANDLED;
		case 'q': case 27: case 'M': case 'h': case 127: case 8: break;
		default: return UI_UNHANDLED;
		}
	}
	return UI_CLOSE;
}

static const char *
msglog_help(struct app *a)
{
	(void)a;
	return "Messages";
}

const struct ui_view msglog_view = {
	.name = "messages", .open = msglog_view_open, .draw = msglog_view_draw,
	.key = msglog_view_key, .help = msglog_help,
};
