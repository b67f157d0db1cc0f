"""The read model of the published registry (agreements.published_read_model) stays equal to the
one rule, `Agreement.objects.published()`, after every kind of change, and what it drops
disappears from the browser, search and facets at once."""

import datetime
from collections import Counter
from functools import partial
from itertools import combinations

import pytest
from django.db import transaction
from django.utils import timezone

from agreements import published_read_model as read_model
from agreements.models import (
    Agreement,
    Party,
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    PublishedPairCount,
)
from agreements.search import index_agreement
from agreements.services.amendments import amendment_open, amendment_start_negotiation
from agreements.services.lifecycle import agreement_expire
from agreements.services.parties import party_add
from jurisdictions.models import Jurisdiction
from tests.factories import (
    JurisdictionFactory,
    OrganizationFactory,
    agreement_into_force,
    agreement_ready,
    amendment_signed,
    staffed_position,
)

pytestmark = pytest.mark.django_db


def _published_state() -> dict[int, tuple[int, str]]:
    """What the one rule says, worked out without the read model: {agreement: (current
    version, state)}."""
    result = {}
    for agreement in Agreement.objects.published():
        versions = agreement.versions.filter(effective_date__lte=timezone.localdate())
        result[agreement.pk] = (versions.order_by("-number").first().pk, agreement.state)
    return result


def _published_pairs() -> dict[tuple[str, str], int]:
    """The jurisdiction pair counts worked out without the read model: for each agreement the
    rule publishes, the jurisdictions of the parties in the version the public reads (the
    latest in effect), by their slugs today; each agreement once per two of them."""
    slugs = dict(Jurisdiction.objects.values_list("pk", "slug"))
    pairs: Counter = Counter()
    for agreement in Agreement.objects.published():
        version = (
            agreement.versions.filter(effective_date__lte=timezone.localdate())
            .order_by("-number")
            .first()
        )
        held = {
            slugs[party["organization"]["jurisdiction"]["id"]]
            for party in version.snapshot["parties"]
        }
        pairs.update(combinations(sorted(held), 2))
    return dict(pairs)


def stored_pairs() -> dict[tuple[str, str], int]:
    counts = list(PublishedPairCount.objects.values_list("first", "second", "agreements"))
    assert all(n >= 0 for _first, _second, n in counts)
    return {(first, second): n for first, second, n in counts if n}


def assert_read_model_equals_published() -> None:
    read_model.refresh_due()
    rows = {
        row.pk: (row.version_id, row.state)
        for row in PublishedAgreement.objects.filter(public=True)
    }
    assert rows == _published_state()
    links = Counter(PublishedFacet.objects.values_list("facet", "value"))
    stored = {
        (c.facet, c.value): c.agreements for c in PublishedFacetCount.objects.all() if c.agreements
    }
    assert stored == dict(links)
    assert set(PublishedFacet.objects.values_list("agreement_id", flat=True)) <= set(rows)
    assert stored_pairs() == _published_pairs()


def _longer_notice(agreement) -> None:
    agreement.notice_period_days = 120
    agreement.save(update_fields=["notice_period_days", "updated_at"])


def _restrict(agreement, capture) -> None:
    """What the agreement edit view does: save the visibility, refresh the index on commit."""
    with capture(execute=True):
        agreement.visibility = Agreement.Visibility.RESTRICTED
        agreement.save()
        transaction.on_commit(partial(index_agreement, agreement_id=agreement.pk))


