#!/usr/bin/python3
"""The booted kiosk, checked in one boot of the image scripts/vm-test made.

Every check drives the guest as a person or clinic IT would reach it: the screen
through QMP's screendump, touch through a uinput touch screen inside the guest
(tests/vm/touchscreen.c: kernel, udev, libinput, cage, SDL), the mouse through QMP's
absolute pointer (virtio-tablet), keys through QMP, and commands and files through
the guest agent. Each screen is compared with a headless render of the same screen at
the same size, reached by the same taps (the build tree's medkiosk --replay), the
way tests/window/fill_screen.sh checks the real window.

Prints one line per check ("ok   ..." or "FAIL ...") and the figures, writes them to
WORK/report.txt, and exits 1 if any check failed.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from machine import Machine, VmError  # noqa: E402
from references import References  # noqa: E402


class Report:
    def __init__(self, path):
        self.path = path
        self.failures = 0
        self.lines = []

    def _add(self, line):
        print(line, flush=True)
        self.lines.append(line)
        with open(self.path, "a") as f:
            f.write(line + "\n")

    def ok(self, what):
        self._add(f"ok   {what}")

    def fail(self, what):
        self.failures += 1
        self._add(f"FAIL {what}")

    def check(self, cond, what, why=""):
        if cond:
            self.ok(what)
        else:
            self.fail(what + (f": {why}" if why else ""))
        return cond

    def known(self, what):
        self._add(f"KNOWN {what}")

    def figure(self, name, value):
        self._add(f"figure {name}: {value}")


class Kiosk:
    """The guest seen from the host: the VM plus what the checks need to ask it."""

    def __init__(self, vm, refs, report, shots):
        self.vm, self.refs, self.report, self.shots = vm, refs, report, shots
        self.agent = vm.agent
        self.n = 0

    def shot(self, name):
        self.n += 1
        path = os.path.join(self.shots, f"{self.n:02d}-{name}.png")
        self.vm.screendump(path)
        return path

    def differs(self, a, b):
        return self.refs.percent_differing(a, b)

    def wait_screen(self, name, reference, limit, timeout):
        """Screendumps until one matches the reference (at most `limit` % of pixels
        differ); returns (path, seconds waited) or (last path, None)."""
        t0 = time.monotonic()
        path, best = None, 100.0
        while True:
            path = self.shot(name)
            best = self.differs(path, reference)
            if best <= limit:
                return path, time.monotonic() - t0
            if time.monotonic() - t0 > timeout:
                print(f"     {name}: closest screendump {path} differs by {best:.2f}% from {reference}")
                return path, None
            os.unlink(path)
            self.n -= 1
            time.sleep(1)

    def service(self, prop):
        return self.agent.sh(f"systemctl show -p {prop} --value medkiosk.service").strip()

    def kiosk_pid(self):
        """medkiosk's pid: the child of cage, the unit's main process (a minimal root
        has no pgrep)."""
        out = self.agent.sh("m=$(systemctl show -p MainPID --value medkiosk.service); "
                            "for c in $(cat /proc/$m/task/*/children 2>/dev/null); do "
                            "[ \"$(cat /proc/$c/comm 2>/dev/null)\" = medkiosk ] && echo $c; done; true").split()
        return int(out[0]) if out else None

    def journal(self):
        return self.agent.sh("journalctl -b --no-pager -o short-monotonic -u medkiosk.service")

    def touch(self, command):
        """One gesture on the guest's uinput touch screen (tests/vm/touchscreen.c)."""
        import checks
        self.agent.run([checks.HELPER, "send", checks.TOUCH_DIR, *command.split()], timeout=60)


def choose_accel(args, report, make_vm):
    """KVM only when a probe boot with it reaches user space; TCG otherwise."""
    if args.accel in ("tcg", "kvm"):
        return args.accel, None
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return "tcg", None
    vm = make_vm("kvm")
    try:
        vm.start()
    except VmError as e:
        print(f"     KVM probe boot failed ({e}): using TCG")
        return "tcg", None
    deadline = time.monotonic() + 25
    while time.monotonic() < deadline and vm.alive():
        with open(vm.console, errors="replace") as f:
            if "Run /init as init process" in f.read():
                report.ok("KVM probe boot reached the initramfs: using KVM")
                return "kvm", vm
        time.sleep(0.5)
    vm.stop(timeout=1)
    with open(vm.console, errors="replace") as f:
        last = [l for l in f.read().splitlines() if l.strip()][-1:] or ["nothing"]
    print(f"     KVM probe boot did not reach the initramfs in 25 s (last console line: {last[0][:80]}): using TCG")
    return "tcg", None


def main():
    ap = argparse.ArgumentParser()
    for a in ("--work", "--image-dir", "--build", "--source", "--country", "--accel"):
        ap.add_argument(a, required=True)
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    shots = os.path.join(work, "shots")
    os.makedirs(shots, exist_ok=True)
    report = Report(os.path.join(work, "report.txt"))
    refs = References(args.build, args.source, os.path.join(work, "headless"), args.country)
    t = time.monotonic()
    refs.prepare()
    report.ok(f"headless references and tap targets ({time.monotonic() - t:.0f} s)")

    def make_vm(accel):
        return Machine(work, os.path.join(args.image_dir, "vmlinuz"), os.path.join(args.image_dir, "initrd.img"),
                       os.path.join(work, "disk.qcow2"), [os.path.join(work, "bundles.img")], accel=accel)

    accel, vm = choose_accel(args, report, make_vm)
    if vm is None:
        vm = make_vm(accel)
        vm.start()
    report.figure("acceleration", accel)
    kiosk = Kiosk(vm, refs, report, shots)
    try:
        import checks
        checks.run_all(kiosk, args)
    except VmError as e:
        report.fail(f"the guest stopped answering: {e}")
    finally:
        console = os.path.join(work, "console.log")
        vm.stop()
        if report.failures and os.path.exists(console):
            print("     last console lines:")
            with open(console, errors="replace") as f:
                for line in f.read().splitlines()[-15:]:
                    print("     | " + line)
    print(f"vm-test: {len([l for l in report.lines if l.startswith('ok')])} passed, {report.failures} failed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
