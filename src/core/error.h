/* error.h — the error record every core function fills.
 *
 * Core functions return 0 on success or -1 after filling a struct mt_error;
 * the caller decides whether it becomes a status line, a popup or a line on
 * stderr. The message never contains the API key. */
#ifndef MT_ERROR_H
#define MT_ERROR_H

#include <stddef.h>

enum mt_err_kind {
	MT_ERR_NONE = 0,
	MT_ERR_USAGE,      /* bad command line */
	MT_ERR_CONFIG,     /* bad or unsafe configuration */
	MT_ERR_IO,         /* local file system */
	MT_ERR_NET,        /* connection, DNS, TLS, timeout */
	MT_ERR_HTTP,       /* the server answered with an error status */
	MT_ERR_PROTOCOL,   /* the server answered something we cannot read */
	MT_ERR_REJECTED,   /* refused locally before sending (type, size) */
	MT_ERR_QUOTA,      /* plan storage or quota exhausted */
	MT_ERR_AUTH,       /* missing, invalid or insufficient key */
	MT_ERR_CANCELLED,  /* the user cancelled */
	MT_ERR_UNSUPPORTED /* the dialect cannot do this */
};

struct mt_error {
	enum mt_err_kind kind;
	long http_status;         /* 0 when no HTTP answer was involved */
	char message[512];        /* human readable, already translated */
	char code[64];            /* server's machine code, e.g. PLAN_LIMIT_REACHED */
	char correlation_id[80];  /* server's id for support requests */
};

/* Clears the record to "no error". */
void mt_error_clear(struct mt_error *err);
/* Sets kind and message (printf style); keeps nothing from before. Returns -1
 * so that callers can write `return mt_error_set(...)`. Safe with err == NULL. */
int mt_error_set(struct mt_error *err, enum mt_err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefixes the existing message with printf-formatted context ("file.png: "). */
void mt_error_prefix(struct mt_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* One line for people: message, then (code, HTTP status, correlation id) when known. */
void mt_error_format(const struct mt_error *err, char *out, size_t outlen);
/* A short stable name for the kind, for JSON output ("http", "quota", ...). */
const char *mt_error_kind_name(enum mt_err_kind kind);

#endif
