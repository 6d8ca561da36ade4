/* media.c — a remote media item and a page of them, read from JSON. */
#include "config.h"

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jsonx.h"
#include "media.h"
#include "xalloc.h"

void
mt_media_init(struct mt_media *m)
{
	memset(m, 0, sizeof *m);
	m->size = -1;
	m->width = m->height = -1;
	m->focal_x = m->focal_y = -1;
}

void
mt_media_free(struct mt_media *m)
{
	free(m->id);
	free(m->filename);
	free(m->mime_type);
	free(m->alt);
	free(m->title);
	free(m->description);
	free(m->url);
	free(m->folder);
	free(m->created_at);
	mt_media_init(m);
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
mt_media_copy(struct mt_media *dst, const struct mt_media *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->filename = dup_or_null(src->filename);
	dst->mime_type = dup_or_null(src->mime_type);
	dst->alt = dup_or_null(src->alt);
	dst->title = dup_or_null(src->title);
	dst->description = dup_or_null(src->description);
	dst->url = dup_or_null(src->url);
	dst->folder = dup_or_null(src->folder);
	dst->created_at = dup_or_null(src->created_at);
}

static bool
same_text(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

bool
mt_media_same(const struct mt_media *x, const struct mt_media *y)
{
	return same_text(x->id, y->id) && same_text(x->filename, y->filename) &&
	       same_text(x->mime_type, y->mime_type) && x->size == y->size && x->width == y->width &&
	       x->height == y->height && same_text(x->alt, y->alt) && same_text(x->title, y->title) &&
	       same_text(x->description, y->description) && same_text(x->url, y->url) &&
	       same_text(x->folder, y->folder) && x->focal_x == y->focal_x &&
	       x->focal_y == y->focal_y;
}

void
mt_strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
mt_media_page_free(struct mt_media_page *page)
{
	for (size_t i = 0; i < page->nitems; i++)
		mt_media_free(&page->items[i]);
	free(page->items);
	mt_strv_free(page->folders, page->nfolders);
	memset(page, 0, sizeof *page);
}

void
mt_media_page_copy(struct mt_media_page *dst, const struct mt_media_page *src)
{
	*dst = *src;
	dst->items = xcalloc(src->nitems + 1, sizeof *dst->items);
	for (size_t i = 0; i < src->nitems; i++)
		mt_media_copy(&dst->items[i], &src->items[i]);
	dst->folders = NULL;
	if (src->nfolders > 0) {
		dst->folders = xcalloc(src->nfolders + 1, sizeof *dst->folders);
		for (size_t i = 0; i < src->nfolders; i++)
			dst->folders[i] = xstrdup(src->folders[i]);
	}
}

static int
read_dimension(const json_t *obj, const char *name)
{
	int64_t v;
	if (!jx_int64(obj, name, &v) || v < 0 || v > 1000000)
		return -1;
	return (int)v;
}

static double
read_focal(const json_t *obj, const char *name)
{
	double v;
	if (!jx_double(obj, name, &v) || v < 0 || v > 100)
		return -1;
	return v;
}

int
mt_media_from_json(const json_t *obj, struct mt_media *m, struct mt_error *err)
{
	mt_media_init(m);
	if (!json_is_object(obj))
		return mt_error_set(err, MT_ERR_PROTOCOL, _("a media item is not a JSON object"));
	m->id = jx_strdup(obj, "id");
	if (m->id == NULL || m->id[0] == '\0') {
		mt_media_free(m);
		return mt_error_set(err, MT_ERR_PROTOCOL, _("a media item has no id"));
	}
	m->filename = jx_strdup(obj, "filename");
	m->mime_type = jx_strdup(obj, "mimeType");
	int64_t size;
	if (jx_int64(obj, "size", &size) && size >= 0)
		m->size = size;
	m->width = read_dimension(obj, "width");
	m->height = read_dimension(obj, "height");
	m->alt = jx_strdup(obj, "alt");
	m->title = jx_strdup(obj, "title");
	m->description = jx_strdup(obj, "description");
	m->url = jx_strdup(obj, "url");
	m->folder = jx_strdup(obj, "folder");
	m->focal_x = read_focal(obj, "focalX");
	m->focal_y = read_focal(obj, "focalY");
	m->created_at = jx_strdup(obj, "createdAt");
	return 0;
}

int
mt_media_item_from_body(const char *body, size_t len, struct mt_media *m, struct mt_error *err)
{
	json_t *root = jx_parse(body, len);
	if (root == NULL) {
		mt_media_init(m);
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the server's answer is not JSON"));
	}
	int rc = mt_media_from_json(jx_unwrap_data(root), m, err);
	json_decref(root);
	return rc;
}

static int
read_string_array(const json_t *arr, char ***out, size_t *n)
{
	size_t i;
	json_t *v;
	*out = NULL;
	*n = 0;
	if (!json_is_array(arr))
		return -1;
	*out = xcalloc(json_array_size(arr) + 1, sizeof **out);
	json_array_foreach(arr, i, v) {
		if (json_is_string(v))
			(*out)[(*n)++] = xstrdup(json_string_value(v));
	}
	return 0;
}

int
mt_media_page_from_body(const char *body, size_t len, struct mt_media_page *page,
                        size_t *skipped, struct mt_error *err)
{
	memset(page, 0, sizeof *page);
	if (skipped)
		*skipped = 0;
	json_t *root = jx_parse(body, len);
	if (root == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the server's answer is not JSON"));
	const json_t *data = json_is_array(root) ? root : json_object_get(root, "data");
	if (!json_is_array(data)) {
		json_decref(root);
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the media list has no data array"));
	}
	size_t n = json_array_size(data);
	page->items = xcalloc(n + 1, sizeof *page->items);
	size_t i;
	json_t *item;
	json_array_foreach(data, i, item) {
		struct mt_error ignored;
		if (mt_media_from_json(item, &page->items[page->nitems], &ignored) == 0)
			page->nitems++;
		else if (skipped)
			(*skipped)++;
	}
	int64_t v;
	page->offset = jx_int64(root, "offset", &v) && v >= 0 ? v : 0;
	page->limit = jx_int64(root, "limit", &v) && v > 0 ? v : (int64_t)n;
	int64_t floor_total = page->offset + (int64_t)page->nitems;
	page->total = jx_int64(root, "total", &v) && v >= floor_total ? v : floor_total;
	read_string_array(json_object_get(root, "folders"), &page->folders, &page->nfolders);
	json_decref(root);
	return 0;
}

bool
mt_media_page_more(const struct mt_media_page *page, long asked, int64_t seen)
{
	if (page->nitems == 0 || seen >= page->total)
		return false;
	int64_t full = asked > 0 ? asked : page->limit;
	if (page->limit > 0 && page->limit < full)
		full = page->limit;
	return (int64_t)page->nitems >= full;
}

bool
mt_media_page_repeats(const struct mt_media_page *page, char **prev_first)
{
	if (page->nitems == 0)
		return false;
	const char *first = page->items[0].id;
	if (*prev_first && strcmp(*prev_first, first) == 0)
		return true;
	free(*prev_first);
	*prev_first = xstrdup(first);
	return false;
}

int
mt_folders_from_body(const char *body, size_t len, char ***folders, size_t *n, struct mt_error *err)
{
	*folders = NULL;
	*n = 0;
	json_t *root = jx_parse(body, len);
	if (root == NULL)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the server's answer is not JSON"));
	const json_t *arr = json_is_array(root) ? root : json_object_get(root, "folders");
	if (!json_is_array(arr))
		arr = json_object_get(jx_unwrap_data(root), "folders");
	if (!json_is_array(arr) && json_is_array(json_object_get(root, "data")))
		arr = json_object_get(root, "data");
	int rc = read_string_array(arr, folders, n);
	json_decref(root);
	if (rc < 0)
		return mt_error_set(err, MT_ERR_PROTOCOL, _("the folder list is not an array of paths"));
	return 0;
}

const char *
mt_media_kind(const char *mime)
{
	if (mime == NULL)
		return "document";
	if (strncmp(mime, "image/", 6) == 0)
		return "image";
	if (strncmp(mime, "video/", 6) == 0)
		return "video";
	if (strncmp(mime, "audio/", 6) == 0)
		return "audio";
	return "document";
}

const char *
mt_media_kind_label(const char *kind)
{
	/* TRANSLATORS: media families in usage tables and type filters */
	static const char *const labels[] = { N_("image"), N_("video"), N_("audio"), N_("document") };
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (kind && strcmp(kind, labels[i]) == 0)
			return _(labels[i]);
	return kind;
}

static void
set_str(json_t *o, const char *k, const char *v)
{
	if (v)
		json_object_set_new(o, k, json_string(v));
}

json_t *
mt_media_to_json(const struct mt_media *m)
{
	json_t *o = json_object();
	set_str(o, "id", m->id);
	set_str(o, "filename", m->filename);
	set_str(o, "mimeType", m->mime_type);
	if (m->size >= 0)
		json_object_set_new(o, "size", json_integer(m->size));
	if (m->width >= 0)
		json_object_set_new(o, "width", json_integer(m->width));
	if (m->height >= 0)
		json_object_set_new(o, "height", json_integer(m->height));
	set_str(o, "alt", m->alt);
	set_str(o, "title", m->title);
	set_str(o, "description", m->description);
	set_str(o, "url", m->url);
	set_str(o, "folder", m->folder);
	if (m->focal_x >= 0)
		json_object_set_new(o, "focalX", json_real(m->focal_x));
	if (m->focal_y >= 0)
		json_object_set_new(o, "focalY", json_real(m->focal_y));
	set_str(o, "createdAt", m->created_at);
	return o;
}
