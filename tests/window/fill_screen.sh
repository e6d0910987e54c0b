#!/bin/sh
# The real kiosk, full screen with no --size, covers the whole screen it is on:
# under Xvfb with no window manager at four common sizes, after a size change while
# running, and under cage's headless backend (natively on Wayland and through
# Xwayland). Each real screenshot is compared with a headless render of the same
# screen at the same size, reached by the same taps: same pixels, same layout.
# Usage: fill_screen.sh MEDKIOSK CONTENT_DB WORKDIR [x11|cage|all]
set -eu
mk=$(readlink -f "$1") db=$(readlink -f "$2") work=$3 part=${4:-all}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
export SDL_AUDIODRIVER=dummy
# SDL's X11 libraries are unloaded at exit with 240 bytes LeakSanitizer cannot name
# (see tests/metrics/kiosk_metrics.sh); leaks are checked in the headless tests.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
fail=0
check() { "$@" || fail=1; }

# --- Headless: the taps and the reference pictures -------------------------------
# Replays the script so far plus a probe shot at SIZE and prints the centre of TARGET.
centre() { # size dir target
  cp "$2/script.txt" "$2/probe-script.txt"
  echo "shot probe" >> "$2/probe-script.txt"
  "$mk" --content "$db" --data-dir "$2/headless-state" --metrics off --replay "$2/probe-script.txt" \
    --out "$2/headless" --size "$1" 2>/dev/null
  rect=$(grep "^target=$3 " "$2/headless/probe.txt" | head -1 | cut -d' ' -f2-)
  [ -n "$rect" ] || { echo "FAIL $1: no target $3 on screen"; return 1; }
  set -- $rect
  echo "$(( ($1 + $3) / 2 )) $(( ($2 + $4) / 2 ))"
}
# Attract, then English, then the brochure's first section: the script and the taps.
plan() { # size dir
  p_size=$1 p_dir=$2
  mkdir -p "$p_dir/headless"
  echo "shot attract" > "$p_dir/script.txt"
  start=$(centre "$p_size" "$p_dir" attract.start)
  echo "tap $start" >> "$p_dir/script.txt"
  echo "wait 300" >> "$p_dir/script.txt"
  english=$(centre "$p_size" "$p_dir" language.en)
  echo "tap $english" >> "$p_dir/script.txt"
  echo "wait 300" >> "$p_dir/script.txt"
  echo "shot brochure" >> "$p_dir/script.txt"
  "$mk" --content "$db" --data-dir "$p_dir/headless-state" --metrics off --replay "$p_dir/script.txt" \
    --out "$p_dir/headless" --size "$p_size" 2>/dev/null
  echo "$start" > "$p_dir/tap-start"
  echo "$english" > "$p_dir/tap-english"
  # The banner, the section rail and the toolbar are laid out inside the screen.
  w=${p_size%x*} h=${p_size#*x}
  for t in $(grep '^target=' "$p_dir/headless/brochure.txt" | cut -d' ' -f1 | cut -d= -f2); do
    set -- $(grep "^target=$t " "$p_dir/headless/brochure.txt" | head -1 | cut -d' ' -f2-)
    if [ "$1" -lt 0 ] || [ "$2" -lt 0 ] || [ "$3" -gt "$w" ] || [ "$4" -gt "$h" ]; then
      echo "FAIL ${w}x${h}: target $t at $* is outside the screen"
      return 1
    fi
  done
  grep -q '^target=rail\.' "$p_dir/headless/brochure.txt" || { echo "FAIL ${w}x${h}: no section rail"; return 1; }
  echo "ok   ${w}x${h}: every target of the brochure (rail, toolbar) is inside the screen"
}

wait_log() { # file pattern seconds
  i=0
  while ! grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1))
    [ $i -le $(( $3 * 10 )) ] || { echo "FAIL: '$2' not in $1 after $3 s"; tail -5 "$1"; return 1; }
    sleep 0.1
  done
}

start_xvfb() { # size dir
  rm -f "$2/display"
  Xvfb -displayfd 3 -screen 0 "${1}x24" -nolisten tcp 3>"$2/display" >"$2/xvfb.log" 2>&1 &
  xvfb=$!
  for _ in $(seq 100); do [ -s "$2/display" ] && break; sleep 0.1; done
  DISPLAY=":$(cat "$2/display")"
  export DISPLAY
}

tap() { # x y
  xdotool mousemove "$1" "$2" click 1
  sleep 0.6
}

x11_size() { # size
  size=$1 dir=$work/x11-$1
  mkdir -p "$dir"
  plan "$size" "$dir" || { fail=1; return 0; }
  start_xvfb "$size" "$dir"
  "$mk" --content "$db" --data-dir "$dir/state" --metrics off 2>"$dir/kiosk.log" &
  kiosk=$!
  if wait_log "$dir/kiosk.log" "first frame" 60; then
    sleep 0.3
    import -window root "$dir/attract.png"
    check "$here/covers_screen.py" "$dir/attract.png" "${size%x*}" "${size#*x}"
    check "$here/compare_png.py" "$dir/attract.png" "$dir/headless/attract.png" 5
    tap $(cat "$dir/tap-start")
    tap $(cat "$dir/tap-english")
    sleep 0.5
    import -window root "$dir/brochure.png"
    check "$here/covers_screen.py" "$dir/brochure.png" "${size%x*}" "${size#*x}"
    check "$here/compare_png.py" "$dir/brochure.png" "$dir/headless/brochure.png" 0.5
    if [ "$size" = 1920x1080 ]; then resize_while_running "$dir"; fi
  else
    fail=1
  fi
  kill "$kiosk" 2>/dev/null || true
  wait "$kiosk" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
}

