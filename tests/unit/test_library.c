/* test_library.c — usage and audit over hand-made items, MIME rules and the
 * dialects' allowlists, and careful file system chores. */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "audit.h"
#include "dialect.h"
#include "fsutil.h"
#include "mime.h"
#include "upload.h"
#include "usage.h"

static struct mt_media
item(const char *id, const char *name, const char *mime, int64_t size, const char *folder,
     const char *alt, const char *created)
{
	struct mt_media m;
	mt_media_init(&m);
	m.id = (char *)(uintptr_t)id;
	m.filename = (char *)(uintptr_t)name;
	m.mime_type = (char *)(uintptr_t)mime;
	m.size = size;
	m.folder = (char *)(uintptr_t)folder;
	m.alt = (char *)(uintptr_t)alt;
	m.created_at = (char *)(uintptr_t)created;
	return m;
}

static void
test_usage(void **state)
{
	struct mt_usage u;
	mt_usage_init(&u, 1000);
	struct mt_media a = item("1", "a.png", "image/png", 100, "/img", "x", NULL);
	struct mt_media b = item("2", "b.pdf", "application/pdf", 300, "/docs", NULL, NULL);
	struct mt_media c = item("3", "c.png", "image/png", 50, "/img", NULL, NULL);
	struct mt_media d = item("4", "d.mp4", "video/mp4", -1, NULL, NULL, NULL);
	mt_usage_add(&u, &a);
	mt_usage_add(&u, &b);
	mt_usage_add(&u, &c);
	mt_usage_add(&u, &d);
	mt_usage_finish(&u);
	assert_int_equal(u.count, 4);
	assert_int_equal(u.bytes, 450);
	assert_int_equal(u.unknown_size, 1);
	assert_int_equal(u.nfolders, 3);
	assert_string_equal(u.folders[0].name, "/docs");
	assert_string_equal(u.folders[1].name, "/img");
	assert_int_equal(u.folders[1].count, 2);
	assert_int_equal(u.folders[1].bytes, 150);
	assert_string_equal(u.folders[2].name, "/");
	assert_string_equal(u.types[0].name, "document");
	assert_string_equal(u.types[1].name, "image");
	mt_usage_free(&u);
}

