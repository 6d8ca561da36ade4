/* mime.c — what a local file really is (libmagic), and what its name claims. */
#include "config.h"

#include <errno.h>
#include <magic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "mime.h"

struct ext_type {
	const char *ext;
	const char *mime;
};

/* The types the five APIs deal in, plus common ones worth a warning. */
static const struct ext_type ext_types[] = {
	{ "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" }, { "jpe", "image/jpeg" },
	{ "png", "image/png" }, { "gif", "image/gif" }, { "webp", "image/webp" },
	{ "svg", "image/svg+xml" }, { "bmp", "image/bmp" }, { "tif", "image/tiff" },
	{ "tiff", "image/tiff" }, { "avif", "image/avif" }, { "heic", "image/heic" },
	{ "ico", "image/vnd.microsoft.icon" },
	{ "pdf", "application/pdf" },
	{ "mp4", "video/mp4" }, { "m4v", "video/mp4" }, { "webm", "video/webm" },
	{ "mov", "video/quicktime" }, { "mkv", "video/x-matroska" }, { "avi", "video/x-msvideo" },
	{ "mp3", "audio/mpeg" }, { "wav", "audio/x-wav" }, { "ogg", "audio/ogg" },
	{ "m4a", "audio/mp4" }, { "flac", "audio/flac" },
	{ "txt", "text/plain" }, { "csv", "text/csv" }, { "json", "application/json" },
	{ "zip", "application/zip" },
	{ "doc", "application/msword" },
	{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
	{ NULL, NULL }
};

/* libmagic names some types differently from the APIs; map to the API's name. */
static const struct ext_type magic_aliases[] = {
	{ "image/x-ms-bmp", "image/bmp" },
	{ "image/svg", "image/svg+xml" },
	{ "audio/x-wav", "audio/x-wav" },
	{ "video/x-m4v", "video/mp4" },
	{ "image/x-icon", "image/vnd.microsoft.icon" },
	{ NULL, NULL }
};

/* The bytes libmagic looks at; a file no longer than this is read whole. */
#define BYTES_MAX (256 * 1024)

static magic_t cookie;
static unsigned char *keep;   /* read_small's BYTES_MAX + 1; only the pages used are touched */

static int
open_magic(struct mt_error *err)
{
	if (cookie)
		return 0;
	/* only media types matter: skip the costly checks that cannot find one */
	cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS |
	                    MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_CDF |
	                    MAGIC_NO_CHECK_ENCODING);
	if (cookie == NULL)
		return mt_error_set(err, MT_ERR_IO, _("cannot start libmagic"));
	/* media signatures sit in the first kilobytes; the default reads up to 7 MiB */
	size_t bytes_max = BYTES_MAX;
	(void)magic_setparam(cookie, MAGIC_PARAM_BYTES_MAX, &bytes_max);
	if (magic_load(cookie, NULL) != 0) {
		mt_error_set(err, MT_ERR_IO, _("cannot load the libmagic database: %s"),
		             magic_error(cookie) ? magic_error(cookie) : "?");
		magic_close(cookie);
		cookie = NULL;
		return -1;
	}
	return 0;
}

void
mt_mime_cleanup(void)
{
	if (cookie)
		magic_close(cookie);
	cookie = NULL;
	free(keep);
	keep = NULL;
}

/* A file of at most BYTES_MAX bytes, read whole with pread(2) into buf:
 * what magic_descriptor would read, without its dup, seeks, fstat and an
 * allocation of BYTES_MAX per call. Returns the length, or -1 when the
 * file is longer (or unreadable) and magic_descriptor must do it. */
static ssize_t
read_small(int fd, unsigned char **buf)
{
	if (keep == NULL)
		keep = malloc(BYTES_MAX + 1);
	if (keep == NULL)
		return -1;
	size_t got = 0;
	while (got <= BYTES_MAX) {
		ssize_t n = pread(fd, keep + got, BYTES_MAX + 1 - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > BYTES_MAX)
		return -1;
	*buf = keep;
	return (ssize_t)got;
}

int
mt_mime_detect(const char *path, int fd, char *out, size_t outlen, struct mt_error *err)
{
	if (open_magic(err) < 0)
		return -1;
	const char *t;
	unsigned char *buf;
	ssize_t len;
	if (fd > 0 && (len = read_small(fd, &buf)) >= 0) {
		t = magic_buffer(cookie, buf, (size_t)len);
	} else if (fd > 0) {
		/* magic_descriptor reads from the current offset and may move it */
		off_t pos = lseek(fd, 0, SEEK_CUR);
		lseek(fd, 0, SEEK_SET);
		int copy = dup(fd);
		t = copy < 0 ? NULL : magic_descriptor(cookie, copy);
		if (copy >= 0)
			close(copy);
		lseek(fd, pos, SEEK_SET);
	} else {
		t = magic_file(cookie, path);
	}
	if (t == NULL)
		return mt_error_set(err, MT_ERR_IO, _("%s: cannot detect the type: %s"), path,
		                    magic_error(cookie) ? magic_error(cookie) : "?");
	for (const struct ext_type *a = magic_aliases; a->ext; a++)
		if (strcmp(t, a->ext) == 0)
			t = a->mime;
	snprintf(out, outlen, "%s", t);
	return 0;
}

static const char *
extension_of(const char *filename)
{
	const char *slash = strrchr(filename, '/');
	const char *base = slash ? slash + 1 : filename;
	const char *dot = strrchr(base, '.');
	if (dot == NULL || dot == base || dot[1] == '\0')
		return NULL;
	return dot + 1;
}

const char *
mt_mime_from_name(const char *filename)
{
	const char *ext = extension_of(filename);
	if (ext == NULL)
		return NULL;
	for (const struct ext_type *e = ext_types; e->ext; e++)
		if (strcasecmp(e->ext, ext) == 0)
			return e->mime;
	return NULL;
}

const char *
mt_mime_extension(const char *mime)
{
	for (const struct ext_type *e = ext_types; e->ext; e++)
		if (strcmp(e->mime, mime) == 0)
			return e->ext;
	return NULL;
}

bool
mt_mime_name_agrees(const char *filename, const char *mime)
{
	const char *claimed = mt_mime_from_name(filename);
	if (claimed == NULL || mime == NULL)
		return true;
	if (strcmp(claimed, mime) == 0)
		return true;
	/* too generic to contradict anything */
	if (strcmp(mime, "application/octet-stream") == 0)
		return true;
	/* text formats libmagic reports as plain text or XML */
	if ((strcmp(claimed, "text/csv") == 0 || strcmp(claimed, "application/json") == 0) &&
	    strncmp(mime, "text/", 5) == 0)
		return true;
	if (strcmp(claimed, "image/svg+xml") == 0 &&
	    (strcmp(mime, "text/xml") == 0 || strcmp(mime, "application/xml") == 0 ||
	     strcmp(mime, "text/plain") == 0 || strcmp(mime, "text/html") == 0))
		return true;
	/* office documents are zip files underneath */
	if (strncmp(claimed, "application/vnd.openxmlformats", 30) == 0 &&
	    strcmp(mime, "application/zip") == 0)
		return true;
	/* MP4 family */
	if (strcmp(claimed, "audio/mp4") == 0 && strcmp(mime, "video/mp4") == 0)
		return true;
	return false;
}