# A configure while running (as from a window manager or a rotated monitor): the next
# frame is laid out for the new size and matches a headless render at that size.
resize_while_running() { # dir (the kiosk shows the brochure at 1920x1080)
  new=1366x768 rdir=$work/x11-resized
  mkdir -p "$rdir"
  plan "$new" "$rdir" || { fail=1; return 0; }
  wid=$(xdotool search --name '^Medkiosk$' | head -1)
  xdotool windowsize "$wid" "${new%x*}" "${new#*x}"
  if wait_log "$1/kiosk.log" "laid out for $new" 5; then
    echo "ok   resized to $new while running: the kiosk laid out again ($(grep -c 'laid out for' "$1/kiosk.log") layouts logged)"
    sleep 0.3
    import -window "$wid" "$rdir/brochure.png"
    check "$here/compare_png.py" "$rdir/brochure.png" "$rdir/headless/brochure.png" 0.5
  else
    fail=1
  fi
}

# --- cage, headless backend, as an unprivileged user -------------------------------
cage_run() { # name videodriver
  name=$1 dir=$work/cage-$1
  # The unprivileged user may not reach the build tree: give it a copy of the kiosk
  # with its UI strings, and the content, in a directory of its own.
  home=$(mktemp -d /tmp/medkiosk-cage.XXXXXX)
  mkdir -p "$dir" "$home/run" "$home/state"
  cp "$mk" "$home/medkiosk"
  cp -r "$(dirname "$mk")/locales" "$home/locales"
  cp -r "$(dirname "$mk")/assets" "$home/assets"  # the pictograms, as installed
  cp "$db" "$home/content.db"
  chown -R "$cage_user" "$home" "$dir"
  chmod 700 "$home/run"
  runuser -u "$cage_user" -- env -i PATH=/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$home/run" \
    WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 SDL_AUDIODRIVER=dummy \
    SDL_VIDEODRIVER="$2" ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
    cage -d -- /bin/sh -c "echo \"\$DISPLAY\" > '$home/x-display'; exec '$home/medkiosk' --content '$home/content.db' --data-dir '$home/state' --metrics off" \
    >"$dir/cage.log" 2>&1 &
  cage=$!
  if wait_log "$dir/cage.log" "first frame" 60; then
    sleep 0.5
    # cage's headless output is 1280x720 and offers no way to change it.
    if grep -q "laid out for 1280x720" "$dir/cage.log"; then
      echo "ok   cage ($2): the kiosk laid out for cage's 1280x720 output"
    else
      echo "FAIL cage ($2): $(grep 'laid out for' "$dir/cage.log" | tail -1)"
      fail=1
    fi
    runuser -u "$cage_user" -- env XDG_RUNTIME_DIR="$home/run" WAYLAND_DISPLAY=wayland-0 grim "$dir/output.png" || true
    if [ "$2" = x11 ]; then
      # The same window seen from Xwayland: where it is and what it shows. (grim reads
      # black while a surface exactly covers the output: wlroots 0.15's headless
      # backend scans such a surface out directly and its screencopy misses it.)
      xd=$(cat "$home/x-display")
      wid=$(runuser -u "$cage_user" -- env DISPLAY="$xd" xdotool search --name '^Medkiosk$' | head -1)
      geom=$(runuser -u "$cage_user" -- env DISPLAY="$xd" xwininfo -id "$wid" | awk '/Absolute upper-left X/{x=$NF} /Absolute upper-left Y/{y=$NF} /Width:/{w=$NF} /Height:/{h=$NF} END{print w "x" h "+" x "+" y}')
      if [ "$geom" = "1280x720+0+0" ]; then echo "ok   cage (Xwayland): the window covers the output ($geom)"; else echo "FAIL cage (Xwayland): window at $geom"; fail=1; fi
      runuser -u "$cage_user" -- env DISPLAY="$xd" import -window "$wid" "$dir/window.png"
      mkdir -p "$dir/ref"
      "$mk" --content "$db" --data-dir "$dir/ref-state" --metrics off --screenshot "$dir/ref/attract.png" --screen attract --size 1280x720 2>/dev/null
      check "$here/compare_png.py" "$dir/window.png" "$dir/ref/attract.png" 5
    fi
  else
    fail=1
  fi
  kill "$cage" 2>/dev/null || true
  wait "$cage" 2>/dev/null || true
  rm -rf "$home"
}

if [ "$part" = x11 ] || [ "$part" = all ]; then
  for size in 1920x1080 1080x1920 1280x1024 1366x768; do x11_size "$size"; done
fi
if [ "$part" = cage ] || [ "$part" = all ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP cage: needs root to run cage as an unprivileged user (cage refuses root)"
  elif ! command -v cage >/dev/null || ! command -v Xwayland >/dev/null; then
    echo "FAIL cage or Xwayland is not installed"
    fail=1
  else
    cage_user=nobody
    cage_run wayland wayland
    cage_run xwayland x11
  fi
fi
[ "$fail" -eq 0 ] && echo "all screens covered" || echo "some screens were not covered"
exit "$fail"
