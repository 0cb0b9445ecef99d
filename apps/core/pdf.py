"""The one PDF renderer: WeasyPrint with Sarabun from our own dependencies, reading local files only."""

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

import fontpkg
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

_FONT_CSS = None


def _font_css():
    global _FONT_CSS
    if _FONT_CSS is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fc = FontConfiguration()
        reg, bold = fontpkg.path("Sarabun", 400), fontpkg.path("Sarabun", 700)
        css = CSS(
            string=f"""
            @font-face {{ font-family: "Sarabun"; src: url("{reg.as_uri()}"); font-weight: 400; }}
            @font-face {{ font-family: "Sarabun"; src: url("{bold.as_uri()}"); font-weight: 700; }}
            @page {{ size: A4; margin: 18mm 16mm 18mm 20mm; }}
            body {{ font-family: "Sarabun", sans-serif; font-size: 14pt; line-height: 1.5; }}
            """,
            font_config=fc,
        )
        _FONT_CSS = (css, fc)
    return _FONT_CSS


def _allowed_roots():
    roots = [Path(settings.MEDIA_ROOT).resolve(), Path(settings.STATIC_ROOT).resolve()]
    roots += [Path(d).resolve() for d in settings.STATICFILES_DIRS]
    roots.append(fontpkg.path("Sarabun", 400).parent.resolve())
    return roots


def _local_path(url):
    parsed = urlparse(url)
    path = None
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
    elif parsed.scheme in ("http", "https") and parsed.netloc == "mchch.local":
        rel = unquote(parsed.path)
        if rel.startswith(settings.MEDIA_URL):
            path = (Path(settings.MEDIA_ROOT) / rel[len(settings.MEDIA_URL) :]).resolve()
        elif rel.startswith(settings.STATIC_URL):
            found = finders.find(rel[len(settings.STATIC_URL) :])
            path = Path(found).resolve() if found else None
    if path is None or not any(path.is_relative_to(root) for root in _allowed_roots()) or not path.is_file():
        raise ValueError(f"refused to fetch {url!r}: only local static and media files")
    return path


def local_url_fetcher():
    """A WeasyPrint fetcher that reads only our own static and media files (and the font), and data: URLs the
    templates inline themselves (QR codes): no network."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            return super().fetch(_local_path(url).as_uri(), headers)

    return LocalFetcher(allowed_protocols=["file", "data"])


def render_pdf(template_name, context):
    """Render a template to PDF bytes. Relative /static/ and /media/ URLs resolve to local files."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    css, fc = _font_css()
    return HTML(string=html, base_url="https://mchch.local/", url_fetcher=local_url_fetcher()).write_pdf(
        stylesheets=[css], font_config=fc
    )
