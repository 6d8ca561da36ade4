/* place.h — where the interface was when it last ended, per profile, so
 * the next start opens there: an editor whose link dropped comes back to
 * the remote folder and the local directory they were working in, not to
 * the top and the working directory. */
#ifndef MT_PLACE_H
#define MT_PLACE_H

#include "error.h"

/* The folder saved for profile ("/images"), or NULL when there is none or
 * the file is not a folder path. */
char *mt_place_load(const char *profile);
/* Saves folder for profile, replacing the last one whole (a new file
 * renamed over it). Returns 0 or -1 (err). */
int mt_place_save(const char *profile, const char *folder, struct mt_error *err);

/* The local directory saved for profile (an absolute path, which may be
 * gone since), or NULL when there is none or the file holds no plain
 * absolute path. */
char *mt_place_load_local(const char *profile);
/* Saves the local directory shown for profile, replacing the last one
 * whole. A path with a control character in it is not saved (0 all the
 * same). Returns 0 or -1 (err). */
int mt_place_save_local(const char *profile, const char *dir, struct mt_error *err);

#endif
