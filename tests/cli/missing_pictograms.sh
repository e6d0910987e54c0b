#!/bin/sh
# A kiosk whose pictograms are missing or broken still shows every screen, with the
# labels alone, and says which pictures it lacks in the log (README: "When something
# is missing or broken"). The kiosk is copied with its data but without assets/.
# Usage: missing_pictograms.sh BUILD-DIR OUT-DIR
set -u
build=$1 out=$2
rm -rf "$out"
mkdir -p "$out/kiosk"
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
cp "$build/medkiosk" "$out/kiosk/"
ln -s "$build/locales" "$out/kiosk/locales"
ln -s "$build/content" "$out/kiosk/content"
shot() { # shot NAME: the brochure, and its log
  "$out/kiosk/medkiosk" --screenshot "$out/$1.png" --screen brochure --size 1080x1920 --data-dir "$out/var" \
    2>"$out/$1.log" || bad "$1: medkiosk exited $? ($(cat "$out/$1.log"))"
  [ -s "$out/$1.png" ] && ok "$1: the brochure is drawn" || bad "$1: no screenshot"
}
shot none
grep -q "pictures: pictograms missing from $out/kiosk/assets/pictograms: info, capsule" "$out/none.log" &&
  ok "missing pictograms are named in the log" || bad "no missing-pictogram line in: $(cat "$out/none.log")"
# Every file there, but the home pictogram's unreadable: logged when first drawn.
mkdir -p "$out/kiosk/assets"
cp -r "$build/assets/pictograms" "$out/kiosk/assets/"
for f in "$out"/kiosk/assets/pictograms/home.*.png; do echo broken >"$f"; done
shot broken
grep -q "pictograms missing" "$out/broken.log" && bad "all files are there, yet some were called missing"
grep -q "cannot read $out/kiosk/assets/pictograms/home.normal.*label is shown alone" "$out/broken.log" &&
  ok "an unreadable pictogram is named in the log" || bad "no unreadable-pictogram line in: $(cat "$out/broken.log")"
exit $fail
