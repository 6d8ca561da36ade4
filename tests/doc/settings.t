#!/bin/sh
# settings.t — mediatui.conf(5) documents exactly the settings the program
# accepts, and its examples and data/config.sample are accepted (settings.py).
exec "${PYTHON:-python3}" "${top_srcdir:-.}/tests/doc/settings.py" "${top_srcdir:-.}" \
	"${top_builddir:-.}/src/mediatui"
