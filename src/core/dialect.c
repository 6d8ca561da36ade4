/* dialect.c — the table of dialects and rules they share. */
#include "config.h"

#include <string.h>

#include "dialect.h"
#include "sanitize.h"
#include "xalloc.h"

static const struct mt_dialect *const dialects[] = {
	&mt_dialect_clearcms,
	&mt_dialect_clarife,
	&mt_dialect_flare,
	&mt_dialect_adclear,
	&mt_dialect_direct,
	NULL
};

const struct mt_dialect *
mt_dialect_find(const char *name)
{
	for (int i = 0; name && dialects[i]; i++)
		if (strcmp(dialects[i]->name, name) == 0)
			return dialects[i];
	return NULL;
}

char *
mt_folder_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL || slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

bool
mt_folder_path_valid(const char *path)
{
	if (path == NULL || path[0] != '/')
		return false;
	if (strcmp(path, "/") == 0)
		return true;
	if (strlen(path) > 1024 || !mt_is_terminal_safe(path))
		return false;
	const char *seg = path + 1;
	for (;;) {
		const char *slash = strchr(seg, '/');
		size_t len = slash ? (size_t)(slash - seg) : strlen(seg);
		if (len == 0)
			return false;   /* "//" or a trailing "/" */
		if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (memchr(seg, '\\', len))
			return false;
		if (slash == NULL)
			return true;
		seg = slash + 1;
	}
}

bool
mt_folder_within(const char *folder, const char *limit)
{
	if (limit == NULL || strcmp(limit, "/") == 0)
		return true;
	if (folder == NULL)
		return false;
	size_t n = strlen(limit);
	return strncmp(folder, limit, n) == 0 && (folder[n] == '\0' || folder[n] == '/');
}
