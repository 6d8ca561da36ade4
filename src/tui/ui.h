/* ui.h — what the views of the full-screen interface share.
 *
 * One loop (tui.c) owns the terminal. Views are modules with draw and key
 * functions; key functions return UI_* flags instead of drawing. Every
 * string from outside (server, file names) is drawn through ui_put_text,
 * which sanitises it and cuts it by display width. */
#ifndef MT_TUI_UI_H
#define MT_TUI_UI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "audit.h"
#include "cmdline.h"
#include "conf.h"
#include "history.h"
#include "localdir.h"
#include "loop.h"
#include "media.h"
#include "pager.h"
#include "site.h"
#include "textwidth.h"
#include "upload.h"
#include "usage.h"
#include "cells.h"
#include "crop.h"
#include "pixels.h"
#include "pixels_worker.h"
#include "preview.h"

/* ---- what a key handler did; the dispatcher (tui.c) acts on it ---- */
enum ui_key {
	UI_UNHANDLED = 0,   /* not a key of this view */
	UI_HANDLED,         /* done; the screen is drawn again */
	UI_CLOSE,           /* leave this view for the one it was opened from */
	UI_QUIT,            /* quit (asks first while uploads run) */
};

/* ---- colour roles (draw.c) ---- */
enum ui_role {
	R_NORMAL,
	R_HEADER,        /* top line */
	R_STATUS,        /* bottom line */
	R_TITLE,         /* pane title, focused */
	R_TITLE_OFF,     /* pane title, unfocused */
	R_COLHEAD,       /* column headings */
	R_CURSOR,        /* selected row in the focused pane */
	R_CURSOR_OFF,    /* selected row elsewhere */
	R_DIR,
	R_MARK,
	R_WARN,
	R_ERROR,
	R_GOOD,
	R_DIM,
	R_BAR,           /* filled part of a bar */
	R_BAR_HIGH,      /* a bar near its limit */
	R_BAR_EMPTY,
	R_KEY,           /* key names in hints and help */
	R_DIALOG,
	R_FOCAL,         /* the crosshair */
	R_COUNT
};

void ui_colors_init(bool want_color);
attr_t ui_attr(enum ui_role r);
void ui_set(WINDOW *w, enum ui_role r);

/* ---- glyphs: UTF-8 when the locale can show them, ASCII otherwise ---- */
struct ui_glyphs {
	const char *bar_full, *bar_empty, *mark, *warn, *up, *dir_suffix, *vline, *cross, *dot;
};
extern struct ui_glyphs G;
void ui_glyphs_init(bool utf8);

/* ---- drawing helpers (draw.c) ---- */
/* Draws outside text at (y,x), sanitised, cut to `width` cells and, with
 * pad, filled with spaces. Returns the cells used. */
int ui_put_text(WINDOW *w, int y, int x, const char *s, int width, bool pad);
/* The same over at most `rows` rows, broken at spaces (the last row cut
 * with an ellipsis). Returns the rows used. */
int ui_put_wrapped(WINDOW *w, int y, int x, const char *s, int width, int rows);
/* Same as ui_put_text, right-aligned in `width` cells. */
int ui_put_right(WINDOW *w, int y, int x, const char *s, int width);
/* Adds "  text" to the header or title in buf (len bytes) when there is text. */
void ui_add_part(char *buf, size_t len, const char *text);
/* A line of parts that gives way on a narrow screen (core's mt_fit_parts):
 * each part's text and shorter form kept here. */
#define UI_PARTS_MAX 10
struct ui_parts {
	int n;
	struct mt_fit_part p[UI_PARTS_MAX];
	char text[UI_PARTS_MAX][2][320];
};
/* The header's order of giving way, the least important first: the
 * program's name goes, "? help" becomes "?", the labels ("sort: ", "type: ",
 * "search: ") go, the profile's API goes, "loading…" becomes "…", the
 * profile goes; the folder, the search, the type filter and the sort stay. */
enum {
	UI_GIVE_NAME = 1,
	UI_GIVE_HELP,
	UI_GIVE_LABELS,
	UI_GIVE_API,
	UI_GIVE_LOADING,
	UI_GIVE_PROFILE
};
/* Adds a part (copied; sanitised by the caller): `shorter` may be NULL. */
void ui_parts_add(struct ui_parts *ps, const char *text, const char *shorter, int shorten_step,
                  int drop_step);
