/* test_termquery.c — what a terminal's answers say about pixel protocols and
 * cell sizes, the choice made from them, and the exchange itself over a
 * pseudo-terminal (the query sent, the answer read, the modes restored). */
#include "config.h"

#include <pthread.h>
#include <pty.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "termquery.h"

static size_t
parse(const char *s, struct mt_term_caps *caps)
{
	memset(caps, 0, sizeof *caps);
	return mt_termquery_parse(s, strlen(s), caps);
}

static void
test_kitty_terminal(void **state)
{
	(void)state;
	struct mt_term_caps c;
	const char *ans = "\033_Gi=31;OK\033\\\033[6;18;9t\033[?62;22;4c";
	assert_int_equal(parse(ans, &c), strlen(ans));
	assert_true(c.answered);
	assert_true(c.kitty);
	assert_true(c.sixel);
	assert_int_equal(c.cell_w, 9);
	assert_int_equal(c.cell_h, 18);
	assert_int_equal(mt_pixels_choose(MT_PIXELS_AUTO, &c), MT_PIXELS_KITTY);
}

static void
test_sixel_terminal(void **state)
{
	(void)state;
	struct mt_term_caps c;
	/* xterm -ti vt340: no kitty answer at all, attributes with 4 */
	const char *ans = "\033[6;20;10t\033[?63;1;2;4;6;9;15;22c";
	assert_int_equal(parse(ans, &c), strlen(ans));
	assert_false(c.kitty);
	assert_true(c.sixel);
	assert_int_equal(mt_pixels_choose(MT_PIXELS_AUTO, &c), MT_PIXELS_SIXEL);
}

static void
test_plain_terminals_keep_cells(void **state)
{
	(void)state;
	struct mt_term_caps c;
	/* tmux 3.3 answers for itself: class 1, no 4 */
	assert_int_equal(parse("\033[?1;2c", &c), 7);
	assert_true(c.answered);
	assert_false(c.sixel);
	assert_int_equal(mt_pixels_choose(MT_PIXELS_AUTO, &c), MT_PIXELS_OFF);
	/* a 4 in the class position is not the sixel attribute */
	parse("\033[?4;1c", &c);
	assert_false(c.sixel);
	/* a kitty error answer is not OK */
	parse("\033_Gi=31;ENOTSUPPORTED:no\033\\\033[?62c", &c);
	assert_false(c.kitty);
	/* nor is an OK for another id, or OK with more after it */
	parse("\033_Gi=7;OK\033\\\033[?62c", &c);
	assert_false(c.kitty);
	parse("\033_Gi=31;OKAY\033\\\033[?62c", &c);
	assert_false(c.kitty);
	/* no answer at all: cells, whatever auto hoped for */
	memset(&c, 0, sizeof c);
	assert_int_equal(mt_pixels_choose(MT_PIXELS_AUTO, &c), MT_PIXELS_OFF);
	assert_int_equal(mt_pixels_choose(MT_PIXELS_AUTO, NULL), MT_PIXELS_OFF);
}

static void
test_answers_in_pieces_and_noise(void **state)
{
	(void)state;
	struct mt_term_caps c;
	/* not complete yet: read more */
	assert_int_equal(parse("\033_Gi=31;OK\033\\\033[?62;4", &c), 0);
	assert_int_equal(parse("\033_Gi=31;O", &c), 0);
	assert_int_equal(parse("\033", &c), 0);
	assert_int_equal(parse("", &c), 0);
	/* keys typed meanwhile (a letter, an arrow) are skipped */
	const char *ans = "a\033[A\033[6;20;10tx\033[?62;4c";
	assert_int_equal(parse(ans, &c), strlen(ans));
	assert_true(c.sixel);
	assert_int_equal(c.cell_w, 10);
	/* what comes after the attributes is left for the caller */
	assert_int_equal(parse("\033[?62;4cq", &c), 8);
}

static void
test_absurd_answers_are_ignored(void **state)
{
	(void)state;
	struct mt_term_caps c;
	parse("\033[6;99999999;10t\033[?62c", &c);
	assert_int_equal(c.cell_h, 0);
	assert_int_equal(c.cell_w, 0);
	parse("\033[6;0;0t\033[?62c", &c);
	assert_int_equal(c.cell_w, 0);
	parse("\033[6;5000;10t\033[?62c", &c);
	assert_int_equal(c.cell_h, 0);
	parse("\033[4;600;800t\033[?62c", &c);   /* the window's size, not the cell's */
	assert_int_equal(c.cell_w, 0);
	/* a number too long for anything: not an answer, and no overflow */
	assert_int_equal(parse("\033[?62;444444444444444444444c", &c), 0);
	assert_false(c.sixel);
}

