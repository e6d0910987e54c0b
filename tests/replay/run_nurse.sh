#!/bin/sh
# Nurse mode end to end, headless: a 3 s hold on the corner, the nurse's name
# chosen and the PIN typed on the pad, a walk-through for a man in Polish with the nurse in German, the summary,
# the saved record (checked through medkiosk-admin's CSV export), and the brochure
# lens the patient reads on with. Taps land on target centres read from the UI's
# own target list (one probe replay per screen), so layout changes don't break it.
set -eu
mk=$1 admin=$2 out=$3
rm -rf "$out"
mkdir -p "$out/data"
printf '[kiosk]\ncountry = DE\n[data]\ndirectory = %s\n' "$out/data" > "$out/kiosk.ini"
echo 246813 | "$admin" --data-dir "$out/data" nurse add "Schwester Eva" >/dev/null
script="$out/nurse.txt"
: > "$script"
replay() { "$mk" --config "$out/kiosk.ini" --replay "$1" --out "$out" --size 1080x1920 2>>"$out/log.txt"; }
add() { echo "$*" >> "$script"; }
probe() { # replays the script so far and keeps the screen's targets in probe.txt
  cp "$script" "$out/probe-script.txt"
  echo "shot probe" >> "$out/probe-script.txt"
  replay "$out/probe-script.txt"
}
tap() { # a tap on the centre of target $1 in the last probe
  rect=$(grep "^target=$1 " "$out/probe.txt" | head -1 | cut -d' ' -f2-)
  [ -n "$rect" ] || { echo "FAIL no target $1 on screen $(grep '^screen=' "$out/probe.txt")"; exit 1; }
  set -- $rect
  add "tap $(( ($1 + $3) / 2 )) $(( ($2 + $4) / 2 ))"
}

add "shot 00-attract"
add "hold 24 24 3300"
add "shot 01-pin"
probe; tap pin.nurse.1
add "shot 01-pin-pad"
probe
for key in 2 4 6 8 1 3 ok; do tap "pin.$key"; done
add "shot 02-nurse-home"
probe; tap nurse.category.man; tap nurse.change_patient_language
add "shot 03-languages"
probe; tap nurse.language.pl
probe; tap nurse.start
add "shot 04-point-1"
probe
for i in 2 3 4 5 6 7 8; do
  tap counselling.understood
  add "shot 05-point-$i"
done
tap counselling.understood
add "shot 06-summary"
probe; tap summary.finish
add "shot 07-saved"
probe; tap summary.read_brochure
add "shot 08-lens"
replay "$script"

fail=0
expect() { # shot key value
  got=$(grep "^$2=" "$out/$1.txt" | head -1 | cut -d= -f2-)
  if [ "$got" != "$3" ]; then echo "FAIL $1: $2 is '$got', expected '$3'"; fail=1; else echo "ok   $1: $2=$3"; fi
}
shows() { # shot text
  if grep -q "^text=.*$2" "$out/$1.txt"; then echo "ok   $1 shows '$2'"; else echo "FAIL $1 does not show '$2'"; fail=1; fi
}
expect 00-attract screen attract
expect 01-pin screen pin
expect 01-pin-pad screen pin
expect 02-nurse-home screen nurse
expect 02-nurse-home nurse "Schwester Eva"
expect 03-languages screen nurse_language
expect 04-point-1 screen counselling
expect 04-point-1 category man
expect 04-point-1 patient_locale pl
expect 04-point-1 nurse_locale de_DE
expect 04-point-1 point 1/8
shows 04-point-1 "Punkt 1 von 8"
shows 04-point-1 "Pomalidomid może"      # Polish, the patient's language, on top
shows 04-point-1 "Pomalidomid kann"      # German, the nurse's, beneath
expect 05-point-2 point 2/8
shows 05-point-2 "Prezerwatywa"
shows 05-point-2 "Kondome"
expect 05-point-8 point 8/8
expect 06-summary screen summary
shows 06-summary "8 von 8"
expect 07-saved saved 1
expect 08-lens screen brochure
expect 08-lens locale pl
expect 08-lens lens man
expect 08-lens section pregnancy
expect 08-lens nurse ""
csv="$out/records.csv"
"$admin" --data-dir "$out/data" export --out "$csv" >/dev/null
if grep -q ",pomalidomide,man,pl,[0-9]*,8,birth_defects condom semen_donation blood_donation not_sharing return_capsules patient_card symptoms,,Schwester Eva" "$csv"; then
  echo "ok   the record: man, pl, 8 of 8 understood, no patient details"
else
  echo "FAIL record not as expected:"; cat "$csv"; fail=1
fi
"$admin" --data-dir "$out/data" audit verify || fail=1
for f in "$out"/0*.png; do [ -s "$f" ] || { echo "FAIL empty $f"; fail=1; }; done
exit $fail
