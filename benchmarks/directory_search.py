#!/usr/bin/env python
"""The public directory without its page cache (issue 23 "Fast without the cache").

Starts gunicorn with 2 workers on the loopback against DATABASE_URL (PostgreSQL holding `seed_scale` data), with
the search rate limit lifted (SEARCH_RATE_LIMIT), and drives N requests, each a different Thai word taken from the
unit names and a different page, so no request can be answered by the page cache. Reports requests/s, median and
p99, and the cached figure (one URL repeated) of the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mchch_scale .venv/bin/python benchmarks/directory_search.py
    ... --uncached   # with wrk (apt install wrk): 20 s of searches, each URL used once, beside 20 s cached;
                     # writes uncached_search_rps / uncached_search_p99_ms / cached_rps into results/scale.json
    ... --code /tmp/mchch-before   # the same load against another checkout (e.g. `git archive <commit>`)

Options: --requests N (default 600), --concurrency C (default 8), --port P, --code DIR, --seconds S (wrk),
--connections C (wrk, default 16), --print-words N (print N search words as JSON and stop).
The shared cache is a Redis database of its own (CACHE_REDIS_URL, default db 8 of REDIS_URL's server), emptied
first, so other users of the server cannot empty it mid-run.
"""

import argparse
import json
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
    ap.add_argument("--uncached", action="store_true", help="wrk: every request a URL never asked before")
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--print-words", type=int, default=0)
    args = ap.parse_args()
    if args.print_words:
        print(json.dumps(thai_words(args.code, args.print_words), ensure_ascii=False))
        return
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
    if os.environ.get("REDIS_URL"):
        server_url = os.environ["REDIS_URL"].rsplit("/", 1)[0]
        os.environ.setdefault("CACHE_REDIS_URL", server_url + "/8")
        subprocess.run(
            [PY, "-c", f"import redis; redis.Redis.from_url({os.environ['CACHE_REDIS_URL']!r}).flushdb()"],
            check=True,
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
        if args.uncached:
            return wrk_run(args, base, words[:-8], code)
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


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i - 1) % #paths + 1])
end
"""


def _wrk(base, seconds, connections, paths_file=None):
    """wrk's figures: requests/s, p50 and p99 (ms), non-2xx/3xx responses, socket errors."""
    import re

    cmd = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "--latency"]
    env = dict(os.environ)
    if paths_file:
        script = Path("/tmp/directory_search_wrk.lua")
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        cmd += ["-s", str(script)]
        env["WRK_PATHS"] = str(paths_file)
        cmd.append(base + "/")
    else:
        cmd.append(base + "/units/")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout

    def ms(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "requests": total,
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
        "raw": out,
    }


def wrk_run(args, base, words, code):
    """Uncached then cached, each `--seconds` long, against the same server. Every uncached URL is used once:
    a word × page, then a counter (`n`, which the directory ignores but the page cache's key includes) once the
    words run out, so no request can be a cache hit."""
    import datetime as dt
    import itertools

    load_before = os.getloadavg()
    paths_file = Path("/tmp/directory_search_paths.txt")
    with paths_file.open("w", encoding="utf-8") as f:
        for n, (w, page) in enumerate(itertools.product(words, (1, 2, 3))):
            f.write("/units/?" + urllib.parse.urlencode({"q": w, "page": page, "n": n}) + "\n")
            if n >= 400_000:
                break
    uncached = _wrk(base, args.seconds, args.connections, paths_file)
    fetch(base + "/units/")
    cached = _wrk(base, args.seconds, args.connections)
    load_after = os.getloadavg()
    if uncached["requests"] > 400_000:
        print("warning: more requests than distinct URLs; some uncached requests repeated a URL")
    for name, r in (("uncached search", uncached), ("cached directory", cached)):
        print(
            f"{name}: {r['requests']} requests, {r['rps']:.1f} req/s, p50 {r['p50_ms']:.1f} ms, "
            f"p99 {r['p99_ms']:.1f} ms, non-2xx {r['non_2xx']}, socket errors: {r['socket_errors'] or 'none'}"
        )
    print(f"load average before / after: {load_before[0]:.1f} / {load_after[0]:.1f}")
    path = ROOT / "benchmarks" / "results" / "scale.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data.update(
        {
            "uncached_search_rps": round(uncached["rps"], 1),
            "uncached_search_p50_ms": round(uncached["p50_ms"], 1),
            "uncached_search_p99_ms": round(uncached["p99_ms"], 1),
            "uncached_search_non_2xx": uncached["non_2xx"],
            "cached_rps": round(cached["rps"], 1),
            "cached_p99_ms": round(cached["p99_ms"], 1),
            "search_connections": args.connections,
            "search_seconds": args.seconds,
            "search_machine_load_before_after": [round(load_before[0], 1), round(load_after[0], 1)],
            "measured_on": dt.date.today().isoformat(),
        }
    )
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return None


if __name__ == "__main__":
    main()
