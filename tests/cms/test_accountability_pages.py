"""The public organisation and position pages ("who is accountable"): what a position answers
for in published agreements (never in drafts, restricted agreements, versions not yet in effect
or a working copy under amendment), who holds it and who held it, and the organisation's
positions, agreements and partners; in English and French, at a fixed number of queries."""

import datetime

import pytest

from agreements import search
from agreements.models import Party, Responsibility
from agreements.services import amendments
from cms import accountability, selectors
from tests.factories import (
    AgreementFactory,
    AppointmentFactory,
    GovernanceBodyFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    PositionFactory,
    ResponsibilityFactory,
    agreement_into_force,
    amendment_signed,
    staffed_position,
)
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2021, 3, 15)
EFFECTIVE = datetime.date(2021, 4, 1)
EXPIRY = datetime.date(2099, 12, 31)


@pytest.fixture
def world(registrar):
    """Service New Brunswick's Registrar General, held by Marc Cormier until 30 June 2022 and by
    Claire LeBlanc since 1 July 2022, accountable in one published agreement and in three the
    public may not read (a draft, a restricted one, one not yet in effect). The Deputy Registrar,
    vacant, sits on the published agreement's governing body (so the public may know of it)."""
    new_brunswick = JurisdictionFactory(
        name_en="New Brunswick", name_fr="Nouveau-Brunswick", slug="new-brunswick"
    )
    snb = OrganizationFactory(
        jurisdiction=new_brunswick,
        name_en="Service New Brunswick",
        name_fr="Services Nouveau-Brunswick",
        acronym_en="SNB",
        slug="service-new-brunswick",
    )
    health = OrganizationFactory(
        jurisdiction=new_brunswick,
        name_en="Department of Health",
        name_fr="Ministère de la Santé",
        slug="health",
    )
    registrar_general = PositionFactory(
        organization=snb, title_en="Registrar General", title_fr="Registraire général"
    )
    AppointmentFactory(
        position=registrar_general,
        person=PersonFactory(given_name="Marc", family_name="Cormier"),
        start_date=datetime.date(2018, 1, 15),
        end_date=datetime.date(2022, 6, 30),
    )
    AppointmentFactory(
        position=registrar_general,
        person=PersonFactory(given_name="Claire", family_name="LeBlanc"),
        start_date=datetime.date(2022, 7, 1),
    )
    deputy = PositionFactory(organization=snb, title_en="Deputy Registrar", title_fr="")
    committee = GovernanceBodyFactory(name_en="Vital Statistics Committee")
    committee.members.add(deputy)

    def agreement(*, text, into_force=True, partner=health, **fields):
        values = {"effective_date": EFFECTIVE, "expiry_date": EXPIRY, **fields}
        made = AgreementFactory(**values)
        parties = [
            PartyFactory(
                agreement=made,
                organization=organization,
                role=Party.Role.LEAD if index == 0 else Party.Role.PARTY,
                signatory_position=staffed_position(organization=organization),
                signed_date=SIGNED,
                sort_order=index,
            )
            for index, organization in enumerate((snb, partner))
        ]
        ResponsibilityFactory(
            agreement=made,
            responsible_party=parties[0],
            accountability_owner=registrar_general,
            clause="4.2",
            text_en=text,
            text_fr=f"{text} (fr)",
            due_date=datetime.date(2099, 3, 31),
        )
        ResponsibilityFactory(
            agreement=made,
            responsible_party=parties[1],
            accountability_owner=staffed_position(organization=partner),
            text_en=f"Partner duty beside {text}",
        )
        if not into_force:
            return made
        made = agreement_into_force(made, by=registrar)
        # What the services schedule on commit: the search index and the public read model.
        search.index_agreement(agreement_id=made.pk)
        return made

    public = agreement(
        text="Register every birth within ten days",
        reference="SNB-2019-001",
        governing_body=committee,
        title_en="Vital statistics services",
        title_fr="Services de statistiques de l’état civil",
    )
    future = datetime.date.today() + datetime.timedelta(days=30)
    hidden = {
        "draft": agreement(text="Zephyrine draft obligation", into_force=False),
        "restricted": agreement(
            text="Quillwort restricted obligation",
            visibility="restricted",
            partner=OrganizationFactory(name_en="Quillwort Agency", slug="quillwort"),
        ),
        "pending": agreement(
            text="Marrowfat pending obligation",
            effective_date=future,
            partner=OrganizationFactory(name_en="Marrowfat Board", slug="marrowfat"),
        ),
    }
    return {
        "snb": snb,
        "health": health,
        "position": registrar_general,
        "deputy": deputy,
        "public": public,
        "hidden": hidden,
        "agreement": agreement,
        "committee": committee,
    }


