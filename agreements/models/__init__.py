"""The agreements and everything that hangs off them. Re-exported so `agreements.models.X` works."""

from .agreement import Agreement, AgreementQuerySet, AgreementRelation
from .governance import GovernanceBody
from .parties import Party
from .reference import DeliveryChannel, ServiceArea
from .responsibilities import Responsibility

__all__ = [
    "Agreement",
    "AgreementQuerySet",
    "AgreementRelation",
    "DeliveryChannel",
    "GovernanceBody",
    "Party",
    "Responsibility",
    "ServiceArea",
]
