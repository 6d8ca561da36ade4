/* jsonx.c — lenient readers for JSON from servers. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonx.h"
#include "xalloc.h"

const char *
jx_str(const json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

char *
jx_strdup(const json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);
	if (json_is_string(v))
		return xstrndup(json_string_value(v), json_string_length(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	return NULL;
}

static bool
parse_int_string(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end != '\0')
		return false;
	*out = v;
	return true;
}

bool
jx_int64(const json_t *obj, const char *name, int64_t *out)
{
	json_t *v = json_object_get(obj, name);
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return true;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);
		if (!isfinite(d) || d != floor(d) || d > 9.0e18 || d < -9.0e18)
			return false;
		*out = (int64_t)d;
		return true;
	}
	if (json_is_string(v))
		return parse_int_string(json_string_value(v), out);
	return false;
}

bool
jx_double(const json_t *obj, const char *name, double *out)
{
	json_t *v = json_object_get(obj, name);
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return isfinite(*out);
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		errno = 0;
		double d = strtod(s, &end);
		if (errno || end == s || *end != '\0' || !isfinite(d))
			return false;
		*out = d;
		return true;
	}
	return false;
}

const json_t *
jx_unwrap_data(const json_t *root)
{
	json_t *d = json_object_get(root, "data");
	if (json_is_object(d) && json_object_size(root) <= 3)
		return d;
	return root;
}

json_t *
jx_parse(const char *body, size_t len)
{
	if (body == NULL || len == 0)
		return NULL;
	/* jansson limits nesting depth itself (2048), so deep input cannot overflow the stack */
	return json_loadb(body, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
}
