#!/bin/sh
# keys.t — mediatui(1)'s KEYS against the key handlers of src/tui and the
# in-program key list (the checks are in keys.py; TAP output).
exec "${PYTHON:-python3}" "${top_srcdir:-.}/tests/doc/keys.py" "${top_srcdir:-.}"
