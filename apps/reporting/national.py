"""The centre's view of one fiscal year: every province's progress through the five stages, targets vs enrolments
vs passers by type, reports on time, certified units and honours. A fixed number of grouped queries whatever
the number of provinces (`national_overview`); the page, the PDF and the xlsx read the same rows."""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.certification.models import Certificate, Honour
from apps.core.thaidates import fiscal_year_of
from apps.geo.models import District
from apps.registry.enums import Outcome, Stage, TargetType
from apps.registry.models import Deadline, DistrictTarget, Enrolment, ProgrammeYear

from .models import Submission, SubmissionState

# The columns a person may sort by and colour the map with: key → label.
METRICS = {
    "enrolled": _("หน่วยนับที่เข้าสู่ระบบ"),
    "target": _("เป้าหมาย"),
    "passed": _("ผ่านการประเมิน"),
    "certified": _("ใบรับรองที่ออก"),
    "honours": _("การเชิดชูเกียรติ"),
    "on_time_pct": _("รายงานส่งตรงเวลา (%)"),
    "stage5_pct": _("ถึงขั้นที่ 5 (%)"),
}
SORTS = {"province": _("จังหวัด"), **METRICS}


def national_years(provinces):
    """The fiscal years any of these provinces has opened, newest first."""
    return sorted(
        set(
            ProgrammeYear.objects.filter(province__in=provinces)
            .order_by()
            .values_list("fiscal_year", flat=True)
            .distinct()
        ),
        reverse=True,
    )


def default_year(years, today=None):
    fy = fiscal_year_of(today or timezone.localdate())
    return next((y for y in years if y <= fy), years[0] if years else fy)


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _by_province(prov, pairs):
    return {prov[year_id]: n for year_id, n in pairs}


