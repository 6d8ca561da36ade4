#!/bin/sh
# run-tests.sh — the reference server's own tests (standard library unittest).
here=$(cd "$(dirname "$0")" && pwd)
exec "${PYTHON:-python3}" -m unittest discover -s "$here" -p 'test_*.py' -v
