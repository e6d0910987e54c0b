#!/bin/sh
# Issue #14 item 1: whatever umask it is started with, medkiosk-admin leaves the data
# directory it creates 0750, records.db* 0600 (item 2: the content updater shares the
# kiosk's group and must not read them) and exports 0600 in a 0700 directory, and
# it refuses a records database owned by another user (root only: skipped elsewhere
# for that part). Usage: records_modes.sh MEDKIOSK-ADMIN OUT-DIR
set -u
admin=$1 out=$2
rm -rf "$out"
mkdir -p "$out"
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
(umask 000 && echo 246813 | "$admin" --data-dir "$out/data" nurse add Eva >/dev/null) || bad "could not add a nurse"
mode=$(stat -c %a "$out/data")
[ "$mode" = 750 ] && ok "data directory created 0750 under umask 000" || bad "data directory is $mode, expected 750"
for f in "$out"/data/records.db*; do
  mode=$(stat -c %a "$f")
  [ "$mode" = 600 ] && ok "$(basename "$f") is $mode" || bad "$(basename "$f") is $mode, expected 600"
done
# A file left wider by an older version is tightened at the next open.
chmod 640 "$out/data/records.db"
"$admin" --data-dir "$out/data" nurse list >/dev/null 2>&1 || bad "nurse list failed"
mode=$(stat -c %a "$out/data/records.db")
[ "$mode" = 600 ] && ok "a records.db left 0640 is tightened to 600" || bad "a records.db left 0640 is still $mode"
(umask 000 && "$admin" --data-dir "$out/data" export >/dev/null) || bad "could not export"
mode=$(stat -c %a "$out/data/exports")
[ "$mode" = 700 ] && ok "exports directory created 0700 under umask 000" || bad "exports directory is $mode, expected 700"
for f in "$out"/data/exports/*.csv; do
  mode=$(stat -c %a "$f")
  [ "$mode" = 600 ] && ok "$(basename "$f") is $mode" || bad "$(basename "$f") is $mode, expected 600"
done
if [ "$(id -u)" = 0 ]; then
  chown 65534 "$out/data/records.db"
  if "$admin" --data-dir "$out/data" nurse list >"$out/owner.out" 2>&1; then
    bad "a records.db owned by another user was used"
  elif grep -q "owned by" "$out/owner.out"; then
    ok "a records.db owned by another user is refused: $(cat "$out/owner.out")"
  else
    bad "refused without saying why: $(cat "$out/owner.out")"
  fi
else
  echo "SKIP: the owner check needs root"
fi
exit $fail