def national_overview(fiscal_year, provinces, *, today=None):
    """One row per province (in `provinces` order) for the fiscal year, and the country's totals.
    A province that has not opened the year has `year_id` None and no figures (None, not 0)."""
    today = today or timezone.localdate()
    provinces = list(provinces)
    codes = [p.code for p in provinces]
    years = dict(
        ProgrammeYear.objects.filter(fiscal_year=fiscal_year, province_id__in=codes).values_list(
            "province_id", "pk"
        )
    )
    year_ids = list(years.values())
    # Grouped by year_id (no join to the years table), read back as the province of that year.
    prov = {pk: code for code, pk in years.items()}
    stages, enrolled_by_type, passed_by_type = defaultdict(int), defaultdict(int), defaultdict(int)
    for r in (
        Enrolment.objects.filter(year_id__in=year_ids)
        .exclude(outcome=Outcome.WITHDRAWN)
        .order_by()
        .values("year_id", "unit__target_type", "stage")
        .annotate(n=Count("pk"), passed=Count("pk", filter=Q(outcome=Outcome.CERTIFIED)))
    ):
        p, t = prov[r["year_id"]], r["unit__target_type"]
        stages[(p, r["stage"])] += r["n"]
        enrolled_by_type[(p, t)] += r["n"]
        passed_by_type[(p, t)] += r["passed"]
    n_districts = dict(
        District.objects.filter(province_id__in=[p for p in years])
        .order_by()
        .values_list("province_id")
        .annotate(n=Count("pk"))
    )
    targets = {}
    for r in (
        DistrictTarget.objects.filter(year_id__in=year_ids)
        .order_by()
        .values("year_id", "target_type")
        .annotate(total=Sum("target"), rows=Count("pk"))
    ):
        targets[(prov[r["year_id"]], r["target_type"])] = (r["total"] or 0, r["rows"])
    reports = {}
    for r in (
        Submission.objects.filter(year_id__in=year_ids, first_submitted_at__isnull=False)
        .exclude(state=SubmissionState.DRAFT)
        .order_by()
        .values("year_id")
        .annotate(on_time=Count("pk", filter=Q(days_late=0)), late=Count("pk", filter=Q(days_late__gt=0)))
    ):
        reports[prov[r["year_id"]]] = (r["on_time"], r["late"])
    due = _by_province(
        prov,
        Deadline.objects.filter(year_id__in=year_ids, due_on__lt=today)
        .order_by()
        .values_list("year_id")
        .annotate(n=Count("pk")),
    )
    certified = _by_province(
        prov,
        Certificate.objects.filter(year_id__in=year_ids, revoked_at__isnull=True)
        .order_by()
        .values_list("year_id")
        .annotate(n=Count("pk")),
    )
    honours = _by_province(
        prov,
        Honour.objects.filter(year_id__in=year_ids).order_by().values_list("year_id").annotate(n=Count("pk")),
    )

    rows = []
    for p in provinces:
        code = p.code
        if code not in years:
            rows.append({"province": p, "year_id": None, **dict.fromkeys(METRICS)})
            continue
        by_type = []
        for tt in TargetType:
            total, with_row = targets.get((code, tt.value), (0, 0))
            # A district without a target row has the guideline's minimum: one unit per type (1.2).
            goal = total + max(0, n_districts.get(code, 0) - with_row)
            by_type.append(
                {
                    "type": tt,
                    "target": goal,
                    "enrolled": enrolled_by_type[(code, tt.value)],
                    "passed": passed_by_type[(code, tt.value)],
                }
            )
        stage_counts = [stages[(code, s.value)] for s in Stage]
        enrolled = sum(stage_counts)
        on_time, late = reports.get(code, (0, 0))
        expected = due.get(code, 0) * n_districts.get(code, 0)
        rows.append(
            {
                "province": p,
                "year_id": years[code],
                "districts": n_districts.get(code, 0),
                "stages": stage_counts,
                "stage_shares": [_pct(n, enrolled) or 0 for n in stage_counts],
                "by_type": by_type,
                "enrolled": enrolled,
                "target": sum(c["target"] for c in by_type),
                "passed": sum(c["passed"] for c in by_type),
                "certified": certified.get(code, 0),
                "honours": honours.get(code, 0),
                "on_time": on_time,
                "late": late,
                "due": expected,
                "on_time_pct": _pct(on_time, expected),
                "stage5_pct": _pct(stage_counts[-1], enrolled),
            }
        )
    active = [r for r in rows if r["year_id"]]
    totals = {
        "provinces": len(active),
        "stages": [sum(r["stages"][i] for r in active) for i in range(len(Stage))],
        "by_type": [
            {
                "type": tt,
                "target": sum(r["by_type"][i]["target"] for r in active),
                "enrolled": sum(r["by_type"][i]["enrolled"] for r in active),
                "passed": sum(r["by_type"][i]["passed"] for r in active),
            }
            for i, tt in enumerate(TargetType)
        ],
        **{k: sum(r[k] for r in active) for k in ("enrolled", "target", "passed", "certified", "honours")},
        **{k: sum(r[k] for r in active) for k in ("on_time", "late", "due")},
    }
    totals["on_time_pct"] = _pct(totals["on_time"], totals["due"])
    totals["stage5_pct"] = _pct(totals["stages"][-1], totals["enrolled"])
    return {"fiscal_year": fiscal_year, "rows": rows, "totals": totals, "stages": list(Stage)}


def sort_rows(rows, key):
    """Rows sorted by a SORTS key ("-" first: descending); provinces without the year always last."""
    desc = key.startswith("-")
    name = key.lstrip("-")
    if name == "province":
        return sorted(rows, key=lambda r: r["province"].name_th, reverse=desc)
    with_value = [r for r in rows if r.get(name) is not None]
    without = [r for r in rows if r.get(name) is None]
    with_value.sort(key=lambda r: (r[name], r["province"].name_th), reverse=desc)
    return with_value + sorted(without, key=lambda r: r["province"].name_th)
