#!/bin/sh
# The review pack's structure (not its print): a page per German section with English
# beside it, numbers marked, source references and hashes, A4 print rules, a sign-off
# sheet with one row per text, and text escaped (a title with markup in a copy of the
# content). A locale without texts is refused and nothing is written.
set -u
mkc=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}
c="$tmp/content"
mkdir -p "$c"
cp -r "$src"/. "$c/"
sed -i 's/^## \(.*\) {#purpose}$/## \1 <i>\&<\/i> {#purpose}/' "$c/pomalidomide/de.md"

"$mkc" review-pack "$c" --locale de --out "$tmp/pack" >"$tmp/out" 2>&1 || fail "review-pack: $(cat "$tmp/out")"
html="$tmp/pack/pomalidomide-de-review.html"
[ -s "$html" ] || fail "no $html"
texts=$("$mkc" review-status "$c" --locale de | awk '/^  /{n++} END{print n}')
[ "$texts" -gt 10 ] || fail "review-status listed $texts texts"
count() { grep -o -- "$1" "$html" | wc -l; }

[ "$(head -1 "$html")" = "<!DOCTYPE html>" ] || fail "not HTML"
grep -q "@page { size: A4" "$html" || fail "no A4 page rule"
grep -q "@media print" "$html" || fail "no print rules"
grep -q "section.item, section.sheet { break-before: page" "$html" || fail "no page break per section"
[ "$(count '<section class="item')" -eq "$texts" ] || fail "$(count '<section class="item') texts in the pack, not $texts"
for id in warning section/purpose section/pregnancy section/sources; do
  grep -q "<section class=\"item\" id=\"$id\">" "$html" || fail "no page for $id"
done
# Counselling points, short, share pages from the first one on.
grep -q '<section class="item point first" id="point/birth_defects">' "$html" || fail "no first point page"
grep -q '<section class="item point" id="point/condom">' "$html" || fail "no part for point/condom"
grep -q "<th>English</th><th>de</th>" "$html" || fail "no English and German columns"
grep -q "<td lang=\"en\">" "$html" || fail "no English cells"
[ "$(count '<mark>')" -gt 50 ] || fail "numbers are not marked"
grep -q "<mark>4</mark> mg" "$html" || fail "the 4 mg dose is not marked"
grep -q "<mark>2,5</mark>" "$html" || grep -q "<mark>1</mark>–<mark>21</mark>" "$html" || fail "no decimal or range marked"
grep -q "Source: EMA/240195/2019" "$html" || fail "no source reference"
[ "$(count 'SHA-256 of this text: <code>[0-9a-f]\{64\}</code>')" -eq "$texts" ] || fail "a text page lacks its hash"
[ "$(count 'SHA-256 of the English text: <code>[0-9a-f]\{64\}</code>')" -eq "$texts" ] || fail "no English hash"
grep -q "WARNING BOX" "$html" || fail "callouts are not shown as such"

grep -q '<section class="sheet">' "$html" || fail "no sign-off sheet"
sheet=$(sed -n '/<section class="sheet">/,/<\/section>/p' "$html")
rows=$(printf '%s\n' "$sheet" | grep -o '<td class="text">' | wc -l)
[ "$rows" -eq "$texts" ] || fail "the sign-off sheet has $rows rows for $texts texts"
for col in "Reviewer (name)" "Role" "Date" "Signature"; do
  printf '%s\n' "$sheet" | grep -q "$col</th>" || fail "the sign-off sheet has no $col column"
done
printf '%s\n' "$sheet" | grep -q -- "--native-speaker" || fail "the sheet does not say how to record a translation"

grep -q "&lt;i&gt;&amp;&lt;/i&gt;" "$html" || fail "the title's markup is not escaped"
grep -q "<i>&</i>" "$html" && fail "unescaped text in the pack"

"$mkc" review-pack "$c" --locale en --out "$tmp/en" >/dev/null 2>&1 || fail "English pack"
grep -q "<th>English</th></tr>" "$tmp/en/pomalidomide-en-review.html" || fail "the English pack has a second column"

"$mkc" review-pack "$c" --locale xx --out "$tmp/none" >"$tmp/out" 2>&1
[ $? -eq 1 ] || fail "a locale without texts was accepted"
grep -q "has no xx texts" "$tmp/out" || fail "no reason: $(cat "$tmp/out")"
[ ! -e "$tmp/none" ] || fail "something was written for xx"
echo "ok"
