/* cmdline.h — the command line of mediatui, parsed into a plain struct.
 *
 * Global options may stand before or after the command
 * (`mediatui --json ls` and `mediatui ls --json` mean the same); `--` ends
 * option parsing so that a file named "-x" can be uploaded. */
#ifndef MT_CMDLINE_H
#define MT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "termquery.h"

enum mt_command {
	MT_CMD_TUI = 0,   /* no command: the full-screen interface */
	MT_CMD_LS,
	MT_CMD_INFO,
	MT_CMD_UPLOAD,
	MT_CMD_EDIT,
	MT_CMD_RM,
	MT_CMD_FOLDERS,
	MT_CMD_MKDIR,
	MT_CMD_RMDIR,
	MT_CMD_USAGE,
	MT_CMD_AUDIT,
	MT_CMD_DETECT,
	MT_CMD_PREVIEW,
	MT_CMD_HELP,
	MT_CMD_VERSION
};

struct mt_cmdline {
	enum mt_command command;

	/* global */
	const char *config_path;   /* -c FILE */
	const char *profile;       /* -p PROFILE */
	bool json;                 /* --json */
	int jobs;                  /* -j N; 0 = from the profile */
	bool progress;             /* --progress: one plain line per event */
	bool quiet;                /* -q */

	/* positional arguments after the command (not owned) */
	char **args;
	int nargs;

	/* ls */
	const char *type;          /* image|document|video */
	const char *search;
	const char *sort;          /* createdAt|filename|size */
	const char *order;         /* asc|desc */
	long limit;                /* 0 = server default */
	long offset;
	bool all;

	/* upload, edit */
	const char *folder;
	const char *alt;
	const char *title;
	const char *description;
	const char *video_id;
	const char *document_id;
	bool has_focal;
	double focal_x, focal_y;

	/* rm */
	bool dry_run;
	bool yes;
	const char *backup_dir;

	/* audit */
	int64_t large_bytes;       /* 0 = the default threshold */
	unsigned fail_on;          /* audit --fail-on: 1 << enum mt_finding_kind, 0 = none */
	bool content;              /* audit --content: fingerprints of the bytes */
	int64_t max_download;      /* audit --max-download; 0 = no budget */
	int similarity;            /* audit --similarity bits; -1 = the default */

	/* preview (also uses has_focal/focal_x/focal_y) */
	int preview_cols, preview_rows;  /* --size COLSxROWS; 0 = the terminal's */
	int preview_colors;        /* --colors 2|8|16|256; 0 = by the terminal */
	bool preview_ascii;        /* --ascii */
	bool preview_crops;        /* --crops */
	bool preview_local;        /* --local: the argument is a local file */
	enum mt_pixels preview_pixels;  /* --pixels; MT_PIXELS_OFF = cells */
};

/* Parses argv. On success returns 0 and fills *cl (which borrows argv's
 * strings). On a usage error returns -1 with err->kind == MT_ERR_USAGE and a
 * message naming the offending word. `args` is allocated; release it with
 * mt_cmdline_free. */
int mt_cmdline_parse(int argc, char **argv, struct mt_cmdline *cl, struct mt_error *err);
void mt_cmdline_free(struct mt_cmdline *cl);

/* The canonical name of a command ("ls"), or NULL for the TUI. */
const char *mt_command_name(enum mt_command cmd);

/* Parses "X,Y" with both in 0..100. Returns 0 or -1. */
int mt_parse_focal(const char *s, double *x, double *y);
/* Parses a byte count with an optional K/M/G/T suffix (powers of 1024, an
 * optional trailing "B" or "iB"), "2.5M" (or "2,5M") a fraction of the
 * unit, in whole bytes; blanks around the number and before the unit are
 * allowed. Returns 0 or -1. */
int mt_parse_size(const char *s, int64_t *out);
/* A size as mt_parse_size reads it back exactly: "5 MiB", "2.5 MiB",
 * "500 KiB", else the byte count ("1234567"). Untranslated: it is input. */
void mt_size_text(int64_t bytes, char *buf, size_t len);

#endif
