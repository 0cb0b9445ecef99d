"""Meetings of a round: create, attendance, quorum, resolutions per unit (the source of the unit's decision),
minutes and their approval. Each function validates, writes and audits in one transaction."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.audit import audit, snapshot
from apps.registry.enums import EvaluationLevel

from . import decisions
from .enums import Decision
from .models import Attendance, CommitteeMember, Exemplar, Meeting, Presentation, Resolution, RoundEntry

MEETING_FIELDS = ["number", "held_on", "starts_at", "place", "online_url", "extra_agenda", "attachments"]


@dataclass
class Quorum:
    present: int
    members: int
    needed: int

    @property
    def met(self):
        return self.members > 0 and self.present >= self.needed


def needed_for(committee, members):
    """Members who must be present: at least numerator/denominator of all members (ม. 79: one half), rounded
    up, and at least the committee's minimum."""
    num, den = committee.quorum_numerator or 1, committee.quorum_denominator or 2
    share = -(-members * num // den)  # ceiling
    return max(share, committee.quorum_minimum or 0, 1)


def quorum_of(meeting):
    members = CommitteeMember.objects.filter(
        committee_id=meeting.round.committee_id, removed_at__isnull=True
    ).count()
    present = Attendance.objects.filter(meeting=meeting, status=Attendance.Status.PRESENT).count()
    return Quorum(present=present, members=members, needed=needed_for(meeting.round.committee, members))


def agenda_of(meeting):
    """The agenda: the units of the round still to be resolved at this meeting (in presentation order), then
    the free items, one a line."""
    entries = list(
        RoundEntry.objects.filter(round_id=meeting.round_id)
        .select_related("enrolment__unit__district")
        .order_by("order", "pk")
    )
    free = [line.strip() for line in (meeting.extra_agenda or "").splitlines() if line.strip()]
    return entries, free


@transaction.atomic
def create_meeting(
    rnd, *, by, held_on, starts_at=None, place="", online_url="", extra_agenda="", attachments=""
):
    number = (Meeting.objects.filter(round=rnd).aggregate(m=Max("number"))["m"] or 0) + 1
    last = Meeting.objects.filter(round=rnd).order_by("-number").first()
    if last is not None and held_on < last.held_on:
        raise ValidationError(
            {"held_on": _("วันประชุมต้องไม่ก่อนการประชุมครั้งก่อน (ครั้งที่ %(n)s)") % {"n": last.number}}
        )
    meeting = Meeting.objects.create(
        round=rnd,
        number=number,
        held_on=held_on,
        starts_at=starts_at,
        place=place or rnd.place,
        online_url=online_url or rnd.online_url,
        extra_agenda=extra_agenda,
        attachments=attachments,
        created_by=by,
    )
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, seat=seat, status=Attendance.Status.PRESENT)
            for seat in CommitteeMember.objects.filter(committee_id=rnd.committee_id, removed_at__isnull=True)
        ]
    )
    audit(by, "meeting.created", meeting, after=snapshot(meeting, MEETING_FIELDS))
    return meeting


@transaction.atomic
def update_meeting(meeting, *, by, **fields):
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if fields.get("held_on") and fields["held_on"] != meeting.held_on and meeting.resolutions.exists():
        raise ValidationError(
            {"held_on": _("การประชุมนี้มีมติแล้ว จึงเปลี่ยนวันประชุมไม่ได้ (วันที่ของมติและใบรับรองอ้างอิงวันนี้)")}
        )
    before = snapshot(meeting, MEETING_FIELDS)
    for key, value in fields.items():
        if key in MEETING_FIELDS and key != "number":
            setattr(meeting, key, value)
    meeting.save()
    audit(by, "meeting.updated", meeting, before=before, after=snapshot(meeting, MEETING_FIELDS))
    return meeting


