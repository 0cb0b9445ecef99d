"""Read helpers of the development app that views, services and other apps call."""

import datetime as dt

from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.thaidates import fiscal_year_of
from apps.registry.enums import Outcome, PrepKind, Stage
from apps.registry.models import Enrolment, Photo, PreparationRecord, ProgrammeYear

from .enums import PlanStatus
from .models import Indicator, Plan, SelfAssessment, StandardSet


def standard_set_for(enrolment):
    """The standard set an enrolment is assessed against: the one its self-assessment already uses, else the
    newest published version for its year and target type. None when the province has none yet."""
    sa = SelfAssessment.objects.filter(enrolment=enrolment).select_related("standard_set").first()
    if sa is not None:
        return sa.standard_set
    return (
        StandardSet.objects.filter(
            year_id=enrolment.year_id, target_type=enrolment.unit.target_type, is_published=True
        )
        .order_by("-version")
        .first()
    )


def current_set(year, target_type):
    """Newest version (published or draft) of a year's set for a target type."""
    return StandardSet.objects.filter(year=year, target_type=target_type).order_by("-version").first()


def indicators_of(standard_set, active_only=True):
    qs = Indicator.objects.filter(component__standard_set=standard_set).select_related("component")
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("component__order", "component_id", "order", "pk")


def pick_year(user, wanted):
    """The programme year chosen by its pk (`wanted`, the ?year= value), else the current fiscal year of the
    user's province. Returns (year or None, the years the user may pick from)."""
    years = list(
        ProgrammeYear.objects.visible_to(user)
        .select_related("province")
        .order_by("-fiscal_year", "province_id")
    )
    if wanted and str(wanted).isdigit():
        for y in years:
            if y.pk == int(wanted):
                return y, years
    fy = fiscal_year_of(timezone.localdate())
    for y in years:
        if y.fiscal_year <= fy:
            return y, years
    return (years[0] if years else None), years


def newest_published_national(fiscal_year):
    """{target type: newest published NationalCatalogue} of a fiscal year."""
    from .models import NationalCatalogue

    out = {}
    for c in NationalCatalogue.objects.filter(fiscal_year=fiscal_year, published_at__isnull=False).order_by(
        "target_type", "-version"
    ):
        out.setdefault(c.target_type, c)
    return out


def adoption_table(fiscal_year, provinces):
    """Which version of the centre's catalogue each province uses in `fiscal_year`, per target type: one row per
    province (in `provinces` order) with one cell per target type — the set in force (newest published version
    of the province's set), the national version it was adopted from (None: the province's own set), its
    provincial indicators, and how many self-assessments were made against each national version. A fixed
    number of queries whatever the number of provinces."""
    from django.db.models import Count

    from apps.registry.enums import TargetType

    provinces = list(provinces)
    years = dict(
        ProgrammeYear.objects.filter(fiscal_year=fiscal_year, province_id__in=[p.code for p in provinces])
        .order_by()
        .values_list("province_id", "pk")
    )
    in_force = {}
    for s in (
        StandardSet.objects.filter(year_id__in=years.values(), is_published=True)
        .order_by("year_id", "target_type", "-version")
        .values("pk", "year_id", "target_type", "version", "national__version")
    ):
        in_force.setdefault((s["year_id"], s["target_type"]), s)
    provincial = dict(
        Indicator.objects.filter(
            component__standard_set_id__in=[s["pk"] for s in in_force.values()],
            national_source__isnull=True,
            is_active=True,
        )
        .order_by()
        .values("component__standard_set_id")
        .annotate(n=Count("pk"))
        .values_list("component__standard_set_id", "n")
    )
    used = {}
    for r in (
        SelfAssessment.objects.filter(standard_set__year_id__in=years.values())
        .order_by()
        .values("standard_set__year_id", "standard_set__target_type", "standard_set__national__version")
        .annotate(n=Count("pk"))
    ):
        key = (r["standard_set__year_id"], r["standard_set__target_type"])
        used.setdefault(key, []).append((r["standard_set__national__version"], r["n"]))
    newest = newest_published_national(fiscal_year)
    rows = []
    for p in provinces:
        year_id = years.get(p.code)
        cells = []
        for tt in TargetType:
            s = in_force.get((year_id, tt.value)) if year_id else None
            national = s["national__version"] if s else None
            cells.append(
                {
                    "target_type": tt,
                    "set": s,
                    "national_version": national,
                    "outdated": national is not None
                    and tt.value in newest
                    and newest[tt.value].version > national,
                    "provincial": provincial.get(s["pk"], 0) if s else 0,
                    "used": sorted(
                        used.get((year_id, tt.value), []), key=lambda u: (u[0] is None, u[0] or 0)
                    ),
                }
            )
        rows.append({"province": p, "year_id": year_id, "cells": cells})
    return rows, newest


