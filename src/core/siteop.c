/* siteop.c — one library operation on the loop, for the interface. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "mime.h"
#include "sanitize.h"
#include "siteop.h"
#include "upload.h"
#include "xalloc.h"

struct mt_op {
	mt_item_fn item;
	mt_strings_fn strings;
	mt_done_fn done;
	void *arg;
	bool cancelled;
	mt_op_retry_fn retry;
};

bool
mt_site_can(const struct mt_site *site, unsigned caps, bool needs_key)
{
	return (site->dialect->caps & caps) == caps && (!needs_key || site->has_key);
}

bool
mt_site_can_list(const struct mt_site *site)
{
	return site->dialect->list != NULL &&
	       mt_site_can(site, MT_CAP_BROWSE, !(site->dialect->caps & MT_CAP_PUBLIC));
}

bool
mt_op_item_gone(const struct mt_error *err)
{
	return err && err->kind != MT_ERR_NONE && err->http_status == 404;
}

const char *
mt_site_api(const struct mt_site *site)
{
	return site->dialect ? site->dialect->name : NULL;
}

bool
mt_site_can_upload(const struct mt_site *site)
{
	return site->dialect && site->dialect->upload && site->has_key;
}

int
mt_site_accepts(const struct mt_site *site, const char *mime, int64_t size, struct mt_error *err)
{
	const struct mt_upload_ops *ops = site->dialect ? site->dialect->upload : NULL;
	return ops && ops->check ? ops->check(site, mime, size, NULL, err) : 0;
}

/* What people call the format of `mime` ("JPEG"), or NULL. */
static const char *
format_name(const char *mime)
{
	static const char *const names[][2] = {
		{ "image/jpeg", "JPEG" }, { "image/png", "PNG" }, { "image/gif", "GIF" },
		{ "image/webp", "WebP" }, { "image/svg+xml", "SVG" }, { "image/bmp", "BMP" },
		{ "image/tiff", "TIFF" }, { "application/pdf", "PDF" }, { "video/mp4", "MP4" },
		{ "video/webm", "WebM" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], mime) == 0)
			return names[i][1];
	return NULL;
}

int
mt_site_refusal(const struct mt_site *site, const char *name, const char *mime, int64_t size,
                char *why, size_t whylen)
{
	struct mt_error err;
	mt_error_clear(&err);
	why[0] = '\0';
	if (mt_site_accepts(site, mime, size, &err) == 0)
		return 0;
	const char *claimed = mt_mime_from_name(name);
	const char *format = claimed ? format_name(claimed) : NULL;
	if (size == 0)
		snprintf(why, whylen, "%s", _("empty file (0 bytes)"));
	else if (format && strcmp(claimed, mime) != 0)
		/* TRANSLATORS: "not a JPEG (unknown data)": the type the name says, then what it holds */
		snprintf(why, whylen, _("not a %s (%s)"), format,
		         strcmp(mime, "application/octet-stream") == 0 ? _("unknown data") : mime);
	else
		snprintf(why, whylen, "%s", err.message);
	return 1;
}

static void
on_item(const struct mt_media *item, const struct mt_error *err, void *arg)
{
	struct mt_op *op = arg;
	if (!op->cancelled)
		op->item(item, err, op->arg);
	free(op);
}

static void
on_retry(const struct mt_http_retry *retry, void *arg)
{
	struct mt_op *op = arg;
	if (!op->cancelled && op->retry)
		op->retry(retry, op->arg);
}

static void
on_strings(char *const *v, size_t n, const struct mt_error *err, void *arg)
{
	struct mt_op *op = arg;
	if (!op->cancelled)
		op->strings(v, n, err, op->arg);
	free(op);
}

static void
on_done(const struct mt_error *err, void *arg)
{
	struct mt_op *op = arg;
	if (!op->cancelled)
		op->done(err, op->arg);
	free(op);
}

/* The operation, when the dialect has it and the key is there. */
static struct mt_op *
op_new(struct mt_site *site, bool present, unsigned caps, bool needs_key, struct mt_error *err)
{
	if (mt_site_require(site, caps, needs_key, err) < 0)
		return NULL;
	if (!present) {
		mt_error_set(err, MT_ERR_UNSUPPORTED, _("the %s API cannot do this (profile '%s')"),
		             site->dialect->name, site->profile->name);
		return NULL;
	}
	return xcalloc(1, sizeof(struct mt_op));
}

/* Frees op when its request did not start. */
static struct mt_op *
started(struct mt_op *op, int rc)
{
	if (rc < 0) {
		free(op);
		return NULL;
	}
	return op;
}

struct mt_op *
mt_op_get(struct mt_site *site, const char *id, mt_item_fn fn, void *arg, struct mt_error *err)
{
	const struct mt_dialect *d = site->dialect;
	struct mt_op *op = op_new(site, d->get != NULL, MT_CAP_BROWSE, !(d->caps & MT_CAP_PUBLIC), err);
	if (op == NULL)
		return NULL;
	op->item = fn;
	op->arg = arg;
	return started(op, d->get(site, id, NULL, on_item, op, err));
}

struct mt_op *
mt_op_edit(struct mt_site *site, const char *id, const struct mt_media_patch *p, mt_item_fn fn,
           void *arg, struct mt_error *err)
{
	const struct mt_dialect *d = site->dialect;
	struct mt_op *op = op_new(site, d->patch != NULL, MT_CAP_EDIT, true, err);
	if (op == NULL)
		return NULL;
	op->item = fn;
	op->arg = arg;
	struct mt_media_patch told = *p;
	told.on_retry = on_retry;
	return started(op, d->patch(site, id, &told, on_item, op, err));
}

void
mt_op_on_retry(struct mt_op *op, mt_op_retry_fn fn)
{
	if (op)
		op->retry = fn;
}

void
mt_op_retry_text(const struct mt_http_retry *retry, char *buf, size_t len)
{
	if (retry->status > 0) {
		snprintf(buf, len, _("the server answered %ld, trying again (%d of %d)"), retry->status,
		         retry->attempt, retry->max_attempts);
		return;
	}
	char *why = mt_sanitize(retry->reason ? retry->reason : "");
	snprintf(buf, len, _("no answer (%s), trying again (%d of %d)"), why, retry->attempt,
	         retry->max_attempts);
	free(why);
}

struct mt_op *
mt_op_folders(struct mt_site *site, mt_strings_fn fn, void *arg, struct mt_error *err)
{
	const struct mt_dialect *d = site->dialect;
	struct mt_op *op = op_new(site, d->folders != NULL, MT_CAP_FOLDERS, true, err);
	if (op == NULL)
		return NULL;
	op->strings = fn;
	op->arg = arg;
	return started(op, d->folders(site, on_strings, op, err));
}

struct mt_op *
mt_op_folder_create(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
                    struct mt_error *err)
{
	const struct mt_dialect *d = site->dialect;
	struct mt_op *op = op_new(site, d->folder_create != NULL, MT_CAP_FOLDERS, true, err);
	if (op == NULL)
		return NULL;
	op->done = fn;
	op->arg = arg;
	return started(op, d->folder_create(site, path, on_done, op, err));
}

struct mt_op *
mt_op_folder_delete(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
                    struct mt_error *err)
{
	const struct mt_dialect *d = site->dialect;
	struct mt_op *op = op_new(site, d->folder_delete != NULL, MT_CAP_FOLDERS, true, err);
	if (op == NULL)
		return NULL;
	op->done = fn;
	op->arg = arg;
	return started(op, d->folder_delete(site, path, on_done, op, err));
}

void
mt_op_cancel(struct mt_op *op)
{
	if (op)
		op->cancelled = true;
}
