/* remote_rows.c — what each row of the remote pane is (the up row, a
 * folder, an item), for the pane's keys, its drawing and its actions. */
#include "config.h"

#include <string.h>

#include "remote_pane.h"
#include "ui.h"

const char *
remote_folder(const struct app *a)
{
	return a->remote->folder ? a->remote->folder : "/";
}

bool
remote_has_up_row(const struct remote *r)
{
	return r->mode == REMOTE_LIBRARY && r->folder && strcmp(r->folder, "/") != 0 && !r->search &&
	       !r->all_folders;
}

size_t
remote_nrows(const struct remote *r)
{
	if (r->mode == REMOTE_HISTORY)
		return r->nhist;
	return (remote_has_up_row(r) ? 1 : 0) + r->nsubs + r->nitems;
}

enum remote_row
remote_row_at(const struct remote *r, size_t i, size_t *idx)
{
	if (remote_has_up_row(r)) {
		if (i == 0)
			return REMOTE_ROW_UP;
		i--;
	}
	if (i < r->nsubs) {
		*idx = i;
		return REMOTE_ROW_FOLDER;
	}
	i -= r->nsubs;
	if (i < r->nitems) {
		*idx = i;
		return REMOTE_ROW_ITEM;
	}
	return REMOTE_ROW_NONE;
}

struct mt_media *
remote_current_item(struct app *a)
{
	struct remote *r = a->remote;
	size_t idx;
	if (r->mode == REMOTE_LIBRARY && remote_row_at(r, r->cur, &idx) == REMOTE_ROW_ITEM)
		return &r->items[idx];
	return NULL;
}
