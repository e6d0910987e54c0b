"""One QEMU virtual machine for scripts/vm-test, driven only through QMP (screen,
keys, absolute pointer, power) and the QEMU guest agent (commands and files): the
guest has no network. Python standard library only.

The machine boots the image's own kernel and initrd (no bootloader) with one
display device, virtio-gpu at the kiosk's portrait size: with QEMU's default VGA as
well, wlroots sees two GPUs and fails on "PRIME import not supported".
"""
import base64
import json
import os
import random
import socket
import subprocess
import time


class VmError(Exception):
    pass


def _connect(path, deadline, proc=None):
    while True:
        if proc is not None and proc.poll() is not None:
            raise VmError(f"QEMU exited with {proc.returncode} before {path} was ready")
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise VmError(f"cannot connect to {path}")
            time.sleep(0.1)


class Qmp:
    """QEMU Machine Protocol: one JSON command at a time; events are skipped."""

    def __init__(self, path, timeout=30, proc=None):
        self.sock = _connect(path, time.monotonic() + timeout, proc)
        self.file = self.sock.makefile("rwb", buffering=0)
        json.loads(self.file.readline())  # the greeting
        self.execute("qmp_capabilities")

    def execute(self, command, **arguments):
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        self.file.write(json.dumps(msg).encode() + b"\n")
        while True:
            line = self.file.readline()
            if not line:
                raise VmError(f"QMP closed during {command}")
            reply = json.loads(line)
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise VmError(f"QMP {command}: {reply['error'].get('desc')}")

    def close(self):
        self.sock.close()


