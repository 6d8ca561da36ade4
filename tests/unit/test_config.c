/* test_config.c — the configuration parser and the key rules. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "conf.h"

static void
test_good_config(void **state)
{
	struct mt_config cfg;
	struct mt_error err;
	const char *text =
		"# comment\n"
		"default = b\n"
		"\n"
		"[profile a]\n"
		"api = clearcms   # trailing comment\n"
		"url = http://127.0.0.1:8700\n"
		"key_env = A_KEY\n"
		"plan = free\n"
		"large = 2.5M\n"
		"jobs = 8\n"
		"[profile b]\n"
		"api = adclear\n"
		"url = https://api.example.com\n"
		"external_user_id = \"user # 1\"\n"
		"plan = 2G\n"
		"checksum = sha256\n";
	assert_int_equal(mt_config_parse(text, "cfg", false, &cfg, &err), 0);
	assert_int_equal(cfg.nprofiles, 2);
	const struct mt_profile *p = mt_config_profile(&cfg, NULL, &err);
	assert_non_null(p);
	assert_string_equal(p->name, "b");
	assert_string_equal(p->external_user_id, "user # 1");
	assert_int_equal(p->plan_bytes, (int64_t)2 << 30);
	assert_int_equal(p->large_bytes, 0);   /* unset: the audit's default */
	assert_int_equal(p->checksum, MT_CHECKSUM_SHA256);
	p = mt_config_profile(&cfg, "a", &err);
	assert_string_equal(p->api, "clearcms");
	assert_string_equal(p->key_env, "A_KEY");
	assert_int_equal(p->plan_bytes, (int64_t)100 << 20);
	assert_int_equal(p->jobs, 8);
	assert_int_equal(p->large_bytes, (int64_t)5 << 19);
	assert_null(mt_config_profile(&cfg, "zzz", &err));
	assert_non_null(strstr(err.message, "zzz"));
	mt_config_free(&cfg);
}

/* Each bad text must fail and name the line. */
static void
expect_bad(const char *text, int line, const char *needle)
{
	struct mt_config cfg;
	struct mt_error err;
	mt_error_clear(&err);
	assert_int_equal(mt_config_parse(text, "f.conf", true, &cfg, &err), -1);
	assert_int_equal(err.kind, MT_ERR_CONFIG);
	char where[32];
	snprintf(where, sizeof where, "f.conf:%d:", line);
	if (strstr(err.message, where) == NULL || strstr(err.message, needle) == NULL)
		fail_msg("message '%s' lacks '%s' or '%s'", err.message, where, needle);
}

static void
test_bad_lines_name_file_and_line(void **state)
{
	expect_bad("[profile a]\napi = nope\nurl = http://x\n", 2, "unknown api");
	expect_bad("[profile a]\napi = flare\nurl = ftp://x\n", 3, "http");
	expect_bad("[profile a]\napi = flare\nurl = http://x\ncolour = red\n", 4, "colour");
	expect_bad("[profile a]\nurl = http://x\n", 1, "api");
	expect_bad("[profile a]\napi = flare\nurl = http://x\n[profile a]\n", 4, "twice");
	expect_bad("api = flare\n", 1, "outside a profile");
	expect_bad("[profil a]\n", 1, "[profile NAME]");
	expect_bad("[profile a]\napi = flare\nurl = http://x\nlarge = 0\n", 4, "large");
	expect_bad("[profile a]\napi = flare\nurl = http://x\nlarge = big\n", 4, "large");
	expect_bad("[profile a]\napi = flare\nurl = \"http://x\n", 3, "quote");
	expect_bad("default = b\n[profile a]\napi = flare\nurl = http://x\n", 1, "not defined");
	expect_bad("[profile a]\napi = flare\nurl = http://x\njobs = 0\n", 4, "jobs");
	expect_bad("[profile a]\napi = flare\nurl = http://x\nkey_env = K\nkey_file = /k\n", 1, "more than one");
	expect_bad("[profile a]\nnonsense\n", 2, "name = value");
}

static void
test_inline_key_needs_private_file(void **state)
{
	struct mt_config cfg;
	struct mt_error err;
	const char *text = "[profile a]\napi = flare\nurl = http://x\nkey = sekrit-123\n";
	assert_int_equal(mt_config_parse(text, "f", false, &cfg, &err), -1);
	assert_non_null(strstr(err.message, "chmod 600"));
	assert_null(strstr(err.message, "sekrit-123"));
	assert_int_equal(mt_config_parse(text, "f", true, &cfg, &err), 0);
	struct mt_secret *key = NULL;
	assert_int_equal(mt_profile_load_key(&cfg.profiles[0], &key, &err), 0);
	assert_string_equal(mt_secret_value(key), "sekrit-123");
	mt_secret_free(key);
	mt_config_free(&cfg);
}

static void
test_key_file_mode_and_env(void **state)
{
	char dir[] = "/tmp/mt-unit-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/key", dir);
	FILE *f = fopen(path, "w");
	fputs("file-secret-42\n", f);
	fclose(f);
	chmod(path, 0644);
	struct mt_profile p;
	memset(&p, 0, sizeof p);
	p.name = (char[]){ "t" };
	p.key_file = path;
	struct mt_secret *key = NULL;
	struct mt_error err;
	assert_int_equal(mt_profile_load_key(&p, &key, &err), -1);
	assert_non_null(strstr(err.message, "chmod 600"));
	assert_null(strstr(err.message, "file-secret-42"));
	chmod(path, 0600);
	assert_int_equal(mt_profile_load_key(&p, &key, &err), 0);
	assert_string_equal(mt_secret_value(key), "file-secret-42");
	mt_secret_free(key);
	unlink(path);
	rmdir(dir);

	p.key_file = NULL;
	p.key_env = (char[]){ "MT_UNIT_KEY" };
	unsetenv("MT_UNIT_KEY");
	assert_int_equal(mt_profile_load_key(&p, &key, &err), -1);
	assert_non_null(strstr(err.message, "MT_UNIT_KEY"));
	setenv("MT_UNIT_KEY", "env secret", 1);
	assert_int_equal(mt_profile_load_key(&p, &key, &err), -1);
	assert_null(strstr(err.message, "env secret"));
	setenv("MT_UNIT_KEY", "env-secret\n", 1);
	assert_int_equal(mt_profile_load_key(&p, &key, &err), 0);
	assert_string_equal(mt_secret_value(key), "env-secret");
	mt_secret_free(key);
	unsetenv("MT_UNIT_KEY");
}

static void
test_load_from_disk(void **state)
{
	struct mt_config cfg;
	struct mt_error err;
	assert_int_equal(mt_config_load("/nonexistent/mt.conf", false, &cfg, &err), 0);
	assert_int_equal(cfg.nprofiles, 0);
	assert_int_equal(mt_config_load("/nonexistent/mt.conf", true, &cfg, &err), -1);
	assert_int_equal(mt_config_load("/tmp", true, &cfg, &err), -1);
	assert_non_null(strstr(err.message, "not a regular file"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_config),
		cmocka_unit_test(test_bad_lines_name_file_and_line),
		cmocka_unit_test(test_inline_key_needs_private_file),
		cmocka_unit_test(test_key_file_mode_and_env),
		cmocka_unit_test(test_load_from_disk),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
