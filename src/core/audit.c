/* audit.c — what needs attention in a library. */
#include "config.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auditset.h"
#include "dialect.h"
#include "digest.h"
#include "i18n.h"
#include "mime.h"
#include "xalloc.h"

/* What the audit keeps of an item of a known size: enough for a duplicate
 * finding or an oversized one. */
struct mt_audit_sized {
	int64_t size;
	char *filename;      /* may be NULL: never a duplicate by name */
	char *id;
	char *folder;
	char *created_at;
};

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
mt_audit_init(struct mt_audit *a, int64_t large_bytes)
{
	memset(a, 0, sizeof *a);
	a->large_bytes = large_bytes > 0 ? large_bytes : MT_AUDIT_DEFAULT_LARGE;
}

int64_t
mt_audit_pick_large(int64_t option, int64_t profile)
{
	if (option > 0)
		return option;
	return profile > 0 ? profile : MT_AUDIT_DEFAULT_LARGE;
}

struct mt_finding *
mt_audit_add_finding(struct mt_audit *a, enum mt_finding_kind kind, const struct mt_media *m, char *detail)
{
	/* doubling: one item in seven lacks alt text, and growing by one copied
	 * the whole array each time (quadratic where realloc cannot extend) */
	if (a->nfindings == a->findings_cap) {
		a->findings_cap = a->findings_cap ? 2 * a->findings_cap : 64;
		a->findings = xreallocarray(a->findings, a->findings_cap, sizeof *a->findings);
	}
	struct mt_finding *f = &a->findings[a->nfindings++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->size = -1;
	f->distance = -1;
	f->saved = -1;
	if (m) {
		f->id = dup_or_null(m->id);
		f->filename = dup_or_null(m->filename);
		f->folder = dup_or_null(m->folder);
		f->created_at = dup_or_null(m->created_at);
		f->size = m->size;
	}
	f->detail = detail;
	return f;
}

void
mt_audit_reserve(struct mt_audit *a, size_t more)
{
	/* room for exactly these and a few more (empty folders): a content
	 * audit can make a finding of every item, and doubling then left up
	 * to half of the array unused at the peak */
	size_t want = a->nfindings + more + 64;
	if (want > a->findings_cap) {
		a->findings_cap = want;
		a->findings = xreallocarray(a->findings, a->findings_cap, sizeof *a->findings);
	}
}

static void
note_folder_used(struct mt_audit *a, const char *folder)
{
	for (size_t i = 0; i < a->nused; i++)
		if (strcmp(a->used_folders[i], folder) == 0)
			return;
	if (a->nused == a->used_cap) {
		a->used_cap = a->used_cap ? a->used_cap * 2 : 16;
		a->used_folders = xreallocarray(a->used_folders, a->used_cap, sizeof *a->used_folders);
	}
	a->used_folders[a->nused++] = xstrdup(folder);
}

void
mt_audit_add(struct mt_audit *a, const struct mt_media *m)
{
	a->scanned++;
	note_folder_used(a, m->folder ? m->folder : "/");
	bool image = m->mime_type && strncmp(m->mime_type, "image/", 6) == 0;
	if (image && (m->alt == NULL || m->alt[strspn(m->alt, " \t\r\n")] == '\0'))
		mt_audit_add_finding(a, MT_FIND_MISSING_ALT, m, NULL);
	if (m->size > a->large_bytes)
		mt_audit_add_finding(a, MT_FIND_OVERSIZED, m, NULL);
	if (m->filename && m->mime_type && !mt_mime_name_agrees(m->filename, m->mime_type)) {
		const char *dot = strrchr(m->filename, '.');
		mt_audit_add_finding(a, MT_FIND_MISMATCH, m,
		            xasprintf(_("named %s, served as %s"), dot ? dot : m->filename, m->mime_type));
	}
	/* kept for the duplicates by name (mt_audit_finish) and for another
	 * threshold (mt_audit_set_large); a content audit keeps its items
	 * compact in its set instead, and finds duplicates by their bytes */
	if (m->size >= 0 && !a->by_content) {
		if (a->nsized == a->sized_cap) {
			a->sized_cap = a->sized_cap ? a->sized_cap * 2 : 256;
			a->sized = xreallocarray(a->sized, a->sized_cap, sizeof *a->sized);
		}
		a->sized[a->nsized++] = (struct mt_audit_sized){
			m->size, dup_or_null(m->filename), dup_or_null(m->id), dup_or_null(m->folder),
			dup_or_null(m->created_at)
		};
	}
}

static int
cmp_str_null(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return (x != NULL) - (y != NULL);
	return strcmp(x, y);
}

static int
dup_order(const void *pa, const void *pb)
{
	const struct mt_audit_sized *x = pa, *y = pb;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	int c = cmp_str_null(x->filename, y->filename);
	if (c)
		return c;
	/* ISO 8601 timestamps sort as strings; the oldest first. Unknown last. */
	c = cmp_str_null(x->created_at, y->created_at);
	if (x->created_at == NULL || y->created_at == NULL)
		c = -c;
	return c ? c : cmp_str_null(x->id, y->id);
}

static bool
folder_has_used_descendant(const struct mt_audit *a, const char *folder, char *const *all, size_t nall)
{
	size_t fl = strlen(folder);
	for (size_t i = 0; i < a->nused; i++) {
		const char *u = a->used_folders[i];
		if (mt_folder_within(u, folder))
			return true;
	}
	/* a folder that only holds other folders is not "empty" either */
	for (size_t i = 0; i < nall; i++)
		if (strcmp(all[i], folder) != 0 && strncmp(all[i], folder, fl) == 0 && all[i][fl] == '/')
			return true;
	return false;
}

static int
finding_order(const void *pa, const void *pb)
{
	const struct mt_finding *x = pa, *y = pb;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->group != y->group)
		return x->group - y->group;
	if (x->keep != y->keep)
		return x->keep ? -1 : 1;
	int c = cmp_str_null(x->folder, y->folder);
	return c ? c : cmp_str_null(x->id, y->id);
}

