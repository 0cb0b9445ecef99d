from django.db import migrations


def load(apps, schema_editor):
    from apps.geo.loader import load_geography

    load_geography(apps.get_model("geo", "Province"), apps.get_model("geo", "District"),
                   apps.get_model("geo", "Subdistrict"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
