"""The evaluation's part of "everything held about a person" (apps.core.personaldata): seats on committees.
A committee member's record is part of official acts (resolutions, scorecards): erasure does not touch it, and
says so. A seat is found by its person record (apps.accounts.Person: members with or without an account)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.personaldata import Holder

from .enums import ScorecardStatus
from .models import CommitteeMember


def _seats(subject):
    words = (subject.full_name or "").split()
    if len(words) < 2:
        return CommitteeMember.objects.none()
    return CommitteeMember.objects.filter(
        person__first_name=words[0], person__last_name=" ".join(words[1:])
    ).select_related("person", "committee__year", "committee__zone", "committee__year__province")


def find(subject):
    return [
        _("กรรมการ: %(c)s (%(r)s)") % {"c": s.committee.name, "r": s.get_role_display()}
        for s in _seats(subject)
    ]


def export(subject):
    return [
        {
            "committee": s.committee.name,
            "role": s.role,
            "organisation": s.person.organisation,
            "added_at": s.added_at,
        }
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


def person_blocks(person):
    """Why a person record (apps.accounts.personal) may not be erased: a seat that scored is part of an official
    act; a current seat is the committee's, and the province first takes the person off it."""
    seats = list(
        CommitteeMember.objects.filter(person=person)
        .select_related("committee")
        .annotate(n=Count("scorecards", filter=Q(scorecards__status=ScorecardStatus.SUBMITTED)))
    )
    scored = sorted({s.committee.name for s in seats if s.n})
    if scored:
        return _(
            "บุคคลนี้เป็นกรรมการที่ให้คะแนนแล้ว (%(c)s): ใบให้คะแนนเป็นส่วนหนึ่งของการประเมินของทางราชการ "
            "จึงไม่ลบข้อมูลบุคคลของกรรมการ"
        ) % {"c": ", ".join(scored)}
    current = sorted({s.committee.name for s in seats if s.removed_at is None})
    if current:
        return _("บุคคลนี้ยังเป็นกรรมการ (%(c)s): ให้จังหวัดนำออกจากคณะกรรมการก่อน จึงลบข้อมูลบุคคลได้") % {
            "c": ", ".join(current)
        }
    return ""
