/* test_audit_content.c — content findings from fingerprints: groups of the
 * same bytes and of near duplicates, the keeper and its reason, the bytes
 * the rest cost, oversized pictures, failed and unfetched downloads. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "audit.h"
#include "fpfetch.h"

static void
item(struct mt_media *m, const char *id, int64_t size, int w, const char *created)
{
	mt_media_init(m);
	m->id = (char *)(uintptr_t)id;
	m->filename = (char *)(uintptr_t)id;
	m->mime_type = (char *)(uintptr_t)"image/jpeg";
	m->alt = (char *)(uintptr_t)"x";
	m->size = size;
	m->width = w;
	m->height = w * 3 / 4;
	m->created_at = (char *)(uintptr_t)created;
}

static const struct mt_finding *
find(const struct mt_audit *a, enum mt_finding_kind k, const char *id)
{
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].kind == k && a->findings[i].id && strcmp(a->findings[i].id, id) == 0)
			return &a->findings[i];
	return NULL;
}

static void
test_groups_and_keeper(void **state)
{
	(void)state;
	struct mt_media it[7];
	struct mt_audit_content_item c[7];
	memset(c, 0, sizeof c);
	item(&it[0], "a-old", 1000, 800, "2026-01-01");
	item(&it[1], "a-new", 1000, 800, "2026-02-01");      /* same bytes as a-old */
	item(&it[2], "a-small", 300, 400, "2026-03-01");     /* near a-old */
	item(&it[3], "other", 900, 800, "2026-01-05");       /* far from all */
	item(&it[4], "poster", 400000, 3000, "2026-01-06");  /* 2.5 x 1200 px */
	item(&it[5], "refused", 10, 100, "2026-01-07");
	item(&it[6], "skipped", 10, 100, "2026-01-08");
	it[1].title = (char *)(uintptr_t)"Titled";                     /* more metadata: kept */
	const char *sha[] = { "aa", "aa", "bb", "cc", "dd" };
	uint64_t ph[] = { 0xF0F0F0F0F0F0F0F0ULL, 0xF0F0F0F0F0F0F0F0ULL, 0xF0F0F0F0F0F0F0F3ULL,
	                  0x0F0F0F0F0F0F0F0FULL, 0x123456789ULL };
	for (int i = 0; i < 5; i++) {
		c[i].status = MT_FP_FETCHED;
		c[i].has_fp = c[i].has_phash = true;
		memset(c[i].sha256, sha[i][0], 64);
		c[i].phash = ph[i];
		c[i].width = it[i].width;
		c[i].height = it[i].height;
	}
	c[5].status = MT_FP_FAILED;
	c[5].error = (char *)(uintptr_t)"HTTP 403";
	c[6].status = MT_FP_OVER_BUDGET;
	struct mt_audit a;
	mt_audit_init(&a, 0);
	a.by_content = true;
	for (int i = 0; i < 7; i++)
		mt_audit_add(&a, &it[i]);
	mt_audit_content(&a, it, c, 7, 10, mt_audit_render_width("clearcms"));
	mt_audit_finish(&a, NULL, 0);

	const struct mt_finding *f = find(&a, MT_FIND_DUPLICATE, "a-new");
	if (f == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_true(f->keep);
	assert_string_equal(f->keep_reason, "metadata");
	assert_int_equal(f->group_waste, 1000);
	f = find(&a, MT_FIND_DUPLICATE, "a-old");
	if (f == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_false(f->keep);
	/* the near-duplicate group: the byte group's keeper and the small copy */
	f = find(&a, MT_FIND_NEAR_DUPLICATE, "a-small");
	if (f == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_false(f->keep);
	assert_int_equal(f->distance, 2);
	f = find(&a, MT_FIND_NEAR_DUPLICATE, "a-new");
	if (f == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_true(f->keep);
	assert_null(find(&a, MT_FIND_NEAR_DUPLICATE, "a-old"));
	assert_null(find(&a, MT_FIND_NEAR_DUPLICATE, "other"));
	assert_null(find(&a, MT_FIND_DUPLICATE, "other"));
	/* 3000 px shown at 1200: a resize keeps (1200/3000)^2 = 16 % */
	f = find(&a, MT_FIND_OVERSIZED, "poster");
	if (f == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_int_equal(f->saved, 336000);
	assert_null(find(&a, MT_FIND_OVERSIZED, "a-old"));
	f = find(&a, MT_FIND_DOWNLOAD_FAILED, "refused");
	if (f == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_string_equal(f->detail, "HTTP 403");
	assert_non_null(find(&a, MT_FIND_NOT_FETCHED, "skipped"));
	unsigned kinds;
	assert_int_equal(mt_finding_kinds_parse("near-duplicate,not-fetched", &kinds), 0);
	assert_int_equal(mt_audit_count_kinds(&a, kinds), 3);
	mt_audit_free(&a);
}

static void
test_keeper_by_size_then_age(void **state)
{
	(void)state;
	struct mt_media it[3];
	struct mt_audit_content_item c[3];
	memset(c, 0, sizeof c);
	item(&it[0], "small-old", 100, 400, "2026-01-01");
	item(&it[1], "big", 500, 1000, "2026-03-01");
	item(&it[2], "big-older", 500, 1000, "2026-02-01");
	for (int i = 0; i < 3; i++) {
		c[i].status = MT_FP_FETCHED;
		c[i].has_fp = c[i].has_phash = true;
		memset(c[i].sha256, 'a' + i, 64);
		c[i].phash = 0xFFULL << i;
		c[i].width = it[i].width;
		c[i].height = it[i].height;
	}
	struct mt_audit a;
	mt_audit_init(&a, 0);
	a.by_content = true;
	mt_audit_content(&a, it, c, 3, 10, 0);
	mt_audit_finish(&a, NULL, 0);
	const struct mt_finding *f = find(&a, MT_FIND_NEAR_DUPLICATE, "big-older");
	if (f == NULL) {
		fail_msg("finding not found");
		return;
	}
	assert_true(f->keep);
	/* it beats the small one by size, the other big one only by age */
	assert_string_equal(f->keep_reason, "oldest");
	assert_int_equal(f->group_waste, 600);
	mt_audit_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_and_keeper),
		cmocka_unit_test(test_keeper_by_size_then_age),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
