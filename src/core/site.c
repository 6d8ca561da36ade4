/* site.c — one configured remote library: profile, dialect, HTTP engine. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "pager.h"
#include "site.h"
#include "strbuf.h"
#include "xalloc.h"

int
mt_site_open(struct mt_site *site, struct mt_loop *loop, const struct mt_profile *p,
             struct mt_error *err)
{
	memset(site, 0, sizeof *site);
	site->dialect = mt_dialect_find(p->api);
	if (site->dialect == NULL)
		return mt_error_set(err, MT_ERR_CONFIG, _("profile '%s': unknown api '%s'"), p->name, p->api);
	struct mt_secret *key = NULL;
	if (mt_profile_load_key(p, &key, err) < 0)
		return -1;
	site->loop = loop;
	site->profile = p;
	site->has_key = key != NULL;
	size_t ul = strlen(p->url);
	site->base = ul && p->url[ul - 1] == '/' ? xstrdup(p->url) : xasprintf("%s/", p->url);

	/* adclear identifies the end user with headers on every API call */
	const char *headers[4];
	int nh = 0;
	char *h_user = NULL, *h_mail = NULL, *h_ws = NULL;
	if (p->external_user_id)
		headers[nh++] = h_user = xasprintf("x-external-user-id: %s", p->external_user_id);
	if (p->external_user_email)
		headers[nh++] = h_mail = xasprintf("x-external-user-email: %s", p->external_user_email);
	if (p->workspace_id)
		headers[nh++] = h_ws = xasprintf("x-adclear-workspace-id: %s", p->workspace_id);
	headers[nh] = NULL;

	struct mt_http_config hc = {
		.api_base = site->base,
		.key = key,
		.api_headers = headers,
		.ca_file = p->ca_file,
		.connect_timeout_s = p->connect_timeout,
		.stall_timeout_s = p->stall_timeout,
	};
	site->http = mt_http_new(loop, &hc);
	mt_secret_free(key);
	free(h_user);
	free(h_mail);
	free(h_ws);
	return 0;
}

void
mt_site_close(struct mt_site *site)
{
	mt_http_free(site->http);
	free(site->base);
	memset(site, 0, sizeof *site);
}

int
mt_site_require(const struct mt_site *site, unsigned caps, bool needs_key, struct mt_error *err)
{
	if ((site->dialect->caps & caps) != caps)
		return mt_error_set(err, MT_ERR_UNSUPPORTED,
		                    _("the %s API cannot do this (profile '%s')"),
		                    site->dialect->name, site->profile->name);
	if (needs_key && !site->has_key)
		return mt_error_set(err, MT_ERR_CONFIG,
		                    _("profile '%s' has no key: set key_env or key_file to do this"),
		                    site->profile->name);
	return 0;
}

/* ---- blocking wrappers ---- */

struct waiter {
	bool done;
	int rc;
	struct mt_error *err;
	struct mt_media_page *page;
	struct mt_media *item;
	char ***strings;
	size_t *nstrings;
};

static void
wait_fail(struct waiter *w, const struct mt_error *err)
{
	w->rc = -1;
	if (w->err)
		*w->err = *err;
}

static void
on_page(const struct mt_media_page *page, const struct mt_error *err, void *arg)
{
	struct waiter *w = arg;
	w->done = true;
	if (err) {
		wait_fail(w, err);
		return;
	}
	/* steal nothing: deep-copy so the dialect may free its own */
	struct mt_media_page *o = w->page;
	*o = *page;
	o->items = xcalloc(page->nitems + 1, sizeof *o->items);
	for (size_t i = 0; i < page->nitems; i++)
		mt_media_copy(&o->items[i], &page->items[i]);
	o->folders = NULL;
	o->nfolders = 0;
	if (page->folders) {
		o->folders = xcalloc(page->nfolders + 1, sizeof *o->folders);
		for (size_t i = 0; i < page->nfolders; i++)
			o->folders[i] = xstrdup(page->folders[i]);
		o->nfolders = page->nfolders;
	}
}

static void
on_item(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct waiter *w = arg;
	w->done = true;
	if (err) {
		wait_fail(w, err);
		return;
	}
	if (w->item)
		mt_media_copy(w->item, item);
}

static void
on_done(const struct mt_error *err, void *arg)
{
	struct waiter *w = arg;
	w->done = true;
	if (err)
		wait_fail(w, err);
}

