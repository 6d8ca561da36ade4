/* scan_content.c — the audit view's content check: the scan's items
 * fingerprinted by core (fpfetch: the cache first, downloads on the loop),
 * then core's content findings, kept live as items are deleted or edited.
 *
 * The check works on a copy of the scan's items taken when it starts, so
 * a delete during the check cannot pull an item from under a download.
 * Cancelling frees core's fetch at once: no callback of it follows, and
 * what finished stays in the fingerprint cache for the next check. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fpcache.h"
#include "fpfetch.h"
#include "i18n.h"
#include "textwidth.h"
#include "scan_state.h"
#include "siteop.h"
#include "ui.h"
#include "xalloc.h"

static struct check {
	struct mt_fpfetch *fetch;       /* NULL: none running */
	struct mt_fpcache *cache;       /* open from the question to the end */
	char *cache_path;
	struct mt_media *items;         /* the copy the check works on */
	struct mt_audit_content_item *content;
	size_t n;
	struct content_status status;
	bool have_findings;
	struct mt_audit findings;
	char **gone;                    /* deleted while the check ran */
	size_t ngone;
	struct mt_media *edited;        /* edited while the check ran, latest each */
	size_t nedited;
} cc;

/* Forgets the changes kept for the check's end. */
static void
gone_clear(void)
{
	mt_strv_free(cc.gone, cc.ngone);
	cc.gone = NULL;
	cc.ngone = 0;
	for (size_t i = 0; i < cc.nedited; i++)
		mt_media_free(&cc.edited[i]);
	free(cc.edited);
	cc.edited = NULL;
	cc.nedited = 0;
}

static void
findings_drop(void)
{
	if (cc.have_findings)
		mt_audit_free(&cc.findings);
	cc.have_findings = false;
}

static void
items_drop(void)
{
	for (size_t i = 0; i < cc.n; i++) {
		mt_media_free(&cc.items[i]);
		free(cc.content ? cc.content[i].error : NULL);
	}
	free(cc.items);
	free(cc.content);
	cc.items = NULL;
	cc.content = NULL;
	cc.n = 0;
}

static void
cache_close(void)
{
	mt_fpcache_free(cc.cache);
	cc.cache = NULL;
	free(cc.cache_path);
	cc.cache_path = NULL;
}

/* Everything of a check, the findings too. */
static void
check_drop(void)
{
	mt_fpfetch_free(cc.fetch);   /* nothing of it calls back after this */
	cc.fetch = NULL;
	gone_clear();
	cache_close();
	items_drop();
	findings_drop();
	cc.status.running = false;
}

void
content_check_free(struct app *a)
{
	(void)a;
	check_drop();
	memset(&cc, 0, sizeof cc);
}

bool
content_check_running(const struct app *a)
{
	(void)a;
	return cc.fetch != NULL;
}

const struct content_status *
content_check_status(const struct app *a)
{
	(void)a;
	return cc.status.started ? &cc.status : NULL;
}

const struct mt_audit *
content_check_findings(const struct app *a)
{
	(void)a;
	return cc.have_findings ? &cc.findings : NULL;
}

const struct mt_media *
content_check_item(const struct app *a, const char *id)
{
	(void)a;
	for (size_t i = 0; i < cc.n && id; i++)
		if (strcmp(cc.items[i].id, id) == 0)
			return &cc.items[i];
	return NULL;
}

/* The findings from the fingerprints, again (after a change too). */
static void
findings_make(struct app *a)
{
	findings_drop();
	mt_audit_init(&cc.findings, scan_large_bytes(a));
	cc.findings.by_content = true;
	mt_audit_content(&cc.findings, cc.items, cc.content, cc.n,
	                 a->cl->similarity >= 0 ? a->cl->similarity : MT_AUDIT_DEFAULT_SIMILARITY,
	                 mt_audit_render_width(mt_site_api(&a->site)));
	mt_audit_finish(&cc.findings, NULL, 0);
	cc.have_findings = true;
}

/* Takes an item out of the copy (and its fingerprint); false when absent. */
static bool
item_remove(const char *id)
{
	size_t i;
	for (i = 0; i < cc.n; i++)
		if (strcmp(cc.items[i].id, id) == 0)
			break;
	if (i == cc.n)
		return false;
	mt_media_free(&cc.items[i]);
	free(cc.content[i].error);
	/* keep the order: keepers are chosen among equals by position too */
	memmove(&cc.items[i], &cc.items[i + 1], (cc.n - i - 1) * sizeof *cc.items);
	memmove(&cc.content[i], &cc.content[i + 1], (cc.n - i - 1) * sizeof *cc.content);
	cc.n--;
	return true;
}

