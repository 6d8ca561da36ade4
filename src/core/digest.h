/* digest.h — MD5 and SHA-256 of a file in one streaming pass, in slices.
 *
 * Hashing a 2 GiB file takes seconds; the event loop must not stop for that,
 * so the work is cut into steps of a few MiB that the caller schedules. */
#ifndef MT_DIGEST_H
#define MT_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum { MT_DIGEST_MD5 = 1, MT_DIGEST_SHA256 = 2 };

struct mt_digest;

/* Starts hashing `size` bytes of fd from offset 0 with the algorithms in `which`. */
struct mt_digest *mt_digest_new(int fd, int64_t size, unsigned which);
/* Hashes up to `budget` more bytes. Returns 1 when finished, 0 when more
 * remains, -1 on a read error or when the file is shorter than `size` (err). */
int mt_digest_step(struct mt_digest *d, size_t budget, struct mt_error *err);
/* Bytes hashed so far. */
int64_t mt_digest_done_bytes(const struct mt_digest *d);
/* Results once finished: base64 (as Content-MD5 and checksums want) and hex. */
const char *mt_digest_md5_base64(const struct mt_digest *d);
const char *mt_digest_md5_hex(const struct mt_digest *d);
const char *mt_digest_sha256_base64(const struct mt_digest *d);
const char *mt_digest_sha256_hex(const struct mt_digest *d);
void mt_digest_free(struct mt_digest *d);

/* One-shot helpers over memory, for tests and small bodies. */
void mt_md5_base64(const void *data, size_t len, char out[25]);
void mt_sha256_hex(const void *data, size_t len, char out[65]);

/* SHA-256 of bytes that arrive in pieces (a download as it streams in): never
 * more than the piece at hand in memory. */
struct mt_sha256;
struct mt_sha256 *mt_sha256_new(void);
void mt_sha256_update(struct mt_sha256 *s, const void *data, size_t len);
/* Forgets what was hashed (a download that starts over). */
void mt_sha256_reset(struct mt_sha256 *s);
/* The digest in lower-case hex; the state is reset afterwards. */
void mt_sha256_finish_hex(struct mt_sha256 *s, char out[65]);
void mt_sha256_free(struct mt_sha256 *s);

/* n bytes as 2n lower-case hex digits and a NUL in out. */
void mt_bytes_to_hex(const uint8_t *in, size_t n, char *out);
/* 2n lower-case hex digits of s into n bytes (a digest kept as bytes);
 * false on anything else, reading no further than the first wrong
 * character (a NUL included). */
bool mt_hex_to_bytes(const char *s, size_t n, uint8_t *out);

/* A random (version 4) UUID in lower case, 36 characters plus NUL. */
int mt_uuid_v4(char out[37]);

#endif