static void
on_strings(char *const *v, size_t n, const struct mt_error *err, void *arg)
{
	struct waiter *w = arg;
	w->done = true;
	if (err) {
		wait_fail(w, err);
		return;
	}
	*w->strings = xcalloc(n + 1, sizeof **w->strings);
	for (size_t i = 0; i < n; i++)
		(*w->strings)[i] = xstrdup(v[i]);
	*w->nstrings = n;
}

static int
wait_for(struct mt_site *site, struct waiter *w, int started)
{
	if (started < 0)
		return -1;
	if (mt_loop_run_until(site->loop, &w->done) < 0)
		return mt_error_set(w->err, MT_ERR_NET, _("the event loop failed"));
	return w->rc;
}

int
mt_site_list(struct mt_site *site, const struct mt_list_query *q, struct mt_media_page *out,
             struct mt_error *err)
{
	memset(out, 0, sizeof *out);
	if (mt_site_require(site, MT_CAP_BROWSE, !(site->dialect->caps & MT_CAP_PUBLIC), err) < 0)
		return -1;
	struct waiter w = { .err = err, .page = out };
	return wait_for(site, &w, site->dialect->list(site, q, on_page, &w, err));
}

int
mt_site_get(struct mt_site *site, const char *id, struct mt_media *out, struct mt_error *err)
{
	mt_media_init(out);
	if (mt_site_require(site, MT_CAP_BROWSE, !(site->dialect->caps & MT_CAP_PUBLIC), err) < 0)
		return -1;
	struct waiter w = { .err = err, .item = out };
	return wait_for(site, &w, site->dialect->get(site, id, NULL, on_item, &w, err));
}

int
mt_site_patch(struct mt_site *site, const char *id, const struct mt_media_patch *p,
              struct mt_media *out, struct mt_error *err)
{
	if (out)
		mt_media_init(out);
	if (mt_site_require(site, MT_CAP_EDIT, true, err) < 0)
		return -1;
	struct waiter w = { .err = err, .item = out };
	return wait_for(site, &w, site->dialect->patch(site, id, p, on_item, &w, err));
}

int
mt_site_remove(struct mt_site *site, const char *id, struct mt_error *err)
{
	if (mt_site_require(site, MT_CAP_DELETE, true, err) < 0)
		return -1;
	struct waiter w = { .err = err };
	return wait_for(site, &w, site->dialect->remove(site, id, on_done, &w, err));
}

int
mt_site_folders(struct mt_site *site, char ***out, size_t *n, struct mt_error *err)
{
	*out = NULL;
	*n = 0;
	if (mt_site_require(site, MT_CAP_FOLDERS, true, err) < 0)
		return -1;
	struct waiter w = { .err = err, .strings = out, .nstrings = n };
	return wait_for(site, &w, site->dialect->folders(site, on_strings, &w, err));
}

int
mt_site_folder_create(struct mt_site *site, const char *path, struct mt_error *err)
{
	if (mt_site_require(site, MT_CAP_FOLDERS, true, err) < 0)
		return -1;
	struct waiter w = { .err = err };
	return wait_for(site, &w, site->dialect->folder_create(site, path, on_done, &w, err));
}

int
mt_site_folder_delete(struct mt_site *site, const char *path, struct mt_error *err)
{
	if (mt_site_require(site, MT_CAP_FOLDERS, true, err) < 0)
		return -1;
	struct waiter w = { .err = err };
	return wait_for(site, &w, site->dialect->folder_delete(site, path, on_done, &w, err));
}

struct download {
	int fd;
	char *tmp, *final;
	char *id;
	int64_t expected;
	mt_download_fn fn;
	mt_http_retry_fn on_retry;
	void *arg;
};

static void
download_retry(const struct mt_http_retry *retry, void *arg)
{
	struct download *d = arg;
	d->on_retry(retry, d->arg);
}

