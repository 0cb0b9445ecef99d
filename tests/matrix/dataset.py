"""The dataset of the permission matrix: the Phitsanulok demo (seed_demo) plus a second province (Chiang Mai, 50)
with its own year, zone, units, enrolment and certificate, so that every persona has real work of its own and
the subject objects (owned by district 6501 of Phitsanulok) are "another district / zone / province" to some.

Built once per test module (see tests/test_permission_matrix.py); everything goes through the apps' services
or the demo seeders, except GeneratedFile rows, which only background tasks create (made here directly, done)."""

import datetime as dt
import types

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment, User
from apps.geo.models import District, Province, Zone
from apps.geo.services import save_zone

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# Column order of the matrix (and of the table in docs/permissions.md).
PERSONAS = {
    "anon": "ไม่ได้เข้าสู่ระบบ (anonymous)",
    "admin": "ผู้ดูแลระบบ admin@",
    "prov": "เจ้าหน้าที่จังหวัด 65 province@",
    "d6501": "อำเภอ 6501 (เจ้าของ) district6501@",
    "d6502": "อำเภออื่น 6502 district6502@",
    "zone": "โซนที่ถือ 6501 zone1@",
    "zone2": "โซนอื่น (โซนที่ 2) ไม่มี 6501",
    "subc": "อนุกรรมการจังหวัด subcommittee@",
    "chair": "ประธานคณะกรรมการ chair@",
    "natl": "ส่วนกลาง national@",
    "strgr": "เจ้าหน้าที่จังหวัดอื่น 50 (stranger)",
}


def _chiang_mai(by_admin):
    """Province 50 with a year, a zone, a unit enrolled in district 5001 and a certificate of its own."""
    from apps.certification.services import issue_certificate
    from apps.registry.enums import TargetType
    from apps.registry.models import Unit
    from apps.registry.services import enrol_unit, open_programme_year

    cm = Province.objects.get(code="50")
    staff = User.objects.create_user("staff50@example.org", first_name="เจ้าหน้าที่", last_name="เชียงใหม่")
    RoleAssignment.objects.create(user=staff, role=Role.PROVINCE_STAFF, province=cm)
    officer = User.objects.create_user(
        "district5001@example.org", first_name="พัฒนาการ", last_name="เมืองเชียงใหม่"
    )
    d5001 = District.objects.get(code="5001")
    RoleAssignment.objects.create(user=officer, role=Role.DISTRICT_OFFICER, district=d5001)
    year = open_programme_year(cm, 2570, by=staff)
    zone = save_zone(cm, 2570, "โซนที่ 1 (เมืองเชียงใหม่)", ["5001", "5002"], by=staff)
    sub = d5001.subdistricts.first()
    unit = Unit.objects.create(
        district=d5001,
        subdistrict=sub,
        target_type=TargetType.GROUP,
        sub_type="กลุ่มออมทรัพย์เพื่อการผลิต",
        name="กลุ่มออมทรัพย์เพื่อการผลิตบ้านช้างเผือก",
        founded_on=dt.date(2014, 6, 1),
        members_count=52,
        created_by=officer,
    )
    enrolment = enrol_unit(unit, year, by=officer, confirmed_warnings=True)
    cert = issue_certificate(enrolment, by=staff)
    return types.SimpleNamespace(
        province=cm,
        staff=staff,
        officer=officer,
        year=year,
        zone=zone,
        unit=unit,
        enrolment=enrolment,
        certificate=cert,
    )


