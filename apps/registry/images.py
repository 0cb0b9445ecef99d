"""Photo files: the clean JPEG kept of an upload and the thumbnail that list pages show (pure image work, no DB)."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from apps.core.forms import validate_upload

MAX_SIDE = 2000
QUALITY = 85
THUMB_SIDE = 480  # the size every list, page and report PDF shows (the original only on demand)
THUMB_QUALITY = 75


def _bad_image():
    return ValidationError(_("ไฟล์รูปภาพเสียหรือไม่ใช่รูปภาพจริง กรุณาเลือกไฟล์ใหม่"))


def _upright_rgb(im):
    """Rotated as the camera meant it, on white where it was transparent, in RGB (what JPEG can hold)."""
    from PIL import Image, ImageOps

    im = ImageOps.exif_transpose(im)
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        bg = Image.new("RGB", im.size, "white")
        bg.paste(im, mask=im.split()[-1])
        return bg
    return im if im.mode == "RGB" else im.convert("RGB")


def _jpeg(im, side, quality):
    """A JPEG at most `side` px on its long side, without EXIF (nothing of the original's metadata is passed on)."""
    im.thumbnail((side, side))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality, optimize=True)
    content = ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
    content.width, content.height = im.size
    return content


def _convert(f, side, quality, *, draft=False):
    from PIL import Image

    f.seek(0)
    try:
        with Image.open(f) as im:
            if draft:
                im.draft("RGB", (side, side))  # JPEG: decode at a reduced scale, much faster for a thumbnail
            return _jpeg(_upright_rgb(im), side, quality)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise _bad_image() from None


def reencode_image(f):
    """A clean JPEG: rotated upright, at most 2000 px, without EXIF (GPS, camera) metadata. A large photo from
    a phone (25 MB, 50 megapixels) is downscaled, not refused; a HEIC photo is converted (validate_upload says
    clearly when this installation cannot read HEIC)."""
    validate_upload(f, "photo")
    return _convert(f, MAX_SIDE, QUALITY, draft=True)


def thumbnail_image(f):
    """The thumbnail of an image file: upright, at most 480 px, JPEG quality 75, without EXIF.
    The returned ContentFile carries `width` and `height`."""
    return _convert(f, THUMB_SIDE, THUMB_QUALITY, draft=True)
