/* drafts.c — typed edits not on the server yet, in
 * $XDG_STATE_HOME/mediatui/drafts-PROFILE.json:
 *   {"drafts": [{"id": "…", "name": "…", "alt": "…", "focal": [x, y],
 *                "aside": {"description": "…"}}, …]}
 * ("aside": what a prompt's Esc set aside, per field, apart from the edits)
 * Every change rewrites the small file whole (a new file renamed over the
 * old), so a kill at any moment leaves the last version or the new one. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drafts.h"
#include "fsutil.h"
#include "i18n.h"
#include "journal.h"
#include "xalloc.h"

static const char *const field_keys[MT_DRAFT_NFIELDS] = { "alt", "title", "description", "folder" };

static char *
drafts_path(const char *profile)
{
	char *dir = mt_journal_dir();
	char *path = xasprintf("%s/drafts-%s.json", dir, profile);
	free(dir);
	return path;
}

static bool
draft_empty(const struct mt_draft *d)
{
	for (int i = 0; i < MT_DRAFT_NFIELDS; i++)
		if (d->field[i] || d->aside[i])
			return false;
	return !d->has_focal;
}

static void
draft_clear(struct mt_draft *d)
{
	free(d->id);
	free(d->name);
	for (int i = 0; i < MT_DRAFT_NFIELDS; i++) {
		free(d->field[i]);
		free(d->aside[i]);
	}
	memset(d, 0, sizeof *d);
}

void
mt_drafts_free(struct mt_draft *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		draft_clear(&v[i]);
	free(v);
}

/* One entry of the file; false when it is not a draft (skipped whole). */
static bool
draft_from_json(json_t *o, struct mt_draft *d)
{
	memset(d, 0, sizeof *d);
	const char *id = json_string_value(json_object_get(o, "id"));
	if (id == NULL || *id == '\0')
		return false;
	d->id = xstrdup(id);
	const char *name = json_string_value(json_object_get(o, "name"));
	d->name = xstrdup(name ? name : id);
	for (int i = 0; i < MT_DRAFT_NFIELDS; i++) {
		const char *v = json_string_value(json_object_get(o, field_keys[i]));
		if (v)
			d->field[i] = xstrdup(v);
		v = json_string_value(json_object_get(json_object_get(o, "aside"), field_keys[i]));
		if (v)
			d->aside[i] = xstrdup(v);
	}
	json_t *focal = json_object_get(o, "focal");
	if (json_is_array(focal) && json_array_size(focal) == 2 &&
	    json_is_number(json_array_get(focal, 0)) && json_is_number(json_array_get(focal, 1))) {
		d->fx = json_number_value(json_array_get(focal, 0));
		d->fy = json_number_value(json_array_get(focal, 1));
		d->has_focal = d->fx >= 0 && d->fx <= 100 && d->fy >= 0 && d->fy <= 100;
	}
	if (draft_empty(d)) {
		draft_clear(d);
		return false;
	}
	return true;
}

int
mt_drafts_load(const char *profile, struct mt_draft **out, size_t *n, struct mt_error *err)
{
	*out = NULL;
	*n = 0;
	char *path = drafts_path(profile);
	if (access(path, F_OK) < 0) {
		free(path);
		return 0;
	}
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	json_t *list = root ? json_object_get(root, "drafts") : NULL;
	if (!json_is_array(list)) {
		/* kept for the editor to read, out of the way of the next save */
		char *aside = xasprintf("%s.broken", path);
		int moved = rename(path, aside);
		mt_error_set(err, MT_ERR_IO,
		             moved == 0 ? _("the unsaved changes in %s cannot be read (%s); the file is kept as %s")
		                        : _("the unsaved changes in %s cannot be read (%s)%s"),
		             path, root ? _("no list of drafts") : je.text, moved == 0 ? aside : "");
		free(aside);
		json_decref(root);
		free(path);
		return -1;
	}
	struct mt_draft *v = xcalloc(json_array_size(list) + 1, sizeof *v);
	size_t k = 0, i;
	json_t *o;
	json_array_foreach(list, i, o)
		if (draft_from_json(o, &v[k]))
			k++;
	json_decref(root);
	free(path);
	*out = v;
	*n = k;
	return 0;
}

struct mt_draft *
mt_draft_get(const char *profile, const char *id)
{
	struct mt_draft *v;
	size_t n;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_drafts_load(profile, &v, &n, &err) < 0)
		return NULL;
	struct mt_draft *found = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0) {
			found = xmalloc(sizeof *found);
			*found = v[i];
			memset(&v[i], 0, sizeof v[i]);
		}
	mt_drafts_free(v, n);
	return found;
}

/* durable: synced before the rename. A key typed in a prompt is not: the
 * kernel keeps a renamed file through a kill or a hang-up, and a sync per
 * key would make typing wait on the disk (an NFS home); the prompt's close
 * writes durably. */
