#!/usr/bin/python3
"""tonghop serve as an office runs it on Windows (scripts/test-windows runs tonghop.exe under
wine with it; it runs as well against the Linux build): the page on 127.0.0.1, an upload
of a sample report (checked in a child process) and its result, a hostile file refused
without harm to the server, the consolidated workbook made by a child and downloaded, the
store (in a folder with a Vietnamese name) intact after the server is ended; with --tls,
the certificates tonghop makes verify and the page answers over HTTPS.

    windows_serve_test.py SOURCE_DIR TEMP_PARENT COMMAND...   (COMMAND: wine tonghop.exe, or tonghop)
"""
import http.client
import json
import os
import queue
import re
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_test import csrf, request, upload  # noqa: E402


def start(command, source, data, extra=()):
    proc = subprocess.Popen(
        [*command, "serve", "--plan", os.path.join(source, "samples/ke-hoach/an-duong-2026-2030.xlsx"), "--year",
         "2026", "--data", data, "--listen", "127.0.0.1:0", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(raw) for raw in proc.stdout], daemon=True).start()
    deadline = time.monotonic() + 120  # the first wine start of a prefix is slow
    seen = b""
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        seen += line
        m = re.search(rb"https?://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
    proc.kill()
    raise SystemExit("tonghop serve did not start: %r %r" % (seen, proc.stderr.read()))


def main():
    source, command = sys.argv[1], sys.argv[3:]
    with tempfile.TemporaryDirectory(dir=sys.argv[2]) as work:
        scenario(source, work, command)
    print("windows serve test: ok")


def scenario(source, work, command):
    data = os.path.join(work, "Dữ liệu văn phòng")
    proc, port = start(command, source, data)
    try:
        status, page = request(port, "GET", "/")
        assert status == 200 and "<title>tonghop – Tổng hợp báo cáo" in page.decode(), (status, page[:200])
        token = csrf(port)
        with open(os.path.join(source, "samples/bao-cao/cong-an-2026.xlsx"), "rb") as f:
            report = f.read()
        name = "Công an phường 2026.xlsx"
        status, answer = upload(port, token, name, report)
        assert status == 201, (status, answer[:600])
        accepted = json.loads(answer)["accepted"][0]
        assert accepted["name"] == name, accepted
        assert accepted["unit"] == "Công an", accepted
        # As on Linux: the sample's four indicator rows read and checked (88% against a 90%
        # target), its TCVN3 text converted, its six warnings.
        checked = accepted["result"]["files"][0]
        assert checked["unit"] == "Công an" and len(checked["rows"]) == 4, checked
        assert (checked["rows"][2]["actual"], checked["rows"][2]["status"]) == (88, "not-met"), checked["rows"][2]
        assert "CÔNG AN PHƯỜNG AN DƯƠNG" in json.dumps(checked["issues"], ensure_ascii=False), checked["issues"]
        assert (accepted["status"], accepted["errors"], accepted["warnings"]) == ("warnings", 0, 6), accepted
        print("upload: %s -> %s, %d errors, %d warnings" % (name, accepted["unit"], accepted["errors"],
                                                            accepted["warnings"]))
        # A file that is not a workbook: refused with a reason, the server goes on.
        status, answer = upload(port, token, "bad.xlsx", b"PK\x03\x04 not a zip at all" * 100)
        assert status == 422, (status, answer[:600])
        refused = json.loads(answer)["refused"][0]
        assert refused["error"] in ("unreadable", "refused") and refused["message"], refused
        status, body = request(port, "GET", "/api/submissions")
        assert status == 200 and len(json.loads(body)["submissions"]) == 1, body[:600]
        status, body = request(port, "POST", "/api/consolidations", b"", {"X-Tonghop-CSRF": token})
        assert status == 201, (status, body[:600])
        status, workbook = request(port, "GET", json.loads(body)["download"])
        assert status == 200 and workbook[:2] == b"PK" and len(workbook) > 10000, (status, workbook[:100])
        print("consolidated workbook: %d bytes" % len(workbook))
    finally:
        proc.kill()
        proc.wait(30)
    db = sqlite3.connect(os.path.join(data, "tonghop.sqlite"))
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1
    db.close()
    # --tls: the office's authority and the server certificate made by tonghop itself (no
    # openssl program on an office PC), the chain verified, the page over HTTPS.
    data = os.path.join(work, "Dữ liệu HTTPS")
    proc, port = start(command, source, data, ["--tls"])
    try:
        ca = os.path.join(data, "tls", "ca.crt")
        verify = subprocess.run(["openssl", "verify", "-CAfile", ca, os.path.join(data, "tls", "server.crt")],
                                capture_output=True, text=True)
        assert verify.returncode == 0, verify.stdout + verify.stderr
        c = http.client.HTTPSConnection("127.0.0.1", port, context=ssl.create_default_context(cafile=ca), timeout=60)
        c.request("GET", "/", headers={"Host": "127.0.0.1:%d" % port})
        r = c.getresponse()
        assert r.status == 200 and "Tổng hợp báo cáo" in r.read().decode()
        c.close()
    finally:
        proc.kill()
        proc.wait(30)


if __name__ == "__main__":
    main()
