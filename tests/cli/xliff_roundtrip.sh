#!/bin/sh
# The XLIFF exchange with a real third-party client, Debian's translate-toolkit:
# German and Greek are exported, converted to PO and back (xliff2po, po2xliff) and
# imported into a copy of the content; every unit comes back under its id, no source
# byte changes and the rebuilt database has the same content hash. A translator's
# edit made in the PO file reaches the database; a changed dose is refused with the
# XLIFF file and line, and nothing is written.
set -u
mkc=$1 src=$2
for tool in xliff2po po2xliff; do
  command -v $tool >/dev/null || { echo "$tool missing: install translate-toolkit (packaging/debian-build-deps.txt)"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
hash_of() { "$mkc" build "$1" -o "$2" | sed -n 's/.*sha256 \([0-9a-f]*\).*/\1/p'; }

cp -r "$src" "$tmp/orig"
cp -r "$src" "$tmp/copy"
before=$(hash_of "$tmp/orig" "$tmp/orig.db")
[ -n "$before" ] || fail "the original content does not build"

for loc in de el; do
  "$mkc" xliff export "$tmp/copy" --locale $loc -o "$tmp/$loc.xlf" >/dev/null || fail "export $loc"
  xliff2po -i "$tmp/$loc.xlf" -o "$tmp/$loc.po" >/dev/null 2>&1 || fail "xliff2po $loc"
  po2xliff -i "$tmp/$loc.po" -o "$tmp/$loc.back.xlf" >/dev/null 2>&1 || fail "po2xliff $loc"
  grep -q 'context-type="sourcefile">pomalidomide/brochure/' "$tmp/$loc.back.xlf" || fail "po2xliff lost the ids"
  units=$(grep -c '<trans-unit' "$tmp/$loc.xlf")
  "$mkc" xliff import "$tmp/copy" "$tmp/$loc.back.xlf" --locale $loc >"$tmp/$loc.out" 2>&1
  rc=$?
  cat "$tmp/$loc.out"
  [ $rc -eq 0 ] || fail "the round-tripped $loc file does not import"
  grep -q "($loc): $units unit(s), 0 changed" "$tmp/$loc.out" || fail "not all $units $loc units came back unchanged"
done
diff -r "$tmp/orig" "$tmp/copy" >/dev/null || fail "the round trip changed the sources"
after=$(hash_of "$tmp/copy" "$tmp/copy.db")
[ "$before" = "$after" ] || fail "content hash $after differs from $before"
echo "round trip: de and el through PO, content hash unchanged ($after)"

# A translator's edit in the PO file (translate-toolkit's own PO API, with the Python
# its tools run on) reaches the database.
python=$(sed -n '1s/^#! *//p' "$(command -v xliff2po)")
edit_po() { # PO_IN PO_OUT ENGLISH_FRAGMENT FROM TO
  $python - "$@" <<'EOF'
import sys
from translate.storage import po
src, out, fragment, old, new = sys.argv[1:]
store = po.pofile.parsefile(src)
unit = next(u for u in store.units if fragment in u.source)
assert old in unit.target, unit.target
unit.target = unit.target.replace(old, new, 1)
store.savefile(out)
EOF
}
edit_po "$tmp/de.po" "$tmp/edit.po" "Take your dose at the same time each day." "." " (Test)." || fail "PO edit"
po2xliff -i "$tmp/edit.po" -o "$tmp/edit.xlf" >/dev/null 2>&1 || fail "po2xliff edit"
cp -r "$tmp/orig" "$tmp/edited"
"$mkc" xliff import "$tmp/edited" "$tmp/edit.xlf" --locale de | grep -q ", 1 changed" || fail "the PO edit was not taken"
grep -q "(Test)\.$" "$tmp/edited/pomalidomide/de.md" || fail "the PO edit is not in de.md"
edited=$(hash_of "$tmp/edited" "$tmp/edited.db")
[ -n "$edited" ] && [ "$edited" != "$before" ] || fail "the edited content did not reach the database"

# A changed dose is refused with the XLIFF file and the line of its unit; nothing written.
edit_po "$tmp/de.po" "$tmp/dose.po" "4 mg once a day" "4 mg" "40 mg" || fail "PO dose edit"
po2xliff -i "$tmp/dose.po" -o "$tmp/dose.xlf" >/dev/null 2>&1 || fail "po2xliff dose"
"$mkc" xliff import "$tmp/copy" "$tmp/dose.xlf" --locale de >"$tmp/dose.out" 2>"$tmp/dose.err"
rc=$?
cat "$tmp/dose.err"
[ $rc -eq 1 ] || fail "expected exit 1, got $rc"
line=$(sed -n 's/.*dose\.xlf:\([0-9]*\): unit .*the numbers differ from the English text (missing 4; not in English 40).*/\1/p' "$tmp/dose.err")
[ -n "$line" ] || fail "no file:line error naming the numbers"
sed -n "${line}p" "$tmp/dose.xlf" | grep -q '<trans-unit' || fail "line $line is not the unit's line"
diff -r "$tmp/orig" "$tmp/copy" >/dev/null || fail "a refused import wrote something"
echo "changed dose refused at dose.xlf:$line, nothing written"
