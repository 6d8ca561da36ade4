/* fpcache.c — fingerprints kept between audits (the format in fpcache.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
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

/* Kept as bytes, not hex: half the memory per item, and comparing a key
 * is two 16-byte compares. Entries lie side by side in the order they
 * came, found through an index of 4-byte numbers: the table's empty
 * places cost 4 bytes each, not a whole entry. */
struct entry {
	uint8_t key[32];
	uint8_t sha256[32];
	uint8_t phash[8];        /* bytes: the entry stays 4-aligned, 84 bytes */
	int32_t width, height;
	bool has_phash, used;
};

struct mt_fpcache {
	char *path;
	struct entry *entries;   /* in the order they came */
	size_t n, entries_cap;
	uint32_t *index;         /* open addressing, a power of two: entry + 1, 0 empty */
	size_t cap;
	int fd;                  /* for appending, opened on the first put */
	/* whether a save would write what the file already holds */
	bool existed;            /* the file was there when opened */
	bool changed;            /* a put since the open or the last save */
	size_t lines;            /* entries read from the file, repeats included */
	size_t damaged;
	size_t used;             /* entries marked in use */
};

static uint64_t
entry_phash(const struct entry *e)
{
	uint64_t h;
	memcpy(&h, e->phash, sizeof h);
	return h;
}

static void
entry_fp(const struct entry *e, struct mt_fingerprint *fp)
{
	memset(fp, 0, sizeof *fp);
	mt_bytes_to_hex(e->sha256, 32, fp->sha256);
	fp->has_phash = e->has_phash;
	fp->phash = entry_phash(e);
	fp->width = e->width;
	fp->height = e->height;
}

/* false when the fingerprint's digest is not 64 hex digits */
static bool
entry_set_fp(struct entry *e, const struct mt_fingerprint *fp)
{
	if (strlen(fp->sha256) != 64 || !mt_hex_to_bytes(fp->sha256, 32, e->sha256))
		return false;
	e->has_phash = fp->has_phash;
	memcpy(e->phash, &fp->phash, sizeof e->phash);
	e->width = fp->width;
	e->height = fp->height;
	return true;
}

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
	/* NUL-separated: no field can run into the next. The hash's method
	 * comes first: a hash made another way (JPEGs were hashed from RGBA
	 * before "luma") is never compared with one made now. */
	const char *fields[] = { MT_PHASH_METHOD, site ? site : "", m->id ? m->id : "",
	                         m->url ? m->url : "", m->created_at ? m->created_at : "" };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		strbuf_puts(&b, fields[i]);
		strbuf_putc(&b, '\0');
	}
	strbuf_printf(&b, "%lld", (long long)m->size);
	mt_sha256_hex(b.buf, b.len, key);
	strbuf_free(&b);
}

static size_t
slot_of(const uint8_t key[32], size_t cap)
{
	/* the key is already a hash: its first bytes spread well */
	uint64_t h;
	memcpy(&h, key, sizeof h);
	return (size_t)h & (cap - 1);
}

static struct entry *
find(struct mt_fpcache *c, const uint8_t key[32], bool create)
{
	if (create && (c->n + 1) * 4 > c->cap * 3) {
		if (c->n >= UINT32_MAX - 1)
			abort();
		free(c->index);
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->index = xcalloc(c->cap, sizeof *c->index);
		for (size_t i = 0; i < c->n; i++) {
			size_t s = slot_of(c->entries[i].key, c->cap);
			while (c->index[s])
				s = (s + 1) & (c->cap - 1);
			c->index[s] = (uint32_t)(i + 1);
		}
	}
	if (c->cap == 0)
		return NULL;
	size_t s = slot_of(key, c->cap);
	while (c->index[s]) {
		struct entry *e = &c->entries[c->index[s] - 1];
		if (memcmp(e->key, key, 32) == 0)
			return e;
		s = (s + 1) & (c->cap - 1);
	}
	if (!create)
		return NULL;
	if (c->n == c->entries_cap) {
		c->entries_cap = c->entries_cap ? c->entries_cap + c->entries_cap / 2 : 256;
		c->entries = xreallocarray(c->entries, c->entries_cap, sizeof *c->entries);
	}
	struct entry *e = &c->entries[c->n++];
	memset(e, 0, sizeof *e);
	memcpy(e->key, key, 32);
	c->index[s] = (uint32_t)c->n;
	return e;
}

/* a key as the public functions take it (64 hex digits) into bytes */
static bool
key_bytes(const char *key, uint8_t out[32])
{
	return key && strlen(key) == 64 && mt_hex_to_bytes(key, 32, out);
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
parse_line(char *line, uint8_t key[32], struct entry *fp)
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
	if (n != 5 || strlen(f[0]) != 64 || strlen(f[1]) != 64 || !mt_hex_to_bytes(f[0], 32, key) ||
	    !mt_hex_to_bytes(f[1], 32, fp->sha256))
		return false;
	if (strcmp(f[2], "-") == 0)
		fp->has_phash = false;
	else {
		uint64_t h;
		if (mt_phash_parse(f[2], &h) < 0)
			return false;
		fp->has_phash = true;
		memcpy(fp->phash, &h, sizeof h);
	}
	int w, h;
	if (!parse_int(f[3], &w) || !parse_int(f[4], &h))
		return false;
	fp->width = w;
	fp->height = h;
	return true;
}

/* One line of the file, without its newline; `first` is still true when
 * no line before it was read whole. */
