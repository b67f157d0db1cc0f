"""Data for the permission tests: a small government, its staff, and agreements in every state.

`Cast` is one party organisation (a branch under a ministry, so the ministry's minister's office
sees it as portfolio) plus an unrelated organisation, with one user per role.
"""

import datetime
from dataclasses import dataclass, field

from agreements import search
from agreements.models import Agreement, AgreementRelation, AgreementVersion, Amendment, Party
from agreements.services.parties import agreement_grants_sync
from agreements.services.versions import version_record
from jurisdictions.models import Organization, OrganizationRole
from jurisdictions.roles import registrars_group_ensure
from tests.factories import (
    AgreementFactory,
    JurisdictionFactory,
    OrganizationFactory,
    PartyFactory,
    ResponsibilityFactory,
    UserFactory,
    staff_member,
)

LIAISON = OrganizationRole.Role.LIAISON
MINISTER = OrganizationRole.Role.MINISTER

# States in which an agreement has been signed, so it carries a version the public may read.
SIGNED_STATES = frozenset(
    {
        Agreement.State.IN_FORCE,
        Agreement.State.EXPIRED,
        Agreement.State.TERMINATED,
        Agreement.State.SUPERSEDED,
    }
)
STATE_DATES = {
    Agreement.State.IN_FORCE: (datetime.date(2021, 4, 1), datetime.date(2031, 3, 31)),
    Agreement.State.EXPIRED: (datetime.date(2015, 4, 1), datetime.date(2020, 3, 31)),
    Agreement.State.TERMINATED: (datetime.date(2016, 4, 1), datetime.date(2026, 3, 31)),
    Agreement.State.SUPERSEDED: (datetime.date(2017, 4, 1), datetime.date(2027, 3, 31)),
}


def publish(agreement: Agreement, *, by) -> AgreementVersion:
    """Record version 1 of `agreement` from its working copy, as signing does."""
    return version_record(agreement=agreement, by=by, effective_date=agreement.effective_date)


@dataclass
class Cast:
    ministry: Organization
    party: Organization
    other: Organization
    users: dict[str, object] = field(default_factory=dict)


def cast() -> Cast:
    """The organisations and one user per role of the permission matrix."""
    jurisdiction = JurisdictionFactory()
    ministry = OrganizationFactory(jurisdiction=jurisdiction, name_en="Ministry of Service")
    party = OrganizationFactory(
        jurisdiction=jurisdiction, parent=ministry, name_en="Service Delivery Branch"
    )
    other = OrganizationFactory(name_en="Unrelated Department")
    registrar = UserFactory(username="matrix-registrar", is_staff=True)
    registrar.groups.add(registrars_group_ensure())
    users = {
        "anonymous": None,
        "registrar": registrar,
        "liaison_party": staff_member(organization=party, role=LIAISON, username="liaison-party"),
        "liaison_other": staff_member(organization=other, role=LIAISON, username="liaison-other"),
        "minister_party": staff_member(
            organization=party, role=MINISTER, username="minister-party"
        ),
        "minister_portfolio": staff_member(
            organization=ministry, role=MINISTER, username="minister-portfolio"
        ),
        "minister_other": staff_member(
            organization=other, role=MINISTER, username="minister-other"
        ),
        "inactive": staff_member(
            organization=party, role=LIAISON, username="inactive-liaison", is_active=False
        ),
    }
    return Cast(ministry=ministry, party=party, other=other, users=users)


def agreement_in(
    state: str, visibility: str, *, cast: Cast, reference: str | None = None, sign: bool = True
) -> Agreement:
    """An agreement in `state` with `cast.party` as lead party, its grants synced, and (unless
    `sign` is False) a version when the state means it was signed."""
    dates = STATE_DATES.get(state, (None, None))
    agreement = AgreementFactory(
        state=state,
        visibility=visibility,
        effective_date=dates[0],
        expiry_date=dates[1],
        reference=reference or f"M-{state.upper().replace('_', '-')}-{visibility.upper()}",
    )
    PartyFactory(agreement=agreement, organization=cast.party, role=Party.Role.LEAD)
    agreement_grants_sync(agreement=agreement)
    if sign and state in SIGNED_STATES:
        publish(agreement, by=cast.users["registrar"])
    return agreement


# The matrix's stages: every agreement state, plus an agreement in force whose amendment is being
# negotiated (content editable again) or is under review (the minister's office may approve).
AMENDMENT_NEGOTIATION = "in_force+amendment_negotiation"
AMENDMENT_REVIEW = "in_force+amendment_review"
MATRIX_STAGES = (*Agreement.State.values, AMENDMENT_NEGOTIATION, AMENDMENT_REVIEW)


@dataclass
class World:
    """Everything the URL matrix requests: per (stage, visibility) one agreement with a lead
    party, a second party, a responsibility and a related agreement."""

    cast: Cast
    agreements: dict[tuple[str, str], Agreement]
    parties: dict[tuple[str, str], Party]
    responsibilities: dict[tuple[str, str], object]
    relations: dict[tuple[str, str], object]


def matrix_world() -> World:
    people = cast()
    partner = OrganizationFactory(name_en="Partner Agency")
    anchor = AgreementFactory(reference="M-ANCHOR", state=Agreement.State.DRAFT)
    PartyFactory(agreement=anchor, organization=people.party, role=Party.Role.LEAD)
    agreement_grants_sync(agreement=anchor)
    world = World(cast=people, agreements={}, parties={}, responsibilities={}, relations={})
    for stage in MATRIX_STAGES:
        state, _plus, amendment = stage.partition("+amendment_")
        for visibility in Agreement.Visibility.values:
            key = (stage, visibility)
            # Same-length references, so that none is part of another in a page's text.
            reference = f"MX{len(world.agreements):02d}"
            agreement = agreement_in(
                state, visibility, cast=people, reference=reference, sign=False
            )
            lead = agreement.parties.get()
            world.parties[key] = PartyFactory(agreement=agreement, organization=partner)
            world.responsibilities[key] = ResponsibilityFactory(
                agreement=agreement, responsible_party=lead
            )
            world.relations[key] = AgreementRelation.objects.create(
                source=agreement, kind=AgreementRelation.Kind.IMPLEMENTS, target=anchor
            )
            if state in SIGNED_STATES:
                publish(agreement, by=people.users["registrar"])
            if amendment:
                Amendment.objects.create(
                    agreement=agreement,
                    number=1,
                    title_en="Adds passport photos",
                    state=amendment,
                    opened_by=people.users["registrar"],
                )
            agreement_grants_sync(agreement=agreement)
            # As the on-commit hook does after a real commit (the public browser reads it).
            search.index_agreement(agreement_id=agreement.pk)
            world.agreements[key] = agreement
    return world
