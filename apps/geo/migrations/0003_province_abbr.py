from django.db import migrations, models


def fill(apps, schema_editor):
    from apps.geo.loader import set_abbreviations

    set_abbreviations(apps.get_model("geo", "Province"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0002_load_geography")]
    operations = [
        migrations.AddField(
            model_name="province",
            name="abbr",
            field=models.CharField(
                blank=True,
                help_text="อักษรย่อทางราชการ เช่น พล สำหรับพิษณุโลก",
                max_length=4,
                verbose_name="อักษรย่อจังหวัด",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
