"""The privacy notice (`/privacy/`, issue 19 item 2): who controls the data, why it is held, on what lawful
basis, how long, the rights of the people it is about and whom to ask. Public, Thai with English through the
language switch; the controllers and DPO contacts are data (`PrivacyContact`, kept by each province)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.core.retention import KINDS, period_text

from . import selectors as sel
from .cache import cached
from .pages import meta, page, public_get


@public_get
def privacy_notice(request):
    def build():
        title = _("ประกาศความเป็นส่วนตัว")
        ctx = {
            "controllers": sel.privacy_controllers(),
            "retention": [
                {"label": str(k.label), "period": period_text(k.months), "starts": str(k.starts)}
                for k in KINDS.values()
            ],
        }
        return {
            "title": title,
            "head": meta(
                request,
                title=title,
                path="/privacy/",
                description=_("การเก็บ ใช้ และเผยแพร่ข้อมูลส่วนบุคคลในระบบ มชช. และสิทธิของเจ้าของข้อมูล"),
            ),
            "body": render_to_string("public/_privacy.html", ctx, request=request),
        }

    return page(request, cached(request, "privacy", build))
