"""Planted secrets for the admin crawl: agreements a non-party must never read about, each
carrying a unique marker word, made the way staff make them (admin forms and lifecycle
services) so that Wagtail log entries, change history and versions exist too."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page

from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementVersion,
    Amendment,
    GovernanceBody,
    Party,
    Responsibility,
)
from agreements.services.amendments import amendment_open, amendment_start_negotiation
from cms.models import AgreementIndexPage
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position
from registry.audit import acting_as
from tests.admin.conftest import agreement_form_data, edit_form_data
from tests.factories import (
    LIFECYCLE_EFFECTIVE,
    LIFECYCLE_EXPIRY,
    LIFECYCLE_SIGNED,
    GovernanceBodyFactory,
    OrganizationFactory,
    ServiceAreaFactory,
    agreement_into_force,
    staffed_position,
)

DRAFT = "ZORBLAXDRAFT"
RESTRICTED = "QUIMBRESTRICTED"
WORKING_COPY = "VORPALWORKINGCOPY"
RELATION_TARGET = "GLIMMERRELTARGET"
MARKERS = (DRAFT, RESTRICTED, WORKING_COPY, RELATION_TARGET)


@dataclass
class Planted:
    """What the crawl walks: the markers' agreements, the crawler's own agreement (`source`,
    whose organisation is `organization`) and every id to fill admin URLs with."""

    organization: Organization
    source: Agreement
    registrar: object
    ids: dict[str, list] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)


def _party(organization, *, role=Party.Role.LEAD, signing=False):
    row = {"organization": organization.pk, "role": role}
    if signing:
        row.update(
            signatory_position=staffed_position(organization=organization).pk,
            signed_date=LIFECYCLE_SIGNED.isoformat(),
        )
    return row


def _responsibility(organization, text):
    return {
        "clause": "1.1",
        "kind": Responsibility.Kind.SERVICE_DELIVERY,
        "status": Responsibility.Status.ACTIVE,
        "text_en": text,
        "text_fr": f"{text} (fr)",
        "responsible_organization": organization.pk,
        "accountability_owner": staffed_position(organization=organization).pk,
        "recurrence": "none",
    }


def admin_create(client, **fields) -> Agreement:
    response = client.post(reverse("agreements:add"), agreement_form_data(**fields))
    assert response.status_code == 302, response.context["form"].errors
    return Agreement.objects.get(reference=fields["reference"])


def admin_edit(client, viewset: str, obj, **changes) -> None:
    url = reverse(f"{viewset}:edit", args=[obj.pk])
    data = edit_form_data(client, url)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors


def _draft(client) -> Agreement:
    organization = OrganizationFactory()
    draft = admin_create(
        client,
        reference=f"{DRAFT}-01",
        title_en=f"{DRAFT} border services",
        title_fr=f"{DRAFT} services frontaliers",
        summary_en=f"{DRAFT} summary",
        parties=[_party(organization)],
        responsibilities=[_responsibility(organization, f"{DRAFT} obligation")],
    )
    admin_edit(client, "agreements", draft, summary_en=f"{DRAFT} summary, second reading")
    admin_edit(client, "responsibilities", draft.responsibilities.get(), clause="1.2")
    admin_edit(client, "parties", draft.parties.get(), role=Party.Role.PARTY)
    return draft


def _restricted(client, registrar) -> Agreement:
    first, second = OrganizationFactory(), OrganizationFactory()
    restricted = admin_create(
        client,
        reference=f"{RESTRICTED}-01",
        title_en=f"{RESTRICTED} data exchange",
        summary_en=f"{RESTRICTED} summary",
        summary_fr=f"{RESTRICTED} résumé",
        visibility=Agreement.Visibility.RESTRICTED,
        effective_date=LIFECYCLE_EFFECTIVE.isoformat(),
        expiry_date=LIFECYCLE_EXPIRY.isoformat(),
        parties=[
            _party(first, signing=True),
            _party(second, role=Party.Role.PARTY, signing=True),
        ],
        responsibilities=[_responsibility(first, f"{RESTRICTED} obligation")],
    )
    return agreement_into_force(restricted, by=registrar)


def _working_copy(client, registrar) -> Agreement:
    """A public agreement in force whose open amendment changed the working copy."""
    agreement = agreement_into_force(by=registrar)
    amendment = amendment_open(
        agreement=agreement, by=registrar, title_en=f"{WORKING_COPY} amendment"
    )
    amendment_start_negotiation(amendment=amendment, by=registrar)
    admin_edit(
        client,
        "agreements",
        agreement,
        title_en=f"{WORKING_COPY} renegotiated title",
        summary_en=f"{WORKING_COPY} summary",
        **{"responsibilities-0-text_en": f"{WORKING_COPY} obligation"},
    )
    return agreement


def _relation(client, organization, hidden: Agreement) -> tuple[Agreement, AgreementRelation]:
    """The crawler's own agreement, related to a restricted agreement of others (the marker's
    target); a hidden draft is also related to the crawler's agreement."""
    target = admin_create(
        client,
        reference=f"{RELATION_TARGET}-01",
        title_en=f"{RELATION_TARGET} restricted funding",
        visibility=Agreement.Visibility.RESTRICTED,
        parties=[_party(OrganizationFactory())],
    )
    source = admin_create(
        client,
        reference="CRAWLER-OWN-01",
        title_en="The crawler's own agreement",
        parties=[_party(organization)],
        relations=[{"kind": AgreementRelation.Kind.IMPLEMENTS, "target": target.pk}],
    )
    relation = source.relations.get()
    admin_edit(client, "agreement_relations", relation, kind=AgreementRelation.Kind.AMENDS)
    with acting_as(None):
        AgreementRelation.objects.create(
            source=hidden, kind=AgreementRelation.Kind.RENEWS, target=source
        )
    return source, relation


