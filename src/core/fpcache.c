/* fpcache.c — fingerprints kept between audits (the format in fpcache.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "fpcache.h"
#include "fsutil.h"
#include "i18n.h"
#include "phash.h"
#include "strbuf.h"
#include "xalloc.h"

#define HEADER "mediatui-fingerprints 1\n"
/* a line is 64 + 64 + 16 + two sizes + tabs: anything longer is damage */
#define MAX_LINE 200

struct entry {
	char key[65];
	struct mt_fingerprint fp;
	bool used, filled;
};

struct mt_fpcache {
	char *path;
	struct entry *slots;     /* open addressing, a power of two */
	size_t cap, n;
	int fd;                  /* for appending, opened on the first put */
};

char *
mt_fpcache_path(const char *profile)
{
	char *safe = mt_safe_filename(profile && profile[0] ? profile : "default");
	char *path;
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		path = xasprintf("%s/mediatui/fingerprints/%s", xdg, safe);
	else if (home && home[0] == '/')
		path = xasprintf("%s/.cache/mediatui/fingerprints/%s", home, safe);
	else
		path = xasprintf("/tmp/mediatui-%ld/fingerprints/%s", (long)getuid(), safe);
	free(safe);
	return path;
}

void
mt_fpcache_key(const char *site, const struct mt_media *m, char key[65])
{
	struct strbuf b = STRBUF_INIT;
	/* NUL-separated: no field can run into the next */
	const char *fields[] = { site ? site : "", m->id ? m->id : "", m->url ? m->url : "",
	                         m->created_at ? m->created_at : "" };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		strbuf_puts(&b, fields[i]);
		strbuf_putc(&b, '\0');
	}
	strbuf_printf(&b, "%lld", (long long)m->size);
	mt_sha256_hex(b.buf, b.len, key);
	strbuf_free(&b);
}

static size_t
slot_of(const char *key, size_t cap)
{
	/* the key is already a hash: its first hex digits spread well */
	size_t h = (size_t)strtoull((char[17]){ key[0], key[1], key[2], key[3], key[4], key[5],
	                                        key[6], key[7], key[8], key[9], key[10], key[11],
	                                        key[12], key[13], key[14], key[15], 0 }, NULL, 16);
	return h & (cap - 1);
}

static struct entry *
find(struct mt_fpcache *c, const char *key, bool create)
{
	if (create && (c->n + 1) * 4 > c->cap * 3) {
		size_t old_cap = c->cap;
		struct entry *old = c->slots;
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->slots = xcalloc(c->cap, sizeof *c->slots);
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].filled) {
				size_t s = slot_of(old[i].key, c->cap);
				while (c->slots[s].filled)
					s = (s + 1) & (c->cap - 1);
				c->slots[s] = old[i];
			}
		free(old);
	}
	if (c->cap == 0)
		return NULL;
	size_t s = slot_of(key, c->cap);
	while (c->slots[s].filled) {
		if (strcmp(c->slots[s].key, key) == 0)
			return &c->slots[s];
		s = (s + 1) & (c->cap - 1);
	}
	if (!create)
		return NULL;
	c->n++;
	c->slots[s].filled = true;
	memcpy(c->slots[s].key, key, 65);
	return &c->slots[s];
}

static bool
is_hex(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

static bool
parse_int(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < -1 || v > 1000000)
		return false;
	*out = (int)v;
	return true;
}

/* key TAB sha256 TAB phash|- TAB width TAB height */
static bool
parse_line(char *line, char key[65], struct mt_fingerprint *fp)
{
	char *f[5];
	int n = 0;
	for (char *p = line; n < 5; n++) {
		f[n] = p;
		char *tab = strchr(p, '\t');
		if (tab == NULL) {
			n++;
			break;
		}
		*tab = '\0';
		p = tab + 1;
		if (n == 4)
			return false;   /* a sixth field */
	}
	if (n != 5 || !is_hex(f[0], 64) || !is_hex(f[1], 64))
		return false;
	memset(fp, 0, sizeof *fp);
	memcpy(key, f[0], 65);
	memcpy(fp->sha256, f[1], 65);
	if (strcmp(f[2], "-") == 0)
		fp->has_phash = false;
	else if (mt_phash_parse(f[2], &fp->phash) == 0)
		fp->has_phash = true;
	else
		return false;
	return parse_int(f[3], &fp->width) && parse_int(f[4], &fp->height);
}