/* A kept item as the media a finding is made from (its strings borrowed). */
static struct mt_media
sized_media(const struct mt_audit_sized *k)
{
	struct mt_media m;
	mt_media_init(&m);
	m.id = k->id;
	m.filename = k->filename;
	m.folder = k->folder;
	m.created_at = k->created_at;
	m.size = k->size;
	return m;
}

void
mt_audit_finish(struct mt_audit *a, char *const *folders, size_t nfolders)
{
	if (a->nsized)
		qsort(a->sized, a->nsized, sizeof *a->sized, dup_order);
	int group = 0;
	/* with the content, duplicates are the same bytes (mt_audit_content) */
	for (size_t i = 0; i < a->nsized && !a->by_content; ) {
		size_t j = i + 1;
		while (j < a->nsized && a->sized[i].filename && a->sized[j].size == a->sized[i].size &&
		       cmp_str_null(a->sized[j].filename, a->sized[i].filename) == 0)
			j++;
		if (j - i > 1) {
			group++;
			for (size_t k = i; k < j; k++) {
				struct mt_media m = sized_media(&a->sized[k]);
				struct mt_finding *f = mt_audit_add_finding(a, MT_FIND_DUPLICATE, &m, NULL);
				f->group = group;
				f->keep = k == i;
			}
		}
		i = j;
	}
	for (size_t i = 0; i < nfolders; i++) {
		if (strcmp(folders[i], "/") == 0)
			continue;
		if (!folder_has_used_descendant(a, folders[i], folders, nfolders)) {
			struct mt_finding *f = mt_audit_add_finding(a, MT_FIND_EMPTY_FOLDER, NULL, NULL);
			f->folder = xstrdup(folders[i]);
		}
	}
	if (a->nfindings)
		qsort(a->findings, a->nfindings, sizeof *a->findings, finding_order);
}

static int
cmp_id(const void *pa, const void *pb)
{
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

static void
finding_free(struct mt_finding *f)
{
	if (!f->borrowed) {   /* else they live in the audit's set */
		free(f->id);
		free(f->filename);
		free(f->folder);
		free(f->created_at);
	}
	free(f->detail);
}

long
mt_audit_set_large(struct mt_audit *a, int64_t large_bytes)
{
	if (large_bytes <= 0 || a->by_content)
		return -1;
	a->large_bytes = large_bytes;
	/* the findings by bytes go (they have no detail); a picture's in
	 * pixels stays, and an item it names gets no second one */
	size_t k = 0, npix = 0;
	for (size_t i = 0; i < a->nfindings; i++) {
		struct mt_finding *f = &a->findings[i];
		if (f->kind == MT_FIND_OVERSIZED && f->detail == NULL) {
			finding_free(f);
			continue;
		}
		npix += f->kind == MT_FIND_OVERSIZED && f->id;
		a->findings[k++] = *f;
	}
	a->nfindings = k;
	char **pix = xcalloc(npix ? npix : 1, sizeof *pix);
	npix = 0;
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].kind == MT_FIND_OVERSIZED && a->findings[i].id)
			pix[npix++] = a->findings[i].id;
	qsort(pix, npix, sizeof *pix, cmp_id);
	long over = (long)npix;
	for (size_t i = 0; i < a->nsized; i++) {
		const struct mt_audit_sized *it = &a->sized[i];
		if (it->size <= large_bytes)
			continue;
		if (it->id && npix && bsearch(&it->id, pix, npix, sizeof *pix, cmp_id))
			continue;
		struct mt_media m = sized_media(it);
		mt_audit_add_finding(a, MT_FIND_OVERSIZED, &m, NULL);
		over++;
	}
	free(pix);
	if (a->nfindings)
		qsort(a->findings, a->nfindings, sizeof *a->findings, finding_order);
	return over;
}

