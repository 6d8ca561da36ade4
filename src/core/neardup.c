/* neardup.c — near-duplicate groups of 64-bit hashes through an index of
 * their 16-bit quarters (see neardup.h for why this finds every pair). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "neardup.h"
#include "phash.h"
#include "xalloc.h"

#define BANDS 4
#define BAND_BITS 16
#define BUCKETS (1u << BAND_BITS)

/* ---- union-find over the input's indices; the root is the smallest */

static size_t
root(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static void
join(size_t *parent, size_t i, size_t j)
{
	size_t ri = root(parent, i), rj = root(parent, j);
	if (ri < rj)
		parent[rj] = ri;
	else if (rj < ri)
		parent[ri] = rj;
}

/* ---- distinct values, each with the first input index that holds it */

struct value {
	uint64_t hash;
	size_t index;
};

static int
by_hash(const void *pa, const void *pb)
{
	const struct value *a = pa, *b = pb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* ---- the search among distinct values */

static void
all_pairs(const struct value *v, size_t d, int t, size_t *parent)
{
	for (size_t i = 0; i < d; i++)
		for (size_t j = i + 1; j < d; j++)
			if (mt_phash_distance(v[i].hash, v[j].hash) <= t)
				join(parent, v[i].index, v[j].index);
}

static unsigned
band_of(uint64_t h, int b)
{
	return (unsigned)(h >> (b * BAND_BITS)) & (BUCKETS - 1);
}

/* The 16-bit masks of at most r bits, for the keys near a quarter. */
static size_t
masks_within(int r, uint16_t *out)
{
	size_t n = 0;
	for (unsigned m = 0; m < BUCKETS; m++)
		if (__builtin_popcount(m) <= r)
			out[n++] = (uint16_t)m;
	return n;
}

static void
indexed(const struct value *v, size_t d, int t, const uint16_t *masks, size_t nmasks,
        size_t *parent)
{
	/* one quarter at a time: its buckets as a counting sort of the values */
	uint32_t *start = xcalloc(BUCKETS + 1, sizeof *start);
	uint32_t *members = xcalloc(d + 1, sizeof *members);
	for (int b = 0; b < BANDS; b++) {
		memset(start, 0, (BUCKETS + 1) * sizeof *start);
		for (size_t i = 0; i < d; i++)
			start[band_of(v[i].hash, b) + 1]++;
		for (unsigned k = 0; k < BUCKETS; k++)
			start[k + 1] += start[k];
		for (size_t i = 0; i < d; i++)
			members[start[band_of(v[i].hash, b)]++] = (uint32_t)i;
		/* the fill moved each start to its bucket's end: move back */
		for (unsigned k = BUCKETS; k > 0; k--)
			start[k] = start[k - 1];
		start[0] = 0;
		for (size_t i = 0; i < d; i++) {
			unsigned key = band_of(v[i].hash, b);
			for (size_t m = 0; m < nmasks; m++) {
				unsigned near = key ^ masks[m];
				for (uint32_t p = start[near]; p < start[near + 1]; p++) {
					size_t j = members[p];
					/* each pair once, from its lower value */
					if (j > i && mt_phash_distance(v[i].hash, v[j].hash) <= t)
						join(parent, v[i].index, v[j].index);
				}
			}
		}
	}
	free(members);
	free(start);
}

void
mt_neardup_groups(const uint64_t *hashes, size_t n, int max_distance, size_t *group)
{
	if (n == 0)
		return;
	size_t *parent = xcalloc(n, sizeof *parent);
	for (size_t i = 0; i < n; i++)
		parent[i] = i;
	struct value *v = xcalloc(n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct value){ hashes[i], i };
	qsort(v, n, sizeof *v, by_hash);
	/* equal hashes join the first of their run, which stands for the run */
	size_t d = 0;
	for (size_t i = 0; i < n; i++) {
		if (d > 0 && v[d - 1].hash == v[i].hash)
			join(parent, v[d - 1].index, v[i].index);
		else
			v[d++] = v[i];
	}
	if (max_distance > 0 && d > 1) {
		int r = max_distance / BANDS;
		uint16_t *masks = NULL;
		size_t nmasks = 0;
		if (r < BAND_BITS) {
			masks = xcalloc(BUCKETS, sizeof *masks);
			nmasks = masks_within(r, masks);
		}
		/* the index pays when each value looks in fewer buckets than
		 * the half of the values that all pairs would compare it with */
		if (masks && (size_t)BANDS * nmasks < d / 2)
			indexed(v, d, max_distance, masks, nmasks, parent);
		else
			all_pairs(v, d, max_distance, parent);
		free(masks);
	}
	for (size_t i = 0; i < n; i++)
		group[i] = root(parent, i);
	free(v);
	free(parent);
}
