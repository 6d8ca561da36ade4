/* conf.c — profiles from the INI-style configuration file, and the key. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "conf.h"
#include "i18n.h"
#include "strbuf.h"
#include "xalloc.h"

/* A config or key file larger than this is certainly not one. */
#define MAX_CONFIG_BYTES (1024 * 1024)
#define MAX_KEY_BYTES 8192

static const char *const dialect_names[] = {
	"clearcms", "clarife", "flare", "adclear", "direct", NULL
};

bool
mt_dialect_name_known(const char *name)
{
	for (int i = 0; dialect_names[i]; i++)
		if (strcmp(dialect_names[i], name) == 0)
			return true;
	return false;
}

int64_t
mt_plan_bytes(const char *plan)
{
	/* The seeds give sizes in MB/GB; read as binary units, the server has the last word. */
	if (strcmp(plan, "free") == 0)
		return (int64_t)100 << 20;
	if (strcmp(plan, "pro") == 0)
		return (int64_t)10 << 30;
	if (strcmp(plan, "business") == 0)
		return (int64_t)100 << 30;
	return 0;
}

char *
mt_config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/mediatui/config", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/mediatui/config", home && *home ? home : ".");
}

static void
profile_free(struct mt_profile *p)
{
	free(p->name);
	free(p->api);
	free(p->url);
	free(p->key_env);
	free(p->key_file);
	mt_secret_free(p->key);
	free(p->plan_name);
	free(p->folder);
	free(p->document_id);
	free(p->video_id);
	free(p->workspace_id);
	free(p->external_user_id);
	free(p->external_user_email);
	free(p->ca_file);
}

void
mt_config_free(struct mt_config *cfg)
{
	for (int i = 0; i < cfg->nprofiles; i++)
		profile_free(&cfg->profiles[i]);
	free(cfg->profiles);
	free(cfg->path);
	free(cfg->default_profile);
	memset(cfg, 0, sizeof *cfg);
}

static char *
trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Cuts a trailing comment and unquotes. Returns NULL on an unterminated quote. */
static char *
clean_value(char *v)
{
	v = trim(v);
	if (*v == '"') {
		char *end = strchr(v + 1, '"');
		if (end == NULL)
			return NULL;
		char *rest = trim(end + 1);
		if (*rest && *rest != '#' && *rest != ';')
			return NULL;
		*end = '\0';
		return v + 1;
	}
	for (char *p = v; *p; p++) {
		if ((*p == '#' || *p == ';') && (p == v || isspace((unsigned char)p[-1]))) {
			*p = '\0';
			break;
		}
	}
	return trim(v);
}

static bool
valid_profile_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	return true;
}

static int
conf_error(struct mt_error *err, const char *name, int line, const char *what)
{
	return mt_error_set(err, MT_ERR_CONFIG, "%s:%d: %s", name, line, what);
}

