/* l10n.c — numbers and dates for people, in the user's conventions. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "l10n.h"

static char decimal_point[8] = ".";
static locale_t time_locale;        /* the user's LC_TIME, or 0: keep ISO 8601 */

static bool
is_c_locale(const char *name)
{
	return name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0 ||
	       strncmp(name, "C.", 2) == 0;
}

void
mt_l10n_init(void)
{
	const struct lconv *lc = localeconv();
	if (lc && lc->decimal_point && lc->decimal_point[0] &&
	    strlen(lc->decimal_point) < sizeof decimal_point)
		snprintf(decimal_point, sizeof decimal_point, "%s", lc->decimal_point);
	const char *t = setlocale(LC_TIME, NULL);
	if (!is_c_locale(t) && time_locale == (locale_t)0)
		time_locale = newlocale(LC_TIME_MASK, t, (locale_t)0);
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_TIME, "C");
}

void
mt_l10n_plain(void)
{
	snprintf(decimal_point, sizeof decimal_point, ".");
	if (time_locale != (locale_t)0)
		freelocale(time_locale);
	time_locale = (locale_t)0;
}

const char *
mt_l10n_decimal_point(void)
{
	return decimal_point;
}

void
mt_l10n_fixed(double v, int width, int prec, char *out, size_t outlen)
{
	char num[64];
	snprintf(num, sizeof num, "%.*f", prec, v);
	char *dot = strchr(num, '.');
	char buf[80];
	if (dot)
		snprintf(buf, sizeof buf, "%.*s%s%s", (int)(dot - num), num, decimal_point, dot + 1);
	else
		snprintf(buf, sizeof buf, "%s", num);
	/* the separator may be more than one byte but is one cell */
	int cells = (int)strlen(buf) - (dot ? (int)strlen(decimal_point) - 1 : 0);
	int pad = width > cells ? width - cells : 0;
	snprintf(out, outlen, "%*s%s", pad, "", buf);
}

void
mt_l10n_date(const char *iso, bool date_only, char *out, size_t outlen)
{
	if (iso == NULL)
		iso = "";
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end == NULL || (*end != 'Z' && *end != '.' && *end != '\0')) {
		/* not a timestamp we know: show what the server said */
		snprintf(out, outlen, "%.*s", date_only ? 10 : (int)strlen(iso), iso);
		return;
	}
	time_t when = timegm(&tm);
	struct tm local;
	size_t n = 0;
	if (localtime_r(&when, &local) != NULL) {
		if (time_locale)
			n = strftime_l(out, outlen, date_only ? "%x" : "%x %H:%M", &local, time_locale);
		else    /* no conventions of a language: ISO 8601's order, local time */
			n = strftime(out, outlen, date_only ? "%Y-%m-%d" : "%Y-%m-%d %H:%M", &local);
	}
	if (n == 0)
		snprintf(out, outlen, "%.*s", date_only ? 10 : (int)strlen(iso), iso);
}
