/* dialog.c — the modal dialogs (confirm, prompt, pick) drawn above every
 * view; their line of text is lineedit.c's. Also the request contexts. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* ---- dialogs ---- */

enum dialog_kind { DLG_CONFIRM, DLG_PROMPT, DLG_PICK };

struct dialog {
	enum dialog_kind kind;
	char *title;
	char *body;
	char keys[16];
	ui_confirm_fn confirm_fn;
	ui_text_fn text_fn, change_fn;
	ui_text_fn keep_fn;         /* a prompt's text at the end of the program */
	ui_pick_fn pick_fn;
	void *arg;
	struct ui_line line;
	char **items;               /* a pick list's, or a confirmation's list */
	size_t nitems, cur, top;    /* a confirmation's list: top is its first item shown */
	size_t fit;                 /* a confirmation's list: how many items were shown */
	char *tail;                 /* a confirmation's text after its list */
	bool keys_told;             /* a confirmation's text names every key: no line of keys */
	bool beside;                /* the left half, beside a picture */
	char *hint;                 /* a prompt's own key line, or NULL */
	ui_complete_fn complete_fn; /* Tab in a prompt, or NULL */
	/* a pick list narrowed by typing: the items whose text holds the filter
	 * (case folded); cur and top count in `shown` */
	bool filterable;
	char filter[256];           /* "" when not filtering */
	size_t *shown, nshown;
	/* a pick list that is only read (ui_pick_read_only): no line is
	 * chosen, cur is the top line shown, Enter closes as Esc does */
	bool read_only;
	const char *tag;            /* ui_pick_tag's, or NULL */
};

static void
dialog_free(struct dialog *d)
{
	if (d == NULL)
		return;
	free(d->title);
	free(d->body);
	free(d->hint);
	free(d->tail);
	free(d->shown);
	mt_strv_free(d->items, d->nitems);
	free(d);
}

void
ui_dialog_close(struct app *a)
{
	dialog_free(a->dialog);
	a->dialog = NULL;
	ui_dirty_now(a);
}

bool
ui_dialog_active(const struct app *a)
{
	return a->dialog != NULL;
}

bool
ui_dialog_asks(const struct app *a)
{
	return a->dialog != NULL && a->dialog->kind == DLG_CONFIRM;
}

static struct dialog *
dialog_new(struct app *a, enum dialog_kind kind, const char *title)
{
	ui_dialog_close(a);
	struct dialog *d = xcalloc(1, sizeof *d);
	d->kind = kind;
	d->title = xstrdup(title ? title : "");
	a->dialog = d;
	ui_dirty_now(a);
	return d;
}

void
ui_confirm(struct app *a, const char *title, const char *body, const char *keys,
           ui_confirm_fn fn, void *arg)
{
	struct dialog *d = dialog_new(a, DLG_CONFIRM, title);
	d->body = xstrdup(body ? body : "");
	snprintf(d->keys, sizeof d->keys, "%s", keys ? keys : "yn");
	d->confirm_fn = fn;
	d->arg = arg;
}

void
ui_confirm_list(struct app *a, const char *title, const char *head, char *const *list,
                size_t n, const char *tail, const char *keys, ui_confirm_fn fn, void *arg)
{
	ui_confirm(a, title, head, keys, fn, arg);
	struct dialog *d = a->dialog;
	d->items = xcalloc(n ? n : 1, sizeof *d->items);
	for (size_t i = 0; i < n; i++)
		d->items[i] = xasprintf("  %s", list[i]);
	d->nitems = n;
	d->fit = n;   /* until drawn: no key scrolls */
	d->tail = tail ? xstrdup(tail) : NULL;
}

void
ui_confirm_keys_told(struct app *a)
{
	if (a->dialog && a->dialog->kind == DLG_CONFIRM)
		a->dialog->keys_told = true;
}

