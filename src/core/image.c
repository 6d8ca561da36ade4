/* image.c — format sniffing, size limits, the row scaler, and dispatch to
 * the decoder of each format (image_jpeg.c, image_png.c, ...). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "image.h"
#include "xalloc.h"

const char *
mt_image_sniff(const uint8_t *d, size_t len)
{
	if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return "JPEG";
	if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "PNG";
	if (len >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		return "GIF";
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return "WebP";
	return NULL;
}

void
mt_image_fit(int src_w, int src_h, int max_w, int max_h, int *w, int *h)
{
	if (max_w < 1)
		max_w = 1;
	if (max_h < 1)
		max_h = 1;
	long long ww = src_w, hh = src_h;
	if (ww > max_w || hh > max_h) {
		/* scale by the tighter side; the products fit easily in 64 bits */
		if (ww * max_h > hh * max_w) {
			hh = (hh * max_w + ww / 2) / ww;
			ww = max_w;
		} else {
			ww = (ww * max_h + hh / 2) / hh;
			hh = max_h;
		}
	}
	*w = ww < 1 ? 1 : (int)ww;
	*h = hh < 1 ? 1 : (int)hh;
}

int
mt_image_check_size(const char *format, long long w, long long h, struct mt_error *err)
{
	if (w <= 0 || h <= 0)
		return mt_error_set(err, MT_ERR_REJECTED, _("the %s image has no size (%lld x %lld)"),
		                    format, w, h);
	if (w > MT_IMAGE_MAX_SIDE || h > MT_IMAGE_MAX_SIDE || w * h > MT_IMAGE_MAX_PIXELS)
		return mt_error_set(err, MT_ERR_REJECTED,
		                    _("the %s image is too large to preview (%lld x %lld pixels)"),
		                    format, w, h);
	return 0;
}

/* ---- the scaler ---- */

struct mt_scaler {
	int src_w, src_h, dst_w, dst_h;
	int *col_of;          /* destination column of each source column */
	uint64_t *sum;        /* per destination pixel: r*a, g*a, b*a, a */
	uint32_t *count;
	int row_in;           /* source rows pushed */
	int row_out;          /* destination row being gathered */
	uint8_t *out;
};

struct mt_scaler *
mt_scaler_new(int src_w, int src_h, int dst_w, int dst_h)
{
	struct mt_scaler *s = xcalloc(1, sizeof *s);
	s->src_w = src_w;
	s->src_h = src_h;
	s->dst_w = dst_w;
	s->dst_h = dst_h;
	s->col_of = xcalloc((size_t)src_w, sizeof *s->col_of);
	for (int x = 0; x < src_w; x++)
		s->col_of[x] = (int)((long long)x * dst_w / src_w);
	s->sum = xcalloc((size_t)dst_w * 4, sizeof *s->sum);
	s->count = xcalloc((size_t)dst_w, sizeof *s->count);
	s->out = xcalloc((size_t)dst_w * (size_t)dst_h, 4);
	return s;
}

static void
scaler_flush(struct mt_scaler *s)
{
	if (s->row_out >= s->dst_h)
		return;
	uint8_t *o = s->out + (size_t)s->row_out * (size_t)s->dst_w * 4;
	for (int x = 0; x < s->dst_w; x++, o += 4) {
		uint64_t *p = s->sum + (size_t)x * 4;
		uint32_t n = s->count[x];
		if (n == 0)
			continue;
		uint64_t a = p[3];
		if (a > 0) {
			/* colours weighted by alpha: no dark fringes around transparency */
			o[0] = (uint8_t)((p[0] + a / 2) / a);
			o[1] = (uint8_t)((p[1] + a / 2) / a);
			o[2] = (uint8_t)((p[2] + a / 2) / a);
		}
		o[3] = (uint8_t)((a + n / 2) / n);
	}
	memset(s->sum, 0, (size_t)s->dst_w * 4 * sizeof *s->sum);
	memset(s->count, 0, (size_t)s->dst_w * sizeof *s->count);
}

