/* cmd_usage.c — `usage`: storage per folder and per type against the plan. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "l10n.h"
#include "textwidth.h"
#include "usage.h"

static void
on_item(const struct mt_media *m, void *arg)
{
	mt_usage_add(arg, m);
}

static void
print_rows(const char *title, const struct mt_usage_row *rows, size_t n, int64_t total)
{
	printf("%s\n", title);
	for (size_t i = 0; i < n; i++) {
		char size[32];
		mt_format_size(rows[i].bytes, size, sizeof size);
		double pct = total ? (double)rows[i].bytes * 100.0 / (double)total : 0;
		char pcts[16];
		mt_l10n_fixed(pct, 5, 1, pcts, sizeof pcts);
		int bar = (int)(pct / 5.0 + 0.5);
		char bars[24];
		for (int b = 0; b < 20; b++)
			bars[b] = b < bar ? '#' : ' ';
		bars[20] = '\0';
		printf("  %*s%s %s%% [%s] %6lld  ", 10 - mt_text_width(size) > 0 ? 10 - mt_text_width(size) : 0,
		       "", size, pcts, bars, (long long)rows[i].count);
		cli_print_safe(mt_media_kind_label(rows[i].name));   /* a path or a family */
		fputc('\n', stdout);
	}
}

int
cmd_usage(struct cli_ctx *ctx)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	struct mt_usage u;
	mt_usage_init(&u, ctx->profile->plan_bytes);
	struct mt_error err;
	if (mt_site_scan(&ctx->site, on_item, NULL, &u, &err) < 0) {
		cli_print_error(&err);
		mt_usage_free(&u);
		return cli_exit_for(&err);
	}
	mt_usage_finish(&u);
	if (ctx->cl->json) {
		json_t *o = mt_usage_to_json(&u);
		cli_print_json(o);
		json_decref(o);
	} else {
		char used[32], plan[32];
		mt_format_size(u.bytes, used, sizeof used);
		if (u.plan_bytes > 0) {
			mt_format_size(u.plan_bytes, plan, sizeof plan);
			char pct[16];
			mt_l10n_fixed((double)u.bytes * 100.0 / (double)u.plan_bytes, 0, 1, pct, sizeof pct);
			/* TRANSLATORS: used, plan, percentage (a number: add %% after it), items */
			printf(P_("%s of %s used (%s%%) by %lld item\n", "%s of %s used (%s%%) by %lld items\n",
			          (unsigned long)u.count), used, plan, pct, (long long)u.count);
		} else {
			printf(P_("%s used by %lld item (no plan set in the profile)\n",
			          "%s used by %lld items (no plan set in the profile)\n", (unsigned long)u.count),
			       used, (long long)u.count);
		}
		if (u.unknown_size)
			printf(P_("%lld item has no size (the server did not say)\n",
			          "%lld items have no size (the server did not say)\n",
			          (unsigned long)u.unknown_size), (long long)u.unknown_size);
		print_rows(_("By folder:"), u.folders, u.nfolders, u.bytes);
		print_rows(_("By type:"), u.types, u.ntypes, u.bytes);
	}
	mt_usage_free(&u);
	return EXIT_ALL_DONE;
}
