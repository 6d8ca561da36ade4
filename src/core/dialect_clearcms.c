/* dialect_clearcms.c — the full media library API (seed 001).
 *
 * Public endpoints (/api/v1/public/media) work without a key and return fewer
 * fields; keyed ones (/api/v1/media) add size, title, description, folder,
 * createdAt, search, sort and order. */
#include "config.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "http.h"
#include "i18n.h"
#include "site.h"
#include "strbuf.h"
#include "upload.h"
#include "xalloc.h"

enum call_kind { CALL_PAGE, CALL_ITEM, CALL_DONE, CALL_STRINGS };

/* One library call in flight. */
struct call {
	enum call_kind kind;
	const char *what;     /* for error messages: "listing media" */
	union {
		mt_page_fn page;
		mt_item_fn item;
		mt_done_fn done;
		mt_strings_fn strings;
	} fn;
	void *arg;
	mt_http_retry_fn on_retry;   /* told of the engine's retries */
	char *fallback_id;    /* PATCH answers that carry no item: fetch it */
	struct mt_site *site;
};

static void
call_fail(struct call *c, const struct mt_error *err)
{
	switch (c->kind) {
	case CALL_PAGE: c->fn.page(NULL, err, c->arg); break;
	case CALL_ITEM: c->fn.item(NULL, err, c->arg); break;
	case CALL_DONE: c->fn.done(err, c->arg); break;
	case CALL_STRINGS: c->fn.strings(NULL, 0, err, c->arg); break;
	}
}

static void
call_free(struct call *c)
{
	free(c->fallback_id);
	free(c);
}

static void
on_answer(const struct mt_http_response *resp, void *arg)
{
	struct call *c = arg;
	struct mt_error err;
	mt_error_clear(&err);
	if (resp->status < 200 || resp->status > 299) {
		mt_http_error_from_response(resp, c->what, &err);
		call_fail(c, &err);
		call_free(c);
		return;
	}
	switch (c->kind) {
	case CALL_PAGE: {
		struct mt_media_page page;
		if (mt_media_page_from_body(resp->body, resp->body_len, &page, NULL, &err) < 0) {
			mt_error_prefix(&err, "%s: ", c->what);
			call_fail(c, &err);
		} else {
			c->fn.page(&page, NULL, c->arg);
			mt_media_page_free(&page);
		}
		break;
	}
	case CALL_ITEM: {
		struct mt_media m;
		if (mt_media_item_from_body(resp->body, resp->body_len, &m, &err) < 0) {
			mt_error_prefix(&err, "%s: ", c->what);
			call_fail(c, &err);
		} else {
			c->fn.item(&m, NULL, c->arg);
			mt_media_free(&m);
		}
		break;
	}
	case CALL_DONE:
		c->fn.done(NULL, c->arg);
		break;
	case CALL_STRINGS: {
		char **v;
		size_t n;
		if (mt_folders_from_body(resp->body, resp->body_len, &v, &n, &err) < 0) {
			mt_error_prefix(&err, "%s: ", c->what);
			call_fail(c, &err);
		} else {
			c->fn.strings(v, n, NULL, c->arg);
			mt_strv_free(v, n);
		}
		break;
	}
	}
	call_free(c);
}

static int
start_call(struct mt_site *site, struct call *c, const struct mt_http_spec *spec, struct mt_error *err)
{
	c->site = site;
	if (mt_http_start(site->http, spec, on_answer, err) == NULL) {
		mt_error_prefix(err, "%s: ", c->what);
		call_free(c);
		return -1;
	}
	return 0;
}

static void
add_param(struct strbuf *q, const char *name, const char *value)
{
	if (value == NULL)
		return;
	char *esc = curl_easy_escape(NULL, value, 0);
	strbuf_printf(q, "%c%s=%s", q->len ? '&' : '?', name, esc ? esc : "");
	curl_free(esc);
}

