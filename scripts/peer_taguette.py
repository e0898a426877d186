#!/usr/bin/env python3
"""Time Taguette importing the same reports dossier opens, for BENCHMARKS.md (#15).

Usage: peer_taguette.py FOLDER [N]   (Taguette installed: `pip install taguette`)

Starts Taguette in single-user mode on a fresh database in a temporary folder, creates
a project, and adds the first N reports of FOLDER (sorted by path; default 1000)
through its web API, as the analyst's browser would, one upload per report. Taguette
converts .txt files with Calibre; to time Taguette itself rather than Calibre, each
report is sent as the HTML it would become (one <p> per line), which Taguette takes in
directly. Prints the time, reports per second, and the ratio to reading the same files'
bytes. Run `cargo run --release --example open_timing -- FOLDER N` for dossier's side.
"""
import html
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid


def reports(folder, n):
    found = []
    for root, _, files in os.walk(folder):
        for f in files:
            if f.endswith(".txt") and f != "truth.tsv":
                found.append(os.path.join(root, f))
    return sorted(found)[:n]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(fields, file_name, file_bytes):
    boundary = uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    out.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        f"Content-Type: text/html\r\n\r\n".encode()
    )
    out.append(file_bytes)
    out.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    files = reports(folder, n)
    t = time.perf_counter()
    total = sum(len(open(f, "rb").read()) for f in files)
    read_s = time.perf_counter() - t

    tmp = tempfile.mkdtemp(prefix="taguette_bench_")
    port = free_port()
    # Its log goes to a file: a pipe nobody reads would fill and stop the server.
    log_path = os.path.join(tmp, "taguette.log")
    server = subprocess.Popen(
        ["taguette", "--no-browser", "-p", str(port), "--database", os.path.join(tmp, "db.sqlite3")],
        stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
    )
    try:
        token = None
        deadline = time.time() + 60
        while token is None and time.time() < deadline:
            time.sleep(0.2)
            m = re.search(r"token=([A-Za-z0-9]+)", open(log_path).read())
            token = m.group(1) if m else None
        if token is None:
            sys.exit("Taguette did not start")
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()
        web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        web.open(f"{base}/?token={token}").read()
        web.open(f"{base}/project/new").read()
        xsrf = next(c.value for c in jar if c.name == "_xsrf")
        body = urllib.parse.urlencode({"name": "bench", "description": "", "_xsrf": xsrf}).encode()
        reply = web.open(f"{base}/project/new", data=body)
        project = re.search(r"/project/([0-9]+)", reply.geturl()).group(1)

        t = time.perf_counter()
        for path in files:
            raw = open(path, "rb").read()
            text = raw.decode("utf-8", errors="replace")
            page = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
            name = os.path.relpath(path, folder)[:200]
            data, kind = multipart({"name": name, "description": ""}, "report.html", page.encode())
            req = urllib.request.Request(
                f"{base}/api/project/{project}/document/new", data=data,
                headers={"Content-Type": kind, "X-XSRFToken": xsrf},
            )
            web.open(req).read()
        took = time.perf_counter() - t
    finally:
        server.terminate()
        server.wait(10)
    print(f"{len(files)} reports, {total / 1048576:.1f} MB")
    print(f"reading their bytes: {read_s * 1000:.0f} ms")
    print(f"Taguette import: {took:.1f} s, {len(files) / took:.0f} reports/s, {took / read_s:.0f}x reading the bytes")


if __name__ == "__main__":
    main()