static int
drafts_write(const char *profile, const struct mt_draft *v, size_t n, bool durable,
             struct mt_error *err)
{
	char *path = drafts_path(profile);
	if (n == 0) {
		int rc = unlink(path) < 0 && errno != ENOENT ? -1 : 0;
		if (rc < 0)
			mt_error_set(err, MT_ERR_IO, _("cannot remove %s: %s"), path, strerror(errno));
		free(path);
		return rc;
	}
	char *dir = mt_journal_dir();
	int rc = mt_mkdir_p(dir, err);
	free(dir);
	if (rc < 0) {
		free(path);
		return -1;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(v[i].id));
		json_object_set_new(o, "name", json_string(v[i].name));
		for (int f = 0; f < MT_DRAFT_NFIELDS; f++)
			if (v[i].field[f])
				json_object_set_new(o, field_keys[f], json_string(v[i].field[f]));
		json_t *aside = json_object();
		for (int f = 0; f < MT_DRAFT_NFIELDS; f++)
			if (v[i].aside[f])
				json_object_set_new(aside, field_keys[f], json_string(v[i].aside[f]));
		if (json_object_size(aside))
			json_object_set_new(o, "aside", aside);
		else
			json_decref(aside);
		if (v[i].has_focal)
			json_object_set_new(o, "focal", json_pack("[ff]", v[i].fx, v[i].fy));
		json_array_append_new(list, o);
	}
	json_t *root = json_pack("{so}", "drafts", list);
	char *text = json_dumps(root, JSON_INDENT(1));
	json_decref(root);
	char *tmp = NULL;
	int fd = mt_tmpfile_beside(path, &tmp, err);
	if (fd < 0) {
		free(text);
		free(path);
		return -1;
	}
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1 &&
	          (!durable || fsync(fd) == 0);
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) < 0) {
		mt_error_set(err, MT_ERR_IO, _("cannot keep the unsaved changes in %s: %s"), path,
		             strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	free(text);
	free(path);
	return rc;
}

/* Loads, finds or adds the item's draft, lets change() alter it, drops it
 * when empty, writes. */
static int
drafts_update(const char *profile, const char *id, const char *name,
              void (*change)(struct mt_draft *d, const void *arg), const void *arg, bool durable,
              struct mt_error *err)
{
	struct mt_draft *v;
	size_t n;
	struct mt_error lerr;
	mt_error_clear(&lerr);
	/* a file that cannot be read was moved aside: start a new one */
	if (mt_drafts_load(profile, &v, &n, &lerr) < 0) {
		v = xcalloc(1, sizeof *v);
		n = 0;
	}
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, id) == 0)
			at = i;
	bool existed = at < n;
	if (!existed) {
		v = xrealloc(v, (n + 1) * sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].id = xstrdup(id);
		n++;
	}
	if (name && *name) {
		free(v[at].name);
		v[at].name = xstrdup(name);
	} else if (v[at].name == NULL) {
		v[at].name = xstrdup(id);
	}
	if (change)
		change(&v[at], arg);
	if (change == NULL || draft_empty(&v[at])) {
		draft_clear(&v[at]);
		memmove(&v[at], &v[at + 1], (n - at - 1) * sizeof *v);
		n--;
		if (!existed) {   /* nothing was kept and nothing is: no write */
			mt_drafts_free(v, n);
			return 0;
		}
	}
	int rc = drafts_write(profile, v, n, durable, err);
	mt_drafts_free(v, n);
	return rc;
}

struct field_change {
	enum mt_draft_field f;
	const char *value;
};

static void
set_field(struct mt_draft *d, const void *arg)
{
	const struct field_change *c = arg;
	free(d->field[c->f]);
	d->field[c->f] = c->value ? xstrdup(c->value) : NULL;
}

int
mt_draft_set(const char *profile, const char *id, const char *name, enum mt_draft_field f,
             const char *value, struct mt_error *err)
{
	struct field_change c = { f, value };
	return drafts_update(profile, id, name, set_field, &c, true, err);
}

int
mt_draft_typed(const char *profile, const char *id, const char *name, enum mt_draft_field f,
               const char *value, struct mt_error *err)
{
	struct field_change c = { f, value };
	return drafts_update(profile, id, name, set_field, &c, false, err);
}

static void
set_aside(struct mt_draft *d, const void *arg)
{
	const struct field_change *c = arg;
	free(d->aside[c->f]);
	d->aside[c->f] = c->value ? xstrdup(c->value) : NULL;
}

int
mt_draft_set_aside(const char *profile, const char *id, const char *name, enum mt_draft_field f,
                   const char *text, struct mt_error *err)
{
	struct field_change c = { f, text };
	return drafts_update(profile, id, name, set_aside, &c, true, err);
}

struct focal_change {
	bool has;
	double fx, fy;
};

static void
set_focal(struct mt_draft *d, const void *arg)
{
	const struct focal_change *c = arg;
	d->has_focal = c->has;
	d->fx = c->fx;
	d->fy = c->fy;
}

int
mt_draft_set_focal(const char *profile, const char *id, const char *name, bool has, double fx,
                   double fy, struct mt_error *err)
{
	struct focal_change c = { has, fx, fy };
	return drafts_update(profile, id, name, set_focal, &c, true, err);
}

int
mt_draft_forget(const char *profile, const char *id, struct mt_error *err)
{
	return drafts_update(profile, id, NULL, NULL, NULL, true, err);
}

int
mt_drafts_forget_all(const char *profile, struct mt_error *err)
{
	return drafts_write(profile, NULL, 0, true, err);
}

char *
mt_draft_fields_text(const struct mt_draft *d)
{
	static const char *const names[MT_DRAFT_NFIELDS] = { N_("alt text"), N_("title"),
		                                             N_("description"), N_("folder") };
	char buf[256] = "";
	for (int i = 0; i < MT_DRAFT_NFIELDS; i++)
		if (d->field[i])
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? ", " : "",
			         _(names[i]));
	if (d->has_focal)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? ", " : "",
		         _("focal point"));
	for (int i = 0; i < MT_DRAFT_NFIELDS; i++)
		if (d->aside[i]) {
			/* TRANSLATORS: a field's name: text its prompt's Esc set aside */
			char *one = xasprintf(_("%s set aside"), _(names[i]));
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? ", " : "", one);
			free(one);
		}
	return xstrdup(buf);
}
