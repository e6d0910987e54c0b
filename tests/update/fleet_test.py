#!/usr/bin/env python3
"""A fleet of kiosks against one loopback HTTP server: N medkiosk-update instances, each
with its own data directory, all converge on a newly published signed version; a bad
bundle published next is refused by every one of them; and a poll with nothing new is
answered "304 Not Modified" without downloading anything.

Usage: fleet_test.py BUILD_DIR SOURCE_DIR N"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundles import CountingServer, Tools, fresh  # noqa: E402


def run_fleet(t, inis):
    procs = [subprocess.Popen([t.update, "--config", ini], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for ini in inis]
    return [(p.wait(timeout=600), p.stdout.read()) for p in procs]


def main():
    build, source, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    work = tempfile.mkdtemp(prefix="medkiosk-fleet-")
    server = None
    try:
        t = Tools(build, source, work)
        srv = fresh(os.path.join(work, "srv"))
        server = CountingServer(srv)
        inis = [t.kiosk(f"kiosk{i:02d}", server.url) for i in range(n)]

        t.publish(2, srv)
        for i, (rc, out) in enumerate(run_fleet(t, inis)):
            assert rc == 0, f"kiosk {i}: exit {rc}: {out}"
            st = t.status(inis[i])
            assert st["result"] == "installed" and st["version"] == "2", (i, st)
            cur = t.current(inis[i])
            assert cur["version"] == "2" and cur["origin"] == "update", (i, cur)
        counts = server.take_counts()
        assert counts.get(("/manifest", 200)) == n, counts
        assert counts.get(("/content-2.db", 200)) == n, counts

        # Version 3 is published with a database that was changed after signing.
        t.publish(3, srv)
        with open(os.path.join(srv, "content-3.db"), "r+b") as f:
            f.seek(4096)
            f.write(b"tampered")
        for i, (rc, out) in enumerate(run_fleet(t, inis)):
            assert rc == 1, f"kiosk {i}: exit {rc}: {out}"
            st = t.status(inis[i])
            assert st["result"] == "refused" and st["version"] == "2", (i, st)
            assert "SHA-256" in st["message"], (i, st)
            cur = t.current(inis[i])
            assert cur["version"] == "2" and cur["skipped"] == [], (i, cur)
        counts = server.take_counts()
        assert counts.get(("/manifest", 200)) == n, counts

        # Nothing new: every kiosk asks "if modified since", downloads nothing before
        # its backoff has passed, and keeps reporting the refusal (issue #14, item 4:
        # "unchanged" here made a frozen fleet look healthy).
        for i, (rc, out) in enumerate(run_fleet(t, inis)):
            assert rc == 1, f"kiosk {i}: exit {rc}: {out}"
            st = t.status(inis[i])
            assert st["result"] == "refused" and "SHA-256" in st["message"], (i, st)
        counts = server.take_counts()
        assert counts == {("/manifest", 304): n}, counts
        print(f"{n} kiosks installed version 2, refused the tampered version 3, "
              f"and then polled with {n} answers of 304 Not Modified, still reporting the refusal")
    finally:
        if server:
            server.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