/* Sets one `key = value` inside a profile. Returns 0 or -1 (err set). */
static int
profile_set(struct mt_profile *p, const char *k, const char *v, bool file_private,
            const char *name, int line, struct mt_error *err)
{
	char msg[300];
	char **slot = NULL;
	if (strcmp(k, "api") == 0) {
		if (!mt_dialect_name_known(v)) {
			snprintf(msg, sizeof msg,
			         _("unknown api '%.60s' (expected clearcms, clarife, flare, adclear or direct)"), v);
			return conf_error(err, name, line, msg);
		}
		slot = &p->api;
	} else if (strcmp(k, "url") == 0) {
		if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8))
			return conf_error(err, name, line, _("url must start with http:// or https://"));
		slot = &p->url;
	} else if (strcmp(k, "key_env") == 0) {
		slot = &p->key_env;
	} else if (strcmp(k, "key_file") == 0) {
		slot = &p->key_file;
	} else if (strcmp(k, "key") == 0) {
		if (!file_private) {
			snprintf(msg, sizeof msg,
			         _("an inline key is only allowed in a file no one else can read: "
			           "run chmod 600 %.120s, or use key_env or key_file"), name);
			return conf_error(err, name, line, msg);
		}
		if (*v == '\0')
			return conf_error(err, name, line, _("key is empty"));
		mt_secret_free(p->key);
		p->key = mt_secret_new(v, strlen(v));
		return 0;
	} else if (strcmp(k, "plan") == 0) {
		int64_t bytes = mt_plan_bytes(v);
		if (bytes == 0 && (mt_parse_size(v, &bytes) < 0 || bytes <= 0))
			return conf_error(err, name, line,
			                  _("plan must be free, pro, business or a byte count"));
		p->plan_bytes = bytes;
		slot = &p->plan_name;
	} else if (strcmp(k, "large") == 0) {
		int64_t bytes;
		if (mt_parse_size(v, &bytes) < 0 || bytes <= 0)
			return conf_error(err, name, line,
			                  _("large must be a size above 0, such as 2M, 500K or a byte count"));
		p->large_bytes = bytes;
		return 0;
	} else if (strcmp(k, "jobs") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 1 || n > 64)
			return conf_error(err, name, line, _("jobs must be a number from 1 to 64"));
		p->jobs = (int)n;
		return 0;
	} else if (strcmp(k, "connect_timeout") == 0 || strcmp(k, "stall_timeout") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 1 || n > 3600) {
			snprintf(msg, sizeof msg, _("%s must be a number of seconds from 1 to 3600"), k);
			return conf_error(err, name, line, msg);
		}
		if (k[0] == 'c')
			p->connect_timeout = n;
		else
			p->stall_timeout = n;
		return 0;
	} else if (strcmp(k, "checksum") == 0) {
		if (strcmp(v, "md5") == 0)
			p->checksum = MT_CHECKSUM_MD5;
		else if (strcmp(v, "sha256") == 0)
			p->checksum = MT_CHECKSUM_SHA256;
		else
			return conf_error(err, name, line, _("checksum must be md5 or sha256"));
		return 0;
	} else if (strcmp(k, "folder") == 0) {
		if (v[0] != '/')
			return conf_error(err, name, line, _("folder must be a path starting with /"));
		slot = &p->folder;
	} else if (strcmp(k, "document_id") == 0) {
		slot = &p->document_id;
	} else if (strcmp(k, "video_id") == 0) {
		slot = &p->video_id;
	} else if (strcmp(k, "workspace_id") == 0) {
		slot = &p->workspace_id;
	} else if (strcmp(k, "external_user_id") == 0) {
		slot = &p->external_user_id;
	} else if (strcmp(k, "external_user_email") == 0) {
		slot = &p->external_user_email;
	} else if (strcmp(k, "ca_file") == 0) {
		slot = &p->ca_file;
	} else {
		snprintf(msg, sizeof msg, _("unknown setting '%.60s'"), k);
		return conf_error(err, name, line, msg);
	}
	free(*slot);
	if ((slot == &p->key_file || slot == &p->ca_file) && strncmp(v, "~/", 2) == 0 && getenv("HOME"))
		*slot = xasprintf("%s/%s", getenv("HOME"), v + 2);
	else
		*slot = xstrdup(v);
	return 0;
}

static int
check_profile_complete(const struct mt_profile *p, const char *name, struct mt_error *err)
{
	char msg[300];
	if (p->api == NULL) {
		snprintf(msg, sizeof msg, _("profile '%.60s' has no api = line"), p->name);
		return conf_error(err, name, p->line, msg);
	}
	if (p->url == NULL) {
		snprintf(msg, sizeof msg, _("profile '%.60s' has no url = line"), p->name);
		return conf_error(err, name, p->line, msg);
	}
	int sources = (p->key_env != NULL) + (p->key_file != NULL) + (p->key != NULL);
	if (sources > 1) {
		snprintf(msg, sizeof msg, _("profile '%.60s' names more than one of key_env, key_file, key"),
		         p->name);
		return conf_error(err, name, p->line, msg);
	}
	return 0;
}

int
mt_config_parse(const char *text, const char *name, bool file_private,
                struct mt_config *cfg, struct mt_error *err)
{
	memset(cfg, 0, sizeof *cfg);
	char *copy = xstrdup(text);
	char *save = NULL;
	struct mt_profile *cur = NULL;
	int line = 0;
	int rc = 0;
	int default_line = 0;
	char msg[300];

