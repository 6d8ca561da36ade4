/* cmd_audit_content.c — `audit --content`: the items' bytes fetched (or
 * taken from the fingerprint cache) for the findings that need them, with
 * progress on a terminal or as plain lines (--progress). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "auditset.h"
#include "cli.h"
#include "fpcache.h"
#include "fpfetch.h"
#include "i18n.h"
#include "textwidth.h"
#include "xalloc.h"

struct run {
	struct mt_auditset *set;
	bool live, plain;
	int64_t budget;
	int64_t bytes;
};

static void
on_item(size_t index, enum mt_fp_status status, const struct mt_fingerprint *fp,
        const struct mt_error *err, void *arg)
{
	struct run *r = arg;
	if (!mt_auditset_set_fp(r->set, index, (int)status, fp, err ? err->message : NULL))
		mt_auditset_set_fp(r->set, index, (int)status, NULL, NULL);
}

static void
item_at(size_t index, struct mt_media *out, void *arg)
{
	struct run *r = arg;
	mt_auditset_media(r->set, index, out);
}

static void
on_progress(const struct mt_fpfetch_progress *p, void *arg)
{
	struct run *r = arg;
	r->bytes = p->bytes;
	if (!r->live && !r->plain)
		return;
	char bytes[32], rate[32], eta[32] = "";
	mt_format_size(p->bytes, bytes, sizeof bytes);
	mt_format_size((int64_t)p->rate, rate, sizeof rate);
	if (p->eta_s >= 0 && p->done < p->total)
		snprintf(eta, sizeof eta, "%ld:%02ld", p->eta_s / 60, p->eta_s % 60);
	if (r->plain) {
		/* for logs: stable words, one line each */
		fprintf(stderr, "progress items=%zu/%zu fetched=%zu bytes=%lld rate=%.0f eta=%ld\n", p->done,
		        p->total, p->fetched, (long long)p->bytes, p->rate, p->eta_s);
		return;
	}
	/* TRANSLATORS: items done of all, bytes downloaded, download rate, time left */
	fputc('\r', stderr);
	fprintf(stderr, _("Fingerprints: %zu of %zu items, %s downloaded, %s/s, %s left   "), p->done,
	        p->total, bytes, rate, eta[0] ? eta : "-");
	if (p->done == p->total)
		fputc('\n', stderr);
}

int
audit_content(struct cli_ctx *ctx, struct mt_audit *a, struct mt_auditset *set)
{
	size_t n = set->n;
	mt_auditset_trim(set);
	const struct mt_cmdline *cl = ctx->cl;
	char *path = mt_fpcache_path(ctx->profile ? ctx->profile->name : NULL);
	size_t damaged = 0;
	struct mt_fpcache *cache = mt_fpcache_open(path, &damaged);
	if (damaged && !cl->quiet)
		fprintf(stderr, P_("%zu damaged line of the fingerprint cache %s was ignored\n",
		                   "%zu damaged lines of the fingerprint cache %s were ignored\n",
		                   (unsigned long)damaged), damaged, path);
	struct run r = {
		.set = set,
		.live = isatty(STDERR_FILENO) && !cl->progress && !cl->quiet && !cl->json,
		.plain = cl->progress && !cl->json,
		.budget = cl->max_download,
	};
	struct mt_fpfetch_spec spec = {
		.item_at = item_at, .n = n, .cache = cache, .concurrency = cl->jobs > 0 ? cl->jobs * 2 : 8,
		.max_download = cl->max_download, .item = on_item, .progress = on_progress, .arg = &r,
	};
	mt_site_fpfetch(&ctx->site, &spec);
	size_t fetched = 0, cached = 0, failed = 0, skipped = 0;
	for (size_t i = 0; i < n; i++)
		switch (set->recs[i].status) {
		case MT_FP_CACHED: cached++; break;
		case MT_FP_FETCHED: fetched++; break;
		case MT_FP_FAILED: failed++; break;
		default: skipped++; break;
		}
	struct mt_error err;
	if (mt_fpcache_save(cache, true, &err) < 0 && !cl->quiet)
		cli_print_error(&err);
	mt_fpcache_free(cache);
	free(path);
	/* the URLs are done with before the findings are made */
	mt_auditset_forget_fetch(set);
	mt_audit_content_set(a, set,
	                     cl->similarity >= 0 ? cl->similarity : MT_AUDIT_DEFAULT_SIMILARITY,
	                     mt_audit_render_width(ctx->site.dialect->name));
	a->content_fetched = (int64_t)fetched;
	a->content_cached = (int64_t)cached;
	a->content_failed = (int64_t)failed;
	a->content_skipped = (int64_t)skipped;
	a->content_bytes = r.bytes;
	return 0;
}
