"""The publication checker (issue 19): each detector with real-looking positives and negatives."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.nationalid import check_digit
from apps.core.privacy import find_private, is_publishable, message, validate_publishable

ID = "110170020345" + str(check_digit("110170020345"))  # a valid ID: 1101700203451
BAD_ID = ID[:12] + str((int(ID[12]) + 1) % 10)
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def kinds(text, allowed=()):
    return [(f.kind, f.text) for f in find_private(text, allowed)]


def only(kind, text, allowed=()):
    return [q for k, q in kinds(text, allowed) if k == kind]


def dashed(d):
    return f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}"


NATIONAL_ID_POSITIVE = [
    (f"เลขประจำตัวประชาชน {ID} ของประธานกลุ่ม", ID),
    (f"บัตร {dashed(ID)} หมดอายุ", dashed(ID)),
    (
        f"{ID[0]} {ID[1:5]} {ID[5:10]} {ID[10:12]} {ID[12]}",
        f"{ID[0]} {ID[1:5]} {ID[5:10]} {ID[10:12]} {ID[12]}",
    ),
    (f"เลข {ID[:3]}-{ID[3:8]}-{ID[8:]}", f"{ID[:3]}-{ID[3:8]}-{ID[8:]}"),
    (f"เลข {ID.translate(THAI)}", ID.translate(THAI)),
    (f"เลข {dashed(ID).translate(THAI)}", dashed(ID).translate(THAI)),
    ("เลข " + "\u200b".join(ID), ID),
    ("เลข " + ID[:4] + "\u00ad" + ID[4:9] + "\u2060" + ID[9:] + "\ufeff", ID),
    ("เลข " + ID[:5] + "\u200c" + ID[5:].translate(THAI) + "\u200d", ID[:5] + ID[5:].translate(THAI)),
    (f"เลขบัตร {ID[:6]}\n{ID[6:]}", f"{ID[:6]} {ID[6:]}"),
    (f"โดยมีนายสมชายถือบัตร{ID}มาแสดง", ID),
]
NATIONAL_ID_NEGATIVE = [
    f"รหัสสินค้า {BAD_ID}",
    "บาร์โค้ดผลิตภัณฑ์ 8850999320014",
    "เงินทุนหมุนเวียน 1,234,567 บาท",
    "ปีงบประมาณ 2569 และ 2570",
    "0" + ID[1:12] + str(check_digit("0" + ID[1:12])),  # a 0 first digit is no ID
    "วันที่ 12/3/2570 เวลา 09.30 น.",
]


@pytest.mark.parametrize("text,quote", NATIONAL_ID_POSITIVE)
def test_national_id_found(text, quote):
    assert only("national_id", text) == [quote]


@pytest.mark.parametrize("text", NATIONAL_ID_NEGATIVE)
def test_national_id_not_found(text):
    assert only("national_id", text) == []


PHONE_POSITIVE = [
    ("ติดต่อ 0812345678", "0812345678"),
    ("โทร. 081-234-5678 ได้ทุกวัน", "081-234-5678"),
    ("มือถือ 08 1234 5678", "08 1234 5678"),
    ("โทร 061.234.5678", "061.234.5678"),
    ("โทร 091-2345678", "091-2345678"),
    ("โทร +66 81 234 5678", "+66 81 234 5678"),
    ("โทร +66812345678", "+66812345678"),
    ("โทร ๐๘๑-๒๓๔-๕๖๗๘", "๐๘๑-๒๓๔-๕๖๗๘"),
    ("โทร 081-234-\n5678", "081-234- 5678"),
    ("โทร 0812\n345678", "0812 345678"),
    ("สำนักงาน 02-123-4567", "02-123-4567"),
    ("โทรศัพท์ 055-123456", "055-123456"),
    ("โทรศัพท์ 055 252 123", "055 252 123"),
    ("โทร 043-123-456", "043-123-456"),
    ("ติดต่อ 0\u200b8\u200b1\u200b2345678", "0812345678"),
]
PHONE_NEGATIVE = [
    "สมาชิก 120 คน 85 ครัวเรือน",
    "รหัสไปรษณีย์ 65000",
    "เงินสัจจะสะสม 1,234,567 บาท",
    "วันที่ 12/3/2570",
    "ปี 2569 ถึง 2570",
    "ร้อยละ 98.5 ของครัวเรือน",
    "ผลิตภัณฑ์รหัส 8850999320014",
    "เวลา 08.30-16.30 น.",
]


@pytest.mark.parametrize("text,quote", PHONE_POSITIVE)
def test_phone_found(text, quote):
    assert only("phone", text) == [quote]


@pytest.mark.parametrize("text", PHONE_NEGATIVE)
def test_phone_not_found(text):
    assert kinds(text) == []


EMAIL_POSITIVE = [
    ("ส่งเอกสารที่ somchai.j@gmail.com", "somchai.j@gmail.com"),
    ("อีเมล nong_noi+cdd@hotmail.co.th ครับ", "nong_noi+cdd@hotmail.co.th"),
    ("ติดต่อ a\u200bb@example.org", "ab@example.org"),
]
EMAIL_NEGATIVE = ["ติดตาม @กลุ่มออมทรัพย์ ทางไลน์", "ราคา 20@ชิ้น", "เว็บไซต์ www.cdd.go.th"]


@pytest.mark.parametrize("text,quote", EMAIL_POSITIVE)
def test_email_found(text, quote):
    assert only("email", text) == [quote]


@pytest.mark.parametrize("text", EMAIL_NEGATIVE)
def test_email_not_found(text):
    assert kinds(text) == []


ADDRESS_POSITIVE = [
    ("อาศัยอยู่บ้านเลขที่ 12/3 ตำบลท่าทอง", "บ้านเลขที่ 12/3"),
    ("บ้านเลขที่ 45 หมู่ 7", "บ้านเลขที่ 45 หมู่ 7"),
    ("ที่อยู่ เลขที่ 45/6 หมู่ 7 ต.บ้านคลอง", "เลขที่ 45/6 หมู่ 7"),
    ("เลขที่ 88 หมู่ที่ 2", "เลขที่ 88 หมู่ที่ 2"),
    ("บ้าน 99/1 ม.7 ต.ท่าทอง", "99/1 ม.7"),
    ("อยู่ 12 หมู่ที่ 3 ตำบลวัดจันทร์", "12 หมู่ที่ 3"),
    ("ที่อยู่ ๑๒/๓ ม.๗", "๑๒/๓ ม.๗"),
    ("บ้านเลขที่\u200b 12/3", "บ้านเลขที่ 12/3"),
    ("ร้าน 123/45 ซอยร่วมใจ", "123/45 ซอย"),
]
ADDRESS_NEGATIVE = [
    "ชุมชนหมู่ที่ 7 บ้านโป่งแค ตำบลบ้านคลอง",
    "หมู่บ้านเศรษฐกิจพอเพียงต้นแบบ 12 หมู่บ้าน",
    "ประชุม ม.ค. 2570 ทุกหมู่บ้าน",
    "ปี 2569 หมู่ที่ 3 ได้รับรางวัล",
    "วันที่ 12/3/2570",
    "ครัวเรือน 85 ครัวเรือนในหมู่บ้านนาบัว",
    "เลขที่ใบรับรอง มชช.65/2569/0001",
]


@pytest.mark.parametrize("text,quote", ADDRESS_POSITIVE)
def test_address_found(text, quote):
    assert only("address", text) == [quote]


@pytest.mark.parametrize("text", ADDRESS_NEGATIVE)
def test_address_not_found(text):
    assert kinds(text) == []


BANK_POSITIVE = [
    ("เลขที่บัญชี 1234567890", "1234567890"),
    ("โอนเข้าบัญชี 020-1-23456-7 ชื่อกลุ่ม", "020-1-23456-7"),
    ("ธนาคารกรุงไทย สาขาพิษณุโลก 981-2-34567-8", "981-2-34567-8"),
    ("บัญชีออมทรัพย์ ธ.ก.ส. 012345678901", "012345678901"),
    ("เลขบัญชี 0812345678", "0812345678"),  # a mobile-shaped number under บัญชี is an account (PromptPay too)
    ("รับโอนที่ 123-4-56789-0", "123-4-56789-0"),
]
BANK_NEGATIVE = [
    "ธนาคารขยะของหมู่บ้านมีสมาชิก 120 ครัวเรือน",
    "ทำบัญชีครัวเรือนร้อยละ 85",
    "บัญชีรับจ่าย ปี 2569 ยอด 1,234,567 บาท",
    "ธนาคารต้นไม้ 1,500 ต้น",
]


@pytest.mark.parametrize("text,quote", BANK_POSITIVE)
def test_bank_account_found(text, quote):
    assert only("bank_account", text) == [quote]


@pytest.mark.parametrize("text", BANK_NEGATIVE)
def test_bank_account_not_found(text):
    assert kinds(text) == []


NAME_POSITIVE = [
    ("ประธานกลุ่มคือนางบุญศรี ใจงาม", "นางบุญศรี ใจงาม"),
    ("นาย สมศักดิ์ รักถิ่น เป็นเลขานุการ", "นาย สมศักดิ์ รักถิ่น"),
    ("ขอบคุณ นางสาวกนกวรรณ ศรีสุข", "นางสาวกนกวรรณ ศรีสุข"),
    ("น.ส.พรทิพย์ คำมา", "น.ส.พรทิพย์ คำมา"),
    ("ด.ช.ธนากร มีสุข ได้ทุน", "ด.ช.ธนากร มีสุข"),
    ("ด.ญ. มาลี ศรีสุข", "ด.ญ. มาลี ศรีสุข"),
    ("เด็กหญิงกัญญา แก้วกล้า", "เด็กหญิงกัญญา แก้วกล้า"),
    ("เด็กชาย ปกรณ์ ทองคำ", "เด็กชาย ปกรณ์ ทองคำ"),
    ("นำโดยนายกมล สุขใจ", "นายกมล สุขใจ"),  # a name that starts with ก is not นายก
    ("นายพันธ์ศักดิ์ ใจดี", "นายพันธ์ศักดิ์ ใจดี"),
    ("นายเอกชัย ศรีวงศ์", "นายเอกชัย ศรีวงศ์"),
]
NAME_NEGATIVE = [
    "นายอำเภอเมืองพิษณุโลกเป็นประธานในพิธี",
    "นายกเทศมนตรีตำบลท่าทองมอบรางวัล",
    "นายก อบต. ร่วมเวทีประชาคม",
    "นางพยาบาลประจำ รพ.สต. ตรวจสุขภาพ",
    "ตำบลนายาง อำเภอนครไทย",
    "หมู่บ้านนางาม และบ้านนาบัว",
    "ผู้ใหญ่บ้านและกำนันร่วมประชุม",
    "นายทะเบียนอำเภอรับรองเอกสาร",
]


@pytest.mark.parametrize("text,quote", NAME_POSITIVE)
def test_person_name_found(text, quote):
    assert only("person_name", text) == [quote]


@pytest.mark.parametrize("text", NAME_NEGATIVE)
def test_person_name_not_found(text):
    assert kinds(text) == []


def test_allowed_names_are_the_units_own():
    leader = "นายบุญมี ทองดี"
    text = "นายบุญมี ทองดี (ผู้นำ อช.) เป็นแกนนำ ร่วมกับนาย บุญมี ทองดี และนางสมพร แก้วมณี"
    assert only("person_name", text, [leader]) == ["นางสมพร แก้วมณี"]
    # a unit whose own name holds นาย… or หมู่ที่ … is not a person nor an address
    group = "กลุ่มแม่บ้านนายสมหมายพัฒนา"
    assert kinds(f"{group} ระดมเงินออมทุกเดือน", [group]) == []
    community = "บ้านโป่งแค หมู่ที่ 1 ต.บ้านคลอง"
    assert kinds(f"{community} เป็นหมู่บ้านต้นแบบ 12 หมู่ 3 ด้าน", [community]) == [("address", "12 หมู่ 3")]
    # allowing a name never allows a number
    assert only("national_id", f"{leader} {ID}", [leader]) == [ID]


def test_several_findings_in_reading_order_and_once():
    text = f"นางสมศรี ใจงาม โทร 0891234567 เลข {dashed(ID)} อีเมล x@y.co โทร 0891234567"
    assert [k for k, _q in kinds(text)] == ["person_name", "phone", "national_id", "email"]


def test_messages_quote_the_offending_part():
    f = find_private(f"บัตร {dashed(ID)}")[0]
    assert message(f) == f"พบเลขประจำตัวประชาชนในข้อความ: “{dashed(ID)}” ข้อมูลส่วนบุคคลเผยแพร่ไม่ได้"
    assert message(f, "คำบรรยายภาพ").startswith("พบเลขประจำตัวประชาชนในคำบรรยายภาพ: “")
    with pytest.raises(ValidationError) as exc:
        validate_publishable([("สรุป", "โทร 0812345678"), ("ผลงาน", f"เลข {ID}")])
    assert len(exc.value.messages) == 2
    assert "0812345678" in exc.value.messages[0] and ID in exc.value.messages[1]
    validate_publishable([("สรุป", "ระดมเงินออมจากสมาชิก 120 คน")])  # nothing to say
    assert is_publishable("") and is_publishable(None)
