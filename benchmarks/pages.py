# Pages of each capability for benchmarks/run.py: (role e-mail, label, (url name, kwargs), admin changelist).
def _subjects(year):
    """An enrolment of district 6501 with a self-assessment and a plan this year; the provincial committee's
    latest round with entries, its chair and the first unit the chair scored."""
    from apps.evaluation.models import CommitteeMember, Round, Scorecard
    from apps.registry.enums import EvaluationLevel
    from apps.registry.models import Enrolment

    out = {}
    e = (
        Enrolment.objects.filter(
            year=year, unit__district_id="6501", self_assessment__isnull=False, plan__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if e:
        out["enrolment"] = e.pk
    rnd = (
        Round.objects.filter(
            committee__year__province_id="65",
            committee__level=EvaluationLevel.COMMITTEE,
            entries__isnull=False,
        )
        .order_by("-starts_on")
        .first()
    )
    seat = (
        rnd
        and CommitteeMember.objects.filter(committee_id=rnd.committee_id, role="chair")
        .select_related("user")
        .first()
    )
    card = (
        seat and Scorecard.objects.filter(entry__round=rnd, member=seat.user).order_by("entry__order").first()
    )
    if card:
        out.update(round=rnd.pk, member=seat.user.email, entry=card.entry_id)
    return out


def pages(year, staff, officer):
    s = _subjects(year) if year else {}
    centre = "centre@scale.example.org"
    rows = [
        (officer, "units of the district", ("registry:units", {}), "/admin/registry/unit/"),
        (staff, "units of the province", ("registry:units", {}), "/admin/registry/unit/"),
        (staff, "targets across districts", ("registry:targets", {}), "/admin/registry/districttarget/"),
        (officer, "photos", ("registry:photos_index", {}), "/admin/registry/photo/"),
        (officer, "self-assessments and plans", ("development:units", {}), "/admin/registry/enrolment/"),
        (staff, "standards catalogue", ("development:standards", {}), "/admin/development/standardset/"),
        (officer, "supervision", ("development:supervision", {}), "/admin/development/visit/"),
        (officer, "reports to the province", ("reporting:my_reports", {}), "/admin/reporting/submission/"),
        (staff, "provincial review", ("reporting:review", {}), "/admin/reporting/submission/"),
        (staff, "dashboard", ("reporting:dashboard", {}), "/admin/registry/enrolment/"),
        (
            centre,
            "national page (every province)",
            ("reporting:national", {}),
            "/admin/registry/programmeyear/",
        ),
        (centre, "dashboard of Sukhothai (64)", ("reporting:dashboard", {"?": "province=64"}), None),
        (staff, "certificates", ("certification:certificates", {}), "/admin/certification/certificate/"),
        (staff, "honours", ("certification:honours", {}), "/admin/certification/honour/"),
        (staff, "committees", ("evaluation:committees", {}), "/admin/evaluation/committee/"),
        (staff, "rounds", ("evaluation:rounds", {}), "/admin/evaluation/round/"),
        (officer, "inbox", ("notifications:inbox", {}), "/admin/notifications/notification/"),
        (staff, "reminder deliveries", ("notifications:deliveries", {}), "/admin/notifications/delivery/"),
    ]
    if "enrolment" in s:
        rows += [
            (
                officer,
                "self-assessment of a unit",
                ("development:assessment", {"pk": s["enrolment"]}),
                "/admin/development/selfassessment/",
            ),
            (
                officer,
                "plan of a unit",
                ("development:plan", {"pk": s["enrolment"]}),
                "/admin/development/plan/",
            ),
        ]
    if "round" in s:
        rows += [
            (
                s["member"],
                "my scorecards (committee chair)",
                ("evaluation:my_scorecards", {}),
                "/admin/evaluation/scorecard/",
            ),
            (
                staff,
                "provincial round with its units",
                ("evaluation:round", {"pk": s["round"]}),
                "/admin/evaluation/roundentry/",
            ),
            (
                s["member"],
                "scorecard of a unit",
                ("evaluation:score", {"pk": s["entry"]}),
                "/admin/evaluation/score/",
            ),
            (
                s["member"],
                "decision on a unit",
                ("evaluation:entry_decide", {"pk": s["entry"]}),
                "/admin/evaluation/roundentry/",
            ),
        ]
    return rows
