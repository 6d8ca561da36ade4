/* xalloc.h — allocation that never returns NULL.
 *
 * Out of memory is not a condition mediatui can recover from in a useful way,
 * so these abort with a message instead of making every caller check. */
#ifndef MT_XALLOC_H
#define MT_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Each returns valid memory or terminates the process. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: like reallocarray(3), aborting on overflow or exhaustion. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
/* xstrndup: copies at most n bytes and always NUL-terminates. */
char *xstrndup(const char *s, size_t n);
/* xasprintf: printf into a fresh heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* xvasprintf: the same with a va_list (not consumed: the caller ends it). */
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* What runs before the process ends on a fatal error (out of memory): the
 * interface restores the terminal and prints `message` on the real stderr.
 * It should not return; if it does, the message goes to stderr and the
 * process aborts all the same. NULL: no hook. */
typedef void (*mt_die_fn)(const char *message);
void mt_set_die_hook(mt_die_fn fn);

/* Frees *p and sets it to NULL. */
#define XFREE(p) do { free(p); (p) = NULL; } while (0)

#endif
