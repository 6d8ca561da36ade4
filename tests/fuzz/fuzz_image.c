/* fuzz_image.c — the preview decoders (image.c, image_*.c).
 *
 * The first byte sets the largest size asked for (1..64 cells wide, half as
 * high); the rest is the file. A decoded image fits what was asked, has
 * pixels for every cell, and says which format it was; a refused one leaves
 * nothing behind. A decoded picture is also written as a small sixel and
 * kitty picture (pixels.c), with the crosshair: framed, of the cells asked.
 * A JPEG also goes the fingerprint's way (its luma alone, phash.c): a plane
 * of the size it says, or an error and nothing. */
#include "config.h"

#include "fuzz.h"
#include "image.h"
#include "phash.h"
#include "pixels.h"

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
		for (int proto = MT_PIXELS_SIXEL; proto <= MT_PIXELS_KITTY; proto++) {
			struct mt_pixels_opts o = { .proto = (enum mt_pixels)proto, .cell_w = 4,
			                            .cell_h = 8, .focal = true, .fx = max_w, .fy = 50 };
			struct mt_pixel_picture pic;
			FUZZ_CHECK(mt_pixels_render(&img, NULL, 6, 3, &o, &pic, &err) == 0);
			FUZZ_CHECK(pic.cols >= 1 && pic.cols <= 6 && pic.rows >= 1 && pic.rows <= 3);
			FUZZ_CHECK(pic.len > 4 && pic.seq[0] == '\033' && strlen(pic.seq) == pic.len);
			FUZZ_CHECK(memcmp(pic.seq + pic.len - 2, "\033\\", 2) == 0);
			mt_pixel_picture_free(&pic);
		}
		mt_image_free(&img);
	} else {
		FUZZ_CHECK(err.message[0] != '\0');
		FUZZ_CHECK(img.rgba == NULL);
	}
	if (sniffed && strcmp(sniffed, "JPEG") == 0) {
		uint8_t *plane;
		int w, h, sw, sh;
		int rc = mt_image_decode_jpeg_grey(data, size, 64, 64, &plane, &w, &h, &sw, &sh, &err);
		if (rc == 1) {
			FUZZ_CHECK(plane != NULL && w >= 1 && h >= 1 && w <= sw && h <= sh);
			volatile uint8_t last = plane[(size_t)w * (size_t)h - 1];
			(void)last;
			uint8_t grey[MT_PHASH_SIDE * MT_PHASH_SIDE];
			mt_phash_grey_from_plane(plane, w, h, grey);
			free(plane);
		} else {
			FUZZ_CHECK(plane == NULL);
			FUZZ_CHECK(rc == 0 || err.message[0] != '\0');
		}
	}
	return 0;
}
