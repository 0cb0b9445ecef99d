"""The centre's standards catalogue (NationalCatalogue) and its adoption by provinces.

National staff draft a catalogue of one target type and fiscal year, edit it while it is a draft and publish it;
a published version is frozen: a change is a new version (`new_version` copies it into a draft), never an edit,
so that what a province adopted and what its units were assessed against stays as it was.

A province adopts a published version into its ProgrammeYear (`adopt`): a new version of its StandardSet for
that target type whose indicators carry `national_source` (the centre's, locked: apps.development.services.
catalogue refuses to change them) and to which it may add its own indicators (ตัวชี้วัดของจังหวัด). Earlier
versions of the province's set, and the self-assessments and scorecards made against them, are not touched."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit

from ..models import Component, Indicator, NationalCatalogue, NationalIndicator, StandardSet
from .catalogue import INDICATOR_FIELDS, set_errors

HEADER_FIELDS = ["title", "require_mandatory", "min_percent", "combine", "source", "is_demo"]
NATIONAL_INDICATOR_FIELDS = ["component_order", "component_name", *INDICATOR_FIELDS]


def frozen_message(catalogue):
    return _(
        "มาตรฐานส่วนกลางฉบับที่ %(v)s ประกาศใช้แล้ว จึงแก้ไขไม่ได้ (จังหวัดอาจรับไปใช้และประเมินตามฉบับนี้แล้ว) "
        "หากต้องการปรับปรุง กรุณา “สร้างฉบับใหม่” ระบบจะคัดลอกฉบับนี้เป็นร่างให้แก้ไข"
    ) % {"v": catalogue.version}


def _draft(catalogue):
    """The catalogue locked for a change; a Thai ValidationError when it is published (frozen)."""
    c = NationalCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    if c.is_published:
        raise ValidationError(frozen_message(c))
    return c


def _next_version(fiscal_year, target_type):
    return (
        NationalCatalogue.objects.filter(fiscal_year=fiscal_year, target_type=target_type).aggregate(
            m=Max("version")
        )["m"]
        or 0
    ) + 1


def errors_of(catalogue):
    """Thai messages for a catalogue that may not be published (the rules of a province's set)."""
    return set_errors(catalogue, indicators=list(catalogue.indicators.all()))


@transaction.atomic
def create_draft(fiscal_year, target_type, *, title, by, is_demo=False):
    """The first version of a (fiscal year, target type) catalogue; later ones come from `new_version`."""
    if NationalCatalogue.objects.filter(fiscal_year=fiscal_year, target_type=target_type).exists():
        raise ValidationError(
            _("มีมาตรฐานส่วนกลางประเภทนี้ของปีงบประมาณ %(fy)s แล้ว กรุณาใช้ “สร้างฉบับใหม่” จากฉบับล่าสุด")
            % {"fy": fiscal_year}
        )
    c = NationalCatalogue.objects.create(
        fiscal_year=fiscal_year,
        target_type=target_type,
        version=1,
        title=title,
        is_demo=is_demo,
        created_by=by,
    )
    audit(by, "national_catalogue.created", c, after={"fiscal_year": fiscal_year, "target_type": target_type})
    return c


@transaction.atomic
def update_header(catalogue, data, *, by):
    c = _draft(catalogue)
    if data.get("min_percent") is not None and not Decimal("0") <= Decimal(data["min_percent"]) <= Decimal(
        "100"
    ):
        raise ValidationError(_("คะแนนรวมขั้นต่ำต้องอยู่ระหว่าง 0 ถึง 100%"))
    if not data.get("require_mandatory") and data.get("min_percent") is None:
        raise ValidationError(_("กรุณากำหนดเกณฑ์ผ่านอย่างน้อยหนึ่งเงื่อนไข (ตัวชี้วัดบังคับ หรือคะแนนรวมขั้นต่ำ)"))
    before = {f: getattr(c, f) for f in HEADER_FIELDS}
    for f in HEADER_FIELDS:
        setattr(c, f, data[f])
    c.save(update_fields=HEADER_FIELDS)
    audit(by, "national_catalogue.changed", c, before=before, after={f: getattr(c, f) for f in HEADER_FIELDS})
    return c


@transaction.atomic
def save_indicator(catalogue, data, *, by, indicator=None):
    """Add or change an indicator of a draft; `data` holds NATIONAL_INDICATOR_FIELDS."""
    c = _draft(catalogue)
    if data.get("scale") == Indicator.Scale.SCORE and not 1 <= int(data.get("pass_score") or 0) <= int(
        data.get("max_score") or 0
    ):
        raise ValidationError(_("คะแนนที่ถือว่าผ่านต้องอยู่ระหว่าง 1 ถึงคะแนนเต็ม"))
    if not Decimal("0") <= Decimal(data.get("weight") or 0) <= Decimal("100"):
        raise ValidationError(_("น้ำหนักต้องอยู่ระหว่าง 0 ถึง 100"))
    dupes = c.indicators.filter(code=data["code"])
    if indicator is not None:
        dupes = dupes.exclude(pk=indicator.pk)
    if dupes.exists():
        raise ValidationError(_("มีตัวชี้วัดรหัส %(c)s ในชุดนี้แล้ว") % {"c": data["code"]})
    if indicator is None:
        ind = NationalIndicator.objects.create(catalogue=c, **{f: data[f] for f in NATIONAL_INDICATOR_FIELDS})
        audit(by, "national_catalogue.indicator_added", c, after={"code": ind.code})
        return ind
    ind = NationalIndicator.objects.get(pk=indicator.pk, catalogue=c)
    before = {f: getattr(ind, f) for f in NATIONAL_INDICATOR_FIELDS}
    for f in NATIONAL_INDICATOR_FIELDS:
        setattr(ind, f, data[f])
    ind.save(update_fields=NATIONAL_INDICATOR_FIELDS)
    audit(
        by,
        "national_catalogue.indicator_changed",
        c,
        before=before,
        after={f: getattr(ind, f) for f in NATIONAL_INDICATOR_FIELDS},
    )
    return ind


@transaction.atomic
def remove_indicator(indicator, *, by):
    c = _draft(indicator.catalogue)
    snap = {f: getattr(indicator, f) for f in NATIONAL_INDICATOR_FIELDS}
    NationalIndicator.objects.filter(pk=indicator.pk, catalogue=c).delete()
    audit(by, "national_catalogue.indicator_deleted", c, before=snap)


@transaction.atomic
def publish(catalogue, *, by):
    """Put a draft in force after the checks of a province's set (weights 100 %, codes unique, rule sane)."""
    c = _draft(catalogue)
    errors = errors_of(c)
    if errors:
        raise ValidationError(errors)
    c.published_at, c.published_by = timezone.now(), by
    c.save(update_fields=["published_at", "published_by"])
    audit(by, "national_catalogue.published", c, after={"version": c.version})
    return c


@transaction.atomic
def new_version(catalogue, *, by):
    """A draft copy of `catalogue` as the next version of its (fiscal year, target type). When a draft of it
    exists already that draft is returned (a double submit makes one draft). Returns (draft, created)."""
    src = NationalCatalogue.objects.select_for_update().get(pk=catalogue.pk)
    draft = (
        NationalCatalogue.objects.filter(
            fiscal_year=src.fiscal_year, target_type=src.target_type, published_at__isnull=True
        )
        .order_by("-version")
        .first()
    )
    if draft is not None:
        return draft, False
    new = NationalCatalogue.objects.create(
        fiscal_year=src.fiscal_year,
        target_type=src.target_type,
        version=_next_version(src.fiscal_year, src.target_type),
        supersedes=src,
        created_by=by,
        **{f: getattr(src, f) for f in HEADER_FIELDS},
    )
    NationalIndicator.objects.bulk_create(
        NationalIndicator(catalogue=new, **{f: getattr(i, f) for f in NATIONAL_INDICATOR_FIELDS})
        for i in src.indicators.all()
    )
    audit(
        by,
        "national_catalogue.new_version",
        new,
        before={"version": src.version},
        after={"version": new.version},
        reason=_("มาตรฐานส่วนกลางที่ประกาศใช้แล้วแก้ไขไม่ได้ จึงสร้างฉบับใหม่"),
    )
    return new, True


@transaction.atomic
def adopt(year, catalogue, *, by, publish=True):
    """The province of `year` takes a published national version: a new version of its StandardSet for the
    catalogue's target type, with the national indicators (locked) and the province's own indicators of its
    newest adopted set carried over. Earlier versions, and the assessments made against them, stay as they are.
    Returns the new set."""
    c = NationalCatalogue.objects.get(pk=catalogue.pk)
    if not c.is_published:
        raise ValidationError(_("มาตรฐานส่วนกลางฉบับนี้ยังเป็นร่าง รับไปใช้ได้เมื่อส่วนกลางประกาศใช้แล้ว"))
    if c.fiscal_year != year.fiscal_year:
        raise ValidationError(
            _("มาตรฐานส่วนกลางนี้เป็นของปีงบประมาณ %(c)s ไม่ใช่ปี %(y)s")
            % {"c": c.fiscal_year, "y": year.fiscal_year}
        )
    # Lock the province's sets of this type: two adoptions at once make one version each, in turn.
    sets = list(
        StandardSet.objects.select_for_update()
        .filter(year=year, target_type=c.target_type)
        .order_by("-version")
    )
    newest = sets[0] if sets else None
    if newest is not None and newest.national_id == c.pk:
        raise ValidationError(
            _("จังหวัดรับมาตรฐานส่วนกลางฉบับที่ %(v)s ไว้แล้ว (ชุดมาตรฐานฉบับที่ %(s)s)")
            % {"v": c.version, "s": newest.version}
        )
    s = StandardSet.objects.create(
        year=year,
        target_type=c.target_type,
        version=(newest.version + 1) if newest else 1,
        title=c.title,
        is_demo=c.is_demo,
        require_mandatory=c.require_mandatory,
        min_percent=c.min_percent,
        combine=c.combine,
        source=c.source,
        is_published=False,
        supersedes=newest,
        national=c,
    )
    comps = {}

    def component(order, name):
        if name not in comps:
            comps[name] = Component.objects.create(standard_set=s, order=order, name=name)
        return comps[name]

    for n in c.indicators.all():
        Indicator.objects.create(
            component=component(n.component_order, n.component_name),
            national_source=n,
            **{f: getattr(n, f) for f in INDICATOR_FIELDS},
        )
    carried = 0
    if newest is not None and newest.national_id is not None:
        for ind in (
            Indicator.objects.filter(
                component__standard_set=newest, national_source__isnull=True, is_active=True
            )
            .select_related("component")
            .order_by("component__order", "order", "pk")
        ):
            Indicator.objects.create(
                component=component(ind.component.order, ind.component.name),
                **{f: getattr(ind, f) for f in INDICATOR_FIELDS},
            )
            carried += 1
    if publish:
        errors = set_errors(s)
        if errors:
            raise ValidationError(errors)
        s.is_published = True
        s.save(update_fields=["is_published"])
    audit(
        by,
        "standard_set.adopted",
        s,
        after={
            "national": c.pk,
            "fiscal_year": c.fiscal_year,
            "national_version": c.version,
            "version": s.version,
            "provincial_carried": carried,
            "published": publish,
        },
    )
    return s
