"""Governments and who works in them: jurisdictions, organisations, positions, people, appointments.

Accountability in the registry belongs to positions, so it survives people changing jobs;
appointments answer "who held this position on date D".
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.bilingual import BilingualMixin
from registry.concurrency import REVISION_FIELD, EditRevisionModel

from .validators import identifier_errors, validate_iso_3166_code, validate_ocd_division_id

APPOINTMENT_ENDS_BEFORE_START = _("An appointment cannot end before it starts.")
APPOINTMENT_OVERLAPS = _(
    "This position has a single holder and is already held by {holder} from {start} to {end}."
)
JURISDICTION_OWN_ANCESTOR = _("A jurisdiction cannot be its own parent or ancestor.")
POSITION_TITLE_TAKEN = _("This organisation already has a position with this English title.")
ORGANIZATION_OWN_ANCESTOR = _("An organisation cannot be its own parent or ancestor.")
ORGANIZATION_ENDS_BEFORE_START = _("An organisation cannot end before it was established.")
SUCCESSION_NEEDS_SUCCESSOR = _("A renamed, merged or split organisation needs its successor.")
DISSOLVED_HAS_NO_SUCCESSOR = _("A dissolved organisation has no successor.")
SUCCESSOR_IS_PREDECESSOR = _("An organisation cannot succeed itself.")
PARENT_PERIOD_ENDS_BEFORE_START = _("A period under a parent cannot end before it starts.")


def is_own_ancestor(node) -> bool:
    """True when following `parent` from `node` leads back to it (a cycle in the tree)."""
    ancestor, seen = node.parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if node.pk is not None and ancestor.pk == node.pk:
            return True
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    return False


class JurisdictionQuerySet(models.QuerySet):
    def roots(self):
        return self.filter(parent__isnull=True)

    def at_level(self, level):
        return self.filter(level=level)


class Jurisdiction(BilingualMixin, models.Model):
    """A government with its own territory, e.g. the Province of New Brunswick (CA-NB)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("Federal / national")
        PROVINCIAL = "provincial", _("Provincial")
        TERRITORIAL = "territorial", _("Territorial")
        STATE = "state", _("State")
        REGIONAL = "regional", _("Regional")
        MUNICIPAL = "municipal", _("Municipal")
        INDIGENOUS = "indigenous", _("Indigenous government")

    name_en = models.CharField(
        _("name (English)"),
        max_length=200,
        help_text=_("Official name in English, e.g. “Province of New Brunswick”."),
    )
    name_fr = models.CharField(
        _("name (French)"),
        max_length=200,
        blank=True,
        help_text=_("Official name in French, e.g. “Province du Nouveau-Brunswick”."),
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text=_("Short address used in public URLs, e.g. “new-brunswick”."),
    )
    level = models.CharField(
        max_length=20, choices=Level.choices, help_text=_("Order of government.")
    )
    parent = models.ForeignKey(
        "self",
        # PROTECT: removing a country must not silently remove its provinces and their agreements.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The jurisdiction this one sits inside, e.g. Canada for New Brunswick."),
    )
    ocd_division_id = models.CharField(
        _("Open Civic Data division id"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_ocd_division_id],
        help_text=_("e.g. ocd-division/country:ca/province:nb. Leave empty when none exists."),
    )
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_iso_3166_code],
        help_text=_("ISO 3166-1 or 3166-2 code, e.g. CA or CA-NB. Leave empty when none exists."),
    )
    history = HistoricalRecords()

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self):
        return self.localized("name")

    def save(self, *args, **kwargs):
        # Empty identifiers are stored as NULL so that uniqueness applies only to real ones.
        self.ocd_division_id = self.ocd_division_id or None
        self.iso_code = self.iso_code or None
        super().save(*args, **kwargs)

    def clean(self):
        errors = identifier_errors(ocd_division_id=self.ocd_division_id, iso_code=self.iso_code)
        if is_own_ancestor(self):
            errors["parent"] = JURISDICTION_OWN_ANCESTOR
        if errors:
            raise ValidationError(errors)

    def ancestors(self) -> list["Jurisdiction"]:
        """From the root (country) down to this jurisdiction's parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class OrganizationQuerySet(models.QuerySet):
    def in_jurisdiction(self, jurisdiction):
        return self.filter(jurisdiction=jurisdiction)

    def with_descendant_ids(self, organization_ids) -> set[int]:
        """The organisations given and every organisation below them (one query per level)."""
        return self._walk(set(organization_ids), "parent_id", "pk")

    def with_ancestor_ids(self, organization_ids) -> set[int]:
        """The organisations given and every organisation above them (one query per level)."""
        return self._walk(set(organization_ids), "pk", "parent_id")

    def _walk(self, found: set[int], match: str, step: str) -> set[int]:
        frontier = set(found)
        while frontier:
            reached = set(
                self.filter(**{f"{match}__in": frontier})
                .exclude(**{f"{step}__isnull": True})
                .values_list(step, flat=True)
            )
            frontier = reached - found
            found |= frontier
        return found


class Organization(BilingualMixin, EditRevisionModel):
    """A body inside a jurisdiction, e.g. Service New Brunswick (a Crown corporation of NB)."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry / department")
        AGENCY = "agency", _("Agency")
        CROWN_CORPORATION = "crown_corporation", _("Crown corporation")
        SERVICE_DELIVERY = "service_delivery", _("Service-delivery organisation")
        MUNICIPAL_GOVERNMENT = "municipal_government", _("Municipal government")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
        PRIVATE_PARTNER = "private_partner", _("Private-sector partner")
        NON_GOVERNMENT = "non_government", _("Non-government organisation")
        MUNICIPAL_ASSOCIATION = "municipal_association", _("Municipal association")
        INTERMUNICIPAL = "intermunicipal", _("Intermunicipal body")

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        # PROTECT: an organisation's agreements outlive any accidental jurisdiction deletion.
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("The government this body belongs to."),
    )
    parent = models.ForeignKey(
        "self",
        # PROTECT: a department's sub-units keep their accountability chain.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The organisation this one reports to, if any (e.g. a branch's ministry)."),
    )
    name_en = models.CharField(
        _("name (English)"), max_length=250, help_text=_("Official name in English.")
    )
    name_fr = models.CharField(
        _("name (French)"), max_length=250, blank=True, help_text=_("Official name in French.")
    )
    acronym_en = models.CharField(
        _("acronym (English)"), max_length=30, blank=True, help_text=_("e.g. SNB, ESDC.")
    )
    acronym_fr = models.CharField(
        _("acronym (French)"), max_length=30, blank=True, help_text=_("e.g. SNB, EDSC.")
    )
    slug = models.SlugField(
        max_length=120, unique=True, help_text=_("Short address used in public URLs.")
    )
    kind = models.CharField(
        max_length=30, choices=Kind.choices, help_text=_("What sort of body this is.")
    )
    website = models.URLField(blank=True, help_text=_("Official website, if any."))
    owners = models.ManyToManyField(
        Jurisdiction,
        blank=True,
        related_name="owned_organizations",
        help_text=_(
            "For an intermunicipal body: the municipalities that own it together, e.g. Moncton, "
            "Dieppe and Riverview for TransAqua."
        ),
    )
    start_date = models.DateField(
        null=True,
        blank=True,
        help_text=_("The day the organisation was established, if known."),
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "Its last day of existence (renamed, merged, split or dissolved); empty while it "
            "exists. Set by recording a succession."
        ),
    )
    # The owners are history too: which municipalities owned an intermunicipal body, and when
    # that changed (docs/decisions/0002).
    history = HistoricalRecords(excluded_fields=[REVISION_FIELD], m2m_fields=[owners])

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="organization_ends_after_start",
                violation_error_message=ORGANIZATION_ENDS_BEFORE_START,
            ),
        ]

    def __str__(self):
        return self.localized("name")

    def clean(self):
        errors = {}
        if is_own_ancestor(self):
            errors["parent"] = ORGANIZATION_OWN_ANCESTOR
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ORGANIZATION_ENDS_BEFORE_START
        if errors:
            raise ValidationError(errors)

    def ended_on(self, day) -> bool:
        """True when the organisation no longer existed on `day` (its last day was before)."""
        return self.end_date is not None and self.end_date < day

    def lineage_ids(self) -> list[int]:
        """This organisation's id followed by its parents' ids, nearest first."""
        ids, node = [], self
        while node is not None and node.pk not in ids:
            ids.append(node.pk)
            node = node.parent
        return ids


