"""The one PDF renderer: WeasyPrint with Sarabun from our own dependencies, reading local files only."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

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
    roots = [Path(settings.STATIC_ROOT).resolve()]
    roots += [Path(d).resolve() for d in settings.STATICFILES_DIRS]
    roots.append(fontpkg.path("Sarabun", 400).parent.resolve())
    return roots


def media_src(name):
    """The address a PDF template gives a stored file (an upload, a thumbnail): read by the fetcher below from the
    file store, whichever it is (never a signed URL, never a path on this machine's disk)."""
    name = getattr(name, "name", name)
    return settings.MEDIA_URL + quote(name) if name else ""


def _media_name(url):
    """The storage name behind https://mchch.local/media/<name>, or None for any other URL."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or parsed.netloc != "mchch.local":
        return None
    rel = unquote(parsed.path)
    if not rel.startswith(settings.MEDIA_URL):
        return None
    name = rel[len(settings.MEDIA_URL) :]
    if not name or name.startswith("/") or "\\" in name or ".." in name.split("/"):
        raise ValueError(f"refused to fetch {url!r}: not a stored file's name")
    return name


def _local_path(url):
    parsed = urlparse(url)
    path = None
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
    elif parsed.scheme in ("http", "https") and parsed.netloc == "mchch.local":
        rel = unquote(parsed.path)
        if rel.startswith(settings.STATIC_URL):
            found = finders.find(rel[len(settings.STATIC_URL) :])
            path = Path(found).resolve() if found else None
    if path is None or not any(path.is_relative_to(root) for root in _allowed_roots()) or not path.is_file():
        raise ValueError(f"refused to fetch {url!r}: only local static and media files")
    return path


def local_url_fetcher():
    """A WeasyPrint fetcher that reads only our own static files (and the font), stored media through the storage
    API (the local folder or the shared object store), and data: URLs the templates inline themselves (QR
    codes): no network of its own."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            name = _media_name(url)
            if name is not None:
                from django.core.files.storage import default_storage

                with default_storage.open(name, "rb") as fh:
                    body = fh.read()
                kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": kind})
            return super().fetch(_local_path(url).as_uri(), headers)

    return LocalFetcher(allowed_protocols=["file", "data"])


def render_pdf(template_name, context):
    """Render a template to PDF bytes. Relative /static/ URLs resolve to local files, /media/ ones to the file store."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    css, fc = _font_css()
    return HTML(string=html, base_url="https://mchch.local/", url_fetcher=local_url_fetcher()).write_pdf(
        stylesheets=[css], font_config=fc
    )
