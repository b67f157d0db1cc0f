"""Files that used to crash the importer (a 500 or a traceback) are refused with a clear message,
and nothing is written."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement
from opendata.importing import ImportRefused, import_file, pending
from opendata.importing.pending import PendingFile, pending_store, pending_take
from tests.factories import UserFactory

from .conftest import row_counts

BASE = {
    "jurisdictions": [
        {
            "slug": "canada",
            "name_en": "Canada",
            "level": "national",
            "ocd_division_id": "ocd-division/country:ca",
            "iso_code": "CA",
        }
    ],
    "organizations": [
        {"slug": "o1", "jurisdiction": "canada", "name_en": "Org One", "kind": "ministry"},
        {"slug": "o2", "jurisdiction": "canada", "name_en": "Org Two", "kind": "ministry"},
        {"slug": "o3", "jurisdiction": "canada", "name_en": "Org Three", "kind": "ministry"},
    ],
    "people": [{"handle": "p1", "given_name": "A", "family_name": "B"}],
    "positions": [
        {
            "handle": "o1.dm",
            "organization": "o1",
            "title_en": "DM",
            "holders": [{"person": "p1", "start": "2010-01-01"}],
        }
    ],
    "agreements": [
        {
            "reference": "R-1",
            "agreement_type": "service_delivery",
            "state": "in_force",
            "title_en": "T",
            "effective": "2015-01-01",
            "signed": "2014-12-01",
            "parties": [
                {
                    "organization": "o1",
                    "role": "lead",
                    "signatory": "o1.dm",
                    "signed": "2014-12-01",
                },
                {"organization": "o2", "role": "delivery_partner"},
            ],
            "responsibilities": [{"clause": "1", "party": "o1", "text_en": "Do it"}],
        }
    ],
}
HEADER = "reference,agreement_type,state,title_en,parties,notice_period_days\n"


def _refused(content: bytes, name: str, by) -> list[tuple[str, str]]:
    before = row_counts()
    with pytest.raises(ImportRefused) as refused:
        import_file(content, name=name, by=by)
    assert row_counts() == before
    return [(issue.path, issue.message) for issue in refused.value.issues]


@pytest.mark.django_db
def test_refused_when_json_number_has_over_4300_digits(registrar):
    content = b'{"agreements": [{"notice_period_days": ' + b"9" * 5000 + b"}]}"

    assert _refused(content, "big.json", registrar) == [
        (
            "$",
            "The file holds a number too long to read (more than 4300 digits): shorten it or "
            "write it as text.",
        )
    ]


@pytest.mark.django_db
def test_refused_when_json_nested_too_deeply(registrar):
    content = b"[" * 100_000 + b"]" * 100_000

    assert _refused(content, "deep.json", registrar) == [
        (
            "$",
            "The file is nested too deeply to read: an import file needs only a few levels.",
        )
    ]


@pytest.mark.django_db
def test_refused_when_csv_cell_exceeds_field_limit(registrar):
    content = (HEADER + "R-9,mou,draft," + "x" * 200_000 + ",o1:lead,\n").encode()

    assert _refused(content, "big.csv", registrar) == [
        ("line 2", "This CSV cannot be read here: a cell is too long or badly quoted.")
    ]


@pytest.mark.django_db
def test_refused_when_csv_number_is_a_superscript_digit(registrar):
    content = (HEADER + "R-9,mou,draft,T,o1:lead,²\n").encode()

    assert ("line 2, column notice_period_days", "Expected a whole number.") in _refused(
        content, "sup.csv", registrar
    )


@pytest.mark.django_db
def test_refused_when_csv_number_has_too_many_digits(registrar):
    content = (HEADER + "R-9,mou,draft,T,o1:lead," + "9" * 30 + "\n").encode()

    assert (
        "line 2, column notice_period_days",
        "This number is too long: use at most 9 digits.",
    ) in (_refused(content, "long.csv", registrar))


@pytest.mark.django_db
def test_refused_when_json_number_is_too_large_for_the_database(registrar):
    document = json.loads(json.dumps(BASE))
    document["agreements"][0]["notice_period_days"] = 10**30

    assert _refused(json.dumps(document).encode(), "big.json", registrar) == [
        (
            "$.agreements[0].notice_period_days",
            "This number is too long: use at most 9 digits.",
        )
    ]


NUL_MESSAGE = "The text holds a NUL character (\\x00), which the registry cannot store."


@pytest.mark.django_db
def test_refused_when_json_text_holds_nul(registrar):
    document = json.loads(json.dumps(BASE))
    document["agreements"][0]["title_en"] = "T\x00"

    assert _refused(json.dumps(document).encode(), "nul.json", registrar) == [
        ("$.agreements[0].title_en", NUL_MESSAGE)
    ]


@pytest.mark.django_db
def test_refused_when_csv_cell_holds_nul(registrar):
    content = (HEADER + "R-9,mou,draft,T\x00,o1:lead,\n").encode()

    assert _refused(content, "nul.csv", registrar) == [("line 2, column title_en", NUL_MESSAGE)]


@pytest.mark.django_db
def test_refused_when_formula_follows_spaces(registrar):
    content = (HEADER + "R-9,mou,draft, =1+1,o1:lead,\n").encode()

    assert _refused(content, "formula.csv", registrar) == [
        (
            "line 2, column title_en",
            "The cell starts with “=”, which spreadsheets run as a formula: remove it or start "
            "the text with another character.",
        )
    ]


@pytest.mark.django_db
def test_issues_capped_at_500_when_file_has_many_bad_rows(registrar):
    content = json.dumps({"agreements": [1] * 2000}).encode()

    issues = _refused(content, "many.json", registrar)

    assert len(issues) == 501
    assert issues[0] == ("$.agreements[0]", "Expected an object.")
    assert issues[499] == ("$.agreements[499]", "Expected an object.")
    assert issues[500] == ("", "… and more problems not listed (only the first 500 are shown).")


def _amendment(**extra) -> dict:
    row = {
        "agreement": "R-1",
        "number": 1,
        "title_en": "Am",
        "signed": "2020-01-01",
        "effective": "2020-02-01",
    }
    return {"amendments": [{**row, **extra}]}


@pytest.mark.django_db
def test_refused_when_amendment_of_a_draft(registrar):
    document = {
        "agreements": [
            {
                "reference": "D-1",
                "agreement_type": "service_delivery",
                "state": "draft",
                "title_en": "Draft",
                "parties": [{"organization": "o1", "role": "lead"}],
            }
        ],
        **_amendment(agreement="D-1"),
    }
    document = {**{k: BASE[k] for k in ("jurisdictions", "organizations")}, **document}

    issues = _refused(json.dumps(document).encode(), "amend.json", registrar)

    assert issues == [
        (
            "$.amendments[0]",
            "This amendment cannot be signed: Only an agreement in force can be amended.",
        )
    ]


@pytest.mark.django_db
def test_refused_when_amendment_adds_a_party_already_there(registrar):
    import_file(json.dumps(BASE).encode(), name="base.json", by=registrar)
    document = _amendment(parties=[{"organization": "o2", "role": "party"}])

    issues = _refused(json.dumps(document).encode(), "amend.json", registrar)

    assert issues == [
        (
            "$.amendments[0]",
            "This amendment cannot be signed: This organisation is already a party to this "
            "agreement.",
        )
    ]


@pytest.mark.django_db
def test_refused_when_amendment_changes_nothing(registrar):
    import_file(json.dumps(BASE).encode(), name="base.json", by=registrar)
    document = _amendment(effective="2009-02-01")

    issues = _refused(json.dumps(document).encode(), "amend.json", registrar)

    assert issues == [
        (
            "$.amendments[0]",
            "This amendment cannot be signed: The agreement is the same as its signed version: "
            "the amendment changes nothing yet.",
        )
    ]


@pytest.mark.django_db
def test_signed_agreement_unchanged_when_file_adds_parties_and_clauses(registrar):
    import_file(json.dumps(BASE).encode(), name="base.json", by=registrar)
    document = json.loads(json.dumps(BASE))
    agreement = document["agreements"][0]
    agreement["parties"].append({"organization": "o3", "role": "party"})
    agreement["responsibilities"].append({"clause": "2", "party": "o3", "text_en": "New duty"})
    before = row_counts()

    report = import_file(json.dumps(document).encode(), name="add.json", by=registrar)

    assert row_counts() == before
    assert report.warnings == [
        "R-1 has signed versions: its content was left as signed (change it through an amendment)."
    ]
    stored = Agreement.objects.get(reference="R-1")
    assert sorted(stored.parties.values_list("organization__slug", flat=True)) == ["o1", "o2"]
    assert list(stored.responsibilities.values_list("clause", flat=True)) == ["1"]


@pytest.mark.django_db
def test_upload_taken_once_when_confirmed_twice(registrar):
    token = pending_store(user_id=registrar.pk, name="a.json", content=b"{}")

    first = pending_take(user_id=registrar.pk, token=token)
    second = pending_take(user_id=registrar.pk, token=token)

    assert first == PendingFile(name="a.json", content=b"{}")
    assert second is None


@pytest.mark.django_db
def test_upload_refused_when_another_request_deleted_it_first(registrar, monkeypatch):
    token = pending_store(user_id=registrar.pk, name="a.json", content=b"{}")
    # The other confirmation read the file too and removed it between our read and delete.
    monkeypatch.setattr(pending.cache, "delete", lambda key: False)

    assert pending_take(user_id=registrar.pk, token=token) is None


@pytest.mark.django_db
def test_command_error_when_folder_holds_no_export(registrar, tmp_path):
    stderr = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_agreements", str(tmp_path), user="registrar", stderr=stderr)

    assert str(error.value) == f"Nothing was imported: 1 problem(s) in {tmp_path}."
    assert stderr.getvalue().strip() == (
        "The folder holds none of the export's files (jurisdictions.json, organizations.json, "
        "people.json, posts.json, memberships.json, agreements.json, versions.json)."
    )


@pytest.mark.django_db
def test_command_reads_at_most_the_limit_when_size_unknown(registrar):
    stderr = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_agreements", "/dev/zero", user="registrar", stderr=stderr)

    assert str(error.value) == "Nothing was imported: 1 problem(s) in /dev/zero."
    assert stderr.getvalue().splitlines() == [
        "The file is 50000000+ bytes; an import file must be smaller than 50000000 bytes (50 MB). "
        "Split it into several files."
    ]


@pytest.mark.django_db
def test_command_error_when_demo_loaded_as_non_registrar():
    UserFactory(username="clerk", is_staff=True)
    before = row_counts()

    with pytest.raises(CommandError) as error:
        call_command("loaddemo", "--as", "clerk", stdout=StringIO())

    assert str(error.value) == "“clerk” is not a registrar: only registrars load the demo data."
    assert row_counts() == before


@pytest.mark.django_db
def test_refresh_keeps_values_when_csv_leaves_their_columns_out(registrar):
    document = {
        **{key: BASE[key] for key in ("jurisdictions", "organizations")},
        "service_areas": [{"slug": "sa-x", "name_en": "SA X"}],
        "agreements": [
            {
                "reference": "D-2",
                "agreement_type": "service_delivery",
                "state": "draft",
                "title_en": "Draft two",
                "summary_en": "Important summary",
                "visibility": "restricted",
                "notice_period_days": 180,
                "service_areas": ["sa-x"],
                "effective": "2030-01-01",
                "parties": [{"organization": "o1", "role": "lead"}],
            }
        ],
    }
    import_file(json.dumps(document).encode(), name="d2.json", by=registrar)
    csv = "reference,agreement_type,state,title_en,parties\nD-2,service_delivery,draft,Draft 2,o1:lead\n"

    import_file(csv.encode(), name="d2.csv", by=registrar)

    stored = Agreement.objects.get(reference="D-2")
    assert stored.title_en == "Draft 2"
    assert stored.visibility == "restricted"
    assert stored.summary_en == "Important summary"
    assert stored.notice_period_days == 180
    assert str(stored.effective_date) == "2030-01-01"
    assert list(stored.service_areas.values_list("slug", flat=True)) == ["sa-x"]


@pytest.mark.django_db
def test_refused_when_amendment_takes_effect_before_positions_filled(registrar):
    import_file(json.dumps(BASE).encode(), name="base.json", by=registrar)
    new_duty = {"clause": "2", "party": "o1", "text_en": "New duty", "owner": "o1.dm"}
    document = {
        **{key: BASE[key] for key in ("jurisdictions", "organizations", "people", "positions")},
        **_amendment(effective="2009-02-01", responsibilities=[new_duty]),
    }

    issues = _refused(json.dumps(document).encode(), "amend.json", registrar)

    assert issues == [
        (
            "$.amendments[0]",
            "This amendment cannot be signed: Every responsibility needs an accountable position "
            "before approval. Missing for: 1. These accountable positions have no one appointed "
            "on 2009-02-01: DM, Org One. Every signing party needs a signatory position. "
            "Missing for: Org Two.",
        )
    ]
