#!/bin/sh
# medkiosk-content keygen/sign/verify and medkiosk --check-content from the command
# line: a signed bundle verifies with its key only, a changed database or manifest
# fails, and a database that cannot be shown fails the render check.
# Usage: sign_verify.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
mkc=$build/medkiosk-content
work=$(mktemp -d /tmp/medkiosk-sign-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$mkc" keygen --out "$work/a" >/dev/null || fail "keygen"
"$mkc" keygen --out "$work/b" >/dev/null || fail "second keygen"
[ "$(stat -c %a "$work/a.key")" = 600 ] || fail "the secret key is readable by others"
"$mkc" keygen --out "$work/a" 2>/dev/null && fail "keygen overwrote an existing secret key"
"$mkc" build "$src/content" -o "$work/v4.db" --content-version 4 >/dev/null || fail "build --content-version"
"$mkc" check "$work/v4.db" | grep -q "content version 4" || fail "the content version was not recorded"
"$mkc" sign "$work/v4.db" --key "$work/a.key" --expires 2099-12-31 --out "$work/bundle" >/dev/null || fail "sign"
grep -q '^content_version=4$' "$work/bundle/manifest" || fail "manifest has no content_version=4"
"$mkc" verify "$work/bundle" --public-key "$(cat "$work/a.pub")" | grep -q "ok (content version 4" || fail "verify with the signing key"
"$mkc" verify "$work/bundle" --public-key "$(cat "$work/b.pub")" 2>/dev/null && fail "verified with a foreign key"
"$mkc" verify "$work/bundle" --public-key "$(cat "$work/b.pub")" --public-key "$(cat "$work/a.pub")" >/dev/null ||
  fail "a second key (rotation) was not accepted"
"$mkc" sign "$work/v4.db" --key "$work/a.key" --expires 2020-01-01 --out "$work/old" >/dev/null || fail "sign expired"
"$mkc" verify "$work/old" --public-key "$(cat "$work/a.pub")" 2>&1 | grep -q "expired" || fail "an expired bundle verified"
cp -r "$work/bundle" "$work/edited"
sed -i 's/^expires=2099/expires=2098/' "$work/edited/manifest"
"$mkc" verify "$work/edited" --public-key "$(cat "$work/a.pub")" 2>/dev/null && fail "an edited manifest verified"
printf 'x' | dd of="$work/bundle/content-4.db" bs=1 seek=5000 conv=notrunc 2>/dev/null
"$mkc" verify "$work/bundle" --public-key "$(cat "$work/a.pub")" 2>&1 | grep -q "SHA-256" || fail "a changed database verified"

printf '[data]\ndirectory = %s/state\n' "$work" > "$work/kiosk.ini"
"$build/medkiosk" --check-content "$work/v4.db" --config "$work/kiosk.ini" --size 540x960 >/dev/null 2>&1 ||
  fail "render check of good content"
[ -e "$work/state" ] && fail "the render check touched the kiosk's data directory"
head -c 3000 "$work/v4.db" > "$work/short.db"
"$build/medkiosk" --check-content "$work/short.db" --size 540x960 >/dev/null 2>&1 && fail "render check passed a truncated database"
cp "$work/v4.db" "$work/edited.db"
python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(\"UPDATE section_text SET body = replace(body, '4 mg', '40 mg') WHERE locale = 'en'\")
db.commit()" "$work/edited.db" || fail "cannot edit the copy"
"$build/medkiosk" --check-content "$work/edited.db" --size 540x960 2>"$work/edited.err" >/dev/null &&
  fail "render check passed a database whose medicine text was changed"
grep -q "does not match its recorded hash" "$work/edited.err" || fail "the changed text was not named as the reason"
"$build/medkiosk-update" --frobnicate >/dev/null 2>&1; [ $? -eq 2 ] || fail "medkiosk-update: a bad argument must exit 2"
echo "ok"