void
mt_scaler_push(struct mt_scaler *s, const uint8_t *row)
{
	if (s->row_in >= s->src_h)
		return;
	int target = (int)((long long)s->row_in * s->dst_h / s->src_h);
	if (target != s->row_out) {
		scaler_flush(s);
		s->row_out = target;
	}
	for (int x = 0; x < s->src_w; x++, row += 4) {
		int c = s->col_of[x];
		uint64_t *p = s->sum + (size_t)c * 4;
		uint64_t a = row[3];
		p[0] += row[0] * a;
		p[1] += row[1] * a;
		p[2] += row[2] * a;
		p[3] += a;
		s->count[c]++;
	}
	s->row_in++;
}

uint8_t *
mt_scaler_finish(struct mt_scaler *s)
{
	scaler_flush(s);
	uint8_t *out = s->out;
	s->out = NULL;
	mt_scaler_free(s);
	return out;
}

void
mt_scaler_free(struct mt_scaler *s)
{
	if (s == NULL)
		return;
	free(s->col_of);
	free(s->sum);
	free(s->count);
	free(s->out);
	free(s);
}

/* ---- dispatch ---- */

int
mt_image_decode(const uint8_t *data, size_t len, int max_w, int max_h, struct mt_image *out,
                struct mt_error *err)
{
	memset(out, 0, sizeof *out);
	const char *f = mt_image_sniff(data, len);
	if (f == NULL)
		return mt_error_set(err, MT_ERR_REJECTED,
		                    _("not an image that can be previewed (JPEG, PNG, GIF or WebP)"));
	int rc;
	if (strcmp(f, "JPEG") == 0)
		rc = mt_image_decode_jpeg(data, len, max_w, max_h, out, err);
	else if (strcmp(f, "PNG") == 0)
		rc = mt_image_decode_png(data, len, max_w, max_h, out, err);
	else if (strcmp(f, "GIF") == 0)
		rc = mt_image_decode_gif(data, len, max_w, max_h, out, err);
	else
		rc = mt_image_decode_webp(data, len, max_w, max_h, out, err);
	if (rc < 0) {
		mt_image_free(out);
		return -1;
	}
	out->format = f;
	return 0;
}

int
mt_image_read(const char *path, uint8_t **data, size_t *len_out, struct mt_error *err)
{
	*data = NULL;
	*len_out = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return mt_error_set(err, MT_ERR_IO, _("cannot open %s: %s"), path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mt_error_set(err, MT_ERR_IO, _("%s is not a regular file"), path);
	}
	if (st.st_size > MT_IMAGE_MAX_FILE) {
		close(fd);
		return mt_error_set(err, MT_ERR_REJECTED, _("%s is too large to preview (over %lld MiB)"),
		                    path, MT_IMAGE_MAX_FILE / (1024 * 1024));
	}
	size_t len = (size_t)st.st_size, got = 0;
	uint8_t *buf = xmalloc(len ? len : 1);
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;   /* the file shrank: decode what is there, the decoder judges */
		got += (size_t)n;
	}
	int saved = errno;
	close(fd);
	if (got == 0 && len > 0) {
		free(buf);
		return mt_error_set(err, MT_ERR_IO, _("cannot read %s: %s"), path, strerror(saved));
	}
	*data = buf;
	*len_out = got;
	return 0;
}

int
mt_image_load(const char *path, int max_w, int max_h, struct mt_image *out, struct mt_error *err)
{
	memset(out, 0, sizeof *out);
	uint8_t *buf;
	size_t len;
	if (mt_image_read(path, &buf, &len, err) < 0)
		return -1;
	int rc = mt_image_decode(buf, len, max_w, max_h, out, err);
	free(buf);
	return rc;
}

void
mt_image_free(struct mt_image *img)
{
	free(img->rgba);
	img->rgba = NULL;
	img->width = img->height = 0;
}
