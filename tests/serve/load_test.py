#!/usr/bin/python3
"""Load test of tonghop serve on loopback (bounded: 300 uploads from 20 concurrent clients,
hostile files mixed in; stops by itself). Afterwards: database rows = accepted uploads,
distinct originals on disk = distinct accepted contents, nothing lost, the server still
answers, PRAGMA integrity_check ok.

    load_test.py BUILD/tonghop SOURCE_DIR
"""
import concurrent.futures
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

UPLOADS, CLIENTS, TIME_LIMIT = 300, 20, 600


def start_server(tonghop, source, data, extra=()):
    proc = subprocess.Popen(
        [tonghop, "serve", "--plan", os.path.join(source, "samples/ke-hoach/an-duong-2026-2030.xlsx"), "--year", "2026",
         "--data", data, "--listen", "127.0.0.1:0", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        raise SystemExit("tonghop serve did not start: " + line + proc.stderr.read())
    return proc, int(m.group(1))


def request(port, method, path, body=None, headers=None, timeout=120):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = {"Host": "127.0.0.1:%d" % port}
    h.update(headers or {})
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def csrf(port):
    return json.loads(request(port, "GET", "/api/session")[1])["csrf"]


def upload(port, token, name, data):
    return request(port, "POST", "/api/submissions", data,
                   {"X-Tonghop-CSRF": token, "X-File-Name": urllib.parse.quote(name)})


def corpus(source):
    """(name, bytes, hostile) for every sample and every hostile fixture."""
    files = []
    for d, hostile in (("samples/bao-cao", False), ("tests/data", True)):
        for n in sorted(os.listdir(os.path.join(source, d))):
            if hostile and not n.startswith("bad_"):
                continue
            with open(os.path.join(source, d, n), "rb") as f:
                files.append((n, f.read(), hostile))
    return files


def main():
    tonghop, source = sys.argv[1], sys.argv[2]
    files = corpus(source)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        proc, port = start_server(tonghop, source, data)
        try:
            token = csrf(port)
            accepted, refused, lock = [], [], threading.Lock()
            deadline = time.monotonic() + TIME_LIMIT
            latencies = []

            def one(i):
                if time.monotonic() > deadline:
                    return
                name, body, hostile = files[i % len(files)]
                t0 = time.monotonic()
                status, answer = upload(port, token, "%03d-%s" % (i, name), body)
                with lock:
                    latencies.append(time.monotonic() - t0)
                    if status == 201:
                        accepted.append(json.loads(answer)["accepted"][0])
                    elif status == 422:
                        refused.append((name, hostile) if hostile else (name, answer[:600].decode("utf-8", "replace")))
                    else:
                        raise AssertionError("upload %s: HTTP %d %s" % (name, status, answer[:200]))

            with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
                for f in [pool.submit(one, i) for i in range(UPLOADS)]:
                    f.result()
            assert len(accepted) + len(refused) == UPLOADS, "every upload answered"
            wrongly = [r for r in refused if r[1] is not True]
            assert not wrongly, "only hostile files refused; these were not: %s" % wrongly
            assert len(accepted) == sum(1 for i in range(UPLOADS) if not files[i % len(files)][2])
            # The server still answers, and its record matches what it acknowledged.
            status, body = request(port, "GET", "/api/submissions")
            assert status == 200
            rows = json.loads(body)["submissions"]
            assert sorted(r["id"] for r in rows) == sorted(a["id"] for a in accepted)
            db = sqlite3.connect(os.path.join(data, "tonghop.sqlite"))
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n_rows = db.execute("SELECT count(*) FROM submissions").fetchone()[0]
            shas = {r[0] for r in db.execute("SELECT sha256 FROM submissions")}
            on_disk = {f for _, _, fs in os.walk(os.path.join(data, "files")) for f in fs}
            assert n_rows == len(accepted), (n_rows, len(accepted))
            assert shas == on_disk, "originals on disk = distinct accepted contents"
            assert os.listdir(os.path.join(data, "tmp")) == [], "no staged file left"
            assert request(port, "GET", "/api/units")[0] == 200
            latencies.sort()
            print("load test: %d uploads from %d clients, %d accepted, %d hostile refused; p50 %.3f s, p95 %.3f s"
                  % (UPLOADS, CLIENTS, len(accepted), len(refused), latencies[len(latencies) // 2],
                     latencies[int(len(latencies) * 0.95)]))
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
