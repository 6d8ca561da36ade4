#!/bin/sh
# sizes.t — no source file under src/ is longer than a newcomer can hold:
# 800 lines at most. A file that grows past it is split along its seams
# (HACKING.md, "Rules of the house").
top=${top_srcdir:-.}
limit=800
echo "1..1"
over=$(find "$top/src" -name '*.[ch]' -exec wc -l {} + | awk -v l="$limit" '$2 != "total" && $1 > l { print $1, $2 }')
if [ -n "$over" ]; then
	echo "not ok 1 - every file under src/ has at most $limit lines"
	printf '%s\n' "$over" | sed "s|$top/||; s/^/# /"
	exit 1
fi
echo "ok 1 - every file under src/ has at most $limit lines"
