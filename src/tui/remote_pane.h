/* remote_pane.h — Private to: remote.c remote_rows.c remote_draw.c remote_folders.c remote_actions.c remote_keep.c remote_visit.c remote_ahead.c remote_history.c remote_change.c remote_step.c
 * State: a->remote
 *
 * The remote pane's own state and what its files share. Other views reach
 * the pane through the functions in ui.h and through events. */
#ifndef MT_TUI_REMOTE_PANE_H
#define MT_TUI_REMOTE_PANE_H

#include "ui.h"

enum remote_mode { REMOTE_LIBRARY, REMOTE_HISTORY };

/* What a new listing of the same place gets back from the one before. */
struct remote_keep {
	char *cur_id;               /* the item under the cursor; NULL: none */
	size_t cur_row;             /* its row, for when it is gone */
	char **marks;               /* ids of the marked items not found yet */
	size_t nmarks;
	size_t until;               /* items the old listing had read */
	bool one_more;              /* a page past them is read for what is not found yet */
};

/* A key typed while the listing was on its way (remote_ahead.c). */
struct remote_ahead_key {
	int is_key;
	wint_t ch;
};
enum { REMOTE_AHEAD = 64 };

struct remote {
	enum remote_mode mode;
	char *folder;               /* "/" at the root */
	char *restored;             /* the folder of the last session, until the folders are known */
	char *land_on;              /* a folder just created: the cursor goes to its row once listed */
	struct remote_ahead_key ahead[REMOTE_AHEAD];   /* typed while listing, not played yet */
	size_t nahead;
	char **folders;             /* every folder the server knows */
	size_t nfolders;
	char **subs;                /* direct children of `folder` */
	size_t nsubs;
	struct mt_media *items;
	size_t nitems, cap;
	bool *marked;
	size_t nmarked;
	int64_t total;              /* -1 until the first page */
	uint64_t gen;               /* bumps on every new listing */
	struct mt_pager *pager;     /* the listing being read */
	bool loading;               /* a page request is out */
	bool want_end;              /* keep loading to the end (G) */
	bool loaded_once;
	char *search;               /* NULL: none */
	bool all_folders;           /* every folder is listed (a type from the usage view) */
	int type_before;            /* the type filter to go back to when that is left */
	int sort;                   /* index into remote_sorts */
	bool asc;
	int type;                   /* index into remote_types */
	size_t cur, top;
	struct remote_keep keep;
	char *gone_id;              /* the last item whose row went (remote_change.c) */
	size_t gone_row;            /* the row it had */
	char *step_id;              /* n waits for the next page, from this item (remote_step.c) */
	int step_dir;               /* ... or N, for the listing read again (-1) */
	size_t step_until;          /* items the listing had when n was pressed: read past them for it */
	bool step_quiet;            /* n goes on by itself: what it waits for is said already */
	uint64_t step_said;         /* the status message that says the wait: ended when it opens */
	char err[600];
	uint64_t search_timer;
	uint64_t load_started;
	/* history (upload-only dialects) */
	struct mt_history_rec *hist;
	size_t nhist;
	/* a look from another view (remote_visit.c) */
	struct {
		bool on;
		enum view_id back;       /* the view q goes back to from the place */
		bool all_folders;        /* the place: a type in every folder */
		char *folder;            /* or this folder */
	} visit;
};

extern const char *const remote_sorts[3];
extern const char *const remote_types[4];
/* Lists the folder shown again (and every folder, with folders_too). */
void remote_reload(struct app *a, bool folders_too);
/* "/" at the root. */
const char *remote_folder(const struct app *a);
/* Reloads the upload history (upload-only dialects). */
void remote_history_reload(struct app *a);

/* ---- remote_visit.c: a look from another view, q goes back to it ---- */
/* UI_EV_SHOW_FOLDER or _TYPE: remembers the place when ev->visit. */
void remote_visit_start(struct remote *r, const struct ui_event *ev);
void remote_visit_forget(struct remote *r);
/* True (and *back the view) while the pane stands at the visit's place. */
bool remote_visit_here(const struct remote *r, const char *folder, enum view_id *back);

/* ---- remote_rows.c: what each row is ---- */
enum remote_row { REMOTE_ROW_UP, REMOTE_ROW_FOLDER, REMOTE_ROW_ITEM, REMOTE_ROW_NONE };
bool remote_has_up_row(const struct remote *r);
size_t remote_nrows(const struct remote *r);
/* What row i is, with the folder or item index in *idx. */
enum remote_row remote_row_at(const struct remote *r, size_t i, size_t *idx);
/* The item under the cursor, or NULL. */
struct mt_media *remote_current_item(struct app *a);

