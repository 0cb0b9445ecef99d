#!/usr/bin/env python
"""Deadline-day load test (issue 23 item 6) on the loopback multi-process setup: gunicorn (WEB_WORKERS, default 4)
and a Celery worker against PostgreSQL (DATABASE_URL, seed_scale data) and Redis (REDIS_URL), driven by locust
(benchmarks/locustfile.py) headless with USERS simulated people for MINUTES minutes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mchch_scale REDIS_URL=redis://127.0.0.1:6379/7 \
        .venv/bin/python benchmarks/deadline_load.py --users 300 --minutes 10

People are seed_scale accounts (district officers, provincial staff, committee members with open units to score:
open_scoring), signed in beforehand (a session each, as on the morning of the deadline: the test is about the
day's work, not 300 password hashes at once). Writes benchmarks/results/deadline_load.md (table),
deadline_load.png (latency over time) and merges load_* keys into benchmarks/results/scale.json. `--locust`
names the locust executable (it may live in another virtualenv; matplotlib is needed for the plot).
"""

import argparse
import csv
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PY = str(ROOT / ".venv" / "bin" / "python")
TMP = Path(os.environ.get("LOAD_TMP", "/tmp/mchch-deadline-load"))


def prepare(out, run):
    """In Django: the people, their sessions and what they work on; written to `out` as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mchch.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from apps.accounts.models import User
    from apps.public.profiles import profile_path
    from apps.public.selectors import directory_units
    from apps.registry.models import ProgrammeYear

    def with_totp(user):
        """Provincial staff work with an authenticator app (RequireMFAMiddleware sends them to set one up
        otherwise): as on the real deadline day, they have one, and signed in with it beforehand."""
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
        return user

    def session(user):
        s = SessionStore()
        s[SESSION_KEY] = str(user.pk)
        s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        s[HASH_SESSION_KEY] = user.get_session_auth_hash()
        s.create()
        return s.session_key

    years = {}
    for y in ProgrammeYear.objects.order_by("fiscal_year"):
        years[y.province_id] = y.pk  # the newest year of each province
    officers = []
    for u in User.objects.filter(email__startswith="district", email__endswith="@scale.example.org").order_by(
        "email"
    )[:400]:
        code = u.email[len("district") : len("district") + 4]
        if code[:2] in years:
            officers.append({"session": session(u), "district": code, "year": years[code[:2]]})
    staff = []
    for u in User.objects.filter(email__startswith="staff", email__endswith="@scale.example.org").order_by(
        "email"
    ):
        code = u.email[len("staff") : len("staff") + 2]
        if code in years:
            from apps.geo.models import District

            districts = list(District.objects.filter(province_id=code).values_list("code", flat=True))
            staff.append({"session": session(with_totp(u)), "year": years[code], "districts": districts})
    members = [
        {"session": session(user), "entries": entries} for user, entries in open_scoring(set(years.values()))
    ]
    words = json.loads(
        subprocess.run(
            [PY, str(ROOT / "benchmarks" / "directory_search.py"), "--print-words", "2000"],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        ).stdout
    )
    profiles = [profile_path(pk, name) for pk, name in directory_units().values_list("pk", "name")[:500]]
    data = {
        "run": run,
        "csrf": secrets.token_hex(16),  # 32 characters: a valid CSRF secret, sent as cookie and header
        "officers": officers,
        "staff": staff,
        "members": members,
        "words": words,
        "profiles": profiles,
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(
        f"{len(officers)} officers, {len(staff)} staff, {len(members)} committee members, {len(words)} words"
    )


def open_scoring(year_ids, districts=120, members=80, entries=10):
    """The committees' part of the day, in the run's copy of the database: the newest year's district committees
    score. seed_scale leaves every round of the past years decided and the newest year's units short of stage 5,
    so here, through the services an officer's clicks call, the units at stage 4 of the first `districts`
    districts ask for evaluation (stage 4 → 5: they have their self-assessment and submitted plan) and enter
    their district committee's round. Returns [(member, [open entry ids they may score])]: chairs and members,
    their entries by the conflict rule (scorable_by); the committee's secretary, who scores too, is the district
    officer, who plays the officer's part of the day."""
    from django.core.exceptions import ValidationError

    from apps.development.services.stages import request_evaluation
    from apps.evaluation.enums import CommitteeRole
    from apps.evaluation.models import Committee, CommitteeMember, RoundEntry
    from apps.evaluation.services import add_entry
    from apps.registry.enums import EvaluationLevel, Outcome, Stage
    from apps.registry.models import Enrolment

    opened = []
    committees = Committee.objects.filter(year_id__in=year_ids, level=EvaluationLevel.DISTRICT).order_by(
        "district_id"
    )
    for committee in committees:
        rnd = committee.rounds.order_by("starts_on").first()
        secretary = (
            CommitteeMember.objects.active()
            .filter(committee=committee, role=CommitteeRole.SECRETARY, user__isnull=False)
            .select_related("user")
            .first()
        )
        if rnd is None or secretary is None:
            continue
        added = 0
        for e in Enrolment.objects.filter(
            year_id=committee.year_id,
            unit__district_id=committee.district_id,
            stage=Stage.SELF_DEVELOPMENT,
            outcome=Outcome.IN_PROGRESS,
        ):
            try:
                request_evaluation(e, by=secretary.user)
                add_entry(rnd, e, by=secretary.user)
            except ValidationError:
                continue
            added += 1
        if added:
            opened.append(committee.pk)
        if len(opened) >= districts:
            break
    out = []
    seats = (
        CommitteeMember.objects.active()
        .filter(
            committee_id__in=opened,
            role__in=[CommitteeRole.CHAIR, CommitteeRole.MEMBER],
            user__isnull=False,
        )
        .select_related("user")
        .order_by("committee_id", "order")
    )
    for seat in seats:
        ids = list(
            RoundEntry.objects.scorable_by(seat.user)
            .filter(decision="")
            .values_list("pk", flat=True)[:entries]
        )
        if ids:
            out.append((seat.user, ids))
        if len(out) >= members:
            break
    return out


