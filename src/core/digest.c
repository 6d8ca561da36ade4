/* digest.c — MD5 and SHA-256 of a file in one streaming pass, in slices. */
#include "config.h"

#include <errno.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "i18n.h"
#include "xalloc.h"

#define READ_CHUNK (256 * 1024)

struct mt_digest {
	int fd;
	int64_t size, done;
	EVP_MD_CTX *md5, *sha256;
	bool finished;
	char md5_b64[25], md5_hex[33], sha_b64[45], sha_hex[65];
	unsigned char *buf;
};

void
mt_bytes_to_hex(const uint8_t *in, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 15];
	}
	out[2 * n] = '\0';
}

struct mt_digest *
mt_digest_new(int fd, int64_t size, unsigned which)
{
	struct mt_digest *d = xcalloc(1, sizeof *d);
	d->fd = fd;
	d->size = size;
	if (which & MT_DIGEST_MD5) {
		d->md5 = EVP_MD_CTX_new();
		EVP_DigestInit_ex(d->md5, EVP_md5(), NULL);
	}
	if (which & MT_DIGEST_SHA256) {
		d->sha256 = EVP_MD_CTX_new();
		EVP_DigestInit_ex(d->sha256, EVP_sha256(), NULL);
	}
	d->buf = xmalloc(READ_CHUNK);
	return d;
}

static void
finish(struct mt_digest *d)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	if (d->md5) {
		EVP_DigestFinal_ex(d->md5, md, &len);
		EVP_EncodeBlock((unsigned char *)d->md5_b64, md, (int)len);
		mt_bytes_to_hex(md, len, d->md5_hex);
	}
	if (d->sha256) {
		EVP_DigestFinal_ex(d->sha256, md, &len);
		EVP_EncodeBlock((unsigned char *)d->sha_b64, md, (int)len);
		mt_bytes_to_hex(md, len, d->sha_hex);
	}
	d->finished = true;
}

int
mt_digest_step(struct mt_digest *d, size_t budget, struct mt_error *err)
{
	if (d->finished)
		return 1;
	size_t spent = 0;
	while (d->done < d->size && spent < budget) {
		size_t want = READ_CHUNK;
		if ((int64_t)want > d->size - d->done)
			want = (size_t)(d->size - d->done);
		ssize_t r = pread(d->fd, d->buf, want, (off_t)d->done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return mt_error_set(err, MT_ERR_IO, _("cannot read the file: %s"), strerror(errno));
		if (r == 0)
			return mt_error_set(err, MT_ERR_IO,
			                    _("the file shrank while it was being read (%lld of %lld bytes)"),
			                    (long long)d->done, (long long)d->size);
		if (d->md5)
			EVP_DigestUpdate(d->md5, d->buf, (size_t)r);
		if (d->sha256)
			EVP_DigestUpdate(d->sha256, d->buf, (size_t)r);
		d->done += r;
		spent += (size_t)r;
	}
	if (d->done < d->size)
		return 0;
	finish(d);
	return 1;
}

int64_t
mt_digest_done_bytes(const struct mt_digest *d)
{
	return d->done;
}

const char *mt_digest_md5_base64(const struct mt_digest *d) { return d->md5_b64; }
const char *mt_digest_md5_hex(const struct mt_digest *d) { return d->md5_hex; }
const char *mt_digest_sha256_base64(const struct mt_digest *d) { return d->sha_b64; }
const char *mt_digest_sha256_hex(const struct mt_digest *d) { return d->sha_hex; }

void
mt_digest_free(struct mt_digest *d)
{
	if (d == NULL)
		return;
	EVP_MD_CTX_free(d->md5);
	EVP_MD_CTX_free(d->sha256);
	free(d->buf);
	free(d);
}

void
mt_md5_base64(const void *data, size_t len, char out[25])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_Digest(data, len, md, &n, EVP_md5(), NULL);
	EVP_EncodeBlock((unsigned char *)out, md, (int)n);
}

/* SHA-256 fetched from the provider once: fetching it at each short digest
 * (a cache key per item) cost more than the digest itself */
static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void
fetch_sha256(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

void
mt_sha256_hex(const void *data, size_t len, char out[65])
{
	pthread_once(&sha256_once, fetch_sha256);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_Digest(data, len, md, &n, sha256_md ? sha256_md : EVP_sha256(), NULL);
	mt_bytes_to_hex(md, n, out);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool
mt_hex_to_bytes(const char *s, size_t n, uint8_t *out)
{
	for (size_t i = 0; i < n; i++) {
		int hi = hex_value(s[2 * i]);
		if (hi < 0)
			return false;
		int lo = hex_value(s[2 * i + 1]);
		if (lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

int
mt_uuid_v4(char out[37])
{
	unsigned char b[16];
	if (RAND_bytes(b, sizeof b) != 1)
		return -1;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
	         b[13], b[14], b[15]);
	return 0;
}

struct mt_sha256 {
	EVP_MD_CTX *ctx;
};

struct mt_sha256 *
mt_sha256_new(void)
{
	struct mt_sha256 *s = xcalloc(1, sizeof *s);
	s->ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL);
	return s;
}

void
mt_sha256_update(struct mt_sha256 *s, const void *data, size_t len)
{
	EVP_DigestUpdate(s->ctx, data, len);
}

void
mt_sha256_reset(struct mt_sha256 *s)
{
	EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL);
}

void
mt_sha256_finish_hex(struct mt_sha256 *s, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	EVP_DigestFinal_ex(s->ctx, md, &len);
	mt_bytes_to_hex(md, len, out);
	mt_sha256_reset(s);
}

void
mt_sha256_free(struct mt_sha256 *s)
{
	if (s == NULL)
		return;
	EVP_MD_CTX_free(s->ctx);
	free(s);
}
