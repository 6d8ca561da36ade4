/* termquery.h — asking the terminal what it can draw: a pixel protocol
 * (kitty graphics, sixel) and the size of a cell in pixels.
 *
 * Pictures in pixels are used only when the user allows them (the `pixels`
 * setting) and, with `auto`, only when the terminal itself announces them:
 * a kitty graphics query answered "OK", or a primary device attributes
 * answer that lists 4 (sixel). Everything else keeps character cells. */
#ifndef MT_TERMQUERY_H
#define MT_TERMQUERY_H

#include <stdbool.h>
#include <stddef.h>

enum mt_pixels {
	MT_PIXELS_OFF = 0,    /* character cells only (the default) */
	MT_PIXELS_AUTO,       /* ask the terminal, use what it announces */
	MT_PIXELS_SIXEL,
	MT_PIXELS_KITTY,
};

/* "off", "auto", "sixel", "kitty" -> 0 and *out; -1 for anything else. */
int mt_pixels_from_name(const char *name, enum mt_pixels *out);
const char *mt_pixels_name(enum mt_pixels p);

/* What the terminal answered. */
struct mt_term_caps {
	bool answered;        /* the device attributes answer arrived */
	bool kitty;           /* the kitty graphics query was answered OK */
	bool sixel;           /* device attributes list 4 */
	int cell_w, cell_h;   /* pixels per cell; 0 = not said */
};

/* The bytes sent: a kitty graphics query, a cell size request (CSI 16 t),
 * then primary device attributes, which every terminal answers, so its
 * answer marks the end of the others. */
extern const char mt_termquery_text[];

/* Reads the answers in buf[0, len). Returns the number of bytes up to and
 * including the device attributes answer, or 0 when it has not arrived
 * (read more and call again with everything so far). Bytes that are not
 * part of an answer are skipped. */
size_t mt_termquery_parse(const char *buf, size_t len, struct mt_term_caps *caps);

/* Sends the query on out_fd and reads the answers from in_fd (a terminal,
 * switched to raw input meanwhile) for at most timeout_ms. Returns 0 when
 * the terminal answered, -1 otherwise (caps then says nothing). */
int mt_termquery_ask(int in_fd, int out_fd, int timeout_ms, struct mt_term_caps *caps);

/* Pixels per cell: from the kernel's window size of fd where the terminal
 * sets it (it follows font changes), else from the terminal's answer
 * (caps may be NULL), else 10 x 20. */
void mt_term_cell_size(int fd, const struct mt_term_caps *caps, int *cell_w, int *cell_h);

/* The protocol to use for `want` and what the terminal said. */
enum mt_pixels mt_pixels_choose(enum mt_pixels want, const struct mt_term_caps *caps);

#endif
