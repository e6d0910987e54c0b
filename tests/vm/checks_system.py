"""Checks of the booted kiosk as clinic IT runs it: the update chain from a second
disk, and the lock-down (a VT switch, the sandbox's exposure, where the kiosk can
write)."""
import os
import re
import subprocess
import time

INI = "/etc/medkiosk/medkiosk.ini"
DATA = "/var/lib/medkiosk"
STATUS = f"{DATA}/content/update-status"


def _update(k, bundle):
    """Points [content] url at a bundle of the second disk and runs the updater's unit."""
    k.agent.sh(f"sed -i '/^url = file:/d' {INI} && echo 'url = file:///srv/bundles/{bundle}' >> {INI}")
    k.agent.run(["systemctl", "start", "medkiosk-update.service"], timeout=180, check=False)
    status = k.agent.sh(f"cat {STATUS} 2>/dev/null || true")
    return dict(line.split("=", 1) for line in status.splitlines() if "=" in line)


def _content_version_in_use(k, timeout):
    """The version the running kiosk shows: its last "opened"/"switching to" log line."""
    deadline = time.monotonic() + timeout
    version = None
    while True:
        for line in k.journal().splitlines():
            m = re.search(r"(?:opened|switching to) \S+ \([^)]*content version (\d+)", line)
            if m:
                version = int(m.group(1))
        if time.monotonic() > deadline:
            return version
        time.sleep(1)


def update_chain(k):
    r, agent = k.report, k.agent
    agent.sh("mkdir -p /srv/bundles && mount -o ro LABEL=bundles /srv/bundles")
    before = _content_version_in_use(k, 0)
    with open(os.path.join(k.work, "bundles/good/manifest")) as f:
        want = int(re.search(r"^content_version=(\d+)", f.read(), re.M).group(1))
    tampered = _update(k, "tampered")
    r.check(tampered.get("result") == "refused" and "sha" in tampered.get("message", "").lower(),
            "update: the tampered bundle is refused (SHA-256)", f"update-status {tampered}")
    r.check(_content_version_in_use(k, 8) == before, f"update: the kiosk keeps content version {before}")
    good = _update(k, "good")
    r.check(good.get("result") == "installed" and good.get("version") == str(want),
            f"update: the signed bundle (content version {want}) is installed", f"update-status {good}")
    t0 = time.monotonic()
    shown = None
    while time.monotonic() - t0 < 30:
        shown = _content_version_in_use(k, 0)
        if shown == want:
            break
        time.sleep(1)
    if r.check(shown == want, f"update: the kiosk switched to content version {want} at Attract",
               f"in use: {shown}"):
        r.figure("update installed to the kiosk showing it", f"{time.monotonic() - t0:.1f} s")
    path, waited = k.wait_screen("attract-after-update", k.refs.shots["attract"], 5.0, 20)
    r.check(waited is not None, "update: Attract is on screen after the switch", path)


# Run inside medkiosk-update.service's own sandbox (a drop-in replaces its command):
# what the updater's user sees of the data directory and what it can do there.
PROBE = f"""#!/bin/sh
{{
  echo "user $(id -un):$(id -gn)"
  echo "sees $(ls -A {DATA} | tr '\\n' ' ')"
  cat {DATA}/records.db >/dev/null 2>&1 && echo "read records.db"
  touch {DATA}/planted 2>/dev/null && echo "wrote the data directory"
  touch {DATA}/content/.probe-w 2>/dev/null && echo "wrote content" && rm -f {DATA}/content/.probe-w
}} >{DATA}/content/.probe 2>&1
"""


