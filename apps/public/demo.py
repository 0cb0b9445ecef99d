"""Public profiles for the FY 2569 certified units (guideline 2.11), office contacts, a few public photos.
Certificates come from apps/certification/demo.py (runs earlier); without them there is nothing to publish."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from apps.geo.models import District
from apps.registry.enums import Stage, TargetType
from apps.registry.models import Photo

from .enums import ProfileStatus
from .models import OfficeContact, PrivacyContact, PublicProfile
from .selectors import certified_units

TEXTS = {
    TargetType.LEADER: (
        "{name} ({position}) เป็นแกนนำอาสาพัฒนาของ{place} ประสานการจัดทำแผนชุมชน ส่งเสริมการออมและการทำบัญชี"
        "ครัวเรือน และเป็นวิทยากรกระบวนการในเวทีประชาคมหมู่บ้านทุกเดือน",
        "ครัวเรือนในหมู่บ้านจัดทำบัญชีรับ-จ่ายต่อเนื่องร้อยละ 85\nโครงการจากแผนชุมชน 6 โครงการได้รับการบรรจุในแผนพัฒนา"
        "ท้องถิ่น\nเป็นพี่เลี้ยงให้ผู้นำ อช. รุ่นใหม่ 4 คนในตำบล",
        "ใช้เวทีประชาคมเดือนละครั้งทบทวนแผนชุมชนร่วมกับผู้ใหญ่บ้านและ อสม.\nจับคู่พี่เลี้ยง 1 คนต่อ 10 ครัวเรือนในการทำบัญชี"
        "ครัวเรือน\nเปิดบ้านเป็นจุดเรียนรู้ให้ผู้นำจากตำบลอื่นมาศึกษาดูงาน",
    ),
    "กลุ่มออมทรัพย์เพื่อการผลิต": (
        "{name} ระดมเงินออมจากสมาชิก {members} คนทุกเดือน ให้สมาชิกกู้ยืมเพื่อการผลิตและประกอบอาชีพ และจัดสวัสดิการ"
        "ให้สมาชิกตั้งแต่เกิดจนตาย",
        "เงินสัจจะสะสมเพิ่มขึ้นทุกปี หนี้ค้างชำระต่ำกว่าร้อยละ 2\nจัดสวัสดิการรักษาพยาบาลและฌาปนกิจให้สมาชิก\nจัดทำบัญชี"
        "ตามมาตรฐานและตรวจสอบได้",
        "ประชุมใหญ่สามัญประจำปีเปิดเผยงบการเงินต่อสมาชิก\nคณะกรรมการหมุนเวียนทุก 2 ปีตามระเบียบกลุ่ม\nใช้ผลกำไรส่วนหนึ่ง"
        "สนับสนุนกิจกรรมสาธารณประโยชน์ของหมู่บ้าน",
    ),
    "กองทุนแม่ของแผ่นดิน": (
        "{name} ใช้กองทุนแม่ของแผ่นดินเป็นเครื่องมือรวมพลังชุมชนป้องกันและแก้ไขปัญหายาเสพติด จัดกิจกรรมเยาวชนและครอบครัวอบอุ่น",
        "หมู่บ้านไม่มีผู้เสพรายใหม่ต่อเนื่อง 3 ปี\nเงินกองทุนเพิ่มขึ้นจากการระดมทุนของชุมชน\nเยาวชนร่วมกิจกรรมกีฬาและจิตอาสาทุกเดือน",
        "ตั้งจุดตรวจเฝ้าระวังโดยอาสาสมัครในหมู่บ้าน\nใช้ดอกผลกองทุนสนับสนุนทุนการศึกษาและกิจกรรมเยาวชน\nทำประชาคม"
        "รับฟังความเห็นก่อนใช้เงินกองทุนทุกครั้ง",
    ),
    "กพสม.": (
        "{name} รวมกลุ่มสตรีในหมู่บ้านส่งเสริมอาชีพ ดูแลเด็กและผู้สูงอายุ และเป็นแกนประสานงานพัฒนาบทบาทสตรี",
        "สมาชิกมีรายได้เสริมจากการแปรรูปผลผลิตเฉลี่ยเดือนละ 1,500 บาท\nดูแลผู้สูงอายุติดบ้าน 12 คนในหมู่บ้าน",
        "แบ่งงานตามความถนัดของสมาชิก\nจดบันทึกรายรับรายจ่ายของกลุ่มอาชีพทุกครั้ง\nเชื่อมเครือข่ายกับ กพสต. ในการหาตลาด",
    ),
    "ศูนย์เรียนรู้ชุมชน": (
        "{name} เป็นแหล่งเรียนรู้ของชุมชนด้านเกษตรผสมผสานและการลดรายจ่ายครัวเรือน เปิดให้ผู้สนใจศึกษาดูงานตลอดปี",
        "มีผู้มาศึกษาดูงานกว่า 600 คนต่อปี\nมีฐานเรียนรู้ 5 ฐาน พร้อมวิทยากรชุมชน",
        "จัดฐานเรียนรู้ให้ลงมือทำจริง\nบันทึกองค์ความรู้เป็นเอกสารและคลิปสั้น\nให้เยาวชนเป็นวิทยากรผู้ช่วย",
    ),
    "กข.คจ.": (
        "{name} บริหารเงินทุนโครงการแก้ไขปัญหาความยากจน (กข.คจ.) ให้ครัวเรือนยืมไปประกอบอาชีพ และติดตามการใช้คืน",
        "ครัวเรือนยากจนตามเกณฑ์ จปฐ. ลดลงจนไม่มีในหมู่บ้าน\nเงินทุนหมุนเวียนครบตามสัญญาร้อยละ 98",
        "คณะกรรมการเยี่ยมครัวเรือนที่ยืมเงินทุกไตรมาส\nจัดเวทีแลกเปลี่ยนอาชีพระหว่างครัวเรือนที่ยืมเงิน",
    ),
    TargetType.NETWORK: (
        "{name} ประสานองค์กรชุมชน {members} องค์กรในตำบล จัดทำแผนพัฒนาตำบล และเชื่อมโยงภาคีการพัฒนามาสนับสนุนชุมชน",
        "แผนพัฒนาตำบลผ่านการรับรองจากเวทีประชาคมตำบล\nองค์กรสมาชิกผ่านการรับรอง มชช. เพิ่มขึ้นทุกปี",
        "ประชุมเครือข่ายทุก 2 เดือนหมุนเวียนสถานที่ในแต่ละหมู่บ้าน\nจัดทำฐานข้อมูลองค์กรชุมชนในตำบลให้เป็นปัจจุบัน",
    ),
    TargetType.COMMUNITY: (
        "{name} เป็นหมู่บ้านเศรษฐกิจพอเพียงต้นแบบ {households} ครัวเรือน ที่ยึดหลักลดรายจ่าย เพิ่มรายได้ ประหยัด เรียนรู้"
        " เอื้ออารี และรักษาสิ่งแวดล้อม",
        "ครัวเรือนปลูกผักสวนครัวกินเองร้อยละ 90\nมีธนาคารขยะและกองทุนสวัสดิการของหมู่บ้าน\nรายจ่ายครัวเรือนเฉลี่ยลดลง",
        "ทำบัญชีครัวเรือนและสรุปผลในเวทีหมู่บ้านทุกไตรมาส\nแบ่งคุ้มบ้านดูแลกันเอง มีหัวหน้าคุ้มประสานงาน\nเปิดหมู่บ้าน"
        "เป็นแหล่งศึกษาดูงานเศรษฐกิจพอเพียง",
    ),
}
DEFAULT_GROUP = TEXTS["กลุ่มออมทรัพย์เพื่อการผลิต"]
PHOTO_CAPTIONS = [
    "เวทีประชาคมทบทวนแผนพัฒนาตนเอง",
    "นำเสนอผลการพัฒนาต่อคณะทำงานระดับโซน",
    "กิจกรรมแลกเปลี่ยนเรียนรู้กับภาคีการพัฒนา",
]


def _texts(unit):
    if unit.target_type == TargetType.GROUP:
        tpl = TEXTS.get(unit.sub_type, DEFAULT_GROUP)
    else:
        tpl = TEXTS[unit.target_type]
    place = f"{unit.village}" if unit.village_id else f"อำเภอ{unit.district.name_th}"
    values = {
        "name": unit.name,
        "position": unit.position or "อช.",
        "place": place,
        "members": unit.members_count or 30,
        "households": unit.households or 100,
    }
    return [t.format(**values) for t in tpl]


def _jpeg(seed):
    from PIL import Image, ImageDraw

    colours = [("#2f7d5b", "#eef4f1"), ("#c2410c", "#fff7e6"), ("#1f4e79", "#e8f0f8")]
    bg, fg = colours[seed % len(colours)]
    img = Image.new("RGB", (640, 400), bg)
    d = ImageDraw.Draw(img)
    for i in range(6):
        d.ellipse([40 + i * 95, 250 - (i % 3) * 40, 120 + i * 95, 330 - (i % 3) * 40], fill=fg)
    d.rectangle([0, 330, 640, 400], fill=fg)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=70)
    return out.getvalue()


def _photos(unit, year, by):
    photos = list(Photo.objects.filter(unit=unit, is_public=True)[:3])
    if photos:
        return photos
    for i, caption in enumerate(PHOTO_CAPTIONS):
        p = Photo.objects.filter(unit=unit, caption=caption).first()
        if p is None:
            p = Photo(
                district_id=unit.district_id,
                year=year,
                unit=unit,
                stage=Stage.EVALUATION,
                caption=caption,
                taken_on=dt.date(2026, 6, 10 + i),
                is_public=True,
                uploaded_by=by,
            )
            p.image.save(f"demo-{unit.pk}-{i}.jpg", ContentFile(_jpeg(unit.pk + i)), save=False)
            p.save()
        photos.append(p)
    # One internal photo that must never reach the public site.
    if not Photo.objects.filter(unit=unit, is_public=False).exists():
        p = Photo(
            district_id=unit.district_id,
            year=year,
            unit=unit,
            stage=Stage.SELF_DEVELOPMENT,
            caption="ภาพภายใน: ติดตามนิเทศ (ไม่เผยแพร่)",
            taken_on=dt.date(2026, 4, 2),
            is_public=False,
            uploaded_by=by,
        )
        p.image.save(f"demo-internal-{unit.pk}.jpg", ContentFile(_jpeg(unit.pk + 7)), save=False)
        p.save()
    return photos


def seed(ctx):
    province = ctx.province
    staff = ctx.users["province"]
    for d in District.objects.filter(province=province):
        OfficeContact.objects.get_or_create(
            district=d,
            defaults={
                "name": f"สำนักงานพัฒนาชุมชนอำเภอ{d.name_th}",
                "address": f"ที่ว่าการอำเภอ{d.name_th} จังหวัด{province.name_th}",
                "email": f"cd{d.code}@example.org",
            },
        )
    PrivacyContact.objects.get_or_create(
        province=province,
        defaults={
            "controller": f"สำนักงานพัฒนาชุมชนจังหวัด{province.name_th}",
            "address": f"ศาลากลางจังหวัด{province.name_th} (ข้อมูลสาธิต)",
            "email": "pdpa@example.org",
            "dpo_name": "เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลของสำนักงาน (ข้อมูลสาธิต)",
            "dpo_email": "dpo@example.org",
            "updated_by": staff,
        },
    )
    year = ctx.years[2569]
    units = list(
        certified_units(2569)
        .filter(district__province=province)
        .select_related("district", "village")
        .order_by("district_id", "target_type", "pk")
    )
    if not units:
        ctx.stdout.write("public: no FY 2569 certificates yet (certification demo missing): profiles skipped")
        return
    now = timezone.now()
    for i, unit in enumerate(units):
        summary, results, practices = _texts(unit)
        # Most published by the province; a few drafts waiting for the province (DESIGN §7).
        submitted = i % 9 == 4
        profile, created = PublicProfile.objects.get_or_create(
            unit=unit,
            defaults={
                "summary": summary,
                "results": results,
                "practices": practices,
                "status": ProfileStatus.SUBMITTED if submitted else ProfileStatus.PUBLISHED,
                "updated_by": ctx.users.get("district6501") if submitted else staff,
            },
        )
        if created and not submitted:
            profile.pub_summary, profile.pub_results, profile.pub_practices = summary, results, practices
            profile.published_at, profile.published_by = now, staff
            profile.save(
                update_fields=["pub_summary", "pub_results", "pub_practices", "published_at", "published_by"]
            )
        if created and unit.district_id in ("6501", "6502", "6506") and unit.target_type != TargetType.LEADER:
            photos = _photos(unit, year, staff)
            profile.photos.set(photos)
            profile.cover_photo = photos[0]
            profile.save(update_fields=["cover_photo"])
