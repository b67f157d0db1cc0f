"""May an agreement's content be edited now? Asked before every edit, by the lifecycle services,
the party and responsibility services and the admin's forms."""

from agreements import lifecycle
from agreements.lifecycle import AgreementNotEditable
from agreements.models import Agreement


def agreement_assert_editable(agreement: Agreement) -> None:
    """Raise AgreementNotEditable (with the reason as `.message`) unless the agreement's content
    (its fields, parties and responsibilities) may be edited now: in draft or negotiation, or in
    force while an amendment is open and not yet under review. Call before saving any edit."""
    refusal = lifecycle.edit_refusal(agreement)
    if refusal is not None:
        raise AgreementNotEditable(refusal)