@transaction.atomic
def record_attendance(meeting, *, by, rows):
    """rows: {seat_id: (status, substitute)} for the seats of the meeting's committee."""
    seats = {s.pk: s for s in CommitteeMember.objects.filter(committee_id=meeting.round.committee_id)}
    before = {a.seat_id: a.status for a in meeting.attendance.all()}
    for seat_id, (status, substitute) in rows.items():
        if seat_id not in seats:
            raise ValidationError(_("กรรมการที่เลือกไม่อยู่ในคณะกรรมการนี้"))
        if status not in Attendance.Status.values:
            raise ValidationError(_("กรุณาเลือกการมาประชุมของกรรมการทุกคน"))
        Attendance.objects.update_or_create(
            meeting=meeting,
            seat=seats[seat_id],
            defaults={"status": status, "substitute": (substitute or "")[:255]},
        )
    q = quorum_of(meeting)
    audit(
        by,
        "meeting.attendance",
        meeting,
        before={"attendance": before},
        after={"attendance": {k: v[0] for k, v in rows.items()}, "present": q.present, "members": q.members},
    )
    return q


@transaction.atomic
def resolve(meeting, entry, *, outcome, by, reason=""):
    """The meeting's resolution on one unit. Refused without a quorum, before the meeting's day, or on a unit of
    another round. Pass and not pass are recorded as the unit's decision through decisions.decide (the
    resolution is its source: RoundEntry.decided_in); defer records the resolution only."""
    reason = (reason or "").strip()
    meeting = Meeting.objects.select_for_update().select_related("round__committee__year").get(pk=meeting.pk)
    if entry.round_id != meeting.round_id:
        raise ValidationError(_("หน่วยนับนี้ไม่อยู่ในรอบของการประชุมนี้"))
    if outcome not in Resolution.Outcome.values:
        raise ValidationError(_("กรุณาเลือกมติ"))
    if meeting.held_on > timezone.localdate():
        raise ValidationError(_("ยังไม่ถึงวันประชุม จึงบันทึกมติไม่ได้"))
    q = quorum_of(meeting)
    if not q.met:
        raise ValidationError(
            _(
                "ไม่ครบองค์ประชุม: มีกรรมการมาประชุม %(p)s คน จากทั้งหมด %(m)s คน ต้องมีอย่างน้อย %(n)s คน "
                "จึงลงมติไม่ได้ (พ.ร.บ.วิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539 มาตรา 79 หรือหลักเกณฑ์ของคณะกรรมการ)"
            )
            % {"p": q.present, "m": q.members, "n": q.needed}
        )
    if Resolution.objects.filter(meeting=meeting, entry=entry).exists():
        raise ValidationError(_("การประชุมครั้งนี้มีมติเรื่องหน่วยนับนี้แล้ว"))
    if outcome == Resolution.Outcome.DEFER and not reason:
        raise ValidationError(_("การเลื่อนการพิจารณาต้องระบุเหตุผล"))
    if outcome != Resolution.Outcome.DEFER:
        decision = Decision.PASS if outcome == Resolution.Outcome.PASS else Decision.NOT_PASS
        decisions.decide(entry, decision=decision, by=by, reason=reason, meeting=meeting)
    res = Resolution.objects.create(
        meeting=meeting,
        entry=entry,
        outcome=outcome,
        reason=reason,
        present=q.present,
        members=q.members,
        recorded_by=by,
    )
    audit(
        by,
        "meeting.resolved",
        meeting,
        after={
            "entry": entry.pk,
            "unit": str(entry.enrolment.unit),
            "outcome": outcome,
            "present": q.present,
        },
        reason=reason,
    )
    return res


@transaction.atomic
def save_minutes(meeting, *, by, text):
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_approved_on:
        raise ValidationError(_("รายงานการประชุมนี้รับรองแล้ว จึงแก้ไขไม่ได้"))
    before = meeting.minutes
    meeting.minutes = (text or "").replace("\x00", "").strip()
    meeting.save(update_fields=["minutes"])
    audit(by, "meeting.minutes", meeting, before={"minutes": before}, after={"minutes": meeting.minutes})
    return meeting


