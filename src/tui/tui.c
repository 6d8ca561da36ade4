/* tui.c — entry of the full-screen interface: the terminal, the one loop,
 * the main two-pane view and the dispatch of keys to views.
 *
 * Drawing is rate-limited: input draws at once, everything else (answers,
 * progress) at most every 100 ms, and ncurses sends only the cells that
 * changed since the last frame. Signals arrive through the loop's self-pipe
 * and become ordinary callbacks. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wctype.h>

#include "i18n.h"
#include "sanitize.h"
#include "session.h"
#include "siteop.h"
#include "textwidth.h"
#include "tui.h"
#include "ui.h"
#include "xalloc.h"

#define FRAME_MS 100        /* at most ten frames a second for non-input changes */
#define BATCH_WAIT_MS 10000 /* at the end, for the answer about a batch's item under way */

static void
quit_answer(struct app *a, int choice, void *arg)
{
	(void)arg;
	if (choice == 'y') {
		ui_batch_stop(a);   /* after the item under way; stderr says what was done */
		a->quit = true;
	}
}

/* What every view holds that the user typed and the server does not have,
 * one line each; NULL when nothing. */
static char *
unsaved_work(struct app *a)
{
	char *all = NULL;
	for (int v = 0; v < VIEW_COUNT; v++) {
		if (a->views[v] == NULL || a->views[v]->unsaved == NULL)
			continue;
		char *line = a->views[v]->unsaved(a);
		if (line == NULL)
			continue;
		char *next = xasprintf("%s  %s\n", all ? all : "", line);
		free(all);
		free(line);
		all = next;
	}
	return all;
}

/* Asks before quitting when uploads run or typed work is not saved. */
static void
request_quit(struct app *a)
{
	ui_prompt_keep_typed(a);   /* a prompt's text is counted, and stays on n */
	char *unsaved = unsaved_work(a);
	char *batch = ui_batch_quit_line(a);
	const char *uploads = uploads_running(a) ? _("Uploads still running stop here and resume next time.\n")
	                      : uploads_paused(a) ? _("Paused uploads resume next time.\n") : "";
	if (unsaved) {
		char *running = xasprintf("%s%s", uploads, batch ? batch : "");
		char *body = xasprintf(_("Not saved yet:\n%s%s\n"
		                         "It is kept, and offered at the next start.\n"
		                         "Quit now?  y: quit   n: stay"), unsaved, running);
		free(running);
		ui_confirm(a, _("Quit"), body, "yn", quit_answer, NULL);
		ui_confirm_keys_told(a);
		free(body);
		free(unsaved);
		free(batch);
		return;
	}
	if (batch) {
		char *body = xasprintf(_("%s%s\nQuit now?  y: quit   n: stay"), batch, uploads);
		ui_confirm(a, _("Quit"), body, "yn", quit_answer, NULL);
		ui_confirm_keys_told(a);
		free(body);
		free(batch);
		return;
	}
	if (uploads_paused(a)) {
		ui_confirm(a, _("Quit"),
		           _("Uploads are paused. Quit now?\n"
		             "They can be resumed on the next start."),
		           "yn", quit_answer, NULL);
		return;
	}
	if (uploads_running(a)) {
		ui_confirm(a, _("Quit"),
		           _("Uploads are still running. Quit now?\n"
		             "They stop here and can be resumed on the next start."),
		           "yn", quit_answer, NULL);
		return;
	}
	a->quit = true;
}

/* ---- the terminal ---- */

static int parked_stderr = -1;
static FILE *parked_log;

/* While curses owns the screen, stderr goes to a temporary file; it is
 * replayed on the real stderr after endwin. */
static void
stderr_park(void)
{
	fflush(stderr);
	parked_log = tmpfile();
	if (parked_log == NULL)
		return;
	parked_stderr = dup(STDERR_FILENO);
	if (parked_stderr < 0 || dup2(fileno(parked_log), STDERR_FILENO) < 0) {
		fclose(parked_log);
		parked_log = NULL;
		if (parked_stderr >= 0)
			close(parked_stderr);
		parked_stderr = -1;
	}
}

