#!/usr/bin/env python3
"""Channels and redirects (issue #14 item 12).

- A bundle signed for the pilot ring is refused by a kiosk on the main ring, with the
  reason, and installed by a pilot kiosk; a kiosk without `[content] channel` follows
  `main`, and the channel is part of what the signature covers.
- Over https (a real TLS server on 127.0.0.1 with a certificate from a throw-away
  authority, given to the updater with `[content] ca_file`), a redirect to another
  https address is followed, and a redirect to plain http is refused.

Usage: channel_redirect_test.py BUILD_DIR SOURCE_DIR"""
import http.server
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bundles import CountingServer, Tools, fresh  # noqa: E402


def sign(t, version, directory, channel):
    subprocess.run([t.mkc, "sign", t.database(version), "--key", os.path.join(t.work, "key.key"),
                    "--expires", "2099-01-01", "--channel", channel, "--out", directory], check=True,
                   stdout=subprocess.DEVNULL)


def with_lines(ini, *lines):
    """The kiosk's configuration with lines added to its [content] section."""
    with open(ini) as f:
        text = f.read()
    with open(ini, "w") as f:
        f.write(text.replace("[content]\n", "[content]\n" + "".join(line + "\n" for line in lines), 1))
    return ini


def check_channels(t, work):
    srv = fresh(os.path.join(work, "pilot"))
    sign(t, 2, srv, "pilot")
    url = "file://" + srv
    main_kiosk = t.kiosk("main", url)
    r = t.run(main_kiosk)
    status = t.status(main_kiosk)
    assert r.returncode == 1 and status["result"] == "refused", r.stdout + r.stderr
    assert "channel 'pilot'" in status["message"] and "'main'" in status["message"], status
    assert t.current(main_kiosk)["version"] == "1"

    pilot_kiosk = with_lines(t.kiosk("pilot-kiosk", url), "channel = pilot")
    r = t.run(pilot_kiosk)
    assert r.returncode == 0 and t.status(pilot_kiosk)["result"] == "installed", r.stdout + r.stderr

    # The channel is signed: moving a pilot bundle to the main ring by editing its
    # manifest breaks the signature.
    manifest = os.path.join(srv, "manifest")
    with open(manifest) as f:
        text = f.read()
    assert "\nchannel=pilot\n" in text, text
    with open(manifest, "w") as f:
        f.write(text.replace("\nchannel=pilot\n", "\nchannel=main\n"))
    r = t.run(t.kiosk("main-2", url))
    status = t.status(os.path.join(work, "main-2", "kiosk.ini"))
    assert status["result"] == "refused" and "signature" in status["message"], status
    print("ok: a pilot bundle is refused on the main ring, installed on the pilot ring, and its channel is signed")


class RedirectingTls:
    """An https server on 127.0.0.1 that answers every request with a 302 to
    `target` + the same path."""

    def __init__(self, cert, key, target):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(302)
                self.send_header("Location", target + self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class TlsFiles(CountingServer):
    """CountingServer over TLS."""

    def __init__(self, root, cert, key):
        super().__init__(root)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = self.url.replace("http://", "https://")


def make_certificate(work):
    """A throw-away authority and a certificate for 127.0.0.1 signed by it."""
    ca_key, ca = os.path.join(work, "ca.key"), os.path.join(work, "ca.pem")
    key, csr, cert = os.path.join(work, "srv.key"), os.path.join(work, "srv.csr"), os.path.join(work, "srv.pem")
    ext = os.path.join(work, "srv.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca,
                    "-days", "2", "-subj", "/CN=medkiosk test authority"], **quiet)
    subprocess.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
                    "-subj", "/CN=127.0.0.1"], **quiet)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
                    "-out", cert, "-days", "2", "-extfile", ext], **quiet)
    return ca, cert, key


def check_redirects(t, work):
    ca, cert, key = make_certificate(work)
    srv = fresh(os.path.join(work, "srv"))
    t.publish(2, srv)
    servers = []
    try:
        files_tls = TlsFiles(srv, cert, key)
        files_plain = CountingServer(srv)
        servers += [files_tls, files_plain]
        to_https = RedirectingTls(cert, key, files_tls.url)
        to_http = RedirectingTls(cert, key, files_plain.url)
        servers += [to_https, to_http]

        good = with_lines(t.kiosk("tls-good", to_https.url), f"ca_file = {ca}")
        r = t.run(good)
        assert r.returncode == 0 and t.status(good)["result"] == "installed", r.stdout + r.stderr

        bad = with_lines(t.kiosk("tls-bad", to_http.url), f"ca_file = {ca}")
        r = t.run(bad)
        status = t.status(bad)
        assert r.returncode == 1 and status["result"] == "failed", r.stdout + r.stderr
        assert "redirect" in status["message"].lower(), status
        assert files_plain.take_counts() == {}, "the plain http server was asked"
        assert t.current(bad)["version"] == "1"
        print("ok: https redirected to https is followed; https redirected to http is refused and never asked")
    finally:
        for s in servers:
            s.close()


def main():
    build, source = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="medkiosk-channel-")
    try:
        t = Tools(build, source, work)
        check_channels(t, work)
        check_redirects(t, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
