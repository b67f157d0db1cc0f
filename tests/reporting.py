"""Shared test data for reports against obligations: a small world of organisations, people and
an agreement in force, and PDF files built byte by byte (clean, with JavaScript, hidden in a
compressed object stream, with an embedded file)."""

import datetime
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.recurrence import Recurrence
from tests.factories import (
    AgreementFactory,
    OrganizationFactory,
    PartyFactory,
    ResponsibilityFactory,
    agreement_into_force,
    staff_member,
    staffed_position,
)

D = datetime.date
TODAY = D(2022, 1, 15)


def report_world(*, by) -> dict:
    """A ministry with a branch under it, and a partner department, parties (branch and
    department) to "RPT-1", in force from 2021-04-01 to 2031-03-31:
    - "quarterly" (clause 4.1): the branch reports every quarter from 2021-06-30, accountable
      position "Deputy Minister" of the ministry (so the ministry's minister's office reviews);
    - "branch_owned" (clause 4.2): the branch reports every year from 2021-12-31, accountable
      position in the branch itself (its own liaison officers or minister's office review).
    People: two branch liaison officers, the ministry's minister's office, the branch's
    minister's office, the department's liaison officer and an outsider's liaison officer."""
    from agreements.services.parties import agreement_grants_sync
    from jurisdictions.models import OrganizationRole

    ministry = OrganizationFactory(name_en="Ministry of Service")
    branch = OrganizationFactory(parent=ministry, name_en="Service Branch")
    department = OrganizationFactory(name_en="Partner Department")
    outsider = OrganizationFactory(name_en="Outside Agency")
    agreement = AgreementFactory(
        reference="RPT-1",
        title_en="Counter services agreement",
        title_fr="Entente sur les services au comptoir",
        summary_en="Counter services on behalf of the ministry.",
        summary_fr="Services au comptoir pour le compte du ministère.",
        effective_date=D(2021, 4, 1),
        expiry_date=D(2031, 3, 31),
    )
    parties = {}
    for index, organization in enumerate((branch, department)):
        parties[organization] = PartyFactory(
            agreement=agreement,
            organization=organization,
            signatory_position=staffed_position(organization=organization),
            signed_date=D(2021, 3, 15),
            sort_order=index,
        )
    quarterly = ResponsibilityFactory(
        agreement=agreement,
        responsible_party=parties[branch],
        accountability_owner=staffed_position(organization=ministry, title_en="Deputy Minister"),
        clause="4.1",
        text_en="Report quarterly on counter wait times.",
        text_fr="Rendre compte chaque trimestre des temps d’attente au comptoir.",
        recurrence=Recurrence.QUARTERLY,
        recurrence_anchor=D(2021, 6, 30),
        sort_order=1,
    )
    branch_owned = ResponsibilityFactory(
        agreement=agreement,
        responsible_party=parties[branch],
        accountability_owner=staffed_position(organization=branch, title_en="Branch Director"),
        clause="4.2",
        text_en="Publish the yearly counter statistics.",
        text_fr="Publier chaque année les statistiques des comptoirs.",
        recurrence=Recurrence.ANNUAL,
        recurrence_anchor=D(2021, 12, 31),
        sort_order=2,
    )
    agreement = agreement_into_force(agreement, by=by)
    agreement_grants_sync(agreement=agreement)
    liaison, minister = OrganizationRole.Role.LIAISON, OrganizationRole.Role.MINISTER
    return {
        "ministry": ministry,
        "branch": branch,
        "department": department,
        "agreement": agreement,
        "quarterly": quarterly,
        "branch_owned": branch_owned,
        "branch_liaison": staff_member(organization=branch, role=liaison, username="b-liaison"),
        "branch_liaison_2": staff_member(organization=branch, role=liaison, username="b-liaison-2"),
        "branch_minister": staff_member(organization=branch, role=minister, username="b-office"),
        "ministry_minister": staff_member(
            organization=ministry, role=minister, username="m-office"
        ),
        "ministry_liaison": staff_member(organization=ministry, role=liaison, username="m-liaison"),
        "partner_liaison": staff_member(
            organization=department, role=liaison, username="p-liaison"
        ),
        "outsider": staff_member(organization=outsider, role=liaison, username="o-liaison"),
    }


# --- PDF files ---------------------------------------------------------------------------------


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF whose numbered objects are `objects` (object 1 is the catalogue), with a correct
    cross-reference table."""
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


PAGE_CONTENT = b"BT /F1 12 Tf 72 720 Td (Quarterly report: 92 percent within standard) Tj ET"
PAGES = [
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
    b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
    _stream(PAGE_CONTENT),
]


def clean_pdf() -> bytes:
    """One page of text, a plain /OpenAction that only shows the first page."""
    return build_pdf([b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>", *PAGES])


def javascript_pdf() -> bytes:
    """Runs JavaScript when opened."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R "
            b"/OpenAction << /S /JavaScript /JS (app.alert\\('hello'\\);) >> >>",
            *PAGES,
        ]
    )


def hidden_javascript_pdf() -> bytes:
    """The JavaScript action sits in a Flate-compressed object stream, its names spelled with
    #xx escapes (/J#61vaScript, /J#53): invisible in the raw bytes."""
    action = b"<< /S /J#61vaScript /J#53 (app.launchURL\\('http://example.com'\\);) >>"
    header = b"6 0 "
    packed = zlib.compress(header + action)
    object_stream = _stream(
        packed, b" /Type /ObjStm /N 1 /First %d /Filter /FlateDecode" % len(header)
    )
    return build_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>", *PAGES, object_stream]
    )


def embedded_file_pdf() -> bytes:
    """Carries a file inside it."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 5 0 R >> >>",
            *PAGES,
            b"<< /Names [(setup.exe) << /Type /Filespec /F (setup.exe) /EF << /F 6 0 R >> >>] >>",
            _stream(b"MZ\x90\x00", b" /Type /EmbeddedFile"),
        ]
    )


def upload(data: bytes, name: str = "report.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
