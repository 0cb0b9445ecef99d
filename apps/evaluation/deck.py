"""What the exemplar's deck says (guideline 2.8): the facts, the district's story, the plan's goals with what was
achieved, photos of each stage, the scores by standard, lessons and partners, and the district office's contact.
Gathered here once, drawn by slides.py; every free text passes the privacy checker of apps.core.privacy, because
the deck is shown to a committee with guests and often ends on a public page (issue 19)."""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.utils.translation import gettext as _

from apps.core import contacts
from apps.core.privacy import is_publishable
from apps.core.thaidates import format_date
from apps.development.models import Answer, Plan, SelfAssessment
from apps.registry.models import Photo

from . import scoring
from .enums import ScorecardStatus
from .models import RoundEntry, Score, Scorecard

PHOTOS_PER_STAGE = 2


@dataclass
class GoalRow:
    goal: str
    activities: list = field(default_factory=list)  # [(what, progress label, note)]


@dataclass
class StageShots:
    stage: str
    photos: list  # [Photo]: the first and the last taken of the stage


@dataclass
class Deck:
    title: str
    district: str
    subtitle: list
    facts: list
    story: list
    goals: list
    stages: list
    chart_categories: list
    chart_series: list  # [(name, [percent | None per category])]
    results: list
    lessons: list
    partners: list
    contact: list
    withheld: int = 0


def _lines(text):
    return [line.strip(" •-\t") for line in (text or "").splitlines() if line.strip(" •-\t")]


class _Gate:
    """Drops a text that holds personal data (and counts it) instead of putting it on a slide."""

    def __init__(self, allowed):
        self.allowed, self.withheld = allowed, 0

    def __call__(self, text):
        if not text or is_publishable(text, self.allowed):
            return text
        self.withheld += 1
        return ""

    def lines(self, text):
        return [line for line in (self(x) for x in _lines(text)) if line]


def _goals(enrolment, gate):
    plan = Plan.objects.filter(enrolment=enrolment).first()
    if plan is None:
        return []
    rows = []
    for goal in plan.goals.prefetch_related("activities").order_by("order", "pk"):
        row = GoalRow(gate(goal.text))
        if not row.goal:
            continue
        for a in goal.activities.all():
            what = gate(a.what)
            if what:
                row.activities.append((what, a.get_progress_display(), gate(a.progress_note)))
        rows.append(row)
    return rows


def _partners(exemplar, gate):
    names = gate.lines(exemplar.partners)
    plan_partners = (
        Plan.objects.filter(enrolment=exemplar.enrolment)
        .values_list("activities__partner", flat=True)
        .exclude(activities__partner="")
        .exclude(activities__partner__isnull=True)
    )
    for p in plan_partners:
        for name in (x.strip() for x in p.replace("،", ",").split(",")):
            name = gate(name)
            if name and name not in names:
                names.append(name)
    return names


def _stages(unit, year, gate):
    photos = (
        Photo.objects.filter(unit=unit, year=year)
        .exclude(image="")
        .order_by("stage", "taken_on", "pk")
        .only("id", "stage", "image", "caption", "taken_on", "thumbnail", "thumb_width", "thumb_height")
    )
    out = []
    for _stage, group in groupby(photos, key=lambda p: p.stage):
        group = list(group)
        chosen = [group[0], group[-1]] if len(group) > 1 else group
        for p in chosen:
            p.caption = gate(p.caption)
        out.append(StageShots(chosen[0].get_stage_display(), chosen[:PHOTOS_PER_STAGE]))
    return out


def _by_component(indicators, means):
    """[(component name, percent)] in the catalogue's order, from {indicator_id: mean score}."""
    out = []
    for _key, group in groupby(indicators, key=lambda i: (i.component.order, i.component_id)):
        group = list(group)
        answered = {i.pk: means[i.pk] for i in group if i.pk in means}
        out.append((group[0].component.name, scoring.percent(group, answered) if answered else None))
    return out


