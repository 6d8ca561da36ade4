/* journal.c — upload state that survives a crash or a dropped SSH session. */
#include "config.h"

#include <jansson.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "i18n.h"
#include "journal.h"
#include "strbuf.h"
#include "xalloc.h"

/* Compact when the file holds this many more lines than live records, and
 * at least as many stale lines as live ones: a fixed slack alone rewrote a
 * journal of n records every 1000 lines, n^2 work for a queue of n files. */
#define COMPACT_SLACK 1000
#define MAX_LINE (1u << 20)

/* Where the latest line of a key lies in the file. The records themselves
 * stay on the disk and are read back when asked for: kept as JSON objects
 * they cost about 2 KiB each, and a queue of 10 000 files held them all. */
struct slot {
	char *key;             /* NULL: empty */
	unsigned long long off;
	size_t len;            /* without the newline */
	unsigned hash;
};

struct mt_journal {
	char *path;
	int fd;
	struct slot *slots;    /* open addressing, cap a power of two */
	size_t cap, live;
	unsigned long long end;   /* the file's size: where the next line goes */
	json_t *got;           /* the last record mt_journal_get read */
	json_t *all;           /* mt_journal_records' object until the next put */
	size_t lines;          /* lines in the file */
	size_t skipped;
	bool dirty;            /* a `sync` record not yet fdatasynced */
	unsigned long syncs;
};

static unsigned
key_hash(const char *k)
{
	unsigned h = 2166136261u;   /* FNV-1a */
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	return h;
}

static struct slot *
slot_find(const struct mt_journal *j, const char *key, unsigned h)
{
	if (j->cap == 0)
		return NULL;
	for (size_t i = h & (j->cap - 1);; i = (i + 1) & (j->cap - 1)) {
		struct slot *s = &j->slots[i];
		if (s->key == NULL)
			return s;
		if (s->hash == h && strcmp(s->key, key) == 0)
			return s;
	}
}

static void
slots_grow(struct mt_journal *j)
{
	size_t ocap = j->cap;
	struct slot *old = j->slots;
	j->cap = ocap ? 2 * ocap : 64;
	j->slots = xcalloc(j->cap, sizeof *j->slots);
	for (size_t i = 0; i < ocap; i++)
		if (old[i].key)
			*slot_find(j, old[i].key, old[i].hash) = old[i];
	free(old);
}

/* The key's latest line is at off, len bytes. */
static void
index_set(struct mt_journal *j, const char *key, unsigned long long off, size_t len)
{
	if (4 * (j->live + 1) > 3 * j->cap)
		slots_grow(j);
	unsigned h = key_hash(key);
	struct slot *s = slot_find(j, key, h);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		s->hash = h;
		j->live++;
	}
	s->off = off;
	s->len = len;
}

static void
index_free(struct mt_journal *j)
{
	for (size_t i = 0; i < j->cap; i++)
		free(j->slots[i].key);
	XFREE(j->slots);
	j->cap = j->live = 0;
}

/* Drops what was read back (the file changed under it). */
static void
forget_read(struct mt_journal *j)
{
	json_decref(j->got);
	j->got = NULL;
	json_decref(j->all);
	j->all = NULL;
}

static int
read_at(int fd, char *buf, size_t len, unsigned long long off)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, (off_t)(off + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

/* The record of a slot read back from the file, or NULL when the line is
 * no longer what was written there. */
static json_t *
slot_read(const struct mt_journal *j, const struct slot *s)
{
	char *buf = xmalloc(s->len + 1);
	json_t *rec = NULL;
	if (read_at(j->fd, buf, s->len, s->off) == 0)
		rec = json_loadb(buf, s->len, 0, NULL);
	free(buf);
	const char *key = json_string_value(json_object_get(rec, "key"));
	if (!json_is_object(rec) || key == NULL || strcmp(key, s->key) != 0) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

char *
mt_journal_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/mediatui", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/state/mediatui", home && *home ? home : ".");
}

char *
mt_journal_path_for(const char *profile)
{
	char *dir = mt_journal_dir();
	char *path = xasprintf("%s/uploads-%s.jsonl", dir, profile);
	free(dir);
	return path;
}

static void
load_line(struct mt_journal *j, const char *line, size_t len, unsigned long long off)
{
	if (len == 0)
		return;
	j->lines++;
	json_t *rec = json_loadb(line, len, 0, NULL);
	const char *key = json_string_value(json_object_get(rec, "key"));
	if (!json_is_object(rec) || key == NULL)
		j->skipped++;
	else
		index_set(j, key, off, len);
	json_decref(rec);
}

