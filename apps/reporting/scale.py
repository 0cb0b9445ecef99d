"""seed_scale step: every district's reports for every year (past years accepted, the current one mixed)."""

import datetime as dt

from django.utils import timezone

from apps.registry.enums import DeadlineKind

from .models import Submission, SubmissionState


def seed(ctx):
    rng = ctx.rng
    rows = []
    for code, pys in ctx.programme_years.items():
        districts = list(
            ctx.provinces[[p.code for p in ctx.provinces].index(code)].districts.values_list(
                "code", flat=True
            )
        )
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
                            district_id=d,
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
                            snapshot={"units": []},
                        )
                    )
    Submission.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
