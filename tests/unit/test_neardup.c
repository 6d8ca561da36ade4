/* test_neardup.c — the indexed near-duplicate search gives the groups that
 * comparing every pair gives: on fixed hashes, on chains, on many copies of
 * one hash, and at every threshold (index and all-pairs paths both). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "neardup.h"
#include "phash.h"

/* the reference: all pairs, union-find, smallest index as the root */
static size_t
ref_root(size_t *p, size_t i)
{
	while (p[i] != i)
		i = p[i];
	return i;
}

static void
ref_groups(const uint64_t *h, size_t n, int t, size_t *group)
{
	size_t *p = malloc(n * sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = i;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (__builtin_popcountll(h[i] ^ h[j]) <= t) {
				size_t a = ref_root(p, i), b = ref_root(p, j);
				if (a < b)
					p[b] = a;
				else if (b < a)
					p[a] = b;
			}
	for (size_t i = 0; i < n; i++)
		group[i] = ref_root(p, i);
	free(p);
}

/* a fixed generator: the same hashes on every machine */
static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static uint64_t
flip(uint64_t h, uint64_t *s, int bits)
{
	for (int k = 0; k < bits; k++)
		h ^= (uint64_t)1 << (next(s) % 64);
	return h;
}

/* n hashes: clusters of variants a few bits from a base, exact copies,
 * chains that walk away step by step, and unrelated ones */
static uint64_t *
make_hashes(size_t n, uint64_t seed)
{
	uint64_t *h = malloc(n * sizeof *h), s = seed;
	for (size_t i = 0; i < n; i++) {
		switch (next(&s) % 5) {
		case 0: h[i] = next(&s); break;
		case 1: h[i] = i ? h[next(&s) % i] : next(&s); break;
		case 2: h[i] = i ? flip(h[next(&s) % i], &s, 1 + (int)(next(&s) % 14)) : 0; break;
		case 3: h[i] = i ? flip(h[i - 1], &s, 6) : 1; break;
		default: h[i] = flip(0xF0F0F0F0F0F0F0F0ULL, &s, (int)(next(&s) % 20)); break;
		}
	}
	return h;
}

static void
same_as_all_pairs(const uint64_t *h, size_t n, int t)
{
	size_t *want = malloc((n + 1) * sizeof *want), *got = malloc((n + 1) * sizeof *got);
	ref_groups(h, n, t, want);
	mt_neardup_groups(h, n, t, got);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
	free(want);
	free(got);
}

static void
test_fixed_hashes(void **state)
{
	(void)state;
	const uint64_t h[] = {
		0xF0F0F0F0F0F0F0F0ULL, 0x0F0F0F0F0F0F0F0FULL, 0xF0F0F0F0F0F0F0F3ULL,
		0xF0F0F0F0F0F0F0F0ULL, 0x123456789ULL, 0xF0F0F0F0F0F0F0FFULL,
	};
	size_t g[6];
	mt_neardup_groups(h, 6, 10, g);
	/* 0, 2, 3 and 5 within 4 bits of each other; 1 and 4 alone */
	assert_int_equal(g[0], 0);
	assert_int_equal(g[1], 1);
	assert_int_equal(g[2], 0);
	assert_int_equal(g[3], 0);
	assert_int_equal(g[4], 4);
	assert_int_equal(g[5], 0);
	mt_neardup_groups(h, 6, 0, g);
	/* only the equal pair */
	assert_int_equal(g[3], 0);
	assert_int_equal(g[2], 2);
	assert_int_equal(g[5], 5);
}

static void
test_chain_is_one_group(void **state)
{
	(void)state;
	/* each a bit further: neighbours 3 bits apart, the ends 30 apart */
	uint64_t h[11];
	h[0] = 0;
	for (int i = 1; i < 11; i++)
		h[i] = h[i - 1] | ((uint64_t)7 << (3 * (i - 1)));
	size_t g[11];
	mt_neardup_groups(h, 11, 3, g);
	for (int i = 0; i < 11; i++)
		assert_int_equal(g[i], 0);
	mt_neardup_groups(h, 11, 2, g);
	for (int i = 0; i < 11; i++)
		assert_int_equal(g[i], (size_t)i);
}

static void
test_many_copies(void **state)
{
	(void)state;
	/* thousands of one hash and of its neighbour, as a re-uploaded library */
	size_t n = 6000;
	uint64_t *h = malloc(n * sizeof *h);
	for (size_t i = 0; i < n; i++)
		h[i] = i % 3 == 0 ? 0xAAAA5555AAAA5555ULL : i % 3 == 1 ? 0xAAAA5555AAAA5554ULL : ~0ULL;
	same_as_all_pairs(h, n, 10);
	free(h);
}

static void
test_every_threshold_small_and_large(void **state)
{
	(void)state;
	/* 300 values take all pairs at most thresholds, 5000 the index at
	 * the small ones: both must agree with the reference */
	for (int t = 0; t <= 32; t++) {
		uint64_t *h = make_hashes(300, 0x9E3779B97F4A7C15ULL + (uint64_t)t);
		same_as_all_pairs(h, 300, t);
		free(h);
	}
	for (int t = 0; t <= 14; t += 2) {
		uint64_t *h = make_hashes(5000, 0xD1B54A32D192ED03ULL + (uint64_t)t);
		same_as_all_pairs(h, 5000, t);
		free(h);
	}
}

static void
test_empty_and_one(void **state)
{
	(void)state;
	size_t g[1] = { 99 };
	mt_neardup_groups(NULL, 0, 10, g);
	assert_int_equal(g[0], 99);
	uint64_t h = 42;
	mt_neardup_groups(&h, 1, 10, g);
	assert_int_equal(g[0], 0);
}

static void
test_distance_counts_bits(void **state)
{
	(void)state;
	uint64_t s = 12345;
	for (int k = 0; k < 1000; k++) {
		uint64_t a = next(&s), b = next(&s);
		assert_int_equal(mt_phash_distance(a, b), __builtin_popcountll(a ^ b));
	}
	assert_int_equal(mt_phash_distance(0, ~0ULL), 64);
	assert_int_equal(mt_phash_distance(5, 5), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_hashes),
		cmocka_unit_test(test_chain_is_one_group),
		cmocka_unit_test(test_many_copies),
		cmocka_unit_test(test_every_threshold_small_and_large),
		cmocka_unit_test(test_empty_and_one),
		cmocka_unit_test(test_distance_counts_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