static void
stderr_unpark(bool replay)
{
	if (parked_stderr < 0)
		return;
	fflush(stderr);
	dup2(parked_stderr, STDERR_FILENO);
	close(parked_stderr);
	parked_stderr = -1;
	if (replay && parked_log) {
		rewind(parked_log);
		char buf[4096];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, parked_log)) > 0)
			fwrite(buf, 1, n, stderr);
	}
	if (parked_log)
		fclose(parked_log);
	parked_log = NULL;
}

/* ---- dying well ---- */

static struct app *live_app;
static volatile sig_atomic_t dying;

/* On a fatal error: the terminal back as it was (modes, cursor, main
 * screen) and stderr back where it was, with what was parked on it; once.
 * Only write(2) and read(2) for the parked text: memory may be gone. */
static void
fatal_restore(void)
{
	if (dying)
		return;
	dying = 1;
	struct app *a = live_app;
	if (a && a->curses_on) {
		a->curses_on = false;
		curs_set(1);
		endwin();
	}
	if (parked_stderr < 0)
		return;
	int parked = parked_log ? fileno(parked_log) : -1;
	dup2(parked_stderr, STDERR_FILENO);
	close(parked_stderr);
	parked_stderr = -1;
	if (parked >= 0 && lseek(parked, 0, SEEK_SET) == 0) {
		char buf[4096];
		ssize_t n;
		while ((n = read(parked, buf, sizeof buf)) > 0)
			if (write(STDERR_FILENO, buf, (size_t)n) < 0)
				break;
	}
}

/* The die hook of xalloc: as nano's die(), the terminal first, then the
 * message where the user sees it. */
static void
tui_die(const char *message)
{
	fatal_restore();
	char line[256];
	int n = snprintf(line, sizeof line, "%s: %s\n", PACKAGE_NAME, message);
	if (n > 0 && write(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0)
		n = 0;
	signal(SIGABRT, SIG_DFL);
	abort();
}

/* An assertion (or anything else that aborts): the same restoring; its
 * message, parked on stderr, is replayed on the real one. */
static void
on_abort(int signo)
{
	fatal_restore();
	signal(signo, SIG_DFL);
	raise(signo);
}

static void
fatal_hooks(struct app *a, bool on)
{
	live_app = on ? a : NULL;
	mt_set_die_hook(on ? tui_die : NULL);
	signal(SIGABRT, on ? on_abort : SIG_DFL);
}

/* For the tests only (tests/tui/die.t): MEDIATUI_TEST_FATAL=oom makes an
 * allocation fail, =abort aborts as a failed assertion does, once the first
 * frame is on screen. Read once at start; nothing else depends on it. */
static const char *test_fatal;

static void
test_fatal_fire(void *arg)
{
	(void)arg;
	const char *what = test_fatal;
	if (strcmp(what, "oom") == 0) {
		volatile size_t huge = SIZE_MAX - 64;
		char *p = xmalloc(huge);
		free(p);
	} else if (strcmp(what, "abort") == 0) {
		fprintf(stderr, "%s: assertion failed (test)\n", PACKAGE_NAME);
		abort();
	}
}

static void
term_size(struct app *a)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		if (ws.ws_row != LINES || ws.ws_col != COLS)
			resizeterm(ws.ws_row, ws.ws_col);
	}
	preview_pixels_measure(a);
	a->rows = LINES;
	a->cols = COLS;
}

