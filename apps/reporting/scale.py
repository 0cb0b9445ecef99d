"""seed_scale step: every district's reports for every year (past years accepted, the current one mixed)."""

import datetime as dt

from django.utils import timezone

from apps.registry.enums import DeadlineKind

from .models import Submission, SubmissionState


def empty_snapshot(year, district, kind, due_on):
    """A frozen report with nothing in it, shaped as apps.reporting.snapshot builds one (the report page and its
    xlsx read every key): the seeded reports are sent without units."""
    from .snapshot import SCHEMA

    kind = DeadlineKind(kind)
    return {
        "schema": SCHEMA,
        "kind": kind.value,
        "kind_label": str(kind.label),
        "fiscal_year": year.fiscal_year,
        "province": {"code": year.province_id, "name": year.province.name_th},
        "district": {"code": district.code, "name": district.name_th, "label": district.label},
        "due_on": due_on.isoformat() if due_on else None,
        "built_at": timezone.now().isoformat(),
        "units": [],
        "types": [],
        "photos": [],
        "exemplar": None,
        "totals": {"units": 0, "new": 0, "carried": 0, "photos": 0},
    }


def seed(ctx):
    rng = ctx.rng
    rows = []
    for code, pys in ctx.programme_years.items():
        districts = list(ctx.provinces[[p.code for p in ctx.provinces].index(code)].districts.all())
        for py in pys:
            deadlines = {d.kind: d for d in py.deadlines.all()}
            current = py is pys[-1]
            for d in districts:
                for kind in DeadlineKind.values:
                    due = deadlines[kind].due_on
                    if current and kind != DeadlineKind.APPLICANT_LIST:
                        continue
                    state = (
                        SubmissionState.ACCEPTED
                        if not current
                        else rng.choice(
                            [
                                SubmissionState.SUBMITTED,
                                SubmissionState.ACCEPTED,
                                SubmissionState.RETURNED,
                                SubmissionState.DRAFT,
                            ]
                        )
                    )
                    late = rng.choice([0, 0, 0, 2, 5])
                    at = timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=late), dt.time(10)))
                    rows.append(
                        Submission(
                            year=py,
                            district_id=d.code,
                            kind=kind,
                            state=state,
                            deadline=deadlines[kind],
                            version=0 if state == SubmissionState.DRAFT else 1,
                            submitted_at=None if state == SubmissionState.DRAFT else at,
                            first_submitted_at=None if state == SubmissionState.DRAFT else at,
                            days_late=late if state != SubmissionState.DRAFT else 0,
                            return_reason="กรุณาแนบรายชื่อให้ครบทุกประเภท"
                            if state == SubmissionState.RETURNED
                            else "",
                            snapshot=empty_snapshot(py, d, kind, due),
                        )
                    )
    Submission.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
