/* neardup.h — which perceptual hashes lie within a distance of each other,
 * without comparing every pair.
 *
 * Groups are single-linkage, as the audit wants them: two pictures within
 * max_distance bits are in one group, and so is a chain of such pairs. The
 * result is the same as comparing all pairs; only the work differs. Equal
 * hashes are joined first (a library holds many copies of one picture),
 * then the distinct values are searched through an index of their four
 * 16-bit quarters: two hashes at most t bits apart have a quarter at most
 * t / 4 bits apart (pigeonhole), so each value looks only in the buckets
 * of the quarters near its own. When the threshold is so large that those
 * buckets would hold more than the other values themselves, all pairs of
 * distinct values are compared instead. */
#ifndef MT_NEARDUP_H
#define MT_NEARDUP_H

#include <stddef.h>
#include <stdint.h>

/* group[i] gets the smallest index of the group that hashes[i] is in (i
 * itself when it is alone or the first of its group). max_distance is 0..64. */
void mt_neardup_groups(const uint64_t *hashes, size_t n, int max_distance, size_t *group);

#endif
