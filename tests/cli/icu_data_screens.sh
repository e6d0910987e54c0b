#!/bin/sh
# The kiosk's own ICU data (scripts/icu-data) must change nothing a patient or nurse
# sees: every screen that sorts, names languages, formats numbers, dates and plurals
# or breaks lines is drawn with it and with the system's full data, in every kiosk
# language and a few regional ones, and the pictures must be identical. Ukrainian has
# no UI strings, so its ICU data is not in the kiosk's file: ICU reads it from the
# system's, and its screens must be identical too.
# Usage: icu_data_screens.sh MEDKIOSK OUT_DIR [LOCALE...] (default: all of them)
set -eu
mk=$1 out=$2
shift 2
locales=${*:-bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv de_AT fr_BE el_CY sv_FI uk}
rm -rf "$out"
mkdir -p "$out"
shot() {  # DATA NAME ARGS...: DATA is "kiosk" or "system"
  data=$1 name=$2
  shift 2
  if [ "$data" = system ]; then
    MEDKIOSK_ICU_DATA=system "$mk" --screenshot "$out/$name.$data.png" --size 720x1280 "$@" 2>"$out/$name.$data.log"
  else
    "$mk" --screenshot "$out/$name.$data.png" --size 720x1280 "$@" 2>"$out/$name.$data.log"
    if grep -q "using the system's ICU data" "$out/$name.$data.log"; then
      echo "the kiosk's ICU data was not used for $name:"
      cat "$out/$name.$data.log"
      exit 1
    fi
  fi
}
compared=0
for locale in $locales; do
  # The nurse's own screens (summary, status) are in the kiosk's language, English here.
  views='"language" "medicine" "brochure --section pregnancy" "brochure --section sources" "counselling"'
  [ "$locale" != en ] || views="$views \"summary\" \"status\""
  eval "set -- $views"
  for view in "$@"; do
    name="$locale.$(echo "$view" | tr -c 'a-z_\n' '_')"
    # shellcheck disable=SC2086  # $view is a screen and its options
    shot kiosk "$name" --locale "$locale" --screen $view
    # shellcheck disable=SC2086
    shot system "$name" --locale "$locale" --screen $view
    if ! cmp -s "$out/$name.kiosk.png" "$out/$name.system.png"; then
      echo "$name differs with the kiosk's ICU data: $out/$name.kiosk.png against $out/$name.system.png"
      exit 1
    fi
    compared=$((compared + 1))
  done
done
echo "$compared screens identical with the kiosk's and the system's ICU data"