void
ui_prompt(struct app *a, const char *title, const char *initial, ui_text_fn done,
          ui_text_fn on_change, void *arg)
{
	struct dialog *d = dialog_new(a, DLG_PROMPT, title);
	ui_line_set(&d->line, initial);
	d->text_fn = done;
	d->change_fn = on_change;
	d->arg = arg;
}

void
ui_prompt_keep(struct app *a, ui_text_fn keep)
{
	if (a->dialog)
		a->dialog->keep_fn = keep;
}

bool
ui_prompt_keep_typed(struct app *a)
{
	struct dialog *d = a->dialog;
	/* the prefilled text still selected: nothing was typed */
	if (d == NULL || d->kind != DLG_PROMPT || d->keep_fn == NULL || d->line.selected)
		return false;
	char *text = ui_line_text(&d->line);
	a->dialog = NULL;   /* keep may open a dialog of its own */
	d->keep_fn(a, text, d->arg);
	free(text);
	dialog_free(d);
	ui_dirty_now(a);
	return true;
}

void
ui_dialog_end(struct app *a)
{
	ui_prompt_keep_typed(a);
	ui_dialog_close(a);
}

void
ui_prompt_continue(struct app *a)
{
	if (a->dialog)
		a->dialog->line.selected = false;
}

void
ui_prompt_beside(struct app *a)
{
	if (a->dialog)
		a->dialog->beside = true;
}

void
ui_prompt_complete(struct app *a, ui_complete_fn fn)
{
	if (a->dialog)
		a->dialog->complete_fn = fn;
}

bool
ui_prompt_open_with(const struct app *a, const void *arg)
{
	return a->dialog && a->dialog->kind == DLG_PROMPT && a->dialog->arg == arg;
}

void
ui_prompt_hint(struct app *a, const char *hint)
{
	if (a->dialog == NULL)
		return;
	free(a->dialog->hint);
	a->dialog->hint = xstrdup(hint);
}

void
ui_pick(struct app *a, const char *title, char *const *items, size_t n, size_t initial,
        ui_pick_fn fn, void *arg)
{
	struct dialog *d = dialog_new(a, DLG_PICK, title);
	d->items = xcalloc(n ? n : 1, sizeof *d->items);
	for (size_t i = 0; i < n; i++)
		d->items[i] = xstrdup(items[i]);
	d->nitems = n;
	d->shown = xcalloc(n ? n : 1, sizeof *d->shown);
	for (size_t i = 0; i < n; i++)
		d->shown[i] = i;
	d->nshown = n;
	d->cur = initial < n ? initial : 0;
	d->pick_fn = fn;
	d->arg = arg;
}

void
ui_pick_read_only(struct app *a)
{
	if (a->dialog && a->dialog->kind == DLG_PICK)
		a->dialog->read_only = true;
}

void
ui_pick_filterable(struct app *a)
{
	if (a->dialog && a->dialog->kind == DLG_PICK)
		a->dialog->filterable = true;
}

static wchar_t *
widen_folded(const char *s)
{
	size_t n = mbstowcs(NULL, s, 0);
	if (n == (size_t)-1)
		return NULL;
	wchar_t *w = xcalloc(n + 1, sizeof *w);
	mbstowcs(w, s, n + 1);
	for (size_t i = 0; i < n; i++)
		w[i] = (wchar_t)towlower((wint_t)w[i]);
	return w;
}

/* Whether an item holds the filter anywhere, case folded (É as é). The '/'
 * that starts the filter is the key that narrows, not part of what is
 * sought: "/shoot" finds "/2026-12-06 shoot", "/images/te" "/images/team". */
static bool
pick_holds(const char *item, const char *filter)
{
	if (filter[0] == '/')
		filter++;
	if (filter[0] == '\0')
		return true;
	wchar_t *wi = widen_folded(item), *wf = widen_folded(filter);
	bool holds = wi && wf ? wcsstr(wi, wf) != NULL : strcasestr(item, filter) != NULL;
	free(wi);
	free(wf);
	return holds;
}

