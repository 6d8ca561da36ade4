#!/bin/sh
# bench.sh — the older name of run.sh; see README.md.
exec bash "$(dirname "$0")/run.sh" "$@"
