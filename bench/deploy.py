#!/usr/bin/env python3
"""Edit-to-published time of `parley build && parley deploy` against a local S3 server.

Generates a synthetic site (bench/gen_site.py, default 1,000 explainers), starts moto's S3
server on a free loopback port (`pip install "moto[server]"`), and measures with the given
parley binary:

  first     build + the first deploy into an empty bucket (every file uploaded)
  nochange  build + deploy with nothing changed (nothing uploaded)
  edit      one question's answer edited, then build + deploy; several runs, each a new edit

Each line gives the wall time of build and deploy (subprocess wall clock) and the objects
uploaded, as deploy reports them. Standard library only; moto is stopped at the end.

    python3 bench/deploy.py --parley target/release/parley [--explainers 1000] [--runs 5]
        [--deploy-arg=--relist]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto() -> tuple[subprocess.Popen, int]:
    if shutil.which("moto_server") is None:
        sys.exit('moto_server not found: python3 -m pip install "moto[server]"')
    port = free_port()
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                sys.exit("moto_server did not start")
            time.sleep(0.05)
    req = urllib.request.Request(f"http://127.0.0.1:{port}/bench", method="PUT")
    urllib.request.urlopen(req).read()
    return proc, port


def run(cmd: list[str], env: dict) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t, out


def uploaded(out: str) -> int:
    m = re.search(r"(\d+) added, (\d+) changed, (\d+) deleted", out)
    return int(m.group(1)) + int(m.group(2)) if m else -1


def edit_one_question(root: str, n: int) -> None:
    """Add a sentence to the first answer of the first explainer (a new one each run)."""
    slug = sorted(d for d in os.listdir(os.path.join(root, "content"))
                  if os.path.isdir(os.path.join(root, "content", d)))[0]
    path = os.path.join(root, "content", slug, "index.md")
    text = open(path, encoding="utf-8").read()
    i = text.index("\n## ")
    j = text.index("\n\n", text.index("\n", i + 1) + 1)
    open(path, "w", encoding="utf-8").write(text[:j] + f" Edit number {n}." + text[j:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parley", required=True, help="the parley binary (a release build)")
    ap.add_argument("--explainers", "-n", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5, help="one-question edits to time")
    ap.add_argument("--deploy-arg", action="append", default=[],
                    help="an extra argument for every deploy, e.g. --deploy-arg=--relist "
                         "(compare with the bucket's listing instead of the last deploy's record)")
    args = ap.parse_args()
    parley = os.path.abspath(args.parley)
    work = tempfile.mkdtemp(prefix="parley-deploy-bench-")
    moto, port = start_moto()
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_site.py"), "-n", str(args.explainers),
                        "--only", "parley", "--out", work], check=True, stdout=subprocess.DEVNULL)
        root = os.path.join(work, "parley")
        env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
        target = f"s3://bench/site?endpoint=http://127.0.0.1:{port}&path_style=true&region=us-east-1"
        build = [parley, "--root", root, "build"]
        deploy = [parley, "--root", root, "deploy", "--target", target, *args.deploy_arg]

        def step(label: str) -> tuple[float, float, int]:
            tb, _ = run(build, env)
            td, out = run(deploy, env)
            print(f"{label:9} build {tb * 1000:7.0f} ms  deploy {td * 1000:7.0f} ms  "
                  f"total {(tb + td) * 1000:7.0f} ms  uploaded {uploaded(out)}", flush=True)
            return tb, td, uploaded(out)

        print(f"{args.explainers} explainers, moto {port}, {parley} {' '.join(args.deploy_arg)}")
        step("first")
        step("nochange")
        totals = []
        for n in range(args.runs):
            edit_one_question(root, n)
            tb, td, _ = step("edit")
            totals.append(tb + td)
        print(f"edit-to-published median {statistics.median(totals) * 1000:.0f} ms over {len(totals)} edits")
    finally:
        moto.kill()
        moto.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
