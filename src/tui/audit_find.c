/* audit_find.c — the audit's findings as the view shows them: those inside
 * its folder limit (a duplicate group with a copy inside shown whole), the
 * one at a position, the position of an item's, and a finding opened in
 * the details with n/N stepping through the rest. Shared by auditview.c
 * through audit_state.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_state.h"
#include "i18n.h"
#include "sanitize.h"
#include "scan_state.h"
#include "ui.h"
#include "xalloc.h"

struct audit_at audit_at;

/* Within a folder's audit, the duplicate groups with a copy inside it,
 * indexed by group number; NULL for the whole library. Such a group is
 * shown and deleted whole: a keeper alone, its copies elsewhere hidden,
 * left nothing for d to delete. */
bool *
audit_groups_inside(const struct mt_audit *au)
{
	if (audit_at.folder == NULL)
		return NULL;
	int top = 0;
	for (size_t i = 0; i < au->nfindings; i++)
		if (au->findings[i].kind == MT_FIND_DUPLICATE && au->findings[i].group > top)
			top = au->findings[i].group;
	bool *in = xcalloc((size_t)top + 1, sizeof *in);
	for (size_t i = 0; i < au->nfindings; i++) {
		const struct mt_finding *f = &au->findings[i];
		if (f->kind == MT_FIND_DUPLICATE && f->group > 0 && mt_folder_within(f->folder, audit_at.folder))
			in[f->group] = true;
	}
	return in;
}

bool
audit_in_scope(const struct mt_finding *f, const bool *groups)
{
	if (mt_folder_within(f->folder, audit_at.folder))
		return true;
	return groups && f->kind == MT_FIND_DUPLICATE && f->group > 0 && groups[f->group];
}

/* The findings shown (inside the limit), as indices into the audit. */
size_t
audit_shown_findings(struct app *a, size_t **out)
{
	struct mt_audit *au = &a->scan->audit;
	size_t n = 0;
	*out = xcalloc(au->nfindings ? au->nfindings : 1, sizeof **out);
	if (!a->scan->done)
		return 0;
	bool *groups = audit_groups_inside(au);
	for (size_t i = 0; i < au->nfindings; i++)
		if (audit_in_scope(&au->findings[i], groups))
			(*out)[n++] = i;
	free(groups);
	return n;
}

/* The shown finding at position pos, or NULL. */
const struct mt_finding *
audit_finding_at(struct app *a, size_t pos)
{
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	const struct mt_finding *f = pos < n ? &a->scan->audit.findings[idx[pos]] : NULL;
	free(idx);
	return f;
}

static bool audit_step(struct app *a, int dir, bool just_look);

void
audit_open_finding(struct app *a, const struct mt_finding *f)
{
	if (f->id == NULL) {
		char *p = mt_sanitize(f->folder);
		ui_message(a, R_NORMAL, _("folder %s is empty; d deletes it"), p);
		free(p);
		return;
	}
	struct mt_media m;
	mt_media_init(&m);
	m.id = f->id;
	m.filename = f->filename;
	m.folder = f->folder;
	m.size = f->size;
	m.created_at = f->created_at;
	/* the details copy it, then fetch every field */
	ui_view_open(a, VIEW_DETAIL, &(struct ui_open_item){ &m, audit_step });
}

/* The position of the shown finding about item id, or -1. */
long
audit_position_of(struct app *a, const char *id)
{
	size_t *idx;
	size_t n = audit_shown_findings(a, &idx);
	long pos = -1;
	for (size_t i = 0; i < n && pos < 0; i++) {
		const char *fid = a->scan->audit.findings[idx[i]].id;
		if (fid && strcmp(fid, id) == 0)
			pos = (long)i;
	}
	free(idx);
	return pos;
}

/* n/N in the details opened from here: the next finding about an item. */
static bool
audit_step(struct app *a, int dir, bool just_look)
{
	long pos = detail_item_id(a) ? audit_position_of(a, detail_item_id(a)) : -1;
	if (pos < 0)
		pos = (long)audit_at.cur - (dir > 0 ? 1 : 0);   /* the finding went: its place */
	for (long i = pos + dir; i >= 0; i += dir) {
		const struct mt_finding *f = audit_finding_at(a, (size_t)i);
		if (f == NULL)
			break;
		if (f->id && just_look)
			return true;
		if (f->id) {
			audit_at.cur = (size_t)i;
			audit_open_finding(a, f);
			return true;
		}
	}
	return false;
}
