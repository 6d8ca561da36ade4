/* sanitize.h — make outside text safe to show on a terminal.
 *
 * Filenames and every string a server sends can hold control characters and
 * escape sequences that would move the cursor, retitle the window or worse.
 * Everything from outside passes through here before it is printed or drawn. */
#ifndef MT_SANITIZE_H
#define MT_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a fresh UTF-8 string where C0 controls and DEL are shown in caret
 * notation (ESC becomes "^["), C1 controls and bytes that are not valid UTF-8
 * as "\xNN". Tab becomes one space. Never NULL; NULL input gives "". */
char *mt_sanitize(const char *s);

/* True when s holds nothing that mt_sanitize would change. */
bool mt_is_terminal_safe(const char *s);

/* Decodes one UTF-8 sequence at s (at most n bytes). Stores the code point in
 * *cp and returns its length, or returns 0 when the bytes are not valid UTF-8
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
size_t mt_utf8_decode(const char *s, size_t n, unsigned *cp);

#endif
