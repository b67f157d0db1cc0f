"""Report attachments: only plain PDF documents are accepted (a renamed program, an oversized
file, a PDF with JavaScript or embedded files are refused with clear messages), they are kept in
private storage with no URL, and they are downloaded through a view that checks who is asking."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import report_uploads
from agreements.models import Report
from agreements.services.reports import report_submit
from registry.private_storage import PrivateFileSystemStorage
from tests.reporting import (
    LINUX_PROGRAM,
    PAGES,
    WINDOWS_PROGRAM,
    D,
    build_pdf,
    clean_pdf,
    embedded_file_pdf,
    hidden_javascript_pdf,
    javascript_pdf,
    report_world,
    upload,
)

EXECUTABLE = (
    "This file is a program renamed to look like a document, not a PDF. Attach the report as a "
    "PDF document."
)


def _refusal(file) -> list[str]:
    with pytest.raises(ValidationError) as error:
        report_uploads.check_attachment(file)
    return error.value.messages


def test_clean_pdf_accepted():
    assert report_uploads.check_attachment(upload(clean_pdf())) is None


@pytest.mark.parametrize("program", [WINDOWS_PROGRAM, LINUX_PROGRAM], ids=["windows", "linux"])
def test_renamed_program_refused(program):
    assert _refusal(upload(program, name="report.pdf")) == [EXECUTABLE]


def test_oversized_file_refused(settings):
    settings.REPORT_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = clean_pdf() + b"%" + b"x" * (1024 * 1024)
    assert _refusal(upload(big)) == ["The attachment is 1.1 MB; the largest accepted is 1 MB."]


def test_default_size_cap_is_ten_megabytes():
    assert settings.REPORT_ATTACHMENT_MAX_BYTES == 10 * 1024 * 1024


def test_size_message_gives_the_file_size(settings):
    settings.REPORT_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = clean_pdf() + b"%" + b"x" * (2 * 1024 * 1024)
    assert _refusal(upload(big)) == ["The attachment is 2.1 MB; the largest accepted is 1 MB."]


def test_javascript_refused():
    assert _refusal(upload(javascript_pdf())) == [
        "This PDF contains JavaScript, automatic actions or embedded files (/JS, /JavaScript), "
        "which are not accepted. Print it to a new PDF (or export it without scripts) and "
        "attach that file."
    ]


def test_javascript_hidden_in_compressed_object_stream_refused():
    data = hidden_javascript_pdf()
    assert b"/JS" not in data and b"JavaScript" not in data
    assert "(/JS, /JavaScript)" in _refusal(upload(data))[0]


def test_embedded_file_refused():
    assert "(/EmbeddedFile, /EmbeddedFiles)" in _refusal(upload(embedded_file_pdf()))[0]


@pytest.mark.parametrize(
    "name",
    ["/Launch", "/AA", "/RichMedia"],
)
def test_other_active_content_refused(name):
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Extra << " + name.encode() + b" 5 0 R >> >>"
    data = build_pdf([catalog, *PAGES])
    assert f"({name})" in _refusal(upload(data))[0]


def test_wrong_extension_refused():
    assert _refusal(upload(clean_pdf(), name="report.docx")) == [
        "Only PDF files can be attached: the file name must end in “.pdf”."
    ]


def test_wrong_declared_type_refused():
    assert _refusal(upload(clean_pdf(), content_type="text/html")) == [
        "Only PDF files can be attached: this file was sent as “text/html”."
    ]


def test_file_not_starting_as_pdf_refused():
    assert _refusal(upload(b"<html><script>alert(1)</script></html>")) == [
        "This file is not a PDF document, although its name ends in “.pdf”."
    ]


def test_encrypted_pdf_refused():
    data = build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", *PAGES]).replace(
        b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 >>"
    )
    assert _refusal(upload(data)) == [
        "This PDF is encrypted or password-protected, so it cannot be checked. Save it without "
        "a password and attach it again."
    ]


def test_empty_file_refused():
    assert _refusal(upload(b"")) == ["The attachment is empty."]


# --- storage and download ----------------------------------------------------------------------


def test_attachments_stored_outside_media_root_without_url():
    storage = Report._meta.get_field("attachment").storage
    assert storage.location == settings.PRIVATE_MEDIA_ROOT
    assert not storage.location.startswith(settings.MEDIA_ROOT.rstrip("/") + "/")
    assert storage.location != settings.MEDIA_ROOT
    with pytest.raises(ValueError):
        storage.url("reports/1/2021-09-30-x.pdf")


@pytest.fixture
def attached(db, registrar, monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path)
    monkeypatch.setattr(Report._meta.get_field("attachment"), "storage", storage)
    world = report_world(by=registrar)
    report = report_submit(
        responsibility=world["quarterly"],
        by=world["branch_liaison"],
        due_date=D(2021, 9, 30),
        status=Report.Status.MET,
        evidence="See attached.",
        attachment=upload(clean_pdf(), name="figures.pdf"),
    )
    return world, report


def _download(report):
    return reverse("agreement_reports:attachment", args=(report.pk,))


@pytest.mark.parametrize("who", ["branch_liaison", "partner_liaison", "ministry_minister"])
def test_download_served_as_attachment_to_people_who_may_see_agreement(client, attached, who):
    world, report = attached
    client.force_login(world[who])
    response = client.get(_download(report))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == clean_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="RPT-1-report-2021-09-30.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


@pytest.mark.parametrize("who", ["outsider", "ministry_liaison"])
def test_download_not_found_for_users_who_cannot_see_agreement(client, attached, who):
    world, report = attached
    client.force_login(world[who])
    assert client.get(_download(report)).status_code == 404


def test_download_asks_anonymous_visitors_to_sign_in(client, attached):
    _world, report = attached
    response = client.get(_download(report))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_download_not_found_without_attachment(client, attached, registrar):
    world, report = attached
    Report.objects.filter(pk=report.pk).update(attachment="")
    client.force_login(world["branch_liaison"])
    assert client.get(_download(report)).status_code == 404


def test_no_media_url_serves_private_files(client, attached):
    _world, report = attached
    for prefix in ("/media/", "/private-media/", "/en/private-media/"):
        response = client.get(f"{prefix}{report.attachment.name}", follow=True)
        assert response.status_code == 404, prefix
        assert b"%PDF" not in response.content
