/* tui.c — entry of the full-screen interface. */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "i18n.h"
#include "tui.h"

int
mt_tui_main(const struct mt_cmdline *cl)
{
	(void)cl;
	fprintf(stderr, "%s: %s\n", PACKAGE_NAME,
	        _("the full-screen interface is not in this build yet; see --help for the commands"));
	return EXIT_USAGE;
}