static int
term_start(struct app *a)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s: %s\n", PACKAGE_NAME,
		        _("the full-screen interface needs a terminal; see --help for the commands"));
		return -1;
	}
	const char *cs = nl_langinfo(CODESET);
	a->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(100);
	preview_pixels_start(a);
	stderr_park();
	a->screen = newterm(NULL, stdout, stdin);
	if (a->screen == NULL) {
		stderr_unpark(true);
		const char *term = getenv("TERM");
		fprintf(stderr, _("%s: cannot use the terminal type '%s'\n"), PACKAGE_NAME,
		        term ? term : "");
		return -1;
	}
	set_term(a->screen);
	a->curses_on = true;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	if (getenv("ESCDELAY"))
		set_escdelay(atoi(getenv("ESCDELAY")) > 0 ? atoi(getenv("ESCDELAY")) : 25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	const char *nc = getenv("NO_COLOR");
	a->color = !(nc && *nc);
	ui_colors_init(a->color);
	ui_glyphs_init(a->utf8);
	a->rows = LINES;
	a->cols = COLS;
	return 0;
}

static void
term_stop(struct app *a)
{
	if (!a->curses_on)
		return;
	a->curses_on = false;
	if (!a->hangup) {
		preview_pixels_clear(a);
		curs_set(1);
		endwin();
	} else {
		/* the terminal is gone: put the tty modes back, draw nothing */
		endwin();
	}
	delscreen(a->screen);
	a->screen = NULL;
	stderr_unpark(!a->hangup);
}

/* ---- drawing ---- */

static void
draw_all(struct app *a)
{
	werase(stdscr);
	preview_pixels_begin(a);
	if (a->rows < 5 || a->cols < 20) {
		ui_put_text(stdscr, 0, 0, _("terminal too small"), a->cols, false);
	} else {
		ui_draw_header(a);
		a->status_rows = ui_status_rows(a);
		a->views[a->view]->draw(a);
		ui_draw_status(a);
		ui_dialog_draw(a);
	}
	wnoutrefresh(stdscr);
	doupdate();
	preview_pixels_flush(a);
	a->dirty = a->urgent = false;
	a->last_draw = mt_now_ms();
	a->frames++;
}

static void
maybe_draw(struct app *a)
{
	uint64_t now = mt_now_ms();
	if (a->msg[0] && now >= a->msg_until) {
		/* said in the trace, so that a test knows the time has passed
		 * without counting seconds itself */
		if (a->msg_held) {
			ui_trace(a, "status message past its time, kept while it waits: %s", a->msg);
			a->msg_until = UINT64_MAX;
		} else {
			ui_trace(a, "status message past its time, gone: %s", a->msg);
			a->msg[0] = '\0';
			a->dirty = true;
		}
	}
	if (!a->dirty || a->hangup || !a->curses_on)
		return;
	if (!a->urgent && now - a->last_draw < FRAME_MS)
		return;
	draw_all(a);
}

/* ---- keys ---- */

/* A key typed (played: one a view kept, played now): resizes and ^L at
 * once; a key behind others a view keeps (the remote pane's listing on its
 * way) waits with them, before anything acts on it; the rest acted on. */