static void
test_names(void **state)
{
	(void)state;
	enum mt_pixels p = MT_PIXELS_KITTY;
	const char *names[] = { "off", "auto", "sixel", "kitty" };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(mt_pixels_from_name(names[i], &p), 0);
		assert_int_equal(p, i);
		assert_string_equal(mt_pixels_name(p), names[i]);
	}
	p = MT_PIXELS_SIXEL;
	assert_int_equal(mt_pixels_from_name("Auto", &p), -1);
	assert_int_equal(mt_pixels_from_name("", &p), -1);
	assert_int_equal(mt_pixels_from_name("sixels", &p), -1);
	assert_int_equal(p, MT_PIXELS_SIXEL);   /* untouched on failure */
	/* asked for by name: used without asking the terminal */
	assert_int_equal(mt_pixels_choose(MT_PIXELS_SIXEL, NULL), MT_PIXELS_SIXEL);
	assert_int_equal(mt_pixels_choose(MT_PIXELS_OFF, NULL), MT_PIXELS_OFF);
}

/* ---- the exchange over a pseudo-terminal ---- */

struct fake_term {
	int master;
	const char *answer;
	char got[256];
	size_t ngot;
};

/* reads the query up to its last byte (the 'c' of CSI c), then answers */
static void *
fake_terminal(void *arg)
{
	struct fake_term *t = arg;
	while (t->ngot < sizeof t->got - 1) {
		ssize_t r = read(t->master, t->got + t->ngot, 1);
		if (r <= 0)
			return NULL;
		t->ngot++;
		if (t->ngot >= 3 && memcmp(t->got + t->ngot - 3, "\033[c", 3) == 0)
			break;
	}
	if (t->answer)
		(void)!write(t->master, t->answer, strlen(t->answer));
	return NULL;
}

static void
exchange(const char *answer, int timeout_ms, int want_rc, struct mt_term_caps *caps)
{
	int master, slave;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	struct termios before, after;
	assert_int_equal(tcgetattr(slave, &before), 0);
	struct fake_term t = { .master = master, .answer = answer };
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, fake_terminal, &t), 0);
	assert_int_equal(mt_termquery_ask(slave, slave, timeout_ms, caps), want_rc);
	assert_int_equal(tcgetattr(slave, &after), 0);
	close(slave);   /* ends the reader if no query came */
	pthread_join(th, NULL);
	close(master);
	/* the query as sent, and the terminal modes as they were */
	assert_int_equal(t.ngot, strlen(mt_termquery_text));
	assert_memory_equal(t.got, mt_termquery_text, t.ngot);
	assert_int_equal(after.c_lflag, before.c_lflag);
	assert_true(after.c_lflag & ICANON);
}

static void
test_exchange_with_a_terminal(void **state)
{
	(void)state;
	struct mt_term_caps c;
	exchange("\033_Gi=31;OK\033\\\033[6;16;8t\033[?62;4c", 2000, 0, &c);
	assert_true(c.kitty);
	assert_int_equal(c.cell_w, 8);
	assert_int_equal(c.cell_h, 16);
	exchange("\033[?1;2c", 2000, 0, &c);
	assert_true(c.answered);
	assert_false(c.sixel);
	/* a terminal that never answers: given up on, nothing claimed */
	exchange(NULL, 50, -1, &c);
	assert_false(c.answered);
	assert_false(c.kitty);
}

static void
test_not_a_terminal(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	struct mt_term_caps c;
	assert_int_equal(mt_termquery_ask(fds[0], fds[1], 50, &c), -1);
	assert_false(c.answered);
	/* nothing was written where no terminal would read it */
	char b;
	close(fds[1]);
	assert_int_equal(read(fds[0], &b, 1), 0);
	close(fds[0]);
}

static void
test_cell_size_sources(void **state)
{
	(void)state;
	int master, slave, w, h;
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	struct mt_term_caps said = { .answered = true, .cell_w = 9, .cell_h = 18 };
	/* no pixel size in the kernel: what the terminal said, else 10 x 20 */
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	assert_int_equal(ioctl(slave, TIOCSWINSZ, &ws), 0);
	mt_term_cell_size(slave, &said, &w, &h);
	assert_int_equal(w, 9);
	assert_int_equal(h, 18);
	mt_term_cell_size(slave, NULL, &w, &h);
	assert_int_equal(w, 10);
	assert_int_equal(h, 20);
	/* the kernel's window size wins: it follows font changes */
	ws.ws_xpixel = 80 * 7;
	ws.ws_ypixel = 24 * 15;
	assert_int_equal(ioctl(slave, TIOCSWINSZ, &ws), 0);
	mt_term_cell_size(slave, &said, &w, &h);
	assert_int_equal(w, 7);
	assert_int_equal(h, 15);
	/* not a terminal at all */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	mt_term_cell_size(fds[0], NULL, &w, &h);
	assert_int_equal(w, 10);
	assert_int_equal(h, 20);
	close(fds[0]);
	close(fds[1]);
	close(slave);
	close(master);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kitty_terminal),
		cmocka_unit_test(test_sixel_terminal),
		cmocka_unit_test(test_plain_terminals_keep_cells),
		cmocka_unit_test(test_answers_in_pieces_and_noise),
		cmocka_unit_test(test_absurd_answers_are_ignored),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_exchange_with_a_terminal),
		cmocka_unit_test(test_not_a_terminal),
		cmocka_unit_test(test_cell_size_sources),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
