"""Django set up for the benchmark scripts with production-like settings, the same for our pages and the admin
beside them: DEBUG off (templates without debug annotations, no SQL log), manifest static files (collected
here), the shared cache of REDIS_URL when set. MFA is off for the benchmark accounts, which have no
authenticator, and the HTTPS redirect is off because the test client speaks plain HTTP."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "mchch.settings",
    "DEBUG": "0",
    "MFA_REQUIRED": "0",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
}


def setup():
    sys.path.insert(0, str(ROOT))
    for key, value in SETTINGS.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("collectstatic", interactive=False, verbosity=0)
