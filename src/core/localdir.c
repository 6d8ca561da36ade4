/* localdir.c — a local directory listed for the file browser. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "localdir.h"
#include "loop.h"
#include "mime.h"
#include "upload.h"
#include "xalloc.h"

static int
entry_cmp(const void *a, const void *b)
{
	const struct mt_local_entry *x = a, *y = b;
	if (x->is_parent != y->is_parent)
		return x->is_parent ? -1 : 1;
	if (x->is_dir != y->is_dir)
		return x->is_dir ? -1 : 1;
	return strcoll(x->name, y->name);
}

static char *
absolute(const char *path)
{
	char *real = realpath(path, NULL);
	if (real)
		return real;
	return xstrdup(path);
}

int
mt_localdir_read(const char *path, bool hidden, struct mt_localdir *out, struct mt_error *err)
{
	memset(out, 0, sizeof *out);
	char *abs = absolute(path);
	DIR *dir = opendir(abs);
	if (dir == NULL) {
		mt_error_set(err, MT_ERR_IO, _("cannot open %s: %s"), abs, strerror(errno));
		free(abs);
		return -1;
	}
	int dfd = dirfd(dir);
	size_t cap = 64;
	out->path = abs;
	out->v = xcalloc(cap, sizeof *out->v);
	if (strcmp(abs, "/") != 0) {
		out->v[0].name = xstrdup("..");
		out->v[0].is_dir = out->v[0].is_parent = true;
		out->v[0].size = -1;
		out->v[0].detected = true;
		out->n = 1;
	}
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (!hidden && de->d_name[0] == '.')
			continue;
		struct stat st;
		if (fstatat(dfd, de->d_name, &st, 0) < 0 &&
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (out->n == cap) {
			cap *= 2;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		struct mt_local_entry *e = &out->v[out->n++];
		memset(e, 0, sizeof *e);
		e->name = xstrdup(de->d_name);
		e->is_dir = S_ISDIR(st.st_mode);
		e->is_special = !e->is_dir && !S_ISREG(st.st_mode);
		e->size = e->is_dir ? -1 : (int64_t)st.st_size;
		e->detected = e->is_dir || e->is_special;
	}
	closedir(dir);
	qsort(out->v, out->n, sizeof *out->v, entry_cmp);
	return 0;
}

char *
mt_localdir_parent(const char *abs)
{
	const char *slash = strrchr(abs, '/');
	if (slash == NULL || slash == abs)
		return xstrdup("/");
	return xstrndup(abs, (size_t)(slash - abs));
}

char *
mt_localdir_expand(const char *text, const char *base)
{
	const char *home = getenv("HOME");
	if (home == NULL || *home == '\0')
		home = "/";
	if (strcmp(text, "~") == 0)
		return xstrdup(home);
	if (strncmp(text, "~/", 2) == 0)
		return xasprintf("%s/%s", home, text + 2);
	if (text[0] == '/' || base == NULL)
		return xstrdup(text);
	return xasprintf("%s/%s", strcmp(base, "/") == 0 ? "" : base, text);
}

/* A name that completion may put in a line: no control bytes. */
static bool
completable(const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static bool
is_dir_entry(const char *dir, const struct dirent *e)
{
	if (e->d_type == DT_DIR)
		return true;
	if (e->d_type != DT_LNK && e->d_type != DT_UNKNOWN)
		return false;
	char *p = xasprintf("%s/%s", dir, e->d_name);
	struct stat st;
	bool yes = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return yes;
}

char *
mt_localdir_complete(const char *text, const char *base, size_t *nmatch)
{
	*nmatch = 0;
	if (strcmp(text, "~") == 0) {
		*nmatch = 1;
		return xstrdup("~/");
	}
	const char *slash = strrchr(text, '/');
	size_t dirlen = slash ? (size_t)(slash - text) + 1 : 0;
	const char *part = text + dirlen;
	size_t partlen = strlen(part);
	char *typed = xstrndup(text, dirlen);
	char *dir = mt_localdir_expand(dirlen ? typed : ".", base);
	DIR *d = opendir(dir);
	char *common = NULL;
	size_t clen = 0;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			const char *n = e->d_name;
			if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || (n[0] == '.' && part[0] != '.') ||
			    strncmp(n, part, partlen) != 0 || !completable(n) || !is_dir_entry(dir, e))
				continue;
			if (common == NULL) {
				common = xstrdup(n);
				clen = strlen(n);
			} else {
				size_t k = partlen;
				while (k < clen && common[k] == n[k])
					k++;
				clen = k;
			}
			++*nmatch;
		}
		closedir(d);
	}
	char *out = NULL;
	if (common) {
		/* never end inside a character: back off a cut UTF-8 sequence */
		while (clen > partlen && ((unsigned char)common[clen] & 0xC0) == 0x80)
			clen--;
		out = xasprintf("%s%.*s%s", typed, (int)clen, common, *nmatch == 1 ? "/" : "");
	}
	free(common);
	free(dir);
	free(typed);
	return out;
}

static bool
listable(const char *path)
{
	DIR *d = opendir(path);
	if (d == NULL)
		return false;
	closedir(d);
	return true;
}

char *
mt_localdir_nearest(const char *path)
{
	char *cur = absolute(path);
	if (cur[0] != '/') {
		/* not resolvable and relative: start from the working directory */
		char *cwd = getcwd(NULL, 0);
		char *joined = xasprintf("%s/%s", cwd ? cwd : "", cur);
		free(cwd);
		free(cur);
		cur = joined;
	}
	while (!listable(cur) && strcmp(cur, "/") != 0) {
		char *up = mt_localdir_parent(cur);
		free(cur);
		cur = up;
	}
	return cur;
}

char *
mt_localdir_entry_path(const struct mt_localdir *d, size_t i)
{
	if (strcmp(d->path, "/") == 0)
		return xasprintf("/%s", d->v[i].name);
	return xasprintf("%s/%s", d->path, d->v[i].name);
}

static void
detect_one(struct mt_localdir *d, size_t i, const struct mt_upload_ops *ops,
           const struct mt_site *site)
{
	struct mt_local_entry *e = &d->v[i];
	e->detected = true;
	char *path = mt_localdir_entry_path(d, i);
	struct mt_error err;
	mt_error_clear(&err);
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0 && mt_mime_detect(path, fd, e->mime, sizeof e->mime, &err) == 0) {
		e->mismatch = !mt_mime_name_agrees(e->name, e->mime);
		if (ops && ops->check && ops->check(site, e->mime, e->size, e->name, &err) < 0)
			e->refusal = xstrdup(err.message);
	} else {
		e->mime[0] = '\0';
	}
	if (fd >= 0)
		close(fd);
	free(path);
}

bool
mt_localdir_detect_some(struct mt_localdir *d, const struct mt_site *site, long budget_ms)
{
	const struct mt_upload_ops *ops = site && site->dialect ? site->dialect->upload : NULL;
	uint64_t start = mt_now_ms();
	while (d->next_detect < d->n) {
		size_t i = d->next_detect++;
		if (!d->v[i].detected)
			detect_one(d, i, ops, site);
		if ((long)(mt_now_ms() - start) >= budget_ms)
			break;
	}
	return d->next_detect < d->n;
}

void
mt_localdir_free(struct mt_localdir *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].name);
		free(d->v[i].refusal);
	}
	free(d->v);
	free(d->path);
	memset(d, 0, sizeof *d);
}
