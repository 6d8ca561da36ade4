/* audit_content.c — findings from the bytes of the items: the same file
 * under any name, near duplicates, pictures far larger than the site shows
 * them, and downloads that failed or were left out of the budget. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
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

struct ctx {
	const struct mt_media *items;
	const struct mt_audit_content_item *c;
};

static bool
set(const char *s)
{
	return s && s[strspn(s, " \t\r\n")] != '\0';
}

static int
metadata_score(const struct mt_media *m)
{
	/* a focal point in the very centre is the default, not a choice */
	bool focal = m->focal_x >= 0 && m->focal_y >= 0 && !(m->focal_x == 50 && m->focal_y == 50);
	return set(m->alt) + set(m->title) + focal;
}

static int64_t
pixels(const struct mt_media *m, const struct mt_audit_content_item *c)
{
	if (c->has_phash && c->width > 0)
		return (int64_t)c->width * c->height;
	return m->width > 0 && m->height > 0 ? (int64_t)m->width * m->height : 0;
}

/* <0 when item i is the better one to keep */
static int
better(const struct ctx *x, size_t i, size_t j, const char **reason)
{
	const struct mt_media *a = &x->items[i], *b = &x->items[j];
	int sa = metadata_score(a), sb = metadata_score(b);
	if (sa != sb) {
		*reason = "metadata";
		return sb - sa;
	}
	int64_t pa = pixels(a, &x->c[i]), pb = pixels(b, &x->c[j]);
	if (pa != pb) {
		*reason = "largest";
		return pa > pb ? -1 : 1;
	}
	if (a->size != b->size) {
		*reason = "largest";
		return a->size > b->size ? -1 : 1;
	}
	*reason = "oldest";
	if (a->created_at && b->created_at) {
		int c = strcmp(a->created_at, b->created_at);
		if (c)
			return c;
	} else if (a->created_at || b->created_at) {
		return a->created_at ? -1 : 1;
	}
	return strcmp(a->id, b->id);
}

/* Picks the keeper among members and says why it wins over every other. */
static size_t
pick_keeper(const struct ctx *x, const size_t *members, size_t n, const char **reason)
{
	size_t best = members[0];
	for (size_t k = 1; k < n; k++) {
		const char *r;
		if (better(x, members[k], best, &r) < 0)
			best = members[k];
	}
	/* the reason: the strongest rule that sets it apart from all the rest */
	static const char *order[] = { "metadata", "largest", "oldest" };
	int worst = 0;
	for (size_t k = 0; k < n; k++) {
		if (members[k] == best)
			continue;
		const char *r = "oldest";
		better(x, best, members[k], &r);
		for (int o = 0; o < 3; o++)
			if (strcmp(r, order[o]) == 0 && o > worst)
				worst = o;
	}
	*reason = order[worst];
	return best;
}

static void
emit_group(struct mt_audit *a, const struct ctx *x, enum mt_finding_kind kind, int group,
           const size_t *members, size_t n, const int *distance)
{
	const char *reason;
	size_t keeper = pick_keeper(x, members, n, &reason);
	int64_t waste = 0;
	for (size_t k = 0; k < n; k++)
		if (members[k] != keeper && x->items[members[k]].size > 0)
			waste += x->items[members[k]].size;
	for (size_t k = 0; k < n; k++) {
		size_t i = members[k];
		struct mt_finding *f = mt_audit_add_finding(a, kind, &x->items[i], NULL);
		f->group = group;
		f->keep = i == keeper;
		f->keep_reason = f->keep ? reason : NULL;
		f->group_waste = waste;
		f->sha256 = xstrdup(x->c[i].sha256);
		if (kind == MT_FIND_NEAR_DUPLICATE) {
			f->distance = i == keeper ? 0 : distance ? distance[k] : -1;
			if (i != keeper)
				f->distance = mt_phash_distance(x->c[i].phash, x->c[keeper].phash);
		}
	}
}

static const struct mt_audit_content_item *sort_c;

static int
by_sha(const void *pa, const void *pb)
{
	size_t i = *(const size_t *)pa, j = *(const size_t *)pb;
	int c = strcmp(sort_c[i].sha256, sort_c[j].sha256);
	return c ? c : (i > j) - (i < j);
}

