/* views.c — the table of views: the one place that names them all. The
 * loop (tui.c) hands it to app.c at start; views reach each other through
 * it by number. The order is the order in which events are taken. */
#include "config.h"

#include "ui.h"

const struct ui_view *const ui_view_table[VIEW_COUNT] = {
	[VIEW_SCAN] = &scan_view,
	[VIEW_MAIN] = &main_view,
	[VIEW_DETAIL] = &detail_view,
	[VIEW_USAGE] = &usage_view,
	[VIEW_AUDIT] = &audit_view,
	[VIEW_HELP] = &help_view,
	[VIEW_PREVIEW] = &preview_view,
	[VIEW_MESSAGES] = &msglog_view,
};
