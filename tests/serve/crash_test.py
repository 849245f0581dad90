#!/usr/bin/python3
"""Crash test of tonghop serve: kill -9 during an upload burst, start again on the same
data; PRAGMA integrity_check ok, every acknowledged upload present with its bytes, no
half-written file visible (every original on disk hashes to its name, tmp/ empty).

    crash_test.py BUILD/tonghop SOURCE_DIR
"""
import hashlib
import json
import os
import signal
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_test import corpus, csrf, request, start_server, upload  # noqa: E402

CLIENTS = 12


def main():
    tonghop, source = sys.argv[1], sys.argv[2]
    files = [f for f in corpus(source) if not f[2]]
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        proc, port = start_server(tonghop, source, data)
        token = csrf(port)
        acknowledged, lock, stop = {}, threading.Lock(), threading.Event()

        def client(k):
            i = 0
            while not stop.is_set():
                name, body, _ = files[(k + i) % len(files)]
                # Each upload's bytes unique, so each acknowledgement names its own original.
                body = body + b"\n" * (k * 1000 + i) if name.endswith(".csv") else body
                i += 1
                try:
                    status, answer = upload(port, token, name, body)
                except OSError:
                    return  # the server died under us: that upload was never acknowledged
                if status == 201:
                    a = json.loads(answer)["accepted"][0]
                    with lock:
                        acknowledged[a["id"]] = (a["sha256"], hashlib.sha256(body).hexdigest())

        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(3)
        os.kill(proc.pid, signal.SIGKILL)  # mid-burst: some uploads half-sent, half-checked, half-stored
        proc.wait()
        stop.set()
        for t in threads:
            t.join()
        assert acknowledged, "some uploads were acknowledged before the kill"
        proc, port = start_server(tonghop, source, data)
        try:
            db = sqlite3.connect(os.path.join(data, "tonghop.sqlite"))
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = dict(db.execute("SELECT id, sha256 FROM submissions"))
            for id_, (sha, own) in acknowledged.items():
                assert rows.get(id_) == sha == own, "acknowledged upload %d lost or altered" % id_
            on_disk = {}
            for d, _, fs in os.walk(os.path.join(data, "files")):
                for f in fs:
                    with open(os.path.join(d, f), "rb") as h:
                        on_disk[f] = hashlib.sha256(h.read()).hexdigest()
            assert all(name == digest for name, digest in on_disk.items()), "a half-written original"
            assert set(on_disk) == set(rows.values()), "every original has its row, every row its original"
            assert os.listdir(os.path.join(data, "tmp")) == [], "staged files swept"
            status, body = request(port, "GET", "/api/submissions/%d/original" % max(acknowledged))
            assert status == 200 and hashlib.sha256(body).hexdigest() == acknowledged[max(acknowledged)][0]
            assert upload(port, csrf(port), files[0][0], files[0][1])[0] == 201, "the restarted server takes uploads"
            print("crash test: %d uploads acknowledged before kill -9, all present after restart; %d rows, %d originals"
                  % (len(acknowledged), len(rows), len(on_disk)))
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