/* Parts [from, to) as chosen, joined by two spaces, into buf. */
void ui_parts_join(const struct ui_parts *ps, int from, int to, char *buf, size_t len);
/* As ui_put_text, for a file name: a long one is cut in its middle, its
 * extension and the cells before it kept ("holiday-…final-2.png"). */
int ui_put_name(WINDOW *w, int y, int x, const char *s, int width, bool pad);
/* Fills width cells with spaces. */
void ui_fill(WINDOW *w, int y, int x, int width);
/* A bar of `width` cells showing frac (0..1). */
void ui_bar(WINDOW *w, int y, int x, int width, double frac);
/* "3m12s", "45s", "2h05m", "--" */
void ui_format_eta(double seconds, char *out, size_t outlen);
/* Sanitised copy cut to width cells (the caller frees). */
char *ui_fit(const char *s, int width, bool pad);

#include "dialog.h"

/* ---- requests in flight (app.c): an answer for a view that moved on is
 * dropped here, in one place ---- */
struct ui_req {
	struct app *app;
	const uint64_t *genp;  /* the view's generation counter (NULL: none) */
	uint64_t gen;          /* its value when the request was made */
	int kind;
	char *s;               /* e.g. the id or folder concerned */
	void *p;
	struct ui_req *next, *prev;
};
/* A request made while *gen (gen may be NULL) holds its present value. */
struct ui_req *ui_req_new(struct app *a, const uint64_t *gen, int kind, const char *s);
/* Unlinks and frees; returns false when the answer is to be dropped: the
 * app is closing, or the view's generation moved on since the request. */
bool ui_req_done(struct ui_req *r);

/* ---- events: a change others may care about, posted once, taken by every
 * view through its own handler (events.c lists them), so that views never
 * call each other by name ---- */
enum ui_event_kind {
	UI_EV_ITEM_EDITED,    /* .item: the item as the server now has it (also a move) */
	UI_EV_ITEM_DELETED,   /* .id */
	UI_EV_ITEM_ADDED,     /* .item: an upload finished */
	UI_EV_SCAN_DONE,      /* a full scan finished; usage and audit are new */
	UI_EV_USAGE_CHANGED,  /* usage and audit changed after an edit, delete or upload */
	UI_EV_SHOW_FOLDER,    /* .id: show this folder in the remote pane */
	UI_EV_SHOW_TYPE,      /* .id: show this type family ("image") of every folder in
	                       * the remote pane (going back returns to its folder) */
	UI_EV_UPLOAD,         /* .upload: files to send (the upload panel takes them) */
	UI_EV_UPLOADS_DONE,   /* the upload queue ran out: listings may have grown */
	UI_EV_UPLOAD_DECLINED,/* .upload: files not sent after all (the question before
	                       * sending declined): the local pane marks them again */
	UI_EV_FOLDERS_CHANGED,/* .id: a folder deleted (the views drop it at once) */
	UI_EV_BATCH_DONE,     /* a delete or move of a selection ended; .id "ok" when nothing failed */
	UI_EV_LIBRARY_LISTED, /* the first page of the library came: it can be read */
	UI_EV_CONTENT_CHECK_STARTED, /* the content check's question was answered y and it
	                       * runs: the audit turns to its page (n leaves it as it was) */
};
/* Files to upload: paths[i] with the type already detected in known[i]
 * (known or known[i] NULL: not yet), into folder (NULL: the profile's). */
struct ui_upload_request {
	char **paths;
	const char *const *known;
	size_t n;
	const char *folder;
};
struct ui_event {
	enum ui_event_kind kind;
	const struct mt_media *item;
	const char *id;
	const struct ui_upload_request *upload;
	bool move;            /* UI_EV_BATCH_DONE: it was a move */
	bool visit;           /* UI_EV_SHOW_FOLDER, _TYPE: a look from view .back
	                         (an enum view_id), which q at that place goes back to */
	int back;
};
/* Tells every view (table order) and asks for a frame. */
void ui_post(struct app *a, const struct ui_event *ev);
/* Posts UI_EV_ITEM_ADDED for a finished upload (a no-op for other states). */
void ui_post_upload_done(struct app *a, const struct mt_upload_job *job);

/* ---- the panes and views ---- */
enum pane { PANE_REMOTE, PANE_LOCAL, PANE_UPLOADS };

