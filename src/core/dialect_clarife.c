/* dialect_clarife.c — the clarife upload API. */
#include "config.h"

#include "dialect.h"

const struct mt_dialect mt_dialect_clarife = {
	.name = "clarife",
	.caps = MT_CAP_UPLOAD,
	.upload = NULL,
};
