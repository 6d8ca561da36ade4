/* cmd_preview.c — `preview ID|FILE`: the picture in the terminal, and with
 * --crops how the site crops it around the focal point. A local FILE needs
 * no configuration; an ID is fetched (through the preview cache). */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cells.h"
#include "cells_text.h"
#include "cli.h"
#include "crop.h"
#include "i18n.h"
#include "pixels.h"
#include "preview.h"
#include "xalloc.h"

/* the decoded picture is kept this large: enough for any terminal */
enum { DECODE_MAX = 1200 };
#define CACHE_MAX (256LL * 1024 * 1024)

struct wait {
	bool done;
	struct mt_image *img;
	struct mt_error err;
};

static void
on_picture(struct mt_image *img, bool from_cache, const struct mt_error *err, void *arg)
{
	(void)from_cache;
	struct wait *w = arg;
	w->done = true;
	w->img = img;
	if (err)
		w->err = *err;
}

static enum mt_cell_colors
colors_for_stdout(const struct mt_cmdline *cl)
{
	if (cl->preview_colors)
		return (enum mt_cell_colors)cl->preview_colors;
	if (!isatty(STDOUT_FILENO) || getenv("NO_COLOR"))
		return MT_COLORS_MONO;
	const char *term = getenv("TERM");
	if (term == NULL || strcmp(term, "dumb") == 0)
		return MT_COLORS_MONO;
	const char *ct = getenv("COLORTERM");
	if (strstr(term, "256") || (ct && ct[0]))
		return MT_COLORS_256;
	return MT_COLORS_16;
}

static void
size_for_stdout(const struct mt_cmdline *cl, int *cols, int *rows)
{
	*cols = 60;
	*rows = 20;
	struct winsize ws;
	if (cl->preview_cols) {
		*cols = cl->preview_cols;
		*rows = cl->preview_rows;
	} else if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	           ws.ws_col >= 8 && ws.ws_row >= 6) {
		*cols = ws.ws_col > 160 ? 160 : ws.ws_col;
		*rows = ws.ws_row - 4 > 60 ? 60 : ws.ws_row - 4;
	}
}

/* The protocol and cell size for pictures in pixels on stdout: what
 * --pixels asks for; with auto, what the terminal announces. */