class Agent:
    """The QEMU guest agent on its virtio serial port. Each call first synchronises
    with guest-sync-delimited, so a reply left over from a timed-out call (or the
    agent restarting) is never taken for the answer to the next one."""

    def __init__(self, path):
        self.path = path
        self.sock = None

    def _open(self, timeout):
        if self.sock is None:
            self.sock = _connect(self.path, time.monotonic() + timeout)

    def _reset(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def _read_json(self, deadline):
        buf = b""
        while True:
            self.sock.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                ch = self.sock.recv(1)
            except socket.timeout:
                raise VmError("guest agent: no answer")
            if not ch:
                raise VmError("guest agent: connection closed")
            if ch == b"\xff":  # the delimiter guest-sync-delimited sends first
                buf = b""
                continue
            buf += ch
            if ch == b"\n" and buf.strip():
                try:
                    return json.loads(buf)
                except ValueError:
                    buf = b""

    def call(self, command, timeout=30, **arguments):
        deadline = time.monotonic() + timeout
        try:
            self._open(timeout)
            token = random.randrange(1 << 30)
            self.sock.sendall(b"\xff" + json.dumps({"execute": "guest-sync-delimited",
                                                    "arguments": {"id": token}}).encode() + b"\n")
            while self._read_json(deadline).get("return") != token:
                pass
            msg = {"execute": command}
            if arguments:
                msg["arguments"] = arguments
            self.sock.sendall(json.dumps(msg).encode() + b"\n")
            reply = self._read_json(deadline)
        except (OSError, VmError):
            self._reset()
            raise
        if "error" in reply:
            raise VmError(f"guest agent {command}: {reply['error'].get('desc')}")
        return reply.get("return")

    def wait_up(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.call("guest-ping", timeout=5)
                return
            except (OSError, VmError):
                if time.monotonic() > deadline:
                    raise VmError(f"the guest agent did not answer within {timeout} s")
                time.sleep(1)

    def run(self, argv, stdin=None, timeout=60, check=True):
        """Runs argv in the guest; returns (exit code, stdout, stderr) as text."""
        args = {"path": argv[0], "arg": list(argv[1:]), "capture-output": True}
        if stdin is not None:
            args["input-data"] = base64.b64encode(stdin.encode()).decode()
        pid = self.call("guest-exec", timeout=30, **args)["pid"]
        deadline = time.monotonic() + timeout
        while True:
            st = self.call("guest-exec-status", timeout=30, pid=pid)
            if st.get("exited"):
                break
            if time.monotonic() > deadline:
                raise VmError(f"{' '.join(argv)}: still running after {timeout} s")
            time.sleep(0.2)
        out = base64.b64decode(st.get("out-data", "")).decode(errors="replace")
        err = base64.b64decode(st.get("err-data", "")).decode(errors="replace")
        code = st.get("exitcode", 128 + st.get("signal", 0))
        if check and code != 0:
            raise VmError(f"{' '.join(argv)} exited with {code}: {err.strip() or out.strip()}")
        return code, out, err

    def sh(self, script, timeout=60, check=True):
        return self.run(["/bin/sh", "-c", script], timeout=timeout, check=check)[1]

    def start(self, argv):
        """Starts argv in the guest without waiting for it (a helper that stays)."""
        return self.call("guest-exec", path=argv[0], arg=list(argv[1:]))["pid"]

    def read_file(self, path):
        handle = self.call("guest-file-open", path=path, mode="r")
        data = b""
        try:
            while True:
                r = self.call("guest-file-read", handle=handle, count=1 << 16)
                data += base64.b64decode(r["buf-b64"])
                if r.get("eof") or not r["count"]:
                    break
        finally:
            self.call("guest-file-close", handle=handle)
        return data

    def write_file(self, path, data):
        handle = self.call("guest-file-open", path=path, mode="w")
        try:
            self.call("guest-file-write", handle=handle, **{"buf-b64": base64.b64encode(data).decode()})
        finally:
            self.call("guest-file-close", handle=handle)


class Machine:
    """The VM: start() boots it, stop() powers it off (or kills it)."""

    def __init__(self, work, kernel, initrd, disk, extra_disks=(), accel="tcg", width=1080, height=1920,
                 memory_mb=2048):
        self.work = work
        self.qmp_path = os.path.join(work, "qmp.sock")
        self.qga_path = os.path.join(work, "qga.sock")
        self.console = os.path.join(work, "console.log")
        # No -cpu host: on these hosts it fails on an MSR; QEMU's default model is used.
        accel_args = ["-accel", "kvm"] if accel == "kvm" else ["-accel", "tcg,thread=multi"]
        self.argv = ["qemu-system-x86_64", "-nodefaults", "-no-user-config", *accel_args, "-smp", "2",
                     "-m", str(memory_mb), "-kernel", kernel, "-initrd", initrd,
                     "-append", "root=/dev/vda rw console=ttyS0 panic=-1",
                     "-drive", f"file={disk},if=virtio,format=qcow2,cache=unsafe"]
        for d in extra_disks:
            self.argv += ["-drive", f"file={d},if=virtio,format=raw,readonly=on"]
        # A sound card (output discarded): read aloud is offered only with one.
        self.argv += ["-audiodev", "none,id=snd0", "-device", "intel-hda", "-device", "hda-output,audiodev=snd0"]
        self.argv += ["-vga", "none", "-device", f"virtio-gpu-pci,xres={width},yres={height}",
                      "-device", "virtio-tablet-pci", "-nic", "none", "-display", "none",
                      "-serial", f"file:{self.console}", "-no-reboot",
                      "-qmp", f"unix:{self.qmp_path},server=on,wait=off",
                      "-chardev", f"socket,path={self.qga_path},server=on,wait=off,id=qga0",
                      "-device", "virtio-serial-pci", "-device", "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0"]
        # -nodefaults drops the PS/2 keyboard too; the i8042 comes with the pc machine.
        self.width, self.height = width, height
        self.proc = None
        self.qmp = None
        self.agent = Agent(self.qga_path)
        self.started = None

    def start(self):
        for p in (self.qmp_path, self.qga_path):
            if os.path.exists(p):
                os.unlink(p)
        self.started = time.monotonic()
        with open(os.path.join(self.work, "qemu.log"), "w") as log:
            self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        self.qmp = Qmp(self.qmp_path, proc=self.proc)

    def since_start(self):
        return time.monotonic() - self.started

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def screendump(self, path):
        self.qmp.execute("screendump", filename=path, format="png")
        return path

    def send_keys(self, *keys, hold_ms=200):
        self.qmp.execute("send-key", keys=[{"type": "qcode", "data": k} for k in keys], **{"hold-time": hold_ms})

    def pointer(self, x, y, down=None):
        """Moves QMP's absolute pointer (virtio-tablet) to screen pixel x, y, and
        presses or releases the left button when down is True or False."""
        events = [{"type": "abs", "data": {"axis": "x", "value": int(x * 32767 / (self.width - 1))}},
                  {"type": "abs", "data": {"axis": "y", "value": int(y * 32767 / (self.height - 1))}}]
        if down is not None:
            events.append({"type": "btn", "data": {"button": "left", "down": down}})
        self.qmp.execute("input-send-event", events=events)

    def stop(self, timeout=30):
        if not self.alive():
            return
        try:
            self.qmp.execute("system_powerdown")
            self.proc.wait(timeout)
        except (VmError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
