/* cmd_upload.c — `upload FILE...`. */
#include "config.h"

#include "cli.h"
#include "i18n.h"

int
cmd_upload(struct cli_ctx *ctx)
{
	struct mt_error err;
	mt_error_set(&err, MT_ERR_UNSUPPORTED, _("upload: the upload queue is not in this build yet"));
	cli_print_error(&err);
	(void)ctx;
	return EXIT_SOME_FAILED;
}
