/* events.c — one change, told to every view that may care.
 *
 * The view that makes a change (an edit saved, an item deleted or moved, an
 * upload finished) posts it here; each view keeps its own state up to date
 * in its handler, reached through the table of views, so this file names
 * none. The order matters only in one way: the scan (usage and audit) comes
 * first in the table and takes the event before the views that draw from it. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui.h"

void
ui_post(struct app *a, const struct ui_event *ev)
{
	if (a->closing)
		return;
	for (int i = 0; i < VIEW_COUNT; i++)
		if (a->views[i]->event)
			a->views[i]->event(a, ev);
	ui_dirty(a);
}

void
ui_post_upload_done(struct app *a, const struct mt_upload_job *job)
{
	if (job == NULL || job->state != MT_JOB_DONE || job->remote_id == NULL || job->already_there)
		return;
	struct mt_media m;
	char mime[128];
	snprintf(mime, sizeof mime, "%s", job->mime ? job->mime : "");
	mt_media_init(&m);
	m.id = job->remote_id;
	m.filename = job->name;
	m.mime_type = mime[0] ? mime : NULL;
	m.size = job->size;
	m.folder = job->folder;
	m.alt = job->alt;
	m.url = job->remote_url;
	/* the server's own date is not in every dialect's answer; the moment
	 * the upload ended is within seconds of it, and the audit shows it */
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	if (gmtime_r(&t, &tm) && strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm))
		m.created_at = now;
	ui_post(a, &(struct ui_event){ UI_EV_ITEM_ADDED, .item = &m });
}
