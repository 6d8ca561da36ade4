/* textwidth.h — measure and cut text by display width, not bytes.
 *
 * CJK characters take two cells, combining marks none; a column that cuts a
 * name in the middle of a character or counts bytes misaligns every line
 * after it. Uses the C library's wcwidth in the current locale. */
#ifndef MT_TEXTWIDTH_H
#define MT_TEXTWIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Cells needed to show s (UTF-8, already sanitised). Unprintable characters count 1. */
int mt_text_width(const char *s);
/* Copies s into out, cut to at most `width` cells; a cut ends in "…" (or "~"
 * when the locale cannot show it) and never splits a character. When `pad`
 * is non-zero, fills with spaces to exactly `width` cells. Returns the cells used. */
int mt_text_fit(const char *s, int width, int pad, char *out, size_t outlen);
/* Copies the file name s into out, cut to at most `width` cells in its
 * middle: the start, "…" ("..." when the locale cannot show it), then the
 * end with the extension and a few cells before it whole ("-2.png",
 * "(1).jpg"), so that names differing only there stay told apart. A name
 * without an extension, or with one too long to keep beside a start, keeps
 * about a third of its cells from its end; a name that fits is copied whole.
 * Never splits a character; combining marks stay with theirs. Too narrow
 * for a start and an end, it is cut at its end as mt_text_fit does. With
 * pad, fills with spaces to exactly `width` cells. Returns the cells used. */
int mt_text_fit_name(const char *s, int width, int pad, char *out, size_t outlen);
/* Where to end a line of at most `width` cells taken from the start of s:
 * after the last space that fits, else after the last character that fits
 * (at least one). Returns the bytes of s to take; 0 only for "". */
size_t mt_text_break(const char *s, int width);
/* The wider of `have` cells and s (NULL: have). A string takes no more
 * cells than it has bytes, so measuring a column over thousands of rows
 * passes most of them over without decoding them. */
int mt_text_widest(int have, const char *s);
/* A line of parts that gives way on a narrow screen: less important parts
 * take a shorter form first, then drop out, each at its own step, so that
 * what matters stays whole. The caller numbers the steps: at step k every
 * part whose shorten_step is at most k takes its shorter form and every part
 * whose drop_step is at most k is left out (0: never). */
struct mt_fit_part {
	const char *text;      /* the whole form; NULL or "": not shown */
	const char *shorter;   /* a shorter form, or NULL */
	int shorten_step;
	int drop_step;
	bool may_cut;          /* the last resort: cut to what room is left */
	const char *shown;     /* out: the form chosen, NULL when left out */
	int cells;             /* out: the cells it may take (less than its
	                          form's when it is to be cut: mt_text_fit) */
};
/* Chooses each part's form for `width` cells, the parts joined by `gap`
 * cells: the first step at which the line fits, else the last step with
 * the first part that may_cut cut to the room left (at least one cell; the
 * caller cuts what is still too wide). Returns the cells the line takes. */
int mt_fit_parts(struct mt_fit_part *parts, int n, int gap, int width);
/* "1.5 MiB", "912 B", "12.0 GiB": binary units, one decimal from KiB up;
 * the decimal separator and the unit names follow the user's language. */
void mt_format_size(int64_t bytes, char *out, size_t outlen);
/* The cells a size column needs: mt_format_size_fit(.., MT_SIZE_CELLS, ..)
 * always fits ("1023 MiB", "1023 Kio"). */
#define MT_SIZE_CELLS 8
/* A human size in at most `cells` cells (at least 6), for columns: one
 * decimal below 10 ("1.2 MiB", "9.9 KiB"), whole numbers above ("298 KiB",
 * "1023 MiB"), never cut; the decimal separator follows the user's language. */
void mt_format_size_fit(int64_t bytes, int cells, char *out, size_t outlen);

#endif
