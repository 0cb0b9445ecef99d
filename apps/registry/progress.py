"""Targets against enrolments per district and type, new and carried-over kept apart (guideline 1.2, 1.4)."""

from django.db.models import Count, Q

from .enums import Outcome, Stage, TargetType
from .models import DistrictTarget, Enrolment


def progress(year, districts):
    """[{district, cells: [{type, target, confirmed, new, carried, enrolled, missing, met}], stages: {...}}]
    in a constant number of queries. Withdrawn enrolments do not count towards a target."""
    codes = [d.code for d in districts]
    targets = {
        (t.district_id, t.target_type): t
        for t in DistrictTarget.objects.filter(year=year, district__in=codes)
    }
    counts = {}
    rows = (
        Enrolment.objects.filter(year=year, unit__district__in=codes)
        .exclude(outcome=Outcome.WITHDRAWN)
        .values("unit__district_id", "unit__target_type")
        .annotate(
            new=Count("pk", filter=Q(carried_over=False)), carried=Count("pk", filter=Q(carried_over=True))
        )
    )
    for r in rows:
        counts[(r["unit__district_id"], r["unit__target_type"])] = r
    stages = {}
    for r in (
        Enrolment.objects.filter(year=year, unit__district__in=codes)
        .exclude(outcome=Outcome.WITHDRAWN)
        .values("unit__district_id", "stage")
        .annotate(n=Count("pk"))
    ):
        stages.setdefault(r["unit__district_id"], {})[r["stage"]] = r["n"]
    out = []
    for d in districts:
        cells = []
        for tt in TargetType:
            t = targets.get((d.code, tt.value))
            c = counts.get((d.code, tt.value), {})
            new, carried = c.get("new", 0), c.get("carried", 0)
            target = t.target if t else 1
            cells.append(
                {
                    "type": tt,
                    "target": target,
                    "confirmed": bool(t and t.confirmed),
                    "new": new,
                    "carried": carried,
                    "enrolled": new + carried,
                    "missing": new + carried == 0,
                    "met": new + carried >= target,
                }
            )
        st = stages.get(d.code, {})
        out.append(
            {
                "district": d,
                "cells": cells,
                "stages": [(s, st.get(s.value, 0)) for s in Stage],
                "missing": [c["type"] for c in cells if c["missing"]],
                "total": sum(c["enrolled"] for c in cells),
                "new": sum(c["new"] for c in cells),
                "carried": sum(c["carried"] for c in cells),
            }
        )
    return out
