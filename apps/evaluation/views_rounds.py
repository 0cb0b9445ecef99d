"""Rounds: schedule, units, decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors, posted_text
from apps.core.links import per_pk
from apps.core.objectstore import serve_or_404
from apps.registry.enums import EvaluationLevel, TargetType
from apps.registry.models import Enrolment

from . import decisions, readiness, services
from .enums import Decision, PresentationMode
from .forms import BulkDecisionForm, DecisionForm, NewRoundForm, RoundForm, ScheduleForm
from .models import Committee, Round, RoundEntry


def _entry_count(condition=None):
    """Units of each listed round, counted per round through the round index: a join with every entry of the
    country before grouping took a quarter of a second at national scale."""
    entries = (
        RoundEntry.objects.filter(condition or Q(), round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(entries), 0)


@staff_view
def round_list(request):
    rounds = (
        Round.objects.visible_to(request.user)
        .select_related("committee__year__province", "committee__district", "committee__zone")
        .annotate(n_entries=_entry_count(), n_decided=_entry_count(~Q(decision="")))
        .order_by("-committee__year__fiscal_year", "-starts_on")
    )
    can_add = any(
        request.user.has_perm("evaluation.manage_round", c)
        for c in Committee.objects.visible_to(request.user).select_related("year")[:200]
    )
    rounds = list(rounds)
    link = per_pk("evaluation:round")
    for r in rounds:
        r.link = link(r.pk)
    return render(
        request,
        "evaluation/round_list.html",
        {"rounds": rounds, "can_add": can_add, "levels": {k: str(v) for k, v in EvaluationLevel.choices}},
    )


def _manageable_committees(user):
    qs = Committee.objects.visible_to(user).select_related("year__province", "district", "zone")
    return [c for c in qs if user.has_perm("evaluation.manage_round", c)]


@staff_view
def round_new(request):
    committees = _manageable_committees(request.user)
    if not committees:
        raise PermissionDenied
    form = NewRoundForm(
        request.POST or None,
        committees=Committee.objects.filter(pk__in=[c.pk for c in committees]),
        initial={"committee": request.GET.get("committee")},
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        committee = d.pop("committee")
        try:
            rnd = services.create_round(committee, by=request.user, **d)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("สร้างรอบการประเมินแล้ว"))
            return redirect("evaluation:round", pk=rnd.pk)
    return render(request, "evaluation/form.html", {"form": form, "title": _("สร้างรอบการประเมิน")})


@staff_view
def round_edit(request, pk):
    rnd = visible_or_404(Round, request.user, pk=pk)
    require_perm(request.user, "evaluation.manage_round", rnd)
    fields = ["title", "starts_on", "ends_on", "place", "online_url", "first_slot", "slot_minutes"]
    form = RoundForm(request.POST or None, initial={f: getattr(rnd, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_round(rnd, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกรอบการประเมินแล้ว"))
            return redirect("evaluation:round", pk=rnd.pk)
    return render(
        request, "evaluation/form.html", {"form": form, "title": _("แก้ไขรอบการประเมิน"), "round": rnd}
    )


ENTRY_COLUMNS = [
    "order",
    "override_reason",
    "slot_start",
    "slot_minutes",
    "mode",
    "recording",
    "decision",
    "round",
    "enrolment__mentor",
    "enrolment__year",
    "enrolment__unit__name",
    "enrolment__unit__target_type",
    "enrolment__unit__district__name_th",
]


@staff_view
def round_detail(request, pk):
    rnd = get_object_or_404(
        Round.objects.visible_to(request.user).select_related(
            "committee__year__province", "committee__district", "committee__zone"
        ),
        pk=pk,
    )
    user = request.user
    # Only what the table and round_picture read: a round of the provincial committee holds every unit of
    # the province, and each unit 3–5 scorecards (read by round_picture as rows).
    entries = list(
        RoundEntry.objects.visible_to(user)
        .filter(round=rnd)
        .select_related("enrolment__unit__district")
        .only(*ENTRY_COLUMNS)
        .order_by("order", "pk")
    )
    pictures, progress, rule_sets = decisions.round_picture(rnd, entries)
    _add_rows(pictures)
    blind = decisions.blind_entries(user, rnd)
    for p in pictures:
        p.blind = p.entry.pk in blind
    seated = any(m["seat"].user_id == user.pk for m in progress)
    scorable = set(
        RoundEntry.objects.scorable_by(user).filter(round=rnd).values_list("pk", flat=True) if seated else ()
    )
    can_manage = user.has_perm("evaluation.manage_round", rnd)
    can_decide = user.has_perm("evaluation.decide", rnd)
    sees_scores = can_decide or can_manage or user.scope.reads_all_of_province(rnd.scope_province_id)
    candidates = list(services.candidates(rnd)[:300]) if can_manage else []
    gaps = readiness.gaps_of([c.pk for c in candidates])
    for c in candidates:
        c.gaps = gaps.get(c.pk, [])
    return render(
        request,
        "evaluation/round_detail.html",
        {
            "round": rnd,
            "committee": rnd.committee,
            "pictures": pictures,
            "progress": progress,
            "rule_sets": rule_sets,
            "scorable": scorable,
            "can_manage": can_manage,
            "can_decide": can_decide,
            "sees_scores": sees_scores,
            "candidates": candidates,
            "ready": [c for c in candidates if not c.gaps],
            "can_override": user.has_perm("evaluation.override_readiness", rnd),
            "can_record": user.has_perm("evaluation.record_on_behalf", rnd),
            "bulk_form": BulkDecisionForm(),
        },
    )


ENTRY_LINKS = {
    "recording": "entry_recording",
    "score": "score",
    "schedule": "entry_schedule",
    "decide": "entry_decide",
}


DECISION_BADGE = {Decision.PASS: "ok", Decision.NOT_PASS: "bad", Decision.RETURN: "warn"}


def _add_rows(pictures):
    """What each row of the table shows, in one pass: links from one reverse() per kind, choice labels
    translated once per page, and the unit's line ready to print. A provincial round lists every unit of the
    province; resolving e.enrolment.unit.district… per cell was most of the template's time."""
    makers = {key: per_pk(f"evaluation:{name}") for key, name in ENTRY_LINKS.items()}
    types = {k: str(v) for k, v in TargetType.choices}
    modes = {k: str(v) for k, v in PresentationMode.choices}
    outcomes = {k: str(v) for k, v in Decision.choices}
    for p in pictures:
        e = p.entry
        unit = e.enrolment.unit
        p.links = {key: make(e.pk) for key, make in makers.items()}
        p.row = {
            "unit": unit.name,
            "meta": f"{types.get(unit.target_type, '')} · {unit.district.label}",
            "mode": modes.get(e.mode, e.mode),
            "decision": outcomes.get(e.decision, ""),
            "badge": DECISION_BADGE.get(e.decision, ""),
        }


