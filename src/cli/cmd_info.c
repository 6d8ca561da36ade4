/* cmd_info.c — `info ID`: every field of one media item. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "textwidth.h"

static void
field(const char *label, const char *value)
{
	if (value == NULL)
		return;
	printf("%-12s ", label);
	cli_print_safe(value);
	fputc('\n', stdout);
}

void cli_print_media_details(const struct mt_media *m);

void
cli_print_media_details(const struct mt_media *m)
{
	char buf[64];
	field(_("id:"), m->id);
	field(_("filename:"), m->filename);
	field(_("type:"), m->mime_type);
	if (m->size >= 0) {
		mt_format_size(m->size, buf, sizeof buf);
		printf("%-12s %lld (%s)\n", _("size:"), (long long)m->size, buf);
	}
	if (m->width >= 0 && m->height >= 0)
		printf("%-12s %dx%d\n", _("dimensions:"), m->width, m->height);
	field(_("alt:"), m->alt);
	field(_("title:"), m->title);
	field(_("description:"), m->description);
	field(_("folder:"), m->folder);
	if (m->focal_x >= 0 && m->focal_y >= 0)
		printf("%-12s %g,%g\n", _("focal:"), m->focal_x, m->focal_y);
	field(_("url:"), m->url);
	field(_("created:"), m->created_at);
}

int
cmd_info(struct cli_ctx *ctx)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	struct mt_error err;
	struct mt_media m;
	if (mt_site_get(&ctx->site, ctx->cl->args[0], &m, &err) < 0) {
		cli_print_error(&err);
		return cli_exit_for(&err);
	}
	if (ctx->cl->json) {
		json_t *o = mt_media_to_json(&m);
		cli_print_json(o);
		json_decref(o);
	} else {
		cli_print_media_details(&m);
	}
	mt_media_free(&m);
	return EXIT_ALL_DONE;
}
