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
#include "l10n.h"
#include "textwidth.h"
#include "xalloc.h"

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
	bool reading;             /* the look before the question: no JSON yet */
	struct mt_media *got;     /* per argument: the item as read (id NULL: not read) */
};

/* One cell of the listing, padded to width (sanitised, never cut: two
 * copies of one name differ in the folder or the date). */
static void
put_cell(FILE *out, const char *s, int width, bool right)
{
	int w = mt_text_width(s);
	if (right)
		fprintf(out, "%*s%s", width > w ? width - w : 0, "", s);
	else
		fprintf(out, "%s%*s", s, width > w ? width - w : 0, "");
}

/* The items read, one a line: id, file name, folder, size and date in
 * aligned columns, each line begun with `lead`; returns their bytes. */
static int64_t
print_items(FILE *out, const char *lead, const struct mt_media *got, int n)
{
	int wid = 0, wname = 0, wfolder = 0, wsize = 0;
	char (*size)[32] = xcalloc((size_t)n + 1, sizeof *size);
	char (*day)[64] = xcalloc((size_t)n + 1, sizeof *day);
	char **name = xcalloc((size_t)n + 1, sizeof *name), **folder = xcalloc((size_t)n + 1, sizeof *folder),
	     **id = xcalloc((size_t)n + 1, sizeof *id);
	int64_t total = 0;
	for (int i = 0; i < n; i++) {
		if (got[i].id == NULL)
			continue;
		id[i] = mt_sanitize(got[i].id);
		name[i] = mt_sanitize(got[i].filename ? got[i].filename : "");
		folder[i] = mt_sanitize(got[i].folder ? got[i].folder : "/");
		if (got[i].size >= 0) {
			mt_format_size(got[i].size, size[i], sizeof size[i]);
			total += got[i].size;
		} else {
			strcpy(size[i], "?");
		}
		if (got[i].created_at)
			mt_l10n_date(got[i].created_at, false, day[i], sizeof day[i]);
		wid = mt_text_widest(wid, id[i]);
		wname = mt_text_widest(wname, name[i]);
		wfolder = mt_text_widest(wfolder, folder[i]);
		wsize = mt_text_widest(wsize, size[i]);
	}
	for (int i = 0; i < n; i++) {
		if (got[i].id == NULL)
			continue;
		fputs(lead, out);
		put_cell(out, id[i], wid, false);
		fputs("  ", out);
		put_cell(out, name[i], wname, false);
		fputs("  ", out);
		put_cell(out, folder[i], wfolder, false);
		fputs("  ", out);
		put_cell(out, size[i], wsize, true);
		fprintf(out, "  %s\n", day[i]);
		free(id[i]);
		free(name[i]);
		free(folder[i]);
	}
	free(size);
	free(day);
	free(name);
	free(folder);
	free(id);
	return total;
}

/* An item's record for --json: what it was (as read), and what became of it. */
static json_t *
result_json(const char *id, const char *status, const struct mt_media *m)
{
	json_t *r = json_pack("{s:s}", "id", id);
	json_object_set_new(r, "status", json_string(status));
	if (m && m->filename)
		json_object_set_new(r, "filename", json_string(m->filename));
	if (m && m->folder)
		json_object_set_new(r, "folder", json_string(m->folder));
	if (m && m->size >= 0)
		json_object_set_new(r, "size", json_integer(m->size));
	if (m && m->created_at)
		json_object_set_new(r, "createdAt", json_string(m->created_at));
	return r;
}

/* One item's result: a line (or the error on stderr), and its JSON record.
 * An item core found gone (404) is one of two: read by this command before
 * it went (the question's look, the backup's read), it was deleted
 * elsewhere since, and the delete has reached its end: "gone", not a
 * failure. Never seen by this command, the server simply does not have
 * the id, which may as well be mistyped: "not-found", a failure (exit 1),
 * so that a script is never told "all done" about an item it named that
 * may still be there under its real id. */
