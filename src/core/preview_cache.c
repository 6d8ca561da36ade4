/* preview_cache.c — where previewed originals are kept, which types can be
 * previewed, and keeping the cache within its size. Built in every
 * configuration: none of it needs a decoder. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "preview.h"
#include "xalloc.h"

bool
mt_preview_can_show(const char *mime_type, const char *filename)
{
	static const char *const types[] = { "image/jpeg", "image/png", "image/gif", "image/webp" };
	static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp" };
	if (mime_type && mime_type[0]) {
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(mime_type, types[i]) == 0)
				return true;
		return false;
	}
	const char *dot = filename ? strrchr(filename, '.') : NULL;
	if (dot == NULL)
		return false;
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

char *
mt_preview_cache_dir(const char *profile)
{
	char *safe = mt_safe_filename(profile && profile[0] ? profile : "default");
	char *dir;
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		dir = xasprintf("%s/mediatui/previews/%s", xdg, safe);
	else if (home && home[0] == '/')
		dir = xasprintf("%s/.cache/mediatui/previews/%s", home, safe);
	else
		dir = xasprintf("/tmp/mediatui-%ld/previews/%s", (long)getuid(), safe);
	free(safe);
	return dir;
}

struct entry {
	char *path;
	off_t size;
	time_t mtime;
};

static int
by_age(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

void
mt_preview_cache_trim(const char *dir, int64_t max_bytes, const char *keep)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	int64_t total = 0;
	time_t now = time(NULL);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		/* a download in progress; one left by a crash goes after a day */
		if (strstr(de->d_name, ".part-") && now - st.st_mtime < 24 * 3600) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n++] = (struct entry){ path, st.st_size, st.st_mtime };
		total += st.st_size;
	}
	closedir(d);
	qsort(v, n, sizeof *v, by_age);
	for (size_t i = 0; i < n; i++) {
		if (total > max_bytes && !(keep && strcmp(v[i].path, keep) == 0)) {
			if (unlink(v[i].path) == 0)
				total -= v[i].size;
		}
		free(v[i].path);
	}
	free(v);
}
