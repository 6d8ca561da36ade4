/* session.h — opening a site as both faces do: the configuration, the
 * profile, the event loop and the site (dialect, HTTP engine, key).
 *
 * The batch commands and the interface open their site through this one
 * function, so both read the same file the same way and fail with the same
 * messages and exit statuses. */
#ifndef MT_SESSION_H
#define MT_SESSION_H

#include "conf.h"
#include "error.h"
#include "site.h"

/* The exit statuses of the program: all done, something failed, usage or
 * configuration error. */
enum { MT_EXIT_ALL_DONE = 0, MT_EXIT_SOME_FAILED = 1, MT_EXIT_USAGE = 2 };

/* Loads the configuration (config_path, or the usual places when NULL),
 * picks the profile (profile_name, or the default), makes an event loop and
 * opens the site on it. On success site->loop and site->profile are set (the
 * profile lives in *config). Returns 0, or -1 with err set and nothing left
 * open (config is then empty). */
int mt_session_open(struct mt_site *site, struct mt_config *config, const char *config_path,
                    const char *profile_name, struct mt_error *err);
/* Closes the site, frees its loop and the configuration. Safe after a
 * failed open. */
void mt_session_close(struct mt_site *site, struct mt_config *config);

/* The exit status an error calls for: 2 for usage and configuration, else 1. */
int mt_error_exit_status(const struct mt_error *err);
/* Prints "mediatui: MESSAGE" on stderr, sanitised. */
void mt_error_print(const struct mt_error *err);

#endif
