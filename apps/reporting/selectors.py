"""Reads of submissions for screens, dashboards and other apps. Every query starts from visible_to or
a programme year the caller already found through visible_to; counts never grow with the number of districts."""

from collections import Counter

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.geo.models import District
from apps.registry.enums import DeadlineKind, Outcome, Stage, TargetType
from apps.registry.models import Deadline, DistrictTarget, Enrolment, ProgrammeYear
from apps.registry.selectors import report_photos

from .models import DELIVERED, Submission, SubmissionState


class Cell:
    """The status of one district × kind on the review screen."""

    ON_TIME, LATE, MISSING, RETURNED, ACCEPTED, NOT_DUE = (
        "on_time",
        "late",
        "missing",
        "returned",
        "accepted",
        "not_due",
    )
    LABELS = {
        ON_TIME: _("ส่งตรงเวลา รอตรวจ"),
        LATE: _("ส่งช้า รอตรวจ"),
        MISSING: _("ยังไม่ส่ง (เลยกำหนด)"),
        RETURNED: _("ส่งกลับให้แก้ไข"),
        ACCEPTED: _("จังหวัดรับแล้ว"),
        NOT_DUE: _("ยังไม่ถึงกำหนด"),
    }
    BADGE = {ON_TIME: "ok", LATE: "warn", MISSING: "bad", RETURNED: "bad", ACCEPTED: "ok", NOT_DUE: ""}


def cell_status(sub, deadline, today):
    if sub is not None:
        if sub.state == SubmissionState.ACCEPTED:
            return Cell.ACCEPTED
        if sub.state == SubmissionState.RETURNED:
            return Cell.RETURNED
        if sub.state == SubmissionState.SUBMITTED:
            return Cell.LATE if sub.days_late else Cell.ON_TIME
    if deadline is not None and deadline.due_on < today:
        return Cell.MISSING
    return Cell.NOT_DUE


def districts_missing(deadline):
    """Districts of the deadline's province that have not delivered (state not in DELIVERED) that report.
    For the reminders of the notifications app: computed from the state at send time."""
    delivered = Submission.objects.filter(
        year_id=deadline.year_id, kind=deadline.kind, state__in=DELIVERED
    ).values("district_id")
    return list(
        District.objects.filter(province_id=deadline.year.province_id)
        .exclude(code__in=delivered)
        .order_by("code")
    )


def review_grid(year, *, today=None):
    """Every district × kind of a year with its status and the counts per status. 3 queries."""
    today = today or timezone.localdate()
    districts = list(District.objects.filter(province_id=year.province_id).order_by("code"))
    deadlines = {d.kind: d for d in Deadline.objects.filter(year=year)}
    subs = {
        (s.district_id, s.kind): s
        for s in Submission.objects.filter(year=year).only(
            "id", "district_id", "kind", "state", "days_late", "submitted_at", "version", "year_id"
        )
    }
    kinds = list(DeadlineKind)
    rows, counts, by_kind = [], Counter(), {k.value: Counter() for k in kinds}
    for d in districts:
        cells = []
        for k in kinds:
            sub = subs.get((d.code, k.value))
            status = cell_status(sub, deadlines.get(k.value), today)
            counts[status] += 1
            by_kind[k.value][status] += 1
            cells.append(
                {
                    "kind": k,
                    "sub": sub,
                    "status": status,
                    "label": Cell.LABELS[status],
                    "badge": Cell.BADGE[status],
                }
            )
        rows.append({"district": d, "cells": cells})
    summary = [
        {"status": s, "label": Cell.LABELS[s], "badge": Cell.BADGE[s], "n": counts[s]}
        for s in (Cell.ON_TIME, Cell.LATE, Cell.MISSING, Cell.RETURNED, Cell.ACCEPTED, Cell.NOT_DUE)
    ]
    columns = [{"kind": k, "deadline": deadlines.get(k.value), "counts": by_kind[k.value]} for k in kinds]
    return {"rows": rows, "summary": summary, "columns": columns, "today": today}


