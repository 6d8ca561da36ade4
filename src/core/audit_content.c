/* audit_content.c — findings from the bytes of the items: the same file
 * under any name, near duplicates, pictures far larger than the site shows
 * them, and downloads that failed or were left out of the budget. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auditset.h"
#include "fpfetch.h"
#include "i18n.h"
#include "l10n.h"
#include "neardup.h"
#include "phash.h"
#include "textwidth.h"
#include "xalloc.h"

/* "far exceeding": wider than this many times the widest rendering */
#define OVERSIZE_FACTOR 1.5

int
mt_audit_render_width(const char *dialect)
{
	/* the clearcms seed: sizes of 150, 400, 800 and 1200 px are made */
	if (dialect && strcmp(dialect, "clearcms") == 0)
		return 1200;
	return 0;
}

/* an item's record and its strings */
static const struct mt_audit_rec *
rec(const struct mt_auditset *s, size_t i)
{
	return &s->recs[i];
}

static int64_t
pixels(const struct mt_audit_rec *r)
{
	if ((r->flags & MT_REC_PHASH) && r->fp_width > 0)
		return (int64_t)r->fp_width * r->fp_height;
	return r->width > 0 && r->height > 0 ? (int64_t)r->width * r->height : 0;
}

/* <0 when item i is the better one to keep */
static int
better(const struct mt_auditset *s, size_t i, size_t j, const char **reason)
{
	const struct mt_audit_rec *a = rec(s, i), *b = rec(s, j);
	int sa = a->meta, sb = b->meta;
	if (sa != sb) {
		*reason = "metadata";
		return sb - sa;
	}
	int64_t pa = pixels(a), pb = pixels(b);
	if (pa != pb) {
		*reason = "largest";
		return pa > pb ? -1 : 1;
	}
	if (a->size != b->size) {
		*reason = "largest";
		return a->size > b->size ? -1 : 1;
	}
	*reason = "oldest";
	char *ida, *fa, *da, *ca, *idb, *fb, *db, *cb;
	mt_auditset_strings(s, i, &ida, &fa, &da, &ca);
	mt_auditset_strings(s, j, &idb, &fb, &db, &cb);
	if (ca && cb) {
		int c = strcmp(ca, cb);
		if (c)
			return c;
	} else if (ca || cb) {
		return ca ? -1 : 1;
	}
	return strcmp(ida ? ida : "", idb ? idb : "");
}

/* Picks the keeper among members and says why it wins over every other. */
static size_t
pick_keeper(const struct mt_auditset *s, const size_t *members, size_t n, const char **reason)
{
	size_t best = members[0];
	for (size_t k = 1; k < n; k++) {
		const char *r;
		if (better(s, members[k], best, &r) < 0)
			best = members[k];
	}
	/* the reason: the strongest rule that sets it apart from all the rest */
	static const char *order[] = { "metadata", "largest", "oldest" };
	int worst = 0;
	for (size_t k = 0; k < n; k++) {
		if (members[k] == best)
			continue;
		const char *r = "oldest";
		better(s, best, members[k], &r);
		for (int o = 0; o < 3; o++)
			if (strcmp(r, order[o]) == 0 && o > worst)
				worst = o;
	}
	*reason = order[worst];
	return best;
}

/* A finding of item i whose strings stay in the set (the audit owns it). */
static struct mt_finding *
add_item_finding(struct mt_audit *a, enum mt_finding_kind kind, const struct mt_auditset *s,
                 size_t i, char *detail)
{
	struct mt_finding *f = mt_audit_add_finding(a, kind, NULL, detail);
	mt_auditset_strings(s, i, &f->id, &f->filename, &f->folder, &f->created_at);
	f->size = rec(s, i)->size;
	f->borrowed = true;
	return f;
}

