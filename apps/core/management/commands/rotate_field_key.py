"""Re-seal every encrypted field under the first key of FIELD_KEY and recompute its lookup hash.

    FIELD_KEY="k2:<new>,k1:<old>" python manage.py rotate_field_key   # then drop k1 from FIELD_KEY
    python manage.py rotate_field_key --new-key                         # print a fresh key to put first

All rows of every model with an EncryptedCharField, in one transaction; audited (counts only)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.core import fieldcrypt
from apps.core.audit import audit


def _sealed_fields():
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, fieldcrypt.EncryptedCharField):
                yield model, f


class Command(BaseCommand):
    help = "Re-seal encrypted fields (national IDs) under the current FIELD_KEY and recompute lookup hashes."

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="print a fresh key and exit")

    def handle(self, *args, new_key=False, **options):
        if new_key:
            self.stdout.write(fieldcrypt.new_key())
            return
        kid = fieldcrypt.current_key_id()
        if fieldcrypt.uses_dev_key():
            self.stderr.write(
                "FIELD_KEY is not set: sealing under the key derived from SECRET_KEY (development only)"
            )
        counts = {}
        with transaction.atomic():
            for model, field in _sealed_fields():
                n = 0
                rows = model._default_manager.exclude(**{field.name: ""}).values_list("pk", field.name)
                for pk, plain in rows.iterator():
                    values = {field.name: plain}
                    if field.hash_field:
                        values[field.hash_field] = fieldcrypt.keyed_hash(plain, field.purpose)
                    model._default_manager.filter(pk=pk).update(**values)
                    n += 1
                counts[f"{model._meta.label}.{field.name}"] = n
            audit(None, "field_key.rotated", after={"key_id": kid, "rows": counts})
        for name, n in counts.items():
            self.stdout.write(f"{name}: {n} re-sealed under key {kid}")
