"""factory_boy factories for the registry's models. Traits give agreements in each state."""

import datetime

import factory
from django.contrib.auth import get_user_model

from agreements.models import Agreement, GovernanceBody, Party, Responsibility, ServiceArea
from jurisdictions.models import Appointment, Jurisdiction, Organization, Person, Position


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gc.ca")
    password = factory.django.Password("correct horse battery staple")
    is_active = True


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    name_en = factory.Sequence(lambda n: f"Province {n}")
    name_fr = factory.Sequence(lambda n: f"Province {n} (fr)")
    slug = factory.Sequence(lambda n: f"province-{n}")
    level = Jurisdiction.Level.PROVINCIAL


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    jurisdiction = factory.SubFactory(JurisdictionFactory)
    name_en = factory.Sequence(lambda n: f"Department {n}")
    name_fr = factory.Sequence(lambda n: f"Ministère {n}")
    slug = factory.Sequence(lambda n: f"department-{n}")
    kind = Organization.Kind.MINISTRY


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    organization = factory.SubFactory(OrganizationFactory)
    title_en = factory.Sequence(lambda n: f"Director {n}")
    title_fr = factory.Sequence(lambda n: f"Directeur {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Alex{n}")
    family_name = factory.Sequence(lambda n: f"Leblanc{n}")


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    position = factory.SubFactory(PositionFactory)
    start_date = datetime.date(2020, 1, 1)
    end_date = None


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"service-area-{n}")
    name_en = factory.Sequence(lambda n: f"Service area {n}")
    name_fr = factory.Sequence(lambda n: f"Secteur de service {n}")


class GovernanceBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceBody

    name_en = factory.Sequence(lambda n: f"Joint Committee {n}")
    name_fr = factory.Sequence(lambda n: f"Comité mixte {n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    title_en = factory.Sequence(lambda n: f"Service delivery agreement {n}")
    title_fr = factory.Sequence(lambda n: f"Entente de prestation de services {n}")
    summary_en = "Delivery of counter services on behalf of the department."
    summary_fr = "Prestation des services au comptoir pour le compte du ministère."
    agreement_type = Agreement.Type.SERVICE_DELIVERY
    state = Agreement.State.DRAFT
    visibility = Agreement.Visibility.PUBLIC

    class Params:
        in_force = factory.Trait(
            state=Agreement.State.IN_FORCE,
            signed_date=datetime.date(2021, 3, 15),
            effective_date=datetime.date(2021, 4, 1),
            expiry_date=datetime.date(2031, 3, 31),
        )
        restricted = factory.Trait(visibility=Agreement.Visibility.RESTRICTED)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    agreement = factory.SubFactory(AgreementFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Party.Role.PARTY


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    agreement = factory.SubFactory(AgreementFactory)
    responsible_party = factory.SubFactory(
        PartyFactory, agreement=factory.SelfAttribute("..agreement")
    )
    accountability_owner = factory.SubFactory(
        PositionFactory, organization=factory.SelfAttribute("..responsible_party.organization")
    )
    clause = factory.Sequence(lambda n: f"{n}.1")
    text_en = factory.Sequence(lambda n: f"Deliver service number {n} within ten business days.")
    text_fr = factory.Sequence(lambda n: f"Offrir le service numéro {n} en dix jours ouvrables.")


def staff_member(*, organization, role, **kwargs):
    """An active user in `organization`'s group for `role` (an OrganizationRole.Role), the
    groups being created as `organization_create` would."""
    from jurisdictions.roles import organization_groups_ensure

    user = UserFactory(**kwargs)
    user.groups.add(organization_groups_ensure(organization=organization)[role])
    return user


# --- Lifecycle: signed versions, amendments, reports ---------------------------------------------
# Versions only come from the lifecycle services (their snapshot and hash must be real), so there
# is no version factory: `agreement_into_force` and `amendment_signed` drive the services.

LIFECYCLE_SIGNED = datetime.date(2021, 3, 15)
LIFECYCLE_EFFECTIVE = datetime.date(2021, 4, 1)
LIFECYCLE_EXPIRY = datetime.date(2031, 3, 31)


def staffed_position(*, organization, since=datetime.date(2015, 1, 1), **kwargs):
    """A position in `organization` held by someone from `since`, open-ended."""
    position = PositionFactory(organization=organization, **kwargs)
    AppointmentFactory(position=position, start_date=since)
    return position


def agreement_ready(*, parties=2, responsibilities=2, **kwargs):
    """A draft agreement that passes every lifecycle guard: signing parties with staffed
    signatory positions and signature dates, responsibilities with staffed accountable positions,
    an effective date and an expiry date."""
    values = {
        "effective_date": LIFECYCLE_EFFECTIVE,
        "expiry_date": LIFECYCLE_EXPIRY,
        **kwargs,
    }
    agreement = AgreementFactory(**values)
    made = []
    for index in range(parties):
        organization = OrganizationFactory()
        made.append(
            PartyFactory(
                agreement=agreement,
                organization=organization,
                role=Party.Role.LEAD if index == 0 else Party.Role.PARTY,
                signatory_position=staffed_position(organization=organization),
                signed_date=LIFECYCLE_SIGNED,
                sort_order=index,
            )
        )
    for index in range(responsibilities):
        party = made[index % len(made)]
        ResponsibilityFactory(
            agreement=agreement,
            responsible_party=party,
            accountability_owner=staffed_position(organization=party.organization),
            sort_order=index,
        )
    return agreement


def agreement_into_force(agreement=None, *, by, **kwargs):
    """Take `agreement` (default: a new `agreement_ready(**kwargs)`) from draft to in force
    through the lifecycle services, which records version 1."""
    from agreements.services import lifecycle as services

    agreement = agreement or agreement_ready(**kwargs)
    for step in (
        services.agreement_open_negotiation,
        services.agreement_submit_for_review,
        services.agreement_approve,
        services.agreement_bring_into_force,
    ):
        agreement = step(agreement=agreement, by=by)
    return agreement


def amendment_signed(agreement, *, by, effective_date, change, signed_date=None, title="Amendment"):
    """Open an amendment, apply `change(agreement)` to the working copy while it is negotiated,
    and take it through review and approval to signature. Returns the new AgreementVersion."""
    from agreements.services import amendments as services

    amendment = services.amendment_open(agreement=agreement, by=by, title_en=title)
    amendment = services.amendment_start_negotiation(amendment=amendment, by=by)
    change(agreement)
    amendment = services.amendment_submit_for_review(amendment=amendment, by=by)
    amendment = services.amendment_approve(amendment=amendment, by=by)
    return services.amendment_sign(
        amendment=amendment,
        by=by,
        signed_date=signed_date or effective_date - datetime.timedelta(days=14),
        effective_date=effective_date,
    )


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Amendment"

    agreement = factory.SubFactory(AgreementFactory, in_force=True)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Amendment {n}: extends service hours")
    title_fr = factory.Sequence(lambda n: f"Modification {n} : prolonge les heures de service")
    opened_by = factory.SubFactory(UserFactory)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Report"

    responsibility = factory.SubFactory(ResponsibilityFactory)
    due_date = datetime.date(2024, 3, 31)
    period_start = datetime.date(2024, 1, 1)
    period_end = datetime.date(2024, 3, 31)
    status = "met"
    evidence = "92% of applications processed within ten business days."
    submitted_by = factory.SubFactory(UserFactory)


# --- Workspace: a portfolio with due, overdue, expiring, unowned and reviewable items ------------


def accountability_world(*, by):
    """A ministry with a branch under it and another department, parties to:
    - "WS-FORCE", in force 2021-04-01 to 2025-05-31 (90 days' notice): a quarterly obligation of
      the branch anchored 2024-06-30 (its 2024-06-30 report accepted), owned by "Director,
      Counters" (Alice Archer to 2023-12-31, then Bob Brown); a one-off due 2025-02-01 owned by
      the ministry's "Deputy Minister"; an annual one of the department owned by its "Other
      Director"; then, after signature, one with no accountable position and one whose
      position fell vacant on 2024-12-31;
    - "WS-REVIEW", under review;
    and an unrelated agreement "WS-ELSEWHERE" of two other organisations, in force.
    Returns the objects by name. Grants are synced, as the services would."""
    from agreements.models import Report
    from agreements.recurrence import Recurrence
    from agreements.services.parties import agreement_grants_sync

    ministry = OrganizationFactory(name_en="Ministry of Service", name_fr="Ministère du Service")
    branch = OrganizationFactory(parent=ministry, name_en="Service Branch", name_fr="Direction")
    department = OrganizationFactory(name_en="Partner Department", name_fr="Ministère partenaire")
    outsider = OrganizationFactory(name_en="Outside Agency", name_fr="Agence extérieure")

    def parties_of(agreement, organizations):
        return {
            org: PartyFactory(
                agreement=agreement,
                organization=org,
                signatory_position=staffed_position(organization=org),
                signed_date=LIFECYCLE_SIGNED,
                sort_order=index,
            )
            for index, org in enumerate(organizations)
        }

    counters = PositionFactory(organization=branch, title_en="Director, Counters")
    alice = PersonFactory(given_name="Alice", family_name="Archer")
    bob = PersonFactory(given_name="Bob", family_name="Brown")
    AppointmentFactory(
        position=counters,
        person=alice,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    AppointmentFactory(position=counters, person=bob, start_date=datetime.date(2024, 1, 1))

    in_force = AgreementFactory(
        reference="WS-FORCE",
        title_en="Counter services agreement",
        summary_fr="Prestation des services au comptoir pour le ministère.",
        effective_date=LIFECYCLE_EFFECTIVE,
        expiry_date=datetime.date(2025, 5, 31),
    )
    parties = parties_of(in_force, (branch, department))
    quarterly = ResponsibilityFactory(
        agreement=in_force,
        responsible_party=parties[branch],
        accountability_owner=counters,
        clause="4.1",
        text_en="Report quarterly on counter wait times.",
        recurrence=Recurrence.QUARTERLY,
        recurrence_anchor=datetime.date(2024, 6, 30),
        sort_order=1,
    )
    one_off = ResponsibilityFactory(
        agreement=in_force,
        responsible_party=parties[branch],
        accountability_owner=staffed_position(organization=ministry, title_en="Deputy Minister"),
        clause="4.2",
        text_en="Table the opening report.",
        due_date=datetime.date(2025, 2, 1),
        sort_order=2,
    )
    annual = ResponsibilityFactory(
        agreement=in_force,
        responsible_party=parties[department],
        accountability_owner=staffed_position(organization=department, title_en="Other Director"),
        clause="5.1",
        text_en="Publish the annual partner statement.",
        recurrence=Recurrence.ANNUAL,
        recurrence_anchor=datetime.date(2025, 3, 31),
        sort_order=3,
    )
    in_force = agreement_into_force(in_force, by=by)
    unowned = ResponsibilityFactory(
        agreement=in_force,
        responsible_party=parties[branch],
        accountability_owner=None,
        clause="6.1",
        text_en="Keep the counters open on Saturdays.",
        sort_order=4,
    )
    vacated = staffed_position(organization=branch, title_en="Manager, Vacated")
    vacated.appointments.update(end_date=datetime.date(2024, 12, 31))
    vacant = ResponsibilityFactory(
        agreement=in_force,
        responsible_party=parties[branch],
        accountability_owner=vacated,
        clause="6.2",
        text_en="Train counter staff every year.",
        sort_order=5,
    )
    report = Report.objects.create(
        responsibility=quarterly,
        due_date=datetime.date(2024, 6, 30),
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2024, 6, 30),
        status=Report.Status.MET,
        evidence="Wait times under ten minutes.",
        submitted_by=by,
        submitted_at=datetime.datetime(2024, 7, 10, 12, tzinfo=datetime.UTC),
        decision=Report.Decision.ACCEPTED,
    )

    in_review = AgreementFactory(
        reference="WS-REVIEW",
        title_en="Data sharing agreement",
        state="review",
        effective_date=datetime.date(2025, 4, 1),
        expiry_date=datetime.date(2030, 3, 31),
    )
    parties_of(in_review, (branch, department))

    elsewhere = agreement_ready(
        reference="WS-ELSEWHERE",
        responsibilities=1,
        summary_fr="Prestation des services au comptoir pour le ministère.",
    )
    elsewhere = agreement_into_force(elsewhere, by=by)

    for agreement in (in_force, in_review, elsewhere):
        agreement_grants_sync(agreement=agreement)
    return {
        "ministry": ministry,
        "branch": branch,
        "department": department,
        "outsider": outsider,
        "in_force": in_force,
        "in_review": in_review,
        "elsewhere": elsewhere,
        "counters": counters,
        "quarterly": quarterly,
        "one_off": one_off,
        "annual": annual,
        "unowned": unowned,
        "vacant": vacant,
        "report": report,
    }


# --- Approval per signing party, and the jurisdictions' approval gates ---------------------------


class ApprovalGateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.ApprovalGate"

    jurisdiction = factory.SubFactory(JurisdictionFactory)


class ApprovalStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.ApprovalStep"

    gate = factory.SubFactory(ApprovalGateFactory)
    label_en = "Order in Council"
    label_fr = "Décret"
    reference_required = True
    date_required = True


def agreement_under_review(agreement=None, *, by, **kwargs):
    """`agreement` (default: a new `agreement_ready(**kwargs)`) with its parties' groups granted,
    taken from draft to review through the lifecycle services (review round 1)."""
    from agreements.services import lifecycle as services
    from agreements.services.parties import agreement_grants_sync

    agreement = agreement or agreement_ready(**kwargs)
    agreement_grants_sync(agreement=agreement)
    agreement = services.agreement_open_negotiation(agreement=agreement, by=by)
    return services.agreement_submit_for_review(agreement=agreement, by=by)


class FinancialCommitmentFactory(factory.django.DjangoModelFactory):
    """A sum one party of the agreement commits to another (give `agreement`, `funder` and
    `recipient`, both organisations of its parties)."""

    class Meta:
        model = "agreements.FinancialCommitment"

    amount = "1000000.00"
    currency = "CAD"
    period = "total"
    description_en = "Capital funding"
    description_fr = "Financement d’immobilisations"


class SignatoryFactory(factory.django.DjangoModelFactory):
    """A further office signing for a party (give `party`; the position is in its organisation
    and held from 2015)."""

    class Meta:
        model = "agreements.Signatory"

    position = factory.LazyAttribute(lambda o: staffed_position(organization=o.party.organization))
