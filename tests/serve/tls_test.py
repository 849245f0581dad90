#!/usr/bin/python3
"""tonghop serve --tls on loopback: the office's certificate authority is made once under
DATA/tls, the server certificate it signs verifies with openssl and holds 127.0.0.1, a
client that trusts only that authority gets the page and the API over HTTPS (the Excel
pane's case), a plain-HTTP request on the same port gets no answer, an upload from the
https:// origin passes the anti-forgery check, and a restart reuses the same authority.
The shared-folder catalog for Excel under DATA/excel-addin: the .reg file as regedit reads
it (UTF-16LE with a byte order mark, CRLF, the share's backslashes escaped, the same key on
every start), the catalog's manifest valid and naming this HTTPS server, the instructions.

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


def serve_args(tonghop, source, data):
    return [tonghop, "serve", "--plan", os.path.join(source, "samples/ke-hoach/an-duong-2026-2030.xlsx"), "--year",
            "2026", "--data", data, "--listen", "127.0.0.1:0", "--tls"]


def start(tonghop, source, data, extra=()):
    proc = subprocess.Popen(serve_args(tonghop, source, data) + list(extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    while len(lines) < 6:
        lines.append(proc.stdout.readline())
        m = re.search(r"https://127\.0\.0\.1:(\d+)/\n", lines[-1])
        if m:
            break
    if not m:
        proc.kill()
        raise SystemExit("tonghop serve --tls did not start: " + "".join(lines) + proc.stderr.read())
    assert "ca.crt" in lines[0], lines
    assert any("huong-dan-cai-dat.txt" in l for l in lines), lines
    return proc, int(m.group(1))


def check_catalog(source, data, port, share):
    """The files of DATA/excel-addin; returns the catalog's key (a GUID)."""
    folder = os.path.join(data, "excel-addin")
    with open(os.path.join(folder, "them-danh-muc-tin-cay.reg"), "rb") as f:
        raw = f.read()
    assert raw.startswith(b"\xff\xfe"), raw[:8]
    text = raw[2:].decode("utf-16-le")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    lines = text.split("\r\n")
    assert lines[0] == "Windows Registry Editor Version 5.00" and lines[1] == "", lines
    m = re.fullmatch(r"\[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16\.0\\WEF\\TrustedCatalogs\\"
                     r"(\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\})\]", lines[2])
    assert m, lines[2]
    guid = m.group(1)
    assert lines[3] == '"Id"="%s"' % guid, lines[3]
    assert lines[4] == '"Url"="%s"' % share.replace("\\", "\\\\"), (lines[4], share)
    assert lines[5] == '"Flags"=dword:00000001', lines[5]
    assert lines[6:] == ["", ""], lines[6:]
    manifest = os.path.join(folder, "catalog", "manifest.xml")
    valid = subprocess.run(["xmllint", "--noout", "--schema", os.path.join(source, "tests/addin/taskpaneapp.xsd"),
                            manifest], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stderr
    with open(manifest, encoding="utf-8") as f:
        xml = f.read()
    assert '<SourceLocation DefaultValue="https://127.0.0.1:%d/addin/taskpane.html"/>' % port in xml, xml
    assert "localhost:8080" not in xml
    with open(os.path.join(folder, "huong-dan-cai-dat.txt"), "rb") as f:
        guide = f.read()
    assert guide.startswith(b"\xef\xbb\xbf") and b"\n" not in guide.replace(b"\r\n", b""), guide[:40]
    guide = guide.decode("utf-8")
    for want in (share, "https://127.0.0.1:%d/addin/" % port, "them-danh-muc-tin-cay.reg", "cai-chung-chi.bat",
                 "THƯ MỤC DÙNG CHUNG", guid):
        assert want in guide, want
    assert sorted(os.listdir(folder)) == ["catalog", "catalog-id", "huong-dan-cai-dat.txt",
                                          "them-danh-muc-tin-cay.reg"], os.listdir(folder)
    return guid


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
        share = "\\\\" + socket.gethostname().upper() + "\\tonghop"
        guid = check_catalog(source, data, port, share)
        # Another shared folder (Vietnamese, spaces, a sub-folder): the same key, the new path.
        other = "\\\\MÁY-VĂN-PHÒNG\\Phần bổ trợ\\tonghop"
        proc, port = start(tonghop, source, data, ["--addin-share", other])
        proc.terminate()
        proc.wait(30)
        with open(os.path.join(tls, "ca.crt"), "rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == before, "the authority was made again"
        assert check_catalog(source, data, port, other) == guid, "the catalog's key changed"
        # Not a shared folder's path: a clear refusal, nothing started.
        for bad in ("C:\\tonghop", "\\\\MAY", '\\\\MAY\\a"b'):
            r = subprocess.run(serve_args(tonghop, source, data) + ["--addin-share", bad], capture_output=True,
                               text=True, timeout=60)
            assert r.returncode == 2 and "\\\\TÊN_MÁY\\TÊN_THƯ_MỤC" in r.stderr, (bad, r.returncode, r.stderr)
    print("serve --tls: authority made once, chain verified, HTTPS page and upload, plain HTTP refused, "
          "the Excel catalog's .reg, manifest and instructions")


if __name__ == "__main__":
    main()
