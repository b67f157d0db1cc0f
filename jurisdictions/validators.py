"""Shape checks for public identifiers of governments."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

OCD_DIVISION_MESSAGE = _(
    "Enter an Open Civic Data division id such as "
    "“ocd-division/country:ca/province:nb” (lower-case type:id segments)."
)
ISO_3166_MESSAGE = _(
    "Enter an ISO 3166 code: a country code such as “CA” or a subdivision code such as “CA-NB”."
)

validate_ocd_division_id = RegexValidator(
    regex=r"^ocd-division/country:[a-z]{2}(/[a-z_]+:[a-z0-9_.~\-]+)*$",
    message=OCD_DIVISION_MESSAGE,
    code="invalid_ocd_division_id",
)
validate_iso_3166_code = RegexValidator(
    regex=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
    message=ISO_3166_MESSAGE,
    code="invalid_iso_3166_code",
)
