"""The agreements and everything that hangs off them. Re-exported so `agreements.models.X` works."""

from .agreement import Agreement, AgreementQuerySet, AgreementRelation
from .amendments import Amendment
from .governance import GovernanceBody
from .object_permissions import AgreementGroupObjectPermission, AgreementUserObjectPermission
from .parties import Party
from .pdfs import AgreementVersionPDF, AgreementVersionPDFQuerySet
from .reference import DeliveryChannel, ServiceArea
from .reports import Report
from .responsibilities import Responsibility
from .search import AgreementSearchEntry
from .transitions import AgreementTransition
from .versions import AgreementVersion, AgreementVersionQuerySet

__all__ = [
    "Agreement",
    "AgreementQuerySet",
    "AgreementGroupObjectPermission",
    "AgreementRelation",
    "AgreementSearchEntry",
    "AgreementTransition",
    "AgreementUserObjectPermission",
    "AgreementVersion",
    "AgreementVersionPDF",
    "AgreementVersionPDFQuerySet",
    "AgreementVersionQuerySet",
    "Amendment",
    "DeliveryChannel",
    "GovernanceBody",
    "Party",
    "Report",
    "Responsibility",
    "ServiceArea",
]
