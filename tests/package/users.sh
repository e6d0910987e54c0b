#!/bin/sh
# Issue #14 item 2, in a root where the package is installed: the kiosk's user
# (medkiosk) and the content updater's (medkiosk-update) each have only the rights
# they need, on a fresh install and after an upgrade from the layout where the
# kiosk's user owned the content. Usage: users.sh ROOT   (as root; chroots into ROOT)
set -u
root=$1
data=/var/lib/medkiosk
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
as() { user=$1; shift; in_root runuser -u "$user" -- /bin/sh -c "$*" >/dev/null 2>&1; }
expect() { # expect yes|no USER WHAT COMMAND: USER can (yes) or cannot (no) do COMMAND
  want=$1 user=$2 what=$3; shift 3
  if as "$user" "$@"; then got=yes; else got=no; fi
  if [ "$got" = "$want" ]; then
    [ "$want" = yes ] && ok "$user can $what" || ok "$user cannot $what"
  else
    [ "$want" = yes ] && bad "$user cannot $what" || bad "$user can $what"
  fi
}
rights() {
  expect no medkiosk-update "read records.db" "cat $data/records.db"
  expect no medkiosk-update "list the exports" "ls $data/exports"
  expect no medkiosk-update "write the data directory" "touch $data/planted"
  expect yes medkiosk-update "write the content directory" "touch $data/content/.probe && rm $data/content/.probe"
  expect no medkiosk "write the content directory" "touch $data/content/planted"
  expect no medkiosk "replace the installed pointer" "echo x >$data/content/installed"
  expect yes medkiosk "read the content directory" "ls $data/content && cat $data/content/update-status"
  expect yes medkiosk "read records.db" "cat $data/records.db"
  expect no nobody "pass through the data directory" "ls $data/content"
}
modes() {
  for spec in "$data:medkiosk:medkiosk:750" "$data/content:medkiosk-update:medkiosk:750" \
    "$data/content/update-status:medkiosk-update:medkiosk:*" "$data/records.db:medkiosk:medkiosk:600" \
    "$data/exports:medkiosk:medkiosk:700"; do
    path=${spec%%:*} want=${spec#*:}
    got=$(in_root stat -c %U:%G:%a "$path" 2>&1)
    case $got in $want) ok "$path is $got" ;; *) bad "$path is $got, expected $want" ;; esac
  done
}

in_root getent passwd medkiosk-update | grep -q ':/nonexistent:' && ok "medkiosk-update is a system user" ||
  bad "no medkiosk-update system user"
[ "$(in_root id -gn medkiosk-update)" = medkiosk ] && ok "medkiosk-update's group is medkiosk" ||
  bad "medkiosk-update's group is $(in_root id -gn medkiosk-update)"
echo 24681357 | in_root runuser -u medkiosk -- medkiosk-admin nurse add Eva >/dev/null 2>&1 || bad "nurse add failed"
in_root runuser -u medkiosk -- medkiosk-admin export >/dev/null 2>&1 || bad "export failed"
printf 'time=1\nresult=unchanged\nversion=0\nmessage=test\n' >"$root$data/content/update-status"
in_root chown medkiosk-update:medkiosk "$data/content/update-status"
echo "-- a fresh install"
modes
rights

echo "-- an upgrade from the layout where the kiosk's user owned the content"
in_root chown -R medkiosk:medkiosk "$data/content"
in_root mv "$data/content/update-status" "$data/update-status"
in_root chmod 0640 "$data/records.db"
in_root chmod 0750 "$data/exports"
in_root /var/lib/dpkg/info/medkiosk.postinst configure >/dev/null || bad "postinst configure failed"
[ ! -e "$root$data/update-status" ] && ok "update-status moved into content/" || bad "update-status is still in $data"
modes
rights
in_root rm -rf "$data/records.db" "$data/records.db-wal" "$data/records.db-shm" "$data/exports" \
  "$data/content/update-status"
exit $fail