static void
test_audit(void **state)
{
	struct mt_audit a;
	mt_audit_init(&a, 0);
	assert_int_equal(a.large_bytes, MT_AUDIT_DEFAULT_LARGE);
	mt_audit_free(&a);
	mt_audit_init(&a, 1000);
	struct mt_media v[] = {
		item("1", "logo.png", "image/png", 500, "/a", "", "2026-01-02T00:00:00Z"),
		item("2", "logo.png", "image/png", 500, "/b", "Logo", "2026-01-01T00:00:00Z"),
		item("3", "logo.png", "image/png", 500, "/c", "Logo", NULL),
		item("4", "big.jpg", "image/jpeg", 5000, "/a", "  ", "2026-01-03T00:00:00Z"),
		item("5", "liar.png", "image/jpeg", 10, "/a", "ok", NULL),
		item("6", "vector.svg", "text/xml", 10, "/a", "ok", NULL),
		item("7", "doc.pdf", "application/pdf", 10, "/a", NULL, NULL),
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		mt_audit_add(&a, &v[i]);
	char *folders[] = { (char *)(uintptr_t)"/", (char *)(uintptr_t)"/a", (char *)(uintptr_t)"/empty",
	                    (char *)(uintptr_t)"/parent", (char *)(uintptr_t)"/parent/child" };
	mt_audit_finish(&a, folders, 5);
	int missing = 0, over = 0, dup = 0, mism = 0, empty = 0;
	for (size_t i = 0; i < a.nfindings; i++) {
		const struct mt_finding *f = &a.findings[i];
		switch (f->kind) {
		case MT_FIND_MISSING_ALT:
			missing++;
			assert_true(strcmp(f->id, "1") == 0 || strcmp(f->id, "4") == 0);
			break;
		case MT_FIND_OVERSIZED:
			over++;
			assert_string_equal(f->id, "4");
			break;
		case MT_FIND_DUPLICATE:
			dup++;
			assert_int_equal(f->group, 1);
			/* the oldest is kept; unknown dates count as newest */
			assert_int_equal(f->keep, strcmp(f->id, "2") == 0);
			break;
		case MT_FIND_MISMATCH:
			mism++;
			assert_string_equal(f->id, "5");
			break;
		case MT_FIND_EMPTY_FOLDER:
			empty++;
			assert_true(strcmp(f->folder, "/empty") == 0 || strcmp(f->folder, "/parent/child") == 0);
			break;
		default:
			/* the content kinds need downloads; this audit makes none */
			fail_msg("unexpected finding kind %d for %s", (int)f->kind, f->id ? f->id : "?");
		}
	}
	assert_int_equal(missing, 2);
	assert_int_equal(over, 1);
	assert_int_equal(dup, 3);
	assert_int_equal(mism, 1);
	assert_int_equal(empty, 2);   /* "/parent" holds a folder, so it is not empty */
	/* ordered by kind, the kept duplicate first in its group */
	for (size_t i = 1; i < a.nfindings; i++)
		assert_true(a.findings[i - 1].kind <= a.findings[i].kind);
	/* --fail-on: kinds by name, counted */
	unsigned kinds;
	assert_int_equal(mt_finding_kinds_parse("missing-alt,empty-folder", &kinds), 0);
	assert_int_equal(kinds, (1u << MT_FIND_MISSING_ALT) | (1u << MT_FIND_EMPTY_FOLDER));
	assert_int_equal(mt_audit_count_kinds(&a, kinds), 4);
	assert_int_equal(mt_audit_count_kinds(&a, 0), 0);
	assert_int_equal(mt_finding_kinds_parse("duplicate", &kinds), 0);
	assert_int_equal(mt_audit_count_kinds(&a, kinds), 3);
	assert_int_equal(mt_finding_kinds_parse("missing-alt,", &kinds), -1);
	assert_int_equal(mt_finding_kinds_parse("", &kinds), -1);
	assert_int_equal(mt_finding_kinds_parse("missing", &kinds), -1);
	assert_int_equal(mt_finding_kinds_parse("oversized,nonsense", &kinds), -1);
	mt_audit_free(&a);
}

/* The audit of v at threshold `large`, finished with two folders. */
static void
audit_of(struct mt_audit *a, const struct mt_media *v, size_t n, int64_t large)
{
	mt_audit_init(a, large);
	for (size_t i = 0; i < n; i++)
		mt_audit_add(a, &v[i]);
	char *folders[] = { (char *)(uintptr_t)"/a", (char *)(uintptr_t)"/empty" };
	mt_audit_finish(a, folders, 2);
}

static void
assert_same_audit(const struct mt_audit *x, const struct mt_audit *y)
{
	json_t *jx = mt_audit_to_json(x), *jy = mt_audit_to_json(y);
	if (!json_equal(jx, jy)) {
		char *sx = json_dumps(jx, JSON_INDENT(1)), *sy = json_dumps(jy, JSON_INDENT(1));
		fail_msg("the audits differ:\n%s\n%s", sx, sy);
	}
	json_decref(jx);
	json_decref(jy);
}

/* Another threshold on a finished audit: the oversized findings as a new
 * audit at that threshold finds them, in the same order, the rest kept;
 * nothing listed again (the items are gone before the change). */
static void
test_audit_set_large(void **state)
{
	struct mt_media v[] = {
		item("1", "logo.png", "image/png", 500, "/a", "", "2026-01-02T00:00:00Z"),
		item("2", "logo.png", "image/png", 500, "/b", "Logo", "2026-01-01T00:00:00Z"),
		item("3", "big.jpg", "image/jpeg", 5000, "/a", "  ", "2026-01-03T00:00:00Z"),
		item("4", "mid.pdf", "application/pdf", 2000, "/b", NULL, NULL),
		item("5", NULL, "video/mp4", 3000, "/c", NULL, NULL),
		item("6", "small.png", "image/jpeg", 10, "/a", "ok", NULL),
		item("7", "nosize.png", "image/png", -1, "/a", "ok", NULL),
	};
	size_t n = sizeof v / sizeof v[0];
	struct mt_audit a, fresh;
	audit_of(&a, v, n, 4000);
	assert_int_equal(mt_audit_count_kinds(&a, 1u << MT_FIND_OVERSIZED), 1);
	size_t before = a.nfindings;

	/* lower: the pdf and the nameless video come in */
	assert_int_equal(mt_audit_set_large(&a, 1000), 3);
	assert_int_equal(a.large_bytes, 1000);
	assert_int_equal(a.nfindings, before + 2);
	audit_of(&fresh, v, n, 1000);
	assert_same_audit(&a, &fresh);
	mt_audit_free(&fresh);

	/* down to a byte: everything of a size above it, once each */
	assert_int_equal(mt_audit_set_large(&a, 1), 6);
	audit_of(&fresh, v, n, 1);
	assert_same_audit(&a, &fresh);
	mt_audit_free(&fresh);

	/* higher than all: none; the other kinds as they were */
	assert_int_equal(mt_audit_set_large(&a, (int64_t)5 << 20), 0);
	assert_int_equal(a.nfindings, before - 1);
	audit_of(&fresh, v, n, (int64_t)5 << 20);
	assert_same_audit(&a, &fresh);
	mt_audit_free(&fresh);

	/* not a threshold: nothing changes */
	assert_int_equal(mt_audit_set_large(&a, 0), -1);
	assert_int_equal(mt_audit_set_large(&a, -5), -1);
	assert_int_equal(a.large_bytes, (int64_t)5 << 20);
	mt_audit_free(&a);

	/* a picture oversized in pixels (the content's, with its detail) stays
	 * whatever the threshold, and is not found twice */
	mt_audit_init(&a, 4000);
	for (size_t i = 0; i < n; i++)
		mt_audit_add(&a, &v[i]);
	struct mt_finding *px = mt_audit_add_finding(&a, MT_FIND_OVERSIZED, &v[3],
	                                             strdup("3000 x 2000 px, shown at most 1200 px wide"));
	px->saved = 1600;
	mt_audit_finish(&a, NULL, 0);
	assert_int_equal(mt_audit_set_large(&a, (int64_t)1 << 30), 1);
	assert_int_equal(mt_audit_set_large(&a, 100), 5);
	size_t of4 = 0;
	for (size_t i = 0; i < a.nfindings; i++)
		if (a.findings[i].kind == MT_FIND_OVERSIZED && strcmp(a.findings[i].id, "4") == 0) {
			of4++;
			assert_int_equal(a.findings[i].saved, 1600);
		}
	assert_int_equal(of4, 1);
	mt_audit_free(&a);

	assert_int_equal(mt_audit_pick_large(0, 0), MT_AUDIT_DEFAULT_LARGE);
	assert_int_equal(mt_audit_pick_large(0, 2048), 2048);
	assert_int_equal(mt_audit_pick_large(4096, 2048), 4096);
}

static void
test_mime_rules(void **state)
{
	assert_string_equal(mt_mime_from_name("PHOTO.JPG"), "image/jpeg");
	assert_string_equal(mt_mime_from_name("a.b.webp"), "image/webp");
	assert_null(mt_mime_from_name("README"));
	assert_null(mt_mime_from_name(".hidden"));
	assert_true(mt_mime_name_agrees("a.png", "image/png"));
	assert_false(mt_mime_name_agrees("a.jpg", "image/png"));
	assert_true(mt_mime_name_agrees("a.svg", "text/xml"));
	assert_true(mt_mime_name_agrees("a.unknownext", "image/png"));
	assert_true(mt_mime_name_agrees("a.docx", "application/zip"));

	char dir[] = "/tmp/mt-mime-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/really-png.jpg", dir);
	FILE *f = fopen(path, "wb");
	fwrite("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 1, 29, f);
	fclose(f);
	char mime[128];
	struct mt_error err;
	assert_int_equal(mt_mime_detect(path, 0, mime, sizeof mime, &err), 0);
	assert_string_equal(mime, "image/png");
	assert_false(mt_mime_name_agrees(path, mime));
	int fd = open(path, O_RDONLY);
	lseek(fd, 5, SEEK_SET);
	assert_int_equal(mt_mime_detect(path, fd, mime, sizeof mime, &err), 0);
	assert_string_equal(mime, "image/png");
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 5);   /* the offset is kept */
	close(fd);
	unlink(path);
	rmdir(dir);
	assert_int_equal(mt_mime_detect("/nonexistent/x", 0, mime, sizeof mime, &err), -1);
}

