"""What a user may see: computed once per request from their role assignments."""

from .enums import Role


class Scope:
    def __init__(self, user):
        self.user = user
        rows = []
        if user.is_authenticated and user.is_active:
            rows = list(user.role_assignments.select_related("zone").all())
        self.assignments = rows
        by_role = {}
        for a in rows:
            by_role.setdefault(a.role, []).append(a)
        self.roles = set(by_role)
        self.is_admin = bool(user.is_authenticated and user.is_superuser) or Role.ADMIN in by_role
        national = by_role.get(Role.NATIONAL_VIEWER, []) + by_role.get(Role.NATIONAL_STAFF, [])
        self.is_national = bool(national)
        # The centre's staff read every province (as a national viewer of the whole country does).
        self.is_national_staff = Role.NATIONAL_STAFF in by_role
        self.national_all = any(a.province_id is None for a in national)
        self.all_provinces = self.is_admin or self.national_all
        self.staff_province_ids = {a.province_id for a in by_role.get(Role.PROVINCE_STAFF, [])}
        self.district_ids = {a.district_id for a in by_role.get(Role.DISTRICT_OFFICER, [])}
        self.district_committee_ids = {a.district_id for a in by_role.get(Role.DISTRICT_COMMITTEE, [])}
        self.zone_ids = {a.zone_id for a in by_role.get(Role.ZONE_MEMBER, [])}
        self.subcommittee_province_ids = {a.province_id for a in by_role.get(Role.SUBCOMMITTEE_MEMBER, [])}
        self.committee_province_ids = {
            a.province_id for r in (Role.COMMITTEE_MEMBER, Role.COMMITTEE_CHAIR) for a in by_role.get(r, [])
        }
        self.chair_province_ids = {a.province_id for a in by_role.get(Role.COMMITTEE_CHAIR, [])}
        self.national_province_ids = {a.province_id for a in national if a.province_id}
        self.readable_province_ids = (
            self.staff_province_ids
            | self.national_province_ids
            | self.subcommittee_province_ids
            | self.committee_province_ids
            | {d[:2] for d in self.district_ids | self.district_committee_ids}
            | {a.zone.province_id for a in by_role.get(Role.ZONE_MEMBER, [])}
        )

    @property
    def reads_the_country(self):
        """The centre's page: national staff and national viewers (admin too)."""
        return self.is_admin or self.is_national

    def has(self, role):
        return role in self.roles

    def manages_province(self, province_id):
        return self.is_admin or province_id in self.staff_province_ids

    def works_in_district(self, district_id):
        return district_id in self.district_ids

    def reads_all_of_province(self, province_id):
        """Province-wide read access: staff, national viewers, admin."""
        return (
            self.is_admin
            or self.national_all
            or province_id in self.staff_province_ids
            or province_id in self.national_province_ids
        )

    @property
    def home_role(self):
        """The role whose landing page a user sees first."""
        for role in (
            Role.ADMIN,
            Role.PROVINCE_STAFF,
            Role.DISTRICT_OFFICER,
            Role.COMMITTEE_CHAIR,
            Role.COMMITTEE_MEMBER,
            Role.SUBCOMMITTEE_MEMBER,
            Role.ZONE_MEMBER,
            Role.DISTRICT_COMMITTEE,
            Role.NATIONAL_STAFF,
            Role.NATIONAL_VIEWER,
        ):
            if role in self.roles or (role == Role.ADMIN and self.is_admin):
                return role
        return None
