/* uploads.c — the upload panel: one line per file with a bar, bytes, speed,
 * ETA and state, a total line, and pause, cancel and retry.
 *
 * The queue is created on the first upload (it locks the journal) and lives
 * until the interface closes, so uploads continue while the user browses.
 * Progress marks the screen dirty at most four times a second, and speeds
 * are averaged over a second or more, so a slow link sees few bytes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include <unistd.h>

#include "fsutil.h"
#include "history.h"
#include "rate.h"
#include "i18n.h"
#include "sanitize.h"
#include "siteop.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* This view's own state (a->up): no other file sees inside. */
struct uploads {
	struct mt_upload_queue *q;
	bool shown;
	int cur, top;
	bool follow;                 /* the cursor follows the first active row
	                                until the user moves it */
	/* speed per job: an average over the last few seconds */
	struct mt_rate *speed;
	int nspeed;
	uint64_t last_progress_draw;
	int64_t done_bytes;          /* bytes of uploads finished this session */
	uint64_t wait_timer;         /* a redraw while a row counts down to its retry */
};

#define PROGRESS_DRAW_MS 250

static struct mt_rate *
speed_of(struct app *a, int i)
{
	struct uploads *u = a->up;
	if (i >= u->nspeed) {
		int n = i + 16;
		u->speed = xreallocarray(u->speed, (size_t)n, sizeof *u->speed);
		memset(&u->speed[u->nspeed], 0, (size_t)(n - u->nspeed) * sizeof *u->speed);
		u->nspeed = n;
	}
	return &u->speed[i];
}

static void
on_event(struct mt_upload_queue *q, struct mt_upload_job *job, enum mt_upload_event ev, void *arg)
{
	struct app *a = arg;
	(void)q;
	if (a->closing)
		return;
	uint64_t now = mt_now_ms();
	switch (ev) {
	case MT_UP_EV_PROGRESS:
		if (now - a->up->last_progress_draw >= PROGRESS_DRAW_MS) {
			a->up->last_progress_draw = now;
			ui_dirty(a);
		}
		return;
	case MT_UP_EV_STATE:
		if (job && job->state == MT_JOB_UPLOADING)
			mt_rate_update(speed_of(a, job->index), job->sent, now);
		if (job && (job->state == MT_JOB_DONE))
			a->up->done_bytes += job->size > 0 ? job->size : 0;
		ui_post_upload_done(a, job);
		if (job && job->state == MT_JOB_FAILED) {
			char line[600];
			mt_error_format(mt_upload_job_error(job), line, sizeof line);
			char *name = mt_sanitize(job->name);
			ui_message(a, R_ERROR, "%s: %s", name, uploads_reason_of(job, line));
			free(name);
		}
		ui_dirty(a);
		return;
	case MT_UP_EV_RETRY:
		ui_dirty(a);
		return;
	case MT_UP_EV_QUEUE_DONE: {
		uploads_say_finished(a, a->up->q);
		ui_post(a, &(struct ui_event){ UI_EV_UPLOADS_DONE });
		return;
	}
	}
}

static int
ensure_queue(struct app *a)
{
	if (a->up->q)
		return 0;
	struct mt_error err;
	mt_error_clear(&err);
	struct mt_upload_options opts = { .jobs = a->cl->jobs, .use_journal = true };
	if (mt_upload_queue_new(&a->site, &opts, on_event, a, &a->up->q, &err) < 0) {
		ui_error(a, _("cannot upload"), &err);
		return -1;
	}
	return 0;
}

static void
add_one(struct app *a, const char *path, const char *folder, const char *name)
{
	mt_upload_queue_add_as(a->up->q, path, folder, name);
}

void
uploads_add(struct app *a, char **paths, const char *const *known, size_t n,
            const char *folder)
{
	if (n == 0 || typefix_offer(a, paths, known, n, folder, uploads_add_as))
		return;
	uploads_add_as(a, paths, NULL, n, folder);
}