static void
test_allowlists(void **state)
{
	struct mt_error err;
	const struct mt_upload_ops *cl = mt_dialect_find("clarife")->upload;
	assert_int_equal(cl->check(NULL, "image/png", 1000, "a.png", &err), 0);
	assert_int_equal(cl->check(NULL, "image/tiff", 1000, "a.tiff", &err), 0);
	assert_int_equal(cl->check(NULL, "video/mp4", 1000, "a.mp4", &err), -1);
	assert_int_equal(err.kind, MT_ERR_REJECTED);
	assert_int_equal(cl->check(NULL, "image/png", ((int64_t)30 << 20) + 1, "a.png", &err), -1);
	char longname[300];
	memset(longname, 'n', 256);
	strcpy(longname + 256, ".png");
	assert_int_equal(cl->check(NULL, "image/png", 10, longname, &err), -1);

	const struct mt_upload_ops *cc = mt_dialect_find("clearcms")->upload;
	assert_int_equal(cc->check(NULL, "video/webm", 10, "a.webm", &err), 0);
	assert_int_equal(cc->check(NULL, "application/pdf", 10, "a.pdf", &err), 0);
	assert_int_equal(cc->check(NULL, "image/bmp", 10, "a.bmp", &err), -1);
	assert_int_equal(cc->check(NULL, "video/mp4", ((int64_t)500 << 20) + 1, "a.mp4", &err), -1);

	const struct mt_upload_ops *ad = mt_dialect_find("adclear")->upload;
	assert_int_equal(ad->check(NULL, "video/mp4", (int64_t)2 << 30, "a.mp4", &err), 0);
	assert_int_equal(ad->check(NULL, "image/png", ((int64_t)30 << 20) + 1, "a.png", &err), -1);
	assert_int_equal(ad->check(NULL, "text/csv", ((int64_t)10 << 20) + 1, "a.csv", &err), -1);
	assert_int_equal(ad->check(NULL, "text/csv", 10 << 20, "a.csv", &err), 0);

	const struct mt_upload_ops *fl = mt_dialect_find("flare")->upload;
	assert_int_equal(fl->check(NULL, "video/quicktime", 10, "a.mov", &err), 0);
	assert_int_equal(fl->check(NULL, "image/png", 10, "a.png", &err), -1);

	assert_int_equal(mt_dialect_find("direct")->upload->check(NULL, "application/x-anything", 1, "x", &err), 0);
	assert_null(mt_dialect_find("sixth"));
}

