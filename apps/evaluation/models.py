"""Committees, rounds, the units in a round (entries, with the decision), scorecards and exemplars."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry.enums import EvaluationLevel

from .enums import CommitteeRole, Decision, PresentationMode, ScorecardStatus
from .querysets import (
    CommitteeQuerySet,
    ExemplarQuerySet,
    MeetingQuerySet,
    RoundEntryQuerySet,
    RoundQuerySet,
    ScorecardQuerySet,
    SeatQuerySet,
)


class Committee(models.Model):
    """คณะกรรมการ/คณะทำงาน of one level, one scope (district, zone or the province) and one year."""

    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("ปีงบประมาณ"),
    )
    level = models.CharField(_("ระดับ"), max_length=20, choices=EvaluationLevel.choices)
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("อำเภอ"),
    )
    zone = models.ForeignKey(
        "geo.Zone",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("โซน"),
    )
    name = models.CharField(_("ชื่อคณะกรรมการ"), max_length=255)
    # The quorum of its meetings: at least numerator/denominator of all members present (default one half, as
    # พ.ร.บ.วิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539 ม. 79 sets), and at least `quorum_minimum` people when the
    # committee's own order says so.
    quorum_numerator = models.PositiveSmallIntegerField(_("องค์ประชุม: เศษ"), default=1)
    quorum_denominator = models.PositiveSmallIntegerField(_("องค์ประชุม: ส่วน"), default=2)
    quorum_minimum = models.PositiveSmallIntegerField(_("องค์ประชุมอย่างน้อย (คน)"), default=0)
    quorum_rule = models.CharField(
        _("ที่มาของหลักเกณฑ์องค์ประชุม"),
        max_length=255,
        blank=True,
        help_text=_("เว้นว่างเมื่อใช้ พ.ร.บ.วิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539 มาตรา 79 (ไม่น้อยกว่ากึ่งหนึ่ง)"),
    )
    duties = models.TextField(_("อำนาจหน้าที่"), blank=True, help_text=_("หนึ่งข้อต่อบรรทัด ใช้ในคำสั่งแต่งตั้ง"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        verbose_name = _("คณะกรรมการประเมิน")
        verbose_name_plural = _("คณะกรรมการประเมิน")
        ordering = ["year_id", "level", "district_id", "zone_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level", "district", "zone"],
                name="one_committee_per_scope",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def scope_province_id(self):
        return self.year.province_id

    @property
    def scope_district_id(self):
        return self.district_id

    @property
    def area_label(self):
        if self.district_id:
            return self.district.label
        if self.zone_id:
            return self.zone.name
        return _("จังหวัด%(p)s") % {"p": self.year.province.name_th}


class CommitteeMember(models.Model):
    """A seat of a committee: it belongs to a person (accounts.Person), who may or may not have a user account.
    `user` is the person's account copied onto the seat (services keep it in step with person.user): the
    querysets that find a signed-in member's seats read it without a join. A member removed after scoring keeps
    the seat, marked `removed_at`, so that their scorecards stay on record (not counted any more)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="seats", verbose_name=_("กรรมการ")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_seats",
        verbose_name=_("บัญชีผู้ใช้"),
    )
    role = models.CharField(
        _("ตำแหน่งในคณะกรรมการ"), max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    order = models.PositiveSmallIntegerField(default=10)
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(_("พ้นจากคณะเมื่อ"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("กรรมการ")
        ordering = ["committee_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="one_seat_per_committee"),
            models.UniqueConstraint(fields=["committee", "person"], name="one_seat_per_person"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    @property
    def is_decider(self):
        return self.role in (CommitteeRole.CHAIR, CommitteeRole.SECRETARY)

    @property
    def scope_province_id(self):
        return self.committee.year.province_id


class Round(models.Model):
    """รอบการประเมิน of a committee: dates, place or online link, the units presented in it."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("คณะกรรมการ")
    )
    title = models.CharField(_("ชื่อรอบ"), max_length=255)
    starts_on = models.DateField(_("วันเริ่ม"))
    ends_on = models.DateField(_("วันสิ้นสุด"))
    place = models.CharField(_("สถานที่"), max_length=255, blank=True)
    online_url = models.URLField(_("ลิงก์ประชุมออนไลน์"), blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("เวลานำเสนอต่อหน่วยนับ (นาที)"), default=20)
    first_slot = models.TimeField(_("เริ่มนำเสนอเวลา"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("รอบการประเมิน")
        verbose_name_plural = _("รอบการประเมิน")
        ordering = ["-starts_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def level(self):
        return self.committee.level

    @property
    def year(self):
        return self.committee.year

    @property
    def scope_province_id(self):
        return self.committee.year.province_id

    @property
    def scope_district_id(self):
        return self.committee.district_id


class RoundEntry(models.Model):
    """A unit (its enrolment) in a round: its presentation slot and the committee's decision."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries", verbose_name=_("รอบ"))
    enrolment = models.ForeignKey(
        "registry.Enrolment", on_delete=models.PROTECT, related_name="round_entries", verbose_name=_("หน่วยนับ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับนำเสนอ"), default=1)
    slot_start = models.TimeField(_("เวลานำเสนอ"), null=True, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("เวลา (นาที)"), null=True, blank=True)
    mode = models.CharField(
        _("รูปแบบการนำเสนอ"),
        max_length=20,
        choices=PresentationMode.choices,
        default=PresentationMode.IN_PERSON,
    )
    recording = models.FileField(_("ไฟล์บันทึกการนำเสนอ"), upload_to="evaluation/recordings/%Y/", blank=True)
    decision = models.CharField(_("ผลการตัดสิน"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("เหตุผล"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    mean_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    median_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    override_reason = models.TextField(_("เหตุผลที่นำเข้ารอบทั้งที่ยังไม่มีผลการประเมินตนเองหรือแผนที่ส่งแล้ว"), blank=True)
    # The meeting whose resolution is the source of the decision (None: recorded outside a meeting).
    decided_in = models.ForeignKey(
        "Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("มติที่ประชุม"),
    )

    objects = RoundEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("หน่วยนับในรอบการประเมิน")
        verbose_name_plural = _("หน่วยนับในรอบการประเมิน")
        ordering = ["round_id", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "enrolment"], name="one_entry_per_round")]

    def __str__(self):
        return f"{self.enrolment.unit} · {self.round}"

    @property
    def scope_province_id(self):
        return self.round.committee.year.province_id

    @property
    def scope_district_id(self):
        return self.enrolment.unit.district_id


class Scorecard(models.Model):
    """ใบให้คะแนน of one seat (member) for one unit of a round. `member` is the member's account when they have
    one (copied from the seat); `recorded_by` is who typed the scores in when it was not the member themself —
    the secretary from the signed paper sheet — (None when the member entered them, signed in or by link)."""

    entry = models.ForeignKey(RoundEntry, on_delete=models.CASCADE, related_name="scorecards")
    seat = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="scorecards", verbose_name=_("กรรมการ")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scorecards",
        verbose_name=_("บัญชีผู้ใช้ของกรรมการ"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ผู้บันทึกแทน"),
    )
    via_link = models.BooleanField(_("ส่งผ่านลิงก์ให้คะแนน"), default=False)
    standard_set = models.ForeignKey("development.StandardSet", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    comment = models.TextField(_("ความเห็นโดยรวม"), blank=True)
    percent = models.DecimalField(_("คะแนนรวม (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        verbose_name = _("ใบให้คะแนน")
        verbose_name_plural = _("ใบให้คะแนน")
        ordering = ["entry_id", "seat_id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="one_scorecard_per_member"),
            models.UniqueConstraint(fields=["entry", "seat"], name="one_scorecard_per_seat"),
        ]

    def __str__(self):
        return f"{self.seat.person} · {self.entry}"

    @property
    def scope_province_id(self):
        return self.entry.scope_province_id


class ConflictDeclaration(models.Model):
    """A member's own declaration of a conflict of interest with one unit of a round, with the reason: from then on
    the unit is not theirs to score (RoundEntry.scorable_by / scorable_for_seat) and they count as excluded in
    the round's picture. It belongs to the seat; `member` is the member's account when they have one (a member
    without one declares through their scoring link). The other conflicts (own district from the zone level up, the units one mentors)
    are computed, not declared."""

    entry = models.ForeignKey(
        RoundEntry, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("หน่วยนับในรอบ")
    )
    seat = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="conflicts", verbose_name=_("กรรมการ")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("บัญชีผู้ใช้ของกรรมการ"),
    )
    reason = models.TextField(_("เหตุผล"))
    declared_at = models.DateTimeField(_("แจ้งเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("การแจ้งส่วนได้เสีย")
        verbose_name_plural = _("การแจ้งส่วนได้เสีย")
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="one_declaration_per_member"),
            models.UniqueConstraint(fields=["entry", "seat"], name="one_declaration_per_seat"),
        ]

    def __str__(self):
        return f"{self.seat.person if self.seat_id else self.member} · {self.entry}"


class ScoringLink(models.Model):
    """A one-time scoring link e-mailed to a member (apps/evaluation/links.py): bound to one seat and one round,
    expiring, revocable; each scorecard goes through it once, and once every unit is submitted it is spent. Only
    the SHA-256 of the random token is stored: the link in the e-mail is the only copy of the token."""

    seat = models.ForeignKey(CommitteeMember, on_delete=models.CASCADE, related_name="links")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    sent_to = models.EmailField(_("ส่งถึง"))
    expires_at = models.DateTimeField(_("หมดอายุ"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    spent_at = models.DateTimeField(_("ใช้ครบแล้วเมื่อ"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ลิงก์ให้คะแนน")
        verbose_name_plural = _("ลิงก์ให้คะแนน")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.seat.person} · {self.round}"

    @property
    def scope_province_id(self):
        return self.round.committee.year.province_id


class Score(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey("development.Indicator", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.CharField(_("ความเห็น"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("คะแนนรายตัวชี้วัด")
        verbose_name_plural = _("คะแนนรายตัวชี้วัด")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "indicator"], name="one_score_per_indicator")
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.value}"


class Exemplar(models.Model):
    """ต้นแบบอำเภอ: one unit per district per year with its PowerPoint for the August presentation (2.8)."""

    year = models.ForeignKey(
        "registry.ProgrammeYear",
        on_delete=models.PROTECT,
        related_name="exemplars",
        verbose_name=_("ปีงบประมาณ"),
    )
    district = models.ForeignKey(
        "geo.District", on_delete=models.PROTECT, related_name="exemplars", verbose_name=_("อำเภอ")
    )
    enrolment = models.ForeignKey(
        "registry.Enrolment", on_delete=models.PROTECT, related_name="+", verbose_name=_("หน่วยนับต้นแบบ")
    )
    reason = models.TextField(_("เหตุผลที่เสนอ"), blank=True)
    # The learning summary the district writes before the deck is built (guideline 2.8); public texts, so the
    # privacy checker of apps.core.privacy applies to each (issue 19).
    story = models.TextField(
        _("เรื่องราวของหน่วยนับ"), blank=True, help_text=_("ทำอะไร เริ่มอย่างไร เป็นที่ยอมรับอย่างไร — ด้วยถ้อยคำของอำเภอ")
    )
    lessons = models.TextField(_("บทเรียนที่ได้รับ/ปัจจัยความสำเร็จ"), blank=True, help_text=_("หนึ่งบรรทัดต่อหนึ่งข้อ"))
    partners = models.TextField(
        _("ภาคีการพัฒนา"), blank=True, help_text=_("หนึ่งบรรทัดต่อหนึ่งภาคี นอกเหนือจากภาคีในแผนพัฒนาตนเอง")
    )
    presentation = models.FileField(_("ไฟล์นำเสนอ"), upload_to="evaluation/exemplars/%Y/", blank=True)
    generated = models.ForeignKey(
        "core.GeneratedFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominated_at = models.DateTimeField(auto_now=True)

    objects = ExemplarQuerySet.as_manager()

    class Meta:
        verbose_name = _("ต้นแบบอำเภอ")
        verbose_name_plural = _("ต้นแบบอำเภอ")
        ordering = ["year_id", "district_id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "district"], name="one_exemplar_per_district_year")
        ]

    def __str__(self):
        return f"{self.enrolment.unit} ({self.district.name_th} {self.year.fiscal_year})"

    @property
    def scope_province_id(self):
        return self.district.province_id if not self.district_id else self.district_id[:2]

    @property
    def scope_district_id(self):
        return self.district_id


class Meeting(models.Model):
    """การประชุม of a round's committee: its number in the round, date, place, agenda, attendance, resolutions and
    minutes (approved at the next meeting or by circulation)."""

    class Approval(models.TextChoices):
        NEXT_MEETING = "next_meeting", _("รับรองในการประชุมครั้งถัดไป")
        CIRCULATION = "circulation", _("รับรองโดยการเวียน")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("รอบ"))
    number = models.PositiveSmallIntegerField(_("ครั้งที่"))
    held_on = models.DateField(_("วันประชุม"))
    starts_at = models.TimeField(_("เวลาเริ่ม"), null=True, blank=True)
    place = models.CharField(_("สถานที่"), max_length=255, blank=True)
    online_url = models.URLField(_("ลิงก์ประชุมออนไลน์"), blank=True)
    extra_agenda = models.TextField(_("วาระอื่น ๆ"), blank=True, help_text=_("หนึ่งเรื่องต่อบรรทัด"))
    attachments = models.TextField(_("สิ่งที่ส่งมาด้วย"), blank=True, help_text=_("หนึ่งรายการต่อบรรทัด"))
    minutes = models.TextField(_("รายงานการประชุม"), blank=True)
    minutes_approval = models.CharField(
        _("การรับรองรายงานการประชุม"), max_length=20, choices=Approval.choices, blank=True
    )
    minutes_approved_on = models.DateField(_("รับรองเมื่อ"), null=True, blank=True)
    minutes_approved_in = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("รับรองในการประชุม"),
    )
    minutes_approved_note = models.CharField(_("ผู้รับรอง"), max_length=500, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("การประชุม")
        verbose_name_plural = _("การประชุม")
        ordering = ["round_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="one_meeting_number_per_round")
        ]

    def __str__(self):
        return _("การประชุม%(c)s ครั้งที่ %(n)s") % {"c": self.round.committee.name, "n": self.number}

    @property
    def committee(self):
        return self.round.committee

    @property
    def scope_province_id(self):
        return self.round.committee.year.province_id

    @property
    def scope_district_id(self):
        return self.round.committee.district_id


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("มาประชุม")
        ABSENT = "absent", _("ไม่มาประชุม")
        LEAVE = "leave", _("ลาประชุม")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(
        CommitteeMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("กรรมการ")
    )
    status = models.CharField(_("การมาประชุม"), max_length=10, choices=Status.choices, default=Status.PRESENT)
    substitute = models.CharField(
        _("ผู้มาประชุมแทน"), max_length=255, blank=True, help_text=_("ชื่อและตำแหน่งของผู้ที่มาแทน (ถ้ามี)")
    )

    class Meta:
        verbose_name = _("การมาประชุม")
        verbose_name_plural = _("การมาประชุม")
        ordering = ["meeting_id", "seat__order", "seat_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="one_attendance_per_seat")]

    def __str__(self):
        return f"{self.seat} · {self.get_status_display()}"


class Resolution(models.Model):
    """มติที่ประชุม on one unit: pass and not pass become the unit's decision (decisions.decide); defer leaves it
    to a later meeting."""

    class Outcome(models.TextChoices):
        PASS = "pass", _("ผ่าน")
        NOT_PASS = "not_pass", _("ไม่ผ่าน")
        DEFER = "defer", _("เลื่อนการพิจารณา")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    entry = models.ForeignKey(RoundEntry, on_delete=models.PROTECT, related_name="resolutions")
    outcome = models.CharField(_("มติ"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("เหตุผล"), blank=True)
    present = models.PositiveSmallIntegerField(_("ผู้มาประชุม"))
    members = models.PositiveSmallIntegerField(_("กรรมการทั้งหมด"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("มติที่ประชุม")
        verbose_name_plural = _("มติที่ประชุม")
        ordering = ["meeting_id", "entry__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entry"], name="one_resolution_per_meeting")
        ]

    def __str__(self):
        return f"{self.entry} · {self.get_outcome_display()}"


class Presentation(models.Model):
    """การนำเสนอผลงานต้นแบบอำเภอ (guideline 2.8): an item of a provincial committee meeting, one per district
    exemplar of the year, in order, with its start time, the minutes it is given and the committee's remarks
    recorded after the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="presentations", verbose_name=_("การประชุม")
    )
    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.PROTECT, related_name="presentations", verbose_name=_("ต้นแบบอำเภอ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    starts_at = models.TimeField(_("เวลาเริ่มนำเสนอ"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("เวลานำเสนอ (นาที)"), default=15)
    remarks = models.TextField(_("ข้อคิดเห็นของคณะกรรมการ"), blank=True)
    remarks_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การนำเสนอผลงานต้นแบบอำเภอ")
        verbose_name_plural = _("การนำเสนอผลงานต้นแบบอำเภอ")
        ordering = ["meeting_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "exemplar"], name="one_presentation_per_exemplar")
        ]

    def __str__(self):
        return _("การนำเสนอต้นแบบอำเภอ%(d)s") % {"d": self.exemplar.district.name_th}

    @property
    def round(self):
        return self.meeting.round

    @property
    def scope_province_id(self):
        return self.meeting.scope_province_id

    @property
    def scope_district_id(self):
        return self.meeting.scope_district_id
