/* preview_state.c — where the pictures' state lives (preview_state.h), for
 * the cells (preview.c) and the pixels (preview_pixels.c) alike. It is set
 * on first use: the pixels are chosen before the views start. */
#include "config.h"

#include <stddef.h>

#include "preview_state.h"
#include "ui.h"

struct ui_preview *
preview_of(struct app *a)
{
	static struct ui_preview state;   /* one interface per process */
	if (a->pv == NULL)
		a->pv = &state;
	return a->pv;
}

/* For views that ask for pictures of their own (the audit's strip): the
 * service and the colour depth, not the state around them. */
struct mt_preview *
preview_service(struct app *a)
{
	return preview_of(a)->svc;
}

enum mt_cell_colors
preview_colors(struct app *a)
{
	return preview_of(a)->colors;
}