static int
load_all(struct mt_journal *j, struct mt_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	unsigned long long base = 0;   /* the file offset of sb.buf[0] */
	for (;;) {
		ssize_t n = read(j->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			strbuf_free(&sb);
			return mt_error_set(err, MT_ERR_IO, _("cannot read the journal %s: %s"), j->path,
			                    strerror(errno));
		}
		if (n == 0)
			break;
		strbuf_append(&sb, buf, (size_t)n);
		/* hand over complete lines as they arrive to keep memory small */
		char *start = sb.buf;
		char *nl;
		while ((nl = memchr(start, '\n', sb.len - (size_t)(start - sb.buf))) != NULL) {
			load_line(j, start, (size_t)(nl - start), base + (size_t)(start - sb.buf));
			start = nl + 1;
		}
		size_t used = (size_t)(start - sb.buf);
		size_t rest = sb.len - used;
		memmove(sb.buf, start, rest);
		sb.len = rest;
		base += used;
		if (sb.len > MAX_LINE) {   /* garbage without newlines: drop it */
			j->skipped++;
			base += sb.len;
			sb.len = 0;
		}
	}
	/* a last line without newline is what a crash mid-write leaves */
	if (sb.len) {
		j->lines++;
		j->skipped++;
	}
	j->end = base + sb.len;
	strbuf_free(&sb);
	return 0;
}

static bool
worth_compacting(const struct mt_journal *j)
{
	return j->lines > j->live + COMPACT_SLACK && j->lines > 2 * j->live;
}

static const struct slot *sort_base;

static int
cmp_off(const void *a, const void *b)
{
	unsigned long long x = sort_base[*(const size_t *)a].off, y = sort_base[*(const size_t *)b].off;
	return x < y ? -1 : x > y;
}

/* Rewrites the file with only the live records, atomically, in the order
 * they were last written. */
static int
compact(struct mt_journal *j, struct mt_error *err)
{
	char *tmp = xasprintf("%s.compact", j->path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return mt_error_set(err, MT_ERR_IO, _("cannot write the journal: %s"), strerror(e));
	}
	size_t *order = xreallocarray(NULL, j->live ? j->live : 1, sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < j->cap; i++)
		if (j->slots[i].key)
			order[n++] = i;
	sort_base = j->slots;
	qsort(order, n, sizeof *order, cmp_off);
	/* copied a buffer at a time: the whole file never sits in memory */
	char *buf = NULL;
	size_t len = 0, cap = 0;
	bool ok = true;
	for (size_t k = 0; k < n && ok; k++) {
		const struct slot *s = &j->slots[order[k]];
		if (len + s->len + 1 > cap) {
			cap = len + s->len + 1 + 65536;
			buf = xrealloc(buf, cap);
		}
		ok = read_at(j->fd, buf + len, s->len, s->off) == 0;
		len += s->len;
		buf[len++] = '\n';
		if (ok && (len >= 65536 || k + 1 == n)) {
			ok = write(fd, buf, len) == (ssize_t)len;
			len = 0;
		}
	}
	free(buf);
	ok = ok && fsync(fd) == 0;
	close(fd);
	if (!ok || rename(tmp, j->path) < 0) {
		free(order);
		unlink(tmp);
		free(tmp);
		return mt_error_set(err, MT_ERR_IO, _("cannot write the journal %s"), j->path);
	}
	free(tmp);
	/* the lock is on the old inode; take the new file and lock it */
	int nfd = open(j->path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (nfd < 0 || flock(nfd, LOCK_EX | LOCK_NB) < 0) {
		if (nfd >= 0)
			close(nfd);
		free(order);
		return mt_error_set(err, MT_ERR_IO, _("cannot reopen the journal %s"), j->path);
	}
	/* the lines now follow each other in that order */
	unsigned long long off = 0;
	for (size_t k = 0; k < n; k++) {
		struct slot *s = &j->slots[order[k]];
		s->off = off;
		off += s->len + 1;
	}
	free(order);
	j->end = off;
	close(j->fd);
	j->fd = nfd;
	j->lines = j->live;
	return 0;
}

int
mt_journal_open(const char *path, struct mt_journal **out, struct mt_error *err)
{
	*out = NULL;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mt_mkdir_p(dir, err) < 0) {
			free(dir);
			mt_error_prefix(err, _("upload journal: "));
			return -1;
		}
	}
	free(dir);
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot open the upload journal %s: %s"), path,
		                    strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return mt_error_set(err, MT_ERR_IO,
		                    _("another mediatui is uploading with this profile (journal %s is locked)"),
		                    path);
	}
	struct mt_journal *j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->fd = fd;
	if (load_all(j, err) < 0) {
		mt_journal_close(j);
		return -1;
	}
	if (worth_compacting(j) || j->skipped) {
		struct mt_error ignored;
		(void)compact(j, &ignored);   /* a failed compaction loses nothing */
	}
	*out = j;
	return 0;
}

