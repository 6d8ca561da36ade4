/* pager.c — a listing of the library read a page at a time, on the loop. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pager.h"
#include "xalloc.h"

struct mt_pager {
	struct mt_site *site;
	struct mt_list_query q;       /* owns its strings; q.offset is our own count */
	char *strs[5];
	bool all;
	mt_pager_fn fn;
	void *arg;
	bool loading, complete;
	bool in_callback, freed;      /* freed while a page was on its way or in fn */
	char *prev_first;             /* the first id of the page before */
};

static char *
own(struct mt_pager *p, int i, const char *s)
{
	p->strs[i] = s ? xstrdup(s) : NULL;
	return p->strs[i];
}

struct mt_pager *
mt_pager_new(struct mt_site *site, const struct mt_pager_spec *spec)
{
	struct mt_pager *p = xcalloc(1, sizeof *p);
	p->site = site;
	p->q = spec->query;
	p->q.folder = own(p, 0, spec->query.folder);
	p->q.type = own(p, 1, spec->query.type);
	p->q.search = own(p, 2, spec->query.search);
	p->q.sort = own(p, 3, spec->query.sort);
	p->q.order = own(p, 4, spec->query.order);
	if (p->q.limit < 0)
		p->q.limit = 0;
	if (p->q.offset < 0)
		p->q.offset = 0;
	p->all = spec->all;
	p->fn = spec->fn;
	p->arg = spec->arg;
	return p;
}

static void
pager_destroy(struct mt_pager *p)
{
	for (size_t i = 0; i < sizeof p->strs / sizeof p->strs[0]; i++)
		free(p->strs[i]);
	free(p->prev_first);
	free(p);
}

void
mt_pager_free(struct mt_pager *p)
{
	if (p == NULL)
		return;
	if (p->loading || p->in_callback) {
		p->freed = true;   /* the answer on its way, or the callback, frees it */
		return;
	}
	pager_destroy(p);
}

bool
mt_pager_loading(const struct mt_pager *p)
{
	return p->loading;
}

bool
mt_pager_more(const struct mt_pager *p)
{
	return !p->complete;
}

int64_t
mt_pager_seen(const struct mt_pager *p)
{
	return p->q.offset;
}

void
mt_pager_forget(struct mt_pager *p, int64_t n)
{
	p->q.offset = n > p->q.offset ? 0 : p->q.offset - (long)n;
}

/* Calls the owner; true when the pager is still wanted afterwards. */
static bool
deliver(struct mt_pager *p, const struct mt_media_page *page, const struct mt_error *err)
{
	p->in_callback = true;
	p->fn(p, page, err, p->arg);
	p->in_callback = false;
	if (p->freed) {
		if (!p->loading)   /* else the answer on its way frees it */
			pager_destroy(p);
		return false;
	}
	return true;
}

static void
on_page(const struct mt_media_page *page, const struct mt_error *err, void *arg)
{
	struct mt_pager *p = arg;
	p->loading = false;
	if (p->freed) {
		pager_destroy(p);
		return;
	}
	if (err) {
		deliver(p, NULL, err);
		return;
	}
	if (mt_media_page_repeats(page, &p->prev_first)) {
		struct mt_error e;
		mt_error_set(&e, MT_ERR_PROTOCOL,
		             _("the server sent the same page twice (it ignores the offset)"));
		p->complete = true;
		deliver(p, NULL, &e);
		return;
	}
	/* our own count moves the offset: the page's is the server's word */
	int64_t seen = p->q.offset + (int64_t)page->nitems;
	if (!mt_media_page_more(page, p->q.limit, seen))
		p->complete = true;
	p->q.offset = (long)seen;
	if (!deliver(p, page, NULL))
		return;
	if (p->all && !p->complete && !p->loading) {
		struct mt_error e;
		mt_error_clear(&e);
		if (mt_pager_fetch(p, &e) < 0) {
			p->complete = true;
			deliver(p, NULL, &e);
		}
	}
}

int
mt_pager_fetch(struct mt_pager *p, struct mt_error *err)
{
	if (p->loading || p->complete)
		return 0;
	struct mt_site *site = p->site;
	if (mt_site_require(site, MT_CAP_BROWSE, !(site->dialect->caps & MT_CAP_PUBLIC), err) < 0)
		return -1;
	if (site->dialect->list == NULL)
		return mt_error_set(err, MT_ERR_UNSUPPORTED, _("the %s API cannot list the library"),
		                    site->dialect->name);
	p->loading = true;
	if (site->dialect->list(site, &p->q, on_page, p, err) < 0) {
		p->loading = false;
		return -1;
	}
	return 0;
}

/* ---- the blocking form ---- */

struct pages_wait {
	mt_pages_fn fn;
	void *arg;
	bool done;
	int rc;
	struct mt_error *err;
};

static void
pages_step(struct mt_pager *p, const struct mt_media_page *page, const struct mt_error *err,
           void *arg)
{
	struct pages_wait *w = arg;
	if (err) {
		w->rc = -1;
		if (w->err)
			*w->err = *err;
		w->done = true;
		return;
	}
	w->fn(page, w->arg);
	if (!mt_pager_more(p) || !p->all)
		w->done = true;
}

int
mt_site_pages(struct mt_site *site, const struct mt_list_query *q, bool all, mt_pages_fn fn,
              void *arg, struct mt_error *err)
{
	struct pages_wait w = { .fn = fn, .arg = arg, .err = err };
	struct mt_pager_spec spec = { .query = *q, .all = all, .fn = pages_step, .arg = &w };
	struct mt_pager *p = mt_pager_new(site, &spec);
	int rc = mt_pager_fetch(p, err);
	if (rc == 0 && mt_loop_run_until(site->loop, &w.done) < 0)
		rc = mt_error_set(err, MT_ERR_NET, _("the event loop failed"));
	if (rc == 0)
		rc = w.rc;
	mt_pager_free(p);
	return rc;
}