def _ids(planted_agreements, registrar, crawler_ids) -> dict[str, list]:
    agreement_ids = [agreement.pk for agreement in planted_agreements]
    root = Page.get_first_root_node()
    pages = [Page.objects.type(AgreementIndexPage).first().pk]
    first = lambda model, n=2: list(model.objects.order_by("pk").values_list("pk", flat=True)[:n])  # noqa: E731
    return {
        "agreement": agreement_ids,
        "party": list(
            Party.objects.filter(agreement_id__in=agreement_ids).values_list("pk", flat=True)
        ),
        "responsibility": list(
            Responsibility.objects.filter(agreement_id__in=agreement_ids).values_list(
                "pk", flat=True
            )
        ),
        "relation": list(AgreementRelation.objects.values_list("pk", flat=True)),
        "version_number": sorted(set(AgreementVersion.objects.values_list("number", flat=True))),
        "amendment_number": sorted(set(Amendment.objects.values_list("number", flat=True))),
        "organisation": list(
            Organization.objects.filter(parties__agreement_id__in=agreement_ids)
            .distinct()
            .values_list("pk", flat=True)
        ),
        "jurisdiction": first(Jurisdiction),
        "position": first(Position),
        "person": first(Person),
        "appointment": first(Appointment),
        "governance_body": first(GovernanceBody),
        "user": [registrar.pk, *crawler_ids],
        "group": first(Group, 4),
        # The tree root and the agreement browser (the page that lists agreements).
        "page": [root.pk, *pages],
        "page_below_root": pages,
    }


def plant(client, registrar) -> Planted:
    """Plant the four markers as a registrar would, through the admin and the services."""
    client.force_login(registrar)
    organization = OrganizationFactory(name_en="Crawler's organisation")
    draft = _draft(client)
    restricted = _restricted(client, registrar)
    working_copy = _working_copy(client, registrar)
    source, _relation_row = _relation(client, organization, draft)
    ServiceAreaFactory()
    GovernanceBodyFactory()
    client.logout()
    assert ModelLogEntry.objects.filter(label__contains=DRAFT).exists()
    assert ModelLogEntry.objects.filter(label__contains=WORKING_COPY).exists()
    assert ModelLogEntry.objects.filter(label__contains=RELATION_TARGET).exists()
    agreements = [draft, restricted, working_copy, source.relations.get().target, source]
    return Planted(
        organization=organization,
        source=source,
        registrar=registrar,
        ids=_ids(agreements, registrar, []),
        references=[agreement.reference for agreement in agreements],
    )
