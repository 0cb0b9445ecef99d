"""The self-development plan of a unit: summary, goals, activities, submit/reopen, progress; printable PDFs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.audit import audit_export
from apps.core.forms import form_errors
from apps.core.generated import request_download

from . import documents
from .forms import ActivityForm, GoalForm, ProgressForm, ReasonForm, SummaryForm
from .models import Activity, Goal, Plan
from .pages import PERM, editable_enrolment, get_enrolment, unit_page_data
from .selectors import indicators_of, standard_set_for
from .services import plans as plan_services


def _plan_indicators(e):
    s = standard_set_for(e)
    return indicators_of(s) if s else indicators_of(None).none()


@staff_view
def plan_detail(request, pk):
    e = get_enrolment(request, pk)
    can_edit = request.user.has_perm(PERM, e)
    plan = Plan.objects.filter(enrolment=e).first()
    if plan is None:
        if request.method == "POST":
            require_perm(request.user, PERM, e)
            try:
                plan_services.start_plan(e, by=request.user)
            except ValidationError as exc:
                for m in exc.messages:
                    messages.error(request, m)
                return redirect("development:unit", pk=e.pk)
            return redirect("development:plan", pk=e.pk)
        return render(request, "development/plan_start.html", {"e": e, "can_edit": can_edit})
    form = SummaryForm(request.POST or None, initial={"summary": plan.summary, "version": plan.version})
    if request.method == "POST":
        require_perm(request.user, PERM, e)
        if form.is_valid():
            try:
                plan_services.update_summary(
                    plan,
                    summary=form.cleaned_data["summary"],
                    by=request.user,
                    version=form.cleaned_data["version"],
                )
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("บันทึกแผนแล้ว"))
                return redirect("development:plan", pk=e.pk)
    data = unit_page_data(e)
    covered = {i.pk for a in data["plan"].activities.all() for i in a.indicators.all()}
    gaps = data["result"].gaps if data["result"] else []
    return render(
        request,
        "development/plan_detail.html",
        {
            "e": e,
            **data,
            "form": form,
            "can_edit": can_edit,
            "goal_form": GoalForm(),
            "gaps": [{"i": g, "covered": g.pk in covered} for g in gaps],
            "reason_form": ReasonForm(),
            "total_budget": sum(a.budget for a in data["plan"].activities.all()),
        },
    )


def _own_plan(request, pk):
    e = editable_enrolment(request, pk)
    plan = get_object_or_404(Plan.objects.select_related("enrolment__year", "enrolment__unit"), enrolment=e)
    return e, plan


def _flash(request, exc):
    for m in exc.messages:
        messages.error(request, m)


@staff_view
@require_POST
def goal_save(request, pk, goal_id=None):
    e, plan = _own_plan(request, pk)
    goal = get_object_or_404(Goal, pk=goal_id, plan=plan) if goal_id else None
    form = GoalForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("กรุณากรอกเป้าหมายการพัฒนา"))
        plan_services.save_goal(
            plan, text=form.cleaned_data["text"], order=form.cleaned_data["order"], by=request.user, goal=goal
        )
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("development:plan", pk=e.pk)


@staff_view
@require_POST
def goal_remove(request, pk, goal_id):
    e, plan = _own_plan(request, pk)
    try:
        plan_services.remove_goal(get_object_or_404(Goal, pk=goal_id, plan=plan), by=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("development:plan", pk=e.pk)


@staff_view
def activity_edit(request, pk, activity_id=None):
    e, plan = _own_plan(request, pk)
    activity = get_object_or_404(Activity, pk=activity_id, plan=plan) if activity_id else None
    indicators = _plan_indicators(e)
    initial = {}
    if activity is None and request.GET.get("indicator", "").isdigit():
        initial["indicators"] = [int(request.GET["indicator"])]
    form = ActivityForm(
        request.POST or None, instance=activity, plan=plan, indicators=indicators, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data.get(f) for f in plan_services.ACTIVITY_FIELDS}
        try:
            plan_services.save_activity(
                plan,
                data,
                indicators=list(form.cleaned_data["indicators"]),
                by=request.user,
                activity=activity,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกกิจกรรมแล้ว"))
            return redirect("development:plan", pk=e.pk)
    if plan.status != "draft" and request.method == "GET":
        messages.error(request, _("แผนนี้ส่งแล้ว แก้ไขไม่ได้ หากต้องแก้ไขให้ขอคืนแผนเป็นร่างพร้อมเหตุผล"))
        return redirect("development:plan", pk=e.pk)
    return render(
        request,
        "development/activity_form.html",
        {"e": e, "form": form, "title": _("แก้ไขกิจกรรม") if activity else _("เพิ่มกิจกรรม")},
    )


@staff_view
@require_POST
def activity_remove(request, pk, activity_id):
    e, plan = _own_plan(request, pk)
    try:
        plan_services.remove_activity(get_object_or_404(Activity, pk=activity_id, plan=plan), by=request.user)
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("development:plan", pk=e.pk)


@staff_view
def activity_progress(request, pk, activity_id):
    e, plan = _own_plan(request, pk)
    activity = get_object_or_404(Activity, pk=activity_id, plan=plan)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "progress": activity.progress if activity.progress != "pending" else None,
            "note": activity.progress_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.record_progress(
                activity,
                progress=form.cleaned_data["progress"],
                note=form.cleaned_data["note"],
                photos=form.cleaned_data["photos"],
                by=request.user,
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกความก้าวหน้าแล้ว"))
            return redirect("development:plan", pk=e.pk)
    return render(
        request,
        "development/activity_form.html",
        {
            "e": e,
            "form": form,
            "multipart": True,
            "activity": activity,
            "title": _("ความก้าวหน้า: %(a)s") % {"a": activity.what},
        },
    )


@staff_view
@require_POST
def plan_submit(request, pk):
    e, plan = _own_plan(request, pk)
    try:
        plan_services.submit_plan(plan, by=request.user, version=request.POST.get("version"))
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("ส่งแผนพัฒนาตนเองแล้ว หน่วยนับเข้าสู่ขั้นการเรียนรู้และพัฒนาตนเอง"))
    return redirect("development:plan", pk=e.pk)


@staff_view
@require_POST
def plan_reopen(request, pk):
    e, plan = _own_plan(request, pk)
    form = ReasonForm(request.POST)
    try:
        plan_services.reopen_plan(plan, by=request.user, reason=form.data.get("reason", ""))
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("คืนแผนเป็นร่างแล้ว"))
    return redirect("development:plan", pk=e.pk)


def _queued(request, e, kind, title, name):
    """The PDF is built by the worker; this page hands over to its progress page (then the download)."""
    gf = request_download(
        request.user,
        kind=kind,
        title=title % {"u": e.unit},
        params={"enrolment_id": e.pk},
        back=reverse("development:unit", kwargs={"pk": e.pk}),
    )
    audit_export(request.user, name, e)
    return redirect("core:file_status", token=gf.token)


@staff_view
def assessment_pdf(request, pk):
    e = get_enrolment(request, pk)
    return _queued(request, e, documents.ASSESSMENT_KIND, _("แบบประเมินตนเอง: %(u)s (PDF)"), "assessment_pdf")


@staff_view
def plan_pdf(request, pk):
    e = get_enrolment(request, pk)
    if not Plan.objects.filter(enrolment=e).exists():
        messages.error(request, _("ยังไม่มีแผนพัฒนาตนเอง"))
        return redirect("development:unit", pk=e.pk)
    return _queued(request, e, documents.PLAN_KIND, _("แผนพัฒนาตนเอง: %(u)s (PDF)"), "plan_pdf")
