/* cmd_audit.c — `audit`: findings that need attention, grouped by kind. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auditset.h"
#include "cli.h"
#include "i18n.h"
#include "textwidth.h"
#include "xalloc.h"

struct scan {
	struct mt_audit *a;
	struct mt_auditset *set;    /* --content: the items, compact */
};

static void
on_item(const struct mt_media *m, void *arg)
{
	struct scan *s = arg;
	mt_audit_add(s->a, m);
	if (s->set)
		mt_auditset_add(s->set, m);
}

static const char *
kind_title(enum mt_finding_kind k)
{
	switch (k) {
	case MT_FIND_MISSING_ALT: return _("Images without alt text");
	case MT_FIND_OVERSIZED: return _("Oversized files");
	case MT_FIND_DUPLICATE: return _("Duplicates (same name and size; * = oldest, keep)");
	case MT_FIND_MISMATCH: return _("Name and type disagree");
	case MT_FIND_EMPTY_FOLDER: return _("Empty folders");
	case MT_FIND_NEAR_DUPLICATE:
		return _("Near duplicates (the same picture re-encoded or resized; * = keep)");
	case MT_FIND_DOWNLOAD_FAILED: return _("Downloads that failed");
	case MT_FIND_NOT_FETCHED: return _("Not fetched (download budget)");
	}
	return "";
}

static const char *
reason_text(const char *reason)
{
	if (strcmp(reason, "metadata") == 0)
		return _("keep: it has the most of alt text, title and focal point");
	if (strcmp(reason, "largest") == 0)
		return _("keep: the largest");
	return _("keep: the oldest");
}

/* distance, the keeper's reason, what the rest cost, what a resize saves */
static void
print_content_detail(const struct mt_finding *f)
{
	char size[32];
	if (f->kind == MT_FIND_NEAR_DUPLICATE && !f->keep && f->distance >= 0)
		printf(_("  distance %d"), f->distance);
	if (f->keep_reason) {
		mt_format_size(f->group_waste, size, sizeof size);
		fputs("  ", stdout);
		/* TRANSLATORS: the first %s says why this one is kept, the second is a size */
		printf(_("(%s; the others cost %s)"), reason_text(f->keep_reason), size);
	}
	if (f->saved >= 0) {
		mt_format_size(f->saved, size, sizeof size);
		fputs("  ", stdout);
		printf(_("a resize saves about %s"), size);
	}
}

static json_t *
finding_json(size_t i, void *arg)
{
	const struct mt_audit *a = arg;
	return mt_audit_finding_json(&a->findings[i]);
}

int
cmd_audit(struct cli_ctx *ctx)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	struct mt_error err;
	struct mt_audit a;
	mt_audit_init(&a, mt_audit_pick_large(ctx->cl->large_bytes, ctx->profile->large_bytes));
	a.by_content = ctx->cl->content;
	struct scan scan = { .a = &a, .set = a.by_content ? mt_auditset_new() : NULL };
	if (mt_site_scan(&ctx->site, on_item, NULL, &scan, &err) < 0) {
		cli_print_error(&err);
		mt_audit_free(&a);
		mt_auditset_free(scan.set);
		return cli_exit_for(&err);
	}
	if (a.by_content)
		audit_content(ctx, &a, scan.set);
	char **folders = NULL;
	size_t nfolders = 0;
	if (ctx->site.has_key && (ctx->site.dialect->caps & MT_CAP_FOLDERS) &&
	    mt_site_folders(&ctx->site, &folders, &nfolders, &err) < 0) {
		cli_print_error(&err);
		mt_audit_free(&a);
		return cli_exit_for(&err);
	}
	mt_audit_finish(&a, folders, nfolders);
	mt_strv_free(folders, nfolders);
	if (ctx->cl->json) {
		/* a finding at a time: the document of 10 000 findings was half
		 * of the peak memory */
		json_t *o = mt_audit_summary_json(&a);
		cli_print_json_streamed(o, "findings", a.nfindings, finding_json, &a);
		json_decref(o);
	} else {
		int last = -1;
		for (size_t i = 0; i < a.nfindings; i++) {
			const struct mt_finding *f = &a.findings[i];
			if ((int)f->kind != last) {
				printf("%s%s\n", last >= 0 ? "\n" : "", kind_title(f->kind));
				last = (int)f->kind;
			}
			char size[32] = "";
			if (f->size >= 0)
				mt_format_size(f->size, size, sizeof size);
			printf("  %s ", f->keep ? "*" : " ");
			if (f->id) {
				cli_print_safe(f->id);
				fputs("  ", stdout);
			}
			if (f->filename) {
				cli_print_safe(f->filename);
				fputs("  ", stdout);
			}
			if (f->folder)
				cli_print_safe(f->folder);
			if (size[0])
				printf("  %s", size);
			if (f->detail) {
				fputs("  (", stdout);
				cli_print_safe(f->detail);
				fputc(')', stdout);
			}
			print_content_detail(f);
			fputc('\n', stdout);
		}
		char scanned[64];
		snprintf(scanned, sizeof scanned, P_("%lld item scanned", "%lld items scanned",
		                                     (unsigned long)a.scanned), (long long)a.scanned);
		/* TRANSLATORS: %s is "N items scanned" */
		printf(P_("%s, %zu finding\n", "%s, %zu findings\n", (unsigned long)a.nfindings), scanned,
		       a.nfindings);
		if (a.by_content) {
			char bytes[32];
			mt_format_size(a.content_bytes, bytes, sizeof bytes);
			printf(_("Content: %lld downloaded (%s), %lld from the cache, %lld failed, "
			         "%lld not fetched (download budget)\n"),
			       (long long)a.content_fetched, bytes, (long long)a.content_cached,
			       (long long)a.content_failed, (long long)a.content_skipped);
		}
	}
	/* --fail-on: for scripts and cron, findings of these kinds are a failure */
	size_t failing = mt_audit_count_kinds(&a, ctx->cl->fail_on);
	mt_audit_free(&a);
	if (failing && !ctx->cl->quiet && !ctx->cl->json)
		fprintf(stderr, P_("%zu finding of a kind given to --fail-on\n",
		                   "%zu findings of the kinds given to --fail-on\n", (unsigned long)failing),
		        failing);
	return failing ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