def test_read_model_equals_published_after_every_kind_of_change(
    publish, registrar, monkeypatch, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    today = timezone.localdate()
    # Published: two agreements, one that expires next.
    kept = publish(title_en="Kept accord")
    expiring = publish(title_en="Expiring accord", expiry_date=datetime.date(2022, 3, 31))
    assert_read_model_equals_published()
    assert PublishedAgreement.objects.filter(public=True).count() == 2

    # Restricted.
    restricted = publish(title_en="Soon restricted accord")
    assert_read_model_equals_published()
    _restrict(restricted, capture)
    assert_read_model_equals_published()
    assert not PublishedAgreement.objects.filter(pk=restricted.pk, public=True).exists()

    # Expired: the state facet follows.
    with capture(execute=True):
        agreement_expire(agreement=expiring, by=registrar)
    assert_read_model_equals_published()
    assert PublishedAgreement.objects.get(pk=expiring.pk).state == Agreement.State.EXPIRED
    assert PublishedFacet.objects.filter(agreement_id=expiring.pk, facet="state").get().value == (
        "expired"
    )

    # Amendment opened, a party added to the working copy: the public still sees the signed
    # version, so the newcomer is in no facet.
    newcomer = OrganizationFactory(jurisdiction=JurisdictionFactory(name_en="Newcomer Land"))
    with capture(execute=True):
        amendment = amendment_open(agreement=kept, by=registrar, title_en="Adds a party")
        amendment_start_negotiation(amendment=amendment, by=registrar)
        party_add(
            agreement=kept,
            organization=newcomer,
            by=registrar,
            signatory_position=staffed_position(organization=newcomer),
        )
        read_model.read_model_refresh([kept.pk])  # a refresh now must not read the working copy
    assert_read_model_equals_published()
    assert not PublishedFacet.objects.filter(facet="organization", value=newcomer.slug).exists()

    # A version signed with a later effective date, and an agreement whose first version takes
    # effect later: neither is public until its day, and both are on that day, before any
    # daily job has run.
    later = today + datetime.timedelta(days=10)
    pending = publish(title_en="Pending accord", effective_date=later)
    other = publish(title_en="Amended later accord")
    with capture(execute=True):
        future_version = amendment_signed(
            other,
            by=registrar,
            effective_date=later,
            change=_longer_notice,
        )
    assert_read_model_equals_published()
    assert not PublishedAgreement.objects.filter(pk=pending.pk, public=True).exists()
    assert PublishedAgreement.objects.get(pk=other.pk).version_id != future_version.pk

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    assert_read_model_equals_published()
    assert PublishedAgreement.objects.filter(pk=pending.pk, public=True).exists()
    assert PublishedAgreement.objects.get(pk=other.pk).version_id == future_version.pk


def test_rebuild_gives_the_same_rows_as_the_refreshes(publish):
    first = publish(title_en="Écoles rurales")
    publish(title_en="Zebra crossings")
    before = list(PublishedAgreement.objects.order_by("pk").values())
    links_before = sorted(PublishedFacet.objects.values_list("agreement_id", "facet", "value"))
    pairs_before = stored_pairs()
    assert sorted(pairs_before.values()) == [1, 1]  # each agreement's two jurisdictions
    assert read_model.read_model_rebuild() == 2
    assert list(PublishedAgreement.objects.order_by("pk").values()) == before
    assert sorted(PublishedFacet.objects.values_list("agreement_id", "facet", "value")) == (
        links_before
    )
    assert PublishedAgreement.objects.get(pk=first.pk).title_en_key == "ecoles rurales"
    assert stored_pairs() == pairs_before
    assert_read_model_equals_published()


def test_daily_repair_finds_rows_a_bulk_update_left_behind(publish):
    agreement = publish()
    # A bulk update sends no signal and calls no hook.
    Agreement.objects.filter(pk=agreement.pk).update(visibility=Agreement.Visibility.RESTRICTED)
    assert PublishedAgreement.objects.filter(pk=agreement.pk, public=True).exists()
    assert read_model.read_model_refresh_stale() == 1
    assert not PublishedAgreement.objects.filter(pk=agreement.pk, public=True).exists()
    assert_read_model_equals_published()


def test_restricted_agreement_leaves_browser_search_and_facets_at_once(
    client, publish, django_capture_on_commit_callbacks
):
    jurisdiction = JurisdictionFactory(name_en="Quokka Island", slug="quokka-island")
    organization = OrganizationFactory(jurisdiction=jurisdiction, name_en="Quokka Office")
    agreement = agreement_ready(title_en="Marsupial ferry accord")
    # The draft's first party becomes the island's office before signing.
    Party.objects.filter(pk=agreement.parties.order_by("pk").first().pk).update(
        organization=organization
    )
    agreement = publish(agreement=agreement)
    publish(title_en="Unrelated accord")

    def facet_count(response, facet, value):
        found = next(f for f in response.context["facets"] if f.name == facet)
        return {o.value: o.count for o in found.options}.get(value, 0)

    browser = client.get("/en/agreements/")
    assert agreement.reference in browser.content.decode()
    assert facet_count(browser, "jurisdiction", "quokka-island") == 1
    search = client.get("/en/agreements/", {"q": "marsupial"})
    assert [v.agreement_id for v in search.context["results"].versions] == [agreement.pk]

    _restrict(agreement, django_capture_on_commit_callbacks)

    browser = client.get("/en/agreements/")
    assert agreement.reference not in browser.content.decode()
    assert browser.context["results"].total == 1
    assert facet_count(browser, "jurisdiction", "quokka-island") == 0
    search = client.get("/en/agreements/", {"q": "marsupial"})
    assert search.context["results"].total == 0
    assert agreement.reference not in search.content.decode()
    filtered = client.get("/en/agreements/", {"jurisdiction": "quokka-island"})
    assert filtered.context["results"].total == 0
    home = client.get("/en/").content.decode()
    assert "Quokka Island" not in home


def test_organisation_slug_change_moves_the_facet_value(publish):
    from jurisdictions.signals import organization_changed_send

    agreement = publish()
    organization = agreement.parties.order_by("pk").first().organization
    old = organization.slug
    organization.slug = "renamed-office"
    organization.save()
    organization_changed_send(organization=organization, changed_fields=["slug"])

    values = set(
        PublishedFacet.objects.filter(agreement_id=agreement.pk, facet="organization").values_list(
            "value", flat=True
        )
    )
    assert "renamed-office" in values
    assert old not in values
    assert_read_model_equals_published()


def _slugs_paired() -> dict[tuple[str, str], int]:
    """The stored pairs among the test's own jurisdictions (the factories add others)."""
    ours = {"ashby", "brill", "corran", "dunmore", "corran-isle"}
    return {pair: n for pair, n in stored_pairs().items() if set(pair) <= ours}


def test_pair_counts_follow_signing_amendments_restriction_and_a_renamed_slug(
    registrar, monkeypatch, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    ashby, brill, corran, dunmore = (
        JurisdictionFactory(name_en=slug.title(), slug=slug)
        for slug in ("ashby", "brill", "corran", "dunmore")
    )

    def publish_among(*jurisdictions):
        agreement = agreement_ready(parties=len(jurisdictions))
        for party, jurisdiction in zip(
            agreement.parties.order_by("sort_order"), jurisdictions, strict=True
        ):
            party.organization.jurisdiction = jurisdiction
            party.organization.save()
        with capture(execute=True):
            agreement_into_force(agreement, by=registrar)
        index_agreement(agreement_id=agreement.pk)
        return agreement

    def add_party_in(jurisdiction):
        def change(agreement):
            organization = OrganizationFactory(jurisdiction=jurisdiction)
            party_add(
                agreement=agreement,
                organization=organization,
                by=registrar,
                signatory_position=staffed_position(organization=organization),
            )
            agreement.parties.filter(organization=organization).update(
                signed_date=datetime.date(2021, 3, 1)
            )

        return change

    two = publish_among(ashby, brill)
    three = publish_among(brill, corran, ashby)
    # Two parties in one jurisdiction: the agreement counts once for the pair, never for itself.
    doubled = publish_among(brill, ashby, ashby)
    assert _slugs_paired() == {
        ("ashby", "brill"): 3,
        ("ashby", "corran"): 1,
        ("brill", "corran"): 1,
    }
    assert_read_model_equals_published()

    # An amendment in effect at once adds Corran to the first agreement.
    today = timezone.localdate()
    with capture(execute=True):
        amendment_signed(two, by=registrar, effective_date=today, change=add_party_in(corran))
    assert _slugs_paired() == {
        ("ashby", "brill"): 3,
        ("ashby", "corran"): 2,
        ("brill", "corran"): 2,
    }
    assert_read_model_equals_published()

    # One that adds Dunmore later changes nothing until its day, then counts three new pairs.
    later = today + datetime.timedelta(days=10)
    with capture(execute=True):
        amendment_signed(three, by=registrar, effective_date=later, change=add_party_in(dunmore))
    assert_read_model_equals_published()
    assert ("ashby", "dunmore") not in _slugs_paired()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    assert_read_model_equals_published()
    assert _slugs_paired() == {
        ("ashby", "brill"): 3,
        ("ashby", "corran"): 2,
        ("ashby", "dunmore"): 1,
        ("brill", "corran"): 2,
        ("brill", "dunmore"): 1,
        ("corran", "dunmore"): 1,
    }

    # Restricted: its pair loses it.
    _restrict(doubled, capture)
    assert _slugs_paired()[("ashby", "brill")] == 2
    assert_read_model_equals_published()

    # Corran's slug renamed by a bulk update; the daily repair moves its pairs, and "corran-isle"
    # sorts after "brill" but before "dunmore".
    Jurisdiction.objects.filter(pk=corran.pk).update(slug="corran-isle")
    read_model.read_model_refresh_stale()
    assert _slugs_paired() == {
        ("ashby", "brill"): 2,
        ("ashby", "corran-isle"): 2,
        ("ashby", "dunmore"): 1,
        ("brill", "corran-isle"): 2,
        ("brill", "dunmore"): 1,
        ("corran-isle", "dunmore"): 1,
    }
    assert_read_model_equals_published()

    # A rebuild counts the same pairs again from the facet rows.
    before = stored_pairs()
    read_model.read_model_rebuild()
    assert stored_pairs() == before
    assert_read_model_equals_published()
