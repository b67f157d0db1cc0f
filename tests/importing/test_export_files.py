"""Importing the registry's own export (`import_agreements DIR`): files that were changed or
do not fit are refused with a clear message and nothing written; single reference files of the
export import alone."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from agreements.models import Agreement, AgreementVersion
from jurisdictions.models import Jurisdiction, Organization, Position
from opendata.importing import ImportRefused, import_file, import_folder, signing, writer
from tests.factories import (
    OrganizationFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_dir(registrar, tmp_path, django_capture_on_commit_callbacks):
    """An export of one agreement with two versions, made in a savepoint rolled back after."""
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            agreement = agreement_into_force(agreement_ready(), by=registrar)

            def reword(item_agreement):
                item = item_agreement.responsibilities.order_by("sort_order").first()
                item.text_en = "Reworded by amendment."
                item.save()

            amendment_signed(
                agreement, by=registrar, effective_date=datetime.date(2023, 1, 9), change=reword
            )
        call_command("export_registry", str(tmp_path), stdout=StringIO())
        transaction.set_rollback(True)
    return tmp_path


def _rows(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path, rows):
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def _refused(directory, by):
    with pytest.raises(ImportRefused) as refused:
        import_folder(directory, by=by)
    assert not Agreement.objects.exists()
    assert not AgreementVersion.objects.exists()
    assert not Position.objects.exists()
    return [str(issue) for issue in refused.value.issues]


def test_agreement_and_versions_recorded_when_folder_imported(registrar, export_dir):
    report = import_folder(export_dir, by=registrar)
    agreement = Agreement.objects.get()
    versions = list(agreement.versions.order_by("number").values_list("number", "kind"))
    assert versions == [(1, "original"), (2, "amendment")]
    assert agreement.amendments.get().state == "signed"
    assert report.tallies[AgreementVersion].created == 2


def test_refused_when_snapshot_changed_after_export(registrar, export_dir):
    path = export_dir / "versions.json"
    rows = _rows(path)
    rows[0]["snapshot"]["agreement"]["title"]["en"] = "Forged title"
    _write(path, rows)
    messages = _refused(export_dir, registrar)
    assert len(messages) == 1
    assert messages[0].startswith("$.versions[0]: The snapshot does not match its SHA-256 (")
    assert messages[0].endswith("given): the version was changed after it was exported.")


def test_refused_when_first_version_left_out(registrar, export_dir):
    path = export_dir / "versions.json"
    rows = _rows(path)
    reference = rows[0]["agreement_reference"]
    _write(path, rows[1:])
    messages = _refused(export_dir, registrar)
    assert messages == [
        f"$.versions[0]: Version 2 of {reference} cannot be recorded: the registry's next "
        "version of it is 1. List an agreement's versions in order, from 1."
    ]


def test_refused_when_snapshot_belongs_to_another_number(registrar, export_dir):
    path = export_dir / "versions.json"
    rows = _rows(path)
    rows[0]["number"] = 5
    _write(path, rows)
    messages = _refused(export_dir, registrar)
    reference = rows[0]["agreement_reference"]
    assert messages == [
        f"$.versions[0]: The snapshot is version 1 of {reference}, not of this agreement and "
        "number."
    ]


def test_refused_when_registry_numbers_a_post_otherwise(registrar, export_dir):
    post = _rows(export_dir / "posts.json")[0]
    Position.objects.create(
        pk=post["id"], organization=OrganizationFactory(), title_en="Another post"
    )
    with pytest.raises(ImportRefused) as refused:
        import_folder(export_dir, by=registrar)
    assert not Agreement.objects.exists()
    assert (
        f"The version names the post {post['id']} (“{post['label']['en']}”), which this "
        "registry numbers otherwise: import an export into an empty registry, with its posts."
    ) in [issue.message for issue in refused.value.issues]


def test_refused_when_row_not_in_export_shape(registrar, export_dir):
    path = export_dir / "agreements.json"
    rows = _rows(path)
    del rows[0]["state"]
    _write(path, rows)
    messages = _refused(export_dir, registrar)
    assert messages == [
        "agreements.json:$[0]: This row is not in the export's shape (KeyError('state'))."
    ]


def test_refused_when_folder_holds_no_export_file(registrar, tmp_path):
    (tmp_path / "notes.txt").write_text("nothing", encoding="utf-8")
    messages = _refused(tmp_path, registrar)
    assert messages == [
        "The folder holds none of the export's files (jurisdictions.json, organizations.json, "
        "people.json, posts.json, memberships.json, agreements.json, versions.json)."
    ]


def test_command_names_problem_when_folder_refused(registrar, export_dir):
    (export_dir / "versions.json").write_text('{"not": "a list"}', encoding="utf-8")
    stderr = StringIO()
    with pytest.raises(CommandError, match=r"Nothing was imported: 1 problem\(s\)"):
        call_command("import_agreements", str(export_dir), stdout=StringIO(), stderr=stderr)
    assert stderr.getvalue().strip() == (
        "versions.json:$: Expected a list of rows, as the registry's export writes them."
    )


def test_reference_files_import_alone_when_given_one_by_one(registrar, export_dir):
    for name in ("jurisdictions.json", "organizations.json"):
        content = (export_dir / name).read_bytes()
        import_file(content, name=name, by=registrar)
    exported = {row["id"]: row["parent_id"] for row in _rows(export_dir / "jurisdictions.json")}
    stored = dict(Jurisdiction.objects.values_list("slug", "parent__slug"))
    assert stored == exported
    assert sorted(Organization.objects.values_list("slug", flat=True)) == sorted(
        row["id"] for row in _rows(export_dir / "organizations.json")
    )


@pytest.mark.parametrize(("name", "needs"), [("agreements", "versions"), ("memberships", "posts")])
def test_refused_when_export_file_given_without_the_file_it_needs(
    registrar, export_dir, name, needs
):
    content = (export_dir / f"{name}.json").read_bytes()
    with pytest.raises(ImportRefused) as refused:
        import_file(content, name=f"{name}.json", by=registrar)
    assert [str(issue) for issue in refused.value.issues] == [
        f"{name}.json:$: {name}.json is read with {needs}.json from the same export: import the "
        "export's folder (import_agreements DIR)."
    ]
    assert not Agreement.objects.exists()


def test_people_sharing_a_name_kept_apart_when_numbered(registrar):
    from jurisdictions.models import Person

    rows = [
        {
            "id": 41,
            "name": "Alex Nguyen",
            "given_name": "Alex",
            "family_name": "Nguyen",
            "honorific_prefix": None,
        },
        {
            "id": 42,
            "name": "Alex Nguyen",
            "given_name": "Alex",
            "family_name": "Nguyen",
            "honorific_prefix": "Dr.",
        },
    ]
    content = json.dumps(rows).encode("utf-8")
    import_file(content, name="people.json", by=registrar)
    import_file(content, name="people.json", by=registrar)  # again: nothing new
    assert list(Person.objects.order_by("pk").values_list("pk", "honorific")) == [
        (41, ""),
        (42, "Dr."),
    ]


def test_every_batch_checked_before_anything_written(registrar, export_of_three):
    # Batches of one agreement: the problems are in the first and the third batch.
    path = export_of_three / "agreements.json"
    rows = _rows(path)
    del rows[0]["state"]
    rows[2]["relations"] = [{"kind": {"code": "amends"}, "reference": "NONE-2020-001"}]
    _write(path, rows)
    with pytest.raises(ImportRefused) as refused:
        import_folder(export_of_three, by=registrar, batch=1)
    assert [str(issue) for issue in refused.value.issues] == [
        "agreements.json:$[0]: This row is not in the export's shape (KeyError('state')).",
        # Counted from the start of agreements.json, not of its batch.
        "$.agreements[2].relations[0]: Unknown agreement “NONE-2020-001”: it is neither in this "
        "file nor in the registry.",
    ]
    assert not Agreement.objects.exists()
    assert not AgreementVersion.objects.exists()
    assert not Position.objects.exists()
    assert not Jurisdiction.objects.exists()


def test_page_cache_told_of_the_rows_written_in_bulk(registrar, export_of_three, monkeypatch):
    # Bulk inserts send no post_save signal: the importer raises the page cache's data version.
    calls = []
    for module in (writer, signing):
        monkeypatch.setattr(module, "published_data_changed", lambda m=module: calls.append(m))
    import_folder(export_of_three, by=registrar, batch=2)
    # Each batch's agreements; the search entries once, after the last batch.
    assert calls == [writer, writer, signing]
    assert Agreement.objects.count() == 3


def test_batches_written_before_a_later_problem_are_rolled_back(registrar, export_of_three):
    # One pass: the first batch is checked and written, the second is refused; the third is
    # still checked (its problem listed too) and nothing the first wrote is kept.
    path = export_of_three / "agreements.json"
    rows = _rows(path)
    del rows[1]["state"]
    rows[2]["relations"] = [{"kind": {"code": "amends"}, "reference": "NONE-2020-001"}]
    _write(path, rows)
    with pytest.raises(ImportRefused) as refused:
        import_folder(export_of_three, by=registrar, batch=1)
    assert [str(issue) for issue in refused.value.issues] == [
        "agreements.json:$[1]: This row is not in the export's shape (KeyError('state')).",
        "$.agreements[2].relations[0]: Unknown agreement “NONE-2020-001”: it is neither in this "
        "file nor in the registry.",
    ]
    assert not Agreement.objects.exists()
    assert not AgreementVersion.objects.exists()
    assert not Agreement.history.exists()
    assert not Position.objects.exists()
    assert not Jurisdiction.objects.exists()


@pytest.mark.parametrize("batch", [1, 3])
def test_a_reference_listed_twice_is_refused_whatever_the_batches(
    registrar, export_of_three, batch
):
    # With batches of one, each batch alone looks fine: the repetition is found across them.
    path = export_of_three / "agreements.json"
    rows = _rows(path)
    rows[2]["reference"] = rows[0]["reference"]
    _write(path, rows)
    with pytest.raises(ImportRefused) as refused:
        import_folder(export_of_three, by=registrar, batch=batch)
    repeated = [str(issue) for issue in refused.value.issues if "listed twice" in str(issue)]
    assert repeated == [
        f"$.agreements[2]: “{rows[0]['reference']}” is listed twice (first at $.agreements[0])."
    ]
    assert not Agreement.objects.exists()
    assert not Jurisdiction.objects.exists()


def test_organisations_keep_their_numbers_when_imported_a_batch_at_a_time(
    registrar, export_of_three
):
    # The snapshots name parties by number (the public page finds signatures and holders by it):
    # an organisation first named by the third batch's snapshot keeps its number too.
    named = {}
    for line in _rows(export_of_three / "versions.json"):
        for party in line["snapshot"]["parties"]:
            organization = party["organization"]
            named[organization["slug"]] = organization["id"]
    assert len(named) >= 3
    # Listed in another order than their numbers, so numbers given afresh would differ.
    organizations = export_of_three / "organizations.json"
    _write(organizations, list(reversed(_rows(organizations))))
    import_folder(export_of_three, by=registrar, batch=1)
    kept = dict(Organization.objects.filter(slug__in=named).values_list("slug", "pk"))
    assert kept == named


def test_the_versions_pdfs_are_queued_as_one_task_per_recorded_batch(
    registrar, export_of_three, monkeypatch, django_capture_on_commit_callbacks
):
    # A task row per version cost an import of 10,000 agreements seconds on PostgreSQL.
    from opendata.importing import recording

    queued = []
    monkeypatch.setattr(
        recording, "versions_pdfs_enqueue", lambda *, version_ids: queued.append(version_ids)
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_folder(export_of_three, by=registrar)
    assert len(queued) == 1
    assert sorted(queued[0]) == sorted(AgreementVersion.objects.values_list("pk", flat=True))
    assert len(queued[0]) == 3