void
uploads_add_as(struct app *a, char **paths, const char *const *names, size_t n,
               const char *folder)
{
	if (n == 0 || ensure_queue(a) < 0)
		return;
	mt_upload_queue_new_batch(a->up->q);
	for (size_t i = 0; i < n; i++)
		add_one(a, paths[i], folder, names ? names[i] : NULL);
	/* the start is said before it happens: a file refused as the queue
	 * starts says so after it, not hidden under "uploading" */
	char *f = mt_sanitize(folder ? folder : "/");
	if (mt_upload_queue_paused(a->up->q))   /* a pause from before: they wait */
		ui_message(a, R_WARN, P_("%zu file queued for %s; the uploads are paused (p resumes)",
		                         "%zu files queued for %s; the uploads are paused (p resumes)", n), n, f);
	else
		ui_message(a, R_NORMAL, P_("uploading %zu file to %s", "uploading %zu files to %s", n), n, f);
	free(f);
	/* files all there already end the batch inside its start: its end is
	 * said after its start */
	uploads_say_hold(a, a->up->q, true);
	mt_upload_queue_start(a->up->q);
	a->up->shown = true;
	/* what one does next (pause, cancel, read a failure) is the panel's */
	a->focus = PANE_UPLOADS;
	a->up->follow = true;
	uploads_say_hold(a, a->up->q, false);
	ui_dirty(a);
}

bool
uploads_running(const struct app *a)
{
	return a->up->q && !mt_upload_queue_finished(a->up->q);
}

bool
uploads_paused(const struct app *a)
{
	return uploads_running(a) && mt_upload_queue_paused(a->up->q);
}

void
uploads_init(struct app *a)
{
	static struct uploads state;   /* one interface per process */
	a->up = &state;
}

void
uploads_free(struct app *a)
{
	/* jobs not finished stay in the journal as they are, those not begun
	 * yet too: the next start offers to resume them */
	if (a->up->wait_timer)
		mt_loop_timer_cancel(a->loop, a->up->wait_timer);
	a->up->wait_timer = 0;
	if (a->up->q)
		mt_upload_queue_keep_unstarted(a->up->q);
	mt_upload_queue_free(a->up->q);
	a->up->q = NULL;
	free(a->up->speed);
	a->up->speed = NULL;
	a->up->nspeed = 0;
}

/* Speeds are kept by job index, which clearing rows changes. */
static void
uploads_reset_speeds(struct app *a)
{
	free(a->up->speed);
	a->up->speed = NULL;
	a->up->nspeed = 0;
}

int
uploads_height(const struct app *a, int avail)
{
	if (!a->up->shown || a->up->q == NULL)
		return 0;
	int n = mt_upload_queue_count(a->up->q) + 1;
	int max = avail / 2 > 3 ? avail / 2 : 3;
	if (max > 12)
		max = avail - 6 > 12 ? 12 : max;
	return n < max ? n : max;
}

/* Core's tally of every row: a file the server had already is not "done"
 * (it is counted apart); a file listed twice is sent once, for both its
 * rows. The header and the panel's top line say the same numbers. */
static void
tally_all(const struct uploads *u, struct mt_upload_tally *t)
{
	mt_upload_queue_tally(u->q, MT_UPLOAD_ALL, t);
	t->done += t->twice;
}

void
uploads_summary(const struct app *a, char *out, size_t outlen)
{
	out[0] = '\0';
	if (a->up->q == NULL)
		return;
	/* the batch under way, not the rows of earlier ones the panel keeps
	 * until c: "0/8 up" for a new batch after 16 sent before */
	struct mt_upload_tally t;
	mt_upload_queue_tally(a->up->q, MT_UPLOAD_RUN, &t);
	t.done += t.twice;
	int n = t.jobs;
	if (t.active == 0) {
		/* a pause stays until p: the next upload would wait without a word */
		if (mt_upload_queue_paused(a->up->q))
			snprintf(out, outlen, _("%s paused"), G.up);
		return;
	}
	/* core's bytes: only what is sent, not the files already there */
	struct mt_upload_bytes b;
	mt_upload_queue_bytes_of(a->up->q, MT_UPLOAD_RUN, &b);
	int pct = b.percent;
	bool paused = mt_upload_queue_paused(a->up->q);
	/* the files already on the server are not said to be up: counted apart,
	 * as the panel's top line counts them */
	if (t.skipped && paused)
		snprintf(out, outlen, P_("%s %d/%d up %d%% paused, %d already there",
		                         "%s %d/%d up %d%% paused, %d already there",
		                         (unsigned long)t.skipped), G.up, t.done, n, pct, t.skipped);
	else if (t.skipped)
		snprintf(out, outlen, P_("%s %d/%d up %d%%, %d already there",
		                         "%s %d/%d up %d%%, %d already there",
		                         (unsigned long)t.skipped), G.up, t.done, n, pct, t.skipped);
	else if (paused)
		snprintf(out, outlen, _("%s %d/%d up %d%% paused"), G.up, t.done, n, pct);
	else
		snprintf(out, outlen, _("%s %d/%d up %d%%"), G.up, t.done, n, pct);
}