def _organisation_url(language, slug="service-new-brunswick"):
    return f"/{language}/jurisdictions/organisations/{slug}/"


def _position_url(language, position):
    return f"/{language}/jurisdictions/positions/{position.pk}/"


def _body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Position page -------------------------------------------------------------------------------


def test_position_page_lists_published_obligation_with_party_due_date_and_agreement_in_english(
    client, world
):
    body = _body(client, _position_url("en", world["position"]))

    assert "<h1>Registrar General</h1>" in body
    assert "Register every birth within ten days" in body
    assert 'href="/en/agreements/SNB-2019-001/"' in body
    assert "Vital statistics services" in body
    assert (
        'href="/en/jurisdictions/organisations/service-new-brunswick/">Service New Brunswick</a>'
        in body
    )
    assert '<time datetime="2099-03-31">31 March 2099</time>' in body
    assert "Clause 4.2" in body
    assert "Partner duty beside" not in body


def test_position_page_shows_current_and_past_holders_with_dates_in_english(client, world):
    body = _body(client, _position_url("en", world["position"]))

    assert "<strong>Claire LeBlanc</strong>" in body
    assert "since 1 July 2022" in body
    past = body[body.index('id="past-heading"') :]
    assert "Marc Cormier" in past
    assert '<time datetime="2018-01-15">15 January 2018</time>' in past
    assert '<time datetime="2022-06-30">30 June 2022</time>' in past
    assert "Claire LeBlanc" not in past


def test_position_page_reads_in_french_when_asked_in_french(client, world):
    body = _body(client, _position_url("fr", world["position"]))

    assert "<h1>Registraire général</h1>" in body
    assert "Register every birth within ten days (fr)" in body
    assert "Services de statistiques de l’état civil" in body
    assert 'href="/fr/agreements/SNB-2019-001/"' in body
    assert ">Services Nouveau-Brunswick</a>" in body
    assert '<time datetime="2099-03-31">31 mars 2099</time>' in body
    assert "depuis le 1er juillet 2022" in body
    assert "15 janvier 2018" in body and "30 juin 2022" in body
    assert "Titulaires précédents" in body
    assert "Previous holders" not in body and "Held by" not in body


@pytest.mark.parametrize("language", ["en", "fr"])
def test_position_page_never_shows_unpublished_obligations_when_the_position_owns_some(
    client, world, language
):
    body = _body(client, _position_url(language, world["position"]))

    for secret in ("Zephyrine", "Quillwort", "Marrowfat"):
        assert secret not in body
    for agreement in world["hidden"].values():
        assert agreement.reference not in body


def test_position_page_shows_the_signed_text_when_an_amendment_is_being_negotiated(
    client, world, registrar
):
    public = world["public"]
    amendment = amendments.amendment_open(agreement=public, by=registrar, title_en="Reword")
    amendments.amendment_start_negotiation(amendment=amendment, by=registrar)
    item = public.responsibilities.get(accountability_owner=world["position"])
    item.text_en = "Reworded under negotiation"
    item.save()
    Responsibility.objects.create(
        agreement=public,
        responsible_party=item.responsible_party,
        accountability_owner=world["position"],
        text_en="Added under negotiation",
    )

    body = _body(client, _position_url("en", world["position"]))

    assert "Register every birth within ten days" in body
    assert "Reworded under negotiation" not in body
    assert "Added under negotiation" not in body


