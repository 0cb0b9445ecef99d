#!/usr/bin/env python
"""The public directory without its page cache (issue 23 "Fast without the cache").

Starts gunicorn with 2 workers on the loopback against DATABASE_URL (PostgreSQL holding `seed_scale` data), with
the search rate limit lifted (SEARCH_RATE_LIMIT), and drives N requests, each a different Thai word taken from the
unit names and a different page, so no request can be answered by the page cache. Reports requests/s, median and
p99, and the cached figure (one URL repeated) of the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mchch_scale .venv/bin/python benchmarks/directory_search.py
    ... --code /tmp/mchch-before   # the same load against another checkout (e.g. `git archive <commit>`)

Options: --requests N (default 600), --concurrency C (default 8), --port P, --code DIR.
"""

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def thai_words(code, limit=5000):
    """Distinct Thai fragments (3–6 letters) of the unit names and of the subdistrict and district names (the
    search covers them too; seed_scale names its units "หน่วยนับ 10-0024"), shuffled reproducibly."""
    out = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "-c",
            "from apps.registry.models import Unit\nfrom apps.geo.models import District, Subdistrict\n"
            "for n in Unit.objects.values_list('name', flat=True)[:20000]: print(n)\n"
            "for n in Subdistrict.objects.values_list('name_th', flat=True): print(n)\n"
            "for n in District.objects.values_list('name_th', flat=True): print(n)",
        ],
        cwd=code,
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    ).stdout.splitlines()
    words = set()
    for name in out:
        for token in name.split():
            if not any("\u0e00" <= ch <= "\u0e7f" for ch in token):
                continue
            for size in (3, 4, 5, 6):
                for start in range(0, max(1, len(token) - size + 1), 2):
                    w = token[start : start + size]
                    if len(w) == size:
                        words.add(w)
    words = sorted(words)
    random.Random(23).shuffle(words)
    return words[:limit]


def fetch(url):
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except Exception:  # timeouts, resets
        status = 0
    return time.perf_counter() - t, status


def drive(urls, concurrency):
    t = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(fetch, urls))
    wall = time.perf_counter() - t
    times = sorted(r[0] for r in results)
    statuses = {}
    for _, s in results:
        statuses[s] = statuses.get(s, 0) + 1
    return {
        "requests": len(urls),
        "rps": len(urls) / wall,
        "median_ms": statistics.median(times) * 1000,
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        "statuses": statuses,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=600)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--port", type=int, default=8023)
    ap.add_argument("--code", default=str(ROOT), help="the checkout to serve (default: this one)")
    args = ap.parse_args()
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("DATABASE_URL must point at PostgreSQL with seed_scale data")
    os.environ.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only-secret-key-0123456789"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SITE_URL=f"http://127.0.0.1:{args.port}",
        LOG_LEVEL="WARNING",
        SEARCH_RATE_LIMIT="100000000",  # lifted for the load test only
    )
    code = args.code
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=code, check=True)
    words = thai_words(code)
    if len(words) < args.requests:
        sys.exit(f"only {len(words)} distinct words")
    server = subprocess.Popen(
        [
            GUNICORN,
            "mchch.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "/tmp/directory_search_gunicorn.log",
            "--timeout",
            "60",
        ],
        cwd=code,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2).read()
                break
            except Exception:
                time.sleep(0.2)
        # Warm each worker (imports, filter options), with words the measured run does not use.
        drive([f"{base}/units/?" + urllib.parse.urlencode({"q": w}) for w in words[-8:]], 2)
        rng = random.Random(7)
        urls = [
            f"{base}/units/?" + urllib.parse.urlencode({"q": w, "page": rng.randint(1, 3)})
            for w in words[: args.requests]
        ]
        uncached = drive(urls, args.concurrency)
        cached_url = f"{base}/units/"
        fetch(cached_url)
        cached = drive([cached_url] * args.requests, args.concurrency)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    hits = uncached["statuses"]
    print(f"code: {code}")
    print(
        f"uncached search: {uncached['requests']} requests, {uncached['rps']:.1f} req/s, "
        f"median {uncached['median_ms']:.0f} ms, p99 {uncached['p99_ms']:.0f} ms, statuses {hits}"
    )
    print(
        f"cached directory: {cached['requests']} requests, {cached['rps']:.1f} req/s, "
        f"median {cached['median_ms']:.0f} ms, p99 {cached['p99_ms']:.0f} ms, statuses {cached['statuses']}"
    )


if __name__ == "__main__":
    main()
