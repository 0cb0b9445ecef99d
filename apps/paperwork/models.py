"""Official paperwork of an office (the province office and each district office): its settings and
signatories, its numbering registers, and the official documents it issues (each a version; a re-issue is a
new version that replaces the old one, never an edit)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import DocumentQuerySet, NumberQuerySet, OfficeQuerySet

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


class Office(models.Model):
    class YearBasis(models.TextChoices):
        CALENDAR = "calendar", _("ปีปฏิทิน (ม.ค.–ธ.ค.)")
        FISCAL = "fiscal", _("ปีงบประมาณ (ต.ค.–ก.ย.)")

    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("จังหวัด")
    )
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("อำเภอ"),
    )
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=255)
    address = models.TextField(_("ที่ตั้ง"), blank=True)
    prefix = models.CharField(
        _("รหัสหนังสือ"), max_length=60, blank=True, help_text=_("เช่น ที่ พล ๐๐๒๓.๔/ (ข้อมูลที่จังหวัดกรอก)")
    )
    thai_digits = models.BooleanField(_("ใช้เลขไทย"), default=True)
    year_basis = models.CharField(
        _("เลขทะเบียนเริ่มใหม่ทุก"), max_length=10, choices=YearBasis.choices, default=YearBasis.CALENDAR
    )
    cover_as_memo = models.BooleanField(
        _("หนังสือนำส่งจังหวัดเป็นบันทึกข้อความ"),
        default=False,
        help_text=_("ไม่เลือก: หนังสือภายนอก"),
    )
    garuda = models.ImageField(_("ตราครุฑ"), upload_to="paperwork/garuda/", blank=True)
    garuda_label = models.CharField(_("คำอธิบายตราครุฑ"), max_length=100, blank=True)
    is_example = models.BooleanField(_("ข้อมูลตัวอย่าง"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ส่วนราชการ")
        verbose_name_plural = _("ส่วนราชการ")
        ordering = ["province_id", "district_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "district"], name="one_office_per_area", nulls_distinct=False
            )
        ]

    def __str__(self):
        return self.name

    @property
    def scope_province_id(self):
        return self.province_id

    @property
    def scope_district_id(self):
        return self.district_id

    def digits(self, text):
        text = "" if text is None else str(text)
        return text.translate(THAI_DIGITS) if self.thai_digits else text


class Signatory(models.Model):
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=255)
    position = models.CharField(_("ตำแหน่ง"), max_length=255)
    acting_line = models.CharField(
        _("บรรทัดปฏิบัติราชการแทน"),
        max_length=255,
        blank=True,
        help_text=_("เช่น ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดพิษณุโลก"),
    )
    order = models.PositiveSmallIntegerField(default=1)
    active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        verbose_name = _("ผู้ลงนาม")
        verbose_name_plural = _("ผู้ลงนาม")
        ordering = ["office_id", "order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.position})"


class Register(models.TextChoices):
    OUTGOING = "outgoing", _("ทะเบียนหนังสือส่ง")
    ORDER = "order", _("ทะเบียนคำสั่ง")
    ANNOUNCEMENT = "announcement", _("ทะเบียนประกาศ")


class Counter(models.Model):
    """The last number given in one register of one office in one (B.E.) year: locked while a number is taken."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    register = models.CharField(max_length=20, choices=Register.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "register", "year"], name="one_counter_per_register_year"
            )
        ]

    def __str__(self):
        return f"{self.office_id} {self.register} {self.year}: {self.last}"


class Number(models.Model):
    """A number taken from a register: never reused; a cancelled number stays, with its reason."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="numbers", verbose_name=_("ส่วนราชการ")
    )
    register = models.CharField(_("ทะเบียน"), max_length=20, choices=Register.choices)
    year = models.PositiveSmallIntegerField(_("ปี (พ.ศ.)"))
    seq = models.PositiveIntegerField(_("เลขที่"))
    text = models.CharField(_("เลขที่หนังสือ"), max_length=100)
    subject = models.CharField(_("เรื่อง"), max_length=500)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.TextField(_("เหตุผลที่ยกเลิก"), blank=True)

    objects = NumberQuerySet.as_manager()

    class Meta:
        verbose_name = _("เลขทะเบียนหนังสือ")
        verbose_name_plural = _("เลขทะเบียนหนังสือ")
        ordering = ["office_id", "register", "-year", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["office", "register", "year", "seq"], name="number_never_reused")
        ]

    def __str__(self):
        return self.text

    @property
    def scope_province_id(self):
        return self.office.province_id

    @property
    def scope_district_id(self):
        return self.office.district_id


class Kind(models.TextChoices):
    APPOINTMENT = "appointment", _("คำสั่งแต่งตั้งคณะกรรมการ")
    INVITATION = "invitation", _("หนังสือเชิญประชุม")
    MINUTES = "minutes", _("รายงานการประชุม")
    ANNOUNCEMENT = "announcement", _("ประกาศผลการประเมิน")
    COVER = "cover", _("หนังสือนำส่งรายงานถึงจังหวัด")


class Layout(models.TextChoices):
    ORDER = "order", _("คำสั่ง")
    ANNOUNCEMENT = "announcement", _("ประกาศ")
    LETTER = "letter", _("หนังสือภายนอก")
    MEMO = "memo", _("บันทึกข้อความ")
    MINUTES = "minutes", _("รายงานการประชุม")


class OfficialDocument(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="documents", verbose_name=_("ส่วนราชการ")
    )
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    layout = models.CharField(_("รูปแบบหนังสือ"), max_length=20, choices=Layout.choices)
    number = models.OneToOneField(
        Number,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document",
        verbose_name=_("เลขที่"),
    )
    dated = models.DateField(_("ลงวันที่"))
    subject = models.CharField(_("เรื่อง"), max_length=500)
    recipient = models.CharField(_("เรียน"), max_length=500, blank=True)
    body = models.JSONField(_("เนื้อความ"), default=dict)
    signatory = models.ForeignKey(
        Signatory, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sign_name = models.CharField(_("ผู้ลงนาม"), max_length=255, blank=True)
    sign_position = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    sign_acting = models.CharField(_("ปฏิบัติราชการแทน"), max_length=255, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40)
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("แทนฉบับ"),
    )
    reissue_reason = models.TextField(_("เหตุผลที่ออกฉบับใหม่"), blank=True)
    pdf = models.ForeignKey(
        "core.GeneratedFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    docx = models.ForeignKey(
        "core.GeneratedFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("หนังสือราชการ")
        verbose_name_plural = _("หนังสือราชการ")
        ordering = ["-dated", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def scope_province_id(self):
        return self.office.province_id

    @property
    def scope_district_id(self):
        return self.office.district_id