static double
job_rate(struct app *a, struct mt_upload_job *job, uint64_t now)
{
	struct mt_rate *s = speed_of(a, job->index);
	/* bytes move only while a transfer sends them: a file whose bytes
	 * are all out (its answer awaited), confirming or finished adds
	 * nothing to the speed */
	if (job->state != MT_JOB_UPLOADING || mt_upload_job_awaiting_answer(job)) {
		mt_rate_reset(s);
		return 0;
	}
	return mt_rate_update(s, job->sent, now);
}

/* Room for "sent/size" with the widest human sizes ("1023.9 MiB" in the
 * locale's units), and a space. */
static int
sizes_width(void)
{
	char widest[32];
	mt_format_size((int64_t)(1023.9 * 1024 * 1024), widest, sizeof widest);
	return 2 * mt_text_width(widest) + 2;
}

static bool
row_done(const struct mt_upload_job *job)
{
	return job->state == MT_JOB_DONE || (job->state == MT_JOB_SKIPPED && !job->why_skipped[0]);
}

/* What a row shows in place of its bars: why it failed, was cancelled or
 * skipped, the retry it waits for, or where a finished file is. Empty for a
 * row in progress. Returns the role to draw it in. */
static enum ui_role
row_note(const struct mt_upload_job *job, enum ui_role role, char *out, size_t outlen)
{
	out[0] = '\0';
	/* a cancel: the state word says it, the note what it left */
	const char *cancelled = uploads_cancel_note(job);
	if (cancelled) {
		snprintf(out, outlen, "%s", cancelled);
		return R_DIM;
	}
	if (job->state == MT_JOB_FAILED || job->state == MT_JOB_CANCELLED) {
		mt_error_format(mt_upload_job_error(job), out, outlen);
		const char *r = uploads_reason_of(job, out);
		memmove(out, r, strlen(r) + 1);
		return job->state == MT_JOB_CANCELLED ? R_DIM : role;
	}
	/* waiting to try again: which try, when, and why the last one failed */
	if (uploads_retry_note(job, out, outlen))
		return R_WARN;
	if (job->attempt > 0 && job->retry_reason[0] && !mt_job_state_final(job->state) &&
	    job->state != MT_JOB_UPLOADING) {
		snprintf(out, outlen, "%s", job->retry_reason);
		return role;
	}
	if (job->state == MT_JOB_SKIPPED && job->why_skipped[0]) {
		snprintf(out, outlen, "%s", job->why_skipped);
		return R_WARN;
	}
	if (job->state == MT_JOB_DONE && job->why_sent[0]) {
		snprintf(out, outlen, "%s", job->why_sent);
		return R_DIM;
	}
	/* where the editor finds the item: its folder, then its id (cut
	 * first when the row is narrow; Enter gives both whole) */
	const char *folder = job->folder && job->folder[0] ? job->folder : "/";
	if ((job->state == MT_JOB_DONE || job->state == MT_JOB_SKIPPED) && job->remote_id)
		/* TRANSLATORS: a finished upload's row: the remote folder it went
		 * to and the item's id */
		snprintf(out, outlen, _("in %s (%s)"), folder, job->remote_id);
	else if (job->state == MT_JOB_DONE || job->state == MT_JOB_SKIPPED)
		/* TRANSLATORS: a finished upload's row: the remote folder it went to */
		snprintf(out, outlen, _("in %s"), folder);
	return R_DIM;
}

static void
wait_tick(void *arg)
{
	struct app *a = arg;
	a->up->wait_timer = 0;
	ui_dirty(a);
}

