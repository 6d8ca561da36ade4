/* cmd_folders.c — `folders`, `mkdir PATH`, `rmdir PATH`. */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "i18n.h"

int
cmd_folders(struct cli_ctx *ctx)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	struct mt_error err;
	char **v;
	size_t n;
	if (mt_site_folders(&ctx->site, &v, &n, &err) < 0) {
		cli_print_error(&err);
		return cli_exit_for(&err);
	}
	if (ctx->cl->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, json_string(v[i]));
		json_t *doc = json_pack("{s:o}", "folders", arr);
		cli_print_json(doc);
		json_decref(doc);
	} else {
		for (size_t i = 0; i < n; i++) {
			cli_print_safe(v[i]);
			fputc('\n', stdout);
		}
	}
	mt_strv_free(v, n);
	return EXIT_ALL_DONE;
}

static int
folder_change(struct cli_ctx *ctx, bool create)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	struct mt_error err;
	const char *path = ctx->cl->args[0];
	int r = create ? mt_site_folder_create(&ctx->site, path, &err)
	               : mt_site_folder_delete(&ctx->site, path, &err);
	if (ctx->cl->json) {
		json_t *doc = json_pack("{s:s,s:s}", "path", path, "status",
		                        r == 0 ? (create ? "created" : "deleted") : "failed");
		if (r < 0)
			json_object_set_new(doc, "error", cli_error_json(&err));
		cli_print_json(doc);
		json_decref(doc);
	}
	if (r < 0) {
		cli_print_error(&err);
		return cli_exit_for(&err);
	}
	return EXIT_ALL_DONE;
}

int
cmd_mkdir(struct cli_ctx *ctx)
{
	return folder_change(ctx, true);
}

int
cmd_rmdir(struct cli_ctx *ctx)
{
	return folder_change(ctx, false);
}
