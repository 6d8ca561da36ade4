"""keys.py - the KEYS section of mediatui(1) against the code.

For each view, the keys its handler in src/tui/*.c reacts to must be exactly
the keys the man page's subsection for that view lists in its tags, and every
key of the in-program key list (src/tui/help.c) must be in the man page.
Prints TAP.  Usage: keys.py TOP_SRCDIR
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docparse  # noqa: E402

top = sys.argv[1] if len(sys.argv) > 1 else "."
n = 0
failed = 0


def check(ok, name, *diag):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
    for d in diag if not ok else ():
        print("# " + d)


# which man subsection documents which handlers
VIEWS = {
    "Everywhere": ["dispatch_key"],
    "Main view": ["main_key"],
    "Remote pane": ["remote_key"],
    "Local pane": ["local_key"],
    "Upload panel": ["uploads_key"],
    "Item details": ["detail_view_key"],
    "Focal point editor": ["detail_focal_key"],
    "Usage": ["usage_view_key"],
    "Audit": ["audit_view_key", "content_keys", "content_view_key"],
    "Key list": ["help_view_key"],
    "Preview": ["preview_view_key"],
    "Messages": ["msglog_view_key"],
    "Questions, prompts and lists": ["ui_dialog_key", "confirm_scroll_key", "ui_line_key",
                                     "pick_filter_key"],
}

handlers = {}
all_source = ""
for path in sorted(glob.glob(os.path.join(top, "src", "tui", "*.c"))):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    all_source += text
    for name, keys in docparse.key_handlers(text).items():
        handlers[name] = keys
# a question's answers are letters each caller chooses
handlers["ui_dialog_key"] |= docparse.confirm_letters(all_source)

documented = {fn for fns in VIEWS.values() for fn in fns}
check(set(handlers) == documented,
      "every key handler in src/tui has a subsection of KEYS",
      "handlers without one: %s" % sorted(set(handlers) - documented),
      "subsections without a handler: %s" % sorted(documented - set(handlers)))

page = docparse.read_page(os.path.join(top, "man", "mediatui.1"))
man_keys = {}
for sec, sub, tag, _ in page:
    if sec == "KEYS" and tag is not None:
        man_keys.setdefault(sub, set()).update(docparse.bold_words(tag))

check(set(man_keys) == set(VIEWS),
      "the KEYS subsections are the views",
      "in the page: %s" % sorted(man_keys), "expected: %s" % sorted(VIEWS))

for view, fns in VIEWS.items():
    code = set()
    for fn in fns:
        code |= handlers.get(fn, set())
    man = man_keys.get(view, set())
    check(code == man, "KEYS/%s lists exactly the keys of %s" % (view, ", ".join(fns)),
          "handled but not in the page: %s" % sorted(code - man),
          "in the page but not handled: %s" % sorted(man - code))

all_man = set().union(*man_keys.values()) if man_keys else set()
with open(os.path.join(top, "src", "tui", "help.c"), encoding="utf-8") as f:
    help_list = docparse.help_keys(f.read())
check(len(help_list) > 40, "help.c's key list is read (%d keys)" % len(help_list))
for heading, key in help_list:
    if key == "!":
        continue   # a mark shown before file names, not a key
    where = man_keys.get(heading) if heading in man_keys and heading != "Everywhere" else all_man
    check(key in where, "help.c %s: %s is in the page%s" %
          (heading, key, "" if where is all_man else " under " + heading))

# the other way round: the in-program list is complete. Each view's keys are
# under its own heading, or among the keys that work alike everywhere.
help_by_heading = {}
for heading, key in help_list:
    help_by_heading.setdefault(heading, set()).add(key)
general = help_by_heading.get("Moving around", set()) | help_by_heading.get("Everywhere", set())
for view in VIEWS:
    if view in ("Key list", "Questions, prompts and lists"):
        continue   # the list itself says how to leave it; a question shows its letters
    check(view in help_by_heading or view == "Everywhere",
          "help.c has a heading %s" % view)
    missing = man_keys.get(view, set()) - help_by_heading.get(view, set()) - general
    check(not missing, "help.c lists every key of %s" % view,
          "missing: %s" % sorted(missing))

print("1..%d" % n)
sys.exit(0)
