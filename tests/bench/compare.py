#!/usr/bin/env python3
"""Medkiosk against a browser kiosk (Chromium) showing the same brochure.

In one go, on the same machine, with runs of the two alternating:
  1. headless: `medkiosk --screenshot` of the brochure against headless Chromium
     screenshotting `medkiosk-content export --format html` of the same brochure
     at the same size (time from launch to the PNG, peak memory);
  2. window: both full screen under Xvfb: time from launch to the first frame with
     text on the screen, peak memory, CPU used while untouched;
  3. window under cage, the Wayland compositor the package runs, on its headless
     backend: time from launch to the first whole frame (see cage_window.py);
  4. growth: Medkiosk start-up time and memory with 1, 5 and 20 medicines (synthetic
     copies of the real brochure, 24 locales each);
  5. Medkiosk's own figures (`medkiosk --bench`, 3 runs or --runs): start to first
     frame, scrolling, peak memory before and after read aloud, a PIN check.
It prints tables of medians and ratios, one of them every target of the performance
issue with this run's figure (and writes it all as JSON with --json).

Memory is the sum over every process of each program (Chromium's browser, zygote,
renderer, GPU and utility processes; orphans are kept in the tree by making this
script their subreaper), sampled while it runs; for Medkiosk, one process, the
kernel's own peak (ru_maxrss) is used when it is higher. RSS counts shared pages
in each process (as `top` does); PSS, which shares them out, is given as well for
the window runs. The X server is not counted for either program.

The first frame in a window is seen from outside, the same way for both programs:
Xvfb keeps its framebuffer in a file (-fbdir), which is polled until the screen
shows text (many distinct colours), not just a background.

Usage: tests/bench/compare.py [--build DIR] [--runs N] [--idle-seconds S]
                              [--growth 1,5,20] [--smoke] [--json FILE]
--smoke: one run of each, 3 s of idle and growth 1,2: for the test suite; it fails
only when a measurement could not be taken, never on the figures themselves.
"""
import argparse
import ctypes
import json
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from cage_window import Cage, CageError  # noqa: E402

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


class BenchError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- process trees

def all_parents():
    parents = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        rest = stat[stat.rfind(b")") + 2:].split()
        parents[int(name)] = int(rest[1])
    return parents


def tree(root):
    parents = all_parents()
    pids, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in pids:
                pids.add(child)
                frontier.append(child)
    return [p for p in pids if p in parents]


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                rest = f.read()
            fields = rest[rest.rfind(b")") + 2:].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            pass
    return total


class MemorySampler(threading.Thread):
    """Peak of the summed RSS (and optionally PSS) of a process tree."""

    def __init__(self, root, interval, with_pss=False):
        super().__init__(daemon=True)
        self.root, self.interval, self.with_pss = root, interval, with_pss
        self.peak_rss = self.peak_pss = self.max_procs = 0
        self.stop_event = threading.Event()

    def run(self):
        while not self.stop_event.is_set():
            pids = tree(self.root)
            self.max_procs = max(self.max_procs, len(pids))
            self.peak_rss = max(self.peak_rss, sum(rss_kb(p) for p in pids))
            if self.with_pss:
                self.peak_pss = max(self.peak_pss, sum(pss_kb(p) for p in pids))
            self.stop_event.wait(self.interval)

    def stop(self):
        self.stop_event.set()
        self.join()


def become_subreaper():
    # Chromium's helpers that double-fork stay children of this script, so that
    # they are counted and reaped.
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_CHILD_SUBREAPER = 36
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_orphans():
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def stop_tree(proc, pids):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in [proc.pid] + pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        try:
            proc.wait(timeout=5)
            break
        except subprocess.TimeoutExpired:
            continue
    time.sleep(0.2)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    reap_orphans()


# ---------------------------------------------------------------- headless

def read_all(f):
    f.seek(0)
    return f.read().decode(errors="replace")


