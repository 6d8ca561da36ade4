/* conf.h — profiles from the INI-style configuration file, and the key.
 *
 *   default = demo
 *   pixels = auto
 *   [profile demo]
 *   api = clearcms
 *   url = http://127.0.0.1:8700
 *   key_env = DEMO_KEY
 *
 * A '#' or ';' at the start of a line, or after white space, starts a
 * comment; a value in double quotes keeps them. Every problem is reported as
 * "FILE:LINE: what is wrong". The key itself is only read on demand by
 * mt_profile_load_key and never appears in an error message. */
#ifndef MT_CONF_H
#define MT_CONF_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "termquery.h"
#include "secret.h"

enum mt_checksum_kind { MT_CHECKSUM_MD5 = 0, MT_CHECKSUM_SHA256 };

struct mt_profile {
	char *name;
	int line;                   /* where [profile NAME] stands */
	char *api;                  /* dialect name: clearcms, clarife, flare, adclear, direct */
	char *url;                  /* site or API root */
	char *key_env;
	char *key_file;
	struct mt_secret *key;      /* inline `key = ...`; only in a private file */
	char *plan_name;            /* free, pro, business, or NULL */
	int64_t plan_bytes;         /* 0 = unknown */
	int64_t large_bytes;        /* `large =`: the audit's "oversized" above; 0 = unset */
	int jobs;                   /* 0 = default */
	char *folder;               /* default remote folder for uploads */
	char *document_id;          /* clarife */
	char *video_id;             /* flare */
	char *workspace_id;         /* adclear */
	char *external_user_id;     /* adclear */
	char *external_user_email;  /* adclear */
	enum mt_checksum_kind checksum;  /* direct */
	char *ca_file;              /* extra CA bundle for a private TLS server */
	long connect_timeout;       /* seconds, 0 = default */
	long stall_timeout;         /* seconds without progress before a transfer is retried */
};

struct mt_config {
	char *path;                 /* the file read, or NULL when none exists */
	char *default_profile;
	enum mt_pixels pixels;      /* `pixels =`: pictures in pixels allowed; off by default */
	struct mt_profile *profiles;
	int nprofiles;
};

/* The path used when neither -c nor $MEDIATUI_CONFIG is given:
 * $XDG_CONFIG_HOME/mediatui/config, else ~/.config/mediatui/config. */
char *mt_config_default_path(void);

/* Loads `path`. When `must_exist` is false a missing file gives an empty
 * configuration. Returns 0, or -1 with err (kind MT_ERR_CONFIG) naming the
 * file and line. */
int mt_config_load(const char *path, bool must_exist, struct mt_config *cfg, struct mt_error *err);

/* Loads the configuration the command line asks for: `path` (from -c) when
 * given, else $MEDIATUI_CONFIG, else the default path, which may be missing
 * (an empty configuration). cfg->path is set in every case, for messages. */
int mt_config_load_resolved(const char *path, struct mt_config *cfg, struct mt_error *err);

/* Parses text already in memory. `name` labels messages; `file_private` says
 * whether the file's mode forbids group and other access (inline keys are
 * refused otherwise). */
int mt_config_parse(const char *text, const char *name, bool file_private,
                    struct mt_config *cfg, struct mt_error *err);

/* Finds the profile called `name`, or the default one when name is NULL
 * (the `default =` line, else the only profile). Returns NULL with err set. */
const struct mt_profile *mt_config_profile(const struct mt_config *cfg, const char *name,
                                           struct mt_error *err);

void mt_config_free(struct mt_config *cfg);

/* Reads the profile's key: from key_env, key_file (refused unless mode 0600
 * or stricter) or the inline key. Returns 0 with *key set (NULL when the
 * profile names no key at all), or -1 with err. */
int mt_profile_load_key(const struct mt_profile *p, struct mt_secret **key, struct mt_error *err);

/* Bytes of the named plan (free 100 MiB, pro 10 GiB, business 100 GiB). */
int64_t mt_plan_bytes(const char *plan_name);

/* True when the dialect name is one mediatui speaks. */
bool mt_dialect_name_known(const char *name);

#endif