	/* strtok_r would merge empty lines and break the numbering; walk by hand. */
	for (char *s = copy; s && rc == 0; ) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		line++;
		char *l = trim(s);
		s = nl ? nl + 1 : NULL;
		if (*l == '\0' || *l == '#' || *l == ';')
			continue;
		if (*l == '[') {
			char *end = strchr(l, ']');
			if (end == NULL || *trim(end + 1) != '\0') {
				rc = conf_error(err, name, line, _("a section header must look like [profile NAME]"));
				break;
			}
			*end = '\0';
			char *inner = trim(l + 1);
			if (strncmp(inner, "profile", 7) != 0 || !isspace((unsigned char)inner[7])) {
				rc = conf_error(err, name, line, _("a section header must look like [profile NAME]"));
				break;
			}
			char *pname = trim(inner + 7);
			if (!valid_profile_name(pname)) {
				rc = conf_error(err, name, line,
				                _("a profile name may hold letters, digits, '-', '_' and '.'"));
				break;
			}
			for (int i = 0; i < cfg->nprofiles; i++) {
				if (strcmp(cfg->profiles[i].name, pname) == 0) {
					snprintf(msg, sizeof msg, _("profile '%.60s' is defined twice (first on line %d)"),
					         pname, cfg->profiles[i].line);
					rc = conf_error(err, name, line, msg);
					break;
				}
			}
			if (rc)
				break;
			if (cur && check_profile_complete(cur, name, err) < 0) {
				rc = -1;
				break;
			}
			cfg->profiles = xreallocarray(cfg->profiles, (size_t)cfg->nprofiles + 1,
			                              sizeof *cfg->profiles);
			cur = &cfg->profiles[cfg->nprofiles++];
			memset(cur, 0, sizeof *cur);
			cur->name = xstrdup(pname);
			cur->line = line;
			continue;
		}
		char *eq = strchr(l, '=');
		if (eq == NULL) {
			rc = conf_error(err, name, line, _("expected 'name = value'"));
			break;
		}
		*eq = '\0';
		char *k = trim(l);
		char *v = clean_value(eq + 1);
		if (v == NULL) {
			rc = conf_error(err, name, line, _("unterminated quote"));
			break;
		}
		if (*k == '\0') {
			rc = conf_error(err, name, line, _("expected 'name = value'"));
			break;
		}
		if (cur == NULL) {
			if (strcmp(k, "default") == 0) {
				if (!valid_profile_name(v)) {
					rc = conf_error(err, name, line, _("default must name a profile"));
					break;
				}
				free(cfg->default_profile);
				cfg->default_profile = xstrdup(v);
				default_line = line;
			} else if (strcmp(k, "pixels") == 0) {
				if (mt_pixels_from_name(v, &cfg->pixels) < 0) {
					rc = conf_error(err, name, line,
					                _("pixels must be one of off, auto, sixel, kitty"));
					break;
				}
			} else {
				snprintf(msg, sizeof msg,
				         _("'%.60s' outside a profile (only 'default' and 'pixels' may stand there)"), k);
				rc = conf_error(err, name, line, msg);
			}
			continue;
		}
		if (profile_set(cur, k, v, file_private, name, line, err) < 0)
			rc = -1;
	}
	if (rc == 0 && cur)
		rc = check_profile_complete(cur, name, err);
	if (rc == 0 && cfg->default_profile) {
		bool found = false;
		for (int i = 0; i < cfg->nprofiles; i++)
			found |= strcmp(cfg->profiles[i].name, cfg->default_profile) == 0;
		if (!found) {
			snprintf(msg, sizeof msg, _("default names profile '%.60s', which is not defined"),
			         cfg->default_profile);
			rc = conf_error(err, name, default_line, msg);
		}
	}
	explicit_bzero(copy, strlen(text));   /* the text may hold an inline key */
	free(copy);
	if (rc)
		mt_config_free(cfg);
	(void)save;
	return rc;
}

/* Reads a whole small file through an open descriptor. */
static char *
read_fd_text(int fd, size_t limit, size_t *len_out)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			explicit_bzero(buf, sizeof buf);
			if (sb.buf)
				explicit_bzero(sb.buf, sb.len);
			strbuf_free(&sb);
			return NULL;
		}
		if (n == 0)
			break;
		if (sb.len + (size_t)n > limit) {
			errno = EFBIG;
			explicit_bzero(buf, sizeof buf);
			if (sb.buf)
				explicit_bzero(sb.buf, sb.len);
			strbuf_free(&sb);
			return NULL;
		}
		strbuf_append(&sb, buf, (size_t)n);
	}
	explicit_bzero(buf, sizeof buf);
	if (len_out)
		*len_out = sb.len;
	return strbuf_detach(&sb);
}

int
mt_config_load(const char *path, bool must_exist, struct mt_config *cfg, struct mt_error *err)
{
	memset(cfg, 0, sizeof *cfg);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT && !must_exist)
			return 0;
		return mt_error_set(err, MT_ERR_CONFIG, _("cannot open config %s: %s"), path, strerror(errno));
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return mt_error_set(err, MT_ERR_CONFIG, _("config %s is not a regular file"), path);
	}
	size_t len = 0;
	char *text = read_fd_text(fd, MAX_CONFIG_BYTES, &len);
	int saved = errno;
	close(fd);
	if (text == NULL)
		return mt_error_set(err, MT_ERR_CONFIG, _("cannot read config %s: %s"), path,
		                    strerror(saved));
	if (memchr(text, '\0', len)) {
		free(text);
		return mt_error_set(err, MT_ERR_CONFIG, _("config %s is not a text file"), path);
	}
	bool file_private = (st.st_mode & 077) == 0;
	int rc = mt_config_parse(text, path, file_private, cfg, err);
	explicit_bzero(text, len);
	free(text);
	if (rc == 0)
		cfg->path = xstrdup(path);
	return rc;
}