/* A row waiting to try again counts its seconds down, and gives its note
 * up once the try starts: the panel is drawn again then, nothing else
 * moving meanwhile. */
static void
count_down(struct app *a, int n)
{
	struct uploads *u = a->up;
	long next = -1;
	for (int i = 0; i < n; i++) {
		struct mt_upload_wait wt;
		if (!mt_upload_job_retry_wait(mt_upload_queue_job(u->q, i), &wt) || wt.left_ms < 0)
			continue;
		long step = wt.left_ms % 1000 ? wt.left_ms % 1000 : 1000;
		if (next < 0 || step < next)
			next = step;
	}
	if (next >= 0 && u->wait_timer == 0)
		u->wait_timer = mt_loop_timer_add(a->loop, next + 1, wait_tick, a);
}

void
uploads_draw(struct app *a, int y, int x, int h, int w, bool focused)
{
	struct uploads *u = a->up;
	if (u->q == NULL || h <= 0)
		return;
	uint64_t now = mt_now_ms();
	int n = mt_upload_queue_count(u->q);
	/* core's bytes: only what is sent; a file the server had already sends
	 * nothing, and its bytes are said apart */
	struct mt_upload_bytes b;
	mt_upload_queue_bytes(u->q, &b);
	int64_t sent = b.sent, total = b.total;
	double rate = 0;
	/* paused, nothing moves: no rate or time left is shown, not the last one */
	bool paused = uploads_paused(a);
	for (int i = 0; i < n; i++)
		rate += paused ? 0 : job_rate(a, mt_upload_queue_job(u->q, i), now);
	/* core counts: a file the server had already is not "done"; a file
	 * listed twice is sent once, for both its rows */
	struct mt_upload_tally t;
	tally_all(u, &t);
	int active = t.active;
	/* the total line */
	ui_set(stdscr, focused ? R_TITLE : R_TITLE_OFF);
	ui_fill(stdscr, y, x, w);
	char sp[32], eta[16], head[200];
	mt_format_size((int64_t)rate, sp, sizeof sp);
	/* the time left is for the bytes still on their way: the failed
	 * files' are in total, and wait for R */
	ui_format_eta(rate > 0 ? (double)(total - sent - b.failed) / rate : -1, eta, sizeof eta);
	int pct = b.percent;
	char count[160];
	/* every finished row is counted: a cancelled one too, or the counts
	 * do not add up to the rows ("8/11 done, 1 already there, 1 failed"
	 * left one row unsaid) */
	if (t.cancelled && t.failed && t.skipped)
		snprintf(count, sizeof count, P_("%d/%d done, %d already there, %d cancelled, %d failed",
		                                 "%d/%d done, %d already there, %d cancelled, %d failed",
		                                 (unsigned long)t.failed), t.done, n, t.skipped, t.cancelled,
		         t.failed);
	else if (t.cancelled && t.skipped)
		snprintf(count, sizeof count, P_("%d/%d done, %d already there, %d cancelled",
		                                 "%d/%d done, %d already there, %d cancelled",
		                                 (unsigned long)t.cancelled), t.done, n, t.skipped, t.cancelled);
	else if (t.cancelled && t.failed)
		snprintf(count, sizeof count, P_("%d/%d done, %d cancelled, %d failed",
		                                 "%d/%d done, %d cancelled, %d failed",
		                                 (unsigned long)t.failed), t.done, n, t.cancelled, t.failed);
	else if (t.cancelled)
		snprintf(count, sizeof count, P_("%d/%d done, %d cancelled", "%d/%d done, %d cancelled",
		                                 (unsigned long)t.cancelled), t.done, n, t.cancelled);
	else if (t.failed && t.skipped)
		snprintf(count, sizeof count, P_("%d/%d done, %d already there, %d failed",
		                                 "%d/%d done, %d already there, %d failed",
		                                 (unsigned long)t.failed), t.done, n, t.skipped, t.failed);
	else if (t.skipped)
		snprintf(count, sizeof count, P_("%d/%d done, %d already there",
		                                 "%d/%d done, %d already there",
		                                 (unsigned long)t.skipped), t.done, n, t.skipped);
	else if (t.failed)
		snprintf(count, sizeof count, P_("%d/%d done, %d failed", "%d/%d done, %d failed",
		                                 (unsigned long)t.failed), t.done, n, t.failed);
	else
		snprintf(count, sizeof count, _("%d/%d done"), t.done, n);
	snprintf(head, sizeof head, " %s%s  %s", _("Uploads"),
	         paused ? _(" (paused)") : "", count);
	/* below 90 columns the rows have bars; the total line keeps its words */
	int bar_w = w >= 90 ? 20 : 0;
	/* nothing running: no rate or time left, their room to the counts
	 * ("14/16 done, 2 failed" was cut at 80 columns) */
	int tail_w = w >= 70 && active ? 26 : 6;
	/* ... and a count too long to stand beside them takes their room
	 * while files run too: a count cut in its middle miscounts */
	if (tail_w > 6 && mt_text_width(head) > w - bar_w - tail_w - 1)
		tail_w = 6;
	int head_w = w - bar_w - tail_w - 1;
	/* the byte counts are never cut: the words before them give way */
	char sizes[160], words[140];
	mt_upload_bytes_text(&b, false, words, sizeof words);
	snprintf(sizes, sizeof sizes, "  %s ", words);
	int sizes_w = mt_text_width(sizes);
	if (b.there > 0) {
		/* the bytes already on the server said apart, where they fit */
		char longer[160];
		mt_upload_bytes_text(&b, true, words, sizeof words);
		snprintf(longer, sizeof longer, "  %s ", words);
		int longer_w = mt_text_width(longer);
		if (longer_w <= head_w - 12 && longer_w <= head_w - mt_text_width(head)) {
			snprintf(sizes, sizeof sizes, "%s", longer);
			sizes_w = longer_w;
		}
	}
	/* ... down to the counts: a count cut in its middle miscounts */
	if (sizes_w > head_w - 12 || sizes_w > head_w - mt_text_width(head))
		sizes_w = 0;
	ui_put_text(stdscr, y, x, head, head_w - sizes_w, true);
	if (sizes_w)
		ui_put_right(stdscr, y, x + head_w - sizes_w, sizes, sizes_w);
	if (bar_w)
		ui_bar(stdscr, y, x + head_w, bar_w, total > 0 ? (double)sent / (double)total : b.percent / 100.0);
	ui_set(stdscr, focused ? R_TITLE : R_TITLE_OFF);
	char tail[80];
	if (tail_w > 6 && paused)
		snprintf(tail, sizeof tail, " %3d%% %s", pct, _("paused"));
	else if (tail_w > 6)
		snprintf(tail, sizeof tail, " %3d%% %s/s %s", pct, sp, eta);
	else
		snprintf(tail, sizeof tail, " %3d%%", pct);
	ui_put_text(stdscr, y, x + head_w + bar_w, tail, tail_w + 1, true);
	ui_set(stdscr, R_NORMAL);
	/* the job lines; until the user moves, the cursor follows the first
	 * job still running, so old finished rows never hide the new ones */
	int body = h - 1;
	count_down(a, n);
	if (u->follow) {
		int first = -1;
		for (int i = 0; i < n && first < 0; i++)
			if (!mt_job_state_final(mt_upload_queue_job(u->q, i)->state))
				first = i;
		u->cur = first >= 0 ? first : n - 1;
	}
	if (u->cur >= n)
		u->cur = n ? n - 1 : 0;
	if (u->cur < 0)
		u->cur = 0;
	if (u->cur < u->top)
		u->top = u->cur;
	if (u->cur >= u->top + body)
		u->top = u->cur - body + 1;
	int state_w = 12, bytes_w = w >= 80 ? sizes_width() : 0, speed_w = w >= 90 ? sizes_width() / 2 + 3 : 0, eta_w = w >= 90 ? 7 : 0;
	int jbar_w = w >= 60 ? 12 : 0;
	int name_w = w - state_w - bytes_w - speed_w - eta_w - jbar_w - 1;
	if (name_w > 40 && w < 140)
		name_w = 40;
	for (int i = 0; i < body && u->top + i < n; i++) {
		struct mt_upload_job *job = mt_upload_queue_job(u->q, u->top + i);
		int yy = y + 1 + i, cx = x + 1;
		const char *st = uploads_state_word(a, job);
		enum ui_role role = job->state == MT_JOB_FAILED ? R_ERROR
		                    : job->state == MT_JOB_DONE || job->state == MT_JOB_SKIPPED ? R_GOOD
		                    : job->attempt > 0 ? R_WARN : R_NORMAL;
		ui_set(stdscr, role);
		ui_put_text(stdscr, yy, cx, st, state_w - 1, true);
		ui_set(stdscr, R_NORMAL);
		cx += state_w;
		char note[600];
		enum ui_role note_role = row_note(job, role, note, sizeof note);
		/* a row waiting to try again keeps its bar, at what the server
		 * holds, where the note leaves room for it */
		bool wait_bar = jbar_w && mt_upload_job_retry_wait(job, NULL) &&
		                w - (cx - x) - 16 - jbar_w - 1 >= mt_text_width(note);
		int this_name_w = name_w;
		if (note[0] && !row_done(job)) {
			/* a reason is what the row is for: the name gives way to it,
			 * down to 16 cells (done rows keep their column: ids align) */
			int want = mt_text_width(job->name) + 2;
			int room = w - (cx - x) - mt_text_width(note) - (wait_bar ? jbar_w : 0) - 1;
			int least = want < 16 ? want : 16;
			if (room < name_w)
				this_name_w = room > least ? room : least;
		}
		ui_put_name(stdscr, yy, cx, job->name, this_name_w - 1, true);
		cx += this_name_w;
		int rest = w - (cx - x);
		if (note[0] && wait_bar) {
			ui_bar(stdscr, yy, cx, jbar_w - 1,
			       job->size > 0 ? (double)job->sent / (double)job->size : 0);
			cx += jbar_w;
			rest -= jbar_w;
		}
		if (note[0]) {
			ui_set(stdscr, note_role);
			ui_put_text(stdscr, yy, cx, note, rest - 1, true);
			ui_set(stdscr, R_NORMAL);
		} else {
			double frac = job->size > 0 ? (double)job->sent / (double)job->size : 0;
			if (jbar_w) {
				ui_bar(stdscr, yy, cx, jbar_w - 1, frac);
				cx += jbar_w;
			}
			if (bytes_w) {
				char a1[32], a2[32], both[72];
				mt_format_size(job->sent, a1, sizeof a1);
				mt_format_size(job->size > 0 ? job->size : 0, a2, sizeof a2);
				snprintf(both, sizeof both, "%s/%s", a1, a2);
				ui_put_right(stdscr, yy, cx, both, bytes_w - 1);
				cx += bytes_w;
			}
			double r = paused ? 0 : job_rate(a, job, now);
			if (speed_w) {
				char rs[40] = "";
				if (job->state == MT_JOB_UPLOADING && r > 0) {
					mt_format_size((int64_t)r, rs, sizeof rs);
					strcat(rs, "/s");
				}
				ui_put_right(stdscr, yy, cx, rs, speed_w - 1);
				cx += speed_w;
			}
			if (eta_w) {
				char e[16] = "";
				if (job->state == MT_JOB_UPLOADING && r > 0)
					ui_format_eta((double)(job->size - job->sent) / r, e, sizeof e);
				ui_put_right(stdscr, yy, cx, e, eta_w - 1);
			}
		}
		if (focused && u->top + i == u->cur)
			mvwchgat(stdscr, yy, x, w, ui_attr(R_CURSOR) & ~A_COLOR,
			         (short)PAIR_NUMBER(ui_attr(R_CURSOR)), NULL);
	}
}

