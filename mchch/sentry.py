"""Optional error reporting: Sentry (or a compatible service such as GlitchTip) only when SENTRY_DSN is set."""


def init_sentry(dsn, *, environment, release=None, traces_sample_rate=0.0):
    """Initialise sentry-sdk with the Django and Celery integrations; do nothing without a DSN. No personal data
    is sent (send_default_pii=False): no user e-mail, no IP address, no cookies."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
    )
    return True
