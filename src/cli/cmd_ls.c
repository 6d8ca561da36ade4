/* cmd_ls.c — `ls`: list media, one page or --all, as a table or JSON.
 *
 * --all streams: each page is printed as it arrives, so listing a library of
 * any size needs the memory of one page. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "jsonwrite.h"
#include "i18n.h"
#include "pager.h"
#include "sanitize.h"
#include "textwidth.h"

#define PAGE_MAX 100

static void
print_cell(const char *s, int width)
{
	char *clean = mt_sanitize(s ? s : "");
	char buf[512];
	mt_text_fit(clean, width, 1, buf, sizeof buf);
	fputs(buf, stdout);
	free(clean);
}

/* Right-aligned in width cells (printf's %10s counts bytes, not cells). */
static void
print_cell_right(const char *s, int width)
{
	char buf[512];
	int used = mt_text_fit(s, width, 0, buf, sizeof buf);
	printf("%*s%s", width - used, "", buf);
}

void cli_print_media_row(const struct mt_media *m);

void
cli_print_media_row(const struct mt_media *m)
{
	char size[32], dims[32];
	mt_format_size(m->size, size, sizeof size);
	if (m->size < 0)
		strcpy(size, "-");
	if (m->width >= 0 && m->height >= 0)
		snprintf(dims, sizeof dims, "%dx%d", m->width, m->height);
	else
		strcpy(dims, "-");
	print_cell(m->id, 18);
	fputs("  ", stdout);
	print_cell(m->filename, 32);
	fputs("  ", stdout);
	print_cell(m->mime_type, 16);
	fputs("  ", stdout);
	print_cell_right(size, 10);
	fputs("  ", stdout);
	print_cell(dims, 11);
	fputs("  ", stdout);
	/* TRANSLATORS: the ALT column of ls when an item has alt text (3 cells) */
	print_cell(m->alt && m->alt[0] ? _("alt") : "-", 3);
	fputs("  ", stdout);
	print_cell(m->folder ? m->folder : "", 20);
	fputc('\n', stdout);
}

static void
print_header(void)
{
	print_cell(_("ID"), 18);
	fputs("  ", stdout);
	print_cell(_("NAME"), 32);
	fputs("  ", stdout);
	print_cell(_("TYPE"), 16);
	fputs("  ", stdout);
	print_cell_right(_("SIZE"), 10);
	fputs("  ", stdout);
	print_cell(_("WxH"), 11);
	fputs("  ", stdout);
	/* TRANSLATORS: column headings of ls are cut to 18, 32, 16, 10, 11, 3 and 20 cells */
	print_cell(_("ALT"), 3);
	fputs("  ", stdout);
	print_cell(_("FOLDER"), 20);
	fputc('\n', stdout);
}

struct ls_out {
	const struct mt_cmdline *cl;
	bool first_page;
	int64_t shown, total;
};

static void
ls_page(const struct mt_media_page *page, void *arg)
{
	struct ls_out *o = arg;
	const struct mt_cmdline *cl = o->cl;
	o->total = page->total;
	if (cl->json) {
		if (o->first_page)
			printf("{\n  \"total\": %lld,\n  \"offset\": %lld,\n  \"limit\": %lld,\n  \"items\": [",
			       (long long)page->total, (long long)page->offset,
			       (long long)(cl->all ? page->total : page->limit));
		for (size_t i = 0; i < page->nitems; i++) {
			json_t *j = mt_media_to_json(&page->items[i]);
			printf("%s\n    ", o->shown || i ? "," : "");
			cli_json_write(stdout, j, JSON_COMPACT | (isatty(1) ? JSON_ENSURE_ASCII : 0), 0);
			json_decref(j);
		}
	} else {
		if (o->first_page && page->nitems)
			print_header();
		for (size_t i = 0; i < page->nitems; i++)
			cli_print_media_row(&page->items[i]);
	}
	o->shown += (int64_t)page->nitems;
	o->first_page = false;
}

int
cmd_ls(struct cli_ctx *ctx)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	const struct mt_cmdline *cl = ctx->cl;
	struct mt_list_query q = {
		.folder = cl->nargs ? cl->args[0] : NULL,
		.type = cl->type, .search = cl->search, .sort = cl->sort, .order = cl->order,
		.limit = cl->all ? PAGE_MAX : cl->limit, .offset = cl->all ? 0 : cl->offset,
	};
	struct mt_error err;
	mt_error_clear(&err);
	if (q.folder && !mt_folder_path_valid(q.folder)) {
		mt_error_set(&err, MT_ERR_USAGE, _("'%s' is not a valid folder path"), q.folder);
		cli_print_error(&err);
		return EXIT_USAGE;
	}
	/* --all streams: each page is printed as it arrives */
	struct ls_out o = { .cl = cl, .first_page = true };
	if (mt_site_pages(&ctx->site, &q, cl->all, ls_page, &o, &err) < 0) {
		if (!o.first_page && cl->json)
			fputs("\n  ]\n}\n", stdout);   /* keep the document well-formed */
		cli_print_error(&err);
		return cli_exit_for(&err);
	}
	if (cl->json) {
		fputs(o.shown ? "\n  ]\n}\n" : "]\n}\n", stdout);
	} else if (!cl->quiet) {
		fprintf(stderr, P_("%lld of %lld item\n", "%lld of %lld items\n", (unsigned long)o.total),
		        (long long)o.shown, (long long)o.total);
		/* one page shown: say how to get the rest */
		int64_t next = (int64_t)q.offset + o.shown;   /* the first not shown */
		int64_t rest = o.total - next;
		if (!cl->all && rest > 0)
			fprintf(stderr, P_("%lld more: use --all, or --offset %lld for the next page\n",
			                   "%lld more: use --all, or --offset %lld for the next page\n",
			                   (unsigned long)rest),
			        (long long)rest, (long long)next);
	}
	return EXIT_ALL_DONE;
}
