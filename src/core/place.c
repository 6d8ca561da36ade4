/* place.c — where the interface was when it last ended, per profile: the
 * remote folder in $XDG_STATE_HOME/mediatui/place-PROFILE and the local
 * pane's directory in localdir-PROFILE; each file one line, the path. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "journal.h"
#include "place.h"
#include "xalloc.h"

static char *
place_path(const char *prefix, const char *profile)
{
	char *dir = mt_journal_dir();
	char *path = xasprintf("%s/%s-%s", dir, prefix, profile);
	free(dir);
	return path;
}

/* an absolute path, and nothing a hand-edited file could smuggle in */
static bool
plain_path(const char *s)
{
	if (s[0] != '/')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static char *
load(const char *prefix, const char *profile)
{
	char *path = place_path(prefix, profile);
	FILE *f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got = getline(&line, &cap, f);
	fclose(f);
	if (got <= 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\n")] = '\0';
	if (!plain_path(line)) {
		free(line);
		return NULL;
	}
	return line;
}

static int
save(const char *prefix, const char *profile, const char *value, struct mt_error *err)
{
	char *dir = mt_journal_dir();
	int rc = mt_mkdir_p(dir, err);
	free(dir);
	if (rc < 0)
		return -1;
	char *path = place_path(prefix, profile);
	char *tmp = NULL;
	int fd = mt_tmpfile_beside(path, &tmp, err);
	if (fd < 0) {
		free(path);
		return -1;
	}
	size_t len = strlen(value);
	bool ok = write(fd, value, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) < 0) {
		int e = errno;
		if (strcmp(prefix, "place") == 0)
			mt_error_set(err, MT_ERR_IO, _("cannot save the folder shown in %s: %s"), path,
			             strerror(e));
		else
			mt_error_set(err, MT_ERR_IO, _("cannot save the directory shown in %s: %s"), path,
			             strerror(e));
		unlink(tmp);
		free(tmp);
		free(path);
		return -1;
	}
	free(tmp);
	free(path);
	return 0;
}

char *
mt_place_load(const char *profile)
{
	char *line = load("place", profile);
	if (line && strlen(line) >= 1024) {   /* no folder path is that long */
		free(line);
		return NULL;
	}
	return line;
}

int
mt_place_save(const char *profile, const char *folder, struct mt_error *err)
{
	return save("place", profile, folder, err);
}

char *
mt_place_load_local(const char *profile)
{
	return load("localdir", profile);
}

int
mt_place_save_local(const char *profile, const char *dir, struct mt_error *err)
{
	/* a name with a line break or a control character is not kept: the
	 * file holds one plain line, and such a place is not restored */
	if (!plain_path(dir))
		return 0;
	return save("localdir", profile, dir, err);
}
