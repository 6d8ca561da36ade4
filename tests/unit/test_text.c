/* test_text.c — neutralising outside text, and measuring it by display width. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sanitize.h"
#include "textwidth.h"

static void
expect_clean(const char *in, const char *want)
{
	char *got = mt_sanitize(in);
	if (strcmp(got, want) != 0)
		fail_msg("sanitize: got '%s', want '%s'", got, want);
	free(got);
}

static void
test_controls_become_visible(void **state)
{
	expect_clean("plain name.png", "plain name.png");
	expect_clean("bad\x1b[31mred\x1b]0;pwned\x07.png", "bad^[[31mred^[]0;pwned^G.png");
	expect_clean("a\tb", "a b");
	expect_clean("del\x7f", "del^?");
	expect_clean("nl\nx", "nl^Jx");
	expect_clean("csi\xc2\x9b" "31m", "csi\\x9B31m");
	expect_clean("bad\xff byte", "bad\\xFF byte");
	expect_clean("overlong\xc0\xaf", "overlong\\xC0\\xAF");
	expect_clean("surrogate\xed\xa0\x80", "surrogate\\xED\\xA0\\x80");
	expect_clean("rtl\xe2\x80\xaegnp.exe", "rtl<U+202E>gnp.exe");
	expect_clean("日本語 ☃ é", "日本語 ☃ é");
	expect_clean(NULL, "");
	assert_true(mt_is_terminal_safe("日本語.png"));
	assert_false(mt_is_terminal_safe("x\x1b"));
	assert_false(mt_is_terminal_safe("x\xc2\x9b"));
}

static void
test_utf8_decode(void **state)
{
	unsigned cp;
	assert_int_equal(mt_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(mt_utf8_decode("\xe2\x98\x83", 3, &cp), 3);
	assert_int_equal(cp, 0x2603);
	assert_int_equal(mt_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(mt_utf8_decode("\xe2\x98", 2, &cp), 0);       /* truncated */
	assert_int_equal(mt_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* past U+10FFFF */
	assert_int_equal(mt_utf8_decode("\x80", 1, &cp), 0);
}

static void
test_width_and_fit(void **state)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		fail_msg("the C.UTF-8 locale is required");
	assert_int_equal(mt_text_width("abc"), 3);
	assert_int_equal(mt_text_width("日本"), 4);
	assert_int_equal(mt_text_width("e\xcc\x81"), 1);   /* e + combining acute */
	char out[64];
	assert_int_equal(mt_text_fit("日本語ファイル", 7, 0, out, sizeof out), 7);
	assert_string_equal(out, "日本語…");
	assert_int_equal(mt_text_fit("日本語", 4, 1, out, sizeof out), 4);
	assert_string_equal(out, "日… ");
	assert_int_equal(mt_text_fit("ab", 5, 1, out, sizeof out), 5);
	assert_string_equal(out, "ab   ");
	assert_int_equal(mt_text_fit("abcdef", 4, 0, out, sizeof out), 4);
	assert_string_equal(out, "abc…");
	setlocale(LC_ALL, "C");
	mt_text_fit("abcdef", 4, 0, out, sizeof out);
	assert_string_equal(out, "abc~");
}