def test_vacant_position_says_so_when_no_one_holds_it(client, world):
    body = _body(client, _position_url("en", world["deputy"]))

    assert "No one holds this position today" in body
    assert "This position is not accountable for any obligation in a published agreement." in body


@pytest.mark.parametrize("path", ["positions/999999/", "positions/1234567890/", "positions/x/"])
def test_unknown_position_not_found_when_asked_by_id(client, world, path):
    assert client.get(f"/en/jurisdictions/{path}").status_code == 404


# --- Organisation page ---------------------------------------------------------------------------


def test_organisation_page_lists_positions_agreements_partners_and_jurisdiction_in_english(
    client, world
):
    body = _body(client, _organisation_url("en"))

    assert '<h1>Service New Brunswick <span class="muted">(<span lang="en">SNB</span>)' in body
    assert 'href="/en/jurisdictions/new-brunswick/">New Brunswick</a>' in body
    position = world["position"]
    assert f'href="/en/jurisdictions/positions/{position.pk}/">Registrar General</a>' in body
    positions = body[body.index('id="positions-heading"') : body.index('id="agreements-heading"')]
    assert "Claire LeBlanc" in positions and "Marc Cormier" not in positions
    agreements = body[body.index('id="agreements-heading"') : body.index('id="partners-heading"')]
    assert "SNB-2019-001" in agreements and "Vital statistics services" in agreements
    partners = body[body.index('id="partners-heading"') :]
    assert 'href="/en/jurisdictions/organisations/health/">Department of Health</a>' in partners
    assert '<td class="numeric">1</td>' in partners


def test_organisation_page_reads_in_french_and_marks_english_fallback(client, world):
    body = _body(client, _organisation_url("fr"))

    assert '<h1>Services Nouveau-Brunswick <span class="muted">(<span lang="en">SNB</span>)' in body
    assert ">Nouveau-Brunswick</a>" in body
    assert ">Registraire général</a>" in body
    assert '<span lang="en">Deputy Registrar</span>' in body
    assert ">Ministère de la Santé</a>" in body
    assert "Services de statistiques de l’état civil" in body
    for label in ("Positions", "Partners", "Held by", "Kind of organisation"):
        assert f">{label}<" not in body
    assert ">Postes<" in body and ">Partenaires<" in body


@pytest.mark.parametrize("language", ["en", "fr"])
def test_organisation_page_never_shows_unpublished_agreements_or_their_partners(
    client, world, language
):
    body = _body(client, _organisation_url(language))

    for agreement in world["hidden"].values():
        assert agreement.reference not in body
        assert agreement.title_en not in body
    assert "Quillwort Agency" not in body and "Marrowfat Board" not in body


def test_organisation_page_keeps_signed_partners_when_an_amendment_adds_a_party(
    client, world, registrar
):
    public = world["public"]
    amendment = amendments.amendment_open(agreement=public, by=registrar, title_en="New party")
    amendments.amendment_start_negotiation(amendment=amendment, by=registrar)
    PartyFactory(agreement=public, organization=OrganizationFactory(name_en="Newcomer Office"))

    body = _body(client, _organisation_url("en"))

    assert "SNB-2019-001" in body
    assert ">Department of Health</a>" in body
    assert "Newcomer Office" not in body


@pytest.mark.parametrize("slug", ["atlantis", "x" * 300, "%3Cscript%3E", "caf%C3%A9", "..%2F.."])
def test_unknown_organisation_not_found_when_asked_by_slug(client, world, slug):
    assert client.get(_organisation_url("en", slug)).status_code == 404


def test_jurisdiction_page_links_its_organisations_to_their_pages(client, world):
    body = _body(client, "/fr/jurisdictions/new-brunswick/")

    assert 'href="/fr/jurisdictions/organisations/service-new-brunswick/"' in body


