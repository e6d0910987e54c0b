#!/bin/sh
# --scroll: a screenshot shows any place in a brochure section or the language list.
# 0 is the top, `end` the end, a number past the end shows the end and says so.
# Usage: screenshot_scroll.sh MEDKIOSK OUT-DIR
set -u
mk=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
shot() { # shot NAME SCREEN ARGS...: a screenshot and its log
  name=$1 screen=$2
  shift 2
  "$mk" --screenshot "$out/$name.png" --screen "$screen" --size 1080x1920 "$@" 2>"$out/$name.log" ||
    bad "$name: medkiosk exited $? ($(cat "$out/$name.log"))"
}
same() { cmp -s "$out/$1.png" "$out/$2.png"; }
shot top brochure --section pregnancy
shot zero brochure --section pregnancy --scroll 0
shot mid brochure --section pregnancy --scroll 900
shot end brochure --section pregnancy --scroll end
shot far brochure --section pregnancy --scroll 999999
same top zero && ok "--scroll 0 is the top" || bad "--scroll 0 differs from no --scroll"
same top mid && bad "--scroll 900 shows the top" || ok "--scroll 900 shows another part"
same mid end && bad "--scroll 900 shows the end" || ok "--scroll end shows another part again"
same end far && ok "--scroll past the end shows the end" || bad "--scroll 999999 differs from --scroll end"
grep -q "scrolled to 900 of " "$out/mid.log" && ok "logged: $(grep -o 'scrolled to.*' "$out/mid.log")" ||
  bad "no 'scrolled to 900' in $(cat "$out/mid.log")"
end=$(sed -n 's/.*scrolled to \([0-9]*\) of \([0-9]*\) px.*/\1 \2/p' "$out/end.log")
set -- $end
[ "${1:-0}" -gt 900 ] && [ "$1" = "${2:-}" ] && ok "--scroll end is at the end ($1 px)" || bad "--scroll end logged '$end'"
grep -q "is past the end ($1 px); showing the end" "$out/far.log" && ok "past the end is said" ||
  bad "no past-the-end warning in $(cat "$out/far.log")"
shot languages language --size 1920x1080 --text-size 3
shot languages-end language --size 1920x1080 --text-size 3 --scroll end
same languages languages-end && bad "--scroll end did not move the language list" || ok "the language list scrolls too"
exit $fail