/* Puts an edited item's fields into the copy; false when absent. The copy
 * keeps its URL when the edit's answer has none (it is what was fetched). */
static bool
item_apply_edit(const struct mt_media *item)
{
	size_t i;
	for (i = 0; i < cc.n; i++)
		if (strcmp(cc.items[i].id, item->id) == 0)
			break;
	if (i == cc.n)
		return false;
	struct mt_media *m = &cc.items[i];
	char *url = m->url ? xstrdup(m->url) : NULL;
	mt_media_free(m);
	mt_media_copy(m, item);
	if (m->url == NULL)
		m->url = url;
	else
		free(url);
	return true;
}

/* Keeps an edit made while the check runs for its end (the fetch reads the
 * copy until then); a later edit of the same item replaces an earlier one. */
static void
edit_keep(const struct mt_media *item)
{
	size_t i;
	for (i = 0; i < cc.nedited; i++)
		if (strcmp(cc.edited[i].id, item->id) == 0)
			break;
	if (i == cc.nedited)
		cc.edited = xreallocarray(cc.edited, ++cc.nedited, sizeof *cc.edited);
	else
		mt_media_free(&cc.edited[i]);
	mt_media_copy(&cc.edited[i], item);
}

static void
on_item(size_t index, enum mt_fp_status status, const struct mt_fingerprint *fp,
        const struct mt_error *err, void *arg)
{
	(void)arg;
	struct mt_audit_content_item *c = &cc.content[index];
	c->status = (int)status;
	switch (status) {
	case MT_FP_CACHED: cc.status.cached++; break;
	case MT_FP_FETCHED: cc.status.fetched++; break;
	case MT_FP_FAILED: cc.status.failed++; break;
	default: cc.status.skipped++; break;
	}
	if (fp) {
		c->has_fp = true;
		memcpy(c->sha256, fp->sha256, sizeof c->sha256);
		c->has_phash = fp->has_phash;
		c->phash = fp->phash;
		c->width = fp->width;
		c->height = fp->height;
	}
	if (err && c->error == NULL)
		c->error = xstrdup(err->message);
}

static void
status_from(const struct mt_fpfetch_progress *p)
{
	cc.status.done = p->done;
	cc.status.total = p->total;
	cc.status.bytes = p->bytes;
	cc.status.rate = p->rate;
	cc.status.eta_s = p->eta_s;
}

static void
on_progress(const struct mt_fpfetch_progress *p, void *arg)
{
	status_from(p);
	ui_dirty(arg);
}

static void
on_done(const struct mt_fpfetch_progress *p, void *arg)
{
	struct app *a = arg;
	status_from(p);
	/* done is the fetch's last act: freeing it here is allowed */
	mt_fpfetch_free(cc.fetch);
	cc.fetch = NULL;
	struct mt_error err;
	if (mt_fpcache_save(cc.cache, true, &err) < 0)
		ui_error(a, _("saving the fingerprint cache"), &err);
	cache_close();
	cc.status.running = false;
	cc.status.finished = true;
	for (size_t i = 0; i < cc.nedited; i++)
		item_apply_edit(&cc.edited[i]);
	for (size_t i = 0; i < cc.ngone; i++)
		item_remove(cc.gone[i]);
	gone_clear();
	findings_make(a);
	ui_trace(a, "content check done: %zu items, %zu fetched, %zu cached, %lld bytes", cc.n,
	         cc.status.fetched, cc.status.cached, (long long)cc.status.bytes);
	ui_message(a, R_GOOD, P_("content check done: %zu item, %zu downloaded, %zu from the cache",
	                         "content check done: %zu items, %zu downloaded, %zu from the cache",
	                         (unsigned long)cc.n),
	           cc.n, cc.status.fetched, cc.status.cached);
	ui_dirty_now(a);
}

