#!/bin/sh
# Clinical reviews from the command line, on a copy of the content: today nothing is
# reviewed, so `review-status --require reviewed` fails; `review sign` records every
# English and German text, and then it passes for them (from the sources and from a
# built database); a changed German text loses its review, a changed English text
# makes the German one outdated (and `check` lists it); bad input writes nothing.
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
[ ! -e "$c/pomalidomide/reviews" ] || fail "the shipped content has review records; nobody has reviewed it"

"$mkc" review-status "$c" --require reviewed >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "--require reviewed passed on unreviewed content"
grep -q "texts are not reviewed (--require reviewed)" "$tmp/err" || fail "no reason given: $(cat "$tmp/err")"
grep -q "^pomalidomide de: .* 0 reviewed, 0 outdated" "$tmp/out" || fail "no German summary: $(head -3 "$tmp/out")"

# Every text of a locale, as review-status lists it ("  section/purpose  unreviewed").
items() { "$mkc" review-status "$c" --locale "$1" | awk '/^  /{print $1}'; }
sign_all() {
  locale=$1
  shift
  for item in $(items "$locale"); do
    case $item in
      warning) what=--warning ;;
      section/*) what="--section ${item#section/}" ;;
      point/*) what="--point ${item#point/}" ;;
    esac
    # shellcheck disable=SC2086
    "$mkc" review sign "$c" --locale "$locale" $what --reviewer "A. Reviewer" --date 2025-01-15 "$@" >/dev/null ||
      fail "review sign $locale $item"
  done
}
sign_all en --role pharmacist
sign_all de --role physician --native-speaker
[ "$(items de | wc -l)" -gt 10 ] || fail "too few German texts listed"

"$mkc" review-status "$c" --locale de --require reviewed >"$tmp/out" || fail "German is not all reviewed: $(cat "$tmp/out")"
grep -q "section/pregnancy *reviewed  A. Reviewer, native-speaking physician, 2025-01-15" "$tmp/out" ||
  fail "the record is not shown: $(cat "$tmp/out")"
"$mkc" review-status "$c" --locale en --require reviewed >/dev/null || fail "English is not all reviewed"
"$mkc" review-status "$c" --require reviewed >/dev/null 2>&1 && fail "the other locales passed --require reviewed"
grep -q "^section/pregnancy	A. Reviewer	native-speaking physician	2025-01-15	[0-9a-f]\{64\}	[0-9a-f]\{64\}$" \
  "$c/pomalidomide/reviews/de.tsv" || fail "reviews/de.tsv has no record line for section/pregnancy"

# The same from a built database: the reviews compile into it.
"$mkc" build "$c" -o "$tmp/a.db" >/dev/null || fail "build with reviews"
"$mkc" review-status "$tmp/a.db" --locale de --require reviewed >/dev/null || fail "the database lost the reviews"

# A changed German text loses its review.
sed -i '0,/^Pomalidomid ist ein Arzneimittel gegen Krebs\./s//Pomalidomid ist ein Arzneimittel gegen eine Krebserkrankung./' \
  "$c/pomalidomide/de.md"
"$mkc" review-status "$c" --locale de >"$tmp/out"
grep -q "section/purpose *unreviewed  (the text changed after the review by A. Reviewer" "$tmp/out" ||
  fail "an edited text kept its review: $(grep purpose "$tmp/out")"
"$mkc" review-status "$c" --locale de --require reviewed >/dev/null 2>&1 && fail "--require passed with a lapsed review"

# A changed English text makes the German one outdated; check lists it and still passes.
sed -i '0,/Do not wait for your next appointment/s//Do not wait until your next appointment/' "$c/pomalidomide/en.md"
"$mkc" review-status "$c" --locale de >"$tmp/out"
grep -q "section/symptoms *outdated  A. Reviewer, native-speaking physician, 2025-01-15: the English text changed" \
  "$tmp/out" || fail "not outdated: $(grep symptoms "$tmp/out")"
grep -q "section/symptoms *pending  (the text changed" "$tmp/out" && fail "German listed as pending"
"$mkc" build "$c" -o "$tmp/b.db" >/dev/null || fail "build with an outdated translation"
"$mkc" check "$tmp/b.db" >"$tmp/out" 2>&1 || fail "check failed: $(cat "$tmp/out")"
grep -q "outdated: pomalidomide/de section/symptoms: the English text changed after this translation was reviewed" \
  "$tmp/out" || fail "check does not list the outdated text: $(cat "$tmp/out")"

# Bad input gets a clear error and writes nothing.
before=$(sha256sum "$c/pomalidomide/reviews/de.tsv")
expect() {
  want=$1 pattern=$2
  shift 2
  "$mkc" "$@" >"$tmp/out" 2>&1
  got=$?
  [ "$got" -eq "$want" ] || fail "exit $got, not $want: $* ($(cat "$tmp/out"))"
  grep -q -- "$pattern" "$tmp/out" || fail "no '$pattern' in: $(cat "$tmp/out")"
  [ "$(sha256sum "$c/pomalidomide/reviews/de.tsv")" = "$before" ] || fail "reviews/de.tsv changed: $*"
}
sign="review sign $c --locale de --reviewer X"
expect 2 "takes pharmacist, physician or nurse" $sign --section purpose --role surgeon --native-speaker
expect 2 "native speaker" $sign --section purpose --role nurse
expect 2 "exactly one of" $sign --section purpose --warning --role nurse --native-speaker
expect 2 "is in the future" $sign --section purpose --role nurse --native-speaker --date 2999-01-01
expect 2 "not '2025-02-30'" $sign --section purpose --role nurse --native-speaker --date 2025-02-30
expect 1 "has no text 'section/dosage'" $sign --section dosage --role nurse --native-speaker
expect 1 "has changed since the review pack was made" $sign --section purpose --role nurse --native-speaker \
  --expect-sha256 0000000000000000
expect 2 "--require takes 'reviewed'" review-status "$c" --require everything
expect 1 "has no texts in locale xx" review-status "$c" --locale xx
# A malformed record stops the build with the file and line.
printf 'section/purpose\tX\tsurgeon\t2025-01-15\t%064d\t%064d\n' 0 0 >>"$c/pomalidomide/reviews/de.tsv"
line=$(wc -l <"$c/pomalidomide/reviews/de.tsv")
"$mkc" build "$c" -o "$tmp/c.db" >"$tmp/out" 2>&1 && fail "a malformed review file was built"
grep -q "reviews/de.tsv:$line: role 'surgeon'" "$tmp/out" || fail "no file:line error: $(cat "$tmp/out")"
[ ! -e "$tmp/c.db" ] || fail "a database was written"
echo "ok"
