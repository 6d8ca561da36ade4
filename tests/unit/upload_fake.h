/* upload_fake.h — the upload queue without a network: a fake transport that
 * answers from a script the test writes, a fake dialect (presign, PUT,
 * confirm) and fake clocks, with a log of every call for the tests to read. */
#ifndef MT_UPLOAD_FAKE_H
#define MT_UPLOAD_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "loop.h"
#include "site.h"
#include "upload.h"

/* What the test tells the fake to answer to the next request whose
 * "METHOD url" contains `match`; each answer is used once, in order. A
 * request no answer matches stays in flight until fake_answer. */
struct fake_answer {
	char match[64];
	long status;             /* 0: the connection dropped */
	char body[256];
	int retries;             /* failed attempts the engine repeated before (retry requests) */
	long retry_status;       /* what those attempts got (0: dropped) */
	bool used;
};

/* The fake dialect's answers: presign gives {"key","url","expires"} or
 * {"id"} when the server already has the file; confirm gives {"id"}. */
void fake_script(const char *match, long status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, after `retries` failed attempts with retry_status. */
void fake_script_retries(const char *match, int retries, long retry_status, long status,
                         const char *body);
/* presign, PUT and confirm of `name`, all answered at once. */
void fake_script_ok(const char *name);

/* Answers the request in flight whose "METHOD url" contains match; false
 * when there is none. */
bool fake_answer(const char *match, long status, const char *body);
/* Reports progress on the request in flight that matches. */
bool fake_progress(const char *match, int64_t sent);
/* The engine decides to try the request in flight that matches again, as
 * after `status` (0: none came, libcurl's `curl_code`): its on_retry is told
 * (try `attempt` of 6, in delay_ms) and the request stays in flight. */
bool fake_retry(const char *match, long status, int curl_code, int attempt, long delay_ms);
/* The Retry-After header of the answers fake_answer and the script give
 * from now on (NULL: none; the fixture starts without). */
extern const char *fake_retry_after;
/* True when a request matching is in flight (and whether it is paused). */
bool fake_in_flight(const char *match, bool *paused);

/* The calls the fake saw, "|"-separated: "POST presign?name=a.txt",
 * "PUT https://store.test/k-a.txt", "cancel PUT ...", "pause PUT ...",
 * "resume PUT ...", "retry PUT ... 1". Reading it empties it. */
const char *fake_calls(void);
/* The queue's events, "|"-separated: "a.txt checking", "a.txt retry",
 * "done" (the queue's end). Reading it empties it. */
const char *fake_events(void);
/* How many MT_UP_EV_QUEUE_DONE events came. */
int fake_queue_done_count(void);

/* Fake wall clock (epoch seconds) and loop clock (ms). */
extern int64_t fake_now_s;
void fake_advance_ms(uint64_t ms);

/* The dialect asks for an MD5 before presigning (the hashing state). */
extern bool fake_wants_md5;

/* The dialect can ask whether the journal's earlier copy is still there
 * ("GET lookup?id=ID": 404 gone, 2xx there); false: it cannot (lookup
 * answers 1). */
extern bool fake_can_lookup;

/* The fixture: a temporary directory with state home, a loop on the fake
 * clock, a site whose dialect is the fake. */
struct fake_env {
	char dir[64];
	struct mt_loop *loop;
	struct mt_site site;
	struct mt_upload_queue *q;
};
extern struct fake_env fx;
int fake_setup(void **state);
int fake_teardown(void **state);
/* A file in the temporary directory with `content`; returns its path. */
const char *fake_file(const char *name, const char *content);
/* A queue on the fake transport (journal when asked), -j jobs. */
struct mt_upload_queue *fake_queue(bool journal, int jobs);
/* Runs the loop until nothing is due now. */
void fake_settle(void);

#endif