class Position(BilingualMixin, EditRevisionModel):
    """An office inside an organisation, e.g. "Minister responsible for Service New Brunswick"."""

    organization = models.ForeignKey(
        Organization,
        # PROTECT: positions carry accountability for obligations; they are retired, not deleted.
        on_delete=models.PROTECT,
        related_name="positions",
        help_text=_("The organisation this office belongs to."),
    )
    title_en = models.CharField(
        _("title (English)"),
        max_length=250,
        help_text=_("e.g. “Director, Intergovernmental Affairs”."),
    )
    title_fr = models.CharField(
        _("title (French)"),
        max_length=250,
        blank=True,
        help_text=_("e.g. “Directeur, Affaires intergouvernementales”."),
    )
    single_holder = models.BooleanField(
        default=True,
        help_text=_("Only one person may hold this office at a time (most offices)."),
    )
    history = HistoricalRecords(excluded_fields=[REVISION_FIELD])

    class Meta:
        ordering = ["organization__name_en", "title_en"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            # The natural key imports find a position by (opendata.importing).
            models.UniqueConstraint(
                fields=["organization", "title_en"],
                name="unique_position_title_per_organization",
                violation_error_message=POSITION_TITLE_TAKEN,
            ),
        ]

    def __str__(self):
        return f"{self.localized('title')}, {self.organization}"

    def holders_on(self, day):
        """People appointed to this position on `day`."""
        return Person.objects.filter(
            appointments__in=Appointment.objects.current_on(day).filter(position=self)
        )


