/* i18n.h — gettext shorthands used across the program. */
#ifndef MT_I18N_H
#define MT_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(singular, plural, n) ngettext((singular), (plural), (n))

#endif
