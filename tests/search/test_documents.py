import pytest

from agreements.models import AgreementSearchEntry
from agreements.search.documents import TEXT_FIELDS, entry_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(published):
    agreement = published(
        reference="SNB-2021-004",
        title_en="Passport intake",
        title_fr="Réception des passeports",
        summary_en="Counter services.",
        responsibility_en="Check identity documents.",
        responsibility_fr="Vérifier les pièces d’identité.",
    )
    return AgreementSearchEntry.objects.select_related("version").get(agreement=agreement)


def test_entry_holds_the_published_version_text(entry):
    snapshot = entry.version.snapshot
    party = snapshot["parties"][0]["organization"]
    owner = snapshot["responsibilities"][0]["owner"]

    assert entry.reference == "SNB-2021-004"
    assert (entry.title_en, entry.title_fr) == ("Passport intake", "Réception des passeports")
    assert entry.summary_en.splitlines() == ["Counter services.", "Service delivery agreement"]
    assert party["name"]["en"] in entry.parties_en.splitlines()
    assert party["name"]["fr"] in entry.parties_fr.splitlines()
    assert party["jurisdiction"]["name"]["fr"] in entry.parties_fr.splitlines()
    assert "Check identity documents." in entry.responsibilities_en.splitlines()
    assert owner["title"]["fr"] in entry.responsibilities_fr.splitlines()


def test_entry_names_who_held_the_accountable_offices_when_signed(entry):
    """Issue 10: holder names are searchable (they were left out before)."""
    holder = entry.version.snapshot["responsibilities"][0]["owner"]["holders"][0]

    assert holder["name"] in entry.responsibilities_en.splitlines()
    assert holder["name"] in entry.responsibilities_fr.splitlines()


def test_snapshot_missing_newer_keys_gives_empty_text():
    fields = entry_text({"agreement": {"reference": "NB-1999-001"}})

    assert set(fields) == set(TEXT_FIELDS)
    assert fields["reference"] == "NB-1999-001"
    # The reference's spelling without separators rides in the parties columns (issue 10).
    assert (fields["parties_en"], fields["parties_fr"]) == ("NB1999001", "NB1999001")
    assert {
        fields[name] for name in TEXT_FIELDS if not name.startswith(("reference", "parties"))
    } == {""}
