"""Shared helpers for the update tests: content versions, signed bundles, a loopback
HTTP server that counts what it answers, and running medkiosk-update."""
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time


class Tools:
    def __init__(self, build_dir, source_dir, work):
        self.build = build_dir
        self.source = source_dir
        self.work = work
        self.mkc = os.path.join(build_dir, "medkiosk-content")
        self.update = os.path.join(build_dir, "medkiosk-update")
        # The same program with the MEDKIOSK_UPDATE_CRASH_AT hook, built for tests only.
        self.crash_update = os.path.join(build_dir, "medkiosk-update-crashtest")
        subprocess.run([self.mkc, "keygen", "--out", os.path.join(work, "key")], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(work, "key.pub")) as f:
            self.public_key = f.read().strip()

    def database(self, version):
        """The shipped content compiled as `version`."""
        out = os.path.join(self.work, f"v{version}.db")
        if not os.path.exists(out):
            subprocess.run([self.mkc, "build", os.path.join(self.source, "content"), "-o", out,
                            "--content-version", str(version)], check=True, stdout=subprocess.DEVNULL)
        return out

    def publish(self, version, directory, expires="2099-01-01"):
        """Signs `version` into `directory` (manifest + database), as a publisher does."""
        subprocess.run([self.mkc, "sign", self.database(version), "--key", os.path.join(self.work, "key.key"),
                        "--expires", expires, "--out", directory], check=True, stdout=subprocess.DEVNULL)
        # Servers compare Last-Modified in whole seconds: a newer manifest must look
        # newer, and the updater only trusts a time at least a second in the past.
        manifest = os.path.join(directory, "manifest")
        stamp = int(time.time()) - 1000 + 10 * version
        os.utime(manifest, (stamp, stamp))
        return manifest

    def kiosk(self, name, url, shipped_version=1):
        """A kiosk's configuration and data directory."""
        home = os.path.join(self.work, name)
        os.makedirs(home, exist_ok=True)
        ini = os.path.join(home, "kiosk.ini")
        with open(ini, "w") as f:
            f.write(f"[content]\nurl = {url}\npublic_keys = {self.public_key}\n"
                    f"database = {self.database(shipped_version)}\ncheck_size = 540x960\n"
                    f"[data]\ndirectory = {home}/state\n")
        return ini

    def run(self, ini, env=None, program=None, **kw):
        return subprocess.run([program or self.update, "--config", ini], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, **kw)

    def current(self, ini):
        """What the kiosk would open now, as key=value pairs (skipped= lines listed)."""
        r = subprocess.run([self.update, "--config", ini, "--current"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        out = {"skipped": []}
        for line in r.stdout.splitlines():
            k, _, v = line.partition("=")
            if k == "skipped":
                out["skipped"].append(v)
            else:
                out[k] = v
        out["rc"] = r.returncode
        return out

    def status(self, ini):
        home = os.path.dirname(ini)
        out = {}
        with open(os.path.join(home, "state", "content", "update-status")) as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("=")
                out[k] = v
        return out


class CountingServer:
    """A real HTTP server on 127.0.0.1 serving `root`, counting (path, status) pairs,
    optionally with ETags."""

    def __init__(self, root, etags=False):
        counts = self.counts = {}
        lock = self.lock = threading.Lock()
        seen = self.if_none_match = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **kw):
                self.etag = None
                super().__init__(*a, directory=root, **kw)

            def send_head(self):
                # Optionally an ETag per file content, answering If-None-Match as
                # web servers do (Python's own server only knows If-Modified-Since).
                if etags:
                    path = self.translate_path(self.path)
                    if os.path.isfile(path):
                        with open(path, "rb") as f:
                            self.etag = '"' + hashlib.sha256(f.read()).hexdigest()[:16] + '"'
                        asked = self.headers.get("If-None-Match")
                        if asked:
                            with lock:
                                seen.append(asked)
                        if asked == self.etag:
                            self.send_response(304)
                            self.end_headers()
                            return None
                return super().send_head()

            def end_headers(self):
                if self.etag:
                    self.send_header("ETag", self.etag)
                super().end_headers()

            def log_request(self, code="-", size="-"):
                with lock:
                    key = (self.path, int(code) if str(code).isdigit() else 0)
                    counts[key] = counts.get(key, 0) + 1

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                # An updater killed mid-download resets its connection: expected here.
                if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                    super().handle_error(request, client_address)

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def take_counts(self):
        with self.lock:
            c = dict(self.counts)
            self.counts.clear()
        return c

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path
