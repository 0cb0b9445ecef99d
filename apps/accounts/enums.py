from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("ผู้ดูแลระบบ")
    PROVINCE_STAFF = "province_staff", _("เจ้าหน้าที่ มชช. จังหวัด")
    DISTRICT_OFFICER = "district_officer", _("พัฒนาการอำเภอ/นักวิชาการพัฒนาชุมชน")
    DISTRICT_COMMITTEE = "district_committee", _("คณะกรรมการ มชช. อำเภอ")
    ZONE_MEMBER = "zone_member", _("คณะทำงานระดับโซนอำเภอ")
    SUBCOMMITTEE_MEMBER = "subcommittee_member", _("อนุกรรมการประเมินระดับจังหวัด")
    COMMITTEE_MEMBER = "committee_member", _("คณะกรรมการ มชช. จังหวัด")
    COMMITTEE_CHAIR = "committee_chair", _("ประธาน/เลขานุการคณะกรรมการ")
    NATIONAL_VIEWER = "national_viewer", _("ส่วนกลาง/ผู้ตรวจราชการ")
    NATIONAL_STAFF = "national_staff", _("เจ้าหน้าที่ส่วนกลาง กรมการพัฒนาชุมชน")


# Which scope each role needs: the one field of RoleAssignment that must be filled.
ROLE_SCOPE = {
    Role.ADMIN: None,
    Role.PROVINCE_STAFF: "province",
    Role.DISTRICT_OFFICER: "district",
    Role.DISTRICT_COMMITTEE: "district",
    Role.ZONE_MEMBER: "zone",
    Role.SUBCOMMITTEE_MEMBER: "province",
    Role.COMMITTEE_MEMBER: "province",
    Role.COMMITTEE_CHAIR: "province",
    Role.NATIONAL_VIEWER: None,  # province optional: empty means the whole country
    Role.NATIONAL_STAFF: None,  # the centre: the whole country
}