static void
download_done(const struct mt_http_response *resp, void *arg)
{
	struct download *d = arg;
	struct mt_error err;
	mt_error_clear(&err);
	int rc = 0;
	if (resp->status < 200 || resp->status > 299) {
		mt_http_error_from_response(resp, _("downloading the original"), &err);
		rc = -1;
	}
	struct stat st;
	if (rc == 0 && fstat(d->fd, &st) == 0 && d->expected >= 0 && st.st_size != d->expected) {
		mt_error_set(&err, MT_ERR_IO, _("the download of %s is %lld bytes, expected %lld"),
		             d->id, (long long)st.st_size, (long long)d->expected);
		rc = -1;
	}
	if (rc == 0) {
		/* commit closes the fd, and removes the temporary file if it fails */
		char *chosen = NULL;
		rc = mt_commit_tmpfile_unique(d->fd, d->tmp, d->final, &chosen, &err);
		if (rc == 0) {
			free(d->final);
			d->final = chosen;
		}
	} else {
		close(d->fd);
		unlink(d->tmp);
	}
	d->fn(rc == 0 ? d->final : NULL, rc == 0 ? NULL : &err, d->arg);
	free(d->tmp);
	free(d->final);
	free(d->id);
	free(d);
}

int
mt_site_download_start(struct mt_site *site, const struct mt_media *m, const char *dir,
                       int64_t max_bytes, mt_http_retry_fn on_retry, mt_download_fn fn, void *arg,
                       struct mt_error *err)
{
	if (m->url == NULL || m->url[0] == '\0')
		return mt_error_set(err, MT_ERR_PROTOCOL, _("item %s has no url to download"), m->id);
	if (mt_mkdir_p(dir, err) < 0)
		return -1;
	char *safe_id = mt_safe_filename(m->id);
	char *safe_name = mt_safe_filename(m->filename ? m->filename : m->id);
	struct download *d = xcalloc(1, sizeof *d);
	d->final = xasprintf("%s/%s-%s", dir, safe_id, safe_name);
	free(safe_id);
	free(safe_name);
	d->fd = mt_tmpfile_beside(d->final, &d->tmp, err);
	if (d->fd < 0) {
		free(d->final);
		free(d);
		return -1;
	}
	d->id = xstrdup(m->id);
	d->expected = m->size;
	d->fn = fn;
	d->on_retry = on_retry;
	d->arg = arg;
	struct mt_http_spec spec = {
		.method = "GET", .url = m->url, .api = false, .download_fd = d->fd,
		.download_max = max_bytes, .on_retry = on_retry ? download_retry : NULL,
		.retry = true, .follow_redirects = true, .arg = d,
	};
	if (mt_http_start(site->http, &spec, download_done, err) == NULL) {
		close(d->fd);
		unlink(d->tmp);
		free(d->tmp);
		free(d->final);
		free(d->id);
		free(d);
		return -1;
	}
	return 0;
}

struct download_wait {
	bool done;
	char *path;
	struct mt_error *err;
};

static void
download_wait_done(const char *saved_path, const struct mt_error *err, void *arg)
{
	struct download_wait *w = arg;
	w->done = true;
	if (saved_path)
		w->path = xstrdup(saved_path);
	else if (w->err)
		*w->err = *err;
}

int
mt_site_download(struct mt_site *site, const struct mt_media *m, const char *dir,
                 char **saved_path, struct mt_error *err)
{
	*saved_path = NULL;
	struct download_wait w = { .err = err };
	if (mt_site_download_start(site, m, dir, 0, NULL, download_wait_done, &w, err) < 0)
		return -1;
	if (mt_loop_run_until(site->loop, &w.done) < 0)
		return mt_error_set(err, MT_ERR_NET, _("the event loop failed"));
	*saved_path = w.path;
	return w.path ? 0 : -1;
}

struct scan {
	mt_scan_item_fn fn;
	mt_scan_progress_fn progress;
	void *arg;
	int64_t seen;
};

static void
scan_page(const struct mt_media_page *page, void *arg)
{
	struct scan *s = arg;
	for (size_t i = 0; i < page->nitems; i++)
		s->fn(&page->items[i], s->arg);
	s->seen += (int64_t)page->nitems;
	if (s->progress)
		s->progress(s->seen, page->total, s->arg);
}

int
mt_site_scan(struct mt_site *site, mt_scan_item_fn fn, mt_scan_progress_fn progress, void *arg,
             struct mt_error *err)
{
	struct mt_list_query q;
	mt_site_scan_query(site, &q);
	struct scan s = { .fn = fn, .progress = progress, .arg = arg };
	return mt_site_pages(site, &q, true, scan_page, &s, err);
}

void
mt_site_scan_query(const struct mt_site *site, struct mt_list_query *q)
{
	memset(q, 0, sizeof *q);
	q->limit = 100;
	if (site->has_key) {
		/* oldest first: new uploads during the scan land at the end, not in the middle */
		q->sort = "createdAt";
		q->order = "asc";
	}
}
