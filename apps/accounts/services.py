"""Accounts and role assignments, managed by provincial staff for their province."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import url_str_to_user_pk, user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.audit import audit

from .models import Person, RoleAssignment, User


def set_password_link(user):
    """The invitation link: our own page first (accounts:invitation), which says plainly when it has expired,
    then allauth's set-password form. It expires with Django's PASSWORD_RESET_TIMEOUT and once used."""
    path = reverse(
        "accounts:invitation",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return settings.SITE_URL + path


def invitation_days():
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def invited_user(uidb36, key):
    """The user an invitation link names, or None when the link is unknown, used or expired."""
    try:
        pk = url_str_to_user_pk(uidb36)
        user = User.objects.get(pk=pk, is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, key) else None


def _send_invitation(user, by):
    body = render_to_string(
        "accounts/email/invite.txt",
        {
            "user": user,
            "by": by,
            "link": set_password_link(user),
            "site": settings.SITE_URL,
            "days": invitation_days(),
        },
    )
    email = user.email
    transaction.on_commit(lambda: send_mail(_("เชิญใช้งานระบบ มชช."), body, None, [email]))


@transaction.atomic
def invite_user(*, email, title, first_name, last_name, position, by):
    """Create an account without a password and e-mail a link to set one."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("มีบัญชีของอีเมล %(e)s อยู่แล้ว เพิ่มบทบาทให้บัญชีเดิมได้") % {"e": email})
    user = User.objects.create_user(
        email, title=title, first_name=first_name, last_name=last_name, position=position
    )
    audit(by, "user.invited", user, after={"email": email})
    _send_invitation(user, by)
    return user


@transaction.atomic
def reinvite_user(user, *, by):
    """Send a fresh invitation to someone who has not set a password yet (the old link expired or was lost)."""
    if user.has_usable_password():
        raise ValidationError(_("ผู้ใช้นี้ตั้งรหัสผ่านแล้ว ให้ใช้ “ลืมรหัสผ่าน” ที่หน้าเข้าสู่ระบบแทน"))
    if not user.is_active:
        raise ValidationError(_("บัญชีนี้ถูกปิดอยู่ เปิดใช้บัญชีก่อนส่งคำเชิญใหม่"))
    audit(by, "user.reinvited", user, after={"email": user.email})
    _send_invitation(user, by)


@transaction.atomic
def assign_role(user, *, role, province=None, district=None, zone=None, fiscal_year=None, by):
    ra = RoleAssignment(
        user=user,
        role=role,
        province=province,
        district=district,
        zone=zone,
        fiscal_year=fiscal_year,
        created_by=by,
    )
    ra.full_clean(exclude=["user", "created_by"], validate_unique=False)
    if RoleAssignment.objects.filter(
        user=user, role=role, province=province, district=district, zone=zone, fiscal_year=fiscal_year
    ).exists():
        raise ValidationError(_("ผู้ใช้นี้มีบทบาทนี้อยู่แล้ว"))
    try:
        with transaction.atomic():
            ra.save()
    except IntegrityError:
        raise ValidationError(_("ผู้ใช้นี้มีบทบาทนี้อยู่แล้ว")) from None
    audit(by, "role.assigned", user, after={"role": role, "scope": str(ra)})
    return ra


@transaction.atomic
def remove_role(assignment, *, by):
    audit(by, "role.removed", assignment.user, before={"role": assignment.role, "scope": str(assignment)})
    assignment.delete()


@transaction.atomic
def set_active(user, active, *, by):
    if user.pk == by.pk and not active:
        raise ValidationError(_("ปิดบัญชีของตนเองไม่ได้"))
    before = user.is_active
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit(
        by,
        "user.activated" if active else "user.deactivated",
        user,
        before={"is_active": before},
        after={"is_active": active},
    )


PERSON_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "position",
    "organisation",
    "email",
    "phone",
    "line_id",
    "home_district_id",
)


@transaction.atomic
def update_person(person, *, by, **values):
    """Save the changed details of a person record; audited with what was and what is (only changed fields)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    before, after = {}, {}
    for name, value in values.items():
        if name not in PERSON_FIELDS:
            raise ValueError(name)
        if isinstance(value, str):
            value = value.strip()
        if getattr(person, name) != value:
            before[name], after[name] = getattr(person, name), value
            setattr(person, name, value)
    if not person.first_name:
        raise ValidationError(_("กรุณากรอกชื่อ"))
    if after:
        person.save(update_fields=list(after))
        audit(by, "person.updated", person, before=before, after=after)
    return person, sorted(after)