def build():
    """Seed everything; return a namespace with `users` (persona → User, None for anonymous) and the subjects."""
    from apps.certification.models import Certificate
    from apps.certification.services import request_certificate_pdf
    from apps.core.models import GeneratedFile
    from apps.evaluation.exemplars import nominate, request_pptx
    from apps.evaluation.models import RoundEntry
    from apps.evaluation.services import schedule_entry
    from apps.registry.enums import Outcome, PrepKind
    from apps.registry.models import Enrolment, ProgrammeYear
    from apps.registry.services_stage1 import save_record
    from apps.reporting.models import Submission

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    u = {
        e.split("@")[0]: e
        for e in User.objects.filter(email__endswith="@example.org").values_list("email", flat=True)
    }
    get = lambda name: User.objects.get(email=u[name])  # noqa: E731
    ds = types.SimpleNamespace()
    ds.cm = _chiang_mai(get("admin"))
    y70 = ProgrammeYear.objects.get(province_id="65", fiscal_year=2570)
    zone2 = Zone.objects.get(province_id="65", fiscal_year=2570, districts__code="6502")
    other_zone_member = User.objects.create_user(
        "zone2@example.org", first_name="คณะทำงาน", last_name="โซนสอง"
    )
    RoleAssignment.objects.create(user=other_zone_member, role=Role.ZONE_MEMBER, zone=zone2, fiscal_year=2570)
    ds.users = {
        "anon": None,
        "admin": get("admin"),
        "prov": get("province"),
        "d6501": get("district6501"),
        "d6502": get("district6502"),
        "zone": get("zone1"),
        "zone2": other_zone_member,
        "subc": get("subcommittee"),
        "chair": get("chair"),
        "natl": get("national"),
        "strgr": ds.cm.staff,
    }
    officer = ds.users["d6501"]
    # The district's exemplar of FY 2570, with a generated (done) PowerPoint.
    enrolment = (
        Enrolment.objects.filter(year=y70, unit__district_id="6501")
        .exclude(outcome=Outcome.WITHDRAWN)
        .order_by("pk")
        .first()
    )
    ex = nominate(y70, District.objects.get(code="6501"), enrolment, by=officer, reason="ผลงานเด่นด้านการออม")
    gf = request_pptx(ex, by=officer)
    _finish(gf, b"PK\x03\x04pptx", "exemplar.pptx")
    # A certificate PDF of a 6501 unit requested by the district.
    cert = (
        Certificate.objects.filter(unit__district_id="6501", revoked_at__isnull=True).order_by("pk").first()
    )
    _finish(request_certificate_pdf(cert, by=officer), PDF, "certificate.pdf")
    # Minutes of the district committee meeting, with the file attached (registry:record_file).
    save_record(
        District.objects.get(code="6501"),
        y70,
        {
            "kind": PrepKind.COMMITTEE_MEETING,
            "title": "ประชุมคณะกรรมการ มชช. อำเภอเมืองพิษณุโลก ครั้งที่ 2/2570",
            "held_on": dt.date(2026, 11, 10),
            "place": "ห้องประชุมที่ว่าการอำเภอ",
            "attendees_count": 15,
        },
        by=officer,
        file=SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
    )
    # The recording of the 6501 unit's presentation in the zone round (evaluation:entry_recording).
    entry = RoundEntry.objects.get(
        round__committee__zone__districts__code="6501",
        round__committee__year=y70,
        enrolment__unit__district_id="6501",
    )
    schedule_entry(
        entry,
        by=get("province"),
        order=entry.order,
        slot_start=entry.slot_start,
        slot_minutes=entry.slot_minutes,
        mode=entry.mode,
        recording=SimpleUploadedFile("presentation.pdf", PDF, content_type="application/pdf"),
    )
    # A generated file about 6501's FY 2570 applicant list (core's file views).
    sub = Submission.objects.get(year=y70, district_id="6501", kind="applicant_list")
    core_gf = GeneratedFile.objects.create(
        kind="submission_pdf",
        title="บัญชีรายชื่อผู้สมัคร อำเภอเมืองพิษณุโลก",
        owner=officer,
        content_type=ContentType.objects.get_for_model(Submission),
        object_id=str(sub.pk),
        keep=True,
        content_type_name="application/pdf",
    )
    _finish(core_gf, PDF, "applicant-list.pdf")
    ds.development = _development(officer, y70)
    return ds


def _development(officer, y70):
    """A 6501 unit of FY 2570 in self-development work: its self-assessment with an evidence file and a community
    indicator, a draft plan with a goal and an activity, and a supervision visit (the development app's pages)."""
    from apps.development.enums import PlanStatus
    from apps.development.models import Visit
    from apps.development.services.assessment import add_community_indicator, add_evidence, start_assessment
    from apps.development.services.plans import save_activity, save_goal, start_plan
    from apps.development.services.supervision import record_visit
    from apps.registry.enums import Outcome, Stage
    from apps.registry.models import Enrolment

    candidates = (
        Enrolment.objects.filter(
            year=y70,
            unit__district_id="6501",
            stage=Stage.REINFORCEMENT,
            outcome=Outcome.IN_PROGRESS,
            round_entries__isnull=True,
        )
        .exclude(plan__status=PlanStatus.SUBMITTED)
        .order_by("pk")
    )
    e = candidates.filter(plan__isnull=False).first() or candidates.first()
    if e is None:  # the demo keeps 6501's only not-started unit in recruitment: close it for this unit
        from apps.registry import stages

        e = (
            Enrolment.objects.filter(
                year=y70, unit__district_id="6501", stage=Stage.RECRUITMENT, outcome=Outcome.IN_PROGRESS
            )
            .order_by("pk")
            .first()
        )
        stages.enter_reinforcement(e, by=officer)
        e.refresh_from_db()
    sa = getattr(e, "self_assessment", None) or start_assessment(e, by=officer)
    indicator = sa.standard_set.components.first().indicators.first()
    evidence = add_evidence(
        sa,
        upload=SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf"),
        title="สมุดบัญชีกลุ่ม ปี 2569",
        indicator=indicator,
        by=officer,
    )
    ci = add_community_indicator(e, text="สมาชิกออมเงินทุกเดือนไม่น้อยกว่าร้อยละ 80", target="ร้อยละ 80", by=officer)
    plan = start_plan(e, by=officer)
    goal = plan.goals.order_by("pk").first() or save_goal(
        plan, text="บริหารจัดการกลุ่มอย่างเป็นระบบ", order=1, by=officer
    )
    activity = plan.activities.order_by("pk").first() or save_activity(
        plan,
        {
            "goal": goal,
            "what": "อบรมการทำบัญชี",
            "starts_on": dt.date(2026, 12, 1),
            "ends_on": dt.date(2026, 12, 31),
            "budget": 5000,
        },
        indicators=[indicator],
        by=officer,
    )
    visit = Visit.objects.filter(enrolment=e).order_by("pk").first() or record_visit(
        e,
        {
            "kind": "visit",
            "visited_on": dt.date(2026, 11, 12),
            "visitors": "พัฒนากรผู้ประสานงานตำบล",
            "learned": "บัญชีเป็นปัจจุบัน",
        },
        by=officer,
    )
    return types.SimpleNamespace(
        enrolment=e,
        assessment=sa,
        evidence=evidence,
        community=ci,
        plan=plan,
        goal=goal,
        activity=activity,
        visit=visit,
        indicator=indicator,
    )


def _finish(gf, data, name):
    from django.utils import timezone

    from apps.core.models import GeneratedFile

    gf.file.save(name, ContentFile(data), save=False)
    gf.status, gf.progress, gf.finished_at = GeneratedFile.Status.DONE, 100, timezone.now()
    gf.save()
    return gf
