"""The public verification page: upload a PDF or paste its SHA-256, and learn whether it is an
authentic version of an agreement (see agreements.verification for what is revealed to whom).

Uploads are limited to UPLOAD_LIMIT bytes. The limit is enforced while the upload is read (an
upload handler drops a larger file), which must be installed before anything reads the request
body, including the CSRF check: hence `csrf_exempt` on the view and `csrf_protect` on the part
that handles the form (Django's documented pattern for custom upload handlers).
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from agreements.pdf_text import localized
from agreements.verification import (
    Match,
    normalise_sha256,
    sha256_of_file,
    verification_match,
)
from registry.bilingual import active_language

UPLOAD_LIMIT = 20 * 1024 * 1024
# Room for the form's other fields and multipart boundaries around a file at the limit.
REQUEST_OVERHEAD = 64 * 1024
FILE_TOO_LARGE = _(
    "The file is larger than 20 MB. No agreement PDF from the registry is that large: check "
    "that you chose the right file."
)
ONE_OF_BOTH = _("Upload a PDF file or paste its SHA-256 fingerprint (one of the two).")
NOT_A_SHA256 = _(
    "A SHA-256 fingerprint is 64 characters, digits 0–9 and letters a–f, e.g. as shown next to "
    "each PDF download."
)

# "…version 2 of the agreement below, in English": names as they read inside a sentence.
LANGUAGE_NAMES = {
    "en": pgettext_lazy("inside a sentence", "English"),
    "fr": pgettext_lazy("inside a sentence", "French"),
}


class LimitedUploadHandler(FileUploadHandler):
    """Drops an uploaded file as soon as it grows past `limit` bytes and remembers it did."""

    def __init__(self, request=None, limit: int = UPLOAD_LIMIT):
        super().__init__(request)
        self.limit, self.received, self.exceeded = limit, 0, False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


class VerifyForm(forms.Form):
    # The id of the box that shows errors about the form as a whole (verify.html).
    errors_id = "verify-errors"

    file = forms.FileField(
        label=_("PDF file"),
        required=False,
        help_text=_("The agreement PDF you want to check (20 MB at most)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    sha256 = forms.CharField(
        label=_("or its SHA-256 fingerprint"),
        required=False,
        max_length=200,
        help_text=_("64 characters, as shown next to each PDF download."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self) -> None:
        """Point each field's aria-describedby at what the page shows about it: its help text
        (`<id>_helptext`), its own errors (`<id>_error`) and the form's errors ("one of the two"
        concerns both fields), in that order. verify.html renders the elements with these ids."""
        form_errors = bool(self._errors and self._errors.get(NON_FIELD_ERRORS))
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            described_by = [f"{auto_id}_helptext"] if field.help_text else []
            if self._errors and name in self._errors:
                described_by.append(f"{auto_id}_error")
            if form_errors:
                described_by.append(self.errors_id)
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def clean(self):
        data = super().clean()
        uploaded, pasted = data.get("file"), (data.get("sha256") or "").strip()
        if bool(uploaded) == bool(pasted):
            raise forms.ValidationError(ONE_OF_BOTH)
        if uploaded:
            data["digest"] = sha256_of_file(uploaded)
        else:
            data["digest"] = normalise_sha256(pasted)
            if data["digest"] is None:
                self.add_error("sha256", NOT_A_SHA256)
        return data


def _result(match: Match | None) -> dict | None:
    """What the page shows about a match, in the visitor's language."""
    if match is None:
        return None
    version = match.version
    agreement = version.snapshot["agreement"]
    language = active_language()
    title, _other = localized(agreement.get("title"), language)
    return {
        "reference": agreement["reference"],
        "title": title,
        "title_language": _other or language,
        "number": version.number,
        "effective_date": version.effective_date,
        "pdf_language": str(LANGUAGE_NAMES[match.language]) if match.language else None,
        "standing": match.standing.value,
        "current_number": match.current_number,
        "pdf_url": reverse(
            "agreement_pdfs:version-pdf",
            kwargs={
                "reference": version.agreement.reference,
                "number": version.number,
                "language": match.language or language,
            },
        ),
    }


def _page(request, form, *, status=200, **context) -> HttpResponse:
    return render(request, "agreements/verify.html", {"form": form, **context}, status=status)


@csrf_protect
def _check(request: HttpRequest, handler: LimitedUploadHandler) -> HttpResponse:
    form = VerifyForm(request.POST, request.FILES)
    if handler.exceeded:
        return _page(request, VerifyForm(), status=413, upload_error=FILE_TOO_LARGE)
    if not form.is_valid():
        return _page(request, form, status=400)
    digest = form.cleaned_data["digest"]
    match = verification_match(user=request.user, sha256=digest)
    return _page(request, VerifyForm(), checked=digest, result=_result(match))


def _lookup(request: HttpRequest) -> HttpResponse:
    """`?sha256=…`, the address a signed PDF prints beside its QR code: a read-only lookup, so it
    is answered on GET (a scan opens the answer, not an empty form)."""
    form = VerifyForm(data={"sha256": request.GET.get("sha256", "")[:200]})
    if not form.is_valid():
        return _page(request, form, status=400)
    digest = form.cleaned_data["digest"]
    match = verification_match(user=request.user, sha256=digest)
    return _page(request, VerifyForm(), checked=digest, result=_result(match))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        if "sha256" in request.GET:
            return _lookup(request)
        return _page(request, VerifyForm())
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > UPLOAD_LIMIT + REQUEST_OVERHEAD:
        # Refused before reading the body: nothing is looked up, so no CSRF check is needed.
        return _page(request, VerifyForm(), status=413, upload_error=FILE_TOO_LARGE)
    handler = LimitedUploadHandler(request, limit=UPLOAD_LIMIT)
    request.upload_handlers.insert(0, handler)
    return _check(request, handler)
