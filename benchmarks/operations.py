#!/usr/bin/env python
"""The heavy operations on seed_scale data, beside the page table of benchmarks/run.py: PDF builds, the xlsx
import of 5,000 units, the national reminder fan-out. Each runs inside a transaction that is rolled back, so the
data stay as seeded. Run: `make bench` (after `make bench-seed`). Writes benchmarks/results/operations.md/.json.

Targets (issues 4, 6, 7, 8): import of 5,000 rows < 20 s; ceremony PDF of 150 certificates < 60 s; a district's
report PDF and a unit's PDFs < 10 s; the whole country's reminders of one day planned < 60 s; the provincial
round page with nothing cached < 0.3 s; the round's bundle of official papers (issue 18: appointment order, 30
invitations, minutes and announcement of 150 units, PDF and .docx) < 20 s (settings: bootstrap.py).
`operations.py round_bundle` runs only that row (on any data with a provincial round, e.g. seed_demo).
Issue 23 item 5: the district's photo report with 40 units and 3 photos each (thumbnails from the store) ≤ 15 s
and ≤ 1.5× WeasyPrint alone on the same HTML and images, both in one run; `operations.py photo_report` runs only
those two rows (on any data with a programme year of province 65, e.g. seed_demo) and merges its keys into
benchmarks/results/scale.json."""

import datetime as dt
import io
import json
import sys
import time
from pathlib import Path

import bootstrap

bootstrap.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

ROOT = bootstrap.ROOT
OUT = ROOT / "benchmarks" / "results"
PROVINCE, DISTRICT = "65", "6501"


class Rollback(Exception):
    pass


def timed(label, target_s, fn, setup=None):
    """Run setup() then fn() (timed) in a transaction that is rolled back; a row of the results table."""
    detail = ""
    try:
        with transaction.atomic():
            arg = setup() if setup else None
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                detail = (fn(arg) if setup else fn()) or ""
                took = time.perf_counter() - t
            raise Rollback
    except Rollback:
        pass
    row = {
        "operation": label,
        "seconds": round(took, 2),
        "queries": len(ctx.captured_queries),
        "detail": detail,
        "target_s": target_s,
        "ok": took < target_s,
    }
    print(f"{label:<48} {took:7.2f} s {row['queries']:6d} q  {detail}", flush=True)
    return row


def _officer():
    from apps.accounts.enums import Role
    from apps.accounts.models import User

    return (
        User.objects.filter(
            role_assignments__role=Role.DISTRICT_OFFICER, role_assignments__district_id=DISTRICT
        )
        .order_by("pk")
        .first()
    )


def _years():
    from apps.registry.models import ProgrammeYear

    years = list(ProgrammeYear.objects.filter(province_id=PROVINCE).order_by("fiscal_year"))
    return years[-1], (years[-2] if len(years) > 1 else years[-1])