static void
check_start(struct app *a)
{
	struct scan *s = a->scan;
	items_drop();
	findings_drop();
	cc.items = xcalloc(s->nitems ? s->nitems : 1, sizeof *cc.items);
	cc.content = xcalloc(s->nitems ? s->nitems : 1, sizeof *cc.content);
	for (size_t i = 0; i < s->nitems; i++) {
		mt_media_copy(&cc.items[i], &s->items[i]);
		cc.content[i].width = cc.content[i].height = -1;
	}
	cc.n = s->nitems;
	memset(&cc.status, 0, sizeof cc.status);
	cc.status.started = cc.status.running = true;
	cc.status.total = cc.n;
	cc.status.eta_s = -1;
	struct mt_fpfetch_spec spec = {
		.items = cc.items, .n = cc.n, .cache = cc.cache, .concurrency = 8,
		.max_download = a->cl->max_download, .item = on_item, .progress = on_progress,
		.done = on_done, .arg = a,
	};
	cc.fetch = mt_fpfetch_start(&a->site, &spec);
	ui_trace(a, "content check started: %zu items", cc.n);
	ui_dirty(a);
}

static void
answered(struct app *a, int choice, void *arg)
{
	(void)arg;
	if (choice == 'y' && a->scan->done && cc.cache && cc.fetch == NULL) {
		check_start(a);
		ui_post(a, &(struct ui_event){ UI_EV_CONTENT_CHECK_STARTED });
		return;
	}
	cache_close();
}

void
content_check_ask(struct app *a)
{
	if (cc.fetch)
		return;
	if (!a->scan->done) {
		ui_message(a, R_WARN, "%s", _("the content check waits for the scan to finish"));
		return;
	}
	cache_close();
	cc.cache_path = mt_fpcache_path(a->profile ? a->profile->name : NULL);
	size_t damaged = 0;
	cc.cache = mt_fpcache_open(cc.cache_path, &damaged);
	/* what the cache knows is not downloaded again */
	size_t known = 0;
	int64_t bytes = 0;
	const struct scan *s = a->scan;
	for (size_t i = 0; i < s->nitems; i++) {
		char key[65];
		struct mt_fingerprint fp;
		mt_fpcache_key(a->site.base, &s->items[i], key);
		if (mt_fpcache_get(cc.cache, key, &fp))
			known++;
		else if (s->items[i].size > 0)
			bytes += s->items[i].size;
	}
	char size[32];
	mt_format_size(bytes, size, sizeof size);
	char *body = xasprintf(
		P_("Check the content of %zu item?\nAbout %s to download; %zu known from the fingerprint cache.",
		   "Check the content of %zu items?\nAbout %s to download; %zu known from the fingerprint cache.",
		   (unsigned long)s->nitems),
		s->nitems, size, known);
	char *full = xasprintf(_("%s\n\nEsc or c stops the check; what was fetched stays cached.\n\ny: check   n: not now"),
	                       body);
	ui_confirm(a, _("Content check"), full, "yn", answered, NULL);
	ui_confirm_keys_told(a);
	free(body);
	free(full);
}

void
content_check_cancel(struct app *a)
{
	if (cc.fetch == NULL)
		return;
	mt_fpfetch_free(cc.fetch);
	cc.fetch = NULL;
	gone_clear();
	cache_close();
	items_drop();
	findings_drop();
	cc.status.running = false;
	cc.status.cancelled = true;
	ui_trace(a, "content check cancelled");
	ui_message(a, R_NORMAL, "%s", _("content check stopped (c starts it again); what was fetched stays cached"));
	ui_dirty_now(a);
}

/* A delete or edit reaches the copy: groups change or go, keepers and
 * their reasons follow. One made during the check waits for its end (the
 * fetch reads the copy until then), so the findings never show the library
 * as it was before the editor's fix. */
void
content_check_on_event(struct app *a, const struct ui_event *ev)
{
	if (cc.fetch) {
		if (ev->kind == UI_EV_ITEM_DELETED) {
			cc.gone = xreallocarray(cc.gone, cc.ngone + 1, sizeof *cc.gone);
			cc.gone[cc.ngone++] = xstrdup(ev->id);
		} else if (ev->kind == UI_EV_ITEM_EDITED) {
			edit_keep(ev->item);
		}
		return;
	}
	if (!cc.have_findings)
		return;
	if (ev->kind == UI_EV_ITEM_DELETED) {
		if (!item_remove(ev->id))
			return;
	} else if (ev->kind == UI_EV_ITEM_EDITED) {
		if (!item_apply_edit(ev->item))
			return;
	} else {
		return;
	}
	findings_make(a);
	ui_dirty(a);
}
