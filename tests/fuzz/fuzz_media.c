/* fuzz_media.c — media items, pages and folder lists from JSON (media.c, jsonx.c).
 * fuzz-dict: json
 *
 * One body goes through all three readers, as any answer can reach any of
 * them. What a reader accepts must make sense: items have an id, numbers
 * are in their documented ranges, a page's total covers what it holds, and
 * an item written back as JSON (--json) reads back the same. */
#include "config.h"

#include <jansson.h>
#include <math.h>

#include "fuzz.h"
#include "media.h"

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static void
check_item(const struct mt_media *m)
{
	FUZZ_CHECK(m->id != NULL && m->id[0] != '\0');
	FUZZ_CHECK(m->size >= -1);
	FUZZ_CHECK(m->width >= -1 && m->width <= 1000000);
	FUZZ_CHECK(m->height >= -1 && m->height <= 1000000);
	FUZZ_CHECK(m->focal_x == -1 || (m->focal_x >= 0 && m->focal_x <= 100));
	FUZZ_CHECK(m->focal_y == -1 || (m->focal_y >= 0 && m->focal_y <= 100));
	const char *kind = mt_media_kind(m->mime_type);
	FUZZ_CHECK(kind != NULL);
}

/* --json output must read back as the same item. */
static void
check_round_trip(const struct mt_media *m)
{
	json_t *o = mt_media_to_json(m);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	FUZZ_CHECK(text != NULL);
	struct mt_media back;
	struct mt_error err;
	FUZZ_CHECK(mt_media_item_from_body(text, strlen(text), &back, &err) == 0);
	FUZZ_CHECK(same_str(m->id, back.id));
	FUZZ_CHECK(same_str(m->filename, back.filename));
	FUZZ_CHECK(same_str(m->mime_type, back.mime_type));
	FUZZ_CHECK(same_str(m->alt, back.alt));
	FUZZ_CHECK(same_str(m->title, back.title));
	FUZZ_CHECK(same_str(m->description, back.description));
	FUZZ_CHECK(same_str(m->url, back.url));
	FUZZ_CHECK(same_str(m->folder, back.folder));
	FUZZ_CHECK(same_str(m->created_at, back.created_at));
	FUZZ_CHECK(m->size == back.size && m->width == back.width && m->height == back.height);
	FUZZ_CHECK(m->focal_x == back.focal_x && m->focal_y == back.focal_y);
	mt_media_free(&back);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	struct mt_error err;

	struct mt_media m;
	if (mt_media_item_from_body(body, size, &m, &err) == 0) {
		check_item(&m);
		check_round_trip(&m);
		struct mt_media copy;
		mt_media_copy(&copy, &m);
		FUZZ_CHECK(same_str(copy.id, m.id) && same_str(copy.url, m.url));
		mt_media_free(&copy);
	} else {
		FUZZ_CHECK(err.kind == MT_ERR_PROTOCOL && err.message[0]);
		FUZZ_CHECK(m.id == NULL);
	}
	mt_media_free(&m);

	struct mt_media_page page;
	size_t skipped = 0;
	if (mt_media_page_from_body(body, size, &page, &skipped, &err) == 0) {
		for (size_t i = 0; i < page.nitems; i++)
			check_item(&page.items[i]);
		FUZZ_CHECK(page.offset >= 0);
		FUZZ_CHECK(page.limit >= 0);
		FUZZ_CHECK(page.total >= page.offset + (int64_t)page.nitems);
		for (size_t i = 0; i < page.nfolders; i++)
			FUZZ_CHECK(page.folders[i] != NULL);
	} else {
		FUZZ_CHECK(err.kind == MT_ERR_PROTOCOL && page.nitems == 0);
	}
	mt_media_page_free(&page);

	char **folders;
	size_t n;
	if (mt_folders_from_body(body, size, &folders, &n, &err) == 0) {
		for (size_t i = 0; i < n; i++)
			FUZZ_CHECK(folders[i] != NULL);
		FUZZ_CHECK(n == 0 || folders != NULL);
	} else {
		FUZZ_CHECK(folders == NULL && n == 0);
	}
	mt_strv_free(folders, n);
	return 0;
}