json_t *
mt_journal_get(struct mt_journal *j, const char *key)
{
	if (j->all)
		return json_object_get(j->all, key);
	struct slot *s = slot_find(j, key, key_hash(key));
	if (s == NULL || s->key == NULL)
		return NULL;
	json_decref(j->got);
	j->got = slot_read(j, s);
	return j->got;
}

int
mt_journal_put(struct mt_journal *j, const char *key, json_t *record, bool sync,
               struct mt_error *err)
{
	char *line;
	size_t len;
	if (json_is_object(record) && json_object_get(record, "key") == NULL) {
		/* the line is {"key":KEY,...the record's members...}: the record
		 * is dumped as it is, not deep-copied to add its key (the copy was
		 * a good part of the journal's cost per file) */
		json_t *k = json_string(key);
		char *kj = json_dumps(k, JSON_ENCODE_ANY);
		json_decref(k);
		char *body = json_dumps(record, JSON_COMPACT);
		size_t klen = strlen(kj), blen = strlen(body);
		bool empty = blen == 2;   /* "{}" */
		len = 7 + klen + (empty ? 0 : 1) + (blen - 1) + 1;
		line = xmalloc(len + 1);
		char *p = line;
		memcpy(p, "{\"key\":", 7);
		p += 7;
		memcpy(p, kj, klen);
		p += klen;
		if (!empty)
			*p++ = ',';
		memcpy(p, body + 1, blen - 1);   /* the members and the closing brace */
		p += blen - 1;
		*p++ = '\n';
		*p = '\0';
		free(kj);
		free(body);
	} else {
		json_t *copy = json_deep_copy(record);
		json_object_set_new(copy, "key", json_string(key));
		line = json_dumps(copy, JSON_COMPACT);
		json_decref(copy);
		len = strlen(line);
		line = xrealloc(line, len + 2);
		line[len++] = '\n';
		line[len] = '\0';
	}
	/* one write(2) of the whole line: with O_APPEND it cannot interleave */
	ssize_t w = write(j->fd, line, len);
	free(line);
	if (w != (ssize_t)len) {
		/* whatever part of it landed is a torn line: the next one goes after it */
		struct stat st;
		if (fstat(j->fd, &st) == 0)
			j->end = (unsigned long long)st.st_size;
		return mt_error_set(err, MT_ERR_IO, _("cannot write the upload journal %s: %s"), j->path,
		                    w < 0 ? strerror(errno) : _("short write"));
	}
	if (sync)
		j->dirty = true;
	forget_read(j);
	index_set(j, key, j->end, len - 1);
	j->end += len;
	j->lines++;
	if (worth_compacting(j)) {
		struct mt_error ignored;
		(void)compact(j, &ignored);
	}
	return 0;
}

int
mt_journal_flush(struct mt_journal *j, struct mt_error *err)
{
	if (!j->dirty)
		return 0;
	if (fdatasync(j->fd) < 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot write the upload journal %s: %s"), j->path,
		                    strerror(errno));
	j->dirty = false;
	j->syncs++;
	return 0;
}

unsigned long
mt_journal_syncs(const struct mt_journal *j)
{
	return j->syncs;
}

json_t *
mt_journal_records(struct mt_journal *j)
{
	if (j->all == NULL) {
		j->all = json_object();
		for (size_t i = 0; i < j->cap; i++) {
			const struct slot *s = &j->slots[i];
			json_t *rec = s->key ? slot_read(j, s) : NULL;
			if (rec)
				json_object_set_new(j->all, s->key, rec);
		}
	}
	return j->all;
}

size_t
mt_journal_skipped_lines(const struct mt_journal *j)
{
	return j->skipped;
}

void
mt_journal_close(struct mt_journal *j)
{
	if (j == NULL)
		return;
	struct mt_error ignored;
	if (j->fd >= 0)
		(void)mt_journal_flush(j, &ignored);
	if (j->fd >= 0)
		close(j->fd);
	forget_read(j);
	index_free(j);
	free(j->path);
	free(j);
}
