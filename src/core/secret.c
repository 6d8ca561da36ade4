/* secret.c — a string that holds the API key. */
#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "secret.h"
#include "xalloc.h"

struct mt_secret {
	size_t len;
	char *value;
};

static void
wipe(void *p, size_t n)
{
	/* explicit_bzero is not optimised away, unlike a memset before free */
	explicit_bzero(p, n);
}

struct mt_secret *
mt_secret_new(const char *s, size_t n)
{
	struct mt_secret *sec = xcalloc(1, sizeof *sec);
	sec->len = n;
	sec->value = xmalloc(n + 1);
	(void)mlock(sec->value, n + 1);   /* best effort: may fail without privileges */
	memcpy(sec->value, s, n);
	sec->value[n] = '\0';
	return sec;
}

const char *
mt_secret_value(const struct mt_secret *sec)
{
	return sec->value;
}

size_t
mt_secret_len(const struct mt_secret *sec)
{
	return sec->len;
}

struct mt_secret *
mt_secret_dup(const struct mt_secret *sec)
{
	return sec ? mt_secret_new(sec->value, sec->len) : NULL;
}

void
mt_secret_free(struct mt_secret *sec)
{
	if (sec == NULL)
		return;
	wipe(sec->value, sec->len + 1);
	(void)munlock(sec->value, sec->len + 1);
	free(sec->value);
	free(sec);
}

void
mt_secret_harden_process(void)
{
	struct rlimit no_core = { 0, 0 };
	(void)setrlimit(RLIMIT_CORE, &no_core);
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
