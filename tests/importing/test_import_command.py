"""`manage.py import_agreements`: what it writes, a dry run, a second import, who history names."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement, AgreementVersion, Party, Responsibility
from jurisdictions.models import Appointment, Jurisdiction, Organization, Position
from opendata.importing import ImportRefused, import_file
from opendata.management.commands.import_agreements import NOT_A_REGISTRAR, UNKNOWN_USER
from tests.factories import UserFactory

from .conftest import row_counts, valid_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def valid_file(tmp_path):
    path = tmp_path / "agreements.json"
    path.write_text(json.dumps(valid_document(), ensure_ascii=False), encoding="utf-8")
    return path


def _import(path, **options):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_agreements", str(path), stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def test_rows_written_with_their_links_when_file_valid(registrar, valid_file):
    _import(valid_file, user="registrar")

    signed = Agreement.objects.get(reference="PEI-2022-001")
    assert (signed.state, signed.effective_date.isoformat()) == ("in_force", "2022-01-01")
    assert list(
        signed.parties.values_list("organization__slug", "role", "signatory_position__title_en")
    ) == [
        ("pei-health", "lead", "Deputy Minister of Health and Wellness"),
        ("access-pei", "delivery_partner", "Director, Access PEI"),
    ]
    assert list(
        signed.responsibilities.values_list(
            "clause", "accountability_owner__title_en", "recurrence"
        )
    ) == [
        ("3.1", "Director, Access PEI", "none"),
        ("5.2", "Deputy Minister of Health and Wellness", "annual"),
    ]
    assert list(signed.service_areas.values_list("slug", flat=True)) == ["health-cards"]
    draft = Agreement.objects.get(reference="PEI-2025-002")
    assert (draft.state, draft.visibility) == ("draft", "restricted")
    assert list(draft.relations.values_list("kind", "target__reference")) == [
        ("implements", "PEI-2022-001")
    ]
    records = Organization.objects.get(slug="pei-health-records")
    assert (records.parent.slug, records.jurisdiction.slug) == (
        "pei-health",
        "prince-edward-island",
    )
    assert Jurisdiction.objects.get(slug="prince-edward-island").iso_code == "CA-PE"


def test_signed_agreement_has_version_one_with_pdf_hashes_when_imported(registrar, valid_file):
    _import(valid_file, user="registrar")

    versions = AgreementVersion.objects.filter(agreement__reference="PEI-2022-001")
    assert [(v.number, v.kind, v.effective_date.isoformat()) for v in versions] == [
        (1, "original", "2022-01-01")
    ]
    version = versions.get()
    assert len(version.pdf_sha256_en) == 64 and len(version.pdf_sha256_fr) == 64
    assert version.snapshot["responsibilities"][0]["owner"]["holders"][0]["name"] == "Ian MacDonald"
    assert not AgreementVersion.objects.filter(agreement__reference="PEI-2025-002").exists()


def test_nothing_written_and_changes_reported_when_dry_run(registrar, valid_file):
    before = row_counts()

    stdout, _stderr = _import(valid_file, dry_run=True, user="registrar")

    assert row_counts() == before
    lines = stdout.splitlines()
    assert lines[0] == "Dry run: nothing was written. The import would make these changes."
    assert lines[1].split() == ["created", "updated", "unchanged"]
    assert [line.split() for line in lines[2:]] == [
        ["jurisdictions", "1", "0", "0"],
        ["organisations", "3", "0", "0"],
        ["people", "2", "0", "0"],
        ["positions", "2", "0", "0"],
        ["appointments", "2", "0", "0"],
        ["service", "areas", "1", "0", "0"],
        ["agreements", "2", "0", "0"],
        ["parties", "4", "0", "0"],
        ["responsibilities", "3", "0", "0"],
        ["related", "agreements", "1", "0", "0"],
        ["agreement", "versions", "1", "0", "0"],
        ["search", "entries", "1", "0", "0"],
        ["total", "23", "0", "0"],
    ]


def test_second_import_changes_nothing_when_same_file(registrar, valid_file):
    _import(valid_file)
    after_first = row_counts()

    stdout, _stderr = _import(valid_file)

    assert row_counts() == after_first
    assert stdout.splitlines()[-1].split() == ["total", "0", "0", "23"]


def test_existing_rows_updated_with_history_when_file_changes_them(registrar, valid_file, tmp_path):
    _import(valid_file)
    document = valid_document()
    document["agreements"][1]["title_en"] = "Health records exchange"
    document["positions"][1]["title_fr"] = "Directeur, Accès Î.-P.-É."
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")

    stdout, _stderr = _import(changed, user="registrar")

    assert Agreement.objects.get(reference="PEI-2025-002").title_en == "Health records exchange"
    position = Position.objects.get(title_en="Director, Access PEI")
    assert position.title_fr == "Directeur, Accès Î.-P.-É."
    latest = position.history.latest()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        registrar,
        "Import",
    )
    assert stdout.splitlines()[-1].split() == ["total", "0", "2", "21"]


def test_signed_agreement_kept_and_warned_when_file_rewrites_it(registrar, valid_file, tmp_path):
    _import(valid_file)
    document = valid_document()
    document["agreements"][0]["title_en"] = "Rewritten after signing"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")

    stdout, _stderr = _import(changed)

    assert Agreement.objects.get(reference="PEI-2022-001").title_en == (
        "Health card services at Access PEI"
    )
    assert stdout.splitlines()[-1] == (
        "PEI-2022-001 has signed versions: its content was left as signed (change it through "
        "an amendment)."
    )


def test_history_names_importing_user_when_user_given(registrar, valid_file):
    _import(valid_file, user="registrar")

    for model in (Agreement, Party, Responsibility, Appointment, Organization):
        users = set(model.history.values_list("history_user__username", flat=True))
        assert users == {"registrar"}, model
    assert set(Agreement.history.values_list("history_change_reason", flat=True)) == {"Import"}


def test_history_names_system_account_when_no_user_given(db, valid_file):
    _import(valid_file)

    assert set(Agreement.history.values_list("history_user__username", flat=True)) == {
        "registry-system"
    }


def test_refused_when_user_is_not_a_registrar(db, valid_file):
    UserFactory(username="clerk", is_staff=True)
    before = row_counts()

    with pytest.raises(CommandError) as error:
        _import(valid_file, user="clerk")

    assert str(error.value) == NOT_A_REGISTRAR.format(username="clerk")
    assert str(error.value) == "“clerk” is not a registrar: only registrars import agreements."
    assert row_counts() == before


def test_refused_when_user_unknown(db, valid_file):
    with pytest.raises(CommandError) as error:
        _import(valid_file, user="nobody")

    assert str(error.value) == UNKNOWN_USER.format(username="nobody")


def test_agreements_created_from_csv_rows_when_csv_valid(registrar, valid_file, tmp_path):
    _import(valid_file)
    path = tmp_path / "agreements.csv"
    path.write_text(
        "reference,agreement_type,state,title_en,title_fr,parties,service_areas,effective,expiry\n"
        'PEI-2024-003,mou,negotiation,"Counter services, phase 2",Services au comptoir,'
        "pei-health:lead;access-pei:delivery_partner,health-cards,2024-04-01,2029-03-31\n"
        "PEI-2024-004,funding,draft,Grants,,access-pei:lead,,,\n",
        encoding="utf-8",
    )

    _import(path, user="registrar")

    first = Agreement.objects.get(reference="PEI-2024-003")
    assert (first.title_en, first.title_fr, first.state) == (
        "Counter services, phase 2",
        "Services au comptoir",
        "negotiation",
    )
    assert (first.effective_date.isoformat(), first.expiry_date.isoformat()) == (
        "2024-04-01",
        "2029-03-31",
    )
    assert list(first.parties.values_list("organization__slug", "role")) == [
        ("pei-health", "lead"),
        ("access-pei", "delivery_partner"),
    ]
    assert list(first.service_areas.values_list("slug", flat=True)) == ["health-cards"]
    second = Agreement.objects.get(reference="PEI-2024-004")
    assert (
        second.agreement_type,
        list(second.parties.values_list("organization__slug", flat=True)),
    ) == (
        "funding",
        ["access-pei"],
    )


def test_parent_found_in_registry_when_file_names_stored_rows(registrar, stored_organization):
    from opendata.importing import import_file

    from .conftest import as_json

    document = valid_document()
    document["jurisdictions"][0]["parent"] = "ocd-division/country:ca"
    document["agreements"][1]["parties"].append(
        {"organization": "service-canada", "role": "observer"}
    )

    import_file(as_json(document), name="a.json", by=registrar)

    assert Jurisdiction.objects.get(slug="prince-edward-island").parent.slug == "canada"
    assert Party.objects.filter(
        agreement__reference="PEI-2025-002", organization=stored_organization, role="observer"
    ).exists()


def test_progress_bar_on_stderr_when_file_has_many_agreements(registrar, tmp_path):
    document = valid_document()
    template = document["agreements"][1]
    document["agreements"] = [
        {**template, "reference": f"PEI-BULK-{n:03d}", "relations": []} for n in range(120)
    ]
    path = tmp_path / "bulk.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    _stdout, stderr = _import(path, dry_run=True)

    assert stderr.split("\r")[1:] == [
        "[################------------------------] 50/120",
        "[#################################-------] 100/120",
        "[########################################] 120/120\n",
    ]


def test_created_rows_have_one_history_row_each_with_their_links(registrar, valid_file):
    _import(valid_file, user="registrar")

    agreement = Agreement.objects.get(reference="PEI-2022-001")
    created = agreement.history.get(history_type="+")
    assert (created.history_user, created.history_change_reason) == (registrar, "Import")
    assert created.title_en == "Health card services at Access PEI"
    # The relations set with the row are in its history row (simple-history's m2m copy).
    assert list(created.service_areas.values_list("servicearea__slug", flat=True)) == [
        "health-cards"
    ]
    for model, rows in (
        (Party, Party.objects.filter(agreement=agreement)),
        (Responsibility, Responsibility.objects.filter(agreement=agreement)),
    ):
        history = model.history.filter(history_type="+", id__in=rows.values("pk"))
        assert history.count() == rows.count() > 0, model
        assert set(history.values_list("history_change_reason", flat=True)) == {"Import"}


def test_refused_when_reference_differs_from_a_stored_one_only_in_case(registrar, valid_file):
    _import(valid_file)
    document = valid_document()
    document["agreements"][1]["reference"] = "pei-2025-002"
    before = row_counts()
    with pytest.raises(ImportRefused) as refused:
        import_file(json.dumps(document).encode(), name="again.json", by=registrar)
    # Stored in capitals (as Agreement.clean_fields writes it): the registry holds it already.
    assert [str(issue) for issue in refused.value.issues] == [
        "$.agreements[1].reference: Agreement with this Reference already exists."
    ]
    assert row_counts() == before