static void
dispatch_key(struct app *a, bool played, int is_key, wint_t ch)
{
	if (is_key && ch == KEY_RESIZE) {
		a->rows = LINES;
		a->cols = COLS;
		preview_pixels_clear(a);
		ui_dirty_now(a);
		return;
	}
	if (!is_key && ch == 12) {   /* ^L */
		clearok(curscr, TRUE);
		preview_pixels_clear(a);
		ui_dirty_now(a);
		return;
	}
	if (is_key && ch == KEY_MOUSE)
		return;
	ui_dirty_now(a);
	for (int v = 0; v < VIEW_COUNT && !played; v++)
		if (a->views[v]->hold_key && a->views[v]->hold_key(a, is_key, ch))
			return;
	if (a->dialog) {
		ui_dialog_key(a, is_key, ch);
		return;
	}
	/* Esc stops a running delete or move (asking first), in any view */
	if (!is_key && ch == 27 && ui_batch_stop_ask(a))
		return;
	if (!is_key && ch == '?' && a->view != VIEW_HELP) {
		ui_view_open(a, VIEW_HELP, NULL);
		return;
	}
	if (!is_key && ch == 'M' && a->view != VIEW_MESSAGES) {
		ui_view_open(a, VIEW_MESSAGES, NULL);
		return;
	}
	switch (a->views[a->view]->key(a, is_key, ch)) {
	case UI_CLOSE: ui_view_close(a); break;
	case UI_QUIT: request_quit(a); break;
	case UI_HANDLED: break;
	case UI_UNHANDLED:
		/* x where the view has no use for it stops a running batch, as Esc */
		if (!is_key && ch == 'x' && ui_batch_stop_ask(a))
			break;
		/* a letter that does nothing says so: silence reads as a hung link;
		 * on the status line alone, not in the log (M) */
		if (!is_key && ch > ' ' && iswprint(ch) && !a->dialog)
			ui_message_passing(a, R_NORMAL, _("%lc does nothing here (? lists the keys)"), (wint_t)ch);
		break;
	}
}

/* The keys a view kept, once they can be played: acted on in the order
 * typed, as if typed now (after every turn of the loop). */
static void
play_kept_keys(struct app *a)
{
	int is_key;
	wint_t ch;
	for (int v = 0; v < VIEW_COUNT && !a->quit; v++)
		while (!a->quit && a->views[v]->next_key && a->views[v]->next_key(a, &is_key, &ch))
			dispatch_key(a, true, is_key, ch);
}

/* The terminal went away: end as on a SIGHUP (uploads cut short say so in
 * the exit status), drawing nothing more. */
static void
tty_gone(struct app *a)
{
	a->hangup = true;
	a->quit = true;
	if (uploads_running(a))
		a->exit_status = 128 + SIGHUP;
}

static void
on_tty(int fd, short revents, void *arg)
{
	struct app *a = arg;
	(void)fd;
	if (revents & (POLLHUP | POLLERR | POLLNVAL)) {
		tty_gone(a);
		return;
	}
	wint_t ch;
	int rc;
	int n = 0;
	uint64_t t0 = mt_now_ms();
	while ((rc = wget_wch(stdscr, &ch)) != ERR) {
		dispatch_key(a, false, rc == KEY_CODE_YES, ch);
		n++;
		if (a->quit)
			break;
	}
	if (n)
		ui_trace(a, "keys %d handled in %llums", n, (unsigned long long)(mt_now_ms() - t0));
	/* readable and nothing read, turn after turn: the end of the input
	 * (a terminal gone without a hang-up the loop could see). Ended as a
	 * hang-up, or the loop would spin on it. */
	a->tty_empty = n ? 0 : a->tty_empty + 1;
	if (a->tty_empty >= 3)
		tty_gone(a);
}

static void
on_signal(int signo, void *arg)
{
	struct app *a = arg;
	if (a->closing) {   /* the terminal is given back: a signal ends the wait for a batch */
		if (signo != SIGWINCH)
			a->give_up = true;
		return;
	}
	switch (signo) {
	case SIGWINCH:
		term_size(a);
		clearok(curscr, TRUE);
		preview_pixels_clear(a);
		ui_dirty_now(a);
		break;
	case SIGINT:
		request_quit(a);
		ui_dirty_now(a);
		break;
	case SIGHUP:
		a->hangup = true;
		a->quit = true;
		break;
	default:   /* SIGTERM */
		a->quit = true;
		break;
	}
	/* as for the upload command: uploads cut short say so in the status */
	if ((signo == SIGHUP || signo == SIGTERM) && uploads_running(a))
		a->exit_status = 128 + signo;
}

/* ---- opening the site ---- */

