/* history.c — the upload journal read as plain records, for display. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "i18n.h"
#include "journal.h"
#include "xalloc.h"

static char *
rec_dup(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? xstrdup(v) : NULL;
}

static int64_t
rec_int(json_t *o, const char *k, int64_t dflt)
{
	json_t *v = json_object_get(o, k);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

static int
cmp_updated(const void *a, const void *b)
{
	const struct mt_history_rec *x = a, *y = b;
	if (x->updated != y->updated)
		return x->updated > y->updated ? -1 : 1;
	return strcmp(x->key, y->key);
}

int
mt_history_load(const char *profile, struct mt_history_rec **out, size_t *n, struct mt_error *err)
{
	*out = NULL;
	*n = 0;
	char *path = mt_journal_path_for(profile);
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		int e = errno;
		if (e == ENOENT) {
			free(path);
			return 0;
		}
		mt_error_set(err, MT_ERR_IO, _("cannot read the journal %s: %s"), path, strerror(e));
		free(path);
		return -1;
	}
	free(path);
	json_t *latest = json_object();
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n')
			break;   /* torn last line */
		json_t *rec = json_loadb(line, (size_t)len, 0, NULL);
		const char *key = json_string_value(json_object_get(rec, "key"));
		if (json_is_object(rec) && key)
			json_object_set(latest, key, rec);
		json_decref(rec);
	}
	free(line);
	fclose(f);
	size_t count = json_object_size(latest);
	struct mt_history_rec *v = count ? xcalloc(count, sizeof *v) : NULL;
	size_t i = 0;
	const char *key;
	json_t *rec;
	json_object_foreach(latest, key, rec) {
		struct mt_history_rec *r = &v[i++];
		r->key = xstrdup(key);
		r->path = rec_dup(rec, "path");
		r->name = rec_dup(rec, "name");
		r->folder = rec_dup(rec, "folder");
		r->dialect = rec_dup(rec, "dialect");
		r->state = rec_dup(rec, "state");
		r->id = rec_dup(rec, "id");
		r->url = rec_dup(rec, "url");
		r->storage_key = rec_dup(rec, "storageKey");
		r->media_id = rec_dup(rec, "mediaId");
		r->upload_id = rec_dup(rec, "uploadId");
		r->error = rec_dup(rec, "error");
		r->offer_again = rec_dup(rec, "offerAgain");
		r->size = rec_int(rec, "size", -1);
		r->updated = rec_int(rec, "updated", 0);
		r->session = rec_int(rec, "session", 0);
		r->seq = rec_int(rec, "seq", 0);
	}
	json_decref(latest);
	if (count > 1)
		qsort(v, count, sizeof *v, cmp_updated);
	*out = v;
	*n = count;
	return 0;
}

/* When a record was queued, in ms: its queue's start, or for a record
 * without one its last save. */
static int64_t
queued_ms(const struct mt_history_rec *r)
{
	return r->session > 0 ? r->session : r->updated * 1000;
}

static int
cmp_queued(const void *a, const void *b)
{
	const struct mt_history_rec *x = a, *y = b;
	int64_t tx = queued_ms(x), ty = queued_ms(y);
	if (tx != ty)
		return tx < ty ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return strcmp(x->key, y->key);
}

void
mt_history_sort_queued(struct mt_history_rec *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_queued);
}

bool
mt_history_unfinished(const struct mt_history_rec *r)
{
	static const char *const final[] = { "done", "skipped", "failed", "cancelled" };
	if (r->state == NULL)
		return false;
	if (strcmp(r->state, "failed") == 0 && r->offer_again)
		return r->path != NULL;
	for (size_t i = 0; i < sizeof final / sizeof final[0]; i++)
		if (strcmp(r->state, final[i]) == 0)
			return false;
	return r->path != NULL;
}

void
mt_history_free(struct mt_history_rec *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct mt_history_rec *r = &v[i];
		free(r->key);
		free(r->path);
		free(r->name);
		free(r->folder);
		free(r->dialect);
		free(r->state);
		free(r->id);
		free(r->url);
		free(r->storage_key);
		free(r->media_id);
		free(r->upload_id);
		free(r->error);
		free(r->offer_again);
	}
	free(v);
}
