/* session.c — opening a site as both faces do. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sanitize.h"
#include "session.h"

int
mt_session_open(struct mt_site *site, struct mt_config *config, const char *config_path,
                const char *profile_name, struct mt_error *err)
{
	memset(site, 0, sizeof *site);
	memset(config, 0, sizeof *config);
	if (mt_config_load_resolved(config_path, config, err) < 0)
		goto config_failed;
	const struct mt_profile *p = mt_config_profile(config, profile_name, err);
	if (p == NULL)
		goto config_failed;
	struct mt_loop *loop = mt_loop_new();
	if (loop == NULL) {
		mt_config_free(config);
		return mt_error_set(err, MT_ERR_NET, _("cannot set up the network library"));
	}
	if (mt_site_open(site, loop, p, err) < 0) {
		mt_loop_free(loop);
		mt_config_free(config);
		return -1;
	}
	return 0;

config_failed:
	/* whatever the reader said, a configuration that cannot be used is a
	 * configuration error (exit status 2) */
	if (err && err->kind != MT_ERR_USAGE)
		err->kind = MT_ERR_CONFIG;
	mt_config_free(config);
	return -1;
}

void
mt_session_close(struct mt_site *site, struct mt_config *config)
{
	struct mt_loop *loop = site->loop;
	if (site->http)
		mt_site_close(site);
	mt_loop_free(loop);
	mt_config_free(config);
}

int
mt_error_exit_status(const struct mt_error *err)
{
	return err->kind == MT_ERR_USAGE || err->kind == MT_ERR_CONFIG ? MT_EXIT_USAGE
	                                                               : MT_EXIT_SOME_FAILED;
}

void
mt_error_print(const struct mt_error *err)
{
	char line[1024];
	mt_error_format(err, line, sizeof line);
	char *clean = mt_sanitize(line);
	fprintf(stderr, "%s: %s\n", PACKAGE_NAME, clean);
	free(clean);
}