enum ui_key
uploads_key(struct app *a, int is_key, wint_t ch)
{
	struct uploads *u = a->up;
	if (u->q == NULL)
		return UI_UNHANDLED;
	int n = mt_upload_queue_count(u->q);
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		u->follow = false;
		if (u->cur + 1 < n)
			u->cur++;
		return UI_HANDLED;
	}
	if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		u->follow = false;
		if (u->cur > 0)
			u->cur--;
		return UI_HANDLED;
	}
	bool enter = (is_key && ch == KEY_ENTER) || (!is_key && (ch == '\r' || ch == '\n'));
	if (enter) {
		if (u->cur < n)
			uploads_show_story(a, mt_upload_queue_job(u->q, u->cur));
		return UI_HANDLED;
	}
	if (is_key)
		return UI_UNHANDLED;
	switch (ch) {
	case 'g': u->follow = false; u->cur = 0; return UI_HANDLED;
	case 'G': u->follow = false; u->cur = n ? n - 1 : 0; return UI_HANDLED;
	case 'f':
		u->follow = true;
		return UI_HANDLED;
	case 'c':
	case 'C': {
		int k = mt_upload_queue_clear_finished(u->q, ch == 'C');
		uploads_reset_speeds(a);
		u->cur = u->top = 0;
		u->follow = true;
		ui_message(a, R_NORMAL, P_("cleared %d finished upload", "cleared %d finished uploads", k), k);
		if (mt_upload_queue_count(u->q) == 0) {
			u->shown = false;
			if (a->focus == PANE_UPLOADS)
				a->focus = PANE_LOCAL;
		}
		return UI_HANDLED;
	}
	case 'p':
		uploads_pause_toggle(a);
		return UI_HANDLED;
	case 'x':
		/* core refuses it for a file already sent; the message says why */
		if (u->cur < n)
			uploads_say_cancel(a, mt_upload_queue_job(u->q, u->cur));
		return UI_HANDLED;
	case 'X':
		uploads_say_cancel_all(a, u->q);
		return UI_HANDLED;
	case 'R':
		/* asks first when there are cancelled rows: send them again too? */
		uploads_say_retry(a, u->q, &u->follow);
		return UI_HANDLED;
	default:
		return UI_UNHANDLED;   /* the pane above may take it (mainview.c) */
	}
}