def test_sitemap_lists_organisation_and_position_pages_in_both_languages(client, world):
    body = whole_sitemap(client)

    position = world["position"]
    for language in ("en", "fr"):
        assert f"/{language}/jurisdictions/organisations/service-new-brunswick/</loc>" in body
        assert f"/{language}/jurisdictions/positions/{position.pk}/</loc>" in body


# --- Positions the public may not know of -------------------------------------------------------


def _position_named_only_by(world, registrar, kind):
    """A Service New Brunswick position held by Odile Kumquat that only a draft, or only a
    restricted agreement in force, names (as accountable)."""
    position = PositionFactory(
        organization=world["snb"],
        title_en="Kumquat Liaison Officer",
        title_fr="Agent de liaison Kumquat",
    )
    AppointmentFactory(
        position=position,
        person=PersonFactory(given_name="Odile", family_name="Kumquat"),
        start_date=datetime.date(2020, 1, 1),
    )
    fields = {"visibility": "restricted"} if kind == "restricted" else {}
    made = world["agreement"](text=f"Kumquat {kind} obligation", into_force=False, **fields)
    ResponsibilityFactory(
        agreement=made,
        responsible_party=made.parties.get(organization=world["snb"]),
        accountability_owner=position,
        text_en="Kumquat duty",
    )
    if kind == "restricted":
        agreement_into_force(made, by=registrar)
    return position


@pytest.mark.parametrize("kind", ["draft", "restricted"])
def test_position_unknown_to_the_public_when_only_an_unpublished_agreement_names_it(
    client, world, registrar, kind
):
    hidden = _position_named_only_by(world, registrar, kind)
    known = world["position"]

    for language in ("en", "fr"):
        body = _body(client, _organisation_url(language))
        assert f'href="/{language}/jurisdictions/positions/{known.pk}/"' in body
        assert f"/jurisdictions/positions/{hidden.pk}/" not in body
        assert "Kumquat" not in body
        assert client.get(_position_url(language, hidden)).status_code == 404
    sitemap = whole_sitemap(client)
    assert f"/en/jurisdictions/positions/{known.pk}/</loc>" in sitemap
    assert f"/jurisdictions/positions/{hidden.pk}/</loc>" not in sitemap
    response = client.get(f"/api/v1/posts/{hidden.pk}")
    assert response.status_code == 404
    assert response.json() == {"message": "No public post has this identifier."}
    assert "Kumquat" not in client.get("/api/v1/posts").content.decode()


def test_governing_body_seats_added_after_publication_stay_unknown_when_no_version_names_them(
    client, world
):
    snb, deputy, committee = world["snb"], world["deputy"], world["committee"]
    member = staffed_position(organization=snb, title_en="Tamarind Member", title_fr="")
    chair = staffed_position(organization=snb, title_en="Tamarind Chair", title_fr="")
    committee.members.add(member)
    committee.chair = chair
    committee.save()

    body = _body(client, _organisation_url("en"))
    assert f'href="/en/jurisdictions/positions/{deputy.pk}/">Deputy Registrar</a>' in body
    assert "Tamarind" not in body
    assert client.get(_position_url("en", deputy)).status_code == 200
    assert client.get(f"/api/v1/posts/{deputy.pk}").status_code == 200
    sitemap = whole_sitemap(client)
    assert f"/en/jurisdictions/positions/{deputy.pk}/</loc>" in sitemap
    for position in (member, chair):
        assert client.get(_position_url("en", position)).status_code == 404
        assert client.get(f"/api/v1/posts/{position.pk}").status_code == 404
        assert f"/jurisdictions/positions/{position.pk}/</loc>" not in sitemap
    assert "Tamarind" not in client.get("/api/v1/posts").content.decode()


# --- Query counts --------------------------------------------------------------------------------

# Measured on SQLite and PostgreSQL; the same with 1 and with 6 published agreements. Wagtail's
# site, routing, view restrictions and the navigation come from the cache (cms.routing), warmed
# first. The public positions are one indexed query on the read model (cms.public_positions).
# Organisation page: the organisation, its public positions, their holders, the cards with the
# total, the partners with their names (cms.accountability.organisation_view).
ORGANISATION_QUERIES = 5
POSITION_QUERIES = 3


