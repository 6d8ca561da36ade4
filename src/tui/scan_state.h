/* scan_state.h — Private to: scan.c auditview.c audit_find.c usageview.c scan_content.c audit_rows.c audit_large.c
 * State: a->scan
 *
 * The full scan of the library, which the usage and audit views draw from.
 * Others ask scan.c (scan_used_bytes, scan_running). */
#ifndef MT_TUI_SCAN_STATE_H
#define MT_TUI_SCAN_STATE_H

#include "ui.h"

struct scan {
	bool running, done, wanted;
	struct mt_pager *pager;     /* the listing being read */
	int64_t seen, total;
	struct mt_usage usage;
	struct mt_audit audit;
	char err[600];
	uint64_t started_ms, finished_ms;
	time_t finished_at;         /* wall clock, for "scanned 14:02" */
	struct mt_media *items;     /* what usage and audit need of every item */
	size_t nitems, items_cap;
	int64_t large_bytes;        /* "oversized" above, set in the audit view (o); 0: not
	                               this session. Outlives a rescan: scan_free keeps it */
};

#endif
