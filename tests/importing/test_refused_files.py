"""Every malformed file is refused whole: each problem listed with its place, nothing written."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from opendata.importing import MAX_IMPORT_BYTES, ImportRefused, import_file

from .cases import EXPECTED, INPUTS
from .conftest import row_counts


def test_every_input_has_its_expected_answer_when_cases_listed():
    assert [name for name, _file, _content in INPUTS] == list(EXPECTED)
    assert len(INPUTS) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "file_name", "content"), INPUTS, ids=[i[0] for i in INPUTS])
def test_refused_with_every_problem_and_nothing_written_when_file_malformed(
    registrar, name, file_name, content
):
    before = row_counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(content, name=file_name, by=registrar)

    assert [(issue.path, issue.message) for issue in refused.value.issues] == EXPECTED[name]
    assert row_counts() == before


@pytest.mark.django_db
def test_refused_before_reading_when_file_is_50_mb(registrar, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.write(b'{"agreements": [' + b" " * (MAX_IMPORT_BYTES - 18) + b"]}")
    assert path.stat().st_size == 50_000_000
    before = row_counts()

    stderr = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_agreements", str(path), user="registrar", stderr=stderr)

    assert str(error.value) == f"Nothing was imported: 1 problem(s) in {path}."
    assert stderr.getvalue().splitlines() == [
        "The file is 50000000 bytes; an import file must be smaller than 50000000 bytes (50 MB). "
        "Split it into several files."
    ]
    assert row_counts() == before


@pytest.mark.django_db
def test_issues_on_stderr_when_command_refuses_file(registrar, tmp_path):
    path = tmp_path / "agreements.csv"
    path.write_text(
        "reference,agreement_type,state,title_en,parties\n"
        "PEI-2022-009,mou,draft,@SUM(A1),pei-health:lead\n"
        "PEI-2022-010,mou,draft,+1,pei-health:lead\n",
        encoding="utf-8",
    )

    stderr = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_agreements", str(path), user="registrar", stderr=stderr)

    assert str(error.value) == f"Nothing was imported: 2 problem(s) in {path}."
    assert stderr.getvalue().splitlines() == [
        "line 2, column title_en: The cell starts with “@”, which spreadsheets run as a formula: "
        "remove it or start the text with another character.",
        "line 3, column title_en: The cell starts with “+”, which spreadsheets run as a formula: "
        "remove it or start the text with another character.",
    ]


@pytest.mark.django_db
def test_refused_and_rolled_back_when_model_rule_fails_while_writing(registrar):
    """A rule only the database state can tell (a single-holder position already held) is
    found while writing: the whole import rolls back, rows written before it included."""
    from .conftest import as_json, valid_document

    document = valid_document()
    document["people"].append({"handle": "p.arsenault", "given_name": "Luc", "family_name": "Ar"})
    document["positions"][0]["holders"].append({"person": "p.arsenault", "start": "2021-01-01"})
    before = row_counts()

    with pytest.raises(ImportRefused) as refused:
        import_file(as_json(document), name="a.json", by=registrar)

    assert [(issue.path, issue.message) for issue in refused.value.issues] == [
        (
            "$.positions[0].holders[1]",
            "This position has a single holder and is already held by Marie Gallant from "
            "2020-01-06 to today.",
        )
    ]
    assert row_counts() == before
