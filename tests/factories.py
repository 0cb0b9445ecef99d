"""factory_boy factories shared by every app's tests."""

import datetime as dt

import factory

from apps.accounts.enums import Role
from apps.accounts.models import RoleAssignment, User
from apps.geo.models import District, Province, Village
from apps.registry.enums import Stage, TargetType
from apps.registry.models import Enrolment, ProgrammeYear, Unit
from apps.registry.services import open_programme_year

PASSWORD = "test-pass-12345"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    title = "นาย"
    first_name = factory.Sequence(lambda n: f"ผู้ใช้{n}")
    last_name = "ทดสอบ"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def with_role(role, **scope):
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


def province(code="65"):
    return Province.objects.get(code=code)


def district(code="6501"):
    return District.objects.get(code=code)


def programme_year(code="65", fy=2570, by=None):
    existing = ProgrammeYear.objects.filter(province_id=code, fiscal_year=fy).first()
    return existing or open_programme_year(province(code), fy, by=by)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    district = factory.LazyFunction(lambda: district("6501"))
    target_type = TargetType.GROUP
    sub_type = "กลุ่มออมทรัพย์เพื่อการผลิต"
    name = factory.Sequence(lambda n: f"กลุ่มออมทรัพย์บ้านทดสอบ {n}")
    founded_on = dt.date(2015, 1, 1)
    members_count = 30


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    subdistrict_id = "650101"
    moo = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"หมู่บ้านทดสอบ{n}")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    unit = factory.SubFactory(UnitFactory)
    year = factory.LazyFunction(programme_year)
    stage = Stage.RECRUITMENT


__all__ = [
    "Role",
    "UserFactory",
    "with_role",
    "UnitFactory",
    "EnrolmentFactory",
    "VillageFactory",
    "programme_year",
    "province",
    "district",
    "PASSWORD",
]
