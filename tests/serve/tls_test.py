#!/usr/bin/python3
"""tonghop serve --tls on loopback: the office's certificate authority is made once under
DATA/tls, the server certificate it signs verifies with openssl and holds 127.0.0.1, a
client that trusts only that authority gets the page and the API over HTTPS (the Excel
pane's case), a plain-HTTP request on the same port gets no answer, an upload from the
https:// origin passes the anti-forgery check, and a restart reuses the same authority.

    tls_test.py BUILD/tonghop SOURCE_DIR
"""
import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import urllib.parse


def start(tonghop, source, data):
    proc = subprocess.Popen(
        [tonghop, "serve", "--plan", os.path.join(source, "samples/ke-hoach/an-duong-2026-2030.xlsx"), "--year",
         "2026", "--data", data, "--listen", "127.0.0.1:0", "--tls"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()
    line = first if "https://" in first else proc.stdout.readline()
    m = re.search(r"https://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        raise SystemExit("tonghop serve --tls did not start: " + first + line + proc.stderr.read())
    assert "ca.crt" in first, first
    return proc, int(m.group(1))


def main():
    tonghop, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        proc, port = start(tonghop, source, data)
        tls = os.path.join(data, "tls")
        try:
            ca = os.path.join(tls, "ca.crt")
            for name in ("ca.crt", "ca.key", "server.crt", "server.key", "cai-chung-chi.bat"):
                assert os.path.exists(os.path.join(tls, name)), name
            verify = subprocess.run(["openssl", "verify", "-CAfile", ca, os.path.join(tls, "server.crt")],
                                    capture_output=True, text=True)
            assert verify.returncode == 0 and "OK" in verify.stdout, verify.stdout + verify.stderr
            text = subprocess.run(["openssl", "x509", "-in", os.path.join(tls, "server.crt"), "-noout", "-text"],
                                  capture_output=True, text=True).stdout
            assert "IP Address:127.0.0.1" in text and "DNS:localhost" in text, text
            # A client that trusts only the office's authority, checking the name.
            ctx = ssl.create_default_context(cafile=ca)
            c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
            c.request("GET", "/", headers={"Host": "127.0.0.1:%d" % port})
            r = c.getresponse()
            assert r.status == 200 and b"<html" in r.read().lower()
            c.request("GET", "/api/session", headers={"Host": "127.0.0.1:%d" % port})
            r = c.getresponse()
            session = json.loads(r.read())
            origin = "https://127.0.0.1:%d" % port
            with open(os.path.join(source, "samples/bao-cao/cong-an-2026.xlsx"), "rb") as f:
                body = f.read()
            c.request("POST", "/api/submissions", body=body,
                      headers={"Host": "127.0.0.1:%d" % port, "Origin": origin, "X-Tonghop-CSRF": session["csrf"],
                               "X-File-Name": urllib.parse.quote("cong-an-2026.xlsx")})
            r = c.getresponse()
            answer = r.read()
            assert r.status == 201, answer[:300]
            c.close()
            # A client that does not trust the authority is refused by its own check.
            try:
                plain_ctx = ssl.create_default_context()
                d = http.client.HTTPSConnection("127.0.0.1", port, context=plain_ctx, timeout=30)
                d.request("GET", "/")
                d.getresponse()
                raise AssertionError("a client without the office's authority accepted the certificate")
            except ssl.SSLCertVerificationError:
                pass
            # Plain HTTP on the TLS port: no HTTP answer.
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try:
                got = s.recv(100)
            except OSError:
                got = b""
            s.close()
            assert not got.startswith(b"HTTP/"), got
        finally:
            proc.terminate()
            proc.wait(30)
        with open(os.path.join(tls, "ca.crt"), "rb") as f:
            before = hashlib.sha256(f.read()).hexdigest()
        proc, port = start(tonghop, source, data)
        proc.terminate()
        proc.wait(30)
        with open(os.path.join(tls, "ca.crt"), "rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == before, "the authority was made again"
    print("serve --tls: authority made once, chain verified, HTTPS page and upload, plain HTTP refused")


if __name__ == "__main__":
    main()
