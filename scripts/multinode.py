#!/usr/bin/env python
"""Several nodes, one truth (issue 23 item 2, docs/operations.md "Several nodes"): two web nodes (gunicorn) and two
Celery workers on the loopback against PostgreSQL, Redis and an S3 server (moto's, as a process), driven through:

1. one submission, sent by the same officer to both web nodes at the same moment (a double click that lands on
   two nodes): one submission, one PDF;
2. one generated report (the province summary) asked of both nodes at once, and a worker killed (SIGKILL, the
   whole node) while it builds: every file is built and stored once, whole, and downloads through the other
   node as a signed URL that answers 200;
3. one reminder day, run twice at once (two beats, or a redelivered message): no reminder is sent twice.

It prints what it saw and writes benchmarks/results/multinode.json; exit status 1 when a check fails.

    python scripts/multinode.py                       # new database, migrate, seed_demo (minutes here)
    python scripts/multinode.py --template mchch_seeded   # copy an already seeded database (seconds)

Needs PostgreSQL and Redis on 127.0.0.1 (as in CI); uses Redis database --redis-db (default 15) for the broker,
the cache and the results, and flushes it first."""

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "mchch-demo-2570"
KEY = "testing"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def log(msg):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", flush=True)


class Cluster:
    def __init__(self, env, workdir):
        self.env, self.workdir, self.procs = env, workdir, {}

    def start(self, name, argv):
        out = (self.workdir / f"{name}.log").open("w")
        self.procs[name] = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self.procs[name]

    def web(self, name, port):
        return self.start(
            name,
            [
                str(BIN / "gunicorn"),
                "mchch.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
            ],
        )

    def worker(self, name):
        return self.start(
            name,
            [
                str(BIN / "celery"),
                "-A",
                "mchch",
                "worker",
                "-n",
                f"{name}@%h",
                "--concurrency",
                "1",
                "-l",
                "info",
                "--without-gossip",
                "--without-mingle",
            ],
        )

    def log_of(self, name):
        return (self.workdir / f"{name}.log").read_text(errors="replace")

    def kill(self, name):
        """SIGKILL the whole node: the worker's main process and its pool child, with no chance to clean up."""
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait()

    def stop(self):
        for p in self.procs.values():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.procs.values():
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def wait_for(what, fn, timeout, every=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def login(base, email):
    import requests

    s = requests.Session()
    s.get(f"{base}/accounts/login/", timeout=30)
    r = s.post(
        f"{base}/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": s.cookies["csrftoken"]},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=30,
        allow_redirects=False,
    )
    assert r.status_code == 302, f"login of {email} on {base}: {r.status_code}"
    return s


def post(session, url):
    return session.post(
        url,
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"], "note": ""},
        headers={"Referer": url},
        timeout=60,
        allow_redirects=False,
    )


