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
