/* siteop.h — one library operation on the loop, for the interface: read an
 * item, edit an item, list, create and delete folders.
 *
 * Each checks that the API can do it and that the profile has the key it
 * needs, starts the request, and reports exactly once from the loop, unless
 * cancelled first. The interface starts these instead of calling the
 * dialect table; the batch commands use the blocking forms in site.h. */
#ifndef MT_SITEOP_H
#define MT_SITEOP_H

#include <stdbool.h>
#include <stdint.h>

#include "dialect.h"
#include "error.h"
#include "site.h"

struct mt_op;

/* True when the site can do `caps` with the key it has (needs_key: the
 * operation needs one whatever the API allows). */
bool mt_site_can(const struct mt_site *site, unsigned caps, bool needs_key);
/* True when the library can be listed: browsing, with a key or publicly. */
bool mt_site_can_list(const struct mt_site *site);
/* True when the site takes uploads with the key it has. */
bool mt_site_can_upload(const struct mt_site *site);
/* -1 with err saying why when the site refuses files of type `mime` and
 * `size` bytes (-1: not known) whatever they are called, as the upload
 * queue checks before it sends anything; else 0 (the server may still
 * refuse what passes; a site without uploads is the queue's to say). */
int mt_site_accepts(const struct mt_site *site, const char *mime, int64_t size, struct mt_error *err);
/* The same for one file, with its name: 1 when the site refuses it, and
 * `why` gets the reason in a few words for a list ("empty file (0 bytes)",
 * "not a JPEG (unknown data)", else the check's own reason); 0 when the
 * checks before sending pass it. */
int mt_site_refusal(const struct mt_site *site, const char *name, const char *mime, int64_t size,
                    char *why, size_t whylen);
/* The API's name ("clearcms"). */
const char *mt_site_api(const struct mt_site *site);

/* True when err is the server's answer that the item a read, an edit or a
 * delete named is not there (404): deleted elsewhere (another editor, a
 * script). Every face then treats the item as deleted: a delete has
 * reached its end (batch.c reports it "gone"), an edit has nothing left to
 * save to, and the views drop the item as they drop one deleted here. */
bool mt_op_item_gone(const struct mt_error *err);

/* Each returns the operation under way, or NULL with err when it cannot
 * start (the callback is then not called). */
struct mt_op *mt_op_get(struct mt_site *site, const char *id, mt_item_fn fn, void *arg,
                        struct mt_error *err);
/* Changes an item's metadata, focal point or folder. */
struct mt_op *mt_op_edit(struct mt_site *site, const char *id, const struct mt_media_patch *p,
                         mt_item_fn fn, void *arg, struct mt_error *err);
/* The engine tries an operation again (a 5xx, a dropped link): retry says
 * which try is about to start, of how many, the server's status (0: no
 * answer came, its reason then says what happened) and the delay before it. */
typedef void (*mt_op_retry_fn)(const struct mt_http_retry *retry, void *arg);
/* fn is told of every retry of op (an edit) from now on, with op's arg,
 * until its answer or mt_op_cancel. */
void mt_op_on_retry(struct mt_op *op, mt_op_retry_fn fn);
/* A retry in words, for people: "the server answered 503, trying again
 * (2 of 6)", or "no answer (REASON), trying again (2 of 6)"; sanitised.
 * A retry is progress, not an outcome: the words stand while the
 * operation is waited for, each retry's in place of the one before, and
 * are not kept; the operation's answer (done, or not done and why) is
 * what is kept. Every face that tells retries says them so. */
void mt_op_retry_text(const struct mt_http_retry *retry, char *buf, size_t len);
struct mt_op *mt_op_folders(struct mt_site *site, mt_strings_fn fn, void *arg,
                            struct mt_error *err);
struct mt_op *mt_op_folder_create(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
                                  struct mt_error *err);
struct mt_op *mt_op_folder_delete(struct mt_site *site, const char *path, mt_done_fn fn, void *arg,
                                  struct mt_error *err);
/* The callback will not be called; the operation frees itself when its
 * answer arrives. */
void mt_op_cancel(struct mt_op *op);

#endif
