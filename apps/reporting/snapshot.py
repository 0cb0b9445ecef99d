"""What a district sends: the content of one report, built from live data and frozen at submission.

The snapshot is plain JSON (Thai labels included) so that later edits to units, photos or sub-types never
change a report that was already sent; PDFs and xlsx of a delivered report are built from it alone."""

import hashlib
import json

from django.utils import timezone

from apps.registry.enums import DeadlineKind, Outcome, Stage, TargetType
from apps.registry.models import Enrolment
from apps.registry.selectors import report_photos

SCHEMA = 2  # 2: each report kind carries what the guideline asks of it (plans, results, the exemplar)
# Reports whose content is the list of enrolled units; the photo report is about photos.
UNIT_KINDS = {DeadlineKind.APPLICANT_LIST, DeadlineKind.PLANS, DeadlineKind.RESULTS, DeadlineKind.EXEMPLAR}


def _number(value):
    return None if value is None else float(value)


def _development(enrolments, kind):
    """{enrolment_id: what the report kind adds to the unit's row}, in a constant number of queries.
    Plans (guideline 2.7.2, 5 Feb): the self-assessment and the plan — its goals, activities and budget.
    Results (2.7.2, 20 Jul): "ผลการเรียนรู้และพัฒนาตนเอง" (self-assessment, activities carried out, supervision
    visits) "และผลการประเมิน … ของอำเภอ" (the district committee's decision and mean score)."""
    from django.db.models import Count, Q, Sum

    from apps.development.enums import Progress
    from apps.development.models import Plan, SelfAssessment, Visit
    from apps.evaluation.models import RoundEntry
    from apps.registry.enums import EvaluationLevel

    ids = [e.pk for e in enrolments]
    out = {i: {} for i in ids}
    for sa in SelfAssessment.objects.filter(enrolment_id__in=ids).only("enrolment_id", "percent", "passed"):
        out[sa.enrolment_id]["assessment"] = {"percent": _number(sa.percent), "passed": sa.passed}
    plans = (
        Plan.objects.filter(enrolment_id__in=ids)
        .prefetch_related("goals")
        .annotate(
            n_activities=Count("activities", distinct=True),
            n_done=Count("activities", filter=Q(activities__progress=Progress.DONE), distinct=True),
            budget=Sum("activities__budget"),
        )
    )
    for plan in plans:
        out[plan.enrolment_id]["plan"] = {
            "status": plan.status,
            "status_label": str(plan.get_status_display()),
            "goals": [g.text for g in sorted(plan.goals.all(), key=lambda g: (g.order, g.pk))],
            "activities": plan.n_activities,
            "done": plan.n_done,
            "budget": _number(plan.budget) or 0.0,
        }
    if kind == DeadlineKind.RESULTS:
        for row in Visit.objects.filter(enrolment_id__in=ids).values("enrolment_id").annotate(n=Count("pk")):
            out[row["enrolment_id"]]["visits"] = row["n"]
        entries = (
            RoundEntry.objects.filter(enrolment_id__in=ids, round__committee__level=EvaluationLevel.DISTRICT)
            .exclude(decision="")
            .order_by("decided_at")
        )
        for entry in entries:  # the latest decision of the district committee
            out[entry.enrolment_id]["district"] = {
                "decision": entry.decision,
                "decision_label": str(entry.get_decision_display()),
                "mean": _number(entry.mean_percent),
            }
    return out


def _exemplar(year, district):
    from apps.evaluation.models import Exemplar

    ex = (
        Exemplar.objects.filter(year=year, district=district)
        .select_related("enrolment__unit", "generated")
        .first()
    )
    if ex is None:
        return None
    return {
        "unit": ex.enrolment.unit.name,
        "unit_id": ex.enrolment.unit_id,
        "reason": ex.reason,
        "presentation": bool(ex.presentation) or bool(ex.generated_id and ex.generated.status == "done"),
    }