class Person(models.Model):
    """Someone who holds or held a position, e.g. the President and CEO of Service New Brunswick."""

    given_name = models.CharField(max_length=120, help_text=_("First name(s)."))
    family_name = models.CharField(max_length=120, help_text=_("Last name."))
    honorific = models.CharField(max_length=40, blank=True, help_text=_("e.g. Hon., Dr."))
    email = models.EmailField(blank=True, help_text=_("Work email, shown only to staff."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)


class AppointmentQuerySet(models.QuerySet):
    def current_on(self, day):
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def overlapping(self, *, position, start, end, exclude_pk=None):
        qs = self.filter(position=position).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start)
        )
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        if exclude_pk is not None:
            qs = qs.exclude(pk=exclude_pk)
        return qs


class Appointment(EditRevisionModel):
    """A person holding a position for a period, e.g. Jane Doe, Minister of X, 2022-07-01 to today."""

    person = models.ForeignKey(
        Person,
        # PROTECT: appointments are the record of who was accountable; people are not erased.
        on_delete=models.PROTECT,
        related_name="appointments",
        help_text=_("Who holds the position."),
    )
    position = models.ForeignKey(
        Position,
        # PROTECT: see Position; a position with appointment history is never deleted.
        on_delete=models.PROTECT,
        related_name="appointments",
        help_text=_("Which office they hold."),
    )
    start_date = models.DateField(help_text=_("First day in office."))
    end_date = models.DateField(
        null=True, blank=True, help_text=_("Last day in office; empty while in office.")
    )
    acting = models.BooleanField(default=False, help_text=_("An interim or acting appointment."))
    history = HistoricalRecords(excluded_fields=[REVISION_FIELD])

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "-start_date"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="appointment_ends_after_start",
                violation_error_message=APPOINTMENT_ENDS_BEFORE_START,
            ),
        ]

    def __str__(self):
        end = self.end_date.isoformat() if self.end_date else "…"
        return f"{self.person} — {self.position} ({self.start_date.isoformat()}–{end})"

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": APPOINTMENT_ENDS_BEFORE_START})
        if not (self.position_id and self.start_date) or not self.position.single_holder:
            return
        clash = (
            Appointment.objects.overlapping(
                position=self.position, start=self.start_date, end=self.end_date, exclude_pk=self.pk
            )
            .select_related("person")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                APPOINTMENT_OVERLAPS.format(
                    holder=clash.person,
                    start=clash.start_date.isoformat(),
                    end=clash.end_date.isoformat() if clash.end_date else _("today"),
                )
            )


