/* secret.h — a string that holds the API key.
 *
 * Kept in locked memory where the system allows (so it is not swapped out),
 * wiped before it is freed, and never handed to printf-style functions by
 * the rest of the program: only the HTTP engine reads it. */
#ifndef MT_SECRET_H
#define MT_SECRET_H

#include <stddef.h>

struct mt_secret;

/* Copies n bytes of s into a new secret. */
struct mt_secret *mt_secret_new(const char *s, size_t n);
/* The NUL-terminated value. Only for the HTTP engine. */
const char *mt_secret_value(const struct mt_secret *sec);
size_t mt_secret_len(const struct mt_secret *sec);
struct mt_secret *mt_secret_dup(const struct mt_secret *sec);
/* Wipes and frees; NULL is fine. */
void mt_secret_free(struct mt_secret *sec);
/* Stops the process from writing core dumps, which could hold the key. */
void mt_secret_harden_process(void);

#endif