def _unit_row(e):
    u = e.unit
    place = []
    if u.village_id:
        place.append(f"หมู่ที่ {u.village.moo} บ้าน{u.village.name}")
    if u.subdistrict_id:
        place.append(f"ต.{u.subdistrict.name_th}")
    contact = u.coordinator or (f"{u.position}" if u.target_type == TargetType.LEADER else "")
    return {
        "unit_id": u.pk,
        "name": u.name,
        "type": u.target_type,
        "sub_type": u.sub_type,
        "place": " ".join(place),
        "contact": contact,
        "members": u.members_count or u.households or None,
        "stage": e.stage,
        "stage_label": str(Stage(e.stage).label),
        "outcome": e.outcome,
        "outcome_label": str(Outcome(e.outcome).label),
        "carried_over": e.carried_over,
    }


def build_snapshot(year, district, kind):
    """The report as it stands now: header, units per target type (new vs carried over), photos."""
    kind = DeadlineKind(kind)
    deadline = next((d for d in year.deadlines.all() if d.kind == kind), None)
    enrolments = (
        Enrolment.objects.filter(year=year, unit__district=district)
        .exclude(outcome=Outcome.WITHDRAWN)
        .select_related("unit__subdistrict", "unit__village")
        .order_by("unit__target_type", "unit__name")
    )
    enrolments = list(enrolments)
    extra = _development(enrolments, kind) if kind in (DeadlineKind.PLANS, DeadlineKind.RESULTS) else {}
    units = [{**_unit_row(e), **extra.get(e.pk, {})} for e in enrolments]
    types = []
    for tt in TargetType:
        rows = [u for u in units if u["type"] == tt.value]
        types.append(
            {
                "type": tt.value,
                "label": str(tt.label),
                "units": rows,
                "new": sum(1 for u in rows if not u["carried_over"]),
                "carried": sum(1 for u in rows if u["carried_over"]),
                "total": len(rows),
            }
        )
    photos = []
    if kind == DeadlineKind.PHOTOS:
        # Guideline 2.7.3: the photos of every stage; of each stage of each unit those the district chose.
        photos = [
            {
                "id": p.pk,
                "stage": p.stage,
                "stage_label": str(Stage(p.stage).label),
                "caption": p.caption,
                "unit": p.unit.name if p.unit_id else "",
                "unit_id": p.unit_id,
                "taken_on": p.taken_on.isoformat() if p.taken_on else None,
                "image": p.image.name,
                "thumb": p.thumbnail.name or "",
            }
            for p in report_photos(year, [district.code])
        ]
    return {
        "schema": SCHEMA,
        "kind": kind.value,
        "kind_label": str(kind.label),
        "fiscal_year": year.fiscal_year,
        "province": {"code": year.province_id, "name": year.province.name_th},
        "district": {"code": district.code, "name": district.name_th, "label": district.label},
        "due_on": deadline.due_on.isoformat() if deadline else None,
        "built_at": timezone.now().isoformat(),
        "units": units,
        "types": types,
        "photos": photos,
        "exemplar": _exemplar(year, district) if kind == DeadlineKind.EXEMPLAR else None,
        "totals": {
            "units": len(units),
            "new": sum(t["new"] for t in types),
            "carried": sum(t["carried"] for t in types),
            "photos": len(photos),
        },
    }


def content_hash(snapshot, note=""):
    """Hash of what the province reads (not when it was built): equal hashes mean nothing changed."""
    body = {k: v for k, v in snapshot.items() if k != "built_at"}
    raw = json.dumps({"content": body, "note": (note or "").strip()}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def is_empty(snapshot):
    if snapshot["kind"] == DeadlineKind.PHOTOS:
        return not snapshot["photos"]
    if snapshot["kind"] == DeadlineKind.EXEMPLAR:
        return not snapshot.get("exemplar")
    return not snapshot["units"]
