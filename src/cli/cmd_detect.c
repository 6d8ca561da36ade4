/* cmd_detect.c — `detect FILE...`: the MIME type of local files, no network. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "i18n.h"
#include "mime.h"

int
cmd_detect(struct cli_ctx *ctx)
{
	const struct mt_cmdline *cl = ctx->cl;
	json_t *arr = json_array();
	int failures = 0;
	for (int i = 0; i < cl->nargs; i++) {
		const char *path = cl->args[i];
		struct mt_error err;
		mt_error_clear(&err);
		char mime[128] = "";
		struct stat st;
		json_t *o = json_pack("{s:s}", "file", path);
		int rc = 0;
		if (stat(path, &st) < 0)
			rc = mt_error_set(&err, MT_ERR_IO, "%s: %s", path, strerror(errno));
		else if (!S_ISREG(st.st_mode))
			rc = mt_error_set(&err, MT_ERR_IO, _("%s: not a regular file"), path);
		else
			rc = mt_mime_detect(path, 0, mime, sizeof mime, &err);
		if (rc < 0) {
			failures++;
			json_object_set_new(o, "error", cli_error_json(&err));
			if (!cl->json)
				cli_print_error(&err);
		} else {
			const char *claimed = mt_mime_from_name(path);
			bool agrees = mt_mime_name_agrees(path, mime);
			json_object_set_new(o, "mimeType", json_string(mime));
			json_object_set_new(o, "size", json_integer((json_int_t)st.st_size));
			if (claimed)
				json_object_set_new(o, "extensionType", json_string(claimed));
			json_object_set_new(o, "mismatch", json_boolean(!agrees));
			if (!cl->json) {
				cli_print_safe(path);
				printf(": %s", mime);
				if (!agrees)
					printf(_("  (mismatch: the name says %s)"), claimed);
				fputc('\n', stdout);
			}
		}
		json_array_append_new(arr, o);
	}
	if (cl->json)
		cli_print_json(arr);
	json_decref(arr);
	return failures ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
