"""The agreements and everything that hangs off them. Re-exported so `agreements.models.X` works."""

from .agreement import Agreement, AgreementQuerySet, AgreementRelation
from .amendments import Amendment
from .approvals import ApprovalGate, ApprovalStep, PartyApproval, PartyApprovalStep
from .financial import FinancialCommitment
from .governance import GovernanceBody
from .object_permissions import AgreementGroupObjectPermission, AgreementUserObjectPermission
from .parties import Party
from .pdfs import AgreementVersionPDF, AgreementVersionPDFQuerySet
from .read_model import (
    PublishedAgreement,
    PublishedFacet,
    PublishedFacetCount,
    PublishedPairCount,
    PublishedPosition,
)
from .reference import DeliveryChannel, ServiceArea
from .reports import Report
from .responsibilities import Responsibility
from .search import AgreementSearchEntry
from .signatures import Signatory, Signature
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
    "ApprovalGate",
    "ApprovalStep",
    "DeliveryChannel",
    "FinancialCommitment",
    "GovernanceBody",
    "Party",
    "PartyApproval",
    "PartyApprovalStep",
    "PublishedAgreement",
    "PublishedFacet",
    "PublishedFacetCount",
    "PublishedPairCount",
    "PublishedPosition",
    "Report",
    "Responsibility",
    "ServiceArea",
    "Signatory",
    "Signature",
]