@transaction.atomic
def approve_minutes(meeting, *, by, method, approved_on, at_meeting=None, note=""):
    """The minutes approved at a later meeting of the same committee or by circulation (who approved: `note`)."""
    meeting = Meeting.objects.select_for_update().select_related("round").get(pk=meeting.pk)
    if meeting.minutes_approved_on:
        raise ValidationError(_("รายงานการประชุมนี้รับรองแล้ว"))
    if not meeting.minutes.strip():
        raise ValidationError(_("ยังไม่มีรายงานการประชุมให้รับรอง"))
    note = (note or "").strip()
    if method == Meeting.Approval.NEXT_MEETING and at_meeting is not None:
        approved_on = at_meeting.held_on
    if approved_on is None or approved_on < meeting.held_on:
        raise ValidationError({"approved_on": _("วันที่รับรองต้องไม่ก่อนวันประชุม")})
    if method == Meeting.Approval.NEXT_MEETING:
        if at_meeting is None or at_meeting.round.committee_id != meeting.round.committee_id:
            raise ValidationError({"at_meeting": _("กรุณาเลือกการประชุมครั้งถัดไปของคณะกรรมการชุดเดียวกัน")})
        if at_meeting.held_on <= meeting.held_on:
            raise ValidationError({"at_meeting": _("การประชุมที่รับรองต้องอยู่หลังการประชุมนี้")})
        approved_on = at_meeting.held_on
    elif method == Meeting.Approval.CIRCULATION:
        if not note:
            raise ValidationError({"note": _("การรับรองโดยการเวียนต้องระบุกรรมการผู้รับรอง")})
        at_meeting = None
    else:
        raise ValidationError({"method": _("กรุณาเลือกวิธีรับรองรายงานการประชุม")})
    meeting.minutes_approval = method
    meeting.minutes_approved_on = approved_on
    meeting.minutes_approved_in = at_meeting
    meeting.minutes_approved_note = note[:500]
    meeting.minutes_approved_by = by
    meeting.save()
    audit(
        by,
        "meeting.minutes_approved",
        meeting,
        after={"method": method, "on": approved_on, "at_meeting": at_meeting and at_meeting.pk, "note": note},
    )
    return meeting


# ---- the exemplar presentations of August (guideline 2.8) -----------------------------------------------------

PRESENTATION_FIELDS = ["order", "starts_at", "minutes", "remarks"]


def _provincial(meeting):
    if meeting.round.committee.level != EvaluationLevel.COMMITTEE:
        raise ValidationError(
            _("การนำเสนอผลงานต้นแบบอำเภอเป็นวาระของการประชุมคณะกรรมการ มชช. จังหวัดเท่านั้น (คู่มือข้อ 2.8)")
        )


def _next_start(meeting, minutes_each):
    """The first free time after the last item (its start plus its minutes), or the meeting's start."""
    last = meeting.presentations.exclude(starts_at=None).order_by("-order", "-pk").first()
    if last is not None:
        at = dt.datetime.combine(meeting.held_on, last.starts_at) + dt.timedelta(minutes=last.minutes)
        return at.time()
    return meeting.starts_at


def presentations_of(meeting):
    return list(
        Presentation.objects.filter(meeting=meeting)
        .select_related("exemplar__district", "exemplar__enrolment__unit", "remarks_by")
        .order_by("order", "pk")
    )


