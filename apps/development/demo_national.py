"""Demo: the centre's standards catalogue (issue 20 item 1). The centre (centre@example.org) has published the
(labelled demo) catalogue of every target type for FY 2569 and 2570 and is preparing version 2 of the group
catalogue for 2570 (a draft); Phitsanulok adopted the 2570 versions — the community set with two indicators of
its own (ตัวชี้วัดของจังหวัด) — while its self-assessments made before stay on its own version 1 sets; Sukhothai
adopted the 2569 versions. Phitsanulok's 2569 sets stay its own (made before the centre's catalogue).

Runs after the Sukhothai step (apps/workspace/management/commands/seed_demo.py); idempotent."""

from decimal import Decimal

from apps.registry.enums import TargetType
from apps.registry.models import ProgrammeYear

from .demo import SOURCE
from .demo_catalogue import CATALOGUE, TITLES
from .models import Indicator, NationalCatalogue, StandardSet
from .services import catalogue as cat_services
from .services import national

YEARS = (2569, 2570)
ADOPTIONS = {("65", 2570), ("64", 2569)}
# Phitsanulok's own indicators in its community set (weight 0: the national total stays comparable).
PROVINCIAL = [
    (
        "พล.1",
        "ชุมชนอนุรักษ์และสืบสานภูมิปัญญาท้องถิ่นของจังหวัดพิษณุโลก มีผู้สืบทอดรุ่นใหม่",
        "ทะเบียนปราชญ์ชุมชน ภาพกิจกรรมถ่ายทอดความรู้",
        "score",
        False,
    ),
    (
        "พล.2",
        "ครัวเรือนร่วมมาตรการงดเผาในที่โล่งของจังหวัดตลอดฤดูแล้ง",
        "บันทึกข้อตกลงของหมู่บ้าน รายชื่อครัวเรือนที่ร่วม",
        "pass_fail",
        False,
    ),
]


def _publish_catalogue(fy, tt, by):
    c = NationalCatalogue.objects.filter(fiscal_year=fy, target_type=tt, version=1).first()
    if c is None:
        c = national.create_draft(fy, tt, title=TITLES[tt], by=by, is_demo=True)
        national.update_header(
            c,
            {
                "title": TITLES[tt],
                "require_mandatory": True,
                "min_percent": Decimal("60"),
                "combine": "and",
                "source": SOURCE,
                "is_demo": True,
            },
            by=by,
        )
        n = 0
        inds = CATALOGUE[tt]
        total = sum(len(rows) for _name, rows in inds)
        weights = [Decimal(100 // total)] * total
        weights[-1] += Decimal(100) - sum(weights)
        for ci, (cname, rows) in enumerate(inds, start=1):
            for code, text, hint, scale, mandatory in rows:
                national.save_indicator(
                    c,
                    {
                        "component_order": ci,
                        "component_name": cname,
                        "order": n + 1,
                        "code": code,
                        "text": text,
                        "evidence_hint": hint,
                        "scale": scale,
                        "max_score": 1 if scale == "pass_fail" else 5,
                        "pass_score": 1 if scale == "pass_fail" else 3,
                        "weight": weights[n],
                        "mandatory": mandatory,
                    },
                    by=by,
                )
                n += 1
    if not c.is_published:
        national.publish(c, by=by)
    return c


def _draft_version_2(c, by):
    """The centre revising the group catalogue: version 2 is a draft, one indicator reworded."""
    draft, created = national.new_version(c, by=by)
    if created:
        ind = draft.indicators.order_by("component_order", "order").last()
        data = {f: getattr(ind, f) for f in national.NATIONAL_INDICATOR_FIELDS}
        data["text"] += " และมีข้อตกลงความร่วมมือเป็นลายลักษณ์อักษร"
        national.save_indicator(draft, data, by=by, indicator=ind)


def _adopt(year, c, by, provincial=()):
    if StandardSet.objects.filter(
        year=year, target_type=c.target_type, national__fiscal_year=c.fiscal_year
    ).exists():
        return
    s = national.adopt(year, c, by=by, publish=not provincial)
    for code, text, hint, scale, mandatory in provincial:
        comp = s.components.order_by("-order").first()
        cat_services.save_indicator(
            s,
            {
                "order": Indicator.objects.filter(component__standard_set=s).count() + 1,
                "code": code,
                "text": text,
                "evidence_hint": hint,
                "scale": scale,
                "max_score": 1 if scale == "pass_fail" else 5,
                "pass_score": 1 if scale == "pass_fail" else 3,
                "weight": Decimal("0"),
                "mandatory": mandatory,
            },
            component=comp,
            by=by,
        )
    if provincial:
        cat_services.publish(s, by=by)


def seed(ctx):
    centre = ctx.users["centre"]
    published = {
        (fy, tt.value): _publish_catalogue(fy, tt.value, centre) for fy in YEARS for tt in TargetType
    }
    _draft_version_2(published[(2570, TargetType.GROUP.value)], centre)
    staff = {"65": ctx.users["province"], "64": ctx.users["sukhothai"]}
    for code, fy in sorted(ADOPTIONS):
        year = ProgrammeYear.objects.filter(province_id=code, fiscal_year=fy).first()
        if year is None:
            continue
        for tt in TargetType:
            extra = PROVINCIAL if (code, tt) == ("65", TargetType.COMMUNITY) else ()
            _adopt(year, published[(fy, tt.value)], staff[code], extra)