static enum mt_pixels
pixels_for_stdout(const struct mt_cmdline *cl, int *cell_w, int *cell_h)
{
	struct mt_term_caps caps;
	memset(&caps, 0, sizeof caps);
	if (cl->preview_pixels == MT_PIXELS_AUTO && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		mt_termquery_ask(STDIN_FILENO, STDOUT_FILENO, 1000, &caps);
	mt_term_cell_size(STDOUT_FILENO, &caps, cell_w, cell_h);
	return mt_pixels_choose(cl->preview_pixels, &caps);
}

/* Writes the part src (NULL: all) in pixels, then a new line. */
static int
print_pixels(const struct mt_image *img, const struct mt_crop_rect *src, int cols, int rows,
             const struct mt_pixels_opts *po, struct mt_error *err)
{
	struct mt_pixel_picture pic;
	if (mt_pixels_render(img, src, cols, rows, po, &pic, err) < 0)
		return -1;
	fwrite(pic.seq, 1, pic.len, stdout);
	fputc('\n', stdout);
	mt_pixel_picture_free(&pic);
	return 0;
}

static json_t *
crops_json(const struct mt_image *img, double fx, double fy)
{
	json_t *arr = json_array();
	for (const struct mt_crop_ratio *r = mt_crop_ratios; r->name; r++) {
		struct mt_crop_rect c;
		if (mt_crop_for_ratio(img->src_width, img->src_height, fx, fy, r->ratio_w, r->ratio_h,
		                      &c) < 0)
			continue;
		json_t *renders = json_array();
		int widths[MT_RENDER_WIDTHS];
		size_t n = mt_crop_render_widths(c.w, widths);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(renders,
			                      json_pack("{s:i,s:i}", "width", widths[i], "height",
			                                mt_crop_render_height(c.w, c.h, widths[i])));
		json_array_append_new(arr, json_pack("{s:s,s:i,s:i,s:i,s:i,s:o}", "ratio", r->name, "x",
		                                     c.x, "y", c.y, "width", c.w, "height", c.h,
		                                     "renders", renders));
	}
	return arr;
}

static void
print_crops(const struct mt_image *img, double fx, double fy, int cols, int rows,
            const struct mt_cells_opts *opts, const struct mt_pixels_opts *po)
{
	int crop_rows = rows / 2 > 4 ? rows / 2 : 4;   /* a crop gets half the height */
	for (const struct mt_crop_ratio *r = mt_crop_ratios; r->name; r++) {
		struct mt_crop_rect c;
		if (mt_crop_for_ratio(img->src_width, img->src_height, fx, fy, r->ratio_w, r->ratio_h,
		                      &c) < 0)
			continue;
		printf("\n%s  %s %dx%d+%d+%d", r->name, _("crop"), c.w, c.h, c.x, c.y);
		int widths[MT_RENDER_WIDTHS];
		size_t n = mt_crop_render_widths(c.w, widths);
		if (n)
			printf("  %s", _("renders"));
		for (size_t i = 0; i < n; i++)
			printf(" %dx%d", widths[i], mt_crop_render_height(c.w, c.h, widths[i]));
		printf("\n");
		struct mt_cells cells;
		struct mt_error err;
		if (po->proto != MT_PIXELS_OFF) {
			if (print_pixels(img, &c, cols, crop_rows, po, &err) < 0)
				cli_print_error(&err);
		} else if (mt_cells_render(img, &c, cols, crop_rows, opts, &cells, &err) == 0) {
			mt_cells_write(stdout, &cells, opts->colors);
			mt_cells_free(&cells);
		}
	}
}

int
cmd_preview(struct cli_ctx *ctx)
{
	const struct mt_cmdline *cl = ctx->cl;
	const char *what = cl->args[0];
	struct mt_error err;
	mt_error_clear(&err);
	if (!mt_preview_available()) {
		mt_error_set(&err, MT_ERR_UNSUPPORTED,
		             _("image previews are not available: mediatui was built without them"));
		cli_print_error(&err);
		return EXIT_SOME_FAILED;
	}
	struct stat st;
	bool local = cl->preview_local || stat(what, &st) == 0;
	struct mt_media m;
	memset(&m, 0, sizeof m);
	bool have_item = false;
	double fx = 50, fy = 50;
	struct mt_preview *pv;
	struct wait w = { 0 };
	if (local) {
		ctx->loop = mt_loop_new();
		if (ctx->loop == NULL) {
			mt_error_set(&err, MT_ERR_IO, _("cannot set up the event loop"));
			cli_print_error(&err);
			return EXIT_SOME_FAILED;
		}
		pv = mt_preview_new(ctx->loop, NULL, "/nonexistent", 0);
		if (mt_preview_local(pv, what, DECODE_MAX, DECODE_MAX, on_picture, &w, &err) < 0)
			w.done = true, w.err = err;
	} else {
		int rc = cli_open_site(ctx);
		if (rc)
			return rc;
		if (mt_site_get(&ctx->site, what, &m, &err) < 0) {
			cli_print_error(&err);
			return cli_exit_for(&err);
		}
		have_item = true;
		if (m.focal_x >= 0 && m.focal_y >= 0) {
			fx = m.focal_x;
			fy = m.focal_y;
		}
		char *dir = mt_preview_cache_dir(ctx->profile ? ctx->profile->name : NULL);
		pv = mt_preview_new(ctx->loop, &ctx->site, dir, CACHE_MAX);
		free(dir);
		if (mt_preview_remote(pv, &m, DECODE_MAX, DECODE_MAX, on_picture, &w, &err) < 0)
			w.done = true, w.err = err;
	}
	if (cl->has_focal) {
		fx = cl->focal_x;
		fy = cl->focal_y;
	}
	mt_loop_run_until(ctx->loop, &w.done);
	int status = EXIT_ALL_DONE;
	if (w.img == NULL) {
		cli_print_error(&w.err);
		status = cli_exit_for(&w.err);
		goto out;
	}
	int cols, rows;
	size_for_stdout(cl, &cols, &rows);
	struct mt_cells_opts opts = {
		.colors = colors_for_stdout(cl),
		.unicode = !cl->preview_ascii && strcasecmp(nl_langinfo(CODESET), "UTF-8") == 0,
	};
	struct mt_pixels_opts po = { .proto = MT_PIXELS_OFF };
	if (cl->preview_pixels != MT_PIXELS_OFF)
		po.proto = pixels_for_stdout(cl, &po.cell_w, &po.cell_h);
	if (cl->json) {
		json_t *o = json_pack("{s:s,s:s,s:i,s:i,s:{s:f,s:f}}", "source", what, "format",
		                      w.img->format, "width", w.img->src_width, "height",
		                      w.img->src_height, "focal", "x", fx, "y", fy);
		if (have_item)
			json_object_set_new(o, "id", json_string(m.id));
		int pc, pr;
		mt_cells_fit(w.img->src_width, w.img->src_height, cols, rows, &pc, &pr);
		json_object_set_new(o, "cells", json_pack("{s:i,s:i}", "cols", pc, "rows", pr));
		if (po.proto != MT_PIXELS_OFF) {
			mt_cells_fit_geom(w.img->src_width, w.img->src_height, cols, rows, po.cell_w,
			                  po.cell_h, &pc, &pr);
			json_object_set_new(o, "pixels",
			                    json_pack("{s:s,s:i,s:i,s:i,s:i}", "protocol",
			                              mt_pixels_name(po.proto), "cols", pc, "rows", pr,
			                              "cell_width", po.cell_w, "cell_height", po.cell_h));
		}
		json_object_set_new(o, "crops", crops_json(w.img, fx, fy));
		cli_print_json(o);
		json_decref(o);
	} else {
		struct mt_cells cells;
		int rc = po.proto != MT_PIXELS_OFF
		             ? print_pixels(w.img, NULL, cols, rows, &po, &err)
		             : mt_cells_render(w.img, NULL, cols, rows, &opts, &cells, &err);
		if (rc < 0) {
			cli_print_error(&err);
			status = EXIT_SOME_FAILED;
		} else {
			if (po.proto == MT_PIXELS_OFF) {
				mt_cells_write(stdout, &cells, opts.colors);
				mt_cells_free(&cells);
			}
			char *name = xstrdup(have_item && m.filename ? m.filename : what);
			cli_print_safe(name);
			free(name);
			printf("  %dx%d %s  %s %g,%g\n", w.img->src_width, w.img->src_height, w.img->format,
			       _("focal"), fx, fy);
			if (cl->preview_crops)
				print_crops(w.img, fx, fy, cols, rows, &opts, &po);
		}
	}
	mt_image_free(w.img);
	free(w.img);
out:
	mt_preview_free(pv);
	if (have_item)
		mt_media_free(&m);
	return status;
}
