"""Launch to first frame under cage, the Wayland kiosk compositor the package runs.

cage runs on wlroots' headless backend (WLR_BACKENDS=headless: one 1280x720 output,
no display or input devices), as in tests/window/fill_screen.sh. Its screen cannot
be watched from outside: while a window exactly covers the output, wlroots 0.15
scans the window's buffer out directly and screencopy (grim) reads black. So the
first frame is taken from the compositor's own protocol log (WAYLAND_DEBUG=server,
every request of every client, timestamped here as each line arrives): the first
commit of a surface with a buffer as large as the output attached. That is the
moment the compositor has a whole frame to show, for any client alike.

Medkiosk runs as the package runs it: an X11 client of Xwayland (SDL_VIDEODRIVER=x11),
which cage starts when the first X client connects, so its figure includes Xwayland's
start (reported on its own, from Medkiosk's log). Chromium runs twice: through
Xwayland as well (Debian's Chromium is an X11 client by default), and natively on
Wayland (--ozone-platform=wayland), with no Xwayland to wait for. Its first whole
frame is counted whether or not it has text yet (that favours Chromium).

cage refuses to run as root: as root, both run as the user `nobody`, with a work
directory of their own that this user owns.
"""
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

OUTPUT = (1280, 720)  # wlroots 0.15's headless output; cage offers no way to change it
NOBODY = 65534

CREATE_BUFFER = re.compile(r"wl_shm_pool@\d+\.create_buffer\(new id wl_buffer@(\d+), -?\d+, (\d+), (\d+),")
ATTACH = re.compile(r"wl_surface@(\d+)\.attach\(wl_buffer@(\d+),")
COMMIT = re.compile(r"wl_surface@(\d+)\.commit\(\)")
VIDEO_MS = re.compile(r"first frame \d+ ms after start \(video (\d+) ms")


class CageError(Exception):
    pass


class FirstWholeFrame:
    """Reads a compositor's protocol log; remembers when a whole frame was first committed."""

    def __init__(self):
        self.whole, self.attached = set(), set()
        self.first_ms, self.video_ms = None, None
        self.lines = []

    def feed(self, line, ms):
        self.lines.append(line)
        del self.lines[:-200]
        if m := VIDEO_MS.search(line):
            self.video_ms = float(m.group(1))
        elif self.first_ms is not None:
            return
        elif m := CREATE_BUFFER.search(line):
            buffer, w, h = m.group(1), int(m.group(2)), int(m.group(3))
            # Ids are reused once freed: a smaller buffer under a known id is no longer whole.
            (self.whole.add if (w, h) == OUTPUT else self.whole.discard)(buffer)
        elif m := ATTACH.search(line):
            (self.attached.add if m.group(2) in self.whole else self.attached.discard)(m.group(1))
        elif m := COMMIT.search(line):
            if m.group(1) in self.attached:
                self.first_ms = ms


def ensure_cage():
    missing = [p for p, exe in (("cage", "cage"), ("xwayland", "Xwayland")) if not shutil.which(exe)]
    if not missing:
        return
    if os.geteuid() != 0:
        raise CageError(f"{', '.join(missing)} not installed; run as root to install")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", *missing], env=env, check=True,
                   stdout=subprocess.DEVNULL)


class Cage:
    """A work directory the compositor's user owns, and runs of `cage -- PROGRAM` in it."""

    def __init__(self):
        ensure_cage()
        self.root = os.geteuid() == 0
        # Its own directory: the caller's work directory is private to the caller.
        self.dir = tempfile.mkdtemp(prefix="medkiosk-cage-")
        self.runs = 0

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def give(self, src, name):
        """A copy of `src` the compositor's user can read; returns its path."""
        dst = self.path(name)
        shutil.copy(src, dst)
        return dst

    def _own(self, path):
        if self.root:
            for base, dirs, files in os.walk(path):
                for name in [base] + [os.path.join(base, n) for n in dirs + files]:
                    os.chown(name, NOBODY, NOBODY, follow_symlinks=False)

    def first_frame(self, cmd, stop, logs_video=False, timeout_s=30):
        """Milliseconds from launching `cage -- cmd` to its first whole frame, and SDL's video start
        (waited for when `logs_video`: Medkiosk logs it just after its first frame is shown).
        `stop(proc)` ends cage and every process it started."""
        self.runs += 1
        runtime = self.path(f"runtime-{self.runs}")
        os.makedirs(runtime, mode=0o700)
        self._own(self.dir)
        env = {"PATH": "/usr/bin:/bin", "HOME": self.dir, "XDG_RUNTIME_DIR": runtime, "WLR_BACKENDS": "headless",
               "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1", "SDL_VIDEODRIVER": "x11",
               "SDL_AUDIODRIVER": "dummy", "WAYLAND_DEBUG": "server", "LANG": "C.UTF-8"}
        user = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if self.root else []
        watch = FirstWholeFrame()
        t0 = time.monotonic()
        proc = subprocess.Popen(user + ["cage", "--", *cmd], env=env, cwd=self.dir, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)

        def read():
            for raw in proc.stderr:
                watch.feed(raw.decode(errors="replace"), (time.monotonic() - t0) * 1000)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        deadline = t0 + timeout_s
        while (watch.first_ms is None or (logs_video and watch.video_ms is None)) \
                and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.005)
        stop(proc)
        reader.join(timeout=5)
        shutil.rmtree(runtime, ignore_errors=True)
        if watch.first_ms is None:
            raise CageError(f"cage -- {cmd[0]}: no whole {OUTPUT[0]}x{OUTPUT[1]} frame committed within "
                            f"{timeout_s} s:\n" + "".join(watch.lines[-30:]))
        return watch.first_ms, watch.video_ms
