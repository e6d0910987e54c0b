#!/bin/sh
# A translation whose dose differs from the English text must stop the build, with
# an error naming the file and line, and no database may be written.
set -u
mkc=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src"/. "$tmp/"
sed -i '0,/4 mg/s//40 mg/' "$tmp/pomalidomide/de.md"
"$mkc" build "$tmp" -o "$tmp/out.db" 2>"$tmp/err"
rc=$?
cat "$tmp/err"
[ "$rc" -eq 1 ] || { echo "expected exit 1, got $rc"; exit 1; }
grep -Eq 'de\.md:[0-9]+: section .* numbers differ .*not in English 40' "$tmp/err" || { echo "no file:line error"; exit 1; }
[ ! -e "$tmp/out.db" ] || { echo "a database was written"; exit 1; }
echo "refused as expected"