struct mt_fpcache *
mt_fpcache_open(const char *path, size_t *damaged)
{
	struct mt_fpcache *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->fd = -1;
	*damaged = 0;
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return c;
	char line[MAX_LINE + 2];
	bool first = true, skipping = false;
	while (fgets(line, sizeof line, f)) {
		size_t len = strlen(line);
		bool whole = len > 0 && line[len - 1] == '\n';
		if (skipping) {
			/* the rest of an overlong line */
			skipping = !whole;
			continue;
		}
		if (!whole) {
			(*damaged)++;
			skipping = !feof(f);
			continue;
		}
		line[len - 1] = '\0';
		if (first) {
			first = false;
			if (strcmp(line, "mediatui-fingerprints 1") == 0)
				continue;
			(*damaged)++;
			continue;
		}
		char key[65];
		struct mt_fingerprint fp;
		if (!parse_line(line, key, &fp)) {
			(*damaged)++;
			continue;
		}
		struct entry *e = find(c, key, true);
		e->fp = fp;
	}
	fclose(f);
	return c;
}

bool
mt_fpcache_get(struct mt_fpcache *c, const char *key, struct mt_fingerprint *fp)
{
	struct entry *e = find(c, key, false);
	if (e == NULL)
		return false;
	e->used = true;
	*fp = e->fp;
	return true;
}

static void
format_line(const char *key, const struct mt_fingerprint *fp, char *out, size_t n)
{
	char ph[17] = "-";
	if (fp->has_phash)
		mt_phash_format(fp->phash, ph);
	snprintf(out, n, "%s\t%s\t%s\t%d\t%d\n", key, fp->sha256, ph, fp->width, fp->height);
}

static int
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
open_for_append(struct mt_fpcache *c, struct mt_error *err)
{
	if (c->fd >= 0)
		return 0;
	char *dir = xstrdup(c->path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	int rc = slash ? mt_mkdir_p(dir, err) : 0;
	free(dir);
	if (rc < 0)
		return -1;
	c->fd = open(c->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (c->fd < 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot write the fingerprint cache %s: %s"), c->path,
		                    strerror(errno));
	if (lseek(c->fd, 0, SEEK_END) == 0 && write_all(c->fd, HEADER, strlen(HEADER)) < 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot write the fingerprint cache %s: %s"), c->path,
		                    strerror(errno));
	return 0;
}

int
mt_fpcache_put(struct mt_fpcache *c, const char *key, const struct mt_fingerprint *fp,
               struct mt_error *err)
{
	struct entry *e = find(c, key, true);
	e->fp = *fp;
	e->used = true;
	if (open_for_append(c, err) < 0)
		return -1;
	char line[MAX_LINE + 1];
	format_line(key, fp, line, sizeof line);
	/* one write of a short line to an O_APPEND file: whole or torn at the
	 * end, which the next open ignores */
	if (write_all(c->fd, line, strlen(line)) < 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot write the fingerprint cache %s: %s"), c->path,
		                    strerror(errno));
	return 0;
}

int
mt_fpcache_save(struct mt_fpcache *c, bool only_used, struct mt_error *err)
{
	if (open_for_append(c, err) < 0)
		return -1;
	char *tmp = NULL;
	int fd = mt_tmpfile_beside(c->path, &tmp, err);
	if (fd < 0)
		return -1;
	int rc = write_all(fd, HEADER, strlen(HEADER));
	char line[MAX_LINE + 1];
	for (size_t i = 0; rc == 0 && i < c->cap; i++) {
		const struct entry *e = &c->slots[i];
		if (!e->filled || (only_used && !e->used))
			continue;
		format_line(e->key, &e->fp, line, sizeof line);
		rc = write_all(fd, line, strlen(line));
	}
	if (rc == 0 && fsync(fd) < 0)
		rc = -1;
	if (close(fd) < 0)
		rc = -1;
	if (rc == 0 && rename(tmp, c->path) < 0)
		rc = -1;
	if (rc < 0) {
		mt_error_set(err, MT_ERR_IO, _("cannot write the fingerprint cache %s: %s"), c->path,
		             strerror(errno));
		unlink(tmp);
	} else {
		/* later appends go to the new file */
		close(c->fd);
		c->fd = -1;
	}
	free(tmp);
	return rc;
}

size_t
mt_fpcache_count(const struct mt_fpcache *c)
{
	return c->n;
}

void
mt_fpcache_free(struct mt_fpcache *c)
{
	if (c == NULL)
		return;
	if (c->fd >= 0)
		close(c->fd);
	free(c->slots);
	free(c->path);
	free(c);
}