/* a name cut in its middle keeps its extension and what tells it apart */
static void
test_fit_name(void **state)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		fail_msg("the C.UTF-8 locale is required");
	char out[128];
	const char *one = "holiday-photo-from-the-harbour-at-dawn-2026-final.png";
	const char *two = "holiday-photo-from-the-harbour-at-dawn-2026-final-2.png";
	/* ASCII: the start, the ellipsis, the extension and cells before it */
	assert_int_equal(mt_text_fit_name(one, 32, 0, out, sizeof out), 32);
	assert_string_equal(out, "holiday-photo-from-t\xe2\x80\xa6" "6-final.png");
	assert_int_equal(mt_text_fit_name(two, 32, 0, out, sizeof out), 32);
	assert_string_equal(out, "holiday-photo-from-t\xe2\x80\xa6" "final-2.png");
	assert_int_equal(mt_text_fit_name(two, 12, 0, out, sizeof out), 12);
	assert_string_equal(out, "hol\xe2\x80\xa6" "al-2.png");
	assert_int_equal(mt_text_fit_name("a long report name (1).pdf", 16, 1, out, sizeof out), 16);
	assert_string_equal(out, "a long \xe2\x80\xa6" " (1).pdf");
	/* an exact fit and a shorter name are copied whole; pad fills */
	assert_int_equal(mt_text_fit_name("exact-fit.png", 13, 0, out, sizeof out), 13);
	assert_string_equal(out, "exact-fit.png");
	assert_int_equal(mt_text_fit_name("a.png", 8, 1, out, sizeof out), 8);
	assert_string_equal(out, "a.png   ");
	assert_int_equal(mt_text_fit_name("exact-fit.png", 12, 0, out, sizeof out), 12);
	assert_string_equal(out, "exa\xe2\x80\xa6" "-fit.png");
	/* no extension (a dot file has none): about a third from the end */
	assert_int_equal(mt_text_fit_name("README-without-extension-here", 12, 0, out, sizeof out), 12);
	assert_string_equal(out, "README-w\xe2\x80\xa6" "ere");
	assert_int_equal(mt_text_fit_name(".bashrc-long-dotfile-name", 12, 0, out, sizeof out), 12);
	assert_string_equal(out, ".bashrc-\xe2\x80\xa6" "ame");
	/* an extension longer than half the cells is no extension to keep */
	assert_int_equal(mt_text_fit_name("archive.thisisaverylongextension", 20, 0, out,
	                                  sizeof out), 20);
	assert_string_equal(out, "archive.thisi\xe2\x80\xa6" "ension");
	/* narrower than the extension: a start and an end all the same */
	assert_int_equal(mt_text_fit_name("holiday.jpeg", 4, 0, out, sizeof out), 4);
	assert_string_equal(out, "ho\xe2\x80\xa6" "g");
	/* too narrow for a start and an end: cut at the end */
	assert_int_equal(mt_text_fit_name("holiday.jpeg", 2, 0, out, sizeof out), 2);
	assert_string_equal(out, "h\xe2\x80\xa6");
	/* wide characters: two cells each, never split; a cell left over pads */
	assert_int_equal(mt_text_fit_name("日本語のファイル名です-2.png", 12, 0, out, sizeof out), 11);
	assert_string_equal(out, "日\xe2\x80\xa6" "す-2.png");
	assert_int_equal(mt_text_fit_name("日本語のファイル名です-2.png", 12, 1, out, sizeof out), 12);
	assert_string_equal(out, "日\xe2\x80\xa6" "す-2.png ");
	assert_int_equal(mt_text_width("日本語のファイル名です-2.png"), 28);
	/* combining marks stay with their letter, on either side of the cut */
	const char *acc = "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
	                  "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81";
	assert_int_equal(mt_text_fit_name(acc, 7, 0, out, sizeof out), 7);
	assert_string_equal(out, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81" "e\xcc\x81"
	                    "\xe2\x80\xa6" "e\xcc\x81" "e\xcc\x81");
	assert_int_equal(mt_text_fit_name("caf\xc3\xa9-menu-caf\xc3\xa9-2.jpg", 9, 0, out,
	                                  sizeof out), 9);
	assert_string_equal(out, "ca\xe2\x80\xa6" "-2.jpg");
	/* a locale without UTF-8: three dots */
	setlocale(LC_ALL, "C");
	assert_int_equal(mt_text_fit_name(two, 20, 0, out, sizeof out), 20);
	assert_string_equal(out, "holiday-p...al-2.png");
	/* a small buffer: never past its end */
	char small[8];
	mt_text_fit_name(two, 20, 1, small, sizeof small);
	assert_true(strlen(small) < sizeof small);
	(void)state;
}

static void
test_format_size(void **state)
{
	char b[32];
	mt_format_size(0, b, sizeof b);
	assert_string_equal(b, "0 B");
	mt_format_size(1023, b, sizeof b);
	assert_string_equal(b, "1023 B");
	mt_format_size(1024, b, sizeof b);
	assert_string_equal(b, "1.0 KiB");
	mt_format_size(1536 * 1024, b, sizeof b);
	assert_string_equal(b, "1.5 MiB");
	mt_format_size((int64_t)10 << 30, b, sizeof b);
	assert_string_equal(b, "10.0 GiB");
	mt_format_size(-1, b, sizeof b);
	assert_string_equal(b, "?");
}

