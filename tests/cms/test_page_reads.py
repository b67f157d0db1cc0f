"""The reads behind the agreement, jurisdiction and organisation pages, after their queries were
combined (cms.selectors, cms.accountability): the organisation's total read with its cards, its
partners with their names in one query, its positions' holders from a compiled query, the
jurisdictions with their counts in one query, and the agreement page's reports and relations
pointing to it read only when the version query says there are some. What the pages show is
checked against values written here, and the queries counted exactly."""

import datetime

import pytest
from django.utils import timezone

from agreements import search
from agreements.models import AgreementRelation, Party, Report
from agreements.services.reports import report_accept, report_submit
from cms import accountability, selectors
from tests.factories import (
    AgreementFactory,
    AppointmentFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    ResponsibilityFactory,
    agreement_into_force,
    staffed_position,
)
from tests.reporting import TODAY, D, report_world

pytestmark = pytest.mark.django_db

EFFECTIVE = datetime.date(2021, 4, 1)
EXPIRY = datetime.date(2099, 12, 31)


def _published(registrar, lead, partner, *, reference, title, effective=EFFECTIVE, **fields):
    """A published agreement between `lead` and `partner`, in the read model."""
    made = AgreementFactory(
        reference=reference,
        title_en=title,
        title_fr=f"{title} (fr)",
        effective_date=effective,
        expiry_date=EXPIRY,
        **fields,
    )
    parties = [
        PartyFactory(
            agreement=made,
            organization=organization,
            role=Party.Role.LEAD if index == 0 else Party.Role.PARTY,
            signatory_position=staffed_position(organization=organization),
            signed_date=datetime.date(2021, 3, 15),
            sort_order=index,
        )
        for index, organization in enumerate((lead, partner))
    ]
    ResponsibilityFactory(
        agreement=made,
        responsible_party=parties[0],
        accountability_owner=staffed_position(organization=lead),
        text_en=f"Duty under {reference}",
    )
    made = agreement_into_force(made, by=registrar)
    search.index_agreement(agreement_id=made.pk)  # what the services schedule on commit
    return made


@pytest.fixture
def places(registrar):
    """Alder Agency (in Ashby) with three published agreements: two with Birch Board (Ashby), one
    with Cedar Council (Corran); and a restricted one with Damson Office (Corran)."""
    ashby = JurisdictionFactory(name_en="Ashby", name_fr="Ashby-fr", slug="ashby")
    corran = JurisdictionFactory(name_en="Corran", name_fr="Corran-fr", slug="corran")
    JurisdictionFactory(name_en="Brill", name_fr="Brill-fr", slug="brill")
    alder = OrganizationFactory(jurisdiction=ashby, name_en="Alder Agency", slug="alder")
    birch = OrganizationFactory(jurisdiction=ashby, name_en="Birch Board", slug="birch")
    cedar = OrganizationFactory(jurisdiction=corran, name_en="Cedar Council", slug="cedar")
    damson = OrganizationFactory(jurisdiction=corran, name_en="Damson Office", slug="damson")
    made = [
        _published(registrar, alder, birch, reference="AL-2021-001", title="Oak terms"),
        _published(
            registrar,
            alder,
            birch,
            reference="AL-2021-002",
            title="Pine terms",
            effective=datetime.date(2021, 5, 1),
        ),
        _published(
            registrar,
            alder,
            cedar,
            reference="AL-2021-003",
            title="Yew terms",
            effective=datetime.date(2021, 6, 1),
        ),
        _published(
            registrar,
            alder,
            damson,
            reference="AL-2021-004",
            title="Hidden terms",
            visibility="restricted",
        ),
    ]
    return {"alder": alder, "birch": birch, "cedar": cedar, "agreements": made}


# --- Organisation page ---------------------------------------------------------------------------


def test_organisation_counts_and_lists_only_its_public_agreements_newest_first(places):
    view = accountability.organisation_view("alder")

    assert view.total_agreements == 3
    assert [card.reference for card in view.versions] == [
        "AL-2021-003",
        "AL-2021-002",
        "AL-2021-001",
    ]
    assert [card.title["en"] for card in view.versions] == ["Yew terms", "Pine terms", "Oak terms"]


