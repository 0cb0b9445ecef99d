"""The deadline reminder source: districts that have not delivered a report (guideline 2.7), reminded at the
offsets of the year's rule, with the provincial desk in copy once the report is overdue."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment
from apps.core.reminders import Reminder
from apps.core.thaidates import format_date
from apps.geo.models import District
from apps.registry.enums import DeadlineKind
from apps.registry.models import Deadline

from .enums import DEADLINE_REMINDER
from .models import ReminderRule
from .templating import render

SOURCE = "deadlines"

DEFAULT_TEXT = {
    "subject_before": "แจ้งเตือน: {report} ครบกำหนดส่ง {deadline}",
    "body_before": (
        "เรียน พัฒนาการ{district}\n\n"
        "รายงาน “{report}” ปีงบประมาณ {year} ครบกำหนดส่งสำนักงานพัฒนาชุมชนจังหวัดในวันที่ {deadline} "
        "(อีก {days} วัน)\n"
        "สิ่งที่ยังขาด: {missing}\n\n"
        "ดำเนินการได้ที่ {link}\n\n"
        "ขอบคุณค่ะ\nเจ้าหน้าที่ มชช. สำนักงานพัฒนาชุมชนจังหวัด"
    ),
    "subject_after": "เลยกำหนดส่ง: {report} (กำหนด {deadline})",
    "body_after": (
        "เรียน พัฒนาการ{district}\n\n"
        "รายงาน “{report}” ปีงบประมาณ {year} เลยกำหนดส่งจังหวัด ({deadline}) มาแล้ว {days} วัน\n"
        "สิ่งที่ยังขาด: {missing}\n\n"
        "กรุณาส่งโดยเร็วที่ {link}\n\n"
        "ขอบคุณค่ะ\nเจ้าหน้าที่ มชช. สำนักงานพัฒนาชุมชนจังหวัด"
    ),
}


def ensure_default_rules(year, copy_from=None):
    """One rule per deadline kind (14, 7, 1 days before; 1 and 7 after), or a copy of `copy_from`'s rules.
    Idempotent: existing rules are left as staff edited them. Returns the number created."""
    source = {r.kind: r for r in ReminderRule.objects.filter(year=copy_from)} if copy_from else {}
    have = set(ReminderRule.objects.filter(year=year).values_list("kind", flat=True))
    new = []
    for kind in DeadlineKind.values:
        if kind in have:
            continue
        src = source.get(kind)
        if src:
            fields = {
                f: getattr(src, f)
                for f in (
                    "is_active",
                    "days_before",
                    "days_after",
                    "copy_province_when_overdue",
                    *DEFAULT_TEXT,
                )
            }
        else:
            fields = dict(DEFAULT_TEXT)
        new.append(ReminderRule(year=year, kind=kind, **fields))
    ReminderRule.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def on_year_opened(sender, year, copy_from=None, **kwargs):
    ensure_default_rules(year, copy_from=copy_from)


def _link(year, kind, district_code=None):
    """The district's report page of that kind; for the provincial copy, the review grid of the year."""
    if district_code is None:
        return settings.SITE_URL + reverse("reporting:review") + f"?year={year.pk}"
    return settings.SITE_URL + reverse("reporting:report", args=[year.pk, district_code, kind])


def _missing_text(sub):
    from apps.reporting.models import SubmissionState

    if sub is None:
        return _("ยังไม่ได้จัดทำและส่งรายงานในระบบ")
    if sub.state == SubmissionState.RETURNED:
        return _("รายงานถูกส่งกลับให้แก้ไข: %(reason)s") % {"reason": sub.return_reason or "-"}
    return _("รายงานยังเป็นร่าง ยังไม่ได้กดส่งจังหวัด")


def _due_rules(today):
    """(rule, deadline, offset) for every active rule with an offset falling on `today` — two queries."""
    rules = list(
        ReminderRule.objects.filter(is_active=True, year__is_open=True).select_related("year__province")
    )
    deadlines = {
        (d.year_id, d.kind): d for d in Deadline.objects.filter(year_id__in={r.year_id for r in rules})
    }
    out = []
    for rule in rules:
        d = deadlines.get((rule.year_id, rule.kind))
        if d is None:
            continue
        delta = (today - d.due_on).days
        if (delta < 0 and -delta in rule.days_before) or (delta > 0 and delta in rule.days_after):
            out.append((rule, d, delta))
    return out