@transaction.atomic
def add_presentation(meeting, district, *, by, minutes=15, starts_at=None):
    """One district's exemplar as the next item of a provincial committee meeting. Refused for a district with
    no exemplar of the committee's year, or one already on this meeting's agenda."""
    meeting = Meeting.objects.select_for_update().select_related("round__committee__year").get(pk=meeting.pk)
    _provincial(meeting)
    year = meeting.round.committee.year
    if district is None or district.province_id != year.province_id:
        raise ValidationError({"district": _("กรุณาเลือกอำเภอของจังหวัดนี้")})
    exemplar = Exemplar.objects.filter(year=year, district=district).select_related("enrolment__unit").first()
    if exemplar is None:
        raise ValidationError(
            {
                "district": _(
                    "%(d)s ยังไม่มีหน่วยนับต้นแบบของปีงบประมาณ พ.ศ. %(fy)s จึงนำเสนอไม่ได้ "
                    "กรุณาให้อำเภอเสนอหน่วยนับต้นแบบก่อน (หน้าต้นแบบอำเภอ)"
                )
                % {"d": district.label, "fy": year.fiscal_year}
            }
        )
    if Presentation.objects.filter(meeting=meeting, exemplar=exemplar).exists():
        raise ValidationError(
            {"district": _("%(d)s อยู่ในวาระการนำเสนอของการประชุมนี้แล้ว") % {"d": district.label}}
        )
    minutes = minutes or 15
    order = (meeting.presentations.aggregate(m=Max("order"))["m"] or 0) + 1
    item = Presentation.objects.create(
        meeting=meeting,
        exemplar=exemplar,
        order=order,
        starts_at=starts_at or _next_start(meeting, minutes),
        minutes=minutes,
    )
    audit(
        by,
        "meeting.presentation_added",
        meeting,
        after={
            "district": district.pk,
            "unit": str(exemplar.enrolment.unit),
            **snapshot(item, PRESENTATION_FIELDS),
        },
    )
    return item


@transaction.atomic
def add_all_presentations(meeting, *, by, minutes=15, starts_at=None):
    """Every district exemplar of the year not yet on the agenda, in district order, one after another from
    `starts_at` (or the end of the last item, or the meeting's start). Returns the items added."""
    meeting = Meeting.objects.select_related("round__committee__year").get(pk=meeting.pk)
    _provincial(meeting)
    taken = set(meeting.presentations.values_list("exemplar_id", flat=True))
    todo = [
        e
        for e in Exemplar.objects.filter(year=meeting.round.committee.year)
        .select_related("district")
        .order_by("district_id")
        if e.pk not in taken
    ]
    if not todo:
        raise ValidationError(_("ไม่มีหน่วยนับต้นแบบของอำเภอที่ยังไม่อยู่ในวาระการนำเสนอ"))
    added = []
    for i, e in enumerate(todo):
        added.append(
            add_presentation(
                meeting, e.district, by=by, minutes=minutes, starts_at=starts_at if i == 0 else None
            )
        )
    return added


@transaction.atomic
def update_presentation(item, *, by, order, starts_at, minutes, remarks=""):
    """Order, start and minutes of one item, and the committee's remarks (only once the meeting has been held)."""
    item = Presentation.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    remarks = (remarks or "").replace("\x00", "").strip()
    if remarks != item.remarks and item.meeting.held_on > timezone.localdate():
        raise ValidationError({"remarks": _("ยังไม่ถึงวันประชุม จึงบันทึกข้อคิดเห็นของคณะกรรมการไม่ได้")})
    if not minutes or minutes < 1 or minutes > 240:
        raise ValidationError({"minutes": _("เวลานำเสนอต้องอยู่ระหว่าง 1 ถึง 240 นาที")})
    before = snapshot(item, PRESENTATION_FIELDS)
    if remarks != item.remarks:
        item.remarks_by = by
    item.order, item.starts_at, item.minutes, item.remarks = order, starts_at, minutes, remarks
    item.save()
    audit(
        by,
        "meeting.presentation_updated",
        item.meeting,
        before={"district": item.exemplar.district_id, **before},
        after={"district": item.exemplar.district_id, **snapshot(item, PRESENTATION_FIELDS)},
    )
    return item


@transaction.atomic
def remove_presentation(item, *, by):
    item = Presentation.objects.select_for_update().select_related("meeting", "exemplar").get(pk=item.pk)
    if item.remarks:
        raise ValidationError(_("การนำเสนอนี้มีข้อคิดเห็นของคณะกรรมการแล้ว จึงนำออกจากวาระไม่ได้"))
    meeting = item.meeting
    before = {"district": item.exemplar.district_id, **snapshot(item, PRESENTATION_FIELDS)}
    item.delete()
    audit(by, "meeting.presentation_removed", meeting, before=before)
    return meeting
