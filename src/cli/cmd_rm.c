/* cmd_rm.c — `rm ID...`: delete media, after a look, a confirmation and,
 * with --backup DIR, a complete download of each original.
 *
 * Nothing is deleted whose backup did not finish (the rule is core's:
 * batch.c). --dry-run reads each item and says what would go, changing
 * nothing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
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

struct rm_out {
	const struct mt_cmdline *cl;
	json_t *results;
	int failures;
};

/* One item's result: a line (or the error on stderr), and its JSON record. */
static void
rm_result(struct mt_batch *b, const struct mt_batch_result *res, void *arg)
{
	(void)b;
	struct rm_out *o = arg;
	const struct mt_cmdline *cl = o->cl;
	const char *id = res->id;
	const struct mt_media *m = res->item;
	const char *status = res->err ? "failed" : cl->dry_run ? "would-delete" : "deleted";
	json_t *r = json_pack("{s:s}", "id", id);
	json_object_set_new(r, "status", json_string(status));
	if (m && m->filename)
		json_object_set_new(r, "filename", json_string(m->filename));
	if (res->backup)
		json_object_set_new(r, "backup", json_string(res->backup));
	if (res->err) {
		o->failures++;
		json_object_set_new(r, "error", cli_error_json(res->err));
		if (!cl->json)
			cli_print_error(res->err);
	} else if (!cl->json && !cl->quiet) {
		char *name = mt_sanitize(m && m->filename ? m->filename : "");
		char *sid = mt_sanitize(id);
		if (cl->dry_run)
			printf(_("would delete %s %s\n"), sid, name);
		else if (res->backup)
			printf(_("deleted %s (backup in %s)\n"), sid, res->backup);
		else
			printf(_("deleted %s\n"), sid);
		free(name);
		free(sid);
	}
	json_array_append_new(o->results, r);
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
	struct rm_out o = { .cl = cl, .results = results };
	struct mt_batch_spec spec = {
		.kind = MT_BATCH_REMOVE, .ids = cl->args, .n = (size_t)cl->nargs,
		.backup_dir = cl->backup_dir, .dry_run = cl->dry_run,
		.item = rm_result, .arg = &o,
	};
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_site_batch(&ctx->site, &spec, &err) < 0) {
		/* the site cannot do it at all: every item says so */
		for (int i = 0; i < cl->nargs; i++) {
			struct mt_batch_result r = { .index = (size_t)i, .id = cl->args[i], .err = &err };
			rm_result(NULL, &r, &o);
		}
	}
	if (cl->json)
		cli_print_json(results);
	json_decref(results);
	return o.failures ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
