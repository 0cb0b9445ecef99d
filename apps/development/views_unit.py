"""Work on an enrolled unit: list, unit page, stage moves, self-assessment, evidence, community indicators,
photos and evidence files (served after an access check), landing panel."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors, messages_from, posted_text
from apps.core.objectstore import serve_or_404
from apps.core.query import chosen, filtered
from apps.geo.models import District
from apps.registry import stages
from apps.registry.enums import Outcome, Stage
from apps.registry.models import Enrolment, Photo
from apps.registry.photos import photo_file_response

from .filters import EnrolmentFilter
from .forms import AssessmentHeaderForm, CommunityIndicatorForm, EvidenceForm, MoveBackForm
from .models import CommunityIndicator, EvidenceFile, SelfAssessment
from .pages import PERM, editable_enrolment, enrolments_for, get_enrolment, unit_page_data
from .selectors import indicators_of, pick_year, standard_set_for
from .services import assessment as assessment_services
from .services import stages as dev_stages
from .services.plans import return_stage


@staff_view
def unit_list(request):
    year, years = pick_year(request.user, request.GET.get("year"))
    base = enrolments_for(request.user).filter(year=year) if year else Enrolment.objects.none()
    districts = District.objects.filter(province_id=year.province_id) if year else District.objects.none()
    f = filtered(EnrolmentFilter, request, base, districts=districts)
    qs = f.qs
    district, stage = chosen(f, "district"), chosen(f, "stage")
    rows = (
        qs.select_related("unit__district", "self_assessment", "plan")
        .annotate(last_visit=Max("visits__visited_on"), n_visits=Count("visits", distinct=True))
        .order_by("unit__district_id", "unit__target_type", "unit__name")
    )
    can_close = bool(
        year and district and request.user.has_perm(PERM, District.objects.filter(code=district).first())
    )
    n_recruiting = qs.filter(stage=Stage.RECRUITMENT).count() if can_close else 0
    return render(
        request,
        "development/unit_list.html",
        {
            "year": year,
            "years": years,
            "rows": rows,
            "districts": districts,
            "district": district,
            "stage": stage,
            "stages": Stage,
            "can_close": can_close and n_recruiting,
            "n_recruiting": n_recruiting,
        },
    )


@staff_view
@require_POST
def close_recruitment(request):
    year, _years = pick_year(request.user, request.GET.get("year"))
    district = get_object_or_404(
        District.objects.visible_to(request.user), code=request.GET.get("district", "")
    )
    require_perm(request.user, PERM, district)
    if year is None or year.province_id != district.province_id:
        raise Http404
    n = stages.close_recruitment(year, district.code, by=request.user)
    messages.success(request, _("ปิดรับสมัครแล้ว หน่วยนับ %(n)s หน่วยเข้าสู่ขั้นเสริมสร้างการเรียนรู้") % {"n": n})
    return redirect(
        f"{request.path.rsplit('close-recruitment/', 1)[0]}?year={year.pk}&district={district.code}"
    )


@staff_view
def unit_detail(request, pk):
    e = get_enrolment(request, pk)
    data = unit_page_data(e)
    can_edit = request.user.has_perm(PERM, e)
    return render(
        request,
        "development/unit_detail.html",
        {
            "e": e,
            **data,
            "can_edit": can_edit,
            "stages": Stage,
            "move_back_form": MoveBackForm(),
            "editable": e.stage in (2, 3, 4) and e.outcome == Outcome.IN_PROGRESS,
        },
    )


@staff_view
@require_POST
def stage_move(request, pk):
    e = editable_enrolment(request, pk)
    action = request.POST.get("action")
    try:
        if action == "reinforcement":
            stages.enter_reinforcement(e, by=request.user)
        elif action == "evaluation":
            dev_stages.request_evaluation(e, by=request.user)
        elif action == "back":
            form = MoveBackForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("กรุณาเลือกขั้นตอนและระบุเหตุผลที่ย้อนขั้นตอน"))
            return_stage(
                e, form.cleaned_data["to_stage"], by=request.user, reason=form.cleaned_data["reason"]
            )
        else:
            raise ValidationError(_("ไม่รู้จักคำสั่งนี้"))
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        e.refresh_from_db()
        messages.success(request, _("ขณะนี้หน่วยนับอยู่ใน%(s)s") % {"s": e.get_stage_display()})
    return redirect("development:unit", pk=e.pk)


@staff_view
def assessment_edit(request, pk):
    e = get_enrolment(request, pk)
    can_edit = request.user.has_perm(PERM, e)
    sa = SelfAssessment.objects.filter(enrolment=e).select_related("standard_set").first()
    if sa is None:
        if request.method != "POST" or not can_edit:
            if not can_edit and request.method == "POST":
                require_perm(request.user, PERM, e)
            return render(
                request,
                "development/assessment_start.html",
                {"e": e, "sset": standard_set_for(e), "can_edit": can_edit},
            )
        try:
            sa = assessment_services.start_assessment(e, by=request.user)
        except ValidationError as exc:
            messages_from(request, exc)
            return redirect("development:unit", pk=e.pk)
        return redirect("development:assessment", pk=e.pk)
    indicators = list(indicators_of(sa.standard_set))
    answers = {a.indicator_id: a for a in sa.answers.all()}
    header = AssessmentHeaderForm(
        request.POST if request.method == "POST" else None, instance=sa, initial={"version": sa.version}
    )
    rows_input = None
    if request.method == "POST":
        require_perm(request.user, PERM, e)
        scores = {i.pk: request.POST.get(f"score_{i.pk}", "").strip() or None for i in indicators}
        notes = {i.pk: posted_text(request.POST, f"note_{i.pk}") for i in indicators}
        rows_input = (scores, notes)
        if header.is_valid():
            try:
                result = assessment_services.save_assessment(
                    sa,
                    scores=scores,
                    notes=notes,
                    header={f: header.cleaned_data[f] for f in ("assessed_on", "participants", "note")},
                    by=request.user,
                    version=header.cleaned_data["version"],
                )
            except ValidationError as exc:
                form_errors(header, exc)
            else:
                messages.success(
                    request,
                    _("บันทึกผลการประเมินตนเองแล้ว: %(p)s%% %(r)s")
                    % {"p": result.percent, "r": _("ผ่านเกณฑ์") if result.passed else _("ยังไม่ผ่านเกณฑ์")},
                )
                return redirect("development:unit", pk=e.pk)
    rows = []
    for comp_ind in indicators:
        a = answers.get(comp_ind.pk)
        if rows_input:
            score, note = rows_input[0][comp_ind.pk], rows_input[1][comp_ind.pk]
        else:
            score = a.score if a else None
            note = a.evidence_note if a else ""
        if score is not None and comp_ind.scale == comp_ind.Scale.PASS_FAIL:
            score = _pass_fail_shown(score)
        elif score is not None and not isinstance(score, str):
            score = f"{score.normalize():f}"
        rows.append({"i": comp_ind, "score": score, "note": note})
    return render(
        request,
        "development/assessment_form.html",
        {
            "e": e,
            "sa": sa,
            "rows": rows,
            "header": header,
            "can_edit": can_edit,
            "evidence_form": EvidenceForm(indicators=sa.standard_set and _ind_qs(sa)),
            "community_form": CommunityIndicatorForm(),
            "community": CommunityIndicator.objects.filter(enrolment=e),
            "files": sa.files.select_related("indicator"),
            "result": assessment_services.result_of(sa, indicators),
        },
    )


def _pass_fail_shown(score):
    """A pass/fail answer as the form shows it ("1"/"0"); a posted value that is no number comes back as typed
    (the service has refused it with a Thai message)."""
    try:
        return str(int(float(score)))
    except (TypeError, ValueError, OverflowError):
        return str(score)


def _ind_qs(sa):
    return indicators_of(sa.standard_set)


@staff_view
@require_POST
def evidence_add(request, pk):
    e = editable_enrolment(request, pk)
    sa = get_object_or_404(SelfAssessment, enrolment=e)
    form = EvidenceForm(request.POST, request.FILES, indicators=_ind_qs(sa))
    if form.is_valid():
        try:
            assessment_services.add_evidence(
                sa,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                indicator=form.cleaned_data["indicator"],
                by=request.user,
            )
        except ValidationError as exc:
            messages_from(request, exc)
        else:
            messages.success(request, _("แนบหลักฐานแล้ว"))
    else:
        messages.error(request, _("กรุณาเลือกไฟล์หลักฐาน"))
    return redirect("development:assessment", pk=e.pk)


@staff_view
def evidence_file(request, file_id):
    ef = get_object_or_404(EvidenceFile.objects.select_related("assessment"), pk=file_id)
    visible_or_404(SelfAssessment, request.user, pk=ef.assessment_id)
    return serve_or_404(ef.file, as_attachment=True)


@staff_view
@require_POST
def evidence_remove(request, pk, file_id):
    e = editable_enrolment(request, pk)
    ef = get_object_or_404(
        EvidenceFile.objects.select_related("assessment__enrolment", "indicator"),
        pk=file_id,
        assessment__enrolment=e,
    )
    try:
        assessment_services.remove_evidence(ef, by=request.user)
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(request, _("ลบไฟล์หลักฐาน “%(t)s” แล้ว") % {"t": ef.title})
    return redirect("development:assessment", pk=e.pk)


@transaction.non_atomic_requests  # a page loads many thumbnails at once: each fill commits on its own (SQLite)
@staff_view
def photo(request, photo_id, thumb=False):
    """A photo of the unit's work (development:photo) or its thumbnail (development:photo_thumb)."""
    p = visible_or_404(Photo, request.user, pk=photo_id)
    return photo_file_response(p, thumb=thumb, cache_control="private, max-age=3600")


@staff_view
@require_POST
def community_add(request, pk):
    e = editable_enrolment(request, pk)
    form = CommunityIndicatorForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("กรุณากรอกตัวชี้วัดของชุมชน"))
        assessment_services.add_community_indicator(
            e, text=form.cleaned_data["text"], target=form.cleaned_data["target"], by=request.user
        )
    except ValidationError as exc:
        messages_from(request, exc)
    else:
        messages.success(request, _("เพิ่มตัวชี้วัดของชุมชนแล้ว"))
    return redirect("development:assessment", pk=e.pk)


@staff_view
@require_POST
def community_edit(request, pk, ci_id):
    e = editable_enrolment(request, pk)
    ci = get_object_or_404(CommunityIndicator.objects.select_related("enrolment"), pk=ci_id, enrolment=e)
    try:
        if request.POST.get("action") == "remove":
            assessment_services.remove_community_indicator(ci, by=request.user)
        else:
            met = {"yes": True, "no": False}.get(request.POST.get("met"))
            assessment_services.set_community_indicator(
                ci, met=met, note=posted_text(request.POST, "note", 255), by=request.user
            )
    except ValidationError as exc:
        messages_from(request, exc)
    return redirect("development:assessment", pk=e.pk)
