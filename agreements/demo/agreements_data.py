"""Every demo agreement, as plain data. Add an agreement by appending an `AgreementData` to one of
the regional modules; the loader and the tests pick it up."""

from .agreements_australia_belgium import AGREEMENTS_AUSTRALIA_BELGIUM
from .agreements_canada import AGREEMENTS_CANADA
from .agreements_denmark_uk import AGREEMENTS_DENMARK_UK
from .agreements_new_brunswick import AGREEMENTS_NEW_BRUNSWICK
from .schema import AgreementData

AGREEMENTS: tuple[AgreementData, ...] = (
    *AGREEMENTS_NEW_BRUNSWICK,
    *AGREEMENTS_CANADA,
    *AGREEMENTS_AUSTRALIA_BELGIUM,
    *AGREEMENTS_DENMARK_UK,
)
