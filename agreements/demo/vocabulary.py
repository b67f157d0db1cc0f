"""Short names for the choices the demo data uses, so the data modules read like tables."""

from dataclasses import replace

from agreements.models import Agreement, AgreementRelation, Party, Responsibility
from agreements.recurrence import Recurrence

from .schema import ResponsibilityData

State = Agreement.State
Type = Agreement.Type
RESTRICTED = Agreement.Visibility.RESTRICTED
Role = Party.Role
Kind = Responsibility.Kind
Status = Responsibility.Status
Relation = AgreementRelation.Kind
Every = Recurrence

ILLUSTRATIVE_EN = (
    "Illustrative demo content: plausible terms, not the text of a published agreement."
)
ILLUSTRATIVE_FR = (
    "Contenu de démonstration illustratif : modalités plausibles, et non le texte d’une entente "
    "publiée."
)
SUMMARISED_EN = "The obligations shown are an illustrative summary, not the legal text."
SUMMARISED_FR = (
    "Les obligations présentées en sont un résumé illustratif, et non le texte juridique."
)


def completed(*responsibilities: ResponsibilityData) -> tuple[ResponsibilityData, ...]:
    """The obligations of an agreement that has ended: none of them applies any more."""
    return tuple(replace(item, status=Status.COMPLETED) for item in responsibilities)
