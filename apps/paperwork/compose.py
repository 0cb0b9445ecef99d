"""What each official document says, composed from the data when it is issued: the office that issues it, its
layout, subject, recipient, body blocks and, for minutes, who took them. The body is kept on the document, so
that a later change of the data never changes a document already issued (a re-issue composes again).

Body: {"heading": [...lines], "blocks": [{"p": text} | {"h": text} | {"ol": [...]} |
{"table": {"head": [...], "rows": [[...]], "widths": [...]}}], "refs": [...], "attachments": [...],
"closing": text, "given": text}."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.thaidates import format_date
from apps.evaluation.enums import CommitteeRole, Decision
from apps.evaluation.models import (
    Attendance,
    Committee,
    CommitteeMember,
    Meeting,
    Presentation,
    Resolution,
    Round,
    RoundEntry,
)
from apps.registry.enums import EvaluationLevel, TargetType
from apps.reporting.models import Submission

from .models import Kind, Layout, Office

DEFAULT_DUTIES = {
    EvaluationLevel.DISTRICT: [
        "ตรวจสอบและประเมินหน่วยนับเป้าหมายของอำเภอตามเกณฑ์มาตรฐานการพัฒนาชุมชน (มชช.)",
        "พิจารณาผลการประเมินและเสนอหน่วยนับที่ผ่านเกณฑ์ต่อคณะทำงานระดับโซน",
        "รายงานผลการดำเนินงานต่อจังหวัดตามกำหนดเวลา",
    ],
    EvaluationLevel.ZONE: [
        "ฟังการนำเสนอผลงานและประเมินหน่วยนับที่ผ่านการประเมินระดับอำเภอในโซน",
        "พิจารณาผลคะแนนและเสนอหน่วยนับที่ผ่านเกณฑ์ต่อคณะกรรมการ มชช. จังหวัด",
    ],
    EvaluationLevel.SUBCOMMITTEE: [
        "ประเมินหน่วยนับที่ผ่านการประเมินระดับโซนตามเกณฑ์มาตรฐานการพัฒนาชุมชน",
        "เสนอผลการประเมินต่อคณะกรรมการ มชช. จังหวัด",
    ],
    EvaluationLevel.COMMITTEE: [
        "พิจารณารับรองหน่วยนับที่ผ่านการประเมินตามเกณฑ์มาตรฐานการพัฒนาชุมชน (มชช.)",
        "ประกาศผลการรับรองและมอบใบรับรองแก่หน่วยนับที่ผ่านการรับรอง",
        "ปฏิบัติงานอื่นตามที่จังหวัดมอบหมาย",
    ],
}


@dataclass
class Draft:
    office: Office
    layout: str
    subject: str
    recipient: str = ""
    body: dict = field(default_factory=dict)
    sign_name: str = ""
    sign_position: str = ""


def office_for(province, district=None):
    """The office of a province (district None) or of a district, created with its plain name on first use."""
    if district is not None:
        name = _("สำนักงานพัฒนาชุมชนอำเภอ%(d)s") % {"d": district.name_th}
    else:
        name = _("สำนักงานพัฒนาชุมชนจังหวัด%(p)s") % {"p": province.name_th}
    office, _created = Office.objects.get_or_create(
        province_id=province.pk, district_id=getattr(district, "pk", None), defaults={"name": name}
    )
    return office


def _committee_office(committee):
    return office_for(
        committee.year.province, committee.district if committee.level == EvaluationLevel.DISTRICT else None
    )


def _issuer(office):
    """คำสั่ง/ประกาศ จังหวัดพิษณุโลก or อำเภอ…: the authority, not the office."""
    if office.district_id:
        return _("อำเภอ%(d)s") % {"d": office.district.name_th}
    return _("จังหวัด%(p)s") % {"p": office.province.name_th}


def _name(seat):
    """The member's name as the person record gives it (title, first and last name): members without an
    account are seated too (apps.accounts.Person)."""
    return seat.person.full_name


def _where_from(seat):
    return seat.person.position or seat.person.organisation


def _seats(committee):
    return list(
        CommitteeMember.objects.filter(committee=committee, removed_at__isnull=True)
        .select_related("person")
        .order_by("order", "pk")
    )


def _fy(committee):
    return committee.year.fiscal_year


def appointment(committee, dated):
    office = _committee_office(committee)
    fy = _fy(committee)
    seats = _seats(committee)
    if not seats:
        raise ValidationError(_("คณะกรรมการนี้ยังไม่มีกรรมการ จึงออกคำสั่งแต่งตั้งไม่ได้"))
    duties = [d.strip() for d in (committee.duties or "").splitlines() if d.strip()] or DEFAULT_DUTIES.get(
        committee.level, []
    )
    subject = _("แต่งตั้ง%(c)s ประจำปีงบประมาณ พ.ศ. %(fy)s") % {"c": committee.name, "fy": fy}
    rows = [[str(i), _name(s), _where_from(s), s.get_role_display()] for i, s in enumerate(seats, 1)]
    body = {
        "heading": [_("คำสั่ง%(i)s") % {"i": _issuer(office)}],
        "blocks": [
            {
                "p": _(
                    "ตามคู่มือการดำเนินงานมาตรฐานการพัฒนาชุมชน (มชช.) จังหวัด%(p)s กำหนดให้มีการประเมินหน่วยนับเป้าหมาย"
                    "ตามลำดับระดับอำเภอ ระดับโซน และระดับจังหวัด เพื่อให้การประเมินมาตรฐานการพัฒนาชุมชน "
                    "ประจำปีงบประมาณ พ.ศ. %(fy)s เป็นไปด้วยความเรียบร้อย มีประสิทธิภาพ และเป็นธรรม "
                    "จึงแต่งตั้ง%(c)s ประกอบด้วย"
                )
                % {"p": committee.year.province.name_th, "fy": fy, "c": committee.name}
            },
            {
                "table": {
                    "head": [_("ที่"), _("ชื่อ – สกุล"), _("ตำแหน่ง/สังกัด"), _("ตำแหน่งในคณะกรรมการ")],
                    "rows": rows,
                    "widths": [8, 34, 34, 24],
                }
            },
            {"p": _("ให้คณะกรรมการมีอำนาจหน้าที่ ดังนี้")},
            {"ol": duties},
            {
                "p": _("การประชุมต้องมีกรรมการมาประชุมไม่น้อยกว่า%(q)s ของจำนวนกรรมการทั้งหมด จึงเป็นองค์ประชุม")
                % {"q": _quorum_words(committee)}
            },
        ],
        "closing": _("ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"),
        "given": _("สั่ง ณ วันที่ %(d)s") % {"d": format_date(dated)},
    }
    return Draft(office, Layout.ORDER, subject, body=body)


def _quorum_words(committee):
    if (committee.quorum_numerator, committee.quorum_denominator) == (1, 2):
        words = _("กึ่งหนึ่ง")
    else:
        words = f"{committee.quorum_numerator}/{committee.quorum_denominator}"
    if committee.quorum_minimum:
        words += _(" และไม่น้อยกว่า %(n)s คน") % {"n": committee.quorum_minimum}
    return words


def _meeting_title(meeting):
    return _("ครั้งที่ %(n)s/%(fy)s") % {"n": meeting.number, "fy": _fy(meeting.round.committee)}


def _when(meeting):
    text = _("วัน%(d)s") % {"d": format_date(meeting.held_on, "FULL").removeprefix("วัน")}
    if meeting.starts_at:
        text += _(" เวลา %(t)s น.") % {"t": meeting.starts_at.strftime("%H.%M")}
    return text


def _where(meeting):
    place = meeting.place or ""
    if meeting.online_url:
        place = (place + " " if place else "") + _("หรือประชุมผ่านสื่ออิเล็กทรอนิกส์ %(u)s") % {
            "u": meeting.online_url
        }
    return place or _("(จะแจ้งให้ทราบภายหลัง)")


def _presentations(meeting):
    return list(
        Presentation.objects.filter(meeting=meeting)
        .select_related("exemplar__district", "exemplar__enrolment__unit")
        .order_by("order", "pk")
    )


def _clock(t):
    return t.strftime("%H.%M") if t else "–"  # the column's head says น.


def _presentation_rows(items, *, remarks):
    rows = []
    for p in items:
        row = [str(p.order), _clock(p.starts_at), p.exemplar.district.name_th, p.exemplar.enrolment.unit.name]
        row.append(p.remarks or "–" if remarks else _("%(m)s นาที") % {"m": p.minutes})
        rows.append(row)
    head = [_("ลำดับ"), _("เวลา (น.)"), _("อำเภอ"), _("หน่วยนับต้นแบบ")]
    head.append(_("ข้อคิดเห็นของคณะกรรมการ") if remarks else _("เวลานำเสนอ"))
    widths = [8, 12, 18, 28, 34] if remarks else [8, 12, 20, 42, 18]
    return {"table": {"head": head, "rows": rows, "widths": widths}}


def _agenda(meeting):
    entries = list(
        RoundEntry.objects.filter(round_id=meeting.round_id)
        .select_related("enrolment__unit__district")
        .order_by("order", "pk")
    )
    items = [_("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ")]
    shows = Presentation.objects.filter(meeting=meeting).count()
    if shows:
        items.append(
            _(
                "เรื่องเพื่อพิจารณา: การนำเสนอผลงานหน่วยนับต้นแบบอำเภอ (คู่มือข้อ 2.8) จำนวน %(n)s อำเภอ ตามลำดับและเวลาที่กำหนด"
            )
            % {"n": shows}
        )
    items.append(
        _("เรื่องเพื่อพิจารณา: ผลการประเมินหน่วยนับ จำนวน %(n)s หน่วยนับ (รายละเอียดตามสิ่งที่ส่งมาด้วย)")
        % {"n": len(entries)}
    )
    items += [line.strip() for line in (meeting.extra_agenda or "").splitlines() if line.strip()]
    items.append(_("เรื่องอื่น ๆ"))
    return items, entries


def _invitation_presentations(meeting):
    items = _presentations(meeting)
    if not items:
        return []
    return [
        {"p": _("ลำดับและเวลาการนำเสนอผลงานหน่วยนับต้นแบบอำเภอ (อำเภอละไม่เกินเวลาที่กำหนด) ดังนี้")},
        _presentation_rows(items, remarks=False),
    ]


def invitation(meeting, dated):
    committee = meeting.round.committee
    office = _committee_office(committee)
    items, entries = _agenda(meeting)
    subject = _("ขอเชิญประชุม%(c)s %(t)s") % {"c": committee.name, "t": _meeting_title(meeting)}
    attachments = [line.strip() for line in (meeting.attachments or "").splitlines() if line.strip()]
    body = {
        "attachments": attachments,
        "blocks": [
            {
                "p": _(
                    "ด้วย%(o)s กำหนดประชุม%(c)s %(t)s ใน%(w)s ณ %(pl)s เพื่อพิจารณาผลการประเมินมาตรฐานการพัฒนาชุมชน (มชช.) "
                    "ประจำปีงบประมาณ พ.ศ. %(fy)s ตามระเบียบวาระ ดังนี้"
                )
                % {
                    "o": office.name,
                    "c": committee.name,
                    "t": _meeting_title(meeting),
                    "w": _when(meeting),
                    "pl": _where(meeting),
                    "fy": _fy(committee),
                }
            },
            {"ol": items},
            *_invitation_presentations(meeting),
            {"p": _("จึงเรียนมาเพื่อโปรดเข้าร่วมประชุมตามวัน เวลา และสถานที่ดังกล่าว")},
        ],
        "closing": _("ขอแสดงความนับถือ"),
    }
    return Draft(
        office, Layout.LETTER, subject, recipient=_("กรรมการ%(c)s ทุกท่าน") % {"c": committee.name}, body=body
    )


def minutes(meeting, dated):
    committee = meeting.round.committee
    office = _committee_office(committee)
    if not meeting.minutes.strip():
        raise ValidationError(_("ยังไม่มีรายงานการประชุม กรุณาบันทึกรายงานการประชุมก่อน"))
    present, away, subs = [], [], []
    for a in (
        Attendance.objects.filter(meeting=meeting)
        .select_related("seat__person")
        .order_by("seat__order", "seat_id")
    ):
        line = f"{_name(a.seat)} {a.seat.get_role_display()}"
        if a.status == Attendance.Status.PRESENT:
            present.append(line)
        else:
            away.append(f"{line} ({a.get_status_display()})")
            if a.substitute:
                subs.append(a.substitute)
    resolutions = list(
        Resolution.objects.filter(meeting=meeting)
        .select_related("entry__enrolment__unit__district")
        .order_by("entry__order")
    )
    rows = [
        [
            str(i),
            r.entry.enrolment.unit.name,
            r.entry.enrolment.unit.district.name_th,
            r.get_outcome_display(),
            r.reason or "–",
        ]
        for i, r in enumerate(resolutions, 1)
    ]
    blocks = [{"h": _("ผู้มาประชุม")}, {"ol": present}]
    if away:
        blocks += [{"h": _("ผู้ไม่มาประชุม")}, {"ol": away}]
    if subs:
        blocks += [{"h": _("ผู้มาประชุมแทน")}, {"ol": subs}]
    blocks += [{"p": line} for line in meeting.minutes.splitlines() if line.strip()]
    shows = _presentations(meeting)
    if shows:
        blocks += [
            {"h": _("การนำเสนอผลงานหน่วยนับต้นแบบอำเภอและข้อคิดเห็นของคณะกรรมการ")},
            _presentation_rows(shows, remarks=True),
        ]
    if rows:
        blocks += [
            {"h": _("บัญชีมติที่ประชุมรายหน่วยนับ")},
            {
                "table": {
                    "head": [_("ที่"), _("หน่วยนับ"), _("อำเภอ"), _("มติ"), _("เหตุผล")],
                    "rows": rows,
                    "widths": [7, 38, 17, 14, 24],
                }
            },
        ]
    if meeting.minutes_approved_on:
        blocks.append(
            {
                "p": _("รับรองรายงานการประชุม: %(m)s เมื่อ %(d)s %(n)s")
                % {
                    "m": meeting.get_minutes_approval_display(),
                    "d": format_date(meeting.minutes_approved_on),
                    "n": meeting.minutes_approved_note,
                }
            }
        )
    secretary = next((s for s in _seats(committee) if s.role == CommitteeRole.SECRETARY), None)
    body = {
        "heading": [
            _("รายงานการประชุม%(c)s") % {"c": committee.name},
            _meeting_title(meeting),
            _("เมื่อ%(w)s") % {"w": _when(meeting)},
            _("ณ %(p)s") % {"p": _where(meeting)},
        ],
        "blocks": blocks,
        "signature_label": _("ผู้จดรายงานการประชุม"),
    }
    return Draft(
        office,
        Layout.MINUTES,
        _("รายงานการประชุม%(c)s %(t)s") % {"c": committee.name, "t": _meeting_title(meeting)},
        body=body,
        sign_name=_name(secretary) if secretary else "",
        sign_position=secretary.get_role_display() if secretary else "",
    )


def announcement(rnd, dated):
    committee = rnd.committee
    if committee.level != EvaluationLevel.COMMITTEE:
        raise ValidationError(_("ประกาศผลการประเมินออกจากรอบของคณะกรรมการ มชช. จังหวัดเท่านั้น"))
    office = _committee_office(committee)
    fy = _fy(committee)
    passed = list(
        RoundEntry.objects.filter(round=rnd, decision=Decision.PASS)
        .select_related("enrolment__unit__district", "decided_in")
        .order_by("enrolment__unit__target_type", "enrolment__unit__district_id", "enrolment__unit__name")
    )
    if not passed:
        raise ValidationError(_("รอบนี้ยังไม่มีหน่วยนับที่ผ่านการรับรอง"))
    meetings_held = sorted({e.decided_in for e in passed if e.decided_in_id}, key=lambda m: m.held_on)
    held = (
        ", ".join(
            _("ครั้งที่ %(n)s/%(fy)s เมื่อวันที่ %(d)s") % {"n": m.number, "fy": fy, "d": format_date(m.held_on)}
            for m in meetings_held
        )
        or "–"
    )
    groups = defaultdict(list)
    for e in passed:
        groups[e.enrolment.unit.target_type].append(e)
    types = dict(TargetType.choices)
    blocks = [
        {
            "p": _(
                "ตามที่จังหวัด%(p)s ได้ดำเนินการประเมินมาตรฐานการพัฒนาชุมชน (มชช.) ประจำปีงบประมาณ พ.ศ. %(fy)s "
                "บัดนี้ %(c)s ในการประชุม%(h)s ได้พิจารณาแล้วมีมติรับรองหน่วยนับที่ผ่านการประเมิน "
                "จำนวน %(n)s หน่วยนับ ดังนี้"
            )
            % {
                "p": committee.year.province.name_th,
                "fy": fy,
                "c": committee.name,
                "h": held,
                "n": len(passed),
            }
        }
    ]
    for tt, entries in groups.items():
        blocks.append({"h": _("%(t)s จำนวน %(n)s หน่วยนับ") % {"t": types.get(tt, tt), "n": len(entries)}})
        blocks.append(
            {
                "table": {
                    "head": [_("ที่"), _("หน่วยนับ"), _("อำเภอ")],
                    "rows": [
                        [str(i), e.enrolment.unit.name, e.enrolment.unit.district.name_th]
                        for i, e in enumerate(entries, 1)
                    ],
                    "widths": [8, 62, 30],
                }
            }
        )
    body = {
        "heading": [_("ประกาศ%(i)s") % {"i": _issuer(office)}],
        "blocks": blocks,
        "closing": _("จึงประกาศให้ทราบโดยทั่วกัน"),
        "given": _("ประกาศ ณ วันที่ %(d)s") % {"d": format_date(dated)},
    }
    subject = _("ผลการประเมินมาตรฐานการพัฒนาชุมชน (มชช.) ประจำปีงบประมาณ พ.ศ. %(fy)s") % {"fy": fy}
    return Draft(office, Layout.ANNOUNCEMENT, subject, body=body)


def cover(submission, dated):
    office = office_for(submission.district.province, submission.district)
    fy = submission.year.fiscal_year
    what = submission.get_kind_display()
    memo = office.cover_as_memo
    recipient = (
        _("พัฒนาการจังหวัด%(p)s") % {"p": submission.district.province.name_th}
        if memo
        else _("ผู้ว่าราชการจังหวัด%(p)s") % {"p": submission.district.province.name_th}
    )
    body = {
        "attachments": [_("%(w)s ปีงบประมาณ พ.ศ. %(fy)s จำนวน 1 ชุด") % {"w": what, "fy": fy}],
        "blocks": [
            {
                "p": _(
                    "ด้วย%(o)s ได้จัดทำ%(w)s ตามคู่มือการดำเนินงานมาตรฐานการพัฒนาชุมชน (มชช.) ประจำปีงบประมาณ พ.ศ. %(fy)s "
                    "เสร็จเรียบร้อยแล้ว และได้ส่งข้อมูลผ่านระบบ มชช. แล้ว รายละเอียดตามสิ่งที่ส่งมาด้วย"
                )
                % {"o": office.name, "w": what, "fy": fy}
            },
            {"p": _("จึงเรียนมาเพื่อโปรดทราบและพิจารณา")},
        ],
        "closing": "" if memo else _("ขอแสดงความนับถือ"),
    }
    return Draft(
        office,
        Layout.MEMO if memo else Layout.LETTER,
        _("ส่ง%(w)s ประจำปีงบประมาณ พ.ศ. %(fy)s") % {"w": what, "fy": fy},
        recipient=recipient,
        body=body,
    )


# kind → (model of the object it is about, composer)
COMPOSERS = {
    Kind.APPOINTMENT: (Committee, appointment),
    Kind.INVITATION: (Meeting, invitation),
    Kind.MINUTES: (Meeting, minutes),
    Kind.ANNOUNCEMENT: (Round, announcement),
    Kind.COVER: (Submission, cover),
}

# kinds a page about an object offers, by the URL word of the object
ABOUT = {
    "committee": (Committee, [Kind.APPOINTMENT]),
    "meeting": (Meeting, [Kind.INVITATION, Kind.MINUTES]),
    "round": (Round, [Kind.ANNOUNCEMENT]),
    "submission": (Submission, [Kind.COVER]),
}


def compose(kind, about, *, dated):
    model, fn = COMPOSERS[kind]
    if not isinstance(about, model):
        raise ValidationError(_("หนังสือประเภทนี้ออกจากข้อมูลนี้ไม่ได้"))
    return fn(model.objects.get(pk=about.pk), dated)  # as it is now, not as the caller last read it