def scores_by_standard(enrolment):
    """The chart's data: categories (the standards, ด้าน) and the series — the unit's self-assessment and the
    mean of the committee's submitted scorecards of the highest round it was scored in — as percentages."""
    entry = (
        RoundEntry.objects.filter(enrolment=enrolment, scorecards__status=ScorecardStatus.SUBMITTED)
        .select_related("round__committee")
        .order_by("-round__starts_on", "-pk")
        .first()
    )
    series, categories = [], []
    sa = SelfAssessment.objects.filter(enrolment=enrolment).select_related("standard_set").first()
    committee_rows = None
    if entry is not None:
        cards = list(Scorecard.objects.filter(entry=entry, status=ScorecardStatus.SUBMITTED))
        set_id = scoring.main_set_id(cards)
        indicators = scoring.active_indicators([set_id])[set_id]
        means = scoring.indicator_means(
            Score.objects.filter(scorecard__in=[c for c in cards if c.standard_set_id == set_id]).values_list(
                "indicator_id", "value"
            )
        )
        committee_rows = _by_component(indicators, means)
        categories = [name for name, _p in committee_rows]
    if sa is not None:
        indicators = scoring.active_indicators([sa.standard_set_id])[sa.standard_set_id]
        answers = {
            i: Decimal(s)
            for i, s in Answer.objects.filter(assessment=sa, score__isnull=False).values_list(
                "indicator_id", "score"
            )
        }
        sa_rows = dict(_by_component(indicators, answers))
        if not categories:
            categories = list(sa_rows)
        series.append((_("ประเมินตนเอง"), [sa_rows.get(c) for c in categories]))
    if committee_rows is not None:
        label = _("%(level)s (เฉลี่ย)") % {"level": entry.round.committee.get_level_display()}
        series.append((label, [p for _n, p in committee_rows]))
    return categories, series


def _results(enrolment):
    out = []
    for e in (
        RoundEntry.objects.filter(enrolment=enrolment)
        .select_related("round__committee")
        .order_by("round__starts_on", "pk")
    ):
        score = (
            _("คะแนนเฉลี่ย %(p)s%%") % {"p": e.mean_percent} if e.mean_percent is not None else _("ยังไม่มีคะแนน")
        )
        verdict = e.get_decision_display() if e.decision else _("รอผล")
        out.append(f"{e.round.committee.get_level_display()}: {verdict} ({score})")
    return out


def gather(exemplar):
    enrolment = exemplar.enrolment
    unit = enrolment.unit
    gate = _Gate(unit.public_names)
    facts = [_("ประเภท: %(t)s") % {"t": unit.get_target_type_display()}]
    if unit.sub_type:
        facts[0] += f" ({unit.sub_type})"
    place = " ".join(
        x
        for x in (
            str(unit.village) if unit.village_id else "",
            _("ต.%(s)s") % {"s": unit.subdistrict.name_th} if unit.subdistrict_id else "",
            exemplar.district.label,
        )
        if x
    )
    facts.append(_("พื้นที่: %(p)s") % {"p": place})
    if unit.founded_on:
        facts.append(_("ก่อตั้งเมื่อ: %(d)s") % {"d": format_date(unit.founded_on)})
    if unit.members_count:
        facts.append(_("สมาชิก: %(n)s คน") % {"n": unit.members_count})
    if unit.households:
        facts.append(_("ครัวเรือน: %(n)s ครัวเรือน") % {"n": unit.households})
    story = gate.lines(exemplar.story) or gate.lines(unit.description)
    categories, series = scores_by_standard(enrolment)
    deck = Deck(
        title=unit.name,
        district=_("ต้นแบบ%(d)s") % {"d": exemplar.district.label},
        subtitle=[
            unit.get_target_type_display(),
            _("ระบบมาตรฐานงานชุมชน (มชช.) ปีงบประมาณ %(fy)s") % {"fy": exemplar.year.fiscal_year},
        ],
        facts=facts,
        story=story,
        goals=_goals(enrolment, gate),
        stages=_stages(unit, exemplar.year, gate),
        chart_categories=categories,
        chart_series=series,
        results=_results(enrolment) + ([gate(exemplar.reason)] if gate(exemplar.reason) else []),
        lessons=gate.lines(exemplar.lessons),
        partners=_partners(exemplar, gate),
        contact=contacts.office_lines(exemplar.district),
    )
    deck.withheld = gate.withheld
    return deck
