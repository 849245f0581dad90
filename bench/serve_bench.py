#!/usr/bin/python3
"""tonghop serve: uploads per second and latency from upload to result (the answer holds
the check), next to `tonghop check` of the same files in the same run.

    bench/run_serve_bench.sh [UPLOADS] [CLIENTS]
"""
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "serve"))
from load_test import csrf, start_server, upload  # noqa: E402


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    tonghop, source = sys.argv[1], sys.argv[2]
    uploads = int(sys.argv[3]) if len(sys.argv) > 3 else 210
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    plan = os.path.join(source, "samples/ke-hoach/an-duong-2026-2030.xlsx")
    samples = sorted(os.listdir(os.path.join(source, "samples/bao-cao")))
    with tempfile.TemporaryDirectory() as tmp:
        # The same files for both: copies of the samples, the unit's words kept in each name.
        files = []
        os.mkdir(os.path.join(tmp, "in"))
        for i in range(uploads):
            s = samples[i % len(samples)]
            stem, ext = os.path.splitext(s)
            path = os.path.join(tmp, "in", "%s-%04d%s" % (stem, i, ext))
            shutil.copyfile(os.path.join(source, "samples/bao-cao", s), path)
            files.append(path)
        # Baseline 1: one `tonghop check` of every file (throughput of the engine).
        t0 = time.monotonic()
        subprocess.run([tonghop, "check", "--plan", plan, "--year", "2026", "--format", "json",
                        os.path.join(tmp, "in")], stdout=subprocess.DEVNULL, check=False)
        batch = time.monotonic() - t0
        # Baseline 2: `tonghop check` of one file, a process each (what a clerk waits for).
        single = []
        for path in files[: min(len(files), 70)]:
            t0 = time.monotonic()
            subprocess.run([tonghop, "check", "--plan", plan, "--year", "2026", "--format", "json", path],
                           stdout=subprocess.DEVNULL, check=False)
            single.append(time.monotonic() - t0)
        # The server: every file uploaded by `clients` concurrent clients.
        proc, port = start_server(tonghop, source, os.path.join(tmp, "data"))
        try:
            token = csrf(port)
            blobs = [(os.path.basename(p), open(p, "rb").read()) for p in files]

            def one(item):
                t = time.monotonic()
                status, _ = upload(port, token, *item)
                assert status == 201, status
                return time.monotonic() - t

            t0 = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(clients) as pool:
                latencies = list(pool.map(one, blobs))
            wall = time.monotonic() - t0
        finally:
            proc.terminate()
            proc.wait(30)
    print("files: %d (the %d samples repeated), %d concurrent clients, %d cores" % (uploads, len(samples), clients,
                                                                                   os.cpu_count()))
    print("tonghop check, all files in one run : %6.2f s  %7.1f files/s" % (batch, uploads / batch))
    print("tonghop check, one process per file : p50 %.3f s  p95 %.3f s" % (pct(single, .5), pct(single, .95)))
    print("tonghop serve, upload -> result      : %6.2f s  %7.1f uploads/s  p50 %.3f s  p95 %.3f s"
          % (wall, uploads / wall, pct(latencies, .5), pct(latencies, .95)))
    print("serve uploads/s / check files/s      : %.2f" % ((uploads / wall) / (uploads / batch)))
    print("serve p50 / check-one-file p50       : %.2f" % (pct(latencies, .5) / pct(single, .5)))


if __name__ == "__main__":
    main()
