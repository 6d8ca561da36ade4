/* auditset.c — a listing kept compact for the content audit. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "auditset.h"
#include "digest.h"
#include "fpfetch.h"
#include "xalloc.h"

struct mt_auditset *
mt_auditset_new(void)
{
	return xcalloc(1, sizeof(struct mt_auditset));
}

/* Appends s (with its NUL) to a packed buffer; returns its offset. Grows
 * by half: the buffer is most of the set, and doubling left a third of it
 * empty on average. */
static uint32_t
pack(char **buf, size_t *len, size_t *cap, const char *str)
{
	size_t n = strlen(str) + 1;
	if (*len + n > *cap) {
		size_t c = *cap ? *cap + *cap / 2 : 4096;
		while (c < *len + n)
			c += c / 2;
		*buf = xrealloc(*buf, c);
		*cap = c;
	}
	if (*len > UINT32_MAX - n)
		abort();   /* 4 GiB of names: out of memory long before */
	uint32_t at = (uint32_t)*len;
	memcpy(*buf + at, str, n);
	*len += n;
	return at;
}

static bool
is_set(const char *s)
{
	return s && s[strspn(s, " \t\r\n")] != '\0';
}

int
mt_auditset_meta_score(const struct mt_media *m)
{
	/* a focal point in the very centre is the default, not a choice */
	bool focal = m->focal_x >= 0 && m->focal_y >= 0 && !(m->focal_x == 50 && m->focal_y == 50);
	return is_set(m->alt) + is_set(m->title) + focal;
}

void
mt_auditset_add(struct mt_auditset *s, const struct mt_media *m)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap + s->cap / 2 : 256;
		s->recs = xreallocarray(s->recs, s->cap, sizeof *s->recs);
	}
	struct mt_audit_rec *r = &s->recs[s->n++];
	memset(r, 0, sizeof *r);
	r->size = m->size;
	r->width = m->width;
	r->height = m->height;
	r->fp_width = r->fp_height = -1;
	r->meta = (uint8_t)mt_auditset_meta_score(m);
	r->str = pack(&s->strs, &s->strs_len, &s->strs_cap, m->id ? m->id : "");
	if (m->id)
		r->flags |= MT_REC_ID;
	const char *more[] = { m->filename, m->folder, m->created_at };
	const uint8_t bit[] = { MT_REC_FILENAME, MT_REC_FOLDER, MT_REC_CREATED };
	for (int k = 0; k < 3; k++)
		if (more[k]) {
			pack(&s->strs, &s->strs_len, &s->strs_cap, more[k]);
			r->flags |= bit[k];
		}
	r->fetch = (uint32_t)s->fetch_len;
	if (m->url) {
		pack(&s->fetch, &s->fetch_len, &s->fetch_cap, m->url);
		r->flags |= MT_REC_URL;
	}
	if (m->mime_type) {
		pack(&s->fetch, &s->fetch_len, &s->fetch_cap, m->mime_type);
		r->flags |= MT_REC_MIME;
	}
}

void
mt_auditset_strings(const struct mt_auditset *s, size_t i, char **id, char **filename,
                    char **folder, char **created_at)
{
	const struct mt_audit_rec *r = &s->recs[i];
	char *p = s->strs + r->str;
	*id = r->flags & MT_REC_ID ? p : NULL;
	p += strlen(p) + 1;
	char **out[] = { filename, folder, created_at };
	const uint8_t bit[] = { MT_REC_FILENAME, MT_REC_FOLDER, MT_REC_CREATED };
	for (int k = 0; k < 3; k++) {
		*out[k] = NULL;
		if (r->flags & bit[k]) {
			*out[k] = p;
			p += strlen(p) + 1;
		}
	}
}

const char *
mt_auditset_id(const struct mt_auditset *s, size_t i)
{
	return s->recs[i].flags & MT_REC_ID ? s->strs + s->recs[i].str : NULL;
}

void
mt_auditset_media(const struct mt_auditset *s, size_t i, struct mt_media *out)
{
	const struct mt_audit_rec *r = &s->recs[i];
	mt_media_init(out);
	mt_auditset_strings(s, i, &out->id, &out->filename, &out->folder, &out->created_at);
	out->size = r->size;
	out->width = r->width;
	out->height = r->height;
	if (s->fetch) {
		char *p = s->fetch + r->fetch;
		if (r->flags & MT_REC_URL) {
			out->url = p;
			p += strlen(p) + 1;
		}
		if (r->flags & MT_REC_MIME)
			out->mime_type = p;
	}
}

bool
mt_auditset_set_fp(struct mt_auditset *s, size_t i, int status, const struct mt_fingerprint *fp,
                   const char *error)
{
	struct mt_audit_rec *r = &s->recs[i];
	r->status = (uint8_t)status;
	if (error && r->error == 0)
		r->error = pack(&s->strs, &s->strs_len, &s->strs_cap, error) + 1;
	if (fp == NULL)
		return true;
	uint8_t sha[32];
	if (!mt_hex_to_bytes(fp->sha256, 32, sha) || fp->sha256[64] != '\0')
		return false;
	memcpy(r->sha256, sha, 32);
	r->flags |= MT_REC_FP;
	r->flags &= (uint8_t)~MT_REC_PHASH;
	r->fp_width = fp->width;
	r->fp_height = fp->height;
	if (fp->has_phash) {
		r->flags |= MT_REC_PHASH;
		r->phash = fp->phash;
	}
	return true;
}

const char *
mt_auditset_error(const struct mt_auditset *s, size_t i)
{
	return s->recs[i].error ? s->strs + s->recs[i].error - 1 : NULL;
}

void
mt_auditset_trim(struct mt_auditset *s)
{
	if (s->n == 0)
		return;
	s->recs = xreallocarray(s->recs, s->n, sizeof *s->recs);
	s->cap = s->n;
	/* the error messages of failed downloads still come after this */
	s->strs = xrealloc(s->strs, s->strs_len);
	s->strs_cap = s->strs_len;
	if (s->fetch_len) {
		s->fetch = xrealloc(s->fetch, s->fetch_len);
		s->fetch_cap = s->fetch_len;
	}
}

void
mt_auditset_forget_fetch(struct mt_auditset *s)
{
	free(s->fetch);
	s->fetch = NULL;
	s->fetch_len = s->fetch_cap = 0;
}

void
mt_auditset_free(struct mt_auditset *s)
{
	if (s == NULL)
		return;
	free(s->recs);
	free(s->strs);
	free(s->fetch);
	free(s);
}