/* long messages wrap at spaces, or inside a word longer than the line */
static void
test_break(void **state)
{
	assert_int_equal(mt_text_break("", 10), 0);
	assert_int_equal(mt_text_break("short", 10), 5);
	assert_int_equal(mt_text_break("deleting folder: Fotos", 18), 17);
	assert_int_equal(mt_text_break("abcdefghij", 4), 4);
	/* "ü" is two bytes, one cell */
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_int_equal(mt_text_break("\xc3\xbc\xc3\xbc\xc3\xbc", 2), 4);
	setlocale(LC_ALL, "C");
	(void)state;
}

/* sizes for columns: never more than the cells given, never a cut number */
static void
test_format_size_fit(void **state)
{
	static const struct { int64_t bytes; const char *want; } cases[] = {
		{ 0, "0 B" },
		{ 1023, "1023 B" },
		{ 1024, "1.0 KiB" },
		{ 10188, "9.9 KiB" },
		{ 10200, "10 KiB" },
		{ 305357, "298 KiB" },
		{ 1048063, "1023 KiB" },
		{ 1048524, "1.0 MiB" },
		{ 1258291, "1.2 MiB" },
		{ 289406976, "276 MiB" },
		{ (int64_t)1023 << 20, "1023 MiB" },
		{ (int64_t)5 << 40, "5.0 TiB" },
		{ INT64_MAX, "8192 PiB" },
		{ -1, "?" },
	};
	char b[32];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		mt_format_size_fit(cases[i].bytes, MT_SIZE_CELLS, b, sizeof b);
		assert_string_equal(b, cases[i].want);
		assert_true(mt_text_width(b) <= MT_SIZE_CELLS);
	}
	/* narrower than that: the space goes, the number stays whole */
	mt_format_size_fit((int64_t)1023 << 20, 7, b, sizeof b);
	assert_string_equal(b, "1023MiB");
	mt_format_size_fit(1258291, 6, b, sizeof b);
	assert_string_equal(b, "1 MiB");
	(void)state;
}

/* the widest of a column: wide characters count two cells, NULL nothing */
static void
test_widest(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		fail_msg("the C.UTF-8 locale is required");
	assert_int_equal(mt_text_widest(0, NULL), 0);
	assert_int_equal(mt_text_widest(3, "ab"), 3);
	assert_int_equal(mt_text_widest(3, "abcde"), 5);
	assert_int_equal(mt_text_widest(5, "日本語"), 6);   /* 9 bytes, 6 cells */
	assert_int_equal(mt_text_widest(7, "日本語"), 7);
	assert_int_equal(mt_text_widest(5, "abcde"), 5);   /* as wide: kept */
	setlocale(LC_ALL, "C");
}

/* A line of parts gives way step by step: shorter forms, then parts left
 * out, then the part that may be cut; what never gives way stays whole. */
static void
test_fit_parts(void **state)
{
	(void)state;
	struct mt_fit_part p[] = {
		{ .text = "prog", .drop_step = 1 },
		{ .text = "/a/long/folder", .may_cut = true },
		{ .text = "sort: name", .shorter = "name", .shorten_step = 2 },
	};
	/* room for all: nothing gives way */
	assert_int_equal(mt_fit_parts(p, 3, 2, 40), 4 + 2 + 14 + 2 + 10);
	assert_string_equal(p[0].shown, "prog");
	assert_string_equal(p[2].shown, "sort: name");
	/* step 1: the name goes */
	assert_int_equal(mt_fit_parts(p, 3, 2, 26), 14 + 2 + 10);
	assert_null(p[0].shown);
	assert_string_equal(p[2].shown, "sort: name");
	/* step 2: the label goes */
	assert_int_equal(mt_fit_parts(p, 3, 2, 20), 14 + 2 + 4);
	assert_string_equal(p[2].shown, "name");
	/* then the folder is cut, the sort whole */
	assert_int_equal(mt_fit_parts(p, 3, 2, 12), 12);
	assert_int_equal(p[1].cells, 6);
	assert_string_equal(p[2].shown, "name");
	assert_int_equal(p[2].cells, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_become_visible),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_width_and_fit),
		cmocka_unit_test(test_fit_name),
		cmocka_unit_test(test_format_size),
		cmocka_unit_test(test_format_size_fit),
		cmocka_unit_test(test_break),
		cmocka_unit_test(test_widest),
		cmocka_unit_test(test_fit_parts),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
