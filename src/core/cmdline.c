/* cmdline.c — the command line of mediatui, parsed into a plain struct. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmdline.h"
#include "i18n.h"
#include "termquery.h"
#include "xalloc.h"

/* Option identifiers. */
enum opt_id {
	O_CONFIG = 1, O_PROFILE, O_JSON, O_JOBS, O_PROGRESS, O_QUIET, O_HELP, O_VERSION,
	O_TYPE, O_SEARCH, O_SORT, O_ORDER, O_LIMIT, O_OFFSET, O_ALL,
	O_FOLDER, O_ALT, O_TITLE, O_DESCRIPTION, O_VIDEO_ID, O_DOCUMENT_ID, O_FOCAL,
	O_DRY_RUN, O_YES, O_BACKUP, O_LARGE, O_FAIL_ON, O_CONTENT, O_MAX_DOWNLOAD, O_SIMILARITY,
	O_SIZE, O_COLORS, O_ASCII, O_CROPS, O_LOCAL, O_PIXELS
};

struct opt_spec {
	const char *long_name;
	char short_name;      /* 0 when none */
	bool takes_arg;
	enum opt_id id;
};

/* Accepted anywhere on the line. */
static const struct opt_spec global_opts[] = {
	{ "config", 'c', true, O_CONFIG },
	{ "profile", 'p', true, O_PROFILE },
	{ "json", 0, false, O_JSON },
	{ "jobs", 'j', true, O_JOBS },
	{ "progress", 0, false, O_PROGRESS },
	{ "quiet", 'q', false, O_QUIET },
	{ "help", 'h', false, O_HELP },
	{ "version", 'V', false, O_VERSION },
	{ NULL, 0, false, 0 }
};

static const struct opt_spec ls_opts[] = {
	{ "type", 0, true, O_TYPE }, { "search", 0, true, O_SEARCH },
	{ "sort", 0, true, O_SORT }, { "order", 0, true, O_ORDER },
	{ "limit", 0, true, O_LIMIT }, { "offset", 0, true, O_OFFSET },
	{ "all", 0, false, O_ALL }, { NULL, 0, false, 0 }
};
static const struct opt_spec upload_opts[] = {
	{ "folder", 0, true, O_FOLDER }, { "alt", 0, true, O_ALT },
	{ "video-id", 0, true, O_VIDEO_ID }, { "document-id", 0, true, O_DOCUMENT_ID },
	{ NULL, 0, false, 0 }
};
static const struct opt_spec edit_opts[] = {
	{ "alt", 0, true, O_ALT }, { "title", 0, true, O_TITLE },
	{ "description", 0, true, O_DESCRIPTION }, { "folder", 0, true, O_FOLDER },
	{ "focal", 0, true, O_FOCAL }, { NULL, 0, false, 0 }
};
static const struct opt_spec rm_opts[] = {
	{ "dry-run", 'n', false, O_DRY_RUN }, { "yes", 'y', false, O_YES },
	{ "backup", 0, true, O_BACKUP }, { NULL, 0, false, 0 }
};
static const struct opt_spec audit_opts[] = {
	{ "large", 0, true, O_LARGE }, { "fail-on", 0, true, O_FAIL_ON },
	{ "content", 0, false, O_CONTENT }, { "max-download", 0, true, O_MAX_DOWNLOAD },
	{ "similarity", 0, true, O_SIMILARITY }, { NULL, 0, false, 0 }
};
static const struct opt_spec preview_opts[] = {
	{ "size", 0, true, O_SIZE }, { "colors", 0, true, O_COLORS },
	{ "ascii", 0, false, O_ASCII }, { "crops", 0, false, O_CROPS },
	{ "focal", 0, true, O_FOCAL }, { "local", 0, false, O_LOCAL },
	{ "pixels", 0, true, O_PIXELS }, { NULL, 0, false, 0 }
};
static const struct opt_spec no_opts[] = { { NULL, 0, false, 0 } };

struct command_spec {
	const char *name;
	enum mt_command cmd;
	const struct opt_spec *opts;
	int min_args, max_args;   /* max -1 = unbounded */
};

static const struct command_spec commands[] = {
	{ "ls", MT_CMD_LS, ls_opts, 0, 1 },
	{ "info", MT_CMD_INFO, no_opts, 1, 1 },
	{ "upload", MT_CMD_UPLOAD, upload_opts, 1, -1 },
	{ "edit", MT_CMD_EDIT, edit_opts, 1, 1 },
	{ "rm", MT_CMD_RM, rm_opts, 1, -1 },
	{ "folders", MT_CMD_FOLDERS, no_opts, 0, 0 },
	{ "mkdir", MT_CMD_MKDIR, no_opts, 1, 1 },
	{ "rmdir", MT_CMD_RMDIR, no_opts, 1, 1 },
	{ "usage", MT_CMD_USAGE, no_opts, 0, 0 },
	{ "audit", MT_CMD_AUDIT, audit_opts, 0, 0 },
	{ "detect", MT_CMD_DETECT, no_opts, 1, -1 },
	{ "preview", MT_CMD_PREVIEW, preview_opts, 1, 1 },
	{ NULL, 0, NULL, 0, 0 }
};