static int
clearcms_list(struct mt_site *site, const struct mt_list_query *qq, mt_page_fn fn, void *arg,
              struct mt_error *err)
{
	if (!site->has_key && (qq->search || qq->sort || qq->order))
		return mt_error_set(err, MT_ERR_CONFIG,
		                    _("search and sort need an API key (profile '%s' has none)"),
		                    site->profile->name);
	struct strbuf q = STRBUF_INIT;
	add_param(&q, "folder", qq->folder);
	add_param(&q, "type", qq->type);
	if (site->has_key) {
		add_param(&q, "search", qq->search);
		add_param(&q, "sort", qq->sort);
		add_param(&q, "order", qq->order);
	}
	char num[32];
	if (qq->limit > 0) {
		snprintf(num, sizeof num, "%ld", qq->limit);
		add_param(&q, "limit", num);
	}
	if (qq->offset > 0) {
		snprintf(num, sizeof num, "%ld", qq->offset);
		add_param(&q, "offset", num);
	}
	char *url = xasprintf("%s%s", site->has_key ? "api/v1/media" : "api/v1/public/media",
	                      strbuf_str(&q));
	strbuf_free(&q);
	struct call *c = xcalloc(1, sizeof *c);
	c->kind = CALL_PAGE;
	c->what = _("listing media");
	c->fn.page = fn;
	c->arg = arg;
	struct mt_http_spec spec = { .method = "GET", .url = url, .api = true, .retry = true, .arg = c };
	int rc = start_call(site, c, &spec, err);
	free(url);
	return rc;
}

static char *
item_path(const struct mt_site *site, const char *id, bool keyed)
{
	char *esc = curl_easy_escape(NULL, id, 0);
	char *url = xasprintf("%s/%s", keyed ? "api/v1/media" : "api/v1/public/media", esc ? esc : "");
	curl_free(esc);
	(void)site;
	return url;
}

static void call_retry(const struct mt_http_retry *retry, void *arg);

static int
clearcms_get(struct mt_site *site, const char *id, mt_http_retry_fn on_retry, mt_item_fn fn,
             void *arg, struct mt_error *err)
{
	char *url = item_path(site, id, site->has_key);
	struct call *c = xcalloc(1, sizeof *c);
	c->kind = CALL_ITEM;
	c->what = _("reading media item");
	c->fn.item = fn;
	c->arg = arg;
	c->on_retry = on_retry;
	struct mt_http_spec spec = {
		.method = "GET", .url = url, .api = true, .retry = true,
		.on_retry = on_retry ? call_retry : NULL, .arg = c
	};
	int rc = start_call(site, c, &spec, err);
	free(url);
	return rc;
}

static void
call_retry(const struct mt_http_retry *retry, void *arg)
{
	struct call *c = arg;
	c->on_retry(retry, c->arg);
}

static int
clearcms_patch(struct mt_site *site, const char *id, const struct mt_media_patch *p, mt_item_fn fn,
               void *arg, struct mt_error *err)
{
	if (p->folder && !mt_folder_path_valid(p->folder))
		return mt_error_set(err, MT_ERR_USAGE, _("'%s' is not a valid folder path"), p->folder);
	json_t *body = json_object();
	if (p->alt)
		json_object_set_new(body, "alt", json_string(p->alt));
	if (p->title)
		json_object_set_new(body, "title", json_string(p->title));
	if (p->description)
		json_object_set_new(body, "description", json_string(p->description));
	if (p->folder)
		json_object_set_new(body, "folder", json_string(p->folder));
	if (p->has_focal) {
		/* whole percentages are sent as integers, as the API documents them */
		double x = p->focal_x, y = p->focal_y;
		json_object_set_new(body, "focalX", x == (double)(long)x ? json_integer((long)x) : json_real(x));
		json_object_set_new(body, "focalY", y == (double)(long)y ? json_integer((long)y) : json_real(y));
	}
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	char *url = item_path(site, id, true);
	struct call *c = xcalloc(1, sizeof *c);
	c->kind = CALL_ITEM;
	c->what = _("saving media metadata");
	c->fn.item = fn;
	c->arg = arg;
	c->on_retry = p->on_retry;
	static const char *const json_hdr[] = { "Content-Type: application/json", NULL };
	/* PATCH sets absolute values, so repeating it is harmless */
	struct mt_http_spec spec = {
		.method = "PATCH", .url = url, .api = true, .headers = json_hdr,
		.body = text, .body_len = strlen(text), .retry = true,
		.on_retry = p->on_retry ? call_retry : NULL, .arg = c
	};
	int rc = start_call(site, c, &spec, err);
	free(url);
	free(text);
	return rc;
}