int
uploads_resume(struct app *a, const struct mt_history_rec *v, size_t n)
{
	if (n == 0 || ensure_queue(a) < 0)
		return 0;
	/* one batch: each file under its own name and folder, as journaled */
	mt_upload_queue_new_batch(a->up->q);
	for (size_t i = 0; i < n; i++)
		add_one(a, v[i].path, v[i].folder, v[i].name);
	/* the resume is said before the queue starts: a file refused as it
	 * starts (its type changed since) says so after it, not hidden under it */
	int k = (int)n;
	if (mt_upload_queue_paused(a->up->q))   /* a pause from before: they wait */
		ui_message(a, R_WARN, P_("resuming %d upload; the uploads are paused (p resumes)",
		                         "resuming %d uploads; the uploads are paused (p resumes)",
		                         (unsigned long)k), k);
	else
		ui_message(a, R_NORMAL, P_("resuming %d upload (p pauses)", "resuming %d uploads (p pauses)",
		                           (unsigned long)k), k);
	/* files all there already end the batch inside its start: its end is
	 * said after its start */
	uploads_say_hold(a, a->up->q, true);
	mt_upload_queue_start(a->up->q);
	a->up->shown = true;
	a->focus = PANE_UPLOADS;
	a->up->follow = true;
	uploads_say_hold(a, a->up->q, false);
	ui_dirty(a);
	return k;
}

