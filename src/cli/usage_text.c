/* usage_text.c — --help and --version texts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>
#include <magic.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#ifdef HAVE_PREVIEW
#include <chafa.h>
#endif

#include "i18n.h"
#include "preview.h"
#include "usage_text.h"

void
mt_print_usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... [COMMAND [ARG]...]\n"), PACKAGE_NAME);
	fputs(_("Manage a hosted media library from the terminal: browse, upload, edit,\n"
	        "audit and clean up. Without a command, opens the full-screen interface.\n"), out);
	fputs("\n", out);
	fputs(_("Commands:\n"
	        "  ls [FOLDER]            list media (--type, --search, --sort, --order,\n"
	        "                         --limit N, --offset N, --all)\n"
	        "  info ID                show every field of one item\n"
	        "  upload FILE...         upload files (--folder PATH, --alt TEXT,\n"
	        "                         --video-id ID, --document-id ID)\n"
	        "  edit ID                change metadata (--alt, --title, --description,\n"
	        "                         --folder PATH, --focal X,Y)\n"
	        "  rm ID...               delete media (-n/--dry-run, -y/--yes, --backup DIR)\n"
	        "  folders                list folders\n"
	        "  mkdir PATH             create a folder\n"
	        "  rmdir PATH             delete an empty folder\n"
	        "  usage                  storage used per folder and type against the plan\n"
	        "  audit                  find missing alt text, oversized files, duplicates,\n"
	        "                         type mismatches, empty folders (--large BYTES,\n"
	        "                         --fail-on KIND[,KIND]: exit 1 when found); with\n"
	        "                         --content also the same bytes under any name,\n"
	        "                         near duplicates, pictures far wider than shown\n"
	        "                         (--max-download BYTES, --similarity BITS)\n"
	        "  detect FILE...         local MIME type detection, no network\n"
	        "  preview ID|FILE        the picture in the terminal (--size COLSxROWS,\n"
	        "                         --colors 2|8|16|256, --ascii, --crops,\n"
	        "                         --focal X,Y, --local, --pixels auto|sixel|kitty|off)\n"), out);
	fputs("\n", out);
	fputs(_("Options:\n"
	        "  -c, --config FILE      read this configuration file\n"
	        "  -p, --profile NAME     use this profile\n"
	        "      --json             print one JSON document on standard output\n"
	        "  -j, --jobs N           concurrent transfers (default 4)\n"
	        "      --progress         print one plain line per upload or audit event\n"
	        "  -q, --quiet            print less\n"
	        "  -h, --help             show this help and exit\n"
	        "  -V, --version          show version information and exit\n"), out);
	fputs("\n", out);
	fputs(_("Options may stand before or after the command; -- ends them.\n"), out);
	fputs("\n", out);
	fputs(_("The configuration is read from -c FILE, else $MEDIATUI_CONFIG, else\n"
	        "$XDG_CONFIG_HOME/mediatui/config. The API key is never accepted on the\n"
	        "command line: name it with key_env or key_file in the profile.\n"), out);
	fputs("\n", out);
	fputs(_("Exit status: 0 all done; 1 something failed; 2 usage or configuration error.\n"), out);
	fputs(_("See mediatui(1) and mediatui.conf(5) for the keys, the files and examples.\n"), out);
	fprintf(out, _("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

/* one library: the version running now and the one built against, as
 * curl -V shows them; a library without a run-time query shows the second */
static void
print_library(FILE *out, const char *name, const char *running, const char *built)
{
	if (running == NULL)
		fprintf(out, _("  %-9s built with %s\n"), name, built);
	else
		fprintf(out, _("  %-9s %s (built with %s)\n"), name, running, built);
}

void
mt_print_version(FILE *out, const char *curses_now, const char *curses_built)
{
	fprintf(out, "%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs(_("Libraries:\n"), out);
	print_library(out, "libcurl", curl_version_info(CURLVERSION_NOW)->version, LIBCURL_VERSION);
	print_library(out, "jansson", jansson_version_str(), JANSSON_VERSION);
	char magic_now[16], magic_built[16];
	snprintf(magic_now, sizeof magic_now, "%d.%02d", magic_version() / 100, magic_version() % 100);
	snprintf(magic_built, sizeof magic_built, "%d.%02d", MAGIC_VERSION / 100, MAGIC_VERSION % 100);
	print_library(out, "libmagic", magic_now, magic_built);
#ifdef OPENSSL_VERSION_STR
	print_library(out, "OpenSSL", OpenSSL_version(OPENSSL_VERSION_STRING), OPENSSL_VERSION_STR);
#else
	print_library(out, "OpenSSL", OpenSSL_version(OPENSSL_VERSION), OPENSSL_VERSION_TEXT);
#endif
	/* the interface's library: its versions come from the interface */
	const char *ncurses_now = curses_now;
	/* "ncurses 6.4.20221231": the number after the name */
	const char *sp = ncurses_now ? strchr(ncurses_now, ' ') : NULL;
	print_library(out, "ncursesw", sp ? sp + 1 : ncurses_now, curses_built);
#ifdef HAVE_PREVIEW
	char chafa_built[32];
	snprintf(chafa_built, sizeof chafa_built, "%d.%d.%d",
	         CHAFA_MAJOR_VERSION, CHAFA_MINOR_VERSION, CHAFA_MICRO_VERSION);
	print_library(out, "chafa", NULL, chafa_built);
#endif
	/* feature names, as curl -V lists them: not translated */
	fprintf(out, _("Features:%s\n"),
	        mt_preview_available() ? " previews pixels(sixel,kitty)" : " -");
	fputs(_("Copyright (C) 2026 the mediatui authors.\n"
	        "License MIT: <https://opensource.org/licenses/MIT>.\n"
	        "This is free software: you are free to change and redistribute it.\n"
	        "There is NO WARRANTY, to the extent permitted by law.\n"), out);
}
