"""Meetings of a round: the page of a meeting (agenda, attendance and quorum, resolutions, minutes) and its forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors, messages_from, posted_text
from apps.geo.models import District
from apps.registry.enums import EvaluationLevel

from . import meetings
from .forms import (
    ALL_DISTRICTS,
    MeetingForm,
    MinutesApprovalForm,
    MinutesForm,
    PresentationAddForm,
    PresentationForm,
    ResolutionForm,
)
from .models import Attendance, Meeting, Presentation, Resolution, Round, RoundEntry

PERM = "evaluation.manage_meeting"


def _meeting(request, pk):
    return get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related(
            "round__committee__year__province", "round__committee__district", "round__committee__zone"
        ),
        pk=pk,
    )


@staff_view
def meeting_new(request, pk):
    rnd = visible_or_404(Round, request.user, pk=pk)
    require_perm(request.user, PERM, rnd)
    form = MeetingForm(request.POST or None, initial={"held_on": rnd.starts_on, "place": rnd.place})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.create_meeting(rnd, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("สร้างการประชุมครั้งที่ %(n)s แล้ว") % {"n": meeting.number})
            return redirect("evaluation:meeting", pk=meeting.pk)
    return render(request, "evaluation/form.html", {"form": form, "title": _("นัดประชุม"), "round": rnd})


@staff_view
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, PERM, meeting)
    fields = ["held_on", "starts_at", "place", "online_url", "extra_agenda", "attachments"]
    form = MeetingForm(request.POST or None, initial={f: getattr(meeting, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            meetings.update_meeting(meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการประชุมแล้ว"))
            return redirect("evaluation:meeting", pk=meeting.pk)
    return render(
        request, "evaluation/form.html", {"form": form, "title": _("แก้ไขการประชุม"), "round": meeting.round}
    )


@staff_view
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    can_manage = request.user.has_perm(PERM, meeting)
    entries, free = meetings.agenda_of(meeting)
    resolutions = {
        r.entry_id: r
        for r in Resolution.objects.filter(entry__round_id=meeting.round_id).select_related("meeting")
    }
    rows = [{"entry": e, "resolution": resolutions.get(e.pk)} for e in entries]
    attendance = list(meeting.attendance.select_related("seat__person"))
    later = Meeting.objects.filter(
        round__committee_id=meeting.round.committee_id, held_on__gt=meeting.held_on
    )
    return render(
        request,
        "evaluation/meeting_detail.html",
        {
            "meeting": meeting,
            "round": meeting.round,
            "committee": meeting.round.committee,
            "rows": rows,
            "free": free,
            "attendance": attendance,
            "statuses": Attendance.Status.choices,
            "quorum": meetings.quorum_of(meeting),
            "can_manage": can_manage,
            "outcomes": Resolution.Outcome.choices,
            "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
            "approval_form": MinutesApprovalForm(meetings=later),
            "siblings": Meeting.objects.filter(round_id=meeting.round_id).exclude(pk=meeting.pk),
            "provincial": meeting.round.committee.level == EvaluationLevel.COMMITTEE,
            "presentations": meetings.presentations_of(meeting),
            "presentation_form": PresentationAddForm(districts=_districts(meeting)),
        },
    )


@staff_view
@require_POST
def meeting_attendance(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, PERM, meeting)
    rows = {}
    for a in meeting.attendance.all():
        status = posted_text(request.POST, f"status-{a.seat_id}", 10) or a.status
        rows[a.seat_id] = (status, posted_text(request.POST, f"substitute-{a.seat_id}", 255))
    try:
        q = meetings.record_attendance(meeting, by=request.user, rows=rows)
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        if q.met:
            messages.success(
                request,
                _("บันทึกการมาประชุมแล้ว ครบองค์ประชุม (%(p)s จาก %(m)s คน)") % {"p": q.present, "m": q.members},
            )
        else:
            messages.warning(
                request,
                _("บันทึกการมาประชุมแล้ว แต่ไม่ครบองค์ประชุม (%(p)s จาก %(m)s คน ต้องมีอย่างน้อย %(n)s คน)")
                % {"p": q.present, "m": q.members, "n": q.needed},
            )
    return redirect("evaluation:meeting", pk=meeting.pk)


@staff_view
@require_POST
def meeting_resolve(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, PERM, meeting)
    form = ResolutionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกมติ"))
        return redirect("evaluation:meeting", pk=meeting.pk)
    entry = RoundEntry.objects.filter(round_id=meeting.round_id, pk=form.cleaned_data["entry"]).first()
    if entry is None:
        messages.error(request, _("หน่วยนับนี้ไม่อยู่ในรอบของการประชุมนี้"))
        return redirect("evaluation:meeting", pk=meeting.pk)
    try:
        res = meetings.resolve(
            meeting,
            entry,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(
            request,
            _("บันทึกมติแล้ว: %(u)s — %(o)s") % {"u": entry.enrolment.unit, "o": res.get_outcome_display()},
        )
    return redirect("evaluation:meeting", pk=meeting.pk)


@staff_view
@require_POST
def meeting_minutes(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, PERM, meeting)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณากรอกรายงานการประชุม"))
        return redirect("evaluation:meeting", pk=meeting.pk)
    try:
        meetings.save_minutes(meeting, by=request.user, text=form.cleaned_data["minutes"])
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(request, _("บันทึกรายงานการประชุมแล้ว"))
    return redirect("evaluation:meeting", pk=meeting.pk)


@staff_view
@require_POST
def meeting_approve(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, PERM, meeting)
    later = Meeting.objects.filter(
        round__committee_id=meeting.round.committee_id, held_on__gt=meeting.held_on
    )
    form = MinutesApprovalForm(request.POST, meetings=later)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect("evaluation:meeting", pk=meeting.pk)
    d = form.cleaned_data
    try:
        meetings.approve_minutes(
            meeting,
            by=request.user,
            method=d["method"],
            approved_on=d["approved_on"] or (d["at_meeting"] and d["at_meeting"].held_on),
            at_meeting=d["at_meeting"],
            note=d["note"],
        )
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(request, _("บันทึกการรับรองรายงานการประชุมแล้ว"))
    return redirect("evaluation:meeting", pk=meeting.pk)


# ---- exemplar presentations (guideline 2.8) --------------------------------------------------------------------


def _districts(meeting):
    return District.objects.filter(province_id=meeting.round.committee.year.province_id).order_by("code")


@staff_view
@require_POST
def presentation_add(request, pk):
    meeting = _meeting(request, pk)
    require_perm(request.user, PERM, meeting)
    form = PresentationAddForm(request.POST, districts=_districts(meeting))
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
        return redirect("evaluation:meeting", pk=meeting.pk)
    d = form.cleaned_data
    try:
        if d["district"] == ALL_DISTRICTS:
            added = meetings.add_all_presentations(
                meeting, by=request.user, minutes=d["minutes"], starts_at=d["starts_at"]
            )
        else:
            district = _districts(meeting).filter(code=d["district"]).first()
            added = [
                meetings.add_presentation(
                    meeting, district, by=request.user, minutes=d["minutes"], starts_at=d["starts_at"]
                )
            ]
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(request, _("เพิ่มการนำเสนอผลงานต้นแบบอำเภอในวาระแล้ว %(n)s อำเภอ") % {"n": len(added)})
    return redirect("evaluation:meeting", pk=meeting.pk)


def _presentation(request, pk):
    return get_object_or_404(
        Presentation.objects.filter(
            meeting__in=Meeting.objects.visible_to(request.user).values("pk")
        ).select_related(
            "meeting__round__committee__year", "exemplar__district", "exemplar__enrolment__unit"
        ),
        pk=pk,
    )


@staff_view
def presentation_edit(request, pk):
    item = _presentation(request, pk)
    require_perm(request.user, PERM, item.meeting)
    fields = ["order", "starts_at", "minutes", "remarks"]
    form = PresentationForm(request.POST or None, initial={f: getattr(item, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            meetings.update_presentation(item, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการนำเสนอของ%(d)s แล้ว") % {"d": item.exemplar.district.label})
            return redirect("evaluation:meeting", pk=item.meeting_id)
    title = _("การนำเสนอผลงานต้นแบบ%(d)s: %(u)s") % {
        "d": item.exemplar.district.label,
        "u": item.exemplar.enrolment.unit.name,
    }
    return render(
        request, "evaluation/form.html", {"form": form, "title": title, "round": item.meeting.round}
    )


@staff_view
@require_POST
def presentation_remove(request, pk):
    item = _presentation(request, pk)
    require_perm(request.user, PERM, item.meeting)
    try:
        meetings.remove_presentation(item, by=request.user)
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(
            request, _("นำการนำเสนอของ%(d)s ออกจากวาระแล้ว") % {"d": item.exemplar.district.label}
        )
    return redirect("evaluation:meeting", pk=item.meeting_id)
