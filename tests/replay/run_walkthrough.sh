#!/bin/sh
# Taps through Attract -> Language -> Brochure -> every section with a replay script,
# headless, then checks the state the kiosk reports beside each screenshot.
# Tap coordinates are not hard-coded: each step replays the script so far, reads the
# target rectangles the UI registered, and taps the centre of the wanted one, so the
# test follows layout changes but still taps real pixels.
set -eu
mk=$1 dir=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
script="$out/walkthrough.txt"
: > "$script"
replay() { "$mk" --config "$dir/kiosk.ini" --replay "$1" --out "$out" --size 1080x1920 2>/dev/null; }
add() { echo "$*" >> "$script"; }
tap_id() { # append a tap on the centre of target $1 as the UI currently lays it out
  cp "$script" "$out/probe-script.txt"
  echo "shot probe" >> "$out/probe-script.txt"
  replay "$out/probe-script.txt"
  rect=$(grep "^target=$1 " "$out/probe.txt" | head -1 | cut -d' ' -f2-)
  [ -n "$rect" ] || { echo "FAIL no target $1 on screen"; exit 1; }
  set -- $rect
  add "tap $(( ($1 + $3) / 2 )) $(( ($2 + $4) / 2 ))"
}
add "shot 00-attract"
# Attract touched by mistake: the language screen's way back.
tap_id attract.start;             tap_id language.back;     add "shot 00-back-from-language"
tap_id attract.start;             add "shot 01-language"
tap_id language.en_IE;            add "shot 02-purpose"
n=3
for s in how_to_take pregnancy donation symptoms side_effects how_it_works sources; do
  tap_id "rail.$s"; add "shot 0$n-$s"; n=$((n + 1))
done
tap_id rail.pregnancy
add "drag 540 1500 540 700 300"
add "wait 1500"
add "shot 10-scrolled"
tap_id rail.symptoms
add "shot 11-symptoms"
# Language opened from the brochure, then left without choosing: the same section.
tap_id brochure.language;         tap_id language.back;     add "shot 11-back-to-symptoms"
# A drag that starts on a rail button must scroll nothing and select nothing.
tap_id rail.donation
sed -i '$ d' "$script"
rect=$(grep "^target=rail.donation " "$out/probe.txt" | cut -d' ' -f2-)
set -- $rect
add "drag $(( ($1 + $3) / 2 )) $(( ($2 + $4) / 2 )) $(( ($1 + $3) / 2 )) $(( $4 + 200 )) 600"
add "shot 12-drag-is-not-a-tap"
add "wait 95000"
add "shot 13-idle-warning"
add "wait 40000"
add "shot 14-back-to-attract"
replay "$script"

fail=0
expect() { # shot key value
  got=$(grep "^$2=" "$out/$1.txt" | cut -d= -f2)
  if [ "$got" != "$3" ]; then echo "FAIL $1: $2 is '$got', expected '$3'"; fail=1; else echo "ok   $1: $2=$3"; fi
}
expect 00-attract screen attract
expect 00-back-from-language screen attract
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
expect 11-symptoms section symptoms
expect 11-back-to-symptoms screen brochure
expect 11-back-to-symptoms section symptoms
expect 11-back-to-symptoms locale en_IE
expect 12-drag-is-not-a-tap section symptoms
expect 13-idle-warning idle_warning 1
expect 13-idle-warning screen brochure
expect 14-back-to-attract screen attract
expect 14-back-to-attract locale en_IE  # the member state's first language
expect 14-back-to-attract section purpose
scroll=$(grep '^scroll=' "$out/10-scrolled.txt" | cut -d= -f2)
if [ "$scroll" -gt 400 ]; then echo "ok   10-scrolled: scroll=$scroll"; else echo "FAIL 10-scrolled: scroll=$scroll, expected > 400"; fail=1; fi
for f in "$out"/*.png; do [ -s "$f" ] || { echo "FAIL empty $f"; fail=1; }; done
exit $fail
