/* dialect_direct.c — the direct upload API. */
#include "config.h"

#include "dialect.h"

const struct mt_dialect mt_dialect_direct = {
	.name = "direct",
	.caps = MT_CAP_UPLOAD,
	.upload = NULL,
};
