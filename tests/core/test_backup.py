import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from apps.core.models import AuditEvent
from apps.registry.models import Photo, Unit
from tests.factories import UnitFactory


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, settings, staff, year):
    import io

    from PIL import Image

    unit = UnitFactory(name="กลุ่มออมทรัพย์บ้านสำรองข้อมูล")
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "JPEG")
    photo = Photo(district=unit.district, year=year, unit=unit, stage=1, caption="ภาพทดสอบ")
    photo.image.save("backup.jpg", ContentFile(buf.getvalue()))
    events = AuditEvent.objects.count()
    archive = tmp_path / "backup.zip"
    call_command("backup_site", out=str(archive))
    assert "data.json" in zipfile.ZipFile(archive).namelist()

    # lose everything: rows and files
    call_command("flush", interactive=False)
    (settings.MEDIA_ROOT / photo.image.name).unlink()
    assert not Unit.objects.exists()

    call_command("restore_site", str(archive))
    restored = Photo.objects.get(caption="ภาพทดสอบ")
    assert restored.unit.name == "กลุ่มออมทรัพย์บ้านสำรองข้อมูล"
    assert (settings.MEDIA_ROOT / restored.image.name).read_bytes() == buf.getvalue()
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_restore_refuses_a_wrong_file(tmp_path):
    bad = tmp_path / "x.zip"
    bad.write_text("not a zip")
    with pytest.raises(CommandError):
        call_command("restore_site", str(bad))
