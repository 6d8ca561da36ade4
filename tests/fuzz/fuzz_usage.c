/* fuzz_usage.c — storage use added up from list answers (usage.c, media.c).
 * fuzz-dict: json
 *
 * The first byte picks the plan (none, free, pro, business); the rest is one
 * or more list answers separated by 0xFF bytes, fed in as a scan pages
 * through a library. The tables must add up to the totals, come out sorted,
 * and stay within what can be counted, whatever sizes the server claims. */
#include "config.h"

#include <jansson.h>

#include "conf.h"
#include "fuzz.h"
#include "media.h"
#include "usage.h"

static void
check_rows(const struct mt_usage_row *rows, size_t n, const struct mt_usage *u)
{
	int64_t count = 0, bytes = 0;
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(rows[i].name != NULL && rows[i].count > 0 && rows[i].bytes >= 0);
		FUZZ_CHECK(!__builtin_add_overflow(count, rows[i].count, &count));
		FUZZ_CHECK(!__builtin_add_overflow(bytes, rows[i].bytes, &bytes));
		if (i > 0) {
			FUZZ_CHECK(rows[i - 1].bytes >= rows[i].bytes);
			if (rows[i - 1].bytes == rows[i].bytes)
				FUZZ_CHECK(strcmp(rows[i - 1].name, rows[i].name) < 0);
		}
	}
	FUZZ_CHECK(count == u->count);
	FUZZ_CHECK(bytes == u->bytes);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const plans[] = { NULL, "free", "pro", "business" };
	const char *plan = plans[fuzz_take_byte(&data, &size) % 4];
	struct mt_usage u;
	mt_usage_init(&u, plan ? mt_plan_bytes(plan) : 0);
	int64_t items = 0;
	while (size > 0) {
		const uint8_t *sep = memchr(data, 0xff, size);
		size_t n = sep ? (size_t)(sep - data) : size;
		struct mt_media_page page;
		struct mt_error err;
		if (mt_media_page_from_body((const char *)data, n, &page, NULL, &err) == 0) {
			for (size_t i = 0; i < page.nitems; i++)
				mt_usage_add(&u, &page.items[i]);
			items += (int64_t)page.nitems;
			mt_media_page_free(&page);
		}
		data += sep ? n + 1 : n;
		size -= sep ? n + 1 : n;
	}
	mt_usage_finish(&u);
	FUZZ_CHECK(u.count == items);
	FUZZ_CHECK(u.bytes >= 0 && u.unknown_size >= 0 && u.unknown_size <= u.count);
	check_rows(u.folders, u.nfolders, &u);
	check_rows(u.types, u.ntypes, &u);
	json_t *o = mt_usage_to_json(&u);
	FUZZ_CHECK(o != NULL);
	json_t *pct = json_object_get(o, "percent");
	FUZZ_CHECK(pct == NULL || json_real_value(pct) >= 0);
	json_decref(o);
	mt_usage_free(&u);
	return 0;
}