def district_reports(year, district, *, today=None):
    """The five reports of one district for a year, with deadline and days left or late."""
    today = today or timezone.localdate()
    deadlines = {d.kind: d for d in Deadline.objects.filter(year=year)}
    subs = {s.kind: s for s in Submission.objects.filter(year=year, district=district)}
    out = []
    for k in DeadlineKind:
        d, s = deadlines.get(k.value), subs.get(k.value)
        status = cell_status(s, d, today)
        out.append(
            {
                "kind": k,
                "deadline": d,
                "sub": s,
                "status": status,
                "label": Cell.LABELS[status],
                "badge": Cell.BADGE[status],
                "days_left": (d.due_on - today).days if d else None,
            }
        )
    return out


# --- dashboards -------------------------------------------------------------------------------------


def stage_counts(year, enrolments, *, target_type=None):
    """{district_id: {stage: n}} of enrolled (not withdrawn) units, optionally of one target type."""
    qs = enrolments.filter(year=year).exclude(outcome=Outcome.WITHDRAWN)
    if target_type:
        qs = qs.filter(unit__target_type=target_type)
    out = {}
    for row in qs.values("unit__district_id", "stage").annotate(n=Count("pk")):
        out.setdefault(row["unit__district_id"], {})[row["stage"]] = row["n"]
    return out


def type_counts(year, enrolments):
    """{district_id: {target_type: n}}."""
    out = {}
    for row in (
        enrolments.filter(year=year)
        .exclude(outcome=Outcome.WITHDRAWN)
        .values("unit__district_id", "unit__target_type")
        .annotate(n=Count("pk"))
    ):
        out.setdefault(row["unit__district_id"], {})[row["unit__target_type"]] = row["n"]
    return out


def targets_met(year, districts, enrolments):
    """Per district: how many of the four target types reached their target (guideline 1.2: ≥1 per type)."""
    targets = {(t.district_id, t.target_type): t.target for t in DistrictTarget.objects.filter(year=year)}
    counts = type_counts(year, enrolments)
    rows = []
    for d in districts:
        met = 0
        cells = []
        for tt in TargetType:
            goal = targets.get((d.code, tt.value), 1)
            n = counts.get(d.code, {}).get(tt.value, 0)
            met += n >= goal
            cells.append({"type": tt, "n": n, "goal": goal, "met": n >= goal})
        rows.append({"district": d, "met": met, "cells": cells})
    return rows


def submission_timeliness(year, districts, submissions, *, today=None):
    """Per kind: on time / late / missing / not due (over the given districts)."""
    today = today or timezone.localdate()
    deadlines = {d.kind: d for d in Deadline.objects.filter(year=year)}
    subs = {(s.district_id, s.kind): s for s in submissions.filter(year=year)}
    rows = []
    for k in DeadlineKind:
        c = Counter()
        for d in districts:
            s = subs.get((d.code, k.value))
            if s is not None and s.first_submitted_at and s.state != SubmissionState.DRAFT:
                c["late" if s.days_late else "on_time"] += 1
            elif deadlines.get(k.value) and deadlines[k.value].due_on < today:
                c["missing"] += 1
            else:
                c["not_due"] += 1
        rows.append({"kind": k, **{key: c[key] for key in ("on_time", "late", "missing", "not_due")}})
    return rows


def province_years(province_id):
    """Across years of a province: enrolled, certified, carried over, reports on time / late. 2 queries."""
    years = list(
        ProgrammeYear.objects.filter(province_id=province_id)
        .order_by("fiscal_year")
        .annotate(
            n_enrolled=Count("enrolments", filter=~Q(enrolments__outcome=Outcome.WITHDRAWN), distinct=True),
            n_certified=Count("enrolments", filter=Q(enrolments__outcome=Outcome.CERTIFIED), distinct=True),
            n_carried=Count("enrolments", filter=Q(enrolments__carried_over=True), distinct=True),
        )
    )
    subs = Counter()
    for row in (
        Submission.objects.filter(year__province_id=province_id, first_submitted_at__isnull=False)
        .values("year_id")
        .annotate(on_time=Count("pk", filter=Q(days_late=0)), late=Count("pk", filter=Q(days_late__gt=0)))
    ):
        subs[(row["year_id"], "on_time")] = row["on_time"]
        subs[(row["year_id"], "late")] = row["late"]
    return [
        {
            "year": y,
            "enrolled": y.n_enrolled,
            "certified": y.n_certified,
            "carried": y.n_carried,
            "on_time": subs[(y.pk, "on_time")],
            "late": subs[(y.pk, "late")],
        }
        for y in years
    ]


