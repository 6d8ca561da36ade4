/* pager.c — a listing of the library read a page at a time, on the loop.
 *
 * Reading on to the end (`all`), the pager asks for up to PAGER_AHEAD pages
 * at once once the first page has told the total and the server's page
 * size: a long listing then costs a few round trips, not one per page. The
 * pages still reach the owner one by one and in order; a page that comes
 * early waits in its ticket. A page shorter than the ones before it, before
 * the end, means the listing moved under us (items deleted, a lower limit):
 * the pages asked for ahead are dropped and the listing goes on from our own
 * count, as a page-by-page reading would. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pager.h"
#include "xalloc.h"

enum { PAGER_AHEAD = 4 };

/* One page asked for. Live tickets are queued in offset order; a dropped one
 * waits unlinked for its answer, which is then thrown away. */
struct ticket {
	struct mt_pager *p;
	long offset;
	bool answered, dropped, failed;
	struct mt_media_page page;     /* owned, when it came before its turn */
	struct mt_error err;
	struct ticket *next;
};

struct mt_pager {
	struct mt_site *site;
	struct mt_list_query q;       /* owns its strings; q.offset is our own count */
	char *strs[5];
	bool all;
	mt_pager_fn fn;
	void *arg;
	struct ticket *head, *tail;   /* live tickets, in offset order */
	size_t nlive;
	size_t inflight;              /* answers still to come, dropped tickets' too */
	long next_offset;             /* where the next page asked ahead starts */
	long stride;                  /* the server's page size; 0 until known */
	int64_t total;                /* as the last page told it */
	bool complete;
	bool in_callback, freed;      /* freed while pages were on their way or in fn */
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
ticket_free(struct ticket *t)
{
	mt_media_page_free(&t->page);
	free(t);
}

/* Unlinks every live ticket: those answered are freed, the others wait for
 * their answer to be thrown away. */
static void
drop_live(struct mt_pager *p)
{
	struct ticket *t = p->head;
	while (t) {
		struct ticket *next = t->next;
		if (t->answered) {
			ticket_free(t);
		} else {
			t->dropped = true;
			t->next = NULL;
		}
		t = next;
	}
	p->head = p->tail = NULL;
	p->nlive = 0;
}

static void
pager_destroy(struct mt_pager *p)
{
	drop_live(p);
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
	drop_live(p);
	if (p->inflight > 0 || p->in_callback) {
		p->freed = true;   /* the last answer on its way, or the callback, frees it */
		return;
	}
	pager_destroy(p);
}

bool
mt_pager_loading(const struct mt_pager *p)
{
	return p->nlive > 0;
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
	drop_live(p);   /* pages asked ahead start at the old places */
	p->next_offset = p->q.offset;
}

/* Calls the owner; true when the pager is still wanted afterwards. */
static bool
deliver(struct mt_pager *p, const struct mt_media_page *page, const struct mt_error *err)
{
	p->in_callback = true;
	p->fn(p, page, err, p->arg);
	p->in_callback = false;
	if (p->freed) {
		if (p->inflight == 0)   /* else the last answer on its way frees it */
			pager_destroy(p);
		return false;
	}
	return true;
}

static void on_page(const struct mt_media_page *page, const struct mt_error *err, void *arg);

/* Asks for the page at `offset`; the ticket joins the live queue. */
static int
ask(struct mt_pager *p, long offset, struct mt_error *err)
{
	struct ticket *t = xcalloc(1, sizeof *t);
	t->p = p;
	t->offset = offset;
	if (p->tail)
		p->tail->next = t;
	else
		p->head = t;
	p->tail = t;
	p->nlive++;
	p->inflight++;
	struct mt_list_query q = p->q;
	q.offset = offset;
	if (p->site->dialect->list(p->site, &q, on_page, t, err) < 0) {
		/* the callback will not come: unlink the ticket, the last one */
		p->inflight--;
		p->nlive--;
		struct ticket **at = &p->head;
		while (*at != t)
			at = &(*at)->next;
		*at = NULL;
		p->tail = NULL;
		for (struct ticket *u = p->head; u; u = u->next)
			p->tail = u;
		free(t);
		return -1;
	}
	return 0;
}

/* With `all`: keeps up to PAGER_AHEAD pages asked for, while the total says
 * there are more. False with err when not even one could be asked for. */
static bool
ask_ahead(struct mt_pager *p, struct mt_error *err)
{
	size_t room = p->stride > 0 ? PAGER_AHEAD : 1;
	if (p->nlive == 0)
		p->next_offset = p->q.offset;
	while (!p->complete && p->nlive < room) {
		if (p->nlive > 0 && p->next_offset >= p->total)
			break;
		if (ask(p, p->next_offset, err) < 0)
			return p->nlive > 0;
		p->next_offset += p->stride;
	}
	return true;
}

/* The head ticket's page, in its turn. True when the pager is still
 * wanted and the next ticket may follow. */
static bool
take_page(struct mt_pager *p, long offset, const struct mt_media_page *page)
{
	if (offset != p->q.offset) {
		/* asked before a forget or a short page moved the listing: ask again */
		drop_live(p);
		return true;
	}
	if (mt_media_page_repeats(page, &p->prev_first)) {
		struct mt_error e;
		mt_error_set(&e, MT_ERR_PROTOCOL,
		             _("the server sent the same page twice (it ignores the offset)"));
		p->complete = true;
		drop_live(p);
		deliver(p, NULL, &e);
		return false;
	}
	/* our own count moves the offset: the page's is the server's word */
	int64_t seen = p->q.offset + (int64_t)page->nitems;
	bool more = mt_media_page_more(page, p->q.limit, seen);
	p->total = page->total;
	if (!more) {
		p->complete = true;
		drop_live(p);
	} else if (p->stride == 0) {
		p->stride = (long)page->nitems;
	} else if ((long)page->nitems != p->stride) {
		drop_live(p);   /* the pages asked ahead no longer start where they should */
		p->stride = (long)page->nitems;
	}
	p->q.offset = (long)seen;
	return deliver(p, page, NULL);
}

/* Hands on the pages that have come, in order, then asks for more. */
static void
drain(struct mt_pager *p)
{
	while (p->head && p->head->answered) {
		struct ticket *t = p->head;
		p->head = t->next;
		if (p->head == NULL)
			p->tail = NULL;
		p->nlive--;
		if (t->failed) {
			drop_live(p);   /* the listing stops here; a fetch asks again */
			deliver(p, NULL, &t->err);
			ticket_free(t);
			return;
		}
		bool go_on = take_page(p, t->offset, &t->page);
		ticket_free(t);
		if (!go_on)
			return;
	}
	if (p->all && p->nlive == 0 && !p->complete) {
		struct mt_error e;
		mt_error_clear(&e);
		if (!ask_ahead(p, &e)) {
			p->complete = true;
			deliver(p, NULL, &e);
		}
	} else if (p->all) {
		ask_ahead(p, NULL);
	}
}

static void
on_page(const struct mt_media_page *page, const struct mt_error *err, void *arg)
{
	struct ticket *t = arg;
	struct mt_pager *p = t->p;
	p->inflight--;
	if (t->dropped) {
		free(t);
		if (p->freed && p->inflight == 0 && !p->in_callback)
			pager_destroy(p);
		return;
	}
	t->answered = true;
	if (err) {
		t->failed = true;
		t->err = *err;
	} else if (t != p->head) {
		mt_media_page_copy(&t->page, page);   /* early: it waits for its turn */
	} else {
		/* in its turn: handed on as it came, without a copy */
		p->head = t->next;
		if (p->head == NULL)
			p->tail = NULL;
		p->nlive--;
		long offset = t->offset;
		free(t);
		if (!take_page(p, offset, page))
			return;
	}
	drain(p);
}

int
mt_pager_fetch(struct mt_pager *p, struct mt_error *err)
{
	if (p->nlive > 0 || p->complete)
		return 0;
	struct mt_site *site = p->site;
	if (mt_site_require(site, MT_CAP_BROWSE, !(site->dialect->caps & MT_CAP_PUBLIC), err) < 0)
		return -1;
	if (site->dialect->list == NULL)
		return mt_error_set(err, MT_ERR_UNSUPPORTED, _("the %s API cannot list the library"),
		                    site->dialect->name);
	if (!p->all)
		return ask(p, p->q.offset, err);
	return ask_ahead(p, err) ? 0 : -1;
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
