/* cmd_rm.c — `rm ID...`: delete media, after a look, a confirmation and,
 * with --backup DIR, a complete download of each original.
 *
 * Nothing is deleted whose backup did not finish. --dry-run reads each item
 * and says what would go, changing nothing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "sanitize.h"

static bool
confirm(int n)
{
	fprintf(stderr, P_("Delete %d item? [y/N] ", "Delete %d items? [y/N] ", (unsigned long)n), n);
	fflush(stderr);
	char line[32];
	if (fgets(line, sizeof line, stdin) == NULL)
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

int
cmd_rm(struct cli_ctx *ctx)
{
	const struct mt_cmdline *cl = ctx->cl;
	if (!cl->dry_run && !cl->yes && !isatty(STDIN_FILENO)) {
		struct mt_error err;
		mt_error_set(&err, MT_ERR_USAGE,
		             _("refusing to delete without confirmation: add --yes (or --dry-run to look first)"));
		cli_print_error(&err);
		return EXIT_USAGE;
	}
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	if (!cl->dry_run && !cl->yes) {
		printf(P_("About to delete %d item:\n", "About to delete %d items:\n", (unsigned long)cl->nargs),
		       cl->nargs);
		for (int i = 0; i < cl->nargs; i++) {
			printf("  ");
			cli_print_safe(cl->args[i]);
			fputc('\n', stdout);
		}
		fflush(stdout);
		if (!confirm(cl->nargs)) {
			fprintf(stderr, "%s\n", _("Nothing deleted."));
			return EXIT_SOME_FAILED;
		}
	}
	json_t *results = json_array();
	int failures = 0;
	for (int i = 0; i < cl->nargs; i++) {
		const char *id = cl->args[i];
		struct mt_error err;
		mt_error_clear(&err);
		json_t *r = json_pack("{s:s}", "id", id);
		struct mt_media m;
		mt_media_init(&m);
		char *saved = NULL;
		const char *status = "failed";
		bool need_item = cl->dry_run || cl->backup_dir;
		if (need_item && mt_site_get(&ctx->site, id, &m, &err) < 0) {
			/* fall through to the failure report */
		} else if (cl->backup_dir && !cl->dry_run &&
		           mt_site_download(&ctx->site, &m, cl->backup_dir, &saved, &err) < 0) {
			mt_error_prefix(&err, _("%s: not deleted, backup failed: "), id);
		} else if (cl->dry_run) {
			status = "would-delete";
		} else if (mt_site_remove(&ctx->site, id, &err) == 0) {
			status = "deleted";
		}
		json_object_set_new(r, "status", json_string(status));
		if (m.filename)
			json_object_set_new(r, "filename", json_string(m.filename));
		if (saved)
			json_object_set_new(r, "backup", json_string(saved));
		if (strcmp(status, "failed") == 0) {
			failures++;
			json_object_set_new(r, "error", cli_error_json(&err));
			if (!cl->json)
				cli_print_error(&err);
		} else if (!cl->json && !cl->quiet) {
			char *name = mt_sanitize(m.filename ? m.filename : "");
			char *sid = mt_sanitize(id);
			if (cl->dry_run)
				printf(_("would delete %s %s\n"), sid, name);
			else if (saved)
				printf(_("deleted %s (backup in %s)\n"), sid, saved);
			else
				printf(_("deleted %s\n"), sid);
			free(name);
			free(sid);
		}
		json_array_append_new(results, r);
		free(saved);
		mt_media_free(&m);
	}
	if (cl->json)
		cli_print_json(results);
	json_decref(results);
	return failures ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
