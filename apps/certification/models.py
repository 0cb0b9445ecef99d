"""Certificates (with an opaque public code for /verify/<code>/), their per-year counter and signer,
honours, and the log of public verifications."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford-like alphabet without 0/O/1/I/L so that a typed code is unambiguous; codes are case-insensitive.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_public_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code):
    """ABCDEFGHJKMN → ABCD-EFGH-JKMN (easier to read aloud and type)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _readers_q(user, province_field, district_field):
    scope = user.scope
    readers = (
        scope.staff_province_ids
        | scope.national_province_ids
        | scope.committee_province_ids
        | scope.subcommittee_province_ids
    )
    return models.Q(**{f"{province_field}__in": readers}) | models.Q(
        **{f"{district_field}__in": scope.district_ids}
    )


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(_readers_q(user, "year__province_id", "unit__district_id"))

    def valid(self, today=None):
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today)
        )

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def expired(self, today=None):
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True, valid_until__lt=today)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("ใช้ได้")
        REVOKED = "revoked", _("ถูกเพิกถอน")
        EXPIRED = "expired", _("หมดอายุ")

    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("ปีงบประมาณ"),
    )
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("หน่วยนับ")
    )
    enrolment = models.OneToOneField(
        "registry.Enrolment",
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("การเข้าสู่ระบบประจำปี"),
    )
    number = models.CharField(_("เลขที่ใบรับรอง"), max_length=80)
    seq = models.PositiveIntegerField(_("ลำดับ"))
    code = models.CharField(
        _("รหัสตรวจสอบ"), max_length=32, unique=True, default=new_public_code, editable=False
    )
    certified_on = models.DateField(_("วันที่รับรอง"))
    awarded_on = models.DateField(_("วันที่มอบ"), null=True, blank=True)
    valid_until = models.DateField(_("ใช้ได้ถึง"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("เพิกถอนเมื่อ"), null=True, blank=True)
    revoked_reason = models.TextField(_("เหตุผลการเพิกถอน"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The current revocation came from a correction of the committee's decision (apps.evaluation.decisions):
    # only a new correction may bring such a certificate back, not the reinstate button.
    revoked_by_correction = models.BooleanField(_("เพิกถอนจากการแก้ไขผลการตัดสิน"), default=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("ใบรับรอง")
        verbose_name_plural = _("ใบรับรอง")
        ordering = ["-certified_on", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="certificate_seq_unique_per_year"),
            models.UniqueConstraint(fields=["year", "number"], name="certificate_number_unique_per_year"),
        ]

    def __str__(self):
        return self.number

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def scope_district_id(self):
        return self.unit.district_id

    @property
    def display_code(self):
        return display_code(self.code)

    def status_on(self, today=None):
        if self.revoked_at:
            return self.Status.REVOKED
        today = today or timezone.localdate()
        if self.valid_until and self.valid_until < today:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def status(self):
        return self.status_on()

    def verify_path(self):
        return f"/verify/{self.code}/"

    def verify_url(self):
        return settings.SITE_URL + self.verify_path()


class CertificateEvent(models.Model):
    """The revocation history of a certificate: each revocation and reinstatement, who, when and why. The
    certificate's revoked_* fields hold the current revocation only; this keeps every one."""

    class Action(models.TextChoices):
        REVOKED = "revoked", _("ถูกเพิกถอน")
        REINSTATED = "reinstated", _("คืนสถานะแล้ว")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("การดำเนินการ"), max_length=12, choices=Action.choices)
    by_correction = models.BooleanField(_("จากการแก้ไขผลการตัดสิน"), default=False)
    reason = models.TextField(_("เหตุผล"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้ดำเนินการ"),
    )
    at = models.DateTimeField(_("เมื่อ"), default=timezone.now)

    class Meta:
        verbose_name = _("ประวัติการเพิกถอนและคืนสถานะใบรับรอง")
        verbose_name_plural = _("ประวัติการเพิกถอนและคืนสถานะใบรับรอง")
        ordering = ["certificate_id", "at", "pk"]

    def __str__(self):
        return f"{self.certificate_id} {self.action} {self.at:%Y-%m-%d}"


class CertificateCounter(models.Model):
    """The last number given in a programme year. Locked (select_for_update) while a certificate is issued,
    in the same transaction, so a failed issuance rolls the counter back: users never see a gap."""

    year = models.OneToOneField(
        "registry.ProgrammeYear", on_delete=models.CASCADE, related_name="certificate_counter"
    )
    last_seq = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ตัวนับเลขที่ใบรับรอง")
        verbose_name_plural = _("ตัวนับเลขที่ใบรับรอง")

    def __str__(self):
        return f"{self.year_id}: {self.last_seq}"


class CertificateSettingsQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(year__province_id__in=user.scope.readable_province_ids)


class CertificateSettings(models.Model):
    """Per year: who signs the certificates and the heading printed on them (data, not code)."""

    year = models.OneToOneField(
        "registry.ProgrammeYear", on_delete=models.CASCADE, related_name="certificate_settings"
    )
    issuer = models.CharField(
        _("หน่วยงานผู้ออก"), max_length=255, blank=True, help_text=_("เช่น สำนักงานพัฒนาชุมชนจังหวัดพิษณุโลก")
    )
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=255, blank=True)
    signer_title = models.CharField(
        _("ตำแหน่งผู้ลงนาม"), max_length=255, blank=True, help_text=_("เช่น ประธานคณะกรรมการ มชช. จังหวัดพิษณุโลก")
    )

    objects = CertificateSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("การตั้งค่าใบรับรอง")
        verbose_name_plural = _("การตั้งค่าใบรับรอง")

    def __str__(self):
        return self.signer_name or str(self.year_id)

    @property
    def scope_province_id(self):
        return self.year.province_id


class HonourKind(models.Model):
    """A kind of honour (guideline 2.12: เกียรติบัตร, โล่, เข็ม, ประกาศเกียรติคุณ …) as data: who may give it and who
    may receive it. The defaults are created by migration 0004; the province adds its own in the admin."""

    code = models.SlugField(_("รหัส"), max_length=30, unique=True)
    name = models.CharField(_("ชื่อ"), max_length=100)
    by_province = models.BooleanField(_("จังหวัดมอบได้"), default=True)
    by_district = models.BooleanField(_("อำเภอมอบได้"), default=False)
    requires_certified = models.BooleanField(_("เฉพาะหน่วยนับที่ผ่านการรับรองในปีนั้นและไม่ถูกเพิกถอน"), default=True)
    exemplar_only = models.BooleanField(_("เฉพาะต้นแบบอำเภอของปีนั้น"), default=False)
    printable = models.BooleanField(_("พิมพ์เป็นเกียรติบัตรได้"), default=False)
    order = models.PositiveSmallIntegerField(default=10)

    class Meta:
        verbose_name = _("ประเภทการเชิดชูเกียรติ")
        verbose_name_plural = _("ประเภทการเชิดชูเกียรติ")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def given_by(self, level):
        return self.by_province if level == "province" else self.by_district


class CeremonyQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(_readers_q(user, "year__province_id", "district_id"))


class Ceremony(models.Model):
    """พิธีมอบ: the day the honours are handed out, who presides and who signs the เกียรติบัตร printed for it.
    The signature image is kept private: it is drawn only into the ceremony's PDF, never served on its own."""

    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.PROTECT,
        related_name="ceremonies",
        verbose_name=_("ปีงบประมาณ"),
    )
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("อำเภอ"),
        help_text=_("เว้นว่างสำหรับพิธีของจังหวัด"),
    )
    title = models.CharField(_("ชื่อพิธี"), max_length=255)
    held_on = models.DateField(_("วันที่จัดพิธี"))
    place = models.CharField(_("สถานที่"), max_length=255)
    presiding = models.CharField(_("ประธานในพิธี"), max_length=255)
    signer_name = models.CharField(_("ชื่อผู้ลงนามในเกียรติบัตร"), max_length=255)
    signer_position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=255)
    signature = models.ImageField(_("ภาพลายมือชื่อ"), upload_to="private/signatures/", blank=True)
    emblem = models.ImageField(_("ตราสัญลักษณ์ของสำนักงาน"), upload_to="private/emblems/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CeremonyQuerySet.as_manager()

    class Meta:
        verbose_name = _("พิธีมอบ")
        verbose_name_plural = _("พิธีมอบ")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def scope_district_id(self):
        return self.district_id


class HonourQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.scope.all_provinces:
            return self.all()
        return self.filter(_readers_q(user, "year__province_id", "unit__district_id"))


class Honour(models.Model):
    class Kind(models.TextChoices):
        CERTIFICATE_OF_HONOUR = "honour_certificate", _("เกียรติบัตร")
        CERTIFICATE = "certificate", _("ใบรับรอง")
        PIN = "pin", _("เข็มเชิดชูเกียรติ")
        PLAQUE = "plaque", _("โล่รางวัล")
        OTHER = "other", _("อื่น ๆ")

    class Giver(models.TextChoices):
        PROVINCE = "province", _("จังหวัด")
        DISTRICT = "district", _("อำเภอ")

    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.CASCADE, related_name="honours", verbose_name=_("หน่วยนับ")
    )
    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.PROTECT,
        related_name="honours",
        verbose_name=_("ปีงบประมาณ"),
    )
    kind = models.ForeignKey(
        HonourKind,
        to_field="code",
        db_column="kind",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ประเภท"),
    )
    ceremony = models.ForeignKey(
        Ceremony,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="honours",
        verbose_name=_("พิธีมอบ"),
    )
    title = models.CharField(_("ชื่อรางวัล/เกียรติบัตร"), max_length=255)
    giver_level = models.CharField(
        _("ระดับผู้มอบ"), max_length=10, choices=Giver.choices, default=Giver.PROVINCE
    )
    given_by = models.CharField(_("ผู้มอบ"), max_length=255)
    given_on = models.DateField(_("วันที่มอบ"))
    note = models.TextField(_("หมายเหตุ"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HonourQuerySet.as_manager()

    class Meta:
        verbose_name = _("การเชิดชูเกียรติ")
        verbose_name_plural = _("การเชิดชูเกียรติ")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return self.title

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def scope_district_id(self):
        return self.unit.district_id


class VerificationLog(models.Model):
    """One public check of a code (QR scan or typed): what was asked, what it answered, from where."""

    class Result(models.TextChoices):
        VALID = "valid", _("ใช้ได้")
        REVOKED = "revoked", _("ถูกเพิกถอน")
        EXPIRED = "expired", _("หมดอายุ")
        UNKNOWN = "unknown", _("ไม่พบ")
        MALFORMED = "malformed", _("รูปแบบไม่ถูกต้อง")

    code = models.CharField(_("รหัสที่ตรวจสอบ"), max_length=64)
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.SET_NULL, related_name="verifications"
    )
    result = models.CharField(_("ผล"), max_length=10, choices=Result.choices)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(_("เวลา"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("บันทึกการตรวจสอบใบรับรอง")
        verbose_name_plural = _("บันทึกการตรวจสอบใบรับรอง")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.code} {self.result}"


from .models_history import HistoricCertificate  # noqa: E402,F401 — issue 20 item 5
