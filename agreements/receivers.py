"""What agreements do when the reference data below them changes (receivers of
jurisdictions/signals.py, connected in AgreementsConfig.ready).

jurisdictions never imports agreements; it announces the change and this module decides what it
means for agreements, calling the agreements' own services.
"""

from agreements.models import Party
from agreements.published_read_model import read_model_refresh
from agreements.services.parties import organization_grants_sync


def organization_changed_received(sender, *, organization, changed_fields, **kwargs) -> None:
    """A new parent changes the portfolio of the ministers' offices above the organisation:
    recompute the grants of the agreements it (or an organisation under it) is a party to."""
    if "parent" in changed_fields:
        organization_grants_sync(organization=organization)
    if "slug" in changed_fields:  # the browser's organisation facet holds slugs
        agreements = Party.objects.filter(organization=organization).values_list("agreement_id")
        read_model_refresh(agreement_id for (agreement_id,) in agreements)