static void
emit_group(struct mt_audit *a, const struct mt_auditset *s, enum mt_finding_kind kind, int group,
           const size_t *members, size_t n)
{
	const char *reason;
	size_t keeper = pick_keeper(s, members, n, &reason);
	int64_t waste = 0;
	for (size_t k = 0; k < n; k++)
		if (members[k] != keeper && rec(s, members[k])->size > 0)
			waste += rec(s, members[k])->size;
	for (size_t k = 0; k < n; k++) {
		size_t i = members[k];
		struct mt_finding *f = add_item_finding(a, kind, s, i, NULL);
		f->group = group;
		f->keep = i == keeper;
		f->keep_reason = f->keep ? reason : NULL;
		f->group_waste = waste;
		f->sha256 = rec(s, i)->sha256;
		if (kind == MT_FIND_NEAR_DUPLICATE)
			f->distance = i == keeper ? 0
			                          : mt_phash_distance(rec(s, i)->phash, rec(s, keeper)->phash);
	}
}

static const struct mt_auditset *sort_set;

static int
by_sha(const void *pa, const void *pb)
{
	size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
	int c = memcmp(sort_set->recs[i].sha256, sort_set->recs[j].sha256, 32);
	return c ? c : (i > j) - (i < j);
}

/* The picture's pixels, decoded or listed, when it is far wider than the
 * site shows it; false otherwise. */
static bool
too_wide(const struct mt_audit_rec *r, int render_width, int *w, int *h)
{
	bool decoded = r->flags & MT_REC_PHASH;
	*w = decoded && r->fp_width > 0 ? r->fp_width : r->width;
	*h = decoded && r->fp_height > 0 ? r->fp_height : r->height;
	return render_width > 0 && *w > 0 && *h > 0 && *w > render_width * OVERSIZE_FACTOR;
}

static void
oversized(struct mt_audit *a, const struct mt_auditset *s, size_t i, int render_width)
{
	const struct mt_audit_rec *r = rec(s, i);
	int w, h;
	if (!too_wide(r, render_width, &w, &h))
		return;
	/* bytes grow with the pixels: at render_width wide the file keeps
	 * (render_width / w)^2 of them */
	double keep = (double)render_width / w;
	int64_t saved = r->size > 0 ? (int64_t)((double)r->size * (1 - keep * keep)) : -1;
	char *detail = xasprintf(_("%d x %d px, shown at most %d px wide"), w, h, render_width);
	const char *id = mt_auditset_id(s, i);
	struct mt_finding *f = NULL;
	for (size_t k = 0; k < a->nfindings; k++)
		if (a->findings[k].kind == MT_FIND_OVERSIZED && a->findings[k].id && id &&
		    strcmp(a->findings[k].id, id) == 0)
			f = &a->findings[k];
	if (f) {
		free(f->detail);
		f->detail = detail;
	} else {
		f = add_item_finding(a, MT_FIND_OVERSIZED, s, i, detail);
	}
	f->saved = saved;
}