class OrganizationRole(models.Model):
    """The staff group that plays one role for one organisation, e.g. the group
    "Service New Brunswick — liaison officers". Agreement permissions are granted to these groups,
    never to people, so staff gain and lose access by joining and leaving groups.

    Created and renamed by `jurisdictions.roles.organization_groups_ensure`, never by hand. No
    history: the three columns never change after creation (the group's name does, on the group).
    """

    class Role(models.TextChoices):
        LIAISON = "liaison", _("Liaison officers")
        MINISTER = "minister", _("Minister's office")

    organization = models.ForeignKey(
        Organization,
        # CASCADE: a role exists only for its organisation; roles.organization_groups_delete
        # removes the groups themselves before an organisation is deleted.
        on_delete=models.CASCADE,
        related_name="roles",
        help_text=_("The organisation whose staff the group holds."),
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        help_text=_(
            "Liaison officers draft, negotiate and sign agreements; the minister's office "
            "reviews and approves them."
        ),
    )
    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="organization_role",
        help_text=_("The staff group holding this role; add people to it to give them access."),
    )

    class Meta:
        ordering = ["organization__name_en", "role"]
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "role"], name="one_group_per_organization_role"
            ),
        ]

    def __str__(self):
        return self.group.name


class OrganizationSuccession(models.Model):
    """One link of a machinery-of-government change: an organisation that ended and the body
    that took over from it, e.g. "Department of Social Development merged into Department of
    Health and Social Services on 1 April 2025". A split has one row per successor; a
    dissolution has one row and no successor.

    Recorded, with the move of positions, parties and obligations to the successor, by
    `agreements.services.succession.organization_succeed`.
    """

    class Kind(models.TextChoices):
        RENAMED = "renamed", _("Renamed")
        MERGED_INTO = "merged_into", _("Merged into")
        SPLIT_INTO = "split_into", _("Split into")
        DISSOLVED = "dissolved", _("Dissolved")

    predecessor = models.ForeignKey(
        Organization,
        # PROTECT: the succession is the record of where an ended organisation's duties went.
        on_delete=models.PROTECT,
        related_name="successions",
        help_text=_("The organisation that ended."),
    )
    successor = models.ForeignKey(
        Organization,
        # PROTECT: as for the predecessor; a successor with a past is not deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessions",
        help_text=_("The organisation that took over; empty when the organisation was dissolved."),
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, help_text=_("What happened to the organisation.")
    )
    date = models.DateField(
        help_text=_(
            "The first day under the new arrangement; the predecessor ended the day before."
        )
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("organisation succession")
        verbose_name_plural = _("organisation successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="one_succession_per_successor"
            ),
            models.CheckConstraint(
                condition=Q(kind="dissolved", successor__isnull=True)
                | (~Q(kind="dissolved") & Q(successor__isnull=False)),
                name="succession_successor_matches_kind",
                violation_error_message=SUCCESSION_NEEDS_SUCCESSOR,
            ),
        ]

    def __str__(self):
        if self.successor_id is None:
            return f"{self.predecessor} — {self.get_kind_display()} ({self.date.isoformat()})"
        return (
            f"{self.predecessor} — {self.get_kind_display()} {self.successor} "
            f"({self.date.isoformat()})"
        )

    def clean(self):
        if self.kind == self.Kind.DISSOLVED and self.successor_id is not None:
            raise ValidationError({"successor": DISSOLVED_HAS_NO_SUCCESSOR})
        if self.kind != self.Kind.DISSOLVED and self.successor_id is None:
            raise ValidationError({"successor": SUCCESSION_NEEDS_SUCCESSOR})
        if self.successor_id is not None and self.successor_id == self.predecessor_id:
            raise ValidationError({"successor": SUCCESSOR_IS_PREDECESSOR})


class OrganizationParentPeriod(models.Model):
    """A past period during which an organisation reported to another, e.g. Service New
    Brunswick under the Department of Finance until 31 March 2019. The organisation's `parent`
    field is its current parent; these rows keep the earlier structure for as-of views
    (`jurisdictions.machinery.parent_on`)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="parent_periods",
        help_text=_("The organisation that moved."),
    )
    parent = models.ForeignKey(
        Organization,
        # PROTECT: the past structure stays readable; a former parent is not deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Its parent during the period; empty when it reported to no organisation."),
    )
    start_date = models.DateField(
        null=True, blank=True, help_text=_("First day of the period; empty if not known.")
    )
    end_date = models.DateField(help_text=_("Last day of the period."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["organization", "-end_date"]
        verbose_name = _("former parent")
        verbose_name_plural = _("former parents")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="parent_period_ends_after_start",
                violation_error_message=PARENT_PERIOD_ENDS_BEFORE_START,
            ),
        ]

    def __str__(self):
        start = self.start_date.isoformat() if self.start_date else "…"
        return f"{self.organization} → {self.parent or '—'} ({start}–{self.end_date.isoformat()})"
