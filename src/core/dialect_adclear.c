/* dialect_adclear.c — the adclear upload API. */
#include "config.h"

#include "dialect.h"

const struct mt_dialect mt_dialect_adclear = {
	.name = "adclear",
	.caps = MT_CAP_UPLOAD,
	.upload = NULL,
};