const char *
mt_command_name(enum mt_command cmd)
{
	for (const struct command_spec *c = commands; c->name; c++)
		if (c->cmd == cmd)
			return c->name;
	return NULL;
}

static const struct opt_spec *
find_long(const struct opt_spec *table, const char *name, size_t len)
{
	for (const struct opt_spec *o = table; table && o->long_name; o++)
		if (strlen(o->long_name) == len && strncmp(o->long_name, name, len) == 0)
			return o;
	return NULL;
}

static const struct opt_spec *
find_short(const struct opt_spec *table, char c)
{
	for (const struct opt_spec *o = table; table && o->long_name; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

static int
parse_long_value(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
mt_parse_focal(const char *s, double *x, double *y)
{
	char *end;
	errno = 0;
	double a = strtod(s, &end);
	if (errno || end == s || *end != ',')
		return -1;
	const char *t = end + 1;
	double b = strtod(t, &end);
	if (errno || end == t || *end != '\0')
		return -1;
	if (!isfinite(a) || !isfinite(b) || a < 0 || a > 100 || b < 0 || b > 100)
		return -1;
	*x = a;
	*y = b;
	return 0;
}

int
mt_parse_size(const char *s, int64_t *out)
{
	if (s == NULL)
		return -1;
	s += strspn(s, " \t");
	if (!isdigit((unsigned char)*s))
		return -1;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	/* a fraction ("2.5M", "2,5M" as people write it in many languages):
	 * up to 9 digits, kept as frac / scale */
	unsigned long long frac = 0, scale = 1;
	if ((*end == '.' || *end == ',') && isdigit((unsigned char)end[1])) {
		for (end++; isdigit((unsigned char)*end); end++)
			if (scale < 1000000000ULL) {
				frac = frac * 10 + (unsigned long long)(*end - '0');
				scale *= 10;
			}
	}
	end += strspn(end, " \t");
	unsigned shift = 0;
	switch (toupper((unsigned char)*end)) {
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	case 'T': shift = 40; end++; break;
	default: break;
	}
	if (shift && (*end == 'i' || *end == 'I'))
		end++;
	if (*end == 'B' || *end == 'b')
		end++;
	end += strspn(end, " \t");
	if (*end != '\0')
		return -1;
	if (v > ((unsigned long long)INT64_MAX >> shift))
		return -1;
	/* a fraction of a byte is not a size; of a unit, whole bytes (down) */
	if (frac && shift == 0)
		return -1;
	unsigned long long part = (unsigned long long)((double)frac / (double)scale * (double)(1ULL << shift));
	if ((v << shift) > (unsigned long long)INT64_MAX - part)
		return -1;
	*out = (int64_t)((v << shift) + part);
	return 0;
}

void
mt_size_text(int64_t bytes, char *buf, size_t len)
{
	static const char *const unit[] = { "GiB", "MiB", "KiB" };
	for (int u = 0; u < 3 && bytes > 0; u++) {
		int64_t one = (int64_t)1 << (30 - 10 * u);
		if (bytes < one || bytes > INT64_MAX / 100)
			continue;
		/* exact with at most two decimals, so that it reads back the same */
		for (int d = 0, ten = 1; d <= 2; d++, ten *= 10)
			if (bytes * ten % one == 0) {
				int64_t whole = bytes / one, rest = bytes * ten / one - whole * ten;
				if (d == 0)
					snprintf(buf, len, "%lld %s", (long long)whole, unit[u]);
				else
					snprintf(buf, len, "%lld.%0*lld %s", (long long)whole, d, (long long)rest, unit[u]);
				return;
			}
	}
	snprintf(buf, len, "%lld", (long long)bytes);
}

static int usage_error(struct mt_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
usage_error(struct mt_error *err, const char *fmt, ...)
{
	char msg[sizeof err->message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return mt_error_set(err, MT_ERR_USAGE, "%s", msg);
}

/* Applies one option. `opt_text` is how the user spelled it, for messages. */
static int
apply_option(struct mt_cmdline *cl, const struct opt_spec *o, const char *val,
             const char *opt_text, struct mt_error *err)
{
	long n;
	switch (o->id) {
	case O_CONFIG: cl->config_path = val; break;
	case O_PROFILE: cl->profile = val; break;
	case O_JSON: cl->json = true; break;
	case O_JOBS:
		if (parse_long_value(val, 1, 64, &n) < 0)
			return usage_error(err, _("%s: expected a number of jobs from 1 to 64"), opt_text);
		cl->jobs = (int)n;
		break;
	case O_PROGRESS: cl->progress = true; break;
	case O_QUIET: cl->quiet = true; break;
	case O_HELP: cl->command = MT_CMD_HELP; break;
	case O_VERSION: cl->command = MT_CMD_VERSION; break;
	case O_TYPE:
		if (strcmp(val, "image") && strcmp(val, "document") && strcmp(val, "video"))
			return usage_error(err, _("--type: '%s' is not one of image, document, video"), val);
		cl->type = val;
		break;
	case O_SEARCH: cl->search = val; break;
	case O_SORT:
		if (strcmp(val, "createdAt") && strcmp(val, "filename") && strcmp(val, "size"))
			return usage_error(err, _("--sort: '%s' is not one of createdAt, filename, size"), val);
		cl->sort = val;
		break;
	case O_ORDER:
		if (strcmp(val, "asc") && strcmp(val, "desc"))
			return usage_error(err, _("--order: '%s' is not asc or desc"), val);
		cl->order = val;
		break;
	case O_LIMIT:
		if (parse_long_value(val, 1, 100, &n) < 0)
			return usage_error(err, _("--limit: '%s' is not a number from 1 to 100"), val);
		cl->limit = n;
		break;
	case O_OFFSET:
		if (parse_long_value(val, 0, LONG_MAX, &n) < 0)
			return usage_error(err, _("--offset: '%s' is not a number of 0 or more"), val);
		cl->offset = n;
		break;
	case O_ALL: cl->all = true; break;
	case O_FOLDER: cl->folder = val; break;
	case O_ALT: cl->alt = val; break;
	case O_TITLE: cl->title = val; break;
	case O_DESCRIPTION: cl->description = val; break;
	case O_VIDEO_ID: cl->video_id = val; break;
	case O_DOCUMENT_ID: cl->document_id = val; break;
	case O_FOCAL:
		if (mt_parse_focal(val, &cl->focal_x, &cl->focal_y) < 0)
			return usage_error(err, _("--focal: '%s' is not X,Y with both from 0 to 100"), val);
		cl->has_focal = true;
		break;
	case O_DRY_RUN: cl->dry_run = true; break;
	case O_YES: cl->yes = true; break;
	case O_BACKUP: cl->backup_dir = val; break;
	case O_LARGE:
		if (mt_parse_size(val, &cl->large_bytes) < 0 || cl->large_bytes <= 0)
			return usage_error(err, _("--large: '%s' is not a size in bytes (suffixes K, M, G allowed)"), val);
		break;
	case O_FAIL_ON:
		if (mt_finding_kinds_parse(val, &cl->fail_on) < 0)
			return usage_error(err, _("--fail-on: '%s' is not a list of missing-alt, oversized, "
			                          "duplicate, mismatch, empty-folder, near-duplicate, "
			                          "download-failed, not-fetched"), val);
		break;
	case O_CONTENT: cl->content = true; break;
	case O_MAX_DOWNLOAD:
		if (mt_parse_size(val, &cl->max_download) < 0 || cl->max_download <= 0)
			return usage_error(err, _("--max-download: '%s' is not a size in bytes (suffixes K, M, G allowed)"),
			                   val);
		cl->content = true;
		break;
	case O_SIMILARITY: {
		char *end;
		errno = 0;
		long v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < 0 || v > 32)
			return usage_error(err, _("--similarity: '%s' is not a number of bits from 0 to 32"), val);
		cl->similarity = (int)v;
		cl->content = true;
		break;
	}
	case O_SIZE: {
		char *end;
		errno = 0;
		long c = strtol(val, &end, 10);
		long r = (!errno && end != val && (*end == 'x' || *end == 'X')) ? strtol(end + 1, &end, 10) : -1;
		if (errno || *end != '\0' || c < 4 || c > 1000 || r < 2 || r > 1000)
			return usage_error(err, _("--size: '%s' is not COLUMNSxROWS (4x2 to 1000x1000)"), val);
		cl->preview_cols = (int)c;
		cl->preview_rows = (int)r;
		break;
	}
	case O_COLORS:
		if (parse_long_value(val, 2, 256, &n) < 0 || (n != 2 && n != 8 && n != 16 && n != 256))
			return usage_error(err, _("--colors: '%s' is not one of 2, 8, 16, 256"), val);
		cl->preview_colors = (int)n;
		break;
	case O_ASCII: cl->preview_ascii = true; break;
	case O_CROPS: cl->preview_crops = true; break;
	case O_LOCAL: cl->preview_local = true; break;
	case O_PIXELS:
		if (mt_pixels_from_name(val, &cl->preview_pixels) < 0)
			return usage_error(err, _("--pixels: '%s' is not one of auto, sixel, kitty, off"), val);
		break;
	}
	return 0;
}

static const struct command_spec *
find_command(const char *name)
{
	for (const struct command_spec *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
mt_cmdline_parse(int argc, char **argv, struct mt_cmdline *cl, struct mt_error *err)
{
	memset(cl, 0, sizeof *cl);
	cl->similarity = -1;
	cl->args = xcalloc((size_t)argc + 1, sizeof *cl->args);
	const struct command_spec *cmd = NULL;
	bool options_done = false;
	bool help_or_version = false;

	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!options_done && strcmp(a, "--") == 0) {
			options_done = true;
			continue;
		}
		if (!options_done && a[0] == '-' && a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const struct opt_spec *o = find_long(global_opts, name, len);
			if (o == NULL && cmd)
				o = find_long(cmd->opts, name, len);
			if (o == NULL) {
				if (cmd == NULL) {
					/* maybe an option of a command that comes later */
					for (const struct command_spec *c = commands; c->name && !o; c++)
						if (find_long(c->opts, name, len))
							return usage_error(err, _("option '%s' must follow its command"), a);
				}
				return usage_error(err, _("unrecognized option '%s'"), a);
			}
			const char *val = NULL;
			if (o->takes_arg) {
				if (eq)
					val = eq + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else
					return usage_error(err, _("option '%s' requires an argument"), a);
			} else if (eq) {
				return usage_error(err, _("option '%s' does not take an argument"), a);
			}
			if (apply_option(cl, o, val, a, err) < 0)
				return -1;
			if (o->id == O_HELP || o->id == O_VERSION)
				help_or_version = true;
			continue;
		}
		if (!options_done && a[0] == '-' && a[1] != '\0') {
			/* a cluster of short options: -qj4, -j 4, -c FILE */
			for (const char *p = a + 1; *p; p++) {
				const struct opt_spec *o = find_short(global_opts, *p);
				if (o == NULL && cmd)
					o = find_short(cmd->opts, *p);
				if (o == NULL) {
					char opt[3] = { '-', *p, '\0' };
					return usage_error(err, _("invalid option '%s'"), opt);
				}
				const char *val = NULL;
				if (o->takes_arg) {
					if (p[1])
						val = p + 1;
					else if (i + 1 < argc)
						val = argv[++i];
					else {
						char opt[3] = { '-', *p, '\0' };
						return usage_error(err, _("option '%s' requires an argument"), opt);
					}
				}
				char opt[3] = { '-', *p, '\0' };
				if (apply_option(cl, o, val, opt, err) < 0)
					return -1;
				if (o->id == O_HELP || o->id == O_VERSION)
					help_or_version = true;
				if (o->takes_arg)
					break;
			}
			continue;
		}
		if (cmd == NULL && !help_or_version) {
			cmd = find_command(a);
			if (cmd == NULL)
				return usage_error(err, _("unknown command '%s'"), a);
			cl->command = cmd->cmd;
			continue;
		}
		cl->args[cl->nargs++] = a;
	}

	if (help_or_version)
		return 0;
	if (cmd == NULL) {
		if (cl->nargs > 0)
			return usage_error(err, _("unexpected argument '%s'"), cl->args[0]);
		cl->command = MT_CMD_TUI;
		return 0;
	}
	if (cl->nargs < cmd->min_args)
		return usage_error(err, _("'%s' needs more arguments"), cmd->name);
	if (cmd->max_args >= 0 && cl->nargs > cmd->max_args)
		return usage_error(err, _("unexpected argument '%s'"), cl->args[cmd->max_args]);
	if (cmd->cmd == MT_CMD_EDIT && !cl->alt && !cl->title && !cl->description &&
	    !cl->folder && !cl->has_focal)
		return mt_error_set(err, MT_ERR_USAGE,
		                    _("'edit' needs at least one of --alt, --title, --description, --folder, --focal"));
	if (cl->all && (cl->limit || cl->offset))
		return mt_error_set(err, MT_ERR_USAGE, _("--all cannot be combined with --limit or --offset"));
	return 0;
}

void
mt_cmdline_free(struct mt_cmdline *cl)
{
	free(cl->args);
	cl->args = NULL;
	cl->nargs = 0;
}