int
mt_config_load_resolved(const char *path, struct mt_config *cfg, struct mt_error *err)
{
	bool must_exist = path != NULL;
	char *owned = NULL;
	const char *env = getenv("MEDIATUI_CONFIG");
	if (path == NULL && env && *env) {
		path = env;
		must_exist = true;
	}
	if (path == NULL)
		path = owned = mt_config_default_path();
	int rc = mt_config_load(path, must_exist, cfg, err);
	if (rc == 0 && cfg->path == NULL)
		cfg->path = xstrdup(path);
	free(owned);
	return rc;
}

const struct mt_profile *
mt_config_profile(const struct mt_config *cfg, const char *name, struct mt_error *err)
{
	if (name == NULL)
		name = cfg->default_profile;
	if (name == NULL) {
		if (cfg->nprofiles == 1)
			return &cfg->profiles[0];
		if (cfg->nprofiles == 0) {
			mt_error_set(err, MT_ERR_CONFIG,
			             _("no profile is configured: create %s (see mediatui.conf(5)) or pass -c FILE"),
			             cfg->path ? cfg->path : _("the config file"));
			return NULL;
		}
		mt_error_set(err, MT_ERR_CONFIG,
		             _("%s defines several profiles and no default: choose one with -p PROFILE"),
		             cfg->path ? cfg->path : _("the config file"));
		return NULL;
	}
	for (int i = 0; i < cfg->nprofiles; i++)
		if (strcmp(cfg->profiles[i].name, name) == 0)
			return &cfg->profiles[i];
	mt_error_set(err, MT_ERR_CONFIG, _("no profile named '%s' in %s"), name,
	             cfg->path ? cfg->path : _("the config file"));
	return NULL;
}

/* Strips one trailing newline (and CR) from a key read from a file. */
static size_t
key_length(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	if (nl)
		n = (size_t)(nl - s);
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static bool
key_is_printable(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] == 0x7f)
			return false;
	return true;
}

int
mt_profile_load_key(const struct mt_profile *p, struct mt_secret **key, struct mt_error *err)
{
	*key = NULL;
	if (p->key) {
		*key = mt_secret_dup(p->key);
		return 0;
	}
	if (p->key_env) {
		const char *v = getenv(p->key_env);
		if (v == NULL || *v == '\0')
			return mt_error_set(err, MT_ERR_CONFIG,
			                    _("profile '%s': environment variable %s (key_env) is not set"),
			                    p->name, p->key_env);
		size_t n = key_length(v, strlen(v));
		if (n == 0 || !key_is_printable(v, n))
			return mt_error_set(err, MT_ERR_CONFIG,
			                    _("profile '%s': %s holds spaces or control characters, not a key"),
			                    p->name, p->key_env);
		*key = mt_secret_new(v, n);
		return 0;
	}
	if (p->key_file) {
		int fd = open(p->key_file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return mt_error_set(err, MT_ERR_CONFIG, _("profile '%s': cannot open key_file %s: %s"),
			                    p->name, p->key_file, strerror(errno));
		struct stat st;
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			return mt_error_set(err, MT_ERR_CONFIG, _("profile '%s': key_file %s is not a regular file"),
			                    p->name, p->key_file);
		}
		if (st.st_mode & 077) {
			close(fd);
			return mt_error_set(err, MT_ERR_CONFIG,
			                    _("profile '%s': key_file %s can be read by others (mode %04o); "
			                      "run: chmod 600 %s"),
			                    p->name, p->key_file, (unsigned)(st.st_mode & 07777), p->key_file);
		}
		size_t len = 0;
		char *text = read_fd_text(fd, MAX_KEY_BYTES, &len);
		close(fd);
		if (text == NULL)
			return mt_error_set(err, MT_ERR_CONFIG, _("profile '%s': cannot read key_file %s"),
			                    p->name, p->key_file);
		size_t n = key_length(text, len);
		int rc = 0;
		if (n == 0 || !key_is_printable(text, n))
			rc = mt_error_set(err, MT_ERR_CONFIG,
			                  _("profile '%s': key_file %s does not hold a key on its first line"),
			                  p->name, p->key_file);
		else
			*key = mt_secret_new(text, n);
		explicit_bzero(text, len);
		free(text);
		return rc;
	}
	return 0;
}