void
mt_audit_content_set(struct mt_audit *a, struct mt_auditset *s, int similarity, int render_width)
{
	mt_auditset_free(a->set);
	a->set = s;
	size_t n = s->n;
	/* room for the findings of single items first, at once */
	size_t single = 0;
	for (size_t i = 0; i < n; i++) {
		const struct mt_audit_rec *r = rec(s, i);
		int w, h;
		single += !(r->flags & MT_REC_FP) &&
		          (r->status == MT_FP_FAILED || r->status == MT_FP_OVER_BUDGET);
		single += ((r->flags & MT_REC_FP) || r->width > 0) && too_wide(r, render_width, &w, &h);
	}
	mt_audit_reserve(a, single);
	size_t *order = xcalloc(n + 1, sizeof *order);
	size_t nfp = 0;
	for (size_t i = 0; i < n; i++) {
		const struct mt_audit_rec *r = rec(s, i);
		const char *error = mt_auditset_error(s, i);
		if (r->flags & MT_REC_FP)
			order[nfp++] = i;
		else if (r->status == MT_FP_FAILED)
			add_item_finding(a, MT_FIND_DOWNLOAD_FAILED, s, i,
			                 xstrdup(error ? error : _("the download failed")));
		else if (r->status == MT_FP_OVER_BUDGET)
			add_item_finding(a, MT_FIND_NOT_FETCHED, s, i,
			                 xstrdup(_("left out: the download budget (--max-download) was reached")));
		if ((r->flags & MT_REC_FP) || r->width > 0)
			oversized(a, s, i, render_width);
	}
	/* byte-identical groups; each group's keeper stands for it below */
	sort_set = s;
	qsort(order, nfp, sizeof *order, by_sha);
	size_t *reps = xcalloc(nfp + 1, sizeof *reps);
	size_t nreps = 0, in_groups = 0;
	for (size_t at = 0; at < nfp; ) {
		size_t e = at + 1;
		while (e < nfp && memcmp(rec(s, order[e])->sha256, rec(s, order[at])->sha256, 32) == 0)
			e++;
		const char *reason;
		size_t keeper = pick_keeper(s, order + at, e - at, &reason);
		if (e - at > 1)
			in_groups += e - at;
		if (rec(s, keeper)->flags & MT_REC_PHASH)
			reps[nreps++] = keeper;
		at = e;
	}
	mt_audit_reserve(a, in_groups);
	int group = 0;
	for (size_t at = 0; at < nfp; ) {
		size_t e = at + 1;
		while (e < nfp && memcmp(rec(s, order[e])->sha256, rec(s, order[at])->sha256, 32) == 0)
			e++;
		if (e - at > 1)
			emit_group(a, s, MT_FIND_DUPLICATE, ++group, order + at, e - at);
		at = e;
	}
	free(order);
	/* near duplicates: every pair of distinct pictures within the
	 * threshold joins one group (found through neardup's index) */
	uint64_t *hashes = xcalloc(nreps + 1, sizeof *hashes);
	for (size_t i = 0; i < nreps; i++)
		hashes[i] = rec(s, reps[i])->phash;
	size_t *first = xcalloc(nreps + 1, sizeof *first);
	mt_neardup_groups(hashes, nreps, similarity, first);
	free(hashes);
	/* each group's members in order, after the group's first: a counting
	 * sort by group, so groups come in the order of their first member */
	size_t *start = xcalloc(nreps + 1, sizeof *start);
	for (size_t i = 0; i < nreps; i++)
		start[first[i]]++;
	size_t at = 0;
	in_groups = 0;
	for (size_t i = 0; i < nreps; i++) {
		size_t count = start[i];
		if (count > 1)
			in_groups += count;
		start[i] = at;
		at += count;
	}
	size_t *members = xcalloc(nreps + 1, sizeof *members);
	size_t *fill = xcalloc(nreps + 1, sizeof *fill);
	memcpy(fill, start, nreps * sizeof *fill);
	for (size_t i = 0; i < nreps; i++)
		members[fill[first[i]]++] = reps[i];
	free(reps);
	mt_audit_reserve(a, in_groups);
	int near = 0;
	for (size_t i = 0; i < nreps; i++) {
		size_t m = fill[i] - start[i];
		if (first[i] == i && m > 1)
			emit_group(a, s, MT_FIND_NEAR_DUPLICATE, ++near, members + start[i], m);
	}
	free(fill);
	free(members);
	free(start);
	free(first);
}

void
mt_audit_content(struct mt_audit *a, const struct mt_media *items,
                 const struct mt_audit_content_item *content, size_t n, int similarity,
                 int render_width)
{
	struct mt_auditset *s = mt_auditset_new();
	for (size_t i = 0; i < n; i++) {
		const struct mt_audit_content_item *c = &content[i];
		mt_auditset_add(s, &items[i]);
		struct mt_fingerprint fp;
		memset(&fp, 0, sizeof fp);
		memcpy(fp.sha256, c->sha256, sizeof fp.sha256);
		fp.has_phash = c->has_phash;
		fp.phash = c->phash;
		fp.width = c->width;
		fp.height = c->height;
		if (!mt_auditset_set_fp(s, i, c->status, c->has_fp ? &fp : NULL, c->error))
			mt_auditset_set_fp(s, i, c->status, NULL, NULL);
	}
	mt_auditset_forget_fetch(s);
	mt_audit_content_set(a, s, similarity, render_width);
}
