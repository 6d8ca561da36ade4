/* remote_keep.c — what a new listing of the remote pane keeps of the one
 * before: the item under the cursor and the marks.
 *
 * A refresh, a finished upload, a move, a new sort or type all list the
 * folder again from its start. Without this the marks an editor made and
 * the place they had reached were gone each time. The ids are remembered,
 * and each page that arrives gets its marks and the cursor back; the pane
 * reads as far as it had read before, so nothing it showed is left out,
 * and one page more for an item not found by then: an item added before
 * it (an upload into the folder) pushes the last one read onto the next
 * page, and the cursor would land on the item before its own. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "remote_pane.h"
#include "ui.h"
#include "xalloc.h"

void
remote_keep_forget(struct remote *r)
{
	struct remote_keep *k = &r->keep;
	free(k->cur_id);
	for (size_t i = 0; i < k->nmarks; i++)
		free(k->marks[i]);
	free(k->marks);
	memset(k, 0, sizeof *k);
}

void
remote_keep_save(struct remote *r)
{
	struct remote_keep *k = &r->keep;
	/* a listing still arriving keeps what the one before it kept */
	if (r->nitems == 0 && (k->cur_id || k->nmarks))
		return;
	remote_keep_forget(r);
	struct mt_media *cur = NULL;
	size_t idx;
	if (r->mode == REMOTE_LIBRARY && remote_row_at(r, r->cur, &idx) == REMOTE_ROW_ITEM)
		cur = &r->items[idx];
	if (cur)
		k->cur_id = xstrdup(cur->id);
	k->cur_row = r->cur;
	k->until = r->nitems;
	if (r->nmarked) {
		k->marks = xreallocarray(NULL, r->nmarked, sizeof *k->marks);
		for (size_t i = 0; i < r->nitems; i++)
			if (r->marked[i])
				k->marks[k->nmarks++] = xstrdup(r->items[i].id);
	}
}

void
remote_keep_cursor_moved(struct remote *r)
{
	struct remote_keep *k = &r->keep;
	free(k->cur_id);
	k->cur_id = NULL;
	k->cur_row = 0;
}

static bool
take_mark(struct remote_keep *k, const char *id)
{
	for (size_t i = 0; i < k->nmarks; i++) {
		if (strcmp(k->marks[i], id) == 0) {
			free(k->marks[i]);
			k->marks[i] = k->marks[--k->nmarks];
			return true;
		}
	}
	return false;
}

static size_t
first_item_row(const struct remote *r)
{
	return (remote_has_up_row(r) ? 1 : 0) + r->nsubs;
}

void
remote_keep_apply(struct remote *r, size_t from, bool last_page)
{
	struct remote_keep *k = &r->keep;
	for (size_t i = from; i < r->nitems; i++) {
		if (k->nmarks && !r->marked[i] && take_mark(k, r->items[i].id)) {
			r->marked[i] = true;
			r->nmarked++;
		}
		if (k->cur_id && strcmp(k->cur_id, r->items[i].id) == 0) {
			r->cur = first_item_row(r) + i;
			remote_keep_cursor_moved(r);
		}
	}
	bool read_enough = last_page || r->nitems >= k->until;
	if (!read_enough)
		return;
	if (!last_page && !k->one_more && (k->cur_id || k->nmarks)) {
		k->one_more = true;   /* remote_keep_wants_more asks for it */
		k->until = r->nitems + 1;
		return;
	}
	/* the item under the cursor is gone (moved, deleted, filtered out):
	 * the cursor stays on the row it was on, so the next item is under it */
	if (k->cur_id) {
		size_t n = remote_nrows(r);
		r->cur = k->cur_row < n ? k->cur_row : n ? n - 1 : 0;
	}
	remote_keep_forget(r);
}

bool
remote_keep_wants_more(const struct remote *r)
{
	return r->keep.until > r->nitems && (r->keep.cur_id || r->keep.nmarks);
}
