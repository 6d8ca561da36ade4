/* l10n.h — numbers and dates for people, in the user's conventions.
 *
 * The process itself runs with LC_NUMERIC and LC_TIME in "C": JSON, query
 * strings, HTTP dates, the configuration and --focal all need the dot and
 * English month names whatever the user's locale. What people read (sizes,
 * percentages, dates in the TUI and the human CLI output) is formatted here,
 * with the conventions captured from the environment once at start-up. */
#ifndef MT_L10N_H
#define MT_L10N_H

#include <stdbool.h>
#include <stddef.h>

/* Call once after setlocale(LC_ALL, ""): remembers the environment's
 * decimal separator and date conventions, then puts LC_NUMERIC and LC_TIME
 * back to "C". */
void mt_l10n_init(void);
/* Back to the C conventions for people too (a --json run). */
void mt_l10n_plain(void);
/* The decimal separator for people ("." until mt_l10n_init localizes). */
const char *mt_l10n_decimal_point(void);
/* printf's "%*.*f" with the people's decimal separator: width counts cells. */
void mt_l10n_fixed(double v, int width, int prec, char *out, size_t outlen);
/* An ISO 8601 timestamp from a server ("2026-03-18T14:05:09Z") in local time
 * and the user's date format: the date alone, or with hours and minutes.
 * Without a language's conventions (C), "2026-03-18 15:05" in local time.
 * Unchanged (cut to the date for date_only) when unparsable. */
void mt_l10n_date(const char *iso, bool date_only, char *out, size_t outlen);

#endif
