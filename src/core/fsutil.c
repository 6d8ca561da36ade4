/* fsutil.c — file system chores done carefully. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "sanitize.h"
#include "xalloc.h"

const char *
mt_basename(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

char *
mt_safe_filename(const char *remote)
{
	const char *base = remote ? remote : "";
	const char *slash = strrchr(base, '/');
	if (slash)
		base = slash + 1;
	const char *bs = strrchr(base, '\\');
	if (bs)
		base = bs + 1;
	while (*base == '.')
		base++;
	char *out = xmalloc(strlen(base) + 8);
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)base; *p && o < 200; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == ':')
			out[o++] = '_';
		else
			out[o++] = (char)*p;
	}
	/* do not cut a UTF-8 sequence in half */
	while (o && ((unsigned char)out[o - 1] & 0xc0) == 0x80 && o == 200)
		o--;
	if (o && ((unsigned char)out[o - 1] & 0xc0) == 0xc0 && o == 200)
		o--;
	out[o] = '\0';
	if (o == 0 || !mt_is_terminal_safe(out)) {
		free(out);
		return xstrdup(o == 0 ? "unnamed" : "renamed");
	}
	return out;
}

int
mt_mkdir_p(const char *path, struct mt_error *err)
{
	char *p = xstrdup(path);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) < 0 && errno != EEXIST) {
				int e = errno;
				mt_error_set(err, MT_ERR_IO, _("cannot create directory %s: %s"), p, strerror(e));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	struct stat st;
	if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
		mt_error_set(err, MT_ERR_IO, _("%s is not a directory"), p);
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int
mt_tmpfile_beside(const char *final_path, char **tmp_path, struct mt_error *err)
{
	for (int i = 0; i < 100; i++) {
		char *tmp = xasprintf("%s.part-%ld-%d", final_path, (long)getpid(), i);
		int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			*tmp_path = tmp;
			return fd;
		}
		int e = errno;
		free(tmp);
		if (e != EEXIST) {
			mt_error_set(err, MT_ERR_IO, _("cannot create a file beside %s: %s"), final_path,
			             strerror(e));
			return -1;
		}
	}
	mt_error_set(err, MT_ERR_IO, _("cannot create a file beside %s"), final_path);
	return -1;
}

static void
fsync_dir_of(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* final_path with "-n" before the extension of its last component. */
static char *
numbered_name(const char *final_path, int n)
{
	const char *base = mt_basename(final_path);
	const char *dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return xasprintf("%s-%d", final_path, n);
	return xasprintf("%.*s-%d%s", (int)(dot - final_path), final_path, n, dot);
}

static int
commit(int fd, const char *tmp_path, const char *final_path, char **chosen, struct mt_error *err)
{
	if (fsync(fd) < 0) {
		int e = errno;
		close(fd);
		unlink(tmp_path);
		return mt_error_set(err, MT_ERR_IO, _("cannot write %s: %s"), final_path, strerror(e));
	}
	if (close(fd) < 0) {
		int e = errno;
		unlink(tmp_path);
		return mt_error_set(err, MT_ERR_IO, _("cannot write %s: %s"), final_path, strerror(e));
	}
	/* link+unlink instead of rename: never silently replaces an existing file */
	char *name = xstrdup(final_path);
	int n = 1;
	while (link(tmp_path, name) < 0) {
		int e = errno;
		if (e == EEXIST && chosen && ++n < 100) {
			free(name);
			name = numbered_name(final_path, n);
			continue;
		}
		unlink(tmp_path);
		mt_error_set(err, MT_ERR_IO, _("cannot create %s: %s"), name, strerror(e));
		free(name);
		return -1;
	}
	unlink(tmp_path);
	fsync_dir_of(name);
	if (chosen)
		*chosen = name;
	else
		free(name);
	return 0;
}

int
mt_commit_tmpfile(int fd, const char *tmp_path, const char *final_path, struct mt_error *err)
{
	return commit(fd, tmp_path, final_path, NULL, err);
}

int
mt_commit_tmpfile_unique(int fd, const char *tmp_path, const char *final_path, char **chosen,
                         struct mt_error *err)
{
	return commit(fd, tmp_path, final_path, chosen, err);
}
