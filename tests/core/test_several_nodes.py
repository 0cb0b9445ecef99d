"""Several nodes, one truth (docs/operations.md "Several nodes"), as part of the suite: scripts/multinode.py starts
moto's S3 server, two gunicorn web nodes and two Celery workers against PostgreSQL and Redis on a fresh copy of the
demo data, sends one submission to both nodes at once, asks both nodes for the same report while SIGKILLing the
worker that builds it, and runs one reminder day twice at once. Every check it makes must hold: one submission and
one PDF, each report built once and whole with nothing half-written in the bucket, the killed build finished by the
other worker, the download a signed URL that gives the stored bytes, no reminder sent twice."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_compose import _answers

ROOT = Path(__file__).resolve().parents[2]


def test_two_web_nodes_and_two_workers_keep_one_truth(tmp_path):
    if not (_answers(5432) and _answers(6379)):
        pytest.skip("needs PostgreSQL and Redis on 127.0.0.1 (as in CI)")
    out = tmp_path / "multinode.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "multinode.py"), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    checks = report["checks"]
    assert report["ok"]
    failed = [name for name, ok in checks.items() if ok is False]
    assert not failed, failed
    for name in (
        "session_shared_across_nodes",
        "submission_once",
        "submission_pdf_done",
        "no_stray_or_half_file_in_store",
        "download_redirects_to_signed_url",
        "download_bytes_equal_store",
        "survivor_finished_the_killed_build",
        "reminders_unique",
        "no_reminder_mailed_twice",
    ):
        assert checks[name] is True, name
    assert sum(name.startswith("report_") and ok is True for name, ok in checks.items()) == 2
    assert checks["killed_mid_task"]  # a worker was killed while it built, not before or after
    assert report["reminders"]["sent"] == report["reminders"]["mails"] > 0
