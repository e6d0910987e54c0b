"""The checks of the booted kiosk, in the order one boot can serve them all: boot to
Attract, touch through uinput, a crash, the mouse through QMP, a hang, the update
chain, and the lock-down. Each check reports through kiosk.report; a check that
cannot continue raises VmError and the rest are skipped (counted as failed)."""
import os
import re
import time

from machine import VmError

BOOT_LIMIT_S = 240
RESTART_LIMIT_S = 30
TOUCH_DIR = "/run/medkiosk-test-touch"
HELPER = "/usr/local/bin/medkiosk-test-touchscreen"
SCREEN_LIMIT = 1.0  # % of pixels that may differ from the headless render
# A person lifts a finger and looks before the next touch; under emulation a touch at
# once after the screen changed was sometimes not taken (see the report).
SETTLE_S = 2.0
ATTRACT_LIMIT = 5.0  # Attract cycles its languages: a frame may show the next one


def boot(k):
    r, vm, agent = k.report, k.vm, k.agent
    agent.wait_up(BOOT_LIMIT_S)
    r.figure("power-on to guest agent", f"{vm.since_start():.1f} s")
    deadline = time.monotonic() + BOOT_LIMIT_S
    state = ""
    while time.monotonic() < deadline:
        state = k.service("ActiveState") + "/" + k.service("SubState")
        if state == "active/running":
            break
        time.sleep(1)
    r.figure("power-on to medkiosk.service active (READY=1)", f"{vm.since_start():.1f} s")
    journal = k.journal()
    if not r.check(state == "active/running", "medkiosk.service is active under cage",
                   f"state {state}; journal:\n" + "\n".join(journal.splitlines()[-25:])):
        raise VmError("the kiosk did not start")
    main = k.service("MainPID")
    comm = agent.sh(f"cat /proc/{main}/comm").strip()
    r.check(comm == "cage", "the unit's main process is cage", comm)
    # Type=notify: systemd logs "Started" only once READY=1 came (NotifyAccess=all:
    # from medkiosk, cage's child).
    r.check("Started medkiosk.service" in journal or "Started Medkiosk" in journal,
            "READY=1 reached systemd (journal: Started)")
    m = re.search(r"first frame (\d+) ms after start[^\n]*", journal)
    if r.check(m is not None, "the kiosk logged its first frame under cage"):
        r.figure("kiosk launch to first frame under cage (its own log line)", m.group(0))
    path, waited = k.wait_screen("attract", k.refs.shots["attract"], ATTRACT_LIMIT, 90)
    if r.check(waited is not None, "a screendump shows the Attract screen", path):
        r.figure("power-on to Attract on screen", f"{vm.since_start():.1f} s")
    r.figure("guest boot (systemd-analyze)", agent.sh("systemd-analyze time | head -1").strip())


def start_touchscreen(k):
    with open(os.path.join(k.work, "touchscreen"), "rb") as f:
        k.agent.write_file(HELPER, f.read())
    k.agent.sh(f"chmod 755 {HELPER} && mkdir -p {TOUCH_DIR}")
    k.agent.start([HELPER, "serve", TOUCH_DIR, str(k.vm.width), str(k.vm.height)])
    for _ in range(50):
        if k.agent.sh(f"[ -p {TOUCH_DIR}/ack ] && echo yes || true").strip() == "yes":
            break
        time.sleep(0.2)
    node = k.agent.sh("udevadm settle; for d in /sys/class/input/event*; do "
                      "[ \"$(cat $d/device/name)\" = 'Medkiosk test touchscreen' ] && echo /dev/input/${d##*/}; done; true")
    node = node.split()[-1] if node.split() else ""
    udev = k.agent.sh(f"udevadm info -q property {node}") if node else ""
    k.report.check("ID_INPUT_TOUCHSCREEN=1" in udev, "udev sees the uinput device as a touch screen", node or "no node")
    # cage opens it (through seatd) when udev announces it: a touch screen plugged in
    # after the kiosk started. PrivateNetwork=yes in the unit made cage deaf to that.
    cage = k.service("MainPID")
    t0 = time.monotonic()
    opened = False
    while node and not opened and time.monotonic() - t0 < 30:
        opened = node in k.agent.sh(f"ls -l /proc/{cage}/fd 2>/dev/null || true")
        time.sleep(0.5)
    k.report.check(opened, "cage opened the touch screen plugged in after it started (udev hotplug)",
                   f"{node} not among cage's files after {time.monotonic() - t0:.0f} s")
    # Then Xwayland adds a touch device for the new seat capability; a touch before
    # that is lost (as it would be for a person touching a screen while it is being
    # plugged in).
    time.sleep(5)


def touch_sequence(k):
    """Tap Attract, choose a language, fling the brochure, tap a section, hold the
    corner for the PIN pad: the taps the headless replay made, through uinput."""
    r, refs = k.report, k.refs
    start_touchscreen(k)
    # The first touch on a screen plugged in after the start: in every run so far
    # Xwayland or SDL dropped it (later touches arrive). Recorded, then tapped again.
    k.touch(refs.taps["language"])
    path, waited = k.wait_screen("language", refs.shots["language"], SCREEN_LIMIT, 15)
    steps = [("brochure", SCREEN_LIMIT), ("section", SCREEN_LIMIT), ("fling", None), ("pin", SCREEN_LIMIT)]
    if waited is None:
        r.known("touch: the first tap on the touch screen plugged in after the start was lost (Attract stayed)")
        steps.insert(0, ("language", SCREEN_LIMIT))
    else:
        r.ok("touch: the first tap on the touch screen plugged in after the start shows the language screen")
    for name, limit in steps:
        time.sleep(SETTLE_S)
        k.touch(refs.taps[name])
        if limit is None:
            time.sleep(3)  # the fling coasts to a stop
            path = k.shot(name)
            moved = k.refs.percent_differing(path, refs.shots["section"], refs.text_box)
            fixed = k.refs.percent_differing(path, refs.shots["section"], refs.fixed_box)
            r.check(moved > 10.0 and fixed < SCREEN_LIMIT,
                    f"touch: a fling scrolled the brochure's text ({moved:.0f}% of it changed) and nothing else",
                    f"{fixed:.1f}% changed above the text, {path}")
            k.fling_shot = path
            continue
        path, waited = k.wait_screen(name, refs.shots[name], limit, 20)
        r.check(waited is not None, f"touch: '{refs.taps[name]}' shows the {name} screen", path)
        if name == "pin":
            k.pin_shot = path


