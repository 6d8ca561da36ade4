/* error.c — the error record every core function fills. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"

void
mt_error_clear(struct mt_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

int
mt_error_set(struct mt_error *err, enum mt_err_kind kind, const char *fmt, ...)
{
	if (err == NULL)
		return -1;
	mt_error_clear(err);
	err->kind = kind;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return -1;
}

void
mt_error_prefix(struct mt_error *err, const char *fmt, ...)
{
	if (err == NULL)
		return;
	char prefix[256];
	char old[sizeof err->message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->message, sizeof old);
	/* prefix, then as much of the old message as fits */
	size_t pl = strnlen(prefix, sizeof err->message - 1);
	size_t ol = strnlen(old, sizeof old);
	if (pl + ol > sizeof err->message - 1)
		ol = sizeof err->message - 1 - pl;
	memcpy(err->message, prefix, pl);
	memcpy(err->message + pl, old, ol);
	err->message[pl + ol] = '\0';
}

void
mt_error_format(const struct mt_error *err, char *out, size_t outlen)
{
	int n = snprintf(out, outlen, "%s", err->message[0] ? err->message : _("unknown error"));
	if (n < 0 || (size_t)n >= outlen)
		return;
	char extra[256] = "";
	size_t el = 0;
	if (err->code[0])
		el += (size_t)snprintf(extra + el, sizeof extra - el, "%s", err->code);
	if (err->http_status && el < sizeof extra)
		el += (size_t)snprintf(extra + el, sizeof extra - el, "%sHTTP %ld",
		                       el ? ", " : "", err->http_status);
	if (err->correlation_id[0] && el < sizeof extra)
		snprintf(extra + el, sizeof extra - el, "%s%s %s", el ? ", " : "",
		         _("correlation id"), err->correlation_id);
	if (extra[0])
		snprintf(out + n, outlen - (size_t)n, " (%s)", extra);
}

const char *
mt_error_kind_name(enum mt_err_kind kind)
{
	switch (kind) {
	case MT_ERR_NONE: return "none";
	case MT_ERR_USAGE: return "usage";
	case MT_ERR_CONFIG: return "config";
	case MT_ERR_IO: return "io";
	case MT_ERR_NET: return "network";
	case MT_ERR_HTTP: return "http";
	case MT_ERR_PROTOCOL: return "protocol";
	case MT_ERR_REJECTED: return "rejected";
	case MT_ERR_QUOTA: return "quota";
	case MT_ERR_AUTH: return "auth";
	case MT_ERR_CANCELLED: return "cancelled";
	case MT_ERR_UNSUPPORTED: return "unsupported";
	}
	return "unknown";
}
