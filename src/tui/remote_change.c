/* remote_change.c — an item edited, moved or deleted (here, in the
 * details or in the audit) changes its row in the remote pane at once:
 * its new fields, or the row taken out with the cursor kept where an
 * editor expects it, before any new listing arrives. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pager.h"
#include "remote_pane.h"
#include "ui.h"
#include "xalloc.h"

void
remote_row_remove(struct remote *r, const char *id)
{
	for (size_t i = 0; i < r->nitems; i++) {
		if (strcmp(r->items[i].id, id) == 0) {
			if (r->marked[i])
				r->nmarked--;
			mt_media_free(&r->items[i]);
			memmove(&r->items[i], &r->items[i + 1], (r->nitems - i - 1) * sizeof *r->items);
			memmove(&r->marked[i], &r->marked[i + 1], (r->nitems - i - 1) * sizeof *r->marked);
			r->nitems--;
			/* the cursor keeps its item when a row above it goes (ncdu, mc);
			 * on the row that went, the next item takes its place, and
			 * after the last one the new last is under it */
			size_t row = (remote_has_up_row(r) ? 1 : 0) + r->nsubs + i;
			free(r->gone_id);   /* n in its details goes on from its place */
			r->gone_id = xstrdup(id);
			r->gone_row = row;
			if (row < r->cur)
				r->cur--;
			size_t n = remote_nrows(r);
			if (r->cur >= n)
				r->cur = n ? n - 1 : 0;
			if (r->total > 0)
				r->total--;
			if (r->pager)
				mt_pager_forget(r->pager, 1);   /* the next page starts one earlier */
			break;
		}
	}
}

void
remote_row_update(struct remote *r, const struct mt_media *m)
{
	for (size_t i = 0; i < r->nitems; i++) {
		if (strcmp(r->items[i].id, m->id) == 0) {
			bool moved = m->folder && r->items[i].folder && !r->search && !r->all_folders &&
			             strcmp(m->folder, r->items[i].folder) != 0;
			if (moved) {
				remote_row_remove(r, m->id);
				return;
			}
			mt_media_free(&r->items[i]);
			mt_media_copy(&r->items[i], m);
		}
	}
}