/* how far the picture wanted is (preview.c) */
enum pv_state { PV_NONE, PV_LOADING, PV_READY, PV_FAILED };

/* The views, by number. The scan has no screen of its own; it stands in the
 * table for its event handler (it takes events first: usage and audit
 * draw from it). */
enum view_id { VIEW_SCAN, VIEW_MAIN, VIEW_DETAIL, VIEW_USAGE, VIEW_AUDIT, VIEW_HELP,
               VIEW_PREVIEW, VIEW_MESSAGES, VIEW_COUNT };

/* One view: what the loop and the other views may ask of it. Every member
 * may be NULL. Views reach each other only through this table (by number,
 * ui_view_open) and events (ui_post), never by name. */
struct ui_view {
	const char *name;
	void (*init)(struct app *a);                     /* at start */
	void (*open)(struct app *a, const void *arg);    /* shown; arg as the opener gives it */
	void (*draw)(struct app *a);                     /* the screen below the header */
	enum ui_key (*key)(struct app *a, int is_key, wint_t ch);
	void (*event)(struct app *a, const struct ui_event *ev);
	void (*close)(struct app *a);                    /* at the end: frees its state */
	/* the heading of the key list (help.c) for where the user is in it */
	const char *(*help)(struct app *a);
	/* what the user typed that is not on the server yet, as one line for
	 * the question before quitting (allocated), or NULL when nothing is */
	char *(*unsaved)(struct app *a);
	/* keys typed ahead: keeps a key typed behind one that waits (true),
	 * before the loop acts on it in any way (?, M and Esc too) */
	bool (*hold_key)(struct app *a, int is_key, wint_t ch);
	/* the next key kept, once it can be played: the loop acts on it as if
	 * it were typed now */
	bool (*next_key)(struct app *a, int *is_key, wint_t *ch);
};
/* Each view's entry, for views.c alone. */
extern const struct ui_view scan_view, main_view, detail_view, usage_view, audit_view,
	help_view, preview_view, msglog_view;
/* The table (views.c), indexed by enum view_id. */
extern const struct ui_view *const ui_view_table[VIEW_COUNT];

/* What an opener hands to VIEW_DETAIL: the item (copied), and how n/N reach
 * the next/previous item of the opener's list (dir +1/-1; false at its end;
 * NULL: no list). */
struct ui_open_item {
	const struct mt_media *item;
	/* just_look: only says whether there is a neighbour */
	bool (*step)(struct app *a, int dir, bool just_look);
	/* the item's drafts file entry comes back as pending edits (opened
	 * from the question at start; elsewhere a draft of this session is the
	 * opener's own, as the audit's alt text is) */
	bool with_draft;
};
/* What an opener hands to VIEW_PREVIEW (the picture is wanted already):
 * the focal point its crops use. */
struct ui_open_preview {
	double fx, fy;
	bool crops;         /* the crops first */
};
/* What an opener may hand to VIEW_AUDIT: the folder to limit it to (NULL:
 * the whole library). A NULL arg keeps the limit it had. VIEW_HELP takes
 * nothing: it starts at the keys of the view below it. */
struct ui_open_audit {
	const char *folder;
};

enum { UI_VIEW_DEPTH = 8 };

struct dialog;
struct remote;
struct localpane;
struct uploads;
struct detail;
struct ui_preview;
struct scan;

struct app {
	const struct mt_cmdline *cl;
	struct mt_config config;
	const struct mt_profile *profile;
	struct mt_loop *loop;
	struct mt_site site;
	bool site_open;
	bool can_browse;            /* the dialect lists media */

	/* terminal */
	SCREEN *screen;
	bool utf8, color, curses_on;
	int rows, cols;
	int status_rows;            /* rows the status line takes this frame: 1, or 2 for a long message */
	bool dirty;                 /* something to draw */
	bool urgent;                /* draw now (input), not at the next tick */
	uint64_t last_draw;
	uint64_t frames;
	bool quit;
	bool hangup;
	int tty_empty;             /* turns in a row the terminal was readable and gave nothing */
	int exit_status;

	/* views */
	const struct ui_view *const *views;
	enum view_id view;          /* the one shown */
	enum view_id below[UI_VIEW_DEPTH];   /* where q goes back to, the last on top */
	int depth;
	enum pane focus;
	struct remote *remote;      /* each view's own state: only its files see inside */
	struct localpane *local;
	struct uploads *up;
	struct scan *scan;
	struct detail *detail;
	struct ui_preview *pv;
	struct dialog *dialog;
	struct batch *batch;        /* the delete or move running (batchrun.c) */