def test_organisation_partners_come_with_their_names_and_jurisdictions_most_shared_first(places):
    view = accountability.organisation_view("alder")

    assert [
        (partner.slug, partner.name_en, partner.jurisdiction.slug, partner.jurisdiction.name_fr, n)
        for partner, n in view.partners
    ] == [
        ("birch", "Birch Board", "ashby", "Ashby-fr", 2),
        ("cedar", "Cedar Council", "corran", "Corran-fr", 1),
    ]


def test_partner_sees_the_organisation_and_an_organisation_without_agreements_has_none(places):
    cedar = accountability.organisation_view("cedar")
    assert cedar.total_agreements == 1
    assert [(partner.slug, n) for partner, n in cedar.partners] == [("alder", 1)]

    lonely = OrganizationFactory(slug="lonely")
    view = accountability.organisation_view(lonely.slug)
    assert (view.total_agreements, view.versions, view.partners) == (0, [], [])


def test_organisation_page_shows_the_total_and_partner_rows(client, places):
    body = client.get("/en/jurisdictions/organisations/alder/").content.decode()

    assert "<dt>Published agreements</dt><dd>3</dd>" in body
    partners = body[body.index('id="partners-heading"') :]
    assert partners.index(">Birch Board</a>") < partners.index(">Cedar Council</a>")
    assert 'href="/en/jurisdictions/corran/">Corran</a>' in partners
    assert "Damson Office" not in body and "AL-2021-004" not in body


def test_organisation_page_names_its_jurisdiction_and_the_organisation_it_reports_to(
    client, places
):
    alder = places["alder"]
    alder.parent = OrganizationFactory(
        jurisdiction=alder.jurisdiction,
        name_en="Elm Ministry",
        name_fr="Ministère de l’Orme",
        slug="elm",
    )
    alder.save()

    body = client.get("/fr/jurisdictions/organisations/alder/").content.decode()

    assert (
        '<dt>Relève de</dt><dd><a href="/fr/jurisdictions/organisations/elm/">'
        "Ministère de l’Orme</a></dd>"
    ) in body
    assert '<a href="/fr/jurisdictions/ashby/">Ashby-fr</a>' in body
    assert "Reports to" not in client.get("/en/jurisdictions/organisations/birch/").content.decode()


def test_organisation_positions_show_todays_holders_in_order_of_appointment(places):
    alder = places["alder"]
    registrar_position = alder.positions.order_by("pk").first()
    registrar_position.appointments.all().delete()
    for given, start, end, acting in (
        ("Ann", datetime.date(2010, 1, 1), datetime.date(2012, 1, 1), False),
        ("Bea", datetime.date(2020, 1, 1), None, False),
        ("Cai", datetime.date(2019, 6, 1), None, True),
    ):
        AppointmentFactory(
            position=registrar_position,
            person=PersonFactory(given_name=given, family_name="Holder", honorific=""),
            start_date=start,
            end_date=end,
            acting=acting,
        )

    view = accountability.organisation_view("alder")

    row = next(row for row in view.positions if row.position.pk == registrar_position.pk)
    assert [(str(a.person), a.acting) for a in row.holders] == [
        ("Cai Holder", True),
        ("Bea Holder", False),
    ]


def test_organisation_page_runs_the_same_queries_with_more_partners_and_agreements(
    client, places, registrar, django_assert_num_queries
):
    url = "/en/jurisdictions/organisations/alder/"
    client.get("/en/")
    client.get(url)
    with django_assert_num_queries(ORGANISATION_QUERIES):
        client.get(url)
    for index in range(4):
        partner = OrganizationFactory(slug=f"partner-{index}")
        _published(
            registrar, places["alder"], partner, reference=f"AL-2022-00{index}", title="More"
        )
    PositionFactory(organization=places["alder"])
    client.get(url)
    with django_assert_num_queries(ORGANISATION_QUERIES):
        body = client.get(url).content.decode()
    assert "<dt>Published agreements</dt><dd>7</dd>" in body


