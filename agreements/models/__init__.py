"""The agreements and everything that hangs off them. Re-exported so `agreements.models.X` works."""

from .agreement import Agreement, AgreementQuerySet, AgreementRelation
from .governance import GovernanceBody
from .object_permissions import AgreementGroupObjectPermission, AgreementUserObjectPermission
from .parties import Party
from .reference import DeliveryChannel, ServiceArea
from .responsibilities import Responsibility

__all__ = [
    "Agreement",
    "AgreementQuerySet",
    "AgreementGroupObjectPermission",
    "AgreementRelation",
    "AgreementUserObjectPermission",
    "DeliveryChannel",
    "GovernanceBody",
    "Party",
    "Responsibility",
    "ServiceArea",
]