def certificates_pdf():
    from apps.certification.models import Certificate
    from apps.certification.pdf import render_certificates_pdf

    _current, past = _years()
    certs = list(
        Certificate.objects.filter(year=past)
        .select_related("unit__district__province", "unit__subdistrict", "unit__village", "year__province")
        .order_by("seq")[:150]
    )
    distinct = len(certs)
    certs = (certs * (150 // max(distinct, 1) + 1))[:150]  # a province's year print is ~150 certificates
    pdf = render_certificates_pdf(certs)
    return f"{len(certs)} certificates ({distinct} distinct) of FY {past.fiscal_year}, {len(pdf) // 1024} KB"


def honour_certificates_pdf():
    """Guideline 2.12: a ceremony's batch of เกียรติบัตร, one A4 landscape page per recipient, QR on each."""
    import datetime as dt

    from apps.certification.models import Ceremony, Certificate, Honour, HonourKind
    from apps.certification.pdf import render_honour_certificates

    _current, past = _years()
    certs = list(
        Certificate.objects.filter(year=past, revoked_at__isnull=True).select_related("unit__district")[:150]
    )
    kind = HonourKind.objects.get(code="honour_certificate")
    ceremony = Ceremony(
        year=past,
        title="พิธีมอบเกียรติบัตร",
        held_on=dt.date(past.fiscal_year - 543, 11, 20),
        place="ศาลากลางจังหวัด",
        presiding="ผู้ว่าราชการจังหวัด",
        signer_name="นายทดสอบ ลงนามสาธิต",
        signer_position="ผู้ว่าราชการจังหวัด",
    )
    honours = [
        Honour(unit=c.unit, year=past, kind=kind, title="ผ่านการรับรอง มชช.", given_on=ceremony.held_on)
        for c in certs
    ]
    honours = (honours * (150 // max(len(honours), 1) + 1))[:150]
    pdf = render_honour_certificates(ceremony, honours)
    return f"{len(honours)} เกียรติบัตร ({len(certs)} distinct units), {len(pdf) // 1024} KB"


def district_report_pdf():
    from apps.geo.models import District
    from apps.registry.enums import DeadlineKind
    from apps.reporting import documents
    from apps.reporting.models import Submission
    from apps.reporting.snapshot import build_snapshot

    current, _past = _years()
    district = District.objects.get(code=DISTRICT)
    snap = build_snapshot(current, district, DeadlineKind.APPLICANT_LIST)
    sub = Submission.objects.filter(year=current, district=district, kind=DeadlineKind.APPLICANT_LIST).first()
    pdf = documents.submission_pdf(snap, submission=sub)
    return (
        f"applicant list of {DISTRICT}, FY {current.fiscal_year}: {len(snap.get('units', []))} units, "
        f"{len(pdf) // 1024} KB (snapshot built from the data)"
    )


def province_summary_pdf():
    from apps.reporting import documents
    from apps.reporting.selectors import province_summary

    _current, past = _years()
    pdf = documents.province_summary_pdf(province_summary(past))
    return f"province {PROVINCE}, FY {past.fiscal_year}: {len(pdf) // 1024} KB"


def national_summary_pdf():
    """What the worker does for the centre's annual summary (issue 20: ≤ 30 s): every province's figures of a
    fiscal year, the national map and the table, as a PDF."""
    from apps.geo.models import Province
    from apps.reporting import documents
    from apps.reporting.national import national_overview

    current, _past = _years()
    data = national_overview(current.fiscal_year, Province.objects.order_by("code"))
    pdf = documents.national_summary_pdf(data)
    return f"FY {current.fiscal_year}, {len(data['rows'])} provinces: {len(pdf) // 1024} KB"


PHOTO_UNITS, PHOTOS_PER_UNIT = 40, 3


def _photo_report_setup():
    """40 units of 6501 with 3 photos each (a drawn 1600×1200 scene, one per stage 1–3), every one chosen for the
    report, thumbnails made as the worker makes them on upload. Returns (year, district, files written)."""
    from django.core.files.base import ContentFile

    from apps.geo.models import District
    from apps.registry.demo_photos import SCENES, scene_jpeg
    from apps.registry.enums import Stage, TargetType
    from apps.registry.models import Photo, Unit
    from apps.registry.services_stage1 import ensure_thumbnail

    current, _past = _years()
    district = District.objects.get(code=DISTRICT)
    # Exactly 40 × 3 in the report: the district's own photos of the year are left out (rolled back after).
    Photo.objects.filter(year=current, district=district).delete()
    files = []
    for n in range(PHOTO_UNITS):
        unit = Unit.objects.create(
            district=district,
            target_type=TargetType.GROUP,
            sub_type="กลุ่มออมทรัพย์เพื่อการผลิต",
            name=f"กลุ่มทดสอบภาพกิจกรรม บ้านหนองพิกุล {n + 1}",
            founded_on=dt.date(2015, 1, 1),
            members_count=30,
        )
        for i, stage in enumerate(list(Stage)[:PHOTOS_PER_UNIT]):
            title, sky, ground = SCENES[stage]
            p = Photo(
                district=district,
                year=current,
                unit=unit,
                stage=stage,
                caption=f"{title} ภาพที่ {i + 1} ของกลุ่มที่ {n + 1}",
                taken_on=current.bounds[0] + dt.timedelta(days=20 * (i + 1)),
                in_report=True,
                report_order=1,
            )
            data = scene_jpeg(n * 10 + i, title, sky, ground, size=(1600, 1200))
            p.image.save(f"bench-{n}-{i}.jpg", ContentFile(data), save=False)
            p.save()
            ensure_thumbnail(p)
            files += [p.image.name, p.thumbnail.name]
    return current, district, files


def photo_report_rows():
    """Both rows of issue 23 item 5 in one run: the report as the worker builds it (snapshot from the data,
    thumbnails read from the store, HTML, PDF) and WeasyPrint alone rendering that same HTML with the same image
    files (media URLs as file:// paths, the same font stylesheet). Rolled back; the files written are deleted."""
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from apps.core.pdf import _font_css
    from apps.registry.enums import DeadlineKind
    from apps.reporting import documents
    from apps.reporting.snapshot import build_snapshot

    files = []
    try:
        with transaction.atomic():
            year, district, files = _photo_report_setup()
            documents.submission_pdf(
                build_snapshot(year, district, DeadlineKind.APPLICANT_LIST)
            )  # warm fonts
            t = time.perf_counter()
            snap = build_snapshot(year, district, DeadlineKind.PHOTOS)
            pdf = documents.submission_pdf(snap)
            full = time.perf_counter() - t
            n_photos = len(snap["photos"])
            html = render_to_string("reporting/pdf/submission.html", documents.submission_context(snap))
            media = Path(settings.MEDIA_ROOT).resolve().as_uri() + "/"
            html = html.replace(f'src="{settings.MEDIA_URL}', f'src="{media}')
            css, fc = _font_css()
            t = time.perf_counter()
            bare_pdf = HTML(string=html, base_url=media).write_pdf(stylesheets=[css], font_config=fc)
            bare = time.perf_counter() - t
            raise Rollback
    except Rollback:
        pass
    finally:
        for name in files:
            default_storage.delete(name)
    detail = f"{PHOTO_UNITS} units × {PHOTOS_PER_UNIT} photos = {n_photos} thumbnails, {len(pdf) // 1024} KB"
    ratio = full / bare if bare else None
    rows = [
        {
            "operation": "district photo report PDF, 40 units × 3 photos",
            "seconds": round(full, 2),
            "queries": None,
            "detail": detail + f"; {ratio:.2f}× WeasyPrint alone",
            "target_s": 15,
            "ok": full <= 15 and ratio is not None and ratio <= 1.5,
        },
        {
            "operation": "WeasyPrint alone, the same HTML and images",
            "seconds": round(bare, 2),
            "queries": 0,
            "detail": f"{len(bare_pdf) // 1024} KB",
            "target_s": None,
            "ok": True,
        },
    ]
    for r in rows:
        print(f"{r['operation']:<48} {r['seconds']:7.2f} s  {r['detail']}", flush=True)
    write_scale(
        {
            "photo_report_s": round(full, 2),
            "photo_report_bare_weasyprint_s": round(bare, 2),
            "photo_report_ratio": round(ratio, 2) if ratio else None,
            "photo_report_photos": n_photos,
        }
    )
    return rows


def write_scale(values):
    """Merge these keys into benchmarks/results/scale.json (one flat object that other benchmarks add to)."""
    path = OUT / "scale.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.update(values)
    data["measured_on"] = dt.date.today().isoformat()
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def unit_pdf(view):
    def run():
        from apps.development.models import Plan

        current, _past = _years()
        plan = Plan.objects.filter(enrolment__year=current, enrolment__unit__district_id=DISTRICT).first()
        if plan is None:
            return "no plan in the data (seed_scale without development step)"
        client = Client()
        client.force_login(_officer(), backend="allauth.account.auth_backends.AuthenticationBackend")
        r = client.get(reverse(view, kwargs={"pk": plan.enrolment_id}))
        assert r.status_code == 200, r.status_code
        return f"enrolment {plan.enrolment_id}, {len(r.content) // 1024} KB"

    return run


def xlsx_import(n=5000):
    def run():
        from openpyxl import Workbook

        from apps.geo.models import District
        from apps.registry import excel

        current, _past = _years()
        district = District.objects.get(code=DISTRICT)
        sub = district.subdistricts.order_by("code").first()
        wb = Workbook()
        ws = wb.active
        ws.append([h for _k, h in excel.COLUMNS])
        for i in range(n):
            values = {
                "target_type": "กลุ่ม/องค์กรชุมชน",
                "sub_type": "กลุ่มออมทรัพย์เพื่อการผลิต",
                "name": f"กลุ่มทดสอบความเร็ว {i}",
                "subdistrict": sub.name_th,
                "founded_on": "01/03/2555",
                "members_count": 30 + i % 50,
                "coordinator": "นางทดสอบ",
                "enrol": "ใช่" if i % 2 else "ไม่",
            }
            ws.append([values.get(k, "") for k, _h in excel.COLUMNS])
        buf = io.BytesIO()
        wb.save(buf)
        buf.seek(0)
        rows = excel.parse(buf, district, current)
        bad = sum(1 for r in rows if r["errors"])
        units, enrolled = excel.import_units(
            district, current, [r for r in rows if not r["errors"]], by=_officer()
        )
        return f"{n} rows: {len(units)} units, {len(enrolled)} enrolled, {bad} rows with errors"

    return run


def national_export():
    """The unit list's xlsx as a national reader asks for it (every province, the latest year's enrolments), built
    the way the worker builds it (apps.registry.builders)."""
    from apps.accounts.models import User
    from apps.core.generated import request_file
    from apps.registry.builders import UNITS_KIND, units_xlsx

    owner, _ = User.objects.get_or_create(
        email="bench-admin@scale.example.org", defaults={"is_superuser": True, "is_staff": True}
    )
    gf = request_file(None, kind=UNITS_KIND, by=owner, title="bench", params={"filters": {}})
    built = units_xlsx(gf, lambda value: None)
    return f"{len(built.content) // 1024} KB xlsx of every unit the national reader sees"


def fan_out_day():
    """7 days before the current year's first deadline, with that deadline's deliveries of the data removed (in
    the rolled-back transaction) so the whole fan-out is planned and inserted again."""
    from apps.notifications.models import Delivery
    from apps.registry.models import Deadline

    current, _past = _years()
    deadline = Deadline.objects.filter(year=current).order_by("due_on").first()
    Delivery.objects.filter(due_on=deadline.due_on).delete()
    return deadline


def reminder_fan_out(deadline):
    from apps.notifications.models import Delivery
    from apps.notifications.services import queue_reminders

    day = deadline.due_on - dt.timedelta(days=7)
    before = Delivery.objects.count()
    offered = queue_reminders(day)
    return (
        f"{day.isoformat()} (7 days before {deadline.kind}): {offered} offered, "
        f"{Delivery.objects.count() - before} new deliveries, all provinces"
    )


def provincial_round():
    """Staff of the province logged in on the provincial committee's latest round, the page once rendered."""
    from apps.accounts.models import User
    from apps.evaluation.models import Round
    from apps.registry.enums import EvaluationLevel

    rnd = (
        Round.objects.filter(
            committee__year__province_id=PROVINCE,
            committee__level=EvaluationLevel.COMMITTEE,
            entries__isnull=False,
        )
        .order_by("-starts_on")
        .first()
    )
    client = Client()
    client.force_login(
        User.objects.get(email=f"staff{PROVINCE}@scale.example.org"),
        backend="allauth.account.auth_backends.AuthenticationBackend",
    )
    url = reverse("evaluation:round", kwargs={"pk": rnd.pk})
    client.get(url)
    return client, url, rnd


def round_page_uncached(arg):
    """The round page after the cache was emptied: every unit's suggested result computed from the scores (the
    page run.py measures reads them from the cache, as a page viewed again does)."""
    from django.core.cache import cache

    client, url, rnd = arg
    cache.clear()
    r = client.get(url)
    assert r.status_code == 200, r.status_code
    return f"round {rnd.pk}, {rnd.entries.count()} units, every verdict computed from the scores"


def round_bundle_setup():
    """The provincial committee's latest round with a meeting held, a quorum present and a resolution on 150 units
    (the round's own entries, topped up with other units of the province when the data hold fewer)."""
    from django.utils import timezone

    from apps.evaluation.models import Attendance, Meeting, Resolution, Round, RoundEntry
    from apps.registry.enums import EvaluationLevel
    from apps.registry.models import Enrolment

    rnd = (
        Round.objects.filter(
            committee__year__province_id=PROVINCE, committee__level=EvaluationLevel.COMMITTEE
        )
        .order_by("-starts_on")
        .first()
    )
    entries = list(RoundEntry.objects.filter(round=rnd).order_by("order")[:150])
    taken = {e.enrolment_id for e in entries}
    extra = (
        Enrolment.objects.filter(year__province_id=PROVINCE)
        .exclude(pk__in=taken)
        .order_by("-year__fiscal_year", "pk")
    )
    extra = extra[: 150 - len(entries)]
    RoundEntry.objects.bulk_create(
        [RoundEntry(round=rnd, enrolment=e, order=500 + i) for i, e in enumerate(extra)]
    )
    RoundEntry.objects.filter(round=rnd).update(decision="pass")
    entries = list(RoundEntry.objects.filter(round=rnd).order_by("order")[:150])
    number = (
        Meeting.objects.filter(round=rnd).order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    meeting = Meeting.objects.create(
        round=rnd,
        number=number,
        held_on=timezone.localdate(),
        place="ห้องประชุมศาลากลางจังหวัด",
        minutes="เริ่มประชุมเวลา 09.00 น.\nที่ประชุมพิจารณาผลการประเมินรายหน่วยนับแล้วมีมติตามบัญชีแนบท้าย\nเลิกประชุมเวลา 12.00 น.",
    )
    seats = list(rnd.committee.members.all())
    Attendance.objects.bulk_create([Attendance(meeting=meeting, seat=s) for s in seats])
    Resolution.objects.bulk_create(
        [
            Resolution(meeting=meeting, entry=e, outcome="pass", present=len(seats), members=len(seats))
            for e in entries
        ]
    )
    RoundEntry.objects.filter(pk__in=[e.pk for e in entries]).update(decided_in=meeting)
    return rnd, meeting, len(entries)


def round_bundle(arg):
    """What the worker builds for a round: the appointment order, 30 invitation letters, the minutes and the
    results announcement of 150 units, each numbered from the register and rendered as PDF and .docx."""
    from apps.paperwork import services
    from apps.paperwork.builders import render_document_docx, render_document_pdf

    rnd, meeting, n = arg
    docs = [services.issue_document("appointment", rnd.committee, by=None, build=False)]
    docs += [services.issue_document("invitation", meeting, by=None, build=False) for _ in range(30)]
    docs.append(services.issue_document("minutes", meeting, by=None, build=False))
    docs.append(services.issue_document("announcement", rnd, by=None, build=False))
    padded = ""
    if n < 150:  # small data (seed_demo): the tables of the minutes and announcement repeated up to 150 rows
        for doc in docs[-2:]:
            for block in doc.body["blocks"]:
                if "table" in block:
                    rows = block["table"]["rows"]
                    block["table"]["rows"] = (rows * (150 // max(len(rows), 1) + 1))[
                        : max(len(rows), 150 * len(rows) // n)
                    ]
        padded = f" (tables padded from {n} to 150 rows)"
        n = 150
    size = 0
    for doc in docs:
        size += len(render_document_pdf(doc)) + len(render_document_docx(doc))
    return (
        f"{len(docs)} documents (PDF + .docx), {n} units in the minutes and announcement{padded}, "
        f"{size // 1024} KB"
    )


def main():
    from apps.registry.models import Enrolment, Unit

    rows = [
        timed("ceremony PDF, 150 certificates", 60, certificates_pdf),
        timed("ceremony เกียรติบัตร PDF, 150 recipients", 10, honour_certificates_pdf),
        timed("district report PDF (applicant list)", 10, district_report_pdf),
        timed("province annual summary PDF", 10, province_summary_pdf),
        timed("national annual summary PDF, every province", 30, national_summary_pdf),
        timed("self-assessment PDF of a unit (page)", 10, unit_pdf("development:assessment_pdf")),
        timed("development plan PDF of a unit (page)", 10, unit_pdf("development:plan_pdf")),
        timed("xlsx import of 5,000 units", 20, xlsx_import()),
        timed("xlsx export of the units of the whole country", 60, national_export),
        timed("reminder fan-out, whole country, one day", 60, reminder_fan_out, setup=fan_out_day),
        timed("provincial round page, nothing cached", 0.3, round_page_uncached, setup=provincial_round),
        timed(
            "round bundle: order, 30 invitations, minutes, announcement",
            20,
            round_bundle,
            setup=round_bundle_setup,
        ),
        *photo_report_rows(),
    ]
    meta = {
        "database": connection.vendor,
        "units": Unit.objects.count(),
        "enrolments": Enrolment.objects.count(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "operations.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, ensure_ascii=False, indent=1)
    )
    lines = [
        f"# Operations ({meta['database']}, {meta['units']} units, {meta['enrolments']} enrolments)",
        "",
        "| operation | seconds | queries | target s | detail |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['operation']} | {r['seconds']} | {r['queries']} | {r['target_s']}"
        f"{'' if r['ok'] else ' **missed**'} | {r['detail']} |"
        for r in rows
    ]
    (OUT / "operations.md").write_text("\n".join(lines) + "\n")
    print(f"written {OUT / 'operations.md'}")
    return 0 if all(r["ok"] for r in rows) else 1


def only_round_bundle():
    row = timed(
        "round bundle: order, 30 invitations, minutes, announcement",
        20,
        round_bundle,
        setup=round_bundle_setup,
    )
    return 0 if row["ok"] else 1


def only_national_summary():
    return 0 if timed("national annual summary PDF, every province", 30, national_summary_pdf)["ok"] else 1


def only_photo_report():
    return 0 if all(r["ok"] for r in photo_report_rows()) else 1


if __name__ == "__main__":
    only = {
        "round_bundle": only_round_bundle,
        "photo_report": only_photo_report,
        "national_summary": only_national_summary,
    }
    sys.exit(only[sys.argv[1]]() if sys.argv[1:2] and sys.argv[1] in only else main())
