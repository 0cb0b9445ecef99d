"""Standards catalogue: versioned edits, publishing, copy-forward to a new year, xlsx import.

Versioning rule: edits go to the newest version of a (year, target type) set. While that version is an
unused draft it is edited in place; when it is published or assessments use it, the edit first copies it
into a new draft version (version + 1), so no answer ever points to a changed indicator. A draft is put in
force by `publish`, which checks that the weights add up to 100 %."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.core.audit import audit

from ..models import Component, Indicator, StandardSet

RULE_FIELDS = ["title", "require_mandatory", "min_percent", "combine", "source", "is_demo"]
INDICATOR_FIELDS = Indicator.SPEC_FIELDS


@dataclass
class Writable:
    standard_set: StandardSet
    components: dict  # old component id -> component of the writable set
    indicators: dict  # old indicator id -> indicator of the writable set
    new_version: bool


def in_use(standard_set):
    return standard_set.assessments.exists()


def set_errors(standard_set, indicators=None, min_percent=None):
    """Thai messages for a set that may not be put in force."""
    if indicators is None:
        indicators = list(Indicator.objects.filter(component__standard_set=standard_set, is_active=True))
    errors = []
    if not indicators:
        errors.append(_("ชุดมาตรฐานยังไม่มีตัวชี้วัด"))
        return errors
    total = sum((Decimal(i.weight) for i in indicators), Decimal("0"))
    if total != Decimal("100"):
        errors.append(_("น้ำหนักของตัวชี้วัดรวมกันได้ %(t)s%% ต้องรวมกันเท่ากับ 100%%") % {"t": _fmt(total)})
    for i in indicators:
        if i.scale == Indicator.Scale.SCORE and not 1 <= i.pass_score <= i.max_score:
            errors.append(_("ตัวชี้วัด %(c)s: คะแนนที่ถือว่าผ่านต้องอยู่ระหว่าง 1 ถึงคะแนนเต็ม") % {"c": i.code})
    codes = [i.code for i in indicators]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        errors.append(_("รหัสตัวชี้วัดซ้ำกัน: %(c)s") % {"c": ", ".join(dupes)})
    mp = standard_set.min_percent if min_percent is None else min_percent
    if mp is not None and not Decimal("0") <= Decimal(mp) <= Decimal("100"):
        errors.append(_("คะแนนรวมขั้นต่ำต้องอยู่ระหว่าง 0 ถึง 100%"))
    return errors


def _fmt(d):
    d = Decimal(d).normalize()
    return f"{d:f}"


def _next_version(year, target_type):
    return (
        StandardSet.objects.filter(year=year, target_type=target_type).aggregate(m=Max("version"))["m"] or 0
    ) + 1


def clone_set(src, *, year, version, published, by=None, supersedes=None, keep_national=True):
    """Copy a set with its components and indicators (active ones and retired ones alike). A set adopted from
    the centre's catalogue stays adopted (its national indicators stay locked) unless `keep_national` is False
    (a copy into another fiscal year, whose national catalogue is another one)."""
    new = StandardSet.objects.create(
        year=year,
        target_type=src.target_type,
        version=version,
        title=src.title,
        is_demo=src.is_demo,
        require_mandatory=src.require_mandatory,
        min_percent=src.min_percent,
        combine=src.combine,
        is_published=published,
        source=src.source,
        supersedes=supersedes,
        national_id=src.national_id if keep_national else None,
    )
    comp_map, ind_map = {}, {}
    for comp in src.components.all().prefetch_related("indicators"):
        c = Component.objects.create(standard_set=new, order=comp.order, name=comp.name)
        comp_map[comp.pk] = c
        for ind in comp.indicators.all():
            ind_map[ind.pk] = Indicator.objects.create(
                component=c,
                is_active=ind.is_active,
                national_source_id=ind.national_source_id if keep_national else None,
                **{f: getattr(ind, f) for f in INDICATOR_FIELDS},
            )
    return new, comp_map, ind_map


def _writable(standard_set, by):
    locked = StandardSet.objects.select_for_update().get(pk=standard_set.pk)
    newest = StandardSet.objects.filter(year_id=locked.year_id, target_type=locked.target_type).order_by(
        "-version"
    )[0]
    if newest.pk != locked.pk:
        raise ValidationError(_("ฉบับนี้ไม่ใช่ฉบับล่าสุด กรุณาแก้ไขฉบับที่ %(v)s") % {"v": newest.version})
    if not locked.is_published and not in_use(locked):
        comps = {c.pk: c for c in locked.components.all()}
        inds = {i.pk: i for i in Indicator.objects.filter(component__standard_set=locked)}
        return Writable(locked, comps, inds, False)
    new, comps, inds = clone_set(
        locked, year=locked.year, version=locked.version + 1, published=False, by=by, supersedes=locked
    )
    audit(
        by,
        "standard_set.new_version",
        new,
        before={"version": locked.version},
        after={"version": new.version},
        reason=_("แก้ไขชุดมาตรฐานที่ประกาศใช้/มีผลประเมินแล้ว จึงสร้างฉบับใหม่"),
    )
    return Writable(new, comps, inds, True)


NATIONAL_RULE_FIELDS = ["require_mandatory", "min_percent", "combine"]


def national_locked_message():
    return _(
        "ตัวชี้วัดนี้เป็นของมาตรฐานส่วนกลาง จังหวัดแก้ไขหรือลบไม่ได้ (เพิ่มตัวชี้วัดของจังหวัดได้ หรือรอส่วนกลางประกาศฉบับใหม่แล้วรับไปใช้)"
    )


def refuse_national(standard_set, *, indicator=None, component=None, rule=None, weight=None):
    """Thai ValidationError for a change to what the centre set in an adopted set: its indicators, the
    components (ด้าน) that hold them, its pass rule; the province's own indicators weigh 0 % so that totals
    stay comparable across the country (they may be mandatory)."""
    if indicator is not None and indicator.national_source_id is not None:
        raise ValidationError(national_locked_message())
    if not standard_set.national_id:
        return
    if component is not None and component.indicators.filter(national_source__isnull=False).exists():
        raise ValidationError(_("ด้านนี้มีตัวชี้วัดของมาตรฐานส่วนกลาง จังหวัดแก้ไขไม่ได้ (เพิ่มด้านของจังหวัดเองได้)"))
    if rule is not None and any(
        f in rule and rule[f] != getattr(standard_set, f) for f in NATIONAL_RULE_FIELDS
    ):
        raise ValidationError(_("เกณฑ์การผ่านของชุดที่รับจากมาตรฐานส่วนกลางเป็นของส่วนกลาง จังหวัดแก้ไขไม่ได้"))
    if weight is not None and Decimal(weight or 0) != 0:
        raise ValidationError(
            _(
                "ตัวชี้วัดของจังหวัดในชุดที่รับจากมาตรฐานส่วนกลางมีน้ำหนัก 0% เพื่อให้คะแนนรวมเทียบกันได้ทั้งประเทศ "
                "(กำหนดเป็นตัวชี้วัดบังคับได้)"
            )
        )


def _check_lock(standard_set, lock_version):
    if lock_version is not None and int(lock_version) != standard_set.lock_version:
        raise ValidationError(_("มีผู้อื่นแก้ไขชุดมาตรฐานนี้ไปแล้ว กรุณาโหลดหน้าใหม่แล้วแก้ไขอีกครั้ง"))


def _bump(s):
    StandardSet.objects.filter(pk=s.pk).update(lock_version=s.lock_version + 1)
    s.lock_version += 1


def refuse_replacing_national(year, target_type):
    """A province that adopted the centre's catalogue for a year and type keeps it: a new set of its own (empty or
    imported) would drop the national indicators. Thai ValidationError when the newest set is adopted."""
    newest = StandardSet.objects.filter(year=year, target_type=target_type).order_by("-version").first()
    if newest is not None and newest.national_id:
        raise ValidationError(
            _(
                "ปีนี้จังหวัดรับมาตรฐานส่วนกลางของประเภทนี้แล้ว จึงสร้างหรือนำเข้าชุดของจังหวัดแทนไม่ได้ "
                "เพิ่มตัวชี้วัดของจังหวัดในชุดที่รับมา หรือรับฉบับใหม่ของส่วนกลาง"
            )
        )


@transaction.atomic
def create_set(year, target_type, *, title, by, is_demo=False):
    refuse_replacing_national(year, target_type)
    s = StandardSet.objects.create(
        year=year,
        target_type=target_type,
        version=_next_version(year, target_type),
        title=title,
        is_demo=is_demo,
        is_published=False,
    )
    audit(by, "standard_set.created", s, after={"title": title, "version": s.version})
    return s


@transaction.atomic
def update_rule(standard_set, data, *, by, lock_version=None):
    """Change the title and the pass rule. Returns the set that was written (maybe a new version)."""
    _check_lock(standard_set, lock_version)
    if data.get("min_percent") is not None and not Decimal("0") <= Decimal(data["min_percent"]) <= Decimal(
        "100"
    ):
        raise ValidationError(_("คะแนนรวมขั้นต่ำต้องอยู่ระหว่าง 0 ถึง 100%"))
    if not data.get("require_mandatory") and data.get("min_percent") is None:
        raise ValidationError(_("กรุณากำหนดเกณฑ์ผ่านอย่างน้อยหนึ่งเงื่อนไข (ตัวชี้วัดบังคับ หรือคะแนนรวมขั้นต่ำ)"))
    refuse_national(standard_set, rule=data)
    w = _writable(standard_set, by)
    s = w.standard_set
    before = {f: getattr(s, f) for f in RULE_FIELDS if f in data}
    for f in RULE_FIELDS:
        if f in data:
            setattr(s, f, data[f])
    s.save(update_fields=[f for f in RULE_FIELDS if f in data])
    _bump(s)
    audit(by, "standard_set.rule_changed", s, before=before, after={f: getattr(s, f) for f in before})
    return w


@transaction.atomic
def save_component(standard_set, *, name, order, by, component=None):
    refuse_national(standard_set, component=component)
    w = _writable(standard_set, by)
    if component is not None:
        c = w.components[component.pk]
        before = {"name": c.name, "order": c.order}
        c.name, c.order = name, order
        c.save(update_fields=["name", "order"])
        audit(
            by,
            "standard_set.component_changed",
            w.standard_set,
            before=before,
            after={"name": name, "order": order},
        )
    else:
        c = Component.objects.create(standard_set=w.standard_set, name=name, order=order)
        audit(by, "standard_set.component_added", w.standard_set, after={"name": name, "order": order})
    _bump(w.standard_set)
    return w


@transaction.atomic
def save_indicator(standard_set, data, *, component, by, indicator=None):
    """Add or change an indicator; `data` holds INDICATOR_FIELDS."""
    if data.get("scale") == Indicator.Scale.SCORE and not 1 <= int(data.get("pass_score") or 0) <= int(
        data.get("max_score") or 0
    ):
        raise ValidationError(_("คะแนนที่ถือว่าผ่านต้องอยู่ระหว่าง 1 ถึงคะแนนเต็ม"))
    if Decimal(data.get("weight") or 0) < 0 or Decimal(data.get("weight") or 0) > 100:
        raise ValidationError(_("น้ำหนักต้องอยู่ระหว่าง 0 ถึง 100"))
    refuse_national(standard_set, indicator=indicator, weight=data.get("weight"))
    w = _writable(standard_set, by)
    comp = w.components[component.pk]
    dupes = Indicator.objects.filter(
        component__standard_set=w.standard_set, code=data["code"], is_active=True
    )
    if indicator is not None:
        dupes = dupes.exclude(pk=w.indicators[indicator.pk].pk)
    if dupes.exists():
        raise ValidationError(_("มีตัวชี้วัดรหัส %(c)s ในชุดนี้แล้ว") % {"c": data["code"]})
    if indicator is not None:
        ind = w.indicators[indicator.pk]
        before = {f: getattr(ind, f) for f in INDICATOR_FIELDS}
        for f in INDICATOR_FIELDS:
            setattr(ind, f, data[f])
        ind.component = comp
        ind.save(update_fields=[*INDICATOR_FIELDS, "component"])
        audit(
            by,
            "standard_set.indicator_changed",
            w.standard_set,
            before=before,
            after={f: getattr(ind, f) for f in INDICATOR_FIELDS},
        )
    else:
        ind = Indicator.objects.create(component=comp, **{f: data[f] for f in INDICATOR_FIELDS})
        audit(
            by, "standard_set.indicator_added", w.standard_set, after={f: data[f] for f in INDICATOR_FIELDS}
        )
    _bump(w.standard_set)
    return w


@transaction.atomic
def remove_indicator(indicator, *, by):
    """Delete an indicator nobody answered; one that has answers is retired (kept, marked not in use) and a
    set already used by assessments gets a new version without it — answers are never lost."""
    refuse_national(indicator.component.standard_set, indicator=indicator)
    w = _writable(indicator.component.standard_set, by)
    ind = w.indicators[indicator.pk]
    snap = {f: getattr(ind, f) for f in INDICATOR_FIELDS}
    if ind.answers.exists():
        ind.is_active = False
        ind.save(update_fields=["is_active"])
        audit(by, "standard_set.indicator_retired", w.standard_set, before=snap)
        retired = True
    else:
        ind.activities.clear()
        ind.delete()
        audit(by, "standard_set.indicator_deleted", w.standard_set, before=snap)
        retired = False
    _bump(w.standard_set)
    return w, retired


@transaction.atomic
def publish(standard_set, *, by):
    """Put a draft version in force after checking it (weights add up to 100 %, codes unique, rule sane)."""
    s = StandardSet.objects.select_for_update().get(pk=standard_set.pk)
    if s.is_published:
        raise ValidationError(_("ชุดมาตรฐานฉบับนี้ประกาศใช้แล้ว"))
    errors = set_errors(s)
    if errors:
        raise ValidationError(errors)
    s.is_published = True
    s.save(update_fields=["is_published"])
    audit(by, "standard_set.published", s, after={"version": s.version})
    return s


@transaction.atomic
def copy_forward(year, *, copy_from=None, by=None):
    """When a new year opens: copy the newest published set of each target type from the previous year
    (or the province's latest year that has one). Returns the new sets."""
    from apps.registry.models import ProgrammeYear

    sources = [copy_from] if copy_from else []
    sources += list(
        ProgrammeYear.objects.filter(province_id=year.province_id, fiscal_year__lt=year.fiscal_year)
        .exclude(pk=getattr(copy_from, "pk", None))
        .order_by("-fiscal_year")
    )
    created = []
    for tt in {s.target_type for src in sources for s in src.standard_sets.all()}:
        if StandardSet.objects.filter(year=year, target_type=tt).exists():
            continue
        for src_year in sources:
            src = (
                src_year.standard_sets.filter(target_type=tt, is_published=True).order_by("-version").first()
            )
            if src:
                new, _c, _i = clone_set(src, year=year, version=1, published=True, by=by, keep_national=False)
                audit(
                    by,
                    "standard_set.copied_forward",
                    new,
                    after={"from_year": src_year.fiscal_year, "from_version": src.version},
                )
                created.append(new)
                break
    return created


def on_year_opened(sender, year, copy_from=None, by=None, **kwargs):
    copy_forward(year, copy_from=copy_from, by=by)


@transaction.atomic
def import_set(year, target_type, parsed, *, by):
    """Save a parsed xlsx catalogue (see apps.development.xlsx.parse) as a new published version."""
    refuse_replacing_national(year, target_type)
    rule = parsed["rule"]
    s = StandardSet.objects.create(
        year=year,
        target_type=target_type,
        version=_next_version(year, target_type),
        title=rule["title"],
        is_demo=rule["is_demo"],
        require_mandatory=rule["require_mandatory"],
        min_percent=Decimal(rule["min_percent"]) if rule["min_percent"] not in (None, "") else None,
        combine=rule["combine"],
        source=rule.get("source", ""),
        is_published=False,
        supersedes=StandardSet.objects.filter(year=year, target_type=target_type)
        .order_by("-version")
        .first(),
    )
    comps = {}
    for n, row in enumerate(parsed["indicators"], start=1):
        name = row["component"]
        if name not in comps:
            comps[name] = Component.objects.create(standard_set=s, name=name, order=len(comps) + 1)
        Indicator.objects.create(
            component=comps[name],
            order=n,
            code=row["code"],
            text=row["text"],
            evidence_hint=row["evidence_hint"],
            scale=row["scale"],
            max_score=row["max_score"],
            pass_score=row["pass_score"],
            weight=Decimal(row["weight"]),
            mandatory=row["mandatory"],
        )
    errors = set_errors(s)
    if errors:
        raise ValidationError(errors)
    s.is_published = True
    s.save(update_fields=["is_published"])
    audit(
        by, "standard_set.imported", s, after={"version": s.version, "indicators": len(parsed["indicators"])}
    )
    return s
