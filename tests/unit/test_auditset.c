/* test_auditset.c — the content audit's compact listing: each item's
 * strings back as they went in (absent ones NULL), the digest kept as bytes
 * and refused when it is not hex, a failed download's message, the fetch's
 * strings gone after forget, trim keeping everything, and findings that
 * point into the set with the digest written back as hex. */
#include "config.h"

#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "audit.h"
#include "auditset.h"
#include "fpfetch.h"

#define S(x) ((char *)(uintptr_t)(x))

static void
fill(struct mt_auditset *s)
{
	struct mt_media m;
	mt_media_init(&m);
	m.id = S("media_1");
	m.filename = S("a.jpg");
	m.folder = S("/images");
	m.created_at = S("2026-01-01T00:00:00Z");
	m.url = S("/files/a.jpg");
	m.mime_type = S("image/jpeg");
	m.size = 1234;
	m.width = 800;
	m.height = 600;
	m.alt = S("a harbour");
	m.title = S(" ");
	m.focal_x = m.focal_y = 50;
	mt_auditset_add(s, &m);
	/* the second has no file name, folder, date, URL or type */
	mt_media_init(&m);
	m.id = S("media_2");
	m.title = S("Titled");
	m.focal_x = 10;
	m.focal_y = 20;
	mt_auditset_add(s, &m);
	for (int i = 3; i < 600; i++) {   /* past the first growth of both buffers */
		char id[32], url[64];
		snprintf(id, sizeof id, "media_%d", i);
		snprintf(url, sizeof url, "/files/picture-%06d.jpg", i);
		mt_media_init(&m);
		m.id = id;
		m.url = url;
		m.size = i;
		mt_auditset_add(s, &m);
	}
}

static void
test_strings_back(void **state)
{
	(void)state;
	struct mt_auditset *s = mt_auditset_new();
	fill(s);
	assert_int_equal(s->n, 599);
	struct mt_media m;
	mt_auditset_media(s, 0, &m);
	assert_string_equal(m.id, "media_1");
	assert_string_equal(m.filename, "a.jpg");
	assert_string_equal(m.folder, "/images");
	assert_string_equal(m.created_at, "2026-01-01T00:00:00Z");
	assert_string_equal(m.url, "/files/a.jpg");
	assert_string_equal(m.mime_type, "image/jpeg");
	assert_int_equal(m.size, 1234);
	assert_int_equal(m.width, 800);
	assert_int_equal(m.height, 600);
	assert_null(m.alt);
	assert_int_equal(s->recs[0].meta, 1);   /* alt text; a blank title and the centre are not set */
	mt_auditset_media(s, 1, &m);
	assert_string_equal(m.id, "media_2");
	assert_null(m.filename);
	assert_null(m.folder);
	assert_null(m.created_at);
	assert_null(m.url);
	assert_null(m.mime_type);
	assert_int_equal(m.size, -1);
	assert_int_equal(s->recs[1].meta, 2);
	mt_auditset_trim(s);
	assert_int_equal(s->cap, s->n);
	mt_auditset_media(s, 598, &m);
	assert_string_equal(m.id, "media_599");
	assert_string_equal(m.url, "/files/picture-000599.jpg");
	assert_int_equal(m.size, 599);
	mt_auditset_forget_fetch(s);
	mt_auditset_media(s, 0, &m);
	assert_null(m.url);
	assert_null(m.mime_type);
	assert_string_equal(m.filename, "a.jpg");
	assert_string_equal(mt_auditset_id(s, 598), "media_599");
	mt_auditset_free(s);
}

