/* pager.h — a listing of the library read a page at a time, on the loop.
 *
 * One paging for every face: the batch commands (ls --all, usage, audit),
 * the interface's background scan and its remote pane. The pager keeps the
 * two guards a server that does not page properly calls for: the offset of
 * the next page is our own count of what arrived (the offset a page claims
 * is only the server's word), and a page that starts with the same item as
 * the one before ends the listing with an error instead of counting the
 * same items again. Read to the end, a listing has a few pages asked for at
 * once (pager.c says how), handed on one by one and in order. */
#ifndef MT_PAGER_H
#define MT_PAGER_H

#include <stdbool.h>
#include <stdint.h>

#include "dialect.h"
#include "error.h"
#include "media.h"
#include "site.h"

struct mt_pager;

/* A page as it arrived (page != NULL, err == NULL) or why the request for
 * one failed (page == NULL). The pager owns the page; the callback may free
 * the pager. After it, mt_pager_more says whether there is more to read. */
typedef void (*mt_pager_fn)(struct mt_pager *p, const struct mt_media_page *page,
                            const struct mt_error *err, void *arg);

struct mt_pager_spec {
	struct mt_list_query query;   /* strings copied; limit 0: the server's */
	bool all;                     /* read on to the end; else a page per mt_pager_fetch */
	mt_pager_fn fn;
	void *arg;
};

/* A pager at the start of the listing; nothing is requested yet. */
struct mt_pager *mt_pager_new(struct mt_site *site, const struct mt_pager_spec *spec);
/* Requests the next page (with `all`, the pages after it follow on their
 * own). Does nothing while a page is on its way or when the listing is
 * complete. Returns 0, or -1 with err when the request cannot be made (the
 * callback is then not called). After a failed page it asks again. */
int mt_pager_fetch(struct mt_pager *p, struct mt_error *err);
/* True while a page is on its way. */
bool mt_pager_loading(const struct mt_pager *p);
/* True until the last page arrived or the server sent a page twice. */
bool mt_pager_more(const struct mt_pager *p);
/* Items read so far, less those forgotten. */
int64_t mt_pager_seen(const struct mt_pager *p);
/* Tells the pager that n items it read have left the listing (deleted,
 * moved away): the next page starts n items earlier. */
void mt_pager_forget(struct mt_pager *p, int64_t n);
/* Cancels and frees: the callback is not called again. Safe with a page on
 * its way and from inside the callback. NULL is ignored. */
void mt_pager_free(struct mt_pager *p);

/* The blocking form, for batch commands: runs the loop until the listing
 * ends (with all) or the first page is in, calling fn for each page.
 * Returns 0, or -1 with err. */
typedef void (*mt_pages_fn)(const struct mt_media_page *page, void *arg);
int mt_site_pages(struct mt_site *site, const struct mt_list_query *q, bool all, mt_pages_fn fn,
                  void *arg, struct mt_error *err);

#endif
