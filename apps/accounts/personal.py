"""The accounts' part of "everything held about a person" (apps.core.personaldata): the person records of the
people the office works with (apps.accounts.Person — committee members with or without an account, signatories,
contacts).

A higher app that makes a person record part of an official act (a committee seat that scored) says so through
`register_block(fn)`: fn(person) → a Thai reason not to erase it, or "". Erasure is then refused for that record,
with the reason; otherwise the record is made anonymous (name, position, organisation and contacts removed) and
kept as a row, since seats and documents refer to it."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.personaldata import Erased, Holder

from .models import Person

ERASED_NAME = "ข้อมูลถูกลบตามคำขอของเจ้าของข้อมูล"
FIELDS = ("title", "first_name", "last_name", "position", "organisation", "email", "phone", "line_id")

_BLOCKS = []


def register_block(fn):
    _BLOCKS.append(fn)


def people(subject):
    words = (subject.full_name or "").split()
    if len(words) < 2:
        return Person.objects.none()
    return Person.objects.filter(first_name=words[0], last_name=" ".join(words[1:])).select_related(
        "province", "home_district"
    )


def find(subject):
    out = []
    for p in people(subject):
        held = [str(Person._meta.get_field(f).verbose_name) for f in FIELDS if getattr(p, f)]
        out.append(
            _("ทะเบียนบุคคล จังหวัด%(prov)s: %(fields)s%(account)s")
            % {
                "prov": p.province.name_th,
                "fields": ", ".join(held),
                "account": _(" (มีบัญชีผู้ใช้)") if p.user_id else "",
            }
        )
    return out


def export(subject):
    return [
        {
            "id": p.pk,
            "province": p.province_id,
            **{f: getattr(p, f) for f in FIELDS},
            "home_district": p.home_district_id,
            "has_account": bool(p.user_id),
            "created_at": p.created_at,
        }
        for p in people(subject)
    ]


def block_reason(person):
    """The first Thai reason a registered app gives not to erase this record, or ""."""
    for fn in _BLOCKS:
        reason = fn(person)
        if reason:
            return reason
    return ""


def blocks(subject):
    reasons = [r for p in people(subject) if (r := block_reason(p))]
    return " ".join(dict.fromkeys(reasons))


@transaction.atomic
def erase(subject, by):
    records = list(people(subject))
    if not records:
        return None
    removed, kept = [], []
    for p in records:
        values = dict.fromkeys(FIELDS, "")
        values.update(first_name=f"{ERASED_NAME} #{p.pk}", home_district=None)
        Person.objects.filter(pk=p.pk).update(**values)
        removed.append(
            _("ชื่อ-สกุล ตำแหน่ง หน่วยงาน และข้อมูลติดต่อในทะเบียนบุคคล (จังหวัด%(prov)s)") % {"prov": p.province.name_th}
        )
        if p.user_id:
            kept.append(
                (
                    _("บัญชีผู้ใช้ที่เชื่อมกับบุคคลนี้"),
                    _("บัญชีผู้ใช้จัดการแยกในหน้าผู้ใช้และบทบาท ผู้ดูแลปิดบัญชีได้ตามคำขอ"),
                )
            )
    kept.append(
        (
            _("แถวของทะเบียนบุคคล (ไม่มีชื่อหรือข้อมูลติดต่อ)"),
            _("คณะกรรมการและหนังสือราชการที่ออกแล้วอ้างถึงแถวนี้"),
        )
    )
    return Erased(removed=removed, kept=kept)


HOLDER = Holder(
    key="accounts.person",
    label=gettext_lazy("ทะเบียนบุคคล"),
    find=find,
    export=export,
    erase=erase,
    blocks=blocks,
    order=35,
)
