/* preview_state.h — Private to: preview.c preview_pixels.c preview_state.c
 * State: a->pv
 *
 * The pictures' own state: the one wanted, its renderings in cells and in
 * pixels, where they stand on the screen. Other views ask preview.c. */
#ifndef MT_TUI_PREVIEW_STATE_H
#define MT_TUI_PREVIEW_STATE_H

#include "ui.h"

struct pv_render {               /* a rendering kept while its box keeps its size */
	struct mt_crop_rect crop;    /* w == 0: the whole picture */
	int box_w, box_h;
	struct mt_cells cells;
};
enum { PV_RENDERS = 4 };
/* a picture in pixels, where it stands on the screen and what it shows */
struct pv_place {
	uint64_t gen;                /* which picture */
	int box_w, box_h;            /* the box it was fitted into */
	struct mt_crop_rect crop;    /* w == 0: the whole picture */
	bool focal;
	double fx, fy;
	int y, x, cols, rows;        /* the cells it covers */
	bool written;                /* shown[]: this picture is on the screen there */
};
struct pv_pixels {               /* a rendering kept while it is wanted */
	struct pv_place key;         /* y, x unused */
	uint64_t tag;                /* 0: free; the worker's job while pending */
	bool pending;
	struct mt_pixel_picture pic; /* pic.seq NULL: pending, or it failed */
};
enum { PV_PLACES = 6, PV_PIX = 12 };
struct ui_preview {
	struct mt_preview *svc;
	bool enabled;                /* p in the detail view */
	char *key;                   /* what is wanted: "r:ID" or "l:PATH" */
	char *title;                 /* file name, for the preview view */
	enum pv_state state;
	bool awaiting;               /* loading, nothing asked: the item's address is not known yet */
	struct mt_image *img;
	char msg[400];
	uint64_t gen;
	uint64_t asked_ms;
	bool from_cache, traced;
	enum mt_cell_colors colors;
	struct pv_render renders[PV_RENDERS];
	int next_render;
	short *pair_of;              /* (fg+1) * 257 + (bg+1) -> colour pair, 0: none yet */
	int next_pair, last_pair;
	bool crops;                  /* the preview view shows the crops */
	double fx, fy;               /* the focal point its crops use */
	/* pixels instead of cells (sixel or kitty), when allowed and announced */
	enum mt_pixels pixels;       /* MT_PIXELS_OFF: cells */
	struct mt_term_caps caps;    /* what the terminal answered at start */
	int cell_w, cell_h;          /* pixels per cell (preview_pixels_measure) */
	struct pv_place place[PV_PLACES], shown[PV_PLACES];
	int nplace, nshown;          /* drawn this frame; on the screen now */
	struct pv_pixels pix[PV_PIX];
	int next_pix;
	uint64_t next_tag;
	struct mt_pixels_worker *pixw;   /* encodes off the loop thread */
};

/* The state, set on first use: the pixels are chosen before the views start. */
struct ui_preview *preview_of(struct app *a);

/* ---- preview_pixels.c ---- */
/* Notes the place of the picture (drawn after the screen update) and
 * stores the cells it covers in *used (may be NULL). */
void preview_pixels_place(struct app *a, int y, int x, int h, int w, const struct mt_crop_rect *crop,
                          bool focal, double fx, double fy, struct mt_crop_rect *used);
/* Drops every rendering in pixels. */
void preview_pixels_forget(struct ui_preview *pv);
/* Starts the encoder thread. */
void preview_pixels_worker(struct app *a);

#endif