def _on_server(url, statement, *names):
    """Run `statement` (CREATE/DROP DATABASE, names as {} placeholders) on the server of `url`, outside any
    database the statement touches."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(*map(sql.Identifier, names)))


def database_copy(url, run):
    """(url, name) of a copy of the seed_scale database for the run (CREATE DATABASE … TEMPLATE: seconds): the
    run's uploads, drafts and units sent to evaluation leave the original as it was, so runs compare."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    source = parts.path.lstrip("/")
    name = f"{source}_load_{run}"
    _on_server(url, "CREATE DATABASE {} TEMPLATE {}", name, source)
    return urlunsplit(parts._replace(path="/" + name)), name


def drop_database(url, name):
    _on_server(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def count_uploads(captions):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mchch.settings")
    import django

    django.setup()
    from apps.registry.models import Photo

    stored = set(Photo.objects.filter(caption__in=captions).values_list("caption", flat=True))
    with_file = 0
    for p in Photo.objects.filter(caption__in=captions).only("image"):
        if p.image and p.image.storage.exists(p.image.name):
            with_file += 1
    return len(stored), with_file


def _percentile_rows(stats_csv):
    rows = []
    with open(stats_csv, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append(r)
    return rows


def _plot(history_csv, png):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    t, p50, p95, users, rps = [], [], [], [], []
    with open(history_csv, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Name"] != "Aggregated":
                continue
            t.append(int(r["Timestamp"]))
            p50.append(float(r["50%"]) if r["50%"] not in ("N/A", "") else None)
            p95.append(float(r["95%"]) if r["95%"] not in ("N/A", "") else None)
            users.append(int(r["User Count"]))
            rps.append(float(r["Requests/s"]))
    if not t:
        return False
    t0 = t[0]
    x = [(v - t0) / 60 for v in t]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.plot(x, p50, label="p50 (ms)")
    ax.plot(x, p95, label="p95 (ms)")
    ax.set_xlabel("minutes")
    ax.set_ylabel("latency, all requests (ms, moving window)")
    ax2 = ax.twinx()
    ax2.plot(x, users, color="grey", linestyle=":", label="users")
    ax2.plot(x, rps, color="green", alpha=0.5, label="req/s")
    ax2.set_ylabel("users / req/s")
    lines = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    labels = ax.get_legend_handles_labels()[1] + ax2.get_legend_handles_labels()[1]
    ax.legend(lines, labels, loc="upper left")
    ax.set_title("Deadline-day load (locust): latency over time")
    fig.tight_layout()
    fig.savefig(png, dpi=100)
    return True


def merge_scale(values):
    path = RESULTS / "scale.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data.update(values)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=300)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--spawn-rate", type=float, default=5)
    ap.add_argument("--port", type=int, default=8107)
    ap.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_WORKERS", 4)))
    ap.add_argument("--locust", default=shutil.which("locust") or str(ROOT / ".venv" / "bin" / "locust"))
    ap.add_argument("--keep-db", action="store_true", help="keep the run's copy of the database")
    ap.add_argument("--prepare", help=argparse.SUPPRESS)
    ap.add_argument("--count-uploads", help=argparse.SUPPRESS)
    ap.add_argument("--plot", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.plot:
        return _plot(*args.plot)
    if args.prepare:
        return prepare(args.prepare, os.environ["LOAD_RUN"])
    if args.count_uploads:
        captions = json.loads(Path(args.count_uploads).read_text(encoding="utf-8"))
        print(json.dumps(count_uploads(captions)))
        return None
    if "postgres" not in os.environ.get("DATABASE_URL", "") or not os.environ.get("REDIS_URL"):
        sys.exit("DATABASE_URL (PostgreSQL with seed_scale data) and REDIS_URL must be set")
    run = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    TMP.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-0123456789"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SITE_URL": f"http://127.0.0.1:{args.port}",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{args.port}",
        "LOG_LEVEL": "WARNING",
        "SEARCH_RATE_LIMIT": "100000000",  # one loopback address plays thousands of visitors
        "VERIFY_RATE_LIMIT": "100000000",
        "LOAD_RUN": run,
    }
    env["DATABASE_URL"], copy = database_copy(os.environ["DATABASE_URL"], run)
    print(f"working on {copy}, a copy of the seed_scale database")
    try:
        run_load(args, run, env)
    finally:
        if not args.keep_db:
            drop_database(env["DATABASE_URL"], copy)


def run_load(args, run, env):
    people = TMP / "people.json"
    subprocess.run([PY, __file__, "--prepare", str(people)], env=env, check=True, cwd=ROOT)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    log = open(TMP / "server.log", "w")
    web = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "mchch.wsgi:application",
            "--workers",
            str(args.web_workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--timeout",
            "60",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "mchch", "worker", "-l", "warning", "-c", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    load_before = os.getloadavg()
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2).read()
                break
            except Exception:
                time.sleep(0.2)
        prefix = TMP / "locust"
        uploads = TMP / "uploads.json"
        subprocess.run(
            [
                args.locust,
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{int(args.minutes * 60)}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--csv-full-history",
                "--only-summary",
                "--stop-timeout",
                "30",
            ],
            env={**env, "LOAD_PEOPLE": str(people), "LOAD_UPLOADS": str(uploads)},
            cwd=ROOT,
        )
    finally:
        for proc in (web, worker):
            os.killpg(proc.pid, signal.SIGTERM)
        for proc in (web, worker):
            proc.wait(30)
    load_after = os.getloadavg()
    accepted = json.loads(uploads.read_text(encoding="utf-8")) if uploads.exists() else []
    stored, with_file = json.loads(
        subprocess.run(
            [PY, __file__, "--count-uploads", str(uploads)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    report(args, run, prefix, accepted, stored, with_file, load_before, load_after)


def report(args, run, prefix, accepted, stored, with_file, load_before, load_after):
    rows = _percentile_rows(f"{prefix}_stats.csv")
    failures = []
    if Path(f"{prefix}_failures.csv").exists():
        failures = list(csv.DictReader(open(f"{prefix}_failures.csv", encoding="utf-8")))
    server_errors = sum(int(f["Occurrences"]) for f in failures if re.search(r"\b5\d\d\b", f["Error"]))
    staff = [r for r in rows if r["Name"].startswith("staff:")]
    total = next(r for r in rows if r["Name"] == "Aggregated")
    # p95 over every staff request: the requests-weighted worst of the staff rows is an upper bound; locust's
    # per-name p95s are exact, so the staff figure reported is the largest per-page p95 (the strict reading).
    staff_p95 = max(float(r["95%"]) for r in staff) if staff else None
    png = RESULTS / "deadline_load.png"
    plotted = _plot(f"{prefix}_stats_history.csv", png)
    if not plotted:  # matplotlib beside locust (another virtualenv) draws it
        other = Path(args.locust).parent / "python"
        if other.exists():
            subprocess.run(
                [str(other), __file__, "--plot", f"{prefix}_stats_history.csv", str(png)], check=False
            )
            plotted = png.exists()
    lines = [
        f"# Deadline-day load test, {dt.date.today().isoformat()} (issue 23 item 6)",
        "",
        f"`benchmarks/deadline_load.py --users {args.users} --minutes {args.minutes:g}`: locust headless, "
        f"{args.users} simulated people (spawn {args.spawn_rate:g}/s) for {args.minutes:g} minutes against gunicorn "
        f"{args.web_workers} workers + a Celery worker (2 processes) on 127.0.0.1, PostgreSQL (a copy of "
        "`mchch_scale`, seed_scale data, made for the run and dropped after it) and Redis. Weights: district "
        "officers 40 (pages, photo upload, report submit), provincial staff 20 (review, dashboard, lists), "
        "committee members 15 (their scorecards, saving drafts of open units: the newest year's district "
        "committees score the units of 120 districts, sent to evaluation for the run), the public 25 (search "
        "with a different Thai word each time, directory, profiles).",
        "",
        f"Machine load average before / after: {load_before[0]:.1f} / {load_after[0]:.1f} (2 cores, shared).",
        "",
        f"- requests: {total['Request Count']}, failures: {total['Failure Count']}, server errors (5xx): "
        f"{server_errors}",
        f"- staff pages p95 (largest per-page p95): {staff_p95:.0f} ms" if staff_p95 is not None else "",
        f"- uploads accepted by the server: {len(accepted)}; in the database: {stored}; with their file on "
        f"storage: {with_file} → lost: {len(accepted) - min(stored, with_file)}",
        "",
        "| request | count | fail | median ms | p95 ms | p99 ms | max ms | req/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} | {r['50%']} | {r['95%']} | "
            f"{r['99%']} | {float(r['Max Response Time']):.0f} | {float(r['Requests/s']):.1f} |"
        )
    if failures:
        lines += ["", "Failures:", ""] + [
            f"- {f['Name']}: {f['Error']} × {f['Occurrences']}" for f in failures
        ]
    if plotted:
        lines += ["", "![latency over time](deadline_load.png)"]
    (RESULTS / "deadline_load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    merge_scale(
        {
            "load_users": args.users,
            "load_minutes": args.minutes,
            "load_requests": int(total["Request Count"]),
            "load_errors": server_errors,
            "load_failures": int(total["Failure Count"]),
            "load_staff_p95_ms": round(staff_p95) if staff_p95 is not None else None,
            "load_uploads_accepted": len(accepted),
            "load_uploads_lost": len(accepted) - min(stored, with_file),
            "load_machine_load_before_after": [round(load_before[0], 1), round(load_after[0], 1)],
            "measured_on": dt.date.today().isoformat(),
        }
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
