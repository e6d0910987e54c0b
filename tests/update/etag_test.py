#!/usr/bin/env python3
"""Conditional requests with ETags: a server that sends ETags is asked If-None-Match
with the ETag of the last manifest dealt with, answers 304 while nothing changed, and
a new manifest is fetched and installed.

Usage: etag_test.py BUILD_DIR SOURCE_DIR"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundles import CountingServer, Tools, fresh  # noqa: E402


def main():
    build, source = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="medkiosk-etag-")
    server = None
    try:
        t = Tools(build, source, work)
        srv = fresh(os.path.join(work, "srv"))
        server = CountingServer(srv, etags=True)
        ini = t.kiosk("kiosk", server.url)
        t.publish(2, srv)
        r = t.run(ini)
        assert r.returncode == 0 and t.status(ini)["result"] == "installed", r.stdout + r.stderr
        assert server.if_none_match == [], server.if_none_match
        server.take_counts()

        r = t.run(ini)
        assert r.returncode == 0 and t.status(ini)["result"] == "unchanged", r.stdout + r.stderr
        assert len(server.if_none_match) == 1, server.if_none_match
        assert server.take_counts() == {("/manifest", 304): 1}

        t.publish(3, srv)
        r = t.run(ini)
        assert r.returncode == 0 and t.status(ini)["result"] == "installed", r.stdout + r.stderr
        counts = server.take_counts()
        assert counts == {("/manifest", 200): 1, ("/content-3.db", 200): 1}, counts
        assert t.current(ini)["version"] == "3"
        print("ok: If-None-Match answered 304 while unchanged; a new manifest was fetched and installed")
    finally:
        if server:
            server.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