# --- the field app's "today" screen (issue 22) -------------------------------------------------------------

FIELD_STALE_WEEKS = 4


def field_today(user, districts, year):
    """What a district officer needs in the field, in a constant number of queries: the units they mentor (all the
    district's units when they mentor none), which to visit next, and what each still lacks for its stage; and the
    stage 1 work of the district not yet recorded."""
    codes = [d.code for d in districts]
    base = Enrolment.objects.visible_to(user).filter(
        year=year, unit__district_id__in=codes, outcome=Outcome.IN_PROGRESS
    )
    mentored = base.filter(mentor=user)
    only_mine = mentored.exists()
    rows = list(
        (mentored if only_mine else base)
        .select_related("unit__district")
        .annotate(
            last_visit=Max("visits__visited_on"),
            has_plan=Exists(Plan.objects.filter(enrolment=OuterRef("pk"), status=PlanStatus.SUBMITTED)),
            has_assessment=Exists(
                SelfAssessment.objects.filter(enrolment=OuterRef("pk"), percent__isnull=False)
            ),
            has_photo=Exists(
                Photo.objects.filter(unit=OuterRef("unit"), year=OuterRef("year"), stage=OuterRef("stage"))
            ),
        )
        .order_by("unit__district_id", "stage", "unit__name")
    )
    today = timezone.localdate()
    stale = today - dt.timedelta(weeks=FIELD_STALE_WEEKS)
    for e in rows:
        e.missing = _field_missing(e, stale)
        e.visitable = e.stage in (Stage.REINFORCEMENT, Stage.SELF_DEVELOPMENT)
    visits_next = sorted(
        (e for e in rows if e.visitable),
        key=lambda e: (e.last_visit is not None, e.last_visit or today, e.unit.name),
    )[:5]
    done = set(
        PreparationRecord.objects.filter(year=year, district_id__in=codes).values_list("district_id", "kind")
    )
    stage1 = [
        {"district": d, "missing": [k.label for k in PrepKind if (d.code, k.value) not in done]}
        for d in districts
    ]
    return {
        "units": rows,
        "only_mine": only_mine,
        "visits_next": visits_next,
        "stage1": stage1,
        "today": today,
    }


def _field_missing(e, stale):
    missing = []
    if e.stage == Stage.RECRUITMENT:
        missing.append(_("รออำเภอปิดรับสมัครก่อนเริ่มขั้นเสริมสร้างการเรียนรู้"))
    if e.stage == Stage.REINFORCEMENT and not e.has_plan:
        missing.append(_("ยังไม่ได้ส่งแผนพัฒนาตนเอง"))
    if e.stage == Stage.SELF_DEVELOPMENT and not e.has_assessment:
        missing.append(_("ยังไม่ได้บันทึกผลการประเมินตนเอง"))
    if e.stage in (Stage.REINFORCEMENT, Stage.SELF_DEVELOPMENT):
        if e.last_visit is None:
            missing.append(_("ยังไม่เคยติดตามนิเทศ"))
        elif e.last_visit < stale:
            missing.append(_("ไม่ได้ติดตามนิเทศเกิน %(n)d สัปดาห์") % {"n": FIELD_STALE_WEEKS})
        if not e.has_photo:
            missing.append(_("ยังไม่มีภาพกิจกรรมของขั้นนี้"))
    return missing
