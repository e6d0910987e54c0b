"""Headless references for the booted kiosk: the build tree's medkiosk replays the
same taps at the VM's screen size with the same configuration (the package's
medkiosk.ini with the country the test sets), and reports where each target is, so
the VM is tapped where the UI itself says a button is, and each screendump is
compared with the render of the same screen."""
import os
import shutil
import subprocess

from PIL import Image, ImageChops

SIZE = (1080, 1920)
FLING_MS = 120  # a fast flick: 10 ms steps, lifted at once


class References:
    def __init__(self, build, source, out, country):
        self.mk = os.path.join(build, "medkiosk")
        self.out = out
        self.ini = os.path.join(out, "medkiosk.ini")
        self.country = country
        self.source = source
        self.script = []
        self.taps = {}  # step name -> touch helper command
        self.shots = {}  # screen name -> reference PNG

    def _replay(self, lines, name):
        state = os.path.join(self.out, "state-" + name)
        shutil.rmtree(state, ignore_errors=True)
        path = os.path.join(self.out, name + ".txt")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run([self.mk, "--config", self.ini, "--data-dir", state, "--metrics", "off", "--replay", path,
                        "--out", self.out, "--size", f"{SIZE[0]}x{SIZE[1]}"], check=True,
                       stderr=subprocess.DEVNULL)

    def _probe(self):
        self._replay(self.script + ["shot probe"], "probe-script")
        targets = {}
        with open(os.path.join(self.out, "probe.txt")) as f:
            for line in f:
                if line.startswith("target="):
                    tid, *rect = line[len("target="):].split()
                    targets.setdefault(tid, tuple(int(v) for v in rect))
        return targets

    def centre(self, target, targets=None):
        targets = targets or self._probe()
        if target not in targets:
            raise RuntimeError(f"no target {target} on the screen after: {self.script}")
        x0, y0, x1, y1 = targets[target]
        return (x0 + x1) // 2, (y0 + y1) // 2

    def _step(self, name, command, wait_ms, shot=True):
        self.taps[name] = command
        self.script += [command, f"wait {wait_ms}"]
        if shot:
            self.script.append(f"shot {name}")
            self.shots[name] = os.path.join(self.out, name + ".png")

    def prepare(self):
        shutil.rmtree(self.out, ignore_errors=True)
        os.makedirs(self.out)
        with open(os.path.join(self.source, "packaging/etc/medkiosk.ini")) as f:
            ini = f.read().replace(";country = BE", f"country = {self.country}", 1)
        with open(self.ini, "w") as f:
            f.write(ini)
        self.script = ["shot attract"]
        self.shots["attract"] = os.path.join(self.out, "attract.png")
        x, y = self.centre("attract.start")
        self._step("language", f"tap {x} {y}", 800)
        targets = self._probe()
        lang = next(t for t in (f"language.en_{self.country}", "language.en") if t in targets)
        x, y = self.centre(lang, targets)
        self._step("brochure", f"tap {x} {y}", 1500)
        # The pregnancy section: long enough to scroll at every text size.
        x, y = self.centre("rail.pregnancy")
        self._step("section", f"tap {x} {y}", 2000)
        # A flick up in the text, below the section buttons and above the toolbar.
        targets = self._probe()
        top = max(r[3] for t, r in targets.items() if t.startswith(("rail.", "read.")))
        # The toolbar: "brochure." targets below the text (not the warning banner above it).
        bottom = min(r[1] for t, r in targets.items()
                     if t.startswith("brochure.") and t not in ("brochure.next", "brochure.warning"))
        y0, y1 = bottom - (bottom - top) // 6, top + (bottom - top) // 3
        self.text_box = (0, top, SIZE[0], bottom)  # what a fling moves
        self.fixed_box = (0, 0, SIZE[0], top)  # what it must not (title, warning, sections)
        self._step("fling", f"drag {SIZE[0] // 2} {y0} {SIZE[0] // 2} {y1} {FLING_MS}", 3000)
        self._step("pin", "hold 24 24 3300", 1000)
        self._replay(self.script, "script")
        for name, path in self.shots.items():
            if not os.path.exists(path):
                raise RuntimeError(f"the headless replay made no {name} screen")

    @staticmethod
    def percent_differing(a, b, box=None):
        """Share of pixels (in box, left top right bottom, if given) that differ by
        more than a small tolerance (anti-aliasing)."""
        ia, ib = Image.open(a).convert("RGB"), Image.open(b).convert("RGB")
        if ia.size != ib.size:
            return 100.0
        if box:
            ia, ib = ia.crop(box), ib.crop(box)
        diff = ImageChops.difference(ia, ib).convert("L").point(lambda v: 255 if v > 24 else 0)
        return 100.0 * diff.histogram()[255] / (ia.size[0] * ia.size[1])
