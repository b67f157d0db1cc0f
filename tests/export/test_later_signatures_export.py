"""The export carries the signatures given after a version was recorded: in agreements.json and
the CSV files as the API shows them, and in versions.json for `import_agreements` to record
them again (the round trip is tests/export/test_round_trip.py); an import naming a signature the
registry cannot hold is refused whole."""

import csv
import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from agreements.models import Agreement, Party, Signature
from agreements.services.signatures import signature_record_later
from opendata.export import export_registry
from opendata.importing import ImportRefused, import_folder
from tests.factories import agreement_into_force, agreement_ready

pytestmark = pytest.mark.django_db

SIGNED_LATER = datetime.date(2021, 9, 1)


def _partial(registrar, *, parties=4, later=1):
    """In force for the first two parties; `later` of the others sign on SIGNED_LATER."""
    agreement = agreement_ready(parties=parties, in_force_for_signatories_only=True)
    ordered = list(agreement.parties.select_related("organization").order_by("sort_order"))
    Party.objects.filter(pk__in=[party.pk for party in ordered[2:]]).update(signed_date=None)
    agreement_into_force(agreement, by=registrar)
    for party in ordered[2 : 2 + later]:
        signature_record_later(party=party, by=registrar, signed_date=SIGNED_LATER)
    return agreement, ordered


def _csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_later_signature_in_every_file_when_exported(tmp_path, registrar):
    agreement, parties = _partial(registrar)
    late = parties[2]
    holder = str(late.signatory_position.appointments.get().person)

    export_registry(directory=tmp_path)

    rows = _csv(tmp_path / "signatures.csv")
    assert [(r["organization_id"], r["signed_date"], r["later"]) for r in rows] == [
        (parties[0].organization.slug, "2021-03-15", "false"),
        (parties[1].organization.slug, "2021-03-15", "false"),
        (late.organization.slug, "2021-09-01", "true"),
    ]
    assert rows[2]["holders"] == holder
    assert rows[2]["signatory_post_id"] == str(late.signatory_position_id)
    (row,) = _csv(tmp_path / "agreements.csv")
    assert (row["signed_count"], row["signing_count"], row["in_force_for_signatories_only"]) == (
        "3",
        "4",
        "true",
    )
    party_rows = _csv(tmp_path / "parties.csv")
    assert party_rows[2]["signatures"] == f"{late.signatory_position_id}@2021-09-01"
    assert party_rows[3]["signatures"] == ""
    (version,) = json.loads((tmp_path / "versions.json").read_text(encoding="utf-8"))
    recorded = Signature.objects.get(later=True).recorded_at.isoformat()
    assert version["later_signatures"] == [
        {
            "organization": late.organization.slug,
            "signatory": late.signatory_position_id,
            "holder_name": holder,
            "signed": "2021-09-01",
            "recorded_at": recorded,
        }
    ]
    (detail,) = json.loads((tmp_path / "agreements.json").read_text(encoding="utf-8"))
    assert detail["signature_status"]["not_signed"] == [parties[3].organization.slug]


@pytest.mark.parametrize("agreements", [1, 3])
def test_export_queries_fixed_when_agreements_signed_later_grow(
    tmp_path, registrar, django_assert_num_queries, agreements
):
    for _ in range(agreements):
        _partial(registrar, parties=5, later=2)
    # The export's 11 queries (tests/export/test_export_queries.py) less the readable relations
    # and the organisations outside the parties (there are none), plus the later signatures and
    # who held their posts, less the public posts' snapshots (read model: cms.public_positions,
    # whose earliest due day the export's first read already holds): 10 whatever the number of
    # agreements signed later.
    with django_assert_num_queries(10):
        counts = export_registry(directory=tmp_path)
    assert counts["signatures"] == 4 * agreements


def test_import_refused_and_nothing_written_when_later_signer_not_a_party(
    tmp_path, registrar, django_capture_on_commit_callbacks
):
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            _partial(registrar)
        call_command("export_registry", str(tmp_path), stdout=StringIO())
        transaction.set_rollback(True)
    path = tmp_path / "versions.json"
    (version,) = json.loads(path.read_text(encoding="utf-8"))
    version["later_signatures"].append({**version["later_signatures"][0], "signed": "2021-10-01"})
    version["later_signatures"][1]["organization"] = "no-such-body"
    path.write_text(f"[\n{json.dumps(version)}\n]\n", encoding="utf-8")  # as the export writes

    with pytest.raises(ImportRefused) as refused:
        import_folder(tmp_path, by=registrar)

    assert [issue.message for issue in refused.value.issues] == [
        f"“no-such-body” signed version 1 of {version['agreement_reference']} later, but it is "
        f"not a party to {version['agreement_reference']}."
    ]
    assert refused.value.issues[0].path == "$.versions[0].later_signatures[1]"
    assert not Agreement.objects.exists() and not Signature.objects.exists()