@staff_view
@require_POST
def entry_add(request, pk):
    rnd = visible_or_404(Round, request.user, pk=pk)
    require_perm(request.user, "evaluation.manage_round", rnd)
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user), pk=request.POST.get("enrolment") or 0
    )
    reason = posted_text(request.POST, "override_reason", 2000)
    if reason and not request.user.has_perm("evaluation.override_readiness", rnd):
        raise PermissionDenied
    try:
        services.add_entry(rnd, enrolment, by=request.user, override_reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("เพิ่ม %(u)s เข้ารอบแล้ว") % {"u": enrolment.unit})
    return redirect("evaluation:round", pk=rnd.pk)


@staff_view
@require_POST
def place_passed(request, pk):
    rnd = visible_or_404(Round, request.user, pk=pk)
    require_perm(request.user, "evaluation.manage_round", rnd)
    added = services.place_passed(rnd, by=request.user)
    if added:
        messages.success(request, _("นำหน่วยนับที่ผ่านระดับก่อนหน้าเข้ารอบแล้ว %(n)s หน่วยนับ") % {"n": len(added)})
    else:
        messages.info(request, _("ไม่มีหน่วยนับที่ผ่านระดับก่อนหน้ารอเข้ารอบนี้"))
    return redirect("evaluation:round", pk=rnd.pk)


def _entry(request, pk):
    return get_object_or_404(
        RoundEntry.objects.visible_to(request.user).select_related(
            "round__committee__year", "enrolment__unit__district"
        ),
        pk=pk,
    )


@staff_view
def entry_schedule(request, pk):
    entry = _entry(request, pk)
    require_perm(request.user, "evaluation.manage_round", entry.round)
    form = ScheduleForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "order": entry.order,
            "slot_start": entry.slot_start,
            "slot_minutes": entry.slot_minutes or entry.round.slot_minutes,
            "mode": entry.mode,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_entry(entry, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกกำหนดการนำเสนอแล้ว"))
            return redirect("evaluation:round", pk=entry.round_id)
    return render(
        request,
        "evaluation/form.html",
        {
            "form": form,
            "title": _("กำหนดการนำเสนอ: %(u)s") % {"u": entry.enrolment.unit},
            "round": entry.round,
            "multipart": True,
        },
    )


@staff_view
def entry_recording(request, pk):
    entry = _entry(request, pk)
    if not entry.recording:
        raise Http404
    return serve_or_404(entry.recording, as_attachment=True)


@staff_view
def entry_decide(request, pk):
    entry = _entry(request, pk)
    require_perm(request.user, "evaluation.decide", entry)
    picture = decisions.entry_picture(entry)
    # the committee's scores stay hidden from a chair or secretary who may score the unit and has not yet
    blind = entry.pk in decisions.blind_entries(request.user, entry.round)
    suggested = None if blind else picture.computed
    form = DecisionForm(
        request.POST or None,
        initial={"version": entry.version, "decision": entry.decision or suggested or None},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            decisions.decide(
                entry, decision=d["decision"], reason=d["reason"], version=d["version"], by=request.user
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกผลการตัดสินแล้ว"))
            return redirect("evaluation:round", pk=entry.round_id)
    return render(
        request,
        "evaluation/decide.html",
        {
            "entry": entry,
            "picture": None if blind else picture,
            "blind": blind,
            "form": form,
            "round": entry.round,
        },
    )


@staff_view
@require_POST
def bulk_decide(request, pk):
    rnd = visible_or_404(Round, request.user, pk=pk)
    require_perm(request.user, "evaluation.decide", rnd)
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ข้อมูลการตัดสินผลไม่ถูกต้อง"))
        return redirect("evaluation:round", pk=rnd.pk)
    d = form.cleaned_data
    ids = request.POST.getlist("entries")
    try:
        done = decisions.decide_bulk(
            rnd,
            decision=d["decision"],
            reason=d["reason"],
            by=request.user,
            entry_ids=None if d["threshold"] is not None else ids,
            threshold=d["threshold"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("บันทึกผลการตัดสิน %(n)s หน่วยนับแล้ว") % {"n": len(done.decided)})
        if done.skipped:
            messages.warning(
                request,
                _("ข้าม %(n)s หน่วยนับที่ไม่ผ่านตัวชี้วัดบังคับ (%(units)s) จึงไม่บันทึกผลผ่าน กรุณาตัดสินผลทีละหน่วยนับพร้อมเหตุผล")
                % {"n": len(done.skipped), "units": ", ".join(str(e.enrolment.unit) for e in done.skipped)},
            )
    return redirect("evaluation:round", pk=rnd.pk)
