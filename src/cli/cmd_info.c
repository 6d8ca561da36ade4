/* cmd_info.c — `info ID`: every field of one media item. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"
#include "l10n.h"
#include "textwidth.h"

static int label_w = 12;    /* the widest label, in cells */

static void
label(const char *s)
{
	char buf[128];
	mt_text_fit(s, label_w, 1, buf, sizeof buf);
	printf("%s ", buf);
}

static void
field(const char *name, const char *value)
{
	if (value == NULL)
		return;
	label(name);
	cli_print_safe(value);
	fputc('\n', stdout);
}

void cli_print_media_details(const struct mt_media *m);

void
cli_print_media_details(const struct mt_media *m)
{
	char buf[64];
	const char *labels[] = { _("id:"), _("filename:"), _("type:"), _("size:"), _("dimensions:"),
	                         _("alt:"), _("title:"), _("description:"), _("folder:"),
	                         _("focal:"), _("url:"), _("created:") };
	label_w = 12;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (mt_text_width(labels[i]) > label_w && mt_text_width(labels[i]) < 40)
			label_w = mt_text_width(labels[i]);
	field(_("id:"), m->id);
	field(_("filename:"), m->filename);
	field(_("type:"), m->mime_type);
	if (m->size >= 0) {
		mt_format_size(m->size, buf, sizeof buf);
		label(_("size:"));
		printf("%lld (%s)\n", (long long)m->size, buf);
	}
	if (m->width >= 0 && m->height >= 0) {
		label(_("dimensions:"));
		printf("%dx%d\n", m->width, m->height);
	}
	field(_("alt:"), m->alt);
	field(_("title:"), m->title);
	field(_("description:"), m->description);
	field(_("folder:"), m->folder);
	if (m->focal_x >= 0 && m->focal_y >= 0) {
		/* in the form --focal takes, so it can be copied */
		label(_("focal:"));
		printf("%g,%g\n", m->focal_x, m->focal_y);
	}
	field(_("url:"), m->url);
	if (m->created_at) {
		char day[64];
		mt_l10n_date(m->created_at, false, day, sizeof day);
		field(_("created:"), day);
	}
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