/* The items that hold the filter, in their order; the cursor on the first. */
static void
pick_refilter(struct dialog *d)
{
	d->nshown = 0;
	for (size_t i = 0; i < d->nitems; i++)
		if (pick_holds(d->items[i], d->filter))
			d->shown[d->nshown++] = i;
	d->cur = 0;
	d->top = 0;
}

void
ui_pick_tag(struct app *a, const char *tag)
{
	if (a->dialog && a->dialog->kind == DLG_PICK)
		a->dialog->tag = tag;
}

void
ui_pick_refresh(struct app *a, const char *tag, char *const *items, size_t n)
{
	struct dialog *d = a->dialog;
	if (d == NULL || d->kind != DLG_PICK || d->tag == NULL || strcmp(d->tag, tag) != 0)
		return;
	char *at = d->nshown ? xstrdup(d->items[d->shown[d->cur]]) : NULL;
	size_t top = d->top, cur = d->cur;
	mt_strv_free(d->items, d->nitems);
	d->items = xcalloc(n ? n : 1, sizeof *d->items);
	for (size_t i = 0; i < n; i++)
		d->items[i] = xstrdup(items[i]);
	d->nitems = n;
	free(d->shown);
	d->shown = xcalloc(n ? n : 1, sizeof *d->shown);
	pick_refilter(d);
	/* the cursor on its item, wherever the new ones put it; the screen
	 * scrolls only as far as that needs */
	d->top = top;
	d->cur = cur < d->nshown ? cur : (d->nshown ? d->nshown - 1 : 0);
	for (size_t k = 0; at && k < d->nshown; k++)
		if (strcmp(d->items[d->shown[k]], at) == 0)
			d->cur = k;
	free(at);
	ui_dirty(a);
}

