#!/bin/sh
# A headless screenshot of the pregnancy section must be a 1080x1920 PNG.
set -e
mk=$1 out=$2
rm -f "$out"
"$mk" --screenshot "$out" --screen brochure --section pregnancy --size 1080x1920
head -c 8 "$out" | od -An -c | grep -q 'P   N   G' || { echo "not a PNG"; exit 1; }
# PNG IHDR: width and height are big-endian at bytes 16..23.
dims=$(od -An -tu1 -j16 -N8 "$out" | tr -s ' ')
[ "$dims" = " 0 0 4 56 0 0 7 128" ] || { echo "unexpected size:$dims"; exit 1; }
echo "screenshot ok"
