"""docparse.py - read what the documentation tests compare: the man page's
sections and tags (from the groff source), the options and commands of
--help, and the keys the interface's code handles.

Standard library only; imported by the tests in tests/doc/.
"""
import re

# ---- groff -----------------------------------------------------------------

_ESCAPES = [
    (r"\-", "-"), (r"\(aq", "'"), (r"\(ga", "`"), (r"\(dq", '"'),
    (r"\(bu", "*"), (r"\(em", "--"), (r"\&", ""), (r"\ ", " "), (r"\e", "\\"),
]


def _unescape(text):
    for a, b in _ESCAPES:
        text = text.replace(a, b)
    return text


def _args(rest):
    """A macro's arguments: words, or "quoted strings" ("" is a quote)."""
    out = []
    for m in re.finditer(r'"((?:[^"]|"")*)"?|(\S+)', rest):
        out.append(m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2))
    return out


def segments(line):
    """A source line as [(font, text)], font one of B, I, R."""
    font_macros = {"B": "B", "I": "I", "BR": "BR", "RB": "RB", "BI": "BI",
                   "IB": "IB", "IR": "IR", "RI": "RI"}
    parts = []
    m = re.match(r"^\.([A-Z]{1,2})(?:\s+(.*))?$", line)
    if m and m.group(1) in font_macros:
        name, rest = m.group(1), m.group(2) or ""
        args = _args(rest)
        if name in ("B", "I"):
            parts = [(name, " ".join(args))]
        else:
            parts = [(name[i % 2], a) for i, a in enumerate(args)]
    elif line.startswith("."):
        return []
    else:
        parts = [("R", line)]
    # inline font changes
    out = []
    for font, text in parts:
        prev, cur = font, font
        pos = 0
        for fm in re.finditer(r"\\f([BIRP])", text):
            out.append((cur, text[pos:fm.start()]))
            new = prev if fm.group(1) == "P" else fm.group(1)
            prev, cur = cur, new
            pos = fm.end()
        out.append((cur, text[pos:]))
    return [(f, _unescape(t)) for f, t in out if t]


def plain(line):
    return "".join(t for _, t in segments(line))