static void
rm_result(struct mt_batch *b, const struct mt_batch_result *res, void *arg)
{
	(void)b;
	struct rm_out *o = arg;
	const struct mt_cmdline *cl = o->cl;
	const char *id = res->id;
	const struct mt_media *m = res->item;
	if (o->got && m && o->got[res->index].id == NULL)
		mt_media_copy(&o->got[res->index], m);   /* kept for the listing */
	if (o->got && m == NULL && o->got[res->index].id)
		m = &o->got[res->index];                  /* as read before the question */
	bool seen = m && m->id;
	struct mt_error nf;
	const struct mt_error *err = res->err;
	if (res->gone && !seen) {
		mt_error_set(&nf, MT_ERR_HTTP, _("%s: not found on the server"), id);
		nf.http_status = 404;
		err = &nf;
	}
	if (err) {
		o->failures++;
		if (!cl->json)
			cli_print_error(err);
	}
	if (o->reading && !err)
		return;   /* its record comes with the delete */
	const char *status = res->gone      ? (seen ? "gone" : "not-found")
	                     : err          ? "failed"
	                     : cl->dry_run  ? "would-delete"
	                                    : "deleted";
	json_t *r = result_json(id, status, m);
	if (res->backup)
		json_object_set_new(r, "backup", json_string(res->backup));
	if (err) {
		json_object_set_new(r, "error", cli_error_json(err));
	} else if (res->gone && !cl->json && !cl->quiet) {
		char *sid = mt_sanitize(id);
		printf(_("%s was already gone: deleted elsewhere since it was read\n"), sid);
		free(sid);
	} else if (!cl->json && !cl->quiet && !cl->dry_run) {
		char *sid = mt_sanitize(id);
		if (res->backup)
			printf(_("deleted %s (backup in %s)\n"), sid, res->backup);
		else
			printf(_("deleted %s\n"), sid);
		free(sid);
	}
	json_array_append_new(o->results, r);
}

/* Runs the batch over ids; every item has its result through rm_result. */
static void
run_batch(struct cli_ctx *ctx, struct rm_out *o, char *const *ids, size_t n, bool dry_run)
{
	const struct mt_cmdline *cl = ctx->cl;
	struct mt_batch_spec spec = {
		.kind = MT_BATCH_REMOVE, .ids = ids, .n = n,
		.backup_dir = dry_run ? NULL : cl->backup_dir, .dry_run = dry_run,
		.item = rm_result, .arg = o,
	};
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_site_batch(&ctx->site, &spec, &err) < 0) {
		/* the site cannot do it at all: every item says so */
		for (size_t i = 0; i < n; i++) {
			struct mt_batch_result r = { .index = i, .id = ids[i], .err = &err };
			rm_result(NULL, &r, o);
		}
	}
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
	size_t n = (size_t)cl->nargs;
	json_t *results = json_array();
	struct rm_out o = { .cl = cl, .results = results };
	o.got = xcalloc(n + 1, sizeof *o.got);
	bool ask = !cl->dry_run && !cl->yes;
	char **ids = cl->args;
	size_t nids = n;
	if (cl->dry_run || ask) {
		/* each item read first: what goes is named, not just its id */
		o.reading = ask;
		run_batch(ctx, &o, cl->args, n, true);
		o.reading = false;
		int found = 0;
		int64_t bytes = 0;
		for (size_t i = 0; i < n; i++)
			found += o.got[i].id != NULL;
		FILE *out = cl->json ? stderr : stdout;
		if (found && (ask || (!cl->json && !cl->quiet))) {
			char total[32];
			if (ask)
				fprintf(out, P_("About to delete %d item:\n", "About to delete %d items:\n",
				                (unsigned long)found), found);
			/* TRANSLATORS: begins each line of rm --dry-run, before the
			 * item's id, name, folder, size and date */
			bytes = print_items(out, ask ? "  " : _("would delete "), o.got, (int)n);
			mt_format_size(bytes, total, sizeof total);
			if (ask)
				fprintf(out, P_("%d item, %s in all\n", "%d items, %s in all\n", (unsigned long)found),
				        found, total);
			else
				fprintf(out, P_("would delete %d item, %s in all\n",
				                "would delete %d items, %s in all\n", (unsigned long)found),
				        found, total);
			fflush(out);
		}
		if (ask) {
			ids = xcalloc(n + 1, sizeof *ids);
			nids = 0;
			for (size_t i = 0; i < n; i++)
				if (o.got[i].id)
					ids[nids++] = cl->args[i];
			if (nids == 0 || !confirm(found)) {
				fprintf(stderr, "%s\n", _("Nothing deleted."));
				free(ids);
				ids = NULL;
				nids = 0;
				o.failures++;
			}
		}
	}
	if (!cl->dry_run && ids) {
		/* the items read before the question keep their place for the JSON */
		struct mt_media *all = o.got;
		if (ask) {
			o.got = xcalloc(nids + 1, sizeof *o.got);
			for (size_t i = 0, k = 0; i < n; i++)
				if (all[i].id)
					mt_media_copy(&o.got[k++], &all[i]);
		}
		run_batch(ctx, &o, ids, nids, false);
		if (ask) {
			for (size_t i = 0; i < nids; i++)
				mt_media_free(&o.got[i]);
			free(o.got);
			o.got = all;
		}
	}
	if (ask)
		free(ids);
	for (size_t i = 0; i < n; i++)
		mt_media_free(&o.got[i]);
	free(o.got);
	if (cl->json)
		cli_print_json(results);
	json_decref(results);
	return o.failures ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
