"""The read model of the published registry: what the public browser lists, sorts and counts,
as indexed columns instead of JSON snapshots and correlated subqueries.

Derived data, written only by `agreements.published_read_model` (which says when), and rebuilt
from the versions by `manage.py search_reindex`. One `PublishedAgreement` row per agreement with a
signed version; `public` marks the rows `Agreement.objects.published()` holds today. One
`PublishedFacet` row per (public agreement, facet, value): a jurisdiction's, organisation's or
service area's slug, a level, type or state code, or the year of first entry into force. Names
are not stored: pages join them from the reference tables, so a rename shows at once. Stored
counts of those rows: `PublishedFacetCount` per value, `PublishedPairCount` per two jurisdictions.
One `PublishedPosition` row per (public agreement, position its current published version names):
the positions the public may know of (organisation and position pages, sitemap, API).
"""

from django.db import models

PUBLIC = models.Q(public=True)


class PublishedAgreement(models.Model):
    """One agreement as the public sees it today, e.g. SNB-2021-004 as signed in version 2."""

    agreement = models.OneToOneField(
        "agreements.Agreement", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # True exactly when Agreement.objects.published() holds the agreement (checked by tests).
    public = models.BooleanField(default=False)
    # The current published version (the one the public reads); null when not public.
    version = models.ForeignKey(
        "agreements.AgreementVersion", on_delete=models.CASCADE, null=True, related_name="+"
    )
    reference = models.CharField(max_length=40)
    # Sort keys: the title case- and accent-folded; the French one falls back to the English.
    title_en_key = models.CharField(max_length=300, blank=True)
    title_fr_key = models.CharField(max_length=300, blank=True)
    agreement_type = models.CharField(max_length=30, blank=True)
    state = models.CharField(max_length=20, blank=True)
    first_in_force = models.DateField(null=True)  # version 1's effective date
    last_effective = models.DateField(null=True)  # the current version's effective date
    # The first day on which one of the agreement's versions takes effect after the day the row
    # was written: the row must be written again on that day (see published_read_model).
    due_on = models.DateField(null=True)
    refreshed_on = (
        models.DateField()
    )  # the day the row last changed (a refresh that changes nothing leaves it)

    class Meta:
        # Partial indexes (public rows only): the browser's orders read one page off them.
        indexes = [
            models.Index(
                fields=["title_en_key", "reference"], name="rm_title_en", condition=PUBLIC
            ),
            models.Index(
                fields=["title_fr_key", "reference"], name="rm_title_fr", condition=PUBLIC
            ),
            models.Index(fields=["reference"], name="rm_reference", condition=PUBLIC),
            models.Index(fields=["first_in_force", "reference"], name="rm_first", condition=PUBLIC),
            models.Index(fields=["last_effective", "reference"], name="rm_last", condition=PUBLIC),
            models.Index(fields=["due_on"], name="rm_due"),
            # The search count joins each match to the public rows: answered from this index,
            # without reading the table for `public` (8.5 → 3.3 ms for a word in every agreement).
            models.Index(fields=["agreement"], name="rm_public", condition=PUBLIC),
        ]

    def __str__(self) -> str:
        return self.reference


class PublishedFacet(models.Model):
    """One value of one facet of a public agreement, e.g. (SNB-2021-004, jurisdiction,
    new-brunswick). Counting a facet reads the (facet, value, agreement) index only."""

    agreement = models.ForeignKey(
        PublishedAgreement, on_delete=models.CASCADE, related_name="facets"
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "facet", "value"], name="rm_facet_unique")
        ]
        indexes = [models.Index(fields=["facet", "value", "agreement"], name="rm_facet_value")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class PublishedFacetCount(models.Model):
    """How many public agreements have one facet value, e.g. (jurisdiction, new-brunswick, 412):
    the facet counts of the unfiltered browser and the home page, read without counting. Kept
    equal to the `PublishedFacet` rows by the same writes (agreements.published_read_model)."""

    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=120)
    agreements = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="rm_facet_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}: {self.agreements}"


class PublishedPairCount(models.Model):
    """How many public agreements have parties in both of two jurisdictions, e.g.
    (new-brunswick, nova-scotia, 12): the links of the unfiltered network page (cms.network),
    read without joining the facet table to itself. `first` and `second` are jurisdiction facet
    values (slugs), `first < second` in Python's string order; each agreement counts once per
    pair. Kept equal to the `PublishedFacet` jurisdiction rows by the same writes
    (agreements.published_read_model)."""

    first = models.CharField(max_length=120)
    second = models.CharField(max_length=120)
    agreements = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="rm_pair_count_unique")
        ]

    def __str__(self) -> str:
        return f"{self.first}–{self.second}: {self.agreements}"


class PublishedPosition(models.Model):
    """One position a public agreement's current published version names, e.g. (SNB-2021-004,
    Registrar General, accountable): as the accountability owner of a responsibility, a party's
    signatory position, the chair or a member of the governing body, or an office that signed
    that version (a second minister, a later signature). Only the rows of public agreements
    exist, so "the public may know of this position" is "it has a row"."""

    agreement = models.ForeignKey(
        PublishedAgreement, on_delete=models.CASCADE, related_name="positions"
    )
    # CASCADE: derived data; a position deleted is named nowhere the public can follow.
    position = models.ForeignKey(
        "jurisdictions.Position", on_delete=models.CASCADE, related_name="+"
    )
    # The version makes the position accountable for at least one responsibility (the position
    # page lists those agreements' responsibilities).
    accountable = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="rm_position_unique")
        ]
        indexes = [
            models.Index(fields=["position", "accountable", "agreement"], name="rm_position")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.position_id}"