def read_page(path):
    """The page as [(section, subsection, tag_or_None, [lines])]: one entry
    per .TP (tag = its first line) and per paragraph."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    entries = []
    sec = sub = ""
    cur = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('.\\"') or line.startswith("'\\\""):
            i += 1
            continue
        m = re.match(r"^\.(SH|SS)\s+(.*)$", line)
        if m:
            title = " ".join(_args(m.group(2)))
            if m.group(1) == "SH":
                sec, sub = title, ""
            else:
                sub = title
            cur = None
            i += 1
            continue
        if re.match(r"^\.TP\b", line):
            tag = lines[i + 1] if i + 1 < len(lines) else ""
            cur = (sec, sub, tag, [])
            entries.append(cur)
            i += 2
            continue
        paragraph = re.match(r"^\.(PP|P|LP)\b", line)
        if paragraph or cur is None:
            cur = (sec, sub, None, [])
            entries.append(cur)
            if paragraph:
                i += 1
                continue
        cur[3].append(line)
        i += 1
    return entries


def bold_words(line):
    """The words set in bold on a source line, punctuation around them kept
    only when it is the whole word (a key such as "," or ":")."""
    words = []
    for font, text in segments(line):
        if font != "B":
            continue
        for w in text.split():
            stripped = w.rstrip(",;") if len(w) > 1 else w
            if stripped:
                words.append(stripped)
    return words


def options_in(text):
    """Option names in plain text: ["--type", "-n", ...] in order."""
    found = []
    for tok in re.split(r"[\s\[\]|(),/]+", text):
        if re.fullmatch(r"--[a-z][a-z-]*", tok) or re.fullmatch(r"-[A-Za-z]", tok):
            found.append(tok)
    return found


def option_args(text):
    """{option: its argument word or None} for each option in a synopsis
    such as "ls [folder] [--type image|document|video] [--all]"."""
    toks = [t.rstrip(",") for t in re.split(r"[\s\[\]]+", text) if t.rstrip(",")]
    out = {}
    for i, tok in enumerate(toks):
        for opt in re.split(r"\|", tok):
            if re.fullmatch(r"--[a-z][a-z-]*|-[A-Za-z]", opt):
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and (nxt.startswith("-") or "..." in nxt):
                    nxt = None
                out[opt] = nxt
    return out


# ---- --help ----------------------------------------------------------------

def help_blocks(text):
    """{"Commands": {name: [options]}, "Options": [[forms]]} from --help."""
    commands, options = {}, []
    block = None
    current = None
    for line in text.split("\n"):
        if re.match(r"^\S.*:$", line):
            block = line[:-1]
            continue
        if not line.strip():
            block = None
            continue
        if block == "Commands":
            m = re.match(r"^  ([a-z]+)\b(.*)$", line)
            if m:
                current = m.group(1)
                commands[current] = options_in(m.group(2))
            elif current:
                commands[current] += options_in(line)
        elif block == "Options":
            m = re.match(r"^  (\s*-\S.*?)(\s{2,}|$)", line)
            if m:
                options.append(options_in(m.group(1)))
    return commands, options


# ---- the interface's key handlers --------------------------------------------

KEY_NAMES = {
    "KEY_DOWN": "Down", "KEY_UP": "Up", "KEY_LEFT": "Left", "KEY_RIGHT": "Right",
    "KEY_NPAGE": "PgDn", "KEY_PPAGE": "PgUp", "KEY_HOME": "Home", "KEY_END": "End",
    "KEY_BACKSPACE": "Backspace", "KEY_DC": "Delete", "KEY_ENTER": "Enter",
    "KEY_BTAB": "Shift+Tab", "KEY_F(5)": "F5",
    "KEY_SLEFT": "Shift+arrows", "KEY_SRIGHT": "Shift+arrows",
    "KEY_SR": "Shift+arrows", "KEY_SF": "Shift+arrows",
}
# events that are not keys a person presses
NOT_KEYS = {"KEY_RESIZE", "KEY_MOUSE", "KEY_CODE_YES"}
_CHAR_NAMES = {"\\r": "Enter", "\\n": "Enter", "\\t": "Tab", " ": "Space", "\\x1b": "Esc"}


def _code_name(n):
    if n == 27:
        return "Esc"
    if n in (127, 8):
        return "Backspace"
    if n in (13, 10):
        return "Enter"
    if n == 9:
        return "Tab"
    if 1 <= n <= 26:
        return "^" + chr(64 + n)
    return None


def key_handlers(source):
    """{function: set of key names} for every function of the form
    NAME(..., int is_key, wint_t ch) in a C source text."""
    out = {}
    for m in re.finditer(r"^(\w+)\([^)]*int is_key, wint_t ch\)\n\{\n(.*?)\n\}$",
                         source, re.S | re.M):
        body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)
        keys = set()
        for k in re.findall(r"\bKEY_[A-Z]+(?:\(\d+\))?", body):
            if k in NOT_KEYS:
                continue
            if k not in KEY_NAMES:
                raise ValueError("%s: no name for %s" % (m.group(1), k))
            keys.add(KEY_NAMES[k])
        for c in re.findall(r"(?:case |ch == )'(\\.|[^'\\])'", body):
            keys.add(_CHAR_NAMES.get(c, c))
        for n in re.findall(r"(?:case |ch == )(\d+)\b", body):
            name = _code_name(int(n))
            if name is None:
                raise ValueError("%s: no name for key code %s" % (m.group(1), n))
            keys.add(name)
        out[m.group(1)] = keys
    return out


def confirm_letters(source):
    """The answer letters every ui_confirm() and ui_confirm_list() call offers."""
    letters = set()
    for call in re.findall(r"\bui_confirm(?:_list)?\((.*?)\);", source, re.S):
        for s in re.findall(r'"([a-z]{2,5})"', call):
            letters.update(s)
    return letters


_ARROWS = {"\u2193": "Down", "\u2191": "Up", "\u2190": "Left", "\u2192": "Right"}


def help_keys(source):
    """[(heading, key)] from the table in src/tui/help.c."""
    out = []
    heading = None
    # keys are a literal, or N_("...") where a word in them is translated
    for m in re.finditer(r'\{\s*(NULL|(?:N_\()?"((?:[^"\\]|\\.)*)"\)?)\s*,\s*N_\("((?:[^"\\]|\\.)*)"\)\s*\}',
                         source):
        if m.group(1) == "NULL":
            heading = m.group(3)
            continue
        keys = m.group(2).encode("latin-1", "backslashreplace").decode("unicode_escape")
        keys = keys.encode("latin-1").decode("utf-8")
        for word in keys.split():
            if all(c in _ARROWS for c in word):
                out += [(heading, _ARROWS[c]) for c in word]
            elif len(word) > 1 and all(c in "hjklHJKL" for c in word):
                out += [(heading, c) for c in word]
            else:
                out.append((heading, word))
    return out


if __name__ == "__main__":
    # docparse.py help < HELP_TEXT: one line per command, "NAME OPTION...",
    # then one line "GLOBAL OPTION..."; for the shell tests
    import sys
    if sys.argv[1:] == ["help"]:
        cmds, opts = help_blocks(sys.stdin.read())
        for name in sorted(cmds):
            print(" ".join([name] + sorted(set(cmds[name]))))
        print(" ".join(["GLOBAL"] + sorted({f for forms in opts for f in forms})))
    else:
        sys.exit("usage: docparse.py help < HELP_TEXT")
