#!/usr/bin/env python3
"""Crash safety of the content switch: medkiosk-update is killed with SIGKILL at every
step it names (MEDKIOSK_UPDATE_CRASH_AT), at many points of the download, and at random
moments, over file:// and over HTTP. After each kill the kiosk must find the complete
old version (2) or the complete new one (3), never a damaged one, and a later run must
finish the job.

Usage: kill_test.py BUILD_DIR SOURCE_DIR RUNS"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundles import CountingServer, Tools, fresh  # noqa: E402

STEPS = ["locked", "manifest-fetched", "manifest-verified", "downloaded", "database-synced",
         "database-checked", "rendered", "staged", "pointer-temporary-synced", "pointer-renamed",
         "switched", "cleaned", "status-written"]
SWITCHED_FROM = STEPS.index("pointer-renamed")


def main():
    build, source, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    random.seed(20261122)
    work = tempfile.mkdtemp(prefix="medkiosk-kill-")
    server = None
    try:
        t = Tools(build, source, work)
        old_srv, srv = fresh(os.path.join(work, "srv-old")), fresh(os.path.join(work, "srv"))
        t.publish(2, old_srv)
        t.publish(3, srv)
        server = CountingServer(srv)

        # The state every run starts from: version 2 installed over the shipped version 1.
        base_ini = t.kiosk("base", "file://" + old_srv)
        r = t.run(base_ini)
        assert r.returncode == 0, r.stdout + r.stderr
        old = t.current(base_ini)
        assert old["version"] == "2" and old["origin"] == "update", old
        base_state = os.path.join(work, "base", "state")

        home = os.path.join(work, "run")
        urls = {"file": "file://" + srv, "http": server.url}

        def prepare(proto):
            shutil.rmtree(os.path.join(home, "state"), ignore_errors=True)
            ini = t.kiosk("run", urls[proto])
            shutil.copytree(base_state, os.path.join(home, "state"))
            return ini

        # One uninterrupted run gives the new version's hash and the run's duration.
        ini = prepare("file")
        start = time.monotonic()
        r = t.run(ini)
        duration = time.monotonic() - start
        assert r.returncode == 0, r.stdout + r.stderr
        new = t.current(ini)
        assert new["version"] == "3", new
        hashes = {"2": old["sha256"], "3": new["sha256"]}

        plan = []
        for proto in ("file", "http"):
            plan += [(proto, s) for s in STEPS]
        plan += [("file", f"download:{k}") for k in range(1, 45)]
        plan += [("http", f"download:{k}") for k in range(1, 45)]
        # The named points first, spread over the list when fewer runs are asked for.
        if runs < len(plan):
            plan = plan[::-(-len(plan) // runs)]

        killed = {"step": 0, "random": 0, "finished": 0}
        seen = {"2": 0, "3": 0}

        def one_run(i, proto, point):
            ini = prepare(proto)
            started = time.monotonic()
            if isinstance(point, str):
                env = dict(os.environ, MEDKIOSK_UPDATE_CRASH_AT=point)
                rc = t.run(ini, env=env, program=t.crash_update).returncode
            else:
                p = subprocess.Popen([t.update, "--config", ini], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    rc = p.wait(timeout=point)
                except subprocess.TimeoutExpired:
                    p.send_signal(signal.SIGKILL)
                    rc = p.wait()
            took = time.monotonic() - started
            if rc == -signal.SIGKILL:
                killed["step" if isinstance(point, str) else "random"] += 1
            else:
                assert rc == 0, f"run {i} ({proto}, {point}) ended with {rc}"
                killed["finished"] += 1
            cur = t.current(ini)
            where = f"run {i} ({proto}, kill at {point}): {cur}"
            # The kiosk opens the installed update itself, whole, never a fallback.
            assert cur["rc"] == 0 and cur["skipped"] == [], where
            assert cur["origin"] == "update" and cur["version"] in hashes, where
            assert cur["sha256"] == hashes[cur["version"]], where
            seen[cur["version"]] += 1
            if isinstance(point, str) and point in STEPS and rc == -signal.SIGKILL:
                want = "3" if STEPS.index(point) >= SWITCHED_FROM else "2"
                assert cur["version"] == want, where
            if i % 8 == 0:
                # The next timer run completes the update and tidies up.
                r = t.run(ini)
                assert r.returncode == 0, where + r.stdout + r.stderr
                cur = t.current(ini)
                assert cur["version"] == "3" and cur["skipped"] == [], where
                left = sorted(os.listdir(os.path.join(home, "state", "content")))
                assert not [n for n in left if n.endswith((".part", ".tmp"))], left
            return rc, took

        for i, (proto, point) in enumerate(plan):
            one_run(i, proto, point)
        # Then kills at random moments until `runs` runs were killed. The window
        # follows how long a whole run takes on this machine right now.
        i = len(plan)
        while killed["step"] + killed["random"] < runs and i < 3 * runs:
            rc, took = one_run(i, random.choice(("file", "http")), random.uniform(0, duration))
            if rc != -signal.SIGKILL:
                duration = 0.5 * duration + 0.5 * took
            i += 1
        assert killed["step"] + killed["random"] >= runs, killed
        plan = range(i)
        print(f"{len(plan)} runs: {killed['step']} killed at a named step or download chunk, "
              f"{killed['random']} killed at a random moment (last window 0-{duration:.2f} s), "
              f"{killed['finished']} finished before the kill point; "
              f"afterwards the kiosk found version 2 {seen['2']} times and version 3 {seen['3']} times")
    finally:
        if server:
            server.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
