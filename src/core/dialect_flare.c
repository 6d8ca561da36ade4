/* dialect_flare.c — the flare upload API. */
#include "config.h"

#include "dialect.h"

const struct mt_dialect mt_dialect_flare = {
	.name = "flare",
	.caps = MT_CAP_UPLOAD,
	.upload = NULL,
};
