"""The printable profile of a unit (public:profile_pdf), built by the worker (apps.public.tasks) and kept in the
shared cache per public-data generation and language: a visitor's request never renders a PDF."""

from django.core.cache import cache

from .cache import TIMEOUT

BUILD_TIME = 120  # seconds a queued build is trusted to finish before another request may queue it again


def pdf_key(gen, lang, pk):
    return f"public:{gen}:pdf:{lang}:{pk}"


def build_profile_pdf(pk):
    """{"status": "ok", "pdf": bytes} or {"status": "missing" | "revoked" | "hidden"}."""
    from apps.core.pdf import render_pdf

    from .profiles import absolute, load_unit, profile_context, profile_status

    unit = load_unit(pk)
    status = profile_status(unit)
    if status != "ok":
        return {"status": status}
    ctx = profile_context(unit)
    ctx["site_url"] = absolute(ctx["path"])
    if ctx["latest_cert"]:
        import segno

        ctx["qr_svg"] = segno.make(absolute(f"/verify/{ctx['latest_cert'].code}/"), error="m").svg_inline(
            scale=3, dark="#17372a"
        )
    return {"status": "ok", "pdf": render_pdf("public/profile_pdf.html", ctx)}


def store(gen, lang, pk):
    """Build and keep the PDF of unit `pk` for generation `gen` in language `lang` (the worker's task)."""
    from django.utils import translation

    with translation.override(lang):
        data = build_profile_pdf(pk)
    cache.set(pdf_key(gen, lang, pk), data, TIMEOUT)
    return data["status"]


def claim(gen, lang, pk):
    """True for the one request that queues the build; the others wait for it."""
    return cache.add(pdf_key(gen, lang, pk) + ":queued", 1, BUILD_TIME)
