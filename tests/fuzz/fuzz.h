/* fuzz.h — what the libFuzzer targets in tests/fuzz/ share.
 *
 * A target defines LLVMFuzzerTestOneInput, feeds the input to one parser of
 * outside data and checks what must hold for every input; FUZZ_CHECK turns a
 * broken invariant into a crash that libFuzzer records like any other. */
#ifndef MT_FUZZ_H
#define MT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* The input as a NUL-terminated string (cut at the first NUL byte). */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* True when s holds no byte a terminal would act on: C0 controls, DEL, and
 * C1 controls as UTF-8 (U+0080..U+009F: 0xC2 0x80..0x9F). Tab counts too. */
static inline int
fuzz_no_controls(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 0;
	}
	return 1;
}

/* Takes the first byte of the input as a small selector. */
static inline unsigned
fuzz_take_byte(const uint8_t **data, size_t *size)
{
	if (*size == 0)
		return 0;
	unsigned b = (*data)[0];
	(*data)++;
	(*size)--;
	return b;
}

#endif
