/* textwidth.c — measure and cut text by display width, not bytes. */
#include "config.h"

#include <langinfo.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "l10n.h"
#include "textwidth.h"

static bool
locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Width of the character starting at s; sets *len to its byte length. */
static int
char_width(const char *s, size_t n, size_t *len)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t r = mbrtowc(&wc, s, n, &st);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
		*len = 1;
		return 1;
	}
	*len = r;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int
mt_text_width(const char *s)
{
	int w = 0;
	size_t n = strlen(s);
	while (n) {
		size_t len;
		w += char_width(s, n, &len);
		s += len;
		n -= len;
	}
	return w;
}

int
mt_text_fit(const char *s, int width, int pad, char *out, size_t outlen)
{
	if (outlen == 0)
		return 0;
	const char *ellipsis = locale_is_utf8() ? "\xe2\x80\xa6" : "~";
	size_t elen = strlen(ellipsis);
	size_t n = strlen(s);
	int total = mt_text_width(s);
	size_t o = 0;
	int used = 0;
	if (total <= width && n < outlen) {
		memcpy(out, s, n);
		o = n;
		used = total;
	} else if (width > 0 && elen < outlen) {
		/* cut by cells or by bytes: whole characters, then the ellipsis */
		while (n) {
			size_t len;
			int cw = char_width(s, n, &len);
			if (used + cw > width - 1 || o + len + elen >= outlen)
				break;
			memcpy(out + o, s, len);
			o += len;
			used += cw;
			s += len;
			n -= len;
		}
		memcpy(out + o, ellipsis, elen);
		o += elen;
		used += 1;
	}
	while (pad && used < width && o + 1 < outlen) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return used;
}

/* A name's extension: from its last dot, when the dot does not start the
 * name and one or more characters without a space follow it; else NULL. */
static const char *
name_extension(const char *s)
{
	const char *dot = strrchr(s, '.');
	if (dot == NULL || dot == s || dot[1] == '\0' || strchr(dot, ' '))
		return NULL;
	return dot;
}

/* cells before the extension kept at least ("-2", "(1)" and a space) */
#define NAME_KEEP_BEFORE 4

int
mt_text_fit_name(const char *s, int width, int pad, char *out, size_t outlen)
{
	bool utf8 = locale_is_utf8();
	const char *ellipsis = utf8 ? "\xe2\x80\xa6" : "...";
	int ew = utf8 ? 1 : 3;
	size_t elen = strlen(ellipsis), n = strlen(s);
	int total = mt_text_width(s);
	int avail = width - ew;   /* cells for the start and the end */
	if (total <= width || avail < 2 || n + elen + (size_t)width >= outlen)
		return mt_text_fit(s, width, pad, out, outlen);
	const char *ext = name_extension(s);
	int ext_w = ext ? mt_text_width(ext) : 0;
	int tail_w;
	if (ext && ext_w <= avail / 2) {
		/* the extension, a few cells before it, and the start keeps a third */
		int before = avail / 4 > NAME_KEEP_BEFORE ? avail / 4 : NAME_KEEP_BEFORE;
		int head_least = avail / 3 > 1 ? avail / 3 : 1;
		tail_w = ext_w + before;
		if (tail_w > avail - head_least)
			tail_w = avail - head_least;
	} else {
		tail_w = avail / 3;
	}
	/* the end: the longest run of whole characters up to the name's end in
	 * tail_w cells, not starting with a combining mark */
	size_t tail = n, o = 0;
	int tail_used = 0, before_w = 0;
	while (o < n) {
		size_t len;
		int cw = char_width(s + o, n - o, &len);
		if (cw > 0 && total - before_w <= tail_w) {
			tail = o;
			tail_used = total - before_w;
			break;
		}
		before_w += cw;
		o += len;
	}
	/* the start: whole characters in the cells the end left */
	int head_w = avail - tail_used, used = 0;
	o = 0;
	while (o < tail) {
		size_t len;
		int cw = char_width(s + o, n - o, &len);
		if (used + cw > head_w)
			break;
		used += cw;
		o += len;
	}
	size_t head = o, tlen = n - tail;
	memcpy(out, s, head);
	memcpy(out + head, ellipsis, elen);
	memcpy(out + head + elen, s + tail, tlen);
	o = head + elen + tlen;
	used += ew + tail_used;
	while (pad && used < width && o + 1 < outlen) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return used;
}