# The organisation, its public positions, their holders, the cards with the total, the partners
# with their names.
ORGANISATION_QUERIES = 5


# --- Jurisdictions -------------------------------------------------------------------------------


def test_jurisdictions_come_with_their_public_agreement_counts(places):
    roots = selectors.jurisdiction_tree()

    assert [(node.jurisdiction.slug, node.agreements) for node in roots] == [
        ("ashby", 3),
        ("brill", 0),
        ("corran", 1),
    ]
    view = selectors.jurisdiction_view("ashby")
    assert view.total_agreements == 3
    assert [(j.slug, n) for j, n in view.partners] == [("corran", 1)]


def test_jurisdiction_page_children_show_their_counts(places):
    child = JurisdictionFactory(
        name_en="Ashby East", slug="ashby-east", parent=places["alder"].jurisdiction
    )
    view = selectors.jurisdiction_view("ashby")
    assert [(node.jurisdiction.slug, node.agreements) for node in view.children] == [
        (child.slug, 0)
    ]
    assert selectors.jurisdiction_view("corran").total_agreements == 1


# --- Agreement page ------------------------------------------------------------------------------


def test_agreement_page_shows_a_relation_pointing_to_it_with_one_query_more(
    client, places, registrar, django_assert_num_queries
):
    target, source = places["agreements"][0], places["agreements"][1]
    url = f"/en/agreements/{target.reference}/"
    client.get("/en/")
    client.get(url)
    with django_assert_num_queries(AGREEMENT_QUERIES):
        body = client.get(url).content.decode()
    assert 'id="related-heading"' not in body

    AgreementRelation.objects.create(
        source=source, kind=AgreementRelation.Kind.AMENDS, target=target
    )
    hidden = places["agreements"][3]  # restricted: never named
    AgreementRelation.objects.create(
        source=hidden, kind=AgreementRelation.Kind.RENEWS, target=target
    )
    with django_assert_num_queries(AGREEMENT_QUERIES + 2):  # the relations, then their sources
        body = client.get(url).content.decode()
    related = body[body.index('id="related-heading"') :]
    assert 'href="/en/agreements/AL-2021-002/">AL-2021-002 — Pine terms</a>' in related
    assert "AL-2021-004" not in body and "Hidden terms" not in body


# The version with its agreement (and whether reports or relations pointing here exist), who
# holds each position today, ended owners, the PDFs.
AGREEMENT_QUERIES = 4


@pytest.fixture
def reports(registrar, monkeypatch):
    original = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else original(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return report_world(by=registrar)


def _report(world, day, status=Report.Status.MET):
    return report_submit(
        responsibility=world["quarterly"],
        by=world["branch_liaison"],
        due_date=day,
        status=status,
        evidence="Internal figures.",
    )


def test_agreement_page_reads_reports_only_once_one_is_accepted(
    client, reports, django_assert_num_queries
):
    url = f"/en/agreements/{reports['agreement'].reference}/"
    client.get(url)
    _report(reports, D(2021, 6, 30))  # submitted, not accepted: not shown, not read
    with django_assert_num_queries(REPORT_PAGE_QUERIES - 1):
        body = client.get(url).content.decode()
    assert 'data-report-status="met"' not in body

    report_accept(report=_report(reports, D(2021, 9, 30)), by=reports["ministry_minister"])
    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        body = client.get(url).content.decode()
    assert 'data-report-status="met"' in body
    assert "1 July 2021 to 30 September 2021" in body


def test_agreement_as_of_a_day_before_any_report_was_due_shows_none(client, reports):
    report_accept(report=_report(reports, D(2021, 9, 30)), by=reports["ministry_minister"])
    url = f"/en/agreements/{reports['agreement'].reference}/"

    assert 'data-report-status="met"' in client.get(url).content.decode()
    body = client.get(f"{url}?on=2021-09-01").content.decode()
    assert 'data-report-status="met"' not in body


# The version with its agreement (and whether reports or relations pointing here exist), who
# holds each position today, ended owners, the accepted reports, the PDFs
# (tests/site/test_public_report_status.py counts the same).
REPORT_PAGE_QUERIES = 5
