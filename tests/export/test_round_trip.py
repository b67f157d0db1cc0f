"""A round trip: `export_registry DIR`, then `import_agreements DIR` into an empty registry,
gives the same API answers (list, detail, every version, as in force on dates before, between
and after the versions, and the reference data) and the same PDFs, byte for byte, for every
version in both languages.

The source registry is built inside a savepoint that is rolled back after the export, so the
import runs against a registry holding none of it. Rows the public never sees (a staffed post
of no published agreement) are made first, so that the source's numbers for posts and people
are not the ones an empty registry would give: the import must keep the exported numbers."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from agreements.documents import agreement_document
from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementVersion,
    AgreementVersionPDF,
    Party,
    Signature,
)
from agreements.pdf import render_agreement_pdf
from agreements.services.signatures import signature_record_later
from jurisdictions.models import Appointment, Person, Position
from opendata.importing import import_folder
from tests.factories import (
    OrganizationFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
    staffed_position,
)

pytestmark = pytest.mark.django_db(transaction=False)

EFFECTIVE = datetime.date(2021, 4, 1)
AMENDED = datetime.date(2023, 7, 1)
AMENDED_AGAIN = datetime.date(2024, 9, 15)
SIGNED_LATER = datetime.date(2022, 2, 14)


def _source(registrar):
    """Four published agreements: one amended twice (3 versions), one amending it, one with
    French text only in French, and one of four parties in force for the two that signed, a
    third signing later; accents and non-Latin text in both languages."""
    for _ in range(3):  # numbers the public never sees
        staffed_position(organization=OrganizationFactory())
    main = agreement_ready(
        title_en="Service Nouveau-Brunswick: passports & health cards",
        title_fr="Services de Service Nouveau-Brunswick : passeports et cartes d’assurance-maladie",
        summary_en="Counter services in Moncton, Québec City and Saint-Léonard (ᓄᓇᕗᑦ).",
        summary_fr="Services au comptoir à Moncton, Québec et Saint-Léonard (ᓄᓇᕗᑦ).",
        responsibilities=3,
    )
    agreement_into_force(main, by=registrar)

    def reword(agreement):
        item = agreement.responsibilities.order_by("sort_order").first()
        item.text_fr = "Délivrer les cartes en 5 jours ouvrables — même à Îles-de-la-Madeleine."
        item.text_en = "Issue cards within 5 business days."
        item.save()

    def reschedule(agreement):
        item = agreement.responsibilities.order_by("sort_order").last()
        item.due_date = datetime.date(2025, 3, 31)
        item.save()

    amendment_signed(main, by=registrar, effective_date=AMENDED, change=reword, title="Œuvre 1")
    amendment_signed(
        main, by=registrar, effective_date=AMENDED_AGAIN, change=reschedule, title="Änderung 2"
    )
    follower = agreement_ready(
        reference="AAA-2024-001",  # listed before the agreement it implements
        title_en="Data sharing — Crossroads Bank",
        title_fr="Échange de données — Banque Carrefour",
        summary_en="Benefits data shared with the Crossroads Bank.",
        summary_fr="Données de prestations échangées avec la Banque Carrefour.",
    )
    AgreementRelation.objects.create(
        source=follower, target=main, kind=AgreementRelation.Kind.IMPLEMENTS
    )
    agreement_into_force(follower, by=registrar)
    third = agreement_ready(
        parties=3,
        title_en="Tri-party MOU",
        title_fr="Protocole tripartite",
        summary_en="Three governments, one counter.",
        summary_fr="Trois gouvernements, un comptoir.",
    )
    agreement_into_force(third, by=registrar)
    partial = agreement_ready(
        parties=4,
        in_force_for_signatories_only=True,
        title_en="Identity checks at every counter",
        title_fr="Vérification d’identité à tous les comptoirs",
    )
    late, never = partial.parties.order_by("sort_order")[2:]
    Party.objects.filter(pk__in=[late.pk, never.pk]).update(signed_date=None)
    agreement_into_force(partial, by=registrar)
    signature_record_later(party=late, by=registrar, signed_date=SIGNED_LATER)
    return [main.reference, follower.reference, third.reference, partial.reference]


def _addresses(references):
    paths = [
        "/api/v1/agreements",
        "/api/v1/agreements?sort=reference",
        "/api/v1/agreements?q=passports",
        "/api/v1/jurisdictions",
        "/api/v1/organizations",
        "/api/v1/posts",
        "/api/v1/people",
        "/api/v1/memberships",
    ]
    days = [
        EFFECTIVE - datetime.timedelta(days=1),
        EFFECTIVE,
        AMENDED - datetime.timedelta(days=1),
        AMENDED,
        AMENDED_AGAIN + datetime.timedelta(days=30),
        SIGNED_LATER,
        datetime.date.today(),
    ]
    for reference in references:
        paths.append(f"/api/v1/agreements/{reference}")
        paths += [f"/api/v1/agreements/{reference}/versions/{n}" for n in (1, 2, 3)]
        paths += [f"/api/v1/agreements/{reference}/as-of/{day.isoformat()}" for day in days]
    return paths


def _answers(client, paths):
    return {path: (r.status_code, r.json()) for path in paths for r in [client.get(path)]}


def _reference_answers(client, paths):
    """Every post, person and organisation page the lists name."""
    answers = {}
    for kind in ("posts", "people", "organizations", "jurisdictions"):
        for item in client.get(f"/api/v1/{kind}").json()["results"]:
            path = f"/api/v1/{kind}/{item['id']}"
            response = client.get(path)
            answers[path] = (response.status_code, response.json())
    return answers


def _pdfs():
    """{(reference, number, language): SHA-256 rendered now, SHA-256 recorded, stored}."""
    found = {}
    versions = AgreementVersion.objects.select_related("agreement").order_by("pk")
    for version in versions:
        document = agreement_document(version)
        for language in ("en", "fr"):
            rendered = hashlib.sha256(render_agreement_pdf(document, language)).hexdigest()
            stored = AgreementVersionPDF.objects.filter(version=version, language=language)
            found[(version.agreement.reference, version.number, language)] = (
                rendered,
                version.recorded_pdf_sha256(language),
                stored.values_list("sha256", flat=True).first(),
            )
    return found


def _signatures():
    """Each version's Signature rows: (reference, number, organisation, post, holder, day,
    given later)."""
    rows = Signature.objects.order_by(
        "version__agreement__reference", "version__number", "sort_order"
    )
    return [
        (
            row.version.agreement.reference,
            row.version.number,
            row.organization.slug,
            row.party.organization.slug,
            row.position.title_en if row.position else None,
            row.holder_name,
            row.signed_date,
            row.later,
        )
        for row in rows.select_related(
            "version__agreement", "organization", "party__organization", "position"
        )
    ]


def test_same_api_answers_and_pdfs_when_export_imported_into_empty_registry(
    client, registrar, tmp_path, django_capture_on_commit_callbacks
):
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            references = _source(registrar)
        paths = _addresses(references)
        before = _answers(client, paths)
        before_reference = _reference_answers(client, paths)
        pdfs_before = _pdfs()
        first_person = Person.objects.order_by("pk").first().pk
        signatures_before = _signatures()
        call_command("export_registry", str(tmp_path), stdout=StringIO())
        transaction.set_rollback(True)
    assert not Agreement.objects.exists() and not Position.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_agreements", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    after = _answers(client, paths)
    for path in paths:
        assert after[path] == before[path], path
    assert _reference_answers(client, paths) == before_reference
    assert _pdfs() == pdfs_before
    # Each signed version keeps its signatures: 3 versions of 2 parties, 2 and 3 parties, and
    # 2 parties signing with the version then 1 later.
    assert _signatures() == signatures_before
    assert len(signatures_before) == 14
    assert [row[-2:] for row in signatures_before[-3:]] == [
        (datetime.date(2021, 3, 15), False),
        (datetime.date(2021, 3, 15), False),
        (SIGNED_LATER, True),
    ]
    # The party that signed later has its day in its working copy, as where it was signed.
    late = Party.objects.get(agreement__reference=references[3], sort_order=2)
    assert late.signed_date == SIGNED_LATER
    partial = before[f"/api/v1/agreements/{references[3]}"][1]
    assert partial["signature_status"]["signed_count"] == 3
    assert partial["signature_status"]["signing_count"] == 4
    assert [s["later"] for p in partial["parties"] for s in p["signatures"]] == [
        False,
        False,
        True,
    ]
    # What the comparison covered: 6 versions, 12 PDFs, all stored and matching their record.
    assert len(pdfs_before) == 12
    assert all(
        rendered == recorded == stored for rendered, recorded, stored in pdfs_before.values()
    )
    main = before[f"/api/v1/agreements/{references[0]}"][1]
    assert [v["number"] for v in main["versions"]] == [1, 2, 3]
    assert main["title"]["fr"].endswith("cartes d’assurance-maladie")
    assert (
        before[f"/api/v1/agreements/{references[1]}"][1]["relations"][0]["reference"]
        == (references[0])
    )
    # The hidden posts' holders were made first: the exported numbers were kept, not reused.
    assert not Person.objects.filter(pk=first_person).exists()
    assert Appointment.objects.count() == len(before["/api/v1/memberships"][1]["results"])


def test_same_answers_and_nothing_changes_twice_when_imported_one_agreement_at_a_time(
    client, registrar, tmp_path, django_capture_on_commit_callbacks
):
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            references = _source(registrar)
        paths = _addresses(references)
        before = _answers(client, paths)
        call_command("export_registry", str(tmp_path), stdout=StringIO())
        transaction.set_rollback(True)
    with django_capture_on_commit_callbacks(execute=True):
        # Batches of one: the relation of AAA-2024-001 waits for the agreement it implements.
        report = import_folder(tmp_path, by=registrar, batch=1)
    assert _answers(client, paths) == before
    assert report.tallies[AgreementRelation].created == 1
    assert report.tallies[Agreement].created == 4
    assert report.tallies[Signature].created == 1  # the later one (the others come with versions)
    counts = (
        AgreementVersion.objects.count(),
        Agreement.history.count(),
        Person.history.count(),
        Signature.history.count(),
        Party.history.count(),
    )
    out = StringIO()
    call_command("import_agreements", str(tmp_path), stdout=out, stderr=StringIO())
    assert (
        AgreementVersion.objects.count(),
        Agreement.history.count(),
        Person.history.count(),
        Signature.history.count(),
        Party.history.count(),
    ) == counts
    assert counts[0] == 6
