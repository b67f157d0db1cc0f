"""What a report attachment must be: a plain PDF document, nothing that runs.

`check_attachment(upload)` reads the uploaded file and raises ValidationError (with one of the
messages below) unless it is:

- no larger than settings.REPORT_ATTACHMENT_MAX_BYTES;
- not a program renamed to ".pdf" (Windows MZ, Linux ELF, macOS Mach-O headers, "#!" scripts);
- named "*.pdf", declared as application/pdf by the browser, and starting with "%PDF-";
- not encrypted (an encrypted file cannot be checked) and readable by pypdf;
- free of active content: JavaScript (/JS, /JavaScript), automatic actions (/AA, an /OpenAction
  that runs JavaScript), /Launch, embedded files (/EmbeddedFile, /EmbeddedFiles) and rich media.
  The raw bytes are scanned, then every stream decompressed with zlib (FlateDecode, which is how
  object streams hide dictionaries), then every object pypdf can resolve (other filters). PDF
  names may be spelled with #xx escapes (/J#53 is /JS): names are decoded before comparing.

A plain module: no database, no request; the service `report_submit` calls it.
"""

import io
import math
import re
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

TOO_LARGE = _("The attachment is {size} MB; the largest accepted is {limit} MB.")
EMPTY = _("The attachment is empty.")
EXECUTABLE = _(
    "This file is a program renamed to look like a document, not a PDF. Attach the report as a "
    "PDF document."
)
NOT_PDF_NAME = _("Only PDF files can be attached: the file name must end in “.pdf”.")
NOT_PDF_TYPE = _("Only PDF files can be attached: this file was sent as “{type}”.")
NOT_PDF_CONTENT = _("This file is not a PDF document, although its name ends in “.pdf”.")
ENCRYPTED = _(
    "This PDF is encrypted or password-protected, so it cannot be checked. Save it without a "
    "password and attach it again."
)
UNREADABLE = _("This PDF is damaged and cannot be read. Export it again and attach the new file.")
ACTIVE_CONTENT = _(
    "This PDF contains JavaScript, automatic actions or embedded files ({names}), which are not "
    "accepted. Print it to a new PDF (or export it without scripts) and attach that file."
)

PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
PROGRAM_HEADERS = (
    b"MZ",  # Windows executables and DLLs
    b"\x7fELF",  # Linux and other Unix executables
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary (also Java classes)
    b"#!",  # scripts
)
# Names whose presence means the document can do something when opened or clicked.
ACTIVE_NAMES = frozenset(
    {"JS", "JavaScript", "AA", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"}
)
# Decompressed bytes scanned at most (all streams together): a small "zip bomb" cannot expand
# into gigabytes in memory.
MAX_INFLATED_BYTES = 64 * 1024 * 1024

_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
_END_STREAM = b"endstream"


def check_attachment(upload: UploadedFile) -> None:
    """Raise ValidationError unless `upload` is an acceptable report attachment (see module)."""
    limit = settings.REPORT_ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(_too_large(upload.size, limit), code="too_large")
    data = _read(upload, limit)
    if len(data) > limit:
        raise ValidationError(_too_large(len(data), limit), code="too_large")
    if not data:
        raise ValidationError(EMPTY, code="empty")
    if data.startswith(PROGRAM_HEADERS):
        raise ValidationError(EXECUTABLE, code="executable")
    if not (upload.name or "").lower().endswith(".pdf"):
        raise ValidationError(NOT_PDF_NAME, code="not_pdf_name")
    declared = (upload.content_type or "").split(";")[0].strip().lower()
    if declared not in PDF_TYPES:
        raise ValidationError(str(NOT_PDF_TYPE).format(type=declared or "?"), code="not_pdf_type")
    if not data.startswith(b"%PDF-"):
        raise ValidationError(NOT_PDF_CONTENT, code="not_pdf_content")
    found = active_names(data)
    if found:
        raise ValidationError(
            str(ACTIVE_CONTENT).format(names=", ".join(f"/{name}" for name in sorted(found))),
            code="active_content",
        )


def _too_large(size: int, limit: int) -> str:
    # The size rounded up, so that a file just over the limit never reads as equal to it.
    return str(TOO_LARGE).format(size=megabytes(size, up=True), limit=megabytes(limit))


def megabytes(size: int, *, up: bool = False) -> str:
    """`size` in bytes as megabytes for people, to one decimal, e.g. "10" or "2.5"."""
    tenths = size * 10 / (1024 * 1024)
    tenths = math.ceil(tenths) if up else round(tenths)
    return f"{tenths / 10:.1f}".removesuffix(".0")


def _read(upload: UploadedFile, limit: int) -> bytes:
    """At most limit + 1 bytes of the upload, from its start (the file is rewound after)."""
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    return data


def active_names(data: bytes) -> set[str]:
    """The active-content names found in a PDF's bytes, its inflated streams or its objects.
    Raises ValidationError when the PDF is encrypted or cannot be read."""
    if "Encrypt" in _all_names(data):
        raise ValidationError(ENCRYPTED, code="encrypted")
    found = _names_in(data)
    budget = MAX_INFLATED_BYTES
    for inflated in _inflated_streams(data):
        found |= _names_in(inflated)
        budget -= len(inflated)
        if budget <= 0:
            break
    return found | _names_in_objects(data)


def _decode_name(raw: bytes) -> str:
    return _ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), raw).decode("latin-1")


def _all_names(data: bytes) -> set[str]:
    return {_decode_name(match.group(1)) for match in _NAME.finditer(data)}


def _names_in(data: bytes) -> set[str]:
    return _all_names(data) & ACTIVE_NAMES


def _inflated_streams(data: bytes):
    """Each stream's content that zlib can inflate (FlateDecode), capped in size."""
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(_END_STREAM, start)
        if end < 0:
            end = len(data)
        inflater = zlib.decompressobj()
        try:
            yield inflater.decompress(data[start:end], MAX_INFLATED_BYTES)
        except zlib.error:
            continue


def _names_in_objects(data: bytes) -> set[str]:
    """Active names among the keys and name values of every object pypdf can resolve."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(ENCRYPTED, code="encrypted")
        size = int(reader.trailer.get("/Size", 0))
    except ValidationError:
        raise
    except (PdfReadError, ValueError, TypeError, KeyError, OSError) as error:
        raise ValidationError(UNREADABLE, code="unreadable") from error
    found: set[str] = set()

    def visit(value, depth: int = 0) -> None:
        if depth > 50:
            return
        if isinstance(value, NameObject):
            found.update({str(value)[1:]} & ACTIVE_NAMES)
        elif isinstance(value, DictionaryObject):
            for key, item in value.items():
                found.update({str(key)[1:]} & ACTIVE_NAMES)
                if not isinstance(item, IndirectObject):
                    visit(item, depth + 1)
        elif isinstance(value, ArrayObject):
            for item in value:
                if not isinstance(item, IndirectObject):
                    visit(item, depth + 1)

    for number in range(1, size):
        try:
            value = reader.get_object(number)
        except Exception:  # noqa: BLE001, S112 - a missing or broken object holds nothing to run
            continue
        visit(value)
        if hasattr(value, "get_data"):
            try:
                found |= _names_in(value.get_data()[:MAX_INFLATED_BYTES])
            except Exception:  # noqa: BLE001, S112 - an undecodable image stream holds no names
                continue
    return found
