/* detail_state.h — Private to: detail.c detail_draw.c detail_focal.c detail_draft.c detail_aside.c detail_reread.c detail_typed.c
 * State: a->detail
 *
 * One item's details: the item, its pending edits, the save under way and
 * the focal point editor's crosshair. */
#ifndef MT_TUI_DETAIL_STATE_H
#define MT_TUI_DETAIL_STATE_H

#include "ui.h"

enum detail_after { AFTER_STAY, AFTER_BACK, AFTER_NEXT, AFTER_PREV };

/* the rows of the details, in order */
enum field {
	F_ID, F_FILENAME, F_TYPE, F_SIZE, F_DIMS, F_ALT, F_TITLE, F_DESC, F_FOLDER, F_FOCAL, F_URL,
	F_CREATED, F_COUNT
};
/* pending edit slots (struct detail's edit[] and sent[]) */
enum { E_ALT, E_TITLE, E_DESC, E_FOLDER };
struct detail {
	struct mt_media item;
	bool have;
	bool loading;
	bool saving;
	bool gone;                  /* the server answered 404: deleted elsewhere */
	int field;                  /* selected row */
	char *edit[4];              /* pending alt, title, description, folder; NULL: unchanged */
	bool focal_pending;
	double fx, fy;              /* pending focal point */
	unsigned drafted;           /* the slots (bit 4: focal) in the drafts file */
	/* a prompt's text cancelled with Esc, per slot (detail_aside.c): set
	 * aside, what the prompt has now, what it opened with, and whether it
	 * opened with the text set aside */
	char *aside[4], *typed[4], *opened[4];
	bool from_aside[4];
	/* the save under way: what it sends (edits made meanwhile stay pending
	 * when it succeeds), its request, and the operation, for Esc */
	char *sent[4];
	bool sent_focal;
	double sent_fx, sent_fy;
	struct ui_req *save_req;
	struct mt_op *save_op;
	char err[600];
	char note[200];
	uint64_t gen;
	/* focal editor */
	bool focal_open;
	bool rereading;              /* r: the read's answer says what changed */
	double ex, ey;
	double sx, sy;               /* where the editor opened */
	/* Esc after moving sets the point aside, as a prompt's text: the next
	 * f opens there (from_aside), Esc there unmoved drops it */
	bool focal_aside, focal_from_aside;
	double ax, ay;
	bool focal_crops;            /* v: the crops instead of the picture (narrow screens) */
	bool focal_save;             /* the editor closed with Enter: detail.c saves */
	enum detail_after after;     /* once the pending save succeeds */
	/* n/N: opens the neighbour in the list the details came from (dir +1/-1),
	 * false at its end; set by the opener after detail_open, NULL: none */
	bool (*step)(struct app *a, int dir, bool just_look);
	/* the status line's "this is the last item" (or first), which a step
	 * that succeeds takes off; 0 when none was said */
	uint64_t edge_said;
};

/* A row's edit slot, or -1 for a row that is not edited as text. */
static inline int
edit_slot(int field)
{
	switch (field) {
	case F_ALT: return E_ALT;
	case F_TITLE: return E_TITLE;
	case F_DESC: return E_DESC;
	case F_FOLDER: return E_FOLDER;
	default: return -1;
	}
}

static inline bool
has_pending(const struct detail *d)
{
	for (int i = 0; i < 4; i++)
		if (d->edit[i])
			return true;
	return d->focal_pending;
}

/* The rows drawn (detail_draw.c): a row's name, translated, and its value
 * as shown (a pending edit's, *pending set), to free. */
const char *detail_field_name(int f);
char *detail_field_value(struct app *a, int f, bool *pending);

/* The focal point editor (detail_focal.c): drawn and keyed while
 * focal_open; Enter leaves focal_pending and focal_save set for detail.c. */
void detail_focal_open(struct app *a);
void detail_focal_draw(struct app *a);
enum ui_key detail_focal_key(struct app *a, int is_key, wint_t ch);

/* The pending edits in the drafts file (detail_draft.c): one field or the
 * focal point as it is now, after a change; sync clears from the file what
 * is no longer pending; restore, on open, brings the file's back. */
void detail_draft_field(struct app *a, int slot);
/* A field's prompt as it is typed: its text in the drafts file at each key,
 * so a kill -9 with the prompt open loses none of it (Esc puts back what
 * was pending, through detail_draft_field). */
void detail_draft_typing(struct app *a, int slot, const char *text);
void detail_draft_focal(struct app *a);
void detail_draft_sync(struct app *a);
void detail_draft_restore(struct app *a);

/* rounding without libm: the values here are small and not negative */
static inline long
detail_round(double v)
{
	return v < 0 ? -(long)(-v + 0.5) : (long)(v + 0.5);
}

/* ---- detail_typed.c: what was typed, dropped, into the message log ---- */
/* Each change not saved into the log (gone: the item was deleted
 * elsewhere, said as a warning too), before it is cleared. */
void detail_log_typed(struct app *a, bool gone);
/* The fields with a change not saved, in words: "title, focal point". */
void detail_pending_names(const struct detail *d, char *names, size_t len);
/* A field in words, by edit slot (0..3), or 4 for the focal point; and
 * added to a list of them ("title, focal point"). */
const char *detail_field_word(int slot);
void detail_add_name(char *names, size_t len, int slot);

/* ---- detail_reread.c: r said, with what the read changed ---- */
void detail_reread_said(struct app *a, const struct mt_media *was, const struct mt_media *now);

/* ---- detail_aside.c: a prompt's text cancelled with Esc, set aside ---- */
/* Every slot's text set aside goes (another item, the details closed),
 * from the drafts file too, unless the program is ending. */
void detail_aside_forget(struct app *a);
/* The slot's text set aside, from the drafts file (an earlier session). */
void detail_aside_restore(struct detail *d, int slot, const char *text);
/* The text set aside for the slot, NULL: none. */
const char *detail_aside_text(const struct detail *d, int slot);
/* The slot's prompt opened with initial. */
void detail_aside_opened(struct detail *d, int slot, const char *initial);
/* The prompt's text now. */
void detail_aside_typed(struct detail *d, int slot, const char *text);
/* Enter took the prompt's text: nothing is set aside. */
void detail_aside_done(struct app *a, int slot);
/* Esc: what was typed is set aside (said), or the text set aside, opened
 * again unchanged, is dropped (said); the drafts file follows. */
void detail_aside_cancelled(struct app *a, int slot);

#endif