def deadline_reminders(today):
    """Districts that have not delivered the report of a deadline whose offset falls today. Six queries in all
    (rules, deadlines, submissions, districts, officers, provincial staff) whatever the number of provinces,
    rules or recipients."""
    from apps.reporting.models import DELIVERED, Submission

    due = _due_rules(today)
    if not due:
        return
    year_ids = {rule.year_id for rule, _d, _o in due}
    province_ids = {rule.year.province_id for rule, _d, _o in due}
    subs = {
        (s.year_id, s.kind, s.district_id): s
        for s in Submission.objects.filter(year_id__in=year_ids, kind__in={r.kind for r, _d, _o in due})
    }
    districts = defaultdict(list)
    for d in District.objects.filter(province_id__in=province_ids).order_by("code"):
        districts[d.province_id].append(d)
    officers = defaultdict(list)  # district code -> [(fiscal_year or None, user)]
    for ra in RoleAssignment.objects.filter(
        role=Role.DISTRICT_OFFICER, district__province_id__in=province_ids, user__is_active=True
    ).select_related("user"):
        officers[ra.district_id].append((ra.fiscal_year, ra.user))
    staff = defaultdict(dict)  # province code -> {user pk: user}
    if any(offset > 0 and rule.copy_province_when_overdue for rule, _d, offset in due):
        for ra in RoleAssignment.objects.filter(
            role=Role.PROVINCE_STAFF, province_id__in=province_ids, user__is_active=True
        ).select_related("user"):
            staff[ra.province_id][ra.user.pk] = ra.user

    for rule, deadline, offset in due:
        yield from _rule_reminders(rule, deadline, offset, subs, districts, officers, staff, DELIVERED)


def _rule_reminders(rule, deadline, offset, subs, districts, officers, staff, delivered):
    year = rule.year
    pending = []
    for d in districts[year.province_id]:
        sub = subs.get((year.pk, rule.kind, d.code))
        if not (sub and sub.state in delivered):
            pending.append((d, sub))
    if not pending:
        return
    overdue = offset > 0
    subject_t = rule.subject_after if overdue else rule.subject_before
    body_t = rule.body_after if overdue else rule.body_before
    base = {
        "deadline": format_date(deadline.due_on),
        "report": deadline.get_kind_display(),
        "days": abs(offset),
        "year": year.fiscal_year,
    }
    for district, sub in pending:
        link = _link(year, deadline.kind, district.code)
        ctx = {**base, "district": district.label, "missing": _missing_text(sub), "link": link}
        seen = set()
        for fy, user in officers.get(district.code, []):
            if (fy is not None and fy != year.fiscal_year) or user.pk in seen:
                continue
            seen.add(user.pk)
            yield Reminder(
                rule_key=rule.key,
                subject_key=f"deadline:{deadline.pk}:district:{district.code}",
                due_on=deadline.due_on,
                offset_days=offset,
                recipient=user,
                title=render(subject_t, ctx)[:255],
                body=render(body_t, ctx),
                url=link,
                kind=DEADLINE_REMINDER,
                province_id=year.province_id,
                context=ctx,
            )
    if overdue and rule.copy_province_when_overdue:
        names = ", ".join(d.label for d, _s in pending)
        link = _link(year, deadline.kind)
        ctx = {
            **base,
            "district": _("ที่ยังไม่ส่ง %(n)d อำเภอ") % {"n": len(pending)},
            "missing": names,
            "link": link,
        }
        for pk in sorted(staff.get(year.province_id, {})):
            yield Reminder(
                rule_key=rule.key,
                subject_key=f"deadline:{deadline.pk}:province",
                due_on=deadline.due_on,
                offset_days=offset,
                recipient=staff[year.province_id][pk],
                title=(_("สำเนาถึงจังหวัด: ") + render(subject_t, ctx))[:255],
                body=_("(สำเนาถึงเจ้าหน้าที่จังหวัด: อำเภอที่ยังไม่ส่ง — %(names)s)") % {"names": names}
                + "\n\n"
                + render(body_t, ctx),
                url=link,
                kind=DEADLINE_REMINDER,
                province_id=year.province_id,
                context=ctx,
            )


def still_due(delivery):
    """Just before sending: the deadline still falls on the delivery's date and the district (or, for the
    provincial copy, at least one district) has still not delivered."""
    from apps.reporting.models import DELIVERED, Submission

    parts = delivery.subject_key.split(":")
    try:
        deadline = Deadline.objects.select_related("year").get(pk=int(parts[1]))
    except (IndexError, ValueError, Deadline.DoesNotExist):
        return False
    if deadline.due_on != delivery.due_on:
        return False  # moved: the new date has its own deliveries
    delivered = Submission.objects.filter(year=deadline.year, kind=deadline.kind, state__in=DELIVERED)
    if parts[2] == "district":
        return not delivered.filter(district_id=parts[3]).exists()
    n_districts = District.objects.filter(province_id=deadline.year.province_id).count()
    return delivered.count() < n_districts