def run_headless(cmd, env, out_png):
    """Launch to exit: wall time, peak memory of the tree; the PNG must exist."""
    if os.path.exists(out_png):
        os.unlink(out_png)
    t0 = time.monotonic()
    err_file = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err_file)
    sampler = MemorySampler(proc.pid, 0.005)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.monotonic() - t0) * 1000
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = read_all(err_file)
    reap_orphans()
    if proc.returncode != 0 or not os.path.exists(out_png):
        raise BenchError(f"{cmd[0]} exited {proc.returncode} without a screenshot:\n{err[-2000:]}")
    # A one-process program's own peak is exact; sampling can miss a short peak.
    peak = max(sampler.peak_rss, usage.ru_maxrss if sampler.max_procs <= 1 else 0)
    # CPU time of the program and of every child it waited for.
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
    return {"ms": elapsed, "cpu_ms": cpu_ms, "rss_kb": peak, "processes": sampler.max_procs}


# ---------------------------------------------------------------- window (Xvfb)

class Xvfb:
    def __init__(self, width, height, workdir):
        self.width, self.height = width, height
        self.fbdir = os.path.join(workdir, "fb")
        os.makedirs(self.fbdir, exist_ok=True)
        self.display = next(n for n in range(90, 200) if not os.path.exists(f"/tmp/.X11-unix/X{n}")
                            and not os.path.exists(f"/tmp/.X{n}-lock"))
        self.proc = subprocess.Popen(
            ["Xvfb", f":{self.display}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
             "-fbdir", self.fbdir, "-noreset", "-br"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        path = os.path.join(self.fbdir, "Xvfb_screen0")
        deadline = time.monotonic() + 10
        # Ready when its socket exists and the framebuffer file has its whole header
        # and picture (the file is created before it is filled in).
        while not (os.path.exists(f"/tmp/.X11-unix/X{self.display}") and os.path.exists(path)
                   and os.path.getsize(path) >= 100 + width * height * 4):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise BenchError("Xvfb did not start")
            time.sleep(0.05)
        self.fb = open(path, "rb")
        header = self.fb.read(100)
        fields = struct.unpack(">25I", header)
        header_size, ncolors = fields[0], fields[19]
        self.bytes_per_line, bpp = fields[12], fields[11]
        if bpp != 32:
            raise BenchError(f"Xvfb framebuffer has {bpp} bits per pixel, expected 32")
        self.data_offset = header_size + ncolors * 12
        step = height // 48
        self.rows = list(range(step // 2, height, step))

    def env(self):
        env = dict(os.environ)
        env["DISPLAY"] = f":{self.display}"
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def sample(self):
        rows = []
        for y in self.rows:
            self.fb.seek(self.data_offset + y * self.bytes_per_line)
            rows.append(self.fb.read(self.width * 4))
        return b"".join(rows)

    def screenshot_ppm(self, path):
        self.fb.seek(self.data_offset)
        raw = self.fb.read(self.bytes_per_line * self.height)
        with open(path, "wb") as out:
            out.write(f"P6 {self.width} {self.height} 255\n".encode())
            for y in range(self.height):
                row = raw[y * self.bytes_per_line:y * self.bytes_per_line + self.width * 4]
                rgb = bytearray(self.width * 3)
                rgb[0::3], rgb[1::3], rgb[2::3] = row[2::4], row[1::4], row[0::4]
                out.write(rgb)

    def close(self):
        self.fb.close()
        self.proc.terminate()
        self.proc.wait()


def distinct_colours(sample):
    return len(set(memoryview(sample).cast("I")))


def run_window(cmd, xvfb, idle_s, settle_s, shot_path):
    blank = xvfb.sample()
    t0 = time.monotonic()
    err_file = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, env=xvfb.env(), stdout=subprocess.DEVNULL, stderr=err_file,
                            start_new_session=True)
    sampler = MemorySampler(proc.pid, 0.05, with_pss=True)
    sampler.start()
    first_ms, last = None, blank
    deadline = t0 + 30
    while time.monotonic() < deadline and proc.poll() is None:
        s = xvfb.sample()
        if s != last:
            last = s
            # Text on screen: anti-aliased glyphs give many colours; a bare
            # background or an empty window does not.
            if distinct_colours(s) >= 16:
                first_ms = (time.monotonic() - t0) * 1000
                break
        time.sleep(0.002)
    if first_ms is None:
        pids = tree(proc.pid)
        stop_tree(proc, pids)
        sampler.stop()
        err = read_all(err_file)
        raise BenchError(f"{cmd[0]} showed no frame with text within 30 s:\n{err[-2000:]}")
    time.sleep(settle_s)
    pids = tree(proc.pid)
    c0, w0 = cpu_ticks(pids), time.monotonic()
    time.sleep(idle_s)
    pids = tree(proc.pid)
    c1, w1 = cpu_ticks(pids), time.monotonic()
    xvfb.screenshot_ppm(shot_path)
    sampler.stop()
    stop_tree(proc, pids)
    return {"first_frame_ms": first_ms, "rss_kb": sampler.peak_rss, "pss_kb": sampler.peak_pss,
            "processes": sampler.max_procs,
            "idle_cpu_percent": 100.0 * (c1 - c0) / CLK_TCK / (w1 - w0)}


# ---------------------------------------------------------------- window (cage)

def run_cage_window(a, medkiosk, chromium, db, html_path):
    """Launch to first whole frame under cage (see cage_window.py), alternating, after an
    untimed start of Medkiosk that fills its atlas cache for the output's size."""
    cage = Cage()
    try:
        return cage_runs(a, cage, medkiosk, chromium, db, html_path)
    finally:
        cage.close()


def cage_runs(a, cage, medkiosk, chromium, db, html_path):
    mk = [medkiosk, "--locale", a.locale, "--content", cage.give(db, "medkiosk.db"),
          "--data-dir", cage.path("medkiosk-data")]
    url = "file://" + cage.give(html_path, "brochure.html")

    def stop(proc):
        stop_tree(proc, tree(proc.pid))
        reap_orphans()

    def command(who, run):
        if who == "medkiosk":
            return mk
        # Debian's Chromium is an X11 client unless told otherwise; a Wayland kiosk
        # would rather run it natively (no Xwayland to start).
        platform = "wayland" if who == "chromium" else "x11"
        return [chromium, "--kiosk", f"--ozone-platform={platform}", *CHROMIUM_FLAGS,
                f"--user-data-dir={cage.path(f'chromium-profile-{who}-{run}')}", url]

    cage.first_frame(mk, stop, logs_video=True)
    runs = {"medkiosk": [], "chromium": [], "chromium_x11": []}
    for run in range(a.runs):
        for who in (list(runs) if run % 2 == 0 else list(reversed(runs))):
            ms, video_ms = cage.first_frame(command(who, run), stop, logs_video=who == "medkiosk")
            if who == "medkiosk" and video_ms is None:
                raise BenchError("Medkiosk under cage logged no 'first frame ... (video N ms' line")
            runs[who].append({"first_frame_ms": ms} | ({"video_ms": video_ms} if who == "medkiosk" else {}))
            log(f"cage run {run + 1} {who}: first whole frame {ms:.0f} ms"
                + (f" (Xwayland's start {video_ms:.0f} ms of it)" if video_ms is not None else ""))
    return runs


# ---------------------------------------------------------------- growth

def synthetic_content(src, dst, medicines):
    """`medicines` copies of the real brochure (all its locales) as separate medicines."""
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(dst)
    for name in os.listdir(src):
        path = os.path.join(src, name)
        if os.path.isfile(path) and name != "README.md" and not name.endswith(".txt"):
            shutil.copy(path, dst)
    original = next(n for n in sorted(os.listdir(src)) if os.path.isfile(os.path.join(src, n, "medicine.ini")))
    for i in range(medicines):
        mid = original if i == 0 else f"{original}_copy{i:02d}"
        shutil.copytree(os.path.join(src, original), os.path.join(dst, mid))
        if i == 0:
            continue
        ini = os.path.join(dst, mid, "medicine.ini")
        with open(ini, encoding="utf-8") as f:
            lines = f.read().splitlines()
        out = []
        for line in lines:
            key = line.split("=")[0].strip()
            if key == "id":
                line = f"id = {mid}"
            elif key == "order":
                line = f"order = {i + 1}"
            elif key == "name":
                line = f"{line} {i + 1}"
            out.append(line)
        with open(ini, "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")


# ---------------------------------------------------------------- main

def median(values):
    return statistics.median(values) if values else float("nan")


def ensure_chromium():
    exe = shutil.which("chromium")
    if exe:
        return exe
    if os.geteuid() != 0:
        raise BenchError("chromium is not installed; run as root to install it (apt-get install -y chromium)")
    log("installing chromium (apt-get install -y chromium)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    exe = shutil.which("chromium")
    if not exe:
        raise BenchError("chromium is still missing after apt-get install")
    return exe


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_gib = int(f.readline().split()[1]) / 1024 / 1024
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(mem_gib, 1), "loadavg_start": load,
            "chromium": chromium}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle-seconds", type=float, default=60)
    ap.add_argument("--growth", default="1,5,20")
    ap.add_argument("--size", default="1080x1920")
    ap.add_argument("--locale", default="en")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--keep", help="keep screenshots and work files in this directory")
    a = ap.parse_args()
    if a.smoke:
        a.runs, a.idle_seconds, a.growth = 1, 3, "1,2"
    width, height = (int(v) for v in a.size.split("x"))
    medkiosk = os.path.join(a.build, "medkiosk")
    content_tool = os.path.join(a.build, "medkiosk-content")
    db = os.path.join(a.build, "content", "medkiosk.db")
    for path in (medkiosk, content_tool, db):
        if not os.path.exists(path):
            raise BenchError(f"{path} is missing: build first (scripts/build build)")
    chromium = ensure_chromium()
    become_subreaper()
    work = a.keep or tempfile.mkdtemp(prefix="medkiosk-bench-")
    os.makedirs(work, exist_ok=True)
    report = {"machine": machine(), "size": a.size, "runs": a.runs, "idle_seconds": a.idle_seconds}

    # The brochure as the web page a browser kiosk would show.
    html_path = os.path.join(work, "brochure.html")
    with open(html_path, "w") as out:
        subprocess.run([content_tool, "export", db, "--medicine", "pomalidomide", "--locale", a.locale,
                        "--format", "html"], stdout=out, check=True)
    url = "file://" + html_path
    env = dict(os.environ)
    env.pop("DISPLAY", None)

    # Medkiosk keeps its baked font atlas in its data directory's cache between starts
    # (/var/cache/medkiosk when installed). The runs share one data directory, filled
    # by an untimed start first, as on a kiosk that has started once with these fonts;
    # the first start of all (an empty cache) is measured on its own.
    mk_data = os.path.join(work, "medkiosk-data")

    def mk_headless(data_dir=mk_data):
        return [medkiosk, "--screenshot", os.path.join(work, "medkiosk.png"), "--screen", "brochure",
                "--locale", a.locale, "--size", a.size, "--data-dir", data_dir]

    def chr_headless(run):
        return [chromium, "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={work}/chromium-profile-h{run}",
                f"--window-size={width},{height}", "--hide-scrollbars",
                f"--screenshot={work}/chromium.png", url]

    run_headless(mk_headless(), env, os.path.join(work, "medkiosk.png"))  # fills the atlas cache
    headless = {"medkiosk": [], "chromium": [], "medkiosk_first_start": []}
    for run in range(a.runs):
        order = ["medkiosk", "chromium", "medkiosk_first_start"]
        if run % 2:
            order.reverse()
        for who in order:
            if who == "medkiosk":
                r = run_headless(mk_headless(), env, os.path.join(work, "medkiosk.png"))
            elif who == "medkiosk_first_start":
                r = run_headless(mk_headless(os.path.join(work, f"medkiosk-data-empty-{run}")), env,
                                 os.path.join(work, "medkiosk.png"))
            else:
                r = run_headless(chr_headless(run), env, os.path.join(work, "chromium.png"))
            headless[who].append(r)
            log(f"headless run {run + 1} {who}: {r['ms']:.0f} ms, {r['rss_kb'] / 1024:.1f} MB, "
                f"{r['processes']} processes")

    xvfb = Xvfb(width, height, work)
    window = {"medkiosk": [], "chromium": []}
    try:
        for run in range(a.runs):
            order = ["medkiosk", "chromium"] if run % 2 == 0 else ["chromium", "medkiosk"]
            for who in order:
                if who == "medkiosk":
                    cmd = [medkiosk, "--size", a.size, "--locale", a.locale, "--data-dir", mk_data]
                else:
                    cmd = [chromium, "--kiosk", *CHROMIUM_FLAGS, f"--user-data-dir={work}/chromium-profile-w{run}",
                           f"--window-size={width},{height}", "--window-position=0,0", url]
                r = run_window(cmd, xvfb, a.idle_seconds, 2.0, os.path.join(work, f"window-{who}.ppm"))
                window[who].append(r)
                log(f"window run {run + 1} {who}: first frame {r['first_frame_ms']:.0f} ms, "
                    f"{r['rss_kb'] / 1024:.1f} MB RSS, {r['pss_kb'] / 1024:.1f} MB PSS, "
                    f"idle {r['idle_cpu_percent']:.2f} % CPU")
    finally:
        xvfb.close()
    cage = run_cage_window(a, medkiosk, chromium, db, html_path)

    growth = []
    for n in [int(v) for v in a.growth.split(",") if v]:
        src = os.path.join(work, f"content-{n}")
        synthetic_content(os.path.join(ROOT, "content"), src, n)
        gdb = os.path.join(work, f"content-{n}.db")
        t0 = time.monotonic()
        subprocess.run([content_tool, "build", src, "-o", gdb], check=True, stdout=subprocess.DEVNULL)
        build_ms = (time.monotonic() - t0) * 1000
        runs = [run_headless(mk_headless() + ["--content", gdb], env, os.path.join(work, "medkiosk.png"))
                for _ in range(max(3, a.runs) + 1)][1:]  # the first fills the atlas cache
        g = {"medicines": n, "locales": 24, "db_kb": os.path.getsize(gdb) // 1024, "build_ms": build_ms,
             "start_to_png_ms": median([r["ms"] for r in runs]), "cpu_ms": median([r["cpu_ms"] for r in runs]),
             "rss_kb": median([r["rss_kb"] for r in runs])}
        growth.append(g)
        log(f"growth {n} medicines: {g}")

    # Medkiosk's own figures (--bench): start to first frame, scrolling, peak memory
    # before and after read aloud, a PIN check; in the same run as the rest.
    bench = []
    # A sanitized build's figures would be the sanitizer's (and its bench takes minutes).
    bench_runs = 0 if a.smoke and sanitized(a.build) else 1 if a.smoke else max(3, a.runs)
    for run in range(bench_runs):
        out = subprocess.run([medkiosk, "--bench", "--size", a.size, "--data-dir", mk_data], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True).stdout
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if not lines:
            raise BenchError("medkiosk --bench printed no figures")
        bench.append(json.loads(lines[-1]))
        log(f"bench run {run + 1}: first frame {bench[-1]['process_start_to_first_frame_ms']:.0f} ms, "
            f"peak RSS {bench[-1]['peak_rss_kb_before_speech'] / 1024:.1f} / {bench[-1]['peak_rss_kb'] / 1024:.1f} MB")

    def med(rows, key):
        return median([r[key] for r in rows])

    summary = {
        "headless": {who: {"ms": med(rows, "ms"), "cpu_ms": med(rows, "cpu_ms"), "rss_kb": med(rows, "rss_kb"),
                           "processes": max(r["processes"] for r in rows)} for who, rows in headless.items()},
        "window": {who: {k: med(rows, k) for k in ("first_frame_ms", "rss_kb", "pss_kb", "idle_cpu_percent")}
                   | {"processes": max(r["processes"] for r in rows)} for who, rows in window.items()},
        "cage": {who: {k: med(rows, k) for k in rows[0]} for who, rows in cage.items()},
        "growth": growth,
        "bench": {k: med(bench, k) for k in BENCH_FIGURES} if bench else {},
    }
    with open("/proc/loadavg") as f:
        report["machine"]["loadavg_end"] = " ".join(f.read().split()[:3])
    report["summary"] = summary
    report["raw"] = {"headless": headless, "window": window, "cage": cage, "bench": bench}
    check_measured(summary)
    print_table(report)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def check_measured(summary):
    """Every figure must have been measured: a positive, finite number."""
    figures = [(f"{mode} {who} {key}", value) for mode in ("headless", "window")
               for who, row in summary[mode].items() for key, value in row.items() if key != "pss_kb"]
    figures += [(f"cage {who} {key}", value) for who, row in summary["cage"].items() for key, value in row.items()]
    figures += [(f"growth {g['medicines']} {key}", g[key]) for g in summary["growth"]
                for key in ("start_to_png_ms", "cpu_ms", "rss_kb")]
    figures += [(f"bench {key}", value) for key, value in summary["bench"].items()
                if key != "pin_check_frame_max_ms"]
    bad = [name for name, value in figures if not (value > 0 and value != float("inf"))
           and not name.endswith("idle_cpu_percent")]
    bad += [name for name, value in figures if name.endswith("idle_cpu_percent") and not value >= 0]
    if summary["window"]["chromium"]["processes"] < 2:
        bad.append("window chromium processes (Chromium always runs several)")
    if bad:
        raise BenchError("not measured: " + ", ".join(bad))


# The figures of `medkiosk --bench` the targets table uses (medians over the runs).
BENCH_FIGURES = ("process_start_to_first_frame_ms", "first_frame_ms", "frame_p99_ms", "peak_rss_kb_before_speech",
                 "peak_rss_kb", "pin_check_frame_max_ms", "pin_check_rss_before_kb", "pin_check_rss_after_kb")


def sanitized(build):
    """Whether `build` is a sanitizer build (MEDKIOSK_SANITIZE in its CMake cache)."""
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            return any(line.strip() == "MEDKIOSK_SANITIZE:BOOL=ON" for line in f)
    except OSError:
        return False


def targets_rows(s):
    """Every target of the performance issue with its figure from this run."""
    h, w, c, b, g = s["headless"], s["window"], s["cage"], s["bench"], s["growth"]
    rows = [
        ("headless launch to PNG, Chromium ÷ Medkiosk", f"{h['chromium']['ms'] / h['medkiosk']['ms']:.1f}×", "≥ 15×"),
        ("window launch to first frame (Xvfb), Chromium ÷ Medkiosk",
         f"{w['chromium']['first_frame_ms'] / w['medkiosk']['first_frame_ms']:.1f}×", "≥ 10×"),
        ("window launch to first frame (cage; both through Xwayland), Chromium ÷ Medkiosk",
         f"{c['chromium_x11']['first_frame_ms'] / c['medkiosk']['first_frame_ms']:.1f}×", "≥ 10×"),
        ("window launch to first frame (cage; Chromium on Wayland), Chromium ÷ Medkiosk",
         f"{c['chromium']['first_frame_ms'] / c['medkiosk']['first_frame_ms']:.1f}×", "≥ 10×"),
    ]
    if b:
        rows += bench_rows(b)
    if len(g) >= 2:
        rows.append((f"start-up with {g[-1]['medicines']} medicines ÷ {g[0]['medicines']} (launch to PNG)",
                     f"{g[-1]['start_to_png_ms'] / g[0]['start_to_png_ms']:.2f}×", "≤ 1.5×"))
    return rows


def bench_rows(b):
    return [
        ("`--bench` process start to first frame (10 ms steps)", f"{b['process_start_to_first_frame_ms']:.0f} ms",
         "≤ 40 ms"),
        ("`--bench` peak RSS before read aloud", f"{b['peak_rss_kb_before_speech'] / 1024:.1f} MB", "≤ 40 MB"),
        ("`--bench` peak RSS after read aloud", f"{b['peak_rss_kb'] / 1024:.1f} MB", "≤ 50 MB"),
        ("`--bench` PIN check: resident memory after it − before it",
         f"{(b['pin_check_rss_after_kb'] - b['pin_check_rss_before_kb']) / 1024:+.2f} MB", "none lasting"),
        ("`--bench` PIN check: longest frame while it runs", f"{b['pin_check_frame_max_ms']:.1f} ms", "no stall"),
        ("`--bench` scroll frame p99, 1080×1920, software", f"{b['frame_p99_ms']:.1f} ms", "≤ 8 ms"),
    ]


def print_table(report):
    s, m = report["summary"], report["machine"]
    h, w, c = s["headless"], s["window"], s["cage"]

    def ratio(a, b):
        return f"{a / b:.1f}×" if b and a == a else "–"

    rows = [
        ("headless: launch to PNG (ms)", h["medkiosk"]["ms"], h["chromium"]["ms"], "≥ 15×"),
        ("headless: launch to PNG, first start: no atlas cached (ms)", h["medkiosk_first_start"]["ms"],
         h["chromium"]["ms"], ""),
        ("headless: CPU time, all processes (ms)", h["medkiosk"]["cpu_ms"], h["chromium"]["cpu_ms"], ""),
        ("headless: peak memory, all processes (MB RSS)", h["medkiosk"]["rss_kb"] / 1024,
         h["chromium"]["rss_kb"] / 1024, "≥ 8×"),
        ("window: launch to first frame (ms)", w["medkiosk"]["first_frame_ms"], w["chromium"]["first_frame_ms"],
         "≥ 10×"),
        ("window: peak memory, all processes (MB RSS)", w["medkiosk"]["rss_kb"] / 1024,
         w["chromium"]["rss_kb"] / 1024, "≥ 8×"),
        ("window: peak memory, all processes (MB PSS)", w["medkiosk"]["pss_kb"] / 1024,
         w["chromium"]["pss_kb"] / 1024, ""),
        ("cage 1280×720: launch to first whole frame, both through Xwayland (ms)", c["medkiosk"]["first_frame_ms"],
         c["chromium_x11"]["first_frame_ms"], "≥ 10×"),
        ("cage 1280×720: launch to first whole frame, Chromium on Wayland (ms)", c["medkiosk"]["first_frame_ms"],
         c["chromium"]["first_frame_ms"], "≥ 10×"),
        ("cage 1280×720: of it, Medkiosk waiting for Xwayland to start (ms)", c["medkiosk"]["video_ms"],
         float("nan"), ""),
        (f"window: CPU untouched for {report['idle_seconds']:.0f} s (% of one core)",
         w["medkiosk"]["idle_cpu_percent"], w["chromium"]["idle_cpu_percent"], "≤ 0.5 %"),
    ]
    print(f"Medkiosk vs Chromium, {report['size']}, median of {report['runs']} run(s) each, alternating")
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['chromium']}; "
          f"load average {m['loadavg_start']} (start) / {m['loadavg_end']} (end)")
    print(f"processes: Medkiosk {w['medkiosk']['processes']}, Chromium up to {w['chromium']['processes']}")
    print()
    print("| what | Medkiosk | Chromium | Chromium ÷ Medkiosk | target |")
    print("|---|---:|---:|---:|---|")
    for name, mk, ch, target in rows:
        chromium_cell = f"{ch:.2f}" if ch == ch else "–"
        print(f"| {name} | {mk:.2f} | {chromium_cell} | {ratio(ch, mk)} | {target} |")
    print()
    print("| what | this run | target |")
    print("|---|---:|---|")
    for name, figure, target in targets_rows(s):
        print(f"| {name} | {figure} | {target} |")
    if s["growth"]:
        print()
        print("| medicines × locales | database (KB) | content build (ms) | launch to PNG (ms) | "
              "CPU time (ms) | peak RSS (MB) |")
        print("|---|---:|---:|---:|---:|---:|")
        for g in s["growth"]:
            print(f"| {g['medicines']} × {g['locales']} | {g['db_kb']} | {g['build_ms']:.0f} | "
                  f"{g['start_to_png_ms']:.0f} | {g['cpu_ms']:.0f} | {g['rss_kb'] / 1024:.1f} |")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchError, CageError, subprocess.CalledProcessError) as e:
        print(f"compare.py: {e}", file=sys.stderr)
        sys.exit(1)