static int
open_site(struct app *a)
{
	struct mt_error err;
	mt_error_clear(&err);
	if (mt_session_open(&a->site, &a->config, a->cl->config_path, a->cl->profile, &err) < 0) {
		mt_error_print(&err);
		return mt_error_exit_status(&err);
	}
	a->loop = a->site.loop;
	a->profile = a->site.profile;
	a->site_open = true;
	a->can_browse = mt_site_can_list(&a->site);
	return 0;
}

static void
app_free(struct app *a)
{
	a->closing = true;
	/* a delete or move stops after the item under way (quit, hang-up, a
	 * signal): its answer is waited for, within a bound; answers already
	 * on their way arrive, briefly, so nothing leaks */
	ui_batch_stop(a);
	uint64_t t0 = mt_now_ms();
	while (a->loop) {
		uint64_t now = mt_now_ms();
		bool batch = ui_batch_busy(a) && !a->give_up && now < t0 + BATCH_WAIT_MS;
		bool others = a->reqs && now < t0 + (a->hangup ? 0 : 300);
		if (!batch && !others)
			break;
		if (mt_loop_run_once(a->loop, 20) < 0)
			break;
	}
	ui_batch_report(a);
	ui_dialog_end(a);
	if (a->views)
		for (int i = VIEW_COUNT - 1; i >= 0; i--)
			if (a->views[i]->close)
				a->views[i]->close(a);
	if (a->site_open)
		mt_site_close(&a->site);
	preview_free(a);
	ui_reqs_free(a);
	mt_loop_free(a->loop);
	mt_config_free(&a->config);
	ui_messages_free();
	if (a->trace)
		fclose(a->trace);
}

int
mt_tui_main(const struct mt_cmdline *cl)
{
	static struct app app;
	struct app *a = &app;
	memset(a, 0, sizeof *a);
	a->cl = cl;
	a->start_ms = mt_now_ms();
	a->exit_status = MT_EXIT_ALL_DONE;
	const char *trace = getenv("MEDIATUI_TRACE");
	if (trace && *trace)
		a->trace = fopen(trace, "a");
	int rc = open_site(a);
	if (rc) {
		app_free(a);
		return rc;
	}
	static const int sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
	mt_loop_catch_signals(a->loop, sigs, 4, on_signal, a);
	signal(SIGPIPE, SIG_IGN);
	if (term_start(a) < 0) {
		app_free(a);
		return MT_EXIT_USAGE;
	}
	fatal_hooks(a, true);
	mt_loop_watch(a->loop, STDIN_FILENO, POLLIN, on_tty, a);
	term_size(a);

	preview_init(a);
	ui_views_use(a, ui_view_table);
	for (int i = 0; i < VIEW_COUNT; i++)
		if (a->views[i]->init)
			a->views[i]->init(a);
	draw_all(a);
	ui_trace(a, "first frame");
	test_fatal = getenv("MEDIATUI_TEST_FATAL");
	if (test_fatal && *test_fatal)
		mt_loop_timer_add(a->loop, 0, test_fatal_fire, NULL);

	while (!a->quit) {
		long wait = 1000;
		if (a->dirty) {
			uint64_t since = mt_now_ms() - a->last_draw;
			wait = a->urgent || since >= FRAME_MS ? 0 : (long)(FRAME_MS - since);
		}
		if (a->msg[0] && a->msg_until != UINT64_MAX) {
			uint64_t now = mt_now_ms();
			long left = a->msg_until > now ? (long)(a->msg_until - now) : 0;
			if (left < wait)
				wait = left;
		}
		if (mt_loop_run_once(a->loop, wait) < 0 && errno != EINTR)
			break;
		play_kept_keys(a);
		maybe_draw(a);
	}
	mt_loop_unwatch(a->loop, STDIN_FILENO);
	term_stop(a);
	fatal_hooks(a, false);
	int status = a->exit_status;
	app_free(a);
	return status;
}

const char *
mt_tui_curses_version(char *built, size_t len)
{
	snprintf(built, len, "%s.%d", NCURSES_VERSION, NCURSES_VERSION_PATCH);
	return curses_version();
}