def province_summary(year):
    """Context of the province annual summary PDF: every district's units, stages, results and reports."""
    districts = list(District.objects.filter(province_id=year.province_id).order_by("code"))
    enrolments = Enrolment.objects.all()
    types = type_counts(year, enrolments)
    stages = stage_counts(year, enrolments)
    carried = {}
    for row in (
        Enrolment.objects.filter(year=year, carried_over=True)
        .exclude(outcome=Outcome.WITHDRAWN)
        .values("unit__district_id")
        .annotate(n=Count("pk"))
    ):
        carried[row["unit__district_id"]] = row["n"]
    certified = {}
    for row in (
        Enrolment.objects.filter(year=year, outcome=Outcome.CERTIFIED)
        .values("unit__district_id")
        .annotate(n=Count("pk"))
    ):
        certified[row["unit__district_id"]] = row["n"]
    grid = review_grid(year)
    rows = []
    for d, grow in zip(districts, grid["rows"], strict=True):
        total = sum(types.get(d.code, {}).values())
        rows.append(
            {
                "district": d,
                "types": [types.get(d.code, {}).get(tt.value, 0) for tt in TargetType],
                "total": total,
                "carried": carried.get(d.code, 0),
                "new": total - carried.get(d.code, 0),
                "stages": [stages.get(d.code, {}).get(s.value, 0) for s in Stage],
                "certified": certified.get(d.code, 0),
                "reports": grow["cells"],
            }
        )
    totals = {
        "types": [sum(r["types"][i] for r in rows) for i in range(len(TargetType))],
        "total": sum(r["total"] for r in rows),
        "carried": sum(r["carried"] for r in rows),
        "new": sum(r["new"] for r in rows),
        "certified": sum(r["certified"] for r in rows),
        "stages": [sum(r["stages"][i] for r in rows) for i in range(len(Stage))],
    }
    return {
        "year": year,
        "province": year.province,
        "rows": rows,
        "totals": totals,
        "types": list(TargetType),
        "stages": list(Stage),
        "kinds": list(DeadlineKind),
        "grid_summary": grid["summary"],
        "columns": grid["columns"],
        "photos": _summary_photos(year, districts),
        "photos_per_stage": max(1, settings.REPORT_PHOTOS_PER_STAGE),
    }


def _summary_photos(year, districts):
    """The photos of every stage the districts chose (at most REPORT_PHOTOS_PER_STAGE of a stage per district),
    in the snapshot's plain shape so the summary prints them as a district's report does."""
    names = {d.code: d.name_th for d in districts}
    return [
        {
            "id": p.pk,
            "stage": p.stage,
            "stage_label": str(Stage(p.stage).label),
            "caption": p.caption,
            "district": names.get(p.district_id, p.district_id),
            "unit": p.unit.name if p.unit_id else "",
            "taken_on": p.taken_on.isoformat() if p.taken_on else None,
            "image": p.image.name,
            "thumb": p.thumbnail.name or "",
        }
        for p in report_photos(year, list(names), per_district=True)
    ]


def pick_year(user, province_id, wanted):
    """The year of a province picked by its pk (`wanted`, the ?year= value), else its current one."""
    years = list(
        ProgrammeYear.objects.visible_to(user)
        .filter(province_id=province_id)
        .select_related("province")
        .order_by("-fiscal_year")
    )
    if not years:
        return None, []
    chosen = next((y for y in years if str(y.pk) == wanted), None)
    if chosen is None:
        current = ProgrammeYear.objects.current_for(province_id)
        chosen = next((y for y in years if current and y.pk == current.pk), years[0])
    return chosen, years
