"""A province joins the programme without the system admin (issue 20 item 4): the centre's staff open the
province's first programme year and invite its first provincial staff account; from there the province invites
its districts and committees and sets its zones itself."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.enums import Role
from apps.accounts.models import User
from apps.accounts.services import assign_role, invite_user
from apps.core.audit import audit

from .models import ProgrammeYear
from .services import open_programme_year

LEVELS = ("level_district", "level_zone", "level_subcommittee", "level_committee")


@transaction.atomic
def join_province(province, fiscal_year, *, levels, staff, by):
    """Open `province`'s first programme year with its evaluation levels and the guideline's calendar (the
    province adjusts its dates afterwards), and make `staff` (email, title, first_name, last_name, position) its
    provincial staff: a new account is invited by e-mail; an existing one gets the role only.
    Returns (year, user, invited)."""
    if ProgrammeYear.objects.filter(province=province).exists():
        raise ValidationError(
            _("จังหวัด%(p)s เข้าร่วมแล้ว ปีต่อไปให้เจ้าหน้าที่จังหวัดเปิดเองที่เมนูปีงบประมาณ") % {"p": province.name_th}
        )
    if not levels.get("level_committee"):
        raise ValidationError(_("ต้องมีการรับรองโดยคณะกรรมการจังหวัดเสมอ (แนวทางข้อ 2.10)"))
    year = open_programme_year(province, fiscal_year, by=by)
    for f in LEVELS:
        setattr(year, f, bool(levels.get(f)))
    year.save(update_fields=list(LEVELS))
    email = staff["email"].strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    invited = user is None
    if invited:
        user = invite_user(**{**staff, "email": email}, by=by)
    assign_role(user, role=Role.PROVINCE_STAFF, province=province, by=by)
    audit(
        by,
        "province.joined",
        year,
        after={
            "province": province.code,
            "fiscal_year": fiscal_year,
            "staff": email,
            "invited": invited,
            **{f: getattr(year, f) for f in LEVELS},
        },
    )
    return year, user, invited