static void
test_fsutil(void **state)
{
	char *s = mt_safe_filename("../../etc/passwd");
	assert_string_equal(s, "passwd");
	free(s);
	s = mt_safe_filename("..hidden\x1b[2J.png");
	assert_string_equal(s, "hidden_[2J.png");
	free(s);
	s = mt_safe_filename("dir\\evil.exe");
	assert_string_equal(s, "evil.exe");
	free(s);
	s = mt_safe_filename("");
	assert_string_equal(s, "unnamed");
	free(s);
	char dir[] = "/tmp/mt-fs-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char deep[200], final[220];
	struct mt_error err;
	snprintf(deep, sizeof deep, "%s/a/b/c", dir);
	assert_int_equal(mt_mkdir_p(deep, &err), 0);
	snprintf(final, sizeof final, "%s/out.bin", deep);
	char *tmp = NULL;
	int fd = mt_tmpfile_beside(final, &tmp, &err);
	assert_true(fd > 0);
	assert_int_equal(write(fd, "data", 4), 4);
	assert_int_equal(access(final, F_OK), -1);   /* not there until committed */
	assert_int_equal(mt_commit_tmpfile(fd, tmp, final, &err), 0);
	assert_int_equal(access(final, F_OK), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	free(tmp);
	/* never replaces an existing file */
	fd = mt_tmpfile_beside(final, &tmp, &err);
	assert_int_equal(mt_commit_tmpfile(fd, tmp, final, &err), -1);
	assert_int_equal(access(tmp, F_OK), -1);
	free(tmp);
	/* the unique form keeps both: out-2.bin beside out.bin */
	char *chosen = NULL, second[240];
	fd = mt_tmpfile_beside(final, &tmp, &err);
	assert_int_equal(mt_commit_tmpfile_unique(fd, tmp, final, &chosen, &err), 0);
	snprintf(second, sizeof second, "%s/out-2.bin", deep);
	assert_string_equal(chosen, second);
	assert_int_equal(access(second, F_OK), 0);
	unlink(second);
	free(chosen);
	free(tmp);
	char blocked[240];
	snprintf(blocked, sizeof blocked, "%s/sub", final);
	assert_int_equal(mt_mkdir_p(blocked, &err), -1);
	unlink(final);
	for (int i = 0; i < 3; i++) {
		rmdir(deep);
		*strrchr(deep, '/') = '\0';
	}
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_audit_set_large),
		cmocka_unit_test(test_mime_rules),
		cmocka_unit_test(test_allowlists),
		cmocka_unit_test(test_fsutil),
	};
	return cmocka_run_group_tests_name("library", tests, NULL, NULL);
}
