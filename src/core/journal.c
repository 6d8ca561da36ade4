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

struct mt_journal {
	char *path;
	int fd;
	json_t *records;     /* key -> latest record */
	size_t lines;        /* lines in the file */
	size_t skipped;
	bool dirty;            /* a `sync` record not yet fdatasynced */
	unsigned long syncs;
};

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
load_line(struct mt_journal *j, const char *line, size_t len)
{
	if (len == 0)
		return;
	j->lines++;
	json_t *rec = json_loadb(line, len, 0, NULL);
	const char *key = json_string_value(json_object_get(rec, "key"));
	if (!json_is_object(rec) || key == NULL) {
		j->skipped++;
		json_decref(rec);
		return;
	}
	json_object_set_new(j->records, key, rec);
}

static int
load_all(struct mt_journal *j, struct mt_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
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
			load_line(j, start, (size_t)(nl - start));
			start = nl + 1;
		}
		size_t rest = sb.len - (size_t)(start - sb.buf);
		memmove(sb.buf, start, rest);
		sb.len = rest;
		if (sb.len > MAX_LINE) {   /* garbage without newlines: drop it */
			j->skipped++;
			sb.len = 0;
		}
	}
	/* a last line without newline is what a crash mid-write leaves */
	if (sb.len) {
		j->lines++;
		j->skipped++;
	}
	strbuf_free(&sb);
	return 0;
}

/* Rewrites the file with only the live records, atomically. */
static bool
worth_compacting(const struct mt_journal *j)
{
	size_t live = json_object_size(j->records);
	return j->lines > live + COMPACT_SLACK && j->lines > 2 * live;
}

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
	const char *key;
	json_t *rec;
	struct strbuf sb = STRBUF_INIT;
	json_object_foreach(j->records, key, rec) {
		char *line = json_dumps(rec, JSON_COMPACT);
		strbuf_puts(&sb, line);
		strbuf_putc(&sb, '\n');
		free(line);
	}
	bool ok = sb.len == 0 || write(fd, sb.buf, sb.len) == (ssize_t)sb.len;
	strbuf_free(&sb);
	ok = ok && fsync(fd) == 0;
	close(fd);
	if (!ok || rename(tmp, j->path) < 0) {
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
		return mt_error_set(err, MT_ERR_IO, _("cannot reopen the journal %s"), j->path);
	}
	close(j->fd);
	j->fd = nfd;
	j->lines = json_object_size(j->records);
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
	j->records = json_object();
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
	return json_object_get(j->records, key);
}

int
mt_journal_put(struct mt_journal *j, const char *key, json_t *record, bool sync,
               struct mt_error *err)
{
	json_t *copy = json_deep_copy(record);
	json_object_set_new(copy, "key", json_string(key));
	char *line = json_dumps(copy, JSON_COMPACT);
	size_t len = strlen(line);
	line = xrealloc(line, len + 2);
	line[len++] = '\n';
	line[len] = '\0';
	/* one write(2) of the whole line: with O_APPEND it cannot interleave */
	ssize_t w = write(j->fd, line, len);
	free(line);
	if (w != (ssize_t)len) {
		json_decref(copy);
		return mt_error_set(err, MT_ERR_IO, _("cannot write the upload journal %s: %s"), j->path,
		                    w < 0 ? strerror(errno) : _("short write"));
	}
	if (sync)
		j->dirty = true;
	json_object_set_new(j->records, key, copy);
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
	return j->records;
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
	json_decref(j->records);
	free(j->path);
	free(j);
}
