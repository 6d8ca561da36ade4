#!/bin/sh
# options.t — commands and options: the parser, --help and mediatui(1) agree,
# and the program accepts what the page documents (checks in options.py).
exec "${PYTHON:-python3}" "${top_srcdir:-.}/tests/doc/options.py" "${top_srcdir:-.}" \
	"${top_builddir:-.}/src/mediatui"
