/* cmd_upload.c — `upload FILE...`: the queue, with progress for people or logs.
 *
 * On a terminal, stderr shows one live line (at most ten updates a second).
 * Elsewhere it is silent, or with --progress writes one plain line per file
 * event. Results go to stdout (a line per file, or the --json array).
 * SIGINT, SIGTERM and SIGHUP stop the transfers cleanly; the journal already
 * holds everything needed to resume with the same command. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "sanitize.h"
#include "textwidth.h"
#include "upload.h"

struct upload_run {
	struct cli_ctx *ctx;
	struct mt_upload_queue *q;
	bool live;              /* stderr is a terminal */
	bool plain;             /* --progress */
	bool done;
	int interrupted;        /* the signal that stopped us, or 0 */
	uint64_t last_draw;
	bool line_dirty;
};

static void
clear_live_line(struct upload_run *r)
{
	if (r->live && r->line_dirty) {
		fputs("\r\033[K", stderr);
		r->line_dirty = false;
	}
}

static void
draw_live_line(struct upload_run *r, bool force)
{
	uint64_t now = mt_now_ms();
	/* the line counts every job: drawn on each change of state, a queue of
	 * n files cost n^2; a change shows within 50 ms, the rest every 100 ms */
	if (now - r->last_draw < (force ? 50u : 100u))
		return;
	r->last_draw = now;
	/* core's bytes: only what is sent, as the interface's panel says them */
	struct mt_upload_bytes by;
	mt_upload_queue_bytes(r->q, &by);
	int n = mt_upload_queue_count(r->q), finished = 0, active = 0;
	for (int i = 0; i < n; i++) {
		enum mt_job_state s = mt_upload_queue_job(r->q, i)->state;
		finished += mt_job_state_final(s);
		active += !mt_job_state_final(s) && s != MT_JOB_QUEUED;
	}
	int pct = by.percent;
	char bar[24];
	int fill = pct / 5;
	for (int i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	char words[140];
	mt_upload_bytes_text(&by, true, words, sizeof words);
	fprintf(stderr, "\r\033[K[%s] %3d%%  %s  ", bar, pct, words);
	fprintf(stderr, P_("%d/%d file, %d active", "%d/%d files, %d active", (unsigned long)n),
	        finished, n, active);
	r->line_dirty = true;
}

static void
print_event(struct upload_run *r, struct mt_upload_job *job, const char *what, const char *detail)
{
	clear_live_line(r);
	char *path = mt_sanitize(job->path);
	char *d = detail ? mt_sanitize(detail) : NULL;
	fprintf(stderr, "%s %s%s%s\n", what, path, d ? ": " : "", d ? d : "");
	free(path);
	free(d);
}

static void
on_event(struct mt_upload_queue *q, struct mt_upload_job *job, enum mt_upload_event ev, void *arg)
{
	struct upload_run *r = arg;
	if (ev == MT_UP_EV_QUEUE_DONE) {
		r->done = true;
		return;
	}
	if (r->plain) {
		char buf[400];
		if (ev == MT_UP_EV_STATE && job->state == MT_JOB_CHECKING) {
			print_event(r, job, _("started"), NULL);
		} else if (ev == MT_UP_EV_RETRY) {
			/* the try that comes, of how many, as the interface says it */
			struct mt_upload_wait w;
			if (mt_upload_job_retry_wait(job, &w))
				mt_upload_wait_text(&w, buf, sizeof buf);
			else   /* a step tried again at once (a fresh upload URL) */
				snprintf(buf, sizeof buf, "%s", job->retry_reason);
			print_event(r, job, _("retrying"), buf);
		} else if (ev == MT_UP_EV_STATE && (job->state == MT_JOB_DONE || job->state == MT_JOB_SKIPPED)) {
			snprintf(buf, sizeof buf, "%s", job->remote_id ? job->remote_id : "");
			print_event(r, job, job->state == MT_JOB_DONE ? _("done") : _("skipped"), buf);
		} else if (ev == MT_UP_EV_STATE && job->state == MT_JOB_FAILED) {
			char line[700];
			mt_error_format(mt_upload_job_error(job), line, sizeof line);
			print_event(r, job, _("failed"), line);
		}
	}
	if (ev == MT_UP_EV_STATE && job->state == MT_JOB_HASHING && job->name_mismatch && !r->plain) {
		/* say it once, early: the file goes up with its true type */
	}
	if (r->live)
		draw_live_line(r, ev == MT_UP_EV_STATE);
}

static void
on_signal(int signo, void *arg)
{
	struct upload_run *r = arg;
	if (r->interrupted)
		return;
	r->interrupted = signo;
	/* what is already landing runs on no further: the loop ends, and its
	 * journal record stays as it was, for the next run to finish */
	mt_upload_queue_cancel(r->q, NULL);
	r->done = true;
}

/* The result for --json (the API's word) ... */
static const char *
status_word(enum mt_job_state s)
{
	switch (s) {
	case MT_JOB_DONE: return "uploaded";
	case MT_JOB_SKIPPED: return "skipped";
	default: return "failed";
	}
}

/* ... and for people. */
static const char *
status_label(enum mt_job_state s)
{
	switch (s) {
	/* TRANSLATORS: the first word of a result line of upload */
	case MT_JOB_DONE: return _("uploaded");
	/* TRANSLATORS: a result of upload: the file was there already */
	case MT_JOB_SKIPPED: return _("skipped");
	default: return _("failed");
	}
}

int
cmd_upload(struct cli_ctx *ctx)
{
	int rc = cli_open_site(ctx);
	if (rc)
		return rc;
	const struct mt_cmdline *cl = ctx->cl;
	struct upload_run r = { .ctx = ctx, .live = isatty(STDERR_FILENO) && !cl->progress && !cl->quiet,
	                        .plain = cl->progress };
	struct mt_upload_options opts = {
		.folder = cl->folder, .alt = cl->alt, .video_id = cl->video_id,
		.document_id = cl->document_id, .jobs = cl->jobs, .use_journal = true,
	};
	struct mt_error err;
	mt_error_clear(&err);
	if (cl->folder && !mt_folder_path_valid(cl->folder)) {
		mt_error_set(&err, MT_ERR_USAGE, _("'%s' is not a valid folder path"), cl->folder);
		cli_print_error(&err);
		return EXIT_USAGE;
	}
	if (mt_upload_queue_new(&ctx->site, &opts, on_event, &r, &r.q, &err) < 0) {
		cli_print_error(&err);
		return cli_exit_for(&err);
	}
	for (int i = 0; i < cl->nargs; i++)
		mt_upload_queue_add(r.q, cl->args[i]);
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	mt_loop_catch_signals(ctx->loop, sigs, 3, on_signal, &r);
	signal(SIGPIPE, SIG_IGN);
	mt_upload_queue_start(r.q);
	while (!r.done && !mt_upload_queue_finished(r.q))
		if (mt_loop_run_once(ctx->loop, 100) < 0)
			break;
	clear_live_line(&r);

	struct cli_json_array results = { 0 };
	int failures = 0;
	int n = mt_upload_queue_count(r.q);
	for (int i = 0; i < n; i++) {
		struct mt_upload_job *job = mt_upload_queue_job(r.q, i);
		const char *status = status_word(job->state);
		bool failed = strcmp(status, "failed") == 0;
		failures += failed;
		json_t *o = json_pack("{s:s,s:s}", "file", job->path, "status", status);
		if (job->remote_id)
			json_object_set_new(o, "id", json_string(job->remote_id));
		if (job->remote_url)
			json_object_set_new(o, "url", json_string(job->remote_url));
		if (job->mime[0])
			json_object_set_new(o, "mimeType", json_string(job->mime));
		/* why a skipped file sent nothing, or why one the journal had went again */
		const char *why = job->state == MT_JOB_SKIPPED ? job->why_skipped
		                  : job->state == MT_JOB_DONE ? job->why_sent : "";
		if (why[0])
			json_object_set_new(o, "reason", json_string(why));
		if (job->replaced_id && job->state == MT_JOB_DONE)
			json_object_set_new(o, "replaced", json_string(job->replaced_id));
		if (job->name_mismatch)
			json_object_set_new(o, "warning", json_string(_("the file's content does not match its extension")));
		if (job->changed_after_sent)
			json_object_set_new(o, "changed", json_string(_("the file changed after it was sent; "
			                                                "the server has it as it was read")));
		if (failed || mt_upload_job_error(job)->kind != MT_ERR_NONE)
			json_object_set_new(o, "error", cli_error_json(mt_upload_job_error(job)));
		else
			json_object_set_new(o, "error", json_null());
		if (cl->json)
			cli_json_array_item(&results, o);
		json_decref(o);
		if (!cl->json) {
			char *path = mt_sanitize(job->path);
			if (failed) {
				char line[700];
				mt_error_format(mt_upload_job_error(job), line, sizeof line);
				char *l = mt_sanitize(line);
				if (!cl->progress)
					fprintf(stderr, "%s: %s\n", PACKAGE_NAME, l);
				free(l);
			} else if (!cl->quiet) {
				char *id = mt_sanitize(job->remote_id ? job->remote_id : "-");
				char *url = mt_sanitize(job->remote_url ? job->remote_url : "");
				printf("%s %s %s%s%s\n", status_label(job->state), path, id, url[0] ? " " : "", url);
				free(id);
				free(url);
			}
			if (job->state == MT_JOB_DONE && job->why_sent[0]) {
				char *w = mt_sanitize(job->why_sent);
				fprintf(stderr, "%s: %s: %s\n", PACKAGE_NAME, path, w);
				free(w);
			}
			if (job->name_mismatch && !failed)
				fprintf(stderr, _("%s: warning: %s is %s, its extension says otherwise\n"),
				        PACKAGE_NAME, path, job->mime);
			if (job->changed_after_sent)
				fprintf(stderr, _("%s: warning: %s changed after it was sent; "
				                  "the server has it as it was read\n"),
				        PACKAGE_NAME, path);
			free(path);
		}
	}
	if (cl->json)
		cli_json_array_end(&results);
	mt_upload_queue_free(r.q);
	if (r.interrupted) {
		fprintf(stderr, _("%s: interrupted; run the same command again to resume\n"), PACKAGE_NAME);
		return 128 + r.interrupted;
	}
	return failures ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}
