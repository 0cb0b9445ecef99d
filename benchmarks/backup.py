#!/usr/bin/env python
"""backup_site and restore_site beside the raw tools on seed_scale data (target: at most 1.5× their time).

Raw: `pg_dump -Fc` into a file, `pg_restore --no-owner --single-transaction` into an empty database. Ours: the
management commands as an operator runs them (a process each, Django's start-up included), encrypted under a
BACKUP_KEY, media included, the restore verifying the whole archive first and the row counts and media digests
after. Each step runs BENCH_RUNS times (default 2) and the best run counts, because the shared 2-core machine's
timings move with whatever else runs.

Run after `make bench-seed`: `.venv/bin/python benchmarks/backup.py` (DATABASE_URL defaults to mchch_scale).
Writes benchmarks/results/backup_<date>.md and .json.
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "results"
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
SOURCE = os.environ.get("BENCH_DB_NAME", "mchch_scale")
TARGET = f"{SOURCE}_restore_bench"
RUNS = int(os.environ.get("BENCH_RUNS", "2"))
URL = "postgres://{user}@{host}:{port}/{name}"


def psql(sql, db="postgres"):
    cmd = ["psql", "-X", "-q", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", db, "-tAc", sql]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def fresh_target():
    psql(f'DROP DATABASE IF EXISTS "{TARGET}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{TARGET}"')


def timed(cmd, env=None):
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.monotonic() - t0


def best(label, fn):
    times = []
    for i in range(RUNS):
        times.append(fn())
        print(f"{label} run {i + 1}: {times[-1]:.1f} s", flush=True)
    return min(times), times


def main():
    work = Path(tempfile.mkdtemp(prefix="bench-backup-", dir=ROOT / "var"))
    conn = ["-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]
    dump, archive = work / "raw.dump", work / "site.backup"
    media = os.environ.get("MEDIA_ROOT", str(ROOT / "var" / "media"))
    env = {
        **os.environ,
        "BACKUP_KEY": os.environ.get("BACKUP_KEY", "benchmark passphrase"),
        "MEDIA_ROOT": media,
    }
    env.update(BACKUP_DIR=str(work), DATABASE_URL=URL.format(name=SOURCE, **PG))
    manage = [sys.executable, str(ROOT / "manage.py")]
    try:
        raw_dump = best("pg_dump -Fc", lambda: timed(["pg_dump", "-Fc", *conn, "-f", str(dump), SOURCE]))

        def raw_restore():
            fresh_target()
            return timed(["pg_restore", "--no-owner", "--single-transaction", *conn, "-d", TARGET, str(dump)])

        raw_load = best("pg_restore", raw_restore)

        def ours_backup():
            archive.unlink(missing_ok=True)
            return timed([*manage, "backup_site", "--out", str(archive)], env)

        ours_dump = best("backup_site", ours_backup)

        def ours_restore():
            fresh_target()
            restore_env = {
                **env,
                "DATABASE_URL": URL.format(name=TARGET, **PG),
                "MEDIA_ROOT": str(work / "media"),
            }
            return timed([*manage, "restore_site", str(archive)], restore_env)

        ours_load = best("restore_site", ours_restore)
        facts = {
            "date": dt.date.today().isoformat(),
            "postgres": psql("SHOW server_version"),
            "pg_dump": subprocess.run(
                ["pg_dump", "--version"], capture_output=True, text=True
            ).stdout.strip(),
            "cores": os.cpu_count(),
            "database_size": psql(f"SELECT pg_size_pretty(pg_database_size('{SOURCE}'))"),
            "rows": int(psql("SELECT sum(n_live_tup) FROM pg_stat_user_tables", db=SOURCE) or 0),
            "media_files": sum(1 for p in Path(media).rglob("*") if p.is_file())
            if Path(media).exists()
            else 0,
            "raw_dump_bytes": dump.stat().st_size,
            "archive_bytes": archive.stat().st_size,
            "runs": RUNS,
            "pg_dump_s": raw_dump,
            "backup_site_s": ours_dump,
            "pg_restore_s": raw_load,
            "restore_site_s": ours_load,
        }
        write(facts)
    finally:
        psql(f'DROP DATABASE IF EXISTS "{TARGET}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


def write(f):
    OUT.mkdir(parents=True, exist_ok=True)
    stem = OUT / f"backup_{f['date']}"
    stem.with_suffix(".json").write_text(json.dumps(f, indent=1) + "\n")
    b, r = f["backup_site_s"][0] / f["pg_dump_s"][0], f["restore_site_s"][0] / f["pg_restore_s"][0]
    mib = 1024 * 1024
    lines = [
        f"# Backup and restore on seed_scale data — {f['date']}",
        "",
        f"Machine: {f['cores']} cores shared with other work, PostgreSQL {f['postgres']} ({f['pg_dump']}).",
        f"Database `{SOURCE}`: {f['database_size']} on disk, about {f['rows']:,} rows; {f['media_files']} media files.",
        f"Best of {f['runs']} runs each (all runs in seconds in brackets). Target: at most 1.5× the raw tools.",
        "",
        "| step | raw tool | s | ours | s | ratio |",
        "|---|---|---|---|---|---|",
        f"| backup | `pg_dump -Fc` | {f['pg_dump_s'][0]:.1f} {_all(f['pg_dump_s'][1])} | `backup_site` (encrypted) | "
        f"{f['backup_site_s'][0]:.1f} {_all(f['backup_site_s'][1])} | {b:.2f} |",
        f"| restore | `pg_restore --single-transaction` | {f['pg_restore_s'][0]:.1f} {_all(f['pg_restore_s'][1])} | "
        f"`restore_site` (verify + restore + check) | {f['restore_site_s'][0]:.1f} {_all(f['restore_site_s'][1])} | {r:.2f} |",
        "",
        f"Sizes: raw dump {f['raw_dump_bytes'] / mib:.1f} MiB, archive {f['archive_bytes'] / mib:.1f} MiB "
        "(the same compressed dump, plus media, manifest and 16 bytes of tag per MiB).",
        "",
    ]
    stem.with_suffix(".md").write_text("\n".join(lines))
    print("\n".join(lines))


def _all(times):
    return "(" + ", ".join(f"{t:.1f}" for t in times) + ")"


if __name__ == "__main__":
    main()
