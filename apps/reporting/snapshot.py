"""What a district sends: the content of one report, built from live data and frozen at submission.

The snapshot is plain JSON (Thai labels included) so that later edits to units, photos or sub-types never
change a report that was already sent; PDFs and xlsx of a delivered report are built from it alone."""

import hashlib
import json

from django.utils import timezone

from apps.registry.enums import DeadlineKind, Outcome, Stage, TargetType
from apps.registry.models import Enrolment, Photo

SCHEMA = 1
# Reports whose content is the list of enrolled units; the photo report is about photos.
UNIT_KINDS = {DeadlineKind.APPLICANT_LIST, DeadlineKind.PLANS, DeadlineKind.RESULTS, DeadlineKind.EXEMPLAR}


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
    units = [_unit_row(e) for e in enrolments]
    types = []
    for tt in TargetType:
        rows = [u for u in units if u["type"] == tt.value]
        types.append({
            "type": tt.value, "label": str(tt.label), "units": rows,
            "new": sum(1 for u in rows if not u["carried_over"]),
            "carried": sum(1 for u in rows if u["carried_over"]),
            "total": len(rows),
        })
    photos = []
    if kind == DeadlineKind.PHOTOS:
        qs = (Photo.objects.filter(year=year, district=district).select_related("unit")
              .order_by("stage", "taken_on", "pk"))
        photos = [{
            "id": p.pk, "stage": p.stage, "stage_label": str(Stage(p.stage).label), "caption": p.caption,
            "unit": p.unit.name if p.unit_id else "", "taken_on": p.taken_on.isoformat() if p.taken_on else None,
            "image": p.image.name,
        } for p in qs]
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
    return not snapshot["units"]
