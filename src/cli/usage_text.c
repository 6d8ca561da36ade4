/* usage_text.c — --help and --version texts. */
#include "config.h"

#include <stdio.h>

#include "i18n.h"
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
	        "                         --fail-on KIND[,KIND]: exit 1 when found)\n"
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
	        "      --progress         print one plain line per upload event\n"
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

void
mt_print_version(FILE *out)
{
	fprintf(out, "%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs(_("Copyright (C) 2026 the mediatui authors.\n"
	        "License MIT: <https://opensource.org/licenses/MIT>.\n"
	        "This is free software: you are free to change and redistribute it.\n"
	        "There is NO WARRANTY, to the extent permitted by law.\n"), out);
}