static int
clearcms_remove(struct mt_site *site, const char *id, mt_done_fn fn, void *arg, struct mt_error *err)
{
	char *url = item_path(site, id, true);
	struct call *c = xcalloc(1, sizeof *c);
	c->kind = CALL_DONE;
	c->what = _("deleting media");
	c->fn.done = fn;
	c->arg = arg;
	/* Not retried: after a lost answer a repeat would report 404 for a delete that worked. */
	struct mt_http_spec spec = { .method = "DELETE", .url = url, .api = true, .arg = c };
	int rc = start_call(site, c, &spec, err);
	free(url);
	return rc;
}

static int
clearcms_folders(struct mt_site *site, mt_strings_fn fn, void *arg, struct mt_error *err)
{
	struct call *c = xcalloc(1, sizeof *c);
	c->kind = CALL_STRINGS;
	c->what = _("listing folders");
	c->fn.strings = fn;
	c->arg = arg;
	struct mt_http_spec spec = {
		.method = "GET", .url = "api/v1/media/folders", .api = true, .retry = true, .arg = c
	};
	return start_call(site, c, &spec, err);
}

static int
folder_call(struct mt_site *site, const char *method, const char *path, const char *what,
            mt_done_fn fn, void *arg, struct mt_error *err)
{
	if (!mt_folder_path_valid(path))
		return mt_error_set(err, MT_ERR_USAGE,
		                    _("'%s' is not a valid folder path (it must start with '/', "
		                      "without empty, '.' or '..' parts)"), path);
	json_t *body = json_pack("{s:s}", "path", path);
	char *text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	struct call *c = xcalloc(1, sizeof *c);
	c->kind = CALL_DONE;
	c->what = what;
	c->fn.done = fn;
	c->arg = arg;
	static const char *const json_hdr[] = { "Content-Type: application/json", NULL };
	struct mt_http_spec spec = {
		.method = method, .url = "api/v1/media/folders", .api = true, .headers = json_hdr,
		.body = text, .body_len = strlen(text), .arg = c
	};
	int rc = start_call(site, c, &spec, err);
	free(text);
	return rc;
}

static int
clearcms_folder_create(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
                       struct mt_error *err)
{
	return folder_call(site, "POST", path, _("creating folder"), fn, arg, err);
}

static int
clearcms_folder_delete(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
                       struct mt_error *err)
{
	if (strcmp(path, "/") == 0)
		return mt_error_set(err, MT_ERR_USAGE, _("the root folder / cannot be deleted"));
	return folder_call(site, "DELETE", path, _("deleting folder"), fn, arg, err);
}

const struct mt_dialect mt_dialect_clearcms = {
	.name = "clearcms",
	.caps = MT_CAP_BROWSE | MT_CAP_EDIT | MT_CAP_DELETE | MT_CAP_FOLDERS | MT_CAP_UPLOAD |
	        MT_CAP_PUBLIC,
	.list = clearcms_list,
	.get = clearcms_get,
	.patch = clearcms_patch,
	.remove = clearcms_remove,
	.folders = clearcms_folders,
	.folder_create = clearcms_folder_create,
	.folder_delete = clearcms_folder_delete,
	.upload = &mt_upload_clearcms,
};
