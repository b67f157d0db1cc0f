"""Every demo agreement and amendment, as plain data. Add an agreement by appending an
`AgreementData` to one of the regional modules, an amendment by appending an `AmendmentData` to
an `amendments_*` module; the loader and the tests pick them up."""

from .agreements_australia_belgium import AGREEMENTS_AUSTRALIA_BELGIUM
from .agreements_canada import AGREEMENTS_CANADA
from .agreements_denmark_uk import AGREEMENTS_DENMARK_UK
from .agreements_new_brunswick import AGREEMENTS_NEW_BRUNSWICK
from .amendments_new_brunswick import AMENDMENTS_NEW_BRUNSWICK
from .schema import AgreementData, AmendmentData

AGREEMENTS: tuple[AgreementData, ...] = (
    *AGREEMENTS_NEW_BRUNSWICK,
    *AGREEMENTS_CANADA,
    *AGREEMENTS_AUSTRALIA_BELGIUM,
    *AGREEMENTS_DENMARK_UK,
)

# In the order they were signed: an agreement's amendment 1 before its amendment 2.
AMENDMENTS: tuple[AmendmentData, ...] = (*AMENDMENTS_NEW_BRUNSWICK,)
