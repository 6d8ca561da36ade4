/* xalloc.c — allocation that never returns NULL. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static mt_die_fn die_hook;

void
mt_set_die_hook(mt_die_fn fn)
{
	die_hook = fn;
}

static void
xalloc_die(void)
{
	static const char msg[] = "out of memory";
	if (die_hook)
		die_hook(msg);   /* the interface puts the terminal back first */
	/* No stdio buffering games: write(2) would be purer, but stderr is unbuffered. */
	fprintf(stderr, "mediatui: %s\n", msg);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		xalloc_die();
	return q;
}

void *
xreallocarray(void *p, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		xalloc_die();
	return xrealloc(p, count * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap1, ap2;
	va_copy(ap1, ap);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap1);
	va_end(ap1);
	if (n < 0)
		xalloc_die();
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
