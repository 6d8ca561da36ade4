/* main.c — options, then the TUI or one batch command. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmdline.h"
#include "i18n.h"
#include "l10n.h"
#include "mime.h"
#include "secret.h"
#include "tui.h"
#include "usage_text.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* numbers and dates for people are formatted by l10n.c; everything
	 * else (JSON, protocols, the configuration, --focal) parses in C */
	mt_l10n_init();
	/* MEDIATUI_LOCALEDIR: the tests point it at the build tree's catalogues */
	const char *localedir = getenv("MEDIATUI_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && localedir[0] == '/' ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
	/* the key lives in this process's memory: no core dumps */
	mt_secret_harden_process();

	struct mt_cmdline cl;
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_cmdline_parse(argc, argv, &cl, &err) < 0) {
		cli_print_error(&err);
		fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE_NAME);
		mt_cmdline_free(&cl);
		return EXIT_USAGE;
	}
	if (cl.json) {
		/* a --json run is for programs: its messages, in the document and
		 * on stderr, are the untranslated ones, its numbers C numbers */
		setlocale(LC_MESSAGES, "C");
		mt_l10n_plain();
	}
	int status;
	switch (cl.command) {
	case MT_CMD_HELP:
		mt_print_usage(stdout);
		status = EXIT_ALL_DONE;
		break;
	case MT_CMD_VERSION:
		char curses_built[32];
		const char *curses_now = mt_tui_curses_version(curses_built, sizeof curses_built);
		mt_print_version(stdout, curses_now, curses_built);
		status = EXIT_ALL_DONE;
		break;
	case MT_CMD_TUI:
		status = mt_tui_main(&cl);
		break;
	default:
		status = cli_run(&cl);
		break;
	}
	mt_cmdline_free(&cl);
	mt_mime_cleanup();
	if (fflush(stdout) != 0 && status == EXIT_ALL_DONE)
		status = EXIT_SOME_FAILED;
	return status;
}
