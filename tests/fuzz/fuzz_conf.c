/* fuzz_conf.c — the INI configuration parser (conf.c), from memory.
 * fuzz-dict: conf
 *
 * The first byte says whether the file counts as private (inline keys are
 * allowed); the rest is the file. An accepted configuration must be
 * complete and consistent; a refused one names the file and a line that
 * exists, and neither ever repeats an inline key. */
#include "config.h"

#include <ctype.h>

#include "conf.h"
#include "fuzz.h"

static int
count_lines(const char *s)
{
	int n = 1;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void
check_profile(const struct mt_profile *p)
{
	FUZZ_CHECK(p->name && p->name[0]);
	FUZZ_CHECK(p->api && mt_dialect_name_known(p->api));
	FUZZ_CHECK(p->url && (strncmp(p->url, "http://", 7) == 0 || strncmp(p->url, "https://", 8) == 0));
	FUZZ_CHECK((p->key_env != NULL) + (p->key_file != NULL) + (p->key != NULL) <= 1);
	FUZZ_CHECK(p->jobs >= 0 && p->jobs <= 64);
	FUZZ_CHECK(p->connect_timeout >= 0 && p->connect_timeout <= 3600);
	FUZZ_CHECK(p->stall_timeout >= 0 && p->stall_timeout <= 3600);
	FUZZ_CHECK(p->plan_name == NULL || p->plan_bytes > 0);
	FUZZ_CHECK(p->folder == NULL || p->folder[0] == '/');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool private = fuzz_take_byte(&data, &size) & 1;
	char *text = fuzz_cstr(data, size);
	struct mt_config cfg;
	struct mt_error err;
	memset(&err, 0, sizeof err);
	if (mt_config_parse(text, "fuzz.conf", private, &cfg, &err) == 0) {
		FUZZ_CHECK(cfg.nprofiles >= 0);
		bool default_found = cfg.default_profile == NULL;
		for (int i = 0; i < cfg.nprofiles; i++) {
			check_profile(&cfg.profiles[i]);
			FUZZ_CHECK(private || cfg.profiles[i].key == NULL);
			for (int j = 0; j < i; j++)
				FUZZ_CHECK(strcmp(cfg.profiles[i].name, cfg.profiles[j].name) != 0);
			if (cfg.default_profile && strcmp(cfg.default_profile, cfg.profiles[i].name) == 0)
				default_found = true;
		}
		FUZZ_CHECK(default_found);
		struct mt_error perr;
		const struct mt_profile *p = mt_config_profile(&cfg, NULL, &perr);
		FUZZ_CHECK(p != NULL || cfg.nprofiles != 1 || cfg.default_profile);
		if (cfg.nprofiles > 0)
			FUZZ_CHECK(mt_config_profile(&cfg, cfg.profiles[cfg.nprofiles - 1].name, &perr) ==
			           &cfg.profiles[cfg.nprofiles - 1]);
		mt_config_free(&cfg);
	} else {
		FUZZ_CHECK(err.kind == MT_ERR_CONFIG);
		FUZZ_CHECK(strncmp(err.message, "fuzz.conf:", 10) == 0);
		int line = atoi(err.message + 10);
		FUZZ_CHECK(line >= 1 && line <= count_lines(text));
		FUZZ_CHECK(cfg.nprofiles == 0 && cfg.profiles == NULL);
	}
	free(text);
	return 0;
}
