"""Writes for jurisdictions, organisations, positions and appointments.

Every function validates with `full_clean()` (the rules live on the models) and attributes the
history row to the acting user, so commands, tasks and web requests leave the same audit trail.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registry.audit import attribute

from .models import Appointment, Jurisdiction, Organization, Person, Position
from .roles import organization_groups_ensure

APPOINTMENT_ALREADY_ENDED = _("This appointment already ended on {end}.")


@transaction.atomic
def jurisdiction_create(
    *,
    name_en: str,
    slug: str,
    level: str,
    by: AbstractBaseUser,
    name_fr: str = "",
    parent: Jurisdiction | None = None,
    ocd_division_id: str | None = None,
    iso_code: str | None = None,
) -> Jurisdiction:
    """Record a government. Raises ValidationError when an identifier is malformed or taken."""
    jurisdiction = Jurisdiction(
        name_en=name_en,
        name_fr=name_fr,
        slug=slug,
        level=level,
        parent=parent,
        ocd_division_id=ocd_division_id or None,
        iso_code=iso_code or None,
    )
    jurisdiction.full_clean()
    attribute(jurisdiction, user=by, reason="created")
    jurisdiction.save()
    return jurisdiction


@transaction.atomic
def organization_create(
    *,
    jurisdiction: Jurisdiction,
    name_en: str,
    slug: str,
    kind: str,
    by: AbstractBaseUser,
    name_fr: str = "",
    parent: Organization | None = None,
    acronym_en: str = "",
    acronym_fr: str = "",
    website: str = "",
) -> Organization:
    """Record a body inside a jurisdiction, with its staff role groups (liaison officers,
    minister's office) created in the same transaction. Raises ValidationError on invalid or
    duplicate data."""
    organization = Organization(
        jurisdiction=jurisdiction,
        name_en=name_en,
        name_fr=name_fr,
        slug=slug,
        kind=kind,
        parent=parent,
        acronym_en=acronym_en,
        acronym_fr=acronym_fr,
        website=website,
    )
    organization.full_clean()
    attribute(organization, user=by, reason="created")
    organization.save()
    organization_groups_ensure(organization=organization)
    return organization


@transaction.atomic
def position_create(
    *,
    organization: Organization,
    title_en: str,
    by: AbstractBaseUser,
    title_fr: str = "",
    single_holder: bool = True,
) -> Position:
    """Record an office inside an organisation. Raises ValidationError on invalid data."""
    position = Position(
        organization=organization,
        title_en=title_en,
        title_fr=title_fr,
        single_holder=single_holder,
    )
    position.full_clean()
    attribute(position, user=by, reason="created")
    position.save()
    return position


@transaction.atomic
def appointment_create(
    *,
    person: Person,
    position: Position,
    start_date: datetime.date,
    by: AbstractBaseUser,
    end_date: datetime.date | None = None,
    acting: bool = False,
) -> Appointment:
    """Appoint `person` to `position` for a period.

    The position row is locked first, so two concurrent appointments to a single-holder position
    are checked one after the other and cannot both succeed (on PostgreSQL; SQLite serialises
    writers anyway). Raises ValidationError when the period ends before it starts or overlaps
    another holder's period of a single-holder position.
    """
    position = Position.objects.select_for_update().get(pk=position.pk)
    appointment = Appointment(
        person=person, position=position, start_date=start_date, end_date=end_date, acting=acting
    )
    appointment.full_clean()
    attribute(appointment, user=by, reason="appointed")
    appointment.save()
    return appointment


@transaction.atomic
def appointment_end(
    *, appointment: Appointment, end_date: datetime.date, by: AbstractBaseUser
) -> Appointment:
    """Record the last day in office of a current appointment.

    Locks the position as `appointment_create` does. Raises ValidationError when the
    appointment has already ended or `end_date` is before its start.
    """
    Position.objects.select_for_update().get(pk=appointment.position_id)
    appointment = Appointment.objects.select_related("position").get(pk=appointment.pk)
    if appointment.end_date is not None:
        raise ValidationError(
            {"end_date": APPOINTMENT_ALREADY_ENDED.format(end=appointment.end_date.isoformat())}
        )
    appointment.end_date = end_date
    appointment.full_clean()
    attribute(appointment, user=by, reason="appointment ended")
    appointment.save()
    return appointment
