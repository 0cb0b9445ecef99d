from functools import cached_property

import rules
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ROLE_SCOPE, Role


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = user.scope
        if scope.is_admin:
            return self.all()
        if scope.staff_province_ids:
            # one indexed subquery per scope, not a join with every role of the country followed by DISTINCT
            from apps.geo.models import District, Zone

            ids = scope.staff_province_ids
            roles = RoleAssignment.objects.values("user_id")
            return self.filter(
                models.Q(pk__in=roles.filter(province_id__in=ids))
                | models.Q(
                    pk__in=roles.filter(
                        district_id__in=District.objects.filter(province_id__in=ids).values("code")
                    )
                )
                | models.Q(
                    pk__in=roles.filter(zone_id__in=Zone.objects.filter(province_id__in=ids).values("pk"))
                )
                | models.Q(pk=user.pk)
            )
        return self.filter(pk=user.pk)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("e-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("อีเมล"), unique=True)
    title = models.CharField(_("คำนำหน้า"), max_length=30, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100, blank=True)
    last_name = models.CharField(_("นามสกุล"), max_length=100, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=150, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    is_staff = models.BooleanField(_("เข้าหน้าผู้ดูแล Django ได้"), default=False)
    date_joined = models.DateTimeField(_("วันที่สร้างบัญชี"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")
        ordering = ["first_name", "last_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.title}{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @cached_property
    def scope(self):
        from .scope import Scope

        return Scope(self)

    def has_perm(self, perm, obj=None):
        """Permissions are the `rules` of each app (apps/*/rules.py), and only those: no group or per-user model
        permission is ever granted here (the admin does not offer them), so Django's model backend — which would
        load both sets from the database on each request that asks — is not consulted."""
        if self.is_active and self.is_superuser:
            return True
        return rules.has_perm(perm, self, obj)


class RoleAssignment(models.Model):
    """(user, role, scope, fiscal year or open-ended) — DESIGN §1."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("ผู้ใช้")
    )
    role = models.CharField(_("บทบาท"), max_length=30, choices=Role.choices)
    province = models.ForeignKey(
        "geo.Province", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("จังหวัด")
    )
    district = models.ForeignKey(
        "geo.District", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("อำเภอ")
    )
    zone = models.ForeignKey(
        "geo.Zone", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("โซน")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), null=True, blank=True, help_text=_("เว้นว่างไว้ถ้าไม่จำกัดปี")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("บทบาท")
        verbose_name_plural = _("บทบาท")
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "province", "district", "zone", "fiscal_year"],
                name="role_assignment_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        where = self.district or self.zone or self.province or _("ทุกจังหวัด")
        year = f" ปี {self.fiscal_year}" if self.fiscal_year else ""
        # Role(...).label, not get_role_display(): the latter hashes every choice (a gettext each) per call,
        # which dominated the people page once each person holds a role per year
        label = Role(self.role).label if self.role in Role.values else self.role
        return f"{label} · {where}{year}"

    def clean(self):
        need = ROLE_SCOPE.get(self.role)
        filled = {f for f in ("province", "district", "zone") if getattr(self, f"{f}_id")}
        if need and need not in filled:
            labels = {"province": _("จังหวัด"), "district": _("อำเภอ"), "zone": _("โซน")}
            raise ValidationError(_("บทบาทนี้ต้องระบุ%(what)s") % {"what": labels[need]})
        if filled - ({need} if need else {"province"} if self.role == Role.NATIONAL_VIEWER else set()):
            raise ValidationError(_("ระบุขอบเขตเกินกว่าที่บทบาทนี้ใช้ กรุณาระบุเพียงอย่างเดียว"))
        if self.zone_id and self.fiscal_year and self.zone.fiscal_year != self.fiscal_year:
            raise ValidationError(_("ปีงบประมาณไม่ตรงกับปีของโซน"))

    @property
    def scope_province_id(self):
        if self.province_id:
            return self.province_id
        if self.district_id:
            return self.district_id[:2]
        if self.zone_id:
            return self.zone.province_id
        return None


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People of the provinces one works in (staff, national viewers, district officers, who seat district
        committees) and one's own record."""
        scope = user.scope
        if scope.all_provinces:
            return self.all()
        provinces = (
            scope.staff_province_ids | scope.national_province_ids | {d[:2] for d in scope.district_ids}
        )
        return self.filter(models.Q(province_id__in=provinces) | models.Q(user_id=user.pk))


class Person(models.Model):
    """A person the office works with — a committee member, a signatory, a contact — with or without a user
    account (DESIGN §8: most committee members have none). Acting on behalf of a person without an account is
    recorded as such."""

    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="people", verbose_name=_("จังหวัด")
    )
    title = models.CharField(_("คำนำหน้า"), max_length=30, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100, blank=True)
    position = models.CharField(_("ตำแหน่ง"), max_length=150, blank=True)
    organisation = models.CharField(
        _("หน่วยงาน/สังกัด"), max_length=255, blank=True, help_text=_("เช่น ภาคีการพัฒนา ผู้ผ่าน มชช. ปีก่อน")
    )
    email = models.EmailField(_("อีเมล"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=50, blank=True)
    # A person's own district: from the zone level up they score no unit of it (DESIGN §7).
    home_district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("อำเภอที่สังกัด"),
    )
    user = models.OneToOneField(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("บุคคล")
        verbose_name_plural = _("บุคคล")
        ordering = ["first_name", "last_name", "pk"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.title}{self.first_name} {self.last_name}".strip()

    @property
    def scope_province_id(self):
        return self.province_id