static void
oversized(struct mt_audit *a, const struct mt_media *m, const struct mt_audit_content_item *c,
          int render_width)
{
	int w = c->has_phash && c->width > 0 ? c->width : m->width;
	int h = c->has_phash && c->height > 0 ? c->height : m->height;
	if (render_width <= 0 || w <= 0 || h <= 0 || w <= render_width * OVERSIZE_FACTOR)
		return;
	/* bytes grow with the pixels: at render_width wide the file keeps
	 * (render_width / w)^2 of them */
	double keep = (double)render_width / w;
	int64_t saved = m->size > 0 ? (int64_t)((double)m->size * (1 - keep * keep)) : -1;
	char *detail = xasprintf(_("%d x %d px, shown at most %d px wide"), w, h, render_width);
	struct mt_finding *f = NULL;
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].kind == MT_FIND_OVERSIZED && a->findings[i].id &&
		    strcmp(a->findings[i].id, m->id) == 0)
			f = &a->findings[i];
	if (f) {
		free(f->detail);
		f->detail = detail;
	} else {
		f = mt_audit_add_finding(a, MT_FIND_OVERSIZED, m, detail);
	}
	f->saved = saved;
}

void
mt_audit_content(struct mt_audit *a, const struct mt_media *items,
                 const struct mt_audit_content_item *content, size_t n, int similarity,
                 int render_width)
{
	struct ctx x = { items, content };
	size_t *order = xcalloc(n + 1, sizeof *order);
	size_t nfp = 0;
	for (size_t i = 0; i < n; i++) {
		const struct mt_audit_content_item *c = &content[i];
		if (c->has_fp)
			order[nfp++] = i;
		else if (c->status == MT_FP_FAILED)
			mt_audit_add_finding(a, MT_FIND_DOWNLOAD_FAILED, &items[i],
			                     xstrdup(c->error ? c->error : _("the download failed")));
		else if (c->status == MT_FP_OVER_BUDGET)
			mt_audit_add_finding(a, MT_FIND_NOT_FETCHED, &items[i],
			                     xstrdup(_("left out: the download budget (--max-download) was reached")));
		if (c->has_fp || items[i].width > 0)
			oversized(a, &items[i], c, render_width);
	}
	/* byte-identical groups; each group's keeper stands for it below */
	sort_c = content;
	qsort(order, nfp, sizeof *order, by_sha);
	size_t *reps = xcalloc(nfp + 1, sizeof *reps);
	size_t nreps = 0;
	int group = 0;
	for (size_t s = 0; s < nfp; ) {
		size_t e = s + 1;
		while (e < nfp && strcmp(content[order[e]].sha256, content[order[s]].sha256) == 0)
			e++;
		const char *reason;
		size_t keeper = pick_keeper(&x, order + s, e - s, &reason);
		if (e - s > 1)
			emit_group(a, &x, MT_FIND_DUPLICATE, ++group, order + s, e - s, NULL);
		if (content[keeper].has_phash)
			reps[nreps++] = keeper;
		s = e;
	}
	/* near duplicates: every pair of distinct pictures within the
	 * threshold joins one group (found through neardup's index) */
	uint64_t *hashes = xcalloc(nreps + 1, sizeof *hashes);
	for (size_t i = 0; i < nreps; i++)
		hashes[i] = content[reps[i]].phash;
	size_t *first = xcalloc(nreps + 1, sizeof *first);
	mt_neardup_groups(hashes, nreps, similarity, first);
	free(hashes);
	/* each group's members in order, after the group's first: a counting
	 * sort by group, so groups come in the order of their first member */
	size_t *start = xcalloc(nreps + 1, sizeof *start);
	for (size_t i = 0; i < nreps; i++)
		start[first[i]]++;
	size_t at = 0;
	for (size_t i = 0; i < nreps; i++) {
		size_t count = start[i];
		start[i] = at;
		at += count;
	}
	size_t *members = xcalloc(nreps + 1, sizeof *members);
	size_t *fill = xcalloc(nreps + 1, sizeof *fill);
	memcpy(fill, start, nreps * sizeof *fill);
	for (size_t i = 0; i < nreps; i++)
		members[fill[first[i]]++] = reps[i];
	int near = 0;
	for (size_t i = 0; i < nreps; i++) {
		size_t m = fill[i] - start[i];
		if (first[i] == i && m > 1)
			emit_group(a, &x, MT_FIND_NEAR_DUPLICATE, ++near, members + start[i], m, NULL);
	}
	free(fill);
	free(members);
	free(start);
	free(first);
	free(reps);
	free(order);
}