int
uploads_forget(struct app *a, char *const *keys, size_t n, struct mt_error *err)
{
	if (ensure_queue(a) < 0)
		return mt_error_set(err, MT_ERR_IO, _("the upload queue could not start"));
	return mt_upload_queue_forget(a->up->q, keys, n, err);
}

bool
uploads_shown(const struct app *a)
{
	return a->up->shown && a->up->q;
}

bool
uploads_exist(const struct app *a)
{
	return a->up->q && mt_upload_queue_count(a->up->q) > 0;
}

bool
uploads_pause_toggle(struct app *a)
{
	struct uploads *u = a->up;
	if (!uploads_exist(a))
		return false;
	bool paused = !mt_upload_queue_paused(u->q);
	mt_upload_queue_pause(u->q, paused);
	ui_message(a, R_NORMAL, paused ? _("uploads paused (p resumes)") : _("uploads resumed"));
	return true;
}

bool
uploads_toggle(struct app *a)
{
	a->up->shown = !a->up->shown;
	return a->up->shown;
}

void
uploads_on_event(struct app *a, const struct ui_event *ev)
{
	if (ev->kind == UI_EV_UPLOAD)
		uploads_add(a, ev->upload->paths, ev->upload->known, ev->upload->n, ev->upload->folder);
}