const char *
mt_finding_kind_name(enum mt_finding_kind kind)
{
	switch (kind) {
	case MT_FIND_MISSING_ALT: return "missing-alt";
	case MT_FIND_OVERSIZED: return "oversized";
	case MT_FIND_DUPLICATE: return "duplicate";
	case MT_FIND_MISMATCH: return "mismatch";
	case MT_FIND_EMPTY_FOLDER: return "empty-folder";
	case MT_FIND_NEAR_DUPLICATE: return "near-duplicate";
	case MT_FIND_DOWNLOAD_FAILED: return "download-failed";
	case MT_FIND_NOT_FETCHED: return "not-fetched";
	}
	return "unknown";
}

int
mt_finding_kinds_parse(const char *list, unsigned *kinds)
{
	*kinds = 0;
	const char *p = list;
	for (;;) {
		size_t n = strcspn(p, ",");
		bool known = false;
		for (int k = MT_FIND_MISSING_ALT; k <= MT_FIND_LAST; k++) {
			const char *name = mt_finding_kind_name((enum mt_finding_kind)k);
			if (n > 0 && strlen(name) == n && strncmp(p, name, n) == 0) {
				*kinds |= 1u << k;
				known = true;
			}
		}
		if (!known)
			return -1;
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

size_t
mt_audit_count_kinds(const struct mt_audit *a, unsigned kinds)
{
	size_t n = 0;
	for (size_t i = 0; i < a->nfindings; i++)
		n += (kinds >> a->findings[i].kind) & 1u;
	return n;
}

json_t *
mt_audit_finding_json(const struct mt_finding *f)
{
	json_t *o = json_pack("{s:s}", "kind", mt_finding_kind_name(f->kind));
	if (f->id)
		json_object_set_new(o, "id", json_string(f->id));
	if (f->filename)
		json_object_set_new(o, "filename", json_string(f->filename));
	if (f->folder)
		json_object_set_new(o, "folder", json_string(f->folder));
	if (f->size >= 0)
		json_object_set_new(o, "size", json_integer(f->size));
	if (f->created_at)
		json_object_set_new(o, "createdAt", json_string(f->created_at));
	if (f->detail)
		json_object_set_new(o, "detail", json_string(f->detail));
	if (f->kind == MT_FIND_DUPLICATE || f->kind == MT_FIND_NEAR_DUPLICATE) {
		json_object_set_new(o, "group", json_integer(f->group));
		json_object_set_new(o, "keep", json_boolean(f->keep));
	}
	if (f->keep_reason)
		json_object_set_new(o, "keepReason", json_string(f->keep_reason));
	if (f->distance >= 0)
		json_object_set_new(o, "distance", json_integer(f->distance));
	if (f->group_waste > 0)
		json_object_set_new(o, "groupWaste", json_integer(f->group_waste));
	if (f->saved >= 0)
		json_object_set_new(o, "resizeSaves", json_integer(f->saved));
	if (f->sha256) {
		char hex[65];
		mt_bytes_to_hex(f->sha256, 32, hex);
		json_object_set_new(o, "sha256", json_string(hex));
	}
	return o;
}

json_t *
mt_audit_summary_json(const struct mt_audit *a)
{
	json_t *doc = json_pack("{s:I,s:I,s:[]}", "scanned", (json_int_t)a->scanned,
	                        "largeBytes", (json_int_t)a->large_bytes, "findings");
	if (a->by_content)
		json_object_set_new(doc, "content",
		                    json_pack("{s:I,s:I,s:I,s:I,s:I}", "downloaded", (json_int_t)a->content_fetched,
		                              "cached", (json_int_t)a->content_cached,
		                              "failed", (json_int_t)a->content_failed,
		                              "notFetched", (json_int_t)a->content_skipped,
		                              "bytesDownloaded", (json_int_t)a->content_bytes));
	return doc;
}

json_t *
mt_audit_to_json(const struct mt_audit *a)
{
	json_t *doc = mt_audit_summary_json(a);
	json_t *arr = json_object_get(doc, "findings");
	for (size_t i = 0; i < a->nfindings; i++)
		json_array_append_new(arr, mt_audit_finding_json(&a->findings[i]));
	return doc;
}

void
mt_audit_free(struct mt_audit *a)
{
	for (size_t i = 0; i < a->nfindings; i++)
		finding_free(&a->findings[i]);
	mt_auditset_free(a->set);
	free(a->findings);
	for (size_t i = 0; i < a->nsized; i++) {
		free(a->sized[i].filename);
		free(a->sized[i].id);
		free(a->sized[i].folder);
		free(a->sized[i].created_at);
	}
	free(a->sized);
	for (size_t i = 0; i < a->nused; i++)
		free(a->used_folders[i]);
	free(a->used_folders);
	memset(a, 0, sizeof *a);
}