def memory(k):
    pid = k.kiosk_pid()
    status = k.agent.sh(f"grep -E '^Vm(RSS|HWM)' /proc/{pid}/status")
    k.report.figure("kiosk RSS under cage (VmRSS, peak VmHWM) after the touch sequence",
                    " ".join(status.split()))


def restarted(k, what, name, before_pid, limit):
    """Waits until a new medkiosk runs and Attract is on screen, for longer than the
    limit if need be (the checks after this one need the kiosk back); checks the
    time against the limit."""
    t0 = time.monotonic()
    patience = limit + 120
    while time.monotonic() - t0 < patience:
        pid = k.kiosk_pid()
        if pid and pid != before_pid and k.service("ActiveState") == "active":
            break
        time.sleep(0.5)
    left = max(1, patience - (time.monotonic() - t0))
    path, waited = k.wait_screen(name, k.refs.shots["attract"], ATTRACT_LIMIT, left)
    took = time.monotonic() - t0
    if waited is not None:
        k.report.figure(f"{what} to Attract again", f"{took:.1f} s")
    return k.report.check(waited is not None and took <= limit,
                          f"{what}: systemd restarted cage and the kiosk, Attract within {limit:.0f} s",
                          f"{path} after {took:.0f} s")


def crash(k):
    pid = k.kiosk_pid()
    k.agent.sh(f"kill -9 {pid}")
    restarted(k, "kill -9", "attract-after-kill", pid, RESTART_LIMIT_S)


def _click(k, tap):
    x, y = (int(v) for v in tap.split()[1:3])
    k.vm.pointer(x, y)
    time.sleep(0.5)
    k.vm.pointer(x, y, down=True)
    time.sleep(0.2)
    k.vm.pointer(x, y, down=False)


def pointer(k):
    """The QMP absolute pointer (virtio-tablet, a mouse to libinput): a click on
    Attract, then on the language button."""
    _click(k, k.refs.taps["language"])
    path, waited = k.wait_screen("pointer-language", k.refs.shots["language"], SCREEN_LIMIT, 30)
    k.report.check(waited is not None, "mouse (QMP absolute pointer): a click on Attract shows the language screen",
                   path)
    time.sleep(SETTLE_S)
    _click(k, k.refs.taps["brochure"])
    path, waited = k.wait_screen("pointer-brochure", k.refs.shots["brochure"], SCREEN_LIMIT, 20)
    k.report.check(waited is not None, "mouse (QMP absolute pointer): a click on a language button shows the brochure",
                   path)


def hang(k):
    seconds = _seconds(k.service("WatchdogUSec"))
    pid = k.kiosk_pid()
    k.agent.sh(f"kill -STOP {pid}")
    ok = restarted(k, "kill -STOP (watchdog)", "attract-after-hang", pid, seconds + RESTART_LIMIT_S)
    if ok:
        journal = k.journal()
        k.report.check("Watchdog timeout" in journal or "watchdog" in journal.lower(),
                       "the journal names the watchdog as the reason")


def _seconds(text):
    """systemd's time span as shown by `systemctl show` ("30s", "1min 30s")."""
    total = 0.0
    for n, unit in re.findall(r"([\d.]+)\s*(min|ms|us|s|h)", text):
        total += float(n) * {"h": 3600, "min": 60, "s": 1, "ms": 1e-3, "us": 1e-6}[unit]
    return total


def metrics(k):
    """Both the kill and the hang count as unclean exits (noticed at the next start)."""
    text = ""
    for _ in range(90):
        text = k.agent.sh("f=$(sed -n 's/^textfile *= *//p' /etc/medkiosk/medkiosk.ini | tail -1); "
                          "cat \"${f:-/var/lib/medkiosk/metrics/medkiosk.prom}\" 2>/dev/null || true")
        if re.search(r"^medkiosk_unclean_exits_total [1-9]", text, re.M):
            break
        time.sleep(1)
    m = re.search(r"^medkiosk_unclean_exits_total (\d+)", text, re.M)
    starts = re.search(r"^medkiosk_starts_total (\d+)", text, re.M)
    n = int(m.group(1)) if m else -1
    k.report.check(n == 2, "metrics: the kill and the hang are 2 unclean exits",
                   f"medkiosk_unclean_exits_total {n}")
    if starts:
        k.report.figure("metrics after the kill and the hang", f"starts {starts.group(1)}, unclean exits {n}")


def run_all(k, args):
    k.work = args.work
    boot(k)
    touch_sequence(k)
    memory(k)
    crash(k)
    pointer(k)
    hang(k)
    metrics(k)
    import checks_system
    checks_system.update_chain(k)
    checks_system.updater_confined(k)
    checks_system.locked_down(k, args)
