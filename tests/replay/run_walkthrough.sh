#!/bin/sh
# Plays walkthrough.txt against the real UI, headless, and checks the state the
# kiosk reports next to each screenshot.
set -eu
mk=$1 dir=$2 out=$3
rm -rf "$out"
"$mk" --config "$dir/kiosk.ini" --replay "$dir/walkthrough.txt" --out "$out" --size 1080x1920
fail=0
expect() { # shot key value
  got=$(grep "^$2=" "$out/$1.txt" | cut -d= -f2)
  if [ "$got" != "$3" ]; then echo "FAIL $1: $2 is '$got', expected '$3'"; fail=1; else echo "ok   $1: $2=$3"; fi
}
expect 00-attract screen attract
expect 01-language screen language
expect 02-purpose screen brochure
expect 02-purpose locale en_IE
expect 02-purpose section purpose
expect 03-how_to_take section how_to_take
expect 04-pregnancy section pregnancy
expect 05-donation section donation
expect 06-symptoms section symptoms
expect 07-side_effects section side_effects
expect 08-how_it_works section how_it_works
expect 09-sources section sources
expect 10-scrolled section pregnancy
# A drag that starts on a rail button scrolls nothing and must not select it.
expect 11-drag-is-not-a-tap section symptoms
expect 12-idle-warning idle_warning 1
expect 12-idle-warning screen brochure
expect 13-back-to-attract screen attract
expect 13-back-to-attract locale en
expect 13-back-to-attract section purpose
scroll=$(grep '^scroll=' "$out/10-scrolled.txt" | cut -d= -f2)
if [ "$scroll" -gt 400 ]; then echo "ok   10-scrolled: scroll=$scroll"; else echo "FAIL 10-scrolled: scroll=$scroll, expected > 400"; fail=1; fi
for f in "$out"/*.png; do [ -s "$f" ] || { echo "FAIL empty $f"; fail=1; }; done
exit $fail
