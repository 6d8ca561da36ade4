/* cmd_edit.c — `edit ID`: change alt, title, description, folder, focal point. */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "i18n.h"

void cli_print_media_details(const struct mt_media *m);

int
cmd_edit(struct cli_ctx *ctx)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	const struct mt_cmdline *cl = ctx->cl;
	struct mt_media_patch p = {
		.alt = cl->alt, .title = cl->title, .description = cl->description,
		.folder = cl->folder, .has_focal = cl->has_focal,
		.focal_x = cl->focal_x, .focal_y = cl->focal_y,
	};
	struct mt_error err;
	struct mt_media m;
	if (mt_site_patch(&ctx->site, cl->args[0], &p, &m, &err) < 0) {
		cli_print_error(&err);
		return cli_exit_for(&err);
	}
	if (cl->json) {
		json_t *o = mt_media_to_json(&m);
		cli_print_json(o);
		json_decref(o);
	} else if (!cl->quiet) {
		cli_print_media_details(&m);
	}
	mt_media_free(&m);
	return EXIT_ALL_DONE;
}
