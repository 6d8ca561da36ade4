/* apierror.c — turn a failed HTTP answer into a readable error.
 *
 * The five services shape their errors differently: {error}, {error, code},
 * {message}, {detail: "text"}, FastAPI's {detail: [{loc, msg, type}]},
 * sometimes nested as {error: {message, code}}, plus a correlationId. All are
 * accepted; an answer that is not JSON is summarised by its status. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "i18n.h"
#include "sanitize.h"
#include "strbuf.h"

static const char *
str_field(json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Copies a server string into a fixed field, made safe for a terminal. */
static void
copy_clean(char *dst, size_t dstlen, const char *src)
{
	char *clean = mt_sanitize(src);
	snprintf(dst, dstlen, "%s", clean);
	free(clean);
}

/* FastAPI: "body.blob.byte_size: field required; ..." */
static void
describe_detail_list(json_t *detail, struct strbuf *sb)
{
	size_t i;
	json_t *item;
	json_array_foreach(detail, i, item) {
		if (i >= 5) {
			strbuf_puts(sb, "; ...");
			break;
		}
		if (i)
			strbuf_puts(sb, "; ");
		json_t *loc = json_object_get(item, "loc");
		if (json_is_array(loc)) {
			size_t j;
			json_t *part;
			json_array_foreach(loc, j, part) {
				if (j)
					strbuf_putc(sb, '.');
				if (json_is_string(part))
					strbuf_puts(sb, json_string_value(part));
				else if (json_is_integer(part))
					strbuf_printf(sb, "%lld", (long long)json_integer_value(part));
			}
			strbuf_puts(sb, ": ");
		}
		const char *msg = str_field(item, "msg");
		strbuf_puts(sb, msg ? msg : _("invalid"));
	}
}

/* Storage hosts (S3, R2, B2) answer in XML: <Error><Code>..</Code><Message>..</Message>.
 * Copies the text of <tag> into dst (entities decoded); false when absent. */
static bool
xml_field(const char *body, const char *tag, char *dst, size_t dstlen)
{
	char open[48], close[48];
	snprintf(open, sizeof open, "<%s>", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	const char *a = strstr(body, open);
	const char *b = a ? strstr(a, close) : NULL;
	if (a == NULL || b == NULL || dstlen == 0)
		return false;
	a += strlen(open);
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
	};
	size_t n = 0;
	while (a < b && n + 1 < dstlen) {
		char c = *a++;
		for (size_t i = 0; c == '&' && i < sizeof ents / sizeof ents[0]; i++) {
			size_t len = strlen(ents[i].ent);
			if (strncmp(a - 1, ents[i].ent, len) == 0) {
				c = ents[i].c;
				a += len - 1;
				break;
			}
		}
		dst[n++] = c;
	}
	dst[n] = '\0';
	return n > 0;
}

static bool
contains_nocase(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

static enum mt_err_kind
kind_for_status(long status, const char *code)
{
	/* PLAN_LIMIT_REACHED, QUOTA_EXCEEDED, S3's QuotaExceeded */
	if (code && (strcmp(code, "PLAN_LIMIT_REACHED") == 0 || contains_nocase(code, "quota")))
		return MT_ERR_QUOTA;
	if (status == 401 || status == 403)
		return MT_ERR_AUTH;
	return MT_ERR_HTTP;
}

void
mt_http_error_from_response(const struct mt_http_response *resp, const char *what,
                            struct mt_error *err)
{
	if (err == NULL)
		return;
	mt_error_clear(err);
	if (resp->cancelled) {
		mt_error_set(err, MT_ERR_CANCELLED, "%s: %s", what, _("cancelled"));
		return;
	}
	if (resp->status == 0) {
		char *clean = mt_sanitize(resp->error);
		mt_error_set(err, MT_ERR_NET, "%s: %s", what, clean);
		free(clean);
		return;
	}
	err->http_status = resp->status;
	json_t *root = NULL;
	if (resp->body_len)
		root = json_loadb(resp->body, resp->body_len, JSON_DISABLE_EOF_CHECK, NULL);
	struct strbuf msg = STRBUF_INIT;
	const char *code = NULL;
	char code_buf[64];
	if (json_is_object(root)) {
		json_t *e = json_object_get(root, "error");
		json_t *detail = json_object_get(root, "detail");
		if (json_is_string(e))
			strbuf_puts(&msg, json_string_value(e));
		else if (json_is_object(e)) {
			const char *m = str_field(e, "message");
			if (m)
				strbuf_puts(&msg, m);
			code = str_field(e, "code");
		}
		if (msg.len == 0 && str_field(root, "message"))
			strbuf_puts(&msg, str_field(root, "message"));
		if (msg.len == 0 && json_is_string(detail))
			strbuf_puts(&msg, json_string_value(detail));
		if (msg.len == 0 && json_is_array(detail))
			describe_detail_list(detail, &msg);
		if (code == NULL)
			code = str_field(root, "code");
		if (code == NULL)
			code = str_field(root, "error_code");
		const char *cid = str_field(root, "correlationId");
		if (cid == NULL)
			cid = str_field(root, "correlation_id");
		if (cid == NULL)
			cid = mt_http_header(resp, "x-correlation-id");
		if (cid)
			copy_clean(err->correlation_id, sizeof err->correlation_id, cid);
	} else {
		const char *cid = mt_http_header(resp, "x-correlation-id");
		if (cid)
			copy_clean(err->correlation_id, sizeof err->correlation_id, cid);
		char xcode[64], xmsg[300];
		if (resp->body_len && xml_field(resp->body, "Code", xcode, sizeof xcode)) {
			/* a storage host's reason beats a guess from the status; its
			 * code goes in err->code, which mt_error_format prints once */
			snprintf(code_buf, sizeof code_buf, "%s", xcode);
			code = code_buf;
			if (xml_field(resp->body, "Message", xmsg, sizeof xmsg))
				strbuf_puts(&msg, xmsg);
		}
	}
	if (msg.len == 0) {
		switch (resp->status) {
		case 400: strbuf_puts(&msg, _("the server refused the request as invalid")); break;
		case 401: strbuf_puts(&msg, _("missing or invalid API key")); break;
		case 403: strbuf_puts(&msg, _("the API key is not allowed to do this")); break;
		case 404: strbuf_puts(&msg, _("not found")); break;
		case 413: strbuf_puts(&msg, _("the file is too large for the server")); break;
		case 429: strbuf_puts(&msg, _("too many requests; try again later")); break;
		default:
			if (resp->status >= 500)
				strbuf_puts(&msg, _("the server failed"));
			else
				strbuf_printf(&msg, _("unexpected answer %ld"), resp->status);
		}
	}
	if (code)
		copy_clean(err->code, sizeof err->code, code);
	/* from the code as kept (cleaned, cut to size): the kind and the code a
	 * script sees must agree */
	err->kind = kind_for_status(resp->status, code ? err->code : NULL);
	char *clean = mt_sanitize(strbuf_str(&msg));
	snprintf(err->message, sizeof err->message, "%s: %s", what, clean);
	free(clean);
	strbuf_free(&msg);
	json_decref(root);
}
