/* picstrip.c — the pictures of a few items side by side in cells (the
 * members of a content group), through the preview service and preview.c's
 * colours.
 *
 * The service keeps one decode waiting at a time (a newer request cancels
 * the older), so the pictures are asked one after the other; a picture
 * taken away by another view's request is asked again at the next frame. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "textwidth.h"
#include "ui.h"
#include "xalloc.h"

/* small: a strip shares the screen with a list */
enum { STRIP_DECODE = 480, STRIP_MIN_W = 12, STRIP_MIN_H = 4 };

enum pic_state { PIC_WANTED, PIC_ASKED, PIC_READY, PIC_FAILED };

struct pic {
	struct mt_media m;          /* id, file name, type, size, url */
	enum pic_state state;
	struct mt_image *img;
	char msg[200];
	struct mt_cells cells;      /* rendered for box_w x box_h */
	int box_w, box_h;
};

static struct strip {
	struct pic pic[PICSTRIP_MAX];
	size_t n;
	uint64_t gen;               /* bumps with every new set: old answers are dropped */
} ps;

static void
pic_clear(struct pic *p)
{
	mt_media_free(&p->m);
	if (p->img) {
		mt_image_free(p->img);
		free(p->img);
	}
	mt_cells_free(&p->cells);
	memset(p, 0, sizeof *p);
}

void
picstrip_free(struct app *a)
{
	(void)a;
	for (size_t i = 0; i < ps.n; i++)
		pic_clear(&ps.pic[i]);
	ps.n = 0;
	ps.gen++;
}

static void ask_next(struct app *a);

static void
on_picture(struct mt_image *img, bool from_cache, const struct mt_error *err, void *arg)
{
	(void)from_cache;
	struct ui_req *q = arg;
	struct app *a = q->app;
	size_t i = (size_t)q->kind;
	if (!ui_req_done(q) || i >= ps.n) {
		if (img) {
			mt_image_free(img);
			free(img);
		}
		return;
	}
	struct pic *p = &ps.pic[i];
	if (img) {
		p->img = img;
		p->state = PIC_READY;
	} else if (err && err->kind == MT_ERR_CANCELLED) {
		p->state = PIC_WANTED;   /* another view asked meanwhile: again later */
		ui_dirty(a);
		return;
	} else {
		p->state = PIC_FAILED;
		mt_error_format(err, p->msg, sizeof p->msg);
	}
	ask_next(a);
	ui_dirty_now(a);
}

/* Asks for the first picture wanted, unless one is on its way. */
static void
ask_next(struct app *a)
{
	for (size_t i = 0; i < ps.n; i++)
		if (ps.pic[i].state == PIC_ASKED)
			return;
	for (size_t i = 0; i < ps.n; i++) {
		struct pic *p = &ps.pic[i];
		if (p->state != PIC_WANTED)
			continue;
		struct mt_error err;
		mt_error_clear(&err);
		struct ui_req *q = ui_req_new(a, &ps.gen, (int)i, p->m.id);
		p->state = PIC_ASKED;
		if (mt_preview_remote(preview_service(a), &p->m, STRIP_DECODE, STRIP_DECODE, on_picture, q,
		                      &err) == 0)
			return;
		ui_req_done(q);
		p->state = PIC_FAILED;
		mt_error_format(&err, p->msg, sizeof p->msg);
	}
}

void
picstrip_want(struct app *a, const struct mt_media *const *items, size_t n)
{
	if (n > PICSTRIP_MAX)
		n = PICSTRIP_MAX;
	bool same = n == ps.n;
	for (size_t i = 0; i < n && same; i++)
		same = strcmp(items[i]->id, ps.pic[i].m.id) == 0;
	if (same)
		return;
	picstrip_free(a);
	for (size_t i = 0; i < n; i++) {
		struct pic *p = &ps.pic[i];
		mt_media_init(&p->m);
		p->m.id = xstrdup(items[i]->id);
		p->m.filename = items[i]->filename ? xstrdup(items[i]->filename) : NULL;
		p->m.mime_type = items[i]->mime_type ? xstrdup(items[i]->mime_type) : NULL;
		p->m.url = items[i]->url ? xstrdup(items[i]->url) : NULL;
		p->m.size = items[i]->size;
		p->state = PIC_WANTED;
	}
	ps.n = n;
	if (mt_preview_available())
		ask_next(a);
}

/* A line of text centred in a box. */
static void
box_line(int y, int x, int w, enum ui_role role, const char *text)
{
	int tw = mt_text_width(text);
	if (tw > w)
		tw = w;
	ui_set(stdscr, role);
	ui_put_text(stdscr, y, x + (w - tw) / 2, text, w, false);
	ui_set(stdscr, R_NORMAL);
}

void
picstrip_draw(struct app *a, int y, int x, int h, int w, const char *const *captions,
              const enum ui_role *roles)
{
	if (ps.n == 0 || h < 1 || w < 1)
		return;
	if (!mt_preview_available()) {
		box_line(y, x, w, R_DIM,
		         _("image previews are not available: mediatui was built without them"));
		return;
	}
	int n = (int)ps.n;
	int bw = (w - (n - 1)) / n, bh = h - 1;
	if (bw < STRIP_MIN_W || bh < STRIP_MIN_H) {
		box_line(y, x, w, R_DIM, _("no room for the pictures: enlarge the terminal to see them"));
		return;
	}
	ask_next(a);   /* one taken away by another view's request */
	for (int i = 0; i < n; i++) {
		struct pic *p = &ps.pic[i];
		int bx = x + i * (bw + 1);
		if (p->state == PIC_READY) {
			if (p->box_w != bw || p->box_h != bh || p->cells.cell == NULL) {
				mt_cells_free(&p->cells);
				struct mt_cells_opts o = { .colors = preview_colors(a), .unicode = a->utf8 };
				struct mt_error err;
				p->box_w = bw;
				p->box_h = bh;
				if (mt_cells_render(p->img, NULL, bw, bh, &o, &p->cells, &err) < 0) {
					p->state = PIC_FAILED;
					mt_error_format(&err, p->msg, sizeof p->msg);
				}
			}
		}
		if (p->state == PIC_READY && p->cells.cell)
			preview_paint_cells(a, &p->cells, y + (bh - p->cells.rows) / 2,
			                    bx + (bw - p->cells.cols) / 2);
		else if (p->state == PIC_FAILED)
			box_line(y + bh / 2, bx, bw, R_WARN, p->msg);
		else
			box_line(y + bh / 2, bx, bw, R_DIM, _("loading the picture\xe2\x80\xa6"));
		if (captions && captions[i])
			box_line(y + bh, bx, bw, roles ? roles[i] : R_NORMAL, captions[i]);
	}
}
