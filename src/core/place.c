/* place.c — the remote folder last shown, in
 * $XDG_STATE_HOME/mediatui/place-PROFILE: one line, the folder path. */
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
place_path(const char *profile)
{
	char *dir = mt_journal_dir();
	char *path = xasprintf("%s/place-%s", dir, profile);
	free(dir);
	return path;
}

char *
mt_place_load(const char *profile)
{
	char *path = place_path(profile);
	FILE *f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return NULL;
	char line[1024];
	char *got = fgets(line, sizeof line, f);
	fclose(f);
	if (got == NULL)
		return NULL;
	line[strcspn(line, "\n")] = '\0';
	/* a folder path, and nothing a hand-edited file could smuggle in */
	if (line[0] != '/')
		return NULL;
	for (const unsigned char *p = (const unsigned char *)line; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return NULL;
	return xstrdup(line);
}

int
mt_place_save(const char *profile, const char *folder, struct mt_error *err)
{
	char *dir = mt_journal_dir();
	int rc = mt_mkdir_p(dir, err);
	free(dir);
	if (rc < 0)
		return -1;
	char *path = place_path(profile);
	char *tmp = NULL;
	int fd = mt_tmpfile_beside(path, &tmp, err);
	if (fd < 0) {
		free(path);
		return -1;
	}
	size_t len = strlen(folder);
	bool ok = write(fd, folder, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(tmp, path) < 0) {
		mt_error_set(err, MT_ERR_IO, _("cannot save the folder shown in %s: %s"), path,
		             strerror(errno));
		unlink(tmp);
		free(tmp);
		free(path);
		return -1;
	}
	free(tmp);
	free(path);
	return 0;
}
