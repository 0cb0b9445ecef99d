"""Demo accounts of DESIGN §6 (password mchch-demo-2570)."""

from apps.core.demo_people import person
from apps.geo.models import District, Province

from .enums import Role
from .models import RoleAssignment, User

PASSWORD = "mchch-demo-2570"

# email, title, first, last, position. Every person is invented (apps.core.demo_people): a demo names nobody
# real, not even the officer who holds a position today.
PEOPLE = [
    ("admin@example.org", "นาย", "ผู้ดูแล", "ระบบ", "ผู้ดูแลระบบ"),
    ("province@example.org", *person(3, "นางสาว"), "นักวิชาการพัฒนาชุมชนชำนาญการ"),
    ("district6501@example.org", *person(0, "นาย"), "พัฒนาการอำเภอเมืองพิษณุโลก"),
    ("district6502@example.org", *person(13, "นาง"), "นักวิชาการพัฒนาชุมชน อำเภอนครไทย"),
    ("zone1@example.org", *person(26, "นาย"), "พัฒนาการอำเภอพรหมพิราม"),
    ("subcommittee@example.org", *person(17, "นาง"), "หัวหน้ากลุ่มงานส่งเสริมการพัฒนาชุมชน"),
    ("chair@example.org", *person(38, "นาย"), "พัฒนาการจังหวัดพิษณุโลก"),
    ("national@example.org", *person(7, "นางสาว"), "ผู้ตรวจราชการกรมการพัฒนาชุมชน"),
    ("centre@example.org", *person(45, "นาย"), "นักวิชาการพัฒนาชุมชน สำนักเสริมสร้างความเข้มแข็งชุมชน"),
    ("staff6501b@example.org", *person(11, "นางสาว"), "นักวิชาการพัฒนาชุมชน อำเภอเมืองพิษณุโลก"),
]


def user(email):
    return User.objects.get(email=email)


def seed(ctx):
    province = Province.objects.get(code="65")
    ctx.province = province
    users = {}
    for email, title, first, last, position in PEOPLE:
        u, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "title": title,
                "first_name": first,
                "last_name": last,
                "position": position,
                "is_active": True,
            },
        )
        u.set_password(PASSWORD)
        if email == "admin@example.org":
            u.is_staff = u.is_superuser = True
        u.save()
        users[email.split("@")[0]] = u
    ctx.users = users
    d6501, d6502 = District.objects.get(code="6501"), District.objects.get(code="6502")

    def give(u, role, **scope):
        RoleAssignment.objects.get_or_create(user=u, role=role, **scope)

    give(users["admin"], Role.ADMIN)
    give(users["province"], Role.PROVINCE_STAFF, province=province)
    give(users["district6501"], Role.DISTRICT_OFFICER, district=d6501)
    give(users["staff6501b"], Role.DISTRICT_OFFICER, district=d6501)
    give(users["district6502"], Role.DISTRICT_OFFICER, district=d6502)
    give(users["subcommittee"], Role.SUBCOMMITTEE_MEMBER, province=province)
    give(users["chair"], Role.COMMITTEE_CHAIR, province=province)
    give(users["national"], Role.NATIONAL_VIEWER)
    give(users["centre"], Role.NATIONAL_STAFF)
    # zone1 gets its zone assignment once the zones exist (registry demo).
