/* app.c — what every view leans on and nothing more: asking for a frame,
 * the trace, which view is shown and the way back from it, and the
 * requests in flight.
 *
 * This file names no view: the table of views (views.c) is handed in once
 * at start, so views can open each other by number and never by name, and
 * no view file sits in a loop with another through here. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

void
ui_dirty(struct app *a)
{
	a->dirty = true;
}

void
ui_dirty_now(struct app *a)
{
	a->dirty = true;
	a->urgent = true;
}

void
ui_trace(struct app *a, const char *fmt, ...)
{
	if (a->trace == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(a->trace, "%llu ", (unsigned long long)(mt_now_ms() - a->start_ms));
	vfprintf(a->trace, fmt, ap);
	fputc('\n', a->trace);
	fflush(a->trace);
	va_end(ap);
}

/* ---- the views shown, one above the other ---- */

void
ui_views_use(struct app *a, const struct ui_view *const *table)
{
	a->views = table;
	a->view = VIEW_MAIN;
	a->depth = 0;
}

void
ui_view_open(struct app *a, enum view_id v, const void *arg)
{
	if (v == VIEW_MAIN) {
		a->depth = 0;                   /* the main view is the ground */
	} else if (v != a->view) {
		int i = a->depth;
		while (i > 0 && a->below[i - 1] != v)
			i--;
		if (i > 0) {
			a->depth = i - 1;           /* open below: go back down to it */
		} else {
			if (a->depth == UI_VIEW_DEPTH) {
				memmove(a->below, a->below + 1, (UI_VIEW_DEPTH - 1) * sizeof a->below[0]);
				a->depth--;
			}
			a->below[a->depth++] = a->view;
		}
	}
	a->view = v;
	if (a->views[v]->open)
		a->views[v]->open(a, arg);
	ui_dirty_now(a);
}

void
ui_view_close(struct app *a)
{
	a->view = a->depth > 0 ? a->below[--a->depth] : VIEW_MAIN;
	ui_dirty_now(a);
}

enum view_id
ui_view_below(const struct app *a)
{
	return a->depth > 0 ? a->below[a->depth - 1] : VIEW_MAIN;
}

/* ---- requests in flight ---- */

struct ui_req *
ui_req_new(struct app *a, const uint64_t *gen, int kind, const char *s)
{
	struct ui_req *r = xcalloc(1, sizeof *r);
	r->app = a;
	r->genp = gen;
	r->gen = gen ? *gen : 0;
	r->kind = kind;
	r->s = s ? xstrdup(s) : NULL;
	r->next = a->reqs;
	if (a->reqs)
		a->reqs->prev = r;
	a->reqs = r;
	return r;
}

bool
ui_req_done(struct ui_req *r)
{
	struct app *a = r->app;
	if (r->prev)
		r->prev->next = r->next;
	else
		a->reqs = r->next;
	if (r->next)
		r->next->prev = r->prev;
	/* while closing, the view's state may be gone: do not look at it */
	bool live = !a->closing && (r->genp == NULL || *r->genp == r->gen);
	free(r->s);
	free(r);
	return live;
}

void
ui_reqs_free(struct app *a)
{
	while (a->reqs) {
		struct ui_req *r = a->reqs;
		a->reqs = r->next;
		free(r->s);
		free(r);
	}
}