size_t
mt_text_break(const char *s, int width)
{
	size_t n = strlen(s), o = 0, space = 0;
	int used = 0;
	while (o < n) {
		size_t len;
		int cw = char_width(s + o, n - o, &len);
		if (used + cw > width && o > 0)
			break;
		used += cw;
		o += len;
		if (s[o - 1] == ' ')
			space = o;
	}
	return o == n || space == 0 ? o : space;
}

/* TRANSLATORS: byte and binary-prefix units of human sizes ("1.5 MiB");
   keep them as short as the English (French uses o, Kio, Mio...) */
static const char *const units[] = { N_("B"), N_("KiB"), N_("MiB"), N_("GiB"), N_("TiB"),
                                     N_("PiB") };
#define NUNITS 6

void
mt_format_size(int64_t bytes, char *out, size_t outlen)
{
	if (bytes < 0) {
		snprintf(out, outlen, "?");
		return;
	}
	if (bytes < 1024) {
		snprintf(out, outlen, "%lld %s", (long long)bytes, _(units[0]));
		return;
	}
	double v = (double)bytes / 1024.0;
	int u = 1;
	while (v >= 1024.0 && u < 5) {
		v /= 1024.0;
		u++;
	}
	char num[32];
	mt_l10n_fixed(v, 0, 1, num, sizeof num);
	snprintf(out, outlen, "%s %s", num, _(units[u]));
}

void
mt_format_size_fit(int64_t bytes, int cells, char *out, size_t outlen)
{
	if (bytes < 0) {
		snprintf(out, outlen, "?");
		return;
	}
	/* the largest unit whose number has at most four digits ("1023 MiB") */
	double v = (double)bytes;
	int u = 0;
	while (u + 1 < NUNITS && v >= 1024.0) {
		v /= 1024.0;
		u++;
	}
	char num[32];
	if (u == 0) {
		snprintf(num, sizeof num, "%lld", (long long)bytes);
	} else if (v < 9.95) {
		mt_l10n_fixed(v, 0, 1, num, sizeof num);
	} else {
		long long whole = (long long)(v + 0.5);
		if (whole >= 1024 && u + 1 < NUNITS) {
			u++;
			mt_l10n_fixed(1.0, 0, 1, num, sizeof num);
		} else {
			snprintf(num, sizeof num, "%lld", whole);
		}
	}
	snprintf(out, outlen, "%s %s", num, _(units[u]));
	/* a long unit name in some language: drop the decimal, then the space */
	if (mt_text_width(out) > cells && u > 0 && v < 9.95) {
		snprintf(num, sizeof num, "%lld", (long long)(v + 0.5));
		snprintf(out, outlen, "%s %s", num, _(units[u]));
	}
	if (mt_text_width(out) > cells)
		snprintf(out, outlen, "%s%s", num, _(units[u]));
}

int
mt_text_widest(int have, const char *s)
{
	if (s == NULL || strlen(s) <= (size_t)have)
		return have;
	int w = mt_text_width(s);
	return w > have ? w : have;
}

static int
fit_parts_at(struct mt_fit_part *parts, int n, int gap, int step)
{
	int w = 0, shown = 0;
	for (int i = 0; i < n; i++) {
		struct mt_fit_part *p = &parts[i];
		p->shown = NULL;
		if (p->text == NULL || p->text[0] == '\0' || (p->drop_step > 0 && p->drop_step <= step))
			continue;
		p->shown = p->shorter && p->shorten_step > 0 && p->shorten_step <= step ? p->shorter : p->text;
		p->cells = mt_text_width(p->shown);
		w += p->cells + (shown++ ? gap : 0);
	}
	return w;
}

int
mt_fit_parts(struct mt_fit_part *parts, int n, int gap, int width)
{
	int last = 0;
	for (int i = 0; i < n; i++) {
		if (parts[i].shorten_step > last)
			last = parts[i].shorten_step;
		if (parts[i].drop_step > last)
			last = parts[i].drop_step;
	}
	int w = 0;
	for (int step = 0; step <= last; step++) {
		w = fit_parts_at(parts, n, gap, step);
		if (w <= width)
			return w;
	}
	for (int i = 0; i < n; i++) {
		struct mt_fit_part *p = &parts[i];
		if (p->shown && p->may_cut) {
			int over = w - width;
			int keep = p->cells - over > 1 ? p->cells - over : 1;
			w -= p->cells - keep;
			p->cells = keep;
			break;
		}
	}
	return w;
}
