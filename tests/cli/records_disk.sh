#!/bin/sh
# The records database on a full disk and on a read-only one: nurse mode says so
# (the PIN pad's keys are disabled and the reason is logged), patient mode works.
# Uses a small tmpfs, so it needs root (as on the CI machine); exits 77 (skipped)
# where mounting is not allowed.
set -u
mk=$1 admin=$2 out=$3
rm -rf "$out"
mkdir -p "$out/mnt"
mnt="$out/mnt"
mount -t tmpfs -o size=256k tmpfs "$mnt" 2>/dev/null || { echo "SKIP: cannot mount a tmpfs here"; exit 77; }
trap 'umount "$mnt" 2>/dev/null' EXIT
fail=0
printf 'hold 24 24 3300\nshot pin\n' > "$out/enter.txt"
check() { # name: replays the corner hold and checks nurse mode's state and the log
  name=$1 reason=$2
  printf '[kiosk]\ncountry = IE\n[data]\ndirectory = %s/data\n' "$mnt" > "$out/$name.ini"
  "$mk" --config "$out/$name.ini" --replay "$out/enter.txt" --out "$out/$name" 2> "$out/$name.log"
  if grep -q '^screen=pin' "$out/$name/pin.txt" && grep -q '^records_available=0' "$out/$name/pin.txt"; then
    echo "ok   $name: the PIN pad shows that records cannot be saved"
  else
    echo "FAIL $name: nurse mode state:"; cat "$out/$name/pin.txt"; fail=1
  fi
  if grep -q "$reason" "$out/$name.log"; then echo "ok   $name: logged '$reason'"; else echo "FAIL $name: no '$reason' in the log:"; cat "$out/$name.log"; fail=1; fi
  if "$mk" --config "$out/$name.ini" --screenshot "$out/$name/patient.png" --screen brochure --section pregnancy 2>/dev/null && [ -s "$out/$name/patient.png" ]; then
    echo "ok   $name: patient mode still renders the brochure"
  else
    echo "FAIL $name: patient mode broken"; fail=1
  fi
}

# A full disk: the database cannot even be created.
dd if=/dev/zero of="$mnt/fill" bs=4096 2>/dev/null
check full "disk is full"

# A read-only disk.
rm -f "$mnt/fill"; rm -rf "$mnt/data"
mkdir -p "$mnt/data"
mount -o remount,ro "$mnt"
check readonly "read-only"

# A disk that became read-only after nurses and records were written.
mount -o remount,rw "$mnt"
rm -rf "$mnt/data"
echo 246813 | "$admin" --data-dir "$mnt/data" nurse add Eva >/dev/null || { echo "FAIL could not add a nurse"; fail=1; }
mount -o remount,ro "$mnt"
check readonly-later "read-only"
exit $fail
