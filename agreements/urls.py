"""Public URLs of the agreements app: signed PDFs and their verification. Language-agnostic (the
PDF's language is in its address), so they work inside or outside `i18n_patterns`."""

from django.urls import path, re_path

from agreements.views.pdf import version_pdf
from agreements.views.verify import verify

# Not "agreements": the staff admin's agreement viewset already uses that namespace.
app_name = "agreement_pdfs"

urlpatterns = [
    # References use capitals, digits, dots, slashes and hyphens (agreement.validate_reference),
    # so "/versions/" can never be part of one. Version numbers have at most nine digits: a
    # longer one is no version (404) and would overflow a database integer.
    re_path(
        r"^pdf/(?P<reference>[A-Z0-9][A-Z0-9./-]{2,39})/versions/(?P<number>[0-9]{1,9})/"
        r"(?P<language>en|fr)\.pdf$",
        version_pdf,
        name="version-pdf",
    ),
    path("verify/", verify, name="verify"),
]