/* ---- names for people (remote.c): a journal state, a sort, a type ---- */
const char *remote_state_name(const char *state);
const char *remote_sort_name(int i);
const char *remote_type_name(int i);

/* ---- remote_change.c: one item's row changed or gone ---- */
/* The item's row takes its new fields, or goes when it moved out of the
 * folder shown. */
void remote_row_update(struct remote *r, const struct mt_media *m);
/* The item's row goes; the cursor keeps its item, or the next one takes
 * the place of the one gone (the new last after the last). */
void remote_row_remove(struct remote *r, const char *id);

/* ---- remote_step.c: n/N in the details opened from the pane ---- */
/* Opens an item in the detail view; n/N step through this listing. */
void remote_open_item(struct app *a, const struct mt_media *m);
/* A page came: n pressed on the last item read, or while the listing is
 * read again, goes on to the next (N to the one before). */
void remote_step_page_came(struct app *a);
/* n waits for no page any more (a failed page). */
void remote_step_forget(struct remote *r);
/* The listing starts again while n waits: the same place (same_place: a
 * refresh, an upload ended, a move, a new sort) carries the wait over, to
 * go on from the item shown once it is read again; another place, or
 * details left, end it, said. */
void remote_step_relist(struct app *a, bool same_place);
/* Reads the next page when the cursor nears the end of what was read. */
void remote_fetch_more(struct app *a);
/* Asks for the next page of the listing now. */
void remote_fetch_page(struct app *a);
/* Rows of the pane's list on the screen. */
int remote_visible_rows(const struct app *a);

/* ---- remote_keep.c: the cursor and marks across a new listing ---- */
/* Remembers the cursor's item and the marks before the listing is cleared. */
void remote_keep_save(struct remote *r);
/* Items [from, nitems) arrived: marks and the cursor come back to them. */
void remote_keep_apply(struct remote *r, size_t from, bool last_page);
/* Whether pages must still be read to reach what the old listing showed. */
bool remote_keep_wants_more(const struct remote *r);
/* The editor moved: the cursor is theirs again. */
void remote_keep_cursor_moved(struct remote *r);
/* Nothing is restored (a new place, or the marks were used). */
void remote_keep_forget(struct remote *r);

/* ---- remote_folders.c: the folder tree ---- */
/* The direct children of the folder shown (none during a search). */
void remote_compute_subs(struct remote *r);
/* Replaces every folder the server knows with a copy of v (sorted). */
void remote_set_folders(struct app *a, char *const *v, size_t n);
/* At start: the folder the last session showed (place.c), checked against
 * the folder list when it comes. */
void remote_place_restore(struct app *a);
/* The folder shown is saved for the next start; a failure is said once. */
void remote_place_remember(struct app *a);

/* ---- remote_actions.c: a selection to delete or move, folders ---- */
/* Asks, then deletes the marked items (or the one under the cursor). */
void remote_delete_selection(struct app *a);
/* Asks for a folder, then moves the marked items (or the current one). */
void remote_move_selection(struct app *a);
/* : — every folder in a list (/ narrows it); Enter shows the one chosen. */
void remote_goto_folder(struct app *a);
/* P: the preview of the item under the cursor. */
void remote_preview_current(struct app *a);
/* Says why a key for items (P, e, m, Space) did nothing on this row. */
void remote_not_an_item(struct app *a, char key);
/* Asks for a name and creates the folder. */
void remote_folder_create_prompt(struct app *a);
/* Asks, then deletes the folder at path. */
void remote_folder_delete_confirm(struct app *a, const char *path);

/* ---- remote_ahead.c: keys typed while a listing is on its way ---- */
/* Whether the listing shown has not given its first page yet. */
bool remote_ahead_waiting(const struct remote *r);
/* Keeps the first key for the rows (movement, Enter, the way up, marks,
 * d, m, /, :) typed while the listing is on its way: true when kept, not
 * to act on. The keys after it wait through remote_ahead_hold. */
bool remote_ahead_take(struct app *a, int is_key, wint_t key);
/* The listing failed: the keys kept are dropped, and how many is said. */
void remote_ahead_drop(struct app *a);

#endif
