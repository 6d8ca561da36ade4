/* fuzz_image.c — the preview decoders (image.c, image_*.c).
 *
 * The first byte sets the largest size asked for (1..64 cells wide, half as
 * high); the rest is the file. A decoded image fits what was asked, has
 * pixels for every cell, and says which format it was; a refused one leaves
 * nothing behind. */
#include "config.h"

#include "fuzz.h"
#include "image.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int max_w = (int)(fuzz_take_byte(&data, &size) % 64) + 1;
	int max_h = max_w / 2 + 1;
	const char *sniffed = mt_image_sniff(data, size);
	struct mt_image img;
	struct mt_error err;
	memset(&img, 0, sizeof img);
	if (mt_image_decode(data, size, max_w, max_h, &img, &err) == 0) {
		FUZZ_CHECK(sniffed != NULL && img.format != NULL && strcmp(img.format, sniffed) == 0);
		FUZZ_CHECK(img.width >= 1 && img.width <= max_w && img.height >= 1 && img.height <= max_h);
		FUZZ_CHECK(img.src_width >= img.width && img.src_height >= img.height);
		FUZZ_CHECK(img.rgba != NULL);
		/* every pixel is there: ASan sees a read past the buffer */
		volatile uint8_t last = img.rgba[(size_t)img.width * (size_t)img.height * 4 - 1];
		(void)last;
		mt_image_free(&img);
	} else {
		FUZZ_CHECK(err.message[0] != '\0');
		FUZZ_CHECK(img.rgba == NULL);
	}
	return 0;
}
