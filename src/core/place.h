/* place.h — the remote folder the interface showed when it last ended, per
 * profile, so the next start opens there: an editor whose link dropped
 * comes back to the folder they were working in, not to the top. */
#ifndef MT_PLACE_H
#define MT_PLACE_H

#include "error.h"

/* The folder saved for profile ("/images"), or NULL when there is none or
 * the file is not a folder path. */
char *mt_place_load(const char *profile);
/* Saves folder for profile, replacing the last one whole (a new file
 * renamed over it). Returns 0 or -1 (err). */
int mt_place_save(const char *profile, const char *folder, struct mt_error *err);

#endif
