/* dialog.h — the line editor and the dialogs (dialog.c): one dialog at a
 * time, above every view. Included by ui.h. */
#ifndef MT_TUI_DIALOG_H
#define MT_TUI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* ---- the line editor (dialog.c) ---- */
struct ui_line {
	wchar_t buf[512];
	int len, pos;
	bool selected;              /* the prefilled text: typing replaces it */
};
/* Sets the text with the cursor at its end and the text selected, so that
 * typing replaces it while arrows, Home and End keep it for editing. */
void ui_line_set(struct ui_line *l, const char *utf8);
/* Returns UI_HANDLED when the key edited the line. */
int ui_line_key(struct ui_line *l, int is_key, wint_t ch);
/* The text as a fresh multibyte string (free it). */
char *ui_line_text(const struct ui_line *l);
/* Draws the line in width cells at (y,x) and places the cursor. */
void ui_line_draw(WINDOW *w, int y, int x, int width, const struct ui_line *l);

/* ---- dialogs: one at a time, above every view ---- */
struct app;
typedef void (*ui_confirm_fn)(struct app *a, int choice, void *arg);   /* choice: the key */
typedef void (*ui_text_fn)(struct app *a, const char *text, void *arg); /* NULL: cancelled */
/* index, text: the item chosen (text valid in the call); -1, NULL: cancelled */
typedef void (*ui_pick_fn)(struct app *a, int index, const char *text, void *arg);
/* The text completed (free it), or NULL to leave it as it is. */
typedef char *(*ui_complete_fn)(struct app *a, const char *text, void *arg);

/* Asks a question; `keys` are the accepted answers ("yn", "ybn"); Esc means 'n'. */
void ui_confirm(struct app *a, const char *title, const char *body, const char *keys,
                ui_confirm_fn fn, void *arg);
/* The same with a list between `head` and `tail` (either may be NULL): the
 * box grows with the screen, and its list shows every line when they fit,
 * else as many as leave room for "… and N more". Copies the lines. */
void ui_confirm_list(struct app *a, const char *title, const char *head, char *const *list,
                     size_t n, const char *tail, const char *keys, ui_confirm_fn fn, void *arg);
/* After ui_confirm or ui_confirm_list: the text says what every key does,
 * so the box draws no line of keys of its own ("[y] [n]"). */
void ui_confirm_keys_told(struct app *a);
/* Asks for a line of text; on_change (may be NULL) sees every edit. */
void ui_prompt(struct app *a, const char *title, const char *initial, ui_text_fn done,
               ui_text_fn on_change, void *arg);
/* Picks one of n strings (copied). */
void ui_pick(struct app *a, const char *title, char *const *items, size_t n, size_t initial,
             ui_pick_fn fn, void *arg);
/* After ui_pick: the lines are to be read, not chosen from (an upload's
 * story): none is marked, j/k scroll them, Enter closes as Esc does, and
 * the foot says so instead of "Enter: choose". */
void ui_pick_read_only(struct app *a);
/* After ui_pick of paths: typing from '/' narrows the list to the items
 * that hold the text (case folded); Backspace takes a character back, Esc
 * clears it, and the next Esc cancels. */
void ui_pick_filterable(struct app *a);
/* After ui_pick: the list's name (UI_PICK_FOLDERS: the server's folders).
 * ui_pick_refresh puts a list read again into the open pick list of that
 * name, if any, the cursor and the filter kept. */
void ui_pick_tag(struct app *a, const char *tag);
void ui_pick_refresh(struct app *a, const char *tag, char *const *items, size_t n);
#define UI_PICK_FOLDERS "folders"
/* After ui_prompt: the prompt stands in the left half of the screen, so a
 * picture on the right stays in sight. */
void ui_prompt_beside(struct app *a);
/* After ui_prompt: the line under the text says this instead of "Enter:
 * accept  Esc: cancel" (what the keys do here, and how much is left). */
void ui_prompt_hint(struct app *a, const char *hint);
/* True while a prompt opened with this arg is open. */
bool ui_prompt_open_with(const struct app *a, const void *arg);
/* After ui_prompt: when the program ends with the prompt open (a hang-up,
 * a kill), keep gets what was typed, with the arg done would have had, in
 * place of done. Nothing typed (the prefilled text untouched): not called. */
void ui_prompt_keep(struct app *a, ui_text_fn keep);
/* A prompt open with a keep function and typed text: the text goes to keep
 * and the prompt closes (Ctrl+C: what was typed becomes unsaved work the
 * quit question counts). True when it did. */
bool ui_prompt_keep_typed(struct app *a);
/* At the end of the program: the open dialog closed, a prompt's typed text
 * given to its keep function first. */
void ui_dialog_end(struct app *a);
/* After ui_prompt: the initial text is not selected; typing goes on after
 * it (a path to fix, not to replace). */
void ui_prompt_continue(struct app *a);
/* After ui_prompt: Tab asks fn to complete the text. */
void ui_prompt_complete(struct app *a, ui_complete_fn fn);
bool ui_dialog_active(const struct app *a);
/* Whether the dialog open is a question (y/n and the like), not a prompt
 * or a list to pick from: keys typed ahead never answer one. */
bool ui_dialog_asks(const struct app *a);
void ui_dialog_draw(struct app *a);
int ui_dialog_key(struct app *a, int is_key, wint_t ch);
void ui_dialog_close(struct app *a);

#endif
