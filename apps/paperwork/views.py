"""Offices (settings, signatories, the emblem), the numbering registers and the official documents of an object."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.access import require_perm, staff_view
from apps.core.forms import form_errors, messages_from
from apps.core.objectstore import serve_or_404

from . import compose, services
from .forms import CancelForm, IssueForm, OfficeForm, ReissueForm, SignatoryForm
from .models import Kind, Number, Office, OfficialDocument, Signatory
from .rules import reads_offices

# who may issue the documents about an object, by the URL word of the object
ISSUE_PERM = {
    "committee": "evaluation.manage_committee",
    "meeting": "evaluation.manage_meeting",
    "round": "evaluation.manage_round",
    "submission": "reporting.submit",
}


def _readable(request):
    if not reads_offices(request.user):
        raise PermissionDenied


@staff_view
def office_list(request):
    _readable(request)
    offices = list(Office.objects.visible_to(request.user).select_related("province", "district"))
    return render(
        request,
        "paperwork/office_list.html",
        {
            "offices": offices,
            "can_add": request.user.has_perm("paperwork.manage_office", None)
            or bool(request.user.scope.staff_province_ids),
        },
    )


@staff_view
def office_detail(request, pk):
    office = get_object_or_404(
        Office.objects.visible_to(request.user).select_related("province", "district"), pk=pk
    )
    can_manage = request.user.has_perm("paperwork.manage_office", office)
    form = OfficeForm(instance=office)
    sign_form = SignatoryForm()
    if request.method == "POST":
        require_perm(request.user, "paperwork.manage_office", office)
        if "position" in request.POST:
            sign_form = SignatoryForm(request.POST)
            if sign_form.is_valid():
                try:
                    services.add_signatory(office, by=request.user, **sign_form.cleaned_data)
                except ValidationError as exc:
                    form_errors(sign_form, exc)
                else:
                    messages.success(request, _("เพิ่มผู้ลงนามแล้ว"))
                    return redirect("paperwork:office", pk=office.pk)
        else:
            form = OfficeForm(request.POST, request.FILES, instance=Office.objects.get(pk=office.pk))
            if form.is_valid():
                d = {k: v for k, v in form.cleaned_data.items() if k != "garuda_file"}
                try:
                    services.update_office(
                        office, by=request.user, garuda=form.cleaned_data.get("garuda_file"), **d
                    )
                except ValidationError as exc:
                    form_errors(form, exc)
                else:
                    messages.success(request, _("บันทึกข้อมูลส่วนราชการแล้ว"))
                    return redirect("paperwork:office", pk=office.pk)
    return render(
        request,
        "paperwork/office_detail.html",
        {
            "office": office,
            "form": form,
            "sign_form": sign_form,
            "signatories": office.signatories.all(),
            "can_manage": can_manage,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view
def office_garuda(request, pk):
    office = get_object_or_404(Office.objects.visible_to(request.user), pk=pk)
    if not office.garuda:
        raise Http404
    kind = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}.get(
        office.garuda.name.rsplit(".", 1)[-1].lower(), "image/png"
    )
    return serve_or_404(office.garuda, content_type=kind, embedded=True)


@staff_view
def register(request, pk):
    office = get_object_or_404(
        Office.objects.visible_to(request.user).select_related("province", "district"), pk=pk
    )
    numbers = list(
        Number.objects.filter(office=office)
        .select_related("document", "taken_by", "cancelled_by")
        .order_by("register", "-year", "-seq")[:500]
    )
    return render(
        request,
        "paperwork/register.html",
        {
            "office": office,
            "numbers": numbers,
            "can_cancel": request.user.has_perm("paperwork.manage_register", office),
            "cancel_form": CancelForm(),
        },
    )


@staff_view
@require_POST
def number_cancel(request, pk):
    number = get_object_or_404(Number.objects.visible_to(request.user).select_related("office"), pk=pk)
    require_perm(request.user, "paperwork.manage_register", number.office)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("การยกเลิกเลขที่หนังสือต้องระบุเหตุผล"))
    else:
        try:
            services.cancel_number(number, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages_from(request, exc)
        else:
            messages.success(request, _("ยกเลิกเลขที่ %(n)s แล้ว") % {"n": number.text})
    return redirect("paperwork:register", pk=number.office_id)


def _about(request, what, pk):
    if what not in compose.ABOUT:
        raise Http404
    model, kinds = compose.ABOUT[what]
    obj = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    return obj, kinds


@staff_view
def about(request, what, pk):
    obj, kinds = _about(request, what, pk)
    can_issue = request.user.has_perm(ISSUE_PERM[what], obj)
    docs = list(
        OfficialDocument.objects.filter(
            content_type__model=obj._meta.model_name,
            content_type__app_label=obj._meta.app_label,
            object_id=str(pk),
        )
        .select_related("number", "pdf", "docx", "replaced_by")
        .order_by("kind", "-version")
    )
    signatories = Signatory.objects.filter(office__in=Office.objects.visible_to(request.user), active=True)
    form = IssueForm(kinds=[(k, Kind(k).label) for k in kinds], signatories=signatories)
    return render(
        request,
        "paperwork/about.html",
        {"obj": obj, "what": what, "docs": docs, "can_issue": can_issue, "form": form},
    )


@staff_view
@require_POST
def issue(request, what, pk):
    obj, kinds = _about(request, what, pk)
    require_perm(request.user, ISSUE_PERM[what], obj)
    signatories = Signatory.objects.filter(office__in=Office.objects.visible_to(request.user), active=True)
    form = IssueForm(request.POST, kinds=[(k, Kind(k).label) for k in kinds], signatories=signatories)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกหนังสือที่จะออก"))
        return redirect("paperwork:about", what=what, pk=pk)
    d = form.cleaned_data
    try:
        doc = services.issue_document(
            d["kind"], obj, by=request.user, dated=d["dated"], signatory=d["signatory"]
        )
    except ValidationError as exc:
        messages_from(request, exc)
        return redirect("paperwork:about", what=what, pk=pk)
    messages.success(request, _("ออกหนังสือแล้ว กำลังจัดทำไฟล์ PDF และ .docx"))
    return redirect("paperwork:document", pk=doc.pk)


@staff_view
def document(request, pk):
    doc = get_object_or_404(
        OfficialDocument.objects.visible_to(request.user).select_related(
            "office", "number", "pdf", "docx", "replaces"
        ),
        pk=pk,
    )
    versions = []
    cur = doc
    while cur.replaces_id:
        cur = OfficialDocument.objects.select_related("number", "pdf", "docx").get(pk=cur.replaces_id)
        versions.append(cur)
    newer = getattr(doc, "replaced_by", None) if hasattr(doc, "replaced_by") else None
    return render(
        request,
        "paperwork/document.html",
        {
            "doc": doc,
            "older": versions,
            "newer": newer,
            "can_reissue": newer is None and request.user.has_perm("paperwork.reissue", doc),
            "form": ReissueForm(),
        },
    )


@staff_view
@require_POST
def reissue(request, pk):
    doc = get_object_or_404(OfficialDocument.objects.visible_to(request.user).select_related("office"), pk=pk)
    require_perm(request.user, "paperwork.reissue", doc)
    form = ReissueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("การออกหนังสือฉบับใหม่แทนฉบับเดิมต้องระบุเหตุผล"))
        return redirect("paperwork:document", pk=doc.pk)
    try:
        new = services.reissue(
            doc, by=request.user, reason=form.cleaned_data["reason"], dated=form.cleaned_data["dated"]
        )
    except ValidationError as exc:
        messages_from(request, exc)
        return redirect("paperwork:document", pk=doc.pk)
    messages.success(request, _("ออกหนังสือฉบับใหม่แทนฉบับเดิมแล้ว"))
    return redirect("paperwork:document", pk=new.pk)


@staff_view
@require_POST
def build_files(request, pk):
    """The PDF and .docx of a document whose files were not built yet (the demo's older papers): whoever reads
    the document may ask for them; the text is the one kept on the document."""
    doc = get_object_or_404(OfficialDocument.objects.visible_to(request.user), pk=pk)
    if doc.pdf_id is None or doc.docx_id is None:
        services.request_files(doc, by=request.user)
        messages.success(request, _("กำลังจัดทำไฟล์ PDF และ .docx"))
    return redirect("paperwork:document", pk=doc.pk)
