#!/usr/bin/env python
"""Server time of the main pages of each role on seed_scale data, beside the Django admin changelist of the
same rows (ratio), with query counts. Run: `make bench` (DATABASE_URL should point at PostgreSQL holding
`manage.py seed_scale` data). Writes benchmarks/results/latest.md and latest.json. Settings: bootstrap.py."""

import json
import os
import statistics
import time

import bootstrap

bootstrap.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

ROOT = bootstrap.ROOT
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
# BENCH_ONLY=national: only the pages whose label holds one of these words (results in latest-<words>.md/json).
ONLY = [w for w in os.environ.get("BENCH_ONLY", "").split(",") if w]


def measure(client, url):
    client.get(url)  # warm
    times, queries, status = [], 0, None
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        queries, status = len(ctx.captured_queries), r.status_code
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "queries": queries,
        "status": status,
    }


def client_for(email):
    from apps.accounts.models import User

    c = Client()
    c.force_login(
        User.objects.get(email=email), backend="allauth.account.auth_backends.AuthenticationBackend"
    )
    return c


def pages():
    """(role e-mail, label, url name + kwargs, admin changelist of the same rows)."""
    from apps.registry.models import ProgrammeYear

    year = ProgrammeYear.objects.filter(province_id="65").order_by("-fiscal_year").first()
    yk = {"pk": year.pk} if year else {}
    staff, officer = "staff65@scale.example.org", "district6501@scale.example.org"
    out = [
        (staff, "landing /app/", ("workspace:home", {}), None),
        (staff, "programme years", ("registry:years", {}), "/admin/registry/programmeyear/"),
        (staff, "programme year detail", ("registry:year", yk), "/admin/registry/districttarget/"),
        (staff, "people of the province", ("accounts:people", {}), "/admin/accounts/user/"),
        (officer, "landing /app/", ("workspace:home", {}), None),
    ]
    extra = ROOT / "benchmarks" / "pages.py"
    if extra.exists():
        ns = {}
        exec(extra.read_text(), ns)
        out += ns["pages"](year, staff, officer)
    return out


CENTRE = "centre@scale.example.org"


def _centre():
    """The centre's staff (national staff role) of the seed_scale data, made here for databases seeded before it."""
    from apps.accounts.enums import Role
    from apps.accounts.models import RoleAssignment, User

    user, _ = User.objects.get_or_create(email=CENTRE, defaults={"first_name": "ส่วนกลาง"})
    RoleAssignment.objects.get_or_create(user=user, role=Role.NATIONAL_STAFF)


def main():
    from apps.accounts.models import User

    admin, _ = User.objects.get_or_create(
        email="bench-admin@scale.example.org", defaults={"is_superuser": True, "is_staff": True}
    )
    _centre()
    admin_client = client_for(admin.email)
    rows = []
    for email, label, (name, kwargs), admin_url in pages():
        if ONLY and not any(w in label for w in ONLY):
            continue
        kwargs = dict(kwargs)
        query = kwargs.pop("?", None)
        try:
            url = reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")
        except NoReverseMatch:
            continue
        r = {"role": email.split("@")[0], "page": label, "url": url, **measure(client_for(email), url)}
        a = measure(admin_client, admin_url) if admin_url else None
        if a is None or a["status"] != 200:
            admin_url = None
        if admin_url:
            r.update(
                admin_url=admin_url,
                admin_p95_ms=a["p95_ms"],
                admin_queries=a["queries"],
                ratio=round(r["p95_ms"] / a["p95_ms"], 2) if a["p95_ms"] else None,
            )
        rows.append(r)
        print(
            f"{r['role']:<22} {label:<32} p95 {r['p95_ms']:>7} ms  q={r['queries']:<3} "
            + (f"admin p95 {r['admin_p95_ms']} ms ratio {r['ratio']}" if admin_url else "")
        )
    from apps.registry.models import Enrolment, Unit

    meta = {
        "database": connection.vendor,
        "units": Unit.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "runs": RUNS,
        "debug": settings.DEBUG,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    stem = "latest" + ("-" + "-".join(ONLY) if ONLY else "")
    (out / f"{stem}.json").write_text(json.dumps({"meta": meta, "rows": rows}, ensure_ascii=False, indent=1))
    lines = [
        f"# Benchmark ({meta['database']}, {meta['units']} units, {meta['enrolments']} enrolments, {RUNS} runs, "
        f"DEBUG {'on' if meta['debug'] else 'off'}, cache {meta['cache']})",
        "",
        "| role | page | median ms | p95 ms | queries | admin p95 ms | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['role']} | {r['page']} | {r['median_ms']} | {r['p95_ms']} | {r['queries']} | "
            f"{r.get('admin_p95_ms', '')} | {r.get('ratio', '')} |"
        )
    (out / f"{stem}.md").write_text("\n".join(lines) + "\n")
    print(f"written {out / f'{stem}.md'}")


if __name__ == "__main__":
    main()