@pytest.mark.parametrize("extra", [0, 5], ids=["1-agreement", "6-agreements"])
def test_pages_run_a_fixed_number_of_queries_when_data_grows(
    client, world, extra, django_assert_num_queries
):
    for index in range(extra):
        world["agreement"](text=f"Extra obligation {index}")
    client.get("/en/")  # the site's structure and navigation, cached once per language
    client.get("/fr/")
    # Card titles are kept per process once read (cms.selectors.kept_title_cards): a first visit reads them.
    client.get(_organisation_url("en"))

    with django_assert_num_queries(ORGANISATION_QUERIES):
        body = _body(client, _organisation_url("en"))
    assert body.count("card__title") == 1 + extra
    with django_assert_num_queries(POSITION_QUERIES):
        body = _body(client, _position_url("fr", world["position"]))
    assert body.count("Extra obligation") == extra


def test_organisation_page_reads_card_titles_once_then_keeps_them(
    client, world, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(selectors, "_CARD_TITLES", {})
    client.get("/en/")
    client.get("/fr/")

    with django_assert_num_queries(ORGANISATION_QUERIES + 1) as first:
        assert "Vital statistics services" in _body(client, _organisation_url("en"))
    with django_assert_num_queries(ORGANISATION_QUERIES) as second:
        body = _body(client, _organisation_url("fr"))
    assert "Services de statistiques de l’état civil" in body
    # Only the digest of the snapshot, never the snapshot itself, once the titles are kept.
    reads = [q["sql"].replace("snapshot_sha256", "") for q in first.captured_queries]
    assert sum("snapshot" in sql for sql in reads) == 1
    reads = [q["sql"].replace("snapshot_sha256", "") for q in second.captured_queries]
    assert not any("snapshot" in sql for sql in reads)


def test_organisation_page_shows_the_new_title_when_a_new_version_takes_effect(
    client, world, registrar
):
    assert "Vital statistics services" in _body(client, _organisation_url("en"))
    public = world["public"]

    def retitle(agreement):
        agreement.title_en = "Civil registration services"
        agreement.save()

    amendment_signed(public, by=registrar, effective_date=datetime.date(2024, 1, 1), change=retitle)
    search.index_agreement(agreement_id=public.pk)

    body = _body(client, _organisation_url("en"))

    assert "Civil registration services" in body
    assert "Vital statistics services" not in body


def test_organisation_page_lists_partners_most_shared_first_with_names_marked_in_french(
    client, world
):
    quebec = JurisdictionFactory(name_en="Quebec", name_fr="", slug="quebec")
    ferry = OrganizationFactory(
        jurisdiction=quebec, name_en="Ferry Authority", name_fr="", slug="ferry"
    )
    for index in range(2):
        world["agreement"](text=f"Ferry obligation {index}", partner=ferry)

    view = accountability.organisation_view("service-new-brunswick")
    assert [(partner.slug, n) for partner, n in view.partners] == [("ferry", 2), ("health", 1)]
    assert isinstance(view.partners[0][0], accountability.Partner)
    body = _body(client, _organisation_url("fr"))
    partners = body[body.index('id="partners-heading"') :]
    fallback = '<span class="fallback">(en anglais seulement)</span>'
    assert (
        '<tr><th scope="row"><a href="/fr/jurisdictions/organisations/ferry/">'
        f'<span lang="en">Ferry Authority</span> {fallback}</a></th>'
        '<td><a href="/fr/jurisdictions/quebec/">'
        f'<span lang="en">Quebec</span> {fallback}</a></td><td class="numeric">2</td></tr>'
    ) in partners
    assert partners.index("ferry/") < partners.index("health/")
    assert '>Ministère de la Santé</a></th><td><a href="/fr/jurisdictions/new-brunswick/">' in (
        partners
    )
