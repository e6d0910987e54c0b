#!/bin/sh
# The kiosk in a real window (Xvfb) writes its node-exporter textfile, which must
# parse by the Prometheus text format rules; a clean stop (SIGTERM, as systemd
# stops it) is not counted as a crash, a SIGKILL is, at the next start.
# Usage: kiosk_metrics.sh MEDKIOSK WORKDIR CHECK_PROM
set -eu
mk=$1 work=$2 check=$3
rm -rf "$work"
mkdir -p "$work"
prom=$work/node-exporter/medkiosk.prom
state=$work/state

exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1080x1920x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"
export SDL_AUDIODRIVER=dummy
# Under AddressSanitizer: SDL loads the X11 client libraries with dlopen and unloads
# them at SDL_Quit, leaving 240 bytes LeakSanitizer can only attribute to an
# "<unknown module>", so no suppression can name it. Leak checking of our own code
# runs in the headless and unit tests; here a clean stop must exit 0.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

# Starts the kiosk, waits for its textfile, stops it with the given signal.
run() {
  rm -f "$prom"
  "$mk" --windowed --size 540x960 --data-dir "$state" --metrics "$prom" 2>>"$work/kiosk.log" &
  pid=$!
  for _ in $(seq 600); do [ -s "$prom" ] && break; sleep 0.1; done
  [ -s "$prom" ] || { echo "no textfile after 60 s"; cat "$work/kiosk.log"; exit 1; }
  kill -"$1" "$pid"
  rc=0
  wait "$pid" || rc=$?
  echo "kiosk stopped with SIG$1, exit code $rc"
  if [ "$1" = TERM ] && [ "$rc" -ne 0 ]; then
    tail -20 "$work/kiosk.log"
    echo "SIGTERM (systemctl stop) must end the kiosk cleanly"
    exit 1
  fi
}

run TERM
[ ! -e "$state/medkiosk.running" ] || { echo "a clean stop left the running marker"; exit 1; }
"$check" "$prom" medkiosk_starts_total=1 medkiosk_unclean_exits_total=0 medkiosk_sessions_total=0 \
  'medkiosk_content_version=*' 'medkiosk_content_age_seconds=*' 'medkiosk_frame_seconds_count=*' \
  medkiosk_walkthroughs_completed_total=0 medkiosk_nurse_pin_failures_total=0 medkiosk_nurse_lockouts_total=0 \
  medkiosk_nurse_locked=0
run KILL
run TERM
"$check" "$prom" medkiosk_starts_total=3 medkiosk_unclean_exits_total=1
# The updater's status shows up once it exists (in content/, which the updater owns).
mkdir -p "$state/content"
printf 'time=1795176000\nresult=installed\nversion=9\nmessage=ok\n' >"$state/content/update-status"
run TERM
"$check" "$prom" medkiosk_starts_total=4 'medkiosk_update_last_result{result="installed"}=1' \
  medkiosk_update_last_time_seconds=1795176000 medkiosk_update_last_version=9
# No patient data: only counts, and no free text from the status file.
! grep -q 'message\|ok$' "$prom" || { echo "free text leaked into the metrics"; exit 1; }
echo "kiosk metrics ok"