def updater_confined(k):
    """Issue #14 item 2: the updater's user alone writes content/, and cannot read the
    records, both by file rights (runuser) and inside its unit's sandbox."""
    r, agent = k.report, k.agent
    agent.run(["runuser", "-u", "medkiosk", "--", "medkiosk-admin", "nurse", "list"], check=False)
    owner = agent.sh(f"stat -c %U:%G:%a {DATA}/content {DATA}/records.db").split()
    r.check(owner == ["medkiosk-update:medkiosk:750", "medkiosk:medkiosk:600"],
            "content/ is medkiosk-update's (750), records.db the kiosk's alone (600)", f"{owner}")
    tries = {"medkiosk-update reads records.db": ("medkiosk-update", f"cat {DATA}/records.db"),
             "medkiosk writes content/": ("medkiosk", f"touch {DATA}/content/planted"),
             "medkiosk replaces the installed pointer": ("medkiosk", f"echo x >{DATA}/content/installed")}
    done = [what for what, (user, cmd) in tries.items()
            if agent.run(["runuser", "-u", user, "--", "/bin/sh", "-c", f"{cmd} 2>/dev/null"], check=False)[0] == 0]
    r.check(not done, "by file rights: the updater cannot read the records, the kiosk cannot write content/",
            f"succeeded: {done}")
    agent.write_file("/run/medkiosk-probe.sh", PROBE.encode())
    agent.sh("chmod 755 /run/medkiosk-probe.sh && mkdir -p /run/systemd/system/medkiosk-update.service.d && "
             "printf '[Service]\\nExecStart=\\nExecStart=/bin/sh /run/medkiosk-probe.sh\\n' "
             ">/run/systemd/system/medkiosk-update.service.d/probe.conf && systemctl daemon-reload")
    agent.run(["systemctl", "start", "medkiosk-update.service"], timeout=120, check=False)
    seen = agent.sh(f"cat {DATA}/content/.probe 2>&1; rm -f {DATA}/content/.probe "
                    "/run/systemd/system/medkiosk-update.service.d/probe.conf /run/medkiosk-probe.sh; "
                    "systemctl daemon-reload").splitlines()
    want = ["user medkiosk-update:medkiosk", "sees content ", "wrote content"]
    r.check(seen == want, "in its unit the updater sees only content/ of the data directory and writes only there",
            f"probe: {seen}")


def locked_down(k, args):
    r, agent, vm = k.report, k.agent, k.vm
    pid = k.kiosk_pid()
    vm.send_keys("ctrl", "alt", "f2")
    time.sleep(3)
    vt = agent.sh("cat /sys/class/tty/tty0/active").strip()
    path, waited = k.wait_screen("after-ctrl-alt-f2", k.refs.shots["attract"], 5.0, 10)
    r.check(vt == "tty1" and waited is not None and k.kiosk_pid() == pid,
            "Ctrl+Alt+F2 (QMP keys) leaves the kiosk on screen on tty1", f"active VT {vt}, {path}")
    inside = agent.sh("systemd-analyze security --no-pager medkiosk.service | tail -1")
    offline = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager",
                              f"{args.source}/packaging/systemd/medkiosk.service"],
                             capture_output=True, text=True).stdout.strip().splitlines()[-1:]
    score = lambda s: (re.search(r"level for \S+: ([\d.]+)", s) or [None, None])[1]  # noqa: E731
    r.check(score(inside) is not None and score(inside) == score(offline[0] if offline else ""),
            f"systemd-analyze security in the guest equals offline ({score(inside)})",
            f"guest '{inside.strip()}', offline '{offline}'")
    _writes(k, pid)


def _writes(k, pid):
    """Tries to write, as the kiosk process (its user and its mount namespace, entered
    with nsenter), in its data directory and in every other place it might."""
    r, agent = k.report, k.agent
    uid, gid = agent.sh(f"stat -c '%u %g' /proc/{pid}").split()
    places = ["/var/lib/medkiosk", "/var/lib/medkiosk/content", "/etc", "/usr/local", "/var/lib", "/var/log", "/var/cache", "/root", "/home",
              "/srv", "/opt", "/boot", "/"]
    script = "; ".join(f"touch {p}/.medkiosk-write-test 2>/dev/null && echo 'wrote {p}' && "
                       f"rm -f {p}/.medkiosk-write-test" for p in places)
    out = agent.run(["nsenter", "-t", str(pid), "-m", "-S", uid, "-G", gid, "/bin/sh", "-c", script + "; true"])[1]
    wrote = [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("wrote ")]
    r.check(wrote == ["/var/lib/medkiosk"], "the kiosk process writes its data directory and nothing else tried",
            f"wrote: {wrote}")
    # /tmp and /var/tmp are the unit's own (PrivateTmp=): what it writes there stays
    # invisible to the rest of the system and is gone with the unit.
    marker = f"medkiosk-private-{pid}"
    agent.run(["nsenter", "-t", str(pid), "-m", "-S", uid, "-G", gid, "/bin/sh", "-c",
               f"touch /tmp/{marker} /var/tmp/{marker}"])
    seen = agent.sh(f"ls /tmp/{marker} /var/tmp/{marker} 2>/dev/null; true").split()
    r.check(not seen, "the kiosk's /tmp and /var/tmp are private to it", f"visible outside: {seen}")
    # The same as the plain medkiosk user outside the sandbox, for the record.
    plain = agent.run(["runuser", "-u", "medkiosk", "--", "/bin/sh", "-c", script + "; true"])[1]
    r.figure("the medkiosk user outside the unit's sandbox could write",
             ", ".join(line.split(" ", 1)[1] for line in plain.splitlines() if line.startswith("wrote ")) or "nothing")
