"""The evaluation's part of "everything held about a person" (apps.core.personaldata): seats on committees.
A committee member's record is part of official acts (resolutions, scorecards): erasure does not touch it, and
says so. The committee's Person records join here when they exist (register another holder or extend this)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.personaldata import Holder

from .models import CommitteeMember


def _seats(subject):
    words = (subject.full_name or "").split()
    if len(words) < 2:
        return CommitteeMember.objects.none()
    return CommitteeMember.objects.filter(
        user__first_name=words[0], user__last_name=" ".join(words[1:])
    ).select_related("committee__year", "committee__zone", "committee__year__province")


def find(subject):
    return [
        _("กรรมการ: %(c)s (%(r)s)") % {"c": s.committee.name, "r": s.get_role_display()}
        for s in _seats(subject)
    ]


def export(subject):
    return [
        {"committee": s.committee.name, "role": s.role, "affiliation": s.affiliation, "added_at": s.added_at}
        for s in _seats(subject)
    ]


def blocks(subject):
    seats = list(_seats(subject))
    if not seats:
        return ""
    return _(
        "บุคคลนี้เป็นกรรมการ (%(c)s): ข้อมูลกรรมการเป็นส่วนหนึ่งของมติและการให้คะแนนของทางราชการ จึงไม่ลบ "
        "ลบได้เฉพาะข้อมูลในทะเบียนหน่วยนับ หากต้องการให้พ้นจากการเป็นกรรมการ ให้จังหวัดดำเนินการแยกต่างหาก"
    ) % {"c": ", ".join(sorted({s.committee.name for s in seats}))}


HOLDER = Holder(
    key="evaluation.committee_seats",
    label=gettext_lazy("คณะกรรมการ"),
    find=find,
    export=export,
    erase=lambda subject, by: None,
    blocks=blocks,
    order=40,
)
