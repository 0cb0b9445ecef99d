"""The public site's part of "everything held about a person" (apps.core.personaldata): the unit's public
profile. Erasure removes the profile (drafts and published texts, chosen photos); the cache follows at once."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.personaldata import Erased, Holder

from .cache import bump_generation
from .models import PublicProfile


def _profile(subject):
    return PublicProfile.objects.filter(unit_id=subject.unit_id).first() if subject.unit_id else None


def find(subject):
    p = _profile(subject)
    if p is None:
        return []
    state = _("เผยแพร่อยู่") if p.is_published and not p.is_hidden else _("ไม่เผยแพร่")
    return [_("โปรไฟล์สาธารณะ (%(s)s)") % {"s": state}]


def export(subject):
    p = _profile(subject)
    if p is None:
        return {}
    return {
        "draft": {"summary": p.summary, "results": p.results, "practices": p.practices},
        "published": {"summary": p.pub_summary, "results": p.pub_results, "practices": p.pub_practices},
        "published_at": p.published_at,
        "hidden": p.is_hidden,
    }


def erase(subject, by):
    """Texts and photos of the profile emptied, and the profile hidden: the directory lists a certified unit
    by name even without a profile, so a hidden one is what keeps the person off the public site."""
    from django.utils import timezone

    if not subject.unit_id:
        return None
    p, _created = PublicProfile.objects.get_or_create(unit_id=subject.unit_id)
    p.photos.clear()
    blank = dict.fromkeys(
        ("summary", "results", "practices", "pub_summary", "pub_results", "pub_practices"), ""
    )
    PublicProfile.objects.filter(pk=p.pk).update(
        **blank,
        cover_photo=None,
        is_hidden=True,
        hidden_reason=_("ลบข้อมูลตามคำขอของเจ้าของข้อมูล"),
        hidden_at=timezone.now(),
    )
    bump_generation()
    return Erased(removed=[_("โปรไฟล์สาธารณะทั้งฉบับร่างและฉบับเผยแพร่ และชื่อในรายชื่อบนเว็บไซต์ (นำออกทันที)")])


HOLDER = Holder(
    key="public.profile", label=gettext_lazy("เว็บไซต์สาธารณะ"), find=find, export=export, erase=erase, order=20
)
