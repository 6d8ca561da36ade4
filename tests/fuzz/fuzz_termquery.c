/* fuzz_termquery.c — what a terminal answers to the pixel query
 * (termquery.c): the answers arrive on the input like keys and may be cut
 * anywhere, mixed with typing, or come from something that only pretends
 * to be a terminal.
 *
 * The parser never claims more than it was given; a result ends just after
 * the device attributes answer; any shorter prefix of it is "not yet"; the
 * cell size is none or a sane one; parsing the claimed part alone says the
 * same thing. */
#include "config.h"

#include <stdbool.h>

#include "fuzz.h"
#include "termquery.h"

static bool
same_caps(const struct mt_term_caps *a, const struct mt_term_caps *b)
{
	return a->answered == b->answered && a->kitty == b->kitty && a->sixel == b->sixel &&
	       a->cell_w == b->cell_w && a->cell_h == b->cell_h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct mt_term_caps caps;
	memset(&caps, 0, sizeof caps);
	size_t used = mt_termquery_parse(buf, size, &caps);
	FUZZ_CHECK(used <= size);
	FUZZ_CHECK(caps.cell_w >= 0 && caps.cell_w <= 1000 && caps.cell_h >= 0 && caps.cell_h <= 1000);
	FUZZ_CHECK((caps.cell_w == 0) == (caps.cell_h == 0));
	if (used == 0)
		return 0;
	FUZZ_CHECK(caps.answered);
	FUZZ_CHECK(buf[used - 1] == 'c');
	struct mt_term_caps again;
	memset(&again, 0, sizeof again);
	FUZZ_CHECK(mt_termquery_parse(buf, used, &again) == used);
	FUZZ_CHECK(same_caps(&caps, &again));
	/* cut short anywhere: not complete yet */
	size_t cuts[] = { used - 1, used / 2, used / 3 };
	for (size_t k = 0; k < 3; k++) {
		struct mt_term_caps part;
		memset(&part, 0, sizeof part);
		FUZZ_CHECK(mt_termquery_parse(buf, cuts[k], &part) == 0);
	}
	/* the choice for auto follows what was announced */
	enum mt_pixels p = mt_pixels_choose(MT_PIXELS_AUTO, &caps);
	FUZZ_CHECK(p == (caps.kitty ? MT_PIXELS_KITTY : caps.sixel ? MT_PIXELS_SIXEL : MT_PIXELS_OFF));
	return 0;
}