static void
test_fingerprints(void **state)
{
	(void)state;
	struct mt_auditset *s = mt_auditset_new();
	fill(s);
	struct mt_fingerprint fp;
	memset(&fp, 0, sizeof fp);
	strcpy(fp.sha256, "00ff10e0000000000000000000000000000000000000000000000000000000a9");
	fp.has_phash = true;
	fp.phash = 0x0123456789abcdefULL;
	fp.width = 4000;
	fp.height = 3000;
	assert_true(mt_auditset_set_fp(s, 0, MT_FP_CACHED, &fp, NULL));
	const struct mt_audit_rec *r = &s->recs[0];
	assert_true(r->flags & MT_REC_FP);
	assert_true(r->flags & MT_REC_PHASH);
	assert_int_equal(r->sha256[0], 0x00);
	assert_int_equal(r->sha256[1], 0xff);
	assert_int_equal(r->sha256[2], 0x10);
	assert_int_equal(r->sha256[3], 0xe0);
	assert_int_equal(r->sha256[31], 0xa9);
	assert_true(r->phash == 0x0123456789abcdefULL);
	assert_int_equal(r->fp_width, 4000);
	/* not hex, or upper case: refused, the status kept */
	fp.sha256[5] = 'G';
	assert_false(mt_auditset_set_fp(s, 2, MT_FP_FETCHED, &fp, NULL));
	assert_false(s->recs[2].flags & MT_REC_FP);
	assert_int_equal(s->recs[2].status, MT_FP_FETCHED);
	assert_true(mt_auditset_set_fp(s, 1, MT_FP_FAILED, NULL, "HTTP 403"));
	assert_string_equal(mt_auditset_error(s, 1), "HTTP 403");
	assert_null(mt_auditset_error(s, 0));
	/* the finding of an item points into the set; its digest is hex again */
	struct mt_audit a;
	mt_audit_init(&a, 0);
	a.by_content = true;
	mt_auditset_forget_fetch(s);
	mt_audit_content_set(&a, s, 10, 1200);
	mt_audit_finish(&a, NULL, 0);
	const struct mt_finding *over = NULL, *failed = NULL;
	for (size_t i = 0; i < a.nfindings; i++) {
		if (a.findings[i].kind == MT_FIND_OVERSIZED)
			over = &a.findings[i];
		if (a.findings[i].kind == MT_FIND_DOWNLOAD_FAILED)
			failed = &a.findings[i];
	}
	if (over == NULL || failed == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_string_equal(over->id, "media_1");
	assert_string_equal(over->folder, "/images");
	assert_int_equal(over->size, 1234);
	assert_string_equal(failed->id, "media_2");
	assert_string_equal(failed->detail, "HTTP 403");
	assert_null(failed->filename);
	mt_audit_free(&a);   /* frees the set too */
}

static void
test_digest_hex_in_json(void **state)
{
	(void)state;
	struct mt_auditset *s = mt_auditset_new();
	struct mt_media m;
	const char *ids[] = { "x1", "x2" };
	for (int i = 0; i < 2; i++) {
		mt_media_init(&m);
		m.id = S(ids[i]);
		m.size = 10 + i;
		mt_auditset_add(s, &m);
	}
	struct mt_fingerprint fp;
	memset(&fp, 0, sizeof fp);
	strcpy(fp.sha256, "c5dbbb954f3ca0bfd4640ec06128efaacc9c12519c8ee1e36bd90b5cc345b31f");
	fp.width = fp.height = -1;
	for (int i = 0; i < 2; i++)
		assert_true(mt_auditset_set_fp(s, (size_t)i, MT_FP_FETCHED, &fp, NULL));
	struct mt_audit a;
	mt_audit_init(&a, 0);
	a.by_content = true;
	mt_audit_content_set(&a, s, 10, 0);
	mt_audit_finish(&a, NULL, 0);
	assert_int_equal(a.nfindings, 2);
	json_t *o = mt_audit_finding_json(&a.findings[0]);
	assert_string_equal(json_string_value(json_object_get(o, "sha256")),
	                    "c5dbbb954f3ca0bfd4640ec06128efaacc9c12519c8ee1e36bd90b5cc345b31f");
	assert_string_equal(json_string_value(json_object_get(o, "id")), "x2");   /* the largest */
	json_decref(o);
	mt_audit_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_back),
		cmocka_unit_test(test_fingerprints),
		cmocka_unit_test(test_digest_hex_in_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