def at_once(*calls):
    """Run the calls in threads released by one barrier: as close to the same moment as two nodes get."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        results[i] = fn()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--template", help="copy this (migrated, seeded) database instead of migrate + seed_demo")
    ap.add_argument("--redis-db", type=int, default=15)
    ap.add_argument(
        "--keep",
        action="store_true",
        help="keep the database and the logs (the logs are kept anyway when a check fails)",
    )
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "multinode.json"))
    args = ap.parse_args()
    if not (answers(5432) and answers(6379)):
        sys.exit("needs PostgreSQL and Redis on 127.0.0.1")

    import boto3
    import psycopg
    import redis

    workdir = Path(tempfile.mkdtemp(prefix="mchch-multinode-"))
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    db = f"mchch_multinode_{uuid.uuid4().hex[:8]}"
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    redis.Redis.from_url(redis_url).flushdb()
    s3_port, web_ports = free_port(), (free_port(), free_port())
    bucket = "mchch-multinode"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        REDIS_URL=redis_url,
        CACHE_REDIS_URL=redis_url,
        CELERY_RESULT_BACKEND=redis_url,
        # a node that dies holding a task gives it back after 15 s here (an hour by default: settings.py)
        CELERY_VISIBILITY_TIMEOUT="15",
        STORAGE_URL=f"s3://{KEY}:{KEY}@{bucket}?endpoint_url=http://127.0.0.1:{s3_port}&expire=120",
        DEBUG="1",  # plain http on the loopback (DEBUG=0 sends cookies only over https)
        MFA_REQUIRED="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{web_ports[0]}",
        EMAIL_URL=f"filemail:///{mail_dir}",  # four slashes: an absolute path
        LOG_FORMAT="text",
        SEARCH_RATE_LIMIT="100000",
    )
    cluster = Cluster(env, workdir)
    report = {"measured_on": dt.date.today().isoformat(), "checks": {}}
    checks = report["checks"]
    try:
        cluster.start("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)])
        wait_for("the S3 server", lambda: answers(s3_port), 30)
        s3 = boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{s3_port}",
            region_name="us-east-1",
            aws_access_key_id=KEY,
            aws_secret_access_key=KEY,
        )
        s3.create_bucket(Bucket=bucket)

        t0 = time.monotonic()
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            template = f' TEMPLATE "{args.template}"' if args.template else ""
            conn.execute(f'CREATE DATABASE "{db}"{template}')
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        if not args.template:
            subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        report["setup_s"] = round(time.monotonic() - t0, 1)
        log(f"database {db} ready in {report['setup_s']} s")

        # this process reads the same database and store to check what the nodes did
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "mchch.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import close_old_connections

        from apps.core.models import GeneratedFile
        from apps.geo.models import District
        from apps.notifications.models import Delivery
        from apps.reporting.models import Submission
        from mchch.celery import app as celery_app

        for i, port in enumerate(web_ports, 1):
            cluster.web(f"web{i}", port)
        for name in ("worker1", "worker2"):
            cluster.worker(name)
        bases = [f"http://127.0.0.1:{p}" for p in web_ports]
        import requests

        for base in bases:
            wait_for(f"{base}/healthz/", lambda b=base: _healthy(requests, b), 120, every=1)
        wait_for(
            "both workers",
            lambda: all("ready." in cluster.log_of(w) for w in ("worker1", "worker2")),
            120,
            every=1,
        )
        health = requests.get(f"{bases[1]}/healthz/", timeout=10).json()
        checks["health_parts_ok"] = {k: health[k]["ok"] for k in ("database", "cache", "broker", "storage")}
        log(f"two web nodes and two workers up; health: {checks['health_parts_ok']}")

        # --- 1. one submission, the same click on both nodes --------------------------------------------------
        officer = [login(b, "district6501@example.org") for b in bases]
        # one login, two nodes: the session lives in the database, not in a node
        r = officer[0].get(f"{bases[1]}/app/", timeout=30, allow_redirects=False)
        checks["session_shared_across_nodes"] = r.status_code == 200
        sub = _open_submission(Submission, District)
        sub_url = f"/app/reports/{sub['year']}/6501/{sub['kind']}/submit/"
        before = Submission.objects.filter(year_id=sub["year"], district_id="6501", kind=sub["kind"]).first()
        v0 = before.version if before else 0
        answers_ = at_once(*(lambda i=i: post(officer[i], bases[i] + sub_url) for i in range(2)))
        log(f"submission {sub['kind']} sent to both nodes: {[a.status_code for a in answers_]}")
        close_old_connections()
        s = Submission.objects.get(year_id=sub["year"], district_id="6501", kind=sub["kind"])
        pdf = wait_for("the submission's PDF", lambda: _done(GeneratedFile, s.pdf_id), 180)
        checks["submission_once"] = s.version == v0 + 1
        checks["submission_pdf_done"] = pdf.status == "done" and pdf.file.name.endswith(".pdf")

        # --- 2. the same report asked of both nodes at once; a worker killed while it builds ----------------
        staff = [login(b, "province@example.org") for b in bases]
        year = sub["year"]
        known = set(GeneratedFile.objects.values_list("pk", flat=True))
        answers_ = at_once(
            *(lambda i=i: post(staff[i], f"{bases[i]}/app/review/{year}/summary/") for i in range(2))
        )
        assert all(a.status_code == 302 for a in answers_), [a.status_code for a in answers_]
        new = wait_for(
            "the two report rows",
            lambda: list(GeneratedFile.objects.exclude(pk__in=known).order_by("pk")) or None,
            30,
        )
        ids = [g.pk for g in new]

        def building():
            """A worker holding a build now: received in its log, not yet finished."""
            for w in ("worker1", "worker2"):
                text = cluster.log_of(w)
                got = re.findall(r"build_generated_file\[([0-9a-f-]+)\] received", text)
                held = [t for t in got if f"[{t}] succeeded" not in text]
                if held:
                    running = GeneratedFile.objects.filter(pk__in=ids, status="running").exists()
                    return (w, held[-1]) if running else None
            return None

        victim, task_id = wait_for("a build in progress", building, 60, every=0.02)
        cluster.kill(victim)
        killed_at = time.monotonic()
        log(f"SIGKILL {victim} while it built a report")
        checks["killed_mid_task"] = victim
        rows = wait_for(
            "every report row done",
            lambda: (lambda rs: rs if all(g.status == "done" for g in rs) else None)(
                list(GeneratedFile.objects.filter(pk__in=ids))
            ),
            360,
            every=1,
        )
        report["redelivered_after_kill_s"] = round(time.monotonic() - killed_at, 1)
        survivor = "worker2" if victim == "worker1" else "worker1"
        keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", ()))
        generated = [k for k in keys if k.startswith("generated/")]
        for g in rows:
            mine = [k for k in generated if k.split("/")[-2] == str(g.pk)]
            body = s3.get_object(Bucket=bucket, Key=g.file.name)["Body"].read()
            checks[f"report_{g.pk}_one_whole_file"] = (
                mine == [g.file.name] and body.startswith(b"%PDF") and body.rstrip().endswith(b"%%EOF")
            )
        expected = {g.file.name for g in GeneratedFile.objects.filter(status="done").exclude(file="")}
        checks["no_stray_or_half_file_in_store"] = set(generated) <= expected
        checks["two_nodes_same_report_two_rows"] = len(rows) == 2 and len({g.file.name for g in rows}) == 2
        # download through the other node: checked, then a signed URL that the store answers
        r = staff[1].get(f"{bases[1]}/app/files/{rows[0].token}/download/", timeout=30, allow_redirects=False)
        signed = r.headers.get("Location", "")
        got = requests.get(signed, timeout=30) if r.status_code == 302 else None
        checks["download_redirects_to_signed_url"] = (
            r.status_code == 302
            and "X-Amz-Signature=" in signed
            and got is not None
            and got.status_code == 200
        )
        checks["download_bytes_equal_store"] = (
            got is not None
            and got.content == s3.get_object(Bucket=bucket, Key=rows[0].file.name)["Body"].read()
        )
        # the message the dead node held, handed to the other worker and finished there
        checks["survivor_finished_the_killed_build"] = f"[{task_id}] succeeded" in cluster.log_of(survivor)
        report["killed_task"] = task_id
        log(
            f"reports done {report['redelivered_after_kill_s']} s after the kill; objects under generated/: {len(generated)}"
        )

        # the killed node comes back (as a restarted container would) for the reminder day
        cluster.worker("worker3")
        wait_for("worker3", lambda: "ready." in cluster.log_of("worker3"), 120, every=1)

        # --- 3. one reminder day, run twice at once ----------------------------------------------------------
        day = _reminder_day()
        before_ids = set(Delivery.objects.values_list("pk", flat=True))
        time.sleep(3)  # e-mails of the earlier steps (a submission notifies the province) are written by now
        earlier_mail = set(mail_dir.iterdir())
        at_once(
            *(
                lambda: celery_app.send_task(
                    "apps.notifications.tasks.send_due_reminders", kwargs={"date": day}
                )
                for _ in range(2)
            )
        )

        def settled():
            close_old_connections()
            ds = list(Delivery.objects.exclude(pk__in=before_ids))
            if ds and not any(d.status in ("pending", "sending") for d in ds):
                return ds
            return None

        deliveries = wait_for("the reminder day's deliveries", settled, 180, every=1)
        time.sleep(3)  # any duplicate send would have reached the mail folder by now
        mails = _mails(mail_dir, skip=earlier_mail)
        keys_ = [(d.rule_key, d.subject_key, d.due_on, d.offset_days, d.recipient_id) for d in deliveries]
        sent = [d for d in deliveries if d.status == "sent"]
        report["reminder_day"] = day
        report["reminders"] = {"deliveries": len(deliveries), "sent": len(sent), "mails": len(mails)}
        checks["reminders_unique"] = len(keys_) == len(set(keys_))
        # one e-mail per sent delivery, and no (recipient, subject) twice
        checks["one_mail_per_sent_delivery"] = len(mails) == len(sent)
        checks["no_reminder_mailed_twice"] = len(mails) == len(set(mails))
        log(f"reminder day {day}: {report['reminders']}")
    finally:
        cluster.stop()
        if not args.keep:
            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    report["ok"] = all(v not in (False, None) for v in checks.values()) and all(
        checks.get("health_parts_ok", {}).values()
    )
    # The nodes' logs (and the mail folder) stay behind when a check failed, to read; else only with --keep.
    report["logs"] = str(workdir) if args.keep or not report["ok"] else None
    if report["logs"] is None:
        shutil.rmtree(workdir, ignore_errors=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
    print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    sys.exit(0 if report["ok"] else 1)


def _healthy(requests, base):
    try:
        return requests.get(f"{base}/healthz/", timeout=5).status_code == 200
    except requests.RequestException:
        return False


def _done(GeneratedFile, pk):
    from django.db import close_old_connections

    close_old_connections()
    g = GeneratedFile.objects.filter(pk=pk).first()
    return g if g is not None and g.status in ("done", "failed") else None


def _open_submission(Submission, District):
    """A report of district 6501 in Phitsanulok's latest year that is open for sending (none yet, a draft, or
    returned), preferring the reports with data behind them."""
    from apps.registry.enums import DeadlineKind
    from apps.registry.models import ProgrammeYear
    from apps.reporting.models import EDITABLE

    year = ProgrammeYear.objects.filter(province_id="65").order_by("-fiscal_year").first()
    assert year is not None, "the demo has no Phitsanulok year"
    for kind in (DeadlineKind.APPLICANT_LIST, DeadlineKind.PLANS, DeadlineKind.RESULTS, DeadlineKind.PHOTOS):
        sub = Submission.objects.filter(year=year, district_id="6501", kind=kind).first()
        if sub is None or sub.state in EDITABLE:
            return {"year": year.pk, "kind": kind.value}
    raise AssertionError("every report of 6501 is sent already in the demo's latest year")


def _reminder_day():
    """The day in the next 120 on which the reminder sources have the most to say (read-only)."""
    from apps.core import reminders

    today = dt.date.today()
    counts = {}
    for n in range(120):
        day = today + dt.timedelta(days=n)
        counts[day] = sum(len(list(source.fn(day))) for source in reminders.all_sources())
    best = max(counts, key=lambda d: (counts[d], -d.toordinal()))
    assert counts[best], "no reminder day in the next 120 days"
    return best.isoformat()


def _mails(mail_dir, skip=()):
    """(to, subject) of every e-mail the file backend wrote (several per file, separated by a line of dashes)."""
    from email import message_from_string
    from email.header import decode_header, make_header

    out = []
    for path in sorted(set(mail_dir.iterdir()) - set(skip)):
        for chunk in path.read_text(errors="replace").split("-" * 79):
            if chunk.strip():
                m = message_from_string(chunk.strip())
                to, subject = (str(make_header(decode_header(m.get(h, "")))) for h in ("To", "Subject"))
                out.append((to, subject))
    return out


if __name__ == "__main__":
    main()
