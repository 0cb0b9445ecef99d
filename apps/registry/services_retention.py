"""Retention (issue 19 item 5): per province and kind a period (data, defaults in apps.core.retention); a daily
task lists what is past it (RetentionReview); staff confirm on the retention page and only then is it purged,
and only what was listed and is still past its period. Everything is audited; the audit trail is never purged.

The sources below are the registry's; another app registers its own with apps.core.retention.register_source."""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from apps.core import retention
from apps.core.audit import audit

from .enums import Outcome
from .models import Consent, DataRequest, RetentionPeriod, RetentionReview, Unit


def periods(province_id):
    """{kind: months} for the province: its own rows over the defaults."""
    own = dict(RetentionPeriod.objects.filter(province_id=province_id).values_list("kind", "months"))
    return {k: own.get(k, d.months) for k, d in retention.KINDS.items()}


@transaction.atomic
def set_period(province, kind, months, *, by):
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if kind not in retention.KINDS:
        raise ValidationError(_("ไม่รู้จักชนิดข้อมูลนี้"))
    if not 1 <= months <= 1200:
        raise ValidationError(_("ระยะเวลาเก็บต้องอยู่ระหว่าง 1 ถึง 1200 เดือน"))
    if kind == "audit_log" and months < retention.KINDS[kind].months:
        raise ValidationError(
            _("บันทึกการตรวจสอบต้องเก็บอย่างน้อย %(n)s เดือน") % {"n": retention.KINDS[kind].months}
        )
    before = periods(province.pk)[kind]
    RetentionPeriod.objects.update_or_create(
        province=province, kind=kind, defaults={"months": months, "updated_by": by}
    )
    audit(by, "retention.period_set", province, before={kind: before}, after={kind: months})


# --- the registry's sources ----------------------------------------------------------------------------


def _applicant_ids(province_id, cut):
    """Leaders never certified, with a national ID, whose last enrolment's fiscal year ended before `cut` and
    who have no enrolment still in progress."""
    from apps.core.thaidates import fiscal_year_bounds

    qs = (
        Unit.objects.filter(district__province_id=province_id, target_type="leader")
        .exclude(national_id="")
        .exclude(enrolments__outcome__in=[Outcome.CERTIFIED, Outcome.IN_PROGRESS])
        .exclude(certificates__isnull=False)
        .annotate(last_fy=Max("enrolments__year__fiscal_year"))
        .filter(last_fy__isnull=False)
    )
    return [pk for pk, fy in qs.values_list("pk", "last_fy") if fiscal_year_bounds(fy)[1] < cut]


def _purge_applicant_ids(ids, by):
    return Unit.objects.filter(pk__in=ids).update(national_id="", national_id_hash="")


def _inactive_contact_ids(province_id, cut):
    return list(
        Unit.objects.filter(district__province_id=province_id, is_active=False, updated_at__date__lt=cut)
        .filter(~Q(phone="") | ~Q(address=""))
        .values_list("pk", flat=True)
    )


def _purge_inactive_contacts(ids, by):
    return Unit.objects.filter(pk__in=ids).update(phone="", address="")


def _withdrawn_scan_ids(province_id, cut):
    return list(
        Consent.objects.filter(unit__district__province_id=province_id, withdrawn_at__date__lt=cut)
        .exclude(scan="")
        .values_list("pk", flat=True)
    )


def _purge_withdrawn_scans(ids, by):
    n = 0
    for c in Consent.objects.filter(pk__in=ids):
        c.scan.delete(save=False)
        Consent.objects.filter(pk=c.pk).update(scan="")
        n += 1
    return n


def _closed_request_ids(province_id, cut):
    return list(
        DataRequest.objects.filter(unit__district__province_id=province_id, closed_at__date__lt=cut)
        .exclude(status="open")
        .values_list("pk", flat=True)
    )


def _purge_closed_requests(ids, by):
    return DataRequest.objects.filter(pk__in=ids).exclude(status="open").delete()[0]


def register_sources():
    retention.register_source("applicant_national_id", _applicant_ids, _purge_applicant_ids)
    retention.register_source("inactive_contact", _inactive_contact_ids, _purge_inactive_contacts)
    retention.register_source("withdrawn_consent_scan", _withdrawn_scan_ids, _purge_withdrawn_scans)
    retention.register_source("closed_request", _closed_request_ids, _purge_closed_requests)


# --- list, confirm, purge ------------------------------------------------------------------------------


def expired(province_id, today=None):
    """{kind: [ids]} past their period today, for every kind with a registered source."""
    today = today or timezone.localdate()
    months = periods(province_id)
    out = {}
    for kind in retention.KINDS:
        src = retention.source(kind)
        if src is None or not retention.KINDS[kind].purgeable:
            continue
        ids = sorted(src.find(province_id, retention.cutoff(today, months[kind])))
        if ids:
            out[kind] = ids
    return out


@transaction.atomic
def review(province, today=None):
    """The daily listing: one RetentionReview per province and day (the latest unconfirmed one is replaced)."""
    found = expired(province.pk, today)
    RetentionReview.objects.filter(province=province, purged_at__isnull=True).delete()
    if not found:
        return None
    r = RetentionReview.objects.create(province=province, found=found)
    audit(None, "retention.listed", province, after={k: len(v) for k, v in found.items()})
    return r


@transaction.atomic
def purge(review_obj, *, by, today=None):
    """Purge what the review listed and is still past its period (a unit certified meanwhile is not)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    r = RetentionReview.objects.select_for_update().get(pk=review_obj.pk)
    if r.purged_at is not None:
        raise ValidationError(_("รายการนี้ลบไปแล้ว"))
    now_expired = expired(r.province_id, today)
    done = {}
    for kind, ids in r.found.items():
        still = sorted(set(ids) & set(now_expired.get(kind, [])))
        if still:
            done[kind] = {"ids": still, "count": retention.source(kind).purge(still, by)}
    r.purged, r.purged_at, r.purged_by = done, timezone.now(), by
    r.save(update_fields=["purged", "purged_at", "purged_by"])
    audit(by, "retention.purged", r.province, after={k: v["count"] for k, v in done.items()})
    return done


def review_all(today=None):
    """The daily task: a review in every province that runs the programme."""
    from apps.geo.models import Province

    return [review(p, today) for p in Province.objects.filter(programme_years__isnull=False).distinct()]


__all__ = ["expired", "periods", "purge", "review", "review_all", "set_period"]
