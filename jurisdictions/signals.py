"""What the reference data announces to the apps built on it.

`jurisdictions` is the lower layer: it must never import `agreements` (see
docs/decisions/0015-import-direction.md), yet a change to an organisation can matter to
agreements (moving an organisation to another parent changes which ministers' offices see its
agreements). So the code that changes an organisation *sends* `organization_changed`, explicitly,
inside its transaction, and the apps above connect to it in their AppConfig.ready (agreements
re-syncs its object permissions). It is not a model signal: a plain `save()` sends nothing.
"""

from collections.abc import Iterable

from django.dispatch import Signal

from .models import Organization

#: Sent with `organization` (saved) and `changed_fields` (a frozenset of field names).
organization_changed = Signal()


def organization_changed_send(*, organization: Organization, changed_fields: Iterable[str]) -> None:
    """Tell the apps above that `organization` was saved with `changed_fields` changed. Call
    inside the transaction that saved it: the receivers' writes join that transaction, and an
    exception in a receiver rolls the whole change back."""
    changed = frozenset(changed_fields)
    if changed:
        organization_changed.send(
            sender=Organization, organization=organization, changed_fields=changed
        )