static void
read_line(struct mt_fpcache *c, char *line, bool *first)
{
	if (*first) {
		*first = false;
		if (strcmp(line, "mediatui-fingerprints 1") != 0)
			c->damaged++;
		return;
	}
	uint8_t key[32];
	struct entry parsed;
	memset(&parsed, 0, sizeof parsed);
	if (!parse_line(line, key, &parsed)) {
		c->damaged++;
		return;
	}
	struct entry *e = find(c, key, true);
	memcpy(e->sha256, parsed.sha256, 32);
	e->has_phash = parsed.has_phash;
	memcpy(e->phash, parsed.phash, sizeof e->phash);
	e->width = parsed.width;
	e->height = parsed.height;
	c->lines++;
}

struct mt_fpcache *
mt_fpcache_open(const char *path, size_t *damaged)
{
	struct mt_fpcache *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->fd = -1;
	*damaged = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return c;
	c->existed = true;
	/* room for as many lines as the file can hold (the shortest line is
	 * 135 bytes), given back once they are read */
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size / 135 < (off_t)UINT32_MAX) {
		c->entries_cap = (size_t)(st.st_size / 135) + 1;
		c->entries = xcalloc(c->entries_cap, sizeof *c->entries);
	}
	/* a buffer at a time, lines parsed where they lie: the memory stays
	 * the same whatever the file's length */
	enum { CHUNK = 64 * 1024 };
	char *buf = xmalloc(CHUNK + 1);
	size_t have = 0;
	bool first = true, skipping = false;
	for (;;) {
		ssize_t got = read(fd, buf + have, CHUNK - have);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		have += (size_t)got;
		size_t at = 0;
		for (;;) {
			char *nl = memchr(buf + at, '\n', have - at);
			if (nl == NULL)
				break;
			size_t len = (size_t)(nl - (buf + at));
			*nl = '\0';
			if (skipping)
				skipping = false;   /* the end of an overlong line */
			else if (len > MAX_LINE || memchr(buf + at, '\0', len))
				c->damaged++;
			else
				read_line(c, buf + at, &first);
			at += len + 1;
		}
		memmove(buf, buf + at, have - at);
		have -= at;
		if (have > MAX_LINE) {
			/* an overlong line: counted once, its rest skipped */
			if (!skipping)
				c->damaged++;
			skipping = true;
			have = 0;
		}
	}
	/* a torn last line, without its newline */
	if (have > 0 && !skipping)
		c->damaged++;
	free(buf);
	close(fd);
	if (c->n > 0 && c->n < c->entries_cap) {
		c->entries = xreallocarray(c->entries, c->n, sizeof *c->entries);
		c->entries_cap = c->n;
	}
	*damaged = c->damaged;
	return c;
}

bool
mt_fpcache_get(struct mt_fpcache *c, const char *key, struct mt_fingerprint *fp)
{
	uint8_t k[32];
	struct entry *e = key_bytes(key, k) ? find(c, k, false) : NULL;
	if (e == NULL)
		return false;
	if (!e->used)
		c->used++;
	e->used = true;
	entry_fp(e, fp);
	return true;
}

static void
format_line(const struct entry *e, char *out, size_t n)
{
	char key[65], sha[65], ph[17] = "-";
	mt_bytes_to_hex(e->key, 32, key);
	mt_bytes_to_hex(e->sha256, 32, sha);
	if (e->has_phash)
		mt_phash_format(entry_phash(e), ph);
	snprintf(out, n, "%s\t%s\t%s\t%d\t%d\n", key, sha, ph, (int)e->width, (int)e->height);
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
	uint8_t k[32];
	struct entry scratch;
	if (!key_bytes(key, k) || !entry_set_fp(&scratch, fp))
		return mt_error_set(err, MT_ERR_IO, _("cannot write the fingerprint cache %s: %s"), c->path,
		                    strerror(EINVAL));
	struct entry *e = find(c, k, true);
	if (!e->used)
		c->used++;
	memcpy(e->sha256, scratch.sha256, 32);
	e->has_phash = scratch.has_phash;
	memcpy(e->phash, scratch.phash, sizeof e->phash);
	e->width = scratch.width;
	e->height = scratch.height;
	e->used = true;
	c->changed = true;
	if (open_for_append(c, err) < 0)
		return -1;
	char line[MAX_LINE + 1];
	format_line(e, line, sizeof line);
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
	/* the file already holds exactly what would be written: every line
	 * read whole, none repeated, none added, none to forget */
	if (c->existed && !c->changed && c->damaged == 0 && c->lines == c->n &&
	    (!only_used || c->used == c->n))
		return 0;
	if (open_for_append(c, err) < 0)
		return -1;
	char *tmp = NULL;
	int fd = mt_tmpfile_beside(c->path, &tmp, err);
	if (fd < 0)
		return -1;
	int rc = write_all(fd, HEADER, strlen(HEADER));
	char line[MAX_LINE + 1];
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		const struct entry *e = &c->entries[i];
		if (only_used && !e->used)
			continue;
		format_line(e, line, sizeof line);
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
		/* later appends go to the new file, which holds what is kept */
		close(c->fd);
		c->fd = -1;
		c->existed = true;
		c->changed = false;
		c->damaged = 0;
		c->lines = 0;
		for (size_t i = 0; i < c->n; i++)
			if (!only_used || c->entries[i].used)
				c->lines++;
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
	free(c->entries);
	free(c->index);
	free(c->path);
	free(c);
}
