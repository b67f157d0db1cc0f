"""The accountability matrix: what an organisation, a position or a minister's portfolio answered
for on a day, from the versions in force that day, with the holders of that day; its exports;
the brief PDF for the same choice; permissions and query counts."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from agreements.recurrence import Recurrence
from agreements.services.parties import agreement_grants_sync
from agreements.services.versions import version_record
from tests.factories import (
    AgreementFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PartyFactory,
    PositionFactory,
    ResponsibilityFactory,
    staffed_position,
)
from tests.pdf.conftest import pdf_text
from tests.workspace.conftest import TODAY
from workspace.matrix import MatrixScope, accountability_matrix

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

PAST = datetime.date(2023, 6, 30)


def summary(rows):
    return [
        (
            row.organization,
            row.position,
            row.holders,
            row.reference,
            row.clause,
            row.next_due,
            row.last_report_status,
            row.last_report_decision,
        )
        for row in rows
    ]


def test_portfolio_lists_the_ministry_and_its_branch_when_chosen(world, minister):
    scope = MatrixScope(organization=world["ministry"], portfolio=True)
    rows = accountability_matrix(user=minister, scope=scope, on=TODAY)
    deputy = world["one_off"].accountability_owner
    deputy_holder = str(deputy.appointments.get().person)
    assert summary(rows) == [
        (
            "Ministry of Service",
            "Deputy Minister",
            deputy_holder,
            "WS-FORCE",
            "4.2",
            datetime.date(2025, 2, 1),
            "",
            "",
        ),
        (
            "Service Branch",
            "Director, Counters",
            "Bob Brown",
            "WS-FORCE",
            "4.1",
            datetime.date(2025, 3, 31),
            "Met",
            "Accepted",
        ),
    ]
    assert rows[1].responsible_party == "Service Branch"
    assert rows[1].obligation == "Report quarterly on counter wait times."


def test_organisation_alone_leaves_out_its_branch_when_chosen(world, registrar):
    rows = accountability_matrix(
        user=registrar, scope=MatrixScope(organization=world["ministry"]), on=TODAY
    )
    assert [row.clause for row in rows] == ["4.2"]


def test_position_lists_only_its_responsibilities_when_chosen(world, registrar):
    rows = accountability_matrix(
        user=registrar, scope=MatrixScope(position=world["counters"]), on=TODAY
    )
    assert [(row.position, row.clause) for row in rows] == [("Director, Counters", "4.1")]


def test_past_date_gives_that_days_holder_and_reports_when_as_of(world, minister):
    rows = accountability_matrix(
        user=minister, scope=MatrixScope(position=world["counters"]), on=PAST
    )
    assert summary(rows) == [
        (
            "Service Branch",
            "Director, Counters",
            "Alice Archer",
            "WS-FORCE",
            "4.1",
            datetime.date(2024, 6, 30),
            "",  # the 2024-06-30 report was submitted on 2024-07-10
            "",
        )
    ]


def test_day_before_the_agreement_took_effect_lists_nothing_when_as_of(world, registrar):
    scope = MatrixScope(organization=world["ministry"], portfolio=True)
    assert accountability_matrix(user=registrar, scope=scope, on=datetime.date(2021, 3, 31)) == []


def test_non_party_liaison_sees_nothing_when_choosing_the_portfolio(world, outsider_liaison):
    scope = MatrixScope(organization=world["ministry"], portfolio=True)
    assert accountability_matrix(user=outsider_liaison, scope=scope, on=TODAY) == []


def test_pick_falls_back_to_the_other_language_when_one_is_empty():
    from registry.bilingual import pick

    assert pick({"en": "Report", "fr": "Rapport"}, "fr") == "Rapport"
    assert pick({"en": "", "fr": "Rapport"}, "en") == "Rapport"
    assert pick({"en": "Report", "fr": ""}, "fr") == "Report"
    assert pick(None, "en") == ""
    assert pick("2025-01-15", "fr") == "2025-01-15"


def test_french_only_text_shown_when_the_admin_reads_english(world, registrar):
    agreement = AgreementFactory(in_force=True, reference="WS-FR-ONLY")
    party = PartyFactory(agreement=agreement, organization=world["branch"])
    owner = staffed_position(organization=world["branch"])
    ResponsibilityFactory(
        agreement=agreement,
        responsible_party=party,
        accountability_owner=owner,
        text_en="",
        text_fr="Déposer le rapport initial.",
        due_date=datetime.date(2025, 2, 1),
    )
    version_record(agreement=agreement, by=registrar, effective_date=agreement.effective_date)
    rows = accountability_matrix(user=registrar, scope=MatrixScope(position=owner), on=TODAY)
    assert [row.obligation for row in rows] == ["Déposer le rapport initial."]


# --- the view -------------------------------------------------------------------------------


def test_matrix_page_shows_rows_and_brief_links_when_minister_office_chooses(
    client, world, minister
):
    client.force_login(minister)
    params = {"organization": world["ministry"].pk, "portfolio": "on", "as_of": "2023-06-30"}
    response = client.get(reverse("workspace_matrix"), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert [row.holders for row in response.context["object_list"]][1] == "Alice Archer"
    assert "30 June 2024" in html  # the next due date on that day
    brief = reverse("agreements_accountability_brief", args=(world["ministry"].pk,))
    assert f'href="{brief}?as_of=2023-06-30&amp;language=en"' in html
    assert f'href="{brief}?as_of=2023-06-30&amp;language=fr"' in html


def test_matrix_page_asks_for_a_choice_when_opened(client, world, minister):
    client.force_login(minister)
    response = client.get(reverse("workspace_matrix"))
    assert list(response.context["object_list"]) == []
    assert 'name="as_of" value="2025-01-15"' in response.content.decode()
    response = client.get(reverse("workspace_matrix"), {"as_of": "2025-01-15"})
    assert "Choose an organisation or a position." in response.content.decode()


def test_matrix_choices_name_the_jurisdiction_when_names_are_the_same(client, world, minister):
    for province in ("New Brunswick", "Nova Scotia"):
        health = OrganizationFactory(
            name_en="Department of Health", jurisdiction=JurisdictionFactory(name_en=province)
        )
        PositionFactory(organization=health, title_en="Deputy Minister")
    client.force_login(minister)
    form = client.get(reverse("workspace_matrix")).context["choice_form"]
    organizations = [label for _value, label in form.fields["organization"].choices]
    positions = [label for _value, label in form.fields["position"].choices]
    assert [label for label in organizations if "Health" in label] == [
        "Department of Health (New Brunswick)",
        "Department of Health (Nova Scotia)",
    ]
    assert [label for label in positions if "Health" in label] == [
        "Deputy Minister, Department of Health (New Brunswick)",
        "Deputy Minister, Department of Health (Nova Scotia)",
    ]


def test_matrix_page_offers_no_brief_when_liaison_chooses(client, world, party_liaison):
    client.force_login(party_liaison)
    response = client.get(
        reverse("workspace_matrix"), {"organization": world["ministry"].pk, "portfolio": "on"}
    )
    assert [row.clause for row in response.context["object_list"]] == ["4.2", "4.1"]
    assert "agreements_accountability_brief" not in response.content.decode()
    assert response.context["brief_links"] == []


def test_matrix_page_lists_nothing_when_non_party_liaison_chooses(client, world, outsider_liaison):
    client.force_login(outsider_liaison)
    response = client.get(
        reverse("workspace_matrix"), {"organization": world["ministry"].pk, "portfolio": "on"}
    )
    assert list(response.context["object_list"]) == []
    assert "WS-FORCE" not in response.content.decode()


@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_agreement_the_office_may_not_see_is_left_out_when_its_owner_is_chosen(
    client, world, minister, registrar, export
):
    owner = world["elsewhere"].responsibilities.get().accountability_owner
    params = {"organization": owner.organization.pk, "as_of": "2025-01-15"}
    if export:
        params["export"] = export

    def exported(user):
        client.force_login(user)
        response = client.get(reverse("workspace_matrix"), params)
        assert response.status_code == 200
        if not export:
            return [row.reference for row in response.context["object_list"]]
        content = b"".join(response.streaming_content)
        if export == "csv":
            return [line[3] for line in csv.reader(io.StringIO(content.decode()))][1:]
        book = openpyxl.load_workbook(io.BytesIO(content))
        return [row[3] for row in book.active.iter_rows(values_only=True)][1:]

    assert exported(registrar) == ["WS-ELSEWHERE"]
    assert exported(minister) == []


def test_matrix_csv_has_a_line_per_responsibility_when_exported(client, world, minister):
    client.force_login(minister)
    response = client.get(
        reverse("workspace_matrix"),
        {"position": world["counters"].pk, "as_of": "2025-01-15", "export": "csv"},
    )
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines == [
        [
            "Organisation",
            "Accountable position",
            "Holder on that day",
            "Agreement",
            "Version",
            "Clause",
            "Obligation",
            "Status",
            "Responsible party",
            "Next due date",
            "Last report's due date",
            "Last report",
            "Decision",
        ],
        [
            "Service Branch",
            "Director, Counters",
            "Bob Brown",
            "WS-FORCE",
            "1",
            "4.1",
            "Report quarterly on counter wait times.",
            "Active",
            "Service Branch",
            "2025-03-31",
            "2024-06-30",
            "Met",
            "Accepted",
        ],
    ]


# --- the brief PDF for the same choice --------------------------------------------------------


def test_brief_for_a_position_on_a_past_date_when_downloaded(client, world, minister):
    client.force_login(minister)
    response = client.get(
        reverse("agreements_accountability_brief", args=(world["ministry"].pk,)),
        {"as_of": "2023-06-30", "position": world["counters"].pk, "language": "en"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "2023-06-30" in response["Content-Disposition"]
    text = " ".join(" ".join(pdf_text(response.content)).split())
    assert "30 June 2023" in text
    assert "Director, Counters" in text
    assert "Alice Archer" in text
    assert "Deputy Minister" not in text


@pytest.mark.parametrize("params", [{"as_of": "30/06/2023"}, {"position": "x"}])
def test_brief_refuses_a_bad_choice_when_downloaded(client, world, minister, params):
    client.force_login(minister)
    response = client.get(
        reverse("agreements_accountability_brief", args=(world["ministry"].pk,)), params
    )
    assert response.status_code == 404


def test_brief_refuses_a_position_outside_the_portfolio_when_downloaded(client, world, minister):
    client.force_login(minister)
    other = world["annual"].accountability_owner  # the partner department's
    response = client.get(
        reverse("agreements_accountability_brief", args=(world["ministry"].pk,)),
        {"position": other.pk},
    )
    assert response.status_code == 404


# --- query counts ---------------------------------------------------------------------------


def grow_versions(world, count, *, by):
    """`count` more agreements in force with a signed version 1, each with a quarterly
    obligation of the branch, visible to the ministry's office."""
    for number in range(count):
        agreement = AgreementFactory(in_force=True, reference=f"WS-SIGNED-{number:03d}")
        party = PartyFactory(agreement=agreement, organization=world["branch"])
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            accountability_owner=staffed_position(organization=world["branch"]),
            recurrence=Recurrence.QUARTERLY,
            recurrence_anchor=datetime.date(2024, 3, 31),
        )
        version_record(agreement=agreement, by=by, effective_date=agreement.effective_date)
        agreement_grants_sync(agreement=agreement)


# Measured on SQLite and PostgreSQL alike for a member of a minister's office, with guardian's
# content-type cache warm. An export: the request's own queries (session, user, two-factor device,
# permissions, session save), the chosen organisation, the portfolio walk (one query per level
# of the tree), the versions in force, their holders and reports, and the brief check (the
# office's organisations and their tree). The page adds the form's two lists and Wagtail's admin
# furniture (about 46 queries, see test_reports.py).
MATRIX_QUERIES = {"": 66, "csv": 18, "xlsx": 18}


@pytest.mark.parametrize("count", [10, 200])
@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_matrix_costs_the_same_queries_when_agreements_grow(
    client, world, minister, registrar, django_assert_num_queries, count, export
):
    grow_versions(world, count, by=registrar)
    client.force_login(minister)
    params = {"organization": world["ministry"].pk, "portfolio": "on", "as_of": "2025-01-15"}
    if export:
        params["export"] = export
    client.get(reverse("workspace_matrix"), params)  # warm guardian's content-type cache
    with django_assert_num_queries(MATRIX_QUERIES[export]):
        response = client.get(reverse("workspace_matrix"), params)
        if export:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    if not export:
        assert response.context["paginator"].count == 2 + count
