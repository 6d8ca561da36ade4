/* cli.h — the batch commands.
 *
 * Each command prints results on stdout (text, or one JSON document with
 * --json) and each failure on stderr, and returns the exit status:
 * 0 all done, 1 something failed, 2 usage or configuration error. */
#ifndef MT_CLI_H
#define MT_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "cmdline.h"
#include "conf.h"
#include "error.h"
#include "loop.h"
#include "session.h"
#include "site.h"

enum {
	EXIT_ALL_DONE = MT_EXIT_ALL_DONE,
	EXIT_SOME_FAILED = MT_EXIT_SOME_FAILED,
	EXIT_USAGE = MT_EXIT_USAGE
};

/* What every command gets. */
struct cli_ctx {
	const struct mt_cmdline *cl;
	struct mt_config config;
	const struct mt_profile *profile;   /* NULL for commands that need none */
	struct mt_loop *loop;
	struct mt_site site;
	bool site_open;
};

/* Runs the command named in cl. */
int cli_run(const struct mt_cmdline *cl);

/* Opens the config, the profile and the site. Returns 0 or an exit status. */
int cli_open_site(struct cli_ctx *ctx);

/* Prints "mediatui: MESSAGE" on stderr (sanitised). */
void cli_print_error(const struct mt_error *err);
/* The exit status an error calls for: 2 for usage/config, else 1. */
int cli_exit_for(const struct mt_error *err);
/* Writes a JSON document to stdout, ASCII-only when stdout is a terminal. */
void cli_print_json(json_t *doc);
/* An array printed an item at a time, exactly as cli_print_json would print
 * the whole array (depth 0) or one inside an object (depth 1, the value of
 * a top-level key; no newline after it): a long list need not be held in
 * memory as JSON. */
struct cli_json_array {
	size_t items;
	int depth;
};
void cli_json_array_item(struct cli_json_array *a, json_t *item);
void cli_json_array_end(struct cli_json_array *a);
/* Prints doc as cli_print_json would, the empty array under its top-level
 * `key` filled with item(0..n-1) (each new, released once printed). */
void cli_print_json_streamed(json_t *doc, const char *key, size_t n,
                             json_t *(*item)(size_t i, void *arg), void *arg);
/* An error as a JSON object {kind, message, status?, code?, correlationId?}. */
json_t *cli_error_json(const struct mt_error *err);
/* Prints a line of outside text to stdout with control characters neutralised. */
void cli_print_safe(const char *s);

int cmd_ls(struct cli_ctx *ctx);
int cmd_info(struct cli_ctx *ctx);
int cmd_edit(struct cli_ctx *ctx);
int cmd_rm(struct cli_ctx *ctx);
int cmd_folders(struct cli_ctx *ctx);
int cmd_mkdir(struct cli_ctx *ctx);
int cmd_rmdir(struct cli_ctx *ctx);
int cmd_usage(struct cli_ctx *ctx);
int cmd_audit(struct cli_ctx *ctx);
/* audit --content: fingerprints of the items (cache, downloads), then the
 * content findings added to a. Returns 0. */
struct mt_audit;
struct mt_auditset;
int audit_content(struct cli_ctx *ctx, struct mt_audit *a, struct mt_auditset *set);
int cmd_detect(struct cli_ctx *ctx);
int cmd_upload(struct cli_ctx *ctx);
int cmd_preview(struct cli_ctx *ctx);

#endif
