/* cli.c — dispatch of the batch commands and what they share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "jsonwrite.h"
#include "sanitize.h"
#include "xalloc.h"

struct command_entry {
	enum mt_command cmd;
	int (*run)(struct cli_ctx *ctx);
};

static const struct command_entry command_table[] = {
	{ MT_CMD_LS, cmd_ls },
	{ MT_CMD_INFO, cmd_info },
	{ MT_CMD_UPLOAD, cmd_upload },
	{ MT_CMD_EDIT, cmd_edit },
	{ MT_CMD_RM, cmd_rm },
	{ MT_CMD_FOLDERS, cmd_folders },
	{ MT_CMD_MKDIR, cmd_mkdir },
	{ MT_CMD_RMDIR, cmd_rmdir },
	{ MT_CMD_USAGE, cmd_usage },
	{ MT_CMD_AUDIT, cmd_audit },
	{ MT_CMD_DETECT, cmd_detect },
	{ MT_CMD_PREVIEW, cmd_preview },
};

void
cli_print_error(const struct mt_error *err)
{
	mt_error_print(err);
}

int
cli_exit_for(const struct mt_error *err)
{
	return mt_error_exit_status(err);
}

static size_t
json_flags(void)
{
	size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER;
	/* On a terminal, \u-escape everything outside ASCII: no byte of a hostile
	 * string can then be read as a control sequence. Asked once: a streamed
	 * array asks for every item. */
	static int tty = -1;
	if (tty < 0)
		tty = isatty(STDOUT_FILENO);
	if (tty)
		flags |= JSON_ENSURE_ASCII;
	return flags;
}

void
cli_print_json(json_t *doc)
{
	json_dumpf(doc, stdout, json_flags());
	fputc('\n', stdout);
}

void
cli_json_array_item(struct cli_json_array *a, json_t *item)
{
	/* as json_dumpf prints it depth + 1 levels down */
	fputs(a->items++ ? ",\n" : "[\n", stdout);
	printf("%*s", 2 * (a->depth + 1), "");
	cli_json_write(stdout, item, json_flags(), a->depth + 1);
}

void
cli_json_array_end(struct cli_json_array *a)
{
	if (a->items)
		printf("\n%*s]", 2 * a->depth, "");
	else
		fputs("[]", stdout);
	if (a->depth == 0)
		fputc('\n', stdout);
}

void
cli_print_json_streamed(json_t *doc, const char *key, size_t n,
                        json_t *(*item)(size_t i, void *arg), void *arg)
{
	char *text = json_dumps(doc, json_flags());
	/* top-level keys sit alone on a line two spaces in, and no string
	 * holds a raw newline: this is the key's own line */
	char *marker = xasprintf("\n  \"%s\": []", key);
	char *at = strstr(text, marker);
	if (at == NULL) {   /* not the shape asked for: the whole document, in memory */
		json_t *arr = json_object_get(doc, key);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, item(i, arg));
		cli_print_json(doc);
	} else {
		size_t before = (size_t)(at - text) + strlen(marker) - 2;
		fwrite(text, 1, before, stdout);
		struct cli_json_array arr = { .depth = 1 };
		for (size_t i = 0; i < n; i++) {
			json_t *o = item(i, arg);
			cli_json_array_item(&arr, o);
			json_decref(o);
		}
		cli_json_array_end(&arr);
		fputs(at + strlen(marker), stdout);
		fputc('\n', stdout);
	}
	free(marker);
	free(text);
}

json_t *
cli_error_json(const struct mt_error *err)
{
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(mt_error_kind_name(err->kind)));
	json_object_set_new(o, "message", json_string(err->message));
	if (err->http_status)
		json_object_set_new(o, "status", json_integer(err->http_status));
	if (err->code[0])
		json_object_set_new(o, "code", json_string(err->code));
	if (err->correlation_id[0])
		json_object_set_new(o, "correlationId", json_string(err->correlation_id));
	return o;
}

void
cli_print_safe(const char *s)
{
	char *clean = mt_sanitize(s);
	fputs(clean, stdout);
	free(clean);
}

int
cli_open_site(struct cli_ctx *ctx)
{
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_session_open(&ctx->site, &ctx->config, ctx->cl->config_path, ctx->cl->profile,
	                    &err) < 0) {
		cli_print_error(&err);
		return cli_exit_for(&err);
	}
	ctx->loop = ctx->site.loop;
	ctx->profile = ctx->site.profile;
	ctx->site_open = true;
	return 0;
}

static void
cli_close(struct cli_ctx *ctx)
{
	if (ctx->site_open) {
		mt_session_close(&ctx->site, &ctx->config);
		return;
	}
	mt_loop_free(ctx->loop);   /* a command that made its own loop */
	mt_config_free(&ctx->config);
}

int
cli_run(const struct mt_cmdline *cl)
{
	struct cli_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.cl = cl;
	int status = EXIT_USAGE;
	for (size_t i = 0; i < sizeof command_table / sizeof command_table[0]; i++) {
		if (command_table[i].cmd == cl->command) {
			status = command_table[i].run(&ctx);
			break;
		}
	}
	cli_close(&ctx);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: %s\n", PACKAGE_NAME, _("cannot write the output"));
		if (status == EXIT_ALL_DONE)
			status = EXIT_SOME_FAILED;
	}
	return status;
}
