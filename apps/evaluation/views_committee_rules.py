"""A committee's quorum rule and duties: one small form for whoever manages the committee."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.core.access import require_perm, staff_view, visible_or_404
from apps.core.forms import form_errors

from . import committee_rules
from .forms import CommitteeRulesForm
from .models import Committee


@staff_view
def committee_rules_edit(request, pk):
    committee = visible_or_404(Committee, request.user, pk=pk)
    require_perm(request.user, "evaluation.manage_committee", committee)
    form = CommitteeRulesForm(
        request.POST or None, initial={f: getattr(committee, f) for f in committee_rules.RULE_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            committee_rules.update_rules(committee, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("บันทึกองค์ประชุมและอำนาจหน้าที่ของคณะกรรมการแล้ว"))
            return redirect("evaluation:committee", pk=committee.pk)
    return render(
        request,
        "evaluation/committee_rules.html",
        {"form": form, "committee": committee, "title": _("องค์ประชุมและอำนาจหน้าที่")},
    )