/* Typing in a filterable pick list: true when the key went to the filter. */
static bool
pick_filter_key(struct dialog *d, int is_key, wint_t ch)
{
	size_t len = strlen(d->filter);
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		if (len == 0)
			return false;
		/* one whole character off the end */
		while (len > 0 && ((unsigned char)d->filter[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		d->filter[len] = '\0';
		pick_refilter(d);
		return true;
	}
	if (is_key || ch < 32 || ch == 127)
		return false;
	/* the first character starts the filter only when it is '/' (every
	 * folder and directory begins with it), so j, k, g, G and q keep
	 * their meaning until then */
	bool slash = ch == '/';
	if (len == 0 && !slash)
		return false;
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	size_t n = wcrtomb(mb, (wchar_t)ch, &ps);
	if (n == (size_t)-1 || len + n + 1 > sizeof d->filter)
		return true;
	memcpy(d->filter + len, mb, n);
	d->filter[len + n] = '\0';
	pick_refilter(d);
	return true;
}

/* Lays the body out in `width` cells: each line wrapped at spaces, its
 * continuation indented like its start, so a reason at the end of a long
 * line is shown, not cut. Draws rows [y, y + maxlines) when w is not NULL;
 * returns the lines the whole body needs. */
static int
body_layout(WINDOW *w, int y, int x, int width, int maxlines, const char *body)
{
	int n = 0;
	const char *p = body;
	for (;;) {
		const char *nl = strchr(p, '\n');
		char *raw = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		char *line = mt_sanitize(raw);
		free(raw);
		int indent = (int)strspn(line, " ");
		if (indent > width / 2)
			indent = 0;
		const char *s = line;
		for (bool first = true; first || *s; first = false) {
			int lead = first ? 0 : indent;
			size_t take = mt_text_break(s, width - lead);
			if (w && n < maxlines) {
				char *piece = xstrndup(s, take);
				ui_put_text(w, y + n, x + lead, piece, width - lead, true);
				free(piece);
			}
			n++;
			s += take;
			while (*s == ' ')
				s++;
		}
		free(line);
		if (!nl)
			return n;
		p = nl + 1;
	}
}

/* The lines an item of a confirmation's list takes in `width` cells. */
static int
item_lines(const struct dialog *d, size_t i, int width)
{
	return body_layout(NULL, 0, 0, width, 0, d->items[i]);
}

/* A confirmation's whole text in `width` cells and at most `maxlines`
 * lines: the head, its list, the tail. A list that does not fit is shown
 * from d->top, as many items as leave a line for "… N above" (when
 * scrolled) and one for "… and N more": j/k scroll it, so every item can
 * be read before the answer. d->fit gets how many items are shown, and
 * d->top is kept where the last screenful ends. Free it. */
static char *
confirm_text(struct dialog *d, int width, int maxlines)
{
	d->fit = d->nitems;
	if (d->nitems == 0)
		return xstrdup(d->body);
	struct strbuf sb = { 0 };
	strbuf_puts(&sb, d->body);
	int room = maxlines - (d->body[0] ? body_layout(NULL, 0, 0, width, 0, d->body) : 0) -
	           (d->tail ? body_layout(NULL, 0, 0, width, 0, d->tail) : 0);
	int used = 0;
	size_t all = 0;
	while (all < d->nitems && used <= room)
		used += item_lines(d, all++, width);
	size_t first = 0, shown = d->nitems;
	if (used > room) {
		/* the last screenful: the items from the end that fit below "… N above" */
		size_t last_top = d->nitems;
		for (int left = room - 1; last_top > 0;) {
			left -= item_lines(d, last_top - 1, width);
			if (left < 0)
				break;
			last_top--;
		}
		if (d->top > last_top)
			d->top = last_top;
		first = d->top;
		int lines = (first > 0) + 1;   /* the counting lines above and below */
		shown = 0;
		while (first + shown < d->nitems) {
			int more = item_lines(d, first + shown, width);
			/* the last item needs no line below it */
			int below = first + shown + 1 == d->nitems ? -1 : 0;
			if (lines + more + below > room)
				break;
			lines += more;
			shown++;
		}
		if (shown == 0)
			shown = 1;   /* too small a screen: the item, cut */
		d->fit = shown;
	} else {
		d->top = 0;
	}
	if (first > 0) {
		if (sb.len)
			strbuf_putc(&sb, '\n');
		strbuf_puts(&sb, "  ");
		/* TRANSLATORS: a confirmation's list scrolled down: the items above */
		strbuf_printf(&sb, P_("\xe2\x80\xa6 %zu above (k scrolls up)",
		                      "\xe2\x80\xa6 %zu above (k scrolls up)", (unsigned long)first),
		              first);
	}
	for (size_t i = first; i < first + shown; i++) {
		if (sb.len)
			strbuf_putc(&sb, '\n');
		strbuf_puts(&sb, d->items[i]);
	}
	if (first + shown < d->nitems) {
		size_t rest = d->nitems - first - shown;
		if (sb.len)
			strbuf_putc(&sb, '\n');
		strbuf_puts(&sb, "  ");
		strbuf_printf(&sb, P_("\xe2\x80\xa6 and %zu more (j scrolls down)",
		                      "\xe2\x80\xa6 and %zu more (j scrolls down)", (unsigned long)rest),
		              rest);
	}
	if (d->tail) {
		strbuf_putc(&sb, '\n');
		strbuf_puts(&sb, d->tail);
	}
	return strbuf_detach(&sb);
}

/* j/k, the arrows, PgDn/PgUp, g/G in a confirmation whose list does not
 * fit: true when the key scrolled it (the draw keeps it in bounds). */
static bool
confirm_scroll_key(struct dialog *d, int is_key, wint_t ch)
{
	if (d->fit >= d->nitems)
		return false;
	size_t page = d->fit > 1 ? d->fit - 1 : 1;
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j'))
		d->top++;
	else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k'))
		d->top = d->top ? d->top - 1 : 0;
	else if (is_key && ch == KEY_NPAGE)
		d->top += page;
	else if (is_key && ch == KEY_PPAGE)
		d->top = d->top > page ? d->top - page : 0;
	else if ((is_key && ch == KEY_HOME) || (!is_key && ch == 'g'))
		d->top = 0;
	else if ((is_key && ch == KEY_END) || (!is_key && ch == 'G'))
		d->top = d->nitems;
	else
		return false;
	return true;
}

void
ui_dialog_draw(struct app *a)
{
	struct dialog *d = a->dialog;
	if (d == NULL)
		return;
	int width = a->cols - 4 < 70 ? a->cols - 4 : 70;
	bool beside = d->beside && ui_beside_cols(a) < a->cols;
	if (beside)
		width = ui_beside_cols(a) - 2;
	if (d->kind == DLG_CONFIRM && d->nitems)
		width = a->cols - 4 < 100 ? a->cols - 4 : 100;   /* a list: a line each where it can */
	if (width < 20)
		width = a->cols;
	int inner = width - 4;
	int body_lines = 0;
	/* the box is at most the screen but two rows high: frame, text, a
	 * blank line and the keys (none when the text names them) */
	int keys_lines = d->kind == DLG_CONFIRM && !d->keys_told ? 2 : 0;
	char *text = d->kind == DLG_CONFIRM ? confirm_text(d, inner, a->rows - 4 - keys_lines) : NULL;
	if (d->kind == DLG_CONFIRM)
		body_lines = body_layout(NULL, 0, 0, inner, 0, text) + keys_lines;
	else if (d->kind == DLG_PROMPT)
		body_lines = 2;
	else
		body_lines = (int)(d->nitems < 12 ? d->nitems : 12) + 1;
	int height = body_lines + 2;
	if (height > a->rows - 2)
		height = a->rows - 2;
	if (height < 3)
		height = 3;
	int y0 = (a->rows - height) / 2, x0 = (a->cols - width) / 2;
	if (beside)
		x0 = 1;
	if (beside && a->cols < 96)
		y0 = a->rows - height - (a->status_rows > 1 ? 2 : 1);   /* under the fields, beside the picture */
	if (x0 < 0)
		x0 = 0;
	ui_set(stdscr, R_DIALOG);
	for (int i = 0; i < height; i++)
		ui_fill(stdscr, y0 + i, x0, width);
	/* frame */
	mvwhline(stdscr, y0, x0, ACS_HLINE, width);
	mvwhline(stdscr, y0 + height - 1, x0, ACS_HLINE, width);
	mvwvline(stdscr, y0, x0, ACS_VLINE, height);
	mvwvline(stdscr, y0, x0 + width - 1, ACS_VLINE, height);
	mvwaddch(stdscr, y0, x0, ACS_ULCORNER);
	mvwaddch(stdscr, y0, x0 + width - 1, ACS_URCORNER);
	mvwaddch(stdscr, y0 + height - 1, x0, ACS_LLCORNER);
	mvwaddch(stdscr, y0 + height - 1, x0 + width - 1, ACS_LRCORNER);
	char *title = xasprintf(" %s ", d->title);
	wattron(stdscr, A_BOLD);
	ui_put_text(stdscr, y0, x0 + 2, title, inner, false);
	wattroff(stdscr, A_BOLD);
	free(title);
	int y = y0 + 1, avail = height - 2;
	if (d->kind == DLG_CONFIRM && d->keys_told) {
		body_layout(stdscr, y, x0 + 2, inner, avail, text);
	} else if (d->kind == DLG_CONFIRM) {
		body_layout(stdscr, y, x0 + 2, inner, avail - 1, text);
		char hint[128] = "";
		size_t o = 0;
		for (const char *k = d->keys; *k && o + 8 < sizeof hint; k++)
			o += (size_t)snprintf(hint + o, sizeof hint - o, "%s[%c]", o ? " " : "", *k);
		ui_set(stdscr, R_DIALOG);
		wattron(stdscr, A_BOLD);
		ui_put_text(stdscr, y0 + height - 2, x0 + 2, hint, inner, true);
		wattroff(stdscr, A_BOLD);
	} else if (d->kind == DLG_PROMPT) {
		ui_set(stdscr, R_NORMAL);
		ui_line_draw(stdscr, y, x0 + 2, inner, &d->line);
		ui_set(stdscr, R_DIALOG);
		ui_put_text(stdscr, y + 1, x0 + 2, d->hint ? d->hint : _("Enter: accept  Esc: cancel"), inner, true);
	} else {
		int shown = avail - 1;
		if (shown < 1)
			shown = 1;
		if (d->read_only) {
			/* cur is the top line; the last screenful is as far as it goes */
			size_t last_top = d->nshown > (size_t)shown ? d->nshown - (size_t)shown : 0;
			if (d->cur > last_top)
				d->cur = last_top;
			d->top = d->cur;
		}
		if (d->cur < d->top)
			d->top = d->cur;
		if (d->cur >= d->top + (size_t)shown)
			d->top = d->cur - (size_t)shown + 1;
		for (int i = 0; i < shown && d->top + (size_t)i < d->nshown; i++) {
			size_t k = d->top + (size_t)i;
			ui_set(stdscr, k == d->cur && !d->read_only ? R_CURSOR : R_DIALOG);
			ui_put_text(stdscr, y + i, x0 + 2, d->items[d->shown[k]], inner, true);
		}
		if (d->nshown == 0) {
			ui_set(stdscr, R_DIALOG);
			ui_put_text(stdscr, y, x0 + 2, _("(none holds what is typed)"), inner, true);
		}
		ui_set(stdscr, R_DIALOG);
		char *foot;
		if (d->read_only && d->nshown > (size_t)shown) {
			size_t last = d->top + (size_t)shown < d->nshown ? d->top + (size_t)shown : d->nshown;
			/* TRANSLATORS: lines shown, first to last, of all; then the keys */
			foot = xasprintf(_("lines %zu-%zu of %zu  j/k scroll  Esc closes"), d->top + 1, last,
			                 d->nshown);
		} else if (d->read_only) {
			foot = xstrdup(_("Enter or Esc closes"));
		} else if (d->filter[0]) {
			char *f = mt_sanitize(d->filter);
			foot = xasprintf("%s  %zu/%zu  %s", f, d->nshown ? d->cur + 1 : 0, d->nshown,
			                 _("Enter: choose  Esc: clear"));
			free(f);
		} else {
			foot = xasprintf("%zu/%zu  %s", d->cur + 1, d->nitems,
			                 d->filterable ? _("/ narrows  Enter: choose  Esc: cancel")
			                               : _("Enter: choose  Esc: cancel"));
		}
		ui_put_text(stdscr, y0 + height - 2, x0 + 2, foot, inner, true);
		free(foot);
	}
	free(text);
	ui_set(stdscr, R_NORMAL);
}

int
ui_dialog_key(struct app *a, int is_key, wint_t ch)
{
	struct dialog *d = a->dialog;
	bool esc = !is_key && ch == 27;
	if (d->kind == DLG_CONFIRM) {
		if (confirm_scroll_key(d, is_key, ch)) {
			ui_dirty_now(a);
			return UI_HANDLED;
		}
		int choice = 0;
		if (esc || (!is_key && (ch == 'q' || ch == 'Q')))
			choice = 'n';
		else if (!is_key && ch < 128 && strchr(d->keys, (int)towlower(ch)))
			choice = (int)towlower(ch);
		else if (!is_key && (ch == '\r' || ch == '\n') && strchr(d->keys, 'n'))
			choice = 'n';   /* Enter is never a yes */
		if (!choice)
			return UI_HANDLED;
		ui_confirm_fn fn = d->confirm_fn;
		void *arg = d->arg;
		a->dialog = NULL;
		dialog_free(d);
		fn(a, choice, arg);
		ui_dirty_now(a);
		return UI_HANDLED;
	}
	if (d->kind == DLG_PROMPT) {
		if (esc || (!is_key && (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
			char *text = esc ? NULL : ui_line_text(&d->line);
			ui_text_fn fn = d->text_fn;
			void *arg = d->arg;
			a->dialog = NULL;
			dialog_free(d);
			fn(a, text, arg);
			free(text);
			ui_dirty_now(a);
			return UI_HANDLED;
		}
		if (!is_key && ch == '\t' && d->complete_fn) {
			char *text = ui_line_text(&d->line);
			char *done = d->complete_fn(a, text, d->arg);
			if (done) {
				ui_line_set(&d->line, done);
				d->line.selected = false;   /* go on typing after it */
			}
			free(done);
			free(text);
			ui_dirty_now(a);
			return UI_HANDLED;
		}
		if (ui_line_key(&d->line, is_key, ch) && d->change_fn) {
			char *text = ui_line_text(&d->line);
			d->change_fn(a, text, d->arg);
			free(text);
		}
		ui_dirty_now(a);
		return UI_HANDLED;
	}
	/* pick */
	if (esc && d->filter[0]) {
		d->filter[0] = '\0';
		pick_refilter(d);
		ui_dirty_now(a);
		return UI_HANDLED;
	}
	if (d->filterable && !esc && !(!is_key && (ch == '\r' || ch == '\n')) &&
	    pick_filter_key(d, is_key, ch)) {
		ui_dirty_now(a);
		return UI_HANDLED;
	}
	bool enter = (!is_key && (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER);
	if (esc || (!is_key && ch == 'q') || (enter && d->read_only)) {
		ui_pick_fn fn = d->pick_fn;
		void *arg = d->arg;
		a->dialog = NULL;
		dialog_free(d);
		fn(a, -1, NULL, arg);
		return UI_HANDLED;
	}
	if (enter) {
		ui_pick_fn fn = d->pick_fn;
		void *arg = d->arg;
		if (d->nshown == 0)
			return UI_HANDLED;   /* nothing holds the filter: keep typing */
		int idx = (int)d->shown[d->cur];
		char *text = xstrdup(d->items[idx]);
		a->dialog = NULL;
		dialog_free(d);
		fn(a, idx, text, arg);
		free(text);
		ui_dirty_now(a);
		return UI_HANDLED;
	}
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (d->cur + 1 < d->nshown)
			d->cur++;
	} else if ((is_key && ch == KEY_UP) || (!is_key && ch == 'k')) {
		if (d->cur > 0)
			d->cur--;
	} else if (is_key && ch == KEY_NPAGE) {
		d->cur = d->cur + 10 < d->nshown ? d->cur + 10 : (d->nshown ? d->nshown - 1 : 0);
	} else if (is_key && ch == KEY_PPAGE) {
		d->cur = d->cur > 10 ? d->cur - 10 : 0;
	} else if ((is_key && ch == KEY_HOME) || (!is_key && ch == 'g')) {
		d->cur = 0;
	} else if ((is_key && ch == KEY_END) || (!is_key && ch == 'G')) {
		d->cur = d->nshown ? d->nshown - 1 : 0;
	} else if (d->filterable && !is_key && ch > ' ' && iswprint(ch)) {
		/* a letter first did nothing, without a word; not kept in the log
		 * (M), which a word typed without its / filled line by line */
		ui_message_passing(a, R_NORMAL,
		                   _("%lc does nothing here: / narrows the list (then %lc and the rest)"),
		                   (wint_t)ch, (wint_t)ch);
	}
	ui_dirty_now(a);
	return UI_HANDLED;
}