	/* the message in the status line */
	char msg[600];
	enum ui_role msg_role;
	uint64_t msg_until;
	uint64_t msg_seq;           /* counts the messages said: which one is shown */
	bool msg_held;              /* stays past msg_until, until replaced or ended */
	char msg_standing[600];     /* shown while no message is: ui_message_standing */

	/* requests in flight */
	struct ui_req *reqs;
	bool closing;
	bool give_up;               /* a signal while closing: stop waiting for a batch */

	/* timing (for the report and tests): MEDIATUI_TRACE=file */
	uint64_t start_ms, first_page_ms;
	FILE *trace;
};

/* ---- msglog.c: the status message, the last hundred kept whole (M) ---- */
void ui_message(struct app *a, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Routine good news ("alt text saved"): in the log (M), and on the status
 * line unless a warning is showing there (it would hide why something was
 * not done); an error gives way, as the news may be that it passed. */
void ui_message_routine(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Progress that the next report replaces (a retry: mt_op_retry_text):
 * on the status line as ui_message, not kept in the log (M), where the
 * outcome it leads to goes. */
void ui_message_passing(struct app *a, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Progress of something that waits (a save's retry, held at the server):
 * as ui_message_passing, but it stays past the status line's time until
 * another message replaces it or ui_message_end ends it, so that it does
 * not vanish while the wait goes on. The one who says it must replace or
 * end it once the wait is over. */
void ui_message_waiting(struct app *a, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Puts the message the status line shows in the log (M) too, as ui_message
 * does: for a ui_message_waiting whose words are worth finding there after
 * (what n in the details waits for). */
void ui_message_log_shown(struct app *a);
/* Which message the status line shows now (0: none said yet); the message
 * said just before is the one ui_message_end may end. */
uint64_t ui_message_shown(const struct app *a);
/* Takes message `seq` off the status line if it is still the one shown
 * (another said since stays); the message log keeps what it had. */
void ui_message_end(struct app *a, uint64_t seq);
/* A line that stands on the status line whenever no message is shown
 * (none said, or its time over): something still waited for whose last
 * word another message replaced (an alt-text save's retry, another save's
 * outcome said over it). Not in the log. NULL takes it away; one at a
 * time, set and taken away by its owner. */
void ui_message_standing(struct app *a, const char *text);
/* Into the message log (M) alone, the status line unchanged: the details
 * of an outcome said there in short ("2 failed: a.jpg: …, and 1 more"). */
void ui_message_log(struct app *a, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ui_error(struct app *a, const char *what, const struct mt_error *err);
void ui_messages_free(void);
void msglog_view_draw(struct app *a);
enum ui_key msglog_view_key(struct app *a, int is_key, wint_t ch);

/* ---- status.c: the header (state set by the person) and the status line ---- */
void ui_draw_header(struct app *a);
void ui_draw_status(struct app *a);
/* The rows the status line takes: 1, or 2 for a message longer than the
 * width. Set in a->status_rows before each frame, so that a view's last row
 * and a box at the bottom stand above both. */
int ui_status_rows(const struct app *a);

/* ---- app.c: what every view leans on ---- */
void ui_dirty(struct app *a);
void ui_dirty_now(struct app *a);
void ui_trace(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* At start: the table of views; the main view is shown. */
void ui_views_use(struct app *a, const struct ui_view *const *table);
/* Shows view v above the one shown (arg: what that view's open takes).
 * The main view clears the way back; a view already open below is
 * returned to. */
void ui_view_open(struct app *a, enum view_id v, const void *arg);
/* Back to the view below the one shown (the main view at the bottom). */
void ui_view_close(struct app *a);
/* Where a picture stands beside text (an item's details, the alt-text
 * prompt): the columns left of it. Half the screen from 96 columns; below
 * that the picture keeps 32 columns on the right, down to 64. */
int ui_beside_cols(const struct app *a);
/* The view q would go back to. */
enum view_id ui_view_below(const struct app *a);
/* Frees requests still listed (at the end, once no answer can come). */
void ui_reqs_free(struct app *a);

/* ---- remote.c: the remote pane (its state: remote_pane.h) ---- */
void remote_init(struct app *a);
void remote_free(struct app *a);
void remote_draw(struct app *a, int y, int x, int h, int w, bool focused);
/* Takes the events the remote pane cares about (from the main view). */
void remote_on_event(struct app *a, const struct ui_event *ev);
enum ui_key remote_key(struct app *a, int is_key, wint_t ch);
/* Any key typed while keys typed ahead wait for the pane's listing: kept
 * behind them (true), before anything acts on it. */
bool remote_ahead_hold(struct app *a, int is_key, wint_t key);
/* The next key kept, in the order typed, once the listing has arrived
 * (none while the one a key opened is on its way): the loop acts on it as
 * if typed now. A question a key opened, or another view, drops the rest,
 * saying so. */
bool remote_ahead_next(struct app *a, int *is_key, wint_t *ch);
/* q and Esc: leaves a search, else a type listed in every folder, else
 * goes up a folder; false at the top. */
bool remote_go_back(struct app *a);
/* The folder shown, where uploads go; NULL while the pane shows the upload
 * history (upload-only dialects). */
const char *remote_upload_folder(const struct app *a);
/* Every folder the server knows, sorted, for pickers and the audit
 * (borrowed); _reload reads them again (an open folder pick list too). */
char *const *remote_folder_list(struct app *a, size_t *n);
void remote_folders_reload(struct app *a);
/* What the header says of the pane (remote_draw.c), added to ps: folder
 * (or all folders), search, type, sort, loading, each with its shorter
 * form and its step (UI_GIVE_*). */
void remote_header(const struct app *a, struct ui_parts *ps);
/* Upload-only dialects: the bytes this profile uploaded, from the journal
 * the pane shows; -1 when not known (or the library is listed). */
int64_t remote_uploaded_bytes(const struct app *a);

/* ---- batchrun.c: delete or move a selection (any view) ---- */
/* Asks (y; b: back the originals up first, when backup_offer and the
 * dialect can download, else the question says they are not; n), then
 * deletes ids (names: what the question lists, as many as the screen
 * holds). Takes the vectors. Posts UI_EV_ITEM_DELETED per item and
 * UI_EV_BATCH_DONE at the end. */
void ui_batch_delete(struct app *a, char **ids, char **names, size_t n, int64_t bytes,
                     bool backup_offer);
/* How a delete question names an item: "name  /folder  date". Copies of one
 * file are told apart by their folder and date, wherever the list came from
 * (a search across folders, an audit group). id stands in for a missing name. */
char *ui_delete_label(const char *filename, const char *id, const char *folder,
                      const char *created_at);
/* The same for every item of `folder`, backup offered: the question names
 * the folder, the count and the bytes they hold. */
void ui_batch_delete_folder(struct app *a, char **ids, char **names, size_t n, const char *folder,
                            int64_t bytes);
/* Asks (y, n) and deletes the folder through core (the server refuses
 * one that is not empty); posts UI_EV_FOLDERS_CHANGED (.id the folder)
 * once it is gone. Says so when the profile cannot manage folders. */
void ui_folder_delete(struct app *a, const char *path);
/* Moves ids into folder at once (the caller asked). Takes the vectors.
 * Posts UI_EV_ITEM_EDITED per item and UI_EV_BATCH_DONE (.move) at the end. */
void ui_batch_move(struct app *a, char **ids, char **names, size_t n, const char *folder);
/* Esc (or a free x) while a batch runs: asks whether to stop it after the
 * item under way, saying how far it is. False: no batch runs. */
bool ui_batch_stop_ask(struct app *a);
/* The line the quit question gives a running batch (allocated), or NULL. */
char *ui_batch_quit_line(const struct app *a);
/* Stops the running batch after the item under way, without asking (quit,
 * hang-up); a no-op when none runs. */
void ui_batch_stop(struct app *a);
/* What the running batch does now ("deleting 2 of 14…"), for the status
 * line once its message has gone; NULL when none runs. */
const char *ui_batch_line(const struct app *a);
/* A batch has not had its last result yet. */
bool ui_batch_busy(const struct app *a);
/* At the end, the terminal given back: a batch that ran at quit says on
 * stderr what it did (and what had no answer in time); it is then freed. */
void ui_batch_report(struct app *a);

/* ---- localpane.c ---- */
void local_init(struct app *a);
void local_free(struct app *a);
void local_on_event(struct app *a, const struct ui_event *ev);
void local_draw(struct app *a, int y, int x, int h, int w, bool focused);
enum ui_key local_key(struct app *a, int is_key, wint_t ch);

/* ---- uploads.c ---- */
void uploads_init(struct app *a);
void uploads_free(struct app *a);
/* Uploads these local paths into folder (NULL: the profile's default); asks
 * first when some hold another type than their extension says (typefix.c).
 * known[i] (known or known[i] NULL) is a type already detected for paths[i],
 * so that libmagic does not read the file again on the loop. */
void uploads_add(struct app *a, char **paths, const char *const *known, size_t n,
                 const char *folder);
/* The same without asking about types; names[i] (names or names[i] NULL:
 * the file's own name) is the name sent to the server. */
void uploads_add_as(struct app *a, char **paths, const char *const *names, size_t n,
                    const char *folder);
/* typefix.c: when some of paths hold another type than their extension says,
 * asks once whether to send them under the right extension, then adds the
 * batch itself and returns true; false when every name agrees. */
typedef void (*ui_upload_fn)(struct app *a, char **paths, const char *const *names, size_t n,
                             const char *folder);
bool typefix_offer(struct app *a, char **paths, const char *const *known, size_t n,
                   const char *folder, ui_upload_fn add);
/* The panel is shown (and has a queue); U shows or hides it (returns shown). */
bool uploads_shown(const struct app *a);
bool uploads_toggle(struct app *a);
/* Whether the session has any upload, finished or not. */
bool uploads_exist(const struct app *a);
/* p: pauses or resumes the queue, saying which; false when there is none. */
bool uploads_pause_toggle(struct app *a);
/* Takes UI_EV_UPLOAD. */
void uploads_on_event(struct app *a, const struct ui_event *ev);
void uploads_draw(struct app *a, int y, int x, int h, int w, bool focused);
enum ui_key uploads_key(struct app *a, int is_key, wint_t ch);
int uploads_height(const struct app *a, int avail);
bool uploads_running(const struct app *a);
/* Unfinished uploads held by a pause. */
bool uploads_paused(const struct app *a);
/* Asks whether to resume the uploads an earlier session left unfinished
 * (the journal has them; resume.c): at start, and on U while nothing is
 * queued, for an editor who said "not now". False: none to offer. */
bool uploads_offer_resume(struct app *a, bool at_start);
/* drafts_back.c: the question at start about what an earlier session typed
 * and did not save (after the resume question, when there is one). */
void drafts_offer(struct app *a);
void drafts_free(void);
/* The audit's alt text for item id kept as a draft (text NULL: cleared),
 * and the draft's alt text back (free it), or NULL. */
void ui_draft_alt(struct app *a, const char *id, const char *name, const char *text);
char *ui_draft_alt_text(struct app *a, const char *id);
/* ui_draft_alt at each key of a prompt (not synced: see mt_draft_typed). */
void ui_draft_alt_typed(struct app *a, const char *id, const char *name, const char *text);
/* Queues the journal's records again (their path, name and folder), as one
 * batch, and starts them, saying so first ("resuming 2 uploads"): a file
 * refused as they start is said after it. Returns how many. */
struct mt_history_rec;
int uploads_resume(struct app *a, const struct mt_history_rec *v, size_t n);
/* Marks the journal's records of keys cancelled, so that they are not
 * offered again (see mt_upload_queue_forget). Returns how many, or -1. */
int uploads_forget(struct app *a, char *const *keys, size_t n, struct mt_error *err);
/* A short summary for the header ("↑ 10/14 up 71%, 3 already there": the
 * files the server had counted apart, as core tallies them), or "". */
void uploads_summary(const struct app *a, char *out, size_t outlen);
/* uploads_story.c: an upload's state word, its reason without the path its
 * row names, and its whole story in a box. */
const char *uploads_state_word(const struct app *a, const struct mt_upload_job *job);
const char *uploads_reason_of(const struct mt_upload_job *job, const char *msg);
/* What a cancelled row says in place of a reason (the state word says
 * "cancelled"): none of the file is on the server. NULL for any other row. */
const char *uploads_cancel_note(const struct mt_upload_job *job);
/* What a row waiting to try again says ("retry 2 of 6 in 3s: the connection
 * dropped"), in core's words (mt_upload_wait_text); false (buf "") for a row
 * that does not wait. */
bool uploads_retry_note(const struct mt_upload_job *job, char *buf, size_t len);
void uploads_show_story(struct app *a, struct mt_upload_job *job);
/* uploads_say.c: x and X of the panel, saying what core did (a file already
 * sent is not cancelled: where it is), and the message at a batch's end,
 * its failures worded by what can be done. */
void uploads_say_cancel(struct app *a, struct mt_upload_job *job);
/* X: asks first when more than one upload would be cancelled. */
void uploads_say_cancel_all(struct app *a, struct mt_upload_queue *q);
/* R: retries what may pass; asks first whether to send the cancelled rows
 * again too. *follow (the panel's) is set when rows run again. */
void uploads_say_retry(struct app *a, struct mt_upload_queue *q, bool *follow);
/* The message at the end of a batch (core's run), or later: see hold. */
void uploads_say_finished(struct app *a, struct mt_upload_queue *q);
/* While held (on true, off false, nested), a batch's end waits, and is said
 * when the last hold ends: after the words of what started or ended it. */
void uploads_say_hold(struct app *a, struct mt_upload_queue *q, bool on);

/* ---- detail.c ---- */
void detail_free(struct app *a);
/* The id of the item the details show (or last showed), NULL: none. */
const char *detail_item_id(const struct app *a);
/* n in the details, as if pressed (a page it waited for has come). */
void detail_next(struct app *a);
/* N the same way. */
void detail_prev(struct app *a);

/* view modules: draw the whole screen below the header, handle a key */
void detail_view_draw(struct app *a);
enum ui_key detail_view_key(struct app *a, int is_key, wint_t ch);
void usage_view_draw(struct app *a);
enum ui_key usage_view_key(struct app *a, int is_key, wint_t ch);
void audit_view_draw(struct app *a);
enum ui_key audit_view_key(struct app *a, int is_key, wint_t ch);
/* The audit shows the content check's groups, not the other findings. */
bool audit_content_shown(const struct app *a);
void help_view_draw(struct app *a);
enum ui_key help_view_key(struct app *a, int is_key, wint_t ch);

/* ---- preview.c ---- */
/* Before curses starts: pictures in pixels when the configuration allows
 * them and, with `auto`, the terminal announces a protocol. */
void preview_pixels_start(struct app *a);
void preview_init(struct app *a);
/* p in the details: pictures shown there or not. */
bool preview_enabled(const struct app *a);
void preview_enable(struct app *a, bool on);
/* The state of the picture wanted; *why (may be NULL) the reason it failed. */
enum pv_state preview_state(const struct app *a, const char **why);
/* The picture's size in pixels at its source; false until it is ready. */
bool preview_source_size(const struct app *a, int *w, int *h);
/* After the site is closed: downloads still running finish into it. */
void preview_free(struct app *a);
/* Asks for the picture of an item / a local file (no-op when already shown). */
void preview_want_item(struct app *a, const struct mt_media *m);
void preview_want_file(struct app *a, const char *path);
/* The picture of m comes once its address is known (the details read the
 * item first): the picture shown before goes at once, the box says one is
 * coming, and preview_want_item fetches it then. */
void preview_await_item(struct app *a, const struct mt_media *m);
/* The item awaited (id) could not be read: the box says `why` instead. */
void preview_give_up(struct app *a, const char *id, const char *why);
bool preview_can_item(const struct mt_media *m);
/* Draws the picture (or the part crop, NULL: all) centred in the box;
 * with focal, the crosshair at (fx, fy) percent. Stores the cells used in
 * *used (may be NULL) as x, y, w, h. */
void preview_draw(struct app *a, int y, int x, int h, int w, const struct mt_crop_rect *crop,
                  bool focal, double fx, double fy, struct mt_crop_rect *used);
/* The crops for each ratio around (fx, fy), side by side as space allows. */
void preview_draw_crops(struct app *a, int y, int x, int h, int w, double fx, double fy);
/* Pictures in pixels: draw_all calls begin before drawing and flush after
 * the screen is updated, which writes the pictures drawn this frame (only
 * when they changed). */
void preview_pixels_begin(struct app *a);
void preview_pixels_flush(struct app *a);
/* Takes the cell size in pixels again (start, resize); renderings made for
 * another size are dropped. */
void preview_pixels_measure(struct app *a);
/* Removes every picture in pixels: before the terminal is given back, and
 * when the screen is cleared under them (sixels go with it, kitty pictures
 * lie apart from the text and are deleted). */
void preview_pixels_clear(struct app *a);
void preview_view_draw(struct app *a);
enum ui_key preview_view_key(struct app *a, int is_key, wint_t ch);

/* ---- scan.c ---- */
void scan_start(struct app *a);
void scan_free(struct app *a);
/* A scan is reading the library now. */
bool scan_running(const struct app *a);
/* The audit's "oversized" above: the one set in the audit view this
 * session, else --large, else the profile's large =, else 5 MiB. */
int64_t scan_large_bytes(const struct app *a);
/* Sets it for the session (bytes > 0; a rescan uses it too); a finished
 * scan's audit finds its oversized files again at once, from what it holds.
 * Returns how many there are now (0 while the scan runs), -1 when bytes is
 * not above 0 (nothing changes). */
long scan_set_large(struct app *a, int64_t bytes);
/* Bytes the library uses, or -1 when not known yet. */
int64_t scan_used_bytes(const struct app *a);
/* The title line of the usage and audit views (progress, or when scanned);
 * returns the next free line. */
int scan_draw_header(struct app *a, int y, const char *title);


/* ---- audit_rows.c: the audit view's findings on the screen ---- */
/* Draws the shown findings from line y: a heading before each kind, the
 * cursor's finding in view (*heading_first: its kind's heading on top,
 * once). */
void audit_draw_findings(struct app *a, int y, bool *heading_first);

/* ---- audit_large.c: the audit's "oversized" threshold asked for ---- */

/* o: asks "Oversized above", the current threshold filled in; a size sets
 * it for the session and the findings follow at once, the cursor on its
 * finding; bad input is said and asked again with the text typed. */
void audit_large_ask(struct app *a);

/* ---- scan_content.c: the audit view's content check, driven through core
 * (fingerprints from the cache or downloaded, then content findings) ---- */
struct content_status {
	bool started, running, finished, cancelled;
	size_t done, total;          /* items */
	size_t fetched, cached, failed, skipped;
	int64_t bytes;               /* downloaded by this check */
	double rate;                 /* bytes per second */
	long eta_s;                  /* -1 unknown */
};
/* Asks first (how many items, about how many bytes, what the cache
 * knows), then starts the check and posts UI_EV_CONTENT_CHECK_STARTED;
 * declined, nothing changes. A no-op while one runs. */
void content_check_ask(struct app *a);
/* Stops a running check at once: no callback of it follows. */
void content_check_cancel(struct app *a);
bool content_check_running(const struct app *a);
/* The running or last check's figures; NULL before the first. */
const struct content_status *content_check_status(const struct app *a);
/* The content findings of the last finished check (groups ordered by
 * kind), NULL when there are none; they follow deletes and edits. */
const struct mt_audit *content_check_findings(const struct app *a);
/* The last check's copy of an item (with its url), or NULL. */
const struct mt_media *content_check_item(const struct app *a, const char *id);
void content_check_on_event(struct app *a, const struct ui_event *ev);
void content_check_free(struct app *a);


/* ---- content_view.c: the content groups in the audit view ---- */
/* The groups with a member within `limit` (the audit's folder; NULL: the
 * whole library), the selected one's pictures side by side, from line y. */
void content_view_draw(struct app *a, int y, const char *limit);
/* The keys of those groups (n/N, j/k, d); the findings page's keys (Enter,
 * a, D, ], [, PgDn, PgUp) say they work there; UI_UNHANDLED for the rest. */
enum ui_key content_view_key(struct app *a, const char *limit, int is_key, wint_t ch);

/* ---- picstrip.c: pictures of a few items side by side, in cells ---- */
enum { PICSTRIP_MAX = 4 };
/* The items to show (copied by id, url and type); a no-op when the same. */
void picstrip_want(struct app *a, const struct mt_media *const *items, size_t n);
/* Draws them in the box with a caption line under each (captions[i],
 * may be NULL); a line saying why where pictures cannot be shown. */
void picstrip_draw(struct app *a, int y, int x, int h, int w, const char *const *captions,
                   const enum ui_role *roles);
void picstrip_free(struct app *a);
/* preview.c: paints cells rendered for the preview's colours at (y, x). */
void preview_paint_cells(struct app *a, const struct mt_cells *c, int y, int x);
/* The preview service and colour depth, for a view that asks for pictures
 * itself (preview_state.c). */
struct mt_preview *preview_service(struct app *a);
enum mt_cell_colors preview_colors(struct app *a);

#endif
